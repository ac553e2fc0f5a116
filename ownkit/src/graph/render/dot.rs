//! [`Graph::to_dot`]: the graph in Graphviz's DOT language.
//!
//! Every node becomes `n<number>` (its [`NodeId`](crate::graph::NodeId)),
//! labelled with its type and what it is; every edge keeps its path as its
//! label. Strings are quoted, with `"` and `\` escaped, so no type name
//! can break the syntax.

use alloc_crate::format;
use alloc_crate::string::String;
use core::fmt::Write;

use super::drawing::Drawing;
use super::{CYCLE_COLOR, CYCLE_WIDTH};
use crate::graph::model::Graph;

impl Graph {
    /// The graph in Graphviz's DOT language, ready for `dot -Tsvg`.
    ///
    /// Nodes are `n0`, `n1`... in walk order, labelled with their short
    /// type (and label, if they have one) and what they are (`Heap 8
    /// bytes`, `Rc strong 2 weak 1, 56 bytes`), filled with the SVG
    /// picture's colours. Edges are labelled with their path and styled by
    /// kind as in the SVG: owns `solid`, shares `solid` and thick
    /// (`penwidth=3`), weak `dashed`, borrows `dotted`; the edges of a
    /// strong cycle are red and thicker. The graph asks for
    /// `ordering=out`, so `dot` keeps fields in declaration order. The
    /// text is the same on every run: no addresses.
    ///
    /// ```
    /// use ownkit::graph::Graph;
    ///
    /// let graph = Graph::of(&ownkit::Box::new(1_u16));
    /// assert_eq!(
    ///     graph.to_dot(),
    ///     "digraph ownership {\n    \
    ///          graph [ordering=out, bgcolor=white];\n    \
    ///          node [shape=box, style=\"rounded,filled\", fontname=\"monospace\"];\n    \
    ///          edge [fontname=\"monospace\"];\n    \
    ///          n0 [label=\"Box<u16>\", fillcolor=\"#e8f0fe\"];\n    \
    ///          n1 [label=\"u16\\nHeap 2 bytes\", fillcolor=\"#fff4e0\"];\n    \
    ///          n0 -> n1 [style=solid, penwidth=1.5];\n\
    ///      }\n",
    /// );
    /// ```
    #[must_use]
    pub fn to_dot(&self) -> String {
        write_dot(&Drawing::of_graph(self))
    }
}

/// Writes `drawing` in DOT: its boxes `n0`, `n1`... in order, then its
/// edges.
pub(super) fn write_dot(drawing: &Drawing<'_>) -> String {
    let mut out = format!("digraph {} {{\n", drawing.name);
    // Children left to right in the order of their edges, which is
    // declaration order; a white background, as the SVG has.
    out.push_str("    graph [ordering=out, bgcolor=white];\n");
    out.push_str("    node [shape=box, style=\"rounded,filled\", fontname=\"monospace\"];\n");
    out.push_str("    edge [fontname=\"monospace\"];\n");
    for (index, drawn) in drawing.boxes.iter().enumerate() {
        let _ = write!(out, "    n{index} [label=\"");
        for (line, text) in drawn.lines.iter().enumerate() {
            if line > 0 {
                out.push_str("\\n");
            }
            push_escaped(&mut out, text);
        }
        let _ = write!(out, "\", fillcolor=\"{}\"", drawn.fill);
        if let Some(border) = drawn.border {
            let _ = write!(
                out,
                ", style=\"rounded,filled,dashed\", color=\"{}\"",
                border.color
            );
        }
        out.push_str("];\n");
    }
    for edge in &drawing.edges {
        let _ = write!(out, "    n{} -> n{} [", edge.from, edge.to);
        if !edge.label.is_empty() {
            out.push_str("label=\"");
            push_escaped(&mut out, edge.label);
            out.push_str("\", ");
        }
        let _ = write!(out, "style={}", edge.style.dot);
        if edge.on_cycle {
            let _ = write!(out, ", color={CYCLE_COLOR}, penwidth={CYCLE_WIDTH}");
        } else {
            let _ = write!(out, ", penwidth={}", edge.style.width);
        }
        out.push_str("];\n");
    }
    out.push_str("}\n");
    out
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
