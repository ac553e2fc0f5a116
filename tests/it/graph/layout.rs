//! The SVG picture's layout is legible, as Graphviz's `dot` makes its own,
//! on the graphs the issue names: a tree of `Rc<RefCell<_>>` nodes with
//! `Weak` parents and one strong back edge, a doubly linked list with
//! strong back links, values shared by several holders, and the tour's
//! library. For each: no edge passes through a box, no label is covered
//! by a box or another label, no label is missing, and there are no more
//! edge crossings than `dot` draws for ownkit's own DOT of the same graph.
//!
//! The geometry is read back out of the SVG text (`geometry.rs`). Miri
//! skips these tests: they check arithmetic in safe code, which takes it
//! minutes, while the renderer's unit tests run it under Miri. The
//! comparison with `dot` needs Graphviz: without it the test says so
//! loudly and checks the rest, unless `OWNKIT_REQUIRE_DOT` is set (as
//! `.ci/run` sets it), when a missing `dot` fails the test.

use std::cell::RefCell;
use std::io::Write;
use std::process::{Command, Stdio};
use std::rc::{Rc, Weak};

use ownkit::Walk;
use ownkit::graph::Graph;

use super::geometry::Picture;

/// Checks `graph`'s picture; `name` says which graph in a failure.
fn assert_legible(name: &str, graph: &Graph) {
    let svg = graph.to_svg();
    let picture = Picture::read(&svg);
    assert_eq!(
        picture.nodes.len(),
        graph.node_count(),
        "{name}: a box per node"
    );
    assert_eq!(
        picture.edges.len(),
        graph.edge_count(),
        "{name}: a line per edge"
    );
    let through = picture.edges_through_boxes();
    assert!(through.is_empty(), "{name}: {through:#?}\n{svg}");
    let covered = picture.covered_labels();
    assert!(covered.is_empty(), "{name}: {covered:#?}\n{svg}");
    for edge in graph.edges() {
        let drawn = &picture.edges[edge.index()];
        if edge.path().is_empty() {
            assert!(
                drawn.label.is_none(),
                "{name}: edge {} has no path",
                drawn.title
            );
        } else {
            let label = drawn.label.as_ref().map(|(text, _)| text.as_str());
            assert_eq!(
                label,
                Some(edge.path()),
                "{name}: edge {}'s label",
                drawn.title
            );
        }
    }
    let Some(dot_svg) = run_dot(&graph.to_dot()) else {
        assert!(
            std::env::var_os("OWNKIT_REQUIRE_DOT").is_none(),
            "Graphviz's `dot` is required (OWNKIT_REQUIRE_DOT is set) but could not be run"
        );
        eprintln!(
            "\n!!! {name}: Graphviz's `dot` is not installed, so the crossings were NOT \
             compared with its picture (apt-get install graphviz)\n"
        );
        return;
    };
    keep_for_a_look(name, &svg, &dot_svg);
    let theirs = Picture::read(&dot_svg);
    assert_eq!(
        theirs.edges.len(),
        graph.edge_count(),
        "{name}: dot's edges"
    );
    let (ours, dots) = (picture.crossings(), theirs.crossings());
    assert!(
        ours <= dots,
        "{name}: {ours} crossings, where dot draws {dots}\n{svg}"
    );
}

/// Writes both pictures under `target/ownkit/layout/`, for a person to
/// compare: `NAME.svg` is ownkit's, `NAME.dot.svg` Graphviz's.
fn keep_for_a_look(name: &str, ours: &str, dots: &str) {
    let folder = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("..")
        .join("ownkit")
        .join("layout");
    if std::fs::create_dir_all(&folder).is_ok() {
        let _ = std::fs::write(folder.join(format!("{name}.svg")), ours);
        let _ = std::fs::write(folder.join(format!("{name}.dot.svg")), dots);
    }
}

/// `dot -Tsvg` of `source`, or `None` if `dot` cannot be run.
fn run_dot(source: &str) -> Option<String> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(source.as_bytes()).ok()?;
    let output = child.wait_with_output().ok()?;
    assert!(output.status.success(), "dot failed on\n{source}");
    Some(String::from_utf8(output.stdout).expect("dot writes UTF-8"))
}

/// A tree node with a weak link to its parent, and maybe a strong one
/// somewhere else.
#[derive(Walk)]
struct TreeNode {
    name: String,
    children: Vec<Rc<RefCell<TreeNode>>>,
    parent: Option<Weak<RefCell<TreeNode>>>,
    back: Option<Rc<RefCell<TreeNode>>>,
}

/// A tree of `count` nodes, three children each, breadth first.
fn tree(count: usize) -> Vec<Rc<RefCell<TreeNode>>> {
    let mut nodes: Vec<Rc<RefCell<TreeNode>>> = Vec::new();
    for index in 0..count {
        let node = Rc::new(RefCell::new(TreeNode {
            name: format!("node {index}"),
            children: Vec::new(),
            parent: None,
            back: None,
        }));
        if index > 0 {
            let parent = &nodes[(index - 1) / 3];
            node.borrow_mut().parent = Some(Rc::downgrade(parent));
            parent.borrow_mut().children.push(node.clone());
        }
        nodes.push(node);
    }
    nodes
}

#[test]
#[cfg_attr(
    miri,
    ignore = "safe layout arithmetic and text, minutes under Miri; the svg unit tests run the renderer there"
)]
fn a_tree_with_weak_parents_and_one_strong_back_edge() {
    let nodes = tree(28);
    // One leaf holds the root strongly: a cycle.
    let leaf = 20;
    nodes[leaf].borrow_mut().back = Some(nodes[0].clone());
    let graph = Graph::of(&nodes[0]);
    nodes[leaf].borrow_mut().back = None;
    assert_eq!(graph.cycles().len(), 1);
    assert_legible("tree", &graph);
}

/// A node of a doubly linked list whose back links are strong too.
#[derive(Walk)]
struct ListNode {
    value: u32,
    next: Option<Rc<RefCell<ListNode>>>,
    prev: Option<Rc<RefCell<ListNode>>>,
}

#[test]
#[cfg_attr(
    miri,
    ignore = "safe layout arithmetic and text, minutes under Miri; the svg unit tests run the renderer there"
)]
fn a_doubly_linked_list_with_strong_back_links() {
    let nodes: Vec<Rc<RefCell<ListNode>>> = (0..6)
        .map(|value| {
            Rc::new(RefCell::new(ListNode {
                value,
                next: None,
                prev: None,
            }))
        })
        .collect();
    for pair in nodes.windows(2) {
        pair[0].borrow_mut().next = Some(pair[1].clone());
        pair[1].borrow_mut().prev = Some(pair[0].clone());
    }
    let graph = Graph::of(&nodes[0]);
    for node in &nodes {
        node.borrow_mut().prev = None;
    }
    assert!(!graph.cycles().is_empty());
    assert_legible("list", &graph);
}

/// Holders of values shared by several of them.
#[derive(Walk)]
struct Holder {
    label: &'static str,
    first: Rc<String>,
    second: Option<Rc<Vec<u32>>>,
}

#[test]
#[cfg_attr(
    miri,
    ignore = "safe layout arithmetic and text, minutes under Miri; the svg unit tests run the renderer there"
)]
fn values_shared_by_several_holders() {
    let text = Rc::new(String::from("shared text"));
    let numbers = Rc::new(vec![1, 2, 3]);
    let holders: Vec<Holder> = ["a", "b", "c", "d"]
        .into_iter()
        .enumerate()
        .map(|(index, label)| Holder {
            label,
            first: text.clone(),
            second: (index % 2 == 0).then(|| numbers.clone()),
        })
        .collect();
    let graph = Graph::of(&holders);
    assert_legible("shared", &graph);
}

/// The tour's music library (`examples/tour.rs`).
#[derive(Walk)]
struct Library {
    #[allow(
        clippy::vec_box,
        reason = "the tour's shape: each playlist a heap block of its own"
    )]
    playlists: Vec<Box<Playlist>>,
}

#[derive(Walk)]
struct Playlist {
    name: String,
    songs: Vec<Rc<Song>>,
    playing: Weak<Song>,
}

#[derive(Walk)]
struct Song {
    title: String,
    next: RefCell<Option<Rc<Song>>>,
}

#[test]
#[cfg_attr(
    miri,
    ignore = "safe layout arithmetic and text, minutes under Miri; the svg unit tests run the renderer there"
)]
fn the_tours_library() {
    let song = |title: &str| {
        Rc::new(Song {
            title: title.to_owned(),
            next: RefCell::new(None),
        })
    };
    let (intro, outro) = (song("Intro"), song("Outro"));
    *intro.next.borrow_mut() = Some(outro.clone());
    *outro.next.borrow_mut() = Some(intro.clone());
    let library = Library {
        playlists: vec![
            Box::new(Playlist {
                name: "morning".to_owned(),
                songs: vec![intro.clone(), outro.clone()],
                playing: Rc::downgrade(&intro),
            }),
            Box::new(Playlist {
                name: "evening".to_owned(),
                songs: vec![outro.clone()],
                playing: Weak::new(),
            }),
        ],
    };
    let graph = Graph::of(&library);
    *outro.next.borrow_mut() = None;
    assert_legible("library", &graph);
}
