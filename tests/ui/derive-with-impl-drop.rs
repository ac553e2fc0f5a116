// The derive writes the `Drop` impl, so a second one conflicts (E0119).
// Put the drop logic in `DropHook` with `#[ownkit(hook)]` instead.
use ownkit::TraceDrop;

#[derive(TraceDrop)]
struct Connection;

impl Drop for Connection {
    fn drop(&mut self) {}
}

fn main() {}
