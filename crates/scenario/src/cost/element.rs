//! `[[cost.element]]`: one line of the life-cycle cost — interceptors, a
//! sensor layer, battle management — with its unit cost or learning curve,
//! development, launch, life and operations.

use cupola_analysis::cost::orbit::{DECAY_FLOOR_M, SBI_BALLISTIC_KG_M2, SBI_ISP_S};
use cupola_analysis::cost::{Element, Learning, MAX_COUNT, MAX_SETS, OrbitKeeping, UnitCost};

use crate::context::{Ctx, Spanned, closest, one_of};
use crate::missile::{non_negative, positive, within};
use crate::problem::ProblemKind;
use crate::reader::{Field, KeyDoc, TableReader};
use crate::sbi::count_within;

/// Keys of `[[cost.element]]`.
pub(crate) const ELEMENT_KEYS: &[KeyDoc] = &[
    KeyDoc {
        name: "name",
        example: "name = \"SBI\"",
        doc: "the element's name, unique among the elements (and the preset's)",
    },
    KeyDoc {
        name: "layer",
        example: "layer = \"space\"",
        doc: "the layer it is reported under, e.g. \"space\", \"sensors\"",
    },
    KeyDoc {
        name: "count",
        example: "count = 7800",
        doc: "units in service at once, in [0, 10000000]",
    },
    KeyDoc {
        name: "unit_cost_musd",
        example: "unit_cost_musd = 22.0",
        doc: "average cost of a unit, millions of dollars, ≥ 0 (or give first_unit_musd)",
    },
    KeyDoc {
        name: "first_unit_musd",
        example: "first_unit_musd = 40.0",
        doc: "cost of the first unit, millions of dollars, ≥ 0, with a learning curve",
    },
    KeyDoc {
        name: "learning",
        example: "learning = \"wright\"",
        doc: "learning theory with first_unit_musd: \"wright\", \"crawford\" or \"none\" (default)",
    },
    KeyDoc {
        name: "learning_slope",
        example: "learning_slope = 0.85",
        doc: "cost multiplier per doubling of the quantity, in (0, 1]",
    },
    KeyDoc {
        name: "development_musd",
        example: "development_musd = 0.0",
        doc: "development, millions of dollars, ≥ 0, default 0",
    },
    KeyDoc {
        name: "development_years",
        example: "development_years = 5",
        doc: "years development is spread over from year 0, in [1, horizon_years], default 1",
    },
    KeyDoc {
        name: "mass_kg",
        example: "mass_kg = 1000.0",
        doc: "mass launched per unit, kg, ≥ 0, default 0",
    },
    KeyDoc {
        name: "launch_usd_per_kg",
        example: "launch_usd_per_kg = 500.0",
        doc: "launch price, dollars per kg, ≥ 0, default 0",
    },
    KeyDoc {
        name: "life_years",
        example: "life_years = 5.0",
        doc: "service life of a unit, years, > 0; omit it for a unit that lasts the horizon",
    },
    KeyDoc {
        name: "ops_musd_per_year",
        example: "ops_musd_per_year = 1000.0",
        doc: "operations and support, millions of dollars a year, ≥ 0, default 0",
    },
    KeyDoc {
        name: "deploy_year",
        example: "deploy_year = 0",
        doc: "years after base_year when fielding starts, below horizon_years, default 0",
    },
    KeyDoc {
        name: "production_per_year",
        example: "production_per_year = 2000",
        doc: "units the production line delivers a year, ≥ 1; default: no limit",
    },
    KeyDoc {
        name: "launch_kg_per_year",
        example: "launch_kg_per_year = 2000000.0",
        doc: "mass to orbit a year for this element's launches, kg, > 0; default: no limit",
    },
    KeyDoc {
        name: "altitude_km",
        example: "altitude_km = 400.0",
        doc: "altitude of the orbit its units hold by station keeping, km, in (180, 40000]; the \
              propellant against drag is launched with them; default: no orbit kept",
    },
    KeyDoc {
        name: "ballistic_coefficient_kg_m2",
        example: "ballistic_coefficient_kg_m2 = 100.0",
        doc: "mass over drag area m/(C_D A) of a unit, kg/m², > 0, with altitude_km; default 100 \
              (assumed, 30–200)",
    },
    KeyDoc {
        name: "station_keeping_isp_s",
        example: "station_keeping_isp_s = 220.0",
        doc: "specific impulse of the station-keeping thruster, s, > 0, with altitude_km; default \
              220 (hydrazine, assumed; 220–1500)",
    },
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
    let count_in = t.unsigned(ctx, "count");
    let count_in = t.require(ctx, "count", count_in);
    let count = count_within(
        ctx,
        count_in,
        "count",
        (0, u64::from(MAX_COUNT)),
        "the units in service at once, from 0 to 10000000",
    );
    let unit = read_unit(ctx, t);
    let money = |ctx: &mut Ctx, key: &str| {
        let f = t.opt_number(ctx, key, 0.0);
        non_negative(ctx, f, key, "million dollars", MONEY_HELP)
    };
    let development = money(ctx, "development_musd");
    let development_years = read_development_years(ctx, t, development, horizon);
    let mass_in = t.opt_number(ctx, "mass_kg", 0.0);
    let mass = non_negative(
        ctx,
        mass_in,
        "mass_kg",
        "kg",
        "the mass launched per unit in kg, 0 or more (0 for an element on the ground)",
    );
    let price_in = t.opt_number(ctx, "launch_usd_per_kg", 0.0);
    let price = non_negative(
        ctx,
        price_in,
        "launch_usd_per_kg",
        "dollars per kg",
        "the launch price in dollars per kg to orbit, 0 or more, e.g. 500",
    );
    let life = read_life(ctx, t, horizon);
    let ops = money(ctx, "ops_musd_per_year");
    let deploy = read_deploy(ctx, t, horizon);
    let production = read_production(ctx, t);
    let launch_rate = read_launch_rate(ctx, t);
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
        Field::Given(s) => check_slope(ctx, s),
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
            let musd = non_negative(
                ctx,
                Some(average),
                "unit_cost_musd",
                "million dollars",
                MONEY_HELP,
            )?;
            Some(UnitCost::Average { musd })
        }
        (Field::Absent, first) => {
            let first = first.given()?;
            let musd = non_negative(
                ctx,
                Some(first),
                "first_unit_musd",
                "million dollars",
                MONEY_HELP,
            );
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

/// A learning slope in (0, 1]: `Some(Some(slope))`, or `None` when out of
/// range.
fn check_slope(ctx: &mut Ctx, s: Spanned<f64>) -> Option<Option<f64>> {
    if s.value > 0.0 && s.value <= 1.0 {
        return Some(Some(s.value));
    }
    ctx.report(
        ProblemKind::InvalidValue,
        s.span,
        format!("`learning_slope` must be in (0, 1], got {}", s.value),
        "the cost multiplier per doubling of the quantity: 0.85 means each doubling costs 85% \
         as much per unit; 1 is no learning, and a slope above 1 would make units dearer",
    )
    .relabel("outside (0, 1]");
    None
}

/// `development_years`: ≥ 1 when there is development, at most the horizon.
fn read_development_years(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    development: Option<f64>,
    horizon: Option<u32>,
) -> Option<u32> {
    let years = t.unsigned(ctx, "development_years").or(1, &t.span)?;
    if development.is_some_and(|d| d == 0.0) && years.value <= u64::from(u32::MAX) {
        return u32::try_from(years.value).ok();
    }
    let hi = u64::from(horizon.unwrap_or(cupola_analysis::cost::MAX_HORIZON_YEARS));
    count_within(
        ctx,
        Some(years),
        "development_years",
        (1, hi),
        "the years development is spread over, evenly from year 0, at least 1 and at most \
         `horizon_years`",
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
            "the years a unit serves before it is replaced, e.g. `life_years = 5.0`; leave the \
             key out for a unit that lasts the whole horizon",
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
    let s = t.unsigned(ctx, "deploy_year").or(0, &t.span)?;
    let Some(horizon) = horizon else {
        return u32::try_from(s.value).ok();
    };
    count_within(
        ctx,
        Some(s),
        "deploy_year",
        (0, u64::from(horizon) - 1),
        "the years after `base_year` when the first set is fielded and bought: before the \
         horizon ends",
    )
}

/// `production_per_year`: `Some(None)` when absent; at least 1.
fn read_production(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Option<u32>> {
    match t.unsigned(ctx, "production_per_year") {
        Field::Absent => Some(None),
        Field::Invalid => None,
        Field::Given(s) => count_within(
            ctx,
            Some(s),
            "production_per_year",
            (1, u64::from(MAX_COUNT)),
            "the units the production line delivers a year, at least 1 (leave the key out for \
             no limit): the layer grows and is replaced no faster",
        )
        .map(Some),
    }
}

/// `launch_kg_per_year`: `Some(None)` when absent; > 0.
fn read_launch_rate(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Option<f64>> {
    match t.number(ctx, "launch_kg_per_year") {
        Field::Absent => Some(None),
        Field::Invalid => None,
        Field::Given(s) => positive(
            ctx,
            Some(s),
            "launch_kg_per_year",
            "kg",
            "the mass to orbit a year this element's launches may use, in kg (2000000 is about \
             twenty 100-tonne flights); leave the key out for no limit",
        )
        .map(Some),
    }
}

/// `altitude_km` with `ballistic_coefficient_kg_m2` and
/// `station_keeping_isp_s`: `Some(None)` without `altitude_km` (the other
/// two are then a conflict).
fn read_orbit(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Option<OrbitKeeping>> {
    let altitude = t.number(ctx, "altitude_km");
    let b_in = t.opt_number(ctx, "ballistic_coefficient_kg_m2", SBI_BALLISTIC_KG_M2);
    let b = positive(
        ctx,
        b_in,
        "ballistic_coefficient_kg_m2",
        "kg/m²",
        "the unit's mass over its drag area times its drag coefficient, m/(C_D A), in kg/m²: \
         about 100 for a tonne with 4–5 m² of frontal area",
    );
    let isp_in = t.opt_number(ctx, "station_keeping_isp_s", SBI_ISP_S);
    let isp = positive(
        ctx,
        isp_in,
        "station_keeping_isp_s",
        "s",
        "the specific impulse of the thruster that holds the orbit, in s: about 220 for \
         hydrazine, 1500 for a Hall-effect thruster",
    );
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
    let km = within(
        ctx,
        Some(altitude),
        "altitude_km",
        |v| v > DECAY_FLOOR_M / 1e3 && v <= 40_000.0,
        "(180, 40000]",
        "km",
        "the altitude of the circular orbit held, in km above the WGS84 equatorial radius: \
         above 180 km (lower, an orbit ends within days) and at most 40000",
    )?;
    Some(Some(OrbitKeeping {
        altitude_m: km * 1e3,
        ballistic_kg_m2: b?,
        isp_s: isp?,
    }))
}
