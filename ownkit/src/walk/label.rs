//! The text of a label handed to [`Walker::label`](super::Walker::label):
//! a value's `Debug` output, made fit for one line of a graph or a drop
//! report.
//!
//! The drop recorder and the ownership graph both turn a label into text
//! the same way, here: the `Debug` output, with every control character
//! written as its escape (`\n`, `\u{1b}`), so that a hand-written `Debug`
//! cannot break a line of text or an SVG file, cut after
//! [`LABEL_CHARS`] characters, with `…` after it when something was cut.
//! Formatting stops as soon as the text is full, so a label on a long
//! vector costs no more than one on a short one.
//!
//! The text is made into a buffer on the stack, [`LabelText`]: no
//! allocation, so the drop recorder can use it inside a `Drop` impl.

use core::fmt::{self, Write};

/// How many characters of a label's text are kept.
pub(crate) const LABEL_CHARS: usize = 32;

/// The most bytes a label's text takes: [`LABEL_CHARS`] characters of up
/// to four bytes, and the `…` that marks a cut.
const LABEL_BYTES: usize = LABEL_CHARS * 4 + '…'.len_utf8();

/// A value's label text, made on the stack.
pub(crate) struct LabelText {
    bytes: [u8; LABEL_BYTES],
    // INVARIANT: `bytes[..len]` is UTF-8: only whole characters are
    // written, by `push`.
    len: usize,
}

impl LabelText {
    /// The label text of `value`: its `Debug` output, control characters
    /// escaped, cut after [`LABEL_CHARS`] characters with `…`.
    pub(crate) fn of(value: &dyn fmt::Debug) -> Self {
        let mut text = Self {
            bytes: [0; LABEL_BYTES],
            len: 0,
        };
        let mut writer = Writer {
            text: &mut text,
            chars: 0,
            cut: false,
        };
        // An error is the writer saying it is full (or the value's `Debug`
        // failing): what was written so far is the text either way.
        let _ = write!(writer, "{value:?}");
        if writer.cut {
            text.push('…');
        }
        text
    }

    /// The text.
    pub(crate) fn as_str(&self) -> &str {
        // Only whole characters were written (see `len`), so this never
        // fails; an empty text stands in for the impossible.
        core::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }

    /// Appends one character; the writer never lets the text outgrow the
    /// buffer, and a character that would not fit is dropped.
    fn push(&mut self, character: char) {
        let end = self.len + character.len_utf8();
        if let Some(room) = self.bytes.get_mut(self.len..end) {
            character.encode_utf8(room);
            self.len = end;
        }
    }
}

impl fmt::Debug for LabelText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("LabelText").field(&self.as_str()).finish()
    }
}

/// What `Debug` writes to: escapes control characters, counts characters,
/// and refuses more once the text is full.
struct Writer<'t> {
    text: &'t mut LabelText,
    /// How many characters the text holds.
    chars: usize,
    /// Whether something was refused for lack of room.
    cut: bool,
}

impl Writer<'_> {
    fn put(&mut self, character: char) -> fmt::Result {
        if self.chars == LABEL_CHARS {
            self.cut = true;
            return Err(fmt::Error);
        }
        self.text.push(character);
        self.chars += 1;
        Ok(())
    }
}

impl Write for Writer<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        for character in text.chars() {
            if character.is_control() {
                for escaped in character.escape_default() {
                    self.put(escaped)?;
                }
            } else {
                self.put(character)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
