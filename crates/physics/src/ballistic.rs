//! Closed-form ballistic trajectories over a spherical, non-rotating Earth
//! with point-mass gravity: minimum-energy arcs, maximum range, lofted and
//! depressed arcs, time of flight, and Keplerian impact prediction.
//!
//! References: Wheelon, "Free flight of a ballistic missile", ARS Journal 29
//! (1959); Regan & Anandakrishnan, *Dynamics of Atmospheric Re-Entry* (AIAA
//! 1993), ch. 3; Bate, Mueller & White, *Fundamentals of Astrodynamics* (1971),
//! ch. 6.

use crate::Vec3;
use std::f64::consts::PI;

/// A spherical Earth for closed forms: radius (m) and gravitational parameter (m³/s²).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sphere {
    /// Radius, m.
    pub radius: f64,
    /// Gravitational parameter μ, m³/s².
    pub mu: f64,
}

impl Default for Sphere {
    /// R = 6,371 km, μ = 398,600.4418 km³/s².
    fn default() -> Self {
        Self {
            radius: crate::constants::R_EARTH_MEAN,
            mu: crate::constants::MU_EARTH,
        }
    }
}

/// A symmetric surface-to-surface ballistic arc.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Arc {
    /// Ground range, m.
    pub range: f64,
    /// Speed at launch (burnout at the surface), m/s.
    pub speed: f64,
    /// Flight-path angle above the local horizontal at launch, rad.
    pub flight_path_angle: f64,
    /// Apogee altitude above the sphere, m.
    pub apogee_altitude: f64,
    /// Time of flight, s.
    pub time_of_flight: f64,
}

impl Sphere {
    /// The minimum-energy arc for a ground range (m): `v² = (μ/R)·2s/(1+s)`
    /// with `s = sin(ψ/2)`, `γ = (π − ψ)/4`. Returns `None` for a range not in
    /// (0, πR).
    pub fn minimum_energy(&self, range: f64) -> Option<Arc> {
        let psi = range / self.radius;
        if !(psi > 0.0 && psi < PI) {
            return None;
        }
        let s = (psi / 2.0).sin();
        let v2 = self.mu / self.radius * 2.0 * s / (1.0 + s);
        let gamma = (PI - psi) / 4.0;
        Some(self.arc_from(range, v2.sqrt(), gamma))
    }

    /// Maximum ground range (m) for a burnout speed `v` (m/s) at the surface:
    /// `sin(ψ/2) = ν/(2 − ν)`, `ν = v²R/μ`; `None` at or beyond circular speed.
    pub fn max_range(&self, v: f64) -> Option<f64> {
        let nu = v * v * self.radius / self.mu;
        if !(nu > 0.0 && nu < 1.0) {
            return None;
        }
        Some(2.0 * (nu / (2.0 - nu)).asin() * self.radius)
    }

    /// Ground range (m) of a free-flight arc from the surface with speed `v`
    /// (m/s) and flight-path angle `gamma` (rad):
    /// `tan(ψ/2) = ν sinγ cosγ / (1 − ν cos²γ)`. `None` if it does not come back.
    pub fn range(&self, v: f64, gamma: f64) -> Option<f64> {
        let nu = v * v * self.radius / self.mu;
        let den = 1.0 - nu * gamma.cos().powi(2);
        if den <= 0.0 || nu >= 2.0 {
            return None;
        }
        let half = (nu * gamma.sin() * gamma.cos()).atan2(den);
        Some(2.0 * half * self.radius)
    }

    /// The arc through a given apogee altitude (m) and ground range (m): lofted
    /// above the minimum-energy apogee, depressed below it. `None` if the
    /// apogee is not above the chord or the range not in (0, πR).
    pub fn arc_with_apogee(&self, range: f64, apogee_altitude: f64) -> Option<Arc> {
        let psi = range / self.radius;
        let r = self.radius;
        let ra = r + apogee_altitude;
        let ch = (psi / 2.0).cos();
        if !(psi > 0.0 && psi < PI) || ra * ch <= r * ch * ch || ra <= r {
            return None;
        }
        // Apogee at true anomaly π; impact points at π ± ψ/2.
        let e = (ra - r) / (ra - r * ch);
        let p = ra * (1.0 - e);
        let a = p / (1.0 - e * e);
        let v = (self.mu * (2.0 / r - 1.0 / a)).sqrt();
        let nu = PI - psi / 2.0;
        let gamma = (e * nu.sin()).atan2(1.0 + e * nu.cos());
        Some(self.arc_from(range, v, gamma))
    }

    /// Complete an arc from range, launch speed and flight-path angle.
    fn arc_from(&self, range: f64, v: f64, gamma: f64) -> Arc {
        let r = Vec3::new(self.radius, 0.0, 0.0);
        let vel = Vec3::new(v * gamma.sin(), v * gamma.cos(), 0.0);
        let k = KeplerArc::new(r, vel, self.mu);
        let (apogee_altitude, time_of_flight) = match k.impact(self.radius) {
            Some(imp) => (k.apoapsis() - self.radius, imp.time_of_flight),
            None => (f64::NAN, f64::NAN),
        };
        Arc {
            range,
            speed: v,
            flight_path_angle: gamma,
            apogee_altitude,
            time_of_flight,
        }
    }
}

/// A Keplerian (point-mass) conic from one state, for prediction.
#[derive(Clone, Copy, Debug)]
pub struct KeplerArc {
    mu: f64,
    /// Semi-latus rectum, m.
    p: f64,
    /// Eccentricity, dimensionless.
    e: f64,
    /// True anomaly at the state, rad.
    nu0: f64,
    /// In-plane unit vectors: along r0 and 90° ahead of it in the motion.
    u: Vec3,
    w: Vec3,
}

/// Where and when a Keplerian arc comes down through a given radius.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Impact {
    /// Central angle travelled from the state to the impact, rad.
    pub central_angle: f64,
    /// Time from the state to the impact, s.
    pub time_of_flight: f64,
    /// Impact position, same frame as the state (inertial), m.
    pub position: Vec3,
    /// Impact velocity, same frame, m/s.
    pub velocity: Vec3,
}

impl KeplerArc {
    /// The conic through position `r` (m) and velocity `v` (m/s) in an inertial
    /// frame, for gravitational parameter `mu` (m³/s²).
    pub fn new(r: Vec3, v: Vec3, mu: f64) -> Self {
        let h = r.cross(v);
        let hn = h.norm();
        let rn = r.norm();
        let p = hn * hn / mu;
        let evec = v.cross(h) / mu - r / rn;
        let e = evec.norm();
        let u = r / rn;
        let w = h.cross(r).unit();
        // True anomaly of the state: angle from periapsis to r.
        let nu0 = if e < 1e-12 {
            0.0
        } else {
            let c = evec.dot(r) / (e * rn);
            let s = evec.cross(r).dot(h) / (e * rn * hn);
            s.atan2(c)
        };
        Self {
            mu,
            p,
            e,
            nu0,
            u,
            w,
        }
    }

    /// Eccentricity, dimensionless.
    pub fn eccentricity(&self) -> f64 {
        self.e
    }

    /// Periapsis radius, m.
    pub fn periapsis(&self) -> f64 {
        self.p / (1.0 + self.e)
    }

    /// Apoapsis radius, m (infinite for open orbits).
    pub fn apoapsis(&self) -> f64 {
        if self.e >= 1.0 {
            f64::INFINITY
        } else {
            self.p / (1.0 - self.e)
        }
    }

    /// Time (s) from the state to apoapsis on a closed orbit; zero if the
    /// state is already descending.
    pub fn time_to_apoapsis(&self) -> f64 {
        if self.e >= 1.0 || self.e < 1e-12 {
            return 0.0;
        }
        let nu0 = self.nu0.rem_euclid(2.0 * PI);
        if nu0 >= PI {
            return 0.0;
        }
        self.time_between(nu0, PI)
    }

    /// The first descending crossing of radius `radius` (m) ahead of the state,
    /// if the conic is closed and reaches below it.
    pub fn impact(&self, radius: f64) -> Option<Impact> {
        if self.e >= 1.0 || self.e < 1e-12 {
            return None;
        }
        let cos_nu = (self.p / radius - 1.0) / self.e;
        if !(-1.0..=1.0).contains(&cos_nu) {
            return None;
        }
        // Descending branch: ν in (π, 2π).
        let nu_i = 2.0 * PI - cos_nu.acos();
        let nu0 = self.nu0.rem_euclid(2.0 * PI);
        let mut dnu = nu_i - nu0;
        if dnu < 0.0 {
            dnu += 2.0 * PI;
        }
        let tof = self.time_between(nu0, nu0 + dnu);
        let (s, c) = dnu.sin_cos();
        let dir = self.u * c + self.w * s;
        let position = dir * radius;
        // Velocity at ν_i: radial and transverse components.
        let sqrt_mu_p = (self.mu / self.p).sqrt();
        let vr = sqrt_mu_p * self.e * nu_i.sin();
        let vt = sqrt_mu_p * (1.0 + self.e * nu_i.cos());
        let tangential = self.w * c - self.u * s;
        Some(Impact {
            central_angle: dnu,
            time_of_flight: tof,
            position,
            velocity: dir * vr + tangential * vt,
        })
    }

    /// Time of flight (s) on a closed orbit from true anomaly `a` to `b`
    /// (rad, `b ≥ a`, possibly beyond 2π), through eccentric anomaly.
    fn time_between(&self, a: f64, b: f64) -> f64 {
        let e = self.e;
        let sma = self.p / (1.0 - e * e);
        let n = (self.mu / (sma * sma * sma)).sqrt();
        let mean = |nu: f64| {
            let turns = (nu / (2.0 * PI)).floor();
            let f = nu - turns * 2.0 * PI;
            let ea = 2.0 * (((1.0 - e) / (1.0 + e)).sqrt() * (f / 2.0).tan()).atan();
            let m = ea - e * ea.sin();
            m.rem_euclid(2.0 * PI) + turns * 2.0 * PI
        };
        (mean(b) - mean(a)) / n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_range_inverts_minimum_energy() {
        let s = Sphere::default();
        for km in [1_000.0, 5_000.0, 10_000.0, 15_000.0] {
            let arc = s.minimum_energy(km * 1e3).unwrap();
            let back = s.max_range(arc.speed).unwrap();
            assert!((back - km * 1e3).abs() < 1e-3, "{km}: {back}");
            let r = s.range(arc.speed, arc.flight_path_angle).unwrap();
            assert!((r - km * 1e3).abs() < 1e-3);
        }
    }

    #[test]
    fn apogee_arc_through_minimum_energy_apogee_is_the_minimum_energy_arc() {
        let s = Sphere::default();
        let me = s.minimum_energy(8e6).unwrap();
        let arc = s.arc_with_apogee(8e6, me.apogee_altitude).unwrap();
        assert!((arc.speed - me.speed).abs() < 1e-6);
        assert!((arc.flight_path_angle - me.flight_path_angle).abs() < 1e-9);
        // Lofted needs more speed and a steeper climb; depressed needs more speed, flatter.
        let lofted = s.arc_with_apogee(8e6, 2.0 * me.apogee_altitude).unwrap();
        let depressed = s.arc_with_apogee(8e6, 0.5 * me.apogee_altitude).unwrap();
        assert!(lofted.speed > me.speed && lofted.flight_path_angle > me.flight_path_angle);
        assert!(depressed.speed > me.speed && depressed.flight_path_angle < me.flight_path_angle);
        assert!(lofted.time_of_flight > me.time_of_flight);
        assert!(depressed.time_of_flight < me.time_of_flight);
    }

    #[test]
    fn kepler_impact_is_on_the_conic() {
        let r = Vec3::new(6.5e6, 0.0, 0.0);
        let v = Vec3::new(2e3, 6.0e3, 1e3);
        let k = KeplerArc::new(r, v, crate::constants::MU_EARTH);
        let imp = k.impact(6.371e6).unwrap();
        assert!((imp.position.norm() - 6.371e6).abs() < 1e-3);
        // Energy and angular momentum are conserved at impact.
        let mu = crate::constants::MU_EARTH;
        let e0 = 0.5 * v.norm2() - mu / r.norm();
        let e1 = 0.5 * imp.velocity.norm2() - mu / imp.position.norm();
        assert!(((e1 - e0) / e0).abs() < 1e-12);
        let h0 = r.cross(v);
        let h1 = imp.position.cross(imp.velocity);
        assert!((h0 - h1).norm() / h0.norm() < 1e-12);
        assert!(imp.velocity.dot(imp.position) < 0.0);
    }
}
