//! What the derive emits when the input has errors: the errors, and stub
//! impls.
//!
//! Without the stubs, every use of the type as a `Walk` or `TraceDrop`
//! would add an error of its own ("the trait bound is not satisfied"),
//! burying the one that says what to fix. The stubs walk nothing and have
//! no `Drop` impl; the build fails anyway, on the reported errors.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::ast::Derive;

/// `error` as `compile_error!`s, plus a `Walk` impl that visits nothing
/// (and a `TraceDrop` impl for `#[derive(TraceDrop)]`), with the type's own
/// generics and where clause, naming ownkit through `private`, its
/// `__private` module. Without `private` (a `crate` key that could not be
/// read) there is no way to name ownkit, and only the errors are emitted.
pub(crate) fn expand(
    input: &DeriveInput,
    derive: Derive,
    private: Option<&TokenStream>,
    error: &syn::Error,
) -> TokenStream {
    let errors = error.to_compile_error();
    let Some(private) = private else {
        return errors;
    };
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let trace_drop = if derive == Derive::TraceDrop {
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::TraceDrop for #ident #ty_generics #where_clause {}
        }
    } else {
        TokenStream::new()
    };
    quote! {
        #errors
        const _: () = {
            #[automatically_derived]
            impl #impl_generics #private::Walk for #ident #ty_generics #where_clause {
                fn walk<'__ownkit_walk>(
                    &'__ownkit_walk self,
                    _: &mut dyn #private::Walker<'__ownkit_walk>,
                ) {
                }
            }
            #trace_drop
        };
    }
}
