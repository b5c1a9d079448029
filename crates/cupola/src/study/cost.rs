//! `cupola cost`: the life-cycle cost of the scenario's defense (or the
//! CBO 2026 preset), by layer, category and year, and what the announced
//! $175 billion buys under each preset's unit costs.

use crate::error::Error;
use crate::outputs::{self, CostReport, Results, RunReport};
use cupola_analysis::cost::{
    CostError, CostSpec, OpsScaling, SBI_LAYERS, affordable_units, life_cycle, marginal_unit_musd,
    presets,
};
use cupola_scenario::Scenario;

/// The announced programme cost, millions of dollars ($175 billion).
pub const ANNOUNCED_MUSD: f64 = 175_000.0;

fn internal(e: CostError) -> Error {
    Error::Input(format!("cost model: {e}"))
}

/// The scenario's cost spec, or the CBO 2026 preset with its SBIs at the
/// scenario's `[sbi]` altitude (when there is one), with its label.
fn spec_of(scenario: &Scenario) -> (CostSpec, String) {
    match &scenario.cost {
        Some(c) => (
            c.clone(),
            format!("the scenario's [cost] ({})", scenario.source_name),
        ),
        None => {
            let preset = presets::cbo_2026_space_layer();
            match &scenario.sbi {
                Some(layer) => (
                    preset.with_sbi_altitude(layer.altitude_m),
                    format!(
                        "the CBO 2026 preset at the [sbi] altitude of {:.0} km (the scenario has \
                         no [cost])",
                        layer.altitude_m / 1e3
                    ),
                ),
                None => (
                    preset,
                    "the CBO 2026 preset (the scenario has no [cost])".into(),
                ),
            }
        }
    }
}

/// 20-year cost of one more carrier of the scenario's space layer (the
/// first element of an SBI layer, "space" or "boost"; the CBO 2026 preset
/// at the scenario's SBI altitude without one), millions of dollars: the
/// cost model's marginal unit, with its replacements, propellant and
/// schedule.
pub fn sbi_unit_musd(scenario: &Scenario) -> Result<f64, Error> {
    let (spec, _) = spec_of(scenario);
    let is_sbi = |e: &&cupola_analysis::cost::Element| SBI_LAYERS.contains(&e.layer.as_str());
    let (spec, name) = match spec.elements.iter().find(is_sbi).map(|e| e.name.clone()) {
        Some(name) => (spec, name),
        None => {
            let preset = presets::cbo_2026_space_layer();
            let preset = match &scenario.sbi {
                Some(layer) => preset.with_sbi_altitude(layer.altitude_m),
                None => preset,
            };
            let name = preset.elements[0].name.clone();
            (preset, name)
        }
    };
    marginal_unit_musd(&spec, &name).map_err(internal)
}

/// The cost study of `scenario`.
pub fn cost(scenario: &Scenario) -> Result<CostReport, Error> {
    let (spec, source) = spec_of(scenario);
    let result = life_cycle(&spec).map_err(internal)?;
    let mut buys = Vec::new();
    for (label, p) in [
        ("CBO 2026 space layer", presets::cbo_2026_space_layer()),
        (
            "boost-phase layer, CBO 2004 / NRC 2012 style",
            presets::boost_phase_2004_style(),
        ),
    ] {
        let name = p.elements[0].name.clone();
        let a =
            affordable_units(ANNOUNCED_MUSD, &p, &name, OpsScaling::PerUnit).map_err(internal)?;
        buys.push((label.to_string(), a));
    }
    Ok(CostReport {
        source,
        spec,
        result,
        buys,
        sbi_unit_musd: sbi_unit_musd(scenario)?,
    })
}

/// The cost study of `scenario` (it flies nothing, so it needs no model).
pub fn run(scenario: &Scenario) -> Result<RunReport, Error> {
    let results = Results {
        cost: Some(cost(scenario)?),
        assumptions: outputs::assumption_rows(scenario),
        ..Results::default()
    };
    Ok(RunReport::of(scenario, results))
}
