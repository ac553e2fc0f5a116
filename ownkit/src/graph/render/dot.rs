//! [`Graph::to_dot`]: the graph in Graphviz's DOT language.
//!
//! Every node becomes `n<number>` (its [`NodeId`](crate::graph::NodeId)),
//! labelled with its type and what it is; every edge keeps its path as its
//! label. Strings are quoted, with `"` and `\` escaped, so no type name
//! can break the syntax.

use alloc_crate::string::String;
use core::fmt::Write;

use super::{cycle_edges, node_lines};
use crate::graph::model::{EdgeKind, Graph};

impl Graph {
    /// The graph in Graphviz's DOT language, ready for `dot -Tsvg`.
    ///
    /// Nodes are `n0`, `n1`... in walk order, labelled with their short
    /// type (and label, if they have one) and what they are (`Heap 8
    /// bytes`, `Rc strong 2 weak 1, 56 bytes`). Edges are labelled with their path and styled by kind:
    /// owns `solid`, shares `bold`, weak `dashed`, borrows `dotted`. The
    /// edges of a strong cycle are red and thicker. The text is the same
    /// on every run: no addresses.
    ///
    /// ```
    /// use ownkit::graph::Graph;
    ///
    /// let graph = Graph::of(&ownkit::Box::new(1_u16));
    /// assert_eq!(
    ///     graph.to_dot(),
    ///     "digraph ownership {\n    \
    ///          node [shape=box, fontname=\"monospace\"];\n    \
    ///          edge [fontname=\"monospace\"];\n    \
    ///          n0 [label=\"Box<u16>\"];\n    \
    ///          n1 [label=\"u16\\nHeap 2 bytes\"];\n    \
    ///          n0 -> n1 [style=solid];\n\
    ///      }\n",
    /// );
    /// ```
    #[must_use]
    pub fn to_dot(&self) -> String {
        let on_cycle = cycle_edges(self);
        let mut out = String::from("digraph ownership {\n");
        out.push_str("    node [shape=box, fontname=\"monospace\"];\n");
        out.push_str("    edge [fontname=\"monospace\"];\n");
        for node in self.nodes() {
            let _ = write!(out, "    n{} [label=\"", node.id().index());
            for (line, text) in node_lines(node).iter().enumerate() {
                if line > 0 {
                    out.push_str("\\n");
                }
                push_escaped(&mut out, text);
            }
            out.push_str("\"];\n");
        }
        for edge in self.edges() {
            let _ = write!(
                out,
                "    n{} -> n{} [",
                edge.from().id().index(),
                edge.to().id().index()
            );
            if !edge.path().is_empty() {
                out.push_str("label=\"");
                push_escaped(&mut out, edge.path());
                out.push_str("\", ");
            }
            out.push_str("style=");
            out.push_str(style(edge.kind()));
            if on_cycle[edge.index()] {
                out.push_str(", color=red, penwidth=2.5");
            }
            out.push_str("];\n");
        }
        out.push_str("}\n");
        out
    }
}

/// The DOT style of an edge of each kind.
fn style(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Owns => "solid",
        EdgeKind::Shares => "bold",
        EdgeKind::Weak => "dashed",
        EdgeKind::Borrows => "dotted",
    }
}

/// Appends `text` for the inside of a DOT double-quoted string: `"` and
/// `\` escaped, and a line break as DOT's `\n`, which is the only way
/// such a string can hold one.
fn push_escaped(out: &mut String, text: &str) {
    for character in text.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            other => out.push(other),
        }
    }
}
