//! `cupola cost`: the life-cycle cost of the scenario's defense (or the
//! CBO 2026 preset), by layer, category and year, and what the announced
//! $175 billion buys under each preset's unit costs.

use crate::OutputArgs;
use crate::commands::run::load;
use crate::failure::Failure;
use crate::outputs::{self, CostReport, Results};
use clap::Args;
use cupola_analysis::cost::{
    CostError, CostSpec, OpsScaling, SBI_LAYERS, affordable_units, life_cycle, marginal_unit_musd,
    presets,
};
use cupola_scenario::Scenario;
use std::path::PathBuf;

/// The announced programme cost, millions of dollars ($175 billion).
pub const ANNOUNCED_MUSD: f64 = 175_000.0;

/// Flags of `cupola cost`.
#[derive(Args, Debug, Default)]
pub struct CostArgs {
    /// Scenario file (TOML); omit for the built-in default.
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

fn internal(e: CostError) -> Failure {
    Failure::Input(format!("cost model: {e}"))
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
pub fn sbi_unit_musd(scenario: &Scenario) -> Result<f64, Failure> {
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
pub fn cost(scenario: &Scenario) -> Result<CostReport, Failure> {
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

/// Run `cupola cost`.
pub fn run(args: &CostArgs) -> Result<(), Failure> {
    let scenario = load(args.file.as_deref())?;
    let results = Results {
        cost: Some(cost(&scenario)?),
        assumptions: outputs::assumption_rows(&scenario),
        ..Results::default()
    };
    outputs::emit(
        &outputs::provenance(&scenario),
        &scenario.name,
        &results,
        &args.output,
    )
}
