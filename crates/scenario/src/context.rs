//! The problems found in one file, and the helpers that word them: spans,
//! suggestions for misspellings.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use cupola_physics::basis::Datum;
use miette::NamedSource;

use crate::lines::LineIndex;
use crate::problem::{Anchor, Problem, ProblemKind, clamp_to_boundary, masked, printable};

/// Byte range in the scenario text.
pub(crate) type Span = Range<usize>;

/// A value with the span of its text.
#[derive(Clone, Debug)]
pub(crate) struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it is written.
    pub span: Span,
}

/// The problems found so far in one file, and its warnings.
///
/// Each problem is kept with the byte offset in the scenario text that
/// orders it: its own span start, or, for a problem located in another file
/// (a TLE catalog), the offset of the key that named that file. Warnings
/// (things that do not stop a scenario from running but are probably not
/// meant, such as a defense layer that can never engage) are kept with the
/// offset of their span.
pub(crate) struct Ctx {
    /// The file as shown in snippets (control characters masked).
    source: NamedSource<Arc<str>>,
    /// Where its lines start, found once.
    lines: LineIndex,
    problems: Vec<(usize, Problem)>,
    warnings: Vec<(usize, String)>,
    /// The cited or assumed values the keys read resolved to, in reading
    /// order, with the offset of the table they belong to.
    used: Vec<(usize, Datum)>,
    /// The sources the file gives for values it sets, in the order given.
    citations: Vec<Citation>,
    /// Where each cited value's source is in `citations`, by the value's
    /// span.
    cited: HashMap<(usize, usize), usize>,
}

/// A source the file gives for a value it sets.
pub(crate) struct Citation {
    /// Where the value is written.
    pub value: Span,
    /// The source, as the file words it.
    pub text: String,
    /// The value as listed when no key reader records it (a key without
    /// a basis of its own), with the offset that orders it.
    pub fallback: Option<(usize, Datum)>,
    /// Whether a key reader has taken the source.
    pub taken: bool,
}

impl Citation {
    /// `text` as the source of the value written at `value`.
    pub fn new(value: Span, text: impl Into<String>) -> Self {
        Self {
            value,
            text: text.into(),
            fallback: None,
            taken: false,
        }
    }
}

impl Ctx {
    /// A context for the file `name` with contents `text`.
    pub fn new(name: &str, text: &str) -> Self {
        Self {
            source: NamedSource::new(printable(name), Arc::<str>::from(masked(text))),
            lines: LineIndex::new(text),
            problems: Vec::new(),
            warnings: Vec::new(),
            used: Vec::new(),
            citations: Vec::new(),
            cited: HashMap::new(),
        }
    }

    /// Start a problem; hand it to [`Ctx::push`] when complete.
    pub fn at(&self, kind: ProblemKind, span: Span, message: impl Into<String>) -> Problem {
        Problem::new(&self.source, &self.lines, kind, span, message)
    }

    /// `span` of the file, kept for a check made after parsing.
    pub fn anchor(&self, span: &Span) -> Anchor {
        Anchor::new(&self.source, span.clone())
    }

    /// Record a problem.
    pub fn push(&mut self, problem: Problem) {
        self.problems.push((problem.span().start, problem));
    }

    /// Record a problem located in another file, listed as if it were at
    /// byte `anchor` of the scenario text (the key naming that file).
    pub fn push_foreign(&mut self, anchor: usize, problem: Problem) {
        self.problems.push((anchor, problem));
    }

    /// The name of the scenario file, as given to [`Ctx::new`].
    pub fn name(&self) -> &str {
        self.source.name()
    }

    /// Record a problem with a help line; returns it for
    /// [`Problem::relabel`].
    pub fn report(
        &mut self,
        kind: ProblemKind,
        span: Span,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> &mut Problem {
        let p = self.at(kind, span, message).with_help(help);
        self.push(p);
        let last = self.problems.len() - 1;
        &mut self.problems[last].1
    }

    /// The 1-based line of byte offset `at`.
    pub fn line_of(&self, at: usize) -> usize {
        let text: &str = self.source.inner();
        self.lines.locate(text, clamp_to_boundary(text, at)).0
    }

    /// The text at `span` (empty if out of range).
    pub fn slice(&self, span: &Span) -> &str {
        let text: &str = self.source.inner();
        text.get(span.clone()).unwrap_or("")
    }

    /// Where `span` starts, written `file:line:column`.
    pub fn location(&self, span: &Span) -> String {
        let text: &str = self.source.inner();
        let (line, column) = self.lines.locate(text, clamp_to_boundary(text, span.start));
        format!("{}:{line}:{column}", self.source.name())
    }

    /// Record a warning at `span`, written `file:line:column: message`
    /// like the one-line form of a [`Problem`].
    pub fn warn(&mut self, span: &Span, message: impl AsRef<str>) {
        let source: &str = self.source.inner();
        let (line, column) = self
            .lines
            .locate(source, clamp_to_boundary(source, span.start));
        let text = format!(
            "{}:{line}:{column}: {}",
            self.source.name(),
            printable(message.as_ref())
        );
        self.warnings.push((span.start, text));
    }

    /// Every warning recorded, sorted by position in the file; the
    /// context keeps none.
    pub fn take_warnings(&mut self) -> Vec<String> {
        let mut warnings = std::mem::take(&mut self.warnings);
        warnings.sort_by_key(|(at, _)| *at);
        warnings.into_iter().map(|(_, w)| w).collect()
    }

    /// Record that the scenario uses `datum`, read in the table at
    /// `at` (a byte offset, for file order); a key read twice in one table
    /// is kept once.
    pub fn use_value(&mut self, at: usize, datum: Datum) {
        if !self
            .used
            .iter()
            .any(|(a, d)| *a == at && d.key == datum.key && d.at == datum.at)
        {
            self.used.push((at, datum));
        }
    }

    /// Record `c`, the file's source for a value it sets; a value
    /// already cited keeps its first source.
    pub fn cite(&mut self, c: Citation) {
        let at = (c.value.start, c.value.end);
        if !self.cited.contains_key(&at) {
            self.cited.insert(at, self.citations.len());
            self.citations.push(c);
        }
    }

    /// The file's source for the value written at `value`, if it gives
    /// one (taken: the value is then listed by its key's reader).
    pub fn citation(&mut self, value: &Span) -> Option<String> {
        let &k = self.cited.get(&(value.start, value.end))?;
        let c = &mut self.citations[k];
        c.taken = true;
        Some(c.text.clone())
    }

    /// Every value recorded by [`Ctx::use_value`], and every value the
    /// file cites that no key reader recorded, in file order; the context
    /// keeps none.
    pub fn take_used(&mut self) -> Vec<Datum> {
        self.cited.clear();
        for c in std::mem::take(&mut self.citations) {
            if let (false, Some((at, mut d))) = (c.taken, c.fallback) {
                d.file_source = Some(c.text);
                self.used.push((at, d));
            }
        }
        let mut used = std::mem::take(&mut self.used);
        used.sort_by_key(|(at, _)| *at);
        used.into_iter().map(|(_, d)| d).collect()
    }

    /// Whether any problem has been recorded.
    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty()
    }

    /// Every problem recorded, sorted by position in the file (a problem
    /// in another file at the key that named it, in the order found).
    pub fn into_problems(mut self) -> Vec<Problem> {
        self.problems.sort_by_key(|(at, _)| *at);
        self.problems.into_iter().map(|(_, p)| p).collect()
    }
}

/// The closest of `candidates` to `word`, if close enough to suggest.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = word.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            // A key written without its unit suffix (`apogee` for
            // `apogee_km`) is always worth suggesting.
            let score = if c.starts_with(&format!("{lower}_")) {
                1.0
            } else {
                strsim::jaro_winkler(&lower, &c.to_ascii_lowercase())
            };
            (score, c)
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// "`a`, `b` or `c`".
pub(crate) fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let keys = ["burn_time_s", "isp_vac_s", "gross_mass_kg"];
        assert_eq!(closest("burn_time", keys), Some("burn_time_s"));
        assert_eq!(closest("burn_tim_s", keys), Some("burn_time_s"));
        assert_eq!(closest("gros_mass_kg", keys), Some("gross_mass_kg"));
        assert_eq!(closest("colour", keys), None);
        assert_eq!(one_of(&["a", "b", "c"]), "`a`, `b` or `c`");
        assert_eq!(one_of(&["a"]), "`a`");
    }
}
