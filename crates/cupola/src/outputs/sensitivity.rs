//! The printed summary, JSON and files of `cupola sensitivity`.

use super::provenance_line;
use crate::error::Error;
use crate::headline::{Figure, Study, shown};
use crate::study::sensitivity::{Assumption, FigureTornado, FigureValue, SensitivityReport};
use cupola_analysis::Provenance;
use cupola_report::{HtmlSection, OutputSet, Tornado, TornadoRow, csv_field};
use cupola_scenario::{Scenario, printable};
use std::fmt::Write as _;

/// The assumptions named in the summary per figure.
pub const TOP: usize = 3;

/// An assumption and its range as tables print it: `path (low–high unit)`.
pub fn range_text(a: &Assumption) -> String {
    let unit = if a.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", a.unit)
    };
    format!("{} ({}–{}{unit}, {})", a.path, a.low, a.high, a.basis)
}

/// The figure of a tornado, for [`shown`].
pub fn figure_of(t: &FigureTornado) -> Figure {
    Figure {
        id: t.id.clone(),
        name: t.name.clone(),
        unit: t.unit,
        study: if t.id == "sbi_carriers" {
            Study::Sizing
        } else {
            Study::Stability
        },
    }
}

fn value_text(f: &Figure, v: &FigureValue) -> String {
    match (&v.value, &v.failure) {
        (Some(x), _) => shown(f, Some(*x)),
        (None, Some(_)) => "no answer (input refused)".into(),
        (None, None) => "none".into(),
    }
}

fn with_unit(t: &FigureTornado, text: String) -> String {
    if t.unit.is_empty() {
        text
    } else {
        format!("{text} {}", t.unit)
    }
}

/// The readable summary.
pub fn text(prov: &Provenance, title: &str, r: &SensitivityReport) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "cupola {} — sensitivity: {title}", prov.tool_version);
    let _ = writeln!(o, "{}", provenance_line(prov));
    let _ = writeln!(
        o,
        "\nEach of {} assumptions set to the low and the high end of its range, everything else \
         nominal ({} runs of the sizing, engagement, cost and stability studies).",
        r.assumptions.len(),
        r.runs
    );
    if !r.not_varied.is_empty() {
        let _ = writeln!(o, "Not varied ({}):", r.not_varied.len());
        for (p, why) in &r.not_varied {
            let _ = writeln!(o, "  {p}: {why}");
        }
    }
    for t in &r.figures {
        let f = figure_of(t);
        let _ = writeln!(
            o,
            "\n{}: nominal {}; the {TOP} assumptions that matter most:",
            t.name,
            with_unit(t, shown(&f, t.nominal.value))
        );
        let moving: Vec<_> = t
            .effects
            .iter()
            .filter(|e| e.at_low.value != t.nominal.value || e.at_high.value != t.nominal.value)
            .take(TOP)
            .collect();
        if moving.is_empty() {
            let _ = writeln!(o, "  none of the assumptions varied moves it");
        }
        for (k, e) in moving.iter().enumerate() {
            let a = &r.assumptions[e.assumption];
            let _ = writeln!(
                o,
                "  {}. {}: {} at {}, {} at {}",
                k + 1,
                range_text(a),
                value_text(&f, &e.at_low),
                a.low,
                value_text(&f, &e.at_high),
                a.high
            );
        }
    }
    o
}

/// The long table: one row per assumption and figure.
pub fn csv(r: &SensitivityReport) -> String {
    let mut o = String::from(
        "figure,unit,nominal,nominal_ci_low,nominal_ci_high,rank,key,key_unit,basis,low,key_nominal,high,\
         at_low,at_low_ci_low,at_low_ci_high,at_high,at_high_ci_low,at_high_ci_high\n",
    );
    let num = |v: Option<f64>| v.map_or_else(String::new, cupola_report::Table::format_number);
    for t in &r.figures {
        for (k, e) in t.effects.iter().enumerate() {
            let a = &r.assumptions[e.assumption];
            let cells = [
                csv_field(&t.name),
                csv_field(t.unit),
                num(t.nominal.value),
                num(t.nominal.interval.map(|i| i.0)),
                num(t.nominal.interval.map(|i| i.1)),
                (k + 1).to_string(),
                csv_field(&a.path),
                csv_field(a.unit),
                a.basis.to_owned(),
                num(Some(a.low)),
                num(Some(a.nominal)),
                num(Some(a.high)),
                num(e.at_low.value),
                num(e.at_low.interval.map(|i| i.0)),
                num(e.at_low.interval.map(|i| i.1)),
                num(e.at_high.value),
                num(e.at_high.interval.map(|i| i.0)),
                num(e.at_high.interval.map(|i| i.1)),
            ];
            let _ = writeln!(o, "{}", cells.join(","));
        }
    }
    o
}

/// The tornado plot of one figure: its assumptions that move it, largest
/// first.
pub fn plot(r: &SensitivityReport, t: &FigureTornado) -> Tornado {
    Tornado {
        title: format!(
            "{}: one assumption at a time (no bar: no answer at that end)",
            t.name
        ),
        x_label: if t.unit.is_empty() {
            t.name.clone()
        } else {
            format!("{} ({})", t.name, t.unit)
        },
        nominal: t.nominal.value.unwrap_or(f64::NAN),
        legend: (
            "assumption at the low end".into(),
            "assumption at the high end".into(),
        ),
        rows: t
            .effects
            .iter()
            .filter(|e| e.at_low.value != t.nominal.value || e.at_high.value != t.nominal.value)
            .map(|e| TornadoRow {
                name: range_text(&r.assumptions[e.assumption]),
                low: e.at_low.value,
                high: e.at_high.value,
                low_interval: e.at_low.interval,
                high_interval: e.at_high.interval,
            })
            .collect(),
    }
}

/// The output of `cupola sensitivity`: the report with its provenance.
pub struct Sensitivity {
    /// Where the results come from.
    pub provenance: Provenance,
    /// The scenario's name.
    pub scenario: String,
    /// The report.
    pub report: SensitivityReport,
}

impl Sensitivity {
    /// The output of `report`, computed from `s`.
    pub fn new(s: &Scenario, report: SensitivityReport) -> Self {
        Self {
            provenance: super::provenance(s),
            scenario: s.name.clone(),
            report,
        }
    }
}

#[derive(serde::Serialize)]
struct Json<'a> {
    provenance: &'a Provenance,
    scenario: &'a str,
    sensitivity: &'a SensitivityReport,
}

impl super::Report for Sensitivity {
    fn json(&self) -> Result<String, Error> {
        Ok(cupola_report::to_json_pretty(&Json {
            provenance: &self.provenance,
            scenario: &self.scenario,
            sensitivity: &self.report,
        })?)
    }

    fn summary(&self) -> String {
        printable(&text(&self.provenance, &self.scenario, &self.report)).into_owned()
    }

    fn files(&self) -> Result<OutputSet, Error> {
        let r = &self.report;
        let summary = text(&self.provenance, &self.scenario, r);
        let json = self.json()?;
        let (mut set, mut html) =
            super::summary_files("sensitivity", &self.scenario, &summary, &json);
        set.add("sensitivity.csv", csv(r).into_bytes());
        for t in &r.figures {
            let svg = plot(r, t).render_svg()?;
            set.add(
                format!("tornado-{}.svg", t.id.replace('_', "-")),
                svg.clone(),
            );
            html.sections.push(HtmlSection {
                heading: t.name.clone(),
                svgs: vec![svg],
                ..Default::default()
            });
        }
        set.add("report.html", html.render().into_bytes());
        Ok(set)
    }
}
