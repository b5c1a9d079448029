//! `cupola check FILE`: validate a scenario without running it.

use crate::Model;
use crate::error::Error;
use cupola_analysis::work::Estimate;

/// Check `model`'s scenario as far as any study would before it starts:
/// the model is built (each launch flown, each constellation laid out),
/// and the work and memory each study is estimated at is compared with the
/// budget. The estimates, or the first study over the budget.
pub fn check(model: &Model) -> Result<Vec<Estimate>, Error> {
    let estimates = crate::budget::all(model.scenario());
    for e in &estimates {
        crate::budget::enforce(e)?;
    }
    Ok(estimates)
}
