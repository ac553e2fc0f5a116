//! Unit tests of `arena.rs`.

extern crate std;

use super::{BeginMarker, Chunk, EndMarker, FreedMarker, RawArena};
use crate::observe::address_of;
use alloc_crate::string::String;
use alloc_crate::vec::Vec;
use core::cell::Cell;
use core::mem::size_of;

#[test]
fn the_markers_cost_what_the_module_docs_say() {
    assert_eq!(size_of::<BeginMarker>(), size_of::<usize>());
    assert_eq!(size_of::<EndMarker>(), size_of::<usize>());
    assert_eq!(size_of::<FreedMarker>(), 3 * size_of::<usize>());
    assert_eq!(
        size_of::<Chunk<u64>>(),
        size_of::<Vec<u64>>() + size_of::<FreedMarker>()
    );
}

#[test]
fn the_end_marker_finds_the_begin_marker() {
    fn check<T>(arena: &RawArena<T>) {
        let begin = address_of(&arena.begin);
        let end = address_of(&arena.end);
        assert_eq!(
            end.wrapping_sub(arena.end.back_to_begin),
            begin,
            "end at {end:#x} steps back {} bytes",
            arena.end.back_to_begin
        );
        assert_eq!(arena.pointer_info().address, begin);
    }
    check(&RawArena::<u8>::new());
    check(&RawArena::<String>::with_capacity(4));
    check(&RawArena::<()>::new());
}

#[test]
fn the_free_markers_describe_the_buffers_their_vecs_own() {
    let chunk = Chunk::<u32>::with_capacity(3);
    assert_eq!(chunk.freed.block.address, chunk.values.as_ptr().addr());
    assert_eq!(chunk.freed.block.size, 4 * chunk.values.capacity());
    assert_eq!(chunk.freed.block.align, 4);
    assert_eq!(Chunk::<()>::with_capacity(3).freed.block.size, 0);
    assert_eq!(Chunk::<u32>::with_capacity(0).freed.block.size, 0);

    let mut arena = RawArena::with_capacity(1);
    arena.alloc(1_u64);
    arena.alloc(2_u64);
    arena.alloc_vec(alloc_crate::vec![3_u64; 200]);
    let chunks = arena.chunks.get_mut();
    assert_eq!(chunks.rest.len(), 2);
    assert_eq!(
        chunks.rest_freed.block.address,
        chunks.rest.as_ptr().addr(),
        "the list's marker follows the list when it grows"
    );
    assert_eq!(
        chunks.rest_freed.block.size,
        chunks.rest.capacity() * size_of::<Chunk<u64>>()
    );
    for chunk in chunks.rest.iter().chain([&chunks.current]) {
        assert_eq!(chunk.freed.block.address, chunk.values.as_ptr().addr());
        assert_eq!(chunk.freed.block.size, 8 * chunk.values.capacity());
    }
}

#[test]
fn chunks_grow_and_values_keep_their_addresses() {
    let mut arena = RawArena::with_capacity(2);
    let first = arena.alloc(1_u32);
    let first_address: *const u32 = first;
    for value in 2..100 {
        arena.alloc(value);
    }
    *first += 100;
    assert_eq!(first_address, &raw const *first);
    assert_eq!(*first, 101);
    let chunks = arena.chunks.get_mut();
    assert!(chunks.rest.iter().all(|chunk| !chunk.values.is_empty()));
    assert!(
        chunks
            .rest
            .windows(2)
            .all(|pair| pair[1].values.capacity() >= 2 * pair[0].values.capacity()),
        "chunks must at least double"
    );
}

#[test]
fn values_go_in_only_while_len_is_below_capacity() {
    let mut arena = RawArena::with_capacity(3);
    for value in 0..3_u8 {
        arena.alloc(value);
    }
    let before = arena.chunks.get_mut().current.values.as_ptr();
    arena.alloc_vec(alloc_crate::vec![7, 8]);
    let chunks = arena.chunks.get_mut();
    assert_eq!(chunks.rest.len(), 1, "the full chunk retires");
    assert_eq!(
        chunks.rest[0].values.as_ptr(),
        before,
        "retiring moves no value"
    );
    assert_eq!(chunks.rest[0].values, [0, 1, 2]);
    assert_eq!(chunks.current.values, [7, 8]);
}

#[test]
fn an_empty_chunk_is_freed_not_retired() {
    let mut arena = RawArena::with_capacity(1);
    arena.alloc_vec(alloc_crate::vec![1_u8, 2, 3]);
    assert!(arena.chunks.get_mut().rest.is_empty());
    assert_eq!(arena.into_vec(), [1, 2, 3]);
}

#[test]
fn zero_sized_values_never_need_a_second_chunk() {
    let mut arena = RawArena::new();
    for _ in 0..1000 {
        arena.alloc(());
    }
    arena.alloc_vec(alloc_crate::vec![(); 1000]);
    assert_eq!(arena.len(), 2000);
    assert!(arena.chunks.get_mut().rest.is_empty());
}

#[test]
fn a_too_big_request_panics_and_changes_nothing() {
    let mut arena = RawArena::new();
    arena.alloc(5_u64);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        arena.chunks.get_mut().add_chunk(usize::MAX / 4);
    }));
    assert!(result.is_err());
    assert_eq!(arena.into_vec(), [5]);
}

/// The list is lent out only inside each call (invariant 3): values handed
/// out before stay usable through every later call, across new chunks, and
/// Miri checks that no call's borrow of the list touches them.
#[test]
fn values_handed_out_stay_usable_through_every_later_call() {
    let arena = RawArena::with_capacity(1);
    let first = arena.alloc(Cell::new(0));
    let second = arena.alloc(Cell::new(1));
    first.set(10);
    assert_eq!(arena.len(), 2);
    second.set(11);
    assert!(!arena.is_empty());
    let run = arena.alloc_vec((2..5).map(Cell::new).collect());
    first.set(first.get() + 1);
    run[0].set(12);
    let last = arena.alloc(Cell::new(5));
    second.set(second.get() + 1);
    run[2].set(14);
    last.set(15);
    assert_eq!(
        [
            first.get(),
            second.get(),
            run[0].get(),
            run[1].get(),
            run[2].get(),
            last.get()
        ],
        [11, 12, 12, 3, 14, 15]
    );
    assert_eq!(
        arena.into_vec().iter().map(Cell::get).collect::<Vec<_>>(),
        [11, 12, 12, 3, 14, 15]
    );
}
