//! Single-threaded shared ownership: [`Rc`] and its non-owning companion
//! [`Weak`], a drop-in for `std::rc`.
//!
//! # Who frees what
//!
//! An `Rc<T>` puts its value in a heap block together with two counts, and
//! every clone of it points at that same block:
//!
//! - The **last `Rc`** drops the **value**. Each `Rc` is one *strong* count;
//!   the value lives exactly as long as there is one.
//! - The **last `Rc` or `Weak`**, whichever goes last, frees the **block**.
//!   A [`Weak`] (from [`Rc::downgrade`]) is one *weak* count: it keeps the
//!   block, not the value, so it can still answer "is the value alive?" after
//!   the value is gone ([`Weak::upgrade`] returns `None` then).
//!
//! ```
//! use ownkit::rc::Rc;
//!
//! let first = Rc::new(String::from("shared"));
//! let second = Rc::clone(&first); // same block, strong count 2
//! let weak = Rc::downgrade(&first); // weak count 1
//! assert_eq!((Rc::strong_count(&first), Rc::weak_count(&first)), (2, 1));
//!
//! drop(first); // strong 1: nothing is dropped
//! assert_eq!(weak.upgrade().as_deref().map(String::as_str), Some("shared"));
//! drop(second); // strong 0: the String is dropped, the block stays for `weak`
//! assert!(weak.upgrade().is_none());
//! drop(weak); // weak 0: the block is freed
//! ```
//!
//! # Cycles leak, `Weak` breaks them
//!
//! Counting cannot see cycles. If a parent holds an `Rc` to its child and
//! the child an `Rc` back to its parent, each keeps the other's strong count
//! above 0 after every outside `Rc` is gone: neither value is ever dropped
//! and both blocks leak. The fix is to make the back edge a `Weak`, which
//! does not keep the value alive:
//!
//! ```
//! use ownkit::rc::{Rc, Weak};
//! use std::cell::RefCell;
//!
//! struct Parent {
//!     child: RefCell<Option<Rc<Child>>>,
//! }
//! struct Child {
//!     parent: Weak<Parent>, // an `Rc<Parent>` here would leak both
//! }
//!
//! let parent = Rc::new(Parent { child: RefCell::new(None) });
//! let child = Rc::new(Child { parent: Rc::downgrade(&parent) });
//! *parent.child.borrow_mut() = Some(Rc::clone(&child));
//!
//! assert!(child.parent.upgrade().is_some());
//! assert_eq!(Rc::strong_count(&child), 2); // `child` and the parent's field
//!
//! drop(parent); // strong 0: Parent is dropped, and with it its Rc<Child>
//! assert_eq!(Rc::strong_count(&child), 1);
//! assert!(child.parent.upgrade().is_none());
//! ```
//!
//! [`Rc::new_cyclic`] builds such a structure in one step, handing the value
//! a `Weak` to itself before the value exists.
//!
//! # Threads
//!
//! The counts are plain integers, not atomics, so `Rc` and `Weak` are
//! neither `Send` nor `Sync`: two threads cloning one `Rc` at once could
//! lose an increment and free the value while it is in use. Use `Arc` to
//! share across threads.
//!
//! ```compile_fail
//! let rc = ownkit::rc::Rc::new(1);
//! std::thread::spawn(move || drop(rc)); // `Rc<i32>` cannot be sent
//! ```
//!
//! # Differences from `std::rc`
//!
//! The behaviour, the counts and the block are std's, and so is the size of
//! an `Rc`. Two things differ, both about the drop checker:
//!
//! - std's `Rc` tells the drop checker, with the unstable `#[may_dangle]`,
//!   that dropping an `Rc<T>` does not use a `T` whose borrows have expired,
//!   unless it drops it. Stable Rust cannot say that, so the drop checker
//!   assumes dropping `ownkit::Rc<&'a X>` may use the `&'a X`, and `'a` must
//!   outlive the `Rc`. The only code this rejects is code where the borrowed
//!   value is declared after the `Rc` and so dropped first; declaring it
//!   before the `Rc` fixes it.
//!
//!   ```compile_fail,E0597
//!   use ownkit::rc::Rc;
//!
//!   let rc;
//!   let x = 5; // dropped before `rc`, which borrows it
//!   rc = Rc::new(&x); // fine with std::rc::Rc, an error here
//!   ```
//!
//! - A [`Weak`] may be dropped after what its value borrows, as std's may:
//!   it frees its block through a part that does not know `T`, so the drop
//!   checker asks nothing of `T`. That part holds the block's address
//!   untyped, beside the typed pointer, so a `Weak` is one word larger than
//!   std's (two words, three for an unsized `T`).
//!
//!   ```
//!   use ownkit::rc::{Rc, Weak};
//!
//!   let weak: Weak<&i32>;
//!   let x = 5; // dropped before `weak`, which still points at a `&x`
//!   let rc = Rc::new(&x);
//!   weak = Rc::downgrade(&rc);
//!   drop(rc);
//!   ```
//!
//! Also, std compares `Rc<T: Eq>`s by address first and skips calling `==`
//! on the same value; this needs specialization, so ownkit always compares the
//! values (the result is the same for any lawful `Eq`).
//!
//! # Unsized values
//!
//! `Rc<str>`, `Rc<[T]>` and `Rc<dyn Trait>` work on stable Rust through
//! `From` conversions: from `&str` and `String`; from `Vec<T>`, `&[T]`,
//! arrays and iterators; and from any std `Box<T>`, which is how you get an
//! `Rc<dyn Trait>`:
//!
//! ```
//! use ownkit::rc::Rc;
//! use std::fmt::Display;
//!
//! let shown: Rc<dyn Display> = Rc::from(Box::new(42) as Box<dyn Display>);
//! assert_eq!(shown.to_string(), "42");
//! ```
//!
//! The unsafe code behind all this lives in one file, `src/raw/rc.rs`, which
//! explains the block, its invariants and every unsafe operation.

use alloc_crate::boxed::Box as StdBox;
use alloc_crate::ffi::CString;
use alloc_crate::string::String;
use alloc_crate::vec::Vec;
use core::any::Any;
use core::borrow::Borrow;
use core::cmp::Ordering;
use core::ffi::CStr;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::ops::Deref;
use core::panic::{RefUnwindSafe, UnwindSafe};
#[cfg(feature = "std")]
use std::ffi::{OsStr, OsString};
#[cfg(feature = "std")]
use std::path::{Path, PathBuf};

use crate::raw::arc::ArcPtr;
use crate::raw::rc::{RcPtr, WeakPtr};
use crate::sync::Arc;

/// A single-threaded reference-counting pointer: shared ownership of a value
/// on the heap, dropped when the last `Rc` is.
///
/// Cloning an `Rc` makes a new pointer to the same value and adds one to its
/// strong count; dropping one subtracts it. The value is immutable through an
/// `Rc` (use a `Cell` or `RefCell` inside for mutation), except through
/// [`Rc::get_mut`] and [`Rc::make_mut`], which need the `Rc` to be unique.
///
/// Methods are associated functions (`Rc::strong_count(&rc)`, not
/// `rc.strong_count()`) so they never shadow a method of `T`.
///
/// # Examples
///
/// ```
/// use ownkit::rc::Rc;
///
/// let five = Rc::new(5);
/// let also_five = Rc::clone(&five);
/// assert_eq!(*also_five, 5);
/// assert!(Rc::ptr_eq(&five, &also_five));
/// assert_eq!(Rc::strong_count(&five), 2);
/// ```
pub struct Rc<T: ?Sized>(pub(crate) RcPtr<T>);

/// A non-owning pointer to the value of an [`Rc`]: it keeps the allocation,
/// not the value, and must be upgraded to reach the value.
///
/// Made by [`Rc::downgrade`], or by [`Weak::new`] with no value at all.
/// [`Weak::upgrade`] returns an `Rc` while any `Rc` to the value exists, and
/// `None` afterwards. Use it for back edges (child to parent, observer to
/// subject) so they do not keep a cycle alive.
///
/// Like std's, a `Weak` may be dropped after the data its value borrows:
/// dropping it never touches the value (see the [module docs](self)).
///
/// # Examples
///
/// ```
/// use ownkit::rc::Rc;
///
/// let rc = Rc::new("value");
/// let weak = Rc::downgrade(&rc);
/// assert_eq!(weak.upgrade().as_deref(), Some(&"value"));
/// drop(rc);
/// assert_eq!(weak.upgrade(), None);
/// ```
pub struct Weak<T: ?Sized>(pub(crate) WeakPtr<T>);

impl<T> Rc<T> {
    /// Moves `value` into a new heap block with a strong count of 1.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc = Rc::new(5);
    /// assert_eq!(*rc, 5);
    /// ```
    #[inline]
    pub fn new(value: T) -> Self {
        Rc(RcPtr::new(value))
    }

    /// Makes a value that holds a [`Weak`] pointer to itself.
    ///
    /// `data_fn` receives a `Weak` to the block the value will live in and
    /// returns the value. While it runs the value does not exist yet, so the
    /// `Weak` cannot be upgraded (`upgrade` returns `None`, the counts read
    /// 0); it can be cloned and stored. If `data_fn` panics, the block is
    /// freed and the panic continues.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::{Rc, Weak};
    ///
    /// struct Gadget {
    ///     me: Weak<Gadget>,
    /// }
    ///
    /// let gadget = Rc::new_cyclic(|me| {
    ///     assert!(me.upgrade().is_none()); // not built yet
    ///     Gadget { me: me.clone() }
    /// });
    /// assert!(Rc::ptr_eq(&gadget, &gadget.me.upgrade().unwrap()));
    /// ```
    pub fn new_cyclic<F>(data_fn: F) -> Self
    where
        F: FnOnce(&Weak<T>) -> T,
    {
        Rc(RcPtr::new_cyclic(|weak| {
            let weak = Weak(weak);
            let value = data_fn(&weak);
            (value, weak.0)
        }))
    }

    /// Returns the value if this is the only `Rc` to it, and the `Rc` back
    /// otherwise.
    ///
    /// `Weak`s do not prevent this: they keep the allocation and fail to
    /// upgrade from then on.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc = Rc::new(3);
    /// let weak = Rc::downgrade(&rc);
    /// assert_eq!(Rc::try_unwrap(rc), Ok(3));
    /// assert!(weak.upgrade().is_none());
    ///
    /// let shared = Rc::new(4);
    /// let _other = Rc::clone(&shared);
    /// assert_eq!(*Rc::try_unwrap(shared).unwrap_err(), 4);
    /// ```
    pub fn try_unwrap(this: Self) -> Result<T, Self> {
        RcPtr::try_unwrap(this.0).map_err(Rc)
    }

    /// Returns the value if this is the only `Rc` to it, and drops this `Rc`
    /// otherwise.
    ///
    /// When every clone of an `Rc` calls `into_inner`, exactly one of them
    /// gets the value, which `try_unwrap(rc).ok()` does not promise.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let a = Rc::new(String::from("last"));
    /// let b = Rc::clone(&a);
    /// assert_eq!(Rc::into_inner(a), None);
    /// assert_eq!(Rc::into_inner(b).as_deref(), Some("last"));
    /// ```
    pub fn into_inner(this: Self) -> Option<T> {
        Rc::try_unwrap(this).ok()
    }

    /// Returns the value if this is the only `Rc` to it, and a clone of it
    /// otherwise.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let shared = Rc::new(vec![1, 2]);
    /// let other = Rc::clone(&shared);
    /// let cloned: Vec<i32> = Rc::unwrap_or_clone(shared); // clones
    /// let moved: Vec<i32> = Rc::unwrap_or_clone(other); // moves
    /// assert_eq!(cloned, moved);
    /// ```
    pub fn unwrap_or_clone(this: Self) -> T
    where
        T: Clone,
    {
        Rc::try_unwrap(this).unwrap_or_else(|rc| (*rc).clone())
    }
}

impl<T: ?Sized + MakeMut> Rc<T> {
    /// Returns a mutable reference to the value, first making this `Rc` the
    /// only pointer to it (clone-on-write).
    ///
    /// - If other `Rc`s share the value, it is cloned into a new allocation
    ///   that this `Rc` then points to; the others keep the old value.
    /// - If only `Weak`s remain, the value is moved into a new allocation
    ///   and the `Weak`s are disconnected: they no longer upgrade.
    /// - Otherwise the value is already unique and is returned as it is.
    ///
    /// `T` is any `Clone` type, a slice of `Clone` elements, `str`, `CStr`,
    /// and with the `std` feature `OsStr` and `Path` (see [`MakeMut`]).
    ///
    /// # Panics
    ///
    /// If `T::clone` (an element's, for a slice) panics; the `Rc` and every
    /// count are then unchanged, and what was cloned so far is dropped.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let mut data = Rc::new(5);
    /// *Rc::make_mut(&mut data) += 1; // unique: no clone
    /// let other = Rc::clone(&data);
    /// *Rc::make_mut(&mut data) += 1; // shared: clones first
    /// assert_eq!((*data, *other), (7, 6));
    ///
    /// let weak = Rc::downgrade(&data);
    /// *Rc::make_mut(&mut data) += 1; // only a Weak: moves, disconnects it
    /// assert!(weak.upgrade().is_none());
    /// assert_eq!(*data, 8);
    /// ```
    ///
    /// A slice, or a string, is cloned or moved whole:
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let mut numbers: Rc<[i32]> = Rc::from([3, 1, 2]);
    /// let before = Rc::clone(&numbers);
    /// Rc::make_mut(&mut numbers).sort(); // shared: clones the elements first
    /// assert_eq!((&*numbers, &*before), (&[1, 2, 3][..], &[3, 1, 2][..]));
    ///
    /// let mut text: Rc<str> = Rc::from("shout");
    /// Rc::make_mut(&mut text).make_ascii_uppercase(); // unique: in place
    /// assert_eq!(&*text, "SHOUT");
    /// ```
    pub fn make_mut(this: &mut Self) -> &mut T {
        T::make_mut_rc(this)
    }
}

/// The values that [`Rc::make_mut`] and
/// [`Arc::make_mut`](crate::sync::Arc::make_mut) can clone out of, or move
/// out of, a shared allocation: every `Clone` type, slices of `Clone`
/// elements, `str` and `CStr`, and with the `std` feature `OsStr` and
/// `Path`.
///
/// std's `make_mut` accepts any `T: ?Sized + CloneToUninit`, a trait that
/// clones into uninitialized memory and is still unstable, so no crate can
/// name it on stable Rust; this trait stands in for it, for the same types.
/// It is sealed: implemented here for those types and no others, and it
/// has nothing to call. It only lets one `make_mut` serve them all (two
/// `make_mut`s, one for `Rc<T>` and one for `Rc<[T]>`, would make every
/// call `Rc::make_mut(&mut rc)` ambiguous).
///
/// # Examples
///
/// ```
/// use ownkit::rc::{MakeMut, Rc};
///
/// fn append_exclamation<T: ?Sized + MakeMut + AsMut<[u8]>>(rc: &mut Rc<T>) {
///     if let Some(last) = Rc::make_mut(rc).as_mut().last_mut() {
///         *last = b'!';
///     }
/// }
///
/// let mut bytes: Rc<[u8]> = Rc::from(&b"hi?"[..]);
/// append_exclamation(&mut bytes);
/// assert_eq!(&*bytes, b"hi!");
/// ```
pub trait MakeMut: make_mut::Sealed {}

/// How `make_mut` clones each kind of value. The module is private, so
/// `MakeMut` is sealed: no other crate can name `Sealed` to implement it.
mod make_mut {
    use crate::rc::Rc;
    use crate::sync::Arc;

    /// `make_mut` for each pointer, with the right way to clone `Self`.
    pub trait Sealed {
        /// `Rc::make_mut`.
        #[doc(hidden)]
        fn make_mut_rc(rc: &mut Rc<Self>) -> &mut Self;
        /// `Arc::make_mut`.
        #[doc(hidden)]
        fn make_mut_arc(arc: &mut Arc<Self>) -> &mut Self;
    }
}

impl<T: Clone> MakeMut for T {}

impl<T: Clone> make_mut::Sealed for T {
    fn make_mut_rc(rc: &mut Rc<T>) -> &mut T {
        rc.0.make_mut()
    }
    fn make_mut_arc(arc: &mut Arc<T>) -> &mut T {
        arc.0.make_mut()
    }
}

impl<T: Clone> MakeMut for [T] {}

impl<T: Clone> make_mut::Sealed for [T] {
    fn make_mut_rc(rc: &mut Rc<[T]>) -> &mut [T] {
        rc.0.make_mut_with(RcPtr::from_slice_cloned)
    }
    fn make_mut_arc(arc: &mut Arc<[T]>) -> &mut [T] {
        arc.0.make_mut_with(ArcPtr::from_slice_cloned)
    }
}

impl MakeMut for str {}

impl make_mut::Sealed for str {
    fn make_mut_rc(rc: &mut Rc<str>) -> &mut str {
        rc.0.make_mut_with(RcPtr::from_str)
    }
    fn make_mut_arc(arc: &mut Arc<str>) -> &mut str {
        arc.0.make_mut_with(ArcPtr::from_str)
    }
}

/// `MakeMut` for the unsized types that are plain bytes: a copy of the
/// bytes is the clone.
macro_rules! make_mut_by_copying_bytes {
    ($($(#[$attribute:meta])* $type:ty),+ $(,)?) => {$(
        $(#[$attribute])*
        impl MakeMut for $type {}

        $(#[$attribute])*
        impl make_mut::Sealed for $type {
            fn make_mut_rc(rc: &mut Rc<$type>) -> &mut $type {
                rc.0.make_mut_with(RcPtr::from_plain_bytes)
            }
            fn make_mut_arc(arc: &mut Arc<$type>) -> &mut $type {
                arc.0.make_mut_with(ArcPtr::from_plain_bytes)
            }
        }
    )+};
}

make_mut_by_copying_bytes! {
    CStr,
    #[cfg(feature = "std")] OsStr,
    #[cfg(feature = "std")] Path,
}

impl<T: ?Sized> Rc<T> {
    /// The number of `Rc`s pointing at this value, this one included.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc = Rc::new(1);
    /// let _clone = Rc::clone(&rc);
    /// assert_eq!(Rc::strong_count(&rc), 2);
    /// ```
    #[inline]
    pub fn strong_count(this: &Self) -> usize {
        this.0.strong_count()
    }

    /// The number of `Weak`s pointing at this value.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc = Rc::new(1);
    /// let _weak = Rc::downgrade(&rc);
    /// assert_eq!(Rc::weak_count(&rc), 1);
    /// ```
    #[inline]
    pub fn weak_count(this: &Self) -> usize {
        this.0.weak_count()
    }

    /// Makes a [`Weak`] pointer to this value.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc = Rc::new(1);
    /// let weak = Rc::downgrade(&rc);
    /// assert_eq!(weak.upgrade().as_deref(), Some(&1));
    /// ```
    #[inline]
    pub fn downgrade(this: &Self) -> Weak<T> {
        Weak(this.0.downgrade())
    }

    /// A mutable reference to the value, if no other `Rc` or `Weak` points
    /// at it; `None` otherwise.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let mut rc = Rc::new(1);
    /// *Rc::get_mut(&mut rc).unwrap() = 2;
    /// assert_eq!(*rc, 2);
    ///
    /// let weak = Rc::downgrade(&rc);
    /// assert!(Rc::get_mut(&mut rc).is_none());
    /// drop(weak);
    /// assert!(Rc::get_mut(&mut rc).is_some());
    /// ```
    #[inline]
    pub fn get_mut(this: &mut Self) -> Option<&mut T> {
        this.0.get_mut()
    }

    /// Whether both `Rc`s point at the same allocation (like `ptr::addr_eq`:
    /// the metadata of wide pointers is ignored).
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let a = Rc::new(1);
    /// let b = Rc::clone(&a);
    /// let c = Rc::new(1);
    /// assert!(Rc::ptr_eq(&a, &b));
    /// assert!(!Rc::ptr_eq(&a, &c));
    /// ```
    #[inline]
    pub fn ptr_eq(this: &Self, other: &Self) -> bool {
        this.0.ptr_eq(&other.0)
    }

    /// A raw pointer to the value. The counts are unchanged, and the pointer
    /// is valid as long as an `Rc` to the value exists.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc = Rc::new(String::from("x"));
    /// assert!(std::ptr::eq(Rc::as_ptr(&rc), &*rc));
    /// ```
    #[inline]
    pub fn as_ptr(this: &Self) -> *const T {
        this.0.as_ptr()
    }

    /// Turns this `Rc` into a raw pointer to the value, keeping its strong
    /// count. Turn it back with [`Rc::from_raw`] or the value leaks.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let raw = Rc::into_raw(Rc::new(5));
    /// // SAFETY: `raw` came from `Rc::into_raw` and is turned back once.
    /// let rc = unsafe { Rc::from_raw(raw) };
    /// assert_eq!(*rc, 5);
    /// ```
    pub fn into_raw(this: Self) -> *const T {
        this.0.into_raw()
    }
}

impl Rc<dyn Any> {
    /// Gives back the `Rc` with its concrete type, if the value is a `T`.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    /// use std::any::Any;
    ///
    /// let any: Rc<dyn Any> = Rc::from(Box::new(7_i32) as Box<dyn Any>);
    /// let number: Rc<i32> = any.downcast().unwrap();
    /// assert_eq!(*number, 7);
    /// ```
    pub fn downcast<T: Any>(self) -> Result<Rc<T>, Self> {
        self.0.downcast().map(Rc).map_err(Rc)
    }
}

impl<T: ?Sized> Clone for Rc<T> {
    /// Makes another `Rc` to the same value, adding one to the strong count.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc = Rc::new(5);
    /// let clone = Rc::clone(&rc);
    /// assert!(Rc::ptr_eq(&rc, &clone));
    /// ```
    #[inline]
    fn clone(&self) -> Self {
        Rc(self.0.clone())
    }
}

impl<T: ?Sized> Deref for Rc<T> {
    type Target = T;

    #[inline]
    fn deref(&self) -> &T {
        self.0.value()
    }
}

impl<T: Default> Default for Rc<T> {
    /// An `Rc` holding `T::default()`.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc: Rc<i32> = Rc::default();
    /// assert_eq!(*rc, 0);
    /// ```
    #[inline]
    fn default() -> Self {
        Rc::new(T::default())
    }
}

impl Default for Rc<str> {
    /// An `Rc` holding the empty string.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc: Rc<str> = Rc::default();
    /// assert_eq!(&*rc, "");
    /// ```
    fn default() -> Self {
        Rc::from("")
    }
}

impl<T> Default for Rc<[T]> {
    /// An `Rc` holding an empty slice.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc: Rc<[u8]> = Rc::default();
    /// assert!(rc.is_empty());
    /// ```
    fn default() -> Self {
        Rc(RcPtr::from_vec(Vec::new()))
    }
}

impl<T> From<T> for Rc<T> {
    /// Moves `value` into a new `Rc`, same as [`Rc::new`].
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc: Rc<i32> = Rc::from(5);
    /// assert_eq!(*rc, 5);
    /// ```
    fn from(value: T) -> Self {
        Rc::new(value)
    }
}

impl<T: ?Sized> From<StdBox<T>> for Rc<T> {
    /// Moves the value of a std `Box` into a new `Rc`, also for unsized
    /// values such as `dyn Trait`, `str` and slices.
    ///
    /// The value is copied once into the new allocation and the box's memory
    /// is freed; the value itself is not dropped.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc: Rc<[i32]> = Rc::from(vec![1, 2, 3].into_boxed_slice());
    /// assert_eq!(&*rc, [1, 2, 3]);
    /// ```
    fn from(boxed: StdBox<T>) -> Self {
        Rc(RcPtr::from_box(boxed))
    }
}

impl From<&str> for Rc<str> {
    /// Copies a string slice into a new `Rc<str>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc: Rc<str> = Rc::from("text");
    /// assert_eq!(&*rc, "text");
    /// ```
    fn from(text: &str) -> Self {
        Rc(RcPtr::from_str(text))
    }
}

impl From<String> for Rc<str> {
    /// Copies a `String`'s text into a new `Rc<str>` and frees the `String`.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc: Rc<str> = Rc::from(String::from("text"));
    /// assert_eq!(&*rc, "text");
    /// ```
    fn from(text: String) -> Self {
        Rc::from(text.as_str())
    }
}

impl From<&CStr> for Rc<CStr> {
    /// Copies a C string, its nul included, into a new `Rc<CStr>` with a
    /// single allocation.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    /// use std::ffi::CStr;
    ///
    /// let rc: Rc<CStr> = Rc::from(c"text");
    /// assert_eq!(rc.to_bytes_with_nul(), b"text\0");
    /// ```
    fn from(text: &CStr) -> Self {
        Rc(RcPtr::from_plain_bytes(text))
    }
}

impl From<CString> for Rc<CStr> {
    /// Copies a `CString`'s bytes into a new `Rc<CStr>` and frees the
    /// `CString`.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    /// use std::ffi::{CStr, CString};
    ///
    /// let rc: Rc<CStr> = Rc::from(CString::new("text").unwrap());
    /// assert_eq!(&*rc, c"text");
    /// ```
    fn from(text: CString) -> Self {
        Rc::from(text.as_c_str())
    }
}

impl Default for Rc<CStr> {
    /// An `Rc` holding the empty C string (a lone nul).
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    /// use std::ffi::CStr;
    ///
    /// let rc: Rc<CStr> = Rc::default();
    /// assert!(rc.is_empty());
    /// ```
    fn default() -> Self {
        Rc::from(c"")
    }
}

#[cfg(feature = "std")]
impl From<&OsStr> for Rc<OsStr> {
    /// Copies an OS string into a new `Rc<OsStr>` with a single allocation.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    /// use std::ffi::OsStr;
    ///
    /// let rc: Rc<OsStr> = Rc::from(OsStr::new("text"));
    /// assert_eq!(&*rc, "text");
    /// ```
    fn from(text: &OsStr) -> Self {
        Rc(RcPtr::from_plain_bytes(text))
    }
}

#[cfg(feature = "std")]
impl From<OsString> for Rc<OsStr> {
    /// Copies an `OsString`'s bytes into a new `Rc<OsStr>` and frees the
    /// `OsString`.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    /// use std::ffi::{OsStr, OsString};
    ///
    /// let rc: Rc<OsStr> = Rc::from(OsString::from("text"));
    /// assert_eq!(&*rc, "text");
    /// ```
    fn from(text: OsString) -> Self {
        Rc::from(text.as_os_str())
    }
}

#[cfg(feature = "std")]
impl From<&Path> for Rc<Path> {
    /// Copies a path into a new `Rc<Path>` with a single allocation.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    /// use std::path::Path;
    ///
    /// let rc: Rc<Path> = Rc::from(Path::new("notes/file"));
    /// assert_eq!(rc.file_name().unwrap(), "file");
    /// ```
    fn from(path: &Path) -> Self {
        Rc(RcPtr::from_plain_bytes(path))
    }
}

#[cfg(feature = "std")]
impl From<PathBuf> for Rc<Path> {
    /// Copies a `PathBuf`'s bytes into a new `Rc<Path>` and frees the
    /// `PathBuf`.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    /// use std::path::{Path, PathBuf};
    ///
    /// let rc: Rc<Path> = Rc::from(PathBuf::from("notes/file"));
    /// assert_eq!(&*rc, Path::new("notes/file"));
    /// ```
    fn from(path: PathBuf) -> Self {
        Rc::from(path.as_path())
    }
}

impl<T, const N: usize> TryFrom<Rc<[T]>> for Rc<[T; N]> {
    type Error = Rc<[T]>;

    /// The same allocation as an `Rc` of an array, if the slice has exactly
    /// `N` elements; the `Rc` back otherwise. Nothing is copied: only the
    /// pointer's type changes, and the counts with it.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let slice: Rc<[u8]> = Rc::from([1, 2, 3]);
    /// let slice = <Rc<[u8; 2]>>::try_from(slice).unwrap_err(); // 3 elements, not 2
    /// let array: Rc<[u8; 3]> = slice.try_into().unwrap();
    /// assert_eq!(*array, [1, 2, 3]);
    /// ```
    fn try_from(slice: Rc<[T]>) -> Result<Self, Self::Error> {
        slice.0.into_array().map(Rc).map_err(Rc)
    }
}

impl<T> From<Vec<T>> for Rc<[T]> {
    /// Moves the elements of a `Vec` into a new `Rc<[T]>` with a single
    /// allocation, and frees the vector's buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc: Rc<[String]> = Rc::from(vec![String::from("a")]);
    /// assert_eq!(rc[0], "a");
    /// ```
    fn from(vec: Vec<T>) -> Self {
        Rc(RcPtr::from_vec(vec))
    }
}

impl<T: Clone> From<&[T]> for Rc<[T]> {
    /// Clones the elements of a slice into a new `Rc<[T]>` with a single
    /// allocation.
    ///
    /// # Panics
    ///
    /// If `T::clone` panics; the elements cloned so far are dropped and the
    /// allocation is freed.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc: Rc<[i32]> = Rc::from(&[1, 2][..]);
    /// assert_eq!(&*rc, [1, 2]);
    /// ```
    fn from(slice: &[T]) -> Self {
        Rc(RcPtr::from_slice_cloned(slice))
    }
}

impl<T, const N: usize> From<[T; N]> for Rc<[T]> {
    /// Moves the elements of an array into a new `Rc<[T]>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc: Rc<[i32]> = Rc::from([1, 2, 3]);
    /// assert_eq!(rc.len(), 3);
    /// ```
    fn from(array: [T; N]) -> Self {
        Rc(RcPtr::from_array(array))
    }
}

impl<T> FromIterator<T> for Rc<[T]> {
    /// Moves the elements into a new `Rc<[T]>`.
    ///
    /// An iterator whose size hint is exact (a range, a slice iterator,
    /// `map` over either...) is written straight into the new block: one
    /// allocation, as std makes. Any other is collected into a `Vec` first,
    /// which costs a second allocation, as in std. A size hint that turns
    /// out wrong is caught and costs the same second allocation, never
    /// memory safety.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let squares: Rc<[u32]> = (1..=3).map(|n| n * n).collect();
    /// assert_eq!(&*squares, [1, 4, 9]);
    /// ```
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Rc(RcPtr::from_iter(iter))
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for Rc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: ?Sized + fmt::Display> fmt::Display for Rc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl<T: ?Sized> fmt::Pointer for Rc<T> {
    /// Formats the address of the value, like `{:p}` on a reference to it.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc = Rc::new(1);
    /// assert_eq!(format!("{rc:p}"), format!("{:p}", Rc::as_ptr(&rc)));
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Pointer::fmt(&Rc::as_ptr(self), f)
    }
}

impl<T: ?Sized + PartialEq> PartialEq for Rc<T> {
    /// Compares the values, not the addresses ([`Rc::ptr_eq`] does that).
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// assert_eq!(Rc::new(5), Rc::new(5));
    /// ```
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: ?Sized + Eq> Eq for Rc<T> {}

impl<T: ?Sized + PartialOrd> PartialOrd for Rc<T> {
    /// Compares the values.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// assert!(Rc::new(5) < Rc::new(6));
    /// ```
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        (**self).partial_cmp(&**other)
    }
}

impl<T: ?Sized + Ord> Ord for Rc<T> {
    /// Compares the values.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    /// use std::cmp::Ordering;
    ///
    /// assert_eq!(Rc::new(5).cmp(&Rc::new(6)), Ordering::Less);
    /// ```
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        (**self).cmp(&**other)
    }
}

impl<T: ?Sized + Hash> Hash for Rc<T> {
    /// Hashes the value, so an `Rc<T>` hashes like its `T`.
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl<T: ?Sized> AsRef<T> for Rc<T> {
    fn as_ref(&self) -> &T {
        self
    }
}

impl<T: ?Sized> Borrow<T> for Rc<T> {
    fn borrow(&self) -> &T {
        self
    }
}

/// Moving an `Rc` never moves its value, which stays in its allocation.
impl<T: ?Sized> Unpin for Rc<T> {}

/// As std: an `Rc` observed after a panic shows a value that is
/// `RefUnwindSafe`; the counts themselves are always consistent.
impl<T: ?Sized + RefUnwindSafe> UnwindSafe for Rc<T> {}

/// As std, see the `UnwindSafe` impl.
impl<T: ?Sized + RefUnwindSafe> RefUnwindSafe for Rc<T> {}

impl<T> Weak<T> {
    /// A `Weak` that points at nothing and never upgrades. Allocates
    /// nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Weak;
    ///
    /// let empty: Weak<i32> = Weak::new();
    /// assert!(empty.upgrade().is_none());
    /// assert_eq!((empty.strong_count(), empty.weak_count()), (0, 0));
    /// ```
    #[inline]
    pub const fn new() -> Self {
        Weak(WeakPtr::new())
    }
}

impl<T: ?Sized> Weak<T> {
    /// An `Rc` to the value if it is still alive, `None` once the last `Rc`
    /// is gone.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc = Rc::new(5);
    /// let weak = Rc::downgrade(&rc);
    /// assert_eq!(weak.upgrade().map(|rc| *rc), Some(5));
    /// drop(rc);
    /// assert!(weak.upgrade().is_none());
    /// ```
    #[inline]
    pub fn upgrade(&self) -> Option<Rc<T>> {
        self.0.upgrade().map(Rc)
    }

    /// The number of `Rc`s pointing at the value; 0 once it is gone, or for
    /// [`Weak::new`].
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc = Rc::new(5);
    /// let weak = Rc::downgrade(&rc);
    /// assert_eq!(weak.strong_count(), 1);
    /// drop(rc);
    /// assert_eq!(weak.strong_count(), 0);
    /// ```
    #[inline]
    pub fn strong_count(&self) -> usize {
        self.0.strong_count()
    }

    /// The number of `Weak`s pointing at the value, this one included; 0
    /// once no `Rc` remains (as in std), or for [`Weak::new`].
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc = Rc::new(5);
    /// let weak = Rc::downgrade(&rc);
    /// let _other = weak.clone();
    /// assert_eq!(weak.weak_count(), 2);
    /// drop(rc);
    /// assert_eq!(weak.weak_count(), 0);
    /// ```
    #[inline]
    pub fn weak_count(&self) -> usize {
        self.0.weak_count()
    }

    /// Whether both `Weak`s point at the same allocation, or both come from
    /// [`Weak::new`].
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::{Rc, Weak};
    ///
    /// let rc = Rc::new(5);
    /// assert!(Rc::downgrade(&rc).ptr_eq(&Rc::downgrade(&rc)));
    /// assert!(Weak::<i32>::new().ptr_eq(&Weak::new()));
    /// assert!(!Rc::downgrade(&rc).ptr_eq(&Weak::new()));
    /// ```
    #[inline]
    pub fn ptr_eq(&self, other: &Self) -> bool {
        self.0.ptr_eq(&other.0)
    }

    /// A raw pointer to the value, which may already be dropped; don't read
    /// through it unless an `Rc` is known to exist. For [`Weak::new`] it is
    /// a dangling, never-null address.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc = Rc::new(5);
    /// let weak = Rc::downgrade(&rc);
    /// assert_eq!(weak.as_ptr(), Rc::as_ptr(&rc));
    /// ```
    #[inline]
    pub fn as_ptr(&self) -> *const T {
        self.0.as_ptr()
    }

    /// Turns this `Weak` into a raw pointer, keeping its weak count. Turn it
    /// back with [`Weak::from_raw`] or the allocation leaks.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::{Rc, Weak};
    ///
    /// let rc = Rc::new(5);
    /// let raw = Weak::into_raw(Rc::downgrade(&rc));
    /// assert_eq!(Rc::weak_count(&rc), 1);
    /// // SAFETY: `raw` came from `Weak::into_raw` and is turned back once.
    /// drop(unsafe { Weak::from_raw(raw) });
    /// assert_eq!(Rc::weak_count(&rc), 0);
    /// ```
    pub fn into_raw(self) -> *const T {
        self.0.into_raw()
    }
}

impl<T: ?Sized> Clone for Weak<T> {
    /// Makes another `Weak` to the same allocation.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc = Rc::new(5);
    /// let weak = Rc::downgrade(&rc);
    /// let clone = weak.clone();
    /// assert!(weak.ptr_eq(&clone));
    /// assert_eq!(Rc::weak_count(&rc), 2);
    /// ```
    #[inline]
    fn clone(&self) -> Self {
        Weak(self.0.clone())
    }
}

impl<T> Default for Weak<T> {
    /// Same as [`Weak::new`].
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Weak;
    ///
    /// let weak: Weak<i32> = Weak::default();
    /// assert!(weak.upgrade().is_none());
    /// ```
    fn default() -> Self {
        Weak::new()
    }
}

impl<T: ?Sized> fmt::Debug for Weak<T> {
    /// Prints `(Weak)`, as std does: showing the value would need an upgrade.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Weak;
    ///
    /// assert_eq!(format!("{:?}", Weak::<i32>::new()), "(Weak)");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(Weak)")
    }
}
