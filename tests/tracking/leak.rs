//! The leak check with the tracking allocator installed: it sees every
//! block of its thread, whatever type allocated it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hint::black_box;
use std::mem::ManuallyDrop;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::{Rc, Weak};
use std::sync::{Arc, Barrier};
use std::thread;

use ownkit::Walk;
use ownkit::graph::{LeakCheck, LeakReport};
use ownkit::trace::PointerKind;

use crate::ROUNDS;

/// A tree node of std's pointers: strong children, a weak or strong parent.
#[derive(Walk)]
struct TreeNode {
    name: String,
    children: Vec<Rc<RefCell<TreeNode>>>,
    parent: Option<Weak<RefCell<TreeNode>>>,
    strong_parent: Option<Rc<RefCell<TreeNode>>>,
}

fn tree_node(name: &str) -> Rc<RefCell<TreeNode>> {
    Rc::new(RefCell::new(TreeNode {
        name: name.to_owned(),
        children: Vec::new(),
        parent: None,
        strong_parent: None,
    }))
}

/// A root with two children that point back to it, weakly or strongly.
fn family(strong_back: bool) -> Rc<RefCell<TreeNode>> {
    let root = tree_node("root");
    for name in ["left", "right"] {
        let child = tree_node(name);
        if strong_back {
            child.borrow_mut().strong_parent = Some(root.clone());
        } else {
            child.borrow_mut().parent = Some(Rc::downgrade(&root));
        }
        root.borrow_mut().children.push(child);
    }
    root
}

/// Breaks the strong back links of a `family(true)`, so the test frees it.
fn break_family(root: &Rc<RefCell<TreeNode>>) {
    for child in &root.borrow().children {
        child.borrow_mut().strong_parent = None;
    }
}

/// The leaked blocks' paths, as the report names them.
fn leaked_paths(report: &LeakReport) -> Vec<Option<&str>> {
    report.leaked().iter().map(|block| block.path()).collect()
}

#[test]
fn a_std_rc_cycle_is_found_and_named() {
    let mut check = LeakCheck::start();
    let root = family(true);
    check.watch(&root);
    let handle = Rc::downgrade(&root);
    drop(root);
    let report = check.finish().unwrap_err();
    assert!(report.is_exact());
    assert!(report.unverified_cycles().is_empty());
    // Three Rc blocks, a String buffer each, and the root's Vec buffer.
    let rc_blocks: Vec<_> = report
        .leaked()
        .iter()
        .filter(|block| block.kind() == Some(PointerKind::StdRc))
        .collect();
    assert_eq!(rc_blocks.len(), 3, "{report}");
    assert_eq!(report.leaked().len(), 7, "{report}");
    assert!(
        leaked_paths(&report).contains(&Some("Rc<RefCell<TreeNode>>.*.children[0].*")),
        "{report}"
    );
    assert_eq!(report.cycles().len(), 2, "{report}");
    assert!(
        report.cycles()[0].contains("strong_parent"),
        "the cycle runs through the back link: {report}"
    );
    let text = report.to_string();
    assert!(text.starts_with("leak check: 7 blocks allocated in its scope were not freed\n"));
    assert!(text.contains("std Rc<RefCell<TreeNode>> block"), "{text}");
    assert!(text.contains("buffer of a String"), "{text}");
    break_family(&handle.upgrade().unwrap());
}

#[test]
fn a_std_rc_tree_with_weak_parents_passes() {
    let mut check = LeakCheck::start();
    let root = family(false);
    check.watch(&root);
    drop(root);
    assert_eq!(check.finish(), Ok(()));
}

#[test]
fn a_forgotten_vec_and_a_leaked_box_are_found() {
    let check = LeakCheck::start();
    let forgotten = ManuallyDrop::new(black_box(vec![1_u32, 2, 3]));
    let leaked = ManuallyDrop::new(black_box(Box::new([7_u8; 40])));
    let report = check.finish().unwrap_err();
    let sizes: Vec<usize> = report.leaked().iter().map(|block| block.size()).collect();
    assert_eq!(
        sizes,
        [12, 40],
        "in the order they were allocated: {report}"
    );
    assert!(report.leaked().iter().all(|block| block.kind().is_none()));
    assert!(
        report
            .leaked()
            .iter()
            .all(|block| block.type_name().is_none())
    );
    assert_eq!(report.leaked()[0].to_string(), "12-byte block");
    drop(ManuallyDrop::into_inner(forgotten));
    drop(ManuallyDrop::into_inner(leaked));
}

#[test]
fn a_leaked_box_and_buffer_are_named_by_the_watched_graph() {
    #[derive(Walk)]
    struct Holder {
        items: Vec<u64>,
    }
    let mut check = LeakCheck::start();
    let holder = Box::new(Holder {
        items: vec![1, 2, 3, 4],
    });
    check.watch(&holder);
    let holder = ManuallyDrop::new(holder);
    let report = check.finish().unwrap_err();
    assert_eq!(
        leaked_paths(&report),
        // The buffer first: the `vec!` is made before the box.
        [Some("Box<Holder>.*.items"), Some("Box<Holder>.*")],
        "{report}"
    );
    assert_eq!(
        report.leaked()[0].to_string(),
        "buffer of a Vec<u64>, 32 bytes, at Box<Holder>.*.items"
    );
    assert_eq!(
        report.leaked()[1].to_string(),
        "Box<Holder> block, 24 bytes, at Box<Holder>.*"
    );
    drop(ManuallyDrop::into_inner(holder));
}

#[test]
fn churn_without_a_leak_passes() {
    let check = LeakCheck::start();
    let mut kept: HashMap<usize, String> = HashMap::new();
    for round in 0..ROUNDS {
        let text = format!("value {round}");
        let boxed = Box::new(text.clone());
        let mut list = vec![round; round % 7];
        list.push(round);
        kept.insert(round % 13, *boxed);
        if round % 5 == 0 {
            kept.remove(&(round % 13));
        }
    }
    drop(kept);
    assert_eq!(check.finish(), Ok(()));
}

#[test]
fn a_vec_that_grows_is_one_block_at_its_final_size() {
    let check = LeakCheck::start();
    let mut grown = ManuallyDrop::new(black_box(Vec::<u64>::with_capacity(1)));
    for value in 0..100 {
        grown.push(value);
    }
    let final_bytes = grown.capacity() * size_of::<u64>();
    let report = check.finish().unwrap_err();
    assert_eq!(report.leaked().len(), 1, "{report}");
    assert_eq!(report.leaked()[0].size(), final_bytes);
    drop(ManuallyDrop::into_inner(grown));
}

#[test]
fn a_zeroed_block_is_tracked_like_any_other() {
    let check = LeakCheck::start();
    // `vec![0; n]` asks the allocator for zeroed memory.
    let zeroed = ManuallyDrop::new(black_box(vec![0_u8; 100]));
    let report = check.finish().unwrap_err();
    assert_eq!(report.leaked().len(), 1, "{report}");
    assert_eq!(report.leaked()[0].size(), 100);
    let zeroed = ManuallyDrop::into_inner(zeroed);
    assert!(zeroed.iter().all(|&byte| byte == 0));
}

#[test]
fn a_block_from_before_the_check_is_none_of_its_business() {
    let mut before = vec![1_u8];
    let check = LeakCheck::start();
    before.extend_from_slice(&[0; 100]); // grows, and moves, inside the check
    let kept_after = before;
    assert_eq!(check.finish(), Ok(()));
    assert_eq!(kept_after.len(), 101);
}

#[test]
fn a_block_freed_on_another_thread_is_struck_off() {
    let check = LeakCheck::start();
    let sent = vec![String::from("travels"), String::from("far")];
    thread::spawn(move || drop(sent)).join().unwrap();
    let shared = Arc::new(5_u64);
    let elsewhere = Arc::clone(&shared);
    drop(shared);
    thread::spawn(move || drop(elsewhere)).join().unwrap();
    assert_eq!(check.finish(), Ok(()));
}

#[test]
fn two_threads_checking_at_once_see_only_their_own() {
    let barrier = Arc::new(Barrier::new(2));
    let workers: Vec<_> = (0..2_usize)
        .map(|worker| {
            let barrier = Arc::clone(&barrier);
            thread::spawn(move || {
                let check = LeakCheck::start();
                barrier.wait();
                // Both allocate at once; only the second worker leaks.
                let mut kept = Vec::new();
                for round in 0..ROUNDS / 10 {
                    kept.push(format!("{worker}:{round}"));
                }
                let leaked = ManuallyDrop::new(black_box(vec![0_u8; 10 + worker]));
                if worker == 0 {
                    drop(ManuallyDrop::into_inner(leaked));
                    drop(kept);
                    barrier.wait();
                    (check.finish().map_err(|report| report.to_string()), None)
                } else {
                    drop(kept);
                    barrier.wait();
                    let result = check.finish().map_err(|report| report.to_string());
                    (result, Some(ManuallyDrop::into_inner(leaked)))
                }
            })
        })
        .collect();
    let results: Vec<_> = workers
        .into_iter()
        .map(|worker| worker.join().unwrap())
        .collect();
    assert_eq!(results[0].0, Ok(()));
    assert_eq!(
        results[1].0,
        Err(
            "leak check: 1 block allocated in its scope was not freed\n  11-byte block\n\
             a cycle keeps them alive, or they were forgotten (mem::forget, ManuallyDrop, into_raw): \
             call LeakCheck::watch on the value before dropping it to tell which\n"
                .to_owned()
        )
    );
}

#[test]
fn the_checks_own_bookkeeping_is_never_reported() {
    // Enough live blocks that the registry's table grows several times
    // while noting them, inside the allocator; and a watched graph and a
    // drop capture, whose buffers grow too.
    let mut check = LeakCheck::start();
    let many: Vec<Box<u32>> = (0..ROUNDS as u32).map(Box::new).collect();
    let root = family(false);
    check.watch(&root);
    check.watch(&many);
    let report = ownkit::trace::capture(|| drop(root));
    assert_eq!(report.lost_events(), 0);
    drop(report);
    drop(many);
    assert_eq!(check.finish(), Ok(()));
}

/// Unwinds from here, like a panic, without calling the panic hook: the
/// hook's message and backtrace fill caches that std keeps for the life of
/// the process, which the first panic in a checked scope would otherwise
/// report as leaked (the leak check's docs say so).
fn unwind_on_purpose() -> ! {
    std::panic::resume_unwind(Box::new("on purpose"))
}

#[test]
fn a_panic_inside_a_checked_scope_frees_what_it_unwinds() {
    let check = LeakCheck::start();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let _on_the_way = vec![String::from("unwound"); 3];
        let _tree = family(false);
        unwind_on_purpose();
    }));
    // The panic's payload is a block too, until it is dropped.
    assert!(outcome.is_err());
    drop(outcome);
    assert_eq!(check.finish(), Ok(()));

    // A check dropped while its scope unwinds ends quietly, and leaves no
    // entry behind for the next one.
    let outcome = catch_unwind(|| {
        let _check = LeakCheck::start();
        let _kept = Box::new([1_u8; 8]);
        unwind_on_purpose();
    });
    assert!(outcome.is_err());
    drop(outcome);
    assert_eq!(LeakCheck::start().finish(), Ok(()));
}

#[test]
fn ownkit_blocks_are_reported_once_with_their_type() {
    let check = LeakCheck::start();
    let kept = ownkit::Rc::new(9_u16);
    let report = check.finish().unwrap_err();
    assert_eq!(report.leaked().len(), 1, "{report}");
    assert_eq!(report.leaked()[0].kind(), Some(PointerKind::Rc));
    assert_eq!(report.leaked()[0].type_name(), Some("u16"));
    drop(kept);
}

#[test]
fn freeing_at_thread_exit_while_a_check_runs_is_safe() {
    thread_local! {
        static HELD: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    }
    let check = LeakCheck::start();
    // The worker's thread-local is dropped as the thread exits, with the
    // gate open: its buffers' releases must neither abort nor be lost.
    // The string is allocated here, under the check, and freed there.
    let sent = String::from("freed at exit");
    let worker = thread::spawn(move || HELD.with(|held| held.borrow_mut().push(sent)));
    worker.join().unwrap();
    assert_eq!(check.finish(), Ok(()));
}

/// A std `Arc` node behind a `Mutex`, for a cycle across threads' types.
#[derive(Walk)]
struct SharedNode {
    next: std::sync::Mutex<Option<Arc<SharedNode>>>,
}

#[test]
fn a_std_arc_cycle_is_found_and_named() {
    let mut check = LeakCheck::start();
    let node = Arc::new(SharedNode {
        next: std::sync::Mutex::new(None),
    });
    *node.next.lock().unwrap() = Some(Arc::clone(&node));
    check.watch(&node);
    let handle = Arc::downgrade(&node);
    drop(node);
    let report = check.finish().unwrap_err();
    assert_eq!(report.leaked().len(), 1, "{report}");
    assert_eq!(report.leaked()[0].kind(), Some(PointerKind::StdArc));
    assert_eq!(report.leaked()[0].path(), Some("Arc<SharedNode>.*"));
    assert_eq!(report.cycles().len(), 1, "{report}");
    assert!(report.cycles()[0].contains(".next"), "{report}");
    // Break the cycle, so that the test itself leaks nothing.
    let node = handle.upgrade().unwrap();
    node.next.lock().unwrap().take();
}
