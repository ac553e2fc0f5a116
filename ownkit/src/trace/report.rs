//! The report of a capture: a tree of what was dropped, inside what, in
//! which order, with the heap blocks freed along the way.
//!
//! A [`DropReport`] owns plain data (strings and numbers): it borrows
//! nothing from the values it describes, which are all gone by the time it
//! exists, and dropping it drops only its own strings.
//!
//! Every example below uses this small traced type, written by hand the way
//! `#[derive(TraceDrop)]` writes it:
//!
//! ```
//! use ownkit::trace::{Descend, Segment, Shape, TracedInfo, Visit, Walk, Walker};
//!
//! static LEAF: Shape = Shape::structure("Leaf", &[]);
//! static PAIR: Shape = Shape::structure("Pair", &["left", "right"]);
//!
//! struct Leaf;
//! struct Pair {
//!     left: Leaf,
//!     right: Leaf,
//! }
//!
//! impl Walk for Leaf {
//!     fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
//!         if walker.visit(Visit::Traced(TracedInfo::of(self, &LEAF, 0))) == Descend::Yes {
//!             let _ = walker.visit(Visit::Leave);
//!         }
//!     }
//! }
//! impl Drop for Leaf {
//!     fn drop(&mut self) {
//!         ownkit::trace::record_drop(self);
//!     }
//! }
//! impl Drop for Pair {
//!     fn drop(&mut self) {
//!         ownkit::__private::record_drop_with(&*self, &PAIR, 0, |walker| {
//!             let _ = walker.visit(Visit::Child(Segment::Field("left"), &self.left));
//!             let _ = walker.visit(Visit::Child(Segment::Field("right"), &self.right));
//!         });
//!     }
//! }
//!
//! let report = ownkit::trace::capture(|| drop(Pair { left: Leaf, right: Leaf }));
//! report.assert_tree(
//!     "
//!     Pair
//!     ├── left: Leaf
//!     └── right: Leaf
//!     ",
//! );
//! ```

use super::diff::diff_lines;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

/// What a [`capture`](super::capture) saw dropped: every traced value,
/// nested under the value it was a part of, in the order the compiler
/// dropped it, with the heap blocks that were freed.
///
/// `Display` prints the tree without addresses, so the text is the same
/// from run to run and fit for snapshot tests;
/// [`with_addresses`](Self::with_addresses) adds them.
///
/// ```
/// # use ownkit::trace::{Descend, Segment, Shape, TracedInfo, Visit, Walk, Walker};
/// # static LEAF: Shape = Shape::structure("Leaf", &[]);
/// # struct Leaf;
/// # impl Walk for Leaf {
/// #     fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
/// #         if walker.visit(Visit::Traced(TracedInfo::of(self, &LEAF, 0))) == Descend::Yes {
/// #             let _ = walker.visit(Visit::Leave);
/// #         }
/// #     }
/// # }
/// # impl Drop for Leaf { fn drop(&mut self) { ownkit::trace::record_drop(self); } }
/// let report = ownkit::trace::capture(|| {
///     let _kept = Leaf;
///     drop(Leaf);
/// });
/// assert_eq!(report.to_string(), "Leaf\nLeaf\n");
/// assert!(report.is_certain());
/// ```
#[derive(Clone, Debug, Default)]
pub struct DropReport {
    roots: Vec<DropNode>,
    /// The top level in order: roots, and blocks freed outside any drop.
    items: Vec<Item>,
    /// Blocks freed outside any recorded drop (the last `Weak` of a value
    /// dropped earlier, for instance).
    loose_freed: Vec<Freed>,
    /// Every path, in the order the drops began.
    paths: Vec<String>,
    /// Every freed block, in order.
    all_freed: Vec<Freed>,
    anomalies: Vec<Anomaly>,
    lost: usize,
    /// How many events the capture recorded.
    events: usize,
}

/// One entry of a level of the tree, in the order it happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Item {
    /// The child (or root) at this index.
    Node(usize),
    /// The freed block at this index.
    Freed(usize),
}

/// One dropped value in a [`DropReport`], with what dropped inside it.
///
/// ```
/// # use ownkit::trace::{Descend, Segment, Shape, TracedInfo, Visit, Walk, Walker};
/// # static LEAF: Shape = Shape::structure("Leaf", &[]);
/// # static PAIR: Shape = Shape::structure("Pair", &["left", "right"]);
/// # struct Leaf;
/// # struct Pair { left: Leaf, right: Leaf }
/// # impl Walk for Leaf {
/// #     fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
/// #         if walker.visit(Visit::Traced(TracedInfo::of(self, &LEAF, 0))) == Descend::Yes {
/// #             let _ = walker.visit(Visit::Leave);
/// #         }
/// #     }
/// # }
/// # impl Drop for Leaf { fn drop(&mut self) { ownkit::trace::record_drop(self); } }
/// # impl Drop for Pair {
/// #     fn drop(&mut self) {
/// #         ownkit::__private::record_drop_with(&*self, &PAIR, 0, |walker| {
/// #             let _ = walker.visit(Visit::Child(Segment::Field("left"), &self.left));
/// #             let _ = walker.visit(Visit::Child(Segment::Field("right"), &self.right));
/// #         });
/// #     }
/// # }
/// let report = ownkit::trace::capture(|| drop(Pair { left: Leaf, right: Leaf }));
/// let pair = &report.roots()[0];
/// assert_eq!(pair.path(), "Pair");
/// let fields: Vec<&str> = pair.children().iter().map(|child| child.path()).collect();
/// assert_eq!(fields, ["Pair.left", "Pair.right"]);
/// ```
#[derive(Clone, Debug)]
pub struct DropNode {
    path: String,
    /// The path from the parent, as printed (`a`, `v[0]`, `*`); empty for
    /// a root.
    relative: String,
    label: String,
    type_name: &'static str,
    address: usize,
    /// Why the node is where it is, when that was a guess.
    uncertain: Option<String>,
    /// A remark printed after the label, such as an `Rc` that was not the
    /// last owner.
    note: Option<String>,
    children: Vec<DropNode>,
    freed: Vec<Freed>,
    items: Vec<Item>,
}

/// A heap block freed during a capture, and by whom.
///
/// ```
/// let freed = ownkit::trace::Freed {
///     path: "Outer.b".to_owned(),
///     size: 16,
///     align: 8,
///     address: 0x1000,
/// };
/// assert_eq!(freed.to_string(), "freed 16 bytes (align 8)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Freed {
    /// The path of the pointer that freed it (empty if it was freed outside
    /// any recorded drop).
    pub path: String,
    /// Its size in bytes.
    pub size: usize,
    /// Its alignment in bytes.
    pub align: usize,
    /// Its address.
    pub address: usize,
}

impl fmt::Display for Freed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "freed {} bytes (align {})", self.size, self.align)
    }
}

/// Something the report knows went differently from what the values
/// announced: a value expected to drop that never did (`mem::forget`, a
/// leaked cycle, a value moved out before the drop).
///
/// ```
/// # use ownkit::trace::{Descend, Segment, Shape, TracedInfo, Visit, Walk, Walker};
/// # static LEAF: Shape = Shape::structure("Leaf", &[]);
/// # static HOLDER: Shape = Shape::structure("Holder", &["inner"]);
/// # struct Leaf;
/// # impl Walk for Leaf {
/// #     fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
/// #         if walker.visit(Visit::Traced(TracedInfo::of(self, &LEAF, 0))) == Descend::Yes {
/// #             let _ = walker.visit(Visit::Leave);
/// #         }
/// #     }
/// # }
/// # impl Drop for Leaf { fn drop(&mut self) { ownkit::trace::record_drop(self); } }
/// /// Forgets its `inner` leaf when dropped.
/// struct Holder {
///     inner: std::mem::ManuallyDrop<Leaf>,
/// }
///
/// impl Drop for Holder {
///     fn drop(&mut self) {
///         // Announce the leaf as a field, then never drop it.
///         ownkit::__private::record_drop_with(&*self, &HOLDER, 0, |walker| {
///             let _ = walker.visit(Visit::Child(Segment::Field("inner"), &*self.inner));
///         });
///     }
/// }
///
/// let report = ownkit::trace::capture(|| drop(Holder { inner: std::mem::ManuallyDrop::new(Leaf) }));
/// assert_eq!(report.anomalies().len(), 1);
/// assert_eq!(report.anomalies()[0].path(), "Holder.inner");
/// assert!(!report.is_certain());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Anomaly {
    path: String,
    message: String,
}

impl Anomaly {
    /// An anomaly about the value at `path`, described by `message` (one
    /// line).
    pub(super) fn new(path: String, message: String) -> Self {
        debug_assert!(!message.contains('\n'), "anomaly spans lines: {message:?}");
        Self { path, message }
    }

    /// The path of the value it is about.
    ///
    /// See [`Anomaly`] for an example.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl fmt::Display for Anomaly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// What the rebuild hands over to make a node.
#[derive(Debug)]
pub(super) struct NodeParts {
    pub(super) path: String,
    pub(super) relative: String,
    pub(super) label: String,
    pub(super) type_name: &'static str,
    pub(super) address: usize,
    pub(super) uncertain: Option<String>,
    pub(super) note: Option<String>,
}

impl DropNode {
    /// Builds a node from its parts and its finished children.
    pub(super) fn new(
        parts: NodeParts,
        children: Vec<DropNode>,
        freed: Vec<Freed>,
        items: Vec<Item>,
    ) -> Self {
        debug_assert_eq!(
            items.len(),
            children.len() + freed.len(),
            "node `{}` lists {} items for {} children and {} blocks",
            parts.path,
            items.len(),
            children.len(),
            freed.len()
        );
        Self {
            path: parts.path,
            relative: parts.relative,
            label: parts.label,
            type_name: parts.type_name,
            address: parts.address,
            uncertain: parts.uncertain,
            note: parts.note,
            children,
            freed,
            items,
        }
    }

    /// The value's path: the root's type name, then a segment per step
    /// (`Outer.b.*.items[0]`).
    ///
    /// See [`DropNode`] for an example.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What the tree prints for the value: its type without module paths
    /// (`Leaf`, `Vec<Leaf>`), `Type::Variant` for an enum, the pointer
    /// (`Box<Mid>`) for one of ownkit's pointers.
    ///
    /// ```
    /// # use ownkit::trace::{Descend, Segment, Shape, TracedInfo, Visit, Walk, Walker};
    /// # static LEAF: Shape = Shape::structure("Leaf", &[]);
    /// # struct Leaf;
    /// # impl Walk for Leaf {
    /// #     fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
    /// #         if walker.visit(Visit::Traced(TracedInfo::of(self, &LEAF, 0))) == Descend::Yes {
    /// #             let _ = walker.visit(Visit::Leave);
    /// #         }
    /// #     }
    /// # }
    /// # impl Drop for Leaf { fn drop(&mut self) { ownkit::trace::record_drop(self); } }
    /// let report = ownkit::trace::capture(|| drop(Leaf));
    /// assert_eq!(report.roots()[0].label(), "Leaf");
    /// assert!(report.roots()[0].type_name().ends_with("::Leaf"));
    /// ```
    #[must_use]
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The value's full type, as `core::any::type_name` spells it (the
    /// target's type, for a pointer).
    ///
    /// See [`label`](Self::label) for an example.
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The values dropped inside this one, in the order they dropped.
    ///
    /// See [`DropNode`] for an example.
    #[must_use]
    pub fn children(&self) -> &[DropNode] {
        &self.children
    }

    /// The heap blocks freed by this value's drop (by a pointer, its own
    /// block), in order.
    ///
    /// ```
    /// let report = ownkit::trace::capture(|| drop(ownkit::Box::new(7_u64)));
    /// for root in report.roots() {
    ///     for block in root.freed() {
    ///         assert_eq!(block.size, 8);
    ///     }
    /// }
    /// ```
    #[must_use]
    pub fn freed(&self) -> &[Freed] {
        &self.freed
    }

    /// Why the value was placed here by guesswork, or `None` if its place
    /// is exact: it was announced by its parent and matched by address and
    /// type.
    ///
    /// See [`DropReport::is_certain`] for an example.
    #[must_use]
    pub fn uncertain(&self) -> Option<&str> {
        self.uncertain.as_deref()
    }

    /// Where the value was when it was dropped (for a pointer, where the
    /// pointer itself was).
    ///
    /// See [`DropReport::with_addresses`] for an example.
    #[must_use]
    pub fn address(&self) -> usize {
        self.address
    }
}

impl DropReport {
    /// Assembles a report from the rebuild's results.
    pub(super) fn new(
        roots: Vec<DropNode>,
        items: Vec<Item>,
        loose_freed: Vec<Freed>,
        paths: Vec<String>,
        all_freed: Vec<Freed>,
        anomalies: Vec<Anomaly>,
        lost: usize,
    ) -> Self {
        Self {
            roots,
            items,
            loose_freed,
            paths,
            all_freed,
            anomalies,
            lost,
            events: 0,
        }
    }

    /// The values dropped at the top level (no traced parent), in order.
    ///
    /// See [`DropReport`] for an example.
    #[must_use]
    pub fn roots(&self) -> &[DropNode] {
        &self.roots
    }

    /// The path of every recorded drop, in the order the drops began, so a
    /// parent comes before its fields.
    ///
    /// ```
    /// # use ownkit::trace::{Descend, Segment, Shape, TracedInfo, Visit, Walk, Walker};
    /// # static LEAF: Shape = Shape::structure("Leaf", &[]);
    /// # static PAIR: Shape = Shape::structure("Pair", &["left", "right"]);
    /// # struct Leaf;
    /// # struct Pair { left: Leaf, right: Leaf }
    /// # impl Walk for Leaf {
    /// #     fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
    /// #         if walker.visit(Visit::Traced(TracedInfo::of(self, &LEAF, 0))) == Descend::Yes {
    /// #             let _ = walker.visit(Visit::Leave);
    /// #         }
    /// #     }
    /// # }
    /// # impl Drop for Leaf { fn drop(&mut self) { ownkit::trace::record_drop(self); } }
    /// # impl Drop for Pair {
    /// #     fn drop(&mut self) {
    /// #         ownkit::__private::record_drop_with(&*self, &PAIR, 0, |walker| {
    /// #             let _ = walker.visit(Visit::Child(Segment::Field("left"), &self.left));
    /// #             let _ = walker.visit(Visit::Child(Segment::Field("right"), &self.right));
    /// #         });
    /// #     }
    /// # }
    /// let report = ownkit::trace::capture(|| drop(Pair { left: Leaf, right: Leaf }));
    /// assert_eq!(report.paths(), ["Pair", "Pair.left", "Pair.right"]);
    /// ```
    #[must_use]
    pub fn paths(&self) -> Vec<String> {
        self.paths.clone()
    }

    /// Every heap block freed during the capture, in order, each with the
    /// path of the pointer that freed it.
    ///
    /// ```
    /// let report = ownkit::trace::capture(|| drop(ownkit::Box::new([0_u32; 4])));
    /// for block in report.freed() {
    ///     assert_eq!((block.size, block.align), (16, 4));
    /// }
    /// ```
    #[must_use]
    pub fn freed(&self) -> Vec<Freed> {
        self.all_freed.clone()
    }

    /// What went differently from what the values announced; see
    /// [`Anomaly`].
    ///
    /// See [`Anomaly`] for an example.
    #[must_use]
    pub fn anomalies(&self) -> &[Anomaly] {
        &self.anomalies
    }

    /// Whether every node sits exactly where the values announced it, no
    /// anomaly was seen and no event was lost.
    ///
    /// ```
    /// # use ownkit::trace::{Descend, Segment, Shape, TracedInfo, Visit, Walk, Walker};
    /// # static LEAF: Shape = Shape::structure("Leaf", &[]);
    /// # struct Leaf;
    /// # impl Walk for Leaf {
    /// #     fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
    /// #         if walker.visit(Visit::Traced(TracedInfo::of(self, &LEAF, 0))) == Descend::Yes {
    /// #             let _ = walker.visit(Visit::Leave);
    /// #         }
    /// #     }
    /// # }
    /// # impl Drop for Leaf { fn drop(&mut self) { ownkit::trace::record_drop(self); } }
    /// static SEALED: Shape = Shape::structure("Sealed", &["contents"]);
    ///
    /// /// Holds a leaf it does not let anyone see into.
    /// struct Sealed {
    ///     contents: Leaf,
    /// }
    ///
    /// impl Drop for Sealed {
    ///     fn drop(&mut self) {
    ///         ownkit::__private::record_drop_with(&*self, &SEALED, 0, |walker| {
    ///             let _ = walker.visit(Visit::Opaque {
    ///                 segment: Segment::Field("contents"),
    ///                 address: ownkit::trace::address_of(&self.contents),
    ///                 size: size_of_val(&self.contents),
    ///             });
    ///         });
    ///     }
    /// }
    ///
    /// let report = ownkit::trace::capture(|| drop(Sealed { contents: Leaf }));
    /// assert!(!report.is_certain());
    /// assert!(report.roots()[0].children()[0].uncertain().is_some());
    /// ```
    #[must_use]
    pub fn is_certain(&self) -> bool {
        self.anomalies.is_empty() && self.lost == 0 && {
            let mut stack: Vec<&DropNode> = self.roots.iter().collect();
            let mut certain = true;
            while let Some(node) = stack.pop() {
                if node.uncertain.is_some() {
                    certain = false;
                    break;
                }
                stack.extend(node.children.iter());
            }
            certain
        }
    }

    /// How many events could not be recorded for lack of memory; the tree
    /// may be incomplete when this is not 0.
    ///
    /// ```
    /// let report = ownkit::trace::capture(|| {});
    /// assert_eq!(report.lost_events(), 0);
    /// ```
    #[must_use]
    pub fn lost_events(&self) -> usize {
        self.lost
    }

    /// How many events the capture recorded: one per traced drop, per
    /// expected child, per pointer frame and per freed block, plus the path
    /// segments between them. Each is one fixed-size record (32 bytes on
    /// 64-bit targets) in a buffer shared by all captures; nothing else is
    /// allocated per event.
    ///
    /// ```
    /// use ownkit::TraceDrop;
    ///
    /// #[derive(TraceDrop)]
    /// struct Leaf;
    ///
    /// assert_eq!(ownkit::trace::capture(|| {}).event_count(), 0);
    /// assert!(ownkit::trace::capture(|| drop(Leaf)).event_count() >= 1);
    /// ```
    #[must_use]
    pub fn event_count(&self) -> usize {
        self.events
    }

    /// Records how many events went into this report.
    pub(super) fn with_event_count(mut self, events: usize) -> Self {
        self.events = events;
        self
    }

    /// The same tree as `Display`, with the address of every value and
    /// freed block.
    ///
    /// ```
    /// # use ownkit::trace::{Descend, Segment, Shape, TracedInfo, Visit, Walk, Walker};
    /// # static LEAF: Shape = Shape::structure("Leaf", &[]);
    /// # struct Leaf(u8);
    /// # impl Walk for Leaf {
    /// #     fn walk<'a>(&'a self, walker: &mut dyn Walker<'a>) {
    /// #         if walker.visit(Visit::Traced(TracedInfo::of(self, &LEAF, 0))) == Descend::Yes {
    /// #             let _ = walker.visit(Visit::Leave);
    /// #         }
    /// #     }
    /// # }
    /// # impl Drop for Leaf { fn drop(&mut self) { ownkit::trace::record_drop(self); } }
    /// let report = ownkit::trace::capture(|| drop(Leaf(1)));
    /// let address = report.roots()[0].address();
    /// assert_ne!(address, 0);
    /// assert_eq!(report.with_addresses().to_string(), format!("Leaf @ {address:#x}\n"));
    /// ```
    pub fn with_addresses(&self) -> impl fmt::Display + '_ {
        WithAddresses(self)
    }

    /// Checks that the drops' paths are `expected`, in order.
    ///
    /// # Panics
    ///
    /// If they differ, with a line diff: `-` for expected paths that are
    /// missing, `+` for recorded paths that were not expected.
    ///
    /// See [`paths`](Self::paths) for an example.
    #[track_caller]
    pub fn assert_paths(&self, expected: &[&str]) {
        let actual: Vec<&str> = self.paths.iter().map(String::as_str).collect();
        if actual != expected {
            panic!(
                "the drop paths differ from the expected ones (- expected, + actual):\n{}",
                diff_lines(expected, &actual)
            );
        }
    }

    /// Checks that the report prints as `expected`. The expected text may
    /// be indented and surrounded by blank lines: its common indentation,
    /// the blank lines at either end and trailing spaces are ignored.
    ///
    /// # Panics
    ///
    /// If the texts differ, with a line diff: `-` for expected lines, `+`
    /// for actual ones.
    ///
    /// ```should_panic
    /// let report = ownkit::trace::capture(|| {});
    /// report.assert_tree("Leaf"); // nothing was dropped
    /// ```
    #[track_caller]
    pub fn assert_tree(&self, expected: &str) {
        let expected = normalise(expected);
        let actual_text = self.to_string();
        let actual = normalise(&actual_text);
        if actual != expected {
            panic!(
                "the drop tree differs from the expected one (- expected, + actual):\n{}",
                diff_lines(&expected, &actual)
            );
        }
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, addresses: bool) -> fmt::Result {
        for item in &self.items {
            match *item {
                Item::Node(index) => {
                    let root = &self.roots[index];
                    write_node_line(f, root, &root.label, addresses)?;
                    write_children(f, root, &mut String::new(), addresses)?;
                }
                Item::Freed(index) => {
                    write_freed(f, &self.loose_freed[index], addresses)?;
                    writeln!(f)?;
                }
            }
        }
        for anomaly in &self.anomalies {
            writeln!(f, "anomaly: {anomaly}")?;
        }
        if self.lost > 0 {
            writeln!(f, "lost: {} events", self.lost)?;
        }
        Ok(())
    }
}

/// The lines of `text` without the blank lines at either end, the common
/// indentation and trailing spaces.
/// The lines of an expected or actual tree, compared the way
/// `assert_tree` documents: blank lines at either end, trailing spaces and
/// the common indentation dropped. When the text starts on the same line
/// as its opening quote (`"Outer\n    ├── ..."`), that first line does not
/// count toward the common indentation, so a literal can be written
/// indented to the code around it.
fn normalise(text: &str) -> Vec<&str> {
    let starts_inline = !text.starts_with(['\n', '\r', ' ']);
    let mut lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    while lines.first().is_some_and(|line| line.is_empty()) {
        lines.remove(0);
    }
    while lines.last().is_some_and(|line| line.is_empty()) {
        lines.pop();
    }
    let skip_first = usize::from(starts_inline);
    let indent = lines
        .iter()
        .skip(skip_first)
        .filter(|line| !line.is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    lines
        .into_iter()
        .enumerate()
        .map(|(number, line)| {
            if number < skip_first {
                line
            } else {
                line.get(indent..).unwrap_or("")
            }
        })
        .collect()
}

fn write_node_line(
    f: &mut fmt::Formatter<'_>,
    node: &DropNode,
    head: &str,
    addresses: bool,
) -> fmt::Result {
    f.write_str(head)?;
    if addresses {
        write!(f, " @ {:#x}", node.address)?;
    }
    if let Some(note) = &node.note {
        write!(f, " ({note})")?;
    }
    if let Some(reason) = &node.uncertain {
        write!(f, " (uncertain: {reason})")?;
    }
    writeln!(f)
}

fn write_freed(f: &mut fmt::Formatter<'_>, freed: &Freed, addresses: bool) -> fmt::Result {
    write!(f, "{freed}")?;
    if addresses {
        write!(f, " @ {:#x}", freed.address)?;
    }
    Ok(())
}

/// Prints `node`'s children under it; `prefix` is the indentation of the
/// level being printed, made of `│   ` and blank columns.
fn write_children(
    f: &mut fmt::Formatter<'_>,
    node: &DropNode,
    prefix: &mut String,
    addresses: bool,
) -> fmt::Result {
    let count = node.items.len();
    for (position, item) in node.items.iter().enumerate() {
        let last = position + 1 == count;
        f.write_str(prefix)?;
        f.write_str(if last { "└── " } else { "├── " })?;
        match *item {
            Item::Node(index) => {
                let child = &node.children[index];
                let head = format!("{}: {}", child.relative, child.label);
                write_node_line(f, child, &head, addresses)?;
                let kept = prefix.len();
                prefix.push_str(if last { "    " } else { "│   " });
                write_children(f, child, prefix, addresses)?;
                prefix.truncate(kept);
            }
            Item::Freed(index) => {
                write_freed(f, &node.freed[index], addresses)?;
                writeln!(f)?;
            }
        }
    }
    Ok(())
}

impl fmt::Display for DropReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, false)
    }
}

/// [`DropReport::with_addresses`]'s display.
struct WithAddresses<'r>(&'r DropReport);

impl fmt::Display for WithAddresses<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write(f, true)
    }
}

/// `type_name` without module paths: `alloc::vec::Vec<it::Leaf>` becomes
/// `Vec<Leaf>`.
pub(super) fn short_type_name(type_name: &str) -> String {
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
        out.push(c);
        rest = &rest[c.len_utf8()..];
        if !(c.is_alphanumeric() || c == '_') {
            path_start = out.len();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_type_names_drop_module_paths() {
        assert_eq!(short_type_name("alloc::vec::Vec<it::Leaf>"), "Vec<Leaf>");
        assert_eq!(short_type_name("Leaf"), "Leaf");
        assert_eq!(
            short_type_name("(a::B, [c::D; 3], &dyn core::fmt::Debug)"),
            "(B, [D; 3], &dyn Debug)"
        );
        assert_eq!(
            short_type_name("std::collections::HashMap<u8, x::y::Z<w::V>>"),
            "HashMap<u8, Z<V>>"
        );
    }

    #[test]
    fn normalise_removes_common_indentation_and_blank_ends() {
        assert_eq!(
            normalise("\n    Outer\n    └── a: Leaf   \n        └── x\n  \n"),
            ["Outer", "└── a: Leaf", "    └── x"]
        );
        // Starting on the quote's line, as a literal in a test usually does.
        assert_eq!(
            normalise("Outer\n         └── a: Leaf\n             └── x"),
            ["Outer", "└── a: Leaf", "    └── x"]
        );
    }
}
