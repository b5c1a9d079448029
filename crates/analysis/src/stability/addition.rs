//! The defense's cheapest answer: the addition of resources (SBI carriers,
//! midcourse and terminal interceptors, at their unit costs, alone or
//! mixed) that holds the mean warheads arriving at or below a goal, exact
//! to the unit.
//!
//! The search is generic over an arrivals function of the added counts, so
//! that it can be checked against exhaustive search on a synthetic model as
//! well as run on the engagement Monte Carlo. It assumes that arrivals are
//! monotone non-increasing in each count (more interceptors never let more
//! through). The engagement model meets this on average; every posture is
//! evaluated with the same random numbers (common random numbers: the same
//! seed and trial streams for every defense), but an added interceptor
//! shifts the draws of later shots, so single evaluations can break it by
//! Monte Carlo noise. The answer is always an evaluated addition that holds
//! the goal; it is the cheapest when arrivals are monotone.
//!
//! Method (exact within a monotone model; the path of evaluations depends
//! only on the model, the goal, the unit costs and the limits — there is
//! no search step, so no step can change the answer, even where noise
//! breaks monotonicity):
//!
//! 1. If the current posture holds the goal, the answer is nothing.
//! 2. If even the most of everything does not hold it, there is none.
//! 3. The cheapest single-kind answers (each the least count found by
//!    bisection to the unit) bound the cost from above.
//! 4. Branch and bound over the counts, the kinds nested by how many units
//!    that bound affords (fewest outermost): for the innermost kind, the
//!    least count that holds the goal, by bisection to the unit; for every
//!    other kind, intervals of its count, best bound first, halved down to
//!    single counts. On an interval `[a, b]` of one count, the rest of the
//!    addition costs at least what it costs at `b` (arrivals do not rise
//!    with the count), so `cost(a) + rest(b)` bounds every point of the
//!    interval from below, and the interval is dropped when that bound
//!    exceeds the best found.
//!
//! Costs are summed in whole dollars (integers), so equal costs are equal
//! exactly; among additions of equal cost the one with the fewest units of
//! the first kind, then of the second, and so on is taken. Each distinct
//! addition is evaluated at most once, and the search stops with
//! [`AnswerError::Budget`] after `max_evaluations` evaluations; the tests
//! check it against exhaustive search.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

/// One kind of resource the defense may add.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Resource {
    /// Cost of one unit, millions of dollars, > 0.
    pub unit_musd: f64,
    /// Most units that may be added (0: this kind cannot be added).
    pub max: u32,
}

/// An addition to the defense: units of each kind and their cost.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Addition {
    /// Units added of each kind, in the order of the resources.
    pub counts: Vec<u32>,
    /// What the addition costs, millions of dollars.
    pub cost_musd: f64,
}

/// The cheapest addition, or why there is none.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answer {
    /// The goal holds without any addition.
    Holds,
    /// The cheapest addition that brings the goal back.
    Buy(Addition),
    /// Even the most of every kind does not hold the goal.
    OutOfReach,
}

/// Why the search stopped without an answer.
#[derive(Debug, thiserror::Error)]
pub enum AnswerError<E> {
    /// The arrivals function failed.
    #[error(transparent)]
    Arrivals(E),
    /// The search needed more evaluations than allowed.
    #[error("the defense's search needed more than {0} evaluations")]
    Budget(usize),
    /// A unit cost is not a positive finite number of dollars.
    #[error("unit cost {0} $M is not positive and finite")]
    UnitCost(f64),
}

/// The search's state: whether an addition holds the goal, its memo, and
/// the order in which the kinds are nested (outermost first).
struct Search<'a, F> {
    holds: F,
    resources: &'a [Resource],
    /// Unit costs, whole dollars, in the caller's order.
    units: Vec<u128>,
    /// `order[j]`: the caller's index of the kind nested at depth `j`.
    order: Vec<usize>,
    memo: HashMap<Vec<u32>, bool>,
    max_evaluations: usize,
}

/// The cheapest completion of a prefix: its cost (dollars) and counts.
type Completion = (u128, Vec<u32>);

/// An interval `[a, b]` of one count awaiting examination: a lower bound
/// on its cost (dollars), `a`, `b`, the floor of the innermost count at `b`
/// (see `Search::rest`) and the rest's cheapest completion at `b` once
/// known.
type Interval = (u128, u32, u32, u32, Option<Completion>);

impl<F, E> Search<'_, F>
where
    F: FnMut(&[u32]) -> Result<bool, E>,
{
    /// Whether the addition `x` (counts in the caller's order) holds the
    /// goal (memoised).
    fn holds(&mut self, x: &[u32]) -> Result<bool, AnswerError<E>> {
        if let Some(&h) = self.memo.get(x) {
            return Ok(h);
        }
        if self.memo.len() >= self.max_evaluations {
            return Err(AnswerError::Budget(self.max_evaluations));
        }
        let h = (self.holds)(x).map_err(AnswerError::Arrivals)?;
        self.memo.insert(x.to_vec(), h);
        Ok(h)
    }

    /// `nested` (counts by depth; absent depths 0) in the caller's order.
    fn caller(&self, nested: &[u32]) -> Vec<u32> {
        let mut x = vec![0; self.order.len()];
        for (j, &v) in nested.iter().enumerate() {
            x[self.order[j]] = v;
        }
        x
    }

    /// Whether the prefix `x` (by depth) completed by `v` holds the goal.
    fn holds_with(&mut self, x: &mut Vec<u32>, v: u32) -> Result<bool, AnswerError<E>> {
        x.push(v);
        let y = self.caller(x);
        x.pop();
        self.holds(&y)
    }

    /// Unit cost (dollars) of the kind at depth `j`.
    fn unit(&self, j: usize) -> u128 {
        self.units[self.order[j]]
    }

    /// Most units at depth `j` whose cost fits in `cap` dollars.
    fn most(&self, j: usize, cap: u128) -> u32 {
        self.most_of(self.order[j], cap)
    }

    /// Most units of the caller's kind `k` whose cost fits in `cap`.
    fn most_of(&self, k: usize, cap: u128) -> u32 {
        let max = self.resources[k].max;
        u32::try_from(cap / self.units[k]).map_or(max, |a| a.min(max))
    }

    /// The least count of the innermost kind in `[lo, hi]` completing the
    /// prefix `x` that holds the goal, given that it holds at `hi` and
    /// fails below `lo`: a bisection to the unit.
    fn least(&mut self, x: &mut Vec<u32>, lo: u32, hi: u32) -> Result<u32, AnswerError<E>> {
        if self.holds_with(x, lo)? {
            return Ok(lo);
        }
        // Fails at lo, holds at hi.
        let (mut lo, mut hi) = (lo, hi);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if self.holds_with(x, mid)? {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Ok(hi)
    }

    /// Whether completion `a` of the prefix `x` beats completion `b`: less
    /// cost, or equal cost and fewer units of the caller's first kind,
    /// then second, and so on.
    fn beats(&self, x: &[u32], a: &Completion, b: &Completion) -> bool {
        let full = |c: &Completion| {
            let mut v = x.to_vec();
            v.extend_from_slice(&c.1);
            self.caller(&v)
        };
        (a.0, full(a)) < (b.0, full(b))
    }

    /// The cheapest completion of the prefix `x` (counts of the kinds at
    /// depths before `x.len()`) over the deeper kinds, among those costing
    /// at most `cap` dollars, or None if none costs that little. `floor`:
    /// when the next depth is the innermost, a count below which it is
    /// known to fail (0 otherwise).
    fn rest(
        &mut self,
        x: &mut Vec<u32>,
        cap: u128,
        floor: u32,
    ) -> Result<Option<Completion>, AnswerError<E>> {
        let j = x.len();
        let n = self.order.len();
        let hi = self.most(j, cap);
        if j + 1 == n {
            if floor > hi || !self.holds_with(x, hi)? {
                return Ok(None);
            }
            let v = self.least(x, floor, hi)?;
            return Ok(Some((u128::from(v) * self.unit(j), vec![v])));
        }
        let u = self.unit(j);
        let inner_last = j + 2 == n;
        // The innermost count at a smaller count here is at least its count
        // at a larger one (arrivals do not rise with either count).
        let floor_from = |c: &Completion| if inner_last { c.1[0] } else { 0 };
        let mut best: Option<Completion> = None;
        // Intervals of this depth's count still to examine, best bound
        // first (`floor` concerns only the innermost depth, handled above).
        let mut queue: BinaryHeap<Reverse<Interval>> = BinaryHeap::new();
        queue.push(Reverse((0, 0, hi, 0, None)));
        while let Some(Reverse((bound, a, b, floor_b, at_b))) = queue.pop() {
            let limit = best.as_ref().map_or(cap, |c| c.0);
            if bound > limit {
                break;
            }
            let base_a = u128::from(a) * u;
            let at_b = match at_b {
                Some(c) => c,
                None => {
                    x.push(b);
                    let c = self.rest(x, limit - base_a, floor_b);
                    x.pop();
                    match c? {
                        // Nothing at b within what [a, b] may cost: the
                        // rest costs at least as much anywhere in [a, b].
                        None => continue,
                        Some(c) => c,
                    }
                }
            };
            let mut counts_b = vec![b];
            counts_b.extend_from_slice(&at_b.1);
            let here = (u128::from(b) * u + at_b.0, counts_b);
            let better = match &best {
                None => here.0 <= cap,
                Some(c) => self.beats(x, &here, c),
            };
            if better {
                best = Some(here);
            }
            let limit = best.as_ref().map_or(cap, |c| c.0);
            // Every point of [a, b] costs at least base_a + at_b.0.
            let bound = base_a + at_b.0;
            if a == b || bound > limit {
                continue;
            }
            // Halve [a, b] at mid in [a, b).
            let mid = a + (b - 1 - a) / 2;
            queue.push(Reverse((bound, a, mid, floor_from(&at_b), None)));
            queue.push(Reverse((
                bound + u128::from(mid + 1 - a) * u,
                mid + 1,
                b,
                0,
                Some(at_b),
            )));
        }
        Ok(best)
    }
}

/// Unit cost in whole dollars.
fn dollars<E>(musd: f64) -> Result<u128, AnswerError<E>> {
    // Positive costs below a dollar count as one dollar.
    let d = (musd * 1e6).round().max(1.0);
    if musd.is_finite() && musd > 0.0 && d < 1e30 {
        Ok(d as u128)
    } else {
        Err(AnswerError::UnitCost(musd))
    }
}

/// The cheapest addition of `resources` that holds `arrivals` (a function
/// of the added counts, in the order of `resources`, monotone
/// non-increasing in each) at or below `goal`, within at most
/// `max_evaluations` distinct evaluations. See the module's documentation
/// for the method.
pub fn cheapest<F, E>(
    mut arrivals: F,
    resources: &[Resource],
    goal: f64,
    max_evaluations: usize,
) -> Result<(Answer, usize), AnswerError<E>>
where
    F: FnMut(&[u32]) -> Result<f64, E>,
{
    cheapest_by(
        |x: &[u32]| arrivals(x).map(|a| a <= goal),
        resources,
        max_evaluations,
    )
}

/// [`cheapest`] from the question itself: `holds` says whether an addition
/// (counts in the order of `resources`) holds the goal, so that a caller
/// that can answer it without the exact arrivals (from part of its trials,
/// when they already settle it) need not compute them.
pub fn cheapest_by<F, E>(
    holds: F,
    resources: &[Resource],
    max_evaluations: usize,
) -> Result<(Answer, usize), AnswerError<E>>
where
    F: FnMut(&[u32]) -> Result<bool, E>,
{
    let units = resources
        .iter()
        .map(|r| dollars(r.unit_musd))
        .collect::<Result<Vec<_>, _>>()?;
    let mut s = Search {
        holds,
        resources,
        units,
        order: (0..resources.len()).collect(),
        memo: HashMap::new(),
        max_evaluations,
    };
    let n = resources.len();
    if s.holds(&vec![0; n])? {
        return Ok((Answer::Holds, s.memo.len()));
    }
    let all: Vec<u32> = resources.iter().map(|r| r.max).collect();
    if n == 0 || !s.holds(&all)? {
        return Ok((Answer::OutOfReach, s.memo.len()));
    }
    // A first bound: the cheapest single kind that holds the goal alone
    // (the least count by bisection), kept as the fallback answer.
    let mut cap: u128 = all
        .iter()
        .zip(&s.units)
        .map(|(&m, &u)| u128::from(m) * u)
        .sum();
    let mut fallback = all.clone();
    for k in 0..n {
        let alone = |v: u32| {
            let mut y = vec![0; n];
            y[k] = v;
            y
        };
        if resources[k].max == 0 || !s.holds(&alone(resources[k].max))? {
            continue;
        }
        let (mut lo, mut hi) = (0u32, resources[k].max);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if s.holds(&alone(mid))? {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        let cost = u128::from(hi) * s.units[k];
        if cost < cap {
            cap = cost;
            fallback = alone(hi);
        }
    }
    // Nest the kinds by how many units the bound affords, fewest outermost:
    // the innermost, searched by bisection, has the widest range.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&k| s.most_of(k, cap));
    s.order = order;
    let mut x = Vec::with_capacity(n);
    let found = s.rest(&mut x, cap, 0)?.map(|(c, v)| (c, s.caller(&v)));
    let evaluations = s.memo.len();
    // `rest` finds the fallback at the latest when arrivals are monotone;
    // otherwise the fallback (an evaluated addition that holds) stands.
    let (cost, counts) = found.unwrap_or((cap, fallback));
    Ok((
        Answer::Buy(Addition {
            counts,
            cost_musd: cost as f64 / 1e6,
        }),
        evaluations,
    ))
}
