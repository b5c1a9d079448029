//! Coverage statistics of an SBI constellation against a raid: sample the
//! launch time over the constellation's phasing, find the carriers that can
//! reach each missile, solve the shot assignment.

use super::assign::Assigner;
use super::layout::{Layout, PlaneFrame};
use crate::streams;
use cupola_defense::reach::ReachTable;
use cupola_physics::Vec3;
use cupola_physics::constants::OMEGA_EARTH;
use rayon::prelude::*;
use std::sync::Arc;

/// Which satellites can engage a launch, as a function of where they are
/// relative to the pad at lift-off.
#[derive(Clone, Debug)]
pub enum ReachModel {
    /// The reach table of an interceptor design against a trajectory.
    Table(Arc<ReachTable>),
    /// The analytic model's idealisation: every satellite whose ground
    /// point is within `angle_rad` (ground reach over the Earth's radius) of
    /// the pad at lift-off.
    Cap {
        /// Angular radius of the cap, rad.
        angle_rad: f64,
    },
}

impl ReachModel {
    /// Range of cross-track angles that can be in reach, rad.
    fn cross_track(&self) -> (f64, f64) {
        match self {
            ReachModel::Table(t) => t.feasible_cross_track_rad(),
            ReachModel::Cap { angle_rad } => (-angle_rad, *angle_rad),
        }
    }

    /// Range of leads that can be in reach, rad.
    fn leads(&self) -> (f64, f64) {
        match self {
            ReachModel::Table(t) => t.feasible_lead_rad(),
            ReachModel::Cap { angle_rad } => (-angle_rad, *angle_rad),
        }
    }

    /// The reach at cross-track angle `delta` (rad) on the northbound
    /// (`true`) or southbound half of the orbit; `None` when nothing is in
    /// reach there.
    #[inline]
    fn row(&self, delta: f64, northbound: bool) -> Option<ModelRow<'_>> {
        match self {
            ReachModel::Table(t) => t.row(delta, northbound).map(ModelRow::Table),
            ReachModel::Cap { angle_rad } => {
                let (cos_delta, cos_angle) = (delta.cos(), angle_rad.cos());
                if cos_delta < cos_angle {
                    return None;
                }
                // cos δ cos Δu ≥ cos a for |Δu| up to acos(cos a / cos δ),
                // widened so that rounding never hides a lead the test
                // accepts.
                let half = (cos_angle / cos_delta).clamp(-1.0, 1.0).acos() + 1e-9;
                Some(ModelRow::Cap {
                    cos_delta,
                    cos_angle,
                    half,
                })
            }
        }
    }
}

/// A reach model at one cross-track angle ([`ReachModel::row`]).
enum ModelRow<'a> {
    Table(cupola_defense::reach::ReachRow<'a>),
    Cap {
        cos_delta: f64,
        cos_angle: f64,
        half: f64,
    },
}

impl ModelRow<'_> {
    /// Leads (rad) outside which nothing is in reach.
    fn lead_range(&self) -> (f64, f64) {
        match self {
            ModelRow::Table(r) => r.lead_range(),
            ModelRow::Cap { half, .. } => (-half, *half),
        }
    }

    /// Whether a satellite `lead` (rad) ahead of the pad can engage.
    #[inline]
    fn in_reach(&self, lead: f64) -> bool {
        match self {
            ModelRow::Table(r) => r.in_reach(lead),
            // Spherical right triangle: cos d = cos δ cos Δu.
            ModelRow::Cap {
                cos_delta,
                cos_angle,
                ..
            } => cos_delta * lead.cos() >= *cos_angle,
        }
    }
}

/// One missile of a raid.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RaidMissile {
    /// Pad direction, unit vector, Earth-fixed (ECEF).
    pub pad_ecef: Vec3,
    /// Launch time after the sampled raid time, s.
    pub offset_s: f64,
    /// Index of its reach models (its launch area in a sizing raid).
    pub model: usize,
}

/// A raid: its missiles and the reach models they use.
#[derive(Clone, Debug)]
pub struct Raid {
    /// The missiles.
    pub missiles: Vec<RaidMissile>,
    /// The reach models: `models[m][s]` serves the missiles of model index
    /// `m` against the planes of shell `s` ([`super::layout::Plane::shell`]);
    /// a plane whose shell has no model is out of reach.
    pub models: Vec<Vec<ReachModel>>,
}

/// Stream component of the launch-time offsets (see [`crate::streams`]).
const SAMPLING_COMPONENT: u64 = 0x5349_5a49_4e47;

/// How launch times are sampled.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Sampling {
    /// Number of raid times.
    pub samples: u32,
    /// They cover `[0, span_s)` s after the epoch, one per stratum of width
    /// `span_s / samples`, at a position drawn from the seed.
    pub span_s: f64,
    /// Master seed.
    pub seed: u64,
}

impl Sampling {
    /// Raid time of sample `k`, s: stratum `k` plus a uniform offset keyed
    /// by (seed, k), so the same seed gives the same times for any thread
    /// count.
    pub fn time(&self, k: u32) -> f64 {
        let u = streams::to_unit(streams::key(self.seed, u64::from(k), SAMPLING_COMPONENT));
        (f64::from(k) + u) * self.span_s / f64::from(self.samples.max(1))
    }
}

/// Bins of the shots-in-reach histogram: 0, 1, …, `HISTOGRAM_BINS − 1`
/// (the last bin holds that many or more).
pub const HISTOGRAM_BINS: usize = 41;

/// What the raid met, over every sampled launch time.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct CoverageStats {
    /// Launch-time samples.
    pub samples: u32,
    /// Carriers in the constellation.
    pub carriers: u32,
    /// Samples in which every missile got its shots after assignment.
    pub all_assigned: u64,
    /// Samples in which every missile had its shots' worth of carriers in
    /// reach (ignoring that carriers are shared).
    pub all_in_reach: u64,
    /// Sum over samples and missiles of the carriers in reach.
    pub in_reach_total: u64,
    /// Missile-samples by carriers in reach (see [`HISTOGRAM_BINS`]).
    pub histogram: Vec<u64>,
    /// Missiles in the raid.
    pub missiles: u32,
    /// The same counts for each reach model's missiles (one per launch area
    /// in a sizing raid), in model order.
    pub areas: Vec<AreaCoverage>,
}

/// What the missiles of one launch area met, over every sampled launch
/// time (carriers shared with the other areas' missiles).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AreaCoverage {
    /// Missiles from the area.
    pub missiles: u32,
    /// Samples in which every missile of the area had its shots' worth of
    /// carriers in reach.
    pub all_in_reach: u64,
    /// Sum over samples and the area's missiles of the carriers in reach.
    pub in_reach_total: u64,
}

impl AreaCoverage {
    /// Mean carriers in reach of one of the area's missiles, over `samples`.
    pub fn mean_in_reach(&self, samples: u32) -> f64 {
        self.in_reach_total as f64 / (f64::from(samples.max(1)) * f64::from(self.missiles.max(1)))
    }

    /// Probability that every missile of the area has its shots' worth of
    /// carriers in reach, over `samples` (NaN for an area that launches
    /// nothing).
    pub fn p_in_reach(&self, samples: u32) -> f64 {
        if self.missiles == 0 {
            return f64::NAN;
        }
        self.all_in_reach as f64 / f64::from(samples.max(1))
    }
}

impl CoverageStats {
    fn empty(samples: u32, carriers: u32, raid: &Raid) -> Self {
        let mut areas: Vec<AreaCoverage> = (0..raid.models.len())
            .map(|_| AreaCoverage {
                missiles: 0,
                all_in_reach: 0,
                in_reach_total: 0,
            })
            .collect();
        for m in &raid.missiles {
            areas[m.model].missiles += 1;
        }
        Self {
            samples,
            carriers,
            all_assigned: 0,
            all_in_reach: 0,
            in_reach_total: 0,
            histogram: vec![0; HISTOGRAM_BINS],
            missiles: raid.missiles.len() as u32,
            areas,
        }
    }

    fn merge(mut self, o: &CoverageStats) -> Self {
        self.all_assigned += o.all_assigned;
        self.all_in_reach += o.all_in_reach;
        self.in_reach_total += o.in_reach_total;
        for (a, b) in self.histogram.iter_mut().zip(&o.histogram) {
            *a += b;
        }
        for (a, b) in self.areas.iter_mut().zip(&o.areas) {
            a.all_in_reach += b.all_in_reach;
            a.in_reach_total += b.in_reach_total;
        }
        self
    }

    /// Probability that every missile gets its shots, after assignment.
    pub fn p_success(&self) -> f64 {
        self.all_assigned as f64 / f64::from(self.samples.max(1))
    }

    /// 95% Wilson score interval of [`CoverageStats::p_success`].
    pub fn p_success_interval(&self) -> (f64, f64) {
        wilson(self.all_assigned, u64::from(self.samples))
    }

    /// Probability that every missile has its shots' worth of carriers in
    /// reach.
    pub fn p_in_reach(&self) -> f64 {
        self.all_in_reach as f64 / f64::from(self.samples.max(1))
    }

    /// The launch area (index into `areas`) that binds in practice: among
    /// those that launch, the one whose missiles have their shots in reach
    /// least often, strictly less often than another's; ties to the first.
    /// `None` when no area launches or all have their shots equally often.
    pub fn hardest_area(&self) -> Option<usize> {
        let launching = || (0..self.areas.len()).filter(|&k| self.areas[k].missiles > 0);
        let count = |k: usize| self.areas[k].all_in_reach;
        let hardest = launching().min_by(|&a, &b| count(a).cmp(&count(b)).then(a.cmp(&b)))?;
        launching()
            .any(|k| count(k) > count(hardest))
            .then_some(hardest)
    }

    /// Mean carriers in reach of a missile.
    pub fn mean_in_reach(&self) -> f64 {
        self.in_reach_total as f64
            / (f64::from(self.samples.max(1)) * f64::from(self.missiles.max(1)))
    }

    /// Carriers in orbit per carrier in reach of a missile (∞ if none ever
    /// is).
    pub fn absentee_ratio(&self) -> f64 {
        f64::from(self.carriers) / self.mean_in_reach()
    }
}

/// Wilson score interval at 95% for `k` successes in `n` trials.
pub fn wilson(k: u64, n: u64) -> (f64, f64) {
    wilson_z(k, n, 1.959_963_984_540_054)
}

/// Wilson score interval at `z` for `k` successes in `n` trials.
fn wilson_z(k: u64, n: u64, z: f64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let n = n as f64;
    let p = k as f64 / n;
    let d = 1.0 + z * z / n;
    let c = p + z * z / (2.0 * n);
    let h = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    (((c - h) / d).max(0.0), ((c + h) / d).min(1.0))
}

/// Where a reach model can reach, as its queries use it.
#[derive(Clone, Copy, Debug)]
struct Bounds {
    /// Leads that can be in reach, rad.
    lead: (f64, f64),
    /// Cross-track angles that can be in reach, rad.
    cross_track: (f64, f64),
    /// The sines of the cross-track limits, widened by 1e-9 (outside them
    /// the angle is surely outside its limits; the angle's own test
    /// decides within).
    sin_cross_track: (f64, f64),
}

impl Bounds {
    fn of(model: &ReachModel) -> Option<Self> {
        let (lo, hi) = model.leads();
        let (dlo, dhi) = model.cross_track();
        if lo > hi || dlo > dhi {
            return None;
        }
        let half_pi = std::f64::consts::FRAC_PI_2;
        Some(Self {
            lead: (lo, hi),
            cross_track: (dlo, dhi),
            sin_cross_track: (
                dlo.max(-half_pi).sin() - 1e-9,
                dhi.min(half_pi).sin() + 1e-9,
            ),
        })
    }
}

/// A raid made ready for repeated reach queries: which missiles repeat an
/// earlier one, and the limits of each reach model.
pub struct PreparedRaid<'a> {
    raid: &'a Raid,
    /// For each missile, an earlier identical one whose carriers in reach
    /// it shares.
    same: Vec<Option<usize>>,
    /// `bounds[m][s]`: the limits of `raid.models[m][s]` (`None`: nothing
    /// in reach).
    bounds: Vec<Vec<Option<Bounds>>>,
}

/// Buffers of [`PreparedRaid::in_reach_at`]: the planes' orientations at
/// the launch time last asked within a call (a call starts afresh, so one
/// scratch may serve several layouts).
#[derive(Default)]
pub struct ReachScratch {
    frames: Vec<PlaneFrame>,
    frames_t: Option<f64>,
}

impl<'a> PreparedRaid<'a> {
    /// Prepare `raid`: each missile is compared with the distinct ones
    /// before it once here, instead of at every launch time.
    pub fn new(raid: &'a Raid) -> Self {
        let mut first: Vec<usize> = Vec::new();
        let same = raid
            .missiles
            .iter()
            .enumerate()
            .map(|(j, m)| {
                let found = first.iter().copied().find(|&o| raid.missiles[o] == *m);
                if found.is_none() {
                    first.push(j);
                }
                found
            })
            .collect();
        let bounds = raid
            .models
            .iter()
            .map(|ms| ms.iter().map(Bounds::of).collect())
            .collect();
        Self { raid, same, bounds }
    }

    /// Carriers in reach of each missile of the raid launched at `t` (s
    /// after the epoch), into `out` (one list per missile): the same as
    /// [`in_reach_at`].
    pub fn in_reach_at(
        &self,
        layout: &Layout,
        t: f64,
        scratch: &mut ReachScratch,
        out: &mut Vec<Vec<u32>>,
    ) {
        let raid = self.raid;
        scratch.frames_t = None;
        out.resize_with(raid.missiles.len(), Vec::new);
        for (j, m) in raid.missiles.iter().enumerate() {
            // A launch identical to an earlier one has the same carriers in
            // reach.
            if let Some(same) = self.same[j] {
                let (done, rest) = out.split_at_mut(j);
                rest[0].clone_from(&done[same]);
                continue;
            }
            let list = &mut out[j];
            list.clear();
            let (Some(models), Some(bounds)) = (raid.models.get(m.model), self.bounds.get(m.model))
            else {
                continue;
            };
            let tl = t + m.offset_s;
            // Missiles launched at the same time share the planes'
            // orientations.
            if scratch.frames_t != Some(tl) {
                scratch.frames.clear();
                scratch
                    .frames
                    .extend(layout.planes.iter().map(|p| p.frame(tl)));
                scratch.frames_t = Some(tl);
            }
            let (s, c) = (OMEGA_EARTH * tl).sin_cos();
            let p = m.pad_ecef;
            let pad = Vec3::new(c * p.x - s * p.y, s * p.x + c * p.y, p.z);
            for (plane, frame) in layout.planes.iter().zip(&scratch.frames) {
                let (Some(model), Some(Some(b))) =
                    (models.get(plane.shell), bounds.get(plane.shell))
                else {
                    continue;
                };
                // Most planes pass far from the pad: one dot product
                // dismisses them.
                let sin_delta = pad.dot(frame.normal);
                if sin_delta < b.sin_cross_track.0 || sin_delta > b.sin_cross_track.1 {
                    continue;
                }
                let g = frame.pad_geometry(pad);
                if g.delta < b.cross_track.0 || g.delta > b.cross_track.1 {
                    continue;
                }
                let Some(row) = model.row(g.delta, g.northbound) else {
                    continue;
                };
                let (rlo, rhi) = row.lead_range();
                let (lo, hi) = (b.lead.0.max(rlo), b.lead.1.min(rhi));
                if lo > hi {
                    continue;
                }
                plane.satellites_within(g.u_pad, tl, lo, hi, |k, lead| {
                    if row.in_reach(lead) {
                        list.push(k);
                    }
                });
            }
        }
    }
}

/// Per-worker buffers.
#[derive(Default)]
struct Scratch {
    reach: Vec<Vec<u32>>,
    query: ReachScratch,
    assigner: Assigner,
    /// Whether every missile of each area had its shots in reach.
    area_all: Vec<bool>,
}

/// Carriers in reach of each missile of `raid` launched at `t` (s after the
/// epoch), into `out` (one list per missile). For many launch times, prepare
/// the raid once with [`PreparedRaid`].
pub fn in_reach_at(layout: &Layout, raid: &Raid, t: f64, out: &mut Vec<Vec<u32>>) {
    PreparedRaid::new(raid).in_reach_at(layout, t, &mut ReachScratch::default(), out);
}

/// Coverage of `raid` by the carriers of `layout` (each with `capacity`
/// interceptors) over the sampled launch times, requiring `shots` per
/// missile; samples run in parallel, and every count is an integer merged
/// in a fixed order, so the result does not depend on the thread count.
pub fn coverage(
    layout: &Layout,
    raid: &Raid,
    sampling: &Sampling,
    shots: u32,
    capacity: u32,
) -> CoverageStats {
    let prepared = PreparedRaid::new(raid);
    let task = Task {
        layout,
        prepared: &prepared,
        sampling,
        shots,
        capacity,
        stride: 1,
    };
    let mut st = task.run(0..sampling.samples);
    st.samples = sampling.samples;
    st
}

/// The first check of a sequential evaluation, launch-time samples; the
/// next ones double it ([`coverage_until`]).
pub const FIRST_CHECK: u32 = 250;

/// The z of the sequential evaluation's statistical stop: 3.29, a one-sided
/// error of 0.05% at each check ([`coverage_until`]).
pub const STOP_Z: f64 = 3.290_526_731_491_926;

/// [`coverage`] that may stop before the last sample once it is settled
/// whether the probability that every missile gets its shots reaches
/// `confidence`; the statistics then hold the samples evaluated.
///
/// Samples are taken in a fixed order that spreads any prefix over the
/// whole span (sample `i·s mod N`, `s` the integer nearest `0.618·N` prime
/// to `N`: a Weyl sequence), and the evaluation checks after 250, 500,
/// 1,000, … samples ([`FIRST_CHECK`], doubling). It stops when
/// - the answer over all `N` samples is already certain: enough samples
///   met the requirement, or too many failed (exact: the decision is the
///   one all `N` would give), or
/// - the Wilson score interval at z = 3.29 ([`STOP_Z`]) lies wholly on one
///   side of `confidence`: a decision that differs from the one of
///   unlimited samples with probability at most about 0.05% per check
///   (at most 0.2% with 4,000 samples, four checks).
///
/// The checks fall at fixed sample counts and the counts are integers, so
/// the result does not depend on the thread count.
pub fn coverage_until(
    layout: &Layout,
    raid: &Raid,
    sampling: &Sampling,
    shots: u32,
    capacity: u32,
    confidence: f64,
) -> CoverageStats {
    let n = sampling.samples;
    let prepared = PreparedRaid::new(raid);
    let task = Task {
        layout,
        prepared: &prepared,
        sampling,
        shots,
        capacity,
        stride: weyl_stride(n),
    };
    let mut st = CoverageStats::empty(0, layout.len() as u32, raid);
    let mut done = 0u32;
    let mut check = FIRST_CHECK;
    while done < n {
        let next = check.min(n);
        st = st.merge(&task.run(done..next));
        st.samples = next;
        done = next;
        check = check.saturating_mul(2);
        if done < n && settled(st.all_assigned, done, n, confidence) {
            break;
        }
    }
    st
}

/// Whether `met` of `done` samples settle which side of `confidence` the
/// share of all `n` lies on, exactly or at [`STOP_Z`].
fn settled(met: u64, done: u32, n: u32, confidence: f64) -> bool {
    let all = f64::from(n);
    let sure_pass = met as f64 / all >= confidence;
    let sure_fail = (met + u64::from(n - done)) as f64 / all < confidence;
    let (lo, hi) = wilson_z(met, u64::from(done), STOP_Z);
    sure_pass || sure_fail || lo > confidence || hi < confidence
}

/// The step of the order [`coverage_until`] takes `n` samples in: the
/// integer nearest 0.618·`n` that is prime to `n` (1 for `n` ≤ 2).
fn weyl_stride(n: u32) -> u32 {
    fn gcd(mut a: u32, mut b: u32) -> u32 {
        while b != 0 {
            (a, b) = (b, a % b);
        }
        a
    }
    if n <= 2 {
        return 1;
    }
    let mut s = ((f64::from(n) * 0.618_033_988_749_895).round() as u32).clamp(1, n - 1);
    while gcd(s, n) != 1 {
        s += 1;
    }
    s
}

/// One coverage evaluation's fixed parts.
struct Task<'a> {
    layout: &'a Layout,
    prepared: &'a PreparedRaid<'a>,
    sampling: &'a Sampling,
    shots: u32,
    capacity: u32,
    /// Position `i` of the order is sample `i·stride mod samples`.
    stride: u32,
}

impl Task<'_> {
    /// The counts over positions `range` of the order, in parallel (the
    /// returned `samples` is 0: the caller sets it).
    fn run(&self, range: std::ops::Range<u32>) -> CoverageStats {
        let raid = self.prepared.raid;
        let carriers = self.layout.len() as u32;
        let n = u64::from(self.sampling.samples.max(1));
        let chunk = 64u32;
        let chunks = (range.end - range.start).div_ceil(chunk);
        let (shots, capacity) = (self.shots, self.capacity);
        let parts: Vec<CoverageStats> = (0..chunks)
            .into_par_iter()
            .map_init(Scratch::default, |scratch, ci| {
                let mut st = CoverageStats::empty(0, carriers, raid);
                let first = range.start + ci * chunk;
                for i in first..(first + chunk).min(range.end) {
                    let k = (u64::from(i) * u64::from(self.stride) % n) as u32;
                    self.prepared.in_reach_at(
                        self.layout,
                        self.sampling.time(k),
                        &mut scratch.query,
                        &mut scratch.reach,
                    );
                    let mut all = true;
                    scratch.area_all.clear();
                    scratch
                        .area_all
                        .extend(st.areas.iter().map(|a| a.missiles > 0));
                    for (list, m) in scratch.reach.iter().zip(&raid.missiles) {
                        let c = list.len();
                        st.in_reach_total += c as u64;
                        st.areas[m.model].in_reach_total += c as u64;
                        st.histogram[c.min(HISTOGRAM_BINS - 1)] += 1;
                        let enough = c >= shots as usize;
                        all &= enough;
                        scratch.area_all[m.model] &= enough;
                    }
                    st.all_in_reach += u64::from(all);
                    for (a, &ok) in st.areas.iter_mut().zip(&scratch.area_all) {
                        a.all_in_reach += u64::from(ok);
                    }
                    if all && scratch.assigner.feasible(&scratch.reach, shots, capacity) {
                        st.all_assigned += 1;
                    }
                }
                st
            })
            .collect();
        parts
            .iter()
            .fold(CoverageStats::empty(0, carriers, raid), |a, b| a.merge(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sequential order visits every sample once, for any count.
    #[test]
    fn weyl_order_is_a_permutation() {
        for n in [1u32, 2, 3, 10, 250, 1_000, 4_000, 4_096, 9_999] {
            let s = weyl_stride(n);
            let mut seen = vec![false; n as usize];
            for i in 0..n {
                let k = (u64::from(i) * u64::from(s) % u64::from(n)) as usize;
                assert!(!seen[k], "{n}: sample {k} twice");
                seen[k] = true;
            }
        }
    }

    /// A settled decision is settled on the side the counts show: sure
    /// passes and failures exactly, others at z = 3.29 only.
    #[test]
    fn settling() {
        // 3,800 of 4,000 needed: 3,800 met is a sure pass, 201 failures a
        // sure failure.
        assert!(settled(3_800, 3_850, 4_000, 0.95));
        assert!(settled(1_799, 2_000, 4_000, 0.95));
        // Close to the requirement after 1,000: unsettled.
        assert!(!settled(955, 1_000, 4_000, 0.95));
        // Far from it: settled statistically.
        assert!(settled(250, 250, 4_000, 0.95));
        assert!(settled(200, 250, 4_000, 0.95));
    }
}
