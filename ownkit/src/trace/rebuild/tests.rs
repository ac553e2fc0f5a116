//! The rules, fed synthetic record streams.

use super::*;
use alloc_crate::string::String;
use alloc_crate::string::ToString;
use alloc_crate::vec;

static PAIR: Shape = Shape::structure("Pair", &["left", "right"]);
static LEAF: Shape = Shape::structure("Leaf", &[]);
static NAMES: [&str; 2] = ["it::Pair", "it::Leaf"];
const PAIR_NAME: u32 = 0;
const LEAF_NAME: u32 = 1;

fn record(name: u32, event: Event) -> Record {
    Record {
        capture: 1,
        name,
        event,
    }
}

fn begin(name: u32, address: usize) -> Record {
    let shape = if name == PAIR_NAME { &PAIR } else { &LEAF };
    record(
        name,
        Event::Begin {
            address,
            shape: Some(shape),
            variant: 0,
        },
    )
}

fn expect_leaf(address: usize) -> Record {
    record(LEAF_NAME, Event::Expect { address })
}

fn field(name: &'static str) -> Record {
    record(0, Event::Field(name))
}

fn truncate(keep: u32) -> Record {
    record(0, Event::Truncate { keep })
}

/// A pair at `address` announcing its two leaves, and their drops.
fn pair_drop(address: usize) -> Vec<Record> {
    vec![
        begin(PAIR_NAME, address),
        field("left"),
        expect_leaf(address),
        truncate(0),
        field("right"),
        expect_leaf(address + 4),
        begin(LEAF_NAME, address),
        begin(LEAF_NAME, address + 4),
    ]
}

#[test]
fn one_address_dropped_twice_is_two_roots() {
    let mut records = pair_drop(0x100);
    records.extend(pair_drop(0x100));
    let report = rebuild(&records, &NAMES, 0);
    report.assert_paths(&[
        "Pair",
        "Pair.left",
        "Pair.right",
        "Pair",
        "Pair.left",
        "Pair.right",
    ]);
    assert_eq!(report.roots().len(), 2);
    assert!(report.is_certain(), "{report}");
}

#[test]
fn a_first_field_at_its_parents_address_is_matched_by_type() {
    // The pair and its left leaf share an address; a second pair there
    // must not be taken for the leaf.
    let records = vec![
        begin(PAIR_NAME, 0x100),
        field("left"),
        expect_leaf(0x100),
        begin(PAIR_NAME, 0x100),
    ];
    let report = rebuild(&records, &NAMES, 0);
    report.assert_paths(&["Pair", "Pair"]);
    assert_eq!(report.anomalies().len(), 1, "{report}");
    assert_eq!(report.anomalies()[0].path(), "Pair.left");
}

#[test]
fn a_later_sibling_finishes_the_frames_opened_before_it() {
    // `left` announces a leaf that never comes; `right` then begins, so
    // `left` is done and its missing leaf is an anomaly.
    let records = vec![
        begin(PAIR_NAME, 0x100),
        field("left"),
        record(PAIR_NAME, Event::Expect { address: 0x200 }),
        truncate(0),
        field("right"),
        expect_leaf(0x300),
        begin(PAIR_NAME, 0x200),
        field("left"),
        expect_leaf(0x200),
        begin(LEAF_NAME, 0x300),
    ];
    let report = rebuild(&records, &NAMES, 0);
    report.assert_paths(&["Pair", "Pair.left", "Pair.right"]);
    assert_eq!(report.anomalies().len(), 1, "{report}");
    assert_eq!(report.anomalies()[0].path(), "Pair.left.left");
}

#[test]
fn an_unannounced_drop_outside_any_opaque_field_is_a_guess_under_it() {
    let records = vec![
        begin(PAIR_NAME, 0x100),
        field("left"),
        record(
            0,
            Event::Opaque {
                address: 0x100,
                size: 4,
                explained: false,
            },
        ),
        begin(LEAF_NAME, 0x9000),
    ];
    let report = rebuild(&records, &NAMES, 0);
    report.assert_paths(&["Pair", "Pair.?"]);
    let reason = report
        .roots()
        .get(0)
        .unwrap()
        .children()
        .get(0)
        .unwrap()
        .uncertain()
        .expect("a guess");
    assert!(reason.contains("cannot see into"), "{reason}");
    assert!(!report.is_certain());
}

/// The names of `NAMES`, and the reason a walk gave for hiding a field.
static NAMES_AND_REASON: [&str; 3] = ["it::Pair", "it::Leaf", "the reason it was hidden"];
const REASON: u32 = 2;

/// A pair whose field `.left` (4 bytes at 0x100) was hidden, with a reason.
fn pair_with_hidden_left() -> Vec<Record> {
    vec![
        begin(PAIR_NAME, 0x100),
        field("left"),
        record(
            REASON,
            Event::Opaque {
                address: 0x100,
                size: 4,
                explained: true,
            },
        ),
    ]
}

/// The reason the only child of the only root was placed as it was.
fn child_reason(report: &DropReport) -> String {
    let root = report.roots().get(0).expect("a root");
    let child = root.children().get(0).expect("a child");
    child.uncertain().expect("flagged").to_string()
}

#[test]
fn a_drop_placed_inside_a_hidden_field_gives_the_walk_s_reason() {
    let mut records = pair_with_hidden_left();
    records.push(begin(LEAF_NAME, 0x102));
    let report = rebuild(&records, &NAMES_AND_REASON, 0);
    report.assert_paths(&["Pair", "Pair.left"]);
    assert_eq!(
        child_reason(&report),
        "placed by address: it lies inside `Pair.left`, which ownkit cannot see into: \
         the reason it was hidden"
    );
}

#[test]
fn a_drop_guessed_under_a_value_with_hidden_fields_gives_their_reasons_once() {
    let mut records = pair_with_hidden_left();
    records.extend([
        truncate(0),
        field("right"),
        record(
            REASON,
            Event::Opaque {
                address: 0x104,
                size: 4,
                explained: true,
            },
        ),
        begin(LEAF_NAME, 0x9000),
    ]);
    let report = rebuild(&records, &NAMES_AND_REASON, 0);
    report.assert_paths(&["Pair", "Pair.?"]);
    assert_eq!(
        child_reason(&report),
        "nothing announced it; it dropped while `Pair`, which has fields ownkit cannot see \
         into, was dropping: the reason it was hidden"
    );
}

#[test]
fn a_field_hidden_without_a_reason_adds_none() {
    let records = vec![
        begin(PAIR_NAME, 0x100),
        field("left"),
        record(
            0,
            Event::Opaque {
                address: 0x100,
                size: 4,
                explained: false,
            },
        ),
        begin(LEAF_NAME, 0x100),
    ];
    let report = rebuild(&records, &NAMES_AND_REASON, 0);
    assert_eq!(
        child_reason(&report),
        "placed by address: it lies inside `Pair.left`, which ownkit cannot see into"
    );
}

#[test]
fn an_unannounced_drop_with_nothing_running_is_an_exact_root() {
    let records = vec![begin(LEAF_NAME, 0x100), begin(LEAF_NAME, 0x200)];
    let report = rebuild(&records, &NAMES, 0);
    report.assert_paths(&["Leaf", "Leaf"]);
    assert!(report.is_certain());
}

#[test]
fn a_pointer_takes_over_what_was_announced_inside_its_target() {
    let records = vec![
        begin(PAIR_NAME, 0x100),
        field("left"),
        record(
            LEAF_NAME,
            Event::ExpectPointer {
                address: 0x100,
                kind: PointerKind::Box,
                shared: false,
            },
        ),
        record(0, Event::Deref),
        expect_leaf(0x5000),
        record(
            LEAF_NAME,
            Event::PointerBegin {
                address: 0x100,
                target: 0x5000,
                kind: PointerKind::Box,
                strong: 1,
                drops_target: true,
            },
        ),
        begin(LEAF_NAME, 0x5000),
        record(
            0,
            Event::Free {
                address: 0x5000,
                size: 4,
                align: 4,
            },
        ),
        record(
            0,
            Event::End {
                address: 0x100,
                kind: PointerKind::Box,
            },
        ),
    ];
    let report = rebuild(&records, &NAMES, 0);
    report.assert_tree(
        "
        Pair
        └── left: Box<Leaf>
            ├── *: Leaf
            └── freed 4 bytes (align 4)
        ",
    );
    assert!(report.is_certain(), "{report}");
    assert_eq!(report.freed()[0].path, "Pair.left");
}

#[test]
fn an_end_finishes_what_began_inside_the_pointer() {
    let records = vec![
        record(
            PAIR_NAME,
            Event::PointerBegin {
                address: 0x100,
                target: 0x5000,
                kind: PointerKind::Box,
                strong: 1,
                drops_target: true,
            },
        ),
        begin(PAIR_NAME, 0x5000),
        field("left"),
        expect_leaf(0x5000),
        record(
            0,
            Event::End {
                address: 0x100,
                kind: PointerKind::Box,
            },
        ),
        begin(LEAF_NAME, 0x5000),
    ];
    let report = rebuild(&records, &NAMES, 0);
    report.assert_paths(&["Box<Pair>", "Box<Pair>.*", "Leaf"]);
    assert_eq!(report.anomalies().len(), 1, "{report}");
    assert_eq!(report.anomalies()[0].path(), "Box<Pair>.*.left");
}

fn arena_begin(kind: PointerKind, address: usize, target: usize) -> Record {
    record(
        LEAF_NAME,
        Event::PointerBegin {
            address,
            target,
            kind,
            strong: 1,
            drops_target: true,
        },
    )
}

fn free(address: usize, size: usize) -> Record {
    record(
        0,
        Event::Free {
            address,
            size,
            align: 8,
        },
    )
}

#[test]
fn a_gen_arena_takes_over_its_slots_and_places_strays_under_it() {
    let records = vec![
        begin(PAIR_NAME, 0x100),
        field("left"),
        record(
            LEAF_NAME,
            Event::ExpectPointer {
                address: 0x100,
                kind: PointerKind::GenArena,
                shared: false,
            },
        ),
        // Rule (a): `[2]` nests inside the arena, no `.*` needed.
        record(0, Event::Index(2)),
        expect_leaf(0x5020),
        truncate(0),
        field("right"),
        expect_leaf(0x200),
        arena_begin(PointerKind::GenArena, 0x100, 0x5000),
        begin(LEAF_NAME, 0x5020),
        // Nobody announced it: under the arena, as `[?]`.
        begin(LEAF_NAME, 0x9000),
        free(0x5000, 48),
        record(
            0,
            Event::End {
                address: 0x100,
                kind: PointerKind::GenArena,
            },
        ),
        begin(LEAF_NAME, 0x200),
    ];
    let report = rebuild(&records, &NAMES, 0);
    report.assert_tree(
        "
        Pair
        ├── left: GenArena<Leaf>
        │   ├── [2]: Leaf
        │   ├── [?]: Leaf (uncertain: nothing announced it; it dropped while the arena `Pair.left` was dropping its values, which no traced value announced)
        │   └── freed 48 bytes (align 8)
        └── right: Leaf
        ",
    );
    // Rule (b): no `.*` target was expected, so nothing is missing.
    assert!(report.anomalies().is_empty(), "{report}");
    assert_eq!(report.freed()[0].path, "Pair.left");
}

#[test]
fn a_typed_arena_owns_the_blocks_freed_while_it_is_the_innermost_pointer() {
    let records = vec![
        begin(PAIR_NAME, 0x100),
        field("left"),
        record(
            LEAF_NAME,
            Event::ExpectPointer {
                address: 0x100,
                kind: PointerKind::Arena,
                shared: false,
            },
        ),
        // What the arena hides is its own frame's business.
        record(
            0,
            Event::Opaque {
                address: 0x100,
                size: 56,
                explained: false,
            },
        ),
        truncate(0),
        field("right"),
        expect_leaf(0x200),
        arena_begin(PointerKind::Arena, 0x100, 0),
        // A value with an opaque field stays open...
        begin(PAIR_NAME, 0x7000),
        field("left"),
        record(
            0,
            Event::Opaque {
                address: 0x7000,
                size: 4,
                explained: false,
            },
        ),
        // ...but rule (c) gives the chunk to the arena and closes it.
        free(0x7000, 32),
        record(
            0,
            Event::End {
                address: 0x100,
                kind: PointerKind::Arena,
            },
        ),
        begin(LEAF_NAME, 0x200),
        // The pair has no opaque field from the arena's hidden bytes,
        // so a later unannounced drop is a root of its own.
        begin(LEAF_NAME, 0x9999),
    ];
    let report = rebuild(&records, &NAMES, 0);
    report.assert_tree(
        "
        Pair
        ├── left: Arena<Leaf>
        │   ├── [?]: Pair (uncertain: nothing announced it; it dropped while the arena `Pair.left` was dropping its values, which are lent out and not announced)
        │   └── freed 32 bytes (align 8)
        └── right: Leaf
        Leaf
        ",
    );
    assert!(report.anomalies().is_empty(), "{report}");
}

#[test]
fn a_block_freed_outside_any_pointer_and_lost_events_are_listed() {
    let records = vec![record(
        0,
        Event::Free {
            address: 0x40,
            size: 24,
            align: 8,
        },
    )];
    let report = rebuild(&records, &NAMES, 2);
    assert_eq!(
        report.to_string(),
        "freed 24 bytes (align 8)\nlost: 2 events\n"
    );
    assert_eq!(report.freed()[0].path, "");
    assert_eq!(report.lost_events(), 2);
    assert!(!report.is_certain());
}

#[test]
fn labels_are_made_per_type_and_per_variant() {
    static TREE: Shape = Shape::enumeration(
        "Tree",
        &[
            crate::trace::VariantShape::new("Leaf", &[]),
            crate::trace::VariantShape::new("Node", &["0"]),
        ],
    );
    static TREE_NAMES: [&str; 1] = ["it::Tree"];
    let begin_variant = |address, shape: Option<&'static Shape>, variant| {
        record(
            0,
            Event::Begin {
                address,
                shape,
                variant,
            },
        )
    };
    let records = vec![
        begin_variant(0x100, Some(&TREE), 1),
        begin_variant(0x200, Some(&TREE), 0),
        begin_variant(0x300, Some(&TREE), 1),
        // The same type described by a hand-written walk.
        begin_variant(0x400, None, 0),
    ];
    let report = rebuild(&records, &TREE_NAMES, 0);
    report.assert_paths(&["Tree::Node", "Tree::Leaf", "Tree::Node", "Tree"]);
    let labels: Vec<&str> = report.roots().map(|root| root.label()).collect();
    assert_eq!(labels, ["Tree::Node", "Tree::Leaf", "Tree::Node", "Tree"]);
}

#[test]
fn a_deep_chain_prints_and_lists_its_paths_without_recursion() {
    // Each pair announces the next one as its `left`; the last one
    // announces nothing.
    let depth: usize = if cfg!(miri) { 40 } else { 1_500 };
    let mut records = Vec::new();
    for level in 0..depth {
        let address = 0x1000 + level * 0x10;
        records.push(begin(PAIR_NAME, address));
        if level + 1 < depth {
            records.push(field("left"));
            records.push(record(
                PAIR_NAME,
                Event::Expect {
                    address: address + 0x10,
                },
            ));
        }
    }
    let report = rebuild(&records, &NAMES, 0);
    assert!(report.is_certain(), "{}", report.anomalies().len());
    // A small stack: printing must not take stack space per level.
    let text = std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(move || report.to_string())
        .expect("a thread")
        .join()
        .expect("printed without overflowing the stack");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), depth);
    assert_eq!(lines[0], "Pair");
    assert_eq!(lines[1], "└── left: Pair");
    let indent = "    ".repeat(depth - 2);
    assert_eq!(lines[depth - 1], format!("{indent}└── left: Pair"));
}

#[test]
fn nodes_can_be_counted_indexed_and_walked_both_ways() {
    let mut records = pair_drop(0x100);
    records.extend(pair_drop(0x200));
    let report = rebuild(&records, &NAMES, 0);
    let roots = report.roots();
    assert_eq!((roots.len(), roots.is_empty()), (2, false));
    let first = roots.get(0).expect("two roots");
    assert_eq!(first.address(), 0x100);
    assert!(roots.get(2).is_none());
    let backwards: Vec<usize> = report.roots().rev().map(|root| root.address()).collect();
    assert_eq!(backwards, [0x200, 0x100]);
    let children: Vec<String> = first.children().map(|child| child.path()).collect();
    assert_eq!(children, ["Pair.left", "Pair.right"]);
    assert!(
        first
            .children()
            .get(0)
            .expect("a leaf")
            .children()
            .is_empty()
    );
    assert_eq!(format!("{first:?}").matches("Pair.left").count(), 0);
    assert!(format!("{first:?}").contains("children: 2"));
}

/// The `Label` records of `text`.
fn label(text: &str) -> Vec<Record> {
    crate::trace::event::LabelPiece::split(text)
        .map(|piece| record(0, Event::Label(piece)))
        .collect()
}

#[test]
fn label_pieces_name_the_value_that_began_last() {
    let long = "\"a label of more than one record\"";
    let mut records = vec![begin(PAIR_NAME, 0x100)];
    records.extend(label(long));
    records.extend([
        field("left"),
        expect_leaf(0x100),
        truncate(0),
        field("right"),
        expect_leaf(0x104),
        begin(LEAF_NAME, 0x100),
    ]);
    records.extend(label("1"));
    records.push(begin(LEAF_NAME, 0x104));
    // A second leaf of the same type: its label is its own, and the
    // type's label it starts from is not changed.
    records.extend(label("2"));
    records.push(begin(LEAF_NAME, 0x200));
    let report = rebuild(&records, &NAMES, 0);
    report.assert_tree(&alloc_crate::format!(
        "
        Pair {long}
        ├── left: Leaf 1
        └── right: Leaf 2
        Leaf
        "
    ));
    // Paths name values by type and field only.
    report.assert_paths(&["Pair", "Pair.left", "Pair.right", "Leaf"]);
    assert!(report.is_certain(), "{report}");
}

#[test]
fn a_label_with_no_value_just_begun_is_ignored() {
    let mut records = label("nobody's");
    records.push(begin(LEAF_NAME, 0x100));
    records.push(record(
        0,
        Event::Free {
            address: 0x900,
            size: 8,
            align: 8,
        },
    ));
    // After a `Free`, the leaf's frame takes no more.
    records.extend(label("late"));
    let report = rebuild(&records, &NAMES, 0);
    assert_eq!(report.roots().get(0).unwrap().label(), "Leaf");
}
