//! Stability results: the attacker's cheapest counter, cost-exchange
//! ratios, the arms race, and the retaliation table.

use super::Sink;
use crate::error::Error;
use cupola_analysis::stability::{
    Caps, Exchange, Posture, Purchase, RaceResult, Reply, Response, Retaliation,
};
use cupola_report::{HtmlSection, LinePlot, Series, Table, TextTable};
use std::fmt::Write as _;

/// What `cupola stability` computed.
#[derive(Clone, Debug, serde::Serialize)]
pub struct StabilityReport {
    /// The scenario's attack.
    pub start: Posture,
    /// Mean warheads it lands against the scenario's defense.
    pub baseline_arrivals: f64,
    /// 20-year cost of one more SBI carrier used, millions of dollars.
    pub sbi_musd: f64,
    /// Cost of one more midcourse interceptor used, millions of dollars.
    pub midcourse_musd: f64,
    /// Cost of one more terminal interceptor used, millions of dollars.
    pub terminal_musd: f64,
    /// The attacker's cheapest posture reaching its goal against the
    /// scenario's defense (None: none within its options).
    pub response: Option<Response>,
    /// Cost-exchange ratios.
    pub exchanges: Vec<Exchange>,
    /// The cost exchange of added missiles at several salvo sizes (each
    /// exchange's `posture` holds its salvo).
    pub exchange_curve: Vec<Exchange>,
    /// The arms race (None: skipped).
    pub race: Option<RaceResult>,
    /// Fraction of each arsenal's strike arriving, unlimited defense.
    pub retaliation: Vec<Retaliation>,
    /// The same under the treaty-style caps.
    pub retaliation_capped: Vec<Retaliation>,
    /// The caps.
    pub caps: Caps,
    /// The SBI layer against satellites: constellation, reachable,
    /// targets, fly-out time allowed (s).
    pub asat: Option<(String, usize, usize, f64)>,
    /// Postures evaluated.
    pub evaluations: usize,
    /// Trials run in all, the capped retaliation table's included: the
    /// searches stop a posture's trials once its question is settled, so
    /// fewer than postures × trials.
    pub trials_run: u64,
    /// Trials per posture.
    pub trials: u32,
}

/// A posture in words.
pub fn posture_text(p: &Posture) -> String {
    let mut parts = vec![format!("{} missiles", p.missiles)];
    if p.decoys_per_rv > 0 {
        parts.push(format!("{} decoys per RV", p.decoys_per_rv));
    }
    if p.fast_burn {
        parts.push("fast-burn boosters".into());
    }
    if p.concentrated {
        parts.push("launched together from one point".into());
    }
    if p.asat_shots > 0 {
        parts.push(format!(
            "{} ASAT shots at SBIs over the launch area first",
            p.asat_shots
        ));
    }
    parts.join(", ")
}

/// A purchase in words: each kind bought with its cost ("nothing" when
/// empty).
pub fn purchase_text(p: &Purchase) -> String {
    let mut parts = Vec::new();
    for (n, one, many, musd) in [
        (p.carriers, "SBI carrier", "SBI carriers", p.carriers_musd),
        (
            p.midcourse,
            "midcourse interceptor",
            "midcourse interceptors",
            p.midcourse_musd,
        ),
        (
            p.terminal,
            "terminal interceptor",
            "terminal interceptors",
            p.terminal_musd,
        ),
    ] {
        if n > 0 {
            let what = if n == 1 { one } else { many };
            parts.push(format!("{n} {what} (${musd:.0}M)"));
        }
    }
    if parts.is_empty() {
        "nothing".into()
    } else {
        parts.join(" and ")
    }
}

/// Why a reply has no purchase, in words.
fn no_answer(r: &Reply) -> &'static str {
    match r {
        Reply::Unresolved => "its search stopped at its evaluation limit without an answer",
        _ => "nothing within its search limits holds the goal",
    }
}

/// A ratio in words.
pub fn exchange_text(e: &Exchange) -> String {
    let mut o = format!(
        "adding {} costs the attacker ${:.0}M",
        e.added, e.attacker_musd
    );
    let prior = match e.prior.purchase() {
        None => {
            let _ = write!(
                o,
                "; the defense cannot first hold its goal against {} ({})",
                posture_text(&e.posture),
                no_answer(&e.prior)
            );
            return o;
        }
        Some(x) if x.is_empty() => String::new(),
        Some(x) => format!(
            " after first buying {} to hold the goal against {}",
            purchase_text(&x),
            posture_text(&e.posture)
        ),
    };
    let arrivals = e.arrivals.unwrap_or(f64::NAN);
    let _ = match (e.answer, e.ratio) {
        (Reply::Holds, _) => write!(
            o,
            "; the defense{prior} still holds its goal ({arrivals:.2} warheads arriving, goal \
             {:.2}) and spends nothing: 0 to 1",
            e.goal
        ),
        (Reply::Buy(x), Some(r)) => write!(
            o,
            "; {arrivals:.2} warheads then arrive (goal {:.2}) and the defense's cheapest \
             answer{prior} is {} for ${:.0}M: {r:.1} to 1",
            e.goal,
            purchase_text(&x),
            x.total_musd()
        ),
        (Reply::Buy(x), None) => write!(
            o,
            "; the addition is free to the attacker, and the defense's cheapest answer{prior} \
             is {} for ${:.0}M",
            purchase_text(&x),
            x.total_musd()
        ),
        (r, _) => write!(
            o,
            "; {arrivals:.2} warheads then arrive (goal {:.2}) and the defense{prior} has no \
             answer: {}",
            e.goal,
            no_answer(&r)
        ),
    };
    o
}

fn lines(r: &StabilityReport) -> Vec<String> {
    let mut v = vec![format!(
        "The scenario's attack ({}) lands {:.2} warheads on average against its defense ({} trials per posture, {} postures evaluated, {} trials run).",
        posture_text(&r.start),
        r.baseline_arrivals,
        r.trials,
        r.evaluations,
        r.trials_run
    )];
    v.push(match &r.response {
        Some(x) => format!(
            "Attacker's cheapest counter: {} for ${:.0}M, landing {:.2} warheads.",
            posture_text(&x.posture),
            x.cost_musd,
            x.arrivals
        ),
        None => "No posture within the attacker's options reaches its goal.".into(),
    });
    v.extend(
        r.exchanges
            .iter()
            .map(|e| format!("Cost exchange: {}.", exchange_text(e))),
    );
    if !r.exchange_curve.is_empty() {
        v.push(format!(
            "Cost-exchange ratio of added missiles by attack size: {}.",
            r.exchange_curve
                .iter()
                .map(|x| format!(
                    "{} missiles {}",
                    x.posture.missiles,
                    match (x.ratio, x.answer) {
                        (Some(r), Reply::Buy(b)) => format!("{r:.0} to 1 ({})", purchase_text(&b)),
                        (Some(r), _) => format!("{r:.0} to 1"),
                        (None, _) => "no answer".into(),
                    }
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    v.push(format!(
        "Defense unit costs: ${:.1}M per SBI carrier over the horizon, ${:.0}M per midcourse interceptor, ${:.1}M per terminal interceptor; each answer is the cheapest mix, exact to the unit.",
        r.sbi_musd, r.midcourse_musd, r.terminal_musd
    ));
    if let Some(race) = &r.race {
        let last = race.rounds.last();
        v.push(format!(
            "Arms race from the scenario's defense: {} rounds, {}; at the end the defense has {} carriers, {} added midcourse and {} added terminal interceptors (${:.0}M spent), the attack is {} (${:.0}M), landing {:.2}.",
            race.rounds.len(),
            if race.converged { "settled" } else { "still moving" },
            last.map_or(0, |l| l.defense.carriers),
            last.map_or(0, |l| l.defense.extra_midcourse),
            last.map_or(0, |l| l.defense.extra_terminal),
            last.map_or(0.0, |l| l.defense_spent_musd),
            last.map_or(String::new(), |l| posture_text(&l.posture)),
            last.map_or(0.0, |l| l.offense_musd),
            last.map_or(0.0, |l| l.arrivals),
        ));
    }
    if let Some((name, reach, n, within)) = &r.asat {
        v.push(format!(
            "Anti-satellite reach: the SBI layer could reach {reach} of the {n} satellites of {name} within {:.0} minutes.",
            within / 60.0
        ));
    }
    v
}

fn retaliation_table(open: &[Retaliation], capped: &[Retaliation], caps: &Caps) -> TextTable {
    let cap_label = format!(
        "arriving with caps ({}{})",
        caps.midcourse.map_or(String::new(), |m| format!(
            "≤ {m} ground interceptors at one site; "
        )),
        caps.sbi
            .map_or("no SBI cap".into(), |s| format!("≤ {s} SBIs"))
    );
    let mut t = TextTable::new(vec![
        "arsenal".to_string(),
        "warheads".into(),
        "SBI carriers".into(),
        "arriving".into(),
        cap_label,
    ]);
    for (o, c) in open.iter().zip(capped) {
        t.push_row(vec![
            if o.areas.is_empty() {
                o.arsenal.clone()
            } else {
                format!("{} (from {})", o.arsenal, o.areas.join(", "))
            },
            o.warheads.to_string(),
            o.carriers.to_string(),
            format!("{:.1}%", 100.0 * o.fraction),
            format!("{:.1}% ({} carriers)", 100.0 * c.fraction, c.carriers),
        ]);
    }
    t
}

fn race_table(r: &RaceResult) -> TextTable {
    let mut t = TextTable::new(vec![
        "round".to_string(),
        "bought".into(),
        "carriers".into(),
        "added midcourse".into(),
        "added terminal".into(),
        "defense $M".into(),
        "attack".into(),
        "attack $M".into(),
        "arriving".into(),
    ]);
    for x in &r.rounds {
        t.push_row(vec![
            x.round.to_string(),
            match x.reply {
                Reply::Holds => "none needed".into(),
                Reply::Buy(_) if x.bought.is_empty() => "saving".into(),
                Reply::Buy(_) => purchase_text(&x.bought),
                Reply::OutOfReach => "no answer in limits".into(),
                Reply::Unresolved => "search unresolved".into(),
            },
            x.defense.carriers.to_string(),
            x.defense.extra_midcourse.to_string(),
            x.defense.extra_terminal.to_string(),
            format!("{:.0}", x.defense_spent_musd),
            posture_text(&x.posture),
            format!("{:.0}", x.offense_musd),
            format!("{:.2}", x.arrivals),
        ]);
    }
    t
}

/// Summary text.
pub fn text(r: &StabilityReport) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "Strategic stability");
    for l in lines(r) {
        let _ = writeln!(o, "  {l}");
    }
    if let Some(race) = &r.race {
        let _ = writeln!(o);
        super::push_indented(&mut o, &race_table(race).to_string());
    }
    if !r.retaliation.is_empty() {
        let _ = writeln!(o);
        super::push_indented(
            &mut o,
            &retaliation_table(&r.retaliation, &r.retaliation_capped, &r.caps).to_string(),
        );
        let _ = writeln!(o, "  {}", retaliation_precision(r));
    }
    o
}

/// How precise the retaliation table's fractions are: the widest 95%
/// half-width, the range of trials behind them and the rule that stopped
/// them.
fn retaliation_precision(r: &StabilityReport) -> String {
    let all = || r.retaliation.iter().chain(&r.retaliation_capped);
    let widest = all().map(|x| x.fraction_half_width).fold(0.0, f64::max);
    let fewest = all().map(|x| x.trials).min().unwrap_or(0);
    let most = all().map(|x| x.trials).max().unwrap_or(0);
    let trials = if fewest == most {
        format!("{most}")
    } else {
        format!("{fewest}–{most}")
    };
    format!(
        "Fractions arriving to ±{:.2} points or better (95%), from {trials} trials each (a strike stops once within ±{:.2} or at {} trials; a half-width is at least 3 warheads over its trials).",
        100.0 * widest,
        100.0 * cupola_analysis::stability::RETALIATION_HALF_WIDTH,
        r.trials
    )
}

/// Units of one kind each exchange's answer buys (NaN: no answer).
fn bought(c: &[Exchange], kind: impl Fn(&Purchase) -> u32) -> Vec<f64> {
    c.iter()
        .map(|x| {
            x.answer
                .purchase()
                .map_or(f64::NAN, |p| f64::from(kind(&p)))
        })
        .collect()
}

/// Tables, plots and the HTML section.
pub fn files(sink: &mut Sink, r: &StabilityReport) -> Result<(), Error> {
    let mut svgs = Vec::new();
    let mut tables = Vec::new();
    if let Some(race) = &r.race {
        let rounds: Vec<f64> = race.rounds.iter().map(|x| f64::from(x.round)).collect();
        let t = Table::new("arms race")
            .with_column("round", "", rounds.clone())
            .with_column(
                "carriers",
                "",
                race.rounds
                    .iter()
                    .map(|x| f64::from(x.defense.carriers))
                    .collect(),
            )
            .with_column(
                "added_interceptors",
                "",
                race.rounds
                    .iter()
                    .map(|x| f64::from(x.defense.extra_midcourse))
                    .collect(),
            )
            .with_column(
                "added_terminal",
                "",
                race.rounds
                    .iter()
                    .map(|x| f64::from(x.defense.extra_terminal))
                    .collect(),
            )
            .with_column(
                "defense_spent",
                "musd",
                race.rounds.iter().map(|x| x.defense_spent_musd).collect(),
            )
            .with_column(
                "missiles",
                "",
                race.rounds
                    .iter()
                    .map(|x| f64::from(x.posture.missiles))
                    .collect(),
            )
            .with_column(
                "offense",
                "musd",
                race.rounds.iter().map(|x| x.offense_musd).collect(),
            )
            .with_column(
                "arrivals",
                "",
                race.rounds.iter().map(|x| x.arrivals).collect(),
            );
        sink.table("arms-race", &t)?;
        let svg = LinePlot {
            title: "Arms race: spending by round".into(),
            x_label: "round".into(),
            y_label: "spending ($ million)".into(),
            series: vec![
                Series::new(
                    "defense (above the start)",
                    race.rounds
                        .iter()
                        .map(|x| (f64::from(x.round), x.defense_spent_musd))
                        .collect(),
                ),
                Series::new(
                    "attack",
                    race.rounds
                        .iter()
                        .map(|x| (f64::from(x.round), x.offense_musd))
                        .collect(),
                ),
            ],
        }
        .render_svg()?;
        sink.set.add("arms-race.svg", svg.clone().into_bytes());
        svgs.push(svg);
        tables.push(race_table(race));
    }
    if !r.retaliation.is_empty() {
        let t = Table::new("retaliation")
            .with_column(
                "warheads",
                "",
                r.retaliation
                    .iter()
                    .map(|x| f64::from(x.warheads))
                    .collect(),
            )
            .with_column(
                "carriers",
                "",
                r.retaliation
                    .iter()
                    .map(|x| f64::from(x.carriers))
                    .collect(),
            )
            .with_column(
                "fraction_arriving",
                "",
                r.retaliation.iter().map(|x| x.fraction).collect(),
            )
            .with_column(
                "capped_carriers",
                "",
                r.retaliation_capped
                    .iter()
                    .map(|x| f64::from(x.carriers))
                    .collect(),
            )
            .with_column(
                "capped_fraction_arriving",
                "",
                r.retaliation_capped.iter().map(|x| x.fraction).collect(),
            );
        sink.table("retaliation", &t)?;
        let mut names: Vec<&str> = r.retaliation.iter().map(|x| x.arsenal.as_str()).collect();
        names.dedup();
        let svg = LinePlot {
            title: "Fraction of a retaliatory strike arriving".into(),
            x_label: "SBI carriers in orbit".into(),
            y_label: "fraction arriving".into(),
            series: names
                .iter()
                .map(|&n| {
                    Series::new(
                        n,
                        r.retaliation
                            .iter()
                            .filter(|x| x.arsenal == n)
                            .map(|x| (f64::from(x.carriers), x.fraction))
                            .collect(),
                    )
                })
                .collect(),
        }
        .render_svg()?;
        sink.set.add("retaliation.svg", svg.clone().into_bytes());
        svgs.push(svg);
        tables.push(retaliation_table(
            &r.retaliation,
            &r.retaliation_capped,
            &r.caps,
        ));
    }
    if !r.exchange_curve.is_empty() {
        let c = &r.exchange_curve;
        let t = Table::new("cost exchange")
            .with_column(
                "missiles",
                "",
                c.iter().map(|x| f64::from(x.posture.missiles)).collect(),
            )
            .with_column("carriers_bought", "", bought(c, |p| p.carriers))
            .with_column("midcourse_bought", "", bought(c, |p| p.midcourse))
            .with_column("terminal_bought", "", bought(c, |p| p.terminal))
            .with_column(
                "defense",
                "musd",
                c.iter()
                    .map(|x| x.defense_musd.unwrap_or(f64::NAN))
                    .collect(),
            )
            .with_column(
                "attacker",
                "musd",
                c.iter().map(|x| x.attacker_musd).collect(),
            )
            .with_column(
                "ratio",
                "",
                c.iter().map(|x| x.ratio.unwrap_or(f64::NAN)).collect(),
            );
        sink.table("cost-exchange", &t)?;
        let svg = LinePlot {
            title: "Cost-exchange ratio of added missiles".into(),
            x_label: "missiles in the attack".into(),
            y_label: "defense $ per attacker $".into(),
            series: vec![Series::new(
                "added missiles",
                c.iter()
                    .map(|x| (f64::from(x.posture.missiles), x.ratio.unwrap_or(f64::NAN)))
                    .collect(),
            )],
        }
        .render_svg()?;
        sink.set.add("cost-exchange.svg", svg.clone().into_bytes());
        svgs.push(svg);
    }
    if !r.retaliation.is_empty() {
        // Arrivals against offense size, one line per defense size.
        let mut sizes: Vec<u32> = r.retaliation.iter().map(|x| x.carriers).collect();
        sizes.sort_unstable();
        sizes.dedup();
        let svg = LinePlot {
            title: "Warheads arriving against the size of the strike".into(),
            x_label: "warheads launched".into(),
            y_label: "warheads arriving".into(),
            series: sizes
                .iter()
                .map(|&c| {
                    Series::new(
                        format!("{c} SBI carriers"),
                        r.retaliation
                            .iter()
                            .filter(|x| x.carriers == c)
                            .map(|x| (f64::from(x.warheads), x.arrivals))
                            .collect(),
                    )
                })
                .collect(),
        }
        .render_svg()?;
        sink.set
            .add("arrivals-by-offense.svg", svg.clone().into_bytes());
        svgs.push(svg);
    }
    let mut paragraphs = lines(r);
    paragraphs.push("Tables (CSV and Parquet): arms-race, retaliation, cost-exchange.".into());
    sink.html.sections.push(HtmlSection {
        heading: "Strategic stability".into(),
        paragraphs,
        tables,
        svgs,
    });
    Ok(())
}
