//! The gate check as the core makes it: one compare of the gate word in
//! memory, and a branch.
//!
//! Every report the core makes starts by asking whether anyone observes
//! (see `observe`'s gate). That question is asked on the fast path of every
//! `Box` drop and every `Rc` or `Arc` allocation, so it must cost as little
//! as the machine allows, and its answer is one word compared with 0.
//!
//! # Why not an atomic load
//!
//! The portable way to read the word is `AtomicUsize::load(Relaxed)`, and
//! that is what every other target and Miri use. On x86-64 it compiles to
//! three instructions: a load into a register, a test, and a branch. The
//! same read could be one instruction shorter, a compare with the word in
//! memory (`cmp qword ptr [gate], 0`) and the branch, but the compiler never
//! folds an atomic load into another instruction, even a relaxed one, and a
//! plain or volatile read of a word that other threads update atomically is
//! a data race. A `Box::new` and its drop cost std about 138 instructions,
//! so that one instruction is most of what a 2 % budget allows.
//!
//! So on x86-64 the check is written as two instructions of inline
//! assembly, with a `label` operand for the branch. An aligned 8-byte read
//! is atomic on x86-64, so the compare reads the word exactly as a relaxed
//! atomic load would, and races with the gate's atomic updates are as
//! well-defined as that load's.
//!
//! # Invariants
//!
//! None of its own: it holds no state. Its one `unsafe` block reads the
//! word it is handed, and writes nothing but the flags.
//!
//! # What the safe layer may rely on
//!
//! Only the files of this module use it. [`observing`] answers exactly as
//! `observe::observing` does: `true` while the gate is open, as seen by a
//! relaxed load, and a constant `false` without the `std` feature.

use core::sync::atomic::AtomicUsize;

use crate::observe;

/// Whether anyone observes, on any thread: `observe::observing`, asked in
/// one compare and a branch where the target allows it.
#[inline(always)]
pub(crate) fn observing() -> bool {
    cfg!(feature = "std") && is_nonzero(observe::gate_word())
}

/// Whether `word` is not 0, read as a relaxed load: compared in memory.
#[cfg(all(target_arch = "x86_64", not(miri)))]
#[inline(always)]
fn is_nonzero(word: &AtomicUsize) -> bool {
    let word = word.as_ptr();
    // SAFETY:
    // - the instructions read the 8 bytes at `word`, which come from a
    //   reference, so they are valid and aligned while this runs;
    // - an aligned 8-byte read is atomic on x86-64, so this is a relaxed
    //   atomic load, which may race with other threads' atomic updates of
    //   the word;
    // - they write no memory and touch no stack; the compare sets the
    //   flags, which the operands do not claim to preserve;
    // - they either fall through or jump to `nonzero`, both of which the
    //   compiler knows about.
    unsafe {
        core::arch::asm!(
            "cmp qword ptr [{word}], 0",
            "jne {nonzero}",
            word = in(reg) word,
            nonzero = label { return true },
            options(nostack, readonly),
        );
    }
    false
}

/// Whether `word` is not 0: the portable relaxed load, for other targets
/// and for Miri, which runs no assembly.
#[cfg(not(all(target_arch = "x86_64", not(miri))))]
#[inline(always)]
fn is_nonzero(word: &AtomicUsize) -> bool {
    word.load(core::sync::atomic::Ordering::Relaxed) != 0
}

#[cfg(test)]
mod tests;
