//! `cupola trajectory`: the trajectory study, from a scenario or from flags.

use super::{emit, load};
use crate::OutputArgs;
use clap::{Args, ValueEnum};
use cupola::study::trajectory::{adhoc, run};
use cupola::{Error, Override};
use cupola_physics::frames::Geodetic;
use cupola_threat::Profile;
use std::path::PathBuf;

/// Interval between trajectory samples, s, unless `--step-s` says.
const DEFAULT_STEP_S: f64 = cupola::study::run::DEFAULT_STEP_S;

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
fn parse_point(flag: &str, text: &str) -> Result<Geodetic, Error> {
    let bad = |why: String| {
        Error::Input(format!(
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

fn positive(flag: &str, v: Option<f64>, what: &str) -> Result<f64, Error> {
    match v {
        Some(x) if x > 0.0 && x.is_finite() => Ok(x),
        Some(x) => Err(Error::Input(format!(
            "{flag} {x}: {what} must be a positive number"
        ))),
        None => Err(Error::Input(format!(
            "{flag} is required for this profile ({what})"
        ))),
    }
}

/// The profile the flags ask for.
fn profile(a: &TrajectoryArgs) -> Result<Profile, Error> {
    Ok(match a.profile {
        ProfileArg::MinimumEnergy => {
            if a.apogee_km.is_some() || a.flight_time_s.is_some() {
                return Err(Error::Input(
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
                return Err(Error::Input(
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

/// `cupola trajectory`.
pub fn trajectory(a: &TrajectoryArgs, sets: &[Override]) -> Result<(), Error> {
    let report = match &a.missile {
        Some(name) => {
            if let Some(s) = sets.first() {
                return Err(Error::Input(format!(
                    "--set {s}: --missile flies a catalog missile without a scenario; put the \
                     launch in a scenario file to set its keys"
                )));
            }
            let site = parse_point("--site", a.site.as_deref().unwrap_or_default())?;
            let aim = parse_point("--aim", a.aim.as_deref().unwrap_or_default())?;
            adhoc(name, site, aim, profile(a)?, a.step_s)?
        }
        None => run(
            &load(a.file.as_deref(), sets)?,
            a.launch.as_deref(),
            a.step_s,
        )?,
    };
    emit(&report, &a.output)
}
