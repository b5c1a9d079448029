//! The arms race of `[stability]` (`[stability.race]`: rounds, both
//! sides' goals and budgets, the defense's search) and the treaty-style
//! limits on the defense (`[stability.caps]`).

use cupola_analysis::stability::{Caps, DefenseSearch, Race};

use super::MAX_COUNT;
use crate::context::Ctx;
use crate::key::KeyDescriptor;
use crate::problem::ProblemKind;
use crate::reader::TableReader;

/// Keys of `[stability.race]`.
pub(crate) const RACE_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::integer("rounds")
        .or_integer(10)
        .closed(1.0, 100.0)
        .example("rounds = 10")
        .doc("rounds at most")
        .hint(
            "the rounds of the arms race at most, from 1 to 100, e.g. 10 (it stops earlier when \
             neither side can move)",
        )
        .setting(),
    KeyDescriptor::number("defense_goal")
        .unit("warheads")
        .or_number(0.5)
        .non_negative()
        .example("defense_goal = 0.5")
        .doc("mean warheads arriving the defense tolerates (`race.defense.goal`)")
        .hint("the mean number of warheads arriving that the defense tolerates, 0 or more, e.g. 0.5")
        .setting(),
    KeyDescriptor::number("offense_goal")
        .unit("warheads")
        .or_number(3.0)
        .non_negative()
        .rule("> `defense_goal`")
        .example("offense_goal = 3.0")
        .doc(
            "mean warheads arriving the attacker seeks; at or below `defense_goal` is an error at \
             `offense_goal`",
        )
        .hint("the mean number of warheads arriving that the attacker seeks, 0 or more, e.g. 3")
        .setting(),
    KeyDescriptor::number("defense_budget_musd")
        .unit("$M")
        .or_number(200_000.0)
        .positive()
        .example("defense_budget_musd = 200000.0")
        .doc("defense budget added each round")
        .hint(
            "the defense's budget added each round in millions of dollars, above 0, e.g. \
             `defense_budget_musd = 200000.0`",
        )
        .setting(),
    KeyDescriptor::number("offense_budget_musd")
        .unit("$M")
        .or_number(5_000.0)
        .positive()
        .example("offense_budget_musd = 5000.0")
        .doc("attacker budget added each round")
        .hint(
            "the attacker's budget added each round in millions of dollars, above 0, e.g. \
             `offense_budget_musd = 5000.0`",
        )
        .setting(),
    KeyDescriptor::integer("max_carriers")
        .or_integer(40_000)
        .closed(0.0, MAX_COUNT as f64)
        .example("max_carriers = 40000")
        .doc("most SBI carriers in orbit, in all")
        .hint(
            "the most SBI carriers in orbit in all the defense's search may field, from 0 to 1000000, e.g. \
             `max_carriers = 40000` (the search is exact to the unit; it has no step)",
        )
        .setting(),
    KeyDescriptor::integer("max_interceptors")
        .or_integer(200)
        .closed(0.0, MAX_COUNT as f64)
        .example("max_interceptors = 200")
        .doc("most midcourse interceptors added to the scenario's")
        .hint(
            "the most midcourse interceptors added to the scenario's the defense's search may field, from 0 to 1000000, e.g. \
             `max_interceptors = 200` (the search is exact to the unit; it has no step)",
        )
        .setting(),
    KeyDescriptor::integer("max_terminal")
        .or_integer(480)
        .closed(0.0, MAX_COUNT as f64)
        .example("max_terminal = 480")
        .doc("most terminal interceptors added to the scenario's")
        .hint(
            "the most terminal interceptors added to the scenario's the defense's search may field, from 0 to 1000000, e.g. \
             `max_terminal = 480` (the search is exact to the unit; it has no step)",
        )
        .shown_default("`480` (ten THAAD batteries' loads of 48)")
        .setting(),
];

/// Keys of `[stability.caps]`.
pub(crate) const CAPS_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::integer("midcourse")
        .or_integer(100)
        .closed(0.0, MAX_COUNT as f64)
        .example("midcourse = 100")
        .doc(
            "most midcourse interceptors, all at the first site, in [0, 1000000], default 100 \
             (ABM Treaty, 1974 protocol)",
        )
        .hint(
            "the most midcourse interceptors, all at the first site, from 0 to 1000000, e.g. 100 \
             (the ABM Treaty of 1972 with its 1974 protocol: one site, 100 interceptors)",
        )
        .cited("ABM Treaty of 1972 with its 1974 protocol: one site, 100 interceptors")
        .uncertainty(100.0, 100.0, "a treaty's ceiling, exact"),
    KeyDescriptor::integer("sbi")
        .or_integer(1_000)
        .closed(0.0, MAX_COUNT as f64)
        .example("sbi = 1000")
        .doc("most SBI carriers")
        .hint("the most SBI carriers in orbit, from 0 to 1000000, e.g. 1000")
        .setting(),
];

/// Read `[stability.race]`; absent keys take their described defaults.
pub(super) fn read_race(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Race> {
    let rounds = t.count(ctx, "rounds");
    let defense_in = t.num(ctx, "defense_goal");
    let defense_span = defense_in.given_span();
    let defense_goal = defense_in.given().map(|s| s.value);
    let offense_in = t.num(ctx, "offense_goal").given();
    let offense_goal = offense_in.as_ref().map(|s| s.value);
    let offense_goal = match (defense_goal, offense_goal, offense_in) {
        (Some(dg), Some(og), Some(s)) if og <= dg => {
            let defense_span = defense_span.unwrap_or_else(|| t.span.clone());
            let given = if defense_span == t.span {
                "the default".to_owned()
            } else {
                format!("on line {}", ctx.line_of(defense_span.start))
            };
            ctx.report(
                ProblemKind::InvalidValue,
                s.span,
                format!(
                    "`offense_goal` must be above `defense_goal` = {dg} ({given}), got {og}: \
                     the attacker seeks more arriving warheads than the defense tolerates"
                ),
                "raise `offense_goal` or lower `defense_goal`, e.g. `defense_goal = 0.5` and \
                 `offense_goal = 3.0`: the race needs a gap between what the defense tolerates and \
                 what the attacker seeks",
            )
            .relabel(format!("not above {dg}"));
            None
        }
        (_, og, _) => og,
    };
    let defense_budget = t.get(ctx, "defense_budget_musd");
    let offense_budget = t.get(ctx, "offense_budget_musd");
    let max_carriers = t.count(ctx, "max_carriers");
    let max_interceptors = t.count(ctx, "max_interceptors");
    let max_terminal = t.count(ctx, "max_terminal");
    t.finish(ctx);
    Some(Race {
        rounds: rounds?,
        defense: DefenseSearch {
            goal: defense_goal?,
            max_carriers: max_carriers?,
            max_interceptors: max_interceptors?,
            max_terminal: max_terminal?,
        },
        offense_goal: offense_goal?,
        defense_budget_musd: defense_budget?,
        offense_budget_musd: offense_budget?,
    })
}

/// Read `[stability.caps]`; absent keys take their described defaults.
pub(super) fn read_caps(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Caps> {
    let midcourse = t.count(ctx, "midcourse");
    let sbi = t.count(ctx, "sbi");
    t.finish(ctx);
    Some(Caps {
        midcourse: Some(midcourse?),
        sbi: Some(sbi?),
    })
}
