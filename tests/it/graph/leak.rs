//! The leak check: every `Rc` and `Arc` block allocated in a check's scope,
//! by every constructor, must be freed by its end; a cycle that keeps one
//! alive is named by its field paths, with the edge to make `Weak`.
//!
//! Every test that leaks on purpose breaks its cycle (or drops what it
//! kept) before it ends, so that Miri sees no leak.

use std::sync::Barrier;
use std::thread;

use ownkit::cell::RefCell;
use ownkit::graph::{Graph, LeakCheck, LeakReport};
use ownkit::rc::Weak;
use ownkit::trace::{PointerKind, Walk};
use ownkit::{Arc, Rc};

/// A node with a strong link forward and a strong or weak link back.
#[derive(Walk)]
struct Node {
    name: &'static str,
    next: Option<Rc<RefCell<Node>>>,
    back: Option<Rc<RefCell<Node>>>,
    back_weak: Option<Weak<RefCell<Node>>>,
}

fn node(name: &'static str) -> Rc<RefCell<Node>> {
    Rc::new(RefCell::new(Node {
        name,
        next: None,
        back: None,
        back_weak: None,
    }))
}

/// Two nodes: `first.next` is `second`, and `second` points back, strongly
/// or weakly.
fn pair(strong_back: bool) -> Rc<RefCell<Node>> {
    let first = node("first");
    let second = node("second");
    if strong_back {
        second.borrow_mut().back = Some(first.clone());
    } else {
        second.borrow_mut().back_weak = Some(Rc::downgrade(&first));
    }
    first.borrow_mut().next = Some(second);
    first
}

/// The types of the leaked blocks, as `Rc<T>`/`Arc<T>` with `T` in full.
fn leaked_types(report: &LeakReport) -> Vec<String> {
    report
        .leaked()
        .iter()
        .map(|block| {
            let pointer = match block.kind() {
                Some(PointerKind::Rc) => "Rc",
                Some(PointerKind::Arc) => "Arc",
                other => panic!("without the tracking allocator a leak check notes ownkit's Rc and Arc blocks only, not {other:?}"),
            };
            let value_type = block.type_name().expect("ownkit's pointers name the value type");
            format!("{pointer}<{value_type}>")
        })
        .collect()
}

#[test]
fn a_clean_scope_passes() {
    let check = LeakCheck::start();
    let first = pair(false);
    let list: Rc<[String]> = vec![String::from("a"), String::from("b")].into();
    let shared = Arc::new(5_u64);
    assert_eq!(
        first.borrow().next.as_ref().unwrap().borrow().name,
        "second"
    );
    drop((first, list, shared));
    assert_eq!(check.finish(), Ok(()));
}

#[test]
fn every_constructor_is_noted_and_every_free_struck_off() {
    let check = LeakCheck::start();
    let mut made_unique = Rc::new(vec![1_u8]);
    let keeps_old = made_unique.clone();
    Rc::make_mut(&mut made_unique).push(2); // copies into a new block
    let mut moved_away = Arc::new(3_u16);
    let weak_to_old = Arc::downgrade(&moved_away);
    *Arc::make_mut(&mut moved_away) += 1; // moves into a new block
    let kept = (
        Rc::new(1_u8),
        Rc::<u16>::new_cyclic(|_| 2),
        Rc::<str>::from("text"),
        Rc::<[u32]>::from(vec![1, 2]),
        Rc::<[u32]>::from([1, 2, 3]),
        Rc::<[u32]>::from(&[4_u32][..]),
        (0..2_u64).collect::<Rc<[u64]>>(),
        Rc::<[u8]>::from(std::boxed::Box::from(&[9_u8][..])),
        Arc::new(1_i8),
        Arc::<i16>::new_cyclic(|_| 2),
        Arc::<str>::from("text"),
        Arc::<[i32]>::from(vec![1, 2]),
        (0..2_i64).collect::<Arc<[i64]>>(),
    );
    let report = check.finish().unwrap_err();
    assert_eq!(
        leaked_types(&report),
        [
            "Rc<alloc::vec::Vec<u8>>",
            "Rc<alloc::vec::Vec<u8>>",
            "Arc<u16>",
            "Arc<u16>",
            "Rc<u8>",
            "Rc<u16>",
            "Rc<str>",
            "Rc<[u32]>",
            "Rc<[u32]>",
            "Rc<[u32]>",
            "Rc<[u64]>",
            "Rc<[u8]>",
            "Arc<i8>",
            "Arc<i16>",
            "Arc<str>",
            "Arc<[i32]>",
            "Arc<[i64]>",
        ]
    );
    // Sizes: two counts, then the value padded to the counts' alignment,
    // as std's `Rc` and `Arc` lay out their blocks.
    let word = size_of::<usize>();
    let sizes: Vec<usize> = report.leaked().iter().map(|block| block.size()).collect();
    assert_eq!(sizes[4], 2 * word + word); // Rc<u8>
    assert_eq!(sizes[6], 2 * word + 4_usize.next_multiple_of(word)); // Rc<str> "text"
    assert_eq!(sizes[8], 2 * word + 12_usize.next_multiple_of(word)); // Rc<[u32]> of 3

    // The old block of `moved_away` lives on through `weak_to_old` alone.
    assert!(weak_to_old.upgrade().is_none());
    drop((made_unique, keeps_old, moved_away, weak_to_old, kept));

    // The same constructors in a check that outlives them: nothing leaks.
    let check = LeakCheck::start();
    let mut made_unique = Rc::new(vec![1_u8]);
    let keeps_old = made_unique.clone();
    Rc::make_mut(&mut made_unique).push(2);
    drop((made_unique, keeps_old));
    drop(Rc::<[u32]>::from(vec![1, 2]));
    drop((0..2_i64).collect::<Arc<[i64]>>());
    assert_eq!(check.finish(), Ok(()));
}

#[test]
fn an_rc_cycle_fails_and_names_the_cycle_and_the_edge_to_make_weak() {
    let mut check = LeakCheck::start();
    let first = pair(true);
    check.watch(&first);
    // The oracle for the cycle's line: the graph's own analysis.
    let expected_cycle = {
        let graph = Graph::of(&first);
        let cycles = graph.cycles();
        assert_eq!(cycles.len(), 1, "{cycles:?}");
        cycles[0].to_string()
    };
    assert!(
        expected_cycle.starts_with("Rc<RefCell<Node>>.* → ")
            && expected_cycle.contains(" → Rc<RefCell<Node>>.*.next.* → ")
            && expected_cycle.ends_with(": make `Rc<RefCell<Node>>.*.next.*.back` a Weak"),
        "{expected_cycle}"
    );
    let handle = Rc::downgrade(&first);
    drop(first);
    let report = check.finish().unwrap_err();
    assert_eq!(
        leaked_types(&report),
        [
            "Rc<ownkit::cell::RefCell<it::graph::leak::Node>>",
            "Rc<ownkit::cell::RefCell<it::graph::leak::Node>>",
        ]
    );
    let paths: Vec<Option<&str>> = report.leaked().iter().map(|block| block.path()).collect();
    assert_eq!(
        paths,
        [
            Some("Rc<RefCell<Node>>.*"),
            Some("Rc<RefCell<Node>>.*.next.*")
        ]
    );
    assert_eq!(report.cycles(), std::slice::from_ref(&expected_cycle));
    // Two counts, then the value (whose size differs between debug and
    // release builds: a debug `RefCell` remembers where it was borrowed).
    let size = 2 * size_of::<usize>() + size_of::<RefCell<Node>>();
    assert_eq!(
        report.to_string(),
        format!(
            "leak check: 2 Rc/Arc blocks allocated in its scope were not freed \
             (without ownkit::alloc::Tracking installed, only ownkit's Rc and Arc blocks are seen)\n  \
             Rc<RefCell<Node>> block, {size} bytes, at Rc<RefCell<Node>>.*\n  \
             Rc<RefCell<Node>> block, {size} bytes, at Rc<RefCell<Node>>.*.next.*\n\
             kept alive by a cycle:\n  \
             {expected_cycle}\n"
        )
    );

    // The cycle is real: with every outside handle gone, it still upgrades.
    let first = handle
        .upgrade()
        .expect("the cycle keeps the first node alive");
    first.borrow().next.as_ref().unwrap().borrow_mut().back = None;
    drop(first);
    assert!(handle.upgrade().is_none(), "breaking the cycle frees it");
}

#[test]
fn assert_no_leaks_panics_with_the_report() {
    let mut check = LeakCheck::start();
    let first = pair(true);
    check.watch(&first);
    let handle = Rc::downgrade(&first);
    drop(first);
    let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check.assert_no_leaks()))
        .unwrap_err();
    let message = panic
        .downcast_ref::<String>()
        .expect("the report is the message");
    assert!(
        message.contains("make `Rc<RefCell<Node>>.*.next.*.back` a Weak"),
        "{message}"
    );
    let first = handle.upgrade().unwrap();
    first.borrow().next.as_ref().unwrap().borrow_mut().back = None;
}

#[test]
fn the_same_structure_with_a_weak_back_edge_passes() {
    let mut check = LeakCheck::start();
    let first = pair(false);
    check.watch(&first);
    let second = first.borrow().next.clone().unwrap();
    let back = second.borrow().back_weak.clone().unwrap();
    assert!(Rc::ptr_eq(&back.upgrade().unwrap(), &first));
    drop((first, second));
    assert!(back.upgrade().is_none());
    drop(back);
    assert_eq!(check.finish(), Ok(()));
}

#[test]
fn a_leak_off_any_cycle_is_reported_without_one() {
    let mut check = LeakCheck::start();
    let outlives = Rc::new(RefCell::new(7_u32));
    check.watch(&outlives);
    let report = check.finish().unwrap_err();
    assert_eq!(report.leaked().len(), 1);
    assert_eq!(report.leaked()[0].path(), Some("Rc<RefCell<u32>>.*"));
    assert_eq!(report.cycles(), [] as [String; 0]);
    assert!(
        report
            .to_string()
            .contains("no cycle of the watched values"),
        "{report}"
    );
    // `Debug`, which `unwrap` prints, is a short summary of the same.
    let block = report.leaked()[0].size();
    assert_eq!(
        format!("{report:?}"),
        format!(
            "LeakReport {{ leaked: 1 block, {block} bytes, blocks: [\"Rc<RefCell<u32>> block, \
             {block} bytes, at Rc<RefCell<u32>>.*\"], cycles: [], exact: false }}"
        )
    );
    drop(outlives);
}

#[test]
fn an_arc_dropped_on_another_thread_counts_as_freed() {
    let check = LeakCheck::start();
    let shared = Arc::new(vec![1_u32, 2, 3]);
    let elsewhere = shared.clone();
    drop(shared); // the other thread's clone is the last
    let sum = thread::spawn(move || elsewhere.iter().sum::<u32>())
        .join()
        .unwrap();
    assert_eq!(sum, 6);
    assert_eq!(check.finish(), Ok(()));
}

#[test]
fn checks_on_two_threads_at_once_see_only_their_own_allocations() {
    let both_started = Barrier::new(2);
    let both_allocated = Barrier::new(2);
    let both_finished = Barrier::new(2);
    let run = |value: u64| {
        let check = LeakCheck::start();
        both_started.wait();
        let kept = Arc::new(value);
        let freed = Rc::new(value);
        drop(freed);
        both_allocated.wait();
        let report = check.finish().unwrap_err();
        both_finished.wait();
        // Dropped after both checks ended: neither may have counted it.
        (report, kept)
    };
    let (left, right) = thread::scope(|scope| {
        let left = scope.spawn(|| run(1));
        let right = scope.spawn(|| run(2));
        (left.join().unwrap(), right.join().unwrap())
    });
    for ((report, kept), value) in [(left, 1), (right, 2)] {
        assert_eq!(leaked_types(&report), ["Arc<u64>"]);
        assert_eq!(*kept, value);
    }
}

#[test]
fn a_nested_check_reports_its_own_scope_and_hands_survivors_outward() {
    let outer = LeakCheck::start();
    let before_inner = Rc::new(1_u8);
    let inner = LeakCheck::start();
    let from_inner = Rc::new(2_u16);
    drop(before_inner); // the outer check's block, freed during the inner one
    let report = inner.finish().unwrap_err();
    assert_eq!(leaked_types(&report), ["Rc<u16>"]);
    // Still in the outer scope: alive at its end, it leaks there too.
    let report = outer.finish().unwrap_err();
    assert_eq!(leaked_types(&report), ["Rc<u16>"]);
    drop(from_inner);

    // Freed before the outer check ends: the outer check passes.
    let outer = LeakCheck::start();
    let inner = LeakCheck::start();
    let from_inner = Arc::new(3_u32);
    assert!(inner.finish().is_err());
    drop(from_inner);
    assert_eq!(outer.finish(), Ok(()));
}

#[test]
fn blocks_allocated_before_the_check_are_ignored() {
    let older = Rc::new(String::from("older"));
    let older_shared = Arc::new(1_u8);
    let check = LeakCheck::start();
    drop(older);
    drop(older_shared);
    assert_eq!(check.finish(), Ok(()));

    // And one that is still alive at the end is not the check's either.
    let outlives = Rc::new(2_u8);
    let check = LeakCheck::start();
    assert_eq!(check.finish(), Ok(()));
    drop(outlives);
}

#[test]
fn a_panicking_test_abandons_its_check_cleanly() {
    let outcome = std::panic::catch_unwind(|| {
        let _check = LeakCheck::start();
        let _kept = Rc::new(1_u8);
        panic!("a failing test body");
    });
    assert!(outcome.is_err());
    // The abandoned check is gone: a new one on this thread starts clean.
    let check = LeakCheck::start();
    assert_eq!(check.finish(), Ok(()));
}

#[test]
fn a_weak_that_outlives_the_scope_keeps_its_block_and_is_reported() {
    let check = LeakCheck::start();
    let value = Rc::new(String::from("dropped"));
    let outlives = Rc::downgrade(&value);
    drop(value);
    assert!(outlives.upgrade().is_none(), "the value itself is gone");
    let report = check.finish().unwrap_err();
    assert_eq!(leaked_types(&report), ["Rc<alloc::string::String>"]);
    drop(outlives);
}

#[test]
fn a_block_freed_by_a_thread_local_destructor_at_thread_exit_counts_as_freed() {
    thread_local! {
        static HELD: std::cell::RefCell<Option<Arc<u32>>> = const { std::cell::RefCell::new(None) };
    }
    let check = LeakCheck::start();
    let shared = Arc::new(11_u32);
    let handed_over = shared.clone();
    thread::spawn(move || HELD.with(|held| *held.borrow_mut() = Some(handed_over)))
        .join()
        .unwrap();
    // The thread's destructors ran before `join` returned, dropping its
    // clone; ours is the last.
    assert_eq!(Arc::strong_count(&shared), 1);
    drop(shared);
    assert_eq!(check.finish(), Ok(()));

    let check = LeakCheck::start();
    let shared = Arc::new(12_u32);
    let handed_over = shared.clone();
    drop(shared);
    // Now the thread-local holds the last one: freed at thread exit.
    thread::spawn(move || HELD.with(|held| *held.borrow_mut() = Some(handed_over)))
        .join()
        .unwrap();
    assert_eq!(check.finish(), Ok(()));
}

/// A node of std's pointers, which a leak check cannot see freed without
/// the tracking allocator (this binary does not install it; the `tracking`
/// test binary does).
#[derive(Walk)]
struct StdNode {
    next: Option<std::rc::Rc<std::cell::RefCell<StdNode>>>,
    parent: Option<std::rc::Weak<std::cell::RefCell<StdNode>>>,
}

#[test]
fn without_the_tracking_allocator_a_std_cycle_is_never_vouched_for() {
    let mut check = LeakCheck::start();
    let node = std::rc::Rc::new(std::cell::RefCell::new(StdNode {
        next: None,
        parent: None,
    }));
    node.borrow_mut().next = Some(node.clone());
    check.watch(&node);
    let handle = std::rc::Rc::downgrade(&node);
    drop(node);
    let report = check.finish().unwrap_err();
    assert!(!report.is_exact());
    assert!(report.leaked().is_empty());
    assert_eq!(
        report.unverified_cycles(),
        [
            "Rc<RefCell<StdNode>>.* → Rc<RefCell<StdNode>>.*: make `Rc<RefCell<StdNode>>.*.next` a Weak"
        ]
    );
    assert_eq!(
        report.to_string(),
        "leak check: cannot vouch for std's Rc/Arc on a strong cycle of a watched value, \
         since it cannot see their blocks freed:\n  \
         Rc<RefCell<StdNode>>.* → Rc<RefCell<StdNode>>.*: make `Rc<RefCell<StdNode>>.*.next` a Weak\n\
         install ownkit::alloc::Tracking as the global allocator to make the check exact\n"
    );
    handle.upgrade().unwrap().borrow_mut().next = None;
}

#[test]
fn without_the_tracking_allocator_a_std_tree_with_weak_parents_passes() {
    let mut check = LeakCheck::start();
    let root = std::rc::Rc::new(std::cell::RefCell::new(StdNode {
        next: None,
        parent: None,
    }));
    let child = std::rc::Rc::new(std::cell::RefCell::new(StdNode {
        next: None,
        parent: Some(std::rc::Rc::downgrade(&root)),
    }));
    root.borrow_mut().next = Some(child);
    check.watch(&root);
    drop(root);
    assert_eq!(check.finish(), Ok(()));
}
