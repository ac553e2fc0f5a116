//! The derives under a renamed dependency: `tests/it/ui.rs` builds this
//! file in a project whose Cargo.toml says
//! `ok = { package = "ownkit", ... }`, so nothing here can reach ownkit as
//! `ownkit`, and any path the derives wrote without `crate` would fail to
//! resolve. Every shape and attribute is used once; `main` checks what a
//! drop records and what a graph sees, and prints `recorded`.

use ok::TraceDrop;
use ok::trace::{DropHook, Walk, record_drop};

#[derive(TraceDrop)]
#[ownkit(crate = "ok")]
struct Leaf;

/// A label, a skipped and an opaque field, and a generic one that the
/// type's own bound lets the generated `Drop` follow exactly.
#[derive(TraceDrop)]
#[ownkit(crate = "ok")]
struct Outer<T: Walk> {
    #[ownkit(label)]
    name: &'static str,
    #[ownkit(skip)]
    count: u32,
    #[ownkit(opaque)]
    raw: [u8; 2],
    value: T,
    leaves: Vec<Leaf>,
}

#[derive(TraceDrop)]
#[ownkit(crate = "ok", hook)]
enum Tree {
    Empty,
    Node(Leaf, ok::Box<Tree>),
}

impl DropHook for Tree {
    fn drop_hook(&mut self) {}
}

#[derive(TraceDrop)]
#[ownkit(crate = "ok", manual)]
struct Manual {
    leaf: Leaf,
}

impl Drop for Manual {
    fn drop(&mut self) {
        record_drop(self);
    }
}

/// An unsized last field, whose inferred bound a `bound` replaces.
#[derive(TraceDrop)]
#[ownkit(crate = "ok")]
struct Tail<T: ?Sized + Walk> {
    head: Leaf,
    #[ownkit(bound = "T: ok::trace::Walk")]
    tail: T,
}

#[derive(TraceDrop)]
#[ownkit(crate = "ok")]
#[repr(C, packed)]
struct Wire {
    tag: u8,
    length: u32,
}

/// The path may be written from the root too.
#[derive(ok::Walk, Clone, Copy)]
#[ownkit(crate = "::ok")]
struct Point {
    #[ownkit(label)]
    x: i32,
}

fn main() {
    let outer = Outer {
        name: "outer",
        count: 1,
        raw: [0; 2],
        value: Leaf,
        leaves: vec![Leaf],
    };
    assert_eq!((outer.count, outer.raw), (1, [0; 2]));
    let report = ok::trace::capture(|| drop(outer));
    // The opaque field keeps `Outer` open until the capture ends, so it
    // is captured alone.
    report.assert_paths(&["Outer", "Outer.value", "Outer.leaves[0]"]);
    assert!(
        report.to_string().starts_with("Outer<Leaf> \"outer\"\n"),
        "{report}"
    );

    let report = ok::trace::capture(|| {
        drop(Tree::Node(Leaf, ok::Box::new(Tree::Empty)));
        drop(Manual { leaf: Leaf });
        let tail: Box<Tail<[Leaf]>> = Box::new(Tail {
            head: Leaf,
            tail: [Leaf],
        });
        drop(tail);
    });
    report.assert_paths(&[
        "Tree::Node",
        "Tree::Node.0",
        "Tree::Node.1",
        "Tree::Node.1.*",
        "Manual",
        "Manual.leaf",
        "Tail",
        "Tail.head",
        "Tail.tail[0]",
    ]);
    let report = ok::trace::capture(|| drop(Wire { tag: 1, length: 2 }));
    report.assert_paths(&["Wire"]);

    let graph = ok::graph::Graph::of(&Point { x: 3 });
    assert!(graph.to_string().contains("Point 3"), "{graph}");
    println!("recorded");
}
