//! `cupola missiles`: the catalog of generic missiles.

use crate::error::Error;
use cupola_report::TextTable;
use std::fmt::Write as _;

/// The catalog as JSON.
pub fn json() -> Result<String, Error> {
    Ok(cupola_report::to_json_pretty(
        &cupola_threat::catalog::all(),
    )?)
}

/// The catalog as a table, with the sources of each missile.
pub fn text() -> String {
    let all = cupola_threat::catalog::all();
    let mut t = TextTable::new([
        "name",
        "stages",
        "burn_s",
        "liftoff_t",
        "ideal_dv_km_s",
        "payload_kg",
        "description",
    ]);
    for m in &all {
        t.push_row(vec![
            m.name.clone(),
            m.stages.len().to_string(),
            format!("{:.0}", m.total_burn_time()),
            format!("{:.1}", m.liftoff_mass() / 1e3),
            format!("{:.2}", m.ideal_delta_v() / 1e3),
            format!("{:.0}", m.payload_mass_kg),
            m.description.clone(),
        ]);
    }
    let mut o = format!("{t}\nSources:\n");
    for m in &all {
        for s in &m.sources {
            let _ = writeln!(o, "  {}: {s}", m.name);
        }
    }
    o
}
