//! The allocation churn of `heap/mod.rs` on the system allocator alone:
//! the baseline of the tracking allocator's cost.

mod heap;

use std::process::ExitCode;

#[global_allocator]
static ALLOC: std::alloc::System = std::alloc::System;

fn main() -> ExitCode {
    heap::main(
        "heap_system",
        &[heap::Program {
            name: "churn/system",
            run: heap::churn,
        }],
    )
}
