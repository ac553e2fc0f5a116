//! `GenArena` and `Key`: a model test against a `HashMap` oracle, then the
//! error messages, slot reuse, `clear`, `retain`, `drain`, iteration order,
//! keys from another arena, zero-sized values and drop counting.

use ownkit::arena::{GenArena, Key, KeyError, KeyErrorKind};
use ownkit_tests::{Panic, Witness};
use proptest::prelude::*;
use proptest::sample::Index as Pick;
use static_assertions::{assert_eq_size, assert_impl_all};
use std::cell::RefCell;
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;

assert_eq_size!(Key, u64);
assert_eq_size!(Option<Key>, u64);
assert_eq_size!(KeyError, [u32; 4]);
assert_impl_all!(Key: Copy, Eq, Ord, std::hash::Hash, std::fmt::Debug, std::fmt::Display, Send, Sync);
assert_impl_all!(KeyError: std::error::Error, Copy, Send, Sync);
assert_impl_all!(GenArena<u8>: Send, Sync, Default, Clone, std::fmt::Debug);

fn generation(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap()
}

mod model {
    use super::*;

    /// Fewer and shorter cases under Miri, which runs the same code
    /// thousands of times slower.
    fn config() -> ProptestConfig {
        ProptestConfig {
            cases: if cfg!(miri) { 4 } else { 256 },
            failure_persistence: None,
            ..ProptestConfig::default()
        }
    }

    /// The longest operation sequence a case runs.
    const MAX_OPS: usize = if cfg!(miri) { 40 } else { 120 };

    /// A value that logs its id into a shared list when dropped, so the
    /// model can check that every value is dropped exactly once.
    #[derive(Debug)]
    struct Logged {
        id: u64,
        payload: i64,
        dropped: Rc<RefCell<Vec<u64>>>,
    }

    impl Drop for Logged {
        fn drop(&mut self) {
            self.dropped.borrow_mut().push(self.id);
        }
    }

    #[derive(Clone, Debug)]
    enum Op {
        Insert(i64),
        Remove(Pick),
        Get(Pick),
        TryGet(Pick),
        GetMut(Pick, i64),
        Contains(Pick),
        Clear,
        /// Keep the values whose payload is not a multiple of the divisor.
        Retain(u8),
        /// Drain all values, or only the first `n` (dropping the rest with
        /// the iterator).
        Drain(Option<u8>),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            6 => any::<i64>().prop_map(Op::Insert),
            4 => any::<Pick>().prop_map(Op::Remove),
            3 => any::<Pick>().prop_map(Op::Get),
            2 => any::<Pick>().prop_map(Op::TryGet),
            2 => (any::<Pick>(), any::<i64>()).prop_map(|(pick, payload)| Op::GetMut(pick, payload)),
            2 => any::<Pick>().prop_map(Op::Contains),
            1 => Just(Op::Clear),
            1 => (2_u8..5).prop_map(Op::Retain),
            1 => proptest::option::of(0_u8..4).prop_map(Op::Drain),
        ]
    }

    /// Runs `ops` on a `GenArena` and on a `HashMap` keyed by the keys the
    /// arena issued, comparing every result. Lookups pick from every key
    /// ever issued, so most of them are stale once the run gets going.
    fn run(ops: &[Op]) {
        let dropped = Rc::new(RefCell::new(Vec::new()));
        let mut arena = GenArena::new();
        let mut oracle: HashMap<Key, i64> = HashMap::new();
        let mut issued: Vec<Key> = Vec::new();
        let mut next_id = 0;
        // One past the highest slot index issued so far.
        let mut slots = 0;

        for op in ops {
            let pick = |pick: &Pick| (!issued.is_empty()).then(|| *pick.get(&issued));
            match op {
                Op::Insert(payload) => {
                    let value = Logged {
                        id: next_id,
                        payload: *payload,
                        dropped: Rc::clone(&dropped),
                    };
                    next_id += 1;
                    let key = arena.insert(value);
                    // Never a key issued before: that is what keeps old
                    // keys stale after their slot is reused.
                    assert!(!issued.contains(&key), "{key} was issued twice");
                    // A freed slot is reused before the arena grows.
                    if oracle.len() < slots {
                        assert!(
                            (key.index() as usize) < slots,
                            "{key} grew the arena although a slot was free"
                        );
                    }
                    slots = slots.max(key.index() as usize + 1);
                    issued.push(key);
                    oracle.insert(key, *payload);
                }
                Op::Remove(which) => {
                    let Some(key) = pick(which) else { continue };
                    let ours = arena.remove(key).map(|value| value.payload);
                    assert_eq!(ours, oracle.remove(&key), "remove({key})");
                }
                Op::Get(which) => {
                    let Some(key) = pick(which) else { continue };
                    let ours = arena.get(key).map(|value| value.payload);
                    assert_eq!(ours, oracle.get(&key).copied(), "get({key})");
                }
                Op::TryGet(which) => {
                    let Some(key) = pick(which) else { continue };
                    match (arena.try_get(key), oracle.get(&key)) {
                        (Ok(ours), Some(expected)) => assert_eq!(ours.payload, *expected),
                        (Err(error), None) => {
                            assert_eq!(error.key(), key);
                            // The key came from this arena: it was freed,
                            // never foreign.
                            assert!(
                                matches!(
                                    error.kind(),
                                    KeyErrorKind::Freed { .. } | KeyErrorKind::Reused { .. }
                                ),
                                "{error}"
                            );
                        }
                        (ours, expected) => panic!("try_get({key}): {ours:?} vs {expected:?}"),
                    }
                }
                Op::GetMut(which, payload) => {
                    let Some(key) = pick(which) else { continue };
                    let ours = arena.get_mut(key).map(|value| {
                        value.payload = *payload;
                        value.payload
                    });
                    let expected = oracle.get_mut(&key).map(|value| {
                        *value = *payload;
                        *value
                    });
                    assert_eq!(ours, expected, "get_mut({key})");
                }
                Op::Contains(which) => {
                    let Some(key) = pick(which) else { continue };
                    assert_eq!(
                        arena.contains(key),
                        oracle.contains_key(&key),
                        "contains({key})"
                    );
                }
                Op::Clear => {
                    arena.clear();
                    oracle.clear();
                }
                Op::Retain(divisor) => {
                    let keep = |payload: i64| payload % i64::from(*divisor) != 0;
                    let mut visited = Vec::new();
                    arena.retain(|key, value| {
                        visited.push(key);
                        keep(value.payload)
                    });
                    // Every live value was offered once, in slot order.
                    let mut live: Vec<Key> = oracle.keys().copied().collect();
                    live.sort();
                    assert_eq!(
                        visited, live,
                        "retain visits each value once, in slot order"
                    );
                    oracle.retain(|_, payload| keep(*payload));
                }
                Op::Drain(limit) => {
                    let mut expected: Vec<(Key, i64)> = oracle.drain().collect();
                    expected.sort();
                    let taken: Vec<(Key, i64)> = arena
                        .drain()
                        .take(limit.map_or(usize::MAX, usize::from))
                        .map(|(key, value)| (key, value.payload))
                        .collect();
                    // The drained pairs come first in slot order; the rest
                    // went with the iterator.
                    assert_eq!(taken, expected[..taken.len()]);
                    // Like `clear`, draining refills from slot 0.
                    if slots > 0 {
                        let probe = arena.insert(Logged {
                            id: next_id,
                            payload: 0,
                            dropped: Rc::clone(&dropped),
                        });
                        next_id += 1;
                        assert_eq!(probe.index(), 0, "drain relinks the free list from slot 0");
                        issued.push(probe);
                        oracle.insert(probe, 0);
                    }
                }
            }

            assert_eq!(arena.len(), oracle.len());
            assert_eq!(arena.is_empty(), oracle.is_empty());
            // Alive values are exactly those not dropped yet.
            assert_eq!(dropped.borrow().len() as u64, next_id - arena.len() as u64);
            // Iteration: every live pair once, in slot order.
            let pairs: Vec<(Key, i64)> = arena
                .iter()
                .map(|(key, value)| (key, value.payload))
                .collect();
            assert_eq!(arena.iter().len(), pairs.len());
            assert!(
                pairs
                    .windows(2)
                    .all(|pair| pair[0].0.index() < pair[1].0.index())
            );
            let mut expected: Vec<(Key, i64)> = oracle.iter().map(|(k, v)| (*k, *v)).collect();
            expected.sort();
            assert_eq!(pairs, expected);
        }

        drop(arena);
        let mut dropped = dropped.borrow().clone();
        dropped.sort_unstable();
        let every_id: Vec<u64> = (0..next_id).collect();
        assert_eq!(dropped, every_id, "every value dropped exactly once");
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn matches_a_hash_map(ops in proptest::collection::vec(op(), 0..MAX_OPS)) {
            run(&ops);
        }
    }
}

#[test]
fn error_messages_say_what_happened_to_the_slot() {
    let mut arena = GenArena::new();
    let keys: Vec<Key> = (0..4).map(|n| arena.insert(n)).collect();
    let key = keys[3];

    arena.remove(key);
    let freed = arena.try_get(key).unwrap_err();
    assert_eq!(
        freed.kind(),
        KeyErrorKind::Freed {
            generation: generation(2)
        }
    );
    assert_eq!(
        freed.to_string(),
        "key 3v1: slot 3 was freed (now at generation 2)"
    );

    let reused = arena.insert(30);
    assert_eq!(reused.to_string(), "3v2");
    let error = arena.try_get(key).unwrap_err();
    assert_eq!(
        error.kind(),
        KeyErrorKind::Reused {
            generation: generation(2)
        }
    );
    assert_eq!(
        error.to_string(),
        "key 3v1: slot 3 was freed and reused by 3v2"
    );

    // The example from the docs: 3v2 freed, reused and freed again.
    arena.remove(reused);
    let again = arena.insert(31);
    arena.remove(again);
    assert_eq!(
        arena.try_get(reused).unwrap_err().to_string(),
        "key 3v2: slot 3 was freed (now at generation 4)"
    );

    let mut bigger = GenArena::new();
    let far = (0..10).map(|n| bigger.insert(n)).last().unwrap();
    assert_eq!(far.to_string(), "9v1");
    let out_of_range = arena.try_get(far).unwrap_err();
    assert_eq!(out_of_range.kind(), KeyErrorKind::OutOfRange { slots: 4 });
    assert_eq!(
        out_of_range.to_string(),
        "key 9v1: out of range (the arena has 4 slots)"
    );
    let mut single = GenArena::new();
    single.insert(());
    assert_eq!(
        single.try_get(far).unwrap_err().to_string(),
        "key 9v1: out of range (the arena has 1 slot)"
    );

    // A generation slot 0 never reached: from another arena.
    let mut other = GenArena::new();
    let first = other.insert(0);
    other.remove(first);
    let mut later = other.insert(0);
    for _ in 0..3 {
        other.remove(later);
        later = other.insert(0);
    }
    assert_eq!(later.to_string(), "0v5");
    assert_eq!(
        arena.try_get(later).unwrap_err().to_string(),
        "key 0v5: not issued by this arena (slot 0 is only at generation 1)"
    );
    arena.remove(keys[0]);
    assert_eq!(
        arena.try_get(later).unwrap_err().to_string(),
        "key 0v5: not issued by this arena (slot 0 is only at generation 2)"
    );
    assert_eq!(
        arena.try_get_mut(later).unwrap_err().kind(),
        KeyErrorKind::NotIssued {
            generation: generation(2)
        }
    );

    // `Error` and `Debug` are implemented and informative.
    let as_error: &dyn std::error::Error = &freed;
    assert!(as_error.source().is_none());
    assert_eq!(
        format!("{freed:?}"),
        "KeyError { key: 3v1, kind: Freed { generation: 2 } }"
    );
}

#[test]
fn a_stale_key_never_reaches_the_value_that_reused_its_slot() {
    let mut arena = GenArena::new();
    let old = arena.insert(String::from("old"));
    assert_eq!(arena.remove(old).as_deref(), Some("old"));
    let new = arena.insert(String::from("new"));
    assert_eq!(new.index(), old.index(), "the freed slot is reused");
    assert_ne!(new, old);
    assert_eq!(arena.get(old), None);
    assert_eq!(arena.get_mut(old), None);
    assert!(!arena.contains(old));
    assert_eq!(arena.remove(old), None, "a stale remove changes nothing");
    assert_eq!(arena[new], "new");
    assert_eq!(arena.len(), 1);
}

#[test]
fn freed_slots_are_reused_last_freed_first() {
    let mut arena = GenArena::new();
    let keys: Vec<Key> = (0..5).map(|n| arena.insert(n)).collect();
    arena.remove(keys[1]);
    arena.remove(keys[3]);
    assert_eq!(arena.insert(30).to_string(), "3v2");
    assert_eq!(arena.insert(10).to_string(), "1v2");
    assert_eq!(arena.insert(50).to_string(), "5v1");
    assert_eq!(arena.len(), 6);
}

#[test]
fn clear_drops_every_value_and_keeps_old_keys_stale() {
    let witness = Witness::new();
    let mut arena = GenArena::new();
    let keys: Vec<Key> = (0..4)
        .map(|_| arena.insert(witness.spawn(Panic::Never)))
        .collect();
    drop(arena.remove(keys[2]));
    assert_eq!(witness.drops(), 1);

    arena.clear();
    assert_eq!(witness.drops(), 4);
    assert!(arena.is_empty());
    assert_eq!(arena.iter().count(), 0);
    for key in &keys {
        assert!(!arena.contains(*key));
    }
    assert_eq!(
        arena.try_get(keys[0]).unwrap_err().to_string(),
        "key 0v1: slot 0 was freed (now at generation 2)"
    );
    // Slot 2 was already free: clear leaves its generation alone.
    assert_eq!(
        arena.try_get(keys[2]).unwrap_err().kind(),
        KeyErrorKind::Freed {
            generation: generation(2)
        }
    );

    // Inserts after a clear fill the slots from 0 up, with new generations.
    let refilled: Vec<String> = (0..5)
        .map(|_| arena.insert(witness.spawn(Panic::Never)).to_string())
        .collect();
    assert_eq!(refilled, ["0v2", "1v2", "2v2", "3v2", "4v1"]);
    for key in &keys {
        assert!(!arena.contains(*key));
    }
    drop(arena);
    assert_eq!(witness.drops(), 9);
}

#[test]
fn a_panicking_drop_during_clear_leaves_the_rest_to_the_arena() {
    let witness = Witness::new();
    let mut arena = GenArena::new();
    let first = arena.insert(witness.spawn(Panic::Never));
    let panicking = arena.insert(witness.spawn(Panic::InDrop));
    let last = arena.insert(witness.spawn(Panic::Never));

    // Clear drops from the top down: `last`, then the panicking one.
    let result = catch_unwind(AssertUnwindSafe(|| arena.clear()));
    assert!(result.is_err());
    assert_eq!(witness.drops(), 2);
    assert_eq!(arena.len(), 1);
    assert!(arena.contains(first));
    assert!(!arena.contains(panicking));
    assert!(!arena.contains(last));

    // The arena is still consistent: freed slots are reused, and the value
    // left behind is dropped with the arena.
    let reused = arena.insert(witness.spawn(Panic::Never));
    assert_eq!(reused.index(), panicking.index());
    drop(arena);
    assert_eq!(witness.drops(), 4);
}

#[test]
fn retain_removes_what_it_rejects_and_their_keys_go_stale() {
    let mut arena = GenArena::new();
    let keys: Vec<Key> = (0..6).map(|n| arena.insert(n)).collect();
    arena.retain(|key, value| {
        *value *= 10;
        key.index() % 2 == 0
    });
    assert_eq!(arena.values().copied().collect::<Vec<_>>(), [0, 20, 40]);
    assert_eq!(
        arena.keys().collect::<Vec<_>>(),
        [keys[0], keys[2], keys[4]]
    );
    let error = arena.try_get(keys[1]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "key 1v1: slot 1 was freed (now at generation 2)"
    );
    // The rejected slots are free again, most recently freed first.
    assert_eq!(arena.insert(99).to_string(), "5v2");
}

#[test]
fn a_panicking_retain_leaves_a_consistent_arena() {
    let witness = Witness::new();
    let mut arena = GenArena::new();
    let keys: Vec<Key> = [Panic::Never, Panic::InDrop, Panic::Never]
        .map(|panic| arena.insert(witness.spawn(panic)))
        .to_vec();
    // Reject everything: the first is dropped, the second panics in drop.
    let result = catch_unwind(AssertUnwindSafe(|| arena.retain(|_, _| false)));
    assert!(result.is_err());
    assert_eq!(witness.drops(), 2);
    assert_eq!(arena.keys().collect::<Vec<_>>(), [keys[2]]);
    assert_eq!(arena.len(), 1);
    drop(arena);
    assert_eq!(witness.drops(), 3);
}

#[test]
fn dropping_a_drain_early_removes_the_rest() {
    let witness = Witness::new();
    let mut arena = GenArena::new();
    let keys: Vec<Key> = (0..4)
        .map(|_| arena.insert(witness.spawn(Panic::Never)))
        .collect();
    arena.remove(keys[1]);
    assert_eq!(witness.drops(), 1);
    let mut drain = arena.drain();
    assert_eq!(drain.len(), 3);
    let (first, value) = drain.next().unwrap();
    assert_eq!(first, keys[0]);
    drop(value);
    assert_eq!(witness.drops(), 2);
    assert_eq!(drain.len(), 2);
    drop(drain);
    assert_eq!(
        witness.drops(),
        4,
        "the drained value and the two left behind"
    );
    assert!(arena.is_empty());
    assert!(keys.iter().all(|key| !arena.contains(*key)));
    assert_eq!(arena.insert(witness.spawn(Panic::Never)).to_string(), "0v2");
}

#[test]
fn a_leaked_drain_leaves_the_values_it_did_not_hand_out() {
    let mut arena = GenArena::new();
    let keys: Vec<Key> = (0..3).map(|n| arena.insert(n)).collect();
    let mut drain = arena.drain();
    assert_eq!(drain.next(), Some((keys[0], 0)));
    std::mem::forget(drain);
    assert_eq!(arena.len(), 2);
    assert_eq!(arena.get(keys[1]), Some(&1));
    assert_eq!(arena.get(keys[0]), None);
}

#[test]
fn keys_and_values_iterate_both_ways() {
    let mut arena = GenArena::new();
    let keys: Vec<Key> = ['a', 'b', 'c'].map(|c| arena.insert(c)).to_vec();
    assert_eq!(
        arena.keys().rev().collect::<Vec<_>>(),
        [keys[2], keys[1], keys[0]]
    );
    assert_eq!(arena.values().rev().collect::<String>(), "cba");
    assert_eq!(arena.values().len(), 3);
    arena.values_mut().for_each(|c| *c = c.to_ascii_uppercase());
    assert_eq!(arena.values().collect::<String>(), "ABC");
}

#[test]
fn every_value_is_dropped_exactly_once() {
    let witness = Witness::new();
    {
        let mut arena = GenArena::with_capacity(2);
        let keys: Vec<Key> = (0..6)
            .map(|_| arena.insert(witness.spawn(Panic::Never)))
            .collect();
        let removed = arena.remove(keys[0]).unwrap();
        assert_eq!(witness.drops(), 0, "remove hands the value back, undropped");
        drop(removed);
        assert_eq!(witness.drops(), 1);
        assert!(arena.remove(keys[0]).is_none());
        assert_eq!(witness.drops(), 1);
    }
    assert_eq!(witness.drops(), 6);
    assert_eq!(witness.clones(), 0);
}

#[test]
fn a_panicking_drop_while_the_arena_drops_still_drops_the_rest() {
    let witness = Witness::new();
    let mut arena = GenArena::new();
    arena.insert(witness.spawn(Panic::Never));
    arena.insert(witness.spawn(Panic::InDrop));
    arena.insert(witness.spawn(Panic::Never));
    assert!(catch_unwind(AssertUnwindSafe(|| drop(arena))).is_err());
    assert_eq!(witness.drops(), 3);
}

#[test]
fn iteration_is_in_slot_order() {
    let mut arena = GenArena::new();
    let keys: Vec<Key> = ["a", "b", "c", "d"].map(|name| arena.insert(name)).to_vec();
    arena.remove(keys[1]);
    arena.remove(keys[0]);
    let e = arena.insert("e"); // slot 0
    let pairs: Vec<(String, &str)> = arena
        .iter()
        .map(|(key, value)| (key.to_string(), *value))
        .collect();
    assert_eq!(
        pairs,
        [
            ("0v2".into(), "e"),
            ("2v1".into(), "c"),
            ("3v1".into(), "d")
        ]
    );
    assert_eq!(arena.iter().len(), 3);
    let backwards: Vec<&str> = arena.iter().rev().map(|(_, value)| *value).collect();
    assert_eq!(backwards, ["d", "c", "e"]);

    for (key, value) in &mut arena {
        if key == e {
            *value = "E";
        }
    }
    let values: Vec<&str> = (&arena).into_iter().map(|(_, value)| *value).collect();
    assert_eq!(values, ["E", "c", "d"]);
    assert_eq!(arena.iter_mut().rev().len(), 3);
    assert_eq!(format!("{arena:?}"), r#"{0v2: "E", 2v1: "c", 3v1: "d"}"#);
}

/// Keys carry no arena identity (there is no room in 8 bytes): a key with
/// numbers the other arena also issued finds that arena's value. Keys the
/// other arena could not have issued are refused and reported.
#[test]
fn keys_from_another_arena() {
    let mut people = GenArena::new();
    let mut cities = GenArena::new();
    let alice = people.insert("alice");
    let paris = cities.insert("paris");
    assert_eq!(alice, paris, "the same numbers: no arena identity");
    assert_eq!(cities.get(alice), Some(&"paris"), "aliases silently");

    let bob = people.insert("bob");
    assert_eq!(
        cities.try_get(bob).unwrap_err().kind(),
        KeyErrorKind::OutOfRange { slots: 1 }
    );
    people.remove(alice);
    let carol = people.insert("carol");
    assert_eq!(
        cities.try_get(carol).unwrap_err().kind(),
        KeyErrorKind::NotIssued {
            generation: generation(1)
        }
    );
    assert_eq!(cities.remove(carol), None);
    assert_eq!(cities.len(), 1);
}

#[test]
fn zero_sized_values() {
    let mut arena = GenArena::new();
    let keys: Vec<Key> = (0..100).map(|_| arena.insert(())).collect();
    assert_eq!(arena.len(), 100);
    assert_eq!(arena.remove(keys[42]), Some(()));
    assert_eq!(arena.get(keys[42]), None);
    assert_eq!(arena.get(keys[41]), Some(&()));
    assert_eq!(arena.insert(()).to_string(), "42v2");
    assert_eq!(arena.iter().count(), 100);
}

#[test]
fn index_panics_with_the_error_message() {
    let mut arena = GenArena::new();
    let key = arena.insert(5);
    arena[key] += 1;
    assert_eq!(arena[key], 6);
    arena.remove(key);

    let message = |payload: Box<dyn std::any::Any + Send>| *payload.downcast::<String>().unwrap();
    let read = catch_unwind(AssertUnwindSafe(|| arena[key])).unwrap_err();
    assert_eq!(
        message(read),
        "key 0v1: slot 0 was freed (now at generation 2)"
    );
    let written = catch_unwind(AssertUnwindSafe(|| arena[key] = 1)).unwrap_err();
    assert_eq!(
        message(written),
        "key 0v1: slot 0 was freed (now at generation 2)"
    );
}

#[test]
fn keys_compare_hash_and_display() {
    let mut arena = GenArena::new();
    let a = arena.insert(0);
    let b = arena.insert(1);
    arena.remove(a);
    let c = arena.insert(2);
    assert!(a < b && a < c && c < b, "by index, then generation");
    assert_eq!(format!("{c} {c:?}"), "0v2 0v2");
    let set: std::collections::HashSet<Key> = [a, b, c, a].into_iter().collect();
    assert_eq!(set.len(), 3);
    assert_eq!(c.generation(), generation(2));
}

#[test]
fn clone_copies_values_and_keys_stay_valid_in_the_copy() {
    let mut arena = GenArena::new();
    let a = arena.insert(String::from("a"));
    let b = arena.insert(String::from("b"));
    arena.remove(a);
    let copy = arena.clone();
    assert_eq!(copy.get(b).map(String::as_str), Some("b"));
    assert_eq!(copy.get(a), None);
    assert_eq!(copy.len(), 1);
    let default: GenArena<String> = GenArena::default();
    assert!(default.is_empty());
}
