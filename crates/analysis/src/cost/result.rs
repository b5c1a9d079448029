//! The results of the life-cycle cost: by element, by year, in all.

use serde::Serialize;

use super::Category;
use super::orbit::Keeping;
use super::schedule::ElementYear;

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
    /// replacements (units bought beyond the first `count`; included in
    /// those two).
    pub replacement_musd: f64,
    /// Units procured over the horizon, first units and replacements.
    pub units_procured: u64,
    /// The sum of the four categories.
    pub total_musd: f64,
    /// Mass launched per unit, kg, station-keeping propellant included.
    pub launch_mass_kg: f64,
    /// Units bought and launched a year at most (production and launch
    /// capacity); `None` without a limit.
    pub units_per_year: Option<u64>,
    /// First calendar year at whose end all `count` units are in service;
    /// `None` if the rates never get there within the horizon (or the
    /// count is 0).
    pub full_strength_year: Option<i32>,
    /// Station keeping of a unit, for an element that holds an orbit.
    pub keeping: Option<Keeping>,
    /// Units bought and in service, one entry per year of the horizon.
    pub by_year: Vec<ElementYear>,
}

/// The amount of category `c` among the four (development, procurement,
/// launch, operations), millions of base-year dollars.
fn pick(c: Category, [development, procurement, launch, operations]: [f64; 4]) -> f64 {
    match c {
        Category::Development => development,
        Category::Procurement => procurement,
        Category::Launch => launch,
        Category::Operations => operations,
    }
}

impl ElementCost {
    /// The amount of one category, millions of base-year dollars.
    pub fn category(&self, c: Category) -> f64 {
        pick(
            c,
            [
                self.development_musd,
                self.procurement_musd,
                self.launch_musd,
                self.operations_musd,
            ],
        )
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
    /// Of procurement and launch, what buys and launches replacements.
    pub replacement_musd: f64,
}

impl YearCost {
    /// The amount of one category, millions of base-year dollars.
    pub fn category(&self, c: Category) -> f64 {
        pick(
            c,
            [
                self.development_musd,
                self.procurement_musd,
                self.launch_musd,
                self.operations_musd,
            ],
        )
    }

    /// The year's total.
    pub fn total_musd(&self) -> f64 {
        Category::ALL.iter().map(|&c| self.category(c)).sum()
    }

    pub(super) fn add(&mut self, c: Category, musd: f64) {
        match c {
            Category::Development => self.development_musd += musd,
            Category::Procurement => self.procurement_musd += musd,
            Category::Launch => self.launch_musd += musd,
            Category::Operations => self.operations_musd += musd,
        }
    }
}

/// The life-cycle cost of a [`super::CostSpec`], millions of dollars of
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
    /// Units procured per element (name, units), in spec order.
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

    /// Procurement and launch of replacements, over all elements.
    pub fn replacement_musd(&self) -> f64 {
        self.by_element.iter().map(|e| e.replacement_musd).sum()
    }
}
