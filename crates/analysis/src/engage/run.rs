//! The Monte Carlo of a layered engagement and its results.

use super::plan::{Plan, Shortfall};
use super::spec::EngageSpec;
use super::trial::{LayerTally, Scratch, Streams, TrialOutcome, run_trial};
use crate::sizing::coverage::wilson;
use rayon::prelude::*;

/// Trials per parallel chunk (results are merged in chunk order).
const CHUNK: u32 = 512;

/// Integer sums over trials (merged in a fixed order: the same for any
/// thread count).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Sums {
    trials: u64,
    no_leak: u64,
    leakers: u64,
    leakers_sq: u64,
    histogram: Vec<u64>,
    arrivals: Vec<u64>,
    boost_all_shot: u64,
    boost_killed: Vec<u64>,
    boost: LayerTally,
    midcourse: Vec<LayerTally>,
    terminal: Vec<LayerTally>,
}

fn add(a: &mut LayerTally, b: &LayerTally) {
    a.engaged += b.engaged;
    a.rounds += b.rounds;
    a.rv_kills += b.rv_kills;
    a.decoy_kills += b.decoy_kills;
    a.missile_kills += b.missile_kills;
}

impl Sums {
    fn new(plan: &Plan) -> Self {
        Self {
            histogram: vec![0; plan.rvs() as usize + 1],
            arrivals: vec![0; plan.assets.len()],
            boost_killed: vec![0; plan.missiles.len()],
            midcourse: vec![LayerTally::default(); plan.sites.len()],
            terminal: vec![LayerTally::default(); plan.batteries.len()],
            ..Self::default()
        }
    }

    fn record(&mut self, o: &TrialOutcome) {
        self.trials += 1;
        let l = u64::from(o.leakers);
        self.no_leak += u64::from(l == 0);
        self.leakers += l;
        self.leakers_sq += l * l;
        let k = (o.leakers as usize).min(self.histogram.len() - 1);
        self.histogram[k] += 1;
        for (a, &b) in self.arrivals.iter_mut().zip(&o.arrivals) {
            *a += u64::from(b);
        }
        self.boost_all_shot += u64::from(o.boost_all_shot);
        for (a, &b) in self.boost_killed.iter_mut().zip(&o.boost_killed) {
            *a += u64::from(b);
        }
        add(&mut self.boost, &o.boost);
        for (a, b) in self.midcourse.iter_mut().zip(&o.midcourse) {
            add(a, b);
        }
        for (a, b) in self.terminal.iter_mut().zip(&o.terminal) {
            add(a, b);
        }
    }

    fn merge(mut self, o: &Sums) -> Self {
        self.trials += o.trials;
        self.no_leak += o.no_leak;
        self.leakers += o.leakers;
        self.leakers_sq += o.leakers_sq;
        for (a, b) in self.histogram.iter_mut().zip(&o.histogram) {
            *a += b;
        }
        for (a, b) in self.arrivals.iter_mut().zip(&o.arrivals) {
            *a += b;
        }
        self.boost_all_shot += o.boost_all_shot;
        for (a, b) in self.boost_killed.iter_mut().zip(&o.boost_killed) {
            *a += b;
        }
        add(&mut self.boost, &o.boost);
        for (a, b) in self.midcourse.iter_mut().zip(&o.midcourse) {
            add(a, b);
        }
        for (a, b) in self.terminal.iter_mut().zip(&o.terminal) {
            add(a, b);
        }
        self
    }
}

/// Per-trial means of one layer.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct LayerResult {
    /// Layer name.
    pub name: String,
    /// "boost", "midcourse" or "terminal".
    pub layer: &'static str,
    /// Objects (missiles, in boost) engaged per trial.
    pub engaged: f64,
    /// Interceptors fired per trial.
    pub rounds: f64,
    /// Re-entry vehicles destroyed per trial.
    pub rv_kills: f64,
    /// Decoys destroyed per trial.
    pub decoy_kills: f64,
    /// Missiles destroyed per trial (boost).
    pub missile_kills: f64,
}

/// What a boost-phase kill of one missile of the raid leaves behind.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct BoostKill {
    /// Missile, numbered from 1 in launch order.
    pub missile: usize,
    /// Its launch area.
    pub area: String,
    /// Probability that the boost layer destroys it.
    pub p_killed: f64,
    /// Where its warheads land when it is destroyed at the boost layer's
    /// latest intercept (`None` when the arc does not come down).
    pub shortfall: Option<Shortfall>,
}

/// The result of an engagement Monte Carlo.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct EngageResult {
    /// Missiles in the raid.
    pub salvo: u32,
    /// Re-entry vehicles in the raid.
    pub rvs: u32,
    /// Trials run.
    pub trials: u64,
    /// Probability that no re-entry vehicle arrives.
    pub p_no_leak: f64,
    /// 95% Wilson interval of `p_no_leak`.
    pub p_no_leak_interval: (f64, f64),
    /// Mean re-entry vehicles arriving per trial.
    pub mean_leakers: f64,
    /// Half-width of its 95% confidence interval (normal approximation).
    pub mean_leakers_half_width: f64,
    /// Probability of k leakers, k = 0, 1, ….
    pub leaker_distribution: Vec<f64>,
    /// Mean arrivals at each asset: (name, value, mean arrivals).
    pub arrivals: Vec<(String, f64, f64)>,
    /// Each layer: boost (when present), the midcourse sites, the terminal
    /// batteries.
    pub layers: Vec<LayerResult>,
    /// Probability that the boost layer gave every missile all its shots,
    /// with its 95% Wilson interval (`None` without a boost layer): the
    /// engagement's counterpart of the sizing study's probability of
    /// success.
    pub p_boost_all_shot: Option<(f64, (f64, f64))>,
    /// Each missile's boost-phase kills and where their warheads land
    /// (empty without a boost layer).
    pub boost_kills: Vec<BoostKill>,
    /// Where each area's warheads land after a boost-phase kill (of its
    /// reference launch), against the kill time across the intercept window:
    /// (area, curve); empty without a boost layer.
    pub shortfall: Vec<(String, Vec<Shortfall>)>,
}

/// Run `trials` trials of `plan` (trial k draws from the streams keyed by
/// (`seed`, k)); `progress` is called with the trials done after each chunk.
pub fn monte_carlo(
    spec: &EngageSpec,
    plan: &Plan,
    trials: u32,
    seed: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> EngageResult {
    let chunks = trials.div_ceil(CHUNK);
    let parts: Vec<Sums> = (0..chunks)
        .into_par_iter()
        .map_init(
            || (Scratch::default(), TrialOutcome::default()),
            |(scratch, outcome), c| {
                let mut sums = Sums::new(plan);
                let end = ((c + 1) * CHUNK).min(trials);
                for k in c * CHUNK..end {
                    let mut streams = Streams::new(seed, u64::from(k));
                    run_trial(spec, plan, &mut streams, scratch, outcome);
                    sums.record(outcome);
                }
                progress(u64::from(end - c * CHUNK));
                sums
            },
        )
        .collect();
    let sums = parts.iter().fold(Sums::new(plan), |a, b| a.merge(b));
    result(spec, plan, &sums)
}

fn result(spec: &EngageSpec, plan: &Plan, s: &Sums) -> EngageResult {
    let n = s.trials.max(1) as f64;
    let mean = s.leakers as f64 / n;
    let var = (s.leakers_sq as f64 / n - mean * mean).max(0.0);
    let per = |x: u64| x as f64 / n;
    let layer = |name: String, layer: &'static str, t: &LayerTally| LayerResult {
        name,
        layer,
        engaged: per(t.engaged),
        rounds: per(t.rounds),
        rv_kills: per(t.rv_kills),
        decoy_kills: per(t.decoy_kills),
        missile_kills: per(t.missile_kills),
    };
    let mut layers = Vec::new();
    if plan.boost.is_some() {
        layers.push(layer("space-based interceptors".into(), "boost", &s.boost));
    }
    for (m, t) in spec.midcourse.iter().zip(&s.midcourse) {
        layers.push(layer(m.name.clone(), "midcourse", t));
    }
    for (b, t) in spec.terminal.iter().zip(&s.terminal) {
        layers.push(layer(b.name.clone(), "terminal", t));
    }
    EngageResult {
        salvo: plan.missiles.len() as u32,
        rvs: plan.rvs(),
        trials: s.trials,
        p_no_leak: per(s.no_leak),
        p_no_leak_interval: wilson(s.no_leak, s.trials),
        mean_leakers: mean,
        mean_leakers_half_width: 1.959_964 * (var / n).sqrt(),
        leaker_distribution: s.histogram.iter().map(|&h| per(h)).collect(),
        arrivals: plan
            .assets
            .iter()
            .zip(&s.arrivals)
            .map(|(a, &x)| (a.name.clone(), a.value, per(x)))
            .collect(),
        layers,
        p_boost_all_shot: plan
            .boost
            .as_ref()
            .map(|_| (per(s.boost_all_shot), wilson(s.boost_all_shot, s.trials))),
        boost_kills: if plan.boost.is_some() {
            plan.missiles
                .iter()
                .zip(&s.boost_killed)
                .enumerate()
                .map(|(k, (m, &killed))| BoostKill {
                    missile: k + 1,
                    area: plan.areas[m.area].name.clone(),
                    p_killed: per(killed),
                    shortfall: m.shortfall,
                })
                .collect()
        } else {
            Vec::new()
        },
        shortfall: plan
            .areas
            .iter()
            .map(|a| (a.name.clone(), a.shortfall.clone()))
            .filter(|a| !a.1.is_empty())
            .collect(),
    }
}
