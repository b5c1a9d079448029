//! The arms race of `[stability]` (`[stability.race]`: rounds, both
//! sides' goals and budgets, the defense's search) and the treaty-style
//! limits on the defense (`[stability.caps]`).

use cupola_analysis::stability::{Caps, DefenseSearch, Race};

use super::MAX_COUNT;
use crate::context::{Ctx, Spanned};
use crate::missile::{non_negative, positive};
use crate::problem::ProblemKind;
use crate::reader::{Field, KeyDoc, TableReader};
use crate::sbi::count_within;

/// Keys of `[stability.race]`.
pub(super) const RACE_KEYS: &[KeyDoc] = &[
    KeyDoc {
        name: "rounds",
        example: "rounds = 10",
        doc: "rounds of the race at most, in [1, 100], default 10",
    },
    KeyDoc {
        name: "defense_goal",
        example: "defense_goal = 0.5",
        doc: "mean warheads arriving the defense tolerates, ≥ 0, default 0.5",
    },
    KeyDoc {
        name: "offense_goal",
        example: "offense_goal = 3.0",
        doc: "mean warheads arriving the attacker seeks, above defense_goal, default 3",
    },
    KeyDoc {
        name: "defense_budget_musd",
        example: "defense_budget_musd = 200000.0",
        doc: "defense budget added each round, millions of dollars, > 0, default 200000",
    },
    KeyDoc {
        name: "offense_budget_musd",
        example: "offense_budget_musd = 5000.0",
        doc: "attacker budget added each round, millions of dollars, > 0, default 5000",
    },
    KeyDoc {
        name: "carrier_step",
        example: "carrier_step = 1000",
        doc: "coarse step of the defense's carrier search (the answer is refined to single \
              carriers and does not depend on it), in [1, 1000000], default 1000",
    },
    KeyDoc {
        name: "max_carriers",
        example: "max_carriers = 40000",
        doc: "most SBI carriers, in [carrier_step, 1000000], default 40000",
    },
    KeyDoc {
        name: "interceptor_step",
        example: "interceptor_step = 20",
        doc: "coarse step of the defense's midcourse interceptor search (the answer does not \
              depend on it), in [1, 1000000], default 20",
    },
    KeyDoc {
        name: "max_interceptors",
        example: "max_interceptors = 200",
        doc: "most added midcourse interceptors, in [interceptor_step, 1000000], default 200",
    },
    KeyDoc {
        name: "terminal_step",
        example: "terminal_step = 48",
        doc: "coarse step of the defense's terminal interceptor search (the answer does not \
              depend on it), in [1, 1000000], default 48",
    },
    KeyDoc {
        name: "max_terminal",
        example: "max_terminal = 480",
        doc: "most added terminal interceptors, in [terminal_step, 1000000], default 480",
    },
];

/// Keys of `[stability.caps]`.
pub(super) const CAPS_KEYS: &[KeyDoc] = &[
    KeyDoc {
        name: "midcourse",
        example: "midcourse = 100",
        doc: "most midcourse interceptors, all at the first site, in [0, 1000000], default 100 \
              (ABM Treaty, 1974 protocol)",
    },
    KeyDoc {
        name: "sbi",
        example: "sbi = 1000",
        doc: "most SBI carriers, in [0, 1000000], default 1000",
    },
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
    let (carrier_step, max_carriers) = step_and_most(
        ctx,
        t,
        ("carrier_step", "max_carriers"),
        (d.defense.carrier_step, d.defense.max_carriers),
        "SBI carriers",
    );
    let (interceptor_step, max_interceptors) = step_and_most(
        ctx,
        t,
        ("interceptor_step", "max_interceptors"),
        (d.defense.interceptor_step, d.defense.max_interceptors),
        "added midcourse interceptors",
    );
    let (terminal_step, max_terminal) = step_and_most(
        ctx,
        t,
        ("terminal_step", "max_terminal"),
        (d.defense.terminal_step, d.defense.max_terminal),
        "added terminal interceptors",
    );
    t.finish(ctx);
    Some(Race {
        rounds: rounds?,
        defense: DefenseSearch {
            goal: defense_goal?,
            carrier_step: carrier_step?,
            max_carriers: max_carriers?,
            interceptor_step: interceptor_step?,
            max_interceptors: max_interceptors?,
            terminal_step: terminal_step?,
            max_terminal: max_terminal?,
        },
        offense_goal: offense_goal?,
        defense_budget_musd: defense_budget?,
        offense_budget_musd: offense_budget?,
    })
}

/// A search step in [1, 1000000] and the most in [step, 1000000] (`what`
/// names the things counted); `defaults` when absent.
fn step_and_most(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    (step_key, most_key): (&str, &str),
    (step_default, most_default): (u32, u32),
    what: &str,
) -> (Option<u32>, Option<u32>) {
    let step_in = t
        .unsigned(ctx, step_key)
        .or(u64::from(step_default), &t.span);
    let step = count_within(
        ctx,
        step_in,
        step_key,
        (1, MAX_COUNT),
        &format!(
            "the coarse step of the defense's search over {what}, from 1 to 1000000, e.g. \
             `{step_key} = {step_default}` (the answer is refined to single units)"
        ),
    );
    let most_in: Option<Spanned<u64>> = t
        .unsigned(ctx, most_key)
        .or(u64::from(most_default), &t.span);
    let lo = step.map_or(1, u64::from);
    let most = count_within(
        ctx,
        most_in,
        most_key,
        (lo, MAX_COUNT),
        &format!(
            "the most {what} the defense may field, at least `{step_key}` ({lo}) and at most \
             1000000, e.g. `{most_key} = {most_default}`"
        ),
    );
    (step, most)
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
