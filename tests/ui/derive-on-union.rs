// A union does not know which field is live, so it cannot say what it drops.
use ownkit::TraceDrop;

#[derive(TraceDrop)]
union Bits {
    int: u32,
    float: f32,
}

fn main() {}
