//! Every public `unsafe fn` of the crate, in one place: `Box::from_raw`,
//! `Rc::from_raw`, `Arc::from_raw` and their `Weak` and count-adjusting
//! companions, and `Box::assume_init`; and every promise the crate itself
//! makes about a public type that the compiler cannot check: the functions
//! that pin (`Box::into_pin`, `Rc::pin`, `Arc::pin`).
//!
//! # Why they are here
//!
//! Declaring an `unsafe fn` is itself unsafe code, which the crate denies
//! everywhere but in `raw`, so these functions cannot sit with the rest of
//! their types' API in `boxed.rs`, `rc.rs` and `sync.rs`. They sit here
//! instead, as inherent impls, so that they appear on `Box`, `Rc` and
//! `Arc` like any other method; and they sit here together, so that this
//! file is the list of every way a caller can vouch for something the
//! compiler cannot check. Pinning is the same kind of promise, made by the
//! crate instead of the caller (`Pin::new_unchecked` is an `unsafe fn`),
//! so it is here too. This is also the one file of `raw` that names the
//! public types: the cores (`boxed.rs`, `rc.rs`, `arc.rs`) import nothing
//! above them.
//!
//! # Pinning
//!
//! `Pin<P>` promises that the value `P` points at is never moved again,
//! nor its memory reused, until it is dropped. `Pin` itself keeps every
//! `&mut` to the value away from safe code unless the value is `Unpin`;
//! what it relies on the pointer for is that the pointer does not move the
//! value on its own. Ours do not:
//!
//! - `Deref` and `DerefMut` return references into the block; nothing moves.
//! - A `Box` drops its value in place and only then frees the block. Its
//!   functions that move the value out (`into_inner`, or `into_raw` and
//!   friends, which let a caller do it) take the `Box` itself, which a
//!   `Pin<Box<T>>` never hands out for a `T` that is not `Unpin`.
//! - An `Rc` or `Arc` drops its value in place, when the last owner goes.
//!   Its functions that move the value out or hand out a `&mut`
//!   (`try_unwrap`, `into_inner`, `get_mut`, `make_mut`) need an `Rc` or
//!   `&mut Rc`, and so does `downgrade`, whose `Weak` could upgrade to one.
//!   A `Pin<Rc<T>>` hands out neither, and its clones are pinned too. So
//!   `Rc::pin` pins a value no unpinned `Rc` or `Weak` points at: a new
//!   one. `Rc::from(value)` followed by `Pin::new_unchecked` elsewhere
//!   would be as sound, but only if no `Weak` or other `Rc` had been made
//!   in between, which is why the crate pins only here.
//!
//! # Invariants
//!
//! None of its own. Each `unsafe fn` forwards the caller's promise to the
//! core's `unsafe fn` that keeps the invariants (`BoxPtr::from_raw`,
//! `RcPtr::from_raw`, ...), and its `# Safety` section is that promise,
//! said for the public type. Each function that pins relies on the
//! pointer's behaviour described under "Pinning".
//!
//! # What the safe layer may rely on
//!
//! Nothing here is called by the safe layer but the pinning functions
//! (`boxed.rs` builds `Box::pin` and its `From` and `Default` impls on
//! `Box::into_pin`); the rest are entry points for users, and every one of
//! them is `unsafe`.

use core::mem::{ManuallyDrop, MaybeUninit};
use core::pin::Pin;

use super::arc::{ArcPtr, WeakPtr as ArcWeakPtr};
use super::boxed::BoxPtr;
use super::rc::{RcPtr, WeakPtr as RcWeakPtr};
use crate::boxed::Box;
use crate::rc::{Rc, Weak as RcWeak};
use crate::sync::{Arc, Weak as ArcWeak};

impl<T: ?Sized> Box<T> {
    /// Takes ownership of a value through its raw pointer: the returned Box
    /// drops the value and frees its block when it is dropped.
    ///
    /// Accepted pointers are those returned by
    /// [`Box::into_raw`](Self::into_raw) or [`Box::leak`](Self::leak) of
    /// ownkit's Box *or* of std's: both put the value in a block from the
    /// global allocator sized by `Layout::for_value`.
    ///
    /// # Safety
    ///
    /// - `raw` must come from `into_raw` or `leak` of `ownkit::Box<T>` or
    ///   `std::boxed::Box<T>`, for this same `T` (or, as with std, a type with
    ///   the same size and alignment, which the block was allocated for).
    /// - It must point to a live, initialized value: not dropped, not moved
    ///   out of.
    /// - Ownership is transferred: `from_raw` must be called once per
    ///   pointer, and neither the pointer nor a reference obtained from
    ///   `leak` may be used afterwards except through the returned Box.
    ///   Calling it twice on one pointer drops and frees twice.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::Box;
    ///
    /// let raw = Box::into_raw(Box::new(vec![1, 2]));
    /// let reclaimed = unsafe { Box::from_raw(raw) };
    /// assert_eq!(*reclaimed, [1, 2]);
    /// ```
    ///
    /// A pointer from std's Box, here to a trait object:
    ///
    /// ```
    /// use std::fmt::Display;
    ///
    /// let std_box: std::boxed::Box<dyn Display> = std::boxed::Box::new(7);
    /// let raw = std::boxed::Box::into_raw(std_box);
    /// let ours: ownkit::Box<dyn Display> = unsafe { ownkit::Box::from_raw(raw) };
    /// assert_eq!(ours.to_string(), "7");
    /// ```
    #[inline]
    pub unsafe fn from_raw(raw: *mut T) -> Self {
        // SAFETY: the caller's contract is `BoxPtr::from_raw`'s.
        Self(unsafe { BoxPtr::from_raw(raw) })
    }
}

impl<T> Box<MaybeUninit<T>> {
    /// Declares the value written: the same allocation as a `Box<T>`.
    ///
    /// # Safety
    ///
    /// The value must be initialized, a valid `T`, as for
    /// [`MaybeUninit::assume_init`]. Calling this on a value that is only
    /// partly written is undefined behaviour.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::Box;
    ///
    /// let mut seven = Box::<u32>::new_uninit();
    /// seven.write(7);
    /// // SAFETY: the value was just written.
    /// let seven: Box<u32> = unsafe { seven.assume_init() };
    /// assert_eq!(*seven, 7);
    /// ```
    #[inline]
    pub unsafe fn assume_init(self) -> Box<T> {
        // SAFETY: the caller's promise is `BoxPtr::assume_init`'s.
        Box(unsafe { self.0.assume_init() })
    }
}

impl<T> Box<[MaybeUninit<T>]> {
    /// Declares every element written: the same allocation as a `Box<[T]>`.
    ///
    /// # Safety
    ///
    /// Every element must be initialized, a valid `T`, as for
    /// [`MaybeUninit::assume_init`].
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::Box;
    ///
    /// let mut squares = Box::<[u32]>::new_uninit_slice(3);
    /// for (n, square) in squares.iter_mut().enumerate() {
    ///     square.write((n * n) as u32);
    /// }
    /// // SAFETY: every element was just written.
    /// let squares: Box<[u32]> = unsafe { squares.assume_init() };
    /// assert_eq!(*squares, [0, 1, 4]);
    /// ```
    #[inline]
    pub unsafe fn assume_init(self) -> Box<[T]> {
        // SAFETY: the caller's promise is `BoxPtr::assume_init`'s.
        Box(unsafe { self.0.assume_init() })
    }
}

impl<T: ?Sized> Box<T> {
    /// Pins the value where it already is: `Pin<Box<T>>` promises that it
    /// is never moved again until dropped. Nothing is allocated or moved.
    ///
    /// For a `T` that is not `Unpin`, the pin keeps every `&mut T` (and so
    /// every `mem::swap` or `mem::replace`) away from safe code; see
    /// [`Pin`].
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::Box;
    /// use std::marker::PhantomPinned;
    /// use std::pin::Pin;
    ///
    /// let boxed = Box::new((5, PhantomPinned));
    /// let address = &raw const *boxed;
    /// let pinned: Pin<Box<(i32, PhantomPinned)>> = Box::into_pin(boxed);
    /// assert!(std::ptr::eq(&raw const *pinned, address)); // not moved
    /// assert_eq!(pinned.0, 5);
    /// ```
    #[inline]
    pub fn into_pin(boxed: Self) -> Pin<Self> {
        // SAFETY: the value never moves while the `Box` exists unless the
        // `Box` itself is handed out, which `Pin` does only for an `Unpin`
        // target; and a `Box` drops its value in place (see "Pinning" in
        // the module docs).
        unsafe { Pin::new_unchecked(boxed) }
    }
}

impl<T> Rc<T> {
    /// Moves `value` into a new `Rc` and pins it there: `Pin<Rc<T>>`
    /// promises that it is never moved again until dropped.
    ///
    /// The value can then be reached only through the pin and its clones:
    /// no unpinned `Rc` or `Weak` to it exists, so none can move it out
    /// (see [`Pin`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    /// use std::pin::Pin;
    ///
    /// let pinned: Pin<Rc<String>> = Rc::pin(String::from("stays"));
    /// let again = Pin::clone(&pinned);
    /// assert!(std::ptr::eq(&*pinned, &*again));
    /// assert_eq!(pinned.as_str(), "stays");
    /// ```
    #[inline]
    pub fn pin(value: T) -> Pin<Rc<T>> {
        // SAFETY: a new `Rc`, which nothing else points at: its value is
        // reached only through this pin and its clones, and an `Rc` never
        // moves a value it does not hand out (see "Pinning" in the module
        // docs).
        unsafe { Pin::new_unchecked(Rc::new(value)) }
    }
}

impl<T: ?Sized> Default for Pin<Rc<T>>
where
    Rc<T>: Default,
{
    /// A pinned `Rc` holding the default value, as [`Rc::pin`] makes one.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    /// use std::pin::Pin;
    ///
    /// let pinned: Pin<Rc<[u8]>> = Pin::default();
    /// assert!(pinned.is_empty());
    /// ```
    #[inline]
    fn default() -> Self {
        // SAFETY: a new `Rc`, as in `Rc::pin`.
        unsafe { Pin::new_unchecked(Rc::<T>::default()) }
    }
}

impl<T: ?Sized> Rc<T> {
    /// Rebuilds an `Rc` from a pointer returned by [`Rc::into_raw`], taking
    /// back the strong count that `into_raw` gave up.
    ///
    /// Works for unsized `T` too (`Rc<str>`, `Rc<[T]>`, `Rc<dyn Trait>`).
    ///
    /// # Safety
    ///
    /// - `ptr` must have been returned by [`Rc::into_raw`] on an `Rc<U>`,
    ///   where `U` is `T` or has the same size and alignment as `T` (as for
    ///   a `*const U` to `*const T` cast between, say, `[u8]` and `str`);
    /// - each pointer returned by `into_raw` may be turned back only once
    ///   (or once per [`Rc::increment_strong_count`] on it): the returned
    ///   `Rc` gives the count up again when dropped.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc: Rc<str> = Rc::from("hello");
    /// let raw = Rc::into_raw(rc);
    /// // SAFETY: `raw` came from `Rc::into_raw` and is turned back once.
    /// let rc = unsafe { Rc::from_raw(raw) };
    /// assert_eq!(&*rc, "hello");
    /// ```
    #[inline]
    pub unsafe fn from_raw(ptr: *const T) -> Self {
        // SAFETY: the caller's contract is `RcPtr::from_raw`'s.
        Rc(unsafe { RcPtr::from_raw(ptr) })
    }

    /// Adds one to the strong count of the `Rc` that `ptr` came from, as if
    /// an `Rc` were cloned and forgotten.
    ///
    /// # Safety
    ///
    /// `ptr` must have been returned by [`Rc::into_raw`], as for
    /// [`Rc::from_raw`], and the strong count must be at least 1 for the
    /// whole call (the `Rc` it came from is not given back in between).
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let raw = Rc::into_raw(Rc::new(5));
    /// // SAFETY: `raw` came from `Rc::into_raw`, its count is 1.
    /// unsafe { Rc::increment_strong_count(raw) };
    /// // SAFETY: two counts are owned through `raw`, this takes one back.
    /// let rc = unsafe { Rc::from_raw(raw) };
    /// assert_eq!(Rc::strong_count(&rc), 2);
    /// // SAFETY: and this gives the other one back.
    /// unsafe { Rc::decrement_strong_count(raw) };
    /// assert_eq!(Rc::strong_count(&rc), 1);
    /// ```
    #[inline]
    pub unsafe fn increment_strong_count(ptr: *const T) {
        // SAFETY: `ptr` came from `into_raw` (caller); `ManuallyDrop` keeps
        // this `Rc` from giving the borrowed count back.
        let rc = ManuallyDrop::new(unsafe { Rc::from_raw(ptr) });
        let _counted: ManuallyDrop<Rc<T>> = rc.clone();
    }

    /// Gives back one strong count of the `Rc` that `ptr` came from, as if
    /// one were rebuilt with [`Rc::from_raw`] and dropped; at 0 the value is
    /// dropped.
    ///
    /// # Safety
    ///
    /// `ptr` must have been returned by [`Rc::into_raw`], as for
    /// [`Rc::from_raw`], and the caller must own the count it gives back
    /// (from `into_raw` or [`Rc::increment_strong_count`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc = Rc::new(String::from("shared"));
    /// let raw = Rc::into_raw(Rc::clone(&rc));
    /// assert_eq!(Rc::strong_count(&rc), 2);
    /// // SAFETY: `raw` came from `into_raw`, which gave up this count.
    /// unsafe { Rc::decrement_strong_count(raw) };
    /// assert_eq!(Rc::strong_count(&rc), 1);
    /// ```
    #[inline]
    pub unsafe fn decrement_strong_count(ptr: *const T) {
        // SAFETY: `ptr` came from `into_raw` and the caller owns the count.
        drop(unsafe { Rc::from_raw(ptr) });
    }
}

impl<T: ?Sized> RcWeak<T> {
    /// Rebuilds a `Weak` from a pointer returned by [`Weak::into_raw`](Self::into_raw),
    /// taking back the weak count that `into_raw` gave up.
    ///
    /// The value may be gone by now; the `Weak` then fails to upgrade, as
    /// the original would have. Works for unsized `T` and for the pointer of
    /// a [`Weak::new`](Self::new).
    ///
    /// # Safety
    ///
    /// - `ptr` must have been returned by [`Weak::into_raw`](Self::into_raw) on a `Weak<U>`,
    ///   where `U` is `T` or has the same size and alignment as `T`;
    /// - each pointer returned by `into_raw` may be turned back only once.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::{Rc, Weak};
    ///
    /// let rc = Rc::new(7);
    /// let raw = Weak::into_raw(Rc::downgrade(&rc));
    /// drop(rc);
    /// // SAFETY: `raw` came from `Weak::into_raw` and is turned back once.
    /// let weak = unsafe { Weak::from_raw(raw) };
    /// assert!(weak.upgrade().is_none());
    /// ```
    #[inline]
    pub unsafe fn from_raw(ptr: *const T) -> Self {
        // SAFETY: the caller's contract is `WeakPtr::from_raw`'s.
        RcWeak(unsafe { RcWeakPtr::from_raw(ptr) })
    }
}

impl<T> Arc<T> {
    /// Moves `value` into a new `Arc` and pins it there: `Pin<Arc<T>>`
    /// promises that it is never moved again until dropped.
    ///
    /// The value can then be reached only through the pin and its clones,
    /// on any thread: no unpinned `Arc` or `Weak` to it exists, so none can
    /// move it out (see [`Pin`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    /// use std::pin::Pin;
    ///
    /// let pinned: Pin<Arc<u64>> = Arc::pin(7);
    /// let clone = Pin::clone(&pinned);
    /// let doubled = std::thread::spawn(move || *clone * 2).join().unwrap();
    /// assert_eq!(doubled, 14);
    /// ```
    #[inline]
    pub fn pin(value: T) -> Pin<Arc<T>> {
        // SAFETY: a new `Arc`, which nothing else points at: its value is
        // reached only through this pin and its clones, and an `Arc` never
        // moves a value it does not hand out (see "Pinning" in the module
        // docs).
        unsafe { Pin::new_unchecked(Arc::new(value)) }
    }
}

impl<T: ?Sized> Default for Pin<Arc<T>>
where
    Arc<T>: Default,
{
    /// A pinned `Arc` holding the default value, as [`Arc::pin`] makes one.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    /// use std::pin::Pin;
    ///
    /// let pinned: Pin<Arc<str>> = Pin::default();
    /// assert_eq!(&*pinned, "");
    /// ```
    #[inline]
    fn default() -> Self {
        // SAFETY: a new `Arc`, as in `Arc::pin`.
        unsafe { Pin::new_unchecked(Arc::<T>::default()) }
    }
}

impl<T: ?Sized> Arc<T> {
    /// Rebuilds an `Arc` from a pointer returned by [`Arc::into_raw`],
    /// taking back the strong count that `into_raw` gave up.
    ///
    /// Works for unsized `T` too (`Arc<str>`, `Arc<[T]>`, `Arc<dyn Trait>`).
    ///
    /// # Safety
    ///
    /// - `ptr` must have been returned by [`Arc::into_raw`] on an `Arc<U>`,
    ///   where `U` is `T` or has the same size and alignment as `T` (as for
    ///   a `*const U` to `*const T` cast between, say, `[u8]` and `str`);
    /// - each pointer returned by `into_raw` may be turned back only once
    ///   (or once per [`Arc::increment_strong_count`] on it): the returned
    ///   `Arc` gives the count up again when dropped.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let arc: Arc<str> = Arc::from("hello");
    /// let raw = Arc::into_raw(arc);
    /// // SAFETY: `raw` came from `Arc::into_raw` and is turned back once.
    /// let arc = unsafe { Arc::from_raw(raw) };
    /// assert_eq!(&*arc, "hello");
    /// ```
    #[inline]
    pub unsafe fn from_raw(ptr: *const T) -> Self {
        // SAFETY: the caller's contract is `ArcPtr::from_raw`'s.
        Arc(unsafe { ArcPtr::from_raw(ptr) })
    }

    /// Adds one to the strong count of the `Arc` that `ptr` came from, as
    /// if an `Arc` were cloned and forgotten.
    ///
    /// # Safety
    ///
    /// `ptr` must have been returned by [`Arc::into_raw`], as for
    /// [`Arc::from_raw`], and the strong count must be at least 1 for the
    /// whole call (the `Arc` it came from is not given back in between).
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let raw = Arc::into_raw(Arc::new(5));
    /// // SAFETY: `raw` came from `Arc::into_raw`, its count is 1.
    /// unsafe { Arc::increment_strong_count(raw) };
    /// // SAFETY: two counts are owned through `raw`, this takes one back.
    /// let arc = unsafe { Arc::from_raw(raw) };
    /// assert_eq!(Arc::strong_count(&arc), 2);
    /// // SAFETY: and this gives the other one back.
    /// unsafe { Arc::decrement_strong_count(raw) };
    /// assert_eq!(Arc::strong_count(&arc), 1);
    /// ```
    #[inline]
    pub unsafe fn increment_strong_count(ptr: *const T) {
        // SAFETY: `ptr` came from `into_raw` (caller); `ManuallyDrop` keeps
        // this `Arc` from giving the borrowed count back.
        let arc = ManuallyDrop::new(unsafe { Arc::from_raw(ptr) });
        let _counted: ManuallyDrop<Arc<T>> = arc.clone();
    }

    /// Gives back one strong count of the `Arc` that `ptr` came from, as if
    /// one were rebuilt with [`Arc::from_raw`] and dropped; at 0 the value
    /// is dropped.
    ///
    /// # Safety
    ///
    /// `ptr` must have been returned by [`Arc::into_raw`], as for
    /// [`Arc::from_raw`], and the caller must own the count it gives back
    /// (from `into_raw` or [`Arc::increment_strong_count`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let arc = Arc::new(String::from("shared"));
    /// let raw = Arc::into_raw(Arc::clone(&arc));
    /// assert_eq!(Arc::strong_count(&arc), 2);
    /// // SAFETY: `raw` came from `into_raw`, which gave up this count.
    /// unsafe { Arc::decrement_strong_count(raw) };
    /// assert_eq!(Arc::strong_count(&arc), 1);
    /// ```
    #[inline]
    pub unsafe fn decrement_strong_count(ptr: *const T) {
        // SAFETY: `ptr` came from `into_raw` and the caller owns the count.
        drop(unsafe { Arc::from_raw(ptr) });
    }
}

impl<T: ?Sized> ArcWeak<T> {
    /// Rebuilds a `Weak` from a pointer returned by [`Weak::into_raw`](Self::into_raw),
    /// taking back the weak count that `into_raw` gave up.
    ///
    /// The value may be gone by now; the `Weak` then fails to upgrade, as
    /// the original would have. Works for unsized `T` and for the pointer of
    /// a [`Weak::new`](Self::new).
    ///
    /// # Safety
    ///
    /// - `ptr` must have been returned by [`Weak::into_raw`](Self::into_raw) on a `Weak<U>`,
    ///   where `U` is `T` or has the same size and alignment as `T`;
    /// - each pointer returned by `into_raw` may be turned back only once.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::{Arc, Weak};
    ///
    /// let arc = Arc::new(7);
    /// let raw = Weak::into_raw(Arc::downgrade(&arc));
    /// drop(arc);
    /// // SAFETY: `raw` came from `Weak::into_raw` and is turned back once.
    /// let weak = unsafe { Weak::from_raw(raw) };
    /// assert!(weak.upgrade().is_none());
    /// ```
    #[inline]
    pub unsafe fn from_raw(ptr: *const T) -> Self {
        // SAFETY: the caller's contract is `WeakPtr::from_raw`'s.
        ArcWeak(unsafe { ArcWeakPtr::from_raw(ptr) })
    }
}
