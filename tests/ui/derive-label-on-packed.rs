// Formatting a field takes a reference to it, which a packed field must
// never have.
use ownkit::TraceDrop;

#[derive(TraceDrop)]
#[repr(packed)]
struct Wire {
    #[ownkit(label)]
    tag: u32,
    len: u16,
}

fn main() {}
