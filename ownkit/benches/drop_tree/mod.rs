//! The tree both drop-tracing benches drop: balanced and binary, each node
//! a number and two optional std `Box`ed children, once as a type that
//! derives `TraceDrop` and once as the same struct without it.

/// A node that derives `TraceDrop`: its generated `Drop` asks the
/// observation gate, and records nothing while no capture runs.
#[derive(ownkit::TraceDrop)]
pub(crate) struct Traced {
    #[allow(dead_code, reason = "dropped, never read")]
    value: u64,
    left: Option<Box<Traced>>,
    right: Option<Box<Traced>>,
}

/// The same node without tracing.
#[allow(dead_code, reason = "dropped, never read, like the traced twin's")]
pub(crate) struct Plain {
    value: u64,
    left: Option<Box<Plain>>,
    right: Option<Box<Plain>>,
}

/// A balanced tree of `nodes` traced nodes.
pub(crate) fn traced(nodes: usize) -> Option<Box<Traced>> {
    tree(nodes, &|value, left, right| Traced { value, left, right })
}

/// A balanced tree of `nodes` plain nodes.
pub(crate) fn plain(nodes: usize) -> Option<Box<Plain>> {
    tree(nodes, &|value, left, right| Plain { value, left, right })
}

/// Builds a balanced tree of `nodes` nodes with `make` (recursion depth is
/// the tree's height, about 18 for 200 000 nodes).
fn tree<N>(
    nodes: usize,
    make: &impl Fn(u64, Option<Box<N>>, Option<Box<N>>) -> N,
) -> Option<Box<N>> {
    if nodes == 0 {
        return None;
    }
    let left_nodes = (nodes - 1) / 2;
    let left = tree(left_nodes, make);
    let right = tree(nodes - 1 - left_nodes, make);
    Some(Box::new(make(nodes as u64, left, right)))
}
