//! Defense models of cupola: space-based interceptors and their masses
//! (the start of the boost-phase work), and the sensor layer — infrared
//! early-warning satellites, a low-orbit tracking layer and ground radars —
//! and the detection and track timeline they give for a threat trajectory.

pub mod budget;
pub mod detect;
pub mod ephemeris;
#[cfg(test)]
mod fixtures;
pub mod interceptor;
pub mod reach;
pub mod sensor;
pub mod wta;

pub use detect::{DetectionTimeline, SensorReport, TrackSample, detect};
pub use ephemeris::{CatalogEphemeris, CombinedEphemeris, OrbitEphemeris};
pub use sensor::{Ephemeris, GroundRadar, InfraredEarlyWarning, Sensor, Stationary, TrackingLayer};
