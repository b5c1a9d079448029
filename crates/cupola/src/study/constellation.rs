//! `cupola constellation`: summaries of a scenario's constellations and the
//! coverage of one of them (or all together).

use crate::Model;
use crate::error::Error;
use crate::layer::Layer;
use crate::outputs::{self, Results, RunReport};
use cupola_analysis::coverage::{CoverageResult, CoverageStudy, MAX_WORK, study_size};
use cupola_scenario::CoverageSpec;

/// The coverage settings used when a scenario has no `[coverage]` table
/// (the documented defaults of that table).
fn default_coverage() -> CoverageSpec {
    CoverageSpec {
        constellation: None,
        min_elevation_rad: 10f64.to_radians(),
        min_satellites: 1,
        duration_s: 86_400.0,
        step_s: 60.0,
        latitude_step_rad: 5f64.to_radians(),
    }
}

/// The coverage study of a scenario's layer with the given settings.
pub fn coverage(layer: &Layer, spec: &CoverageSpec) -> Result<CoverageResult, Error> {
    let (name, sats) = layer.satellites(spec.constellation.as_deref())?;
    let (_, _, work) = study_size(
        sats.count(),
        spec.duration_s,
        spec.step_s,
        spec.latitude_step_rad,
    );
    if work > MAX_WORK {
        return Err(Error::Input(format!(
            "coverage of {} satellites with these settings would test {work:.1e} satellite-point-sample \
             triples, more than {MAX_WORK:.0e}; add a [coverage] table with a larger `step_s` or \
             `latitude_step_deg`, or a shorter `duration_s`",
            sats.count()
        )));
    }
    let estimate = cupola_analysis::work::coverage(
        sats.count(),
        spec.duration_s,
        spec.step_s,
        spec.latitude_step_rad,
    );
    let _progress = crate::progress::Progress::start(&estimate, 0, "");
    Ok(CoverageStudy {
        name,
        satellites: sats.as_ref(),
        min_elevation_rad: spec.min_elevation_rad,
        min_satellites: spec.min_satellites,
        duration_s: spec.duration_s,
        step_s: spec.step_s,
        latitude_step_rad: spec.latitude_step_rad,
    }
    .run())
}

/// The constellation study of `model`'s scenario: its constellations and
/// their coverage (the scenario's `[coverage]`, or that table's defaults).
pub fn run(model: &Model) -> Result<RunReport, Error> {
    let scenario = model.scenario();
    if scenario.constellations.is_empty() {
        return Err(Error::Input(format!(
            "{}: the scenario defines no [[constellation]]; add one (see docs/scenario.md)",
            scenario.source_name
        )));
    }
    let layer = model.layer();
    let results = Results {
        constellations: layer.summaries().to_vec(),
        coverage: Some(coverage(
            layer,
            &scenario.coverage.clone().unwrap_or_else(default_coverage),
        )?),
        assumptions: outputs::assumption_rows(scenario),
        ..Results::default()
    };
    Ok(RunReport::of(scenario, results))
}
