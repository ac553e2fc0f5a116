//! The plug: what an observer implements, how it attaches, and how an
//! event reaches every attached observer.
//!
//! This layer knows no observer by name. The drop recorder (`trace/`) and
//! the leak check (`graph/`) each implement [`Observer`] on a `static` and
//! [`attach`] it the first time one of their scopes starts; from then on
//! every event that passes the gate is handed to both, on the thread where
//! it happened, and each decides from its own part of the
//! [`ThreadState`] whether the event is its business.

use std::sync::OnceLock;

use super::description::{Block, PointerInfo, PointerKind};
use super::thread::{self, ThreadState};

/// Something that wants to hear what the core allocates, frees and drops.
///
/// Every method runs on the thread where the event happened, with that
/// thread's [`ThreadState`], and may be called during unwinding or at
/// thread exit. So an implementation must never panic, and must count
/// what it cannot store instead of failing. While one of its methods runs,
/// no observer hears anything from this thread: what the method itself
/// does (allocating, dropping) reaches [`Observer::missed`] instead.
pub(crate) trait Observer: Sync {
    /// A shared pointer (an `Rc`, an `Arc`) allocated `block` for a value
    /// of type `value_type`.
    fn block_allocated(
        &self,
        thread: &ThreadState,
        block: Block,
        kind: PointerKind,
        value_type: &'static str,
    );

    /// `block` is about to be freed (it is still allocated, so its address
    /// cannot have been handed out again yet).
    fn block_freed(&self, thread: &ThreadState, block: Block);

    /// The global allocator handed out `block` (reported by the tracking
    /// allocator only, for every block of every type).
    fn heap_acquired(&self, thread: &ThreadState, block: Block);

    /// `block` is about to go back to the global allocator (tracking
    /// allocator only). For one of ownkit's blocks this follows its
    /// [`block_freed`](Observer::block_freed).
    fn heap_released(&self, thread: &ThreadState, block: Block);

    /// The global allocator resized `from` into `to`, moving it or not
    /// (tracking allocator only): one block, which now is `to`.
    fn heap_resized(&self, thread: &ThreadState, from: Block, to: Block);

    /// One of ownkit's pointers or arenas starts dropping what it owns.
    fn drop_begins(&self, thread: &ThreadState, pointer: &PointerInfo);

    /// The drop begun by the pointer at `end.pointer` is over (its target
    /// dropped, its block freed), normally or by unwinding.
    fn drop_ends(&self, thread: &ThreadState, end: &DropEnd);

    /// An event happened while this thread was already inside an observer,
    /// so it was not delivered. Must not allocate, nor wait for a lock the
    /// observer may hold on this thread: the event may be its own
    /// allocation, made with that lock held.
    fn missed(&self, thread: &ThreadState, event: Missed);
}

/// The end of a drop, as [`Observer::drop_ends`] hears it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DropEnd {
    /// Where the pointer that dropped is stored.
    pub(crate) pointer: usize,
    /// Which pointer it is.
    pub(crate) kind: PointerKind,
    /// The drop capture that was running on this thread when the drop
    /// began, so that an end whose capture has closed since goes nowhere.
    pub(crate) capture: u32,
}

/// Which event an observer missed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Missed {
    /// One of ownkit's shared blocks was allocated.
    Allocation,
    /// One of ownkit's blocks was freed.
    Free,
    /// A drop's begin or end.
    Drop,
    /// The global allocator handed out a block: the observer's own
    /// bookkeeping, since nothing else runs while an observer does.
    HeapAcquired,
    /// The global allocator took this block back: most likely an
    /// observer's buffer, but it may have been allocated, and noted,
    /// before the observer began.
    HeapReleased(Block),
    /// The global allocator resized `from` into `to`, as for
    /// [`HeapReleased`](Missed::HeapReleased).
    HeapResized {
        /// The block as it was.
        from: Block,
        /// The block as it is now.
        to: Block,
    },
}

/// How many kinds of observer can attach: there are two today, the drop
/// recorder and the leak check.
const MOST_OBSERVERS: usize = 4;

/// The attached observers, in the order they attached, each under its
/// name (a name, not an address, tells them apart: two zero-sized statics
/// may share an address). A slot is written once and read with one
/// acquire load, so an event never takes a lock to find its observers.
///
/// An observer attaches before its first scope opens the gate, on that
/// scope's thread. Another thread may see the gate open before it sees the
/// slot filled, and then misses an event; but any event that concerns the
/// scope (the free of a block the scope noted, say) happens on a thread
/// that received the block from the scope's thread through something that
/// synchronizes, after the attach, and so finds the observer.
static OBSERVERS: [OnceLock<(&'static str, &'static dyn Observer)>; MOST_OBSERVERS] =
    [const { OnceLock::new() }; MOST_OBSERVERS];

/// Attaches `observer` under `name`, unless it is attached already. Call
/// it before opening the gate for the observer's first scope.
pub(crate) fn attach(name: &'static str, observer: &'static dyn Observer) {
    for slot in &OBSERVERS {
        let (attached, _) = *slot.get_or_init(|| (name, observer));
        if attached == name {
            return;
        }
    }
    debug_assert!(
        false,
        "no slot left to attach observer {name}: raise MOST_OBSERVERS"
    );
}

/// Hands an event to every attached observer, on this thread, unless an
/// observer is already at work here: then each hears that it `missed` it.
pub(super) fn notify(event: impl Fn(&dyn Observer, &ThreadState), missed: Missed) {
    let observers = || OBSERVERS.iter().map_while(OnceLock::get);
    thread::as_observer(
        |state| observers().for_each(|&(_, observer)| event(observer, state)),
        |state| observers().for_each(|&(_, observer)| observer.missed(state, missed)),
    );
}
