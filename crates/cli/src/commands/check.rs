//! `cupola check FILE` and `cupola missiles`.

use super::warn;
use cupola::{Error, Model, Override};
use cupola_scenario::printable;
use std::path::Path;

/// Validate the scenario at `file` as far as any study would before it
/// starts, say what it holds and what each of its studies is estimated to
/// cost; refuse it (exit 2) when one is over the budget.
pub fn check(file: &Path, sets: &[Override]) -> Result<(), Error> {
    let s = cupola::design::Base::load(Some(file), sets)?.at(&[])?;
    warn(&s);
    let model = Model::new(s)?;
    let s = model.scenario();
    println!(
        "{}: ok — scenario \"{}\": {} launch{}, {} inline missile{}",
        file.display(),
        printable(&s.name),
        s.launches.len(),
        if s.launches.len() == 1 { "" } else { "es" },
        s.missiles.len(),
        if s.missiles.len() == 1 { "" } else { "s" },
    );
    // The work and memory each study is estimated at, then the first one
    // over the budget refused.
    for e in cupola::budget::all(s) {
        println!("  {}", e.summary());
    }
    cupola::study::check::check(&model)?;
    Ok(())
}

/// `cupola missiles`: the catalog as a table, or as JSON. It reads no
/// scenario, so `--set` is refused rather than ignored.
pub fn missiles(json: bool, sets: &[Override]) -> Result<(), Error> {
    if let Some(s) = sets.first() {
        return Err(Error::Input(format!(
            "--set {s}: `cupola missiles` lists the built-in catalog and reads no scenario; \
             give --set to a command that reads one (e.g. `cupola trajectory FILE --set \
             catalog.MISSILE.KEY=VALUE`)"
        )));
    }
    if json {
        println!("{}", cupola::study::missiles::json()?);
    } else {
        print!("{}", cupola::study::missiles::text());
    }
    Ok(())
}
