//! `[[launch]]` tables: the missile, launch site, aim point, trajectory
//! profile and launch time of each trajectory a scenario studies.

use cupola_physics::constants::R_EARTH_MEAN;
use cupola_physics::frames::Geodetic;
use cupola_threat::{Missile, Profile};

use crate::LaunchSpec;
use crate::context::{Ctx, Spanned, closest, one_of};
use crate::key::{Bound, KeyDescriptor};
use crate::missile::Declared;
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};

/// Keys of a `[[launch]]` table.
pub(crate) const LAUNCH_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::text("name")
        .optional()
        .shown_default("`\"launch N\"` (N from 1)")
        .rule("not empty")
        .example("name = \"first strike\"")
        .doc("label in reports"),
    KeyDescriptor::text("missile")
        .rule("a catalog name or an inline `[[missile]]` name")
        .example("missile = \"solid-icbm\"")
        .doc("a catalog missile or an inline [[missile]] name"),
    KeyDescriptor::table("site")
        .rule("see below")
        .example("site = { lat_deg = 41.0, lon_deg = 100.0, alt_km = 1.0 }")
        .doc("the launch point"),
    KeyDescriptor::table("aim")
        .rule("see below; ≥ 10 km from `site`")
        .example("aim = { lat_deg = 47.35, lon_deg = -101.75, alt_km = 0.0 }")
        .doc("the aim point"),
    KeyDescriptor::text("profile")
        .or_text("minimum_energy")
        .rule("`\"minimum_energy\"`, `\"lofted\"`, `\"depressed\"`")
        .example("profile = \"minimum_energy\"")
        .doc("trajectory shape")
        .setting(),
    KeyDescriptor::number("apogee_km")
        .unit("km")
        .optional()
        .range(Bound::Exclusive(0.0), Bound::Inclusive(10_000.0))
        .rule("see profiles")
        .plausible(100.0, 5_000.0)
        .example("apogee_km = 2000.0")
        .doc("apogee altitude of a lofted or depressed profile")
        .hint(
            "the apogee altitude above the Earth's surface in km: an ICBM's minimum-energy apogee \
             is about 1300 km at 10,000 km range",
        ),
    KeyDescriptor::number("flight_time_s")
        .unit("s")
        .optional()
        .positive()
        .rule("see profiles")
        .plausible(300.0, 3_600.0)
        .example("flight_time_s = 1500.0")
        .doc("lift-off to impact of a depressed profile")
        .hint("the time of flight from lift-off to impact in seconds, e.g. 1500"),
    KeyDescriptor::number("time_s")
        .unit("s")
        .or_number(0.0)
        .non_negative()
        .example("time_s = 0.0")
        .doc(
            "launch time after the scenario epoch: when the missile flies for sensor and \
             engagement studies; the trajectory's shape does not depend on it (the Earth's \
             gravity and rotation are the same at every hour)",
        )
        .hint("the launch time in seconds after the scenario epoch, 0 or later")
        .setting(),
];

/// Keys of a `site` or `aim` table.
pub(crate) const POINT_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::number("lat_deg")
        .unit("degrees")
        .closed(-90.0, 90.0)
        .example("lat_deg = 41.0")
        .doc("geodetic latitude, degrees, north positive")
        .hint("use a value between -90 and 90; south is negative"),
    KeyDescriptor::number("lon_deg")
        .unit("degrees")
        .closed(-180.0, 180.0)
        .example("lon_deg = 100.0")
        .doc("longitude, degrees, east positive")
        .hint("use a value between -180 and 180; west is negative"),
    KeyDescriptor::number("alt_km")
        .unit("km")
        .or_number(0.0)
        .closed(-0.5, 100.0)
        .example("alt_km = 0.0")
        .doc("height above the WGS84 ellipsoid (slightly negative for a submerged launch)")
        .hint(
            "alt_km is the height above the WGS84 ellipsoid in km: 0 at sea level, slightly \
             negative only for a submerged launch",
        )
        .setting(),
];

/// Profiles accepted by `profile`.
const PROFILES: [&str; 3] = ["minimum_energy", "lofted", "depressed"];

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
    let time_s = t.get(ctx, "time_s");
    if !points_ok {
        return None;
    }
    Some(LaunchSpec {
        defined_at: ctx.location(&t.span),
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
    let lat = t
        .num_unchecked(ctx, "lat_deg")
        .and_then(|s| coordinate(ctx, t, "lat_deg", "latitude", s, false, None));
    let lon = t.num_unchecked(ctx, "lon_deg").and_then(|s| {
        let wrapped = (s.value + 180.0).rem_euclid(360.0) - 180.0;
        let note = format!(" ({}° is written {wrapped})", s.value);
        coordinate(ctx, t, "lon_deg", "longitude", s, false, Some(note))
    });
    let alt = t
        .num_unchecked(ctx, "alt_km")
        .and_then(|s| coordinate(ctx, t, "alt_km", "altitude", s, true, None));
    t.finish(ctx);
    Some(Geodetic::from_degrees(lat?, lon?, alt? * 1e3))
}

/// Check a coordinate of a point against its key's range, reporting it
/// as `what` ("latitude"); `unit_after` repeats the unit after the value,
/// `note` is added to the hint.
fn coordinate(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    key: &str,
    what: &str,
    s: Spanned<f64>,
    unit_after: bool,
    note: Option<String>,
) -> Option<f64> {
    let d = t.descriptor(key);
    if d.allowed.contains(s.value) {
        return Some(s.value);
    }
    let range = d.allowed.interval().unwrap_or_default();
    let unit = d.unit;
    let after = if unit_after {
        format!(" {unit}")
    } else {
        String::new()
    };
    ctx.report(
        ProblemKind::InvalidValue,
        s.span,
        format!("{what} must be in {range} {unit}, got {}{after}", s.value),
        format!("{}{}", d.hint, note.unwrap_or_default()),
    )
    .relabel(format!("outside {range}"));
    None
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
        let d = t.descriptor("apogee_km");
        if d.allowed.contains(s.value) {
            return Some(s.value);
        }
        let range = d.allowed.interval().unwrap_or_default();
        ctx.report(
            ProblemKind::InvalidValue,
            s.span,
            format!("`apogee_km` must be in {range} km, got {} km", s.value),
            d.hint,
        )
        .relabel(format!("outside {range}"));
        None
    });
    let time_field = t.number(ctx, "flight_time_s");
    let time_present = time_field.is_present();
    let flight_time_s = time_field
        .given()
        .and_then(|s| t.check(ctx, "flight_time_s", s));
    let defaulted = t.entry("profile").is_none();
    let kind = t.text(ctx, "profile").given()?;
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
    /// The default scenario's launch from 41°N aims 10,000 km away by
    /// cupola's range measure (geocentric great circle on the 6,371 km sphere).
    #[test]
    fn default_target_is_ten_thousand_km_away() {
        let s = crate::default_scenario();
        let l = &s.launches[1];
        let d = cupola_physics::frames::ground_distance(l.site.to_ecef(), l.aim.to_ecef());
        assert!((d - 10_000e3).abs() < 1_000.0, "{d}");
    }
}
