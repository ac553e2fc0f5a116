//! Unit tests of `arc.rs`.

use super::*;
use crate::raw::abort_test::assert_aborts_in_child;

#[test]
#[cfg_attr(miri, ignore = "spawns a subprocess")]
fn clone_past_isize_max_aborts() {
    assert_aborts_in_child(module_path!(), "clone_past_isize_max_aborts", || {
        let arc = ArcPtr::new(0_u8);
        arc.counts().strong.store(MAX_REFCOUNT, Relaxed);
        // From MAX_REFCOUNT is still allowed; the count is now past it.
        mem::forget(arc.clone());
        // From past it is not.
        mem::forget(arc.clone());
        arc.counts().strong.store(1, Relaxed);
    });
}

#[test]
#[cfg_attr(miri, ignore = "spawns a subprocess")]
fn upgrade_past_isize_max_aborts() {
    assert_aborts_in_child(module_path!(), "upgrade_past_isize_max_aborts", || {
        let arc = ArcPtr::new(0_u8);
        let weak = arc.downgrade();
        arc.counts().strong.store(MAX_REFCOUNT + 1, Relaxed);
        mem::forget(weak.upgrade());
        arc.counts().strong.store(1, Relaxed);
    });
}

#[test]
#[cfg_attr(miri, ignore = "spawns a subprocess")]
fn downgrade_past_isize_max_aborts() {
    assert_aborts_in_child(module_path!(), "downgrade_past_isize_max_aborts", || {
        let arc = ArcPtr::new(0_u8);
        arc.counts().weak.store(MAX_REFCOUNT + 1, Relaxed);
        mem::forget(arc.downgrade());
        arc.counts().weak.store(1, Relaxed);
    });
}

#[test]
#[cfg_attr(miri, ignore = "spawns a subprocess")]
fn weak_clone_past_isize_max_aborts() {
    assert_aborts_in_child(module_path!(), "weak_clone_past_isize_max_aborts", || {
        let arc = ArcPtr::new(0_u8);
        let weak = arc.downgrade();
        arc.counts().weak.store(MAX_REFCOUNT + 1, Relaxed);
        mem::forget(weak.clone());
        arc.counts().weak.store(2, Relaxed);
    });
}

#[test]
fn weak_count_reads_zero_while_locked() {
    let arc = ArcPtr::new(0_u8);
    arc.counts().weak.store(WEAK_LOCKED, Relaxed);
    assert_eq!(arc.weak_count(), 0);
    arc.counts().weak.store(1, Relaxed);
}

#[test]
fn is_unique_leaves_the_weak_count_unlocked() {
    let mut arc = ArcPtr::new(0_u8);
    assert!(arc.is_unique());
    assert_eq!(arc.counts().weak.load(Relaxed), 1);
    let other = arc.clone();
    assert!(!arc.is_unique());
    assert_eq!(arc.counts().weak.load(Relaxed), 1);
    drop(other);
    let weak = arc.downgrade();
    assert!(!arc.is_unique());
    assert_eq!(arc.counts().weak.load(Relaxed), 2);
    drop(weak);
}

mod observed_drop {
    //! The drop path taken while someone observes, run directly: it must
    //! count, drop and free exactly as the plain one does.

    use core::mem::ManuallyDrop;

    use super::{ArcInner, ArcPtr, Layout, Relaxed, shared_block};
    use crate::observe::PointerKind;

    #[test]
    fn the_observed_drop_counts_like_the_plain_one() {
        let last = ArcPtr::new(alloc_crate::string::String::from("shared"));
        let shared = ManuallyDrop::new(last.clone());
        let weak = last.downgrade();
        let info = shared.pointer_info();
        assert_eq!(
            (info.kind, info.strong, info.weak),
            (PointerKind::Arc, 2, 1)
        );
        // Not the last owner: the plain decrement, nothing to record.
        ManuallyDrop::into_inner(shared);
        assert_eq!(last.strong_count(), 1);

        let mut last = ManuallyDrop::new(last);
        // What `drop` does for the last owner, down to the observed path.
        last.counts()
            .strong
            .fetch_sub(1, core::sync::atomic::Ordering::Release);
        core::sync::atomic::fence(core::sync::atomic::Ordering::Acquire);
        last.drop_slow_observed();
        assert_eq!((weak.strong_count(), weak.weak_count()), (0, 0));
        // The value is dropped (Miri reports a leak of the String
        // otherwise); the dead count holds the block's layout for the free.
        let strong = weak.counts().unwrap().strong.load(Relaxed);
        assert_eq!(
            shared_block::dead_block_layout(strong),
            Layout::new::<ArcInner<alloc_crate::string::String>>()
        );
        drop(weak);
    }
}
