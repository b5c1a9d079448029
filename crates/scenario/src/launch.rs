//! `[[launch]]` tables: the missile, launch site, aim point, trajectory
//! profile and launch time of each trajectory a scenario studies.

use cupola_physics::constants::R_EARTH_MEAN;
use cupola_physics::frames::Geodetic;
use cupola_threat::{Missile, Profile};

use crate::LaunchSpec;
use crate::context::{Ctx, Spanned, closest, one_of};
use crate::key::{KeyDescriptor, KeyKind};
use crate::missile::{Declared, non_negative, positive};
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};

/// Keys of a `[[launch]]` table.
pub(crate) const LAUNCH_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::new("name", KeyKind::Other(""))
        .example("name = \"first strike\"")
        .doc("a label for reports, default \"launch N\""),
    KeyDescriptor::new("missile", KeyKind::Other(""))
        .example("missile = \"solid-icbm\"")
        .doc("a catalog missile or an inline [[missile]] name"),
    KeyDescriptor::new("site", KeyKind::Other(""))
        .example("site = { lat_deg = 41.0, lon_deg = 100.0, alt_km = 1.0 }")
        .doc("the launch point"),
    KeyDescriptor::new("aim", KeyKind::Other(""))
        .example("aim = { lat_deg = 47.35, lon_deg = -101.75, alt_km = 0.0 }")
        .doc("the aim point"),
    KeyDescriptor::new("profile", KeyKind::Other(""))
        .example("profile = \"minimum_energy\"")
        .doc("\"minimum_energy\" (default), \"lofted\" or \"depressed\""),
    KeyDescriptor::new("apogee_km", KeyKind::Other(""))
        .example("apogee_km = 2000.0")
        .doc("apogee altitude of a lofted or depressed profile, km"),
    KeyDescriptor::new("flight_time_s", KeyKind::Other(""))
        .example("flight_time_s = 1500.0")
        .doc("flight time of a depressed profile, s"),
    KeyDescriptor::new("time_s", KeyKind::Other(""))
        .example("time_s = 0.0")
        .doc("launch time after the scenario epoch, s, default 0"),
];

/// Keys of a `site` or `aim` table.
pub(crate) const POINT_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::new("lat_deg", KeyKind::Other(""))
        .example("lat_deg = 41.0")
        .doc("geodetic latitude, degrees, north positive"),
    KeyDescriptor::new("lon_deg", KeyKind::Other(""))
        .example("lon_deg = 100.0")
        .doc("longitude, degrees, east positive"),
    KeyDescriptor::new("alt_km", KeyKind::Other(""))
        .example("alt_km = 0.0")
        .doc("height above the WGS84 ellipsoid, km, default 0"),
];

/// Profiles accepted by `profile`.
const PROFILES: [&str; 3] = ["minimum_energy", "lofted", "depressed"];

/// Largest accepted apogee altitude, km.
const MAX_APOGEE_KM: f64 = 10_000.0;

/// Closest allowed distance between launch site and aim point, km.
const MIN_RANGE_KM: f64 = 10.0;

/// Read every `[[launch]]`; `inline` are the scenario's own missiles.
pub(crate) fn read_launches(
    ctx: &mut Ctx,
    root: &TableReader<'_>,
    inline: &[Declared],
    catalog: &[Missile],
    anchor: &crate::context::Span,
) -> Vec<LaunchSpec> {
    let tables = match root.tables(
        ctx,
        "launch",
        |i| format!("[[launch]] #{}", i + 1),
        LAUNCH_KEYS,
    ) {
        Field::Given(t) => t.value,
        Field::Invalid => return Vec::new(),
        Field::Absent => Vec::new(),
    };
    if tables.is_empty() {
        ctx.report(
            ProblemKind::MissingKey,
            anchor.clone(),
            "the scenario has no [[launch]]: there is nothing to simulate",
            "add at least one launch, e.g.\n[[launch]]\nmissile = \"solid-icbm\"\n\
             site = { lat_deg = 41.0, lon_deg = 100.0 }\naim = { lat_deg = 47.35, lon_deg = -101.75 }",
        );
    }
    let mut out = Vec::new();
    for (i, mut t) in tables.into_iter().enumerate() {
        if let Some(launch) = read_launch(ctx, &mut t, i, inline, catalog) {
            out.push(launch);
        }
        t.finish(ctx);
    }
    out
}

fn read_launch(
    ctx: &mut Ctx,
    t: &mut TableReader<'_>,
    index: usize,
    inline: &[Declared],
    catalog: &[Missile],
) -> Option<LaunchSpec> {
    let name = match t.string(ctx, "name") {
        Field::Given(n) if n.value.trim().is_empty() => {
            ctx.report(
                ProblemKind::InvalidValue,
                n.span,
                "a launch `name` must not be empty",
                "remove it to get the default name, or write e.g. `name = \"first strike\"`",
            );
            None
        }
        Field::Given(n) => {
            t.what = format!("[[launch]] `{}`", n.value);
            Some(n.value)
        }
        Field::Absent => Some(format!("launch {}", index + 1)),
        Field::Invalid => None,
    };
    let missile = t
        .req_string(ctx, "missile")
        .and_then(|m| resolve(ctx, &m, inline, catalog));

    let site = match t.table(ctx, "site", format!("the site of {}", t.what), POINT_KEYS) {
        Field::Given(s) => read_point(ctx, &s.value).map(|g| (g, s.span)),
        Field::Absent => {
            t.missing(ctx, "site");
            None
        }
        Field::Invalid => None,
    };
    let aim = match t.table(
        ctx,
        "aim",
        format!("the aim point of {}", t.what),
        POINT_KEYS,
    ) {
        Field::Given(s) => read_point(ctx, &s.value).map(|g| (g, s.span)),
        Field::Absent => {
            t.missing(ctx, "aim");
            None
        }
        Field::Invalid => None,
    };
    let mut points_ok = site.is_some() && aim.is_some();
    if let (Some((s, _)), Some((a, aim_span))) = (&site, &aim) {
        let d_km = sphere_distance_km(s, a);
        if d_km < MIN_RANGE_KM {
            let p = ctx
                .at(
                    ProblemKind::InvalidValue,
                    aim_span.clone(),
                    format!(
                        "the aim point is {d_km:.1} km from the launch site; it must be at least {MIN_RANGE_KM} km away"
                    ),
                )
                .with_help("move the aim point: a ballistic missile needs a down-range target")
                .with_label("too close to the site");
            ctx.push(p);
            points_ok = false;
        }
    }

    let profile = read_profile(ctx, t);
    let time_s_in = t.opt_number(ctx, "time_s", 0.0);
    let time_s = non_negative(
        ctx,
        time_s_in,
        "time_s",
        "s",
        "the launch time in seconds after the scenario epoch, 0 or later",
    );
    if !points_ok {
        return None;
    }
    Some(LaunchSpec {
        name: name?,
        missile: missile?,
        site: site?.0,
        aim: aim?.0,
        profile: profile?,
        time_s: time_s?,
    })
}

/// Find a missile by name: inline definitions first, then the catalog.
fn resolve(
    ctx: &mut Ctx,
    name: &Spanned<String>,
    inline: &[Declared],
    catalog: &[Missile],
) -> Option<Missile> {
    if let Some(d) = inline.iter().find(|d| d.name == name.value) {
        // An inline missile with problems has been reported already.
        return d.missile.clone();
    }
    if let Some(m) = catalog.iter().find(|m| m.name == name.value) {
        return Some(m.clone());
    }
    let names: Vec<&str> = catalog
        .iter()
        .map(|m| m.name.as_str())
        .chain(inline.iter().map(|d| d.name.as_str()))
        .collect();
    let help = match closest(&name.value, names.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? Known missiles: {}", one_of(&names)),
        None => format!(
            "use a catalog missile ({}) or define one in a [[missile]] table",
            one_of(&names)
        ),
    };
    let p = ctx
        .at(
            ProblemKind::UnknownMissile,
            name.span.clone(),
            format!("unknown missile `{}`", name.value),
        )
        .with_help(help)
        .with_label("not in the catalog nor defined here");
    ctx.push(p);
    None
}

/// Read a `site` or `aim` table.
pub(crate) fn read_point(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Geodetic> {
    let lat = t.req_number(ctx, "lat_deg").and_then(|s| {
        if (-90.0..=90.0).contains(&s.value) {
            Some(s.value)
        } else {
            ctx.report(
                ProblemKind::InvalidValue,
                s.span,
                format!("latitude must be in [-90, 90] degrees, got {}", s.value),
                "use a value between -90 and 90; south is negative",
            )
            .relabel("outside [-90, 90]");
            None
        }
    });
    let lon = t.req_number(ctx, "lon_deg").and_then(|s| {
        if (-180.0..=180.0).contains(&s.value) {
            Some(s.value)
        } else {
            let wrapped = (s.value + 180.0).rem_euclid(360.0) - 180.0;
            ctx.report(
                ProblemKind::InvalidValue,
                s.span,
                format!("longitude must be in [-180, 180] degrees, got {}", s.value),
                format!(
                    "use a value between -180 and 180; west is negative ({}° is written {wrapped})",
                    s.value
                ),
            )
            .relabel("outside [-180, 180]");
            None
        }
    });
    let alt = t.opt_number(ctx, "alt_km", 0.0).and_then(|s| {
        if (-0.5..=100.0).contains(&s.value) {
            Some(s.value)
        } else {
            ctx.report(
                ProblemKind::InvalidValue,
                s.span,
                format!("altitude must be in [-0.5, 100] km, got {} km", s.value),
                "alt_km is the height above the WGS84 ellipsoid in km: 0 at sea level, \
                 slightly negative only for a submerged launch",
            )
            .relabel("outside [-0.5, 100]");
            None
        }
    });
    t.finish(ctx);
    Some(Geodetic::from_degrees(lat?, lon?, alt? * 1e3))
}

/// Great-circle distance between two points on a sphere of the Earth's mean
/// radius (6371 km), ignoring altitude, km.
pub(crate) fn sphere_distance_km(a: &Geodetic, b: &Geodetic) -> f64 {
    let dlat = b.lat - a.lat;
    let dlon = b.lon - a.lon;
    let h = (dlat / 2.0).sin().powi(2) + a.lat.cos() * b.lat.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * h.sqrt().min(1.0).asin() * R_EARTH_MEAN / 1e3
}

/// Read `profile`, `apogee_km` and `flight_time_s` and check they fit.
fn read_profile(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Profile> {
    let apogee_field = t.number(ctx, "apogee_km");
    let apogee_present = apogee_field.is_present();
    let apogee_km = apogee_field.given().and_then(|s| {
        if s.value > 0.0 && s.value <= MAX_APOGEE_KM {
            Some(s.value)
        } else {
            ctx.report(
                ProblemKind::InvalidValue,
                s.span,
                format!("`apogee_km` must be in (0, {MAX_APOGEE_KM}] km, got {} km", s.value),
                "the apogee altitude above the Earth's surface in km: an ICBM's minimum-energy apogee is \
                 about 1300 km at 10,000 km range",
            )
            .relabel("outside (0, 10000]");
            None
        }
    });
    let time_field = t.number(ctx, "flight_time_s");
    let time_present = time_field.is_present();
    let flight_time_s = positive(
        ctx,
        time_field.given(),
        "flight_time_s",
        "s",
        "the time of flight from lift-off to impact in seconds, e.g. 1500",
    );

    let profile_field = t.string(ctx, "profile");
    let defaulted = !profile_field.is_present();
    let kind = profile_field.or("minimum_energy".to_owned(), &t.span)?;
    if !PROFILES.contains(&kind.value.as_str()) {
        let help = match closest(&kind.value, PROFILES) {
            Some(best) => format!(
                "did you mean \"{best}\"? The profiles are {}",
                one_of(&PROFILES)
            ),
            None => format!("the profiles are {}", one_of(&PROFILES)),
        };
        ctx.report(
            ProblemKind::InvalidValue,
            kind.span,
            format!("unknown trajectory profile \"{}\"", kind.value),
            help,
        )
        .relabel("unknown profile");
        return None;
    }
    let conflict = |ctx: &mut Ctx, key: &str, help: &str| {
        let what = if defaulted {
            "the minimum_energy profile (the default when `profile` is not given)".to_owned()
        } else {
            format!("the {} profile", kind.value)
        };
        let p = ctx
            .at(
                ProblemKind::Conflict,
                t.key_span(key),
                format!("`{key}` does not apply to {what}"),
            )
            .with_help(help.to_owned())
            .with_label("not used by this profile");
        ctx.push(p);
    };
    let needs = |ctx: &mut Ctx, message: String, help: &str| {
        let p = ctx
            .at(ProblemKind::MissingKey, kind.span.clone(), message)
            .with_help(help.to_owned())
            .with_label("this profile needs more");
        ctx.push(p);
    };
    match kind.value.as_str() {
        "lofted" => {
            if time_present {
                conflict(
                    ctx,
                    "flight_time_s",
                    "remove it: a lofted profile is set by `apogee_km`",
                );
            }
            if !apogee_present {
                needs(
                    ctx,
                    "a lofted profile needs `apogee_km`".to_owned(),
                    "add e.g. `apogee_km = 3000.0`, an apogee above the minimum-energy one for the range",
                );
                return None;
            }
            if time_present {
                return None;
            }
            Some(Profile::Lofted {
                apogee_m: apogee_km? * 1e3,
            })
        }
        "depressed" => match (apogee_present, time_present) {
            (true, true) => {
                let p = ctx
                    .at(
                        ProblemKind::Conflict,
                        t.key_span("flight_time_s"),
                        "a depressed profile takes `apogee_km` or `flight_time_s`, not both",
                    )
                    .with_help("keep the one you mean and delete the other")
                    .with_label("second constraint");
                ctx.push(p);
                None
            }
            (false, false) => {
                needs(
                    ctx,
                    "a depressed profile needs `apogee_km` or `flight_time_s`".to_owned(),
                    "add e.g. `apogee_km = 500.0` or `flight_time_s = 1200.0`, below the minimum-energy values",
                );
                None
            }
            (true, false) => Some(Profile::Depressed {
                apogee_m: apogee_km? * 1e3,
            }),
            (false, true) => Some(Profile::DepressedTime {
                flight_time_s: flight_time_s?,
            }),
        },
        _ => {
            let mut ok = true;
            if apogee_present {
                conflict(
                    ctx,
                    "apogee_km",
                    "remove it, or set `profile = \"lofted\"` (higher than minimum energy) or \
                     `profile = \"depressed\"` (lower)",
                );
                ok = false;
            }
            if time_present {
                conflict(
                    ctx,
                    "flight_time_s",
                    "remove it, or set `profile = \"depressed\"`",
                );
                ok = false;
            }
            ok.then_some(Profile::MinimumEnergy)
        }
    }
}

#[cfg(test)]
mod tests {
    /// The default scenario's aim point is 10,000 km from its launch point by
    /// cupola's range measure (geocentric great circle on the 6,371 km sphere).
    #[test]
    fn default_target_is_ten_thousand_km_away() {
        let s = crate::default_scenario();
        let l = &s.launches[0];
        let d = cupola_physics::frames::ground_distance(l.site.to_ecef(), l.aim.to_ecef());
        assert!((d - 10_000e3).abs() < 1_000.0, "{d}");
    }
}
