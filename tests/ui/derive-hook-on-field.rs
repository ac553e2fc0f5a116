// `hook` describes the type's drop, so it goes on the type.
use ownkit::TraceDrop;

#[derive(TraceDrop)]
struct Connection {
    #[ownkit(hook)]
    #[ownkit(skip)]
    open: bool,
}

fn main() {}
