//! `[[stability.arsenal]]`: the arsenals of the retaliation table, each
//! a name, a number of deployed warheads and where that number comes
//! from. When any is written they replace the presets
//! ([`cupola_analysis::stability::presets`]).

use cupola_analysis::stability::Arsenal;

use crate::context::{Ctx, Spanned};
use crate::engage::check_unique;
use crate::key::KeyDescriptor;
use crate::problem::ProblemKind;
use crate::reader::TableReader;

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
];

/// Read every `[[stability.arsenal]]`; names are unique among them.
pub(super) fn read_arsenals(ctx: &mut Ctx, tables: Vec<TableReader<'_>>) -> Option<Vec<Arsenal>> {
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
        let warheads = t.count(ctx, "warheads");
        let source = non_empty(
            ctx,
            &t,
            "source",
            "cite where the number of warheads comes from, e.g. \
             `source = \"SIPRI Yearbook 2025\"`",
        );
        t.finish(ctx);
        arsenals.push(match (&name, warheads, source) {
            (Some(name), Some(warheads), Some(source)) => Some(Arsenal {
                name: name.value.clone(),
                warheads,
                source: source.value,
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
