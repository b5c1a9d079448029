//! `[[engage.terminal]]`: terminal-defense batteries, upper tier
//! (THAAD-like) or short range (Iron-Dome-like), cued by a tracking layer
//! or a ground radar.

use cupola_analysis::engage::{TerminalBattery, TerminalKind};
use cupola_physics::frames::ground_distance;

use super::layer::{
    Cueing, DOCTRINE_KEY, INVENTORY_HINT, KILL_ASSESSMENT_KEY, MAX_INVENTORY, Named, PK_HINT,
    SHOTS_KEY, read_doctrine, read_inventory, read_name, read_site,
};
use crate::LaunchSpec;
use crate::context::{Ctx, Spanned, closest, one_of};
use crate::key::{Bound, KeyDescriptor};
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};

/// Keys of a `[[engage.terminal]]` table.
/// Why the upper-tier envelope is assumed, and its range.
const THAAD_ENVELOPE: &str = "a THAAD-class battery: public figures give about 200 km of range and \
     intercepts from about 40 to 150 km up; against ICBM warheads, faster than its design threat, \
     the envelope shrinks";

pub(crate) const TERMINAL_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::text("name")
        .rule("not empty, unique among **all** midcourse sites and terminal batteries")
        .example("name = \"THAAD battery\"")
        .doc("a label for reports, unique among the midcourse sites and terminal batteries"),
    KeyDescriptor::table("site")
        .rule("as a launch `site`")
        .example("site = { lat_deg = 47.35, lon_deg = -101.75 }")
        .doc("where the battery is"),
    KeyDescriptor::text("kind")
        .or_text("upper_tier")
        .rule("`\"upper_tier\"`, `\"short_range\"`")
        .example("kind = \"upper_tier\"")
        .doc(
            "what it engages: an upper-tier (THAAD-like) or a short-range (Iron-Dome-like) defense",
        )
        .setting(),
    KeyDescriptor::number("max_threat_range_km")
        .unit("km")
        .optional()
        .shown_default("— (required for `\"short_range\"`; a `Conflict` for `\"upper_tier\"`)")
        .positive()
        .plausible(4.0, 3_000.0)
        .example("max_threat_range_km = 70.0")
        .doc("longest range (launch point to aim point) of a threat the battery engages")
        .hint(
            "the longest range, launch point to aim point, of a threat the battery engages, \
             in km, e.g. 70",
        ),
    KeyDescriptor::number("footprint_km")
        .unit("km")
        .or_number(200.0)
        .range(Bound::Exclusive(0.0), Bound::Inclusive(5_000.0))
        .plausible(5.0, 500.0)
        .example("footprint_km = 200.0")
        .doc("radius of the defended footprint on the ground")
        .hint(
            "the radius in km of the ground the battery defends around its site, above 0 and at \
             most 5000, e.g. 200 for an upper-tier battery",
        )
        .assumed(100.0, 300.0, THAAD_ENVELOPE),
    KeyDescriptor::number("min_altitude_km")
        .unit("km")
        .or_number(40.0)
        .non_negative()
        .plausible(0.0, 100.0)
        .example("min_altitude_km = 40.0")
        .doc("lowest intercept altitude")
        .hint("the lowest altitude in km at which the battery intercepts, 0 or more, e.g. 40")
        .assumed(30.0, 50.0, THAAD_ENVELOPE),
    KeyDescriptor::number("max_altitude_km")
        .unit("km")
        .or_number(MAX_ALTITUDE_KM)
        .rule("> `min_altitude_km`")
        .plausible(5.0, 200.0)
        .example("max_altitude_km = 150.0")
        .doc("highest intercept altitude")
        .assumed(100.0, 200.0, THAAD_ENVELOPE),
    KeyDescriptor::integer("inventory")
        .closed(0.0, MAX_INVENTORY)
        .example("inventory = 48")
        .doc("interceptors in the battery, in [0, 1000000]")
        .more("0 is a warning")
        .hint(INVENTORY_HINT),
    KeyDescriptor::number("pk")
        .closed(0.0, 1.0)
        .plausible(0.3, 0.95)
        .example("pk = 0.8")
        .doc("single-shot kill probability, in [0, 1]")
        .hint(PK_HINT)
        .uncertainty(
            0.3,
            0.9,
            "THAAD has hit every target of its flight tests (Missile Defense Agency), all of \
             short and intermediate range; it has never been tested against an ICBM warhead, \
             which re-enters faster than its design threat",
        ),
    DOCTRINE_KEY,
    SHOTS_KEY,
    KeyDescriptor::number("assess_s")
        .unit("s")
        .or_number(10.0)
        .non_negative()
        .plausible(0.0, 120.0)
        .example("assess_s = 10.0")
        .doc("kill-assessment time for shoot-look-shoot")
        .hint(
            "the seconds from an intercept to the kill assessment that may cue another shot, 0 \
             or more, e.g. 10",
        )
        .assumed(
            5.0,
            30.0,
            "no open figure; a battery sees its own intercept at short range within seconds, and \
             a second shot must still leave before the warhead falls below the floor",
        ),
    KILL_ASSESSMENT_KEY,
    KeyDescriptor::text("sensor")
        .rule("a tracking or radar `[[sensor]]`")
        .example("sensor = \"ground radar\"")
        .doc("the [[sensor]] whose track cues the battery: a tracking layer or a ground radar"),
];

/// Default highest intercept altitude, km.
const MAX_ALTITUDE_KM: f64 = 150.0;

/// Battery kinds accepted by `kind`.
const KINDS: [&str; 2] = ["upper_tier", "short_range"];

/// Read one `[[engage.terminal]]` table; `reference` is the reference
/// launch, when known, against which a short-range battery that can never
/// engage is a warning.
pub(super) fn read_terminal(
    ctx: &mut Ctx,
    t: &mut TableReader<'_>,
    cueing: &Cueing<'_>,
    reference: Option<&LaunchSpec>,
) -> Named<TerminalBattery> {
    let name = read_name(ctx, t, "terminal");
    let value = read_battery_keys(
        ctx,
        t,
        cueing,
        reference,
        name.as_ref().map(|n| n.value.clone()),
    );
    t.finish(ctx);
    Named { name, value }
}

/// The keys of a battery after its `name`.
fn read_battery_keys(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    cueing: &Cueing<'_>,
    reference: Option<&LaunchSpec>,
    name: Option<String>,
) -> Option<TerminalBattery> {
    let site = read_site(ctx, t);
    let kind = read_kind(ctx, t, reference);
    let footprint = t.get(ctx, "footprint_km");
    let (min_altitude, max_altitude) = read_band(ctx, t);
    let inventory = read_inventory(ctx, t);
    let pk = t.get(ctx, "pk");
    let doctrine = read_doctrine(ctx, t);
    let assess = t.get(ctx, "assess_s");
    let kill_assessment = t.get(ctx, "kill_assessment");
    let sensor = cueing.read(ctx, t, "a terminal battery");
    Some(TerminalBattery {
        name: name?,
        site: site?,
        kind: kind?,
        footprint_m: footprint? * 1e3,
        min_altitude_m: min_altitude? * 1e3,
        max_altitude_m: max_altitude? * 1e3,
        inventory: inventory?,
        pk: pk?,
        doctrine: doctrine?,
        assess_s: assess?,
        kill_assessment: kill_assessment?,
        sensor: sensor?,
    })
}

/// `kind` and, for a short-range battery, `max_threat_range_km`; a
/// short-range battery whose longest threat range is below the reference
/// launch's range is a warning.
fn read_kind(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    reference: Option<&LaunchSpec>,
) -> Option<TerminalKind> {
    let range = t.number(ctx, "max_threat_range_km");
    let defaulted = t.entry("kind").is_none();
    let kind = t.text(ctx, "kind").given()?;
    match kind.value.as_str() {
        "upper_tier" => {
            if !range.is_present() {
                return Some(TerminalKind::UpperTier);
            }
            let what = if defaulted {
                "this upper_tier battery (the default when `kind` is not given)"
            } else {
                "this upper_tier battery"
            };
            let p = ctx
                .at(
                    ProblemKind::Conflict,
                    t.key_span("max_threat_range_km"),
                    format!(
                        "`max_threat_range_km` applies to kind = \"short_range\" batteries only, \
                         not to {what}"
                    ),
                )
                .with_help(
                    "remove it (an upper-tier battery engages threats of any range), or set \
                     `kind = \"short_range\"` if that is the battery you mean",
                )
                .with_label("not for kind = \"upper_tier\"");
            ctx.push(p);
            None
        }
        "short_range" => {
            let range = match range {
                Field::Given(s) => s,
                Field::Invalid => return None,
                Field::Absent => {
                    let p = ctx
                        .at(
                            ProblemKind::MissingKey,
                            kind.span,
                            "a short_range battery needs `max_threat_range_km`",
                        )
                        .with_help(
                            "add the longest range of a threat it engages, e.g. \
                             `max_threat_range_km = 70.0`",
                        )
                        .with_label("this kind needs more");
                    ctx.push(p);
                    return None;
                }
            };
            let span = range.span.clone();
            let km = t.check(ctx, "max_threat_range_km", range)?;
            if let Some(launch) = reference {
                warn_out_of_range(ctx, t, launch, Spanned { value: km, span });
            }
            Some(TerminalKind::ShortRange {
                max_threat_range_m: km * 1e3,
            })
        }
        other => {
            let help = match closest(other, KINDS) {
                Some(best) => format!(
                    "did you mean \"{best}\"? The battery kinds are {}",
                    one_of(&KINDS)
                ),
                None => format!(
                    "the battery kinds are {}: an upper-tier (THAAD-like) or a short-range \
                     (Iron-Dome-like) defense",
                    one_of(&KINDS)
                ),
            };
            ctx.report(
                ProblemKind::InvalidValue,
                kind.span,
                format!("unknown terminal battery kind \"{other}\""),
                help,
            )
            .relabel("unknown kind");
            None
        }
    }
}

/// Warn when the reference launch flies farther than a short-range
/// battery's longest threat range (`max_km`): the battery never engages.
fn warn_out_of_range(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    launch: &LaunchSpec,
    max_km: Spanned<f64>,
) {
    let range_km = ground_distance(launch.site.to_ecef(), launch.aim.to_ecef()) / 1e3;
    if range_km > max_km.value {
        ctx.warn(
            &max_km.span,
            format!(
                "{} engages threats of at most {} km range, but the reference launch `{}` \
                 flies {range_km:.0} km: it never engages",
                t.what, max_km.value, launch.name
            ),
        );
    }
}

/// `min_altitude_km` (≥ 0, default 40) and `max_altitude_km` (above it,
/// default 150), km.
fn read_band(ctx: &mut Ctx, t: &TableReader<'_>) -> (Option<f64>, Option<f64>) {
    let min = t.get(ctx, "min_altitude_km");
    let max_field = t.number(ctx, "max_altitude_km");
    let given = max_field.is_present();
    let Some(max) = max_field.or(MAX_ALTITUDE_KM, &t.span) else {
        return (min, None);
    };
    let floor = min.unwrap_or(0.0);
    if max.value > floor {
        t.record(ctx, "max_altitude_km", max.value);
        return (min, Some(max.value));
    }
    let (span, shown) = if given {
        (max.span, format!("{} km", max.value))
    } else {
        (
            t.value_span("min_altitude_km"),
            format!("{} km by default", max.value),
        )
    };
    let message = match min {
        Some(min) => {
            format!("`max_altitude_km` ({shown}) must be above `min_altitude_km` ({min} km)")
        }
        None => format!("`max_altitude_km` ({shown}) must be greater than zero"),
    };
    ctx.report(
        ProblemKind::InvalidValue,
        span,
        message,
        "the battery intercepts between `min_altitude_km` and `max_altitude_km`: give a \
         highest altitude above the lowest, e.g. `min_altitude_km = 40.0` and \
         `max_altitude_km = 150.0`",
    )
    .relabel("not above the lowest altitude");
    (min, None)
}
