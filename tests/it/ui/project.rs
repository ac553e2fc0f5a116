//! A Cargo project of its own, written and built by a test, for what
//! trybuild cannot show: trybuild keeps one copy of each diagnostic and
//! drops the count that rustc and Cargo print ("due to 2 previous
//! errors"), and it builds its cases against ownkit under its own name
//! only, never under the name a user's Cargo.toml may give it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository, which holds the workspace's `Cargo.lock` and `ownkit/`.
const REPOSITORY: &str = env!("CARGO_MANIFEST_DIR");

/// A scratch Cargo project in the tests' temporary directory.
pub(super) struct Project {
    dir: PathBuf,
}

impl Project {
    /// Writes the project `name`, which depends on ownkit through the
    /// `[dependencies]` entry `dependency` (`{ownkit}` stands for the path
    /// of ownkit's package) and has one binary per `(name, file)` of `bins`,
    /// each built from that file of the repository.
    pub(super) fn new(name: &str, dependency: &str, bins: &[(String, PathBuf)]) -> Self {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
        fs::create_dir_all(&dir).expect("cannot create the project's directory");
        let ownkit = toml_string(&Path::new(REPOSITORY).join("ownkit"));
        let mut manifest = format!(
            "[package]\n\
             name = \"{name}\"\n\
             version = \"0.0.0\"\n\
             edition = \"2024\"\n\
             publish = false\n\
             autobins = false\n\
             \n\
             [dependencies]\n\
             {}\n",
            dependency.replace("{ownkit}", &ownkit)
        );
        for (bin, file) in bins {
            let path = toml_string(&Path::new(REPOSITORY).join(file));
            manifest.push_str(&format!("\n[[bin]]\nname = \"{bin}\"\npath = {path}\n"));
        }
        // A workspace of its own: the project sits inside the repository's
        // target directory, which is not part of ownkit's workspace.
        manifest.push_str("\n[workspace]\n");
        fs::write(dir.join("Cargo.toml"), manifest).expect("cannot write Cargo.toml");
        // The workspace's lock file, so that the project builds with the
        // versions ownkit is tested with, from the local registry cache.
        fs::copy(
            Path::new(REPOSITORY).join("Cargo.lock"),
            dir.join("Cargo.lock"),
        )
        .expect("cannot copy Cargo.lock");
        Self { dir }
    }

    /// Runs `cargo` with `args` in the project, offline, into a target
    /// directory that every such project shares (Cargo's lock on it lets
    /// one build run at a time), and incrementally, as a user's dev build
    /// does: only then does rustc emit an error that the code makes twice
    /// at one place twice, so only then does its count show it.
    pub(super) fn cargo(&self, args: &[&str]) -> Output {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        Command::new(cargo)
            .args(args)
            .args(["--offline", "--quiet", "--color=never"])
            .current_dir(&self.dir)
            .env(
                "CARGO_TARGET_DIR",
                Path::new(env!("CARGO_TARGET_TMPDIR")).join("projects"),
            )
            .env_remove("RUSTFLAGS")
            .env("CARGO_INCREMENTAL", "1")
            .output()
            .expect("cannot run cargo")
    }
}

/// `path` as a TOML basic string.
fn toml_string(path: &Path) -> String {
    let text = path.to_str().expect("the repository's path is not UTF-8");
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The number of errors Cargo says each binary failed with, from the
/// lines `error: could not compile `package` (bin "name") due to 2
/// previous errors` of its output, by binary name.
pub(super) fn error_counts(output: &Output) -> Vec<(String, usize)> {
    let stderr = String::from_utf8_lossy(&output.stderr);
    stderr
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("error: could not compile `")?;
            let (_, rest) = rest.split_once("(bin \"")?;
            let (bin, rest) = rest.split_once("\")")?;
            let (_, count) = rest.split_once(" due to ")?;
            let count = count.split(' ').next()?.parse().ok()?;
            Some((bin.to_owned(), count))
        })
        .collect()
}
