//! What an engagement study is asked: the raid and its payloads, the
//! defense's layers, the doctrine, the Monte Carlo settings.

use crate::raid::LaunchArea;
use cupola_physics::frames::Geodetic;

/// How a layer shoots at one object: the number of interceptors one site
/// fires at an object it engages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Doctrine {
    /// Fire `shots` at once.
    Barrage {
        /// Interceptors per object, ≥ 1.
        shots: u32,
    },
    /// Fire `shots`, assess the kill, and fire `shots` again at a survivor
    /// when the timeline allows a second intercept; otherwise fall back to a
    /// barrage of twice `shots`.
    ShootLookShoot {
        /// Interceptors per look, ≥ 1.
        shots: u32,
    },
}

/// How a site's rounds are spread over the objects it may engage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Allocation {
    /// The doctrine's salvo at every engaged object: a barrage of k fires k
    /// at each object it engages (shoot-look-shoot: its look's shots), and
    /// when rounds are short fewer objects are engaged, never fewer rounds
    /// per object. The most valuable objects go first; among objects the
    /// battle manager cannot tell apart the choice is random.
    Doctrine,
    /// Rounds one at a time by largest marginal return (den Broeder et al.
    /// 1959), at most the doctrine's shots per object from each site: when
    /// rounds are short they spread, one per object, before any object gets
    /// a second.
    MarginalReturn,
}

/// How the battle manager assigns weapons to targets (see the engagement's
/// `decide` module for each allocation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Assignment {
    /// Greedy: under the doctrine allocation, the most valuable objects
    /// first, each to the site whose salvo kills it most surely; under
    /// marginal return, one round at a time by largest marginal return (den
    /// Broeder et al. 1959).
    Greedy,
    /// Exact assignment (Hungarian method): of salvos to objects, one salvo
    /// per object per decision, under the doctrine allocation; of rounds to
    /// shot slots under marginal return.
    Exact,
}

/// The boost layer: the scenario's `[sbi]` constellation of a given size.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct BoostLayerSpec {
    /// Carriers in orbit, exactly (a Walker shell with the first of
    /// `[sbi]`'s plane counts and inclinations; when the count is not a
    /// multiple of the planes, the last planes hold one satellite fewer).
    pub carriers: u32,
    /// Single-shot kill probability of an SBI, in [0, 1].
    pub pk: f64,
    /// Interceptors fired at each missile, ≥ 1.
    pub shots: u32,
    /// Launch times precomputed for the pool of boost-phase geometries each
    /// trial draws from, ≥ 1.
    pub pool: u32,
}

/// A ground-based midcourse interceptor site.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct MidcourseSite {
    /// Name, unique among the layers.
    pub name: String,
    /// Where it is (WGS84).
    pub site: Geodetic,
    /// Interceptors, ≥ 0.
    pub inventory: u32,
    /// Single-shot kill probability, in [0, 1].
    pub pk: f64,
    /// Average fly-out speed, m/s, > 0.
    pub flyout_speed_m_s: f64,
    /// Shot doctrine.
    pub doctrine: Doctrine,
    /// Time from an intercept to the kill assessment that may cue another
    /// shot, s, ≥ 0.
    pub assess_s: f64,
    /// Probability that the kill assessment after a look is right, in
    /// [0, 1]: a survivor seen as killed is not shot again (it leaks past
    /// this site), a kill seen as a survivor draws a second look's rounds.
    pub kill_assessment: f64,
    /// From the cueing track to the first launch, s, ≥ 0.
    pub decision_s: f64,
    /// Probability that the site's sensors recognise a decoy as a decoy, in
    /// [0, 1]. The battle manager fuses the sites' discrimination: a decoy
    /// is recognised, for every site, with the highest of these
    /// probabilities (one draw per decoy per trial).
    pub discrimination: f64,
    /// Fraction of the inventory held back for later waves, in [0, 1).
    pub reserve: f64,
    /// The sensor whose track cues the site, by name.
    pub sensor: String,
}

/// What a terminal battery engages.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TerminalKind {
    /// Upper-tier endo/exo-atmospheric defense of a footprint (THAAD-like).
    UpperTier,
    /// Short-range defense (Iron-Dome-like) against threats whose range is
    /// below a limit.
    ShortRange {
        /// Longest threat range it engages, m.
        max_threat_range_m: f64,
    },
}

/// A terminal-defense battery.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct TerminalBattery {
    /// Name, unique among the layers.
    pub name: String,
    /// Where it is (WGS84).
    pub site: Geodetic,
    /// What it engages.
    pub kind: TerminalKind,
    /// Radius of the defended footprint on the ground, m, > 0.
    pub footprint_m: f64,
    /// Lowest intercept altitude, m, ≥ 0.
    pub min_altitude_m: f64,
    /// Highest intercept altitude, m, > `min_altitude_m`.
    pub max_altitude_m: f64,
    /// Interceptors, ≥ 0.
    pub inventory: u32,
    /// Single-shot kill probability, in [0, 1].
    pub pk: f64,
    /// Shot doctrine.
    pub doctrine: Doctrine,
    /// Kill-assessment time for shoot-look-shoot, s, ≥ 0.
    pub assess_s: f64,
    /// Probability that the kill assessment after a look is right, in
    /// [0, 1]: a survivor seen as killed is not shot again (it leaks past
    /// this site), a kill seen as a survivor draws a second look's rounds.
    pub kill_assessment: f64,
    /// The sensor whose track cues the battery, by name.
    pub sensor: String,
}

/// A defended asset; re-entry vehicles aimed within `radius_m` of it count
/// as arriving at it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Asset {
    /// Name.
    pub name: String,
    /// Where it is (WGS84).
    pub site: Geodetic,
    /// Relative value, > 0 (the battle manager protects high values first).
    pub value: f64,
    /// Radius of the asset, m, > 0.
    pub radius_m: f64,
}

/// The engagement study.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct EngageSpec {
    /// The raid's launch areas (at least one), each copying its launch
    /// `salvo` times over its area and window.
    pub areas: Vec<LaunchArea>,
    /// Decoys deployed with each re-entry vehicle, ≥ 0.
    pub decoys_per_rv: u32,
    /// Monte Carlo trials, ≥ 1.
    pub trials: u32,
    /// Extra delay of each cueing track, drawn uniformly in [0, this] per
    /// trial, s, ≥ 0.
    pub detection_jitter_s: f64,
    /// Weapon-target assignment.
    pub assignment: Assignment,
    /// How rounds are spread over objects in midcourse and terminal.
    pub allocation: Allocation,
    /// The boost layer (needs `[sbi]`); `None`: no boost layer.
    pub boost: Option<BoostLayerSpec>,
    /// Midcourse sites.
    pub midcourse: Vec<MidcourseSite>,
    /// Terminal batteries.
    pub terminal: Vec<TerminalBattery>,
    /// Defended assets; when empty, each launch's aim point is an asset of
    /// value 1.
    pub assets: Vec<Asset>,
    /// Salvo sizes of the leak curve (`cupola engage`), ascending; each is
    /// shared among the areas in proportion to their salvos.
    pub salvo_sweep: Vec<u32>,
    /// SBIs over the launch area the attacker destroys just before the
    /// launch (anti-satellite shots at the carriers in reach of the most
    /// missiles), ≥ 0; 0 in scenarios, set by the attacker's options of the
    /// stability study.
    pub asat_shots: u32,
}

impl EngageSpec {
    /// Missiles in the raid, all areas together.
    pub fn salvo(&self) -> u32 {
        crate::raid::total_salvo(&self.areas)
    }
}
