//! The headline figures of a scenario, as `cupola run`'s assessment gives
//! them: SBI carriers needed (sizing: the fewest of any answer, a single
//! shell or the shells sized jointly), P(no leak) and mean leakers
//! (engagement), the life-cycle cost, the cost-exchange ratios and the cost
//! of the attacker's cheapest counter (stability). `cupola sensitivity` and
//! `cupola uncertainty` compute them at every point of their designs,
//! running only the studies the figures need (no sweeps, no leak curve, no
//! arms race, no retaliation table) with the same settings `cupola run`
//! uses.

use crate::error::Error;
use crate::layer::Layer;
use crate::study::run::ASSESSMENT_TRIALS;
use crate::study::{cost, engage, size, stability};
use cupola_scenario::Scenario;

/// The study a figure comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Study {
    /// Boost-phase sizing.
    Sizing,
    /// The layered engagement.
    Engagement,
    /// The life-cycle cost.
    Cost,
    /// Strategic stability.
    Stability,
}

/// One headline figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// A column-safe identifier, e.g. `p_no_leak`.
    pub id: String,
    /// What it is, in words.
    pub name: String,
    /// Its unit as tables print it (empty: a pure number).
    pub unit: &'static str,
    /// Its study.
    pub study: Study,
}

/// A figure's value at one point, with its 95% Monte Carlo interval when
/// it is a Monte Carlo estimate.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Value {
    /// The value (None: the study has no answer here, e.g. no
    /// constellation within the search, no counter within the attacker's
    /// options).
    pub value: Option<f64>,
    /// The 95% interval of the estimate.
    pub interval: Option<(f64, f64)>,
}

impl Value {
    /// The three stored numbers: value, interval low, interval high.
    pub fn flat(&self) -> [Option<f64>; 3] {
        [
            self.value,
            self.interval.map(|i| i.0),
            self.interval.map(|i| i.1),
        ]
    }

    /// Back from [`Value::flat`].
    pub fn from_flat(v: &[Option<f64>]) -> Self {
        let get = |k: usize| v.get(k).copied().flatten();
        Self {
            value: get(0),
            interval: get(1).zip(get(2)),
        }
    }
}

/// The figures a scenario has, given its nominal results (the exchange
/// ratios are named by what the attacker adds).
fn figures_of(s: &Scenario, exchanges: &[String]) -> Vec<Figure> {
    let mut f = Vec::new();
    let fig = |id: &str, name: &str, unit, study| Figure {
        id: id.into(),
        name: name.into(),
        unit,
        study,
    };
    if s.sbi.is_some() && s.size.is_some() {
        f.push(fig(
            "sbi_carriers",
            "SBI carriers needed",
            "carriers",
            Study::Sizing,
        ));
    }
    if s.engage.is_some() {
        f.push(fig("p_no_leak", "P(no leak)", "", Study::Engagement));
        f.push(fig(
            "mean_leakers",
            "mean warheads arriving",
            "warheads",
            Study::Engagement,
        ));
        f.push(fig("cost_busd", "life-cycle cost", "$B", Study::Cost));
        for (k, added) in exchanges.iter().enumerate() {
            f.push(Figure {
                id: format!("exchange_{}", k + 1),
                name: format!("cost-exchange ratio, adding {added}"),
                unit: "defense $ / attacker $",
                study: Study::Stability,
            });
        }
        f.push(fig(
            "counter_musd",
            "attacker's cheapest counter",
            "$M",
            Study::Stability,
        ));
    }
    f
}

/// The stability study as `cupola run`'s assessment runs it.
fn assessment_stability(
    s: &Scenario,
    layer: &Layer,
) -> Result<crate::outputs::StabilityReport, Error> {
    stability::stability(
        s,
        layer,
        &stability::Parts {
            trials: Some(ASSESSMENT_TRIALS),
            rounds: Some(0),
            retaliation: false,
        },
    )
}

/// The headline figures of `s` that come from `studies`, in the order
/// [`evaluate`] gives them. The exchange ratios are named by what the
/// attacker adds, so with [`Study::Stability`] the stability study is run
/// once to name them.
///
/// # Errors
///
/// The stability study's failures.
pub fn figures(s: &Scenario, studies: &[Study]) -> Result<Vec<Figure>, Error> {
    let exchanges: Vec<String> = match &s.engage {
        Some(_) if studies.contains(&Study::Stability) => assessment_stability(s, &Layer::new(s)?)?
            .exchanges
            .iter()
            .map(|x| x.added.clone())
            .collect(),
        _ => Vec::new(),
    };
    Ok(figures_of(s, &exchanges)
        .into_iter()
        .filter(|f| studies.contains(&f.study))
        .collect())
}

/// The figures of `s` and their values: the studies the figures need (all
/// of them when `figures` is None), run as `cupola run` runs them.
/// `figures` fixes the list (from the nominal point); `None` takes it from
/// this run.
///
/// # Errors
///
/// The studies' failures (a point whose assumptions make a launch
/// unreachable, a study over the budget).
pub fn evaluate(
    s: &Scenario,
    figures: Option<&[Figure]>,
) -> Result<(Vec<Figure>, Vec<Value>), Error> {
    let need = |study: Study| figures.is_none_or(|f| f.iter().any(|x| x.study == study));
    // The layer is built as every study's command builds it (the model),
    // so a point fails where `cupola <study>` would.
    let layer = Layer::new(s)?;
    let sizing = match (&s.sbi, &s.size) {
        (Some(_), Some(_)) if need(Study::Sizing) => {
            Some(size::sizing(s, &layer, size::SweepChoice::None, None)?)
        }
        _ => None,
    };
    let (engagement, cost, stab) = match &s.engage {
        Some(_) => (
            need(Study::Engagement)
                .then(|| engage::engagement(s, &layer, None, false))
                .transpose()?,
            need(Study::Cost).then(|| cost::cost(s)).transpose()?,
            need(Study::Stability)
                .then(|| assessment_stability(s, &layer))
                .transpose()?,
        ),
        None => (None, None, None),
    };
    let exchanges: Vec<String> = stab
        .iter()
        .flat_map(|r| r.exchanges.iter().map(|x| x.added.clone()))
        .collect();
    let figures = figures.map_or_else(|| figures_of(s, &exchanges), <[Figure]>::to_vec);
    let values = figures
        .iter()
        .map(|f| {
            let plain = |v: Option<f64>| Value {
                value: v,
                interval: None,
            };
            match (f.study, f.id.as_str()) {
                (Study::Sizing, _) => plain(
                    sizing
                        .as_ref()
                        .and_then(|r| r.result.fewest_carriers())
                        .map(|(n, _)| f64::from(n)),
                ),
                (Study::Engagement, "p_no_leak") => {
                    engagement.as_ref().map_or_else(Value::default, |e| Value {
                        value: Some(e.result.p_no_leak),
                        interval: Some(e.result.p_no_leak_interval),
                    })
                }
                (Study::Engagement, _) => engagement.as_ref().map_or_else(Value::default, |e| {
                    let (m, h) = (e.result.mean_leakers, e.result.mean_leakers_half_width);
                    Value {
                        value: Some(m),
                        interval: Some(((m - h).max(0.0), m + h)),
                    }
                }),
                (Study::Cost, _) => plain(cost.as_ref().map(|c| c.result.total_musd / 1000.0)),
                (Study::Stability, "counter_musd") => plain(
                    stab.as_ref()
                        .and_then(|r| r.response.as_ref())
                        .map(|x| x.cost_musd),
                ),
                (Study::Stability, id) => {
                    let k = id
                        .strip_prefix("exchange_")
                        .and_then(|k| k.parse::<usize>().ok())
                        .unwrap_or(0);
                    let added = f.name.strip_prefix("cost-exchange ratio, adding ");
                    plain(
                        stab.as_ref()
                            .and_then(|r| {
                                r.exchanges
                                    .iter()
                                    .enumerate()
                                    .find(|(j, x)| j + 1 == k && Some(x.added.as_str()) == added)
                            })
                            .and_then(|(_, x)| x.ratio),
                    )
                }
            }
        })
        .collect();
    Ok((figures, values))
}

/// The figure's value as summaries print it.
pub fn shown(f: &Figure, v: Option<f64>) -> String {
    match v {
        None => "—".into(),
        Some(v) if v.is_infinite() => "none found".into(),
        Some(v) if f.id == "p_no_leak" => format!("{v:.3}"),
        Some(v) if f.id == "mean_leakers" => format!("{v:.2}"),
        Some(v) if f.study == Study::Sizing => format!("{v:.0}"),
        Some(v) if f.id.starts_with("exchange_") => format!("{v:.2}"),
        Some(v) => format!("{v:.1}"),
    }
}
