//! `cupola check FILE`: validate a scenario without running it.

use crate::failure::Failure;
use cupola_scenario::printable;
use std::path::Path;

/// Validate the scenario at `file` and say what it holds.
pub fn check(file: &Path) -> Result<(), Failure> {
    let s = cupola_scenario::load(file)?;
    println!(
        "{}: ok — scenario \"{}\": {} launch{}, {} inline missile{}",
        file.display(),
        printable(&s.name),
        s.launches.len(),
        if s.launches.len() == 1 { "" } else { "es" },
        s.missiles.len(),
        if s.missiles.len() == 1 { "" } else { "s" },
    );
    for w in &s.warnings {
        eprintln!("warning: {w}");
    }
    Ok(())
}
