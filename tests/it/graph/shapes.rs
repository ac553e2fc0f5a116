//! The structures issue after issue of "why does this leak" is about: rings
//! of `Rc`s, doubly linked lists, trees with parent links, graphs in
//! arenas, very long chains, and cells borrowed during the walk.

use ownkit::arena::Arena;
use ownkit::cell::RefCell;
use ownkit::graph::{EdgeKind, Graph, NodeKind};
use ownkit::rc::Weak;
use ownkit::trace::Walk;
use ownkit::{Box, Rc, TraceDrop};

/// A node of a singly linked ring.
#[derive(TraceDrop)]
struct Ring {
    name: String,
    next: RefCell<Option<Rc<Ring>>>,
}

fn ring_node(name: &str) -> Rc<Ring> {
    Rc::new(Ring {
        name: name.to_owned(),
        next: RefCell::new(None),
    })
}

#[test]
fn a_cycle_through_rc_refcell_is_found_by_its_paths_and_really_leaks() {
    let first = ring_node("first");
    let second = ring_node("second");
    *second.next.borrow_mut() = Some(first.clone());
    *first.next.borrow_mut() = Some(second.clone());

    let graph = Graph::of(&first);
    let cycles = graph.cycles();
    assert_eq!(cycles.len(), 1, "{cycles:?}");
    let cycle = &cycles[0];
    assert_eq!(
        cycle.to_string(),
        "Rc<Ring>.* → Rc<Ring>.*.next.* → Rc<Ring>.*: make `Rc<Ring>.*.next.*.next` a Weak"
    );
    let suggested = cycle.suggested_weak();
    assert_eq!(
        (suggested.kind(), suggested.path()),
        (EdgeKind::Shares, ".next")
    );
    assert_eq!(suggested.to().path(), "Rc<Ring>.*");
    // The counts in the graph are the pointers' own.
    let counts: Vec<(usize, usize)> = cycle
        .nodes()
        .map(|node| match node.kind() {
            NodeKind::Shared { strong, weak, .. } => (strong, weak),
            other => panic!("a ring of Rcs holds shared values, not {other:?}"),
        })
        .collect();
    assert_eq!(
        counts,
        [
            (Rc::strong_count(&first), Rc::weak_count(&first)),
            (Rc::strong_count(&second), Rc::weak_count(&second))
        ]
    );

    // A real leak: with both handles gone, the ring keeps itself alive.
    let witness = Rc::downgrade(&first);
    drop((first, second));
    let survivor = witness.upgrade().expect("the ring outlived its handles");
    // Break it so the test itself does not leak.
    survivor.next.borrow_mut().take();
    drop(survivor);
    assert!(witness.upgrade().is_none());
}

/// A node of a doubly linked list.
#[derive(TraceDrop)]
struct Link {
    value: u32,
    next: RefCell<Option<Rc<Link>>>,
    prev: RefCell<Weak<Link>>,
}

/// A list of `length` links, each pointing weakly at the one before it.
fn doubly_linked(length: u32) -> Vec<Rc<Link>> {
    let links: Vec<Rc<Link>> = (0..length)
        .map(|value| {
            Rc::new(Link {
                value,
                next: RefCell::new(None),
                prev: RefCell::new(Weak::new()),
            })
        })
        .collect();
    for pair in links.windows(2) {
        *pair[0].next.borrow_mut() = Some(pair[1].clone());
        *pair[1].prev.borrow_mut() = Rc::downgrade(&pair[0]);
    }
    links
}

#[test]
fn a_doubly_linked_list_with_weak_back_links_has_no_cycle() {
    let links = doubly_linked(4);
    let graph = Graph::of(&links[0]);
    assert!(graph.cycles().is_empty(), "{:?}", graph.cycles());
    assert_eq!(graph.count(EdgeKind::Shares), 4);
    assert_eq!(graph.count(EdgeKind::Weak), 3);
    let last = graph
        .nodes()
        .rfind(|node| node.label() == "Link")
        .expect("four links");
    assert_eq!(last.path(), "Rc<Link>.*.next.*.next.*.next.*");
    // Each link is kept alive by the one before it, not by its successor.
    let chain: Vec<&str> = graph
        .retainer_path(last.id())
        .expect("reachable by strong links")
        .iter()
        .map(|edge| edge.path())
        .collect();
    assert_eq!(chain, ["", ".next", ".next", ".next"]);
    assert_eq!(links.iter().map(|link| link.value).sum::<u32>(), 6);
}

#[test]
fn a_doubly_linked_list_with_strong_back_links_has_a_cycle_per_back_link() {
    /// The same list with both directions strong: the classic mistake.
    #[derive(TraceDrop)]
    struct StrongLink {
        next: RefCell<Option<Rc<StrongLink>>>,
        prev: RefCell<Option<Rc<StrongLink>>>,
    }
    let links: Vec<Rc<StrongLink>> = (0..3)
        .map(|_| {
            Rc::new(StrongLink {
                next: RefCell::new(None),
                prev: RefCell::new(None),
            })
        })
        .collect();
    for pair in links.windows(2) {
        *pair[0].next.borrow_mut() = Some(pair[1].clone());
        *pair[1].prev.borrow_mut() = Some(pair[0].clone());
    }
    let graph = Graph::of(&links[0]);
    let cycles: Vec<String> = graph.cycles().iter().map(ToString::to_string).collect();
    assert_eq!(
        cycles,
        [
            "Rc<StrongLink>.*.next.* → Rc<StrongLink>.*.next.*.next.* → Rc<StrongLink>.*.next.*: \
             make `Rc<StrongLink>.*.next.*.next.*.prev` a Weak",
            "Rc<StrongLink>.* → Rc<StrongLink>.*.next.* → Rc<StrongLink>.*: \
             make `Rc<StrongLink>.*.next.*.prev` a Weak",
        ]
    );
    for link in &links {
        link.next.borrow_mut().take();
        link.prev.borrow_mut().take();
    }
}

/// A tree whose children point back at their parent weakly.
#[derive(TraceDrop)]
struct Tree {
    label: &'static str,
    children: RefCell<Vec<Rc<Tree>>>,
    parent: RefCell<Weak<Tree>>,
}

fn tree_node(label: &'static str) -> Rc<Tree> {
    Rc::new(Tree {
        label,
        children: RefCell::new(Vec::new()),
        parent: RefCell::new(Weak::new()),
    })
}

fn adopt(parent: &Rc<Tree>, child: &Rc<Tree>) {
    parent.children.borrow_mut().push(child.clone());
    *child.parent.borrow_mut() = Rc::downgrade(parent);
}

#[test]
fn a_tree_with_parent_weaks_has_no_cycle_and_names_every_node() {
    let root = tree_node("root");
    let leaf = tree_node("leaf");
    let branch = tree_node("branch");
    adopt(&root, &branch);
    adopt(&branch, &leaf);
    adopt(&root, &tree_node("other"));

    let graph = Graph::of(&root);
    assert!(graph.cycles().is_empty());
    assert_eq!(graph.count(EdgeKind::Weak), 3);
    let trees: Vec<String> = graph
        .nodes()
        .filter(|node| node.label() == "Tree")
        .map(|node| node.path())
        .collect();
    assert_eq!(
        trees,
        [
            "Rc<Tree>.*",
            "Rc<Tree>.*.children[0].*",
            "Rc<Tree>.*.children[0].*.children[0].*",
            "Rc<Tree>.*.children[1].*",
        ]
    );
    let leaf_node = graph
        .find(ownkit::trace::address_of(&*leaf), "shapes::Tree")
        .or_else(|| {
            graph
                .nodes()
                .find(|node| node.address() == ownkit::trace::address_of(&*leaf))
        })
        .expect("the leaf is in the graph");
    assert!(matches!(
        leaf_node.kind(),
        NodeKind::Shared {
            strong: 2,
            weak: 0,
            ..
        }
    ));
    assert_eq!(Rc::strong_count(&leaf), 2);
    let retainers = graph.retainer_path(leaf_node.id()).expect("owned");
    assert_eq!(retainers.len(), 5, "{retainers:?}");
    assert_eq!(root.label, "root");
}

/// A node of a graph allocated in a typed arena: its links borrow.
#[derive(ownkit::trace::Walk)]
struct Place<'a> {
    name: &'static str,
    roads: RefCell<Vec<&'a Place<'a>>>,
}

#[test]
fn a_graph_in_a_typed_arena_is_drawn_with_borrows_and_no_cycle() {
    let arena = Arena::new();
    let home: &Place<'_> = arena.alloc(Place {
        name: "home",
        roads: RefCell::new(Vec::new()),
    });
    let shop = arena.alloc(Place {
        name: "shop",
        roads: RefCell::new(Vec::new()),
    });
    let park = arena.alloc(Place {
        name: "park",
        roads: RefCell::new(Vec::new()),
    });
    home.roads.borrow_mut().extend([&*shop, &*park]);
    shop.roads.borrow_mut().push(park);
    park.roads.borrow_mut().push(home);

    let graph = Graph::of(home);
    // A borrow keeps nothing alive: a ring of borrows is not a leak.
    assert!(graph.cycles().is_empty());
    // Four roads, and each name borrows its `str`.
    let roads = graph
        .edges()
        .filter(|edge| edge.kind() == EdgeKind::Borrows && edge.to().label() == "Place")
        .count();
    assert_eq!((roads, graph.count(EdgeKind::Borrows)), (4, 4 + 3));
    let places: Vec<(String, NodeKind)> = graph
        .nodes()
        .filter(|node| node.label() == "Place")
        .map(|node| (node.path(), node.kind()))
        .collect();
    assert_eq!(
        places,
        [
            ("Place".to_owned(), NodeKind::Root),
            ("Place.roads[0].*".to_owned(), NodeKind::Borrowed),
            ("Place.roads[0].*.roads[0].*".to_owned(), NodeKind::Borrowed),
        ]
    );
    // The road from the park back home is drawn, to the root itself.
    let home_again = graph
        .edges()
        .filter(|edge| edge.to().id() == graph.root().id())
        .count();
    assert_eq!(home_again, 1);
    assert_eq!(home.name, "home");
}

/// A long list of owning boxes.
#[derive(TraceDrop)]
struct Chain {
    next: Option<Box<Chain>>,
}

#[test]
fn a_chain_of_a_million_boxes_walks_in_linear_time_without_recursion() {
    let length = if cfg!(miri) { 300 } else { 1_000_000 };
    let mut chain = Chain { next: None };
    for _ in 0..length {
        chain = Chain {
            next: Some(Box::new(chain)),
        };
    }
    let graph = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(128 * 1024)
            .spawn_scoped(scope, || Graph::of(&chain))
            .expect("a thread")
            .join()
            .expect("walked without overflowing a 128 KiB stack")
    });
    // The root, and a box's block per link.
    assert_eq!(graph.node_count(), length + 1);
    assert_eq!(graph.edge_count(), length);
    assert_eq!(graph.count(EdgeKind::Owns), length);
    assert_eq!(graph.heap_bytes(), length * size_of::<Chain>());
    assert!(graph.cycles().is_empty());
    // Dropping is recursive in the compiler's drop glue: unlink first.
    let mut next = chain.next.take();
    while let Some(mut link) = next {
        next = link.next.take();
    }
}

#[test]
fn a_refcell_borrowed_mutably_during_the_walk_is_hidden_not_a_panic() {
    let node = ring_node("busy");
    let other = ring_node("other");
    *node.next.borrow_mut() = Some(other.clone());
    let guard = node.next.borrow_mut();
    let graph = Graph::of(&node);
    drop(guard);
    let hidden: Vec<(String, &str)> = graph
        .nodes()
        .filter_map(|node| match node.kind() {
            NodeKind::Hidden { reason, .. } => Some((node.path(), reason)),
            _ => None,
        })
        .collect();
    assert_eq!(
        hidden,
        [(
            "Rc<Ring>.*.next".to_owned(),
            "the RefCell is mutably borrowed"
        )]
    );
    // Once the borrow ends, the walk sees through the cell again.
    let open = Graph::of(&node);
    assert!(open.nodes().any(|node| node.path() == "Rc<Ring>.*.next.*"));
    assert_eq!(other.name, "other");
    let _: &dyn Walk = &node;
}

/// A node of a graph kept in a generational arena: its links are keys.
#[derive(TraceDrop)]
struct Station {
    name: &'static str,
    lines: Vec<ownkit::arena::Key>,
}

#[test]
fn a_gen_arena_graph_keeps_keys_as_data_not_edges() {
    let mut network = ownkit::arena::GenArena::new();
    let north = network.insert(Station {
        name: "north",
        lines: Vec::new(),
    });
    let south = network.insert(Station {
        name: "south",
        lines: vec![north],
    });
    network[north].lines.push(south);

    let graph = Graph::of(&network);
    // North and south name each other, but a key owns and borrows nothing:
    // the arena owns both, and there is no cycle to leak.
    assert!(graph.cycles().is_empty());
    let stations: Vec<String> = graph
        .nodes()
        .filter(|node| node.label() == "Station")
        .map(|node| node.path())
        .collect();
    assert_eq!(stations, ["GenArena<Station>[0]", "GenArena<Station>[1]"]);
    let into_stations = graph
        .edges()
        .filter(|edge| edge.to().label() == "Station")
        .map(|edge| (edge.kind(), edge.from().label()))
        .collect::<Vec<_>>();
    assert_eq!(
        into_stations,
        [
            (EdgeKind::Owns, "GenArena<Station>".to_owned()),
            (EdgeKind::Owns, "GenArena<Station>".to_owned())
        ]
    );
    assert!(matches!(
        graph.root().outgoing().next().map(|edge| edge.to().kind()),
        Some(NodeKind::Buffer { .. })
    ));
    assert_eq!(network[south].name, "south");
}

#[test]
fn a_cycle_through_rc_of_refcell_names_each_value_once() {
    /// A node whose whole value sits in the cell.
    #[derive(TraceDrop)]
    struct Cell {
        next: Option<Rc<RefCell<Cell>>>,
    }
    let first = Rc::new(RefCell::new(Cell { next: None }));
    let second = Rc::new(RefCell::new(Cell {
        next: Some(first.clone()),
    }));
    first.borrow_mut().next = Some(second.clone());
    let graph = Graph::of(&first);
    let cycles = graph.cycles();
    first.borrow_mut().next = None;
    assert_eq!(cycles.len(), 1);
    // Four values (two cells, two nodes inside them), two paths.
    assert_eq!(cycles[0].nodes().len(), 4);
    assert_eq!(
        cycles[0].to_string(),
        "Rc<RefCell<Cell>>.* → Rc<RefCell<Cell>>.*.next.* → Rc<RefCell<Cell>>.*: \
         make `Rc<RefCell<Cell>>.*.next.*.next` a Weak"
    );
    assert_eq!(Rc::strong_count(&second), 1);
}
