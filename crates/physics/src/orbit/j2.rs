//! J2 secular rates of mean elements and the per-satellite propagation
//! kernels shared by [`super::Elements::propagate_j2`] and [`super::J2Batch`].

use super::kepler::{
    NEAR_CIRCULAR_MAX_E, eccentric_anomaly, eccentric_anomaly_near_circular, ellipse_state,
};
use super::trig::sin_cos;
use super::{Elements, State};
use crate::Vec3;
use crate::constants::{J2, MU_EARTH, WGS84_A};

/// Mean motion of the Sun about the Earth, rad/s: 2π per tropical year of
/// 365.2421897 days (Vallado 2013, §9.6, the sun-synchronous condition
/// Ω̇ = 0.9856°/day).
pub const SUN_SYNCHRONOUS_RAAN_RATE_RAD_S: f64 = std::f64::consts::TAU / (365.242_189_7 * 86_400.0);

/// Secular rates of mean elements under J2, rad/s (Vallado 2013, eq. 9-41):
///
/// - Ω̇ = −(3/2) n J2 (R/p)² cos i
/// - ω̇ = (3/4) n J2 (R/p)² (4 − 5 sin² i)
/// - Ṁ = n + (3/4) n J2 (R/p)² √(1 − e²) (3 cos² i − 1)
///
/// with n = √(μ/a³) from the mean semi-major axis, p = a(1 − e²) and
/// R = [`WGS84_A`] (the radius [`J2`] is referred to).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct J2Rates {
    /// Rate of the right ascension of the ascending node, rad/s (negative for
    /// prograde orbits: nodal regression).
    pub raan_rad_s: f64,
    /// Rate of the argument of perigee, rad/s (apsidal rotation).
    pub arg_perigee_rad_s: f64,
    /// Rate of the mean anomaly, rad/s: the mean motion with its J2 correction.
    pub mean_anomaly_rad_s: f64,
}

impl J2Rates {
    /// The rates of mean elements `el`.
    pub fn of(el: &Elements) -> Self {
        let n = el.mean_motion_rad_s();
        let e = el.eccentricity;
        let ratio = WGS84_A / el.semi_latus_rectum_m();
        let k = 0.75 * n * J2 * ratio * ratio;
        let (si, ci) = el.inclination_rad.sin_cos();
        let s2 = si * si;
        Self {
            raan_rad_s: -2.0 * k * ci,
            arg_perigee_rad_s: k * (4.0 - 5.0 * s2),
            mean_anomaly_rad_s: n + k * (1.0 - e * e).sqrt() * (2.0 - 3.0 * s2),
        }
    }

    /// Rate of the argument of latitude of a circular orbit, ω̇ + Ṁ, rad/s.
    #[inline]
    pub fn arg_latitude_rad_s(&self) -> f64 {
        self.arg_perigee_rad_s + self.mean_anomaly_rad_s
    }
}

/// Inclination (rad) of the sun-synchronous orbit with semi-major axis
/// `semi_major_axis_m` (m) and eccentricity `eccentricity`: the one whose J2
/// nodal rate equals [`SUN_SYNCHRONOUS_RAAN_RATE_RAD_S`]. `None` when no
/// inclination reaches that rate (a above ≈ 12,350 km) or the input is invalid.
pub fn sun_synchronous_inclination_rad(semi_major_axis_m: f64, eccentricity: f64) -> Option<f64> {
    if !(semi_major_axis_m > 0.0 && (0.0..1.0).contains(&eccentricity)) {
        return None;
    }
    let a = semi_major_axis_m;
    let n = (MU_EARTH / (a * a * a)).sqrt();
    let ratio = WGS84_A / (a * (1.0 - eccentricity * eccentricity));
    let cos_i = -SUN_SYNCHRONOUS_RAAN_RATE_RAD_S / (1.5 * n * J2 * ratio * ratio);
    (cos_i >= -1.0).then(|| cos_i.acos())
}

/// Per-satellite constants of the circular fast path. The position advances
/// at the J2-corrected rates; the velocity is the two-body speed √(μ/a)
/// along the orbit, so it differs from the derivative of the position by the
/// J2 rate corrections (about 1e-3 relative in LEO) — the usual convention of
/// mean-element propagation, documented here so that nobody differentiates
/// one to check the other.
#[derive(Clone, Copy, Debug)]
pub(super) struct CircularSat {
    /// Orbit radius, m.
    pub radius: f64,
    /// Speed √(μ/a), m/s.
    pub speed: f64,
    /// cos and sin of the inclination.
    pub cos_i: f64,
    pub sin_i: f64,
    /// Argument of latitude at t = 0 (rad) and its rate (rad/s).
    pub u0: f64,
    pub u_rate: f64,
    /// RAAN at t = 0 (rad) and its rate (rad/s).
    pub raan0: f64,
    pub raan_rate: f64,
}

impl CircularSat {
    pub fn new(el: &Elements) -> Self {
        let rates = J2Rates::of(el);
        let a = el.semi_major_axis_m;
        let (sin_i, cos_i) = sin_cos(el.inclination_rad);
        Self {
            radius: a,
            speed: (MU_EARTH / a).sqrt(),
            cos_i,
            sin_i,
            u0: el.arg_perigee_rad + el.mean_anomaly_rad,
            u_rate: rates.arg_latitude_rad_s(),
            raan0: el.raan_rad,
            raan_rate: rates.raan_rad_s,
        }
    }
}

/// Per-satellite constants of the elliptic path.
#[derive(Clone, Copy, Debug)]
pub(super) struct EllipticSat {
    pub a: f64,
    pub e: f64,
    /// √(1 − e²).
    pub beta: f64,
    /// √(μa), m²/s.
    pub sqrt_mu_a: f64,
    pub cos_i: f64,
    pub sin_i: f64,
    pub m0: f64,
    pub m_rate: f64,
    pub w0: f64,
    pub w_rate: f64,
    pub raan0: f64,
    pub raan_rate: f64,
}

impl EllipticSat {
    pub fn new(el: &Elements) -> Self {
        let rates = J2Rates::of(el);
        let a = el.semi_major_axis_m;
        let e = el.eccentricity;
        let (sin_i, cos_i) = sin_cos(el.inclination_rad);
        Self {
            a,
            e,
            beta: (1.0 - e * e).sqrt(),
            sqrt_mu_a: (MU_EARTH * a).sqrt(),
            cos_i,
            sin_i,
            m0: el.mean_anomaly_rad,
            m_rate: rates.mean_anomaly_rad_s,
            w0: el.arg_perigee_rad,
            w_rate: rates.arg_perigee_rad_s,
            raan0: el.raan_rad,
            raan_rate: rates.raan_rad_s,
        }
    }

    /// ECI state at `t` (s): [x, y, z, vx, vy, vz] in m and m/s, with the
    /// safeguarded Kepler solver (any e < 1).
    #[inline(always)]
    pub fn state(&self, t: f64) -> [f64; 6] {
        let (_, se, ce) = eccentric_anomaly(self.m0 + self.m_rate * t, self.e);
        self.state_from(t, se, ce)
    }

    /// As [`EllipticSat::state`] with the branch-free near-circular solver
    /// (e < [`NEAR_CIRCULAR_MAX_E`]).
    #[inline(always)]
    pub fn state_near_circular(&self, t: f64) -> [f64; 6] {
        let (se, ce) = eccentric_anomaly_near_circular(self.m0 + self.m_rate * t, self.e);
        self.state_from(t, se, ce)
    }

    #[inline(always)]
    fn state_from(&self, t: f64, se: f64, ce: f64) -> [f64; 6] {
        ellipse_state(
            self.a,
            self.e,
            self.beta,
            self.sqrt_mu_a,
            self.cos_i,
            self.sin_i,
            self.raan0 + self.raan_rate * t,
            self.w0 + self.w_rate * t,
            se,
            ce,
        )
    }
}

/// Which propagation kernel an orbit takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// e = 0: argument of latitude advances linearly, no Kepler solve.
    Circular,
    /// 0 < e < [`NEAR_CIRCULAR_MAX_E`]: fixed-step, vectorisable Kepler solve.
    NearCircular,
    /// Larger e: safeguarded Newton solve.
    Elliptic,
}

impl Kind {
    pub fn of(el: &Elements) -> Self {
        if el.is_circular() {
            Kind::Circular
        } else if el.eccentricity < NEAR_CIRCULAR_MAX_E {
            Kind::NearCircular
        } else {
            Kind::Elliptic
        }
    }
}

/// ECI state of a circular orbit (m, m/s) from its radius (m), speed (m/s),
/// cos/sin of the inclination, RAAN (rad) and argument of latitude (rad).
#[inline(always)]
pub(super) fn circle_state(
    radius: f64,
    speed: f64,
    cos_i: f64,
    sin_i: f64,
    raan: f64,
    u: f64,
) -> [f64; 6] {
    let (su, cu) = sin_cos(u);
    let (so, co) = sin_cos(raan);
    // Node direction N = (co, so, 0) and in-plane normal to it
    // W = (−so·cos i, co·cos i, sin i): r̂ = cu N + su W, v̂ = −su N + cu W.
    let wx = -so * cos_i;
    let wy = co * cos_i;
    [
        radius * (cu * co + su * wx),
        radius * (cu * so + su * wy),
        radius * (su * sin_i),
        speed * (cu * wx - su * co),
        speed * (cu * wy - su * so),
        speed * (cu * sin_i),
    ]
}

impl CircularSat {
    /// ECI state at `t` (s): [x, y, z, vx, vy, vz] in m and m/s.
    #[inline(always)]
    pub fn state(&self, t: f64) -> [f64; 6] {
        circle_state(
            self.radius,
            self.speed,
            self.cos_i,
            self.sin_i,
            self.raan0 + self.raan_rate * t,
            self.u0 + self.u_rate * t,
        )
    }
}

/// J2-secular ECI state of one satellite at `t` (s).
pub(super) fn propagate_one(el: &Elements, t: f64) -> State {
    let s = match Kind::of(el) {
        Kind::Circular => CircularSat::new(el).state(t),
        Kind::NearCircular => EllipticSat::new(el).state_near_circular(t),
        Kind::Elliptic => EllipticSat::new(el).state(t),
    };
    State {
        position: Vec3::new(s[0], s[1], s[2]),
        velocity: Vec3::new(s[3], s[4], s[5]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::TAU;

    #[test]
    fn circular_fast_path_agrees_with_the_elliptic_path() {
        let el = Elements::circular(550e3, 53f64.to_radians(), 1.2, 0.4).unwrap();
        let c = CircularSat::new(&el);
        let e = EllipticSat::new(&el);
        for k in 0..200 {
            let t = f64::from(k) * 431.0;
            let a = c.state(t);
            let b = e.state(t);
            for j in 0..3 {
                assert!((a[j] - b[j]).abs() < 1e-6, "t {t} comp {j}");
                assert!((a[j + 3] - b[j + 3]).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn j2_state_is_on_the_orbit_with_two_body_speed() {
        let el = Elements::circular(1_200e3, 1.0, 0.3, 0.0).unwrap();
        let a = el.semi_major_axis_m;
        for k in 0..100 {
            let s = el.propagate_j2(f64::from(k) * 1_000.0);
            assert!((s.position.norm() / a - 1.0).abs() < 1e-14);
            assert!(s.position.dot(s.velocity).abs() < 1e-6 * a);
            // The angular momentum keeps the inclination.
            let h = s.position.cross(s.velocity);
            assert!((h.z / h.norm() - 1f64.cos()).abs() < 1e-13);
        }
    }

    #[test]
    fn j2_with_no_time_is_the_two_body_state() {
        let el = Elements::new(7.5e6, 0.1, 1.0, 0.2, 0.3, 0.4).unwrap();
        let a = el.propagate_j2(0.0);
        let b = el.to_state();
        assert!((a.position - b.position).norm() < 1e-8);
    }

    #[test]
    fn critical_inclination_freezes_the_perigee() {
        // 4 − 5 sin² i = 0 at i = 63.435°.
        let i = (2.0f64 / 5.0f64.sqrt()).asin();
        let el = Elements::new(26_600e3, 0.74, i, 0.0, 1.5 * TAU / 4.0, 0.0).unwrap();
        assert!(el.j2_rates().arg_perigee_rad_s.abs() < 1e-20);
    }

    #[test]
    fn sun_synchronous_inclination_at_700_km() {
        let i = sun_synchronous_inclination_rad(WGS84_A + 700e3, 0.0).unwrap();
        assert!((i.to_degrees() - 98.19).abs() < 0.01, "{}", i.to_degrees());
        assert!(sun_synchronous_inclination_rad(20_000e3, 0.0).is_none());
        assert!(sun_synchronous_inclination_rad(f64::NAN, 0.0).is_none());
    }
}
