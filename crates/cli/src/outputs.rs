//! Turning study results into a printed summary, JSON and output files.

use crate::OutputArgs;
use crate::failure::Failure;
use cupola_analysis::Provenance;
use cupola_analysis::trajectory::TrajectoryResult;
use cupola_report::{HtmlReport, HtmlSection, LinePlot, OutputSet, Series, Table, TextTable};
use cupola_scenario::Scenario;
use cupola_threat::Profile;
use std::fmt::Write as _;

/// The git commit this binary was built from, when known.
pub fn git_hash() -> Option<String> {
    Some(env!("CUPOLA_GIT_HASH").to_string()).filter(|s| !s.is_empty())
}

/// Provenance of results computed from a scenario.
pub fn provenance(s: &Scenario) -> Provenance {
    Provenance {
        tool_version: env!("CARGO_PKG_VERSION").into(),
        git_hash: git_hash(),
        scenario: s.source_name.clone(),
        scenario_hash: s.hash.clone(),
        seed: s.seed,
        trials: 0,
    }
}

/// The machine-readable form of a run.
#[derive(serde::Serialize)]
struct RunJson<'a> {
    provenance: &'a Provenance,
    scenario: &'a str,
    trajectories: &'a [TrajectoryResult],
}

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

fn lat_lon(lat: f64, lon: f64) -> String {
    format!(
        "{:.2}°{} {:.2}°{}",
        lat.abs(),
        if lat >= 0.0 { 'N' } else { 'S' },
        lon.abs(),
        if lon >= 0.0 { 'E' } else { 'W' }
    )
}

/// The headline lines of one trajectory.
fn headline(r: &TrajectoryResult) -> Vec<String> {
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
fn heading(r: &TrajectoryResult) -> String {
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
        "speed_km_s",
        "downrange_km",
    ]);
    for e in &r.timeline {
        let st = &e.state;
        t.push_row([
            e.kind.to_string(),
            format!("{:.1}", st.time_s),
            format!("{:.1}", st.altitude_m / 1e3),
            format!("{:.3}", st.inertial_speed_m_s / 1e3),
            format!("{:.0}", st.downrange_m / 1e3),
        ]);
    }
    t
}

/// The provenance line.
fn provenance_line(prov: &Provenance) -> String {
    format!(
        "cupola {}{}; scenario: {}{}",
        prov.tool_version,
        prov.git_hash
            .as_ref()
            .map(|h| format!(" ({h})"))
            .unwrap_or_default(),
        prov.scenario,
        if prov.scenario_hash.is_empty() {
            String::new()
        } else {
            format!(" (hash {})", prov.scenario_hash)
        }
    )
}

/// A readable summary of the results.
pub fn summary(prov: &Provenance, title: &str, results: &[TrajectoryResult]) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "cupola {} — {title}", prov.tool_version);
    let _ = writeln!(o, "{}", provenance_line(prov));
    for r in results {
        let _ = writeln!(o);
        let _ = writeln!(o, "{}", heading(r));
        for line in headline(r) {
            let _ = writeln!(o, "  {line}");
        }
        let _ = writeln!(o);
        for line in timeline_table(r).to_string().lines() {
            let _ = writeln!(o, "  {line}");
        }
    }
    o
}

/// A file-name-safe form of a launch name.
fn slug(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() { "launch".into() } else { s }
}

/// Tables, plots, JSON and the HTML report of a run, ready to write.
pub fn files(
    prov: &Provenance,
    title: &str,
    json: &str,
    results: &[TrajectoryResult],
) -> Result<OutputSet, Failure> {
    let mut set = OutputSet::new();
    let mut html = HtmlReport::new(format!("cupola — {title}"));
    html.sections.push(HtmlSection {
        heading: "Provenance".into(),
        paragraphs: vec![provenance_line(prov)],
        ..Default::default()
    });
    set.add("results.json", json.as_bytes().to_vec());
    let mut used = std::collections::BTreeSet::new();
    let mut plot = LinePlot {
        title: "Trajectories: altitude against downrange".into(),
        x_label: "downrange (km)".into(),
        y_label: "altitude (km)".into(),
        series: Vec::new(),
    };
    for (i, r) in results.iter().enumerate() {
        let base = slug(&r.summary.name);
        let mut name = base.clone();
        let mut k = i + 1;
        while !used.insert(name.clone()) {
            name = format!("{base}-{k}");
            k += 1;
        }
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
        set.add(
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
        set.add(format!("timeline-{name}.csv"), timeline.into_bytes());
        let series = Series {
            name: r.summary.name.clone(),
            points: r
                .samples
                .iter()
                .map(|s| (s.downrange_m / 1e3, s.altitude_m / 1e3))
                .collect(),
        };
        let single = LinePlot {
            title: format!("{}: altitude against downrange", r.summary.name),
            series: vec![series.clone()],
            ..plot.clone()
        };
        let svg = single.render_svg()?;
        let mut paragraphs = headline(r);
        paragraphs.push(format!(
            "Tables: trajectory-{name}.csv (state every sample step and at each event), timeline-{name}.csv."
        ));
        html.sections.push(HtmlSection {
            heading: heading(r),
            paragraphs,
            tables: vec![timeline_table(r)],
            svgs: vec![svg.clone()],
        });
        set.add(format!("trajectory-{name}.svg"), svg.into_bytes());
        plot.series.push(series);
    }
    if results.len() > 1 {
        set.add("trajectories.svg", plot.render_svg()?.into_bytes());
    }
    set.add("report.html", html.render().into_bytes());
    Ok(set)
}

/// Print the summary or JSON, and write the files when asked. Nothing is
/// written unless every file could be produced.
pub fn emit(
    prov: &Provenance,
    title: &str,
    results: &[TrajectoryResult],
    out: &OutputArgs,
) -> Result<(), Failure> {
    let json = cupola_report::to_json_pretty(&RunJson {
        provenance: prov,
        scenario: title,
        trajectories: results,
    })?;
    if let Some(dir) = &out.out {
        let set = files(prov, title, &json, results)?;
        let written = set
            .write_to(dir)
            .map_err(|e| Failure::Input(format!("--out {}: {e}", dir.display())))?;
        if !out.json {
            print!("{}", summary(prov, title, results));
            println!();
            println!("Wrote {} files to {}", written.len(), dir.display());
            return Ok(());
        }
    }
    if out.json {
        println!("{json}");
    } else {
        print!("{}", summary(prov, title, results));
    }
    Ok(())
}
