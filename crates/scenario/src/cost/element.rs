//! `[[cost.element]]`: one line of the life-cycle cost — interceptors, a
//! sensor layer, battle management — with its unit cost or learning curve,
//! development, launch, life and operations.

use cupola_analysis::cost::orbit::{DECAY_FLOOR_M, SBI_BALLISTIC_KG_M2, SBI_ISP_S};
use cupola_analysis::cost::{Element, Learning, MAX_COUNT, MAX_SETS, OrbitKeeping, UnitCost};

use crate::context::{Ctx, Spanned, closest, one_of};
use crate::key::{Bound, KeyDescriptor};
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};
use crate::sbi::count_within;

/// Keys of `[[cost.element]]`.
pub(crate) const ELEMENT_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::text("name")
        .rule("not empty, unique among the elements and the preset's")
        .example("name = \"SBI\"")
        .doc("the element's name, unique among the elements (and the preset's)"),
    KeyDescriptor::text("layer")
        .rule("not empty")
        .example("layer = \"space\"")
        .doc("the layer it is reported under, e.g. \"space\", \"sensors\""),
    KeyDescriptor::integer("count")
        .closed(0.0, MAX_COUNT as f64)
        .example("count = 7800")
        .doc("units in service at once, in [0, 10000000]")
        .hint("the units in service at once, from 0 to 10000000"),
    KeyDescriptor::number("unit_cost_musd")
        .unit("million dollars")
        .optional()
        .shown_default("one of the two is required")
        .non_negative()
        .rule("not with `first_unit_musd`")
        .example("unit_cost_musd = 22.0")
        .doc("average cost of a unit")
        .hint(MONEY_HELP),
    KeyDescriptor::number("first_unit_musd")
        .unit("million dollars")
        .optional()
        .non_negative()
        .rule("not with `unit_cost_musd`")
        .example("first_unit_musd = 40.0")
        .doc("cost of the first unit, T₁")
        .hint(MONEY_HELP),
    KeyDescriptor::text("learning")
        .or_text("none")
        .rule("`\"wright\"`, `\"crawford\"`, `\"none\"`; only with `first_unit_musd`")
        .example("learning = \"wright\"")
        .doc("learning theory")
        .setting(),
    KeyDescriptor::number("learning_slope")
        .optional()
        .shown_default("— (required with `\"wright\"`/`\"crawford\"`)")
        .range(Bound::Exclusive(0.0), Bound::Inclusive(1.0))
        .rule("not without a learning theory")
        .plausible(0.7, 1.0)
        .example("learning_slope = 0.85")
        .doc("cost multiplier per doubling of the quantity (1: no learning)")
        .hint(
            "the cost multiplier per doubling of the quantity: 0.85 means each doubling costs \
             85% as much per unit; 1 is no learning, and a slope above 1 would make units dearer",
        ),
    KeyDescriptor::number("development_musd")
        .unit("million dollars")
        .or_number(0.0)
        .non_negative()
        .example("development_musd = 0.0")
        .doc("development, spread evenly over `development_years` from year 0")
        .hint(MONEY_HELP)
        .setting(),
    KeyDescriptor::integer("development_years")
        .unit("years")
        .or_integer(1)
        .rule("1 ≤ n ≤ `horizon_years` when there is development")
        .example("development_years = 5")
        .doc("years of development")
        .hint(
            "the years development is spread over, evenly from year 0, at least 1 and at most \
             `horizon_years`",
        )
        .setting(),
    KeyDescriptor::number("mass_kg")
        .unit("kg")
        .or_number(0.0)
        .non_negative()
        .example("mass_kg = 1000.0")
        .doc("mass launched per unit")
        .hint("the mass launched per unit in kg, 0 or more (0 for an element on the ground)")
        .setting(),
    KeyDescriptor::number("launch_usd_per_kg")
        .unit("dollars per kg")
        .or_number(0.0)
        .non_negative()
        .plausible(0.0, 60_000.0)
        .example("launch_usd_per_kg = 500.0")
        .doc("launch price")
        .hint("the launch price in dollars per kg to orbit, 0 or more, e.g. 500")
        .setting(),
    KeyDescriptor::number("life_years")
        .unit("years")
        .optional()
        .shown_default("none: lasts the horizon")
        .positive()
        .rule("horizon / life at most 10000 sets")
        .example("life_years = 5.0")
        .doc("service life of a unit")
        .hint(
            "the years a unit serves before it is replaced, e.g. `life_years = 5.0`; leave the \
             key out for a unit that lasts the whole horizon",
        ),
    KeyDescriptor::number("ops_musd_per_year")
        .unit("million dollars")
        .or_number(0.0)
        .non_negative()
        .example("ops_musd_per_year = 1000.0")
        .doc("operations and support: a fixed charge per element per year, from `deploy_year` to the horizon (not per unit)")
        .hint(MONEY_HELP)
        .setting(),
    KeyDescriptor::integer("deploy_year")
        .unit("years")
        .or_integer(0)
        .rule("0 ≤ n < `horizon_years`")
        .example("deploy_year = 0")
        .doc("years after `base_year` when fielding starts")
        .hint(
            "the years after `base_year` when the first set is fielded and bought: before the \
             horizon ends",
        )
        .setting(),
    KeyDescriptor::integer("production_per_year")
        .unit("units/year")
        .optional()
        .shown_default("none: no limit")
        .closed(1.0, MAX_COUNT as f64)
        .example("production_per_year = 2000")
        .doc("units the production line delivers a year")
        .hint(
            "the units the production line delivers a year, at least 1 (leave the key out for \
             no limit): the layer grows and is replaced no faster",
        ),
    KeyDescriptor::number("launch_kg_per_year")
        .unit("kg")
        .optional()
        .shown_default("none: no limit")
        .positive()
        .rule("at least one unit with its propellant")
        .example("launch_kg_per_year = 2000000.0")
        .doc("mass to orbit a year for this element's launches")
        .hint(
            "the mass to orbit a year this element's launches may use, in kg (2000000 is about \
             twenty 100-tonne flights); leave the key out for no limit",
        ),
    KeyDescriptor::number("altitude_km")
        .unit("km")
        .optional()
        .shown_default("none: no orbit kept")
        .range(Bound::Exclusive(DECAY_FLOOR_M / 1e3), Bound::Inclusive(40_000.0))
        .plausible(300.0, 2_000.0)
        .example("altitude_km = 400.0")
        .doc("altitude of the circular orbit its units hold by station keeping; the propellant is launched with them")
        .hint(
            "the altitude of the circular orbit held, in km above the WGS84 equatorial radius: \
             above 180 km (lower, an orbit ends within days) and at most 40000",
        ),
    KeyDescriptor::number("ballistic_coefficient_kg_m2")
        .unit("kg/m²")
        .or_number(SBI_BALLISTIC_KG_M2)
        .positive()
        .rule("only with `altitude_km`")
        .plausible(30.0, 200.0)
        .example("ballistic_coefficient_kg_m2 = 100.0")
        .doc("m/(C_D A) of a unit")
        .hint(
            "the unit's mass over its drag area times its drag coefficient, m/(C_D A), in kg/m²: \
             about 100 for a tonne with 4–5 m² of frontal area",
        )
        .assumed(30.0, 200.0, "a tonne with 4–5 m² of frontal area; shape and attitude unknown"),
    KeyDescriptor::number("station_keeping_isp_s")
        .unit("s")
        .or_number(SBI_ISP_S)
        .positive()
        .rule("only with `altitude_km`")
        .plausible(150.0, 3_000.0)
        .example("station_keeping_isp_s = 220.0")
        .doc("specific impulse of the station-keeping thruster")
        .hint(
            "the specific impulse of the thruster that holds the orbit, in s: about 220 for \
             hydrazine, 1500 for a Hall-effect thruster",
        )
        .assumed(220.0, 1_500.0, "hydrazine monopropellant to a Hall-effect thruster"),
];

/// Learning theories accepted by `learning`.
const THEORIES: [&str; 3] = ["wright", "crawford", "none"];

/// Help for a money key.
const MONEY_HELP: &str = "an amount in millions of dollars of `dollars_year`, 0 or more: costs \
     are not negative";

/// A read element with the span of its name (for duplicate names).
pub(crate) struct ReadElement {
    /// The name as written, if it was.
    pub name: Option<Spanned<String>>,
    /// The element, when every key was valid.
    pub element: Option<Element>,
}

/// Read one `[[cost.element]]`; `horizon` (years) bounds `deploy_year`,
/// `development_years` and the number of replacement sets, when known.
pub(crate) fn read_element(
    ctx: &mut Ctx,
    t: &mut TableReader<'_>,
    horizon: Option<u32>,
) -> ReadElement {
    let name = t.req_string(ctx, "name").and_then(|n| {
        if n.value.trim().is_empty() {
            ctx.report(
                ProblemKind::InvalidValue,
                n.span.clone(),
                "the element `name` must not be empty",
                "give a short name the results use, e.g. `name = \"SBI\"`",
            );
            None
        } else {
            Some(n)
        }
    });
    if let Some(n) = &name {
        t.what = format!("[[cost.element]] `{}`", n.value);
    }
    let layer = t.req_string(ctx, "layer").and_then(|l| {
        if l.value.trim().is_empty() {
            ctx.report(
                ProblemKind::InvalidValue,
                l.span,
                "the element `layer` must not be empty",
                "name the layer it is reported under, e.g. `layer = \"space\"`",
            );
            None
        } else {
            Some(l.value)
        }
    });
    let count = t.count(ctx, "count");
    let unit = read_unit(ctx, t);
    let development = t.get(ctx, "development_musd");
    let development_years = read_development_years(ctx, t, development, horizon);
    let mass = t.get(ctx, "mass_kg");
    let price = t.get(ctx, "launch_usd_per_kg");
    let life = read_life(ctx, t, horizon);
    let ops = t.get(ctx, "ops_musd_per_year");
    let deploy = read_deploy(ctx, t, horizon);
    let production = t.int(ctx, "production_per_year").option();
    let production = production.map(|p| p.and_then(|n| u32::try_from(n).ok()));
    let launch_rate = t.num(ctx, "launch_kg_per_year").option();
    let orbit = read_orbit(ctx, t);
    t.finish(ctx);
    let element = (|| {
        Some(Element {
            name: name.as_ref()?.value.clone(),
            layer: layer?,
            count: count?,
            unit: unit?,
            development_musd: development?,
            development_years: development_years?,
            mass_kg: mass?,
            launch_usd_per_kg: price?,
            life_years: life?,
            ops_musd_per_year: ops?,
            deploy_year: deploy?,
            production_per_year: production?,
            launch_kg_per_year: launch_rate?,
            orbit: orbit?,
        })
    })();
    ReadElement { name, element }
}

/// `unit_cost_musd`, or `first_unit_musd` with `learning` and
/// `learning_slope`.
fn read_unit(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<UnitCost> {
    let average_in = t.number(ctx, "unit_cost_musd");
    let first_in = t.number(ctx, "first_unit_musd");
    let theory = read_theory(ctx, t);
    let slope_in = t.number(ctx, "learning_slope");
    let slope_given = slope_in.is_present();
    let slope = match slope_in {
        Field::Given(s) => t.check(ctx, "learning_slope", s).map(Some),
        Field::Absent => Some(None),
        Field::Invalid => None,
    };
    match (average_in, first_in) {
        (Field::Absent, Field::Absent) => {
            if !t.misspelled("unit_cost_musd") && !t.misspelled("first_unit_musd") {
                ctx.report(
                    ProblemKind::MissingKey,
                    t.span.clone(),
                    format!("{} has no unit cost", t.what),
                    "add `unit_cost_musd = 22.0` (an average unit cost, millions of dollars), or \
                     `first_unit_musd = 40.0` with `learning = \"wright\"` and \
                     `learning_slope = 0.85` (a learning curve)",
                )
                .relabel("needs a unit cost");
            }
            None
        }
        (average, Field::Absent) => {
            let average = average.given()?;
            if theory.as_ref().is_some_and(|th| th.is_some()) || slope_given {
                let key = if t.entry("learning").is_some() {
                    "learning"
                } else {
                    "learning_slope"
                };
                conflict(
                    ctx,
                    t,
                    key,
                    format!(
                        "`{key}` applies to `first_unit_musd`, not to an average `unit_cost_musd`"
                    ),
                    "an average unit cost already includes any learning: remove the learning \
                     keys, or give `first_unit_musd` instead of `unit_cost_musd`",
                );
                return None;
            }
            let musd = t.check(ctx, "unit_cost_musd", average)?;
            Some(UnitCost::Average { musd })
        }
        (Field::Absent, first) => {
            let first = first.given()?;
            let musd = t.check(ctx, "first_unit_musd", first);
            let learning = learning_of(ctx, t, theory?, slope?)?;
            Some(UnitCost::FirstUnit {
                musd: musd?,
                learning,
            })
        }
        (_, _) => {
            conflict(
                ctx,
                t,
                "first_unit_musd",
                "give either `unit_cost_musd` or `first_unit_musd`, not both".to_owned(),
                "`unit_cost_musd` is an average over the units bought; `first_unit_musd` is the \
                 first unit's cost, from which `learning` and `learning_slope` give the others",
            );
            None
        }
    }
}

/// Report that `key` conflicts with another key of `t`.
fn conflict(ctx: &mut Ctx, t: &TableReader<'_>, key: &str, message: String, help: &str) {
    let p = ctx
        .at(ProblemKind::Conflict, t.key_span(key), message)
        .with_help(help)
        .with_label("conflicts");
    ctx.push(p);
}

/// The learning curve of a first-unit cost: `theory` (`None` when absent)
/// and a checked `slope`.
fn learning_of(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    theory: Option<Spanned<&'static str>>,
    slope: Option<f64>,
) -> Option<Learning> {
    let name = theory.as_ref().map_or("none", |th| th.value);
    match (name, slope) {
        ("none", None) => Some(Learning::None),
        ("none", Some(_)) => {
            conflict(
                ctx,
                t,
                "learning_slope",
                "`learning_slope` is given without a learning curve".to_owned(),
                "add `learning = \"wright\"` (cumulative average) or `learning = \"crawford\"` \
                 (unit theory), or remove `learning_slope`",
            );
            None
        }
        (_, None) => {
            let span = theory.map_or_else(|| t.span.clone(), |th| th.span);
            ctx.report(
                ProblemKind::MissingKey,
                span,
                format!("`learning = \"{name}\"` needs `learning_slope`"),
                "add `learning_slope = 0.85`: the cost multiplier per doubling of the quantity, \
                 in (0, 1] (1 is no learning)",
            )
            .relabel("needs learning_slope");
            None
        }
        ("wright", Some(slope)) => Some(Learning::Wright { slope }),
        (_, Some(slope)) => Some(Learning::Crawford { slope }),
    }
}

/// `learning`: `Some(None)` when absent.
fn read_theory(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Option<Spanned<&'static str>>> {
    let s = match t.string(ctx, "learning") {
        Field::Given(s) => s,
        Field::Absent => return Some(None),
        Field::Invalid => return None,
    };
    if let Some(&known) = THEORIES.iter().find(|&&th| th == s.value) {
        return Some(Some(Spanned {
            value: known,
            span: s.span,
        }));
    }
    let help = match closest(&s.value, THEORIES) {
        Some(best) => format!(
            "did you mean \"{best}\"? The learning theories are {}",
            one_of(&THEORIES)
        ),
        None => format!(
            "the learning theories are {}: Wright's cumulative average, Crawford's unit \
             theory, or none",
            one_of(&THEORIES)
        ),
    };
    ctx.report(
        ProblemKind::InvalidValue,
        s.span,
        format!("unknown learning theory \"{}\"", s.value),
        help,
    )
    .relabel("unknown theory");
    None
}

/// `development_years`: ≥ 1 when there is development, at most the horizon.
fn read_development_years(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    development: Option<f64>,
    horizon: Option<u32>,
) -> Option<u32> {
    let years = t.int(ctx, "development_years").given()?;
    if development.is_some_and(|d| d == 0.0) && years.value <= u64::from(u32::MAX) {
        return u32::try_from(years.value).ok();
    }
    let hi = u64::from(horizon.unwrap_or(cupola_analysis::cost::MAX_HORIZON_YEARS));
    count_within(
        ctx,
        Some(years),
        "development_years",
        (1, hi),
        t.descriptor("development_years").hint,
    )
}

/// `life_years`: `Some(None)` when absent; > 0, and few enough sets.
fn read_life(ctx: &mut Ctx, t: &TableReader<'_>, horizon: Option<u32>) -> Option<Option<f64>> {
    let s = match t.number(ctx, "life_years") {
        Field::Given(s) => s,
        Field::Absent => return Some(None),
        Field::Invalid => return None,
    };
    if s.value <= 0.0 {
        let message = if s.value == 0.0 {
            "`life_years` must be greater than zero: a life of zero would need endless \
             replacements"
                .to_owned()
        } else {
            format!(
                "`life_years` must be greater than zero, got {} years",
                s.value
            )
        };
        ctx.report(
            ProblemKind::InvalidValue,
            s.span,
            message,
            t.descriptor("life_years").hint,
        )
        .relabel("must be > 0");
        return None;
    }
    let span = f64::from(horizon.unwrap_or(0));
    if span / s.value > MAX_SETS as f64 {
        ctx.report(
            ProblemKind::InvalidValue,
            s.span,
            format!(
                "`life_years` = {} buys more than {MAX_SETS} sets over the horizon",
                s.value
            ),
            "the years a unit serves before it is replaced; a life this short is not a \
             replacement cycle",
        )
        .relabel("too short");
        return None;
    }
    Some(Some(s.value))
}

/// `deploy_year`: below the horizon, default 0.
fn read_deploy(ctx: &mut Ctx, t: &TableReader<'_>, horizon: Option<u32>) -> Option<u32> {
    let s = t.int(ctx, "deploy_year").given()?;
    let Some(horizon) = horizon else {
        return u32::try_from(s.value).ok();
    };
    count_within(
        ctx,
        Some(s),
        "deploy_year",
        (0, u64::from(horizon) - 1),
        t.descriptor("deploy_year").hint,
    )
}

/// `altitude_km` with `ballistic_coefficient_kg_m2` and
/// `station_keeping_isp_s`: `Some(None)` without `altitude_km` (the other
/// two are then a conflict).
fn read_orbit(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Option<OrbitKeeping>> {
    let altitude = t.num(ctx, "altitude_km");
    let b = t.get(ctx, "ballistic_coefficient_kg_m2");
    let isp = t.get(ctx, "station_keeping_isp_s");
    let altitude = match altitude {
        Field::Invalid => return None,
        Field::Given(s) => s,
        Field::Absent => {
            for key in ["ballistic_coefficient_kg_m2", "station_keeping_isp_s"] {
                if t.entry(key).is_some() {
                    conflict(
                        ctx,
                        t,
                        key,
                        format!("`{key}` is given without `altitude_km`"),
                        "station keeping needs the orbit it holds: add `altitude_km = 400.0`, or \
                         remove the station-keeping keys",
                    );
                    return None;
                }
            }
            return Some(None);
        }
    };
    let km = altitude.value;
    Some(Some(OrbitKeeping {
        altitude_m: km * 1e3,
        ballistic_kg_m2: b?,
        isp_s: isp?,
    }))
}
