//! `[sbi.budget]`: how the launch report comes (a fixed delay or the
//! scenario's sensors), the decision delay and the deadline. Whether the
//! deadline falls within a launch's flight is checked when the scenario's
//! model flies it.

use cupola_analysis::sizing::Detection;
use cupola_defense::budget::Deadline;
use toml_edit::Value;

use crate::context::{Ctx, Span, Spanned, closest, one_of};
use crate::key::{KeyDescriptor, KeyKind};
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};

/// Keys of `[sbi.budget]`.
pub(crate) const BUDGET_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::number("detection_s")
        .unit("s")
        .or_number(DETECTION_S)
        .non_negative()
        .rule("not with `detection`")
        .plausible(10.0, 120.0)
        .example("detection_s = 30.0")
        .doc("lift-off to the launch report, a fixed delay")
        .hint(
            "the seconds from lift-off to the launch report reaching the defense, 0 or more, \
             e.g. 30",
        )
        .assumed(
            20.0,
            60.0,
            "a launch is seen once the plume clears the clouds (12–15 km, some 20–30 s after \
             lift-off for a solid ICBM) and the report is relayed; 60 s with a confirming look",
        ),
    KeyDescriptor::text("detection")
        .optional()
        .shown_default("")
        .rule("`\"sensors\"`")
        .example("detection = \"sensors\"")
        .doc(
            "instead of `detection_s`: the first report of the scenario's `[[sensor]]` layer \
             against the reference launch; needs at least one `[[sensor]]`",
        ),
    KeyDescriptor::number("decision_s")
        .unit("s")
        .or_number(30.0)
        .non_negative()
        .plausible(0.0, 120.0)
        .example("decision_s = 30.0")
        .doc("report to interceptor launch (decision and commit)")
        .hint(
            "the seconds from the launch report to the interceptor's launch (decision and \
             commit), 0 or more, e.g. 30",
        )
        .assumed(
            10.0,
            60.0,
            "no open source times it; an automated release on a confirmed report takes seconds, \
             a commander's release with a second sensor's confirmation a minute or more",
        ),
    KeyDescriptor::new("deadline", KeyKind::Other("string or table"))
        .or_text("boost_end")
        .rule("see below")
        .example("deadline = \"boost_end\"")
        .doc(
            "when the intercept must have happened: \"boost_end\" (default), \"bus_deployed\", \
              { descends_below_km = 100.0 } or { time_s = 250.0 }",
        )
        .setting(),
];

/// Default lift-off to launch report, s.
const DETECTION_S: f64 = 30.0;

/// Keys of a `deadline = { … }` table.
pub(crate) const DEADLINE_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::number("descends_below_km")
        .unit("km")
        .optional()
        .positive()
        .example("deadline = { descends_below_km = 100.0 }")
        .doc("before the missile descends below this altitude, km, > 0")
        .hint(
            "the altitude in km the missile must not have descended below on its way down, \
             e.g. 100",
        ),
    KeyDescriptor::number("time_s")
        .unit("s")
        .optional()
        .positive()
        .example("deadline = { time_s = 250.0 }")
        .doc("before this time after lift-off, s, > 0")
        .hint(
            "the deadline in seconds after lift-off, e.g. 250; it must fall before the \
             missile's impact",
        ),
];

/// Named deadlines accepted by `deadline`.
const DEADLINES: [&str; 2] = ["boost_end", "bus_deployed"];

/// Detection sources accepted by `detection`.
const SOURCES: [&str; 1] = ["sensors"];

/// The values of `[sbi.budget]`, SI.
pub(super) struct Budget {
    /// Where the launch report comes from, and where `detection =
    /// "sensors"` is written when it is given.
    pub detection: (Detection, Option<Span>),
    /// Report to interceptor launch, s.
    pub decision_s: f64,
    /// The deadline, where it is written.
    pub deadline: Spanned<Deadline>,
}

/// Read `[sbi.budget]` (`t` reads an empty table when it is absent);
/// `has_sensors`: whether the scenario declares a `[[sensor]]`.
pub(super) fn read_budget(ctx: &mut Ctx, t: &TableReader<'_>, has_sensors: bool) -> Option<Budget> {
    let detection = read_detection(ctx, t, has_sensors);
    let decision = t.get(ctx, "decision_s");
    let deadline = read_deadline(ctx, t);
    t.finish(ctx);
    Some(Budget {
        detection: detection?,
        decision_s: decision?,
        deadline: deadline?,
    })
}

/// `detection_s` or `detection`, not both; a fixed 30 s without either.
fn read_detection(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    has_sensors: bool,
) -> Option<(Detection, Option<Span>)> {
    let seconds = t.number(ctx, "detection_s");
    let source = t.string(ctx, "detection");
    if seconds.is_present() && source.is_present() {
        let later = ["detection_s", "detection"]
            .into_iter()
            .max_by_key(|k| t.key_span(k).start)
            .unwrap_or("detection");
        let p = ctx
            .at(
                ProblemKind::Conflict,
                t.key_span(later),
                "`detection_s` and `detection` cannot both be given: the launch report comes \
                 either after a fixed delay or from the sensors",
            )
            .with_help(
                "keep `detection_s = 30.0` for a fixed delay from lift-off to the report, or \
                 `detection = \"sensors\"` to take it from the scenario's [[sensor]] layer",
            )
            .with_label("give only one");
        ctx.push(p);
        return None;
    }
    let source = match source {
        Field::Given(s) => s,
        Field::Invalid => return None,
        Field::Absent => {
            let s = seconds.or(DETECTION_S, &t.span)?;
            return t
                .check(ctx, "detection_s", s)
                .map(|seconds| (Detection::Latency { seconds }, None));
        }
    };
    if source.value != "sensors" {
        let help = match closest(&source.value, SOURCES) {
            Some(best) => format!("did you mean \"{best}\"?"),
            None => format!(
                "the only source is {} (the scenario's [[sensor]] layer); for a fixed delay \
                 write `detection_s = 30.0` instead",
                one_of(&SOURCES)
            ),
        };
        ctx.report(
            ProblemKind::InvalidValue,
            source.span,
            format!("unknown detection source \"{}\"", source.value),
            help,
        )
        .relabel("unknown source");
        return None;
    }
    if !has_sensors {
        ctx.report(
            ProblemKind::MissingKey,
            source.span,
            "`detection = \"sensors\"` needs the scenario's sensors, but it defines no [[sensor]]",
            "add an infrared or tracking [[sensor]], or give a fixed delay instead, e.g. \
             `detection_s = 30.0`",
        )
        .relabel("no [[sensor]] to detect with");
        return None;
    }
    Some((Detection::SensorLayer, Some(source.span)))
}

/// `deadline`: a name, or a table with one of `descends_below_km` and
/// `time_s`; "boost_end" when absent.
fn read_deadline(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Spanned<Deadline>> {
    let Some((item, span)) = t.value("deadline") else {
        return Some(Spanned {
            value: Deadline::BoostEnd,
            span: t.span.clone(),
        });
    };
    if let Some(name) = item.as_str() {
        let value = match name {
            "boost_end" => Deadline::BoostEnd,
            "bus_deployed" => Deadline::BusDeployed,
            other => {
                let help = match closest(other, DEADLINES) {
                    Some(best) => format!("did you mean \"{best}\"?"),
                    None => format!(
                        "write {} or a table: `deadline = {{ descends_below_km = 100.0 }}` or \
                         `deadline = {{ time_s = 250.0 }}`",
                        one_of(&DEADLINES)
                    ),
                };
                ctx.report(
                    ProblemKind::InvalidValue,
                    span,
                    format!("unknown deadline \"{other}\""),
                    help,
                )
                .relabel("unknown deadline");
                return None;
            }
        };
        return Some(Spanned { value, span });
    }
    if !item.is_table_like() || matches!(item.as_value(), Some(Value::Array(_))) {
        t.wrong_type(
            ctx,
            "deadline",
            "\"boost_end\", \"bus_deployed\" or a table",
            item,
            span,
        );
        return None;
    }
    let r = t
        .table(
            ctx,
            "deadline",
            "the `deadline` of [sbi.budget]",
            DEADLINE_KEYS,
        )
        .given()?
        .value;
    let below = r.number(ctx, "descends_below_km");
    let time = r.number(ctx, "time_s");
    r.finish(ctx);
    if below.is_present() && time.is_present() {
        let later = ["descends_below_km", "time_s"]
            .into_iter()
            .map(|k| r.key_span(k))
            .max_by_key(|s| s.start)
            .unwrap_or_else(|| span.clone());
        let p = ctx
            .at(
                ProblemKind::Conflict,
                later,
                "a deadline is either `descends_below_km` or `time_s`, not both",
            )
            .with_help(
                "keep `descends_below_km` to end when the missile falls below an altitude, \
                 or `time_s` for a fixed time after lift-off",
            )
            .with_label("give only one");
        ctx.push(p);
        return None;
    }
    let value = match (below, time) {
        (Field::Absent, Field::Absent) => {
            ctx.report(
                ProblemKind::MissingKey,
                span,
                "the `deadline` table names no deadline",
                "write `deadline = { descends_below_km = 100.0 }` or `deadline = { time_s = 250.0 }`",
            )
            .relabel("empty deadline");
            return None;
        }
        (Field::Given(b), _) => {
            let km = r.check(ctx, "descends_below_km", b)?;
            Deadline::DescendsBelow {
                altitude_m: km * 1e3,
            }
        }
        (_, Field::Given(s)) => {
            let time_s = r.check(ctx, "time_s", s)?;
            Deadline::At { time_s }
        }
        _ => return None,
    };
    Some(Spanned { value, span })
}
