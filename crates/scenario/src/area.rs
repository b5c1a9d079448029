//! `[[area]]`: the launch areas of a raid. Each names a `[[launch]]` (its
//! missile, reference pad, aim point and profile) and copies it `salvo`
//! times over an area `width_km` east–west by `depth_km` north–south,
//! launched over `window_s`. With `[[area]]` tables the sizing and
//! engagement studies take their raid from all of them at once (a national
//! laydown); without, from `[size]`'s and `[engage]`'s own `launch`,
//! `salvo`, `area_width_km` and `window_s`.

use cupola_analysis::raid::LaunchArea;

use crate::context::{Ctx, Spanned};
use crate::engage::check_unique;
use crate::key::KeyDescriptor;
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};
use crate::sbi::{MAX_SALVO, SALVO_HELP, resolve_launch};

/// Keys of an `[[area]]` table.
pub(crate) const AREA_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::text("name")
        .rule("not empty, unique among the areas")
        .example("name = \"Korean peninsula\"")
        .doc("a label for reports, unique among the areas"),
    KeyDescriptor::text("launch")
        .rule("a `[[launch]]` name")
        .example("launch = \"ICBM from 39N\"")
        .doc("the [[launch]] copied over the area (missile, reference pad, aim point, profile)"),
    KeyDescriptor::integer("salvo")
        .or_integer(1)
        .closed(1.0, MAX_SALVO as f64)
        .example("salvo = 5")
        .doc("missiles launched from the area")
        .hint(SALVO_HELP)
        .setting(),
    KeyDescriptor::number("width_km")
        .unit("km")
        .or_number(0.0)
        .closed(0.0, 2_000.0)
        .example("width_km = 200.0")
        .doc("east–west width: the pads are spread evenly along the pad's parallel")
        .hint(
            "the east-west extent of the launch area in km, at most 2000; the pads are spread \
             over it, 0 keeps them on the launch's pad in that direction",
        )
        .setting(),
    KeyDescriptor::number("depth_km")
        .unit("km")
        .or_number(0.0)
        .closed(0.0, 2_000.0)
        .example("depth_km = 200.0")
        .doc(
            "north–south depth: the pads are spread over it (evenly without a width, else on a \
             golden-ratio lattice that fills the rectangle)",
        )
        .hint(
            "the north-south extent of the launch area in km, at most 2000; the pads are spread \
             over it, 0 keeps them on the launch's pad in that direction",
        )
        .setting(),
    KeyDescriptor::number("window_s")
        .unit("s")
        .or_number(0.0)
        .closed(0.0, 3_600.0)
        .example("window_s = 0.0")
        .doc("the area's launches are spread evenly over this window (0: all at once)")
        .hint(
            "the seconds over which the area's launches are spread evenly, at most an hour; 0 \
             launches them all at once",
        )
        .setting(),
];

/// `salvo` of a study table (`[size]`, `[engage]`) that describes its own
/// raid: one area copying the study's launch.
pub(crate) const RAID_SALVO: KeyDescriptor = KeyDescriptor::integer("salvo")
    .or_integer(10)
    .closed(1.0, MAX_SALVO as f64)
    .rule("not with `[[area]]`")
    .example("salvo = 10")
    .doc("missiles in the raid")
    .hint(SALVO_HELP)
    .setting();

/// `area_width_km` of a study table that describes its own raid.
pub(crate) const RAID_WIDTH: KeyDescriptor = KeyDescriptor::number("area_width_km")
    .unit("km")
    .or_number(0.0)
    .closed(0.0, 2_000.0)
    .rule("not with `[[area]]`")
    .example("area_width_km = 0.0")
    .doc(
        "east–west width of the launch area: the pads are spread evenly along the reference \
         pad's parallel",
    )
    .hint(
        "the east-west width of the launch area in km: the raid's pads are spread evenly \
         along the reference pad's parallel; 0 puts them all on the reference pad",
    )
    .setting();

/// `window_s` of a study table that describes its own raid.
pub(crate) const RAID_WINDOW: KeyDescriptor = KeyDescriptor::number("window_s")
    .unit("s")
    .or_number(0.0)
    .closed(0.0, 3_600.0)
    .rule("not with `[[area]]`")
    .example("window_s = 0.0")
    .doc("the launches are spread evenly over this window (0: all at once)")
    .hint(
        "the seconds over which the raid's launches are spread evenly, at most an hour; 0 \
         launches them all at once",
    )
    .setting();

/// Read the `[[area]]` tables; `launches` are the `[[launch]]` names.
/// `Some(empty)` when there are none, `None` when one is invalid.
pub(crate) fn read_areas(
    ctx: &mut Ctx,
    root: &TableReader<'_>,
    launches: &[String],
) -> Option<Vec<LaunchArea>> {
    let list = match root.tables(ctx, "area", |i| format!("[[area]] #{}", i + 1), AREA_KEYS) {
        Field::Given(list) => list.value,
        Field::Absent => return Some(Vec::new()),
        Field::Invalid => return None,
    };
    let mut names = Vec::new();
    let mut areas = Vec::new();
    for mut t in list {
        let name = read_name(ctx, &mut t);
        let launch = t
            .req_string(ctx, "launch")
            .and_then(|n| resolve_launch(ctx, &n, launches, &t.what));
        let salvo = t.count(ctx, "salvo");
        let width = t.get(ctx, "width_km");
        let depth = t.get(ctx, "depth_km");
        let window = t.get(ctx, "window_s");
        t.finish(ctx);
        areas.push((|| {
            Some(LaunchArea {
                name: name.as_ref()?.value.clone(),
                launch: launch?,
                salvo: salvo?,
                width_m: width? * 1e3,
                depth_m: depth? * 1e3,
                window_s: window?,
            })
        })());
        names.push(name);
    }
    let unique = check_unique(ctx, &names, "launch area", "[[area]]");
    let areas: Option<Vec<LaunchArea>> = areas.into_iter().collect();
    areas.filter(|_| unique)
}

/// The required, non-empty `name` of an area; the table is named by it in
/// later messages.
fn read_name(ctx: &mut Ctx, t: &mut TableReader<'_>) -> Option<Spanned<String>> {
    let name = t.req_string(ctx, "name")?;
    if name.value.trim().is_empty() {
        ctx.report(
            ProblemKind::InvalidValue,
            name.span,
            "the `name` of an [[area]] must not be empty",
            "give it a short label for reports, e.g. `name = \"Korean peninsula\"`",
        )
        .relabel("empty name");
        return None;
    }
    t.what = format!("[[area]] `{}`", name.value);
    Some(name)
}

/// Where the studies' raid comes from: the `[[area]]` tables when the file
/// declares them, else each study's own `launch`, `salvo`, `area_width_km`
/// and `window_s`.
pub(crate) struct Raid<'a> {
    /// The `[[launch]]` names (see [`crate::sbi::launch_names`]).
    pub launches: &'a [String],
    /// The `[[area]]` tables read (`None`: one was invalid).
    pub areas: Option<&'a [LaunchArea]>,
    /// Whether the file has `[[area]]` tables.
    pub declared: bool,
}

impl Raid<'_> {
    /// The launch areas of the study table `t` (called `table` in
    /// messages; its raid keys worded by its descriptors): the `[[area]]` tables when
    /// declared, each of `t`'s own raid keys then a conflict; else one area
    /// from `t`'s own keys, named after its launch. `None` when invalid.
    pub(crate) fn read(
        &self,
        ctx: &mut Ctx,
        t: &TableReader<'_>,
        table: &str,
    ) -> Option<Vec<LaunchArea>> {
        if self.declared {
            conflicts_with_areas(ctx, t, table);
            return self.areas.map(<[LaunchArea]>::to_vec);
        }
        let launch = match t.string(ctx, "launch") {
            Field::Given(name) => resolve_launch(ctx, &name, self.launches, table),
            Field::Absent => Some(0),
            Field::Invalid => None,
        };
        let salvo = t.count(ctx, "salvo");
        let width = t.get(ctx, "area_width_km");
        let window = t.get(ctx, "window_s");
        let launch = launch?;
        Some(vec![LaunchArea {
            name: self.launches.get(launch).cloned().unwrap_or_default(),
            launch,
            salvo: salvo?,
            width_m: width? * 1e3,
            depth_m: 0.0,
            window_s: window?,
        }])
    }
}

/// With `[[area]]` tables, `[size]` and `[engage]` take their raid from
/// them: each of `keys` given in `t` (named `table`) is a conflict.
fn conflicts_with_areas(ctx: &mut Ctx, t: &TableReader<'_>, table: &str) {
    for key in ["launch", "salvo", "area_width_km", "window_s"] {
        if t.entry(key).is_some() {
            let p = ctx
                .at(
                    ProblemKind::Conflict,
                    t.key_span(key),
                    format!(
                        "`{key}` in {table} conflicts with the [[area]] tables: the raid comes \
                         from them"
                    ),
                )
                .with_help(
                    "remove it here and describe the raid in the [[area]] tables (launch, \
                     salvo, width_km, depth_km, window_s), or remove the [[area]] tables",
                )
                .with_label("raid given twice");
            ctx.push(p);
        }
    }
}
