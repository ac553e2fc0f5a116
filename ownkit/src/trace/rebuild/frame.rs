//! The frames of the rebuild: one per drop in progress, each with what it
//! awaits (the expectations its value announced) and the fields it cannot
//! see into; and the store of their paths.

use alloc_crate::vec::Vec;

use crate::walk::{PointerKind, Segment};

/// What a frame expects to see dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Awaited {
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
    /// A heap block the value owns at this address (a `Vec`'s buffer, a
    /// std `Box`'s block), freed as it drops unless it was moved out:
    /// always optional.
    Block { address: usize },
}

impl Awaited {
    /// Whether both are values of one type, or pointers of one kind to one
    /// type, wherever they are.
    pub(super) fn same_type(self, other: Awaited) -> bool {
        match (self, other) {
            (Awaited::Value { type_name: a, .. }, Awaited::Value { type_name: b, .. }) => a == b,
            (
                Awaited::Pointer {
                    kind: a_kind,
                    target_type: a,
                    ..
                },
                Awaited::Pointer {
                    kind: b_kind,
                    target_type: b,
                    ..
                },
            ) => a_kind == b_kind && a == b,
            _ => false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Progress {
    Pending,
    /// Its drop began and has not finished.
    Open,
    Done,
}

/// A path kept in the builder's `segments`, the one store for the paths
/// of everything open: a frame's paths are stored while it takes
/// expectations and removed when it closes, so the store works as a stack
/// and no path costs an allocation of its own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct PathSpan {
    pub(super) start: usize,
    pub(super) len: usize,
}

impl PathSpan {
    pub(super) fn of(self, segments: &[Segment]) -> &[Segment] {
        &segments[self.start..self.start + self.len]
    }

    /// The same path without its first `prefix` segments.
    pub(super) fn without_prefix(self, prefix: usize) -> Self {
        let cut = prefix.min(self.len);
        Self {
            start: self.start + cut,
            len: self.len - cut,
        }
    }
}

#[derive(Debug)]
pub(super) struct Expectation {
    pub(super) what: Awaited,
    /// The path from the frame's value.
    pub(super) path: PathSpan,
    pub(super) progress: Progress,
    /// Whether it may legitimately never come (a pointer's target, which
    /// records a drop only if it is traced).
    pub(super) optional: bool,
    /// For a pointer: the expectations inside its target, which become the
    /// pointer frame's own when it begins.
    pub(super) nested: Vec<Expectation>,
}

impl Expectation {
    pub(super) fn new(what: Awaited, path: PathSpan) -> Self {
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
pub(super) struct OpaqueField {
    pub(super) address: usize,
    pub(super) size: usize,
    pub(super) path: PathSpan,
    /// Why the walk hid its contents, if it said: what a value placed
    /// inside it by address is flagged with, after the place.
    pub(super) reason: Option<&'static str>,
}

impl OpaqueField {
    pub(super) fn contains(&self, address: usize) -> bool {
        address >= self.address && address - self.address < self.size
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FrameKind {
    /// A traced value: closes when its expectations have.
    Value,
    /// One of ownkit's pointers: closes on its `End`.
    Pointer {
        address: usize,
        kind: PointerKind,
        target: usize,
        drops_target: bool,
    },
    /// A named scope ([`scope`](crate::trace::scope)): closes on its
    /// `ScopeEnd`, and takes what drops in it that nothing announced.
    Scope,
}

/// A drop in progress.
#[derive(Debug)]
pub(super) struct Frame {
    pub(super) node: usize,
    pub(super) kind: FrameKind,
    pub(super) expected: Vec<Expectation>,
    pub(super) opaque: Vec<OpaqueField>,
    /// Whether the value is a packed struct, whose fields move to aligned
    /// places before they drop.
    pub(super) packed: bool,
    /// Whether the value's drop hook is running: what drops now is the
    /// hook's doing (it may move fields out first), not field order.
    pub(super) in_hook: bool,
    /// Whether the value's drop hook has run and returned: what drops in
    /// its fields now may be what the hook put there.
    pub(super) hook_ran: bool,
    /// The values that dropped while the hook ran without being matched to
    /// one of this frame's expectations (inside a value the hook moved out
    /// whole, say): an expectation of the same type still missing at the
    /// end may have been one of them, so it is not called missing.
    pub(super) dropped_in_hook: Vec<Awaited>,
    /// How many segments the builder's store held when the frame opened:
    /// everything above is the frame's own, and goes when it closes.
    pub(super) segments_mark: usize,
    /// The parent frame's expectation this frame fulfils, as (frame index,
    /// expectation index).
    // INVARIANT: the frame index is below this frame's own: frames close
    // from the top, so the parent outlives it (see `close_top`).
    pub(super) fulfils: Option<(usize, usize)>,
}

impl Frame {
    /// Whether it is running code that may drop values nobody announced.
    pub(super) fn runs_unseen_code(&self) -> bool {
        match self.kind {
            FrameKind::Pointer { drops_target, .. } => drops_target,
            FrameKind::Value => !self.opaque.is_empty() || self.in_hook,
            FrameKind::Scope => false,
        }
    }
}

/// Drops the first `prefix` segments of every path in `list`, nested ones
/// included (their paths all start with the pointer's).
pub(super) fn rebase(list: &mut [Expectation], prefix: usize) {
    let mut pending: Vec<&mut [Expectation]> = alloc_crate::vec![list];
    while let Some(list) = pending.pop() {
        for expectation in list {
            expectation.path = expectation.path.without_prefix(prefix);
            pending.push(&mut expectation.nested);
        }
    }
}

/// Stores `path` at the top of `segments`.
pub(super) fn store_path(segments: &mut Vec<Segment>, path: &[Segment]) -> PathSpan {
    let start = segments.len();
    segments.extend_from_slice(path);
    PathSpan {
        start,
        len: path.len(),
    }
}

/// Whether `path` lies in an arena announced in `list` (or inside the
/// target of a pointer announced there), the arena's own place included.
pub(super) fn in_arena(mut list: &[Expectation], segments: &[Segment], path: &[Segment]) -> bool {
    loop {
        let enclosing = list.iter().rev().find(|outer| {
            let Awaited::Pointer { kind, .. } = outer.what else {
                return false;
            };
            let outer_path = outer.path.of(segments);
            if !path.starts_with(outer_path) {
                return false;
            }
            is_arena(kind) || path.get(outer_path.len()) == Some(&Segment::Deref)
        });
        match enclosing {
            Some(outer) => match outer.what {
                Awaited::Pointer { kind, .. } if is_arena(kind) => return true,
                _ => list = &outer.nested,
            },
            None => return false,
        }
    }
}

/// Whether `kind` is one of ownkit's arenas: many values, no single target.
pub(super) fn is_arena(kind: PointerKind) -> bool {
    matches!(kind, PointerKind::Arena | PointerKind::GenArena)
}
