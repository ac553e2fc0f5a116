//! [`DropReport::to_dot`] and `DropReport::to_svg` (feature `svg`): the
//! destruction a capture recorded, drawn.
//!
//! The report is a tree, so its picture is one: each dropped value is a
//! box under the value it dropped inside of, on an edge labelled with its
//! field path (`.songs`, `[0]`, `.*`), and numbered (`#3`) in the order
//! its drop began, which is the report's order. Each heap block a drop
//! freed is a box of its own under that value, marked with its size, on
//! a dashed edge labelled with the field that held it (`.name`), if the
//! value announced one. A value whose place the report had to guess is
//! drawn yellow with a dashed border, and says why. The boxes are laid
//! out, written and explained by a legend exactly as a [`Graph`]'s are
//! (`drawing.rs`): the drop report lives below the graph in the crate,
//! and its pictures are the graph's renderers put to a second use.
//!
//! [`Graph`]: crate::graph::Graph

use alloc_crate::format;
use alloc_crate::string::String;
use alloc_crate::vec::Vec;

use super::dot::write_dot;
use super::drawing::{Border, Drawing, DrawnBox, DrawnEdge, EDGE_COLOR, EdgeStyle, Legend};
use crate::trace::{DropReport, Moment};

/// The background of a value dropped at the top level of the capture.
const ROOT_FILL: &str = "#e8f0fe";
/// The background of a value dropped inside another.
const VALUE_FILL: &str = "#ffffff";
/// The background of a named scope: a stack frame, say.
const SCOPE_FILL: &str = "#eceff1";
/// The background of a freed heap block (a graph's heap blocks have it).
const FREED_FILL: &str = "#fff4e0";
/// How a value whose place is a guess looks: yellow, in a dashed border.
const UNCERTAIN_FILL: &str = "#fff3c4";
const UNCERTAIN_BORDER: Border = Border {
    color: "#b35c00",
    dashes: "5 3",
};

/// The edge from a value to a value dropped inside it.
const INSIDE: EdgeStyle = EdgeStyle {
    width: "1.5",
    dashes: None,
    dot: "solid",
};
/// The edge from a value to a block its drop freed.
const FREES: EdgeStyle = EdgeStyle {
    width: "1.5",
    dashes: Some("4 3"),
    dot: "dashed",
};

/// The legend of a drop report's picture.
const DROPS_LEGEND: Legend = Legend {
    edges: &[
        ("dropped inside", INSIDE.width, INSIDE.dashes, EDGE_COLOR),
        ("frees", FREES.width, FREES.dashes, EDGE_COLOR),
    ],
    boxes: &[
        ("#n: the n-th drop", VALUE_FILL, None),
        ("dropped at top level", ROOT_FILL, None),
        ("heap block freed", FREED_FILL, None),
        ("scope", SCOPE_FILL, None),
        ("place uncertain", UNCERTAIN_FILL, Some(UNCERTAIN_BORDER)),
    ],
};

/// How many characters of an uncertain value's reason go on one line of
/// its box.
const REASON_WIDTH: usize = 40;

impl<'r> Drawing<'r> {
    /// The drawing of a drop report: a box per dropped value and per
    /// freed block, in the order they happened (their place in the story
    /// the HTML page steps through), each under the value whose drop it
    /// happened in.
    pub(super) fn of_drops(report: &'r DropReport) -> Self {
        let story = report.story();
        let mut boxes: Vec<DrawnBox> = Vec::with_capacity(story.len());
        let mut edges: Vec<DrawnEdge<'r>> = Vec::new();
        // The box of each dropped value, by its number in the order the
        // drops began; a value's box is made before anything inside it.
        let values = story
            .iter()
            .filter(|moment| matches!(moment, Moment::Dropped(_)))
            .count();
        let mut box_of_value = alloc_crate::vec![usize::MAX; values];
        // Values are numbered in the order their drops began; a named
        // scope is no drop, and takes no number.
        let mut drops = 0;
        for (moment_index, moment) in story.iter().enumerate() {
            let index = boxes.len();
            let (owner, step, style, class) = match moment {
                Moment::Dropped(node) => (node.parent(), node.step(), INSIDE, "inside"),
                Moment::Freed { owner, step, .. } => (*owner, *step, FREES, "frees"),
            };
            let owner_box = owner.map(|owner| box_of_value[owner.order()]);
            let tree_edge = owner_box.map(|from| {
                edges.push(DrawnEdge {
                    from,
                    to: index,
                    // A scope's local (`/Local`) is named by its box.
                    label: if step.starts_with('/') { "" } else { step },
                    class,
                    style,
                    on_cycle: false,
                    strong: true,
                });
                edges.len() - 1
            });
            let depth = owner_box.map_or(0, |from| boxes[from].depth + 1);
            let mut drawn = match moment {
                Moment::Dropped(node) => {
                    box_of_value[node.order()] = index;
                    if node.is_scope() {
                        scope_box(node)
                    } else {
                        drops += 1;
                        value_box(node, drops, owner_box.is_none())
                    }
                }
                Moment::Freed { size, align, .. } => freed_box(*size, *align),
            };
            drawn.depth = depth;
            drawn.tree_edge = tree_edge;
            drawn.story = Some(moment_index);
            drawn.step = String::from(step);
            boxes.push(drawn);
        }
        Self {
            name: "drops",
            boxes,
            edges,
            legend: DROPS_LEGEND,
        }
    }
}

/// The box of a named scope: its name, and what it is. Placed by the
/// caller.
fn scope_box(node: &crate::trace::DropNode<'_>) -> DrawnBox {
    DrawnBox {
        lines: alloc_crate::vec![String::from(node.label()), String::from("scope")],
        class: "scope",
        fill: SCOPE_FILL,
        border: None,
        depth: 0,
        tree_edge: None,
        step: String::new(),
        details: Vec::new(),
        story: None,
    }
}

/// The box of the `number`-th dropped value: its number and label, its
/// note, and why its place is uncertain if it is. Placed by the caller.
fn value_box(node: &crate::trace::DropNode<'_>, number: usize, root: bool) -> DrawnBox {
    let mut lines = alloc_crate::vec![format!("#{number} {}", node.label())];
    let mut details = alloc_crate::vec![
        ("type", String::from(node.type_name())),
        ("order", format!("drop #{number}")),
    ];
    if let Some(note) = node.note() {
        lines.push(format!("({note})"));
        details.push(("note", String::from(note)));
    }
    let (class, fill, border) = match node.uncertain() {
        Some(reason) => {
            lines.extend(wrapped(&format!("uncertain: {reason}"), REASON_WIDTH));
            details.push(("reason", String::from(reason)));
            ("uncertain", UNCERTAIN_FILL, Some(UNCERTAIN_BORDER))
        }
        None if root => ("root", ROOT_FILL, None),
        None => ("value", VALUE_FILL, None),
    };
    DrawnBox {
        lines,
        class,
        fill,
        border,
        depth: 0,
        tree_edge: None,
        step: String::new(),
        details,
        story: None,
    }
}

/// The box of a freed heap block, marked with its size. Placed by the
/// caller.
fn freed_box(size: usize, align: usize) -> DrawnBox {
    let size_text = format!("{size} bytes (align {align})");
    DrawnBox {
        lines: alloc_crate::vec![format!("freed {size_text}")],
        class: "freed",
        fill: FREED_FILL,
        border: None,
        depth: 0,
        tree_edge: None,
        step: String::new(),
        details: alloc_crate::vec![("size", size_text)],
        story: None,
    }
}

/// `text` cut into lines of at most `width` characters, at spaces where
/// it has them.
fn wrapped(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let word_length = word.chars().count();
        let line_length = line.chars().count();
        if line_length > 0 && line_length + 1 + word_length > width {
            lines.push(core::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        // A word longer than a line is cut where the line ends.
        let mut rest = word;
        while rest.chars().count() > width {
            let cut = rest
                .char_indices()
                .nth(width)
                .map_or(rest.len(), |(at, _)| at);
            lines.push(format!("{line}{}", &rest[..cut]));
            line.clear();
            rest = &rest[cut..];
        }
        line.push_str(rest);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

impl DropReport {
    /// What the capture destroyed, in Graphviz's DOT language, ready for
    /// `dot -Tsvg`.
    ///
    /// Each dropped value is a box `#n Label`, numbered in the order its
    /// drop began, under the value it dropped inside of, on an edge
    /// labelled with its field path; each freed heap block is a box
    /// `freed 16 bytes (align 8)` on a dashed edge from the value whose
    /// drop freed it. A value the report placed by guesswork is yellow,
    /// with a dashed border and its reason. Colours and styles are those
    /// of `DropReport::to_svg` (feature `svg`); there are no addresses, so the text is
    /// the same on every run.
    ///
    /// ```
    /// use ownkit::TraceDrop;
    ///
    /// #[derive(TraceDrop)]
    /// struct Song {
    ///     #[ownkit(label)]
    ///     title: &'static str,
    /// }
    ///
    /// #[derive(TraceDrop)]
    /// struct Album {
    ///     songs: Vec<Song>,
    /// }
    ///
    /// let album = Album { songs: vec![Song { title: "Intro" }, Song { title: "Outro" }] };
    /// let report = ownkit::trace::capture(|| drop(album));
    /// let dot = report.to_dot();
    /// assert!(dot.starts_with("digraph drops {\n"));
    /// assert!(dot.contains("n0 [label=\"#1 Album\", fillcolor=\"#e8f0fe\"];"));
    /// assert!(dot.contains("n1 [label=\"#2 Song \\\"Intro\\\"\", fillcolor=\"#ffffff\"];"));
    /// assert!(dot.contains("n0 -> n1 [label=\".songs[0]\", style=solid, penwidth=1.5];"));
    /// ```
    #[must_use]
    pub fn to_dot(&self) -> String {
        write_dot(&Drawing::of_drops(self))
    }

    /// What the capture destroyed, as a standalone SVG picture (feature
    /// `svg`): the boxes and edges of [`to_dot`](Self::to_dot), laid out
    /// as [`Graph::to_svg`](crate::graph::Graph::to_svg) lays out a graph,
    /// in Graphviz's SVG structure, with a legend.
    ///
    /// Each box's group carries its place in the order things happened
    /// (`data-story`), what [`to_html`](Self::to_html)'s page steps
    /// through, and what hovering it shows there: its step from its parent
    /// (`data-step`), its parent, its full type and its drop number, or a
    /// freed block's size.
    ///
    /// ```
    /// let report = ownkit::trace::capture(|| drop(ownkit::Box::new(7_u64)));
    /// let svg = report.to_svg();
    /// assert!(svg.contains("<title>drops</title>"));
    /// assert!(svg.contains(">#1 Box&lt;u64&gt;</text>"));
    /// assert!(svg.contains(">freed 8 bytes (align 8)</text>"));
    /// assert!(svg.contains("<g id=\"node1\" class=\"node freed\" data-step=\"\" data-parent=\"node0\""));
    /// ```
    #[cfg(feature = "svg")]
    #[must_use]
    pub fn to_svg(&self) -> String {
        super::svg::write_svg(&Drawing::of_drops(self))
    }
}

#[cfg(test)]
mod tests;
