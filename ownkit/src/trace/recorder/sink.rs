//! Where records go: one process-wide sink, shared by every running
//! capture, and the scope of one capture.
//!
//! Each record is tagged with the id of the capture it belongs to; the
//! thread's current capture id lives in the observation layer's per-thread
//! state (`observe::thread`), so that the recorder reads it in the same
//! thread-local lookup as the leak check does. When a capture ends it takes
//! its own records back out, in order; nothing of it stays behind.
//!
//! # Never panicking
//!
//! Records are written during unwinding and at thread exit. So a poisoned
//! lock is used anyway (the sink is a plain `Vec`, valid whatever
//! panicked), and a record that cannot be stored for lack of memory is
//! counted as lost instead.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::vec::Vec;

use crate::hasher::AddressHasher;
use crate::observe::{self, thread::ThreadState};
use crate::trace::event::{Event, Record};
use crate::walk::path::PathStack;

/// The most records whose buffer the sink keeps between captures (32 MiB
/// on 64-bit targets): enough that a test capturing a large structure
/// again and again does not grow, copy and fault in a fresh buffer each
/// time, small enough not to hold on to a huge one for good.
const KEPT_RECORDS: usize = 1 << 20;

/// Every capture's records, and the table of type names they refer to.
static SINK: Mutex<Sink> = Mutex::new(Sink {
    records: Vec::new(),
    names: Vec::new(),
    name_ids: NameIds::with_hasher(core::hash::BuildHasherDefault::new()),
    last_name: None,
    next_capture: 1,
    scopes: PathStack::new(),
});

/// Type names by the address and length of their text (the same text at
/// two addresses gets two entries, which the rebuild compares by content).
type NameIds = HashMap<(usize, usize), u32, core::hash::BuildHasherDefault<AddressHasher>>;

#[derive(Debug)]
pub(super) struct Sink {
    /// The records of all running captures, interleaved, in order.
    records: Vec<Record>,
    /// Type names, indexed by `Record::name`. Never shrinks: there are only
    /// as many as there are traced types.
    names: Vec<&'static str>,
    // INVARIANT: `name_ids[(p, l)] == i` implies `names[i]` is the text at
    // `p` of length `l`; both are only extended together, in `name_id`.
    name_ids: NameIds,
    /// The name looked up last, with its id: a drop names its own type and
    /// then its traced fields', which are often the same type (a tree's
    /// children, a list's next node), so this spares most hash lookups.
    // INVARIANT: `Some((p, l, i))` implies `name_ids[(p, l)] == i`.
    last_name: Option<(usize, usize, u32)>,
    /// The id the next capture gets; never 0.
    next_capture: u32,
    /// The scope stack of the recorder's walker, kept here between drops
    /// so that its memory is allocated once, not once per drop.
    scopes: PathStack<()>,
}

impl Sink {
    /// The index of `name` in the name table, adding it if needed; `None`
    /// when there is no memory for a new entry.
    fn name_id(&mut self, name: &'static str) -> Option<u32> {
        let key = (name.as_ptr().addr(), name.len());
        if let Some((address, len, id)) = self.last_name
            && (address, len) == key
        {
            return Some(id);
        }
        if let Some(&id) = self.name_ids.get(&key) {
            self.last_name = Some((key.0, key.1, id));
            return Some(id);
        }
        let id = u32::try_from(self.names.len()).ok()?;
        self.names.try_reserve(1).ok()?;
        self.name_ids.try_reserve(1).ok()?;
        self.names.push(name);
        self.name_ids.insert(key, id);
        debug_assert_eq!(
            self.names.len(),
            self.name_ids.len(),
            "the name table and its index disagree"
        );
        Some(id)
    }

    /// Moves the records of capture `id` out of the sink, in order.
    fn take_records(&mut self, id: u32) -> Vec<Record> {
        if self.records.iter().all(|record| record.capture == id) {
            // The usual case, one capture at a time: hand over the whole
            // buffer.
            return core::mem::take(&mut self.records);
        }
        let mut mine = Vec::new();
        self.records.retain(|record| {
            if record.capture == id {
                mine.push(*record);
                false
            } else {
                true
            }
        });
        mine
    }
}

/// The sink, whether or not a panic poisoned its lock: every operation on
/// it leaves a valid `Vec`, so a panic in between cannot leave it broken.
fn lock_sink() -> MutexGuard<'static, Sink> {
    SINK.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Returns a capture's emptied buffer to the sink for the next capture,
/// if the sink has none as large and the buffer is not too large to keep.
pub(super) fn give_back(mut records: Vec<Record>) {
    if records.capacity() > KEPT_RECORDS {
        return;
    }
    let mut sink = lock_sink();
    if sink.records.is_empty() && sink.records.capacity() < records.capacity() {
        records.clear();
        sink.records = records;
    }
}

/// A running capture: restores the thread's previous capture and takes the
/// capture's records out of the sink when it ends, unwinding included.
#[derive(Debug)]
pub(super) struct CaptureScope {
    id: u32,
    previous: u32,
    previous_lost: usize,
    closed: bool,
}

impl CaptureScope {
    /// Starts a capture on this thread; the recorder must be attached.
    pub(super) fn open() -> Self {
        let id = {
            let mut sink = lock_sink();
            let id = sink.next_capture;
            sink.next_capture = sink.next_capture.checked_add(1).unwrap_or(1);
            id
        };
        let (previous, previous_lost) =
            observe::thread::with(|thread| (thread.capture.replace(id), thread.lost.replace(0)))
                .unwrap_or((0, 0));
        observe::open();
        // Whether values should announce their heap blocks: a tracking
        // allocator reports their releases.
        observe::heap::probe();
        Self {
            id,
            previous,
            previous_lost,
            closed: false,
        }
    }

    /// Ends the capture: its records, the name table and the lost count.
    pub(super) fn close(mut self) -> (Vec<Record>, Vec<&'static str>, usize) {
        self.closed = true;
        let lost = self.detach();
        let mut sink = lock_sink();
        let records = sink.take_records(self.id);
        (records, sink.names.clone(), lost)
    }

    /// Stops recording for this capture; returns how many records it lost.
    fn detach(&self) -> usize {
        let lost = observe::thread::with(|thread| {
            debug_assert_eq!(
                thread.capture.get(),
                self.id,
                "captures must end in the reverse order they started"
            );
            thread.capture.set(self.previous);
            thread.lost.replace(self.previous_lost)
        })
        .unwrap_or(0);
        observe::close();
        lost
    }
}

impl Drop for CaptureScope {
    fn drop(&mut self) {
        if !self.closed {
            // Unwinding out of the closure: drop what was recorded.
            self.detach();
            drop(lock_sink().take_records(self.id));
        }
    }
}

/// The sink, locked for one drop's worth of records of one capture.
pub(super) struct Session {
    sink: MutexGuard<'static, Sink>,
    capture: u32,
    /// Records that could not be stored, added to the thread's lost count
    /// when the session ends.
    lost: usize,
}

impl Session {
    /// Appends an event whose record names the type `name`.
    pub(super) fn push(&mut self, name: &'static str, event: Event) {
        let Some(name) = self.sink.name_id(name) else {
            self.lost += 1;
            return;
        };
        self.push_named(name, event);
    }

    /// Appends an event whose record names the type with id `name` (0 for
    /// events that name none).
    pub(super) fn push_named(&mut self, name: u32, event: Event) {
        if self.sink.records.try_reserve(1).is_err() {
            self.lost += 1;
            return;
        }
        self.sink.records.push(Record {
            capture: self.capture,
            name,
            event,
        });
    }

    /// Counts one record that could not be stored.
    pub(super) fn count_lost(&mut self) {
        self.lost += 1;
    }

    /// Lends the walker's scope stack out, empty (see `Sink::scopes`).
    pub(super) fn take_scopes(&mut self) -> PathStack<()> {
        core::mem::take(&mut self.sink.scopes)
    }

    /// Takes the walker's scope stack back, emptied but with its memory.
    pub(super) fn give_back_scopes(&mut self, mut scopes: PathStack<()>) {
        scopes.clear();
        self.sink.scopes = scopes;
    }
}

/// Runs `f` with the sink locked for the capture running on `thread`, if
/// any. `thread` must be marked busy by the caller (`observe` does that
/// for the observer's events, `record` for the derived types' own), so
/// that a drop run by `f` itself cannot come back here and deadlock.
pub(super) fn with_session(thread: &ThreadState, f: impl FnOnce(&mut Session)) {
    let capture = thread.capture.get();
    if capture == 0 {
        return;
    }
    let mut session = Session {
        sink: lock_sink(),
        capture,
        lost: 0,
    };
    f(&mut session);
    let lost = session.lost;
    drop(session);
    count_lost(thread, lost);
}

/// Counts `count` records of the capture running on `thread` as lost.
pub(super) fn count_lost(thread: &ThreadState, count: usize) {
    if count > 0 && thread.capture.get() != 0 {
        thread.lost.set(thread.lost.get().saturating_add(count));
    }
}

/// Runs `f` as the recorder on this thread, with the sink locked for the
/// thread's capture, unless an observer is already at work on this thread
/// (then one record is counted as lost).
pub(super) fn record(f: impl FnOnce(&mut Session)) {
    observe::thread::as_observer(
        |thread| with_session(thread, f),
        |thread| count_lost(thread, 1),
    );
}
