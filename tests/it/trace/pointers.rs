//! ownkit's own pointers record exact begin, free and end events.

use super::support::{Leaf, traced};
use ownkit::TraceDrop;

#[derive(TraceDrop)]
struct Node {
    name: Leaf,
    next: Option<ownkit::Box<Node>>,
}

#[test]
fn a_boxed_list_nests_each_node_inside_the_box_that_owns_it() {
    let (report, logged) = traced(|| {
        let list = Node {
            name: Leaf("1"),
            next: Some(ownkit::Box::new(Node {
                name: Leaf("2"),
                next: Some(ownkit::Box::new(Node {
                    name: Leaf("3"),
                    next: None,
                })),
            })),
        };
        drop(list);
    });
    assert_eq!(logged, ["1", "2", "3"]);
    report.assert_paths(&[
        "Node",
        "Node.name",
        "Node.next",
        "Node.next.*",
        "Node.next.*.name",
        "Node.next.*.next",
        "Node.next.*.next.*",
        "Node.next.*.next.*.name",
    ]);
    // The inner box is freed before the outer one: contents first.
    let freed: Vec<String> = report.freed().into_iter().map(|block| block.path).collect();
    assert_eq!(freed, ["Node.next.*.next", "Node.next"]);
    assert!(report.is_certain());
}

#[derive(TraceDrop)]
struct Owners {
    first: ownkit::Rc<Leaf>,
    second: ownkit::Rc<Leaf>,
}

#[test]
fn an_rc_that_is_not_the_last_owner_records_nothing_and_is_not_missed() {
    let (report, logged) = traced(|| {
        let shared = ownkit::Rc::new(Leaf("shared"));
        drop(Owners {
            first: ownkit::Rc::clone(&shared),
            second: shared,
        });
    });
    // The second field was the last owner: the value drops there. The
    // first only gave up a count, which ownkit's Rc does not record (that
    // would cost every Rc drop a check), and its announced drop is not
    // reported missing.
    assert_eq!(logged, ["shared"]);
    report.assert_paths(&["Owners", "Owners.second", "Owners.second.*"]);
    let freed = report.freed();
    assert_eq!(freed.len(), 1);
    assert_eq!(freed[0].path, "Owners.second");
    assert!(report.is_certain(), "{report}");
}

#[test]
fn an_arc_dropped_on_another_thread_is_recorded_there() {
    let shared = ownkit::Arc::new(Leaf("arc"));
    let other = ownkit::Arc::clone(&shared);
    let (main_report, _) = traced(|| drop(shared));
    // Not the last owner: it destroys nothing, and records nothing.
    main_report.assert_paths(&[]);
    let handle = std::thread::spawn(move || traced(|| drop(other)));
    let (thread_report, logged) = handle.join().unwrap();
    assert_eq!(logged, ["arc"]);
    thread_report.assert_paths(&["Arc<Leaf>", "Arc<Leaf>.*"]);
    assert_eq!(thread_report.freed().len(), 1);
}

/// Panics when dropped; not traced itself.
struct PanicOnDrop;

impl Drop for PanicOnDrop {
    fn drop(&mut self) {
        panic!("a field's drop panicked on purpose");
    }
}

#[derive(TraceDrop)]
struct WithPanickingField {
    first: Leaf,
    #[ownkit(skip)]
    _bomb: PanicOnDrop,
    last: Leaf,
}

#[test]
fn a_panicking_field_drop_inside_a_box_still_ends_and_frees_the_box() {
    let (report, logged) = traced(|| {
        let boxed = ownkit::Box::new(WithPanickingField {
            first: Leaf("first"),
            _bomb: PanicOnDrop,
            last: Leaf("last"),
        });
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(boxed)));
        assert!(result.is_err());
    });
    // The compiler keeps dropping the other fields while unwinding.
    assert_eq!(logged, ["first", "last"]);
    report.assert_paths(&[
        "Box<WithPanickingField>",
        "Box<WithPanickingField>.*",
        "Box<WithPanickingField>.*.first",
        "Box<WithPanickingField>.*.last",
    ]);
    assert_eq!(
        report.freed().len(),
        1,
        "the block is freed while unwinding"
    );
}
