//! [`Walk`] for ownkit's own types.
//!
//! ownkit's pointers report themselves exactly as std's do, with their own
//! [`PointerKind`](crate::walk::PointerKind)s; unlike std's, they also
//! record their own drops (Begin, Free, End) while a trace is captured, so
//! a drop report shows them as frames with the block they freed.

use super::{hidden, walk_in_place};
use crate::arena::{Arena, GenArena, Key};
use crate::boxed::Box;
use crate::cell::{Cell, RefCell};
use crate::raw::pointee::Pointee;
use crate::rc::{Rc, Weak as RcWeak};
use crate::sync::{Arc, Weak as ArcWeak};
use crate::walk::{Descend, SingleVisit, Visit, Walk, Walker, skips, visit_element};

/// Owns its target, in a block of the target's size (none when that is
/// zero).
impl<T: ?Sized + Walk> Walk for Box<T> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        walker.visit_pointer(self.0.pointer_info(), Pointee::of(self));
    }

    /// The pointer and its target.
    #[inline]
    fn single_visit<'a>(&'a self, _: &dyn Walker<'a>) -> Option<SingleVisit<'a>> {
        Some(SingleVisit::Pointer(
            self.0.pointer_info(),
            Pointee::of(self),
        ))
    }
}

/// Shares its target; the last owner drops it.
impl<T: ?Sized + Walk> Walk for Rc<T> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        walker.visit_pointer(self.0.pointer_info(), Pointee::of(self));
    }

    /// The pointer and its target.
    #[inline]
    fn single_visit<'a>(&'a self, _: &dyn Walker<'a>) -> Option<SingleVisit<'a>> {
        Some(SingleVisit::Pointer(
            self.0.pointer_info(),
            Pointee::of(self),
        ))
    }
}

/// Shares its target; the last owner drops it. The counts are snapshots:
/// other threads may change them at any time.
impl<T: ?Sized + Walk> Walk for Arc<T> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        walker.visit_pointer(self.0.pointer_info(), Pointee::of(self));
    }

    /// The pointer and its target.
    #[inline]
    fn single_visit<'a>(&'a self, _: &dyn Walker<'a>) -> Option<SingleVisit<'a>> {
        Some(SingleVisit::Pointer(
            self.0.pointer_info(),
            Pointee::of(self),
        ))
    }
}

/// Keeps the block allocated, not the value alive. The block is reported
/// while the value is alive, `None` once it is gone.
impl<T: ?Sized> Walk for RcWeak<T> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        let _ = walker.visit(Visit::Weak(self.0.weak_info()));
    }
}

/// Keeps the block allocated, not the value alive. `block` is always
/// `None`: another thread may be dropping the value, so its size cannot be
/// read; `target` gives its address.
impl<T: ?Sized> Walk for ArcWeak<T> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        let _ = walker.visit(Visit::Weak(self.0.weak_info()));
    }
}

/// A `Cell` never lends out a reference to its value, so there is no way
/// to look at it without moving it out.
impl<T: ?Sized> Walk for Cell<T> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        hidden(self, "a Cell never lends out its value", walker);
    }
}

/// Transparent while it can be borrowed, hidden while mutably borrowed.
///
/// The contents can be borrowed only while a `Ref` guard lives, and the
/// guard is gone when `walk` returns, so the walker cannot keep them for
/// later: they are walked in place, inside `walk`, each child reported as
/// [`Visit::Enter`], its own visits, then [`Visit::Leave`]. The walk takes
/// no borrow that outlives it.
impl<T: ?Sized + Walk> Walk for RefCell<T> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        match self.try_borrow() {
            Ok(value) => walk_in_place(&*value, walker),
            Err(_) => {
                hidden(self, "the RefCell is mutably borrowed", walker);
            }
        }
    }
}

/// A pointer-like frame of kind `GenArena` (it records its own drop), then,
/// if the walker asks, each occupied slot's value under `[slot index]`, in
/// slot order (the order they are dropped in). Keys stored in values are
/// plain data to the walk, not edges: a key does not own or borrow the
/// value it names.
impl<T: Walk> Walk for GenArena<T> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        if walker.visit(Visit::Pointer(self.pointer_info())) == Descend::Yes {
            if !skips::<T>(walker) {
                for (key, value) in self.iter() {
                    let index = usize::try_from(key.index()).unwrap_or(usize::MAX);
                    visit_element(walker, index, value);
                }
            }
            let _ = walker.visit(Visit::Leave);
        }
    }
}

/// A leaf: a key is plain data that names a slot. It owns nothing and
/// borrows nothing, so a graph draws no edge for it, and values that name
/// each other by key form no cycle.
impl Walk for Key {
    #[inline]
    fn walk<'a>(&'a self, _walker: &mut dyn Walker<'a>) {}

    #[inline]
    fn is_leaf() -> bool {
        true
    }
}

/// A pointer-like frame of kind `Arena` (it records its own drop), with its
/// contents hidden: every value of a typed arena is lent out as a `&mut T`
/// from the moment it is allocated, so reading it through the arena would
/// alias that `&mut`. The values are reached through those references
/// instead, and the arena drops them all when it is dropped.
impl<T> Walk for Arena<T> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        if walker.visit(Visit::Pointer(self.pointer_info())) == Descend::Yes {
            hidden(
                self,
                "an Arena's values are lent out as `&mut` references",
                walker,
            );
            let _ = walker.visit(Visit::Leave);
        }
    }
}

#[cfg(test)]
mod tests;
