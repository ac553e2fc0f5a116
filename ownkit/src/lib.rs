//! Ownership you can read: hand-written [`Box`], [`Rc`]/[`Weak`](rc::Weak),
//! [`Cell`](cell::Cell) and [`RefCell`](cell::RefCell), each a thin safe layer
//! over a small, documented unsafe core.
//!
//! Every type mirrors its std counterpart name for name, so a program can swap
//! `std::rc::Rc` for `ownkit::Rc` and behave the same, at the same speed and
//! size. The difference is that you can open the source and follow every step.
//!
#![no_std]
#![deny(unsafe_code)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod boxed;
pub mod rc;

// The unsafe core: the one module allowed `unsafe`, so the one to audit.
#[allow(unsafe_code)]
mod raw;

pub use boxed::Box;
pub use rc::Rc;
