//! "The target of this pointer", as a sized value: how a pointer to an
//! unsized value hands its target to a walker without walking it itself.
//!
//! # Why it exists
//!
//! A pointer reports its target as `Visit::Child(Segment::Deref, target)`,
//! and a child is a `&dyn Walk`. A `&str` or a `&[T]` cannot become a
//! `&dyn Walk`: it is already a wide pointer, and a pointer cannot carry two
//! sets of metadata. The pointer itself, though, is sized. [`Pointee<P>`] is
//! the pointer `P` seen as "its target": the same bytes, whose `Walk` impl
//! walks `*P` in place. So every pointer's target is a child the walker can
//! keep for later, which is what lets a graph walk follow a chain of a
//! million `Box`es with its own stack instead of the call stack.
//!
//! # Invariants
//!
//! `Pointee<P>` is `#[repr(transparent)]` over `P`: same size, alignment and
//! validity, so a `&P` is a valid `&Pointee<P>` with the same lifetime. That
//! cast is the only unsafe operation here. The view owns nothing and drops
//! nothing: it is only ever borrowed, never built or moved by value.
//!
//! # What the safe layer may rely on
//!
//! [`Pointee::of`] is safe to call on any `&P`: the view it returns borrows
//! the pointer for as long as the view lives, and [`Pointee::pointer`] gives
//! the same `&P` back. The walk (`walk/impls`) makes views with the first
//! and walks them through the second.
//!
//! # Send and Sync
//!
//! No `unsafe impl`: the auto traits come from the one field, so a
//! `Pointee<P>` is `Send` or `Sync` exactly when `P` is. Seeing a pointer as
//! its target never lets it go to a thread the pointer itself could not.

/// The target of the pointer `P`, seen through a borrow of the pointer.
///
/// Its `Walk` impl, which walks the target in place, is in `walk/impls`:
/// this file holds only the cast that makes the view.
///
/// `#[repr(transparent)]` makes the layout of a `Pointee<P>` exactly that of
/// `P`, which is what allows [`Pointee::of`] to reinterpret a `&P`.
#[repr(transparent)]
pub(crate) struct Pointee<P: ?Sized>(P);

impl<P> Pointee<P> {
    /// Views the pointer `pointer` as its target, for as long as it is
    /// borrowed.
    #[inline]
    pub(crate) fn of(pointer: &P) -> &Pointee<P> {
        let view = (pointer as *const P).cast::<Pointee<P>>();
        // SAFETY: `&*view` needs a pointer that is:
        // - non-null, aligned and pointing at a valid `Pointee<P>` (it is
        //   `pointer`, a `&P`, and `Pointee<P>` is `repr(transparent)` over
        //   `P`: same layout and validity, see the type);
        // - not mutated while the reference lives (the returned reference
        //   borrows `pointer` for its whole life, so the `P` stays
        //   shared-borrowed; any interior mutability of `P` is the same
        //   `UnsafeCell` seen through either type).
        unsafe { &*view }
    }
}

impl<P: ?Sized> Pointee<P> {
    /// The pointer this view is of; the walk follows it to the target.
    #[inline]
    pub(crate) fn pointer(&self) -> &P {
        &self.0
    }
}

#[cfg(test)]
mod tests;
