//! The ownership graph: what a live value owns, shares, links weakly and
//! borrows, the cycles that leak, and how it is drawn.
//!
//! Counts are checked against the pointers' own `strong_count` and
//! `weak_count` (the oracle a user would reach for), and every cycle a test
//! reports is shown to be a real leak: after the last outside handle goes,
//! a `Weak` to a value in it still upgrades.

#[cfg(feature = "svg")]
mod browser;
#[cfg(feature = "svg")]
mod drops;
#[cfg(feature = "svg")]
mod geometry;
mod labels;
#[cfg(feature = "svg")]
mod layout;
mod leak;
mod render;
mod shapes;
