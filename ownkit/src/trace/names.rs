//! Type names as ownkit prints them: short, like a person would write
//! them, because `core::any::type_name` spells out every module path.

use alloc_crate::string::String;

/// `type_name` without module paths and lifetimes:
/// `alloc::vec::Vec<it::Leaf>` becomes `Vec<Leaf>`, `it::Place<'_>` becomes
/// `Place`.
pub(crate) fn short_type_name(type_name: &str) -> String {
    let mut out = String::with_capacity(type_name.len());
    // Where the path being read started in `out`.
    let mut path_start = 0;
    let mut rest = type_name;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("::") {
            // Drop the module just read: keep only the last component.
            out.truncate(path_start);
            rest = after;
            continue;
        }
        if c == '\'' {
            let name_end = rest[1..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .map_or(rest.len(), |end| end + 1);
            if rest[name_end..].starts_with('\'') {
                // A `char` (a const argument): kept as it is.
                out.push_str(&rest[..=name_end]);
                rest = &rest[name_end + 1..];
                path_start = out.len();
                continue;
            }
            // A lifetime says nothing about what is stored: drop it, with
            // its separator, and the brackets if it was the only argument.
            rest = &rest[name_end..];
            if let Some(after) = rest.strip_prefix(", ") {
                rest = after;
            } else if out.ends_with(", ") {
                out.truncate(out.len() - 2);
            } else if out.ends_with('<') && rest.starts_with('>') {
                out.pop();
                rest = &rest[1..];
            } else if rest.starts_with(' ') {
                rest = &rest[1..];
            }
            path_start = out.len();
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
        if !(c.is_alphanumeric() || c == '_') {
            path_start = out.len();
        }
    }
    out
}

#[cfg(test)]
mod tests;
