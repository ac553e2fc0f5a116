//! A guided tour of ownkit's pointers: `cargo run --example tour`.
//!
//! Each section shows one rule of ownership happening: who owns a value,
//! when it is dropped, and what the borrow checker (or a `RefCell`, at run
//! time) refuses.

use ownkit::Box;
use ownkit::TraceDrop;
use ownkit::arena::{Arena, GenArena};
use ownkit::cell::{Cell, RefCell};
use ownkit::graph::Graph;
use ownkit::rc::{Rc, Weak};
use ownkit::sync::Arc;
use ownkit::trace::capture;
use std::sync::Barrier;
use std::thread;

/// A value that announces its own destruction, so the tour can show when
/// each owner lets go.
struct Noisy(&'static str);

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("    drop: {}", self.0);
    }
}

/// A scene for the drop-order section: a `Vec` of boxed structs, each with
/// a name and a list of parts.
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
struct Part(u32);

/// A music library for the ownership-graph section: playlists own their
/// boxes, share songs (the graph names each by its title, its `label`),
/// and remember the song playing weakly. Traced, so its destruction can be
/// drawn too.
#[derive(TraceDrop)]
struct Library {
    playlists: Vec<Box<Playlist>>,
}

#[derive(TraceDrop)]
struct Playlist {
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

/// Where the tour writes its picture: `target/ownkit/` (under
/// `CARGO_TARGET_DIR` when that is set).
fn picture_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(
            || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
            std::path::PathBuf::from,
        )
        .join("ownkit")
}

/// Writes a picture as SVG and as a web page to step through and hover
/// (or as Graphviz DOT when the `svg` feature is off), named `name`, and
/// returns where the page (or the DOT) went.
fn write_picture(
    name: &str,
    svg_and_page: impl FnOnce() -> (String, String),
    dot: impl FnOnce() -> String,
) -> std::io::Result<std::path::PathBuf> {
    let dir = picture_dir();
    std::fs::create_dir_all(&dir)?;
    if cfg!(feature = "svg") {
        let (svg, page) = svg_and_page();
        std::fs::write(dir.join(format!("{name}.svg")), svg)?;
        let path = dir.join(format!("{name}.html"));
        std::fs::write(&path, page)?;
        Ok(path)
    } else {
        let path = dir.join(format!("{name}.dot"));
        std::fs::write(&path, dot())?;
        Ok(path)
    }
}

/// Says where a picture went.
fn tell(what: &str, written: std::io::Result<std::path::PathBuf>) {
    match written {
        Ok(path) => println!("    {what}: {}", path.display()),
        Err(error) => println!("    could not write {what}: {error}"),
    }
}

fn section(title: &str) {
    println!("\n== {title}");
}

fn main() {
    section("Box: one owner, one heap block");
    {
        let boxed = Box::new(Noisy("the boxed value"));
        println!("    a Box is one pointer: {} bytes", size_of_val(&boxed));
        let moved = boxed; // ownership moves; `boxed` is gone, nothing is copied
        println!("    moved the Box; leaving the block drops its value, then frees it");
        drop(moved);
    }

    section("Rc: shared ownership, counted");
    let first = Rc::new(Noisy("the shared value"));
    println!(
        "    one Rc:            strong = {}, weak = {}",
        Rc::strong_count(&first),
        Rc::weak_count(&first)
    );
    let second = Rc::clone(&first);
    println!(
        "    cloned it:         strong = {}, weak = {}",
        Rc::strong_count(&first),
        Rc::weak_count(&first)
    );
    let observer: Weak<Noisy> = Rc::downgrade(&first);
    println!(
        "    downgraded a Weak: strong = {}, weak = {}",
        Rc::strong_count(&first),
        Rc::weak_count(&first)
    );
    println!(
        "    both Rcs point at one value: {}",
        Rc::ptr_eq(&first, &second)
    );

    section("Weak: outlives its value");
    drop(first);
    println!(
        "    dropped one Rc: the value is still alive, upgrade works: {}",
        observer.upgrade().is_some()
    );
    println!("    dropping the last Rc...");
    drop(second);
    println!(
        "    the Weak is still here (strong = {}), but upgrade gives {:?}",
        observer.strong_count(),
        observer.upgrade().map(|noisy| noisy.0)
    );
    println!("    the block itself is freed when this last Weak goes");
    drop(observer);

    section("Arc: shared across threads, the last owner frees");
    let shared = Arc::new(Noisy("the value the threads share"));
    let watcher = Arc::downgrade(&shared);
    let all_holding = Barrier::new(4);
    let main_let_go = Barrier::new(4);
    thread::scope(|scope| {
        for _ in 0..3 {
            let mine = Arc::clone(&shared); // each thread owns one count
            let (all_holding, main_let_go) = (&all_holding, &main_let_go);
            scope.spawn(move || {
                all_holding.wait();
                main_let_go.wait();
                drop(mine); // the last of the three to get here drops the value
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
        "    every thread is done; whichever dropped last dropped the value: upgrade gives {:?}",
        watcher.upgrade().map(|noisy| noisy.0)
    );

    section("Arena: many values, one owner, references between them");
    {
        /// A node that points at other nodes of the same arena. No `Drop`
        /// impl: the arena drops the nodes one by one, so one that is being
        /// dropped may point at one already gone (`examples/arena_graph.rs`
        /// explains why the compiler insists). Its `Noisy` name may have one.
        struct Node<'a> {
            name: Noisy,
            next: std::cell::Cell<Option<&'a Node<'a>>>,
        }
        let arena = Arena::new();
        let node = |name| {
            &*arena.alloc(Node {
                name: Noisy(name),
                next: std::cell::Cell::new(None),
            })
        };
        let (first, second, third) = (node("node 1"), node("node 2"), node("node 3"));
        first.next.set(Some(second));
        second.next.set(Some(third));
        third.next.set(Some(first)); // a cycle: plain references, no Rc, no Weak
        let mut walk = vec![first.name.0];
        let mut at = first;
        while let Some(next) = at.next.get() {
            walk.push(next.name.0);
            if std::ptr::eq(next, first) {
                break;
            }
            at = next;
        }
        println!("    {} nodes in a ring: {}", arena.len(), walk.join(" -> "));
        println!("    the arena owns them all; dropping it drops them in allocation order:");
    }

    section("GenArena: keys instead of references, and a use-after-free caught");
    let mut players = GenArena::new();
    let alice = players.insert("alice");
    println!("    inserted alice under key {alice}");
    players.remove(alice);
    let bob = players.insert("bob");
    println!("    removed alice; bob reuses her slot under key {bob}");
    match players.try_get(alice) {
        Ok(name) => unreachable!("a stale key reached {name}"),
        Err(stale) => println!("    looking alice up again: {stale}"),
    }
    println!("    bob's key still works: {:?}", players.get(bob));

    section("Cell: values in and out, never a reference inside");
    let counter = Cell::new(0);
    counter.set(counter.get() + 1);
    let old = counter.replace(10);
    println!(
        "    set to 1, replaced by 10 (got back {old}), now {}",
        counter.get()
    );

    section("RefCell: the borrow rules, checked at run time");
    let log = RefCell::new(vec!["first entry"]);
    let reader = log.borrow();
    println!("    a shared borrow is live: {:?}", *reader);
    match log.try_borrow_mut() {
        Ok(_) => unreachable!("a RefCell never hands out &mut while a Ref is alive"),
        Err(conflict) => {
            println!("    try_borrow_mut refused: {conflict}");
            if let Some(place) = conflict.location() {
                println!("    the blocking borrow was taken at {place} (debug builds record it)");
            }
        }
    }
    drop(reader);
    log.borrow_mut().push("second entry");
    println!(
        "    after the Ref dropped, borrow_mut works: {:?}",
        *log.borrow()
    );

    section("Drop order: what the compiler destroys, and inside what");
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
    println!(
        "    dropping a Scene: fields in declaration order, each box's contents before its block"
    );
    for line in report.to_string().lines() {
        println!("    {line}");
    }

    section("The ownership graph: what owns, shares, links weakly, and the ring that leaks");
    let (intro, outro) = (song("Intro"), song("Outro"));
    *intro.next.borrow_mut() = Some(outro.clone());
    let library = Library {
        playlists: vec![
            Box::new(Playlist {
                name: "morning".to_owned(),
                songs: vec![intro.clone(), outro.clone()],
                playing: Rc::downgrade(&intro),
            }),
            Box::new(Playlist {
                name: "evening".to_owned(),
                songs: vec![outro.clone()],
                playing: Weak::new(),
            }),
        ],
    };
    // "Repeat": the last song plays the first again, through a strong link.
    *outro.next.borrow_mut() = Some(intro.clone());
    let graph = Graph::of(&library);
    for line in graph.to_string().lines() {
        println!("    {line}");
    }
    for cycle in graph.cycles() {
        println!("    leaks once the library is gone: {cycle}");
    }
    tell(
        "the picture (and its SVG beside it)",
        write_picture("ownership", || svg_and_page(&graph), || graph.to_dot()),
    );
    // Break the ring, as the suggestion says, or both songs would leak.
    outro.next.borrow_mut().take();
    println!(
        "    after breaking the ring: {} cycles",
        Graph::of(&library).cycles().len()
    );
    println!(
        "    Outro has {} strong owners: two playlists, Intro's next, and this tour's local",
        Rc::strong_count(&outro)
    );

    // With the tour's own handles gone, the library owns every song: its
    // drop takes them all, and the capture records in what order.
    drop((intro, outro));
    let report = capture(|| drop(library));
    println!("    dropping the library (an Rc that is not the last owner destroys nothing):");
    for line in report.to_string().lines() {
        println!("    {line}");
    }
    tell(
        "its destruction, to step through",
        write_picture("drops", || report_svg_and_page(&report), || report.to_dot()),
    );
}

#[cfg(feature = "svg")]
fn svg_and_page(graph: &Graph) -> (String, String) {
    (graph.to_svg(), graph.to_html())
}

#[cfg(feature = "svg")]
fn report_svg_and_page(report: &ownkit::trace::DropReport) -> (String, String) {
    (report.to_svg(), report.to_html())
}

#[cfg(not(feature = "svg"))]
fn svg_and_page(_: &Graph) -> (String, String) {
    unreachable!("written only with the svg feature")
}

#[cfg(not(feature = "svg"))]
fn report_svg_and_page(_: &ownkit::trace::DropReport) -> (String, String) {
    unreachable!("written only with the svg feature")
}
