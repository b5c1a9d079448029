//! `[[stability.arsenal]]`: the arsenals of the retaliation table, each
//! a name, a number of deployed warheads and where that number comes
//! from. When any is written they replace the presets
//! ([`cupola_analysis::stability::presets`]).

use cupola_analysis::stability::Arsenal;

use crate::context::{Citation, Ctx, Spanned, one_of};
use crate::engage::check_unique;
use crate::key::{KeyDescriptor, KeyKind};
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};

/// Keys of a `[[stability.arsenal]]` table.
pub(crate) const ARSENAL_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::text("name")
        .rule("not empty, unique among the arsenals")
        .example("name = \"China-sized force\"")
        .doc("a label for reports, unique among the arsenals"),
    KeyDescriptor::integer("warheads")
        .closed(1.0, 100_000.0)
        .plausible(1.0, 6_000.0)
        .example("warheads = 600")
        .doc("deployed warheads, in [1, 100000]")
        .hint(
            "the deployed warheads of the arsenal, from 1 to 100000, e.g. 600 (SIPRI Yearbook \
             2025: about 600 Chinese warheads) or 1550 (the New START ceiling)",
        ),
    KeyDescriptor::text("source")
        .rule("not empty")
        .example("source = \"SIPRI Yearbook 2025\"")
        .doc("where the number of warheads comes from, not empty"),
    KeyDescriptor::new("areas", KeyKind::Texts)
        .optional()
        .shown_default("every area of the raid")
        .rule("`[[area]]` names, each once")
        .example("areas = [\"55N area\"]")
        .doc(
            "the launch areas the arsenal fires from: as many missiles as its warheads need, each \
             area's missile with its own re-entry vehicles, shared among the areas in proportion \
             to their salvos; the default scenario fires each arsenal from its own area",
        ),
];

/// Read every `[[stability.arsenal]]`; names are unique among them;
/// `area_names` are the `[[area]]` names an arsenal may launch from (`None`
/// when an `[[area]]` was invalid: its names are then not checked).
pub(super) fn read_arsenals(
    ctx: &mut Ctx,
    tables: Vec<TableReader<'_>>,
    area_names: Option<&[String]>,
) -> Option<Vec<Arsenal>> {
    let mut names: Vec<Option<Spanned<String>>> = Vec::new();
    let mut arsenals: Vec<Option<Arsenal>> = Vec::new();
    for mut t in tables {
        let name = non_empty(
            ctx,
            &t,
            "name",
            "give the arsenal a short label for reports, e.g. `name = \"China-sized force\"`",
        );
        if let Some(n) = &name {
            t.what = format!("[[stability.arsenal]] `{}`", n.value);
        }
        let source = non_empty(
            ctx,
            &t,
            "source",
            "cite where the number of warheads comes from, e.g. \
             `source = \"SIPRI Yearbook 2025\"`",
        );
        // The arsenal's source is its warhead count's (unless [sources]
        // gives another).
        if let Some(s) = &source
            && t.entry("warheads").is_some()
        {
            ctx.cite(Citation::new(t.value_span("warheads"), s.value.clone()));
        }
        let warheads = t.count(ctx, "warheads");
        let areas = read_areas(ctx, &t, area_names);
        t.finish(ctx);
        arsenals.push(match (&name, warheads, source, areas) {
            (Some(name), Some(warheads), Some(source), Some(areas)) => Some(Arsenal {
                name: name.value.clone(),
                warheads,
                source: source.value,
                areas,
            }),
            _ => None,
        });
        names.push(name);
    }
    let unique = check_unique(
        ctx,
        names.iter(),
        "retaliating arsenal",
        "[[stability.arsenal]]",
    );
    let arsenals: Vec<Arsenal> = arsenals.into_iter().collect::<Option<_>>()?;
    unique.then_some(arsenals)
}

/// The optional `areas` of an arsenal: names of `[[area]]` tables
/// (`area_names`), each once.
fn read_areas(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    area_names: Option<&[String]>,
) -> Option<Vec<String>> {
    let list = match t.strings(ctx, "areas") {
        Field::Given(l) => l,
        Field::Absent => return Some(Vec::new()),
        Field::Invalid => return None,
    };
    let Some(area_names) = area_names else {
        return Some(list.value);
    };
    let mut ok = true;
    for (k, name) in list.value.iter().enumerate() {
        let problem = if !area_names.contains(name) {
            Some(if area_names.is_empty() {
                (
                    format!(
                        "`areas` of {} names `{name}`, but the scenario has no [[area]] tables",
                        t.what
                    ),
                    "add [[area]] tables for the arsenal's launch areas, or leave `areas` out \
                     to launch from the raid's"
                        .to_owned(),
                    "not a launch area of this scenario",
                )
            } else {
                let names: Vec<&str> = area_names.iter().map(String::as_str).collect();
                (
                    format!(
                        "`areas` of {} names the unknown launch area `{name}`",
                        t.what
                    ),
                    format!("name [[area]] tables: {}", one_of(&names)),
                    "not a launch area of this scenario",
                )
            })
        } else if list.value[..k].contains(name) {
            Some((
                format!("`areas` of {} names `{name}` twice", t.what),
                "name each launch area once".to_owned(),
                "named twice",
            ))
        } else {
            None
        };
        if let Some((message, help, label)) = problem {
            ok = false;
            ctx.report(ProblemKind::UnknownName, list.span.clone(), message, help)
                .relabel(label);
        }
    }
    ok.then_some(list.value)
}

/// A required string of an arsenal that must not be blank; `help` says
/// what to write.
fn non_empty(ctx: &mut Ctx, t: &TableReader<'_>, key: &str, help: &str) -> Option<Spanned<String>> {
    let s = t.req_string(ctx, key)?;
    if s.value.trim().is_empty() {
        ctx.report(
            ProblemKind::InvalidValue,
            s.span,
            format!("the `{key}` of {} must not be empty", t.what),
            help,
        )
        .relabel(format!("empty {key}"));
        return None;
    }
    Some(s)
}
