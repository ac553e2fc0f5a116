//! loom models of ownkit's `Arc` and `Weak`.
//!
//! Built only under `RUSTFLAGS="--cfg loom"`, which also swaps ownkit's
//! atomics for loom's; `.ci/run` runs them in release mode:
//!
//! ```text
//! RUSTFLAGS="--cfg loom" cargo test --release --test loom --target-dir target/loom
//! ```
//!
//! Each model is a small program in which two threads share one
//! [`Payload`]. loom runs it under every interleaving of the two threads,
//! and every value each atomic load may read under the memory model, within
//! its bounds (`LOOM_MAX_PREEMPTIONS`, if set, caps how often a thread is
//! switched out where it could have gone on). In every one of those runs the
//! model checks three things:
//!
//! - its own assertions: which value a thread saw, which thread won;
//! - the payload's cell. Reads go through loom's `UnsafeCell::with`, writes
//!   (through `get_mut` or `make_mut`, and the payload's own drop) through
//!   `with_mut`, so loom reports a causality violation whenever a write is
//!   not ordered after another thread's read. Ordering exactly that is what
//!   most orderings in `Arc` are for;
//! - the [`ledger`]: every payload made is dropped exactly once and every
//!   block holding one is freed exactly once, by the time the model ends.
//!
//! [`check`] also records which outcome each run reached and fails unless
//! every outcome the model names was reached: a race that loom never
//! actually ran would pass without testing anything.
//!
//! Each model's module docs name the orderings it pins: the ones that, made
//! weaker, make the model fail.
#![cfg(loom)]
#![allow(
    unsafe_code,
    reason = "the shared payload's `Sync` impl and cell accesses, a write through a shared \
              reference in the get_mut model, and the ledger's counting allocator"
)]

use std::collections::BTreeSet;
use std::sync::Mutex;

use loom::cell::UnsafeCell;
use loom::thread;
use ownkit::sync::{Arc, Weak};

/// The value every model shares: a number in a loom-checked cell.
///
/// The unusual alignment marks the `Arc` blocks that hold a payload, so that
/// the [`ledger`]'s allocator can count them; the number is what the models
/// read and write.
#[repr(align(512))]
struct Payload {
    // Shared access only reads; writes need `&mut self` (or the caller's
    // promise in `set_through_shared`).
    number: UnsafeCell<usize>,
}

/// What a payload's number reads after its drop: seeing it means a thread
/// read a dropped value.
const DROPPED: usize = usize::MAX;

const _: () = assert!(align_of::<Payload>() == ledger::BLOCK_ALIGN);

impl Payload {
    fn new(number: usize) -> Self {
        ledger::payload_made();
        Payload {
            number: UnsafeCell::new(number),
        }
    }

    /// Reads the number; loom checks that no write races it.
    fn get(&self) -> usize {
        // SAFETY: the cell is written only through `&mut Payload` (`set`,
        // drop) and by `set_through_shared`, whose caller rules out other
        // accesses; so a `&Payload` meets no concurrent write unless `Arc`
        // handed out `&mut` or dropped too early, which is what loom checks.
        self.number.with(|number| unsafe { *number })
    }

    /// Writes the number; loom checks that it is ordered after every read.
    fn set(&mut self, number: usize) {
        // SAFETY: `&mut self` excludes every other access through Rust's
        // borrow rules; loom checks that `Arc` kept them.
        self.number.with_mut(|slot| unsafe { *slot = number });
    }

    /// Writes the number through a shared reference.
    ///
    /// # Safety
    ///
    /// No other thread may access the number until that access is ordered
    /// after this write (loom reports it if one is not).
    unsafe fn set_through_shared(&self, number: usize) {
        // SAFETY: no other access overlaps this write (caller).
        self.number.with_mut(|slot| unsafe { *slot = number });
    }
}

impl Clone for Payload {
    fn clone(&self) -> Self {
        Payload::new(self.get())
    }
}

impl Drop for Payload {
    /// A write, so that loom checks the drop is ordered after every read on
    /// every other thread: the final drop's Release/Acquire chain.
    fn drop(&mut self) {
        self.set(DROPPED);
        ledger::payload_dropped();
    }
}

// SAFETY: through `&Payload` the number is only read (`get`), as a
// `&usize` would be, except by `set_through_shared`, whose caller takes over
// the obligation; writes otherwise need `&mut Payload`. So sharing is sound
// as long as `Arc` orders every `&mut` and every drop after the other
// threads' reads, which is the claim these models check.
unsafe impl Sync for Payload {}

/// Runs `model` under loom, checks the ledger after every run, and checks
/// that the runs together reached every one of `outcomes` and no other.
///
/// `model` returns the name of the outcome its run reached.
fn check(outcomes: &[&'static str], model: impl Fn() -> &'static str + Send + Sync + 'static) {
    let reached = std::sync::Arc::new(Mutex::new(BTreeSet::new()));
    let recorder = std::sync::Arc::clone(&reached);
    loom::model(move || {
        ledger::start();
        let outcome = model();
        ledger::assert_balanced();
        recorder.lock().unwrap().insert(outcome);
    });
    let reached = reached.lock().unwrap();
    let expected: BTreeSet<&str> = outcomes.iter().copied().collect();
    assert_eq!(*reached, expected, "outcomes reached over all runs");
}

/// Two threads clone and drop their `Arc`s of one value; whichever lets go
/// last drops it, exactly once, after both have read it.
///
/// Pins the final drop's Release/Acquire chain: fails if the decrement in
/// `Arc`'s drop is `Relaxed`, or if the `Acquire` fence after it goes (the
/// other thread's read is then not ordered before the value's drop).
mod clone_and_drop {
    use super::*;

    #[test]
    fn value_dropped_once_after_both_threads_read_it() {
        check(&["main dropped it", "thread dropped it"], || {
            let main_thread = thread::current().id();
            let ours = Arc::new(Payload::new(7));
            let theirs = Arc::clone(&ours);
            let thread = thread::spawn(move || {
                let again = Arc::clone(&theirs);
                drop(theirs);
                assert_eq!(again.get(), 7);
            });
            assert_eq!(ours.get(), 7);
            drop(ours);
            thread.join().unwrap();
            if ledger::last_dropped_by() == Some(main_thread) {
                "main dropped it"
            } else {
                "thread dropped it"
            }
        });
    }
}

/// Three owners on three threads: the last decrement reads a chain of two
/// earlier ones, and must still be ordered after both threads' reads.
///
/// Pins the same chain as [`clone_and_drop`], through a release sequence:
/// the middle decrement is a read-modify-write, so the first thread's
/// Release still reaches the last owner's Acquire fence through it.
mod three_owners {
    use super::*;

    #[test]
    fn value_dropped_once_after_every_thread_read_it() {
        check(&["main dropped it", "a thread dropped it"], || {
            let main_thread = thread::current().id();
            let ours = Arc::new(Payload::new(7));
            let threads: Vec<_> = (0..2)
                .map(|_| {
                    let theirs = Arc::clone(&ours);
                    thread::spawn(move || assert_eq!(theirs.get(), 7))
                })
                .collect();
            assert_eq!(ours.get(), 7);
            drop(ours);
            for thread in threads {
                thread.join().unwrap();
            }
            if ledger::last_dropped_by() == Some(main_thread) {
                "main dropped it"
            } else {
                "a thread dropped it"
            }
        });
    }
}

/// The last `Arc` is dropped while another thread upgrades a `Weak`. The
/// upgrade yields the live value or `None`; the value is dropped once, and
/// the block freed once, by whichever pointer goes last.
///
/// Pins `upgrade`'s refusal to take strong from 0 to 1 (an upgrade that did
/// would read a dropped value and drop it twice) and the final drop's
/// `Acquire` fence (when the upgraded `Arc` is dropped first, its read must
/// be ordered before the value's drop on the other thread). When the `Weak`
/// goes last, it frees the block on its own thread with the layout the
/// other thread left in the dead strong count; the ledger counts that free
/// only if the layout is the block's, and the fence in the `Weak`'s drop is
/// what makes the dead count visible there.
mod last_drop_races_upgrade {
    use super::*;

    #[test]
    fn upgrade_yields_the_live_value_or_none() {
        check(&["upgraded", "too late"], || {
            let strong = Arc::new(Payload::new(7));
            let weak = Arc::downgrade(&strong);
            let thread = thread::spawn(move || match weak.upgrade() {
                Some(alive) => {
                    assert_eq!(alive.get(), 7, "upgrade returned a dropped value");
                    "upgraded"
                }
                None => {
                    assert_eq!(weak.strong_count(), 0);
                    "too late"
                }
            });
            assert_eq!(strong.get(), 7);
            drop(strong);
            thread.join().unwrap()
        });
    }
}

/// `get_mut` on one thread while the other downgrades its own `Arc`, drops
/// it, upgrades the `Weak` and reads. A `get_mut` that succeeds must exclude
/// every live `Arc` and `Weak` elsewhere, and be ordered after their reads.
///
/// Pins the weak lock: without it, `get_mut` could read weak == 1 before the
/// downgrade and strong == 1 after the drop, and then write while the
/// upgraded `Arc` reads. Also pins the `Acquire` of the lock's
/// compare-exchange and the `Release` decrement in `Weak`'s drop, which
/// together order everything the other thread did through its `Weak`
/// before our write. (The `Acquire` of the strong load is pinned by
/// [`get_mut_after_writer_drops`].)
mod get_mut_races_upgrade {
    use super::*;

    #[test]
    fn get_mut_excludes_a_live_upgraded_arc() {
        check(&["get_mut won", "get_mut refused"], || {
            let mut ours = Arc::new(Payload::new(7));
            let theirs = Arc::clone(&ours);
            let thread = thread::spawn(move || {
                assert_eq!(theirs.get(), 7);
                let weak = Arc::downgrade(&theirs);
                drop(theirs);
                if let Some(upgraded) = weak.upgrade() {
                    assert_eq!(upgraded.get(), 7, "read a value that get_mut changed");
                }
            });
            let outcome = match Arc::get_mut(&mut ours) {
                Some(payload) => {
                    payload.set(8);
                    "get_mut won"
                }
                None => "get_mut refused",
            };
            thread.join().unwrap();
            outcome
        });
    }
}

/// `make_mut` while another thread holds a `Weak` and upgrades it. The
/// upgraded `Arc` reads the old value, never the mutation: either the
/// upgrade came first and `make_mut` cloned, or `make_mut` moved the value
/// to a new block and the `Weak` stopped upgrading.
///
/// Pins the `Acquire` of `make_mut`'s compare-exchange (a dropped upgraded
/// `Arc`'s read must be ordered before the move and the write) and the rule
/// that `make_mut` disconnects remaining `Weak`s.
mod make_mut_with_weak {
    use super::*;

    #[test]
    fn weak_never_sees_the_mutation() {
        check(&["cloned", "moved out", "unique"], || {
            let mut ours = Arc::new(Payload::new(7));
            let weak = Arc::downgrade(&ours);
            let thread = thread::spawn(move || {
                if let Some(upgraded) = weak.upgrade() {
                    assert_eq!(upgraded.get(), 7, "a Weak saw make_mut's write");
                }
            });
            let block_before = Arc::as_ptr(&ours);
            Arc::make_mut(&mut ours).set(8);
            assert_eq!(ours.get(), 8);
            let moved = Arc::as_ptr(&ours) != block_before;
            thread.join().unwrap();
            match (moved, ledger::payloads_made()) {
                (true, 2) => "cloned",
                (true, 1) => "moved out",
                (false, 1) => "unique",
                other => panic!("make_mut: (moved, payloads made) = {other:?}"),
            }
        });
    }
}

/// `into_inner` on the last two `Arc`s, one per thread: exactly one gets the
/// value, after the other's read.
///
/// Pins `into_inner`'s Release decrement and the `Acquire` fence after it
/// (the loser's read must be ordered before the winner takes the value out
/// and drops it).
mod into_inner_from_two_threads {
    use super::*;

    #[test]
    fn exactly_one_thread_gets_the_value() {
        check(&["main won", "thread won"], || {
            let ours = Arc::new(Payload::new(7));
            let theirs = Arc::clone(&ours);
            let thread = thread::spawn(move || {
                assert_eq!(theirs.get(), 7);
                Arc::into_inner(theirs).map(|payload| payload.get())
            });
            assert_eq!(ours.get(), 7);
            let mine = Arc::into_inner(ours).map(|payload| payload.get());
            match (mine, thread.join().unwrap()) {
                (Some(7), None) => "main won",
                (None, Some(7)) => "thread won",
                other => panic!("expected exactly one winner with 7, got {other:?}"),
            }
        });
    }
}

/// `try_unwrap` on one thread while the other reads and drops its `Arc`.
/// When `try_unwrap` succeeds, the value it moves out (and then drops) must
/// be ordered after the other thread's read.
///
/// Pins the `Acquire` fence after `try_unwrap`'s compare-exchange, which
/// is itself `Relaxed`.
mod try_unwrap_races_drop {
    use super::*;

    #[test]
    fn unwrapped_value_is_ordered_after_the_other_read() {
        check(&["unwrapped", "still shared"], || {
            let ours = Arc::new(Payload::new(7));
            let theirs = Arc::clone(&ours);
            let thread = thread::spawn(move || assert_eq!(theirs.get(), 7));
            let outcome = match Arc::try_unwrap(ours) {
                Ok(mut payload) => {
                    payload.set(8);
                    "unwrapped"
                }
                Err(still_shared) => {
                    assert_eq!(still_shared.get(), 7);
                    "still shared"
                }
            };
            thread.join().unwrap();
            outcome
        });
    }
}

/// The shape of CVE-2018-25008 (std's `Arc::get_mut` before Rust 1.29): one
/// thread writes into the shared value, then drops its `Arc`; the other
/// spins on `get_mut` and, once it succeeds, reads. It must see the write.
///
/// Pins the `Acquire` of the strong load in `is_unique`: with `Relaxed`
/// there (std's bug), `get_mut` can see strong == 1 without the writer's
/// write being ordered before the read, and loom reports the race.
mod get_mut_after_writer_drops {
    use super::*;

    #[test]
    fn reader_sees_the_write() {
        check(&["first try", "after spinning"], || {
            let mut reader = Arc::new(Payload::new(0));
            let writer = Arc::clone(&reader);
            let thread = thread::spawn(move || {
                // SAFETY: the main thread touches the number only through
                // `get_mut`, which succeeds only after `writer` is dropped
                // below; loom checks that this orders the accesses.
                unsafe { writer.set_through_shared(42) };
                drop(writer);
            });
            let mut spun = false;
            let seen = loop {
                if let Some(payload) = Arc::get_mut(&mut reader) {
                    break payload.get();
                }
                spun = true;
                thread::yield_now();
            };
            assert_eq!(seen, 42, "get_mut succeeded without seeing the write");
            thread.join().unwrap();
            if spun { "after spinning" } else { "first try" }
        });
    }
}

/// `new_cyclic` hands its `Weak` to another thread before the value exists.
/// The other thread's upgrade fails until the value is written, and when it
/// succeeds it reads the written value.
///
/// Pins the `Release` of the strong increment in `new_cyclic` and the
/// `Acquire` of `upgrade`'s compare-exchange: without either, an upgrade
/// can see strong == 1 and read the value before its write is ordered
/// before that read.
mod new_cyclic_weak_on_another_thread {
    use super::*;

    #[test]
    fn upgrade_sees_the_value_or_nothing() {
        check(&["upgraded", "too early"], || {
            let mut thread = None;
            let arc = Arc::new_cyclic(|weak: &Weak<Payload>| {
                let weak = weak.clone();
                thread = Some(thread::spawn(move || match weak.upgrade() {
                    Some(alive) => {
                        assert_eq!(alive.get(), 7, "upgrade read an unwritten value");
                        "upgraded"
                    }
                    None => "too early",
                }));
                Payload::new(7)
            });
            assert_eq!(arc.get(), 7);
            let outcome = thread.unwrap().join().unwrap();
            drop(arc);
            outcome
        });
    }
}

/// Counts payloads and their blocks, per test thread.
///
/// loom runs every thread of a model on the one OS thread that called
/// `loom::model`, switching between them itself, so thread-locals of that
/// OS thread see the whole model and add no interleavings of their own.
/// Tests running in parallel each have their own.
mod ledger {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    use loom::thread::ThreadId;

    /// The alignment of [`Payload`](super::Payload), and so of every `Arc`
    /// block holding one. Nothing else in this binary asks for it, which is
    /// how the allocator tells those blocks apart.
    pub(super) const BLOCK_ALIGN: usize = 512;

    thread_local! {
        // `const` and destructor-free: the allocator reads them, so they
        // must not allocate and must stay usable while a thread exits.
        static PAYLOADS_MADE: Cell<usize> = const { Cell::new(0) };
        static PAYLOADS_DROPPED: Cell<usize> = const { Cell::new(0) };
        static BLOCKS_LIVE: Cell<isize> = const { Cell::new(0) };
        static LAST_DROPPED_BY: Cell<Option<ThreadId>> = const { Cell::new(None) };
    }

    /// Zeroes the counts, at the start of each run of a model.
    pub(super) fn start() {
        PAYLOADS_MADE.set(0);
        PAYLOADS_DROPPED.set(0);
        BLOCKS_LIVE.set(0);
        LAST_DROPPED_BY.set(None);
    }

    pub(super) fn payload_made() {
        PAYLOADS_MADE.set(PAYLOADS_MADE.get() + 1);
    }

    pub(super) fn payload_dropped() {
        PAYLOADS_DROPPED.set(PAYLOADS_DROPPED.get() + 1);
        LAST_DROPPED_BY.set(Some(loom::thread::current().id()));
    }

    /// The model thread that dropped the last payload so far.
    pub(super) fn last_dropped_by() -> Option<ThreadId> {
        LAST_DROPPED_BY.get()
    }

    /// How many payloads this run has made so far (clones included).
    pub(super) fn payloads_made() -> usize {
        PAYLOADS_MADE.get()
    }

    /// Asserts that every payload made was dropped exactly once and every
    /// payload block freed exactly once (a double free shows as a negative
    /// count, a leak as a positive one).
    pub(super) fn assert_balanced() {
        let (made, dropped) = (PAYLOADS_MADE.get(), PAYLOADS_DROPPED.get());
        assert_eq!(dropped, made, "payloads dropped vs made");
        assert_eq!(BLOCKS_LIVE.get(), 0, "payload blocks allocated minus freed");
    }

    /// The system allocator, counting the blocks of [`BLOCK_ALIGN`].
    struct CountingAllocator;

    #[global_allocator]
    static ALLOCATOR: CountingAllocator = CountingAllocator;

    // SAFETY: both methods forward to `System` with the caller's arguments,
    // so `System`'s guarantees are ours; the counting touches only a
    // thread-local `Cell`, which neither allocates nor unwinds.
    unsafe impl GlobalAlloc for CountingAllocator {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            if layout.align() == BLOCK_ALIGN {
                BLOCKS_LIVE.set(BLOCKS_LIVE.get() + 1);
            }
            // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract.
            unsafe { System.alloc(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            if layout.align() == BLOCK_ALIGN {
                BLOCKS_LIVE.set(BLOCKS_LIVE.get() - 1);
            }
            // SAFETY: `ptr` came from `System` with `layout` (caller; `alloc`
            // above is the only way in, and the default `realloc` and
            // `alloc_zeroed` go through it).
            unsafe { System.dealloc(ptr, layout) }
        }
    }
}
