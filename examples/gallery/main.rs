//! The classic pictures of memory management, each drawn by ownkit from a
//! real run of the code beside it: `cargo run --example gallery` writes
//! `target/ownkit/gallery/index.html` and prints its path.
//!
//! The stack's frames, a heap block's life, a leak, a use after free and a
//! double free refused, reachability, ownership, recursive destruction, a
//! deep structure on one root, lifetimes, and structs that borrow. With
//! `-- --update-pictures` it also rewrites the pictures the README and the
//! crate's documentation show, in `ownkit/docs/pictures/`, which a test
//! keeps in step with the gallery.

mod page;
mod scenes;

use std::path::PathBuf;

// The heap's own events (every acquire, resize and release) reach the
// drop recorder and the leak check only through this allocator.
#[global_allocator]
static ALLOCATOR: ownkit::alloc::Tracking = ownkit::alloc::Tracking::new(std::alloc::System);

fn main() -> std::io::Result<()> {
    let scenes = scenes::all();
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace_root().join("target"), PathBuf::from)
        .join("ownkit")
        .join("gallery");
    page::write(&dir, &scenes)?;
    if std::env::args().any(|argument| argument == "--update-pictures") {
        let pictures = workspace_root()
            .join("ownkit")
            .join("docs")
            .join("pictures");
        std::fs::create_dir_all(&pictures)?;
        for (id, svg) in scenes::committed_pictures(&scenes) {
            std::fs::write(pictures.join(format!("{id}.svg")), svg)?;
        }
        println!(
            "the pictures of the README and the docs: {}",
            pictures.display()
        );
    }
    println!("the gallery: {}", dir.join("index.html").display());
    Ok(())
}

/// The repository's root: the examples' package sits in `examples/`.
fn workspace_root() -> &'static std::path::Path {
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    examples.parent().unwrap_or(examples)
}
