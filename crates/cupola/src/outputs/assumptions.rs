//! The assumptions a run used, as rows: in every JSON result, in the HTML
//! report and as `assumptions.csv`, and as the table `cupola assumptions`
//! prints.

use super::Sink;
use cupola_physics::basis::{Datum, Source};
use cupola_report::{HtmlSection, TextTable};
use cupola_scenario::Scenario;
use std::fmt::Write as _;

/// One value a run used, with its basis, flat for JSON and CSV.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AssumptionRow {
    /// Where it lives: a scenario key (`sbi.budget.decision_s`), a field of
    /// a catalog missile, an input of a cost preset.
    pub key: String,
    /// The instance it belongs to, when the key alone does not say.
    pub at: String,
    /// The value, in [`AssumptionRow::unit`].
    pub value: f64,
    /// Its unit, empty when dimensionless.
    pub unit: String,
    /// `"cited"`, `"assumed"` or `"input"` (set in the scenario file).
    pub basis: String,
    /// The citation of a cited value, or the source the scenario file
    /// gives for an input (`[sources]`); empty otherwise.
    pub source: String,
    /// Whether the value is an input the file gives no source for.
    pub uncited: bool,
    /// Low end of the range the value may lie in, when one is given.
    pub low: Option<f64>,
    /// High end of that range.
    pub high: Option<f64>,
    /// Why the range is what it is.
    pub reason: String,
}

impl AssumptionRow {
    /// The row of `d`.
    fn of(d: &Datum) -> Self {
        Self {
            key: d.key.clone(),
            at: d.at.clone(),
            value: d.value,
            unit: d.unit.to_owned(),
            basis: d.basis.marker().to_owned(),
            source: match (d.basis.source, &d.file_source) {
                (Source::Cited(c), _) => c.to_owned(),
                (Source::Input, Some(c)) => c.clone(),
                _ => String::new(),
            },
            uncited: d.uncited_input(),
            low: d.basis.uncertainty.map(|u| u.low),
            high: d.basis.uncertainty.map(|u| u.high),
            reason: d
                .basis
                .uncertainty
                .map_or_else(String::new, |u| u.reason.to_owned()),
        }
    }

    /// The basis as the terminal table shows it: an input without a
    /// source is marked `input, uncited`.
    fn marker(&self) -> String {
        if self.uncited {
            format!("{}, uncited", self.basis)
        } else {
            self.basis.clone()
        }
    }

    /// The range as `low–high`, or `—`.
    fn range(&self) -> String {
        match (self.low, self.high) {
            (Some(l), Some(h)) => format!("{}–{}", number(l), number(h)),
            _ => "—".into(),
        }
    }
}

/// A number as written in a scenario: no trailing zeros.
fn number(v: f64) -> String {
    format!("{v}")
}

/// The assumptions `scenario` uses ([`cupola_scenario::assumptions`]), as
/// rows.
pub fn rows(scenario: &Scenario) -> Vec<AssumptionRow> {
    cupola_scenario::assumptions(scenario)
        .iter()
        .map(AssumptionRow::of)
        .collect()
}

/// The rows as a table: key, instance, value, unit, the range's low and
/// high ends (empty when none), basis, citation, reason.
fn table(rows: &[AssumptionRow]) -> TextTable {
    let mut t = TextTable::new([
        "key", "at", "value", "unit", "low", "high", "basis", "source", "reason",
    ]);
    let end = |v: Option<f64>| v.map_or_else(String::new, number);
    for r in rows {
        t.push_row([
            r.key.clone(),
            r.at.clone(),
            number(r.value),
            r.unit.clone(),
            end(r.low),
            end(r.high),
            r.marker(),
            r.source.clone(),
            r.reason.clone(),
        ]);
    }
    t
}

/// How many rows are cited, assumed and set in the file.
fn counts(rows: &[AssumptionRow]) -> (usize, usize, usize) {
    let n = |b: &str| rows.iter().filter(|r| r.basis == b).count();
    (n("cited"), n("assumed"), n("input"))
}

/// "6 set in the file (4 with the file's source, 2 uncited)".
fn inputs(rows: &[AssumptionRow]) -> String {
    let (_, _, input) = counts(rows);
    let uncited = rows.iter().filter(|r| r.uncited).count();
    match uncited {
        0 if input > 0 => format!("{input} set in the file, each with its source"),
        0 => "none set in the file".into(),
        _ => format!(
            "{input} set in the file ({} with the file's source, {uncited} uncited)",
            input - uncited
        ),
    }
}

/// The one-line account a run's summary closes with.
pub fn line(rows: &[AssumptionRow]) -> String {
    let (cited, assumed, _) = counts(rows);
    format!(
        "Assumptions: {} values used, {cited} cited, {assumed} assumed, {} (`cupola \
         assumptions` lists them with their ranges; the JSON result and the report carry them).\n",
        rows.len(),
        inputs(rows)
    )
}

/// The summary of `cupola assumptions`: every row, one block per row so
/// that the citations and reasons stay readable on a terminal.
pub fn text(rows: &[AssumptionRow]) -> String {
    let (cited, assumed, _) = counts(rows);
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Assumptions: {} values, {cited} cited, {assumed} assumed, {}",
        rows.len(),
        inputs(rows)
    );
    let mut brief = TextTable::new(["key", "at", "value", "unit", "range", "basis"]);
    for r in rows {
        brief.push_row([
            r.key.clone(),
            r.at.clone(),
            number(r.value),
            r.unit.clone(),
            r.range(),
            r.marker(),
        ]);
    }
    let _ = writeln!(o, "{brief}");
    let _ = writeln!(o, "Sources and reasons:");
    for r in rows {
        let name = if r.at.is_empty() {
            r.key.clone()
        } else {
            format!("{} ({})", r.key, r.at)
        };
        let mut why = Vec::new();
        if r.basis == "input" {
            why.push(if r.uncited {
                "set in the file (or by --set) without a source: cite it in the file's [sources]"
                    .to_owned()
            } else {
                format!("set in the file, which cites: {}", r.source)
            });
        } else if !r.source.is_empty() {
            why.push(r.source.clone());
        }
        if !r.reason.is_empty() {
            why.push(format!("range {}: {}", r.range(), r.reason));
        }
        let _ = writeln!(o, "  {name}: {}", why.join("; "));
    }
    o
}

/// `assumptions.csv` and the report's section.
pub fn files(sink: &mut Sink, rows: &[AssumptionRow]) {
    let t = table(rows);
    sink.set.add("assumptions.csv", t.to_csv().into_bytes());
    let (cited, assumed, _) = counts(rows);
    sink.html.sections.push(HtmlSection {
        heading: "Assumptions".into(),
        paragraphs: vec![format!(
            "Every non-physical value this run used: {} values, {cited} cited, {assumed} assumed, \
             {}; each claim with the range it may lie in and why.",
            rows.len(),
            inputs(rows)
        )],
        tables: vec![t],
        ..Default::default()
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_rows_mark_cited_and_assumed_values() {
        let rows = rows(&cupola_scenario::default_scenario());
        let decision = rows
            .iter()
            .find(|r| r.key == "sbi.budget.decision_s")
            .expect("listed");
        assert_eq!((decision.value, decision.basis.as_str()), (30.0, "assumed"));
        assert_eq!((decision.low, decision.high), (Some(10.0), Some(60.0)));
        assert!(
            rows.iter()
                .any(|r| r.basis == "cited" && !r.source.is_empty())
        );
        let csv = table(&rows).to_csv();
        assert!(csv.starts_with("key,at,value,unit,low,high,basis,source,reason\n"));
        assert_eq!(csv.lines().count(), rows.len() + 1);
    }
}
