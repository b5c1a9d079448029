//! The batch loops: per-satellite constants as structure-of-arrays and the
//! kernels that fill output slices from them.
//!
//! Each kernel takes every slice as its own argument: `&mut` arguments are
//! known not to alias, which lets the compiler vectorise the loop without
//! run-time overlap checks. All slices are cut to the same length first, so
//! the indexing needs no bounds checks. The per-satellite arithmetic is the
//! `CircularSat` / `EllipticSat` code, inlined, so results are bit-identical
//! to [`crate::orbit::Elements::propagate_j2`].

use crate::orbit::j2::{CircularSat, EllipticSat};

/// Mutable output slices of one contiguous range of satellites.
pub(super) struct Out<'a> {
    pub x: &'a mut [f64],
    pub y: &'a mut [f64],
    pub z: &'a mut [f64],
    pub v: Option<[&'a mut [f64]; 3]>,
}

impl Out<'_> {
    /// The sub-range `a..b`.
    pub fn sub(&mut self, a: usize, b: usize) -> Out<'_> {
        Out {
            x: &mut self.x[a..b],
            y: &mut self.y[a..b],
            z: &mut self.z[a..b],
            v: self
                .v
                .as_mut()
                .map(|[vx, vy, vz]| [&mut vx[a..b], &mut vy[a..b], &mut vz[a..b]]),
        }
    }
}

/// Circular-orbit constants, structure-of-arrays (see `CircularSat`).
#[derive(Clone, Debug, Default)]
pub(super) struct CircularSet {
    radius: Vec<f64>,
    speed: Vec<f64>,
    cos_i: Vec<f64>,
    sin_i: Vec<f64>,
    u0: Vec<f64>,
    u_rate: Vec<f64>,
    raan0: Vec<f64>,
    raan_rate: Vec<f64>,
}

impl CircularSet {
    pub fn len(&self) -> usize {
        self.radius.len()
    }

    pub fn push(&mut self, s: CircularSat) {
        self.radius.push(s.radius);
        self.speed.push(s.speed);
        self.cos_i.push(s.cos_i);
        self.sin_i.push(s.sin_i);
        self.u0.push(s.u0);
        self.u_rate.push(s.u_rate);
        self.raan0.push(s.raan0);
        self.raan_rate.push(s.raan_rate);
    }

    pub fn get(&self, k: usize) -> Option<CircularSat> {
        Some(CircularSat {
            radius: *self.radius.get(k)?,
            speed: *self.speed.get(k)?,
            cos_i: *self.cos_i.get(k)?,
            sin_i: *self.sin_i.get(k)?,
            u0: *self.u0.get(k)?,
            u_rate: *self.u_rate.get(k)?,
            raan0: *self.raan0.get(k)?,
            raan_rate: *self.raan_rate.get(k)?,
        })
    }

    /// Fill `o` with satellites `lo .. lo + o.x.len()` of the set at `t` (s).
    pub fn fill(&self, t: f64, lo: usize, o: Out<'_>) {
        let hi = lo + o.x.len();
        let inputs = [
            &self.radius[lo..hi],
            &self.speed[lo..hi],
            &self.cos_i[lo..hi],
            &self.sin_i[lo..hi],
            &self.u0[lo..hi],
            &self.u_rate[lo..hi],
            &self.raan0[lo..hi],
            &self.raan_rate[lo..hi],
        ];
        match o.v {
            Some([vx, vy, vz]) => circular_states(t, inputs, o.x, o.y, o.z, vx, vy, vz),
            None => circular_positions(t, inputs, o.x, o.y, o.z),
        }
    }
}

#[inline(always)]
fn circular_sat(c: &[&[f64]; 8], k: usize) -> CircularSat {
    CircularSat {
        radius: c[0][k],
        speed: c[1][k],
        cos_i: c[2][k],
        sin_i: c[3][k],
        u0: c[4][k],
        u_rate: c[5][k],
        raan0: c[6][k],
        raan_rate: c[7][k],
    }
}

#[allow(clippy::too_many_arguments)]
#[inline(never)]
fn circular_states(
    t: f64,
    inputs: [&[f64]; 8],
    x: &mut [f64],
    y: &mut [f64],
    z: &mut [f64],
    vx: &mut [f64],
    vy: &mut [f64],
    vz: &mut [f64],
) {
    let n = x.len();
    let c = inputs.map(|a| &a[..n]);
    let (y, z, vx, vy, vz) = (
        &mut y[..n],
        &mut z[..n],
        &mut vx[..n],
        &mut vy[..n],
        &mut vz[..n],
    );
    for k in 0..n {
        let s = circular_sat(&c, k).state(t);
        x[k] = s[0];
        y[k] = s[1];
        z[k] = s[2];
        vx[k] = s[3];
        vy[k] = s[4];
        vz[k] = s[5];
    }
}

#[inline(never)]
fn circular_positions(t: f64, inputs: [&[f64]; 8], x: &mut [f64], y: &mut [f64], z: &mut [f64]) {
    let n = x.len();
    let c = inputs.map(|a| &a[..n]);
    let (y, z) = (&mut y[..n], &mut z[..n]);
    for k in 0..n {
        let s = circular_sat(&c, k).state(t);
        x[k] = s[0];
        y[k] = s[1];
        z[k] = s[2];
    }
}

/// Elliptic-orbit constants, structure-of-arrays (see `EllipticSat`); used
/// for the near-circular kernel, whose fixed-step Kepler solve vectorises.
#[derive(Clone, Debug, Default)]
pub(super) struct EllipticSoa {
    a: Vec<f64>,
    e: Vec<f64>,
    beta: Vec<f64>,
    sqrt_mu_a: Vec<f64>,
    cos_i: Vec<f64>,
    sin_i: Vec<f64>,
    m0: Vec<f64>,
    m_rate: Vec<f64>,
    w0: Vec<f64>,
    w_rate: Vec<f64>,
    raan0: Vec<f64>,
    raan_rate: Vec<f64>,
}

impl EllipticSoa {
    pub fn len(&self) -> usize {
        self.a.len()
    }

    pub fn push(&mut self, s: EllipticSat) {
        self.a.push(s.a);
        self.e.push(s.e);
        self.beta.push(s.beta);
        self.sqrt_mu_a.push(s.sqrt_mu_a);
        self.cos_i.push(s.cos_i);
        self.sin_i.push(s.sin_i);
        self.m0.push(s.m0);
        self.m_rate.push(s.m_rate);
        self.w0.push(s.w0);
        self.w_rate.push(s.w_rate);
        self.raan0.push(s.raan0);
        self.raan_rate.push(s.raan_rate);
    }

    pub fn get(&self, k: usize) -> Option<EllipticSat> {
        Some(EllipticSat {
            a: *self.a.get(k)?,
            e: *self.e.get(k)?,
            beta: *self.beta.get(k)?,
            sqrt_mu_a: *self.sqrt_mu_a.get(k)?,
            cos_i: *self.cos_i.get(k)?,
            sin_i: *self.sin_i.get(k)?,
            m0: *self.m0.get(k)?,
            m_rate: *self.m_rate.get(k)?,
            w0: *self.w0.get(k)?,
            w_rate: *self.w_rate.get(k)?,
            raan0: *self.raan0.get(k)?,
            raan_rate: *self.raan_rate.get(k)?,
        })
    }

    /// Fill `o` with satellites `lo .. lo + o.x.len()` of the set at `t` (s),
    /// near-circular kernel.
    pub fn fill_near_circular(&self, t: f64, lo: usize, o: Out<'_>) {
        let hi = lo + o.x.len();
        let inputs = [
            &self.a[lo..hi],
            &self.e[lo..hi],
            &self.beta[lo..hi],
            &self.sqrt_mu_a[lo..hi],
            &self.cos_i[lo..hi],
            &self.sin_i[lo..hi],
            &self.m0[lo..hi],
            &self.m_rate[lo..hi],
            &self.w0[lo..hi],
            &self.w_rate[lo..hi],
            &self.raan0[lo..hi],
            &self.raan_rate[lo..hi],
        ];
        match o.v {
            Some([vx, vy, vz]) => near_circular_states(t, inputs, o.x, o.y, o.z, vx, vy, vz),
            None => near_circular_positions(t, inputs, o.x, o.y, o.z),
        }
    }
}

#[inline(always)]
fn elliptic_sat(c: &[&[f64]; 12], k: usize) -> EllipticSat {
    EllipticSat {
        a: c[0][k],
        e: c[1][k],
        beta: c[2][k],
        sqrt_mu_a: c[3][k],
        cos_i: c[4][k],
        sin_i: c[5][k],
        m0: c[6][k],
        m_rate: c[7][k],
        w0: c[8][k],
        w_rate: c[9][k],
        raan0: c[10][k],
        raan_rate: c[11][k],
    }
}

#[allow(clippy::too_many_arguments)]
#[inline(never)]
fn near_circular_states(
    t: f64,
    inputs: [&[f64]; 12],
    x: &mut [f64],
    y: &mut [f64],
    z: &mut [f64],
    vx: &mut [f64],
    vy: &mut [f64],
    vz: &mut [f64],
) {
    let n = x.len();
    let c = inputs.map(|a| &a[..n]);
    let (y, z, vx, vy, vz) = (
        &mut y[..n],
        &mut z[..n],
        &mut vx[..n],
        &mut vy[..n],
        &mut vz[..n],
    );
    for k in 0..n {
        let s = elliptic_sat(&c, k).state_near_circular(t);
        x[k] = s[0];
        y[k] = s[1];
        z[k] = s[2];
        vx[k] = s[3];
        vy[k] = s[4];
        vz[k] = s[5];
    }
}

#[inline(never)]
fn near_circular_positions(
    t: f64,
    inputs: [&[f64]; 12],
    x: &mut [f64],
    y: &mut [f64],
    z: &mut [f64],
) {
    let n = x.len();
    let c = inputs.map(|a| &a[..n]);
    let (y, z) = (&mut y[..n], &mut z[..n]);
    for k in 0..n {
        let s = elliptic_sat(&c, k).state_near_circular(t);
        x[k] = s[0];
        y[k] = s[1];
        z[k] = s[2];
    }
}

/// Fill `o` with satellites `lo .. lo + o.x.len()` of `sats` at `t` (s),
/// general elliptic kernel (safeguarded Kepler solve; its data-dependent
/// iteration count does not vectorise, so the constants stay as structs).
pub(super) fn fill_elliptic(sats: &[EllipticSat], t: f64, lo: usize, o: Out<'_>) {
    let n = o.x.len();
    let sats = &sats[lo..lo + n];
    let (x, y, z) = (&mut o.x[..n], &mut o.y[..n], &mut o.z[..n]);
    match o.v {
        Some([vx, vy, vz]) => {
            let (vx, vy, vz) = (&mut vx[..n], &mut vy[..n], &mut vz[..n]);
            for k in 0..n {
                let s = sats[k].state(t);
                x[k] = s[0];
                y[k] = s[1];
                z[k] = s[2];
                vx[k] = s[3];
                vy[k] = s[4];
                vz[k] = s[5];
            }
        }
        None => {
            for k in 0..n {
                let s = sats[k].state(t);
                x[k] = s[0];
                y[k] = s[1];
                z[k] = s[2];
            }
        }
    }
}
