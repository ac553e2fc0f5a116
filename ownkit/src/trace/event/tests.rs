//! Unit tests of `event.rs`.

use super::*;

#[test]
#[cfg(target_pointer_width = "64")]
fn a_record_takes_exactly_32_bytes_on_64_bit_targets() {
    assert_eq!(core::mem::size_of::<Event>(), 24);
    assert_eq!(core::mem::size_of::<Record>(), 32);
}

#[test]
fn a_record_fits_in_32_bytes() {
    assert!(
        core::mem::size_of::<Record>() <= 32,
        "a record takes {} bytes",
        core::mem::size_of::<Record>()
    );
}

#[test]
fn a_label_goes_in_pieces_of_whole_characters() {
    use alloc_crate::string::String;
    use alloc_crate::vec::Vec;

    let short: Vec<LabelPiece> = LabelPiece::split("\"Intro\"").collect();
    assert_eq!(short.len(), 1);
    assert_eq!(short[0].as_str(), "\"Intro\"");
    assert!(LabelPiece::split("").next().is_none());

    // 21 one-byte characters and a three-byte one: the last would end
    // past the 22nd byte, so it opens the second piece.
    let text = "a".repeat(21) + "…" + "b";
    let pieces: Vec<LabelPiece> = LabelPiece::split(&text).collect();
    assert_eq!(pieces[0].as_str(), "a".repeat(21));
    assert_eq!(pieces[1].as_str(), "…b");
    let joined: String = pieces.iter().map(LabelPiece::as_str).collect();
    assert_eq!(joined, text);

    // The longest label: 32 four-byte characters and the ellipsis.
    let longest = "🦀".repeat(32) + "…";
    let pieces: Vec<LabelPiece> = LabelPiece::split(&longest).collect();
    assert!(
        pieces
            .iter()
            .all(|piece| piece.as_str().len() <= LABEL_PIECE)
    );
    assert_eq!(pieces.len(), 7);
    let joined: String = pieces.iter().map(LabelPiece::as_str).collect();
    assert_eq!(joined, longest);
}
