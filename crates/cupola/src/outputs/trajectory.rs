//! Trajectory results: summary text, tables, plot and HTML section.

use super::{Sink, lat_lon};
use crate::error::Error;
use cupola_analysis::trajectory::TrajectoryResult;
use cupola_report::{HtmlSection, LinePlot, Series, Table, TextTable};
use cupola_threat::Profile;
use std::fmt::Write as _;

fn profile_text(p: &Profile) -> String {
    match p {
        Profile::MinimumEnergy => "minimum-energy".into(),
        Profile::Lofted { apogee_m } => format!("lofted to {:.0} km apogee", apogee_m / 1e3),
        Profile::Depressed { apogee_m } => format!("depressed to {:.0} km apogee", apogee_m / 1e3),
        Profile::DepressedTime { flight_time_s } => {
            format!("depressed to {flight_time_s:.0} s flight")
        }
    }
}

/// `x`, or zero when it is within `tol` of zero (so tables do not show −0.0).
fn no_negative_zero(x: f64, tol: f64) -> f64 {
    if x.abs() < tol { 0.0 } else { x }
}

/// The headline lines of one trajectory.
pub fn headline(r: &TrajectoryResult) -> Vec<String> {
    let s = &r.summary;
    vec![
        format!(
            "{} → {}, range {:.0} km, azimuth {:.1}°, pitch-over {:.1}°",
            lat_lon(s.site_lat_deg, s.site_lon_deg),
            lat_lon(s.aim_lat_deg, s.aim_lon_deg),
            s.range_km,
            s.azimuth_deg,
            s.kick_deg
        ),
        format!(
            "boost ends at {:.1} s ({}) at {:.0} km altitude, {:.2} km/s inertial",
            s.boost_end_s,
            if s.thrust_terminated {
                "thrust terminated"
            } else {
                "last stage burnt out"
            },
            s.burnout_altitude_km,
            s.burnout_speed_km_s
        ),
        format!(
            "apogee {:.0} km; flight time {:.1} min; impact at {:.2} km/s; miss {:.0} m",
            s.apogee_km,
            s.flight_time_s / 60.0,
            s.impact_speed_km_s,
            s.miss_m
        ),
    ]
}

/// The heading of one trajectory.
pub fn heading(r: &TrajectoryResult) -> String {
    let s = &r.summary;
    format!(
        "Trajectory \"{}\": {}, {}",
        s.name,
        s.missile,
        profile_text(&s.profile)
    )
}

/// The timeline of one trajectory as a table.
fn timeline_table(r: &TrajectoryResult) -> TextTable {
    let mut t = TextTable::new([
        "event",
        "time_s",
        "altitude_km",
        "inertial_speed_km_s",
        "downrange_km",
    ]);
    for e in &r.timeline {
        let st = &e.state;
        t.push_row([
            e.kind.to_string(),
            format!("{:.1}", st.time_s),
            format!("{:.1}", no_negative_zero(st.altitude_m / 1e3, 0.05)),
            format!("{:.3}", st.inertial_speed_m_s / 1e3),
            format!("{:.0}", st.downrange_m / 1e3),
        ]);
    }
    t
}

/// The summary text of one trajectory.
pub fn text(r: &TrajectoryResult) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{}", heading(r));
    for line in headline(r) {
        let _ = writeln!(o, "  {line}");
    }
    let _ = writeln!(o);
    super::push_indented(&mut o, &timeline_table(r).to_string());
    o
}

/// The altitude-against-downrange series of one trajectory.
pub fn series(r: &TrajectoryResult) -> Series {
    Series {
        name: r.summary.name.clone(),
        points: r
            .samples
            .iter()
            .map(|s| (s.downrange_m / 1e3, s.altitude_m / 1e3))
            .collect(),
    }
}

/// An empty altitude-against-downrange plot.
pub fn plot(title: String) -> LinePlot {
    LinePlot {
        title,
        x_label: "downrange (km)".into(),
        y_label: "altitude (km)".into(),
        series: Vec::new(),
    }
}

/// Tables, plot and HTML section of one trajectory, under file stem `name`.
pub fn files(sink: &mut Sink, name: &str, r: &TrajectoryResult) -> Result<(), Error> {
    let col = |f: &dyn Fn(&cupola_threat::trajectory::Sample) -> f64| {
        r.samples.iter().map(f).collect::<Vec<_>>()
    };
    let table = Table::new(format!("trajectory {}", r.summary.name))
        .with_column("time", "s", col(&|s| s.time_s))
        .with_column("altitude", "km", col(&|s| s.altitude_m / 1e3))
        .with_column("downrange", "km", col(&|s| s.downrange_m / 1e3))
        .with_column("speed", "km_s", col(&|s| s.speed_m_s / 1e3))
        .with_column(
            "inertial_speed",
            "km_s",
            col(&|s| s.inertial_speed_m_s / 1e3),
        )
        .with_column(
            "flight_path_angle",
            "deg",
            col(&|s| s.flight_path_angle_rad.to_degrees()),
        )
        .with_column("lat", "deg", col(&|s| s.lat_rad.to_degrees()))
        .with_column("lon", "deg", col(&|s| s.lon_rad.to_degrees()))
        .with_column("mass", "kg", col(&|s| s.mass_kg));
    sink.set.add(
        format!("trajectory-{name}.csv"),
        table.to_csv()?.into_bytes(),
    );
    let mut timeline =
        String::from("event,time_s,altitude_km,speed_km_s,inertial_speed_km_s,downrange_km\n");
    for e in &r.timeline {
        let s = &e.state;
        let _ = writeln!(
            timeline,
            "{},{},{},{},{},{}",
            e.kind,
            s.time_s,
            s.altitude_m / 1e3,
            s.speed_m_s / 1e3,
            s.inertial_speed_m_s / 1e3,
            s.downrange_m / 1e3
        );
    }
    sink.set
        .add(format!("timeline-{name}.csv"), timeline.into_bytes());
    let mut single = plot(format!("{}: altitude against downrange", r.summary.name));
    single.series.push(series(r));
    let svg = single.render_svg()?;
    let mut paragraphs = headline(r);
    paragraphs.push(format!(
        "Tables: trajectory-{name}.csv (state every sample step and at each event), timeline-{name}.csv."
    ));
    sink.html.sections.push(HtmlSection {
        heading: heading(r),
        paragraphs,
        tables: vec![timeline_table(r)],
        svgs: vec![svg.clone()],
    });
    sink.set
        .add(format!("trajectory-{name}.svg"), svg.into_bytes());
    Ok(())
}
