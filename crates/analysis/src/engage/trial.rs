//! One trial of a layered engagement: the boost layer shoots at missiles,
//! the midcourse sites at the re-entry vehicles and the decoys they cannot
//! tell apart, the terminal batteries at what is left; every kill is a
//! draw from the trial's own random streams.

use super::plan::Plan;
use super::spec::{Assignment, Doctrine, EngageSpec};
use cupola_defense::wta::{Greedy, Hungarian, WtaProblem};
use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{Rng, SeedableRng};

/// The random streams of one trial, one per component, keyed by (master
/// seed, trial, component) so that no draw depends on another component's
/// or another trial's.
pub struct Streams {
    /// Boost layer: pooled geometry and kill draws.
    pub boost: Xoshiro256PlusPlus,
    /// Midcourse: cue delays, discrimination and kill draws.
    pub midcourse: Xoshiro256PlusPlus,
    /// Terminal: cue delays and kill draws.
    pub terminal: Xoshiro256PlusPlus,
}

/// SplitMix64 finaliser, to key streams.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Streams {
    /// The streams of trial `trial` under master seed `seed`.
    pub fn new(seed: u64, trial: u64) -> Self {
        let key = |c: u64| Xoshiro256PlusPlus::seed_from_u64(mix(mix(seed) ^ mix(trial) ^ c));
        Self {
            boost: key(0xB0),
            midcourse: key(0x3D),
            terminal: key(0x7E),
        }
    }
}

/// A uniform draw in [0, 1).
fn unit(r: &mut Xoshiro256PlusPlus) -> f64 {
    (r.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// What one layer did in one trial.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LayerTally {
    /// Objects (or missiles, in boost) shot at.
    pub engaged: u64,
    /// Interceptors fired.
    pub rounds: u64,
    /// Re-entry vehicles destroyed (in boost: all those of a killed missile).
    pub rv_kills: u64,
    /// Decoys destroyed.
    pub decoy_kills: u64,
    /// Missiles destroyed (boost only).
    pub missile_kills: u64,
}

/// What one trial produced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrialOutcome {
    /// Re-entry vehicles that arrived.
    pub leakers: u32,
    /// Arrivals by asset.
    pub arrivals: Vec<u32>,
    /// Boost layer.
    pub boost: LayerTally,
    /// Each midcourse site.
    pub midcourse: Vec<LayerTally>,
    /// Each terminal battery.
    pub terminal: Vec<LayerTally>,
}

/// An object in flight after deployment.
#[derive(Clone, Copy, Debug)]
struct Object {
    missile: usize,
    rv: bool,
    alive: bool,
}

/// Reusable buffers of a trial.
#[derive(Default)]
pub struct Scratch {
    greedy: Greedy,
    hungarian: Hungarian,
    objects: Vec<Object>,
    alive: Vec<bool>,
    // WTA problem buffers.
    rounds: Vec<u32>,
    value: Vec<f64>,
    caps: Vec<u32>,
    pk: Vec<f64>,
    x: Vec<u32>,
    targets: Vec<usize>,
    groups: Vec<usize>,
    weights: Vec<f64>,
    rows: Vec<(usize, usize)>,
    cols: Vec<(usize, u32)>,
    matched: Vec<usize>,
    engaged: Vec<bool>,
    first: Vec<f64>,
    ready: Vec<Option<f64>>,
    recognised: Vec<bool>,
    inventory: Vec<u32>,
    allow: Vec<u32>,
    dead: Vec<usize>,
    waves: Vec<f64>,
}

/// Shots at an object's first look under a doctrine: the shots of a
/// barrage; the first look of shoot-look-shoot when a second look fits
/// (`second` is true), twice that as a barrage when it does not.
fn first_look(d: Doctrine, second: bool) -> u32 {
    match d {
        Doctrine::Barrage { shots } => shots,
        Doctrine::ShootLookShoot { shots } if second => shots,
        Doctrine::ShootLookShoot { shots } => 2 * shots,
    }
}

impl Scratch {
    /// Solve the WTA held in the buffers (groups × targets) with the chosen
    /// method, into `self.x`.
    fn solve(&mut self, method: Assignment) {
        let (g, t) = (self.rounds.len(), self.value.len());
        self.x.clear();
        self.x.resize(g * t, 0);
        if g == 0 || t == 0 {
            return;
        }
        match method {
            Assignment::Greedy => {
                let p = WtaProblem {
                    rounds: &self.rounds,
                    value: &self.value,
                    max_shots: &self.caps,
                    pk: &self.pk,
                };
                self.greedy.solve(&p, &mut self.x);
            }
            Assignment::Exact => {
                // One row per round, one column per shot slot of a target;
                // the m-th shot at target j from group i is worth
                // value·pk·(1 − pk)^(m − 1), the marginal return of
                // identical shots, so slots fill in order.
                // A group never fires more rounds than the shot slots it can
                // reach, so its rows stop there.
                self.rows.clear();
                for (i, &r) in self.rounds.iter().enumerate() {
                    let reachable: u32 = (0..t)
                        .filter(|&j| self.pk[i * t + j] > 0.0)
                        .map(|j| self.caps[j])
                        .sum();
                    self.rows.extend((0..r.min(reachable)).map(|_| (i, 0)));
                }
                self.cols.clear();
                for (j, &c) in self.caps.iter().enumerate() {
                    self.cols.extend((0..c).map(|m| (j, m)));
                }
                let (nr, nc) = (self.rows.len(), self.cols.len());
                self.weights.clear();
                for &(i, _) in &self.rows {
                    for &(j, m) in &self.cols {
                        let p = self.pk[i * t + j];
                        self.weights
                            .push(self.value[j] * p * (1.0 - p).powi(m as i32));
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
        }
    }
}

/// Run one trial.
pub fn run_trial(
    spec: &EngageSpec,
    plan: &Plan,
    streams: &mut Streams,
    s: &mut Scratch,
    out: &mut TrialOutcome,
) {
    let n = plan.missiles.len();
    out.leakers = 0;
    out.arrivals.clear();
    out.arrivals.resize(plan.assets.len(), 0);
    out.boost = LayerTally::default();
    out.midcourse.clear();
    out.midcourse
        .resize(plan.sites.len(), LayerTally::default());
    out.terminal.clear();
    out.terminal
        .resize(plan.batteries.len(), LayerTally::default());
    s.alive.clear();
    s.alive.resize(n, true);
    boost(spec, plan, streams, s, out);
    // Deployment: re-entry vehicles and decoys of the surviving missiles.
    s.objects.clear();
    for (j, &alive) in s.alive.iter().enumerate() {
        if alive {
            for _ in 0..plan.rvs {
                s.objects.push(Object {
                    missile: j,
                    rv: true,
                    alive: true,
                });
                for _ in 0..spec.decoys_per_rv {
                    s.objects.push(Object {
                        missile: j,
                        rv: false,
                        alive: true,
                    });
                }
            }
        }
    }
    midcourse(spec, plan, streams, s, out);
    // The atmosphere strips the decoys.
    s.objects.retain(|o| o.alive && o.rv);
    terminal(spec, plan, streams, s, out);
    for o in &s.objects {
        if o.alive {
            out.leakers += 1;
            out.arrivals[plan.missiles[o.missile].asset] += 1;
        }
    }
}

fn boost(
    spec: &EngageSpec,
    plan: &Plan,
    st: &mut Streams,
    s: &mut Scratch,
    out: &mut TrialOutcome,
) {
    let (Some(pool), Some(b)) = (&plan.boost, &spec.boost) else {
        return;
    };
    let n = plan.missiles.len();
    let k =
        ((unit(&mut st.boost) * f64::from(pool.samples)) as usize).min(pool.samples as usize - 1);
    // Groups: the carriers in reach of any missile.
    s.groups.clear();
    for j in 0..n {
        s.groups
            .extend(pool.in_reach(k, n, j).iter().map(|&c| c as usize));
    }
    s.groups.sort_unstable();
    s.groups.dedup();
    if spec.asat_shots > 0 {
        // The attacker first destroys the carriers in reach of the most
        // missiles (ties: lowest index).
        s.rows.clear();
        for (i, &c) in s.groups.iter().enumerate() {
            let reach = (0..n)
                .filter(|&j| pool.in_reach(k, n, j).contains(&(c as u32)))
                .count();
            s.rows.push((i, reach));
        }
        s.rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut dead = std::mem::take(&mut s.dead);
        dead.clear();
        dead.extend(
            s.rows
                .iter()
                .take(spec.asat_shots as usize)
                .map(|&(i, _)| s.groups[i]),
        );
        s.groups.retain(|c| !dead.contains(c));
        s.dead = dead;
    }
    let (g, t) = (s.groups.len(), n);
    s.rounds.clear();
    s.rounds.resize(g, pool.capacity);
    s.value.clear();
    s.value.extend(
        plan.missiles
            .iter()
            .map(|m| f64::from(plan.rvs) * plan.assets[m.asset].value),
    );
    s.caps.clear();
    s.caps.resize(t, b.shots);
    s.pk.clear();
    s.pk.resize(g * t, 0.0);
    for j in 0..n {
        for &c in pool.in_reach(k, n, j) {
            if let Ok(i) = s.groups.binary_search(&(c as usize)) {
                s.pk[i * t + j] = b.pk;
            }
        }
    }
    s.solve(spec.assignment);
    for j in 0..n {
        let mut shots = 0;
        for i in 0..g {
            shots += s.x[i * t + j];
        }
        if shots == 0 {
            continue;
        }
        out.boost.engaged += 1;
        out.boost.rounds += u64::from(shots);
        let mut killed = false;
        for _ in 0..shots {
            killed |= unit(&mut st.boost) < b.pk;
        }
        if killed {
            s.alive[j] = false;
            out.boost.missile_kills += 1;
            out.boost.rv_kills += u64::from(plan.rvs);
        }
    }
}

/// Fire the solved assignment (`s.x`, groups × `s.targets`): take each
/// group's rounds from `inventory`, tally them (and, on a `first_look`, the
/// engagement) in `tally`, and draw every round with the kill probability
/// the assignment used; the kill goes to the group whose round hit first.
fn fire(
    s: &mut Scratch,
    r: &mut Xoshiro256PlusPlus,
    first_look: bool,
    inventory: &mut [u32],
    tally: &mut [LayerTally],
) {
    let (g, t) = (inventory.len(), s.targets.len());
    for jj in 0..t {
        let o = s.targets[jj];
        let mut killer = None;
        for i in 0..g {
            let x = s.x[i * t + jj];
            if x == 0 {
                continue;
            }
            inventory[i] -= x;
            tally[i].rounds += u64::from(x);
            if first_look {
                tally[i].engaged += 1;
                s.engaged[o] = true;
            }
            let pk = s.pk[i * t + jj];
            for _ in 0..x {
                if unit(r) < pk && killer.is_none() {
                    killer = Some(i);
                }
            }
        }
        if let Some(i) = killer {
            s.objects[o].alive = false;
            if s.objects[o].rv {
                tally[i].rv_kills += 1;
            } else {
                tally[i].decoy_kills += 1;
            }
        }
    }
}

/// Midcourse: one decision per wave of launches (missiles sharing a launch
/// offset), holding back each site's reserve until the last wave; a second
/// look for shoot-look-shoot survivors.
fn midcourse(
    spec: &EngageSpec,
    plan: &Plan,
    st: &mut Streams,
    s: &mut Scratch,
    out: &mut TrialOutcome,
) {
    let sites = &spec.midcourse;
    if sites.is_empty() || s.objects.is_empty() {
        return;
    }
    let r = &mut st.midcourse;
    // Each site's readiness: its cue plus this trial's delay plus decision.
    s.ready.clear();
    for (m, p) in sites.iter().zip(&plan.sites) {
        let jitter = unit(r) * spec.detection_jitter_s;
        s.ready.push(p.cue_s.map(|c| c + jitter + m.decision_s));
    }
    // Discrimination draws: decoy o recognised by site i.
    let no = s.objects.len();
    s.recognised.clear();
    s.recognised.resize(no * sites.len(), false);
    for (o, obj) in s.objects.iter().enumerate() {
        if !obj.rv {
            for (i, m) in sites.iter().enumerate() {
                s.recognised[o * sites.len() + i] = unit(r) < m.discrimination;
            }
        }
    }
    s.inventory.clear();
    s.inventory.extend(sites.iter().map(|m| m.inventory));
    let mut inventory = std::mem::take(&mut s.inventory);
    let mut waves = std::mem::take(&mut s.waves);
    waves.clear();
    waves.extend(plan.missiles.iter().map(|m| m.offset_s));
    waves.sort_by(f64::total_cmp);
    waves.dedup();
    s.engaged.clear();
    s.engaged.resize(no, false);
    for (w, &offset) in waves.iter().enumerate() {
        let last = w + 1 == waves.len();
        // What this wave may spend, both looks together: all that is left
        // in the last wave, the inventory less the reserve before it.
        s.allow.clear();
        s.allow.extend(inventory.iter().zip(sites).map(|(&inv, m)| {
            if last {
                inv
            } else {
                (f64::from(inv) * (1.0 - m.reserve)).floor() as u32
            }
        }));
        for look in 0..2 {
            // Targets of this decision.
            s.targets.clear();
            for (o, obj) in s.objects.iter().enumerate() {
                let in_wave = plan.missiles[obj.missile].offset_s == offset;
                let wanted = if look == 0 {
                    !s.engaged[o]
                } else {
                    s.engaged[o]
                };
                if obj.alive && in_wave && wanted {
                    s.targets.push(o);
                }
            }
            if s.targets.is_empty() {
                continue;
            }
            let t = s.targets.len();
            let g = sites.len();
            s.rounds.clear();
            s.rounds.extend_from_slice(&s.allow);
            s.value.clear();
            s.caps.clear();
            s.pk.clear();
            s.pk.resize(g * t, 0.0);
            for (jj, &o) in s.targets.iter().enumerate() {
                let obj = s.objects[o];
                s.value
                    .push(plan.assets[plan.missiles[obj.missile].asset].value);
                let mut cap = 0;
                for (i, m) in sites.iter().enumerate() {
                    if s.recognised[o * g + i] {
                        continue;
                    }
                    let Some(ready_i) = s.ready[i] else { continue };
                    let win = &plan.sites[i].windows[obj.missile];
                    let Some(t1) = win.earliest(ready_i) else {
                        continue;
                    };
                    let second = win.earliest(t1 + m.assess_s).is_some();
                    if look == 0 {
                        cap = cap.max(first_look(m.doctrine, second));
                        s.pk[i * t + jj] = m.pk;
                    } else if let (Doctrine::ShootLookShoot { shots }, true) = (m.doctrine, second)
                    {
                        cap = cap.max(shots);
                        s.pk[i * t + jj] = m.pk;
                    }
                }
                s.caps.push(cap);
            }
            s.solve(spec.assignment);
            for i in 0..g {
                s.allow[i] -= s.x[i * t..(i + 1) * t].iter().sum::<u32>();
            }
            fire(s, r, look == 0, &mut inventory, &mut out.midcourse);
        }
    }
    s.inventory = inventory;
    s.waves = waves;
}

/// Terminal: each battery engages the re-entry vehicles falling in its
/// footprint while they cross its altitude band, once its sensor has a
/// track; a second look when the band leaves time for the assessment.
fn terminal(
    spec: &EngageSpec,
    plan: &Plan,
    st: &mut Streams,
    s: &mut Scratch,
    out: &mut TrialOutcome,
) {
    let bats = &spec.terminal;
    if bats.is_empty() || s.objects.is_empty() {
        return;
    }
    let r = &mut st.terminal;
    let g = bats.len();
    s.first.clear();
    for p in &plan.batteries {
        let jitter = unit(r) * spec.detection_jitter_s;
        s.first.push(match (p.cue_s, p.band) {
            (Some(c), Some((entry, exit))) => {
                let t1 = (c + jitter).max(entry);
                if t1 <= exit { t1 } else { f64::NAN }
            }
            _ => f64::NAN,
        });
    }
    s.inventory.clear();
    s.inventory.extend(bats.iter().map(|b| b.inventory));
    let mut inventory = std::mem::take(&mut s.inventory);
    let no = s.objects.len();
    s.engaged.clear();
    s.engaged.resize(no, false);
    for look in 0..2 {
        s.targets.clear();
        for (o, obj) in s.objects.iter().enumerate() {
            let wanted = if look == 0 {
                !s.engaged[o]
            } else {
                s.engaged[o]
            };
            if obj.alive && wanted {
                s.targets.push(o);
            }
        }
        if s.targets.is_empty() {
            break;
        }
        let t = s.targets.len();
        s.rounds.clear();
        s.rounds.extend_from_slice(&inventory);
        s.value.clear();
        s.caps.clear();
        s.pk.clear();
        s.pk.resize(g * t, 0.0);
        for (jj, &o) in s.targets.iter().enumerate() {
            let obj = s.objects[o];
            s.value
                .push(plan.assets[plan.missiles[obj.missile].asset].value);
            let mut cap = 0;
            for (i, b) in bats.iter().enumerate() {
                let p = &plan.batteries[i];
                let t1 = s.first[i];
                if t1.is_nan() || !p.covers[obj.missile] {
                    continue;
                }
                let second = p.band.is_some_and(|(_, exit)| t1 + b.assess_s <= exit);
                if look == 0 {
                    cap = cap.max(first_look(b.doctrine, second));
                    s.pk[i * t + jj] = b.pk;
                } else if let (Doctrine::ShootLookShoot { shots }, true) = (b.doctrine, second) {
                    cap = cap.max(shots);
                    s.pk[i * t + jj] = b.pk;
                }
            }
            s.caps.push(cap);
        }
        s.solve(spec.assignment);
        fire(s, r, look == 0, &mut inventory, &mut out.terminal);
    }
    s.inventory = inventory;
}
