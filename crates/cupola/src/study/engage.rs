//! `cupola engage`: a whole attack through the boost, midcourse and
//! terminal layers, many times over, and the leak curve over salvo size.

use crate::Model;
use crate::error::Error;
use crate::layer::Layer;
use crate::outputs::{self, EngagementReport, Results, RunReport};
use crate::progress::Progress;
use crate::study::run::{DEFAULT_STEP_S, studies};
use crate::study::size::detection_time;
use cupola_analysis::TrajectoryStudy;
use cupola_analysis::detection::DetectionStudy;
use cupola_analysis::engage::{EngageArea, EngageInput, engage, leak_curve, saturation};
use cupola_analysis::sizing::study::BoostTimeline;
use cupola_analysis::work;
use cupola_defense::Sensor;
use cupola_scenario::Scenario;
use cupola_threat::Trajectory;

/// Options of the engagement study.
#[derive(Clone, Debug, Default)]
pub struct EngageOptions {
    /// Monte Carlo trials, overriding `[engage] trials` (1 to 10,000,000).
    pub trials: Option<u32>,
    /// Skip the leak curve over `[engage] salvo_sweep`.
    pub no_sweep: bool,
}

/// When the named sensor first holds a track of `launch`, s after lift-off.
fn cue(
    launch: &TrajectoryStudy,
    sensors: &[Sensor],
    scenario: &Scenario,
    name: &str,
) -> Result<Option<f64>, Error> {
    let Some(k) = scenario.sensors.iter().position(|s| s.name == name) else {
        return Err(Error::Internal(format!("sensor {name:?} vanished")));
    };
    let d = DetectionStudy {
        launch,
        sensors: &sensors[k..=k],
        step_s: scenario.detect.as_ref().map_or(1.0, |d| d.step_s),
    }
    .run()?;
    Ok(d.detection.track_established.map(|(t, _)| t))
}

/// The engagement input of `scenario` (which must have `[engage]`), with
/// `trials` overriding its trial count: for each launch area, the cue
/// times from each layer's sensor and the boost layer's report time; and
/// each area's launch, flown.
pub fn engage_input(
    scenario: &Scenario,
    layer: &Layer,
    trials: Option<u32>,
) -> Result<(EngageInput, Vec<TrajectoryStudy>, Vec<Trajectory>), Error> {
    let Some(spec) = &scenario.engage else {
        return Err(Error::Input(format!(
            "{}: the scenario has no [engage] table; add one (see docs/scenario.md)",
            scenario.source_name
        )));
    };
    let mut spec = spec.clone();
    if let Some(n) = trials {
        if !(1..=10_000_000).contains(&n) {
            return Err(Error::Input(format!(
                "--trials {n}: must be between 1 and 10,000,000"
            )));
        }
        spec.trials = n;
    }
    if !spec.midcourse.is_empty() || !spec.terminal.is_empty() {
        // The layers' cues: a detection timeline of each area's launch.
        crate::budget::enforce(&crate::budget::detection(scenario, spec.areas.len()))?;
    }
    let all = studies(scenario, DEFAULT_STEP_S);
    let sensors = layer.sensors(scenario)?;
    let sbi = match (&spec.boost, &scenario.sbi) {
        (Some(_), Some(layer_spec)) => Some(layer_spec.clone()),
        _ => None,
    };
    let mut launches: Vec<TrajectoryStudy> = Vec::new();
    let mut flown: Vec<Trajectory> = Vec::new();
    let mut areas: Vec<EngageArea> = Vec::new();
    for (k, a) in spec.areas.iter().enumerate() {
        // An area copying an earlier area's launch shares its cues and flight.
        if let Some(j) = spec.areas[..k].iter().position(|b| b.launch == a.launch) {
            areas.push(areas[j].clone());
            flown.push(flown[j].clone());
            launches.push(launches[j].clone());
            continue;
        }
        let launch = all
            .get(a.launch)
            .cloned()
            .ok_or_else(|| Error::Internal("engagement launch index out of range".into()))?;
        let cues = |names: &mut dyn Iterator<Item = &String>| {
            names
                .map(|n| cue(&launch, &sensors, scenario, n))
                .collect::<Result<Vec<_>, _>>()
        };
        let midcourse_cue_s = cues(&mut spec.midcourse.iter().map(|m| &m.sensor))?;
        let terminal_cue_s = cues(&mut spec.terminal.iter().map(|b| &b.sensor))?;
        let detection_s = match &sbi {
            Some(l) => detection_time(scenario, layer, l, &launch)?,
            None => 0.0,
        };
        areas.push(EngageArea {
            rvs: launch.missile.rv_count,
            midcourse_cue_s,
            terminal_cue_s,
            detection_s,
        });
        flown.push(launch.solve()?.trajectory);
        launches.push(launch);
    }
    let input = EngageInput {
        spec,
        areas,
        sbi,
        seed: scenario.seed,
    };
    Ok((input, launches, flown))
}

/// The engagement study of `scenario` (which must have `[engage]`), with
/// the leak curve when `sweep` is set; refused over the work budget, with
/// progress on long runs.
pub fn engagement(
    scenario: &Scenario,
    layer: &Layer,
    trials: Option<u32>,
    sweep: bool,
) -> Result<EngagementReport, Error> {
    let (input, _, flown) = engage_input(scenario, layer, trials)?;
    let spec = input.spec.clone();
    let timeline = match (&input.sbi, input.areas.first(), flown.first()) {
        (Some(sbi), Some(a), Some(t)) => BoostTimeline::new(sbi, a.detection_s, t).ok(),
        _ => None,
    };
    let estimate = work::engagement(&crate::budget::engage_work(
        scenario,
        &spec,
        timeline.as_ref(),
        sweep,
    ));
    crate::budget::enforce(&estimate)?;
    let curve_points = if sweep {
        spec.salvo_sweep.len() as u64
    } else {
        0
    };
    let total = u64::from(spec.trials) * (1 + curve_points);
    let bar = Progress::start(&estimate, total, "trials");
    let tick = |n: u64| bar.tick(n);
    let result = engage(&input, &flown, &tick)?;
    let curve = if sweep {
        leak_curve(&input, &flown, &tick)?
    } else {
        Vec::new()
    };
    bar.finish();
    Ok(EngagementReport {
        saturation: saturation(&curve),
        result,
        curve,
        areas: spec.areas.iter().map(|a| a.name.clone()).collect(),
        cues: spec
            .midcourse
            .iter()
            .map(|m| m.name.clone())
            .chain(spec.terminal.iter().map(|b| b.name.clone()))
            .enumerate()
            .map(|(k, name)| {
                let per_area = input
                    .areas
                    .iter()
                    .map(|a| {
                        a.midcourse_cue_s
                            .iter()
                            .chain(&a.terminal_cue_s)
                            .nth(k)
                            .copied()
                            .flatten()
                    })
                    .collect();
                (name, per_area)
            })
            .collect(),
    })
}

/// The engagement study of `model`'s scenario (which must have
/// `[engage]`) with `opts`.
pub fn run(model: &Model, opts: &EngageOptions) -> Result<RunReport, Error> {
    let scenario = model.scenario();
    let report = engagement(scenario, model.layer(), opts.trials, !opts.no_sweep)?;
    let results = Results {
        engagement: Some(report),
        assumptions: outputs::assumption_rows(scenario),
        ..Results::default()
    };
    Ok(RunReport::of(scenario, results))
}
