//! [`DropReportData`]: a [`DropReport`] as plain data (its drops, its freed
//! blocks, the two interleaved in order, the heap's events and the
//! anomalies), and `Serialize` for the report through it.

use alloc_crate::borrow::ToOwned;
use alloc_crate::string::{String, ToString};
use alloc_crate::vec::Vec;

use serde::{Deserialize, Serialize, Serializer};

use crate::trace::{DropReport, HeapEvent, Moment};

/// A [`DropReport`] as plain data, which serializes to the JSON shape in
/// [the module's docs](super) and reads back from it.
///
/// ```
/// use ownkit::export::{DropReportData, StoryStep};
/// use ownkit::TraceDrop;
///
/// #[derive(TraceDrop)]
/// struct Leaf(u64);
///
/// let report = ownkit::trace::capture(|| drop(ownkit::Box::new(Leaf(7))));
/// let data = DropReportData::from(&report);
/// assert_eq!(data.drops[1].path, "Box<Leaf>.*");
/// assert_eq!(data.story, [StoryStep::Drop(0), StoryStep::Drop(1), StoryStep::Freed(0)]);
///
/// let json = serde_json::to_string(&report).unwrap();
/// let back: DropReportData = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, data);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropReportData {
    /// [`DropReport::is_certain`].
    pub certain: bool,
    /// [`DropReport::lost_events`].
    pub lost_events: usize,
    /// Every value (or named scope), in the order its drop began: the
    /// `n`th has `id` `n`.
    pub drops: Vec<DropData>,
    /// Every block freed, in order, with the drop that freed it.
    pub freed: Vec<FreedData>,
    /// The drops and the frees interleaved, in the order they happened.
    pub story: Vec<StoryStep>,
    /// The tracking allocator's events ([`DropReport::heap_events`]), empty
    /// without it.
    pub heap: Vec<HeapEvent>,
    /// [`DropReport::anomalies`].
    pub anomalies: Vec<AnomalyData>,
}

/// One dropped value (or named scope) of a [`DropReportData`], as a
/// [`DropNode`](crate::trace::DropNode) describes it.
///
/// ```
/// use ownkit::TraceDrop;
///
/// #[derive(TraceDrop)]
/// struct Leaf(u64);
///
/// let report = ownkit::trace::capture(|| drop(Leaf(7)));
/// let leaf = &ownkit::export::DropReportData::from(&report).drops[0];
/// assert_eq!((leaf.id, leaf.parent, leaf.path.as_str()), (0, None, "Leaf"));
/// assert!(leaf.type_name.ends_with("Leaf"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropData {
    /// Its place in the order drops began, counted from 0.
    pub id: usize,
    /// The `id` of the value it was dropped inside, if any.
    pub parent: Option<usize>,
    /// Its field path from its root.
    pub path: String,
    /// Its short label.
    pub label: String,
    /// Its full type name (empty for a named scope).
    #[serde(rename = "type")]
    pub type_name: String,
    /// Whether it is a named scope ([`trace::scope`](crate::trace::scope))
    /// rather than a value.
    pub scope: bool,
    /// Its address while it was dropped.
    pub address: usize,
    /// Why its place in the tree is uncertain, if it is.
    pub uncertain: Option<String>,
    /// The note its drop hook attached, if any.
    pub note: Option<String>,
}

/// One block of a [`DropReportData`] that went back to the allocator.
///
/// ```
/// use ownkit::TraceDrop;
///
/// #[derive(TraceDrop)]
/// struct Leaf(u64);
///
/// let report = ownkit::trace::capture(|| drop(ownkit::Box::new(Leaf(7))));
/// let block = &ownkit::export::DropReportData::from(&report).freed[0];
/// assert_eq!((block.owner, block.path.as_str(), block.size), (Some(0), "Box<Leaf>", 8));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreedData {
    /// The `id` of the drop that freed it, if a recorded drop did.
    pub owner: Option<usize>,
    /// The path of the pointer that freed it.
    pub path: String,
    /// Its size in bytes.
    pub size: usize,
    /// Its alignment in bytes.
    pub align: usize,
    /// Its address.
    pub address: usize,
}

/// One step of a [`DropReportData`]'s story: a drop began (`{"drop": id}`)
/// or a block was freed (`{"freed": index}`, an index into `freed`).
///
/// ```
/// use ownkit::export::StoryStep;
///
/// let json = serde_json::to_string(&[StoryStep::Drop(0), StoryStep::Freed(0)]).unwrap();
/// assert_eq!(json, r#"[{"drop":0},{"freed":0}]"#);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StoryStep {
    /// The drop with this `id` began.
    Drop(usize),
    /// The block at this index of `freed` went back to the allocator.
    Freed(usize),
}

/// One anomaly of a [`DropReportData`]: where, and what went wrong.
///
/// ```
/// let anomaly = ownkit::export::AnomalyData {
///     path: "Outer.a".to_owned(),
///     message: "dropped twice".to_owned(),
/// };
/// let json = serde_json::to_string(&anomaly).unwrap();
/// assert_eq!(json, r#"{"path":"Outer.a","message":"dropped twice"}"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnomalyData {
    /// The path of the value it concerns.
    pub path: String,
    /// What went wrong, as the report's `Display` says it.
    pub message: String,
}

impl From<&DropReport> for DropReportData {
    /// Everything the report's accessors say, as data.
    fn from(report: &DropReport) -> Self {
        let story = report.story();
        let paths = report.paths();
        let mut drops = Vec::with_capacity(paths.len());
        // The blocks in the order they were freed, as the story meets them.
        let mut blocks = report.freed().into_iter();
        let mut freed = Vec::with_capacity(blocks.len());
        let mut steps = Vec::with_capacity(story.len());
        for moment in &story {
            match moment {
                Moment::Dropped(node) => {
                    steps.push(StoryStep::Drop(node.order()));
                    drops.push(DropData {
                        id: node.order(),
                        parent: node.parent().map(|parent| parent.order()),
                        path: paths[node.order()].clone(),
                        label: node.label().to_owned(),
                        type_name: node.type_name().to_owned(),
                        scope: node.is_scope(),
                        address: node.address(),
                        uncertain: node.uncertain().map(ToOwned::to_owned),
                        note: node.note().map(ToOwned::to_owned),
                    });
                }
                Moment::Freed { owner, .. } => {
                    steps.push(StoryStep::Freed(freed.len()));
                    let block = blocks
                        .next()
                        .expect("the story tells every freed block once");
                    freed.push(FreedData {
                        owner: owner.map(|owner| owner.order()),
                        path: block.path,
                        size: block.size,
                        align: block.align,
                        address: block.address,
                    });
                }
            }
        }
        // The story tells drops depth first, which is the order they began.
        drops.sort_by_key(|drop| drop.id);
        DropReportData {
            certain: report.is_certain(),
            lost_events: report.lost_events(),
            drops,
            freed,
            story: steps,
            heap: report.heap_events(),
            anomalies: report
                .anomalies()
                .iter()
                .map(|anomaly| AnomalyData {
                    path: anomaly.path().to_owned(),
                    message: anomaly.to_string(),
                })
                .collect(),
        }
    }
}

impl Serialize for DropReport {
    /// Serializes [`DropReportData::from(self)`](DropReportData).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        DropReportData::from(self).serialize(serializer)
    }
}
