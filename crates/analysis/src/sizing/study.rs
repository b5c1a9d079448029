//! The sizing study: fly the reference launch, build the reach tables,
//! search the constellations, and put the analytic models beside the
//! numeric answer.

use super::analytic::{Analytic, analytic};
use super::coverage::{Raid, RaidMissile, ReachModel, Sampling};
use super::planes::{MAX_PLANES, NoAnswer, smallest_planes, why_none};
use super::search::{Candidate, Family, Requirement, smallest};
use super::spec::{SbiLayerSpec, SizingSpec};
use crate::trajectory::{StudyError, TrajectoryStudy};
use cupola_defense::budget::{BudgetError, Deadline, TimeBudget};
use cupola_defense::interceptor::InterceptorError;
use cupola_defense::reach::{ReachTable, ReachTableError, TableGeometry, TargetTrack};
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
    /// The reference launch.
    pub launch: TrajectoryStudy,
    /// Lift-off to launch report, s (resolved from the sensor layer or the
    /// fixed latency by the caller).
    pub detection_s: f64,
    /// Master seed.
    pub seed: u64,
}

/// The timeline of the interceptor against the reference launch, shared by
/// every family (one altitude, one launch).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ReachSummary {
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
}

/// The search over one family (altitude, inclination, planes), with its
/// own reach table and analytic models: a report never pairs one family's
/// table with another's answer.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct FamilyResult {
    /// The family.
    pub family: Family,
    /// Whether its plane count was found by the plane-count search (see
    /// [`super::planes`]) rather than given by the scenario.
    pub planes_searched: bool,
    /// Its reach table (one per altitude and inclination).
    pub table: TableSummary,
    /// The analytic models at its altitude and inclination.
    pub analytic: Analytic,
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

/// The result of a sizing study.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SizingResult {
    /// Missiles in the salvo.
    pub salvo: u32,
    /// The requirement.
    pub requirement: Requirement,
    /// The deadline the reach was computed for.
    pub deadline: Deadline,
    /// The timeline against the reference launch.
    pub reach: ReachSummary,
    /// Each family searched, with its reach table, analytic models and
    /// what it found.
    pub families: Vec<FamilyResult>,
    /// The smallest of them all.
    pub best: Option<Candidate>,
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
            TableGeometry {
                orbit_radius_m: WGS84_A + layer.altitude_m,
                inclination_rad,
                fire_s: self.fire_s,
                intercept_by_s: self.intercept_by_s,
                resolution_rad,
            },
        )?)
    }
}

/// Run the sizing study on an already flown reference trajectory.
pub fn size_against(
    input: &SizingInput,
    trajectory: &Trajectory,
) -> Result<SizingResult, SizingError> {
    let layer = &input.layer;
    let spec = &input.spec;
    let interceptor = &layer.carrier.interceptor;
    let timeline = BoostTimeline::new(layer, input.detection_s, trajectory)?;
    let (fire_s, deadline_s, intercept_by_s) = (
        timeline.fire_s,
        timeline.deadline_s,
        timeline.intercept_by_s,
    );
    let window_s = intercept_by_s - fire_s;
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
    let pad = trajectory.site.to_ecef().unit();
    let reach = ReachSummary {
        fire_s,
        deadline_s,
        intercept_by_s,
        window_s,
    };
    let mut families = Vec::new();
    let mut evaluations = 0;
    for &inclination_rad in &layer.inclinations_rad {
        let table = timeline.table(layer, inclination_rad, spec.resolution_rad)?;
        let summary = TableSummary {
            cells: table.cells(),
            feasible_cells: table.feasible_cells(),
            divert_short_cells: table.divert_short_cells(),
            lead_span_rad: {
                let (lo, hi) = table.feasible_lead_rad();
                (hi - lo).max(0.0)
            },
        };
        let analytic = analytic(layer, spec, &timeline, pad, inclination_rad);
        let raid = raid(spec, pad, ReachModel::Table(Arc::new(table)));
        let start = analytic
            .inclined_poisson_total
            .min(f64::from(spec.max_satellites));
        let family_at = |planes| Family {
            altitude_m: layer.altitude_m,
            inclination_rad,
            planes,
            phasing: layer.phasing,
            seed: input.seed,
        };
        let search = |family: Family, searched: bool| -> Result<FamilyResult, SizingError> {
            let s = smallest(family, &raid, &sampling, &req, spec.max_satellites, start)?;
            let why_none = s.best.is_none().then(|| {
                why_none(
                    &family,
                    &s.tried,
                    &req,
                    spec.max_satellites,
                    &summary,
                    (fire_s, intercept_by_s, window_s),
                    analytic.needed_in_reach,
                )
            });
            let mut tried: Vec<Tried> = s
                .tried
                .iter()
                .map(|c| Tried {
                    total: c.total,
                    p_success: c.stats.p_success(),
                    mean_in_reach: c.stats.mean_in_reach(),
                })
                .collect();
            tried.sort_by_key(|t| t.total);
            Ok(FamilyResult {
                family,
                planes_searched: searched,
                table: summary,
                analytic: analytic.clone(),
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
    Ok(SizingResult {
        salvo: spec.salvo,
        requirement: req,
        deadline: layer.deadline,
        reach,
        families,
        best,
        carrier_mass_kg: layer.carrier.mass_kg()?,
        interceptor_mass_kg: interceptor.mass_kg()?,
        kill_vehicle_mass_kg: interceptor.kill_vehicle_loaded_mass_kg(),
        evaluations,
    })
}

/// Fly the reference launch and run the sizing study.
pub fn size(input: &SizingInput) -> Result<SizingResult, SizingError> {
    let flown = input.launch.solve()?;
    size_against(input, &flown.trajectory)
}

/// The salvo of `spec` from `pad` (unit vector, ECEF), placed by
/// [`crate::raid::area_pads`]; one reach model serves all (the geometry is
/// invariant under rotation about the Earth's axis).
pub fn raid(spec: &SizingSpec, pad: Vec3, model: ReachModel) -> Raid {
    let missiles = crate::raid::area_pads(spec.salvo, spec.area_width_m, 0.0, spec.window_s, pad)
        .into_iter()
        .map(|c| RaidMissile {
            pad_ecef: c.pad_ecef,
            offset_s: c.offset_s,
            model: 0,
        })
        .collect();
    Raid {
        missiles,
        models: vec![model],
    }
}
