//! Infrared early-warning satellites: launch detection by the booster's
//! plume, from geosynchronous or highly elliptical orbits.

use super::{Ephemeris, TargetState};
use cupola_physics::Vec3;
use cupola_physics::geometry::line_of_sight;
use std::sync::Arc;

/// A constellation of infrared launch-detection satellites (SBIRS/DSP class).
///
/// A satellite detects a booster once its plume has risen above
/// `burnthrough_altitude_m` (above the clouds and the densest water vapour,
/// where the plume becomes visible against the Earth) and the line of sight
/// clears the Earth. The report reaches the battle manager
/// `reporting_latency_s` later. Only boosting targets are seen.
pub struct InfraredEarlyWarning {
    /// Name for reports.
    pub name: String,
    /// Satellite positions.
    pub satellites: Arc<dyn Ephemeris>,
    /// Altitude the plume must clear to be seen, m. The scenario default,
    /// 12 km, is cupola's assumption for a plume above most clouds and water
    /// vapour (roughly 10–15 km), not a figure from a cited table.
    pub burnthrough_altitude_m: f64,
    /// Delay from first sight to a report, s.
    pub reporting_latency_s: f64,
    /// Largest sensor-to-target range, m (infinite for none).
    pub max_range_m: f64,
}

impl InfraredEarlyWarning {
    /// Indices of the satellites that see `target`, written into `seen`;
    /// `positions` are the satellites' ECEF positions at that instant.
    pub fn observers(&self, target: &TargetState, positions: &[Vec3], seen: &mut Vec<usize>) {
        seen.clear();
        if !target.boosting || target.altitude_m < self.burnthrough_altitude_m {
            return;
        }
        for (i, &p) in positions.iter().enumerate() {
            if (p - target.position).norm() <= self.max_range_m
                && line_of_sight(p, target.position, 0.0)
            {
                seen.push(i);
            }
        }
    }
}
