//! The unsafe core of [`Arena<T>`](crate::arena::Arena): chunks of values
//! that never move, handed out as references that live as long as the arena.
//!
//! # Layout
//!
//! A [`RawArena<T>`] is an `UnsafeCell` around a [`ChunkList<T>`]: the chunk
//! being filled (`current`) and the full chunks before it (`rest`), each a
//! [`Chunk<T>`] holding a plain std `Vec<T>`. A value is written into the spare capacity of
//! `current`; when that is used up, a new, bigger `Vec` becomes `current`
//! and the old one moves into `rest`. Moving a `Vec` moves its three-word
//! header, not its buffer, so every value keeps its address for as long as
//! the arena lives.
//!
//! # Who drops what, and when
//!
//! Neither `RawArena`, `ChunkList` nor `Chunk` has a `Drop` impl: the arena
//! is dropped by its fields' drop glue. Fields drop in declaration order, so
//! `rest` goes first (its chunks oldest first, each chunk's values by index)
//! and then `current`: the values are dropped in exactly the order they were
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
//! 3. **A reference to the chunk list lives only while no user code runs.**
//!    `alloc`, `alloc_vec`, `len` and `is_empty` each make one, use it and
//!    let it go without calling an iterator, a closure or a `T`'s `Drop`,
//!    and without calling each other. The arena is `!Sync`, so no other
//!    thread can be inside one of them at the same time. So a `&mut` to the
//!    list is never made while any other reference to it lives, and a `T`
//!    may itself allocate from the arena (inside `alloc_extend`'s iterator,
//!    say).
//! 4. **Every chunk in `rest` is non-empty**, and `rest` holds the chunks in
//!    the order they were filled; every value in `current` was allocated
//!    after every value in `rest`.
//!
//! # What the safe layer may rely on
//!
//! [`RawArena::alloc`] and [`RawArena::alloc_vec`] return references that
//! stay valid, and exclusive, for as long as the `&self` they were taken
//! from: later allocations never touch them. Every value handed in is dropped
//! exactly once, when the arena drops, unless [`RawArena::into_vec`] hands it
//! back. [`RawArena::chunks_mut`] and [`RawArena::into_vec`] see the values in
//! allocation order.
//!
//! The generational arena uses [`FreedMarker`] too: one made by
//! [`FreedMarker::buffer_of`] reports the Free of the buffer the `Vec` owned
//! then, when it is dropped and anyone observes.
//!
//! # Send and Sync
//!
//! `Send` and `!Sync` come from the fields, with no `unsafe impl`: sending
//! the arena to another thread moves the values with it (so `T: Send` is
//! needed and sufficient), and no references can be outstanding while it
//! moves, because moving needs the arena by value. The `UnsafeCell` makes it
//! `!Sync`, which it must be: two threads allocating at once would race on
//! `len`.
//!
//! # Observation
//!
//! While anyone observes (see `observe`: a drop trace is captured, say),
//! the arena reports its own drop as ownkit's pointers do: its drop
//! begins, its values drop, every heap block is freed, its drop ends; a
//! drop trace shows that as a frame. With no `Drop` impl to do it, the
//! reports come from small non-generic *marker* fields whose own `Drop`
//! reports one event, placed so that declaration order puts each event in
//! its place:
//!
//! - [`BeginMarker`], the first field of `RawArena`: the Begin;
//! - [`FreedMarker`], after each chunk's `Vec` (in [`Chunk`]) and after the
//!   `rest` list itself (whose buffer holds the chunks' headers): the Free
//!   of the buffer dropped just before it;
//! - [`EndMarker`], the last field of `RawArena`: the End.
//!
//! A marker has no generic parameter and owns nothing of type `T`, so its
//! `Drop` impl tells drop check nothing new about `T`: arena cycles stay
//! legal. The price is that a Free is recorded right *after* the `Vec`
//! gave its buffer back, not just before as ownkit's `Box` does: nothing
//! runs in between, so the report is the same, but another thread could in
//! principle have been handed the same address already. Fields are dropped
//! while unwinding too, so a panicking value still leaves a complete frame
//! (its Begin, every Free, its End).
//!
//! When nobody observes, each marker costs one relaxed load and
//! a branch when dropped (two per arena and one per chunk, plus one for
//! the `rest` list). Memory: 16 bytes per arena for the begin and end
//! markers, 24 for the `rest` list's marker, and 24 per chunk (three
//! words: the block's address, size and alignment), on 64-bit targets.

use alloc_crate::vec::Vec;
use core::cell::UnsafeCell;
use core::mem;
use core::slice;

use crate::observe::{self, Block, PointerInfo, PointerKind, address_of};
use crate::raw::gate_check::observing;

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
    rest: Vec<Chunk<T>>,
    // INVARIANT: describes `rest`'s buffer (updated whenever `rest` grows, in
    // `add_chunk`), so that its Free is recorded right after `rest` drops.
    rest_freed: FreedMarker,
    // INVARIANT: never reallocates while `&self` borrows are possible: values
    // go in only while `len < capacity` (see `RawArena::alloc` and
    // `RawArena::alloc_vec`). Every value in it was allocated after every
    // value in `rest`.
    current: Chunk<T>,
}

/// One chunk: its values, then the marker that records the Free of their
/// buffer once the `Vec` has dropped them and given the buffer back.
///
/// No `Drop` impl, for drop check's sake (see the module docs).
#[derive(Debug)]
struct Chunk<T> {
    values: Vec<T>,
    // INVARIANT: describes `values`' buffer, which never reallocates
    // (invariant 1), so the block recorded at creation stays right.
    freed: FreedMarker,
}

impl<T> Chunk<T> {
    /// A chunk that has allocated nothing.
    const EMPTY: Self = Self {
        values: Vec::new(),
        freed: FreedMarker::NOTHING,
    };

    /// An empty chunk with room for `capacity` values.
    ///
    /// # Panics
    ///
    /// If `capacity` values of `T` would take more than `isize::MAX` bytes.
    fn with_capacity(capacity: usize) -> Self {
        let values = Vec::with_capacity(capacity);
        let freed = FreedMarker::buffer_of(&values);
        Self { values, freed }
    }

    /// The values, taken out without recording a Free: the buffer goes on
    /// living (or is freed) outside the arena's drop.
    fn into_values(self) -> Vec<T> {
        let Self { values, freed } = self;
        freed.disarm();
        values
    }
}

/// The core of [`Arena<T>`](crate::arena::Arena).
///
/// Field order matters: `begin` drops first and `end` last, so that a drop
/// trace sees the arena's Begin before its values and its End after its
/// last Free (see the module docs).
///
/// Layout choices:
/// - `UnsafeCell` rather than `RefCell`: allocating needs to mutate the chunk
///   list through `&self`, and invariant 3 means a `RefCell`'s borrow flag
///   would never be found taken. Checking, setting and resetting it cost
///   6 of the 27 instructions of an `alloc` on x86-64: the compiler cannot
///   tell that the value written in between leaves the flag alone, so it
///   reads the flag back to reset it. rustc's own arena and bumpalo keep no
///   flag either.
///   [`RawArena::list`] and [`RawArena::list_mut`] are the only ways in, and
///   Miri checks the aliasing of every test. The cell also makes the arena
///   `!Sync`, which it must be (see "Send and Sync" in the module docs).
/// - std `Vec`s, not raw allocations: their `#[may_dangle]` drop is what
///   lets the values refer to each other (see the module docs).
/// - No `PhantomData`: the `Vec<T>`s already tell drop check that the arena
///   owns and drops `T`s.
///
/// `Send` and `!Sync` come from the fields, with no `unsafe impl`: see
/// "Send and Sync" in the module docs.
#[derive(Debug)]
pub(crate) struct RawArena<T> {
    begin: BeginMarker,
    // INVARIANT: read or changed only through `list` and `list_mut`, and
    // only while no user code runs (invariant 3).
    chunks: UnsafeCell<ChunkList<T>>,
    // INVARIANT: its distance to `begin` is the one in this type's layout
    // (set by `end_marker`, and fields never move apart).
    end: EndMarker,
}

impl<T> RawArena<T> {
    /// An empty arena that has allocated nothing yet.
    pub(crate) const fn new() -> Self {
        Self {
            begin: BeginMarker::of::<T>(),
            chunks: UnsafeCell::new(ChunkList {
                rest: Vec::new(),
                rest_freed: FreedMarker::NOTHING,
                current: Chunk::EMPTY,
            }),
            end: Self::end_marker(),
        }
    }

    /// An empty arena whose first chunk holds `capacity` values.
    ///
    /// # Panics
    ///
    /// If `capacity` values of `T` would take more than `isize::MAX` bytes.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self {
            begin: BeginMarker::of::<T>(),
            chunks: UnsafeCell::new(ChunkList {
                rest: Vec::new(),
                rest_freed: FreedMarker::NOTHING,
                current: Chunk::with_capacity(capacity),
            }),
            end: Self::end_marker(),
        }
    }

    /// The end marker for this type's layout: it finds the begin marker,
    /// whose address names the arena in a drop trace, at a fixed distance.
    const fn end_marker() -> EndMarker {
        EndMarker {
            back_to_begin: mem::offset_of!(Self, end).wrapping_sub(mem::offset_of!(Self, begin)),
        }
    }

    /// What the arena tells a drop trace about itself: the same address and
    /// type its drop records, and no single target or block (its values
    /// sit in several chunks).
    pub(crate) fn pointer_info(&self) -> PointerInfo {
        arena_info(address_of(&self.begin), core::any::type_name::<T>())
    }

    /// The chunk list, to read.
    ///
    /// # Safety
    ///
    /// No `&mut` to the list may be made while the returned reference
    /// lives: the caller must let it go before calling `list_mut` (through
    /// `alloc` or `alloc_vec`, say) or running user code (invariant 3).
    #[inline]
    unsafe fn list(&self) -> &ChunkList<T> {
        // SAFETY: the cell's pointer is valid and aligned for as long as
        // `&self` lives, and the caller keeps any `&mut` to the list from
        // being made while this reference lives.
        unsafe { &*self.chunks.get() }
    }

    /// The chunk list, to change.
    ///
    /// # Safety
    ///
    /// No other reference to the list may live while the returned one
    /// does: the caller must let it go before calling `list` or `list_mut`
    /// again or running user code (invariant 3).
    #[inline]
    #[allow(
        clippy::mut_from_ref,
        reason = "the cell lends the list out mutably; the caller keeps the borrow alone (see # Safety)"
    )]
    unsafe fn list_mut(&self) -> &mut ChunkList<T> {
        // SAFETY: the cell's pointer is valid and aligned for as long as
        // `&self` lives, and the caller keeps every other reference to the
        // list from living while this one does.
        unsafe { &mut *self.chunks.get() }
    }

    /// Moves `value` into the arena and returns a reference to it that lives
    /// as long as `&self`.
    #[inline]
    #[allow(
        clippy::mut_from_ref,
        reason = "each call returns a different, never-aliased value: see invariants 1 and 2"
    )]
    pub(crate) fn alloc(&self, value: T) -> &mut T {
        // SAFETY: `chunks` is last used before this returns, and nothing in
        // between runs user code or calls `list`/`list_mut` (`add_chunk`
        // only allocates; a global allocator that allocated from this very
        // arena would recurse without end anyway).
        let chunks = unsafe { self.list_mut() };
        if chunks.current.values.len() == chunks.current.values.capacity() {
            chunks.add_chunk(1);
        }
        let current = &mut chunks.current.values;
        let len = current.len();
        debug_assert!(
            len < current.capacity(),
            "no room after growing: len {len}, capacity {}",
            current.capacity()
        );
        // Invariant 2: a raw pointer to the buffer, not a reference to the
        // elements, some of which the caller may hold `&mut`s to.
        let base = current.as_mut_ptr();
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
        unsafe { current.set_len(len + 1) };
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
        // SAFETY: as in `alloc`: `chunks` is last used before `values` is
        // dropped, and nothing in between runs user code or calls
        // `list`/`list_mut`.
        let chunks = unsafe { self.list_mut() };
        if chunks.current.values.capacity() - chunks.current.values.len() < count {
            chunks.add_chunk(count);
        }
        let current = &mut chunks.current.values;
        let start = current.len();
        debug_assert!(
            current.capacity() - start >= count,
            "no room for {count} values after growing: len {start}, capacity {}",
            current.capacity()
        );
        // Invariant 2, as in `alloc`.
        let base = current.as_mut_ptr();
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
        unsafe { current.set_len(start + count) };
        // Frees the emptied buffer; no `T` is dropped.
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
        // SAFETY: `chunks` is last used before this returns, and reading
        // lengths runs no user code.
        let chunks = unsafe { self.list() };
        chunks
            .rest
            .iter()
            .map(|chunk| chunk.values.len())
            .sum::<usize>()
            + chunks.current.values.len()
    }

    /// Whether the arena holds no values.
    pub(crate) fn is_empty(&self) -> bool {
        // SAFETY: as in `len`.
        let chunks = unsafe { self.list() };
        // Invariant 4: an empty `rest` is enough to check the older chunks.
        chunks.rest.is_empty() && chunks.current.values.is_empty()
    }

    /// The chunks as slices, oldest first.
    ///
    /// `&mut self` proves that no reference handed out by `alloc` is still
    /// alive, so whole-chunk slices are fine here.
    pub(crate) fn chunks_mut(&mut self) -> ChunksMut<'_, T> {
        let chunks = self.chunks.get_mut();
        ChunksMut {
            rest: chunks.rest.iter_mut(),
            current: Some(&mut chunks.current.values),
        }
    }

    /// All the values, in allocation order, in one `Vec`.
    ///
    /// With a single chunk that chunk is returned as it is, without copying.
    ///
    /// The arena is taken apart, not dropped, so a drop trace records
    /// nothing: every marker is disarmed first.
    pub(crate) fn into_vec(self) -> Vec<T> {
        let Self { begin, chunks, end } = self;
        begin.disarm();
        end.disarm();
        let ChunkList {
            rest,
            rest_freed,
            current,
        } = chunks.into_inner();
        rest_freed.disarm();
        let current = current.into_values();
        if rest.is_empty() {
            return current;
        }
        let total = rest.iter().map(|chunk| chunk.values.len()).sum::<usize>() + current.len();
        let mut all = Vec::with_capacity(total);
        for chunk in rest {
            all.extend(chunk.into_values());
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
            .values
            .capacity()
            .saturating_mul(2)
            .min(most_values)
            .max(first_chunk)
            .max(min_capacity);

        // Everything that can panic comes before anything changes: a panic
        // after `current` moved out would drop the old chunk's values while
        // references to them are still alive.
        let retire = !self.current.values.is_empty();
        if retire && self.rest.len() == self.rest.capacity() {
            self.rest.reserve(1);
            // `rest` has moved to a bigger buffer: that is the one its
            // marker must report when the arena drops. The old buffer's
            // free is not part of any drop, so it is not recorded.
            self.rest_freed.describe_buffer_of(&self.rest);
        }
        let fresh = Chunk::with_capacity(capacity);
        let old = mem::replace(&mut self.current, fresh);
        if retire {
            debug_assert!(
                self.rest.len() < self.rest.capacity(),
                "the push must not reallocate: {} chunks, capacity {}",
                self.rest.len(),
                self.rest.capacity()
            );
            self.rest.push(old);
        } else {
            // An empty old chunk is simply freed: no value, so no reference,
            // is in it (invariant 4 keeps `rest` free of empty chunks). Not
            // part of the arena's drop, so not recorded either.
            drop(old.into_values());
        }
    }
}

/// What an arena at `address` holding `target_type`s tells a drop trace:
/// no single target or block, since its values sit in several chunks.
fn arena_info(address: usize, target_type: &'static str) -> PointerInfo {
    PointerInfo {
        kind: PointerKind::Arena,
        address,
        block: None,
        target: 0,
        target_type,
        strong: 1,
        weak: 0,
    }
}

/// Records the start of the arena's drop; the first field of [`RawArena`].
///
/// One word: the function that names the arena's value type (a plain
/// `&'static str` cannot be made in the `const fn new`, since
/// `core::any::type_name` is not `const`). The arena's address in a drop
/// trace is this marker's address.
#[derive(Debug)]
struct BeginMarker {
    value_type: fn() -> &'static str,
}

impl BeginMarker {
    const fn of<T>() -> Self {
        Self {
            value_type: core::any::type_name::<T>,
        }
    }

    /// Takes the marker away without recording anything.
    fn disarm(self) {
        // It holds no resource: forgetting it only skips its record.
        mem::forget(self);
    }

    #[cold]
    #[inline(never)]
    fn record(&self) {
        // The end is reported by `EndMarker`, the last field: there is no
        // scope here to keep the guard in.
        observe::drop_begins(&arena_info(address_of(self), (self.value_type)())).defer();
    }
}

impl Drop for BeginMarker {
    #[inline]
    fn drop(&mut self) {
        if observing() {
            self.record();
        }
    }
}

/// Records the end of the arena's drop; the last field of [`RawArena`].
///
/// One word: how far back the begin marker is, whose address names the
/// arena. It depends on the arena's layout, so a non-generic marker has to
/// be told it (by `RawArena::end_marker`).
#[derive(Debug)]
struct EndMarker {
    back_to_begin: usize,
}

impl EndMarker {
    /// Takes the marker away without recording anything.
    fn disarm(self) {
        // It holds no resource: forgetting it only skips its record.
        mem::forget(self);
    }

    #[cold]
    #[inline(never)]
    fn record(&self) {
        let begin = address_of(self).wrapping_sub(self.back_to_begin);
        observe::drop_ends(begin, PointerKind::Arena);
    }
}

impl Drop for EndMarker {
    #[inline]
    fn drop(&mut self) {
        if observing() {
            self.record();
        }
    }
}

/// Records the Free of one heap buffer when dropped: declared right after
/// the field that owns the buffer, it drops right after that field gave the
/// buffer back. Also used by [`GenArena`](crate::arena::GenArena), as a
/// guard around the drop of its slots.
///
/// Three words, the buffer's [`Block`]; a size of 0 means there is no
/// buffer, and nothing is recorded.
#[derive(Debug)]
pub(crate) struct FreedMarker {
    block: Block,
}

/// No block: what a marker holds for a `Vec` that has allocated nothing.
const NO_BLOCK: Block = Block {
    address: 0,
    size: 0,
    align: 1,
};

impl FreedMarker {
    /// For a `Vec` that has allocated nothing.
    const NOTHING: Self = Self { block: NO_BLOCK };

    /// Describes the buffer `values` owns now (nothing if it owns none).
    pub(crate) fn buffer_of<E>(values: &Vec<E>) -> Self {
        let mut marker = Self::NOTHING;
        marker.describe_buffer_of(values);
        marker
    }

    /// Describes the buffer `values` owns now, replacing what the marker
    /// described before without recording anything for it.
    fn describe_buffer_of<E>(&mut self, values: &Vec<E>) {
        // A `Vec`'s buffer is an array of `capacity` elements; zero-sized
        // ones (no capacity, or zero-sized elements) were never allocated.
        // The multiplication cannot overflow: the `Vec` allocated that many
        // bytes, which is at most `isize::MAX`.
        let size = values.capacity() * mem::size_of::<E>();
        self.block = if size == 0 {
            NO_BLOCK
        } else {
            Block {
                address: values.as_ptr().addr(),
                size,
                align: mem::align_of::<E>(),
            }
        };
    }

    /// Takes the marker away without recording anything.
    fn disarm(self) {
        // It holds no resource: forgetting it only skips its record.
        mem::forget(self);
    }
}

impl FreedMarker {
    #[cold]
    #[inline(never)]
    fn record(&self) {
        if self.block.size != 0 {
            observe::block_freed(self.block);
        }
    }
}

impl Drop for FreedMarker {
    #[inline]
    fn drop(&mut self) {
        if observing() {
            self.record();
        }
    }
}

/// The chunks of an arena as mutable slices, oldest first; made by
/// [`RawArena::chunks_mut`].
#[derive(Debug)]
pub(crate) struct ChunksMut<'a, T> {
    rest: slice::IterMut<'a, Chunk<T>>,
    current: Option<&'a mut Vec<T>>,
}

impl<'a, T> Iterator for ChunksMut<'a, T> {
    type Item = &'a mut [T];

    fn next(&mut self) -> Option<&'a mut [T]> {
        match self.rest.next() {
            Some(chunk) => Some(chunk.values.as_mut_slice()),
            None => self.current.take().map(|chunk| chunk.as_mut_slice()),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let count = self.rest.len() + usize::from(self.current.is_some());
        (count, Some(count))
    }
}

#[cfg(test)]
mod tests;
