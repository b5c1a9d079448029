//! Physical constants and Earth models, in SI units.

/// Earth's gravitational parameter μ, m³/s² (WGS84 / EGM96 value, 3.986004418e14).
pub const MU_EARTH: f64 = 3.986_004_418e14;

/// Mean Earth radius used by spherical-Earth closed forms, m (6,371 km, the
/// IUGG mean radius used in the open boost-phase literature).
pub const R_EARTH_MEAN: f64 = 6_371_000.0;

/// WGS84 semi-major axis (equatorial radius), m.
pub const WGS84_A: f64 = 6_378_137.0;

/// WGS84 flattening, dimensionless (1/298.257223563).
pub const WGS84_F: f64 = 1.0 / 298.257_223_563;

/// WGS84 semi-minor axis (polar radius), m.
pub const WGS84_B: f64 = WGS84_A * (1.0 - WGS84_F);

/// WGS84 first eccentricity squared, dimensionless.
pub const WGS84_E2: f64 = WGS84_F * (2.0 - WGS84_F);

/// Second zonal harmonic J2 of the Earth's gravity field, dimensionless
/// (EGM2008 / Vallado 2013, Table D-1: 1.08262668e-3), referred to [`WGS84_A`].
pub const J2: f64 = 1.082_626_68e-3;

/// Earth's rotation rate relative to inertial space, rad/s (WGS84: 7.292115e-5).
pub const OMEGA_EARTH: f64 = 7.292_115e-5;

/// Standard gravity, m/s², used to convert specific impulse in seconds to
/// exhaust velocity (exact, by definition).
pub const G0: f64 = 9.806_65;
