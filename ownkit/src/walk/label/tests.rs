//! Unit tests of [`LabelText`]: the `Debug` output as it is, cut at 32
//! characters on a character boundary, control characters escaped, and a
//! long value formatted only as far as it is kept.

use alloc_crate::string::String;
use alloc_crate::vec::Vec;
use core::cell::Cell;
use core::fmt;

use super::{LABEL_CHARS, LabelText};

#[test]
fn a_short_value_is_its_debug_output() {
    assert_eq!(LabelText::of(&"Intro").as_str(), "\"Intro\"");
    assert_eq!(LabelText::of(&3.0_f64).as_str(), "3.0");
    assert_eq!(LabelText::of(&Some(7_u8)).as_str(), "Some(7)");
    assert_eq!(LabelText::of(&"").as_str(), "\"\"");
}

#[test]
fn exactly_32_characters_are_kept_whole() {
    // A `Debug` that writes exactly 32 characters: nothing is cut.
    let text: String = "x".repeat(LABEL_CHARS);
    let label = LabelText::of(&Raw(&text));
    assert_eq!(label.as_str(), text);
}

#[test]
fn a_long_value_is_cut_at_32_characters_with_an_ellipsis() {
    let label = LabelText::of(&"abcdefghijklmnopqrstuvwxyz0123456789");
    // The opening quote and 31 letters and digits.
    assert_eq!(label.as_str(), "\"abcdefghijklmnopqrstuvwxyz01234…");
    assert_eq!(label.as_str().chars().count(), LABEL_CHARS + 1);
}

#[test]
fn the_cut_falls_between_characters_not_bytes() {
    // 40 characters of three bytes each, and four-byte ones.
    let wide = "語".repeat(40);
    let label = LabelText::of(&Raw(&wide));
    let expected: String = "語".repeat(LABEL_CHARS) + "…";
    assert_eq!(label.as_str(), expected);
    let widest = "🦀".repeat(40);
    let label = LabelText::of(&Raw(&widest));
    assert_eq!(label.as_str(), "🦀".repeat(LABEL_CHARS) + "…");
}

#[test]
fn control_characters_are_escaped() {
    // `str`'s `Debug` escapes them already; a hand-written one may not.
    let label = LabelText::of(&Raw("a\nb\tc\u{1b}d\r"));
    assert_eq!(label.as_str(), "a\\nb\\tc\\u{1b}d\\r");
    assert!(!label.as_str().chars().any(char::is_control));
    // An escape counts as the characters it takes, and may be cut.
    let label = LabelText::of(&Raw(&"\n".repeat(20)));
    assert_eq!(label.as_str(), "\\n".repeat(16) + "…");
}

#[test]
fn formatting_stops_once_the_text_is_full() {
    /// Writes `pieces` pieces of one character, counting those written.
    struct Counted<'c> {
        pieces: usize,
        written: &'c Cell<usize>,
    }
    impl fmt::Debug for Counted<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            for _ in 0..self.pieces {
                f.write_str("x")?;
                self.written.set(self.written.get() + 1);
            }
            Ok(())
        }
    }
    let written = Cell::new(0);
    let label = LabelText::of(&Counted {
        pieces: 1_000_000,
        written: &written,
    });
    assert_eq!(label.as_str(), "x".repeat(LABEL_CHARS) + "…");
    assert_eq!(written.get(), LABEL_CHARS, "the 33rd piece was refused");
}

#[test]
fn a_failing_debug_keeps_what_it_wrote() {
    struct Fails;
    impl fmt::Debug for Fails {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("half")?;
            Err(fmt::Error)
        }
    }
    assert_eq!(LabelText::of(&Fails).as_str(), "half");
}

#[test]
fn a_vector_is_cut_like_any_other_value() {
    let numbers: Vec<u32> = (0..100).collect();
    assert_eq!(
        LabelText::of(&numbers).as_str(),
        "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1…"
    );
}

/// Writes its text as it is, as a hand-written `Debug` might.
struct Raw<'t>(&'t str);

impl fmt::Debug for Raw<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}
