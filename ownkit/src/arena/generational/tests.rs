//! Unit tests of `generational.rs`.

extern crate std;

use super::*;
use std::string::ToString;

const LAST: NonZeroU32 = NonZeroU32::MAX;

/// A slot whose generation reaches `u32::MAX` is retired when that value
/// is removed: it is never reused, and every key to it stays stale.
#[test]
fn a_slot_whose_generation_would_wrap_is_retired() {
    let mut arena = GenArena::new();
    let first = arena.insert("first");
    let neighbour = arena.insert("neighbour");
    arena.remove(first);
    arena.set_generation(0, NonZeroU32::new(u32::MAX - 1).unwrap());

    let second_last = arena.insert("second last");
    assert_eq!(second_last.to_string(), std::format!("0v{}", u32::MAX - 1));
    arena.remove(second_last);
    let last = arena.insert("last");
    assert_eq!((last.index(), last.generation()), (0, LAST));
    assert_eq!(arena.remove(last), Some("last"));

    // Slot 0 is retired, not free: the next value gets a new slot.
    let after = arena.insert("after");
    assert_eq!(after.to_string(), "2v1");
    assert_eq!(arena.len(), 2);
    for stale in [first, second_last, last] {
        assert_eq!(arena.get(stale), None);
        assert_eq!(arena.remove(stale), None);
    }
    let error = arena.try_get(last).unwrap_err();
    assert_eq!(error.kind(), KeyErrorKind::Retired);
    assert_eq!(
        error.to_string(),
        std::format!(
            "key 0v{}: slot 0 was freed and retired (its generation ran out)",
            u32::MAX
        )
    );
    assert_eq!(
        arena.try_get(second_last).unwrap_err().kind(),
        KeyErrorKind::Retired
    );

    // The retired slot is skipped by iteration and stays retired
    // through a clear.
    let keys: std::vec::Vec<Key> = arena.iter().map(|(key, _)| key).collect();
    assert_eq!(keys, [neighbour, after]);
    arena.clear();
    assert_eq!(arena.slots[0].state(), SlotState::Retired);
    assert_eq!(arena.insert("x").index(), 1);
    assert_eq!(arena.insert("y").index(), 2);
    assert_eq!(arena.insert("z").index(), 3);
}

/// `clear` retires a slot at the last generation too.
#[test]
fn clear_retires_a_slot_at_the_last_generation() {
    let mut arena = GenArena::new();
    let key = arena.insert(1);
    arena.set_generation(0, LAST);
    let last = Key {
        index: 0,
        generation: LAST,
    };
    assert_eq!(arena.get(last), Some(&1));
    arena.clear();
    assert_eq!(
        arena.try_get(last).unwrap_err().kind(),
        KeyErrorKind::Retired
    );
    assert_eq!(
        arena.try_get(key).unwrap_err().kind(),
        KeyErrorKind::Retired
    );
    assert_eq!(arena.insert(2).to_string(), "1v1");
}
