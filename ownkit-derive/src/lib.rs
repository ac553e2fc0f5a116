//! The derives behind `ownkit::TraceDrop` and `ownkit::Walk`.
//!
//! Use them through `ownkit` (its default `derive` feature re-exports them);
//! the user documentation is on the `TraceDrop` trait there. This crate runs
//! at compile time only and adds no code of its own to the program: the
//! generated impls call into `ownkit`.
//!
//! Each derive goes through the same pipeline, one file per step, run from
//! `derive` here, so that no step needs to know the ones after it:
//! `ast.rs` reads the item (borrowing syn's nodes, so every span is the
//! user's), `attr.rs` reads the `#[ownkit(...)]` attributes, `valid.rs` checks
//! that they are used where they mean something, and `expand.rs` writes the
//! impls, asking `bounds.rs` which bounds they carry. Every mistake found on
//! the way is collected in `errors.rs`'s `Errors`, and on error `fallback.rs`
//! emits them all together with stub impls, so a user sees the errors about
//! their attributes and not a cascade of missing-impl errors.

mod ast;
mod attr;
mod bounds;
mod errors;
mod expand;
mod fallback;
mod valid;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

use crate::ast::{Derive, Input};
use crate::errors::Errors;

/// `#[derive(TraceDrop)]`: records every drop of the type, implementing
/// `ownkit::Walk`, `ownkit::TraceDrop` and `Drop`.
///
/// Documented, with examples, on the `ownkit::TraceDrop` trait.
#[proc_macro_derive(TraceDrop, attributes(ownkit))]
pub fn derive_trace_drop(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    derive(&input, Derive::TraceDrop).into()
}

/// `#[derive(Walk)]`: only the `ownkit::Walk` impl, for types that
/// must stay `Copy` or destructurable.
///
/// Documented, with examples, on the `ownkit::TraceDrop` trait.
#[proc_macro_derive(Walk, attributes(ownkit))]
pub fn derive_walk(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    derive(&input, Derive::Walk).into()
}

/// The whole derive: read, check, and write the impls or, on any error, the
/// errors and stub impls.
fn derive(input: &DeriveInput, kind: Derive) -> proc_macro2::TokenStream {
    let mut errors = Errors::default();
    // The type's own attributes first: even an item that is refused needs
    // them, for the fallback's stubs to name ownkit as `crate` says.
    let attrs = attr::parse(&input.attrs, &mut errors);
    let private = attrs.private_module();
    let parsed = Input::from_syn(input, attrs, &mut errors);
    if let Some(parsed) = &parsed {
        valid::check(parsed, kind, &mut errors);
    }
    match (parsed, errors.finish()) {
        (Some(parsed), Ok(())) => expand::expand(&parsed, kind),
        (_, result) => {
            // `from_syn` refuses an item only after recording why, so the
            // message below is never expected; it stands in for a panic.
            let error = result.err().unwrap_or_else(|| {
                syn::Error::new_spanned(&input.ident, "ownkit's derives cannot read this item")
            });
            fallback::expand(input, kind, private.as_ref(), &error)
        }
    }
}
