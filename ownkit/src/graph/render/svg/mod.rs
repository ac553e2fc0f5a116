//! [`Graph::to_svg`] (feature `svg`): the graph as an SVG picture.
//!
//! The picture is laid out by `layout.rs` (Graphviz `dot`'s layered
//! method, see there, with why ownkit does it itself) and written here in
//! Graphviz's own SVG structure: the drawing is a `<g class="graph">` with
//! a `<title>` and a white background, each node a `<g class="node">` with
//! a `<title>` (`n3`, its DOT name) around its box and text, and each edge
//! a `<g class="edge">` with a `<title>` (`n0->n3`) around its path, its
//! arrowhead (a `<polygon>`) and its label. Tools that read Graphviz's
//! pictures read these. A legend below the drawing explains the line
//! styles and the box colours, which are the same in the DOT and Mermaid
//! output (`render/mod.rs`).

mod layout;
mod order;
mod position;
mod route;

use alloc_crate::string::String;
use alloc_crate::vec::Vec;
use core::fmt::Write;

use self::layout::{BoxSpec, EdgeSpec, Layout, Piece, Rect, Route, lay_out};
use self::route::MARGIN;
use super::drawing::{Border, Drawing, DrawnBox, DrawnEdge, EDGE_COLOR, Legend};
use super::{CYCLE_COLOR, CYCLE_WIDTH};
use crate::graph::model::Graph;

/// The width of one character of the 12px monospace font of the boxes,
/// rounded up so text stays inside its box.
const CHAR_WIDTH: f64 = 8.0;
/// The height of one line of a box's text.
const LINE_HEIGHT: f64 = 16.0;
/// The space between a box's border and its text.
const PADDING: f64 = 8.0;
/// The width of one character of the 10px font of the edge labels,
/// rounded up.
const LABEL_CHAR_WIDTH: f64 = 6.5;
/// The height of an edge label's line.
const LABEL_HEIGHT: f64 = 13.0;
/// The length of an arrowhead, and half its width.
const ARROW: (f64, f64) = (9.0, 4.0);
/// The legend's line height and the sample line's length.
const LEGEND_LINE: f64 = 20.0;
const LEGEND_SAMPLE: f64 = 32.0;

impl Graph {
    /// The graph as a standalone SVG picture (feature `svg`).
    ///
    /// Laid out in rows by depth, as Graphviz's `dot` lays out a graph:
    /// each node a box with its short type and what it is, each edge
    /// labelled with its path, routed between the boxes, never under one;
    /// fields left to right in declaration order; the links that go back
    /// up (a `Weak` to a parent, the link that closes a cycle) point up.
    /// Solid for owns, thick for shares, dashed for weak, dotted for
    /// borrows, red on a strong cycle; a legend below says so. The SVG
    /// follows Graphviz's structure (`<g class="node">`, `<g
    /// class="edge">`, each with a `<title>`), text is escaped, and the
    /// picture is the same on every run. Each node's group also carries
    /// what hovering it shows in [`Graph::to_html`]'s page: its step from
    /// its parent (`data-step`), its parent (`data-parent`), its full type
    /// (`data-type`) and, where it has them, its counts and size.
    ///
    /// ```
    /// use ownkit::graph::Graph;
    ///
    /// let graph = Graph::of(&ownkit::Box::new(vec![1_u8]));
    /// let svg = graph.to_svg();
    /// assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    /// assert!(svg.contains("<g id=\"node0\" class=\"node root\" data-step=\"Box&lt;Vec&lt;u8&gt;&gt;\""));
    /// assert!(svg.contains("<title>n0</title>"));
    /// assert!(svg.contains(">Box&lt;Vec&lt;u8&gt;&gt;</text>"));
    /// assert!(svg.contains("<g id=\"edge0\" class=\"edge owns\"><title>n0-&gt;n1</title>"));
    /// assert!(svg.trim_end().ends_with("</svg>"));
    /// ```
    #[must_use]
    pub fn to_svg(&self) -> String {
        write_svg(&Drawing::of_graph(self))
    }
}

/// Writes `drawing` as an SVG picture: laid out, then its edges, its boxes
/// and its legend.
pub(super) fn write_svg(drawing: &Drawing<'_>) -> String {
    let layout = lay_out_drawing(drawing);
    let legend_top = layout.height;
    let (legend_width, legend_height) = legend_size(&drawing.legend);
    let width = layout.width.max(legend_width + 2.0 * MARGIN);
    let height = legend_top + legend_height + MARGIN;

    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" \
         viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"monospace\" font-size=\"12\">"
    );
    let _ = writeln!(
        out,
        "<g id=\"graph0\" class=\"graph\">\n<title>{}</title>",
        drawing.name
    );
    let _ = writeln!(
        out,
        "<rect class=\"background\" x=\"0\" y=\"0\" width=\"{width:.0}\" height=\"{height:.0}\" fill=\"white\"/>"
    );
    for (index, (edge, route)) in drawing.edges.iter().zip(&layout.routes).enumerate() {
        write_edge(&mut out, index, edge, route);
    }
    for (index, (drawn, place)) in drawing.boxes.iter().zip(&layout.boxes).enumerate() {
        write_box(&mut out, index, drawing, drawn, *place);
    }
    write_legend(&mut out, &drawing.legend, legend_top);
    out.push_str("</g>\n</svg>\n");
    out
}

/// Writes edge number `index`: a group with its title (`n0-&gt;n3`), its
/// line, its arrowhead and its label.
fn write_edge(out: &mut String, index: usize, edge: &DrawnEdge<'_>, route: &Route) {
    let color = if edge.on_cycle {
        CYCLE_COLOR
    } else {
        EDGE_COLOR
    };
    let _ = writeln!(
        out,
        "<g id=\"edge{index}\" class=\"edge {}{}\"><title>n{}-&gt;n{}</title>",
        edge.class,
        if edge.on_cycle { " cycle" } else { "" },
        edge.from,
        edge.to,
    );
    let _ = write!(
        out,
        "  <path d=\"{}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"{}\"",
        path_data(route),
        if edge.on_cycle {
            CYCLE_WIDTH
        } else {
            edge.style.width
        },
    );
    if let Some(dashes) = edge.style.dashes {
        let _ = write!(out, " stroke-dasharray=\"{dashes}\"");
    }
    out.push_str("/>\n");
    let _ = writeln!(
        out,
        "  <polygon points=\"{}\" fill=\"{color}\" stroke=\"{color}\"/>",
        arrowhead(route)
    );
    if let Some(label) = route.label {
        let _ = write!(
            out,
            "  <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"{}\">",
            label.x,
            label.bottom() - 3.0,
            if edge.on_cycle { CYCLE_COLOR } else { "#444" }
        );
        push_escaped(out, edge.label);
        out.push_str("</text>\n");
    }
    out.push_str("</g>\n");
}

/// Writes box number `index` at `place`: a group with its title (`n3`)
/// and, as `data-` attributes, what hovering it tells; then its rectangle
/// and its lines.
fn write_box(out: &mut String, index: usize, drawing: &Drawing<'_>, drawn: &DrawnBox, place: Rect) {
    let _ = write!(out, "<g id=\"node{index}\" class=\"node {}\"", drawn.class);
    out.push_str(" data-step=\"");
    push_escaped(out, &drawn.step);
    out.push('"');
    if let Some(edge) = drawn.tree_edge {
        let _ = write!(out, " data-parent=\"node{}\"", drawing.edges[edge].from);
    }
    for (name, value) in &drawn.details {
        let _ = write!(out, " data-{name}=\"");
        push_escaped(out, value);
        out.push('"');
    }
    if let Some(story) = drawn.story {
        let _ = write!(out, " data-story=\"{story}\"");
    }
    let _ = writeln!(out, "><title>n{index}</title>");
    let _ = write!(
        out,
        "  <rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"4\" fill=\"{}\"",
        place.x, place.y, place.width, place.height, drawn.fill,
    );
    write_border(out, drawn.border);
    out.push_str("/>\n");
    for (line, content) in drawn.lines.iter().enumerate() {
        let _ = write!(
            out,
            "  <text x=\"{:.1}\" y=\"{:.1}\">",
            place.x + PADDING,
            place.y + PADDING + (line as f64 + 1.0) * LINE_HEIGHT - 4.0,
        );
        push_escaped(out, content);
        out.push_str("</text>\n");
    }
    out.push_str("</g>\n");
}

/// Writes a box's stroke attributes: the plain dark border, or `border`.
fn write_border(out: &mut String, border: Option<Border>) {
    match border {
        None => out.push_str(" stroke=\"#333\""),
        Some(border) => {
            let _ = write!(
                out,
                " stroke=\"{}\" stroke-width=\"1.5\" stroke-dasharray=\"{}\"",
                border.color, border.dashes
            );
        }
    }
}

/// The layout of the picture: a box per drawn box, sized for its lines,
/// in the row of its depth.
fn lay_out_drawing(drawing: &Drawing<'_>) -> Layout {
    let boxes: Vec<BoxSpec> = drawing
        .boxes
        .iter()
        .map(|drawn| {
            let widest = drawn
                .lines
                .iter()
                .map(|line| line.chars().count())
                .max()
                .unwrap_or(0);
            BoxSpec {
                width: widest as f64 * CHAR_WIDTH + 2.0 * PADDING,
                height: drawn.lines.len().max(1) as f64 * LINE_HEIGHT + 2.0 * PADDING,
                depth: drawn.depth,
                tree_edge: drawn.tree_edge,
            }
        })
        .collect();
    let edges: Vec<EdgeSpec> = drawing
        .edges
        .iter()
        .map(|edge| EdgeSpec {
            from: edge.from,
            to: edge.to,
            strong: edge.strong,
            label: if edge.label.is_empty() {
                (0.0, 0.0)
            } else {
                (
                    edge.label.chars().count() as f64 * LABEL_CHAR_WIDTH,
                    LABEL_HEIGHT,
                )
            },
        })
        .collect();
    lay_out(&boxes, &edges)
}

/// The `d` attribute of a route's path.
fn path_data(route: &Route) -> String {
    let mut data = String::new();
    let _ = write!(data, "M{:.1},{:.1}", route.start.0, route.start.1);
    let (end, pieces) = shortened(route);
    for (index, piece) in pieces.iter().enumerate() {
        let last = index + 1 == pieces.len();
        match *piece {
            Piece::Line(x, y) => {
                let (x, y) = if last { end } else { (x, y) };
                let _ = write!(data, " L{x:.1},{y:.1}");
            }
            Piece::Curve([one, two, to]) => {
                let to = if last { end } else { to };
                let _ = write!(
                    data,
                    " C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
                    one.0, one.1, two.0, two.1, to.0, to.1
                );
            }
        }
    }
    data
}

/// The route's pieces, with the end pulled back by the arrowhead's length
/// so the line stops where the arrowhead starts.
fn shortened(route: &Route) -> ((f64, f64), &[Piece]) {
    let end = route.end();
    (
        (
            end.0 - route.arrow.0 * ARROW.0,
            end.1 - route.arrow.1 * ARROW.0,
        ),
        &route.pieces,
    )
}

/// The arrowhead at the route's end, as polygon points.
fn arrowhead(route: &Route) -> String {
    let (tip_x, tip_y) = route.end();
    let (dx, dy) = route.arrow;
    let (base_x, base_y) = (tip_x - dx * ARROW.0, tip_y - dy * ARROW.0);
    // Perpendicular to the direction.
    let (px, py) = (-dy * ARROW.1, dx * ARROW.1);
    let mut points = String::new();
    let _ = write!(
        points,
        "{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
        tip_x,
        tip_y,
        base_x + px,
        base_y + py,
        base_x - px,
        base_y - py
    );
    points
}

/// The legend's size: a row of edge styles over a row of box colours.
fn legend_size(legend: &Legend) -> (f64, f64) {
    let edges: f64 = legend
        .edges
        .iter()
        .map(|(name, ..)| LEGEND_SAMPLE + 8.0 + name.len() as f64 * CHAR_WIDTH + 20.0)
        .sum();
    let boxes: f64 = legend
        .boxes
        .iter()
        .map(|(name, ..)| 22.0 + name.len() as f64 * CHAR_WIDTH + 20.0)
        .sum();
    (
        edges.max(boxes) + 2.0 * PADDING,
        2.0 * LEGEND_LINE + 2.0 * PADDING,
    )
}

/// Writes the legend, its top at `top`: what each line style and each box
/// colour means.
fn write_legend(out: &mut String, legend: &Legend, top: f64) {
    let (width, height) = legend_size(legend);
    let _ = writeln!(
        out,
        "<g id=\"legend\" class=\"legend\"><title>legend</title>\n  <rect x=\"{MARGIN:.1}\" \
         y=\"{top:.1}\" width=\"{width:.1}\" height=\"{height:.1}\" fill=\"white\" stroke=\"#999\"/>"
    );
    let mut x = MARGIN + PADDING;
    let y = top + PADDING + LEGEND_LINE / 2.0;
    for (name, stroke_width, dashes, color) in legend.edges {
        let _ = write!(
            out,
            "  <line x1=\"{x:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"{color}\" \
             stroke-width=\"{stroke_width}\"",
            x + LEGEND_SAMPLE
        );
        if let Some(dashes) = dashes {
            let _ = write!(out, " stroke-dasharray=\"{dashes}\"");
        }
        out.push_str("/>\n");
        let _ = writeln!(
            out,
            "  <text x=\"{:.1}\" y=\"{:.1}\">{name}</text>",
            x + LEGEND_SAMPLE + 8.0,
            y + 4.0
        );
        x += LEGEND_SAMPLE + 8.0 + name.len() as f64 * CHAR_WIDTH + 20.0;
    }
    let mut x = MARGIN + PADDING;
    let y = top + PADDING + LEGEND_LINE * 1.5;
    for (name, color, border) in legend.boxes {
        let _ = write!(
            out,
            "  <rect x=\"{x:.1}\" y=\"{:.1}\" width=\"14\" height=\"10\" fill=\"{color}\"",
            y - 5.0
        );
        write_border(out, *border);
        out.push_str("/>\n");
        let _ = writeln!(
            out,
            "  <text x=\"{:.1}\" y=\"{:.1}\">{name}</text>",
            x + 22.0,
            y + 4.0
        );
        x += 22.0 + name.len() as f64 * CHAR_WIDTH + 20.0;
    }
    out.push_str("</g>\n");
}

/// Appends `text` as SVG character data: `&`, `<` and `>` escaped, and `"`
/// too so that the same text is safe in an attribute. HTML's character
/// data and attributes take the same.
pub(super) fn push_escaped(out: &mut String, text: &str) {
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
