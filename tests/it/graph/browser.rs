//! The HTML pages (`Graph::to_html`, `DropReport::to_html`) checked in a
//! real browser: headless Chromium opens each generated page, and a probe
//! script, put at the top of the page's `<head>` so it sees every error,
//! reports what the page did.
//!
//! For each page: no console error, no failed script, nothing the page's
//! Content-Security-Policy refused; every box drawn with a non-zero size;
//! hovering a box shows its path. For a drop report's page, pressing
//! "next" highlights the values and freed blocks one at a time, in the
//! report's order. A page of a graph of over 10 000 nodes opens too.
//! Screenshots are kept under `target/ownkit/browser/` for a person to
//! look at.
//!
//! Without Chromium the test says so loudly and passes, unless
//! `OWNKIT_REQUIRE_CHROMIUM` is set (as `.ci/run` sets it after
//! installing Debian's `chromium`), when it fails. Miri cannot start a
//! process, so it skips these.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use ownkit::Walk;
use ownkit::graph::Graph;

use super::drops::{Sealed, Song, album};

/// Where the pages and screenshots are kept.
fn folder() -> PathBuf {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("..")
        .join("ownkit")
        .join("browser");
    std::fs::create_dir_all(&folder).expect("the target folder is writable");
    folder
}

/// The browser to run, or `None` (after saying so loudly) if there is
/// none and none is required.
fn chromium() -> Option<&'static str> {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        let found = Command::new(name)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if found {
            return Some(name);
        }
    }
    assert!(
        std::env::var_os("OWNKIT_REQUIRE_CHROMIUM").is_none(),
        "Chromium is required (OWNKIT_REQUIRE_CHROMIUM is set) but neither `chromium`, \
         `chromium-browser` nor `google-chrome` could be run"
    );
    eprintln!(
        "\n!!! Chromium is not installed, so the HTML pages were NOT checked in a browser \
         (apt-get install chromium)\n"
    );
    None
}

/// The probe: records errors from the first moment, then, once the page
/// has loaded, measures the boxes, hovers the last one, steps through the
/// story if there is one, and writes what it saw into `<pre id="probe">`.
const PROBE: &str = include_str!("probe.js");

/// What the probe saw on one page.
#[derive(Debug)]
struct Seen {
    lines: Vec<String>,
    /// What the browser logged from the page's console.
    console: Vec<String>,
}

impl Seen {
    /// The rest of the probe's line that starts with `key`.
    fn get(&self, key: &str) -> &str {
        let prefix = format!("{key} ");
        self.lines
            .iter()
            .find_map(|line| line.strip_prefix(&prefix))
            .unwrap_or_else(|| panic!("the probe wrote no `{key}` line: {self:#?}"))
    }
}

/// Runs `browser` with `arguments` and the page's URL, giving up after two
/// minutes.
fn run(browser: &str, arguments: &[&str], url: &str, profile: &Path) -> Output {
    let child = Command::new(browser)
        .args([
            "--headless",
            // Tests run as root in CI containers, where the sandbox cannot
            // start; the pages are our own files.
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(arguments)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("{browser} did not start: {error}"));
    let started = Instant::now();
    let id = child.id();
    let output = std::thread::scope(|scope| {
        let waiting = scope.spawn(|| child.wait_with_output());
        while !waiting.is_finished() {
            if started.elapsed() > Duration::from_secs(120) {
                let _ = Command::new("kill").arg("-9").arg(id.to_string()).status();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        waiting.join().expect("the waiting thread")
    });
    output.unwrap_or_else(|error| panic!("{browser} failed: {error}"))
}

/// Writes `page` as `name.html`, opens it with the probe, and keeps a
/// screenshot of it as it opens (at `fragment`, such as `#step=4`).
fn open(browser: &str, name: &str, page: &str, fragment: &str) -> Seen {
    let folder = folder();
    let plain = folder.join(format!("{name}.html"));
    std::fs::write(&plain, page).expect("the page is written");
    let probed_page = page.replacen(
        "<head>\n",
        &format!("<head>\n<script>\n{PROBE}</script>\n"),
        1,
    );
    assert_ne!(probed_page, page, "the page has a <head>");
    let probed = folder.join(format!("{name}.probed.html"));
    std::fs::write(&probed, probed_page).expect("the page is written");
    let profile = folder.join(format!("{name}.profile"));
    let url = |path: &Path| {
        format!(
            "file://{}",
            path.canonicalize().expect("the page exists").display()
        )
    };

    let output = run(browser, &["--dump-dom"], &url(&probed), &profile);
    let dom = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{browser} failed on {name}:\n{stderr}"
    );
    // The probe's report is the last thing on the page.
    let start = dom
        .rfind("<pre id=\"probe\">")
        .unwrap_or_else(|| panic!("the probe did not report on {name}:\n{stderr}"));
    let report = &dom[start + "<pre id=\"probe\">".len()..];
    let report = &report[..report.find("</pre>").expect("the probe's report ends")];
    let console = stderr
        .lines()
        .filter(|line| line.contains("CONSOLE") || line.contains("Uncaught"))
        .map(str::to_owned)
        .collect();

    let screenshot = folder.join(format!("{name}.png"));
    let _ = std::fs::remove_file(&screenshot);
    let shot = run(
        browser,
        &[
            "--window-size=1280,900",
            &format!("--screenshot={}", screenshot.display()),
        ],
        &format!("{}{fragment}", url(&plain)),
        &profile,
    );
    assert!(
        shot.status.success() && screenshot.exists(),
        "no screenshot of {name}: {}",
        String::from_utf8_lossy(&shot.stderr)
    );
    Seen {
        lines: report
            .lines()
            .map(|line| {
                line.replace("&gt;", ">")
                    .replace("&lt;", "<")
                    .replace("&amp;", "&")
            })
            .collect(),
        console,
    }
}

/// What every page must do: load with no error, and draw every box and
/// the legend.
fn assert_clean(name: &str, seen: &Seen, boxes: usize) {
    assert_eq!(seen.get("errors"), "[]", "{name}: {seen:#?}");
    let errors: Vec<&String> = seen
        .console
        .iter()
        .filter(|line| {
            line.contains("ERROR") || line.contains("Uncaught") || line.contains("Refused")
        })
        .collect();
    assert!(errors.is_empty(), "{name}: console errors {errors:#?}");
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
