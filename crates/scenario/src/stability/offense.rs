//! The attacker's side of `[stability]`: unit costs
//! (`[stability.attacker]`) and options (`[stability.options]`).

use cupola_analysis::stability::{AttackerCosts, Options};

use super::{MAX_COUNT, ascending};
use crate::context::Ctx;
use crate::key::{KeyDescriptor, KeyKind};
use crate::missile::{non_negative, within};
use crate::reader::TableReader;
use crate::sbi::count_within;

/// Keys of `[stability.attacker]`.
pub(super) const ATTACKER_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::new("missile_musd", KeyKind::Other(""))
        .example("missile_musd = 50.0")
        .doc(
            "one ICBM with its post-boost bus, without re-entry vehicles, millions of dollars, \
              ≥ 0, default 50",
        ),
    KeyDescriptor::new("rv_musd", KeyKind::Other(""))
        .example("rv_musd = 5.0")
        .doc("one re-entry vehicle with its warhead, millions of dollars, ≥ 0, default 5"),
    KeyDescriptor::new("decoy_musd", KeyKind::Other(""))
        .example("decoy_musd = 0.5")
        .doc("one decoy, millions of dollars, ≥ 0, default 0.5"),
    KeyDescriptor::new("fast_burn_musd", KeyKind::Other(""))
        .example("fast_burn_musd = 25.0")
        .doc("extra cost of a fast-burn booster per missile, millions of dollars, ≥ 0, default 25"),
    KeyDescriptor::new("asat_musd", KeyKind::Other(""))
        .example("asat_musd = 10.0")
        .doc("one anti-satellite shot at an SBI, millions of dollars, ≥ 0, default 10"),
];

/// Keys of `[stability.options]`.
pub(super) const OPTIONS_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::new("max_missiles", KeyKind::Other(""))
        .example("max_missiles = 60")
        .doc("most missiles the attacker launches, in [1, 10000], default 60"),
    KeyDescriptor::new("decoys", KeyKind::Other(""))
        .example("decoys = [0, 2, 4, 8]")
        .doc(
            "decoys per re-entry vehicle to choose from, integers in [0, 100], strictly \
              ascending",
        ),
    KeyDescriptor::new("fast_burn", KeyKind::Other(""))
        .example("fast_burn = true")
        .doc("whether fast-burn boosters are an option, default true"),
    KeyDescriptor::new("fast_burn_boost_s", KeyKind::Other(""))
        .example("fast_burn_boost_s = 120.0")
        .doc("boost time of the fast-burn booster, s, in (0, 1000], default 120"),
    KeyDescriptor::new("concentrate", KeyKind::Other(""))
        .example("concentrate = true")
        .doc("whether concentrating the launches is an option, default true"),
    KeyDescriptor::new("asat", KeyKind::Other(""))
        .example("asat = [0, 50]")
        .doc(
            "anti-satellite shot counts to choose from, integers in [0, 1000000], strictly \
              ascending",
        ),
];

/// Most missiles of an attack posture.
const MAX_MISSILES: u64 = 10_000;

/// Most decoys per re-entry vehicle (as `[engage] decoys_per_rv`).
const MAX_DECOYS: u64 = 100;

/// Longest fast-burn boost, s.
const MAX_BOOST_S: f64 = 1_000.0;

/// Read `[stability.attacker]`; absent keys take `d`'s values.
pub(super) fn read_attacker(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    d: &AttackerCosts,
) -> Option<AttackerCosts> {
    let mut cost = |key: &str, default: f64, what: &str| {
        let s = t.opt_number(ctx, key, default);
        non_negative(
            ctx,
            s,
            key,
            "$M",
            &format!(
                "the attacker's cost of {what} in millions of dollars, 0 or more, e.g. \
                 `{key} = {default:?}`"
            ),
        )
    };
    let missile = cost(
        "missile_musd",
        d.missile_musd,
        "one ICBM with its post-boost bus, without re-entry vehicles",
    );
    let rv = cost(
        "rv_musd",
        d.rv_musd,
        "one re-entry vehicle with its warhead",
    );
    let decoy = cost("decoy_musd", d.decoy_musd, "one decoy");
    let fast_burn = cost(
        "fast_burn_musd",
        d.fast_burn_musd,
        "a fast-burn booster over the standard one, per missile",
    );
    let asat = cost(
        "asat_musd",
        d.asat_musd,
        "one anti-satellite shot at an SBI over the launch area",
    );
    t.finish(ctx);
    Some(AttackerCosts {
        missile_musd: missile?,
        rv_musd: rv?,
        decoy_musd: decoy?,
        fast_burn_musd: fast_burn?,
        asat_musd: asat?,
    })
}

/// Read `[stability.options]`; absent keys take `d`'s values.
pub(super) fn read_options(ctx: &mut Ctx, t: &TableReader<'_>, d: &Options) -> Option<Options> {
    let max_in = t
        .unsigned(ctx, "max_missiles")
        .or(u64::from(d.max_missiles), &t.span);
    let max_missiles = count_within(
        ctx,
        max_in,
        "max_missiles",
        (1, MAX_MISSILES),
        "the most missiles the attacker launches, from 1 to 10000, e.g. 60",
    );
    let decoys = ascending(
        ctx,
        t,
        "decoys",
        d.decoys.clone(),
        (0, MAX_DECOYS),
        "the decoys per re-entry vehicle the attacker may choose, from 0 to 100",
        "list each decoy count once, smallest first, e.g. `decoys = [0, 2, 4, 8]`",
    );
    let fast_burn = t.bool(ctx, "fast_burn").or(d.fast_burn, &t.span);
    let boost_in = t.opt_number(ctx, "fast_burn_boost_s", d.fast_burn_boost_s);
    let boost = within(
        ctx,
        boost_in,
        "fast_burn_boost_s",
        |v| v > 0.0 && v <= MAX_BOOST_S,
        "(0, 1000]",
        "s",
        "the boost time of the fast-burn booster in seconds, above 0 and at most 1000, e.g. \
         120 (a shorter boost leaves the SBIs less time)",
    );
    let concentrate = t.bool(ctx, "concentrate").or(d.concentrate, &t.span);
    let asat = ascending(
        ctx,
        t,
        "asat",
        d.asat.clone(),
        (0, MAX_COUNT),
        "the anti-satellite shots at SBIs over the launch area the attacker may choose, \
         from 0 to 1000000",
        "list each shot count once, smallest first, e.g. `asat = [0, 50]`",
    );
    t.finish(ctx);
    Some(Options {
        max_missiles: max_missiles?,
        decoys: decoys?,
        fast_burn: fast_burn?.value,
        fast_burn_boost_s: boost?,
        concentrate: concentrate?.value,
        asat: asat?,
    })
}
