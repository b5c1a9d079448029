//! Gravity models: point mass and point mass plus the J2 zonal harmonic.

use crate::Vec3;
use crate::constants::{J2, MU_EARTH, WGS84_A};

/// Which gravity field a simulation uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum GravityModel {
    /// Point mass, μ only.
    PointMass,
    /// Point mass plus the J2 oblateness term.
    J2,
}

/// Point-mass gravitational acceleration at position `r` (m, Earth-centred,
/// any frame sharing the Earth's polar axis as z), m/s².
#[inline]
pub fn point_mass(r: Vec3) -> Vec3 {
    let r2 = r.norm2();
    let rn = r2.sqrt();
    r * (-MU_EARTH / (r2 * rn))
}

/// Point-mass plus J2 acceleration at `r` (m; the frame's z axis must be the
/// Earth's rotation axis, as in ECI and ECEF), m/s². Vallado 2013, eq. 8-30.
#[inline]
pub fn j2(r: Vec3) -> Vec3 {
    let r2 = r.norm2();
    let rn = r2.sqrt();
    let mu_r3 = MU_EARTH / (r2 * rn);
    let k = 1.5 * J2 * (WGS84_A * WGS84_A) / r2;
    let z2 = 5.0 * r.z * r.z / r2;
    Vec3::new(
        -mu_r3 * r.x * (1.0 - k * (z2 - 1.0)),
        -mu_r3 * r.y * (1.0 - k * (z2 - 1.0)),
        -mu_r3 * r.z * (1.0 - k * (z2 - 3.0)),
    )
}

/// Gravitational potential energy per unit mass (J/kg) of the given model,
/// `U` such that the acceleration is `−∇U`.
pub fn potential(model: GravityModel, r: Vec3) -> f64 {
    let rn = r.norm();
    let u0 = -MU_EARTH / rn;
    match model {
        GravityModel::PointMass => u0,
        GravityModel::J2 => {
            let s2 = (r.z / rn).powi(2);
            u0 + MU_EARTH * J2 * WGS84_A * WGS84_A / (rn * rn * rn) * 0.5 * (3.0 * s2 - 1.0)
        }
    }
}

impl GravityModel {
    /// Acceleration of this model at `r` (m), m/s².
    #[inline]
    pub fn acceleration(self, r: Vec3) -> Vec3 {
        match self {
            GravityModel::PointMass => point_mass(r),
            GravityModel::J2 => j2(r),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The J2 acceleration is minus the gradient of the J2 potential
    /// (checked by central differences).
    #[test]
    fn j2_is_gradient_of_potential() {
        let r = Vec3::new(4.1e6, -3.3e6, 4.4e6);
        let h = 1.0;
        let a = j2(r);
        let e = [
            Vec3::new(h, 0.0, 0.0),
            Vec3::new(0.0, h, 0.0),
            Vec3::new(0.0, 0.0, h),
        ];
        let g: Vec<f64> = e
            .iter()
            .map(|&d| {
                -(potential(GravityModel::J2, r + d) - potential(GravityModel::J2, r - d))
                    / (2.0 * h)
            })
            .collect();
        assert!((a.x - g[0]).abs() < 1e-6);
        assert!((a.y - g[1]).abs() < 1e-6);
        assert!((a.z - g[2]).abs() < 1e-6);
    }

    #[test]
    fn surface_gravity_magnitude() {
        let a = point_mass(Vec3::new(6_371_000.0, 0.0, 0.0));
        assert!((a.norm() - 9.82).abs() < 0.01);
    }
}
