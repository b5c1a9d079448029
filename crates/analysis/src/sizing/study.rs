//! The sizing study: fly the reference launch, build the reach tables,
//! search the constellations, and put the analytic models beside the
//! numeric answer.

use super::analytic::{Analytic, analytic};
use super::coverage::{Raid, RaidMissile, ReachModel, Sampling};
use super::joint::JointResult;
use super::planes::{MAX_PLANES, NoAnswer, smallest_planes, why_none};
use super::search::{Candidate, Family, Requirement, smallest_observed};
use super::spec::{SbiLayerSpec, SizingSpec};
use crate::trajectory::{StudyError, TrajectoryStudy};
use cupola_defense::budget::{BudgetError, Deadline, TimeBudget};
use cupola_defense::interceptor::InterceptorError;
use cupola_defense::reach::{ReachTable, ReachTableError, TableGeometry, TableSize, TargetTrack};
use cupola_physics::Vec3;
use cupola_physics::constants::WGS84_A;
use cupola_physics::constellation::ConstellationError;
use cupola_threat::Trajectory;
use std::sync::Arc;

/// Why a sizing study could not run.
#[derive(Debug, thiserror::Error)]
pub enum SizingError {
    /// The reference launch could not be flown.
    #[error(transparent)]
    Flight(#[from] StudyError),
    /// The time budget does not fit the trajectory.
    #[error(transparent)]
    Budget(#[from] BudgetError),
    /// The interceptor or carrier is impossible.
    #[error(transparent)]
    Interceptor(#[from] InterceptorError),
    /// A reach table could not be built.
    #[error(transparent)]
    Table(#[from] ReachTableError),
    /// A constellation could not be built.
    #[error(transparent)]
    Constellation(#[from] ConstellationError),
    /// An engagement spec holds a value outside its range
    /// ([`crate::engage::EngageSpec::validate`]).
    #[error(transparent)]
    Spec(#[from] crate::engage::SpecError),
}

/// Everything a sizing run needs.
#[derive(Clone, Debug)]
pub struct SizingInput {
    /// The SBI layer.
    pub layer: SbiLayerSpec,
    /// The study settings.
    pub spec: SizingSpec,
    /// The launch of each of the spec's areas, in their order.
    pub areas: Vec<AreaLaunch>,
    /// Master seed.
    pub seed: u64,
}

/// The launch of one launch area and when the layer hears of it.
#[derive(Clone, Debug)]
pub struct AreaLaunch {
    /// The area's launch (missile, reference pad, aim point, profile).
    pub launch: TrajectoryStudy,
    /// Lift-off to launch report, s (resolved from the sensor layer or the
    /// fixed latency by the caller).
    pub detection_s: f64,
}

impl SizingInput {
    /// Fly every area's launch; areas that fly the same launch share one
    /// flight.
    pub fn fly(&self) -> Result<Vec<Trajectory>, SizingError> {
        let mut flown: Vec<Trajectory> = Vec::with_capacity(self.areas.len());
        for (k, a) in self.areas.iter().enumerate() {
            let same = (0..k).find(|&j| same_launch(&self.areas[j].launch, &a.launch));
            flown.push(match same {
                Some(j) => flown[j].clone(),
                None => a.launch.solve()?.trajectory,
            });
        }
        Ok(flown)
    }
}

/// The timeline of the interceptor against one launch area's launch,
/// shared by every family (one altitude).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ReachSummary {
    /// The launch area.
    pub area: String,
    /// Interceptor launch, s after lift-off.
    pub fire_s: f64,
    /// The deadline, s after lift-off.
    pub deadline_s: f64,
    /// Latest intercept (deadline less end game), s after lift-off.
    pub intercept_by_s: f64,
    /// Fly-out window, s.
    pub window_s: f64,
}

/// One family's reach table, in numbers.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct TableSummary {
    /// Cells of the table.
    pub cells: usize,
    /// Its cells from which an intercept is feasible.
    pub feasible_cells: usize,
    /// Cells the booster reaches in time but whose intercept the kill
    /// vehicle's divert cannot absorb (not feasible).
    pub divert_short_cells: usize,
    /// Width of the feasible leads (satellite ahead of the pad), rad; 0
    /// when no cell is feasible.
    pub lead_span_rad: f64,
}

/// One constellation tried by the search.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Tried {
    /// Carriers.
    pub total: u32,
    /// Probability every missile got its shots.
    pub p_success: f64,
    /// Mean carriers in reach of a missile.
    pub mean_in_reach: f64,
    /// Launch-time samples its figures rest on (fewer than the study's
    /// when its side of the requirement was settled early).
    pub samples: u32,
}

/// One launch area as a family sees it: the reach table against the
/// area's launch and the analytic models for the area's salvo alone.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AreaReach {
    /// The launch area.
    pub area: String,
    /// Missiles from it.
    pub salvo: u32,
    /// Its reach table (one per altitude, inclination and launch).
    pub table: TableSummary,
    /// The analytic models at the family's altitude and inclination against
    /// the area's salvo from its pad.
    pub analytic: Analytic,
}

/// The search over one family (altitude, inclination, planes), with its
/// own reach tables and analytic models: a report never pairs one family's
/// table with another's answer.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct FamilyResult {
    /// The family.
    pub family: Family,
    /// Whether its plane count was found by the plane-count search (see
    /// [`super::planes`]) rather than given by the scenario.
    pub planes_searched: bool,
    /// Each launch area's reach table and analytic models, in the spec's
    /// order.
    pub areas: Vec<AreaReach>,
    /// Index in `areas` of the area the analytic models find hardest, whose
    /// table and models the family's headline figures show: among the areas
    /// that launch, one whose reach table has no feasible cell (nothing can
    /// cover it), else the one whose inclination-corrected Poisson count for
    /// its own salvo is largest; ties to the first. The numeric answer's
    /// per-area coverage says which area binds in practice.
    pub binding: usize,
    /// Its smallest constellation meeting the requirement (None: none up to
    /// the limit).
    pub best: Option<Candidate>,
    /// Why there is none, when there is none.
    pub why_none: Option<NoAnswer>,
    /// Every constellation tried, by size.
    pub tried: Vec<Tried>,
    /// The plane counts the plane-count search tried at this inclination,
    /// in order, when it ran (empty otherwise).
    pub plane_search: Vec<PlaneTry>,
}

/// One plane count tried by the plane-count search.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PlaneTry {
    /// Planes.
    pub planes: u32,
    /// Smallest constellation meeting the requirement (None: none up to
    /// `max_satellites`).
    pub carriers: Option<u32>,
}

impl FamilyResult {
    /// The binding area's reach table.
    pub fn table(&self) -> &TableSummary {
        &self.areas[self.binding].table
    }

    /// The binding area's analytic models.
    pub fn analytic(&self) -> &Analytic {
        &self.areas[self.binding].analytic
    }
}

/// The result of a sizing study.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SizingResult {
    /// Missiles in the raid, all areas together.
    pub salvo: u32,
    /// The requirement.
    pub requirement: Requirement,
    /// The deadline the reach was computed for.
    pub deadline: Deadline,
    /// The timeline against each launch area's launch, in the spec's order.
    pub reach: Vec<ReachSummary>,
    /// Each family searched, with its reach table, analytic models and
    /// what it found.
    pub families: Vec<FamilyResult>,
    /// The smallest of them all.
    pub best: Option<Candidate>,
    /// The constellation of the layer's shells sized together, when it
    /// has two or more ([`super::joint`]).
    pub joint: Option<JointResult>,
    /// Carrier mass in orbit, kg each.
    pub carrier_mass_kg: f64,
    /// Interceptor mass, kg each.
    pub interceptor_mass_kg: f64,
    /// Kill vehicle mass with its divert propellant, kg each.
    pub kill_vehicle_mass_kg: f64,
    /// Constellations evaluated in all.
    pub evaluations: usize,
}

impl SizingResult {
    /// Mass of the best constellation in orbit, kg.
    pub fn mass_in_orbit_kg(&self) -> Option<f64> {
        self.best
            .as_ref()
            .map(|b| f64::from(b.total) * self.carrier_mass_kg)
    }

    /// The fewest carriers any answer needs (a single shell or the joint
    /// constellation), with whether it is the joint one.
    pub fn fewest_carriers(&self) -> Option<(u32, bool)> {
        let single = self.best.as_ref().map(|b| (b.total, false));
        let joint = self
            .joint
            .as_ref()
            .and_then(|j| j.best.as_ref())
            .map(|b| (b.total, true));
        match (single, joint) {
            (Some(s), Some(j)) => Some(if j.0 < s.0 { j } else { s }),
            (s, j) => s.or(j),
        }
    }

    /// The family whose answer is reported: that of the best constellation,
    /// else the first searched.
    pub fn answer_family(&self) -> Option<&FamilyResult> {
        self.best
            .as_ref()
            .and_then(|b| self.families.iter().find(|f| f.best.as_ref() == Some(b)))
            .or(self.families.first())
    }
}

/// The boost-phase timeline of an SBI layer against one trajectory.
pub struct BoostTimeline {
    /// Interceptor launch, s after lift-off.
    pub fire_s: f64,
    /// The deadline, s after lift-off.
    pub deadline_s: f64,
    /// Latest intercept (deadline less end game), s after lift-off.
    pub intercept_by_s: f64,
    /// The missile's track up to the deadline.
    pub track: TargetTrack,
}

impl BoostTimeline {
    /// Check the layer's carrier and budget against `trajectory` with the
    /// launch reported `detection_s` s after lift-off.
    pub fn new(
        layer: &SbiLayerSpec,
        detection_s: f64,
        trajectory: &Trajectory,
    ) -> Result<Self, SizingError> {
        layer.carrier.validate()?;
        let budget = TimeBudget {
            detection_s,
            decision_s: layer.decision_s,
            deadline: layer.deadline,
        };
        budget.validate()?;
        let deadline_s = budget.deadline_s(trajectory)?;
        let intercept_by_s = deadline_s - layer.carrier.interceptor.end_game_s;
        Ok(Self {
            fire_s: detection_s + layer.decision_s,
            deadline_s,
            intercept_by_s,
            // To the deadline: the end game's share of the missile's
            // unpredicted motion counts against the divert.
            track: TargetTrack::from_trajectory(trajectory, deadline_s.max(0.0), 1.0),
        })
    }

    /// The reach table of `layer` at `inclination_rad` (rad) with grid step
    /// `resolution_rad` (rad).
    pub fn table(
        &self,
        layer: &SbiLayerSpec,
        inclination_rad: f64,
        resolution_rad: f64,
    ) -> Result<ReachTable, SizingError> {
        Ok(ReachTable::build(
            &self.track,
            &layer.carrier.interceptor,
            self.geometry(layer, inclination_rad, resolution_rad),
        )?)
    }

    /// The grid [`BoostTimeline::table`] would build, and its work, without
    /// building it.
    pub fn table_size(
        &self,
        layer: &SbiLayerSpec,
        inclination_rad: f64,
        resolution_rad: f64,
    ) -> TableSize {
        ReachTable::size(
            &self.track,
            &layer.carrier.interceptor,
            &self.geometry(layer, inclination_rad, resolution_rad),
        )
    }

    /// The geometry of `layer`'s table at `inclination_rad` (rad) with grid
    /// step `resolution_rad` (rad).
    fn geometry(
        &self,
        layer: &SbiLayerSpec,
        inclination_rad: f64,
        resolution_rad: f64,
    ) -> TableGeometry {
        TableGeometry {
            orbit_radius_m: WGS84_A + layer.altitude_m,
            inclination_rad,
            fire_s: self.fire_s,
            intercept_by_s: self.intercept_by_s,
            resolution_rad,
        }
    }
}

/// Run the sizing study on already flown launches, one per area of the
/// spec (see [`SizingInput::fly`]).
pub fn size_against(
    input: &SizingInput,
    trajectories: &[Trajectory],
) -> Result<SizingResult, SizingError> {
    size_against_observed(input, trajectories, &|| {})
}

/// [`size_against`], calling `evaluated` after each coverage evaluation of
/// a constellation (single shell or joint; an answer evaluated again on
/// every sample counts again), for progress.
pub fn size_against_observed(
    input: &SizingInput,
    trajectories: &[Trajectory],
    evaluated: &dyn Fn(),
) -> Result<SizingResult, SizingError> {
    let layer = &input.layer;
    let spec = &input.spec;
    let interceptor = &layer.carrier.interceptor;
    let owner = || "the sizing study".to_owned();
    if spec.areas.is_empty() || spec.salvo() == 0 {
        return Err(crate::engage::SpecError {
            owner: owner(),
            field: "areas",
            value: f64::from(spec.salvo()),
            range: "at least one launch area and one missile",
        }
        .into());
    }
    if input.areas.len() != spec.areas.len() || trajectories.len() != spec.areas.len() {
        return Err(crate::engage::SpecError {
            owner: owner(),
            field: "areas",
            value: input.areas.len().min(trajectories.len()) as f64,
            range: "one launch and one trajectory per launch area",
        }
        .into());
    }
    let timelines = input
        .areas
        .iter()
        .zip(trajectories)
        .map(|(a, tr)| BoostTimeline::new(layer, a.detection_s, tr))
        .collect::<Result<Vec<_>, _>>()?;
    let req = Requirement {
        shots: spec.shots,
        confidence: spec.confidence,
        capacity: layer.carrier.interceptors,
    };
    let sampling = Sampling {
        samples: spec.samples,
        span_s: spec.span_s,
        seed: input.seed,
    };
    let pads: Vec<Vec3> = trajectories
        .iter()
        .map(|t| t.site.to_ecef().unit())
        .collect();
    let reach: Vec<ReachSummary> = spec
        .areas
        .iter()
        .zip(&timelines)
        .map(|(a, t)| ReachSummary {
            area: a.name.clone(),
            fire_s: t.fire_s,
            deadline_s: t.deadline_s,
            intercept_by_s: t.intercept_by_s,
            window_s: t.intercept_by_s - t.fire_s,
        })
        .collect();
    let mut families = Vec::new();
    let mut evaluations = 0;
    let mut reaches = Reaches::new(&timelines, &pads);
    for &inclination_rad in &layer.inclinations_rad {
        let ShellReach {
            tables,
            areas,
            binding,
        } = reaches.get(input, layer, inclination_rad)?;
        let raid = raid(
            spec,
            &pads,
            tables
                .into_iter()
                .map(|t| vec![ReachModel::Table(t)])
                .collect(),
        );
        let bound = &areas[binding];
        let start = bound
            .analytic
            .inclined_poisson_total
            .min(f64::from(spec.max_satellites));
        let family_at = |planes| Family {
            altitude_m: layer.altitude_m,
            inclination_rad,
            planes,
            phasing: layer.phasing,
            seed: input.seed,
        };
        let r = &reach[binding];
        let search = |family: Family, searched: bool| -> Result<FamilyResult, SizingError> {
            let s = smallest_observed(
                family,
                &raid,
                &sampling,
                &req,
                spec.max_satellites,
                start,
                evaluated,
            )?;
            let why_none = s.best.is_none().then(|| {
                why_none(
                    &family,
                    &s.tried,
                    &req,
                    spec.max_satellites,
                    &bound.table,
                    (r.fire_s, r.intercept_by_s, r.window_s),
                    bound.analytic.needed_in_reach,
                )
            });
            let mut tried: Vec<Tried> = s
                .tried
                .iter()
                .map(|c| Tried {
                    total: c.total,
                    p_success: c.stats.p_success(),
                    mean_in_reach: c.stats.mean_in_reach(),
                    samples: c.stats.samples,
                })
                .collect();
            tried.sort_by_key(|t| t.total);
            Ok(FamilyResult {
                family,
                planes_searched: searched,
                areas: areas.clone(),
                binding,
                best: s.best,
                why_none,
                tried,
                plane_search: Vec::new(),
            })
        };
        let first = families.len();
        for &planes in &layer.planes {
            let f = search(family_at(planes), false)?;
            evaluations += f.tried.len();
            families.push(f);
        }
        // No given plane count meets the requirement because of plane
        // gaps: find the smallest that can.
        let gaps = families[first..]
            .iter()
            .all(|f| matches!(f.why_none, Some(NoAnswer::PlaneGaps { .. })));
        let widest = layer.planes.iter().copied().max();
        if let (true, Some(widest)) = (gaps, widest) {
            let mut runs: Vec<FamilyResult> = Vec::new();
            let found = smallest_planes(widest, MAX_PLANES.min(spec.max_satellites), |planes| {
                let f = search(family_at(planes), true)?;
                evaluations += f.tried.len();
                let ok = f.best.is_some();
                runs.push(f);
                Ok::<bool, SizingError>(ok)
            })?;
            let tried_planes: Vec<PlaneTry> = runs
                .iter()
                .map(|f| PlaneTry {
                    planes: f.family.planes,
                    carriers: f.best.as_ref().map(|b| b.total),
                })
                .collect();
            for f in &mut families[first..] {
                if let Some(NoAnswer::PlaneGaps {
                    searched,
                    more_planes,
                    ..
                }) = &mut f.why_none
                {
                    *searched = true;
                    *more_planes = found;
                }
                f.plane_search.clone_from(&tried_planes);
            }
            // Every searched count that met the requirement is a family:
            // the smallest count is not always the fewest carriers.
            for mut f in runs.into_iter().filter(|f| f.best.is_some()) {
                f.plane_search.clone_from(&tried_planes);
                families.push(f);
            }
        }
    }
    let best = families
        .iter()
        .filter_map(|f| f.best.clone())
        .min_by_key(|c| c.total);
    let joint = if layer.shells.len() >= 2 {
        let j = super::joint::size_joint(
            input,
            &mut reaches,
            &reach,
            &req,
            (&sampling, &families),
            evaluated,
        )?;
        evaluations += j.evaluated;
        Some(j)
    } else {
        None
    };
    Ok(SizingResult {
        salvo: spec.salvo(),
        requirement: req,
        deadline: layer.deadline,
        reach,
        families,
        best,
        joint,
        carrier_mass_kg: layer.carrier.mass_kg()?,
        interceptor_mass_kg: interceptor.mass_kg()?,
        kill_vehicle_mass_kg: interceptor.kill_vehicle_loaded_mass_kg(),
        evaluations,
    })
}

/// One shell's reach against each launch area: the tables (shared by areas
/// that copy the same launch reported at the same time), the areas as the
/// shell sees them, and the index of the one the analytic models find
/// hardest.
#[derive(Clone)]
pub(crate) struct ShellReach {
    /// Reach table against each area's launch, in the spec's order.
    pub tables: Vec<Arc<ReachTable>>,
    /// Each area's table summary and analytic models.
    pub areas: Vec<AreaReach>,
    /// See [`FamilyResult::binding`].
    pub binding: usize,
}

/// The reach of shells against the areas' launches, each altitude and
/// inclination built once and shared by the single-shell families and the
/// joint constellation.
pub(crate) struct Reaches<'a> {
    /// Each area's boost timeline, in the spec's order.
    pub timelines: &'a [BoostTimeline],
    /// Each area's reference pad, unit vector, ECEF.
    pub pads: &'a [Vec3],
    /// Built so far: (altitude m, inclination rad, reach).
    built: Vec<(f64, f64, ShellReach)>,
}

impl<'a> Reaches<'a> {
    /// Nothing built yet for these timelines and pads.
    pub fn new(timelines: &'a [BoostTimeline], pads: &'a [Vec3]) -> Self {
        Self {
            timelines,
            pads,
            built: Vec::new(),
        }
    }

    /// The reach of `layer`'s interceptors from a shell at its altitude and
    /// `inclination_rad` (rad), built on first use.
    pub fn get(
        &mut self,
        input: &SizingInput,
        layer: &SbiLayerSpec,
        inclination_rad: f64,
    ) -> Result<ShellReach, SizingError> {
        let key = (layer.altitude_m, inclination_rad);
        if let Some((_, _, r)) = self.built.iter().find(|(a, i, _)| (*a, *i) == key) {
            return Ok(r.clone());
        }
        let r = shell_reach(input, self.timelines, self.pads, layer, inclination_rad)?;
        self.built.push((key.0, key.1, r.clone()));
        Ok(r)
    }
}

/// The reach of `layer`'s interceptors from a shell at its altitude and
/// `inclination_rad` (rad) against each area's launch (`timelines` and
/// `pads`, one per area).
fn shell_reach(
    input: &SizingInput,
    timelines: &[BoostTimeline],
    pads: &[Vec3],
    layer: &SbiLayerSpec,
    inclination_rad: f64,
) -> Result<ShellReach, SizingError> {
    let spec = &input.spec;
    let mut tables: Vec<Arc<ReachTable>> = Vec::new();
    let mut areas: Vec<AreaReach> = Vec::new();
    for (k, area) in spec.areas.iter().enumerate() {
        // Areas that copy the same launch, reported at the same time,
        // share its table.
        let same = (0..k).find(|&j| {
            same_launch(&input.areas[j].launch, &input.areas[k].launch)
                && input.areas[j].detection_s == input.areas[k].detection_s
        });
        let table = match same {
            Some(j) => Arc::clone(&tables[j]),
            None => Arc::new(timelines[k].table(layer, inclination_rad, spec.resolution_rad)?),
        };
        areas.push(AreaReach {
            area: area.name.clone(),
            salvo: area.salvo,
            table: TableSummary {
                cells: table.cells(),
                feasible_cells: table.feasible_cells(),
                divert_short_cells: table.divert_short_cells(),
                lead_span_rad: {
                    let (lo, hi) = table.feasible_lead_rad();
                    (hi - lo).max(0.0)
                },
            },
            analytic: analytic(
                layer,
                spec,
                area.salvo,
                &timelines[k],
                pads[k],
                inclination_rad,
            ),
        });
        tables.push(table);
    }
    // An area no reach cell serves comes first: nothing can cover it.
    // Areas that launch nothing (a share of a salvo sweep) never do.
    let need = |i: usize| {
        if areas[i].salvo == 0 {
            f64::NEG_INFINITY
        } else if areas[i].table.feasible_cells == 0 {
            f64::INFINITY
        } else {
            areas[i].analytic.inclined_poisson_total
        }
    };
    let binding = (0..areas.len())
        .max_by(|&a, &b| need(a).total_cmp(&need(b)).then(b.cmp(&a)))
        .unwrap_or(0);
    Ok(ShellReach {
        tables,
        areas,
        binding,
    })
}

/// Whether two launch studies fly the same trajectory (same missile, pad,
/// aim point, profile and flight options), so one reach table serves both.
fn same_launch(a: &TrajectoryStudy, b: &TrajectoryStudy) -> bool {
    a.missile == b.missile
        && a.site == b.site
        && a.aim == b.aim
        && a.profile == b.profile
        && a.options == b.options
}

/// Fly every area's launch and run the sizing study.
pub fn size(input: &SizingInput) -> Result<SizingResult, SizingError> {
    size_against(input, &input.fly()?)
}

/// The raid of `spec`: each area's salvo from its pad (`pads`, unit
/// vectors, ECEF, one per area), placed by [`crate::raid::area_pads`], with
/// the area's reach models (`models`, one list per area with one model per
/// shell of the constellation; the geometry of a launch
/// is invariant under rotation about the Earth's axis, so the copies of an
/// area share it). Areas with no missile are left out.
pub fn raid(spec: &SizingSpec, pads: &[Vec3], models: Vec<Vec<ReachModel>>) -> Raid {
    let missiles = spec
        .areas
        .iter()
        .zip(pads)
        .enumerate()
        .filter(|(_, (a, _))| a.salvo > 0)
        .flat_map(|(k, (a, &pad))| {
            crate::raid::area_pads(a.salvo, a.width_m, a.depth_m, a.window_s, pad)
                .into_iter()
                .map(move |c| RaidMissile {
                    pad_ecef: c.pad_ecef,
                    offset_s: c.offset_s,
                    model: k,
                })
        })
        .collect();
    Raid { missiles, models }
}
