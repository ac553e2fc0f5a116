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
//! 3. A `Begin` nobody waits for while a traced value's drop hook runs
//!    (between `HookBegin` and `HookEnd`) is the hook's doing: it goes
//!    under that value, as the first announced child of the same type
//!    still pending (the hook moved it out of its field, then dropped it),
//!    or at `.?` if there is none; flagged either way.
//!    Otherwise a `Begin` nobody waits for is placed by guesswork, and
//!    marked uncertain with the reason: at the announced place of a value
//!    of another type at its very address, in a frame whose drop hook has
//!    run (the hook replaced the value: swapped in another enum variant,
//!    say); else under the innermost open frame with an opaque field whose
//!    bytes contain its address; else under the innermost open frame that
//!    is running something it cannot see into (a pointer dropping its
//!    target, or a value with opaque fields); else under a frame whose
//!    hook has run and which still waits for a field (at `.?`); else it
//!    becomes a new root, which is exact: nothing open could hold it.
//! 4. An `End` or a `Free` belongs to the innermost open pointer frame of
//!    that pointer (for a `Free`, whose target lies in the block), and
//!    finishes every frame opened inside it.
//! 5. A frame that finishes with expectations that never came reports each
//!    of them as an [`Anomaly`]: the value was forgotten, leaked or moved
//!    out before the drop. Not if a value of the same type dropped while
//!    the frame's drop hook ran without being matched to it (inside a value
//!    the hook moved out whole): then it did drop, elsewhere, and its node
//!    is flagged where it is.
//! 6. With the tracking allocator installed, a value also announces the
//!    heap blocks it owns (`ExpectBlock`), and the `Release` of such a
//!    block goes under the innermost open frame that announced it, at the
//!    path where it hung; a frame waits for its blocks as for its values,
//!    but never misses one (it may have been moved out). A `Release` that
//!    follows ownkit's `Free` of the same block is that block, already
//!    placed; any other goes where an unowned `Free` would. Every
//!    `Acquire`, `Release` and `Resized` also goes, in order, into the
//!    report's story of the heap, where a block takes the owner of its
//!    release.
//!
//! 7. A named scope ([`scope`](crate::trace::scope)) is a frame of its
//!    own, opened by `ScopeBegin` under the innermost scope running and
//!    closed by `ScopeEnd`, with everything still open in it. A `Begin`
//!    that rule 3 would make a new root goes under the innermost scope
//!    instead, exactly, at `/` and its own root path: it is one of the
//!    scope's locals.
//!
//! ownkit's arenas use the pointer frames with two differences: an arena has
//! no single target, so everything announced anywhere under its path (its
//! values at `[slot]`) nests in it, nothing is expected at `.*`, what it
//! drops unannounced goes under it as `[?]`, and every block freed while it
//! is the innermost open pointer frame is its own. What a walk reports as
//! hidden inside an arena is left to the arena's frame, not added to the
//! announcing value's opaque fields.
//!
//! A value's frame with opaque fields never closes by itself (nothing says
//! when the values inside them are done), so it stays open until an
//! enclosing frame moves on or the capture ends.

mod frame;
mod labels;
mod placement;

use self::frame::{
    Awaited, Expectation, Frame, FrameKind, OpaqueField, Progress, in_arena, is_arena, rebase,
    store_path,
};
use self::labels::{Labels, describe, pointer_name, render};
use self::placement::Placement;
use super::event::{Event, Record};
use super::report::storage::{
    DropNodeRecord, FreedRecord, HeapRecord, Item, Span, TextBuilder, index,
};
use super::report::{Anomaly, DropReport, HeapEventKind};
use super::short_type_name;
use super::{PointerKind, Segment, Shape};
use alloc_crate::format;
use alloc_crate::string::String;
use alloc_crate::vec::Vec;
use core::fmt::Write;

/// About how many bytes of text a node adds to a report: its path step
/// (`.left.*`); labels are shared by all nodes of a type.
const TEXT_PER_DROP: usize = 8;

/// Rebuilds the report of one capture from its records, in order; `names`
/// is the sink's name table and `lost` the number of records that could
/// not be stored.
pub(super) fn rebuild(records: &[Record], names: &[&'static str], lost: usize) -> DropReport {
    // A report numbers its nodes and items with `u32`s, one per record at
    // most; records past that (128 GiB of them) count as lost.
    let readable = records.len().min(u32::MAX as usize);
    let (records, unread) = records.split_at(readable);
    let lost = lost.saturating_add(unread.len());
    // Sized up front: growing the lists as the nodes come would copy them
    // over and over, into memory the system has to hand out page by page.
    let (mut drops, mut frees) = (0, 0);
    for record in records {
        match record.event {
            Event::Begin { .. } | Event::PointerBegin { .. } => drops += 1,
            Event::Free { .. } => frees += 1,
            _ => {}
        }
    }
    let mut builder = TreeBuilder {
        names,
        nodes: Vec::with_capacity(drops),
        text: TextBuilder::with_capacity(drops * TEXT_PER_DROP),
        entries: Vec::with_capacity(drops + frees),
        freed: Vec::with_capacity(frees),
        labels: Labels::default(),
        labelled: None,
        frames: Vec::new(),
        anomalies: Vec::new(),
        path: Vec::new(),
        segments: Vec::new(),
        spare_lists: Vec::new(),
        recording: false,
        heap: Vec::new(),
        resized_from: None,
        last_free: None,
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

#[derive(Debug)]
struct TreeBuilder<'n> {
    names: &'n [&'static str],
    /// Every node, in the order the drops began.
    nodes: Vec<DropNodeRecord>,
    text: TextBuilder,
    /// Every node and freed block, with the node it belongs to (`None`:
    /// the top level), in the order they happened.
    entries: Vec<(Option<u32>, Item)>,
    freed: Vec<FreedRecord>,
    labels: Labels,
    /// The node whose label the last `Label` pieces went into: the next
    /// piece extends it.
    labelled: Option<usize>,
    frames: Vec<Frame>,
    anomalies: Vec<Anomaly>,
    /// The path the expectations being read sit at.
    path: Vec<Segment>,
    /// The paths of the open frames' expectations and opaque fields (see
    /// [`PathSpan`](frame::PathSpan)).
    segments: Vec<Segment>,
    /// Emptied expectation lists of closed frames, reused by new ones.
    spare_lists: Vec<Vec<Expectation>>,
    /// Whether the top frame takes expectations (it has just begun).
    recording: bool,
    /// The heap's events, in order (tracking allocator only).
    heap: Vec<HeapRecord>,
    /// The block a `Resized` said the next `Acquire` was resized from.
    resized_from: Option<(usize, usize)>,
    /// The block of ownkit's `Free` if it was the last record: its address
    /// and its place in `freed`.
    last_free: Option<(usize, u32)>,
}

impl TreeBuilder<'_> {
    fn name(&self, id: u32) -> &'static str {
        self.names.get(id as usize).copied().unwrap_or("?")
    }

    fn apply(&mut self, record: &Record) {
        let last_free = self.last_free.take();
        match record.event {
            Event::Begin {
                address,
                shape,
                variant,
            } => self.begin_value(address, record.name, shape, variant),
            Event::Label(piece) => self.add_label(piece.as_str()),
            Event::Expect { address } => {
                let type_name = self.name(record.name);
                self.expect(Awaited::Value { address, type_name }, false);
            }
            Event::ExpectPointer {
                address,
                kind,
                shared,
            } => {
                let target_type = self.name(record.name);
                let pointer = Awaited::Pointer {
                    address,
                    kind,
                    target_type,
                };
                // A pointer that was not the last owner records its drop only
                // if the others are gone by then.
                self.expect(pointer, shared);
            }
            Event::Truncate { keep } => self.path.truncate(keep as usize),
            Event::Field(name) => self.path.push(Segment::Field(name)),
            Event::Index(index) => self.path.push(Segment::Index(index)),
            Event::Deref => self.path.push(Segment::Deref),
            Event::Opaque {
                address,
                size,
                explained,
            } => {
                let reason = explained.then(|| self.name(record.name));
                // What an arena hides drops inside the arena's own frame,
                // which places it; it is not the announcing value's business.
                if self.recording
                    && let Some(frame) = self.frames.last_mut()
                    && !in_arena(&frame.expected, &self.segments, &self.path)
                {
                    let path = store_path(&mut self.segments, &self.path);
                    frame.opaque.push(OpaqueField {
                        address,
                        size,
                        path,
                        reason,
                    });
                }
            }
            Event::PointerBegin {
                address,
                target,
                kind,
                strong,
                drops_target,
            } => self.begin_pointer(address, target, kind, record.name, strong, drops_target),
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
            Event::ExpectBlock { address } => self.expect(Awaited::Block { address }, true),
            Event::Acquire {
                address,
                size,
                align,
            } => {
                let change = match self.resized_from.take() {
                    Some((from, from_size)) => HeapEventKind::Resized { from, from_size },
                    None => HeapEventKind::Acquired,
                };
                self.heap.push(HeapRecord {
                    change,
                    address,
                    size,
                    align: align as usize,
                    owner: None,
                    step: None,
                });
            }
            Event::Resized { from, from_size } => self.resized_from = Some((from, from_size)),
            Event::Release {
                address,
                size,
                align,
            } => self.release(address, size, align as usize, last_free),
            Event::HookBegin { address } => self.set_hook(address, true),
            Event::HookEnd { address } => self.set_hook(address, false),
            Event::ScopeBegin => self.begin_scope(record.name),
            Event::ScopeEnd => self.end_scope(),
        }
    }

    /// Opens a named scope: a node named for it, under the innermost scope
    /// that runs, and a frame that takes its locals (rule 7).
    fn begin_scope(&mut self, name: u32) {
        self.settle();
        self.recording = false;
        let name = self.name(name);
        let label = self.text.push(name);
        let placement = self.place_in_scope().unwrap_or(Placement::ROOT);
        // A scope has no type: its node's type name is empty.
        let node = self.add_node(&placement, label, label, "", 0, None);
        self.frames.push(Frame {
            node,
            kind: FrameKind::Scope,
            expected: self.spare_lists.pop().unwrap_or_default(),
            opaque: Vec::new(),
            packed: false,
            in_hook: false,
            hook_ran: false,
            dropped_in_hook: Vec::new(),
            segments_mark: self.segments.len(),
            fulfils: None,
        });
    }

    /// Closes the innermost named scope, and whatever is still open in it:
    /// the scope has returned, so everything in it is done.
    fn end_scope(&mut self) {
        self.settle();
        self.recording = false;
        if let Some(index) = self
            .frames
            .iter()
            .rposition(|frame| frame.kind == FrameKind::Scope)
        {
            self.close_above(index);
            self.close_top();
        }
    }

    /// Marks the drop hook of the innermost open value frame at `address`
    /// as running or done. No `settle` first: a value that announced
    /// nothing must stay open while its hook runs.
    fn set_hook(&mut self, address: usize, running: bool) {
        self.recording = false;
        let nodes = &self.nodes;
        let frame =
            self.frames.iter_mut().rev().find(|frame| {
                frame.kind == FrameKind::Value && nodes[frame.node].address == address
            });
        if let Some(frame) = frame {
            frame.in_hook = running;
            frame.hook_ran |= !running;
        }
    }

    /// Adds an expectation to the frame that has just begun, inside the
    /// pointer it belongs to if its path goes through one; an `optional`
    /// one is no anomaly if it never comes.
    fn expect(&mut self, what: Awaited, optional: bool) {
        if !self.recording {
            return;
        }
        let Some(frame) = self.frames.last_mut() else {
            return;
        };
        let mut expectation = Expectation::new(what, store_path(&mut self.segments, &self.path));
        expectation.optional = optional;
        let segments = &self.segments;
        let path = expectation.path.of(segments);
        let mut list = &mut frame.expected;
        loop {
            // Inside a pointer's target (`.*`), or anywhere inside an
            // arena, whose values sit under `[slot]`.
            let inside = list.iter().rposition(|outer| {
                let Awaited::Pointer { kind, .. } = outer.what else {
                    return false;
                };
                let outer_path = outer.path.of(segments);
                path.len() > outer_path.len()
                    && path.starts_with(outer_path)
                    && (is_arena(kind) || path[outer_path.len()] == Segment::Deref)
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
        name: u32,
        shape: Option<&'static Shape>,
        variant: u32,
    ) {
        self.settle();
        self.recording = false;
        let type_name = self.name(name);
        let (label, root_path) = self.value_labels(name, shape, variant);
        let wanted = Awaited::Value { address, type_name };
        let placement = self.place(wanted, address);
        self.note_hook_drop(wanted, &placement);
        let node = self.add_node(&placement, root_path, label, type_name, address, None);
        self.frames.push(Frame {
            node,
            kind: FrameKind::Value,
            expected: self.spare_lists.pop().unwrap_or_default(),
            opaque: Vec::new(),
            packed: shape.is_some_and(Shape::is_packed),
            in_hook: false,
            hook_ran: false,
            dropped_in_hook: Vec::new(),
            segments_mark: self.segments.len(),
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
        name: u32,
        strong: u32,
        drops_target: bool,
    ) {
        self.settle();
        self.recording = false;
        let target_type = self.name(name);
        let label = match self.labels.pointers.get(&(name, kind as u8)) {
            Some(&label) => label,
            None => {
                let label = self.text.write(|out| {
                    let _ = write!(
                        out,
                        "{}<{}>",
                        pointer_name(kind),
                        short_type_name(target_type)
                    );
                });
                self.labels.pointers.insert((name, kind as u8), label);
                label
            }
        };
        let note = (!drops_target).then(|| {
            self.text.write(|out| {
                let _ = write!(
                    out,
                    "{strong} -> {} strong, value kept",
                    strong.saturating_sub(1)
                );
            })
        });
        let wanted = Awaited::Pointer {
            address,
            kind,
            target_type,
        };
        let placement = self.place(wanted, address);
        self.note_hook_drop(wanted, &placement);
        // The expectations announced inside the target move to the pointer.
        let mut expected = match placement.parent {
            Some((frame, Some(index))) => {
                let announced = &mut self.frames[frame].expected[index];
                let mut nested = core::mem::take(&mut announced.nested);
                rebase(&mut nested, announced.path.len);
                nested
            }
            _ => self.spare_lists.pop().unwrap_or_default(),
        };
        let segments_mark = self.segments.len();
        let target_value = Awaited::Value {
            address: target,
            type_name: target_type,
        };
        // An arena has no single target: its values are its expectations.
        if drops_target && !is_arena(kind) && !expected.iter().any(|e| e.what == target_value) {
            let own_path = store_path(&mut self.segments, &[Segment::Deref]);
            let mut own_target = Expectation::new(target_value, own_path);
            own_target.optional = true;
            expected.insert(0, own_target);
        }
        let node = self.add_node(&placement, label, label, target_type, address, note);
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
            in_hook: false,
            hook_ran: false,
            dropped_in_hook: Vec::new(),
            segments_mark,
            fulfils: placement
                .parent
                .and_then(|(frame, expectation)| Some((frame, expectation?))),
        });
    }

    /// Notes `wanted`, which just began, in every frame whose drop hook is
    /// running and which it does not fulfil an expectation of.
    fn note_hook_drop(&mut self, wanted: Awaited, placement: &Placement) {
        for (index, frame) in self.frames.iter_mut().enumerate() {
            let fulfils_this =
                matches!(placement.parent, Some((parent, Some(_))) if parent == index);
            if frame.in_hook && !fulfils_this {
                frame.dropped_in_hook.push(wanted);
            }
        }
    }

    /// Adds a node where `placement` says; `root_path` is its path if it is
    /// a root.
    fn add_node(
        &mut self,
        placement: &Placement,
        root_path: Span,
        label: Span,
        type_name: &'static str,
        address: usize,
        note: Option<Span>,
    ) -> usize {
        let id = self.nodes.len();
        let parent = placement
            .parent
            .map(|(frame, _)| index(self.frames[frame].node));
        let step = if placement.local {
            let root_path = String::from(root_path.in_text(self.text.as_str()));
            self.text.write(|out| {
                out.push('/');
                out.push_str(&root_path);
            })
        } else if parent.is_some() {
            placement.relative
        } else {
            root_path
        };
        self.entries.push((parent, Item::Node(index(id))));
        let mut node = DropNodeRecord::new(parent, step, label, type_name, address);
        node.uncertain = placement.uncertain;
        node.note = note;
        self.nodes.push(node);
        id
    }

    fn free(&mut self, address: usize, size: usize, align: usize) {
        self.settle();
        self.recording = false;
        // An arena's blocks hold many values, not one target: while an
        // arena is the innermost pointer dropping, the blocks are its own.
        let innermost_pointer = self
            .frames
            .iter()
            .rposition(|frame| matches!(frame.kind, FrameKind::Pointer { .. }));
        let owner = innermost_pointer
            .filter(|&index| {
                matches!(self.frames[index].kind, FrameKind::Pointer { kind, .. } if is_arena(kind))
            })
            .or_else(|| {
                self.frames.iter().rposition(|frame| {
                    matches!(frame.kind, FrameKind::Pointer { target, .. }
                        if target >= address && target - address <= size)
                })
            });
        if let Some(index) = owner {
            self.close_above(index);
        }
        // A block no pointer frame owns (the last `Weak` going, say) goes to
        // whatever is dropping, or to the top level.
        let node = owner
            .or_else(|| self.frames.len().checked_sub(1))
            .map(|frame| index(self.frames[frame].node));
        self.last_free = Some((address, index(self.freed.len())));
        self.entries
            .push((node, Item::Freed(index(self.freed.len()))));
        self.freed.push(FreedRecord {
            owner: node,
            step: None,
            size,
            align,
            address,
        });
    }

    /// Places a block the allocator is taking back: under the value that
    /// announced it, or as ownkit's `Free` just before it, or where an
    /// unowned `Free` goes.
    fn release(
        &mut self,
        address: usize,
        size: usize,
        align: usize,
        last_free: Option<(usize, u32)>,
    ) {
        let mut record = HeapRecord {
            change: HeapEventKind::Released,
            address,
            size,
            align,
            owner: None,
            step: None,
        };
        if let Some((freed_address, freed)) = last_free
            && freed_address == address
        {
            // ownkit's pointer reported this very block a moment ago.
            record.owner = self.freed[freed as usize].owner;
            self.heap.push(record);
            return;
        }
        self.settle();
        self.recording = false;
        let announced = self
            .frames
            .iter()
            .enumerate()
            .rev()
            .find_map(|(frame, open)| {
                open.expected
                    .iter()
                    .position(|expectation| {
                        expectation.progress == Progress::Pending
                            && expectation.what == Awaited::Block { address }
                    })
                    .map(|expectation| (frame, expectation))
            });
        let Some((frame, expectation)) = announced else {
            self.free(address, size, align);
            self.last_free = None;
            record.owner = self.freed.last().and_then(|freed| freed.owner);
            self.heap.push(record);
            return;
        };
        // The compiler has moved on to the field that held the block.
        self.close_above(frame);
        let announced = &mut self.frames[frame].expected[expectation];
        announced.progress = Progress::Done;
        let step = render(announced.path.of(&self.segments));
        let step = (!step.is_empty()).then(|| self.text.push(&step));
        let owner = Some(index(self.frames[frame].node));
        self.entries
            .push((owner, Item::Freed(index(self.freed.len()))));
        self.freed.push(FreedRecord {
            owner,
            step,
            size,
            align,
            address,
        });
        record.owner = owner;
        record.step = step;
        self.heap.push(record);
    }

    /// Closes the value frames on top that have seen all they expected.
    fn settle(&mut self) {
        while let Some(top) = self.frames.last() {
            let complete = top.kind == FrameKind::Value
                && top.opaque.is_empty()
                && !top.in_hook
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
        let mut dropped_in_hook = frame.dropped_in_hook;
        for expectation in &frame.expected {
            if expectation.progress == Progress::Pending && !expectation.optional {
                // Dropped while the hook ran, inside something it moved
                // out: it did drop, so it is not missing.
                if let Some(found) = dropped_in_hook
                    .iter()
                    .position(|dropped| dropped.same_type(expectation.what))
                {
                    dropped_in_hook.swap_remove(found);
                    continue;
                }
                let parent_path = self.path_of(frame.node);
                let path = format!(
                    "{parent_path}{}",
                    render(expectation.path.of(&self.segments))
                );
                let what = describe(expectation.what);
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
        self.segments.truncate(frame.segments_mark);
        let mut list = frame.expected;
        list.clear();
        self.spare_lists.push(list);
    }

    fn finish(mut self, lost: usize) -> DropReport {
        self.settle();
        while !self.frames.is_empty() {
            self.close_top();
        }
        give_blocks_their_owners(&mut self.heap);
        DropReport::assemble(
            self.nodes,
            self.text,
            &self.entries,
            self.freed,
            self.heap,
            self.anomalies,
            lost,
        )
    }
}

/// Gives each block's earlier events (its acquire, its resizes) the owner
/// its release found, walking the story backwards and following resizes
/// to the block they came from.
fn give_blocks_their_owners(heap: &mut [HeapRecord]) {
    let mut owners: alloc_crate::collections::BTreeMap<usize, (Option<u32>, Option<Span>)> =
        alloc_crate::collections::BTreeMap::new();
    for record in heap.iter_mut().rev() {
        match record.change {
            HeapEventKind::Released => {
                if record.owner.is_some() {
                    owners.insert(record.address, (record.owner, record.step));
                } else {
                    owners.remove(&record.address);
                }
            }
            HeapEventKind::Resized { from, .. } => {
                if let Some(owner) = owners.remove(&record.address) {
                    (record.owner, record.step) = owner;
                    owners.insert(from, owner);
                }
            }
            HeapEventKind::Acquired => {
                if let Some(owner) = owners.remove(&record.address) {
                    (record.owner, record.step) = owner;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
