//! The reports as data (`ownkit::export`, feature `serde`): serialized to
//! JSON text and read back, each says what the report's own accessors say,
//! field for field, and the text reads back (`Deserialize`) to the same
//! plain data as the report's `From` makes.

use ownkit::TraceDrop;
use ownkit::export::{DropReportData, GraphData, LeakReportData};
use ownkit::graph::{Graph, LeakCheck};
use serde_json::Value;

#[derive(TraceDrop)]
struct Leaf(u64);

#[derive(TraceDrop)]
struct Outer {
    #[ownkit(label)]
    name: &'static str,
    leaf: Leaf,
    boxed: ownkit::Box<Leaf>,
    shared: ownkit::Rc<Leaf>,
}

fn outer() -> Outer {
    Outer {
        name: "outer",
        leaf: Leaf(1),
        boxed: ownkit::Box::new(Leaf(2)),
        shared: ownkit::Rc::new(Leaf(3)),
    }
}

/// Serializes `report` to JSON text and reads the text back twice: as the
/// plain data `Data`, which must equal `data` (what `From<&Report>` made),
/// and as untyped JSON for the tests to check field by field.
fn round_trip<Data>(report: &impl serde::Serialize, data: Data) -> Value
where
    Data: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let text = serde_json::to_string(report).expect("serializes");
    let read_back: Data = serde_json::from_str(&text).expect("reads back as data");
    assert_eq!(read_back, data);
    serde_json::from_str(&text).expect("the text is JSON")
}

#[test]
fn a_drop_report_reads_back_as_it_reports() {
    let report = ownkit::trace::capture(|| drop(outer()));
    let json = round_trip(&report, DropReportData::from(&report));
    assert_eq!(json["certain"], report.is_certain());
    assert_eq!(json["lost_events"], report.lost_events());
    let drops = json["drops"].as_array().expect("a list of drops");
    assert_eq!(drops.len(), report.paths().len());
    for (index, (drop, path)) in drops.iter().zip(report.paths()).enumerate() {
        assert_eq!(drop["id"], index);
        assert_eq!(drop["path"], path.as_str());
    }
    let root = report.roots().get(0).expect("a root");
    assert_eq!(drops[0]["label"], root.label());
    assert_eq!(drops[0]["type"], root.type_name());
    assert_eq!(drops[0]["parent"], Value::Null);
    assert_eq!(drops[0]["address"], root.address());
    for drop in &drops[1..] {
        let parent = drop["parent"].as_u64().expect("inside the root");
        assert!(
            parent < drop["id"].as_u64().unwrap(),
            "a parent begins first: {drop}"
        );
    }
    let freed = json["freed"].as_array().expect("a list of blocks");
    let oracle = report.freed();
    assert_eq!(freed.len(), oracle.len());
    for (block, expected) in freed.iter().zip(&oracle) {
        assert_eq!(block["path"], expected.path.as_str());
        assert_eq!(block["size"], expected.size);
        assert_eq!(block["align"], expected.align);
        assert_eq!(block["address"], expected.address);
    }
    // The story interleaves them: every drop once, every block once, each
    // block after the drop that freed it.
    let story = json["story"].as_array().expect("the story");
    assert_eq!(story.len(), drops.len() + freed.len());
    for (position, moment) in story.iter().enumerate() {
        if let Some(block) = moment.get("freed") {
            let owner = &freed[block.as_u64().unwrap() as usize]["owner"];
            let owner_at = story
                .iter()
                .position(|other| other.get("drop") == Some(owner))
                .expect("the owner dropped");
            assert!(owner_at < position, "{moment} before its owner");
        }
    }
    assert_eq!(
        json["heap"],
        Value::Array(Vec::new()),
        "no tracking allocator here"
    );
    assert_eq!(json["anomalies"], Value::Array(Vec::new()));
}

#[test]
fn a_graph_reads_back_as_it_is_drawn() {
    let value = outer();
    let graph = Graph::of(&value);
    let json = round_trip(&graph, GraphData::from(&graph));
    let nodes = json["nodes"].as_array().expect("nodes");
    assert_eq!(nodes.len(), graph.node_count());
    for (node, expected) in nodes.iter().zip(graph.nodes()) {
        assert_eq!(node["id"], expected.id().index());
        assert_eq!(node["path"], expected.path());
        assert_eq!(node["label"], expected.label());
        assert_eq!(node["type"], expected.type_name());
        assert_eq!(node["address"], expected.address());
    }
    assert_eq!(nodes[0]["kind"], "root");
    let shared = nodes
        .iter()
        .find(|node| node["kind"] == "shared")
        .expect("the Rc's value");
    assert_eq!(
        (&shared["pointer"], &shared["strong"], &shared["weak"]),
        (&Value::from("Rc"), &Value::from(1), &Value::from(0))
    );
    let edges = json["edges"].as_array().expect("edges");
    for (edge, expected) in edges.iter().zip(graph.edges()) {
        assert_eq!(edge["from"], expected.from().id().index());
        assert_eq!(edge["to"], expected.to().id().index());
        assert_eq!(edge["kind"], expected.kind().name());
        assert_eq!(edge["path"], expected.path());
        assert_eq!(edge["on_cycle"], false);
    }
    assert_eq!(json["cycles"], Value::Array(Vec::new()));
}

#[test]
fn a_leak_report_reads_back_with_its_blocks_and_cycle() {
    #[derive(ownkit::Walk)]
    struct Ring {
        next: ownkit::cell::RefCell<Option<ownkit::Rc<Ring>>>,
    }
    let mut check = LeakCheck::start();
    let first = ownkit::Rc::new(Ring {
        next: Default::default(),
    });
    let second = ownkit::Rc::new(Ring {
        next: ownkit::cell::RefCell::new(Some(first.clone())),
    });
    *first.next.borrow_mut() = Some(second);
    check.watch(&first);
    let way_back = ownkit::Rc::downgrade(&first);
    drop(first);
    let report = check.finish().expect_err("the ring leaks");
    let json = round_trip(&report, LeakReportData::from(&report));
    assert_eq!(json["exact"], report.is_exact());
    let leaked = json["leaked"].as_array().expect("blocks");
    assert_eq!(leaked.len(), report.leaked().len());
    for (block, expected) in leaked.iter().zip(report.leaked()) {
        assert_eq!(block["size"], expected.size());
        assert_eq!(
            block["path"],
            serde_json::to_value(expected.path()).unwrap()
        );
        assert_eq!(block["kind"], "Rc");
    }
    assert_eq!(
        json["cycles"],
        serde_json::to_value(report.cycles()).unwrap()
    );
    assert_eq!(report.cycles().len(), 1);
    // Break the ring: the test leaks nothing itself.
    way_back.upgrade().unwrap().next.borrow_mut().take();
}
