//! The arms race of `[stability]` (`[stability.race]`: rounds, both
//! sides' goals and budgets, the defense's search) and the treaty-style
//! limits on the defense (`[stability.caps]`).

use cupola_analysis::stability::{Caps, DefenseSearch, Race};

use super::MAX_COUNT;
use crate::context::Ctx;
use crate::key::{KeyDescriptor, KeyKind};
use crate::missile::{non_negative, positive};
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};
use crate::sbi::count_within;

/// Keys of `[stability.race]`.
pub(super) const RACE_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::new("rounds", KeyKind::Other(""))
        .example("rounds = 10")
        .doc("rounds of the race at most, in [1, 100], default 10"),
    KeyDescriptor::new("defense_goal", KeyKind::Other(""))
        .example("defense_goal = 0.5")
        .doc("mean warheads arriving the defense tolerates, ≥ 0, default 0.5"),
    KeyDescriptor::new("offense_goal", KeyKind::Other(""))
        .example("offense_goal = 3.0")
        .doc("mean warheads arriving the attacker seeks, above defense_goal, default 3"),
    KeyDescriptor::new("defense_budget_musd", KeyKind::Other(""))
        .example("defense_budget_musd = 200000.0")
        .doc("defense budget added each round, millions of dollars, > 0, default 200000"),
    KeyDescriptor::new("offense_budget_musd", KeyKind::Other(""))
        .example("offense_budget_musd = 5000.0")
        .doc("attacker budget added each round, millions of dollars, > 0, default 5000"),
    KeyDescriptor::new("max_carriers", KeyKind::Other(""))
        .example("max_carriers = 40000")
        .doc("most SBI carriers in all in the defense's search, in [0, 1000000], default 40000"),
    KeyDescriptor::new("max_interceptors", KeyKind::Other(""))
        .example("max_interceptors = 200")
        .doc("most midcourse interceptors the defense adds, in [0, 1000000], default 200"),
    KeyDescriptor::new("max_terminal", KeyKind::Other(""))
        .example("max_terminal = 480")
        .doc("most terminal interceptors the defense adds, in [0, 1000000], default 480"),
];

/// Keys of `[stability.caps]`.
pub(super) const CAPS_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::new("midcourse", KeyKind::Other(""))
        .example("midcourse = 100")
        .doc(
            "most midcourse interceptors, all at the first site, in [0, 1000000], default 100 \
              (ABM Treaty, 1974 protocol)",
        ),
    KeyDescriptor::new("sbi", KeyKind::Other(""))
        .example("sbi = 1000")
        .doc("most SBI carriers, in [0, 1000000], default 1000"),
];

/// Most rounds of the arms race.
const MAX_ROUNDS: u64 = 100;

/// Read `[stability.race]`; absent keys take `d`'s values.
pub(super) fn read_race(ctx: &mut Ctx, t: &TableReader<'_>, d: &Race) -> Option<Race> {
    let rounds_in = t.unsigned(ctx, "rounds").or(u64::from(d.rounds), &t.span);
    let rounds = count_within(
        ctx,
        rounds_in,
        "rounds",
        (1, MAX_ROUNDS),
        "the rounds of the arms race at most, from 1 to 100, e.g. 10 (it stops earlier when \
         neither side can move)",
    );
    let defense_in = t.opt_number(ctx, "defense_goal", d.defense.goal);
    let defense_goal = non_negative(
        ctx,
        defense_in.clone(),
        "defense_goal",
        "warheads",
        "the mean number of warheads arriving that the defense tolerates, 0 or more, e.g. 0.5",
    );
    let offense_in = t.opt_number(ctx, "offense_goal", d.offense_goal);
    let offense_goal = non_negative(
        ctx,
        offense_in.clone(),
        "offense_goal",
        "warheads",
        "the mean number of warheads arriving that the attacker seeks, 0 or more, e.g. 3",
    );
    let offense_goal = match (defense_goal, offense_goal, offense_in) {
        (Some(dg), Some(og), Some(s)) if og <= dg => {
            let defense_span = defense_in.map_or_else(|| t.span.clone(), |s| s.span);
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
    let budget = |ctx: &mut Ctx, key: &str, default: f64, side: &str| {
        let s = t.opt_number(ctx, key, default);
        positive(
            ctx,
            s,
            key,
            "$M",
            &format!(
                "the {side}'s budget added each round in millions of dollars, above 0, e.g. \
                 `{key} = {default:?}`"
            ),
        )
    };
    let defense_budget = budget(ctx, "defense_budget_musd", d.defense_budget_musd, "defense");
    let offense_budget = budget(
        ctx,
        "offense_budget_musd",
        d.offense_budget_musd,
        "attacker",
    );
    let max_carriers = most(
        ctx,
        t,
        "max_carriers",
        d.defense.max_carriers,
        "SBI carriers in orbit in all",
    );
    let max_interceptors = most(
        ctx,
        t,
        "max_interceptors",
        d.defense.max_interceptors,
        "midcourse interceptors added to the scenario's",
    );
    let max_terminal = most(
        ctx,
        t,
        "max_terminal",
        d.defense.max_terminal,
        "terminal interceptors added to the scenario's",
    );
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

/// A search limit in [0, 1000000] (`what` names the things counted);
/// `default` when absent.
fn most(ctx: &mut Ctx, t: &TableReader<'_>, key: &str, default: u32, what: &str) -> Option<u32> {
    let given = t.unsigned(ctx, key).or(u64::from(default), &t.span);
    count_within(
        ctx,
        given,
        key,
        (0, MAX_COUNT),
        &format!(
            "the most {what} the defense's search may field, from 0 to 1000000, e.g. \
             `{key} = {default}` (the search is exact to the unit; it has no step)"
        ),
    )
}

/// Read `[stability.caps]`; absent keys take `d`'s values.
pub(super) fn read_caps(ctx: &mut Ctx, t: &TableReader<'_>, d: Caps) -> Option<Caps> {
    let mut cap = |key: &str, default: Option<u32>, help: &str| match t.unsigned(ctx, key) {
        Field::Given(s) => count_within(ctx, Some(s), key, (0, MAX_COUNT), help).map(Some),
        Field::Absent => Some(default),
        Field::Invalid => None,
    };
    let midcourse = cap(
        "midcourse",
        d.midcourse,
        "the most midcourse interceptors, all at the first site, from 0 to 1000000, e.g. 100 \
         (the ABM Treaty of 1972 with its 1974 protocol: one site, 100 interceptors)",
    );
    let sbi = cap(
        "sbi",
        d.sbi,
        "the most SBI carriers in orbit, from 0 to 1000000, e.g. 1000",
    );
    t.finish(ctx);
    Some(Caps {
        midcourse: midcourse?,
        sbi: sbi?,
    })
}
