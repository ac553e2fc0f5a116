//! Unit tests of `pointee.rs`.

use alloc_crate::boxed::Box as StdBox;
use alloc_crate::rc::Rc as StdRc;

use super::Pointee;
use crate::observe::address_of;

#[test]
fn the_view_is_the_pointer_itself() {
    let boxed: StdBox<[u16]> = StdBox::new([1, 2, 3]);
    let view = Pointee::of(&boxed);
    assert_eq!(address_of(view), address_of(&boxed));
    assert_eq!(core::mem::size_of_val(view), core::mem::size_of_val(&boxed));
    assert_eq!(&*view.0, &[1, 2, 3]);

    let shared: StdRc<str> = StdRc::from("text");
    assert_eq!(&*Pointee::of(&shared).0, "text");
}
