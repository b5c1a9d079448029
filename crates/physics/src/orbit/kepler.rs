//! Kepler's equation and the conversions between Keplerian elements and
//! Cartesian states (Vallado 2013, algorithms 2 KEPEQTNE, 9 RV2COE and 10
//! COE2RV, written with the eccentric anomaly so no true anomaly is needed).

use super::trig::sin_cos;
use super::{Elements, OrbitError, State};
use crate::Vec3;
use crate::constants::MU_EARTH;
use std::f64::consts::{PI, TAU};

/// 1.5·2⁵²: adding and subtracting it rounds to the nearest integer.
const ROUND_MAGIC: f64 = 6_755_399_441_055_744.0;
/// 2π split in a 33-bit head (4 × fdlibm `pio2_1`, so k·TAU_HI is exact for
/// |k| < 2²⁰) and the tail 2π − TAU_HI (4 × fdlibm `pio2_1t`).
#[allow(clippy::excessive_precision)]
const TAU_HI: f64 = 6.283_185_306_936_502_456_68;
#[allow(clippy::excessive_precision)]
const TAU_LO: f64 = 2.430_840_202_602_476_899_7e-10;

/// Eccentric anomaly E (rad) solving Kepler's equation `M = E − e·sin E` for a
/// mean anomaly `mean_anomaly_rad` (rad, any value) and an eccentricity in
/// [0, 1). The result is on the same turn as M (E − M is within ±e).
///
/// Safeguarded Newton iteration on M reduced to [−π, π]: the root is kept in a
/// bracket and a step leaving it is replaced by bisection, so it converges for
/// every e < 1 (tested to 0.999), to about 1e-15 rad.
pub fn solve_kepler(mean_anomaly_rad: f64, eccentricity: f64) -> Result<f64, OrbitError> {
    if !mean_anomaly_rad.is_finite() {
        return Err(OrbitError::NonFinite {
            field: "mean_anomaly_rad",
            value: mean_anomaly_rad,
        });
    }
    if !(0.0..1.0).contains(&eccentricity) {
        return Err(OrbitError::Eccentricity {
            value: eccentricity,
        });
    }
    let k = round(mean_anomaly_rad / TAU);
    let m = (mean_anomaly_rad - k * TAU_HI) - k * TAU_LO;
    Ok(eccentric_anomaly_reduced(m, eccentricity).0 + k * TAU)
}

#[inline(always)]
fn round(x: f64) -> f64 {
    (x + ROUND_MAGIC) - ROUND_MAGIC
}

/// Eccentric anomaly in [−π, π] for any mean anomaly (rad), with its sine and
/// cosine; e in [0, 1).
#[inline(always)]
pub(super) fn eccentric_anomaly(m: f64, e: f64) -> (f64, f64, f64) {
    let k = round(m * (1.0 / TAU));
    eccentric_anomaly_reduced((m - k * TAU_HI) - k * TAU_LO, e)
}

/// Kepler solve for `m` in [−π, π] (slightly beyond is harmless), returning
/// (E, sin E, cos E).
#[inline(always)]
fn eccentric_anomaly_reduced(m: f64, e: f64) -> (f64, f64, f64) {
    // f(E) = E − e sin E − m increases monotonically; the root lies between m
    // and m ± e (and within [−π, π]).
    let (mut lo, mut hi) = if m >= 0.0 {
        (m, (m + e).min(PI))
    } else {
        ((m - e).max(-PI), m)
    };
    // Danby's starter E₀ = m + 0.85·e·sign(m).
    let mut big_e = (m + 0.85 * e * if m >= 0.0 { 1.0 } else { -1.0 }).clamp(lo, hi);
    // Newton's error after a step d is ≈ e·d²/(2(1 − e cos E)) ≤ e·d²/(2(1 − e)):
    // stop once that is below 1e-17 rad and d is small enough for the
    // second-order update of sin E and cos E below to be exact to 1e-17.
    let converged = 2.0e-17 * (1.0 - e);
    for _ in 0..64 {
        let (s, c) = sin_cos(big_e);
        let f = big_e - e * s - m;
        if f == 0.0 {
            return (big_e, s, c);
        }
        if f > 0.0 {
            hi = big_e;
        } else {
            lo = big_e;
        }
        let d = -f / (1.0 - e * c);
        let next = big_e + d;
        if next > lo && next < hi {
            if d.abs() < 1e-6 && e * d * d <= converged {
                let h = 0.5 * d * d;
                return (next, s + c * d - s * h, c - s * d - c * h);
            }
            big_e = next;
        } else {
            big_e = 0.5 * (lo + hi);
            if hi - lo <= 1e-15 {
                break;
            }
        }
    }
    let (s, c) = sin_cos(big_e);
    (big_e, s, c)
}

/// Largest eccentricity of the near-circular Kepler solver,
/// [`eccentric_anomaly_near_circular`].
pub(super) const NEAR_CIRCULAR_MAX_E: f64 = 0.1;

/// (sin E, cos E) for any mean anomaly `m` (rad) and e < [`NEAR_CIRCULAR_MAX_E`]
/// by a fixed, branch-free sequence (so batch loops vectorise): Danby's starter,
/// two Newton steps, and a third whose result updates sin E and cos E to
/// second order. Newton's error contracts by at most e/(2(1 − e)) ≤ 0.056 times
/// its square per step, from at most 0.1 at the start: 4e-4, 9e-9, then below
/// 1e-17 rad.
#[inline(always)]
pub(super) fn eccentric_anomaly_near_circular(m: f64, e: f64) -> (f64, f64) {
    let k = round(m * (1.0 / TAU));
    let m = (m - k * TAU_HI) - k * TAU_LO;
    let mut big_e = m + 0.85 * e.copysign(m);
    let (mut s, mut c) = sin_cos(big_e);
    for _ in 0..2 {
        big_e += (m - big_e + e * s) / (1.0 - e * c);
        (s, c) = sin_cos(big_e);
    }
    let d = (m - big_e + e * s) / (1.0 - e * c);
    let h = 0.5 * d * d;
    (s + c * d - s * h, c - s * d - c * h)
}

/// ECI state (m, m/s) from the ellipse's constants and the angles at one time.
/// `beta` = √(1 − e²), `sqrt_mu_a` = √(μa); angles in rad; `se`, `ce` the
/// sine and cosine of the eccentric anomaly.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub(super) fn ellipse_state(
    a: f64,
    e: f64,
    beta: f64,
    sqrt_mu_a: f64,
    cos_i: f64,
    sin_i: f64,
    raan: f64,
    arg_perigee: f64,
    se: f64,
    ce: f64,
) -> [f64; 6] {
    let xp = a * (ce - e);
    let yp = a * beta * se;
    let vscale = sqrt_mu_a / (a * (1.0 - e * ce));
    let vxp = -vscale * se;
    let vyp = vscale * beta * ce;
    let (sw, cw) = sin_cos(arg_perigee);
    let (so, co) = sin_cos(raan);
    // Perifocal basis P (to perigee) and Q (90° ahead) in ECI.
    let px = co * cw - so * sw * cos_i;
    let py = so * cw + co * sw * cos_i;
    let pz = sw * sin_i;
    let qx = -co * sw - so * cw * cos_i;
    let qy = -so * sw + co * cw * cos_i;
    let qz = cw * sin_i;
    [
        xp * px + yp * qx,
        xp * py + yp * qy,
        xp * pz + yp * qz,
        vxp * px + vyp * qx,
        vxp * py + vyp * qy,
        vxp * pz + vyp * qz,
    ]
}

/// Two-body ECI state of `el` at mean anomaly `m` (rad).
pub(super) fn state_at_mean_anomaly(el: &Elements, m: f64) -> State {
    let a = el.semi_major_axis_m;
    let e = el.eccentricity;
    let (sin_i, cos_i) = sin_cos(el.inclination_rad);
    let (_, se, ce) = eccentric_anomaly(m, e);
    let s = ellipse_state(
        a,
        e,
        (1.0 - e * e).sqrt(),
        (MU_EARTH * a).sqrt(),
        cos_i,
        sin_i,
        el.raan_rad,
        el.arg_perigee_rad,
        se,
        ce,
    );
    State {
        position: Vec3::new(s[0], s[1], s[2]),
        velocity: Vec3::new(s[3], s[4], s[5]),
    }
}

/// Osculating elements of an ECI state; see [`Elements::from_state`].
pub(super) fn elements_from_state(state: State) -> Result<Elements, OrbitError> {
    let r = state.position;
    let v = state.velocity;
    for (field, value) in [
        ("position.x", r.x),
        ("position.y", r.y),
        ("position.z", r.z),
        ("velocity.x", v.x),
        ("velocity.y", v.y),
        ("velocity.z", v.z),
    ] {
        if !value.is_finite() {
            return Err(OrbitError::NonFinite { field, value });
        }
    }
    let rn = r.norm();
    let v2 = v.norm2();
    let h = r.cross(v);
    let hn = h.norm();
    if rn == 0.0 || hn <= 1e-12 * rn * v2.sqrt() {
        return Err(OrbitError::NotElliptic {
            reason: "zero angular momentum (rectilinear motion)",
        });
    }
    let energy = 0.5 * v2 - MU_EARTH / rn;
    if energy >= 0.0 {
        return Err(OrbitError::NotElliptic {
            reason: "specific energy ≥ 0 (parabolic or hyperbolic)",
        });
    }
    let a = -MU_EARTH / (2.0 * energy);
    let evec = (r * (v2 - MU_EARTH / rn) - v * r.dot(v)) / MU_EARTH;
    let e = evec.norm();
    if e >= 1.0 {
        return Err(OrbitError::NotElliptic {
            reason: "eccentricity ≥ 1",
        });
    }
    let inc = (h.x * h.x + h.y * h.y).sqrt().atan2(h.z);
    let hhat = h / hn;
    let node = Vec3::new(-h.y, h.x, 0.0);
    let nn = node.norm();
    let (raan, node_dir) = if nn > 1e-11 * hn {
        (h.x.atan2(-h.y), node / nn)
    } else {
        (0.0, Vec3::new(1.0, 0.0, 0.0))
    };
    // Angle from the node to a vector in the orbit plane, positive along the motion.
    let from_node = |w: Vec3| hhat.dot(node_dir.cross(w)).atan2(node_dir.dot(w));
    let u = from_node(r);
    let (argp, nu) = if e > 1e-11 {
        let w = from_node(evec);
        (w, u - w)
    } else {
        (0.0, u)
    };
    let (snu, cnu) = nu.sin_cos();
    let big_e = ((1.0 - e * e).sqrt() * snu).atan2(e + cnu);
    let m = big_e - e * big_e.sin();
    Ok(Elements {
        semi_major_axis_m: a,
        eccentricity: e,
        inclination_rad: inc,
        raan_rad: raan.rem_euclid(TAU),
        arg_perigee_rad: argp.rem_euclid(TAU),
        mean_anomaly_rad: m.rem_euclid(TAU),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constants::WGS84_A;
    use proptest::prelude::*;

    fn wrap(a: f64) -> f64 {
        (a + PI).rem_euclid(TAU) - PI
    }

    #[test]
    fn kepler_solves_to_machine_precision_up_to_e_0_999() {
        for &e in &[0.0, 1e-6, 0.1, 0.5, 0.9, 0.97, 0.99, 0.999] {
            for k in -2000..=2000 {
                let m = f64::from(k) * 0.0123;
                let big_e = solve_kepler(m, e).unwrap();
                let resid = big_e - e * big_e.sin() - m;
                assert!(resid.abs() < 1e-12, "e {e} M {m} resid {resid}");
                assert!((big_e - m).abs() <= e + 1e-12);
            }
        }
        // The hard corner: e → 1, M → 0.
        let big_e = solve_kepler(1e-9, 0.99).unwrap();
        assert!((big_e - 0.99 * big_e.sin() - 1e-9).abs() < 1e-15);
    }

    #[test]
    fn kernel_sine_and_cosine_match_the_anomaly() {
        for &e in &[0.0, 1e-4, 0.001, 0.3, 0.9, 0.99] {
            for k in -300..=300 {
                let m = f64::from(k) * 0.0371;
                let (big_e, s, c) = eccentric_anomaly(m, e);
                let (rs, rc) = big_e.sin_cos();
                assert!(
                    (s - rs).abs() < 5e-16 && (c - rc).abs() < 5e-16,
                    "e {e} M {m}"
                );
                let mr = m - (m / TAU).round() * TAU;
                assert!((big_e - e * rs - mr).abs() < 1e-14, "e {e} M {m}");
            }
        }
    }

    #[test]
    fn near_circular_solver_matches_the_safeguarded_one() {
        let mut worst: f64 = 0.0;
        for ie in 0..=200 {
            let e = NEAR_CIRCULAR_MAX_E * f64::from(ie) / 200.0 * (1.0 - 1e-12);
            for k in -2000..=2000 {
                let m = f64::from(k) * 0.003_17;
                let (_, s0, c0) = eccentric_anomaly(m, e);
                let (s1, c1) = eccentric_anomaly_near_circular(m, e);
                worst = worst.max((s1 - s0).abs()).max((c1 - c0).abs());
            }
        }
        assert!(worst < 1e-15, "{worst}");
    }

    #[test]
    fn kepler_rejects_bad_input() {
        assert!(solve_kepler(f64::NAN, 0.1).is_err());
        assert!(solve_kepler(1.0, 1.0).is_err());
        assert!(solve_kepler(1.0, -0.1).is_err());
    }

    #[test]
    fn two_body_conserves_energy_and_momentum() {
        let el = Elements::new((WGS84_A + 500e3) / 0.7, 0.3, 1.1, 0.4, 2.0, 0.1).unwrap();
        let s0 = el.to_state();
        let en = |s: State| 0.5 * s.velocity.norm2() - MU_EARTH / s.position.norm();
        let h0 = s0.position.cross(s0.velocity);
        for k in 1..50 {
            let s = el.propagate_two_body(f64::from(k) * 377.0);
            assert!((en(s) / en(s0) - 1.0).abs() < 1e-13);
            assert!((s.position.cross(s.velocity) - h0).norm() / h0.norm() < 1e-13);
        }
    }

    #[test]
    fn two_body_returns_after_one_period() {
        let el = Elements::new(WGS84_A + 800e3, 0.05, 0.9, 1.0, 0.3, 2.0).unwrap();
        let s0 = el.to_state();
        let s1 = el.propagate_two_body(el.period_s());
        assert!((s1.position - s0.position).norm() < 1e-6);
        assert!((s1.velocity - s0.velocity).norm() < 1e-9);
    }

    #[test]
    fn singular_orbits_round_trip_through_the_state() {
        // Circular, equatorial, circular-equatorial and retrograde equatorial.
        for el in [
            Elements::new(7.0e6, 0.0, 0.8, 1.0, 0.0, 2.5).unwrap(),
            Elements::new(7.5e6, 0.05, 0.0, 0.0, 1.0, 2.5).unwrap(),
            Elements::new(7.0e6, 0.0, 0.0, 0.0, 0.0, 2.5).unwrap(),
            Elements::new(7.0e6, 0.0, PI, 0.0, 0.0, 2.5).unwrap(),
        ] {
            let s = el.to_state();
            let back = Elements::from_state(s).unwrap();
            let s2 = back.to_state();
            assert!(
                (s2.position - s.position).norm() < 1e-6,
                "{el:?} -> {back:?}"
            );
            assert!((s2.velocity - s.velocity).norm() < 1e-9);
        }
    }

    #[test]
    fn unbound_and_degenerate_states_are_errors() {
        let r = Vec3::new(7e6, 0.0, 0.0);
        let esc = (2.0 * MU_EARTH / 7e6).sqrt();
        let unbound = State {
            position: r,
            velocity: Vec3::new(0.0, esc * 1.01, 0.0),
        };
        assert!(matches!(
            Elements::from_state(unbound),
            Err(OrbitError::NotElliptic { .. })
        ));
        let radial = State {
            position: r,
            velocity: Vec3::new(100.0, 0.0, 0.0),
        };
        assert!(Elements::from_state(radial).is_err());
        let nan = State {
            position: Vec3::new(f64::NAN, 0.0, 0.0),
            velocity: Vec3::ZERO,
        };
        assert_eq!(Elements::from_state(nan).unwrap_err().field(), "position.x");
    }

    proptest! {
        #[test]
        fn elements_state_elements_round_trip(
            alt in 200e3f64..40_000e3, e in 0.001f64..0.7, inc in 0.01f64..3.13,
            raan in 0.0f64..TAU, argp in 0.0f64..TAU, m in 0.0f64..TAU,
        ) {
            let a = (WGS84_A + alt) / (1.0 - e);
            let el = Elements::new(a, e, inc, raan, argp, m).unwrap();
            let back = Elements::from_state(el.to_state()).unwrap();
            prop_assert!((back.semi_major_axis_m / a - 1.0).abs() < 1e-11);
            prop_assert!((back.eccentricity - e).abs() < 1e-11);
            prop_assert!((back.inclination_rad - inc).abs() < 1e-11);
            prop_assert!(wrap(back.raan_rad - raan).abs() < 1e-10);
            prop_assert!(wrap(back.arg_perigee_rad - argp).abs() < 1e-8);
            prop_assert!(wrap(back.mean_anomaly_rad - m).abs() < 1e-8);
        }
    }
}
