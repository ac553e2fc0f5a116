//! What a capture takes in: its own thread's drops while its closure runs,
//! and nothing else; nested captures, a closure that panics, other threads
//! and thread exit.

use super::support::{Leaf, Outer, pair, traced};
use ownkit::trace::capture;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Barrier, Mutex, PoisonError};
use std::thread;

#[test]
fn nothing_is_recorded_outside_a_capture() {
    // Another thread captures meanwhile, so this thread's drops take their
    // recording path and must find that this thread is not capturing.
    let barrier = Barrier::new(2);
    let watched = thread::scope(|scope| {
        let watcher = scope.spawn(|| {
            capture(|| {
                barrier.wait();
                barrier.wait();
            })
        });
        barrier.wait();
        drop(Outer {
            a: Leaf("a"),
            b: ownkit::Box::new(pair("b.left", "b.right")),
            v: vec![Leaf("v0")],
        });
        barrier.wait();
        watcher.join().expect("the watcher does not panic")
    });
    assert!(watched.roots().is_empty(), "{watched}");
    assert_eq!(watched.event_count(), 0, "{watched}");

    let (report, logged) = traced(|| {});
    assert!(logged.is_empty(), "{logged:?}");
    assert!(report.roots().is_empty(), "{report}");
    assert_eq!(report.to_string(), "");
    assert_eq!(report.event_count(), 0);
}

#[test]
fn a_capture_whose_closure_panics_cleans_up() {
    let (outer, logged) = traced(|| {
        let result = catch_unwind(AssertUnwindSafe(|| {
            capture(|| {
                drop(pair("inner.left", "inner.right"));
                panic!("panicking inside the capture on purpose");
            })
        }));
        assert!(result.is_err());
        drop(Leaf("after"));
    });
    assert_eq!(logged, ["inner.left", "inner.right", "after"]);
    // The failed capture's drops are discarded, not handed to the capture
    // around it, which records again once the failed one is gone.
    outer.assert_paths(&["Leaf"]);
    assert!(outer.is_certain(), "{outer}");

    let result = catch_unwind(|| {
        capture(|| {
            drop(pair("left", "right"));
            panic!("panicking inside the capture on purpose");
        })
    });
    assert!(result.is_err());
    let (report, logged) = traced(|| drop(Leaf("next")));
    assert_eq!(logged, ["next"]);
    report.assert_paths(&["Leaf"]);
    assert!(report.is_certain(), "{report}");
}

#[test]
fn nested_captures_each_get_their_own_drops() {
    let mut inner = None;
    let (outer, logged) = traced(|| {
        drop(Leaf("before"));
        inner = Some(capture(|| drop(pair("inner.left", "inner.right"))));
        drop(Leaf("after"));
    });
    assert_eq!(logged, ["before", "inner.left", "inner.right", "after"]);
    outer.assert_paths(&["Leaf", "Leaf"]);
    assert!(outer.is_certain(), "{outer}");
    let inner = inner.expect("the inner capture ran");
    inner.assert_paths(&["Pair", "Pair.left", "Pair.right"]);
    assert!(inner.is_certain(), "{inner}");
}

#[test]
fn drops_on_other_threads_are_not_captured() {
    let value = pair("left", "right");
    let (report, logged) = traced(|| {
        thread::spawn(move || drop(value))
            .join()
            .expect("the thread does not panic");
    });
    // The hooks ran on the other thread, and logged there.
    assert!(logged.is_empty(), "{logged:?}");
    assert!(report.paths().is_empty(), "{report}");
    assert_eq!(report.event_count(), 0, "{report}");
}

/// Traced types without a drop hook: the hook log is a thread-local, which
/// may be gone already when these drop at thread exit.
mod quiet {
    use ownkit::TraceDrop;

    #[derive(TraceDrop)]
    pub(super) struct Leaf(pub(super) u32);

    #[derive(TraceDrop)]
    pub(super) struct Pair {
        pub(super) left: Leaf,
        pub(super) right: Leaf,
    }

    pub(super) fn pair(value: u32) -> Pair {
        Pair {
            left: Leaf(value),
            right: Leaf(value + 1),
        }
    }
}

thread_local! {
    static HELD: std::cell::RefCell<Option<quiet::Pair>> = const { std::cell::RefCell::new(None) };
    static REPORTER: Reporter = const { Reporter };
}

/// What the capture run at thread exit printed.
static FROM_THREAD_EXIT: Mutex<Option<String>> = Mutex::new(None);

/// Captures the drop of a traced value while its thread's locals are being
/// destroyed.
struct Reporter;

impl Drop for Reporter {
    fn drop(&mut self) {
        let report = capture(|| drop(quiet::pair(7)));
        *FROM_THREAD_EXIT
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(report.to_string());
    }
}

#[test]
fn a_thread_local_dropped_at_thread_exit_neither_panics_nor_aborts() {
    thread::spawn(|| {
        let report = capture(|| {
            HELD.with(|held| *held.borrow_mut() = Some(quiet::pair(1)));
        });
        assert!(report.paths().is_empty(), "{report}");
        // Left in the thread-local: dropped at thread exit, outside any
        // capture.
    })
    .join()
    .expect("thread exit does not panic");
    thread::spawn(|| {
        REPORTER.with(|_| {});
        HELD.with(|held| *held.borrow_mut() = Some(quiet::pair(3)));
    })
    .join()
    .expect("thread exit does not panic");
    let text = FROM_THREAD_EXIT
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take()
        .expect("the capture at thread exit ran");
    assert_eq!(text, "Pair\n├── left: Leaf\n└── right: Leaf\n");
}
