//! A pointer that owns one value on the heap: [`Box<T>`].
//!
//! # Ownership
//!
//! A `Box<T>` owns exactly one heap value. Dropping the Box drops the value
//! and then frees its block; nothing else ever does either. Moving a Box
//! moves only the pointer, and the moved-from variable is never dropped: the
//! compiler tracks the move, so the value is dropped exactly once, by
//! whichever variable owns the Box last.
//!
//! ```
//! use ownkit::Box;
//!
//! let first = Box::new(String::from("one owner"));
//! let second = first; // the pointer moves; the String stays where it is
//! assert_eq!(*second, "one owner");
//! // `second` drops the String and frees the block here; `first` does nothing.
//! ```
//!
//! Using the moved-from Box is a compile error, not a double free:
//!
//! ```compile_fail,E0382
//! use ownkit::Box;
//!
//! let first = Box::new(String::from("one owner"));
//! let second = first;
//! println!("{first}"); // error: borrow of moved value
//! ```
//!
//! The value can also leave the Box without being dropped:
//! [`Box::into_inner`] moves it out and frees the block, [`Box::into_raw`]
//! and [`Box::leak`] hand the whole block to the caller, and
//! [`Box::from_raw`] takes such a block back.
//!
//! # `Box<dyn Trait>`, `Box<[T]>` and `Box<str>` on stable Rust
//!
//! std turns a `Box<[i32; 3]>` into a `Box<[i32]>`, or a `Box<Circle>` into a
//! `Box<dyn Shape>`, through the unstable `CoerceUnsized` trait, which no
//! other crate can implement on stable. ownkit's Box allocates exactly like
//! std's (the global allocator, `Layout::for_value`, no allocation for
//! zero-sized values), so it takes over a std Box's block as it is: let std
//! do the unsizing, then convert with [`From`], which moves a pointer and
//! nothing else. [`Box::into_std`] goes the other way.
//!
//! ```
//! use std::fmt::Display;
//! use ownkit::Box;
//!
//! let shown: Box<dyn Display> = Box::from(std::boxed::Box::new(42) as std::boxed::Box<dyn Display>);
//! assert_eq!(shown.to_string(), "42");
//!
//! let slice: Box<[i32]> = Box::from(vec![1, 2, 3]);
//! let text: Box<str> = Box::from("hello");
//! assert_eq!((&*slice, &*text), (&[1, 2, 3][..], "hello"));
//! ```
//!
//! # Drop check
//!
//! The crate docs list every way ownkit's Box differs from std's
//! ([Differences from std](crate#differences-from-std): moving out through
//! `*b`, unsizing, uniqueness under Miri); the one that shows in ordinary
//! code is drop check. std's Box tells the compiler, through the unstable
//! `#[may_dangle]`, that dropping it only drops the `T` and never reads
//! it. ownkit cannot say so on stable, so the compiler assumes our drop
//! may use the `T`, and any borrow inside the Box must outlive the Box
//! itself. With std's Box this compiles, although `text` is dropped before
//! `boxed`:
//!
//! ```
//! let boxed: std::boxed::Box<&String>;
//! let text = String::from("borrowed");
//! boxed = std::boxed::Box::new(&text);
//! assert_eq!(**boxed, "borrowed");
//! ```
//!
//! With ours, the same program is rejected (`text` does not live long enough,
//! because it is dropped while `boxed` still holds the borrow). Declaring
//! `text` first fixes it.
//!
//! ```compile_fail,E0597
//! let boxed: ownkit::Box<&String>;
//! let text = String::from("borrowed");
//! boxed = ownkit::Box::new(&text);
//! assert_eq!(**boxed, "borrowed");
//! ```
//!
//! # Associated functions, not methods
//!
//! `Box<T>` dereferences to `T`, so a method on the Box could hide a method
//! of the same name on `T`. As in std, the functions that act on the Box
//! itself are called as `Box::into_raw(b)`, `Box::leak(b)`,
//! `Box::into_inner(b)` and `Box::into_std(b)`.

use alloc_crate::boxed::Box as StdBox;
use alloc_crate::ffi::CString;
use alloc_crate::string::String;
use alloc_crate::vec::Vec;
use core::borrow::{Borrow, BorrowMut};
use core::cmp::Ordering;
use core::ffi::CStr;
use core::fmt;
use core::future::Future;
use core::hash::{Hash, Hasher};
use core::iter::FusedIterator;
use core::mem::MaybeUninit;
use core::ops::{Deref, DerefMut};
use core::pin::Pin;
use core::task::{Context, Poll};
#[cfg(feature = "std")]
use std::ffi::{OsStr, OsString};
#[cfg(feature = "std")]
use std::path::{Path, PathBuf};

use crate::raw::boxed::BoxPtr;

/// A pointer that owns one value on the heap: ownkit's `std::boxed::Box`.
///
/// Dropping the Box drops the value, then frees the block. It is one pointer
/// wide for a sized `T` and two for slices, `str` and trait objects, like
/// std's, and `Option<Box<T>>` is the same size as `Box<T>` (`None` is the
/// null pointer). See the [module docs](self) for ownership, for unsized
/// values, and for the one way it differs from std's Box.
///
/// # Examples
///
/// ```
/// use ownkit::Box;
///
/// let mut boxed = Box::new(5);
/// *boxed += 1;
/// assert_eq!(*boxed, 6);
/// ```
// `repr(transparent)` makes a Box exactly its `BoxPtr`, which is exactly a
// `NonNull<T>`: the null niche is guaranteed, as it is for std's Box.
#[repr(transparent)]
pub struct Box<T: ?Sized>(
    // `pub(crate)` only so that `Box::from_raw` can build a Box from a
    // `BoxPtr`: it is declared in the raw module, the only module the crate's
    // lints allow to declare it.
    pub(crate) BoxPtr<T>,
);

impl<T> Box<T> {
    /// Moves `value` to a new heap block and returns the Box that owns it.
    ///
    /// Zero-sized values allocate nothing.
    ///
    /// # Panics
    ///
    /// Does not panic; if the allocation fails, the global allocation-error
    /// handler runs, which aborts the process by default (as for std's Box).
    ///
    /// # Examples
    ///
    /// ```
    /// let boxed = ownkit::Box::new([0u8; 16]);
    /// assert_eq!(boxed.len(), 16);
    /// ```
    #[inline(always)]
    pub fn new(value: T) -> Self {
        Self(BoxPtr::new(value))
    }

    /// Moves the value out of the Box and frees the block, without dropping
    /// the value.
    ///
    /// The same as moving out with `*boxed` on a std Box, which only std's
    /// Box can do.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::Box;
    ///
    /// let boxed = Box::new(String::from("moved out"));
    /// let text: String = Box::into_inner(boxed);
    /// assert_eq!(text, "moved out");
    /// ```
    #[inline]
    pub fn into_inner(boxed: Self) -> T {
        boxed.0.into_inner()
    }

    /// Allocates a block for a `T` without writing it: write the value in
    /// place, then [`assume_init`](Box::assume_init) (or use
    /// [`Box::write`]). Nothing is built on the stack first, so this is how
    /// to box a value too large for it.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::Box;
    ///
    /// let mut answer = Box::<u32>::new_uninit();
    /// answer.write(42);
    /// // SAFETY: the value was just written.
    /// let answer = unsafe { answer.assume_init() };
    /// assert_eq!(*answer, 42);
    /// ```
    #[inline]
    pub fn new_uninit() -> Box<MaybeUninit<T>> {
        Box(BoxPtr::new_uninit())
    }

    /// Moves `value` to a new heap block and pins it there: `Pin<Box<T>>`
    /// promises that it is never moved again until it is dropped, which is
    /// what a self-referential value or a future being polled needs.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::Box;
    /// use std::marker::PhantomPinned;
    /// use std::pin::Pin;
    ///
    /// // A value that must not move once pinned (it could point into itself).
    /// struct Anchored {
    ///     data: u8,
    ///     _pinned: PhantomPinned,
    /// }
    ///
    /// let pinned: Pin<Box<Anchored>> = Box::pin(Anchored { data: 7, _pinned: PhantomPinned });
    /// assert_eq!(pinned.data, 7);
    /// ```
    ///
    /// Safe code gets no `&mut` to a pinned value that is not `Unpin`, so
    /// it cannot move it out, with `mem::replace` or otherwise:
    ///
    /// ```compile_fail,E0277
    /// use std::marker::PhantomPinned;
    /// use std::pin::Pin;
    ///
    /// let mut pinned = ownkit::Box::pin(PhantomPinned);
    /// let inside: &mut PhantomPinned = Pin::get_mut(pinned.as_mut()); // not `Unpin`
    /// let _moved = std::mem::replace(inside, PhantomPinned);
    /// ```
    #[inline]
    pub fn pin(value: T) -> Pin<Box<T>> {
        Box::into_pin(Box::new(value))
    }
}

impl<T> Box<[T]> {
    /// Allocates a block for `len` elements without writing them: write
    /// each in place, then [`assume_init`](Box::assume_init).
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::Box;
    ///
    /// let mut digits = Box::<[u8]>::new_uninit_slice(3);
    /// for (slot, digit) in digits.iter_mut().zip(b"123") {
    ///     slot.write(*digit);
    /// }
    /// // SAFETY: every element was just written.
    /// let digits = unsafe { digits.assume_init() };
    /// assert_eq!(&*digits, b"123");
    /// ```
    #[inline]
    pub fn new_uninit_slice(len: usize) -> Box<[MaybeUninit<T>]> {
        // std allocates the block as ours would: with `Layout::array`, and
        // nothing for a length of 0 or zero-sized elements.
        Box::from(StdBox::<[T]>::new_uninit_slice(len))
    }
}

impl<T> Box<MaybeUninit<T>> {
    /// Writes `value` into the block and returns it as a `Box<T>`, without
    /// allocating again: the safe way to finish a
    /// [`new_uninit`](Box::new_uninit).
    ///
    /// A value already written there is overwritten without being dropped,
    /// as `MaybeUninit` never drops its contents.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::Box;
    ///
    /// let empty = Box::<String>::new_uninit();
    /// let filled: Box<String> = Box::write(empty, String::from("written"));
    /// assert_eq!(*filled, "written");
    /// ```
    #[inline]
    pub fn write(boxed: Self, value: T) -> Box<T> {
        Box(boxed.0.write(value))
    }
}

impl<T: ?Sized> Box<T> {
    /// Converts into a std Box that owns the same block, without copying or
    /// reallocating.
    ///
    /// This is a function rather than `impl From<ownkit::Box<T>> for
    /// std::boxed::Box<T>`: the orphan rule forbids that impl, because `T`
    /// would appear uncovered in std's `Box<T>` (std's Box is a fundamental
    /// type, so `Box<T>` counts as `T`) before the local type. The other
    /// direction is a plain [`From`] impl.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::Box;
    ///
    /// let ours = Box::new(7);
    /// let address: *const i32 = &*ours;
    /// let theirs: std::boxed::Box<i32> = Box::into_std(ours);
    /// assert_eq!(*theirs, 7);
    /// assert!(std::ptr::eq(address, &*theirs)); // the same block
    /// ```
    #[inline]
    pub fn into_std(b: Self) -> StdBox<T> {
        b.0.into_std()
    }
}

/// Giving up ownership through a raw pointer or a reference that never
/// expires; `Box::from_raw`, which takes it back, is an `unsafe fn` and so is
/// declared with the unsafe core (`raw/public_unsafe.rs`).
impl<T: ?Sized> Box<T> {
    /// Consumes the Box and returns its pointer, without dropping the value
    /// or freeing its block.
    ///
    /// The caller becomes responsible for the value. The usual way to give
    /// it back is [`Box::from_raw`](Self::from_raw) (ownkit's or std's: the
    /// two Boxes allocate the same way), which drops and frees it later.
    ///
    /// Like std's `Box::into_raw`, this is an associated function, called as
    /// `Box::into_raw(b)`, so that it cannot shadow a method of `T` reached
    /// through `Deref`.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::Box;
    ///
    /// let raw = Box::into_raw(Box::new(String::from("kept")));
    /// // Ownership went back and forth through a pointer; nothing was copied.
    /// let back = unsafe { Box::from_raw(raw) };
    /// assert_eq!(*back, "kept");
    /// ```
    ///
    /// A std `Box` can take the pointer over just as well:
    ///
    /// ```
    /// let raw = ownkit::Box::into_raw(ownkit::Box::new([1, 2, 3]));
    /// let std_box = unsafe { std::boxed::Box::from_raw(raw) };
    /// assert_eq!(*std_box, [1, 2, 3]);
    /// ```
    #[inline]
    pub fn into_raw(b: Self) -> *mut T {
        b.0.into_raw()
    }

    /// Consumes the Box and returns a mutable reference to its value, which
    /// is never dropped or freed unless the reference is handed back.
    ///
    /// The reference may live as long as `T` allows, up to `'static`. Use it
    /// for data that should live for the rest of the program. The memory can
    /// be reclaimed by passing the reference to
    /// [`Box::from_raw`](Self::from_raw) once it is no longer used.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::Box;
    ///
    /// let counter: &'static mut u32 = Box::leak(Box::new(41));
    /// *counter += 1;
    /// assert_eq!(*counter, 42);
    /// // Reclaim it, to keep leak checkers quiet.
    /// drop(unsafe { Box::from_raw(counter) });
    /// ```
    #[inline]
    pub fn leak<'a>(b: Self) -> &'a mut T
    where
        T: 'a,
    {
        b.0.leak()
    }
}

impl<T: ?Sized> Deref for Box<T> {
    type Target = T;

    #[inline]
    fn deref(&self) -> &T {
        self.0.value()
    }
}

impl<T: ?Sized> DerefMut for Box<T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        self.0.value_mut()
    }
}

/// Takes over the block of a std Box, without copying or reallocating.
///
/// This is how to get a `Box<dyn Trait>`, `Box<[T]>` or `Box<str>`: let
/// std's Box do the unsizing, then convert.
///
/// # Examples
///
/// ```
/// use ownkit::Box;
///
/// let std_box: std::boxed::Box<dyn Fn(i32) -> i32> = std::boxed::Box::new(|x| x * 2);
/// let ours: Box<dyn Fn(i32) -> i32> = Box::from(std_box);
/// assert_eq!(ours(21), 42);
/// ```
impl<T: ?Sized> From<StdBox<T>> for Box<T> {
    #[inline]
    fn from(boxed: StdBox<T>) -> Self {
        Self(BoxPtr::from_std(boxed))
    }
}

/// Moves a value into a new Box; the same as [`Box::new`].
///
/// # Examples
///
/// ```
/// let boxed: ownkit::Box<u8> = 3.into();
/// assert_eq!(*boxed, 3);
/// ```
impl<T> From<T> for Box<T> {
    #[inline]
    fn from(value: T) -> Self {
        Self::new(value)
    }
}

/// Copies a string slice into a new `Box<str>`.
///
/// # Examples
///
/// ```
/// let boxed: ownkit::Box<str> = ownkit::Box::from("copied");
/// assert_eq!(&*boxed, "copied");
/// ```
impl From<&str> for Box<str> {
    #[inline]
    fn from(text: &str) -> Self {
        Self::from(StdBox::<str>::from(text))
    }
}

/// Converts a `String` into a `Box<str>`, shrinking its buffer to its length
/// (a reallocation only if it had spare capacity).
///
/// # Examples
///
/// ```
/// let boxed: ownkit::Box<str> = ownkit::Box::from(String::from("owned"));
/// assert_eq!(&*boxed, "owned");
/// ```
impl From<String> for Box<str> {
    #[inline]
    fn from(text: String) -> Self {
        Self::from(text.into_boxed_str())
    }
}

/// Clones the elements of a slice into a new `Box<[T]>`.
///
/// # Panics
///
/// If an element's `clone` panics, the elements cloned so far are dropped
/// and the block is freed before the panic continues.
///
/// # Examples
///
/// ```
/// let boxed: ownkit::Box<[i32]> = ownkit::Box::from(&[1, 2, 3][..]);
/// assert_eq!(&*boxed, [1, 2, 3]);
/// ```
impl<T: Clone> From<&[T]> for Box<[T]> {
    #[inline]
    fn from(slice: &[T]) -> Self {
        Self::from(StdBox::<[T]>::from(slice))
    }
}

/// Converts a `Vec<T>` into a `Box<[T]>`, shrinking its buffer to its length
/// (a reallocation only if it had spare capacity).
///
/// # Examples
///
/// ```
/// let boxed: ownkit::Box<[char]> = ownkit::Box::from(vec!['a', 'b']);
/// assert_eq!(&*boxed, ['a', 'b']);
/// ```
impl<T> From<Vec<T>> for Box<[T]> {
    #[inline]
    fn from(vec: Vec<T>) -> Self {
        Self::from(vec.into_boxed_slice())
    }
}

/// Moves the elements of an array into a new `Box<[T]>`.
///
/// # Examples
///
/// ```
/// let boxed: ownkit::Box<[u8]> = ownkit::Box::from([4, 5, 6]);
/// assert_eq!(boxed.len(), 3);
/// ```
impl<T, const N: usize> From<[T; N]> for Box<[T]> {
    #[inline]
    fn from(array: [T; N]) -> Self {
        Self::from(StdBox::<[T]>::from(array))
    }
}

/// Collects an iterator into a new `Box<[T]>`.
///
/// # Examples
///
/// ```
/// let squares: ownkit::Box<[u32]> = (1..=4).map(|n| n * n).collect();
/// assert_eq!(&*squares, [1, 4, 9, 16]);
/// ```
impl<T> FromIterator<T> for Box<[T]> {
    #[inline]
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        // As std does: collect into a Vec, then drop its spare capacity.
        Self::from(iter.into_iter().collect::<Vec<T>>())
    }
}

/// Clones the value into a new Box.
///
/// The block is allocated before the value is cloned, as std does, so the
/// clone can be written straight into it.
///
/// # Panics
///
/// If `T::clone` panics, the new block is freed and nothing is dropped.
///
/// # Examples
///
/// ```
/// use ownkit::Box;
///
/// let original = Box::new(vec![1, 2]);
/// let mut copy = original.clone();
/// copy.push(3);
/// assert_eq!(*original, [1, 2]);
/// assert_eq!(*copy, [1, 2, 3]);
/// ```
impl<T: Clone> Clone for Box<T> {
    #[inline]
    fn clone(&self) -> Self {
        Self(BoxPtr::new_with(|| (**self).clone()))
    }

    /// Clones `source`'s value into this Box's value, reusing the block (and
    /// whatever `T::clone_from` can reuse).
    #[inline]
    fn clone_from(&mut self, source: &Self) {
        (**self).clone_from(&**source);
    }
}

/// Copies the string into a new `Box<str>`.
///
/// # Examples
///
/// ```
/// let boxed: ownkit::Box<str> = ownkit::Box::from("twice");
/// assert_eq!(boxed.clone(), boxed);
/// ```
impl Clone for Box<str> {
    #[inline]
    fn clone(&self) -> Self {
        Self::from(&**self)
    }
}

/// Copies a C string, its nul included, into a new `Box<CStr>`.
///
/// # Examples
///
/// ```
/// let boxed: ownkit::Box<std::ffi::CStr> = ownkit::Box::from(c"copied");
/// assert_eq!(boxed.to_bytes(), b"copied");
/// ```
impl From<&CStr> for Box<CStr> {
    #[inline]
    fn from(text: &CStr) -> Self {
        Self::from(StdBox::<CStr>::from(text))
    }
}

/// Converts a `CString` into a `Box<CStr>`, shrinking its buffer to its
/// length (a reallocation only if it had spare capacity).
///
/// # Examples
///
/// ```
/// use std::ffi::CString;
///
/// let boxed: ownkit::Box<std::ffi::CStr> = ownkit::Box::from(CString::new("owned").unwrap());
/// assert_eq!(&*boxed, c"owned");
/// ```
impl From<CString> for Box<CStr> {
    #[inline]
    fn from(text: CString) -> Self {
        Self::from(text.into_boxed_c_str())
    }
}

/// An empty `Box<CStr>`: a lone nul.
///
/// # Examples
///
/// ```
/// let boxed: ownkit::Box<std::ffi::CStr> = Default::default();
/// assert!(boxed.is_empty());
/// ```
impl Default for Box<CStr> {
    #[inline]
    fn default() -> Self {
        Self::from(StdBox::<CStr>::default())
    }
}

/// Copies the C string into a new `Box<CStr>`.
///
/// # Examples
///
/// ```
/// let boxed: ownkit::Box<std::ffi::CStr> = ownkit::Box::from(c"twice");
/// assert_eq!(boxed.clone(), boxed);
/// ```
impl Clone for Box<CStr> {
    #[inline]
    fn clone(&self) -> Self {
        Self::from(&**self)
    }
}

/// Copies an OS string into a new `Box<OsStr>`.
///
/// # Examples
///
/// ```
/// use std::ffi::OsStr;
///
/// let boxed: ownkit::Box<OsStr> = ownkit::Box::from(OsStr::new("copied"));
/// assert_eq!(&*boxed, "copied");
/// ```
#[cfg(feature = "std")]
impl From<&OsStr> for Box<OsStr> {
    #[inline]
    fn from(text: &OsStr) -> Self {
        Self::from(StdBox::<OsStr>::from(text))
    }
}

/// Converts an `OsString` into a `Box<OsStr>`, shrinking its buffer to its
/// length.
///
/// # Examples
///
/// ```
/// use std::ffi::{OsStr, OsString};
///
/// let boxed: ownkit::Box<OsStr> = ownkit::Box::from(OsString::from("owned"));
/// assert_eq!(&*boxed, "owned");
/// ```
#[cfg(feature = "std")]
impl From<OsString> for Box<OsStr> {
    #[inline]
    fn from(text: OsString) -> Self {
        Self::from(text.into_boxed_os_str())
    }
}

/// An empty `Box<OsStr>`.
///
/// # Examples
///
/// ```
/// let boxed: ownkit::Box<std::ffi::OsStr> = Default::default();
/// assert!(boxed.is_empty());
/// ```
#[cfg(feature = "std")]
impl Default for Box<OsStr> {
    #[inline]
    fn default() -> Self {
        Self::from(StdBox::<OsStr>::default())
    }
}

/// Copies the OS string into a new `Box<OsStr>`.
///
/// # Examples
///
/// ```
/// let boxed: ownkit::Box<std::ffi::OsStr> = ownkit::Box::from(std::ffi::OsStr::new("twice"));
/// assert_eq!(boxed.clone(), boxed);
/// ```
#[cfg(feature = "std")]
impl Clone for Box<OsStr> {
    #[inline]
    fn clone(&self) -> Self {
        Self::from(&**self)
    }
}

/// Copies a path into a new `Box<Path>`.
///
/// # Examples
///
/// ```
/// use std::path::Path;
///
/// let boxed: ownkit::Box<Path> = ownkit::Box::from(Path::new("notes/copied"));
/// assert_eq!(boxed.file_name().unwrap(), "copied");
/// ```
#[cfg(feature = "std")]
impl From<&Path> for Box<Path> {
    #[inline]
    fn from(path: &Path) -> Self {
        Self::from(StdBox::<Path>::from(path))
    }
}

/// Converts a `PathBuf` into a `Box<Path>`, shrinking its buffer to its
/// length.
///
/// # Examples
///
/// ```
/// use std::path::{Path, PathBuf};
///
/// let boxed: ownkit::Box<Path> = ownkit::Box::from(PathBuf::from("notes/owned"));
/// assert_eq!(&*boxed, Path::new("notes/owned"));
/// ```
#[cfg(feature = "std")]
impl From<PathBuf> for Box<Path> {
    #[inline]
    fn from(path: PathBuf) -> Self {
        Self::from(path.into_boxed_path())
    }
}

/// Copies the path into a new `Box<Path>`.
///
/// # Examples
///
/// ```
/// let boxed: ownkit::Box<std::path::Path> = ownkit::Box::from(std::path::Path::new("twice"));
/// assert_eq!(boxed.clone(), boxed);
/// ```
#[cfg(feature = "std")]
impl Clone for Box<Path> {
    #[inline]
    fn clone(&self) -> Self {
        Self::from(&**self)
    }
}

/// The same block as a `Box` of an array, if the slice has exactly `N`
/// elements; the `Box` back otherwise. Nothing is copied.
///
/// # Examples
///
/// ```
/// use ownkit::Box;
///
/// let slice: Box<[u8]> = Box::from([1, 2, 3]);
/// let slice = <Box<[u8; 2]>>::try_from(slice).unwrap_err(); // 3 elements, not 2
/// let array: Box<[u8; 3]> = slice.try_into().unwrap();
/// assert_eq!(*array, [1, 2, 3]);
/// ```
impl<T, const N: usize> TryFrom<Box<[T]>> for Box<[T; N]> {
    type Error = Box<[T]>;

    #[inline]
    fn try_from(slice: Box<[T]>) -> Result<Self, Self::Error> {
        // std's conversion retypes the same block, which both Boxes own
        // alike (see the `raw/boxed.rs` docs): only pointers move.
        StdBox::<[T; N]>::try_from(Box::into_std(slice))
            .map(Box::from)
            .map_err(Box::from)
    }
}

/// Clones the elements into a new `Box<[T]>`.
///
/// # Panics
///
/// If an element's `clone` panics, the elements cloned so far are dropped
/// and the new block is freed before the panic continues; `self` is left
/// untouched.
///
/// # Examples
///
/// ```
/// let boxed: ownkit::Box<[String]> = ownkit::Box::from(vec![String::from("a")]);
/// assert_eq!(boxed.clone(), boxed);
/// ```
impl<T: Clone> Clone for Box<[T]> {
    #[inline]
    fn clone(&self) -> Self {
        Self::from(self.to_vec())
    }

    /// Clones element by element in place when the lengths match (as std
    /// does), and replaces the whole Box otherwise.
    #[inline]
    fn clone_from(&mut self, source: &Self) {
        if self.len() == source.len() {
            self.clone_from_slice(source);
        } else {
            *self = source.clone();
        }
    }
}

/// Boxes `T::default()`, allocating first as std does.
///
/// # Examples
///
/// ```
/// let boxed: ownkit::Box<i32> = Default::default();
/// assert_eq!(*boxed, 0);
/// ```
impl<T: Default> Default for Box<T> {
    #[inline]
    fn default() -> Self {
        Self(BoxPtr::new_with(T::default))
    }
}

/// An empty `Box<str>`, which allocates nothing.
///
/// # Examples
///
/// ```
/// let boxed: ownkit::Box<str> = Default::default();
/// assert!(boxed.is_empty());
/// ```
impl Default for Box<str> {
    #[inline]
    fn default() -> Self {
        Self::from(StdBox::<str>::default())
    }
}

/// An empty `Box<[T]>`, which allocates nothing.
///
/// # Examples
///
/// ```
/// let boxed: ownkit::Box<[u64]> = Default::default();
/// assert!(boxed.is_empty());
/// ```
impl<T> Default for Box<[T]> {
    #[inline]
    fn default() -> Self {
        Self::from(StdBox::<[T]>::default())
    }
}

/// Formats the value, exactly as `T` does.
impl<T: ?Sized + fmt::Debug> fmt::Debug for Box<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

/// Formats the value, exactly as `T` does.
impl<T: ?Sized + fmt::Display> fmt::Display for Box<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

/// Formats the address of the value (`{:p}`).
///
/// # Examples
///
/// ```
/// let boxed = ownkit::Box::new(1);
/// let address: *const i32 = &*boxed;
/// assert_eq!(format!("{boxed:p}"), format!("{address:p}"));
/// ```
impl<T: ?Sized> fmt::Pointer for Box<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let address: *const T = &**self;
        fmt::Pointer::fmt(&address, f)
    }
}

/// Compares the values, not the addresses.
impl<T: ?Sized + PartialEq> PartialEq for Box<T> {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        PartialEq::eq(&**self, &**other)
    }
    #[inline]
    #[allow(
        clippy::partialeq_ne_impl,
        reason = "forwarded so a `T` with its own `ne` behaves the same boxed"
    )]
    fn ne(&self, other: &Self) -> bool {
        PartialEq::ne(&**self, &**other)
    }
}

impl<T: ?Sized + Eq> Eq for Box<T> {}

/// Compares the values, not the addresses.
impl<T: ?Sized + PartialOrd> PartialOrd for Box<T> {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        PartialOrd::partial_cmp(&**self, &**other)
    }
    #[inline]
    fn lt(&self, other: &Self) -> bool {
        PartialOrd::lt(&**self, &**other)
    }
    #[inline]
    fn le(&self, other: &Self) -> bool {
        PartialOrd::le(&**self, &**other)
    }
    #[inline]
    fn gt(&self, other: &Self) -> bool {
        PartialOrd::gt(&**self, &**other)
    }
    #[inline]
    fn ge(&self, other: &Self) -> bool {
        PartialOrd::ge(&**self, &**other)
    }
}

/// Compares the values, not the addresses.
impl<T: ?Sized + Ord> Ord for Box<T> {
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        Ord::cmp(&**self, &**other)
    }
}

/// Hashes the value, so a Box hashes exactly as its `T` does (a requirement
/// of [`Borrow<T>`]).
impl<T: ?Sized + Hash> Hash for Box<T> {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl<T: ?Sized> AsRef<T> for Box<T> {
    #[inline]
    fn as_ref(&self) -> &T {
        self
    }
}

impl<T: ?Sized> AsMut<T> for Box<T> {
    #[inline]
    fn as_mut(&mut self) -> &mut T {
        self
    }
}

/// Lets a map keyed by `Box<T>` be searched with a `&T`.
///
/// # Examples
///
/// ```
/// use std::collections::HashMap;
/// use ownkit::Box;
///
/// let mut ages: HashMap<Box<str>, u32> = HashMap::new();
/// ages.insert(Box::from("ada"), 36);
/// assert_eq!(ages.get("ada"), Some(&36));
/// ```
impl<T: ?Sized> Borrow<T> for Box<T> {
    #[inline]
    fn borrow(&self) -> &T {
        self
    }
}

impl<T: ?Sized> BorrowMut<T> for Box<T> {
    #[inline]
    fn borrow_mut(&mut self) -> &mut T {
        self
    }
}

/// Pins a Box's value where it is: the same as [`Box::into_pin`].
///
/// # Examples
///
/// ```
/// use std::pin::Pin;
///
/// let pinned: Pin<ownkit::Box<u8>> = ownkit::Box::new(1).into();
/// assert_eq!(*pinned, 1);
/// ```
impl<T: ?Sized> From<Box<T>> for Pin<Box<T>> {
    #[inline]
    fn from(boxed: Box<T>) -> Self {
        Box::into_pin(boxed)
    }
}

/// A pinned Box holding the default value, as [`Box::pin`] makes one.
///
/// # Examples
///
/// ```
/// use std::pin::Pin;
///
/// let pinned: Pin<ownkit::Box<str>> = Pin::default();
/// assert_eq!(&*pinned, "");
/// ```
impl<T: ?Sized> Default for Pin<Box<T>>
where
    Box<T>: Default,
{
    #[inline]
    fn default() -> Self {
        Box::into_pin(Box::<T>::default())
    }
}

/// Polls the boxed future, so a `Box<F>` of an `Unpin` future is a future
/// too; a future that is not `Unpin` is polled pinned, as
/// `Pin<Box<dyn Future>>` (which is a future through `Pin`'s own impl).
///
/// # Examples
///
/// ```
/// use std::future::{self, Future};
/// use std::pin::pin;
/// use std::task::{Context, Poll, Waker};
///
/// let boxed = ownkit::Box::new(future::ready(5));
/// let mut context = Context::from_waker(Waker::noop());
/// assert_eq!(pin!(boxed).poll(&mut context), Poll::Ready(5));
/// ```
impl<F: ?Sized + Future + Unpin> Future for Box<F> {
    type Output = F::Output;

    #[inline]
    fn poll(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<F::Output> {
        // A `Box` is `Unpin`, and so is `F`: no pinning to keep up.
        F::poll(Pin::new(&mut *Pin::into_inner(self)), context)
    }
}

/// A Box is `Unpin` whatever `T` is: moving the Box moves only the pointer,
/// never the value, so a pinned value inside a Box stays where it is.
impl<T: ?Sized> Unpin for Box<T> {}

/// Iterates the boxed iterator, so a `Box<dyn Iterator>` is an iterator too.
///
/// # Examples
///
/// ```
/// use ownkit::Box;
///
/// let evens: std::boxed::Box<dyn Iterator<Item = u32>> = std::boxed::Box::new((0..10).step_by(2));
/// let evens: Box<dyn Iterator<Item = u32>> = Box::from(evens);
/// assert_eq!(evens.collect::<Vec<_>>(), [0, 2, 4, 6, 8]);
/// ```
impl<I: Iterator + ?Sized> Iterator for Box<I> {
    type Item = I::Item;

    #[inline]
    fn next(&mut self) -> Option<I::Item> {
        (**self).next()
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (**self).size_hint()
    }
    #[inline]
    fn nth(&mut self, n: usize) -> Option<I::Item> {
        (**self).nth(n)
    }
}

impl<I: DoubleEndedIterator + ?Sized> DoubleEndedIterator for Box<I> {
    #[inline]
    fn next_back(&mut self) -> Option<I::Item> {
        (**self).next_back()
    }
    #[inline]
    fn nth_back(&mut self, n: usize) -> Option<I::Item> {
        (**self).nth_back(n)
    }
}

impl<I: ExactSizeIterator + ?Sized> ExactSizeIterator for Box<I> {
    #[inline]
    fn len(&self) -> usize {
        (**self).len()
    }
}

impl<I: FusedIterator + ?Sized> FusedIterator for Box<I> {}
