//! `[[constellation.shell]]` tables: Walker delta and star shells, checked
//! with [`Shell::validate`] and every problem located on its key.

use cupola_physics::constellation::{Shell, ShellError};
use cupola_physics::orbit::MIN_PERIGEE_ALTITUDE_M;

use crate::context::{Ctx, Span, Spanned, closest, one_of};
use crate::key::KeyDescriptor;
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};

/// Keys of a `[[constellation.shell]]` table; the ranges are checked by
/// [`Shell::validate`], each problem located on its key.
pub(crate) const SHELL_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::number("altitude_km")
        .unit("km")
        .rule("≥ 100")
        .plausible(300.0, 36_000.0)
        .example("altitude_km = 1000.0")
        .doc("altitude of the circular orbits above the WGS84 equatorial radius, km, at least 100"),
    KeyDescriptor::number("inclination_deg")
        .unit("degrees")
        .rule("[0, 180]")
        .example("inclination_deg = 55.0")
        .doc("inclination, degrees, in [0, 180]"),
    KeyDescriptor::integer("satellites")
        .rule("[1, 1000000], a multiple of `planes`")
        .example("satellites = 96")
        .doc("total number of satellites t, a multiple of `planes`"),
    KeyDescriptor::integer("planes")
        .rule("[1, 1000000]")
        .example("planes = 8")
        .doc("number of orbital planes p"),
    KeyDescriptor::integer("phasing")
        .or_integer(0)
        .rule("[0, `planes` − 1]")
        .example("phasing = 1")
        .doc("*f*, the Walker phasing factor")
        .setting(),
    KeyDescriptor::text("pattern")
        .or_text("delta")
        .rule("`\"delta\"`, `\"star\"`")
        .example("pattern = \"delta\"")
        .doc(
            "planes spread over 360° of RAAN (delta: GPS, Starlink) or 180° (star: near-polar, \
             Iridium)",
        )
        .setting(),
    KeyDescriptor::number("raan_offset_deg")
        .unit("degrees")
        .or_number(0.0)
        .example("raan_offset_deg = 0.0")
        .doc("RAAN of the first plane, from the Greenwich meridian at the epoch")
        .setting(),
];

/// Walker patterns accepted by `pattern`.
const PATTERNS: [&str; 2] = ["delta", "star"];

/// Most satellites (or planes) in one shell.
const MAX_COUNT: u64 = 1_000_000;

/// Read every `[[constellation.shell]]` of the constellation `t`.
pub(crate) fn read_shells(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Vec<Shell>> {
    let readers = match t.tables(
        ctx,
        "shell",
        |i| format!("shell {} of {}", i + 1, t.what),
        SHELL_KEYS,
    ) {
        Field::Given(s) if s.value.is_empty() => {
            ctx.report(
                ProblemKind::MissingKey,
                s.span,
                format!("{} has an empty shell list", t.what),
                "give at least one shell, each under its own [[constellation.shell]] header",
            );
            return None;
        }
        Field::Given(s) => s.value,
        _ => return None,
    };
    let read: Vec<Option<Shell>> = readers.iter().map(|r| read_shell(ctx, r)).collect();
    read.into_iter().collect()
}

/// A value read from a key, or a stand-in when it is missing or bad (so
/// that the other keys can still be checked); `span` is `None` for a
/// stand-in, whose problems are not reported.
struct Val<T> {
    value: T,
    span: Option<Span>,
}

impl<T> Val<T> {
    fn of(s: Option<Spanned<T>>, stand_in: T) -> Self {
        match s {
            Some(s) => Self {
                value: s.value,
                span: Some(s.span),
            },
            None => Self {
                value: stand_in,
                span: None,
            },
        }
    }
}

/// A satellite or plane count (or phasing): a non-negative integer no
/// larger than [`MAX_COUNT`].
fn count(ctx: &mut Ctx, r: &TableReader<'_>, key: &str) -> Option<Spanned<u32>> {
    let s = r.int_unchecked(ctx, key)?;
    if s.value > MAX_COUNT {
        ctx.report(
            ProblemKind::InvalidValue,
            s.span,
            format!(
                "`{key}` = {} is more than the {MAX_COUNT} one shell may hold",
                s.value
            ),
            "split a very large constellation into several shells, or check for a typo",
        )
        .relabel("too large");
        return None;
    }
    u32::try_from(s.value).ok().map(|value| Spanned {
        value,
        span: s.span,
    })
}

fn read_shell(ctx: &mut Ctx, r: &TableReader<'_>) -> Option<Shell> {
    let altitude = r.num_unchecked(ctx, "altitude_km");
    let inclination = r.num_unchecked(ctx, "inclination_deg");
    let total = count(ctx, r, "satellites");
    let planes = count(ctx, r, "planes");
    let phasing = count(ctx, r, "phasing");
    let pattern = read_pattern(ctx, r);
    let raan = r.num_unchecked(ctx, "raan_offset_deg");
    r.finish(ctx);

    let complete = altitude.is_some()
        && inclination.is_some()
        && total.is_some()
        && planes.is_some()
        && phasing.is_some()
        && pattern.is_some()
        && raan.is_some();
    let altitude = Val::of(altitude, MIN_PERIGEE_ALTITUDE_M / 1e3);
    let inclination = Val::of(inclination, 0.0);
    let planes = Val::of(planes, 1);
    let total = Val::of(total, planes.value.max(1));
    let phasing = Val::of(phasing, 0);
    let raan = Val::of(raan, 0.0);
    let make = match pattern {
        Some("star") => Shell::walker_star,
        _ => Shell::walker_delta,
    };
    let mut shell = make(
        altitude.value * 1e3,
        inclination.value.to_radians(),
        total.value,
        planes.value,
        phasing.value,
    )
    .with_raan_offset(raan.value.to_radians());

    // Report every problem `Shell::validate` finds: after each, replace the
    // offending value by a valid one and validate again.
    let mut ok = true;
    for _ in 0..8 {
        let Err(e) = shell.validate() else { break };
        ok = false;
        match e {
            ShellError::NonFinite { field, value } => {
                let (key, span) = match field {
                    "altitude_m" => ("altitude_km", &altitude.span),
                    "inclination_rad" => ("inclination_deg", &inclination.span),
                    _ => ("raan_offset_deg", &raan.span),
                };
                if let Some(span) = span {
                    ctx.report(
                        ProblemKind::InvalidValue,
                        span.clone(),
                        format!("`{key}` must be a finite number, got {value}"),
                        "give a finite value",
                    );
                }
                break;
            }
            ShellError::AltitudeTooLow { .. } => {
                if let Some(span) = &altitude.span {
                    ctx.report(
                        ProblemKind::InvalidValue,
                        span.clone(),
                        format!(
                            "`altitude_km` must be at least {} km, got {} km",
                            MIN_PERIGEE_ALTITUDE_M / 1e3,
                            altitude.value
                        ),
                        "the altitude of the circular orbits above the WGS84 equatorial radius \
                         (6378.137 km); below 100 km (the Kármán line) an orbit decays within hours. \
                         Low-orbit shells fly at about 500-1,200 km, GEO at 35,786 km",
                    )
                    .relabel("below 100 km");
                }
                shell.altitude_m = MIN_PERIGEE_ALTITUDE_M;
            }
            ShellError::Inclination { .. } => {
                if let Some(span) = &inclination.span {
                    ctx.report(
                        ProblemKind::InvalidValue,
                        span.clone(),
                        format!(
                            "`inclination_deg` must be in [0, 180] degrees, got {}",
                            inclination.value
                        ),
                        "the angle between the orbit planes and the equator: 0 equatorial, 90 polar, \
                         above 90 retrograde (sun-synchronous orbits are at about 97-99)",
                    )
                    .relabel("outside [0, 180]");
                }
                shell.inclination_rad = 0.0;
            }
            ShellError::ZeroCount { field } => {
                let (key, span) = if field == "total" {
                    ("satellites", &total.span)
                } else {
                    ("planes", &planes.span)
                };
                if let Some(span) = span {
                    ctx.report(
                        ProblemKind::InvalidValue,
                        span.clone(),
                        format!("`{key}` must be at least 1, got 0"),
                        "a shell has at least one plane with at least one satellite",
                    )
                    .relabel("must be ≥ 1");
                }
                if field == "total" {
                    shell.total = shell.planes.max(1);
                } else {
                    shell.planes = 1;
                    // The phasing range depends on the planes, which are
                    // unknown: do not report it.
                    shell.phasing = 0;
                }
            }
            ShellError::PlanesDoNotDivideTotal {
                total: t,
                planes: p,
            } => {
                if let (Some(span), Some(_)) = (&total.span, &planes.span) {
                    ctx.report(
                        ProblemKind::InvalidValue,
                        span.clone(),
                        format!(
                            "`satellites` = {t} is not divisible by `planes` = {p}: \
                             every plane of a Walker shell holds the same number of satellites"
                        ),
                        divisibility_help(t, p),
                    )
                    .relabel(format!("not a multiple of {p}"));
                }
                shell.total = shell.planes;
            }
            ShellError::Phasing {
                phasing: f,
                planes: p,
            } => {
                if let (Some(span), Some(_)) = (&phasing.span, &planes.span) {
                    ctx.report(
                        ProblemKind::InvalidValue,
                        span.clone(),
                        format!(
                            "`phasing` must be in [0, {}] (planes - 1), got {f}",
                            p.saturating_sub(1)
                        ),
                        format!(
                            "the Walker phasing factor f shifts each plane's satellites by f × 360°/t \
                             from the plane before; with {p} plane{} it is {}",
                            if p == 1 { "" } else { "s" },
                            phasing_range(p)
                        ),
                    )
                    .relabel(format!("outside [0, {}]", p.saturating_sub(1)));
                }
                shell.phasing = 0;
            }
        }
    }
    (ok && complete).then_some(shell)
}

/// Read `pattern`: `"delta"` (default) or `"star"`.
fn read_pattern(ctx: &mut Ctx, r: &TableReader<'_>) -> Option<&'static str> {
    let p = r.text(ctx, "pattern").given()?;
    if let Some(known) = PATTERNS.iter().find(|k| **k == p.value) {
        return Some(known);
    }
    let help = match closest(&p.value, PATTERNS) {
        Some(best) => format!(
            "did you mean \"{best}\"? The patterns are {}",
            one_of(&PATTERNS)
        ),
        None => format!(
            "the patterns are {}: \"delta\" spreads the planes over 360° of RAAN, \
             \"star\" over 180° (near-polar shells such as Iridium)",
            one_of(&PATTERNS)
        ),
    };
    ctx.report(
        ProblemKind::InvalidValue,
        p.span,
        format!("unknown Walker pattern \"{}\"", p.value),
        help,
    )
    .relabel("unknown pattern");
    None
}

/// Help for t not divisible by p: the nearest multiples of p, and the
/// divisors of t nearest to p.
fn divisibility_help(t: u32, p: u32) -> String {
    let below = t / p * p;
    let above = below + p;
    let multiples = if below == 0 {
        format!("{above}")
    } else {
        format!("{below} or {above}")
    };
    let divisors: Vec<u32> = (1..=t.isqrt())
        .filter(|d| t.is_multiple_of(*d))
        .flat_map(|d| [d, t / d])
        .collect();
    let lower = divisors.iter().copied().filter(|d| *d < p).max();
    let higher = divisors.iter().copied().filter(|d| *d > p).min();
    let planes = match (lower, higher) {
        (Some(l), Some(h)) => format!("{l} or {h}"),
        (Some(d), None) | (None, Some(d)) => format!("{d}"),
        (None, None) => "1".to_owned(),
    };
    format!(
        "t must be a multiple of p: use {multiples} satellites, or a number of planes that divides {t} \
         (e.g. {planes})"
    )
}

/// "0", "0 or 1", "0, 1 or 2", "0, 1, …, 11".
fn phasing_range(p: u32) -> String {
    match p {
        0 | 1 => "0".to_owned(),
        2..=4 => {
            let names: Vec<String> = (0..p).map(|f| f.to_string()).collect();
            let (last, rest) = names
                .split_last()
                .map_or(("0", &[][..]), |(l, r)| (l.as_str(), r));
            format!("{} or {last}", rest.join(", "))
        }
        _ => format!("0, 1, …, {}", p - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_names_multiples_and_divisors() {
        let h = divisibility_help(10, 3);
        assert!(h.contains("use 9 or 12 satellites"), "{h}");
        assert!(h.contains("(e.g. 2 or 5)"), "{h}");
        let h = divisibility_help(2, 3);
        assert!(h.contains("use 3 satellites"), "{h}");
        assert!(h.contains("(e.g. 2)"), "{h}");
        assert_eq!(phasing_range(1), "0");
        assert_eq!(phasing_range(3), "0, 1 or 2");
        assert_eq!(phasing_range(12), "0, 1, …, 11");
    }
}
