//! Published figures beside cupola's: the summary table, the JSON form and
//! the files of `cupola reproduce`.

use crate::error::Error;
use cupola_analysis::Provenance;
use cupola_report::{HtmlReport, HtmlSection, OutputSet, TextTable};
use cupola_scenario::{Figure, PublishedFigure, Scenario, printable};
use std::fmt::Write as _;

/// Where the gaps beyond a figure's tolerance are explained.
pub const EXPLAINED_IN: &str = "docs/validation.md, \"The published studies, reproduced\"";

/// One published figure beside cupola's value.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Comparison {
    /// The study: the scenario file's stem (e.g. `aps-2003`).
    pub study: String,
    /// The scenario's title.
    pub title: String,
    /// The figure compared.
    pub figure: Figure,
    /// Its unit.
    pub unit: &'static str,
    /// The published value, in [`Comparison::unit`].
    pub published: f64,
    /// Low end of the published range, when the study gives one; alone
    /// (no [`Comparison::published_high`]), a lower bound.
    pub published_low: Option<f64>,
    /// High end of the published range.
    pub published_high: Option<f64>,
    /// Whether the published value is derived from the study's figures
    /// rather than published itself.
    pub derived: bool,
    /// cupola's value, in the same unit; `None` when cupola gives none
    /// (then [`Comparison::why_none`] says why).
    pub cupola: Option<f64>,
    /// Why cupola gives no value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why_none: Option<String>,
    /// cupola's value over the published one (`None` when either is
    /// missing or the published value is 0).
    pub ratio: Option<f64>,
    /// (cupola − published) / published.
    pub difference: Option<f64>,
    /// The relative difference within which the two agree.
    pub tolerance: f64,
    /// Whether the difference is within the tolerance.
    pub within_tolerance: bool,
    /// Whether cupola's value lies inside the published range.
    pub in_range: bool,
    /// Whether they agree: the difference within the tolerance, or cupola's
    /// value inside the published range.
    pub agrees: bool,
    /// Where the value is published.
    pub source: String,
    /// What the figure covers and how the inputs differ.
    pub note: String,
    /// Where its `[[published]]` table is written.
    pub defined_at: String,
}

impl Comparison {
    /// The comparison of `p`, a published figure of `s`, with cupola's
    /// `value` (or why there is none).
    pub fn new(s: &Scenario, p: &PublishedFigure, value: Result<f64, String>) -> Self {
        let (cupola, why_none) = match value {
            Ok(v) => (Some(v), None),
            Err(why) => (None, Some(why)),
        };
        let ratio = cupola.filter(|_| p.value != 0.0).map(|c| c / p.value);
        let difference = ratio.map(|r| r - 1.0);
        let in_range = match (cupola, p.low) {
            (Some(c), Some(l)) => l <= c && p.high.is_none_or(|h| c <= h),
            _ => false,
        };
        let within_tolerance = difference.is_some_and(|d| d.abs() <= p.tolerance);
        Comparison {
            study: stem(&s.source_name),
            title: s.name.clone(),
            figure: p.figure,
            unit: p.figure.unit(),
            published: p.value,
            published_low: p.low,
            published_high: p.high,
            derived: p.derived,
            cupola,
            why_none,
            ratio,
            difference,
            tolerance: p.tolerance,
            within_tolerance,
            in_range,
            agrees: within_tolerance || in_range,
            source: p.source.clone(),
            note: p.note.clone(),
            defined_at: p.defined_at.clone(),
        }
    }
}

/// What `cupola reproduce` computed.
#[derive(Default, serde::Serialize)]
pub struct Reproduced {
    /// The provenance of each scenario run.
    pub provenance: Vec<Provenance>,
    /// Every published figure beside cupola's, in file order.
    pub comparisons: Vec<Comparison>,
}

/// The file stem of a scenario's source name (`scenarios/literature/aps-2003.toml`
/// → `aps-2003`).
fn stem(source: &str) -> String {
    let name = source.rsplit(['/', '\\']).next().unwrap_or(source);
    name.strip_suffix(".toml").unwrap_or(name).to_owned()
}

/// `v` with thousands separators and a precision that suits its size.
pub fn number(v: f64) -> String {
    let a = v.abs();
    if a >= 1_000.0 {
        let digits = format!("{:.0}", a);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if v < 0.0 { format!("-{out}") } else { out }
    } else if a >= 100.0 {
        format!("{v:.0}")
    } else if a >= 10.0 {
        format!("{v:.1}")
    } else if a >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

/// The published value with its range, e.g. `161 (161–542)`, `1,000
/// (at least)`, and `derived` for a value computed from the study's
/// figures.
fn published_text(c: &Comparison) -> String {
    let range = match (c.published_low, c.published_high) {
        (Some(l), Some(h)) => format!(" ({}–{})", number(l), number(h)),
        (Some(l), None) if l == c.published => " (at least)".to_owned(),
        (Some(l), None) => format!(" (at least {})", number(l)),
        _ => String::new(),
    };
    let derived = if c.derived { ", derived" } else { "" };
    format!("{}{range}{derived}", number(c.published))
}

/// The side-by-side table.
fn table(r: &Reproduced) -> TextTable {
    let mut t = TextTable::new([
        "study",
        "figure",
        "unit",
        "published",
        "cupola",
        "cupola/published",
        "difference",
        "agrees",
    ]);
    for c in &r.comparisons {
        t.push_row([
            c.study.clone(),
            c.figure.name().to_owned(),
            c.unit.to_owned(),
            published_text(c),
            c.cupola.map_or("none".into(), number),
            c.ratio.map_or("—".into(), |x| format!("{x:.2}")),
            c.difference
                .map_or("—".into(), |d| format!("{:+.1}%", 100.0 * d)),
            if c.within_tolerance {
                "yes".to_owned()
            } else if c.in_range && c.published_high.is_none() {
                "above the published lower bound".to_owned()
            } else if c.in_range {
                "in the published range".to_owned()
            } else {
                format!("no (tolerance {:.0}%)", 100.0 * c.tolerance)
            },
        ]);
    }
    t
}

/// The readable summary.
pub fn summary(r: &Reproduced) -> String {
    let mut o = String::new();
    let version = env!("CARGO_PKG_VERSION");
    let _ = writeln!(o, "cupola {version} — published studies reproduced");
    for p in &r.provenance {
        let _ = writeln!(
            o,
            "scenario: {} (hash {}, seed {})",
            p.scenario, p.scenario_hash, p.seed
        );
    }
    let _ = writeln!(o);
    let _ = write!(o, "{}", table(r));
    let none: Vec<&Comparison> = r
        .comparisons
        .iter()
        .filter(|c| c.cupola.is_none())
        .collect();
    if !none.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "No value from cupola:");
        for c in none {
            let _ = writeln!(
                o,
                "  {} {}: {}",
                c.study,
                c.figure.name(),
                c.why_none.as_deref().unwrap_or("")
            );
        }
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "Sources:");
    for c in &r.comparisons {
        let note = if c.note.is_empty() {
            String::new()
        } else {
            format!(" ({})", c.note)
        };
        let _ = writeln!(o, "  {} {}: {}{note}.", c.study, c.figure.name(), c.source);
    }
    let gaps = r.comparisons.iter().filter(|c| !c.within_tolerance).count();
    let in_range = r
        .comparisons
        .iter()
        .filter(|c| !c.within_tolerance && c.in_range)
        .count();
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "{gaps} of {} figures differ from the published value by more than their tolerance{}; \
         each gap is explained, with the assumption behind it, in {EXPLAINED_IN}.",
        r.comparisons.len(),
        if in_range > 0 {
            format!(" ({in_range} of them inside the published range)")
        } else {
            String::new()
        }
    );
    o
}

/// One CSV field, quoted when it needs to be.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The comparisons as CSV: one row per published figure, numbers in full
/// precision, empty cells for missing values.
fn csv(r: &Reproduced) -> String {
    let mut o = String::from(
        "study,figure,unit,published,published_low,published_high,derived,cupola,ratio,\
         difference,tolerance,within_tolerance,in_range,source,note\n",
    );
    let opt = |v: Option<f64>| v.map_or(String::new(), |x| x.to_string());
    for c in &r.comparisons {
        let cells = [
            c.study.clone(),
            c.figure.name().to_owned(),
            c.unit.to_owned(),
            c.published.to_string(),
            opt(c.published_low),
            opt(c.published_high),
            c.derived.to_string(),
            opt(c.cupola),
            opt(c.ratio),
            opt(c.difference),
            c.tolerance.to_string(),
            c.within_tolerance.to_string(),
            c.in_range.to_string(),
            c.source.clone(),
            c.note.clone(),
        ];
        let row: Vec<String> = cells.iter().map(|s| csv_field(s)).collect();
        let _ = writeln!(o, "{}", row.join(","));
    }
    o
}

/// The files of a run: the CSV, the JSON and the HTML report.
fn files(r: &Reproduced, json: &str) -> OutputSet {
    let mut set = OutputSet::new();
    set.add("reproduce.csv", csv(r).into_bytes());
    set.add("results.json", json.as_bytes().to_vec());
    let mut html = HtmlReport::new("cupola — published studies reproduced");
    html.sections.push(HtmlSection {
        heading: "Published figures beside cupola's".into(),
        paragraphs: r
            .provenance
            .iter()
            .map(|p| format!("scenario: {} (hash {})", p.scenario, p.scenario_hash))
            .chain(std::iter::once(format!(
                "Gaps beyond a figure's tolerance are explained in {EXPLAINED_IN}."
            )))
            .collect(),
        tables: vec![table(r)],
        svgs: Vec::new(),
    });
    html.sections.push(HtmlSection {
        heading: "Sources".into(),
        paragraphs: r
            .comparisons
            .iter()
            .map(|c| format!("{} {}: {}. {}", c.study, c.figure.name(), c.source, c.note))
            .collect(),
        ..Default::default()
    });
    set.add("report.html", html.render().into_bytes());
    set
}

impl super::Report for Reproduced {
    fn json(&self) -> Result<String, Error> {
        Ok(cupola_report::to_json_pretty(self)?)
    }

    fn summary(&self) -> String {
        printable(&summary(self)).into_owned()
    }

    fn files(&self) -> Result<OutputSet, Error> {
        Ok(files(self, &self.json()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(number(7800.0), "7,800");
        assert_eq!(number(1_191_000.4), "1,191,000");
        assert_eq!(number(-12_345.0), "-12,345");
        assert_eq!(number(723.4), "723");
        assert_eq!(number(62.04), "62.0");
        assert_eq!(number(1.392), "1.39");
        assert_eq!(number(0.2285), "0.229");
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
    }

    #[test]
    fn comparisons_tell_tolerance_from_range() {
        let s = cupola_scenario::literature("ucs-sbi")
            .expect("built in")
            .expect("parses");
        // ucs-sbi publishes a lower bound: at least 1,000, tolerance 25%.
        let p = &s.published[0];
        assert_eq!((p.low, p.high), (Some(1_000.0), None));
        let near = Comparison::new(&s, p, Ok(1_100.0));
        assert!(near.within_tolerance && near.in_range && near.agrees);
        assert!((near.difference.unwrap_or(0.0) - 0.1).abs() < 1e-12);
        let above = Comparison::new(&s, p, Ok(3_000.0));
        assert!(!above.within_tolerance && above.in_range && above.agrees);
        let below = Comparison::new(&s, p, Ok(700.0));
        assert!(!below.within_tolerance && !below.in_range && !below.agrees);
        assert_eq!(published_text(&near), "1,000 (at least)");
        // iron-dome publishes 62.0 (range 44-63), derived.
        let s = cupola_scenario::literature("iron-dome")
            .expect("built in")
            .expect("parses");
        let p = &s.published[0];
        let ranged = Comparison::new(&s, p, Ok(45.0));
        assert!(!ranged.within_tolerance && ranged.in_range && ranged.agrees);
        let far = Comparison::new(&s, p, Ok(64.0 * 1.3));
        assert!(!far.within_tolerance && !far.in_range && !far.agrees);
        assert_eq!(published_text(&ranged), "62.0 (44.0–63.0), derived");
        let none = Comparison::new(&s, p, Err("no answer".into()));
        assert_eq!(none.cupola, None);
        assert_eq!(none.ratio, None);
        assert!(!none.agrees);
        assert_eq!(none.why_none.as_deref(), Some("no answer"));
    }

    #[test]
    fn stems_name_the_study() {
        assert_eq!(stem("scenarios/literature/aps-2003.toml"), "aps-2003");
        assert_eq!(stem("mine.toml"), "mine");
    }
}
