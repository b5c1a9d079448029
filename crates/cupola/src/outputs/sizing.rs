//! Sizing results: the constellation needed, the analytic models beside it,
//! sweeps, and the reach against satellites.

use super::Sink;
use crate::error::Error;
use cupola_analysis::sizing::SizingResult;
use cupola_analysis::sizing::asat::AsatResult;
use cupola_analysis::sizing::planes::NoAnswer;
use cupola_analysis::sizing::study::FamilyResult;
use cupola_analysis::sizing::sweep::SweepResult;
use cupola_analysis::sizing::{Phasing, SweepKind};
use cupola_defense::budget::Deadline;
use cupola_report::{HtmlSection, LinePlot, Series, Table, TextTable};
use std::fmt::Write as _;

mod family;
mod joint;
use family::{families_table, family_name, reach_line, why};
pub(super) use joint::shells_name;

/// What `cupola size` (and the sizing part of `cupola run`) computed.
#[derive(Clone, Debug, serde::Serialize)]
pub struct SizingReport {
    /// Lift-off to launch report used against each launch area's launch,
    /// s, in the spec's order.
    pub detection_s: Vec<f64>,
    /// The sizing at the scenario's settings.
    pub result: SizingResult,
    /// The sweeps run.
    pub sweeps: Vec<SweepResult>,
    /// Reach of the sized layer against a constellation: its name and the
    /// result.
    pub asat: Option<(String, AsatResult)>,
    /// The sensor-to-shooter timeline of each area's launch.
    pub timeline: Vec<super::timeline::ShooterTimeline>,
}

/// Thousands separators: 49440 → "49,440".
fn count(n: f64) -> String {
    if !n.is_finite() {
        return "∞".into();
    }
    let s = format!("{:.0}", n.round());
    let (sign, digits) = s.strip_prefix('-').map_or(("", s.as_str()), |d| ("-", d));
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

fn deadline_name(d: &Deadline) -> String {
    match d {
        Deadline::BoostEnd => "boost end".into(),
        Deadline::BusDeployed => "bus deployed".into(),
        Deadline::DescendsBelow { altitude_m } => {
            format!("descent below {:.0} km", altitude_m / 1e3)
        }
        Deadline::At { time_s } => format!("{time_s:.0} s after lift-off"),
    }
}

fn heading(r: &SizingResult) -> String {
    let raid = match r.reach.len() {
        1 => format!("salvo of {}", r.salvo),
        n => format!("raid of {} from {n} launch areas at once", r.salvo),
    };
    format!(
        "Boost-phase sizing: {raid}, {} shot{} each with {:.0}% probability",
        r.requirement.shots,
        if r.requirement.shots == 1 { "" } else { "s" },
        r.requirement.confidence * 100.0
    )
}

/// The models side by side, for the family of the answer (its own reach
/// and analytic models).
fn models_table(r: &SizingResult) -> TextTable {
    let mut t = TextTable::new(vec![
        "model".to_string(),
        "carriers".into(),
        "absentee ratio".into(),
        "note".into(),
    ]);
    let Some(fam) = r.answer_family() else {
        return t;
    };
    let a = fam.analytic();
    match &fam.best {
        Some(b) => {
            let (lo, hi) = b.stats.p_success_interval();
            t.push_row(vec![
                "numeric: reach table + launch-time sampling".to_string(),
                count(f64::from(b.total)),
                count(b.stats.absentee_ratio()),
                format!(
                    "P = {:.3} ({lo:.3}–{hi:.3}); {} planes × {}, {:.1}°, {}",
                    b.stats.p_success(),
                    b.family.planes,
                    b.per_plane,
                    b.family.inclination_rad.to_degrees(),
                    match b.family.phasing {
                        Phasing::Walker => "Walker",
                        Phasing::Random => "random phasing",
                    }
                ),
            ]);
        }
        None => {
            t.push_row(vec![
                "numeric: reach table + launch-time sampling".to_string(),
                "none found".into(),
                "—".into(),
                fam.why_none.as_ref().map_or_else(String::new, why),
            ]);
        }
    }
    let k = a.inclination_factor.unwrap_or(0.0);
    // With several launch areas the analytic models describe one area's
    // salvo alone: every row says which.
    let alone = if fam.areas.len() > 1 {
        format!(" ({} alone)", fam.areas[fam.binding].area)
    } else {
        String::new()
    };
    t.push_row(vec![
        format!("analytic: inclination-corrected + Poisson{alone}"),
        count(a.inclined_poisson_total),
        count(a.absentee_uniform / k),
        format!("k(λ, i) = {k:.3}; Poisson mean {:.2}", a.poisson_mean),
    ]);
    t.push_row(vec![
        format!("analytic: uniform sphere + Poisson{alone}"),
        count(a.uniform_poisson_total),
        count(a.absentee_uniform),
        format!(
            "{} in reach with {:.0}% → mean {:.2}",
            a.needed_in_reach,
            r.requirement.confidence * 100.0,
            a.poisson_mean
        ),
    ]);
    t.push_row(vec![
        format!("analytic: mean value (needed in reach × absentee ratio){alone}"),
        count(a.mean_value_total),
        count(a.absentee_uniform),
        format!("{} needed in reach", a.needed_in_reach),
    ]);
    t
}

fn lines(rep: &SizingReport) -> Vec<String> {
    let r = &rep.result;
    let mut v: Vec<String> = r
        .reach
        .iter()
        .zip(&rep.detection_s)
        .map(|(re, detection_s)| {
            let against = if r.reach.len() > 1 {
                format!(" against {}", re.area)
            } else {
                String::new()
            };
            format!(
                "Timeline{against}: launch reported {detection_s:.1} s after lift-off, interceptors fired at {:.1} s; \
                 deadline ({}) {:.1} s less the end game: intercept by {:.1} s, a fly-out window of {:.1} s.",
                re.fire_s,
                deadline_name(&r.deadline),
                re.deadline_s,
                re.intercept_by_s,
                re.window_s
            )
        })
        .collect();
    v.extend([
        format!(
            "Carrier: {:.0} kg in orbit ({} interceptor{} of {:.0} kg, each flying a {:.1} kg kill vehicle \
             with its divert propellant).",
            r.carrier_mass_kg,
            r.requirement.capacity,
            if r.requirement.capacity == 1 { "" } else { "s" },
            r.interceptor_mass_kg,
            r.kill_vehicle_mass_kg
        ),
    ]);
    if let Some(f) = r.answer_family() {
        v.push(format!(
            "Family of the answer ({}): {}",
            family_name(f),
            reach_line(f)
        ));
    }
    for f in &r.families {
        if let Some(n) = &f.why_none {
            // No feasible cell is one area's; the other reasons are the raid's.
            let against = if f.areas.len() > 1 && matches!(n, NoAnswer::NoFeasibleCell { .. }) {
                format!(" (against {})", f.areas[f.binding].area)
            } else {
                String::new()
            };
            v.push(format!(
                "No answer for {}{against}: {}.",
                family_name(f),
                why(n)
            ));
        }
    }
    if let Some(b) = &r.best {
        let h = &b.stats.histogram;
        let total: u64 = h.iter().sum();
        // Smallest count whose cumulative share reaches q.
        let quantile = |q: f64| {
            let mut acc = 0u64;
            h.iter()
                .position(|&n| {
                    acc += n;
                    acc as f64 >= q * total as f64
                })
                .map_or("—".to_string(), |k| {
                    if k + 1 == h.len() {
                        format!("{k}+")
                    } else {
                        k.to_string()
                    }
                })
        };
        v.push(format!(
            "Carriers in reach of a missile (numeric answer): mean {:.2}, 5th percentile {}, median {}, 95th percentile {}; \
             every missile had its shots in reach in {:.1}% of launch times, and kept them after assignment in {:.1}%.",
            b.stats.mean_in_reach(),
            quantile(0.05),
            quantile(0.5),
            quantile(0.95),
            100.0 * b.stats.p_in_reach(),
            100.0 * b.stats.p_success()
        ));
    }
    if let (Some(b), Some(f)) = (&r.best, r.answer_family())
        && f.areas.len() > 1
    {
        let samples = b.stats.samples;
        if let Some(k) = b.stats.hardest_area() {
            let (a, c) = (&f.areas[k], &b.stats.areas[k]);
            v.push(format!(
                "In practice {} binds: its missiles have their shots in reach least often ({:.1}% of launch times).",
                a.area,
                100.0 * c.p_in_reach(samples)
            ));
        }
        for (a, c) in f.areas.iter().zip(&b.stats.areas) {
            v.push(format!(
                "{} ({} missile{}): {:.2} carriers in reach of a missile on average; every missile of the area \
                 had its shots in reach in {:.1}% of launch times; the area alone would need {} carriers by \
                 the inclination-corrected Poisson model ({} of {} reach cells feasible).",
                a.area,
                a.salvo,
                if a.salvo == 1 { "" } else { "s" },
                c.mean_in_reach(b.stats.samples),
                100.0 * c.p_in_reach(b.stats.samples),
                count(a.analytic.inclined_poisson_total),
                count(a.table.feasible_cells as f64),
                count(a.table.cells as f64),
            ));
        }
    }
    if let Some(m) = r.mass_in_orbit_kg() {
        v.push(format!(
            "Mass in orbit of the numeric answer: {} t.",
            count(m / 1e3)
        ));
    }
    v.extend(joint::lines(r));
    if let Some((name, s)) = &rep.asat {
        v.push(format!(
            "Against satellites ({name}): {} of {} reachable within {:.0} min by this layer; \
             {:.1} SBIs in reach of each on average, at most {}.",
            s.reachable(),
            s.in_reach.len(),
            s.within_s / 60.0,
            s.mean_in_reach(),
            s.max_in_reach()
        ));
    }
    v
}

fn sweep_name(k: SweepKind) -> (&'static str, &'static str, f64) {
    match k {
        SweepKind::Salvo => ("salvo", "missiles in the salvo", 1.0),
        SweepKind::BoostTime => ("boost", "missile boost time (s)", 1.0),
        SweepKind::DeltaV => ("delta-v", "interceptor Δv (km/s)", 1e-3),
        SweepKind::Altitude => ("altitude", "orbit altitude (km)", 1e-3),
        SweepKind::Inclination => (
            "inclination",
            "inclination (°)",
            180.0 / std::f64::consts::PI,
        ),
    }
}

fn sweep_table(s: &SweepResult) -> TextTable {
    let (_, label, scale) = sweep_name(s.kind);
    let mut t = TextTable::new(vec![
        label.to_string(),
        "family".into(),
        "numeric".into(),
        "inclined+Poisson".into(),
        "uniform+Poisson".into(),
        "mean value".into(),
    ]);
    for p in &s.points {
        let v = format!("{}", (p.value * scale * 100.0).round() / 100.0);
        let row = match (
            &p.outcome,
            p.outcome.as_ref().ok().and_then(|r| r.answer_family()),
        ) {
            (Ok(_), Some(f)) => vec![
                v,
                format!(
                    "{:.0}°, {} planes{}",
                    f.family.inclination_rad.to_degrees(),
                    f.family.planes,
                    if f.planes_searched { " (searched)" } else { "" }
                ),
                f.best.as_ref().map_or_else(
                    || {
                        f.why_none.as_ref().map_or("none".into(), |n| match n {
                            NoAnswer::NoFeasibleCell { .. } => "none: no feasible cell".into(),
                            NoAnswer::PlaneGaps { .. } => "none: plane gaps".into(),
                            NoAnswer::AboveMax { .. } | NoAnswer::BelowPlanes { .. } => {
                                "none: above max_satellites".into()
                            }
                        })
                    },
                    |b| count(f64::from(b.total)),
                ),
                count(f.analytic().inclined_poisson_total),
                count(f.analytic().uniform_poisson_total),
                count(f.analytic().mean_value_total),
            ],
            (Ok(_), None) => vec![
                v,
                String::new(),
                "no family".into(),
                String::new(),
                String::new(),
                String::new(),
            ],
            (Err(e), _) => vec![
                v,
                String::new(),
                format!("error: {e}"),
                String::new(),
                String::new(),
                String::new(),
            ],
        };
        t.push_row(row);
    }
    t
}

/// Summary text of the sizing.
pub fn text(rep: &SizingReport) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{}", heading(&rep.result));
    for l in lines(rep) {
        let _ = writeln!(o, "  {l}");
    }
    let _ = writeln!(o);
    super::push_indented(&mut o, &models_table(&rep.result).to_string());
    o.push_str(&super::timeline::text(&rep.timeline));
    if rep.result.families.len() > 1 {
        let _ = writeln!(o);
        super::push_indented(&mut o, &families_table(&rep.result).to_string());
    }
    for s in &rep.sweeps {
        let _ = writeln!(o);
        let _ = writeln!(o, "  Sweep of {}:", sweep_name(s.kind).1);
        super::push_indented(&mut o, &sweep_table(s).to_string());
    }
    o
}

/// Tables, plots and HTML sections of the sizing.
pub fn files(sink: &mut Sink, rep: &SizingReport) -> Result<(), Error> {
    let r = &rep.result;
    // The search: probability against constellation size, per family.
    let mut plot = LinePlot {
        title: "Probability every missile gets its shots".into(),
        x_label: "carriers in orbit".into(),
        y_label: "probability".into(),
        series: Vec::new(),
    };
    let (mut fam, mut total, mut p, mut mean) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (k, f) in r.families.iter().enumerate() {
        plot.series.push(Series::new(
            format!(
                "{:.0}°, {} planes",
                f.family.inclination_rad.to_degrees(),
                f.family.planes
            ),
            f.tried
                .iter()
                .map(|t| (f64::from(t.total), t.p_success))
                .collect(),
        ));
        for t in &f.tried {
            fam.push(k as f64);
            total.push(f64::from(t.total));
            p.push(t.p_success);
            mean.push(t.mean_in_reach);
        }
    }
    let t = Table::new("sizing search")
        .with_column("family", "", fam)
        .with_column("carriers", "", total)
        .with_column("p_success", "", p)
        .with_column("mean_in_reach", "", mean);
    sink.table("sizing", &t)?;
    let per = |f: &dyn Fn(&FamilyResult) -> f64| r.families.iter().map(f).collect::<Vec<f64>>();
    let t = Table::new("sizing families")
        .with_column(
            "family",
            "",
            (0..r.families.len()).map(|k| k as f64).collect(),
        )
        .with_column("altitude", "km", per(&|f| f.family.altitude_m / 1e3))
        .with_column(
            "inclination",
            "deg",
            per(&|f| f.family.inclination_rad.to_degrees()),
        )
        .with_column("planes", "", per(&|f| f64::from(f.family.planes)))
        .with_column(
            "planes_searched",
            "",
            per(&|f| f64::from(u8::from(f.planes_searched))),
        )
        .with_column("cells", "", per(&|f| f.table().cells as f64))
        .with_column(
            "feasible_cells",
            "",
            per(&|f| f.table().feasible_cells as f64),
        )
        .with_column(
            "divert_short_cells",
            "",
            per(&|f| f.table().divert_short_cells as f64),
        )
        .with_column(
            "ground_reach",
            "km",
            per(&|f| f.analytic().ground_reach_m / 1e3),
        )
        .with_column(
            "inclined_poisson",
            "carriers",
            per(&|f| f.analytic().inclined_poisson_total),
        )
        .with_column(
            "uniform_poisson",
            "carriers",
            per(&|f| f.analytic().uniform_poisson_total),
        )
        .with_column(
            "mean_value",
            "carriers",
            per(&|f| f.analytic().mean_value_total),
        )
        .with_column(
            "numeric",
            "carriers",
            per(&|f| f.best.as_ref().map_or(f64::NAN, |b| f64::from(b.total))),
        );
    sink.table("sizing-families", &t)?;
    if let (Some(b), Some(f)) = (&r.best, r.answer_family()) {
        let per = |g: &dyn Fn(usize) -> f64| (0..f.areas.len()).map(g).collect::<Vec<f64>>();
        let samples = b.stats.samples;
        let t = Table::new("sizing areas")
            .with_column("area", "", per(&|k| k as f64))
            .with_column("salvo", "missiles", per(&|k| f64::from(f.areas[k].salvo)))
            .with_column(
                "mean_in_reach",
                "carriers",
                per(&|k| b.stats.areas[k].mean_in_reach(samples)),
            )
            .with_column(
                "p_in_reach",
                "",
                per(&|k| b.stats.areas[k].p_in_reach(samples)),
            )
            .with_column(
                "feasible_cells",
                "",
                per(&|k| f.areas[k].table.feasible_cells as f64),
            )
            .with_column(
                "inclined_poisson_alone",
                "carriers",
                per(&|k| f.areas[k].analytic.inclined_poisson_total),
            );
        sink.table("sizing-areas", &t)?;
    }
    if let Some(j) = &r.joint {
        sink.table("sizing-joint", &joint::table(j))?;
    }
    if let Some(b) = &r.best {
        let h = &b.stats.histogram;
        let total = h.iter().sum::<u64>().max(1) as f64;
        let t = Table::new("carriers in reach of a missile")
            .with_column("in_reach", "", (0..h.len()).map(|k| k as f64).collect())
            .with_column("share", "", h.iter().map(|&n| n as f64 / total).collect());
        sink.table("in-reach", &t)?;
    }
    let svg = plot.render_svg()?;
    sink.set.add("sizing.svg", svg.clone().into_bytes());
    let mut paragraphs = lines(rep);
    paragraphs.push(
        "Tables (CSV and Parquet): sizing (every constellation tried, by family index), sizing-families (each family's reach table, analytic models and answer; with several launch areas, those of the binding area), sizing-areas (each launch area, by its index in the scenario, against the answer: carriers in reach, probability that all its missiles have their shots in reach, its reach table and its analytic count alone), in-reach (distribution of carriers in reach of a missile; the last row counts that many or more), sizing-joint (with [[sbi.shell]]: every joint constellation tried, its carriers per shell, in all, and its probability), sweep-KIND, asat."
            .into(),
    );
    let mut svgs = vec![svg];
    let mut tables = vec![models_table(r), families_table(r)];
    for s in &rep.sweeps {
        let (stem, label, scale) = sweep_name(s.kind);
        let ok: Vec<(f64, &SizingResult)> = s
            .points
            .iter()
            .filter_map(|p| p.outcome.as_ref().ok().map(|r| (p.value * scale, r)))
            .collect();
        let col =
            |f: &dyn Fn(&SizingResult) -> f64| ok.iter().map(|(_, r)| f(r)).collect::<Vec<f64>>();
        // Each point's analytic figures are those of its answer's family.
        let fam = |r: &SizingResult, f: &dyn Fn(&FamilyResult) -> f64| {
            r.answer_family().map_or(f64::NAN, f)
        };
        let numeric = |r: &SizingResult| r.best.as_ref().map_or(f64::NAN, |b| f64::from(b.total));
        let inclined = |r: &SizingResult| fam(r, &|f| f.analytic().inclined_poisson_total);
        let uniform = |r: &SizingResult| fam(r, &|f| f.analytic().uniform_poisson_total);
        let mean_value = |r: &SizingResult| fam(r, &|f| f.analytic().mean_value_total);
        let inclination = |r: &SizingResult| fam(r, &|f| f.family.inclination_rad.to_degrees());
        let planes = |r: &SizingResult| fam(r, &|f| f64::from(f.family.planes));
        let xs: Vec<f64> = ok.iter().map(|(x, _)| *x).collect();
        let t = Table::new(format!("sweep {stem}"))
            .with_column(stem, "", xs.clone())
            .with_column("inclination", "deg", col(&inclination))
            .with_column("planes", "", col(&planes))
            .with_column("numeric", "carriers", col(&numeric))
            .with_column("inclined_poisson", "carriers", col(&inclined))
            .with_column("uniform_poisson", "carriers", col(&uniform))
            .with_column("mean_value", "carriers", col(&mean_value));
        sink.table(&format!("sweep-{stem}"), &t)?;
        let series =
            |name: &str, ys: Vec<f64>| Series::new(name, xs.iter().copied().zip(ys).collect());
        let svg = LinePlot {
            title: format!("Carriers needed against {label}"),
            x_label: label.into(),
            y_label: "carriers in orbit".into(),
            series: vec![
                series("numeric (reach table)", col(&numeric)),
                series("inclination-corrected + Poisson", col(&inclined)),
                series("uniform sphere + Poisson", col(&uniform)),
                series("mean value", col(&mean_value)),
            ],
        }
        .render_svg()?;
        sink.set
            .add(format!("sweep-{stem}.svg"), svg.clone().into_bytes());
        svgs.push(svg);
        tables.push(sweep_table(s));
    }
    if let Some((_, a)) = &rep.asat {
        let t = Table::new("asat reach")
            .with_column(
                "target",
                "",
                (0..a.in_reach.len()).map(|k| k as f64).collect(),
            )
            .with_column(
                "sbis_in_reach",
                "",
                a.in_reach.iter().map(|&n| f64::from(n)).collect(),
            )
            .with_column(
                "earliest",
                "s",
                a.earliest_s.iter().map(|e| e.unwrap_or(f64::NAN)).collect(),
            );
        sink.table("asat", &t)?;
    }
    sink.html.sections.push(HtmlSection {
        heading: heading(r),
        paragraphs,
        tables,
        svgs,
    });
    Ok(())
}
