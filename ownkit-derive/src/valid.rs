//! Checks that every attribute is where it means something: `hook` and
//! `manual` on the type, and only for `TraceDrop`; `crate` on the type;
//! `skip` and `opaque` on fields, never both; `label` on at most one field
//! of a struct or variant, one that can be referenced; nothing on a
//! variant; `bound` only where there is a bound to replace.

use syn::ext::IdentExt;

use crate::ast::{Body, Derive, Field, Input};
use crate::errors::Errors;

/// Records in `errors` every misplaced or conflicting attribute of `input`.
pub(crate) fn check(input: &Input<'_>, derive: Derive, errors: &mut Errors) {
    check_container(input, derive, errors);
    if let Body::Enum(variants) = &input.body {
        for variant in variants {
            for key in variant.attrs.flags() {
                let name = key_name(key);
                let advice = match name.as_str() {
                    "skip" | "opaque" => {
                        format!("mark each of the variant's fields `#[ownkit({name})]` instead")
                    }
                    "label" => "mark the one field whose value names the variant \
                                `#[ownkit(label)]` instead"
                        .to_owned(),
                    _ => format!("put `{name}` on the enum itself"),
                };
                errors.spanned(key, format!("`{name}` cannot go on a variant: {advice}"));
            }
        }
    }
    let type_name = input.ident.unraw().to_string();
    match &input.body {
        Body::Struct(fields) => check_one_label(fields, &type_name, errors),
        Body::Enum(variants) => {
            for variant in variants {
                let name = format!("{type_name}::{}", variant.ident.unraw());
                check_one_label(&variant.fields, &name, errors);
            }
        }
    }
    for field in input.all_fields() {
        check_field(input, field, errors);
    }
}

/// At most one field of a struct or variant (called `owner`) is its label.
fn check_one_label(fields: &[Field<'_>], owner: &str, errors: &mut Errors) {
    let mut labelled = fields.iter().filter(|field| field.attrs.label.is_some());
    let Some(first) = labelled.next() else {
        return;
    };
    for extra in labelled {
        if let Some(key) = &extra.attrs.label {
            errors.spanned(
                key,
                format!(
                    "a second `label` in `{owner}`: a value is named by one field; \
                     keep `#[ownkit(label)]` on `{}` and remove this one",
                    first.name
                ),
            );
        }
    }
}

/// The type's own attributes.
fn check_container(input: &Input<'_>, derive: Derive, errors: &mut Errors) {
    let attrs = &input.attrs;
    for key in [&attrs.skip, &attrs.opaque, &attrs.label]
        .into_iter()
        .flatten()
    {
        let name = key_name(key);
        errors.spanned(
            key,
            format!("`{name}` goes on a field, not on the type: move it to the field it describes"),
        );
    }
    if let (Some(_), Some(manual)) = (&attrs.hook, &attrs.manual) {
        errors.spanned(
            manual,
            "`hook` and `manual` conflict: with `manual` you write the `Drop` impl \
             yourself, so put the hook's logic there and remove `hook`",
        );
    }
    if derive == Derive::Walk {
        for key in [&attrs.hook, &attrs.manual].into_iter().flatten() {
            let name = key_name(key);
            errors.spanned(
                key,
                format!(
                    "`{name}` only applies to `#[derive(TraceDrop)]`: `#[derive(Walk)]` \
                     generates no `Drop` impl, so remove `{name}`"
                ),
            );
        }
    }
    let packed_unsized = input
        .all_fields()
        .into_iter()
        .find(|field| field.is_unsized);
    if let (true, Some(field)) = (input.packed, packed_unsized) {
        errors.spanned(
            &field.original.ty,
            "ownkit's derives cannot report the unsized last field of a packed struct \
             (its size is unknown without a reference, and packed fields cannot be \
             referenced): mark it `#[ownkit(skip)]`",
        );
    }
}

/// One field's attributes.
fn check_field(input: &Input<'_>, field: &Field<'_>, errors: &mut Errors) {
    let attrs = &field.attrs;
    let krate = attrs.krate.as_ref().map(|krate| &krate.key);
    for key in [attrs.hook.as_ref(), attrs.manual.as_ref(), krate]
        .into_iter()
        .flatten()
    {
        let name = key_name(key);
        errors.spanned(
            key,
            format!("`{name}` goes on the type, not on a field: move it next to the `#[derive]`"),
        );
    }
    if let (Some(_), Some(opaque)) = (&attrs.skip, &attrs.opaque) {
        errors.spanned(
            opaque,
            "`skip` and `opaque` conflict: use `skip` if the field holds no traced values, \
             `opaque` if it may hold some that ownkit cannot see",
        );
    }
    if let Some(label) = &attrs.label {
        if input.packed {
            errors.spanned(
                label,
                "`label` cannot go on a field of a packed struct: its `Debug` output \
                 needs a reference to the field, and a packed field must never have \
                 one; remove it",
            );
        } else if field.is_unsized {
            errors.spanned(
                label,
                "`label` cannot go on an unsized field: its value cannot be handed \
                 over as a `&dyn Debug`; put `label` on a sized field, or remove it",
            );
        }
    }
    if let Some(bound) = &attrs.bound {
        // A label's `Debug` bound is inferred even for a field that is not
        // walked, so there `bound` replaces that one.
        let labelled = attrs.label.is_some();
        let reason = if attrs.skip.is_some() && !labelled {
            Some("a skipped field is not walked, so it needs no bound; remove it")
        } else if attrs.opaque.is_some() && !labelled {
            Some("an opaque field is not walked, so it needs no bound; remove it")
        } else if input.packed {
            Some("the fields of a packed struct are not walked, so they need no bound; remove it")
        } else if input.attrs.bound.is_some() {
            Some(
                "the type's own `bound` already replaces every inferred bound, so move this predicate there",
            )
        } else {
            None
        };
        if let Some(reason) = reason {
            errors.spanned(&bound.key, format!("`bound` has no effect here: {reason}"));
        }
    }
}

/// The key's name, for messages.
fn key_name(key: &syn::Path) -> String {
    key.get_ident().map(ToString::to_string).unwrap_or_default()
}
