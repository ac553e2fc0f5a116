//! The unsafe core of [`Rc`] and [`Weak`]: one heap block, two counts.
//!
//! # The block
//!
//! Every `Rc` family shares one heap block, an `RcInner<T>`: a strong count, a
//! weak count and the value, in that order. Pointers to the block come in two
//! kinds, [`RcPtr`] (inside [`Rc`]) and [`WeakPtr`] (inside [`Weak`]):
//!
//! - **strong** is the number of `RcPtr`s. The value is alive exactly while
//!   strong > 0, and the `RcPtr` that takes strong from 1 to 0 drops it.
//! - **weak** is the number of `WeakPtr`s, **plus one while strong > 0**: the
//!   strong owners collectively hold one implicit weak reference. The block is
//!   freed exactly when weak reaches 0, by whoever takes it there.
//!
//! The implicit weak is std's scheme, and the reason is that it gives the
//! block a single count to die by. Without it, the last `Rc` would have to ask
//! "are there Weaks left?" and the last `Weak` "are there Rcs left?", two
//! counts read in two places. With it, the last `Rc` drops the value and then
//! releases the implicit weak exactly as if it were an ordinary `Weak`;
//! whoever brings weak to 0, that implicit weak or the last real `Weak`, frees
//! the block. The hot paths of `Rc` (`clone`, `drop` while others remain) never
//! look at the weak count at all.
//!
//! # Invariants the safe layer may rely on
//!
//! - An `RcPtr` always points at an allocated block whose strong count counts
//!   it, so strong >= 1 and the value is initialized. Shared references to the
//!   value live as long as a borrow of the `RcPtr`.
//! - A `WeakPtr` is either the dangling sentinel of [`Weak::new`] (address
//!   `usize::MAX`, no block behind it), or points at an allocated block whose
//!   weak count counts it. Its value may already be dropped or moved out
//!   (strong == 0), so a `WeakPtr` touches the counts through references to
//!   the count fields only, never through a reference to the whole block, with
//!   the one exception explained under "Dead values" below.
//! - Counts never wrap around: an increment that would wrap aborts the
//!   process (see `Counts::inc_strong`).
//! - Neither pointer is `Send` or `Sync`, see [`RcPtr`].
//!
//! Everything leaving this file is safe to call; the public `unsafe fn`s
//! (`Rc::from_raw` and friends) are declared here, at the end, so that the
//! rest of the crate stays free of `unsafe`.
//!
//! # Dead values
//!
//! Two places need the size or alignment of a value that may already have
//! been dropped: the last `Weak` computing the layout to free the block with,
//! and `Weak::from_raw` stepping back from the value to the block. For a
//! `dyn Trait` or slice value, the size and alignment live in the pointer's
//! metadata (vtable or length), and stable Rust reads them only through a
//! reference (`Layout::for_value`, `align_of_val`); the raw-pointer versions
//! (`for_value_raw`, `align_of_val_raw`) are unstable. So these two places
//! create a `&` to the dropped value, as std itself did before those functions
//! existed. That is sound because:
//! - the memory is still allocated (we hold a weak count) and aligned, which
//!   is what a reference must point at;
//! - the reference is only handed to functions that read the metadata, never
//!   the bytes of the value;
//! - no rule of the language makes a reference assert that the bytes it
//!   points at form a valid value (the "validity of the pointee" question is
//!   open, and Miri, std and the Unsafe Code Guidelines all treat such a
//!   reference as fine as long as nothing is read through it).
//!
//! # Where the value sits
//!
//! `RcInner` is `repr(C)`, so its layout is the one the C rule gives, which
//! this file computes by hand in two places: the value starts after the two
//! counts, rounded up to the value's alignment ([`value_offset`]), and the
//! block is the counts extended by the value's layout, padded to the larger
//! alignment ([`block_layout`]). That is what lets `from_raw` step back from
//! a value to its block, and lets `From<Box<T>>` size a block for a
//! `dyn Trait` value before any `RcInner<dyn Trait>` exists.
//!
//! [`Rc`]: crate::rc::Rc
//! [`Weak`]: crate::rc::Weak
//! [`Weak::new`]: crate::rc::Weak::new

use alloc::alloc::{Layout, alloc, dealloc, handle_alloc_error};
use alloc::boxed::Box as StdBox;
use alloc::vec::Vec;
use core::any::Any;
use core::cell::Cell;
use core::hint;
use core::marker::PhantomData;
use core::mem::{self, ManuallyDrop, MaybeUninit};
use core::ptr::{self, NonNull};

use crate::raw::{abort_on_count_overflow, with_address_of};
use crate::rc::{Rc, Weak};

/// The heap block shared by an `Rc` family: the two counts, then the value.
///
/// `repr(C)` fixes the field order and offsets so that [`value_offset`] and
/// [`block_layout`] can compute them without an `RcInner<T>` at hand, and so
/// that `RcInner<()>` is exactly the two counts, a header every block starts
/// with. The counts are [`Cell`]s because every `Rc` and `Weak` of the family
/// updates them through a shared reference.
#[repr(C)]
struct RcInner<T: ?Sized> {
    // INVARIANT: the number of `RcPtr`s to this block. The value is
    // initialized and not yet dropped exactly while strong > 0, except inside
    // `RcPtr::new_cyclic` (strong == 0 while the value is being made) and
    // inside the functions of this file that take the value out.
    strong: Cell<usize>,
    // INVARIANT: the number of `WeakPtr`s to this block, plus one while
    // strong > 0 (the implicit weak of the strong owners). The block is
    // allocated exactly while weak > 0.
    weak: Cell<usize>,
    value: T,
}

/// Shared references to the two counts of a block, and nothing else.
///
/// A `WeakPtr` may point at a block whose value is dropped or moved out, so it
/// reaches the counts through this rather than through a `&RcInner<T>` that
/// would also cover the value.
#[derive(Clone, Copy)]
struct Counts<'a> {
    strong: &'a Cell<usize>,
    weak: &'a Cell<usize>,
}

impl Counts<'_> {
    /// Reads the counts of the block `inner` points at.
    ///
    /// # Safety
    ///
    /// `inner` must point at an allocated block whose counts are initialized,
    /// and the block must stay allocated for the lifetime the caller picks.
    #[inline]
    unsafe fn of<'a, T: ?Sized>(inner: NonNull<RcInner<T>>) -> Counts<'a> {
        let inner = inner.as_ptr();
        // SAFETY: `(*inner).strong` is in bounds of an allocated block whose
        // counts are initialized (caller), and `Cell` allows shared mutation.
        let strong = unsafe { &(*inner).strong };
        // SAFETY: as above, for the second count.
        let weak = unsafe { &(*inner).weak };
        Counts { strong, weak }
    }

    #[inline]
    fn strong(self) -> usize {
        self.strong.get()
    }

    #[inline]
    fn weak(self) -> usize {
        self.weak.get()
    }

    /// Adds one to the strong count, aborting if it would wrap.
    ///
    /// The add wraps rather than checks, and the overflow test looks at the
    /// result: one add and one compare against zero, std's code generation.
    /// Overflow aborts instead of panicking because a panic can be caught and
    /// the caller would carry on with a count of 0 while `usize::MAX + 1`
    /// `Rc`s exist; the next drop would free a value that is still in use.
    /// Only a `mem::forget` loop gets here (an `Rc` needs no memory once
    /// forgotten), which makes it reachable on 32-bit targets.
    ///
    /// # Safety
    ///
    /// The strong count must be non-zero: the caller holds an `RcPtr`, or
    /// checked it just before. (The optimizer is told so, as std does: it
    /// lets LLVM drop the overflow check in code that clones and then drops.)
    #[inline]
    unsafe fn inc_strong(self) {
        let strong = self.strong();
        // SAFETY: strong != 0 is this function's precondition.
        unsafe { hint::assert_unchecked(strong != 0) };
        let strong = strong.wrapping_add(1);
        self.strong.set(strong);
        if strong == 0 {
            abort_on_count_overflow("Rc strong count");
        }
    }

    #[inline]
    fn dec_strong(self) {
        debug_assert!(
            self.strong() > 0,
            "strong count is {} before a decrement",
            self.strong()
        );
        self.strong.set(self.strong() - 1);
    }

    /// Adds one to the weak count, aborting if it would wrap; see
    /// [`Counts::inc_strong`] for why abort.
    ///
    /// # Safety
    ///
    /// The weak count must be non-zero: the caller holds a `WeakPtr`, or an
    /// `RcPtr` (whose strong owners hold the implicit weak).
    #[inline]
    unsafe fn inc_weak(self) {
        let weak = self.weak();
        // SAFETY: weak != 0 is this function's precondition.
        unsafe { hint::assert_unchecked(weak != 0) };
        let weak = weak.wrapping_add(1);
        self.weak.set(weak);
        if weak == 0 {
            abort_on_count_overflow("Rc weak count");
        }
    }

    #[inline]
    fn dec_weak(self) {
        debug_assert!(
            self.weak() > 0,
            "weak count is {} before a decrement",
            self.weak()
        );
        self.weak.set(self.weak() - 1);
    }
}

/// The byte offset of the value inside an `RcInner` whose value has
/// alignment `value_align`.
///
/// `repr(C)` places the value right after the two counts, rounded up to the
/// value's alignment.
#[inline]
const fn value_offset(value_align: usize) -> usize {
    mem::size_of::<RcInner<()>>().next_multiple_of(value_align)
}

/// The layout of an `RcInner` whose value has layout `value`: the header
/// extended by the value, padded to the larger alignment, as `repr(C)` does.
///
/// # Panics
///
/// If the block would be larger than `isize::MAX` bytes.
fn block_layout(value: Layout) -> Layout {
    let (layout, offset) = Layout::new::<RcInner<()>>()
        .extend(value)
        .expect("Rc block larger than isize::MAX bytes");
    debug_assert_eq!(
        offset,
        value_offset(value.align()),
        "value offset for {value:?}"
    );
    layout.pad_to_align()
}

/// Whether `ptr` is the sentinel of `Weak::new` rather than a real block.
///
/// A real block is aligned to at least `usize`, so it never starts at the odd
/// address `usize::MAX`, and a value inside a block never does either.
#[inline]
fn is_dangling<T: ?Sized>(ptr: *const T) -> bool {
    ptr.cast::<()>().addr() == usize::MAX
}

/// Allocates a block for a value of layout `value_layout`, with strong and
/// weak both 1 and the value not written yet.
///
/// `to_wide` turns the block's address into a pointer carrying the value's
/// metadata (a slice length or a vtable); it must keep the address.
fn allocate_block<T: ?Sized>(
    value_layout: Layout,
    to_wide: impl FnOnce(*mut u8) -> *mut RcInner<T>,
) -> NonNull<RcInner<T>> {
    let layout = block_layout(value_layout);
    // SAFETY: `layout` has a non-zero size: it includes the two counts.
    let block = unsafe { alloc(layout) };
    if block.is_null() {
        handle_alloc_error(layout);
    }
    let inner = to_wide(block);
    debug_assert_eq!(inner.cast::<u8>(), block, "to_wide moved the address");
    // SAFETY: `RcInner<()>` is the two-count header every `RcInner` starts
    // with (`repr(C)`); the fresh block is at least that large and aligned
    // for it (`layout` extends the header's layout).
    unsafe {
        block.cast::<RcInner<()>>().write(RcInner {
            strong: Cell::new(1),
            weak: Cell::new(1),
            value: (),
        });
    };
    // SAFETY: `inner` has the address of `block`, which is not null (checked
    // above; `handle_alloc_error` does not return).
    unsafe { NonNull::new_unchecked(inner) }
}

/// Allocates a block for a slice of `len` elements, counts set, elements not
/// written yet.
///
/// # Panics
///
/// If the block would be larger than `isize::MAX` bytes.
fn allocate_slice<T>(len: usize) -> NonNull<RcInner<[T]>> {
    let value_layout = Layout::array::<T>(len).expect("Rc<[T]> larger than isize::MAX bytes");
    allocate_block(value_layout, |block| {
        ptr::slice_from_raw_parts_mut(block.cast::<T>(), len) as *mut RcInner<[T]>
    })
}

/// Allocates a slice block and fills it with a bitwise copy of `len`
/// elements read from `src`.
///
/// # Safety
///
/// `src` must be valid for reading `len` elements of `T`. The elements are
/// moved into the block: unless `T` is `Copy`, the caller must make sure the
/// originals are never dropped or used again.
unsafe fn allocate_slice_moved_from<T>(src: *const T, len: usize) -> NonNull<RcInner<[T]>> {
    let inner = allocate_slice::<T>(len);
    // SAFETY: `inner` points at the fresh, allocated block.
    let elements = unsafe { &raw mut (*inner.as_ptr()).value }.cast::<T>();
    // SAFETY:
    // - `src` is valid for reading `len` elements (caller);
    // - `elements` is valid for writing `len` elements (the block was sized
    //   for them by `allocate_slice`) and aligned;
    // - they do not overlap (`elements` is a fresh allocation).
    unsafe { ptr::copy_nonoverlapping(src, elements, len) };
    inner
}

/// The pointer inside [`Rc`]: a counted pointer to a live block.
///
/// - `NonNull` rather than `*mut` makes `RcPtr<T>` covariant in `T`, like
///   `&T` and std's `Rc`, and gives `Option<Rc<T>>` its niche: one word.
/// - `PhantomData<RcInner<T>>` says that dropping an `RcPtr<T>` may drop a
///   `T`. The `Drop` impl below already makes the drop checker assume that;
///   the marker keeps the statement of ownership explicit (std needs it for
///   real, because its `Drop` is `#[may_dangle]`, see the `rc` module docs).
/// - `NonNull` is neither `Send` nor `Sync`, and that must stay so. If `Rc`
///   were `Send`, two threads could each own a clone of one `Rc` (strong ==
///   2) and clone it at the same time: both read 2, both write 3, and one
///   increment is lost. Four `Rc`s now share a count of 3, so the third drop
///   frees the value while the fourth `Rc` still points at it. If it were
///   `Sync`, a shared `&Rc` on two threads allows the same race through
///   `clone`. The counts are plain `Cell`s, not atomics: that is the point
///   of `Rc`, and `Arc` is the thread-safe version.
pub(crate) struct RcPtr<T: ?Sized> {
    // INVARIANT: points at an allocated block whose strong count counts this
    // pointer, so the value is initialized. Established by every constructor
    // (`from_inner`'s contract) and given up only by `drop`, `try_unwrap`,
    // `make_mut` and `into_raw`.
    ptr: NonNull<RcInner<T>>,
    phantom: PhantomData<RcInner<T>>,
}

/// The pointer inside [`Weak`]: a counted pointer to a block that may have
/// lost its value, or the sentinel of `Weak::new`.
///
/// No `PhantomData<T>`: a `Weak` never drops a `T`, it frees at most the
/// block. `NonNull` makes it covariant and keeps it `!Send` and `!Sync`, for
/// the same reason as [`RcPtr`]: its counts are the same plain `Cell`s.
pub(crate) struct WeakPtr<T: ?Sized> {
    // INVARIANT: either the sentinel address `usize::MAX` (no block), or an
    // allocated block whose weak count counts this pointer. The value may be
    // dropped (strong == 0). Maintained by `from_inner`'s contract and `drop`.
    ptr: NonNull<RcInner<T>>,
}

impl<T: ?Sized> RcPtr<T> {
    /// Takes over one strong count of the block `ptr` points at.
    ///
    /// # Safety
    ///
    /// `ptr` must point at an allocated block with an initialized value whose
    /// strong count already counts the new `RcPtr`, a count nobody else will
    /// give up.
    #[inline]
    unsafe fn from_inner(ptr: NonNull<RcInner<T>>) -> Self {
        RcPtr {
            ptr,
            phantom: PhantomData,
        }
    }

    #[inline]
    fn inner(&self) -> &RcInner<T> {
        // SAFETY: the block is allocated and its value initialized for as
        // long as this `RcPtr` exists (field invariant); nothing holds a
        // `&mut` into it while `&self` is borrowed (`get_mut` and `make_mut`
        // borrow `self` mutably and require that no other pointer exists).
        unsafe { self.ptr.as_ref() }
    }

    #[inline]
    fn counts(&self) -> Counts<'_> {
        let inner = self.inner();
        Counts {
            strong: &inner.strong,
            weak: &inner.weak,
        }
    }

    /// The value, borrowed for as long as this pointer is.
    #[inline]
    pub(crate) fn value(&self) -> &T {
        &self.inner().value
    }

    #[inline]
    pub(crate) fn strong_count(&self) -> usize {
        self.counts().strong()
    }

    /// The number of `Weak`s, not counting the implicit one.
    #[inline]
    pub(crate) fn weak_count(&self) -> usize {
        self.counts().weak() - 1
    }

    /// Makes a new `WeakPtr` to this block.
    #[inline]
    pub(crate) fn downgrade(&self) -> WeakPtr<T> {
        // SAFETY: weak >= 1: the strong owners, this one included, hold the
        // implicit weak.
        unsafe { self.counts().inc_weak() };
        // SAFETY: the block is allocated (field invariant) and its weak count
        // now counts the new pointer.
        unsafe { WeakPtr::from_inner(self.ptr) }
    }

    /// Whether this is the only pointer of any kind to the block.
    #[inline]
    fn is_unique(&self) -> bool {
        let counts = self.counts();
        counts.strong() == 1 && counts.weak() == 1
    }

    /// The value, mutably, if no other `Rc` or `Weak` points at it.
    #[inline]
    pub(crate) fn get_mut(&mut self) -> Option<&mut T> {
        if self.is_unique() {
            // SAFETY: the value is initialized (field invariant) and nothing
            // else can reach it while `self` is mutably borrowed: this is the
            // only `Rc` and there is no `Weak` (`is_unique`), and an `Rc` or
            // `Weak` is needed to make another.
            Some(unsafe { &mut (*self.ptr.as_ptr()).value })
        } else {
            None
        }
    }

    /// Whether `self` and `other` point at the same block.
    #[inline]
    pub(crate) fn ptr_eq(&self, other: &Self) -> bool {
        ptr::addr_eq(self.ptr.as_ptr(), other.ptr.as_ptr())
    }

    /// A pointer to the value, with the provenance of the whole block.
    ///
    /// Derived from `ptr`, never from `&self.value`, so that `from_raw` may
    /// step back from it to the counts.
    #[inline]
    pub(crate) fn as_ptr(&self) -> *const T {
        // SAFETY: the projection stays inside the allocated block (field
        // invariant); no reference is created.
        unsafe { &raw const (*self.ptr.as_ptr()).value }
    }

    /// Gives up this pointer's strong count as a raw pointer to the value.
    pub(crate) fn into_raw(self) -> *const T {
        let value = self.as_ptr();
        debug_assert_eq!(
            value.addr() - self.ptr.as_ptr().addr(),
            value_offset(mem::align_of_val(self.value())),
            "value offset of a {}-aligned value",
            mem::align_of_val(self.value())
        );
        mem::forget(self);
        value
    }

    /// Takes back the strong count given up by [`RcPtr::into_raw`].
    ///
    /// # Safety
    ///
    /// `value` must come from `into_raw` on an `RcPtr<U>` where `U` has the
    /// same size and alignment as `T` (or `U` is `T`), and this call must be
    /// the one that takes that count back.
    #[inline]
    unsafe fn from_raw(value: *const T) -> Self {
        // SAFETY: `value` points at a live value (the count given up by
        // `into_raw` keeps it alive, caller); the reference is only read for
        // the alignment its metadata gives.
        let value_align = mem::align_of_val(unsafe { &*value });
        let inner = value.wrapping_byte_sub(value_offset(value_align)) as *mut RcInner<T>;
        // SAFETY: `inner` is the start of the block `value` lives in (same
        // offset `as_ptr` added), which is not null.
        let inner = unsafe { NonNull::new_unchecked(inner) };
        // SAFETY: the block is allocated, its value initialized, and the
        // count `into_raw` gave up is taken back by this call only (caller).
        unsafe { Self::from_inner(inner) }
    }

    /// The cold half of `drop`: the strong count just reached 0.
    #[inline(never)]
    fn drop_slow(&mut self) {
        // Rebuild the implicit Weak before dropping the value: if `T::drop`
        // panics, this guard is dropped during unwinding and still releases
        // the implicit weak, freeing the block when no `Weak` remains.
        // SAFETY: the block is allocated and its weak count holds the
        // implicit weak, which the strong owners give up now that strong is
        // 0 and nobody else will (`drop_slow` runs once per block).
        let _implicit_weak = unsafe { WeakPtr::from_inner(self.ptr) };
        // SAFETY: the projection stays inside the allocated block.
        let value = unsafe { &raw mut (*self.ptr.as_ptr()).value };
        // SAFETY:
        // - `value` is initialized, aligned and not dropped yet (strong was 1
        //   until the caller's decrement, and this was that owner);
        // - it is never used again: strong is 0, so no `RcPtr` is left and
        //   `upgrade` refuses to make one.
        unsafe { ptr::drop_in_place(value) };
    }
}

impl<T> RcPtr<T> {
    /// Moves `value` into a new block with strong = weak = 1.
    #[inline]
    pub(crate) fn new(value: T) -> Self {
        let block = StdBox::new(RcInner {
            strong: Cell::new(1),
            weak: Cell::new(1),
            value,
        });
        let inner = NonNull::from(StdBox::leak(block));
        // SAFETY: a fresh block from the global allocator with the layout of
        // `RcInner<T>` (the one `Weak`'s drop frees with), value initialized,
        // strong == 1 counting the new pointer.
        unsafe { Self::from_inner(inner) }
    }

    /// Allocates a block, hands a `Weak` to it to `data_fn`, then moves the
    /// value `data_fn` returns into it.
    ///
    /// While `data_fn` runs, strong is 0 and weak is 1 (the `Weak` it gets),
    /// so upgrading fails and the unwritten value is never read. If `data_fn`
    /// panics, that `Weak` is dropped during unwinding, takes weak to 0 and
    /// frees the block; no value existed, so none is dropped.
    pub(crate) fn new_cyclic(data_fn: impl FnOnce(&Weak<T>) -> T) -> Self {
        let block = StdBox::new(RcInner {
            strong: Cell::new(0),
            weak: Cell::new(1),
            value: MaybeUninit::<T>::uninit(),
        });
        // `MaybeUninit<T>` has the size and alignment of `T`, so under
        // `repr(C)` both `RcInner`s have the same layout.
        let inner = NonNull::from(StdBox::leak(block)).cast::<RcInner<T>>();
        // SAFETY: the block is allocated and weak == 1 counts this pointer.
        let weak = Weak(unsafe { WeakPtr::from_inner(inner) });
        let value = data_fn(&weak);
        // SAFETY: the projection stays inside the block, which `weak` keeps
        // allocated.
        let slot = unsafe { &raw mut (*inner.as_ptr()).value };
        // SAFETY: `slot` is valid for writes and aligned (inside the block),
        // and holds no value to leak: strong stayed 0 (nothing can raise it
        // from 0 but this function), so nothing was ever written there.
        unsafe { slot.write(value) };
        // SAFETY: the block is allocated (`weak` is alive) and initialized.
        let counts = unsafe { Counts::of(inner) };
        debug_assert_eq!(counts.strong(), 0, "strong count during new_cyclic");
        counts.strong.set(1);
        // The closure's Weak becomes the implicit weak of the strong owners.
        mem::forget(weak);
        // SAFETY: the value is initialized and strong == 1 counts this pointer.
        unsafe { Self::from_inner(inner) }
    }

    /// Takes the value out if this is the only `Rc`; `Weak`s do not count.
    ///
    /// The `Weak`s keep the block alive, see strong == 0 and fail to upgrade.
    pub(crate) fn try_unwrap(this: Self) -> Result<T, Self> {
        if this.strong_count() != 1 {
            return Err(this);
        }
        let this = ManuallyDrop::new(this);
        // SAFETY:
        // - the value is initialized and aligned (field invariant);
        // - it is read once: strong goes to 0 next, so no `RcPtr` is left to
        //   drop it and `upgrade` refuses to make one.
        let value = unsafe { ptr::read(&this.inner().value) };
        this.counts().dec_strong();
        // SAFETY: strong is 0, so the implicit weak is given up here, once,
        // as an ordinary `Weak`: it frees the block unless `Weak`s remain.
        drop(unsafe { WeakPtr::from_inner(this.ptr) });
        Ok(value)
    }

    /// A mutable reference to the value, after making this `Rc` the only
    /// pointer to its block.
    ///
    /// - Other `Rc`s exist: clone the value into a new block and point there.
    ///   The clone runs before anything changes, so a panicking clone leaves
    ///   every count as it was.
    /// - Only `Weak`s remain: move the value into a new block and disconnect
    ///   the `Weak`s; their block keeps strong == 0 and they stop upgrading.
    /// - Neither: already unique, nothing to do.
    pub(crate) fn make_mut(&mut self) -> &mut T
    where
        T: Clone,
    {
        if self.strong_count() != 1 {
            let fresh = RcPtr::new(self.value().clone());
            // Drops the old pointer: strong was >= 2, so the value survives.
            *self = fresh;
        } else if self.weak_count() != 0 {
            let block = StdBox::new(RcInner {
                strong: Cell::new(1),
                weak: Cell::new(1),
                value: MaybeUninit::<T>::uninit(),
            });
            // Allocated before the value moves, so a failing allocation
            // leaves everything as it was.
            let fresh = NonNull::from(StdBox::leak(block)).cast::<RcInner<T>>();
            // SAFETY: the projection stays inside the fresh block.
            let slot = unsafe { &raw mut (*fresh.as_ptr()).value };
            // SAFETY:
            // - the source is the initialized value of our block (invariant);
            // - `slot` is valid for writing one `T` and aligned;
            // - they do not overlap (two different blocks).
            unsafe { ptr::copy_nonoverlapping(self.as_ptr(), slot, 1) };
            // The old block's value is moved out: the `Weak`s must see
            // strong == 0, and the implicit weak goes with the strong owners
            // (the remaining `Weak`s free the block, never touching the value).
            let old = self.counts();
            old.dec_strong();
            old.dec_weak();
            // SAFETY: the fresh block holds the moved value and strong == 1
            // counts the new pointer.
            let fresh = unsafe { Self::from_inner(fresh) };
            // The old pointer gave up its counts above: forget, do not drop.
            mem::forget(mem::replace(self, fresh));
        }
        debug_assert!(
            self.is_unique(),
            "make_mut left counts strong={} weak={}",
            self.counts().strong(),
            self.counts().weak()
        );
        // SAFETY: the value is initialized, and this is the only pointer of
        // any kind to the block (just established) while `self` is mutably
        // borrowed.
        unsafe { &mut (*self.ptr.as_ptr()).value }
    }
}

impl<T: ?Sized> RcPtr<T> {
    /// Moves the value out of a std `Box` into a new block, without dropping
    /// it and without a second copy.
    ///
    /// The block is sized from the box's value (`Layout::for_value`, which
    /// reads a slice length or a vtable), the value's bytes are copied in,
    /// and the box's memory is freed through `Box<ManuallyDrop<T>>`, which
    /// deallocates but does not drop. The pointer to the new block gets the
    /// box's metadata, so `Rc<dyn Trait>` keeps its vtable.
    pub(crate) fn from_box(boxed: StdBox<T>) -> Self {
        let value_layout = Layout::for_value::<T>(&boxed);
        let metadata_source = (&raw const *boxed).cast_mut() as *mut RcInner<T>;
        // Allocate while `boxed` still owns the value: if this panics, the
        // box drops it normally.
        let inner = allocate_block(value_layout, |block| {
            with_address_of(metadata_source, block)
        });
        let boxed = StdBox::into_raw(boxed);
        // SAFETY: the projection stays inside the fresh block.
        let slot = unsafe { &raw mut (*inner.as_ptr()).value };
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
        // metadata: dropping this box frees its memory and drops nothing,
        // which is right as the value now lives in the block.
        drop(unsafe { StdBox::from_raw(boxed as *mut ManuallyDrop<T>) });
        // SAFETY: the block holds the value and strong == 1 counts the new
        // pointer.
        let rc = unsafe { Self::from_inner(inner) };
        debug_assert_eq!(
            Layout::for_value(rc.inner()),
            block_layout(value_layout),
            "block layout"
        );
        rc
    }
}

impl RcPtr<dyn Any> {
    /// The same pointer with the value's concrete type, if it is a `T`.
    pub(crate) fn downcast<T: Any>(self) -> Result<RcPtr<T>, Self> {
        if !self.value().is::<T>() {
            return Err(self);
        }
        let this = ManuallyDrop::new(self);
        // Drops the vtable; the address is the block's, whose value is a `T`.
        let inner = this.ptr.cast::<RcInner<T>>();
        // SAFETY: the block is allocated and holds an initialized `T`
        // (checked by `is` above), so it is an `RcInner<T>`; the strong count
        // of `this`, which is forgotten, passes to the new pointer.
        Ok(unsafe { RcPtr::from_inner(inner) })
    }
}

impl<T> RcPtr<[T]> {
    /// Moves the elements of `vec` into a new block: one allocation, one
    /// copy; the vector's buffer is freed without dropping the elements.
    pub(crate) fn from_vec(mut vec: Vec<T>) -> Self {
        // SAFETY: `vec.as_ptr()` is valid for reading `len` elements, and
        // they are not dropped again: `set_len(0)` follows with nothing in
        // between that could panic.
        let inner = unsafe { allocate_slice_moved_from(vec.as_ptr(), vec.len()) };
        // SAFETY: 0 <= capacity, and the elements beyond the new length were
        // moved into the block, so `vec` must not drop them.
        unsafe { vec.set_len(0) };
        // SAFETY: the block holds `len` initialized elements and strong == 1
        // counts the new pointer.
        unsafe { Self::from_inner(inner) }
    }

    /// Moves the elements of an array into a new block.
    pub(crate) fn from_array<const N: usize>(array: [T; N]) -> Self {
        let array = ManuallyDrop::new(array);
        // SAFETY: the array is readable for `N` elements, and `ManuallyDrop`
        // keeps it from dropping the elements that now live in the block.
        let inner = unsafe { allocate_slice_moved_from(array.as_ptr(), N) };
        // SAFETY: the block holds `N` initialized elements and strong == 1
        // counts the new pointer.
        unsafe { Self::from_inner(inner) }
    }

    /// Clones the elements of `slice` into a new block, one allocation.
    ///
    /// If a clone panics, the elements cloned so far are dropped and the
    /// block is freed: nothing leaks, nothing is dropped twice.
    pub(crate) fn from_slice_cloned(slice: &[T]) -> Self
    where
        T: Clone,
    {
        /// Owns a block being filled: drops its first `initialized` elements
        /// and frees it, unless forgotten once the block is full.
        struct PartialSlice<T> {
            inner: NonNull<RcInner<[T]>>,
            // INVARIANT: the first `initialized` elements are written.
            initialized: usize,
        }

        impl<T> Drop for PartialSlice<T> {
            fn drop(&mut self) {
                // SAFETY: the projection stays inside the allocated block.
                let elements = unsafe { &raw mut (*self.inner.as_ptr()).value };
                let written = ptr::slice_from_raw_parts_mut(elements.cast::<T>(), self.initialized);
                // SAFETY: the first `initialized` elements are initialized
                // (field invariant) and owned by nothing else yet.
                unsafe { ptr::drop_in_place(written) };
                // SAFETY: the block is allocated and nothing else points at it;
                // the reference is read for its slice length only.
                let layout = Layout::for_value(unsafe { self.inner.as_ref() });
                // SAFETY: the block came from the global allocator with this
                // layout (`allocate_slice` used `block_layout` of the same
                // array layout, which `for_value` reproduces).
                unsafe { dealloc(self.inner.as_ptr().cast::<u8>(), layout) };
            }
        }

        let mut guard = PartialSlice {
            inner: allocate_slice::<T>(slice.len()),
            initialized: 0,
        };
        // SAFETY: the projection stays inside the allocated block.
        let elements = unsafe { &raw mut (*guard.inner.as_ptr()).value }.cast::<T>();
        for item in slice {
            let clone = item.clone();
            // SAFETY: `initialized < slice.len()`, the block's length, so the
            // offset stays inside the block.
            let slot = unsafe { elements.add(guard.initialized) };
            // SAFETY: `slot` is inside the block, aligned, and not written yet
            // (the elements before it are, see `initialized`).
            unsafe { slot.write(clone) };
            guard.initialized += 1;
        }
        let guard = ManuallyDrop::new(guard);
        // SAFETY: all `slice.len()` elements are written and strong == 1
        // counts the new pointer; the guard is forgotten, so it will not
        // free the block.
        unsafe { Self::from_inner(guard.inner) }
    }
}

impl RcPtr<str> {
    /// Copies `text` into a new block.
    pub(crate) fn from_str(text: &str) -> Self {
        // SAFETY: `text` is readable for `len` bytes, and `u8` is `Copy`.
        let bytes = unsafe { allocate_slice_moved_from(text.as_ptr(), text.len()) };
        // Same metadata (a byte length), same layout.
        let inner = bytes.as_ptr() as *mut RcInner<str>;
        // SAFETY: `inner` has the address of `bytes`, which is not null.
        let inner = unsafe { NonNull::new_unchecked(inner) };
        // SAFETY: the block holds a copy of `text`'s bytes, valid UTF-8, and
        // strong == 1 counts the new pointer.
        unsafe { Self::from_inner(inner) }
    }
}

impl<T: ?Sized> Clone for RcPtr<T> {
    #[inline]
    fn clone(&self) -> Self {
        // SAFETY: strong >= 1: it counts `self`.
        unsafe { self.counts().inc_strong() };
        // SAFETY: the block is allocated and initialized (`self` keeps it),
        // and strong now counts the new pointer.
        unsafe { Self::from_inner(self.ptr) }
    }
}

impl<T: ?Sized> Drop for RcPtr<T> {
    #[inline]
    fn drop(&mut self) {
        let counts = self.counts();
        counts.dec_strong();
        if counts.strong() == 0 {
            self.drop_slow();
        }
    }
}

impl<T> WeakPtr<T> {
    /// A `WeakPtr` with no block: the sentinel address `usize::MAX`.
    ///
    /// Nothing is allocated. A real block is aligned to at least `usize`, so
    /// this address is never one; `counts` checks for it, and so do
    /// `upgrade`, `drop` and the counts (both 0).
    #[inline]
    pub(crate) const fn new() -> Self {
        let sentinel = ptr::without_provenance_mut::<RcInner<T>>(usize::MAX);
        WeakPtr {
            // SAFETY: `usize::MAX` is not zero.
            ptr: unsafe { NonNull::new_unchecked(sentinel) },
        }
    }
}

impl<T: ?Sized> WeakPtr<T> {
    /// Takes over one weak count of the block `ptr` points at.
    ///
    /// # Safety
    ///
    /// `ptr` must be the sentinel, or point at an allocated block whose weak
    /// count already counts the new `WeakPtr`, a count nobody else will give
    /// up.
    #[inline]
    unsafe fn from_inner(ptr: NonNull<RcInner<T>>) -> Self {
        WeakPtr { ptr }
    }

    /// The counts of the block, or `None` for the sentinel.
    #[inline]
    fn counts(&self) -> Option<Counts<'_>> {
        if is_dangling(self.ptr.as_ptr()) {
            None
        } else {
            // SAFETY: not the sentinel, so the block is allocated and stays
            // so while `self` holds its weak count (field invariant).
            Some(unsafe { Counts::of(self.ptr) })
        }
    }

    /// A new `RcPtr` if the value is still alive.
    #[inline]
    pub(crate) fn upgrade(&self) -> Option<RcPtr<T>> {
        let counts = self.counts()?;
        if counts.strong() == 0 {
            return None;
        }
        // SAFETY: strong != 0, checked just above.
        unsafe { counts.inc_strong() };
        // SAFETY: strong > 0, so the value is initialized, and strong now
        // counts the new pointer.
        Some(unsafe { RcPtr::from_inner(self.ptr) })
    }

    /// The number of `Rc`s; 0 for the sentinel.
    #[inline]
    pub(crate) fn strong_count(&self) -> usize {
        self.counts().map_or(0, Counts::strong)
    }

    /// The number of `Weak`s, or 0 once no `Rc` remains (like std: the
    /// implicit weak is gone then, and the count is of no use).
    #[inline]
    pub(crate) fn weak_count(&self) -> usize {
        match self.counts() {
            Some(counts) if counts.strong() > 0 => counts.weak() - 1,
            _ => 0,
        }
    }

    /// Whether both point at the same block, or both are sentinels.
    #[inline]
    pub(crate) fn ptr_eq(&self, other: &Self) -> bool {
        ptr::addr_eq(self.ptr.as_ptr(), other.ptr.as_ptr())
    }

    /// A pointer to the value (which may be dropped), or the sentinel.
    #[inline]
    pub(crate) fn as_ptr(&self) -> *const T {
        let inner = self.ptr.as_ptr();
        if is_dangling(inner) {
            // No block to project into: the sentinel itself. It is never a
            // real value's address (see `is_dangling`), so `from_raw` tells.
            inner as *const T
        } else {
            // SAFETY: the projection stays inside the allocated block (field
            // invariant); it reads nothing, so a dropped value is fine.
            unsafe { &raw const (*inner).value }
        }
    }

    /// Gives up this pointer's weak count as a raw pointer to the value.
    pub(crate) fn into_raw(self) -> *const T {
        let value = self.as_ptr();
        mem::forget(self);
        value
    }

    /// Takes back the weak count given up by [`WeakPtr::into_raw`].
    ///
    /// # Safety
    ///
    /// `value` must come from `into_raw` on a `WeakPtr<U>` where `U` has the
    /// same size and alignment as `T` (or `U` is `T`), and this call must be
    /// the one that takes that count back.
    unsafe fn from_raw(value: *const T) -> Self {
        let inner = if is_dangling(value) {
            value.cast_mut() as *mut RcInner<T>
        } else {
            // SAFETY: `value` lies in an allocated block (the weak count that
            // `into_raw` gave up keeps it, caller). The value may be dropped:
            // the reference is read for its alignment only, see "Dead values"
            // in the module docs.
            let value_align = mem::align_of_val(unsafe { &*value });
            value.wrapping_byte_sub(value_offset(value_align)) as *mut RcInner<T>
        };
        // SAFETY: `inner` is the sentinel, or the start of the block `value`
        // lives in; neither is null.
        let inner = unsafe { NonNull::new_unchecked(inner) };
        // SAFETY: sentinel, or a block whose weak count still counts the
        // pointer `into_raw` gave up, taken back by this call only (caller).
        unsafe { Self::from_inner(inner) }
    }
}

impl<T: ?Sized> Clone for WeakPtr<T> {
    #[inline]
    fn clone(&self) -> Self {
        if let Some(counts) = self.counts() {
            // SAFETY: weak >= 1: it counts `self`.
            unsafe { counts.inc_weak() };
        }
        // SAFETY: the sentinel, or an allocated block whose weak count now
        // counts the new pointer.
        unsafe { Self::from_inner(self.ptr) }
    }
}

impl<T: ?Sized> Drop for WeakPtr<T> {
    #[inline]
    fn drop(&mut self) {
        let Some(counts) = self.counts() else {
            return;
        };
        counts.dec_weak();
        if counts.weak() == 0 {
            // The last reference of any kind: strong is 0 too (the strong
            // owners hold a weak), so the value is already gone.
            debug_assert_eq!(counts.strong(), 0, "strong count of a freed block");
            // SAFETY: the block is still allocated and aligned; the reference
            // is read for its layout only, although the value is dropped, see
            // "Dead values" in the module docs.
            let layout = Layout::for_value(unsafe { self.ptr.as_ref() });
            // SAFETY:
            // - the block came from the global allocator (`StdBox::new` or
            //   `allocate_block`),
            // - with this layout: `RcInner<T>`'s, which `for_value` gives from
            //   the same metadata the block was sized with;
            // - it is freed once: weak just reached 0, and only the pointer
            //   that takes it there frees.
            unsafe { dealloc(self.ptr.as_ptr().cast::<u8>(), layout) };
        }
    }
}

// The public unsafe API of `Rc` and `Weak`, declared here because even
// declaring an `unsafe fn` is `unsafe_code`, which the rest of the crate
// denies. These are inherent impls, so they appear on `Rc` and `Weak` like
// any other method.

impl<T: ?Sized> Rc<T> {
    /// Rebuilds an `Rc` from a pointer returned by [`Rc::into_raw`], taking
    /// back the strong count that `into_raw` gave up.
    ///
    /// Works for unsized `T` too (`Rc<str>`, `Rc<[T]>`, `Rc<dyn Trait>`).
    ///
    /// # Safety
    ///
    /// - `ptr` must have been returned by [`Rc::into_raw`] on an `Rc<U>`,
    ///   where `U` is `T` or has the same size and alignment as `T` (as for
    ///   a `*const U` to `*const T` cast between, say, `[u8]` and `str`);
    /// - each pointer returned by `into_raw` may be turned back only once
    ///   (or once per [`Rc::increment_strong_count`] on it): the returned
    ///   `Rc` gives the count up again when dropped.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc: Rc<str> = Rc::from("hello");
    /// let raw = Rc::into_raw(rc);
    /// // SAFETY: `raw` came from `Rc::into_raw` and is turned back once.
    /// let rc = unsafe { Rc::from_raw(raw) };
    /// assert_eq!(&*rc, "hello");
    /// ```
    #[inline]
    pub unsafe fn from_raw(ptr: *const T) -> Self {
        // SAFETY: the caller's contract is `RcPtr::from_raw`'s.
        Rc(unsafe { RcPtr::from_raw(ptr) })
    }

    /// Adds one to the strong count of the `Rc` that `ptr` came from, as if
    /// an `Rc` were cloned and forgotten.
    ///
    /// # Safety
    ///
    /// `ptr` must have been returned by [`Rc::into_raw`], as for
    /// [`Rc::from_raw`], and the strong count must be at least 1 for the
    /// whole call (the `Rc` it came from is not given back in between).
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let raw = Rc::into_raw(Rc::new(5));
    /// // SAFETY: `raw` came from `Rc::into_raw`, its count is 1.
    /// unsafe { Rc::increment_strong_count(raw) };
    /// // SAFETY: two counts are owned through `raw`, this takes one back.
    /// let rc = unsafe { Rc::from_raw(raw) };
    /// assert_eq!(Rc::strong_count(&rc), 2);
    /// // SAFETY: and this gives the other one back.
    /// unsafe { Rc::decrement_strong_count(raw) };
    /// assert_eq!(Rc::strong_count(&rc), 1);
    /// ```
    #[inline]
    pub unsafe fn increment_strong_count(ptr: *const T) {
        // SAFETY: `ptr` came from `into_raw` (caller); `ManuallyDrop` keeps
        // this `Rc` from giving the borrowed count back.
        let rc = ManuallyDrop::new(unsafe { Rc::from_raw(ptr) });
        let _counted: ManuallyDrop<Rc<T>> = rc.clone();
    }

    /// Gives back one strong count of the `Rc` that `ptr` came from, as if
    /// one were rebuilt with [`Rc::from_raw`] and dropped; at 0 the value is
    /// dropped.
    ///
    /// # Safety
    ///
    /// `ptr` must have been returned by [`Rc::into_raw`], as for
    /// [`Rc::from_raw`], and the caller must own the count it gives back
    /// (from `into_raw` or [`Rc::increment_strong_count`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::Rc;
    ///
    /// let rc = Rc::new(String::from("shared"));
    /// let raw = Rc::into_raw(Rc::clone(&rc));
    /// assert_eq!(Rc::strong_count(&rc), 2);
    /// // SAFETY: `raw` came from `into_raw`, which gave up this count.
    /// unsafe { Rc::decrement_strong_count(raw) };
    /// assert_eq!(Rc::strong_count(&rc), 1);
    /// ```
    #[inline]
    pub unsafe fn decrement_strong_count(ptr: *const T) {
        // SAFETY: `ptr` came from `into_raw` and the caller owns the count.
        drop(unsafe { Rc::from_raw(ptr) });
    }
}

impl<T: ?Sized> Weak<T> {
    /// Rebuilds a `Weak` from a pointer returned by [`Weak::into_raw`],
    /// taking back the weak count that `into_raw` gave up.
    ///
    /// The value may be gone by now; the `Weak` then fails to upgrade, as
    /// the original would have. Works for unsized `T` and for the pointer of
    /// a [`Weak::new`].
    ///
    /// # Safety
    ///
    /// - `ptr` must have been returned by [`Weak::into_raw`] on a `Weak<U>`,
    ///   where `U` is `T` or has the same size and alignment as `T`;
    /// - each pointer returned by `into_raw` may be turned back only once.
    ///
    /// # Examples
    ///
    /// ```
    /// use ownkit::rc::{Rc, Weak};
    ///
    /// let rc = Rc::new(7);
    /// let raw = Weak::into_raw(Rc::downgrade(&rc));
    /// drop(rc);
    /// // SAFETY: `raw` came from `Weak::into_raw` and is turned back once.
    /// let weak = unsafe { Weak::from_raw(raw) };
    /// assert!(weak.upgrade().is_none());
    /// ```
    #[inline]
    pub unsafe fn from_raw(ptr: *const T) -> Self {
        // SAFETY: the caller's contract is `WeakPtr::from_raw`'s.
        Weak(unsafe { WeakPtr::from_raw(ptr) })
    }
}

#[cfg(test)]
mod tests {
    //! Count overflow must abort the process, which a test can only observe
    //! from outside: each test re-runs this test binary on itself alone, with
    //! an environment variable telling that child to overflow, and checks
    //! that the child died of `SIGABRT`. A panic would be exit code 101.
    //!
    //! 2^64 increments are out of reach, so the child sets the count next to
    //! `usize::MAX` directly, which only this file can do.

    extern crate std;

    use std::os::unix::process::ExitStatusExt;
    use std::process::Command;
    use std::string::String;

    use super::*;

    const CHILD_ENV: &str = "OWNKIT_RC_OVERFLOW_CHILD";

    /// Runs `test_name` (relative to this module) in a child process with
    /// `CHILD_ENV` set, and asserts that the child was killed by `SIGABRT`.
    fn assert_child_aborts(test_name: &str) {
        let module = module_path!()
            .split_once("::")
            .map_or(module_path!(), |(_crate, path)| path);
        let full_name = std::format!("{module}::{test_name}");
        let output = Command::new(std::env::current_exe().expect("test binary path"))
            .args(["--exact", &full_name, "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, "1")
            .output()
            .expect("spawn the test binary");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.signal(),
            Some(6),
            "expected the child to abort (SIGABRT); got {:?}\nstdout:\n{}\nstderr:\n{stderr}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
        );
        assert!(
            stderr.contains("overflowed; aborting"),
            "the abort did not come from the overflow check:\n{stderr}"
        );
    }

    fn is_child() -> bool {
        std::env::var_os(CHILD_ENV).is_some()
    }

    #[test]
    #[cfg_attr(miri, ignore = "spawns a subprocess")]
    fn strong_count_overflow_aborts() {
        if !is_child() {
            assert_child_aborts("strong_count_overflow_aborts");
            return;
        }
        let rc = RcPtr::new(0_u8);
        rc.counts().strong.set(usize::MAX);
        let clone = rc.clone();
        // Only reached if the clone did not abort: put the count back so the
        // child exits cleanly and the parent reports the missing abort.
        mem::forget(clone);
        rc.counts().strong.set(1);
    }

    #[test]
    #[cfg_attr(miri, ignore = "spawns a subprocess")]
    fn weak_count_overflow_aborts() {
        if !is_child() {
            assert_child_aborts("weak_count_overflow_aborts");
            return;
        }
        let rc = RcPtr::new(0_u8);
        rc.counts().weak.set(usize::MAX);
        let weak = rc.downgrade();
        // Only reached if the downgrade did not abort, as above.
        mem::forget(weak);
        rc.counts().weak.set(1);
    }

    #[test]
    fn value_offset_matches_the_compiler() {
        #[repr(align(64))]
        struct OverAligned(#[allow(dead_code, reason = "only its layout matters")] u8);

        fn offset_of_value<T>(value: T) -> usize {
            let rc = RcPtr::new(value);
            rc.as_ptr().addr() - rc.ptr.as_ptr().addr()
        }
        assert_eq!(offset_of_value(()), value_offset(1));
        assert_eq!(offset_of_value(1_u8), value_offset(1));
        assert_eq!(
            offset_of_value(1_u128),
            value_offset(mem::align_of::<u128>())
        );
        assert_eq!(offset_of_value(OverAligned(1)), 64);
        assert_eq!(value_offset(64), 64);
        assert_eq!(
            block_layout(Layout::new::<OverAligned>()),
            Layout::new::<RcInner<OverAligned>>()
        );
        assert_eq!(
            block_layout(Layout::new::<u8>()),
            Layout::new::<RcInner<u8>>()
        );
    }
}
