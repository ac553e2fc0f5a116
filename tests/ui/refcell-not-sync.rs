// A `RefCell`'s borrow flag is a plain integer: sharing the cell between
// threads would race on it.
use ownkit::cell::RefCell;

fn main() {
    let cell = RefCell::new(0);
    std::thread::scope(|scope| {
        scope.spawn(|| *cell.borrow_mut() += 1);
    });
}
