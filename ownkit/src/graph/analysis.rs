//! What a [`Graph`] says about leaks and lifetimes: the strong cycles
//! that would leak once the roots go, why a value is still alive, and how
//! much each kind of link and the heap account for.
//!
//! # Cycles
//!
//! Safe Rust leaks in one way: a ring of `Rc`s (or `Arc`s) that own each
//! other. When the last outside owner goes, every value in the ring still
//! has a strong count above zero, so none is dropped. [`Graph::cycles`]
//! finds these rings with a depth-first search over the strong edges
//! (owns and shares; weak links and borrows keep nothing alive, so they
//! never close a cycle). Each edge that leads back to a value still being
//! searched closes one cycle: it is the edge that points back toward the
//! root, and so the one to make a `Weak`, the way a tree's child-to-parent
//! links are. Every ring contains such an edge, so every ring is reported;
//! a group of values linked in several rings is reported once per closing
//! edge, which names exactly the edges to weaken.

use alloc_crate::collections::VecDeque;
use alloc_crate::string::String;
use alloc_crate::vec;
use alloc_crate::vec::Vec;
use core::fmt;

use super::model::{Edge, EdgeKind, Graph, Node, NodeId};

/// One ring of strong links: following its edges from its first node
/// leads back to that node.
///
/// [`Graph::cycles`] finds rings with a depth-first search over the strong
/// edges. Each edge that leads back to a value still being searched closes
/// one ring: it is the edge that points back toward the root, and so the
/// one to make a `Weak`, the way a tree's child-to-parent links are. Every
/// ring contains such an edge, so every ring is reported; values linked in
/// several rings are reported once per closing edge, which names exactly
/// the edges to weaken.
///
/// ```
/// use ownkit::cell::RefCell;
/// use ownkit::graph::Graph;
/// use ownkit::{Rc, TraceDrop};
///
/// #[derive(TraceDrop)]
/// struct Node {
///     next: RefCell<Option<Rc<Node>>>,
/// }
///
/// let first = Rc::new(Node { next: RefCell::new(None) });
/// let second = Rc::new(Node { next: RefCell::new(Some(first.clone())) });
/// *first.next.borrow_mut() = Some(second.clone());
///
/// let graph = Graph::of(&first);
/// let cycles = graph.cycles();
/// assert_eq!(cycles.len(), 1);
/// assert_eq!(
///     cycles[0].to_string(),
///     "Rc<Node>.* → Rc<Node>.*.next.* → Rc<Node>.*: make `Rc<Node>.*.next.*.next` a Weak"
/// );
/// assert_eq!(cycles[0].suggested_weak().path(), ".next");
///
/// // Break the ring, or neither node would ever be dropped.
/// first.next.borrow_mut().take();
/// ```
#[derive(Clone)]
pub struct Cycle<'g> {
    graph: &'g Graph,
    /// The edges in ring order, from the node closest to the root.
    edges: Vec<u32>,
    /// The edge to make weak, in `edges`.
    suggested: u32,
}

impl<'g> Cycle<'g> {
    /// The ring's edges in order, starting from the value closest to the
    /// root; the last one leads back to the first value.
    ///
    /// ```
    /// # use ownkit::cell::RefCell;
    /// # use ownkit::{Rc, TraceDrop};
    /// # #[derive(TraceDrop)]
    /// # struct Node { next: RefCell<Option<Rc<Node>>> }
    /// let lonely = Rc::new(Node { next: RefCell::new(None) });
    /// *lonely.next.borrow_mut() = Some(lonely.clone());
    /// let graph = ownkit::graph::Graph::of(&lonely);
    /// let cycle = &graph.cycles()[0];
    /// let edges: Vec<_> = cycle.edges().map(|edge| edge.path()).collect();
    /// assert_eq!(edges, [".next"]);
    /// assert_eq!(cycle.nodes().len(), 1);
    /// lonely.next.borrow_mut().take();
    /// ```
    pub fn edges(&self) -> impl ExactSizeIterator<Item = Edge<'g>> + '_ {
        self.edges.iter().map(|&index| self.graph.edge(index))
    }

    /// The ring's values in order, starting from the one closest to the
    /// root.
    ///
    /// See [`edges`](Self::edges) for an example.
    pub fn nodes(&self) -> impl ExactSizeIterator<Item = Node<'g>> + '_ {
        self.edges().map(|edge| edge.from())
    }

    /// The edge to turn into a `Weak` to break the ring: the one that
    /// points back toward the root (a shared link; an owning one cannot
    /// close a ring).
    ///
    /// See [`Cycle`] for an example.
    #[must_use]
    pub fn suggested_weak(&self) -> Edge<'g> {
        self.graph.edge(self.suggested)
    }
}

/// One line: the ring by the values' paths, and the field to make weak. A
/// value and the one stored inline in it at no field (an `Rc<RefCell<T>>`'s
/// cell and its `T`) share a path, which is written once.
impl fmt::Display for Cycle<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first: Option<String> = None;
        let mut last = String::new();
        for node in self.nodes() {
            let path = node.path();
            if path == last {
                continue;
            }
            if first.is_some() {
                f.write_str(" → ")?;
            }
            f.write_str(&path)?;
            first.get_or_insert_with(|| path.clone());
            last = path;
        }
        let weak = self.suggested_weak();
        write!(
            f,
            " → {}: make `{}{}` a Weak",
            first.unwrap_or_default(),
            weak.from().path(),
            weak.path()
        )
    }
}

impl fmt::Debug for Cycle<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cycle")
            .field("edges", &self.edges().collect::<Vec<_>>())
            .field("suggested_weak", &self.suggested)
            .finish()
    }
}

/// Where the depth-first search stands with a node.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Search {
    NotYet,
    /// On the search path: an edge to it closes a ring.
    OnPath,
    Done,
}

impl Graph {
    /// Every ring of strong links (owns and shares): the values in it keep
    /// each other alive, so they leak once nothing outside holds them.
    /// Weak links and borrows never form one. In the order the walk found
    /// them; see [`Cycle`] for how they are found and how rings that share
    /// values are counted.
    ///
    /// Time and memory are linear in the size of the graph, plus the
    /// length of the rings reported. See [`Cycle`] for an example.
    #[must_use]
    pub fn cycles(&self) -> Vec<Cycle<'_>> {
        let mut cycles = Vec::new();
        let mut state = vec![Search::NotYet; self.nodes.len()];
        // The search path: each node with the edge that led to it and how
        // many of its outgoing edges have been looked at.
        let mut path: Vec<(u32, Option<u32>, usize)> = Vec::new();
        // Where each node on the path sits in `path`.
        let mut position = vec![usize::MAX; self.nodes.len()];
        for start in 0..self.nodes.len() {
            if state[start] != Search::NotYet {
                continue;
            }
            let start = id(start);
            state[start as usize] = Search::OnPath;
            position[start as usize] = 0;
            path.push((start, None, 0));
            while let Some(&mut (node, _, ref mut next)) = path.last_mut() {
                let outgoing = self.outgoing_of(node);
                let Some(&edge) = outgoing.get(*next) else {
                    state[node as usize] = Search::Done;
                    path.pop();
                    continue;
                };
                *next += 1;
                let record = self.edges[edge as usize];
                if !record.kind.is_strong() {
                    continue;
                }
                let target = record.to;
                match state[target as usize] {
                    Search::NotYet => {
                        state[target as usize] = Search::OnPath;
                        position[target as usize] = path.len();
                        path.push((target, Some(edge), 0));
                    }
                    Search::OnPath => {
                        let from = position[target as usize] + 1;
                        let mut ring: Vec<u32> =
                            path[from..].iter().filter_map(|&(_, via, _)| via).collect();
                        ring.push(edge);
                        cycles.push(self.cycle(ring));
                    }
                    Search::Done => {}
                }
            }
        }
        cycles
    }

    /// A cycle of `ring`, whose last edge closed it.
    fn cycle(&self, ring: Vec<u32>) -> Cycle<'_> {
        // The closing edge points back toward the root; if it owns (only
        // the root can be owned and shared at once), weaken the last
        // shared link before it instead.
        let suggested = ring
            .iter()
            .rev()
            .copied()
            .find(|&edge| self.edges[edge as usize].kind == EdgeKind::Shares)
            .unwrap_or(ring[ring.len() - 1]);
        Cycle {
            graph: self,
            edges: ring,
            suggested,
        }
    }

    /// Why `node` is still alive: the shortest chain of strong links
    /// (owns, shares) from the root to it, or `None` if only weak links or
    /// borrows lead there (or it is the root: nothing keeps the root
    /// alive but its owner).
    ///
    /// ```
    /// use ownkit::graph::Graph;
    ///
    /// let inner = ownkit::Rc::new(1_u8);
    /// let outer = (ownkit::Box::new(inner.clone()), ownkit::Rc::downgrade(&inner));
    /// let graph = Graph::of(&outer);
    /// let value = graph.nodes().find(|node| node.label() == "u8").unwrap();
    /// let chain: Vec<String> = graph
    ///     .retainer_path(value.id())
    ///     .unwrap()
    ///     .iter()
    ///     .map(|edge| format!("{} {}", edge.path(), edge.kind()))
    ///     .collect();
    /// assert_eq!(chain, [".0 owns", " shares"]);
    /// ```
    #[must_use]
    pub fn retainer_path(&self, node: NodeId) -> Option<Vec<Edge<'_>>> {
        let target = node.0;
        if target == 0 || node.index() >= self.nodes.len() {
            return None;
        }
        // Breadth first, so the chain found is a shortest one.
        let mut reached_by: Vec<Option<u32>> = vec![None; self.nodes.len()];
        let mut seen = vec![false; self.nodes.len()];
        seen[0] = true;
        let mut queue = VecDeque::from([0_u32]);
        while let Some(at) = queue.pop_front() {
            for &edge in self.outgoing_of(at) {
                let record = self.edges[edge as usize];
                if !record.kind.is_strong() || seen[record.to as usize] {
                    continue;
                }
                seen[record.to as usize] = true;
                reached_by[record.to as usize] = Some(edge);
                if record.to == target {
                    queue.clear();
                    break;
                }
                queue.push_back(record.to);
            }
        }
        let mut chain = Vec::new();
        let mut at = target;
        while let Some(edge) = reached_by[at as usize] {
            chain.push(self.edge(edge));
            at = self.edges[edge as usize].from;
        }
        if at != 0 {
            return None;
        }
        chain.reverse();
        Some(chain)
    }

    /// How many edges of `kind` the graph has.
    ///
    /// ```
    /// use ownkit::graph::{EdgeKind, Graph};
    ///
    /// let shared = ownkit::Rc::new(0_u8);
    /// let graph = Graph::of(&(shared.clone(), ownkit::Rc::downgrade(&shared)));
    /// assert_eq!(graph.count(EdgeKind::Shares), 1);
    /// assert_eq!(graph.count(EdgeKind::Weak), 1);
    /// assert_eq!(graph.count(EdgeKind::Borrows), 0);
    /// ```
    #[must_use]
    pub fn count(&self, kind: EdgeKind) -> usize {
        self.edges.iter().filter(|edge| edge.kind == kind).count()
    }

    /// The bytes of heap the graph's blocks take: boxes' targets, buffers
    /// (by capacity) and shared blocks (counts included), each counted
    /// once however many links lead to it.
    ///
    /// ```
    /// let mut numbers: Vec<u64> = Vec::with_capacity(4);
    /// numbers.push(1);
    /// let graph = ownkit::graph::Graph::of(&(ownkit::Box::new(2_u32), numbers));
    /// assert_eq!(graph.heap_bytes(), 4 + 4 * 8);
    /// ```
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        self.nodes
            .iter()
            .filter_map(|node| self.kind_of(node).heap_size())
            .sum()
    }

    fn outgoing_of(&self, node: u32) -> &[u32] {
        let start = self.outgoing_start[node as usize] as usize;
        let end = self.outgoing_start[node as usize + 1] as usize;
        &self.outgoing[start..end]
    }

    pub(super) fn edge(&self, index: u32) -> Edge<'_> {
        Edge { graph: self, index }
    }
}

/// A node's number as stored; the graph has at most `u32::MAX` nodes.
fn id(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}
