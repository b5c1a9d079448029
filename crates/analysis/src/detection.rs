//! The detection study: when the sensor layer first sees each launch, when
//! it holds a track, and how good the track is over the flight.

use crate::trajectory::{StudyError, TrajectoryResult, TrajectoryStudy};
use cupola_defense::{DetectionTimeline, Sensor, detect};

/// One launch against a sensor layer.
pub struct DetectionStudy<'a> {
    /// The launch.
    pub launch: &'a TrajectoryStudy,
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
    /// Target and fly the launch, then follow it with the sensors.
    pub fn run(&self) -> Result<DetectionResult, StudyError> {
        let sol = self.launch.solve()?;
        let detection = detect(
            &sol.trajectory,
            self.launch.launch_time_s,
            self.sensors,
            self.step_s,
        );
        Ok(DetectionResult {
            trajectory: self.launch.result(&sol),
            detection,
        })
    }
}
