//! Boost-phase sizing: how many space-based interceptors must be in orbit
//! so that enough can reach every missile of a salvo before the deadline.

mod spec;

pub use spec::{AsatSpec, Detection, Phasing, SbiLayerSpec, SizingSpec, Sweep, SweepKind};
