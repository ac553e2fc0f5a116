// A `RefMut` cannot outlive its `RefCell` either.
use ownkit::cell::{RefCell, RefMut};

fn keep_writing(cell: RefCell<Vec<u8>>) -> RefMut<'static, Vec<u8>> {
    cell.borrow_mut()
}

fn main() {
    keep_writing(RefCell::new(Vec::new())).push(1);
}
