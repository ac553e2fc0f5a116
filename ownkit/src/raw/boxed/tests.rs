//! The drop path taken while someone observes, run directly: it must
//! drop and free exactly as the plain one does, unwinding included.

extern crate std;

use core::cell::Cell;
use core::mem::ManuallyDrop;
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::BoxPtr;
use crate::observe::PointerKind;

struct CountDrop<'c>(&'c Cell<usize>, bool);

impl Drop for CountDrop<'_> {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
        assert!(!self.1, "CountDrop panicked on purpose");
    }
}

#[test]
fn the_observed_drop_drops_once_and_frees() {
    let drops = Cell::new(0);
    let mut boxed = ManuallyDrop::new(BoxPtr::new(CountDrop(&drops, false)));
    let info = boxed.pointer_info();
    assert_eq!(
        (info.kind, info.strong, info.weak),
        (PointerKind::Box, 1, 0)
    );
    assert_eq!(info.block.map(|block| block.address), Some(info.target));
    boxed.drop_observed();
    assert_eq!(drops.get(), 1);

    // Zero-sized: nothing to free, nothing reported as freed.
    let mut empty = ManuallyDrop::new(BoxPtr::new(()));
    assert_eq!(empty.pointer_info().block, None);
    empty.drop_observed();
}

#[test]
fn the_observed_drop_frees_while_unwinding() {
    let drops = Cell::new(0);
    let mut boxed = ManuallyDrop::new(BoxPtr::new(CountDrop(&drops, true)));
    let result = catch_unwind(AssertUnwindSafe(|| boxed.drop_observed()));
    assert!(result.is_err());
    // Dropped once; the block is freed (Miri reports a leak otherwise).
    assert_eq!(drops.get(), 1);
}
