//! Orbits: Keplerian elements, two-body (Kepler) and J2-secular propagation,
//! and batch propagation of whole constellations.
//!
//! # Frame and time
//!
//! Elements and states are in cupola's ECI frame: Earth-centred, inertial, with
//! its x axis through the Greenwich meridian and z along the rotation axis at
//! simulation time zero (the scenario epoch). So the right ascension of the
//! ascending node ([`Elements::raan_rad`]) is measured from the Greenwich
//! meridian *at t = 0*, and a node that stays fixed in ECI drifts westward over
//! the ground at the Earth's rotation rate. ECEF positions follow with
//! [`crate::frames::eci_to_ecef_position`]. Elements are given at t = 0;
//! propagation time is `f64` seconds from the scenario epoch.
//!
//! # Models
//!
//! - [`Elements::propagate_two_body`]: Kepler's problem, point-mass Earth.
//! - [`Elements::propagate_j2`] and [`J2Batch`]: mean elements with the J2
//!   secular rates of the node, the argument of perigee and the mean anomaly
//!   (Vallado 2013, *Fundamentals of Astrodynamics and Applications*, 4th ed.,
//!   §9.6, eq. 9-41), converted to a state by the two-body formulas (Vallado's
//!   algorithm PKEPLER without drag). No short-period terms, no drag: good for
//!   constellation geometry over days, not for precise ephemerides.
//!
//! Circular orbits (eccentricity exactly 0, as the constellation builders make
//! them) take a fast path: the argument of latitude advances linearly and no
//! Kepler equation is solved. Near-circular orbits (0 < e < 0.1) solve Kepler's
//! equation in a fixed, branch-free number of Newton steps; larger
//! eccentricities use a safeguarded solver ([`solve_kepler`]).
//!
//! The propagation kernels use their own branch-free `sin_cos` (fdlibm's
//! polynomials, IEEE `+ − ×` only), so states are bit-identical on every
//! platform and for any thread count.

mod batch;
mod j2;
mod kepler;
pub mod omm;
pub mod sgp4_model;
pub mod tle;
mod trig;

pub use batch::{BatchError, J2Batch, PositionBuffer, StateBuffer};
pub use j2::{J2Rates, SUN_SYNCHRONOUS_RAAN_RATE_RAD_S, sun_synchronous_inclination_rad};
pub use kepler::solve_kepler;

use crate::Vec3;
use crate::constants::{MU_EARTH, WGS84_A};
use std::f64::consts::{PI, TAU};

/// Lowest perigee altitude accepted for an orbit, m above the WGS84 equatorial
/// radius [`WGS84_A`] (100 km, the Kármán line: below it an orbit decays in
/// hours and these drag-free models do not apply).
pub const MIN_PERIGEE_ALTITUDE_M: f64 = 100_000.0;

/// Errors of orbit construction and conversion.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OrbitError {
    /// A quantity is NaN or infinite.
    #[error("{field} is not finite ({value})")]
    NonFinite {
        /// Name of the offending field (as in [`Elements`]).
        field: &'static str,
        /// Its value.
        value: f64,
    },
    /// The eccentricity is outside [0, 1).
    #[error("eccentricity {value} is outside [0, 1)")]
    Eccentricity {
        /// The eccentricity given, dimensionless.
        value: f64,
    },
    /// The inclination is outside [0, π].
    #[error("inclination {value_rad} rad is outside [0, π]")]
    Inclination {
        /// The inclination given, rad.
        value_rad: f64,
    },
    /// The perigee is below [`MIN_PERIGEE_ALTITUDE_M`].
    #[error("perigee altitude {perigee_altitude_m} m is below the minimum of {min_m} m")]
    PerigeeTooLow {
        /// Perigee altitude above [`WGS84_A`], m.
        perigee_altitude_m: f64,
        /// The minimum, m.
        min_m: f64,
    },
    /// A Cartesian state that is not a bound, non-degenerate orbit.
    #[error("state is not a bound orbit: {reason}")]
    NotElliptic {
        /// What is wrong with it.
        reason: &'static str,
    },
}

impl OrbitError {
    /// Name of the offending [`Elements`] field (for locating the error in a
    /// scenario file), or `"state"` for a Cartesian state.
    pub fn field(&self) -> &'static str {
        match self {
            OrbitError::NonFinite { field, .. } => field,
            OrbitError::Eccentricity { .. } => "eccentricity",
            OrbitError::Inclination { .. } => "inclination_rad",
            OrbitError::PerigeeTooLow { .. } => "semi_major_axis_m",
            OrbitError::NotElliptic { .. } => "state",
        }
    }
}

/// A Cartesian state: position (m) and velocity (m/s), ECI unless a function
/// says otherwise.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct State {
    /// Position, m.
    pub position: Vec3,
    /// Velocity, m/s.
    pub velocity: Vec3,
}

/// Mean Keplerian elements at simulation time t = 0, in cupola's ECI frame
/// (see the module notes: the node is measured from the Greenwich meridian at
/// t = 0).
///
/// Build with [`Elements::new`] or [`Elements::circular`], which validate; the
/// fields are public, so a value built by hand should be checked with
/// [`Elements::validate`] (invalid elements never panic, they give NaN states).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Elements {
    /// Semi-major axis, m.
    pub semi_major_axis_m: f64,
    /// Eccentricity, dimensionless, in [0, 1). Exactly 0 selects the circular fast path.
    pub eccentricity: f64,
    /// Inclination to the equator, rad, in [0, π].
    pub inclination_rad: f64,
    /// Right ascension of the ascending node, rad, from the ECI x axis.
    pub raan_rad: f64,
    /// Argument of perigee, rad, from the ascending node (0 for circular orbits).
    pub arg_perigee_rad: f64,
    /// Mean anomaly at t = 0, rad (the argument of latitude for circular orbits).
    pub mean_anomaly_rad: f64,
}

impl Elements {
    /// Validated elements from semi-major axis (m), eccentricity, inclination,
    /// RAAN, argument of perigee and mean anomaly (rad). Angles other than the
    /// inclination are reduced to [0, 2π).
    pub fn new(
        semi_major_axis_m: f64,
        eccentricity: f64,
        inclination_rad: f64,
        raan_rad: f64,
        arg_perigee_rad: f64,
        mean_anomaly_rad: f64,
    ) -> Result<Self, OrbitError> {
        let mut el = Self {
            semi_major_axis_m,
            eccentricity,
            inclination_rad,
            raan_rad,
            arg_perigee_rad,
            mean_anomaly_rad,
        };
        el.validate()?;
        el.raan_rad = el.raan_rad.rem_euclid(TAU);
        el.arg_perigee_rad = el.arg_perigee_rad.rem_euclid(TAU);
        el.mean_anomaly_rad = el.mean_anomaly_rad.rem_euclid(TAU);
        Ok(el)
    }

    /// A circular orbit at `altitude_m` above [`WGS84_A`] (so a = WGS84_A +
    /// altitude), inclination and RAAN (rad), with the satellite at argument of
    /// latitude `arg_latitude_rad` (rad from the ascending node) at t = 0. The
    /// argument of perigee is set to 0 and the mean anomaly carries the argument
    /// of latitude.
    pub fn circular(
        altitude_m: f64,
        inclination_rad: f64,
        raan_rad: f64,
        arg_latitude_rad: f64,
    ) -> Result<Self, OrbitError> {
        if !altitude_m.is_finite() {
            return Err(OrbitError::NonFinite {
                field: "altitude_m",
                value: altitude_m,
            });
        }
        Self::new(
            WGS84_A + altitude_m,
            0.0,
            inclination_rad,
            raan_rad,
            0.0,
            arg_latitude_rad,
        )
    }

    /// Check the elements: all finite, eccentricity in [0, 1), inclination in
    /// [0, π], perigee at least [`MIN_PERIGEE_ALTITUDE_M`] above [`WGS84_A`].
    pub fn validate(&self) -> Result<(), OrbitError> {
        for (field, value) in [
            ("semi_major_axis_m", self.semi_major_axis_m),
            ("eccentricity", self.eccentricity),
            ("inclination_rad", self.inclination_rad),
            ("raan_rad", self.raan_rad),
            ("arg_perigee_rad", self.arg_perigee_rad),
            ("mean_anomaly_rad", self.mean_anomaly_rad),
        ] {
            if !value.is_finite() {
                return Err(OrbitError::NonFinite { field, value });
            }
        }
        if !(0.0..1.0).contains(&self.eccentricity) {
            return Err(OrbitError::Eccentricity {
                value: self.eccentricity,
            });
        }
        if !(0.0..=PI).contains(&self.inclination_rad) {
            return Err(OrbitError::Inclination {
                value_rad: self.inclination_rad,
            });
        }
        let hp = self.perigee_altitude_m();
        if hp.is_nan() || hp < MIN_PERIGEE_ALTITUDE_M {
            return Err(OrbitError::PerigeeTooLow {
                perigee_altitude_m: hp,
                min_m: MIN_PERIGEE_ALTITUDE_M,
            });
        }
        Ok(())
    }

    /// Whether the orbit takes the circular fast path (eccentricity exactly 0).
    #[inline]
    pub fn is_circular(&self) -> bool {
        self.eccentricity == 0.0
    }

    /// Two-body mean motion n = √(μ/a³), rad/s.
    #[inline]
    pub fn mean_motion_rad_s(&self) -> f64 {
        let a = self.semi_major_axis_m;
        (MU_EARTH / (a * a * a)).sqrt()
    }

    /// Two-body (Keplerian) period 2π√(a³/μ), s.
    #[inline]
    pub fn period_s(&self) -> f64 {
        TAU / self.mean_motion_rad_s()
    }

    /// Semi-latus rectum p = a(1 − e²), m.
    #[inline]
    pub fn semi_latus_rectum_m(&self) -> f64 {
        self.semi_major_axis_m * (1.0 - self.eccentricity * self.eccentricity)
    }

    /// Perigee altitude a(1 − e) − [`WGS84_A`], m.
    #[inline]
    pub fn perigee_altitude_m(&self) -> f64 {
        self.semi_major_axis_m * (1.0 - self.eccentricity) - WGS84_A
    }

    /// Apogee altitude a(1 + e) − [`WGS84_A`], m.
    #[inline]
    pub fn apogee_altitude_m(&self) -> f64 {
        self.semi_major_axis_m * (1.0 + self.eccentricity) - WGS84_A
    }

    /// ECI state at t = 0 (m, m/s).
    pub fn to_state(&self) -> State {
        kepler::state_at_mean_anomaly(self, self.mean_anomaly_rad)
    }

    /// Osculating two-body elements of an ECI state (m, m/s). Singular cases
    /// are resolved by convention: for e < 1e-11 the argument of perigee is 0
    /// and the mean anomaly carries the argument of latitude; for an equatorial
    /// orbit the node is put on the x axis. The result is not validated against
    /// the perigee minimum (a ballistic arc converts too); call
    /// [`Elements::validate`] before propagating it.
    pub fn from_state(state: State) -> Result<Self, OrbitError> {
        kepler::elements_from_state(state)
    }

    /// Two-body ECI state at time `t_s` (s from the epoch), m and m/s.
    pub fn propagate_two_body(&self, t_s: f64) -> State {
        let m = self.mean_anomaly_rad + self.mean_motion_rad_s() * t_s;
        kepler::state_at_mean_anomaly(self, m)
    }

    /// J2 secular rates of these mean elements (Vallado 2013, eq. 9-41).
    pub fn j2_rates(&self) -> J2Rates {
        J2Rates::of(self)
    }

    /// Mean elements at time `t_s` (s) under the J2 secular rates; angles reduced
    /// to [0, 2π).
    pub fn j2_secular_at(&self, t_s: f64) -> Elements {
        let r = self.j2_rates();
        Elements {
            raan_rad: (self.raan_rad + r.raan_rad_s * t_s).rem_euclid(TAU),
            arg_perigee_rad: (self.arg_perigee_rad + r.arg_perigee_rad_s * t_s).rem_euclid(TAU),
            mean_anomaly_rad: (self.mean_anomaly_rad + r.mean_anomaly_rad_s * t_s).rem_euclid(TAU),
            ..*self
        }
    }

    /// ECI state (m, m/s) at time `t_s` (s) under J2 secular propagation: the
    /// same arithmetic as [`J2Batch`], so bit-identical to it.
    pub fn propagate_j2(&self, t_s: f64) -> State {
        j2::propagate_one(self, t_s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_names_the_field() {
        let ok = Elements::circular(500e3, 0.9, 0.0, 0.0).unwrap();
        assert!(ok.validate().is_ok());
        let e = Elements::circular(50e3, 0.9, 0.0, 0.0).unwrap_err();
        assert!(matches!(e, OrbitError::PerigeeTooLow { .. }));
        assert_eq!(e.field(), "semi_major_axis_m");
        let e = Elements::new(7e6, 1.0, 0.5, 0.0, 0.0, 0.0).unwrap_err();
        assert_eq!(e, OrbitError::Eccentricity { value: 1.0 });
        let e = Elements::new(7e6, -0.1, 0.5, 0.0, 0.0, 0.0).unwrap_err();
        assert_eq!(e.field(), "eccentricity");
        let e = Elements::new(7e6, 0.0, 3.2, 0.0, 0.0, 0.0).unwrap_err();
        assert_eq!(e.field(), "inclination_rad");
        let e = Elements::new(7e6, 0.0, 0.5, f64::NAN, 0.0, 0.0).unwrap_err();
        assert_eq!(e.field(), "raan_rad");
        let e = Elements::circular(f64::INFINITY, 0.5, 0.0, 0.0).unwrap_err();
        assert_eq!(e.field(), "altitude_m");
        // A perigee dipping below 100 km is rejected even when a is high.
        let e = Elements::new(WGS84_A + 1_000e3, 0.2, 0.5, 0.0, 0.0, 0.0).unwrap_err();
        assert!(matches!(e, OrbitError::PerigeeTooLow { .. }));
    }

    #[test]
    fn angles_are_reduced() {
        let el = Elements::new(7e6, 0.01, 1.0, -1.0, 7.0, -TAU - 0.5).unwrap();
        assert!((el.raan_rad - (TAU - 1.0)).abs() < 1e-15);
        assert!((el.arg_perigee_rad - (7.0 - TAU)).abs() < 1e-15);
        assert!((el.mean_anomaly_rad - (TAU - 0.5)).abs() < 1e-12);
    }

    #[test]
    fn period_of_500_km_orbit() {
        // 2π√(a³/μ) with a = 6,878.137 km.
        let el = Elements::circular(500e3, 0.0, 0.0, 0.0).unwrap();
        assert!(
            (el.period_s() - 5_676.977).abs() < 0.01,
            "{}",
            el.period_s()
        );
        assert_eq!(el.perigee_altitude_m(), 500e3);
        assert_eq!(el.apogee_altitude_m(), 500e3);
    }

    #[test]
    fn j2_secular_elements_advance() {
        let el = Elements::circular(700e3, 98.19f64.to_radians(), 0.0, 0.0).unwrap();
        let later = el.j2_secular_at(86_400.0);
        assert!(later.raan_rad > 0.0 && later.raan_rad < 0.02);
        assert_eq!(later.semi_major_axis_m, el.semi_major_axis_m);
    }
}
