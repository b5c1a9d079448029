//! Targeting: the launch azimuth, pitch-over angle and thrust cut-off that
//! put the re-entry vehicle on an aim point along a chosen trajectory shape.
//!
//! The guidance is the open-literature one: a gravity turn after a fixed
//! vertical rise and pitch-over, with thrust terminated when the Keplerian
//! impact prediction reaches the aim point's range. The pitch-over (kick)
//! angle sets the shape: the minimum-energy profile is the kick that needs
//! the least propellant (the earliest cut-off); lofted and depressed profiles
//! are the kicks that give the requested apogee or flight time. The azimuth
//! and range are then corrected by re-aiming at a virtual aim point displaced
//! by the miss of the full flight (J2, drag, Earth rotation), a fixed-point
//! iteration that converges to metres in a few flights.

use crate::flight::{BoostEnd, Cutoff, Flight, FlightError, FlightOptions, FlightPlan, predict};
use crate::missile::Missile;
use crate::trajectory::Trajectory;
use cupola_physics::Vec3;
use cupola_physics::frames::{Geodetic, central_angle, great_circle_azimuth};

/// The shape of the trajectory to the aim point.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Profile {
    /// The trajectory that needs the least energy (propellant) for the range.
    MinimumEnergy,
    /// Above the minimum-energy trajectory, to a given apogee altitude.
    Lofted {
        /// Apogee altitude, m.
        apogee_m: f64,
    },
    /// Below the minimum-energy trajectory, to a given apogee altitude.
    Depressed {
        /// Apogee altitude, m.
        apogee_m: f64,
    },
    /// Below the minimum-energy trajectory, to a given flight time.
    DepressedTime {
        /// Time of flight from lift-off to impact, s.
        flight_time_s: f64,
    },
}

/// Why targeting failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TargetingError {
    /// Aim point and launch point coincide.
    #[error("the aim point is {0:.0} m from the launch point; it must be at least 10 km away")]
    TargetOnLaunchPoint(f64),
    /// The missile cannot reach the aim point.
    #[error("the aim point is {range_km:.0} km away, beyond this missile's reach on this profile (about {max_km:.0} km)")]
    OutOfRange {
        /// Requested range, km.
        range_km: f64,
        /// Largest range found, km.
        max_km: f64,
    },
    /// The profile's apogee or flight time cannot be met.
    #[error("{0}")]
    ProfileUnreachable(String),
    /// The iteration did not converge.
    #[error("targeting did not converge: miss {0:.0} m after the last iteration")]
    NoConvergence(f64),
    /// The missile's parameters are impossible.
    #[error(transparent)]
    Missile(#[from] crate::missile::MissileError),
    /// A flight failed.
    #[error(transparent)]
    Flight(#[from] FlightError),
}

/// A solved targeting problem.
#[derive(Clone, Debug)]
pub struct Solution {
    /// The steering found.
    pub plan: FlightPlan,
    /// The full flight with that steering.
    pub trajectory: Trajectory,
    /// Distance from the impact to the aim point, m.
    pub miss_m: f64,
    /// Full flights flown by the aim-point iteration.
    pub iterations: usize,
}

/// Kick angles (deg) scanned before refining.
const KICK_GRID_DEG: [f64; 18] = [
    0.5, 1.0, 2.0, 3.0, 4.5, 6.0, 8.0, 10.0, 13.0, 16.0, 20.0, 25.0, 30.0, 35.0, 40.0, 47.0, 55.0, 65.0,
];

/// Miss distance at which the aim iteration stops, m.
const MISS_TOL_M: f64 = 5.0;

/// The outcome of one boost with a given kick.
#[derive(Clone, Copy)]
enum Shot {
    /// Thrust was cut off at the aim range: apogee radius (m), impact time (s).
    Reached { end: BoostEnd, apogee_r: f64, t_impact: f64 },
    /// Full burn without reaching the aim range: predicted range angle (rad).
    Short { angle: f64 },
    /// Ground collision under power.
    Crashed,
}

struct Shooter<'a> {
    flight: Flight<'a>,
    azimuth: f64,
    aim: Vec3,
    pad: Vec3,
    omega: f64,
}

impl Shooter<'_> {
    fn shoot(&self, kick: f64) -> Result<Shot, TargetingError> {
        let plan = FlightPlan {
            azimuth: self.azimuth,
            kick,
            cutoff: Cutoff::AimRange { aim_ecef: self.aim },
        };
        match self.flight.boost(&plan, None) {
            Ok(end) => {
                let pred = predict(&end, self.aim.norm(), self.omega);
                Ok(match (end.cut_off, pred) {
                    (true, Some((_, apogee_r, t_impact))) => Shot::Reached {
                        end,
                        apogee_r,
                        t_impact,
                    },
                    (_, Some((p, _, _))) => Shot::Short {
                        angle: central_angle(self.pad, p),
                    },
                    (_, None) => Shot::Short { angle: 0.0 },
                })
            }
            Err(FlightError::GroundDuringBoost { .. }) => Ok(Shot::Crashed),
            Err(e) => Err(e.into()),
        }
    }
}

/// Golden-section minimisation of `f` on `[a, b]` to `tol`.
fn golden(mut f: impl FnMut(f64) -> Result<f64, TargetingError>, mut a: f64, mut b: f64, tol: f64) -> Result<f64, TargetingError> {
    let g = 0.5 * (5f64.sqrt() - 1.0);
    let mut c = b - g * (b - a);
    let mut d = a + g * (b - a);
    let mut fc = f(c)?;
    let mut fd = f(d)?;
    while (b - a).abs() > tol {
        if fc < fd {
            b = d;
            d = c;
            fd = fc;
            c = b - g * (b - a);
            fc = f(c)?;
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + g * (b - a);
            fd = f(d)?;
        }
    }
    Ok(if fc < fd { c } else { d })
}

/// Scan the kick grid with `f` and refine around the smallest value.
fn minimise_kick(
    mut f: impl FnMut(f64) -> Result<f64, TargetingError>,
) -> Result<(f64, f64), TargetingError> {
    let grid: Vec<f64> = KICK_GRID_DEG.iter().map(|d| d.to_radians()).collect();
    let mut vals = Vec::with_capacity(grid.len());
    for &k in &grid {
        vals.push(f(k)?);
    }
    let (i, _) = vals
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.total_cmp(b.1))
        .unwrap_or((0, &0.0));
    let a = grid[i.saturating_sub(1)];
    let b = grid[(i + 1).min(grid.len() - 1)];
    let k = golden(&mut f, a, b, 1e-5)?;
    let v = f(k)?;
    Ok(if v <= vals[i] { (k, v) } else { (grid[i], vals[i]) })
}

/// The objective of the minimum-energy profile: cut-off time (s) when the
/// aim range is reached, else a penalty growing with the shortfall.
fn energy_objective(shot: Shot, burn: f64, aim_angle: f64) -> f64 {
    match shot {
        Shot::Reached { end, .. } => end.t,
        Shot::Short { angle } => burn + 1e4 * (aim_angle - angle).max(0.0) + 1.0,
        Shot::Crashed => 1e9,
    }
}

fn solve_kick(
    s: &Shooter<'_>,
    missile: &Missile,
    profile: Profile,
    aim_angle: f64,
) -> Result<f64, TargetingError> {
    let burn = missile.total_burn_time();
    let (k_me, v_me) = minimise_kick(|k| Ok(energy_objective(s.shoot(k)?, burn, aim_angle)))?;
    if v_me > burn {
        // Not even the best kick reaches: report the best full-burn range.
        let best = KICK_GRID_DEG
            .iter()
            .filter_map(|d| match s.shoot(d.to_radians()) {
                Ok(Shot::Short { angle }) => Some(angle),
                _ => None,
            })
            .fold(0.0, f64::max);
        return Err(TargetingError::OutOfRange {
            range_km: aim_angle * cupola_physics::constants::R_EARTH_MEAN / 1e3,
            max_km: best * cupola_physics::constants::R_EARTH_MEAN / 1e3,
        });
    }
    let radius = s.aim.norm();
    // A metric that decreases with kick, and its target.
    let (metric, target, lofted, what): (Box<dyn Fn(Shot) -> Option<f64>>, f64, bool, &str) = match profile {
        Profile::MinimumEnergy => return Ok(k_me),
        Profile::Lofted { apogee_m } => (
            Box::new(move |sh| match sh {
                Shot::Reached { apogee_r, .. } => Some(apogee_r - radius),
                _ => None,
            }),
            apogee_m,
            true,
            "apogee",
        ),
        Profile::Depressed { apogee_m } => (
            Box::new(move |sh| match sh {
                Shot::Reached { apogee_r, .. } => Some(apogee_r - radius),
                _ => None,
            }),
            apogee_m,
            false,
            "apogee",
        ),
        Profile::DepressedTime { flight_time_s } => (
            Box::new(|sh| match sh {
                Shot::Reached { t_impact, .. } => Some(t_impact),
                _ => None,
            }),
            flight_time_s,
            false,
            "flight time",
        ),
    };
    let me_value = metric(s.shoot(k_me)?).unwrap_or(f64::NAN);
    let unit = |v: f64| if what == "apogee" { format!("{:.0} km", v / 1e3) } else { format!("{v:.0} s") };
    if lofted && target < me_value {
        return Err(TargetingError::ProfileUnreachable(format!(
            "a lofted trajectory needs an apogee above the minimum-energy one ({}); {} requested",
            unit(me_value),
            unit(target)
        )));
    }
    if !lofted && target > me_value {
        return Err(TargetingError::ProfileUnreachable(format!(
            "a depressed trajectory needs a {what} below the minimum-energy one ({}); {} requested",
            unit(me_value),
            unit(target)
        )));
    }
    // Bisection on h(k) = metric(k) − target, decreasing in k; infeasible kicks
    // count as "too lofted" below k_me and "too depressed" above it.
    let h = |k: f64| -> Result<f64, TargetingError> {
        Ok(match metric(s.shoot(k)?) {
            Some(v) => v - target,
            None if lofted => f64::INFINITY,
            None => f64::NEG_INFINITY,
        })
    };
    let (mut lo, mut hi) = if lofted {
        (KICK_GRID_DEG[0].to_radians() * 0.5, k_me)
    } else {
        (k_me, 75f64.to_radians())
    };
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if h(mid)? > 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-9 {
            break;
        }
    }
    let k = if lofted { hi } else { lo };
    let err = h(k)?;
    let tol = if what == "apogee" { 1_000.0 } else { 1.0 };
    if !(err.abs() <= tol) {
        let reached = metric(s.shoot(k)?).unwrap_or(f64::NAN);
        return Err(TargetingError::ProfileUnreachable(format!(
            "this missile cannot fly a {} trajectory with {what} {} to this range; the limit is about {}",
            if lofted { "lofted" } else { "depressed" },
            unit(target),
            unit(reached)
        )));
    }
    Ok(k)
}

/// Rotate `v` by the rotation that takes direction `from` to direction `to`.
fn rotate_like(v: Vec3, from: Vec3, to: Vec3) -> Vec3 {
    let (a, b) = (from.unit(), to.unit());
    let axis = a.cross(b);
    let s = axis.norm();
    let c = a.dot(b);
    if s < 1e-15 {
        return v;
    }
    let k = axis / s;
    // Rodrigues' rotation formula.
    v * c + k.cross(v) * s + k * (k.dot(v) * (1.0 - c))
}

/// Solve the steering that puts `missile`, launched from `site`, on `aim`
/// along `profile`, and fly it.
pub fn solve(
    missile: &Missile,
    site: Geodetic,
    aim: Geodetic,
    profile: Profile,
    opts: FlightOptions,
) -> Result<Solution, TargetingError> {
    missile.validate()?;
    let pad = site.to_ecef();
    let aim_ecef = aim.to_ecef();
    let dist = central_angle(pad, aim_ecef) * cupola_physics::constants::R_EARTH_MEAN;
    if dist < 10_000.0 {
        return Err(TargetingError::TargetOnLaunchPoint(dist));
    }
    let omega = if opts.rotating_earth { cupola_physics::constants::OMEGA_EARTH } else { 0.0 };
    let mut virtual_aim = aim_ecef;
    let mut best: Option<Solution> = None;
    for iteration in 1..=12 {
        let va = cupola_physics::frames::ecef_to_geodetic(virtual_aim);
        let azimuth = great_circle_azimuth(site, va);
        let shooter = Shooter {
            flight: Flight::new(missile, site, opts),
            azimuth,
            aim: virtual_aim,
            pad,
            omega,
        };
        let kick = solve_kick(&shooter, missile, profile, central_angle(pad, virtual_aim))?;
        let plan = FlightPlan {
            azimuth,
            kick,
            cutoff: Cutoff::AimRange { aim_ecef: virtual_aim },
        };
        let trajectory = shooter.flight.fly(&plan, aim.alt)?;
        let Some(impact) = trajectory.impact() else {
            return Err(FlightError::NoImpact(0.0).into());
        };
        let impact_ecef = impact.to_ecef();
        let miss_m = (impact_ecef - aim_ecef).norm();
        let improved = best.as_ref().is_none_or(|b| miss_m < b.miss_m);
        if improved {
            best = Some(Solution {
                plan,
                trajectory,
                miss_m,
                iterations: iteration,
            });
        }
        if miss_m < MISS_TOL_M {
            break;
        }
        virtual_aim = rotate_like(virtual_aim, impact_ecef, aim_ecef);
        // Keep the virtual aim on the aim point's radius.
        virtual_aim = virtual_aim.unit() * aim_ecef.norm();
    }
    match best {
        Some(b) if b.miss_m < 1_000.0 => Ok(b),
        Some(b) => Err(TargetingError::NoConvergence(b.miss_m)),
        None => Err(TargetingError::NoConvergence(f64::NAN)),
    }
}

/// The largest range (m, ground distance on the mean sphere to the impact)
/// of `missile` fired from `site` along `azimuth` (rad), with all stages
/// burnt and the range-maximising kick; returns the range and that kick (rad).
pub fn max_range(
    missile: &Missile,
    site: Geodetic,
    azimuth: f64,
    opts: FlightOptions,
) -> Result<(f64, f64), TargetingError> {
    missile.validate()?;
    let flight = Flight::new(missile, site, opts);
    let omega = if opts.rotating_earth { cupola_physics::constants::OMEGA_EARTH } else { 0.0 };
    let pad = site.to_ecef();
    let neg_range = |k: f64| -> Result<f64, TargetingError> {
        let plan = FlightPlan {
            azimuth,
            kick: k,
            cutoff: Cutoff::Burnout,
        };
        match flight.boost(&plan, None) {
            Ok(end) => Ok(match predict(&end, pad.norm(), omega) {
                Some((p, _, _)) => -central_angle(pad, p),
                None => 0.0,
            }),
            Err(FlightError::GroundDuringBoost { .. }) => Ok(1.0),
            Err(e) => Err(e.into()),
        }
    };
    let (kick, _) = minimise_kick(neg_range)?;
    let plan = FlightPlan {
        azimuth,
        kick,
        cutoff: Cutoff::Burnout,
    };
    let traj = flight.fly(&plan, site.alt)?;
    let range = traj
        .event(crate::trajectory::EventKind::Impact)
        .map_or(0.0, |e| e.state.downrange_m);
    Ok((range, kick))
}
