//! The native module of the Python package `cupola` (`cupola._native`):
//! scenarios loaded, overridden and validated by `cupola-scenario`, their
//! problems raised as `cupola.ScenarioError`. The pure-Python modules of
//! the package (the `cupola` folder beside this crate) re-export it.
//!
//! Nothing is computed here that the Rust crates do not compute: this
//! crate converts between Python objects and cupola's types.

use pyo3::prelude::*;

mod error;
mod scenario;
mod toml;

/// The native module `cupola._native`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<scenario::Scenario>()?;
    m.add_class::<error::Problem>()?;
    m.add("ScenarioError", py.get_type::<error::ScenarioError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
