//! Sweeps of the sizing study: the constellation needed as one parameter
//! varies (salvo size, boost time, interceptor Δv, orbit altitude,
//! inclination), each point a full sizing search beside the analytic models.

use super::spec::{Sweep, SweepKind};
use super::study::{SizingInput, SizingResult, size_against};
use cupola_threat::{Missile, Trajectory};

/// One point of a sweep.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SweepPoint {
    /// The swept value (SI units; a count for the salvo).
    pub value: f64,
    /// The sizing there, or why it could not run.
    pub outcome: Result<SizingResult, String>,
}

/// A whole sweep.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SweepResult {
    /// What was swept.
    pub kind: SweepKind,
    /// The points, in the order given.
    pub points: Vec<SweepPoint>,
}

/// Boost times a missile may be scaled to ([`with_boost_time`]), s: from
/// 60 s, half the 100-120 s of the fast-burn solid boosters studied in the
/// open literature (APS 2003; NRC 2012), to 1000 s, beyond the
/// slowest liquid ICBM's boost. Assumed bounds: below about 60 s a scaled
/// ICBM stage burns in under 20 s at tens of g inside the dense
/// atmosphere, and its flight ends in refusals ("cannot reach", stage
/// limits) rather than a fast-burn threat.
pub const BOOST_TIME_RANGE_S: (f64, f64) = (60.0, 1_000.0);

/// `missile` with its stage burn times scaled so that they add up to
/// `boost_s` (s), propellant kept: a faster burn is a higher thrust.
pub fn with_boost_time(missile: &Missile, boost_s: f64) -> Missile {
    let total: f64 = missile.stages.iter().map(|s| s.burn_time_s).sum();
    let k = boost_s / total;
    let mut m = missile.clone();
    for s in &mut m.stages {
        s.burn_time_s *= k;
    }
    m.name = format!("{} ({boost_s:.0} s boost)", missile.name);
    m
}

/// Run `sweep` around `input`, whose areas' launches flew `reference` (one
/// trajectory per area); `progress` is told of each point done. A salvo
/// sweep shares each value among the areas in proportion to their salvos
/// ([`crate::raid::scaled`]); a boost-time sweep gives every area's missile
/// that boost time. Sweep points size the single shells of `[sbi]` only,
/// not the joint constellation of its `[[sbi.shell]]`s.
pub fn run_sweep(
    input: &SizingInput,
    reference: &[Trajectory],
    sweep: &Sweep,
    progress: &dyn Fn(u64),
) -> SweepResult {
    let points = sweep
        .values
        .iter()
        .map(|&value| {
            let mut i = input.clone();
            // Each point sizes the single shells; the joint constellation of
            // several shells is sized at the scenario's settings only.
            i.layer.shells.clear();
            let mut flown = None;
            match sweep.kind {
                SweepKind::Salvo => {
                    let total = value.round().max(1.0) as u32;
                    i.spec.areas = crate::raid::scaled(&input.spec.areas, total);
                }
                SweepKind::DeltaV => i.layer.carrier.interceptor.booster_delta_v_m_s = value,
                SweepKind::Altitude => i.layer.altitude_m = value,
                SweepKind::Inclination => i.layer.inclinations_rad = vec![value],
                SweepKind::BoostTime => {
                    for a in &mut i.areas {
                        a.launch.missile = with_boost_time(&a.launch.missile, value);
                    }
                    flown = Some(i.fly());
                }
            }
            let outcome = match flown {
                None => size_against(&i, reference).map_err(|e| e.to_string()),
                Some(Ok(t)) => size_against(&i, &t).map_err(|e| e.to_string()),
                Some(Err(e)) => Err(e.to_string()),
            };
            progress(1);
            SweepPoint { value, outcome }
        })
        .collect();
    SweepResult {
        kind: sweep.kind,
        points,
    }
}
