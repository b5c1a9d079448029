//! The time budget of a boost-phase intercept: from launch, the defense
//! needs time to detect, to decide and commit, to fly out and for the end
//! game, and the intercept must happen before a deadline — the booster's
//! burnout, the bus releasing its re-entry vehicles, or the missile passing
//! below a given altitude on its way down.

use crate::interceptor::Interceptor;
use cupola_threat::{EventKind, Trajectory};

/// When the intercept must have happened.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Deadline {
    /// Before powered flight ends (true boost-phase intercept).
    BoostEnd,
    /// Before the post-boost bus has released its re-entry vehicles.
    BusDeployed,
    /// Before the missile descends below this altitude, m (e.g. to keep
    /// debris off the defended territory).
    DescendsBelow {
        /// Altitude, m.
        altitude_m: f64,
    },
    /// Before a fixed time after lift-off, s.
    At {
        /// Time after lift-off, s.
        time_s: f64,
    },
}

/// The defense's timeline against one launch.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct TimeBudget {
    /// From lift-off to a report of the launch, s (from the sensor layer or
    /// a fixed latency).
    pub detection_s: f64,
    /// From the report to the interceptor's launch: decision and commit, s.
    pub decision_s: f64,
    /// The deadline.
    pub deadline: Deadline,
}

/// An impossible or empty time budget.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum BudgetError {
    /// A delay is negative or not finite.
    #[error("{field} must be zero or positive, got {value} s")]
    NegativeDelay {
        /// The field.
        field: &'static str,
        /// Its value, s.
        value: f64,
    },
    /// The deadline is never reached on this trajectory, or only after impact.
    #[error("the deadline ({0}) does not fall between lift-off and impact on this trajectory")]
    DeadlineNotOnTrajectory(String),
}

impl TimeBudget {
    /// Check the delays.
    pub fn validate(&self) -> Result<(), BudgetError> {
        for (field, value) in [
            ("detection_s", self.detection_s),
            ("decision_s", self.decision_s),
        ] {
            if !(value >= 0.0 && value.is_finite()) {
                return Err(BudgetError::NegativeDelay { field, value });
            }
        }
        Ok(())
    }

    /// Time of the deadline on `trajectory`, s after lift-off.
    pub fn deadline_s(&self, trajectory: &Trajectory) -> Result<f64, BudgetError> {
        let impact = trajectory.flight_time_s().unwrap_or(f64::INFINITY);
        let at = match self.deadline {
            Deadline::BoostEnd => Some(trajectory.boost_end_s),
            Deadline::BusDeployed => trajectory
                .event(EventKind::BusDeployed)
                .map(|e| e.state.time_s),
            Deadline::DescendsBelow { altitude_m } => descent_time(trajectory, altitude_m),
            Deadline::At { time_s } => Some(time_s),
        };
        match at {
            Some(t) if t.is_finite() && t > 0.0 && t <= impact => Ok(t),
            _ => Err(BudgetError::DeadlineNotOnTrajectory(format!(
                "{:?}",
                self.deadline
            ))),
        }
    }

    /// Time the interceptor has to fly out, s: from its launch (detection
    /// plus decision) to the deadline less the end game; negative when the
    /// defense is too late.
    pub fn flyout_window_s(
        &self,
        trajectory: &Trajectory,
        interceptor: &Interceptor,
    ) -> Result<f64, BudgetError> {
        self.validate()?;
        Ok(self.deadline_s(trajectory)?
            - self.detection_s
            - self.decision_s
            - interceptor.end_game_s)
    }
}

/// First time after apogee at which the trajectory is below `altitude_m`,
/// s after lift-off, by bisection on the recorded flight to 0.01 s.
fn descent_time(tr: &Trajectory, altitude_m: f64) -> Option<f64> {
    let apogee = tr.event(EventKind::Apogee)?.state.time_s;
    let end = tr.flight_time_s()?;
    let above = |t: f64| tr.sample(t).is_some_and(|s| s.altitude_m > altitude_m);
    if !above(apogee) {
        return None;
    }
    let (mut a, mut b) = (apogee, end);
    if above(b) {
        return None;
    }
    while b - a > 0.01 {
        let m = 0.5 * (a + b);
        if above(m) { a = m } else { b = m }
    }
    Some(b)
}

/// Reach on the ground of an interceptor flying out for `window_s` (s) at
/// average speed `average_speed_m_s` (m/s): `ρ = v̄·t`, m; zero for a
/// negative window. The first-order reach of the absentee-ratio literature.
pub fn ground_reach_m(average_speed_m_s: f64, window_s: f64) -> f64 {
    (average_speed_m_s * window_s).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{default_trajectory as trajectory, sbi};

    /// The reference case: 180 s of boost, 60 s of delays, 4 km/s
    /// average fly-out speed reach 480 km on the ground.
    #[test]
    fn reference_reach() {
        assert_eq!(ground_reach_m(4_000.0, 180.0 - 60.0), 480_000.0);
        assert_eq!(ground_reach_m(4_000.0, -5.0), 0.0);
    }

    /// Deadlines fall where the trajectory says, in order, and the window is
    /// the deadline less every delay.
    #[test]
    fn deadlines_and_window() {
        let tr = trajectory();
        let b = |deadline| TimeBudget {
            detection_s: 30.0,
            decision_s: 30.0,
            deadline,
        };
        let boost = b(Deadline::BoostEnd).deadline_s(&tr).unwrap();
        let bus = b(Deadline::BusDeployed).deadline_s(&tr).unwrap();
        let low = b(Deadline::DescendsBelow { altitude_m: 300e3 })
            .deadline_s(&tr)
            .unwrap();
        assert_eq!(boost, tr.boost_end_s);
        assert!(boost < bus && bus < low && low < tr.flight_time_s().unwrap());
        assert!((tr.sample(low).unwrap().altitude_m - 300e3).abs() < 200.0);
        let w = b(Deadline::BoostEnd).flyout_window_s(&tr, &sbi()).unwrap();
        assert!((w - (tr.boost_end_s - 70.0)).abs() < 1e-9);
    }

    /// Negative delays and a deadline the missile never meets are errors.
    #[test]
    fn bad_budgets_are_errors() {
        let tr = trajectory();
        let neg = TimeBudget {
            detection_s: -1.0,
            decision_s: 0.0,
            deadline: Deadline::BoostEnd,
        };
        assert!(matches!(
            neg.validate(),
            Err(BudgetError::NegativeDelay { .. })
        ));
        let never = TimeBudget {
            detection_s: 0.0,
            decision_s: 0.0,
            deadline: Deadline::DescendsBelow {
                altitude_m: 5_000e3,
            },
        };
        assert!(matches!(
            never.deadline_s(&tr),
            Err(BudgetError::DeadlineNotOnTrajectory(_))
        ));
        let after_impact = TimeBudget {
            deadline: Deadline::At {
                time_s: tr.flight_time_s().unwrap() + 1.0,
            },
            ..never
        };
        assert!(after_impact.deadline_s(&tr).is_err());
    }
}
