//! Errors of the TLE reader: located [`TleError`]s and their collection
//! [`TleErrors`], with [`miette::Diagnostic`] so a terminal can show a caret.

use std::fmt;

/// A located problem in a TLE text: `source_name:line:column: message`.
///
/// `line` and `column` are 1-based; `width` is the number of columns of the
/// offending field, for a caret under it. Implements [`miette::Diagnostic`]
/// with the offending line as its source snippet.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{source_name}:{line}:{column}: {message}")]
pub struct TleError {
    /// Name of the text the TLE came from (a file name, or `<tle>`).
    pub source_name: String,
    /// Line number in the text, 1-based.
    pub line: usize,
    /// Column of the offending field, 1-based.
    pub column: usize,
    /// Width of the offending field, columns (at least 1).
    pub width: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something to say.
    pub help: Option<String>,
    /// The offending line as read (without its line ending).
    pub line_text: String,
}

/// All the problems found in one TLE text, in line order (at most one per
/// element set).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub struct TleErrors {
    /// The problems, in line order; never empty.
    pub errors: Vec<TleError>,
}

impl fmt::Display for TleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// The offending line is the source snippet, numbered as in the text.
impl miette::SourceCode for TleError {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        _before: usize,
        _after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        // The whole line is the snippet; the column is that of the span asked
        // for, so the header reads `name:line:column`.
        let column = self
            .line_text
            .get(..span.offset())
            .map_or(0, |s| s.chars().count());
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.source_name.clone(),
            self.line_text.as_bytes(),
            (0, self.line_text.len()).into(),
            self.line.saturating_sub(1),
            column,
            1,
        )))
    }
}

impl miette::Diagnostic for TleError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("cupola::tle"))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        // Columns count characters; spans count bytes.
        let t = &self.line_text;
        let byte = |col: usize| t.char_indices().nth(col).map_or(t.len(), |(i, _)| i);
        let start = byte(self.column.saturating_sub(1));
        let end = byte(self.column.saturating_sub(1) + self.width.max(1));
        Some(Box::new(std::iter::once(miette::LabeledSpan::new(
            Some("here".to_owned()),
            start,
            end - start,
        ))))
    }
}

impl miette::Diagnostic for TleErrors {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("cupola::tle"))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        Some(Box::new(
            self.errors.iter().map(|e| e as &dyn miette::Diagnostic),
        ))
    }
}

impl TleError {
    /// An error at `line` (1-based) of the text `source_name`, whose content
    /// is `text`, pointing at `width` columns from `column` (1-based).
    pub(crate) fn at(
        source_name: &str,
        line: usize,
        text: &str,
        column: usize,
        width: usize,
        message: String,
        help: Option<String>,
    ) -> Self {
        Self {
            source_name: source_name.to_owned(),
            line,
            column,
            width: width.max(1),
            message,
            help,
            line_text: text.to_owned(),
        }
    }
}
