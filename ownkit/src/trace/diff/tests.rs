//! Unit tests of `diff.rs`.

use super::diff_lines;

#[test]
fn equal_texts_have_only_common_lines() {
    assert_eq!(diff_lines(&["a", "b"], &["a", "b"]), "  a\n  b\n");
}

#[test]
fn a_changed_line_shows_as_removed_then_added() {
    assert_eq!(
        diff_lines(&["a", "b", "c"], &["a", "x", "c"]),
        "  a\n- b\n+ x\n  c\n"
    );
}

#[test]
fn insertions_and_deletions_at_the_ends() {
    assert_eq!(diff_lines(&["a", "b"], &["b", "c"]), "- a\n  b\n+ c\n");
    assert_eq!(diff_lines(&[], &["a"]), "+ a\n");
    assert_eq!(diff_lines(&["a"], &[]), "- a\n");
}

#[test]
fn a_moved_line_keeps_the_longest_common_run() {
    assert_eq!(
        diff_lines(&["x", "a", "b", "c"], &["a", "b", "c", "x"]),
        "- x\n  a\n  b\n  c\n+ x\n"
    );
}
