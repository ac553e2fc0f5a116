// `Cell::set` through a shared reference is only sound on one thread.
use ownkit::cell::Cell;

fn main() {
    let cell = Cell::new(0);
    std::thread::scope(|scope| {
        scope.spawn(|| cell.set(1));
    });
}
