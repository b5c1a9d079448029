//! Sensors of a scenario (`[[sensor]]` tables): infrared early-warning
//! satellites, a tracking layer and ground radars, each with the keys of its
//! `kind`. The reader is in `sensor/read.rs`.

pub(crate) mod read;

use cupola_defense::GroundRadar;

pub(crate) use read::read_sensors;

/// One sensor of a scenario, from a `[[sensor]]` table.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SensorSpec {
    /// Name, unique among the scenario's sensors.
    pub name: String,
    /// What the sensor is, with its parameters in SI units.
    pub kind: SensorKind,
}

/// The kind of a sensor and its parameters (SI units: m, s, rad).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SensorKind {
    /// Infrared launch-detection satellites (`kind = "infrared"`), seeing a
    /// booster's plume.
    Infrared {
        /// The `[[constellation]]` carrying the sensors, by name.
        constellation: String,
        /// Altitude the plume must clear to be seen, m (default 12 km).
        burnthrough_altitude_m: f64,
        /// Delay from first sight to a report, s (default 20 s).
        reporting_latency_s: f64,
        /// Largest sensor-to-target range, m; [`f64::INFINITY`] when
        /// unlimited (the default).
        max_range_m: f64,
    },
    /// A tracking layer (`kind = "tracking"`): satellites that triangulate a
    /// target seen by at least `min_sensors` of them at once.
    Tracking {
        /// The `[[constellation]]` carrying the sensors, by name.
        constellation: String,
        /// Lowest altitude the line of sight may pass over the Earth, m
        /// (default 0).
        grazing_altitude_m: f64,
        /// Largest sensor-to-target range, m; [`f64::INFINITY`] when
        /// unlimited (the default).
        max_range_m: f64,
        /// Whether cold (non-boosting) objects are seen (default true).
        sees_cold_bodies: bool,
        /// One-sigma line-of-sight angle error of one sensor, rad (default
        /// 20 µrad).
        angle_error_rad: f64,
        /// Sensors that must see the target at once to form a track, ≥ 2
        /// (default 2).
        min_sensors: usize,
        /// Altitude a boosting target's plume must clear to be seen, m
        /// (default 12 km, as for the infrared layer).
        burnthrough_altitude_m: f64,
        /// Time constant of the track's smoothing, s (default 10 s).
        smoothing_time_s: f64,
        /// Delay from first sight to a report, s (default 0 s).
        reporting_latency_s: f64,
    },
    /// A ground radar (`kind = "radar"`).
    Radar(GroundRadar),
}

impl SensorKind {
    /// The `kind` key's value: `"infrared"`, `"tracking"` or `"radar"`.
    pub fn kind_name(&self) -> &'static str {
        match self {
            SensorKind::Infrared { .. } => "infrared",
            SensorKind::Tracking { .. } => "tracking",
            SensorKind::Radar(_) => "radar",
        }
    }

    /// The constellation carrying the sensor, for satellite sensors.
    pub fn constellation(&self) -> Option<&str> {
        match self {
            SensorKind::Infrared { constellation, .. }
            | SensorKind::Tracking { constellation, .. } => Some(constellation),
            SensorKind::Radar(_) => None,
        }
    }
}
