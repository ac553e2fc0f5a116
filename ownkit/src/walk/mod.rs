//! The walk: how a value tells ownkit what it holds.
//!
//! Drop tracing and the ownership graph both need to look inside values:
//! which fields a struct has, which elements a `Vec` holds, what a `Box`
//! points to, whether an `Rc` is the last owner of its value. Every type
//! that can be looked into implements [`Walk`], and reports what it holds
//! to a [`Walker`] as a sequence of [`Visit`]s. The derives write the
//! [`Walk`] impl of user types; ownkit provides it for std's containers and
//! its own.
//!
//! The walk never allocates and never recurses on its own: a value reports
//! its direct contents as [`Visit::Child`]ren, and the walker decides when
//! (and whether) to walk each child. The drop recorder walks one level
//! down, right away; the ownership graph keeps its own stack, so a chain of
//! a million `Box`es does not overflow the call stack.
//!
//! How the visits nest is described on [`Walker`], under "The protocol".
//!
//! ```
//! use ownkit::walk::{Descend, Segment, Visit, Walk, Walker};
//!
//! #[derive(Walk)]
//! struct Playlist {
//!     name: String,
//!     songs: Vec<ownkit::Box<u32>>,
//! }
//!
//! /// Writes down the fields a value reports, one level deep.
//! struct Fields(Vec<&'static str>);
//!
//! impl<'a> Walker<'a> for Fields {
//!     fn visit(&mut self, visit: Visit<'a>) -> Descend {
//!         if let Visit::Child(Segment::Field(name), _) = visit {
//!             self.0.push(name);
//!         }
//!         Descend::Yes // the derived walk asks for its own contents first
//!     }
//! }
//!
//! let playlist = Playlist { name: "Intro".into(), songs: Vec::new() };
//! let mut fields = Fields(Vec::new());
//! playlist.walk(&mut fields);
//! assert_eq!(fields.0, ["name", "songs"]);
//! ```

mod impls;
pub(crate) mod label;
pub(crate) mod path;

use core::fmt;

pub use crate::observe::{Block, PointerInfo, PointerKind, address_of};
/// `#[derive(Walk)]`: the walk alone, for types that must stay `Copy` or
/// destructurable; documented on [`TraceDrop`](crate::TraceDrop).
#[cfg(feature = "derive")]
pub use ownkit_derive::Walk;

/// A value whose contents ownkit can walk: the fields of a derived type,
/// the elements of a collection, the target of a pointer.
///
/// `#[derive(TraceDrop)]` and `#[derive(Walk)]` implement it for your
/// types. ownkit implements it for std's containers (`Box`, `Vec`,
/// `Option`, tuples, arrays, maps, `RefCell`, `Rc`, `Arc`, ...), for
/// leaves such as integers and `String`, and for its own pointers and
/// arenas.
///
/// A hand-written impl reports the value's direct contents and nothing
/// else; the walker decides how deep to go:
///
/// ```
/// use ownkit::walk::{Segment, Visit, Walk, Walker};
///
/// /// A pair that keeps its two halves in a fixed order.
/// struct Pair<T> {
///     first: T,
///     second: T,
/// }
///
/// impl<T: Walk> Walk for Pair<T> {
///     fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
///         walker.visit(Visit::Child(Segment::Field("first"), &self.first));
///         walker.visit(Visit::Child(Segment::Field("second"), &self.second));
///     }
/// }
/// ```
#[diagnostic::on_unimplemented(
    message = "ownkit cannot look inside `{Self}`",
    label = "`{Self}` does not implement `ownkit::Walk`",
    note = "if `{Self}` is your own type, derive `Walk` for it (`#[derive(TraceDrop)]` implements it too); a trait object walks if `Walk` is a supertrait of its trait",
    note = "if it is not yours (a std type, another crate's), mark the field that holds it `#[ownkit(skip)]` if it holds no traced values (it is then not reported), or `#[ownkit(opaque)]` if it may hold some (only its place is reported, and what drops inside it is placed by address)"
)]
pub trait Walk {
    /// Reports what `self` holds to `walker`, following
    /// [the protocol](Walker#the-protocol).
    fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>);

    /// The value's type, as [`core::any::type_name`] spells it. Walkers
    /// use it to name what a [`Visit::Child`] hands them; there is no
    /// reason to write it by hand.
    ///
    /// ```
    /// use ownkit::walk::Walk;
    ///
    /// let child: &dyn Walk = &vec![1_u8];
    /// assert_eq!(child.type_name(), "alloc::vec::Vec<u8>");
    /// ```
    fn type_name(&self) -> &'static str {
        core::any::type_name::<Self>()
    }

    /// Whether the walk of every value of this type reports nothing at
    /// all: a number, a `bool`, a `char`, `()`, and an `Option`, a tuple
    /// or an array of those. The default is `false`, which is always
    /// correct.
    ///
    /// A walker that [skips leaves](Walker::skips_leaves) is not shown
    /// such values: the derived walks and ownkit's collections leave them
    /// out, so a `Vec<u8>` of a million bytes is one buffer to the
    /// ownership graph and the drop recorder, not a million children. A
    /// hand-written walk of a collection may leave its elements out the
    /// same way, when `T::is_leaf() && walker.skips_leaves()`.
    ///
    /// ```
    /// use ownkit::walk::Walk;
    ///
    /// assert!(u64::is_leaf());
    /// assert!(<Option<(u8, [char; 4])>>::is_leaf());
    /// assert!(!String::is_leaf()); // it owns a buffer
    /// ```
    #[must_use]
    fn is_leaf() -> bool
    where
        Self: Sized,
    {
        false
    }

    /// Whether the walk of this value reports nothing at all, as the walk
    /// of an empty `Vec` or `String`, or of `None`, does: the value of a
    /// type that is not a leaf ([`Walk::is_leaf`]) but holds nothing now.
    /// The default is `false`, which is always correct.
    ///
    /// A walker that [skips leaves](Walker::skips_leaves) is not shown
    /// such a value either: the derived walks and ownkit's collections
    /// leave it out, so the empty `Vec` of children of every leaf of a
    /// tree costs the ownership graph one check, not a child walked to
    /// find nothing.
    ///
    /// ```
    /// use ownkit::walk::Walk;
    ///
    /// assert!(Vec::<String>::new().reports_nothing());
    /// assert!(!vec![String::new()].reports_nothing()); // a buffer
    /// assert!(!Vec::<String>::with_capacity(4).reports_nothing()); // a buffer too
    /// assert!(None::<Box<u8>>.reports_nothing());
    /// assert!(!Some(Box::new(1_u8)).reports_nothing());
    /// ```
    #[must_use]
    #[inline]
    fn reports_nothing(&self) -> bool {
        false
    }

    /// The one visit the walk of this value makes to `walker`, when that
    /// is all it does: a `String`'s buffer, a `Box`'s pointer and target.
    /// `Some(visit)` promises that `self.walk(walker)` is exactly
    /// [`visit.make(walker)`](SingleVisit::make). The default is `None`,
    /// which is always correct.
    ///
    /// The derived walks and ownkit's collections hand such a value over
    /// with [`Walker::visit_single_child`], so that a walker may take the
    /// visit without walking the child: the ownership graph links a
    /// record's `String`s, or the `Box`es of a `Vec`, without a scope of
    /// their own. `walker` is there to ask whether it
    /// [skips leaves](Walker::skips_leaves): a `Vec<u8>`'s walk is one
    /// visit only to a walker that skips its elements.
    ///
    /// ```
    /// use ownkit::walk::{Descend, SingleVisit, Visit, Walk, Walker};
    ///
    /// struct Nothing;
    /// impl<'a> Walker<'a> for Nothing {
    ///     fn visit(&mut self, _: Visit<'a>) -> Descend {
    ///         Descend::No
    ///     }
    /// }
    ///
    /// let name = String::from("Ada");
    /// assert!(matches!(name.single_visit(&Nothing), Some(SingleVisit::Owns(_))));
    /// let boxed = Some(Box::new(7_u8));
    /// assert!(matches!(boxed.single_visit(&Nothing), Some(SingleVisit::Pointer(..))));
    /// assert!(7_u8.single_visit(&Nothing).is_none()); // its walk makes no visit
    /// ```
    #[must_use]
    #[inline]
    fn single_visit<'a>(&'a self, walker: &dyn Walker<'a>) -> Option<SingleVisit<'a>> {
        let _ = walker;
        None
    }
}

/// Whether `walker` is spared the children of type `T`: they are leaves
/// ([`Walk::is_leaf`]) and it [skips leaves](Walker::skips_leaves).
#[inline]
pub(crate) fn skips<T: Walk>(walker: &dyn Walker<'_>) -> bool {
    T::is_leaf() && walker.skips_leaves()
}

/// Whether `walker` is spared `value`, whose type it does not skip as a
/// whole: the value's walk reports nothing ([`Walk::reports_nothing`]) and
/// the walker [skips leaves](Walker::skips_leaves). The walker is asked
/// only about such a value.
#[inline]
pub(crate) fn skips_value<T: Walk>(walker: &dyn Walker<'_>, value: &T) -> bool {
    value.reports_nothing() && walker.skips_leaves()
}

/// Hands `value` over as a child under `segment` (see
/// [`Walker::visit_child`]), unless `walker` [`skips`] its type or
/// [the value](skips_value).
#[inline]
pub(crate) fn visit_child<'a, T: Walk>(
    walker: &mut dyn Walker<'a>,
    segment: Segment,
    value: &'a T,
) {
    if !skips::<T>(walker) && !skips_value(walker, value) {
        hand_over(walker, segment, value);
    }
}

/// Hands `value` over under `segment`, with its one visit if its walk is
/// one ([`Walk::single_visit`]).
#[inline]
fn hand_over<'a, T: Walk>(walker: &mut dyn Walker<'a>, segment: Segment, value: &'a T) {
    match value.single_visit(walker) {
        Some(visit) => walker.visit_single_child(segment, value, visit),
        None => walker.visit_child(segment, value),
    }
}

/// Hands `element` over as a child under `[index]`, unless `walker`
/// [skips the value](skips_value): the caller asked about its type, once
/// for all the elements.
#[inline]
pub(crate) fn visit_element<'a, T: Walk>(
    walker: &mut dyn Walker<'a>,
    index: usize,
    element: &'a T,
) {
    if !skips_value(walker, element) {
        hand_over(walker, Segment::Index(index), element);
    }
}

/// Receives the [`Visit`]s of a walk: the drop recorder, the ownership
/// graph, or your own.
///
/// # The protocol
///
/// A walk is a flat sequence of visits, some of which open a *scope* that a
/// matching [`Visit::Leave`] closes:
///
/// - [`Visit::Traced`] (a value of a derived type), [`Visit::Pointer`] (a
///   `Box`, `Rc` or `Arc`) and [`Visit::Borrows`] (a reference) ask the
///   walker whether it wants their contents. If [`Walker::visit`] returns
///   [`Descend::Yes`], the contents follow, then a `Leave`; on
///   [`Descend::No`] nothing follows, not even the `Leave`. A pointer's or
///   a reference's contents are one [`Visit::Child`] under
///   [`Segment::Deref`]: its target. A pointer reports itself and its
///   target through [`Walker::visit_pointer`], which makes these visits
///   unless the walker takes both at once.
/// - A [`Visit::Child`] hands a value over, to be walked now or later. The
///   walks ownkit writes hand children over through
///   [`Walker::visit_child`], which makes that visit unless the walker
///   takes the child at once.
/// - [`Visit::Enter`] always opens a scope: it reports a value in place,
///   under one more path segment, when it cannot be handed over as a
///   `&dyn Walk` that outlives the call. That is the case for an unsized
///   value (the `[T]` or `str` last field of a derived struct), and for the
///   contents of a `RefCell`, `Mutex` or `RwLock`, which can be looked at
///   only while a borrow or lock guard lives.
/// - Everything else is a leaf.
///
/// A traced value with a label (a field marked `#[ownkit(label)]`) hands
/// it to [`Walker::label`] first thing in the scope its
/// [`Visit::Traced`] opened, before its fields.
///
/// ```
/// use ownkit::walk::{Descend, Segment, Visit, Walk, Walker};
///
/// /// Counts the elements of every collection it is shown, one level deep.
/// struct Count(usize);
///
/// impl<'a> Walker<'a> for Count {
///     fn visit(&mut self, visit: Visit<'a>) -> Descend {
///         if let Visit::Child(Segment::Index(_), _) = visit {
///             self.0 += 1;
///         }
///         Descend::No
///     }
/// }
///
/// let mut count = Count(0);
/// vec![1, 2, 3].walk(&mut count);
/// assert_eq!(count.0, 3);
/// ```
pub trait Walker<'a> {
    /// Takes one visit. The answer matters only for [`Visit::Traced`],
    /// [`Visit::Pointer`] and [`Visit::Borrows`]: [`Descend::Yes`] asks for
    /// their contents.
    fn visit(&mut self, visit: Visit<'a>) -> Descend;

    /// Takes the label of the traced value whose scope was just opened,
    /// which `value` describes as its [`Visit::Traced`] did: the field its
    /// type marks `#[ownkit(label)]`. It comes right after that visit was
    /// answered [`Descend::Yes`], before the value's fields, and only from
    /// types that have such a field.
    ///
    /// The label is borrowed for the call only (it may sit inside a
    /// `RefCell` that is borrowed just as long): a walker that wants it
    /// formats it now. The ownership graph and the drop recorder show its
    /// `Debug` output, cut at 32 characters, after the type
    /// (`Song "Intro"`). The default ignores it, so a walker that does not
    /// ask formats nothing.
    ///
    /// ```
    /// use ownkit::walk::{Descend, TracedInfo, Visit, Walk, Walker};
    ///
    /// #[derive(Walk)]
    /// struct Song {
    ///     #[ownkit(label)]
    ///     title: String,
    ///     plays: u32,
    /// }
    ///
    /// /// Writes down the labels of the values it is shown.
    /// struct Labels(Vec<String>);
    ///
    /// impl<'a> Walker<'a> for Labels {
    ///     fn visit(&mut self, _: Visit<'a>) -> Descend {
    ///         Descend::Yes
    ///     }
    ///
    ///     fn label(&mut self, value: &TracedInfo, label: &dyn std::fmt::Debug) {
    ///         self.0.push(format!("{} {label:?}", value.shape.name()));
    ///     }
    /// }
    ///
    /// let song = Song { title: "Intro".into(), plays: 3 };
    /// let mut labels = Labels(Vec::new());
    /// song.walk(&mut labels);
    /// assert_eq!(labels.0, ["Song \"Intro\""]);
    /// assert_eq!(song.plays, 3);
    /// ```
    fn label(&mut self, value: &TracedInfo, label: &dyn fmt::Debug) {
        let _ = (value, label);
    }

    /// Whether the walker may be spared the values whose walk reports
    /// nothing ([`Walk::is_leaf`], [`Walk::reports_nothing`]): the
    /// derived walks and ownkit's collections then leave them out, where
    /// they would be [`Visit::Child`]ren that report nothing. The default
    /// is `false`: every field and element is shown. The ownership graph
    /// and the drop recorder skip them, as they look for what a value
    /// owns.
    ///
    /// ```
    /// use ownkit::walk::{Descend, Visit, Walk, Walker};
    ///
    /// /// Counts the children it is shown, one level deep.
    /// struct Count(usize, bool);
    ///
    /// impl<'a> Walker<'a> for Count {
    ///     fn visit(&mut self, visit: Visit<'a>) -> Descend {
    ///         if let Visit::Child(..) = visit {
    ///             self.0 += 1;
    ///         }
    ///         Descend::No
    ///     }
    ///
    ///     fn skips_leaves(&self) -> bool {
    ///         self.1
    ///     }
    /// }
    ///
    /// let numbers = vec![1_u32, 2, 3];
    /// let (mut every, mut skipping) = (Count(0, false), Count(0, true));
    /// numbers.walk(&mut every);
    /// numbers.walk(&mut skipping);
    /// assert_eq!((every.0, skipping.0), (3, 0));
    /// ```
    fn skips_leaves(&self) -> bool {
        false
    }

    /// Takes a pointer and its target at once: the walks of `Box`, `Rc`
    /// and `Arc`, std's and ownkit's, report themselves through it.
    ///
    /// The default follows [the protocol](Walker#the-protocol) visit by
    /// visit: [`Visit::Pointer`], and if that is answered
    /// [`Descend::Yes`], the target as a child under [`Segment::Deref`]
    /// (through [`visit_child`](Self::visit_child), so a [`Visit::Child`]
    /// unless the walker takes children at once), then [`Visit::Leave`].
    /// So a walker that only writes [`visit`](Self::visit) sees every
    /// pointer that way. A walker may take both at once instead, with the
    /// same meaning; the ownership graph does, to save the three visits'
    /// dispatch and the scope it would open for one child.
    ///
    /// ```
    /// use ownkit::walk::{Descend, PointerInfo, Visit, Walk, Walker};
    ///
    /// /// Writes down the type of every pointer's target, all the way down.
    /// struct Targets(Vec<&'static str>);
    ///
    /// impl<'a> Walker<'a> for Targets {
    ///     fn visit(&mut self, visit: Visit<'a>) -> Descend {
    ///         if let Visit::Child(_, child) = visit {
    ///             child.walk(self);
    ///         }
    ///         Descend::Yes
    ///     }
    ///
    ///     fn visit_pointer(&mut self, info: PointerInfo, target: &'a dyn Walk) {
    ///         self.0.push(info.target_type);
    ///         target.walk(self);
    ///     }
    /// }
    ///
    /// let nested = ownkit::Box::new(vec![Box::new(1_u8)]);
    /// let mut targets = Targets(Vec::new());
    /// nested.walk(&mut targets);
    /// assert_eq!(targets.0, ["alloc::vec::Vec<alloc::boxed::Box<u8>>", "u8"]);
    /// ```
    fn visit_pointer(&mut self, info: PointerInfo, target: &'a dyn Walk) {
        if self.visit(Visit::Pointer(info)) == Descend::Yes {
            self.visit_child(Segment::Deref, target);
            let _ = self.visit(Visit::Leave);
        }
    }

    /// Takes a child: a value handed over under `segment`, to walk now or
    /// later (see [`Visit::Child`]). The walks ownkit writes, derived or
    /// not, hand their children over through it (or through
    /// [`visit_single_child`](Self::visit_single_child), whose default
    /// calls it), and so does the default
    /// [`visit_pointer`](Self::visit_pointer) with a pointer's target.
    ///
    /// The default makes the visit: [`Visit::Child`]. So a walker that
    /// only writes [`visit`](Self::visit) sees every child that way, and a
    /// hand-written walk may still report one with `visit`. A walker may
    /// take children here instead, with the same meaning; the ownership
    /// graph does, to save building a visit and matching it again for
    /// every field and element.
    ///
    /// ```
    /// use ownkit::walk::{Descend, Segment, Visit, Walk, Walker};
    ///
    /// /// Writes down the path segment of every child, all the way down.
    /// struct Segments(Vec<String>);
    ///
    /// impl<'a> Walker<'a> for Segments {
    ///     fn visit(&mut self, _: Visit<'a>) -> Descend {
    ///         Descend::Yes
    ///     }
    ///
    ///     fn visit_child(&mut self, segment: Segment, child: &'a dyn Walk) {
    ///         self.0.push(segment.to_string());
    ///         child.walk(self);
    ///     }
    /// }
    ///
    /// let nested = vec![(ownkit::Box::new(1_u8), String::new())];
    /// let mut segments = Segments(Vec::new());
    /// nested.walk(&mut segments);
    /// assert_eq!(segments.0, ["[0]", ".0", ".*", ".1"]);
    /// ```
    fn visit_child(&mut self, segment: Segment, child: &'a dyn Walk) {
        let _ = self.visit(Visit::Child(segment, child));
    }

    /// Takes a child whose walk is one visit, `visit` ([`Walk::single_visit`]):
    /// the derived walks and ownkit's collections hand such children over
    /// through it, with the visit, so that a walker may take the visit in
    /// place of the child's walk, as if it walked the child right away.
    ///
    /// The default hands the child over as any other, through
    /// [`visit_child`](Self::visit_child), so a walker that does not write
    /// this method sees no change. The ownership graph takes the visit, to
    /// save opening a scope for the child and walking it only to be told
    /// of one buffer or one pointer.
    ///
    /// ```
    /// use ownkit::walk::{Descend, Segment, SingleVisit, Visit, Walk, Walker};
    ///
    /// /// Counts the heap blocks a value owns, all the way down.
    /// struct Buffers(usize);
    ///
    /// impl<'a> Walker<'a> for Buffers {
    ///     fn visit(&mut self, visit: Visit<'a>) -> Descend {
    ///         if let Visit::Owns(_) = visit {
    ///             self.0 += 1;
    ///         }
    ///         Descend::Yes
    ///     }
    ///
    ///     fn visit_child(&mut self, _: Segment, child: &'a dyn Walk) {
    ///         child.walk(self);
    ///     }
    ///
    ///     fn visit_single_child(&mut self, _: Segment, _: &'a dyn Walk, visit: SingleVisit<'a>) {
    ///         visit.make(self); // the same as walking the child
    ///     }
    /// }
    ///
    /// let names = vec![String::from("Ada"), String::from("Grace")];
    /// let mut buffers = Buffers(0);
    /// names.walk(&mut buffers);
    /// assert_eq!(buffers.0, 3); // the Vec's and the two Strings'
    /// ```
    fn visit_single_child(
        &mut self,
        segment: Segment,
        child: &'a dyn Walk,
        visit: SingleVisit<'a>,
    ) {
        let _ = visit;
        self.visit_child(segment, child);
    }
}

/// The whole walk of a value that makes one visit (see
/// [`Walk::single_visit`]), which a walker may take without the walk.
///
/// ```
/// use ownkit::walk::{SingleVisit, Walk, Walker};
/// # use ownkit::walk::{Descend, Visit};
/// # struct Nothing;
/// # impl<'a> Walker<'a> for Nothing {
/// #     fn visit(&mut self, _: Visit<'a>) -> Descend {
/// #         Descend::No
/// #     }
/// # }
///
/// let name = String::from("Ada");
/// let Some(SingleVisit::Owns(block)) = name.single_visit(&Nothing) else {
///     unreachable!("a String's walk is its buffer")
/// };
/// assert_eq!(block.address, name.as_ptr() as usize);
/// assert_eq!(block.size, name.capacity());
/// ```
#[derive(Clone, Copy)]
#[non_exhaustive]
pub enum SingleVisit<'a> {
    /// The walk is `walker.visit(Visit::Owns(block))`.
    Owns(Block),
    /// The walk is [`walker.visit_pointer(info, target)`](Walker::visit_pointer).
    Pointer(PointerInfo, &'a dyn Walk),
}

impl<'a> SingleVisit<'a> {
    /// Makes the visit to `walker`: exactly the walk it stands for.
    ///
    /// ```
    /// use ownkit::walk::{Descend, Visit, Walk, Walker};
    ///
    /// /// Writes down every visit.
    /// struct Log(Vec<String>);
    /// impl<'a> Walker<'a> for Log {
    ///     fn visit(&mut self, visit: Visit<'a>) -> Descend {
    ///         self.0.push(format!("{visit:?}"));
    ///         Descend::No
    ///     }
    /// }
    ///
    /// let name = String::from("Ada");
    /// let (mut walked, mut made) = (Log(Vec::new()), Log(Vec::new()));
    /// name.walk(&mut walked);
    /// name.single_visit(&made).unwrap().make(&mut made);
    /// assert_eq!(walked.0, made.0);
    /// ```
    #[inline]
    pub fn make(self, walker: &mut dyn Walker<'a>) {
        match self {
            SingleVisit::Owns(block) => {
                let _ = walker.visit(Visit::Owns(block));
            }
            SingleVisit::Pointer(info, target) => walker.visit_pointer(info, target),
        }
    }
}

impl fmt::Debug for SingleVisit<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SingleVisit::Owns(block) => f.debug_tuple("Owns").field(block).finish(),
            SingleVisit::Pointer(info, target) => f
                .debug_tuple("Pointer")
                .field(info)
                .field(&target.type_name())
                .finish(),
        }
    }
}

/// Whether a [`Walker`] wants the contents of a [`Visit::Traced`] or
/// [`Visit::Pointer`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[must_use = "a walk skips the contents unless the walker asks for them"]
pub enum Descend {
    /// Report the contents, then a [`Visit::Leave`].
    Yes,
    /// Skip the contents (and the `Leave`).
    No,
}

/// One step of a walk; see [the protocol](Walker#the-protocol) for which
/// visits open a scope.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub enum Visit<'a> {
    /// A value of a type that derives [`Walk`]. Opens a scope of its fields
    /// on [`Descend::Yes`].
    Traced(TracedInfo),
    /// A pointer that owns or shares a heap value. Opens a scope on
    /// [`Descend::Yes`], holding its target under [`Segment::Deref`].
    Pointer(PointerInfo),
    /// A value held by the current one, under `segment`. The walker calls
    /// its [`Walk::walk`] when it wants to look inside.
    Child(Segment, &'a dyn Walk),
    /// A value held by the current one under `segment`, reported in place:
    /// its visits follow, then a [`Visit::Leave`]. The second field is its
    /// type, as [`Walk::type_name`] gives it.
    Enter(Segment, &'static str),
    /// Closes the innermost open scope.
    Leave,
    /// A field that may hold traced values ownkit cannot see into
    /// (`#[ownkit(opaque)]`, or every field of a packed struct): only
    /// where it is.
    Opaque {
        /// Where the field sits in its parent.
        segment: Segment,
        /// The field's address.
        address: usize,
        /// The field's size in bytes.
        size: usize,
    },
    /// A heap block the current value owns and frees when it drops (a
    /// `Vec`'s or a `String`'s buffer).
    Owns(Block),
    /// A weak pointer: it keeps the block, not the value, alive.
    Weak(PointerInfo),
    /// A reference to a value owned elsewhere. Opens a scope on
    /// [`Descend::Yes`], holding its target under [`Segment::Deref`].
    Borrows {
        /// The address of the value borrowed.
        address: usize,
        /// Its type, as `core::any::type_name` spells it.
        type_name: &'static str,
    },
    /// A value whose contents cannot be looked at right now, for example a
    /// `RefCell` that is mutably borrowed, or a `Cell`. They may still hold
    /// traced values that drop with it, so the drop recorder treats the
    /// place like an [`Opaque`](Visit::Opaque) field.
    Hidden {
        /// Why the contents are hidden, which the graph shows on the
        /// hidden node and the drop report on what it places inside them
        /// ("a Cell never lends out its value").
        reason: &'static str,
        /// The address of the value whose contents are hidden.
        address: usize,
        /// Its size in bytes.
        size: usize,
    },
}

impl fmt::Debug for Visit<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Visit::Traced(info) => f.debug_tuple("Traced").field(info).finish(),
            Visit::Pointer(info) => f.debug_tuple("Pointer").field(info).finish(),
            Visit::Child(segment, _) => f.debug_tuple("Child").field(segment).finish(),
            Visit::Enter(segment, type_name) => f
                .debug_tuple("Enter")
                .field(segment)
                .field(type_name)
                .finish(),
            Visit::Leave => f.write_str("Leave"),
            Visit::Opaque {
                segment,
                address,
                size,
            } => f
                .debug_struct("Opaque")
                .field("segment", segment)
                .field("address", address)
                .field("size", size)
                .finish(),
            Visit::Owns(block) => f.debug_tuple("Owns").field(block).finish(),
            Visit::Weak(info) => f.debug_tuple("Weak").field(info).finish(),
            Visit::Borrows { address, type_name } => f
                .debug_struct("Borrows")
                .field("address", address)
                .field("type_name", type_name)
                .finish(),
            Visit::Hidden {
                reason,
                address,
                size,
            } => f
                .debug_struct("Hidden")
                .field("reason", reason)
                .field("address", address)
                .field("size", size)
                .finish(),
        }
    }
}

/// One step of a path from a root value to something inside it.
///
/// Paths print as the root's type name followed by the segments:
/// `.name` for a field (`.0` for a tuple field), `[i]` for element `i`,
/// `.*` for the target of a pointer.
///
/// ```
/// use ownkit::walk::Segment;
///
/// let path: String = [Segment::Field("items"), Segment::Index(2), Segment::Deref]
///     .iter()
///     .map(ToString::to_string)
///     .collect();
/// assert_eq!(path, ".items[2].*");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// A named or tuple field: `.name`, `.0`.
    Field(&'static str),
    /// Element `i` of a sequence, a map (in iteration order) or an arena.
    Index(usize),
    /// The target of a pointer.
    Deref,
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Segment::Field(name) => write!(f, ".{name}"),
            Segment::Index(index) => write!(f, "[{index}]"),
            Segment::Deref => f.write_str(".*"),
        }
    }
}

impl Segment {
    /// The field segment for tuple field `index` (`.0`, `.1`, ...), for
    /// tuples and tuple structs of up to 16 fields.
    ///
    /// # Panics
    ///
    /// If `index` is 16 or more.
    ///
    /// ```
    /// use ownkit::walk::Segment;
    ///
    /// assert_eq!(Segment::tuple_field(1), Segment::Field("1"));
    /// ```
    #[must_use]
    pub const fn tuple_field(index: usize) -> Self {
        const NAMES: [&str; 16] = [
            "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15",
        ];
        assert!(index < NAMES.len(), "tuple field index out of range");
        Segment::Field(NAMES[index])
    }
}

/// The static description of a derived type: its name, and the names of
/// its variants and their fields. The derives build one per type, once, in
/// a `static`.
///
/// ```
/// use ownkit::walk::{Shape, VariantShape};
///
/// static POINT: Shape = Shape::structure("Point", &["x", "y"]);
/// static TREE: Shape = Shape::enumeration(
///     "Tree",
///     &[VariantShape::new("Leaf", &[]), VariantShape::new("Node", &["0", "1"])],
/// );
/// assert_eq!(POINT.name(), "Point");
/// assert_eq!(POINT.fields(0), ["x", "y"]);
/// assert_eq!(TREE.variant_name(1), Some("Node"));
/// assert_eq!(TREE.fields(1), ["0", "1"]);
/// ```
#[derive(Debug)]
pub struct Shape {
    name: &'static str,
    packed: bool,
    body: Body,
}

/// A struct's fields, or an enum's variants.
#[derive(Debug)]
enum Body {
    Struct(&'static [&'static str]),
    Enum(&'static [VariantShape]),
}

/// One variant of an enum's [`Shape`].
#[derive(Debug)]
pub struct VariantShape {
    name: &'static str,
    fields: &'static [&'static str],
}

impl VariantShape {
    /// A variant called `name` with these fields (`"0"`, `"1"`, ... for
    /// tuple fields).
    ///
    /// ```
    /// use ownkit::walk::VariantShape;
    ///
    /// let node = VariantShape::new("Node", &["left", "right"]);
    /// assert_eq!(node.fields(), ["left", "right"]);
    /// ```
    #[must_use]
    pub const fn new(name: &'static str, fields: &'static [&'static str]) -> Self {
        Self { name, fields }
    }

    /// The variant's name.
    ///
    /// ```
    /// use ownkit::walk::VariantShape;
    ///
    /// assert_eq!(VariantShape::new("Leaf", &[]).name(), "Leaf");
    /// ```
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The names of the variant's fields, in declaration order.
    ///
    /// ```
    /// use ownkit::walk::VariantShape;
    ///
    /// assert!(VariantShape::new("Leaf", &[]).fields().is_empty());
    /// ```
    #[must_use]
    pub const fn fields(&self) -> &'static [&'static str] {
        self.fields
    }
}

impl Shape {
    /// The shape of a struct called `name` with these fields (`"0"`, `"1"`,
    /// ... for a tuple struct).
    ///
    /// ```
    /// use ownkit::walk::Shape;
    ///
    /// static UNIT: Shape = Shape::structure("Marker", &[]);
    /// assert!(!UNIT.is_enum());
    /// ```
    #[must_use]
    pub const fn structure(name: &'static str, fields: &'static [&'static str]) -> Self {
        Self {
            name,
            packed: false,
            body: Body::Struct(fields),
        }
    }

    /// The shape of an enum called `name` with these variants.
    ///
    /// ```
    /// use ownkit::walk::{Shape, VariantShape};
    ///
    /// static EITHER: Shape = Shape::enumeration(
    ///     "Either",
    ///     &[VariantShape::new("Left", &["0"]), VariantShape::new("Right", &["0"])],
    /// );
    /// assert!(EITHER.is_enum());
    /// ```
    #[must_use]
    pub const fn enumeration(name: &'static str, variants: &'static [VariantShape]) -> Self {
        Self {
            name,
            packed: false,
            body: Body::Enum(variants),
        }
    }

    /// The same shape, marked as a packed struct: its fields are moved to
    /// aligned places before they are dropped, so drop reports cannot place
    /// what they hold with certainty.
    ///
    /// ```
    /// use ownkit::walk::Shape;
    ///
    /// static PACKED: Shape = Shape::structure("Wire", &["tag", "len"]).packed();
    /// assert!(PACKED.is_packed());
    /// ```
    #[must_use]
    pub const fn packed(self) -> Self {
        Self {
            packed: true,
            ..self
        }
    }

    /// The type's name as written in its definition, without generics.
    ///
    /// ```
    /// use ownkit::walk::Shape;
    ///
    /// assert_eq!(Shape::structure("Point", &["x", "y"]).name(), "Point");
    /// ```
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Whether the type is an enum.
    ///
    /// ```
    /// use ownkit::walk::Shape;
    ///
    /// assert!(!Shape::structure("Point", &[]).is_enum());
    /// ```
    #[must_use]
    pub const fn is_enum(&self) -> bool {
        matches!(self.body, Body::Enum(_))
    }

    /// Whether the type is a packed struct; see [`Shape::packed`].
    ///
    /// ```
    /// use ownkit::walk::Shape;
    ///
    /// assert!(!Shape::structure("Point", &[]).is_packed());
    /// ```
    #[must_use]
    pub const fn is_packed(&self) -> bool {
        self.packed
    }

    /// The name of variant `index` of an enum; `None` for a struct or an
    /// index out of range.
    ///
    /// ```
    /// use ownkit::walk::{Shape, VariantShape};
    ///
    /// static OPTIONAL: Shape = Shape::enumeration(
    ///     "Optional",
    ///     &[VariantShape::new("Nothing", &[]), VariantShape::new("Just", &["0"])],
    /// );
    /// assert_eq!(OPTIONAL.variant_name(0), Some("Nothing"));
    /// assert_eq!(OPTIONAL.variant_name(2), None);
    /// ```
    #[must_use]
    pub fn variant_name(&self, index: usize) -> Option<&'static str> {
        match self.body {
            Body::Struct(_) => None,
            Body::Enum(variants) => variants.get(index).map(VariantShape::name),
        }
    }

    /// The field names of variant `index` (of the struct, for index 0 of a
    /// struct); empty if there is no such variant.
    ///
    /// ```
    /// use ownkit::walk::Shape;
    ///
    /// assert_eq!(Shape::structure("Point", &["x", "y"]).fields(0), ["x", "y"]);
    /// assert!(Shape::structure("Point", &["x", "y"]).fields(1).is_empty());
    /// ```
    #[must_use]
    pub fn fields(&self, index: usize) -> &'static [&'static str] {
        match self.body {
            Body::Struct(fields) if index == 0 => fields,
            Body::Struct(_) => &[],
            Body::Enum(variants) => variants.get(index).map_or(&[], VariantShape::fields),
        }
    }
}

/// What a value of a derived type says about itself in [`Visit::Traced`].
#[derive(Clone, Copy, Debug)]
pub struct TracedInfo {
    /// The type's static description.
    pub shape: &'static Shape,
    /// The index of the active variant (0 for a struct).
    pub variant: usize,
    /// The value's address.
    pub address: usize,
    /// The value's size in bytes.
    pub size: usize,
    /// The full type, as `core::any::type_name` spells it (with generics).
    pub type_name: &'static str,
}

impl TracedInfo {
    /// The description of `value`, a value of a derived type with this
    /// `shape`, currently in variant `variant`.
    ///
    /// ```
    /// use ownkit::walk::{Shape, TracedInfo};
    ///
    /// static POINT: Shape = Shape::structure("Point", &["x", "y"]);
    /// let point = (1_u8, 2_u8);
    /// let info = TracedInfo::of(&point, &POINT, 0);
    /// assert_eq!(info.size, 2);
    /// assert_eq!(info.address, &point as *const _ as usize);
    /// ```
    #[must_use]
    pub fn of<T: ?Sized>(value: &T, shape: &'static Shape, variant: usize) -> Self {
        Self {
            shape,
            variant,
            address: address_of(value),
            size: core::mem::size_of_val(value),
            type_name: core::any::type_name::<T>(),
        }
    }
}
