//! Allocation churn for counting instructions under different global
//! allocators: the programs `benches/callgrind.py` runs for the tracking
//! allocator's rows.
//!
//! A global allocator belongs to one binary, so each allocator gets a
//! bench target of its own (`heap_system.rs`, `heap_tracking.rs`,
//! `heap_dhat.rs`), each a few lines that install the allocator and hand
//! their programs to [`main`] here. The comparisons themselves are listed
//! with the others, by `instructions --list`, under names of the form
//! `TARGET:PROGRAM`.
//!
//! The command line is `instructions`'s: `TARGET PROGRAM N` runs a program
//! `N` times; no arguments (what `cargo bench` runs) runs each once.

use std::fmt::Write as _;
use std::hint::black_box;
use std::process::ExitCode;

/// One round of an allocation-heavy program: a `String`, a `Vec` that
/// grows once, and a `Box`, used and freed. Three blocks allocated, one
/// resized, three freed, the same in every round whatever `index` is.
///
/// Never inlined, so that the loop around it is the same machine code
/// whichever allocator's calls are inlined into it: a larger allocator
/// must not change whether the round is inlined into the loop.
#[inline(never)]
pub(crate) fn round(index: u64) {
    let mut text = String::with_capacity(24);
    let _ = write!(text, "item {}", index % 1_000);
    let mut list: Vec<u64> = Vec::with_capacity(4);
    for value in 0..8 {
        list.push(black_box(value));
    }
    let boxed = Box::new(black_box(text.len() as u64));
    black_box((&text, &list, &boxed));
}

/// Runs `n` rounds.
#[inline(never)]
pub(crate) fn churn(n: u64) {
    for index in 0..n {
        round(black_box(index));
    }
}

/// One program of a heap bench target.
pub(crate) struct Program {
    pub(crate) name: &'static str,
    pub(crate) run: fn(u64),
}

/// The command line of a heap bench target named `target`.
pub(crate) fn main(target: &str, programs: &[Program]) -> ExitCode {
    let words: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    match &words[..] {
        [name, n] => {
            let Some(program) = programs.iter().find(|program| program.name == name) else {
                eprintln!("{target} has no program named {name:?}");
                return ExitCode::FAILURE;
            };
            let Ok(n) = n.parse() else {
                eprintln!("the round count must be a number, not {n:?}");
                return ExitCode::FAILURE;
            };
            (program.run)(n);
        }
        [] => {
            for program in programs {
                (program.run)(1);
            }
            println!(
                "{target}: ran {} programs once each; \
                 `python3 ownkit/benches/callgrind.py heap` counts their instructions",
                programs.len()
            );
        }
        _ => {
            eprintln!("usage: {target} [PROGRAM N]");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
