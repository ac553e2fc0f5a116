//! The gallery's scenes: each runs a few lines of real code and draws what
//! happened, with ownkit's own pictures. The code a scene shows is cut out
//! of this very file, between its `// [name]` and `// [/name]` markers, so
//! the page shows exactly the code that made the picture.
//!
//! Shared by `examples/gallery/main.rs`, which writes the page, and the
//! tests that open it in a browser and keep the README's pictures fresh.

use std::hint::black_box;
use std::mem::ManuallyDrop;

use ownkit::arena::{Arena, GenArena};
use ownkit::cell::RefCell;
use ownkit::graph::{Graph, LeakCheck};
use ownkit::rc::{Rc, Weak};
use ownkit::trace::{DropReport, capture, scope};
use ownkit::{TraceDrop, Walk};

/// One concept, drawn.
#[derive(Debug)]
pub(crate) struct Scene {
    /// Its name in file names and anchors: `stack`, `heap`.
    pub(crate) id: &'static str,
    pub(crate) title: &'static str,
    /// Two or three sentences saying what to look at.
    pub(crate) caption: &'static str,
    /// The code that made the pictures, as it is in this file.
    pub(crate) code: String,
    pub(crate) figures: Vec<Figure>,
}

/// What a scene shows.
#[derive(Debug)]
pub(crate) enum Figure {
    /// A picture, as SVG, with a short title.
    Picture { title: &'static str, svg: String },
    /// Text the run printed, or the compiler's: a leak report, an error.
    Text { title: &'static str, text: String },
}

/// This file, for the code of each scene.
const SOURCE: &str = include_str!("scenes.rs");

/// The code between `// [name]` and `// [/name]` in this file, with its
/// common indentation removed.
fn code(name: &str) -> &'static str {
    let begin = format!("// [{name}]\n");
    let end = format!("// [/{name}]");
    let start = SOURCE
        .find(&begin)
        .map(|at| at + begin.len())
        .unwrap_or_else(|| panic!("no `// [{name}]` marker in scenes.rs"));
    let stop = SOURCE[start..]
        .find(&end)
        .map(|at| start + at)
        .unwrap_or_else(|| panic!("no `// [/{name}]` marker in scenes.rs"));
    // Up to the start of the end marker's line.
    let body = &SOURCE[start..stop];
    &body[..body.rfind('\n').map_or(0, |at| at + 1)]
}

/// The code of `name`, its common indentation removed.
fn shown(name: &str) -> String {
    let body = code(name);
    let indent = body
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    body.lines()
        .map(|line| line.get(indent..).unwrap_or("").trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every scene, in the order the page shows them.
pub(crate) fn all() -> Vec<Scene> {
    vec![
        stack(),
        heap(),
        leak(),
        use_after_free(),
        double_free(),
        reachability(),
        ownership(),
        recursive_destruction(),
        one_root(),
        lifetimes(),
        borrowing_structs(),
    ]
}

/// The pictures committed under `ownkit/docs/pictures/`, as `{id}.svg`,
/// for the README and the crate's documentation to show: a scene's id and
/// the index of the picture among its figures. Each must come out the same
/// in every build: the leak is std's, because ownkit's `RefCell` is bigger
/// in debug builds (it remembers where it was borrowed).
pub(crate) const COMMITTED_PICTURES: [(&str, usize); 6] = [
    ("stack", 0),
    ("heap", 0),
    ("ownership", 0),
    ("destruction", 0),
    ("lifetimes", 0),
    ("leak", 2),
];

// [stack]
/// A local of a function: it logs nothing, the capture sees it drop.
#[derive(TraceDrop)]
struct Local(#[ownkit(label)] &'static str);

fn main_frame() {
    scope("fn main", || {
        let _config = Local("config");
        load();
        let _result = Local("result");
    });
}

fn load() {
    scope("fn load", || {
        let _path = Local("path");
        parse();
        let _buffer = Local("buffer");
    });
}

fn parse() {
    scope("fn parse", || {
        let _token = Local("token");
    });
}

fn stack_report() -> DropReport {
    capture(main_frame)
}
// [/stack]

fn stack() -> Scene {
    let report = stack_report();
    Scene {
        id: "stack",
        title: "The stack: frames come and go",
        caption: "Each call pushes a frame that owns its locals. When a function returns, \
                  its locals are dropped in reverse order of declaration, before its caller \
                  goes on: `parse`'s token first, `main`'s config last. The numbers are the \
                  order the drops began.",
        code: shown("stack"),
        figures: vec![
            Figure::Picture {
                title: "what each frame dropped as it returned",
                svg: report.to_svg(),
            },
            Figure::Text {
                title: "the same, as text",
                text: report.to_string(),
            },
        ],
    }
}

// [heap]
#[derive(TraceDrop)]
struct Team {
    names: Vec<String>,
    lead: ownkit::Box<String>,
}

fn heap_report() -> DropReport {
    capture(|| {
        let mut team = Team {
            names: Vec::new(),
            lead: ownkit::Box::new(String::from("Ada")),
        };
        for name in ["Grace", "Barbara", "Frances", "Hedy", "Katherine"] {
            // The fifth push outgrows the buffer: it is resized.
            team.names.push(String::from(name));
        }
        black_box(&team);
    })
}
// [/heap]

fn heap() -> Scene {
    let report = heap_report();
    Scene {
        id: "heap",
        title: "The heap: acquire, use, release exactly once",
        caption: "Every heap block is acquired once and released once, by its one owner. \
                  Each row is a block, from the tracking allocator's own events: the \
                  `Vec`'s buffer is resized as it grows and still released once, and every \
                  `String` goes when the team goes.",
        code: shown("heap"),
        figures: vec![
            Figure::Picture {
                title: "each block's life, event by event",
                svg: report.to_heap_svg(),
            },
            Figure::Picture {
                title: "which drop released which block",
                svg: report.to_svg(),
            },
        ],
    }
}

// [leak]
#[derive(Walk)]
struct Person {
    #[ownkit(label)]
    name: &'static str,
    friend: RefCell<Option<Rc<Person>>>,
}

#[derive(Walk)]
struct StdPerson {
    #[ownkit(label)]
    name: &'static str,
    friend: std::cell::RefCell<Option<std::rc::Rc<StdPerson>>>,
}

#[derive(Walk)]
struct FixedPerson {
    #[ownkit(label)]
    name: &'static str,
    friend: RefCell<Weak<FixedPerson>>,
}

fn leak_pictures() -> (Graph, Graph, String, Graph) {
    let mut check = LeakCheck::start();
    let ada = Rc::new(Person {
        name: "Ada",
        friend: RefCell::new(None),
    });
    let grace = Rc::new(Person {
        name: "Grace",
        friend: RefCell::new(Some(ada.clone())),
    });
    *ada.friend.borrow_mut() = Some(grace.clone()); // a cycle of strong links
    check.watch(&ada);
    let way_back = Rc::downgrade(&ada);
    drop((ada, grace)); // both still alive: each keeps the other
    let leaked = check.finish().expect_err("the cycle leaks").to_string();
    let ada = way_back.upgrade().expect("kept alive by the cycle");
    let cycle = Graph::of(&ada);
    ada.friend.borrow_mut().take(); // break it by hand, or it leaks for good

    let ada = std::rc::Rc::new(StdPerson {
        name: "Ada",
        friend: Default::default(),
    });
    let grace = std::rc::Rc::new(StdPerson {
        name: "Grace",
        friend: std::cell::RefCell::new(Some(ada.clone())),
    });
    *ada.friend.borrow_mut() = Some(grace.clone());
    let std_cycle = Graph::of(&ada);
    ada.friend.borrow_mut().take();

    let ada = Rc::new(FixedPerson {
        name: "Ada",
        friend: RefCell::new(Weak::new()),
    });
    let grace = Rc::new(FixedPerson {
        name: "Grace",
        friend: RefCell::new(Rc::downgrade(&ada)),
    });
    *ada.friend.borrow_mut() = Rc::downgrade(&grace); // Weak both ways: no cycle
    let fixed = Graph::of(&(ada, grace));
    (cycle, std_cycle, leaked, fixed)
}
// [/leak]

fn leak() -> Scene {
    let (cycle, std_cycle, leaked, fixed) = leak_pictures();
    Scene {
        id: "leak",
        title: "Leaks: a cycle of owners",
        caption: "Two values that own each other keep each other alive after the last outside \
                  owner is gone, with ownkit's `Rc` and with std's alike: the strong cycle is \
                  drawn red, and the leak check names the link to make `Weak`. With `Weak` \
                  links there is no cycle, and both are freed.",
        code: shown("leak"),
        figures: vec![
            Figure::Picture {
                title: "ownkit's Rc: the cycle, in red",
                svg: cycle.to_svg(),
            },
            Figure::Text {
                title: "the leak check's report",
                text: leaked,
            },
            Figure::Picture {
                title: "std's Rc: the same cycle",
                svg: std_cycle.to_svg(),
            },
            Figure::Picture {
                title: "fixed with Weak: no cycle",
                svg: fixed.to_svg(),
            },
        ],
    }
}

// [use-after-free]
fn stale_key() -> (String, Graph) {
    let mut arena = GenArena::new();
    let first = arena.insert(String::from("first"));
    arena.remove(first); // the value is gone; `first` still names its slot
    let second = arena.insert(String::from("second")); // the slot is reused, one generation on
    let refused = match arena.try_get(first) {
        Ok(value) => format!("the stale key read {value:?}"),
        Err(error) => format!("arena.try_get(first): {error}"),
    };
    let read = format!("arena.get(second): {:?}", arena.get(second));
    (format!("{refused}\n{read}\n"), Graph::of(&arena))
}
// [/use-after-free]

fn use_after_free() -> Scene {
    let (refused, arena) = stale_key();
    Scene {
        id: "use-after-free",
        title: "Use after free: refused",
        caption: "A reference into freed memory is refused by the compiler: the `Box` cannot \
                  be dropped while a reference into its block is still used. A key is only \
                  a number, so the generational arena refuses a stale one at run time \
                  instead: the slot was reused, one generation on, and the old key no longer \
                  matches.",
        code: shown("use-after-free"),
        figures: vec![
            Figure::Text {
                title: "the compiler refuses the reference version (tests/ui/box-borrow-after-drop.rs)",
                text: include_str!("../../tests/ui/box-borrow-after-drop.stderr").to_owned(),
            },
            Figure::Text {
                title: "the arena refuses the stale key at run time",
                text: refused,
            },
            Figure::Picture {
                title: "the arena afterwards: one value, in the reused slot",
                svg: arena.to_svg(),
            },
        ],
    }
}

// [double-free]
fn remove_twice() -> (String, DropReport) {
    let mut arena = GenArena::new();
    let key = arena.insert(ownkit::Box::new(Local("removed once")));
    let mut outcome = String::new();
    let report = capture(|| {
        let first = arena.remove(key); // Some: the value moves out, and drops here
        let second = arena.remove(key); // None: nothing left to free
        outcome = format!(
            "first remove: {}, second remove: {}\n",
            first.is_some(),
            second.is_some()
        );
    });
    (outcome, report)
}
// [/double-free]

fn double_free() -> Scene {
    let (outcome, report) = remove_twice();
    Scene {
        id: "double-free",
        title: "Double free: one owner, one free",
        caption: "Moving a value moves its ownership: the compiler refuses to use the \
                  moved-from binding, so nothing can free the block twice. Removing a key \
                  from the generational arena twice frees its value once; the second \
                  remove finds nothing and does nothing.",
        code: shown("double-free"),
        figures: vec![
            Figure::Text {
                title: "the compiler refuses the moved-from value (tests/ui/box-use-after-move.rs)",
                text: include_str!("../../tests/ui/box-use-after-move.stderr").to_owned(),
            },
            Figure::Text {
                title: "what the two removes returned",
                text: outcome,
            },
            Figure::Picture {
                title: "what was dropped and freed: once",
                svg: report.to_svg(),
            },
        ],
    }
}

// [reachability]
#[derive(Walk)]
struct Root {
    config: ownkit::Box<String>,
    items: Vec<String>,
}

/// A root that owns a boxed `String` and a list of two.
fn sample_root() -> Root {
    Root {
        config: ownkit::Box::new(String::from("verbose")),
        items: vec![String::from("one"), String::from("two")],
    }
}

fn unreachable_block() -> (Graph, String) {
    // The picture first: a graph's own lists are heap blocks too, and
    // kept past the check they would be listed beside the orphan.
    let graph = Graph::of(&sample_root());
    let check = LeakCheck::start();
    let root = sample_root();
    // Nothing reachable owns this block, and nothing will free it.
    let orphan = ManuallyDrop::new(black_box(String::from("orphan")));
    drop(root); // frees every block it owns
    let report = check
        .finish()
        .expect_err("the orphan was never freed")
        .to_string();
    drop(ManuallyDrop::into_inner(orphan)); // freed here, after the check, by hand
    (graph, report)
}
// [/reachability]

fn reachability() -> Scene {
    let (graph, report) = unreachable_block();
    Scene {
        id: "reachability",
        title: "Reachability: what the root can reach",
        caption: "Everything the program still owns can be reached from a root on the stack; \
                  dropping the root frees all of it. A block nothing reachable owns is never \
                  freed: the leak check, which sees every allocation, lists it.",
        code: shown("reachability"),
        figures: vec![
            Figure::Picture {
                title: "reachable from the root",
                svg: graph.to_svg(),
            },
            Figure::Text {
                title: "the leak check finds the unreachable block",
                text: report,
            },
        ],
    }
}

// [ownership]
#[derive(Walk)]
struct Document<'a> {
    title: String,               // owns its buffer
    body: ownkit::Box<[u8; 64]>, // owns its heap block
    style: Rc<String>,           // shares, with the other document
    author: &'a str,             // borrows from the caller
}

fn owners() -> Graph {
    let style = Rc::new(String::from("serif"));
    let author = String::from("Ada");
    let documents = [
        Document {
            title: String::from("Notes"),
            body: ownkit::Box::new([0; 64]),
            style: style.clone(),
            author: &author,
        },
        Document {
            title: String::from("Letter"),
            body: ownkit::Box::new([0; 64]),
            style,
            author: &author,
        },
    ];
    Graph::of(&documents)
}
// [/ownership]

fn ownership() -> Scene {
    Scene {
        id: "ownership",
        title: "Ownership: one owner per block",
        caption: "Each heap block has exactly one owner, drawn with a solid line. An `Rc` \
                  shares one value among several owners and counts them (thick lines). A \
                  reference borrows what someone else owns (dotted lines): here the author's \
                  name, owned by the caller.",
        code: shown("ownership"),
        figures: vec![Figure::Picture {
            title: "who owns, shares and borrows what",
            svg: owners().to_svg(),
        }],
    }
}

// [destruction]
#[derive(TraceDrop)]
struct Album {
    #[ownkit(label)]
    title: &'static str,
    songs: Vec<Song>,
    cover: ownkit::Box<[u8; 256]>,
}

#[derive(TraceDrop)]
struct Song {
    #[ownkit(label)]
    title: &'static str,
    notes: ownkit::Box<[u16; 8]>,
}

fn destruction() -> DropReport {
    let album = Album {
        title: "Blue",
        songs: vec![
            Song {
                title: "Intro",
                notes: ownkit::Box::new([0; 8]),
            },
            Song {
                title: "Outro",
                notes: ownkit::Box::new([0; 8]),
            },
        ],
        cover: ownkit::Box::new([0; 256]),
    };
    capture(|| drop(album))
}
// [/destruction]

fn recursive_destruction() -> Scene {
    let report = destruction();
    Scene {
        id: "destruction",
        title: "Recursive destruction",
        caption: "Dropping a value drops what it owns, field by field in declaration order, \
                  each all the way down before the next, and a box's contents before its \
                  block is freed. The numbers are the order the drops began.",
        code: shown("destruction"),
        figures: vec![
            Figure::Picture {
                title: "dropping the album",
                svg: report.to_svg(),
            },
            Figure::Text {
                title: "the same, as text",
                text: report.to_string(),
            },
        ],
    }
}

// [one-root]
#[derive(Walk)]
struct World {
    #[ownkit(label)]
    name: &'static str,
    regions: Vec<ownkit::Box<Region>>,
    index: std::collections::BTreeMap<u32, Rc<Region>>,
}

#[derive(Walk)]
struct Region {
    #[ownkit(label)]
    name: &'static str,
    towns: Vec<String>,
}

fn world() -> Graph {
    let capital = Rc::new(Region {
        name: "Capital",
        towns: vec![String::from("Old Town")],
    });
    let world = World {
        name: "Earth",
        regions: vec![
            ownkit::Box::new(Region {
                name: "North",
                towns: vec![String::from("Bay"), String::from("Fjord")],
            }),
            ownkit::Box::new(Region {
                name: "South",
                towns: vec![String::from("Dune")],
            }),
        ],
        index: [(1, capital.clone()), (2, capital)].into_iter().collect(),
    };
    Graph::of(&world) // one local on the stack; all the rest is on the heap
}
// [/one-root]

fn one_root() -> Scene {
    Scene {
        id: "one-root",
        title: "A deep structure, tied to one root",
        caption: "However deep a structure goes, boxes in vectors, maps of shared regions, \
                  strings, it hangs from one local on the stack. When that local goes out of \
                  scope, everything below it is dropped, and nothing else has to be.",
        code: shown("one-root"),
        figures: vec![Figure::Picture {
            title: "the world, from its one root",
            svg: world().to_svg(),
        }],
    }
}

// [lifetimes]
#[derive(Walk)]
struct Town {
    #[ownkit(label)]
    name: &'static str,
}

fn arena_refs() -> Graph {
    let arena = Arena::new();
    let bay: &Town = arena.alloc(Town { name: "Bay" });
    let dune: &Town = arena.alloc(Town { name: "Dune" });
    let route = vec![bay, dune, bay]; // references into the arena: they borrow it
    Graph::of(&route)
}
// [/lifetimes]

fn lifetimes() -> Scene {
    Scene {
        id: "lifetimes",
        title: "Lifetimes: references into an arena",
        caption: "An arena owns its values and hands out references that borrow it, so every \
                  reference lives inside the arena's lifetime: the route borrows its towns. \
                  Keeping a reference after the arena is dropped is refused by the compiler.",
        code: shown("lifetimes"),
        figures: vec![
            Figure::Picture {
                title: "a route of references into the arena",
                svg: arena_refs().to_svg(),
            },
            Figure::Text {
                title: "the compiler refuses a reference that outlives the arena (tests/ui/arena-ref-outlives-arena.rs)",
                text: include_str!("../../tests/ui/arena-ref-outlives-arena.stderr").to_owned(),
            },
        ],
    }
}

// [borrowing]
#[derive(Walk)]
struct Token<'a> {
    text: &'a str,
}

#[derive(Walk)]
struct Lexer<'a> {
    source: &'a str,
    current: Token<'a>,
}

#[derive(Walk)]
struct Parser<'a> {
    lexer: Lexer<'a>,
    errors: Vec<&'a str>,
}

fn parser_graph() -> Graph {
    let source = String::from("let x = 1;");
    let parser = Parser {
        lexer: Lexer {
            source: &source,
            current: Token {
                text: &source[4..5],
            },
        },
        errors: vec![&source[8..9]],
    };
    Graph::of(&parser) // every reference borrows `source`, which outlives them all
}
// [/borrowing]

fn borrowing_structs() -> Scene {
    Scene {
        id: "borrowing",
        title: "Structs that borrow, inside structs that borrow",
        caption: "A parser holds a lexer that holds a token, and each of them borrows the same \
                  source text. One lifetime, `'a`, runs through all three, so none of them can \
                  outlive the string they read from.",
        code: shown("borrowing"),
        figures: vec![Figure::Picture {
            title: "three levels of borrowing, one source",
            svg: parser_graph().to_svg(),
        }],
    }
}

/// The committed pictures ([`COMMITTED_PICTURES`]): each id with its SVG.
pub(crate) fn committed_pictures(scenes: &[Scene]) -> Vec<(&'static str, &str)> {
    COMMITTED_PICTURES
        .iter()
        .map(|&(id, index)| {
            let scene = scenes
                .iter()
                .find(|scene| scene.id == id)
                .unwrap_or_else(|| panic!("no scene `{id}`"));
            match &scene.figures[index] {
                Figure::Picture { svg, .. } => (id, svg.as_str()),
                Figure::Text { .. } => panic!("figure {index} of `{id}` is text, not a picture"),
            }
        })
        .collect()
}
