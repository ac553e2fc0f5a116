//! Unit tests of `gen_slot.rs`.

extern crate std;

use super::*;
use std::rc::Rc;

const FIRST: NonZeroU32 = NonZeroU32::MIN;
const LAST: NonZeroU32 = NonZeroU32::MAX;

#[test]
fn a_slot_is_an_eight_byte_stamp_then_the_value() {
    use core::mem::size_of;
    assert_eq!(size_of::<Slot<u64>>(), 16);
    assert_eq!(size_of::<Slot<&str>>(), 24);
    assert_eq!(size_of::<Slot<u32>>(), 16);
    assert_eq!(size_of::<Slot<()>>(), 16); // the empty slot's link is 4 bytes
    assert_eq!(size_of::<Slot<[u64; 2]>>(), 24);
}

#[test]
fn a_value_is_found_only_under_its_own_generation() {
    let mut slot = Slot::occupied(FIRST, 'a');
    assert_eq!(slot.get(FIRST), Some(&'a'));
    assert_eq!(slot.get(FIRST.saturating_add(1)), None);
    *slot.get_mut(FIRST).unwrap() = 'b';
    assert_eq!(
        slot.state(),
        SlotState::Occupied {
            generation: FIRST,
            value: &'b'
        }
    );
}

#[test]
fn take_moves_the_value_out_and_counts_the_generation_on() {
    let mut slot = Slot::occupied(FIRST, 'a');
    assert_eq!(slot.take(FIRST.saturating_add(1), 7), None);
    assert_eq!(slot.take(FIRST, 7), Some('a'));
    assert_eq!(slot.retired_link(), None);
    let second = FIRST.saturating_add(1);
    assert_eq!(slot.state(), SlotState::Vacant { generation: second });
    assert_eq!(slot.get(FIRST), None);
    assert_eq!(slot.take(FIRST, 7), None);

    assert_eq!(slot.fill('c'), (second, 7));
    assert_eq!(slot.get(second), Some(&'c'));
}

#[test]
fn taking_at_the_last_generation_retires_the_slot() {
    let mut slot = Slot::occupied(LAST, 'z');
    assert_eq!(slot.take(LAST, 3), Some('z'));
    assert_eq!(slot.state(), SlotState::Retired);
    // Still linked, so that the arena can step past it.
    assert_eq!(slot.retired_link(), Some(3));
    assert!(!slot.relink(3));
    for generation in [FIRST, LAST] {
        assert_eq!(slot.get(generation), None);
    }
}

#[test]
#[should_panic = "a retired slot was filled"]
fn filling_a_retired_slot_panics() {
    let mut slot = Slot::occupied(LAST, ());
    slot.take(LAST, 0);
    slot.fill(());
}

#[test]
#[should_panic = "a slot holding a value was on the free list"]
fn filling_an_occupied_slot_panics() {
    Slot::occupied(FIRST, ()).fill(());
}

#[test]
fn the_value_is_dropped_once_whichever_way_it_leaves() {
    let value = Rc::new(());
    let occupied = Slot::occupied(FIRST, Rc::clone(&value));
    let mut copy = occupied.clone();
    assert_eq!(Rc::strong_count(&value), 3);
    drop(occupied);
    assert_eq!(Rc::strong_count(&value), 2);

    let taken = copy.take(FIRST, 0).unwrap();
    drop(copy); // empty now: drops nothing
    assert_eq!(Rc::strong_count(&value), 2);
    drop(taken);
    assert_eq!(Rc::strong_count(&value), 1);
}
