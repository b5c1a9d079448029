//! Every diagnostic the reader gives, pinned word for word: the problems
//! (message, help and label, with line and column) of every malformed
//! fixture, and of every example scenario with each of its numeric values
//! replaced by a bad one (−1, 0, 10⁹ written as a float and as an integer).
//! A change to any wording shows up as a diff of
//! `tests/diagnostics.txt`; after a deliberate change, rewrite it with
//! `CUPOLA_BLESS=1 cargo test -p cupola-scenario --test diagnostics`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use cupola_scenario::parse_with_base;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every problem of `text` (or "accepted"), one block per problem.
fn render(name: &str, text: &str, base: &Path) -> String {
    match parse_with_base(name, text, Some(base)) {
        Ok(_) => "  accepted\n".to_owned(),
        Err(e) => {
            let mut out = String::new();
            for p in e.problems() {
                let _ = writeln!(out, "  {p}");
                let _ = writeln!(out, "    label: {}", p.label());
                if let Some(h) = p.help_text() {
                    let _ = writeln!(out, "    help: {}", h.replace('\n', "\n          "));
                }
            }
            out
        }
    }
}

/// The `(byte range, key)` of every `key = number` line of `text`.
fn numeric_values(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let code = line.split('#').next().unwrap_or("");
        if let Some((key, value)) = code.split_once('=') {
            let key = key.trim();
            let value = value.trim();
            let numeric = !value.is_empty()
                && value.starts_with(|c: char| c.is_ascii_digit() || c == '-')
                && value
                    .chars()
                    .all(|c| c.is_ascii_digit() || "-+._eE".contains(c));
            if numeric && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                let start = at + line.find(value).unwrap_or(0);
                out.push((start..start + value.len(), key.to_owned()));
            }
        }
        at += line.len();
    }
    out
}

fn snapshot() -> String {
    let mut out = String::new();
    let fixtures = manifest().join("tests/malformed");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .expect("fixture directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    names.sort();
    for path in &names {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        let text = std::fs::read_to_string(path).expect("fixture");
        let _ = writeln!(out, "{name}");
        out.push_str(&render(name, &text, &fixtures));
    }
    let examples = manifest().join("../../scenarios");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&examples)
        .expect("scenarios directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    names.sort();
    for path in &names {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        let text = std::fs::read_to_string(path).expect("example");
        for (range, key) in numeric_values(&text) {
            for bad in ["-1", "0", "1e9", "1000000000"] {
                let mut mutated = text.clone();
                mutated.replace_range(range.clone(), bad);
                let _ = writeln!(out, "{name} {key} = {bad}");
                out.push_str(&render(name, &mutated, &examples));
            }
        }
    }
    // Paths as the crate sees them, whatever directory it is built in.
    out.replace(&manifest().display().to_string(), "$CARGO_MANIFEST_DIR")
}

#[test]
fn every_diagnostic_is_unchanged() {
    let path = manifest().join("tests/diagnostics.txt");
    let got = snapshot();
    if std::env::var_os("CUPOLA_BLESS").is_some() {
        std::fs::write(&path, &got).expect("write the snapshot");
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    if got != want {
        let first = got
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| got.lines().count().min(want.lines().count()));
        let show = |s: &str| {
            s.lines()
                .skip(first.saturating_sub(3))
                .take(8)
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "diagnostics changed from line {}:\n--- want\n{}\n--- got\n{}\n(rewrite with CUPOLA_BLESS=1 after a deliberate change)",
            first + 1,
            show(&want),
            show(&got)
        );
    }
}
