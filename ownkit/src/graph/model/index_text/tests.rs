//! The shared index texts read back as `Segment`'s `Display` writes an
//! index, and a fixed-size copy from any of them stays in bounds.

use alloc_crate::format;

use super::{COPY_LEN, SHARED_INDICES, TEXT, span};

#[test]
fn every_shared_index_text_reads_as_the_index_displayed_and_larger_ones_are_absent() {
    // Under Miri, where formatting a thousand texts takes most of a
    // minute, every digit count's first and last and some between.
    let every = if cfg!(miri) { 37 } else { 1 };
    let edges = [0, 9, 10, 99, 100, 999, 1000, SHARED_INDICES - 1];
    for index in (0..SHARED_INDICES).step_by(every).chain(edges) {
        let (start, len) = span(index).unwrap();
        let (start, len) = (start as usize, len as usize);
        assert_eq!(&TEXT[start..start + len], format!("[{index}]"));
        assert!(len <= COPY_LEN && start + COPY_LEN <= TEXT.len());
    }
    assert_eq!(span(SHARED_INDICES), None);
    assert_eq!(span(usize::MAX), None);
}
