//! `ownkit::rc::{Rc, Weak}` against `std::rc::{Rc, Weak}` as the oracle.
//!
//! Most tests run the same steps on both and compare what they observe.
//! Leaks are checked by Miri (run with leak detection on): a test that ends
//! with memory still allocated fails there.

#![allow(
    unsafe_code,
    reason = "the raw-pointer API (`from_raw` and friends) is unsafe to call"
)]

use std::cell::RefCell;
use std::collections::hash_map::DefaultHasher;
use std::fmt::{self, Debug, Display};
use std::hash::{Hash, Hasher};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc as std_rc;

use ownkit::rc::{Rc, Weak};
use ownkit_tests::{DropLog, Named, Panic, Probe, Witness};

/// Strong and weak counts of an ownkit `Rc`.
fn counts<T: ?Sized>(rc: &Rc<T>) -> (usize, usize) {
    (Rc::strong_count(rc), Rc::weak_count(rc))
}

/// Strong and weak counts of a std `Rc`.
fn std_counts<T: ?Sized>(rc: &std_rc::Rc<T>) -> (usize, usize) {
    (std_rc::Rc::strong_count(rc), std_rc::Rc::weak_count(rc))
}

/// Strong and weak counts seen through an ownkit `Weak`.
fn weak_counts<T: ?Sized>(weak: &Weak<T>) -> (usize, usize) {
    (weak.strong_count(), weak.weak_count())
}

/// Strong and weak counts seen through a std `Weak`.
fn std_weak_counts<T: ?Sized>(weak: &std_rc::Weak<T>) -> (usize, usize) {
    (weak.strong_count(), weak.weak_count())
}

fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// Runs `f`, expecting it to panic.
fn expect_panic(f: impl FnOnce()) {
    let result = catch_unwind(AssertUnwindSafe(f));
    assert!(result.is_err(), "expected a panic");
}

#[test]
fn counts_follow_clone_downgrade_and_drop() {
    let ours = Rc::new(String::from("value"));
    let theirs = std_rc::Rc::new(String::from("value"));
    assert_eq!(counts(&ours), (1, 0));
    assert_eq!(counts(&ours), std_counts(&theirs));

    let ours_clone = Rc::clone(&ours);
    let theirs_clone = std_rc::Rc::clone(&theirs);
    assert_eq!(counts(&ours), (2, 0));
    assert_eq!(counts(&ours), std_counts(&theirs));

    let ours_weak = Rc::downgrade(&ours);
    let theirs_weak = std_rc::Rc::downgrade(&theirs);
    let ours_weak_clone = ours_weak.clone();
    let theirs_weak_clone = theirs_weak.clone();
    assert_eq!(counts(&ours), (2, 2));
    assert_eq!(counts(&ours), std_counts(&theirs));
    assert_eq!(weak_counts(&ours_weak), (2, 2));
    assert_eq!(weak_counts(&ours_weak), std_weak_counts(&theirs_weak));

    drop(ours_clone);
    drop(theirs_clone);
    drop(ours_weak_clone);
    drop(theirs_weak_clone);
    assert_eq!(counts(&ours), (1, 1));
    assert_eq!(counts(&ours), std_counts(&theirs));

    let ours_upgraded = ours_weak.upgrade().expect("value is alive");
    let theirs_upgraded = theirs_weak.upgrade().expect("value is alive");
    assert_eq!(counts(&ours), (2, 1));
    assert_eq!(counts(&ours), std_counts(&theirs));
    assert_eq!(*ours_upgraded, *theirs_upgraded);

    drop((ours, ours_upgraded));
    drop((theirs, theirs_upgraded));
    // No strong owner: both report 0 for both counts, as std does.
    assert_eq!(weak_counts(&ours_weak), (0, 0));
    assert_eq!(weak_counts(&ours_weak), std_weak_counts(&theirs_weak));
    assert!(ours_weak.upgrade().is_none());
    assert!(theirs_weak.upgrade().is_none());
}

#[test]
fn value_is_dropped_by_the_last_rc_only() {
    let witness = Witness::new();
    let rc = Rc::new(witness.spawn(Panic::Never));
    let clones: Vec<_> = (0..3).map(|_| Rc::clone(&rc)).collect();
    let weak = Rc::downgrade(&rc);
    drop(rc);
    assert_eq!(witness.drops(), 0);
    drop(clones);
    assert_eq!(witness.drops(), 1);
    drop(weak);
    assert_eq!((witness.clones(), witness.drops()), (0, 1));
}

#[test]
fn get_mut_needs_a_unique_rc_and_no_weak() {
    let mut ours = Rc::new(1);
    let mut theirs = std_rc::Rc::new(1);
    *Rc::get_mut(&mut ours).unwrap() = 2;
    *std_rc::Rc::get_mut(&mut theirs).unwrap() = 2;
    assert_eq!(*ours, *theirs);

    let ours_other = Rc::clone(&ours);
    let theirs_other = std_rc::Rc::clone(&theirs);
    assert!(Rc::get_mut(&mut ours).is_none());
    assert!(std_rc::Rc::get_mut(&mut theirs).is_none());
    drop((ours_other, theirs_other));

    let ours_weak = Rc::downgrade(&ours);
    let theirs_weak = std_rc::Rc::downgrade(&theirs);
    assert!(Rc::get_mut(&mut ours).is_none());
    assert!(std_rc::Rc::get_mut(&mut theirs).is_none());
    drop((ours_weak, theirs_weak));

    assert!(Rc::get_mut(&mut ours).is_some());
    assert!(std_rc::Rc::get_mut(&mut theirs).is_some());
}

#[test]
fn get_mut_on_unsized_values() {
    let mut ours: Rc<[i32]> = Rc::from(vec![1, 2, 3]);
    let mut theirs: std_rc::Rc<[i32]> = std_rc::Rc::from(vec![1, 2, 3]);
    Rc::get_mut(&mut ours).unwrap()[1] = 20;
    std_rc::Rc::get_mut(&mut theirs).unwrap()[1] = 20;
    assert_eq!(*ours, *theirs);

    let mut text: Rc<str> = Rc::from("abc");
    Rc::get_mut(&mut text).unwrap().make_ascii_uppercase();
    assert_eq!(&*text, "ABC");
}

#[test]
fn make_mut_when_unique_changes_in_place() {
    let witness = Witness::new();
    let mut rc = Rc::new((witness.spawn(Panic::Never), 1));
    let before = Rc::as_ptr(&rc);
    Rc::make_mut(&mut rc).1 = 2;
    assert_eq!(rc.1, 2);
    assert_eq!(Rc::as_ptr(&rc), before, "no new allocation");
    assert_eq!(counts(&rc), (1, 0));
    assert_eq!((witness.clones(), witness.drops()), (0, 0));
    drop(rc);
    assert_eq!(witness.drops(), 1);
}

#[test]
fn make_mut_when_shared_clones_and_leaves_the_others_alone() {
    let witness = Witness::new();
    let mut ours = Rc::new((witness.spawn(Panic::Never), 1));
    let ours_other = Rc::clone(&ours);
    let ours_weak = Rc::downgrade(&ours);
    let mut theirs = std_rc::Rc::new(1);
    let theirs_other = std_rc::Rc::clone(&theirs);
    let theirs_weak = std_rc::Rc::downgrade(&theirs);

    Rc::make_mut(&mut ours).1 = 2;
    *std_rc::Rc::make_mut(&mut theirs) = 2;

    assert_eq!(witness.clones(), 1);
    assert_eq!((ours.1, ours_other.1), (*theirs, *theirs_other));
    assert!(!Rc::ptr_eq(&ours, &ours_other));
    assert_eq!(counts(&ours), std_counts(&theirs));
    assert_eq!(counts(&ours_other), std_counts(&theirs_other));
    assert_eq!(counts(&ours_other), (1, 1));
    // The Weak still points at the old value, which the other Rc keeps.
    assert_eq!(ours_weak.upgrade().map(|rc| rc.1), Some(1));
    assert_eq!(theirs_weak.upgrade().map(|rc| *rc), Some(1));

    drop((ours, ours_other, ours_weak));
    assert_eq!(witness.drops(), 2);
}

#[test]
fn make_mut_with_only_weaks_moves_the_value_and_disconnects_them() {
    let witness = Witness::new();
    let mut ours = Rc::new((witness.spawn(Panic::Never), 1));
    let ours_weak = Rc::downgrade(&ours);
    let ours_weak_clone = ours_weak.clone();
    let mut theirs = std_rc::Rc::new(1);
    let theirs_weak = std_rc::Rc::downgrade(&theirs);
    let theirs_weak_clone = theirs_weak.clone();
    let old_address = Rc::as_ptr(&ours);

    Rc::make_mut(&mut ours).1 = 2;
    *std_rc::Rc::make_mut(&mut theirs) = 2;

    assert_eq!(
        (witness.clones(), witness.drops()),
        (0, 0),
        "moved, not cloned"
    );
    assert_ne!(Rc::as_ptr(&ours), old_address, "a new allocation");
    assert_eq!(ours.1, *theirs);
    assert_eq!(counts(&ours), (1, 0));
    assert_eq!(counts(&ours), std_counts(&theirs));
    assert!(ours_weak.upgrade().is_none());
    assert!(theirs_weak.upgrade().is_none());
    assert_eq!(weak_counts(&ours_weak), (0, 0));
    assert_eq!(weak_counts(&ours_weak), std_weak_counts(&theirs_weak));
    assert_eq!(ours_weak.as_ptr(), old_address);

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
    let mut rc = Rc::new(witness.spawn(Panic::InClone));
    let other = Rc::clone(&rc);
    let weak = Rc::downgrade(&rc);
    let address = Rc::as_ptr(&rc);

    expect_panic(|| {
        Rc::make_mut(&mut rc);
    });

    assert_eq!((witness.clones(), witness.drops()), (1, 0));
    assert_eq!(Rc::as_ptr(&rc), address);
    assert!(Rc::ptr_eq(&rc, &other));
    assert_eq!(counts(&rc), (2, 1));
    assert!(weak.upgrade().is_some());
    drop((rc, other, weak));
    assert_eq!(witness.drops(), 1);
}

#[test]
fn try_unwrap_with_weaks_succeeds_and_disconnects_them() {
    let witness = Witness::new();
    let ours = Rc::new(witness.spawn(Panic::Never));
    let ours_weak = Rc::downgrade(&ours);
    let theirs = std_rc::Rc::new(5);
    let theirs_weak = std_rc::Rc::downgrade(&theirs);

    let value = Rc::try_unwrap(ours).expect("the only Rc");
    assert_eq!(std_rc::Rc::try_unwrap(theirs), Ok(5));
    assert_eq!(witness.drops(), 0, "moved out, not dropped");
    assert!(ours_weak.upgrade().is_none());
    assert!(theirs_weak.upgrade().is_none());
    assert_eq!(weak_counts(&ours_weak), std_weak_counts(&theirs_weak));
    drop(ours_weak);
    assert_eq!(witness.drops(), 0);
    drop(value);
    assert_eq!(witness.drops(), 1);
}

#[test]
fn try_unwrap_of_a_shared_rc_gives_it_back() {
    let ours = Rc::new(3);
    let ours_other = Rc::clone(&ours);
    let theirs = std_rc::Rc::new(3);
    let theirs_other = std_rc::Rc::clone(&theirs);

    let ours = Rc::try_unwrap(ours).unwrap_err();
    let theirs = std_rc::Rc::try_unwrap(theirs).unwrap_err();
    assert!(Rc::ptr_eq(&ours, &ours_other));
    assert_eq!(counts(&ours), std_counts(&theirs));
    drop(theirs_other);
    drop(ours_other);
    assert_eq!(Rc::try_unwrap(ours), Ok(3));
}

#[test]
fn into_inner_gives_the_value_to_the_last_owner_only() {
    let ours = Rc::new(String::from("x"));
    let ours_clone = Rc::clone(&ours);
    let theirs = std_rc::Rc::new(String::from("x"));
    let theirs_clone = std_rc::Rc::clone(&theirs);
    assert_eq!(Rc::into_inner(ours), None);
    assert_eq!(std_rc::Rc::into_inner(theirs), None);
    assert_eq!(counts(&ours_clone), std_counts(&theirs_clone));
    assert_eq!(
        Rc::into_inner(ours_clone),
        std_rc::Rc::into_inner(theirs_clone)
    );
}

#[test]
fn unwrap_or_clone_clones_only_when_shared() {
    let witness = Witness::new();
    let rc = Rc::new(witness.spawn(Panic::Never));
    let other = Rc::clone(&rc);
    let cloned = Rc::unwrap_or_clone(rc);
    assert_eq!(witness.clones(), 1);
    let moved = Rc::unwrap_or_clone(other);
    assert_eq!((witness.clones(), witness.drops()), (1, 0));
    drop((cloned, moved));
    assert_eq!(witness.drops(), 2);
}

#[test]
fn weak_new_allocates_nothing_and_never_upgrades() {
    let ours: Weak<u64> = Weak::new();
    let theirs: std_rc::Weak<u64> = std_rc::Weak::new();
    assert!(ours.upgrade().is_none());
    assert_eq!(weak_counts(&ours), (0, 0));
    assert_eq!(weak_counts(&ours), std_weak_counts(&theirs));
    // Two pointer-sized fields (the typed pointer, and the untyped one that
    // frees; see `sizes.rs`), both holding an address no allocation can
    // have: there is nowhere an allocation could be kept (and Miri would
    // report one that leaked).
    assert_eq!(size_of::<Weak<u64>>(), 2 * size_of::<usize>());
    assert_eq!(ours.as_ptr().addr(), usize::MAX);
    assert_eq!(ours.as_ptr().addr(), theirs.as_ptr().addr());

    let clone = ours.clone();
    assert!(clone.ptr_eq(&ours));
    assert!(Weak::<u64>::default().ptr_eq(&ours));
    assert_eq!(weak_counts(&clone), (0, 0));
    let const_weak: Weak<String> = const { Weak::new() };
    assert!(const_weak.upgrade().is_none());
}

#[test]
fn weak_debug_prints_weak() {
    let rc = Rc::new(1);
    assert_eq!(format!("{:?}", Rc::downgrade(&rc)), "(Weak)");
    assert_eq!(
        format!("{:?}", Weak::<i32>::new()),
        format!("{:?}", std_rc::Weak::<i32>::new())
    );
}

#[test]
fn new_cyclic_sees_strong_zero_and_no_upgrade_inside() {
    struct Node {
        me: Weak<Node>,
        seen: (usize, usize),
        upgraded: bool,
    }
    struct StdNode {
        me: std_rc::Weak<StdNode>,
        seen: (usize, usize),
        upgraded: bool,
    }

    let ours = Rc::new_cyclic(|me| Node {
        seen: weak_counts(me),
        upgraded: me.upgrade().is_some(),
        me: me.clone(),
    });
    let theirs = std_rc::Rc::new_cyclic(|me| StdNode {
        seen: std_weak_counts(me),
        upgraded: me.upgrade().is_some(),
        me: me.clone(),
    });

    assert_eq!(ours.seen, (0, 0));
    assert_eq!(ours.seen, theirs.seen);
    assert!(!ours.upgraded && !theirs.upgraded);
    assert_eq!(counts(&ours), (1, 1));
    assert_eq!(counts(&ours), std_counts(&theirs));
    assert!(Rc::ptr_eq(&ours.me.upgrade().unwrap(), &ours));
    assert!(std_rc::Rc::ptr_eq(&theirs.me.upgrade().unwrap(), &theirs));
}

#[test]
fn new_cyclic_without_keeping_the_weak() {
    let ours = Rc::new_cyclic(|_| 5);
    let theirs = std_rc::Rc::new_cyclic(|_| 5);
    assert_eq!(counts(&ours), std_counts(&theirs));
    assert_eq!(*ours, *theirs);
}

#[test]
fn new_cyclic_with_a_panicking_closure_leaks_nothing() {
    let witness = Witness::new();
    let mut escaped: Option<Weak<u32>> = None;
    let mut std_escaped: Option<std_rc::Weak<u32>> = None;
    expect_panic(|| {
        Rc::new_cyclic(|me| {
            let _dropped_on_unwind = witness.spawn(Panic::Never);
            escaped = Some(me.clone());
            panic!("closure panics on purpose")
        });
    });
    expect_panic(|| {
        std_rc::Rc::new_cyclic(|me| {
            std_escaped = Some(me.clone());
            panic!("closure panics on purpose")
        });
    });
    assert_eq!(witness.drops(), 1);
    // The escaped Weak keeps the block (its value never existed) and frees
    // it when dropped.
    let escaped = escaped.unwrap();
    let std_escaped = std_escaped.unwrap();
    assert!(escaped.upgrade().is_none());
    assert_eq!(weak_counts(&escaped), std_weak_counts(&std_escaped));

    // The same without an escaped Weak: the block goes with the closure's.
    expect_panic(|| {
        Rc::<u32>::new_cyclic(|_| panic!("closure panics on purpose"));
    });
}

#[test]
fn a_strong_cycle_keeps_its_values_until_broken() {
    struct Node<'a> {
        _name: Named<'a>,
        next: RefCell<Option<Rc<Node<'a>>>>,
    }

    let log = DropLog::new();
    let a = Rc::new(Node {
        _name: log.named("a"),
        next: RefCell::new(None),
    });
    let b = Rc::new(Node {
        _name: log.named("b"),
        next: RefCell::new(Some(Rc::clone(&a))),
    });
    *a.next.borrow_mut() = Some(Rc::clone(&b));
    let observer = Rc::downgrade(&a);
    drop((a, b));
    assert!(log.order().is_empty(), "a cycle keeps both alive");
    assert_eq!(observer.strong_count(), 1);

    // Breaking one edge lets the counts reach 0.
    let a = observer.upgrade().unwrap();
    let b = a.next.borrow_mut().take();
    drop(a);
    assert!(log.order().is_empty(), "b still holds a");
    drop(b);
    assert_eq!(log.order(), ["b", "a"]);
    assert!(observer.upgrade().is_none());
}

#[test]
fn a_weak_back_edge_drops_everything() {
    struct Parent<'a, C> {
        _name: Named<'a>,
        children: RefCell<Vec<C>>,
    }
    struct Child<'a> {
        _name: Named<'a>,
        parent: Weak<Parent<'a, Rc<Child<'a>>>>,
    }
    struct StdChild<'a> {
        _name: Named<'a>,
        parent: std_rc::Weak<Parent<'a, std_rc::Rc<StdChild<'a>>>>,
    }

    let log = DropLog::new();
    let parent = Rc::new(Parent {
        _name: log.named("parent"),
        children: RefCell::new(Vec::new()),
    });
    for name in ["first", "second"] {
        let child = Rc::new(Child {
            _name: log.named(name),
            parent: Rc::downgrade(&parent),
        });
        parent.children.borrow_mut().push(child);
    }
    let child = Rc::clone(&parent.children.borrow()[0]);
    assert!(Rc::ptr_eq(&child.parent.upgrade().unwrap(), &parent));
    drop(parent);
    assert!(child.parent.upgrade().is_none());
    drop(child);

    let std_log = DropLog::new();
    let parent = std_rc::Rc::new(Parent {
        _name: std_log.named("parent"),
        children: RefCell::new(Vec::new()),
    });
    for name in ["first", "second"] {
        let child = std_rc::Rc::new(StdChild {
            _name: std_log.named(name),
            parent: std_rc::Rc::downgrade(&parent),
        });
        parent.children.borrow_mut().push(child);
    }
    let child = std_rc::Rc::clone(&parent.children.borrow()[0]);
    drop(parent);
    assert!(child.parent.upgrade().is_none());
    drop(child);

    assert_eq!(log.order(), ["parent", "second", "first"]);
    assert_eq!(log.order(), std_log.order());
}

trait Shape {
    fn area(&self) -> u32;
}

struct Square<'a> {
    side: u32,
    _probe: ownkit_tests::Probe<'a>,
}

impl Shape for Square<'_> {
    fn area(&self) -> u32 {
        self.side * self.side
    }
}

#[test]
fn rc_dyn_trait_from_a_std_box() {
    let witness = Witness::new();
    let boxed: Box<dyn Shape + '_> = Box::new(Square {
        side: 3,
        _probe: witness.spawn(Panic::Never),
    });
    let ours: Rc<dyn Shape + '_> = Rc::from(boxed);
    assert_eq!(witness.drops(), 0, "moved out of the box, not dropped");
    assert_eq!(ours.area(), 9);
    let clone = Rc::clone(&ours);
    assert_eq!(clone.area(), 9);
    assert_eq!(counts(&ours), (2, 0));
    let weak = Rc::downgrade(&ours);
    drop((ours, clone));
    assert_eq!(witness.drops(), 1);
    assert!(weak.upgrade().is_none());
    drop(weak);
    assert_eq!((witness.clones(), witness.drops()), (0, 1));
}

#[test]
fn rc_dyn_display_and_debug_match_std() {
    let ours: Rc<dyn Display> = Rc::from(Box::new(1.5) as Box<dyn Display>);
    let theirs: std_rc::Rc<dyn Display> = std_rc::Rc::from(Box::new(1.5) as Box<dyn Display>);
    assert_eq!(ours.to_string(), theirs.to_string());
    let ours: Rc<dyn Debug> = Rc::from(Box::new("a") as Box<dyn Debug>);
    let theirs: std_rc::Rc<dyn Debug> = std_rc::Rc::from(Box::new("a") as Box<dyn Debug>);
    assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
}

#[test]
fn downcast_finds_the_concrete_type() {
    use std::any::Any;

    let any: Rc<dyn Any> = Rc::from(Box::new(String::from("s")) as Box<dyn Any>);
    let any = any.downcast::<i32>().unwrap_err();
    let text: Rc<String> = any.downcast().unwrap();
    assert_eq!(*text, "s");
    assert_eq!(counts(&text), (1, 0));
}

#[test]
fn rc_str_from_str_and_string() {
    let from_str: Rc<str> = Rc::from("héllo");
    let from_string: Rc<str> = Rc::from(String::from("héllo"));
    let from_box: Rc<str> = Rc::from(Box::<str>::from("héllo"));
    let theirs: std_rc::Rc<str> = std_rc::Rc::from("héllo");
    for ours in [&from_str, &from_string, &from_box] {
        assert_eq!(&**ours, &*theirs);
        assert_eq!(ours.len(), theirs.len());
        assert_eq!(ours.to_string(), theirs.to_string());
        assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
        assert_eq!(hash_of(ours), hash_of(&theirs));
    }
    let empty: Rc<str> = Rc::from("");
    assert_eq!(&*empty, "");
    assert_eq!(&*Rc::<str>::default(), &*std_rc::Rc::<str>::default());
}

#[test]
fn rc_slice_from_vec_moves_the_elements() {
    let witness = Witness::new();
    let vec: Vec<_> = (0..4).map(|_| witness.spawn(Panic::Never)).collect();
    let rc: Rc<[_]> = Rc::from(vec);
    assert_eq!(rc.len(), 4);
    assert_eq!((witness.clones(), witness.drops()), (0, 0));
    let weak = Rc::downgrade(&rc);
    drop(rc);
    assert_eq!(witness.drops(), 4);
    drop(weak);

    let ours: Rc<[String]> = Rc::from(vec![String::from("a"), String::from("b")]);
    let theirs: std_rc::Rc<[String]> = std_rc::Rc::from(vec![String::from("a"), String::from("b")]);
    assert_eq!(*ours, *theirs);
}

#[test]
fn rc_slice_from_slice_clones_the_elements() {
    let witness = Witness::new();
    let originals: Vec<_> = (0..3).map(|_| witness.spawn(Panic::Never)).collect();
    let rc: Rc<[_]> = Rc::from(&originals[..]);
    assert_eq!(rc.len(), 3);
    assert_eq!((witness.clones(), witness.drops()), (3, 0));
    drop(rc);
    assert_eq!(witness.drops(), 3);
    drop(originals);
    assert_eq!(witness.drops(), 6);

    let ours: Rc<[i32]> = Rc::from(&[1, 2, 3][..]);
    let theirs: std_rc::Rc<[i32]> = std_rc::Rc::from(&[1, 2, 3][..]);
    assert_eq!(*ours, *theirs);
}

#[test]
fn rc_slice_from_slice_with_a_panicking_clone_drops_what_it_cloned() {
    let witness = Witness::new();
    let originals = vec![
        witness.spawn(Panic::Never),
        witness.spawn(Panic::Never),
        witness.spawn(Panic::InClone),
        witness.spawn(Panic::Never),
    ];
    expect_panic(|| {
        let _rc: Rc<[_]> = Rc::from(&originals[..]);
    });
    // Two clones succeeded and were dropped; the third panicked and made no
    // value; the fourth was never attempted.
    assert_eq!((witness.clones(), witness.drops()), (3, 2));
    drop(originals);
    assert_eq!(witness.drops(), 6);
}

#[test]
fn rc_slice_empty_and_from_iterator_and_array() {
    let empty: Rc<[String]> = Rc::from(Vec::new());
    let empty_slice: Rc<[String]> = Rc::from(&[][..]);
    let empty_iter: Rc<[String]> = std::iter::empty().collect();
    let empty_default: Rc<[String]> = Rc::default();
    for rc in [&empty, &empty_slice, &empty_iter, &empty_default] {
        assert!(rc.is_empty());
        assert_eq!(counts(rc), (1, 0));
    }

    let ours: Rc<[u32]> = (1..=5).map(|n| n * n).collect();
    let theirs: std_rc::Rc<[u32]> = (1..=5).map(|n| n * n).collect();
    assert_eq!(*ours, *theirs);

    let witness = Witness::new();
    let array = [witness.spawn(Panic::Never), witness.spawn(Panic::Never)];
    let from_array: Rc<[_]> = Rc::from(array);
    assert_eq!((witness.clones(), witness.drops()), (0, 0));
    drop(from_array);
    assert_eq!(witness.drops(), 2);

    let boxed: Rc<[i32]> = Rc::from(vec![4, 5].into_boxed_slice());
    assert_eq!(*boxed, [4, 5]);
    let boxed_empty: Rc<[i32]> = Rc::from(Vec::new().into_boxed_slice());
    assert!(boxed_empty.is_empty());
}

#[test]
fn from_iterator_survives_a_lying_size_hint_and_a_panic() {
    /// Yields `len` probes but claims exactly `claim`; panics instead of
    /// yielding item number `panic_at`.
    struct Lying<'a> {
        witness: &'a Witness,
        yielded: usize,
        len: usize,
        claim: usize,
        panic_at: Option<usize>,
    }
    impl<'a> Iterator for Lying<'a> {
        type Item = Probe<'a>;
        fn next(&mut self) -> Option<Probe<'a>> {
            if self.yielded == self.len {
                return None;
            }
            assert_ne!(Some(self.yielded), self.panic_at, "the iterator panics");
            self.yielded += 1;
            Some(self.witness.spawn(Panic::Never))
        }
        fn size_hint(&self) -> (usize, Option<usize>) {
            (self.claim, Some(self.claim))
        }
    }

    for (len, claim) in [(3, 3), (2, 5), (5, 2), (0, 3), (3, 0)] {
        let witness = Witness::new();
        let lying = |panic_at| Lying {
            witness: &witness,
            yielded: 0,
            len,
            claim,
            panic_at,
        };
        let ours: Rc<[Probe<'_>]> = lying(None).collect();
        let theirs: std_rc::Rc<[Probe<'_>]> = lying(None).collect();
        assert_eq!(
            (ours.len(), theirs.len()),
            (len, len),
            "{len} items claiming {claim}"
        );
        assert_eq!(witness.drops(), 0);
        drop((ours, theirs));
        assert_eq!(witness.drops(), 2 * len);

        if len > 0 {
            let panicked = catch_unwind(AssertUnwindSafe(|| {
                lying(Some(len - 1)).collect::<Rc<[Probe<'_>]>>()
            }));
            assert!(panicked.is_err());
            assert_eq!(
                witness.drops(),
                2 * len + len - 1,
                "the items taken before the panic"
            );
        }
    }
}

#[test]
fn zero_sized_values() {
    let witness = Witness::new();
    let unit = Rc::new(());
    let clone = Rc::clone(&unit);
    assert_eq!(counts(&unit), (2, 0));
    assert!(Rc::ptr_eq(&unit, &clone));
    assert_eq!(Rc::try_unwrap(Rc::new(())), Ok(()));

    let units: Rc<[()]> = Rc::from(vec![(); 1000]);
    assert_eq!(units.len(), 1000);
    let units_iter: Rc<[()]> = std::iter::repeat_n((), 7).collect();
    assert_eq!(units_iter.len(), 7);

    // A zero-sized type whose drop still runs, through a `dyn` pointer too.
    struct Loud<'a>(&'a Witness);
    impl Drop for Loud<'_> {
        fn drop(&mut self) {
            // Count through a probe so the witness sees it.
            drop(self.0.spawn(Panic::Never));
        }
    }
    let rc: Rc<dyn std::any::Any> = Rc::from(Box::new(()) as Box<dyn std::any::Any>);
    assert!(rc.is::<()>());
    let loud = Rc::new(Loud(&witness));
    assert_eq!(size_of_val(&*loud), size_of::<&Witness>());
    drop(loud);
    assert_eq!(witness.drops(), 1);
}

#[test]
fn over_aligned_values() {
    #[derive(Clone, Debug, PartialEq)]
    #[repr(align(256))]
    struct Aligned(u8);

    impl Shape for Aligned {
        fn area(&self) -> u32 {
            u32::from(self.0)
        }
    }

    let rc = Rc::new(Aligned(1));
    assert_eq!(Rc::as_ptr(&rc).addr() % 256, 0);
    let weak = Rc::downgrade(&rc);
    assert_eq!(weak.upgrade().as_deref(), Some(&Aligned(1)));

    let dynamic: Rc<dyn Shape> = Rc::from(Box::new(Aligned(7)) as Box<dyn Shape>);
    assert_eq!(Rc::as_ptr(&dynamic).cast::<u8>().addr() % 256, 0);
    assert_eq!(dynamic.area(), 7);
    let raw = Rc::into_raw(dynamic);
    // SAFETY: `raw` came from `Rc::into_raw` and is turned back once.
    let dynamic = unsafe { Rc::from_raw(raw) };
    assert_eq!(dynamic.area(), 7);

    let slice: Rc<[Aligned]> = Rc::from(vec![Aligned(1), Aligned(2)]);
    assert_eq!(slice.as_ptr().addr() % 256, 0);
    let cloned: Rc<[Aligned]> = Rc::from(&slice[..]);
    assert_eq!(*cloned, *slice);

    let mut cyclic = Rc::new_cyclic(|_| Aligned(3));
    let weak = Rc::downgrade(&cyclic);
    Rc::make_mut(&mut cyclic).0 = 4;
    assert_eq!(Rc::as_ptr(&cyclic).addr() % 256, 0);
    assert!(weak.upgrade().is_none());
    assert_eq!(Rc::try_unwrap(cyclic), Ok(Aligned(4)));
}

#[test]
fn ptr_eq_compares_allocations() {
    let a = Rc::new(1);
    let b = Rc::clone(&a);
    let c = Rc::new(1);
    assert!(Rc::ptr_eq(&a, &b));
    assert!(!Rc::ptr_eq(&a, &c));
    assert_eq!(a, c, "equal values");

    let weak_a = Rc::downgrade(&a);
    let weak_c = Rc::downgrade(&c);
    assert!(weak_a.ptr_eq(&Rc::downgrade(&b)));
    assert!(!weak_a.ptr_eq(&weak_c));
    assert!(!weak_a.ptr_eq(&Weak::new()));

    let shown: Rc<dyn Display> = Rc::from(Box::new(1) as Box<dyn Display>);
    let shown_clone = Rc::clone(&shown);
    assert!(Rc::ptr_eq(&shown, &shown_clone));
}

#[test]
fn raw_round_trip_sized() {
    let witness = Witness::new();
    let rc = Rc::new((witness.spawn(Panic::Never), 42));
    let expected = Rc::as_ptr(&rc);
    let raw = Rc::into_raw(rc);
    assert_eq!(raw, expected);
    // SAFETY: the count given up by `into_raw` keeps the value alive.
    assert_eq!(unsafe { &*raw }.1, 42);
    // SAFETY: `raw` came from `Rc::into_raw` and is turned back once.
    let rc = unsafe { Rc::from_raw(raw) };
    assert_eq!(counts(&rc), (1, 0));
    assert_eq!(witness.drops(), 0);
    drop(rc);
    assert_eq!(witness.drops(), 1);

    let ours = Rc::into_raw(Rc::new(5_u64));
    let theirs = std_rc::Rc::into_raw(std_rc::Rc::new(5_u64));
    // SAFETY: both came from their `into_raw` and are alive.
    assert_eq!(unsafe { *ours }, unsafe { *theirs });
    // SAFETY: turned back once each.
    drop(unsafe { Rc::from_raw(ours) });
    // SAFETY: as above.
    drop(unsafe { std_rc::Rc::from_raw(theirs) });
}

#[test]
fn raw_round_trip_unsized() {
    let text: Rc<str> = Rc::from("text");
    let raw = Rc::into_raw(text);
    // SAFETY: `raw` came from `Rc::into_raw` and is alive.
    assert_eq!(unsafe { &*raw }, "text");
    // SAFETY: turned back once.
    let text = unsafe { Rc::from_raw(raw) };
    assert_eq!(&*text, "text");

    let slice: Rc<[u16]> = Rc::from(vec![1, 2, 3]);
    let raw = Rc::into_raw(slice);
    // SAFETY: `raw` came from `Rc::into_raw`, alive, counted once.
    unsafe { Rc::increment_strong_count(raw) };
    // SAFETY: one of the two counts owned through `raw`.
    let slice = unsafe { Rc::from_raw(raw) };
    assert_eq!(counts(&slice), (2, 0));
    // SAFETY: the other one.
    unsafe { Rc::decrement_strong_count(raw) };
    assert_eq!(counts(&slice), (1, 0));
    assert_eq!(*slice, [1, 2, 3]);

    let witness = Witness::new();
    let shape: Rc<dyn Shape + '_> = Rc::from(Box::new(Square {
        side: 2,
        _probe: witness.spawn(Panic::Never),
    }) as Box<dyn Shape>);
    let raw = Rc::into_raw(shape);
    // SAFETY: `raw` came from `Rc::into_raw` and is alive.
    assert_eq!(unsafe { &*raw }.area(), 4);
    // SAFETY: the only count owned through `raw`: this drops the value.
    unsafe { Rc::decrement_strong_count(raw) };
    assert_eq!(witness.drops(), 1);
}

#[test]
fn weak_raw_round_trip() {
    // Sized, while the value lives and after it is gone.
    let rc = Rc::new(10);
    let raw = Weak::into_raw(Rc::downgrade(&rc));
    assert_eq!(raw, Rc::as_ptr(&rc));
    assert_eq!(Rc::weak_count(&rc), 1);
    // SAFETY: `raw` came from `Weak::into_raw` and is turned back once.
    let weak = unsafe { Weak::from_raw(raw) };
    assert_eq!(weak.upgrade().as_deref(), Some(&10));
    let raw = Weak::into_raw(weak);
    drop(rc);
    // SAFETY: as above; the value is gone, the block is not.
    let weak = unsafe { Weak::from_raw(raw) };
    assert!(weak.upgrade().is_none());
    assert_eq!(weak_counts(&weak), (0, 0));
    drop(weak);

    // Unsized, the value dropped before the round trip.
    let shape: Rc<dyn Shape> = Rc::from(Box::new(Aligned8(3)) as Box<dyn Shape>);
    let weak = Rc::downgrade(&shape);
    drop(shape);
    let raw = Weak::into_raw(weak);
    // SAFETY: `raw` came from `Weak::into_raw` and is turned back once.
    let weak = unsafe { Weak::from_raw(raw) };
    assert!(weak.upgrade().is_none());

    let text: Rc<str> = Rc::from("weak");
    let raw = Weak::into_raw(Rc::downgrade(&text));
    // SAFETY: as above.
    let weak = unsafe { Weak::from_raw(raw) };
    assert_eq!(weak.upgrade().as_deref(), Some("weak"));

    // The sentinel of `Weak::new` survives the round trip, as in std.
    let ours = Weak::into_raw(Weak::<u32>::new());
    let theirs = std_rc::Weak::into_raw(std_rc::Weak::<u32>::new());
    assert_eq!(ours.addr(), theirs.addr());
    // SAFETY: both came from `into_raw` and are turned back once.
    let ours = unsafe { Weak::from_raw(ours) };
    // SAFETY: as above.
    let theirs = unsafe { std_rc::Weak::from_raw(theirs) };
    assert_eq!(weak_counts(&ours), std_weak_counts(&theirs));
    assert!(ours.upgrade().is_none());
}

struct Aligned8(u64);

impl Shape for Aligned8 {
    fn area(&self) -> u32 {
        u32::try_from(self.0).unwrap()
    }
}

#[test]
fn weak_as_ptr_points_at_the_value() {
    let rc: Rc<[u8]> = Rc::from(&b"bytes"[..]);
    let weak = Rc::downgrade(&rc);
    assert_eq!(weak.as_ptr(), Rc::as_ptr(&rc));
    let std_rc = std_rc::Rc::new(1);
    let std_weak = std_rc::Rc::downgrade(&std_rc);
    assert_eq!(std_weak.as_ptr(), std_rc::Rc::as_ptr(&std_rc));
}

#[test]
fn formatting_hashing_and_ordering_match_std() {
    let values = [3, -1, 7, 0];
    let mut ours: Vec<Rc<i32>> = values.iter().copied().map(Rc::new).collect();
    let mut theirs: Vec<std_rc::Rc<i32>> = values.iter().copied().map(std_rc::Rc::new).collect();
    for (a, b) in ours.iter().zip(&theirs) {
        assert_eq!(a.to_string(), b.to_string());
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        assert_eq!(format!("{a:>5}"), format!("{b:>5}"));
        assert_eq!(hash_of(a), hash_of(b));
        for (c, d) in ours.iter().zip(&theirs) {
            assert_eq!(a == c, b == d);
            assert_eq!(a.partial_cmp(c), b.partial_cmp(d));
            assert_eq!(a.cmp(c), b.cmp(d));
        }
    }
    ours.sort();
    theirs.sort();
    let ours: Vec<i32> = ours.iter().map(|rc| **rc).collect();
    let theirs: Vec<i32> = theirs.iter().map(|rc| **rc).collect();
    assert_eq!(ours, theirs);

    let float = Rc::new(f64::NAN);
    let std_float = std_rc::Rc::new(f64::NAN);
    assert_eq!(float == float, std_float == std_float);
    assert_eq!(float.partial_cmp(&float), std_float.partial_cmp(&std_float));

    let rc = Rc::new(1);
    assert_eq!(format!("{rc:p}"), format!("{:p}", Rc::as_ptr(&rc)));
}

#[test]
fn borrow_as_ref_and_default() {
    use std::borrow::Borrow;
    use std::collections::HashSet;

    let set: HashSet<Rc<str>> = ["a", "b"].into_iter().map(Rc::from).collect();
    assert!(
        set.contains("a"),
        "Borrow<str> lets a set be queried by &str"
    );
    let rc = Rc::new(String::from("x"));
    let as_ref: &String = rc.as_ref();
    let borrowed: &String = rc.borrow();
    assert!(std::ptr::eq(as_ref, borrowed));

    assert_eq!(
        *Rc::<Vec<i32>>::default(),
        *std_rc::Rc::<Vec<i32>>::default()
    );
    assert_eq!(*Rc::from(4), 4);
}

#[test]
fn panicking_drop_still_frees_the_block() {
    let witness = Witness::new();
    let rc = Rc::new(witness.spawn(Panic::InDrop));
    let weak = Rc::downgrade(&rc);
    expect_panic(|| drop(rc));
    assert_eq!(witness.drops(), 1);
    // The value is gone even though its drop panicked.
    assert!(weak.upgrade().is_none());
    assert_eq!(weak_counts(&weak), (0, 0));
    drop(weak); // frees the block (Miri would see a leak otherwise)

    // Without a Weak, the block is freed during unwinding.
    let rc = Rc::new(witness.spawn(Panic::InDrop));
    expect_panic(|| drop(rc));
    assert_eq!(witness.drops(), 2);

    // The same through a `dyn` pointer from a std Box.
    let shape: Rc<dyn Shape + '_> = Rc::from(Box::new(Square {
        side: 1,
        _probe: witness.spawn(Panic::InDrop),
    }) as Box<dyn Shape>);
    let weak = Rc::downgrade(&shape);
    expect_panic(|| drop(shape));
    assert_eq!(witness.drops(), 3);
    assert_eq!(weak.strong_count(), 0);
}

#[test]
fn dropping_the_last_rc_in_a_loop() {
    // A short loop under Miri, a longer one natively: every block is freed.
    let rounds = if cfg!(miri) { 20 } else { 10_000 };
    let witness = Witness::new();
    let mut keep = Weak::new();
    for round in 0..rounds {
        let rc = Rc::new(witness.spawn(Panic::Never));
        if round % 2 == 0 {
            keep = Rc::downgrade(&rc);
        }
        let _clone = Rc::clone(&rc);
    }
    assert_eq!(witness.drops(), rounds);
    assert!(keep.upgrade().is_none());
}

#[test]
fn fmt_of_display_wrapper_is_transparent() {
    struct Shown;
    impl Display for Shown {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.pad("shown")
        }
    }
    assert_eq!(
        format!("{:*^9}", Rc::new(Shown)),
        format!("{:*^9}", std_rc::Rc::new(Shown))
    );
}

#[test]
fn new_cyclic_with_two_stored_weaks() {
    struct Twice {
        first: Weak<Twice>,
        second: Weak<Twice>,
    }
    struct StdTwice {
        first: std_rc::Weak<StdTwice>,
        second: std_rc::Weak<StdTwice>,
    }

    let ours = Rc::new_cyclic(|me| Twice {
        first: me.clone(),
        second: me.clone(),
    });
    let theirs = std_rc::Rc::new_cyclic(|me| StdTwice {
        first: me.clone(),
        second: me.clone(),
    });
    assert_eq!(counts(&ours), (1, 2));
    assert_eq!(counts(&ours), std_counts(&theirs));
    assert!(ours.first.ptr_eq(&ours.second));
    assert!(theirs.first.ptr_eq(&theirs.second));

    let kept = ours.first.clone();
    let std_kept = theirs.first.clone();
    drop(ours);
    drop(theirs);
    assert!(kept.upgrade().is_none());
    assert_eq!(weak_counts(&kept), std_weak_counts(&std_kept));
}

/// std's own `weak_may_dangle` test: `val` is mutably borrowed for the
/// lifetime in its own type, so the borrow lasts until `val` is dropped.
/// That compiles only if dropping a `Weak<&'a str>` needs nothing of `'a`,
/// which std says with `#[may_dangle]` and ownkit by having no `Drop` impl
/// generic over `T` on its `Weak`.
#[test]
fn weak_may_dangle_like_std() {
    fn hmm<'a>(val: &'a mut Weak<&'a str>) -> Weak<&'a str> {
        val.clone()
    }
    fn std_hmm<'a>(val: &'a mut std_rc::Weak<&'a str>) -> std_rc::Weak<&'a str> {
        val.clone()
    }

    let mut ours = Weak::new();
    hmm(&mut ours);
    let mut theirs = std_rc::Weak::new();
    std_hmm(&mut theirs);
}

/// A `Weak` dropped after the data its value borrows: `weak` is declared
/// first, so it is dropped last, after `rc` and after `text`.
#[test]
fn a_weak_is_dropped_after_what_its_value_borrows() {
    let (ours, theirs);
    {
        let text = String::from("borrowed");
        let rc = Rc::new(text.as_str());
        let std_rc = std_rc::Rc::new(text.as_str());
        ours = Rc::downgrade(&rc);
        theirs = std_rc::Rc::downgrade(&std_rc);
        assert_eq!(weak_counts(&ours), std_weak_counts(&theirs));
    } // `std_rc`, `rc`, then `text` are dropped; the Weaks keep their blocks
}

/// The same in a collection declared before the values it observes, the
/// usual shape of an observer list; the blocks are freed when the list
/// goes (Miri reports them otherwise).
#[test]
fn a_list_of_weaks_declared_before_what_they_observe() {
    let mut ours: Vec<Weak<&String>> = Vec::new();
    let mut theirs: Vec<std_rc::Weak<&String>> = Vec::new();
    let subjects = [String::from("a"), String::from("b")];
    let rcs: Vec<_> = subjects.iter().map(Rc::new).collect();
    let std_rcs: Vec<_> = subjects.iter().map(std_rc::Rc::new).collect();
    ours.extend(rcs.iter().map(Rc::downgrade));
    theirs.extend(std_rcs.iter().map(std_rc::Rc::downgrade));
    drop((rcs, std_rcs));
    assert!(ours.iter().all(|weak| weak.upgrade().is_none()));
    assert!(theirs.iter().all(|weak| weak.upgrade().is_none()));
    // `subjects` is dropped before `theirs` and `ours`.
}

#[test]
fn c_str_os_str_and_path_conversions_match_std() {
    use std::ffi::{CStr, CString, OsStr, OsString};
    use std::path::{Path, PathBuf};

    let ours: Rc<CStr> = Rc::from(c"nul-terminated");
    let theirs: std_rc::Rc<CStr> = std_rc::Rc::from(c"nul-terminated");
    assert_eq!(ours.to_bytes_with_nul(), theirs.to_bytes_with_nul());
    assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
    assert_eq!(counts(&ours), std_counts(&theirs));
    let ours: Rc<CStr> = Rc::from(CString::new("owned").unwrap());
    let theirs: std_rc::Rc<CStr> = std_rc::Rc::from(CString::new("owned").unwrap());
    assert_eq!(*ours, *theirs);
    let (ours, theirs): (Rc<CStr>, std_rc::Rc<CStr>) = (Rc::default(), Default::default());
    assert_eq!(ours.to_bytes_with_nul(), theirs.to_bytes_with_nul());

    let ours: Rc<OsStr> = Rc::from(OsStr::new("os"));
    let theirs: std_rc::Rc<OsStr> = std_rc::Rc::from(OsStr::new("os"));
    assert_eq!(*ours, *theirs);
    let ours: Rc<OsStr> = Rc::from(OsString::from("owned os"));
    let theirs: std_rc::Rc<OsStr> = std_rc::Rc::from(OsString::from("owned os"));
    assert_eq!(*ours, *theirs);

    let ours: Rc<Path> = Rc::from(Path::new("/a/b.txt"));
    let theirs: std_rc::Rc<Path> = std_rc::Rc::from(Path::new("/a/b.txt"));
    assert_eq!(*ours, *theirs);
    assert_eq!(ours.extension(), theirs.extension());
    let ours: Rc<Path> = Rc::from(PathBuf::from("c/d"));
    let theirs: std_rc::Rc<Path> = std_rc::Rc::from(PathBuf::from("c/d"));
    assert_eq!(*ours, *theirs);

    // Through a `Weak` and back, the block keeps its length.
    let weak = Rc::downgrade(&ours);
    drop(ours);
    assert!(weak.upgrade().is_none());
}

#[test]
fn try_from_a_slice_to_an_array_matches_std() {
    let ours: Rc<[String]> = Rc::from(vec![String::from("a"), String::from("b")]);
    let theirs: std_rc::Rc<[String]> = std_rc::Rc::from(vec![String::from("a"), String::from("b")]);
    let ours_weak = Rc::downgrade(&ours);
    let theirs_weak = std_rc::Rc::downgrade(&theirs);

    // The wrong length gives the same Rc back, counts untouched.
    let ours = <Rc<[String; 3]>>::try_from(ours).unwrap_err();
    let theirs = <std_rc::Rc<[String; 3]>>::try_from(theirs).unwrap_err();
    assert_eq!(counts(&ours), std_counts(&theirs));

    let address = Rc::as_ptr(&ours).cast::<String>();
    let ours: Rc<[String; 2]> = ours.try_into().unwrap();
    let theirs: std_rc::Rc<[String; 2]> = theirs.try_into().unwrap();
    assert_eq!(*ours, *theirs);
    assert_eq!(counts(&ours), std_counts(&theirs));
    assert_eq!(
        Rc::as_ptr(&ours).cast::<String>(),
        address,
        "the same allocation"
    );
    // The Weak to the slice sees the array's owner, and loses it with it.
    assert_eq!(ours_weak.upgrade().as_deref(), Some(&ours[..]));
    assert_eq!(
        weak_counts(&ours_weak),
        std_weak_counts(&theirs_weak),
        "one Rc, one Weak"
    );
    drop((ours, theirs));
    assert!(ours_weak.upgrade().is_none());
    assert!(theirs_weak.upgrade().is_none());

    let empty: Rc<[u8]> = Rc::default();
    let empty: Rc<[u8; 0]> = empty.try_into().unwrap();
    assert_eq!(*empty, [0_u8; 0]);
}

#[test]
fn make_mut_on_a_slice_follows_std_in_all_three_cases() {
    let witness = Witness::new();
    let probes = || vec![witness.spawn(Panic::Never), witness.spawn(Panic::Never)];

    // Unique: in place, nothing cloned.
    let mut ours: Rc<[i32]> = Rc::from([3, 1, 2]);
    let mut theirs: std_rc::Rc<[i32]> = std_rc::Rc::from([3, 1, 2]);
    let address = Rc::as_ptr(&ours);
    Rc::make_mut(&mut ours).sort();
    std_rc::Rc::make_mut(&mut theirs).sort();
    assert_eq!((&*ours, Rc::as_ptr(&ours)), (&*theirs, address));

    // Shared: the elements are cloned, the other Rc keeps the old ones.
    let mut ours: Rc<[Probe<'_>]> = Rc::from(probes());
    let other = Rc::clone(&ours);
    Rc::make_mut(&mut ours)[0] = witness.spawn(Panic::Never);
    let mut theirs: std_rc::Rc<[u8]> = std_rc::Rc::from(&[1, 2][..]);
    let theirs_other = std_rc::Rc::clone(&theirs);
    std_rc::Rc::make_mut(&mut theirs)[0] = 9;
    assert_eq!(witness.clones(), 2, "both elements cloned");
    assert_eq!(witness.drops(), 1, "the overwritten clone");
    assert!(!Rc::ptr_eq(&ours, &other));
    assert_eq!((counts(&ours), counts(&other)), ((1, 0), (1, 0)));
    assert_eq!(
        (std_counts(&theirs), std_counts(&theirs_other)),
        ((1, 0), (1, 0))
    );
    drop((ours, other));
    assert_eq!(witness.drops(), 5);

    // Only Weaks: the elements move to a new block, the Weaks let go.
    let mut ours: Rc<[Probe<'_>]> = Rc::from(probes());
    let ours_weak = Rc::downgrade(&ours);
    let mut theirs: std_rc::Rc<[u8]> = std_rc::Rc::from(&[1, 2][..]);
    let theirs_weak = std_rc::Rc::downgrade(&theirs);
    let old_address = Rc::as_ptr(&ours);
    Rc::make_mut(&mut ours).reverse();
    std_rc::Rc::make_mut(&mut theirs).reverse();
    assert_eq!(
        (witness.clones(), witness.drops()),
        (2, 5),
        "moved, not cloned"
    );
    assert_ne!(Rc::as_ptr(&ours), old_address);
    assert_eq!(counts(&ours), std_counts(&theirs));
    assert!(ours_weak.upgrade().is_none() && theirs_weak.upgrade().is_none());
    assert_eq!(weak_counts(&ours_weak), std_weak_counts(&theirs_weak));
    drop(ours_weak); // frees the old block, dropping nothing
    assert_eq!(witness.drops(), 5);
    drop(ours);
    assert_eq!(witness.drops(), 7);
}

#[test]
fn make_mut_on_a_slice_with_a_panicking_clone_changes_nothing() {
    let witness = Witness::new();
    let mut rc: Rc<[Probe<'_>]> = Rc::from(vec![
        witness.spawn(Panic::Never),
        witness.spawn(Panic::InClone),
        witness.spawn(Panic::Never),
    ]);
    let other = Rc::clone(&rc);
    let address = Rc::as_ptr(&rc);
    expect_panic(|| {
        Rc::make_mut(&mut rc);
    });
    // The first clone was dropped again, the block of clones freed.
    assert_eq!((witness.clones(), witness.drops()), (2, 1));
    assert!(Rc::ptr_eq(&rc, &other));
    assert_eq!((Rc::as_ptr(&rc), counts(&rc)), (address, (2, 0)));
    drop((rc, other));
    assert_eq!(witness.drops(), 4);
}

#[test]
fn make_mut_on_str_matches_std() {
    let mut ours: Rc<str> = Rc::from("case");
    let mut theirs: std_rc::Rc<str> = std_rc::Rc::from("case");
    let (ours_other, theirs_other) = (Rc::clone(&ours), std_rc::Rc::clone(&theirs));
    Rc::make_mut(&mut ours).make_ascii_uppercase();
    std_rc::Rc::make_mut(&mut theirs).make_ascii_uppercase();
    assert_eq!((&*ours, &*ours_other), (&*theirs, &*theirs_other));

    let weak = Rc::downgrade(&ours);
    Rc::make_mut(&mut ours).make_ascii_lowercase();
    assert!(weak.upgrade().is_none(), "moved away from the Weak");
    assert_eq!(&*ours, "case");
}

#[test]
fn make_mut_on_c_str_os_str_and_path_matches_std() {
    use std::ffi::{CStr, OsStr};
    use std::path::Path;

    let mut ours: Rc<CStr> = Rc::from(c"c");
    let mut theirs: std_rc::Rc<CStr> = std_rc::Rc::from(c"c");
    let (ours_weak, theirs_weak) = (Rc::downgrade(&ours), std_rc::Rc::downgrade(&theirs));
    assert_eq!(Rc::make_mut(&mut ours), std_rc::Rc::make_mut(&mut theirs));
    assert!(ours_weak.upgrade().is_none() && theirs_weak.upgrade().is_none());

    let mut ours: Rc<OsStr> = Rc::from(OsStr::new("Os"));
    let mut theirs: std_rc::Rc<OsStr> = std_rc::Rc::from(OsStr::new("Os"));
    let (ours_other, theirs_other) = (Rc::clone(&ours), std_rc::Rc::clone(&theirs));
    Rc::make_mut(&mut ours).make_ascii_lowercase();
    std_rc::Rc::make_mut(&mut theirs).make_ascii_lowercase();
    assert_eq!((&*ours, &*ours_other), (&*theirs, &*theirs_other));

    let mut ours: Rc<Path> = Rc::from(Path::new("p"));
    let mut theirs: std_rc::Rc<Path> = std_rc::Rc::from(Path::new("p"));
    assert_eq!(Rc::make_mut(&mut ours), std_rc::Rc::make_mut(&mut theirs));
}

#[test]
fn a_value_that_looks_at_itself_while_it_drops_sees_what_std_shows() {
    // While the last `Rc`'s value drops, its own `Weak` must not upgrade,
    // and the counts must read as std's do; afterwards the `Weak` it gave
    // away frees the block.
    /// Whether the value's own `Weak` upgraded, and its two counts.
    type Look = (bool, usize, usize);
    type Seen = std::rc::Rc<std::cell::Cell<Option<Look>>>;
    /// A value that, as it drops, looks at itself through its own `Weak`
    /// (captured by `look`, for either pointer) and keeps what it saw.
    struct Mirror {
        look: Box<dyn Fn() -> Look>,
        seen: Seen,
    }
    impl Drop for Mirror {
        fn drop(&mut self) {
            self.seen.set(Some((self.look)()));
        }
    }
    let (ours_seen, theirs_seen) = (Seen::default(), Seen::default());
    let ours = Rc::new_cyclic(|me: &Weak<Mirror>| {
        let me = me.clone();
        Mirror {
            look: Box::new(move || (me.upgrade().is_some(), me.strong_count(), me.weak_count())),
            seen: ours_seen.clone(),
        }
    });
    let theirs = std_rc::Rc::new_cyclic(|me: &std_rc::Weak<Mirror>| {
        let me = me.clone();
        Mirror {
            look: Box::new(move || (me.upgrade().is_some(), me.strong_count(), me.weak_count())),
            seen: theirs_seen.clone(),
        }
    });
    let (kept, std_kept) = (Rc::downgrade(&ours), std_rc::Rc::downgrade(&theirs));
    drop((ours, theirs));
    assert_eq!(ours_seen.get(), theirs_seen.get());
    assert_eq!(ours_seen.get(), Some((false, 0, 0)));
    assert_eq!(weak_counts(&kept), std_weak_counts(&std_kept));
    assert!(kept.upgrade().is_none());
}
