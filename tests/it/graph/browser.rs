//! The HTML pages (`Graph::to_html`, `DropReport::to_html`) checked in a
//! real browser, with the harness of `tests/support/browser.rs`.
//!
//! For each page: no console error, no failed script, nothing the page's
//! Content-Security-Policy refused; every box drawn with a non-zero size;
//! hovering a box shows its path. For a drop report's page, pressing
//! "next" highlights the values and freed blocks one at a time, in the
//! report's order. A page of a graph of over 10 000 nodes opens too.
//! Screenshots are kept under `target/ownkit/browser/` for a person to
//! look at. Miri cannot start a process, so it skips these.

use std::path::{Path, PathBuf};

use ownkit::Walk;
use ownkit::graph::Graph;

use super::drops::{Sealed, Song, album};

#[path = "../../support/browser.rs"]
mod harness;

use self::harness::{Seen, chromium};

fn folder() -> PathBuf {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("..")
        .join("ownkit")
        .join("browser");
    std::fs::create_dir_all(&folder).expect("the target folder is writable");
    folder
}

/// Writes `page` as `target/ownkit/browser/<name>.html` and opens it.
fn open(browser: &str, name: &str, page: &str, fragment: &str) -> Seen {
    let path: PathBuf = folder().join(format!("{name}.html"));
    std::fs::write(&path, page).expect("the page is written");
    harness::open(browser, &path, fragment)
}

/// What every page must do: load with no error, and draw every box and
/// the legend.
fn assert_clean(name: &str, seen: &Seen, boxes: usize) {
    seen.assert_no_errors(name);
    assert_eq!(seen.get("boxes"), boxes.to_string(), "{name}: {seen:#?}");
    assert_eq!(
        seen.get("drawn"),
        boxes.to_string(),
        "{name}: every box has a size"
    );
    assert_eq!(seen.get("legend"), "true", "{name}: the legend is drawn");
}

#[test]
#[cfg_attr(miri, ignore)]
fn a_graph_page_loads_draws_every_box_and_tells_the_hovered_path() {
    let Some(browser) = chromium() else { return };
    let value = album();
    let graph = Graph::of(&value);
    let seen = open(browser, "graph", &graph.to_html(), "");
    assert_clean("graph", &seen, graph.node_count());
    let last = graph.nodes().last().expect("the graph has nodes");
    assert_eq!(
        seen.get("hover"),
        format!("node{} {}", last.id().index(), last.path())
    );
    assert!(
        seen.lines.iter().all(|line| !line.starts_with("steps")),
        "no steps on a graph's page"
    );
}

#[test]
#[cfg_attr(miri, ignore)]
fn a_drop_report_page_steps_through_the_drops_in_the_reports_order() {
    let Some(browser) = chromium() else { return };
    let report = ownkit::trace::capture(|| {
        drop(album());
        drop(Sealed {
            contents: Song { title: "Hidden" },
        });
    });
    let page = report.to_html();
    let seen = open(browser, "drops", &page, "#step=7");
    let svg = report.to_svg();
    let boxes = super::drops::boxes(&svg);
    assert_clean("drops", &seen, boxes.len());

    // The oracle: the report's own order. Values begin in the order of
    // `paths()`, and a freed block comes right after the drops that
    // began inside the value that freed it, before that value's next one.
    let highlighted: Vec<&super::drops::DrawnBox> = seen
        .get("steps")
        .split(' ')
        .map(|id| {
            boxes
                .iter()
                .find(|drawn| drawn.id == id)
                .unwrap_or_else(|| panic!("one box at a time is highlighted, not `{id}`"))
        })
        .collect();
    assert_eq!(highlighted.len(), boxes.len(), "every box has its step");
    let values: Vec<&str> = highlighted
        .iter()
        .filter(|drawn| !drawn.class.contains("freed"))
        .map(|drawn| drawn.path.as_str())
        .collect();
    assert_eq!(
        values,
        report.paths(),
        "values in the order their drops began"
    );
    let freed: Vec<(String, String)> = highlighted
        .iter()
        .filter(|drawn| drawn.class.contains("freed"))
        .map(|drawn| (drawn.path.clone(), drawn.lines[0].clone()))
        .collect();
    let expected: Vec<(String, String)> = report
        .freed()
        .into_iter()
        .map(|block| {
            (
                block.path,
                format!("freed {} bytes (align {})", block.size, block.align),
            )
        })
        .collect();
    assert_eq!(freed, expected, "blocks in the order they were freed");
    for (step, drawn) in highlighted.iter().enumerate() {
        if let Some(parent) = &drawn.parent {
            let parent_step = highlighted
                .iter()
                .position(|other| &other.id == parent)
                .expect("the parent is in the story");
            assert!(
                parent_step < step,
                "{drawn:#?} is highlighted before its parent"
            );
        }
    }
    let before_last = highlighted[highlighted.len() - 2];
    assert_eq!(
        seen.get("back"),
        format!("{} at {}", before_last.id, boxes.len() - 1)
    );
    assert_eq!(
        seen.get("first"),
        "- faded 0",
        "back at the start, nothing is dropped"
    );
    assert_eq!(
        seen.get("hover"),
        format!(
            "{} {}",
            boxes.last().expect("a box").id,
            boxes.last().expect("a box").path
        )
    );
    assert!(
        boxes.iter().any(|drawn| drawn.class.contains("uncertain")),
        "the sealed song is placed by guesswork"
    );
}

/// A node of a 10-way tree: boxes in a `Vec`.
#[derive(Walk)]
struct Branch {
    children: Vec<ownkit::Box<Branch>>,
}

fn tree(depth: u32) -> Branch {
    Branch {
        children: if depth == 0 {
            Vec::new()
        } else {
            (0..10).map(|_| ownkit::Box::new(tree(depth - 1))).collect()
        },
    }
}

#[test]
#[cfg_attr(miri, ignore)]
fn the_page_of_a_graph_of_ten_thousand_nodes_opens() {
    let Some(browser) = chromium() else { return };
    // 11 111 branches and 1 111 buffers.
    let value = tree(4);
    let graph = Graph::of(&value);
    assert!(graph.node_count() > 10_000, "{} nodes", graph.node_count());
    let seen = open(browser, "large", &graph.to_html(), "");
    assert_clean("large", &seen, graph.node_count());
}
