//! Values of the registry a scenario uses but does not write: the numbers
//! of the catalog missiles it launches and the inputs of the cost preset
//! it prices. A path rooted at `catalog.` or `preset.` names one of them
//! (`catalog.solid-icbm.stage[0].burn_time_s`,
//! `preset.cbo-2026.unit_cost_musd`), so that `--set`, `cupola
//! sensitivity` and `cupola uncertainty` set and vary them as they do a
//! key: the scenario is read from its text, then the value is set in it.

use cupola_analysis::cost::{self, presets};
use cupola_physics::basis::{Datum, Source};
use cupola_threat::Missile;

use super::{Override, Varied};
use crate::{Scenario, missile};

/// The root of a path naming a catalog missile's number.
const CATALOG: &str = "catalog.";

/// The root of a path naming a cost preset's input.
const PRESET: &str = "preset.";

/// Whether `o` sets a registry value rather than a key of the file.
pub(crate) fn is_registry(o: &Override) -> bool {
    o.path.starts_with(CATALOG) || o.path.starts_with(PRESET)
}

/// Keys of the registry lists that take whole numbers.
const INTEGER_KEYS: [&str; 5] = [
    "count",
    "production_per_year",
    "development_years",
    "deploy_year",
    "rv_count",
];

/// The path of a catalog datum's key: `stage 2 burn_time_s` is
/// `stage[1].burn_time_s`; other keys are their own path.
fn catalog_path(key: &str) -> String {
    let Some(rest) = key.strip_prefix("stage ") else {
        return key.to_owned();
    };
    match rest.split_once(' ') {
        Some((n, field)) => match n.parse::<usize>() {
            Ok(n) if n >= 1 => format!("stage[{}].{field}", n - 1),
            _ => key.to_owned(),
        },
        None => key.to_owned(),
    }
}

/// The name between the backticks of an instance such as
/// ``catalog `solid-icbm` ``.
fn quoted<'a>(at: &'a str, prefix: &str) -> Option<&'a str> {
    at.strip_prefix(prefix)?
        .strip_prefix('`')?
        .strip_suffix('`')
}

/// The registry values of `scenario` that can be varied, in the order
/// [`crate::assumptions`] lists them: every number of its cost preset
/// (the one its `[cost]` names, or the CBO 2026 preset the cost study
/// prices without one) and of each catalog missile it launches whose basis
/// carries a range. A preset's solar activity is left to the `[cost]`
/// keys when the file has that table.
pub fn registry_assumptions(scenario: &Scenario) -> Vec<Varied> {
    let mut out = Vec::new();
    for d in crate::assumptions(scenario) {
        let Some(u) = d.basis.uncertainty else {
            continue;
        };
        if u.low >= u.high {
            continue;
        }
        let path = if let Some(name) = quoted(&d.at, "catalog ") {
            format!("{CATALOG}{name}.{}", catalog_path(&d.key))
        } else if let Some(name) = quoted(&d.at, "preset ") {
            let solar = d.key == "solar_flux_sfu" || d.key == "ap_index";
            if solar && scenario.cost.is_some() {
                continue;
            }
            format!("{PRESET}{name}.{}", d.key)
        } else {
            continue;
        };
        let integer = INTEGER_KEYS.iter().any(|k| d.key.ends_with(k));
        out.push(Varied {
            path,
            unit: d.unit,
            integer,
            basis: d.basis,
            nominal: d.value,
            low: u.low,
            high: u.high,
            written: false,
        });
    }
    out
}

/// The value of `o` as a number.
fn number(o: &Override) -> Result<f64, String> {
    let v: f64 = o
        .value
        .trim()
        .replace('_', "")
        .parse()
        .map_err(|_| format!("`{}` is not a number", o.value))?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(format!("`{}` is not a finite number", o.value))
    }
}

/// Set `o`, a registry path, in `s`.
///
/// # Errors
///
/// A message naming what is wrong: a missile the scenario does not
/// launch, a preset it does not price, a key neither has, a value the
/// missile's checks or the cost model refuse.
pub(crate) fn set(s: &mut Scenario, o: &Override) -> Result<(), String> {
    let v = number(o)?;
    if let Some(rest) = o.path.strip_prefix(CATALOG) {
        let (name, key) = rest
            .split_once('.')
            .ok_or("write catalog.MISSILE.KEY, e.g. catalog.solid-icbm.stage[0].burn_time_s")?;
        let catalog: Vec<String> = cupola_threat::catalog::all()
            .into_iter()
            .map(|m| m.name)
            .collect();
        let mut found = false;
        for l in s
            .launches
            .iter_mut()
            .filter(|l| l.missile.name == name && catalog.iter().any(|c| c == name))
        {
            set_missile(&mut l.missile, key, v)?;
            l.missile.validate().map_err(|e| e.to_string())?;
            found = true;
        }
        if !found {
            return Err(format!("the scenario launches no catalog missile `{name}`"));
        }
        return Ok(());
    }
    let rest = o.path.strip_prefix(PRESET).ok_or("not a registry path")?;
    let (name, key) = rest
        .split_once('.')
        .ok_or("write preset.NAME.KEY, e.g. preset.cbo-2026.unit_cost_musd")?;
    let priced = s
        .used
        .iter()
        .find_map(|d| quoted(&d.at, "preset ").map(str::to_owned));
    let fallback = s.cost.is_none() && (s.sbi.is_some() || s.engage.is_some());
    match (&priced, fallback) {
        (Some(p), _) if p != name => {
            return Err(format!(
                "the scenario prices the preset `{p}`, not `{name}`"
            ));
        }
        (None, false) => {
            return Err(format!("the scenario prices no preset `{name}`"));
        }
        (None, true) if name != "cbo-2026" => {
            return Err(format!(
                "without [cost] the scenario prices the preset `cbo-2026`, not `{name}`"
            ));
        }
        (None, true) => {
            // The preset the cost study falls back on, made the scenario's
            // own so that the value can be set in it; listed as before.
            let preset = presets::cbo_2026_space_layer();
            s.cost = Some(match &s.sbi {
                Some(layer) => preset.with_sbi_altitude(layer.altitude_m),
                None => preset,
            });
            s.used.extend(crate::assumptions::fallback_preset(s));
        }
        (Some(_), _) => {}
    }
    let spec = s.cost.as_mut().ok_or("the scenario has no cost study")?;
    presets::set_input(name, spec, key, v)?;
    cost::life_cycle(spec).map_err(|e| format!("the cost model refuses it: {e}"))?;
    let at = format!("preset `{name}`");
    let listed: Option<&mut Datum> = s.used.iter_mut().find(|d| d.at == at && d.key == key);
    let listed = listed.ok_or_else(|| format!("`{key}` is not an input of the preset `{name}`"))?;
    listed.value = v;
    listed.basis.source = Source::Input;
    Ok(())
}

/// Set the number `key` (a path of a catalog datum's key, see
/// [`catalog_path`]) of `m` to `v`.
///
/// The reader's checks of an inline `[[missile]]` apply to a count of
/// re-entry vehicles: at most 100, together no heavier than the payload.
/// (The payload and RV mass are left to [`Missile::validate`]: the
/// catalog's one-at-a-time ranges of them, e.g. a 600 kg payload against
/// the solid ICBM's three 300 kg RVs, cross the load check.)
fn set_missile(m: &mut Missile, key: &str, v: f64) -> Result<(), String> {
    if let Some(rest) = key.strip_prefix("stage[") {
        let (i, field) = rest
            .split_once("].")
            .ok_or_else(|| format!("`{key}`: write stage[0].KEY"))?;
        let n = m.stages.len();
        let stage = i
            .parse::<usize>()
            .ok()
            .and_then(|i| m.stages.get_mut(i))
            .ok_or_else(|| format!("`{}` has {n} stages (indices from 0)", m.name))?;
        let slot = match field {
            "gross_mass_kg" => &mut stage.gross_mass_kg,
            "propellant_mass_kg" => &mut stage.propellant_mass_kg,
            "isp_vac_s" => &mut stage.isp_vac_s,
            "burn_time_s" => &mut stage.burn_time_s,
            "nozzle_exit_area_m2" => &mut stage.nozzle_exit_area_m2,
            _ => return Err(format!("a stage has no number `{field}`")),
        };
        *slot = v;
        return Ok(());
    }
    let slot = match key {
        "payload_mass_kg" => &mut m.payload_mass_kg,
        "diameter_m" => &mut m.diameter_m,
        "drag_factor" => &mut m.drag_factor,
        "vertical_rise_s" => &mut m.vertical_rise_s,
        "bus_deploy_s" => &mut m.bus_deploy_s,
        "rv.mass_kg" => &mut m.rv.mass_kg,
        "rv.ballistic_coefficient_kg_m2" => &mut m.rv.ballistic_coefficient_kg_m2,
        "rv_count" => {
            if v < 0.0 || v.fract() != 0.0 {
                return Err(format!(
                    "`{key}` takes a whole number of at least 1, got {v}"
                ));
            }
            // Saturating: a count past u64 is refused as too large.
            let n = v as u64;
            if let Some((message, help)) = missile::rv_count_problem(n) {
                return Err(format!("{message}: {help}"));
            }
            m.rv_count = u32::try_from(n).map_err(|_| format!("`{key}` of {n} is too large"))?;
            return rv_payload(m);
        }
        _ => return Err(format!("a catalog missile has no number `{key}`")),
    };
    *slot = v;
    Ok(())
}

/// Whether the re-entry vehicles of `m` fit its payload, as the reader of
/// an inline `[[missile]]` checks.
fn rv_payload(m: &Missile) -> Result<(), String> {
    match missile::rv_payload_problem(m.rv.mass_kg, m.rv_count, m.payload_mass_kg) {
        Some(message) => Err(format!("{message}: {}", missile::RV_PAYLOAD_HELP)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_keys_become_paths() {
        assert_eq!(catalog_path("stage 2 burn_time_s"), "stage[1].burn_time_s");
        assert_eq!(catalog_path("rv.mass_kg"), "rv.mass_kg");
        assert_eq!(
            quoted("catalog `solid-icbm`", "catalog "),
            Some("solid-icbm")
        );
    }
}
