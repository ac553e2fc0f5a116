//! `ownkit::sync::{Arc, Weak}` against `std::sync::{Arc, Weak}` as the oracle.
//!
//! The tests here run on one thread and cover what std's own Arc tests
//! check; the ones that spawn threads live in [`threads`], which CI also runs
//! under Miri with several scheduler seeds. Leaks are checked by Miri (leak
//! detection on): a test that ends with memory still allocated fails there.

#![allow(
    unsafe_code,
    reason = "the raw-pointer API (`from_raw` and friends) is unsafe to call"
)]
#![allow(
    clippy::arc_with_non_send_sync,
    reason = "single-threaded tests share counting probes, which are not `Sync`, on purpose"
)]

mod threads;

use std::any::Any;
use std::cell::RefCell;
use std::collections::hash_map::DefaultHasher;
use std::fmt::{self, Debug, Display};
use std::hash::{Hash, Hasher};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync as std_sync;
use std::sync::Mutex;

use ownkit::sync::{Arc, Weak};
use ownkit_tests::{DropLog, Named, Panic, Probe, Witness};

/// Strong and weak counts of an ownkit `Arc`.
fn counts<T: ?Sized>(arc: &Arc<T>) -> (usize, usize) {
    (Arc::strong_count(arc), Arc::weak_count(arc))
}

/// Strong and weak counts of a std `Arc`.
fn std_counts<T: ?Sized>(arc: &std_sync::Arc<T>) -> (usize, usize) {
    (
        std_sync::Arc::strong_count(arc),
        std_sync::Arc::weak_count(arc),
    )
}

/// Strong and weak counts seen through an ownkit `Weak`.
fn weak_counts<T: ?Sized>(weak: &Weak<T>) -> (usize, usize) {
    (weak.strong_count(), weak.weak_count())
}

/// Strong and weak counts seen through a std `Weak`.
fn std_weak_counts<T: ?Sized>(weak: &std_sync::Weak<T>) -> (usize, usize) {
    (weak.strong_count(), weak.weak_count())
}

fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// Runs `f`, expecting it to panic, and returns the panic message.
fn expect_panic(f: impl FnOnce()) -> String {
    let payload = catch_unwind(AssertUnwindSafe(f)).expect_err("expected a panic");
    if let Some(message) = payload.downcast_ref::<&'static str>() {
        (*message).to_owned()
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message.clone()
    } else {
        String::from("<non-string panic payload>")
    }
}

trait Shape {
    fn area(&self) -> u32;
}

struct Square<'a> {
    side: u32,
    _probe: Probe<'a>,
}

impl Shape for Square<'_> {
    fn area(&self) -> u32 {
        self.side * self.side
    }
}

#[derive(Clone, Debug, PartialEq)]
#[repr(align(64))]
struct Aligned64(u32);

impl Shape for Aligned64 {
    fn area(&self) -> u32 {
        self.0
    }
}

#[test]
fn counts_follow_clone_downgrade_upgrade_and_drop() {
    let ours = Arc::new(String::from("value"));
    let theirs = std_sync::Arc::new(String::from("value"));
    assert_eq!(counts(&ours), (1, 0));
    assert_eq!(counts(&ours), std_counts(&theirs));

    let ours_clone = Arc::clone(&ours);
    let theirs_clone = std_sync::Arc::clone(&theirs);
    assert_eq!(counts(&ours), (2, 0));
    assert_eq!(counts(&ours_clone), std_counts(&theirs_clone));

    let ours_weak = Arc::downgrade(&ours);
    let theirs_weak = std_sync::Arc::downgrade(&theirs);
    assert_eq!(counts(&ours), (2, 1));
    assert_eq!(weak_counts(&ours_weak), (2, 1));
    assert_eq!(weak_counts(&ours_weak), std_weak_counts(&theirs_weak));
    let ours_weak_clone = ours_weak.clone();
    let theirs_weak_clone = theirs_weak.clone();
    assert_eq!(counts(&ours), (2, 2));
    assert_eq!(counts(&ours), std_counts(&theirs));
    assert_eq!(
        weak_counts(&ours_weak_clone),
        std_weak_counts(&theirs_weak_clone)
    );

    drop((ours_clone, ours_weak_clone));
    drop((theirs_clone, theirs_weak_clone));
    assert_eq!(counts(&ours), (1, 1));
    assert_eq!(counts(&ours), std_counts(&theirs));

    let ours_upgraded = ours_weak.upgrade().expect("the value is alive");
    let theirs_upgraded = theirs_weak.upgrade().expect("the value is alive");
    assert_eq!(counts(&ours), (2, 1));
    assert_eq!(counts(&ours_upgraded), std_counts(&theirs_upgraded));
    assert!(Arc::ptr_eq(&ours, &ours_upgraded));
    assert_eq!(*ours_upgraded, *theirs_upgraded);

    drop(ours);
    drop(theirs);
    assert_eq!(counts(&ours_upgraded), (1, 1));
    assert_eq!(counts(&ours_upgraded), std_counts(&theirs_upgraded));

    drop(ours_upgraded);
    drop(theirs_upgraded);
    // No strong owner left: both counts read 0 through the Weak, as in std.
    assert_eq!(weak_counts(&ours_weak), (0, 0));
    assert_eq!(weak_counts(&ours_weak), std_weak_counts(&theirs_weak));
    assert!(ours_weak.upgrade().is_none());
    assert!(theirs_weak.upgrade().is_none());
    // Failed upgrades change nothing.
    assert_eq!(weak_counts(&ours_weak), (0, 0));
}

#[test]
fn weak_counts_match_std_step_by_step() {
    let ours = Arc::new(0);
    let theirs = std_sync::Arc::new(0);
    let ours_weak = Arc::downgrade(&ours);
    let theirs_weak = std_sync::Arc::downgrade(&theirs);
    let ours_weaks: Vec<_> = (0..3).map(|_| ours_weak.clone()).collect();
    let theirs_weaks: Vec<_> = (0..3).map(|_| theirs_weak.clone()).collect();
    for (ours, theirs) in ours_weaks.iter().zip(&theirs_weaks) {
        assert_eq!(weak_counts(ours), (1, 4));
        assert_eq!(weak_counts(ours), std_weak_counts(theirs));
    }
    let ours_strong: Vec<_> = ours_weaks.iter().map(|w| w.upgrade().unwrap()).collect();
    let theirs_strong: Vec<_> = theirs_weaks.iter().map(|w| w.upgrade().unwrap()).collect();
    assert_eq!(counts(&ours), (4, 4));
    assert_eq!(counts(&ours), std_counts(&theirs));
    drop((ours_strong, ours_weaks));
    drop((theirs_strong, theirs_weaks));
    assert_eq!(counts(&ours), (1, 1));
    assert_eq!(counts(&ours), std_counts(&theirs));
}

#[test]
fn value_is_dropped_by_the_last_arc_only() {
    let witness = Witness::new();
    let arc = Arc::new(witness.spawn(Panic::Never));
    let clones: Vec<_> = (0..3).map(|_| Arc::clone(&arc)).collect();
    let weak = Arc::downgrade(&arc);
    drop(arc);
    assert_eq!(witness.drops(), 0);
    drop(clones);
    assert_eq!(witness.drops(), 1, "the last Arc drops the value");
    assert!(weak.upgrade().is_none());
    drop(weak);
    assert_eq!((witness.clones(), witness.drops()), (0, 1));
}

#[test]
fn get_mut_needs_a_unique_arc_and_no_weak() {
    let mut ours = Arc::new(3);
    let mut theirs = std_sync::Arc::new(3);
    *Arc::get_mut(&mut ours).unwrap() = 4;
    *std_sync::Arc::get_mut(&mut theirs).unwrap() = 4;
    assert_eq!(*ours, *theirs);

    let ours_other = Arc::clone(&ours);
    let theirs_other = std_sync::Arc::clone(&theirs);
    assert!(Arc::get_mut(&mut ours).is_none(), "a second Arc");
    assert!(std_sync::Arc::get_mut(&mut theirs).is_none());
    drop((ours_other, theirs_other));
    assert!(Arc::get_mut(&mut ours).is_some());

    let ours_weak = Arc::downgrade(&ours);
    let theirs_weak = std_sync::Arc::downgrade(&theirs);
    assert!(Arc::get_mut(&mut ours).is_none(), "a Weak");
    assert!(std_sync::Arc::get_mut(&mut theirs).is_none());
    // A refused `get_mut` leaves the counts alone (the weak count is only
    // locked while it looks).
    assert_eq!(counts(&ours), (1, 1));
    assert_eq!(counts(&ours), std_counts(&theirs));
    assert_eq!(ours_weak.upgrade().as_deref(), Some(&4));
    drop((ours_weak, theirs_weak));

    *Arc::get_mut(&mut ours).unwrap() += 1;
    *std_sync::Arc::get_mut(&mut theirs).unwrap() += 1;
    assert_eq!(*ours, *theirs);
    assert_eq!(counts(&ours), (1, 0));
    // Downgrading after a successful `get_mut` still works.
    let weak = Arc::downgrade(&ours);
    assert_eq!(counts(&ours), (1, 1));
    drop(weak);
}

#[test]
fn get_mut_on_unsized_values() {
    let mut ours: Arc<[i32]> = Arc::from(vec![1, 2, 3]);
    let mut theirs: std_sync::Arc<[i32]> = std_sync::Arc::from(vec![1, 2, 3]);
    Arc::get_mut(&mut ours).unwrap()[1] = 20;
    std_sync::Arc::get_mut(&mut theirs).unwrap()[1] = 20;
    assert_eq!(*ours, *theirs);

    let mut text: Arc<str> = Arc::from("abc");
    Arc::get_mut(&mut text).unwrap().make_ascii_uppercase();
    assert_eq!(&*text, "ABC");
    let _other = Arc::clone(&text);
    assert!(Arc::get_mut(&mut text).is_none());
}

#[test]
fn make_mut_when_unique_changes_in_place() {
    let witness = Witness::new();
    let mut arc = Arc::new((witness.spawn(Panic::Never), 1));
    let before = Arc::as_ptr(&arc);
    Arc::make_mut(&mut arc).1 = 2;
    assert_eq!(arc.1, 2);
    assert_eq!(Arc::as_ptr(&arc), before, "no new allocation");
    assert_eq!(counts(&arc), (1, 0));
    assert_eq!((witness.clones(), witness.drops()), (0, 0));
    drop(arc);
    assert_eq!(witness.drops(), 1);
}

#[test]
fn make_mut_when_shared_clones_and_leaves_the_others_alone() {
    // std's `test_cowarc_clone_make_mut` and `test_cowarc_clone_unique2`.
    let mut first = Arc::new(75);
    let mut second = Arc::clone(&first);
    let mut third = Arc::clone(&second);
    assert_eq!(*Arc::make_mut(&mut first), 75);
    assert_eq!(*Arc::make_mut(&mut second), 75);
    assert_eq!(*Arc::make_mut(&mut third), 75);
    *Arc::make_mut(&mut first) += 1;
    *Arc::make_mut(&mut second) += 2;
    *Arc::make_mut(&mut third) += 3;
    assert_eq!((*first, *second, *third), (76, 77, 78));
    assert!(!Arc::ptr_eq(&first, &second) && !Arc::ptr_eq(&second, &third));
    for arc in [&first, &second, &third] {
        assert_eq!(counts(arc), (1, 0));
    }

    let witness = Witness::new();
    let mut ours = Arc::new((witness.spawn(Panic::Never), 75));
    let ours_other = Arc::clone(&ours);
    let ours_third = Arc::clone(&ours);
    let ours_weak = Arc::downgrade(&ours);
    let mut theirs = std_sync::Arc::new(75);
    let theirs_other = std_sync::Arc::clone(&theirs);
    let theirs_third = std_sync::Arc::clone(&theirs);
    let theirs_weak = std_sync::Arc::downgrade(&theirs);

    Arc::make_mut(&mut ours).1 += 1;
    *std_sync::Arc::make_mut(&mut theirs) += 1;

    assert_eq!((witness.clones(), witness.drops()), (1, 0));
    assert_eq!((ours.1, ours_other.1), (*theirs, *theirs_other));
    assert!(Arc::ptr_eq(&ours_other, &ours_third));
    assert!(!Arc::ptr_eq(&ours, &ours_other));
    assert_eq!(counts(&ours), (1, 0));
    assert_eq!(counts(&ours), std_counts(&theirs));
    assert_eq!(counts(&ours_other), (2, 1));
    assert_eq!(counts(&ours_other), std_counts(&theirs_other));
    // The Weak still points at the old value, which the others keep.
    assert_eq!(ours_weak.upgrade().map(|arc| arc.1), Some(75));
    assert_eq!(theirs_weak.upgrade().map(|arc| *arc), Some(75));
    drop(theirs_third);

    drop((ours, ours_other, ours_third, ours_weak));
    assert_eq!(witness.drops(), 2);
}

#[test]
fn make_mut_with_only_weaks_moves_the_value_and_disconnects_them() {
    let witness = Witness::new();
    let mut ours = Arc::new((witness.spawn(Panic::Never), 75));
    let ours_weak = Arc::downgrade(&ours);
    let ours_weak_clone = ours_weak.clone();
    let mut theirs = std_sync::Arc::new(75);
    let theirs_weak = std_sync::Arc::downgrade(&theirs);
    let theirs_weak_clone = theirs_weak.clone();
    assert_eq!(ours_weak.upgrade().map(|arc| arc.1), Some(75));
    let old_address = Arc::as_ptr(&ours);

    Arc::make_mut(&mut ours).1 += 1;
    *std_sync::Arc::make_mut(&mut theirs) += 1;

    assert_eq!(
        (witness.clones(), witness.drops()),
        (0, 0),
        "moved, not cloned"
    );
    assert_ne!(Arc::as_ptr(&ours), old_address, "a new allocation");
    assert_eq!(ours.1, 76);
    assert_eq!(ours.1, *theirs);
    assert_eq!(counts(&ours), (1, 0));
    assert_eq!(counts(&ours), std_counts(&theirs));
    // The Weaks must stop upgrading: the value moved away from them.
    assert!(ours_weak.upgrade().is_none());
    assert!(theirs_weak.upgrade().is_none());
    assert_eq!(weak_counts(&ours_weak), (0, 0));
    assert_eq!(weak_counts(&ours_weak), std_weak_counts(&theirs_weak));
    assert_eq!(ours_weak.as_ptr(), old_address);
    assert!(!ours_weak.ptr_eq(&Arc::downgrade(&ours)));

    // A second `make_mut` is now the unique case: in place.
    let new_address = Arc::as_ptr(&ours);
    Arc::make_mut(&mut ours).1 += 1;
    assert_eq!(Arc::as_ptr(&ours), new_address);

    // The old block is freed by the last Weak, without dropping anything.
    drop((ours_weak, ours_weak_clone));
    drop((theirs_weak, theirs_weak_clone));
    assert_eq!(witness.drops(), 0);
    drop(ours);
    assert_eq!(witness.drops(), 1);
}

#[test]
fn make_mut_with_a_panicking_clone_changes_nothing() {
    let witness = Witness::new();
    let mut arc = Arc::new(witness.spawn(Panic::InClone));
    let other = Arc::clone(&arc);
    let weak = Arc::downgrade(&arc);
    let address = Arc::as_ptr(&arc);

    let message = expect_panic(|| {
        Arc::make_mut(&mut arc);
    });
    assert_eq!(message, "Probe::clone panicked on purpose");

    assert_eq!((witness.clones(), witness.drops()), (1, 0));
    assert_eq!(Arc::as_ptr(&arc), address);
    assert!(Arc::ptr_eq(&arc, &other));
    assert_eq!(counts(&arc), (2, 1));
    assert_eq!(weak_counts(&weak), (2, 1));
    assert!(weak.upgrade().is_some());
    // Still usable afterwards: `get_mut` once unique.
    drop(other);
    drop(weak);
    assert!(Arc::get_mut(&mut arc).is_some());
    drop(arc);
    assert_eq!(witness.drops(), 1);
}

#[test]
fn try_unwrap_follows_std() {
    assert_eq!(Arc::try_unwrap(Arc::new(3)), Ok(3));
    assert_eq!(std_sync::Arc::try_unwrap(std_sync::Arc::new(3)), Ok(3));

    let ours = Arc::new(4);
    let ours_other = Arc::clone(&ours);
    let theirs = std_sync::Arc::new(4);
    let theirs_other = std_sync::Arc::clone(&theirs);
    let ours = Arc::try_unwrap(ours).unwrap_err();
    let theirs = std_sync::Arc::try_unwrap(theirs).unwrap_err();
    assert_eq!(ours, Arc::new(4));
    assert!(Arc::ptr_eq(&ours, &ours_other));
    assert_eq!(counts(&ours), (2, 0));
    assert_eq!(counts(&ours), std_counts(&theirs));
    drop((ours_other, theirs_other));
    assert_eq!(Arc::try_unwrap(ours), Ok(4));
    assert_eq!(std_sync::Arc::try_unwrap(theirs), Ok(4));
}

#[test]
fn try_unwrap_with_weaks_succeeds_and_disconnects_them() {
    let witness = Witness::new();
    let ours = Arc::new(witness.spawn(Panic::Never));
    let ours_weak = Arc::downgrade(&ours);
    let theirs = std_sync::Arc::new(5);
    let theirs_weak = std_sync::Arc::downgrade(&theirs);

    let value = Arc::try_unwrap(ours).expect("the only Arc");
    assert_eq!(std_sync::Arc::try_unwrap(theirs), Ok(5));
    assert_eq!(witness.drops(), 0, "moved out, not dropped");
    assert!(ours_weak.upgrade().is_none());
    assert!(theirs_weak.upgrade().is_none());
    assert_eq!(weak_counts(&ours_weak), (0, 0));
    assert_eq!(weak_counts(&ours_weak), std_weak_counts(&theirs_weak));
    drop(ours_weak);
    assert_eq!(witness.drops(), 0);
    drop(value);
    assert_eq!(witness.drops(), 1);
}

#[test]
fn into_inner_gives_the_value_to_the_last_owner_only() {
    assert_eq!(Arc::into_inner(Arc::new(3)), Some(3));

    let ours = Arc::new(String::from("x"));
    let ours_clone = Arc::clone(&ours);
    let theirs = std_sync::Arc::new(String::from("x"));
    let theirs_clone = std_sync::Arc::clone(&theirs);
    assert_eq!(Arc::into_inner(ours), None);
    assert_eq!(std_sync::Arc::into_inner(theirs), None);
    assert_eq!(counts(&ours_clone), (1, 0));
    assert_eq!(counts(&ours_clone), std_counts(&theirs_clone));
    assert_eq!(
        Arc::into_inner(ours_clone),
        std_sync::Arc::into_inner(theirs_clone)
    );

    // With a Weak outstanding: the value still moves out, the Weak dies.
    let witness = Witness::new();
    let arc = Arc::new(witness.spawn(Panic::Never));
    let weak = Arc::downgrade(&arc);
    let value = Arc::into_inner(arc).expect("the only Arc");
    assert!(weak.upgrade().is_none());
    assert_eq!(weak_counts(&weak), (0, 0));
    assert_eq!(witness.drops(), 0);
    drop(weak);
    drop(value);
    assert_eq!(witness.drops(), 1);

    // A refused `into_inner` drops its Arc, and the last one drops the value.
    let arc = Arc::new(witness.spawn(Panic::Never));
    let other = Arc::clone(&arc);
    assert!(Arc::into_inner(arc).is_none());
    assert_eq!(witness.drops(), 1);
    drop(other);
    assert_eq!(witness.drops(), 2);
}

#[test]
fn unwrap_or_clone_clones_only_when_shared() {
    let witness = Witness::new();
    let arc = Arc::new(witness.spawn(Panic::Never));
    let other = Arc::clone(&arc);
    let cloned = Arc::unwrap_or_clone(arc);
    assert_eq!(witness.clones(), 1);
    assert_eq!(counts(&other), (1, 0));
    let moved = Arc::unwrap_or_clone(other);
    assert_eq!((witness.clones(), witness.drops()), (1, 0));
    drop((cloned, moved));
    assert_eq!(witness.drops(), 2);

    assert_eq!(
        Arc::unwrap_or_clone(Arc::new(vec![1, 2])),
        std_sync::Arc::unwrap_or_clone(std_sync::Arc::new(vec![1, 2]))
    );
}

#[test]
fn weak_new_allocates_nothing_and_never_upgrades() {
    let ours: Weak<u64> = Weak::new();
    let theirs: std_sync::Weak<u64> = std_sync::Weak::new();
    assert!(ours.upgrade().is_none());
    assert_eq!(weak_counts(&ours), (0, 0));
    assert_eq!(weak_counts(&ours), std_weak_counts(&theirs));
    // Two pointer-sized fields (the typed pointer, and the untyped one that
    // frees; see `sizes.rs`), nothing else: no room to keep an allocation.
    assert_eq!(size_of::<Weak<u64>>(), 2 * size_of::<usize>());
    // The same dangling address as std: no allocation can have it.
    assert_eq!(ours.as_ptr().addr(), theirs.as_ptr().addr());
    assert_eq!(ours.as_ptr().addr(), usize::MAX);

    let clone = ours.clone();
    assert!(clone.ptr_eq(&ours));
    assert!(Weak::<u64>::default().ptr_eq(&ours));
    assert_eq!(
        Weak::<u64>::new().ptr_eq(&Weak::new()),
        std_sync::Weak::<u64>::new().ptr_eq(&std_sync::Weak::new())
    );
    assert_eq!(weak_counts(&clone), (0, 0));
    assert!(clone.upgrade().is_none());

    // A Weak that once pointed at a value is not `ptr_eq` to a new one.
    let arc = Arc::new(1_u64);
    assert!(!Arc::downgrade(&arc).ptr_eq(&ours));

    let const_weak: Weak<String> = const { Weak::new() };
    assert!(const_weak.upgrade().is_none());

    // Even of a type that cannot be built: std's `uninhabited` test.
    enum Void {}
    let void = Weak::<Void>::new();
    let void = void.clone();
    assert!(void.upgrade().is_none());
}

#[test]
fn weak_debug_prints_weak() {
    let arc = Arc::new(1);
    let std_arc = std_sync::Arc::new(1);
    assert_eq!(
        format!("{:?}", Arc::downgrade(&arc)),
        format!("{:?}", std_sync::Arc::downgrade(&std_arc))
    );
    assert_eq!(
        format!("{:?}", Weak::<i32>::new()),
        format!("{:?}", std_sync::Weak::<i32>::new())
    );
    assert_eq!(format!("{:?}", Weak::<i32>::new()), "(Weak)");
}

#[test]
fn new_cyclic_with_no_stored_weak() {
    // std's `test_arc_cyclic_with_zero_refs`.
    struct ZeroRefs {
        inner: Weak<ZeroRefs>,
    }
    let zero_refs = Arc::new_cyclic(|inner| {
        assert_eq!(weak_counts(inner), (0, 0));
        assert!(inner.upgrade().is_none());
        ZeroRefs { inner: Weak::new() }
    });
    assert_eq!(counts(&zero_refs), (1, 0));
    assert_eq!(weak_counts(&zero_refs.inner), (0, 0));

    let ours = Arc::new_cyclic(|_| 5);
    let theirs = std_sync::Arc::new_cyclic(|_| 5);
    assert_eq!(counts(&ours), std_counts(&theirs));
    assert_eq!(*ours, *theirs);
}

#[test]
fn new_cyclic_sees_strong_zero_and_no_upgrade_inside() {
    // std's `test_arc_new_cyclic_one_ref`, compared with std step by step.
    struct Node {
        me: Weak<Node>,
        seen: (usize, usize),
        upgraded: bool,
    }
    struct StdNode {
        me: std_sync::Weak<StdNode>,
        seen: (usize, usize),
        upgraded: bool,
    }

    let ours = Arc::new_cyclic(|me| Node {
        seen: weak_counts(me),
        upgraded: me.upgrade().is_some(),
        me: me.clone(),
    });
    let theirs = std_sync::Arc::new_cyclic(|me| StdNode {
        seen: std_weak_counts(me),
        upgraded: me.upgrade().is_some(),
        me: me.clone(),
    });

    assert_eq!(ours.seen, theirs.seen);
    assert!(!ours.upgraded && !theirs.upgraded);
    assert_eq!(counts(&ours), (1, 1));
    assert_eq!(counts(&ours), std_counts(&theirs));
    let upgraded = ours.me.upgrade().unwrap();
    assert!(Arc::ptr_eq(&upgraded, &ours));
    assert_eq!(counts(&ours), (2, 1));
    drop(upgraded);
    assert!(std_sync::Arc::ptr_eq(
        &theirs.me.upgrade().unwrap(),
        &theirs
    ));

    let kept = ours.me.clone();
    drop(ours);
    assert!(kept.upgrade().is_none());
    assert_eq!(weak_counts(&kept), (0, 0));
}

#[test]
fn new_cyclic_with_two_stored_weaks() {
    // std's `test_arc_cyclic_two_refs`.
    struct TwoRefs {
        first: Weak<TwoRefs>,
        second: Weak<TwoRefs>,
    }
    let two = Arc::new_cyclic(|me| {
        assert_eq!(me.strong_count(), 0);
        assert!(me.upgrade().is_none());
        let first = me.clone();
        let second = first.clone();
        TwoRefs { first, second }
    });
    assert_eq!(counts(&two), (1, 2));
    let first = two.first.upgrade().unwrap();
    let second = two.second.upgrade().unwrap();
    assert!(Arc::ptr_eq(&two, &first) && Arc::ptr_eq(&two, &second));
    assert_eq!(counts(&two), (3, 2));
}

#[test]
fn new_cyclic_with_a_panicking_closure_drops_nothing_and_frees_the_block() {
    let witness = Witness::new();
    let mut escaped: Option<Weak<Probe<'_>>> = None;
    let mut std_escaped: Option<std_sync::Weak<Probe<'_>>> = None;
    let message = expect_panic(|| {
        Arc::new_cyclic(|me| {
            escaped = Some(me.clone());
            // Made by the closure and dropped by its unwinding: never the
            // value of the Arc.
            let _local = witness.spawn(Panic::Never);
            panic!("closure panics on purpose")
        });
    });
    assert_eq!(message, "closure panics on purpose");
    expect_panic(|| {
        std_sync::Arc::new_cyclic(|me| {
            std_escaped = Some(me.clone());
            let _local = witness.spawn(Panic::Never);
            panic!("closure panics on purpose")
        });
    });
    // Only the two closure locals were dropped: no Arc value existed to drop.
    assert_eq!(witness.drops(), 2);
    // The escaped Weak keeps the block (its value never existed) and frees
    // it when dropped, as std's does.
    let escaped = escaped.unwrap();
    let std_escaped = std_escaped.unwrap();
    assert!(escaped.upgrade().is_none());
    assert!(std_escaped.upgrade().is_none());
    assert_eq!(weak_counts(&escaped), std_weak_counts(&std_escaped));
    drop((escaped, std_escaped));
    assert_eq!(witness.drops(), 2);

    // Without an escaped Weak the block goes with the closure's own Weak
    // (Miri would report it as leaked otherwise).
    expect_panic(|| {
        Arc::<u32>::new_cyclic(|_| panic!("closure panics on purpose"));
    });
    expect_panic(|| {
        Arc::<String>::new_cyclic(|me| {
            let _second = me.clone();
            panic!("closure panics on purpose")
        });
    });
}

#[test]
fn a_self_referencing_weak_is_freed_with_the_value() {
    // std's `weak_self_cyclic`: no double free, no leak.
    struct Cycle {
        me: Mutex<Option<Weak<Cycle>>>,
    }
    let cycle = Arc::new(Cycle {
        me: Mutex::new(None),
    });
    let weak = Arc::downgrade(&Arc::clone(&cycle));
    *cycle.me.lock().unwrap() = Some(weak);
    assert_eq!(counts(&cycle), (1, 1));
}

#[test]
fn a_strong_cycle_keeps_its_values_until_broken() {
    struct Node<'a> {
        _name: Named<'a>,
        next: RefCell<Option<Arc<Node<'a>>>>,
    }

    let log = DropLog::new();
    let a = Arc::new(Node {
        _name: log.named("a"),
        next: RefCell::new(None),
    });
    let b = Arc::new(Node {
        _name: log.named("b"),
        next: RefCell::new(Some(Arc::clone(&a))),
    });
    *a.next.borrow_mut() = Some(Arc::clone(&b));
    let observer = Arc::downgrade(&a);
    drop((a, b));
    assert!(log.order().is_empty(), "a cycle keeps both alive");
    assert_eq!(observer.strong_count(), 1);

    let a = observer.upgrade().unwrap();
    let b = a.next.borrow_mut().take();
    drop(a);
    assert!(log.order().is_empty(), "b still holds a");
    drop(b);
    assert_eq!(log.order(), ["b", "a"]);
    assert!(observer.upgrade().is_none());
}

#[test]
fn a_weak_back_edge_drops_everything_in_std_order() {
    struct Parent<'a, C> {
        _name: Named<'a>,
        children: Mutex<Vec<C>>,
    }
    struct Child<'a> {
        _name: Named<'a>,
        parent: Weak<Parent<'a, Arc<Child<'a>>>>,
    }
    struct StdChild<'a> {
        _name: Named<'a>,
        parent: std_sync::Weak<Parent<'a, std_sync::Arc<StdChild<'a>>>>,
    }

    let log = DropLog::new();
    let parent = Arc::new(Parent {
        _name: log.named("parent"),
        children: Mutex::new(Vec::new()),
    });
    for name in ["first", "second"] {
        let child = Arc::new(Child {
            _name: log.named(name),
            parent: Arc::downgrade(&parent),
        });
        parent.children.lock().unwrap().push(child);
    }
    let child = Arc::clone(&parent.children.lock().unwrap()[0]);
    assert!(Arc::ptr_eq(&child.parent.upgrade().unwrap(), &parent));
    drop(parent);
    assert!(child.parent.upgrade().is_none());
    drop(child);

    let std_log = DropLog::new();
    let parent = std_sync::Arc::new(Parent {
        _name: std_log.named("parent"),
        children: Mutex::new(Vec::new()),
    });
    for name in ["first", "second"] {
        let child = std_sync::Arc::new(StdChild {
            _name: std_log.named(name),
            parent: std_sync::Arc::downgrade(&parent),
        });
        parent.children.lock().unwrap().push(child);
    }
    let child = std_sync::Arc::clone(&parent.children.lock().unwrap()[0]);
    drop(parent);
    assert!(child.parent.upgrade().is_none());
    drop(child);

    assert_eq!(log.order(), ["parent", "second", "first"]);
    assert_eq!(log.order(), std_log.order());
}

#[test]
fn raw_round_trip_sized() {
    // std's `into_from_raw`: a clone is dropped while the pointer is out.
    let arc = Arc::new(Box::new("hello"));
    let clone = Arc::clone(&arc);
    let expected = Arc::as_ptr(&arc);
    let raw = Arc::into_raw(arc);
    assert_eq!(raw, expected);
    drop(clone);
    // SAFETY: the count given up by `into_raw` keeps the value alive.
    assert_eq!(**unsafe { &*raw }, "hello");
    // SAFETY: `raw` came from `Arc::into_raw` and is turned back once.
    let arc = unsafe { Arc::from_raw(raw) };
    assert_eq!(counts(&arc), (1, 0));
    assert_eq!(Arc::try_unwrap(arc).map(|boxed| *boxed), Ok("hello"));

    let witness = Witness::new();
    let arc = Arc::new((witness.spawn(Panic::Never), 42));
    let raw = Arc::into_raw(arc);
    // SAFETY: `raw` came from `Arc::into_raw` and is turned back once.
    let arc = unsafe { Arc::from_raw(raw) };
    assert_eq!(arc.1, 42);
    assert_eq!(witness.drops(), 0);
    drop(arc);
    assert_eq!(witness.drops(), 1);
}

#[test]
fn raw_round_trip_unsized() {
    // std's `test_into_from_raw_unsized`, plus slices and counts.
    let text: Arc<str> = Arc::from("foo");
    let raw = Arc::into_raw(Arc::clone(&text));
    // SAFETY: `raw` came from `Arc::into_raw` and is alive.
    assert_eq!(unsafe { &*raw }, "foo");
    // SAFETY: turned back once.
    let back = unsafe { Arc::from_raw(raw) };
    assert_eq!(text, back);
    assert!(Arc::ptr_eq(&text, &back));
    assert_eq!(counts(&text), (2, 0));

    let slice: Arc<[u16]> = Arc::from(vec![1, 2, 3]);
    let raw = Arc::into_raw(slice);
    // SAFETY: `raw` came from `Arc::into_raw`, alive, counted once.
    unsafe { Arc::increment_strong_count(raw) };
    // SAFETY: one of the two counts owned through `raw`.
    let slice = unsafe { Arc::from_raw(raw) };
    assert_eq!(counts(&slice), (2, 0));
    // SAFETY: the other one.
    unsafe { Arc::decrement_strong_count(raw) };
    assert_eq!(counts(&slice), (1, 0));
    assert_eq!(*slice, [1, 2, 3]);

    let shown: Arc<dyn Display> = Arc::from(Box::new(123) as Box<dyn Display>);
    let raw = Arc::into_raw(Arc::clone(&shown));
    // SAFETY: `raw` came from `Arc::into_raw` and is alive.
    assert_eq!(unsafe { &*raw }.to_string(), "123");
    // SAFETY: turned back once.
    let back = unsafe { Arc::from_raw(raw) };
    assert_eq!(back.to_string(), "123");

    let witness = Witness::new();
    let shape: Arc<dyn Shape + '_> = Arc::from(Box::new(Square {
        side: 2,
        _probe: witness.spawn(Panic::Never),
    }) as Box<dyn Shape>);
    let raw = Arc::into_raw(shape);
    // SAFETY: `raw` came from `Arc::into_raw` and is alive.
    assert_eq!(unsafe { &*raw }.area(), 4);
    // SAFETY: the only count owned through `raw`: this drops the value.
    unsafe { Arc::decrement_strong_count(raw) };
    assert_eq!(witness.drops(), 1);
}

#[test]
fn increment_and_decrement_strong_count_match_std() {
    let ours = Arc::new(7);
    let theirs = std_sync::Arc::new(7);
    let our_raw = Arc::into_raw(Arc::clone(&ours));
    let their_raw = std_sync::Arc::into_raw(std_sync::Arc::clone(&theirs));
    // SAFETY: both came from `into_raw` and own one count each.
    unsafe { Arc::increment_strong_count(our_raw) };
    // SAFETY: as above.
    unsafe { std_sync::Arc::increment_strong_count(their_raw) };
    assert_eq!(counts(&ours), (3, 0));
    assert_eq!(counts(&ours), std_counts(&theirs));
    // SAFETY: gives back the count taken above.
    unsafe { Arc::decrement_strong_count(our_raw) };
    // SAFETY: as above.
    unsafe { std_sync::Arc::decrement_strong_count(their_raw) };
    // SAFETY: gives back the count of `into_raw`.
    unsafe { Arc::decrement_strong_count(our_raw) };
    // SAFETY: as above.
    unsafe { std_sync::Arc::decrement_strong_count(their_raw) };
    assert_eq!(counts(&ours), (1, 0));
    assert_eq!(counts(&ours), std_counts(&theirs));
}

#[test]
fn weak_raw_round_trip() {
    // std's `into_from_weak_raw`.
    let arc = Arc::new(Box::new("hello"));
    let raw = Weak::into_raw(Arc::downgrade(&arc));
    assert_eq!(raw, Arc::as_ptr(&arc));
    assert_eq!(counts(&arc), (1, 1));
    // SAFETY: the value is alive (`arc` holds it).
    assert_eq!(**unsafe { &*raw }, "hello");
    // SAFETY: `raw` came from `Weak::into_raw` and is turned back once.
    let weak = unsafe { Weak::from_raw(raw) };
    assert_eq!(weak.upgrade().map(|arc| **arc), Some("hello"));
    let raw = Weak::into_raw(weak);
    assert_eq!(Arc::try_unwrap(arc).map(|boxed| *boxed), Ok("hello"));
    // The value is gone, the block is not: the round trip still works.
    // SAFETY: `raw` came from `Weak::into_raw` and is turned back once.
    let weak = unsafe { Weak::from_raw(raw) };
    assert!(weak.upgrade().is_none());
    assert_eq!(weak_counts(&weak), (0, 0));
    drop(weak);

    // std's `test_into_from_weak_raw_unsized`.
    let text: Arc<str> = Arc::from("foo");
    let weak = Arc::downgrade(&text);
    let raw = Weak::into_raw(weak.clone());
    // SAFETY: the value is alive.
    assert_eq!(unsafe { &*raw }, "foo");
    // SAFETY: `raw` came from `Weak::into_raw` and is turned back once.
    let weak2 = unsafe { Weak::from_raw(raw) };
    assert!(weak.ptr_eq(&weak2));

    let shown: Arc<dyn Display> = Arc::from(Box::new(123) as Box<dyn Display>);
    let weak = Arc::downgrade(&shown);
    let raw = Weak::into_raw(weak.clone());
    // SAFETY: the value is alive.
    assert_eq!(unsafe { &*raw }.to_string(), "123");
    // SAFETY: `raw` came from `Weak::into_raw` and is turned back once.
    let weak2 = unsafe { Weak::from_raw(raw) };
    assert!(weak.ptr_eq(&weak2));

    // Unsized, the value dropped before the round trip.
    let shape: Arc<dyn Shape> = Arc::from(Box::new(Aligned64(3)) as Box<dyn Shape>);
    let weak = Arc::downgrade(&shape);
    drop(shape);
    let raw = Weak::into_raw(weak);
    // SAFETY: `raw` came from `Weak::into_raw` and is turned back once.
    let weak = unsafe { Weak::from_raw(raw) };
    assert!(weak.upgrade().is_none());
    drop(weak);

    let slice: Arc<[String]> = Arc::from(vec![String::from("a")]);
    let weak = Arc::downgrade(&slice);
    drop(slice);
    let raw = Weak::into_raw(weak);
    // SAFETY: `raw` came from `Weak::into_raw` and is turned back once.
    let weak = unsafe { Weak::from_raw(raw) };
    assert!(weak.upgrade().is_none());

    // The dangling pointer of `Weak::new` survives the round trip, as in std.
    let ours = Weak::into_raw(Weak::<u32>::new());
    let theirs = std_sync::Weak::into_raw(std_sync::Weak::<u32>::new());
    assert_eq!(ours.addr(), theirs.addr());
    // SAFETY: both came from `into_raw` and are turned back once.
    let ours = unsafe { Weak::from_raw(ours) };
    // SAFETY: as above.
    let theirs = unsafe { std_sync::Weak::from_raw(theirs) };
    assert_eq!(weak_counts(&ours), std_weak_counts(&theirs));
    assert!(ours.upgrade().is_none());
}

#[test]
fn as_ptr_is_stable_and_points_at_the_value() {
    let arc = Arc::new(String::from("stable"));
    let address = Arc::as_ptr(&arc);
    assert!(std::ptr::eq(address, &*arc));
    let clone = Arc::clone(&arc);
    assert_eq!(Arc::as_ptr(&clone), address);
    let weak = Arc::downgrade(&arc);
    assert_eq!(weak.as_ptr(), address);
    assert_eq!(Arc::as_ptr(&weak.upgrade().unwrap()), address);
    drop(clone);
    let raw = Arc::into_raw(arc);
    assert_eq!(raw, address);
    // SAFETY: `raw` came from `Arc::into_raw` and is turned back once.
    let mut arc = unsafe { Arc::from_raw(raw) };
    assert_eq!(Arc::as_ptr(&arc), address);
    drop(weak);
    Arc::get_mut(&mut arc).unwrap().push('!');
    assert_eq!(Arc::as_ptr(&arc), address);
    // The Weak keeps pointing at the value's place after the value is gone.
    let weak = Arc::downgrade(&arc);
    drop(arc);
    assert_eq!(weak.as_ptr(), address);

    let slice: Arc<[u8]> = Arc::from(&b"bytes"[..]);
    let weak = Arc::downgrade(&slice);
    assert_eq!(weak.as_ptr(), Arc::as_ptr(&slice));
    assert_eq!(Arc::as_ptr(&slice).cast::<u8>(), slice.as_ptr());
    let std_arc = std_sync::Arc::new(1);
    let std_weak = std_sync::Arc::downgrade(&std_arc);
    assert_eq!(std_weak.as_ptr(), std_sync::Arc::as_ptr(&std_arc));
}

#[test]
fn ptr_eq_compares_allocations() {
    let a = Arc::new(5);
    let b = Arc::clone(&a);
    let c = Arc::new(5);
    assert!(Arc::ptr_eq(&a, &b));
    assert!(!Arc::ptr_eq(&a, &c));
    assert_eq!(a, c, "equal values");

    let weak_a = Arc::downgrade(&a);
    let weak_c = Arc::downgrade(&c);
    assert!(weak_a.ptr_eq(&Arc::downgrade(&b)));
    assert!(!weak_a.ptr_eq(&weak_c));
    assert!(!weak_a.ptr_eq(&Weak::new()));

    let shown: Arc<dyn Display> = Arc::from(Box::new(1) as Box<dyn Display>);
    let shown_clone = Arc::clone(&shown);
    assert!(Arc::ptr_eq(&shown, &shown_clone));
    let other: Arc<dyn Display> = Arc::from(Box::new(1) as Box<dyn Display>);
    assert!(!Arc::ptr_eq(&shown, &other));

    let slice: Arc<[i32]> = Arc::from(vec![1, 2]);
    assert!(Arc::ptr_eq(&slice, &Arc::clone(&slice)));
    assert!(!Arc::ptr_eq(&slice, &Arc::from(vec![1, 2])));
}

#[test]
fn downcast_finds_the_concrete_type() {
    // std's `test_downcast`, on both.
    let ours_int: Arc<dyn Any + Send + Sync> =
        Arc::from(Box::new(i32::MAX) as Box<dyn Any + Send + Sync>);
    let ours_str: Arc<dyn Any + Send + Sync> =
        Arc::from(Box::new("abc") as Box<dyn Any + Send + Sync>);
    let theirs_int: std_sync::Arc<dyn Any + Send + Sync> = std_sync::Arc::new(i32::MAX);

    assert!(Arc::clone(&ours_int).downcast::<u32>().is_err());
    assert!(std_sync::Arc::clone(&theirs_int).downcast::<u32>().is_err());
    assert_eq!(counts(&ours_int), (1, 0), "a failed downcast gives it back");
    let as_int = ours_int.downcast::<i32>().unwrap();
    assert_eq!(as_int, Arc::new(i32::MAX));
    assert_eq!(
        *as_int,
        *theirs_int.downcast::<i32>().unwrap(),
        "same value as std"
    );

    assert!(Arc::clone(&ours_str).downcast::<i32>().is_err());
    let weak = Arc::downgrade(&ours_str);
    let as_str = ours_str.downcast::<&'static str>().unwrap();
    assert_eq!(*as_str, "abc");
    assert_eq!(counts(&as_str), (1, 1), "the counts come along");
    drop(weak);

    // The value is dropped once, through whichever type owns it last.
    let witness_drops = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    struct Counted(std::sync::Arc<std::sync::atomic::AtomicUsize>);
    impl Drop for Counted {
        fn drop(&mut self) {
            self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    }
    let any: Arc<dyn Any + Send + Sync> = Arc::from(Box::new(Counted(std::sync::Arc::clone(
        &witness_drops,
    ))) as Box<dyn Any + Send + Sync>);
    let any = any.downcast::<String>().unwrap_err();
    let counted = any.downcast::<Counted>().unwrap();
    drop(counted);
    assert_eq!(witness_drops.load(std::sync::atomic::Ordering::Relaxed), 1);
}

#[test]
fn from_conversions_match_std() {
    // `From<T>` (std's `test_from_owned`) and `From<std::boxed::Box<T>>`.
    assert_eq!(*Arc::from(123), *std_sync::Arc::from(123));
    let ours: Arc<u32> = Arc::from(Box::new(123));
    assert_eq!(*ours, 123);

    // `Arc<str>` from `&str`, `String` and `Box<str>`.
    let from_str: Arc<str> = Arc::from("héllo");
    let from_string: Arc<str> = Arc::from(String::from("héllo"));
    let from_box: Arc<str> = Arc::from(String::from("héllo").into_boxed_str());
    let theirs: std_sync::Arc<str> = std_sync::Arc::from("héllo");
    for ours in [&from_str, &from_string, &from_box] {
        assert_eq!(&**ours, &*theirs);
        assert_eq!(ours.len(), theirs.len());
        assert_eq!(ours.to_string(), theirs.to_string());
        assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
        assert_eq!(hash_of(ours), hash_of(&theirs));
        assert_eq!(counts(ours), (1, 0));
    }
    let empty: Arc<str> = Arc::from("");
    assert_eq!(&*empty, "");

    // `Arc<[T]>` from `&[T]` (copy and clone), `Vec`, `Box<[T]>`, arrays.
    let copied: Arc<[u32]> = Arc::from(&[1, 2, 3][..]);
    assert_eq!(*copied, *std_sync::Arc::<[u32]>::from(&[1, 2, 3][..]));
    #[derive(Clone, Debug, PartialEq)]
    struct X(u32);
    let originals: &[X] = &[X(1), X(2), X(3)];
    let cloned: Arc<[X]> = Arc::from(originals);
    assert_eq!(&cloned[..], originals);
    let from_vec: Arc<[u32]> = Arc::from(vec![1, 2, 3]);
    assert_eq!(*from_vec, [1, 2, 3]);
    let from_box: Arc<[u32]> = Arc::from(vec![1, 2, 3].into_boxed_slice());
    assert_eq!(*from_box, [1, 2, 3]);
    let from_array: Arc<[u32]> = Arc::from([1, 2, 3]);
    assert_eq!(*from_array, *std_sync::Arc::<[u32]>::from([1, 2, 3]));
    // std's `test_unsized`.
    assert_eq!(format!("{from_array:?}"), "[1, 2, 3]");
    let weak = Arc::downgrade(&Arc::clone(&from_array));
    drop(from_array);
    assert!(weak.upgrade().is_none());

    // `Arc<dyn Trait>` from a std Box, zero-sized too.
    let shown: Arc<dyn Display> = Arc::from(Box::new(123) as Box<dyn Display>);
    assert_eq!(shown.to_string(), "123");
    let unit: Arc<dyn Debug> = Arc::from(Box::new(()) as Box<dyn Debug>);
    let std_unit: std_sync::Arc<dyn Debug> = std_sync::Arc::from(Box::new(()) as Box<dyn Debug>);
    assert_eq!(format!("{unit:?}"), format!("{std_unit:?}"));
    assert_eq!(format!("{unit:?}"), "()");
}

#[test]
fn from_a_std_box_moves_the_value_out() {
    let witness = Witness::new();
    let boxed: Box<dyn Shape + '_> = Box::new(Square {
        side: 3,
        _probe: witness.spawn(Panic::Never),
    });
    let ours: Arc<dyn Shape + '_> = Arc::from(boxed);
    assert_eq!(witness.drops(), 0, "moved out of the box, not dropped");
    assert_eq!(ours.area(), 9);
    let clone = Arc::clone(&ours);
    assert_eq!(counts(&ours), (2, 0));
    let weak = Arc::downgrade(&ours);
    drop((ours, clone));
    assert_eq!(witness.drops(), 1);
    assert!(weak.upgrade().is_none());
    drop(weak);
    assert_eq!((witness.clones(), witness.drops()), (0, 1));
}

#[test]
fn unsized_c_str_through_a_box() {
    // std's `test_maybe_thin_unsized`: a Weak to a dropped unsized value
    // must still know the layout it frees.
    use std::ffi::{CStr, CString};

    let ours: Arc<CStr> = Arc::from(CString::new("swordfish").unwrap().into_boxed_c_str());
    let theirs: std_sync::Arc<CStr> =
        std_sync::Arc::from(CString::new("swordfish").unwrap().into_boxed_c_str());
    assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
    assert_eq!(format!("{ours:?}"), "\"swordfish\"");
    let weak: Weak<CStr> = Arc::downgrade(&ours);
    drop(ours);
    assert!(weak.upgrade().is_none());
    drop(weak);
}

#[test]
fn slice_from_vec_moves_the_elements() {
    let witness = Witness::new();
    let vec: Vec<_> = (0..4).map(|_| witness.spawn(Panic::Never)).collect();
    let arc: Arc<[_]> = Arc::from(vec);
    assert_eq!(arc.len(), 4);
    assert_eq!((witness.clones(), witness.drops()), (0, 0));
    let weak = Arc::downgrade(&arc);
    drop(arc);
    assert_eq!(witness.drops(), 4);
    drop(weak);

    let array = [witness.spawn(Panic::Never), witness.spawn(Panic::Never)];
    let from_array: Arc<[_]> = Arc::from(array);
    assert_eq!((witness.clones(), witness.drops()), (0, 4));
    drop(from_array);
    assert_eq!(witness.drops(), 6);
}

#[test]
fn slice_from_slice_clones_the_elements() {
    let witness = Witness::new();
    let originals: Vec<_> = (0..3).map(|_| witness.spawn(Panic::Never)).collect();
    let arc: Arc<[_]> = Arc::from(&originals[..]);
    assert_eq!(arc.len(), 3);
    assert_eq!((witness.clones(), witness.drops()), (3, 0));
    drop(arc);
    assert_eq!(witness.drops(), 3);
    drop(originals);
    assert_eq!(witness.drops(), 6);
}

#[test]
fn slice_from_slice_with_a_panicking_clone_drops_what_it_cloned() {
    // std's `test_clone_from_slice_panic`, counting like std does.
    fn run(witness: &Witness, collect: impl FnOnce(&[Probe<'_>])) {
        let originals = vec![
            witness.spawn(Panic::Never),
            witness.spawn(Panic::Never),
            witness.spawn(Panic::InClone),
            witness.spawn(Panic::Never),
        ];
        let message = expect_panic(|| collect(&originals));
        assert_eq!(message, "Probe::clone panicked on purpose");
        drop(originals);
    }
    let ours = Witness::new();
    run(&ours, |originals| {
        let _arc: Arc<[_]> = Arc::from(originals);
    });
    let theirs = Witness::new();
    run(&theirs, |originals| {
        let _arc: std_sync::Arc<[_]> = std_sync::Arc::from(originals);
    });
    // Two clones succeeded and were dropped, the third panicked, the fourth
    // was never tried; then the four originals.
    assert_eq!((ours.clones(), ours.drops()), (3, 6));
    assert_eq!(
        (ours.clones(), ours.drops()),
        (theirs.clones(), theirs.drops())
    );
}

/// An iterator that yields `len` items but reports `claim` as its exact
/// length: a safe `Iterator` may lie, and collecting must stay sound.
struct Lying {
    next: usize,
    len: usize,
    claim: usize,
}

impl Iterator for Lying {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        (self.next < self.len).then(|| {
            self.next += 1;
            self.next.to_string()
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.claim, Some(self.claim))
    }
}

#[test]
fn from_iterator_with_exact_inexact_and_lying_size_hints() {
    const MAX: u16 = if cfg!(miri) { 20 } else { 100 };

    // Exact size hint (std's TrustedLen path).
    let exact = (0..MAX).map(Box::new);
    assert_eq!(
        exact.size_hint(),
        (usize::from(MAX), Some(usize::from(MAX)))
    );
    let ours: Arc<[Box<u16>]> = exact.clone().collect();
    let theirs: std_sync::Arc<[Box<u16>]> = exact.collect();
    assert_eq!(*ours, *theirs);
    assert_eq!(size_of_val(&*ours), size_of_val(&*theirs));
    let clones = (Arc::clone(&ours), Arc::clone(&ours), Arc::downgrade(&ours));
    assert_eq!(counts(&ours), (3, 1));
    drop(clones);

    // Inexact: `filter` cannot know how many it keeps.
    let inexact = (0..MAX).filter(|n| n % 2 == 0).map(Box::new);
    assert_eq!(inexact.size_hint(), (0, Some(usize::from(MAX))));
    let ours: Arc<[Box<u16>]> = inexact.clone().collect();
    let theirs: std_sync::Arc<[Box<u16>]> = inexact.collect();
    assert_eq!(*ours, *theirs);

    // Zero-sized items.
    let units: Arc<[()]> = (0..MAX).map(drop).collect();
    assert_eq!(units.len(), usize::from(MAX));
    assert_eq!(size_of_val(&*units), 0);

    // Empty.
    let empty: Arc<[String]> = std::iter::empty().collect();
    assert!(empty.is_empty());

    // Size hints that lie in either direction: the result is what the
    // iterator really yields, as with std.
    for (len, claim) in [(3, 5), (5, 3), (0, 2), (2, 0)] {
        let ours: Arc<[String]> = Lying {
            next: 0,
            len,
            claim,
        }
        .collect();
        let theirs: std_sync::Arc<[String]> = Lying {
            next: 0,
            len,
            claim,
        }
        .collect();
        assert_eq!(*ours, *theirs, "{len} items claiming {claim}");
        assert_eq!(ours.len(), len);
    }
}

#[test]
fn from_iterator_with_a_panicking_iterator_drops_what_it_collected() {
    // std's `shared_from_iter_trustedlen_panic`, counting the drops.
    fn items(witness: &Witness) -> impl Iterator<Item = Probe<'_>> {
        (0..5).map(move |n| {
            if n == 3 {
                panic!("the iterator panics on purpose");
            }
            witness.spawn(Panic::Never)
        })
    }
    let ours = Witness::new();
    let message = expect_panic(|| {
        let _arc: Arc<[_]> = items(&ours).collect();
    });
    assert_eq!(message, "the iterator panics on purpose");
    let theirs = Witness::new();
    expect_panic(|| {
        let _arc: std_sync::Arc<[_]> = items(&theirs).collect();
    });
    assert_eq!(ours.drops(), 3);
    assert_eq!(ours.drops(), theirs.drops());

    let inexact = Witness::new();
    expect_panic(|| {
        let _arc: Arc<[_]> = items(&inexact).filter(|_| true).collect();
    });
    assert_eq!(inexact.drops(), 3);
}

#[test]
fn default_matches_std() {
    assert_eq!(*Arc::<i32>::default(), *std_sync::Arc::<i32>::default());
    assert_eq!(
        *Arc::<Vec<u8>>::default(),
        *std_sync::Arc::<Vec<u8>>::default()
    );
    // std may hand out clones of one shared empty block here, so only the
    // contents are compared, not the counts.
    let text: Arc<str> = Arc::default();
    assert_eq!(&*text, &*std_sync::Arc::<str>::default());
    let slice: Arc<[String]> = Arc::default();
    assert_eq!(*slice, *std_sync::Arc::<[String]>::default());
    assert!(slice.is_empty());
    let weak = Arc::downgrade(&slice);
    assert!(weak.upgrade().is_some());

    // std's "deriving works with Arc<T>".
    #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
    struct Derived {
        inner: Arc<i32>,
    }
    let derived = Derived::default();
    assert_eq!(*derived.inner, 0);
    assert_eq!(derived.clone(), derived);
    assert_eq!(format!("{derived:?}"), "Derived { inner: 0 }");
    assert!(derived < Derived { inner: Arc::new(1) });
}

#[test]
fn formatting_hashing_and_ordering_match_std() {
    let values = [3, -1, 7, 0, 3];
    let mut ours: Vec<Arc<i32>> = values.iter().copied().map(Arc::new).collect();
    let mut theirs: Vec<std_sync::Arc<i32>> =
        values.iter().copied().map(std_sync::Arc::new).collect();
    for (a, b) in ours.iter().zip(&theirs) {
        assert_eq!(a.to_string(), b.to_string());
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        assert_eq!(format!("{a:>5}"), format!("{b:>5}"));
        assert_eq!(format!("{a:#?}"), format!("{b:#?}"));
        assert_eq!(hash_of(a), hash_of(b));
        assert_eq!(hash_of(a), hash_of(&**a), "hashes the value");
        for (c, d) in ours.iter().zip(&theirs) {
            assert_eq!(a == c, b == d);
            assert_eq!(a != c, b != d);
            assert_eq!(a < c, b < d);
            assert_eq!(a >= c, b >= d);
            assert_eq!(a.partial_cmp(c), b.partial_cmp(d));
            assert_eq!(a.cmp(c), b.cmp(d));
        }
    }
    ours.sort();
    theirs.sort();
    let ours: Vec<i32> = ours.iter().map(|arc| **arc).collect();
    let theirs: Vec<i32> = theirs.iter().map(|arc| **arc).collect();
    assert_eq!(ours, theirs);

    // std's `show_arc`.
    assert_eq!(format!("{:?}", Arc::new(5)), "5");
    let shown: Arc<dyn Display> = Arc::from(Box::new(1.5) as Box<dyn Display>);
    let std_shown: std_sync::Arc<dyn Display> = std_sync::Arc::new(1.5);
    assert_eq!(shown.to_string(), std_shown.to_string());
    let debugged: Arc<dyn Debug> = Arc::from(Box::new("a") as Box<dyn Debug>);
    let std_debugged: std_sync::Arc<dyn Debug> = std_sync::Arc::new("a");
    assert_eq!(format!("{debugged:?}"), format!("{std_debugged:?}"));

    // `{:p}` prints the address of the value, as std does.
    let arc = Arc::new(1);
    assert_eq!(format!("{arc:p}"), format!("{:p}", Arc::as_ptr(&arc)));
    let std_arc = std_sync::Arc::new(1);
    assert_eq!(
        format!("{std_arc:p}"),
        format!("{:p}", std_sync::Arc::as_ptr(&std_arc))
    );
    // For an unsized value std prints the wide pointer, length included.
    let text: Arc<str> = Arc::from("p");
    assert_eq!(format!("{text:p}"), format!("{:p}", Arc::as_ptr(&text)));
    let std_text: std_sync::Arc<str> = std_sync::Arc::from("p");
    assert_eq!(
        format!("{std_text:p}"),
        format!("{:p}", std_sync::Arc::as_ptr(&std_text))
    );

    struct Padded;
    impl Display for Padded {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.pad("padded")
        }
    }
    assert_eq!(
        format!("{:*^10}", Arc::new(Padded)),
        format!("{:*^10}", std_sync::Arc::new(Padded))
    );
}

#[test]
fn comparisons_go_through_the_values() {
    // std's `float_nan_ne`: no shortcut through pointer equality for NaN.
    let nan = Arc::new(f32::NAN);
    let std_nan = std_sync::Arc::new(f32::NAN);
    assert_eq!(nan == nan, std_nan == std_nan);
    assert!(nan != nan);
    assert_eq!(nan.partial_cmp(&nan), std_nan.partial_cmp(&std_nan));

    // std's `partial_eq`: a type that is only `PartialEq` is asked each time.
    struct Asked(RefCell<usize>);
    impl PartialEq for Asked {
        fn eq(&self, other: &Asked) -> bool {
            *self.0.borrow_mut() += 1;
            *other.0.borrow_mut() += 1;
            true
        }
    }
    let ours = Arc::new(Asked(RefCell::new(0)));
    assert!(ours == ours);
    assert!(!(ours != ours));
    let theirs = std_sync::Arc::new(Asked(RefCell::new(0)));
    assert!(theirs == theirs);
    assert!(!(theirs != theirs));
    assert_eq!(*ours.0.borrow(), *theirs.0.borrow());
    assert_eq!(*ours.0.borrow(), 4);

    let slices: [Arc<[u8]>; 3] = [
        Arc::from(&[1, 2][..]),
        Arc::from(&[1, 2, 0][..]),
        Arc::from(&[0][..]),
    ];
    let std_slices: [std_sync::Arc<[u8]>; 3] = [
        std_sync::Arc::from(&[1, 2][..]),
        std_sync::Arc::from(&[1, 2, 0][..]),
        std_sync::Arc::from(&[0][..]),
    ];
    for (a, b) in slices.iter().zip(&std_slices) {
        for (c, d) in slices.iter().zip(&std_slices) {
            assert_eq!(a.cmp(c), b.cmp(d));
            assert_eq!(a == c, b == d);
        }
    }
}

#[test]
fn borrow_as_ref_and_deref() {
    use std::borrow::Borrow;
    use std::collections::HashSet;

    let set: HashSet<Arc<str>> = ["a", "b"].into_iter().map(Arc::from).collect();
    assert!(
        set.contains("a"),
        "Borrow<str> lets a set be queried by &str"
    );
    assert!(!set.contains("c"));
    let arc = Arc::new(String::from("x"));
    let as_ref: &String = arc.as_ref();
    let borrowed: &String = arc.borrow();
    let derefed: &String = &arc;
    assert!(std::ptr::eq(as_ref, borrowed));
    assert!(std::ptr::eq(as_ref, derefed));
    assert_eq!(arc.len(), 1, "methods of the value through Deref");
}

/// Compiles only if `Arc` and `Weak` are covariant in `T`, as std's are.
#[allow(
    clippy::redundant_allocation,
    reason = "the payload must be a reference: its lifetime is what shrinks"
)]
fn shorten<'a>(arc: Arc<&'static str>, weak: Weak<&'static str>) -> (Arc<&'a str>, Weak<&'a str>) {
    (arc, weak)
}

#[test]
fn arc_and_weak_are_covariant() {
    let arc = Arc::new("static");
    let weak = Arc::downgrade(&arc);
    let (short, short_weak) = shorten(arc, weak);
    assert_eq!(*short, "static");
    assert_eq!(short_weak.upgrade().as_deref(), Some(&"static"));
    let local = String::from("local");
    // A shortened Arc can now be compared with data that lives less.
    assert!(*short != local.as_str());
}

#[test]
fn zero_sized_values() {
    let unit = Arc::new(());
    let clone = Arc::clone(&unit);
    assert_eq!(counts(&unit), (2, 0));
    assert!(Arc::ptr_eq(&unit, &clone));
    assert!(!Arc::ptr_eq(&unit, &Arc::new(())), "each has its own block");
    let weak = Arc::downgrade(&unit);
    drop((unit, clone));
    assert!(weak.upgrade().is_none());
    assert_eq!(Arc::try_unwrap(Arc::new(())), Ok(()));
    assert_eq!(Arc::into_inner(Arc::new(())), Some(()));
    let mut unique = Arc::new(());
    assert!(Arc::get_mut(&mut unique).is_some());
    Arc::make_mut(&mut unique);

    let units: Arc<[()]> = Arc::from(vec![(); 1000]);
    assert_eq!(units.len(), 1000);
    let std_units: std_sync::Arc<[()]> = std_sync::Arc::from(vec![(); 1000]);
    assert_eq!(*units, *std_units);

    // A zero-sized type whose drop still runs, through a `dyn` pointer too.
    struct Loud<'a>(&'a Witness);
    impl Drop for Loud<'_> {
        fn drop(&mut self) {
            drop(self.0.spawn(Panic::Never));
        }
    }
    let witness = Witness::new();
    let loud = Arc::new(Loud(&witness));
    let loud_weak = Arc::downgrade(&loud);
    drop(loud);
    assert_eq!(witness.drops(), 1);
    assert!(loud_weak.upgrade().is_none());
    let any: Arc<dyn Any> = Arc::from(Box::new(()) as Box<dyn Any>);
    assert!(any.is::<()>());
    let weak_any = Arc::downgrade(&any);
    let weak_any = weak_any.clone();
    assert!(weak_any.upgrade().is_some());
}

#[test]
fn over_aligned_values() {
    let arc = Arc::new(Aligned64(1));
    assert_eq!(Arc::as_ptr(&arc).addr() % 64, 0);
    let weak = Arc::downgrade(&arc);
    assert_eq!(weak.as_ptr().addr() % 64, 0);
    assert_eq!(weak.upgrade().as_deref(), Some(&Aligned64(1)));
    let raw = Arc::into_raw(arc);
    assert_eq!(raw.addr() % 64, 0);
    // SAFETY: `raw` came from `Arc::into_raw` and is turned back once.
    let arc = unsafe { Arc::from_raw(raw) };
    assert_eq!(*arc, Aligned64(1));
    drop(arc);
    assert!(weak.upgrade().is_none());
    drop(weak);

    let dynamic: Arc<dyn Shape> = Arc::from(Box::new(Aligned64(7)) as Box<dyn Shape>);
    assert_eq!(Arc::as_ptr(&dynamic).cast::<u8>().addr() % 64, 0);
    assert_eq!(dynamic.area(), 7);
    let raw = Arc::into_raw(dynamic);
    // SAFETY: `raw` came from `Arc::into_raw` and is turned back once.
    let dynamic = unsafe { Arc::from_raw(raw) };
    assert_eq!(dynamic.area(), 7);

    let slice: Arc<[Aligned64]> = Arc::from(vec![Aligned64(1), Aligned64(2)]);
    assert_eq!(slice.as_ptr().addr() % 64, 0);
    let cloned: Arc<[Aligned64]> = Arc::from(&slice[..]);
    assert_eq!(*cloned, *slice);
    let collected: Arc<[Aligned64]> = (0..3).map(Aligned64).collect();
    assert_eq!(collected.as_ptr().addr() % 64, 0);

    let mut cyclic = Arc::new_cyclic(|_| Aligned64(3));
    assert_eq!(Arc::as_ptr(&cyclic).addr() % 64, 0);
    let weak = Arc::downgrade(&cyclic);
    Arc::make_mut(&mut cyclic).0 = 4;
    assert_eq!(Arc::as_ptr(&cyclic).addr() % 64, 0);
    assert!(weak.upgrade().is_none());
    let shared = Arc::clone(&cyclic);
    Arc::make_mut(&mut cyclic).0 = 5;
    assert_eq!(Arc::as_ptr(&cyclic).addr() % 64, 0);
    assert_eq!((shared.0, cyclic.0), (4, 5));
    assert_eq!(Arc::try_unwrap(cyclic), Ok(Aligned64(5)));
}

#[test]
fn panicking_drop_still_frees_the_block() {
    let witness = Witness::new();
    let arc = Arc::new(witness.spawn(Panic::InDrop));
    let other = Arc::clone(&arc);
    let weak = Arc::downgrade(&arc);
    drop(arc);
    let message = expect_panic(|| drop(other));
    assert_eq!(message, "Probe::drop panicked on purpose");
    assert_eq!(witness.drops(), 1);
    // The value is gone even though its drop panicked, and the Weak works.
    assert!(weak.upgrade().is_none());
    assert_eq!(weak_counts(&weak), (0, 0));
    let weak_clone = weak.clone();
    assert!(weak_clone.ptr_eq(&weak));
    drop((weak, weak_clone)); // frees the block (Miri reports a leak otherwise)

    // Without a Weak, the block is freed during unwinding.
    let arc = Arc::new(witness.spawn(Panic::InDrop));
    expect_panic(|| drop(arc));
    assert_eq!(witness.drops(), 2);

    // The same through a `dyn` pointer from a std Box.
    let shape: Arc<dyn Shape + '_> = Arc::from(Box::new(Square {
        side: 1,
        _probe: witness.spawn(Panic::InDrop),
    }) as Box<dyn Shape>);
    let weak = Arc::downgrade(&shape);
    expect_panic(|| drop(shape));
    assert_eq!(witness.drops(), 3);
    assert!(weak.upgrade().is_none());
    assert_eq!(weak.strong_count(), 0);

    // And through `decrement_strong_count`.
    let raw = Arc::into_raw(Arc::new(witness.spawn(Panic::InDrop)));
    // SAFETY: `raw` came from `Arc::into_raw` and owns its one count.
    expect_panic(|| unsafe { Arc::decrement_strong_count(raw) });
    assert_eq!(witness.drops(), 4);

    // std behaves the same way.
    let std_arc = std_sync::Arc::new(witness.spawn(Panic::InDrop));
    let std_weak = std_sync::Arc::downgrade(&std_arc);
    expect_panic(|| drop(std_arc));
    assert!(std_weak.upgrade().is_none());
    assert_eq!(witness.drops(), 5);
}

#[test]
fn a_panicking_element_drop_drops_the_rest_of_the_slice() {
    fn run(witness: &Witness, make: impl FnOnce(Vec<Probe<'_>>)) {
        let probes = vec![
            witness.spawn(Panic::Never),
            witness.spawn(Panic::InDrop),
            witness.spawn(Panic::Never),
        ];
        expect_panic(|| make(probes));
    }
    let ours = Witness::new();
    run(&ours, |probes| drop(Arc::<[_]>::from(probes)));
    let theirs = Witness::new();
    run(&theirs, |probes| drop(std_sync::Arc::<[_]>::from(probes)));
    assert_eq!(ours.drops(), 3);
    assert_eq!(ours.drops(), theirs.drops());
}

#[test]
fn dropping_the_last_arc_in_a_loop() {
    let rounds = if cfg!(miri) { 20 } else { 10_000 };
    let witness = Witness::new();
    let mut keep = Weak::new();
    for round in 0..rounds {
        let arc = Arc::new(witness.spawn(Panic::Never));
        if round % 2 == 0 {
            keep = Arc::downgrade(&arc);
        }
        let _clone = Arc::clone(&arc);
    }
    assert_eq!(witness.drops(), rounds);
    assert!(keep.upgrade().is_none());
}

/// std's own `weak_may_dangle` test (in `sync/tests.rs`): `val` is mutably
/// borrowed for the lifetime in its own type, so the borrow lasts until
/// `val` is dropped. That compiles only if dropping a `Weak<&'a str>` needs
/// nothing of `'a`, which std says with `#[may_dangle]` and ownkit by
/// having no `Drop` impl generic over `T` on its `Weak`.
#[test]
fn weak_may_dangle_like_std() {
    fn hmm<'a>(val: &'a mut Weak<&'a str>) -> Weak<&'a str> {
        val.clone()
    }
    fn std_hmm<'a>(val: &'a mut std_sync::Weak<&'a str>) -> std_sync::Weak<&'a str> {
        val.clone()
    }

    let mut ours = Weak::new();
    hmm(&mut ours);
    let mut theirs = std_sync::Weak::new();
    std_hmm(&mut theirs);
}

/// A `Weak` dropped after the data its value borrows, here on another
/// thread than the one that dropped the value.
#[test]
fn a_weak_is_dropped_after_what_its_value_borrows() {
    let (ours, theirs);
    {
        let text = String::from("borrowed");
        let arc = Arc::new(text.as_str());
        let std_arc = std_sync::Arc::new(text.as_str());
        ours = Arc::downgrade(&arc);
        theirs = std_sync::Arc::downgrade(&std_arc);
        assert_eq!(weak_counts(&ours), std_weak_counts(&theirs));
        std::thread::scope(|scope| {
            scope.spawn(move || drop((arc, std_arc)));
        });
    } // `text` is dropped; the Weaks keep their blocks
}

#[test]
fn c_str_os_str_and_path_conversions_match_std() {
    use std::ffi::{CStr, CString, OsStr, OsString};
    use std::path::{Path, PathBuf};

    let ours: Arc<CStr> = Arc::from(c"nul-terminated");
    let theirs: std_sync::Arc<CStr> = std_sync::Arc::from(c"nul-terminated");
    assert_eq!(ours.to_bytes_with_nul(), theirs.to_bytes_with_nul());
    assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
    let ours: Arc<CStr> = Arc::from(CString::new("owned").unwrap());
    let theirs: std_sync::Arc<CStr> = std_sync::Arc::from(CString::new("owned").unwrap());
    assert_eq!(*ours, *theirs);
    let (ours, theirs): (Arc<CStr>, std_sync::Arc<CStr>) = (Arc::default(), Default::default());
    assert_eq!(ours.to_bytes_with_nul(), theirs.to_bytes_with_nul());

    let ours: Arc<OsStr> = Arc::from(OsStr::new("os"));
    let theirs: std_sync::Arc<OsStr> = std_sync::Arc::from(OsStr::new("os"));
    assert_eq!(*ours, *theirs);
    let ours: Arc<OsStr> = Arc::from(OsString::from("owned os"));
    let theirs: std_sync::Arc<OsStr> = std_sync::Arc::from(OsString::from("owned os"));
    assert_eq!(*ours, *theirs);

    let ours: Arc<Path> = Arc::from(Path::new("/a/b.txt"));
    let theirs: std_sync::Arc<Path> = std_sync::Arc::from(Path::new("/a/b.txt"));
    assert_eq!(*ours, *theirs);
    let ours: Arc<Path> = Arc::from(PathBuf::from("c/d"));
    let theirs: std_sync::Arc<Path> = std_sync::Arc::from(PathBuf::from("c/d"));
    assert_eq!(*ours, *theirs);

    // Shared with another thread, and the last owner there.
    let weak = Arc::downgrade(&ours);
    std::thread::spawn(move || assert_eq!(&*ours, Path::new("c/d")))
        .join()
        .unwrap();
    assert!(weak.upgrade().is_none());
}

#[test]
fn try_from_a_slice_to_an_array_matches_std() {
    let ours: Arc<[String]> = Arc::from(vec![String::from("a"), String::from("b")]);
    let theirs: std_sync::Arc<[String]> =
        std_sync::Arc::from(vec![String::from("a"), String::from("b")]);
    let ours_weak = Arc::downgrade(&ours);
    let theirs_weak = std_sync::Arc::downgrade(&theirs);

    let ours = <Arc<[String; 3]>>::try_from(ours).unwrap_err();
    let theirs = <std_sync::Arc<[String; 3]>>::try_from(theirs).unwrap_err();
    assert_eq!(counts(&ours), std_counts(&theirs));

    let address = Arc::as_ptr(&ours).cast::<String>();
    let ours: Arc<[String; 2]> = ours.try_into().unwrap();
    let theirs: std_sync::Arc<[String; 2]> = theirs.try_into().unwrap();
    assert_eq!(*ours, *theirs);
    assert_eq!(counts(&ours), std_counts(&theirs));
    assert_eq!(
        Arc::as_ptr(&ours).cast::<String>(),
        address,
        "the same allocation"
    );
    assert_eq!(ours_weak.upgrade().as_deref(), Some(&ours[..]));
    assert_eq!(weak_counts(&ours_weak), std_weak_counts(&theirs_weak));
    drop((ours, theirs));
    assert!(ours_weak.upgrade().is_none());
    assert!(theirs_weak.upgrade().is_none());
}

#[test]
fn make_mut_on_a_slice_follows_std_in_all_three_cases() {
    // Unique: in place.
    let mut ours: Arc<[i32]> = Arc::from([3, 1, 2]);
    let mut theirs: std_sync::Arc<[i32]> = std_sync::Arc::from([3, 1, 2]);
    let address = Arc::as_ptr(&ours);
    Arc::make_mut(&mut ours).sort();
    std_sync::Arc::make_mut(&mut theirs).sort();
    assert_eq!((&*ours, Arc::as_ptr(&ours)), (&*theirs, address));

    // Shared, with the other owner on another thread: cloned.
    let other = Arc::clone(&ours);
    let theirs_other = std_sync::Arc::clone(&theirs);
    let reader = std::thread::spawn(move || other.iter().sum::<i32>());
    Arc::make_mut(&mut ours)[0] = 10;
    std_sync::Arc::make_mut(&mut theirs)[0] = 10;
    assert_eq!(reader.join().unwrap(), 6);
    assert_eq!((&*ours, counts(&ours)), (&*theirs, std_counts(&theirs)));
    drop(theirs_other);

    // Only Weaks: moved to a new block, the Weaks let go.
    let mut ours: Arc<[String]> = Arc::from(vec![String::from("x"), String::from("y")]);
    let mut theirs: std_sync::Arc<[String]> =
        std_sync::Arc::from(vec![String::from("x"), String::from("y")]);
    let (ours_weak, theirs_weak) = (Arc::downgrade(&ours), std_sync::Arc::downgrade(&theirs));
    let old_address = Arc::as_ptr(&ours);
    Arc::make_mut(&mut ours).reverse();
    std_sync::Arc::make_mut(&mut theirs).reverse();
    assert_ne!(Arc::as_ptr(&ours), old_address);
    assert_eq!((&*ours, counts(&ours)), (&*theirs, std_counts(&theirs)));
    assert!(ours_weak.upgrade().is_none() && theirs_weak.upgrade().is_none());
    assert_eq!(weak_counts(&ours_weak), std_weak_counts(&theirs_weak));
}

#[test]
fn make_mut_on_a_slice_with_a_panicking_clone_changes_nothing() {
    let witness = Witness::new();
    let mut arc: Arc<[Probe<'_>]> = Arc::from(vec![
        witness.spawn(Panic::Never),
        witness.spawn(Panic::InClone),
    ]);
    let other = Arc::clone(&arc);
    let result = catch_unwind(AssertUnwindSafe(|| {
        Arc::make_mut(&mut arc);
    }));
    assert!(result.is_err());
    assert_eq!((witness.clones(), witness.drops()), (2, 1));
    assert!(Arc::ptr_eq(&arc, &other));
    assert_eq!(counts(&arc), (2, 0));
    drop((arc, other));
    assert_eq!(witness.drops(), 3);
}

#[test]
fn make_mut_on_str_matches_std() {
    let mut ours: Arc<str> = Arc::from("case");
    let mut theirs: std_sync::Arc<str> = std_sync::Arc::from("case");
    let (ours_other, theirs_other) = (Arc::clone(&ours), std_sync::Arc::clone(&theirs));
    Arc::make_mut(&mut ours).make_ascii_uppercase();
    std_sync::Arc::make_mut(&mut theirs).make_ascii_uppercase();
    assert_eq!((&*ours, &*ours_other), (&*theirs, &*theirs_other));
}
