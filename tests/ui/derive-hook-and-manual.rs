// With `manual` the user writes `Drop`, so there is no generated drop to hook.
use ownkit::TraceDrop;

#[derive(TraceDrop)]
#[ownkit(hook, manual)]
struct Connection {
    #[ownkit(skip)]
    open: bool,
}

fn main() {}
