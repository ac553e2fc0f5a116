//! Sizes and auto traits, checked at compile time against std's.
//!
//! A pointer that is bigger than std's, or `Send` where std's is not, is a
//! bug even if every runtime test passes, so these are static assertions:
//! this module fails to compile, rather than a test failing, when one breaks.

use core::fmt::Debug;
use ownkit::cell::{BorrowError, BorrowMutError, Cell, Ref, RefCell, RefMut};
use ownkit::rc::{Rc, Weak};
use ownkit::sync::{Arc, Weak as ArcWeak};
use static_assertions::{assert_eq_align, assert_eq_size, assert_impl_all, assert_not_impl_any};
use std::panic::{RefUnwindSafe, UnwindSafe};

/// Asserts that `$ours` and `$std` have the same size and alignment.
macro_rules! same_layout {
    ($($ours:ty => $std:ty),+ $(,)?) => {$(
        assert_eq_size!($ours, $std);
        assert_eq_align!($ours, $std);
    )+};
}

#[allow(dead_code, reason = "only its vtable-bearing pointers are measured")]
trait Shape: Debug {}

#[allow(dead_code, reason = "a type with an unusual alignment to measure")]
#[repr(align(64))]
struct Aligned64(u8);

same_layout! {
    ownkit::Box<u64> => std::boxed::Box<u64>,
    Option<ownkit::Box<u64>> => Option<std::boxed::Box<u64>>,
    Option<ownkit::Box<u64>> => usize,
    ownkit::Box<()> => std::boxed::Box<()>,
    ownkit::Box<[u32]> => std::boxed::Box<[u32]>,
    Option<ownkit::Box<[u32]>> => Option<std::boxed::Box<[u32]>>,
    ownkit::Box<str> => std::boxed::Box<str>,
    ownkit::Box<dyn Shape> => std::boxed::Box<dyn Shape>,
    Option<ownkit::Box<dyn Shape>> => Option<std::boxed::Box<dyn Shape>>,

    Rc<u64> => std::rc::Rc<u64>,
    Option<Rc<u64>> => Option<std::rc::Rc<u64>>,
    Option<Rc<u64>> => usize,
    Rc<str> => std::rc::Rc<str>,
    Rc<[u8]> => std::rc::Rc<[u8]>,
    Rc<dyn Shape> => std::rc::Rc<dyn Shape>,

    Arc<u64> => std::sync::Arc<u64>,
    Option<Arc<u64>> => Option<std::sync::Arc<u64>>,
    Option<Arc<u64>> => usize,
    Arc<()> => std::sync::Arc<()>,
    Arc<Aligned64> => std::sync::Arc<Aligned64>,
    Arc<str> => std::sync::Arc<str>,
    Arc<[u8]> => std::sync::Arc<[u8]>,
    Option<Arc<[u8]>> => Option<std::sync::Arc<[u8]>>,
    Arc<dyn Shape> => std::sync::Arc<dyn Shape>,
    Option<Arc<dyn Shape>> => Option<std::sync::Arc<dyn Shape>>,
    Arc<str> => [usize; 2],

    Cell<u8> => std::cell::Cell<u8>,
    Cell<u64> => std::cell::Cell<u64>,
    Cell<Aligned64> => std::cell::Cell<Aligned64>,
    Cell<Option<Rc<u64>>> => std::cell::Cell<Option<std::rc::Rc<u64>>>,

    Ref<'static, u64> => std::cell::Ref<'static, u64>,
    RefMut<'static, u64> => std::cell::RefMut<'static, u64>,
    Option<Ref<'static, u64>> => Option<std::cell::Ref<'static, u64>>,
    RefMut<'static, [u8]> => std::cell::RefMut<'static, [u8]>,
    &'static Cell<[u8]> => &'static [u8],
}

// A `Weak` is one word more than std's: beside its typed pointer it holds
// the block's address untyped, in the part that frees the block without
// knowing `T`, which is what lets it be dropped after the data its value
// borrows, as std's may (`#[may_dangle]`, unstable). The null niche stays.
same_layout! {
    Weak<u64> => [std::rc::Weak<u64>; 2],
    Option<Weak<u64>> => [usize; 2],
    Weak<str> => (std::rc::Weak<str>, usize),
    Weak<dyn Shape> => (std::rc::Weak<dyn Shape>, usize),
    ArcWeak<u64> => [std::sync::Weak<u64>; 2],
    Option<ArcWeak<u64>> => [usize; 2],
    ArcWeak<str> => (std::sync::Weak<str>, usize),
    ArcWeak<dyn Shape> => (std::sync::Weak<dyn Shape>, usize),
}

// In debug builds a `RefCell` also remembers where its current borrow was
// taken, which std cannot do on stable; release builds pay nothing for it.
#[cfg(not(debug_assertions))]
same_layout! {
    RefCell<u8> => std::cell::RefCell<u8>,
    RefCell<u64> => std::cell::RefCell<u64>,
    RefCell<Vec<u8>> => std::cell::RefCell<Vec<u8>>,
    RefCell<Aligned64> => std::cell::RefCell<Aligned64>,
    BorrowError => (),
    BorrowMutError => (),
}

// Debug builds pay exactly one word per cell for it, and the errors carry
// the location and the kind of the blocking borrow.
#[cfg(debug_assertions)]
const _: () = {
    const WORD: usize = size_of::<usize>();
    assert!(size_of::<RefCell<u8>>() == size_of::<std::cell::RefCell<u8>>() + WORD);
    assert!(size_of::<RefCell<[u64; 4]>>() == size_of::<std::cell::RefCell<[u64; 4]>>() + WORD);
    assert!(size_of::<BorrowError>() == 2 * WORD);
    assert!(size_of::<BorrowMutError>() == 2 * WORD);
};

// Auto traits: exactly where std has them.
assert_impl_all!(ownkit::Box<u8>: Send, Sync, Unpin);
assert_not_impl_any!(ownkit::Box<std::rc::Rc<u8>>: Send, Sync);
assert_not_impl_any!(ownkit::Box<std::cell::Cell<u8>>: Sync);
assert_impl_all!(ownkit::Box<std::cell::Cell<u8>>: Send);

assert_not_impl_any!(Rc<u8>: Send, Sync);
assert_not_impl_any!(Weak<u8>: Send, Sync);
assert_impl_all!(Rc<u8>: Unpin, Clone);

assert_impl_all!(Cell<u8>: Send);
assert_not_impl_any!(Cell<u8>: Sync);
assert_not_impl_any!(Cell<std::rc::Rc<u8>>: Send);

assert_impl_all!(RefCell<u8>: Send);
assert_impl_all!(RefCell<Vec<String>>: Send);
assert_not_impl_any!(RefCell<u8>: Sync);
assert_not_impl_any!(RefCell<std::rc::Rc<u8>>: Send);
assert_not_impl_any!(Ref<'static, u8>: Send);
assert_not_impl_any!(RefMut<'static, u8>: Send);
assert_impl_all!(BorrowError: Send, Sync, std::error::Error);
assert_impl_all!(BorrowMutError: Send, Sync, std::error::Error);

// `Arc<T>` and its `Weak` are `Send` and `Sync` exactly when `T` is both,
// as in std: `Send` alone would let two threads share a `Cell` through
// clones, and `Sync` alone would let a `!Send` value (an `Rc`, a
// `MutexGuard`) be dropped on another thread by whichever clone is last.
assert_impl_all!(Arc<u8>: Send, Sync, Unpin, Clone);
assert_impl_all!(ArcWeak<u8>: Send, Sync, Unpin, Clone);
assert_impl_all!(Arc<str>: Send, Sync);
assert_impl_all!(Arc<[String]>: Send, Sync);
assert_impl_all!(Arc<dyn Shape + Send + Sync>: Send, Sync);
assert_impl_all!(ArcWeak<dyn Shape + Send + Sync>: Send, Sync);
assert_not_impl_any!(Arc<dyn Shape>: Send, Sync);
// `T: Send` but not `Sync`.
assert_not_impl_any!(Arc<std::cell::Cell<i32>>: Send, Sync);
assert_not_impl_any!(ArcWeak<std::cell::Cell<i32>>: Send, Sync);
assert_not_impl_any!(Arc<Cell<i32>>: Send, Sync);
assert_not_impl_any!(Arc<std::cell::RefCell<i32>>: Send, Sync);
// `T` neither.
assert_not_impl_any!(Arc<std::rc::Rc<i32>>: Send, Sync);
assert_not_impl_any!(ArcWeak<std::rc::Rc<i32>>: Send, Sync);
assert_not_impl_any!(Arc<Rc<i32>>: Send, Sync);
// `T: Sync` but not `Send`.
assert_not_impl_any!(Arc<std::sync::MutexGuard<'static, i32>>: Send, Sync);
assert_not_impl_any!(ArcWeak<std::sync::MutexGuard<'static, i32>>: Send, Sync);
// The same answers as std's for each of those.
assert_not_impl_any!(std::sync::Arc<std::cell::Cell<i32>>: Send, Sync);
assert_not_impl_any!(std::sync::Arc<std::rc::Rc<i32>>: Send, Sync);
assert_not_impl_any!(std::sync::Arc<std::sync::MutexGuard<'static, i32>>: Send, Sync);
// Pinning never moves the value out of its block.
assert_impl_all!(Arc<core::marker::PhantomPinned>: Unpin);
assert_impl_all!(ArcWeak<core::marker::PhantomPinned>: Unpin);

// Unwind safety follows std: an `Arc<T>` is `UnwindSafe` (and so is its
// `Weak`) when `T: RefUnwindSafe`, since it only hands out `&T`.
assert_impl_all!(Arc<u8>: UnwindSafe, RefUnwindSafe);
assert_impl_all!(ArcWeak<u8>: UnwindSafe, RefUnwindSafe);
assert_impl_all!(Arc<str>: UnwindSafe, RefUnwindSafe);
assert_impl_all!(Arc<std::sync::Mutex<i32>>: UnwindSafe, RefUnwindSafe);
assert_impl_all!(std::sync::Arc<std::sync::Mutex<i32>>: UnwindSafe, RefUnwindSafe);
assert_impl_all!(Arc<&'static mut i32>: UnwindSafe, RefUnwindSafe);
assert_impl_all!(std::sync::Arc<&'static mut i32>: UnwindSafe, RefUnwindSafe);
assert_not_impl_any!(Arc<std::cell::Cell<i32>>: UnwindSafe, RefUnwindSafe);
assert_not_impl_any!(ArcWeak<std::cell::Cell<i32>>: UnwindSafe, RefUnwindSafe);
assert_not_impl_any!(std::sync::Arc<std::cell::Cell<i32>>: UnwindSafe, RefUnwindSafe);
assert_not_impl_any!(std::sync::Weak<std::cell::Cell<i32>>: UnwindSafe, RefUnwindSafe);
