//! The workspace's declared `rust-version` is true.
//!
//! Three things set the real minimum: the standard-library items used
//! (checked by clippy's `incompatible_msrv` lint, denied in the workspace
//! lints, which reads `rust-version`), the language features used (let
//! chains, `if let … && let …`, are stable from 1.88 on edition 2024, the
//! newest feature the code uses), and the dependencies' own `rust-version`
//! (1.88 for proptest, textwrap and the icu crates in Cargo.lock). This
//! machine has only a newer toolchain, so the last two are checked here.

use std::path::Path;
use std::process::Command;

fn workspace_root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// `"1.88"` or `"1.88.0"` as (major, minor, patch).
fn version(text: &str) -> (u32, u32, u32) {
    let mut parts = text.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

/// The `rust-version` of `[workspace.package]`.
fn declared() -> (u32, u32, u32) {
    let manifest = std::fs::read_to_string(workspace_root().join("Cargo.toml")).unwrap();
    let line = manifest
        .lines()
        .find(|l| l.trim_start().starts_with("rust-version"))
        .expect("Cargo.toml declares rust-version");
    let value = line.split('"').nth(1).expect("rust-version is a string");
    version(value)
}

/// Every `.rs` file under `dir`, skipping build output.
fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != "target" && name != ".git" {
                sources(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn rust_version_covers_the_let_chains_in_use() {
    let root = workspace_root();
    let mut files = Vec::new();
    for dir in ["crates", "tests", "benches"] {
        sources(&root.join(dir), &mut files);
    }
    let chained = files.iter().find(|f| {
        std::fs::read_to_string(f)
            .unwrap_or_default()
            .lines()
            .any(|l| l.trim_start().starts_with("&& let ") || l.contains(" && let "))
    });
    if let Some(f) = chained {
        assert!(
            declared() >= (1, 88, 0),
            "{} uses let chains, stable from Rust 1.88, but rust-version is {:?}",
            f.display(),
            declared()
        );
    }
}

#[test]
fn rust_version_covers_every_dependency() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--offline", "--locked"])
        .current_dir(workspace_root())
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let resolved: std::collections::HashSet<&str> = meta["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["id"].as_str())
        .collect();
    let mine = declared();
    let mut newer = Vec::new();
    for p in meta["packages"].as_array().unwrap() {
        let id = p["id"].as_str().unwrap_or("");
        if let (true, Some(rv)) = (resolved.contains(id), p["rust_version"].as_str())
            && version(rv) > mine
        {
            newer.push(format!("{} {} needs {rv}", p["name"], p["version"]));
        }
    }
    assert!(
        newer.is_empty(),
        "rust-version {mine:?} is older than: {}",
        newer.join(", ")
    );
}
