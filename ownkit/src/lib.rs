//! Ownership you can read: hand-written `Box`, `Rc`/`Weak`, `Cell` and
//! `RefCell`, each a thin safe layer over a small, documented unsafe core.
//!
//! Every type mirrors its std counterpart, name for name, so a program can swap
//! `std::rc::Rc` for [`ownkit::Rc`](Rc) and behave the same, at the same speed.
//!
//! # Where the unsafe code is
//!
//! This crate is compiled under `#![deny(unsafe_code)]`. The one exception is
//! the private module `raw`, one file per primitive, each opening with the
//! invariants it keeps. Everything public is safe code built on it, so the
//! compiler itself checks that the door to audit is that one folder.
#![no_std]
#![deny(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

#[allow(unsafe_code, reason = "the unsafe core; every other module is safe code")]
mod raw;
