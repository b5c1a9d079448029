//! Life-cycle cost of a layered defense: per element and layer, by year and
//! by category, in constant dollars of a base year.
//!
//! Money is in **millions of dollars** (`_musd`) throughout; inputs are in
//! dollars of [`CostSpec::dollars_year`], results in dollars of
//! [`CostSpec::base_year`]. The model, rule by rule:
//!
//! - **Development** (`development_musd`) is spread evenly over
//!   `development_years` years starting at year 0 (the base year); it may
//!   not run past the horizon.
//! - **Fielding** (`cost/schedule.rs`): each element
//!   fields `count` units from `deploy_year`, as fast as its production
//!   line (`production_per_year`) and its share of launch
//!   (`launch_kg_per_year`, in mass to orbit) allow: the constellation
//!   ramps up over the years the rates need. Each unit is replaced when it
//!   reaches its life (`life_years`), so cohorts fielded in different
//!   years are replaced in different years; replacements come before
//!   growth when capacity is short, and a unit that cannot be replaced on
//!   time leaves service until capacity allows. A replacement due before
//!   the horizon ends is bought in full, even if it serves only part of
//!   its life inside the horizon; without a life a unit lasts the
//!   horizon. Without rate limits the first set is bought in the deploy
//!   year and each set is replaced every L years: ⌈(H − deploy)/L⌉ sets.
//! - **Procurement**: a unit costs either an average
//!   ([`UnitCost::Average`]) or follows a learning curve from a first-unit
//!   cost ([`UnitCost::FirstUnit`], Wright or Crawford, see [`learning`]);
//!   the unit numbers keep counting across years and replacements. Units
//!   bought beyond the first `count` are replacements, also reported on
//!   their own ([`ElementCost::replacement_musd`],
//!   [`YearCost::replacement_musd`]).
//! - **Station keeping** ([`orbit`]): an element in orbit (`orbit`) carries
//!   the propellant to hold its altitude against drag over its life (or
//!   the horizon without one), from the density of the thermosphere at
//!   the spec's solar activity and the unit's ballistic coefficient; the
//!   propellant is launched with it. A low orbit therefore costs more
//!   launch (and launch capacity) than a high one.
//! - **Launch**: every unit bought is launched in the year it is bought,
//!   at (`mass_kg` + propellant) × `launch_usd_per_kg`.
//! - **Operations and support** (`ops_musd_per_year`) is a fixed charge per
//!   element per year, from `deploy_year` to the end of the horizon
//!   (H − deploy_year years); it does not scale with `count`, nor with the
//!   units in service while the layer ramps up (see [`OpsScaling`] for
//!   [`affordable_units`]).
//! - **Constant dollars**: every amount is multiplied by
//!   index(base_year) / index(dollars_year) from the inflation table
//!   (linear interpolation between its years; a year outside the table is
//!   an error). Without a table the two years must be equal.
//!
//! Sensors and battle management are elements like any other (their own
//! `layer`, e.g. "sensors", "battle management"), so they appear as lines
//! of their own in every breakdown. [`presets`] holds cited inputs: CBO's
//! May 2026 notional space layer and a boost-phase layer in the style of
//! CBO 2004 / NRC 2012.

mod afford;
mod check;
pub mod inflation;
pub mod learning;
pub mod orbit;
pub mod presets;
mod result;
mod schedule;
#[cfg(test)]
mod tests;

use serde::Serialize;

pub use afford::{Affordable, OpsScaling, affordable_units, marginal_unit_musd};
use check::check;
pub use check::{CostError, MAX_PROPELLANT_RATIO};
pub use learning::{Learning, average_musd, learning_total_musd, unit_musd};
pub use orbit::{Keeping, OrbitKeeping, SolarActivity};
pub use result::{CostResult, ElementCost, YearCost};
pub use schedule::ElementYear;

/// Most units of one element in one set.
pub const MAX_COUNT: u32 = 10_000_000;

/// Most generations (a unit and its successive replacements) of one
/// element over the horizon: horizon / life at most this.
pub const MAX_SETS: u64 = 10_000;

/// Longest horizon, years.
pub const MAX_HORIZON_YEARS: u32 = 100;

/// How the cost of one unit is given.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum UnitCost {
    /// Every unit costs the same average, millions of dollars, ≥ 0.
    Average {
        /// Average unit cost, millions of dollars.
        musd: f64,
    },
    /// The first unit's cost, millions of dollars (≥ 0), with a learning
    /// curve for the units after it.
    FirstUnit {
        /// First-unit cost T₁, millions of dollars.
        musd: f64,
        /// How later units get cheaper.
        learning: Learning,
    },
}

impl UnitCost {
    /// The cost of units `from_unit + 1 ..= from_unit + units`, millions of
    /// dollars.
    pub fn batch_musd(self, from_unit: u64, units: u64) -> f64 {
        match self {
            Self::Average { musd } => musd * units as f64,
            Self::FirstUnit { musd, learning } => {
                learning_total_musd(musd, learning, from_unit, units)
            }
        }
    }
}

/// A cost category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Research, development, test and evaluation.
    Development,
    /// Buying the units (first set and replacements).
    Procurement,
    /// Launching the units to orbit.
    Launch,
    /// Operations and support.
    Operations,
}

impl Category {
    /// Every category, in report order.
    pub const ALL: [Self; 4] = [
        Self::Development,
        Self::Procurement,
        Self::Launch,
        Self::Operations,
    ];

    /// Lower-case name, e.g. "procurement".
    pub fn name(self) -> &'static str {
        match self {
            Self::Development => "development",
            Self::Procurement => "procurement",
            Self::Launch => "launch",
            Self::Operations => "operations",
        }
    }
}

/// One element of the architecture: interceptors, a sensor constellation,
/// a battle-management system. Money in millions of dollars of
/// [`CostSpec::dollars_year`] (launch price in dollars per kg).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Element {
    /// Name, unique in the spec.
    pub name: String,
    /// The layer it belongs to (e.g. "space", "sensors"), for the
    /// breakdown by layer.
    pub layer: String,
    /// Units in one set (in service at once), ≤ [`MAX_COUNT`].
    pub count: u32,
    /// Cost of a unit.
    pub unit: UnitCost,
    /// Development, millions of dollars, ≥ 0.
    pub development_musd: f64,
    /// Years development is spread over, from year 0; ≥ 1 when
    /// `development_musd` > 0, at most the horizon.
    pub development_years: u32,
    /// Mass launched per unit, kg, ≥ 0.
    pub mass_kg: f64,
    /// Launch price, dollars per kg, ≥ 0.
    pub launch_usd_per_kg: f64,
    /// Service life of a unit, years, > 0; `None`: it lasts the horizon.
    pub life_years: Option<f64>,
    /// Operations and support, millions of dollars per year, ≥ 0, from
    /// `deploy_year` to the horizon; a fixed charge, not per unit.
    pub ops_musd_per_year: f64,
    /// Years after the base year when fielding starts, < the horizon.
    pub deploy_year: u32,
    /// Units the production line delivers a year, ≥ 1; `None`: no limit.
    pub production_per_year: Option<u32>,
    /// Mass to orbit a year available to this element's launches, kg,
    /// > 0 (at least one unit with its propellant); `None`: no limit.
    pub launch_kg_per_year: Option<f64>,
    /// The orbit its units hold by station keeping; `None`: no orbit kept
    /// (a ground element, or one whose propellant is in `mass_kg`).
    pub orbit: Option<OrbitKeeping>,
}

impl Element {
    /// An element of `count` units at an average unit cost, lasting the
    /// horizon, with no development, launch, operations, rate limit or
    /// orbit: set the other fields with struct update syntax.
    pub fn new(name: &str, layer: &str, count: u32, unit_musd: f64) -> Self {
        Self {
            name: name.to_owned(),
            layer: layer.to_owned(),
            count,
            unit: UnitCost::Average { musd: unit_musd },
            development_musd: 0.0,
            development_years: 1,
            mass_kg: 0.0,
            launch_usd_per_kg: 0.0,
            life_years: None,
            ops_musd_per_year: 0.0,
            deploy_year: 0,
            production_per_year: None,
            launch_kg_per_year: None,
            orbit: None,
        }
    }

    /// Years a unit serves: its life, or the span from the deploy year to
    /// the end of the horizon without one.
    pub fn service_years(&self, horizon_years: u32) -> f64 {
        self.life_years
            .unwrap_or(f64::from(horizon_years.saturating_sub(self.deploy_year)))
    }

    /// Station keeping of a unit over its service, when it holds an orbit.
    pub fn keeping(&self, horizon_years: u32, solar: SolarActivity) -> Option<Keeping> {
        self.orbit
            .map(|o| Keeping::new(o, self.mass_kg, self.service_years(horizon_years), solar))
    }

    /// Mass launched per unit, kg: `mass_kg` and the station-keeping
    /// propellant.
    pub fn launch_mass_kg(&self, horizon_years: u32, solar: SolarActivity) -> f64 {
        self.mass_kg
            + self
                .keeping(horizon_years, solar)
                .map_or(0.0, |k| k.propellant_kg)
    }

    /// Units that can be bought and launched a year: the production rate
    /// and the launch capacity over the launch mass per unit, the smaller;
    /// `None` without a limit.
    pub fn units_per_year(&self, horizon_years: u32, solar: SolarActivity) -> Option<u64> {
        let mass = self.launch_mass_kg(horizon_years, solar);
        let by_launch = self
            .launch_kg_per_year
            .filter(|_| mass > 0.0)
            .map(|kg| (kg / mass).floor().min(1e18) as u64);
        match (self.production_per_year.map(u64::from), by_launch) {
            (Some(p), Some(l)) => Some(p.min(l)),
            (p, l) => p.or(l),
        }
    }
}

/// What to cost: the elements, the horizon and the dollars.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostSpec {
    /// The year whose constant dollars the results are in; year 0 of the
    /// horizon.
    pub base_year: i32,
    /// The year whose dollars the inputs are given in.
    pub dollars_year: i32,
    /// Years costed, in [1, [`MAX_HORIZON_YEARS`]].
    pub horizon_years: u32,
    /// Price index by year (year → index > 0), years strictly ascending;
    /// may be empty when `dollars_year == base_year`.
    pub inflation: Vec<(i32, f64)>,
    /// The elements; names unique.
    pub elements: Vec<Element>,
    /// Solar and geomagnetic activity over the horizon, for the drag on
    /// elements that hold an orbit.
    pub solar: SolarActivity,
}

/// The layers whose elements are space-based interceptors: an SBI
/// layer's altitude applies to their orbits.
pub const SBI_LAYERS: [&str; 2] = ["space", "boost"];

impl CostSpec {
    /// The same spec with every element of an SBI layer ([`SBI_LAYERS`])
    /// that holds an orbit moved to `altitude_m` (m): the scenario's SBI
    /// shell, for a preset's SBIs.
    #[must_use]
    pub fn with_sbi_altitude(mut self, altitude_m: f64) -> Self {
        for e in &mut self.elements {
            if let Some(o) = e.orbit.as_mut()
                && SBI_LAYERS.contains(&e.layer.as_str())
            {
                o.altitude_m = altitude_m;
            }
        }
        self
    }
}

/// The life-cycle cost of `spec` over its horizon, in millions of
/// base-year dollars, by element, layer, category and year. The rules are
/// those of the [module documentation](self).
///
/// # Errors
///
/// A [`CostError`] for a horizon outside [1, 100] years, an element out of
/// range (negative or non-finite money, mass or launch price; a learning
/// slope outside (0, 1]; a life of zero; development over zero years or
/// past the horizon; a deploy year at or past the horizon; more than
/// [`MAX_COUNT`] units or [`MAX_SETS`] generations; a rate limit that
/// fields nothing; an orbit below the decay floor or more propellant than
/// a stage can carry), two elements of one name, or
/// dollars that cannot be converted (no table, a year outside it, a table
/// not strictly ascending).
pub fn life_cycle(spec: &CostSpec) -> Result<CostResult, CostError> {
    let factor = check(spec)?;
    let horizon = spec.horizon_years;
    let mut by_year: Vec<YearCost> = (0..horizon)
        .map(|offset| YearCost {
            year: spec.base_year + offset as i32,
            offset,
            development_musd: 0.0,
            procurement_musd: 0.0,
            launch_musd: 0.0,
            operations_musd: 0.0,
            replacement_musd: 0.0,
        })
        .collect();
    let mut by_element = Vec::with_capacity(spec.elements.len());
    for e in &spec.elements {
        let cost = cost_element(e, spec, factor, &mut by_year);
        by_element.push(cost);
    }
    let mut by_layer: Vec<(String, f64)> = Vec::new();
    for c in &by_element {
        match by_layer.iter_mut().find(|(l, _)| *l == c.layer) {
            Some((_, v)) => *v += c.total_musd,
            None => by_layer.push((c.layer.clone(), c.total_musd)),
        }
    }
    let by_category: Vec<(Category, f64)> = Category::ALL
        .iter()
        .map(|&k| (k, by_element.iter().map(|c| c.category(k)).sum()))
        .collect();
    Ok(CostResult {
        total_musd: by_element.iter().map(|c| c.total_musd).sum(),
        by_layer,
        by_category,
        units_procured: by_element
            .iter()
            .map(|c| (c.name.clone(), c.units_procured))
            .collect(),
        by_element,
        by_year,
        dollars_year: spec.base_year,
    })
}

/// Cost one (checked) element, adding its spending to `by_year`.
fn cost_element(
    e: &Element,
    spec: &CostSpec,
    factor: f64,
    by_year: &mut [YearCost],
) -> ElementCost {
    let horizon = spec.horizon_years;
    let keeping = e.keeping(horizon, spec.solar);
    let launch_mass_kg = e.launch_mass_kg(horizon, spec.solar);
    let units_per_year = e.units_per_year(horizon, spec.solar);
    let count = u64::from(e.count);
    let fielded = schedule::field(
        count,
        e.life_years,
        e.deploy_year,
        horizon,
        units_per_year.unwrap_or(u64::MAX),
    );
    let mut out = ElementCost {
        name: e.name.clone(),
        layer: e.layer.clone(),
        development_musd: 0.0,
        procurement_musd: 0.0,
        launch_musd: 0.0,
        operations_musd: 0.0,
        replacement_musd: 0.0,
        units_procured: fielded.iter().map(|y| y.bought).sum(),
        total_musd: 0.0,
        launch_mass_kg,
        units_per_year,
        full_strength_year: fielded
            .iter()
            .position(|y| count > 0 && y.in_service == count)
            .map(|i| spec.base_year + i as i32),
        keeping,
        by_year: fielded.clone(),
    };
    if e.development_musd > 0.0 {
        let per_year = e.development_musd * factor / f64::from(e.development_years);
        for y in by_year.iter_mut().take(e.development_years as usize) {
            y.add(Category::Development, per_year);
            out.development_musd += per_year;
        }
    }
    let launch_per_unit_musd = launch_mass_kg * e.launch_usd_per_kg / 1e6;
    let mut bought_so_far = 0_u64;
    for (y, f) in by_year.iter_mut().zip(&fielded) {
        if f.bought == 0 {
            continue;
        }
        // Units past the first `count` are replacements.
        let first = count.saturating_sub(bought_so_far).min(f.bought);
        let later = f.bought - first;
        let first_musd = e.unit.batch_musd(bought_so_far, first) * factor;
        let later_musd = e.unit.batch_musd(bought_so_far + first, later) * factor;
        bought_so_far += f.bought;
        let launch = launch_per_unit_musd * f.bought as f64 * factor;
        let replacement = later_musd + launch_per_unit_musd * later as f64 * factor;
        y.add(Category::Procurement, first_musd + later_musd);
        y.add(Category::Launch, launch);
        y.replacement_musd += replacement;
        out.procurement_musd += first_musd + later_musd;
        out.launch_musd += launch;
        out.replacement_musd += replacement;
    }
    let ops = e.ops_musd_per_year * factor;
    for y in by_year.iter_mut().skip(e.deploy_year as usize) {
        y.add(Category::Operations, ops);
        out.operations_musd += ops;
    }
    out.total_musd =
        out.development_musd + out.procurement_musd + out.launch_musd + out.operations_musd;
    out
}
