//! The U.S. Standard Atmosphere 1976 (NOAA/NASA/USAF, 1976) up to 86 km, and a
//! piecewise-exponential density above it through the standard's tabulated
//! densities up to 1,000 km, extrapolated exponentially beyond.
//!
//! Below 86 km the model is exact to the standard: seven geopotential layers
//! with linear temperature and the hydrostatic pressure law. Above 86 km only
//! density matters for the drag of missiles and re-entry vehicles, so the
//! temperature is held at its 86 km value (186.87 K) for the speed of sound
//! and the pressure follows from the ideal-gas law; both are flagged as
//! approximate there.

/// Specific gas constant of air, J/(kg·K) (US 1976: R*/M₀ = 8.31432/0.0289644).
const R_AIR: f64 = 287.052_87;
/// Ratio of specific heats of air, dimensionless.
const GAMMA: f64 = 1.4;
/// Effective Earth radius for geopotential altitude, m (US 1976).
const R0: f64 = 6_356_766.0;
/// Standard gravity, m/s².
const G0: f64 = crate::constants::G0;

/// Base geopotential altitude (m), base temperature (K), lapse rate (K/m) and
/// base pressure (Pa) of the seven US 1976 layers below 86 km.
const LAYERS: [(f64, f64, f64, f64); 7] = [
    (0.0, 288.15, -0.0065, 101_325.0),
    (11_000.0, 216.65, 0.0, 22_632.06),
    (20_000.0, 216.65, 0.001, 5_474.889),
    (32_000.0, 228.65, 0.0028, 868.018_7),
    (47_000.0, 270.65, 0.0, 110.906_3),
    (51_000.0, 270.65, -0.0028, 66.938_87),
    (71_000.0, 214.65, -0.002, 3.956_420),
];

/// Geometric altitude (m) and density (kg/m³) from the US 1976 tables above
/// 86 km (Table I of the standard, geometric altitudes).
const UPPER: [(f64, f64); 22] = [
    (86_000.0, 6.958e-6),
    (90_000.0, 3.416e-6),
    (100_000.0, 5.604e-7),
    (110_000.0, 9.708e-8),
    (120_000.0, 2.222e-8),
    (130_000.0, 8.152e-9),
    (140_000.0, 3.831e-9),
    (150_000.0, 2.076e-9),
    (160_000.0, 1.233e-9),
    (180_000.0, 5.194e-10),
    (200_000.0, 2.541e-10),
    (250_000.0, 6.073e-11),
    (300_000.0, 1.916e-11),
    (350_000.0, 7.014e-12),
    (400_000.0, 2.803e-12),
    (450_000.0, 1.184e-12),
    (500_000.0, 5.215e-13),
    (600_000.0, 1.137e-13),
    (700_000.0, 3.070e-14),
    (800_000.0, 1.136e-14),
    (900_000.0, 5.759e-15),
    (1_000_000.0, 3.561e-15),
];

/// Kinetic temperature at 86 km, K, used above it for the speed of sound.
const T_86KM: f64 = 186.87;

/// The state of the air at one altitude.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AirState {
    /// Density, kg/m³.
    pub density: f64,
    /// Pressure, Pa.
    pub pressure: f64,
    /// Temperature, K.
    pub temperature: f64,
    /// Speed of sound, m/s.
    pub speed_of_sound: f64,
}

/// US 1976 atmosphere at geometric altitude `alt` (m above the ellipsoid).
/// Altitudes below −5 km are treated as −5 km.
pub fn us76(alt: f64) -> AirState {
    let z = alt.max(-5_000.0);
    if z < UPPER[0].0 {
        let h = R0 * z / (R0 + z);
        let i = LAYERS.iter().rposition(|l| h >= l.0).unwrap_or(0);
        let (hb, tb, lapse, pb) = LAYERS[i];
        let t = tb + lapse * (h - hb);
        let p = if lapse == 0.0 {
            pb * (-G0 * (h - hb) / (R_AIR * tb)).exp()
        } else {
            pb * (tb / t).powf(G0 / (R_AIR * lapse))
        };
        let rho = p / (R_AIR * t);
        AirState {
            density: rho,
            pressure: p,
            temperature: t,
            speed_of_sound: (GAMMA * R_AIR * t).sqrt(),
        }
    } else {
        let rho = upper_density(z);
        AirState {
            density: rho,
            pressure: rho * R_AIR * T_86KM,
            temperature: T_86KM,
            speed_of_sound: (GAMMA * R_AIR * T_86KM).sqrt(),
        }
    }
}

/// Density only, kg/m³, at geometric altitude `alt` (m): the hot path of drag.
#[inline]
pub fn density(alt: f64) -> f64 {
    us76(alt).density
}

/// Log-linear interpolation of the upper table (exponential segments).
fn upper_density(z: f64) -> f64 {
    let n = UPPER.len();
    let i = match UPPER.iter().position(|&(zb, _)| zb > z) {
        Some(0) => 0,
        Some(k) => k - 1,
        None => n - 2,
    };
    let (z0, r0) = UPPER[i];
    let (z1, r1) = UPPER[i + 1];
    let scale_height = (z1 - z0) / (r0 / r1).ln();
    r0 * (-(z - z0) / scale_height).exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        ((a - b) / b).abs() < rel
    }

    /// Values from the US Standard Atmosphere 1976, Table I (geometric
    /// altitude): density, temperature and pressure to the table's digits.
    #[test]
    fn matches_us76_tables() {
        let cases = [
            // alt m, rho kg/m3, T K, P Pa
            (0.0, 1.2250, 288.150, 101_325.0),
            (5_000.0, 0.736_43, 255.676, 54_048.0),
            (20_000.0, 0.088_91, 216.650, 5_529.3),
            (30_000.0, 0.018_410, 226.509, 1_197.0),
            (50_000.0, 1.026_9e-3, 270.650, 79.779),
            (70_000.0, 8.283_5e-5, 219.585, 5.2209),
        ];
        for (z, rho, t, p) in cases {
            let s = us76(z);
            assert!(close(s.density, rho, 2e-3), "rho at {z}: {}", s.density);
            assert!(close(s.temperature, t, 1e-4), "T at {z}: {}", s.temperature);
            assert!(close(s.pressure, p, 2e-3), "P at {z}: {}", s.pressure);
        }
        assert!(close(us76(0.0).speed_of_sound, 340.294, 1e-4));
    }

    #[test]
    fn continuous_at_86_km_and_exponential_above() {
        let below = us76(85_999.0).density;
        let above = us76(86_000.0).density;
        assert!(close(below, above, 5e-3), "{below} vs {above}");
        assert!(close(density(100_000.0), 5.604e-7, 1e-9));
        assert!(close(density(1_000_000.0), 3.561e-15, 1e-9));
        // Monotonic decrease everywhere.
        let mut prev = f64::INFINITY;
        for k in 0..2_000 {
            let d = density(k as f64 * 1_000.0);
            assert!(d < prev && d > 0.0);
            prev = d;
        }
    }
}
