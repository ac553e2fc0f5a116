//! The derive's view of the item: which derive is running, the type, its
//! variants and fields, their `#[ownkit(...)]` attributes, and the facts
//! about its declaration that the generated code depends on (packed, an
//! unsized last field, the bounds declared on each type parameter).
//!
//! Everything borrows syn's nodes, so spans in errors and in the generated
//! code are the user's own tokens.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::{
    Data, DeriveInput, Generics, Ident, LitStr, Member, Type, TypeParamBound, WherePredicate,
};

use crate::attr::{self, Attrs};
use crate::errors::Errors;

/// Which derive is running: the later stages differ only in whether the
/// `TraceDrop` and `Drop` impls are wanted.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Derive {
    /// `Walk` + `TraceDrop` + `Drop`.
    TraceDrop,
    /// `Walk` only.
    Walk,
}

/// The item being derived on.
pub(crate) struct Input<'a> {
    /// The type's name.
    pub(crate) ident: &'a Ident,
    /// Its generics, passed through to every impl.
    pub(crate) generics: &'a Generics,
    /// The attributes on the type itself.
    pub(crate) attrs: Attrs,
    /// Whether the type is `#[repr(packed)]` or `#[repr(packed(N))]`.
    pub(crate) packed: bool,
    /// A struct's fields, or an enum's variants.
    pub(crate) body: Body<'a>,
}

/// The shape of the item.
pub(crate) enum Body<'a> {
    /// A struct: one implicit variant.
    Struct(Vec<Field<'a>>),
    /// An enum.
    Enum(Vec<Variant<'a>>),
}

/// One enum variant.
pub(crate) struct Variant<'a> {
    /// The variant's name.
    pub(crate) ident: &'a Ident,
    /// The attributes on the variant (none are allowed; `valid` says so).
    pub(crate) attrs: Attrs,
    /// Its fields.
    pub(crate) fields: Vec<Field<'a>>,
}

/// One field of a struct or variant.
pub(crate) struct Field<'a> {
    /// The whole field, for errors.
    pub(crate) original: &'a syn::Field,
    /// `self.name` or `self.0`.
    pub(crate) member: Member,
    /// The name shown in paths: the identifier without `r#`, or the index.
    pub(crate) name: String,
    /// The field's type.
    pub(crate) ty: &'a Type,
    /// The field's attributes.
    pub(crate) attrs: Attrs,
    /// Whether this is an unsized last field (`[T]`, `str`, `dyn Trait`, or
    /// a `?Sized` type parameter), which cannot become a `&dyn Walk`.
    pub(crate) is_unsized: bool,
}

impl Field<'_> {
    /// The path segment literal for this field.
    pub(crate) fn segment_name(&self) -> LitStr {
        LitStr::new(&self.name, Span::call_site())
    }
}

impl<'a> Input<'a> {
    /// Reads `input`, whose own attributes `attrs` were read already.
    /// Attribute errors go to `errors`; a union, which has no drop order to
    /// show, is refused with `None`.
    pub(crate) fn from_syn(
        input: &'a DeriveInput,
        attrs: Attrs,
        errors: &mut Errors,
    ) -> Option<Self> {
        let packed = input.attrs.iter().any(is_packed_repr);
        let generics = &input.generics;
        let body = match &input.data {
            Data::Struct(data) => {
                let fields = fields(&data.fields, generics, errors, true);
                Body::Struct(fields)
            }
            Data::Enum(data) => Body::Enum(
                data.variants
                    .iter()
                    .map(|variant| Variant {
                        ident: &variant.ident,
                        attrs: attr::parse(&variant.attrs, errors),
                        fields: fields(&variant.fields, generics, errors, false),
                    })
                    .collect(),
            ),
            Data::Union(data) => {
                let (union_token, ident) = (&data.union_token, &input.ident);
                errors.spanned(
                    quote::quote!(#union_token #ident),
                    "ownkit's derives do not support unions: a union does not know which \
                     field is live, so it cannot say what it drops; implement \
                     `ownkit::Walk` by hand, or wrap the union in a struct and mark \
                     that field `#[ownkit(opaque)]`",
                );
                return None;
            }
        };
        Some(Self {
            ident: &input.ident,
            generics,
            attrs,
            packed,
            body,
        })
    }

    /// Every field of every variant.
    pub(crate) fn all_fields(&self) -> Vec<&Field<'a>> {
        match &self.body {
            Body::Struct(fields) => fields.iter().collect(),
            Body::Enum(variants) => variants.iter().flat_map(|v| &v.fields).collect(),
        }
    }

    /// The path of ownkit's `__private` module, through which the
    /// generated code names everything of ownkit's: `::ownkit::__private`,
    /// or under the path the type's `crate` key gives.
    pub(crate) fn private(&self) -> TokenStream {
        // An unreadable `crate` is an error as soon as the attributes are
        // read, and nothing is expanded after an error: the default here
        // stands only for a `crate` that is not given.
        self.attrs
            .private_module()
            .unwrap_or_else(attr::default_private_module)
    }

    /// The type's name as paths show it (without `r#`).
    pub(crate) fn name(&self) -> LitStr {
        LitStr::new(&self.ident.unraw().to_string(), self.ident.span())
    }
}

/// Reads the fields of a struct or variant. `may_be_unsized` is true for a
/// struct, whose last field may be unsized.
fn fields<'a>(
    fields: &'a syn::Fields,
    generics: &'a Generics,
    errors: &mut Errors,
    may_be_unsized: bool,
) -> Vec<Field<'a>> {
    let count = fields.len();
    fields
        .iter()
        .zip(fields.members())
        .enumerate()
        .map(|(index, (field, member))| {
            let name = match &field.ident {
                Some(ident) => ident.unraw().to_string(),
                None => index.to_string(),
            };
            Field {
                original: field,
                member,
                name,
                ty: &field.ty,
                attrs: attr::parse(&field.attrs, errors),
                is_unsized: may_be_unsized
                    && index + 1 == count
                    && is_unsized_type(&field.ty, generics),
            }
        })
        .collect()
}

/// Whether `attr` is a `#[repr(...)]` that makes the type packed.
fn is_packed_repr(attr: &syn::Attribute) -> bool {
    let syn::Meta::List(list) = &attr.meta else {
        return false;
    };
    list.path.is_ident("repr")
        && list
            .tokens
            .clone()
            .into_iter()
            .any(|token| matches!(token, TokenTree::Ident(ident) if ident == "packed"))
}

/// Whether `ty` is unsized on its face: a slice, `str`, a trait object, or a
/// type parameter declared `?Sized`.
fn is_unsized_type(ty: &Type, generics: &Generics) -> bool {
    match ty {
        Type::Slice(_) | Type::TraitObject(_) => true,
        Type::Group(group) => is_unsized_type(&group.elem, generics),
        Type::Paren(paren) => is_unsized_type(&paren.elem, generics),
        Type::Path(path) if path.qself.is_none() => {
            let Some(ident) = path.path.get_ident() else {
                return false;
            };
            if ident == "str" {
                return true;
            }
            declared_bounds(generics, ident).any(|bound| {
                matches!(bound, TypeParamBound::Trait(bound)
                    if bound.maybe.is_some() && bound.path.is_ident("Sized"))
            })
        }
        _ => false,
    }
}

/// Every bound the declaration puts on type parameter `param`: in the
/// parameter list, and in where-clause predicates on exactly `param`.
pub(crate) fn declared_bounds<'a>(
    generics: &'a Generics,
    param: &Ident,
) -> impl Iterator<Item = &'a TypeParamBound> {
    let declared = generics
        .type_params()
        .filter(move |declared| declared.ident == *param)
        .flat_map(|declared| &declared.bounds);
    let in_where = generics
        .where_clause
        .iter()
        .flat_map(|clause| &clause.predicates)
        .filter_map(move |predicate| match predicate {
            WherePredicate::Type(predicate) if is_param(&predicate.bounded_ty, param) => {
                Some(&predicate.bounds)
            }
            _ => None,
        })
        .flatten();
    declared.chain(in_where)
}

/// Whether `ty` is exactly the type parameter `param`.
fn is_param(ty: &Type, param: &Ident) -> bool {
    matches!(ty, Type::Path(path) if path.qself.is_none() && path.path.is_ident(param))
}
