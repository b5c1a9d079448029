//! Viewing geometry: line of sight past the Earth's limb, look angles from a
//! ground site, satellites in view, and access windows over time.
//!
//! # The Earth for line of sight
//!
//! The limb is the WGS84 ellipsoid raised by a grazing altitude: 0 for a
//! purely geometric line of sight, about 100 km for an infrared sensor that
//! must look above the atmosphere (or whatever height the sensor model calls
//! for). The test scales z by a/b, which maps the ellipsoid onto a sphere of
//! radius a, and asks whether the segment stays outside the sphere of radius
//! a + grazing altitude there; the raised surface is then exact at the
//! equator and low by at most 0.34% of the grazing altitude at the poles (h·b/a). A
//! point on the ground (height 0) or above sees what is above its horizon: a
//! 1 m tolerance absorbs rounding. The ellipsoid is the same in ECI and ECEF
//! (both share the polar axis), so line of sight takes two points in either
//! frame (both in the same).
//!
//! # Ground sites
//!
//! Elevation is measured from the plane normal to the WGS84 ellipsoid at the
//! site (geodetic "up", [`crate::frames::enu_basis`]), not from the geocentric
//! radial; the difference reaches 0.19° at 45° latitude. Positions are ECEF.

mod access;

pub use access::{
    AccessOptions, AccessWindow, GeometryError, MAX_SAMPLES, access_windows, ground_access_windows,
    target_access_windows,
};

use crate::Vec3;
use crate::constants::{WGS84_A, WGS84_B};
use crate::frames::{Geodetic, enu_basis, geodetic_to_ecef};
use crate::orbit::{J2Batch, PositionBuffer};

/// Grazing altitude often used for infrared sensors that view targets against
/// the cold space background, looking above the bulk of the atmosphere, m
/// (100 km).
pub const IR_GRAZING_ALTITUDE_M: f64 = 100_000.0;

/// The surface that blocks lines of sight: the WGS84 ellipsoid raised by a
/// grazing altitude (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EarthLimb {
    /// Height above the ellipsoid a line of sight must keep, m.
    pub grazing_altitude_m: f64,
}

impl Default for EarthLimb {
    /// The geometric limb (grazing altitude 0).
    fn default() -> Self {
        Self::geometric()
    }
}

/// Ratio a/b of the WGS84 semi-axes: scaling z by it maps the ellipsoid onto
/// the sphere of radius a.
const Z_SCALE: f64 = WGS84_A / WGS84_B;

/// Slack allowed to a point lying on the limb surface itself, m.
const LIMB_TOLERANCE_M: f64 = 1.0;

impl EarthLimb {
    /// The bare ellipsoid (grazing altitude 0).
    pub fn geometric() -> Self {
        Self {
            grazing_altitude_m: 0.0,
        }
    }

    /// The ellipsoid raised by `grazing_altitude_m` (m): a line of sight must
    /// pass at least that high.
    pub fn with_grazing_altitude(grazing_altitude_m: f64) -> Self {
        Self { grazing_altitude_m }
    }

    /// The grazing altitude, m.
    pub fn grazing_altitude_m(&self) -> f64 {
        self.grazing_altitude_m
    }

    /// Whether the segment from `a` to `b` (m, both ECI or both ECEF) stays
    /// outside the raised ellipsoid (grazing exactly counts as clear). A
    /// point below the surface sees nothing; non-finite input gives `false`.
    #[inline]
    pub fn clear(&self, a: Vec3, b: Vec3) -> bool {
        let a = Vec3::new(a.x, a.y, a.z * Z_SCALE);
        let b = Vec3::new(b.x, b.y, b.z * Z_SCALE);
        let d = b - a;
        let dd = d.norm2();
        let s = if dd > 0.0 {
            (-a.dot(d) / dd).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let closest = a + d * s;
        let r = WGS84_A + self.grazing_altitude_m - LIMB_TOLERANCE_M;
        closest.norm2() >= r * r
    }
}

/// Whether `a` and `b` (m, both ECI or both ECEF) see each other past the
/// WGS84 ellipsoid raised by `grazing_altitude_m` (m); see
/// [`EarthLimb::clear`].
#[inline]
pub fn line_of_sight(a: Vec3, b: Vec3, grazing_altitude_m: f64) -> bool {
    EarthLimb::with_grazing_altitude(grazing_altitude_m).clear(a, b)
}

/// Distance between two points (m, same frame), m.
#[inline]
pub fn range_m(a: Vec3, b: Vec3) -> f64 {
    (b - a).norm()
}

/// Azimuth, elevation and range of a target seen from a ground site.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Look {
    /// Azimuth, rad, clockwise from geodetic north, in [0, 2π).
    pub azimuth_rad: f64,
    /// Elevation above the plane normal to the ellipsoid at the site, rad, in [−π/2, π/2].
    pub elevation_rad: f64,
    /// Slant range, m.
    pub range_m: f64,
}

/// A ground site with its ECEF position and local east/north/up basis
/// precomputed, for repeated look-angle queries.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GroundSite {
    /// The site's WGS84 geodetic coordinates.
    pub geodetic: Geodetic,
    /// ECEF position, m.
    pub ecef: Vec3,
    /// Local east unit vector, ECEF.
    pub east: Vec3,
    /// Local north unit vector, ECEF.
    pub north: Vec3,
    /// Ellipsoid normal ("up") unit vector, ECEF.
    pub up: Vec3,
}

impl GroundSite {
    /// The site at geodetic coordinates `g`.
    pub fn new(g: Geodetic) -> Self {
        let (east, north, up) = enu_basis(g);
        Self {
            geodetic: g,
            ecef: geodetic_to_ecef(g),
            east,
            north,
            up,
        }
    }

    /// Azimuth, elevation and range of a target at ECEF position `target` (m).
    pub fn look(&self, target: Vec3) -> Look {
        let d = target - self.ecef;
        let (e, n, u) = (d.dot(self.east), d.dot(self.north), d.dot(self.up));
        Look {
            azimuth_rad: e.atan2(n).rem_euclid(std::f64::consts::TAU),
            elevation_rad: u.atan2((e * e + n * n).sqrt()),
            range_m: d.norm(),
        }
    }

    /// Elevation (rad) of a target at ECEF position `target` (m).
    #[inline]
    pub fn elevation_rad(&self, target: Vec3) -> f64 {
        let d = target - self.ecef;
        let u = d.dot(self.up);
        u.atan2((d.norm2() - u * u).max(0.0).sqrt())
    }

    /// Whether a target at ECEF `target` (m) is at or above `min_elevation_rad`
    /// (rad), without a trigonometric call: `d·up ≥ sin(mask)·|d|`, where
    /// `sin_mask` = sin(mask) is passed precomputed. The site itself is never
    /// visible.
    #[inline]
    pub fn above_mask(&self, target: Vec3, sin_mask: f64) -> bool {
        let d = target - self.ecef;
        let dn = d.norm();
        dn > 0.0 && d.dot(self.up) >= sin_mask * dn
    }
}

/// Elevation (rad) of a target at ECEF `target` (m) from a site at geodetic
/// `site`, above the plane normal to the ellipsoid.
pub fn elevation_rad(site: Geodetic, target: Vec3) -> f64 {
    GroundSite::new(site).elevation_rad(target)
}

/// Number of satellites among ECEF `positions` (m) at or above
/// `min_elevation_rad` (rad) from `site`.
pub fn count_in_view(
    positions: &PositionBuffer,
    site: &GroundSite,
    min_elevation_rad: f64,
) -> usize {
    let sin_mask = min_elevation_rad.sin();
    positions
        .x
        .iter()
        .zip(&positions.y)
        .zip(&positions.z)
        .filter(|((x, y), z)| site.above_mask(Vec3::new(**x, **y, **z), sin_mask))
        .count()
}

/// Number of satellites of `batch` at or above `min_elevation_rad` (rad) from
/// `site` at time `t_s` (s); `scratch` receives their ECEF positions (m).
pub fn count_in_view_at(
    batch: &J2Batch,
    t_s: f64,
    site: &GroundSite,
    min_elevation_rad: f64,
    scratch: &mut PositionBuffer,
) -> usize {
    batch.propagate_ecef_positions_into(t_s, scratch);
    count_in_view(scratch, site, min_elevation_rad)
}

#[cfg(test)]
mod tests;
