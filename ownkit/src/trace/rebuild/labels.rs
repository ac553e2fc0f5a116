//! The labels and root paths of a report's nodes, made once per type and
//! kept in the report's text, and how paths are written.
//!
//! A value whose type has a label field gets a label of its own: its
//! type's, a space, and the text its `Label` records carry (`Song
//! "Intro"`), written once for that node. Its path stays its type's.

use alloc_crate::collections::BTreeMap;
use alloc_crate::string::String;
use alloc_crate::vec::Vec;
use core::fmt::Write;

use super::TreeBuilder;
use super::frame::FrameKind;
use crate::trace::report::storage::{Span, join_path};
use crate::trace::short_type_name;
use crate::walk::{PointerKind, Segment, Shape};

/// Labels and root paths, made once per type rather than once per drop.
#[derive(Debug, Default)]
pub(super) struct Labels {
    /// Per type name: the shape it was described by, its label and its
    /// path as a root.
    pub(super) values: Vec<Option<(Option<&'static Shape>, Span, Span)>>,
    /// Per enum type and variant: its label and its path as a root.
    pub(super) variants: BTreeMap<(u32, u32), (Span, Span)>,
    /// Per target type and pointer kind: the pointer's label, which is
    /// also its path as a root.
    pub(super) pointers: BTreeMap<(u32, u8), Span>,
}

impl TreeBuilder<'_> {
    /// The label and root path of a value of type `name`, described by
    /// `shape`, made once per type (per variant, for an enum).
    pub(super) fn value_labels(
        &mut self,
        name: u32,
        shape: Option<&'static Shape>,
        variant: u32,
    ) -> (Span, Span) {
        let type_name = self.name(name);
        if let Some(shape) = shape.filter(|shape| shape.is_enum()) {
            if let Some(&labels) = self.labels.variants.get(&(name, variant)) {
                return labels;
            }
            let variant_name = shape.variant_name(variant as usize).unwrap_or("?");
            let short = short_type_name(type_name);
            let label = self.text.write(|out| {
                let _ = write!(out, "{short}::{variant_name}");
            });
            let root_path = self.text.write(|out| {
                let _ = write!(out, "{}::{variant_name}", shape.name());
            });
            self.labels
                .variants
                .insert((name, variant), (label, root_path));
            return (label, root_path);
        }
        let slot = name as usize;
        if let Some(Some((cached_shape, label, root_path))) = self.labels.values.get(slot)
            && same_shape(*cached_shape, shape)
        {
            return (*label, *root_path);
        }
        let label = self.text.push(&short_type_name(type_name));
        let root_path = match shape {
            Some(shape) => self.text.push(shape.name()),
            None => label,
        };
        if self.labels.values.len() <= slot {
            self.labels.values.resize(slot + 1, None);
        }
        self.labels.values[slot] = Some((shape, label, root_path));
        (label, root_path)
    }

    /// Appends `piece` to the label of the value that began last: the
    /// first piece makes it the type's label, a space and the piece, and
    /// the next ones extend it, as they come right after it.
    pub(super) fn add_label(&mut self, piece: &str) {
        let Some(frame) = self.frames.last().filter(|_| self.recording) else {
            return;
        };
        if frame.kind != FrameKind::Value {
            return;
        }
        let node = frame.node;
        let label = self.nodes[node].label;
        let end = label.start as usize + label.len as usize;
        let extended = if self.labelled == Some(node) && end == self.text.as_str().len() {
            let added = self.text.push(piece);
            Span {
                start: label.start,
                len: label.len + added.len,
            }
        } else {
            self.labelled = Some(node);
            let type_label = label.start as usize..end;
            self.text.write(|out| {
                out.extend_from_within(type_label);
                out.push(' ');
                out.push_str(piece);
            })
        };
        // Past 4 GiB of text the piece is not kept: keep the label as it is.
        if extended.len > label.len {
            self.nodes[node].label = extended;
        }
    }

    /// The path of a node built so far.
    pub(super) fn path_of(&self, node: usize) -> String {
        join_path(&self.nodes, self.text.as_str(), node)
    }
}

/// Appends `path` as it is printed (`.b.*[0]`).
pub(super) fn push_path(out: &mut String, path: &[Segment]) {
    for segment in path {
        match segment {
            Segment::Field(name) => {
                out.push('.');
                out.push_str(name);
            }
            Segment::Deref => out.push_str(".*"),
            Segment::Index(_) => {
                let _ = write!(out, "{segment}");
            }
        }
    }
}

pub(super) fn render(path: &[Segment]) -> String {
    let mut out = String::new();
    push_path(&mut out, path);
    out
}

/// Whether two descriptions are the same one (shapes are statics, so the
/// same shape is the same address).
pub(super) fn same_shape(a: Option<&'static Shape>, b: Option<&'static Shape>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => core::ptr::eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

pub(super) fn pointer_name(kind: PointerKind) -> &'static str {
    match kind {
        PointerKind::Box | PointerKind::StdBox => "Box",
        PointerKind::Rc | PointerKind::StdRc => "Rc",
        PointerKind::Arc | PointerKind::StdArc => "Arc",
        PointerKind::Arena => "Arena",
        PointerKind::GenArena => "GenArena",
    }
}

/// What an expectation awaits, as a report's messages name it: `Leaf`,
/// `Box<Leaf>`, `a heap block`.
pub(super) fn describe(what: super::frame::Awaited) -> alloc_crate::string::String {
    use super::frame::Awaited;
    match what {
        Awaited::Value { type_name, .. } => short_type_name(type_name),
        Awaited::Pointer {
            kind, target_type, ..
        } => alloc_crate::format!("{}<{}>", pointer_name(kind), short_type_name(target_type)),
        Awaited::Block { .. } => "a heap block".into(),
    }
}
