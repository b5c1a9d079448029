//! `cupola sweep`: any study over a grid or a Latin hypercube of scenario
//! settings, one row per point in a Parquet dataset.

pub mod design;
