//! Sizes and auto traits, checked at compile time against std's.
//!
//! A pointer that is bigger than std's, or `Send` where std's is not, is a
//! bug even if every runtime test passes, so these are static assertions:
//! this module fails to compile, rather than a test failing, when one breaks.

use core::fmt::Debug;
use ownkit::cell::{BorrowError, BorrowMutError, Cell, Ref, RefCell, RefMut};
use ownkit::rc::{Rc, Weak};
use static_assertions::{assert_eq_align, assert_eq_size, assert_impl_all, assert_not_impl_any};

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
    Weak<u64> => std::rc::Weak<u64>,
    Option<Weak<u64>> => Option<std::rc::Weak<u64>>,
    Weak<dyn Shape> => std::rc::Weak<dyn Shape>,

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
