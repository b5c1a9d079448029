//! The layered engagement: a raid's missiles and their payloads through the
//! boost, midcourse and terminal layers under one battle manager, many
//! times over.
//!
//! [`plan`] computes once what does not change between trials (windows,
//! footprints, the pool of boost geometries); [`trial`] runs one trial from
//! its own random streams; [`run`] runs many in parallel and sums them;
//! [`study`] ties it to a scenario's launch and sweeps the salvo size.

mod check;
mod decide;
pub mod plan;
pub mod run;
mod spec;
pub mod study;
pub mod trial;

pub use check::SpecError;
pub use plan::Shortfall;
pub use run::{BoostKill, EngageResult, LayerResult};
pub use spec::{
    Allocation, Asset, Assignment, BoostLayerSpec, Doctrine, EngageSpec, MidcourseSite,
    TerminalBattery, TerminalKind,
};
pub use study::{EngageArea, EngageInput, engage, leak_curve, saturation};

#[cfg(test)]
mod tests;
