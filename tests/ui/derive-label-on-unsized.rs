// An unsized field cannot be handed over as a `&dyn Debug`.
use ownkit::TraceDrop;

#[derive(TraceDrop)]
struct Named {
    len: usize,
    #[ownkit(label)]
    name: str,
}

fn main() {}
