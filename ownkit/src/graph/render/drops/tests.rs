//! Unit tests of `drops.rs`; the pictures of real captures are tested in
//! `tests/it/trace/pictures.rs`, with the derive.

use alloc_crate::string::String;
use alloc_crate::vec::Vec;

use super::wrapped;

#[test]
fn reasons_wrap_at_spaces_and_long_words_are_cut() {
    assert_eq!(
        wrapped("placed by address: the drop hook put this there", 20),
        ["placed by address:", "the drop hook put", "this there"]
    );
    assert_eq!(wrapped("abcdefghij xy", 4), ["abcd", "efgh", "ij", "xy"]);
    assert_eq!(wrapped("", 10), Vec::<String>::new());
    // Characters, not bytes: a line of 3 accented letters is 3 wide.
    assert_eq!(wrapped("ééé ééé", 3), ["ééé", "ééé"]);
}
