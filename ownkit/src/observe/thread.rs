//! What each thread's observers keep about it, in one thread-local.
//!
//! Drops happen during unwinding and at thread exit, after other
//! thread-locals have been destroyed, so this one must stay readable to the
//! end: its initialiser is constant and it has no destructor, so std
//! registers none for it and never marks it destroyed. A thread-local with a
//! destructor would lose events at thread exit, or abort the process.
//!
//! The observation layer only stores these fields: the drop recorder keeps
//! `capture` and `lost`, the leak check keeps `check`, `unrecorded` and the
//! heap changes it has yet to apply. Both share `busy`, which is this
//! layer's own.

use core::cell::Cell;

use super::Block;

/// How many heap changes a thread keeps for the leak check while it holds
/// the check's lock; one event causes one at most (its table growing).
pub(crate) const KEPT_HEAP_CHANGES: usize = 16;

/// A heap block released, or resized, while its thread was busy inside an
/// observer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct HeapChange {
    /// The block as it was.
    pub(crate) from: Block,
    /// The block as it is now, `None` if it was released.
    pub(crate) to: Option<Block>,
}

/// The state of the current thread's observers.
#[derive(Debug)]
pub(crate) struct ThreadState {
    /// The id of the drop capture running on this thread, 0 when none.
    pub(crate) capture: Cell<u32>,
    /// Events of that capture that could not be recorded.
    pub(crate) lost: Cell<usize>,
    /// The id of the innermost leak check running on this thread, 0 when
    /// none.
    pub(crate) check: Cell<u64>,
    /// Blocks of that check that could not be noted.
    pub(crate) unrecorded: Cell<usize>,
    /// Whether this thread holds the leak check's lock.
    pub(crate) in_leak_registry: Cell<bool>,
    /// Heap changes the leak check missed while this thread held its lock
    /// (the growth of its own table), oldest first, applied before the
    /// lock is let go. Only the first `missed_heap_count` are set.
    pub(crate) missed_heap_changes: [Cell<Option<HeapChange>>; KEPT_HEAP_CHANGES],
    /// How many of `missed_heap_changes` are waiting.
    pub(crate) missed_heap_count: Cell<usize>,
    /// Set while an observer handles an event on this thread, so that what
    /// it does itself (a walk, the growth of its buffers) is never
    /// reported to it again: no observer ever runs inside another.
    busy: Cell<bool>,
}

std::thread_local! {
    static THREAD: ThreadState = const {
        ThreadState {
            capture: Cell::new(0),
            lost: Cell::new(0),
            check: Cell::new(0),
            unrecorded: Cell::new(0),
            in_leak_registry: Cell::new(false),
            missed_heap_changes: [const { Cell::new(None) }; KEPT_HEAP_CHANGES],
            missed_heap_count: Cell::new(0),
            busy: Cell::new(false),
        }
    };
}

/// Runs `work` as an observer on this thread, with the thread marked busy
/// until it returns (or unwinds); if an observer is already at work here,
/// runs `refused` instead, so that observers never run inside each other.
pub(crate) fn as_observer(work: impl FnOnce(&ThreadState), refused: impl FnOnce(&ThreadState)) {
    let _ = with(|state| match state.enter() {
        Some(_busy) => work(state),
        None => refused(state),
    });
}

/// Runs `work` as if it were an observer's own: nothing it allocates,
/// frees or drops on this thread is delivered to the observers, who hear
/// of it as [`Missed`](super::Missed) instead. For an observer's work done
/// outside its events (a leak check taking its list, remembering a graph),
/// which must neither be noted as the user's nor take a lock it holds.
pub(crate) fn quietly<R>(work: impl FnOnce() -> R) -> R {
    /// Clears the busy flag again, unwinding included, unless it was set
    /// before.
    struct Quiet {
        was_busy: bool,
    }
    impl Drop for Quiet {
        fn drop(&mut self) {
            if !self.was_busy {
                let _ = with(|state| state.busy.set(false));
            }
        }
    }
    let was_busy = with(|state| state.busy.replace(true)).unwrap_or(true);
    let _quiet = Quiet { was_busy };
    work()
}

/// Runs `f` with the current thread's state. `None` only if the state
/// cannot be reached, which the constant, destructor-free thread-local
/// rules out in practice; callers treat it as "nothing observes here".
#[inline]
pub(crate) fn with<R>(f: impl FnOnce(&ThreadState) -> R) -> Option<R> {
    THREAD.try_with(f).ok()
}

impl ThreadState {
    /// Marks the thread as busy with an observer until the returned guard
    /// is dropped (unwinding included); `None` if it already is.
    fn enter(&self) -> Option<Busy<'_>> {
        if self.busy.replace(true) {
            None
        } else {
            Some(Busy(&self.busy))
        }
    }
}

/// Clears the thread's busy flag when dropped.
#[derive(Debug)]
struct Busy<'t>(&'t Cell<bool>);

impl Drop for Busy<'_> {
    fn drop(&mut self) {
        self.0.set(false);
    }
}
