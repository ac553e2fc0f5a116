//! `Serialize` for [`LeakReport`]: the blocks that leaked and the cycles
//! that keep them (see the shape in [the module's docs](super)).

use serde::ser::{Serialize, SerializeSeq, SerializeStruct, Serializer};

use crate::graph::{LeakReport, LeakedBlock};
use crate::walk::PointerKind;

impl Serialize for LeakReport {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("LeakReport", 5)?;
        out.serialize_field("exact", &self.is_exact())?;
        out.serialize_field("leaked", &LeakedBlocks(self))?;
        out.serialize_field("cycles", self.cycles())?;
        out.serialize_field("unverified_cycles", self.unverified_cycles())?;
        out.serialize_field("unrecorded", &self.unrecorded())?;
        out.end()
    }
}

struct LeakedBlocks<'r>(&'r LeakReport);

impl Serialize for LeakedBlocks<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let blocks = self.0.leaked();
        let mut out = serializer.serialize_seq(Some(blocks.len()))?;
        for block in blocks {
            out.serialize_element(&LeakedEntry(block))?;
        }
        out.end()
    }
}

struct LeakedEntry<'r>(&'r LeakedBlock);

impl Serialize for LeakedEntry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let block = self.0;
        let mut out = serializer.serialize_struct("Leaked", 4)?;
        out.serialize_field("type", &block.type_name())?;
        out.serialize_field("kind", &block.kind().map(PointerKind::display_name))?;
        out.serialize_field("size", &block.size())?;
        out.serialize_field("path", &block.path())?;
        out.end()
    }
}
