// `#[ownkit]` takes a list of keys in parentheses.
use ownkit::TraceDrop;

#[derive(TraceDrop)]
struct Leaf;

#[derive(TraceDrop)]
struct Outer {
    #[ownkit = "skip"]
    leaf: Leaf,
}

fn main() {}
