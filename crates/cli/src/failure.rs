//! How the command line reports a failure, and with which exit code.

use cupola_scenario::{ScenarioError, printable};
use miette::GraphicalReportHandler;
use std::fmt::Write as _;
use std::process::ExitCode;

/// Most problems of a scenario printed in full; the rest are counted. Assumed,
/// range 20–200: a screenful or two, and the first problems are the ones to
/// fix (later ones are often the same mistake again). Rendering each costs a
/// scan of its file, so twenty thousand took over a minute.
pub const MAX_RENDERED: usize = 50;

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
                eprintln!("{}", render(&e));
                ExitCode::from(2)
            }
            Failure::Input(msg) => {
                eprintln!("error: {}", printable(&msg));
                ExitCode::from(2)
            }
            Failure::Internal(msg) => {
                eprintln!("internal error: {}", printable(&msg));
                ExitCode::from(1)
            }
        }
    }
}

impl Failure {
    /// The failure in one line: a scenario's first problem, or the first
    /// line of the message.
    pub fn first_line(&self) -> String {
        match self {
            Failure::Scenario(e) => e
                .problems()
                .first()
                .map_or_else(|| e.to_string(), |p| p.message().to_owned()),
            Failure::Input(m) | Failure::Internal(m) => m.lines().next().unwrap_or("").to_owned(),
        }
    }
}

/// A scenario error as printed: every problem with its snippet when there are
/// at most [`MAX_RENDERED`], otherwise the first [`MAX_RENDERED`] and a count
/// of the rest.
fn render(e: &ScenarioError) -> String {
    // Long file paths stay on one line, so they can be copied.
    let handler = GraphicalReportHandler::new().with_wrap_lines(false);
    let problems = e.problems();
    let mut text = String::new();
    if problems.len() <= MAX_RENDERED {
        if handler.render_report(&mut text, e).is_err() {
            text = e.to_string();
        }
        return text;
    }
    let _ = writeln!(text, "Error: {e}");
    for p in &problems[..MAX_RENDERED] {
        let mut one = String::new();
        if handler.render_report(&mut one, p).is_err() {
            one = p.to_string();
        }
        text.push_str(&one);
    }
    let _ = write!(
        text,
        "… and {} more problems, not shown (fix the ones above first; they are often the \
         same mistake)",
        problems.len() - MAX_RENDERED
    );
    text
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
