//! The native module of the Python package `cupola` (`cupola._native`):
//! scenarios loaded, overridden and validated as the command line does
//! (`cupola::design::Base`), their problems raised as
//! `cupola.ScenarioError`, and every study of the facade (`cupola::study`)
//! run with the GIL released. The pure-Python modules of the package (the
//! `cupola` folder beside this crate) wrap it.
//!
//! Nothing is computed here that the facade does not compute: this crate
//! converts between Python objects and cupola's types.

use pyo3::prelude::*;

mod error;
mod scenario;
mod study;
mod sweep;
mod toml;

/// The native module `cupola._native`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<scenario::Scenario>()?;
    m.add_class::<error::Problem>()?;
    m.add_class::<study::NativeReport>()?;
    m.add_class::<sweep::SweepPlan>()?;
    m.add_class::<sweep::SweepDataset>()?;
    m.add("ScenarioError", py.get_type::<error::ScenarioError>())?;
    m.add("InputError", py.get_type::<error::InputError>())?;
    m.add("InternalError", py.get_type::<error::InternalError>())?;
    m.add_function(wrap_pyfunction!(study::run, m)?)?;
    m.add_function(wrap_pyfunction!(study::trajectory, m)?)?;
    m.add_function(wrap_pyfunction!(study::trajectory_adhoc, m)?)?;
    m.add_function(wrap_pyfunction!(study::constellation, m)?)?;
    m.add_function(wrap_pyfunction!(study::detect, m)?)?;
    m.add_function(wrap_pyfunction!(study::size, m)?)?;
    m.add_function(wrap_pyfunction!(study::engage, m)?)?;
    m.add_function(wrap_pyfunction!(study::cost, m)?)?;
    m.add_function(wrap_pyfunction!(study::stability, m)?)?;
    m.add_function(wrap_pyfunction!(study::sensitivity, m)?)?;
    m.add_function(wrap_pyfunction!(study::uncertainty, m)?)?;
    m.add_function(wrap_pyfunction!(study::reproduce, m)?)?;
    m.add_function(wrap_pyfunction!(study::assumptions, m)?)?;
    m.add_function(wrap_pyfunction!(study::check, m)?)?;
    m.add_function(wrap_pyfunction!(study::missiles, m)?)?;
    m.add_function(wrap_pyfunction!(study::set_budget_scale, m)?)?;
    m.add_function(wrap_pyfunction!(study::budget_scale, m)?)?;
    m.add_function(wrap_pyfunction!(toml::override_text, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
