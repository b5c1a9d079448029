//! Benchmarks of cupola live in this package's bench targets; their figures
//! are recorded in `docs/performance.md`. This library holds the setup they
//! share.

use cupola_analysis::TrajectoryStudy;
use cupola_analysis::engage::study::EngageInput;
use cupola_threat::Trajectory;

/// Launch report time of the default scenario's sensor layer, s after
/// lift-off (`cupola detect` on the default).
pub const DEFAULT_REPORT_S: f64 = 38.2;

/// First track of the default scenario's tracking layer, s after lift-off
/// (`cupola detect` on the default).
pub const DEFAULT_TRACK_S: f64 = 39.0;

/// The default scenario's engagement input (cue and report times fixed at
/// the figures above instead of running the sensor layer), its reference
/// launch and the flown trajectory.
pub fn default_engagement() -> (EngageInput, TrajectoryStudy, Trajectory) {
    let s = cupola_scenario::default_scenario();
    let spec = s.engage.clone().expect("default has [engage]");
    let l = &s.launches[spec.launch];
    let launch = TrajectoryStudy {
        name: l.name.clone(),
        missile: l.missile.clone(),
        site: l.site,
        aim: l.aim,
        profile: l.profile,
        launch_time_s: 0.0,
        options: s.flight,
        sample_step_s: 10.0,
        defined_at: None,
    };
    let traj = launch.solve().expect("default targets").trajectory;
    let input = EngageInput {
        launch_name: l.name.clone(),
        rvs: l.missile.rv_count,
        sbi: s.sbi.clone().map(|layer| (layer, DEFAULT_REPORT_S)),
        midcourse_cue_s: vec![Some(DEFAULT_TRACK_S); spec.midcourse.len()],
        terminal_cue_s: vec![Some(DEFAULT_TRACK_S); spec.terminal.len()],
        seed: s.seed,
        spec,
    };
    (input, launch, traj)
}
