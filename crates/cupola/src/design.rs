//! What `cupola sensitivity` and `cupola uncertainty` share: the scenario
//! as text (so that each point can set its assumptions and be read again
//! with the same validation), the assumptions varied (from the key
//! descriptors' uncertainty ranges, and the registry ranges of the catalog
//! missiles and the cost preset the scenario uses), and the parallel,
//! deterministic evaluation of a design's points.

use crate::error::Error;
use crate::headline::{self, Figure, Value};
use cupola_scenario::Scenario;
use cupola_scenario::overrides::{self, Override, Varied};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// `--set KEY.PATH=VALUE` specifications parsed (each checked for its
/// form; the key itself is checked when the scenario is read with it).
pub fn parse_overrides(specs: &[String]) -> Result<Vec<Override>, Error> {
    Ok(specs
        .iter()
        .map(|s| Override::parse(s))
        .collect::<Result<Vec<_>, _>>()?)
}

/// The scenario a design varies: its text and where it came from, and
/// the registry values (`catalog.…`, `preset.…`) set in it.
#[derive(Clone, Debug)]
pub struct Base {
    /// Name for messages (the file's path, or the built-in default).
    pub name: String,
    /// The file it was read from (None: the built-in default, or text).
    pub file: Option<PathBuf>,
    /// The scenario text.
    pub text: String,
    /// Directory its catalog files are read relative to.
    pub dir: Option<PathBuf>,
    /// Registry values set by `--set`, applied at every point before the
    /// point's own settings.
    pub registry: Vec<Override>,
}

impl Base {
    /// The scenario at `file`, or the built-in default, with `sets` (the
    /// `--set` overrides) written into its text.
    pub fn load(file: Option<&Path>, sets: &[Override]) -> Result<Self, Error> {
        let mut base = Self::read(file)?;
        base.edit(sets)?;
        Ok(base)
    }

    /// Write `sets` into the text (the scenario every point starts from);
    /// registry values are kept and set at every point.
    pub fn edit(&mut self, sets: &[Override]) -> Result<(), Error> {
        let (registry, keys): (Vec<Override>, Vec<Override>) =
            sets.iter().cloned().partition(overrides::is_registry);
        if !keys.is_empty() {
            self.text = overrides::edit(&self.name, &self.text, &keys)?;
            let names: Vec<String> = keys.iter().map(Override::to_string).collect();
            self.name = format!("{} with {}", self.name, names.join(", "));
        }
        self.registry.extend(registry);
        Ok(())
    }

    /// A scenario given as TOML `text`, called `name` in messages, whose
    /// catalog files are read relative to `dir`.
    pub fn from_text(name: String, text: String, dir: Option<PathBuf>) -> Self {
        Self {
            name,
            file: None,
            text,
            dir,
            registry: Vec::new(),
        }
    }

    fn read(file: Option<&Path>) -> Result<Self, Error> {
        Ok(match file {
            Some(p) => Self {
                name: p.display().to_string(),
                file: Some(p.to_owned()),
                text: overrides::read_text(p)?,
                dir: p.parent().map(Path::to_owned),
                registry: Vec::new(),
            },
            None => Self {
                name: format!(
                    "built-in default ({})",
                    cupola_scenario::DEFAULT_SCENARIO_NAME
                ),
                file: None,
                text: cupola_scenario::DEFAULT_SCENARIO_TOML.to_owned(),
                dir: None,
                registry: Vec::new(),
            },
        })
    }

    /// The scenario with `sets` applied (none: as written, with the
    /// registry values of `--set`).
    pub fn at(&self, sets: &[Override]) -> Result<Scenario, Error> {
        let all: Vec<Override> = self.registry.iter().chain(sets).cloned().collect();
        Ok(overrides::apply(
            &self.name,
            &self.text,
            self.dir.as_deref(),
            &all,
        )?)
    }
}

/// An assumption left out of a design, and why.
pub struct Dropped {
    /// The key's path.
    pub path: String,
    /// Why it is not varied.
    pub reason: String,
}

/// The assumptions of `base` to vary: every key with an uncertainty range
/// (see [`overrides::assumptions`]), then every number of its catalog
/// missiles and input of its cost preset with a range (see
/// [`overrides::registry_assumptions`]), or those `keys` names (a full
/// path such as `engage.terminal[0].pk` or
/// `preset.cbo-2026.unit_cost_musd`, or a path without indices such as
/// `engage.midcourse.pk` for every element). An assumption that cannot be
/// set to both ends of its range (the scenario's rules refuse it, e.g. a
/// key of another sensor kind) is dropped with the reason.
pub fn assumptions(
    base: &Base,
    keys: Option<&[String]>,
) -> Result<(Vec<Varied>, Vec<Dropped>), Error> {
    let mut all = overrides::assumptions(&base.name, &base.text)?;
    all.extend(overrides::registry_assumptions(&base.at(&[])?));
    let chosen: Vec<Varied> = match keys {
        None => all,
        Some(keys) => {
            let plain = |p: &str| {
                p.split('.')
                    .map(|s| s.split('[').next().unwrap_or(s))
                    .collect::<Vec<_>>()
                    .join(".")
            };
            for k in keys {
                if !all.iter().any(|v| v.path == *k || plain(&v.path) == *k) {
                    let known: Vec<&str> = all.iter().map(|v| v.path.as_str()).collect();
                    return Err(Error::Input(format!(
                        "--keys {k}: not an assumption of {} with a range; it has: {}",
                        base.name,
                        known.join(", ")
                    )));
                }
            }
            all.into_iter()
                .filter(|v| keys.iter().any(|k| v.path == *k || plain(&v.path) == *k))
                .collect()
        }
    };
    let checked: Vec<Result<Varied, Dropped>> = chosen
        .into_par_iter()
        .map(|v| {
            for end in [v.low, v.high] {
                if let Err(f) = base.at(&[v.set(end)]) {
                    return Err(Dropped {
                        path: v.path.clone(),
                        reason: f.first_line(),
                    });
                }
            }
            Ok(v)
        })
        .collect();
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    for c in checked {
        match c {
            Ok(v) => kept.push(v),
            Err(d) => dropped.push(d),
        }
    }
    Ok((kept, dropped))
}

/// A point's figures: its values, or the failure that stopped its studies
/// (bad input at this point, e.g. a launch the sensors never report).
pub type Outcome = Result<Vec<Value>, String>;

/// The figures at one point of a design: `sets` applied to `base`.
///
/// # Errors
///
/// An internal failure of a study; bad input at the point is an
/// [`Outcome`] error instead.
pub fn point(base: &Base, sets: &[Override], figures: &[Figure]) -> Result<Outcome, Error> {
    let scenario = match base.at(sets) {
        Ok(s) => s,
        Err(f @ Error::Internal(_)) => return Err(f),
        Err(f) => return Ok(Err(f.first_line())),
    };
    match headline::evaluate(&scenario, Some(figures)) {
        Ok((_, values)) => Ok(Ok(values)),
        Err(f @ Error::Internal(_)) => Err(f),
        Err(f) => Ok(Err(f.first_line())),
    }
}

/// Evaluate `points` (index and settings) in parallel, calling `done` with
/// each outcome as it finishes (in any order); the outcomes come back in
/// the order of `points`. Each point's result depends only on its
/// settings, never on the thread that ran it.
pub fn evaluate_all(
    base: &Base,
    figures: &[Figure],
    points: &[(u64, Vec<Override>)],
    done: &(dyn Fn(u64, &Outcome) -> Result<(), Error> + Sync),
) -> Result<Vec<Outcome>, Error> {
    points
        .par_iter()
        .map(|(k, sets)| {
            let o = point(base, sets, figures)?;
            done(*k, &o)?;
            Ok(o)
        })
        .collect()
}
