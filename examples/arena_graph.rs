//! A cyclic graph whose nodes point at each other through plain `&'a`
//! references, all owned by one `Arena`: `cargo run --example arena_graph`.
//!
//! Without an arena this graph needs `Rc` plus `Weak` (to break the cycle)
//! or indices into a `Vec`. With one, every node lives exactly as long as the
//! arena, so a `&'a Node<'a>` to any node is good for as long as any node is,
//! and the arena drops them all together, each once.

use ownkit::arena::Arena;
use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many labels have been dropped so far.
static LABELS_DROPPED: AtomicUsize = AtomicUsize::new(0);

/// A node of the graph. Its edges point at other nodes in the same arena,
/// including, around the ring, back at itself.
///
/// `Node` has no `Drop` impl, and must not have one: the arena drops its
/// nodes one after another, so while a later node is dropped its edges point
/// at nodes that are already gone. A `Drop` impl could read them, and the
/// compiler rejects it (`error[E0597]: borrow might be used here, when
/// `arena` is dropped`; the compile-fail test `arena-drop-sees-dangling`
/// shows it). Without one, nothing reads the dangling edges, and the
/// compiler lets the arena drop the nodes.
struct Node<'a> {
    label: Label,
    edges: RefCell<Vec<&'a Node<'a>>>,
}

/// A node's name. It may have a `Drop` impl, unlike `Node`, because it holds
/// no reference into the arena: all it can see while dropped is itself.
struct Label(&'static str);

impl Drop for Label {
    fn drop(&mut self) {
        let dropped = LABELS_DROPPED.fetch_add(1, Ordering::Relaxed) + 1;
        println!("  drop: node {} (drop number {dropped})", self.0);
    }
}

impl<'a> Node<'a> {
    fn connect(&self, to: &'a Node<'a>) {
        self.edges.borrow_mut().push(to);
    }

    fn name(&self) -> &'static str {
        self.label.0
    }
}

fn main() {
    {
        let arena = Arena::new();
        let node = |name| {
            &*arena.alloc(Node {
                label: Label(name),
                edges: RefCell::new(Vec::new()),
            })
        };
        let (a, b, c, d) = (node("a"), node("b"), node("c"), node("d"));

        // A ring a -> b -> c -> d -> a, plus a chord a -> c.
        a.connect(b);
        b.connect(c);
        c.connect(d);
        d.connect(a);
        a.connect(c);

        println!("The graph ({} nodes in one arena):", arena.len());
        for node in [a, b, c, d] {
            let targets: Vec<&str> = node.edges.borrow().iter().map(|to| to.name()).collect();
            println!("  {} -> {}", node.name(), targets.join(", "));
        }

        // Follow first edges from `a`: the ring brings the walk back to `a`
        // after four steps, through references alone.
        let mut walk = vec![a.name()];
        let mut at = a;
        for _ in 0..4 {
            at = at.edges.borrow()[0];
            walk.push(at.name());
        }
        println!("Walking first edges from a: {}", walk.join(" -> "));
        assert!(std::ptr::eq(at, a), "the ring leads back to a");

        println!("The arena goes out of scope, in allocation order:");
    }
    let dropped = LABELS_DROPPED.load(Ordering::Relaxed);
    println!("{dropped} nodes dropped, each exactly once, cycles and all.");
    assert_eq!(dropped, 4);
}
