//! Unit tests of `unsafe_cell.rs`.

use core::mem::{align_of, size_of};

use super::*;

#[repr(align(16))]
struct Aligned16(#[allow(dead_code, reason = "only its layout matters")] u8);

#[test]
fn the_layout_is_the_values() {
    assert_eq!(size_of::<UnsafeCell<u8>>(), size_of::<u8>());
    assert_eq!(size_of::<UnsafeCell<[u64; 3]>>(), size_of::<[u64; 3]>());
    assert_eq!(align_of::<UnsafeCell<Aligned16>>(), 16);
    assert_eq!(size_of::<&UnsafeCell<[u8]>>(), size_of::<&[u8]>());
}

#[test]
fn every_pointer_is_the_values_address() {
    let cell = UnsafeCell::new(7_u32);
    let address = (&raw const cell).cast::<u32>();
    assert_eq!(cell.get().cast_const(), address);
    assert_eq!(UnsafeCell::raw_get(&raw const cell).cast_const(), address);
}

#[test]
fn from_mut_keeps_a_slice_length() {
    let mut numbers = [1, 2, 3];
    let cell: &mut UnsafeCell<[i32]> = UnsafeCell::from_mut(&mut numbers[..]);
    cell.get_mut()[2] = 4;
    // SAFETY: `cell` is the only access to the slice while this reads it.
    assert_eq!(unsafe { &*cell.get() }.len(), 3);
    assert_eq!(numbers, [1, 2, 4]);
}
