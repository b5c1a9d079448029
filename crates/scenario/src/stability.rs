//! `[stability]`: the settings of the stability study (`cupola
//! stability`) — Monte Carlo trials, the defense's unit costs, the
//! cost-exchange and the retaliation table's defenses (here) — with its
//! sub-tables: the attacker's unit costs `[stability.attacker]` and
//! options `[stability.options]` (in `stability/offense.rs`), the arms race
//! `[stability.race]` and treaty-style limits `[stability.caps]` (in
//! `stability/race.rs`), and the retaliating `[[stability.arsenal]]`s (in
//! `stability/arsenal.rs`).
//!
//! Every key is optional: the table is read into
//! [`cupola_analysis::stability::StabilitySpec`], each absent key taking
//! the value of [`StabilitySpec::default`]. The study evaluates attack
//! postures with the layered engagement, so `[stability]` needs
//! `[engage]`.

mod arsenal;
mod offense;
mod race;

use cupola_analysis::stability::StabilitySpec;
use toml_edit::Table;

use crate::context::{Ctx, Spanned};
use crate::key::{KeyDescriptor, KeyKind};
use crate::missile::positive;
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};
use crate::sbi::count_within;

/// Keys of `[stability]`.
pub(crate) const STABILITY_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::new("trials", KeyKind::Other(""))
        .example("trials = 1000")
        .doc("Monte Carlo trials per evaluated posture, in [1, 1000000], default 1000"),
    KeyDescriptor::new("sbi_musd", KeyKind::Other(""))
        .example("sbi_musd = 90.0")
        .doc(
            "20-year cost of one more SBI carrier, millions of dollars, > 0, default from the \
              cost model",
        ),
    KeyDescriptor::new("midcourse_musd", KeyKind::Other(""))
        .example("midcourse_musd = 125.0")
        .doc(
            "cost of one more midcourse interceptor in its silo, millions of dollars, > 0, \
              default 125 (CBO 2021)",
        ),
    KeyDescriptor::new("terminal_musd", KeyKind::Other(""))
        .example("terminal_musd = 10.2")
        .doc(
            "cost of one more terminal interceptor at its battery, millions of dollars, > 0, \
              default 10.2 (DoD FY2018 budget amendment: 50 THAAD interceptors for $509.1M)",
        ),
    KeyDescriptor::new("exchange_missiles", KeyKind::Other(""))
        .example("exchange_missiles = 5")
        .doc("missiles added by the attacker in the cost-exchange ratio, in [1, 1000], default 5"),
    KeyDescriptor::new("carriers", KeyKind::Other(""))
        .example("carriers = [0, 1000, 7800, 20000]")
        .doc(
            "SBI carriers of the retaliation table's defenses, integers in [0, 1000000], \
              strictly ascending",
        ),
    KeyDescriptor::new("attacker", KeyKind::Other(""))
        .example("[stability.attacker]")
        .doc("the attacker's unit costs"),
    KeyDescriptor::new("options", KeyKind::Other(""))
        .example("[stability.options]")
        .doc("what the attacker may choose from"),
    KeyDescriptor::new("race", KeyKind::Other(""))
        .example("[stability.race]")
        .doc("the arms race: goals, budgets and the defense's search"),
    KeyDescriptor::new("caps", KeyKind::Other(""))
        .example("[stability.caps]")
        .doc("treaty-style limits on the defense"),
    KeyDescriptor::new("arsenal", KeyKind::Other(""))
        .example("[[stability.arsenal]]")
        .doc("arsenals of the retaliation table (replace the presets)"),
];

/// Most Monte Carlo trials per posture.
const MAX_TRIALS: u64 = 1_000_000;

/// Most missiles added in the cost-exchange ratio.
const MAX_EXCHANGE: u64 = 1_000;

/// Most SBI carriers, midcourse interceptors or ASAT shots in any count
/// of `[stability]` (as `[engage.boost] carriers`).
pub(crate) const MAX_COUNT: u64 = 1_000_000;

/// Read `[stability]`: `Some(None)` when absent, `None` when invalid.
/// `has_engage`: whether the file has the `[engage]` table the study
/// evaluates postures with.
pub(crate) fn read_stability(
    ctx: &mut Ctx,
    root: &TableReader<'_>,
    has_engage: bool,
) -> Option<Option<StabilitySpec>> {
    let t = match root.table(ctx, "stability", "[stability]", STABILITY_KEYS) {
        Field::Given(t) => t.value,
        Field::Absent => return Some(None),
        Field::Invalid => return None,
    };
    if !has_engage {
        ctx.report(
            ProblemKind::MissingKey,
            t.span.clone(),
            "[stability] needs an [engage] table: the stability study judges every attack \
             posture with the layered engagement it describes",
            "add the engagement study with its defense layers, e.g.\n[engage]\nsalvo = 10\n\n  \
             [[engage.midcourse]]\n  name = \"Fort Greely\"",
        )
        .relabel("needs [engage]");
    }
    let d = StabilitySpec::default();
    let trials_in = t.unsigned(ctx, "trials").or(u64::from(d.trials), &t.span);
    let trials = count_within(
        ctx,
        trials_in,
        "trials",
        (1, MAX_TRIALS),
        "the Monte Carlo trials per evaluated attack posture, from 1 to 1000000, e.g. 1000 \
         (a fast surrogate of the full engagement run)",
    );
    let sbi = match t.number(ctx, "sbi_musd") {
        Field::Given(s) => positive(
            ctx,
            Some(s),
            "sbi_musd",
            "$M",
            "the 20-year cost of one more SBI carrier in millions of dollars, above 0; leave \
             it out to take it from the scenario's cost model",
        )
        .map(Some),
        Field::Absent => Some(None),
        Field::Invalid => None,
    };
    let midcourse_in = t.opt_number(ctx, "midcourse_musd", d.midcourse_musd);
    let midcourse = positive(
        ctx,
        midcourse_in,
        "midcourse_musd",
        "$M",
        "the cost of one more midcourse interceptor in its silo in millions of dollars, above \
         0, e.g. 125 (CBO 2021: 40 more silos with interceptors, about $5 billion)",
    );
    let terminal_in = t.opt_number(ctx, "terminal_musd", d.terminal_musd);
    let terminal = positive(
        ctx,
        terminal_in,
        "terminal_musd",
        "$M",
        "the cost of one more terminal interceptor at its battery in millions of dollars, \
         above 0, e.g. 10.2 (the DoD FY2018 budget amendment asked $509.1 million for 50 THAAD \
         interceptors)",
    );
    let exchange_in = t
        .unsigned(ctx, "exchange_missiles")
        .or(u64::from(d.exchange_missiles), &t.span);
    let exchange = count_within(
        ctx,
        exchange_in,
        "exchange_missiles",
        (1, MAX_EXCHANGE),
        "the missiles the attacker adds in the cost-exchange ratio, from 1 to 1000, e.g. 5",
    );
    let carriers = ascending(
        ctx,
        &t,
        "carriers",
        d.carriers.clone(),
        (0, MAX_COUNT),
        "the SBI carriers in orbit of each defense of the retaliation table, from 0 to \
         1000000",
        "list each carrier count of the retaliation table once, smallest first, e.g. \
         `carriers = [0, 1000, 7800, 20000]`",
    );

    let empty = Table::new();
    let sub = |ctx: &mut Ctx, key: &str, what: &str, keys: &'static [KeyDescriptor]| match t
        .table(ctx, key, what, keys)
    {
        Field::Given(r) => Some(r.value),
        Field::Absent => Some(TableReader::new(&empty, t.span.clone(), what, keys)),
        Field::Invalid => None,
    };
    let attacker = sub(
        ctx,
        "attacker",
        "[stability.attacker]",
        offense::ATTACKER_KEYS,
    )
    .and_then(|r| offense::read_attacker(ctx, &r, &d.attacker));
    let options = sub(ctx, "options", "[stability.options]", offense::OPTIONS_KEYS)
        .and_then(|r| offense::read_options(ctx, &r, &d.options));
    let race = sub(ctx, "race", "[stability.race]", race::RACE_KEYS)
        .and_then(|r| race::read_race(ctx, &r, &d.race));
    let caps = sub(ctx, "caps", "[stability.caps]", race::CAPS_KEYS)
        .and_then(|r| race::read_caps(ctx, &r, d.caps));
    let arsenals = match t.tables(
        ctx,
        "arsenal",
        |i| format!("[[stability.arsenal]] #{}", i + 1),
        arsenal::ARSENAL_KEYS,
    ) {
        Field::Given(list) => arsenal::read_arsenals(ctx, list.value),
        Field::Absent => Some(d.arsenals.clone()),
        Field::Invalid => None,
    };
    t.finish(ctx);
    if !has_engage {
        return None;
    }
    Some(Some(StabilitySpec {
        trials: trials?,
        attacker: attacker?,
        options: options?,
        sbi_musd: sbi?,
        midcourse_musd: midcourse?,
        terminal_musd: terminal?,
        exchange_missiles: exchange?,
        race: race?,
        arsenals: arsenals?,
        carriers: carriers?,
        caps: caps?,
    }))
}

/// An optional, non-empty, strictly ascending array of integers, each in
/// `range` (`range_help` explains them; `order_help` says how to order
/// them); `default` when absent.
pub(crate) fn ascending(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    key: &str,
    default: Vec<u32>,
    range: (u64, u64),
    range_help: &str,
    order_help: &str,
) -> Option<Vec<u32>> {
    let list = match t.integers(ctx, key, false) {
        Field::Given(list) => list.value,
        Field::Absent => return Some(default),
        Field::Invalid => return None,
    };
    let mut out = Vec::with_capacity(list.len());
    let mut ok = true;
    let mut previous: Option<Spanned<u64>> = None;
    for s in list {
        if let Some(p) = &previous
            && s.value <= p.value
        {
            ctx.report(
                ProblemKind::InvalidValue,
                s.span.clone(),
                format!(
                    "`{key}` must be strictly ascending, but {} follows {}",
                    s.value, p.value
                ),
                order_help,
            )
            .relabel(format!("not above {}", p.value));
            ok = false;
        }
        previous = Some(s.clone());
        match count_within(ctx, Some(s), key, range, range_help) {
            Some(n) => out.push(n),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every sub-table is documented, and every key's example writes it.
    #[test]
    fn keys_are_documented() {
        for key in ["attacker", "options", "race", "caps", "arsenal"] {
            assert!(STABILITY_KEYS.iter().any(|k| k.name == key), "{key}");
        }
        for k in STABILITY_KEYS
            .iter()
            .chain(offense::ATTACKER_KEYS)
            .chain(offense::OPTIONS_KEYS)
            .chain(race::RACE_KEYS)
            .chain(race::CAPS_KEYS)
            .chain(arsenal::ARSENAL_KEYS)
        {
            assert!(k.example.contains(k.name), "{}", k.name);
        }
    }
}
