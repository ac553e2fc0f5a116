//! Unit tests of `std.rs`.

use alloc_crate::borrow::Cow;
use alloc_crate::boxed::Box as StdBox;
use alloc_crate::collections::{BTreeMap, BTreeSet, VecDeque};
use alloc_crate::rc::{Rc as StdRc, Weak as StdRcWeak};
use alloc_crate::string::{String, ToString};
use alloc_crate::sync::{Arc as StdArc, Weak as StdArcWeak};
use alloc_crate::vec::Vec;
use alloc_crate::{format, vec};
use core::cell::{Cell, RefCell};
use core::marker::PhantomData;
use core::mem::{ManuallyDrop, size_of};

use super::super::log::{
    assert_single_visit, children_and_how, children_handed_over, count_pointers_iteratively, deep,
    first_pointer, owned_blocks, shallow,
};
use crate::walk::{Block, Segment, Visit, Walk, Walker, address_of};

/// Lines as the log writes them.
fn lines(expected: &[&str]) -> Vec<String> {
    expected.iter().map(ToString::to_string).collect()
}

#[test]
fn leaves_report_nothing() {
    assert!(shallow(&7_u32).is_empty());
    assert!(shallow(&-1.5_f64).is_empty());
    assert!(shallow("text").is_empty());
    assert!(shallow(&()).is_empty());
    assert!(shallow(&core::time::Duration::from_secs(1)).is_empty());
    assert!(shallow(&core::num::NonZeroU8::MIN).is_empty());
    assert!(shallow(&PhantomData::<StdBox<u8>>).is_empty());
    // No capacity, no block.
    assert!(shallow(&String::new()).is_empty());
    assert!(shallow(&Vec::<u64>::new()).is_empty());
    // Zero-sized elements never allocate, whatever the capacity says.
    assert!(shallow(&vec![(), ()]).len() == 2);
    assert!(owned_blocks(&vec![(), ()]).is_empty());
}

#[test]
fn a_string_owns_its_buffer() {
    let text = String::with_capacity(10) + "abc";
    assert_eq!(
        owned_blocks(&text),
        [Block {
            address: text.as_ptr().addr(),
            size: text.capacity(),
            align: 1,
        }]
    );
}

#[test]
fn references_borrow() {
    let value = 5_u16;
    let reference = &value;
    assert_eq!(shallow(&reference), ["Borrows u16", "Child .*", "Leave"]);
    let mut target = [1_u8, 2];
    let unique: &mut [u8] = &mut target;
    let address = address_of(&*unique);
    assert_eq!(shallow(&unique), ["Borrows [u8]", "Child .*", "Leave"]);
    // The target is the referenced value itself, walked in place.
    assert_eq!(
        deep(&unique),
        [
            "Borrows [u8]",
            "Child .*",
            "  Child [0]",
            "  Child [1]",
            "Leave"
        ]
    );
    struct Address(usize);
    impl<'a> Walker<'a> for Address {
        fn visit(&mut self, visit: Visit<'a>) -> crate::walk::Descend {
            if let Visit::Borrows { address, .. } = visit {
                self.0 = address;
            }
            crate::walk::Descend::No
        }
    }
    let mut seen = Address(0);
    unique.walk(&mut seen);
    assert_eq!(seen.0, address);
}

#[test]
fn a_box_points_at_its_target() {
    let boxed = StdBox::new(7_u32);
    assert_eq!(
        shallow(&boxed),
        ["Pointer StdBox<u32> strong 1 weak 0", "Child .*", "Leave"]
    );
    let info = first_pointer(&boxed);
    assert_eq!(info.address, address_of(&boxed));
    assert_eq!(info.target, address_of(&*boxed));
    assert_eq!(
        info.block,
        Some(Block {
            address: address_of(&*boxed),
            size: 4,
            align: 4,
        })
    );
    assert!(info.drops_target());

    // A zero-sized target has no block.
    assert_eq!(first_pointer(&StdBox::new(())).block, None);
}

#[test]
fn a_walker_that_declines_gets_no_target() {
    struct No(Vec<String>);
    impl<'a> Walker<'a> for No {
        fn visit(&mut self, visit: Visit<'a>) -> crate::walk::Descend {
            self.0.push(
                format!("{visit:?}")
                    .split('(')
                    .next()
                    .unwrap_or("")
                    .to_string(),
            );
            crate::walk::Descend::No
        }
    }
    let mut no = No(Vec::new());
    let (boxed, shared) = (StdBox::new(1_u8), StdRc::new(1_u8));
    boxed.walk(&mut no);
    shared.walk(&mut no);
    assert_eq!(no.0, ["Pointer", "Pointer"]);
}

#[test]
fn unsized_targets_are_walked_in_place() {
    let slice: StdBox<[u16]> = StdBox::new([1, 2, 3]);
    assert_eq!(
        deep(&slice),
        [
            "Pointer StdBox<[u16]> strong 1 weak 0",
            "Child .*",
            "  Child [0]",
            "  Child [1]",
            "  Child [2]",
            "Leave",
        ]
    );
    assert_eq!(
        first_pointer(&slice).block,
        Some(Block {
            address: slice.as_ptr().addr(),
            size: 6,
            align: 2,
        })
    );

    let text: StdRc<str> = StdRc::from("hello");
    assert_eq!(
        deep(&text),
        ["Pointer StdRc<str> strong 1 weak 0", "Child .*", "Leave"]
    );
    let info = first_pointer(&text);
    assert_eq!(info.target, text.as_ptr().addr());
    // Two counts, then the five bytes, padded to the counts' alignment.
    let counts = 2 * size_of::<usize>();
    assert_eq!(
        info.block,
        Some(Block {
            address: text.as_ptr().addr() - counts,
            size: (counts + 5).next_multiple_of(size_of::<usize>()),
            align: core::mem::align_of::<usize>(),
        })
    );
}

#[test]
fn a_vec_owns_its_buffer_then_its_elements() {
    let mut boxes = Vec::with_capacity(3);
    boxes.push(StdBox::new(1_u8));
    boxes.push(StdBox::new(2_u8));
    let word = size_of::<usize>();
    assert_eq!(
        shallow(&boxes),
        [
            format!("Owns {} align {word}", 3 * word),
            "Child [0]".to_string(),
            "Child [1]".to_string(),
        ]
    );
    assert_eq!(owned_blocks(&boxes)[0].address, boxes.as_ptr().addr());
    assert_eq!(
        deep(&boxes)[1..],
        lines(&[
            "Child [0]",
            "  Pointer StdBox<u8> strong 1 weak 0",
            "  Child .*",
            "  Leave",
            "Child [1]",
            "  Pointer StdBox<u8> strong 1 weak 0",
            "  Child .*",
            "  Leave",
        ])
    );
}

#[test]
fn sequences_arrays_and_tuples() {
    assert_eq!(shallow(&[1_u8, 2]), ["Child [0]", "Child [1]"]);
    let slice: &[u8] = &[1, 2, 3];
    assert_eq!(shallow(slice), ["Child [0]", "Child [1]", "Child [2]"]);
    let deque: VecDeque<u8> = [1, 2].into_iter().collect();
    assert_eq!(shallow(&deque), ["Child [0]", "Child [1]"]);
    assert_eq!(shallow(&(1_u8,)), ["Child .0"]);
    assert_eq!(
        shallow(&(1_u8, 'x', String::new())),
        ["Child .0", "Child .1", "Child .2"]
    );
    let twelve = (
        0_u8, 1_u8, 2_u8, 3_u8, 4_u8, 5_u8, 6_u8, 7_u8, 8_u8, 9_u8, 10_u8, 11_u8,
    );
    assert_eq!(
        shallow(&twelve).last().map(String::as_str),
        Some("Child .11")
    );
}

#[test]
fn a_deque_lists_its_elements_front_to_back_even_when_wrapped() {
    let mut deque = VecDeque::with_capacity(4);
    deque.extend([StdBox::new(1_u8), StdBox::new(2), StdBox::new(3)]);
    deque.pop_front();
    deque.push_back(StdBox::new(4));
    deque.push_back(StdBox::new(5)); // wraps around the buffer
    let mut targets = Vec::new();
    struct Targets<'v>(&'v mut Vec<usize>);
    impl<'a> Walker<'a> for Targets<'_> {
        fn visit(&mut self, visit: Visit<'a>) -> crate::walk::Descend {
            match visit {
                Visit::Child(Segment::Index(_), child) => child.walk(self),
                Visit::Pointer(info) => self.0.push(info.target),
                _ => {}
            }
            crate::walk::Descend::No
        }
    }
    deque.walk(&mut Targets(&mut targets));
    let expected: Vec<usize> = deque.iter().map(|b| address_of(&**b)).collect();
    assert_eq!(targets, expected);
}

#[test]
fn option_result_and_cow_are_transparent() {
    assert!(shallow(&None::<StdBox<u8>>).is_empty());
    assert_eq!(
        shallow(&Some(StdBox::new(1_u8)))[0],
        "Pointer StdBox<u8> strong 1 weak 0"
    );
    assert_eq!(
        shallow(&Ok::<_, u8>((1_u8, 2_u8))),
        ["Child .0", "Child .1"]
    );
    assert_eq!(shallow(&Err::<u8, _>((1_u8,))), ["Child .0"]);
    let borrowed: Cow<'_, [u8]> = Cow::Borrowed(&[1, 2]);
    // The log asks for every scope, so the borrow's scope is closed at
    // once: its target cannot be walked.
    assert_eq!(shallow(&borrowed), ["Borrows [u8]", "Leave"]);
    let owned: Cow<'_, [u8]> = Cow::Owned(vec![1, 2]);
    assert_eq!(
        shallow(&owned),
        ["Owns 2 align 1", "Child [0]", "Child [1]"]
    );
}

#[test]
fn nested_containers() {
    let nested: Vec<Option<(u8, StdBox<Vec<u8>>)>> =
        vec![None, Some((1, StdBox::new(Vec::with_capacity(2))))];
    assert_eq!(
        deep(&nested)[1..],
        lines(&[
            "Child [0]",
            "Child [1]",
            "  Child .0",
            "  Child .1",
            "    Pointer StdBox<Vec<u8>> strong 1 weak 0",
            "    Child .*",
            "      Owns 2 align 1",
            "    Leave",
        ])
    );
}

#[test]
fn maps_list_entries_as_key_value_pairs() {
    let map: BTreeMap<u8, StdBox<u8>> = [(2, StdBox::new(20)), (1, StdBox::new(10))].into();
    assert_eq!(
        deep(&map),
        [
            "Enter [0]",
            "Child .0",
            "Child .1",
            "  Pointer StdBox<u8> strong 1 weak 0",
            "  Child .*",
            "  Leave",
            "Leave",
            "Enter [1]",
            "Child .0",
            "Child .1",
            "  Pointer StdBox<u8> strong 1 weak 0",
            "  Child .*",
            "  Leave",
            "Leave",
        ]
    );
    let set: BTreeSet<u8> = [3, 1].into();
    assert_eq!(shallow(&set), ["Child [0]", "Child [1]"]);
}

#[cfg(feature = "std")]
#[test]
fn hash_maps_follow_iteration_order() {
    extern crate std;
    use std::collections::{HashMap, HashSet};

    // Each value owns a buffer as large as its key, so the log says
    // which entry came where.
    let map: HashMap<usize, String> = (1..=5)
        .map(|key| (key, String::with_capacity(key)))
        .collect();
    let mut expected = Vec::new();
    for (index, (key, _)) in map.iter().enumerate() {
        expected.push(format!("Enter [{index}]"));
        expected.push("Child .0".to_string());
        expected.push("Child .1".to_string());
        expected.push(format!("  Owns {key} align 1"));
        expected.push("Leave".to_string());
    }
    assert_eq!(deep(&map), expected);

    let set: HashSet<String> = (1..=3)
        .map(String::with_capacity)
        .map(|s| s + "x")
        .collect();
    let expected: Vec<String> = set
        .iter()
        .enumerate()
        .flat_map(|(index, text)| {
            [
                format!("Child [{index}]"),
                format!("  Owns {} align 1", text.capacity()),
            ]
        })
        .collect();
    assert_eq!(deep(&set), expected);
}

#[test]
fn a_refcell_is_transparent_until_mutably_borrowed() {
    let cell = RefCell::new(vec![StdBox::new(1_u8)]);
    let word = size_of::<usize>();
    let open = [
        format!("Owns {word} align {word}"),
        "Enter [0]".to_string(),
        "Pointer StdBox<u8> strong 1 weak 0".to_string(),
        "Enter .*".to_string(),
        "Leave".to_string(),
        "Leave".to_string(),
        "Leave".to_string(),
    ];
    // Children behind the borrow are walked in place.
    assert_eq!(shallow(&cell), open);
    {
        let _reader = cell.borrow();
        assert_eq!(shallow(&cell), open);
    }
    {
        let _writer = cell.borrow_mut();
        assert_eq!(shallow(&cell), ["Hidden the RefCell is mutably borrowed"]);
    }
    // The walk's own borrow is over: the cell can be written again.
    cell.borrow_mut().clear();
    assert_eq!(shallow(&cell), [format!("Owns {word} align {word}")]);
}

#[test]
fn cells_and_manually_drop_are_hidden() {
    assert_eq!(
        shallow(&Cell::new(1_u8)),
        ["Hidden a Cell never lends out its value"]
    );
    let kept = ManuallyDrop::new(StdBox::new(1_u8));
    assert_eq!(
        shallow(&kept),
        ["Hidden a ManuallyDrop never drops its value"]
    );
    drop(ManuallyDrop::into_inner(kept));
}

#[test]
fn an_rc_reports_its_counts() {
    let first = StdRc::new(5_u8);
    let info = first_pointer(&first);
    assert_eq!((info.strong, info.weak), (1, 0));
    assert!(info.drops_target(), "the only owner drops the value");
    assert_eq!(info.target, StdRc::as_ptr(&first).addr());
    let word = size_of::<usize>();
    assert_eq!(
        info.block,
        Some(Block {
            address: StdRc::as_ptr(&first).addr() - 2 * word,
            size: 3 * word,
            align: word,
        })
    );

    let second = StdRc::clone(&first);
    let weak = StdRc::downgrade(&first);
    assert_eq!(
        shallow(&second),
        ["Pointer StdRc<u8> strong 2 weak 1", "Child .*", "Leave"]
    );
    assert!(
        !first_pointer(&second).drops_target(),
        "a shared value is kept"
    );
    drop(weak);

    let arc = StdArc::new([1_u32, 2]);
    let info = first_pointer(&arc);
    assert_eq!((info.strong, info.weak), (1, 0));
    assert_eq!(info.block.map(|block| block.size), Some(2 * word + 8));
    assert_eq!(deep(&arc)[2..4], lines(&["  Child [0]", "  Child [1]"]));
}

#[test]
fn a_weak_keeps_the_block_not_the_value() {
    let rc = StdRc::new(5_u8);
    let weak = StdRc::downgrade(&rc);
    assert_eq!(shallow(&weak), ["Weak StdRc<u8> strong 1 weak 1"]);
    assert_eq!(first_pointer(&weak).block, first_pointer(&rc).block);
    // The walk's upgrade gave its count back.
    assert_eq!(StdRc::strong_count(&rc), 1);
    drop(rc);
    assert_eq!(shallow(&weak), ["Weak StdRc<u8> strong 0 weak 0"]);
    assert_eq!(first_pointer(&weak).block, None);
    assert_eq!(
        shallow(&StdRcWeak::<u8>::new()),
        ["Weak StdRc<u8> strong 0 weak 0"]
    );

    let arc = StdArc::new(1_u8);
    let weak = StdArc::downgrade(&arc);
    assert_eq!(shallow(&weak), ["Weak StdArc<u8> strong 1 weak 1"]);
    let info = first_pointer(&weak);
    assert_eq!(
        (info.block, info.target),
        (None, StdArc::as_ptr(&arc).addr())
    );
    assert_eq!(
        shallow(&StdArcWeak::<u8>::new()),
        ["Weak StdArc<u8> strong 0 weak 0"]
    );
}

#[cfg(feature = "std")]
#[test]
fn locks_are_transparent_until_locked() {
    extern crate std;
    use std::sync::{Mutex, RwLock};

    let mutex = Mutex::new((1_u8,));
    assert_eq!(shallow(&mutex), ["Enter .0", "Leave"]);
    {
        let _held = mutex.lock().unwrap();
        assert_eq!(shallow(&mutex), ["Hidden the Mutex is locked"]);
    }
    // A poisoned lock still holds a value worth looking at.
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _held = mutex.lock().unwrap();
        panic!("poison the mutex");
    }));
    assert!(mutex.is_poisoned());
    assert_eq!(shallow(&mutex), ["Enter .0", "Leave"]);

    let lock = RwLock::new((1_u8,));
    {
        let _reader = lock.read().unwrap();
        assert_eq!(shallow(&lock), ["Enter .0", "Leave"]);
    }
    let _writer = lock.write().unwrap();
    assert_eq!(shallow(&lock), ["Hidden the RwLock is write-locked"]);
}

/// One link of a chain of boxes, walked by a hand-written impl.
struct Link {
    next: Option<StdBox<Link>>,
}

impl Walk for Link {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        let _ = walker.visit(Visit::Child(Segment::Field("next"), &self.next));
    }
}

impl Drop for Link {
    // Dropping the chain recursively would overflow the stack the walk
    // does not: unlink it in a loop.
    fn drop(&mut self) {
        let mut next = self.next.take();
        while let Some(mut link) = next {
            next = link.next.take();
        }
    }
}

#[test]
fn a_deep_chain_is_walked_without_recursion() {
    let length = if cfg!(miri) { 200 } else { 100_000 };
    let mut head = Link { next: None };
    for _ in 0..length {
        head = Link {
            next: Some(StdBox::new(head)),
        };
    }
    assert_eq!(count_pointers_iteratively(&head), length);
}

/// `reports_nothing` is exact where std's types say it: a value it is
/// true of logs no visit, even walked deep, and one it is false of logs
/// at least one.
#[test]
fn reports_nothing_is_true_exactly_when_the_walk_is_empty() {
    fn check<T: Walk>(value: &T, nothing: bool) {
        let name = value.type_name();
        assert_eq!(value.reports_nothing(), nothing, "{name}");
        assert_eq!(deep(value).is_empty(), nothing, "{name}");
    }
    check(&String::new(), true);
    check(&String::with_capacity(1), false);
    check(&String::from("a"), false);
    check(&Vec::<StdBox<u8>>::new(), true);
    // A buffer with no elements in it yet.
    check(&Vec::<StdBox<u8>>::with_capacity(2), false);
    check(&vec![StdBox::new(1_u8)], false);
    // Zero-sized elements: no buffer whatever the capacity, but elements.
    check(&Vec::<()>::with_capacity(4), true);
    check(&vec![(), ()], false);
    check(&VecDeque::<StdBox<u8>>::new(), true);
    check(&VecDeque::<StdBox<u8>>::with_capacity(2), true);
    check(&VecDeque::from([StdBox::new(1_u8)]), false);
    check(&None::<StdBox<u8>>, true);
    check(&Some(String::new()), true);
    check(&Some(Vec::<StdBox<u8>>::new()), true);
    check(&Some(StdBox::new(1_u8)), false);
    // The default is `false`, which is always correct.
    let boxed = StdBox::new(1_u8);
    assert!(!boxed.reports_nothing());
}

#[test]
fn a_walker_that_skips_leaves_is_not_handed_values_that_report_nothing() {
    // Fields (of a tuple, as of a derived type) and elements alike.
    let empty = (
        Vec::<StdBox<u8>>::new(),
        None::<StdBox<u8>>,
        String::new(),
        7_u8,
    );
    assert!(children_handed_over(&empty).is_empty());
    let full = (
        vec![StdBox::new(1_u8)],
        Some(StdBox::new(2_u8)),
        String::from("a"),
        7_u8,
    );
    assert_eq!(children_handed_over(&full), [".0", ".1", ".2"]);
    let rows = vec![Vec::new(), vec![StdBox::new(1_u8)], Vec::new()];
    assert_eq!(children_handed_over(&rows), ["[1]"]);
    let slots = VecDeque::from([None, Some(StdBox::new(1_u8)), None]);
    assert_eq!(children_handed_over(&slots), ["[1]"]);
    // A walker that does not skip leaves is handed every one.
    assert_eq!(
        shallow(&rows)[1..],
        lines(&["Child [0]", "Child [1]", "Child [2]"])
    );
}

/// `single_visit` is exact where std's types say it: the one visit it
/// gives is the whole walk, to a walker that skips leaves and to one that
/// does not, and a walk of no visit or of more than one has none.
#[test]
fn single_visit_is_the_whole_walk_where_it_is_given() {
    assert_single_visit(&String::from("a"), true, true);
    assert_single_visit(&String::with_capacity(2), true, true);
    assert_single_visit(&String::new(), false, false);
    // The elements follow the buffer unless they are skipped as leaves.
    assert_single_visit(&vec![1_u8, 2], true, false);
    assert_single_visit(&Vec::<String>::with_capacity(2), true, true);
    assert_single_visit(&vec![String::from("a")], false, false);
    assert_single_visit(&Vec::<u8>::new(), false, false);
    assert_single_visit(&vec![(), ()], false, false);
    assert_single_visit(&StdBox::new(1_u8), true, true);
    assert_single_visit(&StdBox::new(()), true, true);
    assert_single_visit(&StdRc::new(1_u8), true, true);
    assert_single_visit(&StdArc::new(String::from("a")), true, true);
    assert_single_visit(&Some(StdBox::new(1_u8)), true, true);
    assert_single_visit(&Some(String::from("a")), true, true);
    assert_single_visit(&None::<StdBox<u8>>, false, false);
    assert_single_visit(&7_u64, false, false);
    assert_single_visit(&(String::from("a"), 1_u8), false, false);
    assert_single_visit(&VecDeque::from([1_u8]), false, false);
}

#[test]
fn a_child_whose_walk_is_one_visit_is_handed_over_with_it() {
    // Fields (of a tuple, as of a derived type) and elements alike.
    let fields = (
        String::from("a"),
        vec![StdBox::new(1_u8)],
        Some(StdBox::new(2_u8)),
        3_u8,
        vec![4_u8],
    );
    assert_eq!(
        children_and_how(&fields),
        [".0 single", ".1", ".2 single", ".4 single"]
    );
    let elements = vec![String::from("a"), String::new(), String::from("b")];
    assert_eq!(children_and_how(&elements), ["[0] single", "[2] single"]);
    let pointers = vec![StdRc::new(1_u8), StdRc::new(2_u8)];
    assert_eq!(children_and_how(&pointers), ["[0] single", "[1] single"]);
}
