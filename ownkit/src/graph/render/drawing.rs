//! A picture before it is written out: boxes, the edges between them, and
//! how each is drawn.
//!
//! A [`Graph`] becomes a drawing here ([`Drawing::of_graph`]) and a
//! [`DropReport`](crate::trace::DropReport) in `drops.rs`; the DOT, SVG and
//! HTML writers each write any drawing. So both kinds of picture share one
//! layout, one look and one set of conventions: a box's `step` and its
//! parent give its path, its `details` are what hovering it shows, and its
//! place in the `story` is where a drop report's page highlights it.

use alloc_crate::format;
use alloc_crate::string::String;
use alloc_crate::vec::Vec;

use super::{CYCLE_COLOR, CYCLE_WIDTH, cycle_edges, fill, node_lines, stroke};
use crate::graph::model::{EdgeKind, Graph, NodeKind};

/// Everything a writer needs to draw a picture.
// Without `svg` only the DOT writer reads drawings, and it needs less.
#[cfg_attr(not(feature = "svg"), allow(dead_code))]
#[derive(Debug)]
pub(super) struct Drawing<'a> {
    /// What the picture shows, in one word: the DOT graph's name and the
    /// SVG's title (`ownership`, `drops`).
    pub(super) name: &'static str,
    pub(super) boxes: Vec<DrawnBox>,
    pub(super) edges: Vec<DrawnEdge<'a>>,
    pub(super) legend: Legend,
}

/// One box of a [`Drawing`].
// Without `svg` only the DOT writer reads drawings, and it needs less.
#[cfg_attr(not(feature = "svg"), allow(dead_code))]
#[derive(Debug)]
pub(super) struct DrawnBox {
    /// Its text, line by line.
    pub(super) lines: Vec<String>,
    /// What it is, as a CSS class beside `node` (`root`, `heap`, `freed`).
    pub(super) class: &'static str,
    /// Its background colour.
    pub(super) fill: &'static str,
    /// The colour and dash pattern of its border, when it is not the
    /// plain solid one: how an uncertain box looks different.
    pub(super) border: Option<Border>,
    /// Its row: its depth in the tree of the edges that first reached
    /// each box.
    pub(super) depth: usize,
    /// The edge that first reached it, from the box above it in that tree.
    pub(super) tree_edge: Option<usize>,
    /// The last step of its path (`.next.*`), after its parent's path; a
    /// root's whole path.
    pub(super) step: String,
    /// What hovering it tells, beside its path: pairs of a lowercase name
    /// (`type`, `counts`, `size`) and its value.
    pub(super) details: Vec<(&'static str, String)>,
    /// Its place in the story a drop report tells, from 0.
    pub(super) story: Option<usize>,
}

/// A box's border, when it is not the plain one.
#[cfg_attr(not(feature = "svg"), allow(dead_code))]
#[derive(Clone, Copy, Debug)]
pub(super) struct Border {
    pub(super) color: &'static str,
    pub(super) dashes: &'static str,
}

/// One edge of a [`Drawing`].
// Without `svg` only the DOT writer reads drawings, and it needs less.
#[cfg_attr(not(feature = "svg"), allow(dead_code))]
#[derive(Debug)]
pub(super) struct DrawnEdge<'a> {
    pub(super) from: usize,
    pub(super) to: usize,
    /// Its label: the path from its source to its target (`.next`).
    pub(super) label: &'a str,
    /// What it is, as a CSS class beside `edge` (`owns`, `weak`).
    pub(super) class: &'static str,
    pub(super) style: EdgeStyle,
    /// Whether it lies on a strong cycle: red and thick.
    pub(super) on_cycle: bool,
    /// Whether it keeps its target alive, as against a weak or borrowing
    /// link: the layout keeps such a target among its holder's fields.
    pub(super) strong: bool,
}

/// How an edge is drawn.
#[cfg_attr(not(feature = "svg"), allow(dead_code))]
#[derive(Clone, Copy, Debug)]
pub(super) struct EdgeStyle {
    /// The stroke width.
    pub(super) width: &'static str,
    /// SVG's dash pattern, `None` for a solid line.
    pub(super) dashes: Option<&'static str>,
    /// DOT's name for the same: `solid`, `dashed`, `dotted`.
    pub(super) dot: &'static str,
}

/// What a picture's legend explains.
#[cfg_attr(not(feature = "svg"), allow(dead_code))]
#[derive(Clone, Copy, Debug)]
pub(super) struct Legend {
    /// Each line style: what it means, its stroke width, its dash pattern
    /// and its colour.
    pub(super) edges: &'static [(
        &'static str,
        &'static str,
        Option<&'static str>,
        &'static str,
    )],
    /// Each kind of box: what it means, its fill, and its border if it is
    /// not the plain one.
    pub(super) boxes: &'static [(&'static str, &'static str, Option<Border>)],
}

/// The colour of an edge (DOT's and Mermaid's default already).
pub(super) const EDGE_COLOR: &str = "black";

/// The legend of an ownership graph.
const GRAPH_LEGEND: Legend = Legend {
    edges: &[
        ("owns", "1.5", None, EDGE_COLOR),
        ("shares", "3", None, EDGE_COLOR),
        ("weak", "1.5", Some("8 4"), EDGE_COLOR),
        ("borrows", "1.5", Some("2 3"), EDGE_COLOR),
        ("on a strong cycle", CYCLE_WIDTH, None, CYCLE_COLOR),
    ],
    boxes: &[
        ("the value", "#e8f0fe", None),
        ("inline value", "#ffffff", None),
        ("heap block", "#fff4e0", None),
        ("shared value", "#e6f4ea", None),
        ("borrowed", "#f3e8fd", None),
        ("hidden", "#eeeeee", None),
    ],
};

impl<'g> Drawing<'g> {
    /// The drawing of an ownership graph: a box per node with its type,
    /// label and what it is, an edge per edge, styled by kind, red on a
    /// strong cycle.
    pub(super) fn of_graph(graph: &'g Graph) -> Self {
        let on_cycle = cycle_edges(graph);
        // A node's tree edge comes from a node the walk found before it,
        // so one pass in node order sees every parent's depth first.
        let mut depth = alloc_crate::vec![0_usize; graph.node_count()];
        let mut boxes = Vec::with_capacity(graph.node_count());
        for node in graph.nodes() {
            let index = node.id().index();
            let tree_edge = graph.nodes[index].via().map(|via| via as usize);
            if let Some(via) = tree_edge {
                let parent = graph.edges[via].from as usize;
                debug_assert!(
                    parent < index,
                    "node {index} was reached from node {parent}, found after it"
                );
                depth[index] = depth[parent] + 1;
            }
            boxes.push(DrawnBox {
                lines: node_lines(node),
                class: node_class(node.kind()),
                fill: fill(node.kind()),
                border: None,
                depth: depth[index],
                tree_edge,
                step: node.step(),
                details: graph_details(node.type_name(), node.kind()),
                story: None,
            });
        }
        let edges = graph
            .edges()
            .map(|edge| {
                let (width, dashes) = stroke(edge.kind());
                DrawnEdge {
                    from: edge.from().id().index(),
                    to: edge.to().id().index(),
                    label: edge.path(),
                    class: edge.kind().name(),
                    style: EdgeStyle {
                        width,
                        dashes,
                        dot: dot_style(edge.kind()),
                    },
                    on_cycle: on_cycle[edge.index()],
                    strong: edge.kind().is_strong(),
                }
            })
            .collect();
        Self {
            name: "ownership",
            boxes,
            edges,
            legend: GRAPH_LEGEND,
        }
    }
}

/// The CSS class that says what a node is, beside `node`.
fn node_class(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Root => "root",
        NodeKind::Value => "value",
        NodeKind::Heap { .. } => "heap",
        NodeKind::Buffer { .. } => "buffer",
        NodeKind::Shared { .. } => "shared",
        NodeKind::Borrowed => "borrowed",
        NodeKind::Hidden { .. } => "hidden",
    }
}

/// The DOT style of an edge of each kind; the widths come from
/// [`stroke`], as in the SVG.
fn dot_style(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Owns | EdgeKind::Shares => "solid",
        EdgeKind::Weak => "dashed",
        EdgeKind::Borrows => "dotted",
    }
}

/// What hovering a node of a graph tells: its full type, its counts and
/// its size, where it has them.
fn graph_details(type_name: &str, kind: NodeKind) -> Vec<(&'static str, String)> {
    let mut details = alloc_crate::vec![("type", String::from(type_name))];
    match kind {
        NodeKind::Heap { size, align } | NodeKind::Buffer { size, align } => {
            details.push(("size", format!("{size} bytes (align {align})")));
        }
        NodeKind::Shared {
            pointer,
            size,
            strong,
            weak,
        } => {
            details.push((
                "counts",
                format!("{} strong {strong}, weak {weak}", pointer.display_name()),
            ));
            details.push(("size", format!("{size} bytes")));
        }
        NodeKind::Hidden { reason, .. } => details.push(("hidden", String::from(reason))),
        NodeKind::Root | NodeKind::Value | NodeKind::Borrowed => {}
    }
    details
}
