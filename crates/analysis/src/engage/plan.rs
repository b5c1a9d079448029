//! Everything about an engagement that does not change from trial to
//! trial, computed once: the raid's missiles and where their warheads go,
//! each midcourse site's engagement window against each missile, each
//! terminal battery's coverage and timeline, and the pool of boost-phase
//! geometries (the SBIs in reach of each missile at sampled launch times).

use super::spec::{EngageSpec, TerminalKind};
use crate::raid::{LaunchArea, PadCopy, area_pads};
use crate::sizing::coverage::{Raid, RaidMissile, ReachModel, Sampling, in_reach_at};
use crate::sizing::layout::Layout;
use crate::sizing::search::Family;
use crate::sizing::study::BoostTimeline;
use crate::sizing::{SbiLayerSpec, SizingError};
use cupola_defense::reach::ReachTable;
use cupola_defense::wta::{ShotMatching, ShotProblem};
use cupola_physics::Vec3;
use cupola_physics::constants::OMEGA_EARTH;
use cupola_physics::frames::{Geodetic, ground_distance};
use cupola_threat::{EventKind, Trajectory};
use rayon::prelude::*;
use std::sync::Arc;

/// Grid step of the midcourse windows, s.
const WINDOW_STEP_S: f64 = 1.0;

/// Rotate `v` about the Earth's axis by `angle` (rad).
fn rot_z(v: Vec3, angle: f64) -> Vec3 {
    let (s, c) = angle.sin_cos();
    Vec3::new(c * v.x - s * v.y, s * v.x + c * v.y, v.z)
}

/// When a midcourse site can intercept one missile's objects: for a site
/// ready to launch at time L (s after the missile's lift-off), the earliest
/// intercept is the first t on a 1 s grid with `t − flyout(t) ≥ L`,
/// flyout(t) being the straight-line distance to the objects at t over the
/// site's average fly-out speed, and a second look fits when the site,
/// ready again at `t + assess` (after the kill assessment), still has an
/// intercept. Both depend on L only through
/// two thresholds (the earliest intercept grows with L), kept here so that
/// a trial compares instead of searching the grid.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    /// Latest readiness with an intercept, s after lift-off (−∞: none).
    one_by: f64,
    /// Latest readiness with an intercept and time after it for the kill
    /// assessment and a second intercept, s after lift-off (−∞: none).
    two_by: f64,
}

impl Window {
    /// The window of a grid starting at `t0` (s after lift-off, step
    /// [`WINDOW_STEP_S`]) whose running maximum of `t − flyout(t)` is
    /// `ready_by` (s), for a site whose kill assessment takes `assess_s`.
    fn new(t0: f64, ready_by: &[f32], assess_s: f64) -> Self {
        let Some(&last) = ready_by.last() else {
            return Self {
                one_by: f64::NEG_INFINITY,
                two_by: f64::NEG_INFINITY,
            };
        };
        let one_by = f64::from(last);
        // The earliest intercept of a site ready at L is grid time k(L),
        // the first k with ready_by[k] ≥ L; a second look fits when
        // t(k) + assess ≤ one_by, true for k up to some k2 (t grows with
        // k), i.e. for L ≤ ready_by[k2].
        let fits = |k: usize| t0 + k as f64 * WINDOW_STEP_S + assess_s <= one_by;
        let (mut lo, mut hi) = (0, ready_by.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if fits(mid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let two_by = match lo.checked_sub(1) {
            Some(k2) => f64::from(ready_by[k2]),
            None => f64::NEG_INFINITY,
        };
        Self { one_by, two_by }
    }

    /// Looks a site ready at `ready_s` (s after lift-off) has at the
    /// objects: 0 (no intercept before re-entry), 1, or 2 (time for the
    /// kill assessment and a second intercept).
    pub fn looks(&self, ready_s: f64) -> u8 {
        u8::from(ready_s <= self.one_by) + u8::from(ready_s <= self.two_by)
    }
}

/// Where a boosting missile's payload lands when a boost-phase intercept
/// stops its thrust.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Shortfall {
    /// Time of the kill, s after lift-off.
    pub kill_s: f64,
    /// Where the payload lands (WGS84, rad; zero altitude).
    pub impact: Geodetic,
    /// Great-circle distance from there to the aim point, m.
    pub short_of_aim_m: f64,
}

/// Stream component of the boost pool's launch times.
const BOOST_POOL_COMPONENT: u64 = 0xB005;

/// Kill times of the shortfall curve: every this many s of the boost
/// layer's intercept window, s.
const SHORTFALL_STEP_S: f64 = 10.0;

/// A missile of the raid, planned.
#[derive(Clone, Debug)]
pub struct PlannedMissile {
    /// Its launch area (index into the plan's areas).
    pub area: usize,
    /// Launch time after the raid's start, s.
    pub offset_s: f64,
    /// Re-entry vehicles it carries.
    pub rvs: u32,
    /// Where its payload lands after a boost-phase kill at the boost layer's
    /// latest intercept (`None` without a boost layer, or when the arc does
    /// not come down).
    pub shortfall: Option<Shortfall>,
    /// Asset its re-entry vehicles are aimed at (index into
    /// [`Plan::assets`]).
    pub asset: usize,
}

/// A defended asset, planned.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct PlannedAsset {
    /// Name.
    pub name: String,
    /// Value.
    pub value: f64,
}

/// A midcourse site, planned.
#[derive(Clone, Debug)]
pub struct SitePlan {
    /// Cueing track against each area's launch, s after its lift-off
    /// (None: its sensor never tracks it).
    pub cue_s: Vec<Option<f64>>,
    /// Window against each missile.
    pub windows: Vec<Window>,
}

/// A terminal battery, planned.
#[derive(Clone, Debug)]
pub struct BatteryPlan {
    /// Cueing track against each area's launch, s after its lift-off
    /// (None: never).
    pub cue_s: Vec<Option<f64>>,
    /// Whether each missile's warheads fall in its footprint and are a
    /// threat it engages.
    pub covers: Vec<bool>,
    /// Entry into and exit from its altitude band on the way down of each
    /// area's launch, s after lift-off (None: the trajectory never passes
    /// through it).
    pub band: Vec<Option<(f64, f64)>>,
}

/// The boost layer's precomputed geometries.
#[derive(Clone, Debug)]
pub struct BoostPool {
    /// Carriers in reach of each missile at each pooled launch time,
    /// flattened: sample k, missile j is `lists[starts[k·n + j]..starts[k·n + j + 1]]`.
    pub starts: Vec<u32>,
    /// Carriers in reach, numbered within their sample: the carriers in
    /// reach of any missile at sample k are `0..distinct[k]`, in the order
    /// of their index in the layer; each missile's list sorted.
    pub lists: Vec<u32>,
    /// Carriers in reach of any missile at each pooled launch time.
    pub distinct: Vec<u32>,
    /// Interceptors a maximum assignment gives the raid at each pooled
    /// launch time with no carrier lost (whatever the order missiles are
    /// served in: the rank of the assignment).
    pub rank: Vec<u32>,
    /// Interceptors each missile may get, count.
    pub shots: u32,
    /// Interceptors per carrier.
    pub capacity: u32,
    /// Carriers in orbit.
    pub carriers: u32,
    /// Pooled launch times.
    pub samples: u32,
}

impl BoostPool {
    /// Carriers in reach of missile `j` of `n` at pooled sample `k`
    /// (numbered within the sample).
    pub fn in_reach(&self, k: usize, n: usize, j: usize) -> &[u32] {
        let i = k * n + j;
        &self.lists[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// The pool of `samples` geometries, each a list of the carriers in
    /// reach (indices in the layer) of each of the raid's missiles, for
    /// `shots` interceptors a missile from carriers of `capacity`.
    pub fn new(shots: u32, capacity: u32, carriers: u32, samples: &[Vec<Vec<u32>>]) -> Self {
        let mut pool = Self {
            starts: vec![0],
            lists: Vec::new(),
            distinct: Vec::with_capacity(samples.len()),
            rank: Vec::with_capacity(samples.len()),
            shots,
            capacity,
            carriers,
            samples: 0,
        };
        let (mut ids, mut matching) = (Vec::new(), ShotMatching::new());
        for sample in samples {
            pool.push(sample, &mut ids, &mut matching);
        }
        pool
    }

    /// The assignment problem of sample `k` for `n` missiles (no carrier
    /// lost).
    pub fn problem(&self, k: usize, n: usize) -> ShotProblem<'_> {
        ShotProblem {
            starts: &self.starts[k * n..=k * n + n],
            lists: &self.lists,
            carriers: self.distinct[k] as usize,
            shots: self.shots,
            capacity: self.capacity,
            blocked: None,
            most: Some(u64::from(self.rank[k])),
        }
    }

    /// Append one sample's lists (carrier indices in the layer), numbering
    /// its carriers within it, and its rank; `ids` and `matching` are
    /// scratch.
    fn push(&mut self, sample: &[Vec<u32>], ids: &mut Vec<u32>, matching: &mut ShotMatching) {
        ids.clear();
        for l in sample {
            ids.extend_from_slice(l);
        }
        ids.sort_unstable();
        ids.dedup();
        for l in sample {
            let from = self.lists.len();
            self.lists
                .extend(l.iter().map(|c| ids.binary_search(c).unwrap_or(0) as u32));
            self.lists[from..].sort_unstable();
            self.starts.push(self.lists.len() as u32);
        }
        self.distinct.push(ids.len() as u32);
        let k = self.samples as usize;
        self.samples += 1;
        self.rank.push(0);
        let n = sample.len();
        let order: Vec<usize> = (0..n).collect();
        matching.assign(
            &ShotProblem {
                most: None,
                ..self.problem(k, n)
            },
            &order,
        );
        self.rank[k] = u32::try_from(matching.total()).unwrap_or(u32::MAX);
    }
}

/// One launch area of the raid, flown.
#[derive(Clone, Debug)]
pub struct PlanArea<'a> {
    /// The area: its salvo, spread and window.
    pub area: &'a LaunchArea,
    /// Its launch's trajectory, from the reference pad.
    pub trajectory: &'a Trajectory,
    /// Re-entry vehicles per missile.
    pub rvs: u32,
    /// Cueing track time of each midcourse site's sensor against this
    /// launch, s after lift-off.
    pub midcourse_cue_s: &'a [Option<f64>],
    /// Cueing track time of each terminal battery's sensor.
    pub terminal_cue_s: &'a [Option<f64>],
    /// The boost layer's launch report, s after lift-off.
    pub detection_s: f64,
    /// The boost layer's reach table against this trajectory, when already
    /// built (see [`boost_table`]); built here otherwise.
    pub table: Option<Arc<ReachTable>>,
}

/// What the plan needs beyond the spec.
pub struct PlanInput<'a> {
    /// The study.
    pub spec: &'a EngageSpec,
    /// The raid's launch areas, at least one.
    pub areas: &'a [PlanArea<'a>],
    /// The SBI layer, when the spec has a boost layer.
    pub sbi: Option<&'a SbiLayerSpec>,
    /// Master seed (phasing of the SBI layer, pooled launch times).
    pub seed: u64,
}

/// Grid step of the boost layer's reach table, rad (0.2°).
pub const BOOST_TABLE_RESOLUTION_RAD: f64 = 0.2 * std::f64::consts::PI / 180.0;

/// The boost layer's reach table of `layer` (its first inclination) against
/// `tr` with the launch reported at `detection_s` (s after lift-off), for
/// reuse by several plans on the same trajectory.
pub fn boost_table(
    layer: &SbiLayerSpec,
    detection_s: f64,
    tr: &Trajectory,
) -> Result<Arc<ReachTable>, SizingError> {
    let timeline = BoostTimeline::new(layer, detection_s, tr)?;
    let inclination = layer.inclinations_rad.first().copied().unwrap_or(1.0);
    Ok(Arc::new(timeline.table(
        layer,
        inclination,
        BOOST_TABLE_RESOLUTION_RAD,
    )?))
}

/// What a plan keeps of each launch area.
#[derive(Clone, Debug)]
pub struct AreaPlan {
    /// The area's name.
    pub name: String,
    /// Where its launch's payload lands after a boost-phase kill, at kill
    /// times across the boost layer's intercept window (from the burnout of
    /// the first interceptors to the latest intercept); empty without a
    /// boost layer.
    pub shortfall: Vec<Shortfall>,
}

/// The plan of an engagement.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The missiles, area by area.
    pub missiles: Vec<PlannedMissile>,
    /// The assets.
    pub assets: Vec<PlannedAsset>,
    /// The launch areas.
    pub areas: Vec<AreaPlan>,
    /// Midcourse sites, as in the spec.
    pub sites: Vec<SitePlan>,
    /// Terminal batteries, as in the spec.
    pub batteries: Vec<BatteryPlan>,
    /// Boost layer.
    pub boost: Option<BoostPool>,
    /// The raid's waves (missiles sharing a launch offset), earliest
    /// first: each wave's missiles in plan order ([`Plan::waves_of`]).
    pub waves: Vec<Vec<u32>>,
}

/// Where the payload of `tr` lands when thrust stops at `kill_s` (s after
/// lift-off), for the copy `c` of its launch.
fn shortfall(tr: &Trajectory, aim: Vec3, kill_s: f64, c: &PadCopy) -> Option<Shortfall> {
    let (g, _) = tr.ballistic_impact(kill_s)?;
    let p = c.apply(g.to_ecef());
    let impact = cupola_physics::frames::ecef_to_geodetic(p);
    Some(Shortfall {
        kill_s,
        impact: Geodetic { alt: 0.0, ..impact },
        short_of_aim_m: ground_distance(p, c.apply(aim)),
    })
}

/// One missile of the raid while the plan is built.
struct Copy<'a> {
    area: usize,
    flown: &'a PlanArea<'a>,
    pad: PadCopy,
    aim: Vec3,
}

impl Plan {
    /// Build the plan.
    pub fn build(input: &PlanInput<'_>) -> Result<Self, SizingError> {
        let spec = input.spec;
        let mut copies = Vec::new();
        for (a, flown) in input.areas.iter().enumerate() {
            let tr = flown.trajectory;
            let pad = tr.site.to_ecef();
            let aim = tr
                .impact()
                .map_or(pad, |g| Geodetic { alt: 0.0, ..g }.to_ecef());
            let ar = flown.area;
            for c in area_pads(ar.salvo, ar.width_m, ar.depth_m, ar.window_s, pad.unit()) {
                copies.push(Copy {
                    area: a,
                    flown,
                    pad: c,
                    aim,
                });
            }
        }
        // Assets: the spec's, or each area's aim point.
        let mut assets: Vec<PlannedAsset> = spec
            .assets
            .iter()
            .map(|a| PlannedAsset {
                name: a.name.clone(),
                value: a.value,
            })
            .collect();
        let mut implicit = vec![None; input.areas.len()];
        let mut missiles: Vec<PlannedMissile> = copies
            .iter()
            .map(|c| {
                let target = c.pad.apply(c.aim);
                let hit = spec
                    .assets
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| ground_distance(a.site.to_ecef(), target) <= a.radius_m)
                    .min_by(|a, b| {
                        ground_distance(a.1.site.to_ecef(), target)
                            .total_cmp(&ground_distance(b.1.site.to_ecef(), target))
                    })
                    .map(|(k, _)| k);
                let asset = hit.unwrap_or_else(|| {
                    *implicit[c.area].get_or_insert_with(|| {
                        assets.push(PlannedAsset {
                            name: format!("{} aim point", c.flown.area.name),
                            value: 1.0,
                        });
                        assets.len() - 1
                    })
                });
                PlannedMissile {
                    area: c.area,
                    offset_s: c.pad.offset_s,
                    rvs: c.flown.rvs.max(1),
                    shortfall: None,
                    asset,
                }
            })
            .collect();
        // Objects' positions in each area's flight frame, deployment to
        // re-entry.
        let tracks: Vec<(f64, Vec<Vec3>)> = input
            .areas
            .iter()
            .map(|f| {
                let tr = f.trajectory;
                let deploy_s = tr
                    .event(EventKind::BusDeployed)
                    .map_or(tr.boost_end_s, |e| e.state.time_s);
                let impact_s = tr.flight_time_s().unwrap_or(deploy_s);
                let reentry_s = tr
                    .event(EventKind::Reentry)
                    .map_or(impact_s, |e| e.state.time_s);
                let n_grid = ((reentry_s - deploy_s) / WINDOW_STEP_S)
                    .floor()
                    .clamp(0.0, 1e6) as usize
                    + 1;
                let positions = (0..n_grid)
                    .filter_map(|k| {
                        tr.state_eci(deploy_s + k as f64 * WINDOW_STEP_S)
                            .map(|s| s.0)
                    })
                    .collect();
                (deploy_s, positions)
            })
            .collect();
        let sites = spec
            .midcourse
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let site = m.site.to_ecef();
                // The site in the inertial frame at each area's grid times.
                let inertial: Vec<Vec<Vec3>> = tracks
                    .iter()
                    .map(|(deploy_s, positions)| {
                        (0..positions.len())
                            .map(|k| {
                                let t = deploy_s + k as f64 * WINDOW_STEP_S;
                                rot_z(site, OMEGA_EARTH * t)
                            })
                            .collect()
                    })
                    .collect();
                let windows = copies
                    .iter()
                    .map(|c| {
                        let (deploy_s, positions) = &tracks[c.area];
                        let mut best = f32::NEG_INFINITY;
                        let ready_by: Vec<f32> = positions
                            .iter()
                            .zip(&inertial[c.area])
                            .enumerate()
                            .map(|(k, (&p, &s))| {
                                let t = deploy_s + k as f64 * WINDOW_STEP_S;
                                let d = (c.pad.apply(p) - s).norm();
                                let g = (t - d / m.flyout_speed_m_s) as f32;
                                best = best.max(g);
                                best
                            })
                            .collect();
                        Window::new(*deploy_s, &ready_by, m.assess_s)
                    })
                    .collect();
                SitePlan {
                    cue_s: input.areas.iter().map(|f| f.midcourse_cue_s[i]).collect(),
                    windows,
                }
            })
            .collect();
        let batteries = spec
            .terminal
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let covers = copies
                    .iter()
                    .map(|c| {
                        let engages = match b.kind {
                            TerminalKind::UpperTier => true,
                            TerminalKind::ShortRange { max_threat_range_m } => {
                                ground_distance(c.flown.trajectory.site.to_ecef(), c.aim)
                                    <= max_threat_range_m
                            }
                        };
                        engages
                            && ground_distance(b.site.to_ecef(), c.pad.apply(c.aim))
                                <= b.footprint_m
                    })
                    .collect();
                BatteryPlan {
                    cue_s: input.areas.iter().map(|f| f.terminal_cue_s[i]).collect(),
                    covers,
                    band: input
                        .areas
                        .iter()
                        .map(|f| band(f.trajectory, b.min_altitude_m, b.max_altitude_m))
                        .collect(),
                }
            })
            .collect();
        let mut areas: Vec<AreaPlan> = input
            .areas
            .iter()
            .map(|f| AreaPlan {
                name: f.area.name.clone(),
                shortfall: Vec::new(),
            })
            .collect();
        let boost = match (&spec.boost, input.sbi) {
            (Some(b), Some(layer)) => {
                let inclination = layer.inclinations_rad.first().copied().unwrap_or(1.0);
                let planes = layer.planes.first().copied().unwrap_or(1).max(1);
                let mut models = Vec::new();
                for (a, f) in input.areas.iter().enumerate() {
                    let tr = f.trajectory;
                    let timeline = BoostTimeline::new(layer, f.detection_s, tr)?;
                    let table = match &f.table {
                        Some(t) => Arc::clone(t),
                        None => Arc::new(timeline.table(
                            layer,
                            inclination,
                            BOOST_TABLE_RESOLUTION_RAD,
                        )?),
                    };
                    models.push(vec![ReachModel::Table(table)]);
                    // The first kill: the interceptors' boosters burn out.
                    let burnout = timeline.fire_s + layer.carrier.interceptor.burn_time_s();
                    let (first, last) = (burnout.max(0.0), timeline.intercept_by_s);
                    let steps = ((last - first) / SHORTFALL_STEP_S).floor().clamp(0.0, 1e4) as u32;
                    let reference = area_pads(1, 0.0, 0.0, 0.0, tr.site.to_ecef().unit())[0];
                    let aim = copies
                        .iter()
                        .find(|c| c.area == a)
                        .map_or(tr.site.to_ecef(), |c| c.aim);
                    let curve = &mut areas[a].shortfall;
                    curve.extend(
                        (0..=steps)
                            .map(|k| first + f64::from(k) * SHORTFALL_STEP_S)
                            .chain((last > first).then_some(last))
                            .filter_map(|t| shortfall(tr, aim, t, &reference)),
                    );
                    curve.dedup_by(|x, y| (x.kill_s - y.kill_s).abs() < 1e-9);
                    for (m, c) in missiles.iter_mut().zip(&copies) {
                        if c.area == a {
                            m.shortfall = shortfall(tr, c.aim, last, &c.pad);
                        }
                    }
                }
                let family = Family {
                    altitude_m: layer.altitude_m,
                    inclination_rad: inclination,
                    planes,
                    phasing: layer.phasing,
                    seed: input.seed,
                };
                // Exactly `carriers` satellites: uneven planes when the
                // count is not a multiple of the planes.
                let mut layout = family.layout(b.carriers.div_ceil(planes))?;
                layout.truncate(b.carriers as usize);
                let raid = Raid {
                    missiles: copies
                        .iter()
                        .map(|c| RaidMissile {
                            pad_ecef: c.pad.pad_ecef,
                            offset_s: c.pad.offset_s,
                            model: c.area,
                        })
                        .collect(),
                    models,
                };
                let sampling = Sampling {
                    samples: b.pool,
                    span_s: 86_400.0,
                    seed: crate::streams::key(input.seed, 0, BOOST_POOL_COMPONENT),
                };
                Some(pool(
                    &layout,
                    &raid,
                    &sampling,
                    b.shots,
                    layer.carrier.interceptors,
                ))
            }
            _ => None,
        };
        let waves = Plan::waves_of(&missiles);
        Ok(Plan {
            missiles,
            assets,
            areas,
            sites,
            batteries,
            boost,
            waves,
        })
    }

    /// The waves of `missiles`: the indices of those sharing a launch
    /// offset, earliest offset first, each wave in index order.
    pub fn waves_of(missiles: &[PlannedMissile]) -> Vec<Vec<u32>> {
        let mut order: Vec<u32> = (0..missiles.len() as u32).collect();
        order.sort_by(|&a, &b| {
            missiles[a as usize]
                .offset_s
                .total_cmp(&missiles[b as usize].offset_s)
        });
        let mut waves: Vec<Vec<u32>> = Vec::new();
        let mut last = None;
        for j in order {
            let offset = missiles[j as usize].offset_s;
            match waves.last_mut() {
                Some(w) if last == Some(offset) => w.push(j),
                _ => waves.push(vec![j]),
            }
            last = Some(offset);
        }
        waves
    }

    /// Re-entry vehicles in the raid.
    pub fn rvs(&self) -> u32 {
        self.missiles.iter().map(|m| m.rvs).sum()
    }
}

/// Pooled launch times per parallel chunk of the boost pool.
const POOL_CHUNK: u32 = 64;

/// The launches of one model (launch area) in a boost pool, with what
/// bounds their geometry against the reference (the first).
struct Launches {
    /// Reach model index.
    model: usize,
    /// Single-missile raids, one per distinct launch of the model.
    raids: Vec<Raid>,
    /// Bound on how far (rad) any launch's inertial pad lies from the
    /// reference's at the same sampled time, and on how far a plane turns
    /// between their launch offsets: no launch's cross-track angle to a
    /// plane differs from the reference's by more.
    spread_rad: f64,
}

/// The boost pool: the carriers of `layout` in reach of each missile of
/// `raid` at each of `sampling`'s launch times. Launches repeated in the
/// raid (same pad, offset and model) are computed once. The launches of
/// one area are close together, so a plane is queried for them only when
/// its cross-track angle to the area's first launch is within the
/// feasible band widened by the area's spread: the same lists as querying
/// every plane, since a plane outside the band is out of reach of all of
/// them. Samples run in parallel and are joined in sample order, so the
/// pool does not depend on the thread count.
fn pool(layout: &Layout, raid: &Raid, sampling: &Sampling, shots: u32, capacity: u32) -> BoostPool {
    // One single-missile raid per distinct launch, grouped by model, so
    // that no query compares a launch with every earlier one.
    let mut groups: Vec<Launches> = Vec::new();
    let mut of = Vec::with_capacity(raid.missiles.len());
    let mut seen = std::collections::HashMap::new();
    let raan_rate = layout
        .planes
        .iter()
        .map(|p| p.raan_rate.abs())
        .fold(0.0, f64::max);
    for m in &raid.missiles {
        let key = (
            m.pad_ecef.x.to_bits(),
            m.pad_ecef.y.to_bits(),
            m.pad_ecef.z.to_bits(),
            m.offset_s.to_bits(),
            m.model,
        );
        let at = *seen.entry(key).or_insert_with(|| {
            let g = match groups.iter().position(|g| g.model == m.model) {
                Some(g) => g,
                None => {
                    groups.push(Launches {
                        model: m.model,
                        raids: Vec::new(),
                        spread_rad: 0.0,
                    });
                    groups.len() - 1
                }
            };
            let group = &mut groups[g];
            if let Some(first) = group.raids.first().map(|r| r.missiles[0]) {
                let spread = m.pad_ecef.angle_to(first.pad_ecef)
                    + (OMEGA_EARTH + raan_rate) * (m.offset_s - first.offset_s).abs();
                group.spread_rad = group.spread_rad.max(spread);
            }
            group.raids.push(Raid {
                missiles: vec![*m],
                models: raid.models.clone(),
            });
            (g, group.raids.len() - 1)
        });
        of.push(at);
    }
    let chunks = sampling.samples.div_ceil(POOL_CHUNK);
    let parts: Vec<BoostPool> = (0..chunks)
        .into_par_iter()
        .map(|c| {
            let mut part = BoostPool::new(shots, capacity, layout.len() as u32, &[]);
            let mut matching = ShotMatching::new();
            let mut lists: Vec<Vec<Vec<u32>>> = groups
                .iter()
                .map(|g| vec![Vec::new(); g.raids.len()])
                .collect();
            let (mut scratch, mut ids, mut near) = (Vec::new(), Vec::new(), Layout::default());
            let mut sample = vec![Vec::new(); of.len()];
            for k in c * POOL_CHUNK..((c + 1) * POOL_CHUNK).min(sampling.samples) {
                let t = sampling.time(k);
                for (g, out) in groups.iter().zip(&mut lists) {
                    near_planes(layout, raid, g, t, &mut near);
                    for (list, r) in out.iter_mut().zip(&g.raids) {
                        in_reach_at(&near, r, t, &mut scratch);
                        std::mem::swap(list, &mut scratch[0]);
                    }
                }
                for (l, &(g, d)) in sample.iter_mut().zip(&of) {
                    l.clone_from(&lists[g][d]);
                }
                part.push(&sample, &mut ids, &mut matching);
            }
            part
        })
        .collect();
    let mut all = BoostPool::new(shots, capacity, layout.len() as u32, &[]);
    // Exact sizes, and each part freed once copied: the lists are held about
    // once, not twice.
    all.lists
        .reserve_exact(parts.iter().map(|p| p.lists.len()).sum());
    all.starts
        .reserve_exact(parts.iter().map(|p| p.starts.len() - 1).sum());
    for p in parts {
        let base = *all.starts.last().unwrap_or(&0);
        all.starts.extend(p.starts[1..].iter().map(|s| s + base));
        all.lists.extend_from_slice(&p.lists);
        all.distinct.extend_from_slice(&p.distinct);
        all.rank.extend_from_slice(&p.rank);
        all.samples += p.samples;
    }
    all
}

/// Into `near`, the planes of `layout` whose cross-track angle to the
/// first launch of `g` at the sampled time `t` (s) is within the feasible
/// band of its reach model widened by the group's spread (planes keep their
/// satellite numbering and shell).
fn near_planes(layout: &Layout, raid: &Raid, g: &Launches, t: f64, near: &mut Layout) {
    near.planes.clear();
    near.radius_m.clear();
    let Some(first) = g.raids.first().map(|r| r.missiles[0]) else {
        return;
    };
    let models = raid.models.get(g.model).map_or(&[][..], Vec::as_slice);
    let tl = t + first.offset_s;
    let (s, c) = (OMEGA_EARTH * tl).sin_cos();
    let p = first.pad_ecef;
    let pad = Vec3::new(c * p.x - s * p.y, s * p.x + c * p.y, p.z);
    for (plane, &radius) in layout.planes.iter().zip(&layout.radius_m) {
        let (lo, hi) = match models.get(plane.shell) {
            Some(ReachModel::Table(t)) => t.feasible_cross_track_rad(),
            Some(ReachModel::Cap { angle_rad }) => (-angle_rad, *angle_rad),
            None => continue,
        };
        let delta = plane.pad_geometry(pad, tl).delta;
        // (With 1e-9 rad for rounding.)
        let margin = g.spread_rad + 1e-9;
        if delta >= lo - margin && delta <= hi + margin {
            near.planes.push(plane.clone());
            near.radius_m.push(radius);
        }
    }
}

/// When the descending trajectory enters and leaves an altitude band
/// [`min_m`, `max_m`], s after lift-off, by 0.5 s sampling from apogee to
/// impact: entry is the first sample inside the band, exit the first sample
/// below it after entry (or impact). `None` when no sample lies in the band:
/// a band above the apogee, or a trajectory that never comes down into it.
fn band(tr: &Trajectory, min_m: f64, max_m: f64) -> Option<(f64, f64)> {
    let apogee = tr.event(EventKind::Apogee)?.state.time_s;
    let end = tr.flight_time_s()?;
    let mut entry = None;
    let mut k = 0u32;
    loop {
        let t = (apogee + 0.5 * f64::from(k)).min(end);
        let h = tr.sample(t)?.altitude_m;
        if h < min_m {
            return entry.map(|e| (e, t));
        }
        if entry.is_none() && h <= max_m {
            entry = Some(t);
        }
        if t >= end {
            return entry.map(|e| (e, end));
        }
        k += 1;
    }
}

#[cfg(test)]
mod window_tests {
    use super::{WINDOW_STEP_S, Window};

    /// The looks of a window are those of a search of its grid: the
    /// earliest intercept is the first grid time whose running maximum
    /// reaches the readiness, and a second look fits when one reaches
    /// that time plus the assessment.
    #[test]
    fn looks_match_the_grid_search() {
        let earliest = |t0: f64, ready_by: &[f32], ready: f64| {
            let k = ready_by.partition_point(|&g| f64::from(g) < ready);
            (k < ready_by.len()).then_some(t0 + k as f64 * WINDOW_STEP_S)
        };
        let mut x = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut seen = [0u32; 3];
        for _ in 0..300 {
            let t0 = 100.0 + 200.0 * next();
            let len = (next() * 60.0) as usize;
            let mut best = f32::NEG_INFINITY;
            let ready_by: Vec<f32> = (0..len)
                .map(|k| {
                    let t = t0 + k as f64 * WINDOW_STEP_S;
                    best = best.max((t - 400.0 * next()) as f32);
                    best
                })
                .collect();
            let assess = 60.0 * next();
            let w = Window::new(t0, &ready_by, assess);
            for _ in 0..40 {
                let ready = t0 - 300.0 + 400.0 * next();
                let want = earliest(t0, &ready_by, ready).map_or(0, |t1| {
                    1 + u8::from(earliest(t0, &ready_by, t1 + assess).is_some())
                });
                assert_eq!(
                    w.looks(ready),
                    want,
                    "t0 {t0} assess {assess} ready {ready}"
                );
                seen[usize::from(want)] += 1;
            }
            // At the thresholds themselves, too.
            for ready in [w.one_by, w.two_by] {
                if ready.is_finite() {
                    let want = earliest(t0, &ready_by, ready).map_or(0, |t1| {
                        1 + u8::from(earliest(t0, &ready_by, t1 + assess).is_some())
                    });
                    assert_eq!(w.looks(ready), want);
                }
            }
        }
        assert!(seen.iter().all(|&c| c > 100), "{seen:?}");
    }
}
