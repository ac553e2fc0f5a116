//! [`Graph::to_html`] and [`DropReport::to_html`] (feature `svg`): a
//! picture as one self-contained web page.
//!
//! The page is the SVG picture inline, with its legend, and a panel that
//! describes the box under the pointer: its path, type, counts and size,
//! all read from the picture's own `data-` attributes (`svg/mod.rs`). A
//! drop report's page also steps through the destruction, one drop or
//! freed block at a time, with buttons, a slider and the arrow keys.
//!
//! Everything is inline: the head (`head.html`), the CSS (`page.css`)
//! and the script (`page.js`) are compiled into the crate, and the page's
//! Content-Security-Policy forbids fetching anything, so it opens the same
//! from a file, offline, years from now.

use alloc_crate::format;
use alloc_crate::string::String;
use core::fmt::Write;

use super::drawing::Drawing;
use super::svg::{push_escaped, write_svg};
use crate::graph::model::Graph;
#[cfg(feature = "std")]
use crate::trace::{DropReport, Moment};

/// The page's start, up to its title: the charset, the viewport, and a
/// Content-Security-Policy under which nothing may be fetched (no script,
/// style, image or font from anywhere but the page itself).
const HEAD: &str = include_str!("head.html");
/// The page's style sheet.
const STYLE: &str = include_str!("page.css");
/// The page's script: hovering, and stepping through a drop report.
const SCRIPT: &str = include_str!("page.js");

/// What a page says above its picture.
struct Heading<'a> {
    title: &'a str,
    summary: &'a str,
}

/// Writes the page of `drawing`; `steps` says whether it has the
/// step-through controls (a drop report's page).
fn write_page(heading: &Heading<'_>, drawing: &Drawing<'_>, steps: bool) -> String {
    let svg = write_svg(drawing);
    let mut out = String::with_capacity(svg.len() + HEAD.len() + STYLE.len() + SCRIPT.len() + 2048);
    out.push_str(HEAD);
    out.push_str("<title>");
    push_escaped(&mut out, heading.title);
    out.push_str("</title>\n<style>\n");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<header>\n<h1>");
    push_escaped(&mut out, heading.title);
    out.push_str("</h1>\n<p>");
    push_escaped(&mut out, heading.summary);
    out.push_str("</p>\n</header>\n");
    if steps {
        out.push_str(
            "<nav id=\"controls\" hidden>\n\
             <button id=\"first\" type=\"button\" title=\"before any drop\">start</button>\n\
             <button id=\"previous\" type=\"button\" title=\"previous step (left arrow)\">&#x25C0; previous</button>\n\
             <input id=\"slider\" type=\"range\" min=\"0\" max=\"0\" value=\"0\" aria-label=\"step\">\n\
             <button id=\"next\" type=\"button\" title=\"next step (right arrow)\">next &#x25B6;</button>\n\
             <button id=\"last\" type=\"button\" title=\"after the last drop\">end</button>\n\
             <output id=\"now\"></output>\n\
             </nav>\n",
        );
    }
    out.push_str("<main>\n<figure id=\"picture\">\n");
    out.push_str(&svg);
    out.push_str(
        "</figure>\n<aside id=\"details\"><h2>Point at a box</h2>\
         <p>to see its path, type, counts and size.</p></aside>\n</main>\n<script>\n",
    );
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

impl Graph {
    /// The graph as one self-contained web page (feature `svg`): the
    /// [`to_svg`](Self::to_svg) picture and its legend, and a panel that
    /// tells the path, full type, counts and size of the box under the
    /// pointer.
    ///
    /// The CSS and the script are inline and the page forbids fetching
    /// anything, so it can be written to a file and opened offline.
    ///
    /// ```
    /// use ownkit::graph::Graph;
    ///
    /// let shared = ownkit::Rc::new(5_u32);
    /// let graph = Graph::of(&(shared.clone(), shared));
    /// let page = graph.to_html();
    /// assert!(page.starts_with("<!DOCTYPE html>"));
    /// assert!(page.contains("<title>Ownership of (Rc&lt;u32&gt;, Rc&lt;u32&gt;)</title>"));
    /// assert!(page.contains("data-counts=\"Rc strong 2, weak 0\""));
    /// assert!(!page.contains("src=") && !page.contains("href="));
    /// // std::fs::write("graph.html", page)?;
    /// ```
    #[must_use]
    pub fn to_html(&self) -> String {
        let title = if self.node_count() == 0 {
            String::from("Ownership")
        } else {
            format!("Ownership of {}", self.root().label())
        };
        let cycles = self.cycles().len();
        let mut summary = format!("{} nodes, {} edges", self.node_count(), self.edge_count());
        match cycles {
            0 => {}
            1 => summary.push_str("; 1 strong cycle, drawn red, leaks"),
            _ => {
                let _ = write!(summary, "; {cycles} strong cycles, drawn red, leak");
            }
        }
        let heading = Heading {
            title: &title,
            summary: &summary,
        };
        write_page(&heading, &Drawing::of_graph(self), false)
    }
}

#[cfg(feature = "std")]
impl DropReport {
    /// What the capture destroyed, as one self-contained web page
    /// (feature `svg`): the [`to_svg`](Self::to_svg) picture and its
    /// legend, a panel that describes the box under the pointer, and
    /// controls that step through the destruction one drop or freed block
    /// at a time (next, previous, a slider, the arrow keys), highlighting
    /// each value as it is dropped and each block as it is freed. Open it
    /// at step 4 with `page.html#step=4`.
    ///
    /// The CSS and the script are inline and the page forbids fetching
    /// anything.
    ///
    /// ```
    /// let report = ownkit::trace::capture(|| drop(ownkit::Box::new(7_u64)));
    /// let page = report.to_html();
    /// assert!(page.contains("<title>What the capture dropped</title>"));
    /// assert!(page.contains("<button id=\"next\""));
    /// assert!(page.contains("data-story=\"0\""));
    /// assert!(page.contains("1 value dropped, 1 heap block freed (8 bytes)"));
    /// ```
    #[must_use]
    pub fn to_html(&self) -> String {
        let (mut values, mut blocks, mut bytes) = (0, 0, 0);
        for moment in self.story() {
            match moment {
                Moment::Dropped(_) => values += 1,
                Moment::Freed { size, .. } => {
                    blocks += 1;
                    bytes += size;
                }
            }
        }
        let mut summary = format!(
            "{values} {} dropped, {blocks} heap {} freed ({bytes} bytes)",
            if values == 1 { "value" } else { "values" },
            if blocks == 1 { "block" } else { "blocks" },
        );
        if !self.is_certain() {
            summary.push_str("; some places are guesses, drawn yellow and dashed");
        }
        let heading = Heading {
            title: "What the capture dropped",
            summary: &summary,
        };
        write_page(&heading, &Drawing::of_drops(self), true)
    }
}
