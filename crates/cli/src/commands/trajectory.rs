//! `cupola trajectory`: the trajectory study, from a scenario or from flags.

use crate::OutputArgs;
use crate::commands::run::{DEFAULT_STEP_S, load, studies};
use crate::failure::Failure;
use crate::outputs;
use clap::{Args, ValueEnum};
use cupola_analysis::{Provenance, TrajectoryStudy};
use cupola_physics::frames::{Geodetic, ground_distance};
use cupola_threat::{FlightOptions, Profile};
use std::path::PathBuf;

/// Arguments of `cupola trajectory`.
#[derive(Args, Debug)]
pub struct TrajectoryArgs {
    /// Scenario file (TOML); omit for the built-in default, or give
    /// --missile, --site and --aim to fly one missile without a file.
    pub file: Option<PathBuf>,
    /// Only the scenario launch with this name.
    #[arg(long, value_name = "NAME")]
    pub launch: Option<String>,
    /// Catalog missile to fly (see `cupola missiles`).
    #[arg(long, value_name = "NAME", requires_all = ["site", "aim"], conflicts_with_all = ["file", "launch"])]
    pub missile: Option<String>,
    /// Launch point: LAT,LON[,ALT_KM] in degrees (north and east positive) and km.
    #[arg(
        long,
        value_name = "LAT,LON[,ALT_KM]",
        requires = "missile",
        allow_hyphen_values = true
    )]
    pub site: Option<String>,
    /// Aim point: LAT,LON[,ALT_KM] in degrees and km.
    #[arg(
        long,
        value_name = "LAT,LON[,ALT_KM]",
        requires = "missile",
        allow_hyphen_values = true
    )]
    pub aim: Option<String>,
    /// Trajectory shape.
    #[arg(long, value_enum, default_value_t = ProfileArg::MinimumEnergy, requires = "missile")]
    pub profile: ProfileArg,
    /// Apogee altitude for lofted or depressed profiles, km.
    #[arg(
        long,
        value_name = "KM",
        requires = "missile",
        allow_negative_numbers = true
    )]
    pub apogee_km: Option<f64>,
    /// Flight time for a depressed profile, s.
    #[arg(
        long,
        value_name = "S",
        requires = "missile",
        allow_negative_numbers = true
    )]
    pub flight_time_s: Option<f64>,
    /// Interval between reported samples, s.
    #[arg(long, value_name = "S", default_value_t = DEFAULT_STEP_S, allow_negative_numbers = true)]
    pub step_s: f64,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Smallest sample interval accepted, s.
const MIN_STEP_S: f64 = 0.01;
/// Largest sample interval accepted, s.
const MAX_STEP_S: f64 = 3_600.0;

/// Trajectory shapes on the command line.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ProfileArg {
    /// Least energy for the range.
    MinimumEnergy,
    /// Higher than minimum energy, to --apogee-km.
    Lofted,
    /// Lower than minimum energy, to --apogee-km or --flight-time-s.
    Depressed,
}

/// Parse `LAT,LON[,ALT_KM]` given to `flag`.
fn parse_point(flag: &str, text: &str) -> Result<Geodetic, Failure> {
    let bad = |why: String| {
        Failure::Input(format!(
            "{flag} {text:?}: {why}; expected LAT,LON[,ALT_KM], e.g. {flag} 41.0,100.0,1.0 (degrees north and east, km)"
        ))
    };
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    if !(2..=3).contains(&parts.len()) {
        return Err(bad(format!("{} numbers given", parts.len())));
    }
    let mut v = [0.0; 3];
    for (i, p) in parts.iter().enumerate() {
        v[i] = p
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| bad(format!("{p:?} is not a number")))?;
    }
    if !(-90.0..=90.0).contains(&v[0]) {
        return Err(bad(format!("latitude {} is outside [-90, 90]", v[0])));
    }
    if !(-180.0..=180.0).contains(&v[1]) {
        return Err(bad(format!("longitude {} is outside [-180, 180]", v[1])));
    }
    if !(-0.5..=100.0).contains(&v[2]) {
        return Err(bad(format!("altitude {} km is outside [-0.5, 100]", v[2])));
    }
    Ok(Geodetic::from_degrees(v[0], v[1], v[2] * 1e3))
}

fn positive(flag: &str, v: Option<f64>, what: &str) -> Result<f64, Failure> {
    match v {
        Some(x) if x > 0.0 && x.is_finite() => Ok(x),
        Some(x) => Err(Failure::Input(format!(
            "{flag} {x}: {what} must be a positive number"
        ))),
        None => Err(Failure::Input(format!(
            "{flag} is required for this profile ({what})"
        ))),
    }
}

/// The profile the flags ask for.
fn profile(a: &TrajectoryArgs) -> Result<Profile, Failure> {
    Ok(match a.profile {
        ProfileArg::MinimumEnergy => {
            if a.apogee_km.is_some() || a.flight_time_s.is_some() {
                return Err(Failure::Input(
                    "--apogee-km and --flight-time-s apply only to --profile lofted or depressed"
                        .into(),
                ));
            }
            Profile::MinimumEnergy
        }
        ProfileArg::Lofted => Profile::Lofted {
            apogee_m: positive("--apogee-km", a.apogee_km, "the apogee altitude in km")? * 1e3,
        },
        ProfileArg::Depressed => match (a.apogee_km, a.flight_time_s) {
            (Some(_), Some(_)) => {
                return Err(Failure::Input(
                    "give either --apogee-km or --flight-time-s for a depressed profile, not both"
                        .into(),
                ));
            }
            (None, Some(_)) => Profile::DepressedTime {
                flight_time_s: positive(
                    "--flight-time-s",
                    a.flight_time_s,
                    "the flight time in s",
                )?,
            },
            _ => Profile::Depressed {
                apogee_m: positive("--apogee-km", a.apogee_km, "the apogee altitude in km")? * 1e3,
            },
        },
    })
}

/// One study from the flags alone.
fn adhoc(a: &TrajectoryArgs, name: &str) -> Result<TrajectoryStudy, Failure> {
    let catalog = cupola_threat::catalog::all();
    let missile = catalog
        .iter()
        .find(|m| m.name == name)
        .cloned()
        .ok_or_else(|| {
            let names: Vec<&str> = catalog.iter().map(|m| m.name.as_str()).collect();
            Failure::Input(format!(
                "--missile {name:?} is not in the catalog; choose one of: {}",
                names.join(", ")
            ))
        })?;
    let site = parse_point("--site", a.site.as_deref().unwrap_or_default())?;
    let aim = parse_point("--aim", a.aim.as_deref().unwrap_or_default())?;
    if ground_distance(site.to_ecef(), aim.to_ecef()) < 10_000.0 {
        return Err(Failure::Input(
            "--aim is within 10 km of --site; the aim point must be away from the launch point"
                .into(),
        ));
    }
    Ok(TrajectoryStudy {
        name: format!("{name} from the command line"),
        missile,
        site,
        aim,
        profile: profile(a)?,
        launch_time_s: 0.0,
        options: FlightOptions::default(),
        sample_step_s: a.step_s,
        defined_at: None,
    })
}

/// Run the trajectory study.
pub fn trajectory(a: &TrajectoryArgs) -> Result<(), Failure> {
    if !(MIN_STEP_S..=MAX_STEP_S).contains(&a.step_s) {
        return Err(Failure::Input(format!(
            "--step-s {}: the sample interval must be between {MIN_STEP_S} and {MAX_STEP_S} seconds",
            a.step_s
        )));
    }
    let (prov, title, list, assumptions) = match &a.missile {
        Some(name) => {
            let study = adhoc(a, name)?;
            let prov = Provenance {
                tool_version: env!("CARGO_PKG_VERSION").into(),
                git_hash: outputs::git_hash(),
                scenario: "<command line>".into(),
                scenario_hash: String::new(),
                seed: 0,
                trials: 0,
            };
            (prov, study.name.clone(), vec![study], Vec::new())
        }
        None => {
            let s = load(a.file.as_deref())?;
            let mut list = studies(&s, a.step_s);
            if let Some(want) = &a.launch {
                list.retain(|st| &st.name == want);
                if list.is_empty() {
                    let names: Vec<String> =
                        s.launches.iter().map(|l| format!("{:?}", l.name)).collect();
                    return Err(Failure::Input(format!(
                        "--launch {want:?}: no launch of that name in the scenario; it has {}",
                        names.join(", ")
                    )));
                }
            }
            let assumptions = outputs::assumption_rows(&s);
            (outputs::provenance(&s), s.name.clone(), list, assumptions)
        }
    };
    let results = outputs::Results {
        trajectories: list
            .iter()
            .map(|s| s.run())
            .collect::<Result<Vec<_>, _>>()?,
        assumptions,
        ..outputs::Results::default()
    };
    outputs::emit(&prov, &title, &results, &a.output)
}
