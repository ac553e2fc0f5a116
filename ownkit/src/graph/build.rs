//! The walk that builds a [`Graph`]: an explicit stack of values to look
//! at, never recursion.
//!
//! Each value on the stack is a *task*: a `&dyn Walk` handed over by a
//! [`Visit::Child`], the node that holds it, and the path from that node.
//! Walking one value reports its direct contents; children it hands over
//! become new tasks, pushed so that the first is walked next (the graph's
//! node order is a depth-first preorder, the same on every run). Only the
//! contents of a `RefCell` or a lock, which are reported in place while a
//! guard lives, take call-stack space per level.
//!
//! Inside one value's walk, a stack of *scopes* (a [`PathStack`], opened
//! with the task's path) tracks which node the visits belong to and the
//! path walked from it:
//!
//! - a traced value, a pointer's or a reference's target starts a scope
//!   with itself as the node;
//! - [`Visit::Owns`] moves the current scope into the buffer it names, so
//!   a `Vec`'s elements hang off its buffer;
//! - [`Visit::Enter`] continues the path in place.

use alloc::string::String;
use alloc::vec::Vec;

use super::model::{EdgeKind, EdgeRecord, Graph, NodeKind, NodeRecord};
use crate::walk::path::PathStack;
use crate::walk::{Descend, PointerInfo, PointerKind, Segment, Visit, Walk, Walker, address_of};

/// The type of a node whose type the walk was not told: hidden contents and
/// opaque fields, which say where they are but not what they hold.
pub(super) const UNKNOWN_TYPE: &str = "?";

/// Builds the graph of `value`.
pub(super) fn build<T: ?Sized + Walk>(value: &T) -> Graph {
    let mut builder = GraphBuilder::default();
    let type_name = core::any::type_name::<T>();
    let root = builder.node(address_of(value), type_name, NodeKind::Root, Reach::Owned);
    builder.expanded[root as usize] = true;
    builder.scopes.open(
        None,
        Scope {
            container: root,
            path_start: 0,
            target: false,
            value_type: type_name,
            borrowed: false,
        },
    );
    builder.outer_scopes = 1;
    builder.walk(value);
    while let Some(task) = builder.start_task() {
        builder.walk(task);
    }
    builder.finish()
}

/// What identifies a node: its address and its type (a struct and its
/// first field share an address). Hashed by address alone, which is what
/// tells nodes apart nearly always; the types are compared only when two
/// nodes share an address, and then by pointer first (`type_name` gives
/// the same `&'static str` for one type nearly always).
#[derive(Clone, Copy, Debug)]
struct Identity {
    address: usize,
    type_name: &'static str,
}

impl Identity {
    fn new(address: usize, type_name: &'static str) -> Self {
        Self { address, type_name }
    }
}

impl PartialEq for Identity {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.address == other.address && same_type(self.type_name, other.type_name)
    }
}

impl Eq for Identity {}

impl PartialOrd for Identity {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Identity {
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        (self.address, self.type_name).cmp(&(other.address, other.type_name))
    }
}

impl core::hash::Hash for Identity {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        state.write_usize(self.address);
    }
}

/// Whether two type names are the same: the same text, which is nearly
/// always at the same place.
#[inline]
fn same_type(one: &'static str, other: &'static str) -> bool {
    core::ptr::eq(one, other) || one == other
}

/// Node identities to numbers: a hash map with std, so that the walk takes
/// time in proportion to the graph; without std (no hash map in `alloc`) a
/// B-tree, one logarithmic factor slower.
#[cfg(feature = "std")]
type Index = std::collections::HashMap<
    Identity,
    u32,
    core::hash::BuildHasherDefault<crate::hasher::AddressHasher>,
>;
#[cfg(not(feature = "std"))]
type Index = alloc::collections::BTreeMap<Identity, u32>;

/// How many links of a graph may lead to a node: whether the walk must
/// look for it among the nodes it has found before making it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reach {
    /// A value of some size with one owner, reached through that owner:
    /// the field of a value, the target of a `Box`, a buffer. Another
    /// owning link to it cannot exist, so only a link of the other kind
    /// can have found it before.
    Owned,
    /// Anything else: the target of an `Rc` or an `Arc`, strong or weak,
    /// or of a reference; a zero-sized value (every `Box` of one has the
    /// same address); contents the walk cannot see, all of one unknown
    /// type; and whatever is found inside a reference's target, which its
    /// owner's walk may find again.
    Aliased,
}

/// A value waiting to be walked: a child some walk handed over.
#[derive(Clone, Copy)]
struct Task<'a> {
    value: &'a dyn Walk,
    /// The node that holds it.
    container: u32,
    /// The last segment of its path from `container`; `None` if it is a
    /// pointer's target, whose `.*` is the edge's (see `Scope::target`).
    segment: Option<Segment>,
    /// The segments of its path before `segment`, in
    /// `GraphBuilder::prefixes`: a child reported inside a scope that
    /// [`Visit::Enter`] opened (a map's entry `[i]` holds `.0` and `.1`).
    /// Nearly always empty.
    prefix_start: u32,
    prefix_len: u32,
    /// What to cut `GraphBuilder::prefixes` back to once its prefix is
    /// read: where the prefixes of its walk start if it is the last of
    /// that walk's children to be walked, `u32::MAX` (keep them) if not.
    prefix_keep: u32,
    /// Whether it is inside a reference's target (see `Scope::borrowed`).
    borrowed: bool,
}

/// One open scope of the value being walked: what the visits belong to.
#[derive(Clone, Copy, Debug)]
struct Scope {
    /// The node the visits belong to.
    container: u32,
    /// Where the path from `container` starts in the scope stack's path.
    path_start: usize,
    /// Whether it is a pointer's or a reference's target scope, whose one
    /// child (the target, under `.*`) belongs to the target node itself.
    target: bool,
    /// The type of the value whose walk opened it, to name buffers.
    value_type: &'static str,
    /// Whether it is inside a reference's target: what it owns may be
    /// walked again from its owner (see `Reach::Aliased`).
    borrowed: bool,
}

/// The scope of visits that come when none is open: a walk that left
/// more scopes than it opened. Its visits go to the root.
static STRAY: Scope = Scope {
    container: 0,
    path_start: 0,
    target: false,
    value_type: UNKNOWN_TYPE,
    borrowed: true,
};

#[derive(Default)]
struct GraphBuilder<'a> {
    nodes: Vec<NodeRecord>,
    edges: Vec<EdgeRecord>,
    text: String,
    /// Node identity: (address, type) to number. Two values at one address
    /// differ by type (a struct and its first field).
    index: Index,
    /// How many of `nodes` are in `index` (see `node`): all the nodes up
    /// to the last aliased one; 0 until the first.
    indexed: usize,
    /// Whether a node's contents have been walked (or are being walked).
    expanded: Vec<bool>,
    /// The values waiting to be walked, the next one on top. A walk's
    /// children are pushed in the order it reports them, then turned
    /// around, so that the first one is walked next, and all it reaches
    /// before the second.
    tasks: Vec<Task<'a>>,
    /// The paths of tasks before their last segment, when they have one
    /// (see `Task::prefix_start`), stacked like the walks that made them.
    prefixes: Vec<Segment>,
    /// The scopes open in the value being walked, and the path they spell
    /// from where its task started.
    scopes: PathStack<Scope>,
    /// How many of `scopes` the task itself opened: a `Leave` never closes
    /// those (a walk that leaves more than it opened is ignored there).
    outer_scopes: usize,
}

impl<'a> GraphBuilder<'a> {
    /// Walks one value, whose scopes are open, and turns the children it
    /// hands over into tasks, the first one on top.
    fn walk<T: ?Sized + Walk>(&mut self, value: &'a T) {
        let first = self.tasks.len();
        let prefixes = u32::try_from(self.prefixes.len()).unwrap_or(u32::MAX);
        value.walk(self);
        let children = &mut self.tasks[first..];
        children.reverse();
        if let Some(last) = children.first_mut() {
            last.prefix_keep = prefixes;
        }
    }

    /// Takes the next task and opens the scopes of its path; `None` when
    /// every value has been walked.
    fn start_task(&mut self) -> Option<&'a dyn Walk> {
        let task = self.tasks.pop()?;
        // A pointer's target is handed over as a view of the pointer; name
        // it by the target's type.
        let value_type = match task.segment {
            None => self.nodes[task.container as usize].type_name,
            Some(_) => task.value.type_name(),
        };
        let scope = Scope {
            container: task.container,
            path_start: 0,
            target: task.segment.is_none(),
            value_type,
            borrowed: task.borrowed,
        };
        self.scopes.clear();
        if task.prefix_len > 0 {
            let start = task.prefix_start as usize;
            for &segment in &self.prefixes[start..start + task.prefix_len as usize] {
                self.scopes.open(Some(segment), scope);
            }
        }
        self.prefixes.truncate(task.prefix_keep as usize);
        self.scopes.open(task.segment, scope);
        self.outer_scopes = self.scopes.len();
        Some(task.value)
    }

    /// The innermost open scope.
    fn scope(&self) -> &Scope {
        // A walk starts with its task's scopes, which `Leave` never closes.
        self.scopes.top().unwrap_or(&STRAY)
    }

    /// The node `(address, type_name)`, made with `kind` if it is new. A
    /// node first seen as borrowed takes the kind of a later, owning
    /// sighting.
    ///
    /// The index is kept only as far as lookups need it. Until the walk
    /// meets an aliased node, every node is owned and none can be found
    /// twice, so none is looked up or indexed. An aliased sighting may
    /// find any node: it first indexes every node made since the last
    /// one, then looks. An owned sighting may find only an aliased node
    /// (another owner is impossible), all of which are indexed, so it only
    /// looks, and is indexed later if need be.
    fn node(
        &mut self,
        address: usize,
        type_name: &'static str,
        kind: NodeKind,
        reach: Reach,
    ) -> u32 {
        let next = u32::try_from(self.nodes.len()).unwrap_or(u32::MAX);
        let identity = Identity::new(address, type_name);
        let found = match reach {
            Reach::Owned if self.indexed == 0 => None,
            Reach::Owned => self.index.get(&identity).copied(),
            Reach::Aliased => {
                if self.indexed < self.nodes.len() {
                    self.index_nodes();
                }
                let id = *self.index.entry(identity).or_insert(next);
                (id != next).then_some(id)
            }
        };
        if let Some(id) = found {
            let known = &mut self.nodes[id as usize].kind;
            if *known == NodeKind::Borrowed && kind != NodeKind::Borrowed {
                *known = kind;
            }
            return id;
        }
        self.nodes.push(NodeRecord {
            kind,
            type_name,
            address,
            via: None,
        });
        self.expanded.push(false);
        if reach == Reach::Aliased {
            self.indexed = self.nodes.len();
        }
        next
    }

    /// Indexes the nodes made since the last aliased one.
    fn index_nodes(&mut self) {
        let new = &self.nodes[self.indexed..];
        #[cfg(feature = "std")]
        self.index.reserve(new.len() + 1);
        for (offset, node) in new.iter().enumerate() {
            let id = u32::try_from(self.indexed + offset).unwrap_or(u32::MAX);
            self.index
                .entry(Identity::new(node.address, node.type_name))
                .or_insert(id);
        }
        self.indexed = self.nodes.len();
    }

    /// Adds an edge from the current scope's node, at the current path.
    fn edge(&mut self, to: u32, kind: EdgeKind, through_pointer: bool) -> u32 {
        let scope = self.scope();
        let from = scope.container;
        let path = self
            .scopes
            .path()
            .get(scope.path_start..)
            .unwrap_or_default();
        let start = self.text.len();
        for &segment in path {
            push_segment(&mut self.text, segment);
        }
        let index = u32::try_from(self.edges.len()).unwrap_or(u32::MAX);
        self.edges.push(EdgeRecord {
            from,
            to,
            kind,
            path_start: u32::try_from(start).unwrap_or(u32::MAX),
            path_len: u32::try_from(self.text.len() - start).unwrap_or(0),
            through_pointer,
        });
        let target = &mut self.nodes[to as usize];
        if target.via.is_none() && to != 0 {
            target.via = Some(index);
        }
        index
    }

    /// How a value of `size` bytes with one owner is reached from the
    /// current scope (see [`Reach`]).
    fn owned(&self, size: usize) -> Reach {
        if size == 0 || self.scope().borrowed {
            Reach::Aliased
        } else {
            Reach::Owned
        }
    }

    /// Opens the scope of `node`'s contents, unless they were walked
    /// already; `borrows` if `node` is a reference's target.
    fn descend(&mut self, node: u32, target: bool, borrows: bool) -> Descend {
        if self.expanded[node as usize] {
            return Descend::No;
        }
        self.expanded[node as usize] = true;
        let Scope {
            value_type,
            borrowed,
            ..
        } = *self.scope();
        let path_start = self.scopes.path().len();
        self.scopes.open(
            None,
            Scope {
                container: node,
                path_start,
                target,
                value_type,
                borrowed: borrowed || borrows,
            },
        );
        Descend::Yes
    }

    /// A pointer's target, and the edge to it.
    fn pointer(&mut self, info: &PointerInfo, edge: EdgeKind) -> u32 {
        let (size, align) = info.block.map_or((0, 1), |block| (block.size, block.align));
        let kind = if info.kind.is_shared() {
            NodeKind::Shared {
                pointer: info.kind,
                size,
                strong: info.strong,
                weak: info.weak,
            }
        } else {
            NodeKind::Heap { size, align }
        };
        // A box's target is owned, unless it is zero-sized (every box of
        // it has the same address); a shared value, or any value reached
        // by a weak pointer, may be reached again.
        let reach = if edge == EdgeKind::Owns {
            self.owned(size)
        } else {
            Reach::Aliased
        };
        let target = self.node(info.target, info.target_type, kind, reach);
        self.edge(target, edge, true);
        target
    }

    /// Opens the scope of an arena's values: inside its buffer when it
    /// says where that is (a `GenArena`'s slots), else in place (a typed
    /// `Arena` keeps its values hidden anyway).
    fn enter_arena(&mut self, info: &PointerInfo) -> Descend {
        let scope = *self.scope();
        let mut inside = Scope {
            target: false,
            ..scope
        };
        if let Some(block) = info.block {
            let kind = NodeKind::Buffer {
                size: block.size,
                align: block.align,
            };
            let reach = self.owned(block.size);
            let buffer = self.node(block.address, scope.value_type, kind, reach);
            self.edge(buffer, EdgeKind::Owns, false);
            if self.expanded[buffer as usize] {
                return Descend::No;
            }
            self.expanded[buffer as usize] = true;
            inside.container = buffer;
            inside.path_start = self.scopes.path().len();
        }
        self.scopes.open(None, inside);
        Descend::Yes
    }

    fn finish(self) -> Graph {
        let node_count = self.nodes.len();
        let (outgoing, outgoing_start) =
            group_edges(node_count, self.edges.iter().map(|edge| edge.from));
        let (incoming, incoming_start) =
            group_edges(node_count, self.edges.iter().map(|edge| edge.to));
        Graph {
            nodes: self.nodes,
            edges: self.edges,
            text: self.text,
            outgoing,
            outgoing_start,
            incoming,
            incoming_start,
        }
    }
}

/// Writes `segment` at the end of `text` as its `Display` does (`.name`,
/// `[i]`, `.*`), without the formatting machinery: every edge's path is
/// written as the edge is found, so this is on the walk's hot path.
#[inline]
fn push_segment(text: &mut String, segment: Segment) {
    match segment {
        Segment::Field(name) => {
            text.push('.');
            text.push_str(name);
        }
        Segment::Index(index) => {
            // The decimal digits of a `usize`, filled from the right.
            let mut digits = [0_u8; 20];
            let mut start = digits.len();
            let mut rest = index;
            loop {
                start -= 1;
                // A digit is below 10.
                digits[start] = b'0' + (rest % 10) as u8;
                rest /= 10;
                if rest == 0 {
                    break;
                }
            }
            text.push('[');
            for &digit in &digits[start..] {
                text.push(char::from(digit));
            }
            text.push(']');
        }
        Segment::Deref => text.push_str(".*"),
    }
}

/// Groups edge numbers by node (a counting sort, keeping walk order within
/// a node): the edges of node `n` are `list[start[n]..start[n + 1]]`.
fn group_edges(
    node_count: usize,
    node_of_edge: impl Iterator<Item = u32> + Clone,
) -> (Vec<u32>, Vec<u32>) {
    let mut start = alloc::vec![0_u32; node_count + 1];
    for node in node_of_edge.clone() {
        start[node as usize + 1] += 1;
    }
    for index in 1..start.len() {
        start[index] += start[index - 1];
    }
    let mut filled = start.clone();
    let mut list = alloc::vec![0_u32; start[node_count] as usize];
    for (edge, node) in node_of_edge.enumerate() {
        let slot = &mut filled[node as usize];
        list[*slot as usize] = u32::try_from(edge).unwrap_or(u32::MAX);
        *slot += 1;
    }
    (list, start)
}

impl<'a> Walker<'a> for GraphBuilder<'a> {
    fn visit(&mut self, visit: Visit<'a>) -> Descend {
        match visit {
            Visit::Traced(info) => {
                let scope = *self.scope();
                let container = &self.nodes[scope.container as usize];
                if (container.address, container.type_name) == (info.address, info.type_name) {
                    // The value the scope is about (the root, a pointer's
                    // target) describing itself: its fields are its own.
                    let path_start = self.scopes.path().len();
                    self.scopes.open(
                        None,
                        Scope {
                            target: false,
                            path_start,
                            ..scope
                        },
                    );
                    return Descend::Yes;
                }
                let reach = self.owned(info.size);
                let node = self.node(info.address, info.type_name, NodeKind::Value, reach);
                self.edge(node, EdgeKind::Owns, false);
                self.descend(node, false, false)
            }
            Visit::Pointer(info) => match info.kind {
                PointerKind::Box | PointerKind::StdBox => {
                    let target = self.pointer(&info, EdgeKind::Owns);
                    self.descend(target, true, false)
                }
                kind if kind.is_shared() => {
                    let target = self.pointer(&info, EdgeKind::Shares);
                    self.descend(target, true, false)
                }
                // An arena: many values, no single target.
                _ => self.enter_arena(&info),
            },
            Visit::Weak(info) => {
                // `Weak::new()` points at nothing: no block, no value.
                if info.block.is_some() || info.strong > 0 {
                    self.pointer(&info, EdgeKind::Weak);
                }
                Descend::No
            }
            Visit::Borrows { address, type_name } => {
                let target = self.node(address, type_name, NodeKind::Borrowed, Reach::Aliased);
                self.edge(target, EdgeKind::Borrows, true);
                self.descend(target, true, true)
            }
            Visit::Child(segment, value) => {
                let scope = self.scope();
                let (container, borrowed) = (scope.container, scope.borrowed);
                // A pointer's target: its `.*` is the edge's.
                let segment = (!(scope.target && segment == Segment::Deref)).then_some(segment);
                let prefix = self
                    .scopes
                    .path()
                    .get(scope.path_start..)
                    .unwrap_or_default();
                let prefix_start = u32::try_from(self.prefixes.len()).unwrap_or(u32::MAX);
                if !prefix.is_empty() {
                    self.prefixes.extend_from_slice(prefix);
                }
                self.tasks.push(Task {
                    value,
                    container,
                    segment,
                    prefix_start,
                    prefix_len: u32::try_from(prefix.len()).unwrap_or(0),
                    prefix_keep: u32::MAX,
                    borrowed,
                });
                Descend::No
            }
            Visit::Enter(segment, type_name) => {
                let scope = *self.scope();
                // A pointer's target reported in place (inside a `RefCell`)
                // is the target node itself, like a target handed over.
                let is_target = scope.target && segment == Segment::Deref;
                let inside = Scope {
                    target: false,
                    // A target reported in place is the target node's value.
                    value_type: if is_target {
                        self.nodes[scope.container as usize].type_name
                    } else {
                        type_name
                    },
                    ..scope
                };
                self.scopes.open((!is_target).then_some(segment), inside);
                Descend::No
            }
            Visit::Leave => {
                if self.scopes.len() > self.outer_scopes {
                    let _ = self.scopes.close();
                }
                Descend::No
            }
            Visit::Owns(block) => {
                let value_type = self.scope().value_type;
                let kind = NodeKind::Buffer {
                    size: block.size,
                    align: block.align,
                };
                let reach = self.owned(block.size);
                let buffer = self.node(block.address, value_type, kind, reach);
                self.edge(buffer, EdgeKind::Owns, false);
                self.expanded[buffer as usize] = true;
                // What the value reports next is inside its buffer.
                let path_start = self.scopes.path().len();
                if let Some(top) = self.scopes.top_mut() {
                    top.container = buffer;
                    top.path_start = path_start;
                }
                Descend::No
            }
            Visit::Opaque {
                segment,
                address,
                size,
            } => {
                let scope = *self.scope();
                self.scopes.open(Some(segment), scope);
                let kind = NodeKind::Hidden {
                    reason: "an opaque field: ownkit cannot see into it",
                    size,
                };
                let node = self.node(address, UNKNOWN_TYPE, kind, Reach::Aliased);
                self.edge(node, EdgeKind::Owns, false);
                let _ = self.scopes.close();
                Descend::No
            }
            Visit::Hidden {
                reason,
                address,
                size,
            } => {
                // Not the value's own type: the value itself may be the
                // node the visits belong to (a hidden `RefCell` root).
                let kind = NodeKind::Hidden { reason, size };
                let node = self.node(address, UNKNOWN_TYPE, kind, Reach::Aliased);
                self.edge(node, EdgeKind::Owns, false);
                Descend::No
            }
        }
    }
}

#[cfg(test)]
mod tests;
