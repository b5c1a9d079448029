//! Located diagnostics: one [`Problem`] per thing wrong in a scenario file,
//! gathered into a [`ScenarioError`].

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode, SourceSpan};

use crate::lines::LineIndex;

/// What kind of thing is wrong; stable, for tests and tools to match on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The text is not valid TOML.
    Syntax,
    /// A key or table the schema does not know.
    UnknownKey,
    /// A required key or table is absent.
    MissingKey,
    /// A value of the wrong TOML type (a string where a number belongs, a
    /// float where an integer belongs, …).
    WrongType,
    /// A value of the right type that is out of range or physically
    /// impossible.
    InvalidValue,
    /// A launch names a missile that is neither in the catalog nor defined
    /// inline.
    UnknownMissile,
    /// Two keys that cannot be given together, or a key that does not apply
    /// (e.g. `apogee_km` with the minimum-energy profile).
    Conflict,
    /// A name given twice (two inline missiles, constellations or sensors
    /// called the same; a midcourse site and a terminal battery, or two
    /// defended assets, of `[engage]` called the same), or an inline
    /// missile named like a catalog missile.
    DuplicateName,
    /// A reference to something the file does not define: a sensor's or
    /// `[coverage]`'s `constellation`, or `[asat]`'s `targets`, naming no
    /// `[[constellation]]`; `[size]`'s or `[engage]`'s `launch` naming no
    /// `[[launch]]`; an `[engage]` layer's `sensor` naming no `[[sensor]]`.
    UnknownName,
    /// A file named by the scenario (`tle_file`, `omm_file`) cannot be read:
    /// missing, not a regular file (a FIFO, a device), over
    /// [`crate::MAX_CATALOG_BYTES`], or not UTF-8.
    File,
    /// An element set in a TLE or OMM catalog file is malformed, cannot be
    /// propagated with SGP4, has a perigee below 100 km, or an epoch more
    /// than a year from the scenario's; or the file is not a catalog at all.
    /// Located in the catalog file when the reader gives a line and column.
    Catalog,
}

impl ProblemKind {
    /// A stable diagnostic code, e.g. `cupola::scenario::unknown_key`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Syntax => "cupola::scenario::syntax",
            Self::UnknownKey => "cupola::scenario::unknown_key",
            Self::MissingKey => "cupola::scenario::missing_key",
            Self::WrongType => "cupola::scenario::wrong_type",
            Self::InvalidValue => "cupola::scenario::invalid_value",
            Self::UnknownMissile => "cupola::scenario::unknown_missile",
            Self::Conflict => "cupola::scenario::conflict",
            Self::DuplicateName => "cupola::scenario::duplicate_name",
            Self::UnknownName => "cupola::scenario::unknown_name",
            Self::File => "cupola::scenario::file",
            Self::Catalog => "cupola::scenario::catalog",
        }
    }
}

/// One problem in a scenario file, located at a span of its text.
///
/// `Display` gives the compiler-style one-liner `file:line:column: message`;
/// as a [`miette::Diagnostic`] it renders the source snippet with a label
/// under the offending text and a help line.
#[derive(Clone, Debug)]
pub struct Problem {
    kind: ProblemKind,
    message: String,
    help: Option<String>,
    label: String,
    span: Range<usize>,
    line: usize,
    column: usize,
    source: NamedSource<Arc<str>>,
}

impl Problem {
    /// A problem of `kind` at byte range `span` of the file `source`,
    /// whose line index is `lines`. Control characters in `message` (from
    /// names written in a file) are removed, so that printing a problem
    /// cannot drive the terminal.
    pub(crate) fn new(
        source: &NamedSource<Arc<str>>,
        lines: &LineIndex,
        kind: ProblemKind,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let text: &str = source.inner();
        let start = clamp_to_boundary(text, span.start);
        let end = clamp_to_boundary(text, span.end.max(start));
        let (line, column) = lines.locate(text, start);
        Self {
            kind,
            message: printable(&message.into()).into_owned(),
            help: None,
            label: default_label(kind).to_owned(),
            span: start..end,
            line,
            column,
            source: source.clone(),
        }
    }

    /// Attach a help line saying what would be right.
    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(printable(&help.into()).into_owned());
        self
    }

    /// Replace the short text printed under the highlighted span.
    pub(crate) fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = printable(&label.into()).into_owned();
        self
    }

    /// Replace the label of a recorded problem.
    pub(crate) fn relabel(&mut self, label: impl Into<String>) {
        self.label = printable(&label.into()).into_owned();
    }

    /// What kind of problem this is.
    pub fn kind(&self) -> ProblemKind {
        self.kind
    }

    /// What is wrong, in one sentence (without the location).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// What would be right, if there is advice to give.
    pub fn help_text(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// The short text under the highlighted span.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Byte range of the offending text in the file.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// Line of the start of the span, counted from 1.
    pub fn line(&self) -> usize {
        self.line
    }

    /// Column (in characters) of the start of the span, counted from 1.
    pub fn column(&self) -> usize {
        self.column
    }

    /// Name of the file the problem is in: the scenario's name as given to
    /// [`crate::parse`], or, for a problem inside a TLE or OMM catalog file,
    /// that file's resolved path.
    pub fn file(&self) -> &str {
        self.source.name()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.source.name(),
            self.line,
            self.column,
            self.message
        )
    }
}

impl std::error::Error for Problem {}

impl Diagnostic for Problem {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.kind.code()))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = SourceSpan::from(self.span.start..self.span.end);
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(self.label.clone()), span),
        )))
    }
}

/// Why a scenario could not be loaded.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum ScenarioError {
    /// The file could not be read.
    #[error("cannot read scenario file `{}`", path.display())]
    #[diagnostic(
        code(cupola::scenario::io),
        help("check that the path is right and the file is readable UTF-8 text")
    )]
    Io {
        /// The path that was asked for.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file was read but has problems; all of them are listed.
    #[error("{}", invalid_summary(file, problems))]
    #[diagnostic(code(cupola::scenario::invalid))]
    Invalid {
        /// Name of the file.
        file: String,
        /// Every problem found, in the order of the file.
        #[related]
        problems: Vec<Problem>,
    },
    /// A key override (`--set`, or a point of a sensitivity or uncertainty
    /// run) that cannot be applied to the scenario.
    #[error("cannot set `{setting}`: {message}")]
    #[diagnostic(
        code(cupola::scenario::setting),
        help(
            "write KEY.PATH=VALUE with the key's path in the file, e.g. sbi.budget.decision_s=45 or engage.terminal[0].pk=0.6; or a registry value the scenario uses, e.g. preset.cbo-2026.unit_cost_musd=30 or catalog.solid-icbm.stage[0].burn_time_s=55 (a wrong path given to `cupola sensitivity --keys` lists every one)"
        )
    )]
    Override {
        /// The override as given, `path=value`.
        setting: String,
        /// What is wrong with it.
        message: String,
    },
}

/// A place in a scenario's text kept with the parsed [`crate::Scenario`], so
/// that a check made after parsing — one that needs a flight, made when a
/// model of the scenario is built — reports its problem where the value is
/// written, with the snippet a parse problem has.
#[derive(Clone, Debug)]
pub struct Anchor {
    source: NamedSource<Arc<str>>,
    span: Range<usize>,
}

impl Anchor {
    /// The byte range `span` of the file `source`.
    pub(crate) fn new(source: &NamedSource<Arc<str>>, span: Range<usize>) -> Self {
        Self {
            source: source.clone(),
            span,
        }
    }

    /// A scenario error of one problem at this place: `kind`, `message`
    /// (what is wrong), `help` (what would be right) and `label` (the short
    /// text under the snippet).
    pub fn error(
        &self,
        kind: ProblemKind,
        message: impl Into<String>,
        help: impl Into<String>,
        label: impl Into<String>,
    ) -> ScenarioError {
        let lines = LineIndex::new(self.source.inner());
        let problem = Problem::new(&self.source, &lines, kind, self.span.clone(), message)
            .with_help(help)
            .with_label(label);
        ScenarioError::Invalid {
            file: self.source.name().to_owned(),
            problems: vec![problem],
        }
    }
}

/// Two anchors are equal when they name the same span of the same file.
impl PartialEq for Anchor {
    fn eq(&self, other: &Self) -> bool {
        self.span == other.span
            && self.source.name() == other.source.name()
            && self.source.inner() == other.source.inner()
    }
}

fn invalid_summary(file: &str, problems: &[Problem]) -> String {
    match problems.len() {
        1 => format!("scenario `{file}` has 1 problem"),
        n => format!("scenario `{file}` has {n} problems"),
    }
}

impl ScenarioError {
    /// Every located problem (empty for an I/O error), in file order.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Self::Io { .. } | Self::Override { .. } => &[],
            Self::Invalid { problems, .. } => problems,
        }
    }
}

/// `text` without control characters (escape sequences, bells, carriage
/// returns), keeping line feeds and tabs: safe to print on a terminal.
/// Borrowed when there is nothing to remove.
pub fn printable(text: &str) -> Cow<'_, str> {
    let keep = |c: char| !c.is_control() || c == '\n' || c == '\t';
    if text.chars().all(keep) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| keep(c)).collect())
    }
}

/// `text` with every control character other than line endings and tabs
/// replaced by a printable character of the same length in bytes (`?` for
/// C0 and DEL, `¿` for C1), so that byte spans, lines and columns into it
/// stay those of `text`: the form of a file shown in a snippet.
pub(crate) fn masked(text: &str) -> Cow<'_, str> {
    let bad = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t');
    if !text.chars().any(bad) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                c if !bad(c) => c,
                c if c.len_utf8() == 1 => '?',
                _ => '¿',
            })
            .collect(),
    )
}

/// The largest char boundary of `text` not after `at`.
pub(crate) fn clamp_to_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn default_label(kind: ProblemKind) -> &'static str {
    match kind {
        ProblemKind::Syntax => "invalid TOML here",
        ProblemKind::UnknownKey => "unknown key",
        ProblemKind::MissingKey => "missing here",
        ProblemKind::WrongType => "wrong type",
        ProblemKind::InvalidValue => "invalid value",
        ProblemKind::UnknownMissile => "unknown missile",
        ProblemKind::Conflict => "conflicts",
        ProblemKind::DuplicateName => "name already used",
        ProblemKind::UnknownName => "not defined in this file",
        ProblemKind::File => "cannot read this file",
        ProblemKind::Catalog => "bad element set",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_removed_or_masked() {
        assert_eq!(printable("plain\tname\n"), "plain\tname\n");
        assert_eq!(printable("\u{1b}[31mred\u{1b}[0m\u{7}\r"), "[31mred[0m");
        assert_eq!(printable("a\u{9b}b"), "ab", "C1 CSI");
        let text = "x\u{1b}y\u{9b}z\r\n";
        let m = masked(text);
        assert_eq!(m, "x?y¿z\r\n");
        assert_eq!(m.len(), text.len());
    }

    #[test]
    fn display_is_file_line_column_message() {
        let text = "x = 1\ny = 2\n";
        let src = NamedSource::new("s.toml", Arc::<str>::from(text));
        let lines = LineIndex::new(text);
        let p = Problem::new(
            &src,
            &lines,
            ProblemKind::UnknownKey,
            6..7,
            "unknown key `y`\u{1b}[2J",
        );
        assert_eq!(p.to_string(), "s.toml:2:1: unknown key `y`[2J");
        assert_eq!(p.kind(), ProblemKind::UnknownKey);
    }
}
