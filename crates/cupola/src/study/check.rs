//! `cupola check FILE`: validate a scenario without running it.

use crate::Model;
use crate::error::Error;
use crate::model::sbi_launches;
use cupola_analysis::work::Estimate;

/// Check `model`'s scenario as far as any study of `cupola run` would
/// before it starts; building the model has flown each launch, laid out
/// each constellation and checked the SBI layer's deadline. Here: the work
/// and memory each study is estimated at, against the budget (each study
/// as its own command runs it, sweeps and all); the coverage study's work
/// bound; and, when the sensor layer gives the SBI layer its launch report,
/// that it reports each launch the layer faces. The estimates, or the
/// first precondition that fails, as the study would report it.
pub fn check(model: &Model) -> Result<Vec<Estimate>, Error> {
    let s = model.scenario();
    let estimates = crate::budget::all(model);
    for e in &estimates {
        crate::budget::enforce(e)?;
    }
    if let Some(spec) = &s.coverage {
        crate::study::constellation::bounded(model.layer(), spec)?;
    }
    if let Some(sbi) = &s.sbi {
        for i in sbi_launches(s) {
            model.report(sbi, i)?;
        }
    }
    Ok(estimates)
}
