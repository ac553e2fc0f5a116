//! `Serialize` for [`DropReport`]: its drops, its freed blocks, the two
//! interleaved in order, the heap's events and the anomalies (see the
//! shape in `export/mod.rs`).

use alloc_crate::string::String;
use alloc_crate::vec::Vec;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, SerializeStruct, Serializer};

use crate::trace::{Anomaly, DropNode, DropReport, HeapEvent, HeapEventKind, Moment};

impl Serialize for DropReport {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let story = self.story();
        let paths = self.paths();
        let mut out = serializer.serialize_struct("DropReport", 7)?;
        out.serialize_field("certain", &self.is_certain())?;
        out.serialize_field("lost_events", &self.lost_events())?;
        out.serialize_field(
            "drops",
            &Drops {
                story: &story,
                paths: &paths,
            },
        )?;
        out.serialize_field(
            "freed",
            &Freed {
                story: &story,
                paths: &paths,
            },
        )?;
        out.serialize_field("story", &Story(&story))?;
        out.serialize_field("heap", &Heap(self))?;
        out.serialize_field("anomalies", &Anomalies(self))?;
        out.end()
    }
}

/// The values of a story, in the order their drops began.
struct Drops<'s, 'r> {
    story: &'s [Moment<'r>],
    paths: &'s [String],
}

impl Serialize for Drops<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut nodes: Vec<&DropNode<'_>> = self
            .story
            .iter()
            .filter_map(|moment| match moment {
                Moment::Dropped(node) => Some(node),
                Moment::Freed { .. } => None,
            })
            .collect();
        nodes.sort_by_key(|node| node.order());
        let mut out = serializer.serialize_seq(Some(nodes.len()))?;
        for node in nodes {
            out.serialize_element(&DropEntry {
                node,
                path: &self.paths[node.order()],
            })?;
        }
        out.end()
    }
}

struct DropEntry<'n, 'r> {
    node: &'n DropNode<'r>,
    path: &'n str,
}

impl Serialize for DropEntry<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let node = self.node;
        let mut out = serializer.serialize_struct("Drop", 9)?;
        out.serialize_field("id", &node.order())?;
        out.serialize_field("parent", &node.parent().map(|parent| parent.order()))?;
        out.serialize_field("path", self.path)?;
        out.serialize_field("label", node.label())?;
        out.serialize_field("type", node.type_name())?;
        out.serialize_field("scope", &node.is_scope())?;
        out.serialize_field("address", &node.address())?;
        out.serialize_field("uncertain", &node.uncertain())?;
        out.serialize_field("note", &node.note())?;
        out.end()
    }
}

/// The blocks of a story that were freed, in order.
struct Freed<'s, 'r> {
    story: &'s [Moment<'r>],
    paths: &'s [String],
}

impl Serialize for Freed<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_seq(None)?;
        for moment in self.story {
            if let Moment::Freed {
                owner,
                step,
                size,
                align,
                address,
            } = moment
            {
                let mut path = owner
                    .map(|owner| self.paths[owner.order()].clone())
                    .unwrap_or_default();
                path.push_str(step);
                out.serialize_element(&FreedEntry {
                    owner: owner.map(|owner| owner.order()),
                    path,
                    size: *size,
                    align: *align,
                    address: *address,
                })?;
            }
        }
        out.end()
    }
}

struct FreedEntry {
    owner: Option<usize>,
    path: String,
    size: usize,
    align: usize,
    address: usize,
}

impl Serialize for FreedEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Freed", 5)?;
        out.serialize_field("owner", &self.owner)?;
        out.serialize_field("path", &self.path)?;
        out.serialize_field("size", &self.size)?;
        out.serialize_field("align", &self.align)?;
        out.serialize_field("address", &self.address)?;
        out.end()
    }
}

/// Drops and frees interleaved, as `{"drop": id}` and `{"freed": index}`.
struct Story<'s, 'r>(&'s [Moment<'r>]);

impl Serialize for Story<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_seq(Some(self.0.len()))?;
        let mut freed = 0_usize;
        for moment in self.0 {
            let entry = match moment {
                Moment::Dropped(node) => ("drop", node.order()),
                Moment::Freed { .. } => {
                    freed += 1;
                    ("freed", freed - 1)
                }
            };
            out.serialize_element(&OneEntry(entry.0, entry.1))?;
        }
        out.end()
    }
}

/// A map of one entry.
struct OneEntry(&'static str, usize);

impl Serialize for OneEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_map(Some(1))?;
        out.serialize_entry(self.0, &self.1)?;
        out.end()
    }
}

struct Heap<'r>(&'r DropReport);

impl Serialize for Heap<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let events = self.0.heap_events();
        let mut out = serializer.serialize_seq(Some(events.len()))?;
        for event in &events {
            out.serialize_element(&HeapEntry(event))?;
        }
        out.end()
    }
}

struct HeapEntry<'e>(&'e HeapEvent);

impl Serialize for HeapEntry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let event = self.0;
        let mut out = serializer.serialize_map(None)?;
        match event.kind {
            HeapEventKind::Acquired => out.serialize_entry("event", "acquired")?,
            HeapEventKind::Released => out.serialize_entry("event", "released")?,
            HeapEventKind::Resized { from, from_size } => {
                out.serialize_entry("event", "resized")?;
                out.serialize_entry("from", &from)?;
                out.serialize_entry("from_size", &from_size)?;
            }
        }
        out.serialize_entry("size", &event.size)?;
        out.serialize_entry("align", &event.align)?;
        out.serialize_entry("address", &event.address)?;
        out.serialize_entry("path", &event.path)?;
        out.end()
    }
}

struct Anomalies<'r>(&'r DropReport);

impl Serialize for Anomalies<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let anomalies = self.0.anomalies();
        let mut out = serializer.serialize_seq(Some(anomalies.len()))?;
        for anomaly in anomalies {
            out.serialize_element(&AnomalyEntry(anomaly))?;
        }
        out.end()
    }
}

struct AnomalyEntry<'r>(&'r Anomaly);

impl Serialize for AnomalyEntry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Anomaly", 2)?;
        out.serialize_field("path", self.0.path())?;
        out.serialize_field("message", &alloc_crate::string::ToString::to_string(self.0))?;
        out.end()
    }
}
