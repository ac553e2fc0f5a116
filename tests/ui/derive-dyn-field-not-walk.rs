// A trait object walks only if `Walk` is a supertrait of its trait: the
// error, in an enum variant, underlines the field's whole type and says so.
use ownkit::Walk;

trait Shape {}

#[derive(Walk)]
enum Drawing {
    Empty,
    One(Box<dyn Shape>),
}

fn main() {}
