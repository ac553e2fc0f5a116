//! Unit tests of the graph builder: node identity, shared values, hidden
//! contents, link kinds, labels, and a long chain on a small stack.

// The small stack is a thread's, which needs std even when the crate is
// built without it.
extern crate std;

use alloc_crate::string::String;
use alloc_crate::vec;
use alloc_crate::vec::Vec;

use crate::cell::RefCell;
use crate::graph::{EdgeKind, Graph, NodeKind};
use crate::rc::Rc;
use crate::walk::{Descend, Segment, Shape, TracedInfo, Visit, Walk, Walker, address_of};

static PAIR: Shape = Shape::structure("Pair", &["first", "second"]);

/// A traced struct whose first field sits at its own address.
#[repr(C)]
struct Pair {
    first: Inner,
    second: u8,
}

static INNER: Shape = Shape::structure("Inner", &[]);

struct Inner(u32);

impl Walk for Inner {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        if walker.visit(Visit::Traced(TracedInfo::of(self, &INNER, 0))) == Descend::Yes {
            let _ = walker.visit(Visit::Leave);
        }
    }
}

impl Walk for Pair {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        if walker.visit(Visit::Traced(TracedInfo::of(self, &PAIR, 0))) == Descend::Yes {
            let _ = walker.visit(Visit::Child(Segment::Field("first"), &self.first));
            let _ = walker.visit(Visit::Child(Segment::Field("second"), &self.second));
            let _ = walker.visit(Visit::Leave);
        }
    }
}

fn edges(graph: &Graph) -> Vec<(usize, EdgeKind, String, usize)> {
    graph
        .edges()
        .map(|edge| {
            let path = String::from(edge.path());
            (
                edge.from().id().index(),
                edge.kind(),
                path,
                edge.to().id().index(),
            )
        })
        .collect()
}

#[test]
fn a_struct_and_its_first_field_are_two_nodes() {
    let pair = Pair {
        first: Inner(1),
        second: 2,
    };
    let graph = Graph::of(&pair);
    assert_eq!(graph.node_count(), 2);
    let inner = graph.node(crate::graph::NodeId(1));
    assert_eq!(inner.address(), graph.root().address());
    assert_eq!(inner.kind(), NodeKind::Value);
    assert_eq!(inner.path(), "Pair.first");
    assert_eq!(edges(&graph), [(0, EdgeKind::Owns, ".first".into(), 1)]);
    assert_eq!((pair.first.0, pair.second), (1, 2));
}

#[test]
fn a_shared_value_is_one_node_walked_once() {
    let shared = Rc::new(vec![1_u8]);
    let graph = Graph::of(&[shared.clone(), shared.clone()]);
    // Root, the shared vector, its buffer: the buffer is found once.
    assert_eq!(graph.node_count(), 3);
    assert_eq!(
        edges(&graph),
        [
            (0, EdgeKind::Shares, "[0]".into(), 1),
            (1, EdgeKind::Owns, String::new(), 2),
            (0, EdgeKind::Shares, "[1]".into(), 1),
        ]
    );
    assert!(matches!(
        graph.root().outgoing().next().unwrap().to().kind(),
        NodeKind::Shared { strong: 3, .. }
    ));
    assert_eq!(graph.node(crate::graph::NodeId(1)).incoming().len(), 2);
}

#[test]
fn a_mutably_borrowed_refcell_is_hidden_not_a_panic() {
    let cell = RefCell::new(vec![1_u8, 2]);
    let open = Graph::of(&cell);
    assert!(matches!(
        open.node(crate::graph::NodeId(1)).kind(),
        NodeKind::Buffer { .. }
    ));
    let guard = cell.borrow_mut();
    let hidden = Graph::of(&cell);
    drop(guard);
    assert_eq!(hidden.node_count(), 2);
    let node = hidden.node(crate::graph::NodeId(1));
    assert!(
        matches!(node.kind(), NodeKind::Hidden { reason, .. } if reason.contains("mutably borrowed")),
        "{node:?}"
    );
}

#[test]
fn weak_and_borrowed_links_are_their_own_kinds() {
    let strong = Rc::new(5_u16);
    let weak = Rc::downgrade(&strong);
    let number = 7_u64;
    let graph = Graph::of(&(weak, &number));
    assert_eq!(
        edges(&graph),
        [
            (0, EdgeKind::Weak, ".0".into(), 1),
            (0, EdgeKind::Borrows, ".1".into(), 2),
        ]
    );
    let borrowed = graph.node(crate::graph::NodeId(2));
    assert_eq!(borrowed.kind(), NodeKind::Borrowed);
    assert_eq!(borrowed.address(), address_of(&number));
    assert_eq!(borrowed.path(), "(Weak<u16>, &u64).1.*");
    drop(strong);
}

/// A link of a singly linked list of ownkit boxes.
struct Link(Option<crate::Box<Link>>);

impl Walk for Link {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        let _ = walker.visit(Visit::Child(Segment::tuple_field(0), &self.0));
    }
}

#[test]
fn a_long_chain_walks_without_recursion() {
    let length = if cfg!(miri) { 100 } else { 100_000 };
    let mut chain = Link(None);
    for _ in 0..length {
        chain = Link(Some(crate::Box::new(chain)));
    }
    // On a small stack: each link is a task, not a call.
    let (nodes, last_path) = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(64 * 1024)
            .spawn_scoped(scope, || {
                let graph = Graph::of(&chain);
                let last = graph.nodes().last().map(|node| node.path().len());
                (graph.node_count(), last)
            })
            .expect("a thread")
            .join()
            .expect("walked without overflowing the stack")
    });
    assert_eq!(nodes, length + 1);
    // `Link` then `.0.*` per link.
    assert_eq!(last_path, Some("Link".len() + 4 * length));
    // Dropping is recursive; unlink first.
    let mut next = chain.0.take();
    while let Some(mut link) = next {
        next = (*link).0.take();
    }
}

/// Whether two nodes of `graph` have the same identity.
fn has_twins(graph: &Graph) -> bool {
    let mut identities: Vec<(usize, &str)> = graph
        .nodes()
        .map(|node| (node.address(), node.type_name()))
        .collect();
    identities.sort_unstable();
    identities.windows(2).any(|pair| pair[0] == pair[1])
}

/// A value that borrows from itself: `items` is walked twice, through
/// `first` and from its owner.
struct SelfBorrow<'a> {
    first: Option<&'a Vec<crate::Box<u8>>>,
    items: Vec<crate::Box<u8>>,
}

impl Walk for SelfBorrow<'_> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        let _ = walker.visit(Visit::Child(Segment::Field("first"), &self.first));
        let _ = walker.visit(Visit::Child(Segment::Field("items"), &self.items));
    }
}

#[test]
fn what_a_borrow_found_first_its_owner_finds_again() {
    let mut value = SelfBorrow {
        first: None,
        items: vec![crate::Box::new(1_u8)],
    };
    value.first = Some(&value.items);
    let graph = Graph::of(&value);
    // The root, the borrowed vector, its buffer and the box's target: the
    // buffer and the target are found again from their owner, not made
    // twice.
    assert!(!has_twins(&graph), "{graph}");
    assert_eq!(graph.node_count(), 4, "{graph}");
    let buffer = graph.node(crate::graph::NodeId(2));
    assert!(matches!(buffer.kind(), NodeKind::Buffer { .. }), "{graph}");
    assert_eq!(buffer.incoming().len(), 2, "{graph}");

    // The other way round, through an `Rc` and references into its value.
    let shared = Rc::new((vec![crate::Box::new(1_u8)], crate::Box::new(2_u16)));
    // (`shared.0` would be the `Rc`'s own field inside the crate.)
    let inside: &(Vec<crate::Box<u8>>, crate::Box<u16>) = &shared;
    let (items, boxed) = (&inside.0, &inside.1);
    for graph in [
        Graph::of(&(items, boxed, shared.clone())),
        Graph::of(&(shared.clone(), items, boxed)),
    ] {
        assert!(!has_twins(&graph), "{graph}");
        // Root, the tuple, the buffer, the two boxes' targets, and the two
        // borrowed values (the vector and the box).
        assert_eq!(graph.node_count(), 7, "{graph}");
    }
}

#[test]
fn zero_sized_targets_share_one_node() {
    let boxes = vec![crate::Box::new(()), crate::Box::new(())];
    let graph = Graph::of(&boxes);
    // Root, buffer, and the one address every zero-sized box points at.
    assert_eq!(graph.node_count(), 3, "{graph}");
    assert!(!has_twins(&graph));
}

/// A value that reports an opaque field after a field it hands over.
struct OpaqueLast {
    boxed: crate::Box<u8>,
    raw: u32,
}

impl Walk for OpaqueLast {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        let _ = walker.visit(Visit::Child(Segment::Field("boxed"), &self.boxed));
        let _ = walker.visit(Visit::Opaque {
            segment: Segment::Field("raw"),
            address: address_of(&self.raw),
            size: 4,
        });
    }
}

#[test]
fn what_a_walk_finds_after_a_child_comes_before_the_child() {
    // The opaque field is the root's own; the box's target is its child's.
    let graph = Graph::of(&OpaqueLast {
        boxed: crate::Box::new(1),
        raw: 2,
    });
    let kinds: Vec<NodeKind> = graph.nodes().map(|node| node.kind()).collect();
    assert!(
        matches!(
            kinds.as_slice(),
            [
                NodeKind::Root,
                NodeKind::Hidden { .. },
                NodeKind::Heap { .. }
            ]
        ),
        "{kinds:?}"
    );
    assert_eq!(
        edges(&graph),
        [
            (0, EdgeKind::Owns, ".raw".into(), 1),
            (0, EdgeKind::Owns, ".boxed".into(), 2),
        ]
    );
}

static SELF_AGAIN: Shape = Shape::structure("SelfAgain", &["name"]);

/// A traced value that describes itself twice, its inner self owning a
/// buffer, then hands over a field in its outer self.
struct SelfAgain {
    bytes: Vec<u8>,
    name: String,
}

impl Walk for SelfAgain {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        let info = TracedInfo::of(self, &SELF_AGAIN, 0);
        if walker.visit(Visit::Traced(info)) == Descend::Yes {
            if walker.visit(Visit::Traced(info)) == Descend::Yes {
                let _ = walker.visit(Visit::Owns(crate::walk::Block {
                    address: self.bytes.as_ptr().addr(),
                    size: self.bytes.capacity(),
                    align: 1,
                }));
                let _ = walker.visit(Visit::Leave);
            }
            let _ = walker.visit(Visit::Child(Segment::Field("name"), &self.name));
            let _ = walker.visit(Visit::Leave);
        }
    }
}

#[test]
fn a_value_describing_itself_again_owns_from_its_own_node() {
    // Twice the root describes itself: the scopes of its fields are its
    // own, counted rather than opened, and the buffer its inner self owns
    // does not take the outer self's field.
    let value = SelfAgain {
        bytes: vec![1, 2, 3],
        name: String::from("name"),
    };
    let graph = Graph::of(&value);
    assert_eq!(
        edges(&graph),
        [
            (0, EdgeKind::Owns, String::new(), 1),
            (0, EdgeKind::Owns, ".name".into(), 2),
        ]
    );
    // The same inside a box, whose target's fields reopen its scope.
    let boxed = crate::Box::new(value);
    let graph = Graph::of(&boxed);
    assert_eq!(
        edges(&graph),
        [
            (0, EdgeKind::Owns, String::new(), 1),
            (1, EdgeKind::Owns, String::new(), 2),
            (1, EdgeKind::Owns, ".name".into(), 3),
        ]
    );
}

#[test]
fn element_paths_are_right_whether_their_text_is_shared_or_not() {
    // Indices on both sides of the shared texts' range: `[0]` to `[1023]`
    // point into the texts every graph shares, the others are written
    // for this graph.
    const INDICES: [usize; 9] = [0, 9, 10, 99, 100, 1_023, 1_024, 12_345, usize::MAX];
    let target = 7_u16;
    let references = Sparse(INDICES.map(|index| (index, &target)));
    let graph = Graph::of(&references);
    let paths: Vec<&str> = graph.edges().map(|edge| edge.path()).collect();
    let expected = INDICES.map(|index| alloc_crate::format!("[{index}]"));
    assert_eq!(paths, expected);
    let shared = graph.edges.iter().filter(|edge| edge.path_shared).count();
    assert_eq!(shared, 6, "the indices below 1024");

    // A longer path that starts with an index, small or large: written
    // whole, the index copied or spelled out.
    let pairs = Sparse(INDICES.map(|index| (index, (0_u8, &target))));
    let graph = Graph::of(&pairs);
    let paths: Vec<&str> = graph.edges().map(|edge| edge.path()).collect();
    let expected = INDICES.map(|index| alloc_crate::format!("[{index}].1"));
    assert_eq!(paths, expected);
    assert!(graph.edges.iter().all(|edge| !edge.path_shared));
}

/// Elements at the indices it chooses, as a sparse collection may report
/// them: paths with indices of any size, without a buffer that long.
struct Sparse<T, const N: usize>([(usize, T); N]);

impl<T: Walk, const N: usize> Walk for Sparse<T, N> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        for (index, element) in &self.0 {
            walker.visit_child(Segment::Index(*index), element);
        }
    }
}

static NAMED: Shape = Shape::structure("Named", &["name"]);
static CHOICE: Shape = Shape::enumeration(
    "Choice",
    &[
        crate::walk::VariantShape::new("Plain", &[]),
        crate::walk::VariantShape::new("Named", &["0"]),
    ],
);

/// A traced value that hands its name over as its label, `twice` times.
struct Named {
    name: &'static str,
    twice: bool,
}

impl Named {
    fn new(name: &'static str) -> Self {
        Self { name, twice: false }
    }
}

impl Walk for Named {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        let info = TracedInfo::of(self, &NAMED, 0);
        if walker.visit(Visit::Traced(info)) == Descend::Yes {
            walker.label(&info, &self.name);
            if self.twice {
                walker.label(&info, &"again");
            }
            let _ = walker.visit(Visit::Leave);
        }
    }
}

/// An enum whose second variant has a label.
enum Choice {
    Plain,
    Named(u8),
}

impl Walk for Choice {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        let variant = match self {
            Choice::Plain => 0,
            Choice::Named(_) => 1,
        };
        let info = TracedInfo::of(self, &CHOICE, variant);
        if walker.visit(Visit::Traced(info)) == Descend::Yes {
            if let Choice::Named(number) = self {
                walker.label(&info, number);
            }
            let _ = walker.visit(Visit::Leave);
        }
    }
}

#[test]
fn a_label_names_the_node_whose_scope_it_comes_in() {
    let value = (Named::new("first"), crate::Box::new(Named::new("boxed")));
    let graph = Graph::of(&value);
    let labels: Vec<(String, Option<&str>)> = graph
        .nodes()
        .map(|node| (node.label(), node.value_label()))
        .collect();
    assert_eq!(
        labels,
        [
            ("(Named, Box<Named>)".into(), None),
            ("Named \"first\"".into(), Some("\"first\"")),
            // The box's target: the label of the value inside.
            ("Named \"boxed\"".into(), Some("\"boxed\"")),
        ]
    );
}

#[test]
fn a_label_that_comes_late_still_finds_its_node() {
    // The weak link makes the shared value's node first; its label comes
    // only when the strong one is walked, after the second value's.
    let shared = Rc::new(Named::new("shared"));
    let value = (Rc::downgrade(&shared), Named::new("second"), shared.clone());
    let graph = Graph::of(&value);
    let target = graph.root().outgoing().next().unwrap().to();
    let strong = graph.root().outgoing().nth(2).unwrap();
    assert_eq!(strong.to().id(), target.id(), "one node for both links");
    assert_eq!(target.value_label(), Some("\"shared\""));
    let second = graph.root().outgoing().nth(1).unwrap().to();
    assert_eq!(second.value_label(), Some("\"second\""));
    assert!(target.id() < second.id(), "the weak link found it first");
    assert_eq!(graph.labels.len(), 2);
}

#[test]
fn a_node_keeps_the_first_label_it_is_given() {
    let named = Named {
        name: "first",
        twice: true,
    };
    let graph = Graph::of(&named);
    assert_eq!(graph.root().label(), "Named \"first\"");
    assert_eq!(graph.labels.len(), 1);
}

#[test]
fn an_enum_s_label_comes_with_its_variant() {
    let graph = Graph::of(&(Choice::Named(7), Choice::Plain));
    let labels: Vec<String> = graph.nodes().map(|node| node.label()).collect();
    assert_eq!(labels, ["(Choice, Choice)", "Choice::Named 7", "Choice"]);
}

#[test]
fn a_label_is_formatted_once_per_graph() {
    use core::cell::Cell;
    use core::fmt;

    /// Counts its `Debug` calls.
    struct Counted<'c>(&'c Cell<usize>);
    impl fmt::Debug for Counted<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.set(self.0.get() + 1);
            f.write_str("counted")
        }
    }
    struct Holder<'c>(Counted<'c>);
    impl Walk for Holder<'_> {
        fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
            let info = TracedInfo::of(self, &NAMED, 0);
            if walker.visit(Visit::Traced(info)) == Descend::Yes {
                walker.label(&info, &self.0);
                let _ = walker.visit(Visit::Leave);
            }
        }
    }
    let calls = Cell::new(0);
    let shared = Rc::new(Holder(Counted(&calls)));
    // Three links to one value: walked, and formatted, once.
    let graph = Graph::of(&[shared.clone(), shared.clone(), shared.clone()]);
    assert_eq!(calls.get(), 1);
    assert_eq!(
        graph
            .nodes()
            .filter(|node| node.value_label().is_some())
            .count(),
        1
    );
    // Rendering reads the text the graph keeps; it formats nothing.
    let _ = (
        alloc_crate::format!("{graph}"),
        graph.to_dot(),
        graph.to_mermaid(),
    );
    assert_eq!(calls.get(), 1);
}

#[test]
fn a_label_said_to_be_another_value_s_is_not_taken() {
    /// Hands over a label for its field, in its own scope.
    struct Misplaced(Inner);
    impl Walk for Misplaced {
        fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
            let info = TracedInfo::of(self, &NAMED, 0);
            if walker.visit(Visit::Traced(info)) == Descend::Yes {
                walker.label(&TracedInfo::of(&self.0, &INNER, 0), &"not mine");
                let _ = walker.visit(Visit::Leave);
            }
        }
    }
    let graph = Graph::of(&Misplaced(Inner(3)));
    assert_eq!(graph.root().value_label(), None);
    assert!(graph.labels.is_empty());
}

/// Which end of an edge a node's list holds it by.
#[derive(Clone, Copy)]
enum End {
    /// `Node::outgoing`: the edges that leave the node.
    From,
    /// `Node::incoming`: the edges that reach it.
    To,
}

/// Each node's edges at `end`, as `Node::outgoing` or `Node::incoming`
/// lists them and as a search of every edge finds them, with their paths.
fn edges_both_ways(graph: &Graph, end: End) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let described = |edge: crate::graph::Edge<'_>| {
        alloc_crate::format!(
            "{} -{}-> {}",
            edge.from().id().0,
            edge.path(),
            edge.to().id().0
        )
    };
    let node_at = |edge: crate::graph::Edge<'_>| match end {
        End::From => edge.from().id(),
        End::To => edge.to().id(),
    };
    let listed = graph
        .nodes()
        .map(|node| match end {
            End::From => node.outgoing().map(described).collect(),
            End::To => node.incoming().map(described).collect(),
        })
        .collect();
    let searched = graph
        .nodes()
        .map(|node| {
            graph
                .edges()
                .filter(|&edge| node_at(edge) == node.id())
                .map(described)
                .collect()
        })
        .collect();
    (listed, searched)
}

/// [`edges_both_ways`] for `Node::incoming`.
fn incoming_both_ways(graph: &Graph) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    edges_both_ways(graph, End::To)
}

#[test]
fn outgoing_edges_are_every_edge_that_leaves_the_node_in_node_order_or_not() {
    // A chain: the walk finds the edges in node order, and they stay put.
    let chain = Some(crate::boxed::Box::new(Some(crate::boxed::Box::new(Some(
        crate::boxed::Box::new(None::<u8>),
    )))));
    let graph = Graph::of(&chain);
    let (listed, searched) = edges_both_ways(&graph, End::From);
    assert_eq!(listed, searched, "{graph}");
    let in_place: Vec<u32> = (0..3).collect();
    assert_eq!(graph.outgoing, in_place, "{graph}");

    // A tree walked depth first: a node's second child comes after the
    // first one's own edges, so the edges are grouped.
    let tree = vec![
        crate::boxed::Box::new((1_u8, vec![crate::boxed::Box::new(2_u8)])),
        crate::boxed::Box::new((3_u8, vec![crate::boxed::Box::new(4_u8)])),
    ];
    let graph = Graph::of(&tree);
    let (listed, searched) = edges_both_ways(&graph, End::From);
    assert_eq!(listed, searched, "{graph}");
    let in_place: Vec<u32> = (0..graph.outgoing.len() as u32).collect();
    assert_ne!(graph.outgoing, in_place, "{graph}");
    assert_eq!(listed[1].len(), 2, "the buffer's two boxes: {graph}");
}

#[test]
fn incoming_edges_are_every_edge_that_reaches_the_node_with_or_without_sharing() {
    // A tree: each node but the root is reached once, by its `via` edge.
    let tree = vec![
        crate::boxed::Box::new((1_u8, vec![crate::boxed::Box::new(2_u8)])),
        crate::boxed::Box::new((3_u8, Vec::new())),
    ];
    let graph = Graph::of(&tree);
    let (listed, searched) = incoming_both_ways(&graph);
    assert_eq!(listed, searched, "{graph}");
    assert!(listed[0].is_empty(), "{graph}");
    assert!(listed[1..].iter().all(|edges| edges.len() == 1), "{graph}");

    // Shared: one node reached three times; every list is made.
    let shared = Rc::new(7_u8);
    let three = (shared.clone(), shared.clone(), shared);
    let (listed, searched) = incoming_both_ways(&Graph::of(&three));
    assert_eq!(listed, searched);
    assert_eq!(listed.iter().map(Vec::len).max(), Some(3));
}

/// A link of a chain of std `Box`es, whose next link is reported either
/// at once (a child through `Walker::visit_child`, std's `Box` through
/// `Walker::visit_pointer`) or visit by visit (a `Visit::Child`, then
/// [`ByVisits`]).
struct Chain {
    next: Option<alloc_crate::boxed::Box<Chain>>,
    next_by_visits: Option<ByVisits<Chain>>,
}

/// A std `Box` that reports itself visit by visit, as a hand-written walk
/// may: `Pointer`, its target as a `Child` under `.*`, `Leave`.
struct ByVisits<T>(alloc_crate::boxed::Box<T>);

static CHAIN: Shape = Shape::structure("Chain", &["next"]);

impl Walk for Chain {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        if walker.visit(Visit::Traced(TracedInfo::of(self, &CHAIN, 0))) == Descend::Yes {
            match &self.next_by_visits {
                Some(by_visits) => {
                    let _ = walker.visit(Visit::Child(Segment::Field("next"), by_visits));
                }
                None => walker.visit_child(Segment::Field("next"), &self.next),
            }
            let _ = walker.visit(Visit::Leave);
        }
    }
}

impl<T: Walk> Walk for ByVisits<T> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        let target: &T = &self.0;
        let info = crate::walk::PointerInfo {
            kind: crate::walk::PointerKind::StdBox,
            address: address_of(&self.0),
            block: Some(crate::walk::Block {
                address: address_of(target),
                size: core::mem::size_of::<T>(),
                align: core::mem::align_of::<T>(),
            }),
            target: address_of(target),
            target_type: core::any::type_name::<T>(),
            strong: 1,
            weak: 0,
        };
        if walker.visit(Visit::Pointer(info)) == Descend::Yes {
            let _ = walker.visit(Visit::Child(Segment::Deref, target));
            let _ = walker.visit(Visit::Leave);
        }
    }
}

/// A chain of `links` links after the head, each reported one way or the
/// other.
fn chain_of(links: usize, by_visits: bool) -> Chain {
    let mut head = Chain {
        next: None,
        next_by_visits: None,
    };
    for _ in 0..links {
        let link = alloc_crate::boxed::Box::new(head);
        head = if by_visits {
            Chain {
                next: None,
                next_by_visits: Some(ByVisits(link)),
            }
        } else {
            Chain {
                next: Some(link),
                next_by_visits: None,
            }
        };
    }
    head
}

#[test]
fn children_and_pointers_taken_at_once_draw_the_graph_their_visits_draw() {
    // Long enough that links past the nesting limit become tasks, and
    // tasks past it again. Under Miri (the builder has no unsafe code for
    // it to check) one round of tasks will do: three took a minute there.
    let links = if cfg!(miri) { 1 } else { 3 } * super::MAX_NESTING as usize + 2;
    let (at_once, by_visits) = (chain_of(links, false), chain_of(links, true));
    let (at_once, by_visits) = (Graph::of(&at_once), Graph::of(&by_visits));
    assert_eq!(at_once.node_count(), links + 1);
    assert_eq!(edges(&at_once), edges(&by_visits));
    let nodes = |graph: &Graph| -> Vec<String> {
        graph
            .nodes()
            .map(|node| alloc_crate::format!("{} {:?} {}", node.label(), node.kind(), node.path()))
            .collect()
    };
    assert_eq!(nodes(&at_once), nodes(&by_visits));
    assert_eq!(edges(&at_once)[1], (1, EdgeKind::Owns, ".next".into(), 2));

    // Pointers deeper in their owner than one segment, whose targets
    // have paths of their own.
    use alloc_crate::boxed::Box as boxed;
    let at_once = (0_u8, (1_u8, boxed::new((2_u8, (3_u8, boxed::new(4_u8))))));
    let by_visits = (
        0_u8,
        (
            1_u8,
            ByVisits(boxed::new((2_u8, (3_u8, ByVisits(boxed::new(4_u8)))))),
        ),
    );
    let (at_once, by_visits) = (Graph::of(&at_once), Graph::of(&by_visits));
    assert_eq!(edges(&at_once), edges(&by_visits));
    assert_eq!(
        edges(&at_once),
        [
            (0, EdgeKind::Owns, ".1.1".into(), 1),
            (1, EdgeKind::Owns, ".1.1".into(), 2)
        ]
    );
}

/// A value that walks as `T` does, under `T`'s type name, but never says
/// that its walk is one visit: the builder opens a scope for it and
/// walks it, as it does any child.
struct Walked<T>(T);

impl<T: Walk> Walk for Walked<T> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        self.0.walk(walker);
    }

    fn type_name(&self) -> &'static str {
        self.0.type_name()
    }

    fn is_leaf() -> bool {
        T::is_leaf()
    }

    fn reports_nothing(&self) -> bool {
        self.0.reports_nothing()
    }
}

static RECORD: Shape = Shape::structure(
    "Record",
    &[
        "name", "bytes", "names", "pair", "boxed", "shared", "next", "tail",
    ],
);

/// A record of the kinds of field whose walk is one visit, handed over
/// as the derived walks hand theirs (through `walk::visit_child`, with
/// the visit) or as plain children. Its `String`s are `S`: `String`, or
/// [`Walked`] ones, which the walks of `Vec`s and tuples hand over plain.
struct Record<S> {
    plain: bool,
    name: S,
    bytes: Vec<u8>,
    names: Vec<S>,
    /// Inside a field: its elements' scope has a segment of its own.
    pair: (S, S),
    boxed: alloc_crate::boxed::Box<u8>,
    shared: alloc_crate::rc::Rc<u8>,
    next: Option<alloc_crate::boxed::Box<Record<S>>>,
    /// The last child: a buffer, after which the record's own comes.
    tail: S,
    /// Reported by the record itself, after its children: the graph is
    /// built again, with every child a task.
    own: Option<Vec<u8>>,
}

impl<S> Record<S> {
    fn hand<'a, T: Walk>(&self, walker: &mut dyn Walker<'a>, name: &'static str, field: &'a T) {
        if self.plain {
            walker.visit_child(Segment::Field(name), field);
        } else {
            crate::walk::visit_child(walker, Segment::Field(name), field);
        }
    }
}

impl<S: Walk> Walk for Record<S> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        if walker.visit(Visit::Traced(TracedInfo::of(self, &RECORD, 0))) == Descend::Yes {
            self.hand(walker, "name", &self.name);
            self.hand(walker, "bytes", &self.bytes);
            self.hand(walker, "names", &self.names);
            self.hand(walker, "pair", &self.pair);
            self.hand(walker, "boxed", &self.boxed);
            self.hand(walker, "shared", &self.shared);
            self.hand(walker, "next", &self.next);
            self.hand(walker, "tail", &self.tail);
            if let Some(own) = &self.own {
                let _ = walker.visit(Visit::Owns(crate::walk::Block {
                    address: own.as_ptr().addr(),
                    size: own.capacity(),
                    align: 1,
                }));
            }
            let _ = walker.visit(Visit::Leave);
        }
    }
}

/// A chain of `length` records, each `String` made by `text`.
fn records<S>(length: usize, plain: bool, own: bool, text: impl Fn(&str) -> S) -> Record<S> {
    let shared = alloc_crate::rc::Rc::new(7_u8);
    let record = |next| Record {
        plain,
        name: text("Ada"),
        bytes: vec![1, 2, 3],
        names: vec![text("Grace"), text(""), text("Edsger")],
        pair: (text("Alan"), text("")),
        boxed: alloc_crate::boxed::Box::new(4),
        shared: shared.clone(),
        next,
        tail: text("Ende"),
        own: own.then(|| vec![5, 6]),
    };
    let mut head = record(None);
    for _ in 1..length {
        head = record(Some(alloc_crate::boxed::Box::new(head)));
    }
    head
}

#[test]
fn children_taken_as_their_one_visit_draw_the_graph_their_walks_draw() {
    // The edges say where each node is; the nodes, what.
    let nodes = |graph: &Graph| -> Vec<String> {
        graph
            .nodes()
            .map(|node| {
                // Labels name types short.
                alloc_crate::format!("{} {:?}", node.label(), node.kind())
                    .replace("Walked<String>", "String")
            })
            .collect()
    };
    // Short, and long enough that records past the nesting limit become
    // tasks (each record is two walks deep: its box's target, and the
    // record describing itself); with a record's own buffer after its
    // children, which has the graph built again, or without. Under Miri,
    // which checks the unsafe code this safe builder has none of, only
    // the short chain: the long one takes minutes there.
    let long = (!cfg!(miri)).then_some(super::MAX_NESTING as usize);
    let cases = core::iter::once(2)
        .chain(long)
        .flat_map(|length| [(length, false), (length, true)]);
    for (length, own) in cases {
        let single = records(length, false, own, |text| String::from(text));
        let walked = records(length, true, own, |text| Walked(String::from(text)));
        let (single, walked) = (Graph::of(&single), Graph::of(&walked));
        let case = alloc_crate::format!("{length} records, own buffers: {own}");
        assert_eq!(edges(&single), edges(&walked), "{case}");
        assert_eq!(nodes(&single), nodes(&walked), "{case}");
        // Each record's name, bytes, names' buffer and two names, pair's
        // first, box and tail, its own buffer if any, and each record but
        // the root one in its box; one shared value for all.
        let per_record = 8 + usize::from(own);
        assert_eq!(
            single.node_count(),
            1 + per_record * length + (length - 1) + 1
        );
        // A record's own buffer comes before what its children own.
        let fields = [
            ".name", ".bytes", ".names", "[0]", "[2]", ".pair.0", ".boxed", ".shared", ".next",
        ];
        let expected: Vec<&str> = own.then_some("").into_iter().chain(fields).collect();
        let first: Vec<String> = edges(&single)
            .into_iter()
            .map(|edge| edge.2)
            .take(expected.len())
            .collect();
        assert_eq!(first, expected, "{case}");
    }
}
