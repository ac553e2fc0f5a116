//! Ownership you can read: hand-written [`Box`], [`Rc`]/[`Weak`](rc::Weak),
//! [`Arc`]/[`Weak`](sync::Weak), [`Cell`](cell::Cell) and
//! [`RefCell`](cell::RefCell), each a thin safe layer over a small,
//! documented unsafe core, and two [arenas](arena).
//!
//! Every type mirrors its std counterpart name for name, so a program can swap
//! `std::rc::Rc` for `ownkit::Rc` and behave the same, at the same speed and
//! size. The difference is that you can open the source and follow every step.
//!
//! # A guided tour
//!
//! **A [`Box`] is the single owner of one heap value.** Moving the box moves
//! the ownership; dropping it drops the value and then frees the block.
//!
//! ```
//! let boxed = ownkit::Box::new([1, 2, 3]);
//! let moved = boxed; // no copy of the array: only the owner changed
//! assert_eq!(moved.iter().sum::<i32>(), 6);
//! ```
//!
//! **An [`Rc`] shares one value between several owners** and counts them. The
//! value is dropped when the last `Rc` goes; a [`Weak`](rc::Weak) observes it
//! without keeping it alive, which is how a parent/child cycle avoids leaking.
//!
//! ```
//! use ownkit::Rc;
//!
//! let first = Rc::new(String::from("shared"));
//! let second = Rc::clone(&first);
//! let observer = Rc::downgrade(&first);
//! assert_eq!((Rc::strong_count(&first), Rc::weak_count(&first)), (2, 1));
//!
//! drop(first);
//! drop(second); // the last owner: the String is dropped here
//! assert!(observer.upgrade().is_none());
//! ```
//!
//! **An [`Arc`] is an `Rc` for sharing across threads.** Its counts are
//! atomic, so clones can live on different threads; the value is dropped on
//! whichever thread lets go of the last one.
//!
//! ```
//! use ownkit::Arc;
//! use std::thread;
//!
//! let shared = Arc::new(vec![1, 2, 3]);
//! let total = {
//!     let mine = Arc::clone(&shared);
//!     thread::spawn(move || mine.iter().sum::<i32>())
//! };
//! assert_eq!(total.join().unwrap(), 6);
//! assert_eq!(Arc::strong_count(&shared), 1); // the thread's clone is gone
//! ```
//!
//! **A [`Cell`](cell::Cell) moves values in and out** of shared data and never
//! hands out a reference to its inside, which is why it needs no bookkeeping.
//! **A [`RefCell`](cell::RefCell) hands out references** and enforces the
//! borrow rules at run time instead. In debug builds, a refused borrow names
//! the `file:line:column` where the blocking borrow was taken:
//!
//! ```
//! use ownkit::cell::RefCell;
//!
//! let cell = RefCell::new(vec![1]);
//! let reader = cell.borrow();
//! let refused = cell.try_borrow_mut().unwrap_err();
//! if cfg!(debug_assertions) {
//!     assert!(refused.to_string().contains(file!()));
//! }
//! drop(reader);
//! cell.borrow_mut().push(2);
//! ```
//!
//! **An [arena] owns many values and drops them together.** The
//! typed [`Arena`](arena::Arena) hands out references that live as long as
//! it does, so values can point at each other, cycles included; the
//! [`GenArena`](arena::GenArena) hands out keys, and a key to a removed value
//! is refused with an error that says what happened to its slot.
//!
//! **[`trace`] shows what a drop does.** Derive [`TraceDrop`] on your
//! types, run code inside [`trace::capture`], and the report is a tree of
//! every traced value dropped, under its field path, in the compiler's
//! order, with the heap blocks freed:
//!
//! ```
//! use ownkit::TraceDrop;
//!
//! #[derive(TraceDrop)]
//! struct Leaf;
//!
//! #[derive(TraceDrop)]
//! struct Node {
//!     left: Leaf,
//!     right: ownkit::Box<Leaf>,
//! }
//!
//! let node = Node { left: Leaf, right: ownkit::Box::new(Leaf) };
//! let report = ownkit::trace::capture(|| drop(node));
//! report.assert_paths(&["Node", "Node.left", "Node.right", "Node.right.*"]);
//! ```
//!
//! **[`graph::LeakCheck`] fails a scope that leaks,** and names the cycle
//! that keeps the leaked blocks alive, by field path, with the link to
//! make `Weak`. It sees ownkit's `Rc` and `Arc` by themselves; install
//! [`alloc::Tracking`] as the global allocator and it sees every block of
//! every type, and a drop report shows std's buffers freed too.
//!
//! `cargo run --example tour` walks through the same ground with output.
//!
//! # Where the unsafe code is
//!
//! This crate is compiled under `#![deny(unsafe_code)]`. The one exception is
//! the private module `raw`: one file per primitive, each opening with the
//! same header (the invariants it keeps, what the safe layer may rely on,
//! its `Send`/`Sync` reasoning), every `unsafe` block carrying a `SAFETY`
//! note. All the public modules are safe code built on it, so the compiler
//! itself confirms that `raw` is the whole of what needs auditing.
//! `ARCHITECTURE.md`, at the root of the repository, maps the rest.
//!
//! # Differences from std
//!
//! Two features of std's pointers need unstable compiler support:
//!
//! - *Unsizing coercions* (`Box<T>` to `Box<dyn Trait>`). Build the unsized
//!   value with std's `Box` and convert: `ownkit::Box<dyn Trait>`,
//!   `Rc<[T]>`, `Rc<str>`, `Rc<dyn Trait>` and their `Arc` twins all implement
//!   `From<std::boxed::Box<T>>`.
//! - *`#[may_dangle]`*, which lets std's `Box<&'a T>`, `Rc<&'a T>` and
//!   `Arc<&'a T>` be dropped in the same scope as the data they borrow.
//!   ownkit's pointers follow the stricter ordinary drop-check rule.
//!
//! # Checked under loom
//!
//! Built with `RUSTFLAGS="--cfg loom"`, [`Arc`] takes its atomics from the
//! [loom](https://docs.rs/loom) model checker instead of `core`, so the
//! repository's loom models explore every interleaving of the exact code
//! that ships. Normal builds have no dependencies at all.
//!
//! # Features
//!
//! - `std` (default): a reference-count overflow aborts through
//!   `std::process::abort` with a message, and drop tracing records (it
//!   needs a lock and a thread-local), and the leak check and the tracking
//!   allocator ([`alloc`]) exist. Without it the crate needs only `core`
//!   and `alloc`, aborts by panicking during a panic, and
//!   [`trace::record_drop`] does nothing.
//! - `derive` (default): `#[derive(TraceDrop)]` and `#[derive(Walk)]`,
//!   from the `ownkit-derive` proc-macro crate, which runs at compile time
//!   only.
#![no_std]
#![deny(unsafe_code)]

// std's `alloc` crate, under another name: `ownkit::alloc` is the module of
// the tracking allocator.
extern crate alloc as alloc_crate;
#[cfg(feature = "std")]
extern crate std;

#[cfg(feature = "std")]
pub mod alloc;
pub mod arena;
pub mod boxed;
pub mod cell;
pub mod graph;
#[cfg(feature = "std")]
mod hasher;
pub mod rc;
pub mod sync;
pub mod trace;
pub mod walk;

// The bottom floor: the gate and per-thread state that observers share.
mod observe;

// The unsafe core: the one module allowed `unsafe`, so the one to audit.
#[allow(unsafe_code)]
mod raw;

pub use boxed::Box;
pub use rc::Rc;
pub use sync::Arc;
/// What the derives' generated code names, under paths that do not change
/// when the public modules are rearranged; not part of the public API.
#[doc(hidden)]
pub mod __private {
    /// Whether anyone observes: what a derived `Drop` asks before it
    /// builds anything for the recorder. One relaxed load and a branch.
    #[inline(always)]
    #[must_use]
    pub fn observing() -> bool {
        crate::observe::observing()
    }

    /// The field marked `#[ownkit(label)]`, as [`Walker::label`] takes
    /// it: only a reference, formatted by the walker if it wants.
    #[inline(always)]
    #[must_use]
    pub fn label<T: Label>(field: &T) -> &dyn core::fmt::Debug {
        field.as_debug()
    }

    /// A type a `label` field may have: any `Debug` type. A trait of its
    /// own so that a field that is not `Debug` is told why it must be.
    #[diagnostic::on_unimplemented(
        message = "`#[ownkit(label)]` shows the field's `Debug` output, but `{Self}` does not implement `Debug`",
        label = "`{Self}` does not implement `Debug`",
        note = "derive or implement `Debug` for it, or put `#[ownkit(label)]` on another field"
    )]
    pub trait Label {
        /// The field, as the walker takes it.
        fn as_debug(&self) -> &dyn core::fmt::Debug;
    }

    impl<T: core::fmt::Debug> Label for T {
        #[inline(always)]
        fn as_debug(&self) -> &dyn core::fmt::Debug {
            self
        }
    }

    pub use crate::TraceDrop;
    pub use crate::trace::recorder::{HookScope, hook_scope};
    pub use crate::trace::{DropHook, record_drop_with};
    pub use crate::walk::{
        Descend, Segment, Shape, TracedInfo, VariantShape, Visit, Walk, Walker, address_of,
    };
}

// The traits, and with the `derive` feature the derive macros of the same
// names.
pub use trace::TraceDrop;
pub use walk::Walk;
