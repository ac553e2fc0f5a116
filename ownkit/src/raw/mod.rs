//! The unsafe core of ownkit, and the only module allowed to contain `unsafe`.
//!
//! The crate root denies `unsafe_code`; this module alone is allowed it. Each
//! file here holds the unsafe heart of one primitive, or a helper that
//! several of them share, and opens with the same header (below): the
//! invariants it keeps, what the safe layer may rely on, and its `Send` and
//! `Sync` reasoning. Core fields stay private to their file: only safe
//! functions and guard types leave it.
//!
//! Rules every file follows:
//! - every `unsafe {}` block does one unsafe operation and has a `// SAFETY:`
//!   comment right above it, naming the invariant or the callee's
//!   preconditions (one bullet each, with its evidence);
//! - every `unsafe fn` has a `# Safety` section, and unsafe operations inside it
//!   still need their own block (`unsafe_op_in_unsafe_fn` is denied);
//! - invariants sit next to the fields they govern, as `// INVARIANT:`;
//! - a file that reports to the observers does so through [`crate::observe`]
//!   alone: first [`observing`](gate_check::observing), one relaxed load of
//!   the gate word and a branch (on x86-64, one compare of the word in
//!   memory: see [`gate_check`]), then, only if someone observes, the
//!   reports themselves (`block_allocated`, `block_freed`, `drop_begins`,
//!   `drop_ends`), which are out of line. It never imports `trace/` or
//!   `graph/`;
//! - a file imports nothing of the crate above `raw` but `observe`. The
//!   one exception is `public_unsafe.rs`: the public `unsafe fn`s of `Box`,
//!   `Rc` and `Arc` (`from_raw` and its companions) can only be declared
//!   where unsafe code is allowed, so that file names the public types and
//!   adds them there, each forwarding to its core.
//!
//! # Every file opens with the same header
//!
//! Every file's module doc has the same sections in the same order, so that
//! whoever has read one file knows where to look in the next:
//!
//! 1. **A one-line summary**: what the file is the unsafe core of, or what
//!    it provides.
//! 2. **The file's own sections**, each under a `#` heading, as many as it
//!    needs to explain how the primitive works: the block and its counts,
//!    the weak lock, the layout, why a union, who drops what.
//! 3. **`# Invariants`**: what the file's code keeps true, each one named or
//!    numbered so that a `// SAFETY:` comment can cite it. The
//!    `// INVARIANT:` comments stay on the fields they govern; this section
//!    gathers them and points to them.
//! 4. **`# What the safe layer may rely on`**: the guarantees that the
//!    public, safe modules (`boxed.rs`, `rc.rs`, `sync.rs`, `cell.rs`,
//!    `arena/`) build on; for a helper that only other files of this module
//!    use, the guarantees those files build on.
//! 5. **`# Send and Sync`**, where the file's types have something to say
//!    about threads: which types are `Send` or `Sync`, whether that comes
//!    from their fields or from an `unsafe impl`, and the counterexample that
//!    motivates each bound. This is the one place the argument is written:
//!    the types' docs and the `// SAFETY:` comments on the `unsafe impl`s
//!    point here.
//! 6. **`# Observation`**, for a file that reports to [`crate::observe`]:
//!    what it reports and when, and what that costs while nobody observes.
//!
//! Sections 1 to 4 are in every file (a file with no invariant of its own
//! says so); 5 and 6 only where the file has something to say. The test
//! helper `abort_test.rs` and this file are not primitives and have no such
//! header.
//!
//! The helpers below are shared by several primitives.

#[cfg(test)]
mod abort_test;
pub(crate) mod arc;
pub(crate) mod arena;
pub(crate) mod boxed;
pub(crate) mod cell;
pub(crate) mod gate_check;
pub(crate) mod gen_slot;
pub(crate) mod pointee;
mod primitive;
mod public_unsafe;
pub(crate) mod rc;
pub(crate) mod refcell;
mod shared_block;
#[cfg(feature = "std")]
pub(crate) mod tracking;
pub(crate) mod unsafe_cell;

/// Aborts the process because a reference count would overflow.
///
/// A count that wrapped around would let a later decrement free a value that
/// is still referenced, so this is memory safety, not tidiness. It must not be
/// a panic: a panic can be caught, and the caller would go on holding a
/// pointer whose count is wrong. Only a `mem::forget` loop can get here.
#[cold]
#[inline(never)]
pub(crate) fn abort_on_count_overflow(what: &str) -> ! {
    #[cfg(feature = "std")]
    {
        std::eprintln!("ownkit: {what} overflowed; aborting");
        std::process::abort()
    }
    #[cfg(not(feature = "std"))]
    {
        // Without std there is no `abort`, but a panic that starts while another
        // one is unwinding always aborts the process: `_bomb` panics in its
        // destructor while the `panic!` below unwinds. Under `panic = "abort"`
        // the first panic aborts on its own.
        struct PanicOnDrop<'a>(&'a str);
        impl Drop for PanicOnDrop<'_> {
            fn drop(&mut self) {
                panic!("ownkit: {} overflowed; aborting", self.0);
            }
        }
        let _bomb = PanicOnDrop(what);
        panic!("ownkit: {what} overflowed");
    }
}

/// Returns a pointer with the address and provenance of `data` and the
/// metadata (slice length or vtable) of `wide`.
///
/// Building a `Rc<dyn Trait>` from a `Box<dyn Trait>` moves the value into a
/// new allocation and needs a pointer to it that still carries the vtable.
/// Stable Rust cannot assemble a wide pointer from parts
/// (`ptr::from_raw_parts` is unstable), so this overwrites the address half of
/// `wide` in place, as std did before that API existed. Wide-pointer layout is
/// not formally specified, so the result is checked before it is returned: if
/// the address half were not where we wrote, the check fails and we panic
/// instead of returning a mangled pointer.
///
/// For a sized `T` the pointer is thin and the result is simply `data` cast.
pub(crate) fn with_address_of<T: ?Sized, U>(wide: *mut T, data: *mut U) -> *mut T {
    let mut result = wide;
    let address_half = (&raw mut result).cast::<*mut u8>();
    // SAFETY: `address_half` points into the local `result`, which is at
    // least one pointer wide, aligned for pointers and writable; writing a
    // `*mut u8` there writes plain pointer bytes (with `data`'s provenance).
    unsafe { address_half.write(data.cast::<u8>()) };
    assert!(
        result.cast::<u8>() == data.cast::<u8>(),
        "wide pointers do not store their address first on this target"
    );
    result
}
