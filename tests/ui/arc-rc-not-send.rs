// An `Rc` inside an `Arc` could be cloned from two threads at once, racing
// on its non-atomic counts.
use ownkit::Arc;
use std::rc::Rc;

fn main() {
    let shared = Arc::new(Rc::new(5));
    let other = Arc::clone(&shared);
    std::thread::spawn(move || drop(Rc::clone(&other)));
}
