//! The layered layout behind the SVG pictures: where every box, every
//! edge and every edge label goes.
//!
//! It is Graphviz `dot`'s method (Gansner, Koutsofios, North and Vo, "A
//! Technique for Drawing Directed Graphs", 1993), in its plainest form:
//!
//! 1. **Ranks.** A box goes in the row of its depth in the walk's tree,
//!    which the walk already knows, so no ranking problem is solved. Rows
//!    of boxes alternate with rows of *edge labels*: every edge crosses at
//!    least one label row, where its label is a vertex of its own, as wide
//!    as its text. Labels are laid out like boxes, so no box and no other
//!    label can cover one.
//! 2. **Chains.** An edge that spans several rows becomes a chain of
//!    *dummy* vertices, one per row it crosses, so that it passes each row
//!    at a place kept free for it and never under a box. An edge that goes
//!    back up the rows (a `Weak` to a parent, the link that closes a cycle)
//!    is laid out reversed, like a downward one, and drawn with its arrow
//!    at the top; an edge between two boxes of one row dips into the label
//!    row below and comes back up.
//! 3. **Order** (`order.rs`). Each row starts in the walk tree's depth-first
//!    order, which draws a tree with no crossing at all, and is then swept
//!    down and up, each vertex moved to the mean position of its neighbours
//!    in the row before (the barycenter heuristic), with transpositions of
//!    neighbours, sifting, and shifts of an edge's dummies in two rows at
//!    once, keeping the order with the fewest crossings, from four
//!    starting orders. A value one holder alone holds stays among that
//!    holder's fields in declaration order, left to right, whatever the
//!    sweeps do.
//! 4. **Coordinates** (`position.rs`). Each vertex is pulled towards its
//!    neighbours' mean x, row by row, down and up, and the rows are kept
//!    in order and apart by an exact least-squares fit (pool adjacent
//!    violators), so a parent sits over its children and a chain runs
//!    straight.
//! 5. **Routes** (`route.rs`). An edge leaves the bottom of the upper box
//!    and enters the top of the lower one, at ports spread along the side
//!    in the order of the edges' other ends; it crosses a row straight
//!    down at its dummy, and between rows it is a cubic curve with
//!    vertical tangents, which stays in the gap between them.
//!
//! # Why ownkit lays out its own pictures
//!
//! The registry has two layout crates. `layout-rs` (the `layout` crate,
//! 0.1) reads DOT and draws it with its own Sugiyama layout; it needs
//! `std`, and draws labels on the edges' midpoints without reserving room
//! for them. `rust-sugiyama` (0.3/0.4) computes coordinates only, for
//! vertices of one size, and pulls in `petgraph` and `log`. Neither
//! routes edges around boxes, places labels, keeps fields in declaration
//! order or knows that the walk has already ranked every node. What is
//! needed is the five steps above, in some 1 300 lines with no
//! dependency, that run in `no_std` and give the same picture on every
//! run.

use alloc_crate::vec;
use alloc_crate::vec::Vec;

use super::order;
use super::position;
use super::route;

/// The space between a box and its neighbour in a row.
pub(super) const BOX_GAP: f64 = 28.0;
/// The space beside a dummy vertex (a row an edge passes through).
pub(super) const DUMMY_GAP: f64 = 10.0;
/// The vertical space between two rows, where edges curve.
pub(super) const ROW_GAP: f64 = 26.0;
/// How far a label's text sits to the right of its edge's line.
pub(super) const LABEL_OFFSET: f64 = 5.0;
/// The width taken by an edge passing a row with no label.
pub(super) const LINE_WIDTH: f64 = 4.0;
/// The height of a label row with no label in it.
pub(super) const EMPTY_LABEL_ROW: f64 = 8.0;
/// How far a loop from a box back to itself reaches out to its right.
pub(super) const LOOP_REACH: f64 = 18.0;

/// A box to lay out.
#[derive(Clone, Copy, Debug)]
pub(super) struct BoxSpec {
    pub(super) width: f64,
    pub(super) height: f64,
    /// Its depth in the walk's tree: its row.
    pub(super) depth: usize,
    /// The edge from its parent in the walk's tree, if it has one.
    pub(super) tree_edge: Option<usize>,
}

/// An edge to lay out.
#[derive(Clone, Copy, Debug)]
pub(super) struct EdgeSpec {
    pub(super) from: usize,
    pub(super) to: usize,
    /// The size of its label's text, `(0, 0)` if it has none.
    pub(super) label: (f64, f64),
    /// Whether it keeps its target alive (owns or shares it), as against
    /// a weak or borrowing link.
    pub(super) strong: bool,
}

/// A rectangle: its top-left corner and its size.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Rect {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) width: f64,
    pub(super) height: f64,
}

impl Rect {
    pub(super) fn right(self) -> f64 {
        self.x + self.width
    }

    pub(super) fn bottom(self) -> f64 {
        self.y + self.height
    }

    pub(super) fn center_x(self) -> f64 {
        self.x + self.width / 2.0
    }
}

/// One piece of an edge's route.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Piece {
    /// A straight line to this point.
    Line(f64, f64),
    /// A cubic curve through two control points to the third.
    Curve([(f64, f64); 3]),
}

/// Where an edge goes: its start, the pieces after it, and where its label
/// is (the top-left corner of its text's box).
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Route {
    pub(super) start: (f64, f64),
    pub(super) pieces: Vec<Piece>,
    pub(super) label: Option<Rect>,
    /// The direction the arrow at the end points: down `(0, 1)`, up
    /// `(0, -1)` or left `(-1, 0)`.
    pub(super) arrow: (f64, f64),
}

impl Route {
    /// The last point of the route, where the arrow is.
    pub(super) fn end(&self) -> (f64, f64) {
        match self.pieces.last() {
            Some(Piece::Line(x, y)) => (*x, *y),
            Some(Piece::Curve([_, _, end])) => *end,
            None => self.start,
        }
    }
}

/// The finished layout.
#[derive(Clone, Debug, Default)]
pub(super) struct Layout {
    pub(super) boxes: Vec<Rect>,
    pub(super) routes: Vec<Route>,
    pub(super) width: f64,
    pub(super) height: f64,
}

/// What occupies a place in a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Vertex {
    /// A box.
    Box(usize),
    /// Where edge `edge` crosses a row; `label` if its label goes here.
    Dummy { edge: usize, label: bool },
}

/// The layered graph the steps work on: rows of vertices, and the links
/// between vertices of consecutive rows.
#[derive(Debug)]
pub(super) struct Layered {
    /// Each row's vertices, in their current order.
    pub(super) rows: Vec<Vec<usize>>,
    /// Every vertex: what it is, its row and its width.
    pub(super) vertices: Vec<Vertex>,
    pub(super) row_of: Vec<usize>,
    pub(super) widths: Vec<f64>,
    /// Each vertex's neighbours in the row above and in the row below.
    pub(super) up: Vec<Vec<usize>>,
    pub(super) down: Vec<Vec<usize>>,
    /// For each edge, its vertices from the top row down (the upper box,
    /// its dummies, the lower box); empty for a loop.
    pub(super) chains: Vec<Vec<usize>>,
    /// For a box its one strong holder alone holds, that parent box and
    /// its place among the parent's children in the walk's tree, to keep
    /// siblings in declaration order.
    pub(super) sibling_of: Vec<Option<(usize, usize)>>,
    /// For each vertex, a key that orders each row as the walk's tree does
    /// (depth-first, children in declaration order).
    pub(super) tree_order: Vec<usize>,
    /// For a dummy of an edge between a box and one of its descendants,
    /// whether that descendant lies at an even depth: a `Weak` back to a
    /// parent is best drawn on the other side of the parent's own.
    pub(super) even_path: Vec<Option<bool>>,
    /// For each box (the first vertices, in box order), the room its loops
    /// take on its right.
    pub(super) loop_room: Vec<f64>,
}

/// Lays out `boxes` and `edges`.
pub(super) fn lay_out(boxes: &[BoxSpec], edges: &[EdgeSpec]) -> Layout {
    if boxes.is_empty() {
        return Layout::default();
    }
    let mut layered = build_layers(boxes, edges);
    order::minimize_crossings(&mut layered);
    let x = position::assign(&layered);
    route::route(&layered, boxes, edges, &x)
}

/// Steps 1 and 2: the rows, with a dummy wherever an edge crosses one.
fn build_layers(boxes: &[BoxSpec], edges: &[EdgeSpec]) -> Layered {
    let deepest = boxes.iter().map(|spec| spec.depth).max().unwrap_or(0);
    let mut layered = Layered {
        rows: vec![Vec::new(); 2 * deepest + 2],
        vertices: Vec::new(),
        row_of: Vec::new(),
        widths: Vec::new(),
        up: Vec::new(),
        down: Vec::new(),
        chains: vec![Vec::new(); edges.len()],
        sibling_of: Vec::new(),
        tree_order: Vec::new(),
        even_path: Vec::new(),
        loop_room: loop_widths(boxes, edges),
    };
    let preorder = tree_preorder(boxes, edges);
    let loops = layered.loop_room.clone();
    // A value held strongly by one holder alone is one of its fields, and
    // keeps its place among them. One that several share belongs to none
    // of them more than the others: it goes where the crossings are fewest.
    let mut holders = vec![0_usize; boxes.len()];
    for edge in edges
        .iter()
        .filter(|edge| edge.strong && edge.from != edge.to)
    {
        holders[edge.to] += 1;
    }
    for (index, spec) in boxes.iter().enumerate() {
        let sibling = spec
            .tree_edge
            .filter(|_| holders[index] <= 1)
            .map(|edge| (edges[edge].from, edge));
        let vertex = layered.add(
            Vertex::Box(index),
            2 * spec.depth,
            spec.width + loops[index],
        );
        layered.sibling_of[vertex] = sibling;
        layered.tree_order[vertex] = preorder[index];
    }
    for (index, edge) in edges.iter().enumerate() {
        if edge.from == edge.to {
            continue;
        }
        let (from_row, to_row) = (2 * boxes[edge.from].depth, 2 * boxes[edge.to].depth);
        // Top-down: (upper box, lower box, the label row next to the
        // edge's source, where its label goes).
        let (upper, lower, label_row) = match from_row.cmp(&to_row) {
            core::cmp::Ordering::Less => (edge.from, edge.to, from_row + 1),
            core::cmp::Ordering::Greater => (edge.to, edge.from, from_row - 1),
            core::cmp::Ordering::Equal => (edge.from, edge.to, from_row + 1),
        };
        let label_width = if edge.label.0 > 0.0 {
            LINE_WIDTH + LABEL_OFFSET + edge.label.0
        } else {
            LINE_WIDTH
        };
        let mut chain = vec![upper];
        if from_row == to_row {
            // Down into the label row below, and back up.
            chain.push(layered.add(
                Vertex::Dummy {
                    edge: index,
                    label: true,
                },
                label_row,
                label_width,
            ));
        } else {
            let (top, bottom) = (2 * boxes[upper].depth, 2 * boxes[lower].depth);
            for row in top + 1..bottom {
                let label = row == label_row;
                let width = if label { label_width } else { LINE_WIDTH };
                chain.push(layered.add(Vertex::Dummy { edge: index, label }, row, width));
            }
        }
        // Boxes were added first, in box order: box `lower` is vertex
        // `lower`.
        chain.push(lower);
        for pair in chain.windows(2) {
            let (above, below) = (pair[0], pair[1]);
            if layered.row_of[above] < layered.row_of[below] {
                layered.down[above].push(below);
                layered.up[below].push(above);
            } else {
                layered.down[below].push(above);
                layered.up[above].push(below);
            }
        }
        // Where a dummy starts in its row. An edge from a box down to one
        // of its descendants (a tree edge, or a `Weak` back up to an
        // ancestor, laid out reversed) runs beside the tree's path between
        // them: each dummy sorts with the path's box at its depth, just
        // after it. Any other edge starts beside its upper box.
        let path_end = is_ancestor(boxes, edges, upper, lower).then_some(lower);
        for &vertex in &chain[1..chain.len() - 1] {
            let depth = layered.row_of[vertex].div_ceil(2);
            layered.tree_order[vertex] = match path_end {
                Some(lower) => preorder[ancestor_at(boxes, edges, lower, depth)],
                None => preorder[upper],
            };
            layered.even_path[vertex] = path_end.map(|lower| boxes[lower].depth.is_multiple_of(2));
        }
        layered.chains[index] = chain;
    }
    layered
}

impl Layered {
    /// Adds a vertex at the end of `row`.
    fn add(&mut self, vertex: Vertex, row: usize, width: f64) -> usize {
        let id = self.vertices.len();
        self.vertices.push(vertex);
        self.row_of.push(row);
        self.widths.push(width);
        self.up.push(Vec::new());
        self.down.push(Vec::new());
        self.sibling_of.push(None);
        self.tree_order.push(0);
        self.even_path.push(None);
        self.rows[row].push(id);
        id
    }

    /// The space to keep between the centres of vertices `left` and
    /// `right`, neighbours in a row.
    pub(super) fn separation(&self, left: usize, right: usize) -> f64 {
        let gap = match (self.vertices[left], self.vertices[right]) {
            (Vertex::Box(_), Vertex::Box(_)) => BOX_GAP,
            _ => DUMMY_GAP,
        };
        self.anchor_offset(left, false) + gap + self.anchor_offset(right, true)
    }

    /// How far a vertex's anchor (the x its neighbours pull on: a box's
    /// centre, a dummy's line) is from its left edge (`from_left`) or its
    /// right edge.
    pub(super) fn anchor_offset(&self, vertex: usize, from_left: bool) -> f64 {
        let width = self.widths[vertex];
        match self.vertices[vertex] {
            Vertex::Box(_) => {
                // A loop's room is on the right: the anchor stays at the
                // box's own centre.
                let body = width - self.loop_room(vertex);
                if from_left {
                    body / 2.0
                } else {
                    width - body / 2.0
                }
            }
            Vertex::Dummy { .. } => {
                if from_left {
                    LINE_WIDTH / 2.0
                } else {
                    width - LINE_WIDTH / 2.0
                }
            }
        }
    }

    /// The room a box keeps on its right for its loops.
    fn loop_room(&self, vertex: usize) -> f64 {
        self.loop_room.get(vertex).copied().unwrap_or(0.0)
    }
}

/// The ancestor of box `node` in the walk's tree at depth `depth` (the box
/// itself at its own depth or deeper).
fn ancestor_at(boxes: &[BoxSpec], edges: &[EdgeSpec], mut node: usize, depth: usize) -> usize {
    while boxes[node].depth > depth {
        match boxes[node].tree_edge {
            Some(edge) => node = edges[edge].from,
            None => break,
        }
    }
    node
}

/// Whether box `upper` is `lower` or one of its ancestors in the walk's
/// tree.
fn is_ancestor(boxes: &[BoxSpec], edges: &[EdgeSpec], upper: usize, lower: usize) -> bool {
    ancestor_at(boxes, edges, lower, boxes[upper].depth) == upper
}

/// Each box's preorder number in the walk's tree: children in the order of
/// their tree edges, which is declaration order.
fn tree_preorder(boxes: &[BoxSpec], edges: &[EdgeSpec]) -> Vec<usize> {
    let mut children: Vec<Vec<(usize, usize)>> = vec![Vec::new(); boxes.len()];
    let mut roots = Vec::new();
    for (index, spec) in boxes.iter().enumerate() {
        match spec.tree_edge {
            Some(edge) => children[edges[edge].from].push((edge, index)),
            None => roots.push(index),
        }
    }
    for list in &mut children {
        list.sort_unstable();
    }
    let mut number = vec![0; boxes.len()];
    let mut next = 0;
    let mut stack: Vec<usize> = roots.into_iter().rev().collect();
    while let Some(node) = stack.pop() {
        number[node] = next;
        next += 1;
        stack.extend(children[node].iter().rev().map(|&(_, child)| child));
    }
    number
}

/// For each box, the room its loops (edges back to itself) take on its
/// right: the loop and the widest loop label.
fn loop_widths(boxes: &[BoxSpec], edges: &[EdgeSpec]) -> Vec<f64> {
    let mut room = vec![0.0_f64; boxes.len()];
    for edge in edges.iter().filter(|edge| edge.from == edge.to) {
        let label = if edge.label.0 > 0.0 {
            LABEL_OFFSET + edge.label.0
        } else {
            0.0
        };
        room[edge.from] = f64::max(room[edge.from], LOOP_REACH + label);
    }
    room
}
