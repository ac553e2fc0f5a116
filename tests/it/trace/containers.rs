//! std's containers inside traced types are seen through: they add path
//! segments and record nothing themselves.

use super::support::{Leaf, traced};
use ownkit::TraceDrop;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::rc::Rc;
use std::sync::Arc;

/// The example of the `trace` module docs, with an ownkit Box in the
/// middle and a Vec at the end.
#[derive(TraceDrop)]
struct Outer {
    a: Leaf,
    b: ownkit::Box<Mid>,
    v: Vec<Leaf>,
}

#[derive(TraceDrop)]
struct Mid {
    leaf: Leaf,
}

#[test]
fn the_design_example() {
    let (report, logged) = traced(|| {
        drop(Outer {
            a: Leaf("a"),
            b: ownkit::Box::new(Mid { leaf: Leaf("mid") }),
            v: vec![Leaf("v0"), Leaf("v1")],
        });
    });
    assert_eq!(logged, ["a", "mid", "v0", "v1"]);
    report.assert_paths(&[
        "Outer",
        "Outer.a",
        "Outer.b",
        "Outer.b.*",
        "Outer.b.*.leaf",
        "Outer.v[0]",
        "Outer.v[1]",
    ]);
    assert!(report.is_certain());
}

#[derive(TraceDrop)]
struct Everything {
    boxed: Box<Leaf>,
    optional: Option<Leaf>,
    missing: Option<Leaf>,
    pair: (Leaf, Leaf),
    array: [Leaf; 2],
    queue: VecDeque<Leaf>,
    cell: RefCell<Leaf>,
    nested: Vec<Option<Box<Leaf>>>,
    text: String,
}

#[test]
fn std_containers_add_segments_and_nothing_else() {
    let (report, logged) = traced(|| {
        drop(Everything {
            boxed: Box::new(Leaf("boxed")),
            optional: Some(Leaf("optional")),
            missing: None,
            pair: (Leaf("pair0"), Leaf("pair1")),
            array: [Leaf("array0"), Leaf("array1")],
            queue: VecDeque::from([Leaf("queue0"), Leaf("queue1")]),
            cell: RefCell::new(Leaf("cell")),
            nested: vec![None, Some(Box::new(Leaf("nested1")))],
            text: String::from("a leaf of text"),
        });
    });
    assert_eq!(
        logged,
        [
            "boxed", "optional", "pair0", "pair1", "array0", "array1", "queue0", "queue1", "cell",
            "nested1"
        ]
    );
    report.assert_paths(&[
        "Everything",
        "Everything.boxed.*",
        "Everything.optional",
        "Everything.pair.0",
        "Everything.pair.1",
        "Everything.array[0]",
        "Everything.array[1]",
        "Everything.queue[0]",
        "Everything.queue[1]",
        "Everything.cell",
        "Everything.nested[1].*",
    ]);
    assert!(report.is_certain());
}

#[derive(TraceDrop)]
struct Maps {
    sorted: BTreeMap<u32, Leaf>,
    hashed: HashMap<u32, Leaf>,
}

#[test]
fn map_entries_are_key_value_pairs_in_iteration_order() {
    let mut hashed = HashMap::new();
    hashed.insert(1, Leaf("h1"));
    hashed.insert(2, Leaf("h2"));
    // HashMap drops in its iteration order, whatever the hasher chose.
    let hashed_order: Vec<&'static str> = hashed.values().map(|leaf| leaf.0).collect();
    let (report, logged) = traced(|| {
        drop(Maps {
            sorted: BTreeMap::from([(2, Leaf("s2")), (1, Leaf("s1"))]),
            hashed,
        });
    });
    let mut expected = vec!["s1", "s2"];
    expected.extend(hashed_order);
    assert_eq!(logged, expected);
    report.assert_paths(&[
        "Maps",
        "Maps.sorted[0].1",
        "Maps.sorted[1].1",
        "Maps.hashed[0].1",
        "Maps.hashed[1].1",
    ]);
}

#[derive(TraceDrop)]
struct Shared {
    rc: Rc<Leaf>,
    arc: Arc<Leaf>,
}

#[test]
fn std_rc_and_arc_are_followed_only_when_last_owner() {
    let kept = Rc::new(Leaf("shared rc"));
    let (report, logged) = traced(|| {
        drop(Shared {
            rc: Rc::clone(&kept),
            arc: Arc::new(Leaf("last arc")),
        });
    });
    // The Rc had another owner, so its value lived on.
    assert_eq!(logged, ["last arc"]);
    report.assert_paths(&["Shared", "Shared.arc.*"]);
    let (report, logged) = traced(|| drop(kept));
    assert_eq!(logged, ["shared rc"]);
    report.assert_paths(&["Leaf"]);
}

#[test]
fn a_vec_of_boxes_of_structs() {
    let (report, logged) = traced(|| {
        let scene: Vec<Box<Mid>> = vec![
            Box::new(Mid {
                leaf: Leaf("first"),
            }),
            Box::new(Mid {
                leaf: Leaf("second"),
            }),
        ];
        drop(scene);
    });
    assert_eq!(logged, ["first", "second"]);
    // A Vec as a local records nothing: each Mid is a root.
    report.assert_paths(&["Mid", "Mid.leaf", "Mid", "Mid.leaf"]);
}

#[derive(TraceDrop)]
struct InACell {
    cell: std::cell::Cell<Option<Leaf>>,
}

#[test]
fn a_value_inside_a_cell_is_placed_by_address_and_flagged() {
    let (report, logged) = traced(|| {
        drop(InACell {
            cell: std::cell::Cell::new(Some(Leaf("in a cell"))),
        });
    });
    assert_eq!(logged, ["in a cell"]);
    // A Cell cannot be looked into, so the leaf is not announced; it drops
    // inside the cell's bytes, which places it, but only by address.
    // The flag says why, in the walk's words.
    report.assert_paths(&["InACell", "InACell.cell"]);
    assert!(!report.is_certain(), "{report}");
    let leaf = report.roots().get(0).unwrap().children().get(0).unwrap();
    assert_eq!(
        leaf.uncertain(),
        Some(
            "placed by address: it lies inside `InACell.cell`, which ownkit cannot see \
             into: a Cell never lends out its value"
        ),
        "{report}"
    );
}
