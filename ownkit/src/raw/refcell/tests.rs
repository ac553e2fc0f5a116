//! Unit tests of `refcell.rs`.

extern crate std;

use super::{BorrowCount, RefCellCore, UNUSED};
use core::mem;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// The ends of the count's range need `isize::MAX` forgotten guards to
/// reach from outside; here the count is set directly.
#[test]
fn shared_count_limit_refuses_instead_of_wrapping() {
    let cell = RefCellCore::new(5);
    let first = cell.try_borrow().expect("unused cell");
    cell.state.count.set(BorrowCount::MAX);
    assert!(cell.try_borrow().is_err(), "a borrow past isize::MAX");
    assert!(cell.try_borrow_mut().is_err());
    let clone = catch_unwind(AssertUnwindSafe(|| first.clone()));
    let message = clone.err().expect("cloning past isize::MAX must panic");
    assert_eq!(
        message
            .downcast_ref::<std::string::String>()
            .map(|s| s.as_str()),
        Some("too many immutable borrows")
    );
    assert_eq!(cell.state.count.get(), BorrowCount::MAX, "count unchanged");
    // Back to one live token, then release it.
    cell.state.count.set(1);
    drop(first);
    assert_eq!(cell.state.count.get(), UNUSED);
    #[cfg(debug_assertions)]
    assert!(cell.state.origin.get().is_none());
}

#[test]
fn exclusive_count_limit_panics_instead_of_wrapping() {
    let cell = RefCellCore::new([1, 2]);
    let whole = cell.try_borrow_mut().expect("unused cell");
    cell.state.count.set(BorrowCount::MIN);
    let split = catch_unwind(AssertUnwindSafe(|| {
        mem::forget(whole.map_split(|pair| {
            let (a, b) = pair.split_at_mut(1);
            (a, b)
        }));
    }));
    assert!(split.is_err(), "splitting past isize::MIN must panic");
    // The guard was dropped while unwinding, giving back one unit.
    assert_eq!(cell.state.count.get(), BorrowCount::MIN + 1);
    cell.state.count.set(UNUSED);
    #[cfg(debug_assertions)]
    cell.state.origin.set(None);
    assert!(cell.try_borrow_mut().is_ok());
}
