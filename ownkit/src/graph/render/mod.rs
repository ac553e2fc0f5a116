//! Four ways to draw a [`Graph`]: an indented text tree (`Display`),
//! Graphviz ([`Graph::to_dot`]), Mermaid ([`Graph::to_mermaid`]) and, with
//! the `svg` feature, an SVG picture (`Graph::to_svg`).
//!
//! They all draw the same thing and draw it the same way on every run:
//! nodes in walk order, named by their short type (and label, for a value
//! whose type marks a field `#[ownkit(label)]`: `Song "Intro"`) and what
//! they are (`Heap 8 bytes`, `Rc strong 2 weak 1, 56 bytes`), never by
//! address, so the output is fit for snapshot tests. Each escapes what its
//! format needs escaped, labels included. The four edge kinds always look
//! different: solid for owns, bold for shares, dashed for weak, dotted for
//! borrows. The edges of a strong cycle (see [`Graph::cycles`]) are red.
//!
//! None of them recurses: a chain of a million boxes draws with a loop,
//! however deep it is.
//!
//! ```
//! use ownkit::graph::Graph;
//!
//! let number = 5_u8;
//! let pair = (ownkit::Box::new(1_u16), &number, &number);
//! let graph = Graph::of(&pair);
//! assert_eq!(
//!     graph.to_string(),
//!     "(Box<u16>, &u8, &u8)\n\
//!      ├── .0 owns u16 (Heap 2 bytes)\n\
//!      ├── .1 borrows u8 (borrowed)\n\
//!      └── .2 borrows ↩ u8 at (Box<u16>, &u8, &u8).1.*\n",
//! );
//! assert!(graph.to_dot().contains("n0 -> n2 [label=\".2\", style=dotted, penwidth=1.5]"));
//! assert!(graph.to_mermaid().starts_with("flowchart TD\n"));
//! ```

mod dot;
mod drawing;
#[cfg(feature = "std")]
mod drops;
#[cfg(all(feature = "svg", feature = "std"))]
mod heap;
#[cfg(feature = "svg")]
mod html;
mod mermaid;
#[cfg(feature = "svg")]
mod svg;
mod text;

use alloc_crate::format;
use alloc_crate::string::String;
use alloc_crate::vec::Vec;

use super::build::UNKNOWN_TYPE;
use super::model::{Edge, EdgeKind, Graph, Node, NodeKind};

/// Whether `edge` is the one its target was first reached by: the edge the
/// text tree expands the target under. Every other edge to it is drawn as
/// a reference.
fn is_tree_edge(edge: Edge<'_>) -> bool {
    edge.graph.nodes[edge.to().id().index()].via == edge.index
}

/// The node's type as the renderers name it, with its label if it has
/// one ([`Node::label`]), or `None` when the walk was not told its type (a
/// buffer or hidden contents reported in place).
fn title(node: Node<'_>) -> Option<String> {
    (node.type_name() != UNKNOWN_TYPE).then(|| node.label())
}

/// What the node is, in a few words (`Heap 8 bytes`), or `None` for a
/// plain value and the root, whose type says it all.
fn description(kind: NodeKind) -> Option<String> {
    match kind {
        NodeKind::Root | NodeKind::Value => None,
        NodeKind::Heap { size, .. } => Some(format!("Heap {}", bytes(size))),
        NodeKind::Buffer { size, .. } => Some(format!("buffer {}", bytes(size))),
        NodeKind::Shared {
            pointer,
            size,
            strong,
            weak,
        } => Some(format!(
            "{} strong {strong} weak {weak}, {}",
            pointer.display_name(),
            bytes(size)
        )),
        NodeKind::Borrowed => Some(String::from("borrowed")),
        NodeKind::Hidden { reason, .. } => Some(format!("hidden: {reason}")),
    }
}

/// A size in words: `1 byte`, `8 bytes`.
fn bytes(size: usize) -> String {
    if size == 1 {
        String::from("1 byte")
    } else {
        format!("{size} bytes")
    }
}

/// The lines of a node's box in the pictures: its type and label, then
/// what it is.
fn node_lines(node: Node<'_>) -> Vec<String> {
    title(node)
        .into_iter()
        .chain(description(node.kind()))
        .collect()
}

/// For each edge, whether it lies on a strong cycle: those are drawn red.
fn cycle_edges(graph: &Graph) -> Vec<bool> {
    let mut on_cycle = alloc_crate::vec![false; graph.edge_count()];
    for cycle in graph.cycles() {
        for edge in cycle.edges() {
            on_cycle[edge.index()] = true;
        }
    }
    on_cycle
}

/// The colour of an edge on a strong cycle.
const CYCLE_COLOR: &str = "red";
/// The stroke width of an edge on a strong cycle, whatever its kind.
const CYCLE_WIDTH: &str = "3.5";

/// A box's background, by what the node is: the value the graph was made
/// of blue, heap blocks warm, shared values green, borrowed ones violet,
/// hidden ones grey. The SVG, DOT and Mermaid pictures all use these.
fn fill(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Root => "#e8f0fe",
        NodeKind::Value => "#ffffff",
        NodeKind::Heap { .. } | NodeKind::Buffer { .. } => "#fff4e0",
        NodeKind::Shared { .. } => "#e6f4ea",
        NodeKind::Borrowed => "#f3e8fd",
        NodeKind::Hidden { .. } => "#eeeeee",
    }
}

/// How the pictures draw an edge of each kind, in SVG's terms (Mermaid's
/// `linkStyle` takes the same): the stroke width and the dash pattern.
fn stroke(kind: EdgeKind) -> (&'static str, Option<&'static str>) {
    match kind {
        EdgeKind::Owns => ("1.5", None),
        EdgeKind::Shares => ("3", None),
        EdgeKind::Weak => ("1.5", Some("8 4")),
        EdgeKind::Borrows => ("1.5", Some("2 3")),
    }
}
