//! The facade used as a library, without the command line: a scenario
//! from text with overrides, a study's report, its JSON and summary.

use cupola::study::cost;
use cupola::{Override, Report, load, load_text};

#[test]
fn a_scenario_from_text_is_the_file_with_the_same_overrides() {
    let sets = [Override::parse("sbi.budget.decision_s=45").expect("parses")];
    let from_text = load_text(
        "default.toml",
        cupola_scenario::DEFAULT_SCENARIO_TOML,
        None,
        &sets,
    )
    .expect("loads");
    let built_in = load(None, &sets).expect("loads");
    assert_eq!(from_text.hash, built_in.hash);
    let bad = [Override::parse("sbi.budget.decision_s=-4").expect("parses")];
    let e = load_text("x.toml", cupola_scenario::DEFAULT_SCENARIO_TOML, None, &bad)
        .expect_err("a negative decision time is refused");
    assert!(e.is_input());
    assert!(e.rendered().contains("decision_s"), "{}", e.rendered());
}

#[test]
fn a_report_gives_its_json_and_summary() {
    let scenario = load(None, &[]).expect("loads");
    let report = cost::run(&scenario).expect("costs");
    let json: serde_json::Value =
        serde_json::from_str(&report.json().expect("json")).expect("JSON");
    assert!(
        json["cost"]["result"]["total_musd"]
            .as_f64()
            .expect("a total")
            > 0.0
    );
    assert!(json["provenance"]["scenario_hash"].is_string());
    assert!(report.summary().contains("175"), "{}", report.summary());
    // The summary never carries terminal escapes, whatever the terminal.
    assert!(!report.summary().contains('\u{1b}'));
}
