//! `Arc` and `Weak` shared between real threads.
//!
//! CI runs exactly these tests (`arc::threads::`) under Miri with several
//! scheduler seeds, so every loop is short there: Miri's data-race detector
//! checks the orderings on each interleaving it explores, which no native
//! run can. Natively they run longer, to give races a chance to show.
//!
//! Values read without atomics (plain fields, `AtomicUsize::get_mut`) are
//! deliberate: if an `Arc` operation lacked the synchronisation it promises,
//! Miri reports the read or write as a data race.

use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::mpsc;
use std::thread;

use ownkit::sync::{Arc, Weak};

/// Threads per test: 8 natively, 4 under Miri.
const THREADS: usize = if cfg!(miri) { 4 } else { 8 };

/// Iterations per thread in the clone/drop test.
const CLONES_PER_THREAD: usize = if cfg!(miri) { 50 } else { 10_000 };

/// Repetitions of the tests that race a handful of operations once.
const RACES: usize = if cfg!(miri) { 8 } else { 500 };

/// Counts the clones and drops of the [`Counted`] values reporting to it.
///
/// Unlike `ownkit_tests::Witness` it is `Sync`, so its values can be shared
/// between threads. The counters are `Relaxed`: a test reads them after
/// joining the threads (which synchronises), or where the `Arc` itself must
/// order the access (see [`upgrade_races_the_last_drop`]).
#[derive(Debug, Default)]
struct Tally {
    clones: AtomicUsize,
    drops: AtomicUsize,
}

impl Tally {
    fn spawn(&self, value: usize) -> Counted<'_> {
        Counted {
            tally: self,
            value,
            touches: AtomicUsize::new(0),
        }
    }

    fn clones(&self) -> usize {
        self.clones.load(Relaxed)
    }

    fn drops(&self) -> usize {
        self.drops.load(Relaxed)
    }
}

/// A value that reports its clones and drops to a [`Tally`].
#[derive(Debug)]
struct Counted<'a> {
    tally: &'a Tally,
    value: usize,
    /// Bumped (Relaxed) by threads that used the value, and read without
    /// atomics by whoever ends up owning it: only the `Arc`'s own
    /// synchronisation makes every bump visible there.
    touches: AtomicUsize,
}

impl Counted<'_> {
    /// Marks a use of the value by this thread.
    fn touch(&self) {
        self.touches.fetch_add(1, Relaxed);
    }

    /// The value and the uses it saw, read without atomics: this must be
    /// the only owner.
    fn into_seen(mut self) -> (usize, usize) {
        (self.value, *self.touches.get_mut())
    }
}

impl Clone for Counted<'_> {
    fn clone(&self) -> Self {
        self.tally.clones.fetch_add(1, Relaxed);
        self.tally.spawn(self.value)
    }
}

impl Drop for Counted<'_> {
    fn drop(&mut self) {
        self.tally.drops.fetch_add(1, Relaxed);
    }
}

fn counts<T: ?Sized>(arc: &Arc<T>) -> (usize, usize) {
    (Arc::strong_count(arc), Arc::weak_count(arc))
}

#[test]
fn clone_and_drop_from_many_threads() {
    let tally = Tally::default();
    let shared = Arc::new(tally.spawn(7));

    // Two phases in which the main thread keeps its Arc while the workers
    // clone, downgrade, upgrade and drop: between phases the counts must be
    // back where they started.
    for phase in 0..2 {
        thread::scope(|scope| {
            for _ in 0..THREADS {
                scope.spawn(|| {
                    for round in 0..CLONES_PER_THREAD {
                        let clone = Arc::clone(&shared);
                        assert_eq!(clone.value, 7);
                        if round % 8 == 0 {
                            let weak = Arc::downgrade(&clone);
                            drop(clone);
                            let again = weak.upgrade().expect("the main thread keeps it alive");
                            assert_eq!(again.value, 7);
                        }
                    }
                });
            }
        });
        assert_eq!(
            counts(&shared),
            (1, 0),
            "phase {phase}: every clone and Weak is gone"
        );
        assert_eq!(tally.drops(), 0, "phase {phase}: the value is still shared");
    }

    // Then every worker gets its own Arc and the main thread lets go of its
    // one first, so the last drop happens on whichever worker ends last.
    let owned: Vec<Arc<Counted<'_>>> = (0..THREADS).map(|_| Arc::clone(&shared)).collect();
    let observer = Arc::downgrade(&shared);
    drop(shared);
    thread::scope(|scope| {
        for mine in owned {
            scope.spawn(move || {
                for _ in 0..CLONES_PER_THREAD {
                    drop(Arc::clone(&mine));
                }
                assert_eq!(mine.value, 7);
            });
        }
    });
    assert_eq!(tally.drops(), 1, "exactly one drop, by the last Arc");
    assert_eq!(tally.clones(), 0);
    assert!(observer.upgrade().is_none());
    assert_eq!(observer.strong_count(), 0);
}

#[test]
fn upgrade_races_the_last_drop() {
    for round in 0..RACES {
        let tally = Tally::default();
        let arc = Arc::new(tally.spawn(round));
        let weak = Arc::downgrade(&arc);
        thread::scope(|scope| {
            for _ in 0..2 {
                let mine = weak.clone();
                let tally = &tally;
                scope.spawn(move || {
                    for _ in 0..4 {
                        let Some(live) = mine.upgrade() else {
                            // Once the strong count is 0 it stays 0: an
                            // upgrade must never bring a value back.
                            assert!(mine.upgrade().is_none(), "an upgrade revived a value");
                            assert_eq!(mine.strong_count(), 0);
                            break;
                        };
                        assert_eq!(live.value, round, "an upgrade yields the live value");
                        // Relaxed suffices: holding `live` orders this read
                        // before the drop, which only the last Arc runs.
                        assert_eq!(tally.drops(), 0, "upgraded a value already dropped");
                        let clone = mine.clone();
                        drop(live);
                        drop(clone);
                    }
                });
            }
            // The main thread drops the last Arc while the others upgrade.
            drop(arc);
        });
        assert_eq!(tally.drops(), 1, "round {round}: dropped exactly once");
        assert!(weak.upgrade().is_none());
        assert_eq!((weak.strong_count(), weak.weak_count()), (0, 0));
    }
}

#[test]
fn into_inner_from_several_threads_gives_the_value_to_exactly_one() {
    // std's `into_inner` race, widened to several threads and a Weak that
    // upgrades on the side: every strong handle ends in `into_inner`, so
    // whoever holds the last one (upgraded or not) gets the value, and
    // sees every use the others made of it before giving theirs up.
    fn touch_then_into_inner(arc: Arc<Counted<'_>>) -> (usize, Option<(usize, usize)>) {
        arc.touch();
        (1, Arc::into_inner(arc).map(Counted::into_seen))
    }

    for round in 0..RACES {
        let tally = Tally::default();
        let arc = Arc::new(tally.spawn(round));
        let weak = Arc::downgrade(&arc);
        let (touches, winners) = thread::scope(|scope| {
            let mut handles = Vec::new();
            for _ in 1..THREADS {
                let mine = Arc::clone(&arc);
                handles.push(scope.spawn(move || touch_then_into_inner(mine)));
            }
            let weak = &weak;
            handles.push(scope.spawn(move || match weak.upgrade() {
                Some(live) => touch_then_into_inner(live),
                None => (0, None),
            }));
            let mut results = vec![touch_then_into_inner(arc)];
            results.extend(handles.into_iter().map(|handle| handle.join().unwrap()));
            let touches: usize = results.iter().map(|(touched, _)| touched).sum();
            let winners: Vec<(usize, usize)> =
                results.into_iter().filter_map(|(_, won)| won).collect();
            (touches, winners)
        });
        assert_eq!(
            winners,
            [(round, touches)],
            "round {round}: exactly one winner, which sees every use"
        );
        assert_eq!(tally.drops(), 1);
        assert_eq!(tally.clones(), 0);
        assert!(weak.upgrade().is_none());
    }
}

#[test]
fn try_unwrap_from_several_threads_gives_the_value_to_at_most_one() {
    // Unlike `into_inner`, two `try_unwrap`s can both see the other's count
    // and both fail; the value is then dropped by the last failed Arc. In
    // every case it is moved out or dropped exactly once.
    // A winner sees the uses of every other thread, which all gave up
    // their Arc before it could win.
    let mut unwrapped = 0;
    for round in 0..RACES {
        let tally = Tally::default();
        let arc = Arc::new(tally.spawn(round));
        let winners = thread::scope(|scope| {
            let handles: Vec<_> = (0..THREADS)
                .map(|_| {
                    let mine = Arc::clone(&arc);
                    scope.spawn(move || {
                        mine.touch();
                        Arc::try_unwrap(mine).ok().map(Counted::into_seen)
                    })
                })
                .collect();
            drop(arc);
            handles
                .into_iter()
                .filter_map(|handle| handle.join().unwrap())
                .collect::<Vec<_>>()
        });
        assert!(winners.len() <= 1, "round {round}: {winners:?}");
        assert!(
            winners.iter().all(|&seen| seen == (round, THREADS)),
            "round {round}: {winners:?}"
        );
        unwrapped += winners.len();
        assert_eq!(tally.drops(), 1, "round {round}: dropped exactly once");
    }
    assert!(unwrapped <= RACES);
}

#[test]
fn get_mut_sees_every_write_of_the_threads_it_waited_for() {
    // The CVE-2018-25008 shape: writers publish through an atomic with
    // Relaxed ordering and drop their Arc; the owner spins on `get_mut` and
    // then reads without atomics. Only the Release of each drop and the
    // Acquire of `get_mut` make those writes visible.
    for round in 0..RACES {
        let mut arc = Arc::new(
            (0..THREADS)
                .map(|_| AtomicUsize::new(0))
                .collect::<Vec<_>>(),
        );
        thread::scope(|scope| {
            for index in 0..THREADS {
                let mine = Arc::clone(&arc);
                scope.spawn(move || {
                    mine[index].store(round + index + 1, Relaxed);
                    drop(mine);
                });
            }
            let slots = loop {
                if let Some(slots) = Arc::get_mut(&mut arc) {
                    break slots;
                }
                thread::yield_now();
            };
            for (index, slot) in slots.iter_mut().enumerate() {
                assert_eq!(
                    *slot.get_mut(),
                    round + index + 1,
                    "round {round}: the write of thread {index} is visible"
                );
            }
        });
    }
}

#[test]
fn get_mut_waits_for_the_last_weak_too() {
    // As above, but the writers write through an upgraded Weak and the last
    // thing each does is drop that Weak: `get_mut` must wait for it and
    // synchronise with it.
    for round in 0..RACES {
        let mut arc = Arc::new(
            (0..THREADS)
                .map(|_| AtomicUsize::new(0))
                .collect::<Vec<_>>(),
        );
        thread::scope(|scope| {
            for index in 0..THREADS {
                let mine = Arc::clone(&arc);
                scope.spawn(move || {
                    let weak = Arc::downgrade(&mine);
                    drop(mine);
                    let again = weak.upgrade().expect("the owner keeps it alive");
                    again[index].store(round + index + 1, Relaxed);
                    drop(again);
                    drop(weak);
                });
            }
            let slots = loop {
                if let Some(slots) = Arc::get_mut(&mut arc) {
                    break slots;
                }
                thread::yield_now();
            };
            for (index, slot) in slots.iter_mut().enumerate() {
                assert_eq!(*slot.get_mut(), round + index + 1);
            }
        });
        assert_eq!(counts(&arc), (1, 0));
    }
}

#[test]
fn get_mut_races_a_downgrade_then_drop() {
    // The race the weak-count lock exists for: `get_mut` finds no Weak,
    // then another thread downgrades its Arc and drops it, and `get_mut`
    // finds one strong owner and thinks it is unique. The Weak could then
    // read the value while it is being written. Here the other thread
    // reads through upgrades, without atomics, and must only ever see the
    // value from before `get_mut` succeeded.
    #[derive(Debug)]
    struct Plain(usize);

    for _ in 0..RACES {
        let mut arc = Arc::new(Plain(0));
        let other = Arc::clone(&arc);
        thread::scope(|scope| {
            scope.spawn(move || {
                let weak = Arc::downgrade(&other);
                drop(other);
                for _ in 0..4 {
                    match weak.upgrade() {
                        Some(live) => assert_eq!(live.0, 0, "saw a write made through get_mut"),
                        None => unreachable!("the owner keeps the value alive"),
                    }
                }
            });
            let value = loop {
                if let Some(value) = Arc::get_mut(&mut arc) {
                    break value;
                }
                thread::yield_now();
            };
            value.0 = 1;
        });
        assert_eq!(arc.0, 1);
        assert_eq!(counts(&arc), (1, 0));
    }
}

#[test]
fn weak_count_never_shows_the_get_mut_lock() {
    // std's `test_weak_count_locked`: `get_mut` locks the weak count while
    // it looks, and `weak_count` must never report the lock as a count.
    let spins = if cfg!(miri) { 100 } else { 100_000 };
    let mut arc = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let observer = Arc::clone(&arc);
    thread::scope(|scope| {
        scope.spawn(move || {
            for _ in 0..spins {
                assert!(Arc::get_mut(&mut arc).is_none(), "two Arcs exist");
            }
            arc.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        while !observer.load(std::sync::atomic::Ordering::SeqCst) {
            let weak = Arc::weak_count(&observer);
            assert!(weak < 2, "bad weak count: {weak}");
            thread::yield_now();
        }
    });
    assert_eq!(counts(&observer), (1, 0));
}

#[test]
fn make_mut_while_another_thread_upgrades_a_weak() {
    // `make_mut` either clones (an upgrade got there first) or moves the
    // value away from the Weak (so the Weak stops upgrading); in place only
    // when no Weak is left. The upgrader must never see the new value, and
    // the write through `make_mut` (without atomics) must not race with its
    // reads.
    let mut cloned = 0;
    for round in 0..RACES {
        let tally = Tally::default();
        let mut arc = Arc::new(tally.spawn(0));
        let weak = Arc::downgrade(&arc);
        thread::scope(|scope| {
            scope.spawn(move || {
                for _ in 0..4 {
                    let Some(old) = weak.upgrade() else {
                        assert!(weak.upgrade().is_none(), "an upgrade revived a value");
                        break;
                    };
                    assert_eq!(old.value, 0, "a Weak reached the value make_mut handed out");
                }
            });
            let value = Arc::make_mut(&mut arc);
            value.value = round + 1;
        });
        assert_eq!(arc.value, round + 1);
        assert_eq!(counts(&arc), (1, 0));
        assert!(tally.clones() <= 1, "cloned at most once");
        cloned += tally.clones();
        drop(arc);
        assert_eq!(
            tally.drops(),
            1 + tally.clones(),
            "the original and its clone, if any, dropped once each"
        );
    }
    assert!(cloned <= RACES);
}

#[test]
fn make_mut_in_place_after_other_threads_used_the_value() {
    // Other threads read the value (directly and through an upgraded Weak)
    // and let go; then the owner calls `make_mut` and writes in place,
    // without atomics. The threads report they are done through a Relaxed
    // counter, which orders nothing: only the Acquire of `make_mut` on the
    // strong count orders their reads before the write.
    #[derive(Clone, Debug, PartialEq)]
    struct Plain(usize);

    for round in 0..RACES {
        let mut arc = Arc::new(Plain(round));
        let done = AtomicUsize::new(0);
        thread::scope(|scope| {
            for index in 0..THREADS {
                let mine = Arc::clone(&arc);
                let done = &done;
                scope.spawn(move || {
                    assert_eq!(*mine, Plain(round));
                    if index % 2 == 0 {
                        let weak = Arc::downgrade(&mine);
                        drop(mine);
                        let again = weak.upgrade().expect("the owner keeps it alive");
                        assert_eq!(*again, Plain(round));
                    } else {
                        drop(mine);
                    }
                    done.fetch_add(1, Relaxed);
                });
            }
            while done.load(Relaxed) < THREADS {
                thread::yield_now();
            }
            // Usually in place; a clone if this thread still sees an old
            // count, which the Relaxed counter allows. Either way the write
            // must not race with the readers.
            Arc::make_mut(&mut arc).0 = round + 1;
        });
        assert_eq!(*arc, Plain(round + 1));
        assert_eq!(counts(&arc), (1, 0));
    }
}

#[test]
fn a_dyn_fn_shared_across_threads() {
    type Doubler<'a> = dyn Fn(usize) -> usize + Send + Sync + 'a;

    let calls = AtomicUsize::new(0);
    let double: Arc<Doubler<'_>> = Arc::from(Box::new(|n: usize| {
        calls.fetch_add(1, Relaxed);
        n * 2
    }) as Box<Doubler<'_>>);
    let per_thread = if cfg!(miri) { 10 } else { 1000 };
    let sums: Vec<usize> = thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|_| {
                let double = Arc::clone(&double);
                scope.spawn(move || (0..per_thread).map(&*double).sum::<usize>())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let expected = per_thread * (per_thread - 1);
    assert!(sums.iter().all(|&sum| sum == expected), "{sums:?}");
    assert_eq!(calls.load(Relaxed), THREADS * per_thread);
    assert_eq!(counts(&double), (1, 0));

    // A `'static` one, moved to a spawned thread and dropped there last.
    let shout: Arc<dyn Fn(&str) -> String + Send + Sync> =
        Arc::from(
            Box::new(|text: &str| text.to_uppercase()) as Box<dyn Fn(&str) -> String + Send + Sync>
        );
    let weak = Arc::downgrade(&shout);
    let handle = thread::spawn(move || shout("hi"));
    assert_eq!(handle.join().unwrap(), "HI");
    assert!(weak.upgrade().is_none());
}

#[test]
fn an_arc_sent_through_a_channel() {
    // std's `manually_share_arc`.
    let arc = Arc::new(vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    let (sender, receiver) = mpsc::channel::<Arc<Vec<i32>>>();
    let reader = thread::spawn(move || {
        let received = receiver.recv().unwrap();
        assert_eq!(received[3], 4);
        Arc::strong_count(&received) >= 1
    });
    sender.send(Arc::clone(&arc)).unwrap();
    assert_eq!((arc[2], arc[4]), (3, 5));
    assert!(reader.join().unwrap());
    assert_eq!(counts(&arc), (1, 0));

    // A Weak sent the same way, upgraded on the other side.
    let (sender, receiver) = mpsc::channel::<Weak<Vec<i32>>>();
    let upgrader = thread::spawn(move || receiver.recv().unwrap().upgrade().map(|arc| arc[0]));
    sender.send(Arc::downgrade(&arc)).unwrap();
    assert_eq!(upgrader.join().unwrap(), Some(1));
}

#[test]
fn two_threads_drop_the_last_two_arcs() {
    // std's `arc_drop_dereferenceable_race` (rust-lang/rust#55005): the
    // thread that does not free the block must not touch it afterwards.
    let rounds = if cfg!(miri) { 20 } else { 1000 };
    for _ in 0..rounds {
        let first = Arc::new(());
        let second = Arc::clone(&first);
        let weak = Arc::downgrade(&first);
        let other_weak = weak.clone();
        let handle = thread::spawn(move || {
            drop(second);
            drop(other_weak);
        });
        drop(first);
        drop(weak);
        handle.join().unwrap();
    }
}
