//! Leak checks for tests: was every block allocated in this scope freed by
//! its end, and if not, which cycle keeps it alive?
//!
//! # Who owns what
//!
//! A [`LeakCheck`] belongs to the thread that started it and ends with
//! [`finish`](LeakCheck::finish) or
//! [`assert_no_leaks`](LeakCheck::assert_no_leaks). While it runs, every
//! block allocated *on that thread* is noted in a process-wide registry
//! under the check's id, and every block freed, *on any thread*, is struck
//! off: an `Arc` handed to another thread and dropped there counts as
//! freed. A block that grows or shrinks (`realloc`) stays one entry, at its
//! final size. What is still noted under the check when it ends is the
//! leak. Blocks allocated before the check started, or by other threads,
//! are none of its business, so `cargo test` can run checks on all its
//! threads at once.
//!
//! Which blocks it sees depends on the program:
//!
//! - **With [`Tracking`](crate::alloc::Tracking) installed** as the global
//!   allocator, every block of every type: std's `Rc`, `Box`, `Vec` and
//!   `String`, other crates' allocations, ownkit's pointers. The check is
//!   then [exact](LeakReport::is_exact). It also sees what std allocates
//!   once and keeps for the life of a thread or of the process (the buffer
//!   of a thread's captured output, a channel's waiting context, the debug
//!   info a panic's backtrace reads) when that happens for the first time
//!   inside the scope: use such things once before the check starts.
//! - **Without it**, only the blocks of ownkit's [`Rc`](crate::Rc) and
//!   [`Arc`](crate::Arc), which report themselves. The check then never
//!   vouches for std's pointers it was shown: a watched graph with a strong
//!   cycle through std's `Rc` or `Arc` fails it (see
//!   [`LeakReport::unverified_cycles`]).
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
//! When nobody observes on any thread, allocating or freeing a block pays
//! one relaxed atomic load (the observation layer's gate) and a branch,
//! and nothing else: no lock, no thread-local. While some check runs, each
//! allocation reads the thread's check id, and each allocation on a
//! checking thread and each free anywhere takes the registry's lock (see
//! `registry.rs`, which also says why noting and striking off never panic
//! and how the registry's own allocations stay out of it).
//!
//! Without the `std` feature there is no lock and no thread-local, so
//! nothing observes and this module does not exist.

mod registry;

use core::fmt;
use core::marker::PhantomData;
use std::string::{String, ToString};
use std::vec::Vec;

use self::registry::{Allocation, Locked, lock_registry};
use super::{Graph, Node, NodeKind};
use crate::abridged::{Abridged, SHOWN, blocks};
use crate::observe;
use crate::trace::short_type_name;
use crate::walk::{PointerKind, Walk};

// ---------------------------------------------------------------------------
// The public API (std only).

/// A leak check over a scope of one thread: every block allocated on this
/// thread between [`start`](Self::start) and [`finish`](Self::finish) must
/// be freed by then, on whatever thread. "Every block" is every heap block
/// with the [tracking allocator](crate::alloc::Tracking) installed, and
/// the blocks of ownkit's `Rc` and `Arc` without it, when the check
/// never vouches for std's pointers it cannot see (see
/// [`LeakReport::is_exact`] and [`LeakReport::unverified_cycles`]).
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

impl LeakCheck {
    /// Starts a check on the current thread.
    ///
    /// See [`LeakCheck`] for an example.
    pub fn start() -> LeakCheck {
        observe::attach(registry::NAME, &registry::LEAK_CHECK);
        let id = lock_registry().new_check();
        registry::check_started();
        let (previous, previous_unrecorded) = observe::thread::with(|thread| {
            (thread.check.replace(id), thread.unrecorded.replace(0))
        })
        .unwrap_or((0, 0));
        observe::open();
        // Whether the check will be exact: a tracking allocator reports.
        observe::heap::probe();
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
        // The snapshot is the check's own memory, not the scope's.
        observe::thread::quietly(|| self.graphs.push(Graph::of(value)));
    }

    /// Ends the check: `Ok` if every block it saw allocated was freed and
    /// it could follow every strong cycle it was shown, otherwise the
    /// report of what was not (see [`LeakReport::unverified_cycles`] for
    /// the cycles through std's pointers it cannot follow without the
    /// [tracking allocator](crate::alloc::Tracking)).
    ///
    /// ```
    /// use ownkit::graph::LeakCheck;
    ///
    /// let check = LeakCheck::start();
    /// let outlives = ownkit::Rc::new(5_u32); // still alive at the end
    /// let report = check.finish().unwrap_err();
    /// assert_eq!(report.leaked().len(), 1);
    /// assert_eq!(report.leaked()[0].type_name(), Some("u32"));
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
        let exact = observe::heap::is_tracked();
        let report = LeakReport::new(
            {
                leaked.sort_by_key(|allocation| allocation.order);
                &leaked
            },
            unrecorded,
            &self.graphs,
            exact,
        );
        if report.leaked.is_empty() && report.unrecorded == 0 && report.unverified.is_empty() {
            Ok(())
        } else {
            Err(report)
        }
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
            let _ = observe::thread::with(|thread| {
                thread.check.set(self.previous);
                unrecorded = thread.unrecorded.get();
                // The blocks handed to the enclosing check come with the
                // doubt about the ones that could not be noted.
                let inherited = if self.previous == 0 { 0 } else { unrecorded };
                thread
                    .unrecorded
                    .set(self.previous_unrecorded.saturating_add(inherited));
            });
        }
        // The list is the check's own memory, and its growth must not come
        // back to the registry while the lock is held.
        let leaked = observe::thread::quietly(|| {
            let mut leaked = Vec::new();
            let previous = self.previous;
            let _ = observe::thread::with(|thread| {
                Locked::new(thread).blocks.retain(|_, allocation| {
                    if allocation.check != self.id {
                        return true;
                    }
                    if list {
                        leaked.push(*allocation);
                    }
                    allocation.check = previous;
                    previous != 0
                });
            });
            leaked
        });
        registry::check_ended();
        observe::close();
        (leaked, unrecorded)
    }
}

impl Drop for LeakCheck {
    fn drop(&mut self) {
        if !self.ended {
            self.end(false);
        }
    }
}

/// One block a [`LeakCheck`] saw allocated and never freed.
///
/// What the check knows of it depends on who reported it: ownkit's `Rc`
/// and `Arc` say which pointer they are and the type inside; a block only
/// the [tracking allocator](crate::alloc::Tracking) saw has a size and
/// nothing more, until a [watched](LeakCheck::watch) graph finds it and
/// names it by the field that held it.
///
/// See [`LeakCheck::finish`] for an example.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeakedBlock {
    type_name: Option<&'static str>,
    size: usize,
    kind: Option<PointerKind>,
    /// What the watched graph found in the block, if one did.
    found_as: Option<NodeKind>,
    path: Option<String>,
}

impl LeakedBlock {
    /// The type of the value inside (`T` for an `Rc<T>`, the `Box`'s or
    /// the buffer's owner's type), as `core::any::type_name` spells it;
    /// `None` for a block only the tracking allocator saw and no watched
    /// graph reached.
    ///
    /// See [`LeakCheck::finish`] for an example.
    #[must_use]
    pub fn type_name(&self) -> Option<&'static str> {
        self.type_name
    }

    /// The block's size in bytes, the counts included; for a buffer that
    /// grew during the check, its final size.
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
    /// [`PointerKind::Arc`] for ownkit's, [`PointerKind::StdRc`] or
    /// [`PointerKind::StdArc`] for a std block a watched graph found; `None`
    /// for anything else (a `Box`, a `Vec`'s buffer, an unnamed block).
    ///
    /// ```
    /// use ownkit::trace::PointerKind;
    ///
    /// let check = ownkit::graph::LeakCheck::start();
    /// let outlives = ownkit::Arc::new('a');
    /// let report = check.finish().unwrap_err();
    /// assert_eq!(report.leaked()[0].kind(), Some(PointerKind::Arc));
    /// drop(outlives);
    /// ```
    #[must_use]
    pub fn kind(&self) -> Option<PointerKind> {
        self.kind
    }

    /// Where a [watched](LeakCheck::watch) graph found the block
    /// (`Rc<RefCell<Node>>.*`), if one did.
    ///
    /// See [`LeakReport`] for an example.
    #[must_use]
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    /// Fills in what `node`, found in this block by a watched graph, says.
    fn name_by(&mut self, node: Node<'_>) {
        self.path.get_or_insert_with(|| node.path());
        self.type_name.get_or_insert(node.type_name());
        self.found_as.get_or_insert(node.kind());
        if let NodeKind::Shared { pointer, .. } = node.kind() {
            self.kind.get_or_insert(pointer);
        }
    }
}

impl fmt::Display for LeakedBlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.type_name.map(short_type_name);
        match (self.kind, name, self.found_as) {
            (Some(kind), Some(name), _) => {
                let pointer = match kind {
                    PointerKind::Arc => "Arc",
                    PointerKind::StdRc => "std Rc",
                    PointerKind::StdArc => "std Arc",
                    _ => "Rc",
                };
                write!(f, "{pointer}<{name}> block, {} bytes", self.size)?;
            }
            (_, Some(name), Some(NodeKind::Buffer { .. })) => {
                write!(f, "buffer of a {name}, {} bytes", self.size)?;
            }
            (_, Some(name), _) => write!(f, "Box<{name}> block, {} bytes", self.size)?,
            (_, None, _) => write!(f, "{}-byte block", self.size)?,
        }
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
#[derive(Clone, PartialEq, Eq)]
pub struct LeakReport {
    leaked: Vec<LeakedBlock>,
    cycles: Vec<String>,
    /// Strong cycles through std's pointers that an inexact check could
    /// not follow.
    unverified: Vec<String>,
    unrecorded: usize,
    watched: usize,
    exact: bool,
}

impl LeakReport {
    /// Builds the report of `leaked` (in allocation order), explained by
    /// the cycles of `graphs` that run through them. `exact` says whether
    /// the tracking allocator reported every block.
    fn new(leaked: &[Allocation], unrecorded: usize, graphs: &[Graph], exact: bool) -> LeakReport {
        let mut blocks: Vec<LeakedBlock> = leaked
            .iter()
            .map(|allocation| LeakedBlock {
                type_name: allocation.owner.map(|owner| owner.value_type),
                size: allocation.size,
                kind: allocation.owner.map(|owner| owner.kind),
                found_as: None,
                path: None,
            })
            .collect();
        let mut cycles = Vec::new();
        let mut unverified = Vec::new();
        for graph in graphs {
            let mut leaked_nodes = Vec::new();
            for node in graph.nodes() {
                let Some(index) = leaked.iter().position(|allocation| holds(allocation, node))
                else {
                    continue;
                };
                leaked_nodes.push(node.id());
                blocks[index].name_by(node);
            }
            for cycle in graph.cycles() {
                let text = cycle.to_string();
                if cycle.nodes().any(|node| leaked_nodes.contains(&node.id())) {
                    if !cycles.contains(&text) {
                        cycles.push(text);
                    }
                } else if !exact && cycle.nodes().any(is_std_shared) && !unverified.contains(&text)
                {
                    unverified.push(text);
                }
            }
        }
        LeakReport {
            leaked: blocks,
            cycles,
            unverified,
            unrecorded,
            watched: graphs.len(),
            exact,
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

    /// The strong cycles of the watched graphs that run through std's `Rc`
    /// or `Arc`, which the check could not follow because the [tracking
    /// allocator](crate::alloc::Tracking) is not installed: it cannot see
    /// their blocks freed, so it fails rather than vouch for them. Empty
    /// when the check [is exact](Self::is_exact).
    ///
    /// ```
    /// use std::cell::RefCell;
    /// use std::rc::Rc;
    ///
    /// #[derive(ownkit::Walk)]
    /// struct Node {
    ///     next: Option<Rc<RefCell<Node>>>,
    /// }
    ///
    /// let mut check = ownkit::graph::LeakCheck::start();
    /// let node = Rc::new(RefCell::new(Node { next: None }));
    /// node.borrow_mut().next = Some(node.clone()); // a std Rc cycle
    /// check.watch(&node);
    /// let handle = Rc::downgrade(&node);
    /// drop(node);
    /// let report = check.finish().unwrap_err();
    /// // This program does not install the tracking allocator.
    /// assert!(!report.is_exact());
    /// assert_eq!(report.unverified_cycles().len(), 1);
    /// handle.upgrade().unwrap().borrow_mut().next = None;
    /// ```
    #[must_use]
    pub fn unverified_cycles(&self) -> &[String] {
        &self.unverified
    }

    /// Whether the check saw every block: true when the [tracking
    /// allocator](crate::alloc::Tracking) is installed. Without it, only
    /// ownkit's `Rc` and `Arc` blocks were seen.
    ///
    /// See [`unverified_cycles`](Self::unverified_cycles) for an example.
    #[must_use]
    pub fn is_exact(&self) -> bool {
        self.exact
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

impl fmt::Debug for LeakReport {
    /// A summary: how many blocks leaked and their bytes, the first few,
    /// the cycles, and whether the check saw every block. `Display` says
    /// it all.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bytes: usize = self.leaked.iter().map(|block| block.size).sum();
        let mut summary = f.debug_struct("LeakReport");
        summary
            .field(
                "leaked",
                &format_args!("{}", blocks(self.leaked.len(), bytes)),
            )
            .field(
                "blocks",
                &Abridged {
                    first: self
                        .leaked
                        .iter()
                        .take(SHOWN)
                        .map(ToString::to_string)
                        .collect(),
                    total: self.leaked.len(),
                },
            )
            .field("cycles", &self.cycles);
        if !self.unverified.is_empty() {
            summary.field("unverified_cycles", &self.unverified);
        }
        summary.field("exact", &self.exact).finish()
    }
}

impl fmt::Display for LeakReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.leaked.len();
        let (blocks, were) = if count == 1 {
            ("block", "was")
        } else {
            ("blocks", "were")
        };
        if count > 0 || self.unverified.is_empty() {
            if self.exact {
                writeln!(
                    f,
                    "leak check: {count} {blocks} allocated in its scope {were} not freed"
                )?;
            } else {
                writeln!(
                    f,
                    "leak check: {count} Rc/Arc {blocks} allocated in its scope {were} not freed \
                     (without ownkit::alloc::Tracking installed, only ownkit's Rc and Arc blocks are seen)"
                )?;
            }
        }
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
                "a cycle keeps them alive, or they were forgotten (mem::forget, ManuallyDrop, into_raw): \
                 call LeakCheck::watch on the value before dropping it to tell which"
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
        if !self.unverified.is_empty() {
            writeln!(
                f,
                "leak check: cannot vouch for std's Rc/Arc on a strong cycle of a watched value, \
                 since it cannot see their blocks freed:"
            )?;
            for cycle in &self.unverified {
                writeln!(f, "  {cycle}")?;
            }
            writeln!(
                f,
                "install ownkit::alloc::Tracking as the global allocator to make the check exact"
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for LeakReport {}

/// Whether `node`, found by a watched graph, is inside `allocation`'s
/// block: a heap node (a shared value, a box's target, a buffer) whose
/// address the block covers, and for a block an ownkit pointer reported,
/// of the value type it reported.
fn holds(allocation: &Allocation, node: Node<'_>) -> bool {
    if !node.kind().is_heap() || node.kind().heap_size() == Some(0) {
        return false;
    }
    if !allocation.address_range().contains(&node.address()) {
        return false;
    }
    match (allocation.owner, node.kind()) {
        (Some(owner), NodeKind::Shared { pointer, .. }) => {
            owner.kind == pointer && owner.value_type == node.type_name()
        }
        (Some(_), _) => false,
        (None, _) => true,
    }
}

/// Whether `node` is a value that std's `Rc` or `Arc` shares.
fn is_std_shared(node: Node<'_>) -> bool {
    matches!(
        node.kind(),
        NodeKind::Shared {
            pointer: PointerKind::StdRc | PointerKind::StdArc,
            ..
        }
    )
}

/// The id of the check running on this thread, 0 when none.
fn current_check() -> u64 {
    observe::thread::with(|thread| thread.check.get()).unwrap_or(0)
}

#[cfg(test)]
mod tests;
