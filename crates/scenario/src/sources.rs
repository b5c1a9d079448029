//! `[sources]`: where the values a file sets come from. Each entry maps a
//! key path, written as `--set` takes it (`"engage.terminal[0].pk"`, or
//! `engage.midcourse.pk` for every element of an array of tables), to the
//! source of the value the file writes there. The key readers attach the
//! source to the value they record, so `cupola assumptions` lists the
//! value as an input with the file's source; a value the file cites whose
//! key has no basis of its own (a count, an inventory) is listed too.
//!
//! A path that names no value the file writes is a located problem at the
//! entry: a misspelt key, an index past the end, a table, a string.

use std::collections::HashSet;
use std::rc::Rc;

use toml_edit::{Item, TableLike, Value};

use crate::context::{Citation, Ctx, Span, closest};
use crate::key::{Basis, KeyDescriptor, KeyKind, Source};
use crate::overrides::{Step, only, steps};
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};
use cupola_physics::basis::Datum;

/// The one described key of `[sources]`: any key path.
pub(crate) const SOURCES_KEYS: &[KeyDescriptor] = &[KeyDescriptor::new(
    "KEY.PATH",
    KeyKind::Other("string"),
)
.optional()
.rule("names a number the file writes, in at most 16 steps; not empty, at most 4096 bytes")
.example(
    "\"engage.terminal[0].pk\" = \"MDA flight-test record\" (any KEY.PATH: a dotted key path as \
     `--set` takes it)",
)
.doc(
    "the source of the value the file writes at the key path: a citation (author, year, table \
     or page), or the file's own reason for an assumption",
)
.more(
    "a path without an index (`engage.midcourse.pk`) cites the key in every table of the array; \
     one with an index cites that table's, and wins over the other; unquoted dotted keys \
     (`engage.boost.pk = \"...\"`) are read as the same path. `cupola assumptions` lists each \
     cited value as `input` with its source, and marks an input without one `uncited`",
)
.hint(
    "a key path names a number this file writes, as `--set` takes it: table names and the key \
     joined by dots, with a zero-based index after an array of tables, e.g. \
     \"engage.terminal[0].pk\" or \"sbi.budget.decision_s\"",
)];

/// Tables and values the paths of `[sources]` may visit in all: a path
/// without an index visits every table of an array, so a hostile file
/// could otherwise ask for the product of its entries and its tables.
const MAX_VISITS: usize = 1_000_000;

/// Levels of dotted keys `[sources]` may nest, and steps a key path may
/// take (a key path is a few).
const MAX_DEPTH: usize = 16;

/// Longest source string, bytes: a citation is a line or two.
const MAX_SOURCE_BYTES: usize = 4096;

/// Bytes of source text `[sources]` may hand out in all, counted once per
/// cited value (each value's listing keeps its own copy).
const MAX_CITED_BYTES: usize = 16 << 20;

/// One value a path reaches.
struct Hit {
    /// Where the value is written.
    span: Span,
    /// The table's dotted path without indices, e.g. `engage.midcourse`.
    table: String,
    /// The key.
    key: String,
    /// The instance, e.g. ``[[engage.midcourse]] `Fort Greely` `` (empty
    /// outside arrays of tables).
    at: String,
    /// The value.
    value: f64,
}

/// Read `[sources]` (when written) and record every source it gives with
/// the value it cites, for the key readers to take. Call before any other
/// table is read.
pub(crate) fn read_sources(ctx: &mut Ctx, root: &TableReader<'_>, doc: &dyn TableLike) {
    let t = match root.table(ctx, "sources", "[sources]", SOURCES_KEYS) {
        Field::Given(t) => t.value,
        Field::Absent | Field::Invalid => return,
    };
    let mut entries = Vec::new();
    flatten(ctx, t.inner(), "", &t.span, &mut entries);
    // Paths with every index given first: they win over paths that cite
    // every element.
    // The text is shared by the values one entry reaches.
    let mut cites: Vec<(bool, Hit, Span, Rc<str>)> = Vec::new();
    let mut visits = 0;
    for (path, at, text) in entries {
        let Ok(parts) = steps(&path) else {
            report(
                ctx,
                at,
                format!("[sources] cites `{path}`, which is not a key path"),
                "not a key path",
            );
            continue;
        };
        if parts.len() > MAX_DEPTH {
            report(
                ctx,
                at,
                format!(
                    "[sources] cites `{path}`, a key path of {} steps; none is longer than \
                     {MAX_DEPTH}",
                    parts.len()
                ),
                "too deep",
            );
            continue;
        }
        let text: Rc<str> = text.into();
        let mut hits = Vec::new();
        let mut fans = false;
        match walk(doc, &parts, "", "", &mut hits, &mut fans, &mut visits) {
            _ if visits > MAX_VISITS => {
                ctx.report(
                    ProblemKind::InvalidValue,
                    at,
                    format!(
                        "[sources] reaches more than {MAX_VISITS} tables and values by this \
                         entry; it and the entries after it are not read"
                    ),
                    "cite values by index (`\"engage.terminal[0].pk\"`) rather than for every \
                     table of a large array",
                )
                .relabel("too many");
                break;
            }
            Ok(()) => cites.extend(
                hits.into_iter()
                    .map(|h| (fans, h, at.clone(), Rc::clone(&text))),
            ),
            Err(why) => {
                let p = ctx
                    .at(
                        ProblemKind::InvalidValue,
                        at,
                        format!("[sources] cites `{path}`: {}", why.message),
                    )
                    .with_help(why.help)
                    .with_label("names no value of the file");
                ctx.push(p);
            }
        }
    }
    cites.sort_by_key(|(fans, _, _, _)| *fans);
    // The first source of a value wins (as `Ctx::cite` keeps it); each
    // value cited keeps a copy of its text.
    let mut cited = HashSet::new();
    let mut bytes = 0;
    for (_, hit, entry, text) in cites {
        if !cited.insert((hit.span.start, hit.span.end)) {
            continue;
        }
        bytes += text.len();
        if bytes > MAX_CITED_BYTES {
            ctx.report(
                ProblemKind::InvalidValue,
                entry,
                format!(
                    "[sources] gives more than {} MiB of source text in all by this entry; \
                     it and the sources after it are not read",
                    MAX_CITED_BYTES >> 20
                ),
                "cite each value with a short source (a line or two)",
            )
            .relabel("too much text");
            break;
        }
        let descriptor = crate::key::tables()
            .iter()
            .find(|(p, _)| *p == hit.table)
            .and_then(|(_, keys)| keys.iter().find(|k| k.name == hit.key));
        let basis = Basis {
            source: Source::Input,
            uncertainty: descriptor.and_then(|d| d.uncertainty),
        };
        let path = if hit.table.is_empty() {
            hit.key.clone()
        } else {
            format!("{}.{}", hit.table, hit.key)
        };
        let datum = Datum::new(path, hit.value, descriptor.map_or("", |d| d.unit), basis)
            .at(hit.at.clone());
        ctx.cite(Citation {
            fallback: Some((hit.span.start, datum)),
            ..Citation::new(hit.span, &*text)
        });
    }
}

/// Report a problem of the entry at `at`.
fn report(ctx: &mut Ctx, at: Span, message: String, label: &str) {
    ctx.report(ProblemKind::InvalidValue, at, message, SOURCES_KEYS[0].hint)
        .relabel(label);
}

/// Every entry of `t` as (path, where it is written, source), dotted
/// sub-tables joined into the path; entries that are not a non-empty
/// string are reported.
fn flatten(
    ctx: &mut Ctx,
    t: &dyn TableLike,
    prefix: &str,
    outer: &Span,
    out: &mut Vec<(String, Span, String)>,
) {
    // No scenario table lies deeper than a few levels.
    if prefix.matches('.').count() >= MAX_DEPTH {
        report(
            ctx,
            outer.clone(),
            format!("[sources] nests `{prefix}` deeper than any key path"),
            "too deep",
        );
        return;
    }
    for (key, item) in t.iter() {
        if item.is_none() {
            continue;
        }
        let path = if prefix.is_empty() {
            key.to_owned()
        } else {
            format!("{prefix}.{key}")
        };
        let at = t
            .key(key)
            .and_then(toml_edit::Key::span)
            .or_else(|| item.span())
            .unwrap_or_else(|| outer.clone());
        if let Some(sub) = item.as_table_like() {
            flatten(ctx, sub, &path, &at, out);
            continue;
        }
        match item.as_str() {
            Some(s) if s.len() > MAX_SOURCE_BYTES => report(
                ctx,
                item.span().unwrap_or(at),
                format!(
                    "the source of `{path}` in [sources] is {} bytes long; a source is at \
                     most {MAX_SOURCE_BYTES}",
                    s.len()
                ),
                "too long",
            ),
            Some(s) if !s.trim().is_empty() => out.push((path, at, s.to_owned())),
            Some(_) => report(
                ctx,
                at,
                format!("the source of `{path}` in [sources] is empty"),
                "empty source",
            ),
            None => report(
                ctx,
                at,
                format!("the source of `{path}` in [sources] must be a string"),
                "not a string",
            ),
        }
    }
}

/// Why a path names no value.
struct Miss {
    message: String,
    help: String,
}

fn miss(message: impl Into<String>, help: impl Into<String>) -> Miss {
    Miss {
        message: message.into(),
        help: help.into(),
    }
}

/// Every value `steps` reaches from `t` (the table `plain`, the instance
/// `at`), into `out`; `fans` is set when a step without an index crosses
/// an array of tables; `visits` counts the tables and values visited (the
/// walk stops past [`MAX_VISITS`]).
fn walk(
    t: &dyn TableLike,
    steps: &[Step<'_>],
    plain: &str,
    at: &str,
    out: &mut Vec<Hit>,
    fans: &mut bool,
    visits: &mut usize,
) -> Result<(), Miss> {
    *visits += 1;
    if *visits > MAX_VISITS {
        return Ok(());
    }
    let Some((step, rest)) = steps.split_first() else {
        return Err(miss("the path is empty", SOURCES_KEYS[0].hint));
    };
    let here = if plain.is_empty() {
        step.key.to_owned()
    } else {
        format!("{plain}.{}", step.key)
    };
    let Some(item) = t.get(step.key).filter(|i| !i.is_none()) else {
        let written: Vec<&str> = t.iter().map(|(k, _)| k).collect();
        let within = if at.is_empty() {
            if plain.is_empty() {
                "the file".to_owned()
            } else {
                format!("[{plain}]")
            }
        } else {
            at.to_owned()
        };
        let help = match closest(step.key, written.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None if written.is_empty() => SOURCES_KEYS[0].hint.to_owned(),
            None => format!(
                "{within} writes {}",
                written
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        return Err(miss(format!("{within} writes no `{}`", step.key), help));
    };
    if rest.is_empty() {
        if step.index.is_some() {
            return Err(miss(
                "the path must end in a key, not an index",
                SOURCES_KEYS[0].hint,
            ));
        }
        let value = match item {
            Item::Value(Value::Float(f)) => *f.value(),
            #[allow(clippy::cast_precision_loss)]
            Item::Value(Value::Integer(i)) => *i.value() as f64,
            Item::Value(v) => {
                return Err(miss(
                    format!("`{here}` is {}, not a number", value_kind(v)),
                    "[sources] cites the numbers a file sets; say where a choice such as a name \
                     or a list comes from in a comment",
                ));
            }
            _ => {
                return Err(miss(
                    format!("`{here}` is a table, not a value"),
                    "cite each of its numbers, e.g. `\"engage.terminal[0].pk\"`",
                ));
            }
        };
        let span = item.span().unwrap_or(0..0);
        out.push(Hit {
            span,
            table: plain.to_owned(),
            key: step.key.to_owned(),
            at: at.to_owned(),
            value,
        });
        return Ok(());
    }
    // An array of tables (`[[name]]`, or an array of inline tables):
    // its tables are reached by index, without collecting them.
    let tables = match item {
        Item::ArrayOfTables(_) => true,
        Item::Value(Value::Array(a)) => {
            // Checking every element is a walk of the array.
            *visits += a.len();
            if *visits > MAX_VISITS {
                return Ok(());
            }
            a.iter().all(Value::is_inline_table)
        }
        _ => false,
    };
    if !tables {
        if step.index.is_some() {
            return Err(miss(
                format!("`{here}` is not an array of tables"),
                "an index picks one table of an array of tables (`[[name]]`)",
            ));
        }
        let Some(sub) = item.as_table_like() else {
            return Err(miss(
                format!("`{here}` is a value, not a table"),
                "the path must end at this key",
            ));
        };
        return walk(sub, rest, &here, at, out, fans, visits);
    }
    let element = |i: usize| -> Option<&dyn TableLike> {
        match item {
            Item::ArrayOfTables(a) => a.get(i).map(|t| t as &dyn TableLike),
            Item::Value(Value::Array(a)) => a
                .get(i)
                .and_then(Value::as_inline_table)
                .map(|t| t as &dyn TableLike),
            _ => None,
        }
    };
    let len = match item {
        Item::ArrayOfTables(a) => a.len(),
        Item::Value(Value::Array(a)) => a.len(),
        _ => 0,
    };
    let name_of = |i: usize, e: &dyn TableLike| match e.get("name").and_then(Item::as_str) {
        Some(n) => format!("[[{here}]] `{n}`"),
        None => format!("[[{here}]] #{}", i + 1),
    };
    match step.index {
        Some(i) => {
            let Some(e) = element(i) else {
                return Err(miss(
                    format!("`{}[{i}]`: {}", step.key, only(len)),
                    "indices count the tables of the array from 0",
                ));
            };
            walk(e, rest, &here, &name_of(i, e), out, fans, visits)
        }
        None => {
            // Every table of the array that writes the key; a miss only
            // when none does.
            *fans = true;
            let mut first = None;
            let before = out.len();
            for (i, e) in (0..len).filter_map(|i| element(i).map(|e| (i, e))) {
                if let Err(m) = walk(e, rest, &here, &name_of(i, e), out, fans, visits) {
                    first.get_or_insert(m);
                }
            }
            match first {
                Some(m) if out.len() == before => Err(m),
                _ => Ok(()),
            }
        }
    }
}

/// "a string", "an array", … for messages.
fn value_kind(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "a string",
        Value::Boolean(_) => "a boolean",
        Value::Datetime(_) => "a date-time",
        Value::Array(_) => "an array",
        Value::InlineTable(_) => "an inline table",
        Value::Integer(_) | Value::Float(_) => "a number",
    }
}

#[cfg(test)]
mod tests {
    use crate::{DEFAULT_SCENARIO_TOML, parse};
    use cupola_physics::basis::Source;

    /// The default with `[sources]` replaced by `entries`.
    fn with_sources(entries: &str) -> String {
        let head = DEFAULT_SCENARIO_TOML
            .split("\n[sources]\n")
            .next()
            .expect("text");
        format!("{head}\n[sources]\n{entries}\n")
    }

    fn problems(entries: &str) -> Vec<String> {
        match parse("x.toml", &with_sources(entries)) {
            Ok(_) => Vec::new(),
            Err(e) => e.problems().iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn a_cited_value_is_an_input_with_the_files_source() {
        let s = parse(
            "x.toml",
            &with_sources(
                "engage.midcourse.pk = \"every site\"\n\
                 \"engage.midcourse[1].pk\" = \"Vandenberg only\"\n\
                 \"sbi.budget.decision_s\" = \"our reading\"\n",
            ),
        )
        .expect("valid");
        let pk: Vec<_> = s
            .used
            .iter()
            .filter(|d| d.key == "engage.midcourse.pk")
            .map(|d| (d.at.as_str(), d.file_source.as_deref()))
            .collect();
        assert_eq!(
            pk,
            [
                ("[[engage.midcourse]] `Fort Greely`", Some("every site")),
                ("[[engage.midcourse]] `Vandenberg`", Some("Vandenberg only")),
            ]
        );
        // A value written at its default and cited is the file's input.
        let d = s
            .used
            .iter()
            .find(|d| d.key == "sbi.budget.decision_s")
            .expect("listed");
        assert_eq!(d.basis.source, Source::Input);
        assert_eq!(d.file_source.as_deref(), Some("our reading"));
        assert!(d.basis.uncertainty.is_some());
        // Without [sources], the terminal pk is an uncited input.
        let bare = parse("x.toml", &with_sources("")).expect("valid");
        let pk = bare
            .used
            .iter()
            .find(|d| d.key == "engage.terminal.pk")
            .expect("listed");
        assert!(pk.uncited_input());
    }

    #[test]
    fn a_path_that_names_no_value_is_located_at_the_entry() {
        for (entry, words) in [
            ("\"engage.terminal[0].pkk\" = \"x\"", "writes no `pkk`"),
            ("\"engage.terminal[3].pk\" = \"x\"", "there is only 1"),
            ("\"scenario.name\" = \"x\"", "is a string, not a number"),
            ("\"engage.boost\" = \"x\"", "is a table, not a value"),
            ("\"engage..pk\" = \"x\"", "not a key path"),
            ("\"engage.boost.pk\" = 0.8", "must be a string"),
            ("\"engage.boost.pk\" = \" \"", "is empty"),
            ("\"nothing.pk\" = \"x\"", "the file writes no `nothing`"),
        ] {
            let p = problems(entry);
            assert_eq!(p.len(), 1, "{entry}: {p:?}");
            assert!(p[0].contains(words), "{entry}: {}", p[0]);
            let line = with_sources(entry).lines().count();
            assert!(p[0].starts_with(&format!("x.toml:{line}:")), "{}", p[0]);
        }
        // A misspelt key is suggested.
        let p = problems("\"sbi.budget.decison_s\" = \"x\"");
        let e = parse("x.toml", &with_sources("\"sbi.budget.decison_s\" = \"x\"")).unwrap_err();
        let help = e.problems()[0].help_text().unwrap_or_default();
        assert!(help.contains("decision_s"), "{p:?} {help}");
    }

    /// Paths that fan out over a large array stop at the visit bound with
    /// one located problem, in bounded time.
    #[test]
    fn the_work_of_sources_is_bounded() {
        let mut text = String::from("[scenario]\nname = \"x\"\n[sources]\n");
        for i in 0..200 {
            text.push_str(&format!("\"constellation.shell.altitude_km{i}\" = \"x\"\n"));
        }
        for _ in 0..6_000 {
            text.push_str("[[constellation]]\nname = \"c\"\n");
        }
        let start = std::time::Instant::now();
        let err = parse("x.toml", &text).unwrap_err();
        let bounded = err
            .problems()
            .iter()
            .filter(|p| p.to_string().contains("more than 1000000"))
            .count();
        assert_eq!(bounded, 1);
        assert!(start.elapsed().as_secs() < 30);
    }

    /// A source string is at most 4096 bytes, refused at the string.
    #[test]
    fn a_long_source_is_refused_at_the_string() {
        let long = "x".repeat(4097);
        let entry = format!("\"sbi.budget.decision_s\" = \"{long}\"");
        let p = problems(&entry);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("4097 bytes long"), "{}", p[0]);
        let line = with_sources(&entry).lines().count();
        let column = "\"sbi.budget.decision_s\" = ".len() + 1;
        assert!(
            p[0].starts_with(&format!("x.toml:{line}:{column}:")),
            "{}",
            p[0]
        );
        assert!(problems(&format!("\"sbi.budget.decision_s\" = \"{}\"", &long[1..])).is_empty());
    }

    /// A key path of more steps than any scenario table nests is refused
    /// before it is walked.
    #[test]
    fn a_path_deeper_than_any_key_is_refused() {
        let deep = vec!["sbi"; 17].join(".");
        let p = problems(&format!("\"{deep}\" = \"x\""));
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("a key path of 17 steps"), "{}", p[0]);
    }

    /// An index picks its table without a walk of the array, but checking
    /// that an array holds inline tables is one, and counts: indexed
    /// entries against a large inline array reach the visit bound.
    #[test]
    fn walking_an_inline_array_counts_its_elements() {
        let mut text = String::from("span = [");
        text.push_str(&vec!["{ v = 1 }"; 1_100].join(", "));
        text.push_str("]\n[scenario]\nname = \"x\"\n[sources]\n");
        for i in 0..1_100 {
            text.push_str(&format!("\"span[{i}].v\" = \"x\"\n"));
        }
        let err = parse("x.toml", &text).unwrap_err();
        let bounded = err
            .problems()
            .iter()
            .filter(|p| p.to_string().contains("more than 1000000"))
            .count();
        assert_eq!(bounded, 1);
    }

    /// The source text handed out is bounded in all: a long source cited
    /// for every table of a large array stops at 16 MiB.
    #[test]
    fn the_source_text_handed_out_is_bounded() {
        let mut text = String::from("[scenario]\nname = \"x\"\n[sources]\n");
        text.push_str(&format!("\"span.v\" = \"{}\"\n", "x".repeat(4096)));
        for _ in 0..4_200 {
            text.push_str("[[span]]\nv = 1\n");
        }
        let err = parse("x.toml", &text).unwrap_err();
        let bounded: Vec<String> = err
            .problems()
            .iter()
            .map(ToString::to_string)
            .filter(|p| p.contains("more than 16 MiB of source text"))
            .collect();
        assert_eq!(bounded.len(), 1);
        assert!(bounded[0].starts_with("x.toml:4:"), "{}", bounded[0]);
    }

    /// A key without a basis of its own (a count) is listed once cited,
    /// and an arsenal's `source` cites its warheads.
    #[test]
    fn cited_counts_and_arsenals_are_listed() {
        let s = parse(
            "x.toml",
            &with_sources("\"engage.boost.carriers\" = \"CBO\""),
        )
        .expect("valid");
        let carriers = s
            .used
            .iter()
            .find(|d| d.key == "engage.boost.carriers")
            .expect("listed");
        assert_eq!(carriers.value, 7800.0);
        assert_eq!(carriers.file_source.as_deref(), Some("CBO"));
        let warheads: Vec<_> = s
            .used
            .iter()
            .filter(|d| d.key == "stability.arsenal.warheads")
            .collect();
        assert_eq!(warheads.len(), 3);
        assert!(warheads.iter().all(|d| d.file_source.is_some()));
    }
}
