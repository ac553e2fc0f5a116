//! ownkit's arenas record their own drop: a frame with their values inside
//! it and the heap blocks they freed, checked against the drop hooks' log.

use super::support::{Leaf, log, traced};
use ownkit::TraceDrop;
use ownkit::arena::{Arena, GenArena};
use ownkit::trace::{DropHook, DropReport, capture};
use std::mem::size_of;

/// What the report says about a value a typed arena dropped: nothing
/// announced it, because the walk cannot see into the arena.
const LENT_OUT: &str = "nothing announced it; it dropped while the arena";

/// A traced value that logs its name when dropped, and panics afterwards
/// when told to.
#[derive(TraceDrop)]
#[ownkit(hook)]
struct Fragile {
    #[ownkit(skip)]
    name: &'static str,
    #[ownkit(skip)]
    explode: bool,
}

impl Fragile {
    fn calm(name: &'static str) -> Self {
        Self {
            name,
            explode: false,
        }
    }

    fn bomb(name: &'static str) -> Self {
        Self {
            name,
            explode: true,
        }
    }
}

impl DropHook for Fragile {
    fn drop_hook(&mut self) {
        log(self.name);
        if self.explode {
            panic!("an arena value's drop panicked on purpose");
        }
    }
}

/// The bytes std's `Vec` allocates for its first `reserve(1)` of `E`s (std
/// is the oracle for the buffer of the arena's list of chunks).
#[expect(
    clippy::reserve_after_initialization,
    reason = "`reserve(1)` is what the arena does, and it rounds up where `with_capacity(1)` does not"
)]
fn first_reserve_bytes<E>() -> usize {
    let mut spine: Vec<E> = Vec::new();
    spine.reserve(1);
    spine.capacity() * size_of::<E>()
}

/// The size of one chunk's header in a typed arena: its `Vec` and the
/// three-word marker that records the chunk's free.
fn chunk_header_bytes<T>() -> usize {
    size_of::<Vec<T>>() + 3 * size_of::<usize>()
}

/// The uncertain lines of `report`, in order, each as (path, reason).
fn uncertain(report: &DropReport) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut pending: Vec<ownkit::trace::DropNode<'_>> = report.roots().rev().collect();
    while let Some(node) = pending.pop() {
        if let Some(reason) = node.uncertain() {
            found.push((node.path(), reason.to_owned()));
        }
        pending.extend(node.children().rev());
    }
    found
}

#[derive(TraceDrop)]
struct World {
    nodes: GenArena<Leaf>,
    name: Leaf,
}

#[test]
fn a_gen_arena_in_a_struct_is_a_frame_with_its_values_by_slot() {
    let mut nodes = GenArena::new();
    nodes.insert(Leaf("n0"));
    let removed = nodes.insert(Leaf("n1"));
    nodes.insert(Leaf("n2"));
    let taken = nodes.remove(removed).expect("just inserted");
    let slots_bytes = nodes.capacity() * (8 + size_of::<Leaf>());
    let (report, logged) = traced(|| {
        drop(World {
            nodes,
            name: Leaf("name"),
        });
    });
    assert_eq!(logged, ["n0", "n2", "name"]);
    report.assert_tree(&format!(
        "
        World
        ├── nodes: GenArena<Leaf>
        │   ├── [0]: Leaf
        │   ├── [2]: Leaf
        │   └── freed {slots_bytes} bytes (align 8)
        └── name: Leaf
        "
    ));
    report.assert_paths(&[
        "World",
        "World.nodes",
        "World.nodes[0]",
        "World.nodes[2]",
        "World.name",
    ]);
    let freed = report.freed();
    assert_eq!(freed.len(), 1);
    assert_eq!(freed[0].path, "World.nodes");
    assert!(report.is_certain(), "{report}");
    drop(taken);
}

#[test]
fn a_gen_arena_without_allocation_frees_nothing() {
    let (report, logged) = traced(|| {
        drop(World {
            nodes: GenArena::new(),
            name: Leaf("name"),
        });
    });
    assert_eq!(logged, ["name"]);
    report.assert_tree(
        "
        World
        ├── nodes: GenArena<Leaf>
        └── name: Leaf
        ",
    );
    assert!(report.is_certain(), "{report}");
}

#[derive(TraceDrop)]
struct Pool {
    values: Arena<Leaf>,
    name: Leaf,
}

#[test]
fn a_typed_arena_in_a_struct_is_a_frame_with_its_values_uncertain() {
    let values = Arena::with_capacity(2);
    values.alloc(Leaf("v0"));
    values.alloc(Leaf("v1"));
    // The first chunk is full: a second one, of at least 1 KiB, takes over.
    values.alloc(Leaf("v2"));
    let first_chunk = 2 * size_of::<Leaf>();
    let second_chunk = 1024;
    let chunk_list = first_reserve_bytes::<[u8; 48]>();
    assert_eq!(chunk_header_bytes::<Leaf>(), 48);
    let (report, logged) = traced(|| {
        drop(Pool {
            values,
            name: Leaf("name"),
        });
        drop(Leaf("next"));
    });
    assert_eq!(logged, ["v0", "v1", "v2", "name", "next"]);
    let lent = "(uncertain: nothing announced it; it dropped while the arena `Pool.values` was dropping its values, which are lent out and not announced)";
    // Oldest chunk first, each freed right after its values; then the list
    // of full chunks, then the chunk being filled.
    report.assert_tree(&format!(
        "
        Pool
        ├── values: Arena<Leaf>
        │   ├── [?]: Leaf {lent}
        │   ├── [?]: Leaf {lent}
        │   ├── freed {first_chunk} bytes (align 8)
        │   ├── freed {chunk_list} bytes (align 8)
        │   ├── [?]: Leaf {lent}
        │   └── freed {second_chunk} bytes (align 8)
        └── name: Leaf
        Leaf
        "
    ));
    let freed: Vec<(String, usize)> = report
        .freed()
        .into_iter()
        .map(|block| (block.path, block.size))
        .collect();
    assert_eq!(
        freed,
        [
            ("Pool.values".to_owned(), first_chunk),
            ("Pool.values".to_owned(), chunk_list),
            ("Pool.values".to_owned(), second_chunk),
        ]
    );
    assert!(!report.is_certain());
    assert!(report.anomalies().is_empty(), "{report}");
    let guesses = uncertain(&report);
    assert_eq!(guesses.len(), 3);
    assert!(
        guesses
            .iter()
            .all(|(path, reason)| path == "Pool.values[?]" && reason.starts_with(LENT_OUT)),
        "{guesses:?}"
    );
}

#[test]
fn arenas_dropped_as_root_locals_end_before_the_next_root() {
    let (report, logged) = traced(|| {
        let _after = Leaf("after");
        let mut generational = GenArena::with_capacity(1);
        generational.insert(Leaf("g0"));
        let typed = Arena::with_capacity(1);
        typed.alloc(Leaf("t0"));
        let _before = Leaf("before");
        // Locals drop in reverse: before, typed, generational, after.
    });
    assert_eq!(logged, ["before", "t0", "g0", "after"]);
    let slot = 8 + size_of::<Leaf>();
    let typed_chunk = size_of::<Leaf>();
    let typed_reason = "(uncertain: nothing announced it; it dropped while the arena `Arena<Leaf>` was dropping its values, which are lent out and not announced)";
    let gen_reason = "(uncertain: nothing announced it; it dropped while the arena `GenArena<Leaf>` was dropping its values, which no traced value announced)";
    // Nothing announces a root's values, so even the GenArena's are
    // placed by the frame they dropped in; the End closes each frame, so
    // the roots after it are exact.
    report.assert_tree(&format!(
        "
        Leaf
        Arena<Leaf>
        ├── [?]: Leaf {typed_reason}
        └── freed {typed_chunk} bytes (align 8)
        GenArena<Leaf>
        ├── [?]: Leaf {gen_reason}
        └── freed {slot} bytes (align 8)
        Leaf
        "
    ));
    assert_eq!(uncertain(&report).len(), 2);
    assert!(report.anomalies().is_empty(), "{report}");
}

#[derive(TraceDrop)]
struct Fragiles {
    nodes: GenArena<Fragile>,
    tail: Leaf,
}

#[test]
fn a_panicking_value_in_a_gen_arena_still_drops_the_rest_and_frees_the_slots() {
    let mut nodes = GenArena::with_capacity(3);
    nodes.insert(Fragile::calm("a"));
    nodes.insert(Fragile::bomb("boom"));
    nodes.insert(Fragile::calm("c"));
    let slots_bytes = 3 * (8 + size_of::<Fragile>());
    let (report, logged) = traced(|| {
        let fragiles = Fragiles {
            nodes,
            tail: Leaf("tail"),
        };
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(fragiles)));
        assert!(result.is_err());
    });
    // The slots after the panicking one still drop, and so does the field
    // after the arena.
    assert_eq!(logged, ["a", "boom", "c", "tail"]);
    report.assert_tree(&format!(
        "
        Fragiles
        ├── nodes: GenArena<Fragile>
        │   ├── [0]: Fragile
        │   ├── [1]: Fragile
        │   ├── [2]: Fragile
        │   └── freed {slots_bytes} bytes (align 8)
        └── tail: Leaf
        "
    ));
    assert!(report.is_certain(), "{report}");
}

#[derive(TraceDrop)]
struct FragilePool {
    values: Arena<Fragile>,
    tail: Leaf,
}

#[test]
fn a_panicking_value_in_a_typed_arena_still_drops_the_rest_and_frees_every_chunk() {
    let values = Arena::with_capacity(2);
    values.alloc(Fragile::calm("a"));
    values.alloc(Fragile::bomb("boom"));
    values.alloc(Fragile::calm("c"));
    let (report, logged) = traced(|| {
        let pool = FragilePool {
            values,
            tail: Leaf("tail"),
        };
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(pool)));
        assert!(result.is_err());
    });
    assert_eq!(logged, ["a", "boom", "c", "tail"]);
    let arena = &report.roots().get(0).unwrap().children().get(0).unwrap();
    assert_eq!(arena.path(), "FragilePool.values");
    assert_eq!(arena.label(), "Arena<Fragile>");
    let freed: Vec<usize> = arena.freed().iter().map(|block| block.size).collect();
    assert_eq!(
        freed,
        [
            2 * size_of::<Fragile>(),
            first_reserve_bytes::<[u8; 48]>(),
            1024 / size_of::<Fragile>() * size_of::<Fragile>()
        ],
        "every block is freed while unwinding, oldest chunk first"
    );
    assert_eq!(arena.children().len(), 3);
    // The End closed the arena's frame: `tail` is its parent's, exactly.
    let tail = &report.roots().get(0).unwrap().children().get(1).unwrap();
    assert_eq!(tail.path(), "FragilePool.tail");
    assert_eq!(tail.uncertain(), None);
    assert!(report.anomalies().is_empty(), "{report}");
}

#[test]
fn arenas_dropped_while_not_capturing_record_nothing() {
    let typed = Arena::new();
    typed.alloc(Leaf("typed"));
    let mut generational = GenArena::new();
    generational.insert(Leaf("generational"));
    // Another thread captures meanwhile, so the global switch is on: the
    // drops here must still not reach any capture.
    let (started_tx, started_rx) = std::sync::mpsc::channel();
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let watcher = std::thread::spawn(move || {
        capture(|| {
            started_tx.send(()).unwrap();
            done_rx.recv().unwrap();
        })
    });
    started_rx.recv().unwrap();
    drop(typed);
    drop(generational);
    done_tx.send(()).unwrap();
    let watched = watcher.join().unwrap();
    assert!(watched.roots().is_empty(), "{watched}");
    assert!(watched.freed().is_empty(), "{watched}");
    let after = capture(|| drop(Leaf("after")));
    after.assert_tree("Leaf");
}

#[test]
fn taking_an_arena_apart_records_no_drop_of_it() {
    let typed = Arena::with_capacity(1);
    typed.alloc(Leaf("first"));
    let (report, logged) = traced(|| {
        // Grows past an empty first chunk (freed, not retired) and then a
        // full one: neither is part of a drop of the arena.
        let spare = Arena::with_capacity(1);
        spare.alloc_extend([Leaf("x0"), Leaf("x1")]);
        spare.alloc(Leaf("x2"));
        let values = spare.into_vec();
        drop(typed.into_vec());
        drop(values);
    });
    assert_eq!(logged, ["first", "x0", "x1", "x2"]);
    // Each value is a root of its own, dropped by a std Vec.
    report.assert_tree(
        "
        Leaf
        Leaf
        Leaf
        Leaf
        ",
    );
    assert!(report.freed().is_empty(), "{report}");
    assert!(report.is_certain(), "{report}");
}
