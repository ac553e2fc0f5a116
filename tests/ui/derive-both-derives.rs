// Each derive writes a `Walk` impl, so both on one type conflict (E0119).
// rustc's error cannot carry a hint: the derive docs show this case and say
// to keep `TraceDrop` (which implements `Walk` too) or only `Walk`.
use ownkit::{TraceDrop, Walk};

#[derive(TraceDrop, Walk)]
struct Leaf;

fn main() {}
