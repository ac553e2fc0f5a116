//! [`GenArena<T>`]: values in slots, named by [`Key`]s that go stale when
//! their value is removed.
//!
//! The arena owns its values and drops each exactly once (on `clear` or its
//! own drop, unless `remove` handed it back to the caller first); keys are
//! plain numbers that own nothing. Who owns what, how stale keys are
//! caught, what happens when a generation would wrap and what a key from
//! another arena does are documented on [`GenArena`] itself, where readers
//! of the rendered docs find them.
//!
//! # Where the unsafe code is
//!
//! Everything here is safe code: a `Vec` of slots and a free list threaded
//! through the empty ones. The one unsafe piece is the slot itself
//! ([`crate::raw::gen_slot::Slot`]): a `union` of a value and a free-list
//! link, with one 64-bit stamp that says both whether the slot is occupied
//! and at which generation, so that a lookup is a single compare. It lives
//! in the crate's `raw` module with the rest of the unsafe code.

use alloc_crate::vec::Vec;
use core::alloc::Layout;
use core::fmt;
use core::iter::{Enumerate, FusedIterator};
use core::num::NonZeroU32;
use core::ops::{Index, IndexMut};
use core::slice;

use crate::observe::{self, Block, PointerInfo, PointerKind, address_of};
use crate::raw::arena::FreedMarker;
use crate::raw::gen_slot::{Slot, SlotState};

/// The names a [`GenArena`] hands out: a slot index and that slot's
/// generation.
///
/// A key is `Copy`, 8 bytes, and `Option<Key>` is 8 bytes too (the
/// generation is never zero). It displays as `{index}v{generation}`, the
/// same in `Debug` and `Display`, so `3v2` is slot 3 at generation 2. Keys
/// order by index, then generation.
///
/// ```
/// use ownkit::arena::GenArena;
///
/// let mut arena = GenArena::new();
/// let key = arena.insert('x');
/// assert_eq!((key.index(), key.generation().get()), (0, 1));
/// assert_eq!(key.to_string(), "0v1");
/// assert_eq!(format!("{key:?}"), "0v1");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    index: u32,
    generation: NonZeroU32,
}

impl Key {
    /// The index of the slot this key names.
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// arena.insert("first");
    /// assert_eq!(arena.insert("second").index(), 1);
    /// ```
    #[inline]
    #[must_use]
    pub const fn index(self) -> u32 {
        self.index
    }

    /// The generation the slot had when this key was issued.
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// let first = arena.insert("first");
    /// arena.remove(first);
    /// assert_eq!(arena.insert("second").generation().get(), 2);
    /// ```
    #[inline]
    #[must_use]
    pub const fn generation(self) -> NonZeroU32 {
        self.generation
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}v{}", self.index, self.generation)
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Why a [`Key`] found no value: returned by [`GenArena::try_get`] and
/// [`GenArena::try_get_mut`].
///
/// Its `Display` names the key and what happened to its slot, for example
/// `key 3v2: slot 3 was freed (now at generation 4)`.
///
/// ```
/// use ownkit::arena::{GenArena, KeyErrorKind};
///
/// let mut arena = GenArena::new();
/// let key = arena.insert(1);
/// arena.remove(key);
///
/// let error = arena.try_get(key).unwrap_err();
/// assert_eq!(error.key(), key);
/// assert_eq!(error.kind(), KeyErrorKind::Freed { generation: key.generation().checked_add(1).unwrap() });
/// assert_eq!(error.to_string(), "key 0v1: slot 0 was freed (now at generation 2)");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyError {
    key: Key,
    kind: KeyErrorKind,
}

/// What happened to the slot of a [`Key`] that found no value; see
/// [`KeyError::kind`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyErrorKind {
    /// The key's value was removed and the slot is empty; the slot is now at
    /// `generation`, the generation its next value will get.
    Freed {
        /// The slot's current generation.
        generation: NonZeroU32,
    },
    /// The key's value was removed and another value now lives in the slot,
    /// under the key with this `generation`.
    Reused {
        /// The generation of the slot's current value.
        generation: NonZeroU32,
    },
    /// The key's value was removed and the slot's generation had reached
    /// `u32::MAX`, so the slot was retired and will never hold a value
    /// again.
    Retired,
    /// The slot exists but has never reached the key's generation (it is at
    /// `generation`), so this arena did not issue the key: it comes from
    /// another arena.
    NotIssued {
        /// The slot's current generation.
        generation: NonZeroU32,
    },
    /// The key's index is past the end of the arena, which has only `slots`
    /// slots; this arena did not issue the key.
    OutOfRange {
        /// How many slots the arena has.
        slots: u32,
    },
}

impl KeyError {
    /// The key that found no value.
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// let key = arena.insert(());
    /// arena.clear();
    /// assert_eq!(arena.try_get(key).unwrap_err().key(), key);
    /// ```
    #[inline]
    #[must_use]
    pub const fn key(&self) -> Key {
        self.key
    }

    /// What happened to the key's slot.
    ///
    /// ```
    /// use ownkit::arena::{GenArena, KeyErrorKind};
    ///
    /// let mut big = GenArena::new();
    /// let far = (0..5).map(|n| big.insert(n)).last().unwrap();
    /// let small: GenArena<i32> = GenArena::new();
    /// assert_eq!(small.try_get(far).unwrap_err().kind(), KeyErrorKind::OutOfRange { slots: 0 });
    /// ```
    #[inline]
    #[must_use]
    pub const fn kind(&self) -> KeyErrorKind {
        self.kind
    }
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let key = self.key;
        let index = key.index;
        match self.kind {
            KeyErrorKind::Freed { generation } => {
                write!(
                    f,
                    "key {key}: slot {index} was freed (now at generation {generation})"
                )
            }
            KeyErrorKind::Reused { generation } => {
                let current = Key { index, generation };
                write!(
                    f,
                    "key {key}: slot {index} was freed and reused by {current}"
                )
            }
            KeyErrorKind::Retired => write!(
                f,
                "key {key}: slot {index} was freed and retired (its generation ran out)"
            ),
            KeyErrorKind::NotIssued { generation } => write!(
                f,
                "key {key}: not issued by this arena (slot {index} is only at generation {generation})"
            ),
            KeyErrorKind::OutOfRange { slots } => {
                let plural = if slots == 1 { "" } else { "s" };
                write!(
                    f,
                    "key {key}: out of range (the arena has {slots} slot{plural})"
                )
            }
        }
    }
}

impl core::error::Error for KeyError {}

/// Marks the end of the free list, and is why a slot index never reaches
/// `u32::MAX`.
const NO_FREE_SLOT: u32 = u32::MAX;

/// The most slots an arena can have: every index below [`NO_FREE_SLOT`].
const MAX_SLOTS: usize = NO_FREE_SLOT as usize;

/// The generation every slot starts at.
const FIRST_GENERATION: NonZeroU32 = NonZeroU32::MIN;

/// An arena of `T`s addressed by generational [`Key`]s: a key whose value
/// was removed stops working, even after its slot is reused.
///
/// ```
/// use ownkit::arena::GenArena;
///
/// let mut arena = GenArena::new();
/// let a = arena.insert(String::from("a"));
/// let b = arena.insert(String::from("b"));
/// arena[b].push('!');
/// assert_eq!(arena.remove(a).as_deref(), Some("a"));
/// assert!(!arena.contains(a));
/// assert_eq!(arena.get(b).map(String::as_str), Some("b!"));
/// assert_eq!(arena.len(), 1);
/// ```
///
/// # Ownership
///
/// The arena owns every value inserted into it, and drops each exactly
/// once: when [`clear`](GenArena::clear) empties the arena, or when the
/// arena itself is dropped. [`remove`](GenArena::remove) instead hands the
/// value back, and the caller owns it from then on. A [`Key`] owns nothing: it is a plain `Copy`
/// pair of numbers, a slot index and that slot's generation, and holding one
/// keeps nothing alive.
///
/// # How a stale key is caught
///
/// Every slot carries a generation. A key names a slot *and* the generation
/// the slot had when the key was issued. Removing a value bumps its slot's
/// generation, so every key issued for that value stops matching, and the
/// next value stored in the slot gets a key with the new generation. A key
/// that outlived its value is therefore refused (`None` from
/// [`get`](GenArena::get), an explanation from
/// [`try_get`](GenArena::try_get)) instead of reaching whatever moved in
/// after it: the use-after-free becomes an ordinary, reported error.
///
/// ```
/// use ownkit::arena::GenArena;
///
/// let mut arena = GenArena::new();
/// let alice = arena.insert("alice");
/// arena.remove(alice);
/// let bob = arena.insert("bob"); // reuses alice's slot
/// assert_eq!(bob.index(), alice.index());
///
/// assert_eq!(arena.get(alice), None);
/// assert_eq!(
///     arena.try_get(alice).unwrap_err().to_string(),
///     "key 0v1: slot 0 was freed and reused by 0v2",
/// );
/// ```
///
/// # When a generation runs out
///
/// Generations are 32-bit. A slot whose generation would wrap past
/// `u32::MAX` is *retired*: it is never handed out again, so no key can ever
/// come back to life by wrapping around. That costs one slot (one value's
/// worth of memory) per 2³² reuses of the same slot, which is nothing in
/// practice, and buys the guarantee that every key the arena ever issues is
/// different from every other.
///
/// # Memory
///
/// Each slot is an 8-byte stamp (the generation, and whether the slot is
/// occupied) followed by the value, or by the 4-byte free-list link when it
/// is empty, rounded up to a multiple of 8 bytes: 16 bytes for a `u64`, a
/// pointer or anything smaller. That is slotmap's size for 8-byte values
/// and 8 bytes more for values of 4 bytes or less, the price of keeping
/// all 2³² generations (see the `raw::gen_slot` module). A removed value's
/// slot stays allocated and is reused by the next insert; the arena's
/// buffer only grows, like a `Vec`'s.
///
/// # Drop tracing
///
/// While a [drop trace](crate::trace) is captured, dropping the arena
/// records it as a frame labelled `GenArena<T>`: its values in slot order,
/// then the slot buffer's `freed` line. Inside a traced value, the walk
/// announces each occupied slot, so the values get exact paths (`[0]`,
/// `[2]`: a removed slot's index is skipped, not reused). An arena dropped
/// on its own (a local) has nobody to announce its values; they show up as
/// `[?]`, marked uncertain. When nothing is captured, the drop costs one
/// relaxed load and a branch more than the slots' own drop.
///
/// ```
/// use ownkit::arena::GenArena;
///
/// let mut arena = GenArena::with_capacity(2);
/// arena.insert(1_u64);
/// let report = ownkit::trace::capture(|| drop(arena));
/// report.assert_tree(
///     "
///     GenArena<u64>
///     └── freed 32 bytes (align 8)
///     ",
/// );
/// ```
///
/// # Keys from another arena
///
/// A key is 8 bytes (and so is `Option<Key>`), which leaves no room for the
/// identity of the arena that issued it. Every arena numbers its slots from 0
/// and starts each slot at generation 1, so the first key of one arena is
/// the same pair of numbers as the first key of another, and looking it up
/// in the wrong arena finds that arena's value. What the arena *can* tell is
/// a key that it could not have issued: one past the end of its slots, or
/// with a generation its slot has never reached. Those are refused and
/// reported as such ([`KeyErrorKind::OutOfRange`],
/// [`KeyErrorKind::NotIssued`]).
///
/// ```
/// use ownkit::arena::{GenArena, KeyErrorKind};
///
/// let mut people = GenArena::new();
/// let mut cities = GenArena::new();
/// let alice = people.insert("alice");
/// cities.insert("paris");
///
/// // Same numbers, wrong arena: not detectable, and not an error.
/// assert_eq!(cities.get(alice), Some(&"paris"));
///
/// // A generation this arena never issued is detected.
/// people.remove(alice);
/// let carol = people.insert("carol"); // 0v2
/// assert!(matches!(
///     cities.try_get(carol).unwrap_err().kind(),
///     KeyErrorKind::NotIssued { .. },
/// ));
/// ```
///
/// Starting each arena at a different generation (from a global counter)
/// would turn most such mix-ups into errors, but it would also make key
/// values depend on how many arenas other threads happened to create
/// first, so the same program would print different keys from run to run.
/// ownkit keeps keys deterministic. If a program juggles several arenas,
/// wrap each arena's keys in a newtype of their own so the compiler keeps
/// them apart.
///
#[derive(Clone)]
pub struct GenArena<T> {
    // INVARIANT: `slots.len() <= MAX_SLOTS`, so every index fits in a `u32`
    // below `NO_FREE_SLOT` (checked in `insert`).
    slots: Vec<Slot<T>>,
    // INVARIANT: the first slot of the free list (vacant or retired, see
    // `insert`), or `NO_FREE_SLOT` if there is none.
    free_head: u32,
    // INVARIANT: the number of occupied slots in `slots`.
    len: usize,
}

impl<T> GenArena<T> {
    /// An empty arena. It does not allocate until the first insert.
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let arena: GenArena<u8> = GenArena::new();
    /// assert!(arena.is_empty());
    /// assert_eq!(arena.capacity(), 0);
    /// ```
    #[inline]
    #[must_use]
    pub const fn new() -> Self {
        Self {
            slots: Vec::new(),
            free_head: NO_FREE_SLOT,
            len: 0,
        }
    }

    /// An empty arena with room for at least `capacity` values before it
    /// reallocates.
    ///
    /// # Panics
    ///
    /// Panics if the allocation fails or its size overflows `isize::MAX`
    /// bytes, like `Vec::with_capacity`.
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let arena: GenArena<u64> = GenArena::with_capacity(10);
    /// assert!(arena.capacity() >= 10);
    /// ```
    #[inline]
    #[must_use]
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            slots: Vec::with_capacity(capacity),
            free_head: NO_FREE_SLOT,
            len: 0,
        }
    }

    /// How many values the arena can hold without reallocating.
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::with_capacity(4);
    /// arena.insert(1);
    /// assert!(arena.capacity() >= 4);
    /// ```
    #[inline]
    #[must_use]
    pub fn capacity(&self) -> usize {
        self.slots.capacity()
    }

    /// How many values the arena holds.
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// let key = arena.insert('a');
    /// arena.insert('b');
    /// arena.remove(key);
    /// assert_eq!(arena.len(), 1);
    /// ```
    #[inline]
    #[must_use]
    pub const fn len(&self) -> usize {
        self.len
    }

    /// Whether the arena holds no values.
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// assert!(arena.is_empty());
    /// arena.insert(());
    /// assert!(!arena.is_empty());
    /// ```
    #[inline]
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Stores `value` and returns its key.
    ///
    /// The most recently freed slot is reused first; its key has a newer
    /// generation than any key issued for that slot before, so old keys
    /// stay stale.
    ///
    /// # Panics
    ///
    /// Panics if the arena already has `u32::MAX` slots (indices must fit
    /// in a key) and none of them is free.
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// let old = arena.insert("old");
    /// arena.remove(old);
    /// let new = arena.insert("new");
    /// assert_eq!((new.index(), new.generation().get()), (0, 2));
    /// assert_eq!(arena.get(old), None);
    /// ```
    // Always inlined: with its cold call out, the compiler would no longer
    // inline it on its own, and a call costs more than the insert itself.
    #[inline(always)]
    pub fn insert(&mut self, value: T) -> Key {
        let index = self.free_head;
        let Some(slot) = self.slots.get_mut(index as usize) else {
            return self.push_slot(value);
        };
        // A slot whose generations ran out leaves the free list here, so
        // that `remove` never has to ask (see `raw/gen_slot.rs`).
        if slot.retired_link().is_some() {
            return self.insert_past_retired(value);
        }
        let (generation, next_free) = slot.fill(value);
        self.free_head = next_free;
        self.len += 1;
        Key { index, generation }
    }

    /// [`insert`](Self::insert) when the free list starts with retired
    /// slots: drops them from the list, then inserts. Out of line: a slot
    /// retires after 2³² values at most.
    #[cold]
    #[inline(never)]
    fn insert_past_retired(&mut self, value: T) -> Key {
        while let Some(next_free) = self
            .slots
            .get(self.free_head as usize)
            .and_then(Slot::retired_link)
        {
            self.free_head = next_free;
        }
        let index = self.free_head;
        match self.slots.get_mut(index as usize) {
            Some(slot) => {
                let (generation, next_free) = slot.fill(value);
                self.free_head = next_free;
                self.len += 1;
                Key { index, generation }
            }
            None => self.push_slot(value),
        }
    }

    /// [`insert`](Self::insert) when no slot is free: a new slot at the end.
    #[inline]
    fn push_slot(&mut self, value: T) -> Key {
        let index = self.slots.len();
        if index >= MAX_SLOTS {
            full(index);
        }
        let generation = FIRST_GENERATION;
        self.slots.push(Slot::occupied(generation, value));
        self.len += 1;
        Key {
            index: index as u32,
            generation,
        }
    }

    /// The value of `key`, or `None` if the key is stale (its value was
    /// removed) or was not issued by this arena.
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// let key = arena.insert(7);
    /// assert_eq!(arena.get(key), Some(&7));
    /// arena.remove(key);
    /// assert_eq!(arena.get(key), None);
    /// ```
    #[inline]
    #[must_use]
    pub fn get(&self, key: Key) -> Option<&T> {
        self.slots.get(key.index as usize)?.get(key.generation)
    }

    /// The value of `key`, mutably, or `None` if the key is stale or was not
    /// issued by this arena.
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// let key = arena.insert(7);
    /// *arena.get_mut(key).unwrap() += 1;
    /// assert_eq!(arena[key], 8);
    /// ```
    #[inline]
    #[must_use]
    pub fn get_mut(&mut self, key: Key) -> Option<&mut T> {
        self.slots
            .get_mut(key.index as usize)?
            .get_mut(key.generation)
    }

    /// The value of `key`, or a [`KeyError`] that says why there is none.
    ///
    /// # Errors
    ///
    /// Fails if the key's value was removed (its slot freed, reused or
    /// retired), or if this arena did not issue the key; see
    /// [`KeyErrorKind`].
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// let key = arena.insert("value");
    /// assert_eq!(arena.try_get(key), Ok(&"value"));
    /// arena.remove(key);
    /// assert_eq!(
    ///     arena.try_get(key).unwrap_err().to_string(),
    ///     "key 0v1: slot 0 was freed (now at generation 2)",
    /// );
    /// ```
    #[inline]
    pub fn try_get(&self, key: Key) -> Result<&T, KeyError> {
        match self.get(key) {
            Some(value) => Ok(value),
            None => Err(self.key_error(key)),
        }
    }

    /// The value of `key`, mutably, or a [`KeyError`] that says why there is
    /// none.
    ///
    /// # Errors
    ///
    /// Fails if the key's value was removed (its slot freed, reused or
    /// retired), or if this arena did not issue the key; see
    /// [`KeyErrorKind`].
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// let old = arena.insert(1);
    /// arena.remove(old);
    /// arena.insert(2);
    /// assert_eq!(
    ///     arena.try_get_mut(old).unwrap_err().to_string(),
    ///     "key 0v1: slot 0 was freed and reused by 0v2",
    /// );
    /// ```
    #[inline]
    pub fn try_get_mut(&mut self, key: Key) -> Result<&mut T, KeyError> {
        // Checked first and then looked up again: returning the borrow from
        // a `match` on `get_mut` would keep `self` borrowed in the error arm.
        if self.get(key).is_none() {
            return Err(self.key_error(key));
        }
        match self.get_mut(key) {
            Some(value) => Ok(value),
            None => unreachable!("key {key} was just found"),
        }
    }

    /// Explains why `key` found no value. Out of line: only the error path
    /// pays for it.
    #[cold]
    #[inline(never)]
    fn key_error(&self, key: Key) -> KeyError {
        let kind = match self.slots.get(key.index as usize).map(Slot::state) {
            None => KeyErrorKind::OutOfRange {
                slots: self.slots.len() as u32,
            },
            Some(SlotState::Occupied { generation, .. }) => {
                if key.generation < generation {
                    KeyErrorKind::Reused { generation }
                } else {
                    debug_assert!(
                        key.generation != generation,
                        "key {key} matches its slot yet was refused"
                    );
                    KeyErrorKind::NotIssued { generation }
                }
            }
            Some(SlotState::Vacant { generation }) => {
                if key.generation < generation {
                    KeyErrorKind::Freed { generation }
                } else {
                    KeyErrorKind::NotIssued { generation }
                }
            }
            Some(SlotState::Retired) => KeyErrorKind::Retired,
        };
        KeyError { key, kind }
    }

    /// Whether `key` names a value in this arena.
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// let key = arena.insert(0.5);
    /// assert!(arena.contains(key));
    /// arena.remove(key);
    /// assert!(!arena.contains(key));
    /// ```
    #[inline]
    #[must_use]
    pub fn contains(&self, key: Key) -> bool {
        self.get(key).is_some()
    }

    /// Takes the value of `key` out of the arena and returns it, or returns
    /// `None` (and changes nothing) if the key is stale or was not issued by
    /// this arena.
    ///
    /// The slot's generation is bumped, so every copy of `key` is stale from
    /// now on, and the slot is reused by a later insert (or retired, if its
    /// generation would wrap; see [when a generation runs out](GenArena#when-a-generation-runs-out)).
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// let key = arena.insert(String::from("owned"));
    /// let value: String = arena.remove(key).unwrap();
    /// assert_eq!(value, "owned");
    /// assert_eq!(arena.remove(key), None);
    /// ```
    #[inline]
    pub fn remove(&mut self, key: Key) -> Option<T> {
        let slot = self.slots.get_mut(key.index as usize)?;
        let value = slot.take(key.generation, self.free_head)?;
        // A retired slot joins the free list too, and leaves it again when
        // `insert` reaches it.
        self.free_head = key.index;
        self.len -= 1;
        Some(value)
    }

    /// Drops every value, keeping the slots so that every key issued so far
    /// stays stale: each occupied slot's generation is bumped as if its
    /// value had been removed. Later inserts reuse the slots from index 0 up.
    ///
    /// If a value's `drop` panics, the values not yet dropped stay in the
    /// arena (and are dropped with it), and the arena stays consistent.
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// let old = arena.insert('a');
    /// arena.insert('b');
    /// arena.clear();
    /// assert!(arena.is_empty());
    /// assert_eq!(arena.get(old), None);
    /// let new = arena.insert('c');
    /// assert_eq!(new.to_string(), "0v2");
    /// ```
    pub fn clear(&mut self) {
        // From the top down, each value is unlinked before it is dropped, so
        // a panicking drop leaves a consistent arena behind.
        for index in (0..self.slots.len()).rev() {
            drop(self.take_at(index));
        }
        debug_assert_eq!(self.len, 0, "values left after clear");
        self.relink_free_list_in_index_order();
    }

    /// Keeps only the values for which `keep` returns `true`, visiting them
    /// in slot order; the others are removed (their keys go stale) and
    /// dropped.
    ///
    /// If `keep` or a value's `drop` panics, the values visited so far stay
    /// removed, the rest stay in the arena, and the arena stays consistent.
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// let keys: Vec<_> = (1..=6).map(|n| arena.insert(n)).collect();
    /// arena.retain(|_, n| *n % 2 == 0);
    /// assert_eq!(arena.values().copied().collect::<Vec<_>>(), [2, 4, 6]);
    /// assert_eq!(arena.get(keys[0]), None);
    /// assert_eq!(arena.get(keys[1]), Some(&2));
    /// ```
    pub fn retain(&mut self, mut keep: impl FnMut(Key, &mut T) -> bool) {
        for index in 0..self.slots.len() {
            let Some((generation, value)) = self.slots[index].occupied_mut() else {
                continue;
            };
            let key = Key {
                index: index as u32,
                generation,
            };
            if !keep(key, value) {
                drop(self.take_at(index));
            }
        }
    }

    /// Removes every value, handing each to the caller with its key, in
    /// slot order. Like [`clear`](Self::clear), it leaves every key stale
    /// and the slots ready for reuse from index 0 up.
    ///
    /// Dropping the iterator early removes (and drops) the values it did
    /// not hand out; leaking it (`mem::forget`) leaves them in the arena.
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// let a = arena.insert("a");
    /// let b = arena.insert("b");
    /// let drained: Vec<_> = arena.drain().collect();
    /// assert_eq!(drained, [(a, "a"), (b, "b")]);
    /// assert!(arena.is_empty());
    /// assert_eq!(arena.get(a), None);
    /// ```
    pub fn drain(&mut self) -> Drain<'_, T> {
        Drain {
            arena: self,
            next_index: 0,
        }
    }

    /// Removes the value in slot `index`, if there is one, and returns it
    /// with its key; the slot goes on the free list (a retired one too, see
    /// `insert`).
    fn take_at(&mut self, index: usize) -> Option<(Key, T)> {
        let slot = self.slots.get_mut(index)?;
        let (generation, _) = slot.occupied_ref()?;
        let Some(value) = slot.take(generation, self.free_head) else {
            unreachable!("slot {index} was occupied a moment ago");
        };
        self.free_head = index as u32;
        self.len -= 1;
        let key = Key {
            index: index as u32,
            generation,
        };
        Some((key, value))
    }

    /// Relinks the free list in index order, so inserts after the arena was
    /// emptied fill it from the start whatever order it was emptied in.
    fn relink_free_list_in_index_order(&mut self) {
        let mut next = NO_FREE_SLOT;
        for (index, slot) in self.slots.iter_mut().enumerate().rev() {
            if slot.relink(next) {
                next = index as u32;
            }
        }
        self.free_head = next;
    }

    /// The keys, in slot order.
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// let a = arena.insert('a');
    /// let b = arena.insert('b');
    /// assert_eq!(arena.keys().collect::<Vec<_>>(), [a, b]);
    /// ```
    #[inline]
    pub fn keys(&self) -> Keys<'_, T> {
        Keys(self.iter())
    }

    /// The values, in slot order.
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// arena.insert(1);
    /// arena.insert(2);
    /// assert_eq!(arena.values().sum::<i32>(), 3);
    /// ```
    #[inline]
    pub fn values(&self) -> Values<'_, T> {
        Values(self.iter())
    }

    /// The values, mutably, in slot order.
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// let key = arena.insert(1);
    /// arena.values_mut().for_each(|n| *n += 1);
    /// assert_eq!(arena[key], 2);
    /// ```
    #[inline]
    pub fn values_mut(&mut self) -> ValuesMut<'_, T> {
        ValuesMut(self.iter_mut())
    }

    /// The keys and values, in slot order (by key index).
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// let a = arena.insert('a');
    /// let b = arena.insert('b');
    /// let c = arena.insert('c');
    /// arena.remove(b);
    /// let d = arena.insert('d'); // in b's old slot, between a and c
    /// let pairs: Vec<_> = arena.iter().collect();
    /// assert_eq!(pairs, [(a, &'a'), (d, &'d'), (c, &'c')]);
    /// ```
    #[inline]
    pub fn iter(&self) -> GenIter<'_, T> {
        GenIter {
            slots: self.slots.iter().enumerate(),
            remaining: self.len,
        }
    }

    /// The keys and values, in slot order, with the values mutable.
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// let key = arena.insert(1);
    /// arena.insert(2);
    /// for (_, value) in arena.iter_mut() {
    ///     *value *= 10;
    /// }
    /// assert_eq!(arena[key], 10);
    /// ```
    #[inline]
    pub fn iter_mut(&mut self) -> GenIterMut<'_, T> {
        GenIterMut {
            slots: self.slots.iter_mut().enumerate(),
            remaining: self.len,
        }
    }

    #[cfg(test)]
    fn set_generation(&mut self, index: u32, to: NonZeroU32) {
        self.slots[index as usize].set_generation(to);
    }
}

/// The panic of [`GenArena::insert`] when every index is taken, kept out of
/// line so that `insert` stays small.
#[cold]
#[inline(never)]
#[track_caller]
fn full(slots: usize) -> ! {
    panic!("GenArena is full: it has {slots} slots, the most a key can index")
}

impl<T> GenArena<T> {
    /// What the arena tells a drop trace about itself: its own address (the
    /// one its drop records), the slot buffer as its target and block.
    pub(crate) fn pointer_info(&self) -> PointerInfo {
        let block = Layout::array::<Slot<T>>(self.slots.capacity())
            .ok()
            .filter(|layout| layout.size() != 0)
            .map(|layout| Block {
                address: self.slots.as_ptr().addr(),
                size: layout.size(),
                align: layout.align(),
            });
        PointerInfo {
            kind: PointerKind::GenArena,
            address: address_of(self),
            block,
            target: block.map_or(0, |block| block.address),
            target_type: core::any::type_name::<T>(),
            strong: 1,
            weak: 0,
        }
    }

    /// `drop` while someone observes: the same drops, framed by the reports
    /// that the arena's drop begins and ends, with the slot buffer's free
    /// reported after the values and before the buffer goes.
    #[cold]
    #[inline(never)]
    fn drop_observed(&mut self) {
        // Dropped last, also while unwinding from a panicking value, so the
        // end is always reported.
        let _ends = observe::drop_begins(&self.pointer_info());
        // Dropped before `_ends`, after the values (also while unwinding);
        // the buffer itself is freed by `slots`' drop glue once this
        // function returns.
        let _freed = FreedMarker::buffer_of(&self.slots);
        // Each value in slot order, exactly as `slots`' drop glue would:
        // `clear` drops the elements in place, front to back, and goes on
        // past a panicking one. The arena's other fields are not used again.
        self.slots.clear();
    }
}

/// Drops every value in slot order, then frees the slot buffer.
///
/// When nobody observes this is one relaxed load and a branch,
/// then the fields' own drop glue, as if there were no `Drop` impl. The impl
/// changes nothing for drop check: `Slot<T>` already has a generic `Drop`
/// impl, so the compiler already assumed that dropping a `GenArena<T>` may
/// use its `T`s (every test and doctest that compiled before still does).
impl<T> Drop for GenArena<T> {
    #[inline]
    fn drop(&mut self) {
        if observe::observing() {
            self.drop_observed();
        }
    }
}

impl<T> Default for GenArena<T> {
    /// An empty arena, as [`GenArena::new`].
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let arena: GenArena<String> = Default::default();
    /// assert!(arena.is_empty());
    /// ```
    #[inline]
    fn default() -> Self {
        Self::new()
    }
}

impl<T: fmt::Debug> fmt::Debug for GenArena<T> {
    /// The keys and values as a map, in slot order.
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// arena.insert("a");
    /// arena.insert("b");
    /// assert_eq!(format!("{arena:?}"), r#"{0v1: "a", 1v1: "b"}"#);
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<T> Index<Key> for GenArena<T> {
    type Output = T;

    /// The value of `key`.
    ///
    /// # Panics
    ///
    /// Panics with the [`KeyError`] message if the key finds no value.
    ///
    /// ```should_panic
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// let key = arena.insert(1);
    /// assert_eq!(arena[key], 1);
    /// arena.remove(key);
    /// let _ = arena[key];
    /// ```
    #[inline]
    #[track_caller]
    fn index(&self, key: Key) -> &T {
        match self.try_get(key) {
            Ok(value) => value,
            Err(error) => panic!("{error}"),
        }
    }
}

impl<T> IndexMut<Key> for GenArena<T> {
    /// The value of `key`, mutably.
    ///
    /// # Panics
    ///
    /// Panics with the [`KeyError`] message if the key finds no value.
    ///
    /// ```
    /// use ownkit::arena::GenArena;
    ///
    /// let mut arena = GenArena::new();
    /// let key = arena.insert(1);
    /// arena[key] += 1;
    /// assert_eq!(arena[key], 2);
    /// ```
    #[inline]
    #[track_caller]
    fn index_mut(&mut self, key: Key) -> &mut T {
        match self.try_get_mut(key) {
            Ok(value) => value,
            Err(error) => panic!("{error}"),
        }
    }
}

impl<'a, T> IntoIterator for &'a GenArena<T> {
    type Item = (Key, &'a T);
    type IntoIter = GenIter<'a, T>;

    #[inline]
    fn into_iter(self) -> GenIter<'a, T> {
        self.iter()
    }
}

impl<'a, T> IntoIterator for &'a mut GenArena<T> {
    type Item = (Key, &'a mut T);
    type IntoIter = GenIterMut<'a, T>;

    #[inline]
    fn into_iter(self) -> GenIterMut<'a, T> {
        self.iter_mut()
    }
}

/// The keys and values of a [`GenArena`], in slot order: see
/// [`GenArena::iter`].
#[derive(Clone, Debug)]
pub struct GenIter<'a, T> {
    slots: Enumerate<slice::Iter<'a, Slot<T>>>,
    // INVARIANT: the number of occupied slots `slots` has left.
    remaining: usize,
}

impl<'a, T> Iterator for GenIter<'a, T> {
    type Item = (Key, &'a T);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        for (index, slot) in self.slots.by_ref() {
            if let Some((generation, value)) = slot.occupied_ref() {
                self.remaining -= 1;
                let key = Key {
                    index: index as u32,
                    generation,
                };
                return Some((key, value));
            }
        }
        None
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl<T> DoubleEndedIterator for GenIter<'_, T> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        while let Some((index, slot)) = self.slots.next_back() {
            if let Some((generation, value)) = slot.occupied_ref() {
                self.remaining -= 1;
                let key = Key {
                    index: index as u32,
                    generation,
                };
                return Some((key, value));
            }
        }
        None
    }
}

impl<T> ExactSizeIterator for GenIter<'_, T> {}
impl<T> FusedIterator for GenIter<'_, T> {}

/// The keys and mutable values of a [`GenArena`], in slot order: see
/// [`GenArena::iter_mut`].
#[derive(Debug)]
pub struct GenIterMut<'a, T> {
    slots: Enumerate<slice::IterMut<'a, Slot<T>>>,
    // INVARIANT: the number of occupied slots `slots` has left.
    remaining: usize,
}

impl<'a, T> Iterator for GenIterMut<'a, T> {
    type Item = (Key, &'a mut T);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        for (index, slot) in self.slots.by_ref() {
            if let Some((generation, value)) = slot.occupied_mut() {
                self.remaining -= 1;
                let key = Key {
                    index: index as u32,
                    generation,
                };
                return Some((key, value));
            }
        }
        None
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl<T> DoubleEndedIterator for GenIterMut<'_, T> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        while let Some((index, slot)) = self.slots.next_back() {
            if let Some((generation, value)) = slot.occupied_mut() {
                self.remaining -= 1;
                let key = Key {
                    index: index as u32,
                    generation,
                };
                return Some((key, value));
            }
        }
        None
    }
}

impl<T> ExactSizeIterator for GenIterMut<'_, T> {}
impl<T> FusedIterator for GenIterMut<'_, T> {}

/// The keys of a [`GenArena`], in slot order: see [`GenArena::keys`].
#[derive(Clone, Debug)]
pub struct Keys<'a, T>(GenIter<'a, T>);

/// The values of a [`GenArena`], in slot order: see [`GenArena::values`].
#[derive(Clone, Debug)]
pub struct Values<'a, T>(GenIter<'a, T>);

/// The values of a [`GenArena`], mutably, in slot order: see
/// [`GenArena::values_mut`].
#[derive(Debug)]
pub struct ValuesMut<'a, T>(GenIterMut<'a, T>);

/// Implements the iterator traits for a wrapper of `GenIter`/`GenIterMut`
/// that keeps one half of each `(Key, value)` pair.
macro_rules! projecting_iterator {
    ($name:ident, $item:ty, |$pair:pat_param| $project:expr) => {
        impl<'a, T> Iterator for $name<'a, T> {
            type Item = $item;

            #[inline]
            fn next(&mut self) -> Option<Self::Item> {
                self.0.next().map(|$pair| $project)
            }

            #[inline]
            fn size_hint(&self) -> (usize, Option<usize>) {
                self.0.size_hint()
            }
        }

        impl<T> DoubleEndedIterator for $name<'_, T> {
            #[inline]
            fn next_back(&mut self) -> Option<Self::Item> {
                self.0.next_back().map(|$pair| $project)
            }
        }

        impl<T> ExactSizeIterator for $name<'_, T> {}
        impl<T> FusedIterator for $name<'_, T> {}
    };
}

projecting_iterator!(Keys, Key, |(key, _)| key);
projecting_iterator!(Values, &'a T, |(_, value)| value);
projecting_iterator!(ValuesMut, &'a mut T, |(_, value)| value);

/// Removes and hands out every value of a [`GenArena`] with its key, in
/// slot order: see [`GenArena::drain`].
#[derive(Debug)]
pub struct Drain<'a, T> {
    arena: &'a mut GenArena<T>,
    // INVARIANT: no slot below `next_index` holds a value.
    next_index: usize,
}

impl<T> Iterator for Drain<'_, T> {
    type Item = (Key, T);

    fn next(&mut self) -> Option<Self::Item> {
        while self.next_index < self.arena.slots.len() {
            let index = self.next_index;
            self.next_index += 1;
            if let Some(pair) = self.arena.take_at(index) {
                return Some(pair);
            }
        }
        None
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.arena.len, Some(self.arena.len))
    }
}

impl<T> ExactSizeIterator for Drain<'_, T> {}
impl<T> FusedIterator for Drain<'_, T> {}

impl<T> Drop for Drain<'_, T> {
    fn drop(&mut self) {
        // The rest go too, as `clear` would; a panicking value's drop
        // leaves the others in the arena, consistent.
        self.for_each(drop);
        self.arena.relink_free_list_in_index_order();
    }
}

#[cfg(test)]
mod tests;
