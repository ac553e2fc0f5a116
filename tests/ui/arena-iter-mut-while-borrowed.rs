// `iter_mut` needs the arena exclusively: a reference from `alloc` that is
// still in use would alias a value the iterator hands out.
use ownkit::arena::Arena;

fn main() {
    let mut arena = Arena::new();
    let held = arena.alloc(1);
    for value in arena.iter_mut() {
        *value += 1;
    }
    *held += 1;
}
