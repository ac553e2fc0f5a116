//! The report of a capture: a tree of what was dropped, inside what, in
//! which order, with the heap blocks freed along the way.
//!
//! A [`DropReport`] owns plain data (strings and numbers): it borrows
//! nothing from the values it describes, which are all gone by the time it
//! exists, and dropping it drops only its own strings.
//!
//! Every example below uses this small traced type, written by hand the way
//! `#[derive(TraceDrop)]` writes it:
//!
//! ```
//! use ownkit::trace::{Descend, Segment, Shape, TracedInfo, Visit, Walk, Walker};
//!
//! static LEAF: Shape = Shape::structure("Leaf", &[]);
//! static PAIR: Shape = Shape::structure("Pair", &["left", "right"]);
//!
//! struct Leaf;
//! struct Pair {
//!     left: Leaf,
//!     right: Leaf,
//! }
//!
//! impl Walk for Leaf {
//!     fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
//!         if walker.visit(Visit::Traced(TracedInfo::of(self, &LEAF, 0))) == Descend::Yes {
//!             let _ = walker.visit(Visit::Leave);
//!         }
//!     }
//! }
//! impl Drop for Leaf {
//!     fn drop(&mut self) {
//!         ownkit::trace::record_drop(self);
//!     }
//! }
//! impl Drop for Pair {
//!     fn drop(&mut self) {
//!         ownkit::__private::record_drop_with(&*self, &PAIR, 0, |walker| {
//!             let _ = walker.visit(Visit::Child(Segment::Field("left"), &self.left));
//!             let _ = walker.visit(Visit::Child(Segment::Field("right"), &self.right));
//!         });
//!     }
//! }
//!
//! let report = ownkit::trace::capture(|| drop(Pair { left: Leaf, right: Leaf }));
//! report.assert_tree(
//!     "
//!     Pair
//!     ├── left: Leaf
//!     └── right: Leaf
//!     ",
//! );
//! ```

mod display;
pub(in crate::trace) mod storage;
mod story;

pub(crate) use self::story::Moment;

use self::display::WithAddresses;
use self::storage::{DropNodeRecord, FreedRecord, HeapRecord, Item, Span, TextBuilder, join_path};
use super::diff::diff_lines;
use alloc_crate::borrow::ToOwned;
use alloc_crate::format;
use alloc_crate::string::{String, ToString};
use alloc_crate::vec::Vec;
use core::fmt;

/// What a [`capture`](super::capture) saw dropped: every traced value,
/// nested under the value it was a part of, in the order the compiler
/// dropped it, with the heap blocks that were freed.
///
/// `Display` prints the tree without addresses, so the text is the same
/// from run to run and fit for snapshot tests;
/// [`with_addresses`](Self::with_addresses) adds them.
///
/// # Layout
///
/// A report of a million drops must not cost a million allocations. Every
/// node is one fixed-size record in one `Vec`, in the order the drops
/// began; every label, path step and note is a range of one shared string;
/// each node's children and freed blocks are one range of a shared list.
/// Full paths are not stored: [`DropNode::path`] and
/// [`paths`](Self::paths) join the steps from the root when asked. Labels
/// are made once per type, not once per drop, but for the values that
/// have one of their own (a field marked `#[ownkit(label)]`).
///
/// ```
/// # use ownkit::trace::{Descend, Segment, Shape, TracedInfo, Visit, Walk, Walker};
/// # static LEAF: Shape = Shape::structure("Leaf", &[]);
/// # struct Leaf;
/// # impl Walk for Leaf {
/// #     fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
/// #         if walker.visit(Visit::Traced(TracedInfo::of(self, &LEAF, 0))) == Descend::Yes {
/// #             let _ = walker.visit(Visit::Leave);
/// #         }
/// #     }
/// # }
/// # impl Drop for Leaf { fn drop(&mut self) { ownkit::trace::record_drop(self); } }
/// let report = ownkit::trace::capture(|| {
///     let _kept = Leaf;
///     drop(Leaf);
/// });
/// assert_eq!(report.to_string(), "Leaf\nLeaf\n");
/// assert!(report.is_certain());
/// ```
#[derive(Clone, Default)]
pub struct DropReport {
    /// Every node, in the order the drops began; a parent comes before its
    /// children.
    nodes: Vec<DropNodeRecord>,
    /// The text every [`Span`] points into.
    text: String,
    /// Each node's items (children and freed blocks, in the order they
    /// happened), node after node, then the top level's.
    items: Vec<Item>,
    /// Each node's children, node after node, then the roots.
    children: Vec<u32>,
    /// The top level's items: roots, and blocks freed outside any drop.
    top_items: Span,
    /// The roots, in `children`.
    roots: Span,
    /// Every freed block, in order.
    freed: Vec<FreedRecord>,
    /// The heap's events, in order (tracking allocator only).
    heap: Vec<HeapRecord>,
    anomalies: Vec<Anomaly>,
    lost: usize,
    /// How many events the capture recorded.
    events: usize,
}

/// One dropped value in a [`DropReport`], with what dropped inside it.
///
/// A cheap handle (a reference to the report and an index), so it is
/// `Copy` and its accessors borrow from the report.
///
/// ```
/// # use ownkit::trace::{Descend, Segment, Shape, TracedInfo, Visit, Walk, Walker};
/// # static LEAF: Shape = Shape::structure("Leaf", &[]);
/// # static PAIR: Shape = Shape::structure("Pair", &["left", "right"]);
/// # struct Leaf;
/// # struct Pair { left: Leaf, right: Leaf }
/// # impl Walk for Leaf {
/// #     fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
/// #         if walker.visit(Visit::Traced(TracedInfo::of(self, &LEAF, 0))) == Descend::Yes {
/// #             let _ = walker.visit(Visit::Leave);
/// #         }
/// #     }
/// # }
/// # impl Drop for Leaf { fn drop(&mut self) { ownkit::trace::record_drop(self); } }
/// # impl Drop for Pair {
/// #     fn drop(&mut self) {
/// #         ownkit::__private::record_drop_with(&*self, &PAIR, 0, |walker| {
/// #             let _ = walker.visit(Visit::Child(Segment::Field("left"), &self.left));
/// #             let _ = walker.visit(Visit::Child(Segment::Field("right"), &self.right));
/// #         });
/// #     }
/// # }
/// let report = ownkit::trace::capture(|| drop(Pair { left: Leaf, right: Leaf }));
/// let pair = report.roots().get(0).unwrap();
/// assert_eq!(pair.path(), "Pair");
/// let fields: Vec<String> = pair.children().map(|child| child.path()).collect();
/// assert_eq!(fields, ["Pair.left", "Pair.right"]);
/// ```
#[derive(Clone, Copy)]
pub struct DropNode<'r> {
    report: &'r DropReport,
    index: usize,
}

/// Some of a report's nodes, in the order they dropped: the roots, or one
/// node's children. An iterator, which can also tell its length and hand
/// out any node by position.
///
/// ```
/// # use ownkit::trace::{Descend, Segment, Shape, TracedInfo, Visit, Walk, Walker};
/// # static LEAF: Shape = Shape::structure("Leaf", &[]);
/// # struct Leaf;
/// # impl Walk for Leaf {
/// #     fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
/// #         if walker.visit(Visit::Traced(TracedInfo::of(self, &LEAF, 0))) == Descend::Yes {
/// #             let _ = walker.visit(Visit::Leave);
/// #         }
/// #     }
/// # }
/// # impl Drop for Leaf { fn drop(&mut self) { ownkit::trace::record_drop(self); } }
/// let report = ownkit::trace::capture(|| {
///     drop(Leaf);
///     drop(Leaf);
/// });
/// let roots = report.roots();
/// assert_eq!(roots.len(), 2);
/// assert!(!roots.is_empty());
/// assert_eq!(roots.get(1).unwrap().label(), "Leaf");
/// assert!(roots.get(2).is_none());
/// assert_eq!(roots.map(|root| root.label()).collect::<Vec<_>>(), ["Leaf", "Leaf"]);
/// ```
#[derive(Clone)]
pub struct Nodes<'r> {
    report: &'r DropReport,
    indices: core::slice::Iter<'r, u32>,
}

impl<'r> Nodes<'r> {
    /// How many nodes are left.
    ///
    /// See [`Nodes`] for an example.
    #[must_use]
    pub fn len(&self) -> usize {
        self.indices.len()
    }

    /// Whether no node is left.
    ///
    /// See [`Nodes`] for an example.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.indices.len() == 0
    }

    /// The node at `position` among those left, if there is one.
    ///
    /// See [`Nodes`] for an example.
    #[must_use]
    pub fn get(&self, position: usize) -> Option<DropNode<'r>> {
        let index = *self.indices.as_slice().get(position)?;
        Some(self.report.node(index as usize))
    }
}

impl<'r> Iterator for Nodes<'r> {
    type Item = DropNode<'r>;

    fn next(&mut self) -> Option<DropNode<'r>> {
        let index = *self.indices.next()?;
        Some(self.report.node(index as usize))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.indices.size_hint()
    }
}

impl DoubleEndedIterator for Nodes<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let index = *self.indices.next_back()?;
        Some(self.report.node(index as usize))
    }
}

impl ExactSizeIterator for Nodes<'_> {}

impl fmt::Debug for Nodes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

/// A heap block freed during a capture, and by whom.
///
/// ```
/// let freed = ownkit::trace::Freed {
///     path: "Outer.b".to_owned(),
///     size: 16,
///     align: 8,
///     address: 0x1000,
/// };
/// assert_eq!(freed.to_string(), "freed 16 bytes (align 8)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Freed {
    /// The path of the pointer that freed it (empty if it was freed outside
    /// any recorded drop).
    pub path: String,
    /// Its size in bytes.
    pub size: usize,
    /// Its alignment in bytes.
    pub align: usize,
    /// Its address.
    pub address: usize,
}

impl fmt::Display for Freed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "freed {} bytes (align {})", self.size, self.align)
    }
}

/// One event in the story of the heap during a capture
/// ([`DropReport::heap_events`]).
///
/// ```
/// use ownkit::trace::{HeapEvent, HeapEventKind};
///
/// let event = HeapEvent {
///     kind: HeapEventKind::Released,
///     address: 0x1000,
///     size: 24,
///     align: 8,
///     path: Some("Outer.name".to_owned()),
/// };
/// assert_eq!(event.to_string(), "released 24 bytes (align 8) at Outer.name");
/// ```
///
/// With the `serde` feature it is one entry of the `heap` list of
/// `ownkit::export::DropReportData`, its kind flattened into it as
/// `"event"` (and `"from"`, `"from_size"` for a resize).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct HeapEvent {
    /// What happened to the block.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub kind: HeapEventKind,
    /// The block's address (after the event, for a resize).
    pub address: usize,
    /// Its size in bytes (after the event, for a resize).
    pub size: usize,
    /// Its alignment in bytes.
    pub align: usize,
    /// The path of the value that owned it, where the report knows it.
    pub path: Option<String>,
}

/// What happened to a block in a [`HeapEvent`].
///
/// See [`HeapEvent`] for an example.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(tag = "event", rename_all = "lowercase")
)]
pub enum HeapEventKind {
    /// The global allocator handed the block out.
    Acquired,
    /// The block went back to the global allocator.
    Released,
    /// The block was resized (a `Vec` growing): it was `from_size` bytes
    /// at `from`, and may have moved.
    Resized {
        /// Where it was.
        from: usize,
        /// Its size before.
        from_size: usize,
    },
}

impl fmt::Display for HeapEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = match self.kind {
            HeapEventKind::Acquired => "acquired",
            HeapEventKind::Released => "released",
            HeapEventKind::Resized { .. } => "resized to",
        };
        write!(f, "{verb} {} bytes (align {})", self.size, self.align)?;
        if let Some(path) = &self.path {
            write!(f, " at {path}")?;
        }
        Ok(())
    }
}

/// Something the report knows went differently from what the values
/// announced: a value expected to drop that never did (`mem::forget`, a
/// leaked cycle, a value moved out before the drop).
///
/// ```
/// # use ownkit::trace::{Descend, Segment, Shape, TracedInfo, Visit, Walk, Walker};
/// # static LEAF: Shape = Shape::structure("Leaf", &[]);
/// # static HOLDER: Shape = Shape::structure("Holder", &["inner"]);
/// # struct Leaf;
/// # impl Walk for Leaf {
/// #     fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
/// #         if walker.visit(Visit::Traced(TracedInfo::of(self, &LEAF, 0))) == Descend::Yes {
/// #             let _ = walker.visit(Visit::Leave);
/// #         }
/// #     }
/// # }
/// # impl Drop for Leaf { fn drop(&mut self) { ownkit::trace::record_drop(self); } }
/// /// Forgets its `inner` leaf when dropped.
/// struct Holder {
///     inner: std::mem::ManuallyDrop<Leaf>,
/// }
///
/// impl Drop for Holder {
///     fn drop(&mut self) {
///         // Announce the leaf as a field, then never drop it.
///         ownkit::__private::record_drop_with(&*self, &HOLDER, 0, |walker| {
///             let _ = walker.visit(Visit::Child(Segment::Field("inner"), &*self.inner));
///         });
///     }
/// }
///
/// let report = ownkit::trace::capture(|| drop(Holder { inner: std::mem::ManuallyDrop::new(Leaf) }));
/// assert_eq!(report.anomalies().len(), 1);
/// assert_eq!(report.anomalies()[0].path(), "Holder.inner");
/// assert!(!report.is_certain());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Anomaly {
    path: String,
    message: String,
}

impl Anomaly {
    /// An anomaly about the value at `path`, described by `message` (one
    /// line).
    pub(super) fn new(path: String, message: String) -> Self {
        debug_assert!(!message.contains('\n'), "anomaly spans lines: {message:?}");
        Self { path, message }
    }

    /// The path of the value it is about.
    ///
    /// See [`Anomaly`] for an example.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl fmt::Display for Anomaly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl<'r> DropNode<'r> {
    fn record(&self) -> &'r DropNodeRecord {
        &self.report.nodes[self.index]
    }

    /// The value's path: the root's type name, then a segment per step
    /// (`Outer.b.*.items[0]`). Built from the steps when asked.
    ///
    /// See [`DropNode`] for an example.
    #[must_use]
    pub fn path(&self) -> String {
        self.report.path_of(self.index)
    }

    /// What the tree prints for the value: its type without module paths
    /// (`Leaf`, `Vec<Leaf>`), `Type::Variant` for an enum, the pointer
    /// (`Box<Mid>`) for one of ownkit's pointers. A value whose type marks
    /// a field `#[ownkit(label)]` adds that field's `Debug` output, cut
    /// after 32 characters: `Song "Intro"`, `Shape::Circle 3.0`. Its
    /// [`path`](Self::path) stays its type's.
    ///
    /// ```
    /// # use ownkit::trace::{Descend, Segment, Shape, TracedInfo, Visit, Walk, Walker};
    /// # static LEAF: Shape = Shape::structure("Leaf", &[]);
    /// # struct Leaf;
    /// # impl Walk for Leaf {
    /// #     fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
    /// #         if walker.visit(Visit::Traced(TracedInfo::of(self, &LEAF, 0))) == Descend::Yes {
    /// #             let _ = walker.visit(Visit::Leave);
    /// #         }
    /// #     }
    /// # }
    /// # impl Drop for Leaf { fn drop(&mut self) { ownkit::trace::record_drop(self); } }
    /// let report = ownkit::trace::capture(|| drop(Leaf));
    /// let leaf = report.roots().get(0).unwrap();
    /// assert_eq!(leaf.label(), "Leaf");
    /// assert!(leaf.type_name().ends_with("::Leaf"));
    /// ```
    ///
    /// With a label:
    ///
    /// ```
    /// use ownkit::TraceDrop;
    ///
    /// #[derive(TraceDrop)]
    /// struct Song {
    ///     #[ownkit(label)]
    ///     title: String,
    /// }
    ///
    /// let report = ownkit::trace::capture(|| drop(Song { title: "Intro".into() }));
    /// let song = report.roots().get(0).unwrap();
    /// assert_eq!(song.label(), "Song \"Intro\"");
    /// assert_eq!(song.path(), "Song");
    /// ```
    #[must_use]
    pub fn label(&self) -> &'r str {
        self.report.text(self.record().label)
    }

    /// The value's full type, as `core::any::type_name` spells it (the
    /// target's type, for a pointer; empty for a [scope](Self::is_scope)).
    ///
    /// See [`label`](Self::label) for an example.
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        self.record().type_name
    }

    /// The values dropped inside this one, in the order they dropped.
    ///
    /// See [`DropNode`] for an example.
    #[must_use]
    pub fn children(&self) -> Nodes<'r> {
        self.report.nodes_in(self.record().children)
    }

    /// The heap blocks freed by this value's drop (by a pointer, its own
    /// block), in order.
    ///
    /// ```
    /// let report = ownkit::trace::capture(|| drop(ownkit::Box::new(7_u64)));
    /// for root in report.roots() {
    ///     for block in root.freed() {
    ///         assert_eq!(block.size, 8);
    ///     }
    /// }
    /// ```
    #[must_use]
    pub fn freed(&self) -> Vec<Freed> {
        let path = self.path();
        self.report
            .items_of(self.index)
            .iter()
            .filter_map(|item| match *item {
                Item::Freed(index) => {
                    Some(self.report.freed[index as usize].with_path(self.report, path.clone()))
                }
                Item::Node(_) => None,
            })
            .collect()
    }

    /// Why the value was placed here by guesswork, or `None` if its place
    /// is exact: it was announced by its parent and matched by address and
    /// type.
    ///
    /// See [`DropReport::is_certain`] for an example.
    #[must_use]
    pub fn uncertain(&self) -> Option<&'r str> {
        self.record().uncertain.map(|span| self.report.text(span))
    }

    /// Whether this node is a named scope ([`scope`](crate::trace::scope))
    /// rather than a dropped value. Its [`label`](Self::label) is the
    /// scope's name, its type name is empty, and its children are the
    /// values that dropped in it that nothing announced: its locals.
    ///
    /// ```
    /// let report = ownkit::trace::capture(|| {
    ///     ownkit::trace::scope("fn main", || drop(ownkit::Box::new(1_u8)));
    /// });
    /// let main = report.roots().get(0).unwrap();
    /// assert!(main.is_scope() && main.label() == "fn main");
    /// let local = main.children().get(0).unwrap();
    /// assert!(!local.is_scope());
    /// assert_eq!(local.path(), "fn main/Box<u8>");
    /// ```
    #[must_use]
    pub fn is_scope(&self) -> bool {
        self.record().type_name.is_empty()
    }

    /// Where the value was when it was dropped (for a pointer, where the
    /// pointer itself was).
    ///
    /// See [`DropReport::with_addresses`] for an example.
    #[must_use]
    pub fn address(&self) -> usize {
        self.record().address
    }

    /// The path from the parent as the tree prints it (`b.*`, `[0]`); the
    /// label alone for a root.
    fn head(&self) -> String {
        let record = self.record();
        let label = self.label();
        let step = self.report.text(record.step);
        match record.parent {
            // A root, or a scope's local (`/Local`): its label says it all.
            None => label.to_owned(),
            Some(_) if step.starts_with('/') => label.to_owned(),
            Some(_) => format!("{}: {label}", step.strip_prefix('.').unwrap_or(step)),
        }
    }
}

impl fmt::Debug for DropNode<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DropNode")
            .field("path", &self.path())
            .field("label", &self.label())
            .field("address", &self.address())
            .field("uncertain", &self.uncertain())
            .field("children", &self.children().len())
            .finish()
    }
}

impl FreedRecord {
    /// The public view of the block, freed by the node at `path`.
    fn with_path(self, report: &DropReport, mut path: String) -> Freed {
        if let Some(step) = self.step {
            path.push_str(report.text(step));
        }
        Freed {
            path,
            size: self.size,
            align: self.align,
            address: self.address,
        }
    }
}

impl DropReport {
    /// Assembles a report from the rebuild's results: the nodes in the
    /// order they began, and every node's and the top level's items
    /// (`None` as the owner) in the order they happened.
    pub(in crate::trace) fn assemble(
        mut nodes: Vec<DropNodeRecord>,
        text: TextBuilder,
        entries: &[(Option<u32>, Item)],
        freed: Vec<FreedRecord>,
        heap: Vec<HeapRecord>,
        anomalies: Vec<Anomaly>,
        lost: usize,
    ) -> Self {
        let layout = storage::lay_out(&mut nodes, entries);
        Self {
            nodes,
            text: text.0,
            items: layout.items,
            children: layout.children,
            top_items: layout.top_items,
            roots: layout.roots,
            freed,
            heap,
            anomalies,
            lost,
            events: 0,
        }
    }

    fn node(&self, index: usize) -> DropNode<'_> {
        DropNode {
            report: self,
            index,
        }
    }

    fn nodes_in(&self, span: Span) -> Nodes<'_> {
        Nodes {
            report: self,
            indices: span.of(&self.children).iter(),
        }
    }

    fn items_of(&self, node: usize) -> &[Item] {
        self.nodes[node].items.of(&self.items)
    }

    fn text(&self, span: Span) -> &str {
        span.in_text(&self.text)
    }

    /// Joins the steps from the root down to `node`.
    fn path_of(&self, node: usize) -> String {
        join_path(&self.nodes, &self.text, node)
    }

    /// Every node's path if `wanted`, nothing otherwise: building them is
    /// skipped when no entry has an owner to name.
    fn paths_if(&self, wanted: bool) -> Vec<String> {
        if wanted { self.all_paths() } else { Vec::new() }
    }

    /// Every node's path, built top-down so each is its parent's plus one
    /// step.
    fn all_paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = Vec::with_capacity(self.nodes.len());
        for record in &self.nodes {
            let step = self.text(record.step);
            let path = match record.parent {
                // INVARIANT (of the rebuild): a parent begins, and so is
                // stored, before its children.
                Some(parent) => format!("{}{step}", paths[parent as usize]),
                None => step.to_owned(),
            };
            paths.push(path);
        }
        paths
    }

    /// The values dropped at the top level (no traced parent), in order.
    ///
    /// See [`DropReport`] for an example.
    #[must_use]
    pub fn roots(&self) -> Nodes<'_> {
        self.nodes_in(self.roots)
    }

    /// The path of every recorded drop, in the order the drops began, so a
    /// parent comes before its fields.
    ///
    /// ```
    /// # use ownkit::trace::{Descend, Segment, Shape, TracedInfo, Visit, Walk, Walker};
    /// # static LEAF: Shape = Shape::structure("Leaf", &[]);
    /// # static PAIR: Shape = Shape::structure("Pair", &["left", "right"]);
    /// # struct Leaf;
    /// # struct Pair { left: Leaf, right: Leaf }
    /// # impl Walk for Leaf {
    /// #     fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
    /// #         if walker.visit(Visit::Traced(TracedInfo::of(self, &LEAF, 0))) == Descend::Yes {
    /// #             let _ = walker.visit(Visit::Leave);
    /// #         }
    /// #     }
    /// # }
    /// # impl Drop for Leaf { fn drop(&mut self) { ownkit::trace::record_drop(self); } }
    /// # impl Drop for Pair {
    /// #     fn drop(&mut self) {
    /// #         ownkit::__private::record_drop_with(&*self, &PAIR, 0, |walker| {
    /// #             let _ = walker.visit(Visit::Child(Segment::Field("left"), &self.left));
    /// #             let _ = walker.visit(Visit::Child(Segment::Field("right"), &self.right));
    /// #         });
    /// #     }
    /// # }
    /// let report = ownkit::trace::capture(|| drop(Pair { left: Leaf, right: Leaf }));
    /// assert_eq!(report.paths(), ["Pair", "Pair.left", "Pair.right"]);
    /// ```
    #[must_use]
    pub fn paths(&self) -> Vec<String> {
        self.all_paths()
    }

    /// Every heap block freed during the capture, in order, each with the
    /// path of the pointer that freed it.
    ///
    /// ```
    /// let report = ownkit::trace::capture(|| drop(ownkit::Box::new([0_u32; 4])));
    /// for block in report.freed() {
    ///     assert_eq!((block.size, block.align), (16, 4));
    /// }
    /// ```
    #[must_use]
    pub fn freed(&self) -> Vec<Freed> {
        let paths = self.paths_if(self.freed.iter().any(|block| block.owner.is_some()));
        self.freed
            .iter()
            .map(|block| {
                let path = block.owner.map(|owner| paths[owner as usize].clone());
                block.with_path(self, path.unwrap_or_default())
            })
            .collect()
    }

    /// The story of the heap during the capture: every block the thread
    /// acquired, resized and released, in order, each with the path of the
    /// value that owned it where the report knows it (a block released by
    /// a recorded drop, and that block's earlier events).
    ///
    /// The events come from the tracking allocator
    /// ([`ownkit::alloc::Tracking`](crate::alloc::Tracking)), so the story
    /// is empty in a program that does not install it (like this doc
    /// test; [the allocator's module](crate::alloc) shows one that does).
    ///
    /// ```
    /// let report = ownkit::trace::capture(|| drop(vec![1_u8, 2, 3]));
    /// assert!(report.heap_events().is_empty()); // no tracking allocator here
    /// ```
    #[must_use]
    pub fn heap_events(&self) -> Vec<HeapEvent> {
        let paths = self.paths_if(self.heap.iter().any(|record| record.owner.is_some()));
        self.heap
            .iter()
            .map(|record| self.heap_event(record, &paths))
            .collect()
    }

    /// The blocks the thread acquired during the capture and had not
    /// released by its end, each as its last event (its acquire, or its
    /// last resize). Empty without the tracking allocator.
    ///
    /// ```
    /// use std::mem::ManuallyDrop;
    ///
    /// #[global_allocator]
    /// static ALLOC: ownkit::alloc::Tracking = ownkit::alloc::Tracking::new(std::alloc::System);
    ///
    /// fn main() {
    ///     let mut kept = None;
    ///     let report = ownkit::trace::capture(|| {
    ///         // Acquired inside the capture and still alive at its end.
    ///         kept = Some(ManuallyDrop::new(std::hint::black_box(vec![0_u64; 4])));
    ///     });
    ///     let never_freed = report.never_freed();
    ///     assert_eq!(never_freed.len(), 1);
    ///     assert_eq!(never_freed[0].size, 32);
    ///     assert!(report.to_string().contains("never freed: 32 bytes (align 8)"));
    ///     drop(kept.map(ManuallyDrop::into_inner)); // freed after all
    /// }
    /// ```
    #[must_use]
    pub fn never_freed(&self) -> Vec<HeapEvent> {
        self.never_freed_records()
            .into_iter()
            .map(|record| self.heap_event(record, &[]))
            .collect()
    }

    /// The records of [`never_freed`](Self::never_freed), in order.
    fn never_freed_records(&self) -> Vec<&HeapRecord> {
        // Live blocks by address, each as the position of its last event.
        let mut live = alloc_crate::collections::BTreeMap::new();
        for (position, record) in self.heap.iter().enumerate() {
            match record.change {
                HeapEventKind::Acquired => {
                    live.insert(record.address, position);
                }
                HeapEventKind::Resized { from, .. } => {
                    // A block acquired before the capture stays out of it.
                    if live.remove(&from).is_some() {
                        live.insert(record.address, position);
                    }
                }
                HeapEventKind::Released => {
                    live.remove(&record.address);
                }
            }
        }
        let mut positions: Vec<usize> = live.into_values().collect();
        positions.sort_unstable();
        positions
            .into_iter()
            .map(|position| &self.heap[position])
            .collect()
    }

    /// The public view of `record`; `paths` are every node's, or empty if
    /// no path is wanted.
    fn heap_event(&self, record: &HeapRecord, paths: &[String]) -> HeapEvent {
        let path = record.owner.and_then(|owner| {
            let mut path = paths.get(owner as usize)?.clone();
            if let Some(step) = record.step {
                path.push_str(self.text(step));
            }
            Some(path)
        });
        HeapEvent {
            kind: record.change,
            address: record.address,
            size: record.size,
            align: record.align,
            path,
        }
    }

    /// What went differently from what the values announced; see
    /// [`Anomaly`].
    ///
    /// See [`Anomaly`] for an example.
    #[must_use]
    pub fn anomalies(&self) -> &[Anomaly] {
        &self.anomalies
    }

    /// Whether every node sits exactly where the values announced it, no
    /// anomaly was seen and no event was lost.
    ///
    /// ```
    /// # use ownkit::trace::{Descend, Segment, Shape, TracedInfo, Visit, Walk, Walker};
    /// # static LEAF: Shape = Shape::structure("Leaf", &[]);
    /// # struct Leaf;
    /// # impl Walk for Leaf {
    /// #     fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
    /// #         if walker.visit(Visit::Traced(TracedInfo::of(self, &LEAF, 0))) == Descend::Yes {
    /// #             let _ = walker.visit(Visit::Leave);
    /// #         }
    /// #     }
    /// # }
    /// # impl Drop for Leaf { fn drop(&mut self) { ownkit::trace::record_drop(self); } }
    /// static SEALED: Shape = Shape::structure("Sealed", &["contents"]);
    ///
    /// /// Holds a leaf it does not let anyone see into.
    /// struct Sealed {
    ///     contents: Leaf,
    /// }
    ///
    /// impl Drop for Sealed {
    ///     fn drop(&mut self) {
    ///         ownkit::__private::record_drop_with(&*self, &SEALED, 0, |walker| {
    ///             let _ = walker.visit(Visit::Opaque {
    ///                 segment: Segment::Field("contents"),
    ///                 address: ownkit::trace::address_of(&self.contents),
    ///                 size: size_of_val(&self.contents),
    ///             });
    ///         });
    ///     }
    /// }
    ///
    /// let report = ownkit::trace::capture(|| drop(Sealed { contents: Leaf }));
    /// assert!(!report.is_certain());
    /// let sealed = report.roots().get(0).unwrap();
    /// assert!(sealed.children().get(0).unwrap().uncertain().is_some());
    /// ```
    #[must_use]
    pub fn is_certain(&self) -> bool {
        self.anomalies.is_empty()
            && self.lost == 0
            && self.nodes.iter().all(|node| node.uncertain.is_none())
    }

    /// How many events could not be recorded for lack of memory; the tree
    /// may be incomplete when this is not 0.
    ///
    /// ```
    /// let report = ownkit::trace::capture(|| {});
    /// assert_eq!(report.lost_events(), 0);
    /// ```
    #[must_use]
    pub fn lost_events(&self) -> usize {
        self.lost
    }

    /// How many events the capture recorded: one per traced drop, per
    /// expected child, per pointer frame and per freed block, plus the path
    /// segments between them. Each is one fixed-size record (32 bytes on
    /// 64-bit targets) in a buffer shared by all captures; nothing else is
    /// allocated per event.
    ///
    /// ```
    /// use ownkit::TraceDrop;
    ///
    /// #[derive(TraceDrop)]
    /// struct Leaf;
    ///
    /// assert_eq!(ownkit::trace::capture(|| {}).event_count(), 0);
    /// assert!(ownkit::trace::capture(|| drop(Leaf)).event_count() >= 1);
    /// ```
    #[must_use]
    pub fn event_count(&self) -> usize {
        self.events
    }

    /// Records how many events went into this report.
    pub(super) fn with_event_count(mut self, events: usize) -> Self {
        self.events = events;
        self
    }

    /// The same tree as `Display`, with the address of every value and
    /// freed block.
    ///
    /// ```
    /// # use ownkit::trace::{Descend, Segment, Shape, TracedInfo, Visit, Walk, Walker};
    /// # static LEAF: Shape = Shape::structure("Leaf", &[]);
    /// # struct Leaf(u8);
    /// # impl Walk for Leaf {
    /// #     fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
    /// #         if walker.visit(Visit::Traced(TracedInfo::of(self, &LEAF, 0))) == Descend::Yes {
    /// #             let _ = walker.visit(Visit::Leave);
    /// #         }
    /// #     }
    /// # }
    /// # impl Drop for Leaf { fn drop(&mut self) { ownkit::trace::record_drop(self); } }
    /// let report = ownkit::trace::capture(|| drop(Leaf(1)));
    /// let address = report.roots().get(0).unwrap().address();
    /// assert_ne!(address, 0);
    /// assert_eq!(report.with_addresses().to_string(), format!("Leaf @ {address:#x}\n"));
    /// ```
    pub fn with_addresses(&self) -> impl fmt::Display + '_ {
        WithAddresses(self)
    }

    /// Checks that the drops' paths are `expected`, in order.
    ///
    /// # Panics
    ///
    /// If they differ, with a line diff: `-` for expected paths that are
    /// missing, `+` for recorded paths that were not expected.
    ///
    /// See [`paths`](Self::paths) for an example.
    #[track_caller]
    pub fn assert_paths(&self, expected: &[&str]) {
        let paths = self.all_paths();
        let actual: Vec<&str> = paths.iter().map(String::as_str).collect();
        if actual != expected {
            panic!(
                "the drop paths differ from the expected ones (- expected, + actual):\n{}",
                diff_lines(expected, &actual)
            );
        }
    }

    /// Checks that the report prints as `expected`. The expected text may
    /// be indented and surrounded by blank lines: its common indentation,
    /// the blank lines at either end and trailing spaces are ignored.
    ///
    /// # Panics
    ///
    /// If the texts differ, with a line diff: `-` for expected lines, `+`
    /// for actual ones.
    ///
    /// ```should_panic
    /// let report = ownkit::trace::capture(|| {});
    /// report.assert_tree("Leaf"); // nothing was dropped
    /// ```
    #[track_caller]
    pub fn assert_tree(&self, expected: &str) {
        let expected = normalise(expected);
        let actual_text = self.to_string();
        let actual = normalise(&actual_text);
        if actual != expected {
            panic!(
                "the drop tree differs from the expected one (- expected, + actual):\n{}",
                diff_lines(&expected, &actual)
            );
        }
    }
}

/// The lines of an expected or actual tree, compared the way
/// `assert_tree` documents: blank lines at either end, trailing spaces and
/// the common indentation dropped. When the text starts on the same line
/// as its opening quote (`"Outer\n    ├── ..."`), that first line does not
/// count toward the common indentation, so a literal can be written
/// indented to the code around it.
fn normalise(text: &str) -> Vec<&str> {
    let starts_inline = !text.starts_with(['\n', '\r', ' ']);
    let mut lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    while lines.first().is_some_and(|line| line.is_empty()) {
        lines.remove(0);
    }
    while lines.last().is_some_and(|line| line.is_empty()) {
        lines.pop();
    }
    let skip_first = usize::from(starts_inline);
    let indent = lines
        .iter()
        .skip(skip_first)
        .filter(|line| !line.is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    lines
        .into_iter()
        .enumerate()
        .map(|(number, line)| {
            if number < skip_first {
                line
            } else {
                line.get(indent..).unwrap_or("")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
