//! Inline `[[missile]]` definitions: reading, physical checks, and the
//! names launches may refer to.

use cupola_threat::missile::{self as limits, Plausible};
use cupola_threat::{Missile, ReentryVehicle, Stage};

use crate::context::{Ctx, Span, Spanned};
use crate::key::{KeyDescriptor, KeyKind};
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};

/// Most re-entry vehicles one missile may carry.
const MAX_RV_COUNT: u64 = 100;

/// The hint for a count of re-entry vehicles past [`MAX_RV_COUNT`].
const RV_COUNT_HINT: &str = "give the number of re-entry vehicles one missile carries, at most 100";

/// Keys of a `[[missile]]` table.
pub(crate) const MISSILE_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::text("name")
        .rule("not empty, unique, not a catalog name")
        .example("name = \"my-icbm\"")
        .doc("the name launches use to refer to it"),
    KeyDescriptor::text("description")
        .or_text("")
        .example("description = \"generic two-stage solid\"")
        .doc("one line of description")
        .setting(),
    KeyDescriptor::new("sources", KeyKind::Texts)
        .shown_default("`[]`")
        .optional()
        .example("sources = [\"Wright, 2024\"]")
        .doc("open-literature sources of the numbers"),
    KeyDescriptor::number("payload_mass_kg")
        .unit("kg")
        .positive()
        .plausible(100.0, 10_000.0)
        .example("payload_mass_kg = 1000.0")
        .doc("payload carried through the boost: bus, re-entry vehicles, shroud, kg")
        .hint("the payload carried through the boost (bus, re-entry vehicles, shroud), in kg"),
    KeyDescriptor::number("diameter_m")
        .unit("m")
        .positive()
        .plausible(0.5, 4.0)
        .example("diameter_m = 1.7")
        .doc("body diameter for the drag reference area, m")
        .hint("the body diameter in metres, e.g. 1.7"),
    KeyDescriptor::number("drag_factor")
        .or_number(1.0)
        .non_negative()
        .plausible(0.5, 2.0)
        .example("drag_factor = 1.0")
        .doc("multiplier on the generic drag-coefficient curve")
        .hint("a multiplier on the generic drag curve: 1 is typical, 0 turns drag off for this missile")
        .assumed(0.8, 1.2, "the generic curve stands for any slender body; shapes differ"),
    KeyDescriptor::number("vertical_rise_s")
        .unit("s")
        .or_number(6.0)
        .positive()
        .plausible(2.0, 20.0)
        .example("vertical_rise_s = 6.0")
        .doc("vertical flight after lift-off, before the pitch-over")
        .hint("seconds of vertical flight after lift-off before the pitch-over, e.g. 6")
        .assumed(4.0, 10.0, "clearing the launch site before pitching over: PyTraj (Arthur, 2024) flies 5 s; heavier missiles rise longer"),
    KeyDescriptor::number("bus_deploy_s")
        .unit("s")
        .or_number(0.0)
        .non_negative()
        .plausible(0.0, 600.0)
        .example("bus_deploy_s = 300.0")
        .doc("time the post-boost bus takes to release the RVs")
        .hint("seconds the post-boost bus takes to release the RVs, or 0 for none")
        .setting(),
    KeyDescriptor::integer("rv_count")
        .or_integer(1)
        .closed(1.0, MAX_RV_COUNT as f64)
        .example("rv_count = 1")
        .doc("number of re-entry vehicles")
        .hint(RV_COUNT_HINT)
        .setting(),
    KeyDescriptor::tables("stage")
        .rule("at least one")
        .example("[[missile.stage]]")
        .doc("one table per stage, first stage first"),
    KeyDescriptor::table("rv")
        .example("[missile.rv]")
        .doc("the re-entry vehicle: mass_kg and ballistic_coefficient_kg_m2"),
];

/// Keys of a `[[missile.stage]]` table.
pub(crate) const STAGE_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::number("gross_mass_kg")
        .unit("kg")
        .positive()
        .plausible(500.0, 200_000.0)
        .example("gross_mass_kg = 23000.0")
        .doc("mass at ignition, structure plus propellant, kg")
        .hint("the stage's mass at ignition, structure plus propellant, in kg"),
    KeyDescriptor::number("propellant_mass_kg")
        .unit("kg")
        .positive()
        .rule("< `gross_mass_kg`")
        .plausible(400.0, 180_000.0)
        .example("propellant_mass_kg = 20700.0")
        .doc("propellant mass, kg, less than the gross mass")
        .hint("the stage's propellant mass, in kg"),
    KeyDescriptor::number("isp_vac_s")
        .unit("s")
        .positive()
        .plausible(200.0, 460.0)
        .example("isp_vac_s = 286.0")
        .doc("vacuum specific impulse, s")
        .hint(
            "vacuum specific impulse in seconds: about 250-300 for solids, 300-340 for storable \
             liquids",
        ),
    KeyDescriptor::number("burn_time_s")
        .unit("s")
        .positive()
        .plausible(20.0, 400.0)
        .example("burn_time_s = 60.0")
        .doc("burn time, s")
        .hint("the stage's burn time in seconds, e.g. 60"),
    KeyDescriptor::number("nozzle_exit_area_m2")
        .unit("m²")
        .or_number(0.0)
        .non_negative()
        .plausible(0.0, 5.0)
        .example("nozzle_exit_area_m2 = 0.0")
        .doc("exit area for the back-pressure thrust loss; 0 ignores it")
        .hint("nozzle exit area in m², or 0 to ignore the back-pressure loss")
        .setting(),
];

/// Keys of a `[missile.rv]` table.
pub(crate) const RV_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::number("mass_kg")
        .unit("kg")
        .positive()
        .rule("`rv_count × mass_kg ≤ payload_mass_kg`")
        .plausible(50.0, 2_000.0)
        .example("mass_kg = 300.0")
        .doc("mass of one re-entry vehicle, kg")
        .hint("the mass of one re-entry vehicle in kg, e.g. 300"),
    KeyDescriptor::number("ballistic_coefficient_kg_m2")
        .unit("kg/m²")
        .positive()
        .plausible(500.0, 30_000.0)
        .example("ballistic_coefficient_kg_m2 = 10000.0")
        .doc("ballistic coefficient m/(C_D·A), kg/m²")
        .hint("m/(C_D·A) in kg/m²: about 10000 for a modern conical RV, 1000-3000 for blunt ones"),
];

/// An inline missile name, with the missile if it passed every check.
pub(crate) struct Declared {
    /// The name given (possibly empty or clashing; already reported).
    pub name: String,
    /// The missile, if all of its values are good.
    pub missile: Option<Missile>,
}

/// A number as a message shows it: as written for everyday magnitudes,
/// in exponent form (`1e308`, `5e-324`) where the plain form would run to
/// hundreds of digits.
pub(crate) fn shown(v: f64) -> String {
    let plain = v.to_string();
    if plain.len() > 16 {
        format!("{v:e}")
    } else {
        plain
    }
}

/// `v`, the value of the missile key `key` of `t` (its sign already
/// checked by the key's descriptor), if within the physical limits `range`
/// that [`Missile::validate`] holds every missile to; else a problem at the
/// key naming the range, with the key's hint and the range's basis.
fn limited(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    key: &str,
    v: Option<f64>,
    range: Plausible,
) -> Option<f64> {
    let v = v?;
    if range.contains(v) {
        return Some(v);
    }
    let d = t.descriptor(key);
    let sep = if d.unit.is_empty() { "" } else { " " };
    let interval = format!("[{}, {}]", range.lo, range.hi);
    ctx.report(
        ProblemKind::InvalidValue,
        t.value_span(key),
        format!(
            "`{key}` must be in {interval}{sep}{}, got {}",
            d.unit,
            shown(v)
        ),
        format!("{}; plausible range: {}", d.hint, range.basis),
    )
    .relabel(format!("outside {interval}"));
    None
}

/// Check that a number lies in a range; `range` describes it, e.g.
/// "[-5, 90)", in `unit` (empty for a dimensionless number).
pub(crate) fn within(
    ctx: &mut Ctx,
    f: Option<Spanned<f64>>,
    key: &str,
    ok: impl Fn(f64) -> bool,
    range: &str,
    unit: &str,
    help: &str,
) -> Option<f64> {
    let s = f?;
    if ok(s.value) {
        return Some(s.value);
    }
    ctx.report(
        ProblemKind::InvalidValue,
        s.span,
        format!(
            "`{key}` must be in {range}{}{unit}, got {}",
            if unit.is_empty() { "" } else { " " },
            shown(s.value)
        ),
        help,
    )
    .relabel(format!("outside {range}"));
    None
}

/// Read every `[[missile]]` table; `catalog` holds the catalog names an
/// inline missile must not reuse.
pub(crate) fn read_missiles(
    ctx: &mut Ctx,
    root: &TableReader<'_>,
    catalog: &[String],
) -> Vec<Declared> {
    let tables = match root.tables(
        ctx,
        "missile",
        |i| format!("[[missile]] #{}", i + 1),
        MISSILE_KEYS,
    ) {
        Field::Given(t) => t.value,
        _ => return Vec::new(),
    };
    let mut declared: Vec<(Declared, Span)> = Vec::new();
    for mut t in tables {
        let name = t.req_string(ctx, "name");
        if let Some(name) = &name {
            t.what = format!("[[missile]] `{}`", name.value);
            check_name(ctx, name, catalog, &declared);
        }
        let missile = read_missile(ctx, &t, name.as_ref().map(|n| n.value.clone()));
        if let Some(name) = name {
            declared.push((
                Declared {
                    name: name.value,
                    missile,
                },
                name.span,
            ));
        }
        t.finish(ctx);
    }
    declared.into_iter().map(|(d, _)| d).collect()
}

fn check_name(
    ctx: &mut Ctx,
    name: &Spanned<String>,
    catalog: &[String],
    declared: &[(Declared, Span)],
) {
    let n = name.value.as_str();
    if n.trim().is_empty() {
        ctx.report(
            ProblemKind::InvalidValue,
            name.span.clone(),
            "a missile's `name` must not be empty",
            "give it a short identifier, e.g. `name = \"my-icbm\"`",
        );
    } else if catalog.iter().any(|c| c == n) {
        let p = ctx
            .at(
                ProblemKind::DuplicateName,
                name.span.clone(),
                format!("`{n}` is already a catalog missile"),
            )
            .with_help(format!(
                "to use the catalog missile, delete this [[missile]] and write `missile = \"{n}\"` in the launch; \
                 to define your own, give it another name, e.g. `name = \"my-{n}\"`"
            ))
            .with_label("catalog name");
        ctx.push(p);
    } else if let Some((_, first)) = declared.iter().find(|(d, _)| d.name == n) {
        let line = ctx.line_of(first.start);
        let p = ctx
            .at(
                ProblemKind::DuplicateName,
                name.span.clone(),
                format!("a missile named `{n}` is already defined on line {line}"),
            )
            .with_help("give every [[missile]] its own name")
            .with_label("second definition");
        ctx.push(p);
    }
}

fn read_stage(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Stage> {
    let gross = t.get(ctx, "gross_mass_kg");
    let gross = limited(ctx, t, "gross_mass_kg", gross, limits::GROSS_MASS_KG);
    let prop_field = t.num(ctx, "propellant_mass_kg");
    let prop_span = prop_field.given_span();
    let prop = prop_field.given().map(|s| s.value);
    let isp = t.get(ctx, "isp_vac_s");
    let isp = limited(ctx, t, "isp_vac_s", isp, limits::ISP_VAC_S);
    let burn = t.get(ctx, "burn_time_s");
    let burn = limited(ctx, t, "burn_time_s", burn, limits::BURN_TIME_S);
    let nozzle = t.get(ctx, "nozzle_exit_area_m2");
    let nozzle = limited(
        ctx,
        t,
        "nozzle_exit_area_m2",
        nozzle,
        limits::NOZZLE_EXIT_AREA_M2,
    );
    t.finish(ctx);
    let (gross, prop) = (gross?, prop?);
    if prop >= gross {
        let p = ctx
            .at(
                ProblemKind::InvalidValue,
                prop_span.unwrap_or_else(|| t.span.clone()),
                format!(
                    "the propellant ({prop} kg) must be lighter than the stage's gross mass ({gross} kg)"
                ),
            )
            .with_help(format!(
                "gross_mass_kg includes the propellant and the structure; use a propellant mass below {gross} kg \
                 (typically 85-92% of it)"
            ))
            .with_label("not less than gross_mass_kg");
        ctx.push(p);
        return None;
    }
    Some(Stage {
        gross_mass_kg: gross,
        propellant_mass_kg: prop,
        isp_vac_s: isp?,
        burn_time_s: burn?,
        nozzle_exit_area_m2: nozzle?,
    })
}

fn read_missile(ctx: &mut Ctx, t: &TableReader<'_>, name: Option<String>) -> Option<Missile> {
    let description = t.text(ctx, "description").given();
    let sources = t.strings(ctx, "sources").or(Vec::new(), &t.span);
    let payload = t.get(ctx, "payload_mass_kg");
    let payload = limited(ctx, t, "payload_mass_kg", payload, limits::PAYLOAD_MASS_KG);
    let diameter = t.get(ctx, "diameter_m");
    let diameter = limited(ctx, t, "diameter_m", diameter, limits::DIAMETER_M);
    let drag_factor = t.get(ctx, "drag_factor");
    let drag_factor = limited(ctx, t, "drag_factor", drag_factor, limits::DRAG_FACTOR);
    let rise = t.get(ctx, "vertical_rise_s");
    let rise = limited(ctx, t, "vertical_rise_s", rise, limits::VERTICAL_RISE_S);
    let bus = t.get(ctx, "bus_deploy_s");
    let bus = limited(ctx, t, "bus_deploy_s", bus, limits::BUS_DEPLOY_S);
    let rv_count = match t.int_unchecked(ctx, "rv_count") {
        Some(s) => match rv_count_problem(s.value) {
            Some((message, help)) => {
                ctx.report(ProblemKind::InvalidValue, s.span, message, help);
                None
            }
            None => u32::try_from(s.value).ok(),
        },
        None => None,
    };

    // Stages.
    let stages = match t.tables(
        ctx,
        "stage",
        |i| format!("stage {} of {}", i + 1, t.what),
        STAGE_KEYS,
    ) {
        Field::Given(s) if s.value.is_empty() => {
            ctx.report(
                ProblemKind::MissingKey,
                s.span,
                format!("{} has an empty stage list", t.what),
                "give at least one stage, each under its own [[missile.stage]] header",
            );
            None
        }
        Field::Given(s) => Some(s.value),
        Field::Absent => {
            ctx.report(
                ProblemKind::MissingKey,
                t.span.clone(),
                format!("{} has no stages", t.what),
                "add at least one [[missile.stage]] table after it, with gross_mass_kg, propellant_mass_kg, \
                 isp_vac_s and burn_time_s",
            );
            None
        }
        Field::Invalid => None,
    };
    let stage_spans: Vec<Span> = stages
        .as_ref()
        .map(|s| s.iter().map(|r| r.span.clone()).collect())
        .unwrap_or_default();
    let first_stage_span = stage_spans.first().cloned();
    let stages: Option<Vec<Stage>> = stages.and_then(|readers| {
        let read: Vec<Option<Stage>> = readers.iter().map(|r| read_stage(ctx, r)).collect();
        read.into_iter().collect()
    });

    // Re-entry vehicle.
    let rv = match t.table(ctx, "rv", format!("the rv of {}", t.what), RV_KEYS) {
        Field::Given(r) => read_rv(ctx, &r.value, payload, rv_count),
        Field::Absent => {
            t.missing(ctx, "rv");
            None
        }
        Field::Invalid => None,
    };

    let missile = Missile {
        name: name?,
        description: description?.value,
        sources: sources?.value,
        stages: stages?,
        payload_mass_kg: payload?,
        diameter_m: diameter?,
        drag_factor: drag_factor?,
        vertical_rise_s: rise?,
        bus_deploy_s: bus?,
        rv: rv?,
        rv_count: rv_count?,
    };
    let tw = missile.liftoff_thrust_to_weight();
    if tw <= 1.0 {
        let s = &missile.stages[0];
        let p = ctx
            .at(
                ProblemKind::InvalidValue,
                first_stage_span.unwrap_or_else(|| t.span.clone()),
                format!(
                    "{} cannot lift off: its thrust-to-weight ratio at lift-off is {tw:.2}, it must exceed 1",
                    t.what
                ),
            )
            .with_help(format!(
                "the first stage's vacuum thrust is {:.0} kN against a lift-off weight of {:.0} kN; \
                 shorten its burn_time_s, raise isp_vac_s, or lighten the missile (ICBMs lift off at about 1.5-2.5)",
                s.vacuum_thrust() / 1e3,
                missile.liftoff_mass() * cupola_physics::constants::G0 / 1e3
            ))
            .with_label("this stage is too weak");
        ctx.push(p);
        return None;
    }
    for (k, span) in stage_spans.iter().enumerate() {
        let tw = missile.ignition_thrust_to_weight(k);
        if tw > limits::MAX_IGNITION_THRUST_TO_WEIGHT {
            let p = ctx
                .at(
                    ProblemKind::InvalidValue,
                    span.clone(),
                    format!(
                        "stage {} of {} accelerates at {tw:.0} g at ignition, more than the {} g \
                         of the most violent missile flown",
                        k + 1,
                        t.what,
                        limits::MAX_IGNITION_THRUST_TO_WEIGHT
                    ),
                )
                .with_help(format!(
                    "its vacuum thrust is {:.0} kN against {:.0} kN of weight at ignition; \
                     lengthen its burn_time_s (ICBM stages burn about 50-200 s) or lower its isp_vac_s",
                    missile.stages[k].vacuum_thrust() / 1e3,
                    missile.mass_at_ignition(k) * cupola_physics::constants::G0 / 1e3
                ))
                .with_label("thrust far too high for its mass");
            ctx.push(p);
            return None;
        }
    }
    if let Err(e) = missile.validate() {
        ctx.report(
            ProblemKind::InvalidValue,
            t.span.clone(),
            format!("{} is not physically possible: {e}", t.what),
            "correct the value the message names",
        );
        return None;
    }
    Some(missile)
}

/// What is wrong with `n` re-entry vehicles on one missile, with the
/// help to give: none, or more than [`MAX_RV_COUNT`].
pub(crate) fn rv_count_problem(n: u64) -> Option<(String, &'static str)> {
    if n == 0 {
        Some((
            "`rv_count` must be at least 1, got 0".to_owned(),
            "a missile carries one or more re-entry vehicles",
        ))
    } else if n > MAX_RV_COUNT {
        Some((
            format!("`rv_count` of {n} is implausibly large"),
            RV_COUNT_HINT,
        ))
    } else {
        None
    }
}

/// What is wrong when `count` re-entry vehicles of `mass` kg each weigh
/// more than the `payload` (kg) that carries them; `None` when they fit.
pub(crate) fn rv_payload_problem(mass: f64, count: u32, payload: f64) -> Option<String> {
    let total = mass * f64::from(count);
    if total <= payload {
        return None;
    }
    let what = if count == 1 {
        format!("the re-entry vehicle ({mass} kg)")
    } else {
        format!("the {count} re-entry vehicles ({count} × {mass} kg = {total} kg)")
    };
    Some(format!(
        "{what} {} more than the payload ({payload} kg)",
        if count == 1 { "weighs" } else { "weigh" }
    ))
}

/// The help for [`rv_payload_problem`].
pub(crate) const RV_PAYLOAD_HELP: &str =
    "payload_mass_kg includes the re-entry vehicles; raise it or lighten the RVs";

fn read_rv(
    ctx: &mut Ctx,
    r: &TableReader<'_>,
    payload: Option<f64>,
    rv_count: Option<u32>,
) -> Option<ReentryVehicle> {
    let mass_field = r.num(ctx, "mass_kg");
    let mass_span = mass_field.given_span();
    let mass = mass_field.given().map(|s| s.value);
    let mass = limited(ctx, r, "mass_kg", mass, limits::RV_MASS_KG);
    let beta = r.get(ctx, "ballistic_coefficient_kg_m2");
    let beta = limited(
        ctx,
        r,
        "ballistic_coefficient_kg_m2",
        beta,
        limits::BALLISTIC_COEFFICIENT_KG_M2,
    );
    r.finish(ctx);
    let mass = mass?;
    let heavy = payload
        .zip(rv_count)
        .and_then(|(payload, count)| rv_payload_problem(mass, count, payload));
    if let Some(message) = heavy {
        let p = ctx
            .at(
                ProblemKind::InvalidValue,
                mass_span.unwrap_or_else(|| r.span.clone()),
                message,
            )
            .with_help(RV_PAYLOAD_HELP)
            .with_label("heavier than the payload");
        ctx.push(p);
        return None;
    }
    Some(ReentryVehicle {
        mass_kg: mass,
        ballistic_coefficient_kg_m2: beta?,
    })
}
