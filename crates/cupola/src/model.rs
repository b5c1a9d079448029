//! The model of a scenario, built once and shared by every study run on it:
//! its constellations laid out (their ephemerides), the sensors on them,
//! every launch targeted and flown, and the fast-burn variants the
//! stability study prices; the checks that need those flights (the SBI
//! layer's deadline) are made here, located in the scenario file. What a
//! study asks of the sensor layer (a launch's detection timeline, a
//! sensor's first track) is computed on first use and kept.

use crate::error::Error;
use crate::layer::Layer;
use crate::study::run::{DEFAULT_STEP_S, studies};
use cupola_analysis::TrajectoryStudy;
use cupola_analysis::sizing::{Detection, SbiLayerSpec};
use cupola_analysis::stability::fast_burn;
use cupola_defense::budget::{Deadline, TimeBudget};
use cupola_defense::{DetectionTimeline, Sensor, detect};
use cupola_scenario::{LaunchSpec, ProblemKind, Scenario};
use cupola_threat::{Solution, Trajectory};
use rayon::prelude::*;
use std::sync::OnceLock;

/// Sampling interval of detection timelines when the scenario has no
/// `[detect]` table, s (the documented default of that table).
pub const DEFAULT_DETECT_STEP_S: f64 = 1.0;

/// A scenario with what its studies share built once.
pub struct Model {
    scenario: Scenario,
    layer: Layer,
    sensors: Vec<Sensor>,
    /// Each launch as a trajectory study (samples every
    /// [`DEFAULT_STEP_S`]), in scenario order.
    launches: Vec<TrajectoryStudy>,
    /// Each launch flown, in scenario order.
    flights: Vec<Solution>,
    /// The fast-burn variant of each launch an `[engage]` area faces, when
    /// the stability study's fast-burn option is on.
    fast: Vec<Option<Trajectory>>,
    /// Each launch's detection timeline against every sensor, on first use.
    detections: Vec<OnceLock<DetectionTimeline>>,
    /// When sensor `k` first holds a track of launch `i` (at
    /// `i * sensors + k`), s after lift-off, on first use.
    cues: Vec<OnceLock<Option<f64>>>,
}

impl Model {
    /// Build the model of `scenario`: every constellation laid out, every
    /// sensor placed, every launch flown (and the fast-burn variants of
    /// those `[engage]` faces, when `[stability]` prices that option), and
    /// the SBI layer's deadline checked against the launches it faces.
    ///
    /// # Errors
    ///
    /// A launch that cannot be flown (naming it and where it is defined), a
    /// deadline outside a launch's flight (located at `deadline`), a
    /// constellation that cannot be laid out.
    pub fn new(scenario: Scenario) -> Result<Self, Error> {
        let layer = Layer::new(&scenario)?;
        let sensors = layer.sensors(&scenario)?;
        let launches = studies(&scenario, DEFAULT_STEP_S);
        // In parallel; the first failure in scenario order is reported,
        // whatever the threads.
        let flown: Vec<_> = launches.par_iter().map(TrajectoryStudy::solve).collect();
        let flights = flown.into_iter().collect::<Result<Vec<_>, _>>()?;
        if let Some(sbi) = &scenario.sbi {
            // The launches the layer faces; the first when no study faces
            // it with any.
            let mut faced = sbi_launches(&scenario);
            if faced.is_empty() {
                faced.push(0);
            }
            for i in faced {
                if let (Some(l), Some(f)) = (scenario.launches.get(i), flights.get(i)) {
                    check_deadline(&scenario, sbi, l, &f.trajectory)?;
                }
            }
        }
        let mut fast = vec![None; launches.len()];
        let options = scenario.stability.clone().unwrap_or_default().options;
        if let Some(spec) = scenario.engage.as_ref().filter(|_| options.fast_burn) {
            let mut used: Vec<usize> = spec.areas.iter().map(|a| a.launch).collect();
            used.sort_unstable();
            used.dedup();
            for i in used {
                if let Some(l) = launches.get(i) {
                    fast[i] = Some(fast_burn(l, options.fast_burn_boost_s)?);
                }
            }
        }
        let n = launches.len();
        Ok(Self {
            detections: (0..n).map(|_| OnceLock::new()).collect(),
            cues: (0..n * sensors.len()).map(|_| OnceLock::new()).collect(),
            scenario,
            layer,
            sensors,
            launches,
            flights,
            fast,
        })
    }

    /// The scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Its constellations and sensors.
    pub fn layer(&self) -> &Layer {
        &self.layer
    }

    /// The scenario's sensors, in scenario order.
    pub fn sensors(&self) -> &[Sensor] {
        &self.sensors
    }

    /// The launches as trajectory studies (samples every
    /// [`DEFAULT_STEP_S`] s), in scenario order.
    pub fn launches(&self) -> &[TrajectoryStudy] {
        &self.launches
    }

    /// Launch `i` flown.
    pub fn flight(&self, i: usize) -> Result<&Solution, Error> {
        self.flights
            .get(i)
            .ok_or_else(|| Error::Internal(format!("launch index {i} out of range")))
    }

    /// The fast-burn variant of launch `i` flown, when the model has it
    /// (a launch an `[engage]` area faces, with the fast-burn option on).
    pub fn fast_burn(&self, i: usize) -> Option<&Trajectory> {
        self.fast.get(i).and_then(Option::as_ref)
    }

    /// The sampling interval of detection timelines, s.
    pub fn detect_step_s(&self) -> f64 {
        self.scenario
            .detect
            .as_ref()
            .map_or(DEFAULT_DETECT_STEP_S, |d| d.step_s)
    }

    /// Launch `i`'s detection timeline against every sensor, computed on
    /// first use (the caller enforces the detection budget).
    pub fn detection(&self, i: usize) -> Result<&DetectionTimeline, Error> {
        let (launch, sol) = (self.launch(i)?, self.flight(i)?);
        let cell = self
            .detections
            .get(i)
            .ok_or_else(|| Error::Internal(format!("launch index {i} out of range")))?;
        Ok(cell.get_or_init(|| {
            detect(
                &sol.trajectory,
                launch.launch_time_s,
                &self.sensors,
                self.detect_step_s(),
            )
        }))
    }

    /// When the sensor called `name` first holds a track of launch `i`, s
    /// after lift-off (None: never), computed on first use.
    pub fn cue(&self, i: usize, name: &str) -> Result<Option<f64>, Error> {
        let Some(k) = self.scenario.sensors.iter().position(|s| s.name == name) else {
            return Err(Error::Internal(format!("sensor {name:?} vanished")));
        };
        let (launch, sol) = (self.launch(i)?, self.flight(i)?);
        let cell = self
            .cues
            .get(i * self.sensors.len() + k)
            .ok_or_else(|| Error::Internal(format!("launch index {i} out of range")))?;
        Ok(*cell.get_or_init(|| {
            detect(
                &sol.trajectory,
                launch.launch_time_s,
                &self.sensors[k..=k],
                self.detect_step_s(),
            )
            .track_established
            .map(|(t, _)| t)
        }))
    }

    /// When the SBI layer `sbi` hears of launch `i`, s after lift-off: its
    /// fixed latency, or the sensor layer's first report, with the
    /// detection timeline it comes from.
    ///
    /// # Errors
    ///
    /// A sensor layer that never reports the launch, located at
    /// `detection = "sensors"`.
    pub fn report(
        &self,
        sbi: &SbiLayerSpec,
        i: usize,
    ) -> Result<(f64, Option<&DetectionTimeline>), Error> {
        match sbi.detection {
            Detection::Latency { seconds } => Ok((seconds, None)),
            Detection::SensorLayer => {
                let d = self.detection(i)?;
                match &d.first_detection {
                    Some((t, _)) => Ok((*t, Some(d))),
                    None => Err(never_reported(&self.scenario, &self.launch(i)?.name)),
                }
            }
        }
    }

    /// Launch `i` as a trajectory study.
    fn launch(&self, i: usize) -> Result<&TrajectoryStudy, Error> {
        self.launches
            .get(i)
            .ok_or_else(|| Error::Internal(format!("launch index {i} out of range")))
    }
}

/// The launches the SBI layer of `s` faces: those of the `[size]` areas and
/// of the `[engage]` areas when it has a boost layer; each once, in
/// scenario order.
pub fn sbi_launches(s: &Scenario) -> Vec<usize> {
    let mut used: Vec<usize> = s
        .size
        .iter()
        .flat_map(|z| z.areas.iter().map(|a| a.launch))
        .chain(
            s.engage
                .iter()
                .filter(|e| e.boost.is_some())
                .flat_map(|e| e.areas.iter().map(|a| a.launch)),
        )
        .collect();
    used.sort_unstable();
    used.dedup();
    used
}

/// The error of a sensor layer that never reports the launch `name`.
fn never_reported(s: &Scenario, name: &str) -> Error {
    let message = format!(
        "the sensor layer never reports the launch `{name}`, so the SBI layer never hears of it"
    );
    match &s.anchors.sbi_detection {
        Some(at) => at
            .error(
                ProblemKind::InvalidValue,
                message,
                "give a fixed delay instead, e.g. `detection_s = 30.0`, or add sensors that see \
                 the launch",
                "no report of this launch",
            )
            .into(),
        None => Error::Input(format!("[sbi.budget] detection = \"sensors\": {message}")),
    }
}

/// Check the deadline of the layer `sbi` against the flight `tr` of
/// `launch`: it must fall between lift-off and impact.
fn check_deadline(
    s: &Scenario,
    sbi: &SbiLayerSpec,
    launch: &LaunchSpec,
    tr: &Trajectory,
) -> Result<(), Error> {
    let budget = TimeBudget {
        detection_s: 0.0,
        decision_s: sbi.decision_s,
        deadline: sbi.deadline,
    };
    if budget.deadline_s(tr).is_ok() {
        return Ok(());
    }
    let name = &launch.name;
    let lands = tr.flight_time_s().map_or_else(
        || "does not land".to_owned(),
        |t| format!("lands {t:.0} s after lift-off"),
    );
    let apogee_km = tr.apogee_altitude_m() / 1e3;
    let boost_s = tr.boost_end_s;
    let (message, help) = match sbi.deadline {
        Deadline::At { time_s } => (
            format!(
                "the deadline {time_s} s after lift-off falls after the missile's impact: the \
                 launch `{name}` {lands}"
            ),
            format!(
                "give a time before impact, e.g. `deadline = {{ time_s = {boost_s:.0} }}` (the \
                 end of boost), or use \"boost_end\""
            ),
        ),
        Deadline::DescendsBelow { altitude_m } if altitude_m >= tr.apogee_altitude_m() => (
            format!(
                "the launch `{name}` never climbs above {} km (its apogee is {apogee_km:.0} km), \
                 so it never descends below it",
                altitude_m / 1e3
            ),
            format!(
                "give an altitude below the apogee, e.g. `deadline = {{ descends_below_km = \
                 {:.0} }}`",
                (apogee_km / 2.0).min(100.0)
            ),
        ),
        Deadline::DescendsBelow { altitude_m } => (
            format!(
                "the launch `{name}` does not descend below {} km before impact (it {lands})",
                altitude_m / 1e3
            ),
            "give an altitude above the aim point's, e.g. `deadline = { descends_below_km = \
             100.0 }`"
                .to_owned(),
        ),
        Deadline::BusDeployed => (
            format!(
                "the missile `{}` of the launch `{name}` deploys no bus before impact",
                launch.missile.name
            ),
            "use \"boost_end\", or a missile with a post-boost bus".to_owned(),
        ),
        Deadline::BoostEnd => (
            format!("the boost of the launch `{name}` does not end before impact"),
            "use a deadline on the trajectory, e.g. `deadline = { time_s = 100.0 }`".to_owned(),
        ),
    };
    let label = "not between lift-off and impact";
    Err(match &s.anchors.sbi_deadline {
        Some(at) => at
            .error(ProblemKind::InvalidValue, message, help, label)
            .into(),
        None => Error::Input(format!("[sbi.budget] deadline: {message}\nhelp: {help}")),
    })
}
