//! Boost-phase sizing: how many space-based interceptors must be in orbit
//! so that enough can reach every missile of a salvo before the deadline.
//!
//! The pieces, in the order a study uses them: [`layout`] lays a
//! constellation out plane by plane; [`coverage`] samples launch times and
//! counts the carriers that can reach each missile, through a reach table
//! (or the analytic cap) and the shot [`assign`]ment; [`search`] finds the
//! smallest constellation that meets a requirement; [`study`] puts it
//! together beside each family's [`analytic`] models; [`planes`] says why a
//! family has no answer and searches the plane count; [`joint`] sizes one
//! constellation of several shells together; [`sweep`] repeats it over a
//! parameter; [`asat`] turns the layer against satellites.

pub mod analytic;
pub mod asat;
pub mod assign;
pub mod coverage;
pub mod joint;
pub mod layout;
pub mod planes;
pub mod search;
mod spec;
pub mod study;
pub mod sweep;

pub use spec::{
    AsatSpec, Detection, Phasing, SbiLayerSpec, ShellSpec, SizingSpec, Sweep, SweepKind,
};
pub use study::{
    AreaLaunch, SizingError, SizingInput, SizingResult, size, size_against, size_against_observed,
};

#[cfg(test)]
pub(crate) mod tests;
