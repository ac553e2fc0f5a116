//! Shareable mutable containers: [`Cell`] and [`RefCell`], and the
//! primitive they are built on, [`UnsafeCell`].
//!
//! # Ownership
//!
//! Both cells own their value inline, exactly like a plain field: the value
//! is dropped when the cell is, and never earlier. What they change is who
//! may *mutate* it. Normally a value can be changed only through its owner or
//! a `&mut`; a cell lets any `&Cell<T>` or `&RefCell<T>` change it, so values
//! reachable from several places (an `Rc`'d graph node, a closure and its
//! caller) can still be updated.
//!
//! - [`Cell<T>`] never lends out its inside. Values move in and out whole
//!   ([`Cell::set`], [`Cell::replace`], [`Cell::take`]) or by copy
//!   ([`Cell::get`], for `T: Copy`). Nothing is tracked at run time; it costs
//!   exactly what a plain variable costs.
//! - [`RefCell<T>`] lends out `&T` and `&mut T`, through the guards [`Ref`]
//!   and [`RefMut`], and checks std's borrow rule at run time: many shared
//!   borrows or one exclusive borrow. A guard owns a *borrow*, not the value:
//!   dropping it gives the borrow back. A conflicting borrow panics
//!   ([`RefCell::borrow`], [`RefCell::borrow_mut`]) or returns an error
//!   ([`RefCell::try_borrow`], [`RefCell::try_borrow_mut`]).
//!
//! Neither is `Sync`: their bookkeeping is not atomic. Use a `Mutex` or an
//! atomic type to share between threads.
//!
//! Both rest on [`UnsafeCell<T>`], the language's one way to change a value
//! behind a `&`: it hands out a raw pointer to its inside and leaves the
//! borrow rules to the unsafe code that uses it. ownkit's is a transparent
//! wrapper around core's, because only core's is known to the compiler;
//! use it to build a cell of your own.
//!
//! # Where was it borrowed?
//!
//! std's `RefCell` panics with "RefCell already borrowed" and leaves you to
//! find the other borrow. In debug builds (`cfg(debug_assertions)`),
//! ownkit's `RefCell` remembers where the borrow that blocks you was taken,
//! and says so:
//!
//! ```should_panic
//! use ownkit::cell::RefCell;
//!
//! let log = RefCell::new(Vec::<String>::new());
//! let writer = log.borrow_mut(); // <- named in the panic message
//! let count = log.borrow().len(); // panics:
//! // cannot borrow `RefCell<alloc::vec::Vec<alloc::string::String>>`:
//! //   already mutably borrowed (by the RefMut taken at src/main.rs:4:18)
//! # drop((writer, count));
//! ```
//!
//! The same clause is in the `Display` of [`BorrowError`] and
//! [`BorrowMutError`], and [`BorrowError::location`] returns it as a value.
//! For shared borrows the location is that of the borrow which took the cell
//! from unborrowed to borrowed: "shared borrows have been held without a break
//! since there". That first `Ref` may already be gone while later ones keep
//! the cell borrowed, so the message says "held since", not "taken at".
//!
//! Release builds keep std's size and std's error text; the location costs
//! nothing there because it does not exist. (The build of *ownkit* decides:
//! it is compiled with debug assertions in `cargo build` and `cargo test`,
//! without them in `--release`.)

use core::any::type_name;
use core::cmp::Ordering;
use core::fmt;
use core::mem;
use core::ops::{Deref, DerefMut};
use core::panic::Location;

pub use crate::raw::cell::Cell;
use crate::raw::refcell::{Blocker, RefCellCore, RefGuard, RefMutGuard};
pub use crate::raw::unsafe_cell::UnsafeCell;

#[cfg(debug_assertions)]
use crate::raw::refcell::Holder;

// ---------------------------------------------------------------------------
// Cell: the safe rest of the API. The type and its unsafe methods are in
// `raw/cell.rs`.
// ---------------------------------------------------------------------------

impl<T> Cell<T> {
    /// Puts `value` in the cell, dropping the value it held.
    ///
    /// The old value is dropped after the new one is in place, so its `Drop`
    /// sees a cell that already holds `value`.
    ///
    /// ```
    /// use ownkit::cell::Cell;
    ///
    /// let cell = Cell::new(1);
    /// cell.set(2);
    /// assert_eq!(cell.get(), 2);
    /// ```
    #[inline]
    pub fn set(&self, value: T) {
        drop(self.replace(value));
    }
}

impl<T: Default> Cell<T> {
    /// Takes the value out, leaving `T::default()` in its place.
    ///
    /// ```
    /// use ownkit::cell::Cell;
    ///
    /// let cell = Cell::new(vec![1, 2]);
    /// assert_eq!(cell.take(), [1, 2]);
    /// assert_eq!(cell.into_inner(), Vec::<i32>::new());
    /// ```
    #[inline]
    pub fn take(&self) -> T {
        self.replace(T::default())
    }
}

impl<T: Copy> Cell<T> {
    /// Replaces the value with `f` applied to it.
    ///
    /// `f` receives a copy, so it may itself read or set the cell; whatever
    /// it returns is stored afterwards.
    ///
    /// ```
    /// use ownkit::cell::Cell;
    ///
    /// let cell = Cell::new(5);
    /// cell.update(|n| n * 2);
    /// assert_eq!(cell.get(), 10);
    /// ```
    #[inline]
    pub fn update(&self, f: impl FnOnce(T) -> T) {
        let new = f(self.get());
        self.set(new);
    }
}

impl<T: Copy> Clone for Cell<T> {
    /// A new cell holding a copy of the value.
    ///
    /// ```
    /// use ownkit::cell::Cell;
    ///
    /// let cell = Cell::new(1);
    /// let copy = cell.clone();
    /// copy.set(2);
    /// assert_eq!((cell.get(), copy.get()), (1, 2));
    /// ```
    #[inline]
    fn clone(&self) -> Cell<T> {
        Cell::new(self.get())
    }
}

impl<T: Default> Default for Cell<T> {
    /// A cell holding `T::default()`.
    ///
    /// ```
    /// use ownkit::cell::Cell;
    ///
    /// let cell: Cell<u8> = Cell::default();
    /// assert_eq!(cell.get(), 0);
    /// ```
    #[inline]
    fn default() -> Cell<T> {
        Cell::new(T::default())
    }
}

impl<T: PartialEq + Copy> PartialEq for Cell<T> {
    /// Compares copies of the two values.
    ///
    /// ```
    /// use ownkit::cell::Cell;
    ///
    /// assert!(Cell::new(1) == Cell::new(1));
    /// ```
    #[inline]
    fn eq(&self, other: &Cell<T>) -> bool {
        self.get() == other.get()
    }
}

impl<T: Eq + Copy> Eq for Cell<T> {}

impl<T: PartialOrd + Copy> PartialOrd for Cell<T> {
    /// Compares copies of the two values.
    ///
    /// ```
    /// use ownkit::cell::Cell;
    ///
    /// assert!(Cell::new(1) < Cell::new(2));
    /// ```
    #[inline]
    fn partial_cmp(&self, other: &Cell<T>) -> Option<Ordering> {
        self.get().partial_cmp(&other.get())
    }
}

impl<T: Ord + Copy> Ord for Cell<T> {
    /// Compares copies of the two values.
    ///
    /// ```
    /// use ownkit::cell::Cell;
    ///
    /// assert_eq!(Cell::new(3).cmp(&Cell::new(2)), std::cmp::Ordering::Greater);
    /// ```
    #[inline]
    fn cmp(&self, other: &Cell<T>) -> Ordering {
        self.get().cmp(&other.get())
    }
}

impl<T> From<T> for Cell<T> {
    /// A cell holding `value`.
    ///
    /// ```
    /// use ownkit::cell::Cell;
    ///
    /// let cell = Cell::from(3);
    /// assert_eq!(cell.get(), 3);
    /// ```
    #[inline]
    fn from(value: T) -> Cell<T> {
        Cell::new(value)
    }
}

impl<T: Copy + fmt::Debug> fmt::Debug for Cell<T> {
    /// Formats as `Cell { value: .. }`, like std.
    ///
    /// ```
    /// use ownkit::cell::Cell;
    ///
    /// assert_eq!(format!("{:?}", Cell::new(5)), "Cell { value: 5 }");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cell").field("value", &self.get()).finish()
    }
}

// ---------------------------------------------------------------------------
// UnsafeCell: the trait impls. The type and its functions are in
// `raw/unsafe_cell.rs`.
// ---------------------------------------------------------------------------

impl<T: Default> Default for UnsafeCell<T> {
    /// An `UnsafeCell` holding `T::default()`.
    ///
    /// ```
    /// use ownkit::cell::UnsafeCell;
    ///
    /// let cell: UnsafeCell<Vec<u8>> = UnsafeCell::default();
    /// assert!(cell.into_inner().is_empty());
    /// ```
    #[inline]
    fn default() -> UnsafeCell<T> {
        UnsafeCell::new(T::default())
    }
}

impl<T> From<T> for UnsafeCell<T> {
    /// An `UnsafeCell` holding `value`.
    ///
    /// ```
    /// use ownkit::cell::UnsafeCell;
    ///
    /// let mut cell: UnsafeCell<i32> = 42.into();
    /// *cell.get_mut() = 0;
    /// assert_eq!(cell.into_inner(), 0);
    /// ```
    #[inline]
    fn from(value: T) -> UnsafeCell<T> {
        UnsafeCell::new(value)
    }
}

impl<T: ?Sized> fmt::Debug for UnsafeCell<T> {
    /// Prints `UnsafeCell { .. }`, as std does: reading the value could
    /// race a write through the pointer that `get` handed out.
    ///
    /// ```
    /// use ownkit::cell::UnsafeCell;
    ///
    /// assert_eq!(format!("{:?}", UnsafeCell::new(5)), "UnsafeCell { .. }");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnsafeCell").finish_non_exhaustive()
    }
}

// ---------------------------------------------------------------------------
// RefCell
// ---------------------------------------------------------------------------

/// A mutable memory location with borrow rules checked at run time.
///
/// [`borrow`](RefCell::borrow) lends a shared [`Ref`] and
/// [`borrow_mut`](RefCell::borrow_mut) an exclusive [`RefMut`]. Any number of
/// `Ref`s may be alive at once, or a single `RefMut`, never both; a borrow
/// that would break this panics (or, with the `try_` methods, returns an
/// error). Each guard gives its borrow back when it is dropped.
///
/// In debug builds the error and the panic name the file, line and column
/// where the conflicting borrow was taken; see the [module docs](self).
///
/// `RefCell<T>` is `Send` when `T` is, and never `Sync`: its borrow flag is a
/// plain `isize`, so two threads borrowing at once could both see it free.
///
/// ```
/// use ownkit::cell::RefCell;
///
/// let shelf = RefCell::new(vec!["a"]);
/// shelf.borrow_mut().push("b");
/// {
///     let first = shelf.borrow();
///     let second = shelf.borrow(); // shared borrows coexist
///     assert_eq!(first.len() + second.len(), 4);
///     assert!(shelf.try_borrow_mut().is_err()); // but exclude a RefMut
/// }
/// assert_eq!(shelf.into_inner(), ["a", "b"]);
/// ```
///
/// A `RefCell` cannot be shared between threads:
///
/// ```compile_fail
/// use ownkit::cell::RefCell;
///
/// let cell = RefCell::new(1);
/// std::thread::scope(|s| {
///     s.spawn(|| *cell.borrow_mut() += 1); // `RefCell<i32>` is not `Sync`
/// });
/// ```
pub struct RefCell<T: ?Sized>(RefCellCore<T>);

/// The error of [`RefCell::try_borrow`]: the value is mutably borrowed.
///
/// Zero-sized in release builds. In debug builds it also records where the
/// blocking `RefMut` was taken, shown by `Display` and returned by
/// [`location`](BorrowError::location).
///
/// ```
/// use ownkit::cell::RefCell;
///
/// let cell = RefCell::new(0);
/// let _writer = cell.borrow_mut();
/// let error = cell.try_borrow().unwrap_err();
/// assert!(error.to_string().starts_with("RefCell already mutably borrowed"));
/// ```
pub struct BorrowError(Blocker);

/// The error of [`RefCell::try_borrow_mut`]: the value is borrowed.
///
/// Zero-sized in release builds. In debug builds it also records whether the
/// blocker is shared (`Ref`s) or exclusive (a `RefMut`) and where it began,
/// shown by `Display` and returned by [`location`](BorrowMutError::location).
///
/// ```
/// use ownkit::cell::RefCell;
///
/// let cell = RefCell::new(0);
/// let _reader = cell.borrow();
/// let error = cell.try_borrow_mut().unwrap_err();
/// assert!(error.to_string().starts_with("RefCell already borrowed"));
/// ```
pub struct BorrowMutError(Blocker);

/// A shared borrow of the value in a [`RefCell`], from
/// [`RefCell::borrow`].
///
/// Dereferences to `&T`. The cell stays borrowed until this guard, and every
/// guard made from it by [`Ref::clone`], [`Ref::map`] or [`Ref::map_split`],
/// is dropped.
///
/// Like `&T`, a `Ref` is covariant in `T`:
///
/// ```
/// use ownkit::cell::Ref;
///
/// fn shorten<'b>(r: Ref<'b, &'static str>) -> Ref<'b, &'b str> {
///     r
/// }
/// ```
///
/// A `Ref` cannot outlive the cell it borrows:
///
/// ```compile_fail
/// use ownkit::cell::{Ref, RefCell};
///
/// let escaped: Ref<'_, i32>;
/// {
///     let cell = RefCell::new(1);
///     escaped = cell.borrow(); // `cell` does not live long enough
/// }
/// assert_eq!(*escaped, 1);
/// ```
///
/// and cannot be sent to another thread, where its drop would touch the
/// cell's (non-atomic) borrow count:
///
/// ```compile_fail
/// use ownkit::cell::RefCell;
///
/// let cell = RefCell::new(1);
/// let guard = cell.borrow();
/// std::thread::scope(|s| {
///     s.spawn(move || drop(guard)); // `Ref<'_, i32>` is not `Send`
/// });
/// ```
pub struct Ref<'b, T: ?Sized + 'b>(RefGuard<'b, T>);

/// An exclusive borrow of the value in a [`RefCell`], from
/// [`RefCell::borrow_mut`].
///
/// Dereferences to `&T` and `&mut T`. The cell stays borrowed until this
/// guard, and every guard made from it by [`RefMut::map`] or
/// [`RefMut::map_split`], is dropped.
///
/// Like `&mut T`, a `RefMut` is invariant in `T`; otherwise a short-lived
/// value could be written where a longer-lived one is expected:
///
/// ```compile_fail
/// use ownkit::cell::RefMut;
///
/// fn shorten<'b>(r: RefMut<'b, &'static str>) -> RefMut<'b, &'b str> {
///     r // error: lifetime may not live long enough
/// }
/// ```
pub struct RefMut<'b, T: ?Sized + 'b>(RefMutGuard<'b, T>);

impl<T> RefCell<T> {
    /// Creates a `RefCell` holding `value`, not borrowed.
    ///
    /// ```
    /// use ownkit::cell::RefCell;
    ///
    /// let cell = RefCell::new(5);
    /// assert_eq!(*cell.borrow(), 5);
    ///
    /// // `new` is a `const fn`:
    /// std::thread_local!(static NAMES: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) });
    /// NAMES.with(|names| names.borrow_mut().push("a"));
    /// ```
    #[inline]
    pub const fn new(value: T) -> RefCell<T> {
        RefCell(RefCellCore::new(value))
    }

    /// Consumes the cell and returns its value.
    ///
    /// Taking `self` by value proves that no guard is alive, so this cannot
    /// fail; a forgotten guard's borrow simply goes away with the cell.
    ///
    /// ```
    /// use ownkit::cell::RefCell;
    ///
    /// let cell = RefCell::new(String::from("five"));
    /// assert_eq!(cell.into_inner(), "five");
    /// ```
    #[inline]
    pub fn into_inner(self) -> T {
        self.0.into_inner()
    }

    /// Puts `value` in the cell and returns the value it held.
    ///
    /// # Panics
    ///
    /// Panics if the value is borrowed; in debug builds the message says
    /// where that borrow was taken.
    ///
    /// ```
    /// use ownkit::cell::RefCell;
    ///
    /// let cell = RefCell::new(5);
    /// assert_eq!(cell.replace(6), 5);
    /// assert_eq!(*cell.borrow(), 6);
    /// ```
    #[inline]
    #[track_caller]
    pub fn replace(&self, value: T) -> T {
        mem::replace(&mut *self.borrow_mut(), value)
    }

    /// Replaces the value with the one `f` computes from it, and returns the
    /// old value.
    ///
    /// The cell is mutably borrowed while `f` runs; if `f` panics the borrow
    /// is released and the value is left as `f` left it.
    ///
    /// # Panics
    ///
    /// Panics if the value is borrowed.
    ///
    /// ```
    /// use ownkit::cell::RefCell;
    ///
    /// let cell = RefCell::new(5);
    /// let old = cell.replace_with(|&mut n| n + 1);
    /// assert_eq!((old, *cell.borrow()), (5, 6));
    /// ```
    #[inline]
    #[track_caller]
    pub fn replace_with<F: FnOnce(&mut T) -> T>(&self, f: F) -> T {
        let mut guard = self.borrow_mut();
        let replacement = f(&mut guard);
        mem::replace(&mut *guard, replacement)
    }

    /// Exchanges the values of two cells.
    ///
    /// # Panics
    ///
    /// Panics if either value is borrowed, and also if `self` and `other`
    /// are the same cell (the second `borrow_mut` finds the first).
    ///
    /// ```
    /// use ownkit::cell::RefCell;
    ///
    /// let a = RefCell::new(1);
    /// let b = RefCell::new(2);
    /// a.swap(&b);
    /// assert_eq!((*a.borrow(), *b.borrow()), (2, 1));
    /// ```
    #[inline]
    #[track_caller]
    pub fn swap(&self, other: &Self) {
        mem::swap(&mut *self.borrow_mut(), &mut *other.borrow_mut());
    }
}

impl<T: ?Sized> RefCell<T> {
    /// Borrows the value, shared.
    ///
    /// The borrow lasts until the returned [`Ref`] (and every guard derived
    /// from it) is dropped. Any number of shared borrows may coexist.
    ///
    /// # Panics
    ///
    /// Panics if the value is mutably borrowed. In debug builds the message
    /// names the file, line and column where that `RefMut` was taken. Use
    /// [`try_borrow`](RefCell::try_borrow) to get an error instead.
    ///
    /// ```
    /// use ownkit::cell::RefCell;
    ///
    /// let cell = RefCell::new(5);
    /// let a = cell.borrow();
    /// let b = cell.borrow();
    /// assert_eq!(*a + *b, 10);
    /// ```
    ///
    /// ```should_panic
    /// use ownkit::cell::RefCell;
    ///
    /// let cell = RefCell::new(5);
    /// let writer = cell.borrow_mut();
    /// let reader = cell.borrow(); // panics: already mutably borrowed
    /// ```
    #[inline]
    #[track_caller]
    pub fn borrow(&self) -> Ref<'_, T> {
        match self.try_borrow() {
            Ok(guard) => guard,
            Err(error) => panic_already_mutably_borrowed(error, type_name::<T>()),
        }
    }

    /// Borrows the value, shared, or returns an error if it is mutably
    /// borrowed.
    ///
    /// ```
    /// use ownkit::cell::RefCell;
    ///
    /// let cell = RefCell::new(5);
    /// {
    ///     let _writer = cell.borrow_mut();
    ///     assert!(cell.try_borrow().is_err());
    /// }
    /// assert_eq!(*cell.try_borrow().unwrap(), 5);
    /// ```
    #[inline]
    #[cfg_attr(debug_assertions, track_caller)]
    pub fn try_borrow(&self) -> Result<Ref<'_, T>, BorrowError> {
        match self.0.try_borrow() {
            Ok(guard) => Ok(Ref(guard)),
            Err(blocker) => Err(BorrowError(blocker)),
        }
    }

    /// Borrows the value, exclusive.
    ///
    /// The borrow lasts until the returned [`RefMut`] (and every guard
    /// derived from it) is dropped.
    ///
    /// # Panics
    ///
    /// Panics if the value is borrowed at all. In debug builds the message
    /// says where the blocking borrow began. Use
    /// [`try_borrow_mut`](RefCell::try_borrow_mut) to get an error instead.
    ///
    /// ```
    /// use ownkit::cell::RefCell;
    ///
    /// let cell = RefCell::new(String::from("hello"));
    /// cell.borrow_mut().push_str(", world");
    /// assert_eq!(*cell.borrow(), "hello, world");
    /// ```
    ///
    /// ```should_panic
    /// use ownkit::cell::RefCell;
    ///
    /// let cell = RefCell::new(5);
    /// let reader = cell.borrow();
    /// let writer = cell.borrow_mut(); // panics: already borrowed
    /// ```
    #[inline]
    #[track_caller]
    pub fn borrow_mut(&self) -> RefMut<'_, T> {
        match self.try_borrow_mut() {
            Ok(guard) => guard,
            Err(error) => panic_already_borrowed(error, type_name::<T>()),
        }
    }

    /// Borrows the value, exclusive, or returns an error if it is borrowed.
    ///
    /// ```
    /// use ownkit::cell::RefCell;
    ///
    /// let cell = RefCell::new(5);
    /// {
    ///     let _reader = cell.borrow();
    ///     assert!(cell.try_borrow_mut().is_err());
    /// }
    /// *cell.try_borrow_mut().unwrap() += 1;
    /// assert_eq!(*cell.borrow(), 6);
    /// ```
    #[inline]
    #[cfg_attr(debug_assertions, track_caller)]
    pub fn try_borrow_mut(&self) -> Result<RefMut<'_, T>, BorrowMutError> {
        match self.0.try_borrow_mut() {
            Ok(guard) => Ok(RefMut(guard)),
            Err(blocker) => Err(BorrowMutError(blocker)),
        }
    }

    /// Returns a raw pointer to the value.
    ///
    /// The pointer ignores the borrow flag: reading or writing through it
    /// while a conflicting guard lives is undefined behaviour, and avoiding
    /// that is up to the caller's unsafe code.
    ///
    /// ```
    /// use ownkit::cell::RefCell;
    ///
    /// let cell = RefCell::new(5);
    /// let ptr = cell.as_ptr();
    /// assert!(!ptr.is_null());
    /// ```
    #[inline]
    pub const fn as_ptr(&self) -> *mut T {
        self.0.as_ptr()
    }

    /// Returns a mutable reference to the value, without a run-time check.
    ///
    /// `&mut self` already proves that no guard is alive. This works even
    /// when a forgotten guard left the cell marked borrowed (std behaves the
    /// same), and does not clear that mark.
    ///
    /// ```
    /// use ownkit::cell::RefCell;
    ///
    /// let mut cell = RefCell::new(5);
    /// *cell.get_mut() += 1;
    /// assert_eq!(*cell.borrow(), 6);
    /// ```
    #[inline]
    pub fn get_mut(&mut self) -> &mut T {
        self.0.get_mut()
    }
}

impl<T: Default> RefCell<T> {
    /// Takes the value out, leaving `T::default()` in its place.
    ///
    /// # Panics
    ///
    /// Panics if the value is borrowed.
    ///
    /// ```
    /// use ownkit::cell::RefCell;
    ///
    /// let cell = RefCell::new(vec![1, 2]);
    /// assert_eq!(cell.take(), [1, 2]);
    /// assert!(cell.borrow().is_empty());
    /// ```
    #[inline]
    #[track_caller]
    pub fn take(&self) -> T {
        self.replace(T::default())
    }
}

impl<T: Clone> Clone for RefCell<T> {
    /// A new, unborrowed cell holding a clone of the value.
    ///
    /// # Panics
    ///
    /// Panics if the value is mutably borrowed.
    ///
    /// ```
    /// use ownkit::cell::RefCell;
    ///
    /// let cell = RefCell::new(vec![1]);
    /// let copy = cell.clone();
    /// copy.borrow_mut().push(2);
    /// assert_eq!(*cell.borrow(), [1]);
    /// ```
    #[inline]
    #[track_caller]
    fn clone(&self) -> RefCell<T> {
        RefCell::new(self.borrow().clone())
    }

    /// Clones `source`'s value into this cell's value, reusing its resources.
    ///
    /// # Panics
    ///
    /// Panics if `source` is mutably borrowed.
    #[inline]
    #[track_caller]
    fn clone_from(&mut self, source: &Self) {
        self.get_mut().clone_from(&source.borrow());
    }
}

impl<T: Default> Default for RefCell<T> {
    /// A cell holding `T::default()`.
    ///
    /// ```
    /// use ownkit::cell::RefCell;
    ///
    /// let cell: RefCell<String> = RefCell::default();
    /// assert!(cell.borrow().is_empty());
    /// ```
    #[inline]
    fn default() -> RefCell<T> {
        RefCell::new(T::default())
    }
}

impl<T: ?Sized + PartialEq> PartialEq for RefCell<T> {
    /// Compares the two values.
    ///
    /// # Panics
    ///
    /// Panics if either value is mutably borrowed.
    ///
    /// ```
    /// use ownkit::cell::RefCell;
    ///
    /// assert!(RefCell::new(1) == RefCell::new(1));
    /// ```
    #[inline]
    #[track_caller]
    fn eq(&self, other: &RefCell<T>) -> bool {
        *self.borrow() == *other.borrow()
    }
}

impl<T: ?Sized + Eq> Eq for RefCell<T> {}

impl<T: ?Sized + PartialOrd> PartialOrd for RefCell<T> {
    /// Compares the two values.
    ///
    /// # Panics
    ///
    /// Panics if either value is mutably borrowed.
    ///
    /// ```
    /// use ownkit::cell::RefCell;
    ///
    /// assert!(RefCell::new(1) < RefCell::new(2));
    /// ```
    #[inline]
    #[track_caller]
    fn partial_cmp(&self, other: &RefCell<T>) -> Option<Ordering> {
        self.borrow().partial_cmp(&*other.borrow())
    }
}

impl<T: ?Sized + Ord> Ord for RefCell<T> {
    /// Compares the two values.
    ///
    /// # Panics
    ///
    /// Panics if either value is mutably borrowed.
    ///
    /// ```
    /// use ownkit::cell::RefCell;
    ///
    /// assert_eq!(RefCell::new(2).cmp(&RefCell::new(1)), std::cmp::Ordering::Greater);
    /// ```
    #[inline]
    #[track_caller]
    fn cmp(&self, other: &RefCell<T>) -> Ordering {
        self.borrow().cmp(&*other.borrow())
    }
}

impl<T> From<T> for RefCell<T> {
    /// A cell holding `value`.
    ///
    /// ```
    /// use ownkit::cell::RefCell;
    ///
    /// let cell = RefCell::from(3);
    /// assert_eq!(*cell.borrow(), 3);
    /// ```
    #[inline]
    fn from(value: T) -> RefCell<T> {
        RefCell::new(value)
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for RefCell<T> {
    /// Formats as `RefCell { value: .. }`, or `RefCell { value: <borrowed> }`
    /// while the value is mutably borrowed, like std. Never panics.
    ///
    /// ```
    /// use ownkit::cell::RefCell;
    ///
    /// let cell = RefCell::new(5);
    /// assert_eq!(format!("{cell:?}"), "RefCell { value: 5 }");
    /// let _writer = cell.borrow_mut();
    /// assert_eq!(format!("{cell:?}"), "RefCell { value: <borrowed> }");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("RefCell");
        match self.try_borrow() {
            Ok(value) => out.field("value", &value),
            Err(_) => out.field("value", &format_args!("<borrowed>")),
        };
        out.finish()
    }
}

// ---------------------------------------------------------------------------
// Borrow errors and the borrow panics
// ---------------------------------------------------------------------------

/// Why a shared borrow failed, without the leading "RefCell": shared by
/// `Display` and the panic message, so the two cannot drift apart.
fn write_shared_reason(blocker: &Blocker, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    #[cfg(debug_assertions)]
    if blocker.holder() == Holder::Shared {
        // Only reachable with `isize::MAX` shared borrows alive or forgotten.
        f.write_str("has too many shared borrows")?;
        return write_origin(blocker, f);
    }
    f.write_str("already mutably borrowed")?;
    write_origin(blocker, f)
}

/// Why an exclusive borrow failed, without the leading "RefCell".
fn write_exclusive_reason(blocker: &Blocker, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str("already borrowed")?;
    write_origin(blocker, f)
}

/// In debug builds, the clause naming where the blocking borrow began.
fn write_origin(blocker: &Blocker, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    #[cfg(debug_assertions)]
    if let Some(since) = blocker.since() {
        return match blocker.holder() {
            Holder::Exclusive => write!(f, " (by the RefMut taken at {since})"),
            Holder::Shared => write!(f, " (shared borrows held since {since})"),
        };
    }
    #[cfg(not(debug_assertions))]
    let _ = (blocker, f);
    Ok(())
}

/// Formats a blocker with a reason writer, for the panic message.
struct Reason<'a>(
    &'a Blocker,
    fn(&Blocker, &mut fmt::Formatter<'_>) -> fmt::Result,
);

impl fmt::Display for Reason<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.1)(self.0, f)
    }
}

impl BorrowError {
    /// Where the `RefMut` that blocked this borrow was taken.
    ///
    /// Returns `None` in release builds, which do not record locations (so
    /// that a `RefCell` stays as small as std's).
    ///
    /// ```
    /// use ownkit::cell::RefCell;
    /// use std::panic::Location;
    ///
    /// let cell = RefCell::new(0);
    /// let (_writer, taken_at) = (cell.borrow_mut(), Location::caller());
    /// let error = cell.try_borrow().unwrap_err();
    /// if let Some(location) = error.location() {
    ///     // A debug build of ownkit: the writer's line.
    ///     assert_eq!((location.file(), location.line()), (taken_at.file(), taken_at.line()));
    /// }
    /// ```
    #[must_use]
    pub fn location(&self) -> Option<&'static Location<'static>> {
        self.0.since()
    }
}

impl BorrowMutError {
    /// Where the borrow that blocked this one began: the `RefMut`'s
    /// location, or the location since which shared borrows have been held
    /// without a break.
    ///
    /// Returns `None` in release builds, which do not record locations.
    ///
    /// ```
    /// use ownkit::cell::RefCell;
    ///
    /// let cell = RefCell::new(0);
    /// let reader = cell.borrow();
    /// let first_line = line!() - 1;
    /// let error = cell.try_borrow_mut().unwrap_err();
    /// if let Some(location) = error.location() {
    ///     assert_eq!(location.line(), first_line);
    /// }
    /// # drop(reader);
    /// ```
    #[must_use]
    pub fn location(&self) -> Option<&'static Location<'static>> {
        self.0.since()
    }
}

impl fmt::Display for BorrowError {
    /// std's text, "RefCell already mutably borrowed"; debug builds add where
    /// the blocking `RefMut` was taken.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RefCell ")?;
        write_shared_reason(&self.0, f)
    }
}

impl fmt::Display for BorrowMutError {
    /// std's text, "RefCell already borrowed"; debug builds add where the
    /// blocking borrow began.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RefCell ")?;
        write_exclusive_reason(&self.0, f)
    }
}

impl fmt::Debug for BorrowError {
    /// `BorrowError`, like std; debug builds add the location.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("BorrowError");
        #[cfg(debug_assertions)]
        debug_blocker(&mut out, &self.0);
        out.finish()
    }
}

impl fmt::Debug for BorrowMutError {
    /// `BorrowMutError`, like std; debug builds add the blocker and location.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("BorrowMutError");
        #[cfg(debug_assertions)]
        debug_blocker(&mut out, &self.0);
        out.finish()
    }
}

/// The debug-build fields of both errors' `Debug`.
#[cfg(debug_assertions)]
fn debug_blocker(out: &mut fmt::DebugStruct<'_, '_>, blocker: &Blocker) {
    out.field("held_by", &blocker.holder());
    match blocker.since() {
        Some(since) => out.field("since", &format_args!("{since}")),
        None => out.field("since", &format_args!("<unknown>")),
    };
}

impl core::error::Error for BorrowError {}

impl core::error::Error for BorrowMutError {}

/// The panic of [`RefCell::borrow`], kept out of line so that `borrow`
/// inlines to a compare and a branch, as std's does.
#[cold]
#[inline(never)]
#[track_caller]
fn panic_already_mutably_borrowed(error: BorrowError, value_type: &'static str) -> ! {
    panic!(
        "cannot borrow `RefCell<{value_type}>`: {}",
        Reason(&error.0, write_shared_reason)
    )
}

/// The panic of [`RefCell::borrow_mut`], out of line like the one above.
#[cold]
#[inline(never)]
#[track_caller]
fn panic_already_borrowed(error: BorrowMutError, value_type: &'static str) -> ! {
    panic!(
        "cannot borrow `RefCell<{value_type}>` mutably: {}",
        Reason(&error.0, write_exclusive_reason)
    )
}

// ---------------------------------------------------------------------------
// Ref
// ---------------------------------------------------------------------------

impl<T: ?Sized> Deref for Ref<'_, T> {
    type Target = T;

    #[inline]
    fn deref(&self) -> &T {
        self.0.get()
    }
}

impl<'b, T: ?Sized> Ref<'b, T> {
    /// Another `Ref` to the same data; the cell is then held by both.
    ///
    /// An associated function (`Ref::clone(&r)`), not a method, so that
    /// `r.clone()` still clones the value inside.
    ///
    /// # Panics
    ///
    /// Panics with "too many immutable borrows" if the shared count is at
    /// `isize::MAX`, which takes that many forgotten `Ref`s.
    ///
    /// ```
    /// use ownkit::cell::{Ref, RefCell};
    ///
    /// let cell = RefCell::new(5);
    /// let first = cell.borrow();
    /// let second = Ref::clone(&first);
    /// drop(first);
    /// assert!(cell.try_borrow_mut().is_err()); // `second` still holds it
    /// drop(second);
    /// assert!(cell.try_borrow_mut().is_ok());
    /// ```
    #[must_use]
    #[inline]
    #[expect(
        clippy::should_implement_trait,
        reason = "a `Clone` impl would shadow `T::clone` through `Deref`; std makes the same choice"
    )]
    pub fn clone(orig: &Ref<'b, T>) -> Ref<'b, T> {
        Ref(orig.0.clone())
    }

    /// A `Ref` to a part of the borrowed data; the borrow moves to it.
    ///
    /// The cell stays borrowed until the new `Ref` is dropped. If `f` panics,
    /// `orig` is dropped while unwinding and the borrow is released.
    ///
    /// ```
    /// use ownkit::cell::{Ref, RefCell};
    ///
    /// let cell = RefCell::new((5, 'b'));
    /// let second = Ref::map(cell.borrow(), |pair| &pair.1);
    /// assert_eq!(*second, 'b');
    /// assert!(cell.try_borrow_mut().is_err());
    /// ```
    #[inline]
    pub fn map<U: ?Sized, F>(orig: Ref<'b, T>, f: F) -> Ref<'b, U>
    where
        F: FnOnce(&T) -> &U,
    {
        Ref(orig.0.map(f))
    }

    /// A `Ref` to a part of the data if `f` finds one, else the original
    /// `Ref` back.
    ///
    /// ```
    /// use ownkit::cell::{Ref, RefCell};
    ///
    /// let cell = RefCell::new(vec![1, 2, 3]);
    /// let second = Ref::filter_map(cell.borrow(), |v| v.get(1));
    /// assert_eq!(*second.unwrap(), 2);
    /// let missing = Ref::filter_map(cell.borrow(), |v| v.get(9));
    /// assert_eq!(*missing.unwrap_err(), [1, 2, 3]);
    /// ```
    #[inline]
    pub fn filter_map<U: ?Sized, F>(orig: Ref<'b, T>, f: F) -> Result<Ref<'b, U>, Self>
    where
        F: FnOnce(&T) -> Option<&U>,
    {
        match orig.0.filter_map(f) {
            Ok(guard) => Ok(Ref(guard)),
            Err(orig) => Err(Ref(orig)),
        }
    }

    /// Two `Ref`s to two parts of the data. The cell stays borrowed until
    /// both are dropped.
    ///
    /// ```
    /// use ownkit::cell::{Ref, RefCell};
    ///
    /// let cell = RefCell::new([1, 2, 3, 4]);
    /// let (front, back) = Ref::map_split(cell.borrow(), |s| s.split_at(2));
    /// assert_eq!(*front, [1, 2]);
    /// assert_eq!(*back, [3, 4]);
    /// drop(front);
    /// assert!(cell.try_borrow_mut().is_err()); // `back` still holds it
    /// ```
    #[inline]
    pub fn map_split<U: ?Sized, V: ?Sized, F>(orig: Ref<'b, T>, f: F) -> (Ref<'b, U>, Ref<'b, V>)
    where
        F: FnOnce(&T) -> (&U, &V),
    {
        let (first, second) = orig.0.map_split(f);
        (Ref(first), Ref(second))
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for Ref<'_, T> {
    /// Formats the borrowed value, like std.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: ?Sized + fmt::Display> fmt::Display for Ref<'_, T> {
    /// Formats the borrowed value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

// ---------------------------------------------------------------------------
// RefMut
// ---------------------------------------------------------------------------

impl<T: ?Sized> Deref for RefMut<'_, T> {
    type Target = T;

    #[inline]
    fn deref(&self) -> &T {
        self.0.get()
    }
}

impl<T: ?Sized> DerefMut for RefMut<'_, T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        self.0.get_mut()
    }
}

impl<'b, T: ?Sized> RefMut<'b, T> {
    /// A `RefMut` to a part of the borrowed data; the borrow moves to it.
    ///
    /// The cell stays borrowed until the new `RefMut` is dropped. If `f`
    /// panics, `orig` is dropped while unwinding and the borrow is released.
    ///
    /// ```
    /// use ownkit::cell::{RefCell, RefMut};
    ///
    /// let cell = RefCell::new((5, 'b'));
    /// {
    ///     let mut first = RefMut::map(cell.borrow_mut(), |pair| &mut pair.0);
    ///     *first += 1;
    /// }
    /// assert_eq!(*cell.borrow(), (6, 'b'));
    /// ```
    #[inline]
    pub fn map<U: ?Sized, F>(orig: RefMut<'b, T>, f: F) -> RefMut<'b, U>
    where
        F: FnOnce(&mut T) -> &mut U,
    {
        RefMut(orig.0.map(f))
    }

    /// A `RefMut` to a part of the data if `f` finds one, else the original
    /// `RefMut` back.
    ///
    /// ```
    /// use ownkit::cell::{RefCell, RefMut};
    ///
    /// let cell = RefCell::new(vec![1, 2, 3]);
    /// if let Ok(mut second) = RefMut::filter_map(cell.borrow_mut(), |v| v.get_mut(1)) {
    ///     *second += 10;
    /// }
    /// assert!(RefMut::filter_map(cell.borrow_mut(), |v| v.get_mut(9)).is_err());
    /// assert_eq!(*cell.borrow(), [1, 12, 3]);
    /// ```
    #[inline]
    pub fn filter_map<U: ?Sized, F>(orig: RefMut<'b, T>, f: F) -> Result<RefMut<'b, U>, Self>
    where
        F: FnOnce(&mut T) -> Option<&mut U>,
    {
        match orig.0.filter_map(f) {
            Ok(guard) => Ok(RefMut(guard)),
            Err(orig) => Err(RefMut(orig)),
        }
    }

    /// Two `RefMut`s to two disjoint parts of the data. The cell stays
    /// borrowed until both are dropped.
    ///
    /// # Panics
    ///
    /// Panics with "too many mutable borrows" if the exclusive count is at
    /// `isize::MIN`, which takes that many forgotten split halves.
    ///
    /// ```
    /// use ownkit::cell::{RefCell, RefMut};
    ///
    /// let cell = RefCell::new([1, 2, 3, 4]);
    /// {
    ///     let (mut front, mut back) =
    ///         RefMut::map_split(cell.borrow_mut(), |s| s.split_at_mut(2));
    ///     front.swap_with_slice(&mut back);
    /// }
    /// assert_eq!(*cell.borrow(), [3, 4, 1, 2]);
    /// ```
    #[inline]
    pub fn map_split<U: ?Sized, V: ?Sized, F>(
        orig: RefMut<'b, T>,
        f: F,
    ) -> (RefMut<'b, U>, RefMut<'b, V>)
    where
        F: FnOnce(&mut T) -> (&mut U, &mut V),
    {
        let (first, second) = orig.0.map_split(f);
        (RefMut(first), RefMut(second))
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for RefMut<'_, T> {
    /// Formats the borrowed value, like std.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: ?Sized + fmt::Display> fmt::Display for RefMut<'_, T> {
    /// Formats the borrowed value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}
