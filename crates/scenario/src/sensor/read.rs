//! Reading `[[sensor]]` tables: `kind`, the keys of that kind, and keys of
//! other kinds reported as conflicts.

use cupola_defense::GroundRadar;

use super::{SensorKind, SensorSpec};
use crate::constellation::{check_unique_name, resolve_constellation};
use crate::context::{Ctx, Span, closest, one_of};
use crate::key::{Basis, Bound, KeyDescriptor};
use crate::launch::{POINT_KEYS, read_point};
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};
use cupola_physics::basis::Datum;

/// Sensor kinds accepted by `kind`.
const KINDS: [&str; 3] = ["infrared", "tracking", "radar"];

/// Keys of a `[[sensor]]` table, with the kinds each applies to (`name` and
/// `kind` apply to all).
pub(crate) const SENSOR_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::text("name")
        .rule("not empty, unique among sensors")
        .example("name = \"sbirs\"")
        .doc("a label for reports, unique among sensors"),
    KeyDescriptor::text("kind")
        .rule("`\"infrared\"`, `\"tracking\"`, `\"radar\"`")
        .example("kind = \"infrared\"")
        .doc("\"infrared\", \"tracking\" or \"radar\""),
    KeyDescriptor::text("constellation")
        .rule("a `[[constellation]]` name; infrared, tracking")
        .example("constellation = \"geo-ir\"")
        .doc("the [[constellation]] carrying the sensors (infrared, tracking)"),
    KeyDescriptor::number("burnthrough_altitude_km")
        .unit("km")
        .or_number(12.0)
        .positive()
        .rule("infrared, tracking")
        .plausible(5.0, 20.0)
        .example("burnthrough_altitude_km = 12.0")
        .doc("altitude a booster's plume must clear to be seen (about 10–15 km)")
        .hint(
            "the altitude a booster's plume must clear to be seen, in km (about 10-15 km, above \
             the clouds and most water vapour)",
        )
        .assumed(10.0, 15.0, "above the clouds and most water vapour"),
    KeyDescriptor::number("reporting_latency_s")
        .unit("s")
        .or_number(INFRARED_LATENCY_S)
        .shown_default("`20.0` (infrared), `0.0` (tracking, radar)")
        .non_negative()
        .plausible(0.0, 120.0)
        .example("reporting_latency_s = 20.0")
        .doc("delay from first sight to a report reaching the battle manager")
        .more(
            "an infrared layer reports a launch once its plume has been seen in a few frames and \
             the report has been relayed and checked on the ground; a tracking layer or radar \
             reports a track it already holds, so its default adds nothing: vary it to see what \
             a slower relay costs",
        )
        .hint("seconds from first sight to a report reaching the battle manager, 0 or more")
        .assumed(5.0, 60.0, INFRARED_LATENCY_REASON),
    KeyDescriptor::number("max_range_km")
        .unit("km")
        .optional()
        .shown_default("no limit; required for radar")
        .positive()
        .plausible(100.0, 100_000.0)
        .example("max_range_km = 5000.0")
        .doc("largest detection range, km (required for radar; default unlimited otherwise)")
        .hint(
            "the largest sensor-to-target range in km; leave it out (infrared, tracking) for no \
             limit",
        ),
    KeyDescriptor::number("grazing_altitude_km")
        .unit("km")
        .or_number(0.0)
        .non_negative()
        .rule("tracking")
        .plausible(0.0, 150.0)
        .example("grazing_altitude_km = 0.0")
        .doc(
            "for cold (post-boost) objects: the height above the Earth that the background behind \
             the object must clear, so that it stands against space (about 100 km keeps the \
             atmosphere out; 0 accepts any view above the horizon). Boosting targets are seen \
             against any background, once above `burnthrough_altitude_km`",
        )
        .hint(
            "the lowest altitude, in km, at which a line of sight may pass over the Earth: 0 sees \
             a hot booster against the Earth, about 100 sees cold objects against space",
        )
        .assumed(
            0.0,
            100.0,
            "0 accepts any view; about 100 keeps the atmosphere out",
        ),
    KeyDescriptor::boolean("sees_cold_bodies")
        .or_bool(true)
        .rule("tracking")
        .example("sees_cold_bodies = true")
        .doc("whether post-boost (cold) objects are seen")
        .setting(),
    KeyDescriptor::number("angle_error_urad")
        .unit("µrad")
        .or_number(20.0)
        .positive()
        .rule("tracking")
        .plausible(1.0, 200.0)
        .example("angle_error_urad = 20.0")
        .doc("one-sigma line-of-sight error of one sensor")
        .hint("the one-sigma line-of-sight angle error of one sensor in microradians, e.g. 20")
        .assumed(
            5.0,
            100.0,
            "no open figure; a staring infrared pixel subtends tens of µrad at tracking ranges: a \
             fine sensor centroiding to a fraction of a pixel (5) to a coarse wide-field one (100)",
        ),
    KeyDescriptor::integer("min_sensors")
        .or_integer(2)
        .range(Bound::Inclusive(2.0), Bound::Open)
        .rule("tracking")
        .example("min_sensors = 2")
        .doc("sensors that must see the target at once to form a track")
        .hint(
            "a track is triangulated from two or more lines of sight: one sensor alone gives a \
             direction, not a position",
        )
        .setting(),
    KeyDescriptor::number("smoothing_time_s")
        .unit("s")
        .or_number(10.0)
        .positive()
        .rule("tracking, radar")
        .plausible(1.0, 100.0)
        .example("smoothing_time_s = 10.0")
        .doc("time constant τ of the track smoothing: the error falls as 1/√(1 + t/τ)")
        .hint(
            "the time constant of the track's smoothing in seconds: the error falls as \
             1/√(1 + t/τ)",
        )
        .assumed(
            3.0,
            30.0,
            "no open figure; a few to tens of seconds of the target's motion must be averaged \
             before a fitted track beats a single fix",
        ),
    KeyDescriptor::table("site")
        .rule("as a launch `site`: `lat_deg`, `lon_deg`, `alt_km`; radar")
        .example("site = { lat_deg = 64.3, lon_deg = -149.2, alt_km = 0.2 }")
        .doc("the radar's location (radar)"),
    KeyDescriptor::number("elevation_mask_deg")
        .unit("degrees")
        .or_number(5.0)
        .range(Bound::Inclusive(-5.0), Bound::Exclusive(90.0))
        .rule("radar")
        .plausible(-2.0, 10.0)
        .example("elevation_mask_deg = 5.0")
        .doc("lowest elevation seen")
        .hint(
            "the lowest elevation above the horizon the radar sees, in degrees: a few degrees for \
             terrain and clutter, slightly negative on a mountain top",
        )
        .assumed(0.0, 10.0, "terrain and clutter differ by site"),
    KeyDescriptor::number("boresight_azimuth_deg")
        .unit("degrees")
        .or_number(0.0)
        .range(Bound::Inclusive(0.0), Bound::Exclusive(360.0))
        .rule("radar")
        .example("boresight_azimuth_deg = 0.0")
        .doc("centre of the field of regard, clockwise from north")
        .hint(
            "the centre of the field of regard in degrees clockwise from north: 0 north, 90 east, \
             270 west",
        )
        .setting(),
    KeyDescriptor::number("half_width_deg")
        .unit("degrees")
        .or_number(180.0)
        .range(Bound::Exclusive(0.0), Bound::Inclusive(180.0))
        .rule("radar")
        .example("half_width_deg = 180.0")
        .doc("half-width in azimuth of the field of regard (180: all round)")
        .hint(
            "half the azimuth width of the field of regard in degrees: 60 for one 120° face, \
             180 (the default) for all round",
        )
        .setting(),
    KeyDescriptor::number("range_error_m")
        .unit("m")
        .or_number(10.0)
        .positive()
        .rule("radar")
        .plausible(0.1, 1_000.0)
        .example("range_error_m = 10.0")
        .doc("one-sigma range error")
        .hint("the one-sigma range error in metres, e.g. 10")
        .assumed(
            1.0,
            100.0,
            "no open figure; a wide-band X-band radar resolves metres, a UHF early-warning radar \
             tens of metres",
        ),
    KeyDescriptor::number("angle_error_mrad")
        .unit("mrad")
        .or_number(1.0)
        .positive()
        .rule("radar")
        .plausible(0.01, 10.0)
        .example("angle_error_mrad = 1.0")
        .doc("one-sigma angle error")
        .hint("the one-sigma angle error in milliradians, e.g. 1")
        .assumed(
            0.1,
            5.0,
            "no open figure; a fraction of a beamwidth, and a large phased array's beam is a few \
             mrad wide",
        ),
];

/// The default reporting latency of an infrared layer, s.
const INFRARED_LATENCY_S: f64 = 20.0;

/// Why the infrared latency is assumed, and its range.
const INFRARED_LATENCY_REASON: &str = "no open source times a launch report; 5 s for a few \
     frames of an on-board detection relayed at once, 60 s for a report checked on the ground \
     before release; the 20 s default leaves a frame-to-frame confirmation and one relay";

/// The basis of the default reporting latency of a tracking layer or
/// radar (0 s): the kinds whose key default is not the descriptor's.
const TRACK_LATENCY: Basis = Basis::assumed(
    0.0,
    20.0,
    "the sensor holds a track the battle manager reads directly; up to the infrared layer's 20 s \
     when its reports pass through the same ground processing",
);

/// The kinds each kind-specific key applies to.
const APPLIES: &[(&str, &[&str])] = &[
    ("constellation", &["infrared", "tracking"]),
    ("burnthrough_altitude_km", &["infrared", "tracking"]),
    ("max_range_km", &["infrared", "tracking", "radar"]),
    ("grazing_altitude_km", &["tracking"]),
    ("sees_cold_bodies", &["tracking"]),
    ("angle_error_urad", &["tracking"]),
    ("min_sensors", &["tracking"]),
    ("smoothing_time_s", &["tracking", "radar"]),
    ("site", &["radar"]),
    ("elevation_mask_deg", &["radar"]),
    ("boresight_azimuth_deg", &["radar"]),
    ("half_width_deg", &["radar"]),
    ("range_error_m", &["radar"]),
    ("angle_error_mrad", &["radar"]),
];

/// Read every `[[sensor]]`; `constellations` are the names sensors may use.
pub(crate) fn read_sensors(
    ctx: &mut Ctx,
    root: &TableReader<'_>,
    constellations: &[&str],
) -> Vec<SensorSpec> {
    let tables = match root.tables(
        ctx,
        "sensor",
        |i| format!("[[sensor]] #{}", i + 1),
        SENSOR_KEYS,
    ) {
        Field::Given(t) => t.value,
        _ => return Vec::new(),
    };
    let mut names: Vec<(String, Span)> = Vec::new();
    let mut out = Vec::new();
    for mut t in tables {
        let name = t.req_string(ctx, "name");
        let mut name_ok = false;
        if let Some(name) = &name {
            t.what = format!("[[sensor]] `{}`", name.value);
            let earlier: Vec<(&str, Span)> =
                names.iter().map(|(n, s)| (n.as_str(), s.clone())).collect();
            name_ok = check_unique_name(ctx, name, "sensor", &earlier);
            names.push((name.value.clone(), name.span.clone()));
        }
        let kind = read_kind(
            ctx,
            &t,
            constellations,
            name.as_ref().map(|n| n.value.as_str()),
        );
        t.finish(ctx);
        if let (true, Some(name), Some(kind)) = (name_ok, name, kind) {
            out.push(SensorSpec {
                name: name.value,
                kind,
            });
        }
    }
    out
}

/// Read `kind` and the keys of that kind.
fn read_kind(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    constellations: &[&str],
    name: Option<&str>,
) -> Option<SensorKind> {
    let kind = t.req_string(ctx, "kind")?;
    let Some(&kind_name) = KINDS.iter().find(|k| **k == kind.value) else {
        let help = match closest(&kind.value, KINDS) {
            Some(best) => format!("did you mean \"{best}\"? The kinds are {}", one_of(&KINDS)),
            None => format!(
                "the kinds are {}: infrared early-warning satellites, a tracking layer, a ground radar",
                one_of(&KINDS)
            ),
        };
        ctx.report(
            ProblemKind::InvalidValue,
            kind.span,
            format!("unknown sensor kind \"{}\"", kind.value),
            help,
        )
        .relabel("unknown kind");
        return None;
    };
    // Keys of other kinds.
    let mut ok = true;
    for (key, kinds) in APPLIES {
        if kinds.contains(&kind_name) || t.entry(key).is_none() {
            continue;
        }
        ok = false;
        let to: Vec<String> = kinds.iter().map(|k| format!("\"{k}\"")).collect();
        let to = match to.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => to.join(""),
        };
        let p = ctx
            .at(
                ProblemKind::Conflict,
                t.key_span(key),
                format!(
                    "`{key}` applies to kind = {to} sensors only, not to this \"{kind_name}\" sensor"
                ),
            )
            .with_help(format!(
                "remove it, or set `kind` to {to} if that is the sensor you mean"
            ))
            .with_label(format!("not for kind = \"{kind_name}\""));
        ctx.push(p);
    }
    let kind = match kind_name {
        "infrared" => read_infrared(ctx, t, constellations),
        "tracking" => read_tracking(ctx, t, constellations),
        _ => read_radar(ctx, t, name.unwrap_or("")),
    };
    if ok { kind } else { None }
}

/// `max_range_km` in m: > 0, infinite when absent (unless `required`).
fn max_range(ctx: &mut Ctx, t: &TableReader<'_>, required: bool) -> Option<f64> {
    match t.num(ctx, "max_range_km") {
        Field::Absent if required => {
            t.missing(ctx, "max_range_km");
            None
        }
        Field::Absent => Some(f64::INFINITY),
        f => f.given().map(|km| km.value * 1e3),
    }
}

/// The `constellation` a satellite sensor rides on, resolved by name.
fn carrier(ctx: &mut Ctx, t: &TableReader<'_>, constellations: &[&str]) -> Option<String> {
    let by = t.what.clone();
    t.req_string(ctx, "constellation")
        .and_then(|c| resolve_constellation(ctx, c, constellations, &by))
}

fn read_infrared(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    constellations: &[&str],
) -> Option<SensorKind> {
    let constellation = carrier(ctx, t, constellations);
    let burn = t.get(ctx, "burnthrough_altitude_km");
    let latency = t.get(ctx, "reporting_latency_s");
    let range = max_range(ctx, t, false);
    Some(SensorKind::Infrared {
        constellation: constellation?,
        burnthrough_altitude_m: burn? * 1e3,
        reporting_latency_s: latency?,
        max_range_m: range?,
    })
}

fn read_tracking(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    constellations: &[&str],
) -> Option<SensorKind> {
    let constellation = carrier(ctx, t, constellations);
    let grazing = t.get(ctx, "grazing_altitude_km");
    let range = max_range(ctx, t, false);
    let cold = t.flag(ctx, "sees_cold_bodies");
    let angle = t.get(ctx, "angle_error_urad");
    let min_sensors = t.count(ctx, "min_sensors").map(|n| n as usize);
    let burn = t.get(ctx, "burnthrough_altitude_km");
    let smoothing = t.get(ctx, "smoothing_time_s");
    let latency = track_latency(ctx, t);
    Some(SensorKind::Tracking {
        constellation: constellation?,
        grazing_altitude_m: grazing? * 1e3,
        max_range_m: range?,
        sees_cold_bodies: cold?,
        angle_error_rad: angle? / 1e6,
        min_sensors: min_sensors?,
        burnthrough_altitude_m: burn? * 1e3,
        smoothing_time_s: smoothing?,
        reporting_latency_s: latency?,
    })
}

fn read_radar(ctx: &mut Ctx, t: &TableReader<'_>, name: &str) -> Option<SensorKind> {
    let site = match t.table(ctx, "site", format!("the site of {}", t.what), POINT_KEYS) {
        Field::Given(s) => read_point(ctx, &s.value),
        Field::Absent => {
            t.missing(ctx, "site");
            None
        }
        Field::Invalid => None,
    };
    let range = max_range(ctx, t, true);
    let mask = t.get(ctx, "elevation_mask_deg");
    let azimuth = t.get(ctx, "boresight_azimuth_deg");
    let half = t.get(ctx, "half_width_deg");
    let range_error = t.get(ctx, "range_error_m");
    let angle = t.get(ctx, "angle_error_mrad");
    let smoothing = t.get(ctx, "smoothing_time_s");
    let latency = track_latency(ctx, t);
    Some(SensorKind::Radar(GroundRadar {
        name: name.to_owned(),
        site: site?,
        max_range_m: range?,
        elevation_mask_rad: mask?.to_radians(),
        boresight_azimuth_rad: azimuth?.to_radians(),
        half_width_rad: half?.to_radians(),
        range_error_m: range_error?,
        angle_error_rad: angle? / 1e3,
        smoothing_time_s: smoothing?,
        reporting_latency_s: latency?,
    }))
}

/// The default and range of `key` in the `[[sensor]]` table `t` when they
/// depend on its kind rather than being the descriptor's: a tracking
/// layer's or radar's `reporting_latency_s` defaults to 0 s with the range
/// of [`TRACK_LATENCY`]. `(default, low, high)`, in the key's unit.
pub(crate) fn kind_default(key: &str, t: &dyn toml_edit::TableLike) -> Option<(f64, f64, f64)> {
    let kind = t.get("kind").and_then(|k| k.as_str())?;
    let u = TRACK_LATENCY.uncertainty?;
    (key == "reporting_latency_s" && matches!(kind, "tracking" | "radar"))
        .then_some((0.0, u.low, u.high))
}

/// `reporting_latency_s` of a tracking layer or radar: as written, or
/// 0 s when absent (recorded with its own basis, [`TRACK_LATENCY`]).
fn track_latency(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<f64> {
    const KEY: &str = "reporting_latency_s";
    if t.entry(KEY).is_some() {
        return t.get(ctx, KEY);
    }
    let datum = Datum::new(t.path_of(KEY), 0.0, "s", TRACK_LATENCY).at(t.what.clone());
    ctx.use_value(t.span.start, datum);
    Some(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_specific_key_is_documented() {
        for (key, _) in APPLIES {
            assert!(SENSOR_KEYS.iter().any(|k| k.name == *key), "{key}");
        }
        // `name`, `kind` and `reporting_latency_s` apply to every kind.
        assert_eq!(APPLIES.len() + 3, SENSOR_KEYS.len());
    }
}
