//! The report as a story: every drop and every freed block, one after the
//! other in the order they happened, for the pictures (`graph/render/`)
//! that draw a capture and step through it.
//!
//! Drops nest, so the order is the tree's own: a value's drop begins, then
//! what happened inside it, in order, before the next value's. A walk of
//! the items depth first, in order, tells the story.

use alloc_crate::vec::Vec;

use super::storage::Item;
use super::{DropNode, DropReport};

/// One thing that happened during a capture.
#[derive(Clone, Debug)]
pub(crate) enum Moment<'r> {
    /// A value's drop began.
    Dropped(DropNode<'r>),
    /// A heap block of `size` bytes went back to the allocator, freed by
    /// the drop of `owner` (if any) through the field at `step` (`.name`;
    /// empty for the owner's own block). Its path is not built here: that
    /// costs the depth of the tree per block.
    Freed {
        owner: Option<DropNode<'r>>,
        step: &'r str,
        size: usize,
        align: usize,
    },
}

impl DropReport {
    /// Everything the capture recorded, in the order it happened. Walks
    /// with an explicit stack, so a chain of a million drops does not
    /// overflow the call stack.
    pub(crate) fn story(&self) -> Vec<Moment<'_>> {
        let mut story = Vec::with_capacity(self.nodes.len() + self.freed.len());
        // Per open level: its owner, and the items left to tell.
        let mut levels = alloc_crate::vec![(None, self.top_items.of(&self.items).iter())];
        while let Some((owner, items)) = levels.last_mut() {
            let owner = *owner;
            let Some(&item) = items.next() else {
                levels.pop();
                continue;
            };
            match item {
                Item::Node(index) => {
                    let node = self.node(index as usize);
                    story.push(Moment::Dropped(node));
                    levels.push((Some(node), self.items_of(index as usize).iter()));
                }
                Item::Freed(index) => {
                    let record = self.freed[index as usize];
                    story.push(Moment::Freed {
                        owner,
                        step: record.step.map_or("", |step| self.text(step)),
                        size: record.size,
                        align: record.align,
                    });
                }
            }
        }
        story
    }
}

impl<'r> DropNode<'r> {
    /// The value's number in the order the drops began, from 0.
    pub(crate) fn order(&self) -> usize {
        self.index
    }

    /// The node it dropped inside of, or `None` for a root.
    pub(crate) fn parent(&self) -> Option<DropNode<'r>> {
        self.record()
            .parent
            .map(|parent| self.report.node(parent as usize))
    }

    /// The path from its parent (`.b.*`, `[0]`), or a root's whole path.
    pub(crate) fn step(&self) -> &'r str {
        self.report.text(self.record().step)
    }

    /// The remark the tree prints after its label, such as an `Rc` that
    /// was not the last owner.
    pub(crate) fn note(&self) -> Option<&'r str> {
        self.record().note.map(|note| self.report.text(note))
    }
}
