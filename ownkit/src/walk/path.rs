//! The stack of open scopes in a walk, and the path they spell.
//!
//! A [`Walk`](super::Walk) reports what a value holds as a flat sequence of
//! visits, some of which open a *scope* that a later [`Visit::Leave`]
//! closes (see [the protocol](super::Walker#the-protocol)). A walker needs
//! to know, at every visit, which scopes are open and the path they spell
//! from the value it started at: `.items[2].*`. Each scope adds at most
//! one [`Segment`] to that path (a child's `.field` or `[i]`, or nothing
//! for a pointer whose target follows) and carries whatever the walker
//! wants to remember about it (the node its visits belong to, for the
//! ownership graph).
//!
//! [`PathStack`] is that bookkeeping, written once:
//!
//! - the ownership graph's builder (`graph/build.rs`) keeps one per graph,
//!   cleared before each value it walks;
//! - the drop recorder's walker (`trace/recorder/walker.rs`) needs the same stack
//!   inside `Drop` impls, while unwinding and at thread exit, where it must
//!   never panic or abort. For it there are the fallible
//!   [`try_open`](PathStack::try_open), which never fails loudly: a scope
//!   it finds no memory for is counted, and the matching
//!   [`close`](PathStack::close) is ignored, so the stack stays matched
//!   with the walk; and [`clear`](PathStack::clear), which keeps the
//!   memory, so that many short walks allocate nothing once the stack has
//!   grown to the deepest of them.
//!
//! ```text
//! open(Some(.items), a)    path .items          scopes [a]
//! open(Some([2]), b)       path .items[2]       scopes [a, b]
//! open(None, c)            path .items[2]       scopes [a, b, c]
//! open(Some(.*), d)        path .items[2].*     scopes [a, b, c, d]
//! close() -> (Some(.*), d) path .items[2]       scopes [a, b, c]
//! ```
//!
//! [`Visit::Leave`]: super::Visit::Leave

use alloc_crate::collections::TryReserveError;
use alloc_crate::vec::Vec;

use super::Segment;

/// A stack of scopes, each optionally adding one [`Segment`] to the
/// current path and carrying the walker's data `D`; see [the module
/// docs](self).
#[derive(Clone, Debug)]
pub(crate) struct PathStack<D> {
    // INVARIANT: each scope adds at most one segment, and the path is the
    // segments the open scopes added, bottom to top: `scopes[0].base == 0`,
    // `scopes[i + 1].base - scopes[i].base` is 0 or 1 (1 if scope `i`
    // added a segment), and `path.len() - top.base` is 0 or 1 for the top
    // scope (`path` is empty when `scopes` is). Maintained by `push` and
    // `close`, checked by `debug_check`.
    scopes: Vec<OpenScope<D>>,
    path: Vec<Segment>,
    // INVARIANT: `unstored > 0` only after a `try_open` found no memory;
    // from then on every open is counted here instead of stored (so that
    // closes pop in the walk's order), and closes count it down before
    // they touch `scopes`. Maintained by `open`, `try_open` and `close`.
    unstored: usize,
    /// Tests set it to make `try_open` behave as if the allocator had no
    /// memory left.
    #[cfg(test)]
    refuse_memory: bool,
}

/// One open scope.
#[derive(Clone, Copy, Debug)]
struct OpenScope<D> {
    data: D,
    /// The length of the path before the scope opened: its segment, if it
    /// added one, is `path[base]`.
    base: usize,
}

impl<D> PathStack<D> {
    /// An empty stack. It allocates nothing until a scope is opened.
    pub(crate) const fn new() -> Self {
        Self {
            scopes: Vec::new(),
            path: Vec::new(),
            unstored: 0,
            #[cfg(test)]
            refuse_memory: false,
        }
    }

    /// Closes every scope, stored or not, and keeps the memory for the
    /// next walk.
    pub(crate) fn clear(&mut self) {
        self.scopes.clear();
        self.path.clear();
        self.unstored = 0;
    }

    /// Opens a scope carrying `data`, which adds `segment` to the path if
    /// there is one.
    ///
    /// This allocates as a `Vec::push` does, and aborts if the allocator
    /// has no memory; code that must not abort uses
    /// [`try_open`](Self::try_open). After a `try_open` that found no
    /// memory, this one is counted as unstored too, so that closes still
    /// match opens.
    #[inline]
    pub(crate) fn open(&mut self, segment: Option<Segment>, data: D) {
        if self.unstored > 0 {
            self.unstored += 1;
            return;
        }
        self.push(segment, data);
    }

    #[inline]
    fn push(&mut self, segment: Option<Segment>, data: D) {
        let base = self.path.len();
        self.scopes.push(OpenScope { data, base });
        if let Some(segment) = segment {
            self.path.push(segment);
        }
        self.debug_check();
    }

    /// Closes the innermost scope, and gives back the segment it added and
    /// its data. `None` if the scope was never stored (see
    /// [`try_open`](Self::try_open)) or none is open.
    #[inline]
    pub(crate) fn close(&mut self) -> Option<(Option<Segment>, D)> {
        if self.unstored > 0 {
            self.unstored -= 1;
            return None;
        }
        let scope = self.scopes.pop()?;
        // The top scope added a segment exactly when the path is longer
        // than it was before the scope opened.
        let segment = if self.path.len() > scope.base {
            self.path.pop()
        } else {
            None
        };
        debug_assert_eq!(
            self.path.len(),
            scope.base,
            "closing a scope opened at depth {} leaves a path of {} segments",
            scope.base,
            self.path.len()
        );
        self.debug_check();
        Some((segment, scope.data))
    }

    /// How many scopes are open and stored.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.scopes.len()
    }

    /// The path the open scopes spell, outermost segment first.
    #[inline]
    pub(crate) fn path(&self) -> &[Segment] {
        &self.path
    }

    /// Checks the invariant on `scopes` and `path`, in debug builds.
    #[inline]
    fn debug_check(&self) {
        if cfg!(debug_assertions) {
            let bottom = self.scopes.first().map_or(0, |scope| scope.base);
            let top = self.scopes.last().map_or(0, |scope| scope.base);
            let top_adds = self.path.len().checked_sub(top);
            debug_assert!(
                bottom == 0
                    && matches!(top_adds, Some(0 | 1))
                    && self.path.len() <= self.scopes.len(),
                "{} open scopes, the bottom one opened at depth {bottom} and the top one at \
                 depth {top}, spell a path of {} segments",
                self.scopes.len(),
                self.path.len()
            );
        }
    }
}

/// What only the drop recorder's walker uses: it runs inside `Drop`, so it
/// opens scopes without ever aborting, and sends the rebuild only the part
/// of the path it has not sent yet. The recorder needs `std`.
#[cfg_attr(
    not(feature = "std"),
    allow(dead_code, reason = "the drop recorder, their one user, needs std")
)]
impl<D> PathStack<D> {
    /// Opens a scope like [`open`](Self::open), without ever panicking or
    /// aborting: `false` if there was no memory for it, or if an earlier
    /// scope was not stored either. Such a scope is counted, its
    /// [`close`](Self::close) returns `None`, and the path and the top stay
    /// what they were until it is closed.
    pub(crate) fn try_open(&mut self, segment: Option<Segment>, data: D) -> bool {
        if self.unstored == 0 && self.reserve_one(segment.is_some()).is_ok() {
            // Cannot allocate: there is room for one more of each.
            self.push(segment, data);
            return true;
        }
        self.unstored += 1;
        false
    }
    /// Room for one more scope and, if `segment`, one more segment.
    fn reserve_one(&mut self, segment: bool) -> Result<(), TryReserveError> {
        #[cfg(test)]
        if self.refuse_memory {
            return Err(Vec::<u8>::new()
                .try_reserve(usize::MAX)
                .expect_err("no vector holds usize::MAX bytes"));
        }
        self.scopes.try_reserve(1)?;
        if segment {
            self.path.try_reserve(1)?;
        }
        Ok(())
    }
    /// Whether no scope is open, stored or not.
    pub(crate) fn is_empty(&self) -> bool {
        self.scopes.is_empty() && self.unstored == 0
    }
    /// The segments added by scope number `scope` (0 is the outermost) and
    /// the scopes inside it; empty if fewer scopes are open.
    pub(crate) fn path_from(&self, scope: usize) -> &[Segment] {
        match self.scopes.get(scope) {
            Some(scope) => self.path.get(scope.base..).unwrap_or_default(),
            None => &[],
        }
    }
}

impl<D> Default for PathStack<D> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests;
