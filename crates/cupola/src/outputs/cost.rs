//! Cost results: the life-cycle cost by layer, category and year, and what
//! the announced $175 billion buys.

use super::Sink;
use crate::error::Error;
use cupola_analysis::cost::{Affordable, Category, CostResult, CostSpec, ElementCost};
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
            "One more SBI carrier costs {} over the horizon (the cost model's marginal unit: its \
             procurement, launch with propellant, and replacements).",
            format_args!("${:.1}M", r.sbi_unit_musd)
        ),
    ];
    v.extend(c.by_element.iter().filter_map(|e| fielding_text(e, c)));
    v.extend(c.by_element.iter().filter_map(|e| keeping_text(e, &r.spec)));
    for (label, a) in &r.buys {
        v.push(format!(
            "The announced $175 billion buys, at the unit costs of the {label}, a layer of {} SBIs \
             ({} procured over the horizon, full strength {}), for {}{}.",
            a.units,
            a.units_procured,
            a.full_strength_year
                .map_or("never".into(), |y| format!("from {y}")),
            billions(a.cost_musd),
            if a.rate_limited {
                " (the production and launch rates, not the budget, set this: a larger layer \
                 would never be at full strength)"
            } else {
                ""
            }
        ));
    }
    v
}

/// How an element with a rate limit or a life is fielded: its ramp and
/// its replacements.
fn fielding_text(e: &ElementCost, c: &CostResult) -> Option<String> {
    let count = e.by_year.iter().map(|y| y.in_service).max().unwrap_or(0);
    if e.units_procured == 0 || (e.units_per_year.is_none() && e.units_procured == count) {
        return None;
    }
    let full = match e.full_strength_year {
        Some(y) => format!("full strength at the end of {y}"),
        None => format!("never at full strength within the horizon (at most {count} in service)"),
    };
    let rate = e.units_per_year.map_or("no rate limit".into(), |n| {
        format!("at most {n} bought and launched a year")
    });
    let first = c.by_year.iter().zip(&e.by_year).find(|(_, f)| f.bought > 0);
    let replaced: u64 = e.by_year.iter().map(|f| f.replacements).sum();
    Some(format!(
        "Fielding of {}: {rate}; from {} on, {full}; {replaced} replaced as they reach their life, \
         cohort by cohort.",
        e.name,
        first.map_or(0, |(y, _)| y.year),
    ))
}

/// The station keeping of an element that holds an orbit.
fn keeping_text(e: &ElementCost, spec: &CostSpec) -> Option<String> {
    let k = e.keeping?;
    Some(format!(
        "Station keeping of {}: at {:.0} km (F10.7 {:.0}, Ap {:.0}) drag takes {} m/s a year; \
         {} kg of propellant per unit at {:.0} s, launched with it ({:.0} kg a unit in all); \
         without it the orbit would last {}.",
        e.name,
        k.orbit.altitude_m / 1e3,
        spec.solar.f107_sfu,
        spec.solar.ap,
        figure(k.dv_m_s_per_year),
        figure(k.propellant_kg),
        k.orbit.isp_s,
        e.launch_mass_kg,
        if k.decay_years < 1.0 {
            format!("{:.0} days", k.decay_years * 365.25)
        } else if k.decay_years > 100.0 {
            "more than a century".into()
        } else {
            format!("{:.1} years", k.decay_years)
        }
    ))
}

/// A positive figure to about two significant digits: 36, 4.2, 0.011.
fn figure(x: f64) -> String {
    match x {
        x if x >= 10.0 => format!("{x:.0}"),
        x if x >= 1.0 => format!("{x:.1}"),
        x if x >= 0.01 => format!("{x:.2}"),
        x => format!("{x:.1e}"),
    }
}

/// A name as a column name: lower case, spaces and punctuation as `_`.
fn slug(name: &str) -> String {
    name.chars()
        .map(|ch| {
            if ch.is_alphanumeric() {
                ch.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// Spending and units by year, for the text summary.
fn years_table(c: &CostResult) -> TextTable {
    let fielded: Vec<&ElementCost> = c
        .by_element
        .iter()
        .filter(|e| e.units_procured > 0)
        .collect();
    let mut headers = vec!["year".to_string(), "total".into(), "replacements".into()];
    for e in &fielded {
        headers.push(format!("{} bought", e.name));
        headers.push(format!("{} in service", e.name));
    }
    let mut t = TextTable::new(headers);
    for (i, y) in c.by_year.iter().enumerate() {
        let mut row = vec![
            y.year.to_string(),
            billions(y.total_musd()),
            billions(y.replacement_musd),
        ];
        for e in &fielded {
            row.push(e.by_year[i].bought.to_string());
            row.push(e.by_year[i].in_service.to_string());
        }
        t.push_row(row);
    }
    t
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
    let _ = writeln!(o);
    super::push_indented(&mut o, &years_table(&r.result).to_string());
    o
}

/// Tables, plots and the HTML section.
pub fn files(sink: &mut Sink, r: &CostReport) -> Result<(), Error> {
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
    for e in c.by_element.iter().filter(|e| e.units_procured > 0) {
        let name = slug(&e.name);
        t = t
            .with_column(
                format!("{name}_bought"),
                "",
                e.by_year.iter().map(|y| y.bought as f64).collect(),
            )
            .with_column(
                format!("{name}_in_service"),
                "",
                e.by_year.iter().map(|y| y.in_service as f64).collect(),
            );
    }
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
    let units = LinePlot {
        title: "Units in service by year".into(),
        x_label: "year".into(),
        y_label: "units in service at year end".into(),
        series: c
            .by_element
            .iter()
            .filter(|e| e.units_procured > 0)
            .map(|e| {
                Series::new(
                    e.name.clone(),
                    c.by_year
                        .iter()
                        .zip(&e.by_year)
                        .map(|(y, f)| (f64::from(y.year), f.in_service as f64))
                        .collect(),
                )
            })
            .collect(),
    }
    .render_svg()?;
    sink.set
        .add("units-by-year.svg", units.clone().into_bytes());
    let mut paragraphs = lines(r);
    paragraphs.push(
        "Tables (CSV and Parquet): cost-by-year (spending, and units bought and in service per \
         element), cost-by-element (elements in the order above)."
            .into(),
    );
    sink.html.sections.push(HtmlSection {
        heading: "Life-cycle cost".into(),
        paragraphs,
        tables: vec![elements_table(c), years_table(c)],
        svgs: vec![svg, units],
    });
    Ok(())
}
