//! The unsafe core of ownkit, and the only module allowed to contain `unsafe`.
//!
//! The crate root denies `unsafe_code`; this module alone is allowed it. Each
//! file here holds the unsafe heart of one primitive and opens with the
//! invariants it keeps and what the safe layer may rely on. Core fields stay
//! private to their file: only safe functions and guard types leave it.
//!
//! Rules every file follows:
//! - every `unsafe {}` block does one unsafe operation and has a `// SAFETY:`
//!   comment right above it, naming the invariant or the callee's
//!   preconditions (one bullet each, with its evidence);
//! - every `unsafe fn` has a `# Safety` section, and unsafe operations inside it
//!   still need their own block (`unsafe_op_in_unsafe_fn` is denied);
//! - invariants sit next to the fields they govern, as `// INVARIANT:`.
//!
//! The helpers below are shared by several primitives.

#[cfg(test)]
mod abort_test;
pub(crate) mod arc;
pub(crate) mod arena;
pub(crate) mod boxed;
pub(crate) mod cell;
pub(crate) mod gen_slot;
pub(crate) mod pointee;
mod primitive;
pub(crate) mod rc;
pub(crate) mod refcell;
mod shared_block;

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
