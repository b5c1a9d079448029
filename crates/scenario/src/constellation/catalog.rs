//! `tle_file` and `omm_file`: constellations read from a catalog of element
//! sets. Paths are resolved against the scenario file's directory; problems
//! inside the catalog are located in the catalog file itself.
//!
//! Only regular files of at most [`MAX_CATALOG_BYTES`] are read. A catalog
//! is indexed by line once, so its problems are located in time linear in
//! its size; at most [`MAX_LISTED`] problems are built and listed per file.
//! Snippets show only lines that are catalog text (see [`redacted`]): a
//! scenario naming some other file (`/etc/passwd`) gets its problems located
//! but never its contents printed.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;

use cupola_physics::orbit::omm::{OmmError, parse_omm_json};
use cupola_physics::orbit::sgp4_model::{GpElements, Satellite};
use cupola_physics::orbit::tle::{TleError, TleErrors, parse_tles_capped};
use hifitime::Epoch;
use miette::NamedSource;

use super::checks::check_elements;
use crate::context::{Ctx, Spanned};
use crate::lines::LineIndex;
use crate::parse::Files;
use crate::problem::{Problem, ProblemKind};
use crate::read::{MAX_CATALOG_BYTES, read_text};
use crate::reader::TableReader;

/// Most problems listed for one catalog file; the rest are counted.
pub(super) const MAX_LISTED: usize = 20;

/// Read the catalog named by `key` (`tle_file` or `omm_file`) of the
/// constellation `t`: its resolved path and element sets, each checked
/// against the scenario `epoch` (when it was read) and for a perigee above
/// the atmosphere (see [`check_elements`]).
pub(crate) fn read_catalog(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    key: &str,
    files: Files<'_>,
    epoch: Option<Epoch>,
) -> Option<(String, Vec<GpElements>)> {
    let path = t.string(ctx, key).given()?;
    if path.value.trim().is_empty() {
        ctx.report(
            ProblemKind::InvalidValue,
            path.span,
            format!("`{key}` must name a file"),
            format!("write the path of the catalog, e.g. `{key} = \"catalog.tle\"`"),
        );
        return None;
    }
    let base = match files {
        Files::None => {
            ctx.report(
                ProblemKind::File,
                path.span,
                format!(
                    "cannot read `{key}` \"{}\": this scenario was parsed without file access",
                    path.value
                ),
                "`cupola_scenario::parse` reads no files; read the scenario with \
                 `cupola_scenario::load` (catalog paths relative to the scenario file) or \
                 `parse_with_base`",
            )
            .relabel("not read");
            return None;
        }
        Files::Base(base) => base,
    };
    let resolved: PathBuf = match base {
        Some(dir) => dir.join(&path.value),
        None => PathBuf::from(&path.value),
    };
    let shown = resolved.display().to_string();
    let text = match read_text(&resolved, MAX_CATALOG_BYTES) {
        Ok(text) => text,
        Err(e) => {
            let from = match base {
                Some(dir) if !dir.as_os_str().is_empty() => {
                    format!("the scenario file's directory, `{}`", dir.display())
                }
                _ => "the current directory".to_owned(),
            };
            ctx.report(
                ProblemKind::File,
                path.span,
                format!("cannot read the `{key}` `{shown}`: {e}"),
                format!(
                    "a relative path is taken from {from}; check the name, and that the file is \
                     readable UTF-8 text (a regular file of at most {} MiB)",
                    MAX_CATALOG_BYTES >> 20
                ),
            )
            .relabel(format!("cannot read `{shown}`"));
            return None;
        }
    };
    let mut listed = Listed {
        anchor: path.span.start,
        count: 0,
    };
    let context = format!(
        "it is the `{key}` of {} ({}:{})",
        t.what,
        ctx.name(),
        ctx.line_of(path.span.start)
    );
    let tle = key == "tle_file";
    let parsed = if tle {
        parse_tles_capped(&shown, &text, MAX_LISTED).map_err(|(e, n)| Bad::Tle(e, n))
    } else {
        parse_omm_json(&shown, &text).map_err(Bad::Omm)
    };
    let elements = match parsed {
        Ok(e) => e,
        Err(_) if tle && !text.lines().any(is_tle_text) => {
            ctx.report(
                ProblemKind::Catalog,
                path.span,
                format!("`{shown}` is not a TLE file: none of its lines is a TLE line"),
                format!(
                    "a TLE file holds lines of 69 columns starting with '1 ' and '2 ' (its \
                     contents are not shown); {context}"
                ),
            )
            .relabel("not a TLE file");
            return None;
        }
        Err(bad) => {
            let shown_text = CatalogText::new(&shown, &text, tle);
            match bad {
                Bad::Tle(errors, count) => {
                    for e in &errors.errors {
                        listed.push(ctx, |_| shown_text.tle_problem(e, &context));
                    }
                    listed.count = count;
                }
                Bad::Omm(e) => omm_problem(ctx, &path, &shown_text, &e, &context),
            }
            listed.finish(ctx, &path, &shown);
            return None;
        }
    };
    if elements.is_empty() {
        ctx.report(
            ProblemKind::Catalog,
            path.span,
            format!("the `{key}` `{shown}` holds no element sets"),
            "give a catalog with at least one satellite",
        )
        .relabel("empty catalog");
        return None;
    }
    let mut ok = true;
    for e in &elements {
        if let Err(err) = Satellite::from_elements(e) {
            ok = false;
            let name = e
                .name
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            listed.push(ctx, |ctx| {
                ctx.at(
                    ProblemKind::Catalog,
                    path.span.clone(),
                    format!("`{shown}`{name}: {err}"),
                )
                .with_help(
                    "remove this element set from the catalog, or replace it by a current one",
                )
                .with_label("SGP4 cannot start")
            });
        }
    }
    ok &= check_elements(ctx, &mut listed, &path, &shown, &elements, epoch);
    listed.finish(ctx, &path, &shown);
    ok.then_some((shown, elements))
}

/// Why a catalog could not be read.
enum Bad {
    /// The first [`MAX_LISTED`] TLE problems, and how many in all.
    Tle(TleErrors, usize),
    /// The OMM problem.
    Omm(OmmError),
}

/// Counts the problems of one catalog file, building and listing at most
/// [`MAX_LISTED`].
pub(super) struct Listed {
    /// Offset of the scenario key that names the file (to order problems).
    anchor: usize,
    count: usize,
}

impl Listed {
    /// Counts a problem; builds it with `make` only if it is listed.
    pub fn push(&mut self, ctx: &mut Ctx, make: impl FnOnce(&Ctx) -> Problem) {
        self.count += 1;
        if self.count <= MAX_LISTED {
            let p = make(ctx);
            ctx.push_foreign(self.anchor, p);
        }
    }

    fn finish(&self, ctx: &mut Ctx, path: &Spanned<String>, shown: &str) {
        if self.count > MAX_LISTED {
            ctx.report(
                ProblemKind::Catalog,
                path.span.clone(),
                format!(
                    "`{shown}` has {} more bad element sets, not listed",
                    self.count - MAX_LISTED
                ),
                "fix the ones listed first: the rest are often the same mistake",
            );
        }
    }
}

/// A line that may be shown in a snippet of a TLE file: a TLE data line of
/// at most 80 characters of the TLE alphabet (digits, capital letters,
/// space, `+`, `-`, `.`), or blank.
fn is_tle_text(line: &str) -> bool {
    let b = line.trim_end().as_bytes();
    b.len() <= 80
        && b.first().is_some_and(|c| (b'1'..=b'9').contains(c))
        && b.get(1) == Some(&b' ')
        && b.iter()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || b" +-.".contains(c))
}

/// A line that may be shown in a snippet of an OMM file: printable ASCII
/// of at most 200 characters starting (after spaces) with JSON punctuation
/// or a quote, as the lines of a JSON array of objects do.
fn is_json_text(line: &str) -> bool {
    let t = line.trim();
    line.len() <= 200
        && line
            .bytes()
            .all(|c| (b' '..=b'~').contains(&c) || c == b'\t')
        && (t.is_empty() || t.starts_with(['{', '}', '[', ']', '"', ',']))
}

/// `text` with every line that is not catalog text replaced by `*` of the
/// same byte length, so spans and line numbers are unchanged but a file
/// that is not a catalog is never printed.
fn redacted(text: &str, shown: impl Fn(&str) -> bool) -> Cow<'_, str> {
    if text.lines().all(|l| l.trim().is_empty() || shown(l)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() || shown(body) {
            out.push_str(line);
        } else {
            out.extend(std::iter::repeat_n('*', body.len()));
            out.push_str(&line[body.len()..]);
        }
    }
    Cow::Owned(out)
}

/// A catalog file as problems show it: redacted, indexed by line once.
struct CatalogText<'t> {
    text: &'t str,
    lines: LineIndex,
    source: NamedSource<Arc<str>>,
    tle: bool,
}

impl<'t> CatalogText<'t> {
    fn new(shown: &str, text: &'t str, tle: bool) -> Self {
        let safe = if tle {
            redacted(text, is_tle_text)
        } else {
            redacted(text, is_json_text)
        };
        Self {
            text,
            lines: LineIndex::new(text),
            source: NamedSource::new(shown, Arc::<str>::from(safe)),
            tle,
        }
    }

    /// Whether line `n` (1-based) is shown in snippets.
    fn shows(&self, n: usize) -> bool {
        let line = self.lines.line(self.text, n);
        if self.tle {
            is_tle_text(line)
        } else {
            is_json_text(line)
        }
    }

    /// A problem at `width` columns from `column` of `line`; its message is
    /// replaced when the line is not shown (messages may quote the line).
    fn problem(&self, line: usize, column: usize, width: usize, message: &str) -> Problem {
        let span = self.lines.span(self.text, line, column, width);
        let message = if self.shows(line) {
            message.to_owned()
        } else {
            "this line is not catalog text (its contents are not shown)".to_owned()
        };
        Problem::new(
            &self.source,
            &self.lines,
            ProblemKind::Catalog,
            span,
            message,
        )
    }

    /// A TLE error as a problem located in the TLE file.
    fn tle_problem(&self, e: &TleError, context: &str) -> Problem {
        let help = match &e.help {
            Some(h) => format!("{h}; {context}"),
            None => context.to_owned(),
        };
        self.problem(e.line, e.column, e.width, &e.message)
            .with_help(help)
            .with_label("here")
    }
}

/// An OMM error: located in the OMM file when it has a line and column,
/// otherwise at the `omm_file` key.
fn omm_problem(
    ctx: &mut Ctx,
    path: &Spanned<String>,
    text: &CatalogText<'_>,
    e: &OmmError,
    context: &str,
) {
    match e {
        OmmError::Syntax {
            line,
            column,
            message,
            ..
        } => {
            let p = text
                .problem(*line, *column, 1, &format!("invalid JSON: {message}"))
                .with_help(format!(
                    "an OMM file is a JSON array of objects, as CelesTrak serves with \
                     FORMAT=json; {context}"
                ))
                .with_label("here");
            ctx.push_foreign(path.span.start, p);
        }
        other => {
            ctx.report(
                ProblemKind::Catalog,
                path.span.clone(),
                other.to_string(),
                format!(
                    "each record needs EPOCH, NORAD_CAT_ID, MEAN_MOTION, ECCENTRICITY, INCLINATION, \
                     RA_OF_ASC_NODE, ARG_OF_PERICENTER, MEAN_ANOMALY and BSTAR; {context}"
                ),
            )
            .relabel("bad catalog");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_catalog_text_is_shown() {
        let l1 = "1 28057U 03049A   06177.78615833  .00000060  00000-0  35940-4 0  1836";
        assert!(is_tle_text(l1));
        assert!(!is_tle_text("root:x:0:0:root:/root:/bin/bash"));
        assert!(!is_tle_text("1 root:x:0:0:root:/root:/bin/bash"));
        let text = format!("{l1}\r\nsecret é\n\n");
        let r = redacted(&text, is_tle_text);
        assert_eq!(r, format!("{l1}\r\n*********\n\n"));
        assert_eq!(r.len(), text.len());
        assert!(is_json_text("  {\"EPOCH\": \"2006-06-26\","));
        assert!(!is_json_text("root:x:0:0"));
    }
}
