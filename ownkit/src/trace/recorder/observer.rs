//! The recorder as an observer: what ownkit's pointers and arenas report
//! through the observation layer, written down for the thread's capture.
//!
//! A pointer's drop is a `PointerBegin`, the drops of what it owns, maybe a
//! `Free` of its block, and an `End`. With the tracking allocator
//! installed, every block the thread acquires, releases or resizes is
//! recorded too. The pointers themselves only report
//! "a drop begins", "a block is freed", "the drop ends" to `observe`; this
//! file turns those into records.

use crate::observe::thread::ThreadState;
use crate::observe::{Block, DropEnd, Missed, Observer, PointerInfo, PointerKind};
use crate::trace::event::Event;

use super::sink::{count_lost, with_session};

/// The drop recorder, as the observation layer knows it.
#[derive(Debug)]
pub(super) struct DropRecorder;

/// The one recorder, attached when the first capture starts.
pub(super) static RECORDER: DropRecorder = DropRecorder;

/// The name the recorder attaches under.
pub(super) const NAME: &str = "drop recorder";

impl Observer for DropRecorder {
    /// Blocks are recorded when freed, under the pointer that frees them;
    /// a drop report has nothing to say about allocations.
    fn block_allocated(&self, _: &ThreadState, _: Block, _: PointerKind, _: &'static str) {}

    fn block_freed(&self, thread: &ThreadState, block: Block) {
        with_session(thread, |session| {
            let (address, size, align) = parts(block);
            session.push_named(
                0,
                Event::Free {
                    address,
                    size,
                    align,
                },
            );
        });
    }

    /// The heap's own events (the tracking allocator's), for the report's
    /// story of the heap and the blocks it never saw freed.
    fn heap_acquired(&self, thread: &ThreadState, block: Block) {
        with_session(thread, |session| session.push_named(0, acquire(block)));
    }

    fn heap_released(&self, thread: &ThreadState, block: Block) {
        with_session(thread, |session| {
            let (address, size, align) = parts(block);
            session.push_named(
                0,
                Event::Release {
                    address,
                    size,
                    align,
                },
            );
        });
    }

    fn heap_resized(&self, thread: &ThreadState, from: Block, to: Block) {
        with_session(thread, |session| {
            session.push_named(
                0,
                Event::Resized {
                    from: from.address,
                    from_size: from.size,
                },
            );
            session.push_named(0, acquire(to));
        });
    }

    fn drop_begins(&self, thread: &ThreadState, pointer: &PointerInfo) {
        with_session(thread, |session| {
            session.push(
                pointer.target_type,
                Event::PointerBegin {
                    address: pointer.address,
                    target: pointer.target,
                    kind: pointer.kind,
                    strong: u32::try_from(pointer.strong).unwrap_or(u32::MAX),
                    drops_target: pointer.drops_target(),
                },
            );
        });
    }

    fn drop_ends(&self, thread: &ThreadState, end: &DropEnd) {
        if thread.capture.get() != end.capture {
            // The begin went to a capture that has ended since.
            return;
        }
        with_session(thread, |session| {
            session.push_named(
                0,
                Event::End {
                    address: end.pointer,
                    kind: end.kind,
                },
            );
        });
    }

    /// A drop or a free of one of ownkit's blocks that happened inside an
    /// observer (a `Walk` impl that drops something, which it never should)
    /// is a record lost. Allocations, and the heap events of the
    /// observers' own buffers, are not the report's business.
    fn missed(&self, thread: &ThreadState, event: Missed) {
        match event {
            Missed::Free | Missed::Drop => count_lost(thread, 1),
            Missed::Allocation
            | Missed::HeapAcquired
            | Missed::HeapReleased(_)
            | Missed::HeapResized { .. } => {}
        }
    }
}

/// A block's address, size and alignment as a record stores them.
fn parts(block: Block) -> (usize, usize, u32) {
    let align = u32::try_from(block.align).unwrap_or(u32::MAX);
    (block.address, block.size, align)
}

/// The record of `block` acquired.
fn acquire(block: Block) -> Event {
    let (address, size, align) = parts(block);
    Event::Acquire {
        address,
        size,
        align,
    }
}
