//! How an edge's path is written into the graph's text: as bytes, never
//! through the formatting machinery, and, for the paths most edges have
//! (one field, one small index), only once per graph.
//!
//! Every edge's path is written as the edge is found, so this is on the
//! walk's hot path; `Edge::path()` then reads it back as a `&str`.

use alloc_crate::vec::Vec;

use crate::walk::Segment;

/// Field names whose path text (`.name`) the graph's text already holds,
/// found by the name's address: an edge whose path is one field, as most
/// are, then writes nothing. A graph has few field names.
pub(super) struct FieldTexts {
    /// `(address and length of the name, where its text starts)`, at a
    /// slot picked by the address; `(0, 0, 0)` when empty.
    slots: [(usize, usize, u32); 64],
}

impl FieldTexts {
    pub(super) const EMPTY: Self = Self {
        slots: [(0, 0, 0); 64],
    };

    /// Where `text` holds `.name`, written now if it does not yet.
    #[inline]
    pub(super) fn find(&mut self, text: &mut Vec<u8>, name: &'static str) -> (u32, u32) {
        let address = name.as_ptr().addr();
        let slot = &mut self.slots[(address ^ address >> 6) % 64];
        let len = u32::try_from(name.len() + 1).unwrap_or(u32::MAX);
        if slot.0 == address && slot.1 == name.len() {
            return (slot.2, len);
        }
        Self::write(slot, text, name)
    }

    /// Writes `.name` at the end of `text`, and remembers where in `slot`.
    #[cold]
    fn write(slot: &mut (usize, usize, u32), text: &mut Vec<u8>, name: &'static str) -> (u32, u32) {
        let start = u32::try_from(text.len()).unwrap_or(u32::MAX);
        text.push(b'.');
        text.extend_from_slice(name.as_bytes());
        *slot = (name.as_ptr().addr(), name.len(), start);
        (start, u32::try_from(name.len() + 1).unwrap_or(u32::MAX))
    }
}

/// The texts `[i]` of small indices that the graph's text already holds:
/// small buffers (a node's children, a short list) have their elements at
/// the same few indices, so each text is written once per graph.
pub(super) struct IndexTexts {
    /// Where `[i]` starts in the text, for `i` below 64; `u32::MAX` until
    /// it is written.
    starts: [u32; 64],
}

impl IndexTexts {
    pub(super) const EMPTY: Self = Self {
        starts: [u32::MAX; 64],
    };

    /// Where `text` holds `[index]`, written now if it does not yet.
    #[inline]
    pub(super) fn find(&mut self, text: &mut Vec<u8>, index: usize) -> (u32, u32) {
        let start = text.len();
        match self.starts.get_mut(index) {
            Some(known) if *known != u32::MAX => {
                // `[`, one or two digits, `]`.
                let len = if index < 10 { 3 } else { 4 };
                (*known, len)
            }
            Some(known) => {
                push_index(text, index);
                *known = u32::try_from(start).unwrap_or(u32::MAX);
                text_range(start, text.len())
            }
            None => {
                push_index(text, index);
                text_range(start, text.len())
            }
        }
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
    // `[`, the decimal digits of a `usize` (at most 20) and `]`, filled
    // from the right into the first half of a buffer; then 22 bytes from
    // the `[` on are copied and cut to the length: a copy of a known size
    // is a few stores, where one of the text's length is a call.
    const TEXT: usize = 22;
    let mut bytes = [b']'; 2 * TEXT];
    let mut start = TEXT - 1;
    let mut rest = index;
    loop {
        start -= 1;
        // A digit is below 10.
        bytes[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    start -= 1;
    bytes[start] = b'[';
    let len = text.len();
    text.extend_from_slice(&bytes[start..start + TEXT]);
    text.truncate(len + TEXT - start);
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
