//! Detection results: when the sensor layer sees and tracks each launch.

use super::Sink;
use crate::error::Error;
use cupola_analysis::detection::DetectionResult;
use cupola_defense::{DetectionTimeline, TrackSample};
use cupola_report::{HtmlSection, LinePlot, Series, Table, TextTable};
use std::fmt::Write as _;

/// The detection timeline of one launch, with the flight's events to read
/// it against.
#[derive(Clone, Debug, serde::Serialize)]
pub struct LaunchDetection {
    /// Launch name.
    pub launch: String,
    /// Events of the flight (name, s after lift-off).
    pub events: Vec<(String, f64)>,
    /// What the sensors saw.
    pub detection: DetectionTimeline,
}

impl LaunchDetection {
    /// The detection part of a study result.
    pub fn from_result(d: &DetectionResult) -> Self {
        Self {
            launch: d.trajectory.summary.name.clone(),
            events: d
                .trajectory
                .timeline
                .iter()
                .map(|e| (e.kind.to_string(), e.state.time_s))
                .collect(),
            detection: d.detection.clone(),
        }
    }
}

fn heading(d: &LaunchDetection) -> String {
    format!("Detection of \"{}\"", d.launch)
}

fn lines(d: &LaunchDetection) -> Vec<String> {
    let t = &d.detection;
    let first = match &t.first_detection {
        Some((s, who)) => format!("launch reported {s:.1} s after lift-off by {who}"),
        None => "launch never reported".into(),
    };
    let track = match &t.track_established {
        Some((s, who)) => format!("track held from {s:.1} s by {who}"),
        None => "no track formed".into(),
    };
    vec![format!("{first}; {track}")]
}

fn nearest(samples: &[TrackSample], t: f64) -> Option<&TrackSample> {
    samples
        .iter()
        .min_by(|a, b| (a.time_s - t).abs().total_cmp(&(b.time_s - t).abs()))
}

fn events_table(d: &LaunchDetection) -> TextTable {
    let mut headers = vec!["event".to_string(), "time_s".into()];
    headers.extend(d.detection.sensors.iter().map(|s| format!("{s} in view")));
    headers.push("track_error_km".into());
    let mut t = TextTable::new(headers);
    for (name, time) in &d.events {
        if let Some(s) = nearest(&d.detection.samples, *time) {
            let mut row = vec![name.clone(), format!("{time:.1}")];
            row.extend(s.in_view.iter().map(|n| n.to_string()));
            row.push(
                s.track_error_m
                    .map_or("—".into(), |e| format!("{:.3}", e / 1e3)),
            );
            t.push_row(row);
        }
    }
    t
}

/// Summary text of one launch's detection.
pub fn text(d: &LaunchDetection) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{}", heading(d));
    for line in lines(d) {
        let _ = writeln!(o, "  {line}");
    }
    let _ = writeln!(o);
    super::push_indented(&mut o, &events_table(d).to_string());
    o
}

/// Table, plot and HTML section of one launch's detection, under `name`.
pub fn files(sink: &mut Sink, name: &str, d: &LaunchDetection) -> Result<(), Error> {
    let s = &d.detection.samples;
    let mut table = Table::new(format!("detection {}", d.launch))
        .with_column("time", "s", s.iter().map(|x| x.time_s).collect())
        .with_column(
            "altitude",
            "km",
            s.iter().map(|x| x.altitude_m / 1e3).collect(),
        );
    for (k, sensor) in d.detection.sensors.iter().enumerate() {
        let values = s
            .iter()
            .map(|x| x.in_view.get(k).copied().unwrap_or(0) as f64)
            .collect();
        table = table.with_column(format!("in_view_{}", super::slug(sensor)), "", values);
    }
    table = table.with_column(
        "track_error",
        "m",
        s.iter()
            .map(|x| x.track_error_m.unwrap_or(f64::NAN))
            .collect(),
    );
    sink.set.add(
        format!("detection-{name}.csv"),
        table.to_csv()?.into_bytes(),
    );
    let plot = LinePlot {
        title: format!("{}: track error", d.launch),
        x_label: "time after lift-off (s)".into(),
        y_label: "track error, one sigma (km)".into(),
        series: vec![Series {
            name: "track error".into(),
            points: s
                .iter()
                .map(|x| (x.time_s, x.track_error_m.map_or(f64::NAN, |e| e / 1e3)))
                .collect(),
        }],
    };
    let svg = plot.render_svg()?;
    let mut paragraphs = lines(d);
    paragraphs.push(format!("Table: detection-{name}.csv."));
    sink.html.sections.push(HtmlSection {
        heading: heading(d),
        paragraphs,
        tables: vec![events_table(d)],
        svgs: vec![svg.clone()],
    });
    sink.set
        .add(format!("detection-{name}.svg"), svg.into_bytes());
    Ok(())
}
