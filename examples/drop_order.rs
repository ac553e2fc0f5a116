//! The Rust Reference's drop-order rules, one small scene each, printed as
//! the trees ownkit records: `cargo run --example drop_order`.
//!
//! <https://doc.rust-lang.org/reference/destructors.html>

use ownkit::trace::{DropReport, capture};
use ownkit::{Box, Rc, TraceDrop};

#[derive(TraceDrop)]
struct Leaf;

#[derive(TraceDrop)]
struct Pair {
    first: Leaf,
    second: Leaf,
}

#[derive(TraceDrop)]
struct Holder {
    boxed: Box<Pair>,
    list: Vec<Leaf>,
}

#[derive(TraceDrop)]
enum Shape {
    Dot,
    Line(Leaf, Leaf),
}

fn scene(rule: &str, report: &DropReport) {
    println!("\n== {rule}");
    for line in report.to_string().lines() {
        println!("   {line}");
    }
}

fn main() {
    let report = capture(|| {
        drop(Pair {
            second: Leaf,
            first: Leaf,
        })
    });
    scene(
        "A struct's fields drop in declaration order, after the struct itself (whatever order they were written in)",
        &report,
    );

    let report = capture(|| {
        let _first = Pair {
            first: Leaf,
            second: Leaf,
        };
        let _second = Leaf;
    });
    scene("Locals drop in reverse order of declaration", &report);

    let report = capture(|| {
        let _kept = Leaf;
        let _ = Pair {
            first: Leaf,
            second: Leaf,
        }; // `_` binds nothing: dropped at the end of this statement
    });
    scene(
        "A temporary drops at the end of its statement, before earlier locals",
        &report,
    );

    let report = capture(|| {
        drop(Holder {
            boxed: Box::new(Pair {
                first: Leaf,
                second: Leaf,
            }),
            list: vec![Leaf, Leaf, Leaf],
        })
    });
    scene(
        "A Box drops its contents, then frees its block (here none: a zero-sized value needs no block); a Vec drops its elements in order",
        &report,
    );

    let report = capture(|| {
        drop(Shape::Line(Leaf, Leaf));
        drop(Shape::Dot);
    });
    scene("An enum drops the fields of its active variant", &report);

    let report = capture(|| {
        let mut slot = Pair {
            first: Leaf,
            second: Leaf,
        };
        slot.first = Leaf; // the old `first` drops here, on its own
        drop(slot);
    });
    scene("Assigning to a place drops the value it held", &report);

    let report = capture(|| {
        let shared = Rc::new(Leaf);
        let other = Rc::clone(&shared);
        drop(shared); // 2 -> 1 owner: the value stays, and nothing is recorded
        drop(other); // the last owner drops it and frees the block
    });
    scene(
        "An Rc drops its value only when the last owner goes",
        &report,
    );

    // The panic below is on purpose: keep its message off the output.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(std::boxed::Box::new(|_| {}));
    let report = capture(|| {
        let result = std::panic::catch_unwind(|| {
            let _first = Leaf;
            let _second = Pair {
                first: Leaf,
                second: Leaf,
            };
            panic!("unwinding on purpose");
        });
        assert!(result.is_err());
    });
    std::panic::set_hook(default_hook);
    scene(
        "While a panic unwinds, locals still drop, in reverse order",
        &report,
    );
}
