//! `Display` for [`Graph`]: the graph as an indented tree, one line per
//! edge; and `Debug`, a summary of it.
//!
//! The tree is the walk's: each node is printed once, under the edge that
//! first reached it. Any other edge to it (a second `Rc` to a shared
//! value, the back edge of a cycle, a `Weak`) is printed as a reference to
//! that node's label and path, `↩ Node at Rc<Node>.*`, and not expanded again, so a cycle
//! prints in finite space and a shared value appears once.

use alloc_crate::string::String;
use alloc_crate::vec::Vec;
use core::fmt;

use super::{description, is_tree_edge, title};
use crate::abridged::{Abridged, SHOWN};
use crate::graph::model::{Edge, Edges, Graph};

impl fmt::Display for Graph {
    /// Prints the graph as a tree: the root's type, then one line per
    /// edge with its path, its kind, and the node it leads to (its type,
    /// with its label if it has one, and what it is) or, for an edge that
    /// is not the node's first, a reference to the node's path.
    ///
    /// There are no addresses in it: the same value prints the same text
    /// on every run. A deep graph prints with a loop, not recursion.
    ///
    /// ```
    /// use ownkit::graph::Graph;
    ///
    /// let nested = (ownkit::Box::new(7_u64), vec![1_u8, 2]);
    /// let graph = Graph::of(&nested);
    /// assert_eq!(
    ///     graph.to_string(),
    ///     "(Box<u64>, Vec<u8>)\n\
    ///      ├── .0 owns u64 (Heap 8 bytes)\n\
    ///      └── .1 owns Vec<u8> (buffer 2 bytes)\n",
    /// );
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.nodes.is_empty() {
            return Ok(());
        }
        let root = self.root();
        f.write_str(&root.label())?;
        f.write_str("\n")?;
        // The indentation of the level being printed: `│   ` for a level
        // with more lines to come, four blanks for one that is done.
        let mut prefix = String::new();
        // Per open level: the edges left to print, and the length of
        // `prefix` before the level's column was added.
        let mut levels: Vec<(Edges<'_>, usize)> = alloc_crate::vec![(root.outgoing(), 0)];
        while let Some((edges, _)) = levels.last_mut() {
            let Some(edge) = edges.next() else {
                if let Some((_, kept)) = levels.pop() {
                    prefix.truncate(kept);
                }
                continue;
            };
            let last = edges.len() == 0;
            f.write_str(&prefix)?;
            f.write_str(if last { "└── " } else { "├── " })?;
            write_edge_line(f, edge)?;
            if is_tree_edge(edge) {
                let kept = prefix.len();
                prefix.push_str(if last { "    " } else { "│   " });
                levels.push((edge.to().outgoing(), kept));
            }
        }
        Ok(())
    }
}

/// One edge's line: `.next shares Node (Rc strong 2 weak 0, 56 bytes)`
/// for the edge a node is printed under, `.next shares ↩ Node at Rc<Node>.*`
/// for any other.
fn write_edge_line(f: &mut fmt::Formatter<'_>, edge: Edge<'_>) -> fmt::Result {
    if !edge.path().is_empty() {
        f.write_str(edge.path())?;
        f.write_str(" ")?;
    }
    f.write_str(edge.kind().name())?;
    let target = edge.to();
    if !is_tree_edge(edge) {
        // The label too: a value and its first field share a path.
        return match title(target) {
            Some(title) => writeln!(f, " ↩ {title} at {}", target.path()),
            None => writeln!(f, " ↩ {}", target.path()),
        };
    }
    match (title(target), description(target.kind())) {
        (Some(title), Some(description)) => writeln!(f, " {title} ({description})"),
        (Some(title), None) => writeln!(f, " {title}"),
        (None, Some(description)) => writeln!(f, " {description}"),
        (None, None) => writeln!(f),
    }
}

impl fmt::Debug for Graph {
    /// A summary: how many nodes and edges, the root, how many strong
    /// cycles, and the first few paths. `Display` is the whole tree.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut summary = f.debug_struct("Graph");
        summary
            .field("nodes", &self.node_count())
            .field("edges", &self.edge_count());
        if self.node_count() > 0 {
            summary
                .field("root", &self.root().label())
                .field("strong_cycles", &self.cycles().len())
                .field(
                    "paths",
                    &Abridged {
                        first: self.nodes().take(SHOWN).map(|node| node.path()).collect(),
                        total: self.node_count(),
                    },
                );
        }
        summary.finish()
    }
}
