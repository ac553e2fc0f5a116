//! Named scopes (`trace::scope`): a function's frame as a node of the
//! report, with its locals under it in the order the compiler dropped
//! them, which the Reference gives as the reverse of their declaration,
//! and the drop hooks' log confirms.

use std::panic::{AssertUnwindSafe, catch_unwind};

use ownkit::trace::{capture, scope};

use super::support::{Leaf, pair, traced};

/// `outer` declares `a`, calls `inner` (which declares `c` and `d`),
/// then declares `b` and a boxed pair.
fn outer() {
    scope("fn outer", || {
        let _a = Leaf("a");
        inner();
        let _b = Leaf("b");
        let _boxed = ownkit::Box::new(pair("left", "right"));
    });
}

fn inner() {
    scope("fn inner", || {
        let _c = Leaf("c");
        let _d = Leaf("d");
    });
}

#[test]
fn locals_drop_under_their_scope_in_reverse_order_as_it_returns() {
    let (report, logged) = traced(outer);
    // The compiler's own order, from the hooks: inner's locals as inner
    // returns (last declared first), then outer's, last declared first
    // (a box drops its pair's fields in declaration order).
    assert_eq!(logged, ["d", "c", "left", "right", "b", "a"]);
    report.assert_tree(
        "
        fn outer
        ├── fn inner
        │   ├── Leaf
        │   └── Leaf
        ├── Box<Pair>
        │   ├── *: Pair
        │   │   ├── left: Leaf
        │   │   └── right: Leaf
        │   └── freed 32 bytes (align 8)
        ├── Leaf
        └── Leaf
        ",
    );
    assert!(report.is_certain(), "{report}");
    let outer = report.roots().get(0).unwrap();
    assert!(outer.is_scope() && outer.type_name().is_empty());
    let locals: Vec<String> = outer.children().map(|local| local.path()).collect();
    assert_eq!(
        locals,
        [
            "fn outer/fn inner",
            "fn outer/Box<Pair>",
            "fn outer/Leaf",
            "fn outer/Leaf"
        ]
    );
    let inner = outer.children().get(0).unwrap();
    assert!(inner.is_scope());
    assert_eq!(inner.children().len(), 2);
    assert!(inner.children().all(|local| !local.is_scope()));
}

#[test]
fn a_panic_ends_the_scope_as_it_unwinds() {
    let (report, logged) = traced(|| {
        let _kept = Leaf("kept");
        let unwound = catch_unwind(AssertUnwindSafe(|| {
            scope("fn fails", || {
                let _local = Leaf("local");
                panic!("on purpose");
            })
        }));
        assert!(unwound.is_err());
        // After the scope: a root of the capture again.
        drop(Leaf("after"));
    });
    assert_eq!(logged, ["local", "after", "kept"]);
    report.assert_tree(
        "
        fn fails
        └── Leaf
        Leaf
        Leaf
        ",
    );
}

#[test]
fn a_scope_outside_a_capture_just_runs() {
    assert_eq!(scope("fn alone", || 7), 7);
    // A capture that starts inside a scope does not see the scope's begin,
    // so the scope's end means nothing to it.
    let report = scope("fn around", || capture(|| drop(Leaf("inside"))));
    report.assert_tree("Leaf");
}

#[test]
fn values_a_scope_announces_are_still_placed_by_their_owner() {
    // The pair's fields are announced by the pair: they go under it, not
    // under the scope.
    let report = capture(|| scope("fn owner", || drop(pair("x", "y"))));
    report.assert_paths(&[
        "fn owner",
        "fn owner/Pair",
        "fn owner/Pair.left",
        "fn owner/Pair.right",
    ]);
}
