//! The unsafe core of [`GenArena<T>`](crate::arena::GenArena): one slot,
//! which either holds a value or links to the next free slot, told apart by
//! a single integer.
//!
//! # Why a union, and why a 64-bit stamp
//!
//! A lookup by key must check two things: that the slot holds a value, and
//! that the value's generation is the key's. A safe `enum` slot checks them
//! one after the other (the enum's tag, then the generation), and `remove`
//! must store a new tag as well as the new generation. Folding both into one
//! integer, the slot's *stamp*, makes a lookup a single compare and a
//! removal two stores, which is how slotmap keeps up with a plain `Vec`.
//!
//! - A slot holding a value has the value's generation as its stamp: a
//!   number from 1 to `u32::MAX`.
//! - An empty slot has a stamp above `u32::MAX`, and in the low 32 bits the
//!   generation its next value will get (0 once the slot is retired: its
//!   last value was issued at `u32::MAX`, and counting on would wrap back
//!   to generations already issued).
//!
//! Emptying a slot is one addition, [`VACATE`] (2³² + 1): it lifts the
//! stamp above `u32::MAX` and moves the low half on to the next
//! generation. For the last generation, `u32::MAX`, the low half carries
//! into the high half and leaves 0: the slot retires by the same addition,
//! with no test. A retired slot is still linked into the free list like any
//! other; the arena drops it from the list when an insert reaches it, so
//! that `remove`, the hotter path, never asks.
//!
//! A key's generation is a `u32`, so it can only ever equal the stamp of a
//! slot holding a value, and `get` is `stamp == key.generation`, nothing
//! more. slotmap gets the same single compare from a 32-bit version whose
//! lowest bit means "occupied", which halves the generations a slot can go
//! through; the extra 32 bits keep every `u32` generation usable. They cost
//! nothing for values aligned to 8 bytes (the 32-bit generation was padded
//! to 8 bytes anyway) and 4 bytes per slot for smaller ones.
//!
//! The slot's content is a `union` of the value and the free-list link, and
//! the stamp says which of the two is live.
//!
//! # Invariants
//!
//! One, stated on the `stamp` field as its `// INVARIANT:`:
//!
//! **The stamp names the live field.** When the stamp is at most
//! `u32::MAX`, `content.value` is initialised, owned by the slot, and was
//! issued under the generation in the stamp (never 0). When it is above,
//! `content.next_free` is initialised and `content.value` is not.
//!
//! Every function below keeps it, and none of them calls user code while it
//! is broken: a value is moved out or in by plain reads and writes, and
//! dropped only once the slot is consistent again.
//!
//! # What the safe layer may rely on
//!
//! [`Slot`] is safe to use in every way its API allows: a value is handed
//! out only for a matching generation, and each value put in is dropped
//! exactly once (by [`Slot`]'s own drop) or handed back by [`Slot::take`].
//! Generations only grow: an empty slot's next generation is above every
//! generation it issued before. The free list itself (which slot links to
//! which) is the safe layer's business; this file only stores the link.
//!
//! # Send and Sync
//!
//! No `unsafe impl`: a union's auto traits come from its fields, so a
//! `Slot<T>` is `Send` when `T` is and `Sync` when `T` is, exactly as an
//! `Option<T>` would be. That is right because a slot owns its value like an
//! `Option` does: moving the slot moves the value, and a `&Slot<T>` gives out
//! nothing but `&T`. The free-list link is a plain `u32`.

use core::fmt;
use core::mem::ManuallyDrop;
use core::num::NonZeroU32;

/// What emptying a slot adds to its stamp; see the [module docs](self).
const VACATE: u64 = (1 << 32) + 1;

/// The lowest stamp an empty slot can have: one above every generation.
const FIRST_EMPTY: u64 = 1 << 32;

/// The stamp of a retired slot: the last generation, emptied. No other
/// stamp has a low half of 0 (a full slot's generation is never 0, and an
/// emptied one is 0 only after `u32::MAX`).
const RETIRED: u64 = u32::MAX as u64 + VACATE;

/// Whether `stamp` is an empty slot's.
#[inline(always)]
const fn is_empty(stamp: u64) -> bool {
    stamp >= FIRST_EMPTY
}

/// One slot of a generational arena; see the [module docs](self).
pub(crate) struct Slot<T> {
    // INVARIANT: at most `u32::MAX`: the (non-zero) generation of the value
    // in `content.value`, which is initialised; above: in the low half, the
    // generation the next value will get (0 if retired), and
    // `content.next_free` is initialised.
    stamp: u64,
    content: Content<T>,
}

/// What a slot holds; `Slot::stamp` says which field is live.
union Content<T> {
    value: ManuallyDrop<T>,
    /// The next slot on the arena's free list.
    next_free: u32,
}

/// A slot seen from outside, for the code paths that need to know more than
/// "does this key match": iteration and error reports.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum SlotState<'a, T> {
    /// Holds `value`, issued under `generation`.
    Occupied {
        generation: NonZeroU32,
        value: &'a T,
    },
    /// Empty and reusable: the next value will get `generation`; keys with
    /// it or a later generation were never issued.
    Vacant { generation: NonZeroU32 },
    /// Empty for good: its value at generation `u32::MAX` was taken out.
    Retired,
}

impl<T> Slot<T> {
    /// A slot holding `value`, issued under `generation`.
    #[inline]
    pub(crate) const fn occupied(generation: NonZeroU32, value: T) -> Self {
        Self {
            stamp: generation.get() as u64,
            content: Content {
                value: ManuallyDrop::new(value),
            },
        }
    }

    /// The generation of the value the slot holds, if it holds one.
    #[inline]
    fn value_generation(&self) -> Option<NonZeroU32> {
        if !is_empty(self.stamp) {
            // A full slot's stamp is a non-zero `u32`.
            NonZeroU32::new(self.stamp as u32)
        } else {
            None
        }
    }

    /// The slot's value, if it holds one issued under `generation`.
    #[inline]
    pub(crate) fn get(&self, generation: NonZeroU32) -> Option<&T> {
        if self.stamp == u64::from(generation.get()) {
            // SAFETY: the stamp equals a `u32`, so the slot is full and
            // `content.value` is initialised (the invariant); the shared
            // borrow of `self` covers it.
            Some(unsafe { &self.content.value })
        } else {
            None
        }
    }

    /// The slot's value, mutably, if it holds one issued under `generation`.
    #[inline]
    pub(crate) fn get_mut(&mut self, generation: NonZeroU32) -> Option<&mut T> {
        if self.stamp == u64::from(generation.get()) {
            // SAFETY: as in `get`, `content.value` is initialised; the
            // exclusive borrow of `self` covers it.
            Some(unsafe { &mut self.content.value })
        } else {
            None
        }
    }

    /// The slot's generation and value, if it holds one.
    #[inline]
    pub(crate) fn occupied_ref(&self) -> Option<(NonZeroU32, &T)> {
        let generation = self.value_generation()?;
        // SAFETY: the slot is full (`value_generation` returned), so
        // `content.value` is initialised.
        Some((generation, unsafe { &self.content.value }))
    }

    /// The slot's generation and value, mutably, if it holds one.
    #[inline]
    pub(crate) fn occupied_mut(&mut self) -> Option<(NonZeroU32, &mut T)> {
        let generation = self.value_generation()?;
        // SAFETY: as in `occupied_ref`; the exclusive borrow of `self`
        // covers the value.
        Some((generation, unsafe { &mut self.content.value }))
    }

    /// What the slot holds, and under which generation.
    #[inline]
    pub(crate) fn state(&self) -> SlotState<'_, T> {
        if let Some((generation, value)) = self.occupied_ref() {
            return SlotState::Occupied { generation, value };
        }
        match NonZeroU32::new(self.stamp as u32) {
            Some(generation) => SlotState::Vacant { generation },
            None => SlotState::Retired,
        }
    }

    /// For a retired slot, its free-list link, which the arena follows to
    /// drop the slot from the list; `None` for any other slot.
    #[inline]
    pub(crate) fn retired_link(&self) -> Option<u32> {
        if self.stamp == RETIRED {
            // SAFETY: the slot is empty, so `content.next_free` is the
            // initialised field (the invariant).
            Some(unsafe { self.content.next_free })
        } else {
            None
        }
    }

    /// Stores `value` in this vacant slot and returns the generation it is
    /// issued under and the slot's old free-list link.
    ///
    /// # Panics
    ///
    /// If the slot is occupied or retired, which means the arena's free list
    /// is corrupt (the arena drops retired slots from it first, see
    /// [`Slot::retired_link`]); `value` is dropped and the slot is left as
    /// it was.
    #[inline]
    pub(crate) fn fill(&mut self, value: T) -> (NonZeroU32, u32) {
        if !is_empty(self.stamp) {
            not_vacant("a slot holding a value was on the free list");
        }
        let Some(generation) = NonZeroU32::new(self.stamp as u32) else {
            not_vacant("a retired slot was filled");
        };
        // SAFETY: the slot is empty, so `content.next_free` is the
        // initialised field (the invariant).
        let next_free = unsafe { self.content.next_free };
        // Assigning to a union field drops nothing.
        self.content.value = ManuallyDrop::new(value);
        self.stamp = u64::from(generation.get());
        (generation, next_free)
    }

    /// Moves the value out if the slot holds one issued under `generation`.
    /// The slot becomes vacant at the next generation, or retired if
    /// `generation` was the last, and links to `next_free` either way.
    #[inline]
    pub(crate) fn take(&mut self, generation: NonZeroU32, next_free: u32) -> Option<T> {
        // The stamp the slot gets once emptied: the next generation, or
        // retired after `u32::MAX` (module docs). Made from the key, before
        // the compare, so that the compiler does not reuse the stamp it
        // loaded for the compare (after it, the two are known equal), and
        // compares the stamp in memory instead: one instruction fewer.
        let vacated = u64::from(generation.get()) + VACATE;
        if self.stamp != u64::from(generation.get()) {
            return None;
        }
        // SAFETY: the stamp equals a `u32`, so the slot is full and
        // `content.value` is the initialised field.
        let slot_value = unsafe { &mut self.content.value };
        // SAFETY: the value is initialised (above) and read out exactly
        // once: the next lines mark the slot empty before anything else can
        // look at it, so it is never read or dropped through the slot again.
        let value = unsafe { ManuallyDrop::take(slot_value) };
        self.content.next_free = next_free;
        self.stamp = vacated;
        debug_assert!(
            is_empty(self.stamp) && self.stamp as u32 == generation.get().wrapping_add(1),
            "generation {generation} emptied to stamp {:#x}",
            self.stamp
        );
        Some(value)
    }

    /// Points this vacant slot's free-list link at `next_free`; returns
    /// `false` (and changes nothing) if the slot is occupied or retired.
    #[inline]
    pub(crate) fn relink(&mut self, next_free: u32) -> bool {
        if !is_empty(self.stamp) || self.stamp as u32 == 0 {
            return false;
        }
        // Assigning to a union field is safe: it drops nothing, and
        // `next_free` is the live field of an empty slot.
        self.content.next_free = next_free;
        true
    }

    /// Sets the generation of the slot's value (or of its next value, if it
    /// is vacant), so tests can reach the end of the generations without
    /// 2³² removals.
    #[cfg(test)]
    pub(crate) fn set_generation(&mut self, to: NonZeroU32) {
        if is_empty(self.stamp) {
            assert!(self.stamp as u32 != 0, "the slot is retired");
            self.stamp = FIRST_EMPTY | u64::from(to.get());
        } else {
            self.stamp = u64::from(to.get());
        }
    }
}

/// The panic of [`Slot::fill`] on a slot that is not vacant, kept out of
/// line so that `insert` stays small enough to inline.
#[cold]
#[inline(never)]
#[track_caller]
fn not_vacant(what: &str) -> ! {
    panic!("{what}")
}

impl<T> Drop for Slot<T> {
    #[inline]
    fn drop(&mut self) {
        if !is_empty(self.stamp) {
            // SAFETY: the slot is full, so `content.value` is the
            // initialised field.
            let value = unsafe { &mut self.content.value };
            // SAFETY: the value is initialised and owned by the slot, and the
            // slot is being dropped, so nothing reads the value after this.
            unsafe { ManuallyDrop::drop(value) }
        }
    }
}

impl<T: Clone> Clone for Slot<T> {
    fn clone(&self) -> Self {
        if let Some((generation, value)) = self.occupied_ref() {
            return Self::occupied(generation, value.clone());
        }
        // SAFETY: the slot is empty (`occupied_ref` returned `None`), so
        // `content.next_free` is the initialised field.
        let next_free = unsafe { self.content.next_free };
        Self {
            stamp: self.stamp,
            content: Content { next_free },
        }
    }
}

impl<T> fmt::Debug for Slot<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Only the shape: iterators print without requiring `T: Debug`.
        match self.state() {
            SlotState::Occupied { generation, .. } => write!(f, "Occupied(v{generation})"),
            SlotState::Vacant { generation } => write!(f, "Vacant(v{generation})"),
            SlotState::Retired => f.write_str("Retired"),
        }
    }
}

#[cfg(test)]
mod tests;
