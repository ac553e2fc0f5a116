// A field is either not walked (`skip`) or walked by address (`opaque`).
use ownkit::TraceDrop;

#[derive(TraceDrop)]
struct Outer {
    #[ownkit(skip, opaque)]
    count: u32,
}

fn main() {}
