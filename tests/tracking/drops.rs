//! The drop report with the tracking allocator installed: a std buffer's
//! release appears under the value that owned it, and the report tells
//! the heap's story and the blocks never freed.

use std::hint::black_box;
use std::mem::ManuallyDrop;

use ownkit::TraceDrop;
use ownkit::trace::{HeapEvent, HeapEventKind, capture};

#[derive(TraceDrop)]
struct Leaf {
    id: u32,
}

#[derive(TraceDrop)]
struct Outer {
    name: String,
    items: Vec<u64>,
    boxed: Box<Leaf>,
    owned: ownkit::Box<Leaf>,
}

fn outer() -> Outer {
    Outer {
        name: "outer".to_owned(),
        items: vec![1],
        boxed: Box::new(Leaf { id: 1 }),
        owned: ownkit::Box::new(Leaf { id: 2 }),
    }
}

/// `(kind, size, path)` of each event, for comparing stories.
fn story(events: &[HeapEvent]) -> Vec<(&'static str, usize, Option<&str>)> {
    events
        .iter()
        .map(|event| {
            let kind = match event.kind {
                HeapEventKind::Acquired => "acquired",
                HeapEventKind::Released => "released",
                HeapEventKind::Resized { .. } => "resized",
            };
            (kind, event.size, event.path.as_deref())
        })
        .collect()
}

#[test]
fn std_buffers_are_freed_under_the_fields_that_owned_them() {
    let value = outer();
    let report = capture(|| drop(value));
    assert_eq!(
        report.to_string(),
        "Outer\n\
         ├── name: freed 5 bytes (align 1)\n\
         ├── items: freed 8 bytes (align 8)\n\
         ├── boxed.*: Leaf\n\
         ├── boxed: freed 4 bytes (align 4)\n\
         └── owned: Box<Leaf>\n    \
             ├── *: Leaf\n    \
             └── freed 4 bytes (align 4)\n"
    );
    let paths: Vec<String> = report.freed().into_iter().map(|block| block.path).collect();
    assert_eq!(
        paths,
        ["Outer.name", "Outer.items", "Outer.boxed", "Outer.owned"]
    );
    assert!(report.is_certain());
    // Made before the capture: only their releases are its story.
    assert_eq!(
        story(&report.heap_events()),
        [
            ("released", 5, Some("Outer.name")),
            ("released", 8, Some("Outer.items")),
            ("released", 4, Some("Outer.boxed")),
            // ownkit's Box reported its block itself: one release, not two.
            ("released", 4, Some("Outer.owned")),
        ]
    );
    assert!(report.never_freed().is_empty());
}

#[test]
fn the_heaps_story_follows_a_block_from_acquire_through_resize_to_release() {
    let report = capture(|| {
        let mut value = outer();
        value.items.extend([2, 3, 4, 5]);
        drop(value);
    });
    assert_eq!(
        story(&report.heap_events()),
        [
            ("acquired", 5, Some("Outer.name")),
            ("acquired", 8, Some("Outer.items")),
            ("acquired", 4, Some("Outer.boxed")),
            ("acquired", 4, Some("Outer.owned")),
            ("resized", 40, Some("Outer.items")),
            ("released", 5, Some("Outer.name")),
            ("released", 40, Some("Outer.items")),
            ("released", 4, Some("Outer.boxed")),
            ("released", 4, Some("Outer.owned")),
        ]
    );
    let events = report.heap_events();
    let HeapEventKind::Resized { from, from_size } = events[4].kind else {
        panic!("the fifth event is the resize: {events:?}");
    };
    assert_eq!((from, from_size), (events[1].address, 8));
    // Each block is released once, at the address it last had.
    assert_eq!(events[6].address, events[4].address);
    assert!(report.never_freed().is_empty());
}

#[test]
fn blocks_acquired_and_never_freed_are_listed() {
    let mut kept = None;
    let report = capture(|| {
        let forgotten = ManuallyDrop::new(black_box(String::from("lost")));
        kept = Some(forgotten);
        drop(Leaf { id: 3 });
    });
    let never_freed = report.never_freed();
    assert_eq!(never_freed.len(), 1, "{report}");
    assert_eq!(
        (never_freed[0].size, never_freed[0].path.as_deref()),
        (4, None)
    );
    assert_eq!(
        report.to_string(),
        "Leaf\nnever freed: 4 bytes (align 1), acquired during the capture\n"
    );
    drop(ManuallyDrop::into_inner(kept.take().unwrap()));
}

#[test]
fn a_block_freed_outside_any_drop_is_at_the_top_level() {
    let text = String::from("temporary");
    let report = capture(|| drop(text));
    assert_eq!(report.to_string(), "freed 9 bytes (align 1)\n");
    assert_eq!(story(&report.heap_events()), [("released", 9, None)]);
}

#[test]
fn the_recorders_own_buffers_are_not_in_the_story() {
    // Enough drops that the recorder's buffers grow several times.
    let leaves: Vec<Leaf> = (0..crate::ROUNDS as u32).map(|id| Leaf { id }).collect();
    let report = capture(|| drop(leaves));
    assert_eq!(report.lost_events(), 0);
    // The one block of the capture is the Vec's buffer, freed by its drop.
    assert_eq!(
        story(&report.heap_events()),
        [("released", crate::ROUNDS * 4, None)]
    );
    assert_eq!(report.roots().len(), crate::ROUNDS);
}

/// The chart of the heap (`DropReport::to_heap_svg`): one lifeline per
/// block, from its acquire through its resize to its release, labelled
/// with its size and owner; a block kept past the capture runs red.
#[test]
#[cfg(feature = "svg")]
fn the_heap_chart_draws_one_lifeline_per_block() {
    let mut kept = None;
    let report = capture(|| {
        let mut value = outer();
        value.items.extend([2, 3, 4, 5]);
        drop(value);
        kept = Some(black_box(String::from("kept")));
    });
    let svg = report.to_heap_svg();
    let freed: Vec<&str> = svg
        .split("<g class=\"lifeline freed\">\n  <text")
        .skip(1)
        .map(|row| {
            let text = &row[row.find('>').expect("a label") + 1..];
            &text[..text.find('<').expect("the label ends")]
        })
        .collect();
    // Four blocks freed, the resized buffer once, with both its sizes.
    assert_eq!(
        freed,
        [
            "5 bytes  Outer.name",
            "8 → 40 bytes  Outer.items",
            "4 bytes  Outer.boxed",
            "4 bytes  Outer.owned",
        ],
        "{svg}"
    );
    assert_eq!(svg.matches("<g class=\"lifeline never-freed\">").count(), 1);
    // One dot per acquire, one tick per resize, one cross per release.
    assert_eq!(
        svg.matches("<circle").count(),
        5 + 1,
        "and one in the legend"
    );
    drop(kept);
}

/// With the `serde` feature: the heap's story, resize included, goes out
/// as JSON in the documented shape and reads back to the same events.
#[cfg(feature = "serde")]
#[test]
fn the_heaps_story_reads_back_from_json() {
    let report = capture(|| {
        let mut value = outer();
        value.items.extend([2, 3, 4, 5]);
        drop(value);
    });
    let text = serde_json::to_string(&report).expect("serializes");
    let data: ownkit::export::DropReportData = serde_json::from_str(&text).expect("reads back");
    assert_eq!(data, ownkit::export::DropReportData::from(&report));
    assert_eq!(data.heap, report.heap_events());
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let resize = &json["heap"][4];
    assert_eq!(resize["event"], "resized");
    assert_eq!(resize["from_size"], 8);
    assert_eq!(resize["size"], 40);
    assert_eq!(resize["path"], "Outer.items");
    assert_eq!(json["heap"][0]["event"], "acquired");
}
