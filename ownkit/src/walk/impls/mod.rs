//! [`Walk`] for the types ownkit did not derive it for: std's (in `std.rs`)
//! and ownkit's own (in `own.rs`).
//!
//! # Who owns what, as the walk reports it
//!
//! - A container owns its elements: a `Vec`, an array, a map or a set
//!   hands each over as a child under `[i]` ([`Walker::visit_child`],
//!   which makes a [`Visit::Child`] by default), in iteration order,
//!   which is also the order they are dropped in. A map's entry `i` is a
//!   pair: its key is `[i].0`, its value `[i].1`. To a walker that
//!   [skips leaves](crate::walk::Walker::skips_leaves), elements (and
//!   tuple fields, and halves of an entry) whose type is a leaf are left
//!   out: a number holds nothing to report. So are those whose value
//!   reports nothing ([`Walk::reports_nothing`]): an empty `Vec`,
//!   `VecDeque` or `String`, and `None`.
//! - The leaves: numbers, `bool`, `char`, `()`, `Duration`, `PhantomData`,
//!   an arena `Key`, and `Option`s, `Result`s, tuples and arrays of them
//!   ([`Walk::is_leaf`]).
//! - A heap buffer is reported as [`Visit::Owns`] before the elements that
//!   live in it (`Vec`, `String`), when there is one: no capacity or
//!   zero-sized elements means no block. Maps, sets and `VecDeque` keep
//!   their memory layout private, so they report their entries only.
//! - A pointer (`Box`, `Rc`, `Arc`, std's or ownkit's) reports itself and
//!   its target through [`Walker::visit_pointer`]: [`Visit::Pointer`]; if
//!   the walker asks, its target follows as a child under `.*`, then
//!   [`Visit::Leave`]. Whether dropping the pointer drops the target is
//!   [`PointerInfo::drops_target`](crate::walk::PointerInfo::drops_target):
//!   always for a box, only for the last strong owner of a shared value.
//! - A `Weak` keeps a block, not a value: [`Visit::Weak`], nothing inside.
//! - A reference borrows: [`Visit::Borrows`], never dropped through it.
//! - `Option`, `Result`, `Cow::Owned`, `RefCell`, `Mutex` and `RwLock` add
//!   no segment: their contents are reported as if they were the value.
//! - What cannot be looked at is [`Visit::Hidden`], with the reason: a
//!   `Cell` (it never lends its value out), a `RefCell` that is mutably
//!   borrowed, a locked `Mutex`, a `ManuallyDrop` (it never drops), an
//!   ownkit [`Arena`](crate::arena::Arena) (its values are lent out).
//!
//! # Contents behind a borrow guard
//!
//! A child is a `&'a dyn Walk` that the walker may keep for later, for as
//! long as the walked value is borrowed. The inside of a `RefCell`, a
//! `Mutex` or a `RwLock` can only be borrowed for as long as a guard lives,
//! and the guard must be gone when `walk` returns: keeping the inside
//! borrowed past it would let safe code `borrow_mut` the cell while the
//! walker still holds a reference into it. So these report their contents
//! *in place*, inside `walk`, while the guard lives: each child becomes
//! [`Visit::Enter`], the child's own visits, [`Visit::Leave`]. Walks stay
//! iterative everywhere else; inside a borrow, how deep they go is how deep
//! the call stack goes.

mod own;
mod std;

use core::alloc::Layout;

use super::{Block, Descend, Visit, Walk, Walker};
use crate::raw::pointee::Pointee;

/// Walks `value`, which is borrowed only for `'g` (the life of a borrow
/// guard), into `walker`, which may keep children for a longer `'a`.
///
/// Every visit is passed on as it is, except [`Visit::Child`]: the walker
/// cannot keep a child that lives only for `'g`, so the child is walked
/// right here, between [`Visit::Enter`] and [`Visit::Leave`] under its
/// segment. The walker's answers to `Traced` and `Pointer` visits are
/// passed back unchanged, so it still decides how deep to go.
fn walk_in_place<'a, T: ?Sized + Walk>(value: &T, walker: &mut dyn Walker<'a>) {
    value.walk(&mut InPlace { outer: walker });
}

/// The walker of [`walk_in_place`]: forwards to `outer`, walking children
/// as they come instead of handing them over.
struct InPlace<'w, 'a> {
    outer: &'w mut dyn Walker<'a>,
}

impl<'g> Walker<'g> for InPlace<'_, '_> {
    fn visit(&mut self, visit: Visit<'g>) -> Descend {
        let forwarded = match visit {
            Visit::Child(segment, child) => {
                // `Enter` always opens a scope, whatever the answer.
                let _ = self.outer.visit(Visit::Enter(segment, child.type_name()));
                child.walk(self);
                let _ = self.outer.visit(Visit::Leave);
                // The answer to a `Child` is not read.
                return Descend::No;
            }
            Visit::Traced(info) => Visit::Traced(info),
            Visit::Pointer(info) => Visit::Pointer(info),
            Visit::Enter(segment, type_name) => Visit::Enter(segment, type_name),
            Visit::Leave => Visit::Leave,
            Visit::Opaque {
                segment,
                address,
                size,
            } => Visit::Opaque {
                segment,
                address,
                size,
            },
            Visit::Owns(block) => Visit::Owns(block),
            Visit::Weak(info) => Visit::Weak(info),
            Visit::Borrows { address, type_name } => Visit::Borrows { address, type_name },
            Visit::Hidden {
                reason,
                address,
                size,
            } => Visit::Hidden {
                reason,
                address,
                size,
            },
        };
        self.outer.visit(forwarded)
    }

    fn label(&mut self, value: &super::TracedInfo, label: &dyn core::fmt::Debug) {
        self.outer.label(value, label);
    }

    fn skips_leaves(&self) -> bool {
        self.outer.skips_leaves()
    }
}

/// A pointer seen as its target (see `raw/pointee.rs`) walks as the
/// target, in place: this is how a pointer to an unsized value (`Box<str>`,
/// `Rc<[T]>`) hands its target over as a child the walker may keep.
impl<P: core::ops::Deref> Walk for Pointee<P>
where
    P::Target: Walk,
{
    #[inline]
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        self.pointer().deref().walk(walker);
    }

    /// The target's type: the view stands for the target, not for itself.
    fn type_name(&self) -> &'static str {
        self.pointer().deref().type_name()
    }
}

/// Reports `value` as [`Visit::Hidden`] for `reason`, with its place, so
/// that the drop recorder can still place what drops inside it.
fn hidden<'a, T: ?Sized>(value: &T, reason: &'static str, walker: &mut dyn Walker<'a>) {
    let _ = walker.visit(Visit::Hidden {
        reason,
        address: crate::walk::address_of(value),
        size: core::mem::size_of_val(value),
    });
}

/// The heap buffer of `capacity` elements of type `T` starting at
/// `address`, or `None` when nothing is allocated (no capacity, or
/// zero-sized elements).
fn buffer<T>(address: *const T, capacity: usize) -> Option<Block> {
    let layout = Layout::array::<T>(capacity).ok()?;
    (layout.size() != 0).then(|| Block {
        address: address.cast::<u8>().addr(),
        size: layout.size(),
        align: layout.align(),
    })
}

#[cfg(test)]
mod log;
