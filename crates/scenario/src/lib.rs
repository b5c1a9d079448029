//! Scenario files of cupola: the TOML schema, validation with located
//! diagnostics, and the embedded default scenario.
//!
//! A scenario names the launches to study (missile, launch site, aim point,
//! trajectory profile), the physics to fly them with, the epoch they start
//! at, the constellations in orbit (Walker shells, explicit orbits or a TLE /
//! OMM catalog), the sensors that watch for them (infrared early warning, a
//! tracking layer, ground radars), the settings of the coverage and
//! detection studies, a space-based interceptor layer with the settings of
//! the studies that use it (sizing, anti-satellite reach), and the layered
//! engagement study with its boost, midcourse and terminal defense layers
//! and defended assets. Every key that has a unit carries it as a suffix
//! (`burn_time_s`, `apogee_km`). The schema is documented in
//! `docs/scenario.md`; the files in `scenarios/` are commented examples.
//!
//! [`parse`] checks a whole file and reports *every* problem, each as a
//! [`miette::Diagnostic`] pointing at the offending text with a hint:
//!
//! ```
//! let err = cupola_scenario::parse("bad.toml", "[scenario]\nname = \"x\"\n").unwrap_err();
//! let first = &err.problems()[0];
//! assert_eq!(first.kind(), cupola_scenario::ProblemKind::MissingKey);
//! assert!(first.to_string().starts_with("bad.toml:1:1: "));
//! ```
//!
//! This is the only cupola crate that reads scenario files. [`parse`] reads
//! no files at all; [`load`] and [`parse_with_base`] also read the catalog
//! files a scenario names (`tle_file`, `omm_file`), relative to the
//! scenario file's directory.

use std::path::Path;

use cupola_analysis::cost::CostSpec;
use cupola_analysis::engage::EngageSpec;
use cupola_analysis::sizing::{AsatSpec, SbiLayerSpec, SizingSpec};
use cupola_analysis::stability::StabilitySpec;
use cupola_physics::frames::Geodetic;
use cupola_threat::{FlightOptions, Missile, Profile};
use hifitime::Epoch;

mod area;
mod assumptions;
mod constellation;
mod context;
mod cost;
mod engage;
mod epoch;
pub mod key;
mod launch;
mod lines;
mod literature;
mod missile;
pub mod overrides;
mod parse;
mod problem;
mod published;
mod read;
mod reader;
mod sbi;
mod schema;
mod sensor;
mod sources;
mod stability;
mod study;

pub use assumptions::assumptions;
pub use constellation::{ConstellationSource, ConstellationSpec};
pub use cupola_physics::basis::{Basis, Datum};
pub use literature::{LITERATURE, literature, literature_names};
pub use problem::{Anchor, Problem, ProblemKind, ScenarioError, printable};
pub use published::{Figure, FigureStudy, PublishedFigure};
pub use read::{MAX_CATALOG_BYTES, MAX_SCENARIO_BYTES};
pub use sensor::{SensorKind, SensorSpec};
pub use study::{CoverageSpec, DetectSpec};

/// The text of the built-in default scenario (`scenarios/default.toml`):
/// one catalog `solid-icbm` launched from 41.0° N 100.0° E (1 km up) on a
/// minimum-energy trajectory to an aim point in North Dakota, 10,000 km away
/// on a 6371 km sphere, watched by four geostationary infrared satellites
/// and a 96-satellite tracking layer (Walker 55°: 96/8/1 at 1,000 km), with
/// `[detect]` settings, and a space-based interceptor layer (`[sbi]`) with
/// `[size]` and `[asat]` settings. It names no catalog file.
pub const DEFAULT_SCENARIO_TOML: &str = include_str!("../../../scenarios/default.toml");

/// File name reported for problems in [`DEFAULT_SCENARIO_TOML`].
pub const DEFAULT_SCENARIO_NAME: &str = "scenarios/default.toml";

/// The epoch of a scenario without `[scenario] epoch`, as written in a file.
pub const DEFAULT_EPOCH: &str = "2026-01-01T00:00:00 UTC";

/// The default scenario epoch, [`DEFAULT_EPOCH`]: 2026-01-01 00:00:00 UTC.
pub fn default_epoch() -> Epoch {
    Epoch::from_gregorian_utc_at_midnight(2026, 1, 1)
}

/// A checked scenario: everything needed to fly its launches.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Scenario {
    /// Title, from `[scenario] name`; never empty.
    pub name: String,
    /// Free text, from `[scenario] description`; empty when not given.
    pub description: String,
    /// Master random seed, from `[scenario] seed` (default 1).
    pub seed: u64,
    /// Simulation time zero, from `[scenario] epoch` (default
    /// [`DEFAULT_EPOCH`], 2026-01-01T00:00:00 UTC). Every time in the
    /// scenario (`time_s`, study durations) counts seconds from it, and
    /// cupola's ECI frame has its x axis through the Greenwich meridian at
    /// this instant.
    pub epoch: Epoch,
    /// Physics switches, from `[physics]` (defaults: J2 gravity, rotating
    /// Earth, drag; integrator tolerance from [`FlightOptions::default`]).
    pub flight: FlightOptions,
    /// The missiles defined inline with `[[missile]]`, in file order.
    pub missiles: Vec<Missile>,
    /// The launches, in file order; at least one.
    pub launches: Vec<LaunchSpec>,
    /// The constellations, from `[[constellation]]`, in file order; names
    /// are unique.
    pub constellations: Vec<ConstellationSpec>,
    /// The sensors, from `[[sensor]]`, in file order; names are unique and
    /// every `constellation` they name is in
    /// [`Scenario::constellations`].
    pub sensors: Vec<SensorSpec>,
    /// Settings of the coverage study (`cupola constellation`), from
    /// `[coverage]`; `None` when the table is absent.
    pub coverage: Option<CoverageSpec>,
    /// Settings of the detection study (`cupola detect`), from `[detect]`;
    /// `None` when the table is absent.
    pub detect: Option<DetectSpec>,
    /// The space-based interceptor layer, from `[sbi]` with
    /// `[sbi.interceptor]` and `[sbi.budget]`, in SI units (orbit altitude
    /// in m above the WGS84 equatorial radius, inclinations in rad, Δv in
    /// m/s, acceleration in m/s², masses in kg, delays in s); `None` when
    /// the table is absent. Its carrier passes [`Carrier::validate`]
    /// (interceptors per carrier within the payload limit).
    /// `detection = "sensors"` ([`Detection::SensorLayer`]) is only
    /// accepted when [`Scenario::sensors`] is not empty. Whether its
    /// deadline falls between lift-off and impact of the launches it faces
    /// needs their flights, and is checked by the model of the scenario
    /// (at [`Anchors::sbi_deadline`]).
    ///
    /// [`Carrier::validate`]: cupola_defense::interceptor::Carrier::validate
    /// [`Detection::SensorLayer`]: cupola_analysis::sizing::Detection::SensorLayer
    pub sbi: Option<SbiLayerSpec>,
    /// Settings of the sizing study (`cupola size`), from `[size]` with
    /// `[size.sweep]`, in SI units (area width in m, sampled span in s, reach
    /// table step in rad; swept Δv in m/s, altitudes in m, inclinations in
    /// rad, boost times in s); `None` when the table is absent. Present only
    /// with [`Scenario::sbi`]; its `launch` indexes [`Scenario::launches`].
    pub size: Option<SizingSpec>,
    /// Settings of the anti-satellite reach of the SBI layer, from `[asat]`
    /// (fly-out time in s); `None` when the table is absent. Present only
    /// with [`Scenario::sbi`]; its `targets` is the name of one of
    /// [`Scenario::constellations`].
    pub asat: Option<AsatSpec>,
    /// Settings of the layered engagement study (`cupola engage`), from
    /// `[engage]` with `[engage.boost]`, `[[engage.midcourse]]`,
    /// `[[engage.terminal]]` and `[[engage.asset]]`, in SI units (area
    /// width, footprints, altitudes and radii in m, fly-out speeds in m/s,
    /// times in s); `None` when the table is absent. Its `launch` indexes
    /// [`Scenario::launches`]; its `boost` is present only with
    /// [`Scenario::sbi`]; the names of its midcourse sites and terminal
    /// batteries are unique among all of them, and each names (`sensor`) a
    /// tracking layer or ground radar of [`Scenario::sensors`].
    pub engage: Option<EngageSpec>,
    /// The life-cycle cost study, from `[cost]` with `[cost.inflation]`
    /// and `[[cost.element]]`: a preset's elements (`preset = "cbo-2026"`
    /// or `"boost-2004"`, see [`cupola_analysis::cost::presets`]; their
    /// SBIs at the `[sbi]` altitude when there is one) followed by the
    /// file's, money in millions of dollars of `dollars_year`
    /// (launch prices in dollars per kg, masses in kg, lives in years);
    /// `None` when the table is absent. Element names are unique; the spec
    /// costs without error with [`cupola_analysis::cost::life_cycle`]
    /// (every dollar year converts to the base year through the inflation
    /// table, every deploy year and development falls inside the horizon,
    /// every rate limit fields a unit, every orbit kept can be held).
    pub cost: Option<CostSpec>,
    /// Settings of the stability study (`cupola stability`), from
    /// `[stability]` with `[stability.attacker]`, `[stability.options]`,
    /// `[stability.race]`, `[stability.caps]` and `[[stability.arsenal]]`
    /// (costs in millions of dollars, the fast-burn boost time in s); every
    /// key absent takes the value of [`StabilitySpec::default`], and
    /// written arsenals replace the presets. `None` when the table is
    /// absent. Present only with [`Scenario::engage`].
    pub stability: Option<StabilitySpec>,
    /// The figures a published study reports, from `[[published]]`, in
    /// file order, for `cupola reproduce` to compare with cupola's; empty
    /// when the file has none. Each figure's study is defined (see
    /// [`Figure::study`]).
    pub published: Vec<PublishedFigure>,
    /// Warnings: things that do not stop the scenario from running but are
    /// probably not meant, in file order, each written like the one-line
    /// form of a [`Problem`], `file:line:column: message` (e.g. a defense
    /// layer that can never engage: an `[[engage.midcourse]]` or
    /// `[[engage.terminal]]` with `inventory = 0`, or a short-range battery
    /// whose `max_threat_range_km` is below the ground range of the
    /// reference launch). Empty for most scenarios; for a front end (such
    /// as `cupola check`) to show. A scenario with problems has none: it
    /// is an error listing only its problems.
    pub warnings: Vec<String>,
    /// The values its keys resolved to whose default is cited or assumed
    /// (written or defaulted), in file order, each with the key's basis
    /// (marked an input, keeping the key's range, when the file sets
    /// another value than the default), and the inputs of a cost preset
    /// it names. [`assumptions`] adds the catalog missiles it launches.
    pub used: Vec<Datum>,
    /// Where the values that the checks made when a model of the scenario
    /// flies its launches report on are written; not serialised.
    #[serde(skip)]
    pub anchors: Anchors,
    /// The file name the scenario was parsed from, as given to [`parse`],
    /// [`parse_with_base`] or [`load`].
    pub source_name: String,
    /// 16 hex digits of the 64-bit FNV-1a hash of the source text, for the
    /// provenance of results.
    pub hash: String,
}

/// Places in a scenario's text kept for the checks a model of the scenario
/// makes once it has flown the launches (the parser reads and validates,
/// it flies nothing), so that they report where the value is written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Anchors {
    /// The `deadline` of `[sbi.budget]` (the header of `[sbi.budget]`, or of
    /// `[sbi]`, when it is not written); `None` without `[sbi]`.
    pub sbi_deadline: Option<Anchor>,
    /// `detection = "sensors"` of `[sbi.budget]`; `None` when the launch
    /// report comes after a fixed delay.
    pub sbi_detection: Option<Anchor>,
}

/// One launch of a scenario, with its missile resolved.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct LaunchSpec {
    /// Label, from `name` (default `launch N`, N counted from 1).
    pub name: String,
    /// The missile: an inline definition or a catalog entry, by name.
    pub missile: Missile,
    /// Launch point: WGS84 geodetic latitude and longitude (rad) and height
    /// above the ellipsoid (m).
    pub site: Geodetic,
    /// Aim point, like [`LaunchSpec::site`]; at least 10 km from it.
    pub aim: Geodetic,
    /// Trajectory shape (apogee in m, flight time in s).
    pub profile: Profile,
    /// Launch time after the scenario epoch, s (≥ 0).
    pub time_s: f64,
    /// Where the launch's `[[launch]]` table is written, as
    /// `file:line:column`, for messages about its flight.
    pub defined_at: String,
}

/// Parse and check the scenario `text`; `source_name` (usually the file's
/// path) names it in diagnostics. Pure: reads no files, so a scenario that
/// names a catalog file (`tle_file`, `omm_file`) gets a located
/// [`ProblemKind::File`] problem; read those with [`load`] or
/// [`parse_with_base`].
///
/// # Errors
///
/// [`ScenarioError::Invalid`] listing every problem found, each located at
/// its line and column.
pub fn parse(source_name: &str, text: &str) -> Result<Scenario, ScenarioError> {
    parse::parse(source_name, text, parse::Files::None)
}

/// Like [`parse`], but also reads the catalog files the scenario names
/// (`tle_file`, `omm_file`): a relative path is taken relative to
/// `base_dir`, or to the current directory when `base_dir` is `None` (for
/// text that has no file of its own, e.g. read from standard input).
/// Problems inside a catalog file are located in that file, named by its
/// resolved path.
///
/// # Errors
///
/// As [`parse`], plus [`ProblemKind::File`] for a catalog file that cannot
/// be read (or is not a regular file, or is over [`MAX_CATALOG_BYTES`]) and
/// [`ProblemKind::Catalog`] for bad element sets in it: malformed, not
/// accepted by SGP4, with a perigee below 100 km or an epoch more than
/// 365.25 days from the scenario's. An epoch more than 30 days away is a
/// warning ([`Scenario::warnings`]).
pub fn parse_with_base(
    source_name: &str,
    text: &str,
    base_dir: Option<&Path>,
) -> Result<Scenario, ScenarioError> {
    parse::parse(source_name, text, parse::Files::Base(base_dir))
}

/// Read the scenario file at `path` and parse it, naming it by its path;
/// catalog files it names are read relative to the directory of `path` (see
/// [`parse_with_base`]).
///
/// # Errors
///
/// [`ScenarioError::Io`] naming the path when the file cannot be read, is
/// not a regular file (a directory, a FIFO, a device such as `/dev/zero`:
/// refused before anything is read), is larger than
/// [`MAX_SCENARIO_BYTES`], or is not UTF-8; otherwise as
/// [`parse_with_base`].
pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
    let text = read::read_text(path, MAX_SCENARIO_BYTES).map_err(|e| ScenarioError::Io {
        path: path.to_owned(),
        source: e.into(),
    })?;
    parse_with_base(&path.display().to_string(), &text, path.parent())
}

/// The built-in default scenario, parsed from [`DEFAULT_SCENARIO_TOML`]
/// with [`parse`] (so it reads no files: the embedded default names no
/// catalog file).
///
/// # Panics
///
/// Never in a released build: the embedded text is checked by this crate's
/// tests.
pub fn default_scenario() -> Scenario {
    parse(DEFAULT_SCENARIO_NAME, DEFAULT_SCENARIO_TOML)
        .expect("the embedded default scenario is valid (checked by tests)")
}

/// The 64-bit FNV-1a hash of `text`'s bytes as 16 lower-case hex digits.
pub(crate) fn fnv1a_hex(text: &str) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let h = text
        .bytes()
        .fold(OFFSET, |h, b| (h ^ u64::from(b)).wrapping_mul(PRIME));
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_reference_vectors() {
        // Reference values from the FNV specification (Fowler, Noll, Vo).
        assert_eq!(fnv1a_hex(""), "cbf29ce484222325");
        assert_eq!(fnv1a_hex("a"), "af63dc4c8601ec8c");
        assert_eq!(fnv1a_hex("foobar"), "85944171f73967e8");
    }

    #[test]
    fn default_epoch_matches_its_text() {
        let parsed: Epoch = DEFAULT_EPOCH.parse().expect("hifitime reads it");
        assert_eq!(parsed, default_epoch());
    }
}
