//! The registry of blocks allocated under running checks, and the leak
//! check as an observer: what fills the registry and empties it.
//!
//! ownkit's `Rc` and `Arc` report every block they allocate and every block
//! they free to the observation layer (`observe`), which hands the reports
//! to [`LEAK_CHECK`]. An allocation is noted only when the thread it
//! happens on runs a check (its id is in the thread's [`ThreadState`]); a
//! free is struck off whatever thread it happens on.
//!
//! # Never panicking, never aborting
//!
//! Blocks are freed during unwinding and at thread exit, where a panic
//! aborts. So noting and striking off never panic: a poisoned lock is used
//! anyway (the registry is a plain map, valid whatever panicked), and room
//! for a new entry is reserved with `try_reserve`; a block that finds none
//! is counted as unrecorded, and the check then fails rather than vouch for
//! what it could not see.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::hasher::AddressHasher;
use crate::observe::thread::ThreadState;
use crate::observe::{Block, DropEnd, Missed, Observer, PointerInfo, PointerKind};

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
    /// The value's type (`T` of the `Rc<T>`).
    pub(super) type_name: &'static str,
    /// The block's size in bytes, counts included.
    pub(super) size: usize,
    pub(super) kind: PointerKind,
}

impl Allocation {
    /// The addresses the block covers.
    pub(super) fn address_range(&self) -> core::ops::Range<usize> {
        self.address..self.address.saturating_add(self.size)
    }
}

/// The registry, whether or not a panic poisoned its lock: every operation
/// on it leaves a valid map, so a panic in between cannot leave it broken.
pub(super) fn lock_registry() -> MutexGuard<'static, Registry> {
    REGISTRY.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Counts one block of the check running on `thread` as unrecorded.
pub(super) fn count_unrecorded(thread: &ThreadState) {
    thread
        .unrecorded
        .set(thread.unrecorded.get().saturating_add(1));
}

/// The leak check, as the observation layer knows it.
#[derive(Debug)]
pub(super) struct LeakObserver;

/// The one leak observer, attached when the first check starts.
pub(super) static LEAK_CHECK: LeakObserver = LeakObserver;

/// The name the leak check attaches under.
pub(super) const NAME: &str = "leak check";

impl Observer for LeakObserver {
    /// Notes the block if this thread runs a check.
    fn block_allocated(
        &self,
        thread: &ThreadState,
        block: Block,
        kind: PointerKind,
        value_type: &'static str,
    ) {
        let check = thread.check.get();
        if check == 0 {
            return;
        }
        let mut registry = lock_registry();
        if registry.blocks.try_reserve(1).is_err() {
            drop(registry);
            count_unrecorded(thread);
            return;
        }
        let order = registry.next_order;
        registry.next_order = order.wrapping_add(1);
        // An entry already at this address is one whose free was not seen
        // (a free racing with the start of the check that noted it): the
        // address is a new block now, so the new entry replaces it.
        registry.blocks.insert(
            block.address,
            Allocation {
                address: block.address,
                check,
                order,
                type_name: value_type,
                size: block.size,
                kind,
            },
        );
    }

    /// Strikes the block off, whichever thread frees it.
    fn block_freed(&self, _: &ThreadState, block: Block) {
        lock_registry().blocks.remove(&block.address);
    }

    fn drop_begins(&self, _: &ThreadState, _: &PointerInfo) {}

    fn drop_ends(&self, _: &ThreadState, _: &DropEnd) {}

    /// A free that happened inside an observer may have been of a noted
    /// block, which now looks leaked: the check cannot vouch for it. An
    /// allocation made inside an observer is that observer's business.
    fn missed(&self, thread: &ThreadState, event: Missed) {
        if event == Missed::Free && thread.check.get() != 0 {
            count_unrecorded(thread);
        }
    }
}
