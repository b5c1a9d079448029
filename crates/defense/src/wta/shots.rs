//! Boost-phase shot assignment as a b-matching: each missile up to `shots`
//! interceptors from distinct carriers in reach, each carrier at most
//! `capacity` interceptors, missiles served in a given order.

/// Scratch space of the boost layer's shot assignment: a b-matching on the
/// bipartite graph missiles × carriers in reach (source → missile with
/// capacity `shots`, missile → carrier 1, carrier → sink `capacity`),
/// solved by augmenting paths (Ford & Fulkerson 1956, "Maximal flow through
/// a network", *Canadian J. Math.* 8, 399–404) taken one shot at a time in
/// the order the missiles are served.
///
/// Served in order, with an augmenting path never taking a shot from a
/// missile already served, the counts are those of the greedy algorithm of
/// the gammoid whose elements are the missiles' shots: unique for a given
/// order, whatever paths are found, and a maximum assignment (Edmonds
/// 1971, "Matroids and the greedy algorithm", *Math. Programming* 1,
/// 127–136). Two facts bound the work when the raid is large:
///
/// - once every carrier's interceptors are assigned no path can exist, so
///   the search stops (a raid of hundreds of missiles over a few dozen
///   carriers in reach costs what those carriers cost);
/// - the carriers and missiles a failed search visited reach no free
///   interceptor, and no later path can pass through them (they have no
///   residual edge leaving their set), so they stay marked for the rest of
///   the assignment (the dead-vertex rule of Hopcroft & Karp 1973): the
///   failed searches together cost at most one pass over the edges.
///
/// Reuse one `ShotMatching` across calls: after the first call of a given
/// size, [`ShotMatching::assign`] does not allocate.
#[derive(Clone, Debug, Default)]
pub struct ShotMatching {
    /// Interceptors assigned from each carrier.
    load: Vec<u32>,
    /// Missiles each carrier serves, `slots` a carrier.
    users: Vec<u32>,
    /// Carriers each missile is assigned, `shots + 1` slots a missile.
    assigned: Vec<u32>,
    /// Shots assigned to each missile.
    count: Vec<u32>,
    /// Search stamp of each carrier: visited in the current search when
    /// equal to `stamp`, permanently dead when `DEAD`.
    carrier_mark: Vec<u32>,
    /// Search stamp of each missile, as `carrier_mark`.
    missile_mark: Vec<u32>,
    /// Carriers and missiles visited by the current search (to mark dead
    /// when it fails): carriers as `c`, missiles as `!j`.
    visited: Vec<u32>,
    stamp: u32,
    /// Interceptors assigned.
    total: u64,
    /// Slots of `users` per carrier: `capacity`, at most the missiles.
    slots: usize,
    capacity: u32,
    shots: u32,
}

/// One boost-layer assignment: `n` missiles, missile `j` in reach of the
/// carriers `lists[starts[j]..starts[j + 1]]` (indices `< carriers`, each
/// at most once in a list).
#[derive(Clone, Copy, Debug)]
pub struct ShotProblem<'a> {
    /// Offsets into `lists`, `n + 1` of them (absolute).
    pub starts: &'a [u32],
    /// Carriers in reach, each missile's run.
    pub lists: &'a [u32],
    /// Carriers, count.
    pub carriers: usize,
    /// Interceptors each missile may get from distinct carriers, count.
    pub shots: u32,
    /// Interceptors each carrier holds, count.
    pub capacity: u32,
    /// Carriers that give none (`carriers` entries), when some do.
    pub blocked: Option<&'a [bool]>,
    /// The most interceptors any order can assign (the rank, when known,
    /// e.g. from an earlier assignment of the same problem): the search
    /// stops once it is reached, and when every missile's shots add up to
    /// it none is needed; `None`: unknown. A bound smaller than the rank
    /// stops the search there.
    pub most: Option<u64>,
}

/// Mark of a carrier or missile that a failed search visited.
const DEAD: u32 = u32::MAX;

impl ShotMatching {
    /// Empty scratch space.
    pub fn new() -> Self {
        Self::default()
    }

    /// A maximum assignment of `p`'s missiles, served in `order` (any
    /// sequence of missile indices; missiles not in it get nothing). Read
    /// the counts with [`ShotMatching::shots`].
    ///
    /// # Panics
    ///
    /// If `p.starts` is empty, an offset is out of `p.lists`, a carrier
    /// index is `≥ p.carriers` or `p.blocked` has the wrong length.
    pub fn assign(&mut self, p: &ShotProblem<'_>, order: &[usize]) {
        let n = p.starts.len().saturating_sub(1);
        assert!(!p.starts.is_empty(), "starts needs n + 1 entries");
        if let Some(b) = p.blocked {
            assert_eq!(b.len(), p.carriers, "blocked has one entry per carrier");
        }
        let (carriers, capacity) = (p.carriers, p.capacity);
        self.capacity = capacity;
        self.shots = p.shots;
        self.total = 0;
        self.count.clear();
        self.count.resize(n, 0);
        if p.shots == 0 || capacity == 0 || carriers == 0 {
            return;
        }
        let most = p.most.unwrap_or(u64::MAX);
        if self.serves_all(p, order, most) {
            return;
        }
        self.load.clear();
        self.load.resize(carriers, 0);
        self.carrier_mark.clear();
        self.carrier_mark.resize(carriers, 0);
        self.missile_mark.clear();
        self.missile_mark.resize(n, 0);
        self.stamp = 0;
        let mut free = carriers as u64 * u64::from(capacity);
        if let Some(b) = p.blocked {
            for (c, _) in b.iter().enumerate().filter(|(_, b)| **b) {
                // Never visited: no interceptor, no path through it.
                self.carrier_mark[c] = DEAD;
                free -= u64::from(capacity);
            }
        }
        // A carrier serves each missile at most once.
        self.slots = capacity.min(u32::try_from(n).unwrap_or(u32::MAX)) as usize;
        self.users.clear();
        self.users.resize(carriers * self.slots, 0);
        self.assigned.clear();
        self.assigned.resize(n * self.held_slots(), 0);
        let lists = Lists {
            starts: p.starts,
            lists: p.lists,
        };
        for &j in order {
            if free == 0 || self.total >= most {
                break;
            }
            let want = p.shots.min(lists.of(j).len() as u32);
            while free > 0 && self.count[j] < want && self.missile_mark[j] != DEAD {
                if let Some(c) = self.free_in_reach(&lists, j) {
                    self.take(j, c);
                } else {
                    self.next_stamp();
                    self.visited.clear();
                    if !self.augment(&lists, j) {
                        for &v in &self.visited {
                            if v & (1 << 31) == 0 {
                                self.carrier_mark[v as usize] = DEAD;
                            } else {
                                self.missile_mark[(!v) as usize] = DEAD;
                            }
                        }
                        continue;
                    }
                }
                free -= 1;
                self.total += 1;
            }
        }
    }

    /// When `order` holds every missile once and their shots (each at most
    /// its carriers in reach) add up to `most`, the rank: every missile gets
    /// them, whatever the order, and no search is needed. Sets the counts
    /// and returns true then.
    fn serves_all(&mut self, p: &ShotProblem<'_>, order: &[usize], most: u64) -> bool {
        let n = self.count.len();
        if order.len() != n || most == u64::MAX {
            return false;
        }
        let want = |j: usize| {
            let len = p.starts[j + 1].saturating_sub(p.starts[j]);
            p.shots.min(len)
        };
        let mut sum = 0u64;
        for &j in order {
            if self.count[j] != 0 {
                // Repeated in `order` (or served): not every missile once.
                self.count.fill(0);
                return false;
            }
            self.count[j] = want(j).max(1);
            sum += u64::from(want(j));
        }
        if sum != most {
            self.count.fill(0);
            return false;
        }
        for &j in order {
            self.count[j] = want(j);
        }
        self.total = sum;
        true
    }

    /// Interceptors the last [`ShotMatching::assign`] assigned in all.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Interceptors the last [`ShotMatching::assign`] gave missile `j`.
    pub fn shots(&self, j: usize) -> u32 {
        self.count.get(j).copied().unwrap_or(0)
    }

    /// A new search stamp (never 0, the cleared mark, nor [`DEAD`]).
    fn next_stamp(&mut self) {
        self.stamp += 1;
        if self.stamp == DEAD {
            // Wrap: forget the old stamps, keep the dead marks.
            for m in self.carrier_mark.iter_mut().chain(&mut self.missile_mark) {
                if *m != DEAD {
                    *m = 0;
                }
            }
            self.stamp = 1;
        }
    }

    /// Slots of `assigned` per missile: its shots and one more, for a
    /// missile on an augmenting path, which takes its new carrier before it
    /// gives up the old one.
    fn held_slots(&self) -> usize {
        self.shots as usize + 1
    }

    /// Whether missile `j` holds carrier `c`.
    #[inline]
    fn holds(&self, j: usize, c: u32) -> bool {
        let s = self.held_slots();
        self.assigned[j * s..j * s + self.count[j] as usize].contains(&c)
    }

    /// A carrier in reach of missile `j` with an interceptor left, open to
    /// it (see [`ShotMatching::closed`]).
    #[inline]
    fn free_in_reach(&self, lists: &Lists<'_>, j: usize) -> Option<u32> {
        lists
            .of(j)
            .iter()
            .copied()
            .find(|&c| self.load[c as usize] < self.capacity && !self.closed(j, c))
    }

    /// Whether carrier `c` is closed to missile `j` in this search: visited,
    /// dead, or already `j`'s.
    #[inline]
    fn closed(&self, j: usize, c: u32) -> bool {
        let m = self.carrier_mark[c as usize];
        m == self.stamp || m == DEAD || self.holds(j, c)
    }

    /// Find a carrier for one more shot at missile `j`: a carrier in reach
    /// with an interceptor left if there is one, else one whose missiles
    /// can move elsewhere along an augmenting path.
    fn augment(&mut self, lists: &Lists<'_>, j: usize) -> bool {
        self.missile_mark[j] = self.stamp;
        self.visited.push(!(j as u32));
        if let Some(c) = self.free_in_reach(lists, j) {
            self.take(j, c);
            return true;
        }
        for &c in lists.of(j) {
            if self.closed(j, c) {
                continue;
            }
            let ci = c as usize;
            self.carrier_mark[ci] = self.stamp;
            self.visited.push(c);
            // Full: try to move one of its missiles elsewhere.
            for u in 0..self.load[ci] as usize {
                let other = self.users[ci * self.slots + u] as usize;
                if self.missile_mark[other] == self.stamp || self.missile_mark[other] == DEAD {
                    continue;
                }
                if self.augment(lists, other) {
                    // `other` gained a carrier elsewhere; free its slot on c.
                    self.release(other, c);
                    self.take(j, c);
                    return true;
                }
            }
        }
        false
    }

    fn take(&mut self, j: usize, c: u32) {
        let ci = c as usize;
        self.users[ci * self.slots + self.load[ci] as usize] = j as u32;
        self.load[ci] += 1;
        let s = self.held_slots();
        self.assigned[j * s + self.count[j] as usize] = c;
        self.count[j] += 1;
    }

    fn release(&mut self, j: usize, c: u32) {
        let ci = c as usize;
        let users = &mut self.users[ci * self.slots..ci * self.slots + self.load[ci] as usize];
        if let Some(p) = users.iter().position(|&u| u as usize == j) {
            let last = users.len() - 1;
            users.swap(p, last);
            self.load[ci] -= 1;
        }
        let s = self.held_slots();
        let held = &mut self.assigned[j * s..j * s + self.count[j] as usize];
        if let Some(p) = held.iter().position(|&x| x == c) {
            let last = held.len() - 1;
            held.swap(p, last);
            self.count[j] -= 1;
        }
    }
}

/// Missiles' lists of carriers in reach, flattened.
struct Lists<'a> {
    starts: &'a [u32],
    lists: &'a [u32],
}

impl Lists<'_> {
    fn of(&self, j: usize) -> &[u32] {
        &self.lists[self.starts[j] as usize..self.starts[j + 1] as usize]
    }
}
