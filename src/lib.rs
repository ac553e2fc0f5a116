//! Test support shared by the integration tests and the examples: values that
//! count their clones and drops, log the order they drop in, or panic on
//! purpose.
//!
//! These types use std's `Cell`/`RefCell`, never ownkit's, so that a bug in
//! the code under test cannot hide itself by breaking its own witness.

use std::cell::{Cell, RefCell};

/// When a [`Probe`] should panic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panic {
    /// Never: the probe only counts.
    Never,
    /// In `Clone::clone`, after counting the clone.
    InClone,
    /// In `Drop::drop`, after counting the drop.
    InDrop,
}

/// Counts the clones and drops of the [`Probe`]s it spawns.
///
/// ```
/// use ownkit_tests::{Panic, Witness};
/// let witness = Witness::new();
/// let probe = witness.spawn(Panic::Never);
/// drop(probe.clone());
/// drop(probe);
/// assert_eq!((witness.clones(), witness.drops()), (1, 2));
/// ```
#[derive(Debug, Default)]
pub struct Witness {
    clones: Cell<usize>,
    drops: Cell<usize>,
}

impl Witness {
    /// A witness that has seen nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// A new probe reporting to this witness.
    pub fn spawn(&self, panic: Panic) -> Probe<'_> {
        Probe {
            witness: self,
            panic,
        }
    }

    /// How many probes were cloned so far.
    pub fn clones(&self) -> usize {
        self.clones.get()
    }

    /// How many probes were dropped so far.
    pub fn drops(&self) -> usize {
        self.drops.get()
    }
}

/// A value that reports its clones and drops to a [`Witness`] and may panic
/// in either. A clone never panics in its own clone or drop: only the probe
/// spawned with [`Panic::InClone`] or [`Panic::InDrop`] does.
#[derive(Debug)]
pub struct Probe<'a> {
    witness: &'a Witness,
    panic: Panic,
}

impl Clone for Probe<'_> {
    fn clone(&self) -> Self {
        self.witness.clones.set(self.witness.clones.get() + 1);
        if self.panic == Panic::InClone {
            panic!("Probe::clone panicked on purpose");
        }
        self.witness.spawn(Panic::Never)
    }
}

impl Drop for Probe<'_> {
    fn drop(&mut self) {
        self.witness.drops.set(self.witness.drops.get() + 1);
        if self.panic == Panic::InDrop {
            panic!("Probe::drop panicked on purpose");
        }
    }
}

/// Records the order in which [`Named`] values are dropped.
///
/// ```
/// use ownkit_tests::DropLog;
/// let log = DropLog::new();
/// let a = log.named("a");
/// let b = log.named("b");
/// drop(b);
/// drop(a);
/// assert_eq!(log.order(), ["b", "a"]);
/// ```
#[derive(Debug, Default)]
pub struct DropLog {
    order: RefCell<Vec<&'static str>>,
}

impl DropLog {
    /// An empty log.
    pub fn new() -> Self {
        Self::default()
    }

    /// A value that writes `name` into this log when it is dropped.
    pub fn named(&self, name: &'static str) -> Named<'_> {
        Named { log: self, name }
    }

    /// The names dropped so far, in drop order.
    pub fn order(&self) -> Vec<&'static str> {
        self.order.borrow().clone()
    }
}

/// A value that writes its name into a [`DropLog`] when dropped.
#[derive(Debug)]
pub struct Named<'a> {
    log: &'a DropLog,
    name: &'static str,
}

impl Named<'_> {
    /// The name this value logs.
    pub fn name(&self) -> &'static str {
        self.name
    }
}

impl Drop for Named<'_> {
    fn drop(&mut self) {
        self.log.order.borrow_mut().push(self.name);
    }
}
