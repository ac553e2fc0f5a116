//! The Rust Reference's drop-order rules, one scene each.
//! <https://doc.rust-lang.org/reference/destructors.html>

use super::support::{Leaf, log, traced};
use ownkit::TraceDrop;
use ownkit::trace::DropHook;

/// Three fields, and a hook that logs the parent before its fields go.
#[derive(TraceDrop)]
#[ownkit(hook)]
struct Outer {
    a: Leaf,
    b: Leaf,
    c: Leaf,
}

impl DropHook for Outer {
    fn drop_hook(&mut self) {
        log("outer");
    }
}

#[test]
fn fields_drop_in_declaration_order_after_their_parent() {
    let (report, logged) = traced(|| {
        drop(Outer {
            a: Leaf("a"),
            b: Leaf("b"),
            c: Leaf("c"),
        });
    });
    assert_eq!(logged, ["outer", "a", "b", "c"]);
    report.assert_paths(&["Outer", "Outer.a", "Outer.b", "Outer.c"]);
    report.assert_tree(
        "Outer
         ├── a: Leaf
         ├── b: Leaf
         └── c: Leaf",
    );
    assert!(report.is_certain());
}

#[test]
fn initialiser_order_does_not_matter_declaration_order_does() {
    let (report, logged) = traced(|| {
        drop(Outer {
            c: Leaf("c"),
            a: Leaf("a"),
            b: Leaf("b"),
        });
    });
    assert_eq!(logged, ["outer", "a", "b", "c"]);
    report.assert_paths(&["Outer", "Outer.a", "Outer.b", "Outer.c"]);
}

#[test]
fn locals_drop_in_reverse_order_of_declaration() {
    let (report, logged) = traced(|| {
        let _first = Leaf("first");
        let _second = Leaf("second");
        let _third = Leaf("third");
    });
    assert_eq!(logged, ["third", "second", "first"]);
    report.assert_paths(&["Leaf", "Leaf", "Leaf"]);
    assert_eq!(report.roots().len(), 3);
}

#[test]
fn temporaries_drop_at_the_end_of_their_statement() {
    let (report, logged) = traced(|| {
        let _kept = Leaf("kept");
        let _ = Leaf("discarded"); // `_` does not bind: dropped right here
        log("after the statement");
    });
    assert_eq!(logged, ["discarded", "after the statement", "kept"]);
    assert_eq!(report.roots().len(), 2);
}

#[test]
fn tuple_elements_and_array_elements_drop_in_order() {
    let (report, logged) = traced(|| {
        let _tuple = (Leaf("t0"), Leaf("t1"));
        let _array = [Leaf("a0"), Leaf("a1"), Leaf("a2")];
    });
    // The array was declared last, so it goes first.
    assert_eq!(logged, ["a0", "a1", "a2", "t0", "t1"]);
    // Neither a tuple nor an array records anything itself: each element
    // is a root of its own.
    report.assert_paths(&["Leaf", "Leaf", "Leaf", "Leaf", "Leaf"]);
}

/// A struct holding a boxed value, to show a box's contents go before the
/// block is freed.
#[derive(TraceDrop)]
struct Holder {
    boxed: ownkit::Box<Leaf>,
    after: Leaf,
}

#[test]
fn a_box_drops_its_contents_then_frees_its_block() {
    let (report, logged) = traced(|| {
        drop(Holder {
            boxed: ownkit::Box::new(Leaf("inside")),
            after: Leaf("after"),
        });
    });
    assert_eq!(logged, ["inside", "after"]);
    report.assert_paths(&["Holder", "Holder.boxed", "Holder.boxed.*", "Holder.after"]);
    let freed = report.freed();
    assert_eq!(freed.len(), 1);
    assert_eq!(freed[0].path, "Holder.boxed");
    assert_eq!(freed[0].size, std::mem::size_of::<Leaf>());
    assert_eq!(freed[0].align, std::mem::align_of::<Leaf>());
    report.assert_tree(&format!(
        "Holder
         ├── boxed: Box<Leaf>
         │   ├── *: Leaf
         │   └── freed {} bytes (align {})
         └── after: Leaf",
        std::mem::size_of::<Leaf>(),
        std::mem::align_of::<Leaf>()
    ));
}

#[test]
fn assignment_drops_the_old_value_first() {
    let (report, logged) = traced(|| {
        let mut slot = Leaf("old");
        assert_eq!(slot.0, "old");
        log("assigning");
        slot = Leaf("new");
        log("assigned");
        drop(slot);
    });
    assert_eq!(logged, ["assigning", "old", "assigned", "new"]);
    assert_eq!(report.roots().len(), 2);
}

#[test]
fn mem_replace_hands_back_the_old_value_undropped() {
    let (report, logged) = traced(|| {
        let mut slot = Leaf("old");
        let old = std::mem::replace(&mut slot, Leaf("new"));
        log("replaced");
        drop(slot);
        drop(old);
    });
    assert_eq!(logged, ["replaced", "new", "old"]);
    assert_eq!(report.roots().len(), 2);
}

#[test]
fn mem_forget_records_nothing() {
    let (report, logged) = traced(|| {
        std::mem::forget(Leaf("forgotten"));
    });
    assert!(logged.is_empty());
    assert!(report.roots().is_empty());
    assert!(report.paths().is_empty());
}

#[test]
fn locals_are_dropped_while_unwinding_in_reverse_order() {
    let (report, logged) = traced(|| {
        let result = std::panic::catch_unwind(|| {
            let _first = Leaf("first");
            let _second = Leaf("second");
            panic!("unwinding on purpose");
        });
        assert!(result.is_err());
    });
    assert_eq!(logged, ["second", "first"]);
    report.assert_paths(&["Leaf", "Leaf"]);
}
