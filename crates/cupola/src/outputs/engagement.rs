//! Engagement results: what leaks through the layers, what each layer
//! spent and killed, and the leak curve over salvo size.

use super::Sink;
use crate::error::Error;
use cupola_analysis::engage::EngageResult;
use cupola_report::{HtmlSection, LinePlot, Series, Table, TextTable};
use std::fmt::Write as _;

/// What `cupola engage` (and the engagement part of `cupola run`) computed.
#[derive(Clone, Debug, serde::Serialize)]
pub struct EngagementReport {
    /// The engagement at the scenario's salvo.
    pub result: EngageResult,
    /// The leak curve over `[engage] salvo_sweep` (empty when skipped).
    pub curve: Vec<EngageResult>,
    /// Largest salvo of the curve with P(no leaker) ≥ 0.5.
    pub saturation: Option<u32>,
    /// The launch areas, in the spec's order.
    pub areas: Vec<String>,
    /// Each midcourse and terminal layer's cueing track against each
    /// area's launch, s after lift-off (None: its sensor never tracks that
    /// launch).
    pub cues: Vec<(String, Vec<Option<f64>>)>,
}

fn heading(r: &EngageResult) -> String {
    format!(
        "Layered engagement: {} missile{}, {} re-entry vehicles, {} trials",
        r.salvo,
        if r.salvo == 1 { "" } else { "s" },
        r.rvs,
        r.trials
    )
}

fn lines(rep: &EngagementReport) -> Vec<String> {
    let r = &rep.result;
    let (lo, hi) = r.p_no_leak_interval;
    let mut v = vec![
        format!(
            "Probability that nothing arrives: {:.4} (95% interval {lo:.4}–{hi:.4}); \
             re-entry vehicles arriving: {:.3} ± {:.3} on average.",
            r.p_no_leak, r.mean_leakers, r.mean_leakers_half_width
        ),
        format!(
            "Leakers: {}.",
            r.leaker_distribution
                .iter()
                .enumerate()
                .filter(|(_, p)| **p >= 0.0005)
                .map(|(k, p)| format!("{k}: {:.1}%", 100.0 * p))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ];
    if let Some((p, (lo, hi))) = r.p_boost_all_shot {
        v.push(format!(
            "Boost layer: every missile got the shots its doctrine asks in {:.1}% of trials \
             (95% interval {:.1}–{:.1}%), the engagement's counterpart of the sizing study's \
             probability.",
            100.0 * p,
            100.0 * lo,
            100.0 * hi
        ));
    }
    v.extend(shortfall_lines(r));
    for (name, cues) in &rep.cues {
        if cues.iter().all(Option::is_none) {
            v.push(format!(
                "{name} is never cued: its sensor never tracks the launch, so it never engages."
            ));
        } else if cues.iter().any(Option::is_none) {
            let missed: Vec<&str> = rep
                .areas
                .iter()
                .zip(cues)
                .filter(|(_, c)| c.is_none())
                .map(|(a, _)| a.as_str())
                .collect();
            v.push(format!(
                "{name} is never cued against launches from {}: its sensor never tracks them.",
                missed.join(", ")
            ));
        }
    }
    for (name, value, mean) in &r.arrivals {
        v.push(format!(
            "Arriving at {name} (value {value}): {mean:.3} per trial."
        ));
    }
    if let Some(s) = rep.saturation {
        v.push(format!(
            "Saturation: {s} missiles is the largest salvo of the curve with at least an even chance that nothing arrives."
        ));
    } else if !rep.curve.is_empty() {
        v.push(
            "Saturation: even the smallest salvo of the curve leaks more often than not.".into(),
        );
    }
    v
}

/// Where the warheads of boost-phase kills land, in words: one line per
/// launch area.
fn shortfall_lines(r: &EngageResult) -> Vec<String> {
    r.shortfall
        .iter()
        .filter_map(|(area, curve)| {
            let (first, last) = (curve.first()?, curve.last()?);
            let kills = r.boost_kills.iter().filter(|k| &k.area == area);
            let killed: f64 = kills.clone().map(|k| k.p_killed).sum();
            let (lo, hi) = kills
                .filter_map(|k| k.shortfall)
                .map(|s| s.short_of_aim_m)
                .fold((f64::INFINITY, 0.0f64), |(a, b), x| (a.min(x), b.max(x)));
            let (lat, lon) = deg(last.impact);
            let spread = if hi - lo >= 1e3 {
                format!(" ({:.0}–{:.0} km over the area's pads)", lo / 1e3, hi / 1e3)
            } else {
                String::new()
            };
            Some(format!(
                "Boost-phase kills, {area}: {killed:.2} missiles per trial. Their warheads fall \
                 short on ballistic arcs: a kill at the latest intercept ({:.0} s) lands them at \
                 {lat:.2}°, {lon:.2}° (reference pad), {:.0} km short of the aim point{spread}; \
                 a kill as the first interceptors burn out ({:.0} s), {:.0} km short. Tables: \
                 boost-shortfall, boost-kills.",
                last.kill_s,
                last.short_of_aim_m / 1e3,
                first.kill_s,
                first.short_of_aim_m / 1e3,
            ))
        })
        .collect()
}

/// Latitude and longitude of a WGS84 point, degrees.
fn deg(g: cupola_physics::frames::Geodetic) -> (f64, f64) {
    (g.lat.to_degrees(), g.lon.to_degrees())
}

fn layers_table(r: &EngageResult) -> TextTable {
    let mut t = TextTable::new(vec![
        "layer".to_string(),
        "name".into(),
        "engaged".into(),
        "interceptors".into(),
        "RVs killed".into(),
        "decoys killed".into(),
        "missiles killed".into(),
    ]);
    for l in &r.layers {
        t.push_row(vec![
            l.layer.to_string(),
            l.name.clone(),
            format!("{:.2}", l.engaged),
            format!("{:.2}", l.rounds),
            format!("{:.2}", l.rv_kills),
            format!("{:.2}", l.decoy_kills),
            format!("{:.2}", l.missile_kills),
        ]);
    }
    t
}

fn curve_table(curve: &[EngageResult]) -> TextTable {
    let mut t = TextTable::new(vec![
        "missiles".to_string(),
        "RVs".into(),
        "P(no leaker)".into(),
        "mean leakers".into(),
    ]);
    for r in curve {
        t.push_row(vec![
            r.salvo.to_string(),
            r.rvs.to_string(),
            format!("{:.4}", r.p_no_leak),
            format!("{:.3}", r.mean_leakers),
        ]);
    }
    t
}

/// Summary text of the engagement.
pub fn text(rep: &EngagementReport) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{}", heading(&rep.result));
    for l in lines(rep) {
        let _ = writeln!(o, "  {l}");
    }
    let _ = writeln!(o);
    super::push_indented(&mut o, &layers_table(&rep.result).to_string());
    if !rep.curve.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "  Leak curve:");
        super::push_indented(&mut o, &curve_table(&rep.curve).to_string());
    }
    o
}

/// Tables, plots and the HTML section of the engagement.
pub fn files(sink: &mut Sink, rep: &EngagementReport) -> Result<(), Error> {
    let r = &rep.result;
    let d = &r.leaker_distribution;
    let t = Table::new("leakers")
        .with_column("leakers", "", (0..d.len()).map(|k| k as f64).collect())
        .with_column("probability", "", d.clone());
    sink.table("engagement-leakers", &t)?;
    let layers = &r.layers;
    let t = Table::new("layers")
        .with_column("layer", "", (0..layers.len()).map(|k| k as f64).collect())
        .with_column("engaged", "", layers.iter().map(|l| l.engaged).collect())
        .with_column(
            "interceptors",
            "",
            layers.iter().map(|l| l.rounds).collect(),
        )
        .with_column("rv_kills", "", layers.iter().map(|l| l.rv_kills).collect())
        .with_column(
            "decoy_kills",
            "",
            layers.iter().map(|l| l.decoy_kills).collect(),
        )
        .with_column(
            "missile_kills",
            "",
            layers.iter().map(|l| l.missile_kills).collect(),
        );
    sink.table("engagement-layers", &t)?;
    if !r.shortfall.is_empty() {
        let f: Vec<_> = r.shortfall.iter().flat_map(|(_, c)| c).collect();
        let area: Vec<f64> = r
            .shortfall
            .iter()
            .enumerate()
            .flat_map(|(k, (_, c))| c.iter().map(move |_| (k + 1) as f64))
            .collect();
        let t = Table::new("boost-phase shortfall of each area's reference pad")
            .with_column("area", "", area)
            .with_column("kill_s", "s", f.iter().map(|x| x.kill_s).collect())
            .with_column(
                "impact_lat_deg",
                "deg",
                f.iter().map(|x| deg(x.impact).0).collect(),
            )
            .with_column(
                "impact_lon_deg",
                "deg",
                f.iter().map(|x| deg(x.impact).1).collect(),
            )
            .with_column(
                "short_of_aim_km",
                "km",
                f.iter().map(|x| x.short_of_aim_m / 1e3).collect(),
            );
        sink.table("boost-shortfall", &t)?;
        let k = &r.boost_kills;
        let at = |f: fn(&cupola_analysis::engage::Shortfall) -> f64| -> Vec<f64> {
            k.iter()
                .map(|b| b.shortfall.as_ref().map_or(f64::NAN, f))
                .collect()
        };
        let t = Table::new("boost-phase kills by missile")
            .with_column("missile", "", k.iter().map(|b| b.missile as f64).collect())
            .with_column("p_killed", "", k.iter().map(|b| b.p_killed).collect())
            .with_column("impact_lat_deg", "deg", at(|s| s.impact.lat.to_degrees()))
            .with_column("impact_lon_deg", "deg", at(|s| s.impact.lon.to_degrees()))
            .with_column("short_of_aim_km", "km", at(|s| s.short_of_aim_m / 1e3));
        sink.table("boost-kills", &t)?;
    }
    let mut svgs = Vec::new();
    let mut tables = vec![layers_table(r)];
    if !rep.curve.is_empty() {
        let c = &rep.curve;
        let xs: Vec<f64> = c.iter().map(|r| f64::from(r.salvo)).collect();
        let t = Table::new("leak curve")
            .with_column("missiles", "", xs.clone())
            .with_column("rvs", "", c.iter().map(|r| f64::from(r.rvs)).collect())
            .with_column("p_no_leak", "", c.iter().map(|r| r.p_no_leak).collect())
            .with_column(
                "mean_leakers",
                "",
                c.iter().map(|r| r.mean_leakers).collect(),
            );
        sink.table("leak-curve", &t)?;
        let leak = LinePlot {
            title: "Leak probability and expected leakers against salvo size".into(),
            x_label: "missiles in the salvo".into(),
            y_label: "probability / re-entry vehicles".into(),
            series: vec![
                Series::new(
                    "P(at least one leaker)",
                    c.iter()
                        .map(|r| (f64::from(r.salvo), 1.0 - r.p_no_leak))
                        .collect(),
                ),
                Series::new(
                    "expected leakers",
                    c.iter()
                        .map(|r| (f64::from(r.salvo), r.mean_leakers))
                        .collect(),
                ),
            ],
        }
        .render_svg()?;
        sink.set.add("leak-curve.svg", leak.clone().into_bytes());
        let names: Vec<&str> = r.layers.iter().map(|l| l.name.as_str()).collect();
        let per_layer = LinePlot {
            title: "Re-entry vehicles destroyed by each layer".into(),
            x_label: "missiles in the salvo".into(),
            y_label: "re-entry vehicles destroyed per trial".into(),
            series: names
                .iter()
                .map(|&n| {
                    Series::new(
                        n,
                        c.iter()
                            .filter_map(|r| {
                                r.layers
                                    .iter()
                                    .find(|l| l.name == n)
                                    .map(|l| (f64::from(r.salvo), l.rv_kills))
                            })
                            .collect(),
                    )
                })
                .collect(),
        }
        .render_svg()?;
        sink.set
            .add("layer-kills.svg", per_layer.clone().into_bytes());
        svgs.push(leak);
        svgs.push(per_layer);
        tables.push(curve_table(c));
    }
    let mut paragraphs = lines(rep);
    paragraphs.push(
        "Tables (CSV and Parquet): engagement-leakers, engagement-layers (layers in the order above), leak-curve; with a boost layer, boost-shortfall and boost-kills.".into(),
    );
    sink.html.sections.push(HtmlSection {
        heading: heading(r),
        paragraphs,
        tables,
        svgs,
    });
    Ok(())
}
