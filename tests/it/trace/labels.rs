//! Labels in drop reports: a dropped value whose type marks a field
//! `#[ownkit(label)]` shows that field's `Debug` output in the tree, while
//! its path stays its type's; the value is formatted only while a capture
//! records its drop.

use std::cell::Cell;
use std::fmt;
use std::sync::Barrier;
use std::thread;

use ownkit::TraceDrop;
use ownkit::trace::{capture, record_drop};

use super::support::{Leaf, traced};

#[derive(TraceDrop)]
struct Song {
    #[ownkit(label, skip)]
    title: String,
    intro: Leaf,
}

fn song(title: &str, intro: &'static str) -> Song {
    Song {
        title: title.to_owned(),
        intro: Leaf(intro),
    }
}

#[derive(TraceDrop)]
struct Album {
    #[ownkit(label, skip)]
    name: &'static str,
    songs: Vec<Song>,
    bonus: ownkit::Box<Song>,
}

#[derive(TraceDrop)]
enum Shape {
    Circle(#[ownkit(label)] f64, Leaf),
    Square {
        #[ownkit(label, skip)]
        side: u16,
    },
    Empty(Leaf),
}

/// A `Debug` that counts its calls.
#[derive(Clone, Copy)]
struct Counted<'c> {
    text: &'static str,
    calls: &'c Cell<usize>,
}

impl fmt::Debug for Counted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.calls.set(self.calls.get() + 1);
        f.write_str(self.text)
    }
}

#[derive(TraceDrop)]
struct Tagged<'c> {
    #[ownkit(label, skip)]
    tag: Counted<'c>,
    inner: Option<ownkit::Box<Tagged<'c>>>,
}

#[test]
fn the_tree_shows_each_value_s_label() {
    let album = Album {
        name: "Debut",
        songs: vec![song("Intro", "intro 1"), song("Outro", "intro 2")],
        bonus: ownkit::Box::new(song("Hidden track", "intro 3")),
    };
    let (report, logged) = traced(|| drop(album));
    assert_eq!(logged, ["intro 1", "intro 2", "intro 3"]);
    report.assert_tree(&format!(
        "
        Album \"Debut\"
        ├── songs[0]: Song \"Intro\"
        │   └── intro: Leaf
        ├── songs[1]: Song \"Outro\"
        │   └── intro: Leaf
        └── bonus: Box<Song>
            ├── *: Song \"Hidden track\"
            │   └── intro: Leaf
            └── freed {} bytes (align {})
        ",
        size_of::<Song>(),
        align_of::<Song>()
    ));
    assert!(report.is_certain(), "{report}");
}

#[test]
fn paths_stay_those_of_types_and_fields() {
    let album = Album {
        name: "Debut",
        songs: vec![song("Intro", "intro")],
        bonus: ownkit::Box::new(song("Bonus", "bonus")),
    };
    let report = capture(|| drop(album));
    report.assert_paths(&[
        "Album",
        "Album.songs[0]",
        "Album.songs[0].intro",
        "Album.bonus",
        "Album.bonus.*",
        "Album.bonus.*.intro",
    ]);
    let root = report.roots().get(0).unwrap();
    assert_eq!(
        (root.path(), root.label()),
        ("Album".to_owned(), "Album \"Debut\"")
    );
    // The freed block is named by the box's path too.
    let freed = report.freed();
    assert_eq!(freed.len(), 1);
    assert_eq!(freed[0].path, "Album.bonus");
}

#[test]
fn with_addresses_shows_the_label_before_the_address() {
    let report = capture(|| drop(song("Intro", "intro")));
    let address = report.roots().get(0).unwrap().address();
    let text = report.with_addresses().to_string();
    assert!(
        text.starts_with(&format!("Song \"Intro\" @ {address:#x}\n")),
        "{text}"
    );
}

#[test]
fn each_variant_shows_its_name_and_its_own_label() {
    let report = capture(|| {
        drop(Shape::Circle(1.5, Leaf("circle")));
        drop(Shape::Square { side: 4 });
        drop(Shape::Empty(Leaf("empty")));
    });
    report.assert_tree(
        "
        Shape::Circle 1.5
        └── 1: Leaf
        Shape::Square 4
        Shape::Empty
        └── 0: Leaf
        ",
    );
    report.assert_paths(&[
        "Shape::Circle",
        "Shape::Circle.1",
        "Shape::Square",
        "Shape::Empty",
        "Shape::Empty.0",
    ]);
}

#[test]
fn a_long_label_is_cut_at_32_characters() {
    let report = capture(|| drop(song("a title much longer than thirty-two characters", "x")));
    let root = report.roots().get(0).unwrap();
    assert_eq!(root.label(), "Song \"a title much longer than thirty…");
}

#[test]
fn a_label_is_formatted_only_while_a_capture_records() {
    let calls = Cell::new(0);
    let tagged = |text| Tagged {
        tag: Counted {
            text,
            calls: &calls,
        },
        inner: None,
    };
    drop(tagged("outside"));
    assert_eq!(calls.get(), 0, "no capture: nothing formatted");

    // Another thread captures meanwhile: this thread's drop goes past the
    // gate, and must still format nothing.
    let barrier = Barrier::new(2);
    thread::scope(|scope| {
        let watcher = scope.spawn(|| {
            capture(|| {
                barrier.wait();
                barrier.wait();
            })
        });
        barrier.wait();
        drop(tagged("elsewhere"));
        barrier.wait();
        let report = watcher.join().expect("the watcher does not panic");
        assert!(report.roots().is_empty(), "{report}");
    });
    assert_eq!(
        calls.get(),
        0,
        "another thread's capture: nothing formatted"
    );

    let mut outer = tagged("outer");
    outer.inner = Some(ownkit::Box::new(tagged("inner")));
    let report = capture(|| drop(outer));
    // Each value once, as it drops: the outer one's walk does not ask
    // the inner one for its label.
    assert_eq!(calls.get(), 2);
    report.assert_tree(&format!(
        "
        Tagged outer
        └── inner: Box<Tagged>
            ├── *: Tagged inner
            └── freed {} bytes (align {})
        ",
        size_of::<Tagged<'_>>(),
        align_of::<Tagged<'_>>()
    ));
}

#[test]
fn captures_on_two_threads_keep_their_own_labels() {
    let barrier = Barrier::new(2);
    let reports: Vec<_> = thread::scope(|scope| {
        let threads: Vec<_> = ["first", "second"]
            .into_iter()
            .map(|name| {
                let barrier = &barrier;
                scope.spawn(move || {
                    capture(|| {
                        for round in 0..3 {
                            // Interleave the two captures' records.
                            barrier.wait();
                            drop(song(&format!("{name} {round}"), "intro"));
                        }
                    })
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|thread| thread.join().expect("no panic"))
            .collect()
    });
    for (report, name) in reports.iter().zip(["first", "second"]) {
        let labels: Vec<&str> = report.roots().map(|root| root.label()).collect();
        let expected: Vec<String> = (0..3)
            .map(|round| format!("Song \"{name} {round}\""))
            .collect();
        assert_eq!(labels, expected);
        assert!(report.is_certain(), "{report}");
    }
}

/// With `T: Debug` declared, the generated `Drop` can format the label.
#[derive(TraceDrop)]
struct Declared<T: fmt::Debug> {
    #[ownkit(label, skip)]
    id: T,
}

/// Without it, only the walk can: the `Drop` may add no bound.
#[derive(TraceDrop)]
struct Undeclared<T> {
    #[ownkit(label, skip)]
    id: T,
}

#[test]
fn a_generic_label_shows_in_drops_when_the_type_declares_debug() {
    let report = capture(|| {
        drop(Declared { id: 'd' });
        drop(Undeclared { id: 'u' });
    });
    report.assert_tree(
        "
        Declared<char> 'd'
        Undeclared<char>
        ",
    );
    // The graph has the `Walk` impl, which requires `T: Debug`.
    let undeclared = Undeclared { id: 'u' };
    let graph = ownkit::graph::Graph::of(&undeclared);
    assert_eq!(graph.root().label(), "Undeclared<char> 'u'");
}

/// A hand-written `Drop` that records through the walk.
#[derive(TraceDrop)]
#[ownkit(manual)]
struct Manual {
    #[ownkit(label, skip)]
    name: &'static str,
    leaf: Leaf,
}

impl Drop for Manual {
    fn drop(&mut self) {
        record_drop(self);
    }
}

#[test]
fn a_manual_drop_records_the_label_too() {
    let report = capture(|| {
        drop(Manual {
            name: "by hand",
            leaf: Leaf("leaf"),
        });
    });
    report.assert_tree(
        "
        Manual \"by hand\"
        └── leaf: Leaf
        ",
    );
}

#[test]
fn an_opaque_label_field_is_shown_and_placed_by_address() {
    #[derive(TraceDrop)]
    struct Sealed {
        #[ownkit(label, opaque)]
        contents: Leaf,
    }
    let report = capture(|| {
        drop(Sealed {
            contents: Leaf("sealed"),
        })
    });
    let sealed = report.roots().get(0).unwrap();
    assert_eq!(sealed.label(), "Sealed Leaf(\"sealed\")");
    let contents = sealed.children().get(0).unwrap();
    assert_eq!(contents.path(), "Sealed.contents");
    assert!(contents.uncertain().is_some());
}
