//! Exhaustive optimum of a small WTA problem.

use super::{WtaProblem, expected_value};

/// Largest search space [`brute_force`] accepts: the bound
/// `Π_i C(r_i + t_i, t_i)` on the number of leaves, where `t_i` is the number
/// of targets group `i` can engage (`pk > 0`) and `r_i` its rounds, capped at
/// the sum of those targets' caps. (`C(r + t, t)` counts the ways to fire at
/// most `r` rounds at `t` targets; the caps only prune it further.) At about
/// 0.1 µs per leaf and target this is well under a second in release mode.
pub const BRUTE_FORCE_MAX_LEAVES: u64 = 5_000_000;

/// Exhaustive optimum of a small WTA problem, for tests and for measuring the
/// greedy gap: enumerates every allocation `x` (row-major `W × T` round
/// counts) with `Σ_j x_ij ≤ rounds[i]`, `Σ_i x_ij ≤ max_shots[j]` and `x_ij ≤
/// pair_cap[i][j]`, leaving
/// out rounds on pairs with `pk = 0` (they add nothing), and returns the
/// largest expected destroyed value ([`expected_value`], unit of `value`)
/// with the first allocation (in enumeration order, fewer rounds on earlier
/// pairs first) that reaches it.
///
/// Returns `None` if the bound on the search space exceeds
/// [`BRUTE_FORCE_MAX_LEAVES`].
///
/// # Panics
///
/// If `max_shots` or `pk` has the wrong length.
pub fn brute_force(p: &WtaProblem) -> Option<(f64, Vec<u32>)> {
    let (w, t) = p.dims();
    let mut leaves: u64 = 1;
    for i in 0..w {
        let engageable = (0..t).filter(|&j| p.pk[i * t + j] > 0.0);
        let reach = engageable.clone().count() as u64;
        let cap_sum = engageable.fold(0u64, |s, j| s.saturating_add(u64::from(p.max_shots[j])));
        let r = u64::from(p.rounds[i]).min(cap_sum);
        leaves = leaves.saturating_mul(binomial_capped(r + reach, reach, BRUTE_FORCE_MAX_LEAVES)?);
        if leaves > BRUTE_FORCE_MAX_LEAVES {
            return None;
        }
    }

    let mut search = Search {
        p,
        t,
        left: p.rounds.to_vec(),
        cap_left: p.max_shots.to_vec(),
        survival: vec![1.0; t],
        x: vec![0; w * t],
        best: f64::NEG_INFINITY,
        best_x: vec![0; w * t],
    };
    search.descend(0);
    let value = expected_value(p, &search.best_x);
    Some((value, search.best_x))
}

/// `C(n, k)`, or `None` if it exceeds `limit`.
fn binomial_capped(n: u64, k: u64, limit: u64) -> Option<u64> {
    let k = k.min(n - k);
    let mut c: u128 = 1;
    for m in 1..=k {
        // Exact: C(n − k + m, m) = C(n − k + m − 1, m − 1) · (n − k + m) / m.
        c = c * u128::from(n - k + m) / u128::from(m);
        if c > u128::from(limit) {
            return None;
        }
    }
    u64::try_from(c).ok()
}

/// State of the depth-first enumeration over the pairs `(i, j)` in row-major
/// order.
struct Search<'p, 'a> {
    p: &'p WtaProblem<'a>,
    t: usize,
    left: Vec<u32>,
    cap_left: Vec<u32>,
    survival: Vec<f64>,
    x: Vec<u32>,
    best: f64,
    best_x: Vec<u32>,
}

impl Search<'_, '_> {
    fn descend(&mut self, cell: usize) {
        if cell == self.x.len() {
            let value: f64 = self
                .p
                .value
                .iter()
                .zip(&self.survival)
                .map(|(v, s)| v * (1.0 - s))
                .sum();
            if value > self.best {
                self.best = value;
                self.best_x.copy_from_slice(&self.x);
            }
            return;
        }
        let (i, j) = (cell / self.t, cell % self.t);
        let pk = self.p.pk[cell];
        let most = if pk > 0.0 {
            self.left[i]
                .min(self.cap_left[j])
                .min(self.p.pair_cap(i, j))
        } else {
            0
        };
        let saved = (self.left[i], self.cap_left[j], self.survival[j]);
        for n in 0..=most {
            self.x[cell] = n;
            self.left[i] = saved.0 - n;
            self.cap_left[j] = saved.1 - n;
            self.descend(cell + 1);
            self.survival[j] *= 1.0 - pk;
        }
        self.x[cell] = 0;
        (self.left[i], self.cap_left[j], self.survival[j]) = saved;
    }
}
