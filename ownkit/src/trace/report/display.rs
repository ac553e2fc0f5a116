//! The report as text: the indented tree of `Display`, with or without
//! addresses, and the short summary of `Debug`.

use alloc_crate::string::String;
use core::fmt;

use super::DropReport;
use super::storage::{FreedRecord, Item};
use crate::abridged::{Abridged, SHOWN, blocks};

impl DropReport {
    fn write(&self, f: &mut fmt::Formatter<'_>, addresses: bool) -> fmt::Result {
        for item in self.top_items.of(&self.items) {
            match *item {
                Item::Node(root) => {
                    self.write_node_line(f, root as usize, addresses)?;
                    self.write_children(f, root as usize, addresses)?;
                }
                Item::Freed(index) => {
                    self.write_freed(f, &self.freed[index as usize], addresses)?;
                    writeln!(f)?;
                }
            }
        }
        for anomaly in &self.anomalies {
            writeln!(f, "anomaly: {anomaly}")?;
        }
        for block in self.never_freed_records() {
            write!(
                f,
                "never freed: {} bytes (align {}), acquired during the capture",
                block.size, block.align
            )?;
            if addresses {
                write!(f, " @ {:#x}", block.address)?;
            }
            writeln!(f)?;
        }
        if self.lost > 0 {
            writeln!(f, "lost: {} events", self.lost)?;
        }
        Ok(())
    }

    fn write_node_line(
        &self,
        f: &mut fmt::Formatter<'_>,
        node: usize,
        addresses: bool,
    ) -> fmt::Result {
        let record = &self.nodes[node];
        f.write_str(&self.node(node).head())?;
        if addresses {
            write!(f, " @ {:#x}", record.address)?;
        }
        if let Some(note) = record.note {
            write!(f, " ({})", self.text(note))?;
        }
        if let Some(reason) = record.uncertain {
            write!(f, " (uncertain: {})", self.text(reason))?;
        }
        writeln!(f)
    }

    /// Prints everything under `root`, one line per item, with an explicit
    /// stack rather than recursion: a chain of a million boxes prints
    /// without overflowing the call stack.
    fn write_children(
        &self,
        f: &mut fmt::Formatter<'_>,
        root: usize,
        addresses: bool,
    ) -> fmt::Result {
        // The indentation of the level being printed, made of `│   ` and
        // blank columns.
        let mut prefix = String::new();
        // Per open level: the items left to print, and the length of
        // `prefix` before the level's column was added.
        let mut levels = alloc_crate::vec![(self.items_of(root).iter(), 0)];
        while let Some((items, _)) = levels.last_mut() {
            let Some(&item) = items.next() else {
                let (_, kept) = levels.pop().unwrap_or_default();
                prefix.truncate(kept);
                continue;
            };
            let last = items.len() == 0;
            f.write_str(&prefix)?;
            f.write_str(if last { "└── " } else { "├── " })?;
            match item {
                Item::Node(child) => {
                    self.write_node_line(f, child as usize, addresses)?;
                    let kept = prefix.len();
                    prefix.push_str(if last { "    " } else { "│   " });
                    levels.push((self.items_of(child as usize).iter(), kept));
                }
                Item::Freed(index) => {
                    self.write_freed(f, &self.freed[index as usize], addresses)?;
                    writeln!(f)?;
                }
            }
        }
        Ok(())
    }
}

impl DropReport {
    /// One freed block's line (`freed 16 bytes (align 8)`), with the
    /// field it hung at first if the owner announced it
    /// (`name: freed 5 bytes (align 1)`).
    fn write_freed(
        &self,
        f: &mut fmt::Formatter<'_>,
        freed: &FreedRecord,
        addresses: bool,
    ) -> fmt::Result {
        if let Some(step) = freed.step {
            let step = self.text(step);
            write!(f, "{}: ", step.strip_prefix('.').unwrap_or(step))?;
        }
        write!(f, "freed {} bytes (align {})", freed.size, freed.align)?;
        if addresses {
            write!(f, " @ {:#x}", freed.address)?;
        }
        Ok(())
    }
}

impl fmt::Display for DropReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, false)
    }
}

/// [`DropReport::with_addresses`]'s display.
pub(super) struct WithAddresses<'r>(pub(super) &'r DropReport);

impl fmt::Display for WithAddresses<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write(f, true)
    }
}

impl fmt::Debug for DropReport {
    /// A summary: how many values dropped and blocks were freed, the
    /// first few paths, and whether the report is certain. `Display` is
    /// the whole tree.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let freed_bytes: usize = self.freed.iter().map(|block| block.size).sum();
        let mut summary = f.debug_struct("DropReport");
        summary
            .field("drops", &self.nodes.len())
            .field(
                "freed",
                &format_args!("{}", blocks(self.freed.len(), freed_bytes)),
            )
            .field(
                "paths",
                &Abridged {
                    first: (0..self.nodes.len().min(SHOWN))
                        .map(|node| self.path_of(node))
                        .collect(),
                    total: self.nodes.len(),
                },
            )
            .field("certain", &self.is_certain());
        if !self.anomalies.is_empty() {
            summary.field("anomalies", &self.anomalies.len());
        }
        if self.lost > 0 {
            summary.field("lost_events", &self.lost);
        }
        summary.finish()
    }
}
