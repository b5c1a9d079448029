//! `[size]` and `[size.sweep]`: the settings of the sizing study
//! (`cupola size`) — the reference launch, the salvo, the requirement, the
//! sampling and search limits, and the parameters swept.

use cupola_analysis::sizing::{SizingSpec, Sweep, SweepKind};
use toml_edit::{Item, Value};

use super::{altitude_m, count_within, every, inclination_rad, needs_sbi};
use crate::context::{Ctx, Spanned, closest, one_of};
use crate::key::{KeyDescriptor, KeyKind};
use crate::missile::within;
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};

/// Keys of `[size]`.
pub(crate) const SIZE_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::new("launch", KeyKind::Other(""))
        .example("launch = \"ICBM to North Dakota\"")
        .doc("the reference [[launch]], by name, default the first"),
    KeyDescriptor::new("salvo", KeyKind::Other(""))
        .example("salvo = 10")
        .doc("missiles in the salvo, in [1, 1000], default 10"),
    KeyDescriptor::new("area_width_km", KeyKind::Other(""))
        .example("area_width_km = 0.0")
        .doc("east-west width of the launch area, km, in [0, 2000], default 0"),
    KeyDescriptor::new("window_s", KeyKind::Other(""))
        .example("window_s = 0.0")
        .doc("launches spread evenly over this window, s, in [0, 3600], default 0 (all at once)"),
    KeyDescriptor::new("shots", KeyKind::Other(""))
        .example("shots = 1")
        .doc("shots each missile must get, in [1, 100], default 1"),
    KeyDescriptor::new("confidence", KeyKind::Other(""))
        .example("confidence = 0.95")
        .doc("probability that every missile gets its shots, in (0, 1), default 0.95"),
    KeyDescriptor::new("samples", KeyKind::Other(""))
        .example("samples = 10000")
        .doc("launch-time samples per candidate constellation, in [1, 1000000], default 10000"),
    KeyDescriptor::new("span_h", KeyKind::Other(""))
        .example("span_h = 24.0")
        .doc("span of the launch times sampled, hours, in (0, 720], default 24"),
    KeyDescriptor::new("max_satellites", KeyKind::Other(""))
        .example("max_satellites = 100000")
        .doc(
            "largest constellation (carriers) the search may try, in [1, 1000000], default 100000",
        ),
    KeyDescriptor::new("resolution_deg", KeyKind::Other(""))
        .example("resolution_deg = 0.2")
        .doc("grid step of the reach table, degrees, in [0.01, 2], default 0.2"),
    KeyDescriptor::new("sweep", KeyKind::Other(""))
        .example("[size.sweep]")
        .doc("parameters to sweep, each an array of values"),
];

/// Keys of `[size.sweep]`, with the parameter each sweeps.
pub(crate) const SWEEP_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::new("salvo", KeyKind::Other(""))
        .example("salvo = [1, 2, 5, 10, 15, 20]")
        .doc("missiles in the salvo, integers in [1, 1000]"),
    KeyDescriptor::new("boost_s", KeyKind::Other(""))
        .example("boost_s = [100, 150, 200, 250, 300]")
        .doc(
            "the missile's boost time, s, in (0, 1000] (stage burn times scaled, propellant kept)",
        ),
    KeyDescriptor::new("delta_v_km_s", KeyKind::Other(""))
        .example("delta_v_km_s = [2, 3, 4, 5]")
        .doc("the interceptor booster's Δv, km/s, in (0, 12]"),
    KeyDescriptor::new("altitude_km", KeyKind::Other(""))
        .example("altitude_km = [300, 500, 800, 1200]")
        .doc("SBI orbit altitude, km, in [100, 40000]"),
    KeyDescriptor::new("inclination_deg", KeyKind::Other(""))
        .example("inclination_deg = [30, 45, 55, 70, 90]")
        .doc("SBI orbit inclination, degrees, in [0.1, 179.9]"),
];

/// The shape of a raid of copies of the reference launch, shared by
/// `[size]` and `[engage]`: `salvo` (missiles), `area_width_km` and
/// `window_s`; `noun` names the raid in the hints ("salvo", "raid").
/// Returns the count, the width (km) and the window (s).
pub(crate) fn read_raid(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    noun: &str,
) -> (Option<u32>, Option<f64>, Option<f64>) {
    let salvo_in = t.unsigned(ctx, "salvo").or(10, &t.span);
    let salvo = count_within(ctx, salvo_in, "salvo", (1, MAX_SALVO), SALVO_HELP);
    let width_in = t.opt_number(ctx, "area_width_km", 0.0);
    let width = within(
        ctx,
        width_in,
        "area_width_km",
        |v| (0.0..=2_000.0).contains(&v),
        "[0, 2000]",
        "km",
        &format!(
            "the east-west width of the launch area in km: the {noun}'s pads are spread evenly \
             along the reference pad's parallel; 0 puts them all on the reference pad"
        ),
    );
    let window_in = t.opt_number(ctx, "window_s", 0.0);
    let window = within(
        ctx,
        window_in,
        "window_s",
        |v| (0.0..=3_600.0).contains(&v),
        "[0, 3600]",
        "s",
        &format!(
            "the seconds over which the {noun}'s launches are spread evenly, at most an hour; 0 \
             launches them all at once"
        ),
    );
    (salvo, width, window)
}

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
/// `has_sbi`: whether the file has an `[sbi]` table; `launches`: the
/// `[[launch]]` names, from [`launch_names`].
pub(crate) fn read_size(
    ctx: &mut Ctx,
    root: &TableReader<'_>,
    has_sbi: bool,
    launches: &[String],
) -> Option<Option<SizingSpec>> {
    let t = match root.table(ctx, "size", "[size]", SIZE_KEYS) {
        Field::Given(t) => t.value,
        Field::Absent => return Some(None),
        Field::Invalid => return None,
    };
    if !has_sbi {
        needs_sbi(ctx, &t, "the sizing study");
    }
    let launch = match t.string(ctx, "launch") {
        Field::Given(name) => resolve_launch(ctx, &name, launches, "[size]"),
        Field::Absent => Some(0),
        Field::Invalid => None,
    };
    let (salvo, width, window) = read_raid(ctx, &t, "salvo");
    let shots_in = t.unsigned(ctx, "shots").or(1, &t.span);
    let shots = count_within(
        ctx,
        shots_in,
        "shots",
        (1, 100),
        "the shots each missile must get, from 1 to 100",
    );
    let confidence_in = t.opt_number(ctx, "confidence", 0.95);
    let confidence = within(
        ctx,
        confidence_in,
        "confidence",
        |v| v > 0.0 && v < 1.0,
        "(0, 1)",
        "",
        "the probability that every missile gets its shots, strictly between 0 and 1, e.g. \
         0.95 (a probability of 1 cannot be shown by sampling)",
    );
    let samples_in = t.unsigned(ctx, "samples").or(10_000, &t.span);
    let samples = count_within(
        ctx,
        samples_in,
        "samples",
        (1, 1_000_000),
        "the launch-time samples per candidate constellation, from 1 to 1000000, e.g. 10000",
    );
    let span_in = t.opt_number(ctx, "span_h", 24.0);
    let span = within(
        ctx,
        span_in,
        "span_h",
        |v| v > 0.0 && v <= 720.0,
        "(0, 720]",
        "hours",
        "the span of launch times sampled in hours, at most 30 days, e.g. 24 (a day of \
         Earth rotation under the constellation)",
    );
    let max_in = t.unsigned(ctx, "max_satellites").or(100_000, &t.span);
    let max_satellites = count_within(
        ctx,
        max_in,
        "max_satellites",
        (1, 1_000_000),
        "the largest constellation (in carriers) the search may try, from 1 to 1000000",
    );
    let resolution_in = t.opt_number(ctx, "resolution_deg", 0.2);
    let resolution = within(
        ctx,
        resolution_in,
        "resolution_deg",
        |v| (0.01..=2.0).contains(&v),
        "[0.01, 2]",
        "degrees",
        "the grid step of the reach table in degrees, e.g. 0.2; finer is slower",
    );
    let sweeps = match t.table(ctx, "sweep", "[size.sweep]", SWEEP_KEYS) {
        Field::Given(r) => read_sweeps(ctx, &r.value),
        Field::Absent => Some(Vec::new()),
        Field::Invalid => None,
    };
    t.finish(ctx);
    Some(Some(SizingSpec {
        launch: launch?,
        salvo: salvo?,
        area_width_m: width? * 1e3,
        window_s: window?,
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
            "boost_s" => (
                SweepKind::BoostTime,
                numbers(ctx, t, key, |ctx, s| {
                    within(
                        ctx,
                        Some(s),
                        "boost_s",
                        |v| v > 0.0 && v <= 1_000.0,
                        "(0, 1000]",
                        "s",
                        "the missile's boost time in seconds, above 0 and at most 1000: the \
                         stage burn times are scaled to it, their propellant kept",
                    )
                }),
            ),
            "delta_v_km_s" => (
                SweepKind::DeltaV,
                numbers(ctx, t, key, |ctx, s| {
                    within(
                        ctx,
                        Some(s),
                        "delta_v_km_s",
                        |v| v > 0.0 && v <= 12.0,
                        "(0, 12]",
                        "km/s",
                        "the interceptor booster's velocity change in km/s, above 0 and at most 12",
                    )
                    .map(|km_s| km_s * 1e3)
                }),
            ),
            "altitude_km" => (
                SweepKind::Altitude,
                numbers(ctx, t, key, |ctx, s| altitude_m(ctx, s, "altitude_km")),
            ),
            "inclination_deg" => (
                SweepKind::Inclination,
                numbers(ctx, t, key, |ctx, s| {
                    inclination_rad(ctx, s, "inclination_deg")
                }),
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

/// A non-empty array of numbers under `key`, each checked and converted
/// by `check`.
fn numbers(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    key: &str,
    mut check: impl FnMut(&mut Ctx, Spanned<f64>) -> Option<f64>,
) -> Option<Vec<f64>> {
    let list = t.numbers(ctx, key, false).given()?;
    every(list.value, |s| check(ctx, s))
}

/// The salvo sizes swept: a non-empty array of integers in [1, 1000].
fn salvo_values(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Vec<f64>> {
    let list = t.integers(ctx, "salvo", false).given()?;
    every(list.value, |s| {
        count_within(ctx, Some(s), "salvo", (1, MAX_SALVO), SALVO_HELP).map(f64::from)
    })
}
