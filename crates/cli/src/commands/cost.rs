//! `cupola cost`: the life-cycle cost of the scenario's defense (or the
//! CBO 2026 preset), by layer, category and year, and what the announced
//! $175 billion buys under each preset's unit costs.

use crate::OutputArgs;
use crate::commands::run::load;
use crate::failure::Failure;
use crate::outputs::{self, CostReport, Results};
use clap::Args;
use cupola_analysis::cost::{
    CostError, CostSpec, OpsScaling, affordable_units, life_cycle, presets,
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

/// The scenario's cost spec, or the CBO 2026 preset, with its label.
fn spec_of(scenario: &Scenario) -> (CostSpec, String) {
    match &scenario.cost {
        Some(c) => (
            c.clone(),
            format!("the scenario's [cost] ({})", scenario.source_name),
        ),
        None => (
            presets::cbo_2026_space_layer(),
            "the CBO 2026 preset (the scenario has no [cost])".into(),
        ),
    }
}

/// 20-year cost of one more carrier of the scenario's space layer (the
/// first element whose layer is "space" or "boost"; the CBO 2026 preset
/// without one), millions of dollars: the difference in life-cycle cost
/// between count + 1 and count.
pub fn sbi_unit_musd(scenario: &Scenario) -> Result<f64, Failure> {
    let (spec, _) = spec_of(scenario);
    let spec = if spec
        .elements
        .iter()
        .any(|e| e.layer == "space" || e.layer == "boost")
    {
        spec
    } else {
        presets::cbo_2026_space_layer()
    };
    let k = spec
        .elements
        .iter()
        .position(|e| e.layer == "space" || e.layer == "boost")
        .unwrap_or(0);
    let base = life_cycle(&spec).map_err(internal)?.total_musd;
    let mut more = spec.clone();
    more.elements[k].count += 1;
    Ok(life_cycle(&more).map_err(internal)?.total_musd - base)
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
        ..Results::default()
    };
    outputs::emit(
        &outputs::provenance(&scenario),
        &scenario.name,
        &results,
        &args.output,
    )
}
