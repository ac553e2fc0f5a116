//! The unsafe core of [`Arc`] and [`Weak`]: one heap block, two atomic
//! counts.
//!
//! # The block and its counts
//!
//! The block is the same as `Rc`'s (see [`shared_block`]): a header, then the value.
//! The counting scheme is the same too, with the same implicit weak:
//!
//! - **strong** is the number of [`ArcPtr`]s. The value is alive exactly
//!   while strong > 0, and the `ArcPtr` that takes strong from 1 to 0 drops
//!   it. Once the value is gone, strong holds the block's layout instead, a
//!   *dead count* (see "Dead blocks" in [`shared_block`]).
//! - **weak** is the number of [`WeakPtr`]s, **plus one while strong > 0**.
//!   Whoever takes weak to 0 frees the block.
//!
//! A `WeakPtr` is split as `rc.rs` splits it, and for the same reason: its
//! typed pointer has no drop glue, and a [`WeakCount`], which does not know
//! the value's type, gives up the weak count and frees the block with the
//! layout the dead count holds, so a `Weak<&'a T>` may be dropped after
//! `'a` ends (see "Why a `Weak` may outlive what its value borrows" in
//! `rc.rs`).
//!
//! What changes is that the counts are atomics, updated by several threads at
//! once, and each atomic operation picks a memory ordering. Every ordering in
//! this file is commented where it is used. In short:
//!
//! - **Increments are `Relaxed`.** A thread can only make a new `Arc` from
//!   one it already holds, so the value cannot be dropped under it; and
//!   whatever it does with the new `Arc` is ordered by how it hands it to
//!   another thread (a channel, a spawn, a lock), not by the count.
//! - **Decrements are `Release`, and the one that reaches 0 follows with an
//!   `Acquire` fence.** This is the chain that makes dropping safe; it is
//!   spelled out once, in `ArcPtr`'s `Drop`, where it happens.
//! - **Upgrading and the uniqueness check read with `Acquire`**, because
//!   each can be the first step of touching the value that another thread
//!   touched last.
//!
//! # The weak lock
//!
//! `get_mut` must decide "strong == 1 and no `Weak` exists" from two counts
//! that other threads keep changing: between reading weak and reading
//! strong, another `Arc` could be downgraded to a `Weak` and then dropped,
//! so both reads look unique while a `Weak` that can upgrade exists. So
//! [`ArcPtr::is_unique`] first swaps weak from 1 to [`WEAK_LOCKED`], reads
//! strong, and puts weak back; `downgrade` waits while weak is locked. This
//! is std's scheme.
//!
//! # Checked by loom
//!
//! The atomics and the cell come from [`primitive`](super::primitive), which
//! under `--cfg loom` swaps in loom's model-checked versions. The header
//! carries one extra, zero-sized field, [`Counts::value_access`], through
//! which every access to the value is announced: a shared access for each
//! `Deref`, an exclusive one for dropping, moving out or handing out `&mut`.
//! In a normal build that compiles to nothing; under loom it lets the model
//! checker prove that the exclusive accesses are ordered after every other
//! thread's reads, which is exactly what the orderings here are for.
//!
//! # Invariants
//!
//! - **The counts count the pointers**, as described under "The block and
//!   its counts" (the `// INVARIANT:`s on [`Counts`]' fields): the value is
//!   initialized and not yet dropped exactly while strong is a real count
//!   above 0, and the block is allocated exactly while weak > 0. Weak reads
//!   [`WEAK_LOCKED`] only while `is_unique` holds the lock, which it takes
//!   only from 1 and puts back to 1.
//! - **Strong is a real count, 0 or dead.** It is 0 only while the one
//!   thread that took it there (the last owner's drop, `try_unwrap`,
//!   `into_inner`, `make_mut`) decides what becomes of the value, and dead
//!   (holding the block's layout) once the value is gone, and while
//!   `new_cyclic` makes it. Every path that gives up the implicit weak
//!   writes the dead count first, so whoever takes weak to 0 finds the
//!   layout to free the block with. Neither 0 nor a dead count ever
//!   becomes a real count again, except the dead count of `new_cyclic`,
//!   which only `new_cyclic` revives.
//! - **An `ArcPtr` always points at a live value**: an allocated block whose
//!   strong count counts it, so strong >= 1 and the value is initialized.
//! - **A `WeakPtr` is either the dangling sentinel** of [`Weak::new`] (no
//!   block behind it), **or points at an allocated block** whose weak count
//!   counts it; its typed pointer and its [`WeakCount`] hold the same
//!   address. Its value may be dropped, or being dropped by another thread
//!   right now, so a `WeakPtr` reaches the counts through a reference to the
//!   header only, never through a reference that covers the value, except
//!   to read the value's alignment in `from_raw` (see "Dead values" in
//!   [`shared_block`]).
//! - **Counts never pass `isize::MAX` by more than the number of threads
//!   racing to increment them**: an increment that finds a count above
//!   [`MAX_REFCOUNT`] aborts the process, long before it could wrap. So a
//!   real strong count is never read as a dead count, except in the
//!   instant before such an abort, when an `upgrade` that reads one fails
//!   instead of aborting itself, which is harmless.
//!
//! # What the safe layer may rely on
//!
//! Shared references to the value live as long as a borrow of the `ArcPtr`;
//! a `&mut` to it is handed out only while no other `Arc` or `Weak` exists
//! (`get_mut`, `make_mut`), and only after every other thread's use of the
//! value happens before it. Dropping the last `ArcPtr` drops the value once,
//! on whichever thread lets go last, and gives up the implicit weak even if
//! the value's destructor panics, so the block is freed as soon as no `Weak`
//! remains.
//!
//! Everything leaving this file is safe to call, except the `pub(super)
//! unsafe fn from_raw`s that the public `Arc::from_raw` and friends
//! (declared in `public_unsafe.rs`, the one place the crate's public
//! `unsafe fn`s can live) forward to.
//!
//! # Send and Sync
//!
//! Both pointers are `Send` and `Sync` exactly when `T: Send + Sync`. A
//! `NonNull` is neither, so the `unsafe impl`s after [`ArcPtr`] and
//! [`WeakPtr`] add both, for `T: Send + Sync` only. The counts are atomic,
//! so the pointer itself may cross threads; the bounds are about the value,
//! and each one has a counterexample:
//!
//! - **`T: Sync`**: every clone gives shared access to the same value, on
//!   whichever thread holds it, so an `Arc<T>` on two threads is a `&T` on
//!   two threads. With `T = Cell<i32>` (`Send`, not `Sync`), two threads
//!   could `set` the same cell at once: a data race in safe code. The
//!   Nomicon's example is `Arc<Rc<u32>>`: each thread clones the inner `Rc`
//!   through its `&Rc`, and the two threads race on the `Rc`'s plain count.
//! - **`T: Send`**: the value is dropped by whichever thread lets go of the
//!   last `Arc`, and `try_unwrap` moves it out on any thread holding one, so
//!   the value moves between threads. With `T = MutexGuard<'_, _>` (`Sync`,
//!   not `Send`), the mutex would be unlocked by a thread that did not lock
//!   it, which some platforms' mutexes forbid.
//!
//! Both bounds apply to `Send` and `Sync` alike: sending an `Arc` to another
//! thread and sharing a `&Arc` with it (then cloning) come to the same thing.
//! A `WeakPtr` needs the same bounds, because on another thread it can
//! upgrade to an `ArcPtr` there.
//!
//! # Observation
//!
//! While anyone observes (a drop trace is being captured, a leak check
//! runs; see `observe`), every new block is reported as it becomes its
//! first `ArcPtr` (`from_new_block`, the one way a constructor makes one);
//! the last owner's drop reports where it begins and ends (with the counts
//! it found); and the pointer that frees the block reports it just before
//! freeing it. The counting is the same either way: with nobody observing,
//! each report costs one relaxed load of the observation gate and a branch.
//!
//! [`Arc`]: crate::sync::Arc
//! [`Weak`]: crate::sync::Weak
//! [`Weak::new`]: crate::sync::Weak::new

use alloc_crate::alloc::Layout;
use alloc_crate::boxed::Box as StdBox;
use alloc_crate::vec::Vec;
use core::any::Any;
use core::marker::PhantomData;
use core::mem::{self, ManuallyDrop, MaybeUninit};
use core::ptr::{self, NonNull};

use crate::observe::{self, Block, PointerInfo, PointerKind, address_of};
use crate::raw::abort_on_count_overflow;
use crate::raw::gate_check::observing;
use crate::raw::primitive::Ordering::{Acquire, Relaxed, Release};
use crate::raw::primitive::{AtomicUsize, UnsafeCell, fence, spin_loop};
use crate::raw::shared_block::{self, PlainBytes, SharedBlock, holds_value};

/// The heap block shared by an `Arc` family: the header, then the value.
type ArcInner<T> = SharedBlock<Counts, T>;

/// The largest count an increment may start from.
///
/// An increment that finds a count above this aborts. The increment has
/// already happened by then, so the count can pass this limit by one per
/// thread incrementing at that moment; `isize::MAX` leaves room for that many
/// threads and more before `usize` wraps. (A count cannot get here from live
/// `Arc`s, each needs memory; only a `mem::forget` loop reaches it.)
const MAX_REFCOUNT: usize = isize::MAX as usize;

/// The value of the weak count while [`ArcPtr::is_unique`] has it locked.
///
/// It is above [`MAX_REFCOUNT`], so no real count is ever mistaken for it.
const WEAK_LOCKED: usize = usize::MAX;

/// The head of every `Arc` block: the two counts, and the value's access
/// marker for loom.
// At least 4-aligned, for the dead count (see the assertion below): a no-op
// wherever `usize` is 4-aligned already.
#[repr(align(4))]
struct Counts {
    // INVARIANT: the number of `ArcPtr`s to this block while the value is
    // initialized and not yet dropped; 0 while the thread that took it
    // there takes the value away; then, once the value is gone, and while
    // `ArcPtr::new_cyclic` makes it, a dead count holding the block's
    // layout.
    strong: AtomicUsize,
    // INVARIANT: the number of `WeakPtr`s to this block, plus one while
    // strong is a real count above 0 (the implicit weak of the strong
    // owners); or `WEAK_LOCKED` while `is_unique` holds the lock, which it
    // takes only from 1 and puts back to 1. The block is allocated exactly
    // while weak > 0.
    weak: AtomicUsize,
    /// Not a count: a zero-sized stand-in for the value, through which every
    /// access to the value is announced ([`with`](UnsafeCell::with) for a
    /// shared one, [`with_mut`](UnsafeCell::with_mut) for an exclusive one).
    /// Only loom looks at it; see "Checked by loom" in the module docs.
    value_access: UnsafeCell<()>,
}

impl Counts {
    fn new(strong: usize, weak: usize) -> Self {
        Counts {
            strong: AtomicUsize::new(strong),
            weak: AtomicUsize::new(weak),
            value_access: UnsafeCell::new(()),
        }
    }

    /// The header of a block that one `ArcPtr` points at.
    fn one_owner() -> Self {
        Counts::new(1, 1)
    }

    /// The header of the block that `inner` points at.
    ///
    /// # Safety
    ///
    /// `inner` must point at an allocated block whose header is initialized,
    /// and the block must stay allocated for the lifetime the caller picks.
    #[inline]
    unsafe fn of<'a, T: ?Sized>(inner: NonNull<ArcInner<T>>) -> &'a Counts {
        // SAFETY: the header is in bounds of an allocated block whose header
        // is initialized and stays so for `'a` (caller); atomics allow shared
        // mutation, and the reference does not cover the value, which another
        // thread may be dropping.
        unsafe { &(*inner.as_ptr()).counts }
    }

    /// The counts at `header`, the start of a block.
    ///
    /// # Safety
    ///
    /// As for [`Counts::of`]: `header` must be the header of an allocated
    /// block whose header is initialized, for the lifetime the caller picks.
    #[inline]
    unsafe fn of_header<'a>(header: NonNull<Counts>) -> &'a Counts {
        // SAFETY: the header is the first field of every block (`repr(C)`),
        // allocated and initialized for `'a` (caller); the reference covers
        // the header only, never the value another thread may be dropping.
        unsafe { header.as_ref() }
    }

    /// Records that the value is gone for good: strong, just taken to 0 by
    /// this thread, becomes the dead count of a block of layout `block`.
    ///
    /// This must happen before the implicit weak is given up, so that
    /// whoever frees the block finds its layout.
    #[inline]
    fn mark_dead(&self, block: Layout) {
        // Relaxed: the thread that frees the block reads this after its
        // Acquire fence on the weak count, which pairs with the Release
        // decrement that gives up the implicit weak after this store (see
        // `free_block`). Every other reader (`upgrade`, the snapshots) only
        // needs to see "no value", which 0 said already.
        self.strong
            .store(shared_block::dead_strong_count(block), Relaxed);
    }

    /// Announces a shared access to the value (see `value_access`).
    #[inline(always)]
    fn reading_value(&self) {
        self.value_access.with(|_| ());
    }

    /// Runs `access`, announced as an exclusive access to the value (see
    /// `value_access`).
    #[inline(always)]
    fn writing_value<R>(&self, access: impl FnOnce() -> R) -> R {
        self.value_access.with_mut(|_| access())
    }
}

// A dead count packs half the block's alignment into a bit of its own, and
// it must not be bit 0 (see "Dead blocks" in `shared_block`), so a block
// must be at least 4-aligned. Its header of atomic counts is, on every target:
// `usize` is 4-aligned on most, and `repr(align(4))` sees to the others.
const _: () = assert!(
    mem::align_of::<Counts>() >= 4,
    "an Arc block must be at least 4-aligned"
);

/// Aborts if an increment started from a count above [`MAX_REFCOUNT`].
#[inline(always)]
fn check_increment(count_before: usize, what: &str) {
    if count_before > MAX_REFCOUNT {
        abort_on_count_overflow(what);
    }
}

/// The pointer inside [`Arc`](crate::sync::Arc): a counted pointer to a live block.
///
/// - `NonNull` makes `ArcPtr<T>` covariant in `T`, like `&T` and std's
///   `Arc`, and gives `Option<Arc<T>>` its niche: one word.
/// - `PhantomData<ArcInner<T>>` says that dropping an `ArcPtr<T>` may drop a
///   `T`, for the drop checker.
/// - `NonNull` is neither `Send` nor `Sync`; the impls below add both, for
///   `T: Send + Sync` only. The counts are atomic, so the pointer itself may
///   cross threads; the bounds are about the value (see "Send and Sync" in
///   the module docs for the counterexample behind each bound).
pub(crate) struct ArcPtr<T: ?Sized> {
    // INVARIANT: points at an allocated block whose strong count counts this
    // pointer, so the value is initialized. Established by every constructor
    // (`from_inner`'s contract) and given up only by `drop`, `try_unwrap`,
    // `into_inner`, `make_mut` and `into_raw`.
    ptr: NonNull<ArcInner<T>>,
    phantom: PhantomData<ArcInner<T>>,
}

// SAFETY: the counts are atomic, and `T: Send + Sync` covers the value: see
// "Send and Sync" in the module docs for the counterexample behind each
// bound.
unsafe impl<T: ?Sized + Send + Sync> Send for ArcPtr<T> {}
// SAFETY: a `&ArcPtr` on another thread can clone it, which is as good as
// sending it; same bounds, same reasons.
unsafe impl<T: ?Sized + Send + Sync> Sync for ArcPtr<T> {}

/// The pointer inside [`Weak`](crate::sync::Weak): a counted pointer to a
/// block that may have lost its value, or the sentinel of `Weak::new`.
///
/// - No `Drop` impl: the weak count is given up, and the block freed, by
///   the [`WeakCount`] field, whose type does not mention `T`, so a
///   `Weak<T>` may be dropped after the data `T` borrows (see the module
///   docs).
/// - No `PhantomData<T>`: a `Weak` never drops a `T`, it frees at most the
///   block.
/// - `Send` and `Sync` need `T: Send + Sync`, as for [`ArcPtr`], because a
///   `WeakPtr` on another thread can upgrade to an `ArcPtr` there (see
///   "Send and Sync" in the module docs).
pub(crate) struct WeakPtr<T: ?Sized> {
    // INVARIANT: either the sentinel (no block), or an allocated block whose
    // weak count `count` holds. The value may be gone (strong is 0 or dead).
    // Maintained by `from_inner`'s contract.
    ptr: NonNull<ArcInner<T>>,
    // INVARIANT: holds the same address as `ptr`, untyped.
    #[allow(
        dead_code,
        reason = "read by its own drop only, which gives up the weak count; \
                  everything else reads the block through `ptr`"
    )]
    count: WeakCount,
}

// SAFETY: a `WeakPtr` touches only the atomic counts (its `WeakCount` too,
// which may free the block on any thread: the global allocator is `Sync`),
// and upgrades to an `ArcPtr`, which is `Send` and `Sync` under the same
// bounds.
unsafe impl<T: ?Sized + Send + Sync> Send for WeakPtr<T> {}
// SAFETY: as for `Send`: `&WeakPtr` allows clone and upgrade, no more.
unsafe impl<T: ?Sized + Send + Sync> Sync for WeakPtr<T> {}

/// One weak count of a block, held without knowing the type of its value:
/// dropping it gives the count up, and frees the block if it was the last.
///
/// It reads the block's layout from the dead count that whoever took the
/// value away left in the strong count (see "Dead blocks" in
/// [`shared_block`]), so its `Drop` impl is not generic: the drop checker
/// requires nothing of `T` when a [`WeakPtr`] is dropped.
///
/// It is neither `Send` nor `Sync` on its own (a `NonNull`); it crosses
/// threads only inside a `WeakPtr`, whose `unsafe impl`s above cover it.
struct WeakCount {
    // INVARIANT: either the sentinel address (no block), or the header of an
    // allocated block whose weak count counts this one, with the provenance
    // of the whole block (it is derived from the block's pointer), so that
    // it may free it.
    header: NonNull<Counts>,
}

impl WeakCount {
    /// The `WeakCount` of `Weak::new`: the sentinel, no block.
    const NONE: WeakCount = WeakCount {
        header: shared_block::dangling::<Counts, ()>().cast(),
    };

    /// The header of the block, or `None` for the sentinel.
    #[inline]
    fn counts(&self) -> Option<&Counts> {
        if shared_block::is_dangling(self.header.as_ptr()) {
            None
        } else {
            // SAFETY: not the sentinel, so the block is allocated and stays
            // so while `self` holds its weak count (field invariant).
            Some(unsafe { Counts::of_header(self.header) })
        }
    }
}

impl Drop for WeakCount {
    #[inline]
    fn drop(&mut self) {
        let Some(counts) = self.counts() else {
            return;
        };
        // Release, then Acquire for the one that reaches 0: the same chain
        // as `ArcPtr`'s drop, on the weak count. Here it orders every other
        // pointer's last touch of the block (including the value's drop and
        // the dead count, which happen before the implicit weak is given up)
        // before the block is freed.
        if counts.weak.fetch_sub(1, Release) != 1 {
            return;
        }
        fence(Acquire);
        // Relaxed: the dead count was written before the Release decrement
        // that gave up the implicit weak, and the fence above synchronizes
        // with it (see `Counts::mark_dead`).
        let layout = shared_block::dead_block_layout(counts.strong.load(Relaxed));
        // SAFETY: weak just reached 0 here, from this count, which held the
        // block allocated (field invariant); the Acquire fence is above, and
        // `layout` is the one the dead count holds.
        unsafe { free_block(self.header, layout, Report::IfObserving) };
    }
}

/// Whether [`free_block`] tells the observers about the free.
#[derive(Clone, Copy)]
enum Report {
    /// If anyone observes: a `Weak`'s drop, or the implicit weak given up
    /// while a drop was observed or after the value was moved out.
    IfObserving,
    /// Never: the implicit weak given up by a drop that began while nobody
    /// observed (see `ArcPtr::drop_slow`).
    Never,
}

/// Frees the block whose header is `header` and whose layout is `layout`,
/// once its weak count is 0.
///
/// # Safety
///
/// `header` must be the header of an allocated block, with the provenance
/// of the whole block, whose weak count the caller has just taken to 0 and
/// then run an Acquire fence; `layout` must be the block's, as the dead
/// count holds it; nothing may use the block afterwards.
#[inline]
unsafe fn free_block(header: NonNull<Counts>, layout: Layout, report: Report) {
    // SAFETY: the block is still allocated (the caller took weak to 0 and
    // has not freed it); the reference ends before the free below.
    let counts = unsafe { Counts::of_header(header) };
    // Freeing is the last exclusive access to the value's memory: saying so
    // lets loom check that the fence orders every other thread's reads (and
    // the value's drop) before it.
    counts.writing_value(|| ());
    if matches!(report, Report::IfObserving) && observing() {
        report_free(header, layout);
    }
    // SAFETY:
    // - the block came from `shared_block` or `StdBox<ArcInner<T>>` with
    //   `layout`, `Layout::for_value` of the block (caller);
    // - the value is dropped or moved out: weak reached 0, so the strong
    //   owners gave up their implicit weak, which they do only once the
    //   value is gone;
    // - it is freed once: only the pointer that takes weak to 0 frees, and
    //   nothing uses the block afterwards (caller).
    unsafe { shared_block::free(header, layout) };
}

/// Reports that the block at `header` is about to be freed, out of line
/// because only the observers need it.
#[cold]
#[inline(never)]
fn report_free(header: NonNull<Counts>, layout: Layout) {
    observe::block_freed(Block {
        address: header.as_ptr().cast::<u8>().addr(),
        size: layout.size(),
        align: layout.align(),
    });
}

impl<T: ?Sized> ArcPtr<T> {
    /// Takes over one strong count of the block `ptr` points at.
    ///
    /// # Safety
    ///
    /// `ptr` must point at an allocated block with an initialized value whose
    /// strong count already counts the new `ArcPtr`, a count nobody else will
    /// give up.
    #[inline]
    unsafe fn from_inner(ptr: NonNull<ArcInner<T>>) -> Self {
        ArcPtr {
            ptr,
            phantom: PhantomData,
        }
    }

    /// [`from_inner`](Self::from_inner) for a block this file just
    /// allocated and filled: the one place a new block becomes an `Arc`,
    /// so the one place the observers (a running leak check) hear of it.
    ///
    /// When nobody observes this costs one relaxed load and a branch; the
    /// rest is out of line, in `reported`.
    ///
    /// # Safety
    ///
    /// As for `from_inner`; the block must also be new: no pointer has been
    /// made to it before, except the `Weak` of `new_cyclic`.
    #[inline]
    unsafe fn from_new_block(ptr: NonNull<ArcInner<T>>) -> Self {
        // SAFETY: the caller's promise is `from_inner`'s.
        let this = unsafe { Self::from_inner(ptr) };
        if observing() {
            return this.reported();
        }
        this
    }

    /// Tells the observers about the new block. Takes and gives back the
    /// pointer by value, so that the fast path of `from_new_block` keeps it
    /// in a register instead of in memory for a reference.
    #[cold]
    #[inline(never)]
    fn reported(self) -> Self {
        observe::block_allocated(self.block(), PointerKind::Arc, core::any::type_name::<T>());
        self
    }

    /// The heap block, as the observers and a walk see it.
    fn block(&self) -> Block {
        let layout = self.block_layout();
        Block {
            address: self.ptr.as_ptr().cast::<u8>().addr(),
            size: layout.size(),
            align: layout.align(),
        }
    }

    #[inline]
    fn counts(&self) -> &Counts {
        // SAFETY: the block is allocated while this `ArcPtr` holds its strong
        // count (field invariant).
        unsafe { Counts::of(self.ptr) }
    }

    /// The value, borrowed for as long as this pointer is.
    #[inline]
    pub(crate) fn value(&self) -> &T {
        self.counts().reading_value();
        // SAFETY: the value is initialized while this `ArcPtr` holds its
        // strong count (field invariant), and nobody mutates it while a
        // shared borrow exists: `get_mut`, `make_mut` and the final drop all
        // need every other `ArcPtr` gone, and this one is borrowed.
        unsafe { &(*self.ptr.as_ptr()).value }
    }

    #[inline]
    pub(crate) fn strong_count(&self) -> usize {
        // Relaxed: a snapshot, which other threads may change right after;
        // nothing is read or freed on the strength of it.
        self.counts().strong.load(Relaxed)
    }

    /// The number of `Weak`s, not counting the implicit one.
    #[inline]
    pub(crate) fn weak_count(&self) -> usize {
        // Relaxed: a snapshot, as for `strong_count`.
        match self.counts().weak.load(Relaxed) {
            // `is_unique` locks the count only while it is 1: no `Weak`.
            WEAK_LOCKED => 0,
            weak => weak - 1,
        }
    }

    /// Makes a new `WeakPtr` to this block.
    ///
    /// Waits while `is_unique` on another thread has the weak count locked.
    #[inline]
    pub(crate) fn downgrade(&self) -> WeakPtr<T> {
        let weak = &self.counts().weak;
        // Relaxed: a first guess, which the compare-exchange checks.
        let mut current = weak.load(Relaxed);
        loop {
            if current == WEAK_LOCKED {
                spin_loop();
                // Relaxed: another guess, as above.
                current = weak.load(Relaxed);
                continue;
            }
            check_increment(current, "Arc weak count");
            // Acquire on success: it reads the value that `is_unique`'s
            // Release store wrote when it unlocked, so everything `is_unique`
            // did under the lock (its read of strong) happens before this
            // `Weak` exists, and it cannot have counted the block as unique
            // with this `Weak` around. Relaxed on failure: we only retry.
            match weak.compare_exchange_weak(current, current + 1, Acquire, Relaxed) {
                // SAFETY: the block is allocated (field invariant) and its
                // weak count now counts the new pointer.
                Ok(_) => return unsafe { WeakPtr::from_inner(self.ptr) },
                Err(actual) => current = actual,
            }
        }
    }

    /// Whether this is the only pointer of any kind to the block.
    ///
    /// `&mut self` because the answer is only stable while this pointer
    /// cannot be cloned; see "The weak lock" in the module docs.
    fn is_unique(&mut self) -> bool {
        let counts = self.counts();
        // Lock the weak count if no `Weak` exists (weak == 1, the implicit
        // one), so that no `Weak` can appear while strong is read.
        // Acquire on success: pairs with the Release decrement in `WeakPtr`'s
        // drop, so whatever the last `Weak` did (an `upgrade`, and the reads
        // of the value through it) happens before we call the value ours.
        // Relaxed on failure: a `Weak` exists, so the answer is no, and
        // nothing is read.
        if counts
            .weak
            .compare_exchange(1, WEAK_LOCKED, Acquire, Relaxed)
            .is_err()
        {
            return false;
        }
        // Acquire: pairs with the Release decrement in `ArcPtr`'s drop, so
        // everything the other owners did with the value happens before we
        // hand out `&mut` to it.
        let unique = counts.strong.load(Acquire) == 1;
        // Release: pairs with the Acquire of `downgrade`'s compare-exchange,
        // so our read of strong above happens before any `Weak` made after
        // the unlock.
        counts.weak.store(1, Release);
        unique
    }

    /// The value, mutably, if no other `Arc` or `Weak` points at it.
    #[inline]
    pub(crate) fn get_mut(&mut self) -> Option<&mut T> {
        if !self.is_unique() {
            return None;
        }
        self.counts().writing_value(|| ());
        // SAFETY: the value is initialized (field invariant) and nothing
        // else can reach it while `self` is mutably borrowed: this is the
        // only `Arc` and there is no `Weak` (`is_unique`, whose Acquire
        // loads order every earlier use by other threads before this), and
        // an `Arc` or `Weak` is needed to make another.
        Some(unsafe { &mut (*self.ptr.as_ptr()).value })
    }

    /// Whether `self` and `other` point at the same block.
    #[inline]
    pub(crate) fn ptr_eq(&self, other: &Self) -> bool {
        ptr::addr_eq(self.ptr.as_ptr(), other.ptr.as_ptr())
    }

    /// A pointer to the value, with the provenance of the whole block.
    ///
    /// Derived from `ptr`, never from `&self.value`, so that `from_raw` may
    /// step back from it to the header.
    #[inline]
    pub(crate) fn as_ptr(&self) -> *const T {
        // SAFETY: the projection stays inside the allocated block (field
        // invariant); no reference is created.
        unsafe { &raw const (*self.ptr.as_ptr()).value }
    }

    /// Gives up this pointer's strong count as a raw pointer to the value.
    pub(crate) fn into_raw(self) -> *const T {
        let value = self.as_ptr();
        mem::forget(self);
        value
    }

    /// Takes back the strong count given up by [`ArcPtr::into_raw`].
    ///
    /// # Safety
    ///
    /// `value` must come from `into_raw` on an `ArcPtr<U>` where `U` has the
    /// same size and alignment as `T` (or `U` is `T`), and this call must be
    /// the one that takes that count back.
    #[inline]
    pub(super) unsafe fn from_raw(value: *const T) -> Self {
        // SAFETY: `value` points at the live value of an `Arc` block (the
        // count given up by `into_raw` keeps it alive, caller).
        let inner = unsafe { shared_block::block_of_value::<Counts, T>(value) };
        // SAFETY: the block is allocated, its value initialized, and the
        // count `into_raw` gave up is taken back by this call only (caller).
        unsafe { Self::from_inner(inner) }
    }

    /// The cold half of `drop` while nobody observes: the strong count
    /// just reached 0, and the caller's Acquire fence has made every other
    /// owner's use of the value happen before this.
    ///
    /// It takes the block, not `&mut self`: the caller hands over the
    /// pointer it already holds in a register, where a reference would
    /// make this load it again from the `ArcPtr`.
    ///
    /// # Safety
    ///
    /// As for [`drop_value`](Self::drop_value).
    #[inline(never)]
    unsafe fn drop_slow(block: NonNull<ArcInner<T>>) {
        // Nothing is reported, not even the free: the gate was closed when
        // the drop began, so no leak check can have noted this block since
        // (a check on another thread that noted it would have kept the gate
        // open), and a drop trace opened by the value's own drop has closed
        // by the time the block is freed.
        // SAFETY: the caller's promise is `drop_value`'s.
        unsafe { Self::drop_value(block, Report::Never) };
    }

    /// The layout of the whole block, as it was allocated.
    #[inline]
    fn block_layout(&self) -> Layout {
        shared_block::block_layout::<Counts>(Layout::for_value(self.value()))
    }

    /// Drops the value of a block whose strong count just reached 0 (after
    /// the Acquire fence), then gives up the strong owners' implicit weak.
    ///
    /// Strong becomes the dead count first, and the guard that gives up the
    /// implicit weak is taken before the value is dropped: if `T::drop`
    /// panics, the guard still gives it up during unwinding, freeing the
    /// block when no `Weak` remains, with the layout already in place.
    ///
    /// # Safety
    ///
    /// `block` must be the block of the `ArcPtr` being dropped, whose strong
    /// count that drop has just taken to 0, after the Acquire fence; nothing
    /// may use the value afterwards.
    #[inline(always)]
    unsafe fn drop_value(block: NonNull<ArcInner<T>>, report: Report) {
        // SAFETY: the block stays allocated until the implicit weak is
        // given up, at the end of this function: the weak count holds it
        // (caller).
        let counts = unsafe { Counts::of(block) };
        counts.reading_value();
        // SAFETY: the value is initialized (strong was 1 until the caller's
        // decrement) and only this function uses it now (caller).
        let value_layout = Layout::for_value(unsafe { &(*block.as_ptr()).value });
        let layout = shared_block::block_layout::<Counts>(value_layout);
        counts.mark_dead(layout);
        // SAFETY: the block is allocated, with `layout`, and its weak count
        // holds the implicit weak, which the strong owners give up now that
        // strong is dead and nobody else will (only the owner that reached 0
        // gets here, caller).
        let _implicit_weak = unsafe { ImplicitWeak::new(block.cast(), layout, report) };
        // SAFETY: the projection stays inside the allocated block.
        let value = unsafe { &raw mut (*block.as_ptr()).value };
        counts.writing_value(|| {
            // SAFETY:
            // - `value` is initialized, aligned and not dropped yet (strong
            //   was 1 until the caller's decrement, and this was that owner);
            // - no other thread uses it any more (the Release/Acquire chain
            //   in `drop`), and none will: strong is dead, so no `ArcPtr` is
            //   left and `upgrade` refuses to make one.
            unsafe { ptr::drop_in_place(value) };
        });
    }

    /// Reads the value out of the block, for the owner that just took strong
    /// to 0 without dropping it, then gives up the implicit weak.
    ///
    /// # Safety
    ///
    /// The caller must have taken strong from 1 to 0 itself, followed by an
    /// Acquire fence, and must not use `this` afterwards.
    unsafe fn take_value(this: &ManuallyDrop<Self>) -> T
    where
        T: Sized,
    {
        let layout = this.block_layout();
        // SAFETY: the projection stays inside the allocated block.
        let slot = unsafe { &raw const (*this.ptr.as_ptr()).value };
        let value = this.counts().writing_value(|| {
            // SAFETY:
            // - the value is initialized and aligned (field invariant, until
            //   the caller's decrement);
            // - it is read once, and no other thread uses it any more: the
            //   caller took strong to 0 and fenced, as in `drop`, so no
            //   `ArcPtr` is left to drop it and `upgrade` refuses to make one.
            unsafe { ptr::read(slot) }
        });
        this.counts().mark_dead(layout);
        // SAFETY: strong is dead, so the implicit weak is given up here,
        // once, reported as an ordinary `Weak`'s would be: it frees the
        // block, whose layout is `layout`, unless `Weak`s remain.
        drop(unsafe { ImplicitWeak::new(this.ptr.cast(), layout, Report::IfObserving) });
        value
    }
}

/// The strong owners' implicit weak count, given up when this is dropped
/// (unwinding included): what the last `ArcPtr` holds while it drops the
/// value, or gives up once it has moved the value out.
///
/// It does what dropping a [`WeakCount`] does, with the same orderings,
/// minus the check for the sentinel, which it never is, and, with
/// [`Report::Never`], the report of the free (see `ArcPtr::drop_slow`).
struct ImplicitWeak {
    // INVARIANT: the header of an allocated block, with the provenance of
    // the whole block, whose weak count holds the implicit weak, which this
    // guard alone gives up; its strong count is dead.
    header: NonNull<Counts>,
    // INVARIANT: the block's layout, the one its dead count holds. Kept
    // here so that freeing the block need not load it back: the thread
    // that made the dead count knows it already.
    layout: Layout,
    report: Report,
}

impl ImplicitWeak {
    /// # Safety
    ///
    /// `header` must be the header of an allocated block, with the
    /// provenance of the whole block and the layout `layout`, whose weak
    /// count holds the implicit weak and whose strong count this thread has
    /// made dead; the caller hands over the duty of giving the implicit
    /// weak up.
    #[inline]
    unsafe fn new(header: NonNull<Counts>, layout: Layout, report: Report) -> Self {
        Self {
            header,
            layout,
            report,
        }
    }
}

impl Drop for ImplicitWeak {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: the block is allocated while its weak count holds the
        // implicit weak (field invariant), and stays so until the free below.
        let counts = unsafe { Counts::of_header(self.header) };
        // Release, then Acquire for the one that reaches 0: the chain of
        // `WeakCount`'s drop, which orders every other pointer's last touch
        // of the block (and the value's drop) before the free.
        if counts.weak.fetch_sub(1, Release) != 1 {
            return;
        }
        fence(Acquire);
        // SAFETY: weak just reached 0 here, from the implicit weak, which
        // held the block allocated, and `layout` is the block's (field
        // invariants); the fence is above.
        unsafe { free_block(self.header, self.layout, self.report) };
    }
}

impl<T> ArcPtr<T> {
    /// Moves `value` into a new block with strong = weak = 1.
    #[inline]
    pub(crate) fn new(value: T) -> Self {
        let block = StdBox::new(SharedBlock {
            counts: Counts::one_owner(),
            value,
        });
        let inner = NonNull::from(StdBox::leak(block));
        // SAFETY: a fresh block from the global allocator with the layout of
        // `ArcInner<T>` (the one `shared_block::free` frees with), value
        // initialized, strong == 1 counting the new pointer.
        unsafe { Self::from_new_block(inner) }
    }

    /// Allocates a block, hands `data_fn` a `WeakPtr` to it, then moves the
    /// value `data_fn` returns into it.
    ///
    /// `data_fn` gets the one `WeakPtr` by value and gives it back with the
    /// value: that is how the safe layer lends the user's closure a public
    /// `&Weak`, which this file does not name. While `data_fn` runs, strong
    /// is 0 and weak counts that `WeakPtr` and any clone made of it, so
    /// upgrading fails, on any thread, and the unwritten value is never
    /// read. If `data_fn` panics, the `WeakPtr` is dropped during
    /// unwinding, and once its clones are gone too, weak reaches 0 and the
    /// block is freed; no value existed, so none is dropped, and nothing
    /// here touches the block again.
    pub(crate) fn new_cyclic(data_fn: impl FnOnce(WeakPtr<T>) -> (T, WeakPtr<T>)) -> Self {
        let block = StdBox::new(SharedBlock {
            // No value yet: a dead count, so that the `Weak` frees the block
            // if `data_fn` panics.
            counts: Counts::new(
                shared_block::dead_strong_count(Layout::new::<ArcInner<T>>()),
                1,
            ),
            value: MaybeUninit::<T>::uninit(),
        });
        // `MaybeUninit<T>` has the size and alignment of `T`, so under
        // `repr(C)` both blocks have the same layout.
        let inner = NonNull::from(StdBox::leak(block)).cast::<ArcInner<T>>();
        // SAFETY: the block is allocated and weak == 1 counts this pointer.
        let weak = unsafe { WeakPtr::from_inner(inner) };
        let (value, weak) = data_fn(weak);
        debug_assert!(
            ptr::addr_eq(weak.ptr.as_ptr(), inner.as_ptr()),
            "new_cyclic's closure gave back a Weak to another block"
        );
        // SAFETY: the block is allocated (`weak` is alive).
        let counts = unsafe { Counts::of(inner) };
        // SAFETY: the projection stays inside the block.
        let slot = unsafe { &raw mut (*inner.as_ptr()).value };
        counts.writing_value(|| {
            // SAFETY: `slot` is valid for writes and aligned (inside the
            // block), and holds no value to leak: strong stayed dead
            // (nothing revives a dead count but this function), so nothing
            // was written.
            unsafe { slot.write(value) };
        });
        // Release: pairs with the Acquire of `upgrade`'s compare-exchange.
        // A `Weak` made by `data_fn` may be on another thread by now; the
        // write of the value above must happen before any upgrade there can
        // see strong == 1 and read it. Nothing else writes strong while it
        // is dead, so a swap loses nothing.
        let strong_before = counts.strong.swap(1, Release);
        debug_assert!(
            shared_block::is_dead(strong_before),
            "strong count {strong_before:#x} during new_cyclic"
        );
        // The closure's Weak becomes the implicit weak of the strong owners.
        mem::forget(weak);
        // SAFETY: the value is initialized and strong == 1 counts this pointer.
        unsafe { Self::from_new_block(inner) }
    }

    /// Takes the value out if this is the only `Arc`; `Weak`s do not count.
    ///
    /// The `Weak`s keep the block alive, see a dead strong count and fail to
    /// upgrade.
    pub(crate) fn try_unwrap(this: Self) -> Result<T, Self> {
        // Relaxed, both ways: on failure we give `this` back untouched; on
        // success the Acquire fence below does the ordering, as in `drop`.
        // Taking strong from 1 to 0 in one step (rather than reading 1 and
        // then storing 0) is what keeps a concurrent `upgrade` from slipping
        // in between.
        if this
            .counts()
            .strong
            .compare_exchange(1, 0, Relaxed, Relaxed)
            .is_err()
        {
            return Err(this);
        }
        // Acquire: the same chain as in `drop`; we are about to read the
        // value the other owners used.
        fence(Acquire);
        let this = ManuallyDrop::new(this);
        // SAFETY: this call took strong from 1 to 0 and fenced, and `this`
        // is not used again.
        Ok(unsafe { Self::take_value(&this) })
    }

    /// Gives up this `Arc`; if it was the last one, returns the value
    /// instead of dropping it.
    ///
    /// Unlike `try_unwrap(this).ok()`, two threads calling this on the last
    /// two `Arc`s cannot both fail: whichever decrements second gets the
    /// value.
    pub(crate) fn into_inner(this: Self) -> Option<T> {
        let this = ManuallyDrop::new(this);
        // Release, then Acquire if we reached 0: exactly `drop`'s chain.
        if this.counts().strong.fetch_sub(1, Release) != 1 {
            return None;
        }
        fence(Acquire);
        // SAFETY: this call took strong from 1 to 0 and fenced, and `this`
        // is not used again.
        Some(unsafe { Self::take_value(&this) })
    }

    /// A mutable reference to the value, after making this `Arc` the only
    /// pointer to its block: [`make_mut_with`](Self::make_mut_with) with a
    /// clone of the value.
    pub(crate) fn make_mut(&mut self) -> &mut T
    where
        T: Clone,
    {
        self.make_mut_with(|value| ArcPtr::new(value.clone()))
    }
}

impl<T: ?Sized> ArcPtr<T> {
    /// A mutable reference to the value, after making this `Arc` the only
    /// pointer to its block; `clone` makes a new `ArcPtr` holding a clone of
    /// a value, for the first case below.
    ///
    /// - Other `Arc`s exist: clone the value into a new block and point there.
    ///   The clone runs before anything changes, so a panicking clone leaves
    ///   every count as it was.
    /// - Only `Weak`s remain: move the value into a new block and disconnect
    ///   the `Weak`s; their block gets a dead count and they stop upgrading.
    /// - Neither: already unique, nothing to do.
    pub(crate) fn make_mut_with(&mut self, clone: impl FnOnce(&T) -> Self) -> &mut T {
        let counts = self.counts();
        // Taking strong from 1 to 0 claims the value: no other `Arc` exists,
        // and while strong is 0 no `upgrade` can make one.
        // Acquire on success: pairs with the Release decrements of other
        // owners that dropped before, so their uses of the value happen
        // before we move or mutate it. Relaxed on failure: we only clone.
        if counts
            .strong
            .compare_exchange(1, 0, Acquire, Relaxed)
            .is_err()
        {
            let fresh = clone(self.value());
            // Drops the old pointer: strong was >= 2 when we looked, and
            // dropping is safe whatever it is now.
            *self = fresh;
        }
        // Relaxed: an optimization only. A `Weak` may be dropped right after
        // we read 2; then we move the value to a new block that did not need
        // to, which is wasteful but correct. We cannot read `WEAK_LOCKED`:
        // only a thread holding an `Arc` locks, and we hold the only one.
        else if counts.weak.load(Relaxed) != 1 {
            let layout = self.block_layout();
            let value = self.as_ptr();
            let fresh = counts.writing_value(|| {
                // SAFETY: our value is live (strong was 1 and it was ours,
                // ordered by the Acquire above), and never used again from
                // the old block: its strong count goes dead just below. The
                // block is allocated before the copy, and a failed
                // allocation aborts the process (`handle_alloc_error`), so
                // nothing can unwind while the old block is half given up.
                unsafe { shared_block::from_moved_value(Counts::one_owner(), value) }
            });
            // The old block's value is moved out and its strong count is
            // already 0: the `Weak`s fail to upgrade from now on. It becomes
            // the dead count, and the strong owners' implicit weak is given
            // up as an ordinary `Weak` would be; the last `Weak` frees the
            // block, never touching the value.
            counts.mark_dead(layout);
            // SAFETY: strong is dead (our compare-exchange, then the dead
            // count of `layout`) and the implicit weak is still counted; it
            // is given up here, once.
            drop(unsafe { ImplicitWeak::new(self.ptr.cast(), layout, Report::IfObserving) });
            // SAFETY: the fresh block holds the moved value and strong == 1
            // counts the new pointer.
            let fresh = unsafe { Self::from_new_block(fresh) };
            // The old pointer gave up its counts above: forget, do not drop.
            mem::forget(mem::replace(self, fresh));
        } else {
            // Release: we were the only pointer of any kind, and put strong
            // back. A `Weak` made later by cloning this `Arc` may upgrade on
            // another thread; it must see strong == 1 only after our writes
            // before this point. (Writes through the `&mut` returned below
            // are ordered by however that later `Arc` or `Weak` is shared.)
            self.counts().strong.store(1, Release);
        }
        self.counts().writing_value(|| ());
        // SAFETY: the value is initialized, and this is the only pointer of
        // any kind to the block (just established) while `self` is mutably
        // borrowed.
        unsafe { &mut (*self.ptr.as_ptr()).value }
    }
}

impl<T: ?Sized> ArcPtr<T> {
    /// Moves the value out of a std `Box` into a new block, without dropping
    /// it and without a second copy (see [`shared_block::from_box`]).
    pub(crate) fn from_box(boxed: StdBox<T>) -> Self {
        let inner = shared_block::from_box(Counts::one_owner(), boxed);
        // SAFETY: the block holds the value and strong == 1 counts the new
        // pointer.
        unsafe { Self::from_new_block(inner) }
    }
}

impl ArcPtr<dyn Any + Send + Sync> {
    /// The same pointer with the value's concrete type, if it is a `T`.
    pub(crate) fn downcast<T: Any + Send + Sync>(self) -> Result<ArcPtr<T>, Self> {
        if !self.value().is::<T>() {
            return Err(self);
        }
        let this = ManuallyDrop::new(self);
        // Drops the vtable; the address is the block's, whose value is a `T`.
        let inner = this.ptr.cast::<ArcInner<T>>();
        // SAFETY: the block is allocated and holds an initialized `T`
        // (checked by `is` above), so it is an `ArcInner<T>`; the strong
        // count of `this`, which is forgotten, passes to the new pointer.
        Ok(unsafe { ArcPtr::from_inner(inner) })
    }
}

impl<T> ArcPtr<[T]> {
    /// Moves the elements of `vec` into a new block: one allocation, one
    /// copy; the vector's buffer is freed without dropping the elements.
    pub(crate) fn from_vec(vec: Vec<T>) -> Self {
        let inner = shared_block::from_vec(Counts::one_owner(), vec);
        // SAFETY: the block holds the elements and strong == 1 counts the
        // new pointer.
        unsafe { Self::from_new_block(inner) }
    }

    /// Moves the elements of an array into a new block.
    pub(crate) fn from_array<const N: usize>(array: [T; N]) -> Self {
        let inner = shared_block::from_array(Counts::one_owner(), array);
        // SAFETY: the block holds the elements and strong == 1 counts the
        // new pointer.
        unsafe { Self::from_new_block(inner) }
    }

    /// Clones the elements of `slice` into a new block, one allocation.
    ///
    /// If a clone panics, the elements cloned so far are dropped and the
    /// block is freed: nothing leaks, nothing is dropped twice.
    pub(crate) fn from_slice_cloned(slice: &[T]) -> Self
    where
        T: Clone,
    {
        let inner = shared_block::from_slice_cloned(Counts::one_owner(), slice);
        // SAFETY: the block holds a clone of every element and strong == 1
        // counts the new pointer.
        unsafe { Self::from_new_block(inner) }
    }

    /// Moves the elements an iterator yields into a new block, with one
    /// allocation when the size hint is exact (see [`shared_block::from_iter`]).
    pub(crate) fn from_iter(iter: impl IntoIterator<Item = T>) -> Self {
        let inner = shared_block::from_iter(Counts::one_owner, iter);
        // SAFETY: the block holds the elements and strong == 1 counts the
        // new pointer.
        unsafe { Self::from_new_block(inner) }
    }
}

impl<T> ArcPtr<[T]> {
    /// The same block as an array of `N` elements, if the slice is `N`
    /// long; the pointer back otherwise.
    pub(crate) fn into_array<const N: usize>(self) -> Result<ArcPtr<[T; N]>, Self> {
        let len = self.value().len();
        let Some(array) = shared_block::slice_block_as_array::<Counts, T, N>(self.ptr, len) else {
            return Err(self);
        };
        // The strong count of `self` passes to the new pointer.
        mem::forget(self);
        // SAFETY: the same allocated block, whose value is `N` initialized
        // elements, seen as the array it has the layout of (see
        // `slice_block_as_array`); its strong count counted `self`, which is
        // forgotten.
        Ok(unsafe { ArcPtr::from_inner(array) })
    }
}

impl<T: ?Sized + PlainBytes> ArcPtr<T> {
    /// Copies the bytes of `value` (a `CStr`, an `OsStr`, a `Path`) into a
    /// new block.
    pub(crate) fn from_plain_bytes(value: &T) -> Self {
        let inner = shared_block::from_bitwise_copy(Counts::one_owner(), value);
        // SAFETY: the block holds a copy of `value` and strong == 1 counts
        // the new pointer.
        unsafe { Self::from_new_block(inner) }
    }
}

impl ArcPtr<str> {
    /// Copies `text` into a new block.
    pub(crate) fn from_str(text: &str) -> Self {
        let inner = shared_block::from_str(Counts::one_owner(), text);
        // SAFETY: the block holds a copy of `text` and strong == 1 counts
        // the new pointer.
        unsafe { Self::from_new_block(inner) }
    }
}

impl<T: ?Sized> Clone for ArcPtr<T> {
    #[inline]
    fn clone(&self) -> Self {
        // Relaxed: we hold an `ArcPtr`, so strong >= 1 and nobody can drop
        // the value while we add one. New owners made from an existing one
        // need no ordering of their own: handing the clone to another thread
        // (spawn, channel, lock) already orders everything before it.
        let strong_before = self.counts().strong.fetch_add(1, Relaxed);
        check_increment(strong_before, "Arc strong count");
        // SAFETY: the block is allocated and initialized (`self` keeps it),
        // and strong now counts the new pointer.
        unsafe { Self::from_inner(self.ptr) }
    }
}

impl<T: ?Sized> Drop for ArcPtr<T> {
    /// Gives up this owner's strong count, and drops the value if it was
    /// the last.
    ///
    /// # The Release/Acquire chain
    ///
    /// Every owner may use the value right up to its drop, on its own
    /// thread. The owner that drops the value must not start before all of
    /// those uses have finished, or it would free memory another thread is
    /// still reading. Plain program order does not give that across threads,
    /// so the orderings build the chain:
    ///
    /// 1. Each owner's uses of the value come before its decrement, in its
    ///    own thread, and the decrement is **Release**: nothing before it may
    ///    be moved after it, and a thread that later acquires the count sees
    ///    everything before it.
    /// 2. The decrements form one chain on the count (a *release sequence*:
    ///    every read-modify-write of an atomic sees the latest value), so the
    ///    last decrement, the one that reads 1, reads a value that every
    ///    other owner's Release decrement contributed to.
    /// 3. That last owner then runs an **Acquire** fence. A fence after a
    ///    load that read from a release sequence synchronizes with each
    ///    Release in it: every other owner's uses of the value *happen
    ///    before* the fence, and the fence happens before the drop.
    ///
    /// So: use → Release decrement → (read by) last decrement → Acquire fence
    /// → drop. The fence is paid only by the last owner; the others do just
    /// the Release decrement. An Acquire on every decrement would also be
    /// correct, and slower where Acquire is not free. Freeing the block
    /// repeats the same pattern on the weak count (`WeakPtr`'s drop), which
    /// also orders the value's drop before the block's free.
    #[inline]
    fn drop(&mut self) {
        // Giving up a count that other owners still hold is the whole fast
        // path, as in std. Only the last owner's drop destroys anything, so
        // only it asks whether a drop trace is being captured (`release`).
        self.release();
    }
}

impl<T: ?Sized> ArcPtr<T> {
    /// Gives up this owner's strong count, dropping the value if it was the
    /// last: the whole of `drop`, orderings explained there.
    #[inline(always)]
    fn release(&mut self) {
        // Release: step 1 of the chain in `drop`'s docs.
        if self.counts().strong.fetch_sub(1, Release) != 1 {
            return;
        }
        // Acquire: step 3 of the chain in `drop`'s docs.
        fence(Acquire);
        // The gate is asked here, in line, not in `drop_slow`: a loop of
        // drops loads the gate's address once, not once per call.
        if observing() {
            self.drop_slow_observed();
        } else {
            // SAFETY: this is the `ArcPtr` being dropped, its drop just took
            // the strong count to 0, after the fence; the value is not used
            // again (`drop` ends with this call).
            unsafe { Self::drop_slow(self.ptr) };
        }
    }

    /// `drop_slow` while someone observes: the value's drop, after the same
    /// orderings, framed by the reports that it begins and ends (the
    /// block's free is reported by whichever weak count frees it, see
    /// [`free_block`]). Only the last owner's drop is reported: the others destroy
    /// nothing, and asking the gate on every count given up would cost
    /// every `Arc` a load and a branch.
    #[cold]
    #[inline(never)]
    fn drop_slow_observed(&mut self) {
        // This was the last owner: strong was 1 before its decrement.
        let info = PointerInfo {
            strong: 1,
            ..self.pointer_info()
        };
        // Dropped last, also while unwinding from a panicking destructor,
        // so the end is always reported.
        let _ends = observe::drop_begins(&info);
        // The implicit weak, given up after the value's drop, reports the
        // free if it frees the block.
        // SAFETY: as in `release`, which calls this in place of `drop_slow`.
        unsafe { Self::drop_value(self.ptr, Report::IfObserving) };
    }

    /// What this pointer tells the observers, or a walk, about itself.
    ///
    /// The counts are Relaxed snapshots (`strong_count`, `weak_count`):
    /// other threads may change them at any moment, and nothing is decided
    /// on the strength of them.
    pub(crate) fn pointer_info(&self) -> PointerInfo {
        PointerInfo {
            kind: PointerKind::Arc,
            address: address_of(self),
            block: Some(self.block()),
            target: self.as_ptr().cast::<u8>().addr(),
            target_type: core::any::type_name::<T>(),
            strong: self.strong_count(),
            weak: self.weak_count(),
        }
    }
}

impl<T> WeakPtr<T> {
    /// A `WeakPtr` with no block: the sentinel address.
    ///
    /// Nothing is allocated; `counts` checks for the sentinel first, and
    /// `upgrade`, `drop` and the two count getters (both 0) go through it.
    #[inline]
    pub(crate) const fn new() -> Self {
        WeakPtr {
            ptr: shared_block::dangling(),
            count: WeakCount::NONE,
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
    unsafe fn from_inner(ptr: NonNull<ArcInner<T>>) -> Self {
        WeakPtr {
            ptr,
            // INVARIANT: the same address, untyped; a cast keeps the
            // provenance of the whole block.
            count: WeakCount { header: ptr.cast() },
        }
    }

    /// The header of the block, or `None` for the sentinel.
    ///
    /// Read through the typed pointer, not through `count`, which holds
    /// the same address: `upgrade` then loads one pointer, not two.
    #[inline]
    fn counts(&self) -> Option<&Counts> {
        if shared_block::is_dangling(self.ptr.as_ptr()) {
            None
        } else {
            // SAFETY: not the sentinel, so the block is allocated and stays
            // so while `self` holds its weak count (field invariant).
            Some(unsafe { Counts::of(self.ptr) })
        }
    }

    /// A new `ArcPtr` if the value is still alive.
    ///
    /// Never takes strong from 0 or a dead count to a real count: those mean
    /// the value is dropped, being dropped, moved out or not written yet
    /// (`new_cyclic`, which alone revives its dead count).
    #[inline]
    pub(crate) fn upgrade(&self) -> Option<ArcPtr<T>> {
        let strong = &self.counts()?.strong;
        // Relaxed: a first guess, which the compare-exchange checks.
        let mut current = strong.load(Relaxed);
        loop {
            if current == 0 {
                return None;
            }
            // Above the largest count an increment may start from: a dead
            // count, or a real count about to overflow. Checked here, off
            // the path of a live count, so that an upgrade costs std's two
            // tests of the count.
            if current > MAX_REFCOUNT {
                if shared_block::is_dead(current) {
                    return None;
                }
                abort_on_count_overflow("Arc strong count");
            }
            // Acquire on success: pairs with the Release in `new_cyclic`,
            // which may have written the value after this `Weak` was made,
            // so that write happens before our reads of the value. Relaxed
            // on failure: we only retry with the fresh count.
            match strong.compare_exchange_weak(current, current + 1, Acquire, Relaxed) {
                // SAFETY: strong was a real count above 0, so the value is
                // initialized, and strong now counts the new pointer.
                Ok(_) => return Some(unsafe { ArcPtr::from_inner(self.ptr) }),
                Err(actual) => current = actual,
            }
        }
    }

    /// The number of `Arc`s; 0 once the value is gone, or for the sentinel.
    #[inline]
    pub(crate) fn strong_count(&self) -> usize {
        // Relaxed: a snapshot, see `ArcPtr::strong_count`.
        let strong = self
            .counts()
            .map_or(0, |counts| counts.strong.load(Relaxed));
        if holds_value(strong) { strong } else { 0 }
    }

    /// The number of `Weak`s, or 0 once no `Arc` remains (like std: the
    /// implicit weak is gone then, and the count is of no use).
    ///
    /// Other threads may change either count between the two loads, so the
    /// answer can be off by one either way, as std's is.
    #[inline]
    pub(crate) fn weak_count(&self) -> usize {
        let Some(counts) = self.counts() else {
            return 0;
        };
        // Acquire: keeps the load of strong below from being done first. If
        // strong still holds a value *after* we read weak, the implicit weak
        // was part of what we read, and subtracting it is right.
        let weak = counts.weak.load(Acquire);
        // Relaxed: a snapshot, ordered after the weak load by its Acquire.
        let strong = counts.strong.load(Relaxed);
        if holds_value(strong) { weak - 1 } else { 0 }
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
        if shared_block::is_dangling(inner) {
            // No block to project into: the sentinel itself. It is never a
            // real value's address (see `shared_block::DANGLING`), so `from_raw`
            // tells.
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
    pub(super) unsafe fn from_raw(value: *const T) -> Self {
        let inner = if shared_block::is_dangling(value) {
            let sentinel = value.cast_mut() as *mut ArcInner<T>;
            // SAFETY: the sentinel address is not null.
            unsafe { NonNull::new_unchecked(sentinel) }
        } else {
            // SAFETY: `value` points at the value of an allocated `Arc` block
            // (the weak count that `into_raw` gave up keeps it, caller),
            // possibly dropped, which `block_of_value` allows.
            unsafe { shared_block::block_of_value::<Counts, T>(value) }
        };
        // SAFETY: sentinel, or a block whose weak count still counts the
        // pointer `into_raw` gave up, taken back by this call only (caller).
        unsafe { Self::from_inner(inner) }
    }
}

impl<T: ?Sized> Clone for WeakPtr<T> {
    #[inline]
    fn clone(&self) -> Self {
        if let Some(counts) = self.counts() {
            // Relaxed: as in `ArcPtr::clone`, we hold a count already. A
            // plain add may ignore the weak lock: `is_unique` locks only
            // when no `Weak` exists, and `self` is one.
            let weak_before = counts.weak.fetch_add(1, Relaxed);
            check_increment(weak_before, "Arc weak count");
        }
        // SAFETY: the sentinel, or an allocated block whose weak count now
        // counts the new pointer.
        unsafe { Self::from_inner(self.ptr) }
    }
}

impl<T: ?Sized> WeakPtr<T> {
    /// What this `Weak` tells a walk about itself.
    ///
    /// `block` is always `None`: measuring the block needs the value's
    /// layout, which for an unsized value is read through a reference to
    /// it, and another thread may be dropping the value at any moment (it
    /// may hold the last `Arc`). The block's address is still known from
    /// `target`; the counts are Relaxed snapshots.
    pub(crate) fn weak_info(&self) -> PointerInfo {
        PointerInfo {
            kind: PointerKind::Arc,
            address: address_of(self),
            block: None,
            target: self.as_ptr().cast::<u8>().addr(),
            target_type: core::any::type_name::<T>(),
            strong: self.strong_count(),
            weak: self.weak_count(),
        }
    }
}

// No `Drop for WeakPtr<T>`: the `count` field gives up the weak count and
// frees the block, without a `Drop` impl generic over `T` (see the module
// docs).

#[cfg(all(test, not(loom)))]
mod tests;
