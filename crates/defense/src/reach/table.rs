//! The reach table: for every place a satellite of one shell can be when a
//! missile lifts off, whether (and how early) its interceptor can meet the
//! missile before the deadline.
//!
//! A satellite on a circular orbit of given radius and inclination is placed
//! relative to the launch by three numbers: the cross-track angle `δ` of the
//! pad from the orbit plane (`sin δ = ŝ·ĥ`, ŝ the pad direction, ĥ the orbit
//! normal), the argument-of-latitude lead `Δu = u_sat − u_pad` of the satellite
//! over the pad's projection on the plane, and whether the pad lies on the
//! northbound half of the orbit (`cos u_pad > 0`). The geometry is invariant
//! under rotation about the Earth's axis, so one table serves every launch
//! time and every pad at the same latitude with the same trajectory shape.

use super::{CircularOrbit, TargetTrack, closed_form_margin, earliest};
use crate::interceptor::Interceptor;
use cupola_physics::Vec3;
use cupola_physics::constants::{MU_EARTH, R_EARTH_MEAN};
use rayon::prelude::*;

/// Margin stored for geometry no satellite of the shell can have (the pad's
/// latitude out of the plane's reach at that cross-track angle), m/s.
const IMPOSSIBLE: f32 = -1.0e9;

/// A margin (m/s) as the table stores it, in `f32`, with a negative margin
/// kept negative however small: a plain cast rounds a margin below
/// −7e−46 m/s up to −0, which `>= 0` would count as feasible (an
/// interceptor of 1e−100 g once reached thousands of cells that way).
fn stored(margin: f64) -> f32 {
    let s = margin as f32;
    if margin < 0.0 && s >= 0.0 {
        -f32::from_bits(1)
    } else {
        s
    }
}

/// Step of the fly-out time scan in each cell, s (every local maximum of
/// the scan is refined, so a narrower feasible window is not missed).
const SCAN_STEP_S: f64 = 4.0;

/// What the table is built for.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct TableGeometry {
    /// Orbit radius of the shell, m.
    pub orbit_radius_m: f64,
    /// Inclination of the shell, rad, in (0, π).
    pub inclination_rad: f64,
    /// Interceptor launch, s after the missile's lift-off (detection plus
    /// decision).
    pub fire_s: f64,
    /// Latest intercept, s after lift-off (the deadline less the end game).
    pub intercept_by_s: f64,
    /// Grid step in both angles, rad.
    pub resolution_rad: f64,
}

/// A geometry the table cannot be built for.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ReachTableError {
    /// Equatorial or near-equatorial orbits.
    #[error(
        "inclination {inclination_deg}° is too close to the equator (0° or 180°) for a reach table; use at least {MIN_OFF_EQUATOR_DEG}° away"
    )]
    Equatorial {
        /// The inclination, degrees.
        inclination_deg: f64,
    },
    /// The grid step is not positive or too fine.
    #[error("reach table resolution {resolution_deg}° must be in [0.01°, 2°]")]
    Resolution {
        /// The step, degrees.
        resolution_deg: f64,
    },
    /// The table would be too large.
    #[error("a reach table of {cells} cells is over the limit of {max}; use a coarser resolution")]
    TooLarge {
        /// Cells it would need.
        cells: usize,
        /// The limit.
        max: usize,
    },
}

/// Closest an orbit plane may come to the equatorial plane for a reach
/// table, degrees: an equatorial plane has no node to measure the pad's
/// cross-track angle from. Inclinations in [0.1°, 179.9°] are accepted.
pub const MIN_OFF_EQUATOR_DEG: f64 = 0.1;

/// Most cells a table may have (two layers of δ × Δu).
pub const MAX_CELLS: usize = 4_000_000;

/// The grid of a reach table and the work of building it
/// ([`ReachTable::size`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TableSize {
    /// Cross-track rows per layer.
    pub n_delta: usize,
    /// Lead columns.
    pub n_du: usize,
    /// Cells in all (two layers of rows × columns); each holds two `f32`.
    pub cells: usize,
    /// Fly-out times each cell scans at most (the scan's samples; a cell
    /// stops at its first feasible one).
    pub scan_steps: usize,
    /// Largest |δ| covered, rad.
    pub delta_max_rad: f64,
    /// Smallest lead covered, rad.
    pub du_lo_rad: f64,
    /// Mean motion of the shell, rad/s.
    pub mean_motion_rad_s: f64,
}

/// Reach of one interceptor design from one shell against one trajectory.
#[derive(Clone, Debug)]
pub struct ReachTable {
    geometry: TableGeometry,
    delta0: f64,
    n_delta: usize,
    du0: f64,
    n_du: usize,
    /// Best closed-form margin in each cell, m/s (a lower bound where
    /// feasible): layer (southbound, northbound) × δ × Δu.
    margins: Vec<f32>,
    /// Earliest intercept time in each cell, s after lift-off (NaN: none).
    earliest: Vec<f32>,
    /// Bounding box of the feasible cells grown by one cell, rad:
    /// (δ low, δ high, Δu low, Δu high); empty (low > high) when none is.
    feasible_box: [f64; 4],
    /// Cells the booster reaches in time but whose intercept the kill
    /// vehicle's divert cannot absorb.
    divert_short: usize,
    /// Class of each interpolation cell, indexed like `margins` by its
    /// lower corner (layer, i, j): [`CELL_OUT`] when its four corners are
    /// all negative (the interpolated margin is negative throughout),
    /// [`CELL_IN`] when all four are non-negative (non-negative
    /// throughout), [`CELL_MIXED`] otherwise; the last row and column,
    /// which start no cell, are out.
    classes: Vec<u8>,
    /// First and last column of a cell that is not out, per layer and row
    /// (first > last: none).
    row_span: Vec<(u32, u32)>,
}

/// A cell whose interpolated margin is negative throughout.
const CELL_OUT: u8 = 0;
/// A cell whose interpolated margin must be computed.
const CELL_MIXED: u8 = 1;
/// A cell whose interpolated margin is non-negative throughout.
const CELL_IN: u8 = 2;

/// The reach of a table at one cross-track angle and half of the orbit
/// ([`ReachTable::row`]): the leads worth testing, and the same test as
/// [`ReachTable::in_reach`] at that angle, most leads answered by the class
/// of their cell without interpolating.
#[derive(Clone, Copy, Debug)]
pub struct ReachRow<'a> {
    table: &'a ReachTable,
    /// Offset of the lower row's first cell in the table's arrays.
    base: usize,
    /// Fraction of the way from the lower row to the upper one.
    fx: f64,
    /// Leads (rad) outside which nothing is in reach, widened by 1e-9 rad
    /// so that rounding never hides a lead [`ReachRow::in_reach`] accepts.
    lead_lo: f64,
    lead_hi: f64,
}

impl ReachRow<'_> {
    /// Leads (rad, low, high) outside which no satellite is in reach at
    /// this cross-track angle.
    pub fn lead_range(&self) -> (f64, f64) {
        (self.lead_lo, self.lead_hi)
    }

    /// Whether a satellite `du` (rad) ahead can intercept: exactly
    /// `table.in_reach(delta, du, northbound)` for the row's angle.
    #[inline]
    pub fn in_reach(&self, du: f64) -> bool {
        let t = self.table;
        let y = (du - t.du0) / t.geometry.resolution_rad;
        if y.is_nan() || y < 0.0 {
            return false;
        }
        // `y` is not negative, so truncation is the floor.
        let j = y as usize;
        if j + 1 >= t.n_du {
            return false;
        }
        match t.classes[self.base + j] {
            CELL_OUT => false,
            CELL_IN => true,
            _ => {
                let fy = y - j as f64;
                let fx = self.fx;
                let lower = self.base + j;
                let upper = lower + t.n_du;
                let at = |k: usize| f64::from(t.margins[k]);
                let m = (at(lower) * (1.0 - fy) + at(lower + 1) * fy) * (1.0 - fx)
                    + (at(upper) * (1.0 - fy) + at(upper + 1) * fy) * fx;
                m >= 0.0
            }
        }
    }
}

impl ReachTable {
    /// The grid a table for `interceptor` against `track` with `geometry`
    /// would have, and the work of building it, without building it (the
    /// same arithmetic as [`ReachTable::build`], which uses it).
    pub fn size(
        track: &TargetTrack,
        interceptor: &Interceptor,
        geometry: &TableGeometry,
    ) -> TableSize {
        let res = geometry.resolution_rad;
        let window = (geometry.intercept_by_s - geometry.fire_s).max(0.0);
        // No fly-out goes further than Δv·window; the gravity gradient adds a
        // few per cent, covered by 10% and 50 km.
        let reach = 1.1 * interceptor.booster_delta_v_m_s * window + 50e3;
        let angle = 2.0 * (reach / (2.0 * R_EARTH_MEAN)).min(1.0).asin()
            + track.max_angle_from_pad(geometry.intercept_by_s)
            + 2.0 * res;
        let delta_max = angle.min(std::f64::consts::FRAC_PI_2);
        let n = (MU_EARTH / geometry.orbit_radius_m.powi(3)).sqrt();
        // Leads are wrapped to (−π, π] by the coverage queries, so the table
        // spans at most that: a satellite half an orbit away is the same
        // seen from either side.
        let du_lo = (-n * geometry.intercept_by_s - angle).max(-std::f64::consts::PI);
        let du_hi = (-n * geometry.fire_s + angle).min(std::f64::consts::PI);
        let n_delta = (2.0 * delta_max / res).ceil() as usize + 1;
        let n_du = ((du_hi - du_lo) / res).ceil() as usize + 1;
        TableSize {
            n_delta,
            n_du,
            cells: 2 * n_delta * n_du,
            scan_steps: (window / SCAN_STEP_S).ceil().max(1.0) as usize + 1,
            delta_max_rad: delta_max,
            du_lo_rad: du_lo,
            mean_motion_rad_s: n,
        }
    }

    /// Build the table for `interceptor` against `track` (whose first point
    /// is the pad), every cell evaluated with the closed-form model, in
    /// parallel over rows.
    pub fn build(
        track: &TargetTrack,
        interceptor: &Interceptor,
        geometry: TableGeometry,
    ) -> Result<Self, ReachTableError> {
        let i = geometry.inclination_rad;
        // Degrees from the equatorial plane, compared with a tolerance so
        // that the scenario's own 0.1° and 179.9°, once in radians, pass.
        let off_equator_deg = i.to_degrees().min(180.0 - i.to_degrees());
        if off_equator_deg.is_nan() || off_equator_deg < MIN_OFF_EQUATOR_DEG - 1e-9 {
            return Err(ReachTableError::Equatorial {
                inclination_deg: i.to_degrees(),
            });
        }
        let res = geometry.resolution_rad;
        if !(0.01f64.to_radians()..=2f64.to_radians()).contains(&res) {
            return Err(ReachTableError::Resolution {
                resolution_deg: res.to_degrees(),
            });
        }
        let window = (geometry.intercept_by_s - geometry.fire_s).max(0.0);
        let size = Self::size(track, interceptor, &geometry);
        let (n_delta, n_du, cells) = (size.n_delta, size.n_du, size.cells);
        if cells > MAX_CELLS {
            return Err(ReachTableError::TooLarge {
                cells,
                max: MAX_CELLS,
            });
        }
        let n = size.mean_motion_rad_s;
        let (delta_max, du_lo) = (size.delta_max_rad, size.du_lo_rad);
        let mut table = ReachTable {
            geometry,
            delta0: -delta_max,
            n_delta,
            du0: du_lo,
            n_du,
            margins: vec![IMPOSSIBLE; cells],
            earliest: vec![f32::NAN; cells],
            feasible_box: [
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
            ],
            divert_short: 0,
            classes: Vec::new(),
            row_span: Vec::new(),
        };
        let pad = track.position(0.0).unit();
        let rows: Vec<(Vec<f32>, Vec<f32>, usize)> = (0..2 * n_delta)
            .into_par_iter()
            .map(|row| {
                let northbound = row >= n_delta;
                let delta = table.delta0 + (row % n_delta) as f64 * res;
                let mut m = vec![IMPOSSIBLE; n_du];
                let mut e = vec![f32::NAN; n_du];
                let mut short_cells = 0;
                let Some((node, ahead)) = plane_through(pad, delta, i, northbound) else {
                    return (m, e, short_cells);
                };
                for k in 0..n_du {
                    let du = table.du0 + k as f64 * res;
                    let orbit = satellite(&node, &ahead, du, geometry.orbit_radius_m, n);
                    let found = earliest(
                        |tau| {
                            let t = geometry.fire_s + tau;
                            closed_form_margin(
                                interceptor,
                                &orbit,
                                geometry.fire_s,
                                tau,
                                track.position(t),
                            )
                        },
                        0.0,
                        window,
                        SCAN_STEP_S,
                    );
                    m[k] = stored(found.best_margin.max(f64::from(IMPOSSIBLE)));
                    if let Some(tau) = found.tau_s {
                        // The earliest arrival needs the least divert: the
                        // missile's unpredicted motion only grows with time.
                        let short = divert_short_m_s(interceptor, track, geometry.fire_s, tau);
                        if short > 0.0 {
                            m[k] = stored(-short);
                            short_cells += 1;
                        } else {
                            m[k] = m[k].max(0.0);
                            e[k] = (geometry.fire_s + tau) as f32;
                        }
                    }
                }
                (m, e, short_cells)
            })
            .collect();
        for (row, (m, e, short)) in rows.into_iter().enumerate() {
            table.divert_short += short;
            table.margins[row * n_du..(row + 1) * n_du].copy_from_slice(&m);
            table.earliest[row * n_du..(row + 1) * n_du].copy_from_slice(&e);
        }
        let mut bbox = table.feasible_box;
        for (d, du, _, m) in table.cells_iter() {
            if m >= 0.0 {
                bbox = [
                    bbox[0].min(d - res),
                    bbox[1].max(d + res),
                    bbox[2].min(du - res),
                    bbox[3].max(du + res),
                ];
            }
        }
        table.feasible_box = bbox;
        table.classify();
        Ok(table)
    }

    /// Fill `classes` and `row_span` from the margins. A cell whose four
    /// corners are negative interpolates to a negative margin everywhere
    /// (a convex combination of negative numbers, with weights that never
    /// all vanish), one whose four corners are non-negative to a
    /// non-negative one: so the class answers exactly as the interpolation
    /// would, rounding included.
    fn classify(&mut self) {
        let (nd, nu) = (self.n_delta, self.n_du);
        self.classes = vec![CELL_OUT; self.margins.len()];
        self.row_span = vec![(1, 0); 2 * nd];
        for layer in 0..2 {
            let base = layer * nd * nu;
            for i in 0..nd.saturating_sub(1) {
                let mut span = (u32::MAX, 0u32);
                for j in 0..nu.saturating_sub(1) {
                    let k = base + i * nu + j;
                    let c = [k, k + 1, k + nu, k + nu + 1].map(|c| self.margins[c]);
                    let class = if c.iter().all(|&m| m >= 0.0) {
                        CELL_IN
                    } else if c.iter().all(|&m| m < 0.0) {
                        CELL_OUT
                    } else {
                        CELL_MIXED
                    };
                    self.classes[k] = class;
                    if class != CELL_OUT {
                        span = (span.0.min(j as u32), j as u32);
                    }
                }
                if span.0 != u32::MAX {
                    self.row_span[layer * nd + i] = span;
                }
            }
        }
    }

    /// The table's reach at cross-track angle `delta` (rad) on the
    /// northbound (`true`) or southbound half of the orbit, for testing
    /// many leads; `None` when nothing is in reach at that angle.
    pub fn row(&self, delta: f64, northbound: bool) -> Option<ReachRow<'_>> {
        let res = self.geometry.resolution_rad;
        let x = (delta - self.delta0) / res;
        if x.is_nan() || x < 0.0 {
            return None;
        }
        let i = x.floor() as usize;
        if i + 1 >= self.n_delta {
            return None;
        }
        let (first, last) = self.row_span[usize::from(northbound) * self.n_delta + i];
        if first > last {
            return None;
        }
        Some(ReachRow {
            table: self,
            base: usize::from(northbound) * self.n_delta * self.n_du + i * self.n_du,
            fx: x - i as f64,
            lead_lo: self.du0 + f64::from(first) * res - 1e-9,
            lead_hi: self.du0 + f64::from(last + 1) * res + 1e-9,
        })
    }

    /// What the table was built for.
    pub fn geometry(&self) -> &TableGeometry {
        &self.geometry
    }

    /// Largest |δ| the table covers, rad: farther planes are out of reach.
    pub fn max_cross_track_rad(&self) -> f64 {
        -self.delta0
    }

    /// The range of Δu (rad) the table covers: satellites outside it are out
    /// of reach.
    pub fn lead_range_rad(&self) -> (f64, f64) {
        (
            self.du0,
            self.du0 + (self.n_du - 1) as f64 * self.geometry.resolution_rad,
        )
    }

    /// Cross-track angles (rad) of the feasible region, grown by one cell:
    /// outside it the interpolated margin is negative. Empty (low > high)
    /// when no cell is feasible.
    pub fn feasible_cross_track_rad(&self) -> (f64, f64) {
        (self.feasible_box[0], self.feasible_box[1])
    }

    /// Leads (rad) of the feasible region, grown by one cell; see
    /// [`ReachTable::feasible_cross_track_rad`].
    pub fn feasible_lead_rad(&self) -> (f64, f64) {
        (self.feasible_box[2], self.feasible_box[3])
    }

    /// Number of cells.
    pub fn cells(&self) -> usize {
        self.margins.len()
    }

    /// Cells from which an intercept is feasible.
    pub fn feasible_cells(&self) -> usize {
        self.margins.iter().filter(|&&m| m >= 0.0).count()
    }

    /// Cells the booster reaches before the deadline but whose intercept
    /// needs more divert than the kill vehicle has (counted as infeasible).
    pub fn divert_short_cells(&self) -> usize {
        self.divert_short
    }

    /// Margin (m/s) at cross-track angle `delta` and lead `du` (rad), for a
    /// pad on the northbound (`true`) or southbound half of the orbit,
    /// interpolated bilinearly; −∞ outside the table.
    pub fn margin(&self, delta: f64, du: f64, northbound: bool) -> f64 {
        let res = self.geometry.resolution_rad;
        let x = (delta - self.delta0) / res;
        let y = (du - self.du0) / res;
        if !(x >= 0.0 && y >= 0.0) {
            return f64::NEG_INFINITY;
        }
        let (i, j) = (x.floor() as usize, y.floor() as usize);
        if i + 1 >= self.n_delta || j + 1 >= self.n_du {
            return f64::NEG_INFINITY;
        }
        let (fx, fy) = (x - i as f64, y - j as f64);
        let base = usize::from(northbound) * self.n_delta * self.n_du;
        let at = |a: usize, b: usize| f64::from(self.margins[base + a * self.n_du + b]);
        (at(i, j) * (1.0 - fy) + at(i, j + 1) * fy) * (1.0 - fx)
            + (at(i + 1, j) * (1.0 - fy) + at(i + 1, j + 1) * fy) * fx
    }

    /// Whether a satellite at (`delta`, `du`, `northbound`) can intercept.
    pub fn in_reach(&self, delta: f64, du: f64, northbound: bool) -> bool {
        self.margin(delta, du, northbound) >= 0.0
    }

    /// Earliest intercept time (s after lift-off) of the nearest cell, if
    /// it has one.
    pub fn earliest_s(&self, delta: f64, du: f64, northbound: bool) -> Option<f64> {
        let res = self.geometry.resolution_rad;
        let i = ((delta - self.delta0) / res).round();
        let j = ((du - self.du0) / res).round();
        if !(i >= 0.0 && j >= 0.0) || i as usize >= self.n_delta || j as usize >= self.n_du {
            return None;
        }
        let base = usize::from(northbound) * self.n_delta * self.n_du;
        let t = self.earliest[base + i as usize * self.n_du + j as usize];
        (!t.is_nan()).then_some(f64::from(t))
    }

    /// The grid point nearest to each cell, as (δ, Δu, northbound, margin
    /// m/s), for tests and plots.
    pub fn cells_iter(&self) -> impl Iterator<Item = (f64, f64, bool, f64)> + '_ {
        let res = self.geometry.resolution_rad;
        self.margins.iter().enumerate().map(move |(k, &m)| {
            let layer = k / (self.n_delta * self.n_du);
            let rem = k % (self.n_delta * self.n_du);
            (
                self.delta0 + (rem / self.n_du) as f64 * res,
                self.du0 + (rem % self.n_du) as f64 * res,
                layer == 1,
                f64::from(m),
            )
        })
    }
}

/// How much more divert (m/s) than it has the kill vehicle of `interceptor`
/// needs when it is fired at `fire_s` (s after lift-off) and arrives `tau`
/// s later: the missile's unpredicted motion from firing to the kill at the
/// end of the end game ([`Interceptor::divert_needed_m_s`]); ≤ 0 when the
/// divert covers it.
pub fn divert_short_m_s(
    interceptor: &Interceptor,
    track: &TargetTrack,
    fire_s: f64,
    tau: f64,
) -> f64 {
    let kill = fire_s + tau + interceptor.end_game_s;
    interceptor.divert_needed_m_s(track.thrust_delta_v(fire_s, kill))
        - interceptor.divert_delta_v_m_s
}

/// The orbit plane of inclination `i` (rad) whose normal makes cross-track
/// angle `delta` (rad) with the pad direction `pad`, with the pad on its
/// northbound (`true`) or southbound half: the pad's projection on the plane
/// and the direction 90° ahead of it. `None` if no such plane exists.
pub(crate) fn plane_through(
    pad: Vec3,
    delta: f64,
    i: f64,
    northbound: bool,
) -> Option<(Vec3, Vec3)> {
    let lat = pad.z.clamp(-1.0, 1.0).asin();
    let lon = pad.y.atan2(pad.x);
    // ŝ·ĥ = sin i cos φ sin(Ω − λ) + cos i sin φ = sin δ.
    let arg = (delta.sin() - i.cos() * lat.sin()) / (i.sin() * lat.cos());
    if !(-1.0..=1.0).contains(&arg) {
        return None;
    }
    let x = arg.asin();
    for raan in [lon + x, lon + std::f64::consts::PI - x] {
        let node = Vec3::new(raan.cos(), raan.sin(), 0.0);
        let h = Vec3::new(i.sin() * raan.sin(), -i.sin() * raan.cos(), i.cos());
        let q = h.cross(node);
        let u = pad.dot(q).atan2(pad.dot(node));
        if (u.cos() > 0.0) == northbound {
            let (s, c) = u.sin_cos();
            return Some((node * c + q * s, q * c - node * s));
        }
    }
    None
}

/// The satellite `du` (rad) ahead of the pad's projection (`node`, with
/// `ahead` 90° further along the orbit), on a circular orbit of `radius` (m)
/// and mean motion `n` (rad/s).
fn satellite(node: &Vec3, ahead: &Vec3, du: f64, radius: f64, n: f64) -> CircularOrbit {
    let (s, c) = du.sin_cos();
    CircularOrbit {
        radius,
        mean_motion: n,
        p: *node * c + *ahead * s,
        q: *ahead * c - *node * s,
    }
}
