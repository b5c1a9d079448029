//! The sizing study: fly the reference launch, build the reach tables,
//! search the constellations, and put the analytic models beside the
//! numeric answer.

use super::coverage::{Raid, RaidMissile, ReachModel, Sampling};
use super::search::{Candidate, Family, Requirement, smallest};
use super::spec::{SbiLayerSpec, SizingSpec};
use crate::absentee::{fraction_in_reach, inclination_factor, poisson_mean_for};
use crate::trajectory::{StudyError, TrajectoryStudy};
use cupola_defense::budget::{BudgetError, Deadline, TimeBudget};
use cupola_defense::interceptor::InterceptorError;
use cupola_defense::reach::{ReachTable, ReachTableError, TableGeometry, TargetTrack};
use cupola_physics::Vec3;
use cupola_physics::constants::{R_EARTH_MEAN, WGS84_A};
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

/// The timeline and reach of the interceptor against the reference launch.
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
    /// Cells of the first reach table.
    pub table_cells: usize,
    /// Its cells from which an intercept is feasible.
    pub feasible_cells: usize,
}

/// The analytic models, each named, beside the numeric result.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Analytic {
    /// Average fly-out speed over the window with a full burn,
    /// `Δv(1 − t_burn/(2·window))`, m/s.
    pub average_speed_m_s: f64,
    /// First-order ground reach `ρ = v̄·window`, m.
    pub ground_reach_m: f64,
    /// Fraction of a uniform spread within ρ, `(1 − cos(ρ/R))/2`.
    pub fraction_uniform: f64,
    /// Absentee ratio of a uniform spread, `1/f`.
    pub absentee_uniform: f64,
    /// Inclination factor `k(λ, i)` at the pad's latitude (None: the orbits
    /// never pass over it).
    pub inclination_factor: Option<f64>,
    /// Carriers that must be in reach of the launch point:
    /// `max(s, ⌈n·s/c⌉)` for n missiles, s shots, c interceptors per carrier.
    pub needed_in_reach: u32,
    /// Poisson mean in reach giving that many with the required confidence.
    pub poisson_mean: f64,
    /// Mean-value model: carriers = needed in reach × absentee ratio.
    pub mean_value_total: f64,
    /// Uniform sphere + Poisson: carriers = Poisson mean × absentee ratio.
    pub uniform_poisson_total: f64,
    /// Inclination-corrected + Poisson: the uniform figure over `k(λ, i)`
    /// (∞ if the orbits never pass over the pad).
    pub inclined_poisson_total: f64,
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

/// The search over one family (altitude, inclination, planes).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct FamilyResult {
    /// The family.
    pub family: Family,
    /// Its smallest constellation meeting the requirement (None: none up to
    /// the limit).
    pub best: Option<Candidate>,
    /// Every constellation tried, by size.
    pub tried: Vec<Tried>,
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
    /// Reach against the reference launch.
    pub reach: ReachSummary,
    /// Each family searched, with what it found.
    pub families: Vec<FamilyResult>,
    /// The smallest of them all.
    pub best: Option<Candidate>,
    /// Carrier mass in orbit, kg each.
    pub carrier_mass_kg: f64,
    /// Interceptor mass, kg each.
    pub interceptor_mass_kg: f64,
    /// The analytic models for the first inclination searched.
    pub analytic: Analytic,
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
}

/// The boost-phase timeline of an SBI layer against one trajectory.
pub struct BoostTimeline {
    /// Interceptor launch, s after lift-off.
    pub fire_s: f64,
    /// The deadline, s after lift-off.
    pub deadline_s: f64,
    /// Latest intercept (deadline less end game), s after lift-off.
    pub intercept_by_s: f64,
    /// The missile's track up to the latest intercept.
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
            track: TargetTrack::from_trajectory(trajectory, intercept_by_s.max(0.0), 1.0),
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
    let analytic = analytic(input, pad, window_s);
    let mut families = Vec::new();
    let mut reach = None;
    let mut evaluations = 0;
    for &inclination_rad in &layer.inclinations_rad {
        let table = timeline.table(layer, inclination_rad, spec.resolution_rad)?;
        reach.get_or_insert(ReachSummary {
            fire_s,
            deadline_s,
            intercept_by_s,
            window_s,
            table_cells: table.cells(),
            feasible_cells: table.feasible_cells(),
        });
        let raid = raid(spec, pad, ReachModel::Table(Arc::new(table)));
        let k = inclination_factor(pad.z.asin(), inclination_rad).unwrap_or(1.0);
        let start = analytic.uniform_poisson_total / k;
        for &planes in &layer.planes {
            let family = Family {
                altitude_m: layer.altitude_m,
                inclination_rad,
                planes,
                phasing: layer.phasing,
                seed: input.seed,
            };
            let s = smallest(family, &raid, &sampling, &req, spec.max_satellites, start)?;
            evaluations += s.tried.len();
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
            families.push(FamilyResult {
                family,
                best: s.best,
                tried,
            });
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
        reach: reach.unwrap_or(ReachSummary {
            fire_s,
            deadline_s,
            intercept_by_s,
            window_s,
            table_cells: 0,
            feasible_cells: 0,
        }),
        families,
        best,
        carrier_mass_kg: layer.carrier.mass_kg()?,
        interceptor_mass_kg: interceptor.mass_kg()?,
        analytic,
        evaluations,
    })
}

/// Fly the reference launch and run the sizing study.
pub fn size(input: &SizingInput) -> Result<SizingResult, SizingError> {
    let flown = input.launch.solve()?;
    size_against(input, &flown.trajectory)
}

/// Pads and launch offsets of a salvo of `salvo` copies of one launch from
/// `pad` (unit vector, ECEF): spread evenly along the pad's parallel over
/// `area_width_m` (m) and evenly over `window_s` (s). Each entry is (pad,
/// launch offset s, longitude shift rad).
pub fn salvo_pads(
    salvo: u32,
    area_width_m: f64,
    window_s: f64,
    pad: Vec3,
) -> Vec<(Vec3, f64, f64)> {
    let n = salvo.max(1);
    let lat = pad.z.clamp(-1.0, 1.0).asin();
    (0..n)
        .map(|k| {
            let x = if n > 1 {
                f64::from(k) / f64::from(n - 1) - 0.5
            } else {
                0.0
            };
            let dlon = area_width_m * x / (R_EARTH_MEAN * lat.cos().max(1e-6));
            let (s, c) = dlon.sin_cos();
            (
                Vec3::new(c * pad.x - s * pad.y, s * pad.x + c * pad.y, pad.z),
                window_s * (x + 0.5),
                dlon,
            )
        })
        .collect()
}

/// The salvo of `spec` from `pad` (see [`salvo_pads`]); one reach model
/// serves all (the geometry is invariant under rotation about the Earth's
/// axis).
pub fn raid(spec: &SizingSpec, pad: Vec3, model: ReachModel) -> Raid {
    let missiles = salvo_pads(spec.salvo, spec.area_width_m, spec.window_s, pad)
        .into_iter()
        .map(|(pad_ecef, offset_s, _)| RaidMissile {
            pad_ecef,
            offset_s,
            model: 0,
        })
        .collect();
    Raid {
        missiles,
        models: vec![model],
    }
}

/// The analytic models for the first inclination of the layer.
fn analytic(input: &SizingInput, pad: Vec3, window_s: f64) -> Analytic {
    let i = &input.layer.carrier.interceptor;
    let spec = &input.spec;
    let w = window_s.max(0.0);
    let burn = i.burn_time_s();
    let average_speed_m_s = if w > burn {
        i.booster_delta_v_m_s * (1.0 - burn / (2.0 * w))
    } else {
        // The burn does not finish: ½·a·w² over w.
        0.5 * i.acceleration_m_s2 * w
    };
    let rho = average_speed_m_s * w;
    let f = fraction_in_reach(rho);
    let cap = input.layer.carrier.interceptors.max(1);
    let needed = (spec.salvo * spec.shots).div_ceil(cap).max(spec.shots);
    let mu = poisson_mean_for(needed, spec.confidence);
    let k = input
        .layer
        .inclinations_rad
        .first()
        .and_then(|&inc| inclination_factor(pad.z.clamp(-1.0, 1.0).asin(), inc));
    let uniform = mu / f;
    Analytic {
        average_speed_m_s,
        ground_reach_m: rho,
        fraction_uniform: f,
        absentee_uniform: 1.0 / f,
        inclination_factor: k,
        needed_in_reach: needed,
        poisson_mean: mu,
        mean_value_total: f64::from(needed) / f,
        uniform_poisson_total: uniform,
        inclined_poisson_total: k.map_or(f64::INFINITY, |k| uniform / k),
    }
}
