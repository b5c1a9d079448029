//! Reach of a space-based interceptor against a boosting missile: the
//! earliest time at which an interceptor fired from a satellite can meet the
//! missile, from the satellite's orbital state, with gravity during the
//! fly-out.
//!
//! Two models of the fly-out:
//!
//! - **closed form** ([`closed_form_delta_v`]): the booster's burn of constant
//!   acceleration `a` is replaced by an impulse at mid-burn (exact without
//!   gravity: a burn of Δv over `Δv/a` seconds leaves the vehicle where an
//!   impulse at its middle would), and the relative motion about the
//!   satellite's own coasting orbit follows the Clohessy–Wiltshire (Hill)
//!   equations, whose inverse gives the impulse that reaches a relative
//!   position in a given time (Vallado, *Fundamentals of Astrodynamics and
//!   Applications*, 4th ed., §6.8). It captures the gravity gradient across the
//!   fly-out (a few per cent of the distance over 200 s) at the cost of a few
//!   sines.
//! - **integrated** ([`integrated_delta_v`]): the interceptor's flight is
//!   integrated (Dormand–Prince 5(4), point mass + J2) with thrust along a fixed
//!   inertial direction for `Δv/a` seconds, then coasting; Newton's method on
//!   the Δv vector makes it arrive at the target point.
//!
//! Both give the Δv needed to be at a target point after a fly-out time τ; the
//! **margin** is the booster's Δv (capped at what it can burn in τ) less that
//! need, and the earliest intercept is the first τ with a margin ≥ 0
//! ([`earliest`]). [`ReachTable`] evaluates the closed form once per scenario
//! over every geometry a satellite of a shell can have relative to a launch,
//! so coverage studies look reach up instead of solving it.
//!
//! A cell is feasible only if the kill vehicle's divert also covers the
//! missile's unpredicted motion between firing and the kill
//! ([`divert_short_m_s`]): the booster flies to where the missile was
//! predicted to be, the end game absorbs the rest. The earliest arrival
//! needs the least divert, so the table checks it there; a cell short of
//! divert stores the shortfall (m/s) as its negative margin.

mod table;
mod track;

pub use table::{
    MAX_CELLS, MIN_OFF_EQUATOR_DEG, ReachRow, ReachTable, ReachTableError, TableGeometry,
    TableSize, divert_short_m_s,
};
pub use track::{CircularOrbit, TargetTrack};

use crate::interceptor::Interceptor;
use cupola_physics::Vec3;
use cupola_physics::gravity;
use cupola_physics::integrator::{Settings, integrate};

/// Unit vectors of the local-vertical local-horizontal (Hill) frame of an
/// orbiting body at position `r` (m) and velocity `v` (m/s): radial out,
/// along-track, and orbit normal.
pub fn hill_basis(r: Vec3, v: Vec3) -> [Vec3; 3] {
    let x = r.unit();
    let z = r.cross(v).unit();
    let y = z.cross(x);
    [x, y, z]
}

/// The impulse (m/s, Hill frame at the impulse) that carries a body from the
/// origin of the Hill frame of a circular orbit of mean motion `n` (rad/s) to
/// relative position `rho` (m, Hill frame at arrival) in time `t` (s):
/// the inverse of the Clohessy–Wiltshire position-from-velocity matrix.
/// `None` where that matrix is singular (`nt` a multiple of π in the
/// cross-track direction, or `t ≤ 0`).
pub fn cw_impulse(rho: [f64; 3], n: f64, t: f64) -> Option<[f64; 3]> {
    if t <= 0.0 {
        return None;
    }
    let nt = n * t;
    let (s, c) = nt.sin_cos();
    // x = A ẋ + B ẏ,  y = −B ẋ + D ẏ,  z = A ż (x radial, y along-track).
    let a = s / n;
    let b = 2.0 * (1.0 - c) / n;
    let d = (4.0 * s - 3.0 * nt) / n;
    let det = a * d + b * b;
    if det.abs() < 1e-12 * t * t || a.abs() < 1e-9 * t {
        return None;
    }
    Some([
        (d * rho[0] - b * rho[1]) / det,
        (b * rho[0] + a * rho[1]) / det,
        rho[2] / a,
    ])
}

/// Δv (m/s) the closed-form model needs to be at relative position `rho`
/// (m, Hill frame of the coasting satellite at arrival) after fly-out time
/// `tau` (s), with booster acceleration `accel` (m/s²) on a reference orbit of
/// mean motion `n` (rad/s); also the impulse vector in the Hill frame at
/// mid-burn.
///
/// Without gravity the need solves `Δv·(τ − Δv/2a) = d`, the smaller root
/// `a(τ − √(τ² − 2d/a))`; the mid-burn time it implies sets the coast for two
/// Clohessy–Wiltshire refinements. When even burning the whole of τ cannot
/// cover the distance the need is `√(2ad)`, above `aτ`, so that the margin
/// stays continuous and negative.
pub fn closed_form_delta_v(rho: [f64; 3], tau: f64, accel: f64, n: f64) -> (f64, [f64; 3]) {
    let d = (rho[0] * rho[0] + rho[1] * rho[1] + rho[2] * rho[2]).sqrt();
    let unreachable = |dv: f64| (dv, [0.0; 3]);
    if tau <= 0.0 {
        return unreachable((2.0 * accel * d).sqrt().max(f64::MIN_POSITIVE));
    }
    let disc = tau * tau - 2.0 * d / accel;
    if disc < 0.0 {
        return unreachable((2.0 * accel * d).sqrt());
    }
    let mut dv = accel * (tau - disc.sqrt());
    let mut impulse = [0.0; 3];
    for _ in 0..2 {
        let coast = tau - dv / (2.0 * accel);
        match cw_impulse(rho, n, coast) {
            Some(w) => {
                impulse = w;
                dv = (w[0] * w[0] + w[1] * w[1] + w[2] * w[2]).sqrt();
            }
            None => return unreachable((2.0 * accel * d).sqrt()),
        }
    }
    (dv, impulse)
}

/// Δv margin, m/s: what the interceptor can give in a fly-out of `tau` s
/// (its booster's Δv, or less if the fly-out is shorter than a full burn)
/// less what the fly-out needs. Feasible when ≥ 0.
pub fn margin(interceptor: &Interceptor, tau: f64, needed: f64) -> f64 {
    interceptor
        .booster_delta_v_m_s
        .min(interceptor.acceleration_m_s2 * tau.max(0.0))
        - needed
}

/// Closed-form Δv margin (m/s) of an interceptor fired at time `fire_s` from
/// the satellite on `orbit` against a target at `target` (m, ECI) at time
/// `fire_s + tau`.
pub fn closed_form_margin(
    interceptor: &Interceptor,
    orbit: &CircularOrbit,
    fire_s: f64,
    tau: f64,
    target: Vec3,
) -> f64 {
    let (r, v) = orbit.state(fire_s + tau);
    let [x, y, z] = hill_basis(r, v);
    let rel = target - r;
    let rho = [rel.dot(x), rel.dot(y), rel.dot(z)];
    let (need, _) = closed_form_delta_v(rho, tau, interceptor.acceleration_m_s2, orbit.mean_motion);
    margin(interceptor, tau, need)
}

/// Result of the integrated fly-out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flyout {
    /// Δv the fly-out used, m/s.
    pub delta_v_m_s: f64,
    /// Thrust direction (ECI unit vector).
    pub direction: Vec3,
    /// Distance from the target point at arrival after the last iteration, m.
    pub miss_m: f64,
}

/// Position (m, ECI) after `tau` s of an interceptor fired from state
/// (`r0`, `v0`) with impulse vector `w` (m/s, ECI) delivered by a burn of
/// constant acceleration `accel` (m/s²) along `w`, under point-mass + J2
/// gravity. `None` if the burn would not end before `tau`.
fn fly(r0: Vec3, v0: Vec3, w: Vec3, accel: f64, tau: f64) -> Option<Vec3> {
    let dv = w.norm();
    let burn = dv / accel;
    if burn > tau {
        return None;
    }
    let thrust = if dv > 0.0 {
        w * (accel / dv)
    } else {
        Vec3::ZERO
    };
    let settings = Settings::<6>::new(1e-11, 1e-4);
    let y0 = [r0.x, r0.y, r0.z, v0.x, v0.y, v0.z];
    let rhs = |push: Vec3| {
        move |_t: f64, y: &[f64; 6]| {
            let r = Vec3::new(y[0], y[1], y[2]);
            let g = gravity::j2(r) + push;
            [y[3], y[4], y[5], g.x, g.y, g.z]
        }
    };
    let mut y = y0;
    if burn > 0.0 {
        y = integrate(&mut rhs(thrust), 0.0, y, burn, &settings, &[], None)
            .ok()?
            .y;
    }
    if tau > burn {
        y = integrate(&mut rhs(Vec3::ZERO), burn, y, tau, &settings, &[], None)
            .ok()?
            .y;
    }
    Some(Vec3::new(y[0], y[1], y[2]))
}

/// Δv (m/s) the integrated fly-out needs to be at `target` (m, ECI) `tau` s
/// after firing from the satellite state (`r0`, `v0`) (m, m/s, ECI) with
/// booster acceleration `accel` (m/s²): Newton's method on the impulse
/// vector, started from the closed form, with a finite-difference Jacobian.
/// `None` if it does not converge to within 1 m or the burn cannot fit in
/// `tau`.
pub fn integrated_delta_v(
    r0: Vec3,
    v0: Vec3,
    target: Vec3,
    tau: f64,
    accel: f64,
) -> Option<Flyout> {
    // Start from the closed form about the osculating circular orbit.
    let orbit = CircularOrbit::osculating(r0, v0);
    let (rc, vc) = orbit.state(tau);
    let [x, y, z] = hill_basis(rc, vc);
    let rel = target - rc;
    let rho = [rel.dot(x), rel.dot(y), rel.dot(z)];
    let (need, hill) = closed_form_delta_v(rho, tau, accel, orbit.mean_motion);
    let (rm, vm) = orbit.state(need / (2.0 * accel));
    let [xm, ym, zm] = hill_basis(rm, vm);
    let mut w = xm * hill[0] + ym * hill[1] + zm * hill[2];
    let mut miss = f64::INFINITY;
    for _ in 0..30 {
        let f = fly(r0, v0, w, accel, tau)? - target;
        miss = f.norm();
        if miss < 1.0 {
            break;
        }
        // Jacobian columns by forward differences of 0.05 m/s.
        let h = 0.05;
        let mut jac = [[0.0; 3]; 3];
        for (k, e) in [
            Vec3::new(h, 0.0, 0.0),
            Vec3::new(0.0, h, 0.0),
            Vec3::new(0.0, 0.0, h),
        ]
        .into_iter()
        .enumerate()
        {
            let col = (fly(r0, v0, w + e, accel, tau)? - target - f) * (1.0 / h);
            jac[0][k] = col.x;
            jac[1][k] = col.y;
            jac[2][k] = col.z;
        }
        let step = solve3(jac, [f.x, f.y, f.z])?;
        w -= Vec3::new(step[0], step[1], step[2]);
    }
    (miss < 1.0).then(|| Flyout {
        delta_v_m_s: w.norm(),
        direction: w.unit(),
        miss_m: miss,
    })
}

/// Solve a 3×3 linear system by Cramer's rule; `None` if singular.
fn solve3(m: [[f64; 3]; 3], b: [f64; 3]) -> Option<[f64; 3]> {
    let det3 = |m: [[f64; 3]; 3]| {
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    };
    let d = det3(m);
    if d.abs() < 1e-300 || !d.is_finite() {
        return None;
    }
    let mut out = [0.0; 3];
    for (k, o) in out.iter_mut().enumerate() {
        let mut mk = m;
        for row in 0..3 {
            mk[row][k] = b[row];
        }
        *o = det3(mk) / d;
    }
    Some(out)
}

/// The earliest `tau` in `[lo, hi]` (s) with `margin(tau) ≥ 0`, to 1 ms.
///
/// Samples every `step` s; the first sample with a margin ≥ 0 is bracketed
/// with the one before and bisected. A feasible window narrower than the step
/// is not missed: every local maximum of the samples is refined by golden
/// section (to 1 ms) and, if it reaches zero, the crossing before it is
/// bisected. Also returns the largest margin found (m/s).
pub fn earliest(margin: impl Fn(f64) -> f64, lo: f64, hi: f64, step: f64) -> Search {
    if hi.is_nan() || lo.is_nan() || hi <= lo || step.is_nan() || step <= 0.0 {
        return Search {
            tau_s: None,
            best_margin: f64::NEG_INFINITY,
        };
    }
    let n = ((hi - lo) / step).ceil().max(1.0) as usize;
    let at = |k: usize| (lo + k as f64 * step).min(hi);
    let mut prev = (at(0), margin(at(0)));
    if prev.1 >= 0.0 {
        return Search {
            tau_s: Some(prev.0),
            best_margin: prev.1,
        };
    }
    let mut best = prev.1;
    let mut samples = Vec::with_capacity(n + 1);
    samples.push(prev);
    for k in 1..=n {
        let cur = (at(k), margin(at(k)));
        if cur.1 >= 0.0 {
            return Search {
                tau_s: Some(bisect(&margin, prev.0, cur.0)),
                best_margin: cur.1.max(best),
            };
        }
        best = best.max(cur.1);
        samples.push(cur);
        prev = cur;
    }
    // No sample feasible: refine every local maximum of the samples.
    for k in 0..samples.len() {
        let left = if k > 0 {
            samples[k - 1].1
        } else {
            f64::NEG_INFINITY
        };
        let right = samples.get(k + 1).map_or(f64::NEG_INFINITY, |s| s.1);
        if samples[k].1 < left || samples[k].1 < right {
            continue;
        }
        let a = samples[k.saturating_sub(1)].0;
        let b = samples.get(k + 1).map_or(samples[k].0, |s| s.0);
        let (t_max, m_max) = golden_max(&margin, a, b);
        best = best.max(m_max);
        if m_max >= 0.0 {
            return Search {
                tau_s: Some(bisect(&margin, a, t_max)),
                best_margin: best,
            };
        }
    }
    Search {
        tau_s: None,
        best_margin: best,
    }
}

/// What [`earliest`] found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Search {
    /// Earliest feasible fly-out time, s; `None` if none.
    pub tau_s: Option<f64>,
    /// Largest margin seen, m/s (the maximum over the window when nothing
    /// is feasible; a lower bound on it otherwise).
    pub best_margin: f64,
}

/// Bisect a crossing from negative (at `a`) to non-negative (at `b`) to 1 ms.
fn bisect(f: &impl Fn(f64) -> f64, mut a: f64, mut b: f64) -> f64 {
    while b - a > 1e-3 {
        let m = 0.5 * (a + b);
        if f(m) >= 0.0 { b = m } else { a = m }
    }
    b
}

/// Maximum of `f` on `[a, b]` by golden-section search to 1 ms.
fn golden_max(f: &impl Fn(f64) -> f64, mut a: f64, mut b: f64) -> (f64, f64) {
    let g = 0.5 * (5f64.sqrt() - 1.0);
    let mut c = b - g * (b - a);
    let mut d = a + g * (b - a);
    let (mut fc, mut fd) = (f(c), f(d));
    while b - a > 1e-3 {
        if fc >= fd {
            b = d;
            d = c;
            fd = fc;
            c = b - g * (b - a);
            fc = f(c);
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + g * (b - a);
            fd = f(d);
        }
    }
    if fc >= fd { (c, fc) } else { (d, fd) }
}

#[cfg(test)]
mod tests;
