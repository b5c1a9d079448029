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

pub(crate) mod arsenal;
pub(crate) mod offense;
pub(crate) mod race;

use cupola_analysis::stability::StabilitySpec;
use toml_edit::Table;

use crate::context::{Ctx, Spanned};
use crate::key::{KeyDescriptor, KeyKind};
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};

/// Keys of `[stability]`.
pub(crate) const STABILITY_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::integer("trials")
        .or_integer(1_000)
        .closed(1.0, 1_000_000.0)
        .example("trials = 1000")
        .doc("Monte Carlo trials per evaluated posture (common random numbers across postures)")
        .hint(
            "the Monte Carlo trials per evaluated attack posture, from 1 to 1000000, e.g. 1000 \
             (a fast surrogate of the full engagement run)",
        )
        .setting(),
    KeyDescriptor::number("sbi_musd")
        .unit("$M")
        .optional()
        .shown_default("from the cost model")
        .positive()
        .plausible(5.0, 500.0)
        .example("sbi_musd = 90.0")
        .doc(
            "20-year cost of one more SBI carrier; absent: from the scenario's cost model (its \
             space-layer element) or the CBO 2026 preset",
        )
        .hint(
            "the 20-year cost of one more SBI carrier in millions of dollars, above 0; leave \
             it out to take it from the scenario's cost model",
        ),
    KeyDescriptor::number("midcourse_musd")
        .unit("$M")
        .or_number(125.0)
        .positive()
        .plausible(50.0, 300.0)
        .example("midcourse_musd = 125.0")
        .doc("one more midcourse interceptor in its silo")
        .hint(
            "the cost of one more midcourse interceptor in its silo in millions of dollars, above \
             0, e.g. 125 (CBO 2021: 40 more silos with interceptors, about $5 billion)",
        )
        .cited(
            "CBO 2021, Costs of Implementing Recommendations of the 2019 Missile Defense \
             Review: 40 more silos in Alaska, with their interceptors, about $5 billion \
             ($125 million per interceptor, its silo included)",
        )
        .uncertainty(
            111.0,
            498.0,
            "the Next Generation Interceptor: $111 million to procure each of 21, $498 million \
             each with its development (CAPE, as reported by Arms Control Today, June 2021)",
        ),
    KeyDescriptor::number("terminal_musd")
        .unit("$M")
        .or_number(10.2)
        .positive()
        .plausible(1.0, 50.0)
        .example("terminal_musd = 10.2")
        .doc("one more terminal interceptor at its battery")
        .hint(
            "the cost of one more terminal interceptor at its battery in millions of dollars, \
             above 0, e.g. 10.2 (the DoD FY2018 budget amendment asked $509.1 million for 50 \
             THAAD interceptors)",
        )
        .cited(
            "DoD FY2018 budget amendment, November 2017: $509.1 million for 50 THAAD \
             interceptors, then-year dollars",
        )
        .uncertainty(10.0, 15.0, "later buys reported near $12 million each"),
    KeyDescriptor::integer("exchange_missiles")
        .or_integer(5)
        .closed(1.0, 1_000.0)
        .example("exchange_missiles = 5")
        .doc("missiles the attacker adds in the cost-exchange ratio")
        .hint("the missiles the attacker adds in the cost-exchange ratio, from 1 to 1000, e.g. 5")
        .setting(),
    KeyDescriptor::new("carriers", KeyKind::Other("array of integers"))
        .optional()
        .shown_default("`[0, 1000, 7800, 20000]`")
        .closed(0.0, MAX_COUNT as f64)
        .rule("strictly ascending, not empty")
        .example("carriers = [0, 1000, 7800, 20000]")
        .doc("SBI carriers of the retaliation table's defenses")
        .hint(
            "the SBI carriers in orbit of each defense of the retaliation table, from 0 to \
             1000000",
        )
        .setting(),
    KeyDescriptor::table("attacker")
        .optional()
        .example("[stability.attacker]")
        .doc("the attacker's unit costs"),
    KeyDescriptor::table("options")
        .optional()
        .example("[stability.options]")
        .doc("what the attacker may choose from"),
    KeyDescriptor::table("race")
        .optional()
        .example("[stability.race]")
        .doc("the arms race: goals, budgets and the defense's search"),
    KeyDescriptor::table("caps")
        .optional()
        .example("[stability.caps]")
        .doc("treaty-style limits on the defense"),
    KeyDescriptor::tables("arsenal")
        .optional()
        .example("[[stability.arsenal]]")
        .doc("arsenals of the retaliation table (replace the presets)"),
];

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
    area_names: Option<&[String]>,
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
    let trials = t.count(ctx, "trials");
    let sbi = t.num(ctx, "sbi_musd").option();
    let midcourse = t.get(ctx, "midcourse_musd");
    let terminal = t.get(ctx, "terminal_musd");
    let exchange = t.count(ctx, "exchange_missiles");
    let carriers = ascending(
        ctx,
        &t,
        "carriers",
        d.carriers.clone(),
        "list each carrier count of the retaliation table once, smallest first, e.g. \
         `carriers = [0, 1000, 7800, 20000]`",
    );

    let empty = Table::new();
    let sub = |ctx: &mut Ctx, key: &str, what: &str, keys: &'static [KeyDescriptor]| match t
        .table(ctx, key, what, keys)
    {
        Field::Given(r) => Some(r.value),
        Field::Absent => Some(t.absent_child(&empty, key, what, keys)),
        Field::Invalid => None,
    };
    let attacker = sub(
        ctx,
        "attacker",
        "[stability.attacker]",
        offense::ATTACKER_KEYS,
    )
    .and_then(|r| offense::read_attacker(ctx, &r));
    let options = sub(ctx, "options", "[stability.options]", offense::OPTIONS_KEYS)
        .and_then(|r| offense::read_options(ctx, &r, &d.options));
    let race = sub(ctx, "race", "[stability.race]", race::RACE_KEYS)
        .and_then(|r| race::read_race(ctx, &r));
    let caps = sub(ctx, "caps", "[stability.caps]", race::CAPS_KEYS)
        .and_then(|r| race::read_caps(ctx, &r));
    let arsenals = match t.tables(
        ctx,
        "arsenal",
        |i| format!("[[stability.arsenal]] #{}", i + 1),
        arsenal::ARSENAL_KEYS,
    ) {
        Field::Given(list) => arsenal::read_arsenals(ctx, list.value, area_names),
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
/// the key's range (`order_help` says how to order them); `default` when
/// absent.
pub(crate) fn ascending(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    key: &str,
    default: Vec<u32>,
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
        match t.check_int(ctx, key, &s) {
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

    /// The descriptors' defaults are the study's.
    #[test]
    fn described_defaults_are_the_study_defaults() {
        use crate::key::KeyDefault;
        let d = StabilitySpec::default();
        let number = |keys: &[KeyDescriptor], key: &str| match keys
            .iter()
            .find(|k| k.name == key)
            .map(|k| k.default)
        {
            Some(KeyDefault::Number(v)) => v,
            #[allow(clippy::cast_precision_loss)]
            Some(KeyDefault::Integer(v)) => v as f64,
            other => panic!("{key}: {other:?}"),
        };
        let pairs = [
            (number(STABILITY_KEYS, "trials"), f64::from(d.trials)),
            (number(STABILITY_KEYS, "midcourse_musd"), d.midcourse_musd),
            (number(STABILITY_KEYS, "terminal_musd"), d.terminal_musd),
            (
                number(STABILITY_KEYS, "exchange_missiles"),
                f64::from(d.exchange_missiles),
            ),
            (
                number(offense::ATTACKER_KEYS, "missile_musd"),
                d.attacker.missile_musd,
            ),
            (
                number(offense::ATTACKER_KEYS, "rv_musd"),
                d.attacker.rv_musd,
            ),
            (
                number(offense::ATTACKER_KEYS, "decoy_musd"),
                d.attacker.decoy_musd,
            ),
            (
                number(offense::ATTACKER_KEYS, "fast_burn_musd"),
                d.attacker.fast_burn_musd,
            ),
            (
                number(offense::ATTACKER_KEYS, "asat_musd"),
                d.attacker.asat_musd,
            ),
            (
                number(offense::OPTIONS_KEYS, "max_missiles"),
                f64::from(d.options.max_missiles),
            ),
            (
                number(offense::OPTIONS_KEYS, "fast_burn_boost_s"),
                d.options.fast_burn_boost_s,
            ),
            (number(race::RACE_KEYS, "rounds"), f64::from(d.race.rounds)),
            (number(race::RACE_KEYS, "defense_goal"), d.race.defense.goal),
            (number(race::RACE_KEYS, "offense_goal"), d.race.offense_goal),
            (
                number(race::RACE_KEYS, "defense_budget_musd"),
                d.race.defense_budget_musd,
            ),
            (
                number(race::RACE_KEYS, "offense_budget_musd"),
                d.race.offense_budget_musd,
            ),
            (
                number(race::RACE_KEYS, "max_carriers"),
                f64::from(d.race.defense.max_carriers),
            ),
            (
                number(race::RACE_KEYS, "max_interceptors"),
                f64::from(d.race.defense.max_interceptors),
            ),
            (
                number(race::RACE_KEYS, "max_terminal"),
                f64::from(d.race.defense.max_terminal),
            ),
            (
                number(race::CAPS_KEYS, "midcourse"),
                f64::from(d.caps.midcourse.unwrap_or(0)),
            ),
            (
                number(race::CAPS_KEYS, "sbi"),
                f64::from(d.caps.sbi.unwrap_or(0)),
            ),
        ];
        for (i, (described, study)) in pairs.iter().enumerate() {
            assert_eq!(described, study, "pair {i}");
        }
        let flag = |key: &str| {
            offense::OPTIONS_KEYS
                .iter()
                .find(|k| k.name == key)
                .map(|k| k.default)
        };
        assert_eq!(
            flag("fast_burn"),
            Some(KeyDefault::Bool(d.options.fast_burn))
        );
        assert_eq!(
            flag("concentrate"),
            Some(KeyDefault::Bool(d.options.concentrate))
        );
    }
}
