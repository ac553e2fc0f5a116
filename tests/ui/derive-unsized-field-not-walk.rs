// An unsized last field is walked in place: one that does not walk is one
// error too, at its type.
use ownkit::TraceDrop;

#[derive(TraceDrop)]
struct Files {
    count: u32,
    files: [std::fs::File],
}

fn main() {}
