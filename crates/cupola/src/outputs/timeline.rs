//! The sensor-to-shooter timeline printed with every sizing answer: when
//! each sensor first sees the launch and reports it, when a track exists,
//! the decision, the interceptor's fly-out and the end game, against the
//! deadline.

use cupola_analysis::sizing::SbiLayerSpec;
use cupola_analysis::sizing::study::BoostTimeline;
use cupola_defense::SensorReport;
use cupola_defense::budget::Deadline;
use cupola_defense::detect::DetectionTimeline;
use cupola_threat::Trajectory;
use std::fmt::Write as _;

/// The timeline of one launch against the SBI layer, s after lift-off.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ShooterTimeline {
    /// The launch.
    pub launch: String,
    /// Each sensor's first sight and reporting latency (empty when the
    /// layer takes a fixed `detection_s` instead of the sensors).
    pub sensors: Vec<SensorReport>,
    /// The launch report the layer acts on, s.
    pub report_s: f64,
    /// The sensor whose report comes first; `None` for a fixed delay.
    pub reported_by: Option<String>,
    /// When a track first exists, s, and the sensor holding it.
    pub track: Option<(f64, String)>,
    /// Decision and commit, s.
    pub decision_s: f64,
    /// Interceptor launch (report plus decision), s.
    pub fire_s: f64,
    /// Time the interceptor has to fly out (to the deadline less the end
    /// game), s; negative when the defense is too late.
    pub flyout_s: f64,
    /// The kill vehicle's end game, s.
    pub end_game_s: f64,
    /// The deadline, s.
    pub deadline_s: f64,
    /// What the deadline is, in words.
    pub deadline: String,
}

impl ShooterTimeline {
    /// The timeline of `launch` (flown as `trajectory`) against `layer`,
    /// reported `report_s` s after lift-off, by the sensors of `detection`
    /// when the layer uses them.
    pub fn new(
        launch: &str,
        layer: &SbiLayerSpec,
        report_s: f64,
        detection: Option<&DetectionTimeline>,
        trajectory: &Trajectory,
    ) -> Option<Self> {
        let b = BoostTimeline::new(layer, report_s, trajectory).ok()?;
        Some(Self {
            launch: launch.to_owned(),
            sensors: detection.map_or_else(Vec::new, |d| d.reports.clone()),
            report_s,
            reported_by: detection.and_then(|d| d.first_detection.as_ref().map(|f| f.1.clone())),
            track: detection.and_then(|d| d.track_established.clone()),
            decision_s: layer.decision_s,
            fire_s: b.fire_s,
            flyout_s: b.intercept_by_s - b.fire_s,
            end_game_s: b.deadline_s - b.intercept_by_s,
            deadline_s: b.deadline_s,
            deadline: deadline_name(&layer.deadline),
        })
    }
}

/// The deadline in words.
fn deadline_name(d: &Deadline) -> String {
    match d {
        Deadline::BoostEnd => "boost end".into(),
        Deadline::BusDeployed => "bus deployed".into(),
        Deadline::DescendsBelow { altitude_m } => {
            format!("descent below {:.0} km", altitude_m / 1e3)
        }
        Deadline::At { time_s } => format!("{time_s:.0} s after lift-off"),
    }
}

/// The timelines as the sizing summary prints them, one block per launch.
pub fn text(list: &[ShooterTimeline]) -> String {
    let mut o = String::new();
    for t in list {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "  Sensor-to-shooter timeline, {} (s after lift-off):",
            t.launch
        );
        if t.sensors.is_empty() {
            let _ = writeln!(
                o,
                "    launch report        {:>6.1}  (fixed detection_s)",
                t.report_s
            );
        }
        for s in &t.sensors {
            let first = t.reported_by.as_deref() == Some(s.sensor.as_str());
            match (s.first_sight_s, s.report_s()) {
                (Some(sight), Some(report)) => {
                    let _ = writeln!(
                        o,
                        "    {:<20} {sight:>6.1}  first sight, + {:.0} s reporting latency = report at {report:.1}{}",
                        s.sensor,
                        s.reporting_latency_s,
                        if first { " (first report)" } else { "" }
                    );
                }
                _ => {
                    let _ = writeln!(o, "    {:<20}      —  never sees the launch", s.sensor);
                }
            }
        }
        if let Some((at, who)) = &t.track {
            let _ = writeln!(o, "    track                {at:>6.1}  ({who})");
        }
        let _ = writeln!(
            o,
            "    interceptor fires    {:>6.1}  (report + {:.0} s decision)",
            t.fire_s, t.decision_s
        );
        let _ = writeln!(
            o,
            "    intercept by         {:>6.1}  ({:.1} s of fly-out{})",
            t.fire_s + t.flyout_s,
            t.flyout_s,
            if t.flyout_s <= 0.0 { ": too late" } else { "" }
        );
        let _ = writeln!(
            o,
            "    deadline             {:>6.1}  ({}, after {:.0} s of end game)",
            t.deadline_s, t.deadline, t.end_game_s
        );
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timeline_adds_up_and_names_the_first_report() {
        let t = ShooterTimeline {
            launch: "ICBM".into(),
            sensors: vec![
                SensorReport {
                    sensor: "geo".into(),
                    first_sight_s: Some(31.0),
                    reporting_latency_s: 20.0,
                },
                SensorReport {
                    sensor: "leo".into(),
                    first_sight_s: Some(28.0),
                    reporting_latency_s: 0.0,
                },
            ],
            report_s: 28.0,
            reported_by: Some("leo".into()),
            track: Some((29.0, "leo".into())),
            decision_s: 30.0,
            fire_s: 58.0,
            flyout_s: 112.0,
            end_game_s: 10.0,
            deadline_s: 180.0,
            deadline: "boost end".into(),
        };
        let s = text(&[t]);
        assert!(
            s.contains("+ 20 s reporting latency = report at 51.0"),
            "{s}"
        );
        assert!(s.contains("report at 28.0 (first report)"), "{s}");
        assert!(s.contains("report + 30 s decision"), "{s}");
        assert!(
            s.contains("intercept by          170.0  (112.0 s of fly-out)"),
            "{s}"
        );
        assert!(s.contains("(boost end, after 10 s of end game)"), "{s}");
    }
}
