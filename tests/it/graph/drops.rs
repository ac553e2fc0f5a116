//! The drop report drawn (`DropReport::to_dot`, `to_svg`): the picture
//! says what the report says. Every dropped value is a box numbered in the
//! order its drop began, under its parent, at its field path; every freed
//! block is a box with its size under the value that freed it; uncertain
//! values look different and give their reason; and the picture is as
//! legible as a graph's (no edge through a box, no label covered).
//!
//! The report itself is checked against the Reference's drop order and
//! hand-written `Drop` logs elsewhere (`tests/it/trace/`); here it is the
//! oracle the picture is read back against.

use std::collections::HashMap;

use ownkit::TraceDrop;
use ownkit::trace::{DropReport, Segment, Shape, Visit};
use roxmltree::Document;

use super::geometry::Picture;

#[derive(TraceDrop)]
pub(super) struct Song {
    #[ownkit(label)]
    pub(super) title: &'static str,
}

#[derive(TraceDrop)]
pub(super) struct Album {
    songs: Vec<Song>,
    cover: ownkit::Box<[u8; 64]>,
    best: ownkit::Rc<Song>,
}

pub(super) fn album() -> Album {
    Album {
        songs: vec![Song { title: "Intro" }, Song { title: "Outro" }],
        cover: ownkit::Box::new([0; 64]),
        best: ownkit::Rc::new(Song { title: "Best" }),
    }
}

/// One box of a drop report's SVG, as read back out of it.
#[derive(Debug)]
pub(super) struct DrawnBox {
    pub(super) id: String,
    pub(super) class: String,
    pub(super) lines: Vec<String>,
    /// Its path, joined from its own step and its parents' (what the
    /// HTML page shows on hover).
    pub(super) path: String,
    pub(super) parent: Option<String>,
    story: usize,
    attributes: HashMap<String, String>,
    border_dashed: bool,
}

/// The boxes of `svg`, in document order.
pub(super) fn boxes(svg: &str) -> Vec<DrawnBox> {
    let document = Document::parse(svg).unwrap_or_else(|error| panic!("{error}\n{svg}"));
    let mut steps: HashMap<String, (String, Option<String>)> = HashMap::new();
    let mut found = Vec::new();
    for group in document.descendants().filter(|node| {
        node.has_tag_name("g")
            && node
                .attribute("class")
                .is_some_and(|class| class.starts_with("node "))
    }) {
        let attribute = |name: &str| group.attribute(name).map(str::to_owned);
        let id = attribute("id").expect("every box has an id");
        let parent = attribute("data-parent");
        steps.insert(
            id.clone(),
            (attribute("data-step").expect("data-step"), parent.clone()),
        );
        let rect = group
            .children()
            .find(|child| child.has_tag_name("rect"))
            .expect("a box has a rectangle");
        found.push(DrawnBox {
            id,
            class: attribute("class").unwrap_or_default(),
            lines: group
                .children()
                .filter(|child| child.has_tag_name("text"))
                .map(|text| text.text().unwrap_or("").to_owned())
                .collect(),
            path: String::new(),
            parent,
            story: attribute("data-story")
                .expect("every box of a drop report has its place in the story")
                .parse()
                .expect("a number"),
            attributes: group
                .attributes()
                .map(|attribute| (attribute.name().to_owned(), attribute.value().to_owned()))
                .collect(),
            border_dashed: rect.attribute("stroke-dasharray").is_some(),
        });
    }
    for drawn in &mut found {
        let mut path = Vec::new();
        let mut at = Some(drawn.id.clone());
        while let Some(id) = at {
            let (step, parent) = &steps[&id];
            path.push(step.clone());
            at = parent.clone();
        }
        drawn.path = path.into_iter().rev().collect();
    }
    found
}

/// The dropped values' boxes, by their drop number.
fn values(drawn: &[DrawnBox]) -> Vec<&DrawnBox> {
    let mut values: Vec<(usize, &DrawnBox)> = drawn
        .iter()
        .filter_map(|drawn| {
            let order = drawn.attributes.get("data-order")?;
            let number = order.strip_prefix("drop #")?.parse().ok()?;
            Some((number, drawn))
        })
        .collect();
    values.sort_by_key(|(number, _)| *number);
    values.into_iter().map(|(_, drawn)| drawn).collect()
}

#[test]
// A dozen boxes laid out: minutes under Miri, which runs the smaller
// pictures below and the renderer's unit tests.
#[cfg_attr(miri, ignore)]
fn each_value_is_numbered_in_the_order_its_drop_began_at_its_path() {
    let report = ownkit::trace::capture(|| drop(album()));
    assert!(report.is_certain(), "{report}");
    let drawn = boxes(&report.to_svg());
    let values = values(&drawn);
    let paths = report.paths();
    assert_eq!(values.len(), paths.len(), "a box per dropped value");
    let labels: Vec<String> = walk_labels(&report);
    for (position, (value, (path, label))) in
        values.iter().zip(paths.iter().zip(&labels)).enumerate()
    {
        assert_eq!(&value.path, path, "{value:#?}");
        assert_eq!(
            value.lines[0],
            format!("#{} {label}", position + 1),
            "{value:#?}"
        );
    }
    assert_eq!(
        values
            .iter()
            .map(|value| value.lines[0].as_str())
            .collect::<Vec<_>>(),
        [
            "#1 Album",
            "#2 Song \"Intro\"",
            "#3 Song \"Outro\"",
            "#4 Box<[u8; 64]>",
            "#5 Rc<Song>",
            "#6 Song \"Best\""
        ]
    );
    // The root is the value the capture dropped; the rest hang under it.
    assert!(values[0].class.contains("root") && values[0].parent.is_none());
    assert!(values[1..].iter().all(|value| value.parent.is_some()));
}

/// Each node's label, in the order the drops began (a parent before its
/// children), from the report's own tree.
fn walk_labels(report: &DropReport) -> Vec<String> {
    // Depth first is the order drops begin in: drops nest.
    let mut labels = Vec::new();
    let mut stack: Vec<_> = report.roots().rev().collect();
    while let Some(node) = stack.pop() {
        labels.push(node.label().to_owned());
        stack.extend(node.children().rev());
    }
    labels
}

#[test]
// A dozen boxes laid out: minutes under Miri, which runs the smaller
// pictures below and the renderer's unit tests.
#[cfg_attr(miri, ignore)]
fn each_freed_block_hangs_under_the_value_that_freed_it_with_its_size() {
    let report = ownkit::trace::capture(|| drop(album()));
    let drawn = boxes(&report.to_svg());
    let freed: Vec<&DrawnBox> = drawn
        .iter()
        .filter(|drawn| drawn.class == "node freed")
        .collect();
    // The report's own list: ownkit's Box and Rc blocks (std's `Vec`
    // buffer needs the tracking allocator, tested in tests/tracking/).
    let expected = report.freed();
    assert_eq!(freed.len(), expected.len(), "{report}");
    for (block, oracle) in freed.iter().zip(&expected) {
        assert_eq!(
            block.lines,
            [format!(
                "freed {} bytes (align {})",
                oracle.size, oracle.align
            )]
        );
        assert_eq!(block.path, oracle.path, "{block:#?}");
        assert!(!block.border_dashed, "a freed block is certain");
    }
    let by_id: HashMap<&str, &DrawnBox> = drawn
        .iter()
        .map(|drawn| (drawn.id.as_str(), drawn))
        .collect();
    let owner = |block: &DrawnBox| {
        by_id[block.parent.as_deref().expect("a freed block has an owner")].lines[0].clone()
    };
    assert_eq!(owner(freed[0]), "#4 Box<[u8; 64]>");
    assert_eq!(freed[0].lines, ["freed 64 bytes (align 1)"]);
    assert_eq!(owner(freed[1]), "#5 Rc<Song>");
    // The story: a block is freed after everything dropped inside its
    // owner's drop began, and before the next value's drop.
    let mut in_story: Vec<&DrawnBox> = drawn.iter().collect();
    in_story.sort_by_key(|drawn| drawn.story);
    let told: Vec<&str> = in_story
        .iter()
        .map(|drawn| drawn.lines[0].as_str())
        .collect();
    assert_eq!(
        told,
        [
            "#1 Album",
            "#2 Song \"Intro\"",
            "#3 Song \"Outro\"",
            "#4 Box<[u8; 64]>",
            "freed 64 bytes (align 1)",
            "#5 Rc<Song>",
            "#6 Song \"Best\"",
            &format!("freed {} bytes (align 8)", expected[1].size),
        ]
    );
}

static SEALED: Shape = Shape::structure("Sealed", &["contents"]);

/// Holds a song it does not let anyone see into, so the song's drop is
/// placed by address: uncertain.
pub(super) struct Sealed {
    pub(super) contents: Song,
}

impl Drop for Sealed {
    fn drop(&mut self) {
        ownkit::__private::record_drop_with(&*self, &SEALED, 0, |walker| {
            let _ = walker.visit(Visit::Opaque {
                segment: Segment::Field("contents"),
                address: ownkit::trace::address_of(&self.contents),
                size: size_of_val(&self.contents),
            });
        });
    }
}

#[test]
fn an_uncertain_value_looks_different_and_gives_its_reason() {
    let report = ownkit::trace::capture(|| {
        drop(Sealed {
            contents: Song { title: "Hidden" },
        })
    });
    let song = report.roots().get(0).unwrap().children().get(0).unwrap();
    let reason = song
        .uncertain()
        .expect("the report places the song by guesswork");
    let drawn = boxes(&report.to_svg());
    let values = values(&drawn);
    assert_eq!(values.len(), 2);
    assert!(!values[0].border_dashed && values[0].class == "node root");
    let uncertain = values[1];
    assert_eq!(uncertain.class, "node uncertain");
    assert!(uncertain.border_dashed, "{uncertain:#?}");
    assert_eq!(uncertain.attributes["data-reason"], reason);
    // The reason is in the box too, wrapped, whole.
    let shown = uncertain.lines[1..].join(" ");
    assert_eq!(shown, format!("uncertain: {reason}"));
    let dot = report.to_dot();
    assert!(
        dot.contains("style=\"rounded,filled,dashed\", color=\"#b35c00\""),
        "{dot}"
    );
}

#[test]
// Layout arithmetic in safe code, slow under Miri; the small pictures
// above run there.
#[cfg_attr(miri, ignore)]
fn a_drop_report_picture_is_legible_and_labelled() {
    let report = ownkit::trace::capture(|| {
        drop(album());
        drop(album());
    });
    let svg = report.to_svg();
    let picture = Picture::read(&svg);
    let drawn = boxes(&svg);
    assert_eq!(picture.nodes.len(), drawn.len());
    // Every box but the roots has the edge from its parent.
    let roots = drawn.iter().filter(|drawn| drawn.parent.is_none()).count();
    assert_eq!(roots, 2, "two albums dropped at the top level");
    assert_eq!(picture.edges.len(), drawn.len() - roots);
    let through = picture.edges_through_boxes();
    assert!(through.is_empty(), "{through:#?}\n{svg}");
    let covered = picture.covered_labels();
    assert!(covered.is_empty(), "{covered:#?}\n{svg}");
    // Every edge to a value is labelled with its field path.
    let labelled = picture
        .edges
        .iter()
        .filter(|edge| edge.label.is_some())
        .count();
    let values_below_a_root = values(&drawn).len() - roots;
    assert!(labelled >= values_below_a_root, "{svg}");
    // The same on every run: nothing depends on addresses.
    let again = ownkit::trace::capture(|| {
        drop(album());
        drop(album());
    });
    assert_eq!(again.to_svg(), svg);
    assert_eq!(again.to_dot(), report.to_dot());
}

#[test]
fn an_empty_capture_draws_an_empty_picture_with_its_legend() {
    let report = ownkit::trace::capture(|| {});
    let svg = report.to_svg();
    assert!(boxes(&svg).is_empty());
    assert!(svg.contains("<g id=\"legend\" class=\"legend\">"), "{svg}");
    assert_eq!(
        report.to_dot(),
        "digraph drops {\n    graph [ordering=out, bgcolor=white];\n    \
         node [shape=box, style=\"rounded,filled\", fontname=\"monospace\"];\n    \
         edge [fontname=\"monospace\"];\n}\n"
    );
}
