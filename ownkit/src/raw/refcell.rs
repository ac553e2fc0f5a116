//! The unsafe core of [`RefCell`](crate::cell::RefCell): the borrow flag, the
//! value, and the two guard cores that hand out `&T` and `&mut T`.
//!
//! # Ownership
//!
//! A `RefCell<T>` owns its `T` inline; dropping the cell drops the value. A
//! guard ([`RefGuard`], [`RefMutGuard`]) owns nothing but its *borrow
//! token*: one unit of the borrow count, given back when the token drops.
//! The compiler ties every guard to the cell with the lifetime `'b`, so the
//! cell cannot be moved or dropped while a guard lives; with `mem::forget` a
//! token is never given back, which leaves the cell borrowed for good, never
//! unsound.
//!
//! # The borrow flag
//!
//! The flag is a plain `isize`, std's encoding:
//!
//! | value   | meaning                                                     |
//! |---------|-------------------------------------------------------------|
//! | `0`     | unused                                                      |
//! | `n > 0` | `n` live shared tokens (`Ref`s)                             |
//! | `n < 0` | `-n` live exclusive tokens (`RefMut`s)                      |
//!
//! More than one exclusive token exists only after `RefMut::map_split`, and
//! then each points at a disjoint part of the value. A shared borrow is refused
//! at `isize::MAX` rather than wrapping into the negative (exclusive) range,
//! and `Ref::clone` / `RefMut::map_split` panic at the ends of the range, so a
//! count can never lie about which kind of borrow is live, however many guards
//! are forgotten.
//!
//! # Where the conflicting borrow was taken
//!
//! In debug builds the cell also stores the source location of the borrow
//! that made it busy, so an error can say where to look:
//! - a `RefMut` records where it was taken; both halves of a `map_split`
//!   share that origin;
//! - shared borrows record the location of the borrow that took the count
//!   from 0 to 1. That borrow may have ended while later ones live on, so the
//!   location means "shared borrows have been held without a break since
//!   here", which is always true.
//!
//! The location is cleared when the count returns to 0. Release builds have
//! neither the field nor the hidden `#[track_caller]` argument that feeds it,
//! so a `RefCell<T>` is exactly as large as std's.
//!
//! # Invariants
//!
//! The `// INVARIANT:`s on [`BorrowState`]'s fields keep the flag's encoding
//! and the debug origin (both above) true; on top of them:
//!
//! 1. While any shared token lives, no `&mut T` into the value exists: an
//!    exclusive token cannot be created (the count is positive).
//! 2. While an exclusive token lives, no other token for the same part of the
//!    value exists: tokens are created only from the unused state, or split by
//!    `map_split` between disjoint parts.
//! 3. Every guard's pointer is valid for `'b` and points into the value (or
//!    into something the guard's closure proved lives as long): it was derived
//!    from the cell, or from a reference the closure returned, and never from
//!    a transmuted lifetime.
//!
//! # What the safe layer may rely on
//!
//! Every guard operation here is therefore safe to call: `get`/`get_mut` are
//! backed by (1) and (2), and `map`, `filter_map` and `map_split` only move a
//! token from one guard to another, so each token is given back exactly once,
//! whether the closure returns or panics (the original guard is then dropped
//! while unwinding, releasing its token).
//!
//! # Send and Sync
//!
//! No `unsafe impl` is needed: the auto traits already give std's answer.
//! - `RefCell<T>` is `Send` when `T` is: moving the cell moves the value, and
//!   no guard can be alive (guards borrow the cell).
//! - `RefCell<T>` is never `Sync`, because the flag is a plain `isize` in a
//!   `Cell` (which is `!Sync`). If two threads could call `borrow_mut` on one
//!   `&RefCell<T>`, both could read 0 before either wrote -1, and both would
//!   get a `&mut T`.
//! - The guards are neither `Send` nor `Sync` (their `NonNull` says so): a
//!   `Ref` sent to another thread would drop there, decrementing the flag while
//!   the owning thread reads it.

use core::cell::UnsafeCell;
use core::marker::PhantomData;
#[cfg(debug_assertions)]
use core::panic::Location;
use core::ptr::NonNull;

use crate::raw::cell::Cell;

/// The borrow flag's type; see the module docs for its encoding.
type BorrowCount = isize;

/// The flag value of a cell nobody borrows.
const UNUSED: BorrowCount = 0;

/// The storage of a `RefCell<T>`: the borrow state, then the value.
///
/// The value comes last so that `RefCell<[T]>` and `RefCell<dyn Trait>` are
/// possible (only the last field of a struct may be unsized).
pub(crate) struct RefCellCore<T: ?Sized> {
    state: BorrowState,
    // INVARIANT: accessed through a shared path only while a token exists
    // that grants it (module invariants 1 and 2); `get_mut` and `into_inner`
    // take the cell exclusively and need no token.
    value: UnsafeCell<T>,
}

/// What the borrow tokens count, and in debug builds where the current
/// borrows began.
struct BorrowState {
    // INVARIANT: encodes the live tokens as in the module docs; changed only
    // by token creation (`SharedBorrow::try_new`, `ExclusiveBorrow::try_new`),
    // duplication and drop, all in this file.
    count: Cell<BorrowCount>,
    // INVARIANT: `Some` whenever `count != UNUSED` and `None` when it is
    // unused. Set when the count leaves 0, cleared when it returns to 0.
    #[cfg(debug_assertions)]
    origin: Cell<Option<&'static Location<'static>>>,
}

/// Why a borrow was refused: in debug builds, what holds the cell and since
/// where. Zero-sized in release builds.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Blocker {
    #[cfg(debug_assertions)]
    holder: Holder,
    #[cfg(debug_assertions)]
    since: Option<&'static Location<'static>>,
}

/// The kind of borrow that keeps a cell busy.
#[cfg(debug_assertions)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Holder {
    /// One or more `Ref`s.
    Shared,
    /// A `RefMut` (or both halves of a split one).
    Exclusive,
}

impl Blocker {
    /// The kind of borrow that was in the way.
    #[cfg(debug_assertions)]
    pub(crate) fn holder(&self) -> Holder {
        self.holder
    }

    /// Where the conflicting borrow began: always `Some` in debug builds
    /// (by the `origin` invariant), always `None` in release builds.
    #[inline]
    pub(crate) fn since(&self) -> Option<&'static core::panic::Location<'static>> {
        #[cfg(debug_assertions)]
        {
            self.since
        }
        #[cfg(not(debug_assertions))]
        {
            None
        }
    }
}

impl BorrowState {
    /// Describes the borrow that is keeping this cell busy.
    #[inline]
    fn blocker(&self) -> Blocker {
        #[cfg(debug_assertions)]
        {
            let count = self.count.get();
            debug_assert!(count != UNUSED, "a refused borrow on an unused RefCell");
            let since = self.origin.get();
            debug_assert!(since.is_some(), "borrow count {count} without an origin");
            Blocker {
                holder: if count > UNUSED {
                    Holder::Shared
                } else {
                    Holder::Exclusive
                },
                since,
            }
        }
        #[cfg(not(debug_assertions))]
        Blocker {}
    }
}

impl<T> RefCellCore<T> {
    /// A core holding `value`, unborrowed.
    #[inline]
    pub(crate) const fn new(value: T) -> Self {
        RefCellCore {
            state: BorrowState {
                count: Cell::new(UNUSED),
                #[cfg(debug_assertions)]
                origin: Cell::new(None),
            },
            value: UnsafeCell::new(value),
        }
    }

    /// Returns the value. Owning the core proves no guard is alive; a
    /// forgotten guard's count is simply dropped with the cell.
    #[inline]
    pub(crate) fn into_inner(self) -> T {
        self.value.into_inner()
    }
}

impl<T: ?Sized> RefCellCore<T> {
    /// A raw pointer to the value; using it is the caller's business.
    #[inline]
    pub(crate) const fn as_ptr(&self) -> *mut T {
        self.value.get()
    }

    /// The value, through an exclusive borrow of the whole cell.
    ///
    /// This ignores the flag on purpose, as std does: `&mut self` proves that
    /// no guard is alive, even if a forgotten one left the count nonzero.
    #[inline]
    pub(crate) fn get_mut(&mut self) -> &mut T {
        self.value.get_mut()
    }

    /// The value as a `NonNull`, the pointer every guard starts from.
    #[inline]
    fn value_ptr(&self) -> NonNull<T> {
        // SAFETY: `UnsafeCell::get` returns a pointer derived from `&self`,
        // which is never null.
        unsafe { NonNull::new_unchecked(self.value.get()) }
    }

    /// Takes a shared borrow, or says what is in the way.
    #[inline]
    #[cfg_attr(debug_assertions, track_caller)]
    pub(crate) fn try_borrow(&self) -> Result<RefGuard<'_, T>, Blocker> {
        match SharedBorrow::try_new(&self.state) {
            Some(borrow) => Ok(RefGuard {
                value: self.value_ptr(),
                borrow,
            }),
            None => Err(self.state.blocker()),
        }
    }

    /// Takes an exclusive borrow, or says what is in the way.
    #[inline]
    #[cfg_attr(debug_assertions, track_caller)]
    pub(crate) fn try_borrow_mut(&self) -> Result<RefMutGuard<'_, T>, Blocker> {
        match ExclusiveBorrow::try_new(&self.state) {
            Some(borrow) => Ok(RefMutGuard {
                value: self.value_ptr(),
                borrow,
                marker: PhantomData,
            }),
            None => Err(self.state.blocker()),
        }
    }
}

/// One unit of a positive borrow count, given back on drop.
struct SharedBorrow<'b> {
    // INVARIANT: while this token lives, `state.count > 0` and includes it.
    state: &'b BorrowState,
}

impl<'b> SharedBorrow<'b> {
    /// Counts one more shared borrow, unless an exclusive one is live or the
    /// count is at `isize::MAX`.
    #[inline]
    #[cfg_attr(debug_assertions, track_caller)]
    fn try_new(state: &'b BorrowState) -> Option<Self> {
        // Wrapping turns both refusals into one test: a negative count stays
        // non-positive after +1, and `isize::MAX` wraps to `isize::MIN`.
        let count = state.count.get().wrapping_add(1);
        if count <= UNUSED {
            return None;
        }
        state.count.set(count);
        #[cfg(debug_assertions)]
        if count == 1 {
            state.origin.set(Some(Location::caller()));
        }
        Some(SharedBorrow { state })
    }
}

impl Clone for SharedBorrow<'_> {
    /// Counts one more shared borrow of an already shared cell.
    ///
    /// # Panics
    ///
    /// Panics if the count is at `isize::MAX` (only reachable by forgetting
    /// that many guards). Wrapping would make the count look exclusive.
    #[inline]
    fn clone(&self) -> Self {
        let count = self.state.count.get();
        debug_assert!(count > UNUSED, "cloning a shared borrow at count {count}");
        if count == BorrowCount::MAX {
            panic_on_count_limit("too many immutable borrows");
        }
        self.state.count.set(count + 1);
        SharedBorrow { state: self.state }
    }
}

impl Drop for SharedBorrow<'_> {
    #[inline]
    fn drop(&mut self) {
        let count = self.state.count.get();
        debug_assert!(count > UNUSED, "dropping a shared borrow at count {count}");
        self.state.count.set(count - 1);
        #[cfg(debug_assertions)]
        if count == 1 {
            self.state.origin.set(None);
        }
    }
}

/// One unit of a negative borrow count, given back on drop.
struct ExclusiveBorrow<'b> {
    // INVARIANT: while this token lives, `state.count < 0` and includes it.
    state: &'b BorrowState,
}

impl<'b> ExclusiveBorrow<'b> {
    /// Takes the cell from unused to exclusively borrowed, or refuses.
    #[inline]
    #[cfg_attr(debug_assertions, track_caller)]
    fn try_new(state: &'b BorrowState) -> Option<Self> {
        if state.count.get() != UNUSED {
            return None;
        }
        state.count.set(UNUSED - 1);
        #[cfg(debug_assertions)]
        state.origin.set(Some(Location::caller()));
        Some(ExclusiveBorrow { state })
    }

    /// A second exclusive token for the same borrow, for `map_split`.
    ///
    /// Not a `Clone` impl, so it is never called by accident: it is sound
    /// only when the two tokens guard disjoint parts of the value.
    ///
    /// # Panics
    ///
    /// Panics if the count is at `isize::MIN` (only reachable by forgetting
    /// that many split guards).
    #[inline]
    fn split(&self) -> Self {
        let count = self.state.count.get();
        debug_assert!(
            count < UNUSED,
            "splitting an exclusive borrow at count {count}"
        );
        if count == BorrowCount::MIN {
            panic_on_count_limit("too many mutable borrows");
        }
        self.state.count.set(count - 1);
        ExclusiveBorrow { state: self.state }
    }
}

impl Drop for ExclusiveBorrow<'_> {
    #[inline]
    fn drop(&mut self) {
        let count = self.state.count.get();
        debug_assert!(
            count < UNUSED,
            "dropping an exclusive borrow at count {count}"
        );
        self.state.count.set(count + 1);
        #[cfg(debug_assertions)]
        if count == -1 {
            self.state.origin.set(None);
        }
    }
}

/// The panic of a borrow count at the end of its range, out of line.
#[cold]
#[inline(never)]
#[track_caller]
fn panic_on_count_limit(what: &'static str) -> ! {
    panic!("{what}")
}

/// The core of a `Ref`: a pointer to the borrowed data and a shared token.
///
/// `NonNull<T>` rather than `&'b T`: a `&T` function argument is assumed to
/// stay immutable for the whole call, but a `Ref` passed by value may be
/// dropped inside the call, after which a `RefMut` may change the data. A raw
/// pointer makes no such promise. `NonNull` is covariant in `T`, as `&T` is,
/// so `Ref<'b, &'static str>` still coerces to `Ref<'b, &'b str>`.
pub(crate) struct RefGuard<'b, T: ?Sized + 'b> {
    // INVARIANT: valid for shared reads for as long as `borrow` lives
    // (module invariants 1 and 3).
    value: NonNull<T>,
    borrow: SharedBorrow<'b>,
}

impl<'b, T: ?Sized> RefGuard<'b, T> {
    /// The borrowed data.
    #[inline]
    pub(crate) fn get(&self) -> &T {
        // SAFETY:
        // - `value` is non-null, aligned and points to an initialised `T`
        //   for as long as `borrow` lives, which is at least as long as
        //   `&self` (field invariant of `value`, module invariant 3);
        // - no `&mut` to it exists while the shared token lives (module
        //   invariant 1).
        unsafe { self.value.as_ref() }
    }

    /// A guard for a part of the data; the token moves to it.
    #[inline]
    pub(crate) fn map<U: ?Sized, F>(self, f: F) -> RefGuard<'b, U>
    where
        F: FnOnce(&T) -> &U,
    {
        RefGuard {
            value: NonNull::from(f(self.get())),
            borrow: self.borrow,
        }
    }

    /// Like `map`, but the closure may decline; `self` comes back intact.
    #[inline]
    pub(crate) fn filter_map<U: ?Sized, F>(self, f: F) -> Result<RefGuard<'b, U>, Self>
    where
        F: FnOnce(&T) -> Option<&U>,
    {
        match f(self.get()).map(NonNull::from) {
            Some(value) => Ok(RefGuard {
                value,
                borrow: self.borrow,
            }),
            None => Err(self),
        }
    }

    /// Two guards for two parts of the data, each with its own token.
    #[inline]
    pub(crate) fn map_split<U: ?Sized, V: ?Sized, F>(
        self,
        f: F,
    ) -> (RefGuard<'b, U>, RefGuard<'b, V>)
    where
        F: FnOnce(&T) -> (&U, &V),
    {
        let (first, second) = f(self.get());
        let (first, second) = (NonNull::from(first), NonNull::from(second));
        let first = RefGuard {
            value: first,
            borrow: self.borrow.clone(),
        };
        let second = RefGuard {
            value: second,
            borrow: self.borrow,
        };
        (first, second)
    }
}

impl<T: ?Sized> Clone for RefGuard<'_, T> {
    /// Another guard for the same data, counting one more shared borrow.
    #[inline]
    fn clone(&self) -> Self {
        RefGuard {
            value: self.value,
            borrow: self.borrow.clone(),
        }
    }
}

/// The core of a `RefMut`: a pointer to the borrowed data and an exclusive
/// token.
///
/// `NonNull<T>` rather than `&'b mut T` for the reason given on
/// [`RefGuard`]. `NonNull` is covariant in `T`, which is wrong for a mutable
/// borrow: it would let a `RefMut<'b, &'static str>` become a
/// `RefMut<'b, &'b str>` and store a short-lived string where a `'static` one
/// is expected. `PhantomData<&'b mut T>` makes the guard invariant in `T`, as
/// `&'b mut T` is.
pub(crate) struct RefMutGuard<'b, T: ?Sized + 'b> {
    // INVARIANT: valid for reads and writes, and not reachable through any
    // other live guard, for as long as `borrow` lives (module invariants 2
    // and 3).
    value: NonNull<T>,
    borrow: ExclusiveBorrow<'b>,
    marker: PhantomData<&'b mut T>,
}

impl<'b, T: ?Sized> RefMutGuard<'b, T> {
    /// The borrowed data, shared.
    #[inline]
    pub(crate) fn get(&self) -> &T {
        // SAFETY:
        // - `value` is non-null, aligned and points to an initialised `T`
        //   while `borrow` lives (field invariant of `value`);
        // - the exclusive token means no other guard reaches this data, and
        //   the returned `&T` borrows `self`, so `get_mut` cannot run until
        //   it is gone (module invariant 2).
        unsafe { self.value.as_ref() }
    }

    /// The borrowed data, exclusive.
    #[inline]
    pub(crate) fn get_mut(&mut self) -> &mut T {
        // SAFETY:
        // - `value` is non-null, aligned and points to an initialised `T`
        //   while `borrow` lives (field invariant of `value`);
        // - the exclusive token means no other guard reaches this data, and
        //   the returned `&mut T` borrows `self` exclusively, so this guard
        //   hands out no other reference meanwhile (module invariant 2).
        unsafe { self.value.as_mut() }
    }

    /// A guard for a part of the data; the token moves to it.
    #[inline]
    pub(crate) fn map<U: ?Sized, F>(mut self, f: F) -> RefMutGuard<'b, U>
    where
        F: FnOnce(&mut T) -> &mut U,
    {
        RefMutGuard {
            value: NonNull::from(f(self.get_mut())),
            borrow: self.borrow,
            marker: PhantomData,
        }
    }

    /// Like `map`, but the closure may decline; `self` comes back intact.
    #[inline]
    pub(crate) fn filter_map<U: ?Sized, F>(mut self, f: F) -> Result<RefMutGuard<'b, U>, Self>
    where
        F: FnOnce(&mut T) -> Option<&mut U>,
    {
        match f(self.get_mut()).map(NonNull::from) {
            Some(value) => Ok(RefMutGuard {
                value,
                borrow: self.borrow,
                marker: PhantomData,
            }),
            None => Err(self),
        }
    }

    /// Two guards for two disjoint parts of the data.
    ///
    /// The closure's signature proves the parts disjoint: it returns two
    /// `&mut` that both live as long as the one it was given, which the
    /// borrow checker allows only for non-overlapping places.
    #[inline]
    pub(crate) fn map_split<U: ?Sized, V: ?Sized, F>(
        mut self,
        f: F,
    ) -> (RefMutGuard<'b, U>, RefMutGuard<'b, V>)
    where
        F: FnOnce(&mut T) -> (&mut U, &mut V),
    {
        // Split the token first: if `f` panics, both tokens drop while
        // unwinding and the count returns to where it was.
        let first_borrow = self.borrow.split();
        let (first, second) = f(self.get_mut());
        let (first, second) = (NonNull::from(first), NonNull::from(second));
        let first = RefMutGuard {
            value: first,
            borrow: first_borrow,
            marker: PhantomData,
        };
        let second = RefMutGuard {
            value: second,
            borrow: self.borrow,
            marker: PhantomData,
        };
        (first, second)
    }
}

#[cfg(test)]
mod tests;
