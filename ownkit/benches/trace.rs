//! What drop tracing costs: a 200 000-node tree of derived structs against
//! the same tree of plain structs, in the same run.
//!
//! Both trees are balanced binary trees whose nodes hold a number and two
//! optional std `Box`ed children; one type derives `TraceDrop`, the other
//! is the same struct without it. Each round builds a tree (not timed) and
//! times dropping it.
//!
//! - **compiled in, not capturing**: the traced tree dropped outside any
//!   capture, against the plain tree: the paired ratio, judged against the
//!   1.05 target. The generated `Drop` then costs one relaxed atomic load
//!   and a branch per node.
//! - **capturing**: the traced tree dropped inside `capture`, which also
//!   rebuilds the report; the figure is nanoseconds per recorded event
//!   (target: well under 100), and the sink's bytes per event (target: at
//!   most 32).
//!
//! - **leaves**: capturing the drop of a traced value that holds a million
//!   numbers in a `Vec`: the recorder skips leaves (`Walk::is_leaf`), so
//!   this is one value and one buffer, not a million children.
//!
//! As in the other benches, the paired ratio (alternating rounds, median of
//! the per-round ratios) is what the target is judged by.

mod drop_tree;
mod paired;

use criterion::{Criterion, criterion_group};
use ownkit::trace::capture;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Nodes per tree.
const NODES: usize = 200_000;

/// Rounds of the paired measurement.
const PAIRED_ROUNDS: usize = 40;

fn traced_tree() -> Option<Box<drop_tree::Traced>> {
    drop_tree::traced(NODES)
}

fn plain_tree() -> Option<Box<drop_tree::Plain>> {
    drop_tree::plain(NODES)
}

/// A traced value holding a million numbers.
#[derive(ownkit::TraceDrop)]
struct Samples {
    name: String,
    values: Vec<u64>,
}

fn samples() -> Samples {
    Samples {
        name: "samples".to_owned(),
        values: vec![7; 1_000_000],
    }
}

/// Times dropping a value built by `build` (building is not timed).
fn time_drop<T>(build: impl Fn() -> T) -> Duration {
    let value = black_box(build());
    let start = Instant::now();
    drop(value);
    start.elapsed()
}

/// Times capturing the drop of a value built by `build`, the report's
/// rebuild included (building the value is not timed).
fn time_captured_drop<T>(build: impl Fn() -> T) -> Duration {
    let value = black_box(build());
    let start = Instant::now();
    black_box(capture(|| drop(value)));
    start.elapsed()
}

fn drop_cost(c: &mut Criterion) {
    let mut group = c.benchmark_group("drop_200k_tree");
    group.sample_size(10);
    group.bench_function("plain", |b| {
        b.iter_custom(|rounds| (0..rounds).map(|_| time_drop(plain_tree)).sum())
    });
    group.bench_function("traced, not capturing", |b| {
        b.iter_custom(|rounds| (0..rounds).map(|_| time_drop(traced_tree)).sum())
    });
    group.bench_function("traced, capturing", |b| {
        b.iter_custom(|rounds| (0..rounds).map(|_| time_captured_drop(traced_tree)).sum())
    });
    group.finish();

    let mut group = c.benchmark_group("drop_of_a_million_leaves");
    group.sample_size(10);
    group.bench_function("capturing", |b| {
        b.iter_custom(|rounds| (0..rounds).map(|_| time_captured_drop(samples)).sum())
    });
    group.bench_function("not capturing", |b| {
        b.iter_custom(|rounds| (0..rounds).map(|_| time_drop(samples)).sum())
    });
    group.finish();
}

criterion_group!(benches, drop_cost);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();

    let not_capturing = paired::ratios(
        PAIRED_ROUNDS,
        || time_drop(plain_tree).as_secs_f64(),
        || time_drop(traced_tree).as_secs_f64(),
    );
    paired::print_table(
        &format!(
            "Paired traced/plain ratio, not capturing ({PAIRED_ROUNDS} alternating rounds of one {NODES}-node drop):"
        ),
        &[("drop_200k_tree".to_owned(), not_capturing)],
    );

    // Capturing: the recording (the drop itself, inside the capture)
    // against the plain drop, per event; and the whole capture, report
    // rebuild included, per event.
    let mut recording = Vec::new();
    let mut whole = Vec::new();
    let mut events = 0;
    for _ in 0..10 {
        let plain = time_drop(plain_tree).as_secs_f64();
        let tree = black_box(traced_tree());
        let mut inside = Duration::ZERO;
        let start = Instant::now();
        let report = capture(|| {
            let start = Instant::now();
            drop(tree);
            inside = start.elapsed();
        });
        let total = start.elapsed().as_secs_f64();
        events = report.event_count();
        recording.push((inside.as_secs_f64() - plain) * 1e9 / events as f64);
        whole.push(total * 1e9 / events as f64);
        drop(black_box(report));
    }
    recording.sort_by(f64::total_cmp);
    whole.sort_by(f64::total_cmp);
    println!(
        "\nCapturing a {NODES}-node drop: {events} events (each one 32-byte record, as asserted in `trace/event.rs`)"
    );
    println!(
        "  recording, over the plain drop: median {:.1} ns per event",
        recording[recording.len() / 2]
    );
    println!(
        "  whole capture, report rebuild included: median {:.1} ns per event",
        whole[whole.len() / 2]
    );
}
