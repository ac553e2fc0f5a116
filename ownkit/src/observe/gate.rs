//! The gate: one word that says whether anyone observes.
//!
//! Every report the core makes starts by reading it, so it decides on its
//! own, in one relaxed load and a branch, whether an allocation, a free or
//! a drop costs anything more than std's. It counts the observers running
//! on all threads (drop captures and leak checks alike); each opens it when
//! it starts and closes it when it ends.

use core::sync::atomic::{AtomicUsize, Ordering};

/// How many observers run, on all threads.
static GATE: AtomicUsize = AtomicUsize::new(0);

/// Whether any observer runs, on any thread.
///
/// Relaxed is enough. An observer that starts on this thread opened the
/// gate itself, so this thread's own events see it in program order. An
/// observer on another thread cares about this thread's events only for
/// values that reached it through something that synchronizes (a channel,
/// a join, an `Arc`'s own counts), which also makes its opening visible.
/// What a relaxed load may miss is an observer that started on another
/// thread a moment ago, and none of its business is happening here yet.
#[inline(always)]
pub(crate) fn is_open() -> bool {
    GATE.load(Ordering::Relaxed) != 0
}

/// The gate word itself, for the core's own check (`raw::gate_check`),
/// which compares it in memory: read it only as a relaxed atomic load.
#[inline(always)]
pub(crate) fn word() -> &'static AtomicUsize {
    &GATE
}

/// Counts one more observer; call it when one starts, before it expects
/// to hear anything.
#[cfg(feature = "std")]
pub(crate) fn open() {
    // Relaxed: see `is_open`. The count is all that is shared.
    GATE.fetch_add(1, Ordering::Relaxed);
}

/// Counts one observer fewer; call it once for every `open`, when the
/// observer has heard all it wants to.
#[cfg(feature = "std")]
pub(crate) fn close() {
    let before = GATE.fetch_sub(1, Ordering::Relaxed);
    debug_assert!(before > 0, "the gate was closed more often than opened");
}
