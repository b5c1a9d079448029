//! The assumptions of a scenario: every non-physical value it uses, with
//! the basis the registry gives it (the key descriptors, the missile
//! catalog, the cost presets). One function, [`assumptions`], derives the
//! list; `cupola assumptions` prints it and every result carries it.

use cupola_analysis::cost::presets;
use cupola_physics::basis::{Datum, Source};
use cupola_threat::catalog;

use crate::Scenario;

/// Every non-physical value `scenario` uses, with its basis, in this
/// order: the values its keys resolve to whose default is cited or
/// assumed ([`Scenario::used`], file order: written or defaulted, a
/// written value other than the default marked an input with the key's
/// range); the inputs of its cost preset, or, for a scenario that describes
/// a defense (`[sbi]` or `[engage]`) without `[cost]`, of the CBO 2026
/// preset the cost study then prices (its SBI altitude dropped when `[sbi]`
/// gives one); every number of each catalog missile it launches,
/// once per missile (one a `--set` changed from the catalog's marked an
/// input, with the catalog's range). Physical constants are not listed,
/// nor settings (run sizes, seeds, model switches) nor the file's plain
/// inputs (sites, counts, names).
pub fn assumptions(scenario: &Scenario) -> Vec<Datum> {
    let mut out: Vec<Datum> = scenario.used.clone();
    if scenario.cost.is_none() && (scenario.sbi.is_some() || scenario.engage.is_some()) {
        out.extend(fallback_preset(scenario));
    }
    if scenario.sbi.is_some() {
        out.retain(|d| !(d.at.starts_with("preset ") && d.key == "altitude_km"));
    }
    let mut seen: Vec<&str> = Vec::new();
    for launch in &scenario.launches {
        let name = launch.missile.name.as_str();
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        if let Some(mut list) = catalog::basis(&launch.missile) {
            // The catalog's own numbers: a value that differs was set by an
            // override, and is then the user's input, not the citation's.
            let own = catalog::by_name(name).and_then(|m| catalog::basis(&m));
            for (d, c) in list.iter_mut().zip(own.iter().flatten()) {
                if d.key == c.key && d.value.to_bits() != c.value.to_bits() {
                    d.basis.source = Source::Input;
                }
            }
            out.extend(list);
        }
    }
    out
}

/// The inputs of the CBO 2026 preset, which the cost study prices for a
/// scenario with a defense and no `[cost]` (its SBI altitude dropped when
/// `[sbi]` gives one).
pub(crate) fn fallback_preset(scenario: &Scenario) -> Vec<Datum> {
    let mut list = presets::cbo_2026_basis();
    if scenario.sbi.is_some() {
        list.retain(|d| d.key != "altitude_km");
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use cupola_physics::basis::Source;

    fn find<'a>(list: &'a [Datum], key: &str) -> Vec<&'a Datum> {
        list.iter().filter(|d| d.key == key).collect()
    }

    /// The default's list holds the figures its answers turn on, each with
    /// its basis and range.
    #[test]
    fn the_default_lists_the_figures_that_matter() {
        let list = assumptions(&crate::default_scenario());
        for key in [
            "sbi.budget.decision_s",
            "sbi.interceptor.end_game_s",
            "engage.boost.pk",
            "engage.terminal.pk",
            "stability.attacker.missile_musd",
            "stability.attacker.decoy_musd",
            "stability.attacker.fast_burn_musd",
            "stability.attacker.asat_musd",
            "stability.midcourse_musd",
            "stability.terminal_musd",
            "unit_cost_musd",
            "stage 1 burn_time_s",
        ] {
            let found = find(&list, key);
            assert!(!found.is_empty(), "{key} not listed");
            for d in found {
                assert!(d.basis.uncertainty.is_some(), "{key} has no range");
                assert!(d.basis.is_complete(), "{key}");
            }
        }
        // Every sensor's reporting latency, each kind with its own basis.
        let latency = find(&list, "sensor.reporting_latency_s");
        assert_eq!(latency.len(), 2);
        assert_eq!(latency[0].value, 20.0);
        assert_eq!(latency[1].value, 0.0);
        assert!(latency.iter().all(|d| d.basis.source == Source::Assumed));
        // The catalog missile once, though four launches fly it.
        assert_eq!(find(&list, "stage 1 burn_time_s").len(), 1);
        // Every value: cited, or assumed with a range and a reason, or set
        // in the file with the key's range.
        for d in &list {
            assert!(d.basis.is_complete(), "{} {}", d.at, d.key);
            match d.basis.source {
                Source::Cited(_) | Source::Assumed => {}
                Source::Input => assert!(
                    d.basis.uncertainty.is_some() || d.file_source.is_some(),
                    "{} {}",
                    d.at,
                    d.key
                ),
                Source::Setting => panic!("a setting listed: {} {}", d.at, d.key),
            }
        }
    }

    /// Every value the default scenario sets that drives its headline
    /// figures carries the file's source: no input of its list is
    /// uncited, and the inputs the figures turn on are among them.
    #[test]
    fn the_default_cites_every_value_it_sets() {
        let list = assumptions(&crate::default_scenario());
        let uncited: Vec<String> = list
            .iter()
            .filter(|d| d.uncited_input())
            .map(|d| format!("{} {}", d.key, d.at))
            .collect();
        assert!(uncited.is_empty(), "uncited inputs: {uncited:?}");
        for key in [
            "engage.terminal.pk",
            "engage.midcourse.pk",
            "engage.midcourse.discrimination",
            "engage.midcourse.inventory",
            "engage.terminal.inventory",
            "engage.boost.carriers",
            "engage.decoys_per_rv",
            "sbi.interceptor.stages",
            "sbi.altitude_km",
            "area.salvo",
            "stability.arsenal.warheads",
        ] {
            let found = find(&list, key);
            assert!(!found.is_empty(), "{key} not listed");
            for d in found {
                assert_eq!(d.basis.source, Source::Input, "{key}");
                assert!(
                    d.file_source.as_deref().is_some_and(|c| c.len() > 10),
                    "{key}"
                );
            }
        }
    }

    /// A scenario without a defense lists no cost preset; one with a
    /// defense and no `[cost]` lists the preset the cost study prices.
    #[test]
    fn the_fallback_preset_is_listed_only_with_a_defense() {
        let priced = |s: &Scenario| {
            assumptions(s)
                .iter()
                .any(|d| d.at == "preset `cbo-2026`" && d.key == "unit_cost_musd")
        };
        assert!(priced(&crate::default_scenario()));
        let text = "[scenario]\nname = \"x\"\n[[launch]]\nmissile = \"slbm\"\n\
                    site = { lat_deg = 30.0, lon_deg = -60.0 }\n\
                    aim = { lat_deg = 40.0, lon_deg = -75.0 }\n";
        let bare = crate::parse("bare.toml", text).expect("valid");
        assert!(!priced(&bare));
        assert!(find(&assumptions(&bare), "stage 1 burn_time_s")[0].at == "catalog `slbm`");
    }

    /// A value the file sets away from the default is an input, with the
    /// key's range kept.
    #[test]
    fn a_value_set_in_the_file_is_an_input_with_the_range() {
        let text = crate::DEFAULT_SCENARIO_TOML.replace("decision_s = 30.0", "decision_s = 45.0");
        let s = crate::parse("x.toml", &text).expect("valid");
        let list = assumptions(&s);
        let d = find(&list, "sbi.budget.decision_s")[0];
        assert_eq!(d.value, 45.0);
        assert_eq!(d.basis.source, Source::Input);
        assert!(d.basis.uncertainty.is_some());
    }
}
