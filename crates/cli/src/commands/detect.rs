//! `cupola detect`: the detection and track timeline of a scenario's
//! launches against its sensor layer.

use crate::OutputArgs;
use crate::commands::run::{DEFAULT_STEP_S, load, studies};
use crate::failure::Failure;
use crate::layer::Layer;
use crate::outputs::{self, LaunchDetection, Results};
use crate::progress::Progress;
use cupola_analysis::detection::DetectionStudy;
use cupola_scenario::Scenario;
use std::path::Path;

/// Sampling interval of detection timelines when the scenario has no
/// `[detect]` table, s (the documented default of that table).
const DEFAULT_DETECT_STEP_S: f64 = 1.0;

/// Fly every launch of `scenario` past its sensors on `layer`; adds the
/// trajectories and the detections to `results`.
pub fn detections(
    scenario: &Scenario,
    layer: &Layer,
    results: &mut Results,
) -> Result<(), Failure> {
    let sensors = layer.sensors(scenario)?;
    let step = scenario
        .detect
        .as_ref()
        .map_or(DEFAULT_DETECT_STEP_S, |d| d.step_s);
    let launches = studies(scenario, DEFAULT_STEP_S);
    let estimate = crate::budget::detection(scenario, launches.len());
    crate::budget::enforce(&estimate)?;
    let progress = Progress::start(&estimate, launches.len() as u64, "launches");
    for launch in launches {
        let r = DetectionStudy {
            launch: &launch,
            sensors: &sensors,
            step_s: step,
        }
        .run()?;
        results.detections.push(LaunchDetection::from_result(&r));
        results.trajectories.push(r.trajectory);
        progress.tick(1);
    }
    Ok(())
}

/// Run the detection study of the scenario at `file` (or the default).
pub fn detect(file: Option<&Path>, out: &OutputArgs) -> Result<(), Failure> {
    let scenario = load(file)?;
    if scenario.sensors.is_empty() {
        return Err(Failure::Input(format!(
            "{}: the scenario defines no [[sensor]]; add one (see docs/scenario.md)",
            scenario.source_name
        )));
    }
    let mut results = Results {
        assumptions: outputs::assumption_rows(&scenario),
        ..Results::default()
    };
    detections(&scenario, &Layer::new(&scenario)?, &mut results)?;
    outputs::emit(
        &outputs::provenance(&scenario),
        &scenario.name,
        &results,
        out,
    )
}
