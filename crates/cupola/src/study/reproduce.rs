//! `cupola reproduce NAME` and `cupola reproduce --all`: run the studies a
//! literature scenario's `[[published]]` figures need (sizing, cost,
//! engagement, through the same functions as `cupola size`, `cupola cost`
//! and `cupola engage`) and put cupola's value of each figure beside the
//! published one.

use crate::design::Base;
use crate::error::Error;
use crate::layer::Layer;
use crate::outputs::reproduce::{Comparison, Reproduced};
use crate::outputs::{CostReport, EngagementReport, SizingReport, provenance};
use crate::progress::Progress;
use crate::study::cost::{cost, sbi_unit_musd};
use crate::study::engage::engagement;
use crate::study::run::load;
use crate::study::size::{SweepChoice, sizing};
use cupola_analysis::cost::SBI_LAYERS;
use cupola_analysis::work::{self, Estimate};
use cupola_scenario::overrides::Override;
use cupola_scenario::{Figure, FigureStudy, LITERATURE, Scenario, literature, literature_names};
use std::path::Path;

/// The scenario `name` stands for: a built-in literature scenario, else
/// the file at that path.
fn resolve(name: &str, sets: &[Override]) -> Result<Scenario, Error> {
    if let Some(parsed) = literature(name) {
        if sets.is_empty() {
            return Ok(parsed?);
        }
        let text = LITERATURE
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, t)| t);
        let mut base = Base::from_text(
            format!("scenarios/literature/{name}.toml"),
            text.to_owned(),
            None,
        );
        base.edit(sets)?;
        return base.at(&[]);
    }
    let path = Path::new(name);
    if path.is_file() {
        return load(Some(path), sets);
    }
    Err(Error::Input(format!(
        "reproduce {name:?}: no literature scenario of that name and no such file; the studies \
         are {} (or give the path of a scenario file with [[published]] tables)",
        literature_names().join(", ")
    )))
}

/// The scenarios to reproduce: the literature scenario or file `name`, or
/// every literature scenario when `all`; each with `sets` applied.
pub fn scenarios(name: Option<&str>, all: bool, sets: &[Override]) -> Result<Vec<Scenario>, Error> {
    match (name, all) {
        (_, true) => literature_names()
            .into_iter()
            .map(|n| resolve(n, sets))
            .collect(),
        (Some(n), false) => Ok(vec![resolve(n, sets)?]),
        (None, false) => Err(Error::Input(
            "reproduce: name a study (e.g. `aps-2003`) or give --all".into(),
        )),
    }
}

/// Which studies `s`'s published figures need.
fn needs(s: &Scenario, study: FigureStudy) -> bool {
    s.published.iter().any(|p| p.figure.study() == study)
}

/// The estimated work of reproducing `s`: its sizing without sweeps and
/// its engagement without the leak curve, when its figures need them (the
/// cost model is instant).
fn estimate(s: &Scenario) -> Estimate {
    let mut e = Estimate::new("reproduce");
    if needs(s, FigureStudy::Sizing)
        && let (Some(sbi), Some(spec)) = (&s.sbi, &s.size)
    {
        let tls: Vec<_> = spec
            .areas
            .iter()
            .filter_map(|a| crate::budget::timeline(s, sbi, a.launch))
            .collect();
        e.core_s += crate::budget::sizing(sbi, spec, &[], &tls).core_s;
    }
    if needs(s, FigureStudy::Engagement)
        && let Some(spec) = &s.engage
    {
        let tl = s
            .sbi
            .as_ref()
            .filter(|_| spec.boost.is_some())
            .and_then(|sbi| crate::budget::timeline(s, sbi, spec.areas.first()?.launch));
        let w = crate::budget::engage_work(s, spec, tl.as_ref(), false);
        e.core_s += work::engagement(&w).core_s;
    }
    e
}

/// What the studies of one scenario computed, for the figures.
struct Studies {
    sizing: Option<SizingReport>,
    cost: Option<CostReport>,
    engagement: Option<EngagementReport>,
    /// Unit cost of one more SBI carrier for the cost exchange, millions
    /// of dollars: `[stability] sbi_musd`, else the cost model's marginal
    /// carrier (0 without a boost layer).
    sbi_musd: f64,
}

/// Run the studies `s`'s figures need.
fn run_studies(s: &Scenario) -> Result<Studies, Error> {
    let layer = if needs(s, FigureStudy::Sizing) || needs(s, FigureStudy::Engagement) {
        Some(Layer::new(s)?)
    } else {
        None
    };
    let sizing = match &layer {
        Some(l) if needs(s, FigureStudy::Sizing) => Some(sizing(s, l, SweepChoice::None, None)?),
        _ => None,
    };
    let engagement = match &layer {
        Some(l) if needs(s, FigureStudy::Engagement) => Some(engagement(s, l, None, false)?),
        _ => None,
    };
    let cost = if needs(s, FigureStudy::Cost) {
        Some(cost(s)?)
    } else {
        None
    };
    let boost = engagement
        .as_ref()
        .is_some_and(|e| e.result.layers.iter().any(|l| l.layer == "boost"));
    let sbi_musd = match s.stability.as_ref().and_then(|st| st.sbi_musd) {
        Some(v) => v,
        None if boost => sbi_unit_musd(s)?,
        None => 0.0,
    };
    Ok(Studies {
        sizing,
        cost,
        engagement,
        sbi_musd,
    })
}

/// cupola's value of `f` from `r`, or why there is none. The count is the
/// fewest carriers of any answer: one shell, or the shells of
/// `[[sbi.shell]]` sized jointly.
fn sizing_figure(f: Figure, r: &SizingReport, s: &Scenario) -> Result<f64, String> {
    let result = &r.result;
    let per_carrier = s.sbi.as_ref().map_or(1, |l| l.carrier.interceptors);
    let carriers = || {
        result
            .fewest_carriers()
            .map(|(n, _)| f64::from(n))
            .ok_or_else(|| {
                "no constellation meets the requirement within the search (see `cupola size`)"
                    .to_string()
            })
    };
    Ok(match f {
        Figure::SbiCarriers => carriers()?,
        Figure::SbiInterceptors => carriers()? * f64::from(per_carrier),
        Figure::SbiMassInOrbitT => carriers()? * result.carrier_mass_kg / 1e3,
        Figure::SbiInterceptorMassKg => result.interceptor_mass_kg,
        _ => return Err(format!("{} is not a sizing figure", f.name())),
    })
}

/// cupola's value of `f` from the cost study `r`, billions of dollars.
fn cost_figure(f: Figure, r: &CostReport) -> Result<f64, String> {
    let sbi: Vec<_> = r
        .result
        .by_element
        .iter()
        .filter(|e| SBI_LAYERS.contains(&e.layer.as_str()))
        .collect();
    if sbi.is_empty() && f != Figure::CostTotalBusd {
        return Err("[cost] has no element in layer \"space\" or \"boost\"".into());
    }
    Ok(match f {
        Figure::SbiCostBusd => sbi.iter().map(|e| e.total_musd).sum::<f64>() / 1e3,
        Figure::SbiAcquisitionBusd => {
            sbi.iter()
                .map(|e| e.total_musd - e.operations_musd)
                .sum::<f64>()
                / 1e3
        }
        Figure::CostTotalBusd => r.result.total_musd / 1e3,
        _ => return Err(format!("{} is not a cost figure", f.name())),
    })
}

/// cupola's value of `f` from the engagement `r` of `s`, an SBI carrier
/// costing `sbi_musd` millions of dollars.
fn engagement_figure(
    f: Figure,
    r: &EngagementReport,
    s: &Scenario,
    sbi_musd: f64,
) -> Result<f64, String> {
    let e = &r.result;
    Ok(match f {
        Figure::PNoLeak => e.p_no_leak,
        Figure::MeanLeakers => e.mean_leakers,
        Figure::EngagementCostExchange => {
            let st = s.stability.clone().unwrap_or_default();
            let defense: f64 = e
                .layers
                .iter()
                .map(|l| {
                    l.rounds
                        * match l.layer {
                            "boost" => sbi_musd,
                            "midcourse" => st.midcourse_musd,
                            _ => st.terminal_musd,
                        }
                })
                .sum();
            let decoys = s.engage.as_ref().map_or(0, |g| g.decoys_per_rv);
            let a = &st.attacker;
            let attacker = f64::from(e.salvo) * a.missile_musd
                + f64::from(e.rvs) * (a.rv_musd + f64::from(decoys) * a.decoy_musd);
            if attacker <= 0.0 {
                return Err("the attacker's raid costs nothing ([stability.attacker])".into());
            }
            defense / attacker
        }
        _ => return Err(format!("{} is not an engagement figure", f.name())),
    })
}

/// The comparisons of one scenario's published figures.
fn compare(s: &Scenario, st: &Studies) -> Vec<Comparison> {
    s.published
        .iter()
        .map(|p| {
            let value = match p.figure.study() {
                FigureStudy::Sizing => st
                    .sizing
                    .as_ref()
                    .ok_or_else(|| "the sizing study did not run".to_string())
                    .and_then(|r| sizing_figure(p.figure, r, s)),
                FigureStudy::Cost => st
                    .cost
                    .as_ref()
                    .ok_or_else(|| "the cost study did not run".to_string())
                    .and_then(|r| cost_figure(p.figure, r)),
                FigureStudy::Engagement => st
                    .engagement
                    .as_ref()
                    .ok_or_else(|| "the engagement study did not run".to_string())
                    .and_then(|r| engagement_figure(p.figure, r, s, st.sbi_musd)),
            };
            Comparison::new(s, p, value)
        })
        .collect()
}

/// Reproduce the published figures of every scenario of `list`.
pub fn run(list: &[Scenario]) -> Result<Reproduced, Error> {
    for s in list {
        if s.published.is_empty() {
            return Err(Error::Input(format!(
                "{}: the scenario has no [[published]] tables: nothing to compare (see \
                 docs/scenario.md, \"[[published]]\")",
                s.source_name
            )));
        }
    }
    let mut total = Estimate::new("reproduce");
    for s in list {
        let e = estimate(s);
        crate::budget::enforce(&e)?;
        total.core_s += e.core_s;
    }
    let bar = Progress::start(&total, list.len() as u64, "studies");
    let mut out = Reproduced::default();
    for s in list {
        let studies = run_studies(s)?;
        let mut prov = provenance(s);
        // The Monte Carlo behind the figures: the engagement's trials, else
        // the sizing's launch-time samples.
        prov.trials = match (&studies.engagement, &studies.sizing) {
            (Some(e), _) => e.result.trials,
            (None, Some(z)) => z
                .result
                .best
                .as_ref()
                .map_or(0, |b| u64::from(b.stats.samples)),
            (None, None) => 0,
        };
        out.provenance.push(prov);
        out.comparisons.extend(compare(s, &studies));
        bar.tick(1);
    }
    bar.finish();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cost figures of CBO 2026: the SBI layer less its $1 billion a
    /// year of operations is its acquisition; the total adds the other
    /// layers.
    #[test]
    fn cost_figures_split_the_sbi_layer() {
        let s = literature("cbo-2026").expect("built in").expect("parses");
        let r = cost(&s).unwrap_or_else(|_| panic!("costs"));
        let sbi = cost_figure(Figure::SbiCostBusd, &r).expect("sbi");
        let acquisition = cost_figure(Figure::SbiAcquisitionBusd, &r).expect("acquisition");
        let total = cost_figure(Figure::CostTotalBusd, &r).expect("total");
        assert!(
            (sbi - acquisition - 20.0).abs() < 1e-9,
            "{sbi} {acquisition}"
        );
        assert!(total > sbi);
        assert!(cost_figure(Figure::PNoLeak, &r).is_err());
    }

    /// A scenario costing no SBI element has no SBI figure, but a total.
    #[test]
    fn a_cost_without_sbis_has_only_a_total() {
        let text = "[scenario]\nname = \"x\"\n[[launch]]\nmissile = \"solid-icbm\"\n\
                    site = { lat_deg = 41.0, lon_deg = 100.0 }\n\
                    aim = { lat_deg = 47.35, lon_deg = -101.75 }\n[cost]\n\
                    [[cost.element]]\nname = \"radar\"\nlayer = \"sensors\"\ncount = 2\n\
                    unit_cost_musd = 100.0\n";
        let s = cupola_scenario::parse("x.toml", text).unwrap_or_else(|e| panic!("{e:?}"));
        let r = cost(&s).unwrap_or_else(|_| panic!("costs"));
        assert!(cost_figure(Figure::SbiCostBusd, &r).is_err());
        let total = cost_figure(Figure::CostTotalBusd, &r).expect("total");
        assert!((total - 0.2).abs() < 1e-9, "{total}");
    }
}
