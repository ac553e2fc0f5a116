//! [`GraphData`]: a [`Graph`] as plain data (its nodes, its edges and its
//! strong cycles), and `Serialize` for the graph through it.

use alloc_crate::borrow::ToOwned;
use alloc_crate::string::String;
use alloc_crate::vec::Vec;

use serde::{Deserialize, Serialize, Serializer};

use crate::graph::{Graph, Node, NodeKind};

/// A [`Graph`] as plain data, which serializes to the JSON shape in
/// [the module's docs](super) and reads back from it.
///
/// ```
/// use ownkit::export::GraphData;
/// use ownkit::graph::Graph;
///
/// let value = ownkit::Box::new(7_u64);
/// let data = GraphData::from(&Graph::of(&value));
/// assert_eq!(data.nodes[1].kind, "heap");
/// assert_eq!((data.edges[0].from, data.edges[0].to), (0, 1));
///
/// let json = serde_json::to_string(&Graph::of(&value)).unwrap();
/// assert_eq!(serde_json::from_str::<GraphData>(&json).unwrap(), data);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphData {
    /// Every node, in walk order: the root is node 0, and the `n`th has
    /// `id` `n`.
    pub nodes: Vec<NodeData>,
    /// Every edge, in the order the walk found them.
    pub edges: Vec<EdgeData>,
    /// Each strong cycle ([`Graph::cycles`]), as its edges' ids.
    pub cycles: Vec<Vec<usize>>,
}

/// One node of a [`GraphData`], as a [`Node`] describes it.
///
/// `kind` is `root`, `value`, `heap`, `buffer`, `shared`, `borrowed` or
/// `hidden`; `size` and `align` are set for heap blocks and buffers,
/// `size`, `pointer`, `strong` and `weak` for shared values, and `hidden`
/// (the reason) and `size` for hidden contents.
///
/// ```
/// use ownkit::export::GraphData;
/// use ownkit::graph::Graph;
///
/// let shared = ownkit::Rc::new(7_u64);
/// let node = &GraphData::from(&Graph::of(&shared)).nodes[1];
/// assert_eq!((node.kind.as_str(), node.pointer.as_deref()), ("shared", Some("Rc")));
/// assert_eq!((node.strong, node.weak), (Some(1), Some(0)));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeData {
    /// Its place in walk order.
    pub id: usize,
    /// What it is (see above).
    pub kind: String,
    /// Its full type name.
    #[serde(rename = "type")]
    pub type_name: String,
    /// Its label ([`Node::label`]).
    pub label: String,
    /// Its field path from the root.
    pub path: String,
    /// Its address.
    pub address: usize,
    /// Its size in bytes, where the kind has one.
    pub size: Option<usize>,
    /// Its alignment in bytes, for a heap block or a buffer.
    pub align: Option<usize>,
    /// The pointer that shares it (`Rc`, `Arc`...), for a shared value.
    pub pointer: Option<String>,
    /// Its strong count, for a shared value.
    pub strong: Option<usize>,
    /// Its weak count, for a shared value.
    pub weak: Option<usize>,
    /// Why its contents are hidden, for hidden contents.
    pub hidden: Option<String>,
}

/// One edge of a [`GraphData`], as an [`Edge`](crate::graph::Edge)
/// describes it: `kind` is [`EdgeKind::name`](crate::graph::EdgeKind::name).
///
/// ```
/// use ownkit::export::GraphData;
/// use ownkit::graph::Graph;
///
/// let value = ownkit::Box::new(7_u64);
/// let edge = &GraphData::from(&Graph::of(&value)).edges[0];
/// assert_eq!((edge.kind.as_str(), edge.on_cycle), ("owns", false));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EdgeData {
    /// Its place in the order the walk found edges.
    pub id: usize,
    /// The `id` of the node it leaves.
    pub from: usize,
    /// The `id` of the node it reaches.
    pub to: usize,
    /// `owns`, `shares`, `weak` or `borrows`.
    pub kind: String,
    /// The path step it takes (`.head`, `*`, `[0]`).
    pub path: String,
    /// Whether it is on a strong cycle.
    pub on_cycle: bool,
}

impl From<&Graph> for GraphData {
    /// Everything the graph's accessors say, as data.
    fn from(graph: &Graph) -> Self {
        let cycles: Vec<Vec<usize>> = graph
            .cycles()
            .iter()
            .map(|cycle| cycle.edges().map(|edge| edge.index()).collect())
            .collect();
        let mut on_cycle = alloc_crate::vec![false; graph.edge_count()];
        for edge in cycles.iter().flatten() {
            on_cycle[*edge] = true;
        }
        GraphData {
            nodes: graph.nodes().map(node_data).collect(),
            edges: graph
                .edges()
                .map(|edge| EdgeData {
                    id: edge.index(),
                    from: edge.from().id().index(),
                    to: edge.to().id().index(),
                    kind: edge.kind().name().to_owned(),
                    path: edge.path().to_owned(),
                    on_cycle: on_cycle[edge.index()],
                })
                .collect(),
            cycles,
        }
    }
}

fn node_data(node: Node<'_>) -> NodeData {
    let mut data = NodeData {
        id: node.id().index(),
        kind: String::new(),
        type_name: node.type_name().to_owned(),
        label: node.label(),
        path: node.path(),
        address: node.address(),
        size: None,
        align: None,
        pointer: None,
        strong: None,
        weak: None,
        hidden: None,
    };
    let kind = match node.kind() {
        NodeKind::Root => "root",
        NodeKind::Value => "value",
        NodeKind::Heap { size, align } => {
            (data.size, data.align) = (Some(size), Some(align));
            "heap"
        }
        NodeKind::Buffer { size, align } => {
            (data.size, data.align) = (Some(size), Some(align));
            "buffer"
        }
        NodeKind::Shared {
            pointer,
            size,
            strong,
            weak,
        } => {
            data.size = Some(size);
            data.pointer = Some(pointer.display_name().to_owned());
            (data.strong, data.weak) = (Some(strong), Some(weak));
            "shared"
        }
        NodeKind::Borrowed => "borrowed",
        NodeKind::Hidden { reason, size } => {
            data.size = Some(size);
            data.hidden = Some(reason.to_owned());
            "hidden"
        }
    };
    data.kind = kind.to_owned();
    data
}

impl Serialize for Graph {
    /// Serializes [`GraphData::from(self)`](GraphData).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        GraphData::from(self).serialize(serializer)
    }
}
