//! Labels in the ownership graph: a value whose type marks a field
//! `#[ownkit(label)]` is named by that field's `Debug` output in every
//! renderer, escaped as each format needs, cut at 32 characters, and
//! formatted once per graph, never while nobody builds one.

use std::cell::Cell;
use std::fmt;

use ownkit::cell::RefCell;
use ownkit::graph::Graph;
use ownkit::rc::Rc;
use ownkit::trace::{Descend, Visit, Walk, Walker};

#[derive(Walk)]
struct Song {
    #[ownkit(label, skip)]
    title: String,
    plays: u32,
}

fn song(title: &str) -> Song {
    Song {
        title: title.to_owned(),
        plays: 0,
    }
}

#[derive(Walk)]
struct Pair(#[ownkit(label)] u8, Song);

#[derive(Walk)]
enum Shape {
    Circle(#[ownkit(label)] f64),
    Square {
        #[ownkit(label)]
        side: u16,
        corner: Song,
    },
    Empty,
}

/// A `Debug` that writes its text as it is, control characters and
/// markup included, and counts its calls.
struct Raw<'c> {
    text: &'static str,
    calls: &'c Cell<usize>,
}

impl fmt::Debug for Raw<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.calls.set(self.calls.get() + 1);
        f.write_str(self.text)
    }
}

#[derive(Walk)]
struct Note<'c> {
    #[ownkit(label, skip)]
    text: Raw<'c>,
}

#[test]
fn the_text_tree_names_values_by_their_label() {
    let pair = Pair(7, song("Intro"));
    let graph = Graph::of(&pair);
    assert_eq!(
        graph.to_string(),
        "\
Pair 7
└── .1 owns Song \"Intro\"
"
    );
    assert_eq!(pair.1.plays, 0);
}

#[test]
fn two_values_of_one_type_are_told_apart() {
    let songs = (song("Intro"), song("Outro"));
    let graph = Graph::of(&songs);
    assert_eq!(
        graph.to_string(),
        "\
(Song, Song)
├── .0 owns Song \"Intro\"
└── .1 owns Song \"Outro\"
"
    );
    let labels: Vec<Option<&str>> = graph.nodes().map(|node| node.value_label()).collect();
    assert_eq!(labels, [None, Some("\"Intro\""), Some("\"Outro\"")]);
}

#[test]
fn a_shared_value_s_label_shows_where_it_is_referred_to_again() {
    let shared = Rc::new(song("Intro"));
    let both = (shared.clone(), shared.clone());
    let text = Graph::of(&both).to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "(Rc<Song>, Rc<Song>)");
    assert!(
        lines[1].starts_with("├── .0 shares Song \"Intro\" (Rc strong 3 weak 0, "),
        "{text}"
    );
    assert_eq!(
        lines[2],
        "└── .1 shares ↩ Song \"Intro\" at (Rc<Song>, Rc<Song>).0.*"
    );
    assert_eq!(Rc::strong_count(&shared), 3);
}

#[test]
fn each_variant_shows_its_name_and_its_own_label() {
    let shapes = vec![
        Shape::Circle(3.0),
        Shape::Square {
            side: 2,
            corner: song("corner"),
        },
        Shape::Empty,
    ];
    let graph = Graph::of(&shapes);
    let labels: Vec<String> = graph.nodes().map(|node| node.label()).collect();
    assert_eq!(
        labels,
        [
            "Vec<Shape>",
            "Vec<Shape>",
            "Shape::Circle 3.0",
            "Shape::Square 2",
            "Song \"corner\"",
            // No label: the type alone, as for any enum.
            "Shape",
        ]
    );
}

#[test]
fn a_label_inside_a_refcell_is_read_while_it_is_borrowed() {
    let shared = Rc::new(RefCell::new(song("Bridge")));
    let graph = Graph::of(&shared);
    let song_node = graph
        .nodes()
        .find(|node| node.value_label().is_some())
        .expect("the song inside the cell has its label");
    assert_eq!(song_node.label(), "Song \"Bridge\"");
    assert_eq!(song_node.path(), "Rc<RefCell<Song>>.*");
    // The borrow the walk took is over.
    shared.borrow_mut().plays += 1;
}

#[test]
fn a_long_label_is_cut_at_32_characters() {
    let long = song("a title much longer than thirty-two characters");
    let graph = Graph::of(&long);
    assert_eq!(
        graph.root().label(),
        "Song \"a title much longer than thirty…"
    );
    assert_eq!(
        graph.root().value_label().unwrap().chars().count(),
        32 + 1,
        "32 characters and the ellipsis"
    );
}

#[test]
fn dot_escapes_quotes_and_backslashes_of_a_label() {
    // `{:?}` of a `String` writes `"say \"hi\"\nbye"`: quotes and
    // backslashes, which a DOT string must escape.
    let quoted = song("say \"hi\"\nbye");
    assert_eq!(
        Graph::of(&quoted).to_dot(),
        r##"digraph ownership {
    graph [ordering=out, bgcolor=white];
    node [shape=box, style="rounded,filled", fontname="monospace"];
    edge [fontname="monospace"];
    n0 [label="Song \"say \\\"hi\\\"\\nbye\"", fillcolor="#e8f0fe"];
}
"##
    );
}

#[test]
fn mermaid_escapes_a_label() {
    let quoted = song("say \"hi\"\nbye");
    assert_eq!(
        Graph::of(&quoted).to_mermaid(),
        "flowchart TD\n    n0[\"Song #quot;say \\#quot;hi\\#quot;\\nbye#quot;\"]\n    \
         style n0 fill:#e8f0fe,stroke:#333\n"
    );
}

#[test]
fn a_hand_written_debug_cannot_break_a_line_or_the_markup() {
    let calls = Cell::new(0);
    let note = Note {
        text: Raw {
            text: "<b>a & b</b>\nnext line\u{7}",
            calls: &calls,
        },
    };
    let graph = Graph::of(&note);
    assert_eq!(calls.get(), 1, "formatted once, as the graph was built");
    let label = graph.root().label();
    assert_eq!(label, "Note <b>a & b</b>\\nnext line\\u{7}");
    assert!(!label.chars().any(char::is_control));

    assert_eq!(graph.to_string(), format!("{label}\n"));
    assert!(
        graph.to_dot().contains(
            r##"n0 [label="Note <b>a & b</b>\\nnext line\\u{7}", fillcolor="#e8f0fe"];"##
        ),
        "{}",
        graph.to_dot()
    );
    assert!(
        graph
            .to_mermaid()
            .contains(r#"n0["Note #lt;b#gt;a #amp; b#lt;/b#gt;\nnext line\u{7}"]"#),
        "{}",
        graph.to_mermaid()
    );
    assert_eq!(calls.get(), 1, "rendering reads the graph's text");
}

#[cfg(feature = "svg")]
#[test]
fn svg_escapes_a_label() {
    let calls = Cell::new(0);
    let note = Note {
        text: Raw {
            text: "<b>\"a\" & b</b>\n",
            calls: &calls,
        },
    };
    let svg = Graph::of(&note).to_svg();
    assert!(
        svg.contains(">Note &lt;b&gt;&quot;a&quot; &amp; b&lt;/b&gt;\\n</text>"),
        "{svg}"
    );
    assert!(!svg.contains("<b>"), "{svg}");
    let quoted = Graph::of(&song("say \"hi\"")).to_svg();
    assert!(
        quoted.contains(">Song &quot;say \\&quot;hi\\&quot;&quot;</text>"),
        "{quoted}"
    );
}

#[test]
fn a_walker_that_does_not_ask_formats_nothing() {
    /// Counts visits, and leaves `Walker::label` as it is.
    struct Count(usize);
    impl<'a> Walker<'a> for Count {
        fn visit(&mut self, _: Visit<'a>) -> Descend {
            self.0 += 1;
            Descend::Yes
        }
    }
    let calls = Cell::new(0);
    let note = Note {
        text: Raw {
            text: "quiet",
            calls: &calls,
        },
    };
    let mut count = Count(0);
    note.walk(&mut count);
    assert_eq!(count.0, 2, "its `Traced` visit and its `Leave`");
    assert_eq!(calls.get(), 0);
    let _graph = Graph::of(&note);
    assert_eq!(calls.get(), 1);
}

#[test]
fn paths_and_cycles_name_values_by_type_and_field() {
    #[derive(Walk)]
    struct Ring {
        #[ownkit(label)]
        id: u8,
        next: Option<Rc<RefCell<Ring>>>,
    }
    let first = Rc::new(RefCell::new(Ring { id: 1, next: None }));
    let second = Rc::new(RefCell::new(Ring {
        id: 2,
        next: Some(first.clone()),
    }));
    first.borrow_mut().next = Some(second.clone());
    let graph = Graph::of(&first);
    assert_eq!(
        graph.paths(),
        [
            "Rc<RefCell<Ring>>",
            "Rc<RefCell<Ring>>.*",
            "Rc<RefCell<Ring>>.*",
            "Rc<RefCell<Ring>>.*.next.*",
            "Rc<RefCell<Ring>>.*.next.*",
        ]
    );
    let cycles: Vec<String> = graph.cycles().iter().map(ToString::to_string).collect();
    assert_eq!(cycles.len(), 1);
    assert!(!cycles[0].contains("Ring 1"), "{}", cycles[0]);
    let labels: Vec<String> = graph.nodes().map(|node| node.label()).collect();
    assert_eq!(
        labels,
        [
            "Rc<RefCell<Ring>>",
            "RefCell<Ring>",
            "Ring 1",
            "RefCell<Ring>",
            "Ring 2",
        ]
    );
    first.borrow_mut().next = None;
    assert_eq!(second.borrow().id, 2);
}
