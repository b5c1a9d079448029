//! Sensors: what they are and when they see a target.
//!
//! Every sensor answers one question for a target at an instant: which of
//! its platforms see it. Times are simulation seconds from the scenario
//! epoch; positions are ECEF, m.

pub mod infrared;
pub mod radar;
pub mod tracking;

pub use infrared::InfraredEarlyWarning;
pub use radar::GroundRadar;
pub use tracking::TrackingLayer;

use cupola_physics::Vec3;

/// Positions of a set of satellites over time.
pub trait Ephemeris: Send + Sync {
    /// Number of satellites.
    fn count(&self) -> usize;
    /// ECEF positions (m) of every satellite at simulation time `t_s` (s
    /// from the scenario epoch), written into `out` (cleared first).
    fn positions_ecef(&self, t_s: f64, out: &mut Vec<Vec3>);
}

/// Satellites fixed over the Earth (geostationary platforms): constant ECEF
/// positions, m.
pub struct Stationary {
    /// ECEF positions, m.
    pub positions: Vec<Vec3>,
}

impl Stationary {
    /// Geostationary satellites at the given longitudes (deg, east positive),
    /// on the equator at the geostationary radius (42,164.2 km).
    pub fn geostationary(longitudes_deg: &[f64]) -> Self {
        const R_GEO_M: f64 = 42_164_170.0;
        Self {
            positions: longitudes_deg
                .iter()
                .map(|l| {
                    let (s, c) = l.to_radians().sin_cos();
                    Vec3::new(R_GEO_M * c, R_GEO_M * s, 0.0)
                })
                .collect(),
        }
    }
}

impl Ephemeris for Stationary {
    fn count(&self) -> usize {
        self.positions.len()
    }

    fn positions_ecef(&self, _t_s: f64, out: &mut Vec<Vec3>) {
        out.clear();
        out.extend_from_slice(&self.positions);
    }
}

/// Track error (one sigma, m) after `time_in_track_s` (s) of continuous
/// track from an instantaneous fix error `fix_error_m` (m), with smoothing
/// time constant `tau_s` (s): `σ/√(1 + t/τ)`, the √n gain of averaging
/// independent measurements (a generic smoothing model, not a Kalman filter).
pub fn smoothed_error(fix_error_m: f64, time_in_track_s: f64, tau_s: f64) -> f64 {
    fix_error_m / (1.0 + time_in_track_s.max(0.0) / tau_s.max(1e-9)).sqrt()
}

/// What a target looks like to the sensors at one instant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TargetState {
    /// ECEF position, m.
    pub position: Vec3,
    /// Height above the ellipsoid, m.
    pub altitude_m: f64,
    /// Whether its rocket motor is burning (a bright infrared plume).
    pub boosting: bool,
}

/// One sensor of the layer.
pub enum Sensor {
    /// Infrared launch-detection satellites (GEO/HEO).
    Infrared(InfraredEarlyWarning),
    /// A low-orbit tracking layer.
    Tracking(TrackingLayer),
    /// A ground-based radar.
    Radar(GroundRadar),
}

impl Sensor {
    /// The sensor's name.
    pub fn name(&self) -> &str {
        match self {
            Sensor::Infrared(s) => &s.name,
            Sensor::Tracking(s) => &s.name,
            Sensor::Radar(s) => &s.name,
        }
    }
}
