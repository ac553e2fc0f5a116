//! Where the report places each drop: under which parent, at which path,
//! exactly or flagged uncertain, and what it reports as an anomaly. Every
//! type here is derived, every pointer and container is the real one, and
//! the drop hooks' log says what the compiler really did.

use super::support::{Leaf, Marker, Outer, Pair, log, pair, traced};
use ownkit::TraceDrop;
use ownkit::trace::{DropHook, record_drop};
use std::mem::{align_of, size_of};
use std::panic::{AssertUnwindSafe, catch_unwind};

#[test]
fn nested_structs_pointers_and_sequences() {
    let (report, logged) = traced(|| {
        drop(Outer {
            a: Leaf("a"),
            b: ownkit::Box::new(pair("b.left", "b.right")),
            v: vec![Leaf("v0"), Leaf("v1")],
        });
    });
    assert_eq!(logged, ["a", "b.left", "b.right", "v0", "v1"]);
    report.assert_paths(&[
        "Outer",
        "Outer.a",
        "Outer.b",
        "Outer.b.*",
        "Outer.b.*.left",
        "Outer.b.*.right",
        "Outer.v[0]",
        "Outer.v[1]",
    ]);
    assert!(report.is_certain(), "{report}");
    let freed = report.freed();
    assert_eq!(freed.len(), 1, "{report}");
    assert_eq!(
        (freed[0].path.as_str(), freed[0].size, freed[0].align),
        ("Outer.b", size_of::<Pair>(), align_of::<Pair>())
    );
}

#[test]
fn locals_drop_in_reverse_order_as_separate_roots() {
    let (report, logged) = traced(|| {
        let _first = Leaf("first");
        let _second = pair("second.left", "second.right");
    });
    assert_eq!(logged, ["second.left", "second.right", "first"]);
    // The leaf dropped right after the pair's fields is not one of them.
    report.assert_paths(&["Pair", "Pair.left", "Pair.right", "Leaf"]);
    assert_eq!(report.roots().len(), 2, "{report}");
    assert!(report.is_certain(), "{report}");
}

/// Two zero-sized fields of one type: one address, one type, so only the
/// order in which they were announced tells them apart.
#[derive(TraceDrop)]
struct Zsts {
    first: Marker<'x'>,
    second: Marker<'x'>,
}

#[test]
fn zero_sized_fields_of_one_type_at_one_address_match_in_order() {
    let value = Zsts {
        first: Marker,
        second: Marker,
    };
    assert_eq!(
        ownkit::trace::address_of(&value.first),
        ownkit::trace::address_of(&value.second)
    );
    let (report, logged) = traced(|| drop(value));
    assert_eq!(logged, ["x", "x"]);
    report.assert_paths(&["Zsts", "Zsts.first", "Zsts.second"]);
    assert!(report.is_certain(), "{report}");
}

/// std's `Box` and `Vec` holding structs that have traced fields of their
/// own.
#[derive(TraceDrop)]
struct InStdBox {
    inner: Box<Pair>,
    list: Vec<Pair>,
}

#[test]
fn std_boxes_and_vectors_are_seen_through() {
    let value = InStdBox {
        inner: Box::new(pair("inner.left", "inner.right")),
        list: vec![pair("list0.left", "list0.right")],
    };
    let (report, logged) = traced(|| drop(value));
    assert_eq!(
        logged,
        ["inner.left", "inner.right", "list0.left", "list0.right"]
    );
    report.assert_paths(&[
        "InStdBox",
        "InStdBox.inner.*",
        "InStdBox.inner.*.left",
        "InStdBox.inner.*.right",
        "InStdBox.list[0]",
        "InStdBox.list[0].left",
        "InStdBox.list[0].right",
    ]);
    // std's box frees its block itself, unrecorded.
    assert!(report.freed().is_empty(), "{report}");
    assert!(report.is_certain(), "{report}");
}

/// A field marked opaque: only its address and size are announced.
#[derive(TraceDrop)]
struct Sealed {
    before: Leaf,
    #[ownkit(opaque)]
    contents: Pair,
    after: Leaf,
}

#[test]
fn an_opaque_field_places_its_contents_as_uncertain() {
    let value = Sealed {
        before: Leaf("before"),
        contents: pair("contents.left", "contents.right"),
        after: Leaf("after"),
    };
    let (report, logged) = traced(|| drop(value));
    assert_eq!(
        logged,
        ["before", "contents.left", "contents.right", "after"]
    );
    report.assert_paths(&[
        "Sealed",
        "Sealed.before",
        "Sealed.contents",
        "Sealed.contents.left",
        "Sealed.contents.right",
        "Sealed.after",
    ]);
    assert!(!report.is_certain(), "{report}");
    let sealed = report.roots().get(0).unwrap();
    assert!(sealed.children().get(0).unwrap().uncertain().is_none());
    let contents = sealed.children().get(1).unwrap();
    assert_eq!(contents.label(), "Pair");
    let reason = contents.uncertain().expect("placed by address");
    assert!(reason.contains("Sealed.contents"), "{reason}");
    // The pair announces its own fields: they are exact under it.
    assert_eq!(contents.children().len(), 2, "{report}");
    assert!(contents.children().all(|leaf| leaf.uncertain().is_none()));
    assert!(sealed.children().get(2).unwrap().uncertain().is_none());
    assert!(report.anomalies().is_empty(), "{report}");
}

/// A packed struct: every field is opaque, and moves before it drops.
#[derive(TraceDrop)]
#[repr(C, packed)]
struct Wire {
    tag: u8,
    body: Pair,
}

#[test]
fn the_fields_of_a_packed_struct_are_flagged_uncertain() {
    let value = Wire {
        tag: 1,
        body: pair("body.left", "body.right"),
    };
    let (report, logged) = traced(|| drop(value));
    assert_eq!(logged, ["body.left", "body.right"]);
    assert_eq!(report.roots().len(), 1, "{report}");
    let wire = report.roots().get(0).unwrap();
    assert_eq!(wire.path(), "Wire");
    assert_eq!(wire.children().len(), 1, "{report}");
    let body = wire.children().get(0).unwrap();
    assert_eq!(body.label(), "Pair");
    assert!(body.uncertain().is_some(), "{report}");
    // The pair itself announces its fields: they are exact under it.
    let leaves: Vec<&str> = body.children().map(|leaf| leaf.label()).collect();
    assert_eq!(leaves, ["Leaf", "Leaf"], "{report}");
    assert!(body.children().all(|leaf| leaf.uncertain().is_none()));
    assert!(!report.is_certain());
    assert!(report.anomalies().is_empty(), "{report}");
}

/// Forgets a field from its hook, after the field was announced.
#[derive(TraceDrop)]
#[ownkit(hook)]
struct Forgetful {
    kept: Leaf,
    lost: Option<Leaf>,
}

impl DropHook for Forgetful {
    fn drop_hook(&mut self) {
        std::mem::forget(self.lost.take());
    }
}

#[test]
fn an_announced_child_that_never_drops_is_an_anomaly() {
    let (report, logged) = traced(|| {
        drop(Forgetful {
            kept: Leaf("kept"),
            lost: Some(Leaf("lost")),
        });
    });
    assert_eq!(logged, ["kept"]);
    report.assert_paths(&["Forgetful", "Forgetful.kept"]);
    assert_eq!(report.anomalies().len(), 1, "{report}");
    assert_eq!(report.anomalies()[0].path(), "Forgetful.lost");
    assert!(!report.is_certain());
    assert!(
        report
            .to_string()
            .contains("anomaly: `Forgetful.lost` (Leaf)"),
        "{report}"
    );
}

/// Panics when dropped; not traced itself.
struct Fuse;

impl Drop for Fuse {
    fn drop(&mut self) {
        panic!("the fuse blew on purpose");
    }
}

/// Records its drop, logs it, then its untraced field panics.
#[derive(TraceDrop)]
#[ownkit(hook)]
struct Charge {
    #[ownkit(skip)]
    _fuse: Fuse,
}

impl DropHook for Charge {
    fn drop_hook(&mut self) {
        log("charge");
    }
}

#[derive(TraceDrop)]
struct Detonator {
    charge: Charge,
    after: Leaf,
}

#[test]
fn a_panicking_field_drop_is_recorded_and_the_rest_still_drops() {
    let (report, logged) = traced(|| {
        let value = Detonator {
            charge: Charge { _fuse: Fuse },
            after: Leaf("after"),
        };
        let result = catch_unwind(AssertUnwindSafe(|| drop(value)));
        assert!(result.is_err());
    });
    // The compiler goes on dropping the other fields while unwinding.
    assert_eq!(logged, ["charge", "after"]);
    report.assert_paths(&["Detonator", "Detonator.charge", "Detonator.after"]);
    assert!(report.is_certain(), "{report}");
}

/// A local that unwinding drops, with a zero-sized field first.
#[derive(TraceDrop)]
struct Guarded {
    unit: Marker<'y'>,
    after: Leaf,
}

#[test]
fn locals_dropped_while_unwinding_are_recorded() {
    let (report, logged) = traced(|| {
        let result = catch_unwind(|| {
            let _kept = Leaf("kept");
            let _guarded = Guarded {
                unit: Marker,
                after: Leaf("after"),
            };
            panic!("unwinding through the locals on purpose");
        });
        assert!(result.is_err());
    });
    assert_eq!(logged, ["y", "after", "kept"]);
    report.assert_paths(&["Guarded", "Guarded.unit", "Guarded.after", "Leaf"]);
    assert_eq!(report.roots().len(), 2, "{report}");
    assert!(report.is_certain(), "{report}");
}

/// A variant with a field and one without.
#[derive(TraceDrop)]
enum Choice {
    Empty,
    One(Leaf),
}

#[test]
fn enums_show_their_variant() {
    let (report, logged) = traced(|| {
        drop(Choice::One(Leaf("one")));
        drop(Choice::Empty);
    });
    assert_eq!(logged, ["one"]);
    report.assert_paths(&["Choice::One", "Choice::One.0", "Choice::Empty"]);
    let labels: Vec<&str> = report.roots().map(|root| root.label()).collect();
    assert_eq!(labels, ["Choice::One", "Choice::Empty"]);
    assert!(report.is_certain(), "{report}");
}

/// A hand-written `Drop` that calls the public `record_drop` first.
#[derive(TraceDrop)]
#[ownkit(manual)]
struct Manual {
    inner: Leaf,
}

impl Drop for Manual {
    fn drop(&mut self) {
        record_drop(self);
        log("manual");
    }
}

#[test]
fn record_drop_walks_a_hand_written_impl() {
    let (report, logged) = traced(|| {
        drop(Manual {
            inner: Leaf("inner"),
        })
    });
    assert_eq!(logged, ["manual", "inner"]);
    report.assert_paths(&["Manual", "Manual.inner"]);
    assert!(report.is_certain(), "{report}");
}

#[test]
fn a_pointer_at_the_top_level_expects_its_target() {
    let (report, logged) = traced(|| drop(ownkit::Box::new(pair("left", "right"))));
    assert_eq!(logged, ["left", "right"]);
    report.assert_tree(&format!(
        "
        Box<Pair>
        ├── *: Pair
        │   ├── left: Leaf
        │   └── right: Leaf
        └── freed {} bytes (align {})
        ",
        size_of::<Pair>(),
        align_of::<Pair>()
    ));
    assert!(report.is_certain(), "{report}");
}

#[test]
fn a_pointer_to_an_untraced_container_places_its_contents_as_uncertain() {
    let (report, logged) = traced(|| {
        let _after = Leaf("after");
        drop(ownkit::Box::new(vec![Leaf("in the vec")]));
    });
    assert_eq!(logged, ["in the vec", "after"]);
    report.assert_paths(&["Box<Vec<Leaf>>", "Box<Vec<Leaf>>.*", "Leaf"]);
    let leaf = report.roots().get(0).unwrap().children().get(0).unwrap();
    assert_eq!(leaf.label(), "Leaf");
    assert!(leaf.uncertain().is_some(), "{report}");
    // The box's end closes its frame: what drops after it is not its doing.
    assert_eq!(report.roots().len(), 2, "{report}");
    assert!(report.roots().get(1).unwrap().uncertain().is_none());
    assert!(report.anomalies().is_empty(), "{report}");
}

/// Two handles on a value that lives on after them.
#[derive(TraceDrop)]
struct Shared {
    first: ownkit::Rc<Pair>,
    second: ownkit::Rc<Pair>,
}

#[test]
fn a_shared_pointer_that_is_not_the_last_owner_keeps_its_value() {
    let shared = ownkit::Rc::new(pair("left", "right"));
    let value = Shared {
        first: ownkit::Rc::clone(&shared),
        second: ownkit::Rc::clone(&shared),
    };
    let (report, logged) = traced(|| drop(value));
    assert!(logged.is_empty(), "{logged:?}");
    // Neither handle was the last owner: each only gave up a count, which
    // ownkit's `Rc` does not record, and neither announced drop is missed.
    report.assert_tree("Shared");
    assert!(report.freed().is_empty(), "{report}");
    assert!(report.is_certain(), "{report}");
    assert_eq!(ownkit::Rc::strong_count(&shared), 1);
    let (report, logged) = traced(|| drop(shared));
    assert_eq!(logged, ["left", "right"]);
    report.assert_paths(&[
        "Rc<Pair>",
        "Rc<Pair>.*",
        "Rc<Pair>.*.left",
        "Rc<Pair>.*.right",
    ]);
}
