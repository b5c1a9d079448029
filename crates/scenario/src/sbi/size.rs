//! `[size]` and `[size.sweep]`: the settings of the sizing study
//! (`cupola size`) — the reference launch, the salvo, the requirement, the
//! sampling and search limits, and the parameters swept.

use cupola_analysis::sizing::sweep::BOOST_TIME_RANGE_S;
use cupola_analysis::sizing::{SizingSpec, Sweep, SweepKind};
use toml_edit::{Item, Value};

use super::{
    ALTITUDE_HELP, INCLINATION_HELP, INCLINATION_RANGE_DEG, MAX_ALTITUDE_KM, MIN_ALTITUDE_KM,
    every, needs_sbi,
};
use crate::area::Raid;
use crate::context::{Ctx, Spanned, closest, one_of};
use crate::key::{Bound, KeyDescriptor, KeyKind};
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};

/// Keys of `[size]`.
pub(crate) const SIZE_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::text("launch")
        .optional()
        .shown_default("the first launch")
        .rule("a `[[launch]]` name (`launch N` when unnamed); not with `[[area]]`")
        .example("launch = \"ICBM to North Dakota\"")
        .doc("the reference launch; the raid is then one area (`SizingSpec::areas`) copying it"),
    crate::area::RAID_SALVO,
    crate::area::RAID_WIDTH,
    crate::area::RAID_WINDOW,
    KeyDescriptor::integer("shots")
        .or_integer(1)
        .closed(1.0, 100.0)
        .example("shots = 1")
        .doc("shots each missile must get")
        .hint("the shots each missile must get, from 1 to 100")
        .setting(),
    KeyDescriptor::number("confidence")
        .or_number(0.95)
        .range(Bound::Exclusive(0.0), Bound::Exclusive(1.0))
        .example("confidence = 0.95")
        .doc("probability that every missile gets its shots")
        .hint(
            "the probability that every missile gets its shots, strictly between 0 and 1, e.g. \
             0.95 (a probability of 1 cannot be shown by sampling)",
        )
        .setting(),
    KeyDescriptor::integer("samples")
        .or_integer(10_000)
        .closed(1.0, 1_000_000.0)
        .example("samples = 10000")
        .doc("launch-time samples per candidate constellation")
        .hint("the launch-time samples per candidate constellation, from 1 to 1000000, e.g. 10000")
        .setting(),
    KeyDescriptor::number("span_h")
        .unit("hours")
        .or_number(24.0)
        .range(Bound::Exclusive(0.0), Bound::Inclusive(720.0))
        .example("span_h = 24.0")
        .doc("span of the launch times sampled (a day of Earth rotation under the constellation)")
        .hint(
            "the span of launch times sampled in hours, at most 30 days, e.g. 24 (a day of \
             Earth rotation under the constellation)",
        )
        .setting(),
    KeyDescriptor::integer("max_satellites")
        .or_integer(100_000)
        .closed(1.0, 1_000_000.0)
        .example("max_satellites = 100000")
        .doc("largest constellation (carriers) the search may try")
        .hint("the largest constellation (in carriers) the search may try, from 1 to 1000000")
        .setting(),
    KeyDescriptor::number("resolution_deg")
        .unit("degrees")
        .or_number(0.2)
        .closed(0.01, 2.0)
        .example("resolution_deg = 0.2")
        .doc("grid step of the reach table; finer is slower")
        .hint("the grid step of the reach table in degrees, e.g. 0.2; finer is slower")
        .setting(),
    KeyDescriptor::table("sweep")
        .optional()
        .example("[size.sweep]")
        .doc("parameters to sweep, each an array of values"),
];

/// Keys of `[size.sweep]`, with the parameter each sweeps.
pub(crate) const SWEEP_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::new("salvo", KeyKind::Other("array of integers"))
        .optional()
        .closed(1.0, MAX_SALVO as f64)
        .example("salvo = [1, 2, 5, 10, 15, 20]")
        .doc("missiles in the salvo")
        .hint(SALVO_HELP),
    KeyDescriptor::new("boost_s", KeyKind::Other("array of numbers"))
        .unit("s")
        .optional()
        .range(
            Bound::Inclusive(BOOST_TIME_RANGE_S.0),
            Bound::Inclusive(BOOST_TIME_RANGE_S.1),
        )
        .example("boost_s = [100, 150, 200, 250, 300]")
        .doc("the missile's boost time (stage burn times scaled, propellant kept)")
        .hint(
            "the missile's boost time in seconds, from 60 to 1000: the stage burn times are \
             scaled to it, their propellant kept (below 60 s a scaled ICBM burns inside the \
             dense atmosphere at tens of g)",
        ),
    KeyDescriptor::new("delta_v_km_s", KeyKind::Other("array of numbers"))
        .unit("km/s")
        .optional()
        .range(Bound::Exclusive(0.0), Bound::Inclusive(12.0))
        .example("delta_v_km_s = [2, 3, 4, 5]")
        .doc(
            "the interceptor booster's Δv (a value beyond the rocket equation is a failed point of \
             the sweep, not a scenario error)",
        )
        .hint("the interceptor booster's velocity change in km/s, above 0 and at most 12"),
    KeyDescriptor::new("altitude_km", KeyKind::Other("array of numbers"))
        .unit("km")
        .optional()
        .closed(MIN_ALTITUDE_KM, MAX_ALTITUDE_KM)
        .example("altitude_km = [300, 500, 800, 1200]")
        .doc("SBI orbit altitude")
        .hint(ALTITUDE_HELP),
    KeyDescriptor::new("inclination_deg", KeyKind::Other("array of numbers"))
        .unit("degrees")
        .optional()
        .closed(INCLINATION_RANGE_DEG.0, INCLINATION_RANGE_DEG.1)
        .example("inclination_deg = [30, 45, 55, 70, 90]")
        .doc("SBI orbit inclination")
        .hint(INCLINATION_HELP),
];

/// Most missiles in a salvo.
pub(crate) const MAX_SALVO: u64 = 1_000;

/// Help for a salvo size.
pub(crate) const SALVO_HELP: &str = "the number of missiles launched together, from 1 to 1000";

/// The names of the `[[launch]]` tables, in file order, as the launch
/// reader names them (`launch N` without a `name`), including launches
/// with problems (so that the index of a name is its index in
/// [`crate::Scenario::launches`] once the scenario is valid).
pub(crate) fn launch_names(root: &TableReader<'_>) -> Vec<String> {
    let name_of = |i: usize, name: Option<&str>| {
        name.map_or_else(|| format!("launch {}", i + 1), str::to_owned)
    };
    match root.entry("launch").map(|(_, item)| item) {
        Some(Item::ArrayOfTables(a)) => a
            .iter()
            .enumerate()
            .map(|(i, t)| name_of(i, t.get("name").and_then(Item::as_str)))
            .collect(),
        Some(Item::Value(Value::Array(a))) => a
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let name = v
                    .as_inline_table()
                    .and_then(|t| t.get("name"))
                    .and_then(Value::as_str);
                name_of(i, name)
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Read `[size]`: `Some(None)` when absent, `None` when invalid.
/// `has_sbi`: whether the file has an `[sbi]` table; `raid`: where its
/// raid comes from.
pub(crate) fn read_size(
    ctx: &mut Ctx,
    root: &TableReader<'_>,
    has_sbi: bool,
    raid: &Raid<'_>,
) -> Option<Option<SizingSpec>> {
    let t = match root.table(ctx, "size", "[size]", SIZE_KEYS) {
        Field::Given(t) => t.value,
        Field::Absent => return Some(None),
        Field::Invalid => return None,
    };
    if !has_sbi {
        needs_sbi(ctx, &t, "the sizing study");
    }
    let areas = raid.read(ctx, &t, "[size]");
    let shots = t.count(ctx, "shots");
    let confidence = t.get(ctx, "confidence");
    let samples = t.count(ctx, "samples");
    let span = t.get(ctx, "span_h");
    let max_satellites = t.count(ctx, "max_satellites");
    let resolution = t.get(ctx, "resolution_deg");
    let sweeps = match t.table(ctx, "sweep", "[size.sweep]", SWEEP_KEYS) {
        Field::Given(r) => read_sweeps(ctx, &r.value),
        Field::Absent => Some(Vec::new()),
        Field::Invalid => None,
    };
    t.finish(ctx);
    Some(Some(SizingSpec {
        areas: areas?,
        shots: shots?,
        confidence: confidence?,
        samples: samples?,
        span_s: span? * 3_600.0,
        max_satellites: max_satellites?,
        resolution_rad: resolution?.to_radians(),
        sweeps: sweeps?,
    }))
}

/// The index of the launch called `name`: the first of that name. An
/// unknown name is reported as said `by` a table (`[size]`, `[engage]`).
pub(crate) fn resolve_launch(
    ctx: &mut Ctx,
    name: &Spanned<String>,
    launches: &[String],
    by: &str,
) -> Option<usize> {
    if let Some(i) = launches.iter().position(|l| *l == name.value) {
        return Some(i);
    }
    if launches.is_empty() {
        // "no [[launch]]" is reported by the launch reader.
        return None;
    }
    let names: Vec<&str> = launches.iter().map(String::as_str).collect();
    let help = match closest(&name.value, names.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? The launches are {}", one_of(&names)),
        None => format!(
            "name one of the scenario's launches ({}), or leave `launch` out for the first",
            one_of(&names)
        ),
    };
    let p = ctx
        .at(
            ProblemKind::UnknownName,
            name.span.clone(),
            format!("{by} names the unknown launch `{}`", name.value),
        )
        .with_help(help)
        .with_label("no [[launch]] has this name");
    ctx.push(p);
    None
}

/// Read `[size.sweep]`: one sweep per key, in file order.
fn read_sweeps(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Vec<Sweep>> {
    let mut out = Vec::new();
    let mut ok = true;
    for key in t.keys() {
        let (kind, values) = match key {
            "salvo" => (SweepKind::Salvo, salvo_values(ctx, t)),
            "boost_s" => (SweepKind::BoostTime, numbers(ctx, t, key, 1.0)),
            "delta_v_km_s" => (SweepKind::DeltaV, numbers(ctx, t, key, 1e3)),
            "altitude_km" => (SweepKind::Altitude, numbers(ctx, t, key, 1e3)),
            "inclination_deg" => (
                SweepKind::Inclination,
                numbers(ctx, t, key, 1f64.to_radians()),
            ),
            // Reported by `finish`.
            _ => continue,
        };
        match values {
            Some(values) => out.push(Sweep { kind, values }),
            None => ok = false,
        }
    }
    t.finish(ctx);
    ok.then_some(out)
}

/// A non-empty array of numbers under `key`, each checked against the
/// key's range and multiplied by `scale` (to SI units).
fn numbers(ctx: &mut Ctx, t: &TableReader<'_>, key: &str, scale: f64) -> Option<Vec<f64>> {
    let list = t.numbers(ctx, key, false).given()?;
    every(list.value, |s| t.check(ctx, key, s).map(|v| v * scale))
}

/// The salvo sizes swept: a non-empty array of integers in [1, 1000].
fn salvo_values(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Vec<f64>> {
    let list = t.integers(ctx, "salvo", false).given()?;
    every(list.value, |s| t.check_int(ctx, "salvo", &s).map(f64::from))
}
