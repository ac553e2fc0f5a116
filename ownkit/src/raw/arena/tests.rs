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

    let arena = RawArena::with_capacity(1);
    arena.alloc(1_u64);
    arena.alloc(2_u64);
    arena.alloc_vec(alloc_crate::vec![3_u64; 200]);
    let chunks = arena.chunks.borrow();
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
    let arena = RawArena::with_capacity(2);
    let first = arena.alloc(1_u32);
    let first_address: *const u32 = first;
    for value in 2..100 {
        arena.alloc(value);
    }
    *first += 100;
    assert_eq!(first_address, &raw const *first);
    assert_eq!(*first, 101);
    let chunks = arena.chunks.borrow();
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
    let arena = RawArena::with_capacity(3);
    for value in 0..3_u8 {
        arena.alloc(value);
    }
    let before = arena.chunks.borrow().current.values.as_ptr();
    arena.alloc_vec(alloc_crate::vec![7, 8]);
    let chunks = arena.chunks.borrow();
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
    let arena = RawArena::with_capacity(1);
    arena.alloc_vec(alloc_crate::vec![1_u8, 2, 3]);
    assert!(arena.chunks.borrow().rest.is_empty());
    assert_eq!(arena.into_vec(), [1, 2, 3]);
}

#[test]
fn zero_sized_values_never_need_a_second_chunk() {
    let arena = RawArena::new();
    for _ in 0..1000 {
        arena.alloc(());
    }
    arena.alloc_vec(alloc_crate::vec![(); 1000]);
    assert_eq!(arena.len(), 2000);
    assert!(arena.chunks.borrow().rest.is_empty());
}

#[test]
fn a_too_big_request_panics_and_changes_nothing() {
    let arena = RawArena::new();
    arena.alloc(5_u64);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        arena.chunks.borrow_mut().add_chunk(usize::MAX / 4);
    }));
    assert!(result.is_err());
    assert_eq!(arena.into_vec(), [5]);
}

#[test]
fn the_borrow_is_released_before_returning() {
    let arena = RawArena::new();
    let counter = arena.alloc(Cell::new(0));
    counter.set(1);
    assert!(arena.chunks.try_borrow_mut().is_ok());
    let values: Vec<_> = (0..3).map(Cell::new).collect();
    arena.alloc_vec(values);
    assert!(arena.chunks.try_borrow_mut().is_ok());
    assert_eq!(arena.len(), 4);
}
