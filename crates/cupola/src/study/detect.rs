//! `cupola detect`: the detection and track timeline of a scenario's
//! launches against its sensor layer.

use crate::Model;
use crate::error::Error;
use crate::outputs::{self, LaunchDetection, Results, RunReport};
use crate::progress::Progress;
use cupola_analysis::detection::DetectionResult;

/// Follow every launch of `model`'s scenario, flown, with its sensors; adds
/// the trajectories and the detections to `results`.
pub fn detections(model: &Model, results: &mut Results) -> Result<(), Error> {
    let scenario = model.scenario();
    let launches = model.launches();
    let estimate = crate::budget::detection(scenario, launches.len());
    crate::budget::enforce(&estimate)?;
    let progress = Progress::start(&estimate, launches.len() as u64, "launches");
    for (i, launch) in launches.iter().enumerate() {
        let r = DetectionResult {
            trajectory: launch.result(model.flight(i)?),
            detection: model.detection(i)?.clone(),
        };
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
    detections(model, &mut results)?;
    Ok(RunReport::of(scenario, results))
}
