//! `ownkit::Box` against `std::boxed::Box` as the oracle: values, formatting,
//! comparisons, unsized values, raw-pointer round trips in both directions,
//! drop counts, and panics in `drop` and `clone`.
#![allow(
    unsafe_code,
    reason = "`from_raw` round trips and the `Option<Box>` layout check are unsafe by nature"
)]

use std::boxed::Box as StdBox;
use std::cell::Cell;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Debug;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher, Hash};
use std::mem;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;

use ownkit::Box;
use ownkit_tests::{DropLog, Named, Panic, Probe, Witness};

/// A trait to call through a vtable.
trait Speak {
    fn speak(&self) -> String;
}

/// Two implementors of different sizes, each logging its drop, so a test
/// sees which concrete type a `Box<dyn Speak>` dropped.
struct Dog<'a>(Named<'a>);

struct Cat<'a> {
    named: Named<'a>,
    lives: [u8; 9],
}

impl Speak for Dog<'_> {
    fn speak(&self) -> String {
        format!("{}: woof", self.0.name())
    }
}

impl Speak for Cat<'_> {
    fn speak(&self) -> String {
        format!("{}: meow x{}", self.named.name(), self.lives.len())
    }
}

impl Speak for Probe<'_> {
    fn speak(&self) -> String {
        String::from("probe")
    }
}

/// A zero-sized type with a destructor; it counts its drops per thread.
struct CountedUnit;

thread_local! {
    static UNIT_DROPS: Cell<usize> = const { Cell::new(0) };
}

impl CountedUnit {
    fn drops() -> usize {
        UNIT_DROPS.with(Cell::get)
    }
}

impl Drop for CountedUnit {
    fn drop(&mut self) {
        UNIT_DROPS.with(|drops| drops.set(drops.get() + 1));
    }
}

impl Speak for CountedUnit {
    fn speak(&self) -> String {
        String::from("...")
    }
}

#[repr(align(64))]
#[derive(Clone, Debug, PartialEq)]
struct CacheLine([u8; 64]);

impl Default for CacheLine {
    fn default() -> Self {
        Self([0; 64])
    }
}

#[repr(align(64))]
#[derive(Debug, Default, PartialEq)]
struct AlignedUnit;

fn is_aligned_to<T: ?Sized>(value: &T, align: usize) -> bool {
    ptr::from_ref(value).cast::<u8>().addr() % align == 0
}

/// Hashes with fixed keys, so two calls are comparable.
fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    BuildHasherDefault::<DefaultHasher>::default().hash_one(value)
}

/// Every comparison `PartialOrd` offers, in one value.
fn comparisons<T: PartialOrd + ?Sized>(
    a: &T,
    b: &T,
) -> (bool, bool, Option<Ordering>, bool, bool, bool, bool) {
    (
        a == b,
        a != b,
        a.partial_cmp(b),
        a < b,
        a <= b,
        a > b,
        a >= b,
    )
}

#[test]
fn new_deref_and_deref_mut_match_std() {
    let mut ours = Box::new(vec![1, 2, 3]);
    let mut theirs = StdBox::new(vec![1, 2, 3]);
    ours.push(4);
    theirs.push(4);
    *ours.last_mut().unwrap() *= 10;
    *theirs.last_mut().unwrap() *= 10;
    assert_eq!(*ours, *theirs);
    assert_eq!(*ours, [1, 2, 3, 40]);
    assert_eq!(Box::into_inner(ours), *theirs);
}

#[test]
fn from_value_is_new() {
    let ours: Box<String> = Box::from(String::from("value"));
    let theirs: StdBox<String> = StdBox::from(String::from("value"));
    assert_eq!(*ours, *theirs);
}

#[test]
fn comparisons_match_std() {
    let ints = [i64::MIN, -1, 0, 1, i64::MAX];
    for a in ints {
        for b in ints {
            let (ours_a, ours_b) = (Box::new(a), Box::new(b));
            let (std_a, std_b) = (StdBox::new(a), StdBox::new(b));
            assert_eq!(
                comparisons(&ours_a, &ours_b),
                comparisons(&std_a, &std_b),
                "{a} vs {b}"
            );
            assert_eq!(ours_a.cmp(&ours_b), std_a.cmp(&std_b), "{a} vs {b}");
        }
    }
    // `partial_cmp` with NaN, where `<=` is not `!(>)`.
    let floats = [f64::NAN, -0.0, 0.0, 1.5, f64::INFINITY];
    for a in floats {
        for b in floats {
            assert_eq!(
                comparisons(&Box::new(a), &Box::new(b)),
                comparisons(&StdBox::new(a), &StdBox::new(b)),
                "{a} vs {b}"
            );
        }
    }
    // Unsized values.
    let words = ["", "a", "ab", "b"];
    for a in words {
        for b in words {
            let (ours_a, ours_b) = (Box::<str>::from(a), Box::<str>::from(b));
            let (std_a, std_b) = (StdBox::<str>::from(a), StdBox::<str>::from(b));
            assert_eq!(
                comparisons(&ours_a, &ours_b),
                comparisons(&std_a, &std_b),
                "{a:?} vs {b:?}"
            );
            assert_eq!(ours_a.cmp(&ours_b), std_a.cmp(&std_b));
        }
    }
    // Equal values in different blocks are equal: values, not addresses.
    assert_eq!(Box::<[u8]>::from(&[1, 2][..]), Box::from(vec![1, 2]));
}

#[test]
fn sorting_boxes_matches_std() {
    let values = [5, 3, 9, 1, 3, 7];
    let mut ours: Vec<Box<i32>> = values.iter().copied().map(Box::new).collect();
    let mut theirs: Vec<StdBox<i32>> = values.iter().copied().map(StdBox::new).collect();
    ours.sort();
    theirs.sort();
    let ours: Vec<i32> = ours.into_iter().map(Box::into_inner).collect();
    let theirs: Vec<i32> = theirs.into_iter().map(|b| *b).collect();
    assert_eq!(ours, theirs);
}

#[test]
fn hash_matches_std_and_the_value() {
    assert_eq!(hash_of(&Box::new(42u32)), hash_of(&StdBox::new(42u32)));
    assert_eq!(hash_of(&Box::new(42u32)), hash_of(&42u32));
    let text: Box<str> = Box::from("hashed");
    assert_eq!(hash_of(&text), hash_of(&StdBox::<str>::from("hashed")));
    assert_eq!(hash_of(&text), hash_of("hashed"));
    let slice: Box<[u16]> = Box::from(vec![1, 2, 3]);
    assert_eq!(hash_of(&slice), hash_of(&[1u16, 2, 3][..]));
}

#[test]
fn borrow_lets_maps_be_searched_by_the_value() {
    let mut ours: HashMap<Box<str>, u32> = HashMap::new();
    ours.insert(Box::from("ada"), 36);
    ours.insert(Box::from(String::from("alan")), 41);
    assert_eq!(ours.get("ada"), Some(&36));
    assert_eq!(ours.get("alan"), Some(&41));
    assert_eq!(ours.get("grace"), None);

    let mut ordered: BTreeMap<Box<[u8]>, char> = BTreeMap::new();
    ordered.insert(Box::from(&b"b"[..]), 'b');
    ordered.insert(Box::from(&b"a"[..]), 'a');
    assert_eq!(ordered.get(&b"a"[..]), Some(&'a'));
    let keys: Vec<&[u8]> = ordered.keys().map(|k| &**k).collect();
    assert_eq!(keys, [&b"a"[..], &b"b"[..]]);
}

#[test]
fn as_ref_as_mut_and_borrow_mut_reach_the_value() {
    use std::borrow::BorrowMut;
    let mut ours = Box::new(String::from("x"));
    AsMut::<String>::as_mut(&mut ours).push('y');
    BorrowMut::<String>::borrow_mut(&mut ours).push('z');
    assert_eq!(AsRef::<String>::as_ref(&ours), "xyz");
}

#[test]
fn debug_and_display_match_std() {
    let ours = Box::new(vec![Some(1), None]);
    let theirs = StdBox::new(vec![Some(1), None]);
    assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
    assert_eq!(format!("{ours:#?}"), format!("{theirs:#?}"));
    // The formatter's flags reach the value.
    assert_eq!(
        format!(
            "[{:>6}|{:<4}|{:+.2}]",
            Box::new(42),
            Box::new('c'),
            Box::new(1.5)
        ),
        format!(
            "[{:>6}|{:<4}|{:+.2}]",
            StdBox::new(42),
            StdBox::new('c'),
            StdBox::new(1.5)
        )
    );
    let text: Box<str> = Box::from("shown");
    assert_eq!(format!("{text} {text:?}"), "shown \"shown\"");
    let shown: Box<dyn std::fmt::Display> =
        Box::from(StdBox::new(7) as StdBox<dyn std::fmt::Display>);
    assert_eq!(shown.to_string(), "7");
}

#[test]
fn pointer_format_is_the_value_address() {
    let ours = Box::new(5u64);
    let address: *const u64 = &*ours;
    assert_eq!(format!("{ours:p}"), format!("{address:p}"));
    // A wide pointer prints as std's Box prints it (the same block, so the
    // same text).
    let slice: Box<[u8]> = Box::from(vec![1, 2]);
    let ours_text = format!("{slice:p}");
    let theirs = Box::into_std(slice);
    assert_eq!(ours_text, format!("{theirs:p}"));
}

#[test]
fn dyn_trait_calls_through_the_vtable_and_drops_the_right_type_once() {
    let ours_log = DropLog::new();
    let std_log = DropLog::new();
    fn make(log: &DropLog) -> Vec<StdBox<dyn Speak + '_>> {
        vec![
            StdBox::new(Dog(log.named("rex"))),
            StdBox::new(Cat {
                named: log.named("tom"),
                lives: [0; 9],
            }),
            StdBox::new(CountedUnit),
        ]
    }
    let ours: Vec<Box<dyn Speak + '_>> = make(&ours_log).into_iter().map(Box::from).collect();
    let theirs = make(&std_log);
    let ours_said: Vec<String> = ours.iter().map(|b| b.speak()).collect();
    let std_said: Vec<String> = theirs.iter().map(|b| b.speak()).collect();
    assert_eq!(ours_said, std_said);
    assert_eq!(ours_said, ["rex: woof", "tom: meow x9", "..."]);

    let units_before = CountedUnit::drops();
    drop(ours);
    assert_eq!(ours_log.order(), ["rex", "tom"]);
    assert_eq!(CountedUnit::drops(), units_before + 1);
    drop(theirs);
    assert_eq!(ours_log.order(), std_log.order());
}

#[test]
fn dyn_fn_is_callable_through_deref() {
    let offset = 10;
    let ours: Box<dyn Fn(i32) -> i32> =
        Box::from(StdBox::new(move |x| x + offset) as StdBox<dyn Fn(i32) -> i32>);
    assert_eq!(ours(5), 15);
    let mut calls = 0;
    let mut counter: Box<dyn FnMut()> =
        Box::from(StdBox::new(|| calls += 1) as StdBox<dyn FnMut()>);
    counter();
    counter();
    drop(counter);
    assert_eq!(calls, 2);
}

#[test]
fn slices_match_std() {
    let source = vec![String::from("a"), String::from("bc")];
    let from_vec: Box<[String]> = Box::from(source.clone());
    let from_slice: Box<[String]> = Box::from(&source[..]);
    let from_array: Box<[String]> = Box::from([String::from("a"), String::from("bc")]);
    let collected: Box<[String]> = source.iter().cloned().collect();
    let std_collected: StdBox<[String]> = source.iter().cloned().collect();
    for ours in [&from_vec, &from_slice, &from_array, &collected] {
        assert_eq!(**ours, *std_collected);
        assert_eq!(ours.len(), 2);
    }
    // A Vec with spare capacity is shrunk, as std does.
    let mut roomy = Vec::with_capacity(16);
    roomy.extend([1u8, 2, 3]);
    let shrunk: Box<[u8]> = Box::from(roomy);
    assert_eq!(Box::into_std(shrunk).into_vec().capacity(), 3);
}

#[test]
fn str_boxes_match_std() {
    let from_str: Box<str> = Box::from("héllo");
    let mut roomy = String::with_capacity(32);
    roomy.push_str("héllo");
    let from_string: Box<str> = Box::from(roomy);
    let theirs: StdBox<str> = StdBox::from("héllo");
    assert_eq!(&*from_str, &*theirs);
    assert_eq!(&*from_string, &*theirs);
    assert_eq!(from_str.len(), theirs.len());
    assert_eq!(from_str.chars().rev().collect::<String>(), "olléh");
    assert_eq!(Box::into_std(from_string).into_string().capacity(), 6);
}

#[test]
fn clone_matches_std_and_makes_a_new_block() {
    let ours = Box::new(String::from("cloned"));
    let copy = ours.clone();
    let std_original = StdBox::new(String::from("cloned"));
    assert_eq!(*copy, *std_original.clone());
    assert!(!ptr::eq(&*ours, &*copy));

    let text: Box<str> = Box::from("text");
    let text_copy = text.clone();
    assert_eq!(text, text_copy);
    assert_ne!(text.as_ptr(), text_copy.as_ptr());

    let slice: Box<[i32]> = Box::from(vec![1, 2, 3]);
    let slice_copy = slice.clone();
    assert_eq!(slice, slice_copy);
    assert_ne!(slice.as_ptr(), slice_copy.as_ptr());
}

#[test]
fn clone_from_matches_std() {
    let mut ours = Box::new(vec![1, 2, 3]);
    let mut theirs = StdBox::new(vec![1, 2, 3]);
    ours.clone_from(&Box::new(vec![9]));
    theirs.clone_from(&StdBox::new(vec![9]));
    assert_eq!(*ours, *theirs);

    // Same length: the block is reused, element by element, as std does.
    let mut same_length: Box<[i32]> = Box::from(vec![0, 0]);
    let block = same_length.as_ptr();
    same_length.clone_from(&Box::from(vec![7, 8]));
    assert_eq!((&*same_length, same_length.as_ptr()), (&[7, 8][..], block));
    // Different length: replaced.
    same_length.clone_from(&Box::from(vec![1, 2, 3]));
    assert_eq!(*same_length, [1, 2, 3]);
}

#[test]
fn clone_counts_clones_and_drops() {
    let witness = Witness::new();
    let ours = Box::new(witness.spawn(Panic::Never));
    let copy = ours.clone();
    assert_eq!((witness.clones(), witness.drops()), (1, 0));
    drop(ours);
    drop(copy);
    assert_eq!((witness.clones(), witness.drops()), (1, 2));

    let witness = Witness::new();
    let slice: Box<[Probe<'_>]> = (0..3).map(|_| witness.spawn(Panic::Never)).collect();
    let slice_copy = slice.clone();
    assert_eq!((witness.clones(), witness.drops()), (3, 0));
    drop((slice, slice_copy));
    assert_eq!((witness.clones(), witness.drops()), (3, 6));
}

#[test]
fn default_matches_std() {
    assert_eq!(*Box::<i32>::default(), *StdBox::<i32>::default());
    assert_eq!(*Box::<String>::default(), *StdBox::<String>::default());
    let text: Box<str> = Box::default();
    let slice: Box<[u8]> = Box::default();
    assert_eq!(
        (&*text, &*slice),
        (&*StdBox::<str>::default(), &*StdBox::<[u8]>::default())
    );
    assert!(text.is_empty() && slice.is_empty());
    assert_eq!(*Box::<CacheLine>::default(), CacheLine::default());
}

#[test]
fn drops_exactly_once_and_a_moved_from_box_never() {
    let witness = Witness::new();
    let first = Box::new(witness.spawn(Panic::Never));
    let second = first;
    let third = second;
    assert_eq!(witness.drops(), 0);
    drop(third);
    assert_eq!(witness.drops(), 1);

    // The fields of a boxed value drop in declaration order, as in std.
    let ours_log = DropLog::new();
    let std_log = DropLog::new();
    drop(Box::new((ours_log.named("a"), ours_log.named("b"))));
    drop(StdBox::new((std_log.named("a"), std_log.named("b"))));
    assert_eq!(ours_log.order(), std_log.order());
    assert_eq!(ours_log.order(), ["a", "b"]);
}

#[test]
fn into_inner_moves_the_value_out_without_dropping_it() {
    let witness = Witness::new();
    let probe = Box::into_inner(Box::new(witness.spawn(Panic::Never)));
    assert_eq!(witness.drops(), 0);
    drop(probe);
    assert_eq!(witness.drops(), 1);

    let units_before = CountedUnit::drops();
    let unit = Box::into_inner(Box::new(CountedUnit));
    assert_eq!(CountedUnit::drops(), units_before);
    drop(unit);
    assert_eq!(CountedUnit::drops(), units_before + 1);

    let line = Box::into_inner(Box::new(CacheLine([3; 64])));
    assert_eq!(line, CacheLine([3; 64]));
}

#[test]
fn into_raw_and_from_raw_round_trip_within_ownkit() {
    let witness = Witness::new();
    let raw = Box::into_raw(Box::new(witness.spawn(Panic::Never)));
    assert_eq!(witness.drops(), 0);
    // SAFETY: `raw` came from `Box::into_raw` just above and is reclaimed once.
    let back = unsafe { Box::from_raw(raw) };
    assert!(ptr::eq(&*back, raw));
    drop(back);
    assert_eq!(witness.drops(), 1);

    let raw: *mut [u32] = Box::into_raw(Box::from(vec![1, 2, 3]));
    // SAFETY: as above.
    let back = unsafe { Box::from_raw(raw) };
    assert_eq!(*back, [1, 2, 3]);
}

#[test]
fn raw_pointers_cross_between_ownkit_and_std_in_both_directions() {
    let witness = Witness::new();

    // ownkit -> std, sized.
    let raw = Box::into_raw(Box::new(witness.spawn(Panic::Never)));
    // SAFETY: ownkit's Box allocates as std's does; `raw` is reclaimed once.
    let theirs = unsafe { StdBox::from_raw(raw) };
    drop(theirs);
    assert_eq!(witness.drops(), 1);

    // std -> ownkit, sized.
    let raw = StdBox::into_raw(StdBox::new(witness.spawn(Panic::Never)));
    // SAFETY: `from_raw` accepts pointers from std's `into_raw`; reclaimed once.
    let ours = unsafe { Box::from_raw(raw) };
    drop(ours);
    assert_eq!(witness.drops(), 2);

    // ownkit -> std, slice, str and trait object.
    let raw: *mut [CacheLine] = Box::into_raw(Box::from(vec![CacheLine([1; 64]); 2]));
    // SAFETY: as above.
    let theirs = unsafe { StdBox::from_raw(raw) };
    assert_eq!(*theirs, [CacheLine([1; 64]), CacheLine([1; 64])]);
    let raw: *mut str = Box::into_raw(Box::from("text"));
    // SAFETY: as above.
    let theirs = unsafe { StdBox::from_raw(raw) };
    assert_eq!(&*theirs, "text");
    let raw: *mut dyn Speak = Box::into_raw(Box::from(
        StdBox::new(witness.spawn(Panic::Never)) as StdBox<dyn Speak>
    ));
    // SAFETY: as above.
    let theirs = unsafe { StdBox::from_raw(raw) };
    assert_eq!(theirs.speak(), "probe");
    drop(theirs);
    assert_eq!(witness.drops(), 3);

    // std -> ownkit, slice, str and trait object.
    let raw: *mut [u16] = StdBox::into_raw(vec![4u16, 5].into_boxed_slice());
    // SAFETY: as above.
    let ours = unsafe { Box::from_raw(raw) };
    assert_eq!(*ours, [4, 5]);
    let raw: *mut str = StdBox::into_raw(StdBox::<str>::from("std"));
    // SAFETY: as above.
    let ours = unsafe { Box::from_raw(raw) };
    assert_eq!(&*ours, "std");
    let raw: *mut dyn Speak =
        StdBox::into_raw(StdBox::new(witness.spawn(Panic::Never)) as StdBox<dyn Speak>);
    // SAFETY: as above.
    let ours = unsafe { Box::from_raw(raw) };
    assert_eq!(ours.speak(), "probe");
    drop(ours);
    assert_eq!(witness.drops(), 4);
}

#[test]
fn leak_then_reclaim_with_from_raw() {
    let witness = Witness::new();
    let leaked: &mut Probe<'_> = Box::leak(Box::new(witness.spawn(Panic::Never)));
    assert_eq!(leaked.speak(), "probe");
    let raw: *mut Probe<'_> = leaked;
    assert_eq!(witness.drops(), 0);
    // SAFETY: the reference from `leak` is not used again; reclaimed once.
    drop(unsafe { Box::from_raw(raw) });
    assert_eq!(witness.drops(), 1);

    let leaked: &'static mut [u8] = Box::leak(Box::from(vec![1, 2, 3]));
    leaked[0] = 9;
    let raw: *mut [u8] = leaked;
    // SAFETY: as above.
    let ours = unsafe { Box::from_raw(raw) };
    assert_eq!(*ours, [9, 2, 3]);

    // std's `leak` hands out pointers ownkit accepts too.
    let leaked: &'static mut str = StdBox::leak(StdBox::<str>::from("from std"));
    let raw: *mut str = leaked;
    // SAFETY: as above.
    let ours = unsafe { Box::from_raw(raw) };
    assert_eq!(&*ours, "from std");
}

#[test]
fn into_std_round_trip_keeps_the_block_and_drops_once() {
    let witness = Witness::new();
    let ours = Box::new(witness.spawn(Panic::Never));
    let address: *const Probe<'_> = &*ours;
    let theirs = Box::into_std(ours);
    assert!(ptr::eq(address, &*theirs));
    let ours = Box::from(theirs);
    assert!(ptr::eq(address, &*ours));
    assert_eq!(witness.drops(), 0);
    drop(ours);
    assert_eq!(witness.drops(), 1);

    let ours: Box<dyn Speak> =
        Box::from(StdBox::new(witness.spawn(Panic::Never)) as StdBox<dyn Speak>);
    let theirs: StdBox<dyn Speak> = Box::into_std(ours);
    assert_eq!(theirs.speak(), "probe");
    drop(theirs);
    assert_eq!(witness.drops(), 2);
}

#[test]
fn zero_sized_values_and_empty_slices() {
    let units_before = CountedUnit::drops();
    let unit = Box::new(CountedUnit);
    let raw = Box::into_raw(unit);
    assert!(!raw.is_null() && raw.is_aligned());
    // SAFETY: `raw` came from `Box::into_raw` just above; reclaimed once.
    drop(unsafe { Box::from_raw(raw) });
    assert_eq!(CountedUnit::drops(), units_before + 1);

    let unit_speaker: Box<dyn Speak> = Box::from(StdBox::new(CountedUnit) as StdBox<dyn Speak>);
    assert_eq!(unit_speaker.speak(), "...");
    drop(unit_speaker);
    assert_eq!(CountedUnit::drops(), units_before + 2);

    // A slice of zero-sized values has size zero whatever its length.
    let units: Box<[CountedUnit]> = (0..3).map(|_| CountedUnit).collect();
    assert_eq!(units.len(), 3);
    drop(units);
    assert_eq!(CountedUnit::drops(), units_before + 5);

    let aligned = Box::new(AlignedUnit);
    assert!(is_aligned_to(&*aligned, 64));
    let other: Box<AlignedUnit> = Box::default();
    assert!(is_aligned_to(&*other, 64));
    assert_eq!(Box::into_inner(other), *aligned);

    let witness = Witness::new();
    let empty: Box<[Probe<'_>]> = Box::from(Vec::new());
    let empty_copy = empty.clone();
    assert_eq!((empty.len(), empty_copy.len()), (0, 0));
    let raw = Box::into_raw(empty);
    // SAFETY: as above.
    let empty = unsafe { Box::from_raw(raw) };
    let std_empty: StdBox<[Probe<'_>]> = Box::into_std(empty);
    assert!(std_empty.is_empty());
    drop((std_empty, empty_copy));
    assert_eq!((witness.clones(), witness.drops()), (0, 0));

    let empty_text: Box<str> = Box::from("");
    assert_eq!(empty_text, Box::default());
    assert_eq!(&*empty_text.clone(), "");
}

#[test]
fn panicking_drop_still_frees_the_block() {
    let witness = Witness::new();
    let ours = Box::new(witness.spawn(Panic::InDrop));
    let result = catch_unwind(AssertUnwindSafe(|| drop(ours)));
    assert!(result.is_err());
    assert_eq!(witness.drops(), 1);

    // Through a vtable.
    let ours: Box<dyn Speak + '_> =
        Box::from(StdBox::new(witness.spawn(Panic::InDrop)) as StdBox<dyn Speak + '_>);
    assert!(catch_unwind(AssertUnwindSafe(|| drop(ours))).is_err());
    assert_eq!(witness.drops(), 2);
}

#[test]
fn panicking_element_drop_in_a_slice_matches_std() {
    let run = |drop_boxed: &dyn Fn(&Witness)| {
        let witness = Witness::new();
        let result = catch_unwind(AssertUnwindSafe(|| drop_boxed(&witness)));
        (result.is_err(), witness.drops())
    };
    let ours = run(&|witness| {
        let slice: Box<[Probe<'_>]> = Box::from(vec![
            witness.spawn(Panic::Never),
            witness.spawn(Panic::InDrop),
            witness.spawn(Panic::Never),
        ]);
        drop(slice);
    });
    let theirs = run(&|witness| {
        let slice: StdBox<[Probe<'_>]> = vec![
            witness.spawn(Panic::Never),
            witness.spawn(Panic::InDrop),
            witness.spawn(Panic::Never),
        ]
        .into_boxed_slice();
        drop(slice);
    });
    assert_eq!(ours, theirs);
    assert_eq!(ours, (true, 3));
}

#[test]
fn panicking_clone_frees_the_new_block_and_drops_nothing() {
    let witness = Witness::new();
    let ours = Box::new(witness.spawn(Panic::InClone));
    assert!(catch_unwind(AssertUnwindSafe(|| ours.clone())).is_err());
    let std_witness = Witness::new();
    let theirs = StdBox::new(std_witness.spawn(Panic::InClone));
    assert!(catch_unwind(AssertUnwindSafe(|| theirs.clone())).is_err());
    assert_eq!((witness.clones(), witness.drops()), (1, 0));
    assert_eq!(
        (witness.clones(), witness.drops()),
        (std_witness.clones(), std_witness.drops())
    );
    drop((ours, theirs));
    assert_eq!(witness.drops(), 1);
}

#[test]
fn panicking_clone_in_a_slice_drops_the_clones_made_so_far() {
    fn probes(witness: &Witness) -> Vec<Probe<'_>> {
        vec![
            witness.spawn(Panic::Never),
            witness.spawn(Panic::Never),
            witness.spawn(Panic::InClone),
            witness.spawn(Panic::Never),
        ]
    }
    let witness = Witness::new();
    let ours: Box<[Probe<'_>]> = Box::from(probes(&witness));
    assert!(catch_unwind(AssertUnwindSafe(|| ours.clone())).is_err());
    let std_witness = Witness::new();
    let theirs: StdBox<[Probe<'_>]> = probes(&std_witness).into_boxed_slice();
    assert!(catch_unwind(AssertUnwindSafe(|| theirs.clone())).is_err());

    // Two clones succeeded and were dropped; the third panicked.
    assert_eq!((witness.clones(), witness.drops()), (3, 2));
    assert_eq!(
        (witness.clones(), witness.drops()),
        (std_witness.clones(), std_witness.drops())
    );
    // The original is intact.
    assert_eq!(ours.len(), 4);
    drop(ours);
    assert_eq!(witness.drops(), 6);

    // `From<&[T]>` clones too.
    let witness = Witness::new();
    let source = probes(&witness);
    let result = catch_unwind(AssertUnwindSafe(|| Box::<[Probe<'_>]>::from(&source[..])));
    assert!(result.is_err());
    assert_eq!((witness.clones(), witness.drops()), (3, 2));
}

#[test]
fn over_aligned_values_are_aligned() {
    let count = if cfg!(miri) { 4 } else { 64 };
    let lines: Vec<Box<CacheLine>> = (0..count).map(|i| Box::new(CacheLine([i; 64]))).collect();
    for (i, line) in (0..).zip(&lines) {
        assert!(is_aligned_to(&**line, 64), "{:p}", line);
        assert_eq!(**line, CacheLine([i; 64]));
    }
    let copy = lines[1].clone();
    assert!(is_aligned_to(&*copy, 64));
    assert!(is_aligned_to(&*Box::<CacheLine>::default(), 64));

    let slice: Box<[CacheLine]> = Box::from(vec![CacheLine([7; 64]); 3]);
    assert!(is_aligned_to(&*slice, 64));
    let theirs = Box::into_std(slice);
    assert!(is_aligned_to(&*theirs, 64));
    let ours: Box<[CacheLine]> = Box::from(theirs);
    assert_eq!(ours.len(), 3);
}

#[test]
fn option_box_uses_null_for_none() {
    // Ours: `None` is a null pointer and `Some` is the Box's pointer.
    let none: Option<Box<i32>> = None;
    // SAFETY: `Box<T>` is `repr(transparent)` over `NonNull<T>`, so
    // `Option<Box<T>>` has the layout of a nullable pointer.
    let bits = unsafe { mem::transmute::<Option<Box<i32>>, *mut i32>(none) };
    assert!(bits.is_null());
    let boxed = Box::new(9);
    let address: *const i32 = &*boxed;
    // SAFETY: as above.
    let bits = unsafe { mem::transmute::<Option<Box<i32>>, *mut i32>(Some(boxed)) };
    assert_eq!(bits.cast_const(), address);
    // SAFETY: `bits` is the pointer of the Box moved in just above.
    let back = unsafe { mem::transmute::<*mut i32, Option<Box<i32>>>(bits) };
    assert_eq!(back.as_deref(), Some(&9));
    // SAFETY: as above.
    let from_null = unsafe { mem::transmute::<*mut i32, Option<Box<i32>>>(ptr::null_mut()) };
    assert!(from_null.is_none());

    // Behaves as std's does in an `Option`.
    let witness = Witness::new();
    let mut ours: Option<Box<Probe<'_>>> = Some(Box::new(witness.spawn(Panic::Never)));
    let mut theirs: Option<StdBox<Probe<'_>>> = Some(StdBox::new(witness.spawn(Panic::Never)));
    assert_eq!(
        ours.as_deref().map(Speak::speak),
        theirs.as_deref().map(Speak::speak)
    );
    let taken = (ours.take(), theirs.take());
    assert!(ours.is_none() && theirs.is_none());
    assert_eq!(witness.drops(), 0);
    drop(taken);
    assert_eq!(witness.drops(), 2);
}

#[test]
fn iterators_forward_like_std() {
    fn ours_and_std() -> (
        Box<dyn DoubleEndedIterator<Item = u32>>,
        StdBox<dyn DoubleEndedIterator<Item = u32>>,
    ) {
        (
            Box::from(StdBox::new(0..10u32) as StdBox<dyn DoubleEndedIterator<Item = u32>>),
            StdBox::new(0..10u32),
        )
    }
    let (mut ours, mut theirs) = ours_and_std();
    assert_eq!(ours.size_hint(), theirs.size_hint());
    assert_eq!(ours.next(), theirs.next());
    assert_eq!(ours.next_back(), theirs.next_back());
    assert_eq!(ours.nth(2), theirs.nth(2));
    assert_eq!(ours.nth_back(1), theirs.nth_back(1));
    assert_eq!(ours.size_hint(), theirs.size_hint());
    assert_eq!(ours.collect::<Vec<_>>(), theirs.collect::<Vec<_>>());

    let mut exact = Box::new(vec!['a', 'b', 'c'].into_iter());
    assert_eq!(exact.len(), 3);
    exact.next();
    let std_exact = StdBox::new(vec!['b', 'c'].into_iter());
    assert_eq!(exact.len(), std_exact.len());
    assert_eq!(exact.rev().collect::<String>(), "cb");

    let mut fused = Box::new([1].into_iter().fuse());
    assert_eq!(
        (fused.next(), fused.next(), fused.next()),
        (Some(1), None, None)
    );
}

#[test]
fn boxes_move_between_threads() {
    let boxed: Box<Vec<u32>> = Box::new(vec![1, 2, 3]);
    let returned = std::thread::spawn(move || {
        let mut boxed = boxed;
        boxed.push(4);
        boxed
    })
    .join()
    .unwrap();
    assert_eq!(*returned, [1, 2, 3, 4]);

    let shared: Box<str> = Box::from("shared");
    std::thread::scope(|scope| {
        let reader = scope.spawn(|| shared.len());
        assert_eq!(reader.join().unwrap(), shared.len());
    });
}

#[test]
fn a_pinned_box_value_stays_put() {
    use std::marker::PhantomPinned;
    use std::pin::Pin;
    // `Box<T>` is `Unpin` even when `T` is not: moving the Box moves only
    // the pointer.
    let mut pinned_inside = Box::new((PhantomPinned, 5));
    let address: *const (PhantomPinned, i32) = &*pinned_inside;
    let pin = Pin::new(&mut pinned_inside);
    let moved = Pin::into_inner(pin);
    let moved_box = mem::replace(moved, Box::new((PhantomPinned, 6)));
    assert!(ptr::eq(address, &*moved_box));
    assert_eq!((moved_box.1, pinned_inside.1), (5, 6));
}

/// A `Debug` bound check in generic code: a Box formats wherever its value does.
fn debug_string<T: Debug>(value: T) -> String {
    format!("{value:?}")
}

#[test]
fn boxes_work_in_generic_code() {
    assert_eq!(
        debug_string(Box::new([1, 2])),
        debug_string(StdBox::new([1, 2]))
    );
    let nested: Box<Box<str>> = Box::new(Box::from("nested"));
    assert_eq!(&**nested, "nested");
}

#[test]
fn new_uninit_then_write_or_assume_init_matches_std() {
    let mut ours = Box::<String>::new_uninit();
    let mut theirs = StdBox::<String>::new_uninit();
    ours.write(String::from("in place"));
    theirs.write(String::from("in place"));
    // SAFETY: the value was just written.
    let ours = unsafe { ours.assume_init() };
    // SAFETY: the same, for std's.
    let theirs = unsafe { theirs.assume_init() };
    assert_eq!(*ours, *theirs);

    let ours = Box::write(Box::<Vec<u8>>::new_uninit(), vec![1, 2]);
    let theirs = StdBox::write(StdBox::<Vec<u8>>::new_uninit(), vec![1, 2]);
    assert_eq!(*ours, *theirs);

    // Zero-sized: no block, an aligned dangling pointer, as std's.
    let unit = Box::write(Box::<()>::new_uninit(), ());
    assert_eq!(*unit, ());

    // Large enough that building it on the stack first would be wasteful:
    // the block is written in place.
    const LEN: usize = if cfg!(miri) { 64 } else { 1 << 16 };
    let mut big = Box::<[u64; LEN]>::new_uninit();
    let first = big.as_mut_ptr().cast::<u64>();
    for index in 0..LEN {
        // SAFETY: `index < LEN`, so the element is inside the block.
        let element = unsafe { first.add(index) };
        // SAFETY: inside the block, aligned, and written by this loop alone.
        unsafe { element.write(index as u64) };
    }
    // SAFETY: every element was written.
    let big = unsafe { big.assume_init() };
    assert_eq!(big.iter().sum::<u64>(), (LEN as u64 - 1) * LEN as u64 / 2);
}

#[test]
fn new_uninit_slice_then_assume_init_matches_std() {
    let witness = Witness::new();
    for len in [0, 1, 5] {
        let mut ours = Box::<[Probe<'_>]>::new_uninit_slice(len);
        let theirs = StdBox::<[Probe<'_>]>::new_uninit_slice(len);
        assert_eq!(ours.len(), theirs.len());
        for slot in ours.iter_mut() {
            slot.write(witness.spawn(Panic::Never));
        }
        // SAFETY: every element was just written.
        let ours = unsafe { ours.assume_init() };
        assert_eq!(ours.len(), len);
        drop(ours);
    }
    assert_eq!(witness.drops(), 6, "each element dropped once");
    // Zero-sized elements take no block, as in std.
    let units = Box::<[()]>::new_uninit_slice(3);
    // SAFETY: a `()` needs no writing.
    let units = unsafe { units.assume_init() };
    assert_eq!(units.len(), 3);
}

#[test]
fn pinning_a_box_matches_std() {
    use std::future::Future;
    use std::marker::PhantomPinned;
    use std::pin::{Pin, pin};
    use std::task::{Context, Poll, Waker};

    let ours: Pin<Box<(u8, PhantomPinned)>> = Box::pin((1, PhantomPinned));
    let theirs: Pin<StdBox<(u8, PhantomPinned)>> = StdBox::pin((1, PhantomPinned));
    assert_eq!(ours.0, theirs.0);

    let boxed = Box::new((2, PhantomPinned));
    let address = &raw const *boxed;
    let pinned = Box::into_pin(boxed);
    assert!(ptr::eq(&raw const *pinned, address), "pinned where it was");
    let from: Pin<Box<str>> = Box::<str>::from("pinned").into();
    assert_eq!(&*from, "pinned");
    // std's `Default` for pins is newer (1.91) than this crate's
    // rust-version; its default value, pinned, is the same thing.
    let ours: Pin<Box<[u8]>> = Pin::default();
    let theirs: Pin<StdBox<[u8]>> = Pin::new(StdBox::default());
    assert_eq!(*ours, *theirs);

    // A pinned future that is not `Unpin` is polled through the pin; an
    // `Unpin` one through the Box itself.
    let mut context = Context::from_waker(Waker::noop());
    let mut future: Pin<Box<dyn Future<Output = u8>>> = Box::into_pin(Box::from(
        StdBox::new(async { 3_u8 }) as StdBox<dyn Future<Output = u8>>,
    ));
    assert_eq!(future.as_mut().poll(&mut context), Poll::Ready(3));
    let ready = Box::new(std::future::ready('r'));
    assert_eq!(pin!(ready).poll(&mut context), Poll::Ready('r'));
}

#[test]
fn pinning_an_rc_and_an_arc_matches_std() {
    use std::pin::Pin;

    let ours = ownkit::Rc::pin(String::from("rc"));
    let theirs = std::rc::Rc::pin(String::from("rc"));
    let ours_clone = Pin::clone(&ours);
    assert!(ptr::eq(&*ours, &*ours_clone));
    assert_eq!(*ours, *theirs);
    // std's `Default` for pins is newer (1.91) than this crate's
    // rust-version; its default value, pinned, is the same thing.
    let (ours, theirs): (Pin<ownkit::Rc<str>>, Pin<std::rc::Rc<str>>) =
        (Pin::default(), Pin::new(std::rc::Rc::default()));
    assert_eq!(*ours, *theirs);

    let ours = ownkit::Arc::pin(vec![1]);
    let theirs = std::sync::Arc::pin(vec![1]);
    let on_another_thread = Pin::clone(&ours);
    let sum = std::thread::spawn(move || on_another_thread.iter().sum::<i32>());
    assert_eq!(sum.join().unwrap(), 1);
    assert_eq!(*ours, *theirs);
    let (ours, theirs): (Pin<ownkit::Arc<u8>>, Pin<std::sync::Arc<u8>>) =
        (Pin::default(), Pin::new(std::sync::Arc::default()));
    assert_eq!(*ours, *theirs);
}

#[test]
fn c_str_os_str_and_path_boxes_clone_like_std() {
    use std::ffi::{CStr, CString, OsStr, OsString};
    use std::path::{Path, PathBuf};

    let ours: Box<CStr> = Box::from(c"c string");
    let theirs: StdBox<CStr> = StdBox::from(c"c string");
    let (ours_clone, theirs_clone) = (ours.clone(), theirs.clone());
    assert_eq!((&*ours_clone, &*ours), (&*theirs_clone, &*theirs));
    assert!(!ptr::eq(&*ours_clone, &*ours), "a new block");
    let ours: Box<CStr> = Box::from(CString::new("owned").unwrap());
    assert_eq!(*ours, *StdBox::<CStr>::from(CString::new("owned").unwrap()));
    assert_eq!(*Box::<CStr>::default(), *StdBox::<CStr>::default());

    let ours: Box<OsStr> = Box::from(OsStr::new("os"));
    let theirs: StdBox<OsStr> = StdBox::from(OsStr::new("os"));
    assert_eq!(*ours.clone(), *theirs.clone());
    let ours: Box<OsStr> = Box::from(OsString::from("owned os"));
    assert_eq!(*ours.clone(), *OsStr::new("owned os"));
    assert_eq!(*Box::<OsStr>::default(), *StdBox::<OsStr>::default());

    let ours: Box<Path> = Box::from(Path::new("/a/b"));
    let theirs: StdBox<Path> = StdBox::from(Path::new("/a/b"));
    assert_eq!(*ours.clone(), *theirs.clone());
    let ours: Box<Path> = Box::from(PathBuf::from("c/d"));
    assert_eq!(
        format!("{:?}", ours.clone()),
        format!("{:?}", Path::new("c/d"))
    );
}

#[test]
fn try_from_a_boxed_slice_to_an_array_matches_std() {
    let ours: Box<[String]> = Box::from(vec![String::from("a"), String::from("b")]);
    let theirs: StdBox<[String]> = vec![String::from("a"), String::from("b")].into_boxed_slice();
    let ours = <Box<[String; 1]>>::try_from(ours).unwrap_err();
    let theirs = <StdBox<[String; 1]>>::try_from(theirs).unwrap_err();
    assert_eq!(*ours, *theirs);
    let address = ours.as_ptr();
    let ours: Box<[String; 2]> = ours.try_into().unwrap();
    let theirs: StdBox<[String; 2]> = theirs.try_into().unwrap();
    assert_eq!(*ours, *theirs);
    assert_eq!(ours.as_ptr(), address, "the same block");
}
