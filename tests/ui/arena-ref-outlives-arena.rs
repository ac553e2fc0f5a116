// A reference from `Arena::alloc` borrows the arena: it cannot be kept after
// the arena, and the values in it, are dropped.
use ownkit::arena::Arena;

fn main() {
    let escaped: &mut String;
    {
        let arena = Arena::new();
        escaped = arena.alloc(String::from("dropped with the arena"));
    }
    println!("{escaped}");
}
