// The derive writes the `Drop` impl, so a second one conflicts (E0119).
// Put the drop logic in `DropHook` with `#[ownkit(hook)]` instead.
use ownkit::TraceDrop;

#[derive(TraceDrop)]
struct Connection;

impl Drop for Connection {
    fn drop(&mut self) {}
}

// A second trait named `Drop`, so that rustc names std's in full whatever
// else the build links (it shortens a name only when one item has it).
mod elsewhere {
    #[allow(dead_code)]
    pub trait Drop {}
}

fn main() {}
