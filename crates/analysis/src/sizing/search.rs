//! The sizing search: the smallest Walker shell of given altitude,
//! inclination and plane count whose coverage meets the requirement.

use super::coverage::{CoverageStats, Raid, Sampling, coverage, coverage_until};
use super::layout::Layout;
use super::spec::Phasing;
use cupola_physics::constellation::{ConstellationError, Shell};

/// A requirement: every missile gets `shots` with probability `confidence`.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Requirement {
    /// Shots per missile.
    pub shots: u32,
    /// Probability that every missile gets them.
    pub confidence: f64,
    /// Interceptors per carrier.
    pub capacity: u32,
}

/// The shell family searched: all but the satellites per plane.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Family {
    /// Altitude, m.
    pub altitude_m: f64,
    /// Inclination, rad.
    pub inclination_rad: f64,
    /// Planes.
    pub planes: u32,
    /// Spread within planes.
    pub phasing: Phasing,
    /// Seed of random phasing.
    pub seed: u64,
}

impl Family {
    /// The Walker delta shell of `per_plane` satellites per plane (phasing
    /// factor 1, or 0 with one plane).
    pub fn shell(&self, per_plane: u32) -> Shell {
        Shell::walker_delta(
            self.altitude_m,
            self.inclination_rad,
            per_plane * self.planes,
            self.planes,
            u32::from(self.planes > 1),
        )
    }

    /// The laid-out constellation of `per_plane` satellites per plane.
    pub fn layout(&self, per_plane: u32) -> Result<Layout, ConstellationError> {
        let random = (self.phasing == Phasing::Random).then_some(self.seed);
        Layout::shell(self.shell(per_plane), random)
    }
}

/// One constellation tried.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Candidate {
    /// Its family.
    pub family: Family,
    /// Satellites per plane.
    pub per_plane: u32,
    /// Total carriers.
    pub total: u32,
    /// What it achieved.
    pub stats: CoverageStats,
}

impl Candidate {
    /// Whether it meets `req`.
    pub fn meets(&self, req: &Requirement) -> bool {
        self.stats.p_success() >= req.confidence
    }
}

/// The result of a search.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Search {
    /// The smallest constellation found that meets the requirement.
    pub best: Option<Candidate>,
    /// Every constellation tried, in order.
    pub tried: Vec<Candidate>,
}

/// Smallest satellites-per-plane count of `family` meeting `req` against
/// `raid`, up to `max_total` carriers, starting from `start_total`.
///
/// Success is taken to grow with the count (true on average; a Walker
/// pattern can have small non-monotonic steps): doubling or halving from
/// the start brackets the answer, then bisection finds it. Every candidate
/// uses the same launch times (common random numbers), so comparisons are
/// not blurred by sampling noise. A candidate's evaluation stops once its
/// side of the requirement is settled ([`coverage_until`]); the answer is
/// then evaluated on every sample, and should it fail there the search runs
/// again with what it knows, until its answer is one evaluated in full.
pub fn smallest(
    family: Family,
    raid: &Raid,
    sampling: &Sampling,
    req: &Requirement,
    max_total: u32,
    start_total: f64,
) -> Result<Search, ConstellationError> {
    smallest_observed(family, raid, sampling, req, max_total, start_total, &|| {})
}

/// [`smallest`], calling `evaluated` after each coverage evaluation (a
/// candidate, or the answer evaluated again on every sample), for progress.
pub fn smallest_observed(
    family: Family,
    raid: &Raid,
    sampling: &Sampling,
    req: &Requirement,
    max_total: u32,
    start_total: f64,
    evaluated: &dyn Fn(),
) -> Result<Search, ConstellationError> {
    let mut tried: Vec<Candidate> = Vec::new();
    loop {
        let best = search_once(
            family,
            raid,
            sampling,
            req,
            (max_total, start_total),
            &mut tried,
            evaluated,
        )?;
        let Some(k) = best.and_then(|pp| tried.iter().position(|c| c.per_plane == pp)) else {
            return Ok(Search { best: None, tried });
        };
        if tried[k].stats.samples >= sampling.samples {
            let best = Some(tried[k].clone());
            return Ok(Search { best, tried });
        }
        let layout = family.layout(tried[k].per_plane)?;
        tried[k].stats = coverage(&layout, raid, sampling, req.shots, req.capacity);
        evaluated();
    }
}

/// One pass of [`smallest`]'s search (up to `max_total` carriers from
/// `start_total`) over the candidates evaluated so far (`tried`, extended;
/// `evaluated` called after each new one): the satellites per plane of its
/// answer.
fn search_once(
    family: Family,
    raid: &Raid,
    sampling: &Sampling,
    req: &Requirement,
    (max_total, start_total): (u32, f64),
    tried: &mut Vec<Candidate>,
    evaluated: &dyn Fn(),
) -> Result<Option<u32>, ConstellationError> {
    let max_pp = (max_total / family.planes.max(1)).max(1);
    let mut eval = |pp: u32| -> Result<bool, ConstellationError> {
        if let Some(c) = tried.iter().find(|c| c.per_plane == pp) {
            return Ok(c.meets(req));
        }
        let layout = family.layout(pp)?;
        let stats = coverage_until(
            &layout,
            raid,
            sampling,
            req.shots,
            req.capacity,
            req.confidence,
        );
        evaluated();
        let c = Candidate {
            family,
            per_plane: pp,
            total: pp * family.planes,
            stats,
        };
        let ok = c.meets(req);
        tried.push(c);
        Ok(ok)
    };
    let start = ((start_total / f64::from(family.planes)).ceil() as u32).clamp(1, max_pp);
    // Bracket: `lo` fails (0 = nothing), `hi` succeeds.
    let (mut lo, mut hi);
    if eval(start)? {
        hi = start;
        lo = start / 2;
        while lo > 0 && eval(lo)? {
            hi = lo;
            lo /= 2;
        }
    } else {
        lo = start;
        hi = start.saturating_mul(2).min(max_pp);
        loop {
            if eval(hi)? {
                break;
            }
            if hi == max_pp {
                return Ok(None);
            }
            lo = hi;
            hi = hi.saturating_mul(2).min(max_pp);
        }
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if eval(mid)? { hi = mid } else { lo = mid }
    }
    Ok(Some(hi))
}
