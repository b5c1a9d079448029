//! What the cost model refuses, and the checks of a spec against its
//! rules.

use super::orbit::{DECAY_FLOOR_M, SolarActivity};
use super::{CostSpec, Element, MAX_COUNT, MAX_HORIZON_YEARS, MAX_SETS, UnitCost, inflation};

/// Most station-keeping propellant per unit, as a multiple of its dry
/// mass (a mass ratio of 10, about what one stage can carry).
pub const MAX_PROPELLANT_RATIO: f64 = 9.0;

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
    /// No element of that name (for [`super::affordable_units`]).
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
fn check_element(e: &Element, horizon: u32, solar: SolarActivity) -> Result<(), CostError> {
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
    let span = f64::from(horizon - e.deploy_year);
    if let Some(life) = e.life_years
        && span / life > MAX_SETS as f64
    {
        return Err(bad(format!(
            "a life of {life} years is replaced more than {MAX_SETS} times over the horizon"
        )));
    }
    check_rates(e, horizon, solar)
}

/// Rate limits that field something, and an orbit that can be held.
fn check_rates(e: &Element, horizon: u32, solar: SolarActivity) -> Result<(), CostError> {
    let bad = |reason: String| CostError::Element {
        name: e.name.clone(),
        reason,
    };
    if e.production_per_year == Some(0) {
        return Err(bad(
            "the production rate must be at least 1 unit a year".into()
        ));
    }
    if let Some(kg) = e.launch_kg_per_year
        && !(kg.is_finite() && kg > 0.0)
    {
        return Err(bad(format!(
            "the launch capacity must be a finite mass > 0 kg a year, got {kg}"
        )));
    }
    if let Some(o) = e.orbit {
        if !(o.altitude_m.is_finite() && o.altitude_m > DECAY_FLOOR_M) {
            return Err(bad(format!(
                "the orbit must be above {} km to be held, got {} km",
                DECAY_FLOOR_M / 1e3,
                o.altitude_m / 1e3
            )));
        }
        if !(o.ballistic_kg_m2.is_finite() && o.ballistic_kg_m2 > 0.0) {
            return Err(bad(format!(
                "the ballistic coefficient must be > 0 kg/m², got {}",
                o.ballistic_kg_m2
            )));
        }
        if !(o.isp_s.is_finite() && o.isp_s > 0.0) {
            return Err(bad(format!(
                "the station-keeping specific impulse must be > 0 s, got {}",
                o.isp_s
            )));
        }
    }
    if let Some(k) = e.keeping(horizon, solar)
        && (!k.propellant_kg.is_finite() || k.propellant_kg > MAX_PROPELLANT_RATIO * e.mass_kg)
    {
        return Err(bad(format!(
            "holding {:.0} km for {:.1} years takes {:.0} m/s, {:.0} kg of propellant per {:.0} kg \
             unit: more than {MAX_PROPELLANT_RATIO} times its mass; raise the orbit, shorten the \
             life or raise the specific impulse",
            k.orbit.altitude_m / 1e3,
            e.service_years(horizon),
            k.dv_m_s_per_year * e.service_years(horizon),
            k.propellant_kg,
            e.mass_kg
        )));
    }
    if e.count > 0 && e.units_per_year(horizon, solar) == Some(0) {
        return Err(bad(format!(
            "the launch capacity of {} kg a year lifts no unit of {:.0} kg",
            e.launch_kg_per_year.unwrap_or(0.0),
            e.launch_mass_kg(horizon, solar)
        )));
    }
    Ok(())
}

/// Check a whole spec: horizon, inflation table, each element, unique names.
pub(super) fn check(spec: &CostSpec) -> Result<f64, CostError> {
    if !(1..=MAX_HORIZON_YEARS).contains(&spec.horizon_years) {
        return Err(CostError::Horizon(spec.horizon_years));
    }
    let factor = inflation::conversion_factor(&spec.inflation, spec.dollars_year, spec.base_year)?;
    for (i, e) in spec.elements.iter().enumerate() {
        check_element(e, spec.horizon_years, spec.solar)?;
        if spec.elements[..i].iter().any(|o| o.name == e.name) {
            return Err(CostError::DuplicateName(e.name.clone()));
        }
    }
    Ok(factor)
}
