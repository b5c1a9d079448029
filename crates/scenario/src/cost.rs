//! `[cost]`: the life-cycle cost study — a preset, the horizon, the dollars
//! and their inflation table (`[cost.inflation]`, here), and the elements
//! costed (`[[cost.element]]`, in `cost/element.rs`).
//!
//! The table is read into [`cupola_analysis::cost::CostSpec`]; money stays
//! in millions of dollars (`_musd`) of `dollars_year`. The spec is costed
//! once with [`cupola_analysis::cost::life_cycle`] when everything else is
//! valid, so that anything the reader's checks miss is still reported.

pub(crate) mod element;

use cupola_analysis::cost::{self, CostSpec, Element, MAX_HORIZON_YEARS, SolarActivity, presets};

use crate::context::{Ctx, Span, Spanned, closest, one_of};
use crate::key::{KeyDescriptor, KeyKind};
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};
use element::{ELEMENT_KEYS, ReadElement, read_element};

/// Keys of `[cost]`.
pub(crate) const COST_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::text("preset")
        .optional()
        .shown_default("none")
        .rule("`\"cbo-2026\"`, `\"boost-2004\"`, `\"cbo-2026-architecture\"`")
        .example("preset = \"cbo-2026\"")
        .doc(
            "cited inputs to start from: \"cbo-2026\" (CBO's SBI layer), \"boost-2004\", or \
             \"cbo-2026-architecture\" (CBO's SBI layer with a tracking layer and battle \
             management, each input cited or assumed with its range)",
        ),
    KeyDescriptor::integer("base_year")
        .unit("year")
        .or_integer(2026)
        .shown_default("`2026` (or the preset's)")
        .closed(YEARS.0, YEARS.1)
        .example("base_year = 2026")
        .doc("the year whose constant dollars the results are in")
        .hint(YEAR_HELP)
        .setting(),
    KeyDescriptor::integer("dollars_year")
        .unit("year")
        .optional()
        .shown_default("`base_year` (or the preset's)")
        .closed(YEARS.0, YEARS.1)
        .rule("convertible to `base_year` by `[cost.inflation]`")
        .example("dollars_year = 2026")
        .doc("the year whose dollars the inputs are in")
        .hint(YEAR_HELP)
        .setting(),
    KeyDescriptor::integer("horizon_years")
        .unit("years")
        .or_integer(20)
        .shown_default("`20` (or the preset's)")
        .closed(1.0, MAX_HORIZON_YEARS as f64)
        .example("horizon_years = 20")
        .doc("years costed")
        .hint("the years costed from base_year, from 1 to 100; 20 is usual for these estimates")
        .setting(),
    KeyDescriptor::number("solar_flux_sfu")
        .unit("sfu")
        .or_number(140.0)
        .shown_default("`140.0` (or the preset's)")
        .closed(50.0, 400.0)
        .plausible(65.0, 250.0)
        .example("solar_flux_sfu = 140.0")
        .doc(
            "solar radio flux F10.7 averaged over the horizon, for the drag on elements that \
             hold an orbit",
        )
        .hint(
            "the solar radio flux F10.7 averaged over the horizon, in solar flux units: about 70 \
             at solar minimum, 140 over a cycle (ECSS-E-ST-10-04C \"moderate\"), 250 at a high \
             maximum",
        )
        .cited("ECSS-E-ST-10-04C: moderate long-term solar activity")
        .uncertainty(65.0, 250.0, "solar minimum to a high maximum"),
    KeyDescriptor::number("ap_index")
        .or_number(15.0)
        .shown_default("`15.0` (or the preset's)")
        .closed(0.0, 400.0)
        .plausible(0.0, 45.0)
        .example("ap_index = 15.0")
        .doc("geomagnetic index Ap averaged over the horizon, for the drag")
        .hint(
            "the geomagnetic index Ap averaged over the horizon: 0 when quiet, 15 moderate \
             (ECSS-E-ST-10-04C), 45 for a high long-term level",
        )
        .cited("ECSS-E-ST-10-04C: moderate long-term geomagnetic activity")
        .uncertainty(0.0, 45.0, "quiet to a high long-term level"),
    KeyDescriptor::table("inflation")
        .optional()
        .example("[cost.inflation]")
        .doc("a price index by year, to convert dollars_year dollars to base_year dollars"),
    KeyDescriptor::tables("element")
        .optional()
        .example("[[cost.element]]")
        .doc("an element costed: interceptors, sensors, battle management"),
];

/// Keys of `[cost.inflation]`.
pub(crate) const INFLATION_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::new("years", KeyKind::Other("array of integers"))
        .unit("year")
        .closed(YEARS.0, YEARS.1)
        .rule("strictly ascending, not empty")
        .example("years = [2020, 2025, 2026]")
        .doc("the table's years, integers, strictly ascending")
        .hint(YEAR_HELP),
    KeyDescriptor::new("index", KeyKind::Other("array of numbers"))
        .positive()
        .rule("as many as `years`")
        .example("index = [0.85, 0.97, 1.0]")
        .doc("the price index of each year, > 0, as many as `years`")
        .hint(
            "a price index: the relative price level of its year, e.g. 1.0 for the base year and \
             0.85 for a year when prices were 15% lower",
        ),
];

/// The presets accepted by `preset`, with their specs.
const PRESETS: [&str; 3] = ["cbo-2026", "boost-2004", "cbo-2026-architecture"];

/// The spec of a preset named in [`PRESETS`].
fn preset_spec(name: &str) -> Option<CostSpec> {
    match name {
        "cbo-2026" => Some(presets::cbo_2026_space_layer()),
        "boost-2004" => Some(presets::boost_phase_2004_style()),
        "cbo-2026-architecture" => Some(presets::cbo_2026_architecture()),
        _ => None,
    }
}

/// The inputs of a preset named in [`PRESETS`], each with its basis.
pub(crate) fn preset_basis(name: &str) -> Vec<cupola_physics::basis::Datum> {
    match name {
        "cbo-2026" => presets::cbo_2026_basis(),
        "boost-2004" => presets::boost_2004_basis(),
        "cbo-2026-architecture" => presets::architecture_basis(),
        _ => Vec::new(),
    }
}

/// Years accepted for `base_year`, `dollars_year` and the inflation table.
const YEARS: (f64, f64) = (1900.0, 2200.0);

/// Help for a year.
const YEAR_HELP: &str = "a calendar year from 1900 to 2200, e.g. 2026";

/// Read `[cost]`: `Some(None)` when absent, `None` when invalid. A
/// preset's SBIs are put at `sbi_altitude_m` (m), the scenario's `[sbi]`
/// altitude, when there is one.
pub(crate) fn read_cost(
    ctx: &mut Ctx,
    root: &TableReader<'_>,
    sbi_altitude_m: Option<f64>,
) -> Option<Option<CostSpec>> {
    let t = match root.table(ctx, "cost", "[cost]", COST_KEYS) {
        Field::Given(t) => t.value,
        Field::Absent => return Some(None),
        Field::Invalid => return None,
    };
    let preset = read_preset(ctx, &t);
    let base = preset.as_ref().and_then(|p| p.as_ref());
    let base_year_in = t.unsigned(ctx, "base_year");
    let base_year_given = base_year_in.is_present();
    let base_year = year(
        ctx,
        &t,
        base_year_in.or(base.map_or(2026, |p| p.base_year as u64), &t.span),
        "base_year",
    );
    let dollars_in = t.unsigned(ctx, "dollars_year");
    let dollars_span = dollars_in
        .is_present()
        .then(|| t.value_span("dollars_year"));
    let default_dollars = base.map_or(base_year.unwrap_or(2026), |p| p.dollars_year);
    let dollars_year = year(
        ctx,
        &t,
        dollars_in.or(default_dollars as u64, &t.span),
        "dollars_year",
    );
    let mut dollars_conflict = false;
    if let (Some(p), Some(d), Some(span)) = (base, dollars_year, &dollars_span)
        && d != p.dollars_year
    {
        dollars_conflict = true;
        let p = ctx
            .at(
                ProblemKind::Conflict,
                span.clone(),
                format!(
                    "the preset's inputs are in {} dollars, so `dollars_year` must be {}, got {d}",
                    p.dollars_year, p.dollars_year
                ),
            )
            .with_help(
                "the elements of a file are in the same dollars as its preset's: remove \
                 `dollars_year`, or convert your own inputs to the preset's year; set \
                 `base_year` (with [cost.inflation]) for results in another year's dollars",
            )
            .with_label("not the preset's year");
        ctx.push(p);
    }
    let horizon_in = t
        .unsigned(ctx, "horizon_years")
        .or(base.map_or(20, |p| u64::from(p.horizon_years)), &t.span);
    let horizon = horizon_in.and_then(|s| t.check_int(ctx, "horizon_years", &s));
    let inflation = match t.table(ctx, "inflation", "[cost.inflation]", INFLATION_KEYS) {
        Field::Given(r) => read_inflation(ctx, &r.value),
        Field::Absent => Some(None),
        Field::Invalid => None,
    };
    let years_ok = match (&inflation, base_year, dollars_year) {
        _ if dollars_conflict => false,
        (Some(table), Some(b), Some(d)) => check_years(
            ctx,
            &t,
            table.as_ref(),
            (b, base_year_given),
            (d, dollars_span),
        ),
        _ => false,
    };
    let solar = read_solar(
        ctx,
        &t,
        base.map_or_else(SolarActivity::default, |p| p.solar),
    );
    let elements = read_elements(ctx, &t, horizon, base);
    t.finish(ctx);
    let preset = preset?;
    if preset.is_none() && elements.as_ref().is_some_and(Vec::is_empty) {
        ctx.report(
            ProblemKind::MissingKey,
            t.span.clone(),
            "[cost] has no preset and no element to cost",
            "add `preset = \"cbo-2026\"`, or at least one\n[[cost.element]]\nname = \"SBI\"\n\
             layer = \"space\"\ncount = 7800\nunit_cost_musd = 22.0",
        )
        .relabel("nothing to cost");
        return None;
    }
    if !years_ok {
        return None;
    }
    let mut spec = match (preset, sbi_altitude_m) {
        (Some(p), Some(altitude)) => p.with_sbi_altitude(altitude),
        (Some(p), None) => p,
        (None, _) => CostSpec {
            base_year: 0,
            dollars_year: 0,
            horizon_years: 0,
            inflation: Vec::new(),
            elements: Vec::new(),
            solar: SolarActivity::default(),
        },
    };
    spec.solar = solar?;
    spec.base_year = base_year?;
    spec.dollars_year = dollars_year?;
    spec.horizon_years = horizon?;
    spec.inflation = inflation?.map(|r| r.table).unwrap_or_default();
    spec.elements.extend(elements?);
    // What the reader does not check (a preset's element against a short
    // horizon): costed once, reported at the horizon.
    if let Err(e) = cost::life_cycle(&spec) {
        ctx.report(
            ProblemKind::InvalidValue,
            t.value_span("horizon_years"),
            format!("the cost of [cost] cannot be computed: {e}"),
            "check the horizon against the elements' deployment and development years, their \
             rate limits, and the orbit their SBIs hold (the [sbi] altitude for a preset's)",
        );
        return None;
    }
    Some(Some(spec))
}

/// `preset`: `Some(None)` when absent.
fn read_preset(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Option<CostSpec>> {
    let s = match t.string(ctx, "preset") {
        Field::Given(s) => s,
        Field::Absent => return Some(None),
        Field::Invalid => return None,
    };
    if let Some(spec) = preset_spec(&s.value) {
        for d in preset_basis(&s.value) {
            ctx.use_value(s.span.start, d);
        }
        return Some(Some(spec));
    }
    let help = match closest(&s.value, PRESETS) {
        Some(best) => format!(
            "did you mean \"{best}\"? The presets are {}",
            one_of(&PRESETS)
        ),
        None => format!(
            "the presets are {}: CBO's May 2026 notional space layer, a boost-phase layer in \
             the style of CBO 2004 / NRC 2012, or CBO's space layer with a tracking layer and \
             battle management; leave `preset` out to give every element yourself",
            one_of(&PRESETS)
        ),
    };
    ctx.report(
        ProblemKind::InvalidValue,
        s.span,
        format!("unknown cost preset \"{}\"", s.value),
        help,
    )
    .relabel("unknown preset");
    None
}

/// `solar_flux_sfu` and `ap_index`, defaulting to `default`.
fn read_solar(ctx: &mut Ctx, t: &TableReader<'_>, default: SolarActivity) -> Option<SolarActivity> {
    let flux = t
        .number(ctx, "solar_flux_sfu")
        .or(default.f107_sfu, &t.span)
        .and_then(|s| t.check(ctx, "solar_flux_sfu", s));
    let ap = t
        .number(ctx, "ap_index")
        .or(default.ap, &t.span)
        .and_then(|s| t.check(ctx, "ap_index", s));
    Some(SolarActivity {
        f107_sfu: flux?,
        ap: ap?,
    })
}

/// A year of `key` in `t`, in [`YEARS`].
fn year(ctx: &mut Ctx, t: &TableReader<'_>, s: Option<Spanned<u64>>, key: &str) -> Option<i32> {
    t.check_int(ctx, key, &s?)
        .and_then(|y| i32::try_from(y).ok())
}

/// A read inflation table (year → index).
struct Inflation {
    table: Vec<(i32, f64)>,
}

/// `[cost.inflation]`: years strictly ascending, indices > 0, as many of
/// each.
fn read_inflation(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Option<Inflation>> {
    let years_in = t.integers(ctx, "years", false);
    let years = t.require(ctx, "years", years_in);
    let index_in = t.numbers(ctx, "index", false);
    let index = t.require(ctx, "index", index_in);
    t.finish(ctx);
    let (years, index) = (years?, index?);
    let mut ok = true;
    let mut previous: Option<&Spanned<u64>> = None;
    for y in &years.value {
        if let Some(p) = previous
            && y.value <= p.value
        {
            ctx.report(
                ProblemKind::InvalidValue,
                y.span.clone(),
                format!(
                    "the inflation `years` must be strictly ascending, but {} follows {}",
                    y.value, p.value
                ),
                "list each year once, earliest first, with its index at the same place in \
                 `index`, e.g. `years = [2020, 2025, 2026]`",
            )
            .relabel(format!("not after {}", p.value));
            ok = false;
        }
        ok &= year(ctx, t, Some(y.clone()), "years").is_some();
        previous = Some(y);
    }
    for i in &index.value {
        if i.value <= 0.0 {
            ctx.report(
                ProblemKind::InvalidValue,
                i.span.clone(),
                format!(
                    "every inflation `index` must be greater than zero, got {}",
                    i.value
                ),
                t.descriptor("index").hint,
            )
            .relabel("must be > 0");
            ok = false;
        }
    }
    if years.value.len() != index.value.len() {
        ctx.report(
            ProblemKind::InvalidValue,
            index.span.clone(),
            format!(
                "[cost.inflation] has {} `years` but {} `index` values",
                years.value.len(),
                index.value.len()
            ),
            "give one index per year, in the same order: `years = [2020, 2026]` with \
             `index = [0.85, 1.0]`",
        )
        .relabel("not as many as `years`");
        ok = false;
    }
    if !ok {
        return None;
    }
    let table = years
        .value
        .iter()
        .zip(&index.value)
        .map(|(y, i)| (y.value as i32, i.value))
        .collect();
    Some(Some(Inflation { table }))
}

/// Check that `dollars_year` dollars can be converted to `base_year`
/// dollars: the same year, or both within the inflation table. Each year
/// comes with where it is written (`None`: not written, defaulted).
fn check_years(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    table: Option<&Inflation>,
    (base, base_given): (i32, bool),
    (dollars, dollars_span): (i32, Option<Span>),
) -> bool {
    if base == dollars {
        return true;
    }
    let at_dollars = dollars_span.unwrap_or_else(|| t.span.clone());
    let Some(table) = table else {
        ctx.report(
            ProblemKind::MissingKey,
            at_dollars,
            format!(
                "inputs in {dollars} dollars need an inflation table to give results in \
                 {base} dollars"
            ),
            "add\n[cost.inflation]\nyears = [2020, 2026]\nindex = [0.85, 1.0]\nwith both years \
             in it, or set `dollars_year` equal to `base_year`",
        )
        .relabel("needs [cost.inflation]");
        return false;
    };
    let (first, last) = match (table.table.first(), table.table.last()) {
        (Some(f), Some(l)) => (f.0, l.0),
        _ => return false,
    };
    let mut ok = true;
    for (year, key, span) in [
        (dollars, "dollars_year", at_dollars),
        (
            base,
            "base_year",
            if base_given {
                t.value_span("base_year")
            } else {
                t.span.clone()
            },
        ),
    ] {
        if (first..=last).contains(&year) {
            continue;
        }
        let p = ctx
            .at(
                ProblemKind::InvalidValue,
                span,
                format!(
                    "`{key}` {year} is outside the inflation table, which covers {first} to {last}"
                ),
            )
            .with_help(format!(
                "add {year} to [cost.inflation] `years` (with its index), or choose a year \
                 from {first} to {last}"
            ))
            .with_label(format!("not in {first}–{last}"));
        ctx.push(p);
        ok = false;
    }
    ok
}

/// Every `[[cost.element]]`, with unique names (also against the preset's
/// elements); `Some(vec![])` when there are none.
fn read_elements(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    horizon: Option<u32>,
    preset: Option<&CostSpec>,
) -> Option<Vec<Element>> {
    let tables = match t.tables(
        ctx,
        "element",
        |i| format!("[[cost.element]] #{}", i + 1),
        ELEMENT_KEYS,
    ) {
        Field::Given(list) => list.value,
        Field::Absent => return Some(Vec::new()),
        Field::Invalid => return None,
    };
    let read: Vec<ReadElement> = tables
        .into_iter()
        .map(|mut r| read_element(ctx, &mut r, horizon))
        .collect();
    let mut ok = true;
    for (i, r) in read.iter().enumerate() {
        let Some(name) = &r.name else { continue };
        let earlier = read[..i]
            .iter()
            .filter_map(|o| o.name.as_ref())
            .find(|o| o.value == name.value);
        let message = if let Some(first) = earlier {
            format!(
                "an element named `{}` is already defined on line {}",
                name.value,
                ctx.line_of(first.span.start)
            )
        } else if preset.is_some_and(|p| p.elements.iter().any(|e| e.name == name.value)) {
            format!(
                "an element named `{}` is already defined by the preset",
                name.value
            )
        } else {
            continue;
        };
        let p = ctx
            .at(ProblemKind::DuplicateName, name.span.clone(), message)
            .with_help(
                "give every [[cost.element]] its own name (the preset's elements included): the \
                 results name each element by it",
            )
            .with_label("second definition");
        ctx.push(p);
        ok = false;
    }
    let elements: Option<Vec<Element>> = read.into_iter().map(|r| r.element).collect();
    if ok { elements } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key's example writes it, and every preset resolves.
    #[test]
    fn keys_are_documented() {
        for k in COST_KEYS.iter().chain(INFLATION_KEYS).chain(ELEMENT_KEYS) {
            assert!(k.example.contains(k.name), "{}", k.name);
        }
        for p in PRESETS {
            assert!(preset_spec(p).is_some(), "{p}");
        }
    }
}
