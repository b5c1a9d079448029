//! Benchmarks of cupola live in this package's bench targets; their figures
//! are recorded in `docs/performance.md`. This library holds the setup they
//! share, taken from the facade (`cupola`) as the command line takes it:
//! a scenario's model, its launches as its studies fly them, and the times
//! the sensor layer reports and cues them.

use cupola::Model;
use cupola_analysis::TrajectoryStudy;
use cupola_analysis::engage::EngageInput;
use cupola_analysis::sizing::AreaLaunch;
use cupola_scenario::Scenario;
use cupola_threat::Trajectory;

/// The single-pad example (`scenarios/single-pad.toml`): ten ICBMs from one
/// area at 41°N, the case the benchmarks have measured from the start.
pub fn single_pad() -> Scenario {
    cupola_scenario::parse(
        "scenarios/single-pad.toml",
        include_str!("../scenarios/single-pad.toml"),
    )
    .expect("the single-pad example is valid")
}

/// The model of `s`: its constellations laid out, its sensors placed, its
/// launches flown.
pub fn model(s: Scenario) -> Model {
    Model::new(s).expect("the scenario's model builds")
}

/// Launch `i` of `model` as its studies fly it, with the time the
/// scenario's SBI layer hears of it: the sensor layer's report (38.2 s
/// after lift-off for the single-pad example's launch) or the fixed
/// latency, as `cupola size` takes it.
pub fn area_launch(model: &Model, i: usize) -> AreaLaunch {
    let sbi = model
        .scenario()
        .sbi
        .as_ref()
        .expect("the scenario has [sbi]");
    AreaLaunch {
        launch: model.launches()[i].clone(),
        detection_s: model.report(sbi, i).expect("the launch is reported").0,
    }
}

/// The single-pad example's engagement input as `cupola engage` builds it
/// (each layer's cue from its sensor's first track, the SBI layer's report
/// from the sensor layer), its launch and the flown trajectory.
pub fn default_engagement() -> (EngageInput, TrajectoryStudy, Trajectory) {
    let m = model(single_pad());
    let (input, launches, flown) =
        cupola::study::engage::engage_input(&m, None).expect("single-pad has [engage]");
    (input, launches[0].clone(), flown[0].clone())
}
