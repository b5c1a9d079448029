//! `tle_file` and `omm_file`: constellations read from a catalog of element
//! sets. Paths are resolved against the scenario file's directory; problems
//! inside the catalog are located in the catalog file itself.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use cupola_physics::orbit::omm::{OmmError, parse_omm_json};
use cupola_physics::orbit::sgp4_model::{GpElements, Satellite};
use cupola_physics::orbit::tle::{TleError, parse_tles};
use miette::NamedSource;

use crate::context::{Ctx, Spanned};
use crate::parse::Files;
use crate::problem::{Problem, ProblemKind};
use crate::reader::TableReader;

/// Most problems listed for one catalog file; the rest are counted.
const MAX_LISTED: usize = 20;

/// Read the catalog named by `key` (`tle_file` or `omm_file`) of the
/// constellation `t`: its resolved path and element sets.
pub(crate) fn read_catalog(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    key: &str,
    files: Files<'_>,
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
    let text = match std::fs::read_to_string(&resolved) {
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
                     readable UTF-8 text"
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
    let elements = if key == "tle_file" {
        match parse_tles(&shown, &text) {
            Ok(e) => e,
            Err(errors) => {
                let source = NamedSource::new(shown.clone(), Arc::<str>::from(text.as_str()));
                for e in &errors.errors {
                    listed.push(ctx, tle_problem(&source, &text, e, &context));
                }
                listed.finish(ctx, &path, &shown);
                return None;
            }
        }
    } else {
        match parse_omm_json(&shown, &text) {
            Ok(e) => e,
            Err(e) => {
                omm_problem(ctx, &path, &shown, &text, &e, &context);
                return None;
            }
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
            let p = ctx
                .at(
                    ProblemKind::Catalog,
                    path.span.clone(),
                    format!("`{shown}`{name}: {err}"),
                )
                .with_help(
                    "remove this element set from the catalog, or replace it by a current one",
                )
                .with_label("SGP4 cannot start");
            listed.push(ctx, p);
        }
    }
    listed.finish(ctx, &path, &shown);
    ok.then_some((shown, elements))
}

/// Counts the problems of one catalog file, listing at most
/// [`MAX_LISTED`].
struct Listed {
    /// Offset of the scenario key that names the file (to order problems).
    anchor: usize,
    count: usize,
}

impl Listed {
    fn push(&mut self, ctx: &mut Ctx, p: Problem) {
        self.count += 1;
        if self.count <= MAX_LISTED {
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

/// Byte range in `text` of `width` columns (characters) from `column` of
/// `line` (both 1-based), clamped to the line.
fn line_span(text: &str, line: usize, column: usize, width: usize) -> Range<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = text.get(start..).unwrap_or("");
    let this = rest.split('\n').next().unwrap_or("").trim_end_matches('\r');
    let byte = |col: usize| this.char_indices().nth(col).map_or(this.len(), |(i, _)| i);
    let from = byte(column.saturating_sub(1));
    let to = byte(column.saturating_sub(1) + width.max(1)).max(from);
    start + from..start + to
}

/// A TLE error as a problem located in the TLE file.
fn tle_problem(source: &NamedSource<Arc<str>>, text: &str, e: &TleError, context: &str) -> Problem {
    let span = line_span(text, e.line, e.column, e.width);
    let help = match &e.help {
        Some(h) => format!("{h}; {context}"),
        None => context.to_owned(),
    };
    Problem::new(source, ProblemKind::Catalog, span, e.message.clone())
        .with_help(help)
        .with_label("here")
}

/// An OMM error: located in the OMM file when it has a line and column,
/// otherwise at the `omm_file` key.
fn omm_problem(
    ctx: &mut Ctx,
    path: &Spanned<String>,
    shown: &str,
    text: &str,
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
            let source = NamedSource::new(shown, Arc::<str>::from(text));
            let span = line_span(text, *line, *column, 1);
            let p = Problem::new(
                &source,
                ProblemKind::Catalog,
                span,
                format!("invalid JSON: {message}"),
            )
            .with_help(format!(
                "an OMM file is a JSON array of objects, as CelesTrak serves with FORMAT=json; {context}"
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
    fn spans_count_lines_and_characters() {
        let text = "ab\r\ncdé\nxyz";
        assert_eq!(line_span(text, 1, 2, 1), 1..2);
        assert_eq!(&text[line_span(text, 2, 3, 1)], "é");
        assert_eq!(line_span(text, 3, 5, 1), 12..12, "past the end of the line");
        assert_eq!(line_span(text, 9, 1, 1), text.len()..text.len());
        assert_eq!(line_span(text, 1, 1, 9), 0..2, "clamped before the \\r");
    }
}
