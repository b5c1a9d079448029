//! `cupola check FILE`: validate a scenario without running it.

use crate::Model;
use crate::error::Error;
use crate::model::sbi_launches;
use cupola_analysis::engage::plan::BOOST_TABLE_RESOLUTION_RAD;
use cupola_analysis::sizing::study::BoostTimeline;
use cupola_analysis::sizing::{SbiLayerSpec, SizingError};
use cupola_analysis::work::Estimate;
use cupola_defense::reach::{MAX_CELLS, ReachTableError};

/// Check `model`'s scenario as far as the studies of `cupola run` would
/// before they start, so that "ok" means they can run. Building the model
/// has flown each launch, laid out each constellation and checked the SBI
/// layer's deadline against the launches it faces. Here, in the order a
/// run meets them: the coverage study's work bound; the launch report of
/// each launch the SBI layer faces, when the sensor layer gives it (the
/// sensors must report the launch; its detection timeline is computed,
/// within the detection budget); the work and memory of each study,
/// estimated as its own command runs it (sweeps and all), against the
/// budget; and the size of each reach table the sizing and the
/// engagement's boost layer build. The estimates, or the first
/// precondition that fails, with the study's own message.
pub fn check(model: &Model) -> Result<Vec<Estimate>, Error> {
    let s = model.scenario();
    if let Some(spec) = &s.coverage {
        crate::study::constellation::bounded(model.layer(), spec)?;
    }
    if let Some(sbi) = &s.sbi {
        let faced = sbi_launches(s);
        if !s.sensors.is_empty() {
            crate::budget::enforce(&crate::budget::detection(s, faced.len()))?;
        }
        for i in faced {
            model.report(sbi, i)?;
        }
    }
    let estimates = crate::budget::all(model);
    for e in &estimates {
        crate::budget::enforce(e)?;
    }
    reach_tables(model)?;
    Ok(estimates)
}

/// Refuse, as building it would, a reach table over [`MAX_CELLS`] cells:
/// those of the sizing (each launch of its areas, from each searched
/// inclination and each shell sized jointly, at `[size]
/// resolution_deg`), then those of the engagement's boost layer (its
/// first inclination, at [`BOOST_TABLE_RESOLUTION_RAD`]).
fn reach_tables(model: &Model) -> Result<(), Error> {
    let s = model.scenario();
    let Some(sbi) = &s.sbi else {
        return Ok(());
    };
    // The timeline of launch `i` from its actual report time; one that
    // cannot be built is left to the study (the model has checked its
    // deadline).
    let timeline = |i: usize| -> Result<Option<BoostTimeline>, Error> {
        let report_s = model.report(sbi, i)?.0;
        let flown = &model.flight(i)?.trajectory;
        Ok(BoostTimeline::new(sbi, report_s, flown).ok())
    };
    let fits = |tl: &BoostTimeline, layer: &SbiLayerSpec, inclination_rad, resolution_rad| {
        let cells = tl.table_size(layer, inclination_rad, resolution_rad).cells;
        if cells > MAX_CELLS {
            let e = SizingError::Table(ReachTableError::TooLarge {
                cells,
                max: MAX_CELLS,
            });
            return Err(Error::from(e));
        }
        Ok(())
    };
    if let Some(spec) = &s.size {
        let mut launches: Vec<usize> = spec.areas.iter().map(|a| a.launch).collect();
        launches.sort_unstable();
        launches.dedup();
        for i in launches {
            let Some(tl) = timeline(i)? else { continue };
            for &inclination in &sbi.inclinations_rad {
                fits(&tl, sbi, inclination, spec.resolution_rad)?;
            }
            for shell in &sbi.shells {
                let mut at = sbi.clone();
                at.altitude_m = shell.altitude_m;
                fits(&tl, &at, shell.inclination_rad, spec.resolution_rad)?;
            }
        }
    }
    if let Some(spec) = s.engage.as_ref().filter(|e| e.boost.is_some()) {
        let inclination = sbi.inclinations_rad.first().copied().unwrap_or(1.0);
        for a in &spec.areas {
            if let Some(tl) = timeline(a.launch)? {
                fits(&tl, sbi, inclination, BOOST_TABLE_RESOLUTION_RAD)?;
            }
        }
    }
    Ok(())
}
