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
//! - **Procurement**: each element fields `count` units in year
//!   `deploy_year`. A unit costs either an average ([`UnitCost::Average`])
//!   or follows a learning curve from a first-unit cost
//!   ([`UnitCost::FirstUnit`], Wright or Crawford, see [`learning`]); the
//!   unit numbers keep counting across replacement buys.
//! - **Replacements**: with a life L and a horizon H, the element buys
//!   ⌈(H − deploy_year)/L⌉ sets of `count` units (the first set plus the
//!   replacements), set k in year deploy_year + ⌊k·L⌋, when its predecessor
//!   reaches the end of its life. A set whose service would start before
//!   the horizon ends is bought in full, even if it serves only part of
//!   its life inside the horizon (the rounding is up: 20 years of a 7-year
//!   life buy 3 sets). Without a life (`life_years = None`) one set lasts
//!   the horizon. Replacement sets are procurement and launch like the
//!   first, and are also reported on their own
//!   ([`ElementCost::replacement_musd`], [`YearCost::replacement_musd`]).
//! - **Launch**: every unit procured (first set and replacements) is
//!   launched at `mass_kg × launch_usd_per_kg`, in the year it is bought.
//! - **Operations and support** (`ops_musd_per_year`) is a fixed charge per
//!   element per year, from `deploy_year` to the end of the horizon
//!   (H − deploy_year years); it does not scale with `count` (see
//!   [`OpsScaling`] for [`affordable_units`]).
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
pub mod inflation;
pub mod learning;
pub mod presets;
#[cfg(test)]
mod tests;

use serde::Serialize;

pub use afford::{Affordable, OpsScaling, affordable_units};
pub use learning::{Learning, average_musd, learning_total_musd, unit_musd};

/// Most units of one element in one set.
pub const MAX_COUNT: u32 = 10_000_000;

/// Most sets (the first and its replacements) of one element.
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
    /// Years after the base year when the first set is fielded (and
    /// bought), < the horizon.
    pub deploy_year: u32,
}

impl Element {
    /// An element of `count` units at an average unit cost, lasting the
    /// horizon, with no development, launch or operations: set the other
    /// fields with struct update syntax.
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
        }
    }

    /// Sets bought over a horizon of `horizon_years`: ⌈(H − deploy)/L⌉
    /// (a set whose service starts before the horizon ends is bought in
    /// full), 1 without a life. The quotient is rounded up after taking
    /// off 1e-9, so that 20 years of a 5-year life are 4 sets, not 5, in
    /// floating point.
    pub fn sets(&self, horizon_years: u32) -> u64 {
        let span = f64::from(horizon_years.saturating_sub(self.deploy_year));
        match self.life_years {
            None => 1,
            Some(life) => (span / life - 1e-9).ceil().clamp(1.0, 1e15) as u64,
        }
    }

    /// Units procured over the horizon: `count` × [`Element::sets`].
    pub fn units_procured(&self, horizon_years: u32) -> u64 {
        u64::from(self.count) * self.sets(horizon_years)
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
}

/// What one element costs over the horizon, millions of base-year
/// dollars.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ElementCost {
    /// The element's name.
    pub name: String,
    /// Its layer.
    pub layer: String,
    /// Development.
    pub development_musd: f64,
    /// Procurement, first set and replacements.
    pub procurement_musd: f64,
    /// Launch, first set and replacements.
    pub launch_musd: f64,
    /// Operations and support.
    pub operations_musd: f64,
    /// The part of procurement and launch that buys and launches
    /// replacement sets (included in those two).
    pub replacement_musd: f64,
    /// Sets bought (1 + replacements).
    pub sets: u64,
    /// Units procured, `count × sets`.
    pub units_procured: u64,
    /// The sum of the four categories.
    pub total_musd: f64,
}

impl ElementCost {
    /// The amount of one category.
    pub fn category(&self, c: Category) -> f64 {
        match c {
            Category::Development => self.development_musd,
            Category::Procurement => self.procurement_musd,
            Category::Launch => self.launch_musd,
            Category::Operations => self.operations_musd,
        }
    }
}

/// The spending of one year of the horizon, millions of base-year
/// dollars.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearCost {
    /// Calendar year (base year + offset).
    pub year: i32,
    /// Years after the base year, from 0.
    pub offset: u32,
    /// Development.
    pub development_musd: f64,
    /// Procurement.
    pub procurement_musd: f64,
    /// Launch.
    pub launch_musd: f64,
    /// Operations and support.
    pub operations_musd: f64,
    /// Of procurement and launch, what buys and launches replacement sets.
    pub replacement_musd: f64,
}

impl YearCost {
    /// The amount of one category.
    pub fn category(&self, c: Category) -> f64 {
        match c {
            Category::Development => self.development_musd,
            Category::Procurement => self.procurement_musd,
            Category::Launch => self.launch_musd,
            Category::Operations => self.operations_musd,
        }
    }

    /// The year's total.
    pub fn total_musd(&self) -> f64 {
        Category::ALL.iter().map(|&c| self.category(c)).sum()
    }

    fn add(&mut self, c: Category, musd: f64) {
        match c {
            Category::Development => self.development_musd += musd,
            Category::Procurement => self.procurement_musd += musd,
            Category::Launch => self.launch_musd += musd,
            Category::Operations => self.operations_musd += musd,
        }
    }
}

/// The life-cycle cost of a [`CostSpec`], millions of dollars of
/// [`CostResult::dollars_year`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostResult {
    /// Everything over the horizon.
    pub total_musd: f64,
    /// By layer, in order of first appearance among the elements.
    pub by_layer: Vec<(String, f64)>,
    /// By category, in [`Category::ALL`] order.
    pub by_category: Vec<(Category, f64)>,
    /// By element, in spec order.
    pub by_element: Vec<ElementCost>,
    /// By year, one entry per year of the horizon, from the base year.
    pub by_year: Vec<YearCost>,
    /// Units procured per element (name, count × sets), in spec order.
    pub units_procured: Vec<(String, u64)>,
    /// The year whose dollars these are: the spec's base year.
    pub dollars_year: i32,
}

impl CostResult {
    /// The amount of one category.
    pub fn category(&self, c: Category) -> f64 {
        self.by_category
            .iter()
            .find(|(k, _)| *k == c)
            .map_or(0.0, |(_, v)| *v)
    }

    /// The cost of the element named `name`.
    pub fn element(&self, name: &str) -> Option<&ElementCost> {
        self.by_element.iter().find(|e| e.name == name)
    }

    /// Procurement and launch of replacement sets, over all elements.
    pub fn replacement_musd(&self) -> f64 {
        self.by_element.iter().map(|e| e.replacement_musd).sum()
    }
}

/// Why a spec cannot be costed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum CostError {
    /// The horizon is outside [1, [`MAX_HORIZON_YEARS`]].
    #[error("the horizon must be 1 to {MAX_HORIZON_YEARS} years, got {0}")]
    Horizon(u32),
    /// An element's input is out of range.
    #[error("element `{name}`: {reason}")]
    Element {
        /// The element.
        name: String,
        /// What is wrong.
        reason: String,
    },
    /// Two elements share a name.
    #[error("two elements are named `{0}`")]
    DuplicateName(String),
    /// No element of that name (for [`affordable_units`]).
    #[error("no element is named `{0}`")]
    UnknownElement(String),
    /// Inputs in another year's dollars, but no table to convert them.
    #[error(
        "inputs are in {dollars_year} dollars and results in {base_year} dollars, but there is \
         no inflation table to convert them"
    )]
    NoInflationTable {
        /// The inputs' year.
        dollars_year: i32,
        /// The results' year.
        base_year: i32,
    },
    /// A year outside the inflation table.
    #[error("the inflation table covers {first} to {last}, not {year}")]
    OutsideInflationTable {
        /// The year asked for.
        year: i32,
        /// The table's first year.
        first: i32,
        /// The table's last year.
        last: i32,
    },
    /// The inflation table is not strictly ascending or has a bad index.
    #[error("bad inflation table: {0}")]
    BadInflationTable(String),
    /// A budget that is not a finite number ≥ 0.
    #[error("the budget must be a finite number of zero or more, got {0}")]
    Budget(f64),
}

/// Check one element against the rules of the model.
fn check_element(e: &Element, horizon: u32) -> Result<(), CostError> {
    let bad = |reason: String| CostError::Element {
        name: e.name.clone(),
        reason,
    };
    let money = |v: f64, what: &str| {
        if v.is_finite() && v >= 0.0 {
            Ok(())
        } else {
            Err(bad(format!("{what} must be a finite number ≥ 0, got {v}")))
        }
    };
    if e.count > MAX_COUNT {
        return Err(bad(format!(
            "count must be at most {MAX_COUNT}, got {}",
            e.count
        )));
    }
    match e.unit {
        UnitCost::Average { musd } => money(musd, "the average unit cost")?,
        UnitCost::FirstUnit { musd, learning } => {
            money(musd, "the first-unit cost")?;
            if !learning.is_valid() {
                return Err(bad(format!(
                    "the learning slope must be in (0, 1], got {}",
                    learning.slope()
                )));
            }
        }
    }
    money(e.development_musd, "development")?;
    money(e.mass_kg, "the mass")?;
    money(e.launch_usd_per_kg, "the launch price")?;
    money(e.ops_musd_per_year, "operations")?;
    if e.development_musd > 0.0 && !(1..=horizon).contains(&e.development_years) {
        return Err(bad(format!(
            "development must take 1 to {horizon} years (the horizon), got {}",
            e.development_years
        )));
    }
    if let Some(life) = e.life_years
        && !(life.is_finite() && life > 0.0)
    {
        return Err(bad(format!(
            "the life must be more than 0 years, got {life}"
        )));
    }
    if e.deploy_year >= horizon {
        return Err(bad(format!(
            "the deploy year must be before the horizon ({horizon} years), got {}",
            e.deploy_year
        )));
    }
    if e.sets(horizon) > MAX_SETS {
        return Err(bad(format!(
            "a life of {} years buys {} sets over the horizon, more than {MAX_SETS}",
            e.life_years.unwrap_or(f64::INFINITY),
            e.sets(horizon)
        )));
    }
    Ok(())
}

/// Check a whole spec: horizon, inflation table, each element, unique names.
fn check(spec: &CostSpec) -> Result<f64, CostError> {
    if !(1..=MAX_HORIZON_YEARS).contains(&spec.horizon_years) {
        return Err(CostError::Horizon(spec.horizon_years));
    }
    let factor = inflation::conversion_factor(&spec.inflation, spec.dollars_year, spec.base_year)?;
    for (i, e) in spec.elements.iter().enumerate() {
        check_element(e, spec.horizon_years)?;
        if spec.elements[..i].iter().any(|o| o.name == e.name) {
            return Err(CostError::DuplicateName(e.name.clone()));
        }
    }
    Ok(factor)
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
/// [`MAX_COUNT`] units or [`MAX_SETS`] sets), two elements of one name, or
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
        let cost = cost_element(e, horizon, factor, &mut by_year);
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
fn cost_element(e: &Element, horizon: u32, factor: f64, by_year: &mut [YearCost]) -> ElementCost {
    let mut out = ElementCost {
        name: e.name.clone(),
        layer: e.layer.clone(),
        development_musd: 0.0,
        procurement_musd: 0.0,
        launch_musd: 0.0,
        operations_musd: 0.0,
        replacement_musd: 0.0,
        sets: e.sets(horizon),
        units_procured: e.units_procured(horizon),
        total_musd: 0.0,
    };
    if e.development_musd > 0.0 {
        let per_year = e.development_musd * factor / f64::from(e.development_years);
        for y in by_year.iter_mut().take(e.development_years as usize) {
            y.add(Category::Development, per_year);
            out.development_musd += per_year;
        }
    }
    let count = u64::from(e.count);
    let launch_per_unit_musd = e.mass_kg * e.launch_usd_per_kg / 1e6;
    for k in 0..out.sets {
        let offset = match e.life_years {
            None => e.deploy_year,
            Some(life) => e.deploy_year + ((k as f64) * life + 1e-9).floor() as u32,
        };
        let procurement = e.unit.batch_musd(k * count, count) * factor;
        let launch = launch_per_unit_musd * count as f64 * factor;
        out.procurement_musd += procurement;
        out.launch_musd += launch;
        if k > 0 {
            out.replacement_musd += procurement + launch;
        }
        if let Some(y) = by_year.get_mut(offset as usize) {
            y.add(Category::Procurement, procurement);
            y.add(Category::Launch, launch);
            if k > 0 {
                y.replacement_musd += procurement + launch;
            }
        }
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
