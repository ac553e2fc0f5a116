// Moving a Box moves ownership of its heap value: the old binding is dead.
use ownkit::Box;

fn main() {
    let first = Box::new(String::from("owned once"));
    let second = first;
    println!("{first} {second}");
}
