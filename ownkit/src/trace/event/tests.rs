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
