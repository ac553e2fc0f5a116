//! Drop captures and leak checks at once, on one thread and on several:
//! both observe through one gate and one per-thread state, and neither may
//! lose or steal what the other, or another thread, sees.

use std::sync::Barrier;
use std::thread;

use ownkit::TraceDrop;
use ownkit::graph::LeakCheck;
use ownkit::trace::{DropReport, capture};
use ownkit::{Arc, Box, Rc};

#[derive(TraceDrop)]
struct Leaf(#[allow(dead_code, reason = "gives each leaf its own bytes")] u32);

#[derive(TraceDrop)]
struct Holder {
    boxed: Box<Leaf>,
    shared: Rc<Leaf>,
}

fn holder() -> Holder {
    Holder {
        boxed: Box::new(Leaf(1)),
        shared: Rc::new(Leaf(2)),
    }
}

/// What a capture of dropping a fresh `Holder` reports when nothing else
/// observes: the reference the runs below are compared with.
fn alone() -> String {
    let value = holder();
    capture(|| drop(value)).to_string()
}

const EXPECTED: &str = "\
Holder
├── boxed: Box<Leaf>
│   ├── *: Leaf
│   └── freed 4 bytes (align 4)
└── shared: Rc<Leaf>
    ├── *: Leaf
    └── freed 24 bytes (align 8)
";

#[test]
fn a_capture_inside_a_leak_check_sees_what_it_sees_alone() {
    assert_eq!(alone(), EXPECTED);
    let check = LeakCheck::start();
    let value = holder();
    let report = capture(|| drop(value));
    assert_eq!(report.to_string(), EXPECTED);
    assert!(report.anomalies().is_empty() && report.lost_events() == 0);
    // The Rc block was noted by the check and struck off by its free, which
    // the capture recorded too: both observers heard the one event.
    check.assert_no_leaks();
}

#[test]
fn a_leak_check_inside_a_capture_still_finds_its_leak() {
    let mut kept = None;
    let report = capture(|| {
        let check = LeakCheck::start();
        kept = Some(Arc::new(7_u64));
        let leaks = check.finish().unwrap_err();
        assert_eq!(leaks.leaked().len(), 1);
        assert_eq!(leaks.leaked()[0].type_name(), Some("u64"));
        drop(holder());
    });
    assert_eq!(report.to_string(), EXPECTED);
    drop(kept);
}

#[test]
fn captures_and_checks_on_several_threads_at_once_each_see_their_own() {
    let rounds = if cfg!(miri) { 2 } else { 50 };
    let barrier = Barrier::new(3);
    thread::scope(|scope| {
        // A capture alone on its thread.
        let capturing = scope.spawn(|| {
            let mut reports: Vec<DropReport> = Vec::new();
            for _ in 0..rounds {
                barrier.wait();
                let value = holder();
                reports.push(capture(|| drop(value)));
            }
            reports
        });
        // A leak check alone on its thread, leaking one block each round.
        let checking = scope.spawn(|| {
            let mut leaked = Vec::new();
            for _ in 0..rounds {
                barrier.wait();
                let check = LeakCheck::start();
                let kept = Rc::new(3_u8);
                drop(holder());
                leaked.push(check.finish().map_err(|report| report.leaked().len()));
                drop(kept);
            }
            leaked
        });
        // Both at once on a third thread.
        let both = scope.spawn(|| {
            let mut results = Vec::new();
            for _ in 0..rounds {
                barrier.wait();
                let check = LeakCheck::start();
                let value = holder();
                let report = capture(|| drop(value));
                results.push((report.to_string(), check.finish().is_ok()));
            }
            results
        });
        for report in capturing.join().unwrap() {
            assert_eq!(report.to_string(), EXPECTED);
            assert_eq!(report.lost_events(), 0);
        }
        for leaked in checking.join().unwrap() {
            assert_eq!(leaked, Err(1), "exactly its own leaked block");
        }
        for (report, clean) in both.join().unwrap() {
            assert_eq!(report, EXPECTED);
            assert!(clean, "the check on the capturing thread leaked nothing");
        }
    });
}
