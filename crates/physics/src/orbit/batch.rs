//! Batch J2-secular propagation of many satellites into structure-of-arrays
//! buffers, serial or parallel (rayon), bit-identical either way.
//!
//! The per-satellite constants are precomputed once ([`J2Batch::new`]) into
//! plain `f64` arrays, in three sets by eccentricity: circular (e = 0; two
//! `sin_cos` per satellite and epoch, no Kepler solve), near-circular
//! (0 < e < 0.1; a fixed three-step Kepler solve) and elliptic (a safeguarded
//! Kepler solve). The hot loops of the first two are indexed loops over
//! equal-length slices with a branch-free `sin_cos` and no allocation, which
//! the compiler vectorises.

mod kernels;

use super::j2::{CircularSat, EllipticSat, Kind};
use super::{Elements, OrbitError, State};
use crate::Vec3;
use crate::frames::earth_rotation_angle;
use kernels::{CircularSet, EllipticSoa, Out, fill_elliptic};
use rayon::prelude::*;

/// Satellites per parallel work item. The split never changes a result (each
/// satellite is computed by the same arithmetic whatever chunk holds it).
const PAR_CHUNK: usize = 512;

/// Positions (m) and velocities (m/s) of many satellites at one time, as
/// structure-of-arrays: satellite `k` is `(x[k], y[k], z[k], vx[k], vy[k],
/// vz[k])`. The frame is ECI unless the filling function says otherwise.
///
/// Memory: 48 bytes per satellite ([`StateBuffer::size_bytes`]), so 100,000
/// satellites take 4.8 MB.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StateBuffer {
    /// x positions, m.
    pub x: Vec<f64>,
    /// y positions, m.
    pub y: Vec<f64>,
    /// z positions, m.
    pub z: Vec<f64>,
    /// x velocities, m/s.
    pub vx: Vec<f64>,
    /// y velocities, m/s.
    pub vy: Vec<f64>,
    /// z velocities, m/s.
    pub vz: Vec<f64>,
}

impl StateBuffer {
    /// A buffer of `n` zero states.
    pub fn with_len(n: usize) -> Self {
        let mut b = Self::default();
        b.resize(n);
        b
    }

    /// Number of satellites (the length of `x`).
    pub fn len(&self) -> usize {
        self.x.len()
    }

    /// Whether the buffer holds no satellite.
    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// Make every array `n` long (allocates only when growing past capacity).
    pub fn resize(&mut self, n: usize) {
        for v in [
            &mut self.x,
            &mut self.y,
            &mut self.z,
            &mut self.vx,
            &mut self.vy,
            &mut self.vz,
        ] {
            v.resize(n, 0.0);
        }
    }

    /// Bytes held by the six arrays' elements: 6 × 8 × `len()`.
    pub fn size_bytes(&self) -> usize {
        6 * std::mem::size_of::<f64>() * self.len()
    }

    /// Position of satellite `k`, m.
    pub fn position(&self, k: usize) -> Option<Vec3> {
        Some(Vec3::new(*self.x.get(k)?, *self.y.get(k)?, *self.z.get(k)?))
    }

    /// State of satellite `k` (m, m/s).
    pub fn state(&self, k: usize) -> Option<State> {
        Some(State {
            position: self.position(k)?,
            velocity: Vec3::new(*self.vx.get(k)?, *self.vy.get(k)?, *self.vz.get(k)?),
        })
    }
}

/// Positions (m) of many satellites at one time, as structure-of-arrays; the
/// frame (ECI or ECEF) is the one the filling function names. 24 bytes per
/// satellite.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PositionBuffer {
    /// x positions, m.
    pub x: Vec<f64>,
    /// y positions, m.
    pub y: Vec<f64>,
    /// z positions, m.
    pub z: Vec<f64>,
}

impl PositionBuffer {
    /// A buffer of `n` zero positions.
    pub fn with_len(n: usize) -> Self {
        let mut b = Self::default();
        b.resize(n);
        b
    }

    /// Number of satellites (the length of `x`).
    pub fn len(&self) -> usize {
        self.x.len()
    }

    /// Whether the buffer holds no satellite.
    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// Make every array `n` long (allocates only when growing past capacity).
    pub fn resize(&mut self, n: usize) {
        for v in [&mut self.x, &mut self.y, &mut self.z] {
            v.resize(n, 0.0);
        }
    }

    /// Bytes held by the three arrays' elements: 3 × 8 × `len()`.
    pub fn size_bytes(&self) -> usize {
        3 * std::mem::size_of::<f64>() * self.len()
    }

    /// Position of satellite `k`, m.
    pub fn position(&self, k: usize) -> Option<Vec3> {
        Some(Vec3::new(*self.x.get(k)?, *self.y.get(k)?, *self.z.get(k)?))
    }
}

/// An invalid satellite in the slice given to [`J2Batch::new`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("satellite {index}: {source}")]
pub struct BatchError {
    /// Index of the satellite in the slice.
    pub index: usize,
    /// What is wrong with its elements.
    pub source: OrbitError,
}

/// A maximal run of consecutive satellites (in input order) of one kind.
#[derive(Clone, Copy, Debug)]
struct Run {
    kind: Kind,
    /// First output index.
    out_start: usize,
    len: usize,
    /// First index in the set of that kind.
    set_start: usize,
}

/// J2-secular propagator for a fixed set of satellites, with the
/// per-satellite constants precomputed. Output index `k` is the `k`-th element
/// of the slice given to [`J2Batch::new`]. Every method gives results
/// bit-identical to [`Elements::propagate_j2`] for each satellite, whatever
/// the thread count.
#[derive(Clone, Debug, Default)]
pub struct J2Batch {
    len: usize,
    circ: CircularSet,
    near: EllipticSoa,
    ell: Vec<EllipticSat>,
    runs: Vec<Run>,
}

impl J2Batch {
    /// Precompute the constants of `elements` (mean elements at t = 0, ECI);
    /// each is validated and the first invalid one is reported by index.
    pub fn new(elements: &[Elements]) -> Result<Self, BatchError> {
        let mut b = J2Batch {
            len: elements.len(),
            ..Default::default()
        };
        for (index, el) in elements.iter().enumerate() {
            el.validate()
                .map_err(|source| BatchError { index, source })?;
            let kind = Kind::of(el);
            let set_start = match kind {
                Kind::Circular => {
                    b.circ.push(CircularSat::new(el));
                    b.circ.len() - 1
                }
                Kind::NearCircular => {
                    b.near.push(EllipticSat::new(el));
                    b.near.len() - 1
                }
                Kind::Elliptic => {
                    b.ell.push(EllipticSat::new(el));
                    b.ell.len() - 1
                }
            };
            match b.runs.last_mut() {
                Some(r) if r.kind == kind => r.len += 1,
                _ => b.runs.push(Run {
                    kind,
                    out_start: index,
                    len: 1,
                    set_start,
                }),
            }
        }
        Ok(b)
    }

    /// Number of satellites.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there is no satellite.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Number of satellites on the circular fast path (eccentricity 0).
    pub fn circular_count(&self) -> usize {
        self.circ.len()
    }

    /// Number of satellites on the near-circular path (0 < e < 0.1).
    pub fn near_circular_count(&self) -> usize {
        self.near.len()
    }

    /// Number of satellites on the general elliptic path (e ≥ 0.1).
    pub fn elliptic_count(&self) -> usize {
        self.ell.len()
    }

    /// ECI states (m, m/s) of all satellites at `t_s` (s from the epoch) into
    /// `out`, resized to [`J2Batch::len`] (no allocation once it is that size).
    pub fn propagate_into(&self, t_s: f64, out: &mut StateBuffer) {
        out.resize(self.len);
        let mut o = Out {
            x: &mut out.x,
            y: &mut out.y,
            z: &mut out.z,
            v: Some([&mut out.vx, &mut out.vy, &mut out.vz]),
        };
        self.fill(t_s, 0, &mut o);
    }

    /// [`J2Batch::propagate_into`] in parallel on the current rayon pool,
    /// chunked over satellites; bit-identical to the serial result.
    pub fn par_propagate_into(&self, t_s: f64, out: &mut StateBuffer) {
        out.resize(self.len);
        let c = PAR_CHUNK;
        (
            out.x.par_chunks_mut(c),
            out.y.par_chunks_mut(c),
            out.z.par_chunks_mut(c),
            out.vx.par_chunks_mut(c),
            out.vy.par_chunks_mut(c),
            out.vz.par_chunks_mut(c),
        )
            .into_par_iter()
            .enumerate()
            .for_each(|(k, (x, y, z, vx, vy, vz))| {
                let mut o = Out {
                    x,
                    y,
                    z,
                    v: Some([vx, vy, vz]),
                };
                self.fill(t_s, k * c, &mut o);
            });
    }

    /// ECI positions (m) of all satellites at `t_s` (s) into `out`, resized to
    /// [`J2Batch::len`]; bit-identical to the positions of
    /// [`J2Batch::propagate_into`].
    pub fn propagate_positions_into(&self, t_s: f64, out: &mut PositionBuffer) {
        out.resize(self.len);
        let mut o = Out {
            x: &mut out.x,
            y: &mut out.y,
            z: &mut out.z,
            v: None,
        };
        self.fill(t_s, 0, &mut o);
    }

    /// [`J2Batch::propagate_positions_into`] in parallel; bit-identical to it.
    pub fn par_propagate_positions_into(&self, t_s: f64, out: &mut PositionBuffer) {
        out.resize(self.len);
        let c = PAR_CHUNK;
        (
            out.x.par_chunks_mut(c),
            out.y.par_chunks_mut(c),
            out.z.par_chunks_mut(c),
        )
            .into_par_iter()
            .enumerate()
            .for_each(|(k, (x, y, z))| {
                let mut o = Out { x, y, z, v: None };
                self.fill(t_s, k * c, &mut o);
            });
    }

    /// ECEF positions (m) of all satellites at `t_s` (s) into `out`: the ECI
    /// positions rotated by −θ(t) ([`earth_rotation_angle`]), as
    /// [`crate::frames::eci_to_ecef_position`] does.
    pub fn propagate_ecef_positions_into(&self, t_s: f64, out: &mut PositionBuffer) {
        self.propagate_positions_into(t_s, out);
        rotate_to_ecef(t_s, out);
    }

    /// [`J2Batch::propagate_ecef_positions_into`] in parallel; bit-identical to it.
    pub fn par_propagate_ecef_positions_into(&self, t_s: f64, out: &mut PositionBuffer) {
        self.par_propagate_positions_into(t_s, out);
        rotate_to_ecef(t_s, out);
    }

    /// ECI state (m, m/s) of satellite `k` at `t_s` (s), bit-identical to its
    /// entry in [`J2Batch::propagate_into`]; `None` if `k` is out of range.
    pub fn state_of(&self, k: usize, t_s: f64) -> Option<State> {
        let run = self.runs.get(self.run_index(k))?;
        let j = run.set_start + (k - run.out_start);
        let s = match run.kind {
            Kind::Circular => self.circ.get(j)?.state(t_s),
            Kind::NearCircular => self.near.get(j)?.state_near_circular(t_s),
            Kind::Elliptic => self.ell.get(j)?.state(t_s),
        };
        Some(State {
            position: Vec3::new(s[0], s[1], s[2]),
            velocity: Vec3::new(s[3], s[4], s[5]),
        })
    }

    /// ECEF position (m) of satellite `k` at `t_s` (s), bit-identical to its
    /// entry in [`J2Batch::propagate_ecef_positions_into`].
    pub fn ecef_position_of(&self, k: usize, t_s: f64) -> Option<Vec3> {
        let p = self.state_of(k, t_s)?.position;
        let (s, c) = earth_rotation_angle(t_s).sin_cos();
        Some(Vec3::new(c * p.x + s * p.y, c * p.y - s * p.x, p.z))
    }

    /// Index of the run holding satellite `k` (== runs.len() if none).
    fn run_index(&self, k: usize) -> usize {
        self.runs.partition_point(|r| r.out_start + r.len <= k)
    }

    /// Fill the satellites `start .. start + o.x.len()` at time `t`.
    fn fill(&self, t: f64, start: usize, o: &mut Out<'_>) {
        let end = start + o.x.len();
        for run in self.runs.iter().skip(self.run_index(start)) {
            if run.out_start >= end {
                break;
            }
            let lo = run.out_start.max(start);
            let hi = (run.out_start + run.len).min(end);
            let set_lo = run.set_start + (lo - run.out_start);
            let part = o.sub(lo - start, hi - start);
            match run.kind {
                Kind::Circular => self.circ.fill(t, set_lo, part),
                Kind::NearCircular => self.near.fill_near_circular(t, set_lo, part),
                Kind::Elliptic => fill_elliptic(&self.ell, t, set_lo, part),
            }
        }
    }
}

/// Rotate ECI positions to ECEF at `t` (s) in place.
fn rotate_to_ecef(t: f64, out: &mut PositionBuffer) {
    let (s, c) = earth_rotation_angle(t).sin_cos();
    let n = out.x.len().min(out.y.len());
    let (x, y) = (&mut out.x[..n], &mut out.y[..n]);
    for k in 0..n {
        let (px, py) = (x[k], y[k]);
        x[k] = c * px + s * py;
        y[k] = c * py - s * px;
    }
}

#[cfg(test)]
mod tests;
