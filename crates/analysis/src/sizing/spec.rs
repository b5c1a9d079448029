//! What a sizing study is asked: the space-based interceptor layer, the
//! raid, the requirement and the sweeps.

use crate::raid::LaunchArea;
use cupola_defense::budget::Deadline;
use cupola_defense::interceptor::Carrier;

/// Where the launch report comes from.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Detection {
    /// A fixed time from lift-off to the report, s.
    Latency {
        /// Lift-off to report, s.
        seconds: f64,
    },
    /// The scenario's sensor layer: the first report of its detection
    /// timeline against the reference launch.
    SensorLayer,
}

/// How satellites are spread within their planes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phasing {
    /// Walker delta, phasing factor 1.
    Walker,
    /// Random offset of each plane (seeded by the scenario seed).
    Random,
}

/// The space-based interceptor layer.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SbiLayerSpec {
    /// Carrier satellite and the interceptors it holds.
    pub carrier: Carrier,
    /// Launch report.
    pub detection: Detection,
    /// Decision and commit delay after the report, s.
    pub decision_s: f64,
    /// When the intercept must have happened.
    pub deadline: Deadline,
    /// Altitude of the circular orbits above the WGS84 equatorial radius, m.
    pub altitude_m: f64,
    /// Inclinations, rad, in (0, π): one is given, several are searched.
    pub inclinations_rad: Vec<f64>,
    /// Plane counts: one is given, several are searched.
    pub planes: Vec<u32>,
    /// Spread within planes.
    pub phasing: Phasing,
    /// Shells of one constellation sized together (see
    /// [`super::joint`]); empty, or at least two.
    pub shells: Vec<ShellSpec>,
}

/// One shell of a constellation sized jointly with others: its satellites
/// per plane are what the joint search chooses.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct ShellSpec {
    /// Altitude of its circular orbits above the WGS84 equatorial radius, m.
    pub altitude_m: f64,
    /// Inclination, rad, in (0, π).
    pub inclination_rad: f64,
    /// Orbital planes.
    pub planes: u32,
}

/// A parameter swept by `cupola size`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SweepKind {
    /// Missiles in the salvo (values are counts).
    Salvo,
    /// The missile's boost time, s (stage burn times scaled, propellant kept).
    BoostTime,
    /// The interceptor booster's Δv, m/s.
    DeltaV,
    /// Orbit altitude, m.
    Altitude,
    /// Orbit inclination, rad.
    Inclination,
}

/// One sweep: a parameter and its values (SI units, counts for the salvo).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Sweep {
    /// What is swept.
    pub kind: SweepKind,
    /// The values, in order.
    pub values: Vec<f64>,
}

/// The sizing study.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SizingSpec {
    /// The raid's launch areas (at least one): each copies its launch
    /// `salvo` times over its area and window; the constellation must serve
    /// all of them at once.
    pub areas: Vec<LaunchArea>,
    /// Shots each missile must get.
    pub shots: u32,
    /// Probability that every missile gets them, in (0, 1).
    pub confidence: f64,
    /// Launch-time samples per candidate constellation.
    pub samples: u32,
    /// Span of launch times sampled, s.
    pub span_s: f64,
    /// Largest constellation the search may try (carriers).
    pub max_satellites: u32,
    /// Reach table grid step, rad.
    pub resolution_rad: f64,
    /// Sweeps for `cupola size`.
    pub sweeps: Vec<Sweep>,
}

impl SizingSpec {
    /// Missiles in the raid, all areas together.
    pub fn salvo(&self) -> u32 {
        crate::raid::total_salvo(&self.areas)
    }
}

/// Anti-satellite reach of the SBI layer: which satellites of a scenario
/// constellation its interceptors could reach.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AsatSpec {
    /// Name of the scenario constellation targeted.
    pub targets: String,
    /// Fly-out time allowed, s.
    pub within_s: f64,
}
