//! `ownkit::cell::Cell` against `std::cell::Cell`.

use std::cell::Cell as StdCell;
use std::cmp::Ordering;

use ownkit::cell::Cell;
use ownkit_tests::{DropLog, Panic, Witness};

#[test]
fn get_set_replace_follow_std() {
    let ours = Cell::new(1_i64);
    let theirs = StdCell::new(1_i64);
    for step in 0..10_i64 {
        assert_eq!(ours.get(), theirs.get());
        if step % 2 == 0 {
            ours.set(step * 3);
            theirs.set(step * 3);
        } else {
            assert_eq!(ours.replace(-step), theirs.replace(-step));
        }
    }
    assert_eq!(ours.into_inner(), theirs.into_inner());
}

#[test]
fn take_update_and_into_inner_follow_std() {
    let ours = Cell::new(String::from("full"));
    let theirs = StdCell::new(String::from("full"));
    assert_eq!(ours.take(), theirs.take());
    assert_eq!(
        ours.take(),
        theirs.take(),
        "the second take sees the default"
    );
    ours.set(String::from("again"));
    theirs.set(String::from("again"));
    assert_eq!(ours.into_inner(), theirs.into_inner());

    let ours = Cell::new(7_u32);
    let theirs = StdCell::new(7_u32);
    ours.update(|n| n * 6);
    theirs.set(theirs.get() * 6);
    assert_eq!(ours.get(), theirs.get());
    assert_eq!(ours.get(), 42);
}

#[test]
fn update_closure_sees_a_copy_and_may_touch_the_cell() {
    let cell = Cell::new(1);
    cell.update(|old| {
        cell.set(100); // overwritten by the closure's result
        assert_eq!(cell.get(), 100);
        old + 1
    });
    assert_eq!(cell.get(), 2);
}

#[test]
fn swap_follows_std() {
    let (a, b) = (Cell::new([1, 2, 3]), Cell::new([4, 5, 6]));
    let (x, y) = (StdCell::new([1, 2, 3]), StdCell::new([4, 5, 6]));
    a.swap(&b);
    x.swap(&y);
    assert_eq!((a.get(), b.get()), (x.get(), y.get()));
    assert_eq!(a.get(), [4, 5, 6]);
}

#[test]
fn swap_with_itself_changes_nothing() {
    let ours = Cell::new(String::from("same"));
    let theirs = StdCell::new(String::from("same"));
    ours.swap(&ours);
    theirs.swap(&theirs);
    assert_eq!(ours.into_inner(), theirs.into_inner());
}

#[test]
fn swap_of_adjacent_cells_in_a_slice_is_allowed() {
    let mut values = [1_u8, 2, 3];
    let cells = Cell::from_mut(&mut values[..]).as_slice_of_cells();
    cells[0].swap(&cells[1]);
    cells[1].swap(&cells[2]);
    assert_eq!(values, [2, 3, 1]);
}

#[test]
fn from_mut_writes_through_to_the_original() {
    let mut ours = 10;
    let mut theirs = 10;
    {
        let cell = Cell::from_mut(&mut ours);
        let alias = cell;
        alias.set(alias.get() + 1);
        cell.set(cell.get() * 2);
    }
    {
        let cell = StdCell::from_mut(&mut theirs);
        let alias = cell;
        alias.set(alias.get() + 1);
        cell.set(cell.get() * 2);
    }
    assert_eq!(ours, theirs);
    assert_eq!(ours, 22);
}

#[test]
fn as_slice_of_cells_follows_std() {
    let mut ours = [1, 2, 3, 4, 5];
    let mut theirs = ours;
    let our_cells = Cell::from_mut(&mut ours[..]).as_slice_of_cells();
    let their_cells = StdCell::from_mut(&mut theirs[..]).as_slice_of_cells();
    assert_eq!(our_cells.len(), their_cells.len());
    // A running sum written through shared references, twice over.
    for _ in 0..2 {
        for i in 1..our_cells.len() {
            our_cells[i].set(our_cells[i].get() + our_cells[i - 1].get());
            their_cells[i].set(their_cells[i].get() + their_cells[i - 1].get());
        }
    }
    assert_eq!(ours, theirs);
    assert_eq!(ours, [1, 4, 10, 20, 35]);
}

#[test]
fn as_slice_of_cells_of_an_empty_slice_is_empty() {
    let mut empty: [u8; 0] = [];
    assert!(
        Cell::from_mut(&mut empty[..])
            .as_slice_of_cells()
            .is_empty()
    );
}

#[test]
fn get_mut_and_as_ptr_reach_the_value() {
    let mut cell = Cell::new(3);
    *cell.get_mut() += 1;
    assert_eq!(cell.get(), 4);
    assert_eq!(
        cell.as_ptr().cast_const(),
        (&raw const cell).cast::<i32>(),
        "a Cell is its value: the pointer is the cell's own address"
    );

    let mut values = [1, 2];
    let slice_cell: &Cell<[i32]> = Cell::from_mut(&mut values[..]);
    assert_eq!(slice_cell.as_ptr().len(), 2, "the slice length survives");
}

#[test]
fn debug_matches_std() {
    assert_eq!(
        format!("{:?}", Cell::new(5)),
        format!("{:?}", StdCell::new(5))
    );
    assert_eq!(
        format!("{:?}", Cell::new(("a", 1.5))),
        format!("{:?}", StdCell::new(("a", 1.5)))
    );
    assert_eq!(
        format!("{:#?}", Cell::new(Some('x'))),
        format!("{:#?}", StdCell::new(Some('x')))
    );
}

#[test]
fn default_clone_eq_and_ord_follow_std() {
    let ours: Cell<u16> = Cell::default();
    let theirs: StdCell<u16> = StdCell::default();
    assert_eq!(ours.get(), theirs.get());

    let original = Cell::new(8);
    let copy = original.clone();
    copy.set(9);
    assert_eq!(
        (original.get(), copy.get()),
        (8, 9),
        "a clone is independent"
    );

    let values = [3, 1, 2, 2];
    for &x in &values {
        for &y in &values {
            let (a, b) = (Cell::new(x), Cell::new(y));
            let (c, d) = (StdCell::new(x), StdCell::new(y));
            assert_eq!(a == b, c == d);
            assert_eq!(a.partial_cmp(&b), c.partial_cmp(&d));
            assert_eq!(a.cmp(&b), c.cmp(&d));
            assert_eq!(a < b, c < d);
        }
    }
    assert_eq!(Cell::new(f64::NAN).partial_cmp(&Cell::new(1.0)), None);
    assert_eq!(Cell::new(1).cmp(&Cell::new(2)), Ordering::Less);
    assert_eq!(Cell::from(4).get(), StdCell::from(4).get());
}

#[test]
fn set_drops_the_old_value_once_and_the_cell_drops_the_last() {
    let witness = Witness::new();
    let cell = Cell::new(witness.spawn(Panic::Never));
    cell.set(witness.spawn(Panic::Never));
    assert_eq!(witness.drops(), 1, "set drops the replaced value");
    let old = cell.replace(witness.spawn(Panic::Never));
    assert_eq!(witness.drops(), 1, "replace hands the old value back");
    drop(old);
    drop(cell);
    assert_eq!(witness.drops(), 3, "every value dropped exactly once");
}

#[test]
fn set_drops_the_old_value_after_the_new_one_is_in() {
    let log = DropLog::new();
    let cell = Cell::new(Some(log.named("first")));
    cell.set(Some(log.named("second")));
    assert_eq!(log.order(), ["first"]);
    assert_eq!(cell.take().map(|named| named.name()), Some("second"));
    assert_eq!(log.order(), ["first", "second"]);
    drop(cell);
    assert_eq!(log.order(), ["first", "second"], "None drops nothing");
}

#[test]
fn a_panicking_drop_in_set_leaves_the_new_value_in_place() {
    let witness = Witness::new();
    let cell = Cell::new(witness.spawn(Panic::InDrop));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        cell.set(witness.spawn(Panic::Never));
    }));
    assert!(result.is_err());
    assert_eq!(witness.drops(), 1);
    drop(cell);
    assert_eq!(
        witness.drops(),
        2,
        "the new value is still owned by the cell"
    );
}

#[test]
fn const_new_works_in_thread_locals() {
    thread_local!(static COUNT: Cell<u32> = const { Cell::new(0) });
    COUNT.with(|count| count.update(|n| n + 5));
    assert_eq!(COUNT.with(Cell::get), 5);
}
