//! Parameter sweeps: a study's headline figures over a grid or a Latin
//! hypercube of scenario settings, one row per point in a Parquet dataset
//! ([`cupola_report::Dataset`]: a directory `pandas.read_parquet` reads as
//! one table).
//!
//! A [`SweepPlan`] is the base scenario (with the one-valued `--set`
//! overrides written in), the [`Design`] and the [`SweepStudy`] whose
//! figures are recorded. [`evaluate`] computes one point's [`Row`]: its
//! settings applied and the scenario read again with the same validation as
//! a file (so a point is checked as `--set` checks it), then the study's
//! headline figures ([`crate::headline`]) with the settings `cupola run`
//! uses. A point depends on its settings alone (the scenario's seed is
//! kept at every point: common random numbers), so its figures equal those
//! of `cupola <study> --set … --json` at that point, whichever thread or
//! machine computes it. A point the scenario reader or a study refuses is a
//! row with the message ([`Row::error`]), not a failure of the sweep.
//!
//! [`run`] evaluates the points not yet on disk, in parallel, writing each
//! row as its own part the moment it is done ([`Opened::write`]): a sweep
//! killed at any moment is resumed by running it again, which skips the
//! finished points ([`Opened::finished`]) and gives the same files as an
//! uninterrupted run. A cluster driver does the same by hand: it opens the
//! directory ([`Opened::new`]), [`evaluate`]s the unfinished points where it
//! likes, and writes the rows ([`Opened::write`]).
//!
//! ```no_run
//! use cupola::design::Base;
//! use cupola::sweep::{self, SweepOptions, SweepPlan, SweepStudy};
//!
//! let options = SweepOptions {
//!     sets: vec!["sbi.altitude_km=400,500,600".into()],
//!     study: SweepStudy::Size,
//!     ..SweepOptions::default()
//! };
//! let plan = SweepPlan::new(Base::load(None, &[])?, &options)?;
//! let summary = sweep::run(&plan, std::path::Path::new("altitude"), &|_| {})?;
//! println!("{} points in {}", summary.points, summary.dir.display());
//! # Ok::<(), cupola::Error>(())
//! ```

pub mod design;

use crate::design::Base;
use crate::error::Error;
use crate::headline::{self, Figure, Study, Value};
use crate::progress::{self, Progress};
use crate::study::run::ASSESSMENT_TRIALS;
use cupola_report::{Dataset, Datum, Field, OutputLock, Record, ReportError};
use cupola_scenario::Scenario;
use cupola_scenario::key::KeyKind;
use cupola_scenario::overrides::{self, Override};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub use design::{Design, Input, MAX_POINTS};

/// Which figures a sweep records: one study's headline figures, or all of
/// `cupola run`'s assessment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SweepStudy {
    /// SBI carriers needed (the sizing, without its sweeps).
    Size,
    /// P(no leak) and mean warheads arriving, each with its 95% interval
    /// (the engagement, without its leak curve).
    Engage,
    /// The life-cycle cost.
    Cost,
    /// The cost-exchange ratios and the attacker's cheapest counter (at
    /// `cupola run`'s trials, without the race or the retaliation table).
    Stability,
    /// Every headline figure.
    #[default]
    Run,
}

impl SweepStudy {
    /// Every study, in the order `--study` lists them.
    pub const ALL: [SweepStudy; 5] = [
        SweepStudy::Size,
        SweepStudy::Engage,
        SweepStudy::Cost,
        SweepStudy::Stability,
        SweepStudy::Run,
    ];

    /// Its name, as `--study` takes it (`size`, `engage`, …).
    pub fn name(self) -> &'static str {
        match self {
            SweepStudy::Size => "size",
            SweepStudy::Engage => "engage",
            SweepStudy::Cost => "cost",
            SweepStudy::Stability => "stability",
            SweepStudy::Run => "run",
        }
    }

    /// The study named `name`.
    ///
    /// # Errors
    ///
    /// [`Error::Input`] naming the studies there are.
    pub fn parse(name: &str) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|s| s.name() == name)
            .ok_or_else(|| {
                let all: Vec<&str> = Self::ALL.iter().map(|s| s.name()).collect();
                Error::Input(format!(
                    "--study {name}: not a study; one of {}",
                    all.join(", ")
                ))
            })
    }

    /// The studies whose figures it records.
    fn studies(self) -> &'static [Study] {
        match self {
            SweepStudy::Size => &[Study::Sizing],
            SweepStudy::Engage => &[Study::Engagement],
            SweepStudy::Cost => &[Study::Cost],
            SweepStudy::Stability => &[Study::Stability],
            SweepStudy::Run => &[
                Study::Sizing,
                Study::Engagement,
                Study::Cost,
                Study::Stability,
            ],
        }
    }
}

/// What to sweep, as `cupola sweep`'s flags give it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SweepOptions {
    /// `KEY.PATH=V1,V2,…`: a grid axis; with one value, a plain override
    /// of every point.
    pub sets: Vec<String>,
    /// Points of the Latin hypercube (`--lhs N`), if any.
    pub lhs: Option<u32>,
    /// `KEY.PATH=LOW:HIGH`: the hypercube's dimensions.
    pub ranges: Vec<String>,
    /// Seed of the hypercube (None: the scenario's seed).
    pub seed: Option<u64>,
    /// The figures recorded.
    pub study: SweepStudy,
}

/// A sweep: the base scenario, the design and the figures (see the module
/// documentation).
pub struct SweepPlan {
    base: Base,
    fixed: Vec<Override>,
    design: Design,
    study: SweepStudy,
    figures: Vec<Figure>,
    origin: String,
    hash: String,
    seed: u64,
    nominal: Scenario,
}

/// One point's row: its settings and figures, or why it was refused
/// (serialisable, e.g. to hand it from a cluster worker to the driver).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Row {
    /// Index of the point in the design.
    pub point: u32,
    /// Each key the design sets and its value here, in column order.
    pub inputs: Vec<(String, Input)>,
    /// Each figure (by id, e.g. `p_no_leak`) and its value here, with its
    /// 95% interval when it is a Monte Carlo estimate; all `None` at a
    /// refused point.
    pub figures: Vec<(String, Value)>,
    /// Why the scenario reader or a study refused the point (None: it ran).
    pub error: Option<String>,
}

/// What [`run`] did.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SweepSummary {
    /// Points of the design.
    pub points: u32,
    /// Points computed by this run.
    pub computed: u32,
    /// Points already on disk, skipped.
    pub skipped: u32,
    /// Points refused (of all, computed or skipped).
    pub refused: u32,
    /// The dataset's directory.
    pub dir: PathBuf,
}

impl SweepSummary {
    /// The summary as pretty JSON.
    ///
    /// # Errors
    ///
    /// [`Error::Internal`] if it cannot be serialised.
    pub fn json(&self) -> Result<String, Error> {
        serde_json::to_string_pretty(self).map_err(|e| Error::Internal(e.to_string()))
    }
}

/// Whether the key at `path` is a whole number: its descriptor says so
/// (the table path without indices, then the key), or the registry value
/// it names is one.
fn integer_key(nominal: &Scenario, path: &str) -> bool {
    let plain: Vec<&str> = path
        .split('.')
        .map(|s| s.split('[').next().unwrap_or(s))
        .collect();
    if let Some((key, table)) = plain.split_last() {
        let table = if table.is_empty() {
            "top level".to_owned()
        } else {
            table.join(".")
        };
        if let Some(k) = cupola_scenario::key::tables()
            .iter()
            .filter(|(t, _)| *t == table)
            .flat_map(|(_, keys)| keys.iter())
            .find(|k| k.name == *key)
        {
            return k.kind == KeyKind::Integer;
        }
    }
    overrides::registry_assumptions(nominal)
        .iter()
        .any(|v| v.path == path && v.integer)
}

impl SweepPlan {
    /// The plan of `options` over `base` (the scenario a sweep starts from;
    /// [`Base::load`] with no overrides, or [`Base::from_text`]). The
    /// one-valued `--set`s are written into it, the base scenario read and
    /// checked, and every grid value and both ends of every range checked
    /// alone at the base, so that a mistyped key or a value out of range is
    /// an error naming its flag before any point runs. The figure list is
    /// the study's at the base (the stability study is run there once to
    /// name its exchange ratios).
    ///
    /// # Errors
    ///
    /// [`Error::Input`] naming the flag (see [`Design::parse`], and a value
    /// the scenario refuses at the base); [`Error::Scenario`] when the base
    /// scenario does not read; [`Error::Input`] when the scenario has no
    /// figure of the study.
    pub fn new(mut base: Base, options: &SweepOptions) -> Result<Self, Error> {
        let origin = match &base.file {
            Some(f) => crate::study::uncertainty::place(f).display().to_string(),
            None => base.name.clone(),
        };
        // The one-valued --set first: they make the base, whose seed the
        // hypercube takes by default.
        let single: Vec<Override> = options
            .sets
            .iter()
            .filter_map(|s| Override::parse(s).ok())
            .filter(|o| design::split_values(&o.value).len() == 1)
            .collect();
        base.edit(&single)?;
        let nominal = base.at(&[])?;
        let seed = options.seed.unwrap_or(nominal.seed);
        let (design, fixed) = Design::parse(
            &options.sets,
            options.lhs,
            &options.ranges,
            seed,
            &|k: &str| integer_key(&nominal, k),
        )
        .map_err(Error::Input)?;
        // Each value alone at the base.
        let mut checks: Vec<(String, Override)> = Vec::new();
        for a in &design.grid {
            let flag = format!("--set {}={}", a.key, a.values.join(","));
            for v in &a.values {
                let o = Override {
                    path: a.key.clone(),
                    value: v.clone(),
                };
                checks.push((flag.clone(), o));
            }
        }
        for r in design.hypercube.iter().flat_map(|h| &h.ranges) {
            let flag = format!("--range {}={}:{}", r.key, r.low, r.high);
            for end in [r.low, r.high] {
                checks.push((flag.clone(), Override::number(&r.key, end, r.integer)));
            }
        }
        // Checked in parallel; the first failure in flag order is reported,
        // whichever thread finds it first.
        checks
            .par_iter()
            .map(|(flag, o)| match base.at(std::slice::from_ref(o)) {
                Ok(_) => Ok(()),
                Err(e @ Error::Internal(_)) => Err(e),
                Err(e) => Err(Error::Input(format!(
                    "{flag}: at {}={}: {}",
                    o.path,
                    o.value,
                    e.first_line()
                ))),
            })
            .collect::<Vec<Result<(), Error>>>()
            .into_iter()
            .collect::<Result<Vec<()>, Error>>()?;
        let figures = headline::figures(&nominal, options.study.studies())?;
        if figures.is_empty() {
            return Err(Error::Input(format!(
                "--study {}: {} has none of its figures (sizing needs [sbi] and [size]; the \
                 engagement, cost and stability need [engage])",
                options.study.name(),
                base.name
            )));
        }
        Ok(Self {
            hash: nominal.hash.clone(),
            base,
            fixed,
            design,
            study: options.study,
            figures,
            origin,
            seed,
            nominal,
        })
    }

    /// The number of points.
    pub fn points(&self) -> u32 {
        // Design::parse bounds it by MAX_POINTS.
        u32::try_from(self.design.points()).unwrap_or(u32::MAX)
    }

    /// The design.
    pub fn design(&self) -> &Design {
        &self.design
    }

    /// The figures each row records.
    pub fn figures(&self) -> &[Figure] {
        &self.figures
    }

    /// The base scenario, as every point starts from it.
    pub fn nominal(&self) -> &Scenario {
        &self.nominal
    }

    /// The dataset's columns after `point`: each input (a number, or the
    /// value's text), each figure with `_lo` and `_hi` (its interval), then
    /// `status` (`ok` or `refused`) and `error`.
    pub fn columns(&self) -> Vec<Field> {
        let mut c: Vec<Field> = self
            .design
            .inputs()
            .into_iter()
            .map(|(k, numeric)| {
                if numeric {
                    Field::number(k)
                } else {
                    Field::text(k)
                }
            })
            .collect();
        for f in &self.figures {
            c.push(Field::number(f.id.clone()));
            c.push(Field::number(format!("{}_lo", f.id)));
            c.push(Field::number(format!("{}_hi", f.id)));
        }
        c.push(Field::text("status"));
        c.push(Field::text("error"));
        c
    }

    /// What the sweep is, as its dataset's manifest records it: a resume
    /// must match it (cupola version and commit, scenario and hash, the
    /// one-valued overrides, the study and its figures, the design and its
    /// seed).
    pub fn manifest(&self) -> serde_json::Value {
        serde_json::json!({
            "cupola": env!("CARGO_PKG_VERSION"),
            "git": crate::outputs::git_hash(),
            "scenario": self.origin,
            "scenario_fnv1a": self.hash,
            "set": self.fixed.iter().map(Override::to_string).collect::<Vec<_>>(),
            "study": self.study.name(),
            "figures": self.figures.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
            "grid": self.design.grid,
            "lhs": self.design.hypercube,
            "seed": self.seed,
        })
    }

    /// The estimated work of `points` points: the headline studies the
    /// sweep runs, as `cupola run`'s assessment runs them, on the nominal
    /// scenario's model. [`run`] refuses a sweep over the budget with it
    /// ([`crate::budget::enforce`]); a distributed driver does the same.
    pub fn estimate(&self, points: usize) -> Result<cupola_analysis::work::Estimate, Error> {
        let model = crate::Model::new(self.nominal.clone())?;
        let mut e = crate::budget::headline_of(&model, ASSESSMENT_TRIALS, self.study.studies());
        e.study = "sweep".into();
        e.core_s *= points as f64;
        e.drivers.push(format!("{points} points left to compute"));
        Ok(e)
    }
}

/// A dataset failure: one the user can act on (another sweep in the
/// directory, a stray file, another run holding it) is bad input; an I/O
/// failure is internal.
fn dataset_error(e: ReportError) -> Error {
    match e {
        ReportError::Dataset { .. }
        | ReportError::Locked { .. }
        | ReportError::OutDirectory { .. } => Error::Input(format!("--out: {e}")),
        _ => Error::Internal(format!("--out: {e}")),
    }
}

/// The row of point `point` of `plan` (see the module documentation).
///
/// # Errors
///
/// [`Error::Input`] for a point outside the design; [`Error::Internal`]
/// when a study fails inside (a point the scenario or a study refuses is a
/// row with [`Row::error`] instead).
pub fn evaluate(plan: &SweepPlan, point: u32) -> Result<Row, Error> {
    if point >= plan.points() {
        return Err(Error::Input(format!(
            "point {point}: the sweep has {} points (0 to {})",
            plan.points(),
            plan.points().saturating_sub(1)
        )));
    }
    let settings = plan.design.point(u64::from(point));
    let sets: Vec<Override> = settings.iter().map(|s| s.set.clone()).collect();
    let inputs: Vec<(String, Input)> = settings
        .into_iter()
        .map(|s| (s.set.path, s.input))
        .collect();
    let outcome = crate::design::point(&plan.base, &sets, &plan.figures)?;
    let (values, error) = match outcome {
        Ok(values) => (values, None),
        Err(message) => (vec![Value::default(); plan.figures.len()], Some(message)),
    };
    Ok(Row {
        point,
        inputs,
        figures: plan
            .figures
            .iter()
            .map(|f| f.id.clone())
            .zip(values)
            .collect(),
        error,
    })
}

impl Row {
    /// The row as the dataset stores it (see [`SweepPlan::columns`]).
    pub fn record(&self) -> Record {
        let mut data: Vec<Datum> = self
            .inputs
            .iter()
            .map(|(_, v)| match v {
                Input::Number(x) => Datum::Number(Some(*x)),
                Input::Text(t) => Datum::Text(Some(t.clone())),
            })
            .collect();
        for (_, v) in &self.figures {
            data.extend(v.flat().map(Datum::Number));
        }
        data.push(Datum::Text(Some(
            if self.error.is_some() {
                "refused"
            } else {
                "ok"
            }
            .into(),
        )));
        data.push(Datum::Text(self.error.clone()));
        Record {
            point: self.point,
            data,
        }
    }

    /// The names of [`Row::record`]'s columns.
    fn column_names(&self) -> Vec<String> {
        let mut n: Vec<String> = self.inputs.iter().map(|(k, _)| k.clone()).collect();
        for (id, _) in &self.figures {
            n.extend([id.clone(), format!("{id}_lo"), format!("{id}_hi")]);
        }
        n.extend(["status".into(), "error".into()]);
        n
    }
}

/// Write `row` into `dataset` as its point's part: a temporary file
/// renamed into place, so a kill leaves the part whole or absent. Writing
/// a point again replaces its part with the same bytes. Returns the part's
/// path.
fn write_into(dataset: &Dataset, row: &Row) -> Result<PathBuf, Error> {
    let names: Vec<&str> = dataset.columns().iter().map(|c| c.name.as_str()).collect();
    if row.column_names() != names {
        return Err(Error::Input(format!(
            "--out {}: point {}'s row has other columns than the dataset ({}); it belongs \
             to another sweep",
            dataset.dir().display(),
            row.point,
            row.column_names().join(", ")
        )));
    }
    dataset.write(&row.record()).map_err(dataset_error)
}

/// A sweep's dataset opened to write rows into, as [`run`] opens it and
/// the driver of a distributed run does: its parent created, the directory
/// locked ([`OutputLock`], released when this is dropped), created or
/// checked against the plan, the temporaries of a killed run removed.
pub struct Opened {
    dataset: Dataset,
    finished: BTreeSet<u32>,
    _lock: OutputLock,
}

impl Opened {
    /// Open the dataset of `plan` at `dir`.
    ///
    /// # Errors
    ///
    /// [`Error::Input`] when `dir` holds another sweep (naming what
    /// differs) or other files, or another run holds it;
    /// [`Error::Internal`] for I/O failures.
    pub fn new(plan: &SweepPlan, dir: &Path) -> Result<Self, Error> {
        if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| {
                Error::Input(format!(
                    "--out {}: cannot create its parent: {e}",
                    dir.display()
                ))
            })?;
        }
        let lock = OutputLock::acquire(dir).map_err(dataset_error)?;
        let dataset = Dataset::create(dir, plan.points(), plan.columns(), plan.manifest())
            .map_err(dataset_error)?;
        dataset.remove_temporaries().map_err(dataset_error)?;
        let finished = dataset.finished().map_err(dataset_error)?;
        Ok(Self {
            dataset,
            finished,
            _lock: lock,
        })
    }

    /// The points whose rows were on disk when it was opened.
    pub fn finished(&self) -> &BTreeSet<u32> {
        &self.finished
    }

    /// Write `row` as its point's part: a temporary file renamed into
    /// place, so a kill leaves the part whole or absent; writing a point
    /// again replaces its part with the same bytes. Returns the part's path.
    ///
    /// # Errors
    ///
    /// [`Error::Input`] when the row does not fit the dataset (other
    /// columns, a point outside it); [`Error::Internal`] for I/O failures.
    pub fn write(&self, row: &Row) -> Result<PathBuf, Error> {
        write_into(&self.dataset, row)
    }

    /// How many of `points` (rows on disk) were refused by the scenario
    /// or a study.
    ///
    /// # Errors
    ///
    /// [`Error::Input`] when a point's part is missing or damaged.
    pub fn refused(&self, points: impl IntoIterator<Item = u32>) -> Result<u32, Error> {
        let mut n = 0;
        for p in points {
            let record = self.dataset.read(p).map_err(dataset_error)?;
            if record.data.last() != Some(&Datum::Text(None)) {
                n += 1;
            }
        }
        Ok(n)
    }
}

/// Run `plan` into the dataset at `dir`: every point not yet there is
/// evaluated (in parallel over the points; each row depends on its point
/// alone) and written as it finishes, `on_point` called with each row.
/// Holds the directory's lock ([`OutputLock`]) throughout, and first removes
/// the temporary files a killed run left. Shows progress through
/// [`crate::progress`]. Refuses a run over the work budget
/// ([`crate::budget`]) before it starts.
///
/// # Errors
///
/// As [`Opened::new`]; [`Error::Input`] when the work is over the budget; a point's internal failure (the rows
/// written so far stay, and a rerun resumes).
pub fn run(
    plan: &SweepPlan,
    dir: &Path,
    on_point: &(dyn Fn(&Row) + Sync),
) -> Result<SweepSummary, Error> {
    let opened = Opened::new(plan, dir)?;
    let done = opened.finished();
    let todo: Vec<u32> = (0..plan.points()).filter(|p| !done.contains(p)).collect();
    let estimate = plan.estimate(todo.len())?;
    crate::budget::enforce(&estimate)?;
    let bar = Progress::start(&estimate, todo.len() as u64, "points");
    let refused_now = {
        let _hidden = progress::hide_studies();
        todo.par_iter()
            .map(|&p| {
                let row = evaluate(plan, p)?;
                opened.write(&row)?;
                on_point(&row);
                bar.tick(1);
                Ok(u32::from(row.error.is_some()))
            })
            .collect::<Result<Vec<u32>, Error>>()?
            .into_iter()
            .sum::<u32>()
    };
    bar.finish();
    let refused_before = opened.refused(done.iter().copied())?;
    Ok(SweepSummary {
        points: plan.points(),
        computed: todo.len() as u32,
        skipped: done.len() as u32,
        refused: refused_now + refused_before,
        dir: dir.to_owned(),
    })
}

#[cfg(test)]
mod tests;
