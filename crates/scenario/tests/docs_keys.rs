//! `docs/scenario.md` shows each described table as generated from its key
//! descriptors, between `<!-- keys: PATH -->` and `<!-- /keys -->`. After
//! changing a descriptor, regenerate the docs with
//! `CUPOLA_BLESS=1 cargo test -p cupola-scenario --test docs_keys`.

use std::path::PathBuf;

use cupola_scenario::key::{KeyDefault, KeyDescriptor, KeyKind, Source, markdown_table, tables};

/// `text` with the generated table of every described table in place;
/// `Err` names a table whose markers are missing.
fn regenerate(text: &str) -> Result<String, String> {
    let mut out = text.to_owned();
    for (path, keys) in tables() {
        let open = format!("<!-- keys: {path} -->\n");
        let close = "<!-- /keys -->";
        let start = out
            .find(&open)
            .ok_or_else(|| format!("docs/scenario.md has no `{}` marker", open.trim()))?
            + open.len();
        let end = start
            + out[start..]
                .find(close)
                .ok_or_else(|| format!("`{}` is not closed by `{close}`", open.trim()))?;
        out.replace_range(start..end, &markdown_table(keys));
    }
    Ok(out)
}

#[test]
fn docs_tables_match_the_key_descriptors() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/scenario.md");
    let text = std::fs::read_to_string(&path).expect("docs/scenario.md");
    let want = regenerate(&text).unwrap_or_else(|e| panic!("{e}"));
    // Every marked table is a described one.
    for line in text.lines().filter(|l| l.starts_with("<!-- keys: ")) {
        let path = line
            .trim_start_matches("<!-- keys: ")
            .trim_end_matches(" -->");
        assert!(
            tables().iter().any(|(p, _)| *p == path),
            "docs/scenario.md marks `{path}`, which no descriptor table describes"
        );
    }
    if std::env::var_os("CUPOLA_BLESS").is_some() {
        std::fs::write(&path, &want).expect("write docs/scenario.md");
    } else {
        assert!(
            text == want,
            "docs/scenario.md differs from the key descriptors; regenerate it with \
             CUPOLA_BLESS=1 cargo test -p cupola-scenario --test docs_keys"
        );
    }
}

/// What is incomplete about `k`, a key of `path`.
fn gaps(path: &str, k: &KeyDescriptor) -> Vec<String> {
    let at = format!("[{path}] `{}`", k.name);
    let mut out = Vec::new();
    let mut need = |ok: bool, what: &str| {
        if !ok {
            out.push(format!("{at}: {what}"));
        }
    };
    need(!k.doc.is_empty(), "no meaning");
    need(
        k.example.contains(k.name),
        "an example that does not write the key",
    );
    need(!matches!(k.kind, KeyKind::Other("")), "no type");
    need(
        k.allowed.describe().is_empty() || !k.hint.is_empty(),
        "a range without a hint",
    );
    // A default that claims something about the world carries its basis:
    // a citation, or `assumed` with an uncertainty range.
    let physical = k.plausible.is_some()
        && matches!(k.default, KeyDefault::Number(_) | KeyDefault::Integer(_));
    need(
        !physical
            || matches!(
                k.source,
                Source::Setting | Source::Cited(_) | Source::Assumed
            ),
        "a physical default without a source",
    );
    need(
        k.source != Source::Assumed || k.uncertainty.is_some(),
        "assumed without a range",
    );
    if let (Some((lo, hi)), KeyDefault::Number(v)) = (k.plausible, k.default) {
        need(lo <= v && v <= hi, "a default outside its plausible range");
    }
    if let Some((lo, hi)) = k.plausible {
        need(
            k.allowed.contains(lo) && k.allowed.contains(hi),
            "a plausible range that is not allowed",
        );
    }
    if let Some(u) = k.uncertainty {
        need(u.low <= u.high, "an uncertainty range upside down");
        need(
            k.allowed.contains(u.low) && k.allowed.contains(u.high),
            "an uncertainty range that is not allowed",
        );
    }
    out
}

#[test]
fn every_described_key_is_complete() {
    let mut all = Vec::new();
    for (path, keys) in tables() {
        let mut names: Vec<&str> = keys.iter().map(|k| k.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), keys.len(), "[{path}] describes a key twice");
        for k in *keys {
            all.extend(gaps(path, k));
        }
    }
    assert!(all.is_empty(), "{}", all.join("\n"));
}
