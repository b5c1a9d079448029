//! `docs/scenario.md` shows each described table as generated from its key
//! descriptors, between `<!-- keys: PATH -->` and `<!-- /keys -->`. After
//! changing a descriptor, regenerate the docs with
//! `CUPOLA_BLESS=1 cargo test -p cupola-scenario --test docs_keys`.

use std::path::PathBuf;

use cupola_scenario::key::{KeyDefault, KeyKind, Source, markdown_table, tables};

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

#[test]
fn every_described_key_is_complete() {
    for (path, keys) in tables() {
        for k in *keys {
            let at = format!("[{path}] `{}`", k.name);
            assert!(!k.doc.is_empty(), "{at}: no meaning");
            assert!(
                k.example.starts_with(k.name) || k.example.contains(k.name),
                "{at}: example {:?}",
                k.example
            );
            assert!(!matches!(k.kind, KeyKind::Other("")), "{at}: no type");
            if k.allowed.describe() != "" {
                assert!(!k.hint.is_empty(), "{at}: a range without a hint");
            }
            // A default that claims something about the world carries its
            // basis: a citation, or `assumed` with an uncertainty range.
            let physical = k.plausible.is_some()
                && matches!(k.default, KeyDefault::Number(_) | KeyDefault::Integer(_));
            if physical && k.source != Source::Setting {
                assert!(
                    matches!(k.source, Source::Cited(_) | Source::Assumed),
                    "{at}: a physical default without a source"
                );
            }
            if k.source == Source::Assumed {
                assert!(k.uncertainty.is_some(), "{at}: assumed without a range");
            }
            if let (Some((lo, hi)), KeyDefault::Number(v)) = (k.plausible, k.default) {
                assert!(
                    lo <= v && v <= hi,
                    "{at}: default {v} outside its plausible range"
                );
            }
            if let Some((lo, hi)) = k.plausible {
                assert!(
                    k.allowed.contains(lo) && k.allowed.contains(hi),
                    "{at}: plausible range not allowed"
                );
            }
        }
    }
}
