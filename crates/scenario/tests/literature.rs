//! The literature scenarios: every file of `scenarios/literature/` is built
//! in, parses, and carries published figures with a source; every variant
//! parses too.

use std::path::PathBuf;

use cupola_scenario::{LITERATURE, literature, literature_names, load};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/literature")
}

/// The `.toml` file stems in `d`, sorted.
fn stems(d: &PathBuf) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(d)
        .expect("the directory")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".toml").map(str::to_owned)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn every_literature_file_is_built_in() {
    let mut built_in: Vec<String> = literature_names().iter().map(|n| (*n).to_owned()).collect();
    built_in.sort();
    assert_eq!(stems(&dir()), built_in);
    for (name, text) in LITERATURE {
        let on_disk = std::fs::read_to_string(dir().join(format!("{name}.toml"))).expect("file");
        assert_eq!(&on_disk, text, "{name}");
    }
}

#[test]
fn every_literature_scenario_parses_with_published_figures() {
    for name in literature_names() {
        let s = literature(name)
            .expect("listed")
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert!(!s.published.is_empty(), "{name}: no [[published]]");
        for p in &s.published {
            assert!(
                !p.source.trim().is_empty(),
                "{name}: {:?} has no source",
                p.figure
            );
            assert!(p.value > 0.0, "{name}: {:?}", p.figure);
        }
    }
    assert!(literature("no-such-study").is_none());
}

#[test]
fn every_variant_parses_with_published_figures() {
    let variants = dir().join("variants");
    let names = stems(&variants);
    assert!(names.len() >= 4, "{names:?}");
    for n in names {
        let s = load(&variants.join(format!("{n}.toml"))).unwrap_or_else(|e| panic!("{n}: {e:?}"));
        assert!(!s.published.is_empty(), "{n}: no [[published]]");
    }
}
