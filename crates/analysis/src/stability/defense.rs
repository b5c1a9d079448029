//! The defense's answer to an attack posture: the cheapest addition to its
//! current posture — SBI carriers, midcourse interceptors, terminal
//! interceptors, alone or mixed — that holds the mean warheads arriving at
//! its goal, found by [`super::addition::cheapest`] on the engagement model.

use super::addition::{AnswerError, Resource, cheapest_by};
use super::offense::{DefenseSize, Evaluator, Posture};
use crate::sizing::SizingError;

/// The defense's unit costs, millions of dollars. A kind whose unit cost is
/// not a positive number cannot be bought.
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
    /// One more terminal interceptor at its battery. Default 10.2: the
    /// Department of Defense's FY2018 budget amendment (November 2017)
    /// asked $509.1 million for 50 THAAD interceptors (then-year dollars;
    /// range 10–15 with later buys reported near $12 million each).
    pub terminal_musd: f64,
}

/// Settings of the defense's search.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct DefenseSearch {
    /// Goal: mean warheads arriving at most this.
    pub goal: f64,
    /// Most SBI carriers in orbit, in all.
    pub max_carriers: u32,
    /// Most midcourse interceptors added to the scenario's, in all.
    pub max_interceptors: u32,
    /// Most terminal interceptors added to the scenario's, in all.
    pub max_terminal: u32,
}

/// Most distinct postures one answer may evaluate: the search stops there
/// and says so (a bound on its run time, about a minute at 1,000 trials).
pub const MAX_ANSWER_EVALUATIONS: usize = 3_000;

/// What the defense buys, above a posture.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Purchase {
    /// SBI carriers added.
    pub carriers: u32,
    /// Midcourse interceptors added (at the first site).
    pub midcourse: u32,
    /// Terminal interceptors added (at the first battery).
    pub terminal: u32,
    /// What the carriers cost, millions of dollars.
    pub carriers_musd: f64,
    /// What the midcourse interceptors cost, millions of dollars.
    pub midcourse_musd: f64,
    /// What the terminal interceptors cost, millions of dollars.
    pub terminal_musd: f64,
}

impl Purchase {
    /// What it costs in all, millions of dollars.
    pub fn total_musd(&self) -> f64 {
        self.carriers_musd + self.midcourse_musd + self.terminal_musd
    }

    /// `d` with the purchase added.
    pub fn apply(&self, d: DefenseSize) -> DefenseSize {
        DefenseSize {
            carriers: d.carriers + self.carriers,
            extra_midcourse: d.extra_midcourse + self.midcourse,
            extra_terminal: d.extra_terminal + self.terminal,
        }
    }

    /// Whether nothing is bought.
    pub fn is_empty(&self) -> bool {
        self.carriers == 0 && self.midcourse == 0 && self.terminal == 0
    }
}

/// The defense's answer to a posture.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reply {
    /// The current posture already holds the goal: nothing to buy.
    Holds,
    /// The cheapest addition that brings the goal back.
    Buy(Purchase),
    /// Nothing within the search limits holds the goal.
    OutOfReach,
    /// The search stopped at [`MAX_ANSWER_EVALUATIONS`] evaluations.
    Unresolved,
}

impl Reply {
    /// The purchase (empty when the goal holds; None when there is no
    /// answer).
    pub fn purchase(&self) -> Option<Purchase> {
        match self {
            Reply::Holds => Some(Purchase::default()),
            Reply::Buy(p) => Some(*p),
            Reply::OutOfReach | Reply::Unresolved => None,
        }
    }
}

/// The cheapest addition to `from` that holds the mean warheads `p` lands
/// at or below `s.goal`, among SBI carriers (up to `s.max_carriers` in
/// all, when the scenario has a boost layer), midcourse interceptors (up to
/// `s.max_interceptors` above the scenario's, when it has a midcourse site)
/// and terminal interceptors (up to `s.max_terminal` above the scenario's,
/// when it has a terminal battery), at the unit costs `dc`. Exact to the
/// unit, with no search step, assuming arrivals do not rise with any count
/// (see [`super::addition`]); ties go to the fewest midcourse, then terminal
/// interceptors. Returns the reply and the evaluations it took.
pub fn answer(
    eval: &mut Evaluator,
    p: Posture,
    from: DefenseSize,
    s: &DefenseSearch,
    dc: &DefenseCosts,
) -> Result<(Reply, usize), SizingError> {
    let layers = eval.layers();
    let kind = |available: bool, unit_musd: f64, most: u32| {
        let ok = available && unit_musd.is_finite() && unit_musd > 0.0;
        Resource {
            unit_musd: if ok { unit_musd } else { 1.0 },
            max: if ok { most } else { 0 },
        }
    };
    let resources = [
        kind(
            layers.midcourse,
            dc.midcourse_musd,
            s.max_interceptors.saturating_sub(from.extra_midcourse),
        ),
        kind(
            layers.terminal,
            dc.terminal_musd,
            s.max_terminal.saturating_sub(from.extra_terminal),
        ),
        kind(
            layers.boost,
            dc.sbi_musd,
            s.max_carriers.saturating_sub(from.carriers),
        ),
    ];
    let at = |x: &[u32]| DefenseSize {
        extra_midcourse: from.extra_midcourse + x[0],
        extra_terminal: from.extra_terminal + x[1],
        carriers: from.carriers + x[2],
    };
    let r = cheapest_by(
        |x: &[u32]| eval.holds(p, at(x), s.goal),
        &resources,
        MAX_ANSWER_EVALUATIONS,
    );
    match r {
        Ok((super::addition::Answer::Holds, n)) => Ok((Reply::Holds, n)),
        Ok((super::addition::Answer::OutOfReach, n)) => Ok((Reply::OutOfReach, n)),
        Ok((super::addition::Answer::Buy(a), n)) => {
            let (m, t, c) = (a.counts[0], a.counts[1], a.counts[2]);
            Ok((
                Reply::Buy(Purchase {
                    carriers: c,
                    midcourse: m,
                    terminal: t,
                    carriers_musd: f64::from(c) * resources[2].unit_musd,
                    midcourse_musd: f64::from(m) * resources[0].unit_musd,
                    terminal_musd: f64::from(t) * resources[1].unit_musd,
                }),
                n,
            ))
        }
        Err(AnswerError::Arrivals(e)) => Err(e),
        Err(AnswerError::Budget(n)) => Ok((Reply::Unresolved, n)),
        // Unit costs were checked above.
        Err(AnswerError::UnitCost(_)) => Ok((Reply::OutOfReach, 0)),
    }
}
