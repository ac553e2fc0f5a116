//! The crate's top-level docs are a guided tour: nine stops in a fixed
//! order, each with a runnable example (run as doc tests) and a link to the
//! file of the unsafe core that implements it. Rustdoc does not check links
//! to source pages, so this test does: each must name a file of `raw/`.

use std::path::Path;

const CRATE_DOCS: &str = include_str!("../../ownkit/src/lib.rs");

#[test]
fn the_tour_has_its_nine_stops_in_order() {
    let stops = [
        "## 1. The stack and the heap",
        "## 2. Ownership and moves",
        "## 3. Recursive drop",
        "## 4. Borrowing and lifetimes",
        "## 5. `Rc` and `Weak`",
        "## 6. `RefCell`",
        "## 7. `Arc`",
        "## 8. The arenas",
        "## 9. Unsafe",
    ];
    let mut from = 0;
    for (number, stop) in stops.iter().enumerate() {
        let at = CRATE_DOCS[from..]
            .find(stop)
            .unwrap_or_else(|| panic!("stop {} (`{stop}`) is missing or out of order", number + 1));
        from += at + stop.len();
        let section_end = CRATE_DOCS[from..]
            .find("\n//! ## ")
            .or_else(|| CRATE_DOCS[from..].find("\n//! # "))
            .map_or(CRATE_DOCS.len(), |end| from + end);
        let section = &CRATE_DOCS[from..section_end];
        assert!(
            section.contains("//! ```\n") || section.contains("//! ```compile_fail"),
            "stop {} has an example",
            number + 1
        );
        assert!(
            section.contains("(../src/ownkit/raw/"),
            "stop {} links to the core that implements it",
            number + 1
        );
    }
}

#[test]
#[cfg_attr(miri, ignore = "reads the file system, which Miri's isolation refuses")]
fn every_link_into_the_core_names_a_file_of_raw() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("ownkit/src/raw");
    let mut links = 0;
    for piece in CRATE_DOCS.split("(../src/ownkit/raw/").skip(1) {
        let file = &piece[..piece.find(".html)").expect("a link to a source page")];
        assert!(core.join(file).is_file(), "raw/{file} does not exist");
        links += 1;
    }
    assert!(links >= 9, "one link per stop at least, found {links}");
}
