//! Keeping a satellite in its orbit against air drag: the density of the
//! thermosphere at the scenario's solar activity, the velocity a satellite
//! must make up each year to hold a circular orbit, the propellant that
//! takes over its life, and how long the orbit would last without it.
//!
//! **Density**: the simple model of the Australian Space Weather Agency
//! (E. Street, rev. R. Panwar, *Satellite Orbital Decay Calculations*, IPS
//! Radio and Space Services, 1999/2000): a scale height
//! H = (900 + 2.5 (F10.7 − 70) + 1.5 Ap) / (27 − 0.012 (h − 200)) km and a
//! density ρ = 6×10⁻¹⁰ exp(−(h − 175)/H) kg/m³, with h the altitude in km,
//! F10.7 the solar radio flux (solar flux units) and Ap the geomagnetic
//! index. IPS states it for circular orbits below 500 km; above, it is
//! extrapolated (the drag there is small against a design life: at 800 km
//! it gives about 10⁻¹⁴ kg/m³ at moderate activity, the order of the
//! standard atmospheres').
//!
//! **Drag**: on a circular orbit of radius r the along-track deceleration
//! is a = ρ v² / (2B), v = √(μ/r), with B = m/(C_D A) the ballistic
//! coefficient (kg/m²). Holding the orbit costs Δv = a per unit time; the
//! propellant for a total Δv is m (exp(Δv/(Isp g₀)) − 1) for a dry mass m
//! (the rocket equation).
//!
//! **Decay**: without thrust the radius falls as da/dt = −ρ √(μ a)/B
//! (King-Hele, *Satellite Orbits in an Atmosphere*, 1987, circular
//! orbits); the time to fall from h to the model's floor, 180 km (where
//! the IPS program ends the orbit), is ∫ B/(ρ √(μ r)) dh.

use cupola_physics::constants::{G0, MU_EARTH, WGS84_A};
use serde::Serialize;

/// Seconds in a Julian year.
pub const SECONDS_PER_YEAR: f64 = 365.25 * 86_400.0;

/// Altitude at which an orbit is taken as ended, m (the IPS program's
/// floor).
pub const DECAY_FLOOR_M: f64 = 180_000.0;

/// Solar and geomagnetic activity over the horizon, for the density.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct SolarActivity {
    /// Solar radio flux at 10.7 cm, F10.7, solar flux units
    /// (10⁻²² W m⁻² Hz⁻¹), > 0.
    pub f107_sfu: f64,
    /// Geomagnetic index Ap, ≥ 0.
    pub ap: f64,
}

impl Default for SolarActivity {
    /// ECSS-E-ST-10-04C (*Space environment*, 2008), neutral atmosphere
    /// clause: "moderate" long-term activity, F10.7 = 140 and Ap = 15, the
    /// level to use over a solar cycle. The same table's low and high
    /// long-term levels (F10.7 = 65 and 250) are the range.
    fn default() -> Self {
        Self {
            f107_sfu: 140.0,
            ap: 15.0,
        }
    }
}

/// How an element holds its orbit: the orbit and the satellite's drag and
/// thruster.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct OrbitKeeping {
    /// Altitude of the circular orbit above the WGS84 equatorial radius, m,
    /// ≥ [`DECAY_FLOOR_M`].
    pub altitude_m: f64,
    /// Ballistic coefficient m/(C_D A), kg/m², > 0.
    pub ballistic_kg_m2: f64,
    /// Specific impulse of the station-keeping thruster, s, > 0.
    pub isp_s: f64,
}

/// **Assumption**: ballistic coefficient of an SBI carrier, kg/m²: about a
/// tonne (the presets' 1,000–1,250 kg) with 4–5 m² of frontal area at
/// C_D = 2.2. Range 30 (large solar arrays face-on, as a Starlink-like
/// bus) to 200 (a compact body).
pub const SBI_BALLISTIC_KG_M2: f64 = 100.0;

/// **Assumption**: specific impulse of the station-keeping thruster, s: a
/// hydrazine monopropellant thruster, about 220 s (Sutton & Biblarz,
/// *Rocket Propulsion Elements*, monopropellant hydrazine 200–235 s).
/// Range 220 to 1,500 (a Hall-effect thruster, as Starlink's).
pub const SBI_ISP_S: f64 = 220.0;

/// **Assumption**: the orbit altitude of the presets' SBIs when the
/// scenario has no `[sbi]` table, m: the default scenario's 400 km (CBO
/// 2026 gives none). Range 300 to 1,000 km.
pub const SBI_ALTITUDE_M: f64 = 400_000.0;

/// Density of the thermosphere at `altitude_m` (m), kg/m³, by the IPS
/// model of the [module documentation](self).
pub fn density_kg_m3(altitude_m: f64, solar: SolarActivity) -> f64 {
    let h_km = altitude_m / 1e3;
    let temperature = 900.0 + 2.5 * (solar.f107_sfu - 70.0) + 1.5 * solar.ap;
    // The molecular-mass term falls to zero near 2,450 km: hold it above
    // a small positive value so that the extrapolation stays defined.
    let molecular = (27.0 - 0.012 * (h_km - 200.0)).max(1.0);
    let scale_km = temperature.max(1.0) / molecular;
    6e-10 * (-(h_km - 175.0) / scale_km).exp()
}

/// Speed on a circular orbit at `altitude_m`, m/s.
fn circular_speed(altitude_m: f64) -> f64 {
    (MU_EARTH / (WGS84_A + altitude_m)).sqrt()
}

/// Velocity a satellite must make up each year to hold a circular orbit
/// at `altitude_m` (m) against drag, m/s per year: ρ v² / (2B) over a
/// Julian year.
pub fn drag_dv_m_s_per_year(altitude_m: f64, ballistic_kg_m2: f64, solar: SolarActivity) -> f64 {
    let v = circular_speed(altitude_m);
    density_kg_m3(altitude_m, solar) * v * v / (2.0 * ballistic_kg_m2) * SECONDS_PER_YEAR
}

/// Propellant to give `dv_m_s` (m/s) to a satellite of `dry_kg` (kg) with
/// a thruster of `isp_s` (s), kg: m (exp(Δv/(Isp g₀)) − 1).
pub fn propellant_kg(dry_kg: f64, dv_m_s: f64, isp_s: f64) -> f64 {
    dry_kg * ((dv_m_s / (isp_s * G0)).exp() - 1.0)
}

/// Years an orbit at `altitude_m` (m) lasts without thrust before it
/// falls to [`DECAY_FLOOR_M`], for a ballistic coefficient of
/// `ballistic_kg_m2` (kg/m²): the decay integral of the [module
/// documentation](self) with the IPS density. 0 at or below the floor.
pub fn decay_years(altitude_m: f64, ballistic_kg_m2: f64, solar: SolarActivity) -> f64 {
    decay_years_in(altitude_m, ballistic_kg_m2, |h| density_kg_m3(h, solar))
}

/// The decay integral ∫ B/(ρ(h) √(μ r)) dh from the floor to
/// `altitude_m`, in years, for any density `rho` (kg/m³ at an altitude in
/// m), by Simpson's rule on steps of at most 500 m.
fn decay_years_in(altitude_m: f64, ballistic_kg_m2: f64, rho: impl Fn(f64) -> f64) -> f64 {
    let span = altitude_m - DECAY_FLOOR_M;
    if span <= 0.0 {
        return 0.0;
    }
    let steps = ((span / 500.0).ceil() as usize).max(2).next_multiple_of(2);
    let dh = span / steps as f64;
    let f = |h: f64| ballistic_kg_m2 / (rho(h) * (MU_EARTH * (WGS84_A + h)).sqrt());
    let mut sum = f(DECAY_FLOOR_M) + f(altitude_m);
    for i in 1..steps {
        let w = if i % 2 == 1 { 4.0 } else { 2.0 };
        sum += w * f(DECAY_FLOOR_M + dh * i as f64);
    }
    sum * dh / 3.0 / SECONDS_PER_YEAR
}

/// What holding an element's orbit costs in mass, per unit.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Keeping {
    /// The orbit held.
    pub orbit: OrbitKeeping,
    /// Velocity made up each year, m/s.
    pub dv_m_s_per_year: f64,
    /// Propellant loaded per unit for its service, kg.
    pub propellant_kg: f64,
    /// Years the orbit would last without station keeping.
    pub decay_years: f64,
}

impl Keeping {
    /// Station keeping of a unit of `dry_kg` (kg) held at `orbit` for
    /// `service_years` (years) under `solar` activity.
    pub fn new(orbit: OrbitKeeping, dry_kg: f64, service_years: f64, solar: SolarActivity) -> Self {
        let dv = drag_dv_m_s_per_year(orbit.altitude_m, orbit.ballistic_kg_m2, solar);
        Self {
            orbit,
            dv_m_s_per_year: dv,
            propellant_kg: propellant_kg(dry_kg, dv * service_years, orbit.isp_s),
            decay_years: decay_years(orbit.altitude_m, orbit.ballistic_kg_m2, solar),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The IPS density at hand-computed points: 400 km at F10.7 = 140,
    /// Ap = 15 gives H = 1097.5/24.6 = 44.61 km and
    /// ρ = 6e-10 exp(−225/44.61) = 3.874e-12 kg/m³.
    #[test]
    fn density_matches_the_ips_formula() {
        let rho = density_kg_m3(400e3, SolarActivity::default());
        assert!((rho / 3.874e-12 - 1.0).abs() < 1e-3, "{rho}");
        // More solar activity, more density; higher, less.
        let high = SolarActivity {
            f107_sfu: 250.0,
            ap: 15.0,
        };
        assert!(density_kg_m3(400e3, high) > rho);
        assert!(density_kg_m3(500e3, SolarActivity::default()) < rho);
    }

    /// King-Hele's closed form for a circular orbit in an exponential
    /// atmosphere ρ = ρ₀ exp(−(h − h₀)/H), with √(μ r) held at its value
    /// at h₀: t = B H (1 − exp(−(h₀ − h_f)/H)) / (ρ₀ √(μ r₀)). The
    /// integral keeps √r varying: 1/√(μ r) grows as r falls, which
    /// lengthens the time by at most half the relative change of r over
    /// the fall (220 km of 6,800: 1.6%); the tolerance is 2%.
    #[test]
    fn decay_matches_king_hele_closed_form() {
        let (h0, rho0, scale, b) = (400e3, 3.0e-12, 50e3, 100.0);
        let t = decay_years_in(h0, b, |h| rho0 * (-(h - h0) / scale).exp());
        let closed = b * scale * (1.0 - (-(h0 - DECAY_FLOOR_M) / scale).exp())
            / (rho0 * (MU_EARTH * (WGS84_A + h0)).sqrt())
            / SECONDS_PER_YEAR;
        assert!((t / closed - 1.0).abs() < 0.02, "{t} vs {closed}");
        assert!(t > closed, "1/√(μ r) grows as r falls");
    }

    /// Drag, propellant and decay all favour the higher orbit: at 300 km
    /// a tonne-class SBI makes up an order of magnitude more Δv than at
    /// 500 km, and falls within months instead of years.
    #[test]
    fn a_low_orbit_needs_more_propellant_and_decays_sooner() {
        let solar = SolarActivity::default();
        let at = |h: f64| {
            Keeping::new(
                OrbitKeeping {
                    altitude_m: h,
                    ballistic_kg_m2: SBI_BALLISTIC_KG_M2,
                    isp_s: SBI_ISP_S,
                },
                1_000.0,
                5.0,
                solar,
            )
        };
        let (low, high) = (at(300e3), at(500e3));
        assert!(low.dv_m_s_per_year > 10.0 * high.dv_m_s_per_year);
        assert!(low.propellant_kg > 10.0 * high.propellant_kg);
        assert!(
            low.decay_years < 1.0 && high.decay_years > 2.0,
            "{low:?} {high:?}"
        );
        // The rocket equation: Δv = Isp g₀ ln(1 + m_p/m).
        let dv = SBI_ISP_S * G0 * (1.0 + low.propellant_kg / 1_000.0).ln();
        assert!((dv / (5.0 * low.dv_m_s_per_year) - 1.0).abs() < 1e-12);
    }
}
