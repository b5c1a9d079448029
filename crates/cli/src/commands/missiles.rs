//! `cupola missiles`: the catalog of generic missiles.

use crate::failure::Failure;
use cupola_report::TextTable;

/// Print the catalog as a table, or as JSON.
pub fn missiles(json: bool) -> Result<(), Failure> {
    let all = cupola_threat::catalog::all();
    if json {
        println!("{}", cupola_report::to_json_pretty(&all)?);
        return Ok(());
    }
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
    println!("{t}");
    println!("Sources:");
    for m in &all {
        for s in &m.sources {
            println!("  {}: {s}", m.name);
        }
    }
    Ok(())
}
