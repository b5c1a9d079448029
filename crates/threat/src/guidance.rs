//! Guidance helpers: ground range along a great circle and the Keplerian
//! impact prediction that ends powered flight.

use crate::flight::{BoostEnd, rot_z};
use cupola_physics::Vec3;
use cupola_physics::ballistic::KeplerArc;
use cupola_physics::constants::MU_EARTH;

/// Unit vector tangent to the Earth at the pad (ECEF, m) pointing along
/// the great circle toward `aim` (ECEF, m).
pub(crate) fn downrange_direction(pad: Vec3, aim: Vec3) -> Vec3 {
    let u = pad.unit();
    (aim - u * u.dot(aim)).unit()
}

/// Signed ground-range angle (rad) of ECEF point `p` from the pad along the
/// great circle whose tangent at the pad is `toward`: negative behind the
/// pad, and insensitive to cross-range.
#[inline]
pub(crate) fn downrange_angle(pad: Vec3, toward: Vec3, p: Vec3) -> f64 {
    p.dot(toward).atan2(p.dot(pad.unit()))
}

/// Downrange angle (rad) from the pad (ECEF) toward `toward` of the
/// Keplerian impact point at radius `radius` (m) predicted from ECI state
/// `y` at time `t` (s), in the rotating frame. A conic that no longer comes
/// down through that radius because it has too much energy (open, or
/// periapsis above it) counts as +π: it has overshot every aim point. One
/// that does not yet reach up to it counts as −π.
#[inline]
pub(crate) fn predicted_range_angle(
    t: f64,
    y: &[f64; 7],
    radius: f64,
    omega: f64,
    pad: Vec3,
    toward: Vec3,
) -> f64 {
    let r = Vec3::new(y[0], y[1], y[2]);
    let v = Vec3::new(y[3], y[4], y[5]);
    let arc = KeplerArc::new(r, v, MU_EARTH);
    match arc.impact(radius) {
        Some(imp) => {
            let p = rot_z(imp.position, -omega * (t + imp.time_of_flight));
            downrange_angle(pad, toward, p)
        }
        None if arc.eccentricity() >= 1.0 || arc.periapsis() > radius => std::f64::consts::PI,
        None => -std::f64::consts::PI,
    }
}

/// Keplerian prediction from the end of a boost: ECEF impact point (m) at
/// radius `radius` (m), apogee radius (m) and time of flight from lift-off (s).
pub(crate) fn predict(end: &BoostEnd, radius: f64, omega: f64) -> Option<(Vec3, f64, f64)> {
    let y = end.y;
    let r = Vec3::new(y[0], y[1], y[2]);
    let v = Vec3::new(y[3], y[4], y[5]);
    let k = KeplerArc::new(r, v, MU_EARTH);
    let imp = k.impact(radius)?;
    let t_imp = end.t + imp.time_of_flight;
    Some((rot_z(imp.position, -omega * t_imp), k.apoapsis(), t_imp))
}
