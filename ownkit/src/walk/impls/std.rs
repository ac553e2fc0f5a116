//! [`Walk`] for std's types: leaves, containers, pointers, cells and locks.
//!
//! What each reports is summed up in the [parent module](super). std's
//! containers record nothing themselves; they only add segments (`[i]`,
//! `.*`) to the paths of what they hold.

use alloc_crate::borrow::{Cow, ToOwned};
use alloc_crate::boxed::Box as StdBox;
use alloc_crate::collections::{BTreeMap, BTreeSet, VecDeque};
use alloc_crate::rc::{Rc as StdRc, Weak as StdRcWeak};
use alloc_crate::string::String;
use alloc_crate::sync::{Arc as StdArc, Weak as StdArcWeak};
use alloc_crate::vec::Vec;
use core::alloc::Layout;
use core::any::type_name;
use core::cell::{Cell, RefCell};
use core::marker::PhantomData;
use core::mem::{ManuallyDrop, align_of_val, size_of_val};
use core::num::{
    NonZeroI8, NonZeroI16, NonZeroI32, NonZeroI64, NonZeroI128, NonZeroIsize, NonZeroU8,
    NonZeroU16, NonZeroU32, NonZeroU64, NonZeroU128, NonZeroUsize,
};
use core::time::Duration;

use super::{buffer, hidden, walk_in_place};
use crate::raw::pointee::Pointee;
use crate::walk::{
    Block, Descend, PointerInfo, PointerKind, Segment, SingleVisit, Visit, Walk, Walker,
    address_of, skips, visit_child, visit_element,
};

/// Types that hold no traced values and own no heap memory: their walk
/// reports nothing, so they are leaves.
macro_rules! leaves {
    ($($leaf:ty),* $(,)?) => {$(
        impl Walk for $leaf {
            #[inline]
            fn walk<'a>(&'a self, _walker: &mut dyn Walker<'a>) {}

            #[inline]
            fn is_leaf() -> bool {
                true
            }
        }
    )*};
}

leaves! {
    u8, u16, u32, u64, u128, usize,
    i8, i16, i32, i64, i128, isize,
    f32, f64, bool, char, (), Duration,
    NonZeroU8, NonZeroU16, NonZeroU32, NonZeroU64, NonZeroU128, NonZeroUsize,
    NonZeroI8, NonZeroI16, NonZeroI32, NonZeroI64, NonZeroI128, NonZeroIsize,
}

/// Text: it reports nothing. (Unsized, so never a child of its own, and
/// never asked whether it is a leaf.)
impl Walk for str {
    #[inline]
    fn walk<'a>(&'a self, _walker: &mut dyn Walker<'a>) {}
}

/// Holds no `T`: it only tells the compiler that the type acts as if it did.
impl<T: ?Sized> Walk for PhantomData<T> {
    #[inline]
    fn walk<'a>(&'a self, _walker: &mut dyn Walker<'a>) {}

    #[inline]
    fn is_leaf() -> bool {
        true
    }
}

/// A reference borrows its target from its owner: dropping it drops
/// nothing. The target follows under `.*` if the walker asks (the drop
/// recorder never does; the ownership graph does, to draw what is
/// borrowed).
impl<T: ?Sized + Walk> Walk for &T {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        visit_borrow(self, walker);
    }
}

/// A mutable reference borrows its target, like a shared one.
impl<T: ?Sized + Walk> Walk for &mut T {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        visit_borrow(self, walker);
    }
}

/// Reports a reference, and its target under `.*` if the walker asks.
fn visit_borrow<'a, R>(reference: &'a R, walker: &mut dyn Walker<'a>)
where
    R: core::ops::Deref,
    R::Target: Walk,
    Pointee<R>: Walk,
{
    let target: &R::Target = reference;
    let borrows = Visit::Borrows {
        address: address_of(target),
        type_name: type_name::<R::Target>(),
    };
    if walker.visit(borrows) == Descend::Yes {
        walker.visit_child(Segment::Deref, Pointee::of(reference));
        let _ = walker.visit(Visit::Leave);
    }
}

/// Owns its byte buffer, and nothing that is traced.
impl Walk for String {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        if let Some(visit) = self.single_visit(walker) {
            visit.make(walker);
        }
    }

    /// The buffer, if there is one.
    #[inline]
    fn single_visit<'a>(&'a self, _: &dyn Walker<'a>) -> Option<SingleVisit<'a>> {
        buffer(self.as_ptr(), self.capacity()).map(SingleVisit::Owns)
    }

    /// No buffer.
    #[inline]
    fn reports_nothing(&self) -> bool {
        self.capacity() == 0
    }
}

/// Each element under `[i]`; none to a walker that skips them as leaves.
impl<T: Walk> Walk for [T] {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        if skips::<T>(walker) {
            return;
        }
        for (index, element) in self.iter().enumerate() {
            visit_element(walker, index, element);
        }
    }
}

/// Each element under `[i]`.
impl<T: Walk, const N: usize> Walk for [T; N] {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        self.as_slice().walk(walker);
    }

    #[inline]
    fn is_leaf() -> bool {
        N == 0 || T::is_leaf()
    }
}

/// The buffer, then each element under `[i]`.
impl<T: Walk> Walk for Vec<T> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        if let Some(block) = buffer(self.as_ptr(), self.capacity()) {
            let _ = walker.visit(Visit::Owns(block));
        }
        self.as_slice().walk(walker);
    }

    /// No buffer, and no elements (an empty `Vec` of a zero-sized type
    /// has no buffer whatever its capacity).
    #[inline]
    fn reports_nothing(&self) -> bool {
        self.is_empty() && buffer(self.as_ptr(), self.capacity()).is_none()
    }

    /// The buffer, when no element follows it: there are none, or they
    /// are leaves the walker skips.
    #[inline]
    fn single_visit<'a>(&'a self, walker: &dyn Walker<'a>) -> Option<SingleVisit<'a>> {
        if self.is_empty() || skips::<T>(walker) {
            buffer(self.as_ptr(), self.capacity()).map(SingleVisit::Owns)
        } else {
            None
        }
    }
}

/// Each element under `[i]`, front to back (the order they are dropped
/// in). No `Owns`: a deque does not say where its buffer starts (its front
/// may be anywhere inside it).
impl<T: Walk> Walk for VecDeque<T> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        visit_elements(self.iter(), walker);
    }

    /// No elements.
    #[inline]
    fn reports_nothing(&self) -> bool {
        self.is_empty()
    }
}

/// Transparent: the value when there is one, nothing otherwise.
impl<T: Walk> Walk for Option<T> {
    #[inline]
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        if let Some(value) = self {
            value.walk(walker);
        }
    }

    #[inline]
    fn is_leaf() -> bool {
        T::is_leaf()
    }

    /// `None`, or a value whose walk reports nothing.
    #[inline]
    fn reports_nothing(&self) -> bool {
        self.as_ref().is_none_or(Walk::reports_nothing)
    }

    /// The value's, if there is one.
    #[inline]
    fn single_visit<'a>(&'a self, walker: &dyn Walker<'a>) -> Option<SingleVisit<'a>> {
        self.as_ref()?.single_visit(walker)
    }
}

/// Transparent: whichever value it holds.
impl<T: Walk, E: Walk> Walk for Result<T, E> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        match self {
            Ok(value) => value.walk(walker),
            Err(error) => error.walk(walker),
        }
    }

    #[inline]
    fn is_leaf() -> bool {
        T::is_leaf() && E::is_leaf()
    }
}

/// The borrowed form borrows; the owned form is transparent.
impl<B: ?Sized + ToOwned> Walk for Cow<'_, B>
where
    B::Owned: Walk,
{
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        match self {
            Cow::Borrowed(borrowed) => {
                let borrows = Visit::Borrows {
                    address: address_of(*borrowed),
                    type_name: type_name::<B>(),
                };
                // Only `B::Owned` is known to walk, so the target cannot be
                // shown; a walker that asks for it still gets its scope
                // closed, as the protocol promises.
                if walker.visit(borrows) == Descend::Yes {
                    let _ = walker.visit(Visit::Leave);
                }
            }
            Cow::Owned(owned) => owned.walk(walker),
        }
    }
}

/// Tuples: each field under `.0`, `.1`, ...
macro_rules! tuples {
    ($( ( $($name:ident $index:tt),+ ) )*) => {$(
        impl<$($name: Walk),+> Walk for ($($name,)+) {
            fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
                $(
                    visit_child(walker, Segment::tuple_field($index), &self.$index);
                )+
            }

            #[inline]
            fn is_leaf() -> bool {
                $($name::is_leaf())&&+
            }
        }
    )*};
}

tuples! {
    (A 0)
    (A 0, B 1)
    (A 0, B 1, C 2)
    (A 0, B 1, C 2, D 3)
    (A 0, B 1, C 2, D 3, E 4)
    (A 0, B 1, C 2, D 3, E 4, F 5)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11)
}

/// Never dropped, so nothing in it is dropped through it.
impl<T: ?Sized> Walk for ManuallyDrop<T> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        hidden(self, "a ManuallyDrop never drops its value", walker);
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

/// std's `Box`: owns its target, in a block of the target's size (none
/// when that is zero).
impl<T: ?Sized + Walk> Walk for StdBox<T> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        walker.visit_pointer(std_box_info(self), Pointee::of(self));
    }

    /// The pointer and its target.
    #[inline]
    fn single_visit<'a>(&'a self, _: &dyn Walker<'a>) -> Option<SingleVisit<'a>> {
        Some(SingleVisit::Pointer(std_box_info(self), Pointee::of(self)))
    }
}

/// What std's `Box` at `boxed` tells a walk about itself.
#[inline]
#[allow(
    clippy::borrowed_box,
    reason = "the box's own address is part of what it tells, beside its target's"
)]
fn std_box_info<T: ?Sized>(boxed: &StdBox<T>) -> PointerInfo {
    let target: &T = boxed;
    let size = size_of_val(target);
    PointerInfo {
        kind: PointerKind::StdBox,
        address: address_of(boxed),
        block: (size != 0).then(|| Block {
            address: address_of(target),
            size,
            align: align_of_val(target),
        }),
        target: address_of(target),
        target_type: type_name::<T>(),
        strong: 1,
        weak: 0,
    }
}

/// The block of std's `Rc` or `Arc` whose value is `value`.
///
/// Both allocate a `repr(C)` block of two `usize` counts followed by the
/// value (std's `RcInner` and `ArcInner`), so the value sits right after the
/// counts, rounded up to its alignment. This reads no memory: it is only
/// the arithmetic `from_raw` itself relies on.
fn counted_block<T: ?Sized>(value: &T) -> Block {
    let counts = Layout::new::<[usize; 2]>();
    match counts.extend(Layout::for_value(value)) {
        Ok((layout, offset)) => {
            let layout = layout.pad_to_align();
            Block {
                address: address_of(value) - offset,
                size: layout.size(),
                align: layout.align(),
            }
        }
        // A value that exists fits in a block: std allocated it.
        Err(_) => Block {
            address: address_of(value),
            size: size_of_val(value),
            align: align_of_val(value),
        },
    }
}

/// std's `Rc`: shares its target; the last owner drops it.
impl<T: ?Sized + Walk> Walk for StdRc<T> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        walker.visit_pointer(std_rc_info(self), Pointee::of(self));
    }

    /// The pointer and its target.
    #[inline]
    fn single_visit<'a>(&'a self, _: &dyn Walker<'a>) -> Option<SingleVisit<'a>> {
        Some(SingleVisit::Pointer(std_rc_info(self), Pointee::of(self)))
    }
}

/// What std's `Rc` at `rc` tells a walk about itself.
#[inline]
fn std_rc_info<T: ?Sized>(rc: &StdRc<T>) -> PointerInfo {
    let counts = (StdRc::strong_count(rc), StdRc::weak_count(rc));
    counted_pointer_info(PointerKind::StdRc, address_of(rc), &**rc, counts)
}

/// What a pointer of `kind` at `address`, which shares `target` with the
/// `(strong, weak)` counts, tells a walk about itself: std's `Rc` or `Arc`,
/// whose block is the counts and the value (see [`counted_block`]).
#[inline]
fn counted_pointer_info<T: ?Sized>(
    kind: PointerKind,
    address: usize,
    target: &T,
    (strong, weak): (usize, usize),
) -> PointerInfo {
    PointerInfo {
        kind,
        address,
        block: Some(counted_block(target)),
        target: address_of(target),
        target_type: type_name::<T>(),
        strong,
        weak,
    }
}

/// std's `Arc`: shares its target; the last owner drops it. The counts are
/// snapshots: other threads may change them at any time.
impl<T: ?Sized + Walk> Walk for StdArc<T> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        walker.visit_pointer(std_arc_info(self), Pointee::of(self));
    }

    /// The pointer and its target.
    #[inline]
    fn single_visit<'a>(&'a self, _: &dyn Walker<'a>) -> Option<SingleVisit<'a>> {
        Some(SingleVisit::Pointer(std_arc_info(self), Pointee::of(self)))
    }
}

/// What std's `Arc` at `arc` tells a walk about itself.
#[inline]
fn std_arc_info<T: ?Sized>(arc: &StdArc<T>) -> PointerInfo {
    let counts = (StdArc::strong_count(arc), StdArc::weak_count(arc));
    counted_pointer_info(PointerKind::StdArc, address_of(arc), &**arc, counts)
}

/// std's `rc::Weak`: keeps the block allocated, not the value alive. The
/// block is measured while the value is alive (through a short-lived
/// upgrade, which an `Rc` allows: no other thread can take the count to 0
/// meanwhile); once the value is gone its size is unknown, and `block` is
/// `None`.
impl<T: ?Sized> Walk for StdRcWeak<T> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        let block = self.upgrade().map(|alive| counted_block(&*alive));
        let info = PointerInfo {
            kind: PointerKind::StdRc,
            address: address_of(self),
            block,
            target: self.as_ptr().cast::<u8>().addr(),
            target_type: type_name::<T>(),
            strong: self.strong_count(),
            weak: self.weak_count(),
        };
        let _ = walker.visit(Visit::Weak(info));
    }
}

/// std's `sync::Weak`: keeps the block allocated, not the value alive.
/// `block` is always `None`: measuring it would mean upgrading, and on an
/// `Arc` that can make this thread the last owner, dropping the value in
/// the middle of a walk. `target` still gives the value's address.
impl<T: ?Sized> Walk for StdArcWeak<T> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        let info = PointerInfo {
            kind: PointerKind::StdArc,
            address: address_of(self),
            block: None,
            target: self.as_ptr().cast::<u8>().addr(),
            target_type: type_name::<T>(),
            strong: self.strong_count(),
            weak: self.weak_count(),
        };
        let _ = walker.visit(Visit::Weak(info));
    }
}

/// Each entry under `[i]` in iteration order (the order they are dropped
/// in): its key under `[i].0`, its value under `[i].1`.
fn visit_entries<'a, K: Walk + 'a, V: Walk + 'a>(
    entries: impl Iterator<Item = (&'a K, &'a V)>,
    walker: &mut dyn Walker<'a>,
) {
    if skips::<(K, V)>(walker) {
        return;
    }
    for (index, (key, value)) in entries.enumerate() {
        let _ = walker.visit(Visit::Enter(Segment::Index(index), type_name::<(K, V)>()));
        visit_child(walker, Segment::tuple_field(0), key);
        visit_child(walker, Segment::tuple_field(1), value);
        let _ = walker.visit(Visit::Leave);
    }
}

/// Each element under `[i]`, in iteration order; none to a walker that
/// skips them as leaves.
fn visit_elements<'a, T: Walk + 'a>(
    elements: impl Iterator<Item = &'a T>,
    walker: &mut dyn Walker<'a>,
) {
    if skips::<T>(walker) {
        return;
    }
    for (index, element) in elements.enumerate() {
        visit_element(walker, index, element);
    }
}

/// Its entries, in key order.
impl<K: Walk, V: Walk> Walk for BTreeMap<K, V> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        visit_entries(self.iter(), walker);
    }
}

/// Its elements, in order.
impl<T: Walk> Walk for BTreeSet<T> {
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
        visit_elements(self.iter(), walker);
    }
}

#[cfg(feature = "std")]
mod with_std {
    //! The types that exist only in `std`: hash maps and locks.

    use ::std::collections::{HashMap, HashSet};
    use ::std::sync::{Mutex, RwLock, TryLockError};

    use super::{hidden, visit_elements, visit_entries, walk_in_place};
    use crate::walk::{Walk, Walker};

    /// Its entries, in iteration order (the order they are dropped in).
    impl<K: Walk, V: Walk, S> Walk for HashMap<K, V, S> {
        fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
            visit_entries(self.iter(), walker);
        }
    }

    /// Its elements, in iteration order (the order they are dropped in).
    impl<T: Walk, S> Walk for HashSet<T, S> {
        fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
            visit_elements(self.iter(), walker);
        }
    }

    /// Transparent while it can be locked, poisoned or not; hidden while
    /// locked. Never waits: a lock held by this thread would wait forever.
    ///
    /// As for a `RefCell`, the contents are walked in place while the guard
    /// lives: each child as [`Visit::Enter`](crate::walk::Visit::Enter), its visits,
    /// [`Visit::Leave`](crate::walk::Visit::Leave).
    impl<T: ?Sized + Walk> Walk for Mutex<T> {
        fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
            match self.try_lock() {
                Ok(guard) => walk_in_place(&*guard, walker),
                Err(TryLockError::Poisoned(poisoned)) => {
                    walk_in_place(&*poisoned.into_inner(), walker);
                }
                Err(TryLockError::WouldBlock) => {
                    hidden(self, "the Mutex is locked", walker);
                }
            }
        }
    }

    /// Transparent while it can be read, poisoned or not; hidden while
    /// write-locked. Never waits. The contents are walked in place while
    /// the read guard lives, as for a `Mutex`.
    impl<T: ?Sized + Walk> Walk for RwLock<T> {
        fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
            match self.try_read() {
                Ok(guard) => walk_in_place(&*guard, walker),
                Err(TryLockError::Poisoned(poisoned)) => {
                    walk_in_place(&*poisoned.into_inner(), walker);
                }
                Err(TryLockError::WouldBlock) => {
                    hidden(self, "the RwLock is write-locked", walker);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
