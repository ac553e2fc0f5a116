//! The registry of blocks allocated under running checks, and the leak
//! check as an observer: what fills the registry and empties it.
//!
//! Two kinds of report reach [`LEAK_CHECK`] through the observation layer
//! (`observe`). ownkit's `Rc` and `Arc` report every block they allocate,
//! with the type inside, and every block they free. The tracking allocator
//! (`alloc::Tracking`), when a program installs it, reports every heap
//! block of every type: acquired, released, resized. An allocation is
//! noted only when the thread it happens on runs a check (its id is in the
//! thread's [`ThreadState`]); a free is struck off whatever thread it
//! happens on, and a resize moves the entry with the block.
//!
//! With both installed, an `Rc` block is reported twice, by the allocator
//! and then by the `Rc`: the second report gives the entry its type and
//! keeps its place in the order.
//!
//! # The check's own memory
//!
//! The registry is a hash map, which allocates as it grows. That
//! allocation goes through the tracking allocator too, but it happens
//! inside an observer, so the observation layer hands it to
//! [`Observer::missed`] instead of back to the check: the bookkeeping never
//! notes itself and never takes its own lock again.
//!
//! A block *released* or resized inside an observer, though, may be one
//! the check noted earlier (a recorder's buffer allocated before it grew),
//! so `missed` still applies it: at once, taking the lock, when this thread
//! does not hold it; otherwise (the release of the registry's own old
//! table) it keeps the change in the thread's state and [`Locked`] applies
//! it before letting the lock go. Only if more than `KEPT_HEAP_CHANGES`
//! wait at once does it count the thread's check as unable to vouch.
//!
//! # Never panicking, never aborting
//!
//! Blocks are freed during unwinding and at thread exit, where a panic
//! aborts, and these reports come from inside the global allocator. So
//! noting and striking off never panic: a poisoned lock is used anyway (the
//! registry is a plain map, valid whatever panicked), and room for a new
//! entry is reserved with `try_reserve`; a block that finds none is counted
//! as unrecorded, and the check then fails rather than vouch for what it
//! could not see.

use core::sync::atomic::{AtomicUsize, Ordering};
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::hasher::AddressHasher;
use crate::observe::thread::{HeapChange, KEPT_HEAP_CHANGES, ThreadState};
use crate::observe::{Block, DropEnd, Missed, Observer, PointerInfo, PointerKind};

/// How many checks run, on all threads. While none does, the registry is
/// empty (its invariant), so a free need not take its lock: other
/// observers (a drop capture) keep the gate open without making every
/// free of every thread wait on this lock.
///
/// Relaxed is enough: a block noted by a check reaches another thread
/// only through something that synchronizes, after the check started, so
/// the thread that frees it sees the count the start raised.
static RUNNING_CHECKS: AtomicUsize = AtomicUsize::new(0);

/// Counts one more running check; call it as a check starts.
pub(super) fn check_started() {
    RUNNING_CHECKS.fetch_add(1, Ordering::Relaxed);
}

/// Counts one running check fewer; call it once per `check_started`, after
/// the check's entries have left the registry.
pub(super) fn check_ended() {
    RUNNING_CHECKS.fetch_sub(1, Ordering::Relaxed);
}

/// Whether any check runs, on any thread.
fn checks_run() -> bool {
    RUNNING_CHECKS.load(Ordering::Relaxed) != 0
}

/// The blocks allocated under running checks and not freed yet.
static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    blocks: Blocks::with_hasher(core::hash::BuildHasherDefault::new()),
    next_order: 0,
    next_check: 1,
});

/// Blocks by address.
type Blocks = HashMap<usize, Allocation, core::hash::BuildHasherDefault<AddressHasher>>;

#[derive(Debug)]
pub(super) struct Registry {
    // INVARIANT: every entry's `check` is a check that has started and not
    // ended (`LeakCheck::end` hands its entries to the enclosing check or
    // removes them), so the map holds only what running checks may report.
    pub(super) blocks: Blocks,
    /// Stamps allocations in the order they were noted, for the report.
    next_order: u64,
    /// The id the next check gets; never 0, which means "no check".
    next_check: u64,
}

impl Registry {
    /// A fresh check id.
    pub(super) fn new_check(&mut self) -> u64 {
        let id = self.next_check;
        self.next_check = id.checked_add(1).unwrap_or(1);
        id
    }

    /// Notes `block`, allocated under `check`, unless it is noted already
    /// (an `Rc` block the allocator reported first): then only `owner` is
    /// added. Counts the block as unrecorded if the map has no room.
    fn note(&mut self, thread: &ThreadState, check: u64, block: Block, owner: Option<Owner>) {
        if let Some(noted) = self.blocks.get_mut(&block.address)
            && noted.check == check
            && noted.size == block.size
        {
            noted.owner = owner.or(noted.owner);
            return;
        }
        if self.blocks.try_reserve(1).is_err() {
            count_unrecorded(thread);
            return;
        }
        let order = self.next_order;
        self.next_order = order.wrapping_add(1);
        // Any other entry already at this address is one whose free was
        // not seen (a free racing with the start of the check that noted
        // it): the address is a new block now, so the new entry replaces it.
        self.blocks.insert(
            block.address,
            Allocation {
                address: block.address,
                check,
                order,
                size: block.size,
                owner,
            },
        );
    }

    /// Moves the entry of `from`, if the check noted it, to `to`: the same
    /// block, resized. A block allocated before its check started stays
    /// none of the check's business.
    fn resize(&mut self, thread: &ThreadState, from: Block, to: Block) {
        let Some(noted) = self.blocks.get(&from.address) else {
            return;
        };
        if noted.size != from.size {
            // Another thread's new block at an address this resize gave up
            // a moment ago: not ours to move.
            return;
        }
        let noted = *noted;
        self.blocks.remove(&from.address);
        if self.blocks.try_reserve(1).is_err() {
            count_unrecorded(thread);
            return;
        }
        self.blocks.insert(
            to.address,
            Allocation {
                address: to.address,
                size: to.size,
                ..noted
            },
        );
    }

    /// Applies a heap change made inside an observer.
    fn apply(&mut self, thread: &ThreadState, change: HeapChange) {
        match change.to {
            None => {
                self.blocks.remove(&change.from.address);
            }
            Some(to) => self.resize(thread, change.from, to),
        }
    }

    /// Applies the heap changes `thread` kept while it held the lock,
    /// oldest first, until none is left (applying one may grow the table,
    /// which keeps another).
    fn apply_kept(&mut self, thread: &ThreadState) {
        while thread.missed_heap_count.get() != 0 {
            let waiting = thread.missed_heap_count.replace(0);
            for slot in &thread.missed_heap_changes[..waiting.min(KEPT_HEAP_CHANGES)] {
                if let Some(change) = slot.take() {
                    self.apply(thread, change);
                }
            }
        }
    }
}

/// Who allocated a block, when ownkit's pointer said so itself.
#[derive(Clone, Copy, Debug)]
pub(super) struct Owner {
    /// Which pointer: ownkit's `Rc` or `Arc`.
    pub(super) kind: PointerKind,
    /// The value's type (`T` of the `Rc<T>`).
    pub(super) value_type: &'static str,
}

/// What the registry knows of one block.
#[derive(Clone, Copy, Debug)]
pub(super) struct Allocation {
    /// Where the block starts (also its key in the registry).
    pub(super) address: usize,
    /// The check that noted it.
    pub(super) check: u64,
    /// When it was noted, among all allocations noted.
    pub(super) order: u64,
    /// The block's size in bytes (an `Rc`'s counts included), as it is now.
    pub(super) size: usize,
    /// The pointer that allocated it, for ownkit's own; `None` for a block
    /// only the tracking allocator reported, which a watched graph may
    /// name later.
    pub(super) owner: Option<Owner>,
}

impl Allocation {
    /// The addresses the block covers.
    pub(super) fn address_range(&self) -> core::ops::Range<usize> {
        self.address..self.address.saturating_add(self.size)
    }
}

/// The registry, whether or not a panic poisoned its lock: every operation
/// on it leaves a valid map, so a panic in between cannot leave it broken.
///
/// For reading it where no heap event can happen (a test's look at it, a
/// new check id); the leak check itself goes through [`Locked`].
pub(super) fn lock_registry() -> MutexGuard<'static, Registry> {
    REGISTRY.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The registry, locked by this thread, which is marked as holding it, so
/// that a heap change missed meanwhile (its own table growing) is kept and
/// applied before the lock goes, instead of waiting for the lock forever.
pub(super) struct Locked<'t> {
    registry: MutexGuard<'static, Registry>,
    thread: &'t ThreadState,
}

impl<'t> Locked<'t> {
    /// Locks the registry for `thread`, the current thread.
    pub(super) fn new(thread: &'t ThreadState) -> Locked<'t> {
        let registry = lock_registry();
        thread.in_leak_registry.set(true);
        Locked { registry, thread }
    }
}

impl core::ops::Deref for Locked<'_> {
    type Target = Registry;

    fn deref(&self) -> &Registry {
        &self.registry
    }
}

impl core::ops::DerefMut for Locked<'_> {
    fn deref_mut(&mut self) -> &mut Registry {
        &mut self.registry
    }
}

impl Drop for Locked<'_> {
    fn drop(&mut self) {
        let thread = self.thread;
        self.registry.apply_kept(thread);
        thread.in_leak_registry.set(false);
    }
}

/// Counts one block of the check running on `thread` as unrecorded.
pub(super) fn count_unrecorded(thread: &ThreadState) {
    thread
        .unrecorded
        .set(thread.unrecorded.get().saturating_add(1));
}

/// Applies a heap change missed inside an observer: at once if this
/// thread does not hold the registry's lock, otherwise once it lets it go.
fn apply_missed(thread: &ThreadState, change: HeapChange) {
    if !checks_run() {
        return;
    }
    if !thread.in_leak_registry.get() {
        Locked::new(thread).apply(thread, change);
        return;
    }
    let waiting = thread.missed_heap_count.get();
    match thread.missed_heap_changes.get(waiting) {
        Some(slot) => {
            slot.set(Some(change));
            thread.missed_heap_count.set(waiting + 1);
        }
        None if thread.check.get() != 0 => count_unrecorded(thread),
        None => {}
    }
}

/// The leak check, as the observation layer knows it.
#[derive(Debug)]
pub(super) struct LeakObserver;

/// The one leak observer, attached when the first check starts.
pub(super) static LEAK_CHECK: LeakObserver = LeakObserver;

/// The name the leak check attaches under.
pub(super) const NAME: &str = "leak check";

impl Observer for LeakObserver {
    /// Notes the block, with its type, if this thread runs a check.
    fn block_allocated(
        &self,
        thread: &ThreadState,
        block: Block,
        kind: PointerKind,
        value_type: &'static str,
    ) {
        let check = thread.check.get();
        if check != 0 {
            let owner = Owner { kind, value_type };
            Locked::new(thread).note(thread, check, block, Some(owner));
        }
    }

    /// Strikes the block off, whichever thread frees it.
    fn block_freed(&self, thread: &ThreadState, block: Block) {
        if checks_run() {
            Locked::new(thread).blocks.remove(&block.address);
        }
    }

    /// Notes the block if this thread runs a check.
    fn heap_acquired(&self, thread: &ThreadState, block: Block) {
        let check = thread.check.get();
        if check != 0 {
            Locked::new(thread).note(thread, check, block, None);
        }
    }

    /// Strikes the block off, whichever thread releases it.
    fn heap_released(&self, thread: &ThreadState, block: Block) {
        if checks_run() {
            Locked::new(thread).blocks.remove(&block.address);
        }
    }

    /// Moves the entry with the block, whichever thread resizes it.
    fn heap_resized(&self, thread: &ThreadState, from: Block, to: Block) {
        if checks_run() {
            Locked::new(thread).resize(thread, from, to);
        }
    }

    fn drop_begins(&self, _: &ThreadState, _: &PointerInfo) {}

    fn drop_ends(&self, _: &ThreadState, _: &DropEnd) {}

    /// A block released or resized inside an observer is struck off or
    /// moved all the same (see the module docs). An ownkit block freed inside one (which no observer
    /// does) may have been noted and now looks leaked: the check cannot
    /// vouch for it. An allocation made inside an observer is that
    /// observer's business.
    fn missed(&self, thread: &ThreadState, event: Missed) {
        match event {
            Missed::HeapReleased(from) => apply_missed(thread, HeapChange { from, to: None }),
            Missed::HeapResized { from, to } => {
                apply_missed(thread, HeapChange { from, to: Some(to) })
            }
            Missed::Free if thread.check.get() != 0 => count_unrecorded(thread),
            Missed::Free | Missed::Allocation | Missed::HeapAcquired | Missed::Drop => {}
        }
    }
}
