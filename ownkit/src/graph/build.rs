//! The walk that builds a [`Graph`]: an explicit stack of values to look
//! at, and recursion only to a fixed depth.
//!
//! Each value on the stack is a *task*: a `&dyn Walk` handed over by a
//! [`Visit::Child`], the node that holds it, and the path from that node.
//! Walking one value reports its direct contents; children it hands over
//! become new tasks, pushed so that the first is walked next (the graph's
//! node order is a depth-first preorder, the same on every run).
//!
//! Most children are walked at once instead, where they are reported, up
//! to [`MAX_NESTING`] walks deep: the same order, as long as the walk that
//! reports a child finds nothing after it (the nodes and edges of a walk
//! come before those of its children). Past that depth, and for every
//! child after the first one put off in the same task, children become
//! tasks, so the call stack stays small. A walk that does find something
//! after a child it handed over (an opaque field after a field, say)
//! would change the order: the build then starts again with every child
//! a task. Only the contents of a `RefCell` or a lock, which are reported
//! in place while a guard lives, take call-stack space per level beyond
//! that.
//!
//! Inside one value's walk, a stack of *scopes* tracks which node the
//! visits belong to and the path walked from it. The innermost scope, and
//! the segment it adds to the path, are kept at hand; the ones around it,
//! and the path they spell, are in a [`PathStack`], opened with the task's
//! path. A child walked where it is reported takes the scope it is
//! reported in, changed in place, whenever that scope adds no segment of
//! its own (a field of a traced value, an element of a buffer), so most
//! children save nothing on the stack:
//!
//! - a traced value, a pointer's or a reference's target starts a scope
//!   with itself as the node. A traced value that is that node already
//!   (the root, or a pointer's target, describing itself) would open a
//!   scope like the one it is in: the scope is only counted as opened
//!   again, and its `Leave` counts it down;
//! - [`Visit::Owns`] moves the current scope into the buffer it names, so
//!   a `Vec`'s elements hang off its buffer;
//! - [`Visit::Enter`] continues the path in place.
//!
//! The walk is on the path of every `Graph::of`, so it is kept lean: a
//! task is a few words and carries its last path segment itself, an edge's
//! path is written as bytes (not through `core::fmt`), and a node that
//! only one link can reach is never looked up (see [`Reach`]).
//!
//! A value with a label (a field marked `#[ownkit(label)]`) hands it to
//! [`Walker::label`] right after its `Traced` visit opened the scope of its
//! node: the builder formats it then, into the graph's text, and notes it
//! in a table of its own, beside the nodes, so that a node's record does
//! not grow for the few that have one. A value without a label costs
//! nothing more.

use alloc_crate::string::String;
use alloc_crate::vec::Vec;
use core::fmt;

mod path_text;

use self::path_text::{FieldTexts, push_segment, text_range};
use super::model::{
    EdgeKind, EdgeRecord, Graph, LabelRecord, NO_EDGE, NodeKind, NodeRecord, index_text,
};
use crate::walk::label::LabelText;
use crate::walk::path::PathStack;
use crate::walk::{
    Block, Descend, PointerInfo, PointerKind, Segment, SingleVisit, TracedInfo, Visit, Walk,
    Walker, address_of,
};

/// The type of a node whose type the walk was not told: hidden contents and
/// opaque fields, which say where they are but not what they hold.
pub(super) const UNKNOWN_TYPE: &str = "?";

/// How many walks deep children are walked where they are reported,
/// before they become tasks: a bounded amount of call stack (the unit
/// tests walk a long chain on a 64 KiB stack).
const MAX_NESTING: u32 = 32;

/// Builds the graph of `value`.
pub(super) fn build<T: ?Sized + Walk>(value: &T) -> Graph {
    build_with(value, true).unwrap_or_else(|| {
        // A walk found something after a child it handed over: walked at
        // once, the child came first. Every child a task keeps the order.
        build_with(value, false).unwrap_or_default()
    })
}

/// Builds the graph of `value`, walking children where they are reported
/// if `at_once`; `None` if that would have changed the order.
fn build_with<T: ?Sized + Walk>(value: &T, at_once: bool) -> Option<Graph> {
    let mut builder = GraphBuilder::new(address_of(value), core::any::type_name::<T>(), at_once);
    builder.walk(value);
    while let Some(task) = builder.start_task() {
        builder.walk(task);
    }
    (!builder.reordered).then(|| builder.finish())
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
type Index = alloc_crate::collections::BTreeMap<Identity, u32>;

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

/// A node a link leads to, as [`GraphBuilder::link`] found it.
#[derive(Clone, Copy, Debug)]
struct Linked {
    node: u32,
    /// Whether the link made it: then it is marked as looked inside
    /// already, and nothing else can lead to it yet.
    new: bool,
}

/// A value waiting to be walked: a child some walk handed over.
#[derive(Clone, Copy)]
struct Task<'a> {
    value: &'a dyn Walk,
    /// The last segment of its path from `container`; `None` if it is a
    /// pointer's target, whose `.*` is the edge's (see `Scope::target`).
    segment: Option<Segment>,
    /// The node that holds it.
    container: u32,
    /// The segments of its path before `segment`, if any, are
    /// `GraphBuilder::prefixes[prefix_start..][..prefix_len]`: a child
    /// reported inside a scope that [`Visit::Enter`] opened (a map's entry
    /// `[i]` holds `.0` and `.1`). Nearly always none.
    prefix_start: u32,
    prefix_len: u32,
    /// Whether it is inside a reference's target (see `Scope::borrowed`).
    borrowed: bool,
}

/// One open scope of the value being walked: what its visits belong to.
#[derive(Clone, Copy, Debug)]
struct Scope {
    /// The node the visits belong to.
    container: u32,
    /// Where the path from `container` starts in the path of
    /// `GraphBuilder::outer`.
    path_start: u32,
    /// Whether it is a pointer's or a reference's target scope, whose one
    /// child (the target, under `.*`) belongs to the target node itself.
    /// Not while it is reopened: see `GraphBuilder::is_target`.
    target: bool,
    /// Whether it is inside a reference's target: what it owns may be
    /// walked again from its owner (see `Reach::Aliased`).
    borrowed: bool,
    /// How many times its node, describing itself ([`Visit::Traced`] of
    /// the root or of a pointer's target), opened it again: the scope of
    /// its fields would be this one but for `target`, so it is not
    /// opened but counted, and its `Leave` counts it down (see
    /// `GraphBuilder::reopen`).
    reopened: u32,
    /// The type of the value whose walk opened it, to name buffers.
    value_type: &'static str,
}

/// Where an edge's path is: its start and length in the graph's text, or
/// in the texts of small indices every graph shares if `shared`.
#[derive(Clone, Copy)]
struct PathSpan {
    start: u32,
    len: u32,
    shared: bool,
}

impl PathSpan {
    /// The text at `(start, len)` in the graph's own text.
    #[inline]
    fn own((start, len): (u32, u32)) -> Self {
        Self {
            start,
            len,
            shared: false,
        }
    }
}

struct GraphBuilder<'a> {
    nodes: Vec<NodeRecord>,
    /// The kinds `nodes` has no room for (see [`NodeRecord`]).
    rare_kinds: Vec<NodeKind>,
    edges: Vec<EdgeRecord>,
    /// The graph's text, as bytes while it is written: an index's digits
    /// go in with one copy, not one `char` at a time. Every write is a
    /// `str` or ASCII, so it is valid UTF-8 (checked once, by `finish`).
    text: Vec<u8>,
    /// The field names `text` holds (see [`FieldTexts`]).
    field_texts: FieldTexts,
    /// Node identity: (address, type) to number. Two values at one address
    /// differ by type (a struct and its first field).
    index: Index,
    // INVARIANT: `index` holds exactly `nodes[..indexed]`, and every node
    // made with `Reach::Aliased` is among them; 0 until the first such
    // node. Maintained by `look_up_node` and `index_nodes`.
    indexed: usize,
    /// The node the index found last: consecutive links to one value
    /// (the clones of an `Rc` in a `Vec`, the children of one parent
    /// pointing back at it) find it again without a lookup.
    last_found: Option<(Identity, u32)>,
    /// Whether a node has more than one edge leading to it, or the root
    /// has one: only then does `finish` list each node's incoming edges
    /// (see [`Graph::incoming`]).
    many_incoming: bool,
    /// The labels of the nodes that have one, in the order they came (see
    /// [`LabelRecord`]).
    labels: Vec<LabelRecord>,
    /// The values waiting to be walked, the next one on top. A walk's
    /// children are pushed in the order it reports them, then turned
    /// around, so that the first one is walked next, and all it reaches
    /// before the second.
    tasks: Vec<Task<'a>>,
    /// The segments of tasks' paths before their last one (see
    /// `Task::prefix_start`), in frames, one per walk that had some.
    prefixes: Vec<Segment>,
    // INVARIANT: one `(task, start)` per walk whose children have
    // prefixes, innermost last: the frame is `prefixes[start..]` up to the
    // next frame, and `tasks[task]` is the last of that walk's children to
    // be walked, whose start releases the frame. Maintained by `walk` and
    // `start_task`.
    prefix_frames: Vec<(usize, usize)>,
    /// The innermost open scope.
    scope: Scope,
    /// The innermost scope's own segment, if it adds one: the last segment
    /// of the path, which `outer` does not hold. It is stored there only
    /// when a scope opens inside this one, so a child whose walk opens no
    /// scope of its own (a `String`, a `u64`) never touches `outer`.
    segment: Option<Segment>,
    /// The scopes around it, each saved with its own segment when the
    /// next one opened: the path they spell from where the task started
    /// is the path of the walk but for `segment`.
    // INVARIANT: `scope.path_start <= outer.path().len()`: the path from
    // the current scope's node is `outer.path()[scope.path_start..]`,
    // then `segment`. Maintained by `open`, `close`, `owns` and
    // `start_task`.
    outer: PathStack<Scope>,
    // INVARIANT: `floor <= outer.len()`: the scopes that the walk under
    // way did not open (its task's path, or the walk that handed it over
    // and its child's own scope), which a `Leave` never closes (a walk
    // that leaves more than it opened is ignored there). Set by
    // `start_task` and `walk_child`.
    floor: usize,
    /// Whether children may be walked where they are reported.
    at_once: bool,
    /// How many more walks deep a child may be walked where it is
    /// reported: 0 once one was put off (see `putting_off`), or when
    /// children are not walked at once.
    room: u32,
    /// Whether a child of the task's walk was put off: every later one is
    /// too, so that they keep their order.
    putting_off: bool,
    /// Whether the walk under way has walked a child: anything it finds
    /// now comes after that child's nodes and edges, out of order.
    walked_child: bool,
    /// Whether that happened: the graph is thrown away and built again
    /// with every child a task.
    reordered: bool,
}

impl<'a> GraphBuilder<'a> {
    /// A builder whose root is the value at `address` of type `type_name`,
    /// ready to walk it.
    fn new(address: usize, type_name: &'static str, at_once: bool) -> Self {
        let scope = Scope {
            container: 0,
            path_start: 0,
            target: false,
            borrowed: false,
            reopened: 0,
            value_type: type_name,
        };
        let mut builder = Self {
            nodes: Vec::new(),
            rare_kinds: Vec::new(),
            edges: Vec::new(),
            text: Vec::new(),
            field_texts: FieldTexts::EMPTY,
            index: Index::default(),
            indexed: 0,
            last_found: None,
            many_incoming: false,
            labels: Vec::new(),
            tasks: Vec::new(),
            prefixes: Vec::new(),
            prefix_frames: Vec::new(),
            scope,
            segment: None,
            outer: PathStack::new(),
            floor: 0,
            at_once,
            room: if at_once { MAX_NESTING } else { 0 },
            putting_off: false,
            walked_child: false,
            reordered: false,
        };
        let mut root = NodeRecord::new(address, type_name, NodeKind::Root, &mut builder.rare_kinds);
        root.expanded = true;
        builder.push_node(root);
        builder
    }

    /// Walks one value, whose scopes are open, and turns the children it
    /// hands over into tasks, the first one on top.
    fn walk<T: ?Sized + Walk>(&mut self, value: &'a T) {
        let first = self.tasks.len();
        let prefixes = self.prefixes.len();
        value.walk(self);
        self.tasks[first..].reverse();
        if self.prefixes.len() > prefixes {
            // The first task pushed is now the last to be walked.
            self.prefix_frames.push((first, prefixes));
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
        self.scope = Scope {
            container: task.container,
            path_start: 0,
            target: task.segment.is_none(),
            borrowed: task.borrowed,
            reopened: 0,
            value_type,
        };
        self.outer.clear();
        if task.prefix_len > 0 {
            self.open_prefix(&task);
        }
        if !self.prefix_frames.is_empty() {
            self.release_prefixes();
        }
        self.segment = task.segment;
        self.floor = self.outer.len();
        self.room = if self.at_once { MAX_NESTING } else { 0 };
        self.putting_off = false;
        self.walked_child = false;
        Some(task.value)
    }

    /// Opens the scopes of `task`'s path before its last segment.
    #[cold]
    fn open_prefix(&mut self, task: &Task<'a>) {
        let start = task.prefix_start as usize;
        let prefix = self
            .prefixes
            .get(start..start + task.prefix_len as usize)
            .unwrap_or_default();
        for &segment in prefix {
            self.outer.open(Some(segment), self.scope);
        }
    }

    /// Releases the innermost frame of prefixes if the task just taken was
    /// the last of its walk's children (its prefix, if it had one, is open
    /// in `outer` by now).
    #[cold]
    fn release_prefixes(&mut self) {
        if let Some(&(last, frame)) = self.prefix_frames.last()
            && last == self.tasks.len()
        {
            self.prefix_frames.pop();
            self.prefixes.truncate(frame);
        }
    }

    /// Opens `scope` inside the current one, adding `segment` to the path:
    /// the current scope is saved in `outer`, with its own segment.
    #[inline]
    fn open(&mut self, segment: Option<Segment>, scope: Scope) {
        self.outer.open(self.segment, self.scope);
        self.scope = Scope {
            reopened: 0,
            ..scope
        };
        self.segment = segment;
    }

    /// Opens the current scope again, for its own node describing itself,
    /// if the scope that would open is this one but for `target` (it is
    /// at the end of its node's path): it is only counted, and `leave`
    /// counts it down. `false` if it must be opened.
    #[inline]
    fn reopen(&mut self) -> bool {
        let same =
            self.segment.is_none() && self.scope.path_start as usize == self.outer.path().len();
        if same {
            self.scope.reopened = self.scope.reopened.saturating_add(1);
        }
        same
    }

    /// Opens for real the scope counted last by `reopen`, so that it can
    /// be changed in place and its `Leave` still finds the one it
    /// reopened as it was.
    #[cold]
    fn open_reopened(&mut self) {
        self.scope.reopened -= 1;
        let fields = Scope {
            target: false,
            ..self.scope
        };
        self.open(None, fields);
    }

    /// Whether the current scope is a target's (see `Scope::target`): not
    /// while its node's fields reopened it, as the scope they would have
    /// opened is not.
    #[inline]
    fn is_target(&self) -> bool {
        self.scope.target && self.scope.reopened == 0
    }

    /// Closes the current scope; the one around it is current again.
    #[inline]
    fn close(&mut self) {
        if let Some((segment, outer)) = self.outer.close() {
            self.scope = outer;
            self.segment = segment;
        }
    }

    /// The length of the path walked since the task started.
    #[inline]
    fn depth(&self) -> u32 {
        let len = self.outer.path().len() + usize::from(self.segment.is_some());
        u32::try_from(len).unwrap_or(u32::MAX)
    }

    /// The node `identity`, made with `kind` if it is new, and an edge of
    /// `edge` to it from the current scope's node. A node first seen as
    /// borrowed takes the kind of a later, owning sighting.
    ///
    /// The index is kept only as far as lookups need it. Until the walk
    /// meets an aliased node, every node is owned and none can be found
    /// twice, so none is looked up or indexed. An aliased sighting may
    /// find any node: it first indexes every node made since the last
    /// one, then looks. An owned sighting may find only an aliased node
    /// (another owner is impossible), all of which are indexed, so it only
    /// looks, and is indexed later if need be.
    ///
    /// A node that can only be new (an owned one, before the walk met an
    /// aliased node) is made with its edge as its `via`, and marked as
    /// looked inside, as every caller that can make one looks inside it at
    /// once: nothing looks at its record again (see [`Linked`]).
    #[inline(always)]
    fn link(
        &mut self,
        identity: Identity,
        kind: NodeKind,
        reach: Reach,
        edge: EdgeKind,
        through_pointer: bool,
    ) -> Linked {
        if reach == Reach::Owned && self.indexed == 0 {
            let mut record = self.record(identity, kind);
            // The edge about to be pushed.
            record.via = u32::try_from(self.edges.len()).unwrap_or(u32::MAX);
            record.expanded = true;
            let node = self.push_node(record);
            self.push_edge(node, edge, through_pointer);
            return Linked { node, new: true };
        }
        let node = self.find_node(identity, kind, reach);
        self.edge(node, edge, through_pointer);
        Linked { node, new: false }
    }

    /// The node of [`link`](Self::link) once the graph has an aliased
    /// node. The node found last, found again, is found here without a
    /// lookup, and nothing to index, as no node was made; the lookup is a
    /// call of its own, so that this stays short.
    #[inline(never)]
    fn find_node(&mut self, identity: Identity, kind: NodeKind, reach: Reach) -> u32 {
        if let Some(id) = self.found_again(identity) {
            return id;
        }
        self.look_up_node(identity, kind, reach)
    }

    /// The node found last, if it is `identity` and owned (a node first
    /// seen as borrowed takes the kind of an owning sighting, which only
    /// the lookup gives it). It was found before, not made: an edge leads
    /// to it already, or it is the root.
    #[inline(always)]
    fn found_again(&self, identity: Identity) -> Option<u32> {
        let (last, id) = self.last_found?;
        (last == identity && !self.nodes[id as usize].is_borrowed()).then_some(id)
    }

    /// [`find_node`](Self::find_node) in the index: the node, made if it
    /// is new.
    #[inline(never)]
    fn look_up_node(&mut self, identity: Identity, kind: NodeKind, reach: Reach) -> u32 {
        if reach == Reach::Aliased && self.indexed < self.nodes.len() {
            self.index_nodes();
        }
        if let Some(&id) = self.index.get(&identity) {
            self.last_found = Some((identity, id));
            let known = &mut self.nodes[id as usize];
            if known.is_borrowed() && kind != NodeKind::Borrowed {
                known.set_kind(kind, &mut self.rare_kinds);
            }
            return id;
        }
        let record = self.record(identity, kind);
        let id = self.push_node(record);
        if reach == Reach::Aliased {
            self.index.insert(identity, id);
            self.indexed = self.nodes.len();
        }
        id
    }

    /// The record of a new node `identity` of `kind`.
    #[inline(always)]
    fn record(&mut self, identity: Identity, kind: NodeKind) -> NodeRecord {
        NodeRecord::new(
            identity.address,
            identity.type_name,
            kind,
            &mut self.rare_kinds,
        )
    }

    /// Makes a node of `record`: its number.
    #[inline(always)]
    fn push_node(&mut self, record: NodeRecord) -> u32 {
        let id = u32::try_from(self.nodes.len()).unwrap_or(u32::MAX);
        self.nodes.push(record);
        id
    }

    /// Indexes the nodes made since the last aliased one.
    fn index_nodes(&mut self) {
        let new = &self.nodes[self.indexed..];
        #[cfg(feature = "std")]
        self.index.reserve(new.len() + 1);
        for (offset, node) in new.iter().enumerate() {
            let id = u32::try_from(self.indexed + offset).unwrap_or(u32::MAX);
            let identity = Identity {
                address: node.address,
                type_name: node.type_name,
            };
            self.index.entry(identity).or_insert(id);
        }
        self.indexed = self.nodes.len();
    }

    /// Adds an edge from the current scope's node, at the current path.
    ///
    /// Inlined into each visit that makes a node, like `path_text` and
    /// `descend`: they run for every node, and a call of their own would
    /// save and restore the caller's registers around a few stores.
    #[inline(always)]
    fn edge(&mut self, to: u32, kind: EdgeKind, through_pointer: bool) {
        let index = self.push_edge(to, kind, through_pointer);
        let target = &mut self.nodes[to as usize];
        if target.via == NO_EDGE && to != 0 {
            target.via = index;
        } else {
            self.many_incoming = true;
        }
    }

    /// [`edge`](Self::edge) without the look at its target: the edge's
    /// number.
    #[inline(always)]
    fn push_edge(&mut self, to: u32, kind: EdgeKind, through_pointer: bool) -> u32 {
        // Every node comes with an edge to it: this is where a walk finds
        // something after a child it walked.
        if self.walked_child {
            self.reorder();
        }
        let path = self.path_text();
        let index = u32::try_from(self.edges.len()).unwrap_or(u32::MAX);
        self.edges.push(EdgeRecord {
            from: self.scope.container,
            to,
            kind,
            path_start: path.start,
            path_len: path.len,
            path_shared: path.shared,
            through_pointer,
        });
        index
    }

    /// Where the path from the current scope's node is: nowhere for an
    /// empty path; a small index's text is shared by every graph, and a
    /// field's is written once per graph (see [`index_text`] and
    /// [`FieldTexts`]); any other path is written now, out of line (one
    /// large index, as a buffer of many elements has, on a short path).
    #[inline(always)]
    fn path_text(&mut self) -> PathSpan {
        if self.outer.path().len() == self.scope.path_start as usize {
            match self.segment {
                None => return PathSpan::own((0, 0)),
                Some(Segment::Field(name)) => {
                    return PathSpan::own(self.field_texts.find(&mut self.text, name));
                }
                Some(Segment::Index(index)) => {
                    return match index_text::span(index) {
                        Some((start, len)) => PathSpan {
                            start,
                            len,
                            shared: true,
                        },
                        None => PathSpan::own(self.write_index(index)),
                    };
                }
                Some(Segment::Deref) => {}
            }
        }
        PathSpan::own(self.write_path())
    }

    /// Writes `[index]`, a path of one large index, at the end of the
    /// graph's text, and says where it is.
    #[inline(never)]
    fn write_index(&mut self, index: usize) -> (u32, u32) {
        let start = self.text.len();
        push_segment(&mut self.text, Segment::Index(index));
        text_range(start, self.text.len())
    }

    /// Writes the path from the current scope's node at the end of the
    /// graph's text, and says where it is.
    #[inline(never)]
    fn write_path(&mut self) -> (u32, u32) {
        let start = self.text.len();
        let (stored, last) = path_from_node(&self.outer, self.scope.path_start, self.segment);
        for &segment in stored.iter().chain(&last) {
            push_segment(&mut self.text, segment);
        }
        text_range(start, self.text.len())
    }

    /// How a value of `size` bytes with one owner is reached from the
    /// current scope (see [`Reach`]).
    #[inline]
    fn owned(&self, size: usize) -> Reach {
        if size == 0 || self.scope.borrowed {
            Reach::Aliased
        } else {
            Reach::Owned
        }
    }

    /// Whether to look inside the linked node now: the first time only,
    /// which is when it is new, or when it was found before but not
    /// looked inside (a shared value first reached by a weak pointer).
    /// Notes that it is looked inside.
    #[inline(always)]
    fn expand(&mut self, linked: Linked) -> bool {
        if linked.new {
            return true;
        }
        let record = &mut self.nodes[linked.node as usize];
        !core::mem::replace(&mut record.expanded, true)
    }

    /// Opens the scope of the linked node's contents, unless they were
    /// walked already; `borrows` if it is a reference's target.
    #[inline(always)]
    fn descend(&mut self, linked: Linked, target: bool, borrows: bool) -> Descend {
        if !self.expand(linked) {
            return Descend::No;
        }
        let node = linked.node;
        let scope = Scope {
            container: node,
            path_start: self.depth(),
            target,
            borrowed: self.scope.borrowed || borrows,
            reopened: 0,
            value_type: self.scope.value_type,
        };
        self.open(None, scope);
        Descend::Yes
    }

    /// A pointer's target, and the edge to it.
    ///
    /// Inlined into each caller, once per kind of edge (see
    /// `pointer_with_target`), where optimized. Unoptimized, inlining
    /// would only give the frame of `pointer_with_target`, which waits on
    /// the call stack while a target is walked, a copy of every local of
    /// each.
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn pointer(&mut self, info: &PointerInfo, edge: EdgeKind) -> Linked {
        let target = Identity {
            address: info.target,
            type_name: info.target_type,
        };
        // The clones of one `Rc` in a buffer find its value again one
        // after the other: before its kind is even worked out, with a
        // second edge to it (see `found_again`).
        if edge == EdgeKind::Shares
            && let Some(node) = self.found_again(target)
        {
            self.push_edge(node, edge, true);
            self.many_incoming = true;
            return Linked { node, new: false };
        }
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
        self.link(target, kind, reach, edge, true)
    }

    /// Opens the scope of an arena's values: inside its buffer when it
    /// says where that is (a `GenArena`'s slots), else in place (a typed
    /// `Arena` keeps its values hidden anyway).
    fn enter_arena(&mut self, info: &PointerInfo) -> Descend {
        let mut inside = Scope {
            target: false,
            ..self.scope
        };
        if let Some(block) = info.block {
            let kind = NodeKind::Buffer {
                size: block.size,
                align: block.align,
            };
            let reach = self.owned(block.size);
            let identity = Identity {
                address: block.address,
                type_name: self.scope.value_type,
            };
            let buffer = self.link(identity, kind, reach, EdgeKind::Owns, false);
            if !self.expand(buffer) {
                return Descend::No;
            }
            inside.container = buffer.node;
            inside.path_start = self.depth();
        }
        self.open(None, inside);
        Descend::Yes
    }

    /// The graph, with each node's edges grouped for [`Node::outgoing`]
    /// and [`Node::incoming`](super::Node::incoming).
    ///
    /// [`Node::outgoing`]: super::Node::outgoing
    fn finish(mut self) -> Graph {
        let (outgoing, outgoing_start) =
            group_edges(self.nodes.len(), &self.edges, |edge| edge.from);
        // Where every node but the root has one edge leading to it, that
        // edge is its `via`: nothing to group.
        let (incoming, incoming_start) = if self.many_incoming {
            group_edges(self.nodes.len(), &self.edges, |edge| edge.to)
        } else {
            (Vec::new(), Vec::new())
        };
        // By node, for lookups; a node's first label is its own (a walk
        // that hands over two keeps the first). Nearly always in order
        // already: a label comes as its node is made.
        self.labels.sort_by_key(|label| label.node);
        self.labels.dedup_by_key(|label| label.node);
        Graph {
            nodes: self.nodes,
            rare_kinds: self.rare_kinds,
            edges: self.edges,
            labels: self.labels,
            text: text_of(self.text),
            outgoing,
            outgoing_start,
            incoming,
            incoming_start,
        }
    }
}

/// Whether a pointer of `kind` only links its target from the current
/// scope's node, and walks the target, if at all, in a scope of its own: a
/// box or a shared pointer (see `pointer_with_target`; an arena's values
/// would be entered in the current scope).
fn links_at_once(kind: PointerKind) -> bool {
    matches!(kind, PointerKind::Box | PointerKind::StdBox) || kind.is_shared()
}

/// The graph's text from the bytes the walk wrote: `str`s and ASCII, so
/// the check finds nothing (a byte it did find is shown as `\u{FFFD}`,
/// not a panic).
fn text_of(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

/// The path from the current scope's node, which starts at `path_start`:
/// the segments `outer` holds from there on, then `segment`, the current
/// scope's own.
#[inline]
fn path_from_node(
    outer: &PathStack<Scope>,
    path_start: u32,
    segment: Option<Segment>,
) -> (&[Segment], Option<Segment>) {
    let stored = outer.path().get(path_start as usize..).unwrap_or_default();
    (stored, segment)
}

/// Groups edge numbers by node, with `node_of` picking the node of each
/// edge (the one it leaves, or the one it reaches): a counting sort that
/// keeps walk order within a node. Node `n`'s edges are
/// `grouped[start[n]..start[n + 1]]`, for the `(grouped, start)` returned.
fn group_edges(
    node_count: usize,
    edges: &[EdgeRecord],
    node_of: impl Fn(&EdgeRecord) -> u32,
) -> (Vec<u32>, Vec<u32>) {
    // Count each node's edges at its own place, noting whether the walk
    // found them in node order already, as it often does: a chain, the
    // elements of a buffer, every link to one shared value.
    let mut start = alloc_crate::vec![0_u32; node_count + 1];
    let (mut in_order, mut last) = (true, 0);
    for edge in edges {
        let node = node_of(edge);
        in_order &= node >= last;
        last = node;
        start[node as usize] += 1;
    }
    if in_order {
        // The edges stay where they are: each place becomes the sum of
        // the counts before it, where its node's edges start.
        let mut sum = 0;
        for place in &mut start {
            let count = *place;
            *place = sum;
            sum += count;
        }
        let count = u32::try_from(edges.len()).unwrap_or(u32::MAX);
        return ((0..count).collect(), start);
    }
    // Sum the counts up so that each place holds where its node's edges
    // end, then place the edges last to first, moving each place down to
    // where its node's edges start.
    let mut sum = 0;
    for place in &mut start {
        sum += *place;
        *place = sum;
    }
    let mut grouped = alloc_crate::vec![0_u32; edges.len()];
    // Counted down by hand, which a reversed `enumerate` does not do: it
    // works each number out from the element's address.
    let mut index = u32::try_from(edges.len()).unwrap_or(u32::MAX);
    for edge in edges.iter().rev() {
        index -= 1;
        let place = &mut start[node_of(edge) as usize];
        *place -= 1;
        grouped[*place as usize] = index;
    }
    (grouped, start)
}

/// The visits, one method each, so that the common ones (a child handed
/// over, a scope closed) stay short: `visit` only dispatches.
impl<'a> Walker<'a> for GraphBuilder<'a> {
    fn visit(&mut self, visit: Visit<'a>) -> Descend {
        match visit {
            Visit::Child(ref segment, value) => self.child(segment, value),
            Visit::Leave => self.leave(),
            Visit::Traced(info) => self.traced(&info),
            Visit::Pointer(info) => self.pointer_visit(&info),
            Visit::Weak(info) => {
                self.weak(&info);
                Descend::No
            }
            Visit::Borrows { address, type_name } => self.borrows(address, type_name),
            Visit::Enter(segment, type_name) => {
                self.enter(segment, type_name);
                Descend::No
            }
            Visit::Owns(block) => {
                self.owns(&block);
                Descend::No
            }
            Visit::Opaque {
                segment,
                address,
                size,
            } => {
                self.opaque(segment, address, size);
                Descend::No
            }
            Visit::Hidden {
                reason,
                address,
                size,
            } => {
                self.hidden(reason, address, size);
                Descend::No
            }
        }
    }

    fn label(&mut self, value: &TracedInfo, label: &dyn fmt::Debug) {
        self.add_label(value, label);
    }

    fn visit_pointer(&mut self, info: PointerInfo, target: &'a dyn Walk) {
        self.pointer_with_target(&info, target);
    }

    /// The same as [`Visit::Child`], without the visit built and matched.
    fn visit_child(&mut self, segment: Segment, child: &'a dyn Walk) {
        let _ = self.child(&segment, child);
    }

    /// The same as [`visit_child`](Walker::visit_child), with the visit
    /// made where the child's walk would make it: no call of the walk,
    /// and no visit built and matched.
    fn visit_single_child(
        &mut self,
        segment: Segment,
        child: &'a dyn Walk,
        visit: SingleVisit<'a>,
    ) {
        self.single_child(segment, child, visit);
    }

    /// A value whose walk reports nothing adds no node and no edge.
    fn skips_leaves(&self) -> bool {
        true
    }
}

impl<'a> GraphBuilder<'a> {
    /// [`Visit::Leave`]: closes the current scope, unless the walk under
    /// way did not open it.
    #[inline(never)]
    fn leave(&mut self) -> Descend {
        if self.scope.reopened > 0 {
            self.scope.reopened -= 1;
        } else if self.outer.len() > self.floor {
            self.close();
        }
        Descend::No
    }

    /// [`Visit::Child`]: a value to walk now, or later as a task.
    #[inline(never)]
    fn child(&mut self, segment: &Segment, value: &'a dyn Walk) -> Descend {
        // A pointer's target: its `.*` is the edge's.
        let segment = (!(self.is_target() && *segment == Segment::Deref)).then_some(*segment);
        if self.room > 0 {
            self.walk_child(segment, value, |builder| value.walk(builder));
        } else {
            self.put_off(segment, value);
        }
        Descend::No
    }

    /// Keeps a child for later, as a task: the walk is as deep as it may
    /// go, or put a child off before.
    #[inline(never)]
    fn put_off(&mut self, segment: Option<Segment>, value: &'a dyn Walk) {
        if self.reordered {
            // The graph will be built again: nothing more to walk.
            return;
        }
        self.putting_off = true;
        let mut task = Task {
            value,
            segment,
            container: self.scope.container,
            prefix_start: 0,
            prefix_len: 0,
            borrowed: self.scope.borrowed,
        };
        if self.depth() > self.scope.path_start {
            self.keep_prefix(&mut task);
        }
        self.tasks.push(task);
    }

    /// [`Walker::visit_single_child`]: a child whose walk is `visit`,
    /// taken as [`child`](Self::child) takes any child, with the visit
    /// made in place of the walk.
    ///
    /// Most often the child's scope would be the current one changed in
    /// place (see `walk_child`), and the visit reads nothing of it but the
    /// segment, which leads to the buffer or the pointer: then no scope is
    /// saved or made, only the segment set for the edge. The flags are set
    /// as around any child walked where it is reported.
    ///
    /// Only the choice is made here, in line in the walker's method: each
    /// way is a call of its own, so that a buffer's, with its node and
    /// edge in line, does not make a pointer's save more registers.
    #[inline(always)]
    fn single_child(&mut self, segment: Segment, value: &'a dyn Walk, visit: SingleVisit<'a>) {
        let in_place = self.room > 0
            && self.segment.is_none()
            && !(segment == Segment::Deref && self.is_target());
        match visit {
            SingleVisit::Owns(block) if in_place => self.single_buffer(segment, &block, value),
            SingleVisit::Pointer(info, target) if in_place && links_at_once(info.kind) => {
                self.single_pointer(segment, &info, target);
            }
            _ => self.single_child_walked(segment, value, visit),
        }
    }

    /// [`single_child`](Self::single_child) of a buffer, in place.
    #[inline(never)]
    fn single_buffer(&mut self, segment: Segment, block: &Block, value: &'a dyn Walk) {
        self.walked_child = false;
        self.segment = Some(segment);
        self.link_buffer(block, value.type_name());
        self.segment = None;
        self.walked_child = true;
    }

    /// [`single_child`](Self::single_child) of a box or a shared pointer,
    /// in place.
    #[inline(never)]
    fn single_pointer(&mut self, segment: Segment, info: &PointerInfo, target: &'a dyn Walk) {
        self.walked_child = false;
        self.segment = Some(segment);
        // A level of nesting, as the child's own walk would be, so that
        // its target finds the limit where it always did.
        self.room -= 1;
        self.pointer_with_target(info, target);
        if !self.putting_off {
            self.room += 1;
        }
        self.segment = None;
        self.walked_child = true;
    }

    /// [`single_child`](Self::single_child) where the child needs a scope
    /// of its own, or must wait as a task: as `child` would take it.
    #[cold]
    #[inline(never)]
    fn single_child_walked(
        &mut self,
        segment: Segment,
        value: &'a dyn Walk,
        visit: SingleVisit<'a>,
    ) {
        let segment = (!(segment == Segment::Deref && self.is_target())).then_some(segment);
        if self.room > 0 {
            self.walk_child(segment, value, |builder| match visit {
                SingleVisit::Owns(block) => builder.owns(&block),
                SingleVisit::Pointer(info, target) => builder.pointer_with_target(&info, target),
            });
        } else {
            self.put_off(segment, value);
        }
    }

    /// Walks a child where it is reported, as if it were a task started
    /// now: in a scope of its own, under `segment`, whose `Leave`s cannot
    /// close the scopes around it. A pointer's target (no `segment`) is
    /// walked in the target's scope, which a task of it would copy.
    /// `walk` is the child's walk, or the one visit it stands for.
    #[inline]
    fn walk_child(
        &mut self,
        segment: Option<Segment>,
        value: &'a dyn Walk,
        walk: impl FnOnce(&mut Self),
    ) {
        let enter = |builder: &mut Self| match segment {
            None => {
                builder.scope.value_type =
                    builder.nodes[builder.scope.container as usize].type_name;
            }
            Some(_) => {
                let inside = Scope {
                    target: false,
                    reopened: 0,
                    value_type: value.type_name(),
                    ..builder.scope
                };
                if builder.segment.is_some() {
                    builder.open(segment, inside);
                } else {
                    // The current scope ends where the child's path
                    // starts: the child's scope can be this one, changed
                    // in place (and put back after), with no scope saved.
                    builder.scope = inside;
                    builder.segment = segment;
                }
            }
        };
        self.walk_where_reported(enter, walk);
    }

    /// Walks a value where it is reported (`walk`), in the scope `enter`
    /// makes current: the scopes around it, which its `Leave`s cannot
    /// close, are put back when its walk is done, and so is the current
    /// one, which waits here, on the call stack.
    #[inline(always)]
    fn walk_where_reported(&mut self, enter: impl FnOnce(&mut Self), walk: impl FnOnce(&mut Self)) {
        let (floor, open) = (self.floor, self.outer.len());
        let (around, around_segment) = (self.scope, self.segment);
        enter(self);
        self.floor = self.outer.len();
        self.room -= 1;
        self.walked_child = false;
        walk(self);
        if !self.putting_off {
            self.room += 1;
        }
        // The value's own scope, and any its walk left open.
        while self.outer.len() > open {
            self.close();
        }
        self.scope = around;
        self.segment = around_segment;
        self.floor = floor;
        self.walked_child = true;
    }

    /// Gives the graph up, to be built again with every child a task: the
    /// walk under way found something after a child it walked.
    #[cold]
    fn reorder(&mut self) {
        self.reordered = true;
        self.putting_off = true;
        self.room = 0;
    }

    /// Keeps the path from the current scope's node for `task`, a child
    /// reported inside a scope that [`Visit::Enter`] opened.
    #[cold]
    fn keep_prefix(&mut self, task: &mut Task<'a>) {
        let (stored, last) = path_from_node(&self.outer, self.scope.path_start, self.segment);
        let start = self.prefixes.len();
        self.prefixes.extend(stored.iter().chain(&last));
        task.prefix_start = u32::try_from(start).unwrap_or(u32::MAX);
        task.prefix_len = u32::try_from(self.prefixes.len() - start).unwrap_or(0);
    }

    /// [`Visit::Traced`]: a value of a derived type.
    #[inline(never)]
    fn traced(&mut self, info: &TracedInfo) -> Descend {
        let container = &self.nodes[self.scope.container as usize];
        let itself =
            container.address == info.address && same_type(container.type_name, info.type_name);
        // The value the scope is about (the root, a pointer's target)
        // describing itself: its fields are its own.
        if itself && self.reopen() {
            return Descend::Yes;
        }
        self.traced_open(info, itself)
    }

    /// [`Visit::Traced`] that opens a scope: of a new value, or of the
    /// scope's own node where it cannot be reopened.
    #[inline(never)]
    fn traced_open(&mut self, info: &TracedInfo, itself: bool) -> Descend {
        if itself {
            let scope = Scope {
                target: false,
                path_start: self.depth(),
                ..self.scope
            };
            self.open(None, scope);
            return Descend::Yes;
        }
        let reach = self.owned(info.size);
        let identity = Identity {
            address: info.address,
            type_name: info.type_name,
        };
        let node = self.link(identity, NodeKind::Value, reach, EdgeKind::Owns, false);
        self.descend(node, false, false)
    }

    /// [`Visit::Pointer`]: a box, a shared pointer or an arena.
    #[inline(never)]
    fn pointer_visit(&mut self, info: &PointerInfo) -> Descend {
        match info.kind {
            PointerKind::Box | PointerKind::StdBox => {
                let target = self.pointer(info, EdgeKind::Owns);
                self.descend(target, true, false)
            }
            kind if kind.is_shared() => {
                let target = self.pointer(info, EdgeKind::Shares);
                self.descend(target, true, false)
            }
            // An arena: many values, no single target.
            _ => self.enter_arena(info),
        }
    }

    /// [`Walker::visit_pointer`]: a box or a shared pointer, and its
    /// target. The same as [`Visit::Pointer`], then the target as a
    /// [`Visit::Child`] under `.*`, then [`Visit::Leave`], but the scope
    /// of the target is never saved in `outer`: a new node's path starts
    /// empty, so nothing inside it reads the path around it, and the scope
    /// around it waits on the call stack instead (see `walk_target`).
    #[inline(never)]
    fn pointer_with_target(&mut self, info: &PointerInfo, target: &'a dyn Walk) {
        // One call per kind of edge, each made for it: only a box's target
        // can be new without a lookup, and only a shared one is found
        // again without one.
        let linked = match info.kind {
            PointerKind::Box | PointerKind::StdBox => self.pointer(info, EdgeKind::Owns),
            kind if kind.is_shared() => self.pointer(info, EdgeKind::Shares),
            // Not a pointer to one target (an arena): visit by visit.
            _ => {
                if self.pointer_visit(info) == Descend::Yes {
                    let _ = self.child(&Segment::Deref, target);
                    let _ = self.leave();
                }
                return;
            }
        };
        if !self.expand(linked) {
            return;
        }
        let node = linked.node;
        if self.room > 0 {
            self.walk_target(node, target);
        } else if !self.reordered {
            // As `put_off` would keep the target's `Child`, in its scope.
            self.putting_off = true;
            self.tasks.push(Task {
                value: target,
                segment: None,
                container: node,
                prefix_start: 0,
                prefix_len: 0,
                borrowed: self.scope.borrowed,
            });
        }
    }

    /// Walks the target of a pointer, whose node is `node`, where it is
    /// reported: in the scope that [`descend`](Self::descend) would have
    /// opened for it, made the current one, with its path starting at the
    /// end of `outer`'s (the current scope's own segment led to the
    /// pointer, not into its target, so it is not stored).
    #[inline]
    fn walk_target(&mut self, node: u32, target: &'a dyn Walk) {
        let enter = |builder: &mut Self| {
            builder.scope = Scope {
                container: node,
                path_start: u32::try_from(builder.outer.path().len()).unwrap_or(u32::MAX),
                target: true,
                borrowed: builder.scope.borrowed,
                reopened: 0,
                value_type: builder.nodes[node as usize].type_name,
            };
            builder.segment = None;
        };
        self.walk_where_reported(enter, |builder| target.walk(builder));
    }

    /// [`Visit::Weak`]: the block it keeps, unless it points at nothing.
    #[inline(never)]
    fn weak(&mut self, info: &PointerInfo) {
        // `Weak::new()` points at nothing: no block, no value.
        if info.block.is_some() || info.strong > 0 {
            self.pointer(info, EdgeKind::Weak);
        }
    }

    /// [`Visit::Borrows`]: a reference's target.
    #[inline(never)]
    fn borrows(&mut self, address: usize, type_name: &'static str) -> Descend {
        let target = Identity { address, type_name };
        let target = self.link(
            target,
            NodeKind::Borrowed,
            Reach::Aliased,
            EdgeKind::Borrows,
            true,
        );
        self.descend(target, true, true)
    }

    /// [`Visit::Enter`]: a value reported in place, under one more segment.
    #[inline(never)]
    fn enter(&mut self, segment: Segment, type_name: &'static str) {
        // A pointer's target reported in place (inside a `RefCell`) is the
        // target node itself, like a target handed over.
        let is_target = self.is_target() && segment == Segment::Deref;
        let inside = Scope {
            target: false,
            // A target reported in place is the target node's value.
            value_type: if is_target {
                self.nodes[self.scope.container as usize].type_name
            } else {
                type_name
            },
            ..self.scope
        };
        self.open((!is_target).then_some(segment), inside);
    }

    /// [`Visit::Owns`]: a buffer, which what the value reports next is in.
    #[inline(never)]
    fn owns(&mut self, block: &Block) {
        let buffer = self.link_buffer(block, self.scope.value_type);
        if self.scope.reopened > 0 {
            self.open_reopened();
        }
        // The path from the buffer starts here: the current scope's own
        // segment, if any, led to the buffer's owner, not into it.
        self.scope.container = buffer;
        self.scope.path_start = u32::try_from(self.outer.path().len()).unwrap_or(u32::MAX);
        self.segment = None;
    }

    /// The node of the buffer `block` of a value of type `value_type`, and
    /// the edge to it from the current scope's node, at the current path.
    #[inline(always)]
    fn link_buffer(&mut self, block: &Block, value_type: &'static str) -> u32 {
        let kind = NodeKind::Buffer {
            size: block.size,
            align: block.align,
        };
        let reach = self.owned(block.size);
        let identity = Identity {
            address: block.address,
            type_name: value_type,
        };
        let buffer = self.link(identity, kind, reach, EdgeKind::Owns, false);
        // Its contents are what the value reports next, whatever they
        // were the last time.
        let _ = self.expand(buffer);
        buffer.node
    }

    /// [`Visit::Opaque`]: a field the walk cannot see into.
    #[inline(never)]
    fn opaque(&mut self, segment: Segment, address: usize, size: usize) {
        self.open(Some(segment), self.scope);
        let kind = NodeKind::Hidden {
            reason: "an opaque field: ownkit cannot see into it",
            size,
        };
        let identity = Identity {
            address,
            type_name: UNKNOWN_TYPE,
        };
        self.link(identity, kind, Reach::Aliased, EdgeKind::Owns, false);
        self.close();
    }

    /// [`Walker::label`]: the label of `value`, whose scope was just
    /// opened: the current scope's node, which a label of anything else
    /// (a walk that hands one over out of turn) is not given. Formatted
    /// now, into the text: it is borrowed only for the call.
    #[cold]
    #[inline(never)]
    fn add_label(&mut self, value: &TracedInfo, label: &dyn fmt::Debug) {
        let node = self.scope.container;
        let record = &self.nodes[node as usize];
        if record.address != value.address || !same_type(record.type_name, value.type_name) {
            return;
        }
        let variant = value.shape.variant_name(value.variant);
        let start = self.text.len();
        self.text
            .extend_from_slice(LabelText::of(label).as_str().as_bytes());
        let (start, len) = text_range(start, self.text.len());
        self.labels.push(LabelRecord {
            node,
            start,
            len,
            variant,
        });
    }

    /// [`Visit::Hidden`]: contents the walk cannot look at now.
    #[inline(never)]
    fn hidden(&mut self, reason: &'static str, address: usize, size: usize) {
        // Not the value's own type: the value itself may be the node the
        // visits belong to (a hidden `RefCell` root).
        let kind = NodeKind::Hidden { reason, size };
        let identity = Identity {
            address,
            type_name: UNKNOWN_TYPE,
        };
        self.link(identity, kind, Reach::Aliased, EdgeKind::Owns, false);
    }
}

#[cfg(test)]
mod tests;
