//! Threat models of cupola: multi-stage ballistic missiles launched from a
//! rotating Earth, their targeting, post-boost bus and re-entry vehicles, and
//! a catalog of generic missiles from the open literature.
//!
//! Nothing here knows about defenses.

pub mod catalog;
pub mod flight;
mod guidance;
pub mod missile;
pub mod targeting;
pub mod trajectory;

pub use flight::{FlightOptions, FlightPlan};
pub use missile::{Missile, MissileError, ReentryVehicle, Stage};
pub use targeting::{Profile, Solution, TargetingError, solve, solves};
pub use trajectory::{EventKind, TimelineEvent, Trajectory};
