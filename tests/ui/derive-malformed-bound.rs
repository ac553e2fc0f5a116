// `bound` holds where-clause predicates, which must parse.
use ownkit::TraceDrop;

#[derive(TraceDrop)]
#[ownkit(bound = "T Walk")]
struct Holder<T> {
    value: T,
}

fn main() {}
