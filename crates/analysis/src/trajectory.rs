//! The trajectory study: target a missile on an aim point along a profile,
//! fly it, and report its timeline and state history.

use cupola_physics::frames::{Geodetic, ground_distance};
use cupola_threat::trajectory::Sample;
use cupola_threat::{
    EventKind, FlightOptions, Missile, Profile, Solution, TargetingError, TimelineEvent,
};

/// What to study: one missile from a launch point to an aim point.
#[derive(Clone, Debug)]
pub struct TrajectoryStudy {
    /// Label of this launch.
    pub name: String,
    /// The missile.
    pub missile: Missile,
    /// Launch point.
    pub site: Geodetic,
    /// Aim point.
    pub aim: Geodetic,
    /// Trajectory shape.
    pub profile: Profile,
    /// Launch time after the scenario epoch, s.
    pub launch_time_s: f64,
    /// Physics switches.
    pub options: FlightOptions,
    /// Interval between reported samples, s.
    pub sample_step_s: f64,
    /// Where the launch is defined (`file:line:column` of its scenario
    /// table), named in the error when its flight fails; `None` for a
    /// launch given otherwise (command-line flags, tests).
    pub defined_at: Option<String>,
}

/// The headline numbers of a trajectory.
#[derive(Clone, Debug, serde::Serialize)]
pub struct TrajectorySummary {
    /// Label of this launch.
    pub name: String,
    /// Missile name.
    pub missile: String,
    /// Trajectory shape flown.
    pub profile: Profile,
    /// Launch point latitude, deg.
    pub site_lat_deg: f64,
    /// Launch point longitude, deg.
    pub site_lon_deg: f64,
    /// Aim point latitude, deg.
    pub aim_lat_deg: f64,
    /// Aim point longitude, deg.
    pub aim_lon_deg: f64,
    /// Ground distance from launch to aim point on the mean sphere, km.
    pub range_km: f64,
    /// Launch time after the scenario epoch, s.
    pub launch_time_s: f64,
    /// Launch azimuth, deg clockwise from north.
    pub azimuth_deg: f64,
    /// Pitch-over (kick) angle from the vertical, deg.
    pub kick_deg: f64,
    /// Whether the guidance terminated thrust before the last burnout.
    pub thrust_terminated: bool,
    /// End of powered flight, s after lift-off.
    pub boost_end_s: f64,
    /// Altitude at the end of powered flight, km.
    pub burnout_altitude_km: f64,
    /// Inertial speed at the end of powered flight, km/s.
    pub burnout_speed_km_s: f64,
    /// Apogee altitude, km.
    pub apogee_km: f64,
    /// Time from lift-off to impact, s.
    pub flight_time_s: f64,
    /// Impact speed relative to the ground, km/s.
    pub impact_speed_km_s: f64,
    /// Distance from impact to aim point, m.
    pub miss_m: f64,
    /// Full flights flown by the targeting iteration.
    pub targeting_iterations: usize,
}

/// The result of the trajectory study.
#[derive(Clone, Debug, serde::Serialize)]
pub struct TrajectoryResult {
    /// Headline numbers.
    pub summary: TrajectorySummary,
    /// Events in time order (times after lift-off).
    pub timeline: Vec<TimelineEvent>,
    /// State every `sample_step_s` and at each event.
    pub samples: Vec<Sample>,
}

/// Errors of the trajectory study.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StudyError {
    /// Targeting failed for this launch.
    #[error(
        "launch `{name}`{}: {source}",
        defined_at.as_ref().map(|d| format!(" (defined at {d})")).unwrap_or_default()
    )]
    Targeting {
        /// The launch's label.
        name: String,
        /// Where the launch is defined, `file:line:column`, when known.
        defined_at: Option<String>,
        /// Why.
        source: TargetingError,
    },
}

impl TrajectoryStudy {
    /// Target and fly the missile.
    pub fn solve(&self) -> Result<Solution, StudyError> {
        cupola_threat::solve(
            &self.missile,
            self.site,
            self.aim,
            self.profile,
            self.options,
        )
        .map_err(|source| StudyError::Targeting {
            name: self.name.clone(),
            defined_at: self.defined_at.clone(),
            source,
        })
    }

    /// Run the study.
    pub fn run(&self) -> Result<TrajectoryResult, StudyError> {
        Ok(self.result(&self.solve()?))
    }

    /// The study's result from a solved flight.
    pub fn result(&self, sol: &Solution) -> TrajectoryResult {
        let tr = &sol.trajectory;
        let boost = tr.event(EventKind::BoostEnd).map(|e| e.state);
        let impact = tr.event(EventKind::Impact).map(|e| e.state);
        let summary = TrajectorySummary {
            name: self.name.clone(),
            missile: self.missile.name.clone(),
            profile: self.profile,
            site_lat_deg: self.site.lat.to_degrees(),
            site_lon_deg: self.site.lon.to_degrees(),
            aim_lat_deg: self.aim.lat.to_degrees(),
            aim_lon_deg: self.aim.lon.to_degrees(),
            range_km: ground_distance(self.site.to_ecef(), self.aim.to_ecef()) / 1e3,
            launch_time_s: self.launch_time_s,
            azimuth_deg: sol.plan.azimuth.to_degrees(),
            kick_deg: sol.plan.kick.to_degrees(),
            thrust_terminated: tr.cut_off,
            boost_end_s: tr.boost_end_s,
            burnout_altitude_km: boost.map_or(f64::NAN, |s| s.altitude_m / 1e3),
            burnout_speed_km_s: boost.map_or(f64::NAN, |s| s.inertial_speed_m_s / 1e3),
            apogee_km: tr.apogee_altitude_m() / 1e3,
            flight_time_s: tr.flight_time_s().unwrap_or(f64::NAN),
            impact_speed_km_s: impact.map_or(f64::NAN, |s| s.speed_m_s / 1e3),
            miss_m: sol.miss_m,
            targeting_iterations: sol.iterations,
        };
        TrajectoryResult {
            summary,
            timeline: tr.timeline.clone(),
            samples: tr.samples(self.sample_step_s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn study_hits_its_aim_point() {
        let study = TrajectoryStudy {
            name: "test".into(),
            missile: cupola_threat::catalog::solid_icbm(),
            site: Geodetic::from_degrees(41.0, 100.0, 1000.0),
            aim: Geodetic::from_degrees(50.0, 140.0, 0.0),
            profile: Profile::MinimumEnergy,
            launch_time_s: 0.0,
            options: FlightOptions::default(),
            sample_step_s: 10.0,
            defined_at: None,
        };
        let r = study.run().unwrap();
        assert!(r.summary.miss_m < 1_000.0);
        assert!(r.samples.len() > 10);
        assert!(r.samples.windows(2).all(|w| w[0].time_s < w[1].time_s));
        assert_eq!(r.timeline.last().map(|e| e.kind), Some(EventKind::Impact));
    }

    /// A failed flight (here a NaN tolerance, under which the payload never
    /// comes back down) fails with an error naming the launch and where it
    /// is defined; integrator failures (step-size underflow, non-finite
    /// derivatives) are sources of the same error and are named alike.
    #[test]
    fn a_flight_failure_names_the_launch_and_its_location() {
        let study = TrajectoryStudy {
            name: "probe".into(),
            missile: cupola_threat::catalog::solid_icbm(),
            site: Geodetic::from_degrees(41.0, 100.0, 1000.0),
            aim: Geodetic::from_degrees(50.0, 140.0, 0.0),
            profile: Profile::MinimumEnergy,
            launch_time_s: 0.0,
            options: FlightOptions {
                rtol: f64::NAN,
                ..FlightOptions::default()
            },
            sample_step_s: 10.0,
            defined_at: Some("probe.toml:12:1".into()),
        };
        let Err(e) = study.solve() else {
            panic!("a NaN tolerance flew");
        };
        let text = e.to_string();
        assert!(
            text.starts_with("launch `probe` (defined at probe.toml:12:1): "),
            "{text}"
        );
    }
}
