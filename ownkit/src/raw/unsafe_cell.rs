//! The type [`UnsafeCell`]: the one way to mutate through a shared
//! reference, which every cell is built on.
//!
//! # Why a wrapper
//!
//! Everything else in this crate is written by hand; `UnsafeCell` cannot
//! be. The compiler knows core's `UnsafeCell` by name (a lang item): only
//! memory inside one may change while a `&` to it exists, and no other type
//! can say that about itself. So ownkit's `UnsafeCell<T>` is a
//! `#[repr(transparent)]` wrapper around core's, and a type containing one
//! contains core's, with everything that follows from it: interior
//! mutability, no `Sync`, no `RefUnwindSafe`, and no niche optimization
//! through it. What this file adds is std's surface, name for name, so
//! that code written against `std::cell::UnsafeCell` compiles against
//! `ownkit::cell::UnsafeCell`.
//!
//! It lives here, in `raw`, because one of its functions is unsafe code to
//! write: [`UnsafeCell::from_mut`] reinterprets a `&mut T` as a
//! `&mut UnsafeCell<T>`. None of its functions is unsafe to *call*: a raw
//! pointer is safe to make, and the caller's unsafe code is what uses it.
//!
//! # Invariants
//!
//! 1. **An `UnsafeCell<T>` has exactly the layout of a `T`**: it is
//!    `repr(transparent)` over core's `UnsafeCell<T>`, which std documents
//!    as having the same in-memory representation as its `T`. That is what
//!    makes `from_mut`, `get` and `raw_get` pointer casts.
//!
//! # What the safe layer may rely on
//!
//! `cell.rs` re-exports the type and adds the trait impls that need no
//! access to the field (`Default`, `From`, `Debug`). Every function here
//! behaves as std's of the same name, and gives out nothing a `&self` or a
//! `&mut self` would not already allow: a raw pointer (`get`, `raw_get`),
//! or a `&mut T` borrowed from a `&mut` (`get_mut`, `from_mut`).
//!
//! # Send and Sync
//!
//! No `unsafe impl`: the auto traits come from the field, so an
//! `UnsafeCell<T>` is `Send` when `T` is and never `Sync`, like core's. A
//! `Sync` `UnsafeCell` would let two threads write one value through two
//! `&UnsafeCell<u32>` at once, a data race; a type that makes such writes
//! safe (a lock, an atomic) must say so itself with an `unsafe impl Sync`.

use core::cell::UnsafeCell as CoreUnsafeCell;

/// The primitive of interior mutability: a value that may be changed
/// through a shared reference, by unsafe code that upholds the aliasing
/// rules itself.
///
/// Exactly std's `UnsafeCell`, under ownkit's name: a transparent wrapper
/// around core's (the compiler knows only that one, see "Why a wrapper" in
/// the source), with the same layout, the same auto traits (never `Sync`)
/// and the same functions. [`Cell`](crate::cell::Cell) and
/// [`RefCell`](crate::cell::RefCell) are safe interfaces built on it.
///
/// # The rules
///
/// [`get`](UnsafeCell::get) hands out a `*mut T` from a `&UnsafeCell<T>`.
/// Using it is unsafe code, with std's rules: a `&mut T` made from it must
/// be the only access to the value while it lives, a `&T` made from it
/// must not see the value change, and two threads must never touch the
/// value without synchronization.
///
/// # Examples
///
/// A counter that shared references may bump, safe because it is `!Sync`
/// and never lends out a reference to its inside:
///
/// ```
/// use ownkit::cell::UnsafeCell;
///
/// struct Counter(UnsafeCell<u32>);
///
/// impl Counter {
///     fn bump(&self) -> u32 {
///         // SAFETY: `Counter` is `!Sync` (its `UnsafeCell` is), so no other
///         // thread can reach the value, and it lends out no reference to
///         // it: this is the only access while it runs.
///         unsafe { *self.0.get() += 1 };
///         // SAFETY: as above.
///         unsafe { *self.0.get() }
///     }
/// }
///
/// let counter = Counter(UnsafeCell::new(0));
/// let (a, b) = (&counter, &counter);
/// a.bump();
/// assert_eq!(b.bump(), 2);
/// assert_eq!(counter.0.into_inner(), 2);
/// ```
///
/// Like std's, it is not `Sync`, so a type that holds one is not either:
///
/// ```compile_fail,E0277
/// fn shared<T: Sync>(_: &T) {}
/// shared(&ownkit::cell::UnsafeCell::new(1)); // `UnsafeCell<i32>` is not `Sync`
/// ```
#[repr(transparent)]
pub struct UnsafeCell<T: ?Sized> {
    // INVARIANT: none beyond the layout (invariant 1 in the module docs):
    // any value of `T` is a valid `UnsafeCell<T>`.
    value: CoreUnsafeCell<T>,
}

impl<T> UnsafeCell<T> {
    /// Wraps `value` in an `UnsafeCell`.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::cell::UnsafeCell;
    ///
    /// let cell = UnsafeCell::new(5);
    /// assert_eq!(cell.into_inner(), 5);
    /// ```
    #[inline(always)]
    pub const fn new(value: T) -> UnsafeCell<T> {
        UnsafeCell {
            value: CoreUnsafeCell::new(value),
        }
    }

    /// Unwraps the value, consuming the cell.
    ///
    /// Not a `const fn`, unlike std's: taking the one field out of a
    /// wrapper by value in a `const fn` needs the compiler to see that
    /// nothing is left to drop, which stable Rust does not (E0493).
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::cell::UnsafeCell;
    ///
    /// let cell = UnsafeCell::new(String::from("inside"));
    /// assert_eq!(cell.into_inner(), "inside");
    /// ```
    #[inline(always)]
    pub fn into_inner(self) -> T {
        self.value.into_inner()
    }
}

impl<T: ?Sized> UnsafeCell<T> {
    /// Turns a `&mut T` into a `&mut UnsafeCell<T>`, for as long as the
    /// exclusive borrow lasts.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::cell::UnsafeCell;
    ///
    /// let mut value = 42;
    /// let cell = UnsafeCell::from_mut(&mut value);
    /// *cell.get_mut() -= 1;
    /// assert_eq!(value, 41);
    /// ```
    #[inline(always)]
    pub const fn from_mut(value: &mut T) -> &mut UnsafeCell<T> {
        let cell = CoreUnsafeCell::from_mut(value) as *mut CoreUnsafeCell<T> as *mut UnsafeCell<T>;
        // SAFETY: `&mut *cell` needs a pointer that is non-null, aligned,
        // points at a valid `UnsafeCell<T>` and is accessed by nothing else
        // while the reference lives:
        // - it is core's `from_mut` of `value`, a `&mut T`, cast to the
        //   wrapper, which has the same layout and validity (invariant 1;
        //   the cast keeps any slice length or vtable);
        // - the result borrows `value` exclusively for its whole lifetime.
        unsafe { &mut *cell }
    }

    /// A raw pointer to the value, from a shared reference: what every safe
    /// cell is built on.
    ///
    /// Making the pointer is safe; reading or writing through it is the
    /// caller's unsafe code, under the rules in the [type docs](UnsafeCell).
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::cell::UnsafeCell;
    ///
    /// let cell = UnsafeCell::new(5);
    /// let shared = &cell;
    /// // SAFETY: the only access to the value while it is written.
    /// unsafe { *shared.get() = 6 };
    /// assert_eq!(cell.into_inner(), 6);
    /// ```
    #[inline(always)]
    pub const fn get(&self) -> *mut T {
        self.value.get()
    }

    /// The value, mutably: `&mut self` already proves that nothing else
    /// can reach it, so this needs no unsafe code.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::cell::UnsafeCell;
    ///
    /// let mut cell = UnsafeCell::new(5);
    /// *cell.get_mut() += 1;
    /// assert_eq!(cell.into_inner(), 6);
    /// ```
    #[inline(always)]
    pub const fn get_mut(&mut self) -> &mut T {
        self.value.get_mut()
    }

    /// [`get`](UnsafeCell::get) from a raw pointer to the cell, without
    /// making a reference to it: for a cell that is not initialized yet.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::cell::UnsafeCell;
    /// use std::mem::MaybeUninit;
    ///
    /// let slot = MaybeUninit::<UnsafeCell<i32>>::uninit();
    /// // A `&UnsafeCell<i32>` to the uninitialized slot would be wrong;
    /// // `raw_get` needs none.
    /// // SAFETY: the pointer is valid for writing an `i32` and aligned.
    /// unsafe { UnsafeCell::raw_get(slot.as_ptr()).write(5) };
    /// // SAFETY: just initialized.
    /// let cell = unsafe { slot.assume_init() };
    /// assert_eq!(cell.into_inner(), 5);
    /// ```
    #[inline(always)]
    pub const fn raw_get(this: *const UnsafeCell<T>) -> *mut T {
        // A cast to core's cell (invariant 1: the same layout, the cast
        // keeps any metadata), then core's own `raw_get`.
        CoreUnsafeCell::raw_get(this as *const CoreUnsafeCell<T>)
    }
}

#[cfg(test)]
mod tests;
