//! Model-based tests: random operation sequences run on ownkit and on std
//! side by side, comparing every observable result after every step.
//!
//! Each pointer family is described by a small trait implemented twice, once
//! for std and once for ownkit, so one interpreter drives both and the
//! comparison can only fail if the two really behave differently.

use proptest::prelude::*;
use std::cell::Cell as StdCell;
use std::rc::Rc as StdRc;

/// Fewer and shorter cases under Miri, which runs the same code thousands of
/// times slower.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: if cfg!(miri) { 4 } else { 256 },
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// The longest operation sequence a case runs.
const MAX_OPS: usize = if cfg!(miri) { 30 } else { 60 };

/// A value that counts its own drops into a per-world counter, so the model
/// also checks that both worlds destroy values at the same moments.
#[derive(Debug)]
struct Tracked {
    payload: i64,
    drops: StdRc<StdCell<usize>>,
}

impl Clone for Tracked {
    fn clone(&self) -> Self {
        Self {
            payload: self.payload,
            drops: StdRc::clone(&self.drops),
        }
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        self.drops.set(self.drops.get() + 1);
    }
}

mod rc_model {
    use super::*;

    /// The `Rc`/`Weak` operations the model exercises; `Arc`/`Weak` has
    /// the same ones, so one interpreter drives both families.
    pub(super) trait RcFamily {
        type Rc: Clone;
        type Weak: Clone;
        fn new(value: Tracked) -> Self::Rc;
        fn downgrade(rc: &Self::Rc) -> Self::Weak;
        fn upgrade(weak: &Self::Weak) -> Option<Self::Rc>;
        fn strong_count(rc: &Self::Rc) -> usize;
        fn weak_count(rc: &Self::Rc) -> usize;
        fn weak_strong_count(weak: &Self::Weak) -> usize;
        fn weak_weak_count(weak: &Self::Weak) -> usize;
        fn get(rc: &Self::Rc) -> &Tracked;
        fn get_mut(rc: &mut Self::Rc) -> Option<&mut Tracked>;
        fn make_mut(rc: &mut Self::Rc) -> &mut Tracked;
        fn try_unwrap(rc: Self::Rc) -> Result<Tracked, Self::Rc>;
        fn ptr_eq(a: &Self::Rc, b: &Self::Rc) -> bool;
    }

    /// Implements [`RcFamily`] with one crate's `rc` module (or, naming the
    /// pointer, its `sync` module's `Arc`): std's and ownkit's have the same
    /// names, which is what is being compared.
    macro_rules! rc_family {
        ($family:ident, $($module:ident)::+) => {
            rc_family!($family, $($module)::+, Rc);
        };
        ($family:ident, $($module:ident)::+, $pointer:ident) => {
            pub(super) struct $family;

            impl RcFamily for $family {
                type Rc = $($module)::+::$pointer<Tracked>;
                type Weak = $($module)::+::Weak<Tracked>;
                fn new(value: Tracked) -> Self::Rc {
                    $($module)::+::$pointer::new(value)
                }
                fn downgrade(rc: &Self::Rc) -> Self::Weak {
                    $($module)::+::$pointer::downgrade(rc)
                }
                fn upgrade(weak: &Self::Weak) -> Option<Self::Rc> {
                    weak.upgrade()
                }
                fn strong_count(rc: &Self::Rc) -> usize {
                    $($module)::+::$pointer::strong_count(rc)
                }
                fn weak_count(rc: &Self::Rc) -> usize {
                    $($module)::+::$pointer::weak_count(rc)
                }
                fn weak_strong_count(weak: &Self::Weak) -> usize {
                    weak.strong_count()
                }
                fn weak_weak_count(weak: &Self::Weak) -> usize {
                    weak.weak_count()
                }
                fn get(rc: &Self::Rc) -> &Tracked {
                    rc
                }
                fn get_mut(rc: &mut Self::Rc) -> Option<&mut Tracked> {
                    $($module)::+::$pointer::get_mut(rc)
                }
                fn make_mut(rc: &mut Self::Rc) -> &mut Tracked {
                    $($module)::+::$pointer::make_mut(rc)
                }
                fn try_unwrap(rc: Self::Rc) -> Result<Tracked, Self::Rc> {
                    $($module)::+::$pointer::try_unwrap(rc)
                }
                fn ptr_eq(a: &Self::Rc, b: &Self::Rc) -> bool {
                    $($module)::+::$pointer::ptr_eq(a, b)
                }
            }
        };
    }

    rc_family!(Std, std::rc);
    rc_family!(Ownkit, ownkit::rc);
    rc_family!(StdArc, std::sync, Arc);
    rc_family!(OwnkitArc, ownkit::sync, Arc);

    /// One step of the model. Handle indices wrap around the live handles.
    #[derive(Clone, Debug)]
    pub(super) enum Op {
        New(i64),
        Clone(usize),
        Downgrade(usize),
        Upgrade(usize),
        Drop(usize),
        GetMut(usize, i64),
        MakeMut(usize, i64),
        TryUnwrap(usize),
        PtrEq(usize, usize),
    }

    pub(super) fn op() -> impl Strategy<Value = Op> {
        let index = 0..8usize;
        prop_oneof![
            any::<i64>().prop_map(Op::New),
            index.clone().prop_map(Op::Clone),
            index.clone().prop_map(Op::Downgrade),
            index.clone().prop_map(Op::Upgrade),
            index.clone().prop_map(Op::Drop),
            (index.clone(), any::<i64>()).prop_map(|(i, v)| Op::GetMut(i, v)),
            (index.clone(), any::<i64>()).prop_map(|(i, v)| Op::MakeMut(i, v)),
            index.clone().prop_map(Op::TryUnwrap),
            (index.clone(), index).prop_map(|(i, j)| Op::PtrEq(i, j)),
        ]
    }

    enum Handle<F: RcFamily> {
        Strong(F::Rc),
        Weak(F::Weak),
    }

    /// What a step let the caller see; both worlds must see the same.
    #[derive(Debug, PartialEq)]
    pub(super) enum Seen {
        Nothing,
        Payload(Option<i64>),
        Unwrapped(Result<i64, usize>),
        Same(bool),
    }

    /// The live handles of one world, std's or ownkit's.
    pub(super) struct World<F: RcFamily> {
        handles: Vec<Handle<F>>,
        drops: StdRc<StdCell<usize>>,
    }

    impl<F: RcFamily> World<F> {
        pub(super) fn new() -> Self {
            Self {
                handles: Vec::new(),
                drops: StdRc::default(),
            }
        }

        fn tracked(&self, payload: i64) -> Tracked {
            Tracked {
                payload,
                drops: StdRc::clone(&self.drops),
            }
        }

        fn strong_at(&mut self, index: usize) -> Option<&mut F::Rc> {
            let len = self.handles.len();
            match self.handles.get_mut(index % len.max(1)) {
                Some(Handle::Strong(rc)) => Some(rc),
                _ => None,
            }
        }

        pub(super) fn apply(&mut self, op: &Op) -> Seen {
            let len = self.handles.len().max(1);
            match *op {
                Op::New(payload) => {
                    let rc = F::new(self.tracked(payload));
                    self.handles.push(Handle::Strong(rc));
                    Seen::Nothing
                }
                Op::Clone(i) => {
                    let copy = match self.handles.get(i % len) {
                        Some(Handle::Strong(rc)) => Handle::Strong(rc.clone()),
                        Some(Handle::Weak(weak)) => Handle::Weak(weak.clone()),
                        None => return Seen::Nothing,
                    };
                    self.handles.push(copy);
                    Seen::Nothing
                }
                Op::Downgrade(i) => match self.strong_at(i) {
                    Some(rc) => {
                        let weak = F::downgrade(rc);
                        self.handles.push(Handle::Weak(weak));
                        Seen::Nothing
                    }
                    None => Seen::Nothing,
                },
                Op::Upgrade(i) => match self.handles.get(i % len) {
                    Some(Handle::Weak(weak)) => {
                        let upgraded = F::upgrade(weak);
                        let payload = upgraded.as_ref().map(|rc| F::get(rc).payload);
                        if let Some(rc) = upgraded {
                            self.handles.push(Handle::Strong(rc));
                        }
                        Seen::Payload(payload)
                    }
                    _ => Seen::Nothing,
                },
                Op::Drop(i) => {
                    if !self.handles.is_empty() {
                        self.handles.swap_remove(i % len);
                    }
                    Seen::Nothing
                }
                Op::GetMut(i, payload) => match self.strong_at(i) {
                    Some(rc) => Seen::Payload(F::get_mut(rc).map(|value| {
                        value.payload = payload;
                        value.payload
                    })),
                    None => Seen::Nothing,
                },
                Op::MakeMut(i, payload) => match self.strong_at(i) {
                    Some(rc) => {
                        let value = F::make_mut(rc);
                        value.payload = value.payload.wrapping_add(payload);
                        Seen::Payload(Some(value.payload))
                    }
                    None => Seen::Nothing,
                },
                Op::TryUnwrap(i) => match self.handles.get(i % len) {
                    Some(Handle::Strong(_)) => {
                        let Handle::Strong(rc) = self.handles.swap_remove(i % len) else {
                            unreachable!("checked to be strong just above")
                        };
                        match F::try_unwrap(rc) {
                            Ok(value) => Seen::Unwrapped(Ok(value.payload)),
                            Err(rc) => {
                                let strong = F::strong_count(&rc);
                                self.handles.push(Handle::Strong(rc));
                                Seen::Unwrapped(Err(strong))
                            }
                        }
                    }
                    _ => Seen::Nothing,
                },
                Op::PtrEq(i, j) => match (self.handles.get(i % len), self.handles.get(j % len)) {
                    (Some(Handle::Strong(a)), Some(Handle::Strong(b))) => {
                        Seen::Same(F::ptr_eq(a, b))
                    }
                    _ => Seen::Nothing,
                },
            }
        }

        /// The counter every value of this world reports its drop to.
        pub(super) fn drop_counter(&self) -> StdRc<StdCell<usize>> {
            StdRc::clone(&self.drops)
        }

        /// Everything a caller could observe about the live handles.
        pub(super) fn snapshot(&self) -> (Vec<(usize, usize, Option<i64>)>, usize) {
            let handles = self
                .handles
                .iter()
                .map(|handle| match handle {
                    Handle::Strong(rc) => (
                        F::strong_count(rc),
                        F::weak_count(rc),
                        Some(F::get(rc).payload),
                    ),
                    Handle::Weak(weak) => {
                        (F::weak_strong_count(weak), F::weak_weak_count(weak), None)
                    }
                })
                .collect();
            (handles, self.drops.get())
        }
    }
}

mod refcell_model {
    use super::*;
    use std::ops::{Deref, DerefMut};

    /// The `RefCell` operations the model exercises, with the borrow guards
    /// as generic associated types so live guards can be held across steps.
    pub(super) trait CellFamily {
        type Cell;
        type Ref<'a>: Deref<Target = i64>
        where
            Self: 'a;
        type RefMut<'a>: DerefMut<Target = i64>
        where
            Self: 'a;
        fn new(value: i64) -> Self::Cell;
        fn try_borrow(cell: &Self::Cell) -> Option<Self::Ref<'_>>;
        fn try_borrow_mut(cell: &Self::Cell) -> Option<Self::RefMut<'_>>;
        fn clone_ref<'a>(guard: &Self::Ref<'a>) -> Self::Ref<'a>;
        fn get_mut(cell: &mut Self::Cell) -> &mut i64;
    }

    /// Implements [`CellFamily`] with one crate's `cell` module.
    macro_rules! cell_family {
        ($family:ident, $($module:ident)::+) => {
            pub(super) struct $family;

            impl CellFamily for $family {
                type Cell = $($module)::+::RefCell<i64>;
                type Ref<'a> = $($module)::+::Ref<'a, i64>;
                type RefMut<'a> = $($module)::+::RefMut<'a, i64>;
                fn new(value: i64) -> Self::Cell {
                    $($module)::+::RefCell::new(value)
                }
                fn try_borrow(cell: &Self::Cell) -> Option<Self::Ref<'_>> {
                    cell.try_borrow().ok()
                }
                fn try_borrow_mut(cell: &Self::Cell) -> Option<Self::RefMut<'_>> {
                    cell.try_borrow_mut().ok()
                }
                fn clone_ref<'a>(guard: &Self::Ref<'a>) -> Self::Ref<'a> {
                    $($module)::+::Ref::clone(guard)
                }
                fn get_mut(cell: &mut Self::Cell) -> &mut i64 {
                    cell.get_mut()
                }
            }
        };
    }

    cell_family!(Std, std::cell);
    cell_family!(Ownkit, ownkit::cell);

    /// One step of the model. Guard indices wrap around the live guards.
    #[derive(Clone, Debug)]
    pub(super) enum Op {
        Borrow,
        BorrowMut,
        CloneRef(usize),
        Read(usize),
        Write(usize, i64),
        Release(usize),
    }

    pub(super) fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            Just(Op::Borrow),
            Just(Op::BorrowMut),
            (0..6usize).prop_map(Op::CloneRef),
            (0..6usize).prop_map(Op::Read),
            (0..6usize, any::<i64>()).prop_map(|(i, v)| Op::Write(i, v)),
            (0..6usize).prop_map(Op::Release),
        ]
    }

    enum Guard<'a, F: CellFamily + 'a> {
        Shared(F::Ref<'a>),
        Exclusive(F::RefMut<'a>),
    }

    /// Runs `ops` against one family and returns everything it observed:
    /// whether each borrow succeeded and every value read.
    pub(super) fn run<F: CellFamily>(ops: &[Op]) -> (Vec<Option<i64>>, i64) {
        let mut cell = F::new(0);
        let mut seen = Vec::with_capacity(ops.len());
        {
            let mut guards: Vec<Guard<'_, F>> = Vec::new();
            for op in ops {
                let len = guards.len().max(1);
                let observed = match *op {
                    Op::Borrow => F::try_borrow(&cell).map(|guard| {
                        let value = *guard;
                        guards.push(Guard::Shared(guard));
                        value
                    }),
                    Op::BorrowMut => F::try_borrow_mut(&cell).map(|guard| {
                        let value = *guard;
                        guards.push(Guard::Exclusive(guard));
                        value
                    }),
                    Op::CloneRef(i) => match guards.get(i % len) {
                        Some(Guard::Shared(guard)) => {
                            let copy = F::clone_ref(guard);
                            let value = *copy;
                            guards.push(Guard::Shared(copy));
                            Some(value)
                        }
                        _ => None,
                    },
                    Op::Read(i) => guards.get(i % len).map(|guard| match guard {
                        Guard::Shared(guard) => **guard,
                        Guard::Exclusive(guard) => **guard,
                    }),
                    Op::Write(i, value) => match guards.get_mut(i % len) {
                        Some(Guard::Exclusive(guard)) => {
                            **guard = value;
                            Some(value)
                        }
                        _ => None,
                    },
                    Op::Release(i) => {
                        if guards.is_empty() {
                            None
                        } else {
                            guards.remove(i % len);
                            Some(0)
                        }
                    }
                };
                seen.push(observed);
            }
        }
        let last = *F::get_mut(&mut cell);
        (seen, last)
    }
}

/// Runs `ops` on a world of std's pointers and one of ownkit's, comparing
/// what every step returns and the counts, values and drops after it.
fn same_as_std<Std: rc_model::RcFamily, Ours: rc_model::RcFamily>(
    ops: &[rc_model::Op],
) -> Result<(), TestCaseError> {
    let mut std_world = rc_model::World::<Std>::new();
    let mut our_world = rc_model::World::<Ours>::new();
    for (step, op) in ops.iter().enumerate() {
        let expected = std_world.apply(op);
        let actual = our_world.apply(op);
        prop_assert_eq!(
            &actual,
            &expected,
            "step {} ({:?}) returned differently",
            step,
            op
        );
        prop_assert_eq!(
            our_world.snapshot(),
            std_world.snapshot(),
            "after step {} ({:?}) the counts, values or drops differ",
            step,
            op
        );
    }
    // Dropping the last handles must destroy the same number of values.
    let (std_drops, our_drops) = (std_world.drop_counter(), our_world.drop_counter());
    drop(std_world);
    drop(our_world);
    prop_assert_eq!(
        our_drops.get(),
        std_drops.get(),
        "different numbers of values were dropped"
    );
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn rc_and_weak_behave_like_std(ops in proptest::collection::vec(rc_model::op(), 1..MAX_OPS)) {
        same_as_std::<rc_model::Std, rc_model::Ownkit>(&ops)?;
    }

    #[test]
    fn arc_and_weak_behave_like_std(ops in proptest::collection::vec(rc_model::op(), 1..MAX_OPS)) {
        same_as_std::<rc_model::StdArc, rc_model::OwnkitArc>(&ops)?;
    }

    #[test]
    fn refcell_borrows_behave_like_std(ops in proptest::collection::vec(refcell_model::op(), 1..MAX_OPS)) {
        let expected = refcell_model::run::<refcell_model::Std>(&ops);
        let actual = refcell_model::run::<refcell_model::Ownkit>(&ops);
        prop_assert_eq!(actual, expected);
    }
}
