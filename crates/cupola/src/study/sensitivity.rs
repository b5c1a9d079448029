//! `cupola sensitivity [FILE]`: each assumption one at a time at the two
//! ends of its range, everything else nominal, and the effect on every
//! headline figure; a tornado per figure.

use crate::design::{self, Base, Dropped};
use crate::error::Error;
use crate::headline::{self, Figure, Value};
use crate::outputs::sensitivity as out;
use crate::progress::{self, Progress};
use cupola_analysis::uncertainty::{Swing, tornado_order};
use cupola_scenario::overrides::{Override, Varied};

/// One assumption as varied: its path, unit, basis and range.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Assumption {
    /// Key path, e.g. `sbi.budget.decision_s`.
    pub path: String,
    /// Unit of the key.
    pub unit: &'static str,
    /// `cited` or `assumed`.
    pub basis: &'static str,
    /// Low end of the range.
    pub low: f64,
    /// Nominal value (written, or the default).
    pub nominal: f64,
    /// High end of the range.
    pub high: f64,
    /// Why the range is this wide.
    pub reason: &'static str,
}

impl Assumption {
    /// The assumption of `v`.
    pub fn of(v: &Varied) -> Self {
        Self {
            path: v.path.clone(),
            unit: v.unit,
            basis: v.marker(),
            low: v.low,
            nominal: v.nominal,
            high: v.high,
            reason: v.reason(),
        }
    }
}

/// The figure at each end of one assumption's range.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Effect {
    /// Index of the assumption in [`SensitivityReport::assumptions`].
    pub assumption: usize,
    /// The figure with the assumption at its low end.
    pub at_low: FigureValue,
    /// The figure with the assumption at its high end.
    pub at_high: FigureValue,
}

/// A figure's value at a point, with its Monte Carlo interval, or why the
/// point has none.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct FigureValue {
    /// The value.
    pub value: Option<f64>,
    /// Its 95% interval (Monte Carlo figures).
    pub interval: Option<(f64, f64)>,
    /// Why the point has no value (its studies failed on this input).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<String>,
}

impl FigureValue {
    fn of(o: &design::Outcome, k: usize) -> Self {
        match o {
            Ok(v) => {
                let v = v.get(k).copied().unwrap_or_default();
                Self {
                    value: v.value,
                    interval: v.interval,
                    failure: None,
                }
            }
            Err(why) => Self {
                failure: Some(why.clone()),
                ..Self::default()
            },
        }
    }
}

/// One figure's tornado.
#[derive(Clone, Debug, serde::Serialize)]
pub struct FigureTornado {
    /// Identifier, e.g. `sbi_carriers`.
    pub id: String,
    /// The figure in words.
    pub name: String,
    /// Its unit.
    pub unit: &'static str,
    /// The nominal value.
    pub nominal: Value,
    /// Every assumption's effect, largest first.
    pub effects: Vec<Effect>,
}

/// Everything `cupola sensitivity` computed.
#[derive(Clone, Debug, serde::Serialize)]
pub struct SensitivityReport {
    /// The assumptions varied.
    pub assumptions: Vec<Assumption>,
    /// Assumptions left out, with the reason.
    pub not_varied: Vec<(String, String)>,
    /// Runs made (the nominal one included).
    pub runs: usize,
    /// One tornado per figure.
    pub figures: Vec<FigureTornado>,
}

/// The one-at-a-time study of `base` over `varied`.
pub fn sensitivity(
    base: &Base,
    varied: &[Varied],
    dropped: Vec<Dropped>,
) -> Result<(cupola_scenario::Scenario, SensitivityReport), Error> {
    let nominal = base.at(&[])?;
    let estimate_one = crate::budget::headline(&nominal, crate::study::run::ASSESSMENT_TRIALS);
    let mut estimate = estimate_one.clone();
    estimate.study = "sensitivity".into();
    let runs = 1 + 2 * varied.len();
    estimate.core_s *= runs as f64;
    estimate
        .drivers
        .push(format!("{runs} runs (1 + 2 per assumption varied)"));
    crate::budget::enforce(&estimate)?;
    let bar = Progress::start(&estimate, runs as u64, "runs");
    let _hidden = progress::hide_studies();
    let (figures, nominal_values) = headline::evaluate(&nominal, None)?;
    bar.tick(1);
    // Both ends of each range; an end at the nominal value is the nominal
    // run itself.
    let mut points: Vec<(u64, Vec<Override>)> = Vec::new();
    for (i, v) in varied.iter().enumerate() {
        for (side, end) in [v.low, v.high].into_iter().enumerate() {
            if end != v.nominal {
                points.push(((2 * i + side) as u64, vec![v.set(end)]));
            }
        }
    }
    let outcomes = design::evaluate_all(base, &figures, &points, &|_, _| {
        bar.tick(1);
        Ok(())
    })?;
    bar.finish();
    let mut at: Vec<design::Outcome> = vec![Ok(nominal_values.clone()); 2 * varied.len()];
    for ((k, _), o) in points.iter().zip(outcomes) {
        at[*k as usize] = o;
    }
    let tornadoes = figures
        .iter()
        .enumerate()
        .map(|(f, fig)| tornado(fig, f, nominal_values[f], &at, varied.len()))
        .collect();
    Ok((
        nominal,
        SensitivityReport {
            assumptions: varied.iter().map(Assumption::of).collect(),
            not_varied: dropped.into_iter().map(|d| (d.path, d.reason)).collect(),
            runs,
            figures: tornadoes,
        },
    ))
}

fn tornado(
    fig: &Figure,
    f: usize,
    nominal: Value,
    at: &[design::Outcome],
    n: usize,
) -> FigureTornado {
    let effects: Vec<Effect> = (0..n)
        .map(|i| Effect {
            assumption: i,
            at_low: FigureValue::of(&at[2 * i], f),
            at_high: FigureValue::of(&at[2 * i + 1], f),
        })
        .collect();
    let swings: Vec<Swing> = effects
        .iter()
        .map(|e| Swing {
            at_low: e.at_low.value,
            at_high: e.at_high.value,
        })
        .collect();
    let order = tornado_order(&swings, nominal.value);
    FigureTornado {
        id: fig.id.clone(),
        name: fig.name.clone(),
        unit: fig.unit,
        nominal,
        effects: order.into_iter().map(|k| effects[k].clone()).collect(),
    }
}

/// The sensitivity study of `base`: each of its assumptions (those `keys`
/// names, or every one with a range) at both ends of its range.
pub fn run(base: &Base, keys: Option<&[String]>) -> Result<out::Sensitivity, Error> {
    let (varied, dropped) = design::assumptions(base, keys)?;
    let (scenario, report) = sensitivity(base, &varied, dropped)?;
    Ok(out::Sensitivity::new(&scenario, report))
}
