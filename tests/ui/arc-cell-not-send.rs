// Clones of an `Arc<Cell<_>>` on two threads would race on the cell: the
// `Arc` is `Send` only when its value is `Send` and `Sync`.
use ownkit::Arc;
use std::cell::Cell;

fn main() {
    let shared = Arc::new(Cell::new(5));
    let other = Arc::clone(&shared);
    std::thread::spawn(move || other.set(6));
    shared.set(7);
}
