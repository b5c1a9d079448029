//! The studies over many runs: `sensitivity`, `uncertainty` and
//! `reproduce`.

use super::{emit, warn};
use crate::OutputArgs;
use clap::Args;
use cupola::design::Base;
use cupola::study;
use cupola::{Error, Override};
use std::path::PathBuf;

/// Arguments of `cupola sensitivity`.
#[derive(Args)]
pub struct SensitivityArgs {
    /// Scenario file (TOML); omit for the built-in default.
    pub file: Option<PathBuf>,
    /// Vary only these assumptions (comma-separated key paths such as
    /// `sbi.budget.decision_s` or `engage.terminal[0].pk`, a path without
    /// indices taking every element; or registry paths such as
    /// `preset.cbo-2026.unit_cost_musd` and
    /// `catalog.solid-icbm.stage[0].burn_time_s`).
    #[arg(long, value_delimiter = ',', value_name = "KEYS")]
    pub keys: Option<Vec<String>>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `cupola sensitivity`.
pub fn sensitivity(a: &SensitivityArgs, sets: &[Override]) -> Result<(), Error> {
    let base = Base::load(a.file.as_deref(), sets)?;
    let report = study::sensitivity::run(&base, a.keys.as_deref())?;
    warn(&base.at(&[])?);
    emit(&report, &a.output)
}

/// Arguments of `cupola uncertainty`.
#[derive(Args)]
pub struct UncertaintyArgs {
    /// Scenario file (TOML); omit for the built-in default.
    pub file: Option<PathBuf>,
    /// Points of the Latin hypercube (2 to 100,000).
    #[arg(long, value_name = "N", default_value_t = study::uncertainty::DEFAULT_SAMPLES)]
    pub samples: u32,
    /// Vary only these assumptions (comma-separated key paths such as
    /// `sbi.budget.decision_s`; a path without indices takes every element).
    /// Without it, every assumption with a range but a catalog missile's
    /// numbers (`catalog.MISSILE.KEY`), which are varied only when named.
    #[arg(long, value_delimiter = ',', value_name = "KEYS")]
    pub keys: Option<Vec<String>>,
    /// Seed of the design (default: the scenario's seed).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Keep each finished point in this directory (created), and skip the
    /// points it already holds: a run killed at any moment resumes where
    /// it stopped, with the same result as an uninterrupted run.
    #[arg(long, value_name = "DIR")]
    pub resume: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `cupola uncertainty`.
pub fn uncertainty(a: &UncertaintyArgs, sets: &[Override]) -> Result<(), Error> {
    let opts = study::uncertainty::UncertaintyOptions {
        samples: a.samples,
        keys: a.keys.clone(),
        seed: a.seed,
        resume: a.resume.clone(),
    };
    opts.check()?;
    if let (Some(store), Some(out)) = (&a.resume, &a.output.out) {
        study::uncertainty::check_store_out(store, out)?;
    }
    let base = Base::load(a.file.as_deref(), sets)?;
    warn(&base.at(&[])?);
    emit(&study::uncertainty::run(&base, &opts)?, &a.output)
}

/// Flags of `cupola reproduce`.
#[derive(Args, Debug, Default)]
pub struct ReproduceArgs {
    /// A published study: the name of a scenario of `scenarios/literature/`
    /// (its file stem, e.g. `aps-2003`; built in), or the path of a scenario
    /// file with `[[published]]` tables.
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub name: Option<String>,
    /// Reproduce every study of `scenarios/literature/`.
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `cupola reproduce`.
pub fn reproduce(a: &ReproduceArgs, sets: &[Override]) -> Result<(), Error> {
    let list = study::reproduce::scenarios(a.name.as_deref(), a.all, sets)?;
    list.iter().for_each(warn);
    emit(&study::reproduce::run(&list)?, &a.output)
}
