//! What each thread's observers keep about it, in one thread-local.
//!
//! Drops happen during unwinding and at thread exit, after other
//! thread-locals have been destroyed, so this one must stay readable to the
//! end: its initialiser is constant and it has no destructor, so std
//! registers none for it and never marks it destroyed. A thread-local with a
//! destructor would lose events at thread exit, or abort the process.
//!
//! The observation layer only stores these fields: the drop recorder keeps
//! `capture` and `lost`, the leak check keeps `check` and `unrecorded`. Both
//! share `busy`, which is this layer's own.

use core::cell::Cell;

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
