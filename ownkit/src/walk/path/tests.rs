//! Unit tests of [`PathStack`]: the path its scopes spell, what closing
//! gives back, scopes stored for want of memory, and reuse.

use super::PathStack;
use crate::walk::Segment;

const ITEMS: Segment = Segment::Field("items");

#[test]
fn scopes_spell_the_path_and_close_in_reverse() {
    let mut stack = PathStack::new();
    assert!(stack.is_empty());
    stack.open(Some(ITEMS), 1_u32);
    stack.open(Some(Segment::Index(2)), 2);
    stack.open(None, 3);
    stack.open(Some(Segment::Deref), 4);
    assert_eq!(
        stack.path(),
        [ITEMS, Segment::Index(2), Segment::Deref],
        "the scope without a segment adds none"
    );
    assert_eq!(stack.len(), 4);

    assert_eq!(stack.close(), Some((Some(Segment::Deref), 4)));
    assert_eq!(stack.close(), Some((None, 3)));
    assert_eq!(stack.path(), [ITEMS, Segment::Index(2)]);
    assert_eq!(stack.close(), Some((Some(Segment::Index(2)), 2)));
    assert_eq!(stack.close(), Some((Some(ITEMS), 1)));
    assert!(stack.is_empty() && stack.path().is_empty());
    assert_eq!(stack.close(), None, "closing more than was opened");
}

#[test]
fn path_from_gives_what_a_scope_and_those_inside_it_added() {
    let mut stack = PathStack::new();
    stack.open(Some(ITEMS), ());
    stack.open(None, ());
    stack.open(Some(Segment::Index(0)), ());
    stack.open(Some(Segment::Deref), ());
    assert_eq!(stack.path_from(0), stack.path());
    assert_eq!(stack.path_from(1), [Segment::Index(0), Segment::Deref]);
    assert_eq!(stack.path_from(2), [Segment::Index(0), Segment::Deref]);
    assert_eq!(stack.path_from(3), [Segment::Deref]);
    assert!(stack.path_from(4).is_empty() && stack.path_from(usize::MAX).is_empty());
}

#[test]
fn a_scope_without_memory_is_counted_and_its_close_ignored() {
    let mut stack = PathStack::new();
    assert!(stack.try_open(Some(ITEMS), 1_u8));
    stack.refuse_memory = true;
    assert!(!stack.try_open(Some(Segment::Index(0)), 2));
    stack.refuse_memory = false;
    // Memory is back, but a scope inside an unstored one is not stored
    // either: closes must come back in the walk's order.
    assert!(!stack.try_open(Some(Segment::Deref), 3));
    stack.open(None, 4);
    assert_eq!(stack.len(), 1, "one stored scope, three counted");
    assert_eq!(stack.path(), [ITEMS], "unstored scopes add nothing");

    assert_eq!(stack.close(), None);
    assert_eq!(stack.close(), None);
    assert_eq!(stack.close(), None);
    assert!(!stack.is_empty(), "the stored scope is still open");
    assert_eq!(stack.close(), Some((Some(ITEMS), 1)));
    assert!(stack.is_empty());

    assert!(stack.try_open(None, 5), "stored again once all were closed");
}

#[test]
fn clear_closes_everything_and_keeps_the_memory() {
    let mut stack = PathStack::new();
    for round in 0..3 {
        for depth in 0..100 {
            stack.open(Some(Segment::Index(depth)), round);
        }
        stack.refuse_memory = true;
        assert!(!stack.try_open(None, round));
        stack.refuse_memory = false;
        let capacity = (stack.scopes.capacity(), stack.path.capacity());
        stack.clear();
        assert!(stack.is_empty() && stack.path().is_empty());
        assert_eq!(
            (stack.scopes.capacity(), stack.path.capacity()),
            capacity,
            "round {round}: clear gave memory back"
        );
    }
}
