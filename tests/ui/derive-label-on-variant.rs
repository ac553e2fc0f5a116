// Variants take no attributes: `label` goes on the field whose value
// names the variant.
use ownkit::TraceDrop;

#[derive(TraceDrop)]
enum Shape {
    #[ownkit(label)]
    Circle(f64),
    Empty,
}

fn main() {}
