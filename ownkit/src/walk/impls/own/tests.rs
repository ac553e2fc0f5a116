//! Unit tests of `own.rs`.

use alloc_crate::boxed::Box as StdBox;
use alloc_crate::string::String;
use alloc_crate::vec::Vec;
use alloc_crate::{format, vec};
use core::mem::size_of;

use super::super::log::{
    assert_single_visit, children_and_how, children_handed_over, count_pointers_iteratively, deep,
    first_pointer, shallow,
};
use crate::arena::{Arena, GenArena};
use crate::boxed::Box;
use crate::cell::{Cell, RefCell};
use crate::rc::{Rc, Weak as RcWeak};
use crate::sync::{Arc, Weak as ArcWeak};
use crate::walk::{Block, PointerKind, Segment, Visit, Walk, Walker, address_of};

const WORD: usize = size_of::<usize>();

#[test]
fn a_box_reports_itself_like_std_does() {
    let ours = Box::new(7_u32);
    let theirs = StdBox::new(7_u32);
    assert_eq!(
        shallow(&ours),
        ["Pointer Box<u32> strong 1 weak 0", "Child .*", "Leave"]
    );
    let (info, std_info) = (first_pointer(&ours), first_pointer(&theirs));
    assert_eq!(
        (info.kind, std_info.kind),
        (PointerKind::Box, PointerKind::StdBox)
    );
    assert_eq!(info.address, address_of(&ours));
    assert_eq!(info.target, address_of(&*ours));
    assert_eq!(
        info.block.map(|b| (b.size, b.align)),
        std_info.block.map(|b| (b.size, b.align))
    );
    assert_eq!(info.block.map(|b| b.address), Some(address_of(&*ours)));
    assert_eq!(first_pointer(&Box::new(())).block, None);
}

#[test]
fn an_unsized_box_walks_its_target_in_place() {
    let slice: Box<[Box<u8>]> = Box::from(vec![Box::new(1_u8), Box::new(2)].into_boxed_slice());
    assert_eq!(
        deep(&slice),
        [
            "Pointer Box<[Box<u8>]> strong 1 weak 0",
            "Child .*",
            "  Child [0]",
            "    Pointer Box<u8> strong 1 weak 0",
            "    Child .*",
            "    Leave",
            "  Child [1]",
            "    Pointer Box<u8> strong 1 weak 0",
            "    Child .*",
            "    Leave",
            "Leave",
        ]
    );
    assert_eq!(
        first_pointer(&slice).block,
        Some(Block {
            address: address_of(&*slice),
            size: 2 * WORD,
            align: WORD,
        })
    );
}

#[test]
fn an_rc_reports_shared_and_last_owner() {
    let first = Rc::new(5_u8);
    let info = first_pointer(&first);
    assert_eq!((info.kind, info.strong, info.weak), (PointerKind::Rc, 1, 0));
    assert!(info.drops_target(), "the last owner drops the value");
    assert_eq!(info.target, Rc::as_ptr(&first).addr());
    assert_eq!(
        info.block,
        Some(Block {
            address: Rc::as_ptr(&first).addr() - 2 * WORD,
            size: 3 * WORD,
            align: WORD,
        })
    );
    // The same block std would allocate for the same value.
    assert_eq!(
        info.block.map(|b| (b.size, b.align)),
        first_pointer(&alloc_crate::rc::Rc::new(5_u8))
            .block
            .map(|b| (b.size, b.align))
    );

    let second = Rc::clone(&first);
    let weak = Rc::downgrade(&first);
    assert_eq!(
        shallow(&second),
        ["Pointer Rc<u8> strong 2 weak 1", "Child .*", "Leave"]
    );
    assert!(
        !first_pointer(&second).drops_target(),
        "a shared value is kept"
    );
    drop(weak);
}

#[test]
fn an_unsized_rc_walks_its_target_in_place() {
    let text: Rc<str> = Rc::from("hello");
    assert_eq!(
        deep(&text),
        ["Pointer Rc<str> strong 1 weak 0", "Child .*", "Leave"]
    );
    let info = first_pointer(&text);
    assert_eq!(
        info.block.map(|b| b.size),
        Some((2 * WORD + 5).next_multiple_of(WORD))
    );

    let values: Rc<[u16]> = Rc::from(vec![1, 2]);
    assert_eq!(deep(&values)[2..4], ["  Child [0]", "  Child [1]"]);
}

#[test]
fn a_weak_keeps_the_block_not_the_value() {
    let rc = Rc::new(5_u8);
    let weak = Rc::downgrade(&rc);
    assert_eq!(shallow(&weak), ["Weak Rc<u8> strong 1 weak 1"]);
    let info = first_pointer(&weak);
    assert_eq!(info.block, first_pointer(&rc).block);
    assert_eq!(info.target, rc.as_ref() as *const u8 as usize);
    drop(rc);
    assert_eq!(shallow(&weak), ["Weak Rc<u8> strong 0 weak 0"]);
    assert_eq!(first_pointer(&weak).block, None);
    assert_eq!(
        shallow(&RcWeak::<u8>::new()),
        ["Weak Rc<u8> strong 0 weak 0"]
    );
}

#[test]
fn an_arc_and_its_weak() {
    let arc = Arc::new([1_u32, 2]);
    let weak = Arc::downgrade(&arc);
    assert_eq!(
        deep(&arc),
        [
            "Pointer Arc<[u32; 2]> strong 1 weak 1",
            "Child .*",
            "  Child [0]",
            "  Child [1]",
            "Leave",
        ]
    );
    let info = first_pointer(&arc);
    assert_eq!(
        info.block,
        Some(Block {
            address: Arc::as_ptr(&arc).addr() - 2 * WORD,
            size: 2 * WORD + 8,
            align: WORD,
        })
    );
    assert_eq!(shallow(&weak), ["Weak Arc<[u32; 2]> strong 1 weak 1"]);
    let weak_info = first_pointer(&weak);
    assert_eq!((weak_info.block, weak_info.target), (None, info.target));
    drop(arc);
    assert_eq!(shallow(&weak), ["Weak Arc<[u32; 2]> strong 0 weak 0"]);
    assert_eq!(
        shallow(&ArcWeak::<u8>::new()),
        ["Weak Arc<u8> strong 0 weak 0"]
    );
}

#[test]
fn cells() {
    assert_eq!(
        shallow(&Cell::new(1_u8)),
        ["Hidden a Cell never lends out its value"]
    );
    let cell = RefCell::new(Some(Box::new(1_u8)));
    let open = [
        "Pointer Box<u8> strong 1 weak 0",
        "Enter .*",
        "Leave",
        "Leave",
    ];
    assert_eq!(shallow(&cell), open);
    {
        let _reader = cell.borrow();
        assert_eq!(shallow(&cell), open);
    }
    {
        let _writer = cell.borrow_mut();
        assert_eq!(shallow(&cell), ["Hidden the RefCell is mutably borrowed"]);
    }
    // The walk gave its borrow back.
    *cell.borrow_mut() = None;
    assert!(shallow(&cell).is_empty());
}

#[test]
fn a_gen_arena_lists_occupied_slots_by_index() {
    let mut arena = GenArena::new();
    arena.insert(Box::new(1_u8));
    let removed = arena.insert(Box::new(2_u8));
    arena.insert(Box::new(3_u8));
    arena.remove(removed);
    assert_eq!(
        shallow(&arena),
        [
            "Pointer GenArena<Box<u8>> strong 1 weak 0",
            "Child [0]",
            "Child [2]",
            "Leave"
        ]
    );
    assert_eq!(deep(&arena)[2], "  Pointer Box<u8> strong 1 weak 0");
    let info = first_pointer(&arena);
    assert_eq!(info.address, crate::walk::address_of(&arena));
    let block = info.block.expect("three slots are allocated");
    assert_eq!(info.target, block.address);
    assert_eq!(block.size, arena.capacity() * 16, "16-byte slots");
    assert_eq!(block.align, 8);
    assert_eq!(first_pointer(&GenArena::<u8>::new()).block, None);
    assert_eq!(first_pointer(&GenArena::<u8>::new()).target, 0);
}

#[test]
fn a_gen_arena_hands_a_walker_that_skips_leaves_only_values_that_report_something() {
    let mut arena = GenArena::new();
    arena.insert(Vec::<Box<u8>>::new());
    arena.insert(vec![Box::new(1_u8)]);
    arena.insert(Vec::new());
    assert_eq!(children_handed_over(&arena), ["[1]"]);
    // A walker that does not skip leaves is handed every one.
    assert_eq!(
        shallow(&arena)[1..4],
        ["Child [0]", "Child [1]", "Child [2]"]
    );
}

#[test]
fn an_arena_is_hidden() {
    let arena = Arena::new();
    arena.alloc(String::from("lent out"));
    assert_eq!(
        shallow(&arena),
        [
            "Pointer Arena<String> strong 1 weak 0",
            "Hidden an Arena's values are lent out as `&mut` references",
            "Leave"
        ]
    );
    let info = first_pointer(&arena);
    assert_eq!((info.block, info.target), (None, 0));
    assert!(
        info.address >= crate::walk::address_of(&arena)
            && info.address < crate::walk::address_of(&arena) + size_of::<Arena<String>>(),
        "the address names a place inside the arena"
    );
}

#[test]
fn an_rc_cycle_through_a_refcell_is_seen() {
    /// A node that may point at another.
    struct Node {
        next: RefCell<Option<Rc<Node>>>,
    }
    impl Walk for Node {
        fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
            let _ = walker.visit(Visit::Child(Segment::Field("next"), &self.next));
        }
    }
    let a = Rc::new(Node {
        next: RefCell::new(None),
    });
    let b = Rc::new(Node {
        next: RefCell::new(Some(Rc::clone(&a))),
    });
    *a.next.borrow_mut() = Some(Rc::clone(&b));
    // Walk from `a` until a block repeats, as a graph would.
    struct Seen(Vec<usize>, Vec<String>);
    impl<'a> Walker<'a> for Seen {
        fn visit(&mut self, visit: Visit<'a>) -> crate::walk::Descend {
            match visit {
                Visit::Pointer(info) => {
                    let block = info.block.map_or(0, |b| b.address);
                    self.1.push(format!("Pointer strong {}", info.strong));
                    if self.0.contains(&block) {
                        return crate::walk::Descend::No;
                    }
                    self.0.push(block);
                }
                Visit::Child(segment, child) => {
                    self.1.push(format!("Child {segment}"));
                    child.walk(self);
                }
                Visit::Enter(segment, _) => self.1.push(format!("Enter({segment:?})")),
                other => self.1.push(format!("{other:?}")),
            }
            crate::walk::Descend::Yes
        }
    }
    let mut seen = Seen(Vec::new(), Vec::new());
    a.walk(&mut seen);
    assert_eq!(
        seen.1,
        [
            "Pointer strong 2",
            "Child .*",
            "Child .next",
            "Pointer strong 2",
            "Enter(Deref)",
            "Enter(Field(\"next\"))",
            "Pointer strong 2",
            "Leave",
            "Leave",
            "Leave",
            "Leave",
        ]
    );
    // Break the cycle so that nothing leaks.
    *a.next.borrow_mut() = None;
    assert_eq!(Rc::strong_count(&b), 1);
}

/// One link of a chain of ownkit boxes.
struct Link {
    next: Option<Box<Link>>,
}

impl Walk for Link {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        let _ = walker.visit(Visit::Child(Segment::Field("next"), &self.next));
    }
}

impl Drop for Link {
    // Unlinked in a loop: a recursive drop would overflow the stack.
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
            next: Some(Box::new(head)),
        };
    }
    assert_eq!(count_pointers_iteratively(&head), length);
}

/// ownkit's pointers are one visit each, as std's are; weak pointers,
/// cells and arenas are not handed over with one.
#[test]
fn single_visit_is_the_whole_walk_of_each_pointer() {
    assert_single_visit(&Box::new(1_u8), true, true);
    assert_single_visit(&Box::new(()), true, true);
    let shared = Rc::new(String::from("a"));
    let weak = Rc::downgrade(&shared);
    assert_single_visit(&shared, true, true);
    assert_single_visit(&weak, false, false);
    assert_single_visit(&Arc::new(1_u8), true, true);
    assert_single_visit(&RefCell::new(Box::new(1_u8)), false, false);
    let arena = Arena::new();
    arena.alloc(1_u8);
    assert_single_visit(&arena, false, false);
    let fields = (Box::new(1_u8), Rc::downgrade(&shared), Some(Arc::new(2_u8)));
    assert_eq!(children_and_how(&fields), [".0 single", ".1", ".2 single"]);
}
