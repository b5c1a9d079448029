//! `[[published]]`: the figures a published study reports, written beside
//! the study's inputs in the same scenario so that `cupola reproduce` can
//! put cupola's value of each figure next to the published one. Each entry
//! names one of cupola's headline figures ([`Figure`]), the published
//! value in that figure's unit (with the published range when there is
//! one), the source with its page or table, and the tolerance within which
//! the two count as agreeing.

use crate::context::{Ctx, closest, one_of};
use crate::key::{Bound, KeyDescriptor};
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};

/// The study a figure comes from, which the scenario must define.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureStudy {
    /// The sizing study: needs `[sbi]` and `[size]`.
    Sizing,
    /// The cost study: needs `[cost]`.
    Cost,
    /// The engagement study: needs `[engage]`.
    Engagement,
}

/// A headline figure of cupola that a published study can be compared
/// with. Its name carries its unit as a suffix, like a scenario key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// SBI carrier satellites in the smallest constellation the sizing
    /// study finds: in one shell, or in the `[[sbi.shell]]` shells sized
    /// together when that needs fewer.
    SbiCarriers,
    /// Interceptors in that constellation (carriers × interceptors per
    /// carrier).
    SbiInterceptors,
    /// Mass of that constellation in orbit, metric tons.
    SbiMassInOrbitT,
    /// Mass of one interceptor (booster and kill vehicle), kg.
    SbiInterceptorMassKg,
    /// Life-cycle cost of the SBI elements of `[cost]` (layers `space` and
    /// `boost`) over the horizon, billions of the cost study's dollars.
    SbiCostBusd,
    /// The same less operations: development, procurement, launch and
    /// replacements, billions of dollars.
    SbiAcquisitionBusd,
    /// Life-cycle cost of every element of `[cost]`, billions of dollars.
    CostTotalBusd,
    /// Probability that no warhead arrives (engagement study).
    PNoLeak,
    /// Mean warheads arriving per attack (engagement study).
    MeanLeakers,
    /// Defense over attacker spending in one engagement: the interceptors
    /// fired, at the `[stability]` unit costs, over the missiles launched
    /// at the attacker's missile cost.
    EngagementCostExchange,
}

impl Figure {
    /// Every figure, in the order `docs/scenario.md` lists them.
    pub const ALL: [Figure; 10] = [
        Figure::SbiCarriers,
        Figure::SbiInterceptors,
        Figure::SbiMassInOrbitT,
        Figure::SbiInterceptorMassKg,
        Figure::SbiCostBusd,
        Figure::SbiAcquisitionBusd,
        Figure::CostTotalBusd,
        Figure::PNoLeak,
        Figure::MeanLeakers,
        Figure::EngagementCostExchange,
    ];

    /// The name written in `figure = "…"`.
    pub fn name(self) -> &'static str {
        match self {
            Figure::SbiCarriers => "sbi_carriers",
            Figure::SbiInterceptors => "sbi_interceptors",
            Figure::SbiMassInOrbitT => "sbi_mass_in_orbit_t",
            Figure::SbiInterceptorMassKg => "sbi_interceptor_mass_kg",
            Figure::SbiCostBusd => "sbi_cost_busd",
            Figure::SbiAcquisitionBusd => "sbi_acquisition_busd",
            Figure::CostTotalBusd => "cost_total_busd",
            Figure::PNoLeak => "p_no_leak",
            Figure::MeanLeakers => "mean_leakers",
            Figure::EngagementCostExchange => "engagement_cost_exchange",
        }
    }

    /// The unit of its value, as tables print it.
    pub fn unit(self) -> &'static str {
        match self {
            Figure::SbiCarriers => "carriers",
            Figure::SbiInterceptors => "interceptors",
            Figure::SbiMassInOrbitT => "t",
            Figure::SbiInterceptorMassKg => "kg",
            Figure::SbiCostBusd | Figure::SbiAcquisitionBusd | Figure::CostTotalBusd => "$B",
            Figure::PNoLeak => "probability",
            Figure::MeanLeakers => "warheads",
            Figure::EngagementCostExchange => "defense $ per attacker $",
        }
    }

    /// The study that computes it.
    pub fn study(self) -> FigureStudy {
        match self {
            Figure::SbiCarriers
            | Figure::SbiInterceptors
            | Figure::SbiMassInOrbitT
            | Figure::SbiInterceptorMassKg => FigureStudy::Sizing,
            Figure::SbiCostBusd | Figure::SbiAcquisitionBusd | Figure::CostTotalBusd => {
                FigureStudy::Cost
            }
            Figure::PNoLeak | Figure::MeanLeakers | Figure::EngagementCostExchange => {
                FigureStudy::Engagement
            }
        }
    }

    /// The figure named `name`, if any.
    pub fn from_name(name: &str) -> Option<Figure> {
        Figure::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// One published figure of a study, from a `[[published]]` table.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct PublishedFigure {
    /// The cupola figure it is compared with.
    pub figure: Figure,
    /// The published value, in [`Figure::unit`].
    pub value: f64,
    /// Low end of the published range in the same unit, when the study
    /// gives one (`low ≤ value`); alone, without [`Self::high`], a lower
    /// bound: the study says "at least".
    pub low: Option<f64>,
    /// High end of the published range (`value ≤ high`), only with
    /// [`Self::low`].
    pub high: Option<f64>,
    /// Whether the value is derived from the study's published figures
    /// (a quotient or a sum cupola's authors worked out) rather than
    /// published itself.
    pub derived: bool,
    /// Where it is published: author, year, title, page or table.
    pub source: String,
    /// The relative difference within which cupola's value counts as
    /// agreeing, e.g. 0.25 for 25%.
    pub tolerance: f64,
    /// What the figure covers and how the scenario's inputs differ from
    /// the study's (free text; empty when none).
    pub note: String,
    /// Where its `[[published]]` table is written, `file:line:column`.
    pub defined_at: String,
}

/// The figure names as the docs show them.
const FIGURE_RULE: &str = "one of `sbi_carriers`, `sbi_interceptors`, `sbi_mass_in_orbit_t`, \
     `sbi_interceptor_mass_kg` (need `[sbi]` and `[size]`); `sbi_cost_busd`, \
     `sbi_acquisition_busd`, `cost_total_busd` (need `[cost]`); `p_no_leak`, `mean_leakers`, \
     `engagement_cost_exchange` (need `[engage]`)";

/// Keys of a `[[published]]` table.
pub(crate) const PUBLISHED_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::text("figure")
        .rule(FIGURE_RULE)
        .example("figure = \"sbi_carriers\"")
        .doc("the cupola headline figure the published value is compared with")
        .more(
            "its unit is the figure's: carriers, interceptors, t, kg, billions of dollars ($B, \
             in the cost study's dollars), a probability, warheads, or defense dollars per \
             attacker dollar",
        ),
    KeyDescriptor::number("value")
        .non_negative()
        .example("value = 1600.0")
        .doc("the published value, in the figure's unit")
        .hint("the value as the study publishes it, in the figure's unit, zero or more"),
    KeyDescriptor::number("low")
        .optional()
        .non_negative()
        .rule("≤ `value`")
        .example("low = 161.0")
        .doc("low end of the published range, when the study gives one")
        .more("alone (without `high`), a lower bound: the study says \"at least\"")
        .hint("the low end of the published range, in the figure's unit, zero or more"),
    KeyDescriptor::number("high")
        .optional()
        .non_negative()
        .rule("≥ `value`; with `low`")
        .example("high = 542.0")
        .doc("high end of the published range, when the study gives one")
        .hint("the high end of the published range, in the figure's unit, zero or more"),
    KeyDescriptor::text("source")
        .rule("not empty")
        .example("source = \"CBO, Potential Costs of a National Missile Defense System (May 2026), Table 1\"")
        .doc("where the value is published: author, year, title, page or table"),
    KeyDescriptor::number("tolerance")
        .or_number(0.25)
        .range(Bound::Exclusive(0.0), Bound::Inclusive(10.0))
        .example("tolerance = 0.25")
        .doc("relative difference within which cupola's value counts as agreeing")
        .more("a gap beyond it is explained in docs/validation.md")
        .hint("a fraction above 0 and at most 10, e.g. 0.25 for 25%")
        .setting(),
    KeyDescriptor::boolean("derived")
        .or_bool(false)
        .example("derived = true")
        .doc("the value is computed from the study's published figures, not published itself")
        .more("e.g. a mass in orbit divided by an interceptor count; the note shows the working")
        .setting(),
    KeyDescriptor::text("note")
        .or_text("")
        .example("note = \"the study's decision time is not public\"")
        .doc("what the figure covers and how the scenario's inputs differ from the study's")
        .setting(),
];

/// Which studies the scenario defines, for the figures' needs.
pub(crate) struct Defined {
    /// `[sbi]` and `[size]`.
    pub sizing: bool,
    /// `[cost]`.
    pub cost: bool,
    /// `[engage]`.
    pub engagement: bool,
}

/// Read the `[[published]]` tables: `Some(empty)` when there are none,
/// `None` when one is invalid.
pub(crate) fn read_published(
    ctx: &mut Ctx,
    root: &TableReader<'_>,
    defined: &Defined,
) -> Option<Vec<PublishedFigure>> {
    let what = |i: usize| format!("[[published]] #{}", i + 1);
    let list = match root.tables(ctx, "published", what, PUBLISHED_KEYS) {
        Field::Given(list) => list.value,
        Field::Absent => return Some(Vec::new()),
        Field::Invalid => return None,
    };
    let mut out = Vec::new();
    let mut valid = true;
    for t in list {
        let figure = read_figure(ctx, &t, defined);
        let value = t.num(ctx, "value").given();
        let low = t.num(ctx, "low").given();
        let high = t.num(ctx, "high").given();
        let source = t.req_string(ctx, "source").and_then(|s| {
            if s.value.trim().is_empty() {
                ctx.report(
                    ProblemKind::InvalidValue,
                    s.span,
                    format!("the `source` of {} must not be empty", t.what),
                    "name the study, its year and the page or table of the value",
                )
                .relabel("empty source");
                None
            } else {
                Some(s.value)
            }
        });
        let tolerance = t.get(ctx, "tolerance");
        let note = t.text(ctx, "note").given().map(|n| n.value);
        let derived = t.flag(ctx, "derived");
        let range = match (low, high, &value) {
            (None, None, _) => Some((None, None)),
            (Some(l), h, Some(v)) => {
                if l.value <= v.value && h.as_ref().is_none_or(|h| v.value <= h.value) {
                    Some((Some(l.value), h.map(|h| h.value)))
                } else {
                    ctx.report(
                        ProblemKind::InvalidValue,
                        v.span.clone(),
                        format!(
                            "the `value` {} of {} lies outside its published range {}",
                            v.value,
                            t.what,
                            match &h {
                                Some(h) => format!("{}–{}", l.value, h.value),
                                None => format!("of at least {}", l.value),
                            }
                        ),
                        "the range must hold the value: low ≤ value ≤ high",
                    )
                    .relabel("outside low–high");
                    None
                }
            }
            (Some(_), _, None) => None,
            (None, Some(one), _) => {
                ctx.report(
                    ProblemKind::MissingKey,
                    one.span,
                    format!(
                        "{} gives `high` without `low`: write both, or `low` alone for a lower bound",
                        t.what
                    ),
                    "a published range needs both ends, e.g. `low = 161.0` and `high = 542.0`",
                )
                .relabel("high end only");
                None
            }
        };
        let defined_at = ctx.location(&t.span);
        t.finish(ctx);
        match (figure, value, range, source, tolerance, note, derived) {
            (
                Some(figure),
                Some(value),
                Some((low, high)),
                Some(source),
                Some(tolerance),
                Some(note),
                Some(derived),
            ) => {
                out.push(PublishedFigure {
                    figure,
                    value: value.value,
                    low,
                    high,
                    derived,
                    source,
                    tolerance,
                    note,
                    defined_at,
                });
            }
            _ => valid = false,
        }
    }
    valid.then_some(out)
}

/// The required `figure` of `t`: a known name whose study the scenario
/// defines.
fn read_figure(ctx: &mut Ctx, t: &TableReader<'_>, defined: &Defined) -> Option<Figure> {
    let name = t.req_string(ctx, "figure")?;
    let names: Vec<&str> = Figure::ALL.iter().map(|f| f.name()).collect();
    let Some(figure) = Figure::from_name(&name.value) else {
        let help = match closest(&name.value, names.iter().copied()) {
            Some(best) => format!(
                "did you mean \"{best}\"? The figures are {}",
                one_of(&names)
            ),
            None => format!("the figures are {}", one_of(&names)),
        };
        ctx.report(
            ProblemKind::InvalidValue,
            name.span,
            format!("unknown figure \"{}\" in {}", name.value, t.what),
            help,
        )
        .relabel("unknown figure");
        return None;
    };
    let (needed, tables) = match figure.study() {
        FigureStudy::Sizing => (defined.sizing, "[sbi] and [size] tables"),
        FigureStudy::Cost => (defined.cost, "a [cost] table"),
        FigureStudy::Engagement => (defined.engagement, "an [engage] table"),
    };
    if !needed {
        ctx.report(
            ProblemKind::MissingKey,
            name.span,
            format!(
                "figure \"{}\" needs {tables}, which the scenario does not have",
                figure.name()
            ),
            format!(
                "add {tables} with the study's inputs (see docs/scenario.md), or compare another figure"
            ),
        )
        .relabel("no study computes it");
        return None;
    }
    Some(figure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figure_names_round_trip_and_the_rule_lists_them_all() {
        for f in Figure::ALL {
            assert_eq!(Figure::from_name(f.name()), Some(f));
            assert!(FIGURE_RULE.contains(&format!("`{}`", f.name())), "{f:?}");
        }
        assert_eq!(Figure::from_name("sbi"), None);
    }
}
