//! The two bodies of a reach problem: the missile's sampled track and the
//! satellite's coasting circular orbit.

use cupola_physics::Vec3;
use cupola_physics::constants::MU_EARTH;
use cupola_physics::gravity;
use cupola_threat::Trajectory;

/// A missile's positions and velocities (m, m/s) in the flight's inertial
/// frame (Earth axes at lift-off), every `step_s` from lift-off, for cubic
/// Hermite interpolation (error ~ a·h²·(h·j/a)/384: millimetres at 1 s),
/// and the velocity its thrust (and drag) gave it since lift-off.
#[derive(Clone, Debug)]
pub struct TargetTrack {
    step_s: f64,
    states: Vec<(Vec3, Vec3)>,
    /// ∫|a − g| dt from lift-off to each sample, m/s: the magnitude of the
    /// non-gravitational acceleration (thrust less drag) integrated.
    thrust_dv: Vec<f64>,
}

impl TargetTrack {
    /// Sample `trajectory` every `step_s` (s, positive) from lift-off to the
    /// first multiple of the step at or after `end_s` (s), stopping before
    /// impact: every sample lies on the grid the interpolation assumes.
    pub fn from_trajectory(trajectory: &Trajectory, end_s: f64, step_s: f64) -> Self {
        let impact = trajectory.flight_time_s().unwrap_or(f64::INFINITY);
        let end = end_s.min(impact).max(0.0);
        let n = (end / step_s).ceil() as usize;
        let states: Vec<(Vec3, Vec3)> = (0..=n)
            .map(|k| k as f64 * step_s)
            .take_while(|&t| t <= impact)
            .map_while(|t| trajectory.state_eci(t))
            .collect();
        let mut thrust_dv = Vec::with_capacity(states.len());
        let mut acc = 0.0;
        thrust_dv.push(0.0);
        for w in states.windows(2) {
            let ((p0, v0), (p1, v1)) = (w[0], w[1]);
            // Mean acceleration over the step less gravity at its middle.
            let a = (v1 - v0) * (1.0 / step_s) - gravity::j2((p0 + p1) * 0.5);
            acc += a.norm() * step_s;
            thrust_dv.push(acc);
        }
        Self {
            step_s,
            states,
            thrust_dv,
        }
    }

    /// Velocity (m/s) the missile's thrust and drag gave it between `t0`
    /// and `t1` (s after lift-off, clamped to the sampled span): the
    /// magnitude of its non-gravitational acceleration integrated, linear
    /// within a step. The motion a kill vehicle's divert must absorb is a
    /// share of it ([`crate::interceptor::Interceptor::divert_needed_m_s`]).
    pub fn thrust_delta_v(&self, t0: f64, t1: f64) -> f64 {
        let at = |t: f64| {
            let last = self.thrust_dv.len().saturating_sub(1);
            if last == 0 {
                return 0.0;
            }
            let x = (t / self.step_s).clamp(0.0, last as f64);
            let k = (x.floor() as usize).min(last - 1);
            let s = x - k as f64;
            self.thrust_dv[k] * (1.0 - s) + self.thrust_dv[k + 1] * s
        };
        (at(t1) - at(t0)).max(0.0)
    }

    /// Time of the last sample, s after lift-off.
    pub fn end_s(&self) -> f64 {
        self.states.len().saturating_sub(1) as f64 * self.step_s
    }

    /// Position at `t` (s after lift-off), m; clamped to the sampled span.
    pub fn position(&self, t: f64) -> Vec3 {
        let last = self.states.len().saturating_sub(1);
        if last == 0 {
            return self.states.first().map_or(Vec3::ZERO, |s| s.0);
        }
        let x = (t / self.step_s).clamp(0.0, last as f64);
        let k = (x.floor() as usize).min(last - 1);
        let s = x - k as f64;
        let h = self.step_s;
        let (p0, v0) = self.states[k];
        let (p1, v1) = self.states[k + 1];
        let s2 = s * s;
        let s3 = s2 * s;
        p0 * (2.0 * s3 - 3.0 * s2 + 1.0)
            + v0 * (h * (s3 - 2.0 * s2 + s))
            + p1 * (-2.0 * s3 + 3.0 * s2)
            + v1 * (h * (s3 - s2))
    }

    /// Largest angle (rad) between the position at lift-off and any
    /// position sampled up to `until_s` (s after lift-off, and the sample
    /// just after it): how far the track strays from the pad by then.
    pub fn max_angle_from_pad(&self, until_s: f64) -> f64 {
        let pad = self.states.first().map_or(Vec3::ZERO, |s| s.0);
        let n = ((until_s / self.step_s).ceil().max(0.0) as usize + 1).min(self.states.len());
        self.states[..n]
            .iter()
            .map(|s| pad.angle_to(s.0))
            .fold(0.0, f64::max)
    }
}

/// A satellite coasting on a circular Kepler orbit, m and s.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CircularOrbit {
    /// Orbit radius, m.
    pub radius: f64,
    /// Mean motion, rad/s.
    pub mean_motion: f64,
    /// Unit vector to the satellite at t = 0.
    pub p: Vec3,
    /// Unit vector 90° ahead along the orbit.
    pub q: Vec3,
}

impl CircularOrbit {
    /// The orbit through `r` with the plane and sense of (`r`, `v`), at
    /// `r`'s radius (the velocity's magnitude is not used beyond its
    /// direction).
    pub fn osculating(r: Vec3, v: Vec3) -> Self {
        let radius = r.norm();
        let p = r.unit();
        let h = r.cross(v).unit();
        Self {
            radius,
            mean_motion: (MU_EARTH / radius.powi(3)).sqrt(),
            p,
            q: h.cross(p),
        }
    }

    /// Position and velocity at time `t` (s), m and m/s.
    pub fn state(&self, t: f64) -> (Vec3, Vec3) {
        let (s, c) = (self.mean_motion * t).sin_cos();
        let speed = self.radius * self.mean_motion;
        (
            (self.p * c + self.q * s) * self.radius,
            (self.q * c - self.p * s) * speed,
        )
    }
}
