// A misspelt key is refused, with the list of keys that exist.
use ownkit::TraceDrop;

#[derive(TraceDrop)]
struct Leaf;

#[derive(TraceDrop)]
struct Outer {
    #[ownkit(skipped)]
    leaf: Leaf,
}

fn main() {}
