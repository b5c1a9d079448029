//! The work and memory budget: each study's estimate
//! ([`cupola_analysis::work`]) from a scenario and the command's flags, and
//! the refusal of a run over the budget unless `--budget-scale` raises it.

use crate::Model;
use crate::error::Error;
use crate::headline::Study;
use cupola_analysis::engage::EngageSpec;
use cupola_analysis::sizing::study::BoostTimeline;
use cupola_analysis::sizing::{Detection, SbiLayerSpec, SizingSpec, Sweep};
use cupola_analysis::stability::StabilitySpec;
use cupola_analysis::work::{self, Budget, EngageWork, Estimate, SizingWork};
use cupola_scenario::Scenario;
use std::sync::atomic::{AtomicU64, Ordering};

/// The budget scale of this process, as the bits of an `f64` (0: not set,
/// which is a scale of 1).
static SCALE: AtomicU64 = AtomicU64::new(0);

/// Set the budget scale of this process (`--budget-scale`; None: 1): the
/// work and memory budget of every study started afterwards, in any
/// thread, is the default times it (`inf` lifts it). Process-wide, like
/// the machine it protects.
pub fn set_scale(scale: Option<f64>) -> Result<(), Error> {
    let s = scale.unwrap_or(1.0);
    if s.is_nan() || s <= 0.0 {
        return Err(Error::Input(format!(
            "--budget-scale {s}: must be > 0 (inf lifts the budget)"
        )));
    }
    SCALE.store(s.to_bits(), Ordering::Relaxed);
    Ok(())
}

/// The budget scale of this process (1 unless [`set_scale`] changed it).
pub fn scale() -> f64 {
    let bits = SCALE.load(Ordering::Relaxed);
    if bits == 0 { 1.0 } else { f64::from_bits(bits) }
}

/// The budget of this run.
pub fn budget() -> Budget {
    Budget::scaled(scale())
}

/// Refuse `e` (exit 2) when it is over the budget.
pub fn enforce(e: &Estimate) -> Result<(), Error> {
    match e.over(&budget()) {
        None => Ok(()),
        Some(why) => Err(Error::Input(format!(
            "{why}\n  reduce those settings, or raise the budget with --budget-scale X \
             (X times the default; inf lifts it; see docs/performance.md \"Budgets\")"
        ))),
    }
}

/// The boost timeline of `sbi` against `model`'s launch `index`, flown
/// (the fire time from its fixed latency, or lift-off when the sensor
/// layer reports it: the longest window). None when the budget does not fit
/// it (the model has checked the deadline, so this is a layer that cannot
/// fire in time; the study itself will say why).
pub fn timeline(model: &Model, sbi: &SbiLayerSpec, index: usize) -> Option<BoostTimeline> {
    let flown = &model.flight(index).ok()?.trajectory;
    let detection_s = match sbi.detection {
        Detection::Latency { seconds } => seconds,
        Detection::SensorLayer => 0.0,
    };
    BoostTimeline::new(sbi, detection_s, flown).ok()
}

/// The sizing estimate of `scenario`'s `[sbi]` with `spec` (after
/// `--samples`), running `sweeps`, against the areas' `timelines`.
pub fn sizing(
    sbi: &SbiLayerSpec,
    spec: &SizingSpec,
    sweeps: &[Sweep],
    timelines: &[BoostTimeline],
) -> Estimate {
    work::sizing(&SizingWork {
        layer: sbi,
        spec,
        timelines,
        sweeps,
    })
}

/// The engagement work of `scenario` with `spec` (after `--trials`).
pub fn engage_work<'a>(
    scenario: &'a Scenario,
    spec: &'a EngageSpec,
    timeline: Option<&'a BoostTimeline>,
    sweep: bool,
) -> EngageWork<'a> {
    EngageWork {
        spec,
        rvs: spec
            .areas
            .iter()
            .filter_map(|a| scenario.launches.get(a.launch))
            .map(|l| l.missile.rv_count)
            .max()
            .unwrap_or(1),
        layer: scenario.sbi.as_ref(),
        timeline,
        sweep,
        threads: rayon::current_num_threads(),
    }
}

/// The detection estimate of `launches` launches of `scenario` (each
/// flight taken at [`work::ASSUMED_FLIGHT_S`]) against all its satellite
/// sensors.
pub fn detection(scenario: &Scenario, launches: usize) -> Estimate {
    let watched: usize = scenario
        .sensors
        .iter()
        .filter_map(|s| s.kind.constellation())
        .filter_map(|c| scenario.constellations.iter().find(|k| k.name == c))
        .map(|c| c.satellite_count())
        .sum();
    let step = scenario.detect.as_ref().map_or(1.0, |d| d.step_s);
    work::detection(&vec![work::ASSUMED_FLIGHT_S; launches], step, watched)
}

/// Every study `model`'s scenario defines, estimated as its own command
/// runs it (`cupola size` with all its sweeps, `cupola engage` with its
/// leak curve, `cupola stability` in full, `cupola detect`, the coverage
/// of `cupola constellation`).
pub fn all(model: &Model) -> Vec<Estimate> {
    let scenario = model.scenario();
    let mut out = Vec::new();
    if let Some(spec) = &scenario.coverage {
        let sats = match &spec.constellation {
            Some(n) => scenario
                .constellations
                .iter()
                .filter(|c| &c.name == n)
                .map(|c| c.satellite_count())
                .sum(),
            None => scenario
                .constellations
                .iter()
                .map(|c| c.satellite_count())
                .sum(),
        };
        out.push(work::coverage(
            sats,
            spec.duration_s,
            spec.step_s,
            spec.latitude_step_rad,
        ));
    }
    if !scenario.sensors.is_empty() {
        out.push(detection(scenario, scenario.launches.len()));
    }
    out.extend(study_estimates(model, true, |st| st));
    out
}

/// The sizing, engagement and stability estimates of `model`: with
/// `full`, as their commands run them (sizing sweeps, the leak curve, the
/// race and the retaliation table), else as `cupola run`'s assessment does;
/// `stability` adjusts the stability spec first.
fn study_estimates(
    model: &Model,
    full: bool,
    stability: impl FnOnce(StabilitySpec) -> StabilitySpec,
) -> Vec<Estimate> {
    let scenario = model.scenario();
    let mut out = Vec::new();
    if let (Some(sbi), Some(spec)) = (&scenario.sbi, &scenario.size) {
        let tls: Vec<BoostTimeline> = spec
            .areas
            .iter()
            .filter_map(|a| timeline(model, sbi, a.launch))
            .collect();
        let sweeps = if full { spec.sweeps.as_slice() } else { &[] };
        out.push(sizing(sbi, spec, sweeps, &tls));
    }
    if let Some(spec) = &scenario.engage {
        let tl = scenario
            .sbi
            .as_ref()
            .filter(|_| spec.boost.is_some())
            .and_then(|sbi| {
                let first = spec.areas.first()?;
                timeline(model, sbi, first.launch)
            });
        let w = engage_work(scenario, spec, tl.as_ref(), full);
        out.push(work::engagement(&w));
        let st = stability(scenario.stability.clone().unwrap_or_default());
        out.push(work::stability(&w, &st, full));
    }
    out
}

/// The studies behind the headline figures of `model`, one point of a
/// sensitivity or uncertainty design: sizing without sweeps, the
/// engagement without its leak curve, and the stability figures of
/// `cupola run`'s assessment (`trials` per posture, no race, no
/// retaliation table).
pub fn headline(model: &Model, trials: u32) -> Estimate {
    headline_of(
        model,
        trials,
        &[
            Study::Sizing,
            Study::Engagement,
            Study::Cost,
            Study::Stability,
        ],
    )
}

/// As [`headline`], for the figures of `studies` only (the cost study is
/// not estimated: it takes milliseconds).
pub fn headline_of(model: &Model, trials: u32, studies: &[Study]) -> Estimate {
    let mut e = Estimate::new("headline figures");
    let parts = study_estimates(model, false, |mut st| {
        st.trials = trials;
        st.race.rounds = 0;
        st
    });
    let wanted = |p: &Estimate| match p.study.as_str() {
        "sizing" => studies.contains(&Study::Sizing),
        "engagement" => studies.contains(&Study::Engagement),
        "stability" => studies.contains(&Study::Stability),
        _ => true,
    };
    for p in parts.into_iter().filter(wanted) {
        e.core_s += p.core_s;
        e.memory_bytes = e.memory_bytes.max(p.memory_bytes);
        e.drivers.extend(p.drivers);
    }
    e
}
