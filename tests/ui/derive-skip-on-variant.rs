// Variants take no attributes: `skip` goes on the variant's fields.
use ownkit::TraceDrop;

#[derive(TraceDrop)]
enum Message {
    #[ownkit(skip)]
    Text(u32),
    Empty,
}

fn main() {}
