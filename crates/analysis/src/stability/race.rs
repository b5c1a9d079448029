//! The cost-exchange ratio of adding an attacking missile or decoy, and
//! alternating best responses of defense and offense (the arms race), both
//! with the defense's cheapest answer of [`super::defense`].

use super::defense::{DefenseCosts, DefenseSearch, Purchase, Reply, answer};
use super::offense::{
    AttackerCosts, DefenseSize, Evaluator, Options, Posture, Response, best_response,
};
use crate::sizing::SizingError;

/// A cost-exchange ratio: what the defense spends to hold its goal against
/// an addition to the attack, over what the addition costs the attacker.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Exchange {
    /// What was added: "5 missile(s)" or "one decoy per RV".
    pub added: String,
    /// The attack before the addition.
    pub posture: Posture,
    /// What the scenario's defense first needs to hold its goal against
    /// `posture` (None: it cannot within the search limits; empty: it
    /// holds). The defense after it is the current posture of the answer.
    pub prior: Reply,
    /// Mean warheads the added attack lands against the current posture
    /// (None: no current posture holds the goal).
    pub arrivals: Option<f64>,
    /// The goal, mean warheads arriving at most this.
    pub goal: f64,
    /// The defense's answer: the cheapest addition to the current posture
    /// that brings the goal back.
    pub answer: Reply,
    /// Defense spending, millions of dollars (0 when the goal still holds;
    /// None: no answer).
    pub defense_musd: Option<f64>,
    /// Attacker spending, millions of dollars.
    pub attacker_musd: f64,
    /// Defense over attacker spending.
    pub ratio: Option<f64>,
}

/// What the attacker adds in a cost-exchange ratio.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Added {
    /// This many more missiles.
    Missiles(u32),
    /// One more decoy per RV.
    DecoyPerRv,
}

/// Cost-exchange ratios at posture `p` against the scenario's defense, one
/// per addition in `added`. The current posture is the scenario's defense,
/// raised first by its cheapest answer to `p` when it does not hold the
/// goal there; the defense's cost is its cheapest answer (carriers,
/// midcourse and terminal interceptors, alone or mixed; nothing when the
/// goal still holds) to the added attack from that posture.
pub fn exchange(
    eval: &mut Evaluator,
    p: Posture,
    s: &DefenseSearch,
    dc: &DefenseCosts,
    ac: &AttackerCosts,
    added: &[Added],
) -> Result<Vec<Exchange>, SizingError> {
    let rvs = eval.rvs();
    let base = eval.baseline_defense();
    let (prior, _) = answer(eval, p, base, s, dc)?;
    let current = prior.purchase().map(|x| x.apply(base));
    let mut out = Vec::new();
    for &a in added {
        let (name, q) = match a {
            Added::Missiles(n) => (
                format!("{n} missile(s)"),
                Posture {
                    missiles: p.missiles + n,
                    ..p
                },
            ),
            Added::DecoyPerRv => (
                "one decoy per RV".to_string(),
                Posture {
                    decoys_per_rv: p.decoys_per_rv + 1,
                    ..p
                },
            ),
        };
        let attacker_musd = q.cost_musd(ac, rvs) - p.cost_musd(ac, rvs);
        let (arrivals, reply) = match current {
            Some(d) => (Some(eval.arrivals(q, d)?), answer(eval, q, d, s, dc)?.0),
            None => (None, Reply::OutOfReach),
        };
        let defense_musd = reply.purchase().map(|x| x.total_musd());
        out.push(Exchange {
            added: name,
            posture: p,
            prior,
            arrivals,
            goal: s.goal,
            answer: reply,
            defense_musd,
            attacker_musd,
            ratio: defense_musd
                .filter(|_| attacker_musd > 0.0)
                .map(|d| d / attacker_musd),
        });
    }
    Ok(out)
}

/// One round of the arms race.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Round {
    /// Round number, from 1.
    pub round: u32,
    /// What the defense bought this round (empty: nothing).
    pub bought: Purchase,
    /// The defense's answer this round, bought or not (`Holds` when it held
    /// its goal; a `Buy` it could not afford yet, it saves toward).
    pub reply: Reply,
    /// The defense after its move.
    pub defense: DefenseSize,
    /// Cumulative defense spending above the scenario's defense, millions
    /// of dollars.
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
    /// Whether it settled: a round in which neither side moved and the
    /// defense was not saving toward an answer.
    pub converged: bool,
}

/// Alternate best responses from posture `start` against the scenario's
/// defense (its carriers and inventories): each round the defense, if the
/// attack beats its goal, takes its cheapest answer (carriers, midcourse
/// and terminal interceptors, alone or mixed; see [`answer`]) when its
/// cumulative budget covers it and saves toward it otherwise (it stays put
/// when nothing within the search limits holds the goal); then the
/// attacker takes the cheapest posture that restores its goal within its
/// cumulative budget (or keeps its posture).
pub fn arms_race(
    eval: &mut Evaluator,
    start: Posture,
    race: &Race,
    options: &Options,
    dc: &DefenseCosts,
    ac: &AttackerCosts,
) -> Result<RaceResult, SizingError> {
    let mut d = eval.baseline_defense();
    let mut spent = 0.0;
    let mut p = start;
    let mut rounds = Vec::new();
    let s = &race.defense;
    for r in 1..=race.rounds {
        let budget = f64::from(r) * race.defense_budget_musd;
        let before = (d, p);
        // Defense: its cheapest answer, once affordable.
        let (reply, _) = answer(eval, p, d, s, dc)?;
        let mut bought = Purchase::default();
        if let Reply::Buy(x) = reply
            && spent + x.total_musd() <= budget
        {
            d = x.apply(d);
            spent += x.total_musd();
            bought = x;
        }
        let saving = matches!(reply, Reply::Buy(_)) && bought.is_empty();
        // Offense: restore its goal.
        let budget_o = f64::from(r) * race.offense_budget_musd;
        if !eval.reaches(p, d, race.offense_goal)?
            && let Some(Response { posture, .. }) =
                best_response(eval, options, ac, d, race.offense_goal, budget_o)?
        {
            p = posture;
        }
        let arrivals = eval.arrivals(p, d)?;
        rounds.push(Round {
            round: r,
            bought,
            reply,
            defense: d,
            defense_spent_musd: spent,
            posture: p,
            offense_musd: p.cost_musd(ac, eval.rvs()),
            arrivals,
        });
        if (d, p) == before && !saving {
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
