//! The allocation churn of `heap/mod.rs` on ownkit's tracking allocator:
//! with nobody observing, and inside a leak check.

mod heap;

use std::process::ExitCode;

use ownkit::alloc::Tracking;
use ownkit::graph::LeakCheck;

#[global_allocator]
static ALLOC: Tracking = Tracking::new(std::alloc::System);

fn main() -> ExitCode {
    heap::main(
        "heap_tracking",
        &[
            heap::Program {
                name: "churn/tracking",
                run: heap::churn,
            },
            heap::Program {
                name: "checked/tracking",
                run: |n| {
                    let check = LeakCheck::start();
                    heap::churn(n);
                    check.assert_no_leaks();
                },
            },
        ],
    )
}
