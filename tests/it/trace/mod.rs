//! Drop tracing: every report is checked against ground truth.
//!
//! Ground truth comes from two places. The Rust Reference's drop-order rules
//! say what must happen (fields in declaration order, locals in reverse, a
//! box's contents before its block); and every traced type here logs its own
//! name from its drop hook, which runs at the very moment the compiler drops
//! it, so the hook log is the compiler's real order. Each test compares the
//! report's order and nesting with both.
//!
//! The suite runs in debug and in release (`.ci/run` does both): stack slots
//! are reused only in release builds, which is where a report built from
//! addresses alone goes wrong.

mod arenas;
mod captures;
mod containers;
mod labels;
mod placement;
mod pointers;
mod reference;
mod report_text;
mod scopes;
mod support;
mod tricky;
