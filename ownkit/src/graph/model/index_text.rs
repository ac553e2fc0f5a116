//! The texts `[0]` to `[1023]`, side by side in one string that every
//! graph shares, built at compile time.
//!
//! An edge whose path is one small index (an element of a buffer of a
//! thousand or so) points into it instead of into its graph's own text,
//! so a graph writes no text for those edges at all: a `Vec` of a
//! thousand `Rc`s would otherwise write a thousand texts at every walk.
//! Longer paths that start with such an index copy it from here in one
//! fixed-size copy, not digit by digit. It takes 7 KiB of read-only data.

/// How many indices have a text here: `0..SHARED_INDICES`.
pub(in crate::graph) const SHARED_INDICES: usize = 1024;

/// How many bytes a fixed-size copy of a text takes: at least the longest
/// text, so that a copy of this many bytes from a text's start holds it
/// all (the string ends with that much padding, see [`TEXT`]).
pub(in crate::graph) const COPY_LEN: usize = 8;

/// Where each text starts in [`TEXT`], and at the end where the last one
/// ends: `[i]` is `TEXT[STARTS[i]..STARTS[i + 1]]`.
static STARTS: [u16; SHARED_INDICES + 1] = starts();

/// The texts, then [`COPY_LEN`] bytes of padding. Checked to be UTF-8 at
/// compile time (it is ASCII).
pub(in crate::graph) static TEXT: &str = match core::str::from_utf8(&BYTES) {
    Ok(text) => text,
    Err(_) => panic!("the index texts are ASCII"),
};

/// How many bytes the texts take, padding aside.
const TEXT_LEN: usize = starts()[SHARED_INDICES] as usize;

/// The bytes of [`TEXT`].
const BYTES: [u8; TEXT_LEN + COPY_LEN] = bytes();

/// Where `[index]` is in [`TEXT`] (start and length), if it is there.
#[inline]
pub(in crate::graph) fn span(index: usize) -> Option<(u32, u32)> {
    if index >= SHARED_INDICES {
        return None;
    }
    let (start, end) = (STARTS[index], STARTS[index + 1]);
    Some((u32::from(start), u32::from(end - start)))
}

/// How long the text `[index]` is: the brackets and the digits.
const fn text_len(index: usize) -> usize {
    let mut len = 3;
    let mut rest = index / 10;
    while rest > 0 {
        len += 1;
        rest /= 10;
    }
    len
}

/// Writes `[index]` at the start of `bytes`, digits from the right, and
/// says how long it is: both the shared texts (at compile time) and the
/// graph builder (for a larger index) write an index this way.
///
/// # Panics
///
/// If `bytes` is shorter than [`text_len`]`(index)`.
pub(in crate::graph) const fn write_index_text(bytes: &mut [u8], index: usize) -> usize {
    let len = text_len(index);
    bytes[0] = b'[';
    bytes[len - 1] = b']';
    let (mut place, mut rest) = (len - 1, index);
    loop {
        place -= 1;
        // A digit is below 10.
        bytes[place] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    len
}

/// [`STARTS`]: each text starts where the one before it ends.
const fn starts() -> [u16; SHARED_INDICES + 1] {
    let mut starts = [0_u16; SHARED_INDICES + 1];
    let mut index = 0;
    while index < SHARED_INDICES {
        let end = starts[index] as usize + text_len(index);
        assert!(end <= u16::MAX as usize, "the index texts fit a u16 offset");
        starts[index + 1] = end as u16;
        index += 1;
    }
    starts
}

/// [`BYTES`]: every text written where [`STARTS`] says; the padding is
/// left as spaces.
const fn bytes() -> [u8; TEXT_LEN + COPY_LEN] {
    let starts = starts();
    let mut bytes = [b' '; TEXT_LEN + COPY_LEN];
    let mut index = 0;
    while index < SHARED_INDICES {
        let (_, at_start) = bytes.split_at_mut(starts[index] as usize);
        write_index_text(at_start, index);
        index += 1;
    }
    bytes
}

#[cfg(test)]
mod tests;
