//! Shot assignment: can every missile get `shots` interceptors when each
//! interceptor engages at most one missile, a carrier holds `capacity` of
//! them, and a carrier fires at most one interceptor at any one missile?
//!
//! A b-matching on the bipartite graph missiles × carriers in reach, solved
//! exactly by augmenting paths (Ford–Fulkerson on unit edges: source →
//! missile with capacity `shots`, missile → carrier 1, carrier → sink
//! `capacity`).

/// Reusable buffers for [`Assigner::feasible`] and [`Assigner::assign`].
#[derive(Clone, Debug, Default)]
pub struct Assigner {
    carriers: Vec<u32>,
    lists: Vec<Vec<usize>>,
    load: Vec<u32>,
    users: Vec<Vec<usize>>,
    assigned: Vec<Vec<usize>>,
    seen: Vec<bool>,
    /// First-fit pass: per carrier id, the pass that last touched it, its
    /// load in that pass and the last missile it took.
    fit: Vec<(u32, u32, u32)>,
    /// The first-fit pass's number.
    pass: u32,
    /// Missiles in first-fit order.
    order: Vec<usize>,
    /// The last first fit's assignment: (missile, carrier id).
    fitted: Vec<(usize, u32)>,
}

impl Assigner {
    /// Whether every missile `j` (with carriers in reach `reach[j]`, ids
    /// sorted or not) can get `shots` interceptors from distinct carriers of
    /// `capacity` interceptors each.
    pub fn feasible(&mut self, reach: &[Vec<u32>], shots: u32, capacity: u32) -> bool {
        let s = shots as usize;
        if reach.iter().any(|r| r.len() < s) {
            return false;
        }
        if capacity as usize >= reach.len() || s == 0 {
            // Every carrier can serve every missile at once.
            return true;
        }
        if self.first_fit(reach, shots, capacity) {
            return true;
        }
        let nc = self.prepare(reach);
        if (nc as u64) * u64::from(capacity) < (reach.len() as u64) * u64::from(shots) {
            return false;
        }
        // Augmenting paths from first fit's partial assignment: a maximum
        // is reached from any feasible start, and a missile that finds no
        // path now never will.
        for idx in 0..self.fitted.len() {
            let (j, c) = self.fitted[idx];
            let local = self.carriers.binary_search(&c).unwrap_or(0);
            self.take(j, local);
        }
        for j in 0..reach.len() {
            for _ in self.assigned[j].len()..s {
                self.seen.clear();
                self.seen.resize(nc, false);
                if !self.augment(j, capacity) {
                    return false;
                }
            }
        }
        true
    }

    /// A maximum assignment: gives each missile up to `shots` interceptors
    /// from distinct carriers in reach (`reach[j]`) of `capacity`
    /// interceptors each, maximising the interceptors assigned. Missiles are
    /// served in `order` (a permutation of `0..reach.len()`): an augmenting
    /// path never takes a shot from a missile already served, so the
    /// earlier a missile stands in `order`, the surer its shots (the greedy
    /// of a transversal matroid, optimal for weights that decrease along
    /// `order`). Afterwards [`Assigner::shots`] tells each missile's count;
    /// every missile has all its shots exactly when
    /// [`Assigner::feasible`] would say so.
    pub fn assign(&mut self, reach: &[Vec<u32>], shots: u32, capacity: u32, order: &[usize]) {
        let nc = self.prepare(reach);
        for &j in order {
            for _ in 0..shots.min(self.lists[j].len() as u32) {
                self.seen.clear();
                self.seen.resize(nc, false);
                if !self.augment(j, capacity) {
                    break;
                }
            }
        }
    }

    /// Whether first fit, the missiles with the fewest carriers first, gives
    /// every missile `shots` distinct carriers of `capacity`: an assignment
    /// found proves feasibility; failing proves nothing (the augmenting
    /// paths then decide, starting from the partial assignment it leaves in
    /// `fitted`). It usually succeeds, at a fraction of their cost.
    fn first_fit(&mut self, reach: &[Vec<u32>], shots: u32, capacity: u32) -> bool {
        self.pass = self.pass.wrapping_add(1);
        if self.pass == 0 {
            // The stamps wrapped: start them afresh.
            self.fit.iter_mut().for_each(|f| f.0 = 0);
            self.pass = 1;
        }
        self.order.clear();
        self.order.extend(0..reach.len());
        self.order.sort_by_key(|&j| (reach[j].len(), j));
        self.fitted.clear();
        let mut complete = true;
        for idx in 0..self.order.len() {
            let j = self.order[idx];
            let mut got = 0;
            for &c in &reach[j] {
                if got == shots {
                    break;
                }
                let c = c as usize;
                if c >= self.fit.len() {
                    self.fit.resize(c + 1, (0, 0, 0));
                }
                let f = &mut self.fit[c];
                if f.0 != self.pass {
                    *f = (self.pass, 0, u32::MAX);
                }
                if f.1 < capacity && f.2 != j as u32 {
                    f.1 += 1;
                    f.2 = j as u32;
                    got += 1;
                    self.fitted.push((j, c as u32));
                }
            }
            complete &= got == shots;
        }
        complete
    }

    /// Interceptors the last [`Assigner::assign`] gave missile `j`.
    pub fn shots(&self, j: usize) -> u32 {
        self.assigned.get(j).map_or(0, |a| a.len() as u32)
    }

    /// Local carrier indices of `reach` (its distinct carriers, sorted) and
    /// empty loads and assignments; returns the number of carriers.
    fn prepare(&mut self, reach: &[Vec<u32>]) -> usize {
        self.carriers.clear();
        for r in reach {
            self.carriers.extend_from_slice(r);
        }
        self.carriers.sort_unstable();
        self.carriers.dedup();
        let nc = self.carriers.len();
        self.lists.resize_with(reach.len(), Vec::new);
        for (list, r) in self.lists.iter_mut().zip(reach) {
            list.clear();
            list.extend(
                r.iter()
                    .map(|c| self.carriers.binary_search(c).unwrap_or(0)),
            );
        }
        self.load.clear();
        self.load.resize(nc, 0);
        self.users.resize_with(nc, Vec::new);
        self.users.iter_mut().for_each(Vec::clear);
        self.assigned.resize_with(reach.len(), Vec::new);
        self.assigned.iter_mut().for_each(Vec::clear);
        nc
    }

    /// Find a carrier for one more shot at missile `j`, moving other
    /// missiles' shots along an augmenting path if needed.
    fn augment(&mut self, j: usize, capacity: u32) -> bool {
        for idx in 0..self.lists[j].len() {
            let c = self.lists[j][idx];
            if self.seen[c] || self.assigned[j].contains(&c) {
                continue;
            }
            self.seen[c] = true;
            if self.load[c] < capacity {
                self.take(j, c);
                return true;
            }
            // Full: try to move one of its missiles elsewhere.
            for u in 0..self.users[c].len() {
                let other = self.users[c][u];
                if other == j {
                    continue;
                }
                if self.augment(other, capacity) {
                    // `other` gained a carrier elsewhere; free its slot on c.
                    self.release(other, c);
                    self.take(j, c);
                    return true;
                }
            }
        }
        false
    }

    fn take(&mut self, j: usize, c: usize) {
        self.load[c] += 1;
        self.users[c].push(j);
        self.assigned[j].push(c);
    }

    fn release(&mut self, j: usize, c: usize) {
        self.load[c] -= 1;
        if let Some(p) = self.users[c].iter().position(|&u| u == j) {
            self.users[c].swap_remove(p);
        }
        if let Some(p) = self.assigned[j].iter().position(|&x| x == c) {
            self.assigned[j].swap_remove(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A xorshift64 generator (Marsaglia 2003) for random test instances.
    fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    /// Brute force: try every way of giving each missile `shots` distinct
    /// carriers from its list, respecting capacities.
    fn brute(reach: &[Vec<u32>], shots: usize, cap: u32, load: &mut Vec<u32>) -> bool {
        brute_demands(reach, &vec![shots as u32; reach.len()], cap, load)
    }

    /// The augmenting-path assignment agrees with exhaustive search on
    /// random small instances.
    #[test]
    fn matches_brute_force() {
        let mut next = xorshift(0x2545_f491_4f6c_dd1du64);
        let mut a = Assigner::default();
        let mut agree = (0, 0);
        for _ in 0..3_000 {
            let missiles = 1 + (next() % 5) as usize;
            let carriers = 1 + (next() % 7) as u32;
            let reach: Vec<Vec<u32>> = (0..missiles)
                .map(|_| (0..carriers).filter(|_| next() & 1 == 0).collect())
                .collect();
            let shots = 1 + (next() % 3) as u32;
            let cap = 1 + (next() % 3) as u32;
            let mut load = vec![0; carriers as usize];
            let want = brute(&reach, shots as usize, cap, &mut load);
            assert_eq!(
                a.feasible(&reach, shots, cap),
                want,
                "{reach:?} s {shots} c {cap}"
            );
            if want { agree.0 += 1 } else { agree.1 += 1 }
        }
        assert!(agree.0 > 200 && agree.1 > 200, "{agree:?}");
    }

    /// The maximum assignment serves every missile fully exactly when the
    /// feasibility test says so, never gives a missile two interceptors of
    /// one carrier or a carrier more than its capacity, and assigns as many
    /// interceptors as the exhaustive optimum (checked by brute force on the
    /// largest total: some split of `shots` per missile is feasible).
    #[test]
    fn assign_is_maximum_and_agrees_with_feasible() {
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15u64);
        let mut a = Assigner::default();
        let mut b = Assigner::default();
        for _ in 0..2_000 {
            let missiles = 1 + (next() % 5) as usize;
            let carriers = 1 + (next() % 6) as u32;
            let reach: Vec<Vec<u32>> = (0..missiles)
                .map(|_| (0..carriers).filter(|_| next() & 1 == 0).collect())
                .collect();
            let shots = 1 + (next() % 2) as u32;
            let cap = 1 + (next() % 2) as u32;
            let mut order: Vec<usize> = (0..missiles).collect();
            order.rotate_left((next() % missiles as u64) as usize);
            a.assign(&reach, shots, cap, &order);
            let total: u32 = (0..missiles).map(|j| a.shots(j)).sum();
            let full = (0..missiles).all(|j| a.shots(j) == shots);
            assert_eq!(full, b.feasible(&reach, shots, cap), "{reach:?}");
            let mut load = vec![0u32; carriers as usize];
            for (j, list) in a.assigned.iter().enumerate().take(missiles) {
                let mut seen = list.clone();
                seen.sort_unstable();
                seen.dedup();
                assert_eq!(seen.len(), list.len(), "missile {j} twice on one carrier");
                for &c in list {
                    let id = a.carriers[c] as usize;
                    assert!(reach[j].contains(&(id as u32)));
                    load[id] += 1;
                }
            }
            assert!(load.iter().all(|&l| l <= cap));
            // The optimum: the largest total over per-missile demands.
            let mut best = 0;
            let mut demand = vec![0u32; missiles];
            loop {
                let t: u32 = demand.iter().sum();
                if t > best {
                    let mut load = vec![0; carriers as usize];
                    if brute_demands(&reach, &demand, cap, &mut load) {
                        best = t;
                    }
                }
                // Next demand vector in 0..=shots per missile.
                let mut k = 0;
                while k < missiles && demand[k] == shots {
                    demand[k] = 0;
                    k += 1;
                }
                if k == missiles {
                    break;
                }
                demand[k] += 1;
            }
            assert_eq!(total, best, "{reach:?} shots {shots} cap {cap}");
        }
    }

    /// Brute force with a demand per missile.
    fn brute_demands(reach: &[Vec<u32>], demand: &[u32], cap: u32, load: &mut Vec<u32>) -> bool {
        let Some((first, rest)) = reach.split_first() else {
            return true;
        };
        fn choose(
            list: &[u32],
            k: u32,
            start: usize,
            load: &mut Vec<u32>,
            cap: u32,
            rest: &[Vec<u32>],
            demand: &[u32],
        ) -> bool {
            if k == 0 {
                return brute_demands(rest, &demand[1..], cap, load);
            }
            for i in start..list.len() {
                let c = list[i] as usize;
                if load[c] < cap {
                    load[c] += 1;
                    let ok = choose(list, k - 1, i + 1, load, cap, rest, demand);
                    load[c] -= 1;
                    if ok {
                        return true;
                    }
                }
            }
            false
        }
        choose(first, demand[0], 0, load, cap, rest, demand)
    }
}
