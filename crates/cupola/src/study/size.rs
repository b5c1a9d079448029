//! `cupola size`: how many space-based interceptors the scenario's layer
//! needs against its salvo, the analytic models beside the numeric answer,
//! sweeps, and the layer's reach against satellites.

use crate::Model;
use crate::error::Error;
use crate::layer::Layer;
use crate::outputs::{self, Results, RunReport, ShooterTimeline, SizingReport};
use crate::progress::Progress;
use crate::study::run::{DEFAULT_STEP_S, studies};
use cupola_analysis::TrajectoryStudy;
use cupola_analysis::detection::DetectionStudy;
use cupola_analysis::sizing::asat::asat_reach;
use cupola_analysis::sizing::study::BoostTimeline;
use cupola_analysis::sizing::sweep::run_sweep;
use cupola_analysis::sizing::{
    AreaLaunch, Detection, SbiLayerSpec, SizingError, SizingInput, Sweep, SweepKind,
    size_against_observed,
};
use cupola_defense::detect::DetectionTimeline;
use cupola_scenario::Scenario;

/// Options of the sizing study.
#[derive(Clone, Debug, Default)]
pub struct SizeOptions {
    /// Run only these of the scenario's `[size.sweep]` sweeps (empty: all
    /// of them).
    pub sweeps: Vec<SweepFlag>,
    /// Skip the sweeps: the sizing at the scenario's settings only.
    pub no_sweeps: bool,
    /// Launch-time samples per candidate constellation, overriding
    /// `[size] samples` (1 to 1,000,000).
    pub samples: Option<u32>,
}

/// A sweep of `[size.sweep]`, by what it varies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SweepFlag {
    /// Missiles in the salvo.
    Salvo,
    /// The missile's boost time.
    Boost,
    /// The interceptor's Δv.
    DeltaV,
    /// Orbit altitude.
    Altitude,
    /// Orbit inclination.
    Inclination,
}

impl SweepFlag {
    /// What the sweep varies.
    pub fn kind(self) -> SweepKind {
        match self {
            SweepFlag::Salvo => SweepKind::Salvo,
            SweepFlag::Boost => SweepKind::BoostTime,
            SweepFlag::DeltaV => SweepKind::DeltaV,
            SweepFlag::Altitude => SweepKind::Altitude,
            SweepFlag::Inclination => SweepKind::Inclination,
        }
    }
}

impl From<SizingError> for Error {
    fn from(e: SizingError) -> Self {
        match e {
            SizingError::Flight(f) => f.into(),
            SizingError::Budget(_) | SizingError::Interceptor(_) | SizingError::Spec(_) => {
                Error::Input(e.to_string())
            }
            SizingError::Table(_) | SizingError::Constellation(_) => {
                Error::Input(format!("sizing: {e}"))
            }
        }
    }
}

/// Which sweeps to run.
pub enum SweepChoice<'a> {
    /// None.
    None,
    /// The scenario's, all or only those named.
    Some(&'a [SweepFlag]),
}

/// When the SBI layer's launch report comes, s after lift-off of
/// `launch`: its fixed latency, or the sensor layer's first report.
pub fn detection_time(
    scenario: &Scenario,
    layer: &Layer,
    sbi: &SbiLayerSpec,
    launch: &TrajectoryStudy,
) -> Result<f64, Error> {
    launch_report(scenario, layer, sbi, launch).map(|(t, _)| t)
}

/// [`detection_time`], with the sensor layer's detection timeline when the
/// report comes from it.
fn launch_report(
    scenario: &Scenario,
    layer: &Layer,
    sbi: &SbiLayerSpec,
    launch: &TrajectoryStudy,
) -> Result<(f64, Option<DetectionTimeline>), Error> {
    match sbi.detection {
        Detection::Latency { seconds } => Ok((seconds, None)),
        Detection::SensorLayer => {
            crate::budget::enforce(&crate::budget::detection(scenario, 1))?;
            let sensors = layer.sensors(scenario)?;
            let d = DetectionStudy {
                launch,
                sensors: &sensors,
                step_s: scenario.detect.as_ref().map_or(1.0, |d| d.step_s),
            }
            .run()?;
            d.detection
                .first_detection
                .clone()
                .map(|(t, _)| (t, Some(d.detection)))
                .ok_or_else(|| {
                    Error::Input(format!(
                        "[sbi.budget] detection = \"sensors\": the sensor layer never reports launch \"{}\"; give detection_s instead or add sensors",
                        launch.name
                    ))
                })
        }
    }
}

/// The sizing study of `scenario` (which must have `[sbi]` and `[size]`),
/// with the chosen sweeps and the anti-satellite reach when asked.
pub fn sizing(
    scenario: &Scenario,
    layer: &Layer,
    sweeps: SweepChoice<'_>,
    samples: Option<u32>,
) -> Result<SizingReport, Error> {
    let (Some(sbi), Some(spec)) = (&scenario.sbi, &scenario.size) else {
        return Err(Error::Input(format!(
            "{}: the scenario has no [sbi] and [size] tables; add them (see docs/scenario.md)",
            scenario.source_name
        )));
    };
    let mut spec = spec.clone();
    if let Some(n) = samples {
        if !(1..=1_000_000).contains(&n) {
            return Err(Error::Input(format!(
                "--samples {n}: must be between 1 and 1,000,000"
            )));
        }
        spec.samples = n;
    }
    let launches = studies(scenario, DEFAULT_STEP_S);
    let mut areas: Vec<AreaLaunch> = Vec::with_capacity(spec.areas.len());
    // The detection timeline of each area that flies its own launch.
    let mut detections: Vec<(usize, Option<DetectionTimeline>)> = Vec::new();
    for (k, a) in spec.areas.iter().enumerate() {
        // An area copying an earlier area's launch shares its report time.
        if let Some(j) = spec.areas[..k].iter().position(|b| b.launch == a.launch) {
            areas.push(areas[j].clone());
            continue;
        }
        let launch = launches
            .get(a.launch)
            .cloned()
            .ok_or_else(|| Error::Internal("sizing launch index out of range".into()))?;
        let (detection_s, detection) = launch_report(scenario, layer, sbi, &launch)?;
        detections.push((k, detection));
        areas.push(AreaLaunch {
            launch,
            detection_s,
        });
    }
    let input = SizingInput {
        layer: sbi.clone(),
        spec: spec.clone(),
        areas,
        seed: scenario.seed,
    };
    let flown = input.fly()?;
    let chosen: Vec<&Sweep> = match sweeps {
        SweepChoice::None => Vec::new(),
        SweepChoice::Some(flags) => spec
            .sweeps
            .iter()
            .filter(|s| flags.is_empty() || flags.iter().any(|f| f.kind() == s.kind))
            .collect(),
    };
    let chosen_owned: Vec<Sweep> = chosen.iter().map(|s| (*s).clone()).collect();
    let timelines: Vec<BoostTimeline> = input
        .areas
        .iter()
        .zip(&flown)
        .filter_map(|(a, t)| BoostTimeline::new(sbi, a.detection_s, t).ok())
        .collect();
    let estimate = crate::budget::sizing(sbi, &spec, &chosen_owned, &timelines);
    crate::budget::enforce(&estimate)?;
    let points: usize = chosen.iter().map(|s| s.values.len()).sum();
    let progress = Progress::start(&estimate, 1 + points as u64, "sizings");
    let evaluated = std::sync::atomic::AtomicU64::new(0);
    let result = size_against_observed(&input, &flown, &|| {
        let n = 1 + evaluated.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        progress.note(format!(" ({n} constellations evaluated)"));
    })?;
    progress.note(String::new());
    progress.tick(1);
    let sweeps = chosen
        .into_iter()
        .map(|s| run_sweep(&input, &flown, s, &|n| progress.tick(n)))
        .collect();
    progress.finish();
    let asat = match (&scenario.asat, &result.best) {
        (Some(a), Some(best)) => {
            let (name, targets) = layer.satellites(Some(&a.targets))?;
            let layout = best
                .family
                .layout(best.per_plane)
                .map_err(|e| Error::Internal(e.to_string()))?;
            Some((
                name,
                asat_reach(
                    &layout,
                    &sbi.carrier.interceptor,
                    targets.as_ref(),
                    0.0,
                    a.within_s,
                ),
            ))
        }
        _ => None,
    };
    let timeline = detections
        .iter()
        .filter_map(|(k, d)| {
            let a = &input.areas[*k];
            ShooterTimeline::new(
                &a.launch.name,
                sbi,
                a.detection_s,
                d.as_ref(),
                flown.get(*k)?,
            )
        })
        .collect();
    Ok(SizingReport {
        detection_s: input.areas.iter().map(|a| a.detection_s).collect(),
        timeline,
        result,
        sweeps,
        asat,
    })
}

/// The sizing study of `model`'s scenario (which must have `[sbi]` and
/// `[size]`) with `opts`.
pub fn run(model: &Model, opts: &SizeOptions) -> Result<RunReport, Error> {
    let scenario = model.scenario();
    let choice = if opts.no_sweeps {
        SweepChoice::None
    } else {
        SweepChoice::Some(&opts.sweeps)
    };
    let report = sizing(scenario, model.layer(), choice, opts.samples)?;
    let results = Results {
        sizing: Some(report),
        assumptions: outputs::assumption_rows(scenario),
        ..Results::default()
    };
    Ok(RunReport::of(scenario, results))
}
