//! Arenas: many values with one owner, dropped together.
//!
//! # Ownership
//!
//! An arena owns every value allocated in it and drops them all when it is
//! dropped itself, each exactly once. [`Arena<T>`] hands out references that
//! live as long as the arena, so values can refer to each other, cycles
//! included, without reference counting.

mod typed;

pub use typed::{Arena, IterMut};
