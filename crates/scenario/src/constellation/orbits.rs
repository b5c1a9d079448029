//! `[[constellation.orbit]]` tables: one satellite each on an orbit given by
//! its perigee and apogee altitudes and its angles, checked with
//! [`Elements::validate`].

use cupola_physics::constants::WGS84_A;
use cupola_physics::orbit::{Elements, MIN_PERIGEE_ALTITUDE_M, OrbitError};

use crate::context::{Ctx, Span};
use crate::key::KeyDescriptor;
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};

/// Keys of a `[[constellation.orbit]]` table; the ranges are checked by
/// [`Elements::validate`], each problem located on its key.
pub(crate) const ORBIT_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::number("perigee_km")
        .unit("km")
        .rule("≥ 100")
        .plausible(200.0, 36_000.0)
        .example("perigee_km = 600.0")
        .doc("lowest altitude above the WGS84 equatorial radius, km, at least 100"),
    KeyDescriptor::number("apogee_km")
        .unit("km")
        .rule("≥ `perigee_km`")
        .plausible(200.0, 400_000.0)
        .example("apogee_km = 39700.0")
        .doc("highest altitude above the WGS84 equatorial radius, km, not below perigee_km"),
    KeyDescriptor::number("inclination_deg")
        .unit("degrees")
        .rule("[0, 180]")
        .example("inclination_deg = 63.4")
        .doc("inclination, degrees, in [0, 180]"),
    KeyDescriptor::number("raan_deg")
        .unit("degrees")
        .or_number(0.0)
        .example("raan_deg = 0.0")
        .doc("right ascension of the ascending node, from Greenwich at the epoch")
        .setting(),
    KeyDescriptor::number("arg_perigee_deg")
        .unit("degrees")
        .or_number(0.0)
        .example("arg_perigee_deg = 270.0")
        .doc("argument of perigee (270 puts the apogee over the north)")
        .setting(),
    KeyDescriptor::number("mean_anomaly_deg")
        .unit("degrees")
        .or_number(0.0)
        .example("mean_anomaly_deg = 0.0")
        .doc("mean anomaly at the epoch (180 is at apogee)")
        .setting(),
];

/// Read every `[[constellation.orbit]]` of the constellation `t`.
pub(crate) fn read_orbits(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Vec<Elements>> {
    let readers = match t.tables(
        ctx,
        "orbit",
        |i| format!("orbit {} of {}", i + 1, t.what),
        ORBIT_KEYS,
    ) {
        Field::Given(s) if s.value.is_empty() => {
            ctx.report(
                ProblemKind::MissingKey,
                s.span,
                format!("{} has an empty orbit list", t.what),
                "give at least one orbit, each under its own [[constellation.orbit]] header",
            );
            return None;
        }
        Field::Given(s) => s.value,
        _ => return None,
    };
    let read: Vec<Option<Elements>> = readers.iter().map(|r| read_orbit(ctx, r)).collect();
    read.into_iter().collect()
}

/// Semi-major axis (m) and eccentricity of the orbit with perigee and apogee
/// altitudes `hp_m` and `ha_m` above [`WGS84_A`].
fn shape(hp_m: f64, ha_m: f64) -> (f64, f64) {
    let rp = WGS84_A + hp_m;
    let ra = WGS84_A + ha_m;
    ((rp + ra) / 2.0, (ra - rp) / (ra + rp))
}

fn read_orbit(ctx: &mut Ctx, r: &TableReader<'_>) -> Option<Elements> {
    let perigee = r.num_unchecked(ctx, "perigee_km");
    let apogee = r.num_unchecked(ctx, "apogee_km");
    let inclination = r.num_unchecked(ctx, "inclination_deg");
    let raan = r.num_unchecked(ctx, "raan_deg");
    let arg_perigee = r.num_unchecked(ctx, "arg_perigee_deg");
    let mean_anomaly = r.num_unchecked(ctx, "mean_anomaly_deg");
    r.finish(ctx);

    let mut ok = perigee.is_some()
        && apogee.is_some()
        && inclination.is_some()
        && raan.is_some()
        && arg_perigee.is_some()
        && mean_anomaly.is_some();
    let span_of = |s: &Option<crate::context::Spanned<f64>>| s.as_ref().map(|s| s.span.clone());
    let spans: [(&str, Option<Span>); 3] = [
        ("perigee_km", span_of(&perigee)),
        ("apogee_km", span_of(&apogee)),
        ("inclination_deg", span_of(&inclination)),
    ];
    let hp = perigee.as_ref().map(|s| s.value);
    let ha = apogee.as_ref().map(|s| s.value);
    if let (Some(hp), Some(ha), Some(a)) = (hp, ha, &apogee)
        && ha < hp
    {
        ctx.report(
            ProblemKind::InvalidValue,
            a.span.clone(),
            format!("the apogee ({ha} km) is below the perigee ({hp} km)"),
            "apogee_km is the orbit's highest altitude and perigee_km its lowest: swap them, \
             or make them equal for a circular orbit",
        )
        .relabel("below perigee_km");
        ok = false;
    }
    // Stand-ins for missing values, so the others are still checked.
    let hp_km = hp.unwrap_or(MIN_PERIGEE_ALTITUDE_M / 1e3);
    let ha_km = ha.unwrap_or(hp_km).max(hp_km);
    let (a, e) = shape(hp_km * 1e3, ha_km * 1e3);
    let inc_deg = inclination.as_ref().map_or(0.0, |s| s.value);
    let deg =
        |s: &Option<crate::context::Spanned<f64>>| s.as_ref().map_or(0.0, |s| s.value.to_radians());
    let mut el = Elements {
        semi_major_axis_m: a,
        eccentricity: e,
        inclination_rad: inc_deg.to_radians(),
        raan_rad: deg(&raan),
        arg_perigee_rad: deg(&arg_perigee),
        mean_anomaly_rad: deg(&mean_anomaly),
    };
    let span = |key: &str| {
        spans
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, s)| s.clone())
    };
    // Report every problem `Elements::validate` finds, replacing each bad
    // value by a valid one before validating again.
    for _ in 0..4 {
        let Err(err) = el.validate() else { break };
        ok = false;
        match err {
            OrbitError::Inclination { .. } => {
                if let Some(s) = span("inclination_deg") {
                    ctx.report(
                        ProblemKind::InvalidValue,
                        s,
                        format!("`inclination_deg` must be in [0, 180] degrees, got {inc_deg}"),
                        "the angle between the orbit plane and the equator: 0 equatorial, 90 polar, \
                         above 90 retrograde (Molniya orbits use 63.4)",
                    )
                    .relabel("outside [0, 180]");
                }
                el.inclination_rad = 0.0;
            }
            OrbitError::PerigeeTooLow { .. } => {
                if let Some(s) = span("perigee_km") {
                    ctx.report(
                        ProblemKind::InvalidValue,
                        s,
                        format!(
                            "`perigee_km` must be at least {} km, got {hp_km} km",
                            MIN_PERIGEE_ALTITUDE_M / 1e3
                        ),
                        "the lowest altitude of the orbit above the WGS84 equatorial radius \
                         (6378.137 km); below 100 km (the Kármán line) an orbit decays within hours",
                    )
                    .relabel("below 100 km");
                }
                break;
            }
            other => {
                // Not reachable from finite keys with apogee ≥ perigee ≥ 100
                // km; report at the perigee all the same.
                let key = match other.field() {
                    "inclination_rad" => "inclination_deg",
                    _ => "perigee_km",
                };
                ctx.report(
                    ProblemKind::InvalidValue,
                    span(key).unwrap_or_else(|| r.span.clone()),
                    format!("this orbit is not valid: {other}"),
                    "check perigee_km, apogee_km and inclination_deg",
                );
                break;
            }
        }
    }
    if !ok {
        return None;
    }
    match Elements::new(
        el.semi_major_axis_m,
        el.eccentricity,
        el.inclination_rad,
        el.raan_rad,
        el.arg_perigee_rad,
        el.mean_anomaly_rad,
    ) {
        Ok(el) => Some(el),
        Err(e) => {
            ctx.report(
                ProblemKind::InvalidValue,
                r.span.clone(),
                format!("this orbit is not valid: {e}"),
                "check perigee_km, apogee_km and inclination_deg",
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perigee_and_apogee_give_the_shape() {
        let (a, e) = shape(600e3, 39_700e3);
        let el = Elements::new(a, e, 1.1, 0.0, 0.0, 0.0).expect("valid");
        assert!((el.perigee_altitude_m() - 600e3).abs() < 1e-6);
        assert!((el.apogee_altitude_m() - 39_700e3).abs() < 1e-6);
        let (_, e) = shape(500e3, 500e3);
        assert_eq!(e, 0.0, "equal altitudes give the circular fast path");
    }
}
