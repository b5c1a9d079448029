//! `cupola.Scenario`: a scenario read and validated as the command line
//! reads it (`cupola::design::Base`), kept as its text so that overrides
//! are written into it and read again with the same validation, as
//! `--set` does; and its model, built once for the studies run on it.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use cupola::design::Base;
use cupola::{Model, Override};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyMapping, PyString};

use crate::error::{failure, raise};

/// A validated scenario: where it came from, its TOML text with any key
/// overrides written in, and the registry values (`catalog.…`,
/// `preset.…`) set on it.
///
/// Made with `Scenario.from_file`, `Scenario.from_toml`,
/// `Scenario.from_dict` or `Scenario.default()`; immutable: overrides give
/// a new scenario (`with_overrides`). A scenario that cannot be read raises
/// `cupola.ScenarioError` with every problem located.
#[pyclass(frozen, module = "cupola")]
pub struct Scenario {
    /// The name problems are reported under (the file's path, the built-in
    /// default, or the name given to the text), with the key overrides.
    name: String,
    /// The file it was read from, if any.
    file: Option<PathBuf>,
    /// The scenario text, key overrides written in.
    text: String,
    /// Directory catalog files are read relative to.
    dir: Option<PathBuf>,
    /// Registry overrides, set on the scenario read.
    registry: Vec<Override>,
    /// Every override applied, in order.
    applied: Vec<Override>,
    /// The scenario read.
    scenario: Arc<cupola::Scenario>,
    /// Its model, built by the first study that needs it.
    model: Mutex<Option<Arc<Model>>>,
}

impl Scenario {
    /// `base` read and validated (the GIL released), remembering the
    /// overrides `applied`.
    fn read(py: Python<'_>, base: Base, applied: Vec<Override>) -> PyResult<Self> {
        let read = py.detach(|| base.at(&[]));
        match read {
            Ok(s) => Ok(Self {
                name: base.name,
                file: base.file,
                text: base.text,
                dir: base.dir,
                registry: base.registry,
                applied,
                scenario: Arc::new(s),
                model: Mutex::new(None),
            }),
            Err(e) => Err(failure(py, e, &base.text)),
        }
    }

    /// The scenario as the designs (sensitivity, uncertainty) vary it.
    pub fn base(&self) -> Base {
        Base {
            name: self.name.clone(),
            file: self.file.clone(),
            text: self.text.clone(),
            dir: self.dir.clone(),
            registry: self.registry.clone(),
        }
    }

    /// The scenario read.
    pub fn scenario(&self) -> &Arc<cupola::Scenario> {
        &self.scenario
    }

    /// The text its problems are located in.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Its model, built on first use and kept. The lock is taken with the
    /// GIL released, so that two Python threads sharing a scenario never
    /// wait on each other while one holds the GIL.
    pub fn model(&self, py: Python<'_>) -> PyResult<Arc<Model>> {
        py.detach(|| {
            let mut slot = self
                .model
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(m) = slot.as_ref() {
                return Ok(Arc::clone(m));
            }
            let m = Arc::new(Model::new(cupola::Scenario::clone(&self.scenario))?);
            *slot = Some(Arc::clone(&m));
            Ok(m)
        })
        .map_err(|e| failure(py, e, &self.text))
    }
}

/// What a pickled scenario is rebuilt from: its name, file, text,
/// directory, registry overrides and every override applied (as
/// `path=value`).
type Parts = (
    String,
    Option<PathBuf>,
    String,
    Option<PathBuf>,
    Vec<String>,
    Vec<String>,
);

/// The overrides `spec` gives: a mapping of key paths to values, or an
/// iterable of `"key.path=value"` strings as given to `--set`.
pub fn overrides_of(spec: &Bound<'_, PyAny>) -> PyResult<Vec<Override>> {
    let py = spec.py();
    let mut out = Vec::new();
    if let Ok(m) = spec.cast::<PyMapping>() {
        for item in m.items()?.iter() {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
            let path: String = k.extract().map_err(|_| {
                PyTypeError::new_err("an override's key must be a str: a dotted key path")
            })?;
            let value = crate::toml::override_text(&path, &v)?;
            // Read as `--set` reads `path=value`: the same checks of the path.
            let o = Override::parse(&format!("{path}={value}")).map_err(|e| raise(py, &e, ""))?;
            out.push(o);
        }
    } else if spec.cast::<PyString>().is_ok() {
        return Err(PyTypeError::new_err(
            "overrides are a dict {\"key.path\": value} or a list of \"key.path=value\" strings",
        ));
    } else {
        for s in spec.try_iter()? {
            let s: String = s?.extract().map_err(|_| {
                PyTypeError::new_err("an override in a list must be a str \"key.path=value\"")
            })?;
            out.push(Override::parse(&s).map_err(|e| raise(py, &e, ""))?);
        }
    }
    Ok(out)
}

#[pymethods]
impl Scenario {
    /// The scenario file at `path` (catalog files it names are read
    /// relative to its directory), named by its path as the command line
    /// names it.
    ///
    /// Raises `cupola.ScenarioError` when the file cannot be read or has
    /// problems (each located at its line and column).
    #[staticmethod]
    fn from_file(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let base = py
            .detach(|| Base::load(Some(&path), &[]))
            .map_err(|e| failure(py, e, ""))?;
        Self::read(py, base, Vec::new())
    }

    /// The scenario written as TOML `text`, reported under `name`; catalog
    /// files it names are read relative to `base_dir` (default: the
    /// current directory).
    #[staticmethod]
    #[pyo3(signature = (text, name = "<string>".to_owned(), base_dir = None))]
    fn from_toml(
        py: Python<'_>,
        text: String,
        name: String,
        base_dir: Option<PathBuf>,
    ) -> PyResult<Self> {
        Self::read(py, Base::from_text(name, text, base_dir), Vec::new())
    }

    /// The scenario given as a dict of its tables (a table as a dict, an
    /// array of tables such as `missile` or `launch` as a list of dicts),
    /// written as TOML and read like a file, so with the same validation;
    /// problems are located in that text (see `toml`).
    #[staticmethod]
    #[pyo3(signature = (data, name = "<dict>".to_owned(), base_dir = None))]
    fn from_dict(
        py: Python<'_>,
        data: &Bound<'_, PyDict>,
        name: String,
        base_dir: Option<PathBuf>,
    ) -> PyResult<Self> {
        let text = crate::toml::document(data)?;
        Self::read(py, Base::from_text(name, text, base_dir), Vec::new())
    }

    /// The built-in default scenario (`scenarios/default.toml`), the one the
    /// command line runs when given no file.
    #[staticmethod]
    fn default(py: Python<'_>) -> PyResult<Self> {
        let base = Base::load(None, &[]).map_err(|e| failure(py, e, ""))?;
        Self::read(py, base, Vec::new())
    }

    /// A new scenario with keys set, as the command line's `--set` sets
    /// them: `overrides` maps dotted key paths (`engage.midcourse[0].pk`,
    /// `sbi.budget.decision_s`, or a registry value such as
    /// `preset.cbo-2026.unit_cost_musd`) to values (bool, int, float, str,
    /// list, dict), or is a list of `"key.path=value"` strings (the value
    /// TOML text, as on the command line).
    ///
    /// Raises `cupola.ScenarioError` naming the key (`e.key`) when a path
    /// cannot be set or the scenario it gives has problems (located in the
    /// edited text).
    fn with_overrides(&self, py: Python<'_>, overrides: &Bound<'_, PyAny>) -> PyResult<Self> {
        let sets = overrides_of(overrides)?;
        let mut base = self.base();
        base.edit(&sets).map_err(|e| failure(py, e, &self.text))?;
        let applied = self.applied.iter().chain(&sets).cloned().collect();
        Self::read(py, base, applied)
    }

    /// Check the scenario as far as any study would before it starts, as
    /// `cupola check` does: its model built (each launch flown, each
    /// constellation laid out) and each study's work and memory estimated
    /// against the budget. Returns a `cupola.CheckResult`; raises
    /// `cupola.ScenarioError` or `cupola.InputError` (a study over the
    /// budget) when a study would refuse it.
    fn check<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        slf.py().import("cupola")?.getattr("check")?.call1((slf,))
    }

    /// The scenario's title (`[scenario] name`).
    #[getter]
    fn name(&self) -> &str {
        &self.scenario.name
    }

    /// The name its problems and results are reported under: the file's
    /// path (or the name given to its text), with the overrides applied.
    #[getter]
    fn source(&self) -> &str {
        &self.scenario.source_name
    }

    /// The scenario's TOML text, with the key overrides written in
    /// (registry overrides are not keys of the file: see `overrides`).
    #[getter]
    fn toml(&self) -> &str {
        &self.text
    }

    /// Every override applied, as `"key.path=value"` strings, in order.
    #[getter]
    fn overrides(&self) -> Vec<String> {
        self.applied.iter().map(Override::to_string).collect()
    }

    /// The master random seed (`[scenario] seed`).
    #[getter]
    fn seed(&self) -> u64 {
        self.scenario.seed
    }

    /// The warnings found reading it: things that do not stop it from
    /// running but are probably not meant, each `file:line:column: message`.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.scenario.warnings.clone()
    }

    /// 16 hex digits of the FNV-1a hash of the text read, as the results'
    /// provenance gives it.
    #[getter]
    fn hash(&self) -> &str {
        &self.scenario.hash
    }

    /// Pickling (e.g. to send a scenario to a Ray task): the scenario is
    /// rebuilt from its text, name, directory and overrides, and read again.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Parts)> {
        let this = slf.get();
        let strings = |v: &[Override]| v.iter().map(Override::to_string).collect::<Vec<_>>();
        Ok((
            slf.get_type().getattr("_restore")?,
            (
                this.name.clone(),
                this.file.clone(),
                this.text.clone(),
                this.dir.clone(),
                strings(&this.registry),
                strings(&this.applied),
            ),
        ))
    }

    /// The scenario `__reduce__` describes, read again.
    #[staticmethod]
    fn _restore(
        py: Python<'_>,
        name: String,
        file: Option<PathBuf>,
        text: String,
        dir: Option<PathBuf>,
        registry: Vec<String>,
        applied: Vec<String>,
    ) -> PyResult<Self> {
        let parse = |v: &[String]| -> PyResult<Vec<Override>> {
            v.iter()
                .map(|s| Override::parse(s).map_err(|e| raise(py, &e, "")))
                .collect()
        };
        let base = Base {
            name,
            file,
            text,
            dir,
            registry: parse(&registry)?,
        };
        Self::read(py, base, parse(&applied)?)
    }

    fn __repr__(&self) -> String {
        format!(
            "Scenario(name={:?}, source={:?})",
            self.scenario.name, self.scenario.source_name
        )
    }
}
