//! [`LeakReportData`]: a [`LeakReport`] as plain data (the blocks that
//! leaked and the cycles that keep them), and `Serialize` for the report
//! through it.

use alloc_crate::borrow::ToOwned;
use alloc_crate::string::String;
use alloc_crate::vec::Vec;

use serde::{Deserialize, Serialize, Serializer};

use crate::graph::LeakReport;
use crate::walk::PointerKind;

/// A [`LeakReport`] as plain data, which serializes to the JSON shape in
/// [the module's docs](super) and reads back from it.
///
/// ```
/// use ownkit::export::LeakReportData;
///
/// let check = ownkit::graph::LeakCheck::start();
/// std::mem::forget(ownkit::Rc::new(7_u64));
/// let report = check.finish().unwrap_err();
/// let data = LeakReportData::from(&report);
/// assert_eq!((data.leaked.len(), data.leaked[0].kind.as_deref()), (1, Some("Rc")));
///
/// let json = serde_json::to_string(&report).unwrap();
/// assert_eq!(serde_json::from_str::<LeakReportData>(&json).unwrap(), data);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeakReportData {
    /// [`LeakReport::is_exact`]: the tracking allocator saw every block.
    pub exact: bool,
    /// The blocks that leaked.
    pub leaked: Vec<LeakedData>,
    /// [`LeakReport::cycles`], each with the link to make `Weak`.
    pub cycles: Vec<String>,
    /// [`LeakReport::unverified_cycles`].
    pub unverified_cycles: Vec<String>,
    /// [`LeakReport::unrecorded`].
    pub unrecorded: usize,
}

/// One leaked block of a [`LeakReportData`], as a
/// [`LeakedBlock`](crate::graph::LeakedBlock) describes it.
///
/// ```
/// let block = ownkit::export::LeakedData {
///     type_name: Some("my::Node".to_owned()),
///     kind: Some("Rc".to_owned()),
///     size: 48,
///     path: None,
/// };
/// let json = serde_json::to_string(&block).unwrap();
/// assert_eq!(json, r#"{"type":"my::Node","kind":"Rc","size":48,"path":null}"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeakedData {
    /// The type of its value, where known.
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    /// The pointer that allocated it (`Rc`, `Arc`...), where known.
    pub kind: Option<String>,
    /// Its size in bytes.
    pub size: usize,
    /// Where a watched graph found it, if one did.
    pub path: Option<String>,
}

impl From<&LeakReport> for LeakReportData {
    /// Everything the report's accessors say, as data.
    fn from(report: &LeakReport) -> Self {
        LeakReportData {
            exact: report.is_exact(),
            leaked: report
                .leaked()
                .iter()
                .map(|block| LeakedData {
                    type_name: block.type_name().map(ToOwned::to_owned),
                    kind: block
                        .kind()
                        .map(|kind| PointerKind::display_name(kind).to_owned()),
                    size: block.size(),
                    path: block.path().map(ToOwned::to_owned),
                })
                .collect(),
            cycles: report.cycles().to_vec(),
            unverified_cycles: report.unverified_cycles().to_vec(),
            unrecorded: report.unrecorded(),
        }
    }
}

impl Serialize for LeakReport {
    /// Serializes [`LeakReportData::from(self)`](LeakReportData).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        LeakReportData::from(self).serialize(serializer)
    }
}
