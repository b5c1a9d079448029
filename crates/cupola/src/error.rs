//! What goes wrong: bad input (a scenario with located problems, or a
//! flag or value described in words) or a fault inside cupola.

use cupola_scenario::{ScenarioError, printable};
use miette::{GraphicalReportHandler, GraphicalTheme};
use std::fmt::Write as _;

/// Most problems of a scenario printed in full; the rest are counted. Assumed,
/// range 20–200: a screenful or two, and the first problems are the ones to
/// fix (later ones are often the same mistake again). Rendering each costs a
/// scan of its file, so twenty thousand took over a minute.
pub const MAX_RENDERED: usize = 50;

/// A failed study: bad input or an internal failure.
#[derive(Debug)]
pub enum Error {
    /// A scenario with located diagnostics.
    Scenario(cupola_scenario::ScenarioError),
    /// Bad input described in words (a flag, an unreachable aim point).
    Input(String),
    /// Something went wrong inside cupola.
    Internal(String),
}

impl Error {
    /// The failure as a front end prints it: a scenario's problems with
    /// their snippets (see [`MAX_RENDERED`]), or the message after
    /// `error:` (bad input) or `internal error:` (a fault of cupola's).
    pub fn rendered(&self) -> String {
        match self {
            Error::Scenario(e) => render(e),
            Error::Input(msg) => format!("error: {}", printable(msg)),
            Error::Internal(msg) => format!("internal error: {}", printable(msg)),
        }
    }

    /// Whether the input is at fault (a scenario, a flag, an unreachable
    /// aim point) rather than cupola.
    pub fn is_input(&self) -> bool {
        !matches!(self, Error::Internal(_))
    }
}

impl Error {
    /// The failure in one line: a scenario's first problem, or the first
    /// line of the message.
    pub fn first_line(&self) -> String {
        match self {
            Error::Scenario(e) => e
                .problems()
                .first()
                .map_or_else(|| e.to_string(), |p| p.message().to_owned()),
            Error::Input(m) | Error::Internal(m) => m.lines().next().unwrap_or("").to_owned(),
        }
    }
}

/// A scenario error as printed: every problem with its snippet when there are
/// at most [`MAX_RENDERED`], otherwise the first [`MAX_RENDERED`] and a count
/// of the rest.
fn render(e: &ScenarioError) -> String {
    // Long file paths stay on one line, so they can be copied; no colour,
    // so that the text is the same in a terminal, a log or an exception.
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_wrap_lines(false);
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

impl From<cupola_scenario::ScenarioError> for Error {
    fn from(e: cupola_scenario::ScenarioError) -> Self {
        Error::Scenario(e)
    }
}

impl From<cupola_analysis::trajectory::StudyError> for Error {
    fn from(e: cupola_analysis::trajectory::StudyError) -> Self {
        use cupola_analysis::trajectory::StudyError;
        use cupola_threat::TargetingError;
        use cupola_threat::flight::FlightError;
        let StudyError::Targeting { source, .. } = &e;
        match source {
            // The flight of an accepted missile could not be integrated:
            // its parameters, though each in range, fly an unphysical
            // flight. The message names the launch and where it is defined.
            TargetingError::Flight(FlightError::Integrator(_)) => Error::Input(format!(
                "{e}\nhelp: this missile's flight cannot be integrated; bring its stage burn \
                 times, masses and ballistic coefficient closer to those of the catalog missiles \
                 (see `cupola missiles`)"
            )),
            TargetingError::NoConvergence(_) => Error::Internal(e.to_string()),
            _ => Error::Input(e.to_string()),
        }
    }
}

impl From<cupola_report::ReportError> for Error {
    fn from(e: cupola_report::ReportError) -> Self {
        Error::Internal(e.to_string())
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.rendered())
    }
}

impl std::error::Error for Error {}
