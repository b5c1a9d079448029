//! Exact maximum-weight assignment: the Hungarian method (Kuhn 1955; Munkres
//! 1957) in its shortest-augmenting-path form with dual potentials (Jonker &
//! Volgenant 1987), `O(n²·m)` for `n ≤ m`.

/// Scratch space of the Hungarian method (Kuhn 1955, "The Hungarian method
/// for the assignment problem", *Naval Research Logistics Quarterly* 2,
/// 83–97; Munkres 1957, "Algorithms for the assignment and transportation
/// problems", *J. SIAM* 5(1), 32–38), implemented as successive shortest
/// augmenting paths with row and column potentials (Jonker & Volgenant 1987,
/// "A shortest augmenting path algorithm for dense and sparse linear
/// assignment problems", *Computing* 38, 325–340). Reuse one `Hungarian`
/// across calls: after the first call of a given size, [`Hungarian::solve`]
/// does not allocate.
#[derive(Clone, Debug, Default)]
pub struct Hungarian {
    /// Potentials of the agents (the shorter side), 1-based; `u[0]` unused.
    u: Vec<f64>,
    /// Potentials of the tasks (the longer side), 1-based; `v[0]` belongs to
    /// the virtual task the augmenting path starts from.
    v: Vec<f64>,
    /// Agent matched to each task, 1-based, 0 for none.
    matched: Vec<usize>,
    /// Predecessor task of each task on the shortest-path tree.
    way: Vec<usize>,
    /// Tentative reduced distance to each task.
    minv: Vec<f64>,
    /// Whether each task is in the shortest-path tree.
    used: Vec<bool>,
}

impl Hungarian {
    /// Empty scratch space; it grows to the size of the first problem.
    pub fn new() -> Self {
        Self::default()
    }

    /// Exact maximum-weight assignment on the `rows × cols` matrix `weight`
    /// (row-major; rows are agents, e.g. launchers, columns tasks, e.g.
    /// targets; weights in any unit, typically expected value killed): each
    /// row goes to at most one column and each column to at most one row.
    /// Weights are meant to be finite and `≥ 0`; an entry `≤ 0`, NaN or
    /// infinite is no edge, and a row is never assigned through one. Rectangular matrices are padded
    /// internally (with zero-weight dummy rows, or by working on the
    /// transpose when `rows > cols`), so the cost is `O(k²·l)` with
    /// `k = min(rows, cols)`, `l = max(rows, cols)`.
    ///
    /// Writes into `out` (replacing its contents) the column of each row, or
    /// `usize::MAX` for an unassigned row, and returns the total weight of
    /// the assignment (summed in row order).
    ///
    /// # Panics
    ///
    /// If `weight.len() != rows * cols`.
    pub fn solve(&mut self, rows: usize, cols: usize, weight: &[f64], out: &mut Vec<usize>) -> f64 {
        assert_eq!(
            weight.len(),
            rows * cols,
            "weight has {} entries for {rows} × {cols}",
            weight.len()
        );
        out.clear();
        out.resize(rows, usize::MAX);
        if rows == 0 || cols == 0 {
            return 0.0;
        }
        let edge = |r: usize, c: usize| {
            let w = weight[r * cols + c];
            if w > 0.0 && w < f64::INFINITY { w } else { 0.0 }
        };
        if rows <= cols {
            self.run(rows, cols, |a, b| -edge(a, b));
            for (task, &agent) in self.matched.iter().enumerate().skip(1) {
                if agent != 0 && edge(agent - 1, task - 1) > 0.0 {
                    out[agent - 1] = task - 1;
                }
            }
        } else {
            self.run(cols, rows, |a, b| -edge(b, a));
            for (task, &agent) in self.matched.iter().enumerate().skip(1) {
                if agent != 0 && edge(task - 1, agent - 1) > 0.0 {
                    out[task - 1] = agent - 1;
                }
            }
        }
        out.iter()
            .enumerate()
            .filter(|&(_, &c)| c != usize::MAX)
            .map(|(r, &c)| weight[r * cols + c])
            .sum()
    }

    /// Addresses of the scratch buffers, to check that warm calls do not
    /// reallocate.
    #[cfg(test)]
    pub(super) fn buffer_addresses(&self) -> [usize; 6] {
        [
            self.u.as_ptr() as usize,
            self.v.as_ptr() as usize,
            self.matched.as_ptr() as usize,
            self.way.as_ptr() as usize,
            self.minv.as_ptr() as usize,
            self.used.as_ptr() as usize,
        ]
    }

    /// Minimum-cost assignment of `n` agents to `m ≥ n` tasks, every agent
    /// assigned; `cost(a, t)` is 0-based. Leaves the matching in `matched`
    /// (1-based).
    fn run(&mut self, n: usize, m: usize, cost: impl Fn(usize, usize) -> f64) {
        debug_assert!(n <= m);
        self.u.clear();
        self.u.resize(n + 1, 0.0);
        self.v.clear();
        self.v.resize(m + 1, 0.0);
        self.matched.clear();
        self.matched.resize(m + 1, 0);
        self.way.clear();
        self.way.resize(m + 1, 0);
        self.minv.resize(m + 1, f64::INFINITY);
        self.used.resize(m + 1, false);

        for agent in 1..=n {
            // Grow a shortest-path tree from a virtual task 0 holding `agent`
            // until it reaches a free task.
            self.matched[0] = agent;
            let mut j0 = 0;
            self.minv.fill(f64::INFINITY);
            self.used.fill(false);
            loop {
                self.used[j0] = true;
                let i0 = self.matched[j0];
                let mut delta = f64::INFINITY;
                let mut j1 = 0;
                for j in 1..=m {
                    if !self.used[j] {
                        let reduced = cost(i0 - 1, j - 1) - self.u[i0] - self.v[j];
                        if reduced < self.minv[j] {
                            self.minv[j] = reduced;
                            self.way[j] = j0;
                        }
                        if self.minv[j] < delta {
                            delta = self.minv[j];
                            j1 = j;
                        }
                    }
                }
                for j in 0..=m {
                    if self.used[j] {
                        self.u[self.matched[j]] += delta;
                        self.v[j] -= delta;
                    } else {
                        self.minv[j] -= delta;
                    }
                }
                j0 = j1;
                if self.matched[j0] == 0 {
                    break;
                }
            }
            // Augment along the path back to the virtual task.
            loop {
                let j1 = self.way[j0];
                self.matched[j0] = self.matched[j1];
                j0 = j1;
                if j0 == 0 {
                    break;
                }
            }
        }
    }
}
