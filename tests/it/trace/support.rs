//! Traced types that log their own drops, and a capture that returns the log.

use ownkit::TraceDrop;
use ownkit::trace::{DropHook, DropReport, capture};
use std::cell::RefCell;

thread_local! {
    /// The names logged by drop hooks on this thread, in order.
    static LOG: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

/// Appends `name` to this thread's drop log.
pub(super) fn log(name: &'static str) {
    LOG.with(|log| log.borrow_mut().push(name));
}

/// Runs `f` inside a capture and returns the report and the names the drop
/// hooks logged meanwhile: the ground truth the report must match.
pub(super) fn traced(f: impl FnOnce()) -> (DropReport, Vec<&'static str>) {
    LOG.with(|log| log.borrow_mut().clear());
    let report = capture(f);
    let logged = LOG.with(|log| std::mem::take(&mut *log.borrow_mut()));
    (report, logged)
}

/// A traced leaf that logs its name when dropped.
#[derive(TraceDrop, Debug)]
#[ownkit(hook)]
pub(super) struct Leaf(pub &'static str);

impl DropHook for Leaf {
    fn drop_hook(&mut self) {
        log(self.0);
    }
}

/// A zero-sized traced value that logs its name.
#[derive(TraceDrop, Debug)]
#[ownkit(hook)]
pub(super) struct Marker<const NAME: char>;

impl<const NAME: char> DropHook for Marker<NAME> {
    fn drop_hook(&mut self) {
        log(match NAME {
            'x' => "x",
            'y' => "y",
            _ => "marker",
        });
    }
}

/// Two traced leaves.
#[derive(TraceDrop)]
pub(super) struct Pair {
    pub(super) left: Leaf,
    pub(super) right: Leaf,
}

/// A pair of leaves named `left` and `right`.
pub(super) fn pair(left: &'static str, right: &'static str) -> Pair {
    Pair {
        left: Leaf(left),
        right: Leaf(right),
    }
}

/// One of ownkit's boxes and one of std's vectors inside a struct.
#[derive(TraceDrop)]
pub(super) struct Outer {
    pub(super) a: Leaf,
    pub(super) b: ownkit::Box<Pair>,
    pub(super) v: Vec<Leaf>,
}
