// A `Weak` can upgrade to an `Rc`, so it is not `Send` either.
use ownkit::rc::{Rc, Weak};

fn main() {
    let shared = Rc::new(5);
    let weak: Weak<i32> = Rc::downgrade(&shared);
    std::thread::spawn(move || weak.upgrade().is_some());
}
