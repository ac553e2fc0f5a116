//! Collecting errors, so that one run of the derive reports every mistake
//! at once.
//!
//! A user who misspells two attributes should hear about both: each stage
//! records what it finds here and carries on, and the orchestration looks
//! at the result only once the item has been read and checked.

/// Collects errors so that all of them are reported together.
#[derive(Default)]
pub(crate) struct Errors {
    /// The first error, with every later one combined into it.
    first: Option<syn::Error>,
}

impl Errors {
    /// Adds one error.
    pub(crate) fn push(&mut self, error: syn::Error) {
        match &mut self.first {
            Some(first) => first.combine(error),
            None => self.first = Some(error),
        }
    }

    /// Adds an error spanning `tokens`.
    pub(crate) fn spanned(
        &mut self,
        tokens: impl quote::ToTokens,
        message: impl std::fmt::Display,
    ) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    /// All errors seen, combined into one, or `Ok` if there were none.
    pub(crate) fn finish(self) -> syn::Result<()> {
        self.first.map_or(Ok(()), Err)
    }
}
