//! The allocation churn of `heap/mod.rs` under dhat's profiler in testing
//! mode, the peer of a leak check over the tracking allocator: both see
//! every block of the program.

mod heap;

use std::process::ExitCode;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

fn main() -> ExitCode {
    heap::main(
        "heap_dhat",
        &[heap::Program {
            name: "checked/dhat",
            run: |n| {
                let _profiler = dhat::Profiler::builder().testing().build();
                heap::churn(n);
                let stats = dhat::HeapStats::get();
                assert_eq!(stats.curr_blocks, 0, "the churn leaks nothing");
            },
        }],
    )
}
