//! Drop tracing: what a program destroys, in which order, inside what.
//!
//! Derive [`TraceDrop`] on your types, run code inside [`capture`], and the
//! [`DropReport`] you get back is a tree: every traced value that was
//! dropped, nested under its parent, under its field path, in the order the
//! compiler dropped it, with the heap blocks ownkit's pointers freed.
//!
//! ```
//! use ownkit::trace::capture;
//! use ownkit::TraceDrop;
//!
//! #[derive(TraceDrop)]
//! struct Leaf;
//!
//! #[derive(TraceDrop)]
//! struct Outer {
//!     a: Leaf,
//!     b: ownkit::Box<Leaf>,
//!     v: Vec<Leaf>,
//! }
//!
//! let outer = Outer { a: Leaf, b: ownkit::Box::new(Leaf), v: vec![Leaf, Leaf] };
//! let report = capture(|| drop(outer));
//! assert_eq!(
//!     report.paths(),
//!     ["Outer", "Outer.a", "Outer.b", "Outer.b.*", "Outer.v[0]", "Outer.v[1]"],
//! );
//! println!("{report}");
//! ```
//!
//! The report also draws itself: [`DropReport::to_dot`] and, with the
//! `svg` feature, `DropReport::to_svg` draw the tree with each value
//! numbered in the order its drop began and each freed block with its
//! size, and `DropReport::to_html` makes a page that steps through the
//! destruction one drop at a time.
//!
//! # Who records what
//!
//! - **Derived types** record their own drop: the generated `Drop` notes the
//!   value (type, variant, address) and, walking one level down through its
//!   fields and through std's containers, the traced values the compiler is
//!   about to drop next, each with its exact address, type and path.
//! - **ownkit's pointers** ([`Box`](crate::Box), [`Rc`](crate::Rc),
//!   [`Arc`](crate::Arc)) record the start of their drop, the block they
//!   free, and the end, even while a panic unwinds. An `Rc` or `Arc` that
//!   is not the last owner destroys nothing and records nothing: checking
//!   for a capture on every count given up would cost every program a
//!   load and a branch, and std's speed is the rule.
//! - **std's containers** record nothing (they cannot): they appear only as
//!   path segments, seen through by the walk. `Rc`/`Arc` from std are
//!   followed only when they are the last owner, because only then does
//!   their drop drop the value.
//!
//! # Why the report can be trusted
//!
//! The report is rebuilt from what the generated code *expected* to be
//! dropped, not from addresses alone: a value is placed under a parent only
//! if that parent announced exactly that address and that type. Addresses
//! alone mislead in release builds (a stack slot is reused by the next
//! local), with zero-sized fields (which share an address), with enum
//! variants and with std's containers. Where the walk cannot see (a field
//! marked `#[ownkit(opaque)]`, a generic field without a `Walk` bound, a
//! packed struct), the report falls back to addresses and marks the result
//! *uncertain*; an expected value that never drops (forgotten, or kept
//! alive by a cycle) is reported as an *anomaly*. Nothing is silently
//! wrong: [`DropReport::is_certain`] tells you which case you are in.
//!
//! # Threads
//!
//! A capture records what *its own thread* drops while the closure runs.
//! Several threads can capture at once, each getting its own report.
//! Recording never panics and never aborts, not even when a thread-local
//! value is dropped as its thread exits.
//!
//! # What it costs
//!
//! When nobody observes (no capture and no leak check runs on any
//! thread), a traced type's drop costs one relaxed atomic load and a
//! branch, the gate of the observation layer that ownkit's pointers share;
//! see `BENCHMARKS.md` for the figures. While capturing, each event is a
//! fixed-size record in one shared buffer, with no allocation per event.

// Recording needs a lock and a thread-local, so the report and what builds
// it exist only with `std`; without it `record_drop` does nothing.
pub(crate) mod derived;
#[cfg(feature = "std")]
mod diff;
#[cfg(feature = "std")]
mod event;
#[cfg(feature = "std")]
mod rebuild;
pub(crate) mod recorder;
#[cfg(feature = "std")]
mod report;

mod names;

pub(crate) use names::short_type_name;
#[cfg(feature = "std")]
pub use recorder::capture;
pub use recorder::record_drop;
#[doc(hidden)]
pub use recorder::record_drop_with;
pub use recorder::scope;
#[cfg(feature = "std")]
pub(crate) use report::Moment;
#[cfg(feature = "std")]
pub use report::{Anomaly, DropNode, DropReport, Freed, HeapEvent, HeapEventKind, Nodes};
// The walk protocol lived here before it became `crate::walk`; these paths
// keep working.
#[doc(no_inline)]
pub use crate::walk::{
    Block, Descend, PointerInfo, PointerKind, Segment, Shape, TracedInfo, VariantShape, Visit,
    Walk, Walker, address_of,
};

#[doc = include_str!("derive.md")]
pub trait TraceDrop: Walk {}

/// Drop logic of your own, run by the `Drop` impl that
/// `#[derive(TraceDrop)]` generates when the type is marked
/// `#[ownkit(hook)]`.
///
/// A type that derives `TraceDrop` cannot also `impl Drop` (the derive
/// writes that impl). Put the drop logic here instead: it runs after the
/// drop is recorded, before the fields are dropped, with the same
/// `&mut self` access a `Drop::drop` would have.
///
/// ```
/// use ownkit::trace::DropHook;
/// use ownkit::TraceDrop;
///
/// #[derive(TraceDrop)]
/// #[ownkit(hook)]
/// struct Connection {
///     open: bool,
/// }
///
/// impl DropHook for Connection {
///     fn drop_hook(&mut self) {
///         self.open = false; // close it before the fields go
///     }
/// }
///
/// drop(Connection { open: true });
/// ```
pub trait DropHook {
    /// Runs once, when the value is dropped.
    fn drop_hook(&mut self);
}

#[cfg(feature = "derive")]
pub use ownkit_derive::TraceDrop;
