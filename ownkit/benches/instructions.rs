//! Small programs for counting instructions, one per operation and side:
//! what `benches/callgrind.py` runs under valgrind's callgrind.
//!
//! # Why instruction counts
//!
//! Wall time on a small shared machine drifts by tens of percent between
//! runs of the same code (see the paired ratios in `pointers.rs` for how
//! the criterion benches fight that). The number of instructions a program
//! executes does not drift: run it twice, get the same count. It is not the
//! time (a cache miss or a mispredicted branch costs no extra instruction),
//! so these figures sit beside criterion's, not in place of them; but a
//! change that adds work to an operation shows up here exactly, on any
//! machine, however busy.
//!
//! # Why baseline subtraction
//!
//! callgrind counts the whole process: the loader, std's start-up, building
//! the fixture, tearing it down. Each program is therefore run twice, with
//! `n = 0` and with `n = N` operations, and the script reports
//! `(count(N) - count(0)) / N`. Everything but the operations is the same
//! in both runs (the fixture never depends on `n`), so it cancels, and what
//! is left is the operation itself plus its share of the loop around it
//! (a counter increment and a branch, the same for both sides).
//!
//! # The command line
//!
//! - `instructions PROGRAM N`: runs `PROGRAM` (say `rc_new_drop/std`) `N`
//!   times and exits. Every input and output goes through
//!   [`std::hint::black_box`], so nothing is computed ahead or thrown away.
//! - `instructions --list`: one line per comparison, tab-separated, for the
//!   script (see [`list`]).
//! - no arguments (what `cargo bench` runs, give or take a `--bench`): runs
//!   every program once, as a quick check that each still works, and exits;
//!   a single other argument narrows that to the programs whose name
//!   contains it.

mod drop_tree;

use deepsize::DeepSizeOf;
use ownkit::arena::{GenArena, Key};
use ownkit::graph::Graph;
use slotmap::{DefaultKey, SlotMap};
use std::hint::black_box;
use std::process::ExitCode;

/// Operations per measured run of the pointer programs.
const POINTER_OPS: u64 = 200_000;

/// Values allocated into one arena before it is dropped; an arena
/// program's operation is one such batch.
const ARENA_BATCH: u64 = 1_000;

/// Batches per measured run of the arena programs: 200 000 allocations.
const ARENA_BATCHES: u64 = 200;

/// Values in the `GenArena` and `SlotMap` fixtures, and operations per
/// measured run of their programs (each key is used once).
const GEN_SIZE: usize = 200_000;

/// Links in the `Box` chain the graph programs walk.
const CHAIN_LINKS: usize = 1_000;

/// Levels below the root of the 4-way tree: 1 + 4 + ... + 4^5 = 1365 nodes.
const TREE_DEPTH: u32 = 5;

/// `Rc`s in the shared-`Rc` vector.
const SHARED_RCS: usize = 1_000;

/// Records of ten `String`s in the record vector.
const RECORDS: usize = 100;

/// Nodes in each tree the traced-drop programs drop; each operation drops
/// one tree, out of `DROP_TREES` built in both runs.
const DROP_TREE_NODES: usize = 1_000;
const DROP_TREES: u64 = 200;

/// Heap blocks one round of the allocation churn (`heap/mod.rs`)
/// allocates, resizes (one of them) and frees.
const HEAP_BLOCKS_PER_ROUND: u64 = 3;

/// Rounds of churn per measured run while nobody observes.
const HEAP_CHURN_ROUNDS: u64 = 200_000;

/// Rounds of churn per measured run while a leak check or dhat's profiler
/// runs; dhat takes a backtrace per block, so fewer.
const HEAP_CHECKED_ROUNDS: u64 = 2_000;

/// Runs `op` `n` times. Never inlined, so each program's loop is a
/// function of its own, findable by name in `callgrind_annotate`.
#[inline(never)]
fn repeat(n: u64, mut op: impl FnMut()) {
    for _ in 0..n {
        op();
    }
}

/// One program: a name for the command line and what it runs.
struct Program {
    name: &'static str,
    run: fn(u64),
}

/// The programs. Each pair differs only in the type it exercises; the
/// fixtures are built before the loop and do not depend on `n`.
const PROGRAMS: &[Program] = &[
    // --- ownkit's pointers against std's
    Program {
        name: "box_new_drop/std",
        run: |n| {
            repeat(n, || {
                drop(black_box(std::boxed::Box::new(black_box(7_u64))))
            })
        },
    },
    Program {
        name: "box_new_drop/ownkit",
        run: |n| repeat(n, || drop(black_box(ownkit::Box::new(black_box(7_u64))))),
    },
    Program {
        name: "rc_new_drop/std",
        run: |n| repeat(n, || drop(black_box(std::rc::Rc::new(black_box(7_u64))))),
    },
    Program {
        name: "rc_new_drop/ownkit",
        run: |n| repeat(n, || drop(black_box(ownkit::Rc::new(black_box(7_u64))))),
    },
    Program {
        name: "rc_clone_drop/std",
        run: |n| {
            let rc = std::rc::Rc::new(7_u64);
            repeat(n, || drop(black_box(std::rc::Rc::clone(black_box(&rc)))));
        },
    },
    Program {
        name: "rc_clone_drop/ownkit",
        run: |n| {
            let rc = ownkit::Rc::new(7_u64);
            repeat(n, || drop(black_box(ownkit::Rc::clone(black_box(&rc)))));
        },
    },
    Program {
        name: "weak_upgrade_drop/std",
        run: |n| {
            let rc = std::rc::Rc::new(7_u64);
            let weak = std::rc::Rc::downgrade(&rc);
            repeat(n, || drop(black_box(black_box(&weak).upgrade())));
        },
    },
    Program {
        name: "weak_upgrade_drop/ownkit",
        run: |n| {
            let rc = ownkit::Rc::new(7_u64);
            let weak = ownkit::Rc::downgrade(&rc);
            repeat(n, || drop(black_box(black_box(&weak).upgrade())));
        },
    },
    Program {
        name: "refcell_borrow/std",
        run: |n| {
            let cell = std::cell::RefCell::new(7_u64);
            repeat(n, || {
                black_box(*black_box(&cell).borrow());
            });
        },
    },
    Program {
        name: "refcell_borrow/ownkit",
        run: |n| {
            let cell = ownkit::cell::RefCell::new(7_u64);
            repeat(n, || {
                black_box(*black_box(&cell).borrow());
            });
        },
    },
    Program {
        name: "refcell_borrow_mut/std",
        run: |n| {
            let cell = std::cell::RefCell::new(7_u64);
            repeat(n, || *black_box(&cell).borrow_mut() += 1);
            black_box(cell);
        },
    },
    Program {
        name: "refcell_borrow_mut/ownkit",
        run: |n| {
            let cell = ownkit::cell::RefCell::new(7_u64);
            repeat(n, || *black_box(&cell).borrow_mut() += 1);
            black_box(cell);
        },
    },
    Program {
        name: "cell_get_set/std",
        run: |n| {
            let cell = std::cell::Cell::new(7_u64);
            repeat(n, || {
                let cell = black_box(&cell);
                cell.set(cell.get().wrapping_add(1));
            });
            black_box(cell);
        },
    },
    Program {
        name: "cell_get_set/ownkit",
        run: |n| {
            let cell = ownkit::cell::Cell::new(7_u64);
            repeat(n, || {
                let cell = black_box(&cell);
                cell.set(cell.get().wrapping_add(1));
            });
            black_box(cell);
        },
    },
    Program {
        name: "arc_new_drop/std",
        run: |n| repeat(n, || drop(black_box(std::sync::Arc::new(black_box(7_u64))))),
    },
    Program {
        name: "arc_new_drop/ownkit",
        run: |n| repeat(n, || drop(black_box(ownkit::Arc::new(black_box(7_u64))))),
    },
    Program {
        name: "arc_clone_drop/std",
        run: |n| {
            let arc = std::sync::Arc::new(7_u64);
            repeat(n, || {
                drop(black_box(std::sync::Arc::clone(black_box(&arc))))
            });
        },
    },
    Program {
        name: "arc_clone_drop/ownkit",
        run: |n| {
            let arc = ownkit::Arc::new(7_u64);
            repeat(n, || drop(black_box(ownkit::Arc::clone(black_box(&arc)))));
        },
    },
    Program {
        name: "arc_weak_upgrade_drop/std",
        run: |n| {
            let arc = std::sync::Arc::new(7_u64);
            let weak = std::sync::Arc::downgrade(&arc);
            repeat(n, || drop(black_box(black_box(&weak).upgrade())));
        },
    },
    Program {
        name: "arc_weak_upgrade_drop/ownkit",
        run: |n| {
            let arc = ownkit::Arc::new(7_u64);
            let weak = ownkit::Arc::downgrade(&arc);
            repeat(n, || drop(black_box(black_box(&weak).upgrade())));
        },
    },
    // --- arenas: a batch of allocations into a new arena, then its drop
    Program {
        name: "arena_alloc/ownkit",
        run: |n| {
            repeat(n, || {
                let arena = ownkit::arena::Arena::new();
                for index in 0..black_box(ARENA_BATCH) {
                    black_box(arena.alloc(black_box(small(index))));
                }
                drop(black_box(arena));
            });
        },
    },
    Program {
        name: "arena_alloc/typed-arena",
        run: |n| {
            repeat(n, || {
                let arena = typed_arena::Arena::new();
                for index in 0..black_box(ARENA_BATCH) {
                    black_box(arena.alloc(black_box(small(index))));
                }
                drop(black_box(arena));
            });
        },
    },
    Program {
        name: "arena_alloc/bumpalo",
        run: |n| {
            repeat(n, || {
                let arena = bumpalo::Bump::new();
                for index in 0..black_box(ARENA_BATCH) {
                    black_box(arena.alloc(black_box(small(index))));
                }
                drop(black_box(arena));
            });
        },
    },
    // --- generational arenas: one operation per key, at most GEN_SIZE
    Program {
        name: "gen_insert/slotmap",
        run: |n| {
            let mut map = SlotMap::<DefaultKey, u64>::with_capacity(GEN_SIZE);
            let mut value = 0_u64;
            repeat(checked_gen_ops(n), || {
                black_box(map.insert(black_box(value)));
                value += 1;
            });
            black_box(map);
        },
    },
    Program {
        name: "gen_insert/ownkit",
        run: |n| {
            let mut arena = GenArena::<u64>::with_capacity(GEN_SIZE);
            let mut value = 0_u64;
            repeat(checked_gen_ops(n), || {
                black_box(arena.insert(black_box(value)));
                value += 1;
            });
            black_box(arena);
        },
    },
    Program {
        name: "gen_get/slotmap",
        run: |n| {
            let (map, keys) = full_slotmap();
            let mut keys = keys.iter();
            repeat(checked_gen_ops(n), || {
                let key = *keys.next().expect("one key per operation");
                black_box(black_box(&map).get(black_box(key)));
            });
        },
    },
    Program {
        name: "gen_get/ownkit",
        run: |n| {
            let (arena, keys) = full_gen_arena();
            let mut keys = keys.iter();
            repeat(checked_gen_ops(n), || {
                let key = *keys.next().expect("one key per operation");
                black_box(black_box(&arena).get(black_box(key)));
            });
        },
    },
    Program {
        name: "gen_remove/slotmap",
        run: |n| {
            let (mut map, keys) = full_slotmap();
            let mut keys = keys.iter();
            repeat(checked_gen_ops(n), || {
                let key = *keys.next().expect("one key per operation");
                black_box(map.remove(black_box(key)));
            });
            black_box(map);
        },
    },
    Program {
        name: "gen_remove/ownkit",
        run: |n| {
            let (mut arena, keys) = full_gen_arena();
            let mut keys = keys.iter();
            repeat(checked_gen_ops(n), || {
                let key = *keys.next().expect("one key per operation");
                black_box(arena.remove(black_box(key)));
            });
            black_box(arena);
        },
    },
    // --- the ownership graph against deepsize, on the same value
    Program {
        name: "graph_box_chain/ownkit",
        run: |n| walk_with_graph(n, &chain(CHAIN_LINKS)),
    },
    Program {
        name: "graph_box_chain/deepsize",
        run: |n| walk_with_deepsize(n, &chain(CHAIN_LINKS)),
    },
    Program {
        name: "graph_tree/ownkit",
        run: |n| walk_with_graph(n, &tree(TREE_DEPTH)),
    },
    Program {
        name: "graph_tree/deepsize",
        run: |n| walk_with_deepsize(n, &tree(TREE_DEPTH)),
    },
    Program {
        name: "graph_shared_rcs/ownkit",
        run: |n| walk_with_graph(n, &shared_rcs(SHARED_RCS)),
    },
    Program {
        name: "graph_shared_rcs/deepsize",
        run: |n| walk_with_deepsize(n, &shared_rcs(SHARED_RCS)),
    },
    Program {
        name: "graph_records/ownkit",
        run: |n| walk_with_graph(n, &records(RECORDS)),
    },
    Program {
        name: "graph_records/deepsize",
        run: |n| walk_with_deepsize(n, &records(RECORDS)),
    },
    // --- drop tracing compiled in, not capturing: a derived `TraceDrop`
    // tree against the same tree without it
    Program {
        name: "traced_drop/ownkit",
        run: |n| drop_some(n, drop_tree::traced),
    },
    Program {
        name: "traced_drop/plain",
        run: |n| drop_some(n, drop_tree::plain),
    },
];

/// One row of the script's tables: ownkit's program against a peer's.
struct Comparison {
    /// `pointers`, `arenas` or `graph`: which table the row goes in.
    table: &'static str,
    /// What the row measures, as the table shows it.
    what: String,
    /// The programs: ownkit's and the peer's. A name `TARGET:PROGRAM` is a
    /// program of another bench target (the heap rows, one target per
    /// global allocator).
    ours: String,
    peer: String,
    /// Operations in the measured run of ownkit's and of the peer's
    /// program (the baseline run has none).
    ours_ops: u64,
    peer_ops: u64,
    /// Units one operation stands for (allocations in a batch, links in a
    /// walked chain), and the unit's name: the tables report per unit.
    units: u64,
    unit: &'static str,
    /// The highest ownkit/peer ratio that meets the target (the targets
    /// are listed at the top of `BENCHMARKS.md`).
    target: Option<f64>,
}

/// The script's rows.
fn comparisons() -> Vec<Comparison> {
    let pointer = |what: &str, name: &str| Comparison {
        table: "pointers",
        what: what.to_owned(),
        ours: format!("{name}/ownkit"),
        peer: format!("{name}/std"),
        ours_ops: POINTER_OPS,
        peer_ops: POINTER_OPS,
        units: 1,
        unit: "op",
        target: Some(1.02),
    };
    let gen_arena = |what: &str, name: &str| Comparison {
        table: "arenas",
        what: what.to_owned(),
        ours: format!("{name}/ownkit"),
        peer: format!("{name}/slotmap"),
        ours_ops: GEN_SIZE as u64,
        peer_ops: GEN_SIZE as u64,
        units: 1,
        unit: "op",
        target: Some(1.00),
    };
    let arena = |peer: &str, target| Comparison {
        table: "arenas",
        what: format!("`Arena::alloc`, 24 bytes (per alloc, {ARENA_BATCH} per arena)"),
        ours: "arena_alloc/ownkit".to_owned(),
        peer: format!("arena_alloc/{peer}"),
        ours_ops: ARENA_BATCHES,
        peer_ops: ARENA_BATCHES,
        units: ARENA_BATCH,
        unit: "alloc",
        target: Some(target),
    };
    // deepsize is hundreds of times cheaper per walk than the graph, so it
    // gets more walks for a count of similar size.
    let traced_drop = Comparison {
        table: "trace",
        what: format!("drop of a traced tree, not capturing ({DROP_TREE_NODES} nodes)"),
        ours: "traced_drop/ownkit".to_owned(),
        peer: "traced_drop/plain".to_owned(),
        ours_ops: DROP_TREES,
        peer_ops: DROP_TREES,
        units: DROP_TREE_NODES as u64,
        unit: "node",
        target: Some(1.05),
    };
    let heap = |what: &str, ours: &str, peer: &str, ops, target| Comparison {
        table: "heap",
        what: what.to_owned(),
        ours: ours.to_owned(),
        peer: peer.to_owned(),
        ours_ops: ops,
        peer_ops: ops,
        units: HEAP_BLOCKS_PER_ROUND,
        unit: "block",
        target: Some(target),
    };
    let graph = |what: String, name: &str, units: usize, unit, ours_ops, peer_ops| Comparison {
        table: "graph",
        what,
        ours: format!("{name}/ownkit"),
        peer: format!("{name}/deepsize"),
        ours_ops,
        peer_ops,
        units: units as u64,
        unit,
        target: None,
    };
    vec![
        pointer("`Box::new` + drop (8 bytes)", "box_new_drop"),
        pointer("`Rc::new` + drop", "rc_new_drop"),
        pointer("`Rc::clone` + drop", "rc_clone_drop"),
        pointer("`Weak::upgrade` + drop", "weak_upgrade_drop"),
        pointer("`RefCell::borrow` + drop", "refcell_borrow"),
        pointer("`RefCell::borrow_mut` + write + drop", "refcell_borrow_mut"),
        pointer("`Cell::get` + `Cell::set`", "cell_get_set"),
        pointer("`Arc::new` + drop", "arc_new_drop"),
        pointer("`Arc::clone` + drop", "arc_clone_drop"),
        pointer("`sync::Weak::upgrade` + drop", "arc_weak_upgrade_drop"),
        arena("typed-arena", 1.00),
        arena("bumpalo", 1.10),
        gen_arena("`GenArena::insert` (room reserved)", "gen_insert"),
        gen_arena("`GenArena::get` (permuted keys)", "gen_get"),
        gen_arena("`GenArena::remove` (permuted keys)", "gen_remove"),
        traced_drop,
        heap(
            "allocation churn, nobody observing: `Tracking` against `System`",
            "heap_tracking:churn/tracking",
            "heap_system:churn/system",
            HEAP_CHURN_ROUNDS,
            1.05,
        ),
        heap(
            "allocation churn inside a leak check, against dhat's testing mode",
            "heap_tracking:checked/tracking",
            "heap_dhat:checked/dhat",
            HEAP_CHECKED_ROUNDS,
            0.10,
        ),
        graph(
            format!("chain of std `Box`es ({CHAIN_LINKS} links)"),
            "graph_box_chain",
            CHAIN_LINKS,
            "link",
            20,
            2_000,
        ),
        graph(
            format!(
                "4-way tree of `Vec<Box<Node>>` ({} nodes)",
                tree_nodes(TREE_DEPTH)
            ),
            "graph_tree",
            tree_nodes(TREE_DEPTH),
            "node",
            20,
            500,
        ),
        graph(
            format!("`Vec` of {SHARED_RCS} std `Rc`s sharing one value"),
            "graph_shared_rcs",
            SHARED_RCS,
            "`Rc`",
            20,
            200,
        ),
        graph(
            format!("`Vec` of {RECORDS} records of ten `String`s"),
            "graph_records",
            RECORDS,
            "record",
            20,
            5_000,
        ),
    ]
}

/// Prints the comparisons, one per line, tab-separated: table, what,
/// ownkit's program, its operations, the peer's program, its operations,
/// units per operation, the unit, and the target ratio (`-` for none).
fn list() {
    for row in comparisons() {
        let target = row
            .target
            .map_or_else(|| "-".to_owned(), |t| format!("{t:.2}"));
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            row.table,
            row.what,
            row.ours,
            row.ours_ops,
            row.peer,
            row.peer_ops,
            row.units,
            row.unit,
            target
        );
    }
}

// ------------------------------------------------------------------ arenas

/// A small value: three words, no destructor, so bumpalo (which never runs
/// destructors) does the same work as the two typed arenas.
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

/// `n`, after checking that the generational fixtures have a key for each
/// of `n` operations.
fn checked_gen_ops(n: u64) -> u64 {
    assert!(
        n <= GEN_SIZE as u64,
        "at most {GEN_SIZE} operations on a generational arena"
    );
    n
}

/// The visiting order of the keys: `i * STRIDE mod GEN_SIZE`, a permutation
/// because the prime `STRIDE` does not divide `GEN_SIZE`.
fn permutation() -> impl Iterator<Item = usize> {
    const STRIDE: usize = 7_919;
    (0..GEN_SIZE).map(|i| i * STRIDE % GEN_SIZE)
}

/// A full `SlotMap` and its keys in permuted order.
fn full_slotmap() -> (SlotMap<DefaultKey, u64>, Vec<DefaultKey>) {
    let mut map = SlotMap::with_capacity(GEN_SIZE);
    let keys: Vec<DefaultKey> = (0..GEN_SIZE as u64)
        .map(|value| map.insert(value))
        .collect();
    (map, permutation().map(|i| keys[i]).collect())
}

/// A full `GenArena` and its keys in permuted order.
fn full_gen_arena() -> (GenArena<u64>, Vec<Key>) {
    let mut arena = GenArena::with_capacity(GEN_SIZE);
    let keys: Vec<Key> = (0..GEN_SIZE as u64)
        .map(|value| arena.insert(value))
        .collect();
    (arena, permutation().map(|i| keys[i]).collect())
}

// ------------------------------------------------------------------- graph

/// Builds the ownership graph of `value` `n` times, dropping each graph:
/// the whole cost of asking for one.
fn walk_with_graph<T: ownkit::Walk>(n: u64, value: &T) {
    repeat(n, || drop(black_box(Graph::of(black_box(value)))));
}

/// Asks deepsize for the heap size of `value` `n` times.
fn walk_with_deepsize<T: DeepSizeOf>(n: u64, value: &T) {
    repeat(n, || {
        black_box(black_box(value).deep_size_of());
    });
}

/// One link of a chain of std `Box`es.
#[derive(ownkit::Walk, DeepSizeOf)]
struct Link {
    value: u64,
    next: Option<Box<Link>>,
}

/// A chain of `length` links (short enough to drop recursively).
fn chain(length: usize) -> Option<Box<Link>> {
    let mut head = None;
    for value in 0..length as u64 {
        head = Some(Box::new(Link { value, next: head }));
    }
    head
}

/// A node of a tree whose children are a `Vec` of std `Box`es.
#[derive(ownkit::Walk, DeepSizeOf)]
struct Node {
    value: u64,
    #[allow(
        clippy::vec_box,
        reason = "the shape under test: one heap block per node, each owned by its parent's Vec"
    )]
    children: Vec<Box<Node>>,
}

/// A full 4-way tree with `depth` levels below the root.
fn tree(depth: u32) -> Node {
    Node {
        value: u64::from(depth),
        children: if depth == 0 {
            Vec::new()
        } else {
            (0..4).map(|_| Box::new(tree(depth - 1))).collect()
        },
    }
}

/// The nodes of [`tree`]`(depth)`.
fn tree_nodes(depth: u32) -> usize {
    (0..=depth).map(|level| 4_usize.pow(level)).sum()
}

/// `count` std `Rc`s of one value.
fn shared_rcs(count: usize) -> Vec<std::rc::Rc<u64>> {
    let one = std::rc::Rc::new(7);
    (0..count).map(|_| std::rc::Rc::clone(&one)).collect()
}

/// A record of ten `String`s.
#[derive(ownkit::Walk, DeepSizeOf)]
struct Record {
    name: String,
    street: String,
    city: String,
    country: String,
    email: String,
    phone: String,
    company: String,
    title: String,
    note: String,
    tag: String,
}

fn records(count: usize) -> Vec<Record> {
    let text = |field: &str, index: usize| format!("{field} {index}");
    (0..count)
        .map(|i| Record {
            name: text("name", i),
            street: text("street", i),
            city: text("city", i),
            country: text("country", i),
            email: text("email", i),
            phone: text("phone", i),
            company: text("company", i),
            title: text("title", i),
            note: text("note", i),
            tag: text("tag", i),
        })
        .collect()
}

// -------------------------------------------------------------------- main

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; flags other than `--list` are ignored.
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|arg| arg == "--list") {
        list();
        return ExitCode::SUCCESS;
    }
    let words: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    match words[..] {
        [name, n] => {
            let Some(program) = PROGRAMS.iter().find(|program| program.name == name) else {
                eprintln!("no program named {name:?}; `--list` shows the comparisons");
                return ExitCode::FAILURE;
            };
            let Ok(n) = n.parse() else {
                eprintln!("the operation count must be a number, not {n:?}");
                return ExitCode::FAILURE;
            };
            (program.run)(n);
        }
        [] | [_] => {
            let filter = words.first().copied().unwrap_or("");
            let mut ran = 0;
            for program in PROGRAMS.iter().filter(|p| p.name.contains(filter)) {
                (program.run)(1);
                ran += 1;
            }
            println!(
                "instructions: ran {ran} programs once each; \
                 `python3 ownkit/benches/callgrind.py` counts their instructions"
            );
        }
        _ => {
            eprintln!("usage: instructions [PROGRAM N | --list | FILTER]");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

// ------------------------------------------------------------ drop tracing

/// Builds `DROP_TREES` trees, drops `n` of them and forgets the rest, so
/// that the run with `n` operations differs from the baseline by exactly
/// `n` drops.
fn drop_some<N>(n: u64, make: fn(usize) -> Option<Box<N>>) {
    assert!(
        n <= DROP_TREES,
        "at most {DROP_TREES} drops per run, not {n}"
    );
    let mut trees: Vec<Option<Box<N>>> = (0..DROP_TREES).map(|_| make(DROP_TREE_NODES)).collect();
    for tree in trees.drain(..n as usize) {
        drop(black_box(tree));
    }
    // Not dropped in either run: only the `n` drops differ.
    core::mem::forget(trees);
}
