//! `cupola detect`: the detection and track timeline of a scenario's
//! launches against its sensor layer.

use crate::Model;
use crate::error::Error;
use crate::layer::Layer;
use crate::outputs::{self, LaunchDetection, Results, RunReport};
use crate::progress::Progress;
use crate::study::run::{DEFAULT_STEP_S, studies};
use cupola_analysis::detection::DetectionStudy;
use cupola_scenario::Scenario;

/// Sampling interval of detection timelines when the scenario has no
/// `[detect]` table, s (the documented default of that table).
const DEFAULT_DETECT_STEP_S: f64 = 1.0;

/// Fly every launch of `scenario` past its sensors on `layer`; adds the
/// trajectories and the detections to `results`.
pub fn detections(scenario: &Scenario, layer: &Layer, results: &mut Results) -> Result<(), Error> {
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

/// The detection study of `model`'s scenario (which must have sensors).
pub fn run(model: &Model) -> Result<RunReport, Error> {
    let scenario = model.scenario();
    if scenario.sensors.is_empty() {
        return Err(Error::Input(format!(
            "{}: the scenario defines no [[sensor]]; add one (see docs/scenario.md)",
            scenario.source_name
        )));
    }
    let mut results = Results {
        assumptions: outputs::assumption_rows(scenario),
        ..Results::default()
    };
    detections(scenario, model.layer(), &mut results)?;
    Ok(RunReport::of(scenario, results))
}
