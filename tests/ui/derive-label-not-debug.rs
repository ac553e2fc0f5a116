// A `label` field shows its `Debug` output: a type without `Debug` is an
// error at the field's type, saying so.
use ownkit::TraceDrop;

struct Id(u64);

#[derive(TraceDrop)]
struct Account {
    #[ownkit(label, skip)]
    id: Id,
}

fn main() {}
