//! The attacker's side: what a posture costs, how many warheads it lands
//! against a defense (through the engagement model), and the cheapest
//! posture that lands a target number.

use crate::engage::run::monte_carlo;
use crate::engage::study::{EngageInput, plan_with};
use crate::sizing::SizingError;
use crate::sizing::sweep::with_boost_time;
use crate::trajectory::TrajectoryStudy;
use cupola_defense::reach::ReachTable;
use cupola_threat::Trajectory;
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

/// Mean warheads landed by postures against defenses, from the engagement
/// Monte Carlo with common random numbers, memoised.
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
    /// Mean warheads arriving, by posture, defense and launch areas (empty:
    /// all).
    cache: HashMap<(Posture, DefenseSize, Vec<usize>), f64>,
    /// Evaluations run (not served from the cache).
    pub evaluations: usize,
}

impl Evaluator {
    /// An evaluator around the scenario's engagement `input`, the launch of
    /// each of its areas (`launches`) and their flown `reference`
    /// trajectories; the fast-burn variants are flown with
    /// `fast_burn_boost_s` when given.
    pub fn new(
        mut input: EngageInput,
        launches: Vec<TrajectoryStudy>,
        reference: Vec<Trajectory>,
        fast_burn_boost_s: Option<f64>,
        trials: u32,
    ) -> Result<Self, SizingError> {
        // A surrogate of the full run: a smaller pool of boost geometries.
        if let Some(b) = &mut input.spec.boost {
            b.pool = b.pool.min(SURROGATE_POOL);
        }
        let fast = match fast_burn_boost_s {
            Some(b) => Some(
                launches
                    .iter()
                    .map(|launch| {
                        let mut l = launch.clone();
                        l.missile = with_boost_time(&launch.missile, b);
                        // A failure of this flight is the fast-burn option's.
                        l.name = format!("{}, with a fast-burn boost of {b} s,", launch.name);
                        Ok(l.solve()?.trajectory)
                    })
                    .collect::<Result<Vec<_>, SizingError>>()?,
            ),
            None => None,
        };
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
            cache: HashMap::new(),
            evaluations: 0,
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
        if p.missiles == 0 {
            return Ok(0.0);
        }
        let key = (p, d, from.to_vec());
        if let Some(&a) = self.cache.get(&key) {
            return Ok(a);
        }
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
        let (tr, table) = match (p.fast_burn, &self.fast) {
            (true, Some(f)) => (f, &self.tables[1]),
            _ => (&self.reference, &self.tables[0]),
        };
        let plan = plan_with(&input, tr, p.missiles, table)?;
        let r = monte_carlo(&input.spec, &plan, self.trials, input.seed, &|_| {});
        self.evaluations += 1;
        self.cache.insert(key, r.mean_leakers);
        Ok(r.mean_leakers)
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
            let a = eval.arrivals(p, d)?;
            if a >= target {
                best = Some(Response {
                    posture: p,
                    cost_musd: cost,
                    arrivals: a,
                });
                break;
            }
        }
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
