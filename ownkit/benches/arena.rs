//! `ownkit::arena::Arena::alloc` against `typed_arena::Arena::alloc` and
//! `bumpalo::Bump::alloc`, in the same run.
//!
//! One iteration makes a new arena, allocates `VALUES` small values one at a
//! time, and drops the arena, so the figure includes growing the chunks and
//! freeing them, as a real user of an arena pays them. The value is a
//! 24-byte struct with no destructor, so bumpalo (which never runs
//! destructors) does the same work as the other two.
//!
//! As in `benches/pointers.rs`, besides criterion's estimates the run ends
//! with *paired* ratios: short rounds of the two sides alternate, so drift
//! in the machine's speed hits both alike, and the median of the per-round
//! ratios is reported. Those are the figures the targets in BENCHMARKS.md
//! are judged by: ours/typed-arena at most 1.0, ours/bumpalo at most 1.1.

mod paired;

use criterion::{Criterion, criterion_group};
use std::hint::black_box;
use std::sync::Mutex;
use std::time::Instant;

/// Values allocated per arena, per iteration.
const VALUES: u64 = 10_000;

/// Rounds of the paired measurement; each times one iteration of each side.
const PAIRED_ROUNDS: usize = 500;

/// The paired ratios measured so far, printed as a table at the end.
static PAIRED: Mutex<Vec<(String, paired::Quartiles)>> = Mutex::new(Vec::new());

/// A small value: three words, no destructor.
#[derive(Clone, Copy)]
struct Small {
    #[allow(dead_code, reason = "only its size matters")]
    words: [u64; 3],
}

fn small(index: u64) -> Small {
    Small {
        words: [index, index ^ 1, index ^ 2],
    }
}

fn ours() {
    let arena = ownkit::arena::Arena::new();
    for index in 0..VALUES {
        black_box(arena.alloc(black_box(small(index))));
    }
    drop(black_box(arena));
}

fn typed_arena() {
    let arena = typed_arena::Arena::new();
    for index in 0..VALUES {
        black_box(arena.alloc(black_box(small(index))));
    }
    drop(black_box(arena));
}

fn bumpalo() {
    let arena = bumpalo::Bump::new();
    for index in 0..VALUES {
        black_box(arena.alloc(black_box(small(index))));
    }
    drop(black_box(arena));
}

/// Seconds taken by one call of `op`; generic, so `op` is inlined.
fn time(op: impl Fn()) -> f64 {
    let start = Instant::now();
    op();
    start.elapsed().as_secs_f64()
}

fn alloc(c: &mut Criterion) {
    let mut group = c.benchmark_group("arena_alloc_10k");
    group.bench_function("ownkit", |b| b.iter(ours));
    group.bench_function("typed-arena", |b| b.iter(typed_arena));
    group.bench_function("bumpalo", |b| b.iter(bumpalo));
    group.finish();

    let mut paired = PAIRED.lock().unwrap();
    paired.push((
        "arena_alloc_10k, ownkit/typed-arena".to_owned(),
        paired::ratios(PAIRED_ROUNDS, || time(typed_arena), || time(ours)),
    ));
    paired.push((
        "arena_alloc_10k, ownkit/bumpalo".to_owned(),
        paired::ratios(PAIRED_ROUNDS, || time(bumpalo), || time(ours)),
    ));
}

criterion_group!(benches, alloc);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();

    let paired = PAIRED.lock().unwrap();
    if paired.is_empty() {
        return; // a filter selected no group
    }
    paired::print_table(
        &format!(
            "Paired ratios ({PAIRED_ROUNDS} alternating rounds of {VALUES} allocations in a new arena):"
        ),
        &paired,
    );
}
