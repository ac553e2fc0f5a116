//! The derives behind `ownkit::TraceDrop` and `ownkit::trace::Walk`.
//!
//! Use them through `ownkit` (its default `derive` feature re-exports them);
//! the user documentation is on the `TraceDrop` trait there. This crate runs
//! at compile time only and adds no code of its own to the program: the
//! generated impls call into `ownkit`.
//!
//! Each derive goes through the same pipeline, one file per step:
//! `ast.rs` reads the item (borrowing syn's nodes, so every span is the
//! user's), `attr.rs` reads the `#[ownkit(...)]` attributes, `valid.rs` checks
//! that they are used where they mean something, and `expand.rs` writes the
//! impls. Every mistake found on the way is collected, and on error
//! `fallback.rs` emits them all together with stub impls, so a user sees the
//! errors about their attributes and not a cascade of missing-impl errors.

mod ast;
mod attr;
mod expand;
mod fallback;
mod valid;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// `#[derive(TraceDrop)]`: records every drop of the type, implementing
/// `ownkit::trace::Walk`, `ownkit::TraceDrop` and `Drop`.
///
/// Documented, with examples, on the `ownkit::TraceDrop` trait.
#[proc_macro_derive(TraceDrop, attributes(ownkit))]
pub fn derive_trace_drop(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input, expand::Derive::TraceDrop).into()
}

/// `#[derive(Walk)]`: only the `ownkit::trace::Walk` impl, for types that
/// must stay `Copy` or destructurable.
///
/// Documented, with examples, on the `ownkit::TraceDrop` trait.
#[proc_macro_derive(Walk, attributes(ownkit))]
pub fn derive_walk(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input, expand::Derive::Walk).into()
}
