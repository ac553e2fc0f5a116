//! Reading `#[ownkit(...)]` attributes.
//!
//! Every place that can carry attributes (the type, a variant, a field) is
//! read the same way, into [`Attrs`]: which keys were given, each kept with
//! the tokens that spelled it so later errors point at them. Whether a key
//! belongs where it was written is [`valid`](crate::valid)'s question; this
//! file only rejects what cannot be read at all (unknown keys, bad syntax,
//! a key given twice). Those errors are collected in [`Errors`] rather than
//! returned, so one run reports every mistake.

use proc_macro2::TokenStream;
use quote::quote;
use syn::punctuated::Punctuated;
use syn::{Attribute, LitStr, Meta, Path, Token, WherePredicate};

use crate::errors::Errors;

/// The name of the attribute namespace.
const NAMESPACE: &str = "ownkit";

/// Every key, as listed in error messages.
const KEYS: &str = "`skip`, `opaque`, `label` or `bound = \"...\"` on a field; \
                    `hook`, `manual`, `bound = \"...\"` or `crate = \"...\"` on the type";

/// What a `crate` key expects, for its errors.
const CRATE_EXPECTED: &str = "`crate` expects the path that reaches ownkit, as a string: \
                              `crate = \"ok\"` when Cargo.toml renames the dependency \
                              (`ok = { package = \"ownkit\", ... }`)";

/// A `bound = "..."` key: the predicates it replaces the inferred ones with.
pub(crate) struct Bound {
    /// The `bound` key itself, for errors.
    pub(crate) key: Path,
    /// The predicates, parsed from the string with the string's span.
    pub(crate) predicates: Punctuated<WherePredicate, Token![,]>,
}

/// A `crate = "..."` key: where the generated code finds ownkit.
pub(crate) struct CratePath {
    /// The `crate` key itself, for errors.
    pub(crate) key: Path,
    /// The path, parsed from the string with the string's span; `None` if
    /// it could not be read (that error is already recorded).
    pub(crate) path: Option<Path>,
}

/// The `#[ownkit(...)]` keys found on one type, variant or field.
#[derive(Default)]
pub(crate) struct Attrs {
    /// `skip`: a field that holds no traced values.
    pub(crate) skip: Option<Path>,
    /// `opaque`: a field that may hold traced values ownkit cannot see.
    pub(crate) opaque: Option<Path>,
    /// `label`: a field whose `Debug` output names the value.
    pub(crate) label: Option<Path>,
    /// `hook`: the generated `Drop` calls `DropHook::drop_hook`.
    pub(crate) hook: Option<Path>,
    /// `manual`: no `Drop` is generated; the user writes it.
    pub(crate) manual: Option<Path>,
    /// `bound = "..."`: replaces the inferred `Walk` bounds.
    pub(crate) bound: Option<Bound>,
    /// `crate = "..."`: the path of ownkit, for a renamed dependency.
    pub(crate) krate: Option<CratePath>,
}

impl Attrs {
    /// The keys that are given, in a fixed order, for `valid`'s checks.
    pub(crate) fn flags(&self) -> impl Iterator<Item = &Path> {
        [
            &self.skip,
            &self.opaque,
            &self.label,
            &self.hook,
            &self.manual,
        ]
        .into_iter()
        .flatten()
        .chain(self.bound.as_ref().map(|bound| &bound.key))
        .chain(self.krate.as_ref().map(|krate| &krate.key))
    }

    /// The path of ownkit's `__private` module, which the generated code
    /// names everything through: under `crate = "..."` if the type has
    /// it, `::ownkit` if not, and `None` if `crate` was given but could not
    /// be read, when nothing can name ownkit.
    pub(crate) fn private_module(&self) -> Option<TokenStream> {
        match &self.krate {
            None => Some(default_private_module()),
            Some(CratePath {
                path: Some(path), ..
            }) => Some(quote!(#path::__private)),
            Some(CratePath { path: None, .. }) => None,
        }
    }
}

/// `::ownkit::__private`: where ownkit is when no `crate` key says
/// otherwise.
pub(crate) fn default_private_module() -> TokenStream {
    quote!(::ownkit::__private)
}

/// Reads every `#[ownkit(...)]` among `attrs`, recording what cannot be
/// read in `errors` and keeping the rest.
pub(crate) fn parse(attrs: &[Attribute], errors: &mut Errors) -> Attrs {
    let mut found = Attrs::default();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident(NAMESPACE)) {
        let list = match &attr.meta {
            Meta::List(list) => list,
            Meta::Path(_) | Meta::NameValue(_) => {
                errors.spanned(
                    attr,
                    format!("expected `#[ownkit(...)]` with a list of keys: {KEYS}"),
                );
                continue;
            }
        };
        if list.tokens.is_empty() {
            errors.spanned(
                attr,
                format!("empty `#[ownkit()]`: remove it or name a key: {KEYS}"),
            );
            continue;
        }
        let parsed = attr.parse_nested_meta(|meta| {
            let key = meta.path.clone();
            let flag = if key.is_ident("skip") {
                &mut found.skip
            } else if key.is_ident("opaque") {
                &mut found.opaque
            } else if key.is_ident("label") {
                &mut found.label
            } else if key.is_ident("hook") {
                &mut found.hook
            } else if key.is_ident("manual") {
                &mut found.manual
            } else if key.is_ident("crate") {
                let path = parse_crate(&meta);
                if found.krate.is_some() {
                    errors.spanned(&key, "duplicate `crate`: remove this one");
                } else {
                    let path = path.as_ref().ok().cloned();
                    found.krate = Some(CratePath { key, path });
                }
                return path.map(|_| ());
            } else if key.is_ident("bound") {
                let bound = parse_bound(&meta)?;
                if found.bound.is_some() {
                    errors.spanned(&key, "duplicate `bound`: give all predicates in one `bound = \"...\"`, separated by commas");
                } else {
                    found.bound = Some(bound);
                }
                return Ok(());
            } else {
                let name = quote::ToTokens::to_token_stream(&key).to_string().replace(' ', "");
                return Err(syn::Error::new_spanned(
                    &key,
                    format!("unknown ownkit attribute `{name}`: expected {KEYS}"),
                ));
            };
            let name = key.get_ident().map(ToString::to_string).unwrap_or_default();
            if !meta.input.is_empty() && !meta.input.peek(Token![,]) {
                return Err(syn::Error::new_spanned(
                    &key,
                    format!("`{name}` takes no value: write `#[ownkit({name})]`"),
                ));
            }
            if flag.is_some() {
                errors.spanned(&key, format!("duplicate `{name}`: remove this one"));
            } else {
                *flag = Some(key);
            }
            Ok(())
        });
        if let Err(error) = parsed {
            errors.push(error);
        }
    }
    found
}

/// Reads the `= "predicates"` of a `bound` key.
fn parse_bound(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<Bound> {
    let key = meta.path.clone();
    let expected = "`bound` expects a string of where-clause predicates, \
                    for example `bound = \"T: ownkit::Walk\"`";
    if !meta.input.peek(Token![=]) {
        return Err(syn::Error::new_spanned(&key, expected));
    }
    let value = meta.value()?;
    let literal: LitStr = match value.parse() {
        Ok(literal) => literal,
        Err(_) => {
            let rest: TokenStream = value.parse()?;
            return Err(syn::Error::new_spanned(rest, expected));
        }
    };
    let predicates = literal
        .parse_with(Punctuated::<WherePredicate, Token![,]>::parse_terminated)
        .map_err(|error| {
            syn::Error::new_spanned(
                &literal,
                format!(
                    "malformed `bound`: {error}; write where-clause predicates, \
                     for example `bound = \"T: ownkit::Walk\"`"
                ),
            )
        })?;
    Ok(Bound { key, predicates })
}

/// Reads the `= "path"` of a `crate` key.
fn parse_crate(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<Path> {
    let key = &meta.path;
    if !meta.input.peek(Token![=]) {
        return Err(syn::Error::new_spanned(key, CRATE_EXPECTED));
    }
    let value = meta.value()?;
    let literal: LitStr = match value.parse() {
        Ok(literal) => literal,
        Err(_) => {
            let rest: TokenStream = value.parse()?;
            return Err(syn::Error::new_spanned(rest, CRATE_EXPECTED));
        }
    };
    literal.parse::<Path>().map_err(|error| {
        syn::Error::new_spanned(
            &literal,
            format!("malformed `crate`: {error}; {CRATE_EXPECTED}"),
        )
    })
}
