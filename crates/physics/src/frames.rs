//! Reference frames: WGS84 geodetic coordinates, Earth-centred Earth-fixed
//! (ECEF) and Earth-centred inertial (ECI) Cartesian frames.
//!
//! The ECI frame used in simulations coincides with ECEF at simulation time
//! zero and ECEF rotates about +z at [`OMEGA_EARTH`]: the Earth rotation angle is
//! `θ(t) = θ₀ + ω·t` with `θ₀` set where the scenario epoch is known
//! (zero by default).

use crate::Vec3;
use crate::constants::{OMEGA_EARTH, R_EARTH_MEAN, WGS84_A, WGS84_E2};

/// A point given by WGS84 geodetic latitude, longitude (rad) and height above
/// the ellipsoid (m).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Geodetic {
    /// Geodetic latitude, rad, in [−π/2, π/2].
    pub lat: f64,
    /// Longitude, rad, east positive.
    pub lon: f64,
    /// Height above the WGS84 ellipsoid, m.
    pub alt: f64,
}

impl Geodetic {
    /// A point from latitude and longitude in degrees and height in metres.
    pub fn from_degrees(lat_deg: f64, lon_deg: f64, alt_m: f64) -> Self {
        Self {
            lat: lat_deg.to_radians(),
            lon: lon_deg.to_radians(),
            alt: alt_m,
        }
    }

    /// ECEF position of this point, m.
    pub fn to_ecef(self) -> Vec3 {
        geodetic_to_ecef(self)
    }
}

/// WGS84 geodetic coordinates to ECEF position, m.
pub fn geodetic_to_ecef(g: Geodetic) -> Vec3 {
    let (sl, cl) = g.lat.sin_cos();
    let (so, co) = g.lon.sin_cos();
    let n = WGS84_A / (1.0 - WGS84_E2 * sl * sl).sqrt();
    Vec3::new(
        (n + g.alt) * cl * co,
        (n + g.alt) * cl * so,
        (n * (1.0 - WGS84_E2) + g.alt) * sl,
    )
}

/// ECEF position (m) to WGS84 geodetic coordinates, by fixed-point iteration on
/// latitude (converges to better than 1e-12 rad in a few steps for any point
/// farther than 1 km from the Earth's centre).
pub fn ecef_to_geodetic(r: Vec3) -> Geodetic {
    let p = (r.x * r.x + r.y * r.y).sqrt();
    let lon = r.y.atan2(r.x);
    if p < 1e-9 {
        // On the polar axis.
        let lat = if r.z >= 0.0 {
            std::f64::consts::FRAC_PI_2
        } else {
            -std::f64::consts::FRAC_PI_2
        };
        let b = WGS84_A * (1.0 - WGS84_E2).sqrt();
        return Geodetic {
            lat,
            lon: 0.0,
            alt: r.z.abs() - b,
        };
    }
    let mut lat = r.z.atan2(p * (1.0 - WGS84_E2));
    let mut alt = 0.0;
    for _ in 0..30 {
        let sl = lat.sin();
        let n = WGS84_A / (1.0 - WGS84_E2 * sl * sl).sqrt();
        // Height from whichever of p and z is better conditioned.
        alt = if lat.abs() < std::f64::consts::FRAC_PI_4 {
            p / lat.cos() - n
        } else {
            r.z / sl - n * (1.0 - WGS84_E2)
        };
        let next = r.z.atan2(p * (1.0 - WGS84_E2 * n / (n + alt)));
        let done = (next - lat).abs() < 1e-15;
        lat = next;
        if done {
            break;
        }
    }
    Geodetic { lat, lon, alt }
}

/// Earth rotation angle at simulation time `t` (s), rad, with θ₀ = 0.
#[inline]
pub fn earth_rotation_angle(t: f64) -> f64 {
    OMEGA_EARTH * t
}

/// Rotate a vector about +z by `angle` (rad).
#[inline]
fn rot_z(v: Vec3, angle: f64) -> Vec3 {
    let (s, c) = angle.sin_cos();
    Vec3::new(c * v.x - s * v.y, s * v.x + c * v.y, v.z)
}

/// ECEF position (m) at time `t` (s) to ECI position (m).
#[inline]
pub fn ecef_to_eci_position(r_ecef: Vec3, t: f64) -> Vec3 {
    rot_z(r_ecef, earth_rotation_angle(t))
}

/// ECI position (m) at time `t` (s) to ECEF position (m).
#[inline]
pub fn eci_to_ecef_position(r_eci: Vec3, t: f64) -> Vec3 {
    rot_z(r_eci, -earth_rotation_angle(t))
}

/// ECEF state (m, m/s) at time `t` (s) to ECI state (m, m/s):
/// `v_eci = R(θ)·(v_ecef + ω × r_ecef)`.
pub fn ecef_to_eci(r_ecef: Vec3, v_ecef: Vec3, t: f64) -> (Vec3, Vec3) {
    let w = Vec3::new(0.0, 0.0, OMEGA_EARTH);
    let th = earth_rotation_angle(t);
    (rot_z(r_ecef, th), rot_z(v_ecef + w.cross(r_ecef), th))
}

/// ECI state (m, m/s) at time `t` (s) to ECEF state (m, m/s):
/// `v_ecef = R(−θ)·v_eci − ω × r_ecef`.
pub fn eci_to_ecef(r_eci: Vec3, v_eci: Vec3, t: f64) -> (Vec3, Vec3) {
    let w = Vec3::new(0.0, 0.0, OMEGA_EARTH);
    let th = earth_rotation_angle(t);
    let r = rot_z(r_eci, -th);
    (r, rot_z(v_eci, -th) - w.cross(r))
}

/// Velocity relative to the co-rotating atmosphere, expressed in ECI, m/s:
/// `v − ω × r` for an ECI state.
#[inline]
pub fn air_relative_velocity(r_eci: Vec3, v_eci: Vec3) -> Vec3 {
    Vec3::new(
        v_eci.x + OMEGA_EARTH * r_eci.y,
        v_eci.y - OMEGA_EARTH * r_eci.x,
        v_eci.z,
    )
}

/// Local east, north and up unit vectors (ECEF components) at a geodetic
/// point; "up" is the ellipsoid normal.
pub fn enu_basis(g: Geodetic) -> (Vec3, Vec3, Vec3) {
    let (sl, cl) = g.lat.sin_cos();
    let (so, co) = g.lon.sin_cos();
    let east = Vec3::new(-so, co, 0.0);
    let north = Vec3::new(-sl * co, -sl * so, cl);
    let up = Vec3::new(cl * co, cl * so, sl);
    (east, north, up)
}

/// Central angle between the geocentric directions of two positions, rad.
#[inline]
pub fn central_angle(a: Vec3, b: Vec3) -> f64 {
    a.angle_to(b)
}

/// Ground distance between the geocentric directions of two positions,
/// measured on the mean-radius sphere ([`R_EARTH_MEAN`]), m. This is the
/// "downrange" convention of cupola's reports.
#[inline]
pub fn ground_distance(a: Vec3, b: Vec3) -> f64 {
    central_angle(a, b) * R_EARTH_MEAN
}

/// Initial great-circle azimuth (rad, clockwise from north, in [0, 2π)) from
/// one geodetic point to another, on the sphere of geocentric directions.
pub fn great_circle_azimuth(from: Geodetic, to: Geodetic) -> f64 {
    let a = from.to_ecef().unit();
    let b = to.to_ecef().unit();
    let (east, north, _) = enu_basis(from);
    // Direction of b projected on the local horizontal at a.
    let d = b - a * a.dot(b);
    let az = d.dot(east).atan2(d.dot(north));
    az.rem_euclid(std::f64::consts::TAU)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn equator_and_pole() {
        let r = geodetic_to_ecef(Geodetic::from_degrees(0.0, 0.0, 0.0));
        assert!((r.x - WGS84_A).abs() < 1e-9);
        let p = geodetic_to_ecef(Geodetic::from_degrees(90.0, 0.0, 0.0));
        assert!((p.z - crate::constants::WGS84_B).abs() < 1e-6);
        let g = ecef_to_geodetic(p);
        assert!((g.lat.to_degrees() - 90.0).abs() < 1e-12);
        assert!(g.alt.abs() < 1e-6);
    }

    proptest! {
        // Frame round trips to 1 mm over the whole globe and the altitudes the
        // simulator uses (surface to beyond GEO).
        #[test]
        fn geodetic_round_trip(lat in -90.0f64..90.0, lon in -180.0f64..180.0, alt in -1.0e4f64..4.0e7) {
            let g = Geodetic::from_degrees(lat, lon, alt);
            let r = geodetic_to_ecef(g);
            let back = ecef_to_geodetic(r);
            let r2 = geodetic_to_ecef(back);
            prop_assert!((r - r2).norm() < 1e-3);
            prop_assert!((back.alt - alt).abs() < 1e-3);
        }

        #[test]
        fn eci_round_trip(x in -1e7f64..1e7, y in -1e7f64..1e7, z in -1e7f64..1e7,
                          vx in -8e3f64..8e3, vy in -8e3f64..8e3, vz in -8e3f64..8e3,
                          t in 0.0f64..1e5) {
            let r = Vec3::new(x, y, z);
            let v = Vec3::new(vx, vy, vz);
            let (ri, vi) = ecef_to_eci(r, v, t);
            let (r2, v2) = eci_to_ecef(ri, vi, t);
            prop_assert!((r - r2).norm() < 1e-3);
            prop_assert!((v - v2).norm() < 1e-9);
        }
    }

    #[test]
    fn point_fixed_on_earth_moves_in_eci_at_surface_speed() {
        let r = Geodetic::from_degrees(0.0, 0.0, 0.0).to_ecef();
        let (_, v) = ecef_to_eci(r, Vec3::ZERO, 0.0);
        assert!((v.norm() - OMEGA_EARTH * WGS84_A).abs() < 1e-9);
        let air = air_relative_velocity(r, v);
        assert!(air.norm() < 1e-9);
    }

    #[test]
    fn azimuth_cardinal_directions() {
        let o = Geodetic::from_degrees(0.0, 0.0, 0.0);
        let n = Geodetic::from_degrees(10.0, 0.0, 0.0);
        let e = Geodetic::from_degrees(0.0, 10.0, 0.0);
        assert!(great_circle_azimuth(o, n).to_degrees().abs() < 1e-9);
        assert!((great_circle_azimuth(o, e).to_degrees() - 90.0).abs() < 1e-9);
    }
}
