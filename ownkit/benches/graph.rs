//! What drawing the ownership graph costs, and that the cost grows in
//! proportion to the graph (the target: n nodes in O(n) time and memory).
//!
//! Two shapes, each at three sizes that double: a chain of ownkit `Box`es
//! (the deepest a graph gets: the walk keeps its own stack) and a `Vec` of
//! `Rc`s that all share one value (the widest: one node with n incoming
//! edges). If the walk were worse than linear, the time per node would grow
//! with the size; the summary at the end prints it for each size.
//!
//! A third value, at the same sizes, holds that many numbers in a `Vec`:
//! a graph of three nodes, whatever the size, since the walk skips leaves
//! (`Walk::is_leaf`). Its time should not grow with the size at all.

use criterion::{BenchmarkId, Criterion, criterion_group};
use ownkit::graph::Graph;
use ownkit::trace::Walk;
use ownkit::{Box, Rc};
use std::hint::black_box;
use std::time::Instant;

/// Sizes of the graphs, in nodes.
const SIZES: [usize; 3] = [100_000, 200_000, 400_000];

/// One link of a chain of boxes.
#[derive(Walk)]
struct Link {
    value: u64,
    next: Option<Box<Link>>,
}

fn chain(length: usize) -> Option<Box<Link>> {
    let mut head = None;
    for value in 0..length as u64 {
        head = Some(Box::new(Link { value, next: head }));
    }
    head
}

/// Unlinks a chain first: dropping it whole would recurse once per link.
fn drop_chain(mut head: Option<Box<Link>>) {
    while let Some(mut link) = head {
        head = link.next.take();
    }
}

fn shared(width: usize) -> Vec<Rc<u64>> {
    let one = Rc::new(7);
    (0..width).map(|_| Rc::clone(&one)).collect()
}

/// Numbers by the many: leaves, which the graph does not walk one by one.
#[derive(Walk)]
struct Samples {
    name: String,
    values: Vec<u64>,
}

fn samples(count: usize) -> Samples {
    Samples {
        name: "samples".to_owned(),
        values: vec![7; count],
    }
}

fn graph_cost(c: &mut Criterion) {
    let mut group = c.benchmark_group("graph_of");
    group.sample_size(10);
    for size in SIZES {
        let links = chain(size);
        group.bench_with_input(BenchmarkId::new("box_chain", size), &links, |b, links| {
            b.iter(|| black_box(Graph::of(links)));
        });
        drop_chain(links);
        let many = shared(size);
        group.bench_with_input(BenchmarkId::new("shared_rc", size), &many, |b, many| {
            b.iter(|| black_box(Graph::of(many)));
        });
        let numbers = samples(size);
        group.bench_with_input(
            BenchmarkId::new("leaf_vec", size),
            &numbers,
            |b, numbers| {
                b.iter(|| black_box(Graph::of(numbers)));
            },
        );
    }
    group.finish();
}

criterion_group!(benches, graph_cost);

/// The median time per node and edge of building the graph of `value`,
/// over rounds, with the graph's node and edge counts.
fn ns_per_item<T: Walk + ?Sized>(value: &T) -> (usize, usize, f64) {
    let mut times = Vec::new();
    let (mut nodes, mut edges) = (0, 0);
    for _ in 0..7 {
        let start = Instant::now();
        let graph = Graph::of(value);
        let elapsed = start.elapsed().as_secs_f64();
        (nodes, edges) = (graph.node_count(), graph.edge_count());
        times.push(elapsed * 1e9 / (nodes + edges) as f64);
        drop(black_box(graph));
    }
    times.sort_by(f64::total_cmp);
    (nodes, edges, times[times.len() / 2])
}

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();

    println!("\nTime per node and edge (median of 7), by size: flat means linear.\n");
    println!("| shape | nodes | edges | ns per node and edge |");
    println!("|---|---:|---:|---:|");
    for size in SIZES {
        let links = chain(size);
        let (nodes, edges, ns) = ns_per_item(&links);
        println!("| box chain | {nodes} | {edges} | {ns:.1} |");
        drop_chain(links);
    }
    for size in SIZES {
        let many = shared(size);
        let (nodes, edges, ns) = ns_per_item(&many);
        println!("| Vec of shared Rcs | {nodes} | {edges} | {ns:.1} |");
    }

    println!("\nA Vec of numbers (leaves), by its length: flat means they are not walked.\n");
    println!("| numbers | nodes | ns per graph |");
    println!("|---:|---:|---:|");
    for size in SIZES {
        let numbers = samples(size);
        let (nodes, edges, ns) = ns_per_item(&numbers);
        let per_graph = ns * (nodes + edges) as f64;
        println!("| {size} | {nodes} | {per_graph:.0} |");
    }
}
