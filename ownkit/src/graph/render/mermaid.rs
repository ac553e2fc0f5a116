//! [`Graph::to_mermaid`]: the graph as a Mermaid flowchart.
//!
//! Mermaid has three arrow shapes that matter here: `-->`, the thick
//! `==>` and the dotted `-.->`. Weak and borrowing links both use `-.->`
//! and are told apart by a `linkStyle` line giving each its own dash
//! pattern; a `linkStyle` line also paints the edges of a strong cycle
//! red. `linkStyle` counts links in the order they are written, which is
//! the order of [`Graph::edges`], so an edge's number there is its
//! [`index`](crate::graph::Edge::index).

use alloc_crate::string::String;
use core::fmt::Write;

use super::{CYCLE_COLOR, CYCLE_WIDTH, cycle_edges, fill, node_lines, stroke};
use crate::graph::model::{EdgeKind, Graph};

impl Graph {
    /// The graph as a Mermaid flowchart (`flowchart TD`), for Markdown
    /// that renders Mermaid.
    ///
    /// Nodes are `n0`, `n1`... in walk order, with quoted labels (their
    /// short type, their own label if they have one, and what they are);
    /// edges carry their path. Owning edges
    /// are `-->`, sharing ones the thick `==>`, weak ones dashed and
    /// borrowing ones dotted (both `-.->`, told apart by `linkStyle`), and
    /// the edges of a strong cycle are red. Boxes are filled with the SVG
    /// picture's colours. No addresses: the text is the same on every run.
    ///
    /// ```
    /// use ownkit::graph::Graph;
    ///
    /// let number = 3_u8;
    /// let graph = Graph::of(&(ownkit::Box::new(1_u16), &number));
    /// assert_eq!(
    ///     graph.to_mermaid(),
    ///     "flowchart TD\n    \
    ///          n0[\"(Box#lt;u16#gt;, #amp;u8)\"]\n    \
    ///          n1[\"u16<br>Heap 2 bytes\"]\n    \
    ///          n2[\"u8<br>borrowed\"]\n    \
    ///          n0 -->|\".0\"| n1\n    \
    ///          n0 -.->|\".1\"| n2\n    \
    ///          style n0 fill:#e8f0fe,stroke:#333\n    \
    ///          style n1 fill:#fff4e0,stroke:#333\n    \
    ///          style n2 fill:#f3e8fd,stroke:#333\n    \
    ///          linkStyle 1 stroke-width:1.5px,stroke-dasharray:2 3\n",
    /// );
    /// ```
    #[must_use]
    pub fn to_mermaid(&self) -> String {
        let on_cycle = cycle_edges(self);
        let mut out = String::from("flowchart TD\n");
        for node in self.nodes() {
            let _ = write!(out, "    n{}[\"", node.id().index());
            for (line, text) in node_lines(node).iter().enumerate() {
                if line > 0 {
                    out.push_str("<br>");
                }
                push_escaped(&mut out, text);
            }
            out.push_str("\"]\n");
        }
        for edge in self.edges() {
            let arrow = match edge.kind() {
                EdgeKind::Owns => "-->",
                EdgeKind::Shares => "==>",
                EdgeKind::Weak | EdgeKind::Borrows => "-.->",
            };
            let _ = write!(out, "    n{} {arrow}", edge.from().id().index());
            if !edge.path().is_empty() {
                out.push_str("|\"");
                push_escaped(&mut out, edge.path());
                out.push_str("\"|");
            }
            let _ = writeln!(out, " n{}", edge.to().id().index());
        }
        // The boxes' colours, as in the SVG picture.
        for node in self.nodes() {
            let _ = writeln!(
                out,
                "    style n{} fill:{},stroke:#333",
                node.id().index(),
                fill(node.kind())
            );
        }
        for edge in self.edges() {
            let (width, dashes) = stroke(edge.kind());
            let cycle = on_cycle[edge.index()];
            if dashes.is_none() && !cycle {
                // The arrow shape alone says it.
                continue;
            }
            let _ = write!(out, "    linkStyle {} ", edge.index());
            if cycle {
                let _ = write!(out, "stroke:{CYCLE_COLOR},stroke-width:{CYCLE_WIDTH}px");
            } else {
                let _ = write!(out, "stroke-width:{width}px");
            }
            if let Some(dashes) = dashes {
                let _ = write!(out, ",stroke-dasharray:{dashes}");
            }
            out.push('\n');
        }
        out
    }
}

/// Appends `text` for the inside of a quoted Mermaid label. Mermaid reads
/// `#name;` as an HTML entity and renders labels as HTML, so `"` (which
/// would end the label), `#`, `&`, `<` and `>` (which would start a tag:
/// `Vec<Leaf>` is full of them) are written as entities.
fn push_escaped(out: &mut String, text: &str) {
    for character in text.chars() {
        match character {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '\n' => out.push_str("<br>"),
            other => out.push(other),
        }
    }
}
