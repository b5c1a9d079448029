//! `cupola size`: how many space-based interceptors the scenario's layer
//! needs against its salvo, the analytic models beside the numeric answer,
//! sweeps, and the layer's reach against satellites.

use crate::Model;
use crate::error::Error;
use crate::outputs::{self, Results, RunReport, ShooterTimeline, SizingReport};
use crate::progress::Progress;
use cupola_analysis::sizing::asat::asat_reach;
use cupola_analysis::sizing::study::BoostTimeline;
use cupola_analysis::sizing::sweep::run_sweep;
use cupola_analysis::sizing::{
    AreaLaunch, Detection, SizingError, SizingInput, Sweep, SweepKind, size_against_observed,
};
use cupola_defense::detect::DetectionTimeline;

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

/// The sizing study of `model`'s scenario (which must have `[sbi]` and
/// `[size]`), with the chosen sweeps and the anti-satellite reach when
/// asked.
pub fn sizing(
    model: &Model,
    sweeps: SweepChoice<'_>,
    samples: Option<u32>,
) -> Result<SizingReport, Error> {
    let (scenario, layer) = (model.scenario(), model.layer());
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
    if matches!(sbi.detection, Detection::SensorLayer) {
        crate::budget::enforce(&crate::budget::detection(
            scenario,
            distinct_launches(spec.areas.iter().map(|a| a.launch)),
        ))?;
    }
    let mut areas: Vec<AreaLaunch> = Vec::with_capacity(spec.areas.len());
    let mut flown = Vec::with_capacity(spec.areas.len());
    // The detection timeline of each area that flies its own launch.
    let mut detections: Vec<(usize, Option<&DetectionTimeline>)> = Vec::new();
    for (k, a) in spec.areas.iter().enumerate() {
        flown.push(model.flight(a.launch)?.trajectory.clone());
        // An area copying an earlier area's launch shares its report time.
        if let Some(j) = spec.areas[..k].iter().position(|b| b.launch == a.launch) {
            areas.push(areas[j].clone());
            continue;
        }
        let (detection_s, detection) = model.report(sbi, a.launch)?;
        detections.push((k, detection));
        areas.push(AreaLaunch {
            launch: model.launches()[a.launch].clone(),
            detection_s,
        });
    }
    let input = SizingInput {
        layer: sbi.clone(),
        spec: spec.clone(),
        areas,
        seed: scenario.seed,
    };
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
            ShooterTimeline::new(&a.launch.name, sbi, a.detection_s, *d, flown.get(*k)?)
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
    let report = sizing(model, choice, opts.samples)?;
    let results = Results {
        sizing: Some(report),
        assumptions: outputs::assumption_rows(scenario),
        ..Results::default()
    };
    Ok(RunReport::of(scenario, results))
}

/// How many distinct launches `launches` (indices) name.
pub(crate) fn distinct_launches(launches: impl Iterator<Item = usize>) -> usize {
    let mut v: Vec<usize> = launches.collect();
    v.sort_unstable();
    v.dedup();
    v.len()
}
