//! `cupola.Scenario`: a scenario read and validated by `cupola-scenario`,
//! kept as its text so that overrides are written into it and read again
//! with the same validation, as the command line's `--set` does.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use cupola_scenario::overrides::{self, Override};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyMapping, PyString};

use crate::error::raise;

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
    /// The name problems are reported under (the file's path, or the name
    /// given to the text), with the overrides written into the text.
    source: String,
    /// The scenario text, key overrides written in.
    text: String,
    /// Directory catalog files are read relative to.
    dir: Option<PathBuf>,
    /// Registry overrides, set on the scenario read.
    registry: Vec<Override>,
    /// Every override applied, in order.
    applied: Vec<Override>,
    /// The scenario read.
    scenario: Arc<cupola_scenario::Scenario>,
}

impl Scenario {
    /// Read `text` (named `source`, catalog files relative to `dir`) with
    /// the registry overrides `registry`, the GIL released.
    fn read(
        py: Python<'_>,
        source: String,
        text: String,
        dir: Option<PathBuf>,
        registry: Vec<Override>,
        applied: Vec<Override>,
    ) -> PyResult<Self> {
        let read = py.detach(|| overrides::apply(&source, &text, dir.as_deref(), &registry));
        match read {
            Ok(s) => Ok(Self {
                source,
                text,
                dir,
                registry,
                applied,
                scenario: Arc::new(s),
            }),
            Err(e) => Err(raise(py, &e, &text)),
        }
    }
}

/// What a pickled scenario is rebuilt from: its name, text, directory,
/// registry overrides and every override applied (as `path=value`).
type Parts = (String, String, Option<PathBuf>, Vec<String>, Vec<String>);

/// The overrides `spec` gives: a mapping of key paths to values, or an
/// iterable of `"key.path=value"` strings as given to `--set`.
fn overrides_of(spec: &Bound<'_, PyAny>) -> PyResult<Vec<Override>> {
    let bad = |o: &Override| -> PyErr {
        crate::error::ScenarioError::new_err(format!("cannot set `{o}`: the key path is empty"))
    };
    let mut out = Vec::new();
    if let Ok(m) = spec.cast::<PyMapping>() {
        for item in m.items()?.iter() {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
            let path: String = k.extract().map_err(|_| {
                PyTypeError::new_err("an override's key must be a str: a dotted key path")
            })?;
            let o = Override {
                path: path.trim().to_owned(),
                value: crate::toml::override_text(&path, &v)?,
            };
            if o.path.is_empty() {
                return Err(bad(&o));
            }
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
            out.push(Override::parse(&s).map_err(|e| raise(spec.py(), &e, ""))?);
        }
    }
    Ok(out)
}

#[pymethods]
impl Scenario {
    /// The scenario file at `path` (catalog files it names are read
    /// relative to its directory).
    ///
    /// Raises `cupola.ScenarioError` when the file cannot be read or has
    /// problems (each located at its line and column).
    #[staticmethod]
    fn from_file(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let text = py
            .detach(|| overrides::read_text(&path))
            .map_err(|e| raise(py, &e, ""))?;
        let dir = path.parent().map(Path::to_owned);
        Self::read(
            py,
            path.display().to_string(),
            text,
            dir,
            Vec::new(),
            Vec::new(),
        )
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
        Self::read(py, name, text, base_dir, Vec::new(), Vec::new())
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
        Self::read(py, name, text, base_dir, Vec::new(), Vec::new())
    }

    /// The built-in default scenario (`scenarios/default.toml`), the one the
    /// command line runs when given no file.
    #[staticmethod]
    fn default(py: Python<'_>) -> PyResult<Self> {
        let source = format!(
            "built-in default ({})",
            cupola_scenario::DEFAULT_SCENARIO_NAME
        );
        let text = cupola_scenario::DEFAULT_SCENARIO_TOML.to_owned();
        Self::read(py, source, text, None, Vec::new(), Vec::new())
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
        let (registry, keys): (Vec<Override>, Vec<Override>) =
            sets.iter().cloned().partition(overrides::is_registry);
        let (source, text) = if keys.is_empty() {
            (self.source.clone(), self.text.clone())
        } else {
            let text = overrides::edit(&self.source, &self.text, &keys)
                .map_err(|e| raise(py, &e, &self.text))?;
            let names: Vec<String> = keys.iter().map(Override::to_string).collect();
            (format!("{} with {}", self.source, names.join(", ")), text)
        };
        let all_registry = self.registry.iter().chain(&registry).cloned().collect();
        let applied = self.applied.iter().chain(&sets).cloned().collect();
        Self::read(py, source, text, self.dir.clone(), all_registry, applied)
    }

    /// Validate the scenario again and return its warnings (things that do
    /// not stop it from running but are probably not meant, each
    /// `file:line:column: message`); raises `cupola.ScenarioError` when it
    /// has problems.
    fn check(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        let again = Self::read(
            py,
            self.source.clone(),
            self.text.clone(),
            self.dir.clone(),
            self.registry.clone(),
            self.applied.clone(),
        )?;
        Ok(again.scenario.warnings.clone())
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

    /// The warnings found reading it (see `check`).
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
                this.source.clone(),
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
        source: String,
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
        let (registry, applied) = (parse(&registry)?, parse(&applied)?);
        Self::read(py, source, text, dir, registry, applied)
    }

    fn __repr__(&self) -> String {
        format!(
            "Scenario(name={:?}, source={:?})",
            self.scenario.name, self.scenario.source_name
        )
    }
}
