//! The defense's side: the cheapest addition that holds the arrivals at a
//! goal; the cost-exchange ratio of adding an attacking missile or decoy;
//! alternating best responses of defense and offense (the arms race).

use super::offense::{
    AttackerCosts, DefenseSize, Evaluator, Options, Posture, Response, best_response,
};
use crate::sizing::SizingError;

/// The defense's unit costs, millions of dollars.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct DefenseCosts {
    /// One more SBI carrier over the horizon (its buys, replacements and
    /// launches), from the cost model.
    pub sbi_musd: f64,
    /// One more midcourse interceptor in its silo. Default 125: CBO (2021),
    /// *Costs of Implementing Recommendations of the 2019 Missile Defense
    /// Review*: 40 more silos in Alaska, interceptors included, about $5
    /// billion.
    pub midcourse_musd: f64,
}

/// Smallest number of SBI carriers (to `step`, up to `max`) that holds the
/// mean arrivals of `p` at or below `goal`, with `extra_midcourse` added
/// interceptors; bisection on multiples of `step`, assuming arrivals fall as
/// carriers grow. `None` if even `max` does not.
pub fn carriers_for(
    eval: &mut Evaluator,
    p: Posture,
    extra_midcourse: u32,
    goal: f64,
    step: u32,
    max: u32,
) -> Result<Option<u32>, SizingError> {
    let d = |c| DefenseSize {
        carriers: c,
        extra_midcourse,
    };
    if eval.arrivals(p, d(0))? <= goal {
        return Ok(Some(0));
    }
    let (mut lo, mut hi) = (0u32, (max / step).max(1));
    if eval.arrivals(p, d(hi * step))? > goal {
        return Ok(None);
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if eval.arrivals(p, d(mid * step))? <= goal {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Ok(Some(hi * step))
}

/// Smallest number of midcourse interceptors (to `step`, up to `max`) to
/// add so that `p` lands at most `goal` on average against `carriers`.
pub fn interceptors_for(
    eval: &mut Evaluator,
    p: Posture,
    carriers: u32,
    goal: f64,
    step: u32,
    max: u32,
) -> Result<Option<u32>, SizingError> {
    let d = |x| DefenseSize {
        carriers,
        extra_midcourse: x,
    };
    let mut x = 0;
    while x <= max {
        if eval.arrivals(p, d(x))? <= goal {
            return Ok(Some(x));
        }
        x += step;
    }
    Ok(None)
}

/// A cost-exchange ratio: what the defense spends to hold its goal against
/// an addition to the attack, over what the addition costs the attacker.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Exchange {
    /// What was added: "missile" or "decoy per RV".
    pub added: String,
    /// Defense spending needed, millions of dollars (None: the goal cannot
    /// be held within the search limit).
    pub defense_musd: Option<f64>,
    /// Attacker spending, millions of dollars.
    pub attacker_musd: f64,
    /// Defense over attacker spending.
    pub ratio: Option<f64>,
}

/// Settings of the defense's searches.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct DefenseSearch {
    /// Goal: mean warheads arriving at most this.
    pub goal: f64,
    /// Carrier step, and the most carriers.
    pub carrier_step: u32,
    /// Most carriers.
    pub max_carriers: u32,
    /// Midcourse interceptor step.
    pub interceptor_step: u32,
    /// Most added midcourse interceptors.
    pub max_interceptors: u32,
}

/// Cost-exchange ratios at posture `p`: `extra_missiles` more missiles
/// (the defense answers with carriers), and one more decoy per RV (the
/// defense answers with midcourse interceptors).
pub fn exchange(
    eval: &mut Evaluator,
    p: Posture,
    s: &DefenseSearch,
    dc: &DefenseCosts,
    ac: &AttackerCosts,
    extra_missiles: u32,
) -> Result<Vec<Exchange>, SizingError> {
    let rvs = eval.rvs();
    let ratio = |d: Option<f64>, a: f64| d.filter(|_| a > 0.0).map(|d| d / a);
    let base = carriers_for(eval, p, 0, s.goal, s.carrier_step, s.max_carriers)?;
    let more = Posture {
        missiles: p.missiles + extra_missiles,
        ..p
    };
    let more_c = carriers_for(eval, more, 0, s.goal, s.carrier_step, s.max_carriers)?;
    let d_missile = base
        .zip(more_c)
        .map(|(a, b)| f64::from(b.saturating_sub(a)) * dc.sbi_musd);
    let a_missile = more.cost_musd(ac, rvs) - p.cost_musd(ac, rvs);
    let carriers = base.unwrap_or(s.max_carriers);
    let decoy = Posture {
        decoys_per_rv: p.decoys_per_rv + 1,
        ..p
    };
    let base_i = interceptors_for(
        eval,
        p,
        carriers,
        s.goal,
        s.interceptor_step,
        s.max_interceptors,
    )?;
    let more_i = interceptors_for(
        eval,
        decoy,
        carriers,
        s.goal,
        s.interceptor_step,
        s.max_interceptors,
    )?;
    let d_decoy = base_i
        .zip(more_i)
        .map(|(a, b)| f64::from(b.saturating_sub(a)) * dc.midcourse_musd);
    let a_decoy = decoy.cost_musd(ac, rvs) - p.cost_musd(ac, rvs);
    Ok(vec![
        Exchange {
            added: format!("{extra_missiles} missile(s)"),
            defense_musd: d_missile,
            attacker_musd: a_missile,
            ratio: ratio(d_missile, a_missile),
        },
        Exchange {
            added: "one decoy per RV".into(),
            defense_musd: d_decoy,
            attacker_musd: a_decoy,
            ratio: ratio(d_decoy, a_decoy),
        },
    ])
}

/// One round of the arms race.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Round {
    /// Round number, from 1.
    pub round: u32,
    /// The defense after its move.
    pub defense: DefenseSize,
    /// Cumulative defense spending above the starting defense, millions of
    /// dollars.
    pub defense_spent_musd: f64,
    /// The attack after its move.
    pub posture: Posture,
    /// What the attack costs, millions of dollars.
    pub offense_musd: f64,
    /// Mean warheads arriving at the end of the round.
    pub arrivals: f64,
}

/// Settings of the arms race.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Race {
    /// Rounds at most.
    pub rounds: u32,
    /// Defense goal and search limits.
    pub defense: DefenseSearch,
    /// The attacker's goal: mean warheads arriving at least this.
    pub offense_goal: f64,
    /// Defense budget added each round, millions of dollars.
    pub defense_budget_musd: f64,
    /// Attacker budget added each round, millions of dollars.
    pub offense_budget_musd: f64,
}

/// The arms race's outcome.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct RaceResult {
    /// The rounds played.
    pub rounds: Vec<Round>,
    /// Whether it settled: a round in which neither side moved.
    pub converged: bool,
}

/// Alternate best responses from posture `start` against the scenario's
/// defense: each round the defense adds the cheaper of carriers or
/// midcourse interceptors that holds its goal within its cumulative
/// budget (or goes as far toward it as the budget allows; it stays put when
/// neither can hold the goal within the search limits), then the attacker
/// takes the cheapest posture that restores its goal within its cumulative
/// budget (or keeps its posture).
pub fn arms_race(
    eval: &mut Evaluator,
    start: Posture,
    race: &Race,
    options: &Options,
    dc: &DefenseCosts,
    ac: &AttackerCosts,
) -> Result<RaceResult, SizingError> {
    let base = eval.baseline_defense();
    let mut d = base;
    let mut p = start;
    let mut rounds = Vec::new();
    let s = &race.defense;
    let spent = |d: DefenseSize| {
        f64::from(d.carriers.saturating_sub(base.carriers)) * dc.sbi_musd
            + f64::from(d.extra_midcourse) * dc.midcourse_musd
    };
    for r in 1..=race.rounds {
        let budget = f64::from(r) * race.defense_budget_musd;
        let before = (d, p);
        // Defense: the cheaper of the two ways to hold the goal.
        if eval.arrivals(p, d)? > s.goal {
            let c = carriers_for(
                eval,
                p,
                d.extra_midcourse,
                s.goal,
                s.carrier_step,
                s.max_carriers,
            )?
            .map(|c| DefenseSize {
                carriers: c.max(d.carriers),
                ..d
            });
            let i = interceptors_for(
                eval,
                p,
                d.carriers,
                s.goal,
                s.interceptor_step,
                s.max_interceptors,
            )?
            .map(|x| DefenseSize {
                extra_midcourse: x.max(d.extra_midcourse),
                ..d
            });
            let pick = [c, i]
                .into_iter()
                .flatten()
                .min_by(|a, b| spent(*a).total_cmp(&spent(*b)));
            // Within budget: take it. Over budget: go as far toward it as
            // the budget allows. Out of reach of the search: stay put (more
            // of either would not hold the goal).
            if let Some(n) = pick {
                d = if spent(n) <= budget {
                    n
                } else if n.carriers > d.carriers {
                    let room = ((budget - spent(d)) / dc.sbi_musd).floor().max(0.0) as u32;
                    DefenseSize {
                        carriers: d.carriers + room / s.carrier_step * s.carrier_step,
                        ..d
                    }
                } else {
                    let room = ((budget - spent(d)) / dc.midcourse_musd).floor().max(0.0) as u32;
                    DefenseSize {
                        extra_midcourse: d.extra_midcourse
                            + room / s.interceptor_step * s.interceptor_step,
                        ..d
                    }
                };
            }
        }
        // Offense: restore its goal.
        let budget_o = f64::from(r) * race.offense_budget_musd;
        if eval.arrivals(p, d)? < race.offense_goal
            && let Some(Response { posture, .. }) =
                best_response(eval, options, ac, d, race.offense_goal, budget_o)?
        {
            p = posture;
        }
        let arrivals = eval.arrivals(p, d)?;
        rounds.push(Round {
            round: r,
            defense: d,
            defense_spent_musd: spent(d),
            posture: p,
            offense_musd: p.cost_musd(ac, eval.rvs()),
            arrivals,
        });
        if (d, p) == before {
            return Ok(RaceResult {
                rounds,
                converged: true,
            });
        }
    }
    Ok(RaceResult {
        rounds,
        converged: false,
    })
}
