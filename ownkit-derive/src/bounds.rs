//! Which bounds the generated impls carry, and which fields the `Drop` impl
//! can prove walkable.
//!
//! The `Walk` and `TraceDrop` impls keep the type's own where clause and
//! add `FieldType: Walk` for each walked field whose type mentions a type
//! parameter (the parameters themselves, if the type names the item being
//! derived), and `FieldType: Debug` for a `label` field whose type does;
//! `#[ownkit(bound = "...")]`, on the field or on the type, replaces what
//! would be inferred. Only those fields are bounded: a field
//! of a concrete type needs no bound (if it does not walk, the error points
//! at the field itself), and every bound the impls carry is one more that
//! the user's generic code has to satisfy.
//!
//! The `Drop` impl may carry no bound the type does not declare (E0367),
//! so there a field is walked only if the declaration itself proves it
//! walks, and is reported by address otherwise, with the bounds it lacks
//! (`unproven_params`) for the drop report to name; a label is reported
//! only if the declaration proves it `Debug`.

use proc_macro2::{TokenStream, TokenTree};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, Type, TypeParamBound};

use crate::ast::{self, Input};

/// The where clause of the `Walk` and `TraceDrop` impls: the type's own
/// predicates, then the container's `bound` or the inferred ones.
pub(crate) fn walk_where_clause(input: &Input<'_>) -> TokenStream {
    let private = input.private();
    let own = input
        .generics
        .where_clause
        .iter()
        .flat_map(|clause| &clause.predicates)
        .map(|predicate| quote!(#predicate));
    let mut predicates: Vec<TokenStream> = own.collect();
    let mut added: Vec<String> = Vec::new();
    let mut add = |predicate: TokenStream, predicates: &mut Vec<TokenStream>| {
        let key = predicate.to_string();
        if !added.contains(&key) {
            added.push(key);
            predicates.push(predicate);
        }
    };
    if let Some(bound) = &input.attrs.bound {
        for predicate in &bound.predicates {
            add(quote!(#predicate), &mut predicates);
        }
    } else {
        for field in input.all_fields() {
            let walked =
                field.attrs.skip.is_none() && field.attrs.opaque.is_none() && !input.packed;
            let labelled = field.attrs.label.is_some();
            if !walked && !labelled {
                continue;
            }
            if let Some(bound) = &field.attrs.bound {
                for predicate in &bound.predicates {
                    add(quote!(#predicate), &mut predicates);
                }
                continue;
            }
            let ty = field.ty;
            let span = ty.span();
            let params = mentioned_params(input, ty);
            if params.is_empty() {
                continue;
            }
            if walked && is_recursive(input, ty) {
                for param in params {
                    add(
                        quote_spanned!(span=> #param: #private::Walk),
                        &mut predicates,
                    );
                }
            } else if walked {
                add(quote_spanned!(span=> #ty: #private::Walk), &mut predicates);
            }
            if labelled {
                add(
                    quote_spanned!(span=> #ty: ::core::fmt::Debug),
                    &mut predicates,
                );
            }
        }
    }
    if predicates.is_empty() {
        TokenStream::new()
    } else {
        quote!(where #(#predicates),*)
    }
}

/// Whether the type's own declaration proves that `ty` walks: every type
/// parameter it mentions is bounded by `Walk` or `TraceDrop`, in the
/// parameter list or the where clause. A generated `Drop` impl may have
/// no other bounds than these (E0367), so only such fields can be
/// visited as children there.
pub(crate) fn proves_walk(input: &Input<'_>, ty: &Type) -> bool {
    unproven_params(input, ty).is_empty()
}

/// The type parameters that `ty` mentions and that the type's own
/// declaration does not bound by `Walk` or `TraceDrop`, in declaration
/// order: the bounds a field of type `ty` lacks for the generated `Drop`
/// to walk it, which the drop report names.
pub(crate) fn unproven_params<'a>(input: &Input<'a>, ty: &Type) -> Vec<&'a Ident> {
    mentioned_params(input, ty)
        .into_iter()
        .filter(|param| !ast::declared_bounds(input.generics, param).any(is_walk_bound))
        .collect()
}

/// Whether the type's own declaration proves that `ty` implements
/// `Debug`: every type parameter it mentions is bounded by `Debug`. The
/// generated `Drop` formats a label field only then (it may add no bound,
/// E0367); a field of a concrete type always qualifies, and one that is
/// not `Debug` is an error at the field.
pub(crate) fn proves_debug(input: &Input<'_>, ty: &Type) -> bool {
    mentioned_params(input, ty)
        .into_iter()
        .all(|param| ast::declared_bounds(input.generics, param).any(is_debug_bound))
}

/// The type parameters mentioned in `ty`, in declaration order.
fn mentioned_params<'a>(input: &Input<'a>, ty: &Type) -> Vec<&'a Ident> {
    let mut found = Vec::new();
    let mut tokens = Vec::new();
    flatten(quote::ToTokens::to_token_stream(ty), &mut tokens);
    for param in input.generics.type_params() {
        if mentions(&tokens, &param.ident) {
            found.push(&param.ident);
        }
    }
    found
}

/// Whether `ty` names the type being derived (`Self`, or its name), as
/// in `Option<Box<Node<T>>>`. Bounding such a field's type by `Walk`
/// would make the impl require itself, so its parameters are bounded
/// instead.
fn is_recursive(input: &Input<'_>, ty: &Type) -> bool {
    let mut tokens = Vec::new();
    flatten(quote::ToTokens::to_token_stream(ty), &mut tokens);
    tokens.iter().any(|token| match token {
        TokenTree::Ident(ident) => ident == "Self" || ident == input.ident,
        _ => false,
    })
}

/// Whether `bound` is `Walk` or `TraceDrop`, under any path.
fn is_walk_bound(bound: &TypeParamBound) -> bool {
    match bound {
        TypeParamBound::Trait(bound) if bound.maybe.is_none() => bound
            .path
            .segments
            .last()
            .is_some_and(|last| last.ident == "Walk" || last.ident == "TraceDrop"),
        _ => false,
    }
}

/// Whether `bound` is `Debug`, under any path.
fn is_debug_bound(bound: &TypeParamBound) -> bool {
    match bound {
        TypeParamBound::Trait(bound) if bound.maybe.is_none() => bound
            .path
            .segments
            .last()
            .is_some_and(|last| last.ident == "Debug"),
        _ => false,
    }
}

/// The tokens of `stream`, with groups opened, in order.
fn flatten(stream: TokenStream, out: &mut Vec<TokenTree>) {
    for token in stream {
        if let TokenTree::Group(group) = &token {
            flatten(group.stream(), out);
        } else {
            out.push(token);
        }
    }
}

/// Whether `tokens` (a flattened type) use `param` as a type: an identifier
/// not in the middle of a path (`a::T` is an item named `T`) and not a
/// lifetime (`'T`).
fn mentions(tokens: &[TokenTree], param: &Ident) -> bool {
    tokens.iter().enumerate().any(|(index, token)| {
        let TokenTree::Ident(ident) = token else {
            return false;
        };
        let after_path_or_tick = index
            .checked_sub(1)
            .and_then(|before| tokens.get(before))
            .is_some_and(|before| {
                matches!(before, TokenTree::Punct(punct) if punct.as_char() == ':' || punct.as_char() == '\'')
            });
        ident == param && !after_path_or_tick
    })
}
