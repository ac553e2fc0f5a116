// A type with a `Drop` impl cannot be `Copy` (rustc's E0184); beside that
// error, the derive says what to do: `#[derive(Walk)]`.
use ownkit::TraceDrop;

#[derive(Clone, Copy, TraceDrop)]
struct Point {
    #[ownkit(skip)]
    x: i32,
}

fn main() {}
