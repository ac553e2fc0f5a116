//! Arenas: many values, one owner.
//!
//! An arena owns every value put into it and drops them all together, when
//! the arena itself goes. That one rule is what lets values refer to each
//! other freely, which the borrow checker otherwise makes hard: a graph with
//! cycles, a tree with parent links. There are two classic ways to refer to a
//! value in an arena, and this module has one arena for each.
//!
//! - **[`Arena<T>`] hands out references.** `alloc` returns a `&mut T` that
//!   lives as long as the arena, so values can hold `&'a` references to each
//!   other, cycles included. Nothing is freed before the arena is dropped, so
//!   no reference can dangle; the lifetime `'a` in the types says exactly
//!   that, and the compiler checks it.
//! - **[`GenArena<T>`] hands out keys.** `insert` returns a small [`Key`],
//!   plain data that can be copied and stored anywhere. Values can be
//!   removed one at a time and their slots reused. A key to a removed value
//!   does not dangle: the slot's generation has moved on, so the lookup fails
//!   and says why. Use-after-free becomes an ordinary, reported error.
//!
//! ```
//! use ownkit::arena::{Arena, GenArena};
//!
//! let arena = Arena::new();
//! let first: &mut i32 = arena.alloc(1);
//! let second = arena.alloc(2);
//! *first += *second; // both references live as long as `arena`
//! assert_eq!(*first, 3);
//!
//! let mut slots = GenArena::new();
//! let key = slots.insert("value");
//! assert_eq!(slots.remove(key), Some("value"));
//! assert!(slots.get(key).is_none()); // the stale key is refused
//! ```

mod generational;
mod typed;

pub use generational::{
    Drain, GenArena, GenIter, GenIterMut, Key, KeyError, KeyErrorKind, Keys, Values, ValuesMut,
};
pub use typed::{Arena, IterMut};
