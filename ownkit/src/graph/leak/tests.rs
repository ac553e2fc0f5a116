//! Unit tests of the leak check: its registry, nesting and reports.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::string::ToString;
use std::vec::Vec;

use super::registry::count_unrecorded;
use super::*;
use crate::{Arc, Rc};

/// The registry's entries that belong to check `id`, in allocation
/// order, as (address, type name).
fn entries_of(id: u64) -> Vec<(usize, &'static str)> {
    let registry = lock_registry();
    let mut entries: Vec<Allocation> = registry
        .blocks
        .values()
        .filter(|allocation| allocation.check == id)
        .copied()
        .collect();
    entries.sort_by_key(|allocation| allocation.order);
    entries
        .iter()
        .map(|allocation| {
            let value_type = allocation
                .owner
                .map_or("(untyped)", |owner| owner.value_type);
            (allocation.address, value_type)
        })
        .collect()
}

fn block_address<T>(rc: &Rc<T>) -> usize {
    // The value sits right after the two counts.
    Rc::as_ptr(rc).addr() - 2 * size_of::<usize>()
}

#[test]
fn a_block_is_noted_while_alive_and_struck_off_when_freed() {
    let check = LeakCheck::start();
    let id = check.id;
    assert!(observe::observing(), "a running check must open the gate");
    assert_eq!(current_check(), id);
    let first = Rc::new(1_u16);
    let second = Arc::new(2_u32);
    let entries = entries_of(id);
    assert_eq!(
        entries.iter().map(|entry| entry.1).collect::<Vec<_>>(),
        ["u16", "u32"]
    );
    assert_eq!(entries[0].0, block_address(&first));
    let weak = Rc::downgrade(&first);
    drop(first);
    // The value is gone but the block is not: a `Weak` still holds it.
    assert_eq!(entries_of(id).len(), 2);
    drop(weak);
    drop(second);
    assert_eq!(entries_of(id), []);
    assert_eq!(check.finish(), Ok(()));
    assert_eq!(current_check(), 0);
}

#[test]
fn another_threads_allocations_are_not_this_checks() {
    let check = LeakCheck::start();
    let from_elsewhere = std::thread::spawn(|| {
        assert_eq!(current_check(), 0, "checks do not cross threads");
        Arc::new(7_u8)
    })
    .join()
    .unwrap();
    assert_eq!(entries_of(check.id), []);
    assert_eq!(check.finish(), Ok(()));
    drop(from_elsewhere);
}

#[test]
fn an_inner_check_hands_its_survivors_to_the_outer_one() {
    let outer = LeakCheck::start();
    let inner = LeakCheck::start();
    let (outer_id, inner_id) = (outer.id, inner.id);
    assert_eq!(inner.previous, outer_id);
    let survivor = Rc::new(3_i64);
    let report = inner.finish().unwrap_err();
    assert_eq!(report.leaked().len(), 1);
    assert_eq!(current_check(), outer_id);
    assert_eq!(entries_of(inner_id), []);
    assert_eq!(entries_of(outer_id), [(block_address(&survivor), "i64")]);
    drop(survivor);
    assert_eq!(outer.finish(), Ok(()));
}

#[test]
fn an_abandoned_check_leaves_nothing_behind() {
    let check = LeakCheck::start();
    let id = check.id;
    let kept = Rc::new(0_u8);
    assert_eq!(entries_of(id).len(), 1);
    drop(check);
    assert_eq!(entries_of(id), []);
    assert_eq!(current_check(), 0);
    drop(kept);
}

#[test]
fn checks_must_end_in_reverse_order() {
    let outer = LeakCheck::start();
    let inner = LeakCheck::start();
    let outer_id = outer.id;
    let refused = catch_unwind(AssertUnwindSafe(|| outer.finish())).unwrap_err();
    let message = refused.downcast_ref::<std::string::String>().unwrap();
    assert!(
        message.contains("reverse order"),
        "unexpected message: {message}"
    );
    // The refused check still ended: nothing of it is left.
    assert_eq!(entries_of(outer_id), []);
    assert_eq!(inner.finish(), Ok(()));
}

#[test]
fn a_block_that_could_not_be_noted_fails_the_check() {
    let check = LeakCheck::start();
    observe::thread::with(count_unrecorded);
    let report = check.finish().unwrap_err();
    assert_eq!((report.leaked().len(), report.unrecorded()), (0, 1));
    assert!(
        report.to_string().contains("1 more could not be noted"),
        "{report}"
    );
    // The next check starts with a clean count.
    assert_eq!(LeakCheck::start().finish(), Ok(()));
}

#[test]
fn a_poisoned_registry_is_used_anyway() {
    let _ = catch_unwind(|| {
        let _registry = lock_registry();
        panic!("poisoning the registry on purpose");
    });
    let check = LeakCheck::start();
    let value = Rc::new(5_u8);
    assert_eq!(entries_of(check.id).len(), 1);
    drop(value);
    assert_eq!(check.finish(), Ok(()));
}

#[test]
fn a_report_without_watched_graphs_says_how_to_get_the_cycle() {
    let check = LeakCheck::start();
    let kept = Rc::new([1_u8, 2, 3]); // alive at the end: leaked for the check
    let report = check.finish().unwrap_err();
    assert_eq!(
        report.to_string(),
        "leak check: 1 Rc/Arc block allocated in its scope was not freed \
         (without ownkit::alloc::Tracking installed, only ownkit's Rc and Arc blocks are seen)\n  \
         Rc<[u8; 3]> block, 24 bytes\n\
         a cycle keeps them alive, or they were forgotten (mem::forget, ManuallyDrop, into_raw): \
         call LeakCheck::watch on the value before dropping it to tell which\n"
    );
    drop(kept);
}
