//! [`DropReport::to_heap_svg`] (feature `svg`): the lifelines of the heap
//! blocks a capture saw, as a chart.
//!
//! With the tracking allocator installed, a capture records every block
//! its thread acquires, resizes and releases
//! ([`DropReport::heap_events`]). The chart gives each block a row and
//! each event a column: a block's line starts where it was acquired,
//! steps where it was resized, and ends where it was released, so the
//! rule of the heap, acquired once and released exactly once, can be
//! read at a glance; a block never released runs red to the right edge.
//! A row is labelled with the block's size and the path of its owner,
//! where the report knows it.

use alloc_crate::format;
use alloc_crate::string::String;
use alloc_crate::vec::Vec;
use core::fmt::Write;

use super::svg::push_escaped;
use crate::trace::{DropReport, HeapEvent, HeapEventKind};

/// The width of one event's column.
const COLUMN: f64 = 26.0;
/// The height of one block's row.
const ROW: f64 = 26.0;
/// The margin around the chart.
const MARGIN: f64 = 16.0;
/// The height of the header with the event numbers.
const HEADER: f64 = 22.0;
/// The width of one character of the 12px monospace labels, rounded up.
const CHAR_WIDTH: f64 = 7.5;
/// The colours of a block's line, of a resize, and of a block never freed.
const LIVE: &str = "#c26a00";
const NEVER_FREED: &str = "red";

/// One block's life, as the chart draws it.
#[derive(Debug)]
struct Lifeline {
    /// The column it was acquired in, `None` if before the capture.
    acquired: Option<usize>,
    /// The columns it was resized in.
    resized: Vec<usize>,
    /// The column it was released in, `None` if never.
    released: Option<usize>,
    /// Its size when it started, and when it ended.
    sizes: (usize, usize),
    /// Its owner's path, if known.
    path: Option<String>,
}

/// The lifelines of the blocks in `events`, in the order they appeared,
/// following each block through its resizes.
fn lifelines(events: &[HeapEvent]) -> Vec<Lifeline> {
    let mut lines: Vec<Lifeline> = Vec::new();
    // The line of each block alive now, by address.
    let mut alive: alloc_crate::collections::BTreeMap<usize, usize> =
        alloc_crate::collections::BTreeMap::new();
    for (column, event) in events.iter().enumerate() {
        match event.kind {
            HeapEventKind::Acquired => {
                alive.insert(event.address, lines.len());
                lines.push(Lifeline {
                    acquired: Some(column),
                    resized: Vec::new(),
                    released: None,
                    sizes: (event.size, event.size),
                    path: event.path.clone(),
                });
            }
            HeapEventKind::Resized { from, from_size } => {
                let line = alive.remove(&from).unwrap_or_else(|| {
                    lines.push(Lifeline {
                        acquired: None,
                        resized: Vec::new(),
                        released: None,
                        sizes: (from_size, from_size),
                        path: event.path.clone(),
                    });
                    lines.len() - 1
                });
                lines[line].resized.push(column);
                lines[line].sizes.1 = event.size;
                if lines[line].path.is_none() {
                    lines[line].path.clone_from(&event.path);
                }
                alive.insert(event.address, line);
            }
            HeapEventKind::Released => {
                let line = alive.remove(&event.address).unwrap_or_else(|| {
                    lines.push(Lifeline {
                        acquired: None,
                        resized: Vec::new(),
                        released: None,
                        sizes: (event.size, event.size),
                        path: None,
                    });
                    lines.len() - 1
                });
                lines[line].released = Some(column);
                if event.path.is_some() {
                    lines[line].path.clone_from(&event.path);
                }
            }
        }
    }
    lines
}

/// A row's label: the block's size (both, if it was resized) and its
/// owner's path.
fn row_label(line: &Lifeline) -> String {
    let size = if line.sizes.0 == line.sizes.1 {
        format!("{} bytes", line.sizes.0)
    } else {
        format!("{} → {} bytes", line.sizes.0, line.sizes.1)
    };
    match &line.path {
        Some(path) => format!("{size}  {path}"),
        None => size,
    }
}

impl DropReport {
    /// The lifelines of the heap blocks the capture saw, as a standalone
    /// SVG chart (feature `svg`): a row per block, a column per event of
    /// [`heap_events`](Self::heap_events). A block's line starts with a
    /// dot where it was acquired, shows a tick where it was resized, and
    /// ends with a cross where it was released; a block never released
    /// runs red to the right edge. Each row says the block's size and its
    /// owner's path, where the report knows it. Empty but for its legend
    /// unless the tracking allocator is installed
    /// ([`ownkit::alloc::Tracking`](crate::alloc::Tracking)).
    ///
    /// ```
    /// // Without the tracking allocator no heap event is recorded.
    /// let report = ownkit::trace::capture(|| drop(vec![1_u8]));
    /// let svg = report.to_heap_svg();
    /// assert!(svg.contains("<title>heap</title>"));
    /// assert!(!svg.contains("class=\"lifeline"));
    /// ```
    ///
    /// With it (in a binary of your own, as the global allocator):
    ///
    /// ```no_run
    /// #[global_allocator]
    /// static ALLOCATOR: ownkit::alloc::Tracking = ownkit::alloc::Tracking::new(std::alloc::System);
    ///
    /// fn main() {
    ///     let report = ownkit::trace::capture(|| drop(vec![1_u8, 2, 3]));
    ///     let svg = report.to_heap_svg();
    ///     assert!(svg.contains("<g class=\"lifeline freed\">"));
    /// }
    /// ```
    #[must_use]
    pub fn to_heap_svg(&self) -> String {
        let events = self.heap_events();
        let lines = lifelines(&events);
        let labels: Vec<String> = lines.iter().map(row_label).collect();
        let label_width = labels
            .iter()
            .map(|label| label.chars().count())
            .max()
            .unwrap_or(0) as f64
            * CHAR_WIDTH
            + 12.0;
        let chart_left = MARGIN + label_width;
        let columns = events.len().max(1) as f64;
        let legend_top = MARGIN + HEADER + lines.len() as f64 * ROW + 12.0;
        let width = (chart_left + columns * COLUMN + MARGIN).max(560.0);
        let height = legend_top + 28.0 + MARGIN;
        let x = |column: usize| chart_left + (column as f64 + 0.5) * COLUMN;
        let right_edge = chart_left + columns * COLUMN;

        let mut out = String::new();
        let _ = writeln!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" \
             viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"monospace\" font-size=\"12\">"
        );
        out.push_str("<g id=\"graph0\" class=\"graph\">\n<title>heap</title>\n");
        let _ = writeln!(
            out,
            "<rect class=\"background\" x=\"0\" y=\"0\" width=\"{width:.0}\" height=\"{height:.0}\" fill=\"white\"/>"
        );
        // The header: every fifth event numbered, from 1.
        for column in (0..events.len()).filter(|column| column % 5 == 0) {
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"#777\" text-anchor=\"middle\">{}</text>",
                x(column),
                MARGIN + 12.0,
                column + 1
            );
        }
        for (row, (line, label)) in lines.iter().zip(&labels).enumerate() {
            let y = MARGIN + HEADER + (row as f64 + 0.5) * ROW;
            let freed = line.released.is_some();
            let color = if freed { LIVE } else { NEVER_FREED };
            let _ = writeln!(
                out,
                "<g class=\"lifeline {}\">",
                if freed { "freed" } else { "never-freed" }
            );
            let _ = write!(out, "  <text x=\"{MARGIN:.1}\" y=\"{:.1}\">", y + 4.0);
            push_escaped(&mut out, label);
            out.push_str("</text>\n");
            let start = line.acquired.map_or(chart_left, x);
            let end = line.released.map_or(right_edge, x);
            let _ = writeln!(
                out,
                "  <line x1=\"{start:.1}\" y1=\"{y:.1}\" x2=\"{end:.1}\" y2=\"{y:.1}\" stroke=\"{color}\" stroke-width=\"4\"/>"
            );
            if let Some(column) = line.acquired {
                write_dot(&mut out, x(column), y, color);
            }
            for &column in &line.resized {
                write_tick(&mut out, x(column), y, color);
            }
            if let Some(column) = line.released {
                write_cross(&mut out, x(column), y, color);
            }
            out.push_str("</g>\n");
        }
        write_legend(&mut out, legend_top);
        out.push_str("</g>\n</svg>\n");
        out
    }
}

/// The chart's legend, one line at `top`: each mark, and the red line.
fn write_legend(out: &mut String, top: f64) {
    let y = top + 14.0;
    out.push_str("<g id=\"legend\" class=\"legend\"><title>legend</title>\n");
    let marks: [(&str, WriteMark); 3] = [
        ("acquired", write_dot),
        ("resized", write_tick),
        ("released", write_cross),
    ];
    let mut x = MARGIN + 6.0;
    for (name, write_mark) in marks {
        write_mark(out, x, y, LIVE);
        let _ = writeln!(
            out,
            "  <text x=\"{:.1}\" y=\"{:.1}\">{name}</text>",
            x + 12.0,
            y + 4.0
        );
        x += 100.0;
    }
    let _ = writeln!(
        out,
        "  <line x1=\"{x:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"{NEVER_FREED}\" stroke-width=\"4\"/>\n  \
         <text x=\"{:.1}\" y=\"{:.1}\">never released</text>\n</g>",
        x + 30.0,
        x + 38.0,
        y + 4.0
    );
}

/// Writes a mark of a block's life on its line, at `(x, y)`, in a colour.
type WriteMark = fn(&mut String, f64, f64, &str);

/// A block acquired: a dot on its line at `x`.
fn write_dot(out: &mut String, x: f64, y: f64, color: &str) {
    let _ = writeln!(
        out,
        "  <circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5\" fill=\"{color}\"/>"
    );
}

/// A block resized: a tick across its line at `x`.
fn write_tick(out: &mut String, x: f64, y: f64, color: &str) {
    let _ = writeln!(
        out,
        "  <line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"{color}\" stroke-width=\"2\"/>",
        y - 8.0,
        y + 8.0
    );
}

/// A block released: a cross at the end of its line, at `x`.
fn write_cross(out: &mut String, x: f64, y: f64, color: &str) {
    let size = 5.0;
    let _ = writeln!(
        out,
        "  <path d=\"M{:.1},{:.1} L{:.1},{:.1} M{:.1},{:.1} L{:.1},{:.1}\" stroke=\"{color}\" stroke-width=\"2.5\"/>",
        x - size,
        y - size,
        x + size,
        y + size,
        x - size,
        y + size,
        x + size,
        y - size
    );
}

#[cfg(test)]
mod tests;
