//! The report as text: the tree `Display` prints, the same with addresses,
//! and the line diffs the assertion helpers panic with.

use super::support::{Leaf, Outer, Pair, pair, traced};
use ownkit::TraceDrop;
use std::mem::{align_of, size_of};
use std::panic::{AssertUnwindSafe, catch_unwind};

#[derive(TraceDrop)]
enum Choice {
    One(Leaf),
}

#[test]
fn the_display_of_a_nested_report() {
    let (report, logged) = traced(|| {
        let _later = Choice::One(Leaf("later"));
        drop(Outer {
            a: Leaf("a"),
            b: ownkit::Box::new(pair("b.left", "b.right")),
            v: vec![Leaf("v0"), Leaf("v1")],
        });
    });
    assert_eq!(logged, ["a", "b.left", "b.right", "v0", "v1", "later"]);
    let expected = format!(
        "\
Outer
├── a: Leaf
├── b: Box<Pair>
│   ├── *: Pair
│   │   ├── left: Leaf
│   │   └── right: Leaf
│   └── freed {} bytes (align {})
├── v[0]: Leaf
└── v[1]: Leaf
Choice::One
└── 0: Leaf
",
        size_of::<Pair>(),
        align_of::<Pair>()
    );
    assert_eq!(report.to_string(), expected);

    let with_addresses = report.with_addresses().to_string();
    let root = report.roots().get(0).unwrap();
    assert!(
        with_addresses.starts_with(&format!("Outer @ {:#x}\n", root.address())),
        "{with_addresses}"
    );
    assert_eq!(
        with_addresses.lines().count(),
        expected.lines().count(),
        "{with_addresses}"
    );
    // Every line is the plain one with an address added.
    for (plain, addressed) in expected.lines().zip(with_addresses.lines()) {
        assert_eq!(without_address(addressed), plain);
    }
}

/// `line` without the ` @ 0x...` that `with_addresses` adds to it.
fn without_address(line: &str) -> String {
    let (before, after) = line
        .split_once(" @ 0x")
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    let rest = after.trim_start_matches(|c: char| c.is_ascii_hexdigit());
    format!("{before}{rest}")
}

/// The message a failed assertion helper panicked with.
fn failure_message(assertion: impl FnOnce()) -> String {
    let failure = catch_unwind(AssertUnwindSafe(assertion)).expect_err("the assertion must fail");
    failure
        .downcast_ref::<String>()
        .expect("a formatted message")
        .clone()
}

#[test]
fn assert_tree_reports_a_readable_diff() {
    let (report, logged) = traced(|| drop(pair("left", "right")));
    assert_eq!(logged, ["left", "right"]);
    report.assert_tree(
        "
        Pair
        ├── left: Leaf
        └── right: Leaf
        ",
    );
    let message = failure_message(|| {
        report.assert_tree(
            "
            Pair
            ├── right: Leaf
            └── left: Leaf
            ",
        );
    });
    assert!(message.contains("- ├── right: Leaf"), "{message}");
    assert!(message.contains("+ ├── left: Leaf"), "{message}");
    assert!(message.contains("  Pair"), "{message}");
}

#[test]
fn assert_paths_reports_a_readable_diff() {
    let (report, _) = traced(|| drop(pair("left", "right")));
    report.assert_paths(&["Pair", "Pair.left", "Pair.right"]);
    let message = failure_message(|| report.assert_paths(&["Pair", "Pair.right"]));
    assert!(message.contains("+ Pair.left"), "{message}");
    assert!(message.contains("  Pair.right"), "{message}");
    // Nothing expected is missing: no line of the diff says so.
    assert!(
        !message.lines().any(|line| line.starts_with("- ")),
        "{message}"
    );
}

/// `Debug` is a summary a failing test can print: counts, the first
/// paths, whether the report is certain; not the storage.
#[test]
fn debug_is_a_short_summary() {
    let (report, _) = traced(|| {
        for _ in 0..3 {
            drop(pair("left", "right"));
        }
    });
    assert_eq!(
        format!("{report:?}"),
        "DropReport { drops: 9, freed: 0 blocks, 0 bytes, \
         paths: [\"Pair\", \"Pair.left\", \"Pair.right\", \"Pair\", … 5 more], certain: true }"
    );
    let (boxed, _) = traced(|| drop(ownkit::Box::new(pair("l", "r"))));
    let summary = format!("{boxed:#?}");
    assert!(summary.contains("freed: 1 block, 32 bytes"), "{summary}");
    assert!(
        !summary.contains("Span") && !summary.contains("Record"),
        "{summary}"
    );
}
