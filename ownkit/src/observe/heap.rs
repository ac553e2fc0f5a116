//! The heap's own events: what the tracking allocator reports about every
//! block, whoever allocated it.
//!
//! ownkit's pointers report their blocks themselves, with the type inside
//! ([`block_allocated`](super::block_allocated)). A `Vec`'s buffer, a std
//! `Rc`'s block or another crate's allocation is seen only by the global
//! allocator, so only `ownkit::alloc::Tracking` reports them, as a block
//! acquired, released or resized, with its layout and nothing more. The
//! observers name such a block later, from where a walk found it.

use core::sync::atomic::{AtomicBool, Ordering};

use super::Block;
use super::observer::{self, Missed};

/// Whether a tracking allocator has reported anything since the process
/// started; a leak check is exact only if it has.
static TRACKED: AtomicBool = AtomicBool::new(false);

/// Whether the heap is tracked: some block has been reported by the
/// tracking allocator while someone observed.
pub(crate) fn is_tracked() -> bool {
    // Relaxed: the flag is set on this thread by the allocation of anyone
    // who asks (see `probe`), so program order makes it visible.
    TRACKED.load(Ordering::Relaxed)
}

/// Makes sure [`is_tracked`] knows whether a tracking allocator is
/// installed: until one has reported, allocates and frees one byte,
/// quietly, so that it does. Call it with the gate open, as an observer's
/// scope starts, before the scope's first event can ask.
pub(crate) fn probe() {
    if !is_tracked() {
        super::thread::quietly(|| {
            drop(core::hint::black_box(
                alloc_crate::vec::Vec::<u8>::with_capacity(1),
            ));
        });
    }
}

/// Notes that a tracking allocator reports, once.
fn mark_tracked() {
    if !TRACKED.load(Ordering::Relaxed) {
        TRACKED.store(true, Ordering::Relaxed);
    }
}

/// Reports that the global allocator handed out `block`. Call it only when
/// [`observing`](super::observing), after the allocation succeeded.
#[cold]
#[inline(never)]
pub(crate) fn heap_acquired(block: Block) {
    mark_tracked();
    observer::notify(
        |observer, thread| observer.heap_acquired(thread, block),
        Missed::HeapAcquired,
    );
}

/// Reports that `block` is about to go back to the global allocator: call
/// it while the block is still allocated, so that its address cannot have
/// been handed out again, and only when [`observing`](super::observing).
#[cold]
#[inline(never)]
pub(crate) fn heap_released(block: Block) {
    mark_tracked();
    observer::notify(
        |observer, thread| observer.heap_released(thread, block),
        Missed::HeapReleased(block),
    );
}

/// Reports that the global allocator resized `from` into `to`: the same
/// block, moved or not, with the same contents up to the smaller size. Call
/// it only when [`observing`](super::observing), after the resize
/// succeeded.
#[cold]
#[inline(never)]
pub(crate) fn heap_resized(from: Block, to: Block) {
    mark_tracked();
    observer::notify(
        |observer, thread| observer.heap_resized(thread, from, to),
        Missed::HeapResized { from, to },
    );
}
