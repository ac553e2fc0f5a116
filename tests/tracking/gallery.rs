//! The gallery (`cargo run --example gallery`), built from its own scenes
//! with the tracking allocator installed, as the example is: every scene
//! shows its code and a picture, the page opens in headless Chromium with
//! every picture drawn and no error, and the pictures the README and the
//! crate's docs show, committed under `ownkit/docs/pictures/`, are the ones
//! the gallery draws today.
//!
//! Miri skips these: they lay out a dozen pictures, arithmetic in safe
//! code that the pictures' own tests run under Miri in small.

use std::path::{Path, PathBuf};

use crate::page;
use crate::scenes::{self, Figure};

#[path = "../support/browser.rs"]
mod harness;

/// Where the test writes the gallery: where the example writes it.
fn gallery_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("..")
        .join("ownkit")
        .join("gallery")
}

#[test]
#[cfg_attr(miri, ignore)]
fn every_scene_shows_its_code_a_caption_and_a_picture() {
    let scenes = scenes::all();
    assert_eq!(scenes.len(), 11, "one scene per classic picture");
    for scene in &scenes {
        assert!(
            scene.code.contains("fn ") && !scene.code.contains("// [/"),
            "{}: the code is cut out between its markers:\n{}",
            scene.id,
            scene.code
        );
        let sentences = scene.caption.matches(". ").count() + 1;
        assert!(
            (2..=4).contains(&sentences) && scene.caption.ends_with('.'),
            "{}: a caption of two or three sentences: {}",
            scene.id,
            scene.caption
        );
        let pictures = scene
            .figures
            .iter()
            .filter(|figure| matches!(figure, Figure::Picture { .. }))
            .count();
        assert!(pictures >= 1, "{}: at least one picture", scene.id);
        for figure in &scene.figures {
            if let Figure::Picture { svg, .. } = figure {
                assert!(
                    svg.starts_with("<svg xmlns=") && svg.contains("<title>"),
                    "{}: a picture of ownkit's own",
                    scene.id
                );
            }
        }
    }
}

#[test]
#[cfg_attr(miri, ignore)]
fn the_gallery_opens_in_a_browser_with_every_picture_drawn() {
    let scenes = scenes::all();
    let dir = gallery_dir();
    page::write(&dir, &scenes).expect("the gallery is written");
    let Some(browser) = harness::chromium() else {
        return;
    };
    let seen = harness::open(browser, &dir.join("index.html"), "");
    seen.assert_no_errors("gallery");
    let pictures = scenes
        .iter()
        .flat_map(|scene| &scene.figures)
        .filter(|figure| matches!(figure, Figure::Picture { .. }))
        .count();
    assert_eq!(seen.get("images"), pictures.to_string(), "{seen:#?}");
    assert_eq!(
        seen.get("images-drawn"),
        pictures.to_string(),
        "every picture loads with a size: {seen:#?}"
    );
}

#[test]
#[cfg_attr(miri, ignore)]
fn the_committed_pictures_are_the_ones_the_gallery_draws() {
    let scenes = scenes::all();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let committed = root.join("ownkit").join("docs").join("pictures");
    for (id, svg) in scenes::committed_pictures(&scenes) {
        // The pictures name their types in full, and the scenes' module is
        // `gallery::scenes` in the example, `tracking::scenes` here.
        let svg = svg.replace("tracking::scenes::", "gallery::scenes::");
        let path = committed.join(format!("{id}.svg"));
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == svg,
            "{} is out of date: regenerate the pictures with \
             `cargo run --example gallery -- --update-pictures`",
            path.display()
        );
    }
    // Each is shown somewhere: in the README or in the crate's docs.
    let readme = std::fs::read_to_string(root.join("README.md")).expect("the README");
    let crate_docs =
        std::fs::read_to_string(root.join("ownkit").join("src").join("lib.rs")).expect("lib.rs");
    for (id, _) in scenes::COMMITTED_PICTURES {
        let file = format!("docs/pictures/{id}.svg");
        assert!(
            readme.contains(&format!("ownkit/{file}"))
                || crate_docs.contains(&format!("../{file}")),
            "{file} is shown by neither the README nor the crate's docs"
        );
    }
}
