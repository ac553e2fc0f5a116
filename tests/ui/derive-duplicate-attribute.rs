// A key given twice is refused at the second one.
use ownkit::TraceDrop;

#[derive(TraceDrop)]
struct Outer {
    #[ownkit(skip)]
    #[ownkit(skip)]
    count: u32,
}

fn main() {}
