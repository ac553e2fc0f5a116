//! Leak checks for tests: was every `Rc` and `Arc` made in this scope
//! freed by its end, and if not, which cycle keeps them alive?
//!
//! # Who owns what
//!
//! A [`LeakCheck`] belongs to the thread that started it and ends with
//! [`finish`](LeakCheck::finish) or [`assert_no_leaks`]
//! (LeakCheck::assert_no_leaks). While it runs, every block that an
//! ownkit [`Rc`](crate::Rc) or [`Arc`](crate::Arc) allocates *on that
//! thread* is noted in a process-wide registry under the check's id, and
//! every block freed, *on any thread*, is struck off: an `Arc` handed to
//! another thread and dropped there counts as freed. What is still noted
//! under the check when it ends is the leak. Blocks allocated before the
//! check started, or by other threads, are none of its business, so
//! `cargo test` can run checks on all its threads at once.
//!
//! The registry never owns or touches the blocks: it keeps their address,
//! size and type, nothing more. The check owns the graphs it was asked to
//! [`watch`](LeakCheck::watch): snapshots taken while the values were
//! alive, which let the report name the cycle that keeps a leaked block
//! alive, by field paths, and the edge to make `Weak`.
//!
//! ```
//! use ownkit::cell::RefCell;
//! use ownkit::graph::LeakCheck;
//! use ownkit::rc::{Rc, Weak};
//!
//! #[derive(ownkit::trace::Walk)]
//! struct Node {
//!     parent: Option<Weak<RefCell<Node>>>,
//!     child: Option<Rc<RefCell<Node>>>,
//! }
//!
//! let check = LeakCheck::start();
//! let parent = Rc::new(RefCell::new(Node { parent: None, child: None }));
//! let child = Rc::new(RefCell::new(Node { parent: Some(Rc::downgrade(&parent)), child: None }));
//! parent.borrow_mut().child = Some(child);
//! drop(parent); // the child points back weakly, so both blocks are freed
//! check.assert_no_leaks();
//! ```
//!
//! With a strong back edge the same code leaks, and the check says why:
//!
//! ```should_panic
//! use ownkit::cell::RefCell;
//! use ownkit::graph::LeakCheck;
//! use ownkit::rc::Rc;
//!
//! #[derive(ownkit::trace::Walk)]
//! struct Node {
//!     parent: Option<Rc<RefCell<Node>>>,
//!     child: Option<Rc<RefCell<Node>>>,
//! }
//!
//! let mut check = LeakCheck::start();
//! let parent = Rc::new(RefCell::new(Node { parent: None, child: None }));
//! let child = Rc::new(RefCell::new(Node { parent: Some(parent.clone()), child: None }));
//! parent.borrow_mut().child = Some(child);
//! check.watch(&parent); // remember the graph while it can still be walked
//! drop(parent);
//! check.assert_no_leaks(); // panics: names the cycle and the edge to make Weak
//! ```
//!
//! # What it costs
//!
//! When no check runs on any thread, allocating or freeing an `Rc` or
//! `Arc` block pays one relaxed atomic load and a branch, and nothing else:
//! no lock, no thread-local. While some check runs, each allocation reads
//! the thread's check id, and each allocation on a checking thread and
//! each free anywhere takes the registry's lock.
//!
//! # Never panicking, never aborting
//!
//! Blocks are freed during unwinding and at thread exit, where a panic
//! aborts. So noting and striking off never panic: a poisoned lock is used
//! anyway (the registry is a plain map, valid whatever panicked), room for
//! a new entry is reserved with `try_reserve` and a block that finds none
//! is counted as unrecorded (the check then fails rather than vouch for
//! what it could not see), and the thread's check id lives in a
//! thread-local with a constant initialiser and no destructor, readable
//! while other thread-locals are being destroyed.
//!
//! Without the `std` feature there is no lock and no thread-local, so the
//! hooks do nothing and [`LeakCheck`] does not exist.

#[cfg(feature = "std")]
use core::cell::Cell;
#[cfg(feature = "std")]
use core::fmt;
#[cfg(feature = "std")]
use core::marker::PhantomData;
#[cfg(feature = "std")]
use core::sync::atomic::{AtomicUsize, Ordering};
#[cfg(feature = "std")]
use std::string::{String, ToString};
#[cfg(feature = "std")]
use std::sync::{Mutex, MutexGuard, PoisonError};
#[cfg(feature = "std")]
use std::vec::Vec;

#[cfg(feature = "std")]
use super::{Graph, NodeId, NodeKind};
#[cfg(feature = "std")]
use crate::trace::short_type_name;
use crate::walk::PointerKind;
#[cfg(feature = "std")]
use crate::walk::Walk;

// ---------------------------------------------------------------------------
// The hooks `raw::rc` and `raw::arc` call.

/// Whether a leak check runs on any thread: the one load the allocation
/// and free paths of `Rc` and `Arc` make before calling [`allocated`] or
/// [`freed`].
///
/// Relaxed is enough. The thread that started a check did the increment
/// itself, so its own allocations see it in program order. A block it
/// allocated reaches another thread only through something that
/// synchronizes (a channel, a join, an `Arc`'s own counts), so the thread
/// that frees it sees the increment too.
#[inline]
pub(crate) fn checking() -> bool {
    #[cfg(feature = "std")]
    {
        ACTIVE_CHECKS.load(Ordering::Relaxed) != 0
    }
    #[cfg(not(feature = "std"))]
    {
        false
    }
}

/// Notes a block just allocated by an `Rc` or `Arc`, if the calling thread
/// runs a leak check. Never panics.
#[cold]
#[inline(never)]
pub(crate) fn allocated(address: usize, size: usize, type_name: &'static str, kind: PointerKind) {
    #[cfg(feature = "std")]
    {
        let check = current_check();
        if check == 0 {
            return;
        }
        let mut registry = lock_registry();
        if registry.blocks.try_reserve(1).is_err() {
            drop(registry);
            count_unrecorded();
            return;
        }
        let order = registry.next_order;
        registry.next_order = order.wrapping_add(1);
        // An entry already at this address is one whose free was not seen
        // (a free racing with the start of the check that noted it): the
        // address is a new block now, so the new entry replaces it.
        registry.blocks.insert(
            address,
            Allocation {
                address,
                check,
                order,
                type_name,
                size,
                kind,
            },
        );
    }
    #[cfg(not(feature = "std"))]
    let _ = (address, size, type_name, kind);
}

/// Strikes off a block about to be freed by an `Rc` or `Arc`, on whatever
/// thread. Never panics.
#[cold]
#[inline(never)]
pub(crate) fn freed(address: usize) {
    #[cfg(feature = "std")]
    lock_registry().blocks.remove(&address);
    #[cfg(not(feature = "std"))]
    let _ = address;
}

// ---------------------------------------------------------------------------
// The registry and the thread's check id (std only).

/// How many checks run, on all threads: the one load every hook makes first.
#[cfg(feature = "std")]
static ACTIVE_CHECKS: AtomicUsize = AtomicUsize::new(0);

/// The blocks allocated under running checks and not freed yet.
#[cfg(feature = "std")]
static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    blocks: Blocks::with_hasher(core::hash::BuildHasherDefault::new()),
    next_order: 0,
    next_check: 1,
});

/// Blocks by address.
#[cfg(feature = "std")]
type Blocks = std::collections::HashMap<
    usize,
    Allocation,
    core::hash::BuildHasherDefault<crate::hasher::AddressHasher>,
>;

#[cfg(feature = "std")]
#[derive(Debug)]
struct Registry {
    // INVARIANT: every entry's `check` is a check that has started and not
    // ended (`LeakCheck::end` hands its entries to the enclosing check or
    // removes them), so the map holds only what running checks may report.
    blocks: Blocks,
    /// Stamps allocations in the order they were noted, for the report.
    next_order: u64,
    /// The id the next check gets; never 0, which means "no check".
    next_check: u64,
}

/// What the registry knows of one block.
#[cfg(feature = "std")]
#[derive(Clone, Copy, Debug)]
struct Allocation {
    /// Where the block starts (also its key in the registry).
    address: usize,
    /// The check that noted it.
    check: u64,
    /// When it was noted, among all allocations noted.
    order: u64,
    /// The value's type (`T` of the `Rc<T>`).
    type_name: &'static str,
    /// The block's size in bytes, counts included.
    size: usize,
    kind: PointerKind,
}

/// The registry, whether or not a panic poisoned its lock: every operation
/// on it leaves a valid map, so a panic in between cannot leave it broken.
#[cfg(feature = "std")]
fn lock_registry() -> MutexGuard<'static, Registry> {
    REGISTRY.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What the current thread's checks need, readable at any time, thread
/// exit included: the initialiser is constant and the type has no
/// destructor, so std registers no destructor for it.
#[cfg(feature = "std")]
#[derive(Debug)]
struct ThreadChecks {
    /// The id of the innermost check running on this thread, 0 when none.
    current: Cell<u64>,
    /// Blocks of that check that could not be noted for lack of memory.
    unrecorded: Cell<usize>,
}

#[cfg(feature = "std")]
std::thread_local! {
    static THREAD: ThreadChecks = const {
        ThreadChecks { current: Cell::new(0), unrecorded: Cell::new(0) }
    };
}

/// The id of the check running on this thread, 0 when none.
#[cfg(feature = "std")]
fn current_check() -> u64 {
    THREAD.try_with(|thread| thread.current.get()).unwrap_or(0)
}

/// Counts one block of the running check as unrecorded.
#[cfg(feature = "std")]
fn count_unrecorded() {
    let _ = THREAD.try_with(|thread| {
        thread
            .unrecorded
            .set(thread.unrecorded.get().saturating_add(1));
    });
}

// ---------------------------------------------------------------------------
// The public API (std only).

/// A leak check over a scope of one thread: every ownkit `Rc` and `Arc`
/// block allocated on this thread between [`start`](Self::start) and
/// [`finish`](Self::finish) must be freed by then, on whatever thread.
///
/// Checks nest: an inner check sees the allocations made while it runs,
/// and when it ends, the ones still alive go back to the enclosing check,
/// whose scope they are also in. Checks on different threads never see
/// each other's allocations. A check is `!Send`: it belongs to the
/// thread that started it, and must end on it, inner checks first.
///
/// A block counts as freed when its memory is: a `Weak` that outlives the
/// scope keeps its block allocated, so the check reports it even though
/// the value inside was dropped. Dropping a check without finishing it
/// (while a test panics, say) ends it quietly.
///
/// ```
/// use ownkit::graph::LeakCheck;
///
/// let kept = ownkit::Rc::new(1_u8); // before the check: not its business
/// let check = LeakCheck::start();
/// let shared = ownkit::Arc::new(vec![1, 2, 3]);
/// let elsewhere = shared.clone();
/// std::thread::spawn(move || drop(elsewhere)).join().unwrap();
/// drop(shared);
/// assert!(check.finish().is_ok());
/// assert_eq!(*kept, 1);
/// ```
///
/// A check cannot leave its thread:
///
/// ```compile_fail
/// let check = ownkit::graph::LeakCheck::start();
/// std::thread::spawn(move || check.finish()); // `LeakCheck` is not `Send`
/// ```
#[cfg(feature = "std")]
#[derive(Debug)]
#[must_use = "a leak check reports only when it is finished"]
pub struct LeakCheck {
    id: u64,
    /// The check this one nests in, 0 when none.
    previous: u64,
    /// The enclosing check's unrecorded count, restored at the end.
    previous_unrecorded: usize,
    /// Snapshots of the values passed to `watch`.
    graphs: Vec<Graph>,
    ended: bool,
    /// `!Send` and `!Sync`: the check id lives in this thread's state.
    not_send: PhantomData<*const ()>,
}

#[cfg(feature = "std")]
impl LeakCheck {
    /// Starts a check on the current thread.
    ///
    /// See [`LeakCheck`] for an example.
    pub fn start() -> LeakCheck {
        let id = {
            let mut registry = lock_registry();
            let id = registry.next_check;
            registry.next_check = id.checked_add(1).unwrap_or(1);
            id
        };
        let (previous, previous_unrecorded) =
            THREAD.with(|thread| (thread.current.replace(id), thread.unrecorded.replace(0)));
        ACTIVE_CHECKS.fetch_add(1, Ordering::Relaxed);
        LeakCheck {
            id,
            previous,
            previous_unrecorded,
            graphs: Vec::new(),
            ended: false,
            not_send: PhantomData,
        }
    }

    /// Remembers the ownership graph of `value` as it is now, so that a
    /// leak can be explained by its cycles later. Call it while the value
    /// is alive, before the last handle to it goes.
    ///
    /// The graph is a snapshot of addresses and types: it keeps nothing
    /// alive and is never walked again.
    ///
    /// ```
    /// use ownkit::graph::LeakCheck;
    ///
    /// let mut check = LeakCheck::start();
    /// let list = ownkit::Rc::new(vec![1_u8, 2]);
    /// check.watch(&list);
    /// drop(list);
    /// check.assert_no_leaks();
    /// ```
    pub fn watch<T: ?Sized + Walk>(&mut self, value: &T) {
        self.graphs.push(Graph::of(value));
    }

    /// Ends the check: `Ok` if every block it saw allocated was freed,
    /// otherwise the report of what was not.
    ///
    /// ```
    /// use ownkit::graph::LeakCheck;
    ///
    /// let check = LeakCheck::start();
    /// let outlives = ownkit::Rc::new(5_u32); // still alive at the end
    /// let report = check.finish().unwrap_err();
    /// assert_eq!(report.leaked().len(), 1);
    /// assert_eq!(report.leaked()[0].type_name(), "u32");
    /// drop(outlives);
    /// ```
    ///
    /// # Panics
    ///
    /// If a check started on this thread after this one is still running:
    /// checks end in the reverse order they started.
    pub fn finish(mut self) -> Result<(), LeakReport> {
        let current = current_check();
        assert_eq!(
            current, self.id,
            "leak check {} finished while check {current} (started after it) still runs; \
             checks on one thread end in the reverse order they started",
            self.id
        );
        let (mut leaked, unrecorded) = self.end(true);
        if leaked.is_empty() && unrecorded == 0 {
            return Ok(());
        }
        leaked.sort_by_key(|allocation| allocation.order);
        Err(LeakReport::new(&leaked, unrecorded, &self.graphs))
    }

    /// Ends the check and panics with the report if anything leaked.
    ///
    /// ```
    /// let check = ownkit::graph::LeakCheck::start();
    /// drop(ownkit::Rc::new("freed"));
    /// check.assert_no_leaks();
    /// ```
    ///
    /// # Panics
    ///
    /// If a block allocated during the check is still alive, with the
    /// report as the message; and as [`finish`](Self::finish) does.
    #[track_caller]
    pub fn assert_no_leaks(self) {
        if let Err(report) = self.finish() {
            panic!("{report}");
        }
    }

    /// Stops noting allocations for this check and takes its entries out
    /// of the registry, handing them to the enclosing check, if any.
    /// Returns them, if `list` asks for them, with the count of
    /// unrecorded blocks.
    ///
    /// Only `finish` lists them: a check dropped while a panic unwinds
    /// must not allocate.
    fn end(&mut self, list: bool) -> (Vec<Allocation>, usize) {
        self.ended = true;
        let on_top = current_check() == self.id;
        let mut unrecorded = 0;
        if on_top {
            let _ = THREAD.try_with(|thread| {
                thread.current.set(self.previous);
                unrecorded = thread.unrecorded.get();
                // The blocks handed to the enclosing check come with the
                // doubt about the ones that could not be noted.
                let inherited = if self.previous == 0 { 0 } else { unrecorded };
                thread
                    .unrecorded
                    .set(self.previous_unrecorded.saturating_add(inherited));
            });
        }
        let mut leaked = Vec::new();
        {
            let mut registry = lock_registry();
            let previous = self.previous;
            registry.blocks.retain(|_, allocation| {
                if allocation.check != self.id {
                    return true;
                }
                if list {
                    leaked.push(*allocation);
                }
                allocation.check = previous;
                previous != 0
            });
        }
        ACTIVE_CHECKS.fetch_sub(1, Ordering::Relaxed);
        (leaked, unrecorded)
    }
}

#[cfg(feature = "std")]
impl Drop for LeakCheck {
    fn drop(&mut self) {
        if !self.ended {
            self.end(false);
        }
    }
}

/// One block a [`LeakCheck`] saw allocated and never freed.
///
/// See [`LeakCheck::finish`] for an example.
#[cfg(feature = "std")]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeakedBlock {
    type_name: &'static str,
    size: usize,
    kind: PointerKind,
    path: Option<String>,
}

#[cfg(feature = "std")]
impl LeakedBlock {
    /// The type of the value inside, as `core::any::type_name` spells it
    /// (`T` for an `Rc<T>`).
    ///
    /// See [`LeakCheck::finish`] for an example.
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The block's size in bytes, the counts included.
    ///
    /// ```
    /// let check = ownkit::graph::LeakCheck::start();
    /// let outlives = ownkit::Rc::new(0_u64);
    /// let report = check.finish().unwrap_err();
    /// // Two counts and the value.
    /// assert_eq!(report.leaked()[0].size(), 3 * size_of::<u64>());
    /// drop(outlives);
    /// ```
    #[must_use]
    pub fn size(&self) -> usize {
        self.size
    }

    /// Which pointer allocated it: [`PointerKind::Rc`] or
    /// [`PointerKind::Arc`].
    ///
    /// ```
    /// use ownkit::trace::PointerKind;
    ///
    /// let check = ownkit::graph::LeakCheck::start();
    /// let outlives = ownkit::Arc::new('a');
    /// let report = check.finish().unwrap_err();
    /// assert_eq!(report.leaked()[0].kind(), PointerKind::Arc);
    /// drop(outlives);
    /// ```
    #[must_use]
    pub fn kind(&self) -> PointerKind {
        self.kind
    }

    /// Where a [watched](LeakCheck::watch) graph found the value
    /// (`Rc<RefCell<Node>>.*`), if one did.
    ///
    /// See [`LeakReport`] for an example.
    #[must_use]
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }
}

#[cfg(feature = "std")]
impl fmt::Display for LeakedBlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.kind == PointerKind::Arc {
            "Arc"
        } else {
            "Rc"
        };
        let name = short_type_name(self.type_name);
        write!(f, "{pointer}<{name}> block, {} bytes", self.size)?;
        if let Some(path) = &self.path {
            write!(f, ", at {path}")?;
        }
        Ok(())
    }
}

/// What a failed [`LeakCheck`] found: the blocks still alive, and the
/// cycles of the watched graphs that keep them so.
///
/// Its `Display` is what [`LeakCheck::assert_no_leaks`] panics with: one
/// line per leaked block, in the order they were allocated, then each
/// cycle by field paths with the edge to make `Weak`.
///
/// ```
/// use ownkit::cell::RefCell;
/// use ownkit::graph::LeakCheck;
/// use ownkit::rc::Rc;
///
/// #[derive(ownkit::trace::Walk)]
/// struct Node {
///     next: Option<Rc<RefCell<Node>>>,
/// }
///
/// let mut check = LeakCheck::start();
/// let node = Rc::new(RefCell::new(Node { next: None }));
/// node.borrow_mut().next = Some(node.clone()); // points at itself
/// check.watch(&node);
/// let handle = Rc::downgrade(&node);
/// drop(node);
/// let report = check.finish().unwrap_err();
/// assert_eq!(report.leaked()[0].path(), Some("Rc<RefCell<Node>>.*"));
/// assert_eq!(report.cycles().len(), 1);
/// println!("{report}");
///
/// // Break the cycle, so that the test itself leaks nothing.
/// handle.upgrade().unwrap().borrow_mut().next = None;
/// ```
#[cfg(feature = "std")]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeakReport {
    leaked: Vec<LeakedBlock>,
    cycles: Vec<String>,
    unrecorded: usize,
    watched: usize,
}

#[cfg(feature = "std")]
impl LeakReport {
    /// Builds the report of `leaked` (in allocation order), explained by
    /// the cycles of `graphs` that run through them.
    fn new(leaked: &[Allocation], unrecorded: usize, graphs: &[Graph]) -> LeakReport {
        let mut blocks: Vec<LeakedBlock> = leaked
            .iter()
            .map(|allocation| LeakedBlock {
                type_name: allocation.type_name,
                size: allocation.size,
                kind: allocation.kind,
                path: None,
            })
            .collect();
        let mut cycles = Vec::new();
        for graph in graphs {
            let mut leaked_nodes = Vec::new();
            for node in graph.nodes() {
                let NodeKind::Shared { pointer, .. } = node.kind() else {
                    continue;
                };
                // A shared node is the value inside the block: the block
                // `[address, address + size)` contains it, and its type is
                // the block's value type.
                let found = leaked.iter().position(|allocation| {
                    allocation.kind == pointer
                        && allocation.type_name == node.type_name()
                        && allocation.address_range().contains(&node.address())
                });
                let Some(index) = found else {
                    continue;
                };
                leaked_nodes.push(node.id());
                if blocks[index].path.is_none() {
                    blocks[index].path = Some(node.path());
                }
            }
            if leaked_nodes.is_empty() {
                continue;
            }
            for text in cycles_through(graph, &leaked_nodes) {
                if !cycles.contains(&text) {
                    cycles.push(text);
                }
            }
        }
        LeakReport {
            leaked: blocks,
            cycles,
            unrecorded,
            watched: graphs.len(),
        }
    }

    /// The blocks still alive when the check ended, in the order they were
    /// allocated.
    ///
    /// See [`LeakCheck::finish`] for an example.
    #[must_use]
    pub fn leaked(&self) -> &[LeakedBlock] {
        &self.leaked
    }

    /// The strong cycles of the [watched](LeakCheck::watch) graphs that run
    /// through a leaked block, each as its `Display` line: the field paths
    /// around the cycle, then the edge to make `Weak`.
    ///
    /// Empty if nothing was watched, or if what leaked is not on a cycle
    /// (a `mem::forget`, an `into_raw` never taken back).
    ///
    /// See [`LeakReport`] for an example.
    #[must_use]
    pub fn cycles(&self) -> &[String] {
        &self.cycles
    }

    /// How many blocks the check could not note for lack of memory. When
    /// it is not 0 the check fails even if nothing else leaked: it cannot
    /// vouch for blocks it never saw.
    ///
    /// ```
    /// let check = ownkit::graph::LeakCheck::start();
    /// let outlives = ownkit::Rc::new(());
    /// assert_eq!(check.finish().unwrap_err().unrecorded(), 0);
    /// drop(outlives);
    /// ```
    #[must_use]
    pub fn unrecorded(&self) -> usize {
        self.unrecorded
    }
}

#[cfg(feature = "std")]
impl fmt::Display for LeakReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.leaked.len();
        let (blocks, were) = if count == 1 {
            ("block", "was")
        } else {
            ("blocks", "were")
        };
        writeln!(
            f,
            "leak check: {count} Rc/Arc {blocks} allocated in its scope {were} not freed"
        )?;
        for block in &self.leaked {
            writeln!(f, "  {block}")?;
        }
        if self.unrecorded > 0 {
            writeln!(
                f,
                "  and {} more could not be noted (out of memory), so the check cannot vouch for them",
                self.unrecorded
            )?;
        }
        match (self.cycles.len(), self.watched) {
            (0, 0) if count > 0 => writeln!(
                f,
                "call LeakCheck::watch on the value before dropping it to see the cycle that keeps them alive"
            )?,
            (0, _) if count > 0 => writeln!(
                f,
                "no cycle of the watched values runs through them: forgotten (mem::forget, into_raw), \
                 or kept by something not watched"
            )?,
            (0, _) => {}
            (1, _) => writeln!(f, "kept alive by a cycle:")?,
            (cycles, _) => writeln!(f, "kept alive by {cycles} cycles:")?,
        }
        for cycle in &self.cycles {
            writeln!(f, "  {cycle}")?;
        }
        Ok(())
    }
}

#[cfg(feature = "std")]
impl std::error::Error for LeakReport {}

/// The strong cycles of `graph` that run through one of `nodes`, as their
/// `Display` lines.
#[cfg(feature = "std")]
fn cycles_through(graph: &Graph, nodes: &[NodeId]) -> Vec<String> {
    graph
        .cycles()
        .iter()
        .filter(|cycle| cycle.nodes().any(|node| nodes.contains(&node.id())))
        .map(ToString::to_string)
        .collect()
}

#[cfg(feature = "std")]
impl Allocation {
    /// The addresses the block covers.
    fn address_range(&self) -> core::ops::Range<usize> {
        self.address..self.address.saturating_add(self.size)
    }
}

#[cfg(all(test, feature = "std"))]
mod tests {
    extern crate std;

    use std::panic::{AssertUnwindSafe, catch_unwind};
    use std::string::ToString;
    use std::vec::Vec;

    use super::*;
    use crate::{Arc, Rc};

    /// The registry's entries that belong to check `id`, in allocation
    /// order, as (address, type name).
    fn entries_of(id: u64) -> Vec<(usize, &'static str)> {
        let registry = lock_registry();
        let mut entries: Vec<Allocation> = registry
            .blocks
            .values()
            .filter(|allocation| allocation.check == id)
            .copied()
            .collect();
        entries.sort_by_key(|allocation| allocation.order);
        entries
            .iter()
            .map(|allocation| (allocation.address, allocation.type_name))
            .collect()
    }

    fn block_address<T>(rc: &Rc<T>) -> usize {
        // The value sits right after the two counts.
        Rc::as_ptr(rc).addr() - 2 * size_of::<usize>()
    }

    #[test]
    fn a_block_is_noted_while_alive_and_struck_off_when_freed() {
        let check = LeakCheck::start();
        let id = check.id;
        assert!(checking(), "a running check must turn the hooks on");
        assert_eq!(current_check(), id);
        let first = Rc::new(1_u16);
        let second = Arc::new(2_u32);
        let entries = entries_of(id);
        assert_eq!(
            entries.iter().map(|entry| entry.1).collect::<Vec<_>>(),
            ["u16", "u32"]
        );
        assert_eq!(entries[0].0, block_address(&first));
        let weak = Rc::downgrade(&first);
        drop(first);
        // The value is gone but the block is not: a `Weak` still holds it.
        assert_eq!(entries_of(id).len(), 2);
        drop(weak);
        drop(second);
        assert_eq!(entries_of(id), []);
        assert_eq!(check.finish(), Ok(()));
        assert_eq!(current_check(), 0);
    }

    #[test]
    fn another_threads_allocations_are_not_this_checks() {
        let check = LeakCheck::start();
        let from_elsewhere = std::thread::spawn(|| {
            assert_eq!(current_check(), 0, "checks do not cross threads");
            Arc::new(7_u8)
        })
        .join()
        .unwrap();
        assert_eq!(entries_of(check.id), []);
        assert_eq!(check.finish(), Ok(()));
        drop(from_elsewhere);
    }

    #[test]
    fn an_inner_check_hands_its_survivors_to_the_outer_one() {
        let outer = LeakCheck::start();
        let inner = LeakCheck::start();
        let (outer_id, inner_id) = (outer.id, inner.id);
        assert_eq!(inner.previous, outer_id);
        let survivor = Rc::new(3_i64);
        let report = inner.finish().unwrap_err();
        assert_eq!(report.leaked().len(), 1);
        assert_eq!(current_check(), outer_id);
        assert_eq!(entries_of(inner_id), []);
        assert_eq!(entries_of(outer_id), [(block_address(&survivor), "i64")]);
        drop(survivor);
        assert_eq!(outer.finish(), Ok(()));
    }

    #[test]
    fn an_abandoned_check_leaves_nothing_behind() {
        let check = LeakCheck::start();
        let id = check.id;
        let kept = Rc::new(0_u8);
        assert_eq!(entries_of(id).len(), 1);
        drop(check);
        assert_eq!(entries_of(id), []);
        assert_eq!(current_check(), 0);
        drop(kept);
    }

    #[test]
    fn checks_must_end_in_reverse_order() {
        let outer = LeakCheck::start();
        let inner = LeakCheck::start();
        let outer_id = outer.id;
        let refused = catch_unwind(AssertUnwindSafe(|| outer.finish())).unwrap_err();
        let message = refused.downcast_ref::<std::string::String>().unwrap();
        assert!(
            message.contains("reverse order"),
            "unexpected message: {message}"
        );
        // The refused check still ended: nothing of it is left.
        assert_eq!(entries_of(outer_id), []);
        assert_eq!(inner.finish(), Ok(()));
    }

    #[test]
    fn a_block_that_could_not_be_noted_fails_the_check() {
        let check = LeakCheck::start();
        count_unrecorded();
        let report = check.finish().unwrap_err();
        assert_eq!((report.leaked().len(), report.unrecorded()), (0, 1));
        assert!(
            report.to_string().contains("1 more could not be noted"),
            "{report}"
        );
        // The next check starts with a clean count.
        assert_eq!(LeakCheck::start().finish(), Ok(()));
    }

    #[test]
    fn a_poisoned_registry_is_used_anyway() {
        let _ = catch_unwind(|| {
            let _registry = lock_registry();
            panic!("poisoning the registry on purpose");
        });
        let check = LeakCheck::start();
        let value = Rc::new(5_u8);
        assert_eq!(entries_of(check.id).len(), 1);
        drop(value);
        assert_eq!(check.finish(), Ok(()));
    }

    #[test]
    fn a_report_without_watched_graphs_says_how_to_get_the_cycle() {
        let check = LeakCheck::start();
        let kept = Rc::new([1_u8, 2, 3]); // alive at the end: leaked for the check
        let report = check.finish().unwrap_err();
        assert_eq!(
            report.to_string(),
            "leak check: 1 Rc/Arc block allocated in its scope was not freed\n  \
             Rc<[u8; 3]> block, 24 bytes\n\
             call LeakCheck::watch on the value before dropping it to see the cycle that keeps them alive\n"
        );
        drop(kept);
    }
}
