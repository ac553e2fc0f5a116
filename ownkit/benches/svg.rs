//! What laying out and drawing a large ownership graph as SVG costs
//! (feature `svg`): `cargo bench -p ownkit --features svg --bench svg`.
//!
//! The target is that a graph of 10 000 nodes lays out and renders in well
//! under a second. Three shapes of about that size: a chain of boxes (the
//! deepest picture: 10 000 rows), a 4-way tree (a wide one with long rows
//! to order) and a `Vec` of `Rc`s sharing one value (one box with 10 000
//! edges into it). Then the web page of the chain, and the picture of a
//! capture of 15 000 drops and frees.

use criterion::{Criterion, criterion_group, criterion_main};
use ownkit::graph::Graph;
use ownkit::{TraceDrop, Walk};
use std::hint::black_box;

/// One link of a chain of boxes.
#[derive(Walk)]
struct Link {
    value: u64,
    next: Option<ownkit::Box<Link>>,
}

/// A node of a tree whose children are a `Vec` of boxes.
#[derive(Walk)]
struct Node {
    value: u64,
    #[allow(
        clippy::vec_box,
        reason = "the shape under test: one heap block per node, each owned by its parent's Vec"
    )]
    children: Vec<Box<Node>>,
}

fn chain(length: u64) -> Option<ownkit::Box<Link>> {
    let mut head = None;
    for value in 0..length {
        head = Some(ownkit::Box::new(Link { value, next: head }));
    }
    head
}

/// Unlinks a chain first: dropping it whole would recurse once per link.
fn drop_chain(mut head: Option<ownkit::Box<Link>>) {
    while let Some(mut link) = head {
        head = link.next.take();
    }
}

fn tree(depth: u32) -> Node {
    Node {
        value: u64::from(depth),
        children: if depth == 0 {
            Vec::new()
        } else {
            (0..4).map(|_| Box::new(tree(depth - 1))).collect()
        },
    }
}

fn to_svg(c: &mut Criterion) {
    let mut group = c.benchmark_group("to_svg");
    group.sample_size(10);
    let links = chain(10_000);
    let graph = Graph::of(&links);
    assert_eq!(graph.node_count(), 10_001);
    group.bench_function("box_chain_10000", |b| b.iter(|| black_box(graph.to_svg())));
    drop_chain(links);

    // 5461 values and 1365 buffers: 6826 nodes.
    let wide = tree(6);
    let graph = Graph::of(&wide);
    group.bench_function(format!("tree_{}", graph.node_count()), |b| {
        b.iter(|| black_box(graph.to_svg()));
    });

    let one = std::rc::Rc::new(7_u64);
    let many: Vec<std::rc::Rc<u64>> = (0..10_000).map(|_| one.clone()).collect();
    let graph = Graph::of(&many);
    group.bench_function("shared_rc_10000_edges", |b| {
        b.iter(|| black_box(graph.to_svg()))
    });
    group.finish();
}

/// One traced value in a box, for a capture of many drops.
#[derive(TraceDrop)]
struct Leaf {
    value: u64,
}

/// The web page of the chain's graph (its SVG and the page around it),
/// and the picture of a capture of 10 000 drops and 5 000 frees: 5 000
/// boxes, each dropping its leaf and freeing its block.
fn pages(c: &mut Criterion) {
    let mut group = c.benchmark_group("to_html");
    group.sample_size(10);
    let links = chain(10_000);
    let graph = Graph::of(&links);
    group.bench_function("box_chain_10000", |b| b.iter(|| black_box(graph.to_html())));
    drop_chain(links);

    let boxes: Vec<ownkit::Box<Leaf>> = (0..5_000)
        .map(|value| ownkit::Box::new(Leaf { value }))
        .collect();
    let report = ownkit::trace::capture(|| drop(boxes));
    assert_eq!(report.freed().len(), 5_000);
    group.bench_function("drop_report_15000_boxes", |b| {
        b.iter(|| black_box(report.to_svg()))
    });
    group.finish();
}

criterion_group!(benches, to_svg, pages);
criterion_main!(benches);
