//! The detection and coverage studies' estimates: satellites × time steps.

use super::{COVERAGE_TRIPLE_S, DETECT_SAT_STEP_S, Estimate};
use crate::coverage::study_size;
use cupola_defense::detect::MAX_DETECT_SAMPLES;

/// Flight time assumed for a launch not yet flown, s: `assumed` 2,400
/// (range 600–5,400: a 10,000 km minimum-energy ICBM flight takes about
/// 1,920 s, docs/design.md; depressed and fractional-orbit flights differ).
pub const ASSUMED_FLIGHT_S: f64 = 2_400.0;

/// Bytes per satellite of a sensor's view at one instant (position and
/// velocity, `f64` each, and the visibility flags).
pub const SATELLITE_BYTES: f64 = 56.0;

/// Samples of one launch's detection timeline over `flight_s` (s) every
/// `step_s` (s), as `cupola_defense::detect::detect` takes them (at most
/// [`MAX_DETECT_SAMPLES`] + 1).
pub fn detection_samples(flight_s: f64, step_s: f64) -> f64 {
    let step = if step_s > 0.0 && step_s.is_finite() {
        step_s
    } else {
        1.0
    };
    let step = step.max(flight_s / MAX_DETECT_SAMPLES as f64);
    (flight_s / step).ceil() + 1.0
}

/// The estimate of the detection study: `flights_s` (s, one per launch)
/// sampled every `step_s` (s) against sensors watching
/// `sensor_satellites` satellites in all (a satellite seen by two sensors
/// counts twice).
pub fn detection(flights_s: &[f64], step_s: f64, sensor_satellites: usize) -> Estimate {
    let mut e = Estimate::new("detection");
    let samples: f64 = flights_s
        .iter()
        .map(|&f| detection_samples(f, step_s))
        .sum();
    let sats = sensor_satellites as f64;
    e.core_s = samples * sats * DETECT_SAT_STEP_S;
    e.memory_bytes = sats * SATELLITE_BYTES;
    e.detail.push(format!(
        "{} launch{} × {samples:.2e} time samples in all × {sensor_satellites} sensor satellites",
        flights_s.len(),
        if flights_s.len() == 1 { "" } else { "es" },
    ));
    e.driver(format!("[detect] step_s = {step_s}"));
    e.driver(format!("[[launch]]: {} launch(es)", flights_s.len()));
    e.driver(format!(
        "[[constellation]] satellites watched by [[sensor]]s = {sensor_satellites}"
    ));
    e
}

/// The estimate of the coverage study of `satellites` satellites over
/// `duration_s` (s) every `step_s` (s) on bands `latitude_step_rad` (rad)
/// wide: satellites × ground points × time samples elevation tests.
pub fn coverage(
    satellites: usize,
    duration_s: f64,
    step_s: f64,
    latitude_step_rad: f64,
) -> Estimate {
    let (points, samples, work) = study_size(satellites, duration_s, step_s, latitude_step_rad);
    let mut e = Estimate::new("coverage");
    e.core_s = work * COVERAGE_TRIPLE_S;
    e.memory_bytes = satellites as f64 * SATELLITE_BYTES + points as f64 * 64.0;
    e.detail.push(format!(
        "{satellites} satellites × {points} ground points × {samples} time samples"
    ));
    e.driver(format!("[coverage] duration_s = {duration_s}"));
    e.driver(format!("[coverage] step_s = {step_s}"));
    e.driver(format!(
        "[coverage] latitude_step_deg = {}",
        latitude_step_rad.to_degrees()
    ));
    e.driver(format!("satellites = {satellites}"));
    e
}
