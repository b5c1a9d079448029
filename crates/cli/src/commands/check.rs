//! `cupola check FILE`: validate a scenario without running it.

use crate::failure::Failure;
use cupola_scenario::printable;
use std::path::Path;

/// Validate the scenario at `file`, say what it holds and what each of its
/// studies is estimated to cost; refuse it (exit 2) when one is over the
/// budget.
pub fn check(file: &Path) -> Result<(), Failure> {
    let s = crate::design::Base::load(Some(file))?.at(&[])?;
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
    // The work and memory each study is estimated at, and the first one
    // over the budget refused.
    let estimates = crate::budget::all(&s);
    for e in &estimates {
        println!("  {}", e.summary());
    }
    for e in &estimates {
        crate::budget::enforce(e)?;
    }
    Ok(())
}
