//! The unsafe core of [`Tracking`]: a global
//! allocator that hands every block to another allocator and tells the
//! observers about it.
//!
//! # A wrapper, nothing more
//!
//! [`Tracking<A>`] owns no memory and keeps no table of its own. Each of
//! the four `GlobalAlloc` methods calls the same method of the inner
//! allocator with the same arguments and returns its answer unchanged; the
//! only thing it adds is a report to [`crate::observe`], made after a block
//! was handed out and before a block is given back, so that an address an
//! observer hears of is never another block's at the same time.
//!
//! Whether to report is decided before the inner allocator is called, by
//! one load of the gate: while nobody observes, each method is that load,
//! a branch and a jump into the inner allocator, with no stack frame of
//! its own; while someone does, the whole call goes to an out-of-line twin
//! that allocates and reports.
//!
//! Whatever an observer does in response (a leak check noting the block in
//! its hash map, a recorder growing its buffer) allocates through this same
//! allocator again. Those allocations are reported too, but the
//! observation layer sees that the thread is already busy inside an
//! observer and delivers them as `Missed` instead of calling the observer
//! again, so the bookkeeping never recurses into itself and never takes a
//! lock it already holds.
//!
//! # Invariants
//!
//! None of its own: `Tracking` holds only the inner allocator, and every
//! pointer and layout it hands on or returns is the caller's or the inner
//! allocator's, unchanged.
//!
//! # What the safe layer may rely on
//!
//! `Tracking<A>` allocates, frees and resizes exactly as `A` does: the
//! same blocks, at the same addresses, with the same failures (a null
//! pointer). A report never panics or unwinds out of the allocator (the
//! observers promise not to panic, see `observe`), and never allocates
//! through the reported path.
//!
//! # Send and Sync
//!
//! `Tracking<A>` is `Send` and `Sync` when `A` is, from its one field.
//! `GlobalAlloc` asks for nothing more: the allocator is a `static`, which
//! needs `Sync`, and the reports it makes touch only the observation
//! layer's atomics and each thread's own state.
//!
//! # Observation
//!
//! While anyone observes, [`observe::heap_acquired`],
//! [`observe::heap_released`] and [`observe::heap_resized`] report each
//! block with its address, size and alignment. While nobody does, each
//! method pays one relaxed load of the gate word and a branch beside the
//! inner allocator's work.

use core::alloc::{GlobalAlloc, Layout};

use crate::observe::{self, Block};
use crate::raw::gate_check::observing;

/// A global allocator that reports every block it hands out and takes back
/// to the observers (ownkit's leak checks and drop captures), and otherwise
/// is the allocator `A` it wraps.
///
/// Install it once per program (a global allocator belongs to one
/// binary), for example in a test binary:
///
/// ```
/// use ownkit::alloc::Tracking;
///
/// #[global_allocator]
/// static ALLOC: Tracking = Tracking::new(std::alloc::System);
///
/// fn main() {
///     let check = ownkit::graph::LeakCheck::start();
///     // A std Vec's buffer, still alive when the check ends.
///     let forgotten = std::mem::ManuallyDrop::new(std::hint::black_box(std::vec![1_u8, 2, 3]));
///     let report = check.finish().unwrap_err();
///     assert_eq!(report.leaked().len(), 1);
///     assert_eq!(report.leaked()[0].size(), 3);
///     assert!(report.is_exact());
///     drop(std::mem::ManuallyDrop::into_inner(forgotten)); // freed after all
/// }
/// ```
///
/// See [the module](crate::alloc) for what it costs and how it compares
/// with other leak finders.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tracking<A = std::alloc::System> {
    /// The allocator that does the work.
    inner: A,
}

impl<A> Tracking<A> {
    /// Wraps `inner`, usually `std::alloc::System`.
    ///
    /// ```
    /// use ownkit::alloc::Tracking;
    ///
    /// #[global_allocator]
    /// static ALLOC: Tracking = Tracking::new(std::alloc::System);
    ///
    /// fn main() {
    ///     assert_eq!(std::vec![1, 2, 3].len(), 3);
    /// }
    /// ```
    #[must_use]
    pub const fn new(inner: A) -> Self {
        Tracking { inner }
    }

    /// The allocator it wraps.
    ///
    /// ```
    /// use ownkit::alloc::Tracking;
    ///
    /// let tracking = Tracking::new(std::alloc::System);
    /// let _system: &std::alloc::System = tracking.inner();
    /// ```
    #[must_use]
    pub const fn inner(&self) -> &A {
        &self.inner
    }
}

/// The block `address` with `layout`, in the observers' terms.
fn block_at(address: *mut u8, layout: Layout) -> Block {
    Block {
        address: address.addr(),
        size: layout.size(),
        align: layout.align(),
    }
}

impl<A: GlobalAlloc> Tracking<A> {
    // The observed paths, out of line: the `GlobalAlloc` methods below ask
    // the gate *before* calling the inner allocator and hand the whole call
    // over to one of these when someone observes. So the unobserved path
    // keeps nothing across the inner call and needs no stack frame: a load,
    // a test, and a jump straight into the inner allocator.

    /// [`GlobalAlloc::alloc`], reported.
    ///
    /// # Safety
    ///
    /// As for [`GlobalAlloc::alloc`].
    #[cold]
    #[inline(never)]
    unsafe fn alloc_observed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract for
        // `layout` (a non-zero size), which is the inner allocator's.
        let block = unsafe { self.inner.alloc(layout) };
        if !block.is_null() {
            observe::heap_acquired(block_at(block, layout));
        }
        block
    }

    /// [`GlobalAlloc::alloc_zeroed`], reported.
    ///
    /// # Safety
    ///
    /// As for [`GlobalAlloc::alloc_zeroed`].
    #[cold]
    #[inline(never)]
    unsafe fn alloc_zeroed_observed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc_observed`.
        let block = unsafe { self.inner.alloc_zeroed(layout) };
        if !block.is_null() {
            observe::heap_acquired(block_at(block, layout));
        }
        block
    }

    /// [`GlobalAlloc::dealloc`], reported.
    ///
    /// # Safety
    ///
    /// As for [`GlobalAlloc::dealloc`].
    #[cold]
    #[inline(never)]
    unsafe fn dealloc_observed(&self, block: *mut u8, layout: Layout) {
        // Reported first, while the block is still allocated: once it is
        // back, another thread may be handed the same address.
        observe::heap_released(block_at(block, layout));
        // SAFETY: the caller upholds `GlobalAlloc::dealloc`'s contract:
        // `block` came from this allocator, which got it from `inner`, with
        // `layout`.
        unsafe { self.inner.dealloc(block, layout) }
    }

    /// [`GlobalAlloc::realloc`], reported.
    ///
    /// # Safety
    ///
    /// As for [`GlobalAlloc::realloc`].
    #[cold]
    #[inline(never)]
    unsafe fn realloc_observed(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract:
        // `block` came from `inner` through this allocator with `layout`,
        // and `new_size` is valid for `layout.align()`.
        let resized = unsafe { self.inner.realloc(block, layout, new_size) };
        if !resized.is_null() {
            // The old address is only compared, never read through.
            let from = block_at(block, layout);
            let to = Block {
                address: resized.addr(),
                size: new_size,
                align: layout.align(),
            };
            observe::heap_resized(from, to);
        }
        resized
    }
}

// SAFETY: every method calls the same method of `inner` with the caller's
// arguments, unchanged, directly or through its `_observed` twin above, and
// returns its result unchanged, so `inner`'s `GlobalAlloc` guarantees are
// ours. The reports only read the pointer's address; they never panic and
// never unwind (see `observe`).
unsafe impl<A: GlobalAlloc> GlobalAlloc for Tracking<A> {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if observing() {
            // SAFETY: the caller upholds `alloc`'s contract, which is
            // `alloc_observed`'s.
            return unsafe { self.alloc_observed(layout) };
        }
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract for
        // `layout` (a non-zero size), which is the inner allocator's.
        unsafe { self.inner.alloc(layout) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if observing() {
            // SAFETY: as for `alloc`.
            return unsafe { self.alloc_zeroed_observed(layout) };
        }
        // SAFETY: as for `alloc`.
        unsafe { self.inner.alloc_zeroed(layout) }
    }

    #[inline]
    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        if observing() {
            // SAFETY: the caller upholds `dealloc`'s contract, which is
            // `dealloc_observed`'s.
            return unsafe { self.dealloc_observed(block, layout) };
        }
        // SAFETY: the caller upholds `GlobalAlloc::dealloc`'s contract:
        // `block` came from this allocator, which got it from `inner`, with
        // `layout`.
        unsafe { self.inner.dealloc(block, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if observing() {
            // SAFETY: the caller upholds `realloc`'s contract, which is
            // `realloc_observed`'s.
            return unsafe { self.realloc_observed(block, layout, new_size) };
        }
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract:
        // `block` came from `inner` through this allocator with `layout`,
        // and `new_size` is valid for `layout.align()`.
        unsafe { self.inner.realloc(block, layout, new_size) }
    }
}
