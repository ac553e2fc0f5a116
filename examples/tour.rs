//! A five-minute walk through ownership with ownkit: `cargo run --example
//! tour`.
//!
//! Nine stops, in the order of the crate's documentation: the stack and
//! the heap, ownership and moves, recursive drop, borrowing and lifetimes,
//! `Rc` and `Weak` (with a leak caught), `RefCell`, `Arc`, the arenas, and
//! where the unsafe code is. Each stop runs a few lines and prints what
//! happened, as ownkit saw it. The last one points at the gallery, which
//! draws all of it.

use std::sync::Barrier;
use std::thread;

use ownkit::arena::{Arena, GenArena};
use ownkit::cell::{Cell, RefCell};
use ownkit::graph::{Graph, LeakCheck};
use ownkit::rc::{Rc, Weak};
use ownkit::sync::Arc;
use ownkit::trace::{DropReport, HeapEventKind, capture, scope};
use ownkit::{Box, TraceDrop};

// Every heap block of this program is reported to the drop recorder and
// the leak check: std's `String`s and `Vec`s as well as ownkit's pointers.
#[global_allocator]
static ALLOCATOR: ownkit::alloc::Tracking = ownkit::alloc::Tracking::new(std::alloc::System);

/// A local with a name, so the reports can tell the locals apart.
#[derive(TraceDrop)]
struct Local(#[ownkit(label)] &'static str);

/// A scene for the recursive drop: a `Vec` of boxed shapes.
#[derive(TraceDrop)]
struct Scene {
    name: Part,
    shapes: Vec<Box<Shape>>,
}

#[derive(TraceDrop)]
struct Shape {
    outline: Part,
    fill: Option<Part>,
}

#[derive(TraceDrop)]
struct Part(#[ownkit(label)] u32);

/// A music library: playlists own their boxes, share songs, and remember
/// the song playing weakly. Each song is named by its title (its label).
#[derive(TraceDrop)]
struct Library {
    playlists: Vec<Box<Playlist>>,
}

#[derive(TraceDrop)]
struct Playlist {
    #[ownkit(label)]
    name: String,
    songs: Vec<Rc<Song>>,
    playing: Weak<Song>,
}

#[derive(TraceDrop)]
struct Song {
    #[ownkit(label)]
    title: String,
    /// What plays after it: a strong link, so "repeat" makes a ring.
    next: RefCell<Option<Rc<Song>>>,
}

fn song(title: &str) -> Rc<Song> {
    Rc::new(Song {
        title: title.to_owned(),
        next: RefCell::new(None),
    })
}

fn stop(number: u32, title: &str) {
    println!("\n== {number}. {title}");
}

fn print_indented(text: &str) {
    for line in text.lines() {
        println!("    {line}");
    }
}

fn main() {
    stack_and_heap();
    ownership_and_moves();
    recursive_drop();
    borrowing_and_lifetimes();
    rc_and_weak();
    refcell();
    arc();
    arenas();
    unsafe_core();
}

fn stack_and_heap() {
    stop(1, "The stack and the heap");
    // A function's locals live in its frame on the stack; a named scope
    // makes the frame a node of the report.
    let report = capture(|| {
        scope("fn main", || {
            let _config = Local("config");
            scope("fn load", || {
                let _path = Local("path");
                let _buffer = Local("buffer");
            });
            let _result = Local("result");
        })
    });
    println!("    each frame drops its locals as it returns, last declared first:");
    print_indented(&report.to_string());

    let heap = capture(|| {
        let boxed = Box::new([7_u8; 32]);
        println!(
            "    a Box on the stack is one pointer ({} bytes); its 32 bytes are on the heap",
            size_of_val(&boxed)
        );
    });
    for event in heap.heap_events() {
        let what = match event.kind {
            HeapEventKind::Acquired => "acquired",
            HeapEventKind::Released => "released",
            HeapEventKind::Resized { .. } => "resized",
        };
        println!("    the heap block of {} bytes was {what}", event.size);
    }
}

fn ownership_and_moves() {
    stop(2, "Ownership and moves");
    let first = Box::new(Local("owned once"));
    let second = first; // the owner changes; nothing is copied
    // `first` is dead from here: using it is a compile error (E0382).
    let report = capture(|| drop(second));
    println!("    moved the Box, then dropped its one owner: its value, then its block");
    print_indented(&report.to_string());
}

fn recursive_drop() {
    stop(3, "Recursive drop");
    let scene = Scene {
        name: Part(0),
        shapes: vec![
            Box::new(Shape {
                outline: Part(1),
                fill: Some(Part(2)),
            }),
            Box::new(Shape {
                outline: Part(3),
                fill: None,
            }),
        ],
    };
    let report = capture(|| drop(scene));
    println!("    dropping a Scene drops its fields in order, each all the way down.");
    println!("    Each line names the value by its path from its parent: `name:` is a");
    println!("    field, `shapes[0]:` an element, `*:` what a pointer points at.");
    print_indented(&report.to_string());
    write_pictures("drops", &report);
}

fn borrowing_and_lifetimes() {
    stop(4, "Borrowing and lifetimes");
    /// A node that points at other nodes of the same arena: plain
    /// references, which the arena's lifetime keeps valid.
    struct Node<'a> {
        name: &'static str,
        next: Cell<Option<&'a Node<'a>>>,
    }
    let arena = Arena::new();
    let node = |name| {
        &*arena.alloc(Node {
            name,
            next: Cell::new(None),
        })
    };
    let (first, second, third) = (node("node 1"), node("node 2"), node("node 3"));
    first.next.set(Some(second));
    second.next.set(Some(third));
    third.next.set(Some(first)); // a ring of references: no Rc, no leak
    let mut walk = vec![first.name];
    let mut at = first;
    while let Some(next) = at.next.get().filter(|next| !std::ptr::eq(*next, first)) {
        walk.push(next.name);
        at = next;
    }
    println!(
        "    {} nodes in an arena, each borrowing the next: {} -> back to node 1",
        arena.len(),
        walk.join(" -> ")
    );
    println!("    they borrow the arena: none can outlive it (E0597 if one tried)");
}

fn rc_and_weak() {
    stop(5, "Rc and Weak, and a leak caught");
    let (intro, outro) = (song("Intro"), song("Outro"));
    let playing = Rc::downgrade(&intro);
    let library = Library {
        playlists: vec![
            Box::new(Playlist {
                name: "morning".to_owned(),
                songs: vec![intro.clone(), outro.clone()],
                playing,
            }),
            Box::new(Playlist {
                name: "evening".to_owned(),
                songs: vec![outro.clone()],
                playing: Weak::new(),
            }),
        ],
    };
    println!(
        "    Outro has {} strong owners (two playlists and this stop's local) and Intro {} weak one",
        Rc::strong_count(&outro),
        Rc::weak_count(&intro)
    );
    let graph = Graph::of(&library);
    println!("    the library's ownership graph:");
    print_indented(&graph.to_string());
    write_graph_pictures(&graph);
    drop((intro, outro));
    let report = capture(|| drop(library));
    println!(
        "    dropping the library: {} values dropped, {} heap blocks freed",
        report.paths().len(),
        report.freed().len()
    );
    write_pictures("library-drops", &report);

    // "Repeat": two songs that play each other, through strong links.
    let mut check = LeakCheck::start();
    let (intro, outro) = (song("Intro"), song("Outro"));
    *intro.next.borrow_mut() = Some(outro.clone());
    *outro.next.borrow_mut() = Some(intro.clone());
    check.watch(&intro);
    let way_back = Rc::downgrade(&intro);
    drop((intro, outro)); // each keeps the other alive
    match check.finish() {
        Ok(()) => println!("    the leak check passed (it should not have)"),
        Err(leak) => {
            println!("    the leak check catches the ring:");
            print_indented(&leak.to_string());
        }
    }
    // Break the ring, as the check says, so this program does not leak.
    if let Some(intro) = way_back.upgrade() {
        intro.next.borrow_mut().take();
    }
}

fn refcell() {
    stop(6, "Cell and RefCell: shared, yet changed");
    let counter = Cell::new(0);
    counter.set(counter.get() + 1);
    println!("    a Cell moves values in and out: {}", counter.get());
    let log = RefCell::new(vec!["first entry"]);
    let reader = log.borrow();
    match log.try_borrow_mut() {
        Ok(_) => unreachable!("a RefCell never lends &mut while a Ref is alive"),
        Err(conflict) => println!("    a RefCell checks borrows at run time: {conflict}"),
    }
    drop(reader);
    log.borrow_mut().push("second entry");
    println!(
        "    once the reader is gone, it lends &mut: {:?}",
        *log.borrow()
    );
}

fn arc() {
    stop(7, "Arc: shared across threads");
    let shared = Arc::new(Local("shared by threads"));
    let watcher = Arc::downgrade(&shared);
    // Two meeting points: all hold their Arc, then main lets go first.
    let all_holding = Barrier::new(4);
    let main_let_go = Barrier::new(4);
    thread::scope(|threads| {
        for _ in 0..3 {
            let mine = Arc::clone(&shared);
            let (all_holding, main_let_go) = (&all_holding, &main_let_go);
            threads.spawn(move || {
                all_holding.wait();
                main_let_go.wait();
                drop(mine); // the last thread to let go drops the value
            });
        }
        all_holding.wait();
        println!(
            "    main and 3 threads each hold an Arc: strong = {}",
            Arc::strong_count(&shared)
        );
        drop(shared);
        println!(
            "    main let go first: strong = {}, the threads keep the value alive",
            watcher.strong_count()
        );
        main_let_go.wait();
    });
    println!(
        "    every owner let go, on whichever thread was last: upgrade gives {:?}",
        watcher.upgrade().map(|value| value.0)
    );
}

fn arenas() {
    stop(8, "The arenas: keys instead of references");
    let mut players = GenArena::new();
    let alice = players.insert("alice");
    players.remove(alice);
    println!(
        "    removed alice; removing her again does nothing: {:?}",
        players.remove(alice)
    );
    let bob = players.insert("bob");
    match players.try_get(alice) {
        Ok(name) => unreachable!("a stale key reached {name}"),
        Err(stale) => println!("    bob reuses her slot, and her stale key is refused: {stale}"),
    }
    println!("    bob's key works: {:?}", players.get(bob));
}

fn unsafe_core() {
    stop(9, "Where the unsafe code is");
    println!("    all of it is in ownkit/src/raw/, one file per primitive, each");
    println!("    `unsafe` block with its reason; everything above is safe code.");
    println!("\nEach stop, drawn from real runs: `cargo run --example gallery`,");
    println!("then open target/ownkit/gallery/index.html.");
}

/// Where the tour writes its pictures: `target/ownkit/` (under
/// `CARGO_TARGET_DIR` when that is set).
fn picture_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace_root().join("target"), std::path::PathBuf::from)
        .join("ownkit")
}

/// Writes a drop report as a page to step through (DOT without the `svg`
/// feature), and says where.
fn write_pictures(name: &str, report: &DropReport) {
    #[cfg(feature = "svg")]
    let (file, text) = (format!("{name}.html"), report.to_html());
    #[cfg(not(feature = "svg"))]
    let (file, text) = (format!("{name}.dot"), report.to_dot());
    write(&file, &text, "step through it");
}

/// Writes the library's graph as a page (DOT without the `svg` feature).
fn write_graph_pictures(graph: &Graph) {
    #[cfg(feature = "svg")]
    let (file, text) = ("ownership.html", graph.to_html());
    #[cfg(not(feature = "svg"))]
    let (file, text) = ("ownership.dot", graph.to_dot());
    write(file, &text, "the graph, drawn");
}

fn write(file: &str, text: &str, what: &str) {
    let dir = picture_dir();
    let path = dir.join(file);
    match std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, text)) {
        Ok(()) => println!("    ({what}: {})", path.display()),
        Err(error) => println!("    (could not write {}: {error})", path.display()),
    }
}

/// The repository's root: the examples' package sits in `examples/`.
fn workspace_root() -> &'static std::path::Path {
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    examples.parent().unwrap_or(examples)
}
