// A field of a type of your own that ownkit cannot look inside: one error,
// at the field's type, which says to derive `Walk` for it, or else to mark
// the field `skip` or `opaque`.
use ownkit::TraceDrop;

struct Socket;

#[derive(TraceDrop)]
struct Connection {
    socket: Socket,
}

fn main() {}
