// `crate` says where the generated code finds ownkit, for the whole type:
// it goes on the type.
use ownkit::TraceDrop;

#[derive(TraceDrop)]
struct Connection {
    #[ownkit(crate = "ownkit", skip)]
    open: bool,
}

fn main() {}
