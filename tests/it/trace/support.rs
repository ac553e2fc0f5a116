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
