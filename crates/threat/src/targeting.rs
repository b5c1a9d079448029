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
//! in the aim point's tangent plane, by Broyden's method on the miss of the
//! full flight (J2, drag, Earth rotation). The iteration stops when the miss
//! is below 5 m (typically after 4–5 flights); a solution is accepted if the
//! best miss is below 1 km. For lofted and depressed profiles an outer loop
//! corrects the requested apogee or flight time by what the full flight
//! missed it by, so the flown trajectory meets the request, not just its
//! Keplerian prediction.

use crate::flight::{BoostEnd, Cutoff, Flight, FlightError, FlightOptions, FlightPlan};
use crate::guidance::{downrange_angle, downrange_direction, predict};
use crate::missile::Missile;
use crate::trajectory::Trajectory;
use cupola_physics::Vec3;
use cupola_physics::frames::{Geodetic, central_angle, enu_basis, great_circle_azimuth};
use std::sync::atomic::{AtomicU64, Ordering};

/// Calls of [`solve`] in this process.
static SOLVES: AtomicU64 = AtomicU64::new(0);

/// How many targeting problems [`solve`] has been asked in this process,
/// each a launch targeted and flown (failed ones too): what a test counts
/// to show that a run flies each launch once.
pub fn solves() -> u64 {
    SOLVES.load(Ordering::Relaxed)
}

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
    #[error(
        "the aim point is {range_km:.0} km away, beyond this missile's reach on this profile (about {max_km:.0} km)"
    )]
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
    0.5, 1.0, 2.0, 3.0, 4.5, 6.0, 8.0, 10.0, 13.0, 16.0, 20.0, 25.0, 30.0, 35.0, 40.0, 47.0, 55.0,
    65.0,
];

/// Most full flights the aim-point iteration makes.
const MAX_AIM_ITERATIONS: usize = 12;

/// Miss distance at which the aim iteration stops, m.
const MISS_TOL_M: f64 = 5.0;

/// The outcome of one boost with a given kick.
#[derive(Clone, Copy)]
enum Shot {
    /// Thrust was cut off at the aim range: apogee radius (m), impact time (s).
    Reached {
        end: BoostEnd,
        apogee_r: f64,
        t_impact: f64,
    },
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
                        angle: downrange_angle(
                            self.pad,
                            downrange_direction(self.pad, self.aim),
                            p,
                        ),
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
fn golden(
    mut f: impl FnMut(f64) -> Result<f64, TargetingError>,
    mut a: f64,
    mut b: f64,
    tol: f64,
) -> Result<f64, TargetingError> {
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
    let k = golden(&mut f, a, b, 1e-4)?;
    let v = f(k)?;
    Ok(if v <= vals[i] {
        (k, v)
    } else {
        (grid[i], vals[i])
    })
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

/// Width of the kick bracket searched around the previous iteration's kick, rad.
const HINT_HALF_WIDTH: f64 = 0.02;

fn solve_kick(
    s: &Shooter<'_>,
    missile: &Missile,
    profile: Profile,
    aim_angle: f64,
    hint: Option<(f64, f64)>,
) -> Result<(f64, f64), TargetingError> {
    let burn = missile.total_burn_time();
    let objective = |k| Ok(energy_objective(s.shoot(k)?, burn, aim_angle));
    let (k_me, v_me) = match hint {
        Some((k_me, _)) => {
            let lo = (k_me - HINT_HALF_WIDTH).max(1e-3);
            let k = golden(objective, lo, k_me + HINT_HALF_WIDTH, 1e-4)?;
            (k, objective(k)?)
        }
        None => minimise_kick(objective)?,
    };
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
    // A metric that decreases with kick (apogee or flight time), and its target.
    let (by_apogee, target, lofted) = match profile {
        Profile::MinimumEnergy => return Ok((k_me, k_me)),
        Profile::Lofted { apogee_m } => (true, apogee_m, true),
        Profile::Depressed { apogee_m } => (true, apogee_m, false),
        Profile::DepressedTime { flight_time_s } => (false, flight_time_s, false),
    };
    let what = if by_apogee { "apogee" } else { "flight time" };
    let metric = |sh: Shot| match sh {
        Shot::Reached {
            apogee_r, t_impact, ..
        } => Some(if by_apogee {
            apogee_r - radius
        } else {
            t_impact
        }),
        _ => None,
    };
    let me_value = metric(s.shoot(k_me)?).unwrap_or(f64::NAN);
    let unit = |v: f64| {
        if by_apogee {
            format!("{:.0} km", v / 1e3)
        } else {
            format!("{v:.0} s")
        }
    };
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
    // Narrow the bracket around the previous iteration's answer when it holds.
    if let Some((_, k_prev)) = hint {
        let (a, b) = (
            (k_prev - HINT_HALF_WIDTH).max(lo),
            (k_prev + HINT_HALF_WIDTH).min(hi),
        );
        if a < b && h(a)? > 0.0 && h(b)? <= 0.0 {
            (lo, hi) = (a, b);
        }
    }
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if h(mid)? > 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-8 {
            break;
        }
    }
    let k = if lofted { hi } else { lo };
    let err = h(k)?;
    let tol = if by_apogee { 1_000.0 } else { 1.0 };
    if err.is_nan() || err.abs() > tol {
        let reached = metric(s.shoot(k)?).unwrap_or(f64::NAN);
        return Err(TargetingError::ProfileUnreachable(format!(
            "this missile cannot fly a {} trajectory with {what} {} to this range; the limit is about {}",
            if lofted { "lofted" } else { "depressed" },
            unit(target),
            unit(reached)
        )));
    }
    Ok((k_me, k))
}

/// Solve the steering that puts `missile`, launched from `site`, on `aim`
/// along `profile`, and fly it. For lofted and depressed profiles the flown
/// apogee (height above the ellipsoid) meets the request within 50 m, or the
/// flown time of flight within 0.1 s.
pub fn solve(
    missile: &Missile,
    site: Geodetic,
    aim: Geodetic,
    profile: Profile,
    opts: FlightOptions,
) -> Result<Solution, TargetingError> {
    SOLVES.fetch_add(1, Ordering::Relaxed);
    missile.validate()?;
    let mut sol = aim_shape(missile, site, aim, profile, opts)?;
    let (requested, tol) = match profile {
        Profile::MinimumEnergy => return Ok(sol),
        Profile::Lofted { apogee_m } | Profile::Depressed { apogee_m } => (apogee_m, 50.0),
        Profile::DepressedTime { flight_time_s } => (flight_time_s, 0.1),
    };
    let flown = |s: &Solution| match profile {
        Profile::DepressedTime { .. } => s.trajectory.flight_time_s().unwrap_or(f64::NAN),
        _ => s.trajectory.apogee_altitude_m(),
    };
    let with = |v: f64| match profile {
        Profile::Lofted { .. } => Profile::Lofted { apogee_m: v },
        Profile::Depressed { .. } => Profile::Depressed { apogee_m: v },
        _ => Profile::DepressedTime { flight_time_s: v },
    };
    // Outer fixed-point loop: the shape solver works on Keplerian
    // predictions; shift its target by what the full flight missed.
    let mut internal = requested;
    for _ in 0..MAX_SHAPE_ITERATIONS {
        let err = flown(&sol) - requested;
        if err.abs() <= tol {
            return Ok(sol);
        }
        internal -= err;
        sol = aim_shape(missile, site, aim, with(internal), opts)?;
    }
    let err = flown(&sol) - requested;
    if err.abs() <= tol {
        Ok(sol)
    } else {
        Err(TargetingError::ProfileUnreachable(format!(
            "the flown trajectory stays {err:.1} {} from the requested {}",
            if matches!(profile, Profile::DepressedTime { .. }) {
                "s"
            } else {
                "m"
            },
            if matches!(profile, Profile::DepressedTime { .. }) {
                "flight time"
            } else {
                "apogee"
            },
        )))
    }
}

/// Most shape corrections of the outer loop of [`solve`].
const MAX_SHAPE_ITERATIONS: usize = 8;

/// The steering for `profile` with its apogee or time judged on the
/// Keplerian prediction, aimed by the Broyden iteration.
fn aim_shape(
    missile: &Missile,
    site: Geodetic,
    aim: Geodetic,
    profile: Profile,
    opts: FlightOptions,
) -> Result<Solution, TargetingError> {
    let pad = site.to_ecef();
    let aim_ecef = aim.to_ecef();
    let dist = central_angle(pad, aim_ecef) * cupola_physics::constants::R_EARTH_MEAN;
    if dist < 10_000.0 {
        return Err(TargetingError::TargetOnLaunchPoint(dist));
    }
    let omega = if opts.rotating_earth {
        cupola_physics::constants::OMEGA_EARTH
    } else {
        0.0
    };
    // The virtual aim point is the aim point displaced by x = (east, north)
    // metres in its tangent plane; Broyden's method drives the miss F(x),
    // measured in the same plane, to zero.
    let (east, north, _) = enu_basis(aim);
    let virtual_at = |x: [f64; 2]| (aim_ecef + east * x[0] + north * x[1]).unit() * aim_ecef.norm();
    let mut x = [0.0; 2];
    let mut b = [[1.0, 0.0], [0.0, 1.0]];
    let mut last: Option<([f64; 2], [f64; 2])> = None;
    let mut best: Option<Solution> = None;
    let mut hint = None;
    let mut clamped = false;
    for iteration in 1..=MAX_AIM_ITERATIONS {
        let virtual_aim = virtual_at(x);
        let va = cupola_physics::frames::ecef_to_geodetic(virtual_aim);
        let azimuth = great_circle_azimuth(site, va);
        let shooter = Shooter {
            flight: Flight::new(missile, site, opts),
            azimuth,
            aim: virtual_aim,
            pad,
            omega,
        };
        // The minimum-energy shape is settled after two iterations; freezing
        // the kick then keeps the miss a smooth function of the aim offset.
        let kicks = match (profile, hint) {
            (Profile::MinimumEnergy, Some(k)) if iteration > 2 => k,
            _ => match solve_kick(
                &shooter,
                missile,
                profile,
                central_angle(pad, virtual_aim),
                hint,
            ) {
                // Near the edge of reach the Keplerian predictor, which knows
                // nothing of J2 and drag, may find a virtual aim point out of
                // reach that the real flight would make: pull it in to just
                // inside the predictor's reach and let the iteration continue.
                Err(TargetingError::OutOfRange { range_km, max_km })
                    if !clamped && max_km > 0.9 * range_km =>
                {
                    clamped = true;
                    let angle = 0.995 * max_km * 1e3 / cupola_physics::constants::R_EARTH_MEAN;
                    let toward = downrange_direction(pad, virtual_aim);
                    let p = pad.unit() * angle.cos() + toward * angle.sin();
                    let a = aim_ecef.unit();
                    x = [
                        p.dot(east) / p.dot(a) * aim_ecef.norm(),
                        p.dot(north) / p.dot(a) * aim_ecef.norm(),
                    ];
                    last = None;
                    continue;
                }
                other => other?,
            },
        };
        hint = Some(kicks);
        let plan = FlightPlan {
            azimuth,
            kick: kicks.1,
            cutoff: Cutoff::AimRange {
                aim_ecef: virtual_aim,
            },
        };
        let trajectory = shooter.flight.fly(&plan, aim.alt)?;
        let Some(impact) = trajectory.impact() else {
            return Err(FlightError::NoImpact(0.0).into());
        };
        let impact_ecef = impact.to_ecef();
        let d = impact_ecef - aim_ecef;
        let f = [d.dot(east), d.dot(north)];
        let miss_m = d.norm();
        if best.as_ref().is_none_or(|b| miss_m < b.miss_m) {
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
        if let Some((x0, f0)) = last {
            let dx = [x[0] - x0[0], x[1] - x0[1]];
            let df = [f[0] - f0[0], f[1] - f0[1]];
            let dd = dx[0] * dx[0] + dx[1] * dx[1];
            if dd > 0.0 {
                for i in 0..2 {
                    let r = df[i] - (b[i][0] * dx[0] + b[i][1] * dx[1]);
                    b[i][0] += r * dx[0] / dd;
                    b[i][1] += r * dx[1] / dd;
                }
            }
        }
        last = Some((x, f));
        let det = b[0][0] * b[1][1] - b[0][1] * b[1][0];
        let step = if det.abs() > 1e-6 {
            [
                (b[1][1] * f[0] - b[0][1] * f[1]) / det,
                (b[0][0] * f[1] - b[1][0] * f[0]) / det,
            ]
        } else {
            f
        };
        x = [x[0] - step[0], x[1] - step[1]];
    }
    match best {
        Some(b) if b.miss_m < 1_000.0 => Ok(b),
        // Pulled in to the edge of reach and still short: out of range.
        Some(b) if clamped => {
            let toward = downrange_direction(pad, aim_ecef);
            let reached = b
                .trajectory
                .impact()
                .map_or(0.0, |p| downrange_angle(pad, toward, p.to_ecef()));
            Err(TargetingError::OutOfRange {
                range_km: dist / 1e3,
                max_km: reached * cupola_physics::constants::R_EARTH_MEAN / 1e3,
            })
        }
        Some(b) => Err(TargetingError::NoConvergence(b.miss_m)),
        None => Err(TargetingError::NoConvergence(f64::NAN)),
    }
}

/// The farthest aim point (ground range on the mean sphere, m) that
/// `missile`, fired from `site`, can be targeted on along the great circle
/// of initial bearing `bearing` (rad) on a minimum-energy profile, found by
/// bisection on the targeting itself to 0.1%; with the kick (rad) flown there.
pub fn max_range(
    missile: &Missile,
    site: Geodetic,
    bearing: f64,
    opts: FlightOptions,
) -> Result<(f64, f64), TargetingError> {
    missile.validate()?;
    let r = cupola_physics::constants::R_EARTH_MEAN;
    let pad = site.to_ecef();
    let (east, north, _) = enu_basis(site);
    let toward = downrange_direction(pad, pad + north * bearing.cos() + east * bearing.sin());
    let aim_at = |range: f64| {
        let a = range / r;
        let p = pad.unit() * a.cos() + toward * a.sin();
        let g = cupola_physics::frames::ecef_to_geodetic(p * 6_371e3);
        Geodetic { alt: 0.0, ..g }
    };
    let hits = |range: f64| -> Result<Option<f64>, TargetingError> {
        match solve(missile, site, aim_at(range), Profile::MinimumEnergy, opts) {
            Ok(sol) => Ok(Some(sol.plan.kick)),
            Err(TargetingError::OutOfRange { .. } | TargetingError::NoConvergence(_)) => Ok(None),
            Err(e) => Err(e),
        }
    };
    let (mut lo, mut hi) = (20e3, 0.95 * std::f64::consts::PI * r);
    let Some(mut kick) = hits(lo)? else {
        return Err(TargetingError::OutOfRange {
            range_km: lo / 1e3,
            max_km: 0.0,
        });
    };
    while hi - lo > 1e-3 * lo {
        let mid = 0.5 * (lo + hi);
        match hits(mid)? {
            Some(k) => {
                lo = mid;
                kick = k;
            }
            None => hi = mid,
        }
    }
    Ok((lo, kick))
}
