//! `cupola run [FILE]`: every study a scenario defines; loading a scenario.

use crate::Model;
use crate::error::Error;
use crate::outputs::{self, Results, RunReport};
use cupola_analysis::TrajectoryStudy;
use cupola_scenario::Scenario;
use cupola_scenario::overrides::Override;
use std::path::Path;

/// Trials per posture of the stability figures in `cupola run`'s
/// assessment (`cupola stability` uses the scenario's).
pub const ASSESSMENT_TRIALS: u32 = 300;

/// What of the stability study `cupola run`'s assessment computes: the
/// attacker's cheapest counter and the cost-exchange ratios at
/// [`ASSESSMENT_TRIALS`] per posture, no race, no retaliation table.
pub const ASSESSMENT_PARTS: crate::study::stability::Parts = crate::study::stability::Parts {
    trials: Some(ASSESSMENT_TRIALS),
    rounds: Some(0),
    retaliation: false,
};

/// Interval between trajectory samples in tables and plots, s.
pub const DEFAULT_STEP_S: f64 = 5.0;

/// The scenario at `file`, or the built-in default, with `sets` (the
/// `--set` overrides) applied and checked as a file's keys are. Its
/// warnings (layers that can never engage) are in `warnings`.
pub fn load(file: Option<&Path>, sets: &[Override]) -> Result<Scenario, Error> {
    let scenario = match file {
        // The base names the built-in default as such already.
        _ if !sets.is_empty() => crate::design::Base::load(file, sets)?.at(&[])?,
        Some(p) => cupola_scenario::load(p)?,
        None => {
            let mut s = cupola_scenario::default_scenario();
            s.source_name = format!("built-in default ({})", s.source_name);
            s
        }
    };
    Ok(scenario)
}

/// The scenario given as TOML `text` (called `name` in messages; catalog
/// files are read relative to `dir`), with `sets` applied and checked as a
/// file's keys are.
pub fn load_text(
    name: &str,
    text: &str,
    dir: Option<&Path>,
    sets: &[Override],
) -> Result<Scenario, Error> {
    let mut base =
        crate::design::Base::from_text(name.to_owned(), text.to_owned(), dir.map(Path::to_owned));
    base.edit(sets)?;
    base.at(&[])
}

/// The trajectory studies of a scenario's launches.
pub fn studies(s: &Scenario, step_s: f64) -> Vec<TrajectoryStudy> {
    s.launches
        .iter()
        .map(|l| TrajectoryStudy {
            name: l.name.clone(),
            missile: l.missile.clone(),
            site: l.site,
            aim: l.aim,
            profile: l.profile,
            launch_time_s: l.time_s,
            options: s.flight,
            sample_step_s: step_s,
            defined_at: Some(l.defined_at.clone()),
        })
        .collect()
}

/// Every study `model`'s scenario defines: the constellations (and their
/// coverage, when the scenario asks for it), every launch — past the sensor
/// layer when there is one — and the boost-phase sizing (without its
/// sweeps) when the scenario has `[sbi]` and `[size]`, and the layered
/// engagement (without its leak curve), its life-cycle cost and the
/// stability figures (without the arms race and the retaliation table)
/// when it has `[engage]`; the summary ends with a short assessment.
pub fn run(model: &Model) -> Result<RunReport, Error> {
    let (scenario, layer) = (model.scenario(), model.layer());
    let mut results = Results {
        constellations: layer.summaries().to_vec(),
        assumptions: outputs::assumption_rows(scenario),
        ..Results::default()
    };
    if let Some(spec) = &scenario.coverage {
        results.coverage = Some(crate::study::constellation::coverage(layer, spec)?);
    }
    if scenario.sensors.is_empty() {
        for (i, s) in model.launches().iter().enumerate() {
            results.trajectories.push(s.result(model.flight(i)?));
        }
    } else {
        crate::study::detect::detections(model, &mut results)?;
    }
    if scenario.sbi.is_some() && scenario.size.is_some() {
        results.sizing = Some(crate::study::size::sizing(
            model,
            crate::study::size::SweepChoice::None,
            None,
        )?);
    }
    if scenario.engage.is_some() {
        results.engagement = Some(crate::study::engage::engagement(model, None, false)?);
        results.cost = Some(crate::study::cost::cost(scenario)?);
        // The assessment's stability figures: the attacker's cheapest
        // counter and the cost-exchange ratios (no race, no retaliation
        // table: `cupola stability` has them).
        results.stability = Some(crate::study::stability::stability(
            model,
            &ASSESSMENT_PARTS,
        )?);
    }
    Ok(RunReport::of(scenario, results))
}
