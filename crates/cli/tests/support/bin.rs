//! Running the `cupola` binary from the repository root, for the CLI test
//! files that include this module.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Run `cupola` with `args` from the repository root.
pub fn cupola(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cupola"))
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("the cupola binary runs")
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
