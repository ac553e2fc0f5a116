// A field whose type ownkit cannot look inside: the error points at the
// field and suggests `skip` or `opaque`.
use ownkit::TraceDrop;

struct Socket;

#[derive(TraceDrop)]
struct Connection {
    socket: Socket,
}

fn main() {}
