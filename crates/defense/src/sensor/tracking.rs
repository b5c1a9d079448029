//! A low-orbit tracking layer: several satellites see a target, a track
//! needs at least two of them, and the track error shrinks with the number
//! of sensors, their viewing geometry and the time in track.

use super::{Ephemeris, TargetState};
use cupola_physics::Vec3;
use cupola_physics::geometry::{EarthLimb, line_of_sight};
use std::sync::Arc;

/// A constellation of tracking satellites (the HBTSS / tracking-layer class).
///
/// A satellite sees a target when the Earth does not block the line of
/// sight and the target is within `max_range_m`. A boosting target (a hot
/// plume, once above `min_target_altitude_m`) is seen against any
/// background; a cold post-boost object is seen only if `sees_cold_bodies`,
/// and then only against space: the line of sight continued past the target
/// must clear the Earth raised by `grazing_altitude_m` (about 100 km keeps
/// the atmosphere out of the background; 0 accepts any view above the
/// horizon).
pub struct TrackingLayer {
    /// Name for reports.
    pub name: String,
    /// Satellite positions.
    pub satellites: Arc<dyn Ephemeris>,
    /// Height above the Earth the background of a cold body must clear, m.
    pub grazing_altitude_m: f64,
    /// Largest sensor-to-target range, m.
    pub max_range_m: f64,
    /// Whether cold post-boost objects are detected.
    pub sees_cold_bodies: bool,
    /// One-sigma line-of-sight angle error of one sensor, rad.
    pub angle_error_rad: f64,
    /// Sensors that must see the target at once to form a track.
    pub min_sensors: usize,
    /// Lowest altitude at which a boosting target is seen, m: below it the
    /// plume is hidden by clouds and haze, as for the infrared early-warning
    /// layer (12 km is typical).
    pub min_target_altitude_m: f64,
    /// Time constant of the track's smoothing, s: the error falls as
    /// `1/√(1 + t_in_track/τ)`.
    pub smoothing_time_s: f64,
    /// Delay from first sight to a report reaching the battle manager, s.
    pub reporting_latency_s: f64,
}

/// Length of the ray continued past a target to test its background, m
/// (beyond any place it could meet the Earth).
const BACKGROUND_RAY_M: f64 = 1.0e8;

impl TrackingLayer {
    /// Indices of the satellites that see `target`, written into `seen`.
    pub fn observers(&self, target: &TargetState, positions: &[Vec3], seen: &mut Vec<usize>) {
        seen.clear();
        if (!target.boosting && !self.sees_cold_bodies)
            || (target.boosting && target.altitude_m < self.min_target_altitude_m)
        {
            return;
        }
        let limb = EarthLimb::with_grazing_altitude(self.grazing_altitude_m);
        for (i, &p) in positions.iter().enumerate() {
            let d = target.position - p;
            if d.norm() > self.max_range_m || !line_of_sight(p, target.position, 0.0) {
                continue;
            }
            // A cold body must stand against space: the ray beyond it clears
            // the raised limb.
            let against_space = || {
                limb.clear(
                    target.position,
                    target.position + d.unit() * BACKGROUND_RAY_M,
                )
            };
            if target.boosting || self.grazing_altitude_m <= 0.0 || against_space() {
                seen.push(i);
            }
        }
    }

    /// Instantaneous position error (one sigma, m) of a triangulated fix
    /// from the sensors `seen` (indices into `positions`) on `target`, or
    /// `None` with fewer than [`TrackingLayer::min_sensors`] (or two).
    ///
    /// Stereo triangulation: the best-conditioned pair (largest
    /// `sin β`, β the angle between the two lines of sight at the target)
    /// gives `σ = σ_θ·√(ρ₁² + ρ₂²)/sin β`; `n` sensors improve it by `√(2/n)`.
    pub fn fix_error(&self, target: Vec3, positions: &[Vec3], seen: &[usize]) -> Option<f64> {
        if seen.len() < self.min_sensors.max(2) {
            return None;
        }
        let mut best = f64::INFINITY;
        for (a, &i) in seen.iter().enumerate() {
            for &j in &seen[a + 1..] {
                let u = positions[i] - target;
                let v = positions[j] - target;
                let sin_b = u.angle_to(v).sin();
                if sin_b > 1e-6 {
                    let s = self.angle_error_rad * (u.norm2() + v.norm2()).sqrt() / sin_b;
                    best = best.min(s);
                }
            }
        }
        best.is_finite()
            .then(|| best * (2.0 / seen.len() as f64).sqrt())
    }

    /// Track error (one sigma, m) after `time_in_track_s` of continuous
    /// track, from the instantaneous fix error; see [`super::smoothed_error`].
    pub fn track_error(&self, fix_error_m: f64, time_in_track_s: f64) -> f64 {
        super::smoothed_error(fix_error_m, time_in_track_s, self.smoothing_time_s)
    }
}
