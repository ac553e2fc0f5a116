// A reference into a Box's block cannot outlive the Box: dropping the Box
// frees the block, so the compiler refuses the drop while the reference
// is still used. This is the use after free that safe Rust rules out.
use ownkit::Box;

fn main() {
    let boxed = Box::new(String::from("freed with the box"));
    let inside: &String = &boxed;
    drop(boxed);
    println!("{inside}");
}
