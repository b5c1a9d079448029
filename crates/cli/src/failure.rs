//! How the command line reports a failure, and with which exit code.

use std::process::ExitCode;

/// A failed command: bad input (exit 2) or an internal failure (exit 1).
pub enum Failure {
    /// A scenario with located diagnostics.
    Scenario(cupola_scenario::ScenarioError),
    /// Bad input described in words (a flag, an unreachable aim point).
    Input(String),
    /// Something went wrong inside cupola.
    Internal(String),
}

impl Failure {
    /// Print the failure on stderr and give its exit code.
    pub fn report(self) -> ExitCode {
        match self {
            Failure::Scenario(e) => {
                // Long file paths stay on one line, so they can be copied.
                let handler = miette::GraphicalReportHandler::new().with_wrap_lines(false);
                let mut text = String::new();
                match handler.render_report(&mut text, &e) {
                    Ok(()) => eprintln!("{text}"),
                    Err(_) => eprintln!("{e}"),
                }
                ExitCode::from(2)
            }
            Failure::Input(msg) => {
                eprintln!("error: {msg}");
                ExitCode::from(2)
            }
            Failure::Internal(msg) => {
                eprintln!("internal error: {msg}");
                ExitCode::from(1)
            }
        }
    }
}

impl From<cupola_scenario::ScenarioError> for Failure {
    fn from(e: cupola_scenario::ScenarioError) -> Self {
        Failure::Scenario(e)
    }
}

impl From<cupola_analysis::trajectory::StudyError> for Failure {
    fn from(e: cupola_analysis::trajectory::StudyError) -> Self {
        use cupola_analysis::trajectory::StudyError;
        use cupola_threat::TargetingError;
        use cupola_threat::flight::FlightError;
        let StudyError::Targeting { source, .. } = &e;
        match source {
            // The flight of an accepted missile could not be integrated:
            // its parameters, though each in range, fly an unphysical
            // flight. The message names the launch and where it is defined.
            TargetingError::Flight(FlightError::Integrator(_)) => Failure::Input(format!(
                "{e}\nhelp: this missile's flight cannot be integrated; bring its stage burn \
                 times, masses and ballistic coefficient closer to those of the catalog missiles \
                 (see `cupola missiles`)"
            )),
            TargetingError::NoConvergence(_) => Failure::Internal(e.to_string()),
            _ => Failure::Input(e.to_string()),
        }
    }
}

impl From<cupola_report::ReportError> for Failure {
    fn from(e: cupola_report::ReportError) -> Self {
        Failure::Internal(e.to_string())
    }
}
