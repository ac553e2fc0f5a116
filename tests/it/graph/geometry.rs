//! The geometry of an SVG picture in Graphviz's structure, read back out
//! of the SVG text: node boxes, edge lines, arrowheads and edge labels;
//! and the tests a legible picture passes.
//!
//! Both ownkit's pictures and Graphviz's `dot -Tsvg` output are read the
//! same way, so their edge crossings can be counted alike.

use roxmltree::{Document, Node, ParsingOptions};

/// A rectangle, as `(left, top, right, bottom)`.
pub(super) type Box2 = (f64, f64, f64, f64);

/// What a picture is made of.
#[derive(Debug, Default)]
pub(super) struct Picture {
    /// Each node's title (`n3`) and box.
    pub(super) nodes: Vec<(String, Box2)>,
    /// Each edge's title (`n0->n3`), its line as a polyline (curves
    /// sampled), and its label's text and box, if it has one.
    pub(super) edges: Vec<Edge>,
}

#[derive(Debug)]
pub(super) struct Edge {
    pub(super) title: String,
    pub(super) line: Vec<(f64, f64)>,
    pub(super) label: Option<(String, Box2)>,
}

/// How wide one character of a 10px monospace font is drawn (DejaVu Sans
/// Mono's advance is 0.602 em), and how tall a label's box is above and
/// below its baseline.
const LABEL_CHAR: f64 = 6.02;
const LABEL_ASCENT: f64 = 9.0;
const LABEL_DESCENT: f64 = 3.0;

impl Picture {
    /// Reads `svg`, ownkit's or Graphviz's. Graphviz draws in a group
    /// translated to flip its y axis; only relative positions matter
    /// here, so its coordinates are read as they are.
    pub(super) fn read(svg: &str) -> Picture {
        // Graphviz's output starts with a DOCTYPE.
        let options = ParsingOptions {
            allow_dtd: true,
            ..ParsingOptions::default()
        };
        let document = Document::parse_with_options(svg, options)
            .unwrap_or_else(|error| panic!("{error}\n{svg}"));
        let mut picture = Picture::default();
        for group in document.descendants().filter(|node| node.has_tag_name("g")) {
            let class = group.attribute("class").unwrap_or("");
            let title = group
                .children()
                .find(|child| child.has_tag_name("title"))
                .and_then(|title| title.text())
                .unwrap_or("")
                .to_owned();
            if class.split(' ').any(|word| word == "node") {
                let outline = group
                    .children()
                    .find(|child| {
                        ["rect", "polygon", "path"]
                            .iter()
                            .any(|tag| child.has_tag_name(*tag))
                    })
                    .unwrap_or_else(|| panic!("node {title} has no outline"));
                picture
                    .nodes
                    .push((title, bounds(&outline_points(outline))));
            } else if class.split(' ').any(|word| word == "edge") {
                let path = group
                    .children()
                    .find(|child| child.has_tag_name("path"))
                    .unwrap_or_else(|| panic!("edge {title} has no path"));
                let mut line = polyline(path.attribute("d").unwrap_or(""));
                // The arrowhead is part of the edge: the line runs on to
                // its tip, the corner farthest from where the path stops.
                if let (Some(arrow), Some(&end)) = (
                    group.children().find(|child| child.has_tag_name("polygon")),
                    line.last(),
                ) {
                    let distance = |point: &(f64, f64)| (point.0 - end.0).hypot(point.1 - end.1);
                    if let Some(tip) = points(arrow.attribute("points").unwrap_or(""))
                        .into_iter()
                        .max_by(|a, b| distance(a).total_cmp(&distance(b)))
                    {
                        line.push(tip);
                    }
                }
                let label = group
                    .children()
                    .find(|child| child.has_tag_name("text"))
                    .map(|text| label_box(text));
                picture.edges.push(Edge { title, line, label });
            }
        }
        picture
    }

    /// The places where an edge's line passes through a node's box (the
    /// box inset by a pixel, so touching its border to enter it is fine).
    pub(super) fn edges_through_boxes(&self) -> Vec<String> {
        let mut found = Vec::new();
        for edge in &self.edges {
            for (name, rect) in &self.nodes {
                let inner = (rect.0 + 1.0, rect.1 + 1.0, rect.2 - 1.0, rect.3 - 1.0);
                if edge
                    .line
                    .windows(2)
                    .any(|pair| segment_hits_box(pair[0], pair[1], inner))
                {
                    found.push(format!("edge {} passes through node {name}", edge.title));
                }
            }
        }
        found
    }

    /// Labels covered by a box or by another label.
    pub(super) fn covered_labels(&self) -> Vec<String> {
        let mut found = Vec::new();
        let labels: Vec<(&str, Box2)> = self
            .edges
            .iter()
            .filter_map(|edge| {
                edge.label
                    .as_ref()
                    .map(|(text, rect)| (text.as_str(), *rect))
            })
            .collect();
        for (index, (text, rect)) in labels.iter().enumerate() {
            for (name, node) in &self.nodes {
                if overlap(*rect, *node) {
                    found.push(format!("label {text:?} is covered by node {name}"));
                }
            }
            for (other, other_rect) in &labels[index + 1..] {
                if overlap(*rect, *other_rect) {
                    found.push(format!("labels {text:?} and {other:?} overlap"));
                }
            }
        }
        found
    }

    /// How many times two edges' lines cross. Where two edges share a node
    /// they meet at its box, which is no crossing: a crossing within 3
    /// pixels of a box both edges end at is not counted.
    pub(super) fn crossings(&self) -> usize {
        let boxes: std::collections::HashMap<&str, Box2> = self
            .nodes
            .iter()
            .map(|(name, rect)| (name.as_str(), *rect))
            .collect();
        let ends = |edge: &Edge| -> Vec<Box2> {
            edge.title
                .split("->")
                .filter_map(|name| boxes.get(name.trim()).copied())
                .collect()
        };
        let mut count = 0;
        for (index, edge) in self.edges.iter().enumerate() {
            let edge_ends = ends(edge);
            for other in &self.edges[index + 1..] {
                let other_ends = ends(other);
                let shared: Vec<Box2> = edge_ends
                    .iter()
                    .filter(|rect| other_ends.contains(rect))
                    .copied()
                    .collect();
                for a in edge.line.windows(2) {
                    for b in other.line.windows(2) {
                        let Some(point) = intersection(a[0], a[1], b[0], b[1]) else {
                            continue;
                        };
                        let at_shared_end = shared.iter().any(|rect| {
                            point.0 >= rect.0 - 3.0
                                && point.0 <= rect.2 + 3.0
                                && point.1 >= rect.1 - 3.0
                                && point.1 <= rect.3 + 3.0
                        });
                        if !at_shared_end {
                            count += 1;
                        }
                    }
                }
            }
        }
        count
    }
}

/// The corner points of an outline: a `rect`, a `polygon`'s points, or the
/// points of a `path` (Graphviz draws rounded boxes as paths).
fn outline_points(node: Node<'_, '_>) -> Vec<(f64, f64)> {
    let number = |name: &str| {
        node.attribute(name)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    match node.tag_name().name() {
        "rect" => {
            let (x, y) = (number("x"), number("y"));
            vec![(x, y), (x + number("width"), y + number("height"))]
        }
        "polygon" => points(node.attribute("points").unwrap_or("")),
        _ => polyline(node.attribute("d").unwrap_or("")),
    }
}

/// The smallest box around `points`.
fn bounds(points: &[(f64, f64)]) -> Box2 {
    points.iter().fold(
        (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ),
        |(left, top, right, bottom), &(x, y)| {
            (left.min(x), top.min(y), right.max(x), bottom.max(y))
        },
    )
}

/// `x,y x,y ...`, as a polygon's `points`.
fn points(text: &str) -> Vec<(f64, f64)> {
    numbers(text)
        .chunks(2)
        .filter(|pair| pair.len() == 2)
        .map(|pair| (pair[0], pair[1]))
        .collect()
}

/// Every number in `text`, in order.
fn numbers(text: &str) -> Vec<f64> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == 'e'))
        .filter(|piece| !piece.is_empty() && *piece != "-")
        .filter_map(|piece| piece.parse().ok())
        .collect()
}

/// A path's `d` (only `M`, `L` and `C`, absolute, which is all either
/// writer uses) as a polyline, each curve sampled at 24 points.
fn polyline(data: &str) -> Vec<(f64, f64)> {
    let mut line = Vec::new();
    let mut command = ' ';
    let mut pending: Vec<f64> = Vec::new();
    let mut current = (0.0, 0.0);
    let flush = |command: char,
                 pending: &mut Vec<f64>,
                 line: &mut Vec<(f64, f64)>,
                 current: &mut (f64, f64)| {
        match command {
            'M' | 'L' => {
                for pair in pending.chunks(2).filter(|pair| pair.len() == 2) {
                    *current = (pair[0], pair[1]);
                    line.push(*current);
                }
            }
            'C' => {
                for six in pending.chunks(6).filter(|six| six.len() == 6) {
                    let (p0, p1, p2, p3) = (
                        *current,
                        (six[0], six[1]),
                        (six[2], six[3]),
                        (six[4], six[5]),
                    );
                    for step in 1..=24 {
                        let t = f64::from(step) / 24.0;
                        let u = 1.0 - t;
                        let x = u * u * u * p0.0
                            + 3.0 * u * u * t * p1.0
                            + 3.0 * u * t * t * p2.0
                            + t * t * t * p3.0;
                        let y = u * u * u * p0.1
                            + 3.0 * u * u * t * p1.1
                            + 3.0 * u * t * t * p2.1
                            + t * t * t * p3.1;
                        line.push((x, y));
                    }
                    *current = p3;
                }
            }
            _ => {}
        }
        pending.clear();
    };
    let mut number = String::new();
    for character in data.chars().chain(core::iter::once(' ')) {
        if character.is_ascii_digit()
            || character == '.'
            || (character == '-' && number.is_empty())
            || character == 'e'
        {
            number.push(character);
            continue;
        }
        if !number.is_empty() {
            if let Ok(value) = number.parse() {
                pending.push(value);
            }
            number.clear();
        }
        if character == '-' {
            number.push(character);
        } else if character.is_ascii_alphabetic() {
            flush(command, &mut pending, &mut line, &mut current);
            command = character;
        }
    }
    flush(command, &mut pending, &mut line, &mut current);
    line
}

/// An edge label's text and the box its glyphs take, from its `x`, its
/// baseline `y`, its anchor and its length.
fn label_box(text: Node<'_, '_>) -> (String, Box2) {
    let content: String = text
        .descendants()
        .filter(|node| node.is_text())
        .filter_map(|node| node.text())
        .collect();
    let number = |name: &str| {
        text.attribute(name)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let size = text
        .attribute("font-size")
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(10.0);
    let scale = size / 10.0;
    let width = content.chars().count() as f64 * LABEL_CHAR * scale;
    let (x, baseline) = (number("x"), number("y"));
    let left = match text.attribute("text-anchor") {
        Some("middle") => x - width / 2.0,
        Some("end") => x - width,
        _ => x,
    };
    (
        content,
        (
            left,
            baseline - LABEL_ASCENT * scale,
            left + width,
            baseline + LABEL_DESCENT * scale,
        ),
    )
}

fn overlap(a: Box2, b: Box2) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Whether the segment from `a` to `b` enters `rect` (Liang–Barsky).
fn segment_hits_box(a: (f64, f64), b: (f64, f64), rect: Box2) -> bool {
    if rect.0 >= rect.2 || rect.1 >= rect.3 {
        return false;
    }
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut low, mut high) = (0.0_f64, 1.0_f64);
    for (p, q) in [
        (-dx, a.0 - rect.0),
        (dx, rect.2 - a.0),
        (-dy, a.1 - rect.1),
        (dy, rect.3 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                low = low.max(t);
            } else {
                high = high.min(t);
            }
        }
    }
    low < high
}

/// Where the segments `a0-a1` and `b0-b1` cross, if they do properly.
fn intersection(
    a0: (f64, f64),
    a1: (f64, f64),
    b0: (f64, f64),
    b1: (f64, f64),
) -> Option<(f64, f64)> {
    let (r, s) = ((a1.0 - a0.0, a1.1 - a0.1), (b1.0 - b0.0, b1.1 - b0.1));
    let denominator = r.0 * s.1 - r.1 * s.0;
    if denominator.abs() < 1e-9 {
        return None;
    }
    let q = (b0.0 - a0.0, b0.1 - a0.1);
    let t = (q.0 * s.1 - q.1 * s.0) / denominator;
    let u = (q.0 * r.1 - q.1 * r.0) / denominator;
    // Strictly inside both, so that consecutive samples of one crossing
    // count once.
    ((0.0..1.0).contains(&t) && (0.0..1.0).contains(&u) && t > 0.0 && u > 0.0)
        .then_some((a0.0 + t * r.0, a0.1 + t * r.1))
}
