//! SGP4/SDP4 propagation of real satellites from TLE or OMM mean elements,
//! through the `sgp4` crate, and the TEME → ECEF → cupola ECI conversions.
//!
//! Model: the WGS-72 constants with which element sets are fitted, IAU-82 GMST
//! for the epoch sidereal time, and no AFSPC node-quadrant fix: Vallado's
//! "improved" (`'i'`) operation mode, the default of the reference python
//! `sgp4` package (Vallado, Crawford, Hujsak & Kelso, "Revisiting Spacetrack
//! Report #3", AIAA 2006-6753). `tests/validation/sgp4.rs` checks positions
//! against that reference to 1 m.
//!
//! Frames. SGP4 gives states in TEME (true equator, mean equinox of date).
//! [`teme_to_ecef`] rotates about +z by the IAU-82 Greenwich mean sidereal time
//! (Vallado 2013, eq. 3-47), as Vallado's `teme2ecef`, with two documented
//! simplifications: UT1 is taken equal to UTC (|UT1 − UTC| < 0.9 s, at most
//! 6.6e-5 rad of Earth rotation, ≈ 0.4 km on the equator and ≈ 2.8 km at GEO
//! radius in longitude), and polar motion is neglected (< 0.5″, ≈ 15 m on the
//! ground). The result is the pseudo-Earth-fixed frame used as cupola's ECEF,
//! rotating at [`OMEGA_EARTH`]. [`teme_to_eci`] then maps ECEF to cupola's ECI,
//! which coincides with ECEF at the scenario epoch (see [`crate::frames`]).
//!
//! Time. Minutes since the element epoch are counted on the UTC calendar (a
//! leap second between the two instants is not counted), as in the reference
//! SGP4 and its users; simulation time is elapsed seconds from the scenario
//! epoch.

use crate::Vec3;
use crate::constants::OMEGA_EARTH;
use crate::frames::ecef_to_eci;
use hifitime::{Duration, Epoch, Unit};
use rayon::prelude::*;

/// General-perturbations mean elements of one object, as read from a TLE
/// ([`super::tle`]) or an OMM record ([`super::omm`]): the input of SGP4.
///
/// Angles are TEME-of-epoch Kozai mean elements in rad; rates are in SI.
#[derive(Clone, Debug, PartialEq)]
pub struct GpElements {
    /// Object name (TLE name line or OMM `OBJECT_NAME`), if given.
    pub name: Option<String>,
    /// NORAD / USSPACECOM catalog number (Alpha-5 numbers decoded, e.g.
    /// `A0001` → 100001).
    pub catalog_number: u32,
    /// International designator (e.g. `98067A` from a TLE, `1998-067A` from an
    /// OMM), if given.
    pub international_designator: Option<String>,
    /// Classification: `U` (unclassified), `C` or `S`.
    pub classification: char,
    /// Epoch of the elements, UTC.
    pub epoch: Epoch,
    /// Mean inclination, rad, in [0, π].
    pub inclination: f64,
    /// Mean right ascension of the ascending node, rad, in [0, 2π].
    pub raan: f64,
    /// Mean eccentricity, dimensionless, in [0, 1).
    pub eccentricity: f64,
    /// Mean argument of perigee, rad, in [0, 2π].
    pub arg_perigee: f64,
    /// Mean anomaly at epoch, rad, in [0, 2π].
    pub mean_anomaly: f64,
    /// Kozai mean motion, rad/s (TLE/OMM rev/day × 2π/86400).
    pub mean_motion: f64,
    /// First time derivative of the mean motion, rad/s² (twice the TLE's
    /// ṅ/2 field); informational, SGP4 does not use it.
    pub mean_motion_dot: f64,
    /// Second time derivative of the mean motion, rad/s³ (six times the TLE's
    /// n̈/6 field); informational, SGP4 does not use it.
    pub mean_motion_ddot: f64,
    /// SGP4 drag term B*, 1/Earth radii.
    pub bstar: f64,
    /// Element set number.
    pub element_set_number: u32,
    /// Revolution number at epoch.
    pub revolution_number: u32,
    /// Ephemeris type (0 in distributed data).
    pub ephemeris_type: u8,
}

/// WGS-72 equatorial radius, m: below it SGP4 reports the satellite decayed
/// (reference error code 6).
pub const WGS72_RADIUS: f64 = 6_378_135.0;

/// A failure to initialise or run SGP4 for one satellite.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Sgp4Error {
    /// The elements cannot start SGP4 (eccentricity out of [0, 1),
    /// non-positive or non-finite mean motion, …).
    #[error("satellite {catalog_number}: cannot initialise SGP4: {message}")]
    Init {
        /// Catalog number of the satellite.
        catalog_number: u32,
        /// What the propagator reported.
        message: String,
    },
    /// The propagated elements diverged (eccentricity out of range, negative
    /// semi-latus rectum): typically far from epoch or after decay.
    #[error("satellite {catalog_number}, {minutes} min from epoch: {message}")]
    Diverged {
        /// Catalog number of the satellite.
        catalog_number: u32,
        /// Time from the element epoch, min.
        minutes: f64,
        /// What the propagator reported.
        message: String,
    },
    /// The predicted position is below the WGS-72 equatorial radius: the
    /// object has decayed (reference SGP4 error code 6).
    #[error(
        "satellite {catalog_number}, {minutes} min from epoch: decayed (radius {radius_m:.0} m is below the Earth's surface)"
    )]
    Decayed {
        /// Catalog number of the satellite.
        catalog_number: u32,
        /// Time from the element epoch, min.
        minutes: f64,
        /// Distance from the Earth's centre, m.
        radius_m: f64,
    },
}

/// A satellite ready to propagate with SGP4.
#[derive(Clone, Debug)]
pub struct Satellite {
    /// Object name, if known.
    pub name: Option<String>,
    /// NORAD catalog number.
    pub catalog_number: u32,
    /// Epoch of the elements, UTC.
    pub epoch: Epoch,
    constants: ::sgp4::Constants,
}

impl Satellite {
    /// Initialises SGP4 (WGS-72, improved mode) from mean elements.
    pub fn from_elements(e: &GpElements) -> Result<Self, Sgp4Error> {
        let init = |message: String| Sgp4Error::Init {
            catalog_number: e.catalog_number,
            message,
        };
        let finite = [
            e.inclination,
            e.raan,
            e.eccentricity,
            e.arg_perigee,
            e.mean_anomaly,
            e.mean_motion,
            e.bstar,
        ];
        if finite.iter().any(|x| !x.is_finite()) {
            return Err(init("an element is not a finite number".into()));
        }
        let years = utc_days_since_j2000(e.epoch) / 365.25;
        let orbit = ::sgp4::Orbit::from_kozai_elements(
            &::sgp4::WGS72,
            e.inclination,
            e.raan,
            e.eccentricity,
            e.arg_perigee,
            e.mean_anomaly,
            e.mean_motion * 60.0, // rad/min
        )
        .map_err(|err| init(err.to_string()))?;
        let constants = ::sgp4::Constants::new(
            ::sgp4::WGS72,
            ::sgp4::iau_epoch_to_sidereal_time,
            years,
            e.bstar,
            orbit,
        )
        .map_err(|err| init(err.to_string()))?;
        Ok(Self {
            name: e.name.clone(),
            catalog_number: e.catalog_number,
            epoch: e.epoch,
            constants,
        })
    }

    /// The `sgp4` crate's propagator constants.
    pub fn constants(&self) -> &::sgp4::Constants {
        &self.constants
    }

    /// TEME position (m) and velocity (m/s) `minutes` after the element epoch
    /// (negative before it).
    pub fn propagate_minutes(&self, minutes: f64) -> Result<(Vec3, Vec3), Sgp4Error> {
        let p = self
            .constants
            .propagate(::sgp4::MinutesSinceEpoch(minutes))
            .map_err(|err| Sgp4Error::Diverged {
                catalog_number: self.catalog_number,
                minutes,
                message: err.to_string(),
            })?;
        let [x, y, z] = p.position;
        let [vx, vy, vz] = p.velocity;
        let r = Vec3::new(x, y, z) * 1e3;
        let radius_m = r.norm();
        if radius_m < WGS72_RADIUS {
            return Err(Sgp4Error::Decayed {
                catalog_number: self.catalog_number,
                minutes,
                radius_m,
            });
        }
        Ok((r, Vec3::new(vx, vy, vz) * 1e3))
    }

    /// Minutes from the element epoch to `at`, counted on the UTC calendar.
    pub fn minutes_since_epoch(&self, at: Epoch) -> f64 {
        (at.to_utc_duration() - self.epoch.to_utc_duration()).to_seconds() / 60.0
    }

    /// TEME position (m) and velocity (m/s) at the instant `at`.
    pub fn state_at(&self, at: Epoch) -> Result<(Vec3, Vec3), Sgp4Error> {
        self.propagate_minutes(self.minutes_since_epoch(at))
    }

    /// ECEF position (m) and velocity (m/s) at the instant `at` (see
    /// [`teme_to_ecef`] for the approximations).
    pub fn state_ecef_at(&self, at: Epoch) -> Result<(Vec3, Vec3), Sgp4Error> {
        let (r, v) = self.state_at(at)?;
        Ok(teme_to_ecef(r, v, at))
    }

    /// cupola ECI position (m) and velocity (m/s) at simulation time `t` (s
    /// after `scenario_epoch`).
    pub fn state_eci(&self, scenario_epoch: Epoch, t: f64) -> Result<(Vec3, Vec3), Sgp4Error> {
        let at = scenario_epoch + Duration::from_seconds(t);
        let (r, v) = self.state_at(at)?;
        let (re, ve) = teme_to_ecef(r, v, at);
        Ok(ecef_to_eci(re, ve, t))
    }
}

/// Days from J2000.0 (2000-01-01 12:00 UTC) to `at`, counted on the UTC
/// calendar (leap seconds not counted), as Julian dates in UTC are.
pub fn utc_days_since_j2000(at: Epoch) -> f64 {
    let j2000 = Epoch::from_utc_duration(Duration::from_days(36_524.5));
    (at.to_utc_duration() - j2000.to_utc_duration()).to_unit(Unit::Day)
}

/// Greenwich mean sidereal time at `at`, rad in [0, 2π): the IAU-82 formula
/// (Vallado 2013, eq. 3-47; Vallado's `gstime`), with UT1 taken equal to UTC.
pub fn gmst_iau82(at: Epoch) -> f64 {
    let d = utc_days_since_j2000(at);
    let t = d / 36_525.0;
    // 876600 h × 3600 s/h × T equals 86400 s × d; keep only its fraction of a
    // day to hold precision.
    let seconds = 67_310.548_41
        + 86_400.0 * d.rem_euclid(1.0)
        + t * (8_640_184.812_866 + t * (0.093_104 - 6.2e-6 * t));
    (seconds * (std::f64::consts::TAU / 86_400.0)).rem_euclid(std::f64::consts::TAU)
}

/// Rotate a vector about +z by `angle` (rad).
#[inline]
fn rot_z(v: Vec3, angle: f64) -> Vec3 {
    let (s, c) = angle.sin_cos();
    Vec3::new(c * v.x - s * v.y, s * v.x + c * v.y, v.z)
}

/// TEME state (m, m/s) at the instant `at` to ECEF (m, m/s), by a rotation of
/// −GMST (IAU-82) about +z and the transport term `−ω × r` with ω =
/// [`OMEGA_EARTH`]. UT1 = UTC and no polar motion (see the module docs).
pub fn teme_to_ecef(r_teme: Vec3, v_teme: Vec3, at: Epoch) -> (Vec3, Vec3) {
    teme_to_ecef_with_gmst(r_teme, v_teme, gmst_iau82(at))
}

/// [`teme_to_ecef`] with the sidereal time (rad) already computed.
#[inline]
fn teme_to_ecef_with_gmst(r_teme: Vec3, v_teme: Vec3, gmst: f64) -> (Vec3, Vec3) {
    let r = rot_z(r_teme, -gmst);
    let w = Vec3::new(0.0, 0.0, OMEGA_EARTH);
    (r, rot_z(v_teme, -gmst) - w.cross(r))
}

/// TEME state (m, m/s) at the instant `at` to cupola ECI (m, m/s) for a
/// scenario starting at `scenario_epoch` (ECI = ECEF at that epoch).
pub fn teme_to_eci(r_teme: Vec3, v_teme: Vec3, at: Epoch, scenario_epoch: Epoch) -> (Vec3, Vec3) {
    let (r, v) = teme_to_ecef(r_teme, v_teme, at);
    ecef_to_eci(r, v, (at - scenario_epoch).to_seconds())
}

/// TEME states (m, m/s) of many satellites at one instant, in input order,
/// computed in parallel (rayon); each entry fails on its own.
pub fn states_teme_at(sats: &[Satellite], at: Epoch) -> Vec<Result<(Vec3, Vec3), Sgp4Error>> {
    sats.par_iter().map(|s| s.state_at(at)).collect()
}

/// cupola ECI states (m, m/s) of many satellites at simulation time `t` (s
/// after `scenario_epoch`), in input order, computed in parallel (rayon).
pub fn states_eci_at(
    sats: &[Satellite],
    scenario_epoch: Epoch,
    t: f64,
) -> Vec<Result<(Vec3, Vec3), Sgp4Error>> {
    let at = scenario_epoch + Duration::from_seconds(t);
    let gmst = gmst_iau82(at);
    sats.par_iter()
        .map(|s| {
            let (r, v) = s.state_at(at)?;
            let (re, ve) = teme_to_ecef_with_gmst(r, v, gmst);
            Ok(ecef_to_eci(re, ve, t))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orbit::tle::parse_tle;

    fn iss() -> Satellite {
        let e = parse_tle(
            Some("ISS (ZARYA)"),
            "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927",
            "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537",
        )
        .unwrap();
        Satellite::from_elements(&e).unwrap()
    }

    #[test]
    fn julian_days_on_the_utc_calendar() {
        let e = Epoch::from_gregorian_utc_at_midnight(2006, 6, 25);
        assert_eq!(utc_days_since_j2000(e), 2453911.5 - 2451545.0);
        // After the 2016-12-31 leap second the calendar count stays exact.
        let e = Epoch::from_gregorian_utc_at_noon(2017, 1, 1);
        assert_eq!(utc_days_since_j2000(e), 6210.0);
    }

    #[test]
    fn gmst_matches_vallado_and_the_sgp4_crate() {
        // Vallado 2013, example 3-5: 1992-08-20 12:14 UT1 → GMST 152.578787810°
        // as printed (his double-precision sum); the formula evaluated in exact
        // rational arithmetic gives 152.578787851657°. Our split of the day
        // count keeps 1e-9° of the exact value.
        let at = Epoch::from_gregorian_utc(1992, 8, 20, 12, 14, 0, 0);
        let g = gmst_iau82(at).to_degrees();
        assert!((g - 152.578_787_851_657).abs() < 1e-9, "{g}");
        assert!((g - 152.578_787_810).abs() < 1e-7, "{g}");
        let years = utc_days_since_j2000(at) / 365.25;
        let theirs = ::sgp4::iau_epoch_to_sidereal_time(years);
        assert!((gmst_iau82(at) - theirs).abs() < 2e-9);
    }

    #[test]
    fn teme_ecef_eci_consistency() {
        let sat = iss();
        let scenario = sat.epoch + Duration::from_seconds(1234.5);
        for t in [0.0, 600.0, 86_400.0] {
            let at = scenario + Duration::from_seconds(t);
            let (r, v) = sat.state_at(at).unwrap();
            let (re, ve) = sat.state_ecef_at(at).unwrap();
            let (ri, vi) = sat.state_eci(scenario, t).unwrap();
            // Rotations keep the radius; ECI = ECEF at t = 0.
            assert!((re.norm() - r.norm()).abs() < 1e-6);
            assert!((ri.norm() - r.norm()).abs() < 1e-6);
            let (rj, vj) = teme_to_eci(r, v, at, scenario);
            assert!((rj - ri).norm() < 1e-6 && (vj - vi).norm() < 1e-9);
            if t == 0.0 {
                assert!((ri - re).norm() < 1e-6);
            }
            // TEME and ECI are both inertial: speeds agree to the GMST-rate
            // mismatch, and the ECEF speed is lower by about ω·r for a prograde orbit.
            assert!((vi.norm() - v.norm()).abs() < 1e-6);
            assert!(ve.norm() < v.norm());
        }
        let batch = states_eci_at(std::slice::from_ref(&sat), scenario, 600.0);
        let (rb, _) = batch[0].clone().unwrap();
        let (ri, _) = sat.state_eci(scenario, 600.0).unwrap();
        assert!((rb - ri).norm() < 1e-9);
    }

    #[test]
    fn decay_and_bad_elements_are_errors() {
        // MINOTAUR R/B of Vallado's verification set: perigee −51 km, below
        // the surface within the hour (the reference reports error 6 at 55 min).
        let e = parse_tle(
            None,
            "1 28872U 05037B   05333.02012661  .25992681  00000-0  24476-3 0  1534",
            "2 28872  96.4736 157.9986 0303955 244.0492 110.6523 16.46015938 10708",
        )
        .unwrap();
        let sat = Satellite::from_elements(&e).unwrap();
        assert!(sat.propagate_minutes(50.0).is_ok());
        assert!(matches!(
            sat.propagate_minutes(60.0),
            Err(Sgp4Error::Decayed { .. })
        ));
        let mut e = parse_tle(
            None,
            "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927",
            "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537",
        )
        .unwrap();
        e.eccentricity = 1.5;
        assert!(matches!(
            Satellite::from_elements(&e),
            Err(Sgp4Error::Init { .. })
        ));
        e.eccentricity = f64::NAN;
        assert!(Satellite::from_elements(&e).is_err());
    }
}
