//! Unit tests of the graph's storage: what a record keeps, and its size.

use alloc_crate::vec::Vec;

use super::{NodeKind, NodeRecord};
use crate::walk::PointerKind;

#[test]
#[cfg(target_pointer_width = "64")]
fn a_node_record_takes_48_bytes() {
    assert_eq!(size_of::<NodeRecord>(), 48);
}

#[test]
fn every_kind_comes_back_as_it_went_in() {
    let kinds = [
        NodeKind::Root,
        NodeKind::Value,
        NodeKind::Borrowed,
        NodeKind::Heap { size: 24, align: 8 },
        NodeKind::Buffer { size: 3, align: 1 },
        NodeKind::Shared {
            pointer: PointerKind::Rc,
            size: 40,
            strong: 2,
            weak: 1,
        },
        NodeKind::Hidden {
            reason: "a Cell never lends out its value",
            size: 4,
        },
    ];
    let mut graph = super::Graph::default();
    let records: Vec<NodeRecord> = kinds
        .iter()
        .map(|&kind| NodeRecord::new(0, "T", kind, &mut graph.rare_kinds))
        .collect();
    let back: Vec<NodeKind> = records.iter().map(|record| graph.kind_of(record)).collect();
    assert_eq!(back, kinds);
    // Only the two rare kinds are kept apart.
    assert_eq!(graph.rare_kinds.len(), 2);
}

#[test]
fn a_borrowed_node_takes_the_kind_of_its_owner() {
    let mut graph = super::Graph::default();
    let mut record = NodeRecord::new(0, "T", NodeKind::Borrowed, &mut graph.rare_kinds);
    assert!(record.is_borrowed());
    record.set_kind(NodeKind::Heap { size: 8, align: 8 }, &mut graph.rare_kinds);
    assert!(!record.is_borrowed());
    assert_eq!(graph.kind_of(&record), NodeKind::Heap { size: 8, align: 8 });
    assert_eq!(record.via(), None);
}
