//! Cost results: the life-cycle cost by layer, category and year, and what
//! the announced $175 billion buys.

use super::Sink;
use crate::failure::Failure;
use cupola_analysis::cost::{Affordable, Category, CostResult, CostSpec};
use cupola_report::{HtmlSection, LinePlot, Series, Table, TextTable};
use std::fmt::Write as _;

/// What `cupola cost` computed.
#[derive(Clone, Debug, serde::Serialize)]
pub struct CostReport {
    /// Where the inputs came from.
    pub source: String,
    /// The inputs.
    pub spec: CostSpec,
    /// The life-cycle cost.
    pub result: CostResult,
    /// What $175 billion buys under each preset.
    pub buys: Vec<(String, Affordable)>,
    /// 20-year cost of one more SBI carrier, millions of dollars.
    pub sbi_unit_musd: f64,
}

/// Billions from millions, as "$123.4B".
pub fn billions(musd: f64) -> String {
    format!("${:.1}B", musd / 1e3)
}

fn lines(r: &CostReport) -> Vec<String> {
    let c = &r.result;
    let mut v = vec![
        format!(
            "Inputs: {}; {} years from {}, in {} dollars.",
            r.source, r.spec.horizon_years, r.spec.base_year, c.dollars_year
        ),
        format!(
            "Life-cycle cost: {} in all, of which replacements {}.",
            billions(c.total_musd),
            billions(c.replacement_musd())
        ),
        format!(
            "By layer: {}.",
            c.by_layer
                .iter()
                .map(|(l, v)| format!("{l} {}", billions(*v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        format!(
            "By category: {}.",
            Category::ALL
                .iter()
                .map(|&k| format!("{} {}", k.name(), billions(c.category(k))))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        format!(
            "One more SBI carrier costs {} over the horizon.",
            format_args!("${:.1}M", r.sbi_unit_musd)
        ),
    ];
    for (label, a) in &r.buys {
        v.push(format!(
            "The announced $175 billion buys, at the unit costs of the {label}, {} SBIs kept in orbit for the horizon ({} procured), for {}.",
            a.units,
            a.units_procured,
            billions(a.cost_musd)
        ));
    }
    v
}

fn elements_table(c: &CostResult) -> TextTable {
    let mut t = TextTable::new(vec![
        "element".to_string(),
        "layer".into(),
        "units procured".into(),
        "development".into(),
        "procurement".into(),
        "launch".into(),
        "operations".into(),
        "total".into(),
    ]);
    for e in &c.by_element {
        t.push_row(vec![
            e.name.clone(),
            e.layer.clone(),
            e.units_procured.to_string(),
            billions(e.development_musd),
            billions(e.procurement_musd),
            billions(e.launch_musd),
            billions(e.operations_musd),
            billions(e.total_musd),
        ]);
    }
    t
}

/// Summary text.
pub fn text(r: &CostReport) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "Life-cycle cost");
    for l in lines(r) {
        let _ = writeln!(o, "  {l}");
    }
    let _ = writeln!(o);
    super::push_indented(&mut o, &elements_table(&r.result).to_string());
    o
}

/// Tables, plots and the HTML section.
pub fn files(sink: &mut Sink, r: &CostReport) -> Result<(), Failure> {
    let c = &r.result;
    let years: Vec<f64> = c.by_year.iter().map(|y| f64::from(y.year)).collect();
    let mut t = Table::new("cost by year").with_column("year", "", years.clone());
    for k in Category::ALL {
        t = t.with_column(
            k.name(),
            "musd",
            c.by_year.iter().map(|y| y.category(k)).collect(),
        );
    }
    t = t.with_column(
        "replacement",
        "musd",
        c.by_year.iter().map(|y| y.replacement_musd).collect(),
    );
    sink.table("cost-by-year", &t)?;
    let t = Table::new("cost by element")
        .with_column(
            "units_procured",
            "",
            c.by_element
                .iter()
                .map(|e| e.units_procured as f64)
                .collect(),
        )
        .with_column(
            "development",
            "musd",
            c.by_element.iter().map(|e| e.development_musd).collect(),
        )
        .with_column(
            "procurement",
            "musd",
            c.by_element.iter().map(|e| e.procurement_musd).collect(),
        )
        .with_column(
            "launch",
            "musd",
            c.by_element.iter().map(|e| e.launch_musd).collect(),
        )
        .with_column(
            "operations",
            "musd",
            c.by_element.iter().map(|e| e.operations_musd).collect(),
        )
        .with_column(
            "total",
            "musd",
            c.by_element.iter().map(|e| e.total_musd).collect(),
        );
    sink.table("cost-by-element", &t)?;
    let mut series: Vec<Series> = Category::ALL
        .iter()
        .map(|&k| {
            Series::new(
                k.name(),
                c.by_year
                    .iter()
                    .map(|y| (f64::from(y.year), y.category(k) / 1e3))
                    .collect(),
            )
        })
        .collect();
    series.push(Series::new(
        "total",
        c.by_year
            .iter()
            .map(|y| (f64::from(y.year), y.total_musd() / 1e3))
            .collect(),
    ));
    let svg = LinePlot {
        title: "Cost by year and category".into(),
        x_label: "year".into(),
        y_label: format!("$ billion ({} dollars)", c.dollars_year),
        series,
    }
    .render_svg()?;
    sink.set.add("cost-by-year.svg", svg.clone().into_bytes());
    let mut paragraphs = lines(r);
    paragraphs.push(
        "Tables (CSV and Parquet): cost-by-year, cost-by-element (elements in the order above)."
            .into(),
    );
    sink.html.sections.push(HtmlSection {
        heading: "Life-cycle cost".into(),
        paragraphs,
        tables: vec![elements_table(c)],
        svgs: vec![svg],
    });
    Ok(())
}
