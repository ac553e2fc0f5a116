//! The heap block behind [`Rc`] and [`Arc`]: a header of counts, then the
//! value.
//!
//! Both pointer families allocate the same shape, a `repr(C)`
//! [`SharedBlock<C, T>`], and differ only in the header `C`: plain `Cell` counts for
//! `Rc`, atomic counts for `Arc`. Everything here is about the shape and
//! knows nothing of counting: where the value sits, how large the block is,
//! and how to allocate one and fill its value in the ways the `From` impls
//! need (a moved `Vec`, a cloned slice, a std `Box`). The count logic, and
//! with it the decision of when a block is freed, stays in `rc.rs` and
//! `arc.rs`.
//!
//! # Where the value sits
//!
//! `repr(C)` fixes the layout to the one the C rule gives, which this file
//! computes by hand in two places: the value starts after the header, rounded
//! up to the value's alignment ([`value_offset`]), and the block is the header
//! extended by the value's layout, padded to the larger alignment
//! ([`block_layout`]). That is what lets `from_raw` step back from a value to
//! its block, and lets `From<Box<T>>` size a block for a `dyn Trait` value
//! before any `SharedBlock<C, dyn Trait>` exists.
//!
//! # Dead blocks
//!
//! Once its value is gone (dropped, moved out, or not made yet while
//! `new_cyclic` runs), a block has nothing left to count strong owners of,
//! yet it may live on for its `Weak`s. Its strong count then holds the
//! block's layout instead, as a *dead count* ([`dead_strong_count`]): the
//! block's size with half its alignment added in, every bit of the word
//! flipped. The size is a multiple of the alignment (a block is padded to
//! it), so the bit for half the alignment is free in the size, and it is
//! the lowest bit set: [`dead_block_layout`] flips the bits back and finds
//! the alignment again from it. The size is at most `isize::MAX`, so a dead
//! count has the top bit set, and a real count never has: a count that
//! would pass `isize::MAX` aborts the process first (`rc.rs`, `arc.rs`).
//!
//! Why flipped rather than the top bit added in: for the small blocks most
//! values live in, the dead count is then a small negative number, which
//! x86-64 stores with one instruction (a 32-bit immediate, sign-extended)
//! where a word with only the top bit set above a small number needs a
//! 64-bit constant loaded into a register first. An `Arc` writes it on the
//! path of every last drop.
//!
//! Why the block keeps its layout: the last `Weak` frees the block, and it
//! does so through a part of the `Weak` that does not know the value's type
//! (see "Why a `Weak` may outlive what its value borrows" in `rc.rs`). All
//! it has is the block's address, so the block must tell it how large it
//! is. The strong count of a dead block is the one word of the block that
//! nobody needs any more. Whenever the strong owners give up their
//! implicit weak while a `Weak` remains, the layout is there by then (an
//! `Arc` writes it before its decrement, which another thread's `Weak` may
//! follow at once; an `Rc` may write it just after, on the one thread it
//! lives on).
//!
//! # Dead values
//!
//! Two places still need the alignment or the layout of a value that may
//! already have been dropped: `Weak::from_raw` stepping back from the value
//! to the block ([`block_of_value`]), and a walk measuring a `Rc` block
//! through a `Weak` (`rc.rs`, only while the value is alive). For a
//! `dyn Trait` or slice value, the size and alignment live in the pointer's
//! metadata (vtable or length), and stable Rust reads them only through a
//! reference (`Layout::for_value`, `align_of_val`); the raw-pointer versions
//! (`for_value_raw`, `align_of_val_raw`) are unstable. So these places
//! create a `&` to the possibly dropped value, as std itself did before
//! those functions existed. That is sound because:
//! - the memory is still allocated (the caller holds a weak count) and
//!   aligned, which is what a reference must point at;
//! - the reference is only handed to functions that read the metadata, never
//!   the bytes of the value;
//! - no rule of the language makes a reference assert that the bytes it
//!   points at form a valid value (the "validity of the pointee" question is
//!   open, and Miri, std and the Unsafe Code Guidelines all treat such a
//!   reference as fine as long as nothing is read through it).
//!
//! # Invariants
//!
//! A block has no state of its own to keep consistent: the counts, and with
//! them the decision of when a block is freed, belong to `rc.rs` and
//! `arc.rs`. What this file keeps true is the shape:
//!
//! 1. **A block is laid out as `repr(C)` lays out a `SharedBlock<C, T>`**,
//!    and [`value_offset`] and [`block_layout`] compute that same layout by
//!    hand (checked by a `debug_assert!` in `block_layout` and by the tests).
//! 2. **Every block comes from the global allocator with the layout that
//!    `Layout::for_value` gives for it**, whether this file allocated it or a
//!    `StdBox<SharedBlock<C, T>>` did; that is what lets [`free`] find the
//!    layout again from the pointer alone.
//! 3. **[`DANGLING`] is never the address of a block, nor of a value in
//!    one**: a block is aligned to at least its header's alignment, so it
//!    never starts at that odd address.
//! 4. **A [`PartialSlice`] owns its block and exactly the elements written
//!    so far** (the `// INVARIANT:`s on its fields), so a panicking `clone`
//!    or iterator leaks nothing and drops nothing twice.
//! 5. **A dead count decodes to the layout it was made from**:
//!    [`dead_block_layout`] inverts [`dead_strong_count`] for every block
//!    layout (aligned to at least 4, which the headers of `rc.rs` and
//!    `arc.rs` assert), and [`is_dead`] is true of every dead count and of
//!    no count up to `isize::MAX + 1`.
//!
//! # What the safe layer may rely on
//!
//! Nothing here reaches the public modules: `SharedBlock` and its functions
//! are `pub(super)`, for `rc.rs` and `arc.rs`. What those two build on:
//!
//! - functions that hand out a block return a `NonNull<SharedBlock<C, T>>`
//!   whose header is written and whose value is initialized, unless they say
//!   otherwise; turning it into a counted pointer is the caller's (unsafe)
//!   step;
//! - [`block_of_value`] steps back from a value (alive or dropped) to its
//!   block;
//! - [`free`] gives a block back to the allocator without dropping anything,
//!   once the counts say it is time, given the block's layout;
//! - a dead count carries that layout from the pointer that took the value
//!   away to the pointer that frees the block ([`dead_strong_count`],
//!   [`dead_block_layout`]).
//!
//! [`Rc`]: crate::rc::Rc
//! [`Arc`]: crate::sync::Arc

use alloc_crate::alloc::{Layout, alloc, dealloc, handle_alloc_error};
use alloc_crate::boxed::Box as StdBox;
use alloc_crate::vec::Vec;
use core::mem::{self, ManuallyDrop};
use core::ptr::{self, NonNull};

use crate::raw::with_address_of;

/// One heap block of a shared pointer: the counts, then the value.
///
/// `repr(C)` fixes the field order and offsets so that [`value_offset`] and
/// [`block_layout`] can compute them without a `SharedBlock<C, T>` at hand, and so
/// that every block starts with its header whatever `T` is.
#[repr(C)]
pub(super) struct SharedBlock<C, T: ?Sized> {
    pub(super) counts: C,
    pub(super) value: T,
}

/// The byte offset of the value inside a `SharedBlock<C, _>` whose value has
/// alignment `value_align`: right after the header, rounded up to the
/// value's alignment.
#[inline]
pub(super) const fn value_offset<C>(value_align: usize) -> usize {
    mem::size_of::<SharedBlock<C, ()>>().next_multiple_of(value_align)
}

/// The layout of a `SharedBlock<C, _>` whose value has layout `value`: the header
/// extended by the value, padded to the larger alignment, as `repr(C)` does.
///
/// # Panics
///
/// If the block would be larger than `isize::MAX` bytes.
pub(super) fn block_layout<C>(value: Layout) -> Layout {
    let (layout, offset) = Layout::new::<SharedBlock<C, ()>>()
        .extend(value)
        .expect("block larger than isize::MAX bytes");
    debug_assert_eq!(
        offset,
        value_offset::<C>(value.align()),
        "value offset for {value:?}"
    );
    layout.pad_to_align()
}

/// The address a `Weak::new` points at instead of a block.
///
/// A real block is aligned to at least its header's alignment (a `usize`),
/// so it never starts at this odd address, and a value inside a block never
/// does either.
pub(super) const DANGLING: usize = usize::MAX;

/// A pointer to no block, for `Weak::new`: the [`DANGLING`] address.
#[inline]
pub(super) const fn dangling<C, T>() -> NonNull<SharedBlock<C, T>> {
    let sentinel = ptr::without_provenance_mut::<SharedBlock<C, T>>(DANGLING);
    // SAFETY: `DANGLING` is not zero.
    unsafe { NonNull::new_unchecked(sentinel) }
}

/// Whether `ptr` is the [`DANGLING`] address of a `Weak::new` rather than a
/// real block or value.
#[inline]
pub(super) fn is_dangling<T: ?Sized>(ptr: *const T) -> bool {
    ptr.cast::<()>().addr() == DANGLING
}

/// The block that `value` (a pointer to the value inside a block, as
/// `as_ptr` returns it) lives in.
///
/// # Safety
///
/// `value` must point at the value of an allocated `SharedBlock<C, T>`. The value
/// may be dropped: its alignment is read from the pointer's metadata only,
/// see "Dead values" in the module docs.
#[inline]
pub(super) unsafe fn block_of_value<C, T: ?Sized>(value: *const T) -> NonNull<SharedBlock<C, T>> {
    // SAFETY: `value` is inside an allocated block (caller), aligned; the
    // reference is read for the alignment its metadata gives, nothing else.
    let value_align = mem::align_of_val(unsafe { &*value });
    let block = value.wrapping_byte_sub(value_offset::<C>(value_align)) as *mut SharedBlock<C, T>;
    // SAFETY: `block` is the start of the allocated block `value` lives in
    // (the value sits `value_offset` bytes in), which is not null.
    unsafe { NonNull::new_unchecked(block) }
}

/// Allocates a block for a value of layout `value_layout` and writes the
/// header `counts`; the value is not written.
///
/// `to_wide` turns the block's address into a pointer carrying the value's
/// metadata (a slice length or a vtable); it must keep the address.
fn allocate_uninit<C, T: ?Sized>(
    counts: C,
    value_layout: Layout,
    to_wide: impl FnOnce(*mut u8) -> *mut SharedBlock<C, T>,
) -> NonNull<SharedBlock<C, T>> {
    let layout = block_layout::<C>(value_layout);
    // SAFETY: `layout` has a non-zero size: it includes the header's counts.
    let raw = unsafe { alloc(layout) };
    if raw.is_null() {
        handle_alloc_error(layout);
    }
    let block = to_wide(raw);
    debug_assert_eq!(block.cast::<u8>(), raw, "to_wide moved the address");
    // SAFETY: the header is the first field of every `SharedBlock<C, _>`
    // (`repr(C)`), and the fresh block is at least `SharedBlock<C, ()>` large and
    // aligned for it (`layout` extends that layout).
    unsafe {
        raw.cast::<SharedBlock<C, ()>>()
            .write(SharedBlock { counts, value: () })
    };
    // SAFETY: `block` has the address of `raw`, which is not null (checked
    // above; `handle_alloc_error` does not return).
    unsafe { NonNull::new_unchecked(block) }
}

/// Allocates a block for a slice of `len` elements and writes the header
/// `counts`; the elements are not written.
///
/// # Panics
///
/// If the block would be larger than `isize::MAX` bytes.
fn allocate_uninit_slice<C, T>(counts: C, len: usize) -> NonNull<SharedBlock<C, [T]>> {
    let value_layout = Layout::array::<T>(len).expect("slice larger than isize::MAX bytes");
    allocate_uninit(counts, value_layout, |raw| {
        ptr::slice_from_raw_parts_mut(raw.cast::<T>(), len) as *mut SharedBlock<C, [T]>
    })
}

/// A pointer to the first element of a slice block, for filling it.
#[inline]
fn first_element<C, T>(block: NonNull<SharedBlock<C, [T]>>) -> *mut T {
    // SAFETY: the projection stays inside the allocated block.
    unsafe { &raw mut (*block.as_ptr()).value }.cast::<T>()
}

/// Allocates a slice block and fills it with a bitwise copy of `len`
/// elements read from `src`.
///
/// # Safety
///
/// `src` must be valid for reading `len` elements of `T`. The elements are
/// moved into the block: unless `T` is `Copy`, the caller must make sure the
/// originals are never dropped or used again.
unsafe fn allocate_slice_moved_from<C, T>(
    counts: C,
    src: *const T,
    len: usize,
) -> NonNull<SharedBlock<C, [T]>> {
    let block = allocate_uninit_slice::<C, T>(counts, len);
    // SAFETY:
    // - `src` is valid for reading `len` elements (caller);
    // - the block's elements are valid for writing `len` elements (the block
    //   was sized for them) and aligned;
    // - they do not overlap (the block is a fresh allocation).
    unsafe { ptr::copy_nonoverlapping(src, first_element(block), len) };
    block
}

/// A block holding the elements of `vec`, moved: one allocation, one copy.
/// The vector's buffer is freed without dropping the elements.
pub(super) fn from_vec<C, T>(counts: C, mut vec: Vec<T>) -> NonNull<SharedBlock<C, [T]>> {
    // SAFETY: `vec.as_ptr()` is valid for reading `len` elements, and they
    // are not dropped again: `set_len(0)` follows with nothing in between
    // that could panic.
    let block = unsafe { allocate_slice_moved_from(counts, vec.as_ptr(), vec.len()) };
    // SAFETY: 0 <= capacity, and the elements beyond the new length were
    // moved into the block, so `vec` must not drop them.
    unsafe { vec.set_len(0) };
    block
}

/// A block holding the elements of `array`, moved.
pub(super) fn from_array<C, T, const N: usize>(
    counts: C,
    array: [T; N],
) -> NonNull<SharedBlock<C, [T]>> {
    let array = ManuallyDrop::new(array);
    // SAFETY: the array is readable for `N` elements, and `ManuallyDrop`
    // keeps it from dropping the elements that now live in the block.
    unsafe { allocate_slice_moved_from(counts, array.as_ptr(), N) }
}

/// A block holding a copy of `text`.
pub(super) fn from_str<C>(counts: C, text: &str) -> NonNull<SharedBlock<C, str>> {
    // SAFETY: `text` is readable for `len` bytes, and `u8` is `Copy`.
    let bytes = unsafe { allocate_slice_moved_from(counts, text.as_ptr(), text.len()) };
    // Same metadata (a byte length), same layout; the bytes are a copy of a
    // `str`, so they are valid UTF-8.
    let block = bytes.as_ptr() as *mut SharedBlock<C, str>;
    // SAFETY: `block` has the address of `bytes`, which is not null.
    unsafe { NonNull::new_unchecked(block) }
}

/// Unsized values that are plain bytes: a copy of their bytes is a value
/// of its own, equal to the original.
///
/// # Safety
///
/// Implement it only for a type whose every value may be duplicated byte
/// for byte: no drop glue, nothing owned and nothing borrowed exclusively
/// in its bytes, and no invariant tied to its address. `[Box<u8>]` or
/// `[&mut u8]` would break the first two.
pub(crate) unsafe trait PlainBytes {}

// SAFETY: a `CStr` is its bytes, the last of them a nul: copied, they are
// the same C string, owning and borrowing nothing.
unsafe impl PlainBytes for core::ffi::CStr {}

// SAFETY: an `OsStr` is bytes in the platform's encoding (Unix bytes, or
// WTF-8 on Windows): copied, they are the same string, owning nothing.
#[cfg(feature = "std")]
unsafe impl PlainBytes for std::ffi::OsStr {}

// SAFETY: a `Path` is an `OsStr` (`repr(transparent)` over it, std
// documents `Path::new` as a free cast): see the impl for `OsStr`.
#[cfg(feature = "std")]
unsafe impl PlainBytes for std::path::Path {}

/// A block holding a copy of `value`'s bytes, whatever its metadata (a
/// byte length for `CStr`, `OsStr` and `Path`): one allocation, one copy.
pub(super) fn from_bitwise_copy<C, T: ?Sized + PlainBytes>(
    counts: C,
    value: &T,
) -> NonNull<SharedBlock<C, T>> {
    // SAFETY: `value` is a live reference, and its copy is a value of its
    // own that owns nothing (`T: PlainBytes`), so the original may go on
    // being used and dropped.
    unsafe { from_moved_value(counts, value) }
}

/// A block holding a bitwise copy of `*value`, sized or not: the block is
/// sized by `Layout::for_value`, and its pointer gets `value`'s metadata
/// (a slice length, a vtable). One allocation, one copy.
///
/// This is a move: `make_mut` moving a unique value out of a block that
/// `Weak`s still hold, and [`from_bitwise_copy`].
///
/// # Safety
///
/// `value` must point at a live value, and the copy takes it over: the
/// caller must never drop or use the original again, unless a bitwise copy
/// of it is a value of its own ([`PlainBytes`]).
pub(super) unsafe fn from_moved_value<C, T: ?Sized>(
    counts: C,
    value: *const T,
) -> NonNull<SharedBlock<C, T>> {
    // SAFETY: `value` points at a live value (caller); the reference is
    // read for the layout its metadata gives.
    let value_layout = Layout::for_value(unsafe { &*value });
    let metadata_source = value.cast_mut() as *mut SharedBlock<C, T>;
    let block = allocate_uninit(counts, value_layout, |raw| {
        with_address_of(metadata_source, raw)
    });
    // SAFETY: the projection stays inside the fresh block.
    let slot = unsafe { &raw mut (*block.as_ptr()).value };
    // SAFETY:
    // - `value` is readable for `size_of_val` bytes (a live value, caller);
    // - `slot` is writable for as many (the block was sized by the same
    //   layout) and aligned;
    // - they do not overlap (a fresh allocation);
    // - the copy takes the value over (caller).
    unsafe {
        ptr::copy_nonoverlapping(value.cast::<u8>(), slot.cast::<u8>(), value_layout.size());
    };
    block
}

/// The same block seen as a block of an array of `N` elements, if the
/// slice it holds is `N` long: `SharedBlock<C, [T]>` with `N` elements and
/// `SharedBlock<C, [T; N]>` have the same layout under `repr(C)` (the value
/// starts at `value_offset` for `T`'s alignment in both, and is `N`
/// elements long), so only the pointer's type changes.
pub(super) fn slice_block_as_array<C, T, const N: usize>(
    block: NonNull<SharedBlock<C, [T]>>,
    len: usize,
) -> Option<NonNull<SharedBlock<C, [T; N]>>> {
    (len == N).then(|| block.cast::<SharedBlock<C, [T; N]>>())
}

/// A slice block being filled, element by element.
///
/// It owns what it has so far: if it is dropped before [`finish`]
/// (because a `clone` or an iterator panicked), it drops the elements
/// written and frees the block. Nothing leaks, nothing is dropped twice.
///
/// [`finish`]: PartialSlice::finish
struct PartialSlice<C, T> {
    // INVARIANT: a block from `allocate_uninit_slice` with room for
    // `capacity` elements, owned by this guard alone.
    block: NonNull<SharedBlock<C, [T]>>,
    capacity: usize,
    // INVARIANT: the first `initialized` elements are written, and
    // `initialized <= capacity`.
    initialized: usize,
}

impl<C, T> PartialSlice<C, T> {
    fn new(counts: C, capacity: usize) -> Self {
        PartialSlice {
            block: allocate_uninit_slice::<C, T>(counts, capacity),
            capacity,
            initialized: 0,
        }
    }

    fn is_full(&self) -> bool {
        self.initialized == self.capacity
    }

    /// Writes the next element.
    ///
    /// # Panics
    ///
    /// If the block is full already.
    fn push(&mut self, item: T) {
        assert!(
            !self.is_full(),
            "slice block of {} overfilled",
            self.capacity
        );
        // SAFETY: `initialized < capacity`, so the offset stays inside the
        // block.
        let slot = unsafe { first_element(self.block).add(self.initialized) };
        // SAFETY: `slot` is inside the block, aligned, and not written yet
        // (the elements before it are, see `initialized`).
        unsafe { slot.write(item) };
        self.initialized += 1;
    }

    /// The full block, handed over to the caller.
    ///
    /// # Panics
    ///
    /// If not every element is written.
    fn finish(self) -> NonNull<SharedBlock<C, [T]>> {
        assert!(
            self.is_full(),
            "slice block finished with {} of {} elements",
            self.initialized,
            self.capacity
        );
        ManuallyDrop::new(self).block
    }

    /// Moves the elements written so far into a `Vec` with room for
    /// `additional` more, and frees the block.
    fn into_vec(mut self, additional: usize) -> Vec<T> {
        let mut vec = Vec::with_capacity(self.initialized.saturating_add(additional));
        // SAFETY:
        // - the block's first `initialized` elements are written (field
        //   invariant) and readable;
        // - `vec` has room for at least as many, aligned;
        // - they do not overlap (two different allocations).
        unsafe {
            ptr::copy_nonoverlapping(
                first_element(self.block),
                vec.as_mut_ptr(),
                self.initialized,
            );
        };
        // SAFETY: `initialized <= capacity` of `vec`, and those elements were
        // just written.
        unsafe { vec.set_len(self.initialized) };
        // The elements belong to `vec` now; dropping the guard frees the
        // block only.
        self.initialized = 0;
        vec
    }
}

impl<C, T> Drop for PartialSlice<C, T> {
    fn drop(&mut self) {
        let written = ptr::slice_from_raw_parts_mut(first_element(self.block), self.initialized);
        // SAFETY: the first `initialized` elements are initialized (field
        // invariant) and owned by nothing else.
        unsafe { ptr::drop_in_place(written) };
        let layout = block_layout::<C>(
            Layout::array::<T>(self.capacity).expect("checked by allocate_uninit_slice"),
        );
        // SAFETY: the block came from `allocate_uninit` with the layout of a
        // block of `capacity` elements, and nothing else points at it (field
        // invariant); its elements are dropped.
        unsafe { free(self.block, layout) };
    }
}

/// A block holding clones of the elements of `slice`, one allocation.
///
/// If a clone panics, the elements cloned so far are dropped and the block
/// is freed.
pub(super) fn from_slice_cloned<C, T: Clone>(
    counts: C,
    slice: &[T],
) -> NonNull<SharedBlock<C, [T]>> {
    let mut partial = PartialSlice::new(counts, slice.len());
    for item in slice {
        partial.push(item.clone());
    }
    partial.finish()
}

/// A block holding the elements `iter` yields.
///
/// When the size hint is exact, the elements go straight into a block of
/// that length: one allocation, as std makes for the iterators it trusts.
/// Safe code may get its size hint wrong, so the count is checked as it
/// goes: an iterator that ends early or yields more moves what the block
/// holds into a `Vec`, and the block is made from that (two allocations,
/// what every other iterator costs). If the iterator panics, the elements
/// taken so far are dropped and nothing leaks.
pub(super) fn from_iter<C, T>(
    counts: impl Fn() -> C,
    iter: impl IntoIterator<Item = T>,
) -> NonNull<SharedBlock<C, [T]>> {
    let mut iter = iter.into_iter();
    let (lower, upper) = iter.size_hint();
    if upper != Some(lower) {
        return from_vec(counts(), iter.collect());
    }
    let mut partial = PartialSlice::new(counts(), lower);
    while !partial.is_full() {
        match iter.next() {
            Some(item) => partial.push(item),
            None => return from_vec(counts(), partial.into_vec(0)),
        }
    }
    match iter.next() {
        None => partial.finish(),
        Some(extra) => {
            let mut vec = partial.into_vec(1 + iter.size_hint().0);
            vec.push(extra);
            vec.extend(iter);
            from_vec(counts(), vec)
        }
    }
}

/// A block holding the value of a std `Box`, moved without dropping it and
/// without a second copy.
///
/// The block is sized from the box's value (`Layout::for_value`, which reads
/// a slice length or a vtable), the value's bytes are copied in, and the
/// box's memory is freed through `Box<ManuallyDrop<T>>`, which deallocates
/// but does not drop. The pointer to the new block gets the box's metadata,
/// so a `dyn Trait` value keeps its vtable.
pub(super) fn from_box<C, T: ?Sized>(counts: C, boxed: StdBox<T>) -> NonNull<SharedBlock<C, T>> {
    let value_layout = Layout::for_value::<T>(&boxed);
    let metadata_source = (&raw const *boxed).cast_mut() as *mut SharedBlock<C, T>;
    // Allocate while `boxed` still owns the value: if this panics, the box
    // drops it normally.
    let block = allocate_uninit(counts, value_layout, |raw| {
        with_address_of(metadata_source, raw)
    });
    let boxed = StdBox::into_raw(boxed);
    // SAFETY: the projection stays inside the fresh block.
    let slot = unsafe { &raw mut (*block.as_ptr()).value };
    // SAFETY:
    // - the box's value is readable for `size_of_val` bytes;
    // - `slot` is writable for as many (the block was sized by the same
    //   layout) and aligned;
    // - they do not overlap (two different allocations).
    unsafe {
        ptr::copy_nonoverlapping(boxed.cast::<u8>(), slot.cast::<u8>(), value_layout.size());
    };
    // SAFETY: `boxed` came from `Box::into_raw` just above, and
    // `ManuallyDrop<T>` is `repr(transparent)` over `T`, same layout and
    // metadata: dropping this box frees its memory and drops nothing, which
    // is right as the value now lives in the block.
    drop(unsafe { StdBox::from_raw(boxed as *mut ManuallyDrop<T>) });
    block
}

/// Frees a block without dropping its header or value.
///
/// # Safety
///
/// - `block` must point at a block from this file or from
///   `StdBox<SharedBlock<C, T>>`, allocated by the global allocator with
///   `layout` (the layout `Layout::for_value` gives for it, which a dead
///   count carries), and be freed once;
/// - the value must be dropped, moved out or never written (this frees the
///   memory only), and nothing may use the block afterwards. The header is
///   not dropped either: headers are plain counts.
pub(super) unsafe fn free<H: ?Sized>(block: NonNull<H>, layout: Layout) {
    // SAFETY: the block came from the global allocator with this layout and
    // is freed once (caller).
    unsafe { dealloc(block.as_ptr().cast::<u8>(), layout) };
}

/// The top bit of a strong count: set in a dead count only (see "Dead
/// blocks" in the module docs).
const DEAD_FLAG: usize = 1 << (usize::BITS - 1);

/// The strong count of a block whose value is gone: the block's layout
/// packed into a word, every bit flipped (see "Dead blocks" in the module
/// docs).
///
/// `block` is the layout of the whole block, as `Layout::for_value` gives
/// it, which is what [`free`] needs.
#[inline]
pub(super) fn dead_strong_count(block: Layout) -> usize {
    let half_align = block.align() >> 1;
    // A header of counts is at least 4-aligned (asserted in `rc.rs` and
    // `arc.rs`), so half the alignment is a bit of its own, and not bit 0.
    debug_assert!(half_align >= 2, "block of {block:?} aligned to less than 4");
    // The size is a multiple of the alignment, so `half_align` falls in a
    // bit the size leaves clear; the size is at most `isize::MAX`, so the
    // top bit is clear too, and set once flipped.
    debug_assert_eq!(block.size() & (block.align() - 1), 0, "block of {block:?}");
    !(block.size() | half_align)
}

/// Whether the strong count `strong` is a dead count: the block's value is
/// gone for good, or not there yet (`new_cyclic`).
///
/// A dead count is above [`DEAD_FLAG`] (flipped, the packed layout has the
/// top bit set, and bit 0 too: half the alignment is at least 2, and the
/// size a multiple of it), and a real count reaches no further than
/// `DEAD_FLAG` itself (`isize::MAX + 1`)
/// except in the instant before the process aborts on an overflowing
/// `Arc` count (see `check_increment` in `arc.rs`).
#[inline]
pub(super) const fn is_dead(strong: usize) -> bool {
    strong > DEAD_FLAG
}

/// Whether the strong count `strong` says the value is there: a real count,
/// neither 0 nor dead. One compare: `strong - 1` wraps for 0, and is at
/// least `DEAD_FLAG` for a dead count.
#[inline(always)]
pub(super) const fn holds_value(strong: usize) -> bool {
    strong.wrapping_sub(1) < DEAD_FLAG
}

/// The block layout a dead count was made from by [`dead_strong_count`].
#[inline]
pub(super) fn dead_block_layout(strong: usize) -> Layout {
    debug_assert!(is_dead(strong), "strong count {strong:#x} is not dead");
    let packed = !strong;
    // The lowest bit set is half the alignment (see `dead_strong_count`).
    let half_align = packed & packed.wrapping_neg();
    match Layout::from_size_align(packed & !half_align, half_align << 1) {
        Ok(layout) => layout,
        Err(_) => unreachable!("strong count {strong:#x} is no layout"),
    }
}

#[cfg(test)]
mod tests;
