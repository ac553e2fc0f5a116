//! Compile-fail cases: each `tests/ui/*.rs` must fail to build with the
//! error recorded next to it in a `.stderr` file. And what trybuild cannot
//! check, in a project of its own (`project.rs`): that the derives work
//! when Cargo.toml gives ownkit another name.

mod project;

use std::path::PathBuf;

use project::Project;

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
