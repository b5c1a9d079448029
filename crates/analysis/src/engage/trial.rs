//! One trial of a layered engagement: the boost layer shoots at missiles,
//! the midcourse sites at the re-entry vehicles and the decoys they cannot
//! tell apart, the terminal batteries at what is left; every kill, every
//! kill assessment and every choice among objects the battle manager cannot
//! tell apart is a draw from the trial's own random streams.

use super::plan::Plan;
use super::spec::{Doctrine, EngageSpec};
use crate::streams::{self, index, shuffle, unit};
use cupola_defense::wta::{Greedy, Hungarian, ShotMatching, ShotProblem};
use rand_xoshiro::Xoshiro256PlusPlus;

/// The random streams of one trial, one per component, keyed by (master
/// seed, trial, component) through [`crate::streams::key`], so that no
/// draw depends on another component's or another trial's.
pub struct Streams {
    /// Boost layer: pooled geometry, order among missiles, kill draws.
    pub boost: Xoshiro256PlusPlus,
    /// Midcourse: discrimination, order, kill and assessment draws.
    pub midcourse: Xoshiro256PlusPlus,
    /// Terminal: order, kill and assessment draws.
    pub terminal: Xoshiro256PlusPlus,
    /// Key of the cue delays: each site's and battery's delay is keyed by
    /// its layer and index, so that adding a layer shifts no other draw.
    cues: u64,
}

impl Streams {
    /// The streams of trial `trial` under master seed `seed`.
    pub fn new(seed: u64, trial: u64) -> Self {
        Self {
            boost: streams::stream(seed, trial, 0xB0),
            midcourse: streams::stream(seed, trial, 0x3D),
            terminal: streams::stream(seed, trial, 0x7E),
            cues: streams::key(seed, trial, 0xC0E),
        }
    }

    /// This trial's extra cue delay of site `i` of `layer` (0 midcourse, 1
    /// terminal), uniform in [0, `max_s`), s.
    fn cue_delay(&self, layer: u64, i: usize, max_s: f64) -> f64 {
        streams::to_unit(streams::key(self.cues, layer, i as u64)) * max_s
    }
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
    /// Whether the boost layer gave every missile all its shots.
    pub boost_all_shot: bool,
    /// Whether the boost layer destroyed each missile of the raid.
    pub boost_killed: Vec<bool>,
    /// Boost layer.
    pub boost: LayerTally,
    /// Each midcourse site.
    pub midcourse: Vec<LayerTally>,
    /// Each terminal battery.
    pub terminal: Vec<LayerTally>,
}

/// An object in flight after deployment.
#[derive(Clone, Copy, Debug)]
pub(super) struct Object {
    /// Index of the missile that deployed it.
    pub missile: usize,
    /// A re-entry vehicle (else a decoy).
    pub rv: bool,
    /// Not yet destroyed.
    pub alive: bool,
}

/// Reusable buffers of a trial.
#[derive(Default)]
pub struct Scratch {
    pub(super) greedy: Greedy,
    pub(super) hungarian: Hungarian,
    shots: ShotMatching,
    pub(super) objects: Vec<Object>,
    /// First object of each missile (and one past the last), as deployed.
    first_object: Vec<u32>,
    alive: Vec<bool>,
    /// Carriers the attacker's ASAT shots destroyed, numbered within the
    /// pooled sample.
    blocked: Vec<bool>,
    /// Missiles within reach of each carrier (ASAT targeting).
    reach_count: Vec<u32>,
    order: Vec<usize>,
    /// Whether each site can engage each missile's objects this trial
    /// (`n` a site): 0 no, 1 on one look, 2 with time for a second.
    looks: Vec<u8>,
    // One decision (a look) of a layer, `g` sites × `t` targets.
    /// Rounds each site may still fire in this decision.
    pub(super) rounds: Vec<u32>,
    /// Value of each target.
    pub(super) value: Vec<f64>,
    /// Per-target cap of the round-level assignment (none: `u32::MAX`).
    pub(super) caps: Vec<u32>,
    /// Single-shot kill probability of each site against each target.
    pub(super) pk: Vec<f64>,
    /// The doctrine's rounds per look of each site at each target (0: it
    /// cannot engage it).
    pub(super) salvo: Vec<u32>,
    /// The decision: rounds of each site at each target.
    pub(super) x: Vec<u32>,
    /// Targets the decision fires at, ascending.
    pub(super) hit: Vec<usize>,
    /// Each site's smallest salvo in the look (`u32::MAX`: none).
    pub(super) smallest: Vec<u32>,
    /// Each site's last (kill probability, salvo, salvo's kill
    /// probability) of the doctrine's greedy.
    pub(super) memo: Vec<(f64, u32, f64)>,
    /// Object index of each target.
    pub(super) targets: Vec<usize>,
    pub(super) weights: Vec<f64>,
    pub(super) rows: Vec<(usize, usize)>,
    pub(super) cols: Vec<(usize, u32)>,
    pub(super) matched: Vec<usize>,
    pub(super) pairs: Vec<(f64, usize, usize)>,
    /// Site that engaged each object on its first look (`usize::MAX`: none).
    pub(super) by: Vec<usize>,
    /// Objects the kill assessment sends to a second look.
    pub(super) again: Vec<bool>,
    /// Kill-assessment quality of each site of the layer deciding.
    pub(super) quality: Vec<f64>,
    /// Fused discrimination against each area's decoys.
    fused: Vec<f64>,
    first: Vec<f64>,
    ready: Vec<Option<f64>>,
    recognised: Vec<bool>,
    inventory: Vec<u32>,
    allow: Vec<u32>,
}

/// Rounds a site fires at one object in look `look` (0 or 1) under a
/// doctrine: on the first look, the shots of a barrage, the first look of
/// shoot-look-shoot when a second look fits (`second` is true) and twice
/// that as a barrage when it does not; on the second look, shoot-look-shoot's
/// shots when it fits, else none.
fn salvo(look: usize, d: Doctrine, second: bool) -> u32 {
    match (look, d) {
        (0, Doctrine::Barrage { shots }) => shots,
        (0, Doctrine::ShootLookShoot { shots }) if second => shots,
        (0, Doctrine::ShootLookShoot { shots }) => 2 * shots,
        (_, Doctrine::ShootLookShoot { shots }) if second => shots,
        _ => 0,
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
    out.boost_all_shot = false;
    out.boost_killed.clear();
    out.boost_killed.resize(n, false);
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
    s.first_object.clear();
    for (j, &alive) in s.alive.iter().enumerate() {
        s.first_object.push(s.objects.len() as u32);
        if alive {
            for _ in 0..plan.missiles[j].rvs {
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
    s.first_object.push(s.objects.len() as u32);
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

/// The boost layer: the carriers in reach of each missile at a pooled
/// launch time, less those the attacker's ASAT shots destroyed, assigned by
/// a maximum assignment (as the sizing study counts coverage), the most
/// valuable missiles first and missiles of equal value in random order.
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
    let k = index(&mut st.boost, pool.samples as usize);
    let problem = pool.problem(k, n);
    let (nc, starts) = (problem.carriers, problem.starts);
    s.blocked.clear();
    if spec.asat_shots > 0 {
        // The attacker first destroys the carriers in reach of the most
        // missiles (ties: at random). Carriers are numbered within the
        // sample in the order of their index in the layer.
        s.reach_count.clear();
        s.reach_count.resize(nc, 0);
        for &c in &pool.lists[starts[0] as usize..starts[n] as usize] {
            s.reach_count[c as usize] += 1;
        }
        s.order.clear();
        s.order.extend(0..nc);
        shuffle(&mut st.boost, &mut s.order);
        // (reach, position in the shuffled order): most reach first, ties
        // in the drawn order.
        s.rows.clear();
        s.rows.extend(
            s.order
                .iter()
                .enumerate()
                .map(|(pos, &c)| (s.reach_count[c] as usize, pos)),
        );
        s.rows
            .sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        s.blocked.resize(nc, false);
        for &(_, pos) in s.rows.iter().take(spec.asat_shots as usize) {
            s.blocked[s.order[pos]] = true;
        }
    }
    s.order.clear();
    s.order.extend(0..n);
    shuffle(&mut st.boost, &mut s.order);
    let value =
        |j: usize| plan.assets[plan.missiles[j].asset].value * f64::from(plan.missiles[j].rvs);
    if s.order.iter().any(|&j| value(j) != value(s.order[0])) {
        // Most valuable first, keeping the drawn order among equals.
        s.rows.clear();
        s.rows.extend(s.order.iter().copied().enumerate());
        s.rows
            .sort_unstable_by(|a, c| value(c.1).total_cmp(&value(a.1)).then(a.0.cmp(&c.0)));
        s.order.clear();
        s.order.extend(s.rows.iter().map(|r| r.1));
    }
    if s.blocked.is_empty() {
        s.shots.assign(&problem, &s.order);
    } else {
        // Carriers lost: the rank without them is unknown.
        s.shots.assign(
            &ShotProblem {
                blocked: Some(&s.blocked),
                most: None,
                ..problem
            },
            &s.order,
        );
    }
    let mut all = true;
    for j in 0..n {
        let shots = s.shots.shots(j);
        all &= shots >= b.shots;
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
            out.boost_killed[j] = true;
            out.boost.missile_kills += 1;
            out.boost.rv_kills += u64::from(plan.missiles[j].rvs);
        }
    }
    out.boost_all_shot = all;
}

/// Midcourse: one decision per wave of launches (missiles sharing a launch
/// offset), holding back each site's reserve until the last wave; a second
/// look at the objects the kill assessment calls survivors.
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
    let g = sites.len();
    // Each site's readiness against each area's launch: its cue plus this
    // trial's delay plus decision.
    let areas = plan.areas.len();
    s.ready.clear();
    for (i, (m, p)) in sites.iter().zip(&plan.sites).enumerate() {
        let jitter = st.cue_delay(0, i, spec.detection_jitter_s);
        s.ready
            .extend(p.cue_s.iter().map(|c| c.map(|c| c + jitter + m.decision_s)));
    }
    // Discrimination, fused by the battle manager: one draw per decoy
    // against the best probability among the sites that track its launch
    // and hold interceptors.
    s.fused.clear();
    s.fused.extend((0..areas).map(|a| {
        sites
            .iter()
            .enumerate()
            .filter(|(i, m)| m.inventory > 0 && s.ready[i * areas + a].is_some())
            .map(|(_, m)| m.discrimination)
            .fold(0.0, f64::max)
    }));
    // Whether each site can engage each surviving missile's objects, and
    // with time for a second look: two comparisons per site and missile.
    let n = plan.missiles.len();
    s.looks.clear();
    s.looks.resize(g * n, 0);
    for i in 0..g {
        for (j, pm) in plan.missiles.iter().enumerate() {
            if !s.alive[j] {
                continue;
            }
            let Some(ready) = s.ready[i * areas + pm.area] else {
                continue;
            };
            s.looks[i * n + j] = plan.sites[i].windows[j].looks(ready);
        }
    }
    let r = &mut st.midcourse;
    let no = s.objects.len();
    s.recognised.clear();
    for (j, pm) in plan.missiles.iter().enumerate() {
        // The objects of missile `j`, in deployment order.
        let run = s.first_object[j] as usize..s.first_object[j + 1] as usize;
        let fused = s.fused[pm.area];
        s.recognised
            .extend(s.objects[run].iter().map(|obj| !obj.rv && unit(r) < fused));
    }
    s.inventory.clear();
    s.inventory.extend(sites.iter().map(|m| m.inventory));
    s.quality.clear();
    s.quality.extend(sites.iter().map(|m| m.kill_assessment));
    let mut inventory = std::mem::take(&mut s.inventory);
    s.by.clear();
    s.by.resize(no, usize::MAX);
    s.again.clear();
    s.again.resize(no, false);
    for (w, wave) in plan.waves.iter().enumerate() {
        let last = w + 1 == plan.waves.len();
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
            // Targets of this decision: the wave's objects, in the order
            // they were deployed.
            s.targets.clear();
            for &j in wave {
                let j = j as usize;
                for o in s.first_object[j] as usize..s.first_object[j + 1] as usize {
                    let wanted = if look == 0 {
                        s.objects[o].alive && s.by[o] == usize::MAX && !s.recognised[o]
                    } else {
                        s.again[o]
                    };
                    if wanted {
                        s.targets.push(o);
                    }
                }
            }
            if s.targets.is_empty() {
                continue;
            }
            shuffle(r, &mut s.targets);
            let t = s.targets.len();
            s.rounds.clear();
            s.rounds.extend_from_slice(&s.allow);
            s.value.clear();
            s.value.extend(
                s.targets
                    .iter()
                    .map(|&o| plan.assets[plan.missiles[s.objects[o].missile].asset].value),
            );
            // Site by site (the buffers' order): its salvo at each target
            // by the looks it has at the target's missile.
            s.pk.clear();
            s.salvo.clear();
            for (i, m) in sites.iter().enumerate() {
                let sizes = [
                    0,
                    salvo(look, m.doctrine, false),
                    salvo(look, m.doctrine, true),
                ];
                let looks = &s.looks[i * n..(i + 1) * n];
                let (objects, targets) = (&s.objects, &s.targets);
                s.salvo.extend(
                    targets
                        .iter()
                        .map(|&o| sizes[usize::from(looks[objects[o].missile])]),
                );
                s.pk.extend(targets.iter().map(|&o| {
                    if looks[objects[o].missile] > 0 {
                        m.pk
                    } else {
                        0.0
                    }
                }));
            }
            s.decide(spec.allocation, spec.assignment);
            for &jj in &s.hit {
                for i in 0..g {
                    s.allow[i] -= s.x[i * t + jj];
                }
            }
            s.fire(r, look == 0, &mut inventory, &mut out.midcourse);
            if look == 0 {
                s.assess(r);
            }
        }
    }
    s.inventory = inventory;
}

/// Terminal: each battery engages the re-entry vehicles falling in its
/// footprint while they cross its altitude band, once its sensor has a
/// track; a second look when the band leaves time for the assessment and
/// the assessment calls the object a survivor.
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
    let g = bats.len();
    let areas = plan.areas.len();
    // Each battery's first intercept against each area's launch.
    s.first.clear();
    for (i, p) in plan.batteries.iter().enumerate() {
        let jitter = st.cue_delay(1, i, spec.detection_jitter_s);
        s.first.extend(p.cue_s.iter().zip(&p.band).map(|c| match c {
            (Some(c), Some((entry, exit))) => {
                let t1 = (c + jitter).max(*entry);
                if t1 <= *exit { t1 } else { f64::NAN }
            }
            _ => f64::NAN,
        }));
    }
    let r = &mut st.terminal;
    s.inventory.clear();
    s.inventory.extend(bats.iter().map(|b| b.inventory));
    s.quality.clear();
    s.quality.extend(bats.iter().map(|b| b.kill_assessment));
    let mut inventory = std::mem::take(&mut s.inventory);
    let no = s.objects.len();
    s.by.clear();
    s.by.resize(no, usize::MAX);
    s.again.clear();
    s.again.resize(no, false);
    for look in 0..2 {
        s.targets.clear();
        for (o, obj) in s.objects.iter().enumerate() {
            let wanted = if look == 0 { obj.alive } else { s.again[o] };
            if wanted {
                s.targets.push(o);
            }
        }
        if s.targets.is_empty() {
            break;
        }
        shuffle(r, &mut s.targets);
        let t = s.targets.len();
        s.rounds.clear();
        s.rounds.extend_from_slice(&inventory);
        s.value.clear();
        s.pk.clear();
        s.pk.resize(g * t, 0.0);
        s.salvo.clear();
        s.salvo.resize(g * t, 0);
        for (jj, &o) in s.targets.iter().enumerate() {
            let obj = s.objects[o];
            s.value
                .push(plan.assets[plan.missiles[obj.missile].asset].value);
            let area = plan.missiles[obj.missile].area;
            for (i, b) in bats.iter().enumerate() {
                let p = &plan.batteries[i];
                let t1 = s.first[i * areas + area];
                if t1.is_nan() || !p.covers[obj.missile] {
                    continue;
                }
                let second = p.band[area].is_some_and(|(_, exit)| t1 + b.assess_s <= exit);
                s.salvo[i * t + jj] = salvo(look, b.doctrine, second);
                s.pk[i * t + jj] = b.pk;
            }
        }
        s.decide(spec.allocation, spec.assignment);
        s.fire(r, look == 0, &mut inventory, &mut out.terminal);
        if look == 0 {
            s.assess(r);
        }
    }
    s.inventory = inventory;
}
