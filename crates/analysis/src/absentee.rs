//! The analytic absentee-ratio model of space-based interception: what
//! fraction of a constellation is within reach of a launch, and how many
//! satellites are needed so that enough are in reach with a given confidence.
//!
//! The model of the open literature (e.g. APS 2003, ch. 5; Garwin; Wilkening
//! 2004): satellites spread uniformly over the sphere; one within a ground
//! reach ρ of the launch point lies in a spherical cap holding the fraction
//! `f = (1 − cos(ρ/R))/2` of the sphere, so the absentee ratio is `1/f`.
//! Inclined orbits concentrate satellites near latitudes ±i by the factor
//! `k(λ, i) = 2 / (π·√(sin²i − sin²λ))` (relative to a uniform spread). With
//! random phasing the count in reach is close to Poisson, so requiring `n`
//! in reach with confidence `c` fixes its mean by the Poisson quantile.

use cupola_physics::constants::R_EARTH_MEAN;

/// Fraction of a uniformly spread constellation within ground reach `rho_m`
/// (m, measured on the 6,371 km sphere) of a point, dimensionless:
/// `(1 − cos(ρ/R))/2`, the area of the spherical cap over the sphere's.
pub fn fraction_in_reach(rho_m: f64) -> f64 {
    let psi = (rho_m / R_EARTH_MEAN).clamp(0.0, std::f64::consts::PI);
    // 1 − cos ψ = 2 sin²(ψ/2), accurate for small reach.
    (psi / 2.0).sin().powi(2)
}

/// Absentee ratio of a uniformly spread constellation for ground reach
/// `rho_m` (m): satellites in orbit per satellite in reach, `1/f`.
pub fn absentee_ratio(rho_m: f64) -> f64 {
    1.0 / fraction_in_reach(rho_m)
}

/// Density of satellites on circular orbits of inclination `inclination_rad`
/// over latitude `latitude_rad`, relative to a uniform spread (dimensionless):
/// `2 / (π·√(sin²i − sin²λ))`; `None` where the orbits never pass (|λ| ≥ i)
/// or at the turning latitude itself, where the density is singular.
pub fn inclination_factor(latitude_rad: f64, inclination_rad: f64) -> Option<f64> {
    let d = inclination_rad.sin().powi(2) - latitude_rad.sin().powi(2);
    (d > 0.0).then(|| 2.0 / (std::f64::consts::PI * d.sqrt()))
}

/// Probability that a Poisson count of mean `mean` is at least `n`.
pub fn poisson_at_least(n: u32, mean: f64) -> f64 {
    if n == 0 {
        return 1.0;
    }
    // 1 − P(N ≤ n − 1); each term is formed in log space so that large
    // means do not underflow e^−λ.
    let ln_mean = mean.ln();
    let mut ln_term = -mean;
    let mut below = ln_term.exp();
    for k in 1..n {
        ln_term += ln_mean - f64::from(k).ln();
        below += ln_term.exp();
    }
    (1.0 - below).clamp(0.0, 1.0)
}

/// The smallest Poisson mean that gives at least `n` with probability
/// `confidence` (in (0, 1)), found by bisection to 1e-10 relative.
pub fn poisson_mean_for(n: u32, confidence: f64) -> f64 {
    if n == 0 || confidence <= 0.0 {
        return 0.0;
    }
    let c = confidence.min(1.0 - 1e-15);
    let (mut lo, mut hi) = (0.0, f64::from(n).max(1.0));
    while poisson_at_least(n, hi) < c {
        hi *= 2.0;
    }
    while hi - lo > 1e-10 * hi {
        let mid = 0.5 * (lo + hi);
        if poisson_at_least(n, mid) >= c {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

/// Constellation size (satellites in orbit) of a uniform spread that puts at
/// least `n` satellites within reach `rho_m` (m) of a launch with
/// probability `confidence`: the Poisson mean over the fraction in reach.
pub fn required_uniform(rho_m: f64, n: u32, confidence: f64) -> f64 {
    poisson_mean_for(n, confidence) * absentee_ratio(rho_m)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reach on the ground ρ = 480 km (a 180 s boost, 60 s of delays,
    /// 4 km/s average fly-out speed: 4 × 120 = 480 km): the uniform fraction
    /// in reach is 1.418e-3 and the absentee ratio 705 (closed form; ±0.5%).
    #[test]
    fn absentee_ratio_for_480_km_reach() {
        let rho = 4.0e3 * (180.0 - 60.0);
        assert!(
            (fraction_in_reach(rho) / 1.418e-3 - 1.0).abs() < 0.005,
            "{}",
            fraction_in_reach(rho)
        );
        assert!(
            (absentee_ratio(rho) / 705.0 - 1.0).abs() < 0.005,
            "{}",
            absentee_ratio(rho)
        );
    }

    /// Large means stay accurate (e^−1000 underflows on its own): P(N ≥ 1000)
    /// for a mean of 1000 is just above one half, since the median of a
    /// Poisson law with a large integer mean equals the mean.
    #[test]
    fn large_means_do_not_underflow() {
        let p = poisson_at_least(1_000, 1_000.0);
        assert!((0.5..0.52).contains(&p), "{p}");
    }

    /// Poisson quantiles: a mean of 3.00 gives at least one in reach with
    /// 95% probability (1 − e^−λ = 0.95 ⇒ λ = ln 20 = 2.996); at least ten
    /// with 95% needs a mean of 15.71 (±0.5%).
    #[test]
    fn poisson_quantiles() {
        let one = poisson_mean_for(1, 0.95);
        assert!((one - 20f64.ln()).abs() < 1e-8, "{one}");
        assert!((one / 3.00 - 1.0).abs() < 0.005);
        let ten = poisson_mean_for(10, 0.95);
        assert!((ten / 15.71 - 1.0).abs() < 0.005, "{ten}");
        assert!((poisson_at_least(10, ten) - 0.95).abs() < 1e-9);
    }

    /// For small reach the required count scales as 1/ρ²: halving the reach
    /// quadruples it (to 0.1% at these reaches).
    #[test]
    fn required_count_scales_as_inverse_square_of_reach() {
        for rho in [50e3, 100e3, 200e3, 400e3] {
            let ratio = required_uniform(rho / 2.0, 1, 0.95) / required_uniform(rho, 1, 0.95);
            assert!((ratio / 4.0 - 1.0).abs() < 1e-3, "{rho}: {ratio}");
        }
    }

    /// The inclination factor integrates to one over the sphere (it is a
    /// density relative to uniform) and peaks toward latitude ±i.
    #[test]
    fn inclination_factor_is_a_normalised_density() {
        let i = 55f64.to_radians();
        let n = 200_000;
        // ∫ k(λ) cos λ dλ over (−i, i), divided by ∫ cos λ dλ over (−π/2, π/2) = 2.
        let h = 2.0 * i / n as f64;
        let integral: f64 = (0..n)
            .map(|j| {
                let lat = -i + (j as f64 + 0.5) * h;
                inclination_factor(lat, i).unwrap_or(0.0) * lat.cos() * h
            })
            .sum();
        assert!((integral / 2.0 - 1.0).abs() < 0.01, "{}", integral / 2.0);
        assert!(inclination_factor(60f64.to_radians(), i).is_none());
        let eq = inclination_factor(0.0, i).unwrap();
        let high = inclination_factor(50f64.to_radians(), i).unwrap();
        assert!(high > eq);
    }
}
