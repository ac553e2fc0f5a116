//! The observation layer: how the unsafe core tells whoever is watching
//! what it allocates, frees and drops, without knowing who that is.

mod description;

pub use description::{Block, PointerInfo, PointerKind, address_of};
