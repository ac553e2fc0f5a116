use core::sync::atomic::{AtomicUsize, Ordering};

use super::is_nonzero;

/// The compare reads the whole word: a value whose low byte is 0, or whose
/// only bit set is the top one, is not 0.
#[test]
fn a_word_is_nonzero_exactly_when_some_bit_is_set() {
    static WORD: AtomicUsize = AtomicUsize::new(0);
    for value in [0, 1, 0x100, 1 << (usize::BITS - 1), usize::MAX] {
        WORD.store(value, Ordering::Relaxed);
        assert_eq!(is_nonzero(&WORD), value != 0, "the word held {value:#x}");
    }
}

/// A word on the stack is read as well as a static one.
#[test]
fn a_word_anywhere_is_read() {
    let word = AtomicUsize::new(0);
    assert!(!is_nonzero(&word));
    word.fetch_add(3, Ordering::Relaxed);
    assert!(is_nonzero(&word));
}

/// While an observer holds the gate open, the core sees it. (Whether it
/// sees it closed cannot be tested here: other tests open it at any time.)
#[cfg(feature = "std")]
#[test]
fn the_core_sees_the_gate_opened() {
    crate::observe::open();
    let seen = super::observing();
    crate::observe::close();
    assert!(seen);
}
