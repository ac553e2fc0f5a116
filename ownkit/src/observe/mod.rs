//! The observation layer: how the unsafe core tells whoever is watching
//! what it allocates, frees and drops, without knowing who that is.
//!
//! # Who reports, who observes
//!
//! The pointers and arenas of `raw/` (and the arenas' safe layer) *report*:
//! a shared block was allocated, a block is about to be freed, a pointer
//! starts dropping what it owns and has finished. The tracking allocator
//! (`ownkit::alloc::Tracking`, when a program installs it) reports too:
//! every heap block acquired, released or resized, by any type (see
//! [`heap`]). The drop recorder
//! (`trace/`) and the leak check (`graph/`) *observe*: they implement
//! [`Observer`] and [`attach`] themselves, and this layer hands each event
//! to them. The core imports only this module, never the observers, so a
//! reader studying how an `Rc` counts meets four function calls here, not
//! the recorder's sink or the leak registry.
//!
//! # What it costs
//!
//! Every report is guarded by [`observing`]: one relaxed load of one gate
//! word, and a branch. When no observer runs on any thread, that is all a
//! pointer pays, and it pays it on paths that are already out of line
//! (the free of a block, the last owner's drop) or next to an allocation.
//! The reporting functions themselves are meant to be called from cold,
//! out-of-line code.
//!
//! # Never panicking, never aborting, never recursing
//!
//! Events arrive during unwinding and at thread exit, where a panic aborts
//! the process. So the per-thread state lives in a thread-local that stays
//! readable to the end (see [`thread`]), and while an observer handles an
//! event, the thread is marked busy: anything the observer itself causes
//! (a walk, the growth of its buffers) is not delivered again but reported
//! as [`Missed`], which observers count instead of recursing or
//! deadlocking on their own locks.
//!
//! Without the `std` feature there is no thread-local to keep observers'
//! state in, so nothing can observe: [`observing`] is a constant `false`
//! and every report compiles to nothing.

mod description;
mod gate;
#[cfg(feature = "std")]
pub(crate) mod heap;
#[cfg(feature = "std")]
mod observer;
#[cfg(feature = "std")]
pub(crate) mod thread;

pub use description::{Block, PointerInfo, PointerKind, address_of};
pub(crate) use gate::word as gate_word;
#[cfg(feature = "std")]
pub(crate) use gate::{close, open};
#[cfg(feature = "std")]
pub(crate) use heap::{heap_acquired, heap_released, heap_resized};
#[cfg(feature = "std")]
pub(crate) use observer::{DropEnd, Missed, Observer, attach};

/// Whether anyone observes, on any thread: the one check every report
/// makes first. One relaxed load and a branch.
#[inline(always)]
pub(crate) fn observing() -> bool {
    cfg!(feature = "std") && gate::is_open()
}

/// Reports that a shared pointer (an `Rc`, an `Arc`) allocated `block` for
/// a value of type `value_type`. Call it only when [`observing`].
#[cold]
#[inline(never)]
pub(crate) fn block_allocated(block: Block, kind: PointerKind, value_type: &'static str) {
    #[cfg(feature = "std")]
    observer::notify(
        |observer, thread| observer.block_allocated(thread, block, kind, value_type),
        Missed::Allocation,
    );
    #[cfg(not(feature = "std"))]
    let _ = (block, kind, value_type);
}

/// Reports that `block` is about to be freed: call it while the block is
/// still allocated, and only when [`observing`].
#[cold]
#[inline(never)]
pub(crate) fn block_freed(block: Block) {
    #[cfg(feature = "std")]
    observer::notify(
        |observer, thread| observer.block_freed(thread, block),
        Missed::Free,
    );
    #[cfg(not(feature = "std"))]
    let _ = block;
}

/// Reports that `pointer` starts dropping what it owns. The pointer keeps
/// the returned guard until it is done (its target dropped, its block
/// freed); dropping the guard reports the end, also while unwinding. Call
/// it only when [`observing`].
#[cold]
#[inline(never)]
pub(crate) fn drop_begins(pointer: &PointerInfo) -> DropEnds {
    #[cfg(feature = "std")]
    {
        let capture = thread::with(|state| state.capture.get()).unwrap_or(0);
        observer::notify(
            |observer, thread| observer.drop_begins(thread, pointer),
            Missed::Drop,
        );
        DropEnds {
            pointer: pointer.address,
            kind: pointer.kind,
            capture,
        }
    }
    #[cfg(not(feature = "std"))]
    {
        let _ = pointer;
        DropEnds {}
    }
}

/// Reports the end of a drop begun with [`drop_begins`] whose guard could
/// not be kept (a typed arena's drop is spread over its fields' drop glue,
/// see `raw/arena.rs`): `pointer` and `kind` must be the ones the begin
/// reported. Call it only when [`observing`].
#[cold]
#[inline(never)]
pub(crate) fn drop_ends(pointer: usize, kind: PointerKind) {
    #[cfg(feature = "std")]
    {
        let capture = thread::with(|state| state.capture.get()).unwrap_or(0);
        DropEnds {
            pointer,
            kind,
            capture,
        }
        .report();
    }
    #[cfg(not(feature = "std"))]
    let _ = (pointer, kind);
}

/// Reports the end of a drop when dropped, unwinding included; handed out
/// by [`drop_begins`].
#[derive(Debug)]
#[must_use = "the end of the drop is reported when the guard is dropped"]
pub(crate) struct DropEnds {
    /// Where the pointer that drops is stored.
    #[cfg(feature = "std")]
    pointer: usize,
    /// Which pointer it is.
    #[cfg(feature = "std")]
    kind: PointerKind,
    /// The drop capture running when the drop began.
    #[cfg(feature = "std")]
    capture: u32,
}

impl DropEnds {
    /// Takes the guard away without reporting the end; [`drop_ends`] will.
    pub(crate) fn defer(self) {
        // The guard holds no resource: forgetting it only skips its report.
        core::mem::forget(self);
    }

    #[cold]
    #[inline(never)]
    fn report(&self) {
        #[cfg(feature = "std")]
        {
            let end = DropEnd {
                pointer: self.pointer,
                kind: self.kind,
                capture: self.capture,
            };
            observer::notify(
                |observer, thread| observer.drop_ends(thread, &end),
                Missed::Drop,
            );
        }
    }
}

impl Drop for DropEnds {
    #[inline]
    fn drop(&mut self) {
        if observing() {
            self.report();
        }
    }
}
