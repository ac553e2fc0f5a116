//! [`Arena<T>`]: allocate values of one type, get references that live as
//! long as the arena.

use crate::raw::arena::{ChunksMut, RawArena};
use alloc_crate::vec::Vec;
use core::fmt;
use core::iter::FusedIterator;
use core::slice;

/// An arena of `T`s: values go in one at a time or in runs, references come
/// out, and everything is dropped together when the arena is.
///
/// # Ownership
///
/// The arena owns every value allocated in it. [`alloc`](Arena::alloc) moves
/// a value in and returns a `&mut T` that lives exactly as long as the
/// borrow of the arena it came from, so the compiler stops any reference from
/// outliving the arena:
///
/// ```compile_fail,E0597
/// use ownkit::arena::Arena;
///
/// let escaped: &mut String;
/// {
///     let arena = Arena::new();
///     escaped = arena.alloc(String::from("gone with the arena"));
/// } // the arena and its String are dropped here
/// println!("{escaped}");
/// ```
///
/// The values stay where they were put. The arena stores them in chunks
/// that never move or grow in place: when one is full, a new chunk (twice as
/// big) takes over, and the old one stays as it is. So a reference taken
/// early is still good after any number of later allocations.
///
/// # Drop order
///
/// When the arena is dropped, every value in it is dropped exactly once, in
/// the order it was allocated (oldest first), and then every chunk is freed.
/// If one value's destructor panics, the others are still dropped and every
/// chunk is still freed before the panic goes on, as with a `Vec`.
///
/// # Safe cycles
///
/// Values in an arena may hold references to each other, cycles included,
/// because the arena promises drop check that it does nothing with a value
/// while dropping it but run the value's own destructor. A graph whose nodes
/// point at each other is the classic use:
///
/// ```
/// use ownkit::arena::Arena;
/// use std::cell::Cell;
///
/// struct Node<'a> {
///     name: &'static str,
///     next: Cell<Option<&'a Node<'a>>>,
/// }
///
/// let arena = Arena::new();
/// let a = arena.alloc(Node { name: "a", next: Cell::new(None) });
/// let b = arena.alloc(Node { name: "b", next: Cell::new(Some(a)) });
/// a.next.set(Some(b)); // a -> b -> a
/// assert_eq!(a.next.get().unwrap().next.get().unwrap().name, "a");
/// ```
///
/// That promise only holds for types whose destructor cannot see those
/// references. A `Drop` impl could read a node that was already dropped, so
/// the compiler rejects it:
///
/// ```compile_fail,E0597
/// use ownkit::arena::Arena;
/// use std::cell::Cell;
///
/// struct Node<'a> {
///     next: Cell<Option<&'a Node<'a>>>,
/// }
///
/// impl Drop for Node<'_> {
///     fn drop(&mut self) {
///         // If `next` was dropped first, this reads a dead value.
///         if let Some(next) = self.next.get() {
///             let _ = next.next.get();
///         }
///     }
/// }
///
/// let arena = Arena::new();
/// let a = arena.alloc(Node { next: Cell::new(None) });
/// let b = arena.alloc(Node { next: Cell::new(Some(a)) });
/// a.next.set(Some(b));
/// ```
///
/// # Drop tracing
///
/// While a [drop trace](crate::trace) is captured, dropping an arena
/// records it as a frame labelled `Arena<T>`: the values it drops, in the
/// order above, then a `freed` line for each heap block it gives back (each
/// chunk, right after its values, and the list of chunks). A walk cannot
/// see the values (they are lent out as `&mut`), so nothing announces them
/// and each shows up under `[?]`, marked uncertain. The arena has no `Drop`
/// impl of its own (that is what keeps cycles legal), so small fields
/// record these events instead; they cost 64 bytes per arena (on 64-bit
/// targets, its first chunk's share included) and 24 more per later chunk,
/// and each block's free is recorded just after the block went back to the
/// allocator rather than just before.
///
/// ```
/// use ownkit::arena::Arena;
///
/// let report = ownkit::trace::capture(|| {
///     let arena = Arena::with_capacity(2);
///     arena.alloc(1_u64);
///     drop(arena);
/// });
/// report.assert_tree(
///     "
///     Arena<u64>
///     └── freed 16 bytes (align 8)
///     ",
/// );
/// ```
///
/// # Threads
///
/// An `Arena<T>` can be sent to another thread when `T` can (the values go
/// with it), but not shared between threads: allocating through `&self`
/// from two threads at once would race.
pub struct Arena<T>(RawArena<T>);

impl<T> Arena<T> {
    /// Makes an empty arena. It allocates nothing until the first value
    /// comes in.
    ///
    /// ```
    /// use ownkit::arena::Arena;
    ///
    /// let arena: Arena<u32> = Arena::new();
    /// assert!(arena.is_empty());
    /// ```
    pub const fn new() -> Self {
        Self(RawArena::new())
    }

    /// Makes an empty arena whose first chunk has room for `capacity`
    /// values.
    ///
    /// Later chunks are at least twice as big as the one before, so a good
    /// guess here saves a few allocations, and a bad one costs little.
    ///
    /// # Panics
    ///
    /// If `capacity` values of `T` would take more than `isize::MAX` bytes.
    ///
    /// ```
    /// use ownkit::arena::Arena;
    ///
    /// let arena = Arena::with_capacity(100);
    /// for i in 0..100 {
    ///     arena.alloc(i); // all in the first chunk
    /// }
    /// assert_eq!(arena.len(), 100);
    /// ```
    pub fn with_capacity(capacity: usize) -> Self {
        Self(RawArena::with_capacity(capacity))
    }

    /// Moves `value` into the arena and returns a mutable reference to it.
    ///
    /// The reference lives as long as the borrow of the arena, and stays
    /// valid across later allocations: values never move.
    ///
    /// # Panics
    ///
    /// If a new chunk is needed and allocating it fails or would take more
    /// than `isize::MAX` bytes.
    ///
    /// ```
    /// use ownkit::arena::Arena;
    ///
    /// let arena = Arena::new();
    /// let first = arena.alloc(vec![1]);
    /// let second = arena.alloc(vec![2]);
    /// first.push(10); // both references are usable at once
    /// second.push(20);
    /// assert_eq!((&first[..], &second[..]), (&[1, 10][..], &[2, 20][..]));
    /// ```
    #[inline]
    #[allow(
        clippy::mut_from_ref,
        reason = "every call hands out a different value, never one already handed out"
    )]
    pub fn alloc(&self, value: T) -> &mut T {
        self.0.alloc(value)
    }

    /// Moves every value of `iterable` into the arena, side by side, and
    /// returns them as one slice.
    ///
    /// The iterator runs to the end *before* the arena is touched: the
    /// values are gathered in a temporary `Vec` (none is needed when
    /// `iterable` is a `Vec` or its `into_iter()`, which hand over their own
    /// buffer) and then moved into a chunk with room for all of them. So:
    ///
    /// - a `size_hint` that is wrong in either direction only costs the
    ///   temporary `Vec` a reallocation;
    /// - if the iterator panics, the values it yielded so far are dropped
    ///   with the temporary `Vec`, and the arena is left as it was;
    /// - the iterator may itself allocate from this arena; those values come
    ///   before the returned slice in allocation order.
    ///
    /// An empty iterator gives an empty slice and allocates nothing.
    ///
    /// # Panics
    ///
    /// If the iterator panics, or if allocating fails or would take more than
    /// `isize::MAX` bytes.
    ///
    /// ```
    /// use ownkit::arena::Arena;
    ///
    /// let arena = Arena::new();
    /// let one = arena.alloc(1);
    /// let run = arena.alloc_extend(2..=4);
    /// run[0] = 20;
    /// *one = 10;
    /// assert_eq!(run, [20, 3, 4]);
    /// assert_eq!(arena.into_vec(), [10, 20, 3, 4]);
    /// ```
    #[allow(
        clippy::mut_from_ref,
        reason = "every call hands out different values, never ones already handed out"
    )]
    pub fn alloc_extend<I>(&self, iterable: I) -> &mut [T]
    where
        I: IntoIterator<Item = T>,
    {
        self.0.alloc_vec(iterable.into_iter().collect())
    }

    /// How many values the arena holds.
    ///
    /// This adds up the lengths of the chunks, of which there are
    /// `O(log n)` for `n` values.
    ///
    /// ```
    /// use ownkit::arena::Arena;
    ///
    /// let arena = Arena::new();
    /// arena.alloc('a');
    /// arena.alloc_extend(['b', 'c']);
    /// assert_eq!(arena.len(), 3);
    /// ```
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the arena holds no values.
    ///
    /// ```
    /// use ownkit::arena::Arena;
    ///
    /// let arena = Arena::new();
    /// assert!(arena.is_empty());
    /// arena.alloc(1);
    /// assert!(!arena.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Iterates over mutable references to every value, in allocation order.
    ///
    /// It takes `&mut self`, so no reference from [`alloc`](Arena::alloc)
    /// may still be in use; the compiler checks that:
    ///
    /// ```compile_fail,E0502
    /// use ownkit::arena::Arena;
    ///
    /// let mut arena = Arena::new();
    /// let held = arena.alloc(1);
    /// for value in arena.iter_mut() {
    ///     *value += 1;
    /// }
    /// *held += 1; // `held` would alias a value the loop changed
    /// ```
    ///
    /// ```
    /// use ownkit::arena::Arena;
    ///
    /// let mut arena = Arena::with_capacity(1);
    /// arena.alloc(1);
    /// arena.alloc_extend([2, 3]); // a second chunk
    /// for value in arena.iter_mut() {
    ///     *value *= 10;
    /// }
    /// assert_eq!(arena.into_vec(), [10, 20, 30]);
    /// ```
    pub fn iter_mut(&mut self) -> IterMut<'_, T> {
        IterMut {
            chunks: self.0.chunks_mut(),
            within: slice::IterMut::default(),
        }
    }

    /// Moves every value out of the arena into a `Vec`, in allocation
    /// order.
    ///
    /// If everything fits in the first chunk, that chunk becomes the `Vec`
    /// with no copying; otherwise the chunks are moved into one new `Vec`.
    ///
    /// ```
    /// use ownkit::arena::Arena;
    ///
    /// let arena = Arena::new();
    /// arena.alloc("first");
    /// arena.alloc_extend(["second", "third"]);
    /// assert_eq!(arena.into_vec(), ["first", "second", "third"]);
    /// ```
    pub fn into_vec(self) -> Vec<T> {
        self.0.into_vec()
    }

    /// What the arena tells a drop trace about itself: the address and
    /// type its drop records.
    pub(crate) fn pointer_info(&self) -> crate::observe::PointerInfo {
        self.0.pointer_info()
    }
}

impl<T> Default for Arena<T> {
    /// An empty arena, as [`Arena::new`].
    ///
    /// ```
    /// use ownkit::arena::Arena;
    ///
    /// let arena: Arena<String> = Arena::default();
    /// assert_eq!(arena.len(), 0);
    /// ```
    fn default() -> Self {
        Self::new()
    }
}

impl<T> fmt::Debug for Arena<T> {
    /// Shows how many values the arena holds, not the values: printing them
    /// would need `&mut self` (the arena may have lent them all out).
    ///
    /// ```
    /// use ownkit::arena::Arena;
    ///
    /// let arena = Arena::new();
    /// arena.alloc_extend([1, 2, 3]);
    /// assert_eq!(format!("{arena:?}"), "Arena { len: 3 }");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Arena").field("len", &self.len()).finish()
    }
}

impl<'a, T> IntoIterator for &'a mut Arena<T> {
    type Item = &'a mut T;
    type IntoIter = IterMut<'a, T>;

    /// The same as [`Arena::iter_mut`].
    ///
    /// ```
    /// use ownkit::arena::Arena;
    ///
    /// let mut arena = Arena::new();
    /// arena.alloc_extend([1, 2]);
    /// for value in &mut arena {
    ///     *value += 1;
    /// }
    /// assert_eq!(arena.into_vec(), [2, 3]);
    /// ```
    fn into_iter(self) -> IterMut<'a, T> {
        self.iter_mut()
    }
}

/// Mutable references to the values of an [`Arena`], in allocation order;
/// made by [`Arena::iter_mut`].
///
/// ```
/// use ownkit::arena::Arena;
///
/// let mut arena = Arena::new();
/// arena.alloc(1);
/// let mut values = arena.iter_mut();
/// assert_eq!(values.next(), Some(&mut 1));
/// assert_eq!(values.next(), None);
/// ```
pub struct IterMut<'a, T> {
    /// The chunks not started yet.
    chunks: ChunksMut<'a, T>,
    /// What is left of the chunk being walked.
    within: slice::IterMut<'a, T>,
}

impl<'a, T> Iterator for IterMut<'a, T> {
    type Item = &'a mut T;

    #[inline]
    fn next(&mut self) -> Option<&'a mut T> {
        loop {
            if let Some(value) = self.within.next() {
                return Some(value);
            }
            self.within = self.chunks.next()?.iter_mut();
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let here = self.within.len();
        match self.chunks.size_hint() {
            (0, _) => (here, Some(here)),
            _ => (here, None),
        }
    }
}

impl<T> FusedIterator for IterMut<'_, T> {}

impl<T> fmt::Debug for IterMut<'_, T> {
    /// Shows how many values are left in the chunk being walked.
    ///
    /// ```
    /// use ownkit::arena::Arena;
    ///
    /// let mut arena = Arena::new();
    /// arena.alloc_extend([1, 2]);
    /// let mut values = arena.iter_mut();
    /// values.next();
    /// assert_eq!(format!("{values:?}"), "IterMut { left_in_chunk: 1, .. }");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IterMut")
            .field("left_in_chunk", &self.within.len())
            .finish_non_exhaustive()
    }
}
