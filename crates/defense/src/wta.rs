//! Weapon–target assignment (WTA) for the battle manager: which weapon group
//! fires how many rounds at which target.
//!
//! The problem is the static WTA of Manne (1958) and den Broeder, Ellison &
//! Emerling (1959, "On optimum target assignments", *Operations Research* 7(3),
//! 322–326): weapon groups `i = 0..W` hold `rounds[i]` interceptors; targets
//! `j = 0..T` are worth `value[j] > 0` and may draw at most `max_shots[j]`
//! rounds (and at most `pair_cap[i][j]` from group `i`, when given); a round of group `i` kills target `j` with the single-shot
//! probability `pk[i][j]`, independently of every other round. Firing `x_ij`
//! rounds destroys, in expectation,
//!
//! ```text
//! Σ_j value[j] · (1 − Π_i (1 − pk_ij)^x_ij)
//! ```
//!
//! ([`expected_value`]). Three solvers:
//!
//! - [`Greedy`]: the maximum-marginal-return rule of den Broeder et al.
//!   (1959): give one round at a time to the (group, target) pair of largest
//!   gain. Exact when there is one weapon group (the objective is then
//!   separable and concave in each target's count), a heuristic otherwise:
//!   0.64% below the optimum on average, 43% at worst, on small random
//!   problems (see [`Greedy`]).
//! - [`Hungarian`]: an exact one-to-one maximum-weight assignment
//!   (Kuhn 1955, "The Hungarian method for the assignment problem", *Naval
//!   Research Logistics Quarterly* 2, 83–97; Munkres 1957, "Algorithms for the
//!   assignment and transportation problems", *J. SIAM* 5(1), 32–38), for the
//!   one-round-per-target, one-target-per-launcher cases.
//! - [`brute_force`]: the exhaustive optimum of a small problem, for tests and
//!   for measuring the greedy gap.
//!
//! and, for the boost layer, where every interceptor is a carrier's and a
//! carrier fires at most one at a missile, [`ShotMatching`]: a maximum
//! b-matching of missiles to carriers in reach, served in a given order.
//!
//! The solvers keep their buffers in a reusable scratch struct, so after the
//! first call of a given size they do not allocate.

mod brute;
mod greedy;
mod hungarian;
mod shots;
#[cfg(test)]
mod tests;

pub use brute::{BRUTE_FORCE_MAX_LEAVES, brute_force};
pub use greedy::Greedy;
pub use hungarian::Hungarian;
pub use shots::{ShotMatching, ShotProblem};

/// One static WTA problem, borrowed from the caller's buffers. `W =
/// rounds.len()` weapon groups, `T = value.len()` targets.
#[derive(Clone, Copy, Debug)]
pub struct WtaProblem<'a> {
    /// Interceptors (rounds) available in each weapon group, count; length `W`.
    pub rounds: &'a [u32],
    /// Value of destroying each target, in the caller's unit (e.g. warheads or
    /// weighted value), `> 0`; length `T`.
    pub value: &'a [f64],
    /// Most rounds that may be fired at each target, count (`u32::MAX` for no
    /// cap); length `T`.
    pub max_shots: &'a [u32],
    /// Most rounds group `i` may fire at target `j`, count, row-major `W × T`
    /// like `pk` (a doctrine's shots per object of one site); `None`: only
    /// the per-target caps apply.
    pub pair_cap: Option<&'a [u32]>,
    /// Single-shot kill probabilities in `[0, 1]`, row-major `W × T`:
    /// `pk[i * T + j]` for group `i` against target `j`; 0 means group `i`
    /// cannot engage target `j`.
    pub pk: &'a [f64],
}

impl WtaProblem<'_> {
    /// Number of weapon groups `W`.
    pub fn groups(&self) -> usize {
        self.rounds.len()
    }

    /// Number of targets `T`.
    pub fn targets(&self) -> usize {
        self.value.len()
    }

    /// Single-shot kill probability of group `i` against target `j`.
    ///
    /// # Panics
    ///
    /// If `i ≥ W` or `j ≥ T`.
    pub fn pk(&self, i: usize, j: usize) -> f64 {
        let t = self.targets();
        assert!(j < t, "target {j} out of range (T = {t})");
        self.pk[i * t + j]
    }

    /// Checks the lengths of the slices and the ranges of `value` (finite,
    /// `> 0`) and `pk` (in `[0, 1]`). The solvers assume a valid problem;
    /// call this where the numbers come from outside the program.
    pub fn validate(&self) -> Result<(), WtaError> {
        let (w, t) = (self.groups(), self.targets());
        if self.max_shots.len() != t {
            return Err(WtaError::Length {
                what: "max_shots",
                expected: t,
                found: self.max_shots.len(),
            });
        }
        if let Some(c) = self.pair_cap.filter(|c| c.len() != w * t) {
            return Err(WtaError::Length {
                what: "pair_cap",
                expected: w * t,
                found: c.len(),
            });
        }
        if self.pk.len() != w * t {
            return Err(WtaError::Length {
                what: "pk",
                expected: w * t,
                found: self.pk.len(),
            });
        }
        if let Some((target, &value)) = self
            .value
            .iter()
            .enumerate()
            .find(|(_, v)| !(v.is_finite() && **v > 0.0))
        {
            return Err(WtaError::Value { target, value });
        }
        if let Some((k, &pk)) = self
            .pk
            .iter()
            .enumerate()
            .find(|(_, p)| !(0.0..=1.0).contains(*p))
        {
            return Err(WtaError::Pk {
                group: k / t,
                target: k % t,
                pk,
            });
        }
        Ok(())
    }

    /// `(W, T)`, after checking the slice lengths.
    ///
    /// # Panics
    ///
    /// If `max_shots` or `pk` has the wrong length.
    pub(crate) fn dims(&self) -> (usize, usize) {
        let (w, t) = (self.groups(), self.targets());
        assert_eq!(
            self.max_shots.len(),
            t,
            "max_shots has {} entries for {t} targets",
            self.max_shots.len()
        );
        assert_eq!(
            self.pk.len(),
            w * t,
            "pk has {} entries for {w} groups × {t} targets",
            self.pk.len()
        );
        if let Some(c) = self.pair_cap {
            assert_eq!(c.len(), w * t, "pair_cap has {} entries", c.len());
        }
        (w, t)
    }

    /// Most rounds group `i` may fire at target `j` by the pair caps
    /// (`u32::MAX` without them).
    #[inline]
    pub(crate) fn pair_cap(&self, i: usize, j: usize) -> u32 {
        self.pair_cap
            .map_or(u32::MAX, |c| c[i * self.targets() + j])
    }
}

/// What [`WtaProblem::validate`] found wrong.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum WtaError {
    /// A slice has the wrong length.
    #[error("{what} has {found} entries, expected {expected}")]
    Length {
        /// Which slice.
        what: &'static str,
        /// Its expected length.
        expected: usize,
        /// Its length.
        found: usize,
    },
    /// A target's value is not finite and positive.
    #[error("target {target} has value {value}; values must be finite and > 0")]
    Value {
        /// Target index.
        target: usize,
        /// The value.
        value: f64,
    },
    /// A kill probability is outside `[0, 1]` (or NaN).
    #[error("pk of group {group} against target {target} is {pk}; it must be in [0, 1]")]
    Pk {
        /// Weapon group index.
        group: usize,
        /// Target index.
        target: usize,
        /// The probability.
        pk: f64,
    },
}

/// Expected destroyed value of the assignment `x` (row-major `W × T` round
/// counts): `Σ_j value[j] · (1 − Π_i (1 − pk_ij)^x_ij)`, in the unit of
/// `value`. Does not check `x` against rounds or caps.
///
/// # Panics
///
/// If a slice of `p` or `x` has the wrong length.
pub fn expected_value(p: &WtaProblem, x: &[u32]) -> f64 {
    let (w, t) = p.dims();
    assert_eq!(
        x.len(),
        w * t,
        "x has {} entries for {w} groups × {t} targets",
        x.len()
    );
    let mut total = 0.0;
    for (j, &value) in p.value.iter().enumerate() {
        let mut survival = 1.0;
        for i in 0..w {
            let n = x[i * t + j];
            if n > 0 {
                let n = i32::try_from(n).unwrap_or(i32::MAX);
                survival *= (1.0 - p.pk[i * t + j]).powi(n);
            }
        }
        total += value * (1.0 - survival);
    }
    total
}
