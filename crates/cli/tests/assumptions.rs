//! `cupola assumptions`: every non-physical value of a scenario, with its
//! basis and range, as a table, as JSON and as `assumptions.csv`.

#[path = "support/bin.rs"]
mod support;
use support::{cupola, stderr, stdout};

#[test]
fn assumptions_lists_every_value_with_its_basis_and_range() {
    let o = cupola(&["assumptions"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    for want in [
        "sbi.budget.decision_s",
        "sbi.interceptor.end_game_s",
        "sensor.reporting_latency_s",
        "engage.boost.pk",
        "engage.terminal.pk",
        "stability.attacker.missile_musd",
        "stability.attacker.decoy_musd",
        "stability.attacker.fast_burn_musd",
        "stability.attacker.asat_musd",
        "stability.midcourse_musd",
        "stability.terminal_musd",
        "unit_cost_musd",
        "catalog `solid-icbm`",
        "61, 66 and 61 s",
    ] {
        assert!(s.contains(want), "lacks {want:?}:\n{s}");
    }
    let o = cupola(&["assumptions", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let rows = v["assumptions"].as_array().expect("a list");
    for r in rows {
        let basis = r["basis"].as_str().unwrap_or("");
        assert!(["cited", "assumed", "input"].contains(&basis), "{r}");
        if basis == "cited" {
            assert!(r["source"].as_str().is_some_and(|c| !c.is_empty()), "{r}");
        } else if basis == "input" {
            // The default cites every value it sets.
            assert_eq!(r["uncited"], false, "{r}");
            assert!(r["source"].as_str().is_some_and(|c| !c.is_empty()), "{r}");
        } else {
            assert!(
                r["low"].as_f64().is_some() && r["high"].as_f64().is_some(),
                "{r}"
            );
            assert!(r["reason"].as_str().is_some_and(|c| !c.is_empty()), "{r}");
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("a");
    let o = cupola(&["assumptions", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = std::fs::read_to_string(out.join("assumptions.csv")).unwrap();
    assert_eq!(csv.lines().count(), rows.len() + 1);
}

/// An input the file cites in `[sources]` is shown with that source; one
/// it does not cite is marked uncited.
#[test]
fn an_input_shows_the_files_source_or_is_marked_uncited() {
    let text =
        cupola_scenario::DEFAULT_SCENARIO_TOML.replace("decision_s = 30.0", "decision_s = 45.0");
    let dir = tempfile::tempdir().unwrap();
    let bare = dir.path().join("bare.toml");
    std::fs::write(&bare, &text).unwrap();
    let o = cupola(&["assumptions", bare.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    let row = s
        .lines()
        .find(|l| l.starts_with("sbi.budget.decision_s"))
        .expect("listed");
    assert!(
        row.contains("45") && row.ends_with("input, uncited"),
        "{row}"
    );
    assert!(s.contains("(1 uncited)") || s.contains("1 uncited"), "{s}");
    let cited = dir.path().join("cited.toml");
    std::fs::write(
        &cited,
        format!("{text}\"sbi.budget.decision_s\" = \"a commander's release, our reading\"\n"),
    )
    .unwrap();
    let o = cupola(&["assumptions", cited.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(
        s.contains("sbi.budget.decision_s: set in the file, which cites: a commander's release"),
        "{s}"
    );
    assert!(s.contains("each with its source"), "{s}");
}
