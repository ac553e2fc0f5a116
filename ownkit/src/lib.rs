//! Ownership you can read: hand-written [`Box`], [`Rc`]/[`Weak`](rc::Weak),
//! [`Arc`]/[`Weak`](sync::Weak), [`Cell`](cell::Cell) and
//! [`RefCell`](cell::RefCell), each a thin safe layer over a small,
//! documented unsafe core, and two [arenas](arena).
//!
//! Every type mirrors its std counterpart name for name, so a program can swap
//! `std::rc::Rc` for `ownkit::Rc` and behave the same, at the same speed and
//! size. The difference is that you can open the source and follow every step,
//! and that ownkit can show you what happened: [`trace`] records what a
//! program drops, [`graph`] draws what a live value owns, and the leak check
//! finds what was never freed. The pictures below were all drawn that way,
//! from real runs (`cargo run --example gallery` draws them again).
//!
//! # A guided tour
//!
//! Nine stops, in the order a course on memory would take them. Each links
//! to the part of ownkit's unsafe core that implements it: the private
//! `raw` module, whose source is one click away.
//!
//! ## 1. The stack and the heap
//!
//! A local lives in its function's *frame* on the stack. When the function
//! returns, the frame goes, and its locals are dropped in reverse order of
//! declaration. A [`Box`] puts its value on the *heap* instead: the frame
//! holds only the pointer, and the block lives until its owner lets go.
//! [`trace::scope`] names a frame in a capture, so the report shows what
//! each frame dropped as it returned:
//!
//! ```
//! use ownkit::trace::{capture, scope};
//!
//! let report = capture(|| {
//!     scope("fn main", || {
//!         let _first = ownkit::Box::new(1_u32);
//!         let _second = ownkit::Box::new(2_u64);
//!     })
//! });
//! // Last declared, first dropped; each box's block freed as it goes.
//! report.assert_tree(
//!     "
//!     fn main
//!     ├── Box<u64>
//!     │   └── freed 8 bytes (align 8)
//!     └── Box<u32>
//!         └── freed 4 bytes (align 4)
//!     ",
//! );
//! ```
//!
//! Three nested calls, each frame's locals numbered in the order they
//! dropped, and the heap blocks of a team, each acquired once and released
//! once (with [`alloc::Tracking`] installed, every block is seen):
//!
#![doc = include_str!("../docs/pictures/stack.svg")]
//!
#![doc = include_str!("../docs/pictures/heap.svg")]
//!
//! The core: how a box allocates its block, and frees it after dropping
//! its value, is in [`raw/boxed.rs`](../src/ownkit/raw/boxed.rs.html).
//!
//! ## 2. Ownership and moves
//!
//! Every value has one owner. Assigning or passing a `Box` *moves* it: the
//! owner changes, nothing is copied, and the old name is dead. The compiler
//! refuses any use of it, which is why a block cannot be freed twice:
//!
//! ```compile_fail,E0382
//! let first = ownkit::Box::new(String::from("owned once"));
//! let second = first; // ownership moves to `second`
//! println!("{first}"); // error: `first` was moved
//! ```
//!
//! An [`Rc`] shares a value among owners; a reference borrows one. The
//! ownership graph ([`graph::Graph`]) shows all three: solid lines own,
//! thick ones share, dotted ones borrow.
//!
//! ```
//! let shared = ownkit::Rc::new(7_u8);
//! let pair = (ownkit::Box::new(1_u8), shared.clone(), shared);
//! let graph = ownkit::graph::Graph::of(&pair);
//! assert_eq!(graph.root().outgoing().map(|edge| edge.kind().name()).collect::<Vec<_>>(),
//!            ["owns", "shares", "shares"]);
//! ```
//!
#![doc = include_str!("../docs/pictures/ownership.svg")]
//!
//! The core: [`raw/boxed.rs`](../src/ownkit/raw/boxed.rs.html), the one
//! owner of one block.
//!
//! ## 3. Recursive drop
//!
//! Dropping a value drops what it owns: its fields in declaration order,
//! each all the way down before the next, and a box's contents before its
//! block is freed. Derive [`TraceDrop`] and [`trace::capture`] records it,
//! in the compiler's own order:
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
//! An album dropped, each value numbered in the order its drop began
//! (`DropReport::to_svg`, with the `svg` feature; `DropReport::to_html`
//! makes a page that steps through it):
//!
#![doc = include_str!("../docs/pictures/destruction.svg")]
//!
//! The core: `Drop for Box` in [`raw/boxed.rs`](../src/ownkit/raw/boxed.rs.html)
//! drops the value in place, then frees the block.
//!
//! ## 4. Borrowing and lifetimes
//!
//! A reference borrows a value for a *lifetime* that must end before the
//! value is dropped. An [`Arena`](arena::Arena) owns many values and lends
//! out references that live as long as it does, so the values can point at
//! each other; a reference that would outlive the arena is refused:
//!
//! ```compile_fail,E0597
//! use ownkit::arena::Arena;
//!
//! let escaped: &mut String;
//! {
//!     let arena = Arena::new();
//!     escaped = arena.alloc(String::from("dropped with the arena"));
//! } // the arena, and its values, are dropped here
//! println!("{escaped}"); // error: `arena` does not live long enough
//! ```
//!
//! ```
//! use ownkit::arena::Arena;
//!
//! let arena = Arena::new();
//! let bay: &u32 = arena.alloc(1);
//! let route = [bay, arena.alloc(2), bay]; // borrows, all inside the arena's life
//! assert_eq!(route.iter().copied().sum::<u32>(), 4);
//! ```
//!
//! A route of references into an arena, drawn: each one borrows.
//!
#![doc = include_str!("../docs/pictures/lifetimes.svg")]
//!
//! The core: [`raw/arena.rs`](../src/ownkit/raw/arena.rs.html), chunks that
//! never move, so a reference into one stays valid.
//!
//! ## 5. `Rc` and `Weak`
//!
//! An [`Rc`] shares one value among several owners and counts them. The
//! value is dropped when the last `Rc` goes; a [`Weak`](rc::Weak) observes
//! it without keeping it alive.
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
//! Two `Rc`s that own each other are never dropped: the one leak safe Rust
//! allows. [`graph::LeakCheck`] fails a scope that leaks and names the link
//! to make `Weak`; the graph draws the cycle red (here with std's `Rc`,
//! which the check sees too):
//!
#![doc = include_str!("../docs/pictures/leak.svg")]
//!
//! The core: [`raw/rc.rs`](../src/ownkit/raw/rc.rs.html), the counts and
//! when each one frees, on a block laid out by
//! [`raw/shared_block.rs`](../src/ownkit/raw/shared_block.rs.html).
//!
//! ## 6. `RefCell`
//!
//! A [`Cell`](cell::Cell) moves values in and out of shared data and never
//! hands out a reference to its inside, so it needs no bookkeeping. A
//! [`RefCell`](cell::RefCell) hands out references, and enforces the
//! borrow rules at run time instead of compile time. In debug builds, a
//! refused borrow names the `file:line:column` where the blocking borrow
//! was taken:
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
//! The core: [`raw/refcell.rs`](../src/ownkit/raw/refcell.rs.html), the
//! borrow count, and [`raw/cell.rs`](../src/ownkit/raw/cell.rs.html).
//!
//! ## 7. `Arc`
//!
//! An [`Arc`] is an `Rc` for sharing across threads. Its counts are atomic,
//! so clones can live on different threads; the value is dropped on
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
//! The core: [`raw/arc.rs`](../src/ownkit/raw/arc.rs.html), where each
//! atomic operation says why it uses the memory ordering it does; the
//! repository's loom models check every interleaving of it.
//!
//! ## 8. The arenas
//!
//! An [arena] owns many values and drops them together. The typed
//! [`Arena`](arena::Arena) hands out references (stop 4); the
//! [`GenArena`](arena::GenArena) hands out keys, which are only numbers, so
//! a value can be removed while keys to it remain. A stale key is refused,
//! with an error that says what happened to its slot:
//!
//! ```
//! use ownkit::arena::GenArena;
//!
//! let mut arena = GenArena::new();
//! let first = arena.insert("first");
//! assert_eq!(arena.remove(first), Some("first"));
//! assert_eq!(arena.remove(first), None); // no double free: nothing left
//! let second = arena.insert("second"); // the slot is reused, one generation on
//! assert!(arena.try_get(first).is_err()); // the stale key is refused
//! assert_eq!(arena.get(second), Some(&"second"));
//! ```
//!
//! The core: [`raw/gen_slot.rs`](../src/ownkit/raw/gen_slot.rs.html), a
//! slot and its generation, and [`raw/arena.rs`](../src/ownkit/raw/arena.rs.html).
//!
//! ## 9. Unsafe
//!
//! This crate is compiled under `#![deny(unsafe_code)]`. The one exception
//! is the private module `raw`: one file per primitive, each opening with
//! the same header (the invariants it keeps, what the safe layer may rely
//! on, its `Send`/`Sync` reasoning), every `unsafe` block carrying a
//! `SAFETY` note. All the public modules are safe code built on it, so the
//! compiler itself confirms that `raw` is the whole of what needs auditing.
//! The only `unsafe` a user writes is where std's pointers ask for it too:
//!
//! ```
//! let raw: *mut u32 = ownkit::Box::into_raw(ownkit::Box::new(5));
//! // SAFETY: `raw` came from `Box::into_raw` and is given back once.
//! let again = unsafe { ownkit::Box::from_raw(raw) };
//! assert_eq!(*again, 5);
//! ```
//!
//! The core: [`raw/mod.rs`](../src/ownkit/raw/mod.rs.html) lists every
//! file; `ARCHITECTURE.md`, at the root of the repository, maps the rest.
//!
//! # Differences from std
//!
//! ownkit has std's stable API for its types, with std's behaviour, counts
//! and allocations. What it cannot have is what std's pointers get from
//! the compiler itself, through language features that are unstable or
//! reserved for `Box`. Each difference below shows what to write instead.
//!
//! **Moving out through `*b`.** Only std's `Box` can be dereferenced by
//! value; for ours, [`Box::into_inner`] moves the value out and frees the
//! block. A boxed `dyn FnOnce` is called the same way, after
//! [`Box::into_std`]:
//!
//! ```compile_fail,E0507
//! let boxed = ownkit::Box::new(String::from("moved"));
//! let text: String = *boxed; // error: cannot move out of dereference
//! ```
//!
//! ```
//! let boxed = ownkit::Box::new(String::from("moved"));
//! let text: String = ownkit::Box::into_inner(boxed);
//! assert_eq!(text, "moved");
//!
//! let once: ownkit::Box<dyn FnOnce() -> String> =
//!     ownkit::Box::from(Box::new(move || text) as Box<dyn FnOnce() -> String>);
//! assert_eq!(ownkit::Box::into_std(once)(), "moved");
//! ```
//!
//! **Unsizing coercions.** std turns a `Box<[i32; 3]>` into a `Box<[i32]>`,
//! or a `Box<Circle>` into a `Box<dyn Shape>`, through the unstable
//! `CoerceUnsized`. Build the unsized value with std's `Box` and convert:
//! `ownkit::Box<dyn Trait>`, `Rc<[T]>`, `Rc<str>`, `Rc<dyn Trait>` and their
//! `Arc` twins all implement `From<std::boxed::Box<T>>`, and the slice and
//! string forms have their own `From` impls too. Methods taking
//! `self: Box<Self>` take std's `Box` for the same reason.
//!
//! ```compile_fail,E0308
//! use std::fmt::Display;
//!
//! let shown: ownkit::Box<dyn Display> = ownkit::Box::new(5); // error: mismatched types
//! ```
//!
//! ```
//! use std::fmt::Display;
//!
//! let shown: ownkit::Box<dyn Display> = ownkit::Box::from(Box::new(5) as Box<dyn Display>);
//! let shared: ownkit::Rc<[u8]> = ownkit::Rc::from([1, 2, 3]);
//! assert_eq!((shown.to_string(), shared.len()), (String::from("5"), 3));
//! ```
//!
//! **A `Box` is no unique pointer to Miri.** The compiler and Miri treat
//! std's `Box` like a `&mut`: moving it asserts that nothing else points
//! at its value, so a raw pointer kept from before the move is invalid
//! after it, and Miri reports its use as undefined behaviour (under Stacked
//! and Tree Borrows alike). To the compiler, ownkit's `Box` is a struct
//! holding a raw pointer, so Miri accepts the same code: it cannot catch
//! that mistake in code that will later run with std's `Box`. Code that
//! keeps a pointer past its owner should say so with [`Box::into_raw`] or
//! [`Box::leak`], which is right for both:
//!
//! ```
//! // Accepted with ownkit's Box; undefined behaviour with std's.
//! let mut boxed = ownkit::Box::new(1);
//! let raw: *mut i32 = &mut *boxed;
//! let moved = boxed;
//! // SAFETY: (only for ownkit's Box) the block is alive and nothing else
//! // uses the value meanwhile.
//! unsafe { *raw = 2 };
//! assert_eq!(*moved, 2);
//!
//! // Right for both: the pointer owns the block while it is out.
//! let raw = ownkit::Box::into_raw(moved);
//! // SAFETY: `raw` came from `into_raw`, and nothing else uses it.
//! unsafe { *raw = 3 };
//! // SAFETY: `raw` came from `into_raw` and is given back once.
//! let back = unsafe { ownkit::Box::from_raw(raw) };
//! assert_eq!(*back, 3);
//! ```
//!
//! **Specialization.** std compares two `Rc<T: Eq>`s (and `Arc`s) by
//! address first and calls `==` only for different allocations; choosing
//! that path by whether `T: Eq` needs the unstable specialization, so
//! ownkit always compares the values. The results differ only for an `Eq`
//! that is not reflexive, which breaks `Eq`'s contract; where the shortcut
//! matters, write it out with `ptr_eq`:
//!
//! ```
//! #[derive(Debug)]
//! struct NeverEqual;
//! impl PartialEq for NeverEqual {
//!     fn eq(&self, _: &Self) -> bool {
//!         false // not reflexive: not a lawful `Eq`
//!     }
//! }
//! impl Eq for NeverEqual {}
//!
//! let ours = ownkit::Rc::new(NeverEqual);
//! let theirs = std::rc::Rc::new(NeverEqual);
//! assert!(ours != ours.clone()); // the values are compared
//! assert!(theirs == theirs.clone()); // the same allocation: equal in std
//! assert!(ownkit::Rc::ptr_eq(&ours, &ours.clone()) || ours == ours.clone());
//! ```
//!
//! **Drop check for `Box`, `Rc` and `Arc`.** std's pointers tell the drop
//! checker, with the unstable `#[may_dangle]`, that dropping them drops
//! their value and uses nothing else of it, so a `Box<&'a T>` may be
//! dropped in the same scope as the data it borrows. Ours cannot say so,
//! and one word leaves no room for the trick [`Weak`](rc::Weak) uses (it
//! may dangle like std's, at the price of a second word; see
//! [`rc`](rc#differences-from-stdrc)). Declare the borrowed data before
//! the pointer:
//!
//! ```compile_fail,E0597
//! let boxed: ownkit::Box<&String>;
//! let text = String::from("borrowed"); // dropped before `boxed`
//! boxed = ownkit::Box::new(&text); // fine with std's Box, an error here
//! ```
//!
//! ```
//! let text = String::from("borrowed"); // declared first, dropped last
//! let boxed: ownkit::Box<&String> = ownkit::Box::new(&text);
//! assert_eq!(**boxed, "borrowed");
//! ```
//!
//! **Smaller ones.** [`Rc::make_mut`] and [`Arc::make_mut`] take any
//! `T: ?Sized + MakeMut` where std says `CloneToUninit`, also unstable:
//! [`MakeMut`](rc::MakeMut) covers the same types. An `Rc`'s strong count
//! aborts past `isize::MAX` where std's goes to `usize::MAX` (counts above
//! it mark a block whose value is gone). There is no allocator parameter,
//! `Rc::new_uninit` or `new_zeroed`.
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
//! - `svg`: the pictures as SVG and as web pages
//!   (`Graph::to_svg`, `Graph::to_html`, `DropReport::to_svg`,
//!   `DropReport::to_html`, `DropReport::to_heap_svg`), laid out by
//!   ownkit itself, so the feature adds no dependency.
//! - `serde`: `serde::Serialize` for the drop report, the graph and the
//!   leak report, in the JSON shapes documented in `export`, and their
//!   plain-data twins there (`DropReportData`, `GraphData`,
//!   `LeakReportData`), which read back with `serde::Deserialize`. The one
//!   feature with a dependency (`serde`, without its `std`).
#![no_std]
#![deny(unsafe_code)]
// On docs.rs, each feature-gated item says which feature it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]
// The docs tell the whole crate, std's drop tracing and leak check
// included, and link to it. Built without `std`, those items do not exist
// and the links cannot resolve; the text still reads.
#![cfg_attr(not(feature = "std"), allow(rustdoc::broken_intra_doc_links))]

// std's `alloc` crate, under another name: `ownkit::alloc` is the module of
// the tracking allocator.
extern crate alloc as alloc_crate;
#[cfg(feature = "std")]
extern crate std;

mod abridged;
#[cfg(feature = "std")]
pub mod alloc;
pub mod arena;
pub mod boxed;
pub mod cell;
#[cfg(feature = "serde")]
pub mod export;
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
    /// builds anything for the recorder. One relaxed load and a branch,
    /// asked as the core asks it (`raw::gate_check`).
    #[inline(always)]
    #[must_use]
    pub fn observing() -> bool {
        crate::raw::gate_check::observing()
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
    pub use crate::trace::derived::{
        CopyTraced, DebugField, DerivedWalk, DropField, NotCopy, NotCopyTraced, NotDerivedWalk,
        TraceDropOnly, TypeCheck, UnwalkedField, WalkDerivedToo, WalkedField, WalkedUnsizedField,
        report_in_place,
    };
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
