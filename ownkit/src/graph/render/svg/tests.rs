//! Unit tests of `svg.rs`.

extern crate std;

use alloc_crate::format;
use alloc_crate::string::{String, ToString};
use alloc_crate::vec;
use alloc_crate::vec::Vec;

use crate::graph::Graph;
use crate::walk::{Segment, Visit, Walk, Walker};

/// Checks that `text` is one well-formed XML element (tags nest and
/// match, attributes are quoted, `<` never appears raw in text or
/// attributes, every `&` starts a known entity) and returns its text
/// contents, unescaped, in document order.
fn well_formed(text: &str) -> Result<Vec<String>, String> {
    fn unescape(raw: &str, at: usize) -> Result<String, String> {
        let mut out = String::new();
        let mut rest = raw;
        while let Some(amp) = rest.find('&') {
            out.push_str(&rest[..amp]);
            let end = rest[amp..]
                .find(';')
                .ok_or_else(|| format!("a bare & near byte {at}"))?;
            out.push(match &rest[amp + 1..amp + end] {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                other => return Err(format!("unknown entity &{other}; near byte {at}")),
            });
            rest = &rest[amp + end + 1..];
        }
        if rest.contains('<') {
            return Err(format!("a raw < near byte {at}"));
        }
        out.push_str(rest);
        Ok(out)
    }

    let mut open: Vec<&str> = Vec::new();
    let mut texts = Vec::new();
    let mut roots = 0;
    let mut at = 0;
    while at < text.len() {
        let Some(start) = text[at..].find('<').map(|offset| at + offset) else {
            if !text[at..].trim().is_empty() || !open.is_empty() {
                return Err(format!("text after the root or unclosed {open:?}"));
            }
            break;
        };
        let between = unescape(&text[at..start], at)?;
        if open.is_empty() && !between.trim().is_empty() {
            return Err(format!("text outside the root at byte {at}"));
        }
        if !between.trim().is_empty() {
            texts.push(between);
        }
        let end = text[start..]
            .find('>')
            .map(|offset| start + offset)
            .ok_or_else(|| format!("an unclosed tag at byte {start}"))?;
        let tag = &text[start + 1..end];
        if let Some(name) = tag.strip_prefix('/') {
            match open.pop() {
                Some(opened) if opened == name => {}
                other => return Err(format!("</{name}> closes {other:?} at byte {start}")),
            }
        } else {
            let (tag, empty) = match tag.strip_suffix('/') {
                Some(tag) => (tag, true),
                None => (tag, false),
            };
            let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
            let name = &tag[..name_end];
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                return Err(format!("a bad tag name {name:?} at byte {start}"));
            }
            // Attributes: name="value" pairs.
            let mut rest = tag[name_end..].trim_start();
            while !rest.is_empty() {
                let equals = rest
                    .find("=\"")
                    .ok_or_else(|| format!("an unquoted attribute in <{name}> at byte {start}"))?;
                let key = &rest[..equals];
                if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                    return Err(format!("a bad attribute name {key:?} at byte {start}"));
                }
                let value_end = rest[equals + 2..]
                    .find('"')
                    .ok_or_else(|| format!("an unterminated attribute at byte {start}"))?;
                unescape(&rest[equals + 2..equals + 2 + value_end], start)?;
                rest = rest[equals + 2 + value_end + 1..].trim_start();
            }
            if open.is_empty() {
                roots += 1;
            }
            if !empty {
                open.push(name);
            }
        }
        at = end + 1;
    }
    if roots != 1 || !open.is_empty() {
        return Err(format!("{roots} root elements, {open:?} left open"));
    }
    Ok(texts)
}

#[test]
fn the_checker_rejects_what_is_not_well_formed() {
    assert_eq!(
        well_formed("<a x=\"1\"><b>t &amp; u</b><c/></a>"),
        Ok(vec!["t & u".to_string()])
    );
    assert!(well_formed("<a><b></a></b>").is_err());
    assert!(well_formed("<a>x < y</a>").is_err());
    assert!(well_formed("<a>x & y</a>").is_err());
    assert!(well_formed("<a x=1></a>").is_err());
    assert!(well_formed("<a></a><b></b>").is_err());
    assert!(well_formed("<a>").is_err());
}

/// Edges of every kind, and a field name that needs escaping.
struct Everything {
    shared: crate::Rc<u8>,
    weak: crate::rc::Weak<u8>,
    borrowed: &'static u16,
    boxed: crate::Box<u32>,
}

const ODD_FIELD: &str = "odd <tag> & \"quote\"";

impl Walk for Everything {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        let _ = walker.visit(Visit::Child(Segment::Field("shared"), &self.shared));
        let _ = walker.visit(Visit::Child(Segment::Field("weak"), &self.weak));
        let _ = walker.visit(Visit::Child(Segment::Field("borrowed"), &self.borrowed));
        let _ = walker.visit(Visit::Child(Segment::Field(ODD_FIELD), &self.boxed));
    }
}

static NUMBER: u16 = 7;

fn everything() -> Everything {
    let shared = crate::Rc::new(1);
    Everything {
        weak: crate::Rc::downgrade(&shared),
        shared,
        borrowed: &NUMBER,
        boxed: crate::Box::new(2),
    }
}

#[test]
fn the_svg_is_well_formed_and_escapes_its_text() {
    let value = everything();
    let graph = Graph::of(&value);
    let svg = graph.to_svg();
    let texts = well_formed(&svg).unwrap_or_else(|error| panic!("{error}\n{svg}"));
    assert!(texts.contains(&format!(".{ODD_FIELD}")), "{texts:?}");
    assert!(texts.contains(&"Everything".to_string()), "{texts:?}");
    assert!(
        texts.contains(&"Rc strong 1 weak 1, 24 bytes".to_string())
            || cfg!(not(target_pointer_width = "64")),
        "{texts:?}"
    );
    // One group per node and per edge, as Graphviz draws them, each edge
    // kind drawn its way, with its arrowhead.
    assert_eq!(svg.matches("class=\"node ").count(), graph.node_count());
    assert_eq!(svg.matches("class=\"edge ").count(), graph.edge_count());
    assert_eq!(svg.matches("<polygon ").count(), graph.edge_count());
    for (kind, style) in [
        ("owns", "stroke-width=\"1.5\"/>"),
        ("shares", "stroke-width=\"3\"/>"),
        ("weak", "stroke-dasharray=\"8 4\""),
        ("borrows", "stroke-dasharray=\"2 3\""),
    ] {
        let mut lines = svg.lines();
        lines
            .find(|line| line.contains(&format!("class=\"edge {kind}\"")))
            .unwrap_or_else(|| panic!("no {kind} edge in\n{svg}"));
        let path = lines.next().unwrap_or_default();
        assert!(
            path.starts_with("  <path d=\"M") && path.contains(style),
            "{path}"
        );
    }
    // The legend names every kind.
    for name in ["owns", "shares", "weak", "borrows", "on a strong cycle"] {
        assert!(svg.contains(&format!(">{name}</text>")), "{name}");
    }
    assert_eq!((*value.shared, *value.boxed, *value.borrowed), (1, 2, 7));
    assert!(value.weak.upgrade().is_some());
}

/// A node that can take part in a strong cycle.
struct Ring {
    links: crate::cell::RefCell<Vec<crate::Rc<Ring>>>,
}

impl Walk for Ring {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        let _ = walker.visit(Visit::Child(Segment::Field("links"), &self.links));
    }
}

#[test]
fn the_svg_is_deterministic_and_marks_cycles_red() {
    let (one, two) = (everything(), everything());
    let svg_of_one = Graph::of(&one).to_svg();
    assert_eq!(svg_of_one, Graph::of(&two).to_svg());
    assert!(!svg_of_one.contains("class=\"edge shares cycle\""));

    let first = crate::Rc::new(Ring {
        links: crate::cell::RefCell::new(Vec::new()),
    });
    let second = crate::Rc::new(Ring {
        links: crate::cell::RefCell::new(vec![first.clone()]),
    });
    first.links.borrow_mut().push(second.clone());
    let svg = Graph::of(&first).to_svg();
    // Break the cycle before checking, so a failure leaks nothing.
    first.links.borrow_mut().clear();
    well_formed(&svg).unwrap_or_else(|error| panic!("{error}\n{svg}"));
    assert!(svg.contains("stroke=\"red\""), "{svg}");
    assert_eq!(
        svg.matches("class=\"edge shares cycle\"").count(),
        2,
        "{svg}"
    );
    assert!(svg.contains("<polygon points=") && svg.contains("fill=\"red\" stroke=\"red\""));
    assert_eq!(second.links.borrow().len(), 1);
}

#[test]
fn rows_follow_the_depth_of_the_tree() {
    let nested = crate::Box::new(crate::Box::new(1_u8));
    let graph = Graph::of(&nested);
    let placed = super::lay_out_drawing(&super::Drawing::of_graph(&graph)).boxes;
    assert_eq!(placed.len(), 3);
    assert!(
        placed[0].y < placed[1].y && placed[1].y < placed[2].y,
        "{placed:?}"
    );
    let empty: Vec<u8> = Vec::new();
    let alone = Graph::of(&empty);
    well_formed(&alone.to_svg()).unwrap_or_else(|error| panic!("{error}"));
}
