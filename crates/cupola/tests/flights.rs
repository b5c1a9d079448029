//! Each launch of a scenario is flown once in a `cupola run`: the model
//! flies it, and every study (detection, sizing, engagement, stability,
//! the budget estimates) takes that flight. Flights are counted with
//! [`cupola_threat::solves`], the process's count of targeting problems
//! solved, so this test has a binary of its own and one test function:
//! nothing else flies while it counts.

use cupola::design::parse_overrides;
use cupola::{Model, Scenario, load, study};
use std::path::Path;

/// The flights a run of `s` should make: each launch once, and the
/// fast-burn variant of each launch an `[engage]` area faces (another
/// missile, which the stability study prices) once.
fn expected(s: &Scenario) -> u64 {
    let mut faced: Vec<usize> = s
        .engage
        .iter()
        .flat_map(|e| e.areas.iter().map(|a| a.launch))
        .collect();
    faced.sort_unstable();
    faced.dedup();
    let fast_burn = s.stability.clone().unwrap_or_default().options.fast_burn;
    (s.launches.len() + if fast_burn { faced.len() } else { 0 }) as u64
}

/// Build the model of `s` and run every study of `cupola run` on it,
/// counting the flights of each step.
fn flights(s: Scenario) -> (u64, u64, u64) {
    let want = expected(&s);
    let before = cupola_threat::solves();
    let model = Model::new(s).expect("the model builds");
    let built = cupola_threat::solves() - before;
    study::run::run(&model).expect("the run succeeds");
    study::check::check(&model).expect("the checks pass");
    (want, built, cupola_threat::solves() - before)
}

#[test]
fn a_run_flies_each_launch_once() {
    // The default: four launches watched by infrared and tracking layers
    // (the SBI layer's report from the sensors), sized, engaged, and
    // priced by the stability study with its fast-burn option; fewer
    // trials and samples than the file's, which change no flight.
    let sets = parse_overrides(&["engage.trials=200".into(), "size.samples=10".into()])
        .expect("valid overrides");
    let default = load(None, &sets).expect("the default loads");
    assert_eq!(default.launches.len(), 4);
    assert!(default.sbi.is_some() && default.size.is_some() && default.engage.is_some());
    assert!(!default.sensors.is_empty());
    let (want, built, run) = flights(default);
    assert_eq!(want, 8, "four launches and their four fast-burn variants");
    assert_eq!(built, want, "the model flies each launch once");
    assert_eq!(run, want, "the studies fly nothing more");

    // One launch faced by a layered defense whose midcourse and terminal
    // layers are cued by the sensors, with a stability study.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let layered = load(Some(&root.join("scenarios/layered.toml")), &[]).expect("layered loads");
    assert!(layered.engage.is_some() && layered.stability.is_some());
    let (want, built, run) = flights(layered);
    assert_eq!((built, run), (want, want));
}
