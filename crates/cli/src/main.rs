//! `cupola`: run layered missile-defense studies from scenario files.
//!
//! Exit codes: 0 success, 2 bad input (scenario, flags, unreachable aim
//! points), 1 internal failure.

mod commands;
mod progress;

use clap::{Args, Parser, Subcommand};
use commands::design::{ReproduceArgs, SensitivityArgs, UncertaintyArgs};
use commands::studies::{EngageArgs, ScenarioArgs, SizeArgs, StabilityArgs};
use commands::trajectory::TrajectoryArgs;
use std::path::PathBuf;
use std::process::ExitCode;

/// cupola: an open, fast simulator of layered, space-based missile defense.
#[derive(Parser)]
#[command(name = "cupola", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Multiply the work and memory budget by X (default 1: about 30
    /// reference-core minutes and 2 GiB; `inf` lifts it). A run estimated
    /// over the budget is refused before it starts; `cupola check` prints
    /// the estimates.
    #[arg(long, global = true, value_name = "X")]
    budget_scale: Option<f64>,
    /// Show progress on standard error even when it is not a terminal (it
    /// is shown on a terminal for runs expected to take over 2 s).
    #[arg(long, global = true)]
    progress: bool,
    /// Set a scenario key before the run, as if the file said so:
    /// KEY.PATH=VALUE with the key's dotted path (an array of tables takes
    /// an index: engage.terminal[0].pk=0.6); repeatable. The scenario is
    /// then checked as a file is.
    #[arg(long = "set", global = true, value_name = "KEY.PATH=VALUE")]
    sets: Vec<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario's studies and print a summary (the built-in default
    /// scenario when no file is given).
    Run(ScenarioArgs),
    /// Validate a scenario file without running it.
    Check {
        /// Scenario file (TOML).
        file: PathBuf,
    },
    /// Constellation study: the scenario's constellations and their coverage
    /// by latitude band.
    Constellation(ScenarioArgs),
    /// Detection study: when the sensor layer first sees and tracks each
    /// launch, and how good the track is.
    Detect(ScenarioArgs),
    /// Sizing study: how many space-based interceptors the scenario's
    /// `[sbi]` layer needs against its `[size]` salvo, beside the analytic
    /// absentee-ratio models, with sweeps and SVG plots.
    Size(SizeArgs),
    /// Engagement study: a whole attack through the boost, midcourse and
    /// terminal layers, many times over, and the leak curve over salvo size.
    Engage(EngageArgs),
    /// Cost study: the life-cycle cost of the defense by layer, category and
    /// year, and what the announced $175 billion buys.
    Cost(ScenarioArgs),
    /// Stability study: the attacker's cheapest counter, cost-exchange
    /// ratios, the arms race and the fraction of a retaliatory strike that
    /// arrives, with and without treaty caps.
    Stability(StabilityArgs),
    /// Sensitivity: each assumption (every key with an uncertainty range in
    /// the key registry) one at a time at both ends of its range, its
    /// effect on every headline figure, a tornado plot per figure.
    Sensitivity(SensitivityArgs),
    /// Uncertainty: a Latin hypercube over the assumptions' ranges, each
    /// headline figure's median and 5–95% band, and the rank correlation of
    /// each assumption with each figure; resumable with --resume.
    Uncertainty(UncertaintyArgs),
    /// Sweep: a study over a grid (`--set KEY=V1,V2,…`, repeatable) or a
    /// Latin hypercube (`--lhs N --range KEY=LOW:HIGH`) of scenario
    /// settings, one row per point in a Parquet dataset (`--out DIR`);
    /// resumed by running it again.
    Sweep(commands::sweep::SweepArgs),
    /// Published studies reproduced: run a literature scenario (or every
    /// one with --all) and print each figure it publishes beside cupola's.
    Reproduce(ReproduceArgs),
    /// Trajectory study: target and fly missiles, report their timelines.
    Trajectory(TrajectoryArgs),
    /// List every non-physical value a scenario uses (the built-in default
    /// when no file is given): value, unit, the range it may lie in, and its
    /// basis, a citation or `assumed` with the reason for the range.
    Assumptions(ScenarioArgs),
    /// List the catalog of generic missiles with their sources.
    Missiles {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// Where and how results go.
#[derive(Args, Clone, Debug, Default)]
pub struct OutputArgs {
    /// Print the machine-readable JSON form instead of the summary.
    #[arg(long)]
    pub json: bool,
    /// Write tables (CSV), plots (SVG), the JSON result and the HTML report as
    /// the whole contents of this directory (created; an earlier run's
    /// directory is replaced whole, a directory of other files refused).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

impl OutputArgs {
    /// The facade's form of these flags.
    pub fn options(&self) -> cupola::OutputOptions {
        cupola::OutputOptions {
            json: self.json,
            out: self.out.clone(),
        }
    }
}

/// Print `e` on standard error and give its exit code: 2 for bad input, 1
/// for an internal failure.
fn report(e: &cupola::Error) -> ExitCode {
    eprintln!("{}", e.rendered());
    ExitCode::from(if e.is_input() { 2 } else { 1 })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    progress::install(cli.progress);
    if let Err(e) = cupola::budget::set_scale(cli.budget_scale) {
        return report(&e);
    }
    let sets = match cupola::design::parse_overrides(&cli.sets) {
        Ok(s) => s,
        Err(e) => return report(&e),
    };
    let sets = sets.as_slice();
    let result = match cli.command {
        Command::Run(a) => commands::studies::run(&a, sets),
        Command::Check { file } => commands::check::check(&file, sets),
        Command::Constellation(a) => commands::studies::constellation(&a, sets),
        Command::Detect(a) => commands::studies::detect(&a, sets),
        Command::Size(a) => commands::studies::size(&a, sets),
        Command::Engage(a) => commands::studies::engage(&a, sets),
        Command::Cost(a) => commands::studies::cost(&a, sets),
        Command::Stability(a) => commands::studies::stability(&a, sets),
        Command::Sensitivity(a) => commands::design::sensitivity(&a, sets),
        Command::Uncertainty(a) => commands::design::uncertainty(&a, sets),
        Command::Sweep(a) => commands::sweep::sweep(&a, &cli.sets, cli.budget_scale, cli.progress),
        Command::Reproduce(a) => commands::design::reproduce(&a, sets),
        Command::Trajectory(a) => commands::trajectory::trajectory(&a, sets),
        Command::Assumptions(a) => commands::studies::assumptions(&a, sets),
        Command::Missiles { json } => commands::check::missiles(json, sets),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&e),
    }
}
