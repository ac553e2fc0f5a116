//! The one leak safe Rust allows: a cycle of `Rc`s. This example builds
//! one, shows the ownership graph and the named cycle, lets a leak check
//! catch it, then fixes it with a `Weak` and shows the clean graph. Last,
//! it makes the same mistake with std's `Rc`, which the leak check finds
//! too, because this program installs ownkit's tracking allocator:
//! `cargo run --example leak`. The cycle's graph and the fixed team's
//! destruction are written as web pages under `target/ownkit/leak/`.

use ownkit::cell::RefCell;
use ownkit::graph::{Graph, LeakCheck};
use ownkit::rc::{Rc, Weak};
use ownkit::trace::{TraceDrop, Walk};

// Every heap block of the program is reported to the leak check: std's
// `Rc`s and `String`s as well as ownkit's pointers.
#[global_allocator]
static ALLOC: ownkit::alloc::Tracking = ownkit::alloc::Tracking::new(std::alloc::System);

/// An employee who knows their manager and the people reporting to them.
/// The mistake: the link up to the manager is strong too.
#[derive(Walk)]
struct Employee {
    #[ownkit(label)]
    name: String,
    manager: RefCell<Option<Rc<Employee>>>,
    reports: RefCell<Vec<Rc<Employee>>>,
}

/// The fix: the link up is a `Weak`, so it does not keep the manager alive.
/// Traced, so that its destruction can be drawn.
#[derive(TraceDrop)]
struct FixedEmployee {
    #[ownkit(label)]
    name: String,
    manager: RefCell<Weak<FixedEmployee>>,
    reports: RefCell<Vec<Rc<FixedEmployee>>>,
}

/// The mistake again, with std's `Rc` and `RefCell`.
#[derive(Walk)]
struct StdEmployee {
    name: String,
    manager: std::cell::RefCell<Option<std::rc::Rc<StdEmployee>>>,
    reports: std::cell::RefCell<Vec<std::rc::Rc<StdEmployee>>>,
}

/// Writes `page` as `target/ownkit/leak/{name}.html` (with the `svg`
/// feature, which draws the pages) and says where it went.
fn write_page(name: &str, page: impl FnOnce() -> Option<String>) {
    let Some(page) = page() else { return };
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace_root().join("target"), std::path::PathBuf::from)
        .join("ownkit")
        .join("leak");
    let path = dir.join(format!("{name}.html"));
    match std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, page)) {
        Ok(()) => println!("    drawn in {}", path.display()),
        Err(error) => println!("    could not write {}: {error}", path.display()),
    }
}

fn print_indented(text: &str) {
    for line in text.lines() {
        println!("    {line}");
    }
}

fn leaking() {
    println!("== A manager and a report who own each other");
    let check = {
        let mut check = LeakCheck::start();
        let boss = Rc::new(Employee {
            name: "Ada".to_owned(),
            manager: RefCell::new(None),
            reports: RefCell::new(Vec::new()),
        });
        let report = Rc::new(Employee {
            name: "Grace".to_owned(),
            manager: RefCell::new(Some(boss.clone())),
            reports: RefCell::new(Vec::new()),
        });
        boss.reports.borrow_mut().push(report);

        let graph = Graph::of(&boss);
        print_indented(&graph.to_string());
        for cycle in graph.cycles() {
            println!("    cycle: {cycle}");
        }
        write_page("cycle", || html(&graph));
        check.watch(&boss);
        // Keep a way back in, to clean up after the demonstration.
        let way_back = Rc::downgrade(&boss);
        drop(boss);
        println!(
            "    dropped the last outside handle; {} is still alive: {}",
            way_back
                .upgrade()
                .map(|boss| boss.name.clone())
                .unwrap_or_default(),
            way_back.upgrade().is_some()
        );
        (check, way_back)
    };
    let (check, way_back) = check;
    match check.finish() {
        Ok(()) => println!("    the leak check passed (it should not have)"),
        Err(report) => {
            println!("    the leak check fails:");
            print_indented(&report.to_string());
        }
    }
    // Break the cycle by hand so this program itself does not leak.
    if let Some(boss) = way_back.upgrade() {
        boss.reports.borrow_mut().clear();
    }
}

fn fixed() {
    println!("\n== The same team with a Weak link up to the manager");
    let check = LeakCheck::start();
    let boss = Rc::new(FixedEmployee {
        name: "Ada".to_owned(),
        manager: RefCell::new(Weak::new()),
        reports: RefCell::new(Vec::new()),
    });
    let report = Rc::new(FixedEmployee {
        name: "Grace".to_owned(),
        manager: RefCell::new(Rc::downgrade(&boss)),
        reports: RefCell::new(Vec::new()),
    });
    boss.reports.borrow_mut().push(report);
    let graph = Graph::of(&boss);
    print_indented(&graph.to_string());
    println!("    cycles: {}", graph.cycles().len());
    let manager_of_report = boss.reports.borrow()[0]
        .manager
        .borrow()
        .upgrade()
        .map(|manager| manager.name.clone());
    println!("    Grace's manager, through the Weak: {manager_of_report:?}");
    write_page("fixed", || html(&graph));
    // The check sees every block of the scope, so the graph and the name
    // are let go before it ends, too.
    drop((graph, manager_of_report));
    let destruction = ownkit::trace::capture(|| drop(boss));
    println!("    dropping the team frees every block, names included:");
    print_indented(&destruction.to_string());
    write_page("fixed-drops", || report_html(&destruction));
    drop(destruction);
    match check.finish() {
        Ok(()) => println!("    dropped the team: every block was freed, the leak check passes"),
        Err(report) => print_indented(&report.to_string()),
    }
}

fn std_leaking() {
    println!("\n== The first mistake, made with std's Rc and RefCell");
    let mut check = LeakCheck::start();
    let boss = std::rc::Rc::new(StdEmployee {
        name: "Ada".to_owned(),
        manager: std::cell::RefCell::new(None),
        reports: std::cell::RefCell::new(Vec::new()),
    });
    let report = std::rc::Rc::new(StdEmployee {
        name: "Grace".to_owned(),
        manager: std::cell::RefCell::new(Some(boss.clone())),
        reports: std::cell::RefCell::new(Vec::new()),
    });
    boss.reports.borrow_mut().push(report);
    check.watch(&boss);
    let way_back = std::rc::Rc::downgrade(&boss);
    drop(boss);
    match check.finish() {
        Ok(()) => println!("    the leak check passed (it should not have)"),
        Err(report) => {
            println!("    the leak check fails (exact: {}):", report.is_exact());
            print_indented(&report.to_string());
        }
    }
    if let Some(boss) = way_back.upgrade() {
        boss.reports.borrow_mut().clear();
    }
}

#[cfg(feature = "svg")]
fn html(graph: &Graph) -> Option<String> {
    Some(graph.to_html())
}

#[cfg(feature = "svg")]
fn report_html(report: &ownkit::trace::DropReport) -> Option<String> {
    Some(report.to_html())
}

#[cfg(not(feature = "svg"))]
fn html(_: &Graph) -> Option<String> {
    None
}

#[cfg(not(feature = "svg"))]
fn report_html(_: &ownkit::trace::DropReport) -> Option<String> {
    None
}

fn main() {
    leaking();
    fixed();
    std_leaking();
}

/// The repository's root: the examples' package sits in `examples/`.
fn workspace_root() -> &'static std::path::Path {
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    examples.parent().unwrap_or(examples)
}
