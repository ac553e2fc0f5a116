//! `GenArena` against slotmap's `SlotMap`, in the same run.
//!
//! Each group times one operation over `COUNT` values, once as `slotmap`
//! and once as `ownkit`, with identical code apart from the type:
//!
//! - `gen_arena_insert`: `COUNT` inserts into an empty arena with room for
//!   them (so the figure is the insert, not the reallocation);
//! - `gen_arena_get`: `COUNT` lookups in a full arena, in the order of a
//!   fixed permutation of the keys, so the access pattern is not a linear
//!   scan the prefetcher hides;
//! - `gen_arena_remove`: `COUNT` removals from a full arena, in the same
//!   permuted order. Filling the arena is outside the timed span.
//!
//! As in `pointers.rs`, criterion's estimates go in its report and a
//! *paired* ratio is printed at the end: short rounds of the two sides
//! alternate, so drift on a shared machine hits both alike, and the median
//! of the per-round ownkit/slotmap time ratios is the figure the target
//! (at most 1.0) is judged by.

mod paired;

use criterion::{Criterion, criterion_group};
use ownkit::arena::{GenArena, Key};
use slotmap::{DefaultKey, SlotMap};
use std::hint::black_box;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Values per timed operation.
const COUNT: usize = 10_000;

/// Rounds of the paired measurement; each times one `COUNT`-value
/// operation of each side, in alternating order.
const PAIRED_ROUNDS: usize = 300;

/// The paired ratios measured so far, printed as a table at the end.
static PAIRED: Mutex<Vec<(String, paired::Quartiles)>> = Mutex::new(Vec::new());

/// Registers the `slotmap` and `ownkit` sides of one operation in one
/// group, then measures their paired ratio. Each closure runs one round
/// (its own setup included) and returns the time of the measured part.
fn compare(
    c: &mut Criterion,
    name: &str,
    mut slotmap_round: impl FnMut() -> Duration,
    mut ownkit_round: impl FnMut() -> Duration,
) {
    let mut group = c.benchmark_group(name);
    group.bench_function("slotmap", |b| {
        b.iter_custom(|rounds| (0..rounds).map(|_| slotmap_round()).sum())
    });
    group.bench_function("ownkit", |b| {
        b.iter_custom(|rounds| (0..rounds).map(|_| ownkit_round()).sum())
    });
    group.finish();

    let ratios = paired::ratios(
        PAIRED_ROUNDS,
        || slotmap_round().as_secs_f64(),
        || ownkit_round().as_secs_f64(),
    );
    PAIRED.lock().unwrap().push((name.to_owned(), ratios));
}

/// The visiting order for lookups and removals: `i * STRIDE mod COUNT`,
/// a permutation because `STRIDE` and `COUNT` are coprime.
fn permutation() -> Vec<usize> {
    const STRIDE: usize = 7_919; // prime, and does not divide 10 000
    (0..COUNT).map(|i| i * STRIDE % COUNT).collect()
}

/// Times `work` on the value `setup` built; only `work` is timed.
fn timed<S>(setup: impl FnOnce() -> S, work: impl FnOnce(&mut S)) -> Duration {
    let mut state = setup();
    let start = Instant::now();
    work(&mut state);
    let elapsed = start.elapsed();
    drop(black_box(state));
    elapsed
}

fn insert(c: &mut Criterion) {
    compare(
        c,
        "gen_arena_insert",
        || {
            timed(
                || SlotMap::<DefaultKey, u64>::with_capacity(COUNT),
                |map| {
                    for value in 0..COUNT as u64 {
                        black_box(map.insert(black_box(value)));
                    }
                },
            )
        },
        || {
            timed(
                || GenArena::<u64>::with_capacity(COUNT),
                |arena| {
                    for value in 0..COUNT as u64 {
                        black_box(arena.insert(black_box(value)));
                    }
                },
            )
        },
    );
}

/// A full slotmap and its keys in permuted order.
fn full_slotmap(order: &[usize]) -> (SlotMap<DefaultKey, u64>, Vec<DefaultKey>) {
    let mut map = SlotMap::with_capacity(COUNT);
    let keys: Vec<DefaultKey> = (0..COUNT as u64).map(|value| map.insert(value)).collect();
    (map, order.iter().map(|&i| keys[i]).collect())
}

/// A full arena and its keys in permuted order.
fn full_arena(order: &[usize]) -> (GenArena<u64>, Vec<Key>) {
    let mut arena = GenArena::with_capacity(COUNT);
    let keys: Vec<Key> = (0..COUNT as u64).map(|value| arena.insert(value)).collect();
    (arena, order.iter().map(|&i| keys[i]).collect())
}

fn get(c: &mut Criterion) {
    let order = permutation();
    let (map, map_keys) = full_slotmap(&order);
    let (arena, arena_keys) = full_arena(&order);
    compare(
        c,
        "gen_arena_get",
        || {
            timed(
                || (),
                |()| {
                    for &key in &map_keys {
                        black_box(black_box(&map).get(black_box(key)));
                    }
                },
            )
        },
        || {
            timed(
                || (),
                |()| {
                    for &key in &arena_keys {
                        black_box(black_box(&arena).get(black_box(key)));
                    }
                },
            )
        },
    );
}

fn remove(c: &mut Criterion) {
    let order = permutation();
    compare(
        c,
        "gen_arena_remove",
        || {
            timed(
                || full_slotmap(&order),
                |(map, keys)| {
                    for &key in keys.iter() {
                        black_box(map.remove(black_box(key)));
                    }
                },
            )
        },
        || {
            timed(
                || full_arena(&order),
                |(arena, keys)| {
                    for &key in keys.iter() {
                        black_box(arena.remove(black_box(key)));
                    }
                },
            )
        },
    );
}

criterion_group!(benches, insert, get, remove);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();

    let paired = PAIRED.lock().unwrap();
    if paired.is_empty() {
        return; // a filter selected no group
    }
    paired::print_table(
        &format!(
            "Paired ownkit/slotmap ratios ({PAIRED_ROUNDS} alternating rounds of {COUNT} operations):"
        ),
        &paired,
    );
}
