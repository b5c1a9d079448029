//! Space-based interceptors against satellites: which satellites of a
//! constellation or catalog the SBI layer could reach within a fly-out time,
//! and how many SBIs are in reach of each — the anti-satellite capability
//! critics of a space-based shield point to.
//!
//! Each SBI fires at `t0` from its circular orbit; a target is reachable
//! if, at some fly-out time up to the limit (scanned every
//! [`ASAT_STEP_S`]), the closed-form reach model (mid-burn impulse and
//! Clohessy–Wiltshire relative motion) has a non-negative Δv margin to the
//! target's position then. The relative-motion model is linear: beyond a
//! quarter of an orbit or a separation of a sizeable fraction of the orbit
//! radius it is a first-order estimate, which is why the limit is 45 minutes.

use super::layout::Layout;
use cupola_defense::Ephemeris;
use cupola_defense::interceptor::Interceptor;
use cupola_defense::reach::{CircularOrbit, closed_form_margin};
use cupola_physics::Vec3;
use cupola_physics::constants::OMEGA_EARTH;
use rayon::prelude::*;
use std::collections::HashMap;

/// Fly-out time step of the scan, s.
pub const ASAT_STEP_S: f64 = 20.0;

/// Longest fly-out time the model accepts, s.
pub const MAX_ASAT_S: f64 = 45.0 * 60.0;

/// What the SBI layer can reach.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AsatResult {
    /// Fly-out time allowed, s.
    pub within_s: f64,
    /// Firing time, s after the epoch.
    pub t0_s: f64,
    /// SBIs (carriers) in the layer.
    pub sbis: usize,
    /// SBIs able to reach each target, by target index.
    pub in_reach: Vec<u32>,
    /// Earliest fly-out time to each target on the scan grid, s (None: not
    /// reachable).
    pub earliest_s: Vec<Option<f64>>,
}

impl AsatResult {
    /// Targets at least one SBI can reach.
    pub fn reachable(&self) -> usize {
        self.in_reach.iter().filter(|&&n| n > 0).count()
    }

    /// Mean SBIs in reach of a target.
    pub fn mean_in_reach(&self) -> f64 {
        let n = self.in_reach.len().max(1) as f64;
        self.in_reach.iter().map(|&k| f64::from(k)).sum::<f64>() / n
    }

    /// Most SBIs in reach of one target.
    pub fn max_in_reach(&self) -> u32 {
        self.in_reach.iter().copied().max().unwrap_or(0)
    }
}

/// Spatial hash of points in cubes of side `cell` (m).
struct Grid {
    cell: f64,
    cells: HashMap<(i64, i64, i64), Vec<u32>>,
}

impl Grid {
    fn key(&self, p: Vec3) -> (i64, i64, i64) {
        (
            (p.x / self.cell).floor() as i64,
            (p.y / self.cell).floor() as i64,
            (p.z / self.cell).floor() as i64,
        )
    }

    fn new(points: &[Vec3], cell: f64) -> Self {
        let mut g = Grid {
            cell,
            cells: HashMap::new(),
        };
        for (k, &p) in points.iter().enumerate() {
            let key = g.key(p);
            g.cells.entry(key).or_default().push(k as u32);
        }
        g
    }

    /// Every point within one cell of `p` (a superset of those within
    /// `cell` of it).
    fn near(&self, p: Vec3, mut f: impl FnMut(u32)) {
        let (x, y, z) = self.key(p);
        for dx in -1..=1 {
            for dy in -1..=1 {
                for dz in -1..=1 {
                    if let Some(v) = self.cells.get(&(x + dx, y + dy, z + dz)) {
                        v.iter().copied().for_each(&mut f);
                    }
                }
            }
        }
    }
}

/// Which of the `targets` the SBIs of `sbis` (each with `interceptor`) can
/// reach when fired at `t0_s` (s after the epoch) within `within_s` (s,
/// clamped to [`MAX_ASAT_S`]).
pub fn asat_reach(
    sbis: &Layout,
    interceptor: &Interceptor,
    targets: &dyn Ephemeris,
    t0_s: f64,
    within_s: f64,
) -> AsatResult {
    let within = within_s.clamp(0.0, MAX_ASAT_S);
    let mut states = Vec::new();
    sbis.states(t0_s, &mut states);
    let orbits: Vec<CircularOrbit> = states
        .iter()
        .map(|&(r, v)| CircularOrbit::osculating(r, v))
        .collect();
    let steps = (within / ASAT_STEP_S).floor() as usize;
    let mut ecef = Vec::new();
    // Per step: the SBIs' coasting positions, hashed, and the targets' ECI
    // positions.
    let frames: Vec<(f64, Grid, Vec<Vec3>)> = (1..=steps)
        .map(|k| {
            let tau = k as f64 * ASAT_STEP_S;
            let pts: Vec<Vec3> = orbits.iter().map(|o| o.state(tau).0).collect();
            // No fly-out covers more than Δv·τ; 15% and 20 km cover the
            // gravity gradient.
            let reach = 1.15 * interceptor.booster_delta_v_m_s * tau + 20e3;
            targets.positions_ecef(t0_s + tau, &mut ecef);
            let (s, c) = (OMEGA_EARTH * (t0_s + tau)).sin_cos();
            let eci = ecef
                .iter()
                .map(|p| Vec3::new(c * p.x - s * p.y, s * p.x + c * p.y, p.z))
                .collect();
            (tau, Grid::new(&pts, reach), eci)
        })
        .collect();
    let per_target: Vec<(u32, Option<f64>)> = (0..targets.count())
        .into_par_iter()
        .map(|j| {
            let mut hit: Vec<u32> = Vec::new();
            let mut earliest = None;
            for (tau, grid, eci) in &frames {
                let target = eci[j];
                grid.near(target, |k| {
                    if hit.contains(&k) {
                        return;
                    }
                    let o = &orbits[k as usize];
                    if (o.state(*tau).0 - target).norm() > grid.cell {
                        return;
                    }
                    if closed_form_margin(interceptor, o, 0.0, *tau, target) >= 0.0 {
                        hit.push(k);
                        earliest.get_or_insert(*tau);
                    }
                });
            }
            (hit.len() as u32, earliest)
        })
        .collect();
    AsatResult {
        within_s: within,
        t0_s,
        sbis: orbits.len(),
        in_reach: per_target.iter().map(|p| p.0).collect(),
        earliest_s: per_target.iter().map(|p| p.1).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sizing::tests::layer;
    use cupola_physics::constellation::Shell;

    /// A layout seen as an ephemeris (ECEF positions of its satellites).
    struct Points(Layout);
    impl Ephemeris for Points {
        fn count(&self) -> usize {
            self.0.len()
        }
        fn positions_ecef(&self, t_s: f64, out: &mut Vec<Vec3>) {
            let mut st = Vec::new();
            self.0.states(t_s, &mut st);
            let (s, c) = (-OMEGA_EARTH * t_s).sin_cos();
            out.clear();
            out.extend(
                st.iter()
                    .map(|(p, _)| Vec3::new(c * p.x - s * p.y, s * p.x + c * p.y, p.z)),
            );
        }
    }

    /// A satellite 20 km above an SBI in the same plane is reachable; one on
    /// the far side of the Earth is not within 10 minutes; a longer allowance
    /// reaches more of a ring of targets.
    #[test]
    fn reach_against_satellites() {
        let i = layer().carrier.interceptor;
        let sbis = Layout::shell(
            Shell::walker_delta(500e3, 55f64.to_radians(), 1, 1, 0),
            None,
        )
        .unwrap();
        // Targets: a ring of 36 satellites in the SBI's plane, 10° apart, the
        // first right above it, at 520 km.
        let ring = Layout::shell(
            Shell::walker_delta(520e3, 55f64.to_radians(), 36, 1, 0),
            None,
        )
        .unwrap();
        let r10 = asat_reach(&sbis, &i, &Points(ring.clone()), 0.0, 600.0);
        assert_eq!(r10.in_reach.len(), 36);
        assert_eq!(r10.in_reach[0], 1, "co-orbital target reachable");
        assert!(r10.in_reach[18] == 0, "the far side is out of reach");
        let r30 = asat_reach(&sbis, &i, &Points(ring), 0.0, 1_800.0);
        assert!(
            r30.reachable() > r10.reachable(),
            "{} {}",
            r30.reachable(),
            r10.reachable()
        );
        assert!(r10.reachable() >= 1 && r10.reachable() < 36);
    }
}
