//! The detection study: when the sensor layer first sees each launch, when
//! it holds a track, and how good the track is over the flight.

use crate::trajectory::{TrajectoryResult, TrajectoryStudy};
use cupola_defense::{DetectionTimeline, Sensor, detect};
use cupola_threat::Solution;

/// One launch, flown, against a sensor layer.
pub struct DetectionStudy<'a> {
    /// The launch.
    pub launch: &'a TrajectoryStudy,
    /// Its flight ([`TrajectoryStudy::solve`]).
    pub flown: &'a Solution,
    /// The sensors.
    pub sensors: &'a [Sensor],
    /// Sampling interval of the timeline, s.
    pub step_s: f64,
}

/// Result of the detection study for one launch.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DetectionResult {
    /// The trajectory flown.
    pub trajectory: TrajectoryResult,
    /// What the sensors saw.
    pub detection: DetectionTimeline,
}

impl DetectionStudy<'_> {
    /// Follow the flown launch with the sensors.
    pub fn run(&self) -> DetectionResult {
        DetectionResult {
            trajectory: self.launch.result(self.flown),
            detection: detect(
                &self.flown.trajectory,
                self.launch.launch_time_s,
                self.sensors,
                self.step_s,
            ),
        }
    }
}
