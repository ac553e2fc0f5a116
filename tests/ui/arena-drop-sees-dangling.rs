// A `Drop` type that holds a reference into its own arena is rejected by
// drop check: the arena drops its values one by one, so a destructor could
// read a neighbour that was already dropped. (Without the `Drop` impl the
// same cyclic graph compiles: see `examples/arena_graph.rs`.)
use ownkit::arena::Arena;
use std::cell::Cell;

struct Node<'a> {
    name: &'static str,
    next: Cell<Option<&'a Node<'a>>>,
}

impl Drop for Node<'_> {
    fn drop(&mut self) {
        if let Some(next) = self.next.get() {
            println!("{} is dropped after {}", self.name, next.name);
        }
    }
}

fn main() {
    let arena = Arena::new();
    let first = arena.alloc(Node { name: "first", next: Cell::new(None) });
    let second = arena.alloc(Node { name: "second", next: Cell::new(Some(first)) });
    first.next.set(Some(second));
}
