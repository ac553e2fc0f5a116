//! loom models of ownkit's `Arc` and `Weak`.
//!
//! Built only under `RUSTFLAGS="--cfg loom"`, which also swaps ownkit's
//! atomics for loom's; `.ci/run` runs them in release mode.
#![cfg(loom)]
