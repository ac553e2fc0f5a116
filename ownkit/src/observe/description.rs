//! How the core describes what it reports: a heap block, a pointer.
//!
//! The pointers and arenas of `raw/` describe themselves in these terms to
//! the observers (a drop begins, a block is freed) and, through the walk,
//! to anyone who looks inside a value. They sit at the bottom of the crate,
//! with the gate, so that `raw/` can name them without looking up.

/// A heap block: where it starts, how many bytes, at what alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Block {
    /// The address of the block's first byte.
    pub address: usize,
    /// Its size in bytes.
    pub size: usize,
    /// Its alignment in bytes.
    pub align: usize,
}

/// Which kind of pointer a [`PointerInfo`] describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PointerKind {
    /// std's `Box`: owns its target.
    StdBox,
    /// std's `Rc`: shares its target with the other `Rc`s.
    StdRc,
    /// std's `Arc`: shares its target with the other `Arc`s.
    StdArc,
    /// ownkit's [`Box`](crate::Box), which records its own drop.
    Box,
    /// ownkit's [`Rc`](crate::Rc), which records its own drop when it is
    /// the last owner.
    Rc,
    /// ownkit's [`Arc`](crate::Arc), which records its own drop when it is
    /// the last owner.
    Arc,
    /// ownkit's typed [`Arena`](crate::arena::Arena): records its own drop;
    /// owns its values. It has no single target: its values sit in chunks
    /// and are lent out as `&mut`, so a walk cannot see them.
    Arena,
    /// ownkit's [`GenArena`](crate::arena::GenArena): records its own drop;
    /// owns its values, which a walk reports by slot index (`[2]`).
    GenArena,
}

impl PointerKind {
    /// The pointer's name as the pictures and the exported data give it:
    /// `Rc`, `std Arc`, `Box`, `GenArena`; std's marked as such.
    pub(crate) const fn display_name(self) -> &'static str {
        match self {
            PointerKind::Rc => "Rc",
            PointerKind::Arc => "Arc",
            PointerKind::StdRc => "std Rc",
            PointerKind::StdArc => "std Arc",
            PointerKind::Box => "Box",
            PointerKind::StdBox => "std Box",
            PointerKind::Arena => "Arena",
            PointerKind::GenArena => "GenArena",
        }
    }

    /// Whether dropping this kind of pointer records its own drop (ownkit's
    /// pointers do, std's cannot).
    ///
    /// ```
    /// use ownkit::walk::PointerKind;
    ///
    /// assert!(PointerKind::Box.records_drops());
    /// assert!(!PointerKind::StdBox.records_drops());
    /// ```
    #[must_use]
    pub const fn records_drops(self) -> bool {
        matches!(
            self,
            PointerKind::Box
                | PointerKind::Rc
                | PointerKind::Arc
                | PointerKind::Arena
                | PointerKind::GenArena
        )
    }

    /// Whether the target is shared (an `Rc` or an `Arc`) rather than owned
    /// (a box's target, an arena's values).
    ///
    /// ```
    /// use ownkit::walk::PointerKind;
    ///
    /// assert!(PointerKind::StdRc.is_shared());
    /// assert!(!PointerKind::Box.is_shared());
    /// assert!(!PointerKind::Arena.is_shared());
    /// ```
    #[must_use]
    pub const fn is_shared(self) -> bool {
        matches!(
            self,
            PointerKind::Rc | PointerKind::StdRc | PointerKind::Arc | PointerKind::StdArc
        )
    }
}

/// What a pointer says about itself: to the observers when it starts
/// dropping, and to a walker in [`Visit::Pointer`](crate::walk::Visit::Pointer)
/// and [`Visit::Weak`](crate::walk::Visit::Weak).
#[derive(Clone, Copy, Debug)]
pub struct PointerInfo {
    /// Which pointer this is.
    pub kind: PointerKind,
    /// The address of the pointer itself (where it is stored).
    pub address: usize,
    /// The heap block it points into, or `None` when there is none (a
    /// zero-sized target, or a dangling `Weak`).
    pub block: Option<Block>,
    /// The address of the target value.
    pub target: usize,
    /// The target's type, as `core::any::type_name` spells it.
    pub target_type: &'static str,
    /// How many strong pointers share the target (1 for a `Box`).
    pub strong: usize,
    /// How many weak pointers point at it (0 for a `Box`).
    pub weak: usize,
}

impl PointerInfo {
    /// Whether dropping this pointer drops its target: always for a box,
    /// and for a shared pointer when it is the last strong one.
    ///
    /// ```
    /// use ownkit::walk::{PointerInfo, PointerKind};
    ///
    /// let info = PointerInfo {
    ///     kind: PointerKind::StdRc,
    ///     address: 0,
    ///     block: None,
    ///     target: 0,
    ///     target_type: "i32",
    ///     strong: 2,
    ///     weak: 0,
    /// };
    /// assert!(!info.drops_target());
    /// ```
    #[must_use]
    pub const fn drops_target(&self) -> bool {
        !self.kind.is_shared() || self.strong == 1
    }
}

/// The address of `value`, without its metadata.
///
/// ```
/// let text = "abc";
/// assert_eq!(ownkit::walk::address_of(text), text.as_ptr() as usize);
/// ```
#[must_use]
pub fn address_of<T: ?Sized>(value: &T) -> usize {
    (value as *const T).cast::<u8>() as usize
}
