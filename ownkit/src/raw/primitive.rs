//! The synchronization primitives the thread-safe cores are built from:
//! atomics, fences, a spin hint and an `UnsafeCell`.
//!
//! # Core's, or loom's
//!
//! Normally these are core's own. Under `RUSTFLAGS="--cfg loom"` they are
//! [loom]'s instead: loom runs a test body under every interleaving of its
//! threads that the memory model allows (within its bounds), including the
//! weak-memory outcomes a `Relaxed` load can produce on real hardware, and it
//! reports a data race on any `UnsafeCell` access that is not ordered after a
//! conflicting one. Because `Arc` takes its primitives from here and nowhere
//! else, the code loom checks is exactly the code that ships.
//!
//! # Invariants
//!
//! None of its own: this file holds no state and has no `unsafe`. It only
//! chooses where the primitives come from.
//!
//! # What the safe layer may rely on
//!
//! Only `arc.rs` uses this file. It gets core's atomics, fences and spin
//! hint unchanged in a normal build, and loom's, under the same names, with
//! `--cfg loom`. [`UnsafeCell`] has loom's interface in both builds: access
//! goes through [`with`](UnsafeCell::with) and
//! [`with_mut`](UnsafeCell::with_mut), which mark each access so loom can
//! check it, and compile to a plain pointer otherwise.
//!
//! # Send and Sync
//!
//! The wrapper around core's `UnsafeCell` is `Send` when `T` is and never
//! `Sync`, like core's: its auto traits come from its one field, with no
//! `unsafe impl`. Nothing here makes a type shareable between threads; `Arc`
//! becomes so through its atomics and the `unsafe impl`s in `arc.rs`.
//!
//! [loom]: https://docs.rs/loom

#[cfg(not(loom))]
pub(crate) use core::hint::spin_loop;
#[cfg(not(loom))]
pub(crate) use core::sync::atomic::{AtomicUsize, Ordering, fence};

#[cfg(loom)]
pub(crate) use loom::hint::spin_loop;
#[cfg(loom)]
pub(crate) use loom::sync::atomic::{AtomicUsize, Ordering, fence};

#[cfg(loom)]
pub(crate) use loom::cell::UnsafeCell;

/// core's `UnsafeCell` behind loom's interface, so that code written for
/// loom's cell compiles unchanged to plain pointer access.
#[cfg(not(loom))]
#[repr(transparent)]
pub(crate) struct UnsafeCell<T: ?Sized>(core::cell::UnsafeCell<T>);

#[cfg(not(loom))]
impl<T> UnsafeCell<T> {
    #[inline(always)]
    pub(crate) const fn new(value: T) -> Self {
        UnsafeCell(core::cell::UnsafeCell::new(value))
    }
}

#[cfg(not(loom))]
impl<T: ?Sized> UnsafeCell<T> {
    /// Runs `f` with a pointer for reading the contents.
    ///
    /// Under loom this records a read, which must not race a `with_mut`.
    #[inline(always)]
    pub(crate) fn with<R>(&self, f: impl FnOnce(*const T) -> R) -> R {
        f(self.0.get())
    }

    /// Runs `f` with a pointer for writing the contents.
    ///
    /// Under loom this records a write, which must be ordered after every
    /// other access.
    #[inline(always)]
    pub(crate) fn with_mut<R>(&self, f: impl FnOnce(*mut T) -> R) -> R {
        f(self.0.get())
    }
}
