//! A line diff for the assertion helpers: the longest common subsequence of
//! the two texts' lines, printed with `-` for lines only expected and `+`
//! for lines only found.
//!
//! The inputs are drop reports a test writes by hand, a few dozen lines,
//! so the quadratic table is no concern and keeps the code short.

use alloc_crate::string::String;
use alloc_crate::vec;
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
mod tests;
