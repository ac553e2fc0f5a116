// The string of `crate` must be a path.
use ownkit::TraceDrop;

#[derive(TraceDrop)]
#[ownkit(crate = "my ownkit")]
struct Leaf;

fn main() {}
