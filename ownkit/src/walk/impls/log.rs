//! A walker that writes every visit down, for the tests of both impl
//! files.

use alloc_crate::format;
use alloc_crate::string::String;
use alloc_crate::vec::Vec;

use crate::walk::{Descend, PointerInfo, Segment, SingleVisit, Visit, Walk, Walker};

/// Writes every visit as a line. Answers `Yes` to every `Traced` and
/// `Pointer` visit; with `deep`, walks each child right away (as the
/// drop recorder does), otherwise writes it down and moves on.
pub(super) struct Log {
    pub(super) lines: Vec<String>,
    deep: bool,
}

/// The visits of `value`'s own walk, children not walked.
pub(super) fn shallow<T: ?Sized + Walk>(value: &T) -> Vec<String> {
    let mut log = Log {
        lines: Vec::new(),
        deep: false,
    };
    value.walk(&mut log);
    log.lines
}

/// The visits of `value`'s walk, each child walked where it appears,
/// indented under its `Child` line.
pub(super) fn deep<T: ?Sized + Walk>(value: &T) -> Vec<String> {
    let mut log = Log {
        lines: Vec::new(),
        deep: true,
    };
    value.walk(&mut log);
    log.lines
}

/// `type_name` without module paths: `alloc::vec::Vec<u8>` is `Vec<u8>`.
fn short(type_name: &str) -> String {
    let mut short = String::new();
    // Where the path being read started in `short`.
    let mut path_start = 0;
    let mut chars = type_name.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            short.truncate(path_start);
        } else {
            short.push(c);
            if !(c.is_alphanumeric() || c == '_') {
                path_start = short.len();
            }
        }
    }
    short
}

fn pointer(info: &PointerInfo) -> String {
    let short = short(info.target_type);
    format!(
        "{:?}<{short}> strong {} weak {}",
        info.kind, info.strong, info.weak
    )
}

impl<'a> Walker<'a> for Log {
    fn visit(&mut self, visit: Visit<'a>) -> Descend {
        let line = match visit {
            Visit::Traced(info) => format!("Traced {}", info.type_name),
            Visit::Pointer(info) => format!("Pointer {}", pointer(&info)),
            Visit::Child(segment, child) => {
                self.lines.push(format!("Child {segment}"));
                if self.deep {
                    let start = self.lines.len();
                    child.walk(self);
                    for line in &mut self.lines[start..] {
                        line.insert_str(0, "  ");
                    }
                }
                return Descend::No;
            }
            Visit::Enter(segment, _) => format!("Enter {segment}"),
            Visit::Leave => String::from("Leave"),
            Visit::Opaque { segment, size, .. } => format!("Opaque {segment} {size}"),
            Visit::Owns(block) => format!("Owns {} align {}", block.size, block.align),
            Visit::Weak(info) => format!("Weak {}", pointer(&info)),
            Visit::Borrows { type_name, .. } => format!("Borrows {type_name}"),
            Visit::Hidden { reason, .. } => format!("Hidden {reason}"),
        };
        self.lines.push(line);
        Descend::Yes
    }
}

/// The children `value`'s own walk hands a walker that skips leaves,
/// one line each: their segments.
pub(super) fn children_handed_over<T: ?Sized + Walk>(value: &T) -> Vec<String> {
    struct Children(Vec<String>);
    impl<'a> Walker<'a> for Children {
        fn visit(&mut self, visit: Visit<'a>) -> Descend {
            if let Visit::Child(segment, _) = visit {
                self.0.push(format!("{segment}"));
            }
            // Into a `GenArena`, whose slots come after its `Pointer`.
            Descend::Yes
        }

        fn skips_leaves(&self) -> bool {
            true
        }
    }
    let mut children = Children(Vec::new());
    value.walk(&mut children);
    children.0
}

/// The first `Visit::Pointer` or `Visit::Weak` of `value`'s walk.
pub(super) fn first_pointer<T: ?Sized + Walk>(value: &T) -> PointerInfo {
    struct First(Option<PointerInfo>);
    impl<'a> Walker<'a> for First {
        fn visit(&mut self, visit: Visit<'a>) -> Descend {
            if let Visit::Pointer(info) | Visit::Weak(info) = visit {
                self.0.get_or_insert(info);
            }
            Descend::No
        }
    }
    let mut first = First(None);
    value.walk(&mut first);
    first.0.expect("the walk reports a pointer")
}

/// The blocks `value`'s own walk reports as `Owns`.
pub(super) fn owned_blocks<T: ?Sized + Walk>(value: &T) -> Vec<crate::walk::Block> {
    struct Owned(Vec<crate::walk::Block>);
    impl<'a> Walker<'a> for Owned {
        fn visit(&mut self, visit: Visit<'a>) -> Descend {
            if let Visit::Owns(block) = visit {
                self.0.push(block);
            }
            Descend::No
        }
    }
    let mut owned = Owned(Vec::new());
    value.walk(&mut owned);
    owned.0
}

/// Walks `root` with an explicit stack instead of recursion, as the
/// ownership graph does, and counts the pointers it passes.
pub(super) fn count_pointers_iteratively(root: &dyn Walk) -> usize {
    struct Stack<'a> {
        pending: Vec<&'a dyn Walk>,
        pointers: usize,
    }
    impl<'a> Walker<'a> for Stack<'a> {
        fn visit(&mut self, visit: Visit<'a>) -> Descend {
            match visit {
                Visit::Child(_, child) => self.pending.push(child),
                Visit::Pointer(_) => self.pointers += 1,
                _ => {}
            }
            Descend::Yes
        }
    }
    let mut stack = Stack {
        pending: Vec::from([root]),
        pointers: 0,
    };
    while let Some(next) = stack.pending.pop() {
        next.walk(&mut stack);
    }
    stack.pointers
}

/// Writes every visit down whole (`Debug`, addresses and counts
/// included), children not walked; `skips_leaves` as told.
struct Whole {
    lines: Vec<String>,
    skips_leaves: bool,
}

impl<'a> Walker<'a> for Whole {
    fn visit(&mut self, visit: Visit<'a>) -> Descend {
        self.lines.push(format!("{visit:?}"));
        Descend::Yes
    }

    fn skips_leaves(&self) -> bool {
        self.skips_leaves
    }
}

/// Asserts that `value.single_visit` is exact: it is `Some` for a walker
/// that skips leaves exactly when `when_skipping` says, and for one that
/// does not exactly when `otherwise` says; and where it is `Some`, the
/// visit it gives, made, is the value's walk, visit for visit.
pub(super) fn assert_single_visit<T: Walk>(value: &T, when_skipping: bool, otherwise: bool) {
    let name = value.type_name();
    for (skips_leaves, single) in [(true, when_skipping), (false, otherwise)] {
        let mut walked = Whole {
            lines: Vec::new(),
            skips_leaves,
        };
        value.walk(&mut walked);
        let mut made = Whole {
            lines: Vec::new(),
            skips_leaves,
        };
        let visit = value.single_visit(&made);
        assert_eq!(
            visit.is_some(),
            single,
            "{name}, skipping leaves: {skips_leaves}"
        );
        if let Some(visit) = visit {
            visit.make(&mut made);
            assert_eq!(
                made.lines, walked.lines,
                "{name}, skipping leaves: {skips_leaves}"
            );
        }
    }
}

/// The children `value`'s own walk hands a walker that skips leaves: their
/// segments, followed by ` single` for a child handed over with its one
/// visit ([`Walker::visit_single_child`]).
pub(super) fn children_and_how<T: ?Sized + Walk>(value: &T) -> Vec<String> {
    struct Children(Vec<String>);
    impl<'a> Walker<'a> for Children {
        fn visit(&mut self, _: Visit<'a>) -> Descend {
            Descend::Yes
        }

        fn visit_child(&mut self, segment: Segment, _: &'a dyn Walk) {
            self.0.push(format!("{segment}"));
        }

        fn visit_single_child(&mut self, segment: Segment, _: &'a dyn Walk, _: SingleVisit<'a>) {
            self.0.push(format!("{segment} single"));
        }

        fn skips_leaves(&self) -> bool {
            true
        }
    }
    let mut children = Children(Vec::new());
    value.walk(&mut children);
    children.0
}
