//! ownkit with its tracking allocator installed: the leak check and the
//! drop report see every heap block, whatever type allocated it.
//!
//! A global allocator belongs to one binary, so these tests have a binary
//! of their own; the `it` binary runs the same checks without the tracking
//! allocator. Every test that leaks on purpose takes back what it leaked
//! (a `ManuallyDrop` dropped afterwards, a cycle broken), so that Miri and
//! valgrind see no leak. What a test allocates only to leak goes through
//! `black_box`: an optimised build may otherwise leave out an allocation
//! whose block nothing reads.

mod drops;
mod gallery;
mod leak;

// The gallery's scenes and page, as `examples/gallery/` builds them: with
// this binary's tracking allocator, as the example has its own.
#[path = "../../examples/gallery/page.rs"]
mod page;
#[path = "../../examples/gallery/scenes.rs"]
mod scenes;

#[global_allocator]
static ALLOC: ownkit::alloc::Tracking = ownkit::alloc::Tracking::new(std::alloc::System);

/// Fewer rounds under Miri, which runs every instruction by hand.
const ROUNDS: usize = if cfg!(miri) { 50 } else { 5_000 };
