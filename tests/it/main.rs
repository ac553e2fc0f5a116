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
