//! Ground-based radars.

use super::TargetState;
use cupola_physics::Vec3;
use cupola_physics::frames::{Geodetic, enu_basis};

/// A ground radar: a site, a maximum range, an elevation mask and a field of
/// regard about a boresight azimuth.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct GroundRadar {
    /// Name for reports.
    pub name: String,
    /// Site.
    pub site: Geodetic,
    /// Largest detection range, m.
    pub max_range_m: f64,
    /// Lowest elevation it sees, rad.
    pub elevation_mask_rad: f64,
    /// Boresight azimuth, rad clockwise from north.
    pub boresight_azimuth_rad: f64,
    /// Half-width in azimuth of the field of regard, rad (π for all round).
    pub half_width_rad: f64,
    /// One-sigma range error, m.
    pub range_error_m: f64,
    /// One-sigma angle error, rad.
    pub angle_error_rad: f64,
    /// Time constant of the track's smoothing, s: the error falls as
    /// `1/√(1 + t_in_track/τ)`.
    pub smoothing_time_s: f64,
    /// Delay from first sight to a report reaching the battle manager, s.
    pub reporting_latency_s: f64,
}

impl GroundRadar {
    /// Whether the radar sees `target` (ECEF positions).
    pub fn sees(&self, target: &TargetState) -> bool {
        self.look(target.position).is_some()
    }

    /// Range (m), azimuth and elevation (rad) of an ECEF point if it is in
    /// the radar's coverage.
    pub fn look(&self, p: Vec3) -> Option<(f64, f64, f64)> {
        let (east, north, up) = enu_basis(self.site);
        let d = p - self.site.to_ecef();
        let range = d.norm();
        if range > self.max_range_m || range <= 0.0 {
            return None;
        }
        let (e, n, u) = (d.dot(east), d.dot(north), d.dot(up));
        let el = u.atan2(e.hypot(n));
        if el < self.elevation_mask_rad {
            return None;
        }
        let az = e.atan2(n);
        let off = (az - self.boresight_azimuth_rad + std::f64::consts::PI)
            .rem_euclid(std::f64::consts::TAU)
            - std::f64::consts::PI;
        (off.abs() <= self.half_width_rad).then_some((range, az, el))
    }

    /// One-sigma position error (m) of a measurement at range `range_m`:
    /// range error and cross-range error `ρ·σ_θ` combined.
    pub fn measurement_error(&self, range_m: f64) -> f64 {
        let cross = range_m * self.angle_error_rad;
        (self.range_error_m.powi(2) + 2.0 * cross * cross).sqrt()
    }
}
