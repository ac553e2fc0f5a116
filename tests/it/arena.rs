//! `ownkit::arena::Arena` against `typed_arena::Arena` as the oracle where
//! they overlap, plus drop counting, drop order, panics, lying iterators,
//! zero-sized and large values, and references held across growth (which
//! Miri checks under both aliasing models).

use ownkit::arena::Arena;
use ownkit_tests::{DropLog, Panic, Witness};
use static_assertions::{assert_impl_all, assert_not_impl_any};
use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;

// Like typed-arena: the values travel with the arena, so it is `Send` when
// they are; allocating goes through `&self` and a `RefCell`, so it is never
// `Sync`.
assert_impl_all!(Arena<u32>: Send, Default, std::fmt::Debug);
assert_impl_all!(Arena<std::sync::Mutex<u32>>: Send);
assert_not_impl_any!(Arena<u32>: Sync);
assert_not_impl_any!(Arena<Rc<u32>>: Send, Sync);
assert_not_impl_any!(Arena<Cell<u32>>: Sync);
assert_impl_all!(ownkit::arena::IterMut<'static, u32>: Send, Sync, std::fmt::Debug);

/// Names for drop-order tests, which need `&'static str`s.
const NAMES: [&str; 12] = [
    "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11",
];

#[test]
fn alloc_returns_the_value_and_counts_it() {
    let arena = Arena::new();
    assert!(arena.is_empty());
    let value = arena.alloc(String::from("hello"));
    value.push_str(", arena");
    assert_eq!(value, "hello, arena");
    assert_eq!(arena.len(), 1);
    assert!(!arena.is_empty());
}

#[test]
fn references_stay_usable_across_later_allocations() {
    // Miri checks this under Stacked and Tree Borrows: the typed-arena bug
    // was that adding a value retagged the whole chunk and invalidated the
    // references handed out before.
    let arena = Arena::with_capacity(1);
    let mut held: Vec<&mut u64> = Vec::new();
    for round in 0..10_u64 {
        held.push(arena.alloc(round));
        let run = arena.alloc_extend([round * 100, round * 100 + 1]);
        let (left, right) = run.split_at_mut(1);
        held.push(&mut left[0]);
        held.push(&mut right[0]);
        // Write through every reference taken so far, old chunks included.
        for value in held.iter_mut() {
            **value += 1;
        }
    }
    let expected: Vec<u64> = (0..10_u64)
        .flat_map(|round| [round, round * 100, round * 100 + 1])
        .enumerate()
        .map(|(index, start)| start + 10 - (index as u64 / 3))
        .collect();
    let seen: Vec<u64> = held.iter().map(|value| **value).collect();
    assert_eq!(seen, expected);
    drop(held);
    assert_eq!(arena.into_vec(), expected);
}

#[test]
fn addresses_do_not_change_when_chunks_are_added() {
    let arena = Arena::with_capacity(2);
    let first: *const [u8; 3] = arena.alloc([1, 2, 3]);
    let firsts_address = first.addr();
    for index in 0..50_u8 {
        arena.alloc([index; 3]);
    }
    let mut arena = arena;
    let now: *const [u8; 3] = arena.iter_mut().next().unwrap();
    assert_eq!(now.addr(), firsts_address);
}

#[test]
fn matches_typed_arena_on_the_same_allocations() {
    let ours = Arena::with_capacity(3);
    let theirs = typed_arena::Arena::with_capacity(3);
    for step in 0..40_usize {
        if step % 5 == 4 {
            let run: Vec<usize> = (0..step % 7).map(|offset| step * 10 + offset).collect();
            let ours_run = ours.alloc_extend(run.clone());
            let theirs_run = theirs.alloc_extend(run);
            assert_eq!(ours_run, theirs_run);
        } else {
            assert_eq!(*ours.alloc(step), *theirs.alloc(step));
        }
        assert_eq!(ours.len(), theirs.len());
    }
    let mut ours = ours;
    let mut theirs = theirs;
    let ours_walk: Vec<usize> = ours.iter_mut().map(|value| *value).collect();
    let theirs_walk: Vec<usize> = theirs.iter_mut().map(|value| *value).collect();
    assert_eq!(ours_walk, theirs_walk);
    assert_eq!(ours.into_vec(), theirs.into_vec());
}

#[test]
fn iter_mut_and_into_vec_follow_allocation_order_across_chunks() {
    let mut arena = Arena::with_capacity(1);
    let mut expected = Vec::new();
    for round in 0..6 {
        arena.alloc(round * 10);
        expected.push(round * 10);
        let run: Vec<i32> = (1..=round).map(|offset| round * 10 + offset).collect();
        arena.alloc_extend(run.iter().copied());
        expected.extend(run);
    }
    let walked: Vec<i32> = arena.iter_mut().map(|value| *value).collect();
    assert_eq!(walked, expected);

    let mut iter = arena.iter_mut();
    let mut count = 0;
    while let Some(value) = iter.next() {
        let (lower, upper) = iter.size_hint();
        let remaining = expected.len() - count - 1;
        assert!(lower <= remaining, "lower bound {lower} > {remaining}");
        assert!(upper.is_none_or(|upper| upper >= remaining));
        *value = -*value;
        count += 1;
    }
    assert_eq!(iter.next(), None, "fused");
    assert_eq!(count, expected.len());

    let negated: Vec<i32> = expected.iter().map(|value| -value).collect();
    assert_eq!(arena.into_vec(), negated);
}

#[test]
fn into_vec_of_one_chunk_hands_over_that_chunk() {
    let arena = Arena::with_capacity(8);
    let first_address = (&raw const *arena.alloc(1_u16)).addr();
    arena.alloc_extend([2, 3]);
    let all = arena.into_vec();
    assert_eq!(all, [1, 2, 3]);
    assert_eq!(all.as_ptr().addr(), first_address, "no copy");
}

#[test]
fn every_value_is_dropped_once_across_chunks_and_runs() {
    let witness = Witness::new();
    {
        let arena = Arena::with_capacity(2);
        for round in 0..8 {
            arena.alloc(witness.spawn(Panic::Never));
            arena.alloc_extend((0..round).map(|_| witness.spawn(Panic::Never)));
        }
        assert_eq!(arena.len(), 8 + 28);
        assert_eq!(witness.drops(), 0, "nothing dropped while the arena lives");
    }
    assert_eq!(witness.drops(), 36);
    assert_eq!(witness.clones(), 0);
}

#[test]
fn values_drop_in_allocation_order() {
    let log = DropLog::new();
    {
        let arena = Arena::with_capacity(2);
        arena.alloc(log.named(NAMES[0]));
        arena.alloc(log.named(NAMES[1]));
        // This run does not fit in the first chunk.
        arena.alloc_extend(NAMES[2..5].iter().map(|name| log.named(name)));
        arena.alloc(log.named(NAMES[5]));
        arena.alloc_extend(NAMES[6..9].iter().map(|name| log.named(name)));
        for name in &NAMES[9..] {
            arena.alloc(log.named(name));
        }
    }
    assert_eq!(log.order(), NAMES);
}

#[test]
fn into_vec_moves_values_without_dropping_them() {
    let witness = Witness::new();
    let arena = Arena::with_capacity(1);
    for _ in 0..5 {
        arena.alloc(witness.spawn(Panic::Never));
    }
    let all = arena.into_vec();
    assert_eq!(witness.drops(), 0);
    assert_eq!(all.len(), 5);
    drop(all);
    assert_eq!(witness.drops(), 5);
}

/// An iterator that yields `yields` values but claims `hint`.
struct Liar {
    yields: std::ops::Range<u32>,
    hint: (usize, Option<usize>),
}

impl Iterator for Liar {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        self.yields.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.hint
    }
}

#[test]
fn an_iterator_that_yields_more_than_it_claimed() {
    let arena = Arena::with_capacity(4);
    let before = arena.alloc(7);
    let run = arena.alloc_extend(Liar {
        yields: 0..100,
        hint: (1, Some(1)),
    });
    assert_eq!(run, (0..100).collect::<Vec<_>>());
    assert_eq!(*before, 7);
    assert_eq!(arena.len(), 101);
}

#[test]
fn an_iterator_that_yields_less_than_it_claimed() {
    let arena = Arena::with_capacity(4);
    let run = arena.alloc_extend(Liar {
        yields: 0..3,
        hint: (1000, Some(1000)),
    });
    assert_eq!(run, [0, 1, 2]);
    let after = arena.alloc(9);
    assert_eq!(*after, 9);
    assert_eq!(arena.into_vec(), [0, 1, 2, 9]);
}

#[test]
fn an_iterator_that_claims_nothing_and_yields_nothing() {
    let arena: Arena<u8> = Arena::new();
    assert!(arena.alloc_extend(std::iter::empty()).is_empty());
    assert!(arena.alloc_extend(Vec::new()).is_empty());
    assert!(arena.is_empty());
}

#[test]
fn a_panicking_iterator_drops_what_it_yielded_and_leaves_the_arena_alone() {
    let witness = Witness::new();
    let arena = Arena::with_capacity(2);
    arena.alloc(witness.spawn(Panic::Never));
    let result = catch_unwind(AssertUnwindSafe(|| {
        arena.alloc_extend((0..5).map(|index| {
            if index == 3 {
                panic!("the iterator gives up");
            }
            witness.spawn(Panic::Never)
        }));
    }));
    assert!(result.is_err());
    assert_eq!(witness.drops(), 3, "the three yielded values are dropped");
    assert_eq!(arena.len(), 1, "the arena is unchanged");
    // And still works.
    arena.alloc(witness.spawn(Panic::Never));
    drop(arena);
    assert_eq!(witness.drops(), 5);
}

#[test]
fn the_iterator_of_alloc_extend_may_allocate_from_the_same_arena() {
    let arena = Arena::new();
    let run = arena.alloc_extend((0..3).inspect(|&index| {
        arena.alloc(100 + index);
    }));
    assert_eq!(run, [0, 1, 2]);
    assert_eq!(arena.into_vec(), [100, 101, 102, 0, 1, 2]);
}

#[test]
fn a_panicking_drop_still_drops_the_rest_and_frees_every_chunk() {
    // Miri reports a leaked chunk as an error, so this also checks that every
    // chunk is freed.
    let witness = Witness::new();
    let arena = Arena::with_capacity(2);
    for index in 0..9 {
        let panic = if index == 3 {
            Panic::InDrop
        } else {
            Panic::Never
        };
        arena.alloc(witness.spawn(panic));
    }
    arena.alloc_extend((0..4).map(|_| witness.spawn(Panic::Never)));
    let result = catch_unwind(AssertUnwindSafe(move || drop(arena)));
    assert!(result.is_err());
    assert_eq!(witness.drops(), 13);
}

#[test]
fn a_panicking_drop_keeps_the_order_of_the_others() {
    /// Logs its name when dropped, then panics if told to.
    struct Loud<'a> {
        name: &'static str,
        log: &'a RefCell<Vec<&'static str>>,
        panic: bool,
    }
    impl Drop for Loud<'_> {
        fn drop(&mut self) {
            self.log.borrow_mut().push(self.name);
            if self.panic {
                panic!("{} panicked on purpose", self.name);
            }
        }
    }
    let log = RefCell::new(Vec::new());
    let arena = Arena::with_capacity(1);
    for (index, name) in NAMES[..6].iter().enumerate() {
        arena.alloc(Loud {
            name,
            log: &log,
            panic: index == 1,
        });
    }
    assert!(catch_unwind(AssertUnwindSafe(move || drop(arena))).is_err());
    assert_eq!(*log.borrow(), NAMES[..6]);
}

thread_local! {
    static UNIT_DROPS: Cell<usize> = const { Cell::new(0) };
}

/// A zero-sized value that counts its drops.
struct Unit;

impl Drop for Unit {
    fn drop(&mut self) {
        UNIT_DROPS.with(|drops| drops.set(drops.get() + 1));
    }
}

#[test]
fn zero_sized_values() {
    UNIT_DROPS.with(|drops| drops.set(0));
    let count = if cfg!(miri) { 100 } else { 10_000 };
    {
        let arena = Arena::new();
        let mut held = Vec::new();
        for _ in 0..count {
            held.push(arena.alloc(Unit));
        }
        assert_eq!(arena.alloc_extend((0..count).map(|_| Unit)).len(), count);
        assert_eq!(arena.len(), 2 * count);
        assert_eq!(held.len(), count);
    }
    assert_eq!(UNIT_DROPS.with(Cell::get), 2 * count);

    let mut units = Arena::with_capacity(0);
    units.alloc(());
    units.alloc_extend([(), ()]);
    assert_eq!(units.iter_mut().count(), 3);
    assert_eq!(units.into_vec().len(), 3);
}

#[test]
fn with_capacity_zero_allocates_on_demand() {
    let arena = Arena::with_capacity(0);
    assert!(arena.is_empty());
    let first = arena.alloc(1);
    let second = arena.alloc(2);
    *first += 10;
    *second += 10;
    assert_eq!(arena.into_vec(), [11, 12]);
}

#[test]
fn large_values() {
    let arena = Arena::new();
    let mut held = Vec::new();
    for index in 0..4_u64 {
        held.push(arena.alloc([index; 512]));
    }
    held.extend(arena.alloc_extend((4..6).map(|index| [index; 512])));
    for (index, block) in held.iter().enumerate() {
        assert!(block.iter().all(|&value| value == index as u64));
    }
    held[0][511] = 99;
    drop(held);
    let all = arena.into_vec();
    assert_eq!(all.len(), 6);
    assert_eq!(all[0][511], 99);
}

#[test]
fn debug_shows_the_length() {
    let arena = Arena::new();
    assert_eq!(format!("{arena:?}"), "Arena { len: 0 }");
    arena.alloc_extend(["a", "b"]);
    assert_eq!(format!("{arena:?}"), "Arena { len: 2 }");
    assert_eq!(format!("{:?}", Arena::<u8>::default()), "Arena { len: 0 }");
}

#[test]
fn the_arena_can_move_to_another_thread() {
    let arena = Arena::new();
    arena.alloc(String::from("moved"));
    let back = std::thread::spawn(move || {
        arena.alloc(String::from("along"));
        arena.into_vec()
    });
    assert_eq!(back.join().unwrap(), ["moved", "along"]);
}

/// Nodes of a cyclic graph: each refers to others in the same arena. With no
/// `Drop` impl, drop check lets the arena drop them while they point at each
/// other (`tests/ui/arena-drop-sees-dangling.rs` shows the rejected case).
/// The probe has a `Drop` impl, so it borrows the witness for a lifetime of
/// its own, `'w`, which outlives the arena; only `'a` may dangle.
struct Node<'a, 'w> {
    id: usize,
    edges: RefCell<Vec<&'a Node<'a, 'w>>>,
    _witness: ownkit_tests::Probe<'w>,
}

#[test]
fn a_cyclic_graph_lives_and_dies_with_its_arena() {
    let witness = Witness::new();
    {
        let arena = Arena::with_capacity(1);
        let nodes: Vec<&Node<'_, '_>> = (0..5)
            .map(|id| {
                &*arena.alloc(Node {
                    id,
                    edges: RefCell::new(Vec::new()),
                    _witness: witness.spawn(Panic::Never),
                })
            })
            .collect();
        for (index, node) in nodes.iter().enumerate() {
            node.edges
                .borrow_mut()
                .push(nodes[(index + 1) % nodes.len()]);
        }
        let mut at = nodes[0];
        for _ in 0..nodes.len() {
            at = at.edges.borrow()[0];
        }
        assert_eq!(at.id, 0, "the ring leads back to the start");
    }
    assert_eq!(witness.drops(), 5);
}
