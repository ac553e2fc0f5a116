//! Where a drop that just began goes: under the frame that awaits it
//! (exact), under a drop hook that is running (flagged), or by guesswork
//! among the frames that run code nobody can see into (flagged uncertain).

use alloc_crate::format;
use alloc_crate::vec::Vec;
use core::fmt::Write;

use super::TreeBuilder;
use super::frame::Expectation;
use super::frame::{Awaited, FrameKind, Progress, is_arena};
use super::labels::{describe, push_path, render};
use crate::trace::report::storage::Span;
use crate::walk::PointerKind;

/// Where a new drop goes.
#[derive(Debug)]
pub(super) struct Placement {
    /// The frame it goes under, and the expectation it fulfils there.
    pub(super) parent: Option<(usize, Option<usize>)>,
    /// The path from the parent, starting with a segment (`.a`, `[0]`);
    /// unused for a root.
    pub(super) relative: Span,
    pub(super) uncertain: Option<Span>,
    /// Whether it is a local of the scope it goes under: its path from
    /// there is `/` and its own root path (`/Local`).
    pub(super) local: bool,
}

impl Placement {
    pub(super) const ROOT: Self = Self {
        parent: None,
        relative: Span::EMPTY,
        uncertain: None,
        local: false,
    };
}

impl TreeBuilder<'_> {
    /// Finds where a drop that just began goes (rules 1 and 3), and
    /// finishes the frames it shows are done.
    pub(super) fn place(&mut self, wanted: Awaited, address: usize) -> Placement {
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
                    relative: self
                        .text
                        .write(|out| push_path(out, expectation.path.of(&self.segments))),
                    uncertain: None,
                    local: false,
                };
            }
        }
        if let Some(placement) = self.place_swapped_in(wanted, address) {
            return placement;
        }
        for frame_index in (0..self.frames.len()).rev() {
            let frame = &self.frames[frame_index];
            if let Some(field) = frame.opaque.iter().find(|field| field.contains(address)) {
                let field_path = field.path.of(&self.segments);
                let relative = self.text.write(|out| push_path(out, field_path));
                let parent_path = self.path_of(frame.node);
                let why = field.reason;
                let reason = self.text.write(|out| {
                    let _ = write!(
                        out,
                        "placed by address: it lies inside `{parent_path}{}`, which ownkit cannot see into",
                        render(field_path)
                    );
                    if let Some(why) = why {
                        let _ = write!(out, ": {why}");
                    }
                });
                return Placement {
                    parent: Some((frame_index, None)),
                    relative,
                    uncertain: Some(reason),
                    local: false,
                };
            }
        }
        for frame_index in (0..self.frames.len()).rev() {
            let frame = &self.frames[frame_index];
            if !frame.runs_unseen_code() {
                continue;
            }
            if frame.in_hook {
                return self.place_in_hook(frame_index, wanted);
            }
            let parent_path = self.path_of(frame.node);
            let (relative, reason) = match frame.kind {
                FrameKind::Pointer { kind, .. } if is_arena(kind) => (
                    "[?]",
                    if kind == PointerKind::Arena {
                        format!(
                            "nothing announced it; it dropped while the arena `{parent_path}` was dropping its values, which are lent out and not announced"
                        )
                    } else {
                        format!(
                            "nothing announced it; it dropped while the arena `{parent_path}` was dropping its values, which no traced value announced"
                        )
                    },
                ),
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
                FrameKind::Value => {
                    let mut reason = format!(
                        "nothing announced it; it dropped while `{parent_path}`, which has fields ownkit cannot see into, was dropping"
                    );
                    // What the walk said about those fields, each reason
                    // once: the first after a colon, the others after
                    // semicolons.
                    let reasons: Vec<&str> = frame
                        .opaque
                        .iter()
                        .filter_map(|field| field.reason)
                        .collect();
                    for (index, why) in reasons.iter().enumerate() {
                        if !reasons[..index].contains(why) {
                            let separator = if index == 0 { ':' } else { ';' };
                            let _ = write!(reason, "{separator} {why}");
                        }
                    }
                    (".?", reason)
                }
                // A scope runs code the capture sees: it never gets here.
                FrameKind::Scope => continue,
            };
            return Placement {
                parent: Some((frame_index, None)),
                relative: self.text.push(relative),
                uncertain: Some(self.text.push(&reason)),
                local: false,
            };
        }
        self.place_after_hook()
            .or_else(|| self.place_in_scope())
            .unwrap_or(Placement::ROOT)
    }

    /// A value nobody waits for and nothing running unseen could hold,
    /// while a named scope runs: one of the scope's locals (or a value it
    /// drops by hand). Exact, as a root would be.
    pub(super) fn place_in_scope(&self) -> Option<Placement> {
        let frame_index = self
            .frames
            .iter()
            .rposition(|frame| frame.kind == FrameKind::Scope)?;
        Some(Placement {
            parent: Some((frame_index, None)),
            relative: Span::EMPTY,
            uncertain: None,
            local: true,
        })
    }

    /// A value nobody waits for, at the address where a frame whose drop
    /// hook has run announced a value: the hook replaced that value (put
    /// another enum variant in, or a new value in a field), and the
    /// compiler now drops what it put there. It takes the announced place,
    /// flagged; if the announced value is still missing, this one stands in
    /// for it.
    fn place_swapped_in(&mut self, wanted: Awaited, address: usize) -> Option<Placement> {
        let (frame_index, index) = (0..self.frames.len()).rev().find_map(|frame_index| {
            let frame = &self.frames[frame_index];
            if !frame.hook_ran || frame.kind != FrameKind::Value {
                return None;
            }
            let at_address = |e: &&Expectation| match e.what {
                Awaited::Value { address: a, .. } | Awaited::Pointer { address: a, .. } => {
                    a == address
                }
                Awaited::Block { .. } => false,
            };
            let pending = frame
                .expected
                .iter()
                .position(|e| e.progress == Progress::Pending && at_address(&e));
            let index = pending.or_else(|| frame.expected.iter().position(|e| at_address(&e)))?;
            Some((frame_index, index))
        })?;
        self.close_above(frame_index);
        let parent_path = self.path_of(self.frames[frame_index].node);
        let expectation = &mut self.frames[frame_index].expected[index];
        let stands_in = expectation.progress == Progress::Pending;
        if stands_in {
            expectation.progress = Progress::Open;
        }
        let field = expectation.path.of(&self.segments);
        let reason = format!(
            "placed by address: `{parent_path}{}` was announced as {}, and the drop hook of `{parent_path}` put this {} there",
            render(field),
            describe(expectation.what),
            describe(wanted)
        );
        Some(Placement {
            parent: Some((frame_index, stands_in.then_some(index))),
            relative: self.text.write(|out| push_path(out, field)),
            uncertain: Some(self.text.push(&reason)),
            local: false,
        })
    }

    /// A value nobody waits for while a frame whose drop hook has run still
    /// waits for some of its fields: most likely something the hook put in
    /// a field, at an address the announced value did not have. It goes
    /// under that frame, at `.?`, flagged.
    fn place_after_hook(&mut self) -> Option<Placement> {
        let frame_index = self.frames.iter().rposition(|frame| {
            frame.hook_ran
                && frame.kind == FrameKind::Value
                && frame
                    .expected
                    .iter()
                    .any(|e| e.progress == Progress::Pending && !e.optional)
        })?;
        let parent_path = self.path_of(self.frames[frame_index].node);
        let reason = format!(
            "nothing announced it; it dropped after the drop hook of `{parent_path}` ran, while `{parent_path}` was still dropping its fields, so the hook may have put it there"
        );
        Some(Placement {
            parent: Some((frame_index, None)),
            relative: self.text.push(".?"),
            uncertain: Some(self.text.push(&reason)),
            local: false,
        })
    }

    /// Places a drop that began while the value of frame `frame_index` ran
    /// its drop hook. A hook that takes a field out and drops it drops it
    /// somewhere else than where it was announced, so an announced value
    /// of the same type that has not dropped yet is taken to be it: placed
    /// under its field's path, flagged, and no longer missing.
    pub(super) fn place_in_hook(&mut self, frame_index: usize, wanted: Awaited) -> Placement {
        let frame = &self.frames[frame_index];
        let parent_path = self.path_of(frame.node);
        let moved = frame
            .expected
            .iter()
            .position(|e| e.progress == Progress::Pending && e.what.same_type(wanted));
        let Some(index) = moved else {
            let reason = format!(
                "nothing announced it; it dropped while the drop hook of `{parent_path}` ran"
            );
            return Placement {
                parent: Some((frame_index, None)),
                relative: self.text.push(".?"),
                uncertain: Some(self.text.push(&reason)),
                local: false,
            };
        };
        self.close_above(frame_index);
        let expectation = &mut self.frames[frame_index].expected[index];
        expectation.progress = Progress::Open;
        let field = expectation.path.of(&self.segments);
        let reason = format!(
            "matched by type: it dropped while the drop hook of `{parent_path}` ran, not where `{parent_path}{}` was announced, so the hook moved it out first",
            render(field)
        );
        Placement {
            parent: Some((frame_index, Some(index))),
            relative: self.text.write(|out| push_path(out, field)),
            uncertain: Some(self.text.push(&reason)),
            local: false,
        }
    }
}
