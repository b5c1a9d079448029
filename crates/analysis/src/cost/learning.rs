//! Learning curves: how the cost of a unit falls as more are built.
//!
//! Both theories take a *slope* s in (0, 1]: each doubling of the quantity
//! multiplies the cost by s, so the exponent is b = log₂ s (b = 0 for
//! s = 1, no learning).
//!
//! - **Wright (cumulative-average) theory**: the average cost of the first
//!   N units is T₁·N^b, so their total is T₁·N^(1+b) and units n+1 … n+k
//!   cost T₁·((n+k)^(1+b) − n^(1+b)). At 80%, the average of the first 2,
//!   4 and 8 units is 0.8, 0.64 and 0.512 of T₁ (Wright 1936, "Factors
//!   affecting the cost of airplanes").
//! - **Crawford (unit) theory**: unit n costs T₁·n^b, so the cost of a
//!   batch is the sum of its units. At 80%, units 2, 4 and 8 cost 0.8,
//!   0.64 and 0.512 of T₁. The sum is exact up to unit
//!   [`EXACT_TERMS`]; beyond it the Euler–Maclaurin formula (integral, end
//!   corrections and the first derivative term) replaces the sum, whose
//!   next term is below 1e-15 of the total there.
//!
//! Unit numbers are cumulative over an element's whole life: a
//! replacement set continues the count where the previous buy stopped
//! (learning is not lost between buys).

use serde::Serialize;

/// How the unit cost falls with the quantity built.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "theory", rename_all = "snake_case")]
pub enum Learning {
    /// Every unit costs the first unit's cost.
    None,
    /// Wright's cumulative-average theory with the given slope, in (0, 1].
    Wright {
        /// Cost multiplier per doubling of the quantity, in (0, 1].
        slope: f64,
    },
    /// Crawford's unit theory with the given slope, in (0, 1].
    Crawford {
        /// Cost multiplier per doubling of the quantity, in (0, 1].
        slope: f64,
    },
}

impl Learning {
    /// The slope, 1 for [`Learning::None`].
    pub fn slope(self) -> f64 {
        match self {
            Self::None => 1.0,
            Self::Wright { slope } | Self::Crawford { slope } => slope,
        }
    }

    /// Whether the slope lies in (0, 1] (always for [`Learning::None`]).
    pub fn is_valid(self) -> bool {
        let s = self.slope();
        s.is_finite() && s > 0.0 && s <= 1.0
    }

    /// The exponent b = log₂(slope), ≤ 0.
    pub fn exponent(self) -> f64 {
        self.slope().log2()
    }
}

/// Units summed one by one under Crawford's theory before the
/// Euler–Maclaurin tail takes over.
pub const EXACT_TERMS: u64 = 10_000;

/// The cost of units `from_unit + 1 ..= from_unit + units` of a series
/// whose first unit costs `first_unit_musd` (millions of dollars), under
/// `learning`: T₁·((n+k)^(1+b) − n^(1+b)) for Wright,
/// Σ T₁·i^b for Crawford, T₁·k without learning (or with a slope of 1).
/// Zero when `units` is zero. The slope is assumed valid
/// ([`Learning::is_valid`]).
pub fn learning_total_musd(
    first_unit_musd: f64,
    learning: Learning,
    from_unit: u64,
    units: u64,
) -> f64 {
    if units == 0 {
        return 0.0;
    }
    let b = learning.exponent();
    if b == 0.0 {
        return first_unit_musd * units as f64;
    }
    let n = from_unit as f64;
    let end = n + units as f64;
    match learning {
        Learning::None => first_unit_musd * units as f64,
        Learning::Wright { .. } => first_unit_musd * (end.powf(1.0 + b) - n.powf(1.0 + b)),
        Learning::Crawford { .. } => first_unit_musd * unit_power_sum(from_unit + 1, units, b),
    }
}

/// The cost of unit `n` (from 1) under Crawford's theory, or the marginal
/// cost of unit `n` under Wright's (the total of n units less that of
/// n − 1), in the first unit's money.
pub fn unit_musd(first_unit_musd: f64, learning: Learning, n: u64) -> f64 {
    learning_total_musd(first_unit_musd, learning, n.saturating_sub(1), 1)
}

/// The average cost of the first `n` units, `first_unit_musd` when `n` is
/// zero.
pub fn average_musd(first_unit_musd: f64, learning: Learning, n: u64) -> f64 {
    if n == 0 {
        return first_unit_musd;
    }
    learning_total_musd(first_unit_musd, learning, 0, n) / n as f64
}

/// Σ i^b for i = first … first + count − 1 (first ≥ 1, b < 0).
fn unit_power_sum(first: u64, count: u64, b: f64) -> f64 {
    let last = first + count - 1;
    let exact_end = last.min(EXACT_TERMS.max(first.saturating_sub(1)));
    let mut sum = 0.0;
    let mut i = first;
    while i <= exact_end {
        sum += (i as f64).powf(b);
        i += 1;
    }
    if i > last {
        return sum;
    }
    // Euler–Maclaurin from i to last: ∫ + (f(a) + f(z))/2 + (f'(z) − f'(a))/12.
    let (a, z) = (i as f64, last as f64);
    let f = |x: f64| x.powf(b);
    let df = |x: f64| b * x.powf(b - 1.0);
    let integral = (z.powf(1.0 + b) - a.powf(1.0 + b)) / (1.0 + b);
    // b = −1 (slope 0.5) makes 1 + b zero: the integral is a logarithm.
    let integral = if (1.0 + b).abs() < 1e-12 {
        (z / a).ln()
    } else {
        integral
    };
    sum + integral + (f(a) + f(z)) / 2.0 + (df(z) - df(a)) / 12.0
}
