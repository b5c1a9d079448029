//! Benchmarks of cupola live in this package's bench targets; their figures
//! are recorded in `docs/performance.md`. This library holds the setup they
//! share.

use cupola_analysis::TrajectoryStudy;
use cupola_analysis::engage::{EngageArea, EngageInput};
use cupola_scenario::Scenario;
use cupola_threat::Trajectory;

/// Launch report time of the single-pad example's sensor layer, s after
/// lift-off (`cupola detect scenarios/single-pad.toml`).
pub const DEFAULT_REPORT_S: f64 = 38.2;

/// First track of the single-pad example's tracking layer, s after
/// lift-off (`cupola detect scenarios/single-pad.toml`).
pub const DEFAULT_TRACK_S: f64 = 39.0;

/// The single-pad example (`scenarios/single-pad.toml`): ten ICBMs from one
/// area at 41°N, the case the benchmarks have measured from the start.
pub fn single_pad() -> Scenario {
    cupola_scenario::parse(
        "scenarios/single-pad.toml",
        include_str!("../scenarios/single-pad.toml"),
    )
    .expect("the single-pad example is valid")
}

/// The launch `i` of `s` as a trajectory study (10 s samples).
pub fn launch_study(s: &Scenario, i: usize) -> TrajectoryStudy {
    let l = &s.launches[i];
    TrajectoryStudy {
        name: l.name.clone(),
        missile: l.missile.clone(),
        site: l.site,
        aim: l.aim,
        profile: l.profile,
        launch_time_s: 0.0,
        options: s.flight,
        sample_step_s: 10.0,
    }
}

/// The single-pad example's engagement input (cue and report times fixed
/// at the figures above instead of running the sensor layer), its launch
/// and the flown trajectory.
pub fn default_engagement() -> (EngageInput, TrajectoryStudy, Trajectory) {
    let s = single_pad();
    let spec = s.engage.clone().expect("single-pad has [engage]");
    let launch = launch_study(&s, spec.areas[0].launch);
    let traj = launch.solve().expect("single-pad targets").trajectory;
    let input = EngageInput {
        areas: vec![EngageArea {
            rvs: launch.missile.rv_count,
            midcourse_cue_s: vec![Some(DEFAULT_TRACK_S); spec.midcourse.len()],
            terminal_cue_s: vec![Some(DEFAULT_TRACK_S); spec.terminal.len()],
            detection_s: DEFAULT_REPORT_S,
        }],
        sbi: s.sbi.clone(),
        seed: s.seed,
        spec,
    };
    (input, launch, traj)
}
