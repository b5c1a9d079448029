//! The studies of one scenario: `run`, `constellation`, `detect`, `size`,
//! `engage`, `cost`, `stability` and `assumptions`.

use super::{emit, load};
use crate::OutputArgs;
use clap::{Args, ValueEnum};
use cupola::study::{self, size::SweepFlag};
use cupola::{Error, Model, Override};
use std::path::PathBuf;

/// The scenario file and outputs every study takes.
#[derive(Args, Debug, Default)]
pub struct ScenarioArgs {
    /// Scenario file (TOML); omit for the built-in default.
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

impl ScenarioArgs {
    /// The model of the scenario, with the run's overrides.
    fn model(&self, sets: &[Override]) -> Result<Model, Error> {
        Model::new(load(self.file.as_deref(), sets)?)
    }
}

/// `cupola run`: every study the scenario defines.
pub fn run(a: &ScenarioArgs, sets: &[Override]) -> Result<(), Error> {
    emit(&study::run::run(&a.model(sets)?)?, &a.output)
}

/// `cupola constellation`.
pub fn constellation(a: &ScenarioArgs, sets: &[Override]) -> Result<(), Error> {
    emit(&study::constellation::run(&a.model(sets)?)?, &a.output)
}

/// `cupola detect`.
pub fn detect(a: &ScenarioArgs, sets: &[Override]) -> Result<(), Error> {
    emit(&study::detect::run(&a.model(sets)?)?, &a.output)
}

/// `cupola cost`.
pub fn cost(a: &ScenarioArgs, sets: &[Override]) -> Result<(), Error> {
    let scenario = load(a.file.as_deref(), sets)?;
    emit(&study::cost::run(&scenario)?, &a.output)
}

/// `cupola assumptions`.
pub fn assumptions(a: &ScenarioArgs, sets: &[Override]) -> Result<(), Error> {
    let scenario = load(a.file.as_deref(), sets)?;
    emit(&study::assumptions::run(&scenario), &a.output)
}

/// Flags of `cupola size`.
#[derive(Args, Debug, Default)]
pub struct SizeArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Run only these of the scenario's `[size.sweep]` sweeps (repeat the
    /// flag for several); default all of them.
    #[arg(long = "sweep", value_enum)]
    pub sweeps: Vec<SweepArg>,
    /// Skip the sweeps: the sizing at the scenario's settings only.
    #[arg(long, conflicts_with = "sweeps")]
    pub no_sweeps: bool,
    /// Launch-time samples per candidate constellation, overriding
    /// `[size] samples` (1 to 1,000,000).
    #[arg(long, value_name = "N")]
    pub samples: Option<u32>,
}

/// A sweep named on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SweepArg {
    /// Missiles in the salvo.
    Salvo,
    /// The missile's boost time.
    Boost,
    /// The interceptor's Δv.
    DeltaV,
    /// Orbit altitude.
    Altitude,
    /// Orbit inclination.
    Inclination,
}

impl From<SweepArg> for SweepFlag {
    fn from(a: SweepArg) -> Self {
        match a {
            SweepArg::Salvo => SweepFlag::Salvo,
            SweepArg::Boost => SweepFlag::Boost,
            SweepArg::DeltaV => SweepFlag::DeltaV,
            SweepArg::Altitude => SweepFlag::Altitude,
            SweepArg::Inclination => SweepFlag::Inclination,
        }
    }
}

/// `cupola size`.
pub fn size(a: &SizeArgs, sets: &[Override]) -> Result<(), Error> {
    let opts = study::size::SizeOptions {
        sweeps: a.sweeps.iter().map(|&s| s.into()).collect(),
        no_sweeps: a.no_sweeps,
        samples: a.samples,
    };
    let model = a.scenario.model(sets)?;
    emit(&study::size::run(&model, &opts)?, &a.scenario.output)
}

/// Flags of `cupola engage`.
#[derive(Args, Debug, Default)]
pub struct EngageArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Monte Carlo trials, overriding `[engage] trials` (1 to 10,000,000).
    #[arg(long, value_name = "N")]
    pub trials: Option<u32>,
    /// Skip the leak curve over `[engage] salvo_sweep`.
    #[arg(long)]
    pub no_sweep: bool,
}

/// `cupola engage`.
pub fn engage(a: &EngageArgs, sets: &[Override]) -> Result<(), Error> {
    let opts = study::engage::EngageOptions {
        trials: a.trials,
        no_sweep: a.no_sweep,
    };
    let model = a.scenario.model(sets)?;
    emit(&study::engage::run(&model, &opts)?, &a.scenario.output)
}

/// Flags of `cupola stability`.
#[derive(Args, Debug, Default)]
pub struct StabilityArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Trials per evaluated posture, overriding `[stability] trials`.
    #[arg(long, value_name = "N")]
    pub trials: Option<u32>,
    /// Rounds of the arms race, overriding `[stability.race] rounds` (0
    /// skips it).
    #[arg(long, value_name = "N")]
    pub rounds: Option<u32>,
}

/// `cupola stability`.
pub fn stability(a: &StabilityArgs, sets: &[Override]) -> Result<(), Error> {
    let opts = study::stability::StabilityOptions {
        trials: a.trials,
        rounds: a.rounds,
    };
    let model = a.scenario.model(sets)?;
    emit(&study::stability::run(&model, &opts)?, &a.scenario.output)
}
