//! `Serialize` for [`Graph`]: its nodes, its edges and its strong cycles
//! (see the shape in [the module's docs](super)).

use alloc_crate::vec::Vec;

use serde::ser::{Serialize, SerializeSeq, SerializeStruct, Serializer};

use crate::graph::{Edge, Graph, Node, NodeKind};

impl Serialize for Graph {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let cycles: Vec<Vec<usize>> = self
            .cycles()
            .iter()
            .map(|cycle| cycle.edges().map(|edge| edge.index()).collect())
            .collect();
        let mut on_cycle = alloc_crate::vec![false; self.edge_count()];
        for edge in cycles.iter().flatten() {
            on_cycle[*edge] = true;
        }
        let mut out = serializer.serialize_struct("Graph", 3)?;
        out.serialize_field("nodes", &GraphNodes(self))?;
        out.serialize_field(
            "edges",
            &GraphEdges {
                graph: self,
                on_cycle: &on_cycle,
            },
        )?;
        out.serialize_field("cycles", &cycles)?;
        out.end()
    }
}

struct GraphNodes<'g>(&'g Graph);

impl Serialize for GraphNodes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_seq(Some(self.0.node_count()))?;
        for node in self.0.nodes() {
            out.serialize_element(&GraphNode(node))?;
        }
        out.end()
    }
}

struct GraphNode<'g>(Node<'g>);

impl Serialize for GraphNode<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let node = self.0;
        let (kind, size, align, pointer, strong, weak, hidden) = match node.kind() {
            NodeKind::Root => ("root", None, None, None, None, None, None),
            NodeKind::Value => ("value", None, None, None, None, None, None),
            NodeKind::Heap { size, align } => {
                ("heap", Some(size), Some(align), None, None, None, None)
            }
            NodeKind::Buffer { size, align } => {
                ("buffer", Some(size), Some(align), None, None, None, None)
            }
            NodeKind::Shared {
                pointer,
                size,
                strong,
                weak,
            } => (
                "shared",
                Some(size),
                None,
                Some(pointer.display_name()),
                Some(strong),
                Some(weak),
                None,
            ),
            NodeKind::Borrowed => ("borrowed", None, None, None, None, None, None),
            NodeKind::Hidden { reason, size } => {
                ("hidden", Some(size), None, None, None, None, Some(reason))
            }
        };
        let mut out = serializer.serialize_struct("Node", 12)?;
        out.serialize_field("id", &node.id().index())?;
        out.serialize_field("kind", kind)?;
        out.serialize_field("type", node.type_name())?;
        out.serialize_field("label", &node.label())?;
        out.serialize_field("path", &node.path())?;
        out.serialize_field("address", &node.address())?;
        out.serialize_field("size", &size)?;
        out.serialize_field("align", &align)?;
        out.serialize_field("pointer", &pointer)?;
        out.serialize_field("strong", &strong)?;
        out.serialize_field("weak", &weak)?;
        out.serialize_field("hidden", &hidden)?;
        out.end()
    }
}

struct GraphEdges<'g> {
    graph: &'g Graph,
    on_cycle: &'g [bool],
}

impl Serialize for GraphEdges<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_seq(Some(self.graph.edge_count()))?;
        for edge in self.graph.edges() {
            out.serialize_element(&GraphEdge {
                edge,
                on_cycle: self.on_cycle[edge.index()],
            })?;
        }
        out.end()
    }
}

struct GraphEdge<'g> {
    edge: Edge<'g>,
    on_cycle: bool,
}

impl Serialize for GraphEdge<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let edge = self.edge;
        let mut out = serializer.serialize_struct("Edge", 6)?;
        out.serialize_field("id", &edge.index())?;
        out.serialize_field("from", &edge.from().id().index())?;
        out.serialize_field("to", &edge.to().id().index())?;
        out.serialize_field("kind", edge.kind().name())?;
        out.serialize_field("path", edge.path())?;
        out.serialize_field("on_cycle", &self.on_cycle)?;
        out.end()
    }
}
