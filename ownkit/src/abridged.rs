//! A long list shown short: the first few entries, then how many more.
//! What the summaries of `Debug` print for a report, a graph or a leak
//! check, so that `check.finish().unwrap()` in a failing test prints a few
//! readable lines rather than the storage.

use alloc_crate::string::String;
use alloc_crate::vec::Vec;
use core::fmt;

/// How many entries a summary shows.
pub(crate) const SHOWN: usize = 4;

/// The first entries of a list of `total`, shown as a list with `… N
/// more` after them.
pub(crate) struct Abridged {
    pub(crate) first: Vec<String>,
    pub(crate) total: usize,
}

impl fmt::Debug for Abridged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        list.entries(&self.first);
        let more = self.total.saturating_sub(self.first.len());
        if more > 0 {
            list.entry(&format_args!("… {more} more"));
        }
        list.finish()
    }
}

/// `count` blocks and their `bytes`, in words: `1 block, 8 bytes`. The
/// summaries that count blocks (a drop report's, a leak check's) need
/// `std`.
#[cfg(feature = "std")]
pub(crate) fn blocks(count: usize, bytes: usize) -> String {
    alloc_crate::format!(
        "{count} {}, {bytes} bytes",
        if count == 1 { "block" } else { "blocks" }
    )
}
