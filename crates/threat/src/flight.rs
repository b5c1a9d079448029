//! Flight of a missile from its launch pad on a rotating Earth to impact:
//! vertical rise, pitch-over, zero-angle-of-attack gravity turn through each
//! stage, optional thrust termination, post-boost bus, and the re-entry
//! vehicle's fall through the atmosphere.
//!
//! The state is integrated in ECI as `[x, y, z, vx, vy, vz, m]` (m, m/s, kg)
//! with simulation time zero at lift-off; ECI coincides with ECEF then.

use crate::guidance::{downrange_direction, predicted_range_angle};
use crate::missile::{Missile, drag_coefficient};
use crate::trajectory::{EventKind, Phase, TimelineEvent, Trajectory};
use cupola_physics::Vec3;
use cupola_physics::atmosphere::us76;
use cupola_physics::constants::{OMEGA_EARTH, WGS84_A, WGS84_B};
use cupola_physics::frames::{Geodetic, central_angle, enu_basis};
use cupola_physics::gravity::GravityModel;
use cupola_physics::integrator::{
    DenseSolution, Direction, Event, IntegratorError, Settings, integrate,
};

/// Physics switches and accuracy of a flight.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FlightOptions {
    /// Gravity field.
    pub gravity: GravityModel,
    /// Whether the Earth rotates (at [`OMEGA_EARTH`]) under the flight.
    pub rotating_earth: bool,
    /// Whether the atmosphere drags on the missile and re-entry vehicle.
    pub drag: bool,
    /// Relative tolerance of the integrator, dimensionless.
    pub rtol: f64,
}

impl Default for FlightOptions {
    /// J2 gravity, rotating Earth, drag, relative tolerance 1e-9.
    fn default() -> Self {
        Self {
            gravity: GravityModel::J2,
            rotating_earth: true,
            drag: true,
            rtol: 1e-9,
        }
    }
}

impl FlightOptions {
    /// Point-mass gravity, no rotation, no drag: the closed-form world.
    pub fn vacuum_point_mass() -> Self {
        Self {
            gravity: GravityModel::PointMass,
            rotating_earth: false,
            drag: false,
            rtol: 1e-11,
        }
    }

    fn omega(&self) -> f64 {
        if self.rotating_earth {
            OMEGA_EARTH
        } else {
            0.0
        }
    }

    fn settings(&self, h_max: f64) -> Settings<7> {
        let mut s = Settings::new(self.rtol, 1e-3);
        s.atol = [1e-3, 1e-3, 1e-3, 1e-6, 1e-6, 1e-6, 1e-3];
        s.h_max = h_max;
        s.h_initial = 0.5;
        s.max_steps = 200_000;
        s
    }
}

/// When powered flight ends.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Cutoff {
    /// Every stage burns to depletion.
    Burnout,
    /// Thrust is terminated once the Keplerian impact prediction reaches the
    /// ground range (central angle from the pad) of the given ECEF point (m):
    /// the velocity-to-be-gained cut-off of open trajectory models.
    AimRange {
        /// ECEF point whose range ends the boost, m.
        aim_ecef: Vec3,
    },
}

/// The steering of one flight: what targeting solves for.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FlightPlan {
    /// Launch azimuth, rad clockwise from north.
    pub azimuth: f64,
    /// Pitch-over (kick) angle from the vertical at the end of the
    /// pitch-over manoeuvre, rad.
    pub kick: f64,
    /// When thrust ends.
    pub cutoff: Cutoff,
}

/// Errors of a flight.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FlightError {
    /// The missile came back to the ground while still under power.
    #[error("the missile hit the ground during powered flight at t = {t:.1} s")]
    GroundDuringBoost {
        /// Time, s after lift-off.
        t: f64,
    },
    /// The re-entry vehicle never came back down (orbit or escape).
    #[error("the payload does not come back to the ground within {0:.0} s")]
    NoImpact(f64),
    /// The integrator failed.
    #[error(transparent)]
    Integrator(#[from] IntegratorError),
}

/// Height above the ellipsoid along the geocentric radial, m: exact at the
/// surface and within metres of the geodetic height at missile altitudes.
#[inline]
pub(crate) fn height(r: Vec3) -> f64 {
    let rn2 = r.norm2();
    let rn = rn2.sqrt();
    let s2 = r.z * r.z / rn2;
    let re = WGS84_A * WGS84_B / (WGS84_B * WGS84_B * (1.0 - s2) + WGS84_A * WGS84_A * s2).sqrt();
    rn - re
}

#[inline]
pub(crate) fn rot_z(v: Vec3, angle: f64) -> Vec3 {
    let (s, c) = angle.sin_cos();
    Vec3::new(c * v.x - s * v.y, s * v.x + c * v.y, v.z)
}

/// What the vehicle does during one integration segment.
#[derive(Clone, Copy)]
enum Thrust {
    None,
    On {
        thrust_vac: f64,
        mdot: f64,
        exit_area: f64,
        steering: Steering,
    },
}

#[derive(Clone, Copy)]
enum Steering {
    /// Along a fixed ECEF direction (rotated into ECI).
    Fixed(Vec3),
    /// Along the air-relative velocity.
    GravityTurn,
}

/// Which part of the steering programme is flying.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Steer {
    Vertical,
    PitchOver,
    Turn,
}

/// Longest pitch-over before the gravity turn starts regardless, s.
const MAX_PITCH_OVER_S: f64 = 60.0;

#[derive(Clone, Copy)]
enum Body {
    /// Missile stack: drag coefficient curve × factor × reference area (m²).
    Stack { cda: f64 },
    /// Re-entry vehicle of ballistic coefficient β (kg/m²).
    Reentry { beta: f64 },
}

struct Dynamics {
    gravity: GravityModel,
    omega: f64,
    drag: bool,
}

impl Dynamics {
    #[inline]
    fn rhs(&self, t: f64, y: &[f64; 7], thrust: Thrust, body: Body) -> [f64; 7] {
        let r = Vec3::new(y[0], y[1], y[2]);
        let v = Vec3::new(y[3], y[4], y[5]);
        let m = y[6];
        let mut a = self.gravity.acceleration(r);
        let v_air = Vec3::new(v.x + self.omega * r.y, v.y - self.omega * r.x, v.z);
        let need_air =
            self.drag || matches!(thrust, Thrust::On { exit_area, .. } if exit_area > 0.0);
        let air = if need_air {
            Some(us76(height(r)))
        } else {
            None
        };
        if self.drag
            && let Some(air) = air
            && air.density > 1e-13
        {
            let speed = v_air.norm();
            let q = 0.5 * air.density * speed * speed;
            let decel = match body {
                Body::Stack { cda } => q * cda * drag_coefficient(speed / air.speed_of_sound) / m,
                Body::Reentry { beta } => q / beta,
            };
            if speed > 0.0 {
                a -= v_air * (decel / speed);
            }
        }
        let mut mdot_out = 0.0;
        if let Thrust::On {
            thrust_vac,
            mdot,
            exit_area,
            steering,
        } = thrust
        {
            let p = air.map_or(0.0, |s| s.pressure);
            let f = (thrust_vac - p * exit_area).max(0.0);
            let dir = match steering {
                Steering::Fixed(d) => rot_z(d, self.omega * t),
                Steering::GravityTurn => v_air.unit(),
            };
            a += dir * (f / m);
            mdot_out = -mdot;
        }
        [v.x, v.y, v.z, a.x, a.y, a.z, mdot_out]
    }
}

/// An event recorded during a flight: what, when (s) and the ECI state.
pub(crate) type RecordedEvent = (EventKind, f64, [f64; 7]);

/// Where a recorded flight puts its dense solution and its events.
pub(crate) type Recorder<'r> = (&'r mut DenseSolution<7>, &'r mut Vec<RecordedEvent>);

/// The state at the end of powered flight.
#[derive(Clone, Copy, Debug)]
pub(crate) struct BoostEnd {
    /// Time after lift-off, s.
    pub t: f64,
    /// ECI state `[r, v, m]`.
    pub y: [f64; 7],
    /// Whether thrust was terminated before the last stage burnt out.
    pub cut_off: bool,
}

/// One flight of a missile from a pad with a given plan.
pub(crate) struct Flight<'a> {
    missile: &'a Missile,
    site: Geodetic,
    opts: FlightOptions,
    dynamics: Dynamics,
}

impl<'a> Flight<'a> {
    pub(crate) fn new(missile: &'a Missile, site: Geodetic, opts: FlightOptions) -> Self {
        Self {
            missile,
            site,
            opts,
            dynamics: Dynamics {
                gravity: opts.gravity,
                omega: opts.omega(),
                drag: opts.drag,
            },
        }
    }

    /// Fly the boost only; record events and the dense solution if asked.
    pub(crate) fn boost(
        &self,
        plan: &FlightPlan,
        mut record: Option<Recorder<'_>>,
    ) -> Result<BoostEnd, FlightError> {
        let m = self.missile;
        let omega = self.opts.omega();
        let pad = self.site.to_ecef();
        let (east, north, up) = enu_basis(self.site);
        let (sa, ca) = plan.azimuth.sin_cos();
        let horiz = north * ca + east * sa;
        let v0 = Vec3::new(-omega * pad.y, omega * pad.x, 0.0);
        let mut y = [pad.x, pad.y, pad.z, v0.x, v0.y, v0.z, m.liftoff_mass()];
        let mut t = 0.0;
        let cda = m.reference_area() * m.drag_factor;
        let body = Body::Stack { cda };
        let settings = self.opts.settings(10.0);
        let ground_alt = self.site.alt - 100.0;
        let aim = match plan.cutoff {
            Cutoff::AimRange { aim_ecef } => Some(aim_ecef),
            Cutoff::Burnout => None,
        };
        let aim_angle = aim.map(|a| central_angle(pad, a));
        let aim_radius = aim.map(|a| a.norm());
        let toward = aim.map_or(horiz, |a| downrange_direction(pad, a));
        if let Some((_, ev)) = record.as_mut() {
            ev.push((EventKind::Liftoff, 0.0, y));
        }
        // Steering: vertical rise to a fixed time, then a pitch-over with the
        // thrust held at the kick angle from the vertical until the
        // air-relative velocity has tilted as far (an event), then the gravity
        // turn with zero angle of attack, which is continuous at the switch.
        let t_vert = m.vertical_rise_s;
        let mut steer = if t_vert > 0.0 {
            Steer::Vertical
        } else {
            Steer::PitchOver
        };
        let mut stage_start = 0.0;
        for (k, stage) in m.stages.iter().enumerate() {
            y[6] = m.mass_at_ignition(k);
            let stage_end = stage_start + stage.burn_time_s;
            while t < stage_end {
                let (steering, seg_end) = match steer {
                    Steer::Vertical => (Steering::Fixed(up), stage_end.min(t_vert)),
                    Steer::PitchOver => (
                        Steering::Fixed(up * plan.kick.cos() + horiz * plan.kick.sin()),
                        stage_end.min(t_vert + MAX_PITCH_OVER_S),
                    ),
                    Steer::Turn => (Steering::GravityTurn, stage_end),
                };
                let thrust = Thrust::On {
                    thrust_vac: stage.vacuum_thrust(),
                    mdot: stage.mass_flow(),
                    exit_area: stage.nozzle_exit_area_m2,
                    steering,
                };
                let mut events = vec![Event::new(
                    move |_t, y: &[f64; 7]| height(Vec3::new(y[0], y[1], y[2])) - ground_alt,
                    Direction::Falling,
                )];
                match steer {
                    Steer::PitchOver => {
                        let kick = plan.kick;
                        events.push(Event::new(
                            move |t, y: &[f64; 7]| {
                                let r = Vec3::new(y[0], y[1], y[2]);
                                let v = Vec3::new(y[3] + omega * r.y, y[4] - omega * r.x, y[5]);
                                rot_z(up, omega * t).angle_to(v) - kick
                            },
                            Direction::Rising,
                        ));
                    }
                    Steer::Turn => {
                        if let (Some(aim_angle), Some(aim_radius)) = (aim_angle, aim_radius) {
                            events.push(Event::new(
                                move |t, y: &[f64; 7]| {
                                    predicted_range_angle(t, y, aim_radius, omega, pad, toward)
                                        - aim_angle
                                },
                                Direction::Rising,
                            ));
                        }
                    }
                    Steer::Vertical => {}
                }
                let mut f = |tt: f64, yy: &[f64; 7]| self.dynamics.rhs(tt, yy, thrust, body);
                let rec = record.as_mut().map(|(d, _)| &mut **d);
                let out = integrate(&mut f, t, y, seg_end, &settings, &events, rec)?;
                t = out.t;
                y = out.y;
                match (out.event, steer) {
                    (Some(0), _) => return Err(FlightError::GroundDuringBoost { t }),
                    (Some(_), Steer::Turn) => {
                        if let Some((_, ev)) = record.as_mut() {
                            ev.push((EventKind::Cutoff, t, y));
                        }
                        return Ok(BoostEnd {
                            t,
                            y,
                            cut_off: true,
                        });
                    }
                    (Some(_), _) => steer = Steer::Turn,
                    (None, Steer::Vertical) if t >= t_vert => steer = Steer::PitchOver,
                    (None, Steer::PitchOver) if t >= t_vert + MAX_PITCH_OVER_S => {
                        steer = Steer::Turn
                    }
                    (None, _) => {}
                }
            }
            if let Some((_, ev)) = record.as_mut() {
                ev.push((EventKind::StageBurnout(k as u32 + 1), t, y));
            }
            stage_start = stage_end;
        }
        Ok(BoostEnd {
            t,
            y,
            cut_off: false,
        })
    }

    /// Fly the whole trajectory: boost, bus, re-entry to the aim point's
    /// height `impact_alt` (m above the ellipsoid).
    pub(crate) fn fly(
        &self,
        plan: &FlightPlan,
        impact_alt: f64,
    ) -> Result<Trajectory, FlightError> {
        let mut dense = DenseSolution::new();
        let mut events = Vec::new();
        let mut phases = Vec::new();
        let end = self.boost(plan, Some((&mut dense, &mut events)))?;
        phases.push((Phase::Boost, 0.0, end.t));
        let boost_end = end.t;
        events.push((EventKind::BoostEnd, end.t, end.y));
        let mut y = end.y;
        let mut t = end.t;
        let body = Body::Reentry {
            beta: self.missile.rv.ballistic_coefficient_kg_m2,
        };
        let settings = self.opts.settings(120.0);
        let mut f = |tt: f64, yy: &[f64; 7]| self.dynamics.rhs(tt, yy, Thrust::None, body);
        // Post-boost bus releasing the re-entry vehicles, midcourse and
        // re-entry: one unpowered flight with the events in between. The
        // flying object is followed with the re-entry vehicle's drag.
        y[6] = self.missile.rv.mass_kg;
        let bus_end = t + self.missile.bus_deploy_s;
        let horizon = t + 6.0 * 3600.0;
        let mut pending = vec![
            EventKind::BusDeployed,
            EventKind::Apogee,
            EventKind::Reentry,
            EventKind::Impact,
        ];
        let radial = |y: &[f64; 7]| y[0] * y[3] + y[1] * y[4] + y[2] * y[5];
        if self.missile.bus_deploy_s <= 0.0 {
            pending.retain(|e| *e != EventKind::BusDeployed);
        }
        if radial(&y) <= 0.0 {
            pending.retain(|e| *e != EventKind::Apogee);
        }
        let (mut t_bus, mut t_reentry) = (boost_end, None);
        while !pending.is_empty() {
            let evs: Vec<Event<'_, 7>> = pending
                .iter()
                .map(|k| match k {
                    EventKind::BusDeployed => {
                        Event::new(move |t, _y: &[f64; 7]| t - bus_end, Direction::Rising)
                    }
                    EventKind::Apogee => {
                        Event::new(move |_t, y: &[f64; 7]| radial(y), Direction::Falling)
                    }
                    EventKind::Reentry => Event::new(
                        |_t, y: &[f64; 7]| height(Vec3::new(y[0], y[1], y[2])) - 100_000.0,
                        Direction::Falling,
                    ),
                    _ => Event::new(
                        move |_t, y: &[f64; 7]| height(Vec3::new(y[0], y[1], y[2])) - impact_alt,
                        Direction::Falling,
                    ),
                })
                .collect();
            let out = integrate(&mut f, t, y, horizon, &settings, &evs, Some(&mut dense))?;
            t = out.t;
            y = out.y;
            let Some(j) = out.event else {
                return Err(FlightError::NoImpact(horizon - boost_end));
            };
            let kind = pending.remove(j);
            events.push((kind, t, y));
            match kind {
                EventKind::BusDeployed => t_bus = t,
                EventKind::Reentry => t_reentry = Some(t),
                EventKind::Impact => break,
                _ => {}
            }
        }
        if t_bus > boost_end {
            phases.push((Phase::Bus, boost_end, t_bus));
        }
        let t_term = t_reentry.unwrap_or(t).max(t_bus);
        if t_term > t_bus {
            phases.push((Phase::Midcourse, t_bus, t_term));
        }
        if t > t_term {
            phases.push((Phase::Terminal, t_term, t));
        }
        let omega = self.opts.omega();
        let timeline = events
            .into_iter()
            .map(|(kind, t, y)| TimelineEvent::new(kind, t, &y, self.site, omega))
            .collect();
        Ok(Trajectory::new(
            self.site,
            *plan,
            end.cut_off,
            boost_end,
            timeline,
            phases,
            dense,
            omega,
        ))
    }
}

/// Fly a missile with a given plan from `site` to the height `impact_alt`
/// (m above the ellipsoid); the trajectory records the whole flight.
pub fn fly(
    missile: &Missile,
    site: Geodetic,
    plan: &FlightPlan,
    impact_alt: f64,
    opts: FlightOptions,
) -> Result<Trajectory, FlightError> {
    Flight::new(missile, site, opts).fly(plan, impact_alt)
}

/// Integrate an unpowered point mass (no drag body: vacuum) from an ECI
/// state `(r, v)` (m, m/s) at time 0 until it falls through height
/// `impact_alt` (m); returns the final time (s), position and velocity, and
/// the largest relative drift of the specific orbital energy along the way.
pub fn coast_vacuum(
    r: Vec3,
    v: Vec3,
    impact_alt: f64,
    opts: FlightOptions,
) -> Result<(f64, Vec3, Vec3, f64), FlightError> {
    let dyn_ = Dynamics {
        gravity: opts.gravity,
        omega: 0.0,
        drag: false,
    };
    let mut f = |t: f64, y: &[f64; 7]| dyn_.rhs(t, y, Thrust::None, Body::Reentry { beta: 1.0 });
    let y0 = [r.x, r.y, r.z, v.x, v.y, v.z, 1.0];
    let ev = [Event::new(
        move |_t, y: &[f64; 7]| height(Vec3::new(y[0], y[1], y[2])) - impact_alt,
        Direction::Falling,
    )];
    let mut dense = DenseSolution::new();
    let settings = opts.settings(60.0);
    let out = integrate(
        &mut f,
        0.0,
        y0,
        6.0 * 3600.0,
        &settings,
        &ev,
        Some(&mut dense),
    )?;
    if out.event.is_none() {
        return Err(FlightError::NoImpact(6.0 * 3600.0));
    }
    let energy = |y: &[f64; 7]| {
        let r = Vec3::new(y[0], y[1], y[2]);
        0.5 * (y[3] * y[3] + y[4] * y[4] + y[5] * y[5])
            + cupola_physics::gravity::potential(opts.gravity, r)
    };
    let e0 = energy(&y0);
    let drift = dense
        .step_times()
        .filter_map(|t| dense.sample(t))
        .map(|y| ((energy(&y) - e0) / e0).abs())
        .fold(0.0, f64::max);
    let y = out.y;
    Ok((
        out.t,
        Vec3::new(y[0], y[1], y[2]),
        Vec3::new(y[3], y[4], y[5]),
        drift,
    ))
}
