//! Every public path resolves, old and new: the walk protocol moved from
//! `ownkit::trace` to `ownkit::walk`, and `Walk` joined `TraceDrop` at the
//! crate root, and both old and new names must name the same items.

use static_assertions::assert_type_eq_all;

assert_type_eq_all!(ownkit::trace::Block, ownkit::walk::Block);
assert_type_eq_all!(ownkit::trace::Descend, ownkit::walk::Descend);
assert_type_eq_all!(ownkit::trace::PointerInfo, ownkit::walk::PointerInfo);
assert_type_eq_all!(ownkit::trace::PointerKind, ownkit::walk::PointerKind);
assert_type_eq_all!(ownkit::trace::Segment, ownkit::walk::Segment);
assert_type_eq_all!(ownkit::trace::Shape, ownkit::walk::Shape);
assert_type_eq_all!(ownkit::trace::TracedInfo, ownkit::walk::TracedInfo);
assert_type_eq_all!(ownkit::trace::VariantShape, ownkit::walk::VariantShape);
assert_type_eq_all!(ownkit::trace::Visit<'static>, ownkit::walk::Visit<'static>);
assert_type_eq_all!(
    dyn ownkit::trace::Walk,
    dyn ownkit::walk::Walk,
    dyn ownkit::Walk
);
assert_type_eq_all!(
    dyn ownkit::trace::Walker<'static>,
    dyn ownkit::walk::Walker<'static>
);

/// Derived through each of the three paths of the `Walk` derive.
#[derive(ownkit::Walk)]
struct AtTheRoot(u8);

#[derive(ownkit::walk::Walk)]
struct InWalk(u8);

#[derive(ownkit::trace::Walk)]
struct InTrace(u8);

/// Derived through both paths of the `TraceDrop` derive.
#[derive(ownkit::TraceDrop)]
struct TracedAtTheRoot(u8);

#[derive(ownkit::trace::TraceDrop)]
struct TracedInTrace(u8);

fn walks<T: ownkit::Walk + ?Sized>(_: &T) -> &'static str {
    core::any::type_name::<T>()
}

#[test]
fn every_derive_path_gives_the_same_trait() {
    let walked = [
        walks(&AtTheRoot(1)),
        walks(&InWalk(2)),
        walks(&InTrace(3)),
        walks(&TracedAtTheRoot(4)),
        walks(&TracedInTrace(5)),
    ];
    assert!(walked.iter().all(|name| name.starts_with("it::paths::")));
    let address = ownkit::trace::address_of(&walked);
    assert_eq!(address, ownkit::walk::address_of(&walked));
}
