//! The walker behind a traced value's drop: it walks the value one level
//! down and records what the compiler is about to drop.
//!
//! A derived `Drop` impl hands its fields to this walker. For each traced
//! value and each of ownkit's pointers it finds (through std's containers,
//! which record nothing themselves) it records an expectation at the path
//! where it sits; for each field it cannot see into, an `Opaque` place.
//! The path is written only when something is expected under it, so a
//! field that holds nothing traced costs no record.
//!
//! A value with a label hands it over first: its text is made on the
//! stack and follows the value's `Begin` in a few records. The values one
//! level down are not asked for theirs: each gives it when it drops.

use core::fmt;

use super::sink::Session;
use crate::observe;
use crate::trace::event::{Event, LabelPiece};
use crate::walk::label::LabelText;
use crate::walk::path::PathStack;
use crate::walk::{Descend, Segment, Shape, TracedInfo, Visit, Walker};

/// Where the walk of the value being dropped is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    /// Waiting for the value's own `Traced` visit.
    Root,
    /// Inside the value: visits are its contents.
    Contents,
    /// The value's scope is closed; anything more is ignored.
    Done,
}

/// The one walker behind [`record_drop`](super::record_drop) and
/// [`record_drop_with`](super::record_drop_with): it
/// records a `Begin`, then an expectation for every traced value and
/// ownkit pointer it finds one level down (through std containers), and
/// the fields it cannot see into.
pub(super) struct Recorder<'s> {
    session: &'s mut Session,
    /// The value being dropped, for a `Begin` its walk does not describe.
    address: usize,
    type_name: &'static str,
    stage: Stage,
    /// Whether the value's label was recorded: a walk that hands over
    /// another one has it ignored.
    labelled: bool,
    /// The scopes open in the value's walk: one per `Child` or `Enter`
    /// (adding its segment), and one per pointer whose target follows
    /// (adding none). Borrowed from the sink, which keeps its memory from
    /// one drop to the next, and given back when the recorder is dropped.
    scopes: PathStack<()>,
    // The path the rebuild knows is the segments the first `synced` scopes
    // added, which number `synced_depth`, plus stale ones up to
    // `written_depth` that the next write cuts off.
    // INVARIANT: synced <= scopes.len(), synced_depth <= written_depth.
    synced: usize,
    synced_depth: u32,
    written_depth: u32,
}

impl<'s> Recorder<'s> {
    pub(super) fn new(session: &'s mut Session, address: usize, type_name: &'static str) -> Self {
        Self {
            scopes: session.take_scopes(),
            session,
            address,
            type_name,
            stage: Stage::Root,
            labelled: false,
            synced: 0,
            synced_depth: 0,
            written_depth: 0,
        }
    }

    /// Records the value's `Begin`; its contents follow.
    pub(super) fn begin(&mut self, shape: Option<&'static Shape>, variant: usize) {
        self.session.push(
            self.type_name,
            Event::Begin {
                address: self.address,
                shape,
                variant: u32::try_from(variant).unwrap_or(u32::MAX),
            },
        );
        self.stage = Stage::Contents;
    }

    /// Makes sure a `Begin` was recorded, even if the walk never described
    /// the value.
    pub(super) fn finish(&mut self) {
        if self.stage == Stage::Root {
            self.begin(None, 0);
        }
    }

    /// Opens a scope, which adds `segment` to the path if there is one. A
    /// scope that finds no memory costs a lost record, never a panic.
    fn enter(&mut self, segment: Option<Segment>) {
        if !self.scopes.try_open(segment, ()) {
            self.session.count_lost();
        }
    }

    fn leave(&mut self) {
        if let Some((segment, ())) = self.scopes.close() {
            let len = self.scopes.len();
            if self.synced > len {
                self.synced = len;
                self.synced_depth -= u32::from(segment.is_some());
            }
        }
    }

    /// Announces a heap block the value owns at the current path, if the
    /// tracking allocator reports releases (otherwise none would come, and
    /// the records would cost for nothing).
    fn expect_block(&mut self, address: usize) {
        if observe::heap::is_tracked() {
            self.write_path();
            self.session.push_named(0, Event::ExpectBlock { address });
        }
    }

    /// Brings the rebuild's current path up to date with the walk's.
    fn write_path(&mut self) {
        if self.written_depth != self.synced_depth {
            self.session.push_named(
                0,
                Event::Truncate {
                    keep: self.synced_depth,
                },
            );
            self.written_depth = self.synced_depth;
        }
        for &segment in self.scopes.path_from(self.synced) {
            let event = match segment {
                Segment::Field(name) => Event::Field(name),
                Segment::Index(index) => Event::Index(index),
                Segment::Deref => Event::Deref,
            };
            self.session.push_named(0, event);
            self.synced_depth += 1;
        }
        self.synced = self.scopes.len();
        self.written_depth = self.synced_depth;
    }
}

impl Drop for Recorder<'_> {
    /// Gives the scope stack back to the sink, emptied, with its memory.
    fn drop(&mut self) {
        let scopes = core::mem::take(&mut self.scopes);
        self.session.give_back_scopes(scopes);
    }
}

impl<'a> Walker<'a> for Recorder<'_> {
    fn visit(&mut self, visit: Visit<'a>) -> Descend {
        match self.stage {
            Stage::Done => return Descend::No,
            Stage::Root => {
                if let Visit::Traced(info) = visit {
                    self.address = info.address;
                    self.type_name = info.type_name;
                    self.begin(Some(info.shape), info.variant);
                    return Descend::Yes;
                }
                // A hand-written walk that reports contents without
                // describing the value: record the value under its type.
                self.begin(None, 0);
            }
            Stage::Contents => {}
        }
        match visit {
            Visit::Traced(info) => {
                self.write_path();
                self.session.push(
                    info.type_name,
                    Event::Expect {
                        address: info.address,
                    },
                );
                Descend::No
            }
            Visit::Pointer(info) => {
                // A std pointer records no drop of its own, but its block is
                // freed with it: announce the block, for the heap's events.
                if !info.kind.records_drops()
                    && info.drops_target()
                    && let Some(block) = info.block
                {
                    self.expect_block(block.address);
                }
                if info.kind.records_drops() {
                    self.write_path();
                    self.session.push(
                        info.target_type,
                        Event::ExpectPointer {
                            address: info.address,
                            kind: info.kind,
                            shared: !info.drops_target(),
                        },
                    );
                }
                if info.drops_target() {
                    self.enter(None);
                    Descend::Yes
                } else {
                    Descend::No
                }
            }
            Visit::Child(segment, value) => {
                self.enter(Some(segment));
                value.walk(self);
                self.leave();
                Descend::No
            }
            Visit::Enter(segment, _) => {
                self.enter(Some(segment));
                Descend::No
            }
            Visit::Leave => {
                if self.scopes.is_empty() {
                    self.stage = Stage::Done;
                } else {
                    self.leave();
                }
                Descend::No
            }
            Visit::Opaque {
                segment,
                address,
                size,
            } => {
                self.enter(Some(segment));
                self.write_path();
                let opaque = Event::Opaque {
                    address,
                    size,
                    explained: false,
                };
                self.session.push_named(0, opaque);
                self.leave();
                Descend::No
            }
            // Hidden contents may still drop with their owner (a `Cell`'s
            // do): announce the place, so what drops there is placed by
            // address and flagged, never mistaken for a root, and keep the
            // reason, in the name table, for the flag to give.
            Visit::Hidden {
                reason,
                address,
                size,
            } => {
                self.write_path();
                let hidden = Event::Opaque {
                    address,
                    size,
                    explained: true,
                };
                self.session.push(reason, hidden);
                Descend::No
            }
            Visit::Owns(block) => {
                self.expect_block(block.address);
                Descend::No
            }
            Visit::Weak(_) | Visit::Borrows { .. } => Descend::No,
        }
    }

    /// A value whose walk reports nothing holds nothing that records a
    /// drop, and no place to announce.
    fn skips_leaves(&self) -> bool {
        true
    }

    /// The label of the value being dropped, recorded after its `Begin`.
    /// Only while capturing does this run, so only then is it formatted.
    fn label(&mut self, value: &TracedInfo, label: &dyn fmt::Debug) {
        // Only the value's own, given before its contents: no scope is
        // open, and nothing is recorded for it yet but its `Begin`.
        if self.stage != Stage::Contents
            || !self.scopes.is_empty()
            || self.labelled
            || value.address != self.address
        {
            return;
        }
        self.labelled = true;
        let text = LabelText::of(label);
        for piece in LabelPiece::split(text.as_str()) {
            self.session.push_named(0, Event::Label(piece));
        }
    }
}
