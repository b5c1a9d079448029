//! Reading `[[sensor]]` tables: `kind`, the keys of that kind, and keys of
//! other kinds reported as conflicts.

use cupola_defense::GroundRadar;

use super::{SensorKind, SensorSpec};
use crate::constellation::{check_unique_name, resolve_constellation};
use crate::context::{Ctx, Span, closest, one_of};
use crate::key::{KeyDescriptor, KeyKind};
use crate::launch::{POINT_KEYS, read_point};
use crate::missile::{non_negative, positive, within};
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};

/// Sensor kinds accepted by `kind`.
const KINDS: [&str; 3] = ["infrared", "tracking", "radar"];

/// Keys of a `[[sensor]]` table, with the kinds each applies to (`name` and
/// `kind` apply to all).
pub(crate) const SENSOR_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::new("name", KeyKind::Other("")).example("name = \"sbirs\"").doc("a label for reports, unique among sensors"),
    KeyDescriptor::new("kind", KeyKind::Other("")).example("kind = \"infrared\"").doc("\"infrared\", \"tracking\" or \"radar\""),
    KeyDescriptor::new("constellation", KeyKind::Other("")).example("constellation = \"geo-ir\"").doc("the [[constellation]] carrying the sensors (infrared, tracking)"),
    KeyDescriptor::new("burnthrough_altitude_km", KeyKind::Other("")).example("burnthrough_altitude_km = 12.0").doc("altitude the plume must clear to be seen, km, default 12 (infrared)"),
    KeyDescriptor::new("reporting_latency_s", KeyKind::Other("")).example("reporting_latency_s = 20.0").doc("delay from first sight to a report, s, default 20 (infrared)"),
    KeyDescriptor::new("max_range_km", KeyKind::Other("")).example("max_range_km = 5000.0").doc("largest detection range, km (required for radar; default unlimited otherwise)"),
    KeyDescriptor::new("grazing_altitude_km", KeyKind::Other("")).example("grazing_altitude_km = 0.0").doc("lowest altitude the line of sight may pass over the Earth, km, default 0 (tracking)"),
    KeyDescriptor::new("sees_cold_bodies", KeyKind::Other("")).example("sees_cold_bodies = true").doc("whether cold post-boost objects are seen, default true (tracking)"),
    KeyDescriptor::new("angle_error_urad", KeyKind::Other("")).example("angle_error_urad = 20.0").doc("one-sigma line-of-sight error of one sensor, µrad, default 20 (tracking)"),
    KeyDescriptor::new("min_sensors", KeyKind::Other("")).example("min_sensors = 2").doc("sensors that must see a target at once to track it, at least 2, default 2 (tracking)"),
    KeyDescriptor::new("smoothing_time_s", KeyKind::Other("")).example("smoothing_time_s = 10.0").doc("time constant of the track's smoothing, s, default 10 (tracking)"),
    KeyDescriptor::new("site", KeyKind::Other("")).example("site = { lat_deg = 64.3, lon_deg = -149.2, alt_km = 0.2 }").doc("the radar's location (radar)"),
    KeyDescriptor::new("elevation_mask_deg", KeyKind::Other("")).example("elevation_mask_deg = 5.0").doc("lowest elevation seen, degrees, in [-5, 90), default 5 (radar)"),
    KeyDescriptor::new("boresight_azimuth_deg", KeyKind::Other("")).example("boresight_azimuth_deg = 0.0").doc("centre of the field of regard, degrees clockwise from north, in [0, 360), default 0 (radar)"),
    KeyDescriptor::new("half_width_deg", KeyKind::Other("")).example("half_width_deg = 180.0").doc("half-width in azimuth of the field of regard, degrees, in (0, 180], default 180 (radar)"),
    KeyDescriptor::new("range_error_m", KeyKind::Other("")).example("range_error_m = 10.0").doc("one-sigma range error, m, default 10 (radar)"),
    KeyDescriptor::new("angle_error_mrad", KeyKind::Other("")).example("angle_error_mrad = 1.0").doc("one-sigma angle error, mrad, default 1 (radar)"),
];

/// The kinds each kind-specific key applies to.
const APPLIES: &[(&str, &[&str])] = &[
    ("constellation", &["infrared", "tracking"]),
    ("burnthrough_altitude_km", &["infrared", "tracking"]),
    ("reporting_latency_s", &["infrared"]),
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
    let field = t.number(ctx, "max_range_km");
    let given = if required {
        t.require(ctx, "max_range_km", field)
    } else {
        match field {
            Field::Absent => return Some(f64::INFINITY),
            f => f.given(),
        }
    };
    positive(
        ctx,
        given,
        "max_range_km",
        "km",
        "the largest sensor-to-target range in km; leave it out (infrared, tracking) for no limit",
    )
    .map(|km| km * 1e3)
}

/// The `constellation` a satellite sensor rides on, resolved by name.
fn carrier(ctx: &mut Ctx, t: &TableReader<'_>, constellations: &[&str]) -> Option<String> {
    let by = t.what.clone();
    t.req_string(ctx, "constellation")
        .and_then(|c| resolve_constellation(ctx, c, constellations, &by))
}

/// `burnthrough_altitude_km` (default 12), shared by infrared and tracking
/// sensors.
fn burnthrough_km(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<f64> {
    let burn_in = t.opt_number(ctx, "burnthrough_altitude_km", 12.0);
    positive(
        ctx,
        burn_in,
        "burnthrough_altitude_km",
        "km",
        "the altitude a booster's plume must clear to be seen, in km (about 10-15 km, above the \
         clouds and most water vapour)",
    )
}

/// `smoothing_time_s` (default 10), shared by tracking layers and radars.
fn smoothing_time_s(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<f64> {
    let smoothing_in = t.opt_number(ctx, "smoothing_time_s", 10.0);
    positive(
        ctx,
        smoothing_in,
        "smoothing_time_s",
        "s",
        "the time constant of the track's smoothing in seconds: the error falls as 1/√(1 + t/τ)",
    )
}

fn read_infrared(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    constellations: &[&str],
) -> Option<SensorKind> {
    let constellation = carrier(ctx, t, constellations);
    let burn = burnthrough_km(ctx, t);
    let latency_in = t.opt_number(ctx, "reporting_latency_s", 20.0);
    let latency = non_negative(
        ctx,
        latency_in,
        "reporting_latency_s",
        "s",
        "seconds from first sight to a report reaching the battle manager, 0 or more",
    );
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
    let grazing_in = t.opt_number(ctx, "grazing_altitude_km", 0.0);
    let grazing = non_negative(
        ctx,
        grazing_in,
        "grazing_altitude_km",
        "km",
        "the lowest altitude, in km, at which a line of sight may pass over the Earth: 0 sees a hot \
         booster against the Earth, about 100 sees cold objects against space",
    );
    let range = max_range(ctx, t, false);
    let cold = t.bool(ctx, "sees_cold_bodies").or(true, &t.span);
    let angle_in = t.opt_number(ctx, "angle_error_urad", 20.0);
    let angle = positive(
        ctx,
        angle_in,
        "angle_error_urad",
        "µrad",
        "the one-sigma line-of-sight angle error of one sensor in microradians, e.g. 20",
    );
    let min_sensors = match t.unsigned(ctx, "min_sensors").or(2, &t.span) {
        Some(s) if s.value < 2 => {
            ctx.report(
                ProblemKind::InvalidValue,
                s.span,
                format!("`min_sensors` must be at least 2, got {}", s.value),
                "a track is triangulated from two or more lines of sight: one sensor alone gives \
                 a direction, not a position",
            )
            .relabel("must be ≥ 2");
            None
        }
        Some(s) => usize::try_from(s.value).ok(),
        None => None,
    };
    let burn = burnthrough_km(ctx, t);
    let smoothing = smoothing_time_s(ctx, t);
    Some(SensorKind::Tracking {
        constellation: constellation?,
        grazing_altitude_m: grazing? * 1e3,
        max_range_m: range?,
        sees_cold_bodies: cold?.value,
        angle_error_rad: angle? / 1e6,
        min_sensors: min_sensors?,
        burnthrough_altitude_m: burn? * 1e3,
        smoothing_time_s: smoothing?,
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
    let mask_in = t.opt_number(ctx, "elevation_mask_deg", 5.0);
    let mask = within(
        ctx,
        mask_in,
        "elevation_mask_deg",
        |v| (-5.0..90.0).contains(&v),
        "[-5, 90)",
        "degrees",
        "the lowest elevation above the horizon the radar sees, in degrees: a few degrees for \
         terrain and clutter, slightly negative on a mountain top",
    );
    let azimuth_in = t.opt_number(ctx, "boresight_azimuth_deg", 0.0);
    let azimuth = within(
        ctx,
        azimuth_in,
        "boresight_azimuth_deg",
        |v| (0.0..360.0).contains(&v),
        "[0, 360)",
        "degrees",
        "the centre of the field of regard in degrees clockwise from north: 0 north, 90 east, \
         270 west",
    );
    let half_in = t.opt_number(ctx, "half_width_deg", 180.0);
    let half = within(
        ctx,
        half_in,
        "half_width_deg",
        |v| v > 0.0 && v <= 180.0,
        "(0, 180]",
        "degrees",
        "half the azimuth width of the field of regard in degrees: 60 for one 120° face, \
         180 (the default) for all round",
    );
    let range_err_in = t.opt_number(ctx, "range_error_m", 10.0);
    let range_error = positive(
        ctx,
        range_err_in,
        "range_error_m",
        "m",
        "the one-sigma range error in metres, e.g. 10",
    );
    let angle_in = t.opt_number(ctx, "angle_error_mrad", 1.0);
    let angle = positive(
        ctx,
        angle_in,
        "angle_error_mrad",
        "mrad",
        "the one-sigma angle error in milliradians, e.g. 1",
    );
    let smoothing = smoothing_time_s(ctx, t);
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
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_specific_key_is_documented() {
        for (key, _) in APPLIES {
            assert!(SENSOR_KEYS.iter().any(|k| k.name == *key), "{key}");
        }
        assert_eq!(APPLIES.len() + 2, SENSOR_KEYS.len());
    }
}
