//! Unit tests of `shared_block.rs`.

use core::cell::Cell;

use super::*;

#[test]
fn value_offset_and_layout_match_the_compiler() {
    #[repr(align(64))]
    struct OverAligned(#[allow(dead_code, reason = "only its layout matters")] u8);
    type Header = [Cell<usize>; 2];

    fn offset_of_value<T>(value: T) -> usize {
        let block = StdBox::new(SharedBlock::<Header, T> {
            counts: [Cell::new(0), Cell::new(0)],
            value,
        });
        (&raw const block.value).addr() - (&raw const *block).addr()
    }
    assert_eq!(offset_of_value(()), value_offset::<Header>(1));
    assert_eq!(offset_of_value(1_u8), value_offset::<Header>(1));
    assert_eq!(
        offset_of_value(1_u128),
        value_offset::<Header>(mem::align_of::<u128>())
    );
    assert_eq!(offset_of_value(OverAligned(1)), 64);
    assert_eq!(value_offset::<Header>(64), 64);
    assert_eq!(
        block_layout::<Header>(Layout::new::<OverAligned>()),
        Layout::new::<SharedBlock<Header, OverAligned>>()
    );
    assert_eq!(
        block_layout::<Header>(Layout::new::<u8>()),
        Layout::new::<SharedBlock<Header, u8>>()
    );
}

#[test]
fn a_dead_count_gives_back_its_layout() {
    let layouts = [
        Layout::from_size_align(16, 8).unwrap(),
        Layout::from_size_align(24, 8).unwrap(),
        Layout::from_size_align(64, 64).unwrap(),
        Layout::from_size_align(8, 4).unwrap(),
        Layout::from_size_align(isize::MAX as usize - 3, 4).unwrap(),
        Layout::from_size_align(1 << 20, 1 << 12).unwrap(),
        Layout::from_size_align(1 << 29, 1 << 29).unwrap(),
        Layout::from_size_align(isize::MAX as usize - 7, 8).unwrap(),
        Layout::from_size_align(0, 4).unwrap(),
    ];
    for layout in layouts {
        let dead = dead_strong_count(layout);
        assert!(is_dead(dead), "{layout:?} -> {dead:#x}");
        assert_eq!(dead_block_layout(dead), layout);
    }
}

/// The reason for flipping the bits (see "Dead blocks" in the module docs):
/// a small block's dead count fits a sign-extended 32-bit immediate.
#[test]
fn a_small_blocks_dead_count_is_a_small_negative_number() {
    let dead = dead_strong_count(Layout::from_size_align(24, 8).unwrap());
    assert_eq!(
        dead.cast_signed(),
        -29,
        "{dead:#x}: 24 bytes, plus 4 for the alignment, flipped"
    );
    let gigabyte = dead_strong_count(Layout::from_size_align(1 << 30, 1 << 30).unwrap());
    assert!(
        i32::try_from(gigabyte.cast_signed()).is_ok(),
        "{gigabyte:#x}"
    );
}

#[test]
fn no_real_count_is_dead() {
    for count in [
        0,
        1,
        2,
        isize::MAX as usize - 1,
        isize::MAX as usize,
        DEAD_FLAG,
    ] {
        assert!(!is_dead(count), "{count:#x}");
    }
}

#[test]
fn only_a_real_count_holds_a_value() {
    let dead = dead_strong_count(Layout::from_size_align(24, 8).unwrap());
    for (count, holds) in [
        (0, false),
        (1, true),
        (isize::MAX as usize, true),
        (DEAD_FLAG, true),
        (dead, false),
        (usize::MAX, false),
    ] {
        assert_eq!(holds_value(count), holds, "{count:#x}");
    }
}
