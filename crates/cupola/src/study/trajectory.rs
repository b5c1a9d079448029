//! `cupola trajectory`: the trajectory study, of a scenario's launches or
//! of one missile flown between two points.

use crate::error::Error;
use crate::outputs::{self, Results, RunReport};
use crate::study::run::studies;
use cupola_analysis::{Provenance, TrajectoryStudy};
use cupola_physics::frames::{Geodetic, ground_distance};
use cupola_scenario::Scenario;
use cupola_threat::{FlightOptions, Profile};

/// Smallest sample interval accepted, s.
pub const MIN_STEP_S: f64 = 0.01;
/// Largest sample interval accepted, s.
pub const MAX_STEP_S: f64 = 3_600.0;

/// Refuse a sample interval outside [`MIN_STEP_S`]..=[`MAX_STEP_S`].
fn check_step(step_s: f64) -> Result<(), Error> {
    if (MIN_STEP_S..=MAX_STEP_S).contains(&step_s) {
        return Ok(());
    }
    Err(Error::Input(format!(
        "--step-s {step_s}: the sample interval must be between {MIN_STEP_S} and {MAX_STEP_S} seconds"
    )))
}

/// The catalog missile `name` flown from `site` to `aim` on `profile`,
/// sampled every `step_s` seconds.
pub fn adhoc(
    name: &str,
    site: Geodetic,
    aim: Geodetic,
    profile: Profile,
    step_s: f64,
) -> Result<RunReport, Error> {
    check_step(step_s)?;
    let catalog = cupola_threat::catalog::all();
    let missile = catalog
        .iter()
        .find(|m| m.name == name)
        .cloned()
        .ok_or_else(|| {
            let names: Vec<&str> = catalog.iter().map(|m| m.name.as_str()).collect();
            Error::Input(format!(
                "--missile {name:?} is not in the catalog; choose one of: {}",
                names.join(", ")
            ))
        })?;
    if ground_distance(site.to_ecef(), aim.to_ecef()) < 10_000.0 {
        return Err(Error::Input(
            "--aim is within 10 km of --site; the aim point must be away from the launch point"
                .into(),
        ));
    }
    let study = TrajectoryStudy {
        name: format!("{name} from the command line"),
        missile,
        site,
        aim,
        profile,
        launch_time_s: 0.0,
        options: FlightOptions::default(),
        sample_step_s: step_s,
        defined_at: None,
    };
    let prov = Provenance {
        tool_version: env!("CARGO_PKG_VERSION").into(),
        git_hash: outputs::git_hash(),
        scenario: "<command line>".into(),
        scenario_hash: String::new(),
        seed: 0,
        trials: 0,
    };
    let results = Results {
        trajectories: vec![study.run()?],
        ..Results::default()
    };
    Ok(RunReport::new(prov, study.name.clone(), results))
}

/// The launches of `scenario` (only the one named `launch`, when given)
/// flown and sampled every `step_s` seconds.
pub fn run(scenario: &Scenario, launch: Option<&str>, step_s: f64) -> Result<RunReport, Error> {
    check_step(step_s)?;
    let mut list = studies(scenario, step_s);
    if let Some(want) = launch {
        list.retain(|st| st.name == want);
        if list.is_empty() {
            let names: Vec<String> = scenario
                .launches
                .iter()
                .map(|l| format!("{:?}", l.name))
                .collect();
            return Err(Error::Input(format!(
                "--launch {want:?}: no launch of that name in the scenario; it has {}",
                names.join(", ")
            )));
        }
    }
    let results = Results {
        trajectories: list
            .iter()
            .map(TrajectoryStudy::run)
            .collect::<Result<Vec<_>, _>>()?,
        assumptions: outputs::assumption_rows(scenario),
        ..Results::default()
    };
    Ok(RunReport::of(scenario, results))
}
