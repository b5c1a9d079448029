//! The printed summary, JSON and files of `cupola uncertainty`.

use super::provenance_line;
use super::sensitivity::{TOP, range_text};
use crate::error::Error;
use crate::headline::{Figure, Study, shown};
use crate::study::uncertainty::check_store_out;
use crate::study::uncertainty::{FigureSpread, UncertaintyReport};
use cupola_analysis::Provenance;
use cupola_report::{HtmlSection, LinePlot, OutputSet, Table, Tornado, TornadoRow, csv_field};
use cupola_scenario::{Scenario, printable};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn figure_of(s: &FigureSpread) -> Figure {
    Figure {
        id: s.id.clone(),
        name: s.name.clone(),
        unit: s.unit,
        study: if s.id == "sbi_carriers" {
            Study::Sizing
        } else {
            Study::Stability
        },
    }
}

/// Indices of the assumptions by the size of their rank correlation with
/// `s`, largest first.
fn ranked(s: &FigureSpread) -> Vec<usize> {
    let mut order: Vec<usize> = (0..s.rank_correlations.len()).collect();
    order.sort_by(|&a, &b| {
        s.rank_correlations[b]
            .abs()
            .total_cmp(&s.rank_correlations[a].abs())
            .then(a.cmp(&b))
    });
    order
}

/// The readable summary.
pub fn text(prov: &Provenance, title: &str, r: &UncertaintyReport) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "cupola {} — uncertainty: {title}", prov.tool_version);
    let _ = writeln!(o, "{}", provenance_line(prov));
    let _ = writeln!(
        o,
        "\nA Latin hypercube of {} points (seed {}) over {} assumptions, each uniform over its \
         range; {} points computed by this run, {} taken from the store{}.",
        r.samples,
        r.seed,
        r.assumptions.len(),
        r.computed,
        r.samples as usize - r.computed,
        if r.refused > 0 {
            format!(
                "; {} points refused by the studies' input checks (left out)",
                r.refused
            )
        } else {
            String::new()
        }
    );
    if !r.not_varied.is_empty() {
        let _ = writeln!(o, "Not varied ({}):", r.not_varied.len());
        for (p, why) in &r.not_varied {
            let _ = writeln!(o, "  {p}: {why}");
        }
    }
    let _ = writeln!(
        o,
        "Global sensitivity: Spearman's rank correlation of each assumption with each figure \
         (|ρ| < {:.2} is indistinguishable from no effect at 95%).",
        r.null_band
    );
    for s in &r.figures {
        let f = figure_of(s);
        let unit = if s.unit.is_empty() {
            String::new()
        } else {
            format!(" {}", s.unit)
        };
        let band = s.band.map_or_else(
            || "no point has a value".to_owned(),
            |b| {
                format!(
                    "median {}{unit}, 5–95% {} – {} ({} points)",
                    shown(&f, Some(b.median)),
                    shown(&f, Some(b.p05)),
                    shown(&f, Some(b.p95)),
                    b.points
                )
            },
        );
        let _ = writeln!(
            o,
            "\n{}: {band}; nominal {}{unit}",
            s.name,
            shown(&f, s.nominal.value)
        );
        match (s.seed_half_width, s.mc_half_width) {
            (Some(h), Some(m)) => {
                let _ = writeln!(
                    o,
                    "  its own Monte Carlo error: ±{} over {} seeds at nominal (±{} median 95% half-width per point)",
                    shown(&f, Some(h)),
                    crate::study::uncertainty::REPLICATES + 1,
                    shown(&f, Some(m))
                );
            }
            (Some(h), None) => {
                let _ = writeln!(
                    o,
                    "  its own Monte Carlo error: ±{} over {} seeds at nominal",
                    shown(&f, Some(h)),
                    crate::study::uncertainty::REPLICATES + 1
                );
            }
            (None, Some(m)) => {
                let _ = writeln!(
                    o,
                    "  its own Monte Carlo error: ±{} (median 95% half-width per point)",
                    shown(&f, Some(m))
                );
            }
            (None, None) => {}
        }
        let top: Vec<String> = ranked(s)
            .into_iter()
            .take(TOP)
            .map(|j| {
                format!(
                    "{} ρ = {:+.2}",
                    r.assumptions[j].path, s.rank_correlations[j]
                )
            })
            .collect();
        let _ = writeln!(o, "  most influential: {}", top.join("; "));
    }
    o
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(String::new, Table::format_number)
}

/// One row per figure: nominal, median, band, Monte Carlo error.
pub fn bands_csv(r: &UncertaintyReport) -> String {
    let mut o = String::from(
        "figure,id,unit,nominal,nominal_ci_low,nominal_ci_high,median,p05,p95,points,mc_half_width,seed_half_width\n",
    );
    for s in &r.figures {
        let cells = [
            csv_field(&s.name),
            s.id.clone(),
            csv_field(s.unit),
            num(s.nominal.value),
            num(s.nominal.interval.map(|i| i.0)),
            num(s.nominal.interval.map(|i| i.1)),
            num(s.band.map(|b| b.median)),
            num(s.band.map(|b| b.p05)),
            num(s.band.map(|b| b.p95)),
            s.band.map_or(0, |b| b.points).to_string(),
            num(s.mc_half_width),
            num(s.seed_half_width),
        ];
        let _ = writeln!(o, "{}", cells.join(","));
    }
    o
}

/// One row per figure and assumption: the rank correlation.
pub fn correlations_csv(r: &UncertaintyReport) -> String {
    let mut o = String::from("figure,id,key,basis,low,high,spearman_rho,null_band\n");
    for s in &r.figures {
        for j in ranked(s) {
            let a = &r.assumptions[j];
            let _ = writeln!(
                o,
                "{},{},{},{},{},{},{},{}",
                csv_field(&s.name),
                s.id,
                csv_field(&a.path),
                a.basis,
                num(Some(a.low)),
                num(Some(a.high)),
                num(Some(s.rank_correlations[j])),
                num(Some(r.null_band))
            );
        }
    }
    o
}

/// Every point: its assumptions, then each figure with its interval.
pub fn points_table(r: &UncertaintyReport) -> Table {
    let mut t = Table::new("uncertainty points").with_column(
        "point",
        "",
        (0..r.points.len()).map(|k| k as f64).collect(),
    );
    for (j, a) in r.assumptions.iter().enumerate() {
        t = t.with_column(
            a.path.clone(),
            a.unit,
            r.points.iter().map(|(x, _)| x[j]).collect(),
        );
    }
    for (f, s) in r.figures.iter().enumerate() {
        let get = |pick: &dyn Fn(&crate::headline::Value) -> Option<f64>| -> Vec<f64> {
            r.points
                .iter()
                .map(|(_, v)| {
                    v.as_ref()
                        .and_then(|v| v.get(f))
                        .and_then(pick)
                        .unwrap_or(f64::NAN)
                })
                .collect()
        };
        t = t.with_column(s.id.clone(), "", get(&|v| v.value));
        if s.nominal.interval.is_some() {
            t = t
                .with_column(
                    format!("{}_ci_low", s.id),
                    "",
                    get(&|v| v.interval.map(|i| i.0)),
                )
                .with_column(
                    format!("{}_ci_high", s.id),
                    "",
                    get(&|v| v.interval.map(|i| i.1)),
                );
        }
    }
    t
}

/// The empirical distribution of figure `f` over the points, with the
/// same of each point's Monte Carlo interval ends as a band.
fn distribution(r: &UncertaintyReport, f: usize, s: &FigureSpread) -> LinePlot {
    let ecdf = |pick: &dyn Fn(&crate::headline::Value) -> Option<f64>| {
        let mut v: Vec<f64> = r
            .points
            .iter()
            .filter_map(|(_, p)| p.as_ref()?.get(f).and_then(pick))
            .filter(|x| x.is_finite())
            .collect();
        v.sort_by(f64::total_cmp);
        let n = v.len() as f64;
        v.into_iter()
            .enumerate()
            .map(|(k, x)| (x, (k + 1) as f64 / n))
            .collect::<Vec<_>>()
    };
    let x = if s.unit.is_empty() {
        s.name.clone()
    } else {
        format!("{} ({})", s.name, s.unit)
    };
    let mut p = LinePlot::new(
        format!("{}: distribution over the assumptions", s.name),
        x,
        "fraction of points at or below",
    )
    .with_series("figure", ecdf(&|v| v.value));
    if s.nominal.interval.is_some() {
        p = p
            .with_series("95% interval, low end", ecdf(&|v| v.interval.map(|i| i.0)))
            .with_series("95% interval, high end", ecdf(&|v| v.interval.map(|i| i.1)));
    }
    if let Some(b) = s.band {
        p = p
            .with_series("5%", vec![(b.p05, 0.0), (b.p05, 1.0)])
            .with_series("median", vec![(b.median, 0.0), (b.median, 1.0)])
            .with_series("95%", vec![(b.p95, 0.0), (b.p95, 1.0)]);
    }
    p
}

/// The rank correlations of one figure as bars, largest first.
fn correlation_plot(r: &UncertaintyReport, s: &FigureSpread) -> Tornado {
    Tornado {
        title: format!("{}: rank correlation with each assumption", s.name),
        x_label: format!(
            "Spearman's ρ (|ρ| < {:.2}: no effect distinguishable)",
            r.null_band
        ),
        nominal: 0.0,
        legend: (String::new(), "ρ over the Latin hypercube".into()),
        rows: ranked(s)
            .into_iter()
            .map(|j| TornadoRow {
                name: range_text(&r.assumptions[j]),
                low: None,
                high: Some(s.rank_correlations[j]),
                low_interval: None,
                high_interval: None,
            })
            .collect(),
    }
}

/// The output of `cupola uncertainty`: the report with its provenance.
pub struct Uncertainty {
    /// Where the results come from (seed and samples of the design).
    pub provenance: Provenance,
    /// The scenario's name.
    pub scenario: String,
    /// The report.
    pub report: UncertaintyReport,
    /// The point store the run kept its points in (`--resume`), which its
    /// files must never replace.
    pub store: Option<PathBuf>,
}

impl Uncertainty {
    /// The output of `report`, computed from `s`.
    pub fn new(s: &Scenario, report: UncertaintyReport) -> Self {
        let mut provenance = super::provenance(s);
        provenance.seed = report.seed;
        provenance.trials = u64::from(report.samples);
        Self {
            provenance,
            scenario: s.name.clone(),
            report,
            store: None,
        }
    }
}

#[derive(serde::Serialize)]
struct Json<'a> {
    provenance: &'a Provenance,
    scenario: &'a str,
    uncertainty: &'a UncertaintyReport,
}

impl super::Report for Uncertainty {
    fn json(&self) -> Result<String, Error> {
        Ok(cupola_report::to_json_pretty(&Json {
            provenance: &self.provenance,
            scenario: &self.scenario,
            uncertainty: &self.report,
        })?)
    }

    fn summary(&self) -> String {
        printable(&text(&self.provenance, &self.scenario, &self.report)).into_owned()
    }

    fn check_out(&self, out: &Path) -> Result<(), Error> {
        let Some(store) = &self.store else {
            return Ok(());
        };
        check_store_out(store, out)
    }

    fn files(&self) -> Result<OutputSet, Error> {
        let r = &self.report;
        let summary = text(&self.provenance, &self.scenario, r);
        let json = self.json()?;
        let (mut set, mut html) =
            super::summary_files("uncertainty", &self.scenario, &summary, &json);
        set.add("bands.csv", bands_csv(r).into_bytes());
        set.add("rank-correlations.csv", correlations_csv(r).into_bytes());
        let points = points_table(r);
        set.add("points.csv", points.to_csv()?.into_bytes());
        set.add("points.parquet", points.to_parquet()?);
        for (f, fs) in r.figures.iter().enumerate() {
            let stem = fs.id.replace('_', "-");
            let dist = distribution(r, f, fs).render_svg()?;
            let corr = correlation_plot(r, fs).render_svg()?;
            set.add(format!("distribution-{stem}.svg"), dist.clone());
            set.add(format!("rank-correlation-{stem}.svg"), corr.clone());
            html.sections.push(HtmlSection {
                heading: fs.name.clone(),
                svgs: vec![dist, corr],
                ..Default::default()
            });
        }
        set.add("report.html", html.render().into_bytes());
        Ok(set)
    }
}
