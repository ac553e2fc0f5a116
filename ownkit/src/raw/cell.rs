//! The unsafe core of [`Cell`]: the type itself and the methods that touch
//! its inside.
//!
//! # Ownership
//!
//! A `Cell<T>` owns its `T` inline, like a plain field: dropping the cell
//! drops the value, and nothing else is ever responsible for it. `set` and
//! `replace` move a new value in and hand the old one back (or drop it) as a
//! whole.
//!
//! # Why a `Cell` needs no borrow tracking
//!
//! A `Cell` lets many `&Cell<T>` mutate one value, which `&T` forbids. It
//! stays sound without a borrow counter because of three rules, listed under
//! "Invariants" below: no reference to the inside escapes, values move in
//! and out whole, and a `Cell` is never shared between threads. Every method
//! in this file keeps them, and the safe layer (`cell.rs`) cannot break
//! them, since the field is private to this file.
//!
//! # Why `get` needs `T: Copy`
//!
//! `get` returns the value while leaving it in the cell, so it must duplicate
//! it. Duplicating with `Clone` would run user code (`T::clone`) with a
//! `&T` into the cell, and that code could reach the same cell through another
//! `&Cell<T>` and `set` it, freeing what `clone` is reading: rule 1 broken. A
//! `Copy` duplicate is a plain bit copy with no user code, so it is safe.
//! Non-`Copy` values leave by `replace`, `take` or `into_inner` instead.
//!
//! # Invariants
//!
//! The three rules, which the `// INVARIANT:` on the `value` field points
//! back to:
//!
//! 1. **No reference to the inside ever escapes** from a `&Cell<T>`. The
//!    methods here create a `&mut T` or read through the raw pointer only for
//!    the length of one `ptr::read`, `mem::replace` or swap, and run no user
//!    code meanwhile. So no `&T` can observe a write, and no two `&mut T` to
//!    the inside ever exist together. (The exceptions take `&mut Cell<T>` or
//!    `Cell<T>` by value, where the compiler already guarantees exclusivity:
//!    [`Cell::get_mut`], [`Cell::into_inner`].)
//! 2. **Values move in and out whole.** A caller gets a copy ([`Cell::get`])
//!    or the old value by move ([`Cell::replace`]); it can never hold on to a
//!    part of the inside across a write.
//! 3. **`Cell<T>` is `!Sync`**, because `UnsafeCell<T>` is. All `&Cell<T>` to
//!    one cell therefore live on one thread, and the unsynchronised reads and
//!    writes above can never race (see "Send and Sync").
//!
//! # What the safe layer may rely on
//!
//! Every method here is safe to call in any state: a `Cell` has no state
//! beyond its value. The safe layer builds `set`, `take`, `update` and the
//! trait impls from `new`, `replace` and `get` only.
//!
//! # Send and Sync
//!
//! `Cell<T>` is `Send` when `T` is: moving the whole cell to another thread
//! moves the value, which is fine for a `Send` value. It is never `Sync`
//! (rule 3): if two threads could hold a `&Cell<u32>` to one cell, both could
//! `set` it at once, a data race. Both follow from `UnsafeCell<T>`'s auto
//! traits, so no `unsafe impl` is needed here.

use core::cell::UnsafeCell;
use core::ptr;

/// A mutable memory location that hands values in and out by copy or move.
///
/// Unlike a `&mut T`, a shared `&Cell<T>` is enough to change the value, so
/// several parts of a program (or a value and a closure it owns) can update a
/// counter or flag without a `RefCell`'s run-time borrow checks. The price is
/// that you can never borrow the inside: you [`get`](Cell::get) a copy,
/// [`set`](Cell::set) or [`replace`](Cell::replace) the whole value.
///
/// `Cell<T>` has exactly the size, alignment and layout of `T`
/// (`#[repr(transparent)]` over `UnsafeCell<T>`), which is what makes
/// [`Cell::from_mut`] and [`Cell::as_slice_of_cells`] pointer casts. It is
/// `Send` when `T` is and never `Sync`.
///
/// ```
/// use ownkit::cell::Cell;
///
/// struct Counter {
///     hits: Cell<u32>,
/// }
///
/// let counter = Counter { hits: Cell::new(0) };
/// let shared = &counter;
/// shared.hits.set(shared.hits.get() + 1);
/// counter.hits.update(|n| n + 1);
/// assert_eq!(counter.hits.get(), 2);
/// ```
///
/// A `Cell` cannot be shared between threads:
///
/// ```compile_fail
/// use ownkit::cell::Cell;
///
/// let cell = Cell::new(1);
/// std::thread::scope(|s| {
///     s.spawn(|| cell.set(2)); // `Cell<i32>` is not `Sync`
/// });
/// ```
#[repr(transparent)]
pub struct Cell<T: ?Sized> {
    // INVARIANT: no reference into `value` outlives the method call that
    // created it while any `&Cell<T>` may exist, and no user code runs while
    // such a reference lives (see the module docs, rule 1).
    value: UnsafeCell<T>,
}

impl<T> Cell<T> {
    /// Creates a `Cell` holding `value`.
    ///
    /// ```
    /// use ownkit::cell::Cell;
    ///
    /// let cell = Cell::new(5);
    /// assert_eq!(cell.get(), 5);
    ///
    /// // `new` is a `const fn`, so a cell can start life in a `thread_local!`.
    /// std::thread_local!(static CALLS: Cell<u32> = const { Cell::new(0) });
    /// CALLS.with(|calls| calls.set(calls.get() + 1));
    /// assert_eq!(CALLS.with(Cell::get), 1);
    /// ```
    #[inline]
    pub const fn new(value: T) -> Cell<T> {
        Cell {
            value: UnsafeCell::new(value),
        }
    }

    /// Puts `value` in the cell and returns the value it held.
    ///
    /// ```
    /// use ownkit::cell::Cell;
    ///
    /// let cell = Cell::new(String::from("old"));
    /// let previous = cell.replace(String::from("new"));
    /// assert_eq!(previous, "old");
    /// assert_eq!(cell.into_inner(), "new");
    /// ```
    #[inline]
    pub const fn replace(&self, value: T) -> T {
        // SAFETY: the `&mut T` lives only for this `mem::replace`, which runs
        // no user code (it moves bits; the old value is returned, not
        // dropped), and `Cell` is `!Sync`, so no other reference to the inside
        // exists meanwhile (module docs, rule 1 and 3).
        let inside = unsafe { &mut *self.value.get() };
        core::mem::replace(inside, value)
    }

    /// Exchanges the values of two cells.
    ///
    /// Swapping a cell with itself does nothing.
    ///
    /// # Panics
    ///
    /// Panics if `self` and `other` are different cells that partially
    /// overlap. Safe code cannot build such cells; unsafe code could, for
    /// example two `&Cell<[u8; 2]>` one byte apart. A swap of overlapping
    /// memory would duplicate some bytes and lose others, so it is refused.
    ///
    /// ```
    /// use ownkit::cell::Cell;
    ///
    /// let a = Cell::new(1);
    /// let b = Cell::new(2);
    /// a.swap(&b);
    /// assert_eq!((a.get(), b.get()), (2, 1));
    /// a.swap(&a);
    /// assert_eq!(a.get(), 2);
    /// ```
    #[inline]
    pub fn swap(&self, other: &Self) {
        if ptr::eq(self, other) {
            return;
        }
        let distance = self.as_ptr().addr().abs_diff(other.as_ptr().addr());
        if distance < size_of::<T>() {
            panic_on_overlapping_swap();
        }
        // SAFETY:
        // - both pointers are valid for reads and writes of one `T` and
        //   aligned (they come from live `&Cell<T>`, whose layout is `T`'s);
        // - the two regions do not overlap (checked just above: the cells are
        //   different and at least `size_of::<T>()` bytes apart);
        // - no reference into either cell is alive (module docs, rule 1), and
        //   both are on this thread (`!Sync`), so the raw accesses race with
        //   nothing.
        unsafe { ptr::swap_nonoverlapping(self.as_ptr(), other.as_ptr(), 1) }
    }

    /// Consumes the cell and returns its value.
    ///
    /// ```
    /// use ownkit::cell::Cell;
    ///
    /// let cell = Cell::new(vec![1, 2]);
    /// assert_eq!(cell.into_inner(), [1, 2]);
    /// ```
    #[inline]
    pub fn into_inner(self) -> T {
        self.value.into_inner()
    }
}

impl<T: Copy> Cell<T> {
    /// Returns a copy of the value.
    ///
    /// Only `Copy` values can be read this way. Cloning would run user code
    /// (`T::clone`) while it looks inside the cell, and that code could `set`
    /// the same cell through another reference, dropping the value it is
    /// reading. A `Copy` is a plain bit copy. Take other values out with
    /// [`replace`](Cell::replace) or [`take`](Cell::take).
    ///
    /// ```
    /// use ownkit::cell::Cell;
    ///
    /// let cell = Cell::new(7);
    /// let seven = cell.get();
    /// cell.set(8);
    /// assert_eq!((seven, cell.get()), (7, 8));
    /// ```
    #[inline]
    pub const fn get(&self) -> T {
        // SAFETY: the pointer comes from a live `&Cell<T>`, so it is valid and
        // aligned for a read of an initialised `T`; the read is a bit copy
        // (`T: Copy`) that runs no user code, and `Cell` is `!Sync`, so no
        // write can happen meanwhile (module docs, rules 1 and 3).
        unsafe { *self.value.get() }
    }
}

impl<T: ?Sized> Cell<T> {
    /// Returns a raw pointer to the value.
    ///
    /// Reading or writing through it is up to the caller's unsafe code, under
    /// the same rules as this file: no reference to the inside may live across
    /// another access through the cell.
    ///
    /// ```
    /// use ownkit::cell::Cell;
    ///
    /// let cell = Cell::new(5);
    /// assert_eq!(cell.as_ptr().cast_const(), (&raw const cell).cast::<i32>());
    /// ```
    #[inline]
    pub const fn as_ptr(&self) -> *mut T {
        self.value.get()
    }

    /// Returns a mutable reference to the value.
    ///
    /// `&mut self` proves no other reference to the cell exists, so this needs
    /// no check at all.
    ///
    /// ```
    /// use ownkit::cell::Cell;
    ///
    /// let mut cell = Cell::new(5);
    /// *cell.get_mut() += 1;
    /// assert_eq!(cell.get(), 6);
    /// ```
    #[inline]
    pub const fn get_mut(&mut self) -> &mut T {
        self.value.get_mut()
    }

    /// Turns a `&mut T` into a `&Cell<T>`.
    ///
    /// The exclusive borrow is given up for as long as the cell reference
    /// lives, so the value can then be shared and changed through the cell.
    ///
    /// ```
    /// use ownkit::cell::Cell;
    ///
    /// let mut value = 1;
    /// let cell = Cell::from_mut(&mut value);
    /// let alias = cell;
    /// alias.set(2);
    /// assert_eq!(cell.get(), 2);
    /// assert_eq!(value, 2);
    /// ```
    #[inline]
    pub const fn from_mut(value: &mut T) -> &Cell<T> {
        let cell = (value as *mut T) as *const Cell<T>;
        // SAFETY:
        // - `cell` is non-null, aligned and points to an initialised value of
        //   the right layout (it comes from a `&mut T`, and `Cell<T>` is
        //   `repr(transparent)` over `UnsafeCell<T>`, itself a transparent
        //   `T`; the cast keeps any slice length or vtable);
        // - the returned reference borrows `value` exclusively for its whole
        //   lifetime, so nothing else can touch the `T` while cells to it
        //   exist, and interior mutation through them is what `UnsafeCell`
        //   permits.
        unsafe { &*cell }
    }
}

impl<T> Cell<[T]> {
    /// Turns a cell holding a slice into a slice of cells.
    ///
    /// Each element can then be read and written on its own, which is what
    /// lets code walk a buffer through shared references.
    ///
    /// ```
    /// use ownkit::cell::Cell;
    ///
    /// let mut numbers = [1, 2, 3];
    /// let cells = Cell::from_mut(&mut numbers[..]).as_slice_of_cells();
    /// for pair in cells.windows(2) {
    ///     pair[1].set(pair[1].get() + pair[0].get());
    /// }
    /// assert_eq!(numbers, [1, 3, 6]);
    /// ```
    #[inline]
    pub const fn as_slice_of_cells(&self) -> &[Cell<T>] {
        let cells = (self as *const Cell<[T]>) as *const [Cell<T>];
        // SAFETY:
        // - `cells` is non-null, aligned and points to `len` initialised
        //   elements of the right layout (it comes from a `&Cell<[T]>`, which
        //   has the layout of `[T]`, and `Cell<T>` has the layout of `T`; the
        //   cast keeps the length);
        // - the result borrows `self` for its lifetime, and a `&Cell<T>` to
        //   each element grants exactly the access a `&Cell<[T]>` already
        //   granted to all of them: move values in and out, never a reference
        //   (module docs, rule 1).
        unsafe { &*cells }
    }
}

/// The panic of [`Cell::swap`] on partially overlapping cells, kept out of
/// line so the check costs one compare on the hot path.
#[cold]
#[inline(never)]
#[track_caller]
fn panic_on_overlapping_swap() -> ! {
    panic!("`Cell::swap` on overlapping non-identical `Cell`s")
}

#[cfg(test)]
mod tests;
