//! The subcommands: each turns its flags into the facade's options, runs
//! the study there, and prints or writes what it gives.

pub mod check;
pub mod design;
pub mod studies;
pub mod sweep;
pub mod trajectory;

use crate::OutputArgs;
use cupola::{Error, Override, Report, Scenario};
use std::path::Path;

/// The scenario at `file` (or the built-in default) with the run's
/// `--set` overrides; its warnings (layers that can never engage) go to
/// standard error.
pub fn load(file: Option<&Path>, sets: &[Override]) -> Result<Scenario, Error> {
    let scenario = cupola::load(file, sets)?;
    warn(&scenario);
    Ok(scenario)
}

/// Print `scenario`'s warnings on standard error.
pub fn warn(scenario: &Scenario) {
    for w in &scenario.warnings {
        eprintln!("warning: {w}");
    }
}

/// Write `report`'s files when `--out` asks, and print its JSON or summary.
pub fn emit(report: &dyn Report, out: &OutputArgs) -> Result<(), Error> {
    print!("{}", cupola::deliver(report, &out.options())?);
    Ok(())
}
