// Two threads cloning one `Rc` would race on its non-atomic counts.
use ownkit::Rc;

fn main() {
    let shared = Rc::new(5);
    let other = Rc::clone(&shared);
    std::thread::spawn(move || drop(other));
}
