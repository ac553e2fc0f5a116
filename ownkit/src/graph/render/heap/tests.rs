//! Unit tests of `heap.rs`: the lifelines read from a story of the heap.

use alloc_crate::borrow::ToOwned;
use alloc_crate::vec;

use super::{lifelines, row_label};
use crate::trace::{HeapEvent, HeapEventKind};

fn event(kind: HeapEventKind, address: usize, size: usize, path: Option<&str>) -> HeapEvent {
    HeapEvent {
        kind,
        address,
        size,
        align: 8,
        path: path.map(ToOwned::to_owned),
    }
}

#[test]
fn a_block_is_followed_through_its_resizes_to_its_release() {
    let events = vec![
        event(HeapEventKind::Acquired, 0x100, 16, None),
        event(HeapEventKind::Acquired, 0x200, 5, Some("Team.names[0]")),
        event(
            HeapEventKind::Resized {
                from: 0x100,
                from_size: 16,
            },
            0x300,
            32,
            Some("Team.names"),
        ),
        event(HeapEventKind::Released, 0x200, 5, Some("Team.names[0]")),
        event(HeapEventKind::Released, 0x300, 32, Some("Team.names")),
    ];
    let lines = lifelines(&events);
    assert_eq!(lines.len(), 2, "{lines:#?}");
    let buffer = &lines[0];
    assert_eq!(
        (buffer.acquired, buffer.resized.as_slice(), buffer.released),
        (Some(0), &[2][..], Some(4))
    );
    assert_eq!(row_label(buffer), "16 → 32 bytes  Team.names");
    assert_eq!(row_label(&lines[1]), "5 bytes  Team.names[0]");
    assert_eq!((lines[1].acquired, lines[1].released), (Some(1), Some(3)));
}

#[test]
fn blocks_from_before_the_capture_and_never_released_ones_are_open_ended() {
    let events = vec![
        event(HeapEventKind::Released, 0x100, 8, None),
        event(HeapEventKind::Acquired, 0x200, 4, None),
    ];
    let lines = lifelines(&events);
    assert_eq!((lines[0].acquired, lines[0].released), (None, Some(0)));
    assert_eq!((lines[1].acquired, lines[1].released), (Some(1), None));
    assert_eq!(row_label(&lines[1]), "4 bytes");
}
