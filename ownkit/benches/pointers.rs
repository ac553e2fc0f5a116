//! ownkit's pointers against std's, in the same run.
//!
//! Each group benchmarks one operation twice, as `std` and as `ownkit`, with
//! identical code apart from the type, and reports two things:
//!
//! - criterion's estimate of each, which `benches/ratios.py` turns into a
//!   table of nanoseconds per operation and ratios;
//! - a *paired* ratio, printed at the end of the run. On a shared machine
//!   the speed of the same code drifts by tens of percent between the
//!   seconds criterion spends on `std` and the seconds it then spends on
//!   `ownkit`. The paired measurement alternates short blocks of the two,
//!   so drift hits both alike, and reports the median of the per-round
//!   ratios. That is the figure the targets in BENCHMARKS.md are judged by.
//!
//! Every operation is repeated `BATCH` times per iteration so that the
//! timing loop's own overhead does not swamp a one-nanosecond operation;
//! `black_box` on every input and output keeps the optimiser from hoisting
//! the work out of the loop.
//!
//! The `_contended` groups run the operation on two threads at once, both
//! hammering the same reference count, and time the pair by the wall clock:
//! one iteration is `BATCH` operations *on each thread*, so the figure per
//! operation is what one thread pays while the other competes for the cache
//! line. They need two cores; on fewer (say under `taskset -c 1`) the two
//! threads would take turns and the figure would measure the scheduler, so
//! those groups are left out with a message.

mod paired;

use criterion::{Criterion, criterion_group};
use std::hint::{black_box, spin_loop};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

const BATCH: usize = 1000;

/// Rounds of the paired measurement; each times `BATCH` operations of each
/// side, in alternating order.
const PAIRED_ROUNDS: usize = 2000;

/// Batches per round of the paired measurement in the `_contended` groups.
/// A two-thread round of one batch lasts only tens of microseconds, and its
/// time swings with how the scheduler happens to place the pair; four
/// batches per round brought the median ratio of two identical sides within
/// one percent of 1.00 here, one batch left it up to 13% off.
const CONTENDED_BATCHES_PER_ROUND: u64 = 4;

/// The paired ratios measured so far, printed as a table at the end.
static PAIRED: Mutex<Vec<(String, paired::Quartiles)>> = Mutex::new(Vec::new());

/// Puts a fixture at the start of a page of its own, so the std and the
/// ownkit fixture have the same cache-set and page offset. Otherwise where
/// the compiler happens to place them (one sharing a cache line or a 4 KiB
/// alias with a hot stack slot, the other not) can cost one side a few
/// percent with identical machine code.
#[repr(align(4096))]
struct PageAligned<T>(T);

/// An `Arc` payload whose alignment gives its heap block cache lines of its
/// own (two, for the adjacent-line prefetcher).
#[repr(align(128))]
struct OwnLines<T>(#[allow(dead_code, reason = "only its placement matters")] T);

/// Registers `std` and `ownkit` versions of one operation in one group,
/// then measures their paired ratio.
fn compare(c: &mut Criterion, name: &str, mut std_op: impl FnMut(), mut ownkit_op: impl FnMut()) {
    let mut group = c.benchmark_group(name);
    group.bench_function("std", |b| b.iter(|| run_batch(&mut std_op)));
    group.bench_function("ownkit", |b| b.iter(|| run_batch(&mut ownkit_op)));
    group.finish();

    let ratios = paired::ratios(PAIRED_ROUNDS, || time(&mut std_op), || time(&mut ownkit_op));
    PAIRED.lock().unwrap().push((name.to_owned(), ratios));
}

/// Like [`compare`], but each side runs on two threads at once (see the
/// module docs for what one iteration is).
fn compare_contended(
    c: &mut Criterion,
    name: &str,
    std_op: impl Fn() + Sync,
    ownkit_op: impl Fn() + Sync,
) {
    if thread::available_parallelism().map_or(1, usize::from) < 2 {
        eprintln!("skipping {name}: it needs two cores to run its two threads at once");
        return;
    }
    let mut group = c.benchmark_group(name);
    group.bench_function("std", |b| {
        b.iter_custom(|iterations| time_contended(iterations, &std_op))
    });
    group.bench_function("ownkit", |b| {
        b.iter_custom(|iterations| time_contended(iterations, &ownkit_op))
    });
    group.finish();

    let ratios = paired::ratios(
        PAIRED_ROUNDS,
        || time_contended(CONTENDED_BATCHES_PER_ROUND, &std_op).as_secs_f64(),
        || time_contended(CONTENDED_BATCHES_PER_ROUND, &ownkit_op).as_secs_f64(),
    );
    PAIRED.lock().unwrap().push((name.to_owned(), ratios));
}

fn run_batch(op: &mut impl FnMut()) {
    for _ in 0..BATCH {
        op();
    }
}

/// Seconds taken by one batch; generic, so `op` is inlined as it is in
/// criterion's loop rather than called through a pointer.
fn time(op: &mut impl FnMut()) -> f64 {
    let start = Instant::now();
    run_batch(op);
    start.elapsed().as_secs_f64()
}

/// Wall-clock time of `batches` batches of `op` run on two threads at once,
/// each thread doing all of them.
///
/// Both threads spin until the other has arrived before the clock starts, so
/// neither runs alone while the other is still being spawned or woken; the
/// clock stops when both have finished. Spawning and joining the helper
/// thread are outside the timed span.
///
/// `op` is called through `dyn`, so the std and the ownkit side share one
/// copy of this loop's machine code. With a copy each, the two copies
/// differed only in where the loop sat in memory, and that alone made one
/// side 15 to 25% faster than the other with the very same `Arc` type: how
/// many operations a core gets done each time it holds the contended cache
/// line depends on the loop's exact timing. The indirect call costs both
/// sides the same nanosecond or so.
#[inline(never)]
fn time_contended(batches: u64, op: &(dyn Fn() + Sync)) -> Duration {
    let arrived = AtomicUsize::new(0);
    let helper_finished = AtomicBool::new(false);
    let run_batches = || {
        for _ in 0..batches {
            for _ in 0..BATCH {
                op();
            }
        }
    };
    thread::scope(|scope| {
        scope.spawn(|| {
            meet(&arrived);
            run_batches();
            helper_finished.store(true, Ordering::Release);
        });
        meet(&arrived);
        let start = Instant::now();
        run_batches();
        while !helper_finished.load(Ordering::Acquire) {
            spin_loop();
        }
        start.elapsed()
    })
}

/// Waits, spinning, until both threads of [`time_contended`] got here.
fn meet(arrived: &AtomicUsize) {
    arrived.fetch_add(1, Ordering::AcqRel);
    while arrived.load(Ordering::Acquire) < 2 {
        spin_loop();
    }
}

fn boxes(c: &mut Criterion) {
    compare(
        c,
        "box_new_drop",
        || drop(black_box(std::boxed::Box::new(black_box(7_u64)))),
        || drop(black_box(ownkit::Box::new(black_box(7_u64)))),
    );
    compare(
        c,
        "box_new_drop_64_bytes",
        || drop(black_box(std::boxed::Box::new(black_box([7_u64; 8])))),
        || drop(black_box(ownkit::Box::new(black_box([7_u64; 8])))),
    );
}

fn rcs(c: &mut Criterion) {
    let PageAligned(std_rc) = &PageAligned(std::rc::Rc::new(7_u64));
    let PageAligned(our_rc) = &PageAligned(ownkit::Rc::new(7_u64));
    compare(
        c,
        "rc_clone_drop",
        || drop(black_box(std::rc::Rc::clone(black_box(std_rc)))),
        || drop(black_box(ownkit::Rc::clone(black_box(our_rc)))),
    );

    let PageAligned(std_weak) = &PageAligned(std::rc::Rc::downgrade(std_rc));
    let PageAligned(our_weak) = &PageAligned(ownkit::Rc::downgrade(our_rc));
    compare(
        c,
        "weak_upgrade",
        || drop(black_box(black_box(std_weak).upgrade())),
        || drop(black_box(black_box(our_weak).upgrade())),
    );

    compare(
        c,
        "rc_new_drop",
        || drop(black_box(std::rc::Rc::new(black_box(7_u64)))),
        || drop(black_box(ownkit::Rc::new(black_box(7_u64)))),
    );
}

fn refcells(c: &mut Criterion) {
    let PageAligned(std_cell) = &PageAligned(std::cell::RefCell::new(7_u64));
    let PageAligned(our_cell) = &PageAligned(ownkit::cell::RefCell::new(7_u64));
    compare(
        c,
        "refcell_borrow",
        || {
            black_box(*black_box(std_cell).borrow());
        },
        || {
            black_box(*black_box(our_cell).borrow());
        },
    );
    compare(
        c,
        "refcell_borrow_mut",
        || *black_box(std_cell).borrow_mut() += 1,
        || *black_box(our_cell).borrow_mut() += 1,
    );
}

fn cells(c: &mut Criterion) {
    let PageAligned(std_cell) = &PageAligned(std::cell::Cell::new(7_u64));
    let PageAligned(our_cell) = &PageAligned(ownkit::cell::Cell::new(7_u64));
    compare(
        c,
        "cell_get_set",
        || {
            let cell = black_box(std_cell);
            cell.set(cell.get().wrapping_add(1));
        },
        || {
            let cell = black_box(our_cell);
            cell.set(cell.get().wrapping_add(1));
        },
    );
}

fn arcs(c: &mut Criterion) {
    // Each heap block gets cache lines of its own (an over-aligned value
    // puts the counts at the start of a 128-byte line pair): in the
    // contended group the count's line is what the two threads fight over,
    // and a line shared with the other side's block or other data would
    // change the fight. Not page-aligned like the handles: counts at page
    // offset 0, next to handles at page offset 0, made one side up to five
    // times slower in some runs (4 KiB aliasing between the count's stores
    // and the handle's loads).
    let PageAligned(std_arc) = &PageAligned(std::sync::Arc::new(OwnLines(7_u64)));
    let PageAligned(our_arc) = &PageAligned(ownkit::Arc::new(OwnLines(7_u64)));
    compare(
        c,
        "arc_clone_drop",
        || drop(black_box(std::sync::Arc::clone(black_box(std_arc)))),
        || drop(black_box(ownkit::Arc::clone(black_box(our_arc)))),
    );
    compare_contended(
        c,
        "arc_clone_drop_contended",
        || drop(black_box(std::sync::Arc::clone(black_box(std_arc)))),
        || drop(black_box(ownkit::Arc::clone(black_box(our_arc)))),
    );

    let PageAligned(std_weak) = &PageAligned(std::sync::Arc::downgrade(std_arc));
    let PageAligned(our_weak) = &PageAligned(ownkit::Arc::downgrade(our_arc));
    compare(
        c,
        "arc_weak_upgrade",
        || drop(black_box(black_box(std_weak).upgrade())),
        || drop(black_box(black_box(our_weak).upgrade())),
    );
}

criterion_group!(benches, boxes, rcs, arcs, refcells, cells);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();

    let paired = PAIRED.lock().unwrap();
    if paired.is_empty() {
        return; // a filter selected no group
    }
    paired::print_table(
        &format!(
            "Paired ownkit/std ratios ({PAIRED_ROUNDS} alternating rounds of {BATCH} operations):"
        ),
        &paired,
    );
    if paired.iter().any(|(name, _)| name.ends_with("_contended")) {
        println!(
            "\n`_contended` rounds are {CONTENDED_BATCHES_PER_ROUND} batches on each of two threads at once."
        );
    }
}
