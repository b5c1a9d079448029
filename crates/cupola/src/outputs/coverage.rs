//! Constellation and coverage results: summary text, tables, plots and HTML.

use super::Sink;
use crate::error::Error;
use cupola_analysis::constellation::ConstellationSummary;
use cupola_analysis::coverage::CoverageResult;
use cupola_report::{HtmlSection, LinePlot, Series, Table, TextTable};
use std::fmt::Write as _;

fn rows_table(c: &ConstellationSummary) -> TextTable {
    let mut t = TextTable::new([
        "orbits",
        "count",
        "perigee_km",
        "apogee_km",
        "inclination_deg",
        "period_min",
    ]);
    for r in &c.rows {
        t.push_row([
            r.label.clone(),
            r.count.to_string(),
            format!("{:.0}", r.perigee_km),
            format!("{:.0}", r.apogee_km),
            format!("{:.2}", r.inclination_deg),
            format!("{:.2}", r.period_min),
        ]);
    }
    t
}

fn constellation_heading(c: &ConstellationSummary) -> String {
    format!(
        "Constellation \"{}\": {} satellites ({})",
        c.name, c.satellites, c.source
    )
}

/// Summary text of a constellation.
pub fn constellation_text(c: &ConstellationSummary) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{}", constellation_heading(c));
    super::push_indented(&mut o, &rows_table(c).to_string());
    o
}

/// HTML section of a constellation.
pub fn constellation_files(sink: &mut Sink, c: &ConstellationSummary) {
    sink.html.sections.push(HtmlSection {
        heading: constellation_heading(c),
        tables: vec![rows_table(c)],
        ..Default::default()
    });
}

fn coverage_heading(r: &CoverageResult) -> String {
    format!("Coverage of \"{}\"", r.name)
}

fn coverage_lines(r: &CoverageResult) -> Vec<String> {
    vec![
        format!(
            "{} satellites; covered = at least {} above {:.0}° elevation; {:.1} h sampled every {:.0} s",
            r.satellites,
            r.min_satellites,
            r.min_elevation_deg,
            r.duration_s / 3600.0,
            r.step_s
        ),
        format!(
            "Earth's surface covered {:.1}% of the time (area-weighted)",
            100.0 * r.global_fraction_covered
        ),
    ]
}

fn bands_table(r: &CoverageResult) -> TextTable {
    let mut t = TextTable::new([
        "lat_deg",
        "covered_%",
        "mean_in_view",
        "min",
        "max",
        "max_gap_min",
    ]);
    for b in &r.bands {
        t.push_row([
            format!("{:.1}", b.lat_deg),
            format!("{:.1}", 100.0 * b.fraction_covered),
            format!("{:.2}", b.mean_in_view),
            b.min_in_view.to_string(),
            b.max_in_view.to_string(),
            format!("{:.1}", b.max_gap_s / 60.0),
        ]);
    }
    t
}

/// Summary text of a coverage result.
pub fn coverage_text(r: &CoverageResult) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{}", coverage_heading(r));
    for line in coverage_lines(r) {
        let _ = writeln!(o, "  {line}");
    }
    let _ = writeln!(o);
    super::push_indented(&mut o, &bands_table(r).to_string());
    o
}

/// Coverage table, plots and HTML section.
pub fn coverage_files(sink: &mut Sink, r: &CoverageResult) -> Result<(), Error> {
    let col = |f: &dyn Fn(&cupola_analysis::coverage::BandCoverage) -> f64| {
        r.bands.iter().map(f).collect::<Vec<_>>()
    };
    let table = Table::new(format!("coverage of {}", r.name))
        .with_column("lat", "deg", col(&|b| b.lat_deg))
        .with_column("fraction_covered", "", col(&|b| b.fraction_covered))
        .with_column("mean_in_view", "", col(&|b| b.mean_in_view))
        .with_column("min_in_view", "", col(&|b| b.min_in_view as f64))
        .with_column("max_in_view", "", col(&|b| b.max_in_view as f64))
        .with_column("max_gap", "s", col(&|b| b.max_gap_s))
        .with_column("points", "", col(&|b| b.points as f64));
    sink.set.add("coverage.csv", table.to_csv()?.into_bytes());
    let fraction = LinePlot {
        title: format!(
            "{}: time covered by ≥ {} satellites",
            r.name, r.min_satellites
        ),
        x_label: "latitude (deg)".into(),
        y_label: "time covered (%)".into(),
        series: vec![Series {
            name: r.name.clone(),
            points: r
                .bands
                .iter()
                .map(|b| (b.lat_deg, 100.0 * b.fraction_covered))
                .collect(),
        }],
    };
    let in_view = LinePlot {
        title: format!("{}: satellites above {:.0}°", r.name, r.min_elevation_deg),
        x_label: "latitude (deg)".into(),
        y_label: "satellites in view".into(),
        series: vec![
            Series {
                name: "mean".into(),
                points: r
                    .bands
                    .iter()
                    .map(|b| (b.lat_deg, b.mean_in_view))
                    .collect(),
            },
            Series {
                name: "minimum".into(),
                points: r
                    .bands
                    .iter()
                    .map(|b| (b.lat_deg, b.min_in_view as f64))
                    .collect(),
            },
        ],
    };
    let (a, b) = (fraction.render_svg()?, in_view.render_svg()?);
    let mut paragraphs = coverage_lines(r);
    paragraphs.push("Table: coverage.csv.".into());
    sink.html.sections.push(HtmlSection {
        heading: coverage_heading(r),
        paragraphs,
        tables: vec![bands_table(r)],
        svgs: vec![a.clone(), b.clone()],
    });
    sink.set.add("coverage.svg", a.into_bytes());
    sink.set.add("coverage-in-view.svg", b.into_bytes());
    Ok(())
}
