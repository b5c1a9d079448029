//! "What does a budget buy?": the largest count of one element whose
//! life-cycle cost fits a budget.

use serde::Serialize;

use super::{CostError, CostSpec, MAX_COUNT, check, life_cycle};

/// The life-cycle cost of one more unit of the element `name` of `spec`
/// (count + 1 against count), millions of base-year dollars: its
/// procurement with its place on the learning curve, its launch with its
/// station-keeping propellant, and its replacements over the horizon. The
/// element's rate limits are lifted for the comparison: where production
/// or launch is the binding limit, one more unit would not be fielded at
/// all and the difference would be zero, which would make it look free;
/// whether the rates can field a layer is the fielding schedule's
/// question ([`super::ElementCost::full_strength_year`]).
///
/// # Errors
///
/// [`CostError::UnknownElement`] when no element is named `name`, and
/// whatever [`life_cycle`] refuses in the spec.
pub fn marginal_unit_musd(spec: &CostSpec, name: &str) -> Result<f64, CostError> {
    let k = spec
        .elements
        .iter()
        .position(|e| e.name == name)
        .ok_or_else(|| CostError::UnknownElement(name.to_owned()))?;
    let mut base = spec.clone();
    base.elements[k].production_per_year = None;
    base.elements[k].launch_kg_per_year = None;
    let mut more = base.clone();
    more.elements[k].count = more.elements[k].count.saturating_add(1);
    Ok(life_cycle(&more)?.total_musd - life_cycle(&base)?.total_musd)
}

/// How an element's operations scale when [`affordable_units`] changes its
/// count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OpsScaling {
    /// The element's `ops_musd_per_year` is a fixed charge, whatever the
    /// count (as in [`super::life_cycle`]).
    Fixed,
    /// Operations scale with the count: `ops_musd_per_year / count` per
    /// unit per year, from the spec's count (which must then be above
    /// zero).
    PerUnit,
}

/// What a budget buys of one element.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Affordable {
    /// The element.
    pub name: String,
    /// The budget, millions of base-year dollars.
    pub budget_musd: f64,
    /// The largest count (units in service at full strength) whose
    /// life-cycle cost fits the budget and which the rate limits can field
    /// within the horizon; 0 when even the fixed costs (development, fixed
    /// operations) exceed the budget.
    pub units: u32,
    /// Units procured for that count over the horizon.
    pub units_procured: u64,
    /// The life-cycle cost of that count, millions of base-year dollars
    /// (above the budget only when `units` is 0 and the fixed costs alone
    /// exceed it).
    pub cost_musd: f64,
    /// How operations were scaled.
    pub ops: OpsScaling,
    /// First calendar year at whose end all of them are in service, as
    /// the rate limits allow; `None` for a count of 0.
    pub full_strength_year: Option<i32>,
    /// Whether the rate limits, not the budget, set the count: one more
    /// unit would fit the budget but never be at full strength.
    pub rate_limited: bool,
}

/// The number of units of the element `name` of `spec` whose life-cycle
/// cost over the spec's horizon — development, procurement with its
/// learning curve, launch, replacements and operations, in base-year
/// dollars, the other elements left out — fits `budget_musd` (millions of
/// base-year dollars). Found by bisection on the count (the cost never
/// falls as the count grows), from 0 to [`MAX_COUNT`]. Development is a
/// fixed cost; operations are fixed or per unit as `ops` says.
///
/// # Errors
///
/// [`CostError::UnknownElement`] when no element is named `name`;
/// [`CostError::Budget`] for a budget that is negative or not finite;
/// [`CostError::Element`] for [`OpsScaling::PerUnit`] with a count of
/// zero; and whatever [`life_cycle`] refuses in the spec.
pub fn affordable_units(
    budget_musd: f64,
    spec: &CostSpec,
    name: &str,
    ops: OpsScaling,
) -> Result<Affordable, CostError> {
    if !(budget_musd.is_finite() && budget_musd >= 0.0) {
        return Err(CostError::Budget(budget_musd));
    }
    check(spec)?;
    let element = spec
        .elements
        .iter()
        .find(|e| e.name == name)
        .ok_or_else(|| CostError::UnknownElement(name.to_owned()))?;
    let ops_per_unit = match ops {
        OpsScaling::Fixed => None,
        OpsScaling::PerUnit if element.count == 0 => {
            return Err(CostError::Element {
                name: name.to_owned(),
                reason: "operations per unit need a count above zero".to_owned(),
            });
        }
        OpsScaling::PerUnit => Some(element.ops_musd_per_year / f64::from(element.count)),
    };
    let cost = |count: u32| -> Result<(f64, u64, Option<i32>), CostError> {
        let mut e = element.clone();
        e.count = count;
        if let Some(per_unit) = ops_per_unit {
            e.ops_musd_per_year = per_unit * f64::from(count);
        }
        let one = CostSpec {
            elements: vec![e],
            ..spec.clone()
        };
        let r = life_cycle(&one)?;
        let e = r.by_element.first();
        Ok((
            r.total_musd,
            e.map_or(0, |e| e.units_procured),
            e.and_then(|e| e.full_strength_year),
        ))
    };
    let answer = |units: u32,
                  (cost_musd, units_procured, full): (f64, u64, Option<i32>),
                  rate_limited: bool| Affordable {
        name: name.to_owned(),
        budget_musd,
        units,
        units_procured,
        cost_musd,
        ops,
        full_strength_year: full,
        rate_limited,
    };
    let zero = cost(0)?;
    if zero.0 > budget_musd {
        return Ok(answer(0, zero, false));
    }
    // A count fits when it is within the budget and reaches full strength.
    let fits = |(musd, _, full): (f64, u64, Option<i32>), count: u32| {
        musd <= budget_musd && (count == 0 || full.is_some())
    };
    // Grow an upper bound, then bisect: lo fits, hi does not.
    let (mut lo, mut lo_cost) = (0_u32, zero);
    let mut hi = 1_u32;
    let mut hi_cost = loop {
        let c = cost(hi)?;
        if !fits(c, hi) {
            break c;
        }
        (lo, lo_cost) = (hi, c);
        if hi == MAX_COUNT {
            return Ok(answer(hi, c, false));
        }
        hi = hi.saturating_mul(2).min(MAX_COUNT);
    };
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        let c = cost(mid)?;
        if fits(c, mid) {
            (lo, lo_cost) = (mid, c);
        } else {
            (hi, hi_cost) = (mid, c);
        }
    }
    // hi = lo + 1 does not fit: by the rates when it is within the budget.
    Ok(answer(lo, lo_cost, hi_cost.0 <= budget_musd))
}
