//! Study settings: `[coverage]` for `cupola constellation` and `[detect]`
//! for `cupola detect`.

use crate::constellation::resolve_constellation;
use crate::context::Ctx;
use crate::key::{Bound, KeyDescriptor};
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};
use cupola_analysis::coverage::{MAX_WORK, study_size};

/// Settings of the coverage study (`cupola constellation`), from
/// `[coverage]`, in SI units.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct CoverageSpec {
    /// The constellation studied, by name; `None` (the default) studies all
    /// the scenario's constellations together.
    pub constellation: Option<String>,
    /// Lowest elevation above the ground observer's horizon at which a
    /// satellite counts as in view, rad, in [0, π/2) (default 10°).
    pub min_elevation_rad: f64,
    /// Satellites that must be in view at once for a point to be covered,
    /// ≥ 1 (default 1).
    pub min_satellites: usize,
    /// Time span studied from the scenario epoch, s, in (0, 30 days]
    /// (default 86,400 s).
    pub duration_s: f64,
    /// Time step, s, > 0, with `duration_s / step_s ≤ 1,000,000` (default
    /// 60 s).
    pub step_s: f64,
    /// Spacing of the latitude bands (or grid rows), rad, in (0, π/2]
    /// (default 5°).
    pub latitude_step_rad: f64,
}

/// Settings of the detection study (`cupola detect`), from `[detect]`.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct DetectSpec {
    /// Time step of the detection timeline, s, in (0, 60] (default 1 s).
    pub step_s: f64,
}

/// Keys of `[coverage]`.
pub(crate) const COVERAGE_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::text("constellation")
        .optional()
        .shown_default("all constellations together")
        .rule("a `[[constellation]]` name")
        .example("constellation = \"leo-tracking\"")
        .doc("what is studied"),
    KeyDescriptor::number("min_elevation_deg")
        .unit("degrees")
        .or_number(10.0)
        .range(Bound::Inclusive(0.0), Bound::Exclusive(90.0))
        .plausible(0.0, 30.0)
        .example("min_elevation_deg = 10.0")
        .doc("lowest elevation at which a satellite counts as in view")
        .hint(
            "the lowest elevation above a ground point's horizon at which a satellite counts as \
             in view, in degrees: 0 is the geometric horizon, 10 is usual",
        )
        .assumed(5.0, 15.0, "the usual mask; terrain and the sensor decide"),
    KeyDescriptor::integer("min_satellites")
        .or_integer(1)
        .range(Bound::Inclusive(1.0), Bound::Open)
        .example("min_satellites = 1")
        .doc("satellites in view needed for a point to be covered")
        .hint(
            "the number of satellites that must be in view at once for a point to count as \
             covered, e.g. 1 (or 4 for satellite navigation)",
        )
        .setting(),
    KeyDescriptor::number("duration_s")
        .unit("s")
        .or_number(86_400.0)
        .range(Bound::Exclusive(0.0), Bound::Inclusive(MAX_DURATION_S))
        .example("duration_s = 86400.0")
        .doc("time span studied, from the epoch")
        .hint(
            "the time span studied from the scenario epoch, in seconds, at most 30 days: \
             86400 is one day",
        )
        .setting(),
    KeyDescriptor::number("step_s")
        .unit("s")
        .or_number(60.0)
        .positive()
        .rule("`duration_s / step_s` ≤ 1,000,000")
        .example("step_s = 60.0")
        .doc("time step")
        .hint("the time step of the coverage study in seconds, e.g. 60")
        .setting(),
    KeyDescriptor::number("latitude_step_deg")
        .unit("degrees")
        .or_number(5.0)
        .closed(0.5, 90.0)
        .example("latitude_step_deg = 5.0")
        .doc("spacing of the latitude bands")
        .hint("the spacing of the latitude bands in degrees, e.g. 5 (0.5 at the finest)")
        .setting(),
];

/// Keys of `[detect]`.
pub(crate) const DETECT_KEYS: &[KeyDescriptor] = &[KeyDescriptor::number("step_s")
    .unit("s")
    .or_number(1.0)
    .closed(0.01, 60.0)
    .example("step_s = 1.0")
    .doc("time step of the timeline")
    .hint(
        "the time step of the detection timeline in seconds: 1 resolves the boost phase; \
         0.01 is the finest and 60 the coarsest allowed",
    )
    .setting()];

/// Longest coverage study, s (30 days).
const MAX_DURATION_S: f64 = 30.0 * 86_400.0;

/// Most time steps of a coverage study.
const MAX_STEPS: f64 = 1e6;

/// Read `[coverage]`: `Some(None)` when absent, `None` when invalid.
pub(crate) fn read_coverage(
    ctx: &mut Ctx,
    root: &TableReader<'_>,
    constellations: &[&str],
    satellite_counts: &[(&str, usize)],
) -> Option<Option<CoverageSpec>> {
    let t = match root.table(ctx, "coverage", "[coverage]", COVERAGE_KEYS) {
        Field::Given(t) => t.value,
        Field::Absent => return Some(None),
        Field::Invalid => return None,
    };
    let constellation = match t.string(ctx, "constellation") {
        Field::Given(c) => resolve_constellation(ctx, c, constellations, "[coverage]").map(Some),
        Field::Absent if constellations.is_empty() => {
            ctx.report(
                ProblemKind::MissingKey,
                t.span.clone(),
                "[coverage] has nothing to study: the scenario defines no [[constellation]]",
                "add a [[constellation]] (Walker shells, orbits or a catalog), or remove [coverage]",
            )
            .relabel("no constellation");
            None
        }
        Field::Absent => Some(None),
        Field::Invalid => None,
    };
    let elevation = t.get(ctx, "min_elevation_deg");
    let min_satellites = t.count(ctx, "min_satellites").map(|n| n as usize);
    let duration_in = t.num(ctx, "duration_s");
    let duration_span = duration_in.given_span();
    let duration = duration_in.given().map(|s| s.value);
    let step_in = t.num(ctx, "step_s");
    let step_span = step_in.given_span();
    let step = step_in.given().map(|s| s.value);
    let mut steps_ok = true;
    if let (Some(d), Some(s)) = (duration, step)
        && d / s > MAX_STEPS
    {
        steps_ok = false;
        let span = if t.entry("step_s").is_some() {
            step_span
        } else {
            duration_span
        };
        ctx.report(
            ProblemKind::InvalidValue,
            span.unwrap_or_else(|| t.span.clone()),
            format!(
                "{d} s in steps of {s} s is {:.0} steps, more than the {MAX_STEPS:.0} allowed",
                (d / s).ceil()
            ),
            format!(
                "raise `step_s` to at least {} s, or shorten `duration_s`",
                (d / MAX_STEPS).ceil()
            ),
        )
        .relabel("too many steps");
    }
    let lat = t.get(ctx, "latitude_step_deg");
    // The study's cost: satellites × ground points × time samples.
    if let (true, Some(d), Some(s), Some(l), Some(c)) =
        (steps_ok, duration, step, lat, &constellation)
    {
        let sats: usize = match c {
            Some(name) => satellite_counts
                .iter()
                .filter(|(n, _)| *n == name.as_str())
                .map(|(_, k)| k)
                .sum(),
            None => satellite_counts.iter().map(|(_, k)| k).sum(),
        };
        let (points, samples, work) = study_size(sats, d, s, l.to_radians());
        if work > MAX_WORK {
            ctx.report(
                ProblemKind::InvalidValue,
                t.span.clone(),
                format!(
                    "[coverage] would test {work:.1e} satellite-point-sample triples ({sats} satellites, \
                     {points} ground points, {samples} samples), more than the {MAX_WORK:.0e} a study may take"
                ),
                "raise `step_s` or `latitude_step_deg`, or shorten `duration_s`",
            )
            .relabel("too costly");
            return None;
        }
    }
    t.finish(ctx);
    if !steps_ok {
        return None;
    }
    Some(Some(CoverageSpec {
        constellation: constellation?,
        min_elevation_rad: elevation?.to_radians(),
        min_satellites: min_satellites?,
        duration_s: duration?,
        step_s: step?,
        latitude_step_rad: lat?.to_radians(),
    }))
}

/// Read `[detect]`: `Some(None)` when absent, `None` when invalid.
pub(crate) fn read_detect(ctx: &mut Ctx, root: &TableReader<'_>) -> Option<Option<DetectSpec>> {
    let t = match root.table(ctx, "detect", "[detect]", DETECT_KEYS) {
        Field::Given(t) => t.value,
        Field::Absent => return Some(None),
        Field::Invalid => return None,
    };
    let step = t.get(ctx, "step_s");
    t.finish(ctx);
    Some(Some(DetectSpec { step_s: step? }))
}
