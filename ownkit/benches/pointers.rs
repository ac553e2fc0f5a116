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

use criterion::{Criterion, criterion_group};
use std::hint::black_box;
use std::sync::Mutex;
use std::time::Instant;

const BATCH: usize = 1000;

/// Rounds of the paired measurement; each times `BATCH` operations of each
/// side, in alternating order.
const PAIRED_ROUNDS: usize = 2000;

/// The paired ratios measured so far, printed as a table at the end.
static PAIRED: Mutex<Vec<(String, Quartiles)>> = Mutex::new(Vec::new());

/// Puts a fixture at the start of a page of its own, so the std and the
/// ownkit fixture have the same cache-set and page offset. Otherwise where
/// the compiler happens to place them (one sharing a cache line or a 4 KiB
/// alias with a hot stack slot, the other not) can cost one side a few
/// percent with identical machine code.
#[repr(align(4096))]
struct PageAligned<T>(T);

/// The median and the middle half of a set of ratios.
#[derive(Clone, Copy)]
struct Quartiles {
    lower: f64,
    median: f64,
    upper: f64,
}

/// Registers `std` and `ownkit` versions of one operation in one group,
/// then measures their paired ratio.
fn compare(c: &mut Criterion, name: &str, mut std_op: impl FnMut(), mut ownkit_op: impl FnMut()) {
    let mut group = c.benchmark_group(name);
    group.bench_function("std", |b| b.iter(|| run_batch(&mut std_op)));
    group.bench_function("ownkit", |b| b.iter(|| run_batch(&mut ownkit_op)));
    group.finish();

    let ratios = paired_ratios(&mut std_op, &mut ownkit_op);
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

/// Times alternating batches of the two operations and returns the
/// quartiles of the ownkit/std time ratio per round. Which side goes first
/// alternates too, so neither always runs on a warmer cache.
fn paired_ratios(std_op: &mut impl FnMut(), ownkit_op: &mut impl FnMut()) -> Quartiles {
    // Warm both up before the first timed round.
    time(std_op);
    time(ownkit_op);
    let mut ratios: Vec<f64> = (0..PAIRED_ROUNDS)
        .map(|round| {
            let (std_time, ownkit_time) = if round % 2 == 0 {
                let std_time = time(std_op);
                (std_time, time(ownkit_op))
            } else {
                let ownkit_time = time(ownkit_op);
                (time(std_op), ownkit_time)
            };
            ownkit_time / std_time
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    let at = |fraction: f64| ratios[((ratios.len() - 1) as f64 * fraction) as usize];
    Quartiles {
        lower: at(0.25),
        median: at(0.5),
        upper: at(0.75),
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

criterion_group!(benches, boxes, rcs, refcells, cells);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();

    let paired = PAIRED.lock().unwrap();
    if paired.is_empty() {
        return; // a filter selected no group
    }
    println!(
        "\nPaired ownkit/std ratios ({PAIRED_ROUNDS} alternating rounds of {BATCH} operations):\n"
    );
    println!("| operation | median ratio | middle half |");
    println!("|---|---:|---|");
    for (name, ratio) in paired.iter() {
        println!(
            "| {name} | {:.3} | {:.3} – {:.3} |",
            ratio.median, ratio.lower, ratio.upper
        );
    }
}
