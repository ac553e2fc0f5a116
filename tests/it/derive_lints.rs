//! The derives on every shape they accept, under strict lints, and the walks
//! they generate, visit by visit.
//!
//! The lints below make any warning in the generated code an error, so
//! `cargo clippy --all-targets -- -D warnings` proves users never see one.
//! The tests then walk each shape with [`Log`], a walker that writes down
//! every visit, and compare the exact sequence.
#![deny(warnings, clippy::all, clippy::pedantic)]

use std::boxed::Box as StdBox;
use std::cell::Cell;
use std::marker::PhantomData;

use ownkit::TraceDrop;
use ownkit::trace::{Descend, DropHook, Visit, Walk, Walker, address_of, record_drop};
use ownkit_tests::{DropLog, Named};

/// Writes down every visit, descending into everything, walking each child
/// as soon as it is reported.
#[derive(Debug, Default)]
struct Log {
    lines: Vec<String>,
    /// What `Walker::skips_leaves` answers.
    skips_leaves: bool,
}

impl<'a> Walker<'a> for Log {
    fn visit(&mut self, visit: Visit<'a>) -> Descend {
        let line = match visit {
            Visit::Traced(info) => match info.shape.variant_name(info.variant) {
                Some(variant) => format!("traced {}::{variant}", info.shape.name()),
                None => format!("traced {}", info.shape.name()),
            },
            Visit::Child(segment, child) => {
                self.lines.push(format!("child {segment}"));
                child.walk(self);
                return Descend::No;
            }
            Visit::Enter(segment, _) => format!("enter {segment}"),
            Visit::Leave => "leave".to_owned(),
            Visit::Opaque { segment, size, .. } => format!("opaque {segment} {size}"),
            Visit::Hidden { reason, .. } => format!("hidden {reason}"),
            other => format!("{other:?}"),
        };
        self.lines.push(line);
        Descend::Yes
    }

    fn label(&mut self, value: &ownkit::trace::TracedInfo, label: &dyn std::fmt::Debug) {
        self.lines
            .push(format!("label {label:?} of {}", value.shape.name()));
    }

    fn skips_leaves(&self) -> bool {
        self.skips_leaves
    }
}

/// The visits of walking `value` with [`Log`].
fn walk_log<T: Walk + ?Sized>(value: &T) -> Vec<String> {
    let mut log = Log::default();
    value.walk(&mut log);
    log.lines
}

/// The visits of walking `value` with a [`Log`] that skips leaves.
fn walk_log_skipping_leaves<T: Walk + ?Sized>(value: &T) -> Vec<String> {
    let mut log = Log {
        skips_leaves: true,
        ..Log::default()
    };
    value.walk(&mut log);
    log.lines
}

/// Answers `No` to everything: a walk must then report only its own
/// `Traced` visit.
struct Refuse(usize);

impl Walker<'_> for Refuse {
    fn visit(&mut self, _: Visit<'_>) -> Descend {
        self.0 += 1;
        Descend::No
    }
}

/// The addresses of the `Opaque` visits of `value`'s own walk.
fn opaque_addresses<T: Walk>(value: &T) -> Vec<usize> {
    struct Opaques(Vec<usize>);
    impl Walker<'_> for Opaques {
        fn visit(&mut self, visit: Visit<'_>) -> Descend {
            if let Visit::Opaque { address, .. } = visit {
                self.0.push(address);
            }
            Descend::Yes
        }
    }
    let mut opaques = Opaques(Vec::new());
    value.walk(&mut opaques);
    opaques.0
}

/// A leaf with a hand-written walk, standing for the std leaves.
#[derive(Debug, PartialEq)]
struct Number(u32);

impl Walk for Number {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        let _ = walker.visit(Visit::Hidden {
            reason: "number",
            address: ownkit::trace::address_of(self),
            size: std::mem::size_of_val(self),
        });
    }
}

/// An owning pointer with a hand-written walk, for recursive types.
struct Boxed<T>(StdBox<T>);

impl<T: Walk> Walk for Boxed<T> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        let _ = walker.visit(Visit::Child(ownkit::trace::Segment::Deref, &*self.0));
    }
}

#[derive(TraceDrop)]
struct Leaf;

#[derive(TraceDrop)]
struct Outer {
    first: Leaf,
    second: Number,
}

#[derive(TraceDrop)]
struct Pair(Leaf, Number);

#[derive(TraceDrop)]
enum Tree {
    Empty,
    Node(Leaf, Number),
    Named { left: Leaf, right: Number },
}

#[derive(TraceDrop)]
enum Never {}

/// Every kind of generic parameter, and a where clause.
#[derive(TraceDrop)]
struct Generic<'a, T, const N: usize>
where
    T: Send,
{
    value: T,
    #[ownkit(skip)]
    borrowed: &'a [u8; N],
    sized: Bytes<N>,
}

#[derive(TraceDrop)]
struct Bytes<const N: usize> {
    #[ownkit(skip)]
    bytes: [u8; N],
}

/// A `Walk` bound: the drop record can follow `value` exactly.
#[derive(TraceDrop)]
struct Bounded<T: Walk> {
    value: T,
}

/// The bound in a where clause, through `TraceDrop`.
#[derive(TraceDrop)]
struct WhereBounded<T>
where
    T: TraceDrop,
{
    value: T,
}

/// An unsized last field behind a type parameter.
#[derive(TraceDrop)]
struct Tail<T: ?Sized + Walk> {
    head: Leaf,
    tail: T,
}

/// The same without a `Walk` bound: the drop record sees the tail opaquely.
#[derive(TraceDrop)]
struct LooseTail<T: ?Sized> {
    head: Leaf,
    tail: T,
}

#[derive(TraceDrop)]
#[repr(C, packed)]
struct Wire {
    tag: u8,
    length: u32,
}

#[derive(TraceDrop)]
#[repr(C, packed(2))]
struct Packed2(u8, u64);

/// A recursive generic type: its bound is on `T`, not on the field.
#[derive(TraceDrop)]
enum List<T> {
    Nil,
    Cons(T, Boxed<List<T>>),
}

#[derive(TraceDrop)]
#[ownkit(bound = "T: ownkit::trace::Walk")]
struct Custom<T> {
    value: Boxed<T>,
}

#[derive(TraceDrop)]
struct FieldBound<T> {
    #[ownkit(bound = "T: Walk")]
    value: Boxed<T>,
    marker: Leaf,
}

#[derive(TraceDrop)]
struct Attributes {
    #[ownkit(skip)]
    skipped: u64,
    #[ownkit(opaque)]
    hidden: [u8; 3],
    r#type: Leaf,
}

#[derive(TraceDrop)]
#[ownkit(hook)]
struct Hooked<'a> {
    #[ownkit(skip)]
    log: &'a DropLog,
    #[ownkit(skip)]
    _first: Named<'a>,
    #[ownkit(skip)]
    _second: Named<'a>,
}

impl DropHook for Hooked<'_> {
    fn drop_hook(&mut self) {
        drop(self.log.named("hook"));
    }
}

#[derive(TraceDrop)]
#[ownkit(manual)]
struct Manual<'a> {
    #[ownkit(skip)]
    drops: &'a Cell<u32>,
    leaf: Leaf,
}

impl Drop for Manual<'_> {
    fn drop(&mut self) {
        record_drop(self);
        self.drops.set(self.drops.get() + 1);
    }
}

#[derive(TraceDrop)]
#[ownkit(hook)]
enum HookedEnum<'a> {
    Counting(#[ownkit(skip)] &'a Cell<u32>),
}

impl DropHook for HookedEnum<'_> {
    fn drop_hook(&mut self) {
        let HookedEnum::Counting(count) = self;
        count.set(count.get() + 1);
    }
}

/// Graph-only: stays `Copy` and destructurable.
#[derive(ownkit::trace::Walk, Clone, Copy, Debug, PartialEq)]
struct Point {
    #[ownkit(skip)]
    x: i32,
    #[ownkit(opaque)]
    y: i32,
}

#[derive(ownkit::trace::Walk)]
enum Shape<'a, T: Copy> {
    Dot(Point),
    Line { from: Point, to: Point },
    Tagged(#[ownkit(skip)] PhantomData<&'a T>),
}

/// A label on a named field, walked like any other.
#[derive(TraceDrop)]
struct Labelled {
    leaf: Leaf,
    #[ownkit(label)]
    name: String,
}

/// A label on a skipped tuple field, and one on an opaque field.
#[derive(TraceDrop)]
struct LabelledTuple(Leaf, #[ownkit(label, skip)] u32);

#[derive(TraceDrop)]
struct LabelledOpaque {
    #[ownkit(label, opaque)]
    raw: [u8; 2],
}

/// A label per variant, or none.
#[derive(TraceDrop)]
enum LabelledEnum {
    Empty,
    Circle(#[ownkit(label)] u32, Leaf),
    Named {
        leaf: Leaf,
        #[ownkit(label, skip)]
        name: &'static str,
    },
}

/// A generic label: `T: Debug` is declared, so the `Drop` reports it too.
#[derive(TraceDrop)]
struct LabelledGeneric<T: std::fmt::Debug> {
    #[ownkit(label, skip)]
    id: T,
}

/// A generic label without `Debug` declared: inferred for `Walk`, left
/// out of the `Drop`.
#[derive(TraceDrop)]
struct LooseLabel<T> {
    #[ownkit(label, skip)]
    id: T,
}

/// A field's `bound` replaces the `Debug` bound of its label.
#[derive(TraceDrop)]
struct BoundLabel<T> {
    #[ownkit(label, skip, bound = "T: std::fmt::Debug")]
    id: Vec<T>,
}

/// Graph-only, and `Copy`.
#[derive(ownkit::trace::Walk, Clone, Copy)]
struct LabelledPoint {
    #[ownkit(label, skip)]
    x: i32,
    #[ownkit(skip)]
    y: i32,
}

#[test]
fn named_struct() {
    let outer = Outer {
        first: Leaf,
        second: Number(7),
    };
    assert_eq!(
        walk_log(&outer),
        [
            "traced Outer",
            "child .first",
            "traced Leaf",
            "leave",
            "child .second",
            "hidden number",
            "leave",
        ]
    );
    assert_eq!(outer.second, Number(7));
}

#[test]
fn tuple_and_unit_structs() {
    assert_eq!(
        walk_log(&Pair(Leaf, Number(1))),
        [
            "traced Pair",
            "child .0",
            "traced Leaf",
            "leave",
            "child .1",
            "hidden number",
            "leave",
        ]
    );
    assert_eq!(walk_log(&Leaf), ["traced Leaf", "leave"]);
}

#[test]
fn enum_variants() {
    assert_eq!(walk_log(&Tree::Empty), ["traced Tree::Empty", "leave"]);
    assert_eq!(
        walk_log(&Tree::Node(Leaf, Number(2))),
        [
            "traced Tree::Node",
            "child .0",
            "traced Leaf",
            "leave",
            "child .1",
            "hidden number",
            "leave",
        ]
    );
    assert_eq!(
        walk_log(&Tree::Named {
            left: Leaf,
            right: Number(3),
        }),
        [
            "traced Tree::Named",
            "child .left",
            "traced Leaf",
            "leave",
            "child .right",
            "hidden number",
            "leave",
        ]
    );
}

#[test]
fn a_label_comes_first_in_its_value_s_scope() {
    let labelled = Labelled {
        leaf: Leaf,
        name: String::new(),
    };
    assert_eq!(
        walk_log(&labelled),
        [
            "traced Labelled",
            "label \"\" of Labelled",
            "child .leaf",
            "traced Leaf",
            "leave",
            "child .name",
            "leave",
        ]
    );
    assert_eq!(
        walk_log(&LabelledTuple(Leaf, 7)),
        [
            "traced LabelledTuple",
            "label 7 of LabelledTuple",
            "child .0",
            "traced Leaf",
            "leave",
            "leave"
        ]
    );
    assert_eq!(
        walk_log(&LabelledOpaque { raw: [1, 2] }),
        [
            "traced LabelledOpaque",
            "label [1, 2] of LabelledOpaque",
            "opaque .raw 2",
            "leave"
        ]
    );
    let point = LabelledPoint { x: -1, y: 2 };
    let copy = point;
    assert_eq!(
        walk_log(&copy),
        ["traced LabelledPoint", "label -1 of LabelledPoint", "leave"]
    );
    assert_eq!(point.y, 2);
}

#[test]
fn each_variant_has_its_own_label() {
    assert_eq!(
        walk_log(&LabelledEnum::Empty),
        ["traced LabelledEnum::Empty", "leave"]
    );
    assert_eq!(
        walk_log(&LabelledEnum::Circle(3, Leaf)),
        [
            "traced LabelledEnum::Circle",
            "label 3 of LabelledEnum",
            "child .0",
            "child .1",
            "traced Leaf",
            "leave",
            "leave",
        ]
    );
    assert_eq!(
        walk_log(&LabelledEnum::Named {
            leaf: Leaf,
            name: "named",
        }),
        [
            "traced LabelledEnum::Named",
            "label \"named\" of LabelledEnum",
            "child .leaf",
            "traced Leaf",
            "leave",
            "leave",
        ]
    );
}

#[test]
fn generic_labels_walk_with_their_debug_bound() {
    assert_eq!(
        walk_log(&LabelledGeneric { id: 'x' }),
        [
            "traced LabelledGeneric",
            "label 'x' of LabelledGeneric",
            "leave"
        ]
    );
    assert_eq!(
        walk_log(&LooseLabel { id: 2_u8 }),
        ["traced LooseLabel", "label 2 of LooseLabel", "leave"]
    );
    assert_eq!(
        walk_log(&BoundLabel { id: vec![1_u8] }),
        ["traced BoundLabel", "label [1] of BoundLabel", "leave"]
    );
}

#[test]
fn traced_info_describes_the_value() {
    struct First(Option<ownkit::trace::TracedInfo>);
    impl Walker<'_> for First {
        fn visit(&mut self, visit: Visit<'_>) -> Descend {
            if let (None, Visit::Traced(info)) = (&self.0, visit) {
                self.0 = Some(info);
            }
            Descend::No
        }
    }
    let tree = Tree::Named {
        left: Leaf,
        right: Number(3),
    };
    let mut first = First(None);
    tree.walk(&mut first);
    let info = first.0.expect("a derived type reports itself first");
    assert_eq!(info.variant, 2);
    assert_eq!(info.address, address_of(&tree));
    assert_eq!(info.size, size_of::<Tree>());
    assert!(info.type_name.ends_with("Tree"), "{}", info.type_name);
    assert!(info.shape.is_enum());
    assert_eq!(info.shape.fields(1), ["0", "1"]);
    assert_eq!(info.shape.fields(2), ["left", "right"]);
}

#[test]
fn refused_walk_reports_only_itself() {
    let mut refuse = Refuse(0);
    Outer {
        first: Leaf,
        second: Number(0),
    }
    .walk(&mut refuse);
    assert_eq!(refuse.0, 1, "no fields and no Leave after Descend::No");
}

#[test]
fn generics_pass_through() {
    let bytes = [1, 2, 3];
    let generic = Generic {
        value: Leaf,
        borrowed: &bytes,
        sized: Bytes { bytes: [0; 3] },
    };
    assert_eq!(
        walk_log(&generic),
        [
            "traced Generic",
            "child .value",
            "traced Leaf",
            "leave",
            "child .sized",
            "traced Bytes",
            "leave",
            "leave",
        ]
    );
    assert_eq!(generic.borrowed, &bytes);
    assert_eq!(generic.sized.bytes, [0; 3]);
    let nested = Bounded {
        value: WhereBounded { value: Leaf },
    };
    assert_eq!(
        walk_log(&nested),
        [
            "traced Bounded",
            "child .value",
            "traced WhereBounded",
            "child .value",
            "traced Leaf",
            "leave",
            "leave",
            "leave",
        ]
    );
}

#[test]
fn unsized_tail_is_walked_in_place() {
    let tail: &Tail<dyn Walk> = &Tail {
        head: Leaf,
        tail: Number(5),
    };
    assert_eq!(
        walk_log(tail),
        [
            "traced Tail",
            "child .head",
            "traced Leaf",
            "leave",
            "enter .tail",
            "hidden number",
            "leave",
            "leave",
        ]
    );
    let boxed: StdBox<LooseTail<dyn Walk>> = StdBox::new(LooseTail {
        head: Leaf,
        tail: Leaf,
    });
    assert_eq!(
        walk_log(&*boxed),
        [
            "traced LooseTail",
            "child .head",
            "traced Leaf",
            "leave",
            "enter .tail",
            "traced Leaf",
            "leave",
            "leave",
            "leave",
        ]
    );
}

#[test]
fn packed_fields_are_opaque() {
    let wire = Wire { tag: 1, length: 2 };
    assert_eq!(
        walk_log(&wire),
        ["traced Wire", "opaque .tag 1", "opaque .length 4", "leave"]
    );
    assert_eq!(({ wire.tag }, { wire.length }), (1, 2));
    assert_eq!(
        walk_log(&Packed2(3, 4)),
        ["traced Packed2", "opaque .0 1", "opaque .1 8", "leave"]
    );
    let base = address_of(&wire);
    assert_eq!(
        opaque_addresses(&wire),
        [base, base + 1],
        "repr(C, packed): tag, then length"
    );
}

#[test]
fn recursive_generic_enum() {
    let list = List::Cons(Leaf, Boxed(StdBox::new(List::Nil)));
    assert_eq!(
        walk_log(&list),
        [
            "traced List::Cons",
            "child .0",
            "traced Leaf",
            "leave",
            "child .1",
            "child .*",
            "traced List::Nil",
            "leave",
            "leave",
        ]
    );
}

#[test]
fn bounds_from_attributes() {
    let custom = Custom {
        value: Boxed(StdBox::new(Leaf)),
    };
    assert_eq!(
        walk_log(&custom),
        [
            "traced Custom",
            "child .value",
            "child .*",
            "traced Leaf",
            "leave",
            "leave",
        ]
    );
    let field = FieldBound {
        value: Boxed(StdBox::new(Number(1))),
        marker: Leaf,
    };
    assert_eq!(
        walk_log(&field),
        [
            "traced FieldBound",
            "child .value",
            "child .*",
            "hidden number",
            "child .marker",
            "traced Leaf",
            "leave",
            "leave",
        ]
    );
}

#[test]
fn skip_opaque_and_raw_names() {
    let value = Attributes {
        skipped: 9,
        hidden: [1, 2, 3],
        r#type: Leaf,
    };
    assert_eq!(
        walk_log(&value),
        [
            "traced Attributes",
            "opaque .hidden 3",
            "child .type",
            "traced Leaf",
            "leave",
            "leave",
        ]
    );
    assert_eq!((value.skipped, value.hidden), (9, [1, 2, 3]));
    assert_eq!(opaque_addresses(&value), [address_of(&value.hidden)]);
}

#[test]
fn hook_runs_before_the_fields_drop() {
    let log = DropLog::new();
    drop(Hooked {
        log: &log,
        _first: log.named("first"),
        _second: log.named("second"),
    });
    assert_eq!(log.order(), ["hook", "first", "second"]);
    let count = Cell::new(0);
    drop(HookedEnum::Counting(&count));
    assert_eq!(count.get(), 1);
}

#[test]
fn manual_drop_is_the_users() {
    let drops = Cell::new(0);
    let manual = Manual {
        drops: &drops,
        leaf: Leaf,
    };
    assert_eq!(
        walk_log(&manual),
        [
            "traced Manual",
            "child .leaf",
            "traced Leaf",
            "leave",
            "leave"
        ]
    );
    drop(manual);
    assert_eq!(drops.get(), 1);
}

#[test]
fn graph_only_derive_keeps_copy_and_destructuring() {
    let point = Point { x: 1, y: 2 };
    let copy = point;
    let Point { x, y } = point;
    assert_eq!((x, y), (1, 2));
    assert_eq!(copy, point);
    assert_eq!(walk_log(&point), ["traced Point", "opaque .y 4", "leave"]);
    let line: Shape<'_, u8> = Shape::Line {
        from: point,
        to: copy,
    };
    assert_eq!(
        walk_log(&line),
        [
            "traced Shape::Line",
            "child .from",
            "traced Point",
            "opaque .y 4",
            "leave",
            "child .to",
            "traced Point",
            "opaque .y 4",
            "leave",
            "leave",
        ]
    );
    let dot: Shape<'_, u8> = Shape::Dot(point);
    assert_eq!(walk_log(&dot).len(), 6);
    let tagged: Shape<'_, u8> = Shape::Tagged(PhantomData);
    assert_eq!(walk_log(&tagged), ["traced Shape::Tagged", "leave"]);
}

#[test]
fn derived_drop_keeps_field_order() {
    let log = DropLog::new();
    {
        #[derive(TraceDrop)]
        struct Three<'a> {
            #[ownkit(skip)]
            _first: Named<'a>,
            #[ownkit(skip)]
            _second: Named<'a>,
            #[ownkit(skip)]
            _third: Named<'a>,
        }
        let _three = Three {
            _first: log.named("first"),
            _second: log.named("second"),
            _third: log.named("third"),
        };
    }
    assert_eq!(log.order(), ["first", "second", "third"]);
}

#[test]
fn every_shape_implements_trace_drop() {
    fn traced<T: TraceDrop + ?Sized>() {}
    traced::<Leaf>();
    traced::<Outer>();
    traced::<Pair>();
    traced::<Tree>();
    traced::<Never>();
    traced::<Generic<'static, Leaf, 4>>();
    traced::<Bounded<Leaf>>();
    traced::<WhereBounded<Leaf>>();
    traced::<Tail<dyn Walk>>();
    traced::<LooseTail<dyn Walk>>();
    traced::<Wire>();
    traced::<Packed2>();
    traced::<List<Leaf>>();
    traced::<Custom<Leaf>>();
    traced::<FieldBound<Number>>();
    traced::<Attributes>();
    traced::<Hooked<'static>>();
    traced::<Manual<'static>>();
    traced::<HookedEnum<'static>>();
    traced::<Labelled>();
    traced::<LabelledTuple>();
    traced::<LabelledOpaque>();
    traced::<LabelledEnum>();
    traced::<LabelledGeneric<u8>>();
    traced::<LooseLabel<u8>>();
    traced::<BoundLabel<u8>>();
    let _: fn(&Never) -> Vec<String> = walk_log::<Never>;
}

/// Fields of every kind of leaf, and of types that are not leaves but
/// hold some.
#[derive(ownkit::Walk)]
struct Mixed {
    count: u64,
    maybe: Option<u8>,
    pair: (u8, char),
    numbers: [u16; 3],
    none: [String; 0],
    marker: PhantomData<String>,
    name: String,
    bytes: Vec<u8>,
    words: Vec<String>,
    table: std::collections::BTreeMap<u8, String>,
    labelled: (u8, String),
    key: ownkit::arena::Key,
}

#[test]
fn a_walker_that_skips_leaves_is_shown_only_what_can_hold_something() {
    let mixed = Mixed {
        count: 1,
        maybe: Some(2),
        pair: (3, 'c'),
        numbers: [4, 5, 6],
        none: [],
        marker: PhantomData,
        name: "n".to_owned(),
        bytes: vec![7, 8],
        words: vec!["w".to_owned()],
        table: [(9, "t".to_owned())].into(),
        labelled: (10, "m".to_owned()),
        key: ownkit::arena::GenArena::new().insert(0_u8),
    };
    // Every field and element, to a walker that does not skip.
    let every = walk_log(&mixed);
    for shown in [
        "child .count",
        "child .numbers",
        "child [2]",
        "child .marker",
        "child .key",
    ] {
        assert!(
            every.iter().any(|line| line == shown),
            "{shown} in {every:#?}"
        );
    }
    // Only what may hold something, to one that does: no leaf field, no
    // element of a leaf type, no leaf half of a pair or of a map entry.
    let skipping = walk_log_skipping_leaves(&mixed);
    let children: Vec<&str> = skipping
        .iter()
        .filter(|line| line.starts_with("child") || line.starts_with("enter"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        children,
        [
            "child .name",
            "child .bytes",
            "child .words",
            "child [0]",
            "child .table",
            "enter [0]",
            "child .1",
            "child .labelled",
            "child .1",
        ]
    );
    // Every buffer is still reported: those of `name`, `bytes`, `words`
    // and its element, the map's value and the pair's `String`.
    assert_eq!(
        skipping
            .iter()
            .filter(|line| line.starts_with("Owns"))
            .count(),
        6,
        "{skipping:#?}"
    );
}

#[test]
fn leaves_are_the_types_whose_walk_reports_nothing() {
    assert!(u8::is_leaf() && char::is_leaf() && <()>::is_leaf() && f64::is_leaf());
    assert!(<Option<(u8, [bool; 2])>>::is_leaf());
    assert!(<Result<u8, i64>>::is_leaf());
    assert!(<[String; 0]>::is_leaf());
    assert!(<PhantomData<String>>::is_leaf());
    assert!(ownkit::arena::Key::is_leaf());
    for not_leaf in [
        String::is_leaf(),
        <Vec<u8>>::is_leaf(),
        <(u8, String)>::is_leaf(),
        <Option<StdBox<u8>>>::is_leaf(),
        <&u8>::is_leaf(),
        <Cell<u8>>::is_leaf(),
        <[String; 1]>::is_leaf(),
        Mixed::is_leaf(),
    ] {
        assert!(!not_leaf);
    }
    // Each leaf's walk does report nothing.
    assert!(
        walk_log(&(1_u8, [true, false], Some('c')))
            .iter()
            .all(|line| line.starts_with("child"))
    );
}

/// A type that says it is a leaf, and fails the test if it is walked
/// anyway.
#[derive(Clone, Copy)]
struct Tripwire(#[allow(dead_code, reason = "a byte, so that a Vec of them has a buffer")] u8);

impl Walk for Tripwire {
    fn walk<'a>(&'a self, _: &mut dyn Walker<'a>) {
        panic!("a leaf was walked by a walker that skips leaves");
    }

    fn is_leaf() -> bool {
        true
    }
}

#[derive(TraceDrop)]
struct HoldsLeaves {
    one: Tripwire,
    many: Vec<Tripwire>,
    pairs: Vec<(u8, Tripwire)>,
}

#[test]
fn the_graph_and_the_drop_recorder_never_walk_a_leaf() {
    let holder = HoldsLeaves {
        one: Tripwire(0),
        many: vec![Tripwire(1); 1000],
        pairs: vec![(1, Tripwire(2)); 10],
    };
    let graph = ownkit::graph::Graph::of(&holder);
    // The value and its two buffers; nothing for the leaves.
    assert_eq!(graph.node_count(), 3, "{graph}");
    let report = ownkit::trace::capture(|| drop(holder));
    assert_eq!(report.paths(), ["HoldsLeaves"]);
}
