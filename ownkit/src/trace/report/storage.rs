//! How a [`DropReport`](super::DropReport) stores its tree: flat lists,
//! one record per node and per freed block, and one shared text.
//!
//! A capture of a million drops must not cost a million allocations, so
//! nothing here is allocated per node: labels, path steps, notes and
//! reasons are [`Span`]s of one text, and each node's items and children
//! are ranges of two shared lists, laid out once by a counting sort
//! ([`lay_out`]) when the rebuild is over. The rebuild (`rebuild.rs`)
//! writes these records; the report's handles read them.

use alloc_crate::string::String;
use alloc_crate::vec::Vec;

use super::HeapEventKind;

/// A range of one of the report's lists or of its text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(in crate::trace) struct Span {
    pub(in crate::trace) start: u32,
    pub(in crate::trace) len: u32,
}

impl Span {
    /// Nothing.
    pub(in crate::trace) const EMPTY: Self = Self { start: 0, len: 0 };

    pub(in crate::trace) fn of<T>(self, list: &[T]) -> &[T] {
        let start = self.start as usize;
        &list[start..start + self.len as usize]
    }

    pub(in crate::trace) fn in_text(self, text: &str) -> &str {
        let start = self.start as usize;
        &text[start..start + self.len as usize]
    }

    /// The span from `start` to `end`, or `None` past 4 GiB.
    fn between(start: usize, end: usize) -> Option<Self> {
        Some(Self {
            start: u32::try_from(start).ok()?,
            len: u32::try_from(end - start).ok()?,
        })
    }
}

/// A count or position in one of a report's lists, as stored. Each node,
/// item and freed block comes from at least one record, and the rebuild
/// reads at most `u32::MAX` records, so every one fits.
pub(in crate::trace) fn index(position: usize) -> u32 {
    debug_assert!(
        u32::try_from(position).is_ok(),
        "position {position} does not fit in a report"
    );
    u32::try_from(position).unwrap_or(u32::MAX)
}

/// The text of a report while it is being built: labels, path steps,
/// notes and reasons, one after the other in one string.
#[derive(Debug, Default)]
pub(in crate::trace) struct TextBuilder(pub(in crate::trace) String);

impl TextBuilder {
    /// An empty text with room for `bytes`.
    pub(in crate::trace) fn with_capacity(bytes: usize) -> Self {
        Self(String::with_capacity(bytes))
    }

    /// Appends `piece` and returns where it went.
    pub(in crate::trace) fn push(&mut self, piece: &str) -> Span {
        self.write(|text| text.push_str(piece))
    }

    /// Appends what `write` writes and returns where it went. Past 4 GiB
    /// of text nothing more is kept, and the span is empty.
    pub(in crate::trace) fn write(&mut self, write: impl FnOnce(&mut String)) -> Span {
        let start = self.0.len();
        write(&mut self.0);
        Span::between(start, self.0.len()).unwrap_or_else(|| {
            self.0.truncate(start);
            Span::EMPTY
        })
    }

    /// Everything appended so far.
    pub(in crate::trace) fn as_str(&self) -> &str {
        &self.0
    }
}

/// The path of `node`: the steps from its root down to it, joined.
pub(in crate::trace) fn join_path(nodes: &[DropNodeRecord], text: &str, node: usize) -> String {
    let mut steps = Vec::new();
    let mut at = Some(node);
    while let Some(index) = at {
        let record = &nodes[index];
        steps.push(record.step.in_text(text));
        at = record.parent.map(|parent| parent as usize);
    }
    steps.iter().rev().copied().collect()
}

/// One dropped value, as the report stores it.
#[derive(Clone, Debug)]
pub(in crate::trace) struct DropNodeRecord {
    /// The node it dropped inside of, or `None` for a root.
    pub(in crate::trace) parent: Option<u32>,
    /// For a root, its path (`Outer`, `Tree::Node`); for any other node,
    /// the path from its parent, starting with a segment (`.b.*`, `[0]`).
    pub(in crate::trace) step: Span,
    pub(in crate::trace) label: Span,
    pub(in crate::trace) type_name: &'static str,
    pub(in crate::trace) address: usize,
    /// Why the node is where it is, when that was a guess.
    pub(in crate::trace) uncertain: Option<Span>,
    /// A remark printed after the label, such as an `Rc` that was not the
    /// last owner.
    pub(in crate::trace) note: Option<Span>,
    /// Its items in the report's `items`; set when the report is
    /// assembled.
    pub(in crate::trace) items: Span,
    /// Its children in the report's `children`; set when the report is
    /// assembled.
    pub(in crate::trace) children: Span,
}

impl DropNodeRecord {
    /// A node whose items are not laid out yet.
    pub(in crate::trace) fn new(
        parent: Option<u32>,
        step: Span,
        label: Span,
        type_name: &'static str,
        address: usize,
    ) -> Self {
        Self {
            parent,
            step,
            label,
            type_name,
            address,
            uncertain: None,
            note: None,
            items: Span::default(),
            children: Span::default(),
        }
    }
}

/// A freed block, as the report stores it.
#[derive(Clone, Copy, Debug)]
pub(in crate::trace) struct FreedRecord {
    /// The node whose drop freed it, if any.
    pub(in crate::trace) owner: Option<u32>,
    /// Where in the owner the block hung (`.name` for a `String` field's
    /// buffer), when the owner announced it; `None` for the owner's own
    /// block (a pointer's).
    pub(in crate::trace) step: Option<Span>,
    pub(in crate::trace) size: usize,
    pub(in crate::trace) align: usize,
    pub(in crate::trace) address: usize,
}

/// One heap event of a capture, as the report stores it.
#[derive(Clone, Copy, Debug)]
pub(in crate::trace) struct HeapRecord {
    pub(in crate::trace) change: HeapEventKind,
    pub(in crate::trace) address: usize,
    pub(in crate::trace) size: usize,
    pub(in crate::trace) align: usize,
    /// The node that owned the block, and where in it (as for
    /// [`FreedRecord`]), when a drop the report knows released it.
    pub(in crate::trace) owner: Option<u32>,
    pub(in crate::trace) step: Option<Span>,
}

/// One entry of a level of the tree, in the order it happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::trace) enum Item {
    /// The node at this index.
    Node(u32),
    /// The freed block at this index.
    Freed(u32),
}

/// Where each node's items and children are, once laid out.
#[derive(Debug)]
pub(in crate::trace) struct Layout {
    /// Each node's items, node after node, then the top level's.
    pub(in crate::trace) items: Vec<Item>,
    /// Each node's children, node after node, then the roots.
    pub(in crate::trace) children: Vec<u32>,
    /// The top level's items.
    pub(in crate::trace) top_items: Span,
    /// The roots, in `children`.
    pub(in crate::trace) roots: Span,
}

/// Lays out every node's items (children and freed blocks) and children
/// in two shared lists, given every item with its owner (`None`: the top
/// level) in the order it happened, and records each node's ranges in it.
pub(in crate::trace) fn lay_out(
    nodes: &mut [DropNodeRecord],
    entries: &[(Option<u32>, Item)],
) -> Layout {
    // A counting sort by owner: each node's items end up together, in
    // the order they happened, with no allocation per node. The top
    // level is owner `nodes.len()`.
    let top = nodes.len();
    let owner_of = |owner: Option<u32>| owner.map_or(top, |owner| owner as usize);
    let mut item_counts = alloc_crate::vec![0_usize; top + 1];
    let mut child_counts = alloc_crate::vec![0_usize; top + 1];
    for &(owner, item) in entries {
        item_counts[owner_of(owner)] += 1;
        if let Item::Node(_) = item {
            child_counts[owner_of(owner)] += 1;
        }
    }
    let mut item_spans = Vec::with_capacity(top + 1);
    let mut child_spans = Vec::with_capacity(top + 1);
    let (mut item_start, mut child_start) = (0, 0);
    for owner in 0..=top {
        item_spans.push(Span {
            start: index(item_start),
            len: index(item_counts[owner]),
        });
        child_spans.push(Span {
            start: index(child_start),
            len: index(child_counts[owner]),
        });
        item_start += item_counts[owner];
        child_start += child_counts[owner];
    }
    // Reuse the counts as each owner's fill level.
    item_counts.fill(0);
    child_counts.fill(0);
    let mut items = alloc_crate::vec![Item::Freed(0); item_start];
    let mut children = alloc_crate::vec![0; child_start];
    for &(owner, item) in entries {
        let owner = owner_of(owner);
        items[item_spans[owner].start as usize + item_counts[owner]] = item;
        item_counts[owner] += 1;
        if let Item::Node(node) = item {
            children[child_spans[owner].start as usize + child_counts[owner]] = node;
            child_counts[owner] += 1;
        }
    }
    for (node, record) in nodes.iter_mut().enumerate() {
        record.items = item_spans[node];
        record.children = child_spans[node];
    }
    Layout {
        items,
        children,
        top_items: item_spans[top],
        roots: child_spans[top],
    }
}
