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
//! Once the value is gone, the strong count has nobody left to count: it
//! holds the block's layout instead, as a *dead count*, for whichever
//! pointer frees the block (next section).
//!
//! The block's shape (where the value sits, how a block is allocated and
//! filled, how a dead count packs the layout) is shared with `Arc` and lives
//! in [`shared_block`]; this file is the counting.
//!
//! # Why a `Weak` may outlive what its value borrows
//!
//! A `Weak<&'a str>` may be dropped after the `str` it points into is gone,
//! as std's may:
//!
//! ```
//! use ownkit::rc::{Rc, Weak};
//!
//! let weak: Weak<&String>;
//! {
//!     let text = String::from("gone first");
//!     let rc = Rc::new(&text);
//!     weak = Rc::downgrade(&rc);
//!     assert_eq!(**weak.upgrade().unwrap(), "gone first");
//! } // `rc`, then `text`, are dropped here; `weak` holds its block until
//!   // it is dropped itself, at the end of the function
//! ```
//!
//! The compiler's drop check allows this only if dropping a `Weak<T>`
//! cannot touch a `T`. A type with a `Drop` impl generic over `T` is
//! assumed to touch it, and std's `Weak` says otherwise with the unstable
//! `#[may_dangle]`. So [`WeakPtr<T>`] has no `Drop` impl at all: it is a
//! typed pointer, which has no drop glue, and a [`WeakCount`], a type that
//! does not mention `T`, whose `Drop` gives up the weak count and frees the
//! block. With nothing generic to run, the drop checker requires nothing of
//! `T` when a `Weak` is dropped, which is exactly what `#[may_dangle]` says
//! for std's.
//!
//! `WeakCount` cannot ask `T` how large the block is, so the block tells
//! it: whenever the strong owners give up their implicit weak while a
//! `Weak` remains, they leave the block's layout in the strong count (a
//! dead count), and `new_cyclic` starts with one. (When no `Weak` remains,
//! they free the block themselves, with the layout they know.) The price
//! is one more word in every `Weak`, the typed pointer beside the untyped
//! one: a `Weak<T>` is two words, three for an unsized `T`, where std's is
//! one or two.
//!
//! `Rc<T>` keeps its generic `Drop`: it does drop a `T`, and splitting it
//! the same way would cost it a second word, where std's is one. An
//! `Rc<&'a T>` must therefore be dropped while `'a` lives: the drop-check
//! difference from std that is left, as for `Box` and `Arc` (see the `rc`
//! module docs).
//!
//! # Invariants
//!
//! - **The counts count the pointers**, as described under "The block" (the
//!   `// INVARIANT:`s on [`Counts`]' fields): the value is initialized and
//!   not yet dropped exactly while strong is a real count above 0, and the
//!   block is allocated exactly while weak > 0.
//! - **Strong is a real count, 0 or dead.** A real count is at most
//!   [`MAX_REFCOUNT`] (`isize::MAX`): an increment past it aborts. It is 0
//!   only inside the functions here that take the value away, from the
//!   decrement until they give up the implicit weak (while the value
//!   drops, say, so `upgrade` refuses). If a `Weak` remains then, it
//!   becomes a dead count (holding the block's layout, see
//!   [`shared_block::dead_strong_count`]) before the implicit weak goes, so
//!   that whoever takes weak to 0 later finds the layout to free the block
//!   with; if none remains, the block is freed there and nobody reads it
//!   again. It is also dead while `new_cyclic` makes the value.
//! - **An `RcPtr` always points at a live value**: an allocated block whose
//!   strong count counts it, so strong >= 1 and the value is initialized.
//! - **A `WeakPtr` is either the dangling sentinel** of [`Weak::new`]
//!   (address `usize::MAX`, no block behind it), **or points at an allocated
//!   block** whose weak count counts it; its typed pointer and its
//!   [`WeakCount`] always hold the same address. Its value may already be
//!   dropped or moved out (strong is 0 or dead), so a `WeakPtr` touches the
//!   counts through references to the count fields only, never through a
//!   reference to the whole block, except to read the block's layout while
//!   the value lives, and the value's alignment in `from_raw`, as explained
//!   under "Dead values" in [`shared_block`].
//! - **Counts never wrap around**: an increment that would pass
//!   [`MAX_REFCOUNT`] (strong) or wrap (weak) aborts the process (see
//!   `Counts::inc_strong`).
//!
//! # What the safe layer may rely on
//!
//! Shared references to the value live as long as a borrow of the `RcPtr`;
//! a `&mut` to it is handed out only while no other `Rc` or `Weak` exists
//! (`get_mut`, `make_mut`). Dropping the last `RcPtr` drops the value once
//! and gives up the implicit weak even if the value's destructor panics, so
//! the block is freed as soon as no `Weak` remains.
//!
//! Everything leaving this file is safe to call, except the `pub(super)
//! unsafe fn from_raw`s that the public `Rc::from_raw` and friends
//! (declared in `public_unsafe.rs`, the one place the crate's public
//! `unsafe fn`s can live) forward to.
//!
//! # Send and Sync
//!
//! Neither pointer is `Send` or `Sync`: both hold a `NonNull`, which is
//! neither, and no `unsafe impl` adds them (nor to [`WeakCount`]). That must stay so. If `Rc` were
//! `Send`, two threads could each own a clone of one `Rc` (strong == 2) and
//! clone it at the same time: both read 2, both write 3, and one increment is
//! lost. Four `Rc`s now share a count of 3, so the third drop frees the value
//! while the fourth `Rc` still points at it. If it were `Sync`, a shared
//! `&Rc` on two threads allows the same race through `clone`. The counts are
//! plain `Cell`s, not atomics: that is the point of `Rc`, and `Arc` is the
//! thread-safe version. A `Weak` shares the same counts, so the same goes
//! for it.
//!
//! # Observation
//!
//! While anyone observes (a drop trace is being captured, a leak check
//! runs; see `observe`), every new block is reported as it becomes its
//! first `RcPtr` (`from_new_block`, the one way a constructor makes one);
//! the last owner's drop reports where it begins and ends (with the counts
//! it found); and the pointer that frees the block reports it just before
//! freeing it. The counting is the same either way: with nobody observing,
//! each report costs one relaxed load of the observation gate and a branch.
//!
//! [`Rc`]: crate::rc::Rc
//! [`Weak`]: crate::rc::Weak
//! [`Weak::new`]: crate::rc::Weak::new

use alloc_crate::alloc::Layout;
use alloc_crate::boxed::Box as StdBox;
use alloc_crate::vec::Vec;
use core::any::Any;
use core::cell::Cell;
use core::hint;
use core::marker::PhantomData;
use core::mem::{self, ManuallyDrop, MaybeUninit};
use core::ptr::{self, NonNull};

use crate::observe::{self, Block, PointerInfo, PointerKind, address_of};
use crate::raw::abort_on_count_overflow;
use crate::raw::gate_check::observing;
use crate::raw::shared_block::{self, PlainBytes, SharedBlock};

/// The heap block shared by an `Rc` family: the counts, then the value.
type RcInner<T> = SharedBlock<Counts, T>;

/// The largest real strong count: an increment past it aborts.
///
/// std's `Rc` lets the strong count run up to `usize::MAX`; ours stops at
/// `isize::MAX`, because the counts above it are dead counts (see "Dead
/// blocks" in [`shared_block`]). Only a `mem::forget` loop gets anywhere
/// near it.
const MAX_REFCOUNT: usize = isize::MAX as usize;

// A dead count packs half the block's alignment into a bit of its own, and
// it must not be bit 0 (see "Dead blocks" in `shared_block`), so a block
// must be at least 4-aligned. Its header of `usize` counts is, on every target:
// `usize` is 4-aligned on most, and `repr(align(4))` sees to the others.
const _: () = assert!(
    mem::align_of::<Counts>() >= 4,
    "an Rc block must be at least 4-aligned"
);

/// The two counts at the head of every `Rc` block.
///
/// They are [`Cell`]s because every `Rc` and `Weak` of the family updates
/// them through a shared reference. A `WeakPtr` may point at a block whose
/// value is dropped or moved out, so it reaches the counts through a
/// `&Counts` (see [`Counts::of`]) rather than through a `&RcInner<T>` that
/// would also cover the value.
// At least 4-aligned, for the dead count (see the assertion below): a no-op
// wherever `usize` is 4-aligned already.
#[repr(align(4))]
struct Counts {
    // INVARIANT: the number of `RcPtr`s to this block, at most
    // `MAX_REFCOUNT`, while the value is initialized and not yet dropped;
    // then, once the value is gone while a `Weak` remains, and while
    // `RcPtr::new_cyclic` makes it, a dead count holding the block's
    // layout. It is 0 only inside the functions of this file that take the
    // value away, from their decrement until the implicit weak is given up
    // (`ImplicitWeak`, which writes the dead count if a `Weak` remains).
    strong: Cell<usize>,
    // INVARIANT: the number of `WeakPtr`s to this block, plus one until
    // the last strong owner gives it up (the implicit weak of the strong
    // owners). The block is allocated exactly while weak > 0.
    weak: Cell<usize>,
}

impl Counts {
    /// The counts of a block that one `RcPtr` points at.
    const fn one_owner() -> Self {
        Counts {
            strong: Cell::new(1),
            weak: Cell::new(1),
        }
    }

    /// The counts of the block that `inner` points at.
    ///
    /// # Safety
    ///
    /// `inner` must point at an allocated block whose counts are initialized,
    /// and the block must stay allocated for the lifetime the caller picks.
    #[inline]
    unsafe fn of<'a, T: ?Sized>(inner: NonNull<RcInner<T>>) -> &'a Counts {
        // SAFETY: the header is in bounds of an allocated block whose counts
        // are initialized and stay so for `'a` (caller); `Cell` allows shared
        // mutation, and the reference does not cover the value.
        unsafe { &(*inner.as_ptr()).counts }
    }

    /// The counts at `header`, the start of a block.
    ///
    /// # Safety
    ///
    /// As for [`Counts::of`]: `header` must be the header of an allocated
    /// block whose counts are initialized, for the lifetime the caller picks.
    #[inline]
    unsafe fn of_header<'a>(header: NonNull<Counts>) -> &'a Counts {
        // SAFETY: the header is the first field of every block (`repr(C)`),
        // allocated and initialized for `'a` (caller); the reference covers
        // the counts only.
        unsafe { header.as_ref() }
    }

    #[inline]
    fn strong(&self) -> usize {
        self.strong.get()
    }

    /// Whether the value is there: strong is a real count, not 0 and not
    /// dead.
    ///
    /// A real `Rc` count never passes [`MAX_REFCOUNT`] (`isize::MAX`): the
    /// increment that would aborts at once. So, read as a signed number, a
    /// real count above 0 is positive, while 0 and every dead count (its
    /// top bit set) are not: one test of the sign, std's cost for its test
    /// of 0.
    #[inline]
    fn holds_value(&self) -> bool {
        let holds = self.strong().cast_signed() > 0;
        debug_assert_eq!(holds, shared_block::holds_value(self.strong()));
        holds
    }

    /// The number of `RcPtr`s, which is 0 once the value is gone.
    #[inline]
    fn owners(&self) -> usize {
        if self.holds_value() { self.strong() } else { 0 }
    }

    /// Records that the value is gone for good: strong, taken to 0 by the
    /// caller, becomes the dead count of a block of layout `block`, so that
    /// whichever `Weak` frees the block finds its layout. Done while a
    /// `Weak` remains, before anything can drop it.
    #[inline]
    fn mark_dead(&self, block: Layout) {
        debug_assert_eq!(self.strong(), 0, "strong count of a value given up");
        self.strong.set(shared_block::dead_strong_count(block));
    }

    #[inline]
    fn weak(&self) -> usize {
        self.weak.get()
    }

    /// Adds one to the strong count, aborting if it would pass
    /// [`MAX_REFCOUNT`].
    ///
    /// The add wraps rather than checks (it cannot wrap: the count was at
    /// most `MAX_REFCOUNT`), and the overflow test looks at the result: one
    /// add and one test of the top bit. Overflow aborts instead of panicking
    /// because a panic can be caught and the caller would carry on with a
    /// count that reads as dead while `Rc`s exist, and a count that went on
    /// to wrap would let a drop free a value still in use. Only a
    /// `mem::forget` loop gets here (an `Rc` needs no memory once
    /// forgotten), which makes it reachable on 32-bit targets.
    ///
    /// # Safety
    ///
    /// The strong count must be a real count above 0: the caller holds an
    /// `RcPtr`, or checked [`holds_value`](Self::holds_value) just before.
    /// (The optimizer is told it is not 0, as std does: it lets LLVM drop
    /// the overflow check in code that clones and then drops.)
    #[inline]
    unsafe fn inc_strong(&self) {
        let strong = self.strong();
        // SAFETY: strong != 0 is this function's precondition.
        unsafe { hint::assert_unchecked(strong != 0) };
        let strong = strong.wrapping_add(1);
        self.strong.set(strong);
        if strong > MAX_REFCOUNT {
            abort_on_count_overflow("Rc strong count");
        }
    }

    #[inline]
    fn dec_strong(&self) {
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
    unsafe fn inc_weak(&self) {
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
    fn dec_weak(&self) {
        debug_assert!(
            self.weak() > 0,
            "weak count is {} before a decrement",
            self.weak()
        );
        self.weak.set(self.weak() - 1);
    }
}

/// The pointer inside [`Rc`](crate::rc::Rc): a counted pointer to a live block.
///
/// - `NonNull` rather than `*mut` makes `RcPtr<T>` covariant in `T`, like
///   `&T` and std's `Rc`, and gives `Option<Rc<T>>` its niche: one word.
/// - `PhantomData<RcInner<T>>` says that dropping an `RcPtr<T>` may drop a
///   `T`. The `Drop` impl below already makes the drop checker assume that;
///   the marker keeps the statement of ownership explicit (std needs it for
///   real, because its `Drop` is `#[may_dangle]`, see the `rc` module docs).
/// - `NonNull` is neither `Send` nor `Sync`, and that must stay so: the
///   counts are plain `Cell`s (see "Send and Sync" in the module docs for
///   the race a `Send` or `Sync` `Rc` would allow).
pub(crate) struct RcPtr<T: ?Sized> {
    // INVARIANT: points at an allocated block whose strong count counts this
    // pointer, so the value is initialized. Established by every constructor
    // (`from_inner`'s contract) and given up only by `drop`, `try_unwrap`,
    // `make_mut` and `into_raw`.
    ptr: NonNull<RcInner<T>>,
    phantom: PhantomData<RcInner<T>>,
}

/// The pointer inside [`Weak`](crate::rc::Weak): a counted pointer to a
/// block that may have lost its value, or the sentinel of `Weak::new`.
///
/// - No `Drop` impl: the weak count is given up, and the block freed, by
///   the [`WeakCount`] field, whose type does not mention `T`. That is what
///   lets a `Weak<T>` be dropped after the data `T` borrows (see "Why a
///   `Weak` may outlive what its value borrows" in the module docs).
/// - No `PhantomData<T>`: a `Weak` never drops a `T`, it frees at most the
///   block.
/// - `NonNull` makes it covariant and keeps it `!Send` and `!Sync`, for the
///   same reason as [`RcPtr`]: its counts are the same plain `Cell`s (see
///   "Send and Sync" in the module docs).
pub(crate) struct WeakPtr<T: ?Sized> {
    // INVARIANT: either the sentinel address `usize::MAX` (no block), or an
    // allocated block whose weak count `count` holds. The value may be gone
    // (strong is 0 or dead). Maintained by `from_inner`'s contract.
    ptr: NonNull<RcInner<T>>,
    // INVARIANT: holds the same address as `ptr`, untyped.
    #[allow(
        dead_code,
        reason = "read by its own drop only, which gives up the weak count; \
                  everything else reads the block through `ptr`"
    )]
    count: WeakCount,
}

/// One weak count of a block, held without knowing the type of its value:
/// dropping it gives the count up, and frees the block if it was the last.
///
/// It reads the block's layout from the dead count that whoever took the
/// value away left in the strong count (see "Dead blocks" in
/// [`shared_block`]), so nothing about `T` is needed, and its `Drop` impl is
/// not generic: the drop checker requires nothing of `T` when a [`WeakPtr`]
/// is dropped.
struct WeakCount {
    // INVARIANT: either the sentinel address `usize::MAX` (no block), or the
    // header of an allocated block whose weak count counts this one, with
    // the provenance of the whole block (it is derived from the block's
    // pointer), so that it may free it.
    header: NonNull<Counts>,
}

impl WeakCount {
    /// The `WeakCount` of `Weak::new`: the sentinel, no block.
    const NONE: WeakCount = WeakCount {
        header: shared_block::dangling::<Counts, ()>().cast(),
    };

    /// The counts of the block, or `None` for the sentinel.
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
        counts.dec_weak();
        if counts.weak() == 0 {
            // The weak count reached 0, so the strong owners gave up their
            // implicit weak, and since this `Weak` remained then, they left
            // the dead count.
            let layout = shared_block::dead_block_layout(counts.strong());
            // SAFETY: weak just reached 0 here, from this count, which held
            // the block allocated (field invariant); `layout` is the one the
            // dead count holds.
            unsafe { free_block(self.header, layout, Report::IfObserving) };
        }
    }
}

/// Whether [`free_block`] tells the observers about the free.
#[derive(Clone, Copy)]
enum Report {
    /// If anyone observes: a `Weak`'s drop, or the implicit weak given up
    /// while a drop was observed.
    IfObserving,
    /// Never: the implicit weak given up by a drop that began while nobody
    /// observed (see `RcPtr::drop_slow`).
    Never,
}

/// Frees the block whose header is `header` and whose layout is `layout`,
/// once its weak count is 0.
///
/// # Safety
///
/// `header` must be the header of an allocated block, with the provenance
/// of the whole block, whose weak count the caller has just taken to 0;
/// `layout` must be the block's, as the dead count holds it; nothing may
/// use the block afterwards.
#[inline]
unsafe fn free_block(header: NonNull<Counts>, layout: Layout, report: Report) {
    if matches!(report, Report::IfObserving) && observing() {
        report_free(header, layout);
    }
    // SAFETY:
    // - the block came from `shared_block` or `StdBox<RcInner<T>>` with
    //   `layout`, `Layout::for_value` of the block (caller);
    // - the value is dropped or moved out (strong is 0 or dead);
    // - it is freed once: weak just reached 0, and only the pointer that
    //   takes it there frees; nothing uses it afterwards (caller).
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

    /// [`from_inner`](Self::from_inner) for a block this file just
    /// allocated and filled: the one place a new block becomes an `Rc`, so
    /// the one place the observers (a running leak check) hear of it.
    ///
    /// When nobody observes this costs one relaxed load and a branch; the
    /// rest is out of line, in `reported`.
    ///
    /// # Safety
    ///
    /// As for `from_inner`; the block must also be new: no pointer has been
    /// made to it before, except the `Weak` of `new_cyclic`.
    #[inline]
    unsafe fn from_new_block(ptr: NonNull<RcInner<T>>) -> Self {
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
        observe::block_allocated(self.block(), PointerKind::Rc, core::any::type_name::<T>());
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
    fn inner(&self) -> &RcInner<T> {
        // SAFETY: the block is allocated and its value initialized for as
        // long as this `RcPtr` exists (field invariant); nothing holds a
        // `&mut` into it while `&self` is borrowed (`get_mut` and `make_mut`
        // borrow `self` mutably and require that no other pointer exists).
        unsafe { self.ptr.as_ref() }
    }

    #[inline]
    fn counts(&self) -> &Counts {
        &self.inner().counts
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
            shared_block::value_offset::<Counts>(mem::align_of_val(self.value())),
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
    pub(super) unsafe fn from_raw(value: *const T) -> Self {
        // SAFETY: `value` points at the live value of an `Rc` block (the
        // count given up by `into_raw` keeps it alive, caller).
        let inner = unsafe { shared_block::block_of_value::<Counts, T>(value) };
        // SAFETY: the block is allocated, its value initialized, and the
        // count `into_raw` gave up is taken back by this call only (caller).
        unsafe { Self::from_inner(inner) }
    }

    /// The cold half of `drop` while nobody observes: the strong count
    /// just reached 0.
    ///
    /// It takes the block, not `&mut self`: the caller hands over the
    /// pointer it already holds in a register, where a reference would
    /// make this load it again from the `RcPtr`.
    ///
    /// # Safety
    ///
    /// As for [`drop_value`](Self::drop_value).
    #[inline(never)]
    unsafe fn drop_slow(block: NonNull<RcInner<T>>) {
        // Nothing is reported, not even the free: the gate was closed when
        // the drop began, so no leak check can have noted this block since,
        // and a drop trace opened by the value's own drop has closed by the
        // time the block is freed.
        // SAFETY: the caller's promise is `drop_value`'s.
        unsafe { Self::drop_value(block, Report::Never) };
    }

    /// The layout of the whole block, as it was allocated.
    #[inline]
    fn block_layout(&self) -> Layout {
        Layout::for_value(self.inner())
    }

    /// Drops the value of a block whose strong count just reached 0, then
    /// gives up the strong owners' implicit weak count.
    ///
    /// The guard that gives up the implicit weak is taken before the value
    /// is dropped: if `T::drop` panics, the guard still gives it up during
    /// unwinding, freeing the block when no `Weak` remains. Strong stays 0
    /// meanwhile, so a `Weak` that the value's drop upgrades gets `None`.
    ///
    /// # Safety
    ///
    /// `block` must be the block of the `RcPtr` being dropped, whose strong
    /// count that drop has just taken to 0; nothing may use the value
    /// afterwards.
    #[inline(always)]
    unsafe fn drop_value(block: NonNull<RcInner<T>>, report: Report) {
        // SAFETY: the block is allocated and its value initialized: strong
        // was 1 until the caller's decrement (caller), and the value is
        // dropped only below.
        let layout = Layout::for_value(unsafe { block.as_ref() });
        // SAFETY: the block is allocated, with `layout`, and its weak count
        // holds the implicit weak, which the strong owners give up now that
        // strong is 0 and nobody else will (the one drop that took it to 0
        // runs this, caller).
        let _implicit_weak = unsafe { ImplicitWeak::new(block.cast(), layout, report) };
        // SAFETY: the projection stays inside the allocated block.
        let value = unsafe { &raw mut (*block.as_ptr()).value };
        // SAFETY:
        // - `value` is initialized, aligned and not dropped yet (strong was 1
        //   until the caller's decrement, and this was that owner);
        // - it is never used again: strong is 0, and stays 0 or goes dead,
        //   so no `RcPtr` is left and `upgrade` refuses to make one.
        unsafe { ptr::drop_in_place(value) };
    }
}

/// The strong owners' implicit weak count, given up when this is dropped
/// (unwinding included): what the last `RcPtr` holds while it drops the
/// value, or gives it up once it has moved the value out.
///
/// It does what dropping a [`WeakCount`] does, minus the check for the
/// sentinel, which it never is, and, with [`Report::Never`], the report
/// of the free (see `RcPtr::drop_slow`).
struct ImplicitWeak {
    // INVARIANT: the header of an allocated block, with the provenance of
    // the whole block, whose weak count holds the implicit weak, which this
    // guard alone gives up; its strong count is 0: the value is gone, or
    // going.
    header: NonNull<Counts>,
    // INVARIANT: the block's layout. The guard frees the block with it if
    // no `Weak` remains, and otherwise writes it into the dead count for
    // the last `Weak` to free the block with.
    layout: Layout,
    report: Report,
}

impl ImplicitWeak {
    /// # Safety
    ///
    /// `header` must be the header of an allocated block, with the
    /// provenance of the whole block and the layout `layout`, whose weak
    /// count holds the implicit weak and whose strong count is 0; the
    /// caller hands over the duty of giving the implicit weak up.
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
        counts.dec_weak();
        if counts.weak() == 0 {
            // SAFETY: weak just reached 0 here, from the implicit weak,
            // which held the block allocated, and `layout` is the block's
            // (field invariants).
            unsafe { free_block(self.header, self.layout, self.report) };
        } else {
            // A `Weak` remains, and will free the block: leave it the
            // layout. Writing it after the decrement is safe here, unlike
            // in `Arc`: nothing else runs in between (an `Rc` and its
            // `Weak`s never leave this thread).
            counts.mark_dead(self.layout);
        }
    }
}

impl<T> RcPtr<T> {
    /// Moves `value` into a new block with strong = weak = 1.
    #[inline]
    pub(crate) fn new(value: T) -> Self {
        let block = StdBox::new(SharedBlock {
            counts: Counts::one_owner(),
            value,
        });
        let inner = NonNull::from(StdBox::leak(block));
        // SAFETY: a fresh block from the global allocator with the layout of
        // `RcInner<T>` (the one `Weak`'s drop frees with), value initialized,
        // strong == 1 counting the new pointer.
        unsafe { Self::from_new_block(inner) }
    }

    /// Allocates a block, hands `data_fn` a `WeakPtr` to it, then moves the
    /// value `data_fn` returns into it.
    ///
    /// `data_fn` gets the one `WeakPtr` by value and gives it back with the
    /// value: that is how the safe layer lends the user's closure a public
    /// `&Weak`, which this file does not name. While `data_fn` runs, strong
    /// is 0 and weak counts that `WeakPtr` and any clone made of it, so
    /// upgrading fails and the unwritten value is never read. If `data_fn`
    /// panics, the `WeakPtr` is dropped during unwinding, and once its
    /// clones are gone too, weak reaches 0 and the block is freed; no value
    /// existed, so none is dropped, and nothing here touches the block
    /// again.
    pub(crate) fn new_cyclic(data_fn: impl FnOnce(WeakPtr<T>) -> (T, WeakPtr<T>)) -> Self {
        let block = StdBox::new(SharedBlock {
            counts: Counts {
                // No value yet: a dead count, so that the `Weak` frees the
                // block if `data_fn` panics.
                strong: Cell::new(shared_block::dead_strong_count(Layout::new::<RcInner<T>>())),
                weak: Cell::new(1),
            },
            value: MaybeUninit::<T>::uninit(),
        });
        // `MaybeUninit<T>` has the size and alignment of `T`, so under
        // `repr(C)` both `RcInner`s have the same layout.
        let inner = NonNull::from(StdBox::leak(block)).cast::<RcInner<T>>();
        // SAFETY: the block is allocated and weak == 1 counts this pointer.
        let weak = unsafe { WeakPtr::from_inner(inner) };
        let (value, weak) = data_fn(weak);
        debug_assert!(
            ptr::addr_eq(weak.ptr.as_ptr(), inner.as_ptr()),
            "new_cyclic's closure gave back a Weak to another block"
        );
        // SAFETY: the projection stays inside the block, which `weak` keeps
        // allocated.
        let slot = unsafe { &raw mut (*inner.as_ptr()).value };
        // SAFETY: `slot` is valid for writes and aligned (inside the block),
        // and holds no value to leak: strong stayed dead (nothing can revive
        // a dead count but this function), so nothing was ever written there.
        unsafe { slot.write(value) };
        // SAFETY: the block is allocated (`weak` is alive) and initialized.
        let counts = unsafe { Counts::of(inner) };
        debug_assert!(
            shared_block::is_dead(counts.strong()),
            "strong count {:#x} during new_cyclic",
            counts.strong()
        );
        counts.strong.set(1);
        // The closure's Weak becomes the implicit weak of the strong owners.
        mem::forget(weak);
        // SAFETY: the value is initialized and strong == 1 counts this pointer.
        unsafe { Self::from_new_block(inner) }
    }

    /// Takes the value out if this is the only `Rc`; `Weak`s do not count.
    ///
    /// The `Weak`s keep the block alive, see a dead strong count and fail to
    /// upgrade.
    pub(crate) fn try_unwrap(this: Self) -> Result<T, Self> {
        if this.strong_count() != 1 {
            return Err(this);
        }
        let this = ManuallyDrop::new(this);
        let layout = this.block_layout();
        // SAFETY:
        // - the value is initialized and aligned (field invariant);
        // - it is read once: strong goes dead next, so no `RcPtr` is left to
        //   drop it and `upgrade` refuses to make one.
        let value = unsafe { ptr::read(&this.inner().value) };
        this.counts().dec_strong();
        // SAFETY: strong is 0, so the implicit weak is given up here,
        // once, reported as an ordinary `Weak`'s would be: it frees the
        // block, whose layout is `layout`, unless `Weak`s remain.
        drop(unsafe { ImplicitWeak::new(this.ptr.cast(), layout, Report::IfObserving) });
        Ok(value)
    }

    /// A mutable reference to the value, after making this `Rc` the only
    /// pointer to its block: [`make_mut_with`](Self::make_mut_with) with a
    /// clone of the value.
    pub(crate) fn make_mut(&mut self) -> &mut T
    where
        T: Clone,
    {
        self.make_mut_with(|value| RcPtr::new(value.clone()))
    }
}

impl<T: ?Sized> RcPtr<T> {
    /// A mutable reference to the value, after making this `Rc` the only
    /// pointer to its block; `clone` makes a new `RcPtr` holding a clone of
    /// a value, for the first case below.
    ///
    /// - Other `Rc`s exist: clone the value into a new block and point there.
    ///   The clone runs before anything changes, so a panicking clone leaves
    ///   every count as it was.
    /// - Only `Weak`s remain: move the value into a new block and disconnect
    ///   the `Weak`s; their block gets a dead count and they stop upgrading.
    /// - Neither: already unique, nothing to do.
    pub(crate) fn make_mut_with(&mut self, clone: impl FnOnce(&T) -> Self) -> &mut T {
        if self.strong_count() != 1 {
            let fresh = clone(self.value());
            // Drops the old pointer: strong was >= 2, so the value survives.
            *self = fresh;
        } else if self.weak_count() != 0 {
            let layout = self.block_layout();
            // SAFETY: our value is live (field invariant), and never used
            // again from the old block: its strong count goes dead just
            // below, with nothing in between that could panic once the
            // value is copied (a failed allocation aborts, before the copy).
            let fresh =
                unsafe { shared_block::from_moved_value(Counts::one_owner(), self.as_ptr()) };
            // The old block's value is moved out: the `Weak`s see a dead
            // count, and the implicit weak goes with the strong owners (the
            // remaining `Weak`s free the block, never touching the value,
            // with the layout the dead count holds).
            let old = self.counts();
            old.dec_strong();
            old.mark_dead(layout);
            old.dec_weak();
            // SAFETY: the fresh block holds the moved value and strong == 1
            // counts the new pointer.
            let fresh = unsafe { Self::from_new_block(fresh) };
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
    /// it and without a second copy (see [`shared_block::from_box`]).
    pub(crate) fn from_box(boxed: StdBox<T>) -> Self {
        let inner = shared_block::from_box(Counts::one_owner(), boxed);
        // SAFETY: the block holds the value and strong == 1 counts the new
        // pointer.
        unsafe { Self::from_new_block(inner) }
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

impl<T> RcPtr<[T]> {
    /// The same block as an array of `N` elements, if the slice is `N`
    /// long; the pointer back otherwise.
    pub(crate) fn into_array<const N: usize>(self) -> Result<RcPtr<[T; N]>, Self> {
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
        Ok(unsafe { RcPtr::from_inner(array) })
    }
}

impl<T: ?Sized + PlainBytes> RcPtr<T> {
    /// Copies the bytes of `value` (a `CStr`, an `OsStr`, a `Path`) into a
    /// new block.
    pub(crate) fn from_plain_bytes(value: &T) -> Self {
        let inner = shared_block::from_bitwise_copy(Counts::one_owner(), value);
        // SAFETY: the block holds a copy of `value` and strong == 1 counts
        // the new pointer.
        unsafe { Self::from_new_block(inner) }
    }
}

impl RcPtr<str> {
    /// Copies `text` into a new block.
    pub(crate) fn from_str(text: &str) -> Self {
        let inner = shared_block::from_str(Counts::one_owner(), text);
        // SAFETY: the block holds a copy of `text` and strong == 1 counts
        // the new pointer.
        unsafe { Self::from_new_block(inner) }
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
        // Giving up a count that other owners still hold is the whole fast
        // path, as in std. Only the last owner's drop destroys anything, so
        // only it asks whether a drop trace is being captured (`release`).
        self.release();
    }
}

impl<T: ?Sized> RcPtr<T> {
    /// Gives up this pointer's strong count, dropping the value if it was
    /// the last: the whole of `drop`.
    #[inline(always)]
    fn release(&mut self) {
        let counts = self.counts();
        counts.dec_strong();
        if counts.strong() == 0 {
            // The gate is asked here, in line, not in `drop_slow`: a loop
            // of drops loads the gate's address once, not once per call.
            if observing() {
                self.drop_slow_observed();
            } else {
                // SAFETY: this is the `RcPtr` being dropped, and its drop
                // just took the strong count to 0; the value is not used
                // again (`drop` ends with this call).
                unsafe { Self::drop_slow(self.ptr) };
            }
        }
    }

    /// `drop_slow` while someone observes: the value's drop, framed by the
    /// reports that it begins and ends (the block's free is reported by
    /// whichever weak count frees it, see [`free_block`]). Only the last owner's
    /// drop is reported: the others destroy nothing, and asking the gate on
    /// every count given up would cost every `Rc` a load and a branch.
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

    /// What this pointer tells the observers, or a walk, about itself; the
    /// counts are the ones before any drop in progress gives its own up.
    pub(crate) fn pointer_info(&self) -> PointerInfo {
        PointerInfo {
            kind: PointerKind::Rc,
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
    /// A `WeakPtr` with no block: the sentinel address `usize::MAX`.
    ///
    /// Nothing is allocated. A real block is aligned to at least `usize`, so
    /// this address is never one; `counts` checks for it, and so do
    /// `upgrade`, `drop` and the counts (both 0).
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
    unsafe fn from_inner(ptr: NonNull<RcInner<T>>) -> Self {
        WeakPtr {
            ptr,
            // INVARIANT: the same address, untyped; a cast keeps the
            // provenance of the whole block.
            count: WeakCount { header: ptr.cast() },
        }
    }

    /// The counts of the block, or `None` for the sentinel.
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

    /// A new `RcPtr` if the value is still alive.
    #[inline]
    pub(crate) fn upgrade(&self) -> Option<RcPtr<T>> {
        let counts = self.counts()?;
        if !counts.holds_value() {
            return None;
        }
        // SAFETY: strong is a real count above 0, checked just above.
        unsafe { counts.inc_strong() };
        // SAFETY: strong was a real count above 0, so the value is
        // initialized, and strong now counts the new pointer.
        Some(unsafe { RcPtr::from_inner(self.ptr) })
    }

    /// The number of `Rc`s; 0 once the value is gone, or for the sentinel.
    #[inline]
    pub(crate) fn strong_count(&self) -> usize {
        self.counts().map_or(0, Counts::owners)
    }

    /// The number of `Weak`s, or 0 once no `Rc` remains (like std: the
    /// implicit weak is gone then, and the count is of no use).
    #[inline]
    pub(crate) fn weak_count(&self) -> usize {
        match self.counts() {
            Some(counts) if counts.holds_value() => counts.weak() - 1,
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
        if shared_block::is_dangling(inner) {
            // No block to project into: the sentinel itself. It is never a
            // real value's address (see `shared_block::DANGLING`), so `from_raw` tells.
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
            let sentinel = value.cast_mut() as *mut RcInner<T>;
            // SAFETY: the sentinel address `usize::MAX` is not null.
            unsafe { NonNull::new_unchecked(sentinel) }
        } else {
            // SAFETY: `value` points at the value of an allocated `Rc` block
            // (the weak count that `into_raw` gave up keeps it, caller),
            // possibly dropped, which `block_of_value` allows.
            unsafe { shared_block::block_of_value::<Counts, T>(value) }
        };
        // SAFETY: sentinel, or a block whose weak count still counts the
        // pointer `into_raw` gave up, taken back by this call only (caller).
        unsafe { Self::from_inner(inner) }
    }
}

impl<T: ?Sized> WeakPtr<T> {
    /// The block as the observers and a walk see it.
    ///
    /// # Safety
    ///
    /// `self` must not be the sentinel, and nothing may hold a `&mut` to
    /// the value (or be dropping it) while this runs: the layout is read
    /// through a `&` to the whole block.
    unsafe fn heap_block(&self) -> Block {
        // SAFETY: `as_ref` needs a pointer to an allocated, aligned block
        // that nothing mutates through a `&mut` while the reference lives:
        // - allocated and aligned: not the sentinel (caller), so the block
        //   is allocated while `self` holds its weak count (field invariant);
        // - no `&mut` to the value (caller), and the counts are `Cell`s. The
        //   value may be dropped: the reference is read for its layout only
        //   (see "Dead values" in `shared_block`).
        let layout = Layout::for_value(unsafe { self.ptr.as_ref() });
        Block {
            address: self.ptr.as_ptr().cast::<u8>().addr(),
            size: layout.size(),
            align: layout.align(),
        }
    }

    /// What this `Weak` tells a walk about itself.
    ///
    /// The block is reported while the value is alive, and `None` once it
    /// is dropped (or for the sentinel): then the value may be in the middle
    /// of its own drop, holding `&mut self`, and even reading the block's
    /// layout through a `&` would overlap that borrow.
    pub(crate) fn weak_info(&self) -> PointerInfo {
        let strong = self.strong_count();
        let block = if strong > 0 {
            // SAFETY: `heap_block` needs a block that is not the sentinel
            // and a value nobody holds a `&mut` to:
            // - not the sentinel (its strong count reads 0);
            // - no `&mut`: a value that `Rc`s still own cannot be mutably
            //   borrowed while a `Weak` exists (`get_mut` and `make_mut`
            //   need there to be none), and it is dropped only once strong
            //   is 0.
            Some(unsafe { self.heap_block() })
        } else {
            None
        };
        PointerInfo {
            kind: PointerKind::Rc,
            address: address_of(self),
            block,
            target: self.as_ptr().cast::<u8>().addr(),
            target_type: core::any::type_name::<T>(),
            strong,
            weak: self.weak_count(),
        }
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

// No `Drop for WeakPtr<T>`: the `count` field gives up the weak count and
// frees the block, without a `Drop` impl generic over `T` (see "Why a `Weak`
// may outlive what its value borrows" in the module docs).

#[cfg(test)]
mod tests;
