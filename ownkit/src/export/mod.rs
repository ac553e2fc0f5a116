//! The reports as data for other tools (feature `serde`):
//! [`DropReport`](crate::trace::DropReport), [`Graph`](crate::graph::Graph)
//! and [`LeakReport`](crate::graph::LeakReport) implement `serde::Serialize`,
//! in the shapes below (shown as JSON; any serde format works).
//!
//! Each report is serialized as its plain-data twin here:
//! [`DropReportData`], [`GraphData`] and [`LeakReportData`], which a tool
//! written in Rust reads back with `serde::Deserialize` (the reports
//! themselves are views of a capture or a walk, and are not rebuilt from
//! text). Each is made with `From<&Report>` from the report's public
//! accessors, so the data says exactly what they say. Addresses are
//! included for tools that match them up, and differ from run to run.
//!
//! # A drop report
//!
//! ```text
//! {
//!   "certain": true,            // DropReport::is_certain
//!   "lost_events": 0,
//!   "drops": [                  // every value (or named scope), in the order its drop began
//!     { "id": 0, "parent": null, "path": "Outer", "label": "Outer", "type": "my::Outer",
//!       "scope": false, "address": 140723…, "uncertain": null, "note": null },
//!     { "id": 1, "parent": 0, "path": "Outer.b", "label": "Box<Leaf>", … }
//!   ],
//!   "freed": [                  // every block freed, in order, with the drop that freed it
//!     { "owner": 1, "path": "Outer.b", "size": 8, "align": 8, "address": 94… }
//!   ],
//!   "story": [ { "drop": 0 }, { "drop": 1 }, { "freed": 0 } ],   // the two, interleaved, in order
//!   "heap": [                   // the tracking allocator's events (empty without it)
//!     { "event": "acquired", "address": 94…, "size": 5, "align": 1, "path": "Outer.name" },
//!     { "event": "resized", "from": 94…, "from_size": 8, "address": 94…, "size": 40, … }
//!   ],
//!   "anomalies": [ { "path": "Outer.a", "message": "…" } ]
//! }
//! ```
//!
//! # A graph
//!
//! ```text
//! {
//!   "nodes": [                  // in walk order; the root is node 0
//!     { "id": 0, "kind": "root", "type": "my::List", "label": "List", "path": "List",
//!       "address": 140723…, "size": null, "align": null, "pointer": null,
//!       "strong": null, "weak": null, "hidden": null }
//!   ],
//!   "edges": [                  // in the order the walk found them
//!     { "id": 0, "from": 0, "to": 1, "kind": "owns", "path": ".head", "on_cycle": false }
//!   ],
//!   "cycles": [ [3, 5] ]        // each strong cycle, as its edges' ids
//! }
//! ```
//!
//! A node's `kind` is `root`, `value`, `heap`, `buffer`, `shared`,
//! `borrowed` or `hidden`; `size` and `align` are set for heap blocks and
//! buffers, `size`, `pointer`, `strong` and `weak` for shared values, and
//! `hidden` (the reason) and `size` for hidden contents.
//!
//! # A leak report
//!
//! ```text
//! {
//!   "exact": true,              // the tracking allocator saw every block
//!   "leaked": [ { "type": "my::Node", "kind": "Rc", "size": 48, "path": "Rc<Node>.*" } ],
//!   "cycles": [ "Rc<Node>.* → Rc<Node>.*.next.* → Rc<Node>.*: make `…` a Weak" ],
//!   "unverified_cycles": [],
//!   "unrecorded": 0
//! }
//! ```
//!
//! ```
//! use ownkit::TraceDrop;
//!
//! #[derive(TraceDrop)]
//! struct Leaf(u64);
//!
//! let report = ownkit::trace::capture(|| drop(ownkit::Box::new(Leaf(7))));
//! let json: serde_json::Value = serde_json::to_value(&report).unwrap();
//! assert_eq!(json["drops"][1]["path"], "Box<Leaf>.*");
//! assert_eq!(json["freed"][0]["owner"], 0);
//! assert_eq!(json["story"], serde_json::json!([{ "drop": 0 }, { "drop": 1 }, { "freed": 0 }]));
//! ```

#[cfg(feature = "std")]
mod drops;
mod graph;
#[cfg(feature = "std")]
mod leak;

#[cfg(feature = "std")]
pub use self::drops::{AnomalyData, DropData, DropReportData, FreedData, StoryStep};
pub use self::graph::{EdgeData, GraphData, NodeData};
#[cfg(feature = "std")]
pub use self::leak::{LeakReportData, LeakedData};
