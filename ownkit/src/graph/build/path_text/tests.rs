//! The path texts read back as `Segment`'s `Display` writes them, however
//! the names collide in the table and however large the index.

use alloc_crate::format;
use alloc_crate::string::String;
use alloc_crate::vec::Vec;

use super::{FieldTexts, push_segment};
use crate::walk::Segment;

/// The text `(start, len)` names in `text`.
fn read(text: &[u8], (start, len): (u32, u32)) -> &str {
    core::str::from_utf8(&text[start as usize..][..len as usize]).unwrap()
}

/// More names than the table has slots, stored side by side (their
/// addresses close together, as a type's field names are): one- and
/// two-byte names, overlapping in one piece of text.
fn names() -> Vec<&'static str> {
    const ALL: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\
                       abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    (0..100)
        .map(|index| &ALL[index..index + 1 + index % 2])
        .collect()
}

#[test]
fn every_field_text_reads_back_as_its_segment_however_the_names_collide() {
    let (mut fields, mut text, names) = (FieldTexts::EMPTY, Vec::new(), names());
    for round in 0..3 {
        for (index, &name) in names.iter().enumerate() {
            // Every other name, then the rest, then all again.
            if round == 0 && index % 2 == 1 {
                continue;
            }
            let found = fields.find(&mut text, name);
            assert_eq!(read(&text, found), format!(".{name}"), "round {round}");
        }
    }
    // The table keeps what it has room for: far fewer writes than finds.
    let written = text.len();
    let _ = fields.find(&mut text, names[0]);
    assert_eq!(text.len(), written, "the first name is found, not written");
}

#[test]
fn index_texts_are_written_as_their_segments_small_or_large() {
    // Shared texts below 1024, digits written one by one above, and
    // around them what was there before and what comes after.
    for index in [0, 9, 10, 99, 100, 1_023, 1_024, 12_345, usize::MAX] {
        let mut written = Vec::new();
        for segment in [
            Segment::Field("next"),
            Segment::Index(index),
            Segment::Deref,
        ] {
            push_segment(&mut written, segment);
        }
        let expected = format!(".next[{index}].*");
        assert_eq!(String::from_utf8(written).unwrap(), expected);
    }
}
