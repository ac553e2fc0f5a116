//! `ownkit::cell::RefCell` and its guards against `std::cell::RefCell`.

use std::cell::{Ref as StdRef, RefCell as StdRefCell, RefMut as StdRefMut};
use std::cmp::Ordering;
use std::fmt::Debug;
use std::mem;
use std::panic::{AssertUnwindSafe, catch_unwind};

use ownkit::cell::{Ref, RefCell, RefMut};
use ownkit_tests::{Panic, Witness};

/// Runs `f`, expecting it to panic, and returns the panic message.
fn panic_message<R>(f: impl FnOnce() -> R) -> String {
    let payload = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(_) => panic!("expected a panic"),
        Err(payload) => payload,
    };
    if let Some(message) = payload.downcast_ref::<String>() {
        message.clone()
    } else if let Some(message) = payload.downcast_ref::<&str>() {
        (*message).to_owned()
    } else {
        panic!("panic payload is not a string")
    }
}

/// Takes a borrow and returns the guard together with the `file:line:column`
/// of this macro call.
///
/// The method call is written inside the macro, so its `#[track_caller]`
/// location is the macro call site, exactly where `line!()` and `column!()`
/// point: the two must agree to the column.
macro_rules! taken_at {
    ($cell:ident.borrow()) => {
        (
            $cell.borrow(),
            format!("{}:{}:{}", file!(), line!(), column!()),
        )
    };
    ($cell:ident.borrow_mut()) => {
        (
            $cell.borrow_mut(),
            format!("{}:{}:{}", file!(), line!(), column!()),
        )
    };
}

// ---------------------------------------------------------------------------
// The borrow rules, against std
// ---------------------------------------------------------------------------

#[test]
fn many_shared_borrows_coexist_and_exclude_a_writer() {
    let ours = RefCell::new(vec![1, 2, 3]);
    let theirs = StdRefCell::new(vec![1, 2, 3]);
    let count = if cfg!(miri) { 8 } else { 100 };
    let our_guards: Vec<Ref<'_, Vec<i32>>> = (0..count).map(|_| ours.borrow()).collect();
    let their_guards: Vec<StdRef<'_, Vec<i32>>> = (0..count).map(|_| theirs.borrow()).collect();
    assert!(our_guards.iter().all(|guard| **guard == [1, 2, 3]));
    assert_eq!(
        ours.try_borrow_mut().is_err(),
        theirs.try_borrow_mut().is_err()
    );
    assert!(ours.try_borrow_mut().is_err());
    assert!(ours.try_borrow().is_ok(), "one more shared borrow is fine");
    drop(their_guards);
    let mut our_guards = our_guards;
    while let Some(guard) = our_guards.pop() {
        assert!(
            ours.try_borrow_mut().is_err(),
            "still {} readers",
            our_guards.len() + 1
        );
        drop(guard);
    }
    ours.borrow_mut().push(4);
    assert_eq!(*ours.borrow(), [1, 2, 3, 4]);
}

#[test]
fn an_exclusive_borrow_excludes_both_kinds() {
    let ours = RefCell::new(0);
    let theirs = StdRefCell::new(0);
    {
        let mut our_writer = ours.borrow_mut();
        let mut their_writer = theirs.borrow_mut();
        assert_eq!(ours.try_borrow().is_err(), theirs.try_borrow().is_err());
        assert_eq!(
            ours.try_borrow_mut().is_err(),
            theirs.try_borrow_mut().is_err()
        );
        assert!(ours.try_borrow().is_err() && ours.try_borrow_mut().is_err());
        *our_writer += 1;
        *their_writer += 1;
    }
    {
        let _our_reader = ours.borrow();
        let _their_reader = theirs.borrow();
        assert_eq!(
            ours.try_borrow_mut().is_err(),
            theirs.try_borrow_mut().is_err()
        );
        assert!(ours.try_borrow_mut().is_err());
    }
    assert_eq!(*ours.borrow(), *theirs.borrow());
}

/// Which guard the scripted sequence holds, for both implementations.
enum Held<'a> {
    Shared(Ref<'a, u32>, StdRef<'a, u32>),
    Exclusive(RefMut<'a, u32>, StdRefMut<'a, u32>),
}

/// A pseudo-random sequence of borrows and releases, run on both cells side
/// by side: every `try_borrow*` must succeed or fail as std's does.
#[test]
fn scripted_borrow_sequence_follows_std() {
    let ours = RefCell::new(0_u32);
    let theirs = StdRefCell::new(0_u32);
    let mut held: Vec<Held<'_>> = Vec::new();
    let mut seed = 0x2545_f491_u32;
    let steps = if cfg!(miri) { 60 } else { 2_000 };
    for step in 0..steps {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        match seed % 5 {
            0 | 1 => {
                let (a, b) = (ours.try_borrow(), theirs.try_borrow());
                assert_eq!(a.is_ok(), b.is_ok(), "step {step}: try_borrow");
                if let (Ok(a), Ok(b)) = (a, b) {
                    assert_eq!(*a, *b);
                    held.push(Held::Shared(a, b));
                }
            }
            2 => {
                let (a, b) = (ours.try_borrow_mut(), theirs.try_borrow_mut());
                assert_eq!(a.is_ok(), b.is_ok(), "step {step}: try_borrow_mut");
                if let (Ok(mut a), Ok(mut b)) = (a, b) {
                    *a += step;
                    *b += step;
                    held.push(Held::Exclusive(a, b));
                }
            }
            _ => {
                if !held.is_empty() {
                    let index = (seed as usize / 5) % held.len();
                    match held.swap_remove(index) {
                        Held::Shared(a, b) => assert_eq!(*a, *b),
                        Held::Exclusive(a, b) => assert_eq!(*a, *b),
                    }
                }
            }
        }
    }
    drop(held);
    assert_eq!(ours.into_inner(), theirs.into_inner());
}

// ---------------------------------------------------------------------------
// Guards: clone, map, filter_map, map_split
// ---------------------------------------------------------------------------

#[test]
fn ref_clone_counts_each_copy() {
    let cell = RefCell::new(String::from("shared"));
    let first = cell.borrow();
    let copies: Vec<_> = (0..3).map(|_| Ref::clone(&first)).collect();
    drop(first);
    for (left, copy) in (1..=copies.len()).rev().zip(copies) {
        assert!(cell.try_borrow_mut().is_err(), "{left} copies left");
        assert_eq!(*copy, "shared");
        drop(copy);
    }
    assert!(
        cell.try_borrow_mut().is_ok(),
        "the last copy released the cell"
    );
}

#[test]
fn ref_map_transfers_the_borrow() {
    let cell = RefCell::new((1, String::from("two")));
    let name = Ref::map(cell.borrow(), |pair| pair.1.as_str());
    assert_eq!(&*name, "two");
    assert!(
        cell.try_borrow_mut().is_err(),
        "the mapped guard holds the cell"
    );
    assert!(cell.try_borrow().is_ok());
    drop(name);
    cell.borrow_mut().0 = 10;
    assert_eq!(cell.borrow().0, 10);
}

#[test]
fn refmut_map_transfers_the_borrow() {
    let cell = RefCell::new((1, 2));
    let mut second = RefMut::map(cell.borrow_mut(), |pair| &mut pair.1);
    assert!(
        cell.try_borrow().is_err(),
        "the mapped guard holds the cell"
    );
    *second *= 10;
    drop(second);
    assert_eq!(*cell.borrow(), (1, 20));
    assert!(cell.try_borrow_mut().is_ok());
}

#[test]
fn ref_filter_map_both_outcomes() {
    let ours = RefCell::new(vec![1, 2, 3]);
    let theirs = StdRefCell::new(vec![1, 2, 3]);

    let found = Ref::filter_map(ours.borrow(), |v| v.get(2)).expect("index 2 exists");
    let std_found = StdRef::filter_map(theirs.borrow(), |v| v.get(2)).expect("index 2 exists");
    assert_eq!(*found, *std_found);
    assert!(ours.try_borrow_mut().is_err(), "Ok keeps the borrow");
    drop(found);
    assert!(ours.try_borrow_mut().is_ok());

    let original = Ref::filter_map(ours.borrow(), |v| v.get(7)).expect_err("no index 7");
    assert_eq!(*original, [1, 2, 3], "Err gives the original guard back");
    assert!(
        ours.try_borrow_mut().is_err(),
        "and it still holds the cell"
    );
    drop(original);
    assert!(ours.try_borrow_mut().is_ok());
}

#[test]
fn refmut_filter_map_both_outcomes() {
    let cell = RefCell::new(vec![1, 2, 3]);
    let mut found = RefMut::filter_map(cell.borrow_mut(), |v| v.get_mut(0)).expect("index 0");
    *found = 100;
    assert!(cell.try_borrow().is_err());
    drop(found);

    let mut original = RefMut::filter_map(cell.borrow_mut(), |v| v.get_mut(9)).expect_err("no 9");
    original.push(4);
    assert!(
        cell.try_borrow().is_err(),
        "the returned guard still holds the cell"
    );
    drop(original);
    assert_eq!(*cell.borrow(), [100, 2, 3, 4]);
}

#[test]
fn ref_map_split_releases_only_when_both_halves_drop() {
    for drop_front_first in [true, false] {
        let cell = RefCell::new([1, 2, 3, 4]);
        let (front, back) = Ref::map_split(cell.borrow(), |all| all.split_at(1));
        assert_eq!((&*front, &*back), (&[1][..], &[2, 3, 4][..]));
        let (first, second) = if drop_front_first {
            (front, back)
        } else {
            (back, front)
        };
        drop(first);
        assert!(
            cell.try_borrow_mut().is_err(),
            "one half still holds the cell"
        );
        drop(second);
        assert!(cell.try_borrow_mut().is_ok(), "both halves gone");
    }
}

#[test]
fn refmut_map_split_releases_only_when_both_halves_drop() {
    for drop_front_first in [true, false] {
        let cell = RefCell::new(vec![1, 2, 3, 4]);
        let (mut front, mut back) = RefMut::map_split(cell.borrow_mut(), |all| all.split_at_mut(2));
        front[0] = 10;
        back[1] = 40;
        assert!(cell.try_borrow().is_err());
        let (first, second) = if drop_front_first {
            (front, back)
        } else {
            (back, front)
        };
        drop(first);
        assert!(cell.try_borrow().is_err(), "one half still holds the cell");
        assert!(cell.try_borrow_mut().is_err());
        drop(second);
        assert_eq!(*cell.borrow(), [10, 2, 3, 40], "both halves gone");
    }
}

#[test]
fn a_dropped_ref_argument_does_not_pin_the_value() {
    // A `Ref` passed by value may be dropped inside the callee, after which a
    // write is allowed. With a `&T` inside the guard this would break the
    // `noalias` promise of the argument; Miri checks that it does not.
    fn release_then_write(guard: Ref<'_, i32>, cell: &RefCell<i32>) -> i32 {
        let seen = *guard;
        drop(guard);
        *cell.borrow_mut() += 1;
        seen
    }
    let cell = RefCell::new(1);
    assert_eq!(release_then_write(cell.borrow(), &cell), 1);
    assert_eq!(*cell.borrow(), 2);

    fn release_then_read(guard: RefMut<'_, i32>, cell: &RefCell<i32>) -> i32 {
        drop(guard);
        *cell.borrow()
    }
    assert_eq!(release_then_read(cell.borrow_mut(), &cell), 2);
}

// ---------------------------------------------------------------------------
// The other operations
// ---------------------------------------------------------------------------

#[test]
fn replace_swap_take_and_replace_with_follow_std() {
    let (a, b) = (
        RefCell::new(String::from("a")),
        RefCell::new(String::from("b")),
    );
    let (x, y) = (
        StdRefCell::new(String::from("a")),
        StdRefCell::new(String::from("b")),
    );
    assert_eq!(a.replace(String::from("A")), x.replace(String::from("A")));
    a.swap(&b);
    x.swap(&y);
    assert_eq!((&*a.borrow(), &*b.borrow()), (&*x.borrow(), &*y.borrow()));
    let old = a.replace_with(|s| format!("{s}!"));
    let std_old = x.replace_with(|s| format!("{s}!"));
    assert_eq!(old, std_old);
    assert_eq!(a.take(), x.take());
    assert_eq!(a.take(), x.take());
    assert_eq!(b.into_inner(), y.into_inner());
}

#[test]
fn get_mut_into_inner_and_as_ptr() {
    let mut cell = RefCell::new(vec![1]);
    cell.get_mut().push(2);
    assert_eq!(*cell.borrow(), [1, 2]);
    let ptr = cell.as_ptr();
    assert_eq!(ptr.cast_const(), &raw const *cell.borrow());
    assert_eq!(cell.into_inner(), [1, 2]);
}

#[test]
fn clone_default_eq_ord_and_from_follow_std() {
    let ours = RefCell::new(vec![1]);
    let copy = ours.clone();
    copy.borrow_mut().push(2);
    assert_eq!(*ours.borrow(), [1], "a clone is independent");
    let mut target = RefCell::new(vec![9, 9, 9]);
    target.clone_from(&copy);
    assert_eq!(*target.borrow(), [1, 2]);

    let ours: RefCell<String> = RefCell::default();
    let theirs: StdRefCell<String> = StdRefCell::default();
    assert_eq!(*ours.borrow(), *theirs.borrow());

    let values = [2, 1, 3, 1];
    for &x in &values {
        for &y in &values {
            let (a, b) = (RefCell::new(x), RefCell::new(y));
            let (c, d) = (StdRefCell::new(x), StdRefCell::new(y));
            assert_eq!(a == b, c == d);
            assert_eq!(a.partial_cmp(&b), c.partial_cmp(&d));
            assert_eq!(a.cmp(&b), c.cmp(&d));
            assert_eq!(a >= b, c >= d);
        }
    }
    assert_eq!(RefCell::new(1).cmp(&RefCell::new(1)), Ordering::Equal);
    assert_eq!(*RefCell::from(5).borrow(), *StdRefCell::from(5).borrow());

    let shared = RefCell::new(3);
    let _reader = shared.borrow();
    assert!(shared == shared, "comparing only needs shared borrows");
}

#[test]
fn clone_and_comparisons_panic_while_mutably_borrowed() {
    let cell = RefCell::new(1);
    let other = RefCell::new(1);
    let (writer, location) = taken_at!(cell.borrow_mut());
    let expected = if cfg!(debug_assertions) {
        format!("already mutably borrowed (by the RefMut taken at {location})")
    } else {
        String::from("already mutably borrowed")
    };
    for message in [
        panic_message(|| cell.clone()),
        panic_message(|| cell == other),
        panic_message(|| other < cell),
        panic_message(|| cell.cmp(&other)),
    ] {
        assert!(message.ends_with(&expected), "{message:?}");
    }
    drop(writer);
    assert!(cell == other);
}

#[test]
fn unsized_values_work_through_coercion() {
    let array = RefCell::new([1, 2, 3]);
    let slice: &RefCell<[i32]> = &array;
    slice.borrow_mut()[1] = 20;
    assert_eq!(slice.borrow().len(), 3);
    assert_eq!(*array.borrow(), [1, 20, 3]);

    let number = RefCell::new(5_u8);
    let dynamic: &RefCell<dyn Debug> = &number;
    assert_eq!(format!("{:?}", dynamic.borrow()), "5");
    assert_eq!(format!("{dynamic:?}"), "RefCell { value: 5 }");
}

#[test]
fn ref_is_covariant_like_std() {
    fn shorten<'b>(guard: Ref<'b, &'static str>) -> Ref<'b, &'b str> {
        guard
    }
    let cell = RefCell::new("static");
    assert_eq!(*shorten(cell.borrow()), "static");
}

#[test]
fn the_value_is_dropped_once_with_the_cell() {
    let witness = Witness::new();
    let cell = RefCell::new(witness.spawn(Panic::Never));
    drop(cell.replace(witness.spawn(Panic::Never)));
    assert_eq!(witness.drops(), 1);
    drop(cell);
    assert_eq!(witness.drops(), 2);
}

// ---------------------------------------------------------------------------
// Panics while borrowed, and panic safety
// ---------------------------------------------------------------------------

#[test]
fn replace_swap_take_and_replace_with_panic_while_borrowed() {
    let cell = RefCell::new(String::from("busy"));
    let other = RefCell::new(String::from("idle"));

    let (reader, shared_at) = taken_at!(cell.borrow());
    let (writer_of_other, exclusive_at) = taken_at!(other.borrow_mut());

    let messages = [
        (
            panic_message(|| cell.replace(String::new())),
            &shared_at,
            true,
        ),
        (
            panic_message(|| cell.replace_with(|_| String::new())),
            &shared_at,
            true,
        ),
        (panic_message(|| cell.take()), &shared_at, true),
        (
            panic_message(|| cell.swap(&RefCell::default())),
            &shared_at,
            true,
        ),
        (
            panic_message(|| RefCell::default().swap(&other)),
            &exclusive_at,
            false,
        ),
        (
            panic_message(|| other.replace(String::new())),
            &exclusive_at,
            false,
        ),
    ];
    for (message, location, shared) in messages {
        assert!(
            message.starts_with(
                "cannot borrow `RefCell<alloc::string::String>` mutably: already borrowed"
            ),
            "{message:?}"
        );
        if cfg!(debug_assertions) {
            let clause = if shared {
                format!("(shared borrows held since {location})")
            } else {
                format!("(by the RefMut taken at {location})")
            };
            assert!(
                message.ends_with(&clause),
                "{message:?} should end with {clause:?}"
            );
        } else {
            assert_eq!(
                message,
                "cannot borrow `RefCell<alloc::string::String>` mutably: already borrowed"
            );
        }
    }
    drop((reader, writer_of_other));
    assert_eq!(cell.take(), "busy", "the failed calls changed nothing");
    assert_eq!(other.replace(String::new()), "idle");
}

#[test]
fn swap_with_itself_panics_like_std() {
    let ours = RefCell::new(1);
    let theirs = StdRefCell::new(1);
    let our_message = panic_message(|| ours.swap(&ours));
    let _std_message = panic_message(|| theirs.swap(&theirs));
    assert!(our_message.contains("already borrowed"), "{our_message:?}");
    assert_eq!(*ours.borrow(), 1);
    assert!(
        ours.try_borrow_mut().is_ok(),
        "the first borrow was released"
    );
}

#[test]
fn borrow_panic_message_names_the_type_and_the_refmut() {
    let cell = RefCell::new(String::new());
    let (writer, location) = taken_at!(cell.borrow_mut());
    let message = panic_message(|| cell.borrow().len());
    if cfg!(debug_assertions) {
        assert_eq!(
            message,
            format!(
                "cannot borrow `RefCell<alloc::string::String>`: already mutably borrowed \
                 (by the RefMut taken at {location})"
            )
        );
    } else {
        assert_eq!(
            message,
            "cannot borrow `RefCell<alloc::string::String>`: already mutably borrowed"
        );
    }
    let message = panic_message(|| cell.borrow_mut().len());
    assert!(message.starts_with("cannot borrow `RefCell<alloc::string::String>` mutably"));
    drop(writer);
}

/// One guarded operation on a pair cell, whose closure panics.
type Attempt = fn(&RefCell<(i32, i32)>);

fn map_panics(_: &(i32, i32)) -> &i32 {
    panic!("map closure panicked on purpose")
}
fn filter_map_panics(_: &(i32, i32)) -> Option<&i32> {
    panic!("filter_map closure panicked on purpose")
}
fn map_split_panics(_: &(i32, i32)) -> (&i32, &i32) {
    panic!("map_split closure panicked on purpose")
}
fn map_mut_panics(_: &mut (i32, i32)) -> &mut i32 {
    panic!("map closure panicked on purpose")
}
fn filter_map_mut_panics(_: &mut (i32, i32)) -> Option<&mut i32> {
    panic!("filter_map closure panicked on purpose")
}
fn map_split_mut_panics(_: &mut (i32, i32)) -> (&mut i32, &mut i32) {
    panic!("map_split closure panicked on purpose")
}

#[test]
fn a_panicking_map_closure_releases_the_borrow_exactly_once() {
    let cell = RefCell::new((1, 2));
    // An outside reader: if the failed map released twice, the count would
    // reach zero while this reader lives and a writer would get in.
    let reader = cell.borrow();
    let attempts: [Attempt; 3] = [
        |cell| drop(Ref::map(cell.borrow(), map_panics)),
        |cell| drop(Ref::filter_map(cell.borrow(), filter_map_panics)),
        |cell| drop(Ref::map_split(cell.borrow(), map_split_panics)),
    ];
    for attempt in attempts {
        assert!(catch_unwind(AssertUnwindSafe(|| attempt(&cell))).is_err());
    }
    assert!(
        cell.try_borrow_mut().is_err(),
        "the outside reader still holds the cell"
    );
    drop(reader);
    drop(cell.borrow_mut());
    assert!(
        cell.try_borrow_mut().is_ok(),
        "a second borrow_mut succeeds too"
    );

    let attempts: [Attempt; 3] = [
        |cell| drop(RefMut::map(cell.borrow_mut(), map_mut_panics)),
        |cell| drop(RefMut::filter_map(cell.borrow_mut(), filter_map_mut_panics)),
        |cell| drop(RefMut::map_split(cell.borrow_mut(), map_split_mut_panics)),
    ];
    for (attempt, run) in attempts.into_iter().enumerate() {
        let result = catch_unwind(AssertUnwindSafe(|| run(&cell)));
        assert!(result.is_err());
        assert!(cell.try_borrow().is_ok(), "attempt {attempt}: released");
        let first = cell.borrow_mut();
        assert!(
            cell.try_borrow().is_err(),
            "attempt {attempt}: released only once"
        );
        drop(first);
        assert!(
            cell.try_borrow_mut().is_ok(),
            "attempt {attempt}: a second borrow_mut"
        );
    }
    assert_eq!(*cell.borrow(), (1, 2));
}

#[test]
fn a_panicking_replace_with_closure_leaves_the_cell_unborrowed() {
    let ours = RefCell::new(vec![1]);
    let theirs = StdRefCell::new(vec![1]);
    let ours_result = catch_unwind(AssertUnwindSafe(|| {
        ours.replace_with(|v| {
            v.push(2);
            panic!("replace_with")
        })
    }));
    let theirs_result = catch_unwind(AssertUnwindSafe(|| {
        theirs.replace_with(|v| {
            v.push(2);
            panic!("replace_with")
        })
    }));
    assert!(ours_result.is_err() && theirs_result.is_err());
    assert!(ours.try_borrow_mut().is_ok());
    assert_eq!(
        *ours.borrow(),
        *theirs.borrow(),
        "the closure's changes stay, as in std"
    );
}

#[test]
fn a_panicking_clone_releases_the_borrow() {
    let witness = Witness::new();
    let cell = RefCell::new(witness.spawn(Panic::InClone));
    assert!(catch_unwind(AssertUnwindSafe(|| cell.clone())).is_err());
    assert!(cell.try_borrow_mut().is_ok());
    drop(cell);
    assert_eq!((witness.clones(), witness.drops()), (1, 1));
}

// ---------------------------------------------------------------------------
// mem::forget of every guard kind
// ---------------------------------------------------------------------------

/// What a cell looks like after a guard was forgotten, for both
/// implementations: (`try_borrow` ok, `try_borrow_mut` ok).
fn state_after_forget<T>(cell: &RefCell<T>, std_cell: &StdRefCell<T>) -> (bool, bool) {
    let ours = (cell.try_borrow().is_ok(), cell.try_borrow_mut().is_ok());
    let theirs = (
        std_cell.try_borrow().is_ok(),
        std_cell.try_borrow_mut().is_ok(),
    );
    assert_eq!(
        ours, theirs,
        "forgotten guards must leave the same state as std"
    );
    ours
}

#[test]
fn forgetting_each_guard_kind_leaves_the_cell_borrowed_forever() {
    let witness = Witness::new();
    type Forget = fn(&RefCell<[i32; 2]>, &StdRefCell<[i32; 2]>);
    let cases: [(&str, Forget, (bool, bool)); 6] = [
        (
            "Ref",
            |c, s| {
                mem::forget(c.borrow());
                mem::forget(s.borrow());
            },
            (true, false),
        ),
        (
            "RefMut",
            |c, s| {
                mem::forget(c.borrow_mut());
                mem::forget(s.borrow_mut());
            },
            (false, false),
        ),
        (
            "mapped Ref",
            |c, s| {
                mem::forget(Ref::map(c.borrow(), |a| &a[0]));
                mem::forget(StdRef::map(s.borrow(), |a| &a[0]));
            },
            (true, false),
        ),
        (
            "mapped RefMut",
            |c, s| {
                mem::forget(RefMut::map(c.borrow_mut(), |a| &mut a[1]));
                mem::forget(StdRefMut::map(s.borrow_mut(), |a| &mut a[1]));
            },
            (false, false),
        ),
        (
            "one half of a split Ref",
            |c, s| {
                let (front, back) = Ref::map_split(c.borrow(), |a| a.split_at(1));
                mem::forget(front);
                drop(back);
                let (front, back) = StdRef::map_split(s.borrow(), |a| a.split_at(1));
                mem::forget(front);
                drop(back);
            },
            (true, false),
        ),
        (
            "one half of a split RefMut",
            |c, s| {
                let (front, back) = RefMut::map_split(c.borrow_mut(), |a| a.split_at_mut(1));
                drop(front);
                mem::forget(back);
                let (front, back) = StdRefMut::map_split(s.borrow_mut(), |a| a.split_at_mut(1));
                drop(front);
                mem::forget(back);
            },
            (false, false),
        ),
    ];
    for (name, forget, expected) in cases {
        let mut cell = RefCell::new([1, 2]);
        let mut std_cell = StdRefCell::new([1, 2]);
        forget(&cell, &std_cell);
        for _ in 0..3 {
            assert_eq!(state_after_forget(&cell, &std_cell), expected, "{name}");
        }
        // `&mut` proves no guard is alive, so `get_mut` still works, as std's.
        cell.get_mut()[0] = 10;
        std_cell.get_mut()[0] = 10;
        assert_eq!(
            state_after_forget(&cell, &std_cell),
            expected,
            "{name}: get_mut clears nothing"
        );
        assert_eq!(cell.into_inner(), std_cell.into_inner(), "{name}");
    }

    // A forgotten guard owns nothing: the value is still dropped, once.
    let cell = RefCell::new(witness.spawn(Panic::Never));
    mem::forget(cell.borrow_mut());
    drop(cell);
    assert_eq!(witness.drops(), 1);
}

#[test]
fn a_forgotten_refmut_is_still_named_in_errors() {
    let cell = RefCell::new(0);
    let (writer, location) = taken_at!(cell.borrow_mut());
    mem::forget(writer);
    let error = cell.try_borrow().unwrap_err();
    if cfg!(debug_assertions) {
        assert!(
            error.to_string().ends_with(&format!("{location})")),
            "{error}"
        );
    } else {
        assert!(error.location().is_none());
    }
}

// ---------------------------------------------------------------------------
// Formatting, errors and locations
// ---------------------------------------------------------------------------

#[test]
fn debug_and_display_match_std() {
    let ours = RefCell::new(vec![String::from("a")]);
    let theirs = StdRefCell::new(vec![String::from("a")]);
    assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
    assert_eq!(format!("{ours:#?}"), format!("{theirs:#?}"));
    {
        let (a, b) = (ours.borrow(), theirs.borrow());
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        assert_eq!(
            format!("{ours:?}"),
            format!("{theirs:?}"),
            "shared: value shown"
        );
    }
    {
        let (a, b) = (ours.borrow_mut(), theirs.borrow_mut());
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        assert_eq!(
            format!("{ours:?}"),
            format!("{theirs:?}"),
            "exclusive: <borrowed>"
        );
        assert_eq!(format!("{ours:?}"), "RefCell { value: <borrowed> }");
    }
    let ours = RefCell::new(2.5);
    let theirs = StdRefCell::new(2.5);
    assert_eq!(
        format!("{:>6}", ours.borrow()),
        format!("{:>6}", theirs.borrow())
    );
    assert_eq!(
        format!("{:.3}", ours.borrow_mut()),
        format!("{:.3}", theirs.borrow_mut())
    );
}

#[cfg(not(debug_assertions))]
#[test]
fn release_errors_read_exactly_like_std() {
    let ours = RefCell::new(0);
    let theirs = StdRefCell::new(0);
    {
        let (_a, _b) = (ours.borrow_mut(), theirs.borrow_mut());
        let (error, std_error) = (
            ours.try_borrow().unwrap_err(),
            theirs.try_borrow().unwrap_err(),
        );
        assert_eq!(error.to_string(), std_error.to_string());
        assert_eq!(format!("{error:?}"), format!("{std_error:?}"));
        assert!(error.location().is_none());
        let (error, std_error) = (
            ours.try_borrow_mut().unwrap_err(),
            theirs.try_borrow_mut().unwrap_err(),
        );
        assert_eq!(error.to_string(), std_error.to_string());
        assert_eq!(format!("{error:?}"), format!("{std_error:?}"));
    }
    {
        let (_a, _b) = (ours.borrow(), theirs.borrow());
        let (error, std_error) = (
            ours.try_borrow_mut().unwrap_err(),
            theirs.try_borrow_mut().unwrap_err(),
        );
        assert_eq!(error.to_string(), std_error.to_string());
        assert_eq!(format!("{error:?}"), format!("{std_error:?}"));
        assert!(error.location().is_none());
    }
}

#[cfg(debug_assertions)]
#[test]
fn debug_errors_add_the_location_to_std_text() {
    let ours = RefCell::new(0);
    let theirs = StdRefCell::new(0);
    {
        let (writer, location) = taken_at!(ours.borrow_mut());
        let _std_writer = theirs.borrow_mut();
        let (error, std_error) = (
            ours.try_borrow().unwrap_err(),
            theirs.try_borrow().unwrap_err(),
        );
        assert_eq!(
            error.to_string(),
            format!("{std_error} (by the RefMut taken at {location})")
        );
        let reported = error.location().expect("debug builds record the location");
        assert_eq!(reported.to_string(), location);
        assert_eq!(reported.file(), file!());
        assert_eq!(
            format!("{error:?}"),
            format!("BorrowError {{ held_by: Exclusive, since: {location} }}")
        );

        let (error, std_error) = (
            ours.try_borrow_mut().unwrap_err(),
            theirs.try_borrow_mut().unwrap_err(),
        );
        assert_eq!(
            error.to_string(),
            format!("{std_error} (by the RefMut taken at {location})")
        );
        assert_eq!(
            error.location().map(ToString::to_string),
            Some(location.clone())
        );
        assert_eq!(
            format!("{error:?}"),
            format!("BorrowMutError {{ held_by: Exclusive, since: {location} }}")
        );
        drop(writer);
    }
    {
        let (reader, location) = taken_at!(ours.borrow());
        let _std_reader = theirs.borrow();
        let (error, std_error) = (
            ours.try_borrow_mut().unwrap_err(),
            theirs.try_borrow_mut().unwrap_err(),
        );
        assert_eq!(
            error.to_string(),
            format!("{std_error} (shared borrows held since {location})")
        );
        assert_eq!(
            format!("{error:?}"),
            format!("BorrowMutError {{ held_by: Shared, since: {location} }}")
        );
        drop(reader);
    }
}

#[cfg(debug_assertions)]
#[test]
fn the_location_is_the_method_name_of_the_borrow_call() {
    let cell = RefCell::new(0);
    // On the next line, `borrow_mut` starts 23 columns before `column!()`.
    #[rustfmt::skip]
    let (writer, line, column) = (cell.borrow_mut(), line!(), column!() - 23);
    let error = cell.try_borrow().unwrap_err();
    let location = error.location().expect("debug builds record the location");
    assert_eq!(
        (location.file(), location.line(), location.column()),
        (file!(), line, column)
    );
    drop(writer);
}

#[cfg(debug_assertions)]
#[test]
fn shared_borrows_are_dated_from_the_first_one_without_a_break() {
    let cell = RefCell::new(0);
    let (first, first_at) = taken_at!(cell.borrow());
    let (second, second_at) = taken_at!(cell.borrow());
    assert_ne!(first_at, second_at);
    drop(first);
    // The first reader is gone, but shared borrows have been held without a
    // break since it was taken: that is what the message claims.
    let error = cell.try_borrow_mut().unwrap_err();
    assert_eq!(error.location().map(ToString::to_string), Some(first_at));
    drop(second);

    // Back to unused: the next borrow starts a new period.
    let (third, third_at) = taken_at!(cell.borrow());
    let error = cell.try_borrow_mut().unwrap_err();
    assert_eq!(error.location().map(ToString::to_string), Some(third_at));
    drop(third);

    // Exclusive borrows record their own location, and split halves share it.
    let pair = RefCell::new((1, 2));
    let (writer, writer_at) = taken_at!(pair.borrow_mut());
    let (first, second) = RefMut::map_split(writer, |(a, b)| (a, b));
    drop(first);
    let error = pair.try_borrow().unwrap_err();
    assert_eq!(error.location().map(ToString::to_string), Some(writer_at));
    drop(second);
    assert!(pair.try_borrow().is_ok());
}

#[test]
fn errors_implement_std_error() {
    fn as_error(error: &dyn std::error::Error) -> String {
        error.to_string()
    }
    let cell = RefCell::new(0);
    let writer = cell.borrow_mut();
    assert!(
        as_error(&cell.try_borrow().unwrap_err()).starts_with("RefCell already mutably borrowed")
    );
    drop(writer);
    let _reader = cell.borrow();
    assert!(as_error(&cell.try_borrow_mut().unwrap_err()).starts_with("RefCell already borrowed"));
}

/// Runs `f`, which must panic, and returns where the panic was reported
/// (`file:line:column`), as a panic hook sees it.
///
/// The hook listens to this thread only: other tests panicking on their own
/// threads meanwhile are passed on to the hook that was installed before.
fn reported_panic_location(f: impl FnOnce()) -> String {
    use std::sync::{Arc, Mutex};

    let this_thread = std::thread::current().id();
    let seen: Arc<Mutex<Option<String>>> = Arc::default();
    let previous: Arc<dyn Fn(&std::panic::PanicHookInfo<'_>) + Send + Sync> =
        Arc::from(std::panic::take_hook());
    let (seen_by_hook, previous_for_hook) = (Arc::clone(&seen), Arc::clone(&previous));
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == this_thread {
            *seen_by_hook.lock().unwrap() = info.location().map(ToString::to_string);
        } else {
            previous_for_hook(info);
        }
    }));
    let outcome = catch_unwind(AssertUnwindSafe(f));
    std::panic::set_hook(Box::new(move |info| previous(info)));
    assert!(outcome.is_err(), "expected a panic");
    let location = seen.lock().unwrap().take();
    location.expect("the panic had no location")
}

#[test]
fn borrow_panics_point_at_the_caller_like_std() {
    let ours = RefCell::new(1);
    let theirs = StdRefCell::new(1);
    let _writers = (ours.borrow_mut(), theirs.borrow_mut());

    let (reported, line) = (reported_panic_location(|| drop(ours.borrow())), line!());
    assert!(
        reported.starts_with(&format!("{}:{line}:", file!())),
        "{reported}"
    );
    let (reported, line) = (reported_panic_location(|| drop(theirs.borrow())), line!());
    assert!(
        reported.starts_with(&format!("{}:{line}:", file!())),
        "std: {reported}"
    );

    let (reported, line) = (reported_panic_location(|| drop(ours.borrow_mut())), line!());
    assert!(
        reported.starts_with(&format!("{}:{line}:", file!())),
        "{reported}"
    );
    let (reported, line) = (reported_panic_location(|| _ = ours.replace(2)), line!());
    assert!(
        reported.starts_with(&format!("{}:{line}:", file!())),
        "{reported}"
    );
}
