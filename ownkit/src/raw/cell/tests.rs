//! Unit tests of `cell.rs`.

extern crate std;

use super::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Two cells that partially overlap cannot come from safe code, so this
/// builds them here, where the field layout is known.
#[test]
fn swap_refuses_partially_overlapping_cells() {
    let mut bytes = [1u8, 2, 3];
    let cells = Cell::from_mut(&mut bytes[..]).as_slice_of_cells();
    let first = cells.as_ptr().cast::<Cell<[u8; 2]>>();
    // SAFETY: `cells` has 3 elements, so element 1 is in bounds.
    let second = unsafe { cells.as_ptr().add(1) }.cast::<Cell<[u8; 2]>>();
    // SAFETY: bytes 0..2 of `bytes`, aligned for `[u8; 2]` (align 1),
    // initialised, and shared only through cells.
    let first = unsafe { &*first };
    // SAFETY: bytes 1..3 of `bytes`, as above.
    let second = unsafe { &*second };
    let result = catch_unwind(AssertUnwindSafe(|| first.swap(second)));
    let message = result.expect_err("overlapping swap must panic");
    assert_eq!(
        message.downcast_ref::<&str>(),
        Some(&"`Cell::swap` on overlapping non-identical `Cell`s")
    );
    assert_eq!(bytes, [1, 2, 3], "a refused swap must not touch memory");
}
