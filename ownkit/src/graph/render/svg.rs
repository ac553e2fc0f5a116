//! [`Graph::to_svg`] (feature `svg`): the graph as an SVG picture.
//!
//! The layout is ownkit's own, not a layout crate's. `layout-rs` (0.1.x,
//! no required dependencies, and it could even read [`Graph::to_dot`]'s
//! output, with dashed, dotted and thick edges) would draw nicer pictures
//! of arbitrary graphs, but it needs `std` where this crate is `no_std`, is
//! a young pre-1.0 crate kept by one person, and would lay out again what
//! the walk already knows: every node has a tree edge, so its depth in that
//! tree gives the rows for free, and the plain arithmetic below draws them
//! deterministically with no dependency at all.
//!
//! The picture: one row per depth of the walk's tree, the nodes of a row
//! in the order the walk found them, centred. A tree edge (and any edge
//! down the rows) is a cubic curve from the bottom of its node to the top
//! of its target; an edge that goes back up or along its row bulges out
//! to the right, between the nodes' right sides. Arrowheads are a
//! `<marker>`; the edge kinds differ by stroke width and dash pattern, and
//! the edges of a strong cycle are red.

use alloc_crate::string::String;
use alloc_crate::vec::Vec;
use core::fmt::Write;

use super::{cycle_edges, node_lines, stroke};
use crate::graph::model::{Graph, NodeKind};

/// The width of one character of the 12px monospace font, rounded up so
/// text stays inside its box.
const CHAR_WIDTH: usize = 8;
/// The height of one line of text.
const LINE_HEIGHT: usize = 16;
/// The space between a box's border and its text.
const PADDING: usize = 8;
/// The space between two boxes of a row.
const COLUMN_GAP: usize = 32;
/// The space between two rows, where the edges and their labels go.
const ROW_GAP: usize = 64;
/// The space around the picture.
const MARGIN: usize = 24;

/// Where a node's box is.
#[derive(Clone, Copy, Debug, Default)]
struct Placed {
    x: usize,
    y: usize,
    width: usize,
    height: usize,
}

impl Graph {
    /// The graph as a standalone SVG picture (feature `svg`).
    ///
    /// Rows by depth in the walk's tree, nodes in walk order, each a box
    /// with its short type and what it is; edges labelled with their path,
    /// solid for owns, thick for shares, dashed for weak, dotted for
    /// borrows, red on a strong cycle. Text is escaped, and the picture is
    /// the same on every run.
    ///
    /// ```
    /// use ownkit::graph::Graph;
    ///
    /// let graph = Graph::of(&ownkit::Box::new(vec![1_u8]));
    /// let svg = graph.to_svg();
    /// assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    /// assert!(svg.contains(">Box&lt;Vec&lt;u8&gt;&gt;</text>"));
    /// assert!(svg.trim_end().ends_with("</svg>"));
    /// ```
    #[must_use]
    pub fn to_svg(&self) -> String {
        let lines: Vec<Vec<String>> = self.nodes().map(node_lines).collect();
        let placed = self.layout(&lines);
        let width = placed
            .iter()
            .map(|node| node.x + node.width)
            .max()
            .unwrap_or(0)
            // Room for the edges that bulge out to the right.
            + MARGIN
            + ROW_GAP;
        let height = placed
            .iter()
            .map(|node| node.y + node.height)
            .max()
            .unwrap_or(0)
            + MARGIN;

        let mut out = String::new();
        let _ = writeln!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
             viewBox=\"0 0 {width} {height}\" font-family=\"monospace\" font-size=\"12\">"
        );
        out.push_str("  <defs>\n");
        for (id, color) in [("arrow", "black"), ("arrow-cycle", "red")] {
            let _ = writeln!(
                out,
                "    <marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" \
                 markerWidth=\"10\" markerHeight=\"10\" markerUnits=\"userSpaceOnUse\" \
                 orient=\"auto\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"{color}\"/></marker>"
            );
        }
        out.push_str("  </defs>\n");

        let on_cycle = cycle_edges(self);
        for edge in self.edges() {
            let from = placed[edge.from().id().index()];
            let to = placed[edge.to().id().index()];
            let (start, control_1, control_2, end) = if to.y > from.y {
                let middle = (from.y + from.height + to.y) / 2;
                let start = (from.x + from.width / 2, from.y + from.height);
                let end = (to.x + to.width / 2, to.y);
                (start, (start.0, middle), (end.0, middle), end)
            } else {
                let start = (from.x + from.width, from.y + from.height / 2);
                let end = (to.x + to.width, to.y + to.height / 2);
                let bulge = ROW_GAP + start.1.abs_diff(end.1) / 4;
                (
                    start,
                    (start.0 + bulge, start.1),
                    (end.0 + bulge, end.1),
                    end,
                )
            };
            let (width, dashes) = stroke(edge.kind());
            let cycle = on_cycle[edge.index()];
            let (color, marker) = if cycle {
                ("red", "arrow-cycle")
            } else {
                ("black", "arrow")
            };
            let _ = write!(
                out,
                "  <path class=\"{}\" d=\"M {} {} C {} {}, {} {}, {} {}\" fill=\"none\" \
                 stroke=\"{color}\" stroke-width=\"{}\"",
                edge.kind().name(),
                start.0,
                start.1,
                control_1.0,
                control_1.1,
                control_2.0,
                control_2.1,
                end.0,
                end.1,
                if cycle { "3.5" } else { width },
            );
            if let Some(dashes) = dashes {
                let _ = write!(out, " stroke-dasharray=\"{dashes}\"");
            }
            let _ = writeln!(out, " marker-end=\"url(#{marker})\"/>");
            if !edge.path().is_empty() {
                // The curve's middle point, where t = 1/2.
                let x = (start.0 + 3 * control_1.0 + 3 * control_2.0 + end.0) / 8;
                let y = (start.1 + 3 * control_1.1 + 3 * control_2.1 + end.1) / 8;
                let _ = write!(
                    out,
                    // A white outline keeps the label legible over the lines.
                    "  <text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"{}\" stroke=\"white\" \
                     stroke-width=\"3\" paint-order=\"stroke\">",
                    x + 4,
                    y,
                    if cycle { "red" } else { "#555" }
                );
                push_escaped(&mut out, edge.path());
                out.push_str("</text>\n");
            }
        }

        for (node, (place, text)) in self.nodes().zip(placed.iter().zip(&lines)) {
            let _ = writeln!(
                out,
                "  <g id=\"n{}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" \
                 fill=\"{}\" stroke=\"#333\"/>",
                node.id().index(),
                place.x,
                place.y,
                place.width,
                place.height,
                fill(node.kind()),
            );
            for (line, content) in text.iter().enumerate() {
                let _ = write!(
                    out,
                    "    <text x=\"{}\" y=\"{}\">",
                    place.x + PADDING,
                    place.y + PADDING + (line + 1) * LINE_HEIGHT - 4,
                );
                push_escaped(&mut out, content);
                out.push_str("</text>\n");
            }
            out.push_str("  </g>\n");
        }
        out.push_str("</svg>\n");
        out
    }

    /// Places every node's box: a row per depth in the walk's tree, the
    /// nodes of a row in walk order, each row centred.
    fn layout(&self, lines: &[Vec<String>]) -> Vec<Placed> {
        // A node's tree edge comes from a node the walk found before it,
        // so one pass in node order sees every parent's depth first.
        let mut depth = alloc_crate::vec![0_usize; self.nodes.len()];
        for (index, record) in self.nodes.iter().enumerate() {
            if let Some(via) = record.via() {
                let parent = self.edges[via as usize].from as usize;
                debug_assert!(
                    parent < index,
                    "node {index} was reached from node {parent}, found after it"
                );
                depth[index] = depth.get(parent).map_or(0, |parent| parent + 1);
            }
        }
        let rows = depth.iter().max().map_or(0, |deepest| deepest + 1);
        let mut placed: Vec<Placed> = lines
            .iter()
            .map(|text| {
                let widest = text
                    .iter()
                    .map(|line| line.chars().count())
                    .max()
                    .unwrap_or(0);
                Placed {
                    x: 0,
                    y: 0,
                    width: widest * CHAR_WIDTH + 2 * PADDING,
                    height: text.len().max(1) * LINE_HEIGHT + 2 * PADDING,
                }
            })
            .collect();
        let mut row_width = alloc_crate::vec![0_usize; rows];
        let mut row_height = alloc_crate::vec![0_usize; rows];
        for (place, &row) in placed.iter().zip(&depth) {
            if row_width[row] > 0 {
                row_width[row] += COLUMN_GAP;
            }
            row_width[row] += place.width;
            row_height[row] = row_height[row].max(place.height);
        }
        let widest_row = row_width.iter().copied().max().unwrap_or(0);
        let mut row_y = Vec::with_capacity(rows);
        let mut y = MARGIN;
        for height in &row_height {
            row_y.push(y);
            y += height + ROW_GAP;
        }
        // Where the next box of each row goes.
        let mut next_x: Vec<usize> = row_width
            .iter()
            .map(|width| MARGIN + (widest_row - width) / 2)
            .collect();
        for (place, &row) in placed.iter_mut().zip(&depth) {
            place.x = next_x[row];
            place.y = row_y[row];
            next_x[row] += place.width + COLUMN_GAP;
        }
        placed
    }
}

/// A box's background, by what the node is: heap blocks warm, shared
/// values green, borrowed ones violet, hidden ones grey.
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

/// Appends `text` as SVG character data: `&`, `<` and `>` escaped, and `"`
/// too so that the same text is safe in an attribute.
fn push_escaped(out: &mut String, text: &str) {
    for character in text.chars() {
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            other => out.push(other),
        }
    }
}

#[cfg(test)]
mod tests;
