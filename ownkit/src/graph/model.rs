//! What a [`Graph`] holds: nodes, edges, and the handles that read them.
//!
//! A graph of a million nodes must not cost a million allocations, so the
//! storage is flat, like a drop report's: one small record per node and
//! per edge (the rare kinds of node that do not fit the record in a list
//! of their own, and the labels of the nodes that have one in a table of
//! their own), every edge's path and every label in one shared string (a
//! path that many edges have, a field's, written once; one small index,
//! not written at all, see [`index_text`]), and each node's
//! outgoing and incoming edges as ranges of two shared lists (laid out
//! once, when the walk is over). [`Node`] and [`Edge`] are `Copy` handles
//! into it.

use alloc_crate::string::String;
use alloc_crate::vec::Vec;
use core::fmt;

use crate::walk::PointerKind;

pub(super) mod index_text;

/// A graph node's number: its position in [`Graph::nodes`], which is the
/// order the walk found them in (the root is 0).
///
/// ```
/// let value = ownkit::Box::new(5_u8);
/// let graph = ownkit::graph::Graph::of(&value);
/// assert_eq!(graph.root().id().index(), 0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(pub(super) u32);

impl NodeId {
    /// The node's position in [`Graph::nodes`].
    ///
    /// See [`NodeId`] for an example.
    #[must_use]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What a node stands for.
///
/// ```
/// use ownkit::graph::{Graph, NodeKind};
///
/// let shared = ownkit::Rc::new(7_u32);
/// let graph = Graph::of(&shared);
/// let target = graph.nodes().nth(1).unwrap();
/// assert!(matches!(target.kind(), NodeKind::Shared { strong: 1, weak: 0, .. }));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NodeKind {
    /// The value the graph was made of.
    Root,
    /// A value of a traced type, stored inline in its owner (a field, an
    /// element of a buffer, the target of a pointer).
    Value,
    /// A heap block one pointer owns alone (the target of a `Box`).
    Heap {
        /// The block's size in bytes (0 for a zero-sized target, which
        /// has no block).
        size: usize,
        /// The block's alignment.
        align: usize,
    },
    /// A heap buffer a container owns (a `Vec`'s, a `String`'s); its
    /// elements are its children.
    Buffer {
        /// The buffer's size in bytes (its capacity, not its length).
        size: usize,
        /// The buffer's alignment.
        align: usize,
    },
    /// A value several pointers share (the target of an `Rc` or an
    /// `Arc`), with its counts when the walk saw it.
    Shared {
        /// Which pointer shares it.
        pointer: PointerKind,
        /// The size of the block holding the value and its counts (0 if
        /// none).
        size: usize,
        /// How many strong pointers share it.
        strong: usize,
        /// How many weak pointers point at it.
        weak: usize,
    },
    /// A value reached only through a reference: owned by something the
    /// graph does not include.
    Borrowed,
    /// Contents the walk cannot look at (a `Cell`, a mutably borrowed
    /// `RefCell`, an opaque field), with the reason.
    Hidden {
        /// Why they are hidden.
        reason: &'static str,
        /// How many bytes they take.
        size: usize,
    },
}

impl NodeKind {
    /// Whether the node is a heap allocation of its own: a box's target, a
    /// buffer or a shared value.
    ///
    /// ```
    /// use ownkit::graph::NodeKind;
    ///
    /// assert!(NodeKind::Heap { size: 8, align: 8 }.is_heap());
    /// assert!(!NodeKind::Value.is_heap());
    /// ```
    #[must_use]
    pub const fn is_heap(self) -> bool {
        matches!(
            self,
            NodeKind::Heap { .. } | NodeKind::Buffer { .. } | NodeKind::Shared { .. }
        )
    }

    /// The size of the node's own heap block, if it is one.
    ///
    /// ```
    /// use ownkit::graph::NodeKind;
    ///
    /// assert_eq!(NodeKind::Buffer { size: 24, align: 8 }.heap_size(), Some(24));
    /// assert_eq!(NodeKind::Borrowed.heap_size(), None);
    /// ```
    #[must_use]
    pub const fn heap_size(self) -> Option<usize> {
        match self {
            NodeKind::Heap { size, .. }
            | NodeKind::Buffer { size, .. }
            | NodeKind::Shared { size, .. } => Some(size),
            _ => None,
        }
    }
}

/// How one node holds on to another.
///
/// ```
/// use ownkit::graph::EdgeKind;
///
/// assert!(EdgeKind::Shares.is_strong());
/// assert!(!EdgeKind::Weak.is_strong());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// Sole ownership: a field, an element, a `Box`'s target, a buffer.
    Owns,
    /// Shared ownership: a strong `Rc` or `Arc`.
    Shares,
    /// A `Weak`: keeps the block, not the value, alive.
    Weak,
    /// A reference: keeps nothing alive.
    Borrows,
}

impl EdgeKind {
    /// Whether the edge keeps its target alive (owns or shares it).
    ///
    /// See [`EdgeKind`] for an example.
    #[must_use]
    pub const fn is_strong(self) -> bool {
        matches!(self, EdgeKind::Owns | EdgeKind::Shares)
    }

    /// The word the renderers use for it: `owns`, `shares`, `weak`,
    /// `borrows`.
    ///
    /// ```
    /// assert_eq!(ownkit::graph::EdgeKind::Weak.name(), "weak");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            EdgeKind::Owns => "owns",
            EdgeKind::Shares => "shares",
            EdgeKind::Weak => "weak",
            EdgeKind::Borrows => "borrows",
        }
    }
}

impl fmt::Display for EdgeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One node as stored, in 48 bytes.
///
/// Every node is written once and, while the walk goes on, copied each
/// time the list of nodes grows, so the record is kept small. A
/// [`NodeKind`] takes 32 bytes, most of them for the kinds that are rare
/// in a graph (a shared value's counts, a hidden node's reason): the
/// record keeps the kind's tag and the two numbers of the common kinds,
/// and a rare kind whole in [`Graph::rare_kinds`]. [`Graph::kind_of`] puts
/// the [`NodeKind`] back together.
#[derive(Clone, Debug)]
pub(super) struct NodeRecord {
    pub(super) address: usize,
    pub(super) type_name: &'static str,
    /// What `size` and `extra` mean: see [`KindTag`].
    tag: KindTag,
    /// A heap block's or a buffer's size; 0 for the other kinds.
    size: usize,
    /// A heap block's or a buffer's alignment; a rare kind's position in
    /// [`Graph::rare_kinds`]; 0 for the other kinds.
    extra: usize,
    /// The edge the walk first reached it by ([`NO_EDGE`] for the root):
    /// the edges of a walk's first visits form a tree, which names every
    /// node by one path.
    pub(super) via: u32,
    /// Whether the walk has looked inside it, or is looking: only the
    /// builder reads it, and it takes room the record has anyway.
    pub(super) expanded: bool,
}

/// `via` of a node no edge leads to: the root.
pub(super) const NO_EDGE: u32 = u32::MAX;

/// A node record's kind, and what its `size` and `extra` hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KindTag {
    /// [`NodeKind::Root`].
    Root,
    /// [`NodeKind::Value`].
    Value,
    /// [`NodeKind::Borrowed`].
    Borrowed,
    /// [`NodeKind::Heap`]: `size` and `extra`, its alignment.
    Heap,
    /// [`NodeKind::Buffer`]: `size` and `extra`, its alignment.
    Buffer,
    /// Another kind, kept whole at `Graph::rare_kinds[extra]`.
    Rare,
}

impl NodeRecord {
    /// The record of a node of `kind`; a rare kind is pushed onto
    /// `rare_kinds`.
    pub(super) fn new(
        address: usize,
        type_name: &'static str,
        kind: NodeKind,
        rare_kinds: &mut Vec<NodeKind>,
    ) -> Self {
        let mut record = Self {
            address,
            type_name,
            tag: KindTag::Root,
            size: 0,
            extra: 0,
            via: NO_EDGE,
            expanded: false,
        };
        record.set_kind(kind, rare_kinds);
        record
    }

    /// Makes it a node of `kind`; a rare kind is pushed onto `rare_kinds`.
    pub(super) fn set_kind(&mut self, kind: NodeKind, rare_kinds: &mut Vec<NodeKind>) {
        (self.tag, self.size, self.extra) = match kind {
            NodeKind::Root => (KindTag::Root, 0, 0),
            NodeKind::Value => (KindTag::Value, 0, 0),
            NodeKind::Borrowed => (KindTag::Borrowed, 0, 0),
            NodeKind::Heap { size, align } => (KindTag::Heap, size, align),
            NodeKind::Buffer { size, align } => (KindTag::Buffer, size, align),
            NodeKind::Shared { .. } | NodeKind::Hidden { .. } => {
                rare_kinds.push(kind);
                (KindTag::Rare, 0, rare_kinds.len() - 1)
            }
        };
    }

    /// Whether it is a node of kind [`NodeKind::Borrowed`].
    pub(super) fn is_borrowed(&self) -> bool {
        self.tag == KindTag::Borrowed
    }

    /// The edge the walk first reached it by; `None` for the root.
    pub(super) fn via(&self) -> Option<u32> {
        (self.via != NO_EDGE).then_some(self.via)
    }
}

/// The label of a node whose value has one (a field marked
/// `#[ownkit(label)]`), as stored: in a table beside the nodes, sorted by
/// node, since few nodes have one.
#[derive(Clone, Copy, Debug)]
pub(super) struct LabelRecord {
    pub(super) node: u32,
    /// Where the label's text (`"Intro"`) is in the graph's text.
    pub(super) start: u32,
    pub(super) len: u32,
    /// The variant the value was in, if it is an enum's.
    pub(super) variant: Option<&'static str>,
}

/// One edge as stored.
#[derive(Clone, Copy, Debug)]
pub(super) struct EdgeRecord {
    pub(super) from: u32,
    pub(super) to: u32,
    pub(super) kind: EdgeKind,
    /// Where the link sits inside `from`, as a path (`.next`, `[2].1`;
    /// empty when `from` is the link itself): in the graph's text, or in
    /// the texts of small indices every graph shares if `path_shared`.
    pub(super) path_start: u32,
    pub(super) path_len: u32,
    /// Whether the path is one small index, in [`index_text::TEXT`].
    pub(super) path_shared: bool,
    /// Whether the link is a pointer or a reference, so that the target's
    /// path goes through it with `.*`.
    pub(super) through_pointer: bool,
}

/// The ownership graph of a value: what it owns, shares, points at weakly
/// and borrows, transitively, as the walk found it.
///
/// See [the module docs](super) for what the nodes and edges are, and an
/// example.
#[derive(Clone, Default)]
pub struct Graph {
    pub(super) nodes: Vec<NodeRecord>,
    /// The kinds of nodes whose record has no room for them (see
    /// [`NodeRecord`]).
    pub(super) rare_kinds: Vec<NodeKind>,
    pub(super) edges: Vec<EdgeRecord>,
    /// The labels of the nodes that have one, sorted by node, one per node.
    pub(super) labels: Vec<LabelRecord>,
    /// The paths of the edges, and the labels; edges with the same
    /// one-segment path (a field, a small index) share its text.
    pub(super) text: String,
    /// Each node's outgoing edges in walk order, node after node.
    pub(super) outgoing: Vec<u32>,
    /// Where each node's outgoing edges start in `outgoing`; one more entry
    /// than there are nodes, so node `n`'s are `outgoing_start[n]..[n + 1]`.
    pub(super) outgoing_start: Vec<u32>,
    /// Each node's incoming edges in walk order, node after node; empty,
    /// like `incoming_start`, when no node has more than one and the root
    /// has none (a graph without sharing or cycles): then a node's one
    /// incoming edge is its `via`.
    pub(super) incoming: Vec<u32>,
    /// Where each node's incoming edges start in `incoming`, as above.
    pub(super) incoming_start: Vec<u32>,
}

/// A node of a [`Graph`]: a `Copy` handle whose accessors borrow from the
/// graph.
///
/// ```
/// use ownkit::graph::{Graph, NodeKind};
///
/// let list = vec![ownkit::Box::new(1_u8)];
/// let graph = Graph::of(&list);
/// let root = graph.root();
/// assert_eq!(root.kind(), NodeKind::Root);
/// assert_eq!(root.label(), "Vec<Box<u8>>");
/// let buffer = root.outgoing().next().unwrap().to();
/// assert!(matches!(buffer.kind(), NodeKind::Buffer { .. }));
/// let boxed = buffer.outgoing().next().unwrap();
/// assert_eq!(boxed.path(), "[0]");
/// assert_eq!(boxed.to().path(), "Vec<Box<u8>>[0].*");
/// ```
#[derive(Clone, Copy)]
pub struct Node<'g> {
    pub(super) graph: &'g Graph,
    pub(super) id: NodeId,
}

/// An edge of a [`Graph`]: a `Copy` handle whose accessors borrow from the
/// graph.
///
/// See [`Node`] for an example.
#[derive(Clone, Copy)]
pub struct Edge<'g> {
    pub(super) graph: &'g Graph,
    pub(super) index: u32,
}

impl<'g> Node<'g> {
    fn record(self) -> &'g NodeRecord {
        &self.graph.nodes[self.id.index()]
    }

    /// Its number.
    ///
    /// See [`NodeId`] for an example.
    #[must_use]
    pub fn id(self) -> NodeId {
        self.id
    }

    /// What it stands for.
    ///
    /// See [`Node`] for an example.
    #[must_use]
    pub fn kind(self) -> NodeKind {
        self.graph.kind_of(self.record())
    }

    /// Its type, as `core::any::type_name` spells it. A buffer has the
    /// type of the container that owns it.
    ///
    /// ```
    /// let graph = ownkit::graph::Graph::of(&7_u16);
    /// assert_eq!(graph.root().type_name(), "u16");
    /// ```
    #[must_use]
    pub fn type_name(self) -> &'static str {
        self.record().type_name
    }

    /// What the renderers name it by: its type without module paths
    /// (`Vec<Leaf>`). A value whose type marks a field `#[ownkit(label)]`
    /// adds its variant, if it is an enum's, and that field's `Debug`
    /// output (see [`value_label`](Self::value_label)): `Song "Intro"`,
    /// `Shape::Circle 3.0`.
    ///
    /// ```
    /// use ownkit::graph::Graph;
    /// use ownkit::walk::Walk;
    ///
    /// #[derive(Walk)]
    /// struct Song {
    ///     #[ownkit(label)]
    ///     title: String,
    /// }
    ///
    /// let songs = vec![Song { title: "Intro".into() }];
    /// let graph = Graph::of(&songs);
    /// let labels: Vec<String> = graph.nodes().map(|node| node.label()).collect();
    /// assert_eq!(labels, ["Vec<Song>", "Vec<Song>", "Song \"Intro\"", "String"]);
    /// ```
    #[must_use]
    pub fn label(self) -> String {
        let mut label = crate::trace::short_type_name(self.type_name());
        if let Some(record) = self.graph.label_record(self.id) {
            if let Some(variant) = record.variant {
                label.push_str("::");
                label.push_str(variant);
            }
            label.push(' ');
            label.push_str(self.graph.label_text(record));
        }
        label
    }

    /// The `Debug` output of the field its type marks `#[ownkit(label)]`,
    /// as the walk found it: cut after 32 characters (with `…` after it),
    /// control characters escaped (`\n`). `None` for a value without
    /// such a field, and for anything that is not a derived type's value.
    ///
    /// ```
    /// use ownkit::graph::Graph;
    /// use ownkit::walk::Walk;
    ///
    /// #[derive(Walk)]
    /// enum Shape {
    ///     Circle(#[ownkit(label)] f64),
    ///     Empty,
    /// }
    ///
    /// let shapes = (Shape::Circle(3.0), Shape::Empty);
    /// let graph = Graph::of(&shapes);
    /// let circle = graph.root().outgoing().next().unwrap().to();
    /// assert_eq!(circle.value_label(), Some("3.0"));
    /// assert_eq!(circle.label(), "Shape::Circle 3.0");
    /// let empty = graph.root().outgoing().nth(1).unwrap().to();
    /// assert_eq!((empty.value_label(), empty.label()), (None, "Shape".to_owned()));
    /// ```
    #[must_use]
    pub fn value_label(self) -> Option<&'g str> {
        let record = self.graph.label_record(self.id)?;
        Some(self.graph.label_text(record))
    }

    /// Where it is in memory. With its type, this is what identifies it: a
    /// struct and its first field share an address.
    ///
    /// ```
    /// let value = 3_u64;
    /// let graph = ownkit::graph::Graph::of(&value);
    /// assert_eq!(graph.root().address(), ownkit::trace::address_of(&value));
    /// ```
    #[must_use]
    pub fn address(self) -> usize {
        self.record().address
    }

    /// The path the walk first reached it by, from the root's type name:
    /// `List.next.*`, `Vec<Leaf>[0]`.
    ///
    /// See [`Node`] for an example.
    #[must_use]
    pub fn path(self) -> String {
        let mut steps: Vec<(&str, bool)> = Vec::new();
        let mut at = self.record();
        while let Some(via) = at.via() {
            let edge = self.graph.edges[via as usize];
            steps.push((self.graph.edge_path(via), edge.through_pointer));
            at = &self.graph.nodes[edge.from as usize];
        }
        let mut path = crate::trace::short_type_name(at.type_name);
        for (step, through_pointer) in steps.iter().rev() {
            path.push_str(step);
            if *through_pointer {
                path.push_str(".*");
            }
        }
        path
    }

    /// The last step of its [`path`](Self::path): the path of the edge that
    /// first reached it (`.next`, with `.*` after it if the edge went
    /// through a pointer), or the root's type name.
    pub(in crate::graph) fn step(self) -> String {
        match self.record().via() {
            Some(via) => {
                let mut step = String::from(self.graph.edge_path(via));
                if self.graph.edges[via as usize].through_pointer {
                    step.push_str(".*");
                }
                step
            }
            None => crate::trace::short_type_name(self.type_name()),
        }
    }

    /// The edges that leave it, in the order the walk found them.
    ///
    /// See [`Node`] for an example.
    #[must_use]
    pub fn outgoing(self) -> Edges<'g> {
        let start = self.graph.outgoing_start[self.id.index()] as usize;
        let end = self.graph.outgoing_start[self.id.index() + 1] as usize;
        Edges {
            graph: self.graph,
            indices: self.graph.outgoing[start..end].iter(),
        }
    }

    /// The edges that arrive at it, in the order the walk found them.
    ///
    /// ```
    /// let shared = ownkit::Rc::new(1_u8);
    /// let both = (shared.clone(), shared);
    /// let graph = ownkit::graph::Graph::of(&both);
    /// let target = graph.nodes().find(|node| node.label() == "u8").unwrap();
    /// assert_eq!(target.incoming().len(), 2);
    /// ```
    #[must_use]
    pub fn incoming(self) -> Edges<'g> {
        if self.graph.incoming_start.is_empty() {
            let via = &self.record().via;
            let only = if *via == NO_EDGE {
                &[]
            } else {
                core::slice::from_ref(via)
            };
            return Edges {
                graph: self.graph,
                indices: only.iter(),
            };
        }
        let start = self.graph.incoming_start[self.id.index()] as usize;
        let end = self.graph.incoming_start[self.id.index() + 1] as usize;
        Edges {
            graph: self.graph,
            indices: self.graph.incoming[start..end].iter(),
        }
    }
}

impl fmt::Debug for Node<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Node")
            .field("id", &self.id)
            .field("kind", &self.kind())
            .field("type_name", &self.type_name())
            .field("address", &format_args!("{:#x}", self.address()))
            .finish()
    }
}

impl<'g> Edge<'g> {
    fn record(self) -> EdgeRecord {
        self.graph.edges[self.index as usize]
    }

    /// The node that holds the link.
    ///
    /// See [`Node`] for an example.
    #[must_use]
    pub fn from(self) -> Node<'g> {
        self.graph.node(NodeId(self.record().from))
    }

    /// The node it leads to.
    ///
    /// See [`Node`] for an example.
    #[must_use]
    pub fn to(self) -> Node<'g> {
        self.graph.node(NodeId(self.record().to))
    }

    /// How `from` holds on to `to`.
    ///
    /// ```
    /// use ownkit::graph::{EdgeKind, Graph};
    ///
    /// let graph = Graph::of(&ownkit::Box::new(1_u8));
    /// assert_eq!(graph.edges().next().unwrap().kind(), EdgeKind::Owns);
    /// ```
    #[must_use]
    pub fn kind(self) -> EdgeKind {
        self.record().kind
    }

    /// Where the link sits inside `from` (`.next`, `[2].1`); empty when
    /// `from` is the pointer itself.
    ///
    /// See [`Node`] for an example.
    #[must_use]
    pub fn path(self) -> &'g str {
        self.graph.edge_path(self.index)
    }

    /// Its position in [`Graph::edges`].
    ///
    /// ```
    /// let graph = ownkit::graph::Graph::of(&ownkit::Box::new(1_u8));
    /// assert_eq!(graph.edges().next().unwrap().index(), 0);
    /// ```
    #[must_use]
    pub fn index(self) -> usize {
        self.index as usize
    }
}

impl fmt::Debug for Edge<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Edge")
            .field("from", &self.record().from)
            .field("to", &self.record().to)
            .field("kind", &self.kind())
            .field("path", &self.path())
            .finish()
    }
}

/// Some edges of a [`Graph`], in the order the walk found them.
///
/// See [`Node::incoming`] for an example.
#[derive(Clone)]
pub struct Edges<'g> {
    graph: &'g Graph,
    indices: core::slice::Iter<'g, u32>,
}

impl<'g> Iterator for Edges<'g> {
    type Item = Edge<'g>;

    fn next(&mut self) -> Option<Edge<'g>> {
        let index = *self.indices.next()?;
        Some(Edge {
            graph: self.graph,
            index,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.indices.size_hint()
    }
}

impl DoubleEndedIterator for Edges<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let index = *self.indices.next_back()?;
        Some(Edge {
            graph: self.graph,
            index,
        })
    }
}

impl ExactSizeIterator for Edges<'_> {}

impl fmt::Debug for Edges<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

impl Graph {
    /// The value the graph was made of.
    ///
    /// See [`Node`] for an example.
    #[must_use]
    pub fn root(&self) -> Node<'_> {
        self.node(NodeId(0))
    }

    /// The node numbered `id`.
    ///
    /// # Panics
    ///
    /// If `id` is not a node of this graph.
    ///
    /// ```
    /// let graph = ownkit::graph::Graph::of(&ownkit::Box::new(1_u8));
    /// let root = graph.root().id();
    /// assert_eq!(graph.node(root).label(), "Box<u8>");
    /// ```
    #[must_use]
    pub fn node(&self, id: NodeId) -> Node<'_> {
        assert!(
            id.index() < self.nodes.len(),
            "node {} is not in this graph of {} nodes",
            id.index(),
            self.nodes.len()
        );
        Node { graph: self, id }
    }

    /// Every node, in the order the walk found them (the root first).
    ///
    /// See [`NodeKind`] for an example.
    pub fn nodes(&self) -> impl ExactSizeIterator<Item = Node<'_>> + DoubleEndedIterator + '_ {
        (0..self.nodes.len()).map(|index| Node {
            graph: self,
            id: NodeId(index as u32),
        })
    }

    /// Every edge, in the order the walk found them.
    ///
    /// See [`Edge::kind`] for an example.
    pub fn edges(&self) -> impl ExactSizeIterator<Item = Edge<'_>> + DoubleEndedIterator + '_ {
        (0..self.edges.len()).map(|index| Edge {
            graph: self,
            index: index as u32,
        })
    }

    /// How many nodes it has.
    ///
    /// ```
    /// let graph = ownkit::graph::Graph::of(&ownkit::Box::new(1_u8));
    /// assert_eq!((graph.node_count(), graph.edge_count()), (2, 1));
    /// ```
    #[must_use]
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// How many edges it has.
    ///
    /// See [`node_count`](Self::node_count) for an example.
    #[must_use]
    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// The node at `address` of type `type_name`, if the walk found one.
    ///
    /// ```
    /// let boxed = ownkit::Box::new(9_u32);
    /// let graph = ownkit::graph::Graph::of(&boxed);
    /// let target = graph.find(ownkit::trace::address_of(&*boxed), "u32").unwrap();
    /// assert_eq!(target.path(), "Box<u32>.*");
    /// ```
    #[must_use]
    pub fn find(&self, address: usize, type_name: &str) -> Option<Node<'_>> {
        self.nodes()
            .find(|node| node.address() == address && node.type_name() == type_name)
    }

    /// The kind of the node `record` stores.
    pub(super) fn kind_of(&self, record: &NodeRecord) -> NodeKind {
        let (size, align) = (record.size, record.extra);
        match record.tag {
            KindTag::Root => NodeKind::Root,
            KindTag::Value => NodeKind::Value,
            KindTag::Borrowed => NodeKind::Borrowed,
            KindTag::Heap => NodeKind::Heap { size, align },
            KindTag::Buffer => NodeKind::Buffer { size, align },
            KindTag::Rare => self.rare_kinds[record.extra],
        }
    }

    /// The label of node `id`, if it has one.
    fn label_record(&self, id: NodeId) -> Option<&LabelRecord> {
        let found = self.labels.binary_search_by_key(&id.0, |label| label.node);
        found.ok().map(|index| &self.labels[index])
    }

    /// The text of a label.
    fn label_text(&self, label: &LabelRecord) -> &str {
        let start = label.start as usize;
        &self.text[start..start + label.len as usize]
    }

    pub(super) fn edge_path(&self, index: u32) -> &str {
        let edge = &self.edges[index as usize];
        let text = if edge.path_shared {
            index_text::TEXT
        } else {
            &self.text
        };
        let start = edge.path_start as usize;
        &text[start..start + edge.path_len as usize]
    }

    /// Every node's path (see [`Node::path`]), in node order. Built
    /// top-down, each from the path of the node it was reached from, which
    /// the walk found earlier.
    ///
    /// ```
    /// let value = (ownkit::Box::new(1_u8), 2_u8);
    /// let graph = ownkit::graph::Graph::of(&value);
    /// assert_eq!(graph.paths(), ["(Box<u8>, u8)", "(Box<u8>, u8).0.*"]);
    /// ```
    #[must_use]
    pub fn paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = Vec::with_capacity(self.nodes.len());
        for record in &self.nodes {
            let path = match record.via() {
                None => crate::trace::short_type_name(record.type_name),
                Some(via) => {
                    let edge = self.edges[via as usize];
                    let mut path = paths[edge.from as usize].clone();
                    path.push_str(self.edge_path(via));
                    if edge.through_pointer {
                        path.push_str(".*");
                    }
                    path
                }
            };
            paths.push(path);
        }
        paths
    }
}

#[cfg(test)]
mod tests;
