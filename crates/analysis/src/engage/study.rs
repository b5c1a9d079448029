//! The engagement study: plan once, run the Monte Carlo, and the leak
//! curve over salvo sizes.

use super::plan::{Plan, PlanArea, PlanInput};
use super::run::{EngageResult, monte_carlo};
use super::spec::EngageSpec;
use crate::sizing::{SbiLayerSpec, SizingError};
use cupola_defense::reach::ReachTable;
use cupola_threat::Trajectory;
use std::sync::Arc;

/// Everything an engagement run needs besides the flown launches.
#[derive(Clone, Debug)]
pub struct EngageInput {
    /// The study.
    pub spec: EngageSpec,
    /// What each of the spec's areas needs, in their order.
    pub areas: Vec<EngageArea>,
    /// The SBI layer, when the spec has a boost layer.
    pub sbi: Option<SbiLayerSpec>,
    /// Master seed.
    pub seed: u64,
}

/// The sensor and launch facts of one launch area.
#[derive(Clone, Debug, PartialEq)]
pub struct EngageArea {
    /// Re-entry vehicles per missile of the area's launch.
    pub rvs: u32,
    /// Cueing track of each midcourse site's sensor, s after lift-off.
    pub midcourse_cue_s: Vec<Option<f64>>,
    /// Cueing track of each terminal battery's sensor, s after lift-off.
    pub terminal_cue_s: Vec<Option<f64>>,
    /// The boost layer's launch report, s after lift-off (0 without one).
    pub detection_s: f64,
}

impl EngageInput {
    /// The boost layer's reach table against each area's launch (`flown`,
    /// one trajectory per area), when the spec has a boost layer.
    pub fn boost_tables(
        &self,
        flown: &[Trajectory],
    ) -> Result<Vec<Option<Arc<ReachTable>>>, SizingError> {
        self.areas
            .iter()
            .zip(flown)
            .map(|(a, tr)| match (&self.sbi, &self.spec.boost) {
                (Some(layer), Some(_)) => {
                    Ok(Some(super::plan::boost_table(layer, a.detection_s, tr)?))
                }
                _ => Ok(None),
            })
            .collect()
    }
}

/// The plan of `input` for a raid of `salvo` missiles, shared among its
/// areas in proportion to their salvos ([`crate::raid::scaled`]); `flown`
/// holds each area's trajectory.
pub fn plan(input: &EngageInput, flown: &[Trajectory], salvo: u32) -> Result<Plan, SizingError> {
    plan_with(input, flown, salvo, &input.boost_tables(flown)?)
}

/// [`plan`] with the boost layer's reach tables already built (see
/// [`EngageInput::boost_tables`]).
pub fn plan_with(
    input: &EngageInput,
    flown: &[Trajectory],
    salvo: u32,
    tables: &[Option<Arc<ReachTable>>],
) -> Result<Plan, SizingError> {
    let n = input.spec.areas.len();
    if input.areas.len() != n || flown.len() != n || tables.len() != n {
        return Err(super::SpecError {
            owner: "the engagement".to_owned(),
            field: "areas",
            value: input.areas.len().min(flown.len()).min(tables.len()) as f64,
            range: "one launch, trajectory and boost table per launch area",
        }
        .into());
    }
    let areas = if salvo == input.spec.salvo() {
        input.spec.areas.clone()
    } else {
        crate::raid::scaled(&input.spec.areas, salvo)
    };
    let spec = EngageSpec {
        areas,
        ..input.spec.clone()
    };
    spec.validate()?;
    let plan_areas: Vec<PlanArea<'_>> = spec
        .areas
        .iter()
        .zip(&input.areas)
        .zip(flown)
        .zip(tables)
        .filter(|(((area, _), _), _)| area.salvo > 0)
        .map(|(((area, a), trajectory), table)| PlanArea {
            area,
            trajectory,
            rvs: a.rvs,
            midcourse_cue_s: &a.midcourse_cue_s,
            terminal_cue_s: &a.terminal_cue_s,
            detection_s: a.detection_s,
            table: table.clone(),
        })
        .collect();
    Plan::build(&PlanInput {
        spec: &spec,
        areas: &plan_areas,
        sbi: input.sbi.as_ref(),
        seed: input.seed,
    })
}

/// Run the engagement at the spec's raid.
pub fn engage(
    input: &EngageInput,
    flown: &[Trajectory],
    progress: &(dyn Fn(u64) + Sync),
) -> Result<EngageResult, SizingError> {
    let p = plan(input, flown, input.spec.salvo())?;
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
    flown: &[Trajectory],
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<EngageResult>, SizingError> {
    let tables = input.boost_tables(flown)?;
    input
        .spec
        .salvo_sweep
        .iter()
        .map(|&n| {
            let p = plan_with(input, flown, n, &tables)?;
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
