//! Derive macros for [`ownkit`](https://docs.rs/ownkit).
//!
//! This crate will hold `#[derive(TraceDrop)]`, which makes a program report
//! its own destruction order. It has no macros yet: the pointers the traces
//! hook into come first. Depend on `ownkit`, not on this crate directly.
