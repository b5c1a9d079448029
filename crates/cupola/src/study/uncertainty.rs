//! `cupola uncertainty [FILE] --samples N`: a Latin hypercube over the
//! assumptions' ranges (all, or those given), every headline figure at
//! each point, each figure's median and 5–95% band, and the Spearman rank
//! correlation of each assumption with each figure as the global
//! sensitivity measure (see [`cupola_analysis::uncertainty`] for why it
//! suffices). Deterministic per seed for any thread count; with
//! `--resume DIR` each finished point is kept on disk, and a rerun after a
//! kill computes only the rest, with the same result.

use crate::design::{self, Base, Outcome};
use crate::error::Error;
use crate::headline::{self, Figure, Value};
use crate::outputs::uncertainty as out;
use crate::progress::{self, Progress};
use crate::study::run::ASSESSMENT_TRIALS;
use cupola_analysis::uncertainty::{
    Band, latin_hypercube, null_band, scale, scale_integer, spearman,
};
use cupola_report::PointStore;
use cupola_scenario::overrides::{Override, Varied};
use std::path::{Path, PathBuf};

/// Runs of the nominal point under other seeds ([`replicate_seed`] 1 to
/// this, derived from the run's seed), from whose spread each figure's own Monte Carlo error is
/// estimated. Assumed 8, range 4–32: enough to see an error the size of
/// the figures' bands, at 3% of a 256-point design's work.
pub const REPLICATES: u64 = 8;

/// The path prefix of a catalog missile's numbers (`catalog.MISSILE.KEY`).
const CATALOG_PREFIX: &str = "catalog.";

/// Stream component of the seed replicates' seeds.
const REPLICATE_SEED: u64 = 0x7265_706c_5f73_6565;

/// The scenario seed of seed replicate `r` of a run of seed `seed`: a
/// stream key of `seed` (so `--seed` moves the replicates with the
/// design), cut to 53 bits so that it is exact as a number and a TOML
/// integer.
pub fn replicate_seed(seed: u64, r: u64) -> u64 {
    cupola_analysis::streams::key(seed, r, REPLICATE_SEED) >> 11
}

/// Options of the uncertainty study.
#[derive(Clone, Debug)]
pub struct UncertaintyOptions {
    /// Points of the Latin hypercube (2 to 100,000).
    pub samples: u32,
    /// Vary only these assumptions (key paths such as
    /// `sbi.budget.decision_s`; a path without indices takes every
    /// element). Without it, every assumption with a range but a catalog
    /// missile's numbers (`catalog.MISSILE.KEY`), which are varied only
    /// when named.
    pub keys: Option<Vec<String>>,
    /// Seed of the design (default: the scenario's seed).
    pub seed: Option<u64>,
    /// Keep each finished point in this directory (created), and skip the
    /// points it already holds: a run killed at any moment resumes where
    /// it stopped, with the same result as an uninterrupted run.
    pub resume: Option<PathBuf>,
}

impl UncertaintyOptions {
    /// Refuse options out of their ranges (before any scenario is read).
    pub fn check(&self) -> Result<(), Error> {
        if !(2..=100_000).contains(&self.samples) {
            return Err(Error::Input(format!(
                "--samples {}: must be between 2 and 100,000",
                self.samples
            )));
        }
        Ok(())
    }
}

/// Points of the Latin hypercube unless asked otherwise. Assumed, a
/// setting (range 64–1,024): enough for a 5–95% band whose ends move by a
/// few percent between seeds, at about 4 minutes on 2 cores for the
/// default scenario.
pub const DEFAULT_SAMPLES: u32 = 256;

impl Default for UncertaintyOptions {
    fn default() -> Self {
        Self {
            samples: DEFAULT_SAMPLES,
            keys: None,
            seed: None,
            resume: None,
        }
    }
}

/// One figure's spread over the design.
#[derive(Clone, Debug, serde::Serialize)]
pub struct FigureSpread {
    /// Identifier, e.g. `p_no_leak`.
    pub id: String,
    /// The figure in words.
    pub name: String,
    /// Its unit.
    pub unit: &'static str,
    /// Its value with every assumption nominal.
    pub nominal: Value,
    /// Median and 5–95% band over the points with a value (None: none).
    pub band: Option<Band>,
    /// For a Monte Carlo figure: the median over the points of the
    /// half-width of each point's own 95% interval (the part of the
    /// spread that is sampling noise, not the assumptions).
    pub mc_half_width: Option<f64>,
    /// 1.96 times the standard deviation of the figure over the nominal
    /// point run under [`REPLICATES`] + 1 seeds: the figure's own Monte
    /// Carlo error, for every figure (sizing and stability included);
    /// None when a replicate has no value.
    pub seed_half_width: Option<f64>,
    /// Spearman's rank correlation of each assumption (in the order of
    /// [`UncertaintyReport::assumptions`]) with the figure.
    pub rank_correlations: Vec<f64>,
}

/// Everything `cupola uncertainty` computed.
#[derive(Clone, Debug, serde::Serialize)]
pub struct UncertaintyReport {
    /// Points of the design.
    pub samples: u32,
    /// Its seed.
    pub seed: u64,
    /// The assumptions varied, uniformly over their ranges.
    pub assumptions: Vec<crate::study::sensitivity::Assumption>,
    /// Assumptions left out, with the reason.
    pub not_varied: Vec<(String, String)>,
    /// Points whose studies refused their input (they have no figures).
    pub refused: usize,
    /// Points computed by this run (the rest came from the store).
    pub computed: usize,
    /// A rank correlation inside ±this is indistinguishable from no
    /// effect at 95% (1.96/√(N − 1)).
    pub null_band: f64,
    /// Each figure.
    pub figures: Vec<FigureSpread>,
    /// Each point: its assumptions' values, then each figure's value and
    /// interval (None: a point refused by the studies).
    #[serde(skip)]
    pub points: Vec<(Vec<f64>, Option<Vec<Value>>)>,
}

/// The settings of point `u` (unit-cube coordinates) of the design.
fn settings(varied: &[Varied], u: &[f64]) -> (Vec<f64>, Vec<Override>) {
    varied
        .iter()
        .zip(u)
        .map(|(v, &x)| {
            let value = if v.integer {
                scale_integer(x, v.low, v.high)
            } else {
                scale(x, v.low, v.high)
            };
            (value, v.set(value))
        })
        .unzip()
}

/// The design's description, which a store must match to be resumed.
fn design_json(
    base: &Base,
    hash: &str,
    args: &UncertaintyOptions,
    seed: u64,
    varied: &[Varied],
    figures: &[Figure],
) -> Result<String, Error> {
    #[derive(serde::Serialize)]
    struct Design<'a> {
        cupola: &'a str,
        git: Option<String>,
        scenario: &'a str,
        scenario_fnv1a: String,
        samples: u32,
        seed: u64,
        replicates: u64,
        assumptions: Vec<(&'a str, f64, f64)>,
        figures: Vec<&'a str>,
    }
    // The file by its canonical path (the same however it was named on
    // the command line; catalog files are read relative to it), and its
    // text (with any --set written in) by its hash.
    let scenario = match &base.file {
        Some(f) => place(f).display().to_string(),
        None => base.name.clone(),
    };
    Ok(cupola_report::to_json_pretty(&Design {
        cupola: env!("CARGO_PKG_VERSION"),
        git: crate::outputs::git_hash(),
        scenario: &scenario,
        scenario_fnv1a: hash.to_owned(),
        samples: args.samples,
        seed,
        replicates: REPLICATES,
        assumptions: varied
            .iter()
            .map(|v| (v.path.as_str(), v.low, v.high))
            .collect(),
        figures: figures.iter().map(|f| f.id.as_str()).collect(),
    })?)
}

/// Refuse an output directory `out` that is the point store `store`, lies
/// inside it or holds it: the output replaces its directory whole.
pub fn check_store_out(store: &Path, out: &Path) -> Result<(), Error> {
    let (store, out) = (place(store), place(out));
    if store.starts_with(&out) || out.starts_with(&store) {
        return Err(Error::Input(format!(
            "--resume {} and --out {}: the point store cannot be the output directory \
             or lie inside it (or hold it): --out replaces its directory whole; give \
             them separate directories",
            store.display(),
            out.display()
        )));
    }
    Ok(())
}

/// `path` made absolute and, as far as it exists, canonical (links and
/// `..` resolved), so that two names of one place compare equal.
pub fn place(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| {
        // Not there yet: its parent's canonical form and its name.
        match (path.parent(), path.file_name()) {
            (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => {
                place(parent).join(name)
            }
            _ => std::path::absolute(path).unwrap_or_else(|_| path.to_owned()),
        }
    })
}

/// A point store's failure: one the user can act on (another design in
/// the directory, a damaged line, another run holding it) is bad input
/// (exit 2); an I/O failure is internal (exit 1).
fn store_failure(e: cupola_report::ReportError) -> Error {
    use cupola_report::ReportError as E;
    match e {
        E::Store { .. } | E::Locked { .. } => Error::Input(format!("--resume: {e}")),
        _ => Error::Internal(format!("--resume: {e}")),
    }
}

/// A point's outcome as stored: a status (0 ok, 1 refused), then three
/// numbers per figure ([`Value::flat`]).
fn flat(o: &Outcome, figures: usize) -> Vec<Option<f64>> {
    match o {
        Ok(values) => std::iter::once(Some(0.0))
            .chain(values.iter().flat_map(Value::flat))
            .collect(),
        Err(_) => std::iter::once(Some(1.0))
            .chain(std::iter::repeat_n(None, 3 * figures))
            .collect(),
    }
}

fn unflat(v: &[Option<f64>], figures: usize) -> Option<Vec<Value>> {
    if v.first().copied().flatten() != Some(0.0) {
        return None;
    }
    Some(
        (0..figures)
            .map(|f| Value::from_flat(v.get(1 + 3 * f..4 + 3 * f).unwrap_or(&[])))
            .collect(),
    )
}

/// The uncertainty study of `base` with `args`.
pub fn run(base: &Base, args: &UncertaintyOptions) -> Result<out::Uncertainty, Error> {
    args.check()?;
    let nominal = base.at(&[])?;
    let seed = args.seed.unwrap_or(nominal.seed);
    let (mut varied, mut dropped) = design::assumptions(base, args.keys.as_deref())?;
    if args.keys.is_none() {
        // A catalog missile's numbers drawn together and independently give,
        // at most points, a missile that cannot reach the scenario's aim
        // points: they are varied when named, and one at a time by
        // `cupola sensitivity`.
        let (catalog, rest): (Vec<Varied>, Vec<Varied>) = varied
            .into_iter()
            .partition(|v| v.path.starts_with(CATALOG_PREFIX));
        varied = rest;
        dropped.extend(catalog.into_iter().map(|v| {
            design::Dropped {
                path: v.path,
                reason: "a catalog missile's number: drawn together with the missile's others it \
                     often gives a missile that cannot reach the scenario's aim points, so it \
                     is varied only when named with --keys (`cupola sensitivity` varies it \
                     alone)"
                    .into(),
            }
        }));
    }
    if varied.is_empty() {
        return Err(Error::Input(format!(
            "{}: no assumption with a range to vary",
            base.name
        )));
    }
    let model = crate::Model::new(nominal.clone())?;
    let (figures, nominal_values) = headline::evaluate_model(&model, None)?;
    let n = args.samples as usize;
    let design = latin_hypercube(n, varied.len(), seed);
    let (store, done) = match &args.resume {
        Some(dir) => {
            let text = design_json(base, &nominal.hash, args, seed, &varied, &figures)?;
            let (s, d) = PointStore::open(dir, &text, n as u64 + REPLICATES, 1 + 3 * figures.len())
                .map_err(store_failure)?;
            (Some(s), d)
        }
        None => (None, Default::default()),
    };
    // The design's points, then the nominal point under other seeds.
    let todo: Vec<(u64, Vec<Override>)> = (0..n as u64 + REPLICATES)
        .filter(|k| !done.contains_key(k))
        .map(|k| match design.get(k as usize) {
            Some(u) => (k, settings(&varied, u).1),
            None => {
                let r = k - n as u64 + 1;
                (
                    k,
                    vec![Override::number(
                        "scenario.seed",
                        replicate_seed(seed, r) as f64,
                        true,
                    )],
                )
            }
        })
        .collect();
    let mut estimate = crate::budget::headline(&model, ASSESSMENT_TRIALS);
    estimate.study = "uncertainty".into();
    estimate.core_s *= todo.len() as f64;
    estimate.drivers.push(format!(
        "--samples {} ({} points left to compute)",
        args.samples,
        todo.len()
    ));
    crate::budget::enforce(&estimate)?;
    let bar = Progress::start(&estimate, todo.len() as u64, "points");
    let _hidden = progress::hide_studies();
    let nf = figures.len();
    let outcomes = design::evaluate_all(base, &figures, &todo, &|k, o| {
        if let Some(s) = &store {
            s.append(k, &flat(o, nf)).map_err(store_failure)?;
        }
        bar.tick(1);
        Ok(())
    })?;
    bar.finish();
    let mut all: Vec<Option<Vec<Value>>> = (0..n as u64 + REPLICATES)
        .map(|k| done.get(&k).and_then(|v| unflat(v, nf)))
        .collect();
    for ((k, _), o) in todo.iter().zip(&outcomes) {
        all[*k as usize] = o.as_ref().ok().cloned();
    }
    let replicates = all.split_off(n);
    let refused = all.iter().filter(|v| v.is_none()).count();
    let points: Vec<(Vec<f64>, Option<Vec<Value>>)> = design
        .iter()
        .zip(all)
        .map(|(u, v)| (settings(&varied, u).0, v))
        .collect();
    let spreads = figures
        .iter()
        .enumerate()
        .map(|(f, fig)| {
            let mut s = spread(fig, f, nominal_values[f], &points, varied.len());
            s.seed_half_width = seed_error(f, nominal_values[f], &replicates);
            s
        })
        .collect();
    let report = UncertaintyReport {
        samples: args.samples,
        seed,
        assumptions: varied
            .iter()
            .map(crate::study::sensitivity::Assumption::of)
            .collect(),
        not_varied: dropped.into_iter().map(|d| (d.path, d.reason)).collect(),
        refused,
        computed: todo.iter().filter(|(k, _)| *k < n as u64).count(),
        null_band: null_band(n - refused),
        figures: spreads,
        points,
    };
    let mut output = out::Uncertainty::new(&nominal, report);
    output.store = args.resume.clone();
    Ok(output)
}

/// 1.96 × the standard deviation of figure `f` over the nominal run and
/// its seed replicates; None when one of them has no value.
fn seed_error(f: usize, nominal: Value, replicates: &[Option<Vec<Value>>]) -> Option<f64> {
    let mut v = vec![nominal.value?];
    for r in replicates {
        v.push(r.as_ref()?.get(f)?.value?);
    }
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    let var = v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0);
    Some(1.96 * var.sqrt()).filter(|x| x.is_finite())
}

/// Figure `f`'s band and rank correlations over `points`. At a point whose
/// studies ran, a figure without a value (no constellation within the
/// sizing search, no defense answer to an exchange, no attacker counter
/// within its options) counts as +∞: beyond every value found.
fn spread(
    fig: &Figure,
    f: usize,
    nominal: Value,
    points: &[(Vec<f64>, Option<Vec<Value>>)],
    keys: usize,
) -> FigureSpread {
    let with: Vec<(&Vec<f64>, Value)> = points
        .iter()
        .filter_map(|(x, v)| Some((x, v.as_ref()?.get(f).copied()?)))
        .collect();
    let y: Vec<f64> = with
        .iter()
        .map(|(_, v)| v.value.unwrap_or(f64::INFINITY))
        .collect();
    let halves: Vec<f64> = with
        .iter()
        .filter_map(|(_, v)| v.interval.map(|(a, b)| 0.5 * (b - a)))
        .collect();
    FigureSpread {
        id: fig.id.clone(),
        name: fig.name.clone(),
        unit: fig.unit,
        nominal,
        band: Band::of(&y),
        mc_half_width: Band::of(&halves).map(|b| b.median),
        seed_half_width: None,
        rank_correlations: (0..keys)
            .map(|j| {
                let x: Vec<f64> = with.iter().map(|(x, _)| x[j]).collect();
                spearman(&x, &y)
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_replicates_follow_the_runs_seed() {
        let a: Vec<u64> = (1..=REPLICATES).map(|r| replicate_seed(1, r)).collect();
        let b: Vec<u64> = (1..=REPLICATES).map(|r| replicate_seed(2, r)).collect();
        // Another --seed, other replicates; none of them the seed plus r.
        assert!(a.iter().all(|s| !b.contains(s)));
        assert!((1..=REPLICATES).all(|r| a[r as usize - 1] != 1 + r));
        // Distinct, and exact as a number.
        let mut sorted = a.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), a.len());
        assert!(a.iter().all(|&s| (s as f64) as u64 == s));
    }
}
