//! How an edge's path is written into the graph's text: as bytes, never
//! through the formatting machinery, and, for the paths most edges have,
//! once per graph (one field) or never (one small index, whose text every
//! graph shares: see [`index_text`]).
//!
//! Every edge's path is written as the edge is found, so this is on the
//! walk's hot path; `Edge::path()` then reads it back as a `&str`.

use alloc_crate::vec::Vec;

use crate::graph::model::index_text;
use crate::walk::Segment;

/// Field names whose path text (`.name`) the graph's text already holds,
/// found by the name's address: an edge whose path is one field, as most
/// are, then writes nothing. A graph has few field names.
pub(super) struct FieldTexts {
    /// `(address and length of the name, where its text starts)`, an open
    /// hash table keyed by the address: a name sits at the slot its
    /// address picks or, if that was taken, at one of the next few;
    /// `(0, 0, 0)` when empty.
    slots: [(usize, usize, u32); FIELD_SLOTS],
}

/// How many field names [`FieldTexts`] remembers at most.
const FIELD_SLOTS: usize = 64;

/// How many slots past the one its address picks a name may sit in: a
/// name that finds them all taken is written each time it is met.
const FIELD_PROBES: usize = 8;

impl FieldTexts {
    pub(super) const EMPTY: Self = Self {
        slots: [(0, 0, 0); FIELD_SLOTS],
    };

    /// Where `text` holds `.name`, written now if it does not yet.
    #[inline(always)]
    pub(super) fn find(&mut self, text: &mut Vec<u8>, name: &'static str) -> (u32, u32) {
        let address = name.as_ptr().addr();
        let len = u32::try_from(name.len() + 1).unwrap_or(u32::MAX);
        let first = Self::slot_of(address);
        // The slot the address picks, or the next: two names of a graph
        // that pick the same slot are not rare (a type's ten field names
        // in 64 slots do about half the time), and the second sits next.
        for probe in 0..2 {
            let slot = self.slots[(first + probe) % FIELD_SLOTS];
            if slot.0 == address && slot.1 == name.len() {
                return (slot.2, len);
            }
        }
        self.find_further(text, name, first)
    }

    /// The slot that the name at `address` tries first: the top bits of
    /// a multiplicative hash, so that names stored side by side (as a
    /// type's field names are) spread over the table.
    #[inline]
    fn slot_of(address: usize) -> usize {
        const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;
        let hash = (address as u64).wrapping_mul(GOLDEN);
        // The top 6 bits: below `FIELD_SLOTS`.
        (hash >> (64 - FIELD_SLOTS.trailing_zeros())) as usize
    }

    /// [`find`](Self::find) past the first two slots: the next few, then
    /// writing the text (and keeping it in the first empty one).
    #[cold]
    fn find_further(&mut self, text: &mut Vec<u8>, name: &'static str, first: usize) -> (u32, u32) {
        let address = name.as_ptr().addr();
        let start = u32::try_from(text.len()).unwrap_or(u32::MAX);
        let len = u32::try_from(name.len() + 1).unwrap_or(u32::MAX);
        for probe in 0..FIELD_PROBES {
            let slot = &mut self.slots[(first + probe) % FIELD_SLOTS];
            if slot.0 == address && slot.1 == name.len() {
                return (slot.2, len);
            }
            if *slot == (0, 0, 0) {
                *slot = (address, name.len(), start);
                break;
            }
        }
        text.push(b'.');
        text.extend_from_slice(name.as_bytes());
        (start, len)
    }
}

/// Writes `segment` at the end of `text` as its `Display` does (`.name`,
/// `[i]`, `.*`), without the formatting machinery: every edge's path is
/// written as the edge is found, so this is on the walk's hot path.
#[inline]
pub(super) fn push_segment(text: &mut Vec<u8>, segment: Segment) {
    match segment {
        Segment::Field(name) => {
            text.push(b'.');
            text.extend_from_slice(name.as_bytes());
        }
        Segment::Index(index) => push_index(text, index),
        Segment::Deref => text.extend_from_slice(b".*"),
    }
}

/// Writes `[index]` at the end of `text`.
#[inline]
fn push_index(text: &mut Vec<u8>, index: usize) {
    let len = text.len();
    // A copy of a known size is a few stores, where one of the text's
    // length is a call: a small index's text is copied from the shared
    // texts with whatever follows it, then cut to its length.
    if let Some((start, index_len)) = index_text::span(index) {
        let start = start as usize;
        text.extend_from_slice(&index_text::TEXT.as_bytes()[start..start + index_text::COPY_LEN]);
        text.truncate(len + index_len as usize);
        return;
    }
    // Room for the longest (a `usize` has at most 20 digits) is made with
    // one fixed-size copy, the text is written into it, and the rest is
    // cut off. Written in place, byte by byte: digits put together in a
    // buffer first and then copied would be read back wider than they were
    // written, which the processor cannot forward from its store buffer
    // and stalls on.
    const LONGEST: usize = 22;
    text.extend_from_slice(&[b' '; LONGEST]);
    let written = index_text::write_index_text(&mut text[len..], index);
    text.truncate(len + written);
}

/// The text from `start` to `end` of the graph's text, as an edge stores
/// it: where it starts and how long it is.
#[inline]
pub(super) fn text_range(start: usize, end: usize) -> (u32, u32) {
    (
        u32::try_from(start).unwrap_or(u32::MAX),
        u32::try_from(end - start).unwrap_or(0),
    )
}

#[cfg(test)]
mod tests;
