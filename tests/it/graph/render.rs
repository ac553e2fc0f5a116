//! The renderers: `Display`, `to_dot()` and `to_mermaid()` of a graph,
//! compared with exact expected text (they are deterministic and free of
//! addresses), and the DOT checked by a parser and, when it is installed,
//! by Graphviz itself. The SVG renderer is tested in its own module, behind
//! its feature.

use ownkit::cell::{Cell, RefCell};
use ownkit::graph::{EdgeKind, Graph};
use ownkit::rc::{Rc, Weak};
use ownkit::trace::{Segment, Visit, Walk, Walker};

/// A node of a singly linked ring: the last `next` closes a strong cycle.
#[derive(ownkit::trace::Walk)]
struct Ring {
    id: u8,
    next: Option<Rc<RefCell<Ring>>>,
}

/// A node of a list whose back links are weak: no strong cycle.
#[derive(ownkit::trace::Walk)]
struct Linked {
    id: u8,
    next: Option<Rc<RefCell<Linked>>>,
    back: Option<Weak<RefCell<Linked>>>,
}

/// A tree that owns its children through boxes in a vector.
#[derive(ownkit::trace::Walk)]
struct Tree {
    children: Vec<ownkit::Box<Tree>>,
}

/// Two `Ring` nodes pointing at each other. The caller breaks the cycle
/// with `break_ring` so that nothing leaks.
fn ring_of_two() -> (Rc<RefCell<Ring>>, Rc<RefCell<Ring>>) {
    let first = Rc::new(RefCell::new(Ring { id: 1, next: None }));
    let second = Rc::new(RefCell::new(Ring {
        id: 2,
        next: Some(first.clone()),
    }));
    first.borrow_mut().next = Some(second.clone());
    (first, second)
}

fn break_ring(first: &Rc<RefCell<Ring>>) {
    first.borrow_mut().next = None;
}

/// Two `Linked` nodes: `first.next` is strong, `second.back` weak.
fn linked_pair() -> (Rc<RefCell<Linked>>, Rc<RefCell<Linked>>) {
    let first = Rc::new(RefCell::new(Linked {
        id: 1,
        next: None,
        back: None,
    }));
    let second = Rc::new(RefCell::new(Linked {
        id: 2,
        next: None,
        back: Some(Rc::downgrade(&first)),
    }));
    first.borrow_mut().next = Some(second.clone());
    (first, second)
}

fn small_tree() -> Tree {
    let leaf = || ownkit::Box::new(Tree { children: vec![] });
    Tree {
        children: vec![
            leaf(),
            ownkit::Box::new(Tree {
                children: vec![leaf()],
            }),
        ],
    }
}

// The snapshots name the sizes of heap blocks, which are those of a 64-bit
// target. An `Rc<RefCell<T>>` block's size also depends on the build (a
// debug `RefCell` remembers where it was borrowed), so the snapshots of
// those say `N bytes`, and `sized` puts the `N` in.

/// `rendered` with the block size `block` written as `N`.
fn sized(rendered: String, block: usize) -> String {
    rendered.replace(&format!("{block} bytes"), "N bytes")
}

/// The size of an `Rc<RefCell<Ring>>` block: two counts and the cell.
fn ring_block() -> usize {
    2 * size_of::<usize>() + size_of::<RefCell<Ring>>()
}

/// The size of an `Rc<RefCell<Linked>>` block.
fn linked_block() -> usize {
    2 * size_of::<usize>() + size_of::<RefCell<Linked>>()
}

#[test]
#[cfg(target_pointer_width = "64")]
fn text_of_a_strong_cycle_refers_back_instead_of_repeating() {
    let (first, second) = ring_of_two();
    let text = sized(Graph::of(&first).to_string(), ring_block());
    break_ring(&first);
    assert_eq!(
        text,
        "\
Rc<RefCell<Ring>>
└── shares RefCell<Ring> (Rc strong 2 weak 0, N bytes)
    └── owns Ring
        └── .next shares RefCell<Ring> (Rc strong 2 weak 0, N bytes)
            └── owns Ring
                └── .next shares ↩ RefCell<Ring> at Rc<RefCell<Ring>>.*
"
    );
    assert_eq!((first.borrow().id, second.borrow().id), (1, 2));
}

#[test]
#[cfg(target_pointer_width = "64")]
fn dot_of_a_strong_cycle() {
    let (first, _second) = ring_of_two();
    let dot = sized(Graph::of(&first).to_dot(), ring_block());
    break_ring(&first);
    assert_eq!(
        dot,
        r##"digraph ownership {
    graph [ordering=out, bgcolor=white];
    node [shape=box, style="rounded,filled", fontname="monospace"];
    edge [fontname="monospace"];
    n0 [label="Rc<RefCell<Ring>>", fillcolor="#e8f0fe"];
    n1 [label="RefCell<Ring>\nRc strong 2 weak 0, N bytes", fillcolor="#e6f4ea"];
    n2 [label="Ring", fillcolor="#ffffff"];
    n3 [label="RefCell<Ring>\nRc strong 2 weak 0, N bytes", fillcolor="#e6f4ea"];
    n4 [label="Ring", fillcolor="#ffffff"];
    n0 -> n1 [style=solid, penwidth=3];
    n1 -> n2 [style=solid, color=red, penwidth=3.5];
    n2 -> n3 [label=".next", style=solid, color=red, penwidth=3.5];
    n3 -> n4 [style=solid, color=red, penwidth=3.5];
    n4 -> n1 [label=".next", style=solid, color=red, penwidth=3.5];
}
"##
    );
}

#[test]
#[cfg(target_pointer_width = "64")]
fn mermaid_of_a_strong_cycle() {
    let (first, _second) = ring_of_two();
    let mermaid = sized(Graph::of(&first).to_mermaid(), ring_block());
    break_ring(&first);
    assert_eq!(
        mermaid,
        r##"flowchart TD
    n0["Rc#lt;RefCell#lt;Ring#gt;#gt;"]
    n1["RefCell#lt;Ring#gt;<br>Rc strong 2 weak 0, N bytes"]
    n2["Ring"]
    n3["RefCell#lt;Ring#gt;<br>Rc strong 2 weak 0, N bytes"]
    n4["Ring"]
    n0 ==> n1
    n1 --> n2
    n2 ==>|".next"| n3
    n3 --> n4
    n4 ==>|".next"| n1
    style n0 fill:#e8f0fe,stroke:#333
    style n1 fill:#e6f4ea,stroke:#333
    style n2 fill:#ffffff,stroke:#333
    style n3 fill:#e6f4ea,stroke:#333
    style n4 fill:#ffffff,stroke:#333
    linkStyle 1 stroke:red,stroke-width:3.5px
    linkStyle 2 stroke:red,stroke-width:3.5px
    linkStyle 3 stroke:red,stroke-width:3.5px
    linkStyle 4 stroke:red,stroke-width:3.5px
"##
    );
}

#[test]
#[cfg(target_pointer_width = "64")]
fn text_of_a_weak_back_edge() {
    let (first, second) = linked_pair();
    let text = sized(Graph::of(&first).to_string(), linked_block());
    assert_eq!(
        text,
        "\
Rc<RefCell<Linked>>
└── shares RefCell<Linked> (Rc strong 1 weak 1, N bytes)
    └── owns Linked
        └── .next shares RefCell<Linked> (Rc strong 2 weak 0, N bytes)
            └── owns Linked
                └── .back weak ↩ RefCell<Linked> at Rc<RefCell<Linked>>.*
"
    );
    assert_eq!((first.borrow().id, second.borrow().id), (1, 2));
}

#[test]
#[cfg(target_pointer_width = "64")]
fn dot_of_a_weak_back_edge_has_no_cycle() {
    let (first, _second) = linked_pair();
    assert_eq!(
        sized(Graph::of(&first).to_dot(), linked_block()),
        r##"digraph ownership {
    graph [ordering=out, bgcolor=white];
    node [shape=box, style="rounded,filled", fontname="monospace"];
    edge [fontname="monospace"];
    n0 [label="Rc<RefCell<Linked>>", fillcolor="#e8f0fe"];
    n1 [label="RefCell<Linked>\nRc strong 1 weak 1, N bytes", fillcolor="#e6f4ea"];
    n2 [label="Linked", fillcolor="#ffffff"];
    n3 [label="RefCell<Linked>\nRc strong 2 weak 0, N bytes", fillcolor="#e6f4ea"];
    n4 [label="Linked", fillcolor="#ffffff"];
    n0 -> n1 [style=solid, penwidth=3];
    n1 -> n2 [style=solid, penwidth=1.5];
    n2 -> n3 [label=".next", style=solid, penwidth=3];
    n3 -> n4 [style=solid, penwidth=1.5];
    n4 -> n1 [label=".back", style=dashed, penwidth=1.5];
}
"##
    );
}

#[test]
#[cfg(target_pointer_width = "64")]
fn mermaid_of_a_weak_back_edge_has_no_cycle() {
    let (first, _second) = linked_pair();
    assert_eq!(
        sized(Graph::of(&first).to_mermaid(), linked_block()),
        r##"flowchart TD
    n0["Rc#lt;RefCell#lt;Linked#gt;#gt;"]
    n1["RefCell#lt;Linked#gt;<br>Rc strong 1 weak 1, N bytes"]
    n2["Linked"]
    n3["RefCell#lt;Linked#gt;<br>Rc strong 2 weak 0, N bytes"]
    n4["Linked"]
    n0 ==> n1
    n1 --> n2
    n2 ==>|".next"| n3
    n3 --> n4
    n4 -.->|".back"| n1
    style n0 fill:#e8f0fe,stroke:#333
    style n1 fill:#e6f4ea,stroke:#333
    style n2 fill:#ffffff,stroke:#333
    style n3 fill:#e6f4ea,stroke:#333
    style n4 fill:#ffffff,stroke:#333
    linkStyle 4 stroke-width:1.5px,stroke-dasharray:8 4
"##
    );
}

#[test]
#[cfg(target_pointer_width = "64")]
fn text_of_a_tree_of_boxes() {
    assert_eq!(
        Graph::of(&small_tree()).to_string(),
        "\
Tree
└── .children owns Vec<Box<Tree>> (buffer 16 bytes)
    ├── [0] owns Tree (Heap 24 bytes)
    └── [1] owns Tree (Heap 24 bytes)
        └── .children owns Vec<Box<Tree>> (buffer 8 bytes)
            └── [0] owns Tree (Heap 24 bytes)
"
    );
}

#[test]
#[cfg(target_pointer_width = "64")]
fn dot_of_a_tree_of_boxes() {
    assert_eq!(
        Graph::of(&small_tree()).to_dot(),
        r##"digraph ownership {
    graph [ordering=out, bgcolor=white];
    node [shape=box, style="rounded,filled", fontname="monospace"];
    edge [fontname="monospace"];
    n0 [label="Tree", fillcolor="#e8f0fe"];
    n1 [label="Vec<Box<Tree>>\nbuffer 16 bytes", fillcolor="#fff4e0"];
    n2 [label="Tree\nHeap 24 bytes", fillcolor="#fff4e0"];
    n3 [label="Tree\nHeap 24 bytes", fillcolor="#fff4e0"];
    n4 [label="Vec<Box<Tree>>\nbuffer 8 bytes", fillcolor="#fff4e0"];
    n5 [label="Tree\nHeap 24 bytes", fillcolor="#fff4e0"];
    n0 -> n1 [label=".children", style=solid, penwidth=1.5];
    n1 -> n2 [label="[0]", style=solid, penwidth=1.5];
    n1 -> n3 [label="[1]", style=solid, penwidth=1.5];
    n3 -> n4 [label=".children", style=solid, penwidth=1.5];
    n4 -> n5 [label="[0]", style=solid, penwidth=1.5];
}
"##
    );
}

#[test]
#[cfg(target_pointer_width = "64")]
fn mermaid_of_a_tree_of_boxes() {
    assert_eq!(
        Graph::of(&small_tree()).to_mermaid(),
        r##"flowchart TD
    n0["Tree"]
    n1["Vec#lt;Box#lt;Tree#gt;#gt;<br>buffer 16 bytes"]
    n2["Tree<br>Heap 24 bytes"]
    n3["Tree<br>Heap 24 bytes"]
    n4["Vec#lt;Box#lt;Tree#gt;#gt;<br>buffer 8 bytes"]
    n5["Tree<br>Heap 24 bytes"]
    n0 -->|".children"| n1
    n1 -->|"[0]"| n2
    n1 -->|"[1]"| n3
    n3 -->|".children"| n4
    n4 -->|"[0]"| n5
    style n0 fill:#e8f0fe,stroke:#333
    style n1 fill:#fff4e0,stroke:#333
    style n2 fill:#fff4e0,stroke:#333
    style n3 fill:#fff4e0,stroke:#333
    style n4 fill:#fff4e0,stroke:#333
    style n5 fill:#fff4e0,stroke:#333
"##
    );
}

/// Every kind of edge and node at once: a shared value reached twice, a
/// weak link, a borrow, hidden contents, and a field name full of the
/// characters each format has to escape.
struct Everything {
    shared: Rc<u32>,
    again: Rc<u32>,
    weak: Weak<u32>,
    borrowed: &'static u16,
    hidden: Cell<u8>,
    odd: ownkit::Box<u8>,
}

/// A field name no derive would produce, to test escaping.
const ODD_FIELD: &str = "odd \"quoted\" \\ <&> #1";

impl Walk for Everything {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        let _ = walker.visit(Visit::Child(Segment::Field("shared"), &self.shared));
        let _ = walker.visit(Visit::Child(Segment::Field("again"), &self.again));
        let _ = walker.visit(Visit::Child(Segment::Field("weak"), &self.weak));
        let _ = walker.visit(Visit::Child(Segment::Field("borrowed"), &self.borrowed));
        let _ = walker.visit(Visit::Child(Segment::Field("hidden"), &self.hidden));
        let _ = walker.visit(Visit::Child(Segment::Field(ODD_FIELD), &self.odd));
    }
}

static BORROWED: u16 = 9;

fn everything() -> Everything {
    let shared = Rc::new(5_u32);
    Everything {
        again: shared.clone(),
        weak: Rc::downgrade(&shared),
        shared,
        borrowed: &BORROWED,
        hidden: Cell::new(3),
        odd: ownkit::Box::new(4),
    }
}

#[test]
fn text_shows_every_kind_once_and_shared_values_as_references() {
    let value = everything();
    let graph = Graph::of(&value);
    let text = graph.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + graph.edge_count(), "{text}");
    assert!(lines[0].starts_with("Everything"), "{text}");
    assert!(
        lines[1].starts_with("├── .shared shares u32 (Rc strong 2 weak 1, "),
        "{text}"
    );
    assert_eq!(lines[2], "├── .again shares ↩ u32 at Everything.shared.*");
    assert_eq!(lines[3], "├── .weak weak ↩ u32 at Everything.shared.*");
    assert_eq!(lines[4], "├── .borrowed borrows u16 (borrowed)");
    assert!(lines[5].starts_with("├── .hidden owns hidden: "), "{text}");
    assert_eq!(lines[6], format!("└── .{ODD_FIELD} owns u8 (Heap 1 byte)"));
    assert_eq!(value.hidden.get() + *value.odd + *value.shared as u8, 12);
    assert_eq!(*value.again + *value.borrowed as u32, 14);
    assert!(value.weak.upgrade().is_some());
}

#[test]
fn text_of_an_empty_container_is_its_type_alone() {
    let empty: Vec<u8> = Vec::new();
    assert_eq!(Graph::of(&empty).to_string(), "Vec<u8>\n");
}

#[test]
fn an_empty_graph_renders_as_nothing_but_the_frame() {
    let empty = Graph::default();
    assert_eq!(empty.to_string(), "");
    assert_eq!(
        empty.to_dot(),
        "digraph ownership {\n    graph [ordering=out, bgcolor=white];\n    \
         node [shape=box, style=\"rounded,filled\", fontname=\"monospace\"];\n    \
         edge [fontname=\"monospace\"];\n}\n"
    );
    assert_eq!(empty.to_mermaid(), "flowchart TD\n");
}

#[test]
fn every_renderer_is_deterministic() {
    // Two equal values at different addresses render the same.
    let (first, second) = (everything(), everything());
    let (one, two) = (Graph::of(&first), Graph::of(&second));
    assert_ne!(one.root().address(), two.root().address());
    assert_eq!(one.to_string(), two.to_string());
    assert_eq!(one.to_dot(), two.to_dot());
    assert_eq!(one.to_mermaid(), two.to_mermaid());
}

#[test]
fn mermaid_escapes_labels_and_styles_every_kind() {
    let value = everything();
    let mermaid = Graph::of(&value).to_mermaid();
    assert!(
        mermaid.contains(r#"-->|".odd #quot;quoted#quot; \ #lt;#amp;#gt; #35;1"|"#),
        "{mermaid}"
    );
    // Nothing but the label delimiters is a raw quote.
    for line in mermaid.lines().skip(1) {
        let quotes = line.matches('"').count();
        assert!(quotes == 0 || quotes == 2, "{line}");
    }
    // Shares are thick arrows, weak and borrows dotted ones told apart by
    // their dash patterns.
    assert!(mermaid.contains("n0 ==>|\".shared\"| n1"), "{mermaid}");
    assert!(mermaid.contains("n0 ==>|\".again\"| n1"), "{mermaid}");
    assert!(
        mermaid.contains("linkStyle 2 stroke-width:1.5px,stroke-dasharray:8 4"),
        "{mermaid}"
    );
    assert!(
        mermaid.contains("linkStyle 3 stroke-width:1.5px,stroke-dasharray:2 3"),
        "{mermaid}"
    );
}

/// A statement's attributes, `key=value`, in order.
type Attributes = Vec<(String, String)>;

/// A parsed DOT file: its nodes with their attributes, its edges with
/// theirs, strings unescaped the way Graphviz reads them.
#[derive(Debug, Default)]
struct ParsedDot {
    nodes: Vec<(String, Attributes)>,
    edges: Vec<(String, String, Attributes)>,
}

/// The DOT subset `to_dot` writes: `digraph NAME { ... }` holding
/// `graph [...]`, `node [...]` and `edge [...]` defaults, node statements `ID [...]` and
/// edge statements `ID -> ID [...]`, each ending in `;`, attributes
/// `key=value` separated by `,`, values bare or double-quoted with `\"`
/// and `\\` escapes. Anything else is an error, with where it was found.
fn parse_dot(text: &str) -> Result<ParsedDot, String> {
    #[derive(Debug, PartialEq)]
    enum Token {
        Id(String),
        Quoted(String),
        Punct(&'static str),
    }
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(at, character)) = chars.peek() {
        if character.is_whitespace() {
            chars.next();
        } else if character == '"' {
            chars.next();
            let mut value = String::new();
            loop {
                match chars.next() {
                    None => return Err(format!("unterminated string at byte {at}")),
                    Some((_, '"')) => break,
                    Some((_, '\\')) => match chars.next() {
                        Some((_, '"')) => value.push('"'),
                        Some((_, '\\')) => value.push('\\'),
                        Some((_, 'n')) => value.push('\n'),
                        other => return Err(format!("unknown escape {other:?} in string at {at}")),
                    },
                    Some((_, '\n')) => return Err(format!("raw line break in string at {at}")),
                    Some((_, other)) => value.push(other),
                }
            }
            tokens.push(Token::Quoted(value));
        } else if character.is_ascii_alphanumeric() || character == '_' || character == '.' {
            let mut id = String::new();
            while let Some(&(_, next)) = chars.peek() {
                if next.is_ascii_alphanumeric() || next == '_' || next == '.' {
                    id.push(next);
                    chars.next();
                } else {
                    break;
                }
            }
            tokens.push(Token::Id(id));
        } else if text[at..].starts_with("->") {
            chars.next();
            chars.next();
            tokens.push(Token::Punct("->"));
        } else {
            let punct = ["{", "}", "[", "]", "=", ",", ";"]
                .into_iter()
                .find(|punct| text[at..].starts_with(punct))
                .ok_or_else(|| format!("unexpected {character:?} at byte {at}"))?;
            chars.next();
            tokens.push(Token::Punct(punct));
        }
    }

    let mut at = 0;
    let expect = |token: Token, at: &mut usize| {
        if tokens.get(*at) == Some(&token) {
            *at += 1;
            Ok(())
        } else {
            Err(format!("expected {token:?}, found {:?}", tokens.get(*at)))
        }
    };
    let id = |at: &mut usize, tokens: &[Token]| match tokens.get(*at) {
        Some(Token::Id(id)) => {
            *at += 1;
            Ok(id.clone())
        }
        other => Err(format!("expected an identifier, found {other:?}")),
    };
    let attributes = |at: &mut usize, tokens: &[Token]| -> Result<Attributes, String> {
        let mut list = Vec::new();
        if tokens.get(*at) != Some(&Token::Punct("[")) {
            return Ok(list);
        }
        *at += 1;
        loop {
            match tokens.get(*at) {
                Some(Token::Punct("]")) => {
                    *at += 1;
                    return Ok(list);
                }
                Some(Token::Punct(",")) if !list.is_empty() => *at += 1,
                _ => {}
            }
            let key = id(at, tokens)?;
            if tokens.get(*at) != Some(&Token::Punct("=")) {
                return Err(format!("expected = after {key}"));
            }
            *at += 1;
            let value = match tokens.get(*at) {
                Some(Token::Id(value) | Token::Quoted(value)) => value.clone(),
                other => return Err(format!("expected a value for {key}, found {other:?}")),
            };
            *at += 1;
            list.push((key, value));
        }
    };

    expect(Token::Id("digraph".into()), &mut at)?;
    id(&mut at, &tokens)?;
    expect(Token::Punct("{"), &mut at)?;
    let mut parsed = ParsedDot::default();
    while tokens.get(at) != Some(&Token::Punct("}")) {
        let first = id(&mut at, &tokens)?;
        if tokens.get(at) == Some(&Token::Punct("->")) {
            at += 1;
            let second = id(&mut at, &tokens)?;
            let list = attributes(&mut at, &tokens)?;
            parsed.edges.push((first, second, list));
        } else {
            let list = attributes(&mut at, &tokens)?;
            if !["graph", "node", "edge"].contains(&first.as_str()) {
                parsed.nodes.push((first, list));
            }
        }
        expect(Token::Punct(";"), &mut at)?;
    }
    expect(Token::Punct("}"), &mut at)?;
    if at != tokens.len() {
        return Err(format!(
            "trailing tokens after the graph: {:?}",
            &tokens[at..]
        ));
    }
    Ok(parsed)
}

fn attribute<'a>(list: &'a [(String, String)], key: &str) -> Option<&'a str> {
    list.iter()
        .find(|(name, _)| name == key)
        .map(|(_, value)| value.as_str())
}

#[test]
fn dot_parses_and_round_trips_every_label() {
    let value = everything();
    let graph = Graph::of(&value);
    let parsed = parse_dot(&graph.to_dot()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(parsed.nodes.len(), graph.node_count());
    assert_eq!(parsed.edges.len(), graph.edge_count());
    for (node, (id, list)) in graph.nodes().zip(&parsed.nodes) {
        assert_eq!(*id, format!("n{}", node.id().index()));
        let label = attribute(list, "label").expect("every node has a label");
        assert!(
            label.starts_with(&node.label()) || node.type_name() == "?",
            "{label}"
        );
    }
    for (edge, (from, to, list)) in graph.edges().zip(&parsed.edges) {
        assert_eq!(*from, format!("n{}", edge.from().id().index()));
        assert_eq!(*to, format!("n{}", edge.to().id().index()));
        assert_eq!(attribute(list, "label").unwrap_or(""), edge.path());
        // The SVG picture's styles: shares is thick, not another pattern.
        let (style, width) = match edge.kind() {
            EdgeKind::Owns => ("solid", "1.5"),
            EdgeKind::Shares => ("solid", "3"),
            EdgeKind::Weak => ("dashed", "1.5"),
            EdgeKind::Borrows => ("dotted", "1.5"),
        };
        assert_eq!(attribute(list, "style"), Some(style));
        assert_eq!(attribute(list, "penwidth"), Some(width));
    }
    assert!(
        parsed
            .edges
            .iter()
            .any(|(_, _, list)| attribute(list, "label") == Some(&format!(".{ODD_FIELD}")))
    );
}

#[test]
fn the_dot_parser_rejects_what_graphviz_would() {
    assert!(parse_dot("digraph g { n0 [label=\"a\"]; }").is_ok());
    assert!(parse_dot("digraph g { n0 [label=\"a\"b\"]; }").is_err());
    assert!(parse_dot("digraph g { n0 [label=\"a]; }").is_err());
    assert!(parse_dot("digraph g { n0 -> [style=bold]; }").is_err());
    assert!(parse_dot("digraph g { n0 [label=\"a\"] }").is_err());
    assert!(parse_dot("digraph g { n0; ").is_err());
}

#[test]
#[cfg_attr(miri, ignore = "runs Graphviz in a subprocess")]
fn graphviz_accepts_the_dot_when_it_is_installed() {
    use std::io::Write;
    use std::process::{Command, Stdio};

    let (first, _second) = ring_of_two();
    let outputs = [
        Graph::of(&first).to_dot(),
        Graph::of(&everything()).to_dot(),
        Graph::of(&small_tree()).to_dot(),
    ];
    break_ring(&first);
    // Graphviz is not installed (or cannot run here): the parser test
    // above stands in. Asking for its version, rather than trying to
    // spawn it, also holds where a failed exec is only seen in the exit
    // status (under valgrind, for instance).
    let installed = Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !installed {
        return;
    }
    for dot in outputs {
        let mut child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("Graphviz starts, as it did for -V");
        child
            .stdin
            .take()
            .expect("a piped stdin")
            .write_all(dot.as_bytes())
            .expect("Graphviz reads its input");
        let output = child.wait_with_output().expect("Graphviz ran");
        assert!(
            output.status.success(),
            "dot rejected:\n{dot}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// A link of a chain of ownkit boxes.
#[derive(ownkit::trace::Walk)]
struct Link {
    next: Option<ownkit::Box<Link>>,
}

#[test]
fn a_deep_chain_prints_on_a_small_stack() {
    let length = if cfg!(miri) { 50 } else { 2_000 };
    let mut chain = Link { next: None };
    for _ in 0..length {
        chain = Link {
            next: Some(ownkit::Box::new(chain)),
        };
    }
    let graph = Graph::of(&chain);
    let (lines, last) = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(64 * 1024)
            .spawn_scoped(scope, || {
                let text = graph.to_string();
                let lines = text.lines().count();
                (lines, text.lines().last().map(str::to_owned))
            })
            .expect("a thread")
            .join()
            .expect("printed without overflowing the stack")
    });
    assert_eq!(lines, length + 1);
    let last = last.expect("a last line");
    assert_eq!(
        last,
        format!(
            "{}└── .next owns Link (Heap {} bytes)",
            "    ".repeat(length - 1),
            size_of::<Link>()
        )
    );
    // Dropping is recursive: unlink first.
    let mut next = chain.next.take();
    while let Some(mut link) = next {
        next = link.next.take();
    }
}

/// `Debug` summarises a graph: counts, the root, the cycles, the first
/// paths; `Display` is the whole tree.
#[test]
fn debug_is_a_short_summary() {
    let (first, second) = ring_of_two();
    let graph = Graph::of(&first);
    let summary = format!("{graph:?}");
    assert!(
        summary.starts_with(&format!(
            "Graph {{ nodes: {}, edges: {}, root: \"Rc<RefCell<Ring>>\", strong_cycles: 1, paths: [",
            graph.node_count(),
            graph.edge_count()
        )),
        "{summary}"
    );
    assert!(summary.contains("… "), "{summary}");
    assert!(!summary.contains("NodeRecord"), "{summary}");
    break_ring(&first);
    drop(second);
    assert_eq!(
        format!("{:?}", Graph::of(&7_u8)),
        "Graph { nodes: 1, edges: 0, root: \"u8\", strong_cycles: 0, paths: [\"u8\"] }"
    );
}
