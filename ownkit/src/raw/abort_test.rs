//! Test support: checking that a reference count overflow aborts.
//!
//! An abort kills the process, so a test can only observe it from outside.
//! [`assert_aborts_in_child`] re-runs the current test binary on the calling
//! test alone, with an environment variable telling that child to run the
//! overflowing code, and checks that the child died of `SIGABRT` with the
//! overflow message. A panic would be exit code 101, and a count that wrapped
//! silently would be a clean exit: both fail the test.
//!
//! 2^64 increments are out of reach, so the overflowing code sets the count
//! next to the limit directly, which only the raw file that owns the count
//! can do.

extern crate std;

use std::os::unix::process::ExitStatusExt;
use std::process::Command;
use std::string::String;

const CHILD_ENV: &str = "OWNKIT_ABORT_TEST_CHILD";

/// In the child, runs `overflow`; in the parent, runs the test named
/// `module::test_name` in a child and asserts that it aborted.
///
/// `module` is the caller's `module_path!()` and `test_name` the name of the
/// calling test function. `overflow` must abort; if it returns, it should
/// first undo what it did to the counts, so that the child exits cleanly and
/// the parent reports the missing abort.
pub(crate) fn assert_aborts_in_child(module: &str, test_name: &str, overflow: impl FnOnce()) {
    if std::env::var_os(CHILD_ENV).is_some() {
        overflow();
        return;
    }
    let module = module
        .split_once("::")
        .map_or(module, |(_crate, path)| path);
    let full_name = std::format!("{module}::{test_name}");
    let output = Command::new(std::env::current_exe().expect("test binary path"))
        .args(["--exact", &full_name, "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, "1")
        .output()
        .expect("spawn the test binary");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.signal(),
        Some(6),
        "expected the child to abort (SIGABRT); got {:?}\nstdout:\n{}\nstderr:\n{stderr}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
    );
    assert!(
        stderr.contains("overflowed; aborting"),
        "the abort did not come from the overflow check:\n{stderr}"
    );
}
