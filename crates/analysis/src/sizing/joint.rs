//! Joint sizing: one constellation of several shells (their own altitude,
//! inclination and plane count), sized together against the whole raid.
//!
//! A national layer must serve launch areas from about 30°N to 60°N at
//! once. A single shell bunches its satellites near its inclination's
//! latitude, so one inclination serves some areas better than others; a
//! mix of shells can serve all of them with fewer carriers than any one
//! shell. The joint search chooses how many satellites each shell's planes
//! hold.
//!
//! Each missile is tested against each plane with the reach table of its
//! launch area against that plane's shell (the tables differ with altitude
//! and inclination), and the carriers of every shell share one shot
//! assignment, as in a single shell.
//!
//! The search runs over the split of the carriers between shells and, for
//! each split, over the total:
//! - a split is a share of the carriers per shell, in multiples of
//!   1/[`SHARE_UNITS`]; for a nominal total `n` a shell of share `w` and
//!   `P` planes holds `⌈w·n/P⌉` satellites per plane (none at share 0);
//! - every split of a grid of step 1/4 ([`GRID_STEP`]) is tried, the most
//!   even first and the single shells (share 1) last, then the best split
//!   is refined by moving 1/8, 1/16 and 1/32 of the carriers from one shell
//!   to another, the best of all such moves each time, while that lowers
//!   the total (when no split of the grid meets the
//!   requirement within `max_satellites`, the moves start from the split
//!   that came closest, until one does);
//! - for each split the smallest total is found as in
//!   [`super::search::smallest`] (success taken to grow with the total;
//!   the same launch times for every candidate); once an answer is known,
//!   a split is first tried just below it, so one that cannot beat it costs
//!   one evaluation;
//! - a constellation's evaluation stops once its side of the requirement is
//!   settled ([`super::coverage::coverage_until`]); the answer is then
//!   evaluated on every sample, and should it fail there the search passes
//!   again over what it knows (each constellation evaluated once).
//!
//! A shell that is also one of `[sbi]`'s single-shell families starts the
//! search from that family's answer, so the joint answer is never larger
//! than it. Other single-shell points are grid points searched like any
//! split, so the joint answer is no larger than them as far as success
//! grows with the total (the assumption of every search here). The answer
//! is the smallest found on the 1/32 grid of splits, not proven the global
//! minimum (the search is a descent from the best point of the 1/4 grid).

use super::coverage::{CoverageStats, ReachModel, Sampling, coverage, coverage_until};
use super::layout::Layout;
use super::planes::NoAnswer;
use super::search::{Family, Requirement};
use super::spec::Phasing;
use super::study::{
    AreaReach, FamilyResult, ReachSummary, Reaches, SizingError, SizingInput, raid,
};

/// Shares of the carriers are multiples of `1 / SHARE_UNITS`.
pub const SHARE_UNITS: u32 = 32;

/// Step of the first grid of splits, share units (1/4 of the carriers).
pub const GRID_STEP: u32 = 8;

/// Most shells sized jointly: bounds the grid (35 splits of 4 shells) and
/// the refinement (12 moves a step).
pub const MAX_SHELLS: usize = 4;

/// Refinement passes at one step, at most (each must lower the total).
const MAX_MOVES: usize = 64;

/// Stream component of the random phasing of the shells after the first
/// (see [`crate::streams`]).
const SHELL_SEED_COMPONENT: u64 = 0x5348_454c_4c53;

/// Whether two families lay out the same constellation: the same altitude,
/// inclination, planes and phasing, and the same seed when it is random.
fn same_layout(a: &Family, b: &Family) -> bool {
    a.altitude_m == b.altitude_m
        && a.inclination_rad == b.inclination_rad
        && a.planes == b.planes
        && a.phasing == b.phasing
        && (a.phasing == Phasing::Walker || a.seed == b.seed)
}

/// One shell of the joint constellation, with its reach against each
/// launch area.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct JointShell {
    /// The shell (its satellites per plane are chosen by the search).
    pub family: Family,
    /// Each area's reach table and analytic models against this shell.
    pub areas: Vec<AreaReach>,
}

/// One joint constellation tried.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct JointCandidate {
    /// Satellites per plane of each shell, in the shells' order (0: the
    /// shell is empty).
    pub per_plane: Vec<u32>,
    /// Carriers of each shell.
    pub carriers: Vec<u32>,
    /// Carriers in all.
    pub total: u32,
    /// What it achieved against the whole raid.
    pub stats: CoverageStats,
}

impl JointCandidate {
    /// Whether it meets `req`.
    pub fn meets(&self, req: &Requirement) -> bool {
        self.stats.p_success() >= req.confidence
    }
}

/// One joint constellation tried, in numbers.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct JointTry {
    /// Carriers of each shell.
    pub carriers: Vec<u32>,
    /// Carriers in all.
    pub total: u32,
    /// Probability every missile got its shots.
    pub p_success: f64,
    /// Launch-time samples it rests on (fewer than the study's when its
    /// side of the requirement was settled early).
    pub samples: u32,
}

/// The joint sizing of the layer's shells.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct JointResult {
    /// The shells, in the scenario's order.
    pub shells: Vec<JointShell>,
    /// The smallest joint constellation found meeting the requirement.
    pub best: Option<JointCandidate>,
    /// Why there is none, when there is none.
    pub why_none: Option<NoAnswer>,
    /// Splits of the carriers between shells searched.
    pub splits: usize,
    /// Constellations whose coverage the joint search computed.
    pub evaluated: usize,
    /// Every constellation tried, by size: those evaluated and the
    /// single-shell answers the search started from.
    pub tried: Vec<JointTry>,
}

/// A constellation that meets the requirement: its split (share units),
/// satellites per plane of each shell, and carriers.
type Met = (Vec<u32>, Vec<u32>, u32);

/// The search's state: the shells, the raid, and every constellation
/// evaluated.
struct Search<'a> {
    families: Vec<Family>,
    raid: super::coverage::Raid,
    sampling: &'a Sampling,
    req: &'a Requirement,
    max_satellites: u32,
    start: f64,
    done: Vec<JointCandidate>,
    splits: usize,
    /// Whether any split had a constellation within `max_satellites`.
    fits: bool,
    /// The highest probability of success evaluated and its split.
    closest: Option<(f64, Vec<u32>)>,
    /// The split of each constellation of `done`.
    split_of: Vec<Vec<u32>>,
    /// Called after each coverage evaluation, for progress.
    evaluated: &'a dyn Fn(),
}

impl Search<'_> {
    /// Satellites per plane of each shell at split `w` (share units) and
    /// nominal total `n`.
    fn per_plane(&self, w: &[u32], n: u32) -> Vec<u32> {
        w.iter()
            .zip(&self.families)
            .map(|(&share, f)| {
                if share == 0 {
                    0
                } else {
                    let carriers = u64::from(share) * u64::from(n);
                    let per = u64::from(SHARE_UNITS) * u64::from(f.planes.max(1));
                    carriers.div_ceil(per).clamp(1, u64::from(u32::MAX)) as u32
                }
            })
            .collect()
    }

    /// Carriers of `per_plane`, in all.
    fn total(&self, per_plane: &[u32]) -> u64 {
        per_plane
            .iter()
            .zip(&self.families)
            .map(|(&pp, f)| u64::from(pp) * u64::from(f.planes))
            .sum()
    }

    /// Whether the constellation of `per_plane` satellites per plane, of
    /// split `w`, meets the requirement (evaluated once; above
    /// `max_satellites` never).
    fn meets(&mut self, w: &[u32], per_plane: &[u32]) -> Result<bool, SizingError> {
        let total = self.total(per_plane);
        if total == 0 || total > u64::from(self.max_satellites) {
            return Ok(false);
        }
        if let Some(c) = self.done.iter().find(|c| c.per_plane == per_plane) {
            return Ok(c.meets(self.req));
        }
        let layout = self.layout(per_plane)?;
        let stats = coverage_until(
            &layout,
            &self.raid,
            self.sampling,
            self.req.shots,
            self.req.capacity,
            self.req.confidence,
        );
        (self.evaluated)();
        let c = JointCandidate {
            per_plane: per_plane.to_vec(),
            carriers: per_plane
                .iter()
                .zip(&self.families)
                .map(|(&pp, f)| pp * f.planes)
                .collect(),
            total: total as u32,
            stats,
        };
        let ok = c.meets(self.req);
        self.done.push(c);
        self.split_of.push(w.to_vec());
        Ok(ok)
    }

    /// The smallest constellation evaluated that meets the requirement (the
    /// first of equal size): its split, satellites per plane and carriers.
    /// A bisection may step over a smaller one that meets; this keeps it.
    fn best_met(&self) -> Option<Met> {
        let k = (0..self.done.len())
            .filter(|&k| self.done[k].meets(self.req))
            .min_by_key(|&k| (self.done[k].total, k))?;
        Some((
            self.split_of[k].clone(),
            self.done[k].per_plane.clone(),
            self.done[k].total,
        ))
    }

    /// Whether split `w` at nominal total `n` meets the requirement.
    fn meets_at(&mut self, w: &[u32], n: u32) -> Result<bool, SizingError> {
        let pp = self.per_plane(w, n);
        let ok = self.meets(w, &pp)?;
        if let Some(c) = self.done.iter().find(|c| c.per_plane == pp) {
            let p = c.stats.p_success();
            if self.closest.as_ref().is_none_or(|(q, _)| p > *q) {
                self.closest = Some((p, w.to_vec()));
            }
        }
        Ok(ok)
    }

    /// The largest nominal total of split `w` whose constellation has fewer
    /// than `limit` carriers (the carriers grow with the nominal total);
    /// `None` when even the smallest has `limit` or more.
    fn largest_below(&self, w: &[u32], limit: u64) -> Option<u32> {
        if self.total(&self.per_plane(w, 1)) >= limit {
            return None;
        }
        let (mut a, mut z) = (1u32, self.max_satellites.max(1));
        while a < z {
            let mid = a + (z - a).div_ceil(2);
            if self.total(&self.per_plane(w, mid)) < limit {
                a = mid;
            } else {
                z = mid - 1;
            }
        }
        Some(a)
    }

    /// The smallest constellation of split `w` meeting the requirement
    /// within `max_satellites`, as its satellites per plane; with `below`,
    /// only one of fewer than `below` carriers (tried first just under it).
    fn smallest(&mut self, w: &[u32], below: Option<u32>) -> Result<Option<Vec<u32>>, SizingError> {
        self.splits += 1;
        // The largest nominal total that fits under the limit.
        let Some(max_n) = self.largest_below(w, u64::from(self.max_satellites) + 1) else {
            return Ok(None);
        };
        self.fits = true;
        let (mut lo, mut hi);
        match below {
            Some(b) => {
                let Some(a) = self.largest_below(w, u64::from(b)).map(|a| a.min(max_n)) else {
                    return Ok(None);
                };
                if !self.meets_at(w, a)? {
                    return Ok(None);
                }
                hi = a;
                lo = a / 2;
                while lo > 0 && self.meets_at(w, lo)? {
                    hi = lo;
                    lo /= 2;
                }
            }
            None => {
                let start = (self.start.ceil() as u32).clamp(1, max_n);
                if self.meets_at(w, start)? {
                    hi = start;
                    lo = start / 2;
                    while lo > 0 && self.meets_at(w, lo)? {
                        hi = lo;
                        lo /= 2;
                    }
                } else {
                    lo = start;
                    hi = start.saturating_mul(2).min(max_n);
                    loop {
                        if self.meets_at(w, hi)? {
                            break;
                        }
                        if hi == max_n {
                            return Ok(None);
                        }
                        lo = hi;
                        hi = hi.saturating_mul(2).min(max_n);
                    }
                }
            }
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if self.meets_at(w, mid)? {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Ok(Some(self.per_plane(w, hi)))
    }

    /// The layout of `per_plane` satellites per plane of each shell.
    fn layout(&self, per_plane: &[u32]) -> Result<Layout, SizingError> {
        let parts = per_plane
            .iter()
            .zip(&self.families)
            .map(|(&pp, f)| {
                if pp == 0 {
                    Ok(Layout::default())
                } else {
                    f.layout(pp)
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Layout::joint(parts))
    }

    /// One pass of the search over `shells` shells: the grid of splits,
    /// then the refinement, each constellation evaluated once across
    /// passes. Its answer: split, satellites per plane and carriers.
    fn pass(&mut self, shells: usize) -> Result<Option<Met>, SizingError> {
        // The grid of splits, the most even first: an early answer lets every
        // later split be dismissed with one evaluation just below it.
        let mut best = self.best_met();
        let mut splits = grid(shells, GRID_STEP);
        splits.sort_by_key(|w| w.iter().max().copied());
        for w in splits {
            let below = best.as_ref().map(|b| b.2);
            if self.smallest(&w, below)?.is_some() {
                best = self.best_met();
            }
        }
        // Refinement: move a share from one shell to another while the total
        // falls; without an answer yet, from the split that came closest (the
        // highest probability of success within the limit) until one is found.
        let from_split = best
            .as_ref()
            .map(|b| b.0.clone())
            .or_else(|| self.closest.as_ref().map(|c| c.1.clone()));
        if let Some(mut w) = from_split {
            for step in [GRID_STEP / 2, GRID_STEP / 4, GRID_STEP / 8] {
                for _ in 0..MAX_MOVES {
                    // Every move from `w` is tried against the best so far; the
                    // best of them is the next `w`.
                    let mut next = None;
                    for from in 0..w.len() {
                        for to in 0..w.len() {
                            if from == to || w[from] < step {
                                continue;
                            }
                            let mut v = w.clone();
                            v[from] -= step;
                            v[to] += step;
                            if self.smallest(&v, best.as_ref().map(|b| b.2))?.is_some() {
                                best = self.best_met();
                                next = best.as_ref().map(|b| b.0.clone());
                            }
                        }
                    }
                    match next {
                        Some(v) => w = v,
                        None => break,
                    }
                }
            }
        }
        Ok(best)
    }
}

/// Every split of `shells` shells in steps of `step` share units, in
/// lexicographic order.
fn grid(shells: usize, step: u32) -> Vec<Vec<u32>> {
    fn fill(rest: u32, left: usize, step: u32, cur: &mut Vec<u32>, out: &mut Vec<Vec<u32>>) {
        if left == 1 {
            cur.push(rest);
            out.push(cur.clone());
            cur.pop();
            return;
        }
        let mut share = 0;
        while share <= rest {
            cur.push(share);
            fill(rest - share, left - 1, step, cur, out);
            cur.pop();
            share += step;
        }
    }
    let mut out = Vec::new();
    if shells > 0 {
        fill(SHARE_UNITS, shells, step, &mut Vec::new(), &mut out);
    }
    out
}

/// Splits searched at most for `shells` shells: the grid and, per
/// refinement step, up to [`MAX_MOVES`] passes of every move (used by the
/// work estimate, which counts the grid and one pass per step).
pub fn splits_estimate(shells: usize) -> usize {
    let n = shells.clamp(1, MAX_SHELLS);
    grid(n, GRID_STEP).len() + 3 * n * (n - 1)
}

/// Size the layer's shells (`input.layer.shells`, two to [`MAX_SHELLS`])
/// together against the raid: the `reaches` of shells against each area's
/// launch (shared with the single-shell families, so a shell of their
/// altitude and inclination reuses their tables), each area's timeline
/// summary `reach`, the requirement and
/// launch-time sampling of the single-shell search, and the single-shell
/// `families` already searched: a shell that is one of them starts the
/// search from that family's answer (the same constellation, so the same
/// coverage), and the first split's search starts from the fewest carriers
/// any of them needs. `evaluated` is called after each coverage
/// evaluation, for progress.
pub(crate) fn size_joint(
    input: &SizingInput,
    reaches: &mut Reaches<'_>,
    reach: &[ReachSummary],
    req: &Requirement,
    (sampling, families): (&Sampling, &[FamilyResult]),
    evaluated: &dyn Fn(),
) -> Result<JointResult, SizingError> {
    let spec = &input.spec;
    let mut shells = Vec::new();
    let mut models: Vec<Vec<ReachModel>> = vec![Vec::new(); spec.areas.len()];
    for (k, s) in input.layer.shells.iter().take(MAX_SHELLS).enumerate() {
        let mut layer = input.layer.clone();
        layer.altitude_m = s.altitude_m;
        let r = reaches.get(input, &layer, s.inclination_rad)?;
        for (m, t) in models.iter_mut().zip(r.tables) {
            m.push(ReachModel::Table(t));
        }
        shells.push(JointShell {
            family: Family {
                altitude_m: s.altitude_m,
                inclination_rad: s.inclination_rad,
                planes: s.planes.max(1),
                phasing: input.layer.phasing,
                // Shells of random phasing are offset independently.
                seed: if k == 0 {
                    input.seed
                } else {
                    crate::streams::key(input.seed, k as u64, SHELL_SEED_COMPONENT)
                },
            },
            areas: r.areas,
        });
    }
    // An area that launches and that no shell can reach: no split helps.
    let unreachable = (0..spec.areas.len()).find(|&a| {
        spec.areas[a].salvo > 0 && shells.iter().all(|s| s.areas[a].table.feasible_cells == 0)
    });
    if let Some(a) = unreachable {
        let r = &reach[a];
        return Ok(JointResult {
            why_none: Some(NoAnswer::NoFeasibleCell {
                fire_s: r.fire_s,
                intercept_by_s: r.intercept_by_s,
                window_s: r.window_s,
                divert_short_cells: shells
                    .iter()
                    .map(|s| s.areas[a].table.divert_short_cells)
                    .max()
                    .unwrap_or(0),
            }),
            shells,
            best: None,
            splits: 0,
            evaluated: 0,
            tried: Vec::new(),
        });
    }
    let mut search = Search {
        families: shells.iter().map(|s| s.family).collect(),
        raid: raid(spec, reaches.pads, models),
        sampling,
        req,
        max_satellites: spec.max_satellites,
        start: families
            .iter()
            .filter_map(|f| f.best.as_ref())
            .map(|b| f64::from(b.total))
            .reduce(f64::min)
            .unwrap_or(f64::from(spec.max_satellites) / 4.0)
            .max(1.0),
        done: Vec::new(),
        splits: 0,
        fits: false,
        closest: None,
        split_of: Vec::new(),
        evaluated,
    };
    // A shell that is a family already searched alone starts from that
    // family's answer: the same constellation, the same launch times.
    for (k, shell) in shells.iter().enumerate() {
        let known = families.iter().find_map(|f| {
            let b = f.best.as_ref()?;
            same_layout(&f.family, &shell.family).then_some(b)
        });
        if let Some(b) = known {
            let mut w = vec![0; shells.len()];
            w[k] = SHARE_UNITS;
            let mut pp = vec![0; shells.len()];
            pp[k] = b.per_plane;
            let mut carriers = vec![0; shells.len()];
            carriers[k] = b.total;
            search.fits = true;
            search.split_of.push(w);
            search.done.push(JointCandidate {
                per_plane: pp,
                carriers,
                total: b.total,
                stats: b.stats.clone(),
            });
        }
    }
    let reused = search.done.len();
    // A pass of the search over what is known; its answer is then
    // evaluated on every sample, and the search runs again should that
    // change its side of the requirement.
    let best = loop {
        search.splits = 0;
        search.closest = None;
        let best = search.pass(shells.len())?;
        let Some((_, pp, _)) = &best else {
            break best;
        };
        let Some(k) = search.done.iter().position(|c| &c.per_plane == pp) else {
            break best;
        };
        if search.done[k].stats.samples >= sampling.samples {
            break best;
        }
        let layout = search.layout(pp)?;
        search.done[k].stats = coverage(&layout, &search.raid, sampling, req.shots, req.capacity);
    };
    let best_candidate = best
        .as_ref()
        .and_then(|(_, pp, _)| search.done.iter().find(|c| &c.per_plane == pp).cloned());
    let why_none = best_candidate.is_none().then(|| {
        if search.fits {
            NoAnswer::AboveMax {
                max_satellites: spec.max_satellites,
                p_success: search
                    .done
                    .iter()
                    .map(|c| c.stats.p_success())
                    .fold(0.0, f64::max),
            }
        } else {
            NoAnswer::BelowPlanes {
                max_satellites: spec.max_satellites,
                smallest: search.families.iter().map(|f| f.planes).min().unwrap_or(1),
            }
        }
    });
    let mut tried: Vec<JointTry> = search
        .done
        .iter()
        .map(|c| JointTry {
            carriers: c.carriers.clone(),
            total: c.total,
            p_success: c.stats.p_success(),
            samples: c.stats.samples,
        })
        .collect();
    tried.sort_by(|a, b| a.total.cmp(&b.total).then(a.carriers.cmp(&b.carriers)));
    Ok(JointResult {
        shells,
        best: best_candidate,
        why_none,
        splits: search.splits,
        evaluated: search.done.len() - reused,
        tried,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grid holds every split of the carriers in quarters: 5 for two
    /// shells, C(6, 2) = 15 for three, C(7, 3) = 35 for four; each adds up
    /// to the whole.
    #[test]
    fn grid_of_splits() {
        for (n, count) in [(1, 1), (2, 5), (3, 15), (4, 35)] {
            let g = grid(n, GRID_STEP);
            assert_eq!(g.len(), count, "{n} shells");
            assert!(g.iter().all(|w| w.len() == n));
            assert!(g.iter().all(|w| w.iter().sum::<u32>() == SHARE_UNITS));
        }
        assert_eq!(grid(2, GRID_STEP)[0], vec![0, 32]);
    }
}
