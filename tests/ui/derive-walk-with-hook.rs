// `#[derive(Walk)]` generates no `Drop`, so `hook` and `manual` mean nothing.
use ownkit::trace::Walk;

#[derive(Walk)]
#[ownkit(hook)]
struct Point {
    #[ownkit(skip)]
    x: i32,
}

fn main() {}
