//! `cupola trajectory`: the trajectory study, from a scenario or from flags.

use super::{emit, load};
use crate::OutputArgs;
use clap::{Args, ValueEnum};
use cupola::study::trajectory::{Adhoc, Point, Shape, adhoc, catalog_missile, check_step, run};
use cupola::{Error, Override};
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

/// Parse `LAT,LON[,ALT_KM]` given to `flag` (its ranges are the facade's
/// to check).
fn parse_point(flag: &str, text: &str) -> Result<Point, Error> {
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
    let point = Point {
        lat_deg: v[0],
        lon_deg: v[1],
        alt_km: v[2],
    };
    // Out of range: the facade's message, with the text as given.
    point.geodetic(flag).map_err(|e| match e {
        Error::Input(m) => bad(m.split_once(": ").map_or(m.clone(), |(_, w)| w.to_owned())),
        other => other,
    })?;
    Ok(point)
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
            // The order of the checks: the interval, the missile, then the
            // points as parsed.
            check_step(a.step_s)?;
            catalog_missile(name)?;
            adhoc(&Adhoc {
                missile: name.clone(),
                site: parse_point("--site", a.site.as_deref().unwrap_or_default())?,
                aim: parse_point("--aim", a.aim.as_deref().unwrap_or_default())?,
                shape: match a.profile {
                    ProfileArg::MinimumEnergy => Shape::MinimumEnergy,
                    ProfileArg::Lofted => Shape::Lofted,
                    ProfileArg::Depressed => Shape::Depressed,
                },
                apogee_km: a.apogee_km,
                flight_time_s: a.flight_time_s,
                step_s: a.step_s,
            })?
        }
        None => {
            check_step(a.step_s)?;
            let scenario = load(a.file.as_deref(), sets)?;
            run(&scenario, a.launch.as_deref(), a.step_s)?
        }
    };
    emit(&report, &a.output)
}
