//! A value the reader allows but that lies outside its key's plausible
//! range (a mistyped exponent, a unit slip) is a located warning: the
//! scenario still loads.

use std::path::PathBuf;

use cupola_scenario::{load, parse_with_base};

fn scenarios_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")
}

#[test]
fn no_example_value_is_implausible() {
    for entry in std::fs::read_dir(scenarios_dir()).expect("scenarios directory") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        let s = load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let implausible: Vec<&String> = s
            .warnings
            .iter()
            .filter(|w| w.contains("plausible range"))
            .collect();
        assert!(
            implausible.is_empty(),
            "{}: {implausible:?}",
            path.display()
        );
    }
}

#[test]
fn a_vanishing_interceptor_acceleration_is_a_located_warning() {
    let dir = scenarios_dir();
    let text = std::fs::read_to_string(dir.join("sbi.toml")).expect("sbi.toml");
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("acceleration_g"))
        .expect("sbi.toml writes acceleration_g")
        + 1;
    let mutated: String = text
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("acceleration_g") {
                "acceleration_g = 1e-100".to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let s = parse_with_base("sbi.toml", &mutated, Some(&dir)).expect("allowed: > 0");
    let w: Vec<&String> = s
        .warnings
        .iter()
        .filter(|w| w.contains("`acceleration_g`"))
        .collect();
    assert_eq!(w.len(), 1, "{:?}", s.warnings);
    assert!(
        w[0].starts_with(&format!(
            "sbi.toml:{line}:18: `acceleration_g` = 1e-100 g is outside"
        )),
        "{}",
        w[0]
    );
    assert!(
        w[0].contains("outside the plausible range 1–50 g"),
        "{}",
        w[0]
    );
}
