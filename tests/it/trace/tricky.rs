//! The cases that fool a report built from addresses alone: stack slots
//! reused in release builds, zero-sized fields, enum variants at one
//! address, packed structs, generics, unsized fields, hooks, threads and
//! thread exit.

use super::support::{Leaf, Marker, log, traced};
use ownkit::TraceDrop;
use ownkit::trace::{DropHook, Walk};

#[test]
fn the_same_stack_slot_reused_in_a_loop_gives_separate_roots() {
    let (report, logged) = traced(|| {
        for name in ["0", "1", "2"] {
            let leaf = Leaf(name);
            drop(leaf);
        }
    });
    assert_eq!(logged, ["0", "1", "2"]);
    assert_eq!(report.roots().len(), 3, "{report}");
    report.assert_paths(&["Leaf", "Leaf", "Leaf"]);
    assert!(report.is_certain());
}

#[derive(TraceDrop)]
struct Pair {
    left: Leaf,
    right: Leaf,
}

#[test]
fn drop_a_then_drop_b_in_one_slot_never_nests_b_in_a() {
    let (report, logged) = traced(|| {
        let a = Pair {
            left: Leaf("a.left"),
            right: Leaf("a.right"),
        };
        drop(a);
        let b = Pair {
            left: Leaf("b.left"),
            right: Leaf("b.right"),
        };
        drop(b);
    });
    assert_eq!(logged, ["a.left", "a.right", "b.left", "b.right"]);
    report.assert_paths(&[
        "Pair",
        "Pair.left",
        "Pair.right",
        "Pair",
        "Pair.left",
        "Pair.right",
    ]);
    assert_eq!(report.roots().len(), 2);
}

#[derive(TraceDrop)]
struct ZeroSized {
    x: Marker<'x'>,
    y: Marker<'y'>,
    leaf: Leaf,
}

#[test]
fn zero_sized_fields_share_an_address_and_are_told_apart_by_type_and_order() {
    assert_eq!(std::mem::size_of::<Marker<'x'>>(), 0);
    let (report, logged) = traced(|| {
        drop(ZeroSized {
            x: Marker,
            y: Marker,
            leaf: Leaf("leaf"),
        });
    });
    assert_eq!(logged, ["x", "y", "leaf"]);
    report.assert_paths(&["ZeroSized", "ZeroSized.x", "ZeroSized.y", "ZeroSized.leaf"]);
    assert!(report.is_certain());
}

#[derive(TraceDrop)]
enum Tree {
    Leaf(Leaf),
    Node(Box<Tree>, Box<Tree>),
}

#[test]
fn an_enum_root_shows_its_variant_and_variants_share_an_address() {
    let (report, logged) = traced(|| {
        drop(Tree::Node(
            Box::new(Tree::Leaf(Leaf("left"))),
            Box::new(Tree::Leaf(Leaf("right"))),
        ));
    });
    assert_eq!(logged, ["left", "right"]);
    report.assert_paths(&[
        "Tree::Node",
        "Tree::Node.0.*",
        "Tree::Node.0.*.0",
        "Tree::Node.1.*",
        "Tree::Node.1.*.0",
    ]);
    report.assert_tree(
        "Tree::Node
         ├── 0.*: Tree::Leaf
         │   └── 0: Leaf
         └── 1.*: Tree::Leaf
             └── 0: Leaf",
    );
}

#[derive(TraceDrop)]
#[repr(C, packed)]
struct Packed {
    tag: u8,
    leaf: Leaf,
}

#[test]
fn a_packed_struct_is_flagged_not_silently_wrong() {
    let (report, logged) = traced(|| {
        drop(Packed {
            tag: 7,
            leaf: Leaf("packed leaf"),
        });
    });
    assert_eq!(logged, ["packed leaf"]);
    // The compiler moves `leaf` to an aligned place before dropping it, so
    // the report cannot be sure where it belongs, and says so.
    assert!(!report.is_certain(), "{report}");
    assert_eq!(report.paths().first().map(String::as_str), Some("Packed"));
}

/// Generic with a `Walk` bound: its field is walked exactly.
#[derive(TraceDrop)]
struct Bounded<T: Walk> {
    inner: T,
}

/// Generic without bounds: its field can only be placed by address.
#[derive(TraceDrop)]
struct Unbounded<T> {
    inner: T,
}

#[test]
fn generics_with_a_bound_are_exact_and_without_one_are_flagged() {
    let (report, _) = traced(|| {
        drop(Bounded {
            inner: Leaf("bounded"),
        })
    });
    report.assert_paths(&["Bounded", "Bounded.inner"]);
    assert!(report.is_certain());

    let (report, logged) = traced(|| {
        drop(Unbounded {
            inner: Leaf("unbounded"),
        })
    });
    assert_eq!(logged, ["unbounded"]);
    assert_eq!(report.paths().len(), 2, "{report}");
    assert!(!report.is_certain(), "{report}");
    // The flag says which bound is missing, and where it goes.
    let inner = report.roots().get(0).unwrap().children().get(0).unwrap();
    assert_eq!(
        inner.uncertain(),
        Some(
            "placed by address: it lies inside `Unbounded.inner`, which ownkit cannot see \
             into: `Unbounded` does not declare `T: Walk`; add it to the bounds of \
             `Unbounded` to have its field `inner` traced exactly"
        ),
        "{report}"
    );
}

/// Three parameters, one declared `Walk`: the field lacks the other two.
#[derive(TraceDrop)]
struct PartlyBounded<K, V: Walk, W>(Option<(K, V, W)>);

#[test]
fn a_generic_field_is_flagged_with_every_bound_it_lacks() {
    let (report, logged) = traced(|| {
        drop(PartlyBounded(Some((Leaf("k"), Leaf("v"), Leaf("w")))));
    });
    assert_eq!(logged, ["k", "v", "w"]);
    report.assert_paths(&[
        "PartlyBounded",
        "PartlyBounded.0",
        "PartlyBounded.0",
        "PartlyBounded.0",
    ]);
    let field = report.roots().get(0).unwrap().children().get(0).unwrap();
    assert_eq!(
        field.uncertain(),
        Some(
            "placed by address: it lies inside `PartlyBounded.0`, which ownkit cannot see \
             into: `PartlyBounded` does not declare `K: Walk` and `W: Walk`; add them to \
             the bounds of `PartlyBounded` to have its field `0` traced exactly"
        ),
        "{report}"
    );
}

/// Names the type of what a holder holds.
trait Holds {
    type Held;
}

/// Holds a leaf, and walks as nothing.
#[derive(Walk)]
struct LeafHolder;

impl Holds for LeafHolder {
    type Held = Leaf;
}

/// A field of an associated type: `T: Walk` does not reach `T::Held`.
#[derive(TraceDrop)]
struct HeldLoosely<T: Holds + Walk> {
    held: T::Held,
    #[ownkit(skip)]
    _holder: T,
}

/// The same, with the bound the field needs in the where clause.
#[derive(TraceDrop)]
struct HeldExactly<T: Holds + Walk>
where
    T::Held: Walk,
{
    held: T::Held,
    #[ownkit(skip)]
    _holder: T,
}

#[test]
fn a_field_the_declared_bounds_do_not_reach_is_flagged_with_the_bound_to_add() {
    let (report, logged) = traced(|| {
        drop(HeldLoosely {
            held: Leaf("loose"),
            _holder: LeafHolder,
        });
    });
    assert_eq!(logged, ["loose"]);
    report.assert_paths(&["HeldLoosely", "HeldLoosely.held"]);
    let held = report.roots().get(0).unwrap().children().get(0).unwrap();
    assert_eq!(
        held.uncertain(),
        Some(
            "placed by address: it lies inside `HeldLoosely.held`, which ownkit cannot see \
             into: the bounds `HeldLoosely` declares do not prove that its field `held` \
             walks; add a `Walk` bound on the field's type to the where clause of \
             `HeldLoosely` to have it traced exactly"
        ),
        "{report}"
    );

    let (report, _) = traced(|| {
        drop(HeldExactly {
            held: Leaf("exact"),
            _holder: LeafHolder,
        });
    });
    report.assert_paths(&["HeldExactly", "HeldExactly.held"]);
    assert!(report.is_certain(), "{report}");
}

#[derive(TraceDrop)]
struct WithTail<T: ?Sized + Walk> {
    head: Leaf,
    tail: T,
}

#[test]
fn an_unsized_last_field_is_walked_in_place() {
    let (report, logged) = traced(|| {
        let sized: Box<WithTail<[Leaf; 2]>> = Box::new(WithTail {
            head: Leaf("head"),
            tail: [Leaf("t0"), Leaf("t1")],
        });
        let unsized_value: Box<WithTail<[Leaf]>> = sized;
        drop(unsized_value);
    });
    assert_eq!(logged, ["head", "t0", "t1"]);
    report.assert_paths(&[
        "WithTail",
        "WithTail.head",
        "WithTail.tail[0]",
        "WithTail.tail[1]",
    ]);
}

/// Drops one child early from its hook, in place, by assigning over it.
#[derive(TraceDrop)]
#[ownkit(hook)]
struct EarlyParent {
    child: Option<Leaf>,
    other: Leaf,
}

impl DropHook for EarlyParent {
    fn drop_hook(&mut self) {
        log("parent hook");
        self.child = None; // drops the old child right where it is
        log("child gone");
    }
}

#[test]
fn a_hook_that_drops_a_child_early_shows_it_first_and_in_place() {
    let (report, logged) = traced(|| {
        drop(EarlyParent {
            child: Some(Leaf("child")),
            other: Leaf("other"),
        });
    });
    assert_eq!(logged, ["parent hook", "child", "child gone", "other"]);
    report.assert_paths(&["EarlyParent", "EarlyParent.child", "EarlyParent.other"]);
    assert!(report.is_certain(), "{report}");
}

/// Moves a child out of its field from its hook, then drops it.
#[derive(TraceDrop)]
#[ownkit(hook)]
struct MovingParent {
    child: Option<Leaf>,
    other: Leaf,
}

impl DropHook for MovingParent {
    fn drop_hook(&mut self) {
        drop(self.child.take());
    }
}

#[test]
fn a_child_moved_out_by_a_hook_is_placed_under_its_field_and_flagged() {
    let (report, logged) = traced(|| {
        drop(MovingParent {
            child: Some(Leaf("moved")),
            other: Leaf("other"),
        });
    });
    assert_eq!(logged, ["moved", "other"]);
    // The moved value dropped away from the field the parent announced, so
    // only its type says it is that child: it goes under the field, flagged
    // as a match by type, and the field is not reported missing.
    report.assert_tree(
        "MovingParent
         ├── child: Leaf (uncertain: matched by type: it dropped while the drop hook of `MovingParent` ran, not where `MovingParent.child` was announced, so the hook moved it out first)
         └── other: Leaf",
    );
    assert!(report.anomalies().is_empty(), "{report}");
    assert!(!report.is_certain());
}

/// Moves a child out from its hook and drops a value of another type.
#[derive(TraceDrop)]
#[ownkit(hook)]
struct Stranger {
    other: Leaf,
}

impl DropHook for Stranger {
    fn drop_hook(&mut self) {
        drop(Marker::<'x'>);
    }
}

#[test]
fn a_value_the_hook_makes_and_drops_is_under_the_hook_not_a_root() {
    let (report, logged) = traced(|| {
        drop(Stranger {
            other: Leaf("other"),
        });
    });
    assert_eq!(logged, ["x", "other"]);
    report.assert_tree(
        "Stranger
         ├── ?: Marker<'x'> (uncertain: nothing announced it; it dropped while the drop hook of `Stranger` ran)
         └── other: Leaf",
    );
    assert!(report.anomalies().is_empty(), "{report}");
}

/// Forgets its child from its hook, so an expected drop never comes.
#[derive(TraceDrop)]
#[ownkit(hook)]
struct Forgetful {
    child: Option<Leaf>,
    other: Leaf,
}

impl DropHook for Forgetful {
    fn drop_hook(&mut self) {
        std::mem::forget(self.child.take());
    }
}

#[test]
fn an_expected_child_that_never_drops_is_an_anomaly() {
    let (report, logged) = traced(|| {
        drop(Forgetful {
            child: Some(Leaf("forgotten")),
            other: Leaf("other"),
        });
    });
    assert_eq!(logged, ["other"]);
    report.assert_paths(&["Forgetful", "Forgetful.other"]);
    assert_eq!(report.anomalies().len(), 1, "{report}");
    assert!(
        report.anomalies()[0]
            .to_string()
            .contains("Forgetful.child"),
        "{report}"
    );
}

/// Panics from its hook; the compiler still drops its fields.
#[derive(TraceDrop)]
#[ownkit(hook)]
struct PanickingHook {
    child: Leaf,
}

impl DropHook for PanickingHook {
    fn drop_hook(&mut self) {
        panic!("hook panicked on purpose");
    }
}

#[test]
fn a_panicking_hook_still_drops_and_records_the_fields() {
    let (report, logged) = traced(|| {
        let value = PanickingHook {
            child: Leaf("child"),
        };
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(value)));
        assert!(result.is_err());
    });
    assert_eq!(logged, ["child"]);
    report.assert_paths(&["PanickingHook", "PanickingHook.child"]);
}

#[test]
fn two_threads_record_at_once_each_into_its_own_tree() {
    let barrier = std::sync::Barrier::new(2);
    let reports = std::thread::scope(|scope| {
        let handles: Vec<_> = ["left", "right"]
            .map(|side| {
                let barrier = &barrier;
                scope.spawn(move || {
                    traced(|| {
                        barrier.wait();
                        for _ in 0..if cfg!(miri) { 3 } else { 50 } {
                            drop(Pair {
                                left: Leaf(side),
                                right: Leaf(side),
                            });
                        }
                    })
                })
            })
            .into_iter()
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().unwrap())
            .collect::<Vec<_>>()
    });
    for (report, logged) in reports {
        let rounds = if cfg!(miri) { 3 } else { 50 };
        assert_eq!(logged.len(), 2 * rounds);
        assert_eq!(report.roots().len(), rounds);
        assert!(report.is_certain());
        assert!(report.paths().iter().all(|path| path.starts_with("Pair")));
    }
}

thread_local! {
    static HELD: std::cell::RefCell<Option<Leaf>> = const { std::cell::RefCell::new(None) };
}

#[test]
fn a_value_in_a_thread_local_dropped_at_thread_exit_neither_panics_nor_aborts() {
    let (report, _) = traced(|| {
        std::thread::spawn(|| {
            HELD.with(|held| *held.borrow_mut() = Some(Leaf("thread exit")));
            // Recording inside this thread while it exits: the value's drop
            // runs after the thread's main function returned.
        })
        .join()
        .expect("the thread exits cleanly");
    });
    // The main thread's capture does not see other threads' drops.
    assert!(report.roots().is_empty(), "{report}");
}

#[derive(TraceDrop)]
struct CycleNode {
    next: std::cell::RefCell<Option<ownkit::Rc<CycleNode>>>,
    name: Leaf,
}

#[test]
fn an_rc_cycle_drops_nothing() {
    let a = ownkit::Rc::new(CycleNode {
        next: std::cell::RefCell::new(None),
        name: Leaf("a"),
    });
    let b = ownkit::Rc::new(CycleNode {
        next: std::cell::RefCell::new(Some(ownkit::Rc::clone(&a))),
        name: Leaf("b"),
    });
    *a.next.borrow_mut() = Some(ownkit::Rc::clone(&b));
    let way_back_in = ownkit::Rc::downgrade(&a);
    let (report, logged) = traced(|| drop((a, b)));
    // Neither value was dropped: the cycle keeps both alive, so neither
    // handle was the last owner, and nothing is recorded. (The ownership
    // graph is what shows such a cycle.)
    assert!(logged.is_empty());
    report.assert_paths(&[]);

    // Break the cycle so the test leaks nothing.
    let (report, logged) = traced(|| {
        let a = way_back_in.upgrade().expect("the cycle kept `a` alive");
        drop(a.next.borrow_mut().take());
    });
    assert_eq!(logged, ["b", "a"]);
    assert!(
        report.paths().iter().any(|path| path.ends_with(".name")),
        "{report}"
    );
}

#[test]
fn a_failed_assertion_shows_a_readable_diff() {
    let (report, _) = traced(|| {
        drop(Pair {
            left: Leaf("l"),
            right: Leaf("r"),
        })
    });
    let failure = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        report.assert_paths(&["Pair", "Pair.right", "Pair.left"]);
    }))
    .expect_err("the order is wrong, so the assertion must fail");
    let message = failure
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(message.contains("-") && message.contains("+"), "{message}");
    assert!(message.contains("Pair.left"), "{message}");
}

/// The payload of [`Swapping::Before`], with a value of its own.
#[derive(TraceDrop)]
struct Before(Leaf);

/// The payload of [`Swapping::After`].
#[derive(TraceDrop)]
struct After(Leaf);

/// rustc's `issue-23611-enum-swap-in-drop`: the drop hook swaps another
/// variant into the value being dropped. The old variant, moved out, drops
/// inside the hook (its own hook runs, and does nothing the second time);
/// the compiler then drops the new variant's fields.
#[derive(TraceDrop)]
#[ownkit(hook)]
enum Swapping {
    Before(Before, bool),
    After(After, bool),
}

impl DropHook for Swapping {
    fn drop_hook(&mut self) {
        let swap = match self {
            Swapping::Before(_, swap) | Swapping::After(_, swap) => core::mem::replace(swap, false),
        };
        if swap {
            log("hook swaps");
            let old = core::mem::replace(self, Swapping::After(After(Leaf("swapped in")), false));
            drop(old);
            log("hook done");
        }
    }
}

#[test]
fn a_variant_swapped_in_by_the_hook_is_placed_and_flagged_and_nothing_is_called_missing() {
    let (report, logged) = traced(|| drop(Swapping::Before(Before(Leaf("original")), true)));
    assert_eq!(
        logged,
        ["hook swaps", "original", "hook done", "swapped in"]
    );
    // The old variant went under `.?`, flagged, with what it held; the new
    // one takes the announced place of the field it replaced, flagged; and
    // no drop that happened is called missing.
    report.assert_tree(
        "Swapping::Before
         ├── ?: Swapping::Before (uncertain: nothing announced it; it dropped while the drop hook of `Swapping::Before` ran)
         │   └── 0: Before
         │       └── 0: Leaf
         └── 0: After (uncertain: placed by address: `Swapping::Before.0` was announced as Before, and the drop hook of `Swapping::Before` put this After there)
             └── 0: Leaf",
    );
    assert!(report.anomalies().is_empty(), "{report}");
    assert!(!report.is_certain());
}

/// Replaces a field from its hook: the old value drops in the hook, the
/// new one where the field was.
#[derive(TraceDrop)]
#[ownkit(hook)]
struct Replacing {
    child: Leaf,
    other: Leaf,
}

impl DropHook for Replacing {
    fn drop_hook(&mut self) {
        drop(core::mem::replace(&mut self.child, Leaf("replacement")));
    }
}

#[test]
fn a_field_replaced_by_the_hook_shows_both_values_each_flagged() {
    let (report, logged) = traced(|| {
        drop(Replacing {
            child: Leaf("original"),
            other: Leaf("other"),
        });
    });
    assert_eq!(logged, ["original", "replacement", "other"]);
    report.assert_tree(
        "Replacing
         ├── child: Leaf (uncertain: matched by type: it dropped while the drop hook of `Replacing` ran, not where `Replacing.child` was announced, so the hook moved it out first)
         ├── child: Leaf (uncertain: placed by address: `Replacing.child` was announced as Leaf, and the drop hook of `Replacing` put this Leaf there)
         └── other: Leaf",
    );
    assert!(report.anomalies().is_empty(), "{report}");
}

/// Empties itself from its hook: the old variant, with the field it
/// announced, drops inside the hook, and nothing drops where it was.
#[derive(TraceDrop)]
#[ownkit(hook)]
enum Toggle {
    /// The flag says whether to empty it: the value moved out must not
    /// empty itself again when its own hook runs.
    Full(Before, bool),
    Empty,
}

impl DropHook for Toggle {
    fn drop_hook(&mut self) {
        if let Toggle::Full(_, empty) = self
            && core::mem::replace(empty, false)
        {
            drop(core::mem::replace(self, Toggle::Empty));
        }
    }
}

#[test]
fn a_field_that_dropped_inside_a_value_the_hook_moved_out_is_not_called_missing() {
    let (report, logged) = traced(|| drop(Toggle::Full(Before(Leaf("inside")), true)));
    assert_eq!(logged, ["inside"]);
    report.assert_tree(
        "Toggle::Full
         └── ?: Toggle::Full (uncertain: nothing announced it; it dropped while the drop hook of `Toggle::Full` ran)
             └── 0: Before
                 └── 0: Leaf",
    );
    assert!(report.anomalies().is_empty(), "{report}");
}

/// Swaps in a variant whose field sits where nothing was announced
/// (`repr(C)` fixes the offsets: `Narrow`'s field at 8, `Wide`'s at 16).
#[derive(TraceDrop)]
#[ownkit(hook)]
#[repr(C, u8)]
enum Shift {
    /// The flag, as in [`Toggle`], keeps the moved-out value from shifting
    /// again.
    Narrow(Before, bool),
    Wide(u64, After),
}

impl DropHook for Shift {
    fn drop_hook(&mut self) {
        if let Shift::Narrow(_, shift) = self
            && core::mem::replace(shift, false)
        {
            drop(core::mem::replace(
                self,
                Shift::Wide(0, After(Leaf("wide"))),
            ));
        }
    }
}

#[test]
fn a_value_the_hook_put_where_nothing_was_announced_goes_under_it_flagged() {
    let (report, logged) = traced(|| drop(Shift::Narrow(Before(Leaf("narrow")), true)));
    assert_eq!(logged, ["narrow", "wide"]);
    report.assert_tree(
        "Shift::Narrow
         ├── ?: Shift::Narrow (uncertain: nothing announced it; it dropped while the drop hook of `Shift::Narrow` ran)
         │   └── 0: Before
         │       └── 0: Leaf
         └── ?: After (uncertain: nothing announced it; it dropped after the drop hook of `Shift::Narrow` ran, while `Shift::Narrow` was still dropping its fields, so the hook may have put it there)
             └── 0: Leaf",
    );
    assert!(report.anomalies().is_empty(), "{report}");
}
