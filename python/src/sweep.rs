//! Sweeps (`cupola::sweep`): a plan built once, its points evaluated one
//! at a time (anywhere: a Ray task) or all here, and the dataset written by
//! the driver with the facade's writer, so that a sweep run on Ray gives
//! the files of a local run.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use cupola::Error;
use cupola::headline::Value;
use cupola::sweep::{self, Input, Row, SweepOptions, SweepStudy};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::error::failure;
use crate::scenario::Scenario;

/// A point's row as Python values: `(point, [(key, value)], [(figure,
/// value, lo, hi)], error)`, a value a float or (a grid value that is not
/// a number) its TOML text.
type PyRow = (
    u32,
    Vec<(String, PyInput)>,
    Vec<(String, Option<f64>, Option<f64>, Option<f64>)>,
    Option<String>,
);

/// An input value: a number, or a value's TOML text.
#[derive(FromPyObject, IntoPyObject)]
enum PyInput {
    /// A number, in the key's unit.
    Number(f64),
    /// A value that is not a number.
    Text(String),
}

fn to_py(row: Row) -> PyRow {
    (
        row.point,
        row.inputs
            .into_iter()
            .map(|(k, v)| {
                let v = match v {
                    Input::Number(x) => PyInput::Number(x),
                    Input::Text(t) => PyInput::Text(t),
                };
                (k, v)
            })
            .collect(),
        row.figures
            .into_iter()
            .map(|(id, v)| {
                let [value, lo, hi] = v.flat();
                (id, value, lo, hi)
            })
            .collect(),
        row.error,
    )
}

fn from_py(row: PyRow) -> Row {
    let (point, inputs, figures, error) = row;
    Row {
        point,
        inputs: inputs
            .into_iter()
            .map(|(k, v)| {
                let v = match v {
                    PyInput::Number(x) => Input::Number(x),
                    PyInput::Text(t) => Input::Text(t),
                };
                (k, v)
            })
            .collect(),
        figures: figures
            .into_iter()
            .map(|(id, value, lo, hi)| (id, Value::from_flat(&[value, lo, hi])))
            .collect(),
        error,
    }
}

/// What a plan is made from, kept to pickle it.
type Spec = (
    Py<Scenario>,
    String,
    Vec<String>,
    Option<u32>,
    Vec<String>,
    Option<u64>,
);

/// A sweep's plan: the base scenario, the design (a grid, a Latin
/// hypercube or both) and the study whose headline figures each point
/// records, checked as `cupola sweep` checks them (every grid value and
/// both ends of every range alone at the base).
#[pyclass(frozen, module = "cupola._native")]
pub struct SweepPlan {
    plan: Arc<sweep::SweepPlan>,
    spec: Spec,
}

#[pymethods]
impl SweepPlan {
    /// The plan of `cupola sweep [FILE] --study STUDY [--set KEY=V1,V2,…]…
    /// [--lhs N --range KEY=LOW:HIGH …] [--seed S]` on `scenario`.
    #[new]
    #[pyo3(signature = (scenario, study = "run".to_owned(), sets = Vec::new(), lhs = None, ranges = Vec::new(), seed = None))]
    fn new(
        py: Python<'_>,
        scenario: Py<Scenario>,
        study: String,
        sets: Vec<String>,
        lhs: Option<u32>,
        ranges: Vec<String>,
        seed: Option<u64>,
    ) -> PyResult<Self> {
        let s = scenario.get();
        let base = s.base();
        let text = s.text().to_owned();
        let made = py.detach(|| {
            let options = SweepOptions {
                sets: sets.clone(),
                lhs,
                ranges: ranges.clone(),
                seed,
                study: SweepStudy::parse(&study)?,
            };
            sweep::SweepPlan::new(base, &options)
        });
        let plan = made.map_err(|e| failure(py, e, &text))?;
        Ok(Self {
            plan: Arc::new(plan),
            spec: (scenario, study, sets, lhs, ranges, seed),
        })
    }

    /// The number of points.
    #[getter]
    fn points(&self) -> u32 {
        self.plan.points()
    }

    /// The dataset's columns, in order (after `point`).
    #[getter]
    fn columns(&self) -> Vec<String> {
        self.plan.columns().into_iter().map(|c| c.name).collect()
    }

    /// The ids of the figures each row records.
    #[getter]
    fn figures(&self) -> Vec<String> {
        self.plan.figures().iter().map(|f| f.id.clone()).collect()
    }

    /// The manifest the dataset records (JSON text): a resume must match it.
    #[getter]
    fn manifest(&self) -> String {
        self.plan.manifest().to_string()
    }

    /// The row of point `point` (see `PyRow`), computed with the GIL
    /// released; a point the scenario or a study refuses is a row with its
    /// error.
    fn evaluate(&self, py: Python<'_>, point: u32) -> PyResult<PyRow> {
        let plan = Arc::clone(&self.plan);
        py.detach(|| sweep::evaluate(&plan, point))
            .map(to_py)
            .map_err(|e| failure(py, e, ""))
    }

    /// Refuse `points` points over the work budget (as `cupola sweep`
    /// refuses them before it starts), the GIL released.
    fn check_budget(&self, py: Python<'_>, points: usize) -> PyResult<()> {
        let plan = Arc::clone(&self.plan);
        py.detach(|| cupola::budget::enforce(&plan.estimate(points)?))
            .map_err(|e| failure(py, e, ""))
    }

    /// Run every point not yet in the dataset at `out` here, in parallel
    /// (`cupola sweep`'s local backend), the GIL released. The summary as a
    /// dict (`points`, `computed`, `skipped`, `refused`, `dir`).
    fn run<'py>(&self, py: Python<'py>, out: PathBuf) -> PyResult<Bound<'py, PyDict>> {
        let plan = Arc::clone(&self.plan);
        let s = py
            .detach(|| sweep::run(&plan, &out, &|_| {}))
            .map_err(|e| failure(py, e, ""))?;
        let d = PyDict::new(py);
        d.set_item("points", s.points)?;
        d.set_item("computed", s.computed)?;
        d.set_item("skipped", s.skipped)?;
        d.set_item("refused", s.refused)?;
        d.set_item("dir", s.dir)?;
        Ok(d)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Spec)> {
        let (s, study, sets, lhs, ranges, seed) = &slf.get().spec;
        Ok((
            slf.get_type().into_any(),
            (
                s.clone_ref(slf.py()),
                study.clone(),
                sets.clone(),
                *lhs,
                ranges.clone(),
                *seed,
            ),
        ))
    }
}

/// A sweep's dataset opened by the driver of a distributed run: the
/// directory locked (as `cupola sweep` locks it), created or checked
/// against the plan, the temporaries of a killed run removed. Rows computed
/// elsewhere are written with the facade's writer (`write`); `close`
/// releases the lock.
#[pyclass(frozen, module = "cupola._native")]
pub struct SweepDataset {
    opened: Mutex<Option<sweep::Opened>>,
    finished: BTreeSet<u32>,
}

impl SweepDataset {
    /// Run `f` on the open dataset (the lock taken with the GIL
    /// released); an error once it is closed.
    fn with<T>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&sweep::Opened) -> Result<T, Error> + Send,
    ) -> PyResult<T>
    where
        T: Send,
    {
        py.detach(|| {
            let guard = self
                .opened
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            match guard.as_ref() {
                Some(opened) => f(opened),
                None => Err(Error::Input("the sweep dataset is closed".into())),
            }
        })
        .map_err(|e| failure(py, e, ""))
    }
}

#[pymethods]
impl SweepDataset {
    /// Open (or create) the dataset of `plan` at `out`.
    #[new]
    fn new(py: Python<'_>, plan: &SweepPlan, out: PathBuf) -> PyResult<Self> {
        let plan = Arc::clone(&plan.plan);
        let opened = py
            .detach(|| sweep::Opened::new(&plan, &out))
            .map_err(|e| failure(py, e, ""))?;
        Ok(Self {
            finished: opened.finished().clone(),
            opened: Mutex::new(Some(opened)),
        })
    }

    /// The points whose rows were on disk when it was opened.
    #[getter]
    fn finished(&self) -> BTreeSet<u32> {
        self.finished.clone()
    }

    /// Write `row` (as `SweepPlan.evaluate` gives it) as its point's part.
    fn write(&self, py: Python<'_>, row: PyRow) -> PyResult<()> {
        let row = from_py(row);
        self.with(py, |o| o.write(&row).map(|_| ()))
    }

    /// How many of `points` (rows on disk) were refused.
    fn refused(&self, py: Python<'_>, points: Vec<u32>) -> PyResult<u32> {
        self.with(py, |o| o.refused(points))
    }

    /// Release the directory's lock.
    fn close(&self, py: Python<'_>) {
        py.detach(|| {
            self.opened
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take();
        });
    }
}
