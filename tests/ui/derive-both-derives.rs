// Each derive writes a `Walk` impl, so both on one type conflict (E0119).
// Beside rustc's error, the derive says which to keep: `TraceDrop`, which
// implements `Walk` too, or only `Walk`.
use ownkit::{TraceDrop, Walk};

#[derive(TraceDrop, Walk)]
struct Leaf;

fn main() {}
