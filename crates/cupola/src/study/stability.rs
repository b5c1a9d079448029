//! `cupola stability`: what it costs the attacker to defeat the shield, the
//! cost-exchange ratio, the arms race, and how much of a retaliatory strike
//! arrives against defenses of several sizes, with and without treaty caps.

use crate::Model;
use crate::error::Error;
use crate::layer::Layer;
use crate::outputs::{self, Results, RunReport, StabilityReport};
use crate::progress::Progress;
use crate::study::engage::engage_input;
use cupola_analysis::sizing::asat::asat_reach;
use cupola_analysis::sizing::search::Family;
use cupola_analysis::sizing::study::BoostTimeline;
use cupola_analysis::stability::{
    Added, Caps, DefenseCosts, Evaluator, Posture, StabilitySpec, arms_race, best_response,
    exchange, retaliation,
};
use cupola_analysis::work;
use cupola_scenario::Scenario;

/// Salvo sizes of the cost-exchange curve.
const EXCHANGE_CURVE_SALVOS: [u32; 4] = [2, 5, 10, 20];

/// Options of the stability study.
#[derive(Clone, Debug, Default)]
pub struct StabilityOptions {
    /// Trials per evaluated posture, overriding `[stability] trials`.
    pub trials: Option<u32>,
    /// Rounds of the arms race, overriding `[stability.race] rounds` (0
    /// skips it).
    pub rounds: Option<u32>,
}

/// What to compute.
pub struct Parts {
    /// Trials per posture.
    pub trials: Option<u32>,
    /// Rounds of the race (None: the spec's).
    pub rounds: Option<u32>,
    /// The retaliation table.
    pub retaliation: bool,
}

/// The stability study of `scenario` (which must have `[engage]`).
pub fn stability(
    scenario: &Scenario,
    layer: &Layer,
    parts: &Parts,
) -> Result<StabilityReport, Error> {
    let mut spec: StabilitySpec = scenario.stability.clone().unwrap_or_default();
    if let Some(n) = parts.trials {
        if !(1..=1_000_000).contains(&n) {
            return Err(Error::Input(format!(
                "--trials {n}: must be between 1 and 1,000,000"
            )));
        }
        spec.trials = n;
    }
    if let Some(r) = parts.rounds {
        if r > 100 {
            return Err(Error::Input(format!("--rounds {r}: must be at most 100")));
        }
        spec.race.rounds = r;
    }
    let (input, launch, flown) = engage_input(scenario, layer, None)?;
    if input.spec.boost.is_none() {
        // Without a boost layer the number of SBIs changes nothing: one row
        // per arsenal, at zero carriers.
        spec.carriers = vec![0];
        spec.caps.sbi = None;
    }
    let timeline = match (&input.sbi, input.areas.first(), flown.first()) {
        (Some(sbi), Some(a), Some(t)) => BoostTimeline::new(sbi, a.detection_s, t).ok(),
        _ => None,
    };
    let estimate = work::stability(
        &crate::budget::engage_work(scenario, &input.spec, timeline.as_ref(), false),
        &spec,
        parts.retaliation,
    );
    crate::budget::enforce(&estimate)?;
    // Stages: the attacker's counter, the exchange ratios, then the curve,
    // the race and the retaliation table when they run. The budget's
    // estimate counts every posture at its full trials, so the time left
    // comes from the stages' pace once one is done.
    let stages = 2 + 2 * u64::from(parts.retaliation) + u64::from(spec.race.rounds > 0);
    let progress = Progress::start(&estimate, stages, "stages");
    let base = &input.spec;
    let start = Posture {
        missiles: base.salvo(),
        decoys_per_rv: base.decoys_per_rv,
        fast_burn: false,
        concentrated: false,
        asat_shots: 0,
    };
    let sbi_musd = match spec.sbi_musd {
        Some(v) => v,
        None => crate::study::cost::sbi_unit_musd(scenario)?,
    };
    let dc = DefenseCosts {
        sbi_musd,
        midcourse_musd: spec.midcourse_musd,
        terminal_musd: spec.terminal_musd,
    };
    let mut eval = Evaluator::new(
        input.clone(),
        launch,
        flown.clone(),
        spec.options
            .fast_burn
            .then_some(spec.options.fast_burn_boost_s),
        spec.trials,
    )?;
    let defense = eval.baseline_defense();
    let baseline = eval.arrivals(start, defense)?;
    let response = best_response(
        &mut eval,
        &spec.options,
        &spec.attacker,
        defense,
        spec.race.offense_goal,
        f64::INFINITY,
    )?;
    progress.tick(1);
    let exchanges = exchange(
        &mut eval,
        start,
        &spec.race.defense,
        &dc,
        &spec.attacker,
        &[Added::Missiles(spec.exchange_missiles), Added::DecoyPerRv],
    )?;
    progress.tick(1);
    // The cost-exchange curve: the ratio for added missiles at several
    // salvo sizes (the retaliation table's run computes it too).
    let curve = if parts.retaliation {
        let mut v = Vec::new();
        for salvo in EXCHANGE_CURVE_SALVOS {
            let p = Posture {
                missiles: salvo,
                ..start
            };
            v.extend(exchange(
                &mut eval,
                p,
                &spec.race.defense,
                &dc,
                &spec.attacker,
                &[Added::Missiles(spec.exchange_missiles)],
            )?);
        }
        progress.tick(1);
        v
    } else {
        Vec::new()
    };
    let race = if spec.race.rounds > 0 {
        let r = arms_race(
            &mut eval,
            start,
            &spec.race,
            &spec.options,
            &dc,
            &spec.attacker,
        )?;
        progress.tick(1);
        Some(r)
    } else {
        None
    };
    let mut trials_run = 0;
    let (open, capped) = if parts.retaliation {
        let open = retaliation(
            &mut eval,
            &spec.arsenals,
            &spec.carriers,
            base.decoys_per_rv,
            Caps::default(),
        )?;
        let mut capped_eval = Evaluator::new(
            spec.caps.apply(&input),
            eval.launches().to_vec(),
            flown,
            None,
            spec.trials,
        )?;
        let capped = retaliation(
            &mut capped_eval,
            &spec.arsenals,
            &spec.carriers,
            base.decoys_per_rv,
            spec.caps,
        )?;
        trials_run += capped_eval.trials_run;
        progress.tick(1);
        (open, capped)
    } else {
        (Vec::new(), Vec::new())
    };
    // The anti-satellite measure: the SBI layer against the [asat] targets.
    let asat = match (&scenario.asat, &scenario.sbi, &base.boost) {
        (Some(a), Some(sbi), Some(b)) => {
            let planes = sbi.planes.first().copied().unwrap_or(1).max(1);
            let family = Family {
                altitude_m: sbi.altitude_m,
                inclination_rad: sbi.inclinations_rad.first().copied().unwrap_or(1.0),
                planes,
                phasing: sbi.phasing,
                seed: scenario.seed,
            };
            let layout = family
                .layout(b.carriers.div_ceil(planes))
                .map_err(|e| Error::Internal(e.to_string()))?;
            let (name, targets) = layer.satellites(Some(&a.targets))?;
            let r = asat_reach(
                &layout,
                &sbi.carrier.interceptor,
                targets.as_ref(),
                0.0,
                a.within_s,
            );
            Some((name, r.reachable(), r.in_reach.len(), a.within_s))
        }
        _ => None,
    };
    progress.finish();
    Ok(StabilityReport {
        start,
        baseline_arrivals: baseline,
        sbi_musd,
        midcourse_musd: spec.midcourse_musd,
        terminal_musd: spec.terminal_musd,
        response,
        exchanges,
        exchange_curve: curve,
        race,
        retaliation: open,
        retaliation_capped: capped,
        caps: spec.caps,
        asat,
        evaluations: eval.evaluations,
        trials_run: trials_run + eval.trials_run,
        trials: spec.trials,
    })
}

/// The stability study of `model`'s scenario (which must have
/// `[engage]`) with `opts`: the counter, the exchange ratios, the race and
/// the retaliation table.
pub fn run(model: &Model, opts: &StabilityOptions) -> Result<RunReport, Error> {
    let scenario = model.scenario();
    let report = stability(
        scenario,
        model.layer(),
        &Parts {
            trials: opts.trials,
            rounds: opts.rounds,
            retaliation: true,
        },
    )?;
    let results = Results {
        stability: Some(report),
        assumptions: outputs::assumption_rows(scenario),
        ..Results::default()
    };
    Ok(RunReport::of(scenario, results))
}
