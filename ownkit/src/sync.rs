//! Thread-safe shared ownership: [`Arc`] and its non-owning companion
//! [`Weak`], a drop-in for `std::sync::{Arc, Weak}`.
//!
//! # Who frees what
//!
//! An `Arc<T>` is an [`Rc`](crate::rc::Rc) whose counts are atomic, so its
//! clones may live on different threads. The ownership rules are the same:
//!
//! - The **last `Arc`** drops the **value**, on whichever thread lets go of
//!   it last. Each `Arc` is one *strong* count.
//! - The **last `Arc` or `Weak`** frees the **block**. A [`Weak`] (from
//!   [`Arc::downgrade`]) keeps the block, not the value, and
//!   [`Weak::upgrade`] answers "is the value still alive?" safely even while
//!   another thread is dropping the last `Arc`.
//!
//! ```
//! use ownkit::sync::Arc;
//! use std::thread;
//!
//! let config = Arc::new(vec![String::from("verbose")]);
//! let workers: Vec<_> = (0..4)
//!     .map(|id| {
//!         let config = Arc::clone(&config); // one strong count per thread
//!         thread::spawn(move || format!("worker {id}: {}", config[0]))
//!     })
//!     .collect();
//! for worker in workers {
//!     assert!(worker.join().unwrap().ends_with("verbose"));
//! }
//! // Every worker's clone is gone: this is the last owner again.
//! assert_eq!(Arc::strong_count(&config), 1);
//! ```
//!
//! # Sharing across threads
//!
//! `Arc<T>` is `Send` and `Sync` exactly when `T` is both, as std's is. It
//! gives every thread that holds a clone a `&T`, so `T` must be `Sync`; and
//! the value is dropped (or moved out by [`Arc::try_unwrap`]) on whichever
//! thread gets there last, so `T` must be `Send`. To mutate shared data, put
//! a lock or an atomic inside: `Arc<Mutex<T>>`, `Arc<AtomicUsize>`. A
//! `Cell` or `RefCell` inside does not make it across:
//!
//! ```compile_fail
//! use std::cell::Cell;
//! let shared = ownkit::sync::Arc::new(Cell::new(1));
//! std::thread::spawn(move || shared.set(2)); // `Cell<i32>` is not `Sync`
//! ```
//!
//! # Cycles leak, `Weak` breaks them
//!
//! As with `Rc`, counting cannot see cycles: two values holding `Arc`s to
//! each other keep both alive forever. Make the back edge a `Weak`;
//! [`Arc::new_cyclic`] builds a value that holds a `Weak` to itself.
//!
//! # What the atomics cost
//!
//! Cloning is one atomic add and dropping one atomic subtract, on a cache
//! line that every thread touching the same `Arc` shares; under contention
//! that line moves between cores on every operation. That is the whole price
//! over `Rc`, and it is std's price exactly: the code generation is the same.
//! Why each operation uses the memory ordering it does is explained next to
//! it in `src/raw/arc.rs`, with the Release/Acquire chain of the final drop
//! spelled out once, on `ArcPtr`'s `Drop`.
//!
//! # Differences from `std::sync`
//!
//! As for `Rc` (see [`crate::rc`]): no unsizing coercion (build an
//! `Arc<dyn Trait>` from a std `Box`, see below), no `#[may_dangle]` on
//! `Arc` (an `Arc<&'a T>` must be dropped before the data it borrows, while
//! a [`Weak`] may be dropped after it, as std's, at the cost of one more
//! word), and `==` always compares the values. Also, no allocator
//! parameter and no `new_uninit`.
//!
//! ```compile_fail,E0597
//! use ownkit::sync::Arc;
//!
//! let arc;
//! let x = 5; // dropped before `arc`, which borrows it
//! arc = Arc::new(&x); // fine with std::sync::Arc, an error here
//! ```
//!
//! # Unsized values
//!
//! `Arc<str>`, `Arc<[T]>` and `Arc<dyn Trait>` work on stable Rust through
//! `From` conversions: from `&str` and `String`; from `Vec<T>`, `&[T]`,
//! arrays and iterators; and from any std `Box<T>`, which is how you get an
//! `Arc<dyn Trait>`:
//!
//! ```
//! use ownkit::sync::Arc;
//! use std::fmt::Display;
//!
//! let shown: Arc<dyn Display + Send + Sync> =
//!     Arc::from(Box::new(42) as Box<dyn Display + Send + Sync>);
//! assert_eq!(shown.to_string(), "42");
//! ```
//!
//! The unsafe code behind all this lives in one file, `src/raw/arc.rs`, which
//! explains the block, its invariants, every unsafe operation and every
//! atomic ordering.

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

use crate::raw::arc::{ArcPtr, WeakPtr};
/// The values `Arc::make_mut` can clone: the same trait as `Rc`'s.
pub use crate::rc::MakeMut;

/// A thread-safe reference-counting pointer: shared ownership of a value
/// on the heap, dropped when the last `Arc` is.
///
/// Cloning an `Arc` makes a new pointer to the same value and adds one to its
/// strong count; dropping one subtracts it. The value is immutable through an
/// `Arc` (put a `Mutex`, an `RwLock` or atomics inside to mutate it from several threads), except through
/// [`Arc::get_mut`] and [`Arc::make_mut`], which need the `Arc` to be unique.
///
/// Methods are associated functions (`Arc::strong_count(&arc)`, not
/// `arc.strong_count()`) so they never shadow a method of `T`.
///
/// # Examples
///
/// ```
/// use ownkit::sync::Arc;
///
/// let five = Arc::new(5);
/// let also_five = Arc::clone(&five);
/// assert_eq!(*also_five, 5);
/// assert!(Arc::ptr_eq(&five, &also_five));
/// assert_eq!(Arc::strong_count(&five), 2);
/// ```
pub struct Arc<T: ?Sized>(pub(crate) ArcPtr<T>);

/// A non-owning pointer to the value of an [`Arc`]: it keeps the allocation,
/// not the value, and must be upgraded to reach the value.
///
/// Made by [`Arc::downgrade`], or by [`Weak::new`] with no value at all.
/// [`Weak::upgrade`] returns an `Arc` while any `Arc` to the value exists, and
/// `None` afterwards. Use it for back edges (child to parent, observer to
/// subject) so they do not keep a cycle alive.
///
/// Like std's, a `Weak` may be dropped after the data its value borrows:
/// dropping it never touches the value (see [`crate::rc`]'s "Differences
/// from `std::rc`").
///
/// # Examples
///
/// ```
/// use ownkit::sync::Arc;
///
/// let arc = Arc::new("value");
/// let weak = Arc::downgrade(&arc);
/// assert_eq!(weak.upgrade().as_deref(), Some(&"value"));
/// drop(arc);
/// assert_eq!(weak.upgrade(), None);
/// ```
pub struct Weak<T: ?Sized>(pub(crate) WeakPtr<T>);

impl<T> Arc<T> {
    /// Moves `value` into a new heap block with a strong count of 1.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let arc = Arc::new(5);
    /// assert_eq!(*arc, 5);
    /// ```
    #[inline]
    pub fn new(value: T) -> Self {
        Arc(ArcPtr::new(value))
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
    /// use ownkit::sync::{Arc, Weak};
    ///
    /// struct Gadget {
    ///     me: Weak<Gadget>,
    /// }
    ///
    /// let gadget = Arc::new_cyclic(|me| {
    ///     assert!(me.upgrade().is_none()); // not built yet
    ///     Gadget { me: me.clone() }
    /// });
    /// assert!(Arc::ptr_eq(&gadget, &gadget.me.upgrade().unwrap()));
    /// ```
    pub fn new_cyclic<F>(data_fn: F) -> Self
    where
        F: FnOnce(&Weak<T>) -> T,
    {
        Arc(ArcPtr::new_cyclic(|weak| {
            let weak = Weak(weak);
            let value = data_fn(&weak);
            (value, weak.0)
        }))
    }

    /// Returns the value if this is the only `Arc` to it, and the `Arc` back
    /// otherwise.
    ///
    /// `Weak`s do not prevent this: they keep the allocation and fail to
    /// upgrade from then on.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let arc = Arc::new(3);
    /// let weak = Arc::downgrade(&arc);
    /// assert_eq!(Arc::try_unwrap(arc), Ok(3));
    /// assert!(weak.upgrade().is_none());
    ///
    /// let shared = Arc::new(4);
    /// let _other = Arc::clone(&shared);
    /// assert_eq!(*Arc::try_unwrap(shared).unwrap_err(), 4);
    /// ```
    pub fn try_unwrap(this: Self) -> Result<T, Self> {
        ArcPtr::try_unwrap(this.0).map_err(Arc)
    }

    /// Returns the value if this is the only `Arc` to it, and drops this `Arc`
    /// otherwise.
    ///
    /// When every clone of an `Arc` calls `into_inner`, exactly one of them
    /// gets the value, even when they run at the same time on different
    /// threads. `try_unwrap(arc).ok()` does not promise that: two threads
    /// could each see the other's `Arc` and both give up, dropping the value.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let a = Arc::new(String::from("last"));
    /// let b = Arc::clone(&a);
    /// assert_eq!(Arc::into_inner(a), None);
    /// assert_eq!(Arc::into_inner(b).as_deref(), Some("last"));
    /// ```
    pub fn into_inner(this: Self) -> Option<T> {
        ArcPtr::into_inner(this.0)
    }

    /// Returns the value if this is the only `Arc` to it, and a clone of it
    /// otherwise.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let shared = Arc::new(vec![1, 2]);
    /// let other = Arc::clone(&shared);
    /// let cloned: Vec<i32> = Arc::unwrap_or_clone(shared); // clones
    /// let moved: Vec<i32> = Arc::unwrap_or_clone(other); // moves
    /// assert_eq!(cloned, moved);
    /// ```
    pub fn unwrap_or_clone(this: Self) -> T
    where
        T: Clone,
    {
        Arc::try_unwrap(this).unwrap_or_else(|arc| (*arc).clone())
    }
}

impl<T: ?Sized + MakeMut> Arc<T> {
    /// Returns a mutable reference to the value, first making this `Arc` the
    /// only pointer to it (clone-on-write).
    ///
    /// - If other `Arc`s share the value, it is cloned into a new allocation
    ///   that this `Arc` then points to; the others keep the old value.
    /// - If only `Weak`s remain, the value is moved into a new allocation
    ///   and the `Weak`s are disconnected: they no longer upgrade.
    /// - Otherwise the value is already unique and is returned as it is.
    ///
    /// `T` is any `Clone` type, a slice of `Clone` elements, `str`, `CStr`,
    /// and with the `std` feature `OsStr` and `Path` (see [`MakeMut`]).
    ///
    /// # Panics
    ///
    /// If `T::clone` (an element's, for a slice) panics; the `Arc` and every
    /// count are then unchanged, and what was cloned so far is dropped.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let mut data = Arc::new(5);
    /// *Arc::make_mut(&mut data) += 1; // unique: no clone
    /// let other = Arc::clone(&data);
    /// *Arc::make_mut(&mut data) += 1; // shared: clones first
    /// assert_eq!((*data, *other), (7, 6));
    ///
    /// let weak = Arc::downgrade(&data);
    /// *Arc::make_mut(&mut data) += 1; // only a Weak: moves, disconnects it
    /// assert!(weak.upgrade().is_none());
    /// assert_eq!(*data, 8);
    /// ```
    ///
    /// A slice, or a string, is cloned or moved whole:
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let mut numbers: Arc<[i32]> = Arc::from([3, 1, 2]);
    /// let before = Arc::clone(&numbers);
    /// Arc::make_mut(&mut numbers).sort(); // shared: clones the elements first
    /// assert_eq!((&*numbers, &*before), (&[1, 2, 3][..], &[3, 1, 2][..]));
    ///
    /// let mut text: Arc<str> = Arc::from("shout");
    /// Arc::make_mut(&mut text).make_ascii_uppercase(); // unique: in place
    /// assert_eq!(&*text, "SHOUT");
    /// ```
    pub fn make_mut(this: &mut Self) -> &mut T {
        T::make_mut_arc(this)
    }
}

impl<T: ?Sized> Arc<T> {
    /// The number of `Arc`s pointing at this value, this one included.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let arc = Arc::new(1);
    /// let _clone = Arc::clone(&arc);
    /// assert_eq!(Arc::strong_count(&arc), 2);
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
    /// use ownkit::sync::Arc;
    ///
    /// let arc = Arc::new(1);
    /// let _weak = Arc::downgrade(&arc);
    /// assert_eq!(Arc::weak_count(&arc), 1);
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
    /// use ownkit::sync::Arc;
    ///
    /// let arc = Arc::new(1);
    /// let weak = Arc::downgrade(&arc);
    /// assert_eq!(weak.upgrade().as_deref(), Some(&1));
    /// ```
    #[inline]
    pub fn downgrade(this: &Self) -> Weak<T> {
        Weak(this.0.downgrade())
    }

    /// A mutable reference to the value, if no other `Arc` or `Weak` points
    /// at it; `None` otherwise.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let mut arc = Arc::new(1);
    /// *Arc::get_mut(&mut arc).unwrap() = 2;
    /// assert_eq!(*arc, 2);
    ///
    /// let weak = Arc::downgrade(&arc);
    /// assert!(Arc::get_mut(&mut arc).is_none());
    /// drop(weak);
    /// assert!(Arc::get_mut(&mut arc).is_some());
    /// ```
    #[inline]
    pub fn get_mut(this: &mut Self) -> Option<&mut T> {
        this.0.get_mut()
    }

    /// Whether both `Arc`s point at the same allocation (like `ptr::addr_eq`:
    /// the metadata of wide pointers is ignored).
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let a = Arc::new(1);
    /// let b = Arc::clone(&a);
    /// let c = Arc::new(1);
    /// assert!(Arc::ptr_eq(&a, &b));
    /// assert!(!Arc::ptr_eq(&a, &c));
    /// ```
    #[inline]
    pub fn ptr_eq(this: &Self, other: &Self) -> bool {
        this.0.ptr_eq(&other.0)
    }

    /// A raw pointer to the value. The counts are unchanged, and the pointer
    /// is valid as long as an `Arc` to the value exists.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let arc = Arc::new(String::from("x"));
    /// assert!(std::ptr::eq(Arc::as_ptr(&arc), &*arc));
    /// ```
    #[inline]
    pub fn as_ptr(this: &Self) -> *const T {
        this.0.as_ptr()
    }

    /// Turns this `Arc` into a raw pointer to the value, keeping its strong
    /// count. Turn it back with [`Arc::from_raw`] or the value leaks.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let raw = Arc::into_raw(Arc::new(5));
    /// // SAFETY: `raw` came from `Arc::into_raw` and is turned back once.
    /// let arc = unsafe { Arc::from_raw(raw) };
    /// assert_eq!(*arc, 5);
    /// ```
    pub fn into_raw(this: Self) -> *const T {
        this.0.into_raw()
    }
}

impl Arc<dyn Any + Send + Sync> {
    /// Gives back the `Arc` with its concrete type, if the value is a `T`.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    /// use std::any::Any;
    ///
    /// let any: Arc<dyn Any + Send + Sync> = Arc::from(Box::new(7_i32) as Box<dyn Any + Send + Sync>);
    /// let number: Arc<i32> = any.downcast().unwrap();
    /// assert_eq!(*number, 7);
    /// ```
    pub fn downcast<T: Any + Send + Sync>(self) -> Result<Arc<T>, Self> {
        self.0.downcast().map(Arc).map_err(Arc)
    }
}

impl<T: ?Sized> Clone for Arc<T> {
    /// Makes another `Arc` to the same value, adding one to the strong count.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let arc = Arc::new(5);
    /// let clone = Arc::clone(&arc);
    /// assert!(Arc::ptr_eq(&arc, &clone));
    /// ```
    #[inline]
    fn clone(&self) -> Self {
        Arc(self.0.clone())
    }
}

impl<T: ?Sized> Deref for Arc<T> {
    type Target = T;

    #[inline]
    fn deref(&self) -> &T {
        self.0.value()
    }
}

impl<T: Default> Default for Arc<T> {
    /// An `Arc` holding `T::default()`.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let arc: Arc<i32> = Arc::default();
    /// assert_eq!(*arc, 0);
    /// ```
    #[inline]
    fn default() -> Self {
        Arc::new(T::default())
    }
}

impl Default for Arc<str> {
    /// An `Arc` holding the empty string.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let arc: Arc<str> = Arc::default();
    /// assert_eq!(&*arc, "");
    /// ```
    fn default() -> Self {
        Arc::from("")
    }
}

impl<T> Default for Arc<[T]> {
    /// An `Arc` holding an empty slice.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let arc: Arc<[u8]> = Arc::default();
    /// assert!(arc.is_empty());
    /// ```
    fn default() -> Self {
        Arc(ArcPtr::from_vec(Vec::new()))
    }
}

impl<T> From<T> for Arc<T> {
    /// Moves `value` into a new `Arc`, same as [`Arc::new`].
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let arc: Arc<i32> = Arc::from(5);
    /// assert_eq!(*arc, 5);
    /// ```
    fn from(value: T) -> Self {
        Arc::new(value)
    }
}

impl<T: ?Sized> From<StdBox<T>> for Arc<T> {
    /// Moves the value of a std `Box` into a new `Arc`, also for unsized
    /// values such as `dyn Trait`, `str` and slices.
    ///
    /// The value is copied once into the new allocation and the box's memory
    /// is freed; the value itself is not dropped.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let arc: Arc<[i32]> = Arc::from(vec![1, 2, 3].into_boxed_slice());
    /// assert_eq!(&*arc, [1, 2, 3]);
    /// ```
    fn from(boxed: StdBox<T>) -> Self {
        Arc(ArcPtr::from_box(boxed))
    }
}

impl From<&str> for Arc<str> {
    /// Copies a string slice into a new `Arc<str>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let arc: Arc<str> = Arc::from("text");
    /// assert_eq!(&*arc, "text");
    /// ```
    fn from(text: &str) -> Self {
        Arc(ArcPtr::from_str(text))
    }
}

impl From<String> for Arc<str> {
    /// Copies a `String`'s text into a new `Arc<str>` and frees the `String`.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let arc: Arc<str> = Arc::from(String::from("text"));
    /// assert_eq!(&*arc, "text");
    /// ```
    fn from(text: String) -> Self {
        Arc::from(text.as_str())
    }
}

impl From<&CStr> for Arc<CStr> {
    /// Copies a C string, its nul included, into a new `Arc<CStr>` with a
    /// single allocation.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    /// use std::ffi::CStr;
    ///
    /// let arc: Arc<CStr> = Arc::from(c"text");
    /// assert_eq!(arc.to_bytes_with_nul(), b"text\0");
    /// ```
    fn from(text: &CStr) -> Self {
        Arc(ArcPtr::from_plain_bytes(text))
    }
}

impl From<CString> for Arc<CStr> {
    /// Copies a `CString`'s bytes into a new `Arc<CStr>` and frees the
    /// `CString`.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    /// use std::ffi::{CStr, CString};
    ///
    /// let arc: Arc<CStr> = Arc::from(CString::new("text").unwrap());
    /// assert_eq!(&*arc, c"text");
    /// ```
    fn from(text: CString) -> Self {
        Arc::from(text.as_c_str())
    }
}

impl Default for Arc<CStr> {
    /// An `Arc` holding the empty C string (a lone nul).
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    /// use std::ffi::CStr;
    ///
    /// let arc: Arc<CStr> = Arc::default();
    /// assert!(arc.is_empty());
    /// ```
    fn default() -> Self {
        Arc::from(c"")
    }
}

#[cfg(feature = "std")]
impl From<&OsStr> for Arc<OsStr> {
    /// Copies an OS string into a new `Arc<OsStr>` with a single
    /// allocation.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    /// use std::ffi::OsStr;
    ///
    /// let arc: Arc<OsStr> = Arc::from(OsStr::new("text"));
    /// assert_eq!(&*arc, "text");
    /// ```
    fn from(text: &OsStr) -> Self {
        Arc(ArcPtr::from_plain_bytes(text))
    }
}

#[cfg(feature = "std")]
impl From<OsString> for Arc<OsStr> {
    /// Copies an `OsString`'s bytes into a new `Arc<OsStr>` and frees the
    /// `OsString`.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    /// use std::ffi::{OsStr, OsString};
    ///
    /// let arc: Arc<OsStr> = Arc::from(OsString::from("text"));
    /// assert_eq!(&*arc, "text");
    /// ```
    fn from(text: OsString) -> Self {
        Arc::from(text.as_os_str())
    }
}

#[cfg(feature = "std")]
impl From<&Path> for Arc<Path> {
    /// Copies a path into a new `Arc<Path>` with a single allocation.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    /// use std::path::Path;
    ///
    /// let arc: Arc<Path> = Arc::from(Path::new("notes/file"));
    /// assert_eq!(arc.file_name().unwrap(), "file");
    /// ```
    fn from(path: &Path) -> Self {
        Arc(ArcPtr::from_plain_bytes(path))
    }
}

#[cfg(feature = "std")]
impl From<PathBuf> for Arc<Path> {
    /// Copies a `PathBuf`'s bytes into a new `Arc<Path>` and frees the
    /// `PathBuf`.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    /// use std::path::{Path, PathBuf};
    ///
    /// let arc: Arc<Path> = Arc::from(PathBuf::from("notes/file"));
    /// assert_eq!(&*arc, Path::new("notes/file"));
    /// ```
    fn from(path: PathBuf) -> Self {
        Arc::from(path.as_path())
    }
}

impl<T, const N: usize> TryFrom<Arc<[T]>> for Arc<[T; N]> {
    type Error = Arc<[T]>;

    /// The same allocation as an `Arc` of an array, if the slice has exactly
    /// `N` elements; the `Arc` back otherwise. Nothing is copied: only the
    /// pointer's type changes, and the counts with it.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let slice: Arc<[u8]> = Arc::from([1, 2, 3]);
    /// let slice = <Arc<[u8; 2]>>::try_from(slice).unwrap_err(); // 3 elements, not 2
    /// let array: Arc<[u8; 3]> = slice.try_into().unwrap();
    /// assert_eq!(*array, [1, 2, 3]);
    /// ```
    fn try_from(slice: Arc<[T]>) -> Result<Self, Self::Error> {
        slice.0.into_array().map(Arc).map_err(Arc)
    }
}

impl<T> From<Vec<T>> for Arc<[T]> {
    /// Moves the elements of a `Vec` into a new `Arc<[T]>` with a single
    /// allocation, and frees the vector's buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let arc: Arc<[String]> = Arc::from(vec![String::from("a")]);
    /// assert_eq!(arc[0], "a");
    /// ```
    fn from(vec: Vec<T>) -> Self {
        Arc(ArcPtr::from_vec(vec))
    }
}

impl<T: Clone> From<&[T]> for Arc<[T]> {
    /// Clones the elements of a slice into a new `Arc<[T]>` with a single
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
    /// use ownkit::sync::Arc;
    ///
    /// let arc: Arc<[i32]> = Arc::from(&[1, 2][..]);
    /// assert_eq!(&*arc, [1, 2]);
    /// ```
    fn from(slice: &[T]) -> Self {
        Arc(ArcPtr::from_slice_cloned(slice))
    }
}

impl<T, const N: usize> From<[T; N]> for Arc<[T]> {
    /// Moves the elements of an array into a new `Arc<[T]>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let arc: Arc<[i32]> = Arc::from([1, 2, 3]);
    /// assert_eq!(arc.len(), 3);
    /// ```
    fn from(array: [T; N]) -> Self {
        Arc(ArcPtr::from_array(array))
    }
}

impl<T> FromIterator<T> for Arc<[T]> {
    /// Moves the elements into a new `Arc<[T]>`.
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
    /// use ownkit::sync::Arc;
    ///
    /// let squares: Arc<[u32]> = (1..=3).map(|n| n * n).collect();
    /// assert_eq!(&*squares, [1, 4, 9]);
    /// ```
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Arc(ArcPtr::from_iter(iter))
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for Arc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: ?Sized + fmt::Display> fmt::Display for Arc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl<T: ?Sized> fmt::Pointer for Arc<T> {
    /// Formats the address of the value, like `{:p}` on a reference to it.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let arc = Arc::new(1);
    /// assert_eq!(format!("{arc:p}"), format!("{:p}", Arc::as_ptr(&arc)));
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Pointer::fmt(&Arc::as_ptr(self), f)
    }
}

impl<T: ?Sized + PartialEq> PartialEq for Arc<T> {
    /// Compares the values, not the addresses ([`Arc::ptr_eq`] does that).
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// assert_eq!(Arc::new(5), Arc::new(5));
    /// ```
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: ?Sized + Eq> Eq for Arc<T> {}

impl<T: ?Sized + PartialOrd> PartialOrd for Arc<T> {
    /// Compares the values.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// assert!(Arc::new(5) < Arc::new(6));
    /// ```
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        (**self).partial_cmp(&**other)
    }
}

impl<T: ?Sized + Ord> Ord for Arc<T> {
    /// Compares the values.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    /// use std::cmp::Ordering;
    ///
    /// assert_eq!(Arc::new(5).cmp(&Arc::new(6)), Ordering::Less);
    /// ```
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        (**self).cmp(&**other)
    }
}

impl<T: ?Sized + Hash> Hash for Arc<T> {
    /// Hashes the value, so an `Arc<T>` hashes like its `T`.
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl<T: ?Sized> AsRef<T> for Arc<T> {
    fn as_ref(&self) -> &T {
        self
    }
}

impl<T: ?Sized> Borrow<T> for Arc<T> {
    fn borrow(&self) -> &T {
        self
    }
}

/// Moving an `Arc` never moves its value, which stays in its allocation.
impl<T: ?Sized> Unpin for Arc<T> {}

/// As std: an `Arc` observed after a panic shows a value that is
/// `RefUnwindSafe`; the counts themselves are always consistent.
impl<T: ?Sized + RefUnwindSafe> UnwindSafe for Arc<T> {}

/// As std, see the `UnwindSafe` impl.
impl<T: ?Sized + RefUnwindSafe> RefUnwindSafe for Arc<T> {}

/// As std: a `Weak` reaches the value only through an upgrade.
impl<T: ?Sized + RefUnwindSafe> UnwindSafe for Weak<T> {}

/// As std, see the `UnwindSafe` impl.
impl<T: ?Sized + RefUnwindSafe> RefUnwindSafe for Weak<T> {}

impl<T> Weak<T> {
    /// A `Weak` that points at nothing and never upgrades. Allocates
    /// nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Weak;
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
    /// An `Arc` to the value if it is still alive, `None` once the last `Arc`
    /// is gone.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let arc = Arc::new(5);
    /// let weak = Arc::downgrade(&arc);
    /// assert_eq!(weak.upgrade().map(|arc| *arc), Some(5));
    /// drop(arc);
    /// assert!(weak.upgrade().is_none());
    /// ```
    #[inline]
    pub fn upgrade(&self) -> Option<Arc<T>> {
        self.0.upgrade().map(Arc)
    }

    /// The number of `Arc`s pointing at the value; 0 once it is gone, or for
    /// [`Weak::new`].
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let arc = Arc::new(5);
    /// let weak = Arc::downgrade(&arc);
    /// assert_eq!(weak.strong_count(), 1);
    /// drop(arc);
    /// assert_eq!(weak.strong_count(), 0);
    /// ```
    #[inline]
    pub fn strong_count(&self) -> usize {
        self.0.strong_count()
    }

    /// The number of `Weak`s pointing at the value, this one included; 0
    /// once no `Arc` remains (as in std), or for [`Weak::new`].
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let arc = Arc::new(5);
    /// let weak = Arc::downgrade(&arc);
    /// let _other = weak.clone();
    /// assert_eq!(weak.weak_count(), 2);
    /// drop(arc);
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
    /// use ownkit::sync::{Arc, Weak};
    ///
    /// let arc = Arc::new(5);
    /// assert!(Arc::downgrade(&arc).ptr_eq(&Arc::downgrade(&arc)));
    /// assert!(Weak::<i32>::new().ptr_eq(&Weak::new()));
    /// assert!(!Arc::downgrade(&arc).ptr_eq(&Weak::new()));
    /// ```
    #[inline]
    pub fn ptr_eq(&self, other: &Self) -> bool {
        self.0.ptr_eq(&other.0)
    }

    /// A raw pointer to the value, which may already be dropped; don't read
    /// through it unless an `Arc` is known to exist. For [`Weak::new`] it is
    /// a dangling, never-null address.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::sync::Arc;
    ///
    /// let arc = Arc::new(5);
    /// let weak = Arc::downgrade(&arc);
    /// assert_eq!(weak.as_ptr(), Arc::as_ptr(&arc));
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
    /// use ownkit::sync::{Arc, Weak};
    ///
    /// let arc = Arc::new(5);
    /// let raw = Weak::into_raw(Arc::downgrade(&arc));
    /// assert_eq!(Arc::weak_count(&arc), 1);
    /// // SAFETY: `raw` came from `Weak::into_raw` and is turned back once.
    /// drop(unsafe { Weak::from_raw(raw) });
    /// assert_eq!(Arc::weak_count(&arc), 0);
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
    /// use ownkit::sync::Arc;
    ///
    /// let arc = Arc::new(5);
    /// let weak = Arc::downgrade(&arc);
    /// let clone = weak.clone();
    /// assert!(weak.ptr_eq(&clone));
    /// assert_eq!(Arc::weak_count(&arc), 2);
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
    /// use ownkit::sync::Weak;
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
    /// use ownkit::sync::Weak;
    ///
    /// assert_eq!(format!("{:?}", Weak::<i32>::new()), "(Weak)");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(Weak)")
    }
}
