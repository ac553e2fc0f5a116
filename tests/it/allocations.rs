//! How many heap allocations each operation makes, with std as the oracle.
//!
//! The test binary's global allocator counts the allocations of each thread,
//! so a test can tell "allocates nothing" (`Weak::new`, a zero-sized `Box`)
//! and "allocates once" (`Rc::new`, `Rc<str>::from`) apart from each other
//! and from std's behaviour, which no size or value check can.
#![allow(
    unsafe_code,
    reason = "a GlobalAlloc implementation is unsafe by definition"
)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// The system allocator, counting the allocations made on each thread.
struct CountingAllocator;

thread_local! {
    // `const` and destructor-free: initialising it must not allocate, and it
    // must stay usable while the thread is being torn down.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every method forwards to `System` with the caller's arguments, so
// `System`'s guarantees are ours; the counting touches only a thread-local
// `Cell`, which neither allocates nor unwinds.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_one();
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract for `layout`.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count_one();
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_one();
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller upholds `GlobalAlloc::dealloc`'s contract.
        unsafe { System.dealloc(ptr, layout) }
    }
}

fn count_one() {
    // `try_with`: the slot may already be gone while the thread exits.
    let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
}

#[global_allocator]
static COUNTING: CountingAllocator = CountingAllocator;

/// How many allocations this thread makes while running `operation`
/// (including any the value it returns makes when dropped: none here).
fn allocations<R>(operation: impl FnOnce() -> R) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    let value = operation();
    let after = ALLOCATIONS.with(Cell::get);
    drop(value);
    after - before
}

#[test]
fn the_counter_sees_allocations() {
    assert_eq!(allocations(|| ()), 0);
    assert_eq!(allocations(|| Vec::<u8>::with_capacity(1)), 1);
}

#[test]
fn weak_new_allocates_nothing_like_std() {
    assert_eq!(allocations(std::rc::Weak::<u64>::new), 0);
    assert_eq!(allocations(ownkit::rc::Weak::<u64>::new), 0);
    // Not even for a type too big to fit anywhere but the heap.
    assert_eq!(allocations(ownkit::rc::Weak::<[u8; 4096]>::new), 0);
}

#[test]
fn zero_sized_values_allocate_nothing_like_std() {
    assert_eq!(allocations(|| std::boxed::Box::new(())), 0);
    assert_eq!(allocations(|| ownkit::Box::new(())), 0);
    assert_eq!(allocations(|| ownkit::Box::new([0_u64; 0])), 0);
    assert_eq!(
        allocations(|| ownkit::Box::<[u8]>::from(Vec::new())),
        allocations(|| std::boxed::Box::<[u8]>::from(Vec::new())),
    );
}

#[test]
fn one_value_one_allocation_like_std() {
    assert_eq!(allocations(|| std::boxed::Box::new(1_u64)), 1);
    assert_eq!(allocations(|| ownkit::Box::new(1_u64)), 1);
    assert_eq!(allocations(|| std::rc::Rc::new(1_u64)), 1);
    assert_eq!(allocations(|| ownkit::Rc::new(1_u64)), 1);
    // `Rc` stores a zero-sized value next to its counts: still one block.
    assert_eq!(
        allocations(|| ownkit::Rc::new(())),
        allocations(|| std::rc::Rc::new(()))
    );
}

#[test]
fn cloning_and_upgrading_an_rc_allocate_nothing() {
    let rc = ownkit::Rc::new(String::from("shared"));
    let weak = ownkit::Rc::downgrade(&rc);
    assert_eq!(allocations(|| ownkit::Rc::clone(&rc)), 0);
    assert_eq!(allocations(|| ownkit::Rc::downgrade(&rc)), 0);
    assert_eq!(allocations(|| weak.upgrade()), 0);
}

#[test]
fn unsized_rcs_allocate_like_std() {
    assert_eq!(
        allocations(|| ownkit::Rc::<str>::from("a string slice")),
        allocations(|| std::rc::Rc::<str>::from("a string slice")),
    );
    assert_eq!(
        allocations(|| ownkit::Rc::<[u32]>::from(&[1, 2, 3][..])),
        allocations(|| std::rc::Rc::<[u32]>::from(&[1, 2, 3][..])),
    );
    // Moving a Vec's elements into an `Rc<[T]>`: the block, nothing else.
    let (ours, theirs) = (vec![1_u32, 2, 3], vec![1_u32, 2, 3]);
    assert_eq!(
        allocations(|| ownkit::Rc::<[u32]>::from(ours)),
        allocations(|| std::rc::Rc::<[u32]>::from(theirs)),
    );
    // An iterator that knows its exact length: one block, no Vec on the way;
    // one that does not: a Vec first, as std does.
    assert_eq!(
        allocations(|| (0..100_u32).map(|n| n * 3).collect::<ownkit::Rc<[u32]>>()),
        allocations(|| (0..100_u32).map(|n| n * 3).collect::<std::rc::Rc<[u32]>>()),
    );
    assert_eq!(
        allocations(|| (0..100_u32).collect::<ownkit::Rc<[u32]>>()),
        1,
        "an exact-size iterator is collected straight into the block"
    );
    assert_eq!(
        allocations(|| (0..100_u32)
            .filter(|n| n % 3 == 0)
            .collect::<ownkit::Rc<[u32]>>()),
        allocations(|| (0..100_u32)
            .filter(|n| n % 3 == 0)
            .collect::<std::rc::Rc<[u32]>>()),
    );
    // From a std Box: a new block with the counts, then the box is freed.
    let (ours, theirs) = (
        std::boxed::Box::new(7_u64) as std::boxed::Box<dyn std::fmt::Debug>,
        std::boxed::Box::new(7_u64) as std::boxed::Box<dyn std::fmt::Debug>,
    );
    assert_eq!(
        allocations(|| ownkit::Rc::<dyn std::fmt::Debug>::from(ours)),
        allocations(|| std::rc::Rc::<dyn std::fmt::Debug>::from(theirs)),
    );
}

#[test]
fn converting_a_std_box_moves_it_without_allocating() {
    let boxed = std::boxed::Box::new([1_u8; 32]);
    assert_eq!(allocations(|| ownkit::Box::<[u8; 32]>::from(boxed)), 0);
    let boxed: std::boxed::Box<str> = "text".into();
    assert_eq!(allocations(|| ownkit::Box::<str>::from(boxed)), 0);
}

#[test]
fn cells_never_allocate() {
    assert_eq!(
        allocations(|| {
            let cell = ownkit::cell::RefCell::new(5);
            let reader = cell.borrow();
            let refused = cell.try_borrow_mut().is_err();
            drop(reader);
            *cell.borrow_mut() += 1;
            let counter = ownkit::cell::Cell::new(1);
            counter.set(counter.get() + 1);
            refused
        }),
        0
    );
}

#[test]
fn arc_weak_new_allocates_nothing_like_std() {
    assert_eq!(allocations(std::sync::Weak::<u64>::new), 0);
    assert_eq!(allocations(ownkit::sync::Weak::<u64>::new), 0);
    assert_eq!(allocations(ownkit::sync::Weak::<[u8; 4096]>::new), 0);
    let weak = ownkit::sync::Weak::<String>::new();
    assert_eq!(allocations(|| weak.clone()), 0);
    assert_eq!(allocations(|| weak.upgrade()), 0);
}

#[test]
fn arc_new_allocates_once_like_std() {
    assert_eq!(allocations(|| std::sync::Arc::new(1_u64)), 1);
    assert_eq!(allocations(|| ownkit::Arc::new(1_u64)), 1);
    assert_eq!(
        allocations(|| ownkit::Arc::new(())),
        allocations(|| std::sync::Arc::new(()))
    );
    assert_eq!(
        allocations(|| ownkit::Arc::new_cyclic(|_| 1_u64)),
        allocations(|| std::sync::Arc::new_cyclic(|_| 1_u64))
    );
    // Cloning, downgrading and upgrading only touch the counts.
    let arc = ownkit::Arc::new(String::from("shared"));
    let weak = ownkit::Arc::downgrade(&arc);
    assert_eq!(allocations(|| ownkit::Arc::clone(&arc)), 0);
    assert_eq!(allocations(|| ownkit::Arc::downgrade(&arc)), 0);
    assert_eq!(allocations(|| weak.upgrade()), 0);
}

#[test]
fn unsized_arcs_allocate_like_std() {
    assert_eq!(
        allocations(|| ownkit::Arc::<str>::from("a string slice")),
        allocations(|| std::sync::Arc::<str>::from("a string slice")),
    );
    let (ours, theirs) = (String::from("owned"), String::from("owned"));
    assert_eq!(
        allocations(|| ownkit::Arc::<str>::from(ours)),
        allocations(|| std::sync::Arc::<str>::from(theirs)),
    );
    assert_eq!(
        allocations(|| ownkit::Arc::<[u32]>::from(&[1, 2, 3][..])),
        allocations(|| std::sync::Arc::<[u32]>::from(&[1, 2, 3][..])),
    );
    assert_eq!(
        allocations(|| ownkit::Arc::<[u32]>::from([1, 2, 3])),
        allocations(|| std::sync::Arc::<[u32]>::from([1, 2, 3])),
    );
    // Moving a Vec's elements into an `Arc<[T]>`: the block, nothing else.
    let (ours, theirs) = (vec![1_u32, 2, 3], vec![1_u32, 2, 3]);
    assert_eq!(
        allocations(|| ownkit::Arc::<[u32]>::from(ours)),
        allocations(|| std::sync::Arc::<[u32]>::from(theirs)),
    );
    // An iterator that knows its exact length: one block, no Vec on the way.
    assert_eq!(
        allocations(|| (0..100_u32).map(|n| n * 3).collect::<ownkit::Arc<[u32]>>()),
        allocations(|| (0..100_u32)
            .map(|n| n * 3)
            .collect::<std::sync::Arc<[u32]>>()),
    );
    assert_eq!(
        allocations(|| (0..100_u32).collect::<ownkit::Arc<[u32]>>()),
        1,
        "an exact-size iterator is collected straight into the block"
    );
    // From a std Box: a new block with the counts, then the box is freed.
    let (ours, theirs) = (
        std::boxed::Box::new(7_u64) as std::boxed::Box<dyn std::fmt::Debug + Send + Sync>,
        std::boxed::Box::new(7_u64) as std::boxed::Box<dyn std::fmt::Debug + Send + Sync>,
    );
    assert_eq!(
        allocations(|| ownkit::Arc::<dyn std::fmt::Debug + Send + Sync>::from(ours)),
        allocations(|| std::sync::Arc::<dyn std::fmt::Debug + Send + Sync>::from(theirs)),
    );
    let (ours, theirs) = (
        std::boxed::Box::<[u8]>::from(&b"bytes"[..]),
        std::boxed::Box::<[u8]>::from(&b"bytes"[..]),
    );
    assert_eq!(
        allocations(|| ownkit::Arc::<[u8]>::from(ours)),
        allocations(|| std::sync::Arc::<[u8]>::from(theirs)),
    );
}
