//! Headless Chromium, driven over a page written to a file: a probe
//! script, put at the top of the page's `<head>` so it sees every error,
//! reports what the page did (`probe.js`), and a screenshot is kept beside
//! the page for a person to look at. Shared by the browser tests of the
//! HTML reports (`tests/it/graph/browser.rs`) and of the gallery
//! (`tests/tracking/gallery.rs`). What the browser printed is kept beside
//! the page too (`<page>.probed.1.stdout`, `<page>.screenshot.1.stderr`),
//! for a person reading a failure.
//!
//! Without Chromium a test says so loudly and passes, unless
//! `OWNKIT_REQUIRE_CHROMIUM` is set (as `.ci/run` sets it after installing
//! Debian's `chromium`), when it fails.

use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
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

/// What one run of the browser left: its exit status and output, how long
/// it took, and whether it had to be killed for taking too long.
struct Run {
    output: Output,
    took: Duration,
    killed: bool,
}

impl Run {
    /// Whether the browser itself failed rather than the page: it hung
    /// until killed, or died by a signal.
    fn browser_failed(&self) -> bool {
        self.killed || self.output.status.signal().is_some()
    }

    /// How the run ended, for a failure message: its exit status, its time,
    /// and whether it ran out of time, then everything it wrote to stderr.
    fn describe(&self) -> String {
        format!(
            "{} after {:.1} s{}\n{}",
            self.output.status,
            self.took.as_secs_f64(),
            if self.killed {
                format!(", killed at the {} s limit", LIMIT.as_secs())
            } else {
                String::new()
            },
            String::from_utf8_lossy(&self.output.stderr)
        )
    }
}

/// How long one run of the browser may take before it is killed. A page
/// of 10 000 boxes takes under 10 s, even beside a test under valgrind.
const LIMIT: Duration = Duration::from_secs(120);

/// Runs `browser` headless on `url` with `arguments`. Its files go beside
/// `scratch` (`<scratch>.1.profile`, `.1.stdout`, `.1.stderr`).
///
/// A browser that hangs or dies by a signal has failed, not the page:
/// such a run is said loudly on stderr and tried once more, and a second
/// such run is returned for the caller to fail on.
fn run(browser: &str, arguments: &[&str], url: &str, scratch: &Path) -> Run {
    let first = run_once(browser, arguments, url, scratch, 1);
    if !first.browser_failed() {
        return first;
    }
    eprintln!(
        "\n!!! {browser} failed on {url} ({}); trying once more\n",
        first.describe()
    );
    run_once(browser, arguments, url, scratch, 2)
}

/// One run of [`run`], in a profile of its own, so that no process left
/// over from an earlier run holds its lock. The output goes to files, not
/// pipes, so the browser never waits for this process to read it (which,
/// under valgrind, runs one thread at a time).
fn run_once(browser: &str, arguments: &[&str], url: &str, scratch: &Path, attempt: u32) -> Run {
    let file = |what: &str| {
        let mut name = scratch.as_os_str().to_owned();
        name.push(format!(".{attempt}.{what}"));
        PathBuf::from(name)
    };
    let profile = file("profile");
    let _ = std::fs::remove_dir_all(&profile);
    let create = |path: &Path| {
        std::fs::File::create(path)
            .unwrap_or_else(|error| panic!("{} cannot be written: {error}", path.display()))
    };
    let mut child = Command::new(browser)
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
        .stdout(create(&file("stdout")))
        .stderr(create(&file("stderr")))
        // A group of its own, so that a hung browser is killed with the
        // helper processes it started.
        .process_group(0)
        .spawn()
        .unwrap_or_else(|error| panic!("{browser} did not start: {error}"));
    let started = Instant::now();
    let mut killed = false;
    let status = loop {
        if let Some(status) = child.try_wait().expect("the browser can be waited for") {
            break status;
        }
        if !killed && started.elapsed() > LIMIT {
            killed = true;
            let group = format!("-{}", child.id());
            let _ = Command::new("kill").args(["-9", "--", &group]).status();
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let took = started.elapsed();
    let read = |what: &str| std::fs::read(file(what)).expect("the browser's output is readable");
    let output = Output {
        status,
        stdout: read("stdout"),
        stderr: read("stderr"),
    };
    let _ = std::fs::remove_dir_all(&profile);
    Run {
        output,
        took,
        killed,
    }
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
    let url = |path: &Path| {
        format!(
            "file://{}",
            path.canonicalize().expect("the page exists").display()
        )
    };

    let loaded = run(
        browser,
        &["--dump-dom"],
        &url(&probed),
        &folder.join(format!("{name}.probed")),
    );
    let dom = String::from_utf8_lossy(&loaded.output.stdout);
    let stderr = String::from_utf8_lossy(&loaded.output.stderr);
    assert!(
        loaded.output.status.success(),
        "{browser} failed on {name}: {}",
        loaded.describe()
    );
    // The probe's report is the last thing on the page.
    let start = dom
        .rfind("<pre id=\"probe\">")
        .unwrap_or_else(|| panic!("the probe did not report on {name}: {}", loaded.describe()));
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
        &folder.join(format!("{name}.screenshot")),
    );
    assert!(
        shot.output.status.success() && screenshot.exists(),
        "no screenshot of {name}: {}",
        shot.describe()
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
