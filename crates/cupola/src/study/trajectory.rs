//! `cupola trajectory`: the trajectory study, of a scenario's launches or
//! of one missile flown between two points.

use crate::error::Error;
use crate::outputs::{self, Results, RunReport};
use crate::study::run::studies;
use cupola_analysis::{Provenance, TrajectoryStudy};
use cupola_physics::frames::{Geodetic, ground_distance};
use cupola_scenario::Scenario;
use cupola_threat::{FlightOptions, Missile, Profile};

/// Smallest sample interval accepted, s.
pub const MIN_STEP_S: f64 = 0.01;
/// Largest sample interval accepted, s.
pub const MAX_STEP_S: f64 = 3_600.0;

/// Refuse a sample interval outside [`MIN_STEP_S`]..=[`MAX_STEP_S`] (s).
pub fn check_step(step_s: f64) -> Result<(), Error> {
    if (MIN_STEP_S..=MAX_STEP_S).contains(&step_s) {
        return Ok(());
    }
    Err(Error::Input(format!(
        "--step-s {step_s}: the sample interval must be between {MIN_STEP_S} and {MAX_STEP_S} seconds"
    )))
}

/// The catalog missile called `name`, or an error listing the catalog.
pub fn catalog_missile(name: &str) -> Result<Missile, Error> {
    let catalog = cupola_threat::catalog::all();
    catalog
        .iter()
        .find(|m| m.name == name)
        .cloned()
        .ok_or_else(|| {
            let names: Vec<&str> = catalog.iter().map(|m| m.name.as_str()).collect();
            Error::Input(format!(
                "--missile {name:?} is not in the catalog; choose one of: {}",
                names.join(", ")
            ))
        })
}

/// A point on the Earth: latitude and longitude in degrees (north and
/// east positive) and altitude above the ellipsoid in km.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// Latitude, degrees, −90 to 90.
    pub lat_deg: f64,
    /// Longitude, degrees, −180 to 180.
    pub lon_deg: f64,
    /// Altitude, km, −0.5 to 100.
    pub alt_km: f64,
}

impl Point {
    /// The point, checked; `name` (e.g. `--site`) names it in errors.
    pub fn geodetic(&self, name: &str) -> Result<Geodetic, Error> {
        let bad = |why: String| {
            Error::Input(format!(
                "{name} ({}, {}, {} km): {why}",
                self.lat_deg, self.lon_deg, self.alt_km
            ))
        };
        if !(-90.0..=90.0).contains(&self.lat_deg) {
            return Err(bad(format!(
                "latitude {} is outside [-90, 90]",
                self.lat_deg
            )));
        }
        if !(-180.0..=180.0).contains(&self.lon_deg) {
            return Err(bad(format!(
                "longitude {} is outside [-180, 180]",
                self.lon_deg
            )));
        }
        if !(-0.5..=100.0).contains(&self.alt_km) {
            return Err(bad(format!(
                "altitude {} km is outside [-0.5, 100]",
                self.alt_km
            )));
        }
        Ok(Geodetic::from_degrees(
            self.lat_deg,
            self.lon_deg,
            self.alt_km * 1e3,
        ))
    }
}

/// A trajectory's shape, as asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Shape {
    /// Least energy for the range.
    #[default]
    MinimumEnergy,
    /// Higher than minimum energy, to an apogee.
    Lofted,
    /// Lower than minimum energy, to an apogee or a flight time.
    Depressed,
}

/// One catalog missile flown between two points, without a scenario.
#[derive(Clone, Debug)]
pub struct Adhoc {
    /// Catalog missile (see `cupola missiles`).
    pub missile: String,
    /// Launch point.
    pub site: Point,
    /// Aim point.
    pub aim: Point,
    /// Trajectory shape.
    pub shape: Shape,
    /// Apogee altitude of a lofted or depressed trajectory, km.
    pub apogee_km: Option<f64>,
    /// Flight time of a depressed trajectory, s.
    pub flight_time_s: Option<f64>,
    /// Interval between reported samples, s.
    pub step_s: f64,
}

fn positive(name: &str, v: Option<f64>, what: &str) -> Result<f64, Error> {
    match v {
        Some(x) if x > 0.0 && x.is_finite() => Ok(x),
        Some(x) => Err(Error::Input(format!(
            "{name} {x}: {what} must be a positive number"
        ))),
        None => Err(Error::Input(format!(
            "{name} is required for this profile ({what})"
        ))),
    }
}

impl Adhoc {
    /// The profile asked for, checked.
    fn profile(&self) -> Result<Profile, Error> {
        let apogee = || positive("--apogee-km", self.apogee_km, "the apogee altitude in km");
        Ok(match self.shape {
            Shape::MinimumEnergy => {
                if self.apogee_km.is_some() || self.flight_time_s.is_some() {
                    return Err(Error::Input(
                        "--apogee-km and --flight-time-s apply only to --profile lofted or \
                         depressed"
                            .into(),
                    ));
                }
                Profile::MinimumEnergy
            }
            Shape::Lofted => Profile::Lofted {
                apogee_m: apogee()? * 1e3,
            },
            Shape::Depressed => match (self.apogee_km, self.flight_time_s) {
                (Some(_), Some(_)) => {
                    return Err(Error::Input(
                        "give either --apogee-km or --flight-time-s for a depressed profile, \
                         not both"
                            .into(),
                    ));
                }
                (None, Some(_)) => Profile::DepressedTime {
                    flight_time_s: positive(
                        "--flight-time-s",
                        self.flight_time_s,
                        "the flight time in s",
                    )?,
                },
                _ => Profile::Depressed {
                    apogee_m: apogee()? * 1e3,
                },
            },
        })
    }
}

/// The catalog missile of `a` flown from its site to its aim point: every
/// input checked (in the order: sample interval, missile, site, aim point,
/// their distance, profile), then flown.
pub fn adhoc(a: &Adhoc) -> Result<RunReport, Error> {
    check_step(a.step_s)?;
    let missile = catalog_missile(&a.missile)?;
    let site = a.site.geodetic("--site")?;
    let aim = a.aim.geodetic("--aim")?;
    if ground_distance(site.to_ecef(), aim.to_ecef()) < 10_000.0 {
        return Err(Error::Input(
            "--aim is within 10 km of --site; the aim point must be away from the launch point"
                .into(),
        ));
    }
    let study = TrajectoryStudy {
        name: format!("{} from the command line", a.missile),
        missile,
        site,
        aim,
        profile: a.profile()?,
        launch_time_s: 0.0,
        options: FlightOptions::default(),
        sample_step_s: a.step_s,
        defined_at: None,
    };
    let prov = Provenance {
        tool_version: env!("CARGO_PKG_VERSION").into(),
        git_hash: outputs::git_hash(),
        scenario: "<command line>".into(),
        scenario_hash: String::new(),
        seed: 0,
        trials: 0,
    };
    let results = Results {
        trajectories: vec![study.run()?],
        ..Results::default()
    };
    Ok(RunReport::new(prov, study.name.clone(), results))
}

/// The launches of `scenario` (only the one named `launch`, when given)
/// flown and sampled every `step_s` seconds.
pub fn run(scenario: &Scenario, launch: Option<&str>, step_s: f64) -> Result<RunReport, Error> {
    check_step(step_s)?;
    let mut list = studies(scenario, step_s);
    if let Some(want) = launch {
        list.retain(|st| st.name == want);
        if list.is_empty() {
            let names: Vec<String> = scenario
                .launches
                .iter()
                .map(|l| format!("{:?}", l.name))
                .collect();
            return Err(Error::Input(format!(
                "--launch {want:?}: no launch of that name in the scenario; it has {}",
                names.join(", ")
            )));
        }
    }
    let results = Results {
        trajectories: list
            .iter()
            .map(TrajectoryStudy::run)
            .collect::<Result<Vec<_>, _>>()?,
        assumptions: outputs::assumption_rows(scenario),
        ..Results::default()
    };
    Ok(RunReport::of(scenario, results))
}
