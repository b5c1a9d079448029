//! The analytic absentee-ratio models of one family, beside its numeric
//! answer: the ground reach of the fly-out kinematics at the family's own
//! altitude, the fraction of a constellation within it, the Poisson count
//! and the inclination factor at its own inclination.

use super::spec::{SbiLayerSpec, SizingSpec};
use super::study::BoostTimeline;
use crate::absentee::{fraction_in_reach, inclination_factor, poisson_mean_for};
use cupola_defense::reach::divert_short_m_s;
use cupola_physics::Vec3;
use cupola_physics::constants::{R_EARTH_MEAN, WGS84_A};

/// The analytic models, each named, beside the numeric result.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Analytic {
    /// Orbit altitude the reach is computed from, m.
    pub altitude_m: f64,
    /// Fly-out time of the farthest intercept, s (0 when none is possible).
    pub flyout_s: f64,
    /// Straight-line distance a full burn covers in that time, m.
    pub slant_range_m: f64,
    /// The missile's altitude at that intercept, m, above the WGS84
    /// equatorial radius (as the orbit altitude is).
    pub intercept_altitude_m: f64,
    /// Average fly-out speed of that intercept, `slant range / fly-out`,
    /// m/s.
    pub average_speed_m_s: f64,
    /// Ground reach ρ, m: the arc, on the 6,371 km sphere, between the
    /// satellite's and the missile's directions when the slant range just
    /// spans them (law of cosines on the two radii); 0 when even the
    /// farthest fly-out cannot come down (or up) to the missile.
    pub ground_reach_m: f64,
    /// Fraction of a uniform spread within ρ, `(1 − cos(ρ/R))/2`.
    pub fraction_uniform: f64,
    /// Absentee ratio of a uniform spread, `1/f`.
    pub absentee_uniform: f64,
    /// Inclination factor `k(λ, i)` at the pad's latitude (None: the orbits
    /// never pass over it).
    pub inclination_factor: Option<f64>,
    /// Carriers that must be in reach of the launch point:
    /// `max(s, ⌈n·s/c⌉)` for n missiles, s shots, c interceptors per carrier.
    pub needed_in_reach: u32,
    /// Poisson mean in reach giving that many with the required confidence.
    pub poisson_mean: f64,
    /// Mean-value model: carriers = needed in reach × absentee ratio.
    pub mean_value_total: f64,
    /// Uniform sphere + Poisson: carriers = Poisson mean × absentee ratio.
    pub uniform_poisson_total: f64,
    /// Inclination-corrected + Poisson: the uniform figure over `k(λ, i)`
    /// (∞ if the orbits never pass over the pad).
    pub inclined_poisson_total: f64,
}

/// The farthest intercept of the fly-out kinematics at `layer`'s altitude:
/// (fly-out s, slant range m, missile radius m, ground angle rad).
///
/// Every second of the window: a full burn of Δv at acceleration a covers
/// `Δv(τ − t_b/2)` in τ ≥ t_b (`aτ²/2` before); the missile is where its
/// track says; the intercept counts only while the kill vehicle's divert
/// covers the missile's unpredicted motion (which only grows, so the scan
/// stops at the first shortfall). The angle between satellite and missile
/// that the slant range d just spans is `acos((r_o² + r_m² − d²)/(2 r_o r_m))`.
fn farthest(layer: &SbiLayerSpec, timeline: &BoostTimeline) -> (f64, f64, f64, f64) {
    let i = &layer.carrier.interceptor;
    let r_o = WGS84_A + layer.altitude_m;
    let window = (timeline.intercept_by_s - timeline.fire_s).max(0.0);
    let burn = i.burn_time_s();
    let mut best = (0.0, 0.0, r_o, 0.0);
    let steps = window.floor() as usize;
    for k in 1..=steps {
        let tau = k as f64;
        if divert_short_m_s(i, &timeline.track, timeline.fire_s, tau) > 0.0 {
            break;
        }
        let d = if tau >= burn {
            i.booster_delta_v_m_s * (tau - burn / 2.0)
        } else {
            0.5 * i.acceleration_m_s2 * tau * tau
        };
        let r_m = timeline.track.position(timeline.fire_s + tau).norm();
        let cos = (r_o * r_o + r_m * r_m - d * d) / (2.0 * r_o * r_m);
        if cos > 1.0 {
            continue;
        }
        let angle = cos.max(-1.0).acos();
        if angle > best.3 {
            best = (tau, d, r_m, angle);
        }
    }
    best
}

/// The analytic models of the family at `inclination_rad` (rad) of `layer`
/// against `salvo` missiles (with `spec`'s shots and confidence) from `pad`
/// (unit vector, Earth-fixed), on the timeline of their launch.
pub fn analytic(
    layer: &SbiLayerSpec,
    spec: &SizingSpec,
    salvo: u32,
    timeline: &BoostTimeline,
    pad: Vec3,
    inclination_rad: f64,
) -> Analytic {
    let (tau, d, r_m, angle) = farthest(layer, timeline);
    let rho = R_EARTH_MEAN * angle;
    let f = fraction_in_reach(rho);
    let cap = layer.carrier.interceptors.max(1);
    let needed = (salvo * spec.shots).div_ceil(cap).max(spec.shots);
    let mu = poisson_mean_for(needed, spec.confidence);
    let k = inclination_factor(pad.z.clamp(-1.0, 1.0).asin(), inclination_rad);
    let uniform = mu / f;
    Analytic {
        altitude_m: layer.altitude_m,
        flyout_s: tau,
        slant_range_m: d,
        intercept_altitude_m: r_m - WGS84_A,
        average_speed_m_s: if tau > 0.0 { d / tau } else { 0.0 },
        ground_reach_m: rho,
        fraction_uniform: f,
        absentee_uniform: 1.0 / f,
        inclination_factor: k,
        needed_in_reach: needed,
        poisson_mean: mu,
        mean_value_total: f64::from(needed) / f,
        uniform_poisson_total: uniform,
        inclined_poisson_total: k.map_or(f64::INFINITY, |k| uniform / k),
    }
}
