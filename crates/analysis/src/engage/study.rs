//! The engagement study: plan once, run the Monte Carlo, and the leak
//! curve over salvo sizes.

use super::plan::{Plan, PlanArea, PlanInput};
use super::run::{EngageResult, monte_carlo};
use super::spec::EngageSpec;
use crate::raid::LaunchArea;
use crate::sizing::{SbiLayerSpec, SizingError};
use cupola_defense::reach::ReachTable;
use cupola_threat::Trajectory;
use std::sync::Arc;

/// Everything an engagement run needs besides the flown reference
/// trajectory.
#[derive(Clone, Debug)]
pub struct EngageInput {
    /// The study.
    pub spec: EngageSpec,
    /// Name of the reference launch.
    pub launch_name: String,
    /// Re-entry vehicles per missile.
    pub rvs: u32,
    /// The SBI layer and its launch report time, s after lift-off, when the
    /// spec has a boost layer.
    pub sbi: Option<(SbiLayerSpec, f64)>,
    /// Cueing track of each midcourse site's sensor, s after lift-off.
    pub midcourse_cue_s: Vec<Option<f64>>,
    /// Cueing track of each terminal battery's sensor, s after lift-off.
    pub terminal_cue_s: Vec<Option<f64>>,
    /// Master seed.
    pub seed: u64,
}

/// The plan of `input` for a salvo of `salvo` missiles.
pub fn plan(input: &EngageInput, trajectory: &Trajectory, salvo: u32) -> Result<Plan, SizingError> {
    plan_with(input, trajectory, salvo, None)
}

/// [`plan`] with the boost layer's reach table already built for
/// `trajectory` (see [`super::plan::boost_table`]).
pub fn plan_with(
    input: &EngageInput,
    trajectory: &Trajectory,
    salvo: u32,
    table: Option<Arc<ReachTable>>,
) -> Result<Plan, SizingError> {
    let spec = EngageSpec {
        salvo,
        ..input.spec.clone()
    };
    spec.validate()?;
    let area = LaunchArea {
        name: input.launch_name.clone(),
        launch: spec.launch,
        salvo,
        width_m: spec.area_width_m,
        depth_m: 0.0,
        window_s: spec.window_s,
    };
    Plan::build(&PlanInput {
        spec: &spec,
        areas: &[PlanArea {
            area: &area,
            trajectory,
            rvs: input.rvs,
            midcourse_cue_s: &input.midcourse_cue_s,
            terminal_cue_s: &input.terminal_cue_s,
            detection_s: input.sbi.as_ref().map_or(0.0, |s| s.1),
            table,
        }],
        sbi: input.sbi.as_ref().map(|(l, _)| l),
        seed: input.seed,
    })
}

/// Run the engagement at the spec's salvo size.
pub fn engage(
    input: &EngageInput,
    trajectory: &Trajectory,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<EngageResult, SizingError> {
    let p = plan(input, trajectory, input.spec.salvo)?;
    Ok(monte_carlo(
        &input.spec,
        &p,
        input.spec.trials,
        input.seed,
        progress,
    ))
}

/// The leak curve: the engagement at each of the spec's sweep salvo sizes.
pub fn leak_curve(
    input: &EngageInput,
    trajectory: &Trajectory,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<EngageResult>, SizingError> {
    let table = match (&input.sbi, &input.spec.boost) {
        (Some((layer, detection_s)), Some(_)) => {
            Some(super::plan::boost_table(layer, *detection_s, trajectory)?)
        }
        _ => None,
    };
    input
        .spec
        .salvo_sweep
        .iter()
        .map(|&n| {
            let p = plan_with(input, trajectory, n, table.clone())?;
            Ok(monte_carlo(
                &input.spec,
                &p,
                input.spec.trials,
                input.seed,
                progress,
            ))
        })
        .collect()
}

/// The saturation point of a leak curve: the largest salvo whose
/// probability of no leaker is still at least one half (None: none is).
pub fn saturation(curve: &[EngageResult]) -> Option<u32> {
    curve
        .iter()
        .filter(|r| r.p_no_leak >= 0.5)
        .map(|r| r.salvo)
        .max()
}
