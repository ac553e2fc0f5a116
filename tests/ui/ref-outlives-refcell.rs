// A `Ref` borrows its `RefCell`: it cannot be kept after the cell is dropped.
use ownkit::cell::RefCell;

fn main() {
    let escaped;
    {
        let cell = RefCell::new(5);
        escaped = cell.borrow();
    }
    println!("{}", *escaped);
}
