//! Physics core of cupola.
//!
//! SI units throughout (m, s, kg, rad, m/s). Frames: ECI is an Earth-centred
//! inertial frame whose x axis points at the Greenwich meridian at simulation
//! time zero; ECEF rotates with the Earth at [`constants::OMEGA_EARTH`].
//! Simulation time is `f64` seconds from the scenario epoch.
//!
//! Nothing in this crate knows about missiles or defenses.

pub mod atmosphere;
pub mod ballistic;
pub mod basis;
pub mod constants;
pub mod constellation;
pub mod frames;
pub mod geometry;
pub mod gravity;
pub mod integrator;
pub mod orbit;
pub mod vec3;

pub use vec3::Vec3;
