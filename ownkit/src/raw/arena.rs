//! The unsafe core of [`Arena<T>`](crate::arena::Arena): chunks of values
//! that never move, handed out as references that live as long as the arena.
//!
//! # Layout
//!
//! A [`RawArena<T>`] is a `RefCell` around a [`ChunkList<T>`]: the chunk
//! being filled (`current`) and the full chunks before it (`rest`), each a
//! plain std `Vec<T>`. A value is written into the spare capacity of
//! `current`; when that is used up, a new, bigger `Vec` becomes `current`
//! and the old one moves into `rest`. Moving a `Vec` moves its three-word
//! header, not its buffer, so every value keeps its address for as long as
//! the arena lives.
//!
//! # Invariants
//!
//! For as long as the arena exists:
//!
//! 1. **No chunk ever reallocates or shrinks.** A value goes into a chunk only
//!    while `len < capacity`; nothing here calls `push`, `reserve`,
//!    `truncate` or anything else that could move or drop a chunk's
//!    elements, except on `&mut self` (when no reference into the arena can
//!    be alive) or on `self` (`into_vec`).
//! 2. **Nothing makes a reference to a whole chunk while `&self` is all we
//!    have.** Values are written through `Vec::as_mut_ptr`, which std
//!    documents as not materialising a reference to the elements, followed
//!    by `set_len`. A `&mut [T]` over a whole chunk would claim exclusive
//!    access to values the caller still holds `&mut T`s to: that is
//!    typed-arena's old provenance bug, which Miri reported there.
//! 3. **The `RefCell` is never borrowed while user code runs.** No iterator,
//!    closure or `Drop` of a `T` is called with the `RefMut` alive, so a
//!    borrow of the cell can never fail, and a `T` may itself allocate from
//!    the arena (inside `alloc_extend`'s iterator, say).
//! 4. **Every chunk in `rest` is non-empty**, and `rest` holds the chunks in
//!    the order they were filled; every value in `current` was allocated
//!    after every value in `rest`.
//!
//! # Who drops what, and when
//!
//! Neither `RawArena` nor `ChunkList` has a `Drop` impl: the arena is dropped
//! by its fields' drop glue. Fields drop in declaration order, so `rest` goes
//! first (its chunks oldest first, each chunk's values by index) and then
//! `current`: the values are dropped in exactly the order they were
//! allocated. A `Vec` keeps dropping its other elements and still frees its
//! buffer when one element's destructor panics, and so does a struct's drop
//! glue with its remaining fields, so one panicking `T::drop` leaks nothing.
//!
//! Having no `Drop` impl is what makes arena cycles legal. std's `Vec<T>`
//! declares its drop with `#[may_dangle] T`: it promises the compiler it will
//! not read a `T` while dropping, except by running `T`'s own destructor. So
//! a `T` without a destructor may hold `&'a T` references into the very
//! arena being dropped (the references dangle for a moment, and nobody reads
//! them), while a `T` *with* a destructor that could read them is rejected
//! by drop check. A hand-written `impl Drop for RawArena` would make drop
//! check assume the worst and reject both, and `#[may_dangle]` is unstable.
//!
//! # What the safe layer may rely on
//!
//! [`RawArena::alloc`] and [`RawArena::alloc_vec`] return references that
//! stay valid, and exclusive, for as long as the `&self` they were taken
//! from: later allocations never touch them. Every value handed in is dropped
//! exactly once, when the arena drops, unless [`RawArena::into_vec`] hands it
//! back. [`RawArena::chunks_mut`] and [`RawArena::into_vec`] see the values in
//! allocation order.

use alloc::vec::Vec;
use core::cell::RefCell;
use core::mem;
use core::slice;

/// How many bytes the first chunk holds, at least one value: big enough that
/// small values rarely need a second chunk, small enough to waste little.
const FIRST_CHUNK_BYTES: usize = 1024;

/// The storage of an arena: the chunk being filled and the full ones.
///
/// Field order matters: fields drop in declaration order, and `rest` holds
/// the older values, so declaring it first drops values in allocation order.
#[derive(Debug)]
struct ChunkList<T> {
    // INVARIANT: every chunk is non-empty, no chunk is ever pushed to,
    // reserved, truncated or otherwise touched again while `&self` borrows
    // are possible, and the chunks are in the order they were filled (see
    // `add_chunk`).
    rest: Vec<Vec<T>>,
    // INVARIANT: never reallocates while `&self` borrows are possible: values
    // go in only while `len < capacity` (see `RawArena::alloc` and
    // `RawArena::alloc_vec`). Every value in it was allocated after every
    // value in `rest`.
    current: Vec<T>,
}

/// The core of [`Arena<T>`](crate::arena::Arena).
///
/// Layout choices:
/// - `RefCell` rather than `UnsafeCell`: allocating needs to mutate the chunk
///   list through `&self`, and invariant 3 means the borrow never fails, so
///   the cell costs one flag check and catches any slip in this file as a
///   panic instead of undefined behaviour. It also makes the arena `!Sync`,
///   which it must be: two threads allocating at once would race on `len`.
/// - std `Vec`s, not raw allocations: their `#[may_dangle]` drop is what
///   lets the values refer to each other (see the module docs).
/// - No `PhantomData`: the `Vec<T>`s already tell drop check that the arena
///   owns and drops `T`s.
///
/// `Send` and `!Sync` come from the fields, with no `unsafe impl`: sending
/// the arena to another thread moves the values with it (so `T: Send` is
/// needed and sufficient), and no references can be outstanding while it
/// moves, because moving needs the arena by value.
#[derive(Debug)]
pub(crate) struct RawArena<T> {
    chunks: RefCell<ChunkList<T>>,
}

impl<T> RawArena<T> {
    /// An empty arena that has allocated nothing yet.
    pub(crate) const fn new() -> Self {
        Self {
            chunks: RefCell::new(ChunkList {
                rest: Vec::new(),
                current: Vec::new(),
            }),
        }
    }

    /// An empty arena whose first chunk holds `capacity` values.
    ///
    /// # Panics
    ///
    /// If `capacity` values of `T` would take more than `isize::MAX` bytes.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self {
            chunks: RefCell::new(ChunkList {
                rest: Vec::new(),
                current: Vec::with_capacity(capacity),
            }),
        }
    }

    /// Moves `value` into the arena and returns a reference to it that lives
    /// as long as `&self`.
    #[inline]
    #[allow(
        clippy::mut_from_ref,
        reason = "each call returns a different, never-aliased value: see invariants 1 and 2"
    )]
    pub(crate) fn alloc(&self, value: T) -> &mut T {
        let mut chunks = self.chunks.borrow_mut();
        if chunks.current.len() == chunks.current.capacity() {
            chunks.add_chunk(1);
        }
        let len = chunks.current.len();
        debug_assert!(
            len < chunks.current.capacity(),
            "no room after growing: len {len}, capacity {}",
            chunks.current.capacity()
        );
        // Invariant 2: a raw pointer to the buffer, not a reference to the
        // elements, some of which the caller may hold `&mut`s to.
        let base = chunks.current.as_mut_ptr();
        // SAFETY: `len < capacity` (checked, or made true by `add_chunk`),
        // so `base + len` stays inside the buffer `base` points into (for a
        // zero-sized `T` the offset is zero bytes).
        let slot = unsafe { base.add(len) };
        // SAFETY:
        // - `slot` is valid for writes and aligned (it is in the chunk's
        //   spare capacity, inside an allocation for `capacity` `T`s);
        // - nothing is overwritten that needed dropping (the slot is past
        //   `len`, so uninitialised).
        unsafe { slot.write(value) };
        // SAFETY:
        // - `len + 1 <= capacity` (`len < capacity`, above);
        // - the element at `len` is initialised (written just above).
        unsafe { chunks.current.set_len(len + 1) };
        drop(chunks);
        // SAFETY:
        // - `slot` points to the initialised `T` written above;
        // - the value is not accessed through anything else while `&self`
        //   lives: no other reference to it was handed out, the chunk never
        //   reallocates (invariant 1), no code here makes a reference to
        //   the whole chunk (invariant 2), and dropping or moving the values
        //   out needs `&mut self` or `self`;
        // - the lifetime comes from `&self`, and the value lives at this
        //   address until the arena is dropped (invariant 1).
        unsafe { &mut *slot }
    }

    /// Moves every value of `values` into one chunk, in order, and returns
    /// them as a slice that lives as long as `&self`.
    ///
    /// The values move with one bitwise copy; `values`' buffer is freed.
    ///
    /// # Panics
    ///
    /// If a chunk big enough would take more than `isize::MAX` bytes. The
    /// values are then dropped and the arena is unchanged.
    #[allow(
        clippy::mut_from_ref,
        reason = "each call returns a different, never-aliased slice: see invariants 1 and 2"
    )]
    pub(crate) fn alloc_vec(&self, mut values: Vec<T>) -> &mut [T] {
        let count = values.len();
        if count == 0 {
            return &mut [];
        }
        let mut chunks = self.chunks.borrow_mut();
        if chunks.current.capacity() - chunks.current.len() < count {
            chunks.add_chunk(count);
        }
        let start = chunks.current.len();
        debug_assert!(
            chunks.current.capacity() - start >= count,
            "no room for {count} values after growing: len {start}, capacity {}",
            chunks.current.capacity()
        );
        // Invariant 2, as in `alloc`.
        let base = chunks.current.as_mut_ptr();
        // SAFETY: `start <= capacity`, so `base + start` is inside the
        // buffer or one past its end.
        let first = unsafe { base.add(start) };
        // From here until `values.set_len(0)` the values are owned twice;
        // nothing in between can panic.
        // SAFETY:
        // - the source is valid for `count` reads (`values` holds `count`
        //   initialised values);
        // - the destination is valid for `count` writes and aligned (the
        //   spare capacity is at least `count`, checked above);
        // - they do not overlap (`values` owns its own buffer).
        unsafe { first.copy_from_nonoverlapping(values.as_ptr(), count) };
        // SAFETY: zero is at most the capacity, and there are no elements
        // to initialise; the values now belong to the chunk, so `values`
        // must not drop them.
        unsafe { values.set_len(0) };
        // SAFETY:
        // - `start + count <= capacity` (checked above);
        // - the elements up to `start + count` are initialised (the first
        //   `start` already were, the rest were copied in just above).
        unsafe { chunks.current.set_len(start + count) };
        drop(chunks);
        drop(values);
        // SAFETY:
        // - `first` points to `count` consecutive initialised `T`s in one
        //   allocation (copied in above), and `count * size_of::<T>()` is
        //   at most `isize::MAX` (they fit in one `Vec`);
        // - they are not accessed through anything else while `&self` lives,
        //   for the reasons given in `alloc`.
        unsafe { slice::from_raw_parts_mut(first, count) }
    }

    /// How many values the arena holds.
    pub(crate) fn len(&self) -> usize {
        let chunks = self.chunks.borrow();
        chunks.rest.iter().map(Vec::len).sum::<usize>() + chunks.current.len()
    }

    /// Whether the arena holds no values.
    pub(crate) fn is_empty(&self) -> bool {
        let chunks = self.chunks.borrow();
        // Invariant 4: an empty `rest` is enough to check the older chunks.
        chunks.rest.is_empty() && chunks.current.is_empty()
    }

    /// The chunks as slices, oldest first.
    ///
    /// `&mut self` proves that no reference handed out by `alloc` is still
    /// alive, so whole-chunk slices are fine here.
    pub(crate) fn chunks_mut(&mut self) -> ChunksMut<'_, T> {
        let chunks = self.chunks.get_mut();
        ChunksMut {
            rest: chunks.rest.iter_mut(),
            current: Some(&mut chunks.current),
        }
    }

    /// All the values, in allocation order, in one `Vec`.
    ///
    /// With a single chunk that chunk is returned as it is, without copying.
    pub(crate) fn into_vec(self) -> Vec<T> {
        let ChunkList { rest, current } = self.chunks.into_inner();
        if rest.is_empty() {
            return current;
        }
        let total = rest.iter().map(Vec::len).sum::<usize>() + current.len();
        let mut all = Vec::with_capacity(total);
        for chunk in rest {
            all.extend(chunk);
        }
        all.extend(current);
        all
    }
}

impl<T> ChunkList<T> {
    /// Replaces the current chunk with a new, empty one that has room for at
    /// least `min_capacity` values, and retires the old one to `rest` if it
    /// holds any values (an empty one is freed).
    ///
    /// The new chunk holds at least twice as many values as the old one, so
    /// an arena of `n` values has `O(log n)` chunks, at least `min_capacity`,
    /// and at least `FIRST_CHUNK_BYTES` worth.
    ///
    /// Out of line and cold: `alloc`'s fast path is the len/capacity check
    /// and a write, and this runs once per chunk.
    ///
    /// # Panics
    ///
    /// If `min_capacity` values would take more than `isize::MAX` bytes, or
    /// if allocating fails. Nothing has changed then.
    #[cold]
    #[inline(never)]
    fn add_chunk(&mut self, min_capacity: usize) {
        let size = mem::size_of::<T>();
        // A `Vec` holds at most `isize::MAX` bytes; of zero-sized values,
        // any number.
        let most_values = (isize::MAX as usize)
            .checked_div(size)
            .unwrap_or(usize::MAX);
        let first_chunk = (FIRST_CHUNK_BYTES / size.max(1)).max(1);
        let capacity = self
            .current
            .capacity()
            .saturating_mul(2)
            .min(most_values)
            .max(first_chunk)
            .max(min_capacity);

        // Everything that can panic comes before anything changes: a panic
        // after `current` moved out would drop the old chunk's values while
        // references to them are still alive.
        let retire = !self.current.is_empty();
        if retire {
            self.rest.reserve(1);
        }
        let fresh = Vec::with_capacity(capacity);
        let old = mem::replace(&mut self.current, fresh);
        if retire {
            debug_assert!(
                self.rest.len() < self.rest.capacity(),
                "the push must not reallocate: {} chunks, capacity {}",
                self.rest.len(),
                self.rest.capacity()
            );
            self.rest.push(old);
        }
        // An empty old chunk is simply freed: no value, so no reference, is
        // in it (invariant 4 keeps `rest` free of empty chunks).
    }
}

/// The chunks of an arena as mutable slices, oldest first; made by
/// [`RawArena::chunks_mut`].
#[derive(Debug)]
pub(crate) struct ChunksMut<'a, T> {
    rest: slice::IterMut<'a, Vec<T>>,
    current: Option<&'a mut Vec<T>>,
}

impl<'a, T> Iterator for ChunksMut<'a, T> {
    type Item = &'a mut [T];

    fn next(&mut self) -> Option<&'a mut [T]> {
        match self.rest.next() {
            Some(chunk) => Some(chunk.as_mut_slice()),
            None => self.current.take().map(|chunk| chunk.as_mut_slice()),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let count = self.rest.len() + usize::from(self.current.is_some());
        (count, Some(count))
    }
}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::RawArena;
    use alloc::vec::Vec;
    use core::cell::Cell;

    #[test]
    fn chunks_grow_and_values_keep_their_addresses() {
        let arena = RawArena::with_capacity(2);
        let first = arena.alloc(1_u32);
        let first_address: *const u32 = first;
        for value in 2..100 {
            arena.alloc(value);
        }
        *first += 100;
        assert_eq!(first_address, &raw const *first);
        assert_eq!(*first, 101);
        let chunks = arena.chunks.borrow();
        assert!(chunks.rest.iter().all(|chunk| !chunk.is_empty()));
        assert!(
            chunks
                .rest
                .windows(2)
                .all(|pair| pair[1].capacity() >= 2 * pair[0].capacity()),
            "chunks must at least double"
        );
    }

    #[test]
    fn values_go_in_only_while_len_is_below_capacity() {
        let arena = RawArena::with_capacity(3);
        for value in 0..3_u8 {
            arena.alloc(value);
        }
        let before = arena.chunks.borrow().current.as_ptr();
        arena.alloc_vec(alloc::vec![7, 8]);
        let chunks = arena.chunks.borrow();
        assert_eq!(chunks.rest.len(), 1, "the full chunk retires");
        assert_eq!(chunks.rest[0].as_ptr(), before, "retiring moves no value");
        assert_eq!(chunks.rest[0], [0, 1, 2]);
        assert_eq!(chunks.current, [7, 8]);
    }

    #[test]
    fn an_empty_chunk_is_freed_not_retired() {
        let arena = RawArena::with_capacity(1);
        arena.alloc_vec(alloc::vec![1_u8, 2, 3]);
        assert!(arena.chunks.borrow().rest.is_empty());
        assert_eq!(arena.into_vec(), [1, 2, 3]);
    }

    #[test]
    fn zero_sized_values_never_need_a_second_chunk() {
        let arena = RawArena::new();
        for _ in 0..1000 {
            arena.alloc(());
        }
        arena.alloc_vec(alloc::vec![(); 1000]);
        assert_eq!(arena.len(), 2000);
        assert!(arena.chunks.borrow().rest.is_empty());
    }

    #[test]
    fn a_too_big_request_panics_and_changes_nothing() {
        let arena = RawArena::new();
        arena.alloc(5_u64);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            arena.chunks.borrow_mut().add_chunk(usize::MAX / 4);
        }));
        assert!(result.is_err());
        assert_eq!(arena.into_vec(), [5]);
    }

    #[test]
    fn the_borrow_is_released_before_returning() {
        let arena = RawArena::new();
        let counter = arena.alloc(Cell::new(0));
        counter.set(1);
        assert!(arena.chunks.try_borrow_mut().is_ok());
        let values: Vec<_> = (0..3).map(Cell::new).collect();
        arena.alloc_vec(values);
        assert!(arena.chunks.try_borrow_mut().is_ok());
        assert_eq!(arena.len(), 4);
    }
}
