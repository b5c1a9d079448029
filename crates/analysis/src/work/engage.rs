//! The engagement and stability studies' estimates: trials × objects, the
//! exact assignment's problems, the boost layer's pool of geometries.

use super::{Estimate, HUNGARIAN_STEP_S, PLANE_QUERY_S, TABLE_CELL_STEP_S, TRIAL_OBJECT_S};
use crate::engage::plan::BOOST_TABLE_RESOLUTION_RAD;
use crate::engage::{Assignment, Doctrine, EngageSpec};
use crate::sizing::SbiLayerSpec;
use crate::sizing::study::BoostTimeline;
use crate::stability::StabilitySpec;
use crate::stability::offense::SURROGATE_POOL;
use cupola_physics::constants::R_EARTH_MEAN;

/// Bytes of a trial's buffers per object and worker thread (the object, its
/// flags, the look's target lists; `assumed` 64, counted from
/// `engage::trial::Scratch`).
pub const OBJECT_BYTES: f64 = 64.0;

/// Postures the stability study evaluates per round of the arms race (and
/// once for the attacker's first answer and the cost-exchange ratios):
/// `assumed` 200, from the default `cupola stability`, which evaluated 573
/// postures in a race of 3 rounds with its retaliation table
/// (docs/performance.md); a race that settles early evaluates fewer.
pub const POSTURES_PER_ROUND: f64 = 200.0;

/// Objects of an attacker's posture relative to the scenario's raid, on
/// average over the postures a stability run evaluates: `assumed` 3 (the
/// attacker adds missiles and decoys), which puts the default run's cost
/// per posture at the measured 42 ms.
pub const POSTURE_OBJECTS_FACTOR: f64 = 3.0;

/// Share of a posture's trials the stability study runs: its searches ask
/// only which side of a goal a posture is on and stop its trials once that
/// is settled (`stability::offense`, sequential evaluation); the default
/// `cupola stability` ran 190,344 trials for about 1,000 postures of 1,000
/// (docs/performance.md, "Cost and stability"). `assumed` 0.25, range
/// 0.05 (every posture far from the goal) to 1 (every posture at it).
pub const SEQUENTIAL_TRIAL_SHARE: f64 = 0.25;

/// Share of a stability run's postures that need a plan of their own: a
/// plan is shared by postures that differ only in interceptor counts,
/// decoys or anti-satellite shots; the default run built 177 plans for
/// 1,009 postures. `assumed` 0.25, range 0.1–1.
pub const PLAN_SHARE: f64 = 0.25;

/// What an engagement run will be asked.
pub struct EngageWork<'a> {
    /// The study (after `--trials`).
    pub spec: &'a EngageSpec,
    /// Re-entry vehicles per missile (the most of the areas' launches).
    pub rvs: u32,
    /// The SBI layer, when the scenario has one.
    pub layer: Option<&'a SbiLayerSpec>,
    /// The boost timeline of the first area's launch, when it flies (None:
    /// the reach tables and the pool's lists are not costed).
    pub timeline: Option<&'a BoostTimeline>,
    /// Whether the leak curve over `salvo_sweep` runs.
    pub sweep: bool,
    /// Worker threads (each holds its own trial buffers).
    pub threads: usize,
}

/// Objects after deployment of `salvo` missiles of `rvs` re-entry vehicles
/// with `decoys` decoys each.
pub fn objects(salvo: u32, rvs: u32, decoys: u32) -> f64 {
    f64::from(salvo) * f64::from(rvs.max(1)) * (1.0 + f64::from(decoys))
}

/// Shots per look of a doctrine.
fn shots(d: Doctrine) -> u32 {
    match d {
        Doctrine::Barrage { shots } | Doctrine::ShootLookShoot { shots } => shots.max(1),
    }
}

/// The exact assignment of one layer (sites with their inventories and
/// doctrines) against `t` targets: rows, columns (as `engage::decide`
/// builds them, with every target engageable by every site: the largest
/// problem).
pub fn exact_problem(sites: &[(u32, Doctrine)], t: f64, marginal: bool) -> (f64, f64) {
    if marginal {
        let rows: f64 = sites
            .iter()
            .map(|&(inv, d)| f64::from(inv).min(t * f64::from(shots(d))))
            .sum();
        let most = sites.iter().map(|&(_, d)| shots(d)).max().unwrap_or(0);
        (rows, t * f64::from(most))
    } else {
        let rows: f64 = sites
            .iter()
            .map(|&(inv, d)| f64::from(inv / shots(d)).min(t))
            .sum();
        (rows, t)
    }
}

/// Core seconds and memory (bytes) of one trial against `o` objects.
fn trial(spec: &EngageSpec, o: f64) -> (f64, f64) {
    let mut s = TRIAL_OBJECT_S * o;
    let mut mem = OBJECT_BYTES * o;
    let layers: [Vec<(u32, Doctrine)>; 2] = [
        spec.midcourse
            .iter()
            .map(|m| (m.inventory, m.doctrine))
            .collect(),
        spec.terminal
            .iter()
            .map(|b| (b.inventory, b.doctrine))
            .collect(),
    ];
    for sites in layers.iter().filter(|l| !l.is_empty()) {
        // The look's site × target buffers (kill probability, salvo,
        // decision: 16 bytes a pair), whatever the method.
        let g = sites.len() as f64;
        mem += 16.0 * g * o;
        if spec.assignment == Assignment::Exact {
            let marginal = spec.allocation == crate::engage::Allocation::MarginalReturn;
            let (rows, cols) = exact_problem(sites, o, marginal);
            let (k, l) = (rows.min(cols), rows.max(cols));
            // Two looks (shoot-look-shoot) in the worst case.
            s += 2.0 * k * k * l * HUNGARIAN_STEP_S;
            mem += 8.0 * rows * cols + 16.0 * (k + l);
        }
    }
    (s, mem)
}

/// Fraction of a shell's carriers within fly-out reach of a launch: the
/// spherical cap of the ground reach `Δv · window` (an upper estimate: it
/// ignores how late in the window the missile is reachable).
fn reach_fraction(layer: &SbiLayerSpec, tl: &BoostTimeline) -> f64 {
    let window = (tl.intercept_by_s - tl.fire_s).max(0.0);
    let reach = layer.carrier.interceptor.booster_delta_v_m_s * window;
    let angle = 2.0 * (reach / (2.0 * R_EARTH_MEAN)).min(1.0).asin();
    (1.0 - angle.cos()) / 2.0
}

/// Core seconds and memory (bytes) of building the plan at `salvo` with a
/// pool of `pool` boost geometries (the reach table counted separately).
fn plan(w: &EngageWork<'_>, salvo: u32, pool: u32) -> (f64, f64) {
    let (Some(b), Some(layer)) = (&w.spec.boost, w.layer) else {
        return (0.0, 0.0);
    };
    let launches = crate::work::distinct_launches(&w.spec.areas).min(f64::from(salvo));
    let planes = f64::from(layer.planes.first().copied().unwrap_or(1).max(1));
    let pool = f64::from(pool);
    let s = pool * launches * planes * PLANE_QUERY_S;
    let in_reach = w
        .timeline
        .map_or(0.0, |tl| f64::from(b.carriers) * reach_fraction(layer, tl));
    // Each geometry's lists of carriers in reach (u32) and their starts.
    let mem = 4.0 * pool * f64::from(salvo) * (in_reach + 1.0);
    (s, mem)
}

/// Core seconds of the boost layer's reach table.
fn table(w: &EngageWork<'_>) -> f64 {
    match (&w.spec.boost, w.layer, w.timeline) {
        (Some(_), Some(layer), Some(tl)) => {
            let i = layer.inclinations_rad.first().copied().unwrap_or(1.0);
            let t = tl.table_size(layer, i, BOOST_TABLE_RESOLUTION_RAD);
            // One table per launch area, costed as the first area's.
            w.spec.areas.len().max(1) as f64
                * t.cells as f64
                * t.scan_steps as f64
                * TABLE_CELL_STEP_S
        }
        _ => 0.0,
    }
}

/// The estimate of an engagement study: the plan (reach table, pool of
/// boost geometries), `trials` trials at the scenario's salvo, and as many
/// at each salvo of the leak curve.
pub fn engagement(w: &EngageWork<'_>) -> Estimate {
    let spec = w.spec;
    let mut e = Estimate::new("engagement");
    let pool = spec.boost.as_ref().map_or(0, |b| b.pool);
    // Built once for the engagement and once more for the leak curve.
    e.core_s += table(w) * if w.sweep { 2.0 } else { 1.0 };
    let mut salvos = vec![spec.salvo()];
    if w.sweep {
        salvos.extend(&spec.salvo_sweep);
    }
    let threads = w.threads.max(1) as f64;
    for &salvo in &salvos {
        let o = objects(salvo, w.rvs, spec.decoys_per_rv);
        let (ts, tm) = trial(spec, o);
        let (ps, pm) = plan(w, salvo, pool);
        e.core_s += ps + f64::from(spec.trials) * ts;
        e.memory_bytes = e.memory_bytes.max(pm + threads * tm);
    }
    let o = objects(spec.salvo(), w.rvs, spec.decoys_per_rv);
    e.detail.push(format!(
        "{} trial{} × {} salvo size{} ({o:.0} objects at salvo {})",
        spec.trials,
        if spec.trials == 1 { "" } else { "s" },
        salvos.len(),
        if salvos.len() == 1 { "" } else { "s" },
        spec.salvo()
    ));
    if spec.assignment == Assignment::Exact {
        e.detail
            .push("exact assignment: a rounds × targets problem per look".into());
    }
    if let Some(b) = &spec.boost {
        e.detail.push(format!(
            "boost layer: a pool of {} geometries × {} carriers",
            b.pool, b.carriers
        ));
    }
    for d in [
        format!("[engage] trials (--trials) = {}", spec.trials),
        format!("[engage] salvo = {}", spec.salvo()),
        format!("missile rv_count = {}", w.rvs),
        format!("[engage] decoys_per_rv = {}", spec.decoys_per_rv),
        format!("[engage] assignment = {}", assignment_key(spec.assignment)),
    ] {
        e.driver(d);
    }
    if w.sweep {
        e.driver(format!(
            "[engage] salvo_sweep: {} value(s)",
            spec.salvo_sweep.len()
        ));
    }
    if let Some(b) = &spec.boost {
        e.driver(format!("[engage.boost] carriers = {}", b.carriers));
        e.driver(format!("[engage.boost] pool = {}", b.pool));
    }
    e
}

/// The estimate of a stability study: about [`POSTURES_PER_ROUND`]
/// postures for the attacker's answer and each round of the race, each a
/// plan with a pool of at most [`crate::stability::offense::SURROGATE_POOL`]
/// geometries and `trials` trials; and with `retaliation`, one posture per
/// arsenal and defense size, open and capped, at the arsenal's warheads.
pub fn stability(w: &EngageWork<'_>, st: &StabilitySpec, retaliation: bool) -> Estimate {
    let spec = w.spec;
    let mut e = Estimate::new("stability");
    let pool = spec
        .boost
        .as_ref()
        .map_or(0, |b| b.pool.min(SURROGATE_POOL));
    // The reference and fast-burn tables, and the capped evaluator's.
    e.core_s += table(w) * if retaliation { 3.0 } else { 2.0 };
    let postures = POSTURES_PER_ROUND * (1.0 + f64::from(st.race.rounds));
    let base = objects(spec.salvo(), w.rvs, spec.decoys_per_rv) * POSTURE_OBJECTS_FACTOR;
    let (ts, _) = trial(spec, base);
    let (ps, _) = plan(w, spec.salvo(), pool);
    e.core_s += postures * (PLAN_SHARE * ps + SEQUENTIAL_TRIAL_SHARE * f64::from(st.trials) * ts);
    // The largest raid the attacker may try, for memory.
    let max_decoys = st.options.decoys.iter().copied().max().unwrap_or(0);
    let largest = objects(st.options.max_missiles, w.rvs, max_decoys);
    let threads = w.threads.max(1) as f64;
    let (_, tm) = trial(spec, largest);
    let (_, pm) = plan(w, st.options.max_missiles, pool);
    e.memory_bytes = pm + threads * tm;
    let mut rows = 0.0;
    if retaliation {
        for a in &st.arsenals {
            let missiles = a.warheads.div_ceil(w.rvs.max(1));
            let o = objects(missiles, w.rvs, spec.decoys_per_rv);
            let (ts, tm) = trial(spec, o);
            let (ps, pm) = plan(w, missiles, pool);
            let n = 2.0 * st.carriers.len() as f64;
            rows += n;
            e.core_s += n * (ps + f64::from(st.trials) * ts);
            e.memory_bytes = e.memory_bytes.max(pm + threads * tm);
        }
    }
    e.detail.push(format!(
        "about {postures:.0} postures{} × up to {} trials (about a quarter run until each posture's side of its goal is settled)",
        if retaliation {
            format!(" and {rows:.0} retaliation rows")
        } else {
            String::new()
        },
        st.trials
    ));
    for d in [
        format!("[stability] trials (--trials) = {}", st.trials),
        format!("[stability.race] rounds (--rounds) = {}", st.race.rounds),
        format!(
            "[stability.options] max_missiles = {}",
            st.options.max_missiles
        ),
        format!("[engage] salvo = {}", spec.salvo()),
        format!("[engage] assignment = {}", assignment_key(spec.assignment)),
    ] {
        e.driver(d);
    }
    if retaliation {
        e.driver(format!(
            "[stability] carriers: {} value(s), {} arsenal(s)",
            st.carriers.len(),
            st.arsenals.len()
        ));
    }
    e
}

/// An assignment method as the scenario writes it.
fn assignment_key(a: Assignment) -> &'static str {
    match a {
        Assignment::Greedy => "\"greedy\"",
        Assignment::Exact => "\"exact\"",
    }
}
