//! `cupola assumptions`: every non-physical value a scenario uses, with its
//! value, unit, range and basis (cited, assumed, or set in the file).

use crate::outputs::{self, Results, RunReport};
use cupola_scenario::Scenario;

/// The assumptions of `scenario`: a table in the summary, the list in the
/// JSON, `assumptions.csv` among the files.
pub fn run(scenario: &Scenario) -> RunReport {
    let results = Results {
        assumptions: outputs::assumption_rows(scenario),
        ..Results::default()
    };
    RunReport::of(scenario, results)
}
