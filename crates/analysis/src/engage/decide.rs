//! One decision of the battle manager: which site fires how many rounds at
//! which object in one look, then the rounds fired and the kill assessment
//! that decides the next look.
//!
//! The caller fills the look's buffers in [`Scratch`]: the targets (object
//! indices, already in a random order drawn from the trial's stream), their
//! values, each site's rounds, and for each site and target the single-shot
//! kill probability and the doctrine's rounds per look (`salvo`, 0 where
//! the site cannot engage the target). Two allocations
//! ([`Allocation`]) and two methods ([`Assignment`]):
//!
//! - doctrine, greedy: the most valuable targets first (ties: the random
//!   order), each to the site whose whole salvo kills it most surely among
//!   those with rounds for it (ties: the smaller salvo, then the first
//!   site);
//! - doctrine, exact: a maximum-weight assignment (Hungarian method) of the
//!   sites' salvos to targets, weight `value · (1 − (1 − pk)^salvo)`; exact
//!   when each site's salvos have one size, and the salvos a site cannot
//!   pay for (a larger fallback salvo) are dropped, least valuable first;
//! - marginal return, greedy: rounds one at a time by largest marginal
//!   return (den Broeder et al. 1959) with the doctrine's shots as each
//!   site's cap per target;
//! - marginal return, exact: a maximum-weight assignment of rounds to shot
//!   slots, the m-th shot at a target worth `value · pk · (1 − pk)^(m − 1)`
//!   with the pk of the site firing it, a site taking only its first
//!   `salvo` slots (exact when the sites that share a target share its pk).

use super::spec::{Allocation, Assignment};
use super::trial::{LayerTally, Scratch};
use crate::streams::unit;
use cupola_defense::wta::WtaProblem;
use rand_xoshiro::Xoshiro256PlusPlus;

/// Probability that `salvo` independent rounds of kill probability `pk`
/// destroy a target: `1 − (1 − pk)^salvo`.
fn salvo_pk(pk: f64, salvo: u32) -> f64 {
    1.0 - (1.0 - pk).powi(i32::try_from(salvo).unwrap_or(i32::MAX))
}

impl Scratch {
    /// Decide the look held in the buffers (sites × targets) into `self.x`
    /// (rounds of each site at each target) and `self.hit` (the targets
    /// fired at, ascending).
    pub(super) fn decide(&mut self, allocation: Allocation, method: Assignment) {
        let (g, t) = (self.rounds.len(), self.value.len());
        self.x.clear();
        self.x.resize(g * t, 0);
        self.hit.clear();
        if g == 0 || t == 0 {
            return;
        }
        match (allocation, method) {
            (Allocation::Doctrine, Assignment::Greedy) => {
                self.doctrine_greedy();
                return;
            }
            (Allocation::Doctrine, Assignment::Exact) => self.doctrine_exact(),
            (Allocation::MarginalReturn, Assignment::Greedy) => {
                self.caps.clear();
                self.caps.resize(t, u32::MAX);
                for (p, &k) in self.pk.iter_mut().zip(&self.salvo) {
                    if k == 0 {
                        *p = 0.0;
                    }
                }
                let p = WtaProblem {
                    rounds: &self.rounds,
                    value: &self.value,
                    max_shots: &self.caps,
                    pair_cap: Some(&self.salvo),
                    pk: &self.pk,
                };
                self.greedy.solve(&p, &mut self.x);
            }
            (Allocation::MarginalReturn, Assignment::Exact) => self.marginal_exact(),
        }
        self.hit
            .extend((0..t).filter(|&jj| (0..g).any(|i| self.x[i * t + jj] > 0)));
    }

    /// The doctrine's salvo at each target in turn, most valuable first;
    /// stops once no site has rounds for its smallest salvo. `self.hit`
    /// comes out ascending.
    fn doctrine_greedy(&mut self) {
        let (g, t) = (self.rounds.len(), self.value.len());
        // Sites that can still fire: rounds for their smallest salvo here
        // (`u32::MAX`: none; a salvo of 0 wraps to the largest value).
        self.smallest.clear();
        self.smallest.extend(self.salvo.chunks_exact(t).map(|row| {
            let m = row.iter().fold(u32::MAX, |m, &k| m.min(k.wrapping_sub(1)));
            if m == u32::MAX { u32::MAX } else { m + 1 }
        }));
        let mut active = self
            .smallest
            .iter()
            .zip(&self.rounds)
            .filter(|(s, r)| s <= r)
            .count();
        if active == 0 {
            return;
        }
        // Targets by value, keeping the random order among equals (when all
        // are worth the same, that order as it stands).
        let value = &self.value;
        let sorted = value.iter().any(|&v| v != value[0]);
        if sorted {
            self.rows.clear();
            self.rows.extend((0..t).map(|jj| (jj, 0)));
            self.rows
                .sort_unstable_by(|a, b| value[b.0].total_cmp(&value[a.0]).then(a.0.cmp(&b.0)));
        }
        // The last (pk, salvo) → kill probability of each site: a site's
        // targets mostly share them (an entry left by an earlier look is as
        // good: the probability depends on the pair alone).
        self.memo.resize(g.max(self.memo.len()), (f64::NAN, 0, 0.0));
        for n in 0..t {
            let jj = if sorted { self.rows[n].0 } else { n };
            let mut best: Option<(f64, u32, usize)> = None;
            for i in 0..g {
                let k = self.salvo[i * t + jj];
                if k == 0 || k > self.rounds[i] {
                    continue;
                }
                let pk = self.pk[i * t + jj];
                let memo = &mut self.memo[i];
                if memo.0 != pk || memo.1 != k {
                    *memo = (pk, k, salvo_pk(pk, k));
                }
                let p = memo.2;
                let better = match best {
                    None => true,
                    Some((bp, bk, _)) => p > bp || (p == bp && k < bk),
                };
                if better {
                    best = Some((p, k, i));
                }
            }
            if let Some((_, k, i)) = best {
                self.rounds[i] -= k;
                self.x[i * t + jj] = k;
                self.hit.push(jj);
                if self.rounds[i] < self.smallest[i] {
                    active -= 1;
                    if active == 0 {
                        break;
                    }
                }
            }
        }
        if sorted {
            self.hit.sort_unstable();
        }
    }

    /// The sites' salvos assigned to targets by the Hungarian method.
    fn doctrine_exact(&mut self) {
        let (g, t) = (self.rounds.len(), self.value.len());
        // One row per salvo a site can pay for (at its smallest salvo), at
        // most one per target it can engage.
        self.rows.clear();
        for i in 0..g {
            let row = &self.salvo[i * t..(i + 1) * t];
            let smallest = row.iter().copied().filter(|&k| k > 0).min().unwrap_or(0);
            if smallest == 0 {
                continue;
            }
            let engageable = row.iter().filter(|&&k| k > 0).count() as u32;
            let n = (self.rounds[i] / smallest).min(engageable);
            self.rows.extend((0..n).map(|_| (i, 0)));
        }
        let nr = self.rows.len();
        self.weights.clear();
        for &(i, _) in &self.rows {
            for jj in 0..t {
                let k = self.salvo[i * t + jj];
                let w = if k > 0 && k <= self.rounds[i] {
                    self.value[jj] * salvo_pk(self.pk[i * t + jj], k)
                } else {
                    0.0
                };
                self.weights.push(w);
            }
        }
        self.hungarian
            .solve(nr, t, &self.weights, &mut self.matched);
        // Pay for the matched salvos, most valuable first.
        self.pairs.clear();
        for (row, &jj) in self.matched.iter().enumerate() {
            if jj < t && self.weights[row * t + jj] > 0.0 {
                self.pairs
                    .push((self.weights[row * t + jj], self.rows[row].0, jj));
            }
        }
        self.pairs
            .sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
        for &(_, i, jj) in &self.pairs {
            let k = self.salvo[i * t + jj];
            if k <= self.rounds[i] {
                self.rounds[i] -= k;
                self.x[i * t + jj] = k;
            }
        }
    }

    /// Rounds assigned to shot slots by the Hungarian method.
    fn marginal_exact(&mut self) {
        let (g, t) = (self.rounds.len(), self.value.len());
        // One row per round; a site never fires more rounds than the slots
        // it may take, so its rows stop there.
        self.rows.clear();
        for (i, &r) in self.rounds.iter().enumerate() {
            let slots: u32 = self.salvo[i * t..(i + 1) * t].iter().sum();
            self.rows.extend((0..r.min(slots)).map(|_| (i, 0)));
        }
        // Slots of each target: as many as its largest per-site cap.
        self.cols.clear();
        for jj in 0..t {
            let most = (0..g).map(|i| self.salvo[i * t + jj]).max().unwrap_or(0);
            self.cols.extend((0..most).map(|m| (jj, m)));
        }
        let (nr, nc) = (self.rows.len(), self.cols.len());
        self.weights.clear();
        for &(i, _) in &self.rows {
            for &(jj, m) in &self.cols {
                let w = if m < self.salvo[i * t + jj] {
                    let p = self.pk[i * t + jj];
                    self.value[jj] * p * (1.0 - p).powi(m as i32)
                } else {
                    0.0
                };
                self.weights.push(w);
            }
        }
        self.hungarian
            .solve(nr, nc, &self.weights, &mut self.matched);
        for (r, &c) in self.matched.iter().enumerate() {
            if c < nc && self.weights[r * nc + c] > 0.0 {
                self.x[self.rows[r].0 * t + self.cols[c].0] += 1;
            }
        }
    }

    /// Fire the decision (`self.x`): take each site's rounds from
    /// `inventory`, tally them (and, on a `first_look`, the engagement) in
    /// `tally`, and draw every round with its kill probability; the kill
    /// goes to the first site (in the layer's order) among those whose
    /// rounds hit. Rounds at an object already
    /// destroyed (sent back by a wrong kill assessment) are spent for
    /// nothing.
    pub(super) fn fire(
        &mut self,
        r: &mut Xoshiro256PlusPlus,
        first_look: bool,
        inventory: &mut [u32],
        tally: &mut [LayerTally],
    ) {
        let (g, t) = (inventory.len(), self.targets.len());
        for &jj in &self.hit {
            let o = self.targets[jj];
            let mut killer = None;
            for i in 0..g {
                let x = self.x[i * t + jj];
                if x == 0 {
                    continue;
                }
                inventory[i] -= x;
                tally[i].rounds += u64::from(x);
                if first_look && self.by[o] == usize::MAX {
                    tally[i].engaged += 1;
                    self.by[o] = i;
                }
                let pk = self.pk[i * t + jj];
                for _ in 0..x {
                    if unit(r) < pk && killer.is_none() {
                        killer = Some(i);
                    }
                }
            }
            if let Some(i) = killer.filter(|_| self.objects[o].alive) {
                self.objects[o].alive = false;
                if self.objects[o].rv {
                    tally[i].rv_kills += 1;
                } else {
                    tally[i].decoy_kills += 1;
                }
            }
        }
    }

    /// Kill assessment after a first look: each engaged target is judged by
    /// the site that engaged it, right with probability `self.quality[site]`.
    /// A survivor judged a survivor, or a kill judged a survivor, is sent to
    /// the second look; a survivor judged a kill is not.
    pub(super) fn assess(&mut self, r: &mut Xoshiro256PlusPlus) {
        for &jj in &self.hit {
            let o = self.targets[jj];
            let i = self.by[o];
            if i == usize::MAX {
                continue;
            }
            let q = self.quality.get(i).copied().unwrap_or(1.0);
            let right = unit(r) < q;
            self.again[o] = self.objects[o].alive == right;
        }
    }
}
