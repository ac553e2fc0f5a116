//! Unit tests of `rc.rs`.

use super::*;
use crate::raw::abort_test::assert_aborts_in_child;

#[test]
#[cfg_attr(miri, ignore = "spawns a subprocess")]
fn strong_count_overflow_aborts() {
    assert_aborts_in_child(module_path!(), "strong_count_overflow_aborts", || {
        let rc = RcPtr::new(0_u8);
        rc.counts().strong.set(usize::MAX);
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

    use super::RcPtr;
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

        // The value is gone, the block is not: the `Weak` can still read the
        // block's layout for the trace, and then frees it.
        assert_eq!(weak.weak_info().block, None);
        weak.report_free();
        drop(weak);
    }

    #[test]
    fn a_weak_measures_the_block_while_the_value_lives() {
        let rc = RcPtr::<[u8]>::from_vec(alloc_crate::vec![1, 2, 3]);
        let weak = rc.downgrade();
        assert_eq!(weak.weak_info().block, rc.pointer_info().block);
        drop(rc);
        weak.report_free();
    }
}
