//! Headless Chromium, driven over a page written to a file: a probe
//! script, put at the top of the page's `<head>` so it sees every error,
//! reports what the page did (`probe.js`), and a screenshot is kept beside
//! the page for a person to look at. Shared by the browser tests of the
//! HTML reports (`tests/it/graph/browser.rs`) and of the gallery
//! (`tests/tracking/gallery.rs`).
//!
//! Without Chromium a test says so loudly and passes, unless
//! `OWNKIT_REQUIRE_CHROMIUM` is set (as `.ci/run` sets it after installing
//! Debian's `chromium`), when it fails.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The browser to run, or `None` (after saying so loudly) if there is
/// none and none is required.
pub(crate) fn chromium() -> Option<&'static str> {
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
pub(crate) struct Seen {
    pub(crate) lines: Vec<String>,
    /// What the browser logged from the page's console.
    pub(crate) console: Vec<String>,
}

impl Seen {
    /// Fails unless the page ran without an error: none the probe caught,
    /// none the browser logged from the page's console.
    pub(crate) fn assert_no_errors(&self, name: &str) {
        assert_eq!(self.get("errors"), "[]", "{name}: {self:#?}");
        let errors: Vec<&String> = self
            .console
            .iter()
            .filter(|line| {
                line.contains("ERROR") || line.contains("Uncaught") || line.contains("Refused")
            })
            .collect();
        assert!(errors.is_empty(), "{name}: console errors {errors:#?}");
    }

    /// The rest of the probe's line that starts with `key`.
    pub(crate) fn get(&self, key: &str) -> &str {
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

/// Opens the page at `page` (a file, whose pictures may sit beside it)
/// with the probe, and keeps a screenshot of it as it opens (at
/// `fragment`, such as `#step=4`) beside it, as `<name>.png`.
pub(crate) fn open(browser: &str, page: &Path, fragment: &str) -> Seen {
    let folder = page.parent().expect("the page is in a folder");
    let name = page
        .file_stem()
        .and_then(|stem| stem.to_str())
        .expect("the page has a name");
    let text = std::fs::read_to_string(page).expect("the page is readable");
    let probed_page = text.replacen(
        "<head>\n",
        &format!("<head>\n<script>\n{PROBE}</script>\n"),
        1,
    );
    assert_ne!(probed_page, text, "the page has a <head>");
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
        &format!("{}{fragment}", url(page)),
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
