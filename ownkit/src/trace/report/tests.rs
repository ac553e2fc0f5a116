//! Unit tests of `report.rs`.

use super::*;

#[test]
fn normalise_removes_common_indentation_and_blank_ends() {
    assert_eq!(
        normalise("\n    Outer\n    └── a: Leaf   \n        └── x\n  \n"),
        ["Outer", "└── a: Leaf", "    └── x"]
    );
    // Starting on the quote's line, as a literal in a test usually does.
    assert_eq!(
        normalise("Outer\n         └── a: Leaf\n             └── x"),
        ["Outer", "└── a: Leaf", "    └── x"]
    );
}
