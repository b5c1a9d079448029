//! `cupola run [FILE]`: run every study a scenario defines.

use crate::OutputArgs;
use crate::failure::Failure;
use crate::layer::Layer;
use crate::outputs::{self, Results};
use cupola_analysis::TrajectoryStudy;
use cupola_scenario::Scenario;
use std::path::Path;

/// Trials per posture of the stability figures in `cupola run`'s
/// assessment (`cupola stability` uses the scenario's).
pub const ASSESSMENT_TRIALS: u32 = 300;

/// Interval between trajectory samples in tables and plots, s.
pub const DEFAULT_STEP_S: f64 = 5.0;

/// The scenario at `file`, or the built-in default, with the run's
/// `--set` overrides applied; its warnings (layers
/// that can never engage) go to standard error.
pub fn load(file: Option<&Path>) -> Result<Scenario, Failure> {
    let scenario = match file {
        _ if !crate::design::overrides().is_empty() => {
            let base = crate::design::Base::load(file)?;
            let mut s = base.at(&[])?;
            if file.is_none() {
                s.source_name = format!("built-in default ({})", s.source_name);
            }
            s
        }
        Some(p) => cupola_scenario::load(p)?,
        None => {
            let mut s = cupola_scenario::default_scenario();
            s.source_name = format!("built-in default ({})", s.source_name);
            s
        }
    };
    for w in &scenario.warnings {
        eprintln!("warning: {w}");
    }
    Ok(scenario)
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

/// Run the scenario at `file` (or the default) and emit its results: the
/// constellations (and their coverage, when the scenario asks for it),
/// every launch — past the sensor layer when there is one — and the
/// boost-phase sizing (without its sweeps) when the scenario has `[sbi]` and
/// `[size]`, and the layered engagement (without its leak curve), its
/// life-cycle cost and the stability figures (without the arms race and
/// the retaliation table) when it has `[engage]`; the summary ends with a
/// short assessment.
pub fn run(file: Option<&Path>, out: &OutputArgs) -> Result<(), Failure> {
    let scenario = load(file)?;
    let layer = Layer::new(&scenario)?;
    let mut results = Results {
        constellations: layer.summaries().to_vec(),
        assumptions: outputs::assumption_rows(&scenario),
        ..Results::default()
    };
    if let Some(spec) = &scenario.coverage {
        results.coverage = Some(crate::commands::constellation::coverage(&layer, spec)?);
    }
    if scenario.sensors.is_empty() {
        for s in studies(&scenario, DEFAULT_STEP_S) {
            results.trajectories.push(s.run()?);
        }
    } else {
        crate::commands::detect::detections(&scenario, &layer, &mut results)?;
    }
    if scenario.sbi.is_some() && scenario.size.is_some() {
        results.sizing = Some(crate::commands::size::sizing(
            &scenario,
            &layer,
            crate::commands::size::SweepChoice::None,
            None,
        )?);
    }
    if scenario.engage.is_some() {
        results.engagement = Some(crate::commands::engage::engagement(
            &scenario, &layer, None, false,
        )?);
        results.cost = Some(crate::commands::cost::cost(&scenario)?);
        // The assessment's stability figures: the attacker's cheapest
        // counter and the cost-exchange ratios (no race, no retaliation
        // table: `cupola stability` has them).
        results.stability = Some(crate::commands::stability::stability(
            &scenario,
            &layer,
            &crate::commands::stability::Parts {
                trials: Some(ASSESSMENT_TRIALS),
                rounds: Some(0),
                retaliation: false,
            },
        )?);
    }
    outputs::emit(
        &outputs::provenance(&scenario),
        &scenario.name,
        &results,
        out,
    )
}
