//! A line diff for the assertion helpers: the longest common subsequence of
//! the two texts' lines, printed with `-` for lines only expected and `+`
//! for lines only found.
//!
//! The inputs are drop reports a test writes by hand, a few dozen lines,
//! so the quadratic table is no concern and keeps the code short.

use alloc::string::String;
use alloc::vec;
use core::fmt::Write;

/// The lines of `expected` and `actual`, merged: common lines start with
/// two spaces, lines only in `expected` with `- `, lines only in `actual`
/// with `+ `.
pub(super) fn diff_lines(expected: &[&str], actual: &[&str]) -> String {
    // common[i][j]: length of the longest common subsequence of
    // expected[i..] and actual[j..].
    let width = actual.len() + 1;
    let mut common = vec![0_usize; (expected.len() + 1) * width];
    for i in (0..expected.len()).rev() {
        for j in (0..actual.len()).rev() {
            common[i * width + j] = if expected[i] == actual[j] {
                common[(i + 1) * width + j + 1] + 1
            } else {
                common[(i + 1) * width + j].max(common[i * width + j + 1])
            };
        }
    }
    let mut out = String::new();
    let (mut i, mut j) = (0, 0);
    while i < expected.len() || j < actual.len() {
        if i < expected.len() && j < actual.len() && expected[i] == actual[j] {
            let _ = writeln!(out, "  {}", expected[i]);
            i += 1;
            j += 1;
        } else if j == actual.len()
            || (i < expected.len() && common[(i + 1) * width + j] >= common[i * width + j + 1])
        {
            let _ = writeln!(out, "- {}", expected[i]);
            i += 1;
        } else {
            let _ = writeln!(out, "+ {}", actual[j]);
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
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
}
