//! The tracking allocator: install [`Tracking`] as the global allocator,
//! and the leak check and the drop capture see every heap block of their
//! thread, whatever type allocated it.
//!
//! Without it they hear only of the blocks ownkit's own pointers allocate
//! and free. With it, a std `Rc` cycle, a forgotten `Vec` or a `Box`
//! leaked by another crate is found too, and named by the field that held
//! it wherever a [watched](crate::graph::LeakCheck::watch) graph reached
//! it:
//!
//! ```
//! use std::cell::RefCell;
//! use std::rc::Rc;
//!
//! use ownkit::graph::LeakCheck;
//!
//! #[global_allocator]
//! static ALLOC: ownkit::alloc::Tracking = ownkit::alloc::Tracking::new(std::alloc::System);
//!
//! #[derive(ownkit::Walk)]
//! struct Node {
//!     next: Option<Rc<RefCell<Node>>>,
//! }
//!
//! fn main() {
//!     let mut check = LeakCheck::start();
//!     let node = Rc::new(RefCell::new(Node { next: None }));
//!     node.borrow_mut().next = Some(node.clone()); // a std Rc pointing at itself
//!     check.watch(&node);
//!     let handle = Rc::downgrade(&node);
//!     drop(node);
//!     let report = check.finish().unwrap_err();
//!     assert_eq!(report.leaked()[0].path(), Some("Rc<RefCell<Node>>.*"));
//!     assert_eq!(report.cycles().len(), 1); // and the link to make Weak
//!
//!     // Break the cycle, so that the example itself leaks nothing.
//!     handle.upgrade().unwrap().borrow_mut().next = None;
//! }
//! ```
//!
//! A drop capture sees the same blocks: each std buffer's release appears
//! under the field that held it, and the report tells the heap's story as
//! data ([`DropReport::heap_events`](crate::trace::DropReport::heap_events)):
//!
//! ```
//! #[global_allocator]
//! static ALLOC: ownkit::alloc::Tracking = ownkit::alloc::Tracking::new(std::alloc::System);
//!
//! #[derive(ownkit::TraceDrop)]
//! struct Song {
//!     title: String,
//! }
//!
//! fn main() {
//!     let report = ownkit::trace::capture(|| {
//!         let song = Song { title: String::from("Intro") };
//!         drop(song);
//!     });
//!     assert_eq!(report.to_string(), "Song\n└── title: freed 5 bytes (align 1)\n");
//!     let story: Vec<String> = report.heap_events().iter().map(|event| event.to_string()).collect();
//!     assert_eq!(story, ["acquired 5 bytes (align 1) at Song.title", "released 5 bytes (align 1) at Song.title"]);
//! }
//! ```
//!
//! # What it costs
//!
//! While nobody observes, each `alloc`, `dealloc` and `realloc` pays one
//! relaxed load of the observation layer's gate word and a branch before
//! it jumps into the system allocator: on a program that does nothing but
//! allocate, grow and free small `String`s, `Vec`s and `Box`es, 2.8 % more
//! instructions than `System` alone, and no difference in wall time that
//! could be measured (see `BENCHMARKS.md`).
//!
//! While a leak check runs, each allocation on its thread is noted in a
//! hash map under one lock (its address, size and order; no backtrace), and
//! each free anywhere is struck off: about 550 instructions per block over
//! `System`'s, where dhat's testing mode, which takes a backtrace of every
//! allocation, adds about 16,400.
//!
//! # Beside other leak finders
//!
//! - **dhat** also sees every allocation through a global allocator. It
//!   names each block by the backtrace of its allocation site, which is
//!   what makes it useful for profiling, and costs tens of thousands of
//!   instructions per allocation. The leak check names a leaked block by
//!   the field path that held it and the cycle that keeps it, for about a
//!   thirtieth of that.
//! - **Miri** and **LeakSanitizer** report "memory leaked" at the end of
//!   the whole program, with the allocation site. The leak check runs over
//!   one scope of one thread, so a test can assert that *its* code leaks
//!   nothing while other tests run on other threads; and it says which
//!   link to make `Weak`.
//! - All three see memory the leak check does not: allocations before the
//!   check started, or on other threads, are none of its business.
//!
//! # Without it
//!
//! A leak check still sees ownkit's `Rc` and `Arc` blocks. It cannot see a
//! std `Rc`'s or `Arc`'s block being freed, so it never vouches for one it
//! was shown: if a watched graph holds a strong cycle through std's
//! pointers, [`finish`](crate::graph::LeakCheck::finish) fails, names the
//! cycle, and says that installing `Tracking` makes the check exact
//! ([`LeakReport::is_exact`](crate::graph::LeakReport::is_exact)).

pub use crate::raw::tracking::Tracking;
