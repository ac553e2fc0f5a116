//! Compile-fail cases: each `tests/ui/*.rs` must fail to build with the
//! error recorded next to it in a `.stderr` file. And what trybuild cannot
//! check, in projects of their own (`project.rs`): that each case fails
//! with as many errors as it shows, and that the derives work when
//! Cargo.toml gives ownkit another name.

mod project;

use std::fs;
use std::path::{Path, PathBuf};

use project::{Project, error_counts};

#[test]
#[cfg_attr(miri, ignore = "trybuild runs the compiler, which Miri cannot do")]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the expected errors name debug-only fields; run in the dev profile"
)]
fn compile_fail_cases() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}

/// The compile-fail cases, as (binary name, file) pairs.
fn ui_cases() -> Vec<(String, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let mut cases: Vec<(String, PathBuf)> = fs::read_dir(&dir)
        .expect("cannot list tests/ui")
        .map(|entry| entry.expect("cannot read tests/ui").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .map(|path| {
            let name = path.file_stem().expect("a file name").to_string_lossy();
            (name.into_owned(), path)
        })
        .collect();
    cases.sort();
    cases
}

/// A user who sees one error must not read "due to 2 previous errors".
/// In an incremental build, a user's usual dev build, rustc emits an
/// error that the generated code makes twice (say, in the `Walk` impl
/// and again in the `Drop` impl) twice; Cargo prints it once and counts
/// it twice. trybuild's snapshots keep one copy too, so they are the
/// errors a user sees; here each case's count must match them.
#[test]
#[cfg_attr(miri, ignore = "runs the compiler, which Miri cannot do")]
fn every_case_counts_the_errors_it_shows() {
    let cases = ui_cases();
    let project = Project::new("ui-cases", "ownkit = { path = {ownkit} }", &cases);
    let output = project.cargo(&["check", "--bins", "--keep-going"]);
    let counted = error_counts(&output);
    let mut wrong = Vec::new();
    for (bin, file) in &cases {
        let snapshot = fs::read_to_string(file.with_extension("stderr"))
            .unwrap_or_else(|_| panic!("{bin} has no .stderr"));
        let shown = snapshot
            .lines()
            .filter(|line| line.starts_with("error[") || line.starts_with("error:"))
            .count();
        let count = counted
            .iter()
            .find(|(name, _)| name == bin)
            .map_or(0, |&(_, count)| count);
        if count != shown {
            wrong.push(format!("{bin}: shows {shown}, counts {count}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{wrong:#?}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// With `ok = { package = "ownkit", ... }` in Cargo.toml, nothing is called
/// `ownkit`, so every path the derives generate must come from
/// `#[ownkit(crate = "ok")]`: `tests/renamed/derives.rs` uses every shape
/// and attribute under that name and checks what it records.
#[test]
#[cfg_attr(miri, ignore = "runs the compiler, which Miri cannot do")]
fn the_derives_work_under_a_renamed_dependency() {
    let bins = [(
        "derives".to_owned(),
        PathBuf::from("tests/renamed/derives.rs"),
    )];
    let project = Project::new(
        "renamed",
        "ok = { package = \"ownkit\", path = {ownkit} }",
        &bins,
    );
    let run = project.cargo(&["run", "--bin", "derives"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&run.stdout), "recorded\n");
}
