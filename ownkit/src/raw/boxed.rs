//! The unsafe core of [`Box`](crate::boxed::Box): one pointer that owns one
//! heap value.
//!
//! # Same allocation as std's Box
//!
//! A `BoxPtr` allocates exactly as std's `Box` documents its memory layout:
//! the global allocator, `Layout::for_value`, no allocation for size zero
//! (invariant 2 below says it word for word). So a block is the same thing
//! whichever of the two Boxes owns it, and ownership can move between them
//! with a pointer and nothing else: [`BoxPtr::from_std`] is
//! `std::boxed::Box::into_raw` and [`BoxPtr::into_std`] is
//! `std::boxed::Box::from_raw`. That is how ownkit gets `Box<dyn Trait>`,
//! `Box<[T]>` and `Box<str>` on stable Rust: building a wide pointer from a
//! sized one needs the unstable `CoerceUnsized`, so we let std's Box do the
//! unsizing and take over its block. It is also why
//! [`Box::from_raw`](crate::boxed::Box::from_raw) accepts pointers from
//! either Box.
//!
//! # Invariants
//!
//! A [`BoxPtr<T>`] holds a pointer `ptr` such that, for as long as the
//! `BoxPtr` exists:
//!
//! 1. `ptr` points to a live, initialized `T` that nothing else owns or
//!    accesses except through this `BoxPtr` (or through borrows of it).
//! 2. The block behind `ptr` came from the global allocator with the layout
//!    `Layout::for_value(&*ptr)`, or, when that layout has size zero, nothing
//!    was allocated and `ptr` is dangling but aligned for the value.
//!
//! Every constructor here establishes both, and nothing in this file breaks
//! them before the `BoxPtr` is consumed (`into_raw`, which `Box::leak` goes
//! through, `into_inner`, `into_std`) or dropped. The `// INVARIANT:` on
//! `ptr` says the same, and [`FreeOnDrop`] keeps its own for the block it
//! frees.
//!
//! # What the safe layer may rely on
//!
//! [`BoxPtr::value`] and [`BoxPtr::value_mut`] are always valid to call, and
//! dropping a `BoxPtr` drops the value once and then frees the block, even
//! when the value's destructor panics. The consuming functions hand the value
//! or the block on without dropping or freeing anything twice.
//!
//! A block may also start unwritten: [`BoxPtr::new_uninit`] allocates one
//! for a `MaybeUninit<T>`, which any bytes are a valid value of (so
//! invariant 1 holds), and `assume_init` retypes the same block as a `T` on
//! its caller's word that it was written; `MaybeUninit<T>` has `T`'s size
//! and alignment, so invariant 2 holds for both types.
//!
//! # Send and Sync
//!
//! A `NonNull` is neither `Send` nor `Sync`, so the two `unsafe impl`s after
//! [`BoxPtr`] make it `Send` when `T: Send` and `Sync` when `T: Sync`, as
//! std's Box is: a Box is its value, only on the heap.
//!
//! - **`T: Send`**: sending a `BoxPtr<T>` to another thread moves the `T` it
//!   owns there, so this needs exactly what moving a `T` needs. Without the
//!   bound, `Box<Rc<u32>>` could carry one clone of an `Rc` to another thread
//!   while the original stays here, and the two threads would update the
//!   same non-atomic count at once. The allocation itself may be freed from
//!   any thread: the global allocator is `Sync`.
//! - **`T: Sync`**: a `&BoxPtr<T>` gives out nothing but `&T` (`value`), so
//!   sharing the box between threads is sharing the `T`. Without the bound,
//!   two threads holding `&Box<Cell<u32>>` could both call `Cell::set` on the
//!   same value, a data race.
//!
//! # Observation
//!
//! While anyone observes (see `observe`), the drop also reports where it
//! begins, which block it frees (just before freeing it) and where it ends;
//! it drops and frees exactly the same either way, and with nobody observing
//! it pays one relaxed load of the gate and a branch (see the `Drop` impl).
//! A Box reports no allocation: only `Rc` and `Arc` blocks are announced.

use alloc_crate::alloc::{alloc, dealloc, handle_alloc_error};
use alloc_crate::boxed::Box as StdBox;
use core::alloc::Layout;
use core::marker::PhantomData;
use core::mem::{self, ManuallyDrop, MaybeUninit};
use core::ptr::{self, NonNull};

use crate::observe::{self, Block, PointerInfo, PointerKind, address_of};
use crate::raw::gate_check::observing;

/// The owning pointer inside [`Box<T>`](crate::boxed::Box).
///
/// Layout choices:
/// - `NonNull<T>` rather than `*mut T`: it is covariant in `T`, like std's
///   Box (a `Box<&'static str>` can be used where a `Box<&'a str>` is
///   expected), and its forbidden null value is the niche that makes
///   `Option<Box<T>>` one pointer, with `None` stored as null.
/// - `PhantomData<T>`: `NonNull` alone says nothing about owning a `T`. The
///   marker tells drop check that dropping a `BoxPtr<T>` drops a `T`, so a
///   `T` holding borrows must have them alive when the box is dropped.
/// - `repr(transparent)`: a `BoxPtr<T>` is exactly a `NonNull<T>` in memory,
///   which makes the niche above a layout guarantee, not an optimisation the
///   compiler happens to make.
#[repr(transparent)]
pub(crate) struct BoxPtr<T: ?Sized> {
    // INVARIANT: points to a live `T` owned by this `BoxPtr` alone, in a
    // block from the global allocator with `Layout::for_value(&*ptr)` (none
    // if that size is zero). See the module docs.
    ptr: NonNull<T>,
    _owns: PhantomData<T>,
}

// SAFETY: sending a `BoxPtr<T>` to another thread moves the `T` it owns
// there, so this needs exactly what moving a `T` needs: `T: Send`; the
// global allocator, which frees the block, is `Sync`. See "Send and Sync" in
// the module docs for the counterexample behind the bound.
unsafe impl<T: ?Sized + Send> Send for BoxPtr<T> {}

// SAFETY: a `&BoxPtr<T>` gives out nothing but `&T` (`value`), so sharing
// the box between threads is sharing the `T`: this needs exactly `T: Sync`.
// See "Send and Sync" in the module docs for the counterexample.
unsafe impl<T: ?Sized + Sync> Sync for BoxPtr<T> {}

/// Frees one block with the global allocator when dropped.
///
/// Used wherever a block must be freed even if something panics first: while
/// the value's destructor runs in [`BoxPtr`]'s `Drop`, while the value is
/// being made in [`BoxPtr::new_with`], and after the value was moved out in
/// [`BoxPtr::into_inner`].
struct FreeOnDrop {
    // INVARIANT: unless `layout` has size zero, `block` was returned by the
    // global allocator for `layout` and is freed by nothing else.
    block: NonNull<u8>,
    layout: Layout,
}

impl Drop for FreeOnDrop {
    #[inline]
    fn drop(&mut self) {
        // Zero-sized values own no block (invariant 2). For a sized `T` the
        // size is a constant, so this branch is gone after inlining.
        if self.layout.size() != 0 {
            // SAFETY: `dealloc` needs:
            // - a block from this allocator (the INVARIANT on `block`);
            // - the same layout it was allocated with (the INVARIANT on
            //   `block`: `layout` is the one it was allocated with);
            // - a block not freed yet (only this guard frees it, once).
            unsafe { dealloc(self.block.as_ptr(), self.layout) };
        }
    }
}

/// Allocates an uninitialized block for one `T`, or returns a dangling,
/// aligned pointer if `T` is zero-sized.
///
/// Never returns null: allocation failure goes to `handle_alloc_error`,
/// which aborts by default, exactly like std's `Box::new`.
#[inline]
fn allocate<T>() -> NonNull<T> {
    let layout = Layout::new::<T>();
    if layout.size() == 0 {
        return NonNull::dangling();
    }
    // SAFETY: `alloc` needs a layout of non-zero size (checked just above).
    let block = unsafe { alloc(layout) };
    let Some(block) = NonNull::new(block.cast::<T>()) else {
        handle_alloc_error(layout)
    };
    debug_assert!(
        block.as_ptr().is_aligned(),
        "the global allocator returned {:p} for a layout with alignment {}",
        block,
        layout.align()
    );
    block
}

impl<T> BoxPtr<T> {
    /// Moves `value` into a new heap block.
    #[inline(always)]
    pub(crate) fn new(value: T) -> Self {
        let ptr = allocate::<T>();
        // SAFETY: `write` needs a pointer valid for writes and aligned for a
        // `T`: `allocate` returned a fresh block of `Layout::new::<T>()`, or
        // a dangling aligned pointer when `T` is zero-sized, for which every
        // aligned pointer is valid.
        unsafe { ptr.as_ptr().write(value) };
        // INVARIANT: the block now holds a live `T` and nothing else points
        // to it; it was allocated with `Layout::new::<T>()`, which is
        // `Layout::for_value` for every sized `T`.
        Self {
            ptr,
            _owns: PhantomData,
        }
    }

    /// Allocates first, then makes the value with `make` and moves it in.
    ///
    /// This is the order std's `Box` uses for `clone` and `default`: nothing
    /// is made if the allocation fails, and the value can be written straight
    /// into the block. If `make` panics, the block is freed and nothing is
    /// dropped, because no value exists yet.
    #[inline]
    pub(crate) fn new_with<F: FnOnce() -> T>(make: F) -> Self {
        let ptr = allocate::<T>();
        let free_if_make_panics = FreeOnDrop {
            // INVARIANT: `ptr` is a fresh block for `Layout::new::<T>()` (or
            // dangling with size zero), and this guard is its only owner
            // until it is forgotten below.
            block: ptr.cast(),
            layout: Layout::new::<T>(),
        };
        // SAFETY: `write` needs a pointer valid for writes and aligned for a
        // `T`: `allocate` returned a fresh block of `Layout::new::<T>()`, or
        // a dangling aligned pointer when `T` is zero-sized.
        unsafe { ptr.as_ptr().write(make()) };
        // The value is in; from here the `BoxPtr` owns and frees the block.
        mem::forget(free_if_make_panics);
        // INVARIANT: as in `new`.
        Self {
            ptr,
            _owns: PhantomData,
        }
    }

    /// Moves the value out and frees the block, without dropping the value.
    #[inline]
    pub(crate) fn into_inner(self) -> T {
        // `self` must not be dropped: that would drop the value we return.
        let this = ManuallyDrop::new(self);
        // Declared before the read so that it frees the block after the read,
        // when this function returns.
        let _free_after_read = FreeOnDrop {
            // INVARIANT: this `BoxPtr`'s block and layout (its INVARIANT);
            // the `BoxPtr` is in `ManuallyDrop`, so the guard is the only one
            // left to free it.
            block: this.ptr.cast(),
            layout: Layout::new::<T>(),
        };
        // SAFETY: `read` needs a pointer valid for reads, aligned, to an
        // initialized `T` (all three by the INVARIANT on `ptr`). The bitwise
        // copy becomes the only owner of the value: the original is never
        // dropped (`this` is `ManuallyDrop`) and its block is freed as raw
        // memory by the guard.
        unsafe { this.ptr.as_ptr().read() }
    }
}

impl<T> BoxPtr<MaybeUninit<T>> {
    /// A new block for one `T`, not written: `Box::new_uninit`.
    ///
    /// Nothing is built on the stack first, so a value too large for the
    /// stack can be written straight into its block.
    #[inline]
    pub(crate) fn new_uninit() -> Self {
        // INVARIANT: the block is from `Layout::new::<MaybeUninit<T>>()`
        // (`Layout::new::<T>()`, the same), or dangling for size zero, and
        // any bytes, uninitialized ones too, are a live `MaybeUninit<T>`.
        Self {
            ptr: allocate::<MaybeUninit<T>>(),
            _owns: PhantomData,
        }
    }

    /// Writes `value` into the block and hands it over as a `BoxPtr<T>`:
    /// `Box::write`. A value already in the block is overwritten, never
    /// dropped, as a `MaybeUninit` never drops its value.
    #[inline]
    pub(crate) fn write(mut self, value: T) -> BoxPtr<T> {
        self.value_mut().write(value);
        // SAFETY: the value was written just above.
        unsafe { self.assume_init() }
    }

    /// The same block as a `BoxPtr<T>`: `Box::assume_init`.
    ///
    /// # Safety
    ///
    /// The value must be initialized: a valid `T`.
    #[inline]
    pub(super) unsafe fn assume_init(self) -> BoxPtr<T> {
        let this = ManuallyDrop::new(self);
        // INVARIANT: the same block, whose layout is also `T`'s
        // (`MaybeUninit<T>` has `T`'s size and alignment), now holding a
        // live `T` (caller); `this` is forgotten, so it is owned once.
        BoxPtr {
            ptr: this.ptr.cast::<T>(),
            _owns: PhantomData,
        }
    }
}

impl<T> BoxPtr<[MaybeUninit<T>]> {
    /// The same block as a `BoxPtr<[T]>`: `Box::<[MaybeUninit<T>]>::assume_init`.
    ///
    /// # Safety
    ///
    /// Every element must be initialized: a valid `T`.
    #[inline]
    pub(super) unsafe fn assume_init(self) -> BoxPtr<[T]> {
        let this = ManuallyDrop::new(self);
        // INVARIANT: the same block and length, whose layout is also
        // `[T]`'s (`MaybeUninit<T>` has `T`'s size and alignment), now
        // holding live elements (caller); `this` is forgotten, so it is
        // owned once.
        BoxPtr {
            ptr: NonNull::slice_from_raw_parts(this.ptr.cast::<T>(), this.ptr.len()),
            _owns: PhantomData,
        }
    }
}

impl<T: ?Sized> BoxPtr<T> {
    /// Takes over the block of a std `Box`, without copying or reallocating.
    #[inline]
    pub(crate) fn from_std(boxed: StdBox<T>) -> Self {
        let raw = StdBox::into_raw(boxed);
        // SAFETY: `NonNull::new_unchecked` needs a non-null pointer:
        // `into_raw` returns the std Box's own pointer, which is never null
        // (a zero-sized value gets a dangling, aligned, non-null pointer).
        let ptr = unsafe { NonNull::new_unchecked(raw) };
        // INVARIANT: std's Box documents the same allocation rule as ours
        // (global allocator, `Layout::for_value`, nothing for size zero), and
        // `into_raw` handed its ownership of the live value to us.
        Self {
            ptr,
            _owns: PhantomData,
        }
    }

    /// Hands the block over to a std `Box`, without copying or reallocating.
    #[inline]
    pub(crate) fn into_std(self) -> StdBox<T> {
        let raw = self.into_raw();
        // SAFETY: `StdBox::from_raw` needs a pointer to a live `T` in memory
        // laid out as std's Box expects and owned by no one else:
        // - live `T`, global allocator, `Layout::for_value`, nothing
        //   allocated for size zero (the INVARIANT on `ptr`, which is std's
        //   own memory-layout rule);
        // - no other owner (`into_raw` consumed the only `BoxPtr` without
        //   dropping or freeing anything).
        unsafe { StdBox::from_raw(raw) }
    }

    /// Gives up ownership: the value is neither dropped nor freed.
    #[inline]
    pub(crate) fn into_raw(self) -> *mut T {
        let this = ManuallyDrop::new(self);
        this.ptr.as_ptr()
    }

    /// The owned value.
    #[inline]
    pub(crate) fn value(&self) -> &T {
        // SAFETY: `as_ref` needs a pointer to a live, aligned `T` that is not
        // mutated while the returned reference lives:
        // - live and aligned (the INVARIANT on `ptr`);
        // - not mutated: the only way to mutate is `value_mut`, which needs
        //   `&mut self`, and `self` stays borrowed for the reference's life.
        unsafe { self.ptr.as_ref() }
    }

    /// The owned value, mutably.
    #[inline]
    pub(crate) fn value_mut(&mut self) -> &mut T {
        // SAFETY: `as_mut` needs a pointer to a live, aligned `T` with no
        // other access while the returned reference lives:
        // - live and aligned (the INVARIANT on `ptr`);
        // - unique: this `BoxPtr` is the only owner (the INVARIANT on `ptr`)
        //   and `self` stays mutably borrowed for the reference's life.
        unsafe { self.ptr.as_mut() }
    }
}

/// Drops the value, then frees its block.
///
/// This is the whole life of a Box: like std's `Box`, two steps, both
/// inlined. The one cold path is observation: while anyone observes (a
/// drop trace is being captured, a leak check runs), `drop_observed` runs
/// the same two steps out of line, framed by the reports they need.
///
/// Drop check: std's Box marks `T` with the unstable `#[may_dangle]`, a
/// promise that its `drop` only drops the `T` and never looks at it. Stable
/// code cannot make that promise, so for ours the compiler assumes `drop`
/// may use the `T`: borrows inside a `Box<&'a U>` must still be alive when
/// the box is dropped. The `boxed` module docs show the one program this
/// rejects.
impl<T: ?Sized> Drop for BoxPtr<T> {
    #[inline]
    fn drop(&mut self) {
        // One relaxed load when nobody observes; everything the observers
        // need is built out of line, in `drop_observed`.
        if observing() {
            self.drop_observed();
        } else {
            self.drop_value_then_free(false);
        }
    }
}

impl<T: ?Sized> BoxPtr<T> {
    /// What this pointer tells the observers, or a walk, about itself.
    pub(crate) fn pointer_info(&self) -> PointerInfo {
        let layout = Layout::for_value(self.value());
        let target = self.ptr.as_ptr().cast::<u8>().addr();
        PointerInfo {
            kind: PointerKind::Box,
            address: address_of(self),
            // A zero-sized value has no block (invariant 2).
            block: (layout.size() != 0).then_some(Block {
                address: target,
                size: layout.size(),
                align: layout.align(),
            }),
            target,
            target_type: core::any::type_name::<T>(),
            strong: 1,
            weak: 0,
        }
    }

    /// `drop` while someone observes: the same steps, framed by the
    /// reports that the drop begins and ends, and with the free reported.
    #[cold]
    #[inline(never)]
    fn drop_observed(&mut self) {
        // Dropped last, after the block is freed, and also while unwinding
        // from a panicking destructor, so the end is always reported.
        let _ends = observe::drop_begins(&self.pointer_info());
        self.drop_value_then_free(true);
    }

    /// Drops the value, then frees its block; with `report_free`, the free
    /// is reported just before the block goes back to the allocator.
    ///
    /// Always inlined, so that `report_free: false` folds away and the
    /// unobserved drop is exactly the two steps it always was.
    #[inline(always)]
    fn drop_value_then_free(&mut self, report_free: bool) {
        // The layout of an unsized value is read from the value itself (slice
        // length, vtable), so it is computed while the value is still alive.
        let layout = Layout::for_value(self.value());
        // The guard frees the block when this function ends, normally or by
        // unwinding from a panicking destructor: a panic in `T::drop` must
        // not leak the block.
        let _free_after_drop = FreeOnDrop {
            // INVARIANT: this `BoxPtr`'s block, with the layout computed
            // above, which is the one it was allocated with (the INVARIANT on
            // `ptr`); `self` is being dropped, so nothing else frees it.
            block: self.ptr.cast(),
            layout,
        };
        // Declared after the guard that frees, so dropped before it: the
        // free is reported while the block is still allocated, and nobody
        // else can have been handed the same address yet.
        let _report_free = (report_free && layout.size() != 0).then(|| ReportFreeOnDrop {
            block: Block {
                address: self.ptr.as_ptr().cast::<u8>().addr(),
                size: layout.size(),
                align: layout.align(),
            },
        });
        // SAFETY: `drop_in_place` needs a pointer valid for reads and writes,
        // aligned, to a value that is not used again afterwards:
        // - valid and aligned (the INVARIANT on `ptr`);
        // - not used again: this is `drop`, and the only thing left to
        //   happen is the guard freeing the block as raw memory.
        unsafe { ptr::drop_in_place(self.ptr.as_ptr()) };
    }
}

/// Reports that `block` is freed when dropped, unwinding included: a value
/// whose destructor panics still has its block freed, and the observers
/// hear of it.
struct ReportFreeOnDrop {
    block: Block,
}

impl Drop for ReportFreeOnDrop {
    fn drop(&mut self) {
        observe::block_freed(self.block);
    }
}

impl<T: ?Sized> BoxPtr<T> {
    /// Gives up ownership as a reference that may live as long as `T`
    /// allows: the value is never dropped and its block never freed, unless
    /// the reference is handed back to [`from_raw`](Self::from_raw).
    #[inline]
    pub(crate) fn leak<'a>(self) -> &'a mut T
    where
        T: 'a,
    {
        let raw = self.into_raw();
        // SAFETY: `&mut *raw` needs a non-null, aligned pointer to a live `T`
        // with no other access for `'a`:
        // - non-null, aligned, live (the INVARIANT on `ptr`, which held until
        //   `into_raw` just now);
        // - no other access: `into_raw` gave up the only owner without
        //   dropping or freeing, and `T: 'a` keeps the value's own borrows
        //   valid for `'a`. Only `from_raw` can end this, and its caller
        //   promises the reference is no longer used.
        unsafe { &mut *raw }
    }

    /// Takes ownership of a value through its raw pointer, as the public
    /// `Box::from_raw` does (declared in `public_unsafe.rs`).
    ///
    /// # Safety
    ///
    /// `raw` must come from `into_raw` or `leak` of ownkit's or std's Box of
    /// this `T` (or of a type with its size and alignment), point to a
    /// live, initialized value, and this call must be the one that takes
    /// that ownership back.
    #[inline]
    pub(super) unsafe fn from_raw(raw: *mut T) -> Self {
        debug_assert!(
            !raw.is_null(),
            "Box::<{}>::from_raw was given a null pointer",
            core::any::type_name::<T>()
        );
        // SAFETY: `NonNull::new_unchecked` needs a non-null pointer: the
        // caller promises `raw` came from `into_raw` or `leak` of a Box, and
        // neither ever returns null.
        let ptr = unsafe { NonNull::new_unchecked(raw) };
        // INVARIANT: the caller promises a live value, owned by no one else,
        // in a block allocated the way both Boxes allocate.
        BoxPtr {
            ptr,
            _owns: PhantomData,
        }
    }
}

#[cfg(test)]
mod tests;
