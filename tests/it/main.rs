//! ownkit's integration tests, one binary with a module per subject.
//!
//! std is the oracle: wherever std has the same operation, a test runs it on
//! both and compares.

mod allocations;
mod arc;
mod arena;
mod boxed;
mod cell;
mod crate_docs;
mod derive_lints;
// The reports as data: with this package's `serde` feature, which the
// README's test command (`--all-features`) turns on.
#[cfg(feature = "serde")]
mod export;
mod gen_arena;
mod graph;
mod model;
mod observers;
mod paths;
mod rc;
mod refcell;
mod sizes;
mod trace;
mod ui;
mod unsafe_cell;
