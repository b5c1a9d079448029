use super::*;
use crate::{DEFAULT_SCENARIO_NAME, DEFAULT_SCENARIO_TOML};

fn set(path: &str, value: &str) -> Override {
    Override {
        path: path.into(),
        value: value.into(),
    }
}

fn default_with(o: &[Override]) -> Result<Scenario, ScenarioError> {
    apply(DEFAULT_SCENARIO_NAME, DEFAULT_SCENARIO_TOML, None, o)
}

#[test]
fn a_written_key_takes_the_new_value() {
    let s = default_with(&[set("sbi.budget.decision_s", "45")]).unwrap();
    let d = default_with(&[]).unwrap();
    assert_eq!(s.sbi.as_ref().unwrap().decision_s, 45.0);
    assert_eq!(d.sbi.as_ref().unwrap().decision_s, 30.0);
    assert_ne!(s.hash, d.hash);
    assert!(s.source_name.ends_with("with sbi.budget.decision_s=45"));
}

#[test]
fn an_element_of_an_array_of_tables_is_reached_by_index() {
    let s = default_with(&[
        set("engage.terminal[0].pk", "0.6"),
        set("area[1].salvo", "5"),
    ])
    .unwrap();
    assert_eq!(s.engage.as_ref().unwrap().terminal[0].pk, 0.6);
    assert_eq!(s.engage.as_ref().unwrap().areas[1].salvo, 5);
    assert_eq!(s.engage.as_ref().unwrap().areas[0].salvo, 3);
}

#[test]
fn an_absent_key_is_added_to_its_table() {
    let text = edit(
        "x",
        DEFAULT_SCENARIO_TOML,
        &[set("sbi.interceptor.end_game_s", "0")],
    )
    .unwrap();
    assert!(text.contains("end_game_s = 0"));
    // Comments are kept.
    assert!(text.contains("# The default cupola scenario"));
    let s = default_with(&[set("sbi.interceptor.end_game_s", "0.0")]).unwrap();
    assert_eq!(s.sbi.unwrap().carrier.interceptor.end_game_s, 0.0);
}

#[test]
fn an_out_of_range_value_is_a_located_problem_naming_the_override() {
    let err = default_with(&[set("engage.boost.pk", "1.5")]).unwrap_err();
    let p = &err.problems()[0];
    assert!(p.file().contains("engage.boost.pk=1.5"), "{}", p.file());
    assert!(p.line() > 1);
}

#[test]
fn bad_paths_name_the_override() {
    for (o, words) in [
        (
            set("engage.terminal[3].pk", "0.5"),
            "there is only 1 of these tables (index 0)",
        ),
        (
            set("sbi.planes[0]", "x"),
            "`planes` is an array of values, not of tables",
        ),
        (
            set("sbi.planes[0].x", "1"),
            "`planes` is an array of values, not of tables",
        ),
        (
            set("sbi.altitude_km[0]", "1"),
            "value, not an array of tables",
        ),
        (
            set("sbi.altitude_km", "1e999"),
            "out of range: it overflows a 64-bit float",
        ),
        (
            set("sbi.planes", "99999999999999999999"),
            "out of range: it overflows a 64-bit integer",
        ),
        (set("sbi", "1"), "table, not a value"),
        (set("scenario.name.x", "1"), "value, not a table"),
        (set("sbi..x", "1"), "not a key"),
        (set("engage.terminal[x].pk", "1"), "index"),
        (set("nothing[0].pk", "1"), "no `nothing` tables"),
    ] {
        let err = default_with(std::slice::from_ref(&o)).unwrap_err();
        let text = err.to_string();
        assert!(text.contains(&o.to_string()), "{text}");
        let ScenarioError::Override { message, .. } = &err else {
            panic!("{err:?}")
        };
        assert!(message.contains(words), "{message}");
    }
}

#[test]
fn a_setting_is_read_from_key_equals_value() {
    let o = Override::parse(" sbi.budget.decision_s = 45 ").unwrap();
    assert_eq!(o, set("sbi.budget.decision_s", "45"));
    assert!(Override::parse("decision_s").is_err());
    assert!(Override::parse("=4").is_err());
    // Text that is not a TOML value is a string.
    let s = default_with(&[set("scenario.name", "plain words")]).unwrap();
    assert_eq!(s.name, "plain words");
}

#[test]
fn the_default_varies_its_assumed_keys_written_or_not() {
    let v = assumptions(DEFAULT_SCENARIO_NAME, DEFAULT_SCENARIO_TOML).unwrap();
    let find = |p: &str| v.iter().find(|x| x.path == p);
    let decision = find("sbi.budget.decision_s").expect("decision time");
    assert!(decision.written);
    assert_eq!(decision.nominal, 30.0);
    assert!(decision.low < decision.nominal && decision.nominal < decision.high);
    let assess = find("engage.midcourse[0].kill_assessment").expect("not written");
    assert!(!assess.written);
    assert_eq!(assess.nominal, 0.9);
    assert!(find("engage.midcourse[1].discrimination").is_some());
    assert!(find("engage.terminal[0].footprint_km").is_some());
    // Every varied value can be set at both ends of its range.
    for x in &v {
        assert!(x.low <= x.high, "{}", x.path);
        let o = x.set(x.low);
        assert_eq!(o.path, x.path);
    }
}

#[test]
fn tables_the_scenario_lacks_are_not_varied() {
    let v = assumptions(DEFAULT_SCENARIO_NAME, DEFAULT_SCENARIO_TOML).unwrap();
    assert!(v.iter().all(|x| !x.path.starts_with("coverage.")));
}

/// A tracking layer's reporting latency is varied around its own default
/// (0 s, in 0–20 s), not the infrared layer's 20 s in 5–60 s.
#[test]
fn a_tracking_layer_latency_is_varied_around_its_own_default() {
    let v = assumptions(DEFAULT_SCENARIO_NAME, DEFAULT_SCENARIO_TOML).unwrap();
    let latency = |kind: &str| {
        let doc: toml_edit::DocumentMut = DEFAULT_SCENARIO_TOML.parse().unwrap();
        let k = doc["sensor"]
            .as_array_of_tables()
            .unwrap()
            .iter()
            .position(|t| t.get("kind").and_then(|x| x.as_str()) == Some(kind))
            .unwrap();
        v.iter()
            .find(|x| x.path == format!("sensor[{k}].reporting_latency_s"))
            .map(|x| (x.nominal, x.low, x.high))
            .unwrap()
    };
    assert_eq!(latency("tracking"), (0.0, 0.0, 20.0));
    assert_eq!(latency("infrared"), (20.0, 5.0, 60.0));
}

/// The default varies the numbers of the catalog missile it launches and
/// the inputs of the cost preset it prices, each over its registry range.
#[test]
fn the_default_varies_its_catalog_missile_and_cost_preset() {
    let v = registry_assumptions(&default_with(&[]).unwrap());
    let find = |p: &str| {
        v.iter()
            .find(|x| x.path == p)
            .unwrap_or_else(|| panic!("{p}"))
    };
    let unit = find("preset.cbo-2026.unit_cost_musd");
    assert_eq!((unit.low, unit.nominal, unit.high), (11.0, 22.0, 44.0));
    assert_eq!(unit.marker(), "cited");
    let burn = find("catalog.solid-icbm.stage[1].burn_time_s");
    assert_eq!((burn.low, burn.nominal, burn.high), (55.0, 60.0, 66.0));
    assert!(find("catalog.solid-icbm.rv_count").integer);
    assert!(find("preset.cbo-2026.solar_flux_sfu").nominal == 140.0);
    // Nothing without a range (CBO's count), nothing fixed (the [sbi]
    // altitude replaces the preset's).
    assert!(v.iter().all(|x| x.path != "preset.cbo-2026.count"));
    assert!(v.iter().all(|x| x.path != "preset.cbo-2026.altitude_km"));
    // Every one can be set at both ends of its range.
    for x in &v {
        for end in [x.low, x.high] {
            default_with(&[x.set(end)]).unwrap_or_else(|e| panic!("{}: {e}", x.path));
        }
    }
}

/// A preset input set on a scenario without [cost] prices the preset the
/// cost study falls back on, with that input changed and listed as set;
/// at its nominal value the spec is the fallback's.
#[test]
fn a_preset_input_is_set_in_the_priced_preset() {
    use cupola_analysis::cost::{life_cycle, presets};
    let d = default_with(&[]).unwrap();
    assert!(d.cost.is_none());
    let altitude = d.sbi.as_ref().unwrap().altitude_m;
    let fallback = presets::cbo_2026_space_layer().with_sbi_altitude(altitude);
    let same = default_with(&[set("preset.cbo-2026.unit_cost_musd", "22")]).unwrap();
    assert_eq!(same.cost.as_ref(), Some(&fallback));
    assert_eq!(
        crate::assumptions(&same).len(),
        crate::assumptions(&d).len()
    );
    let dear = default_with(&[set("preset.cbo-2026.unit_cost_musd", "44")]).unwrap();
    let total = |s: &Scenario| life_cycle(s.cost.as_ref().unwrap()).unwrap().total_musd;
    assert!(total(&dear) > total(&same) + 300_000.0);
    let listed = crate::assumptions(&dear);
    let u = listed
        .iter()
        .find(|x| x.key == "unit_cost_musd" && x.at == "preset `cbo-2026`")
        .unwrap();
    assert_eq!((u.value, u.basis.source), (44.0, Source::Input));
    // A catalog number reaches every launch of the missile.
    let s = default_with(&[set("catalog.solid-icbm.stage[0].burn_time_s", "55")]).unwrap();
    assert!(
        s.launches
            .iter()
            .all(|l| l.missile.stages[0].burn_time_s == 55.0)
    );
}

#[test]
fn a_registry_path_the_scenario_does_not_use_is_refused() {
    for (o, words) in [
        (
            set("preset.boost-2004.count", "1"),
            "prices the preset `cbo-2026`",
        ),
        (set("preset.cbo-2026.nothing", "1"), "not an input"),
        (
            set("preset.cbo-2026.unit_cost_musd", "cheap"),
            "not a number",
        ),
        (
            set("catalog.slbm.drag_factor", "1"),
            "launches no catalog missile",
        ),
        (
            set("catalog.solid-icbm.stage[7].burn_time_s", "1"),
            "3 stages",
        ),
        (set("catalog.solid-icbm.stage[0].burn_time_s", "-5"), "burn"),
        (set("catalog.solid-icbm", "1"), "catalog.MISSILE.KEY"),
        // The reader's checks of an inline missile: at most 100 RVs, at
        // least 1, together no heavier than the payload (3 × 300 of 900 kg).
        (
            set("catalog.solid-icbm.rv_count", "1000000"),
            "`rv_count` of 1000000 is implausibly large",
        ),
        (
            set("catalog.solid-icbm.rv_count", "1e300"),
            "implausibly large",
        ),
        (set("catalog.solid-icbm.rv_count", "0"), "at least 1, got 0"),
        (set("catalog.solid-icbm.rv_count", "2.5"), "whole number"),
        (
            set("catalog.solid-icbm.rv_count", "4"),
            "the 4 re-entry vehicles (4 × 300 kg = 1200 kg) weigh more than the payload (900 kg)",
        ),
    ] {
        let err = default_with(std::slice::from_ref(&o)).unwrap_err();
        let ScenarioError::Override { message, setting } = &err else {
            panic!("{err:?}")
        };
        assert!(message.contains(words), "{o}: {message}");
        assert_eq!(setting, &o.to_string());
    }
}

/// A catalog number set by `--set` is the user's input in the
/// assumptions; the numbers left alone keep the catalog's citation.
#[test]
fn a_catalog_value_set_by_override_is_an_input() {
    let listed = |s: &Scenario, key: &str| {
        crate::assumptions(s)
            .into_iter()
            .find(|d| d.key == key && d.at == "catalog `solid-icbm`")
            .unwrap()
    };
    let d = default_with(&[]).unwrap();
    assert_eq!(listed(&d, "rv_count").basis.source, Source::Assumed);
    let s = default_with(&[set("catalog.solid-icbm.rv_count", "2")]).unwrap();
    assert!(
        s.launches
            .iter()
            .all(|l| l.missile.name != "solid-icbm" || l.missile.rv_count == 2)
    );
    let rv = listed(&s, "rv_count");
    assert_eq!((rv.value, rv.basis.source), (2.0, Source::Input));
    assert!(rv.basis.uncertainty.is_some());
    assert!(matches!(
        listed(&s, "payload_mass_kg").basis.source,
        Source::Cited(_)
    ));
    let s = default_with(&[set("catalog.solid-icbm.stage[0].burn_time_s", "55")]).unwrap();
    let burn = listed(&s, "stage 1 burn_time_s");
    assert_eq!((burn.value, burn.basis.source), (55.0, Source::Input));
}
