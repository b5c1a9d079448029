//! The attacker's side: what a posture costs, how many warheads it lands
//! against a defense (through the engagement model), and the cheapest
//! posture that lands a target number.

use crate::engage::EngageSpec;
use crate::engage::plan::Plan;
use crate::engage::study::{EngageInput, plan_with};
use crate::engage::trial::{Scratch, Streams, TrialOutcome, run_trial};
use crate::sizing::SizingError;
use crate::sizing::sweep::with_boost_time;
use crate::trajectory::TrajectoryStudy;
use cupola_defense::reach::ReachTable;
use cupola_threat::Trajectory;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// The attacker's unit costs, millions of dollars. Defaults are cupola's
/// assumptions at the scale of open estimates, not cited figures: change
/// them in the scenario's `[stability]` table.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct AttackerCosts {
    /// One ICBM with its post-boost bus, without re-entry vehicles.
    pub missile_musd: f64,
    /// One re-entry vehicle with its warhead.
    pub rv_musd: f64,
    /// One decoy.
    pub decoy_musd: f64,
    /// Extra cost of a fast-burn booster over the standard one, per missile.
    pub fast_burn_musd: f64,
    /// One anti-satellite shot at an SBI over the launch area.
    pub asat_musd: f64,
}

impl Default for AttackerCosts {
    fn default() -> Self {
        Self {
            missile_musd: 50.0,
            rv_musd: 5.0,
            decoy_musd: 0.5,
            fast_burn_musd: 25.0,
            asat_musd: 10.0,
        }
    }
}

/// One attack posture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Posture {
    /// Missiles launched.
    pub missiles: u32,
    /// Decoys per re-entry vehicle.
    pub decoys_per_rv: u32,
    /// Fast-burn boosters.
    pub fast_burn: bool,
    /// All missiles from one point at one instant (the scenario's spread
    /// otherwise).
    pub concentrated: bool,
    /// SBIs over the launch area destroyed first.
    pub asat_shots: u32,
}

impl Posture {
    /// What the posture costs the attacker, millions of dollars, with `rvs`
    /// re-entry vehicles per missile.
    pub fn cost_musd(&self, c: &AttackerCosts, rvs: u32) -> f64 {
        let per_missile = c.missile_musd
            + f64::from(rvs) * (c.rv_musd + f64::from(self.decoys_per_rv) * c.decoy_musd)
            + if self.fast_burn {
                c.fast_burn_musd
            } else {
                0.0
            };
        f64::from(self.missiles) * per_missile + f64::from(self.asat_shots) * c.asat_musd
    }
}

/// The defense an attacker faces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct DefenseSize {
    /// SBI carriers in orbit.
    pub carriers: u32,
    /// Interceptors added to the first midcourse site.
    pub extra_midcourse: u32,
    /// Interceptors added to the first terminal battery.
    pub extra_terminal: u32,
}

/// Which kinds of resource the defense can add: SBI carriers need a boost
/// layer, midcourse interceptors a midcourse site, terminal interceptors a
/// terminal battery (additions go to the first site or battery).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Layers {
    /// The scenario has a boost layer.
    pub boost: bool,
    /// The scenario has a midcourse site.
    pub midcourse: bool,
    /// The scenario has a terminal battery.
    pub terminal: bool,
}

/// What the attacker may choose from.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Options {
    /// Most missiles.
    pub max_missiles: u32,
    /// Decoys per RV to choose from.
    pub decoys: Vec<u32>,
    /// Whether fast-burn boosters are available.
    pub fast_burn: bool,
    /// Boost time of the fast-burn booster, s.
    pub fast_burn_boost_s: f64,
    /// Whether concentrating the launches is an option.
    pub concentrate: bool,
    /// Anti-satellite shot counts to choose from.
    pub asat: Vec<u32>,
}

/// Boost geometries pooled per evaluated posture (the full engagement run
/// uses the scenario's `pool`).
pub const SURROGATE_POOL: u32 = 256;

/// Trials between the check points of a sequential evaluation: a posture's
/// trials run in steps of this many, and after each step the evaluator asks
/// whether the question put to it is already settled.
pub const CHECK_TRIALS: u32 = 64;

/// Trials before a posture's question may be settled statistically (the
/// exact bounds may settle it sooner).
pub const MIN_SEQUENTIAL_TRIALS: u32 = 64;

/// Trials before a mean to a precision ([`Evaluator::arrivals_within`])
/// may stop: enough for its variance to be estimated.
pub const MIN_PRECISION_TRIALS: u32 = 128;

/// Standard errors by which the predicted mean over all trials must clear
/// a threshold to settle a question before every trial has run (by
/// default; [`Evaluator::z`]). At 4, a posture whose full run lands exactly
/// on the threshold is settled early on the wrong side at any one check
/// point with probability about 3 in 100,000 under the normal
/// approximation.
pub const SEQUENTIAL_Z: f64 = 4.0;

/// Trials per parallel task (the unit of work rayon hands a thread).
const TASK_TRIALS: u32 = 16;

/// Most bytes of plans kept for reuse (an estimate, [`plan_bytes`]); the
/// store is emptied when a new plan would overfill it (plans of large raids
/// hold their boost pools, megabytes each). Also the most bytes of plans
/// [`Evaluator::prepare_plans`] builds at once.
const MAX_PLAN_BYTES: usize = 256 << 20;

/// What a plan holds, bytes: each of its vectors' allocated capacity times
/// its element's size, plus the structures themselves. Per missile, one
/// [`PlannedMissile`](crate::engage::plan::PlannedMissile) (under 100
/// bytes), per midcourse site a cue and a two-threshold
/// [`Window`](crate::engage::plan::Window) (16 + 16 bytes), per terminal
/// battery a cue, a
/// cover flag and a band (16 + 1 + 24 bytes); per area its shortfall grid;
/// the boost pool's lists (4 bytes an entry) dominate large raids. Names'
/// heap bytes are counted; allocator overhead is not (a few words an
/// allocation).
fn plan_bytes(plan: &Plan) -> usize {
    fn vec<T>(v: &Vec<T>) -> usize {
        v.capacity() * size_of::<T>()
    }
    let pool = plan.boost.as_ref().map_or(0, |b| {
        vec(&b.starts) + vec(&b.lists) + vec(&b.distinct) + vec(&b.rank)
    });
    let sites: usize = plan
        .sites
        .iter()
        .map(|s| vec(&s.cue_s) + vec(&s.windows))
        .sum();
    let batteries: usize = plan
        .batteries
        .iter()
        .map(|b| vec(&b.cue_s) + vec(&b.covers) + vec(&b.band))
        .sum();
    let areas: usize = plan
        .areas
        .iter()
        .map(|a| a.name.capacity() + vec(&a.shortfall))
        .sum();
    let assets: usize = plan.assets.iter().map(|a| a.name.capacity()).sum();
    let waves: usize = plan.waves.iter().map(vec).sum();
    size_of::<Plan>()
        + vec(&plan.missiles)
        + vec(&plan.assets)
        + assets
        + vec(&plan.areas)
        + areas
        + vec(&plan.sites)
        + sites
        + vec(&plan.batteries)
        + batteries
        + pool
        + vec(&plan.waves)
        + waves
}

/// What the trials of one posture against one defense have summed so far:
/// trials `0..trials` of the evaluation's `n` (the same trial streams,
/// keyed by the scenario's seed and the trial's index, for every posture).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Tally {
    /// Trials run, from the first.
    trials: u32,
    /// Re-entry vehicles that arrived, summed over those trials.
    leakers: u64,
    /// Their squares, summed.
    leakers_sq: u64,
    /// Re-entry vehicles the raid carries: the most one trial can land.
    rvs: u64,
}

impl Tally {
    /// Bounds on the mean arrivals over all `n` trials, whatever the
    /// trials still to run land (between none and every RV each), warheads.
    /// Exact: the mean over `n` trials lies between them, and both equal it
    /// once every trial has run.
    fn bounds(&self, n: u32) -> (f64, f64) {
        let rest = u64::from(n.saturating_sub(self.trials)) * self.rvs;
        let n = f64::from(n.max(1));
        (self.leakers as f64 / n, (self.leakers + rest) as f64 / n)
    }

    /// The mean over the trials run so far and the standard error of the
    /// mean over all `n` trials as a prediction from it (0 once all have
    /// run), warheads. The trials' variance is taken at least as large as
    /// that of one more trial landing half the raid's RVs, so that a first
    /// run of quiet trials does not look certain.
    fn prediction(&self, n: u32) -> (f64, f64) {
        let k = f64::from(self.trials.max(1));
        let mean = self.leakers as f64 / k;
        let var = (self.leakers_sq as f64 / k - mean * mean).max(0.0);
        let w = self.rvs as f64;
        let var = var.max(w * w / 4.0 / k);
        let rest = f64::from(n.saturating_sub(self.trials));
        (mean, (var * rest / (f64::from(n.max(1)) * k)).sqrt())
    }

    /// Whether the mean over all `n` trials is settled on one side of
    /// `threshold`: certainly (by [`Tally::bounds`]), or, from
    /// [`MIN_SEQUENTIAL_TRIALS`] trials on, with the prediction `z`
    /// standard errors clear of it.
    fn settled(&self, n: u32, threshold: f64, z: f64) -> bool {
        let (lo, hi) = self.bounds(n);
        if lo > threshold || hi < threshold {
            return true;
        }
        if self.trials < MIN_SEQUENTIAL_TRIALS {
            return false;
        }
        let (mean, se) = self.prediction(n);
        (mean - threshold).abs() > z * se
    }

    /// Half-width of the 95% confidence interval of the mean over the
    /// trials run so far (normal approximation), warheads, at least `3/k`
    /// after `k` trials: by the rule of three, up to 3 in `k` further trials
    /// (95%) may land outside what the `k` run did, each at least one
    /// warhead away, so that a run of identical trials does not claim a
    /// zero error.
    fn half_width(&self) -> f64 {
        let k = f64::from(self.trials.max(1));
        let mean = self.mean();
        let var = (self.leakers_sq as f64 / k - mean * mean).max(0.0);
        (1.959_964 * (var / k).sqrt()).max(3.0 / k)
    }

    /// The mean over the trials run so far, warheads.
    fn mean(&self) -> f64 {
        self.leakers as f64 / f64::from(self.trials.max(1))
    }
}

/// What decides a plan: the missiles and where they fly from, their
/// booster, and the SBI carriers (not the interceptor inventories, decoys
/// or anti-satellite shots, which only the trials see).
type PlanKey = (u32, bool, bool, u32, Vec<usize>);

/// The fast-burn variant of `launch`: its missile with a boost of
/// `boost_s` s ([`with_boost_time`]), targeted and flown. Its failure names
/// the launch "with a fast-burn boost", the option's.
pub fn fast_burn(launch: &TrajectoryStudy, boost_s: f64) -> Result<Trajectory, SizingError> {
    let mut l = launch.clone();
    l.missile = with_boost_time(&launch.missile, boost_s);
    l.name = format!("{}, with a fast-burn boost of {boost_s} s,", launch.name);
    Ok(l.solve()?.trajectory)
}

/// Mean warheads landed by postures against defenses, from the engagement
/// Monte Carlo with common random numbers (trial `k` draws from the same
/// streams for every posture), memoised per posture and defense. A question
/// about a posture — does it land at most, or at least, so many? — runs its
/// trials in steps of [`CHECK_TRIALS`] and stops as soon as the answer is
/// certain whatever the remaining trials land (no RV or every RV each), or,
/// from [`MIN_SEQUENTIAL_TRIALS`] on, the full run's mean is predicted
/// [`Evaluator::z`] standard errors clear of the threshold; a later question
/// or a mean resumes the same trials where the last stopped, so a mean is
/// the full run's to the bit. Sums are integers taken at fixed check
/// points: nothing depends on the threads.
pub struct Evaluator {
    input: EngageInput,
    launches: Vec<TrajectoryStudy>,
    reference: Vec<Trajectory>,
    fast: Option<Vec<Trajectory>>,
    /// Boost reach tables of the reference and fast-burn trajectories, one
    /// per area.
    tables: [Vec<Option<Arc<ReachTable>>>; 2],
    /// Trials per evaluation.
    pub trials: u32,
    /// Standard errors of the sequential test ([`SEQUENTIAL_Z`]; infinite:
    /// only certain answers end a posture's trials early, and every answer
    /// is the full run's).
    pub z: f64,
    /// Trials summed so far, by posture, defense and launch areas (empty:
    /// all).
    cache: HashMap<(Posture, DefenseSize, Vec<usize>), Tally>,
    /// Plans built, for postures and defenses that differ only in what the
    /// trials see.
    plans: HashMap<PlanKey, (Arc<Plan>, usize)>,
    /// Bytes the kept plans hold ([`plan_bytes`]).
    plan_bytes: usize,
    /// Distinct postures evaluated (each against one defense from some
    /// launch areas), however many of their trials ran.
    pub evaluations: usize,
    /// Trials run in all.
    pub trials_run: u64,
}

impl Evaluator {
    /// An evaluator around the scenario's engagement `input`, the launch of
    /// each of its areas (`launches`) and their flown `reference`
    /// trajectories; the fast-burn variants are flown with
    /// `fast_burn_boost_s` when given ([`fast_burn`]).
    pub fn new(
        input: EngageInput,
        launches: Vec<TrajectoryStudy>,
        reference: Vec<Trajectory>,
        fast_burn_boost_s: Option<f64>,
        trials: u32,
    ) -> Result<Self, SizingError> {
        let fast = match fast_burn_boost_s {
            Some(b) => Some(
                launches
                    .iter()
                    .map(|l| fast_burn(l, b))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            None => None,
        };
        Self::with_flights(input, launches, reference, fast, trials)
    }

    /// [`Evaluator::new`] with the fast-burn variants already flown
    /// (`fast`, one per area like `reference`; `None` without the
    /// fast-burn option).
    pub fn with_flights(
        mut input: EngageInput,
        launches: Vec<TrajectoryStudy>,
        reference: Vec<Trajectory>,
        fast: Option<Vec<Trajectory>>,
        trials: u32,
    ) -> Result<Self, SizingError> {
        // A surrogate of the full run: a smaller pool of boost geometries.
        if let Some(b) = &mut input.spec.boost {
            b.pool = b.pool.min(SURROGATE_POOL);
        }
        let tables = [
            input.boost_tables(&reference)?,
            match &fast {
                Some(f) => input.boost_tables(f)?,
                None => Vec::new(),
            },
        ];
        Ok(Self {
            input,
            launches,
            reference,
            fast,
            tables,
            trials,
            z: SEQUENTIAL_Z,
            cache: HashMap::new(),
            plans: HashMap::new(),
            plan_bytes: 0,
            evaluations: 0,
            trials_run: 0,
        })
    }

    /// Re-entry vehicles per missile: those of the first area's launch (the
    /// attacker's postures are priced by it).
    pub fn rvs(&self) -> u32 {
        self.input.areas.first().map_or(1, |a| a.rvs)
    }

    /// Re-entry vehicles per missile of area `k`'s launch.
    pub fn rvs_of(&self, k: usize) -> u32 {
        self.input.areas.get(k).map_or(1, |a| a.rvs)
    }

    /// The raid's areas with the salvo of every area not in `from`
    /// (indices; empty: every area) set to 0, so that a raid size shared
    /// among them ([`crate::raid::scaled`]) goes to `from` only.
    fn areas_from(&self, from: &[usize]) -> Vec<crate::raid::LaunchArea> {
        let mut areas = self.input.spec.areas.clone();
        if !from.is_empty() {
            for (k, a) in areas.iter_mut().enumerate() {
                if !from.contains(&k) {
                    a.salvo = 0;
                }
            }
        }
        areas
    }

    /// Re-entry vehicles carried by `missiles` missiles launched from the
    /// areas `from` (indices; empty: every area), shared among them as
    /// [`Evaluator::arrivals_from`] shares them, each area's missile with
    /// its own re-entry vehicles.
    pub fn warheads_from(&self, missiles: u32, from: &[usize]) -> u32 {
        crate::raid::scaled(&self.areas_from(from), missiles)
            .iter()
            .enumerate()
            .map(|(k, a)| a.salvo.saturating_mul(self.rvs_of(k)))
            .fold(0, u32::saturating_add)
    }

    /// Launch areas of the raid.
    pub fn areas(&self) -> usize {
        self.input.spec.areas.len()
    }

    /// The name of launch area `k` (empty when there is none).
    pub fn area_name(&self, k: usize) -> &str {
        self.input.spec.areas.get(k).map_or("", |a| a.name.as_str())
    }

    /// The index of the launch area called `name`.
    pub fn area(&self, name: &str) -> Option<usize> {
        self.input.spec.areas.iter().position(|a| a.name == name)
    }

    /// Each area's launch.
    pub fn launches(&self) -> &[TrajectoryStudy] {
        &self.launches
    }

    /// Each area's flown trajectory.
    pub fn reference(&self) -> &[Trajectory] {
        &self.reference
    }

    /// The defense of the scenario as given.
    pub fn baseline_defense(&self) -> DefenseSize {
        DefenseSize {
            carriers: self.input.spec.boost.as_ref().map_or(0, |b| b.carriers),
            extra_midcourse: 0,
            extra_terminal: 0,
        }
    }

    /// The layers of the scenario's defense the defense can add to.
    pub fn layers(&self) -> Layers {
        let s = &self.input.spec;
        Layers {
            boost: s.boost.is_some(),
            midcourse: !s.midcourse.is_empty(),
            terminal: !s.terminal.is_empty(),
        }
    }

    /// Mean warheads arriving for `p` against `d`.
    pub fn arrivals(&mut self, p: Posture, d: DefenseSize) -> Result<f64, SizingError> {
        self.arrivals_from(p, d, &[])
    }

    /// Mean warheads arriving for `p` against `d`, the missiles launched
    /// from the areas `from` only (indices; empty: every area), shared
    /// among them in proportion to their salvos.
    pub fn arrivals_from(
        &mut self,
        p: Posture,
        d: DefenseSize,
        from: &[usize],
    ) -> Result<f64, SizingError> {
        let n = self.trials;
        let t = self.tally(p, d, from, |_| false)?;
        Ok(t.bounds(n).0)
    }

    /// Mean warheads arriving for `p` against `d` from the areas `from`
    /// (as [`Evaluator::arrivals_from`]), its trials stopped at the first
    /// check point from [`MIN_PRECISION_TRIALS`] on where the 95%
    /// confidence interval's half-width is at most `half_width` warheads,
    /// and the trials it took. Returns the mean, the half-width reached
    /// (warheads) and the trials run.
    pub fn arrivals_within(
        &mut self,
        p: Posture,
        d: DefenseSize,
        from: &[usize],
        half_width: f64,
    ) -> Result<(f64, f64, u32), SizingError> {
        let t = self.tally(p, d, from, |t| {
            t.trials >= MIN_PRECISION_TRIALS && t.half_width() <= half_width
        })?;
        Ok((t.mean(), t.half_width(), t.trials))
    }

    /// Whether `p` against `d` lands at most `goal` warheads on average
    /// (as [`Evaluator::arrivals`]` <= goal`, often from fewer trials:
    /// always its answer when [`Evaluator::z`] is infinite or the certain
    /// bounds settle it, else the sequential test's, which differs from it
    /// only for a mean within a few standard errors of the goal).
    pub fn holds(&mut self, p: Posture, d: DefenseSize, goal: f64) -> Result<bool, SizingError> {
        let (n, z) = (self.trials, self.z);
        let t = self.tally(p, d, &[], |t| t.settled(n, goal, z))?;
        Ok(t.mean() <= goal)
    }

    /// Whether `p` against `d` lands at least `target` warheads on average
    /// (as [`Evaluator::arrivals`]` >= target`, often from fewer trials:
    /// always its answer when [`Evaluator::z`] is infinite or the certain
    /// bounds settle it, else the sequential test's, which differs from it
    /// only for a mean within a few standard errors of the target).
    pub fn reaches(
        &mut self,
        p: Posture,
        d: DefenseSize,
        target: f64,
    ) -> Result<bool, SizingError> {
        let (n, z) = (self.trials, self.z);
        let t = self.tally(p, d, &[], |t| t.settled(n, target, z))?;
        Ok(t.mean() >= target)
    }

    /// The trials of `p` against `d` from the areas `from`, run on from
    /// where they last stopped in steps of [`CHECK_TRIALS`] until `settled`
    /// says the question is answered or every trial has run.
    fn tally(
        &mut self,
        p: Posture,
        d: DefenseSize,
        from: &[usize],
        settled: impl Fn(&Tally) -> bool,
    ) -> Result<Tally, SizingError> {
        let n = self.trials;
        if p.missiles == 0 {
            return Ok(Tally {
                trials: n,
                ..Tally::default()
            });
        }
        let key = (p, d, from.to_vec());
        let mut t = match self.cache.get(&key) {
            Some(&t) => t,
            None => {
                self.evaluations += 1;
                Tally::default()
            }
        };
        // A tally with no trial yet does not know its raid's RVs.
        if t.trials >= n || (t.trials > 0 && settled(&t)) {
            return Ok(t);
        }
        let (input, plan) = self.prepare(p, d, from)?;
        t.rvs = u64::from(plan.rvs());
        let seed = input.seed;
        let spec = &input.spec;
        let step = |t: &mut Tally, end: u32| {
            let tasks = (end - t.trials).div_ceil(TASK_TRIALS);
            let start = t.trials;
            let leakers = (0..tasks)
                .into_par_iter()
                .map_init(
                    || (Scratch::default(), TrialOutcome::default()),
                    |(scratch, outcome), j| {
                        let a = start + j * TASK_TRIALS;
                        let b = (a + TASK_TRIALS).min(end);
                        let mut sum = (0u64, 0u64);
                        for k in a..b {
                            let mut streams = Streams::new(seed, u64::from(k));
                            run_trial(spec, &plan, &mut streams, scratch, outcome);
                            let x = u64::from(outcome.leakers);
                            sum = (sum.0 + x, sum.1 + x * x);
                        }
                        sum
                    },
                )
                .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
            t.leakers += leakers.0;
            t.leakers_sq += leakers.1;
            t.trials = end;
        };
        let before = t.trials;
        while t.trials < n && (t.trials == 0 || !settled(&t)) {
            // Check points at fixed trial counts (multiples of
            // CHECK_TRIALS), whatever the threads.
            let end = (t.trials / CHECK_TRIALS + 1)
                .saturating_mul(CHECK_TRIALS)
                .min(n);
            step(&mut t, end);
        }
        self.trials_run += u64::from(t.trials - before);
        self.cache.insert(key, t);
        Ok(t)
    }

    /// The engagement input of `p` against `d` from the areas `from` (the
    /// scenario's, with the posture's areas, decoys and anti-satellite
    /// shots and the defense's counts), checked.
    fn input_for(
        &self,
        p: Posture,
        d: DefenseSize,
        from: &[usize],
    ) -> Result<EngageInput, SizingError> {
        let mut input = self.input.clone();
        let spec = &mut input.spec;
        spec.areas = self.areas_from(from);
        spec.decoys_per_rv = p.decoys_per_rv;
        spec.asat_shots = p.asat_shots;
        if p.concentrated {
            for a in &mut spec.areas {
                a.width_m = 0.0;
                a.depth_m = 0.0;
                a.window_s = 0.0;
            }
        }
        if let Some(b) = &mut spec.boost {
            b.carriers = d.carriers;
        }
        if d.carriers == 0 {
            spec.boost = None;
        }
        if let Some(m) = spec.midcourse.first_mut() {
            m.inventory += d.extra_midcourse;
        }
        if let Some(t) = spec.terminal.first_mut() {
            t.inventory += d.extra_terminal;
        }
        // What the plan does not see is still checked, posture by posture.
        EngageSpec {
            areas: crate::raid::scaled(&spec.areas, p.missiles),
            ..spec.clone()
        }
        .validate()?;
        Ok(input)
    }

    /// The key of the plan of `p` against `d` from the areas `from`.
    fn plan_key(&self, p: Posture, d: DefenseSize, from: &[usize]) -> PlanKey {
        (
            p.missiles,
            p.fast_burn && self.fast.is_some(),
            p.concentrated,
            d.carriers,
            from.to_vec(),
        )
    }

    /// Build the plan of `p` on `input` (from [`Evaluator::input_for`]).
    fn build_plan(&self, p: Posture, input: &EngageInput) -> Result<Plan, SizingError> {
        let (tr, table) = match (p.fast_burn, &self.fast) {
            (true, Some(f)) => (f, &self.tables[1]),
            _ => (&self.reference, &self.tables[0]),
        };
        plan_with(input, tr, p.missiles, table)
    }

    /// Keep `plan` under `key`, emptying the store first if it would
    /// overfill.
    fn keep_plan(&mut self, key: PlanKey, plan: &Arc<Plan>) {
        let bytes = plan_bytes(plan);
        if self.plan_bytes + bytes > MAX_PLAN_BYTES {
            self.plans.clear();
            self.plan_bytes = 0;
        }
        if bytes <= MAX_PLAN_BYTES {
            self.plan_bytes += bytes;
            self.plans.insert(key, (Arc::clone(plan), bytes));
        }
    }

    /// The engagement input of `p` against `d` from the areas `from`, and
    /// its plan (built once per [`PlanKey`] while the store keeps it).
    fn prepare(
        &mut self,
        p: Posture,
        d: DefenseSize,
        from: &[usize],
    ) -> Result<(EngageInput, Arc<Plan>), SizingError> {
        let input = self.input_for(p, d, from)?;
        let key = self.plan_key(p, d, from);
        let plan = match self.plans.get(&key) {
            Some((plan, _)) => Arc::clone(plan),
            None => {
                let plan = Arc::new(self.build_plan(p, &input)?);
                self.keep_plan(key, &plan);
                plan
            }
        };
        Ok((input, plan))
    }

    /// Build the plans that the store lacks of the leading postures of
    /// `cells` (each against its defense from its launch areas), in
    /// parallel, so that their evaluations that follow find them, and
    /// return how many leading cells are covered (at least one of a
    /// non-empty list): as many as [`MAX_PLAN_BYTES`] of new plans hold
    /// (estimated from the largest built so far), so that peak memory stays
    /// near the store's cap and no covered cell's plan is evicted by
    /// another's before its evaluation; evaluate those cells, then call
    /// again with the rest. A cell whose plan fails is left for its
    /// evaluation to report. Plans of large raids take a large share of a
    /// study's time, and one is built on one thread. The cells covered and
    /// the plans built depend on the cells and the store, not on the
    /// threads.
    pub fn prepare_plans(&mut self, cells: &[(Posture, DefenseSize, Vec<usize>)]) -> usize {
        let mut covered = 0;
        let mut used = 0;
        // The largest plan kept so far as the first guess of a new one's size.
        let mut most = self.plans.values().map(|(_, b)| *b).max().unwrap_or(0);
        let mut built: Vec<(PlanKey, Arc<Plan>)> = Vec::new();
        while covered < cells.len() {
            // The next chunk: one plan while no size is known, else as
            // many as fit the bytes left at the largest size so far (at
            // least one in a call).
            let room = match most {
                0 => 1,
                m => (MAX_PLAN_BYTES.saturating_sub(used) / m).max(usize::from(built.is_empty())),
            };
            if room == 0 {
                break;
            }
            let mut wanted: Vec<(PlanKey, Posture, EngageInput)> = Vec::new();
            while covered < cells.len() && wanted.len() < room {
                let (p, d, from) = &cells[covered];
                covered += 1;
                let key = self.plan_key(*p, *d, from);
                if p.missiles == 0
                    || self.plans.contains_key(&key)
                    || built.iter().any(|(k, _)| *k == key)
                    || wanted.iter().any(|(k, _, _)| *k == key)
                {
                    continue;
                }
                if let Ok(input) = self.input_for(*p, *d, from) {
                    wanted.push((key, *p, input));
                }
            }
            let plans: Vec<Option<Plan>> = wanted
                .par_iter()
                .map(|(_, p, input)| self.build_plan(*p, input).ok())
                .collect();
            for ((key, _, _), plan) in wanted.into_iter().zip(plans) {
                if let Some(plan) = plan {
                    let bytes = plan_bytes(&plan);
                    used += bytes;
                    most = most.max(bytes);
                    built.push((key, Arc::new(plan)));
                }
            }
        }
        // Make room for the new plans at once, so that none evicts another.
        if self.plan_bytes + used > MAX_PLAN_BYTES {
            self.plans.clear();
            self.plan_bytes = 0;
        }
        for (key, plan) in built {
            self.keep_plan(key, &plan);
        }
        covered
    }
}

/// The attacker's cheapest posture and its result.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Response {
    /// The posture.
    pub posture: Posture,
    /// Its cost, millions of dollars.
    pub cost_musd: f64,
    /// Mean warheads it lands.
    pub arrivals: f64,
}

/// The qualitative choices of `o` (everything but the missile count), in a
/// fixed order.
fn choices(o: &Options) -> Vec<(u32, bool, bool, u32)> {
    let mut v = Vec::new();
    for &d in &o.decoys {
        for f in [false, true] {
            if f && !o.fast_burn {
                continue;
            }
            for c in [false, true] {
                if c && !o.concentrate {
                    continue;
                }
                for &a in &o.asat {
                    v.push((d, f, c, a));
                }
            }
        }
    }
    v
}

fn posture(m: u32, (d, f, c, a): (u32, bool, bool, u32)) -> Posture {
    Posture {
        missiles: m,
        decoys_per_rv: d,
        fast_burn: f,
        concentrated: c,
        asat_shots: a,
    }
}

/// The cheapest posture of `o` landing at least `target` warheads on
/// average against `d`, within `budget_musd`: for each qualitative choice,
/// the missile count rises from one until the target is met — the first
/// count that meets it is that choice's cheapest, since cost grows with
/// missiles — and a choice is abandoned as soon as it costs more than the
/// best found. `None` if nothing within the options and budget meets it.
pub fn best_response(
    eval: &mut Evaluator,
    o: &Options,
    c: &AttackerCosts,
    d: DefenseSize,
    target: f64,
    budget_musd: f64,
) -> Result<Option<Response>, SizingError> {
    let rvs = eval.rvs();
    let mut best: Option<Response> = None;
    for ch in choices(o) {
        for m in 1..=o.max_missiles {
            let p = posture(m, ch);
            let cost = p.cost_musd(c, rvs);
            if cost > budget_musd || best.as_ref().is_some_and(|b| cost >= b.cost_musd) {
                break;
            }
            if eval.reaches(p, d, target)? {
                best = Some(Response {
                    posture: p,
                    cost_musd: cost,
                    arrivals: target,
                });
                break;
            }
        }
    }
    // Only the answer's arrivals are needed in full.
    if let Some(b) = &mut best {
        b.arrivals = eval.arrivals(b.posture, d)?;
    }
    Ok(best)
}

/// The same answer by exhaustive search: every posture of `o`, evaluated,
/// the cheapest meeting the target (ties: the first in search order).
pub fn exhaustive_response(
    eval: &mut Evaluator,
    o: &Options,
    c: &AttackerCosts,
    d: DefenseSize,
    target: f64,
    budget_musd: f64,
) -> Result<Option<Response>, SizingError> {
    let rvs = eval.rvs();
    let mut best: Option<Response> = None;
    for ch in choices(o) {
        for m in 1..=o.max_missiles {
            let p = posture(m, ch);
            let cost = p.cost_musd(c, rvs);
            let a = eval.arrivals(p, d)?;
            if a >= target
                && cost <= budget_musd
                && best.as_ref().is_none_or(|b| cost < b.cost_musd)
            {
                best = Some(Response {
                    posture: p,
                    cost_musd: cost,
                    arrivals: a,
                });
            }
        }
    }
    Ok(best)
}

#[cfg(test)]
#[allow(unsafe_code)] // the counting allocator (docs/design.md)
mod plan_size_tests {
    use super::*;
    use crate::stability::tests::evaluator_with_terminal;
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    /// The system allocator, counting the bytes the current thread holds.
    struct Counting;

    thread_local! {
        static HELD: Cell<isize> = const { Cell::new(0) };
    }

    fn count(bytes: isize) {
        let _ = HELD.try_with(|h| h.set(h.get() + bytes));
    }

    // SAFETY: forwards to the system allocator unchanged.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            count(layout.size() as isize);
            // SAFETY: the caller's contract, passed on.
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            count(-(layout.size() as isize));
            // SAFETY: the caller's contract, passed on.
            unsafe { System.dealloc(ptr, layout) }
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            count(new_size as isize - layout.size() as isize);
            // SAFETY: the caller's contract, passed on.
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }

    #[global_allocator]
    static COUNTING: Counting = Counting;

    /// The estimate of a real plan (boost pool, midcourse and terminal
    /// layers) is within a factor of 1.25 of the heap bytes it holds,
    /// measured by the allocator on a one-thread pool (here within 256
    /// bytes: the estimate counts the `Plan` itself).
    #[test]
    fn plan_bytes_is_the_plans_heap_size() {
        let e = evaluator_with_terminal(64);
        let d = e.baseline_defense();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        for missiles in [1, 8, 40] {
            let p = Posture {
                missiles,
                decoys_per_rv: 0,
                fast_burn: false,
                concentrated: false,
                asat_shots: 0,
            };
            let input = e.input_for(p, d, &[]).unwrap();
            let (plan, held) = pool.install(|| {
                let before = HELD.with(Cell::get);
                let plan = e.build_plan(p, &input).unwrap();
                (plan, HELD.with(Cell::get) - before)
            });
            assert!(plan.boost.is_some() && !plan.batteries.is_empty());
            let estimate = plan_bytes(&plan) as f64;
            let held = held as f64;
            assert!(
                estimate <= 1.25 * held && held <= 1.25 * estimate,
                "{missiles} missiles: estimate {estimate} B, held {held} B"
            );
            // The old estimate, 8 KiB per missile and layer, was 6 to 15
            // times too high here (more where the pool is small).
            let layers = 1 + plan.sites.len() + plan.batteries.len();
            assert!(estimate * 5.0 < (plan.missiles.len() * layers * 8192) as f64);
        }
    }

    /// Prepared plans are those the evaluations would build: small plans
    /// are covered in one call, the store then holds each (duplicates once)
    /// with its estimated bytes, and the arrivals equal a fresh evaluator's.
    #[test]
    fn prepared_plans_are_kept_and_change_nothing() {
        let mut e = evaluator_with_terminal(64);
        let d = e.baseline_defense();
        let cells: Vec<_> = [1, 3, 3, 5, 0]
            .into_iter()
            .map(|missiles| {
                let p = Posture {
                    missiles,
                    decoys_per_rv: 0,
                    fast_burn: false,
                    concentrated: false,
                    asat_shots: 0,
                };
                (p, d, Vec::new())
            })
            .collect();
        assert_eq!(e.prepare_plans(&cells), cells.len());
        assert_eq!(e.plans.len(), 3);
        let held: usize = e.plans.values().map(|(_, b)| *b).sum();
        assert_eq!(e.plan_bytes, held);
        assert_eq!(e.prepare_plans(&cells[1..]), cells.len() - 1);
        assert_eq!(e.plans.len(), 3);
        let mut fresh = evaluator_with_terminal(64);
        for (p, d, _) in &cells {
            let a = e.arrivals(*p, *d).unwrap();
            assert_eq!(a.to_bits(), fresh.arrivals(*p, *d).unwrap().to_bits());
        }
    }

    /// A run of identical trials reports a half-width of 3/k warheads (rule
    /// of three), not zero; a varied one its normal half-width.
    #[test]
    fn half_width_has_a_floor() {
        let same = Tally {
            trials: 128,
            leakers: 128 * 3,
            leakers_sq: 128 * 9,
            rvs: 10,
        };
        assert_eq!(same.half_width(), 3.0 / 128.0);
        let varied = Tally {
            trials: 128,
            leakers: 64 * 10,
            leakers_sq: 64 * 100,
            rvs: 10,
        };
        assert!((varied.half_width() - 1.959_964 * (25.0f64 / 128.0).sqrt()).abs() < 1e-12);
    }
}
