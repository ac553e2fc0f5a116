//! The ownership graph of a live value: what it owns, what it shares and
//! with what counts, which links are weak, and what it borrows.
//!
//! [`Graph::of`] walks a value through its [`Walk`]
//! impl (derived with `#[derive(TraceDrop)]` or `#[derive(Walk)]`, or one
//! of ownkit's for std's containers and its own pointers and arenas) and
//! records what it finds:
//!
//! - **nodes**: the root; inline values of traced types; heap blocks owned
//!   by one pointer ([`NodeKind::Heap`]); containers' buffers
//!   ([`NodeKind::Buffer`]); values shared by `Rc`s or `Arc`s, with their
//!   counts ([`NodeKind::Shared`]); values reached only through a
//!   reference ([`NodeKind::Borrowed`]); and contents the walk cannot look
//!   at, with the reason ([`NodeKind::Hidden`]: a `Cell`, a mutably
//!   borrowed `RefCell`, never a panic).
//!   A value whose type marks a field `#[ownkit(label)]` is named by that
//!   field's `Debug` output as well as its type ([`Node::label`]:
//!   `Song "Intro"`), so that values of one type are told apart.
//! - **edges**: [`EdgeKind::Owns`], [`EdgeKind::Shares`],
//!   [`EdgeKind::Weak`], [`EdgeKind::Borrows`], each with the path of the
//!   field that holds the link.
//!
//! A node is identified by its address *and* its type: a struct and its
//! first field share an address and are two nodes. A shared value reached
//! from two `Rc`s is one node with two edges, walked once.
//!
//! Arenas: a [`GenArena`](crate::arena::GenArena) owns its values in one
//! buffer, each under `[slot]`. A [`Key`](crate::arena::Key) stored in a
//! value is plain data, not an edge: it owns and borrows nothing, so values
//! that name each other by key never form a cycle (the arena owns them all
//! and frees them with itself). A typed [`Arena`](crate::arena::Arena)
//! lends its values out as references, so its own contents are hidden; walk
//! the values through those references, and their links show as borrows.
//!
//! The walk keeps its own stack: a chain of a million `Box`es takes time
//! and memory in proportion to its length and no call-stack space per
//! link. (The contents of a `RefCell`, a `Mutex` or a `RwLock` are the
//! exception: they can only be looked at while a borrow guard lives, so
//! each such level is one call deeper.) A value with one owner is reached
//! once, and is never looked up; what several links may reach (a shared
//! value, a borrowed one) is found again by a hash map, so the time is
//! linear in the size of the graph. Without the `std` feature, which
//! `alloc` offers no hash map for, a B-tree adds a logarithmic factor to
//! those lookups.
//!
//! ```
//! use ownkit::graph::{EdgeKind, Graph, NodeKind};
//!
//! let shared = ownkit::Rc::new(String::from("shared"));
//! let pair = (ownkit::Box::new(1_u32), shared.clone());
//! let graph = Graph::of(&pair);
//!
//! let kinds: Vec<EdgeKind> = graph.edges().map(|edge| edge.kind()).collect();
//! assert_eq!(kinds, [EdgeKind::Owns, EdgeKind::Shares, EdgeKind::Owns]);
//! let text = graph.nodes().find(|node| node.label() == "String").unwrap();
//! assert!(matches!(text.kind(), NodeKind::Shared { strong: 2, .. }));
//! assert_eq!(text.path(), "(Box<u32>, Rc<String>).1.*");
//! ```

mod analysis;
mod build;
#[cfg(feature = "std")]
mod leak;
mod model;
mod render;

pub use analysis::Cycle;
#[cfg(feature = "std")]
pub use leak::{LeakCheck, LeakReport, LeakedBlock};
pub use model::{Edge, EdgeKind, Edges, Graph, Node, NodeId, NodeKind};

use crate::walk::Walk;

impl Graph {
    /// Walks `value` and everything it reaches, and returns what it found.
    ///
    /// Shared values are walked once, however many pointers lead to them,
    /// so cycles end; contents that cannot be looked at right now become
    /// [`NodeKind::Hidden`] nodes.
    ///
    /// ```
    /// use ownkit::graph::Graph;
    ///
    /// let nested = vec![vec![1_u8, 2], vec![3]];
    /// let graph = Graph::of(&nested);
    /// // The root, its buffer, and each inner vector's buffer.
    /// assert_eq!(graph.node_count(), 4);
    /// ```
    #[must_use]
    pub fn of<T: ?Sized + Walk>(value: &T) -> Graph {
        build::build(value)
    }
}
