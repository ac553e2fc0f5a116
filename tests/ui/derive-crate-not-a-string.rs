// `crate` takes the path of a renamed ownkit as a string, like serde's
// `#[serde(crate = "...")]`; a bare path is refused, and saying what
// to write.
use ownkit::TraceDrop;

#[derive(TraceDrop)]
#[ownkit(crate = ownkit)]
struct Leaf;

fn main() {}
