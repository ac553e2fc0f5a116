// A field of a std type that does not walk, which the user cannot derive
// `Walk` for: the error underlines the whole type, not just `std`, and says
// to mark the field `skip` or `opaque`.
use ownkit::TraceDrop;

#[derive(TraceDrop)]
struct Log {
    file: std::fs::File,
}

fn main() {}
