//! One input of a preset set to another value, as the preset itself would
//! use it: the sensitivity and uncertainty studies vary a preset's inputs
//! over their ranges through [`set_input`].

use super::super::{CostSpec, Element, Learning, UnitCost, learning};
use super::{CBO_2026_SBI_COUNT, CBO_2026_SBI_OPS_MUSD_PER_YEAR, CBO_2026_SBI_UNIT_MUSD};

/// The element a key of a preset's basis list belongs to, and the key
/// within it: `tracking_layer.KEY`, `battle_management.KEY`, or the SBI's.
fn element_of(key: &str) -> (&'static str, &str) {
    if let Some(k) = key.strip_prefix("tracking_layer.") {
        ("tracking layer", k)
    } else if let Some(k) = key.strip_prefix("battle_management.") {
        ("battle management", k)
    } else {
        ("SBI", key)
    }
}

/// The orbit `e` (the element `name` of `preset`) holds.
fn orbit<'e>(
    e: &'e mut Element,
    name: &str,
    preset: &str,
) -> Result<&'e mut super::super::orbit::OrbitKeeping, String> {
    e.orbit
        .as_mut()
        .ok_or_else(|| format!("`{name}` of the preset `{preset}` holds no orbit"))
}

/// `v` as a whole number of at least `min`.
fn whole(v: f64, min: u32) -> Result<u32, String> {
    if !(v.is_finite() && v >= 0.0 && v <= f64::from(u32::MAX)) {
        return Err(format!("{v} is not a count"));
    }
    Ok((v.round() as u32).max(min))
}

/// Set the input `key` (a key of the preset's basis list:
/// [`super::cbo_2026_basis`], [`super::boost_2004_basis`],
/// [`super::architecture_basis`]) of `spec`, a spec built from the preset
/// `preset` (`"cbo-2026"`, `"boost-2004"`, `"cbo-2026-architecture"`,
/// with any elements of the file after the preset's), to `value` (in the
/// key's unit), keeping what the preset derives from it: the 2004-style
/// preset's operations scale with its count at CBO 2026's rate per SBI,
/// its first unit is re-derived from a new learning slope so that the
/// curve still averages CBO 2026's $22 million over 31,200 SBIs, and its
/// constellation is fielded when its development ends.
///
/// # Errors
///
/// A message when the key is not an input of the preset, or the value is
/// not a number the input can take (a negative count); the cost model
/// checks the rest when the spec is costed.
pub fn set_input(preset: &str, spec: &mut CostSpec, key: &str, value: f64) -> Result<(), String> {
    if !value.is_finite() {
        return Err(format!("`{key}` = {value} is not a finite number"));
    }
    match key {
        "solar_flux_sfu" => {
            spec.solar.f107_sfu = value;
            return Ok(());
        }
        "ap_index" => {
            spec.solar.ap = value;
            return Ok(());
        }
        _ => {}
    }
    let boost_2004 = preset == "boost-2004";
    let (name, field) = element_of(key);
    let e: &mut Element = spec
        .elements
        .iter_mut()
        .find(|e| e.name == name)
        .ok_or_else(|| format!("the preset `{preset}` has no element `{name}`"))?;
    match field {
        "count" => {
            e.count = whole(value, 1)?;
            if boost_2004 {
                e.ops_musd_per_year = CBO_2026_SBI_OPS_MUSD_PER_YEAR * f64::from(e.count)
                    / f64::from(CBO_2026_SBI_COUNT);
            }
        }
        "unit_cost_musd" => e.unit = UnitCost::Average { musd: value },
        "first_unit_musd" => match &mut e.unit {
            UnitCost::FirstUnit { musd, .. } => *musd = value,
            UnitCost::Average { .. } => {
                return Err(format!(
                    "`{name}` has an average unit cost, not a first unit"
                ));
            }
        },
        "learning_slope" => match &mut e.unit {
            UnitCost::FirstUnit { musd, learning } => {
                *learning = match *learning {
                    Learning::Wright { .. } => Learning::Wright { slope: value },
                    Learning::Crawford { .. } => Learning::Crawford { slope: value },
                    Learning::None => return Err(format!("`{name}` has no learning curve")),
                };
                if boost_2004 {
                    let units = u64::from(CBO_2026_SBI_COUNT) * 4;
                    *musd = CBO_2026_SBI_UNIT_MUSD / learning::average_musd(1.0, *learning, units);
                }
            }
            UnitCost::Average { .. } => {
                return Err(format!(
                    "`{name}` has an average unit cost, no learning curve"
                ));
            }
        },
        "life_years" => e.life_years = Some(value),
        "launch_usd_per_kg" => e.launch_usd_per_kg = value,
        "ops_musd_per_year" => e.ops_musd_per_year = value,
        "mass_kg" => e.mass_kg = value,
        "development_musd" => e.development_musd = value,
        "development_years" => {
            e.development_years = whole(value, 1)?;
            if boost_2004 {
                e.deploy_year = e.development_years;
            }
        }
        "deploy_year" => e.deploy_year = whole(value, 0)?,
        "production_per_year" => e.production_per_year = Some(whole(value, 1)?),
        "launch_kg_per_year" => e.launch_kg_per_year = Some(value),
        "altitude_km" => orbit(e, name, preset)?.altitude_m = value * 1e3,
        "ballistic_coefficient_kg_m2" => orbit(e, name, preset)?.ballistic_kg_m2 = value,
        "station_keeping_isp_s" => orbit(e, name, preset)?.isp_s = value,
        _ => return Err(format!("`{key}` is not an input of the preset `{preset}`")),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{
        architecture_basis, boost_2004_basis, boost_phase_2004_style, cbo_2026_architecture,
        cbo_2026_basis, cbo_2026_space_layer,
    };
    use super::*;
    use crate::cost::life_cycle;

    fn presets() -> [(&'static str, CostSpec, Vec<cupola_physics::basis::Datum>); 3] {
        [
            ("cbo-2026", cbo_2026_space_layer(), cbo_2026_basis()),
            ("boost-2004", boost_phase_2004_style(), boost_2004_basis()),
            (
                "cbo-2026-architecture",
                cbo_2026_architecture(),
                architecture_basis(),
            ),
        ]
    }

    /// Every listed input can be set, and setting it to the listed value
    /// gives the preset back: the list and the presets agree.
    #[test]
    fn every_listed_input_sets_the_preset_to_itself() {
        for (name, spec, list) in presets() {
            for d in &list {
                let mut s = spec.clone();
                set_input(name, &mut s, &d.key, d.value)
                    .unwrap_or_else(|e| panic!("{name} {}: {e}", d.key));
                // The 2004-style first unit is re-derived: equal to rounding.
                let close = |a: &CostSpec, b: &CostSpec| {
                    let (x, y) = (
                        life_cycle(a).expect("costs").total_musd,
                        life_cycle(b).expect("costs").total_musd,
                    );
                    (x - y).abs() <= 1e-9 * y
                };
                assert!(s == spec || close(&s, &spec), "{name} {}", d.key);
            }
        }
    }

    /// A unit cost at the ends of its range moves the 20-year cost, the
    /// sensors' and battle management's included.
    #[test]
    fn a_unit_cost_moves_the_total() {
        for (name, spec, list) in presets() {
            let nominal = life_cycle(&spec).expect("costs").total_musd;
            for d in &list {
                let Some(u) = d.basis.uncertainty else {
                    continue;
                };
                if !d.key.ends_with("unit_cost_musd") && !d.key.ends_with("first_unit_musd") {
                    continue;
                }
                let at = |v: f64| {
                    let mut s = spec.clone();
                    set_input(name, &mut s, &d.key, v).expect("set");
                    life_cycle(&s).expect("costs").total_musd
                };
                assert!(
                    at(u.low) < nominal && nominal < at(u.high),
                    "{name} {}",
                    d.key
                );
            }
        }
        let mut s = cbo_2026_space_layer();
        assert!(set_input("cbo-2026", &mut s, "nothing", 1.0).is_err());
        assert!(set_input("cbo-2026", &mut s, "count", -3.0).is_err());
        assert!(set_input("cbo-2026", &mut s, "first_unit_musd", 3.0).is_err());
    }
}
