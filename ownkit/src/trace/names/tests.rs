//! Unit tests of `names.rs`.

use super::*;

#[test]
fn short_type_names_drop_module_paths() {
    assert_eq!(short_type_name("alloc::vec::Vec<it::Leaf>"), "Vec<Leaf>");
    assert_eq!(short_type_name("Leaf"), "Leaf");
    assert_eq!(
        short_type_name("(a::B, [c::D; 3], &dyn core::fmt::Debug)"),
        "(B, [D; 3], &dyn Debug)"
    );
    assert_eq!(
        short_type_name("std::collections::HashMap<u8, x::y::Z<w::V>>"),
        "HashMap<u8, Z<V>>"
    );
    assert_eq!(short_type_name("it::Place<'_>"), "Place");
    assert_eq!(short_type_name("a::Pair<'_, 'static, b::C>"), "Pair<C>");
    assert_eq!(short_type_name("a::Ref<u8, '_>"), "Ref<u8>");
    assert_eq!(short_type_name("&'static a::B<'_>"), "&B");
    assert_eq!(short_type_name("fn(&'a u8)"), "fn(&u8)");
    assert_eq!(short_type_name("it::Marker<'x'>"), "Marker<'x'>");
    assert_eq!(short_type_name("it::Pair<'_, '_'>"), "Pair<'_'>");
}
