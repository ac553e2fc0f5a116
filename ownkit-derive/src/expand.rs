//! Writing the impls.
//!
//! For `#[derive(TraceDrop)] struct Outer<T> { a: Leaf, b: Box<T> }` the
//! output is, in one `const _: () = { ... };` block:
//!
//! - a `static` `ownkit::walk::Shape` (type, variant and field names),
//!   built once, so recording allocates nothing per value;
//! - `impl Walk`: a `Traced` visit, then on `Descend::Yes` the field
//!   marked `label`, if any, handed to `Walker::label`, one visit per
//!   field and a `Leave`. Its where clause adds `FieldType: Walk` for each
//!   walked field whose type mentions a type parameter, unless
//!   `#[ownkit(bound = "...")]` replaces that (`bounds.rs` decides);
//! - `impl TraceDrop` with the same where clause;
//! - `impl Drop` with exactly the type's own bounds (rustc allows no other,
//!   E0367), which asks the observation gate and, only if someone
//!   observes, calls an out-of-line inherent method (with the same bounds)
//!   that calls `record_drop_with`, whose closure reports the fields.
//!   A field whose walkability the type's own bounds cannot prove
//!   (`bounds.rs` again) is reported by address there, with the bounds it
//!   lacks as the reason the drop report gives, so the impl always
//!   compiles; any other field is walked only if the compiler agrees, so
//!   that a field that does not walk is one error, the walk's, and not a
//!   second one in the `Drop` (ownkit's `trace/derived.rs` says how). The
//!   same method checks that the type is not also `Copy` and does not
//!   also derive `Walk`, to say what to do beside rustc's E0184 or E0119;
//! - for `#[derive(Walk)]`, an impl of the marker trait `DerivedWalk`,
//!   which that check looks for.
//!
//! Every path is fully qualified, and names ownkit only through its
//! `__private` module, which stays put when ownkit's public modules move:
//! `::ownkit::__private`, or `path::__private` under the type's
//! `#[ownkit(crate = "path")]`, for a dependency that Cargo.toml renames
//! (`Input::private`). Every impl is `#[automatically_derived]`, and all
//! of it is safe code. Local names use mixed-site hygiene so they cannot
//! collide with the user's items.

use proc_macro2::{Literal, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::{Ident, LitStr, Member};

use crate::ast::{Body, Derive, Field, Input, Variant};
use crate::bounds;

/// How the generated code reaches a field.
enum Access {
    /// `self.field` (a struct).
    Place(Member),
    /// A pattern binding, already a reference (an enum variant).
    Binding(Ident),
}

/// Where a field visit is generated: in the `Walk` impl, or in the `Drop`
/// impl's closure, which may rely only on the type's own bounds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Site {
    Walk,
    Drop,
}

/// The name of the per-type shape table.
fn shape_ident() -> Ident {
    Ident::new("__OWNKIT_SHAPE", Span::call_site())
}

/// A local variable name the user's code cannot see or shadow.
fn local(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

/// The impls for a checked input.
pub(crate) fn expand(input: &Input<'_>, derive: Derive) -> TokenStream {
    let private = input.private();
    let ident = input.ident;
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    let own_where = &input.generics.where_clause;
    let walk_where = bounds::walk_where_clause(input);
    let shape_ident = shape_ident();
    let shape = shape(input);
    let walker = local("walker");
    let walker_param = if matches!(&input.body, Body::Enum(variants) if variants.is_empty()) {
        quote!(_)
    } else {
        quote!(#walker)
    };
    let walk_body = walk_body(input);
    let walk_impl = quote! {
        #[automatically_derived]
        impl #impl_generics #private::Walk for #ident #ty_generics #walk_where {
            fn walk<'__ownkit_walk>(
                &'__ownkit_walk self,
                #walker_param: &mut dyn #private::Walker<'__ownkit_walk>,
            ) {
                #walk_body
            }
        }
    };
    let trace_impls = if derive == Derive::TraceDrop {
        let check = local("check");
        let drop_impl = if input.attrs.manual.is_some() {
            TokenStream::new()
        } else {
            let (drop_body, record_body) = drop_body(input);
            quote! {
                #[automatically_derived]
                impl #impl_generics #ident #ty_generics #own_where {
                    // Out of line and cold: a drop nobody observes pays the
                    // gate's load and branch, and nothing of this.
                    #[cold]
                    #[inline(never)]
                    fn __ownkit_record_drop(&self) {
                        // A type that is also `Copy`, or that derives
                        // `Walk` too, fails to build on rustc's E0184 or
                        // E0119, which do not say what to do; these checks
                        // fail beside them with the way out (see
                        // `trace/derived.rs`). They cost nothing at run
                        // time.
                        {
                            use #private::{
                                CopyTraced as _, NotCopyTraced as _, TraceDropOnly as _,
                                WalkDerivedToo as _,
                            };
                            let #check = #private::TypeCheck::<Self>(::core::marker::PhantomData);
                            (&#check).refuse_copy();
                            (&#check).refuse_walk_derive();
                        }
                        #record_body
                    }
                }
                #[automatically_derived]
                impl #impl_generics ::core::ops::Drop for #ident #ty_generics #own_where {
                    fn drop(&mut self) {
                        #drop_body
                    }
                }
            }
        };
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::TraceDrop for #ident #ty_generics #walk_where {}
            #drop_impl
        }
    } else {
        // Only for `#[derive(TraceDrop)]` to find, if the type has both.
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::DerivedWalk for #ident #ty_generics #own_where {}
        }
    };
    quote! {
        const _: () = {
            static #shape_ident: #private::Shape = #shape;
            #walk_impl
            #trace_impls
        };
    }
}

/// The `Shape` constructor expression.
fn shape(input: &Input<'_>) -> TokenStream {
    let private = input.private();
    let name = input.name();
    let names = |fields: &[Field<'_>]| {
        let names = fields.iter().map(Field::segment_name);
        quote!(&[#(#names),*])
    };
    let shape = match &input.body {
        Body::Struct(fields) => {
            let fields = names(fields);
            quote!(#private::Shape::structure(#name, #fields))
        }
        Body::Enum(variants) => {
            let variants = variants.iter().map(|variant| {
                let variant_name = syn::LitStr::new(
                    &syn::ext::IdentExt::unraw(variant.ident).to_string(),
                    variant.ident.span(),
                );
                let fields = names(&variant.fields);
                quote!(#private::VariantShape::new(#variant_name, #fields))
            });
            quote!(#private::Shape::enumeration(#name, &[#(#variants),*]))
        }
    };
    if input.packed {
        quote!(#shape.packed())
    } else {
        shape
    }
}

/// The body of `Walk::walk`.
fn walk_body(input: &Input<'_>) -> TokenStream {
    let private = input.private();
    let walker = local("walker");
    let info = local("info");
    let traced = |index: usize, visits: TokenStream| {
        let shape_ident = shape_ident();
        let index = Literal::usize_unsuffixed(index);
        quote! {
            let #info = #private::TracedInfo::of(self, &#shape_ident, #index);
            if #walker.visit(#private::Visit::Traced(#info)) == #private::Descend::Yes {
                #visits
                let _ = #walker.visit(#private::Visit::Leave);
            }
        }
    };
    match &input.body {
        Body::Struct(fields) => {
            let visits = struct_visits(input, fields, Site::Walk, 0);
            traced(0, quote!(#(#visits)*))
        }
        Body::Enum(variants) => {
            let arms = variants.iter().enumerate().map(|(index, variant)| {
                let (pattern, visits) = variant_visits(input, variant, Site::Walk, index);
                let body = traced(index, quote!(#(#visits)*));
                quote!(#pattern => { #body })
            });
            quote! {
                match *self {
                    #(#arms)*
                }
            }
        }
    }
}

/// The visits of a struct's contents: its label, if a field is marked
/// `label`, then its fields in declaration order.
fn struct_visits(
    input: &Input<'_>,
    fields: &[Field<'_>],
    site: Site,
    variant: usize,
) -> Vec<TokenStream> {
    let label = fields
        .iter()
        .find(|field| field.attrs.label.is_some())
        .map(|field| {
            let access = Access::Place(field.member.clone());
            label_visit(input, field, &access, site, variant)
        });
    let visits = fields
        .iter()
        .map(|field| visit(input, field, &Access::Place(field.member.clone()), site));
    label.into_iter().chain(visits).collect()
}

/// The pattern that binds a variant's reported fields, and their visits in
/// declaration order.
fn variant_visits(
    input: &Input<'_>,
    variant: &Variant<'_>,
    site: Site,
    index: usize,
) -> (TokenStream, Vec<TokenStream>) {
    let (pattern, accesses) = variant_pattern(variant.ident, &variant.fields);
    let label = variant
        .fields
        .iter()
        .zip(&accesses)
        .find(|(field, _)| field.attrs.label.is_some())
        .and_then(|(field, access)| {
            access
                .as_ref()
                .map(|access| label_visit(input, field, access, site, index))
        });
    let visits = variant
        .fields
        .iter()
        .zip(&accesses)
        .filter_map(|(field, access)| {
            access
                .as_ref()
                .map(|access| visit(input, field, access, site))
        });
    (pattern, label.into_iter().chain(visits).collect())
}

/// The body of `Drop::drop` (ask the observation gate, record if someone
/// observes, then run the hook), and the body of the out-of-line method
/// that records.
fn drop_body(input: &Input<'_>) -> (TokenStream, TokenStream) {
    let private = input.private();
    let shape_ident = shape_ident();
    let record = |index: usize, visits: Vec<TokenStream>| {
        let index = Literal::usize_unsuffixed(index);
        let walker = local("walker");
        let closure = if visits.is_empty() {
            quote!(|_| {})
        } else {
            quote!(|#walker| { #(#visits)* })
        };
        quote! {
            #private::record_drop_with(self, &#shape_ident, #index, #closure);
        }
    };
    let hook = if input.attrs.hook.is_some() {
        // The scope tells the drop trace that what drops next is the hook's
        // doing; its guard ends it, even if the hook panics.
        let scope = local("hook_scope");
        quote! {
            let #scope = #private::hook_scope(#private::address_of(&*self));
            #private::DropHook::drop_hook(self);
            ::core::mem::drop(#scope);
        }
    } else {
        TokenStream::new()
    };
    let record_body = match &input.body {
        Body::Struct(fields) => record(0, struct_visits(input, fields, Site::Drop, 0)),
        Body::Enum(variants) if variants.is_empty() => quote!(match *self {}),
        Body::Enum(variants) => {
            let arms = variants.iter().enumerate().map(|(index, variant)| {
                let (pattern, visits) = variant_visits(input, variant, Site::Drop, index);
                let record = record(index, visits);
                quote!(#pattern => { #record })
            });
            quote! {
                match *self {
                    #(#arms)*
                }
            }
        }
    };
    // The gate is asked before anything is built for the recorder: the
    // closure's references to the fields, an enum's match, the call.
    let drop_body = quote! {
        if #private::observing() {
            Self::__ownkit_record_drop(self);
        }
        #hook
    };
    (drop_body, record_body)
}

/// The pattern `Self::Variant { 0: ref field_0, name: ref field_1, .. }`
/// binding every field that is reported, and how each field is reached
/// (`None` for a skipped field that is not the label).
fn variant_pattern(variant: &Ident, fields: &[Field<'_>]) -> (TokenStream, Vec<Option<Access>>) {
    let mut bindings = Vec::new();
    let accesses = fields
        .iter()
        .enumerate()
        .map(|(index, field)| {
            if field.attrs.skip.is_some() && field.attrs.label.is_none() {
                return None;
            }
            let binding = format_ident!("field_{}", index, span = Span::mixed_site());
            let member = &field.member;
            bindings.push(quote!(#member: ref #binding));
            Some(Access::Binding(binding))
        })
        .collect();
    (quote!(Self::#variant { #(#bindings,)* .. }), accesses)
}

/// The call of `Walker::label` with the field marked `label`, reached
/// through `access`: a reference to it as a `&dyn Debug`, which the walker
/// formats if it wants to, and the `TracedInfo` of the value it names, in
/// variant `variant` (the walk's own, or, in the `Drop`, made again on
/// that cold path).
///
/// In the walk, a field that is not `Debug` is an error at its type. The
/// generated `Drop` reports the label only if the type's own bounds prove
/// the field `Debug` (see `bounds::proves_debug`), and even then asks the
/// compiler first (`DebugField`, in ownkit's `trace/derived.rs`), so that
/// a field that is not `Debug` is one error, the walk's, and not two.
fn label_visit(
    input: &Input<'_>,
    field: &Field<'_>,
    access: &Access,
    site: Site,
    variant: usize,
) -> TokenStream {
    let private = input.private();
    let walker = local("walker");
    match site {
        Site::Walk => {
            let info = local("info");
            let ty = field.ty;
            let reference = field_reference(access, ty);
            // The type and the reference carry the user's spans, so a
            // type that is not `Debug` is an error at the field's type.
            let label = quote!(#private::label::<#ty>(#reference));
            quote! {
                #private::Walker::label(#walker, &#info, #label);
            }
        }
        Site::Drop if bounds::proves_debug(input, field.ty) => {
            let shape_ident = shape_ident();
            let variant = Literal::usize_unsuffixed(variant);
            let reference = plain_reference(access);
            let label = local("label");
            quote! {
                {
                    use #private::{DebugField as _, UnwalkedField as _};
                    if let ::core::option::Option::Some(#label) =
                        (&#private::DropField(#reference)).label()
                    {
                        #private::Walker::label(
                            #walker,
                            &#private::TracedInfo::of(self, &#shape_ident, #variant),
                            #label,
                        );
                    }
                }
            }
        }
        Site::Drop => TokenStream::new(),
    }
}

/// One field's visits.
fn visit(input: &Input<'_>, field: &Field<'_>, access: &Access, site: Site) -> TokenStream {
    let private = input.private();
    if field.attrs.skip.is_some() {
        return TokenStream::new();
    }
    let walker = local("walker");
    let segment = field.segment_name();
    let segment = quote!(#private::Segment::Field(#segment));
    let ty = field.ty;
    if input.packed {
        // No reference to a packed field may exist: take its address raw and
        // its size from the type.
        let Access::Place(member) = access else {
            return TokenStream::new();
        };
        return quote! {
            let _ = #walker.visit(#private::Visit::Opaque {
                segment: #segment,
                address: (&raw const self.#member).addr(),
                size: ::core::mem::size_of::<#ty>(),
            });
        };
    }
    if field.attrs.opaque.is_some() {
        let reference = plain_reference(access);
        return quote! {
            let _ = #walker.visit(#private::Visit::Opaque {
                segment: #segment,
                address: #private::address_of(#reference),
                size: ::core::mem::size_of_val(#reference),
            });
        };
    }
    match site {
        // The walk asks for `Walk` outright: a field whose type does not
        // walk is an error here, spanning the field's type.
        Site::Walk => {
            let reference = field_reference(access, ty);
            if field.is_unsized {
                quote! {
                    #private::report_in_place(#segment, #reference, #walker);
                }
            } else {
                // The cast asks for `Walk`: the error, if any, is there.
                // The report then skips the field for a walker that skips
                // leaves, when its type is one (`Walk::is_leaf`).
                let plain = plain_reference(access);
                quote! {
                    {
                        let _: &dyn #private::Walk = #reference;
                        use #private::{UnwalkedField as _, WalkedField as _};
                        (&#private::DropField(#plain)).report(#segment, #walker, "");
                    }
                }
            }
        }
        // The `Drop` may not ask for anything (see `trace/derived.rs` in
        // ownkit): a field that the type's declared bounds cannot prove
        // walkable is reported by address, with the bound it lacks, and
        // any other is walked only if the compiler agrees.
        Site::Drop => {
            let reference = plain_reference(access);
            let reason = unwalked_reason(input, field);
            let dropped = quote!(#private::DropField(#reference));
            if !bounds::proves_walk(input, ty) {
                quote! {
                    #dropped.report_unwalked(#segment, #walker, #reason);
                }
            } else if field.is_unsized {
                quote! {
                    {
                        use #private::{UnwalkedField as _, WalkedUnsizedField as _};
                        (&#dropped).report_in_place(#segment, #walker, #reason);
                    }
                }
            } else {
                quote! {
                    {
                        use #private::{UnwalkedField as _, WalkedField as _};
                        (&#dropped).report(#segment, #walker, #reason);
                    }
                }
            }
        }
    }
}

/// An expression for a reference to the field that `access` reaches, of
/// type `ty`, whose span rustc takes to be the whole of `ty` as the user
/// wrote it (`std::fs::File`, not just `std`), so that an error about the
/// field's type underlines all of it.
///
/// A single span cannot cover several tokens on stable (`Span::join` is
/// nightly-only), and the span syn gives a type is its first token's. But
/// rustc spans an expression from the start of its first token to the end
/// of its last, so the expression's first token is given the type's first
/// token's span, and its last token the type's last token's.
fn field_reference(access: &Access, ty: &syn::Type) -> TokenStream {
    let mut tokens = quote::ToTokens::to_token_stream(ty).into_iter();
    let first = tokens
        .next()
        .map_or_else(Span::call_site, |token| token.span());
    let last = tokens.last().map_or(first, |token| token.span());
    match access {
        Access::Place(member) => {
            let member = respan(member, last);
            quote_spanned!(first=> &self.#member)
        }
        // A binding is one token, so it goes in a one-element tuple,
        // `(binding,).0`, which starts with `(` and ends with `0`. (A call
        // such as `identity(binding)` would not do: the type it is
        // expected to return flows into its argument, and rustc would
        // point at the binding alone.) The binding keeps its own hygiene.
        Access::Binding(binding) => {
            let mut tuple =
                proc_macro2::Group::new(proc_macro2::Delimiter::Parenthesis, quote!(#binding,));
            tuple.set_span(first);
            let index = syn::Index {
                index: 0,
                span: last,
            };
            quote_spanned!(last=> #tuple.#index)
        }
    }
}

/// A reference to the field that `access` reaches, for code that cannot
/// fail to compile: spanned at the derive, like the rest of that code.
fn plain_reference(access: &Access) -> TokenStream {
    match access {
        Access::Place(member) => quote!(&self.#member),
        Access::Binding(binding) => quote!(#binding),
    }
}

/// Why the generated `Drop` may report `field` by address, for the drop
/// report to say: the `Walk` bounds the type does not declare, or, if it
/// declares all that the field's type mentions, that they do not reach it.
fn unwalked_reason(input: &Input<'_>, field: &Field<'_>) -> LitStr {
    let type_name = input.ident.unraw();
    let name = &field.name;
    let missing = bounds::unproven_params(input, field.ty);
    let text = match missing.as_slice() {
        [] => format!(
            "the bounds `{type_name}` declares do not prove that its field `{name}` \
             walks; add a `Walk` bound on the field's type to the where clause of \
             `{type_name}` to have it traced exactly"
        ),
        [param] => format!(
            "`{type_name}` does not declare `{param}: Walk`; add it to the bounds \
             of `{type_name}` to have its field `{name}` traced exactly"
        ),
        params => {
            let bounds: Vec<String> = params.iter().map(|p| format!("`{p}: Walk`")).collect();
            format!(
                "`{type_name}` does not declare {}; add them to the bounds of \
                 `{type_name}` to have its field `{name}` traced exactly",
                bounds.join(" and ")
            )
        }
    };
    LitStr::new(&text, Span::call_site())
}

/// `member`, carrying `span`, so errors about the field's type point at it.
fn respan(member: &Member, span: Span) -> Member {
    match member {
        Member::Named(ident) => {
            let mut ident = ident.clone();
            ident.set_span(span);
            Member::Named(ident)
        }
        Member::Unnamed(index) => Member::Unnamed(syn::Index {
            index: index.index,
            span,
        }),
    }
}
