//! What the code that the derives generate calls to report a field, and
//! the checks that tell a user what to do where rustc's error does not
//! (a traced type that is also `Copy`, or has both derives). All of
//! it is reached through `ownkit::__private`; none of it is public API.
//!
//! # One error for one missing `Walk`
//!
//! The `Walk` impl casts each walked field to a `&dyn Walk`, so a field
//! whose type does not implement `Walk` is an error there, at the field.
//! Both the `Walk` impl and the generated `Drop` then report the field
//! through this module (the `Drop` to the recorder); were they to ask for
//! `Walk` again, the user would get the same error twice (rustc prints it
//! once and counts it twice). So they ask the compiler whether the field
//! walks, and fall back to reporting it by address when it does not, with
//! *autoref specialization*:
//!
//! ```text
//! (&DropField(&self.field)).report(segment, walker, reason)
//! ```
//!
//! Method lookup tries the receiver `&DropField<T>` first, where
//! [`WalkedField::report`] (implemented for `DropField<T>` when
//! `T: Walk`) fits; only if `T` does not walk does it borrow once more and
//! find [`UnwalkedField::report`] (implemented for `&DropField<T>`, any
//! `T`). The fallback is taken only in a program that fails to build
//! anyway, on the `Walk` impl's error, or where the type's own bounds do
//! not reach the field's type (an associated type, say), which the `Drop`
//! then reports by address, with `reason` for the report to show.
//!
//! A field whose type mentions a type parameter that the type does not
//! declare `Walk` is not asked about at all: the derive knows that the
//! `Drop` cannot walk it, and reports it with
//! [`DropField::report_unwalked`] and a reason that names the missing
//! bound.

use core::fmt::Debug;

use crate::walk::{Segment, Visit, Walk, Walker, address_of, visit_child};

/// A field of a derived value, as the generated `Walk` and `Drop` hand it
/// to one of the `report` methods of this module.
#[derive(Debug)]
pub struct DropField<'a, T: ?Sized>(pub &'a T);

impl<'a, T: ?Sized> DropField<'a, T> {
    /// Reports the field as contents the recorder cannot see into, for
    /// `reason`, under `segment`: its place is announced, so what drops
    /// inside it is placed by address, flagged with the reason.
    pub fn report_unwalked(
        &self,
        segment: Segment,
        walker: &mut dyn Walker<'a>,
        reason: &'static str,
    ) {
        let _ = walker.visit(Visit::Enter(segment, core::any::type_name::<T>()));
        let _ = walker.visit(Visit::Hidden {
            reason,
            address: address_of(self.0),
            size: core::mem::size_of_val(self.0),
        });
        let _ = walker.visit(Visit::Leave);
    }
}

/// The first choice for a sized field that walks: a child, unless its
/// type is a leaf and the walker skips leaves.
pub trait WalkedField<'a> {
    /// Reports the field under `segment` (see the module docs).
    fn report(&self, segment: Segment, walker: &mut dyn Walker<'a>, reason: &'static str);
}

impl<'a, T: Walk> WalkedField<'a> for DropField<'a, T> {
    #[inline]
    fn report(&self, segment: Segment, walker: &mut dyn Walker<'a>, _: &'static str) {
        visit_child(walker, segment, self.0);
    }
}

/// The first choice for an unsized last field that walks: walked in place.
pub trait WalkedUnsizedField<'a> {
    /// Reports the field under `segment` (see the module docs).
    fn report_in_place(&self, segment: Segment, walker: &mut dyn Walker<'a>, reason: &'static str);
}

impl<'a, T: Walk + ?Sized> WalkedUnsizedField<'a> for DropField<'a, T> {
    #[inline]
    fn report_in_place(&self, segment: Segment, walker: &mut dyn Walker<'a>, _: &'static str) {
        report_in_place(segment, self.0, walker);
    }
}

/// The first choice for a label that is `Debug`: handed over.
pub trait DebugField<'a> {
    /// The field as a label, if it can be one.
    fn label(&self) -> Option<&'a dyn Debug>;
}

impl<'a, T: Debug> DebugField<'a> for DropField<'a, T> {
    #[inline]
    fn label(&self) -> Option<&'a dyn Debug> {
        Some(self.0)
    }
}

/// The fallback of every choice above, for a field whose type the
/// compiler cannot prove walkable (or `Debug`) where the `Drop` runs.
pub trait UnwalkedField<'a> {
    /// Reports the field by address, for `reason`.
    fn report(&self, segment: Segment, walker: &mut dyn Walker<'a>, reason: &'static str);

    /// Reports the unsized field by address, for `reason`.
    fn report_in_place(&self, segment: Segment, walker: &mut dyn Walker<'a>, reason: &'static str);

    /// No label.
    fn label(&self) -> Option<&'a dyn Debug>;
}

impl<'a, T: ?Sized> UnwalkedField<'a> for &DropField<'a, T> {
    fn report(&self, segment: Segment, walker: &mut dyn Walker<'a>, reason: &'static str) {
        self.report_unwalked(segment, walker, reason);
    }

    fn report_in_place(&self, segment: Segment, walker: &mut dyn Walker<'a>, reason: &'static str) {
        self.report_unwalked(segment, walker, reason);
    }

    fn label(&self) -> Option<&'a dyn Debug> {
        None
    }
}

/// Reports `value`, the unsized last field of a derived value, under
/// `segment`: its visits in place, between `Enter` and `Leave`, since a
/// `&dyn Walk` cannot point at an unsized value. One call, so that a
/// field that does not walk is one error, at the field.
#[inline]
pub fn report_in_place<'a, T: Walk + ?Sized>(
    segment: Segment,
    value: &'a T,
    walker: &mut dyn Walker<'a>,
) {
    let _ = walker.visit(Visit::Enter(segment, value.type_name()));
    value.walk(walker);
    let _ = walker.visit(Visit::Leave);
}

/// The type whose derive is being checked, as the receiver of the checks
/// below, which tell a user what to do beside an error of rustc's that
/// does not say. Each check is a pair of traits by autoref
/// specialization: the first fits `TypeCheck<T>` when `T` is in the
/// case the check catches, and its method has a bound that no type meets,
/// so it fails with that bound's message; the second fits
/// `&TypeCheck<T>`, for every other type, and its method does nothing.
/// The generated `Drop` calls them in its cold recording method, as
/// `(&TypeCheck::<Self>(PhantomData)).refuse_copy()` and so on.
#[derive(Debug)]
pub struct TypeCheck<T: ?Sized>(pub core::marker::PhantomData<T>);

/// Implemented by no type: the bound that a `Copy` traced type fails, with
/// the message that says what to do beside rustc's own E0184 ("the type
/// has a destructor").
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be `Copy` and derive `TraceDrop`",
    label = "`#[derive(TraceDrop)]` gives `{Self}` a `Drop` impl, and a type that has one cannot be `Copy`",
    note = "use `#[derive(Walk)]` instead: it writes only the `Walk` impl, so `{Self}` stays `Copy` and the ownership graph still sees inside it; only its own drops are not recorded"
)]
pub trait NotCopy {}

/// The first choice for a `Copy` type: an error.
pub trait CopyTraced<T> {
    /// Fails to compile, through its bound.
    #[inline(always)]
    fn refuse_copy(&self)
    where
        T: NotCopy,
    {
    }
}

impl<T: Copy> CopyTraced<T> for TypeCheck<T> {}

/// The fallback, for every type that is not `Copy`: nothing.
pub trait NotCopyTraced {
    /// Does nothing.
    #[inline(always)]
    fn refuse_copy(&self) {}
}

impl<T: ?Sized> NotCopyTraced for &TypeCheck<T> {}

/// Implemented by `#[derive(Walk)]` for its type, so that
/// `#[derive(TraceDrop)]` on the same type can tell the user, beside
/// rustc's E0119 for the two `Walk` impls, which derive to keep.
pub trait DerivedWalk {}

/// Implemented by no type: the bound that a type with both derives
/// fails, with the message that says what to do.
#[diagnostic::on_unimplemented(
    message = "`{Self}` derives both `TraceDrop` and `Walk`",
    label = "each of the two derives writes a `Walk` impl for `{Self}`",
    note = "keep `#[derive(TraceDrop)]`, which implements `Walk` too; or keep only `#[derive(Walk)]` if the drops of `{Self}` need not be recorded"
)]
pub trait NotDerivedWalk {}

/// The first choice for a type that `#[derive(Walk)]` saw too: an error.
pub trait WalkDerivedToo<T: ?Sized> {
    /// Fails to compile, through its bound.
    #[inline(always)]
    fn refuse_walk_derive(&self)
    where
        T: NotDerivedWalk,
    {
    }
}

impl<T: DerivedWalk + ?Sized> WalkDerivedToo<T> for TypeCheck<T> {}

/// The fallback, for every type that derives only `TraceDrop`: nothing.
pub trait TraceDropOnly {
    /// Does nothing.
    #[inline(always)]
    fn refuse_walk_derive(&self) {}
}

impl<T: ?Sized> TraceDropOnly for &TypeCheck<T> {}
