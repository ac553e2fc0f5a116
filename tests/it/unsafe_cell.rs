//! `ownkit::cell::UnsafeCell` against `std::cell::UnsafeCell`.
#![allow(
    unsafe_code,
    reason = "reading and writing through an UnsafeCell's pointer is unsafe to call"
)]

use std::cell::UnsafeCell as StdUnsafeCell;
use std::mem::MaybeUninit;
use std::panic::RefUnwindSafe;

use ownkit::cell::UnsafeCell;
use static_assertions::{assert_impl_all, assert_not_impl_any};

// The layout and the auto traits are std's: they come from core's cell.
assert_impl_all!(UnsafeCell<u8>: Send, Unpin);
assert_not_impl_any!(UnsafeCell<u8>: Sync, RefUnwindSafe, Copy);
assert_not_impl_any!(UnsafeCell<std::rc::Rc<u8>>: Send);
static_assertions::assert_eq_size!(UnsafeCell<u64>, StdUnsafeCell<u64>);
static_assertions::assert_eq_align!(UnsafeCell<[u16; 3]>, StdUnsafeCell<[u16; 3]>);
// Like std's, it hides the value's niche: `Option` needs a tag of its own.
static_assertions::assert_eq_size!(
    Option<UnsafeCell<&u8>>,
    Option<StdUnsafeCell<&u8>>,
    [usize; 2]
);

/// The same steps on both cells: writes through `get` from shared
/// references, `get_mut`, and `into_inner`.
#[test]
fn writes_through_get_and_get_mut_follow_std() {
    let ours = UnsafeCell::new(vec![1]);
    let theirs = StdUnsafeCell::new(vec![1]);
    let (ours_alias, theirs_alias) = (&ours, &theirs);
    for step in 2..6 {
        // SAFETY: the `&mut` made here is the only access to the value
        // while it lives, and the cell stays on this thread.
        unsafe { (*ours_alias.get()).push(step) };
        // SAFETY: the same, for std's.
        unsafe { (*theirs_alias.get()).push(step) };
        // SAFETY: nothing writes the value while this `&` lives.
        let now = unsafe { &*ours.get() };
        // SAFETY: the same, for std's.
        let std_now = unsafe { &*theirs.get() };
        assert_eq!(now, std_now);
    }
    let (mut ours, mut theirs) = (ours, theirs);
    ours.get_mut().retain(|n| n % 2 == 0);
    theirs.get_mut().retain(|n| n % 2 == 0);
    assert_eq!(ours.into_inner(), theirs.into_inner());
}

#[test]
fn from_mut_writes_through_to_the_original_like_std() {
    let (mut ours_value, mut theirs_value) = ([1, 2, 3], [1, 2, 3]);
    let ours = UnsafeCell::from_mut(&mut ours_value[..]);
    let theirs = StdUnsafeCell::from_mut(&mut theirs_value[..]);
    ours.get_mut()[0] = 10;
    theirs.get_mut()[0] = 10;
    // SAFETY: the cell is the only access to the array while this writes.
    unsafe { (*ours.get())[2] = 30 };
    // SAFETY: the same, for std's.
    unsafe { (*theirs.get())[2] = 30 };
    assert_eq!(ours_value, theirs_value);
}

#[test]
fn raw_get_initializes_a_cell_in_place_like_std() {
    let ours = MaybeUninit::<UnsafeCell<String>>::uninit();
    let theirs = MaybeUninit::<StdUnsafeCell<String>>::uninit();
    // SAFETY: the pointer is valid for a write of a `String` and aligned;
    // no reference to the uninitialized cell is made.
    unsafe { UnsafeCell::raw_get(ours.as_ptr()).write(String::from("in place")) };
    // SAFETY: the same, for std's.
    unsafe { StdUnsafeCell::raw_get(theirs.as_ptr()).write(String::from("in place")) };
    // SAFETY: initialized just above.
    let ours = unsafe { ours.assume_init() };
    // SAFETY: initialized just above.
    let theirs = unsafe { theirs.assume_init() };
    assert_eq!(ours.get(), UnsafeCell::raw_get(&raw const ours));
    assert_eq!(ours.into_inner(), theirs.into_inner());
}

#[test]
fn default_from_and_debug_follow_std() {
    let ours: UnsafeCell<u8> = UnsafeCell::default();
    let theirs: StdUnsafeCell<u8> = StdUnsafeCell::default();
    assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
    assert_eq!(ours.into_inner(), theirs.into_inner());

    let ours: UnsafeCell<&str> = "from".into();
    let theirs: StdUnsafeCell<&str> = "from".into();
    assert_eq!(ours.into_inner(), theirs.into_inner());

    let mut bytes = [1_u8, 2];
    let unsized_cell: &UnsafeCell<[u8]> = UnsafeCell::from_mut(&mut bytes[..]);
    assert_eq!(format!("{unsized_cell:?}"), "UnsafeCell { .. }");
}

/// The cell a user builds on it: a counter bumped through shared
/// references, as std's docs build one.
#[test]
fn a_hand_made_cell_on_top_of_it() {
    struct Counter(UnsafeCell<u32>);
    impl Counter {
        fn bump(&self) -> u32 {
            // SAFETY: `Counter` is `!Sync` and lends out no reference to
            // its inside, so this is the only access while it runs.
            unsafe { *self.0.get() += 1 };
            // SAFETY: as above.
            unsafe { *self.0.get() }
        }
    }
    let counter = Counter(UnsafeCell::new(0));
    let clones = [&counter, &counter, &counter];
    let seen: Vec<u32> = clones.iter().map(|c| c.bump()).collect();
    assert_eq!(seen, [1, 2, 3]);
}
