//! `cupola assumptions`: every non-physical value a scenario uses, with its
//! value, unit, range and basis (cited, assumed, or set in the file).

use crate::OutputArgs;
use crate::commands::run::load;
use crate::failure::Failure;
use crate::outputs::{self, Results};
use clap::Args;
use std::path::PathBuf;

/// Flags of `cupola assumptions`.
#[derive(Args, Debug, Default)]
pub struct AssumptionsArgs {
    /// Scenario file (TOML); omit for the built-in default.
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// List the assumptions of the scenario in `a.file` (or the default): a
/// table on the terminal, `--json` for the machine-readable list, `--out`
/// for `assumptions.csv`, the JSON and the HTML report.
pub fn run(a: &AssumptionsArgs) -> Result<(), Failure> {
    let scenario = load(a.file.as_deref())?;
    let results = Results {
        assumptions: outputs::assumption_rows(&scenario),
        ..Results::default()
    };
    outputs::emit(
        &outputs::provenance(&scenario),
        &scenario.name,
        &results,
        &a.output,
    )
}
