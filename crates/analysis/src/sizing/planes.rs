//! Why a family has no answer, and the search over plane counts.
//!
//! A shell of too few planes leaves gaps: the cross-track spacing between
//! adjacent planes exceeds the reach, so some launch times never have a
//! carrier in reach however many satellites each plane holds. Adding
//! satellites per plane cannot close the gap; adding planes can. When none
//! of a scenario's plane counts meets the requirement at an inclination
//! because of such gaps, [`smallest_planes`] doubles the plane count from
//! the largest given, each count searched for its smallest constellation up
//! to `max_satellites`, then bisects between the last that fails and the
//! first that meets it: the smallest plane count that meets the
//! requirement, up to [`MAX_PLANES`].

use super::search::{Candidate, Family, Requirement};
use super::study::TableSummary;

/// Most planes the plane-count search tries (a bound on its cost: each
/// step is one per-plane search; at most 2·log₂(1,024) ≈ 20 of them).
pub const MAX_PLANES: u32 = 1_024;

/// Why a family has no constellation meeting the requirement.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NoAnswer {
    /// No reach cell is feasible: no satellite of the shell can intercept
    /// before the deadline on this timeline.
    NoFeasibleCell {
        /// Interceptor launch, s after lift-off.
        fire_s: f64,
        /// Latest intercept, s after lift-off.
        intercept_by_s: f64,
        /// Fly-out window, s.
        window_s: f64,
        /// Cells the booster could reach in time but whose intercept the
        /// kill vehicle's divert cannot absorb.
        divert_short_cells: usize,
    },
    /// Plane gaps: even the largest constellation of this plane count
    /// leaves launch times with too few carriers in reach, although its
    /// planes are so full that any plane passing within reach brings
    /// enough.
    PlaneGaps {
        /// Planes of the family.
        planes: u32,
        /// Carriers of the largest constellation tried.
        carriers: u32,
        /// Share of launch times in which every missile had its shots in
        /// reach there.
        p_in_reach: f64,
        /// Mean carriers in reach of a missile there.
        mean_in_reach: f64,
        /// Whether the plane-count search ran at this inclination (it runs
        /// when no given plane count meets the requirement).
        searched: bool,
        /// The smallest plane count it found to meet the requirement (None:
        /// none up to [`MAX_PLANES`], or not searched).
        more_planes: Option<u32>,
    },
    /// The requirement is not met up to `max_satellites` carriers.
    AboveMax {
        /// The limit, carriers.
        max_satellites: u32,
        /// Best probability of success of the constellations tried.
        p_success: f64,
    },
    /// Even one satellite in every plane is more than `max_satellites`
    /// carriers: no constellation of the shells fits under the limit.
    BelowPlanes {
        /// The limit, carriers.
        max_satellites: u32,
        /// Carriers of the smallest constellation the shells allow.
        smallest: u32,
    },
}

/// Why `family`, whose search tried `tried` without meeting `req`, has no
/// answer, from its reach table `table`, the timeline (fire, intercept by,
/// window, s) and the carriers the requirement needs in reach,
/// `needed_in_reach`.
///
/// Gaps are named when the largest constellation tried misses launch times
/// although its planes are saturated: the satellites of one plane within
/// the table's feasible span of leads, `per_plane × span / 2π`, are at
/// least the number needed, so any plane passing within reach would bring
/// enough, and more satellites per plane cannot help.
pub fn why_none(
    family: &Family,
    tried: &[Candidate],
    req: &Requirement,
    max_satellites: u32,
    table: &TableSummary,
    (fire_s, intercept_by_s, window_s): (f64, f64, f64),
    needed_in_reach: u32,
) -> NoAnswer {
    if table.feasible_cells == 0 {
        return NoAnswer::NoFeasibleCell {
            fire_s,
            intercept_by_s,
            window_s,
            divert_short_cells: table.divert_short_cells,
        };
    }
    let Some(top) = tried.iter().max_by_key(|c| c.total) else {
        return NoAnswer::AboveMax {
            max_satellites,
            p_success: 0.0,
        };
    };
    let s = &top.stats;
    let best_p = tried
        .iter()
        .map(|c| c.stats.p_success())
        .fold(0.0, f64::max);
    let per_plane_in_reach = f64::from(top.per_plane) * table.lead_span_rad / std::f64::consts::TAU;
    if s.p_in_reach() < req.confidence && per_plane_in_reach >= f64::from(needed_in_reach) {
        NoAnswer::PlaneGaps {
            planes: family.planes,
            carriers: top.total,
            p_in_reach: s.p_in_reach(),
            mean_in_reach: s.mean_in_reach(),
            searched: false,
            more_planes: None,
        }
    } else {
        NoAnswer::AboveMax {
            max_satellites,
            p_success: best_p,
        }
    }
}

/// The smallest plane count above `widest` for which `meets(planes)` holds,
/// by doubling from `widest` then bisecting between the last count that
/// fails and the first that meets, up to `max_planes`; `None` if none does.
/// `meets` runs the per-plane search of a family of that many planes, so
/// the count returned has a constellation meeting the requirement and the
/// count below it (evaluated by the bisection, or `widest` itself) has none
/// (taking success to grow with the plane count up to the answer, as
/// closing gaps does).
pub fn smallest_planes<E>(
    widest: u32,
    max_planes: u32,
    mut meets: impl FnMut(u32) -> Result<bool, E>,
) -> Result<Option<u32>, E> {
    let mut lo = widest.max(1);
    let mut hi = lo;
    loop {
        if hi >= max_planes {
            return Ok(None);
        }
        hi = hi.saturating_mul(2).min(max_planes);
        if meets(hi)? {
            break;
        }
        lo = hi;
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if meets(mid)? { hi = mid } else { lo = mid }
    }
    Ok(Some(hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Doubling then bisection finds the first count that meets a
    /// threshold, evaluating each count at most once, and gives up at the
    /// bound.
    #[test]
    fn finds_the_threshold() {
        for threshold in [7, 13, 48, 49, 97, 1_000] {
            let mut seen = Vec::new();
            let found = smallest_planes::<()>(6, MAX_PLANES, |p| {
                seen.push(p);
                Ok(p >= threshold)
            })
            .unwrap();
            assert_eq!(found, Some(threshold), "{seen:?}");
            let mut unique = seen.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), seen.len());
            assert!(seen.contains(&(threshold - 1)) || threshold - 1 == 6);
        }
        let never = smallest_planes::<()>(6, MAX_PLANES, |_| Ok(false)).unwrap();
        assert_eq!(never, None);
    }
}
