//! From a capture's records to the tree of a [`DropReport`].
//!
//! The records say what began dropping, and, for each traced value, which
//! traced values it announced as its contents (*expectations*, with their
//! exact address, type and path). The rebuild replays them with a stack of
//! open *frames*, one per drop in progress:
//!
//! 1. A `Begin` (or an ownkit pointer's `PointerBegin`) attaches to the
//!    innermost open frame that waits for exactly that address and type
//!    (for a pointer: its address, kind and target type), taking the
//!    first such expectation in announcement order, so zero-sized fields at
//!    one address are matched in field order. Frames opened above that one
//!    are finished: the compiler has moved on to a later field.
//! 2. A value's frame closes once every expectation it announced has
//!    closed. A pointer's frame closes on its `End`; it expects the
//!    contents its parent's walk announced under `.*`, and, when it drops
//!    its target, the target itself at `.*` (which may not come: only
//!    traced targets record a drop, so that one is not an anomaly).
//! 3. A `Begin` nobody waits for is placed by guesswork, and marked
//!    uncertain with the reason: under the innermost open frame with an
//!    opaque field whose bytes contain its address; else under the
//!    innermost open frame that is running something it cannot see into (a
//!    pointer dropping its target, or a value with opaque fields); else it
//!    becomes a new root, which is exact: nothing open could hold it.
//! 4. An `End` or a `Free` belongs to the innermost open pointer frame of
//!    that pointer (for a `Free`, whose target lies in the block), and
//!    finishes every frame opened inside it.
//! 5. A frame that finishes with expectations that never came reports each
//!    of them as an [`Anomaly`]: the value was forgotten, leaked or moved
//!    out before the drop.
//!
//! A value's frame with opaque fields never closes by itself (nothing says
//! when the values inside them are done), so it stays open until an
//! enclosing frame moves on or the capture ends.

use super::event::{Event, Record};
use super::report::{Anomaly, DropNode, DropReport, Freed, Item, NodeParts, short_type_name};
use super::{PointerKind, Segment, Shape};
use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

/// Rebuilds the report of one capture from its records, in order; `names`
/// is the sink's name table and `lost` the number of records that could
/// not be stored.
pub(super) fn rebuild(records: &[Record], names: &[&'static str], lost: usize) -> DropReport {
    let mut builder = Builder {
        names,
        nodes: Vec::new(),
        top: Vec::new(),
        paths: Vec::new(),
        all_freed: Vec::new(),
        frames: Vec::new(),
        anomalies: Vec::new(),
        path: Vec::new(),
        recording: false,
    };
    for record in records {
        debug_assert_eq!(
            record.capture, records[0].capture,
            "records of two captures mixed"
        );
        builder.apply(record);
    }
    builder.finish(lost)
}

/// What a frame expects to see dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expected {
    /// A traced value of this type at this address.
    Value {
        address: usize,
        type_name: &'static str,
    },
    /// One of ownkit's pointers of this kind, stored at this address, with
    /// a target of this type.
    Pointer {
        address: usize,
        kind: PointerKind,
        target_type: &'static str,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Progress {
    Pending,
    /// Its drop began and has not finished.
    Open,
    Done,
}

#[derive(Debug)]
struct Expectation {
    what: Expected,
    /// The path from the frame's value.
    path: Vec<Segment>,
    progress: Progress,
    /// Whether it may legitimately never come (a pointer's target, which
    /// records a drop only if it is traced).
    optional: bool,
    /// For a pointer: the expectations inside its target, which become the
    /// pointer frame's own when it begins.
    nested: Vec<Expectation>,
}

impl Expectation {
    fn new(what: Expected, path: Vec<Segment>) -> Self {
        Self {
            what,
            path,
            progress: Progress::Pending,
            optional: false,
            nested: Vec::new(),
        }
    }
}

/// A field that may hold traced values nobody can see.
#[derive(Debug)]
struct OpaqueField {
    address: usize,
    size: usize,
    path: Vec<Segment>,
}

impl OpaqueField {
    fn contains(&self, address: usize) -> bool {
        address >= self.address && address - self.address < self.size
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FrameKind {
    /// A traced value: closes when its expectations have.
    Value,
    /// One of ownkit's pointers: closes on its `End`.
    Pointer {
        address: usize,
        kind: PointerKind,
        target: usize,
        drops_target: bool,
    },
}

/// A drop in progress.
#[derive(Debug)]
struct Frame {
    node: usize,
    kind: FrameKind,
    expected: Vec<Expectation>,
    opaque: Vec<OpaqueField>,
    /// Whether the value is a packed struct, whose fields move to aligned
    /// places before they drop.
    packed: bool,
    /// The parent frame's expectation this frame fulfils, as (frame index,
    /// expectation index).
    // INVARIANT: the frame index is below this frame's own: frames close
    // from the top, so the parent outlives it (see `close_top`).
    fulfils: Option<(usize, usize)>,
}

impl Frame {
    /// Whether it is running code that may drop values nobody announced.
    fn runs_unseen_code(&self) -> bool {
        match self.kind {
            FrameKind::Pointer { drops_target, .. } => drops_target,
            FrameKind::Value => !self.opaque.is_empty(),
        }
    }
}

/// One entry of a node while the tree is being built.
#[derive(Debug)]
enum Entry {
    Node(usize),
    Freed(Freed),
}

#[derive(Debug)]
struct Node {
    parts: NodeParts,
    entries: Vec<Entry>,
}

/// Where a new drop goes.
#[derive(Debug)]
struct Placement {
    /// The frame it goes under, and the expectation it fulfils there.
    parent: Option<(usize, Option<usize>)>,
    /// The path from the parent, starting with a segment (`.a`, `[0]`).
    relative: String,
    uncertain: Option<String>,
}

impl Placement {
    const ROOT: Self = Self {
        parent: None,
        relative: String::new(),
        uncertain: None,
    };
}

#[derive(Debug)]
struct Builder<'n> {
    names: &'n [&'static str],
    nodes: Vec<Node>,
    /// Roots and blocks freed outside any drop, in order.
    top: Vec<Entry>,
    paths: Vec<String>,
    all_freed: Vec<Freed>,
    frames: Vec<Frame>,
    anomalies: Vec<Anomaly>,
    /// The path the expectations being read sit at.
    path: Vec<Segment>,
    /// Whether the top frame takes expectations (it has just begun).
    recording: bool,
}

impl Builder<'_> {
    fn name(&self, id: u32) -> &'static str {
        self.names.get(id as usize).copied().unwrap_or("?")
    }

    fn apply(&mut self, record: &Record) {
        match record.event {
            Event::Begin {
                address,
                shape,
                variant,
            } => {
                let type_name = self.name(record.name);
                self.begin_value(address, type_name, shape, variant as usize);
            }
            Event::Expect { address } => {
                let type_name = self.name(record.name);
                self.expect(Expected::Value { address, type_name });
            }
            Event::ExpectPointer { address, kind } => {
                let target_type = self.name(record.name);
                self.expect(Expected::Pointer {
                    address,
                    kind,
                    target_type,
                });
            }
            Event::Truncate { keep } => self.path.truncate(keep as usize),
            Event::Field(name) => self.path.push(Segment::Field(name)),
            Event::Index(index) => self.path.push(Segment::Index(index)),
            Event::Deref => self.path.push(Segment::Deref),
            Event::Opaque { address, size } => {
                if self.recording
                    && let Some(frame) = self.frames.last_mut()
                {
                    frame.opaque.push(OpaqueField {
                        address,
                        size,
                        path: self.path.clone(),
                    });
                }
            }
            Event::PointerBegin {
                address,
                target,
                kind,
                strong,
                drops_target,
            } => {
                let target_type = self.name(record.name);
                self.begin_pointer(address, target, kind, target_type, strong, drops_target);
            }
            Event::End { address, kind } => {
                self.settle();
                let found = self.frames.iter().rposition(|frame| {
                    matches!(frame.kind, FrameKind::Pointer { address: a, kind: k, .. }
                        if a == address && k == kind)
                });
                if let Some(index) = found {
                    self.close_above(index);
                    self.close_top();
                }
            }
            Event::Free {
                address,
                size,
                align,
            } => self.free(address, size, align as usize),
        }
    }

    /// Adds an expectation to the frame that has just begun, inside the
    /// pointer it belongs to if its path goes through one.
    fn expect(&mut self, what: Expected) {
        if !self.recording {
            return;
        }
        let Some(frame) = self.frames.last_mut() else {
            return;
        };
        let expectation = Expectation::new(what, self.path.clone());
        let mut list = &mut frame.expected;
        loop {
            let inside = list.iter().rposition(|outer| {
                matches!(outer.what, Expected::Pointer { .. })
                    && expectation.path.len() > outer.path.len()
                    && expectation.path.starts_with(&outer.path)
                    && expectation.path[outer.path.len()] == Segment::Deref
            });
            match inside {
                Some(index) => list = &mut list[index].nested,
                None => {
                    list.push(expectation);
                    return;
                }
            }
        }
    }

    fn begin_value(
        &mut self,
        address: usize,
        type_name: &'static str,
        shape: Option<&'static Shape>,
        variant: usize,
    ) {
        self.settle();
        self.recording = false;
        let short = short_type_name(type_name);
        let (label, root_name) = match shape {
            Some(shape) if shape.is_enum() => {
                let variant = shape.variant_name(variant).unwrap_or("?");
                (
                    format!("{short}::{variant}"),
                    format!("{}::{variant}", shape.name()),
                )
            }
            Some(shape) => (short, shape.name().to_owned()),
            None => (short.clone(), short),
        };
        let wanted = Expected::Value { address, type_name };
        let placement = self.place(wanted, address);
        let node = self.add_node(
            placement.parent,
            root_name,
            &placement,
            label,
            type_name,
            address,
            None,
        );
        self.frames.push(Frame {
            node,
            kind: FrameKind::Value,
            expected: Vec::new(),
            opaque: Vec::new(),
            packed: shape.is_some_and(Shape::is_packed),
            fulfils: placement
                .parent
                .and_then(|(frame, expectation)| Some((frame, expectation?))),
        });
        self.recording = true;
        self.path.clear();
    }

    fn begin_pointer(
        &mut self,
        address: usize,
        target: usize,
        kind: PointerKind,
        target_type: &'static str,
        strong: u32,
        drops_target: bool,
    ) {
        self.settle();
        self.recording = false;
        let label = format!("{}<{}>", pointer_name(kind), short_type_name(target_type));
        let note = (!drops_target).then(|| {
            format!(
                "{strong} -> {} strong, value kept",
                strong.saturating_sub(1)
            )
        });
        let wanted = Expected::Pointer {
            address,
            kind,
            target_type,
        };
        let placement = self.place(wanted, address);
        // The expectations announced inside the target move to the pointer.
        let mut expected = match placement.parent {
            Some((frame, Some(index))) => {
                let announced = &mut self.frames[frame].expected[index];
                let mut nested = core::mem::take(&mut announced.nested);
                rebase(&mut nested, announced.path.len());
                nested
            }
            _ => Vec::new(),
        };
        let target_value = Expected::Value {
            address: target,
            type_name: target_type,
        };
        if drops_target && !expected.iter().any(|e| e.what == target_value) {
            let mut own_target = Expectation::new(target_value, alloc::vec![Segment::Deref]);
            own_target.optional = true;
            expected.insert(0, own_target);
        }
        let node = self.add_node(
            placement.parent,
            label.clone(),
            &placement,
            label,
            target_type,
            address,
            note,
        );
        self.frames.push(Frame {
            node,
            kind: FrameKind::Pointer {
                address,
                kind,
                target,
                drops_target,
            },
            expected,
            opaque: Vec::new(),
            packed: false,
            fulfils: placement
                .parent
                .and_then(|(frame, expectation)| Some((frame, expectation?))),
        });
    }

    /// Finds where a drop that just began goes (rules 1 and 3), and
    /// finishes the frames it shows are done.
    fn place(&mut self, wanted: Expected, address: usize) -> Placement {
        for frame_index in (0..self.frames.len()).rev() {
            let frame = &self.frames[frame_index];
            let found = frame
                .expected
                .iter()
                .position(|e| e.progress == Progress::Pending && e.what == wanted);
            if let Some(index) = found {
                self.close_above(frame_index);
                let expectation = &mut self.frames[frame_index].expected[index];
                expectation.progress = Progress::Open;
                return Placement {
                    parent: Some((frame_index, Some(index))),
                    relative: render(&expectation.path),
                    uncertain: None,
                };
            }
        }
        for frame_index in (0..self.frames.len()).rev() {
            let frame = &self.frames[frame_index];
            if let Some(field) = frame.opaque.iter().find(|field| field.contains(address)) {
                let relative = render(&field.path);
                let reason = format!(
                    "placed by address: it lies inside `{}{relative}`, which ownkit cannot see into",
                    self.nodes[frame.node].parts.path
                );
                return Placement {
                    parent: Some((frame_index, None)),
                    relative,
                    uncertain: Some(reason),
                };
            }
        }
        for frame_index in (0..self.frames.len()).rev() {
            let frame = &self.frames[frame_index];
            if !frame.runs_unseen_code() {
                continue;
            }
            let parent_path = &self.nodes[frame.node].parts.path;
            let (relative, reason) = match frame.kind {
                FrameKind::Pointer { .. } => (
                    ".*",
                    format!(
                        "nothing announced it; it dropped while `{parent_path}` was dropping its target"
                    ),
                ),
                FrameKind::Value if frame.packed => (
                    ".?",
                    format!(
                        "nothing announced it; it dropped while `{parent_path}` was dropping, a packed struct whose fields move before they drop"
                    ),
                ),
                FrameKind::Value => (
                    ".?",
                    format!(
                        "nothing announced it; it dropped while `{parent_path}`, which has fields ownkit cannot see into, was dropping"
                    ),
                ),
            };
            return Placement {
                parent: Some((frame_index, None)),
                relative: relative.to_owned(),
                uncertain: Some(reason),
            };
        }
        Placement::ROOT
    }

    #[expect(clippy::too_many_arguments, reason = "the parts of one node, named")]
    fn add_node(
        &mut self,
        parent: Option<(usize, Option<usize>)>,
        root_name: String,
        placement: &Placement,
        label: String,
        type_name: &'static str,
        address: usize,
        note: Option<String>,
    ) -> usize {
        let id = self.nodes.len();
        let path = match parent {
            Some((frame, _)) => {
                let parent_node = self.frames[frame].node;
                let path = format!(
                    "{}{}",
                    self.nodes[parent_node].parts.path, placement.relative
                );
                self.nodes[parent_node].entries.push(Entry::Node(id));
                path
            }
            None => {
                self.top.push(Entry::Node(id));
                root_name
            }
        };
        self.paths.push(path.clone());
        let relative = placement
            .relative
            .strip_prefix('.')
            .unwrap_or(&placement.relative)
            .to_owned();
        self.nodes.push(Node {
            parts: NodeParts {
                path,
                relative,
                label,
                type_name,
                address,
                uncertain: placement.uncertain.clone(),
                note,
            },
            entries: Vec::new(),
        });
        id
    }

    fn free(&mut self, address: usize, size: usize, align: usize) {
        self.settle();
        self.recording = false;
        let owner = self.frames.iter().rposition(|frame| {
            matches!(frame.kind, FrameKind::Pointer { target, .. }
                if target >= address && target - address <= size)
        });
        if let Some(index) = owner {
            self.close_above(index);
        }
        // A block no pointer frame owns (the last `Weak` going, say) goes to
        // whatever is dropping, or to the top level.
        let node = owner
            .or_else(|| self.frames.len().checked_sub(1))
            .map(|index| self.frames[index].node);
        let freed = Freed {
            path: node.map_or_else(String::new, |node| self.nodes[node].parts.path.clone()),
            size,
            align,
            address,
        };
        self.all_freed.push(freed.clone());
        match node {
            Some(node) => self.nodes[node].entries.push(Entry::Freed(freed)),
            None => self.top.push(Entry::Freed(freed)),
        }
    }

    /// Closes the value frames on top that have seen all they expected.
    fn settle(&mut self) {
        while let Some(top) = self.frames.last() {
            let complete = top.kind == FrameKind::Value
                && top.opaque.is_empty()
                && top.expected.iter().all(|e| e.progress == Progress::Done);
            if !complete {
                break;
            }
            self.close_top();
        }
    }

    /// Closes every frame above `index`.
    fn close_above(&mut self, index: usize) {
        while self.frames.len() > index + 1 {
            self.close_top();
        }
    }

    /// Closes the top frame: what it still expects never came.
    fn close_top(&mut self) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        self.recording = false;
        let parent_path = &self.nodes[frame.node].parts.path;
        for expectation in &frame.expected {
            if expectation.progress == Progress::Pending && !expectation.optional {
                let path = format!("{parent_path}{}", render(&expectation.path));
                let what = match expectation.what {
                    Expected::Value { type_name, .. } => short_type_name(type_name),
                    Expected::Pointer {
                        kind, target_type, ..
                    } => format!("{}<{}>", pointer_name(kind), short_type_name(target_type)),
                };
                let message = format!(
                    "`{path}` ({what}) was announced by `{parent_path}` but never dropped: forgotten, leaked or moved out first"
                );
                self.anomalies.push(Anomaly::new(path, message));
            }
        }
        if let Some((parent, index)) = frame.fulfils {
            debug_assert!(
                parent < self.frames.len(),
                "frame fulfils an expectation of frame {parent}, but only {} are open",
                self.frames.len()
            );
            if let Some(expectation) = self
                .frames
                .get_mut(parent)
                .and_then(|parent| parent.expected.get_mut(index))
            {
                expectation.progress = Progress::Done;
            }
        }
    }

    fn finish(mut self, lost: usize) -> DropReport {
        self.settle();
        while !self.frames.is_empty() {
            self.close_top();
        }
        // Children are always created after their parent, so building from
        // the last node back finds every child already built: no recursion,
        // however deep the tree.
        let mut built: Vec<Option<DropNode>> = Vec::new();
        built.resize_with(self.nodes.len(), || None);
        while let Some(node) = self.nodes.pop() {
            let (children, freed, items) = collect(node.entries, &mut built);
            built[self.nodes.len()] = Some(DropNode::new(node.parts, children, freed, items));
        }
        let (roots, loose_freed, items) = collect(self.top, &mut built);
        DropReport::new(
            roots,
            items,
            loose_freed,
            self.paths,
            self.all_freed,
            self.anomalies,
            lost,
        )
    }
}

/// Splits entries into the children (taken out of `built`), the freed
/// blocks and the order of both.
fn collect(
    entries: Vec<Entry>,
    built: &mut [Option<DropNode>],
) -> (Vec<DropNode>, Vec<Freed>, Vec<Item>) {
    let mut children = Vec::new();
    let mut freed = Vec::new();
    let mut items = Vec::with_capacity(entries.len());
    for entry in entries {
        match entry {
            Entry::Node(id) => {
                let child = built.get_mut(id).and_then(Option::take);
                debug_assert!(child.is_some(), "node {id} built twice or not at all");
                if let Some(child) = child {
                    items.push(Item::Node(children.len()));
                    children.push(child);
                }
            }
            Entry::Freed(block) => {
                items.push(Item::Freed(freed.len()));
                freed.push(block);
            }
        }
    }
    (children, freed, items)
}

/// Drops the first `prefix` segments of every path in `list`, nested ones
/// included (their paths all start with the pointer's).
fn rebase(list: &mut [Expectation], prefix: usize) {
    let mut pending: Vec<&mut [Expectation]> = alloc::vec![list];
    while let Some(list) = pending.pop() {
        for expectation in list {
            expectation.path.drain(..prefix.min(expectation.path.len()));
            pending.push(&mut expectation.nested);
        }
    }
}

fn render(path: &[Segment]) -> String {
    let mut out = String::new();
    for segment in path {
        let _ = write!(out, "{segment}");
    }
    out
}

fn pointer_name(kind: PointerKind) -> &'static str {
    match kind {
        PointerKind::Box | PointerKind::StdBox => "Box",
        PointerKind::Rc | PointerKind::StdRc => "Rc",
        PointerKind::Arc | PointerKind::StdArc => "Arc",
    }
}

#[cfg(test)]
mod tests {
    //! The rules, fed synthetic record streams.

    use super::*;
    use alloc::string::ToString;
    use alloc::vec;

    static PAIR: Shape = Shape::structure("Pair", &["left", "right"]);
    static LEAF: Shape = Shape::structure("Leaf", &[]);
    static NAMES: [&str; 2] = ["it::Pair", "it::Leaf"];
    const PAIR_NAME: u32 = 0;
    const LEAF_NAME: u32 = 1;

    fn record(name: u32, event: Event) -> Record {
        Record {
            capture: 1,
            name,
            event,
        }
    }

    fn begin(name: u32, address: usize) -> Record {
        let shape = if name == PAIR_NAME { &PAIR } else { &LEAF };
        record(
            name,
            Event::Begin {
                address,
                shape: Some(shape),
                variant: 0,
            },
        )
    }

    fn expect_leaf(address: usize) -> Record {
        record(LEAF_NAME, Event::Expect { address })
    }

    fn field(name: &'static str) -> Record {
        record(0, Event::Field(name))
    }

    fn truncate(keep: u32) -> Record {
        record(0, Event::Truncate { keep })
    }

    /// A pair at `address` announcing its two leaves, and their drops.
    fn pair_drop(address: usize) -> Vec<Record> {
        vec![
            begin(PAIR_NAME, address),
            field("left"),
            expect_leaf(address),
            truncate(0),
            field("right"),
            expect_leaf(address + 4),
            begin(LEAF_NAME, address),
            begin(LEAF_NAME, address + 4),
        ]
    }

    #[test]
    fn one_address_dropped_twice_is_two_roots() {
        let mut records = pair_drop(0x100);
        records.extend(pair_drop(0x100));
        let report = rebuild(&records, &NAMES, 0);
        report.assert_paths(&[
            "Pair",
            "Pair.left",
            "Pair.right",
            "Pair",
            "Pair.left",
            "Pair.right",
        ]);
        assert_eq!(report.roots().len(), 2);
        assert!(report.is_certain(), "{report}");
    }

    #[test]
    fn a_first_field_at_its_parents_address_is_matched_by_type() {
        // The pair and its left leaf share an address; a second pair there
        // must not be taken for the leaf.
        let records = vec![
            begin(PAIR_NAME, 0x100),
            field("left"),
            expect_leaf(0x100),
            begin(PAIR_NAME, 0x100),
        ];
        let report = rebuild(&records, &NAMES, 0);
        report.assert_paths(&["Pair", "Pair"]);
        assert_eq!(report.anomalies().len(), 1, "{report}");
        assert_eq!(report.anomalies()[0].path(), "Pair.left");
    }

    #[test]
    fn a_later_sibling_finishes_the_frames_opened_before_it() {
        // `left` announces a leaf that never comes; `right` then begins, so
        // `left` is done and its missing leaf is an anomaly.
        let records = vec![
            begin(PAIR_NAME, 0x100),
            field("left"),
            record(PAIR_NAME, Event::Expect { address: 0x200 }),
            truncate(0),
            field("right"),
            expect_leaf(0x300),
            begin(PAIR_NAME, 0x200),
            field("left"),
            expect_leaf(0x200),
            begin(LEAF_NAME, 0x300),
        ];
        let report = rebuild(&records, &NAMES, 0);
        report.assert_paths(&["Pair", "Pair.left", "Pair.right"]);
        assert_eq!(report.anomalies().len(), 1, "{report}");
        assert_eq!(report.anomalies()[0].path(), "Pair.left.left");
    }

    #[test]
    fn an_unannounced_drop_outside_any_opaque_field_is_a_guess_under_it() {
        let records = vec![
            begin(PAIR_NAME, 0x100),
            field("left"),
            record(
                0,
                Event::Opaque {
                    address: 0x100,
                    size: 4,
                },
            ),
            begin(LEAF_NAME, 0x9000),
        ];
        let report = rebuild(&records, &NAMES, 0);
        report.assert_paths(&["Pair", "Pair.?"]);
        let reason = report.roots()[0].children()[0]
            .uncertain()
            .expect("a guess");
        assert!(reason.contains("cannot see into"), "{reason}");
        assert!(!report.is_certain());
    }

    #[test]
    fn an_unannounced_drop_with_nothing_running_is_an_exact_root() {
        let records = vec![begin(LEAF_NAME, 0x100), begin(LEAF_NAME, 0x200)];
        let report = rebuild(&records, &NAMES, 0);
        report.assert_paths(&["Leaf", "Leaf"]);
        assert!(report.is_certain());
    }

    #[test]
    fn a_pointer_takes_over_what_was_announced_inside_its_target() {
        let records = vec![
            begin(PAIR_NAME, 0x100),
            field("left"),
            record(
                LEAF_NAME,
                Event::ExpectPointer {
                    address: 0x100,
                    kind: PointerKind::Box,
                },
            ),
            record(0, Event::Deref),
            expect_leaf(0x5000),
            record(
                LEAF_NAME,
                Event::PointerBegin {
                    address: 0x100,
                    target: 0x5000,
                    kind: PointerKind::Box,
                    strong: 1,
                    drops_target: true,
                },
            ),
            begin(LEAF_NAME, 0x5000),
            record(
                0,
                Event::Free {
                    address: 0x5000,
                    size: 4,
                    align: 4,
                },
            ),
            record(
                0,
                Event::End {
                    address: 0x100,
                    kind: PointerKind::Box,
                },
            ),
        ];
        let report = rebuild(&records, &NAMES, 0);
        report.assert_tree(
            "
            Pair
            └── left: Box<Leaf>
                ├── *: Leaf
                └── freed 4 bytes (align 4)
            ",
        );
        assert!(report.is_certain(), "{report}");
        assert_eq!(report.freed()[0].path, "Pair.left");
    }

    #[test]
    fn an_end_finishes_what_began_inside_the_pointer() {
        let records = vec![
            record(
                PAIR_NAME,
                Event::PointerBegin {
                    address: 0x100,
                    target: 0x5000,
                    kind: PointerKind::Box,
                    strong: 1,
                    drops_target: true,
                },
            ),
            begin(PAIR_NAME, 0x5000),
            field("left"),
            expect_leaf(0x5000),
            record(
                0,
                Event::End {
                    address: 0x100,
                    kind: PointerKind::Box,
                },
            ),
            begin(LEAF_NAME, 0x5000),
        ];
        let report = rebuild(&records, &NAMES, 0);
        report.assert_paths(&["Box<Pair>", "Box<Pair>.*", "Leaf"]);
        assert_eq!(report.anomalies().len(), 1, "{report}");
        assert_eq!(report.anomalies()[0].path(), "Box<Pair>.*.left");
    }

    #[test]
    fn a_block_freed_outside_any_pointer_and_lost_events_are_listed() {
        let records = vec![record(
            0,
            Event::Free {
                address: 0x40,
                size: 24,
                align: 8,
            },
        )];
        let report = rebuild(&records, &NAMES, 2);
        assert_eq!(
            report.to_string(),
            "freed 24 bytes (align 8)\nlost: 2 events\n"
        );
        assert_eq!(report.freed()[0].path, "");
        assert_eq!(report.lost_events(), 2);
        assert!(!report.is_certain());
    }
}
