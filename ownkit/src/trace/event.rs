//! The record the drop recorder stores for each event: 32 bytes, no heap.
//!
//! A capture's records form one stream, in the order the thread produced
//! them. The stream is a flat encoding of what happened:
//!
//! - [`Event::Begin`] opens the drop of a traced value. If its type has a
//!   label, one or more [`Event::Label`]s follow right away, each carrying
//!   a piece of the label's text, in order. The events that
//!   follow it, up to the next `Begin`, `PointerBegin`, `End` or `Free`,
//!   describe what that value holds: [`Event::Expect`] and
//!   [`Event::ExpectPointer`] name the traced values the compiler is about
//!   to drop, [`Event::Opaque`] the fields nobody can see into. Each of them
//!   sits at the *current path*, which the segment events
//!   ([`Event::Field`], [`Event::Index`], [`Event::Deref`]) extend and
//!   [`Event::Truncate`] cuts back. The path starts empty at each `Begin`
//!   and is only written when something is expected under it, so a field
//!   that holds nothing traced costs nothing.
//! - [`Event::PointerBegin`] and [`Event::End`] bracket the drop of one of
//!   ownkit's pointers; [`Event::Free`] is a heap block about to be freed.
//! - [`Event::HookBegin`] and [`Event::HookEnd`] bracket a traced value's
//!   drop hook, whose drops follow the hook's code, not field order.
//! - [`Event::ScopeBegin`] and [`Event::ScopeEnd`] bracket a named scope
//!   ([`scope`](crate::trace::scope)), whose locals drop as it ends.
//! - With the tracking allocator installed, the heap's own events:
//!   [`Event::Acquire`], [`Event::Release`] and [`Event::Resized`] for
//!   every block of the thread, and [`Event::ExpectBlock`], a heap block
//!   (a `Vec`'s buffer, a std `Box`'s block) that the value being dropped
//!   owns at the current path, so that its release is placed under it.
//!
//! Type names, and the reasons the walk gives for contents it hides, are
//! stored as indexes into the sink's table of names (see `recorder.rs`),
//! which is what keeps a record at 32 bytes; a label's
//! text, which is the value's own, travels in the records themselves,
//! [`LABEL_PIECE`] bytes a record, so that it needs no storage of its own.

use core::fmt;

use super::{PointerKind, Shape};

/// One recorded event, tagged with the capture it belongs to.
#[derive(Clone, Copy, Debug)]
pub(super) struct Record {
    /// The capture that recorded it (never 0: 0 means "not capturing").
    pub(super) capture: u32,
    /// The index of a type name in the sink's name table; which type it
    /// names depends on the event (unused by some events).
    pub(super) name: u32,
    /// What happened.
    pub(super) event: Event,
}

// The benchmark target is at most 32 bytes per event; keep it that way.
const _: () = assert!(core::mem::size_of::<Record>() <= 32);

/// What happened; see the module docs for how the events fit together.
#[derive(Clone, Copy, Debug)]
pub(super) enum Event {
    /// A traced value at `address` starts dropping. `name` is its type;
    /// `shape` is `None` when its `Walk` impl did not describe it (a
    /// hand-written impl called through `record_drop`).
    Begin {
        address: usize,
        shape: Option<&'static Shape>,
        variant: u32,
    },
    /// A piece of the label of the value that began last, to append to
    /// the pieces before it.
    Label(LabelPiece),
    /// The value being dropped holds a traced value of type `name` at
    /// `address`, at the current path, which the compiler drops next.
    Expect { address: usize },
    /// The value being dropped holds one of ownkit's pointers at
    /// `address`, whose target has type `name`. Expectations whose path
    /// extends this one's with `.*` are inside its target. `shared` says
    /// the target had other owners when announced: an `Rc` or `Arc` that
    /// is not the last owner records nothing when dropped, so this drop may
    /// never show.
    ExpectPointer {
        address: usize,
        kind: PointerKind,
        shared: bool,
    },
    /// Cut the current path back to its first `keep` segments.
    Truncate { keep: u32 },
    /// Extend the current path with `.name`.
    Field(&'static str),
    /// Extend the current path with `[index]`.
    Index(usize),
    /// Extend the current path with `.*`.
    Deref,
    /// The value being dropped has a field at the current path that may
    /// hold traced values nobody can see: `size` bytes at `address`. If
    /// `explained`, the record's name is not a type but the reason the
    /// walk gave for hiding them ([`Visit::Hidden`](crate::walk::Visit::Hidden)),
    /// for the report to repeat: a `Cell` never lends its value out, a
    /// generic field's type is not declared `Walk`, ...
    Opaque {
        address: usize,
        size: usize,
        explained: bool,
    },
    /// One of ownkit's pointers, stored at `address`, starts dropping. Its
    /// target has type `name` and sits at `target`; `strong` is the strong
    /// count before this drop (saturated), and `drops_target` says whether
    /// this drop takes the target with it.
    PointerBegin {
        address: usize,
        target: usize,
        kind: PointerKind,
        strong: u32,
        drops_target: bool,
    },
    /// The pointer at `address` has finished dropping (or is unwinding).
    End { address: usize, kind: PointerKind },
    /// The drop hook of the traced value at `address` starts running: what
    /// it drops before [`Event::HookEnd`] is its doing, not the compiler's
    /// field order.
    HookBegin { address: usize },
    /// That drop hook has returned (or is unwinding).
    HookEnd { address: usize },
    /// A named scope starts (its name is the record's name): what drops
    /// in it that nothing announced is one of its locals.
    ScopeBegin,
    /// The innermost named scope has ended (or is unwinding).
    ScopeEnd,
    /// The value being dropped owns the heap block at `address`, at the
    /// current path, and frees it as it drops (unless it was moved out).
    /// Recorded only while the tracking allocator reports releases.
    ExpectBlock { address: usize },
    /// The global allocator handed out a block (tracking allocator only).
    Acquire {
        address: usize,
        size: usize,
        align: u32,
    },
    /// A block is about to go back to the global allocator (tracking
    /// allocator only); for one of ownkit's blocks it follows its `Free`.
    Release {
        address: usize,
        size: usize,
        align: u32,
    },
    /// The block at `from`, of `from_size` bytes, was resized: the
    /// `Acquire` that follows is the same block, as it is now.
    Resized { from: usize, from_size: usize },
    /// One of ownkit's pointers is about to free a heap block.
    Free {
        address: usize,
        size: usize,
        align: u32,
    },
}

/// How many bytes of a label's text one record carries: what is left of
/// 32 bytes once the capture, the name and the event's tag are stored.
pub(super) const LABEL_PIECE: usize = 22;

/// A piece of a label's text: whole characters, at most [`LABEL_PIECE`]
/// bytes of them.
#[derive(Clone, Copy)]
pub(super) struct LabelPiece {
    // INVARIANT: `bytes[..len]` is UTF-8, `len <= LABEL_PIECE`.
    len: u8,
    bytes: [u8; LABEL_PIECE],
}

impl LabelPiece {
    /// `text` in pieces, in order, each as long as whole characters allow.
    pub(super) fn split(text: &str) -> impl Iterator<Item = Self> + '_ {
        let mut rest = text;
        core::iter::from_fn(move || {
            if rest.is_empty() {
                return None;
            }
            let mut end = rest.len().min(LABEL_PIECE);
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
            let (piece, after) = rest.split_at(end);
            rest = after;
            let mut bytes = [0; LABEL_PIECE];
            bytes[..end].copy_from_slice(piece.as_bytes());
            Some(Self {
                // At most `LABEL_PIECE`, which fits.
                len: u8::try_from(end).unwrap_or(0),
                bytes,
            })
        })
    }

    /// The piece's text.
    pub(super) fn as_str(&self) -> &str {
        // Whole characters only (see `len`): never fails.
        core::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl fmt::Debug for LabelPiece {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests;
