//! The result of a flight: timeline of events and the dense trajectory.

use crate::flight::{FlightPlan, height};
use cupola_physics::Vec3;
use cupola_physics::frames::{Geodetic, central_angle, ecef_to_geodetic};
use cupola_physics::integrator::DenseSolution;

/// Most regular samples [`Trajectory::samples`] returns.
pub const MAX_SAMPLES: usize = 1_000_000;

/// What happened at a point of the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// Lift-off from the pad.
    Liftoff,
    /// Stage `n` (from 1) burnt out.
    StageBurnout(u32),
    /// Thrust terminated by the guidance before the last burnout.
    Cutoff,
    /// End of powered flight.
    BoostEnd,
    /// The post-boost bus released its last re-entry vehicle.
    BusDeployed,
    /// Highest point of the trajectory.
    Apogee,
    /// Descent through 100 km altitude.
    Reentry,
    /// Impact at the aim point's height.
    Impact,
}

impl std::fmt::Display for EventKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EventKind::Liftoff => write!(f, "lift-off"),
            EventKind::StageBurnout(n) => write!(f, "stage {n} burnout"),
            EventKind::Cutoff => write!(f, "thrust cut-off"),
            EventKind::BoostEnd => write!(f, "boost end"),
            EventKind::BusDeployed => write!(f, "bus deployed RVs"),
            EventKind::Apogee => write!(f, "apogee"),
            EventKind::Reentry => write!(f, "re-entry (100 km)"),
            EventKind::Impact => write!(f, "impact"),
        }
    }
}

/// Phase of flight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Powered flight.
    Boost,
    /// Post-boost bus deploying re-entry vehicles.
    Bus,
    /// Unpowered flight above 100 km.
    Midcourse,
    /// Descent below 100 km to impact.
    Terminal,
}

/// The state of the flight at one instant, in reporting units.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Sample {
    /// Time after lift-off, s.
    pub time_s: f64,
    /// Height above the WGS84 ellipsoid, m.
    pub altitude_m: f64,
    /// Ground distance from the pad on the mean-radius sphere, m.
    pub downrange_m: f64,
    /// Speed relative to the rotating Earth, m/s.
    pub speed_m_s: f64,
    /// Speed in the inertial frame, m/s.
    pub inertial_speed_m_s: f64,
    /// Flight-path angle of the inertial velocity above the local horizontal, rad.
    pub flight_path_angle_rad: f64,
    /// Geodetic latitude, rad.
    pub lat_rad: f64,
    /// Longitude, rad.
    pub lon_rad: f64,
    /// Mass of the flying object, kg.
    pub mass_kg: f64,
}

impl Sample {
    /// A sample from an ECI state `[r, v, m]` at time `t` (s).
    pub(crate) fn from_state(t: f64, y: &[f64; 7], site: Geodetic, omega: f64) -> Self {
        let r = Vec3::new(y[0], y[1], y[2]);
        let v = Vec3::new(y[3], y[4], y[5]);
        let (s, c) = (-omega * t).sin_cos();
        let r_ecef = Vec3::new(c * r.x - s * r.y, s * r.x + c * r.y, r.z);
        let v_rel = Vec3::new(v.x + omega * r.y, v.y - omega * r.x, v.z);
        let g = ecef_to_geodetic(r_ecef);
        let pad = site.to_ecef();
        Sample {
            time_s: t,
            altitude_m: height(r),
            downrange_m: central_angle(pad, r_ecef) * cupola_physics::constants::R_EARTH_MEAN,
            speed_m_s: v_rel.norm(),
            inertial_speed_m_s: v.norm(),
            flight_path_angle_rad: std::f64::consts::FRAC_PI_2 - r.angle_to(v),
            lat_rad: g.lat,
            lon_rad: g.lon,
            mass_kg: y[6],
        }
    }
}

/// One event of the timeline with the state at that instant.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TimelineEvent {
    /// What happened.
    pub kind: EventKind,
    /// The state then.
    pub state: Sample,
}

impl TimelineEvent {
    pub(crate) fn new(kind: EventKind, t: f64, y: &[f64; 7], site: Geodetic, omega: f64) -> Self {
        Self {
            kind,
            state: Sample::from_state(t, y, site, omega),
        }
    }
}

/// A flown trajectory: the plan, the timeline and the dense state history.
#[derive(Clone, Debug)]
pub struct Trajectory {
    /// Launch site.
    pub site: Geodetic,
    /// The steering flown.
    pub plan: FlightPlan,
    /// Whether thrust was terminated before the last stage burnt out.
    pub cut_off: bool,
    /// Time powered flight ended, s after lift-off.
    pub boost_end_s: f64,
    /// Events in time order.
    pub timeline: Vec<TimelineEvent>,
    /// Phases with their start and end times, s after lift-off.
    pub phases: Vec<(Phase, f64, f64)>,
    dense: DenseSolution<7>,
    omega: f64,
}

impl Trajectory {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        site: Geodetic,
        plan: FlightPlan,
        cut_off: bool,
        boost_end_s: f64,
        timeline: Vec<TimelineEvent>,
        phases: Vec<(Phase, f64, f64)>,
        dense: DenseSolution<7>,
        omega: f64,
    ) -> Self {
        Self {
            site,
            plan,
            cut_off,
            boost_end_s,
            timeline,
            phases,
            dense,
            omega,
        }
    }

    /// The first event of a kind.
    pub fn event(&self, kind: EventKind) -> Option<&TimelineEvent> {
        self.timeline.iter().find(|e| e.kind == kind)
    }

    /// Impact point (WGS84).
    pub fn impact(&self) -> Option<Geodetic> {
        self.event(EventKind::Impact).map(|e| Geodetic {
            lat: e.state.lat_rad,
            lon: e.state.lon_rad,
            alt: e.state.altitude_m,
        })
    }

    /// Time of flight from lift-off to impact, s.
    pub fn flight_time_s(&self) -> Option<f64> {
        self.event(EventKind::Impact).map(|e| e.state.time_s)
    }

    /// Highest altitude reached, m.
    pub fn apogee_altitude_m(&self) -> f64 {
        self.event(EventKind::Apogee)
            .map(|e| e.state.altitude_m)
            .unwrap_or_else(|| {
                self.timeline
                    .iter()
                    .map(|e| e.state.altitude_m)
                    .fold(0.0, f64::max)
            })
    }

    /// Phase at time `t` (s after lift-off).
    pub fn phase_at(&self, t: f64) -> Phase {
        self.phases
            .iter()
            .find(|(_, a, b)| t >= *a && t <= *b)
            .map_or(Phase::Terminal, |p| p.0)
    }

    /// The state at time `t` (s after lift-off), clamped to the flight.
    pub fn sample(&self, t: f64) -> Option<Sample> {
        let y = self.dense.sample(t)?;
        Some(Sample::from_state(t, &y, self.site, self.omega))
    }

    /// Position and velocity at time `t` (s after lift-off) in the flight's
    /// inertial frame: Earth-centred, axes fixed to the Earth's at lift-off
    /// (so the launch site's ECEF position is its position here at t = 0);
    /// m and m/s. `None` outside the flight.
    pub fn state_eci(&self, t: f64) -> Option<(Vec3, Vec3)> {
        let (a, b) = self.dense.span()?;
        if !(a..=b).contains(&t) {
            return None;
        }
        let y = self.dense.sample(t)?;
        Some((Vec3::new(y[0], y[1], y[2]), Vec3::new(y[3], y[4], y[5])))
    }

    /// Where the payload lands if thrust stops at time `t` (s after
    /// lift-off), as when a boost-phase intercept destroys the booster but
    /// not its warheads: the vacuum Keplerian arc from the state at `t` down
    /// to the radius of the launch's impact point (the aim point's ground),
    /// carried into the Earth-fixed frame at the arc's end, with the time of
    /// flight from lift-off (s). Drag in the atmosphere shortens the arc of a
    /// slow early-boost payload further; the WGS84 point is at zero
    /// altitude. `None` outside the flight, or when the arc does not come
    /// down to that radius (a state below it, or one already in orbit).
    pub fn ballistic_impact(&self, t: f64) -> Option<(Geodetic, f64)> {
        let (r, v) = self.state_eci(t)?;
        let ground = self.impact()?.to_ecef().norm();
        let arc =
            cupola_physics::ballistic::KeplerArc::new(r, v, cupola_physics::constants::MU_EARTH);
        let imp = arc.impact(ground)?;
        let t_imp = t + imp.time_of_flight;
        let p = crate::flight::rot_z(imp.position, -self.omega * t_imp);
        let g = ecef_to_geodetic(p);
        Some((Geodetic { alt: 0.0, ..g }, t_imp))
    }

    /// Samples every `step` seconds from lift-off to impact (at most
    /// [`MAX_SAMPLES`] of them: a smaller step is widened), plus every event
    /// instant, in time order.
    pub fn samples(&self, step: f64) -> Vec<Sample> {
        let Some((a, b)) = self.dense.span() else {
            return Vec::new();
        };
        let mut times: Vec<f64> = Vec::new();
        if step > 0.0 && step.is_finite() {
            // At most MAX_SAMPLES regular samples, whatever the step.
            let step = step.max((b - a) / MAX_SAMPLES as f64);
            let n = ((b - a) / step).floor() as usize;
            times.extend((0..=n).map(|k| a + k as f64 * step));
        }
        times.extend(self.timeline.iter().map(|e| e.state.time_s));
        times.push(b);
        times.sort_by(f64::total_cmp);
        times.dedup_by(|x, y| (*x - *y).abs() < 1e-6);
        times.into_iter().filter_map(|t| self.sample(t)).collect()
    }
}
