//! Unit tests of `rc.rs`.

use super::*;
use crate::raw::abort_test::assert_aborts_in_child;

#[test]
#[cfg_attr(miri, ignore = "spawns a subprocess")]
fn strong_count_overflow_aborts() {
    assert_aborts_in_child(module_path!(), "strong_count_overflow_aborts", || {
        let rc = RcPtr::new(0_u8);
        // The largest real count may still be cloned from; past it is a
        // dead count, so the clone that would reach it aborts.
        rc.counts().strong.set(MAX_REFCOUNT);
        let clone = rc.clone();
        mem::forget(clone);
        rc.counts().strong.set(1);
    });
}

#[test]
#[cfg_attr(miri, ignore = "spawns a subprocess")]
fn weak_count_overflow_aborts() {
    assert_aborts_in_child(module_path!(), "weak_count_overflow_aborts", || {
        let rc = RcPtr::new(0_u8);
        rc.counts().weak.set(usize::MAX);
        let weak = rc.downgrade();
        mem::forget(weak);
        rc.counts().weak.set(1);
    });
}

mod observed_drop {
    //! The drop path taken while someone observes, run directly: it must
    //! count, drop and free exactly as the plain one does.

    use core::cell::Cell;
    use core::mem::ManuallyDrop;

    use super::{Layout, RcInner, RcPtr, shared_block};
    use crate::observe::PointerKind;

    struct CountDrop<'c>(&'c Cell<usize>);

    impl Drop for CountDrop<'_> {
        fn drop(&mut self) {
            self.0.set(self.0.get() + 1);
        }
    }

    #[test]
    fn the_observed_drop_counts_like_the_plain_one() {
        let drops = Cell::new(0);
        let last = RcPtr::new(CountDrop(&drops));
        let shared = ManuallyDrop::new(last.clone());
        let weak = last.downgrade();
        let info = shared.pointer_info();
        assert_eq!((info.kind, info.strong, info.weak), (PointerKind::Rc, 2, 1));
        assert!(!info.drops_target());
        // Not the last owner: the plain decrement, nothing to record.
        ManuallyDrop::into_inner(shared);
        assert_eq!((last.strong_count(), drops.get()), (1, 0));

        let mut last = ManuallyDrop::new(last);
        assert!(last.pointer_info().drops_target());
        // What `drop` does for the last owner, down to the observed path.
        last.counts().dec_strong();
        last.drop_slow_observed();
        assert_eq!(drops.get(), 1);

        // The value is gone, the block is not: the `Weak` no longer measures
        // it for a walk, and the dead count holds its layout for the free.
        assert_eq!(weak.weak_info().block, None);
        let strong = weak.counts().unwrap().strong();
        assert_eq!(
            shared_block::dead_block_layout(strong),
            Layout::new::<RcInner<CountDrop<'_>>>()
        );
        assert_eq!((weak.strong_count(), weak.weak_count()), (0, 0));
        drop(weak);
    }

    #[test]
    fn a_weak_measures_the_block_while_the_value_lives() {
        let rc = RcPtr::<[u8]>::from_vec(alloc_crate::vec![1, 2, 3]);
        let weak = rc.downgrade();
        let block = rc.pointer_info().block.unwrap();
        assert_eq!(weak.weak_info().block, Some(block));
        drop(rc);
        // The dead count holds the same layout, for the free.
        let layout = shared_block::dead_block_layout(weak.counts().unwrap().strong());
        assert_eq!((layout.size(), layout.align()), (block.size, block.align));
    }
}
