//! The studies of the facade (`cupola::study`), run with the GIL released,
//! each giving a [`Report`]: its JSON (what `cupola STUDY --json` prints),
//! its summary and the tables of `--out`. The pure-Python module
//! `cupola.results` wraps a report in the class of its study.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use cupola::study::{self, size::SweepFlag};
use cupola::{Error, Model, Report};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use crate::error::failure;
use crate::scenario::Scenario;

/// A study's report: its JSON, its summary and its tables.
#[pyclass(frozen, module = "cupola._native", name = "Report")]
pub struct NativeReport {
    /// The study, as its command names it (`size`, `engage`, …).
    study: &'static str,
    /// What `cupola STUDY --json` prints (without the final line feed).
    json: String,
    /// The readable summary the command prints.
    summary: String,
    /// The report, for its tables.
    report: Box<dyn Report + Send + Sync>,
    /// The tables of `--out` (CSV and Parquet files), made on first use.
    tables: OnceLock<Vec<(String, Vec<u8>)>>,
}

impl NativeReport {
    fn new(report: Box<dyn Report + Send + Sync>, study: &'static str) -> Result<Self, Error> {
        Ok(Self {
            study,
            json: report.json()?,
            summary: report.summary(),
            report,
            tables: OnceLock::new(),
        })
    }
}

#[pymethods]
impl NativeReport {
    /// The study, as its command names it.
    #[getter]
    fn study(&self) -> &'static str {
        self.study
    }

    /// The JSON text `cupola STUDY --json` prints for the same scenario and
    /// options.
    #[getter]
    fn json(&self) -> &str {
        &self.json
    }

    /// The readable summary `cupola STUDY` prints.
    #[getter]
    fn summary(&self) -> &str {
        &self.summary
    }

    /// The tables `cupola STUDY --out DIR` writes, as (file name, bytes):
    /// every `.csv` file, and the `.parquet` file written beside some of
    /// them, in the order the command writes them.
    fn tables<'py>(&self, py: Python<'py>) -> PyResult<Vec<(String, Bound<'py, PyBytes>)>> {
        if self.tables.get().is_none() {
            let made = py.detach(|| -> Result<Vec<(String, Vec<u8>)>, Error> {
                let files = self.report.files()?;
                Ok(files
                    .names()
                    .filter(|n| n.ends_with(".csv") || n.ends_with(".parquet"))
                    .filter_map(|n| files.get(n).map(|b| (n.to_owned(), b.to_vec())))
                    .collect())
            });
            let made = made.map_err(|e| failure(py, e, ""))?;
            let _ = self.tables.set(made);
        }
        Ok(self
            .tables
            .get()
            .map(|t| {
                t.iter()
                    .map(|(n, b)| (n.clone(), PyBytes::new(py, b)))
                    .collect()
            })
            .unwrap_or_default())
    }
}

/// Run `f` on `scenario`'s model with the GIL released, its report named
/// `study`.
fn on_model<R: Report + Send + Sync + 'static>(
    py: Python<'_>,
    scenario: &Scenario,
    study: &'static str,
    f: impl FnOnce(&Model) -> Result<R, Error> + Send,
) -> PyResult<NativeReport> {
    let model: Arc<Model> = scenario.model(py)?;
    py.detach(|| f(&model).and_then(|r| NativeReport::new(Box::new(r), study)))
        .map_err(|e| failure(py, e, scenario.text()))
}

/// `cupola run`: every study the scenario defines.
#[pyfunction]
pub fn run(py: Python<'_>, scenario: &Scenario) -> PyResult<NativeReport> {
    on_model(py, scenario, "run", study::run::run)
}

/// `cupola constellation`: the constellations and their coverage.
#[pyfunction]
pub fn constellation(py: Python<'_>, scenario: &Scenario) -> PyResult<NativeReport> {
    on_model(py, scenario, "constellation", study::constellation::run)
}

/// `cupola detect`: when the sensor layer sees and tracks each launch.
#[pyfunction]
pub fn detect(py: Python<'_>, scenario: &Scenario) -> PyResult<NativeReport> {
    on_model(py, scenario, "detect", study::detect::run)
}

/// `cupola cost`: the life-cycle cost.
#[pyfunction]
pub fn cost(py: Python<'_>, scenario: &Scenario) -> PyResult<NativeReport> {
    let s = Arc::clone(scenario.scenario());
    py.detach(|| study::cost::run(&s).and_then(|r| NativeReport::new(Box::new(r), "cost")))
        .map_err(|e| failure(py, e, scenario.text()))
}

/// `cupola size [--sweep S]… [--no-sweeps] [--samples N]`.
#[pyfunction]
#[pyo3(signature = (scenario, sweeps = None, no_sweeps = false, samples = None))]
pub fn size(
    py: Python<'_>,
    scenario: &Scenario,
    sweeps: Option<Vec<String>>,
    no_sweeps: bool,
    samples: Option<u32>,
) -> PyResult<NativeReport> {
    let sweeps = sweeps
        .unwrap_or_default()
        .iter()
        .map(|s| sweep_flag(s))
        .collect::<PyResult<Vec<_>>>()?;
    let opts = study::size::SizeOptions {
        sweeps,
        no_sweeps,
        samples,
    };
    on_model(py, scenario, "size", move |m| study::size::run(m, &opts))
}

/// A sweep of `cupola size --sweep`, by the name the command takes.
fn sweep_flag(name: &str) -> PyResult<SweepFlag> {
    Ok(match name {
        "salvo" => SweepFlag::Salvo,
        "boost" => SweepFlag::Boost,
        "delta-v" | "delta_v" => SweepFlag::DeltaV,
        "altitude" => SweepFlag::Altitude,
        "inclination" => SweepFlag::Inclination,
        other => {
            return Err(PyValueError::new_err(format!(
                "sweeps: {other:?} is not a sizing sweep; choose among \
                 salvo, boost, delta-v, altitude, inclination"
            )));
        }
    })
}

/// `cupola engage [--trials N] [--no-sweep]`.
#[pyfunction]
#[pyo3(signature = (scenario, trials = None, no_sweep = false))]
pub fn engage(
    py: Python<'_>,
    scenario: &Scenario,
    trials: Option<u32>,
    no_sweep: bool,
) -> PyResult<NativeReport> {
    let opts = study::engage::EngageOptions { trials, no_sweep };
    on_model(py, scenario, "engage", move |m| {
        study::engage::run(m, &opts)
    })
}

/// `cupola stability [--trials N] [--rounds N]`.
#[pyfunction]
#[pyo3(signature = (scenario, trials = None, rounds = None))]
pub fn stability(
    py: Python<'_>,
    scenario: &Scenario,
    trials: Option<u32>,
    rounds: Option<u32>,
) -> PyResult<NativeReport> {
    let opts = study::stability::StabilityOptions { trials, rounds };
    on_model(py, scenario, "stability", move |m| {
        study::stability::run(m, &opts)
    })
}

/// `cupola trajectory [--launch NAME] [--step-s S]`.
#[pyfunction]
#[pyo3(signature = (scenario, launch = None, step_s = study::run::DEFAULT_STEP_S))]
pub fn trajectory(
    py: Python<'_>,
    scenario: &Scenario,
    launch: Option<String>,
    step_s: f64,
) -> PyResult<NativeReport> {
    let s = Arc::clone(scenario.scenario());
    py.detach(|| {
        study::trajectory::run(&s, launch.as_deref(), step_s)
            .and_then(|r| NativeReport::new(Box::new(r), "trajectory"))
    })
    .map_err(|e| failure(py, e, scenario.text()))
}

/// `cupola trajectory --missile NAME --site LAT,LON[,ALT_KM] --aim
/// LAT,LON[,ALT_KM] [--profile P] [--apogee-km KM] [--flight-time-s S]
/// [--step-s S]`: a catalog missile flown between two points, without a
/// scenario. A point is (latitude °, longitude °[, altitude km]).
#[pyfunction]
#[pyo3(signature = (missile, site, aim, profile = "minimum-energy", apogee_km = None, flight_time_s = None, step_s = study::run::DEFAULT_STEP_S))]
#[allow(clippy::too_many_arguments)]
pub fn trajectory_adhoc(
    py: Python<'_>,
    missile: String,
    site: Vec<f64>,
    aim: Vec<f64>,
    profile: &str,
    apogee_km: Option<f64>,
    flight_time_s: Option<f64>,
    step_s: f64,
) -> PyResult<NativeReport> {
    let point = |name: &str, v: &[f64]| -> PyResult<study::trajectory::Point> {
        match *v {
            [lat_deg, lon_deg] => Ok(study::trajectory::Point {
                lat_deg,
                lon_deg,
                alt_km: 0.0,
            }),
            [lat_deg, lon_deg, alt_km] => Ok(study::trajectory::Point {
                lat_deg,
                lon_deg,
                alt_km,
            }),
            _ => Err(PyValueError::new_err(format!(
                "{name}: (latitude, longitude[, altitude_km]), not {} numbers",
                v.len()
            ))),
        }
    };
    let shape = match profile {
        "minimum-energy" | "minimum_energy" => study::trajectory::Shape::MinimumEnergy,
        "lofted" => study::trajectory::Shape::Lofted,
        "depressed" => study::trajectory::Shape::Depressed,
        other => {
            return Err(PyValueError::new_err(format!(
                "profile: {other:?} is not a profile; choose among \
                 minimum-energy, lofted, depressed"
            )));
        }
    };
    let a = study::trajectory::Adhoc {
        missile,
        site: point("site", &site)?,
        aim: point("aim", &aim)?,
        shape,
        apogee_km,
        flight_time_s,
        step_s,
    };
    py.detach(|| {
        study::trajectory::adhoc(&a).and_then(|r| NativeReport::new(Box::new(r), "trajectory"))
    })
    .map_err(|e| failure(py, e, ""))
}

/// `cupola assumptions`: every non-physical value the scenario uses.
#[pyfunction]
pub fn assumptions(py: Python<'_>, scenario: &Scenario) -> PyResult<NativeReport> {
    let s = Arc::clone(scenario.scenario());
    py.detach(|| NativeReport::new(Box::new(study::assumptions::run(&s)), "assumptions"))
        .map_err(|e| failure(py, e, scenario.text()))
}

/// `cupola sensitivity [--keys K,…]`.
#[pyfunction]
#[pyo3(signature = (scenario, keys = None))]
pub fn sensitivity(
    py: Python<'_>,
    scenario: &Scenario,
    keys: Option<Vec<String>>,
) -> PyResult<NativeReport> {
    let base = scenario.base();
    py.detach(|| {
        study::sensitivity::run(&base, keys.as_deref())
            .and_then(|r| NativeReport::new(Box::new(r), "sensitivity"))
    })
    .map_err(|e| failure(py, e, scenario.text()))
}

/// `cupola uncertainty [--samples N] [--keys K,…] [--seed S] [--resume DIR]`.
#[pyfunction]
#[pyo3(signature = (scenario, samples = study::uncertainty::DEFAULT_SAMPLES, keys = None, seed = None, resume = None))]
pub fn uncertainty(
    py: Python<'_>,
    scenario: &Scenario,
    samples: u32,
    keys: Option<Vec<String>>,
    seed: Option<u64>,
    resume: Option<PathBuf>,
) -> PyResult<NativeReport> {
    let base = scenario.base();
    let opts = study::uncertainty::UncertaintyOptions {
        samples,
        keys,
        seed,
        resume,
    };
    py.detach(|| {
        study::uncertainty::run(&base, &opts)
            .and_then(|r| NativeReport::new(Box::new(r), "uncertainty"))
    })
    .map_err(|e| failure(py, e, scenario.text()))
}

/// `cupola reproduce NAME|--all` on the literature scenarios (`names`:
/// each a literature scenario's name or a file's path) or on `scenarios`.
#[pyfunction]
#[pyo3(signature = (scenarios = None, names = None, all = false, overrides = None))]
pub fn reproduce(
    py: Python<'_>,
    scenarios: Option<Vec<PyRef<'_, Scenario>>>,
    names: Option<Vec<String>>,
    all: bool,
    overrides: Option<&Bound<'_, PyAny>>,
) -> PyResult<NativeReport> {
    let sets = match overrides {
        Some(o) => crate::scenario::overrides_of(o)?,
        None => Vec::new(),
    };
    let mut list: Vec<cupola::Scenario> = scenarios
        .unwrap_or_default()
        .iter()
        .map(|s| cupola::Scenario::clone(s.scenario()))
        .collect();
    let names = names.unwrap_or_default();
    py.detach(|| -> Result<NativeReport, Error> {
        if all {
            list.extend(study::reproduce::scenarios(None, true, &sets)?);
        }
        for n in &names {
            list.extend(study::reproduce::scenarios(Some(n), false, &sets)?);
        }
        NativeReport::new(Box::new(study::reproduce::run(&list)?), "reproduce")
    })
    .map_err(|e| failure(py, e, ""))
}

/// `cupola check`: the model built (each launch flown, each constellation
/// laid out) and every study's work and memory estimated against the
/// budget. Each estimate as a dict (`study`, `core_s`, `memory_bytes`,
/// `detail`, `drivers`, `summary`); raises `InputError` naming the first
/// study over the budget.
#[pyfunction]
pub fn check<'py>(py: Python<'py>, scenario: &Scenario) -> PyResult<Vec<Bound<'py, PyDict>>> {
    let model = scenario.model(py)?;
    let estimates = py
        .detach(|| study::check::check(&model))
        .map_err(|e| failure(py, e, scenario.text()))?;
    estimates
        .iter()
        .map(|e| {
            let d = PyDict::new(py);
            d.set_item("study", &e.study)?;
            d.set_item("core_s", e.core_s)?;
            d.set_item("memory_bytes", e.memory_bytes)?;
            d.set_item("detail", &e.detail)?;
            d.set_item("drivers", &e.drivers)?;
            d.set_item("summary", e.summary())?;
            Ok(d)
        })
        .collect()
}

/// `cupola missiles --json`: the catalog of generic missiles.
#[pyfunction]
pub fn missiles(py: Python<'_>) -> PyResult<String> {
    study::missiles::json().map_err(|e| failure(py, e, ""))
}

/// `--budget-scale X`: multiply the work and memory budget every study
/// started afterwards (in any thread of this process) is checked against by
/// `scale` (`float("inf")` lifts it; 1 restores the default).
#[pyfunction]
pub fn set_budget_scale(py: Python<'_>, scale: f64) -> PyResult<()> {
    cupola::budget::set_scale(Some(scale)).map_err(|e| failure(py, e, ""))
}

/// The budget scale of this process (1 unless `set_budget_scale` changed
/// it): what a distributed sweep hands its workers with each point.
#[pyfunction]
pub fn budget_scale() -> f64 {
    cupola::budget::scale()
}
