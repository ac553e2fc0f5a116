// A value is named by one field: a second `label` in the same struct or
// variant is refused, and the error says which field keeps it.
use ownkit::TraceDrop;

#[derive(TraceDrop)]
struct Song {
    #[ownkit(label)]
    title: String,
    #[ownkit(label)]
    artist: String,
}

#[derive(ownkit::Walk)]
enum Shape {
    // One label per variant is fine.
    Circle(#[ownkit(label)] f64),
    Rectangle(#[ownkit(label)] f64, #[ownkit(label)] f64),
}

fn main() {}
