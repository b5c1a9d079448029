//! The attacker's side of `[stability]`: unit costs
//! (`[stability.attacker]`) and options (`[stability.options]`).

use cupola_analysis::sizing::sweep::BOOST_TIME_RANGE_S;
use cupola_analysis::stability::{AttackerCosts, Options};

use super::{MAX_COUNT, ascending};
use crate::context::Ctx;
use crate::key::{Bound, KeyDescriptor, KeyKind};
use crate::reader::TableReader;

/// Keys of `[stability.attacker]`.
pub(crate) const ATTACKER_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::number("missile_musd")
        .unit("$M")
        .or_number(50.0)
        .non_negative()
        .example("missile_musd = 50.0")
        .doc("one ICBM with its post-boost bus, without re-entry vehicles")
        .hint(
            "the attacker's cost of one ICBM with its post-boost bus, without re-entry vehicles in millions of dollars, 0 or more, e.g. \
             `missile_musd = 50.0`",
        )
        .assumed(
            20.0,
            150.0,
            "no open unit cost of a foreign ICBM; the US Sentinel programme buys 659 missiles for \
             at least $95 billion (Center for Arms Control and Non-Proliferation fact sheet, \
             August 2024), about $144 million each with development and basing; an adversary's \
             serial production at lower labour cost is taken at a third of that",
        ),
    KeyDescriptor::number("rv_musd")
        .unit("$M")
        .or_number(5.0)
        .non_negative()
        .example("rv_musd = 5.0")
        .doc("one re-entry vehicle with its warhead")
        .hint(
            "the attacker's cost of one re-entry vehicle with its warhead in millions of dollars, 0 or more, e.g. \
             `rv_musd = 5.0`",
        )
        .assumed(
            2.0,
            10.0,
            "no open unit figure; a tenth of the missile, from a mass-produced design to a new \
             warhead and aeroshell of a small arsenal",
        ),
    KeyDescriptor::number("decoy_musd")
        .unit("$M")
        .or_number(0.5)
        .non_negative()
        .example("decoy_musd = 0.5")
        .doc("one decoy")
        .hint(
            "the attacker's cost of one decoy in millions of dollars, 0 or more, e.g. \
             `decoy_musd = 0.5`",
        )
        .assumed(
            0.1,
            2.0,
            "no open price; balloon decoys and RV replicas are light and simple (Sessler et al., \
             Countermeasures, UCS and MIT, April 2000), while a replica matching an RV's \
             signatures over midcourse costs more",
        ),
    KeyDescriptor::number("fast_burn_musd")
        .unit("$M")
        .or_number(25.0)
        .non_negative()
        .example("fast_burn_musd = 25.0")
        .doc("a fast-burn booster over the standard one, per missile")
        .hint(
            "the attacker's cost of a fast-burn booster over the standard one, per missile in millions of dollars, 0 or more, e.g. \
             `fast_burn_musd = 25.0`",
        )
        .assumed(
            10.0,
            50.0,
            "no open cost; a solid motor burning twice as fast is a new motor development spread \
             over the production run: a fifth to the whole of the missile's assumed cost",
        ),
    KeyDescriptor::number("asat_musd")
        .unit("$M")
        .or_number(10.0)
        .non_negative()
        .example("asat_musd = 10.0")
        .doc("one anti-satellite shot at an SBI over the launch area")
        .hint(
            "the attacker's cost of one anti-satellite shot at an SBI over the launch area in millions of dollars, 0 or more, e.g. \
             `asat_musd = 10.0`",
        )
        .assumed(
            5.0,
            30.0,
            "no open price; a direct-ascent shot at a low orbit needs a medium-range booster and a \
             kill vehicle, of the order of a regional missile-defense interceptor",
        ),
];

/// Keys of `[stability.options]`.
pub(crate) const OPTIONS_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::integer("max_missiles")
        .or_integer(60)
        .closed(1.0, 10_000.0)
        .example("max_missiles = 60")
        .doc("most missiles launched")
        .hint("the most missiles the attacker launches, from 1 to 10000, e.g. 60")
        .setting(),
    KeyDescriptor::new("decoys", KeyKind::Other("array of integers"))
        .optional()
        .shown_default("`[0, 2, 4, 8]`")
        .closed(0.0, 100.0)
        .rule("strictly ascending, not empty")
        .example("decoys = [0, 2, 4, 8]")
        .doc("decoys per re-entry vehicle to choose from")
        .hint("the decoys per re-entry vehicle the attacker may choose, from 0 to 100")
        .setting(),
    KeyDescriptor::boolean("fast_burn")
        .or_bool(true)
        .example("fast_burn = true")
        .doc("whether fast-burn boosters are an option")
        .setting(),
    KeyDescriptor::number("fast_burn_boost_s")
        .unit("s")
        .or_number(120.0)
        .range(
            Bound::Inclusive(BOOST_TIME_RANGE_S.0),
            Bound::Inclusive(BOOST_TIME_RANGE_S.1),
        )
        .plausible(60.0, 200.0)
        .example("fast_burn_boost_s = 120.0")
        .doc("boost time of the fast-burn booster")
        .hint(
            "the boost time of the fast-burn booster in seconds, from 60 (half the 100-120 s of \
             the fast-burn solids studied by APS 2003; shorter scaled boosts burn inside the \
             dense atmosphere at tens of g) to 1000, e.g. 120 (a shorter boost leaves the SBIs \
             less time)",
        )
        .cited("APS 2003; NRC 2012: fast-burn solids 100–120 s")
        .uncertainty(
            100.0,
            120.0,
            "the range the studies give for fast-burn solids",
        ),
    KeyDescriptor::boolean("concentrate")
        .or_bool(true)
        .example("concentrate = true")
        .doc("whether concentrating the launches is an option")
        .setting(),
    KeyDescriptor::new("asat", KeyKind::Other("array of integers"))
        .optional()
        .shown_default("`[0, 50]`")
        .closed(0.0, MAX_COUNT as f64)
        .rule("strictly ascending, not empty")
        .example("asat = [0, 50]")
        .doc("anti-satellite shot counts to choose from")
        .hint(
            "the anti-satellite shots at SBIs over the launch area the attacker may choose, \
             from 0 to 1000000",
        )
        .setting(),
];

/// Read `[stability.attacker]`; absent keys take their described
/// defaults.
pub(super) fn read_attacker(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<AttackerCosts> {
    let missile = t.get(ctx, "missile_musd");
    let rv = t.get(ctx, "rv_musd");
    let decoy = t.get(ctx, "decoy_musd");
    let fast_burn = t.get(ctx, "fast_burn_musd");
    let asat = t.get(ctx, "asat_musd");
    t.finish(ctx);
    Some(AttackerCosts {
        missile_musd: missile?,
        rv_musd: rv?,
        decoy_musd: decoy?,
        fast_burn_musd: fast_burn?,
        asat_musd: asat?,
    })
}

/// Read `[stability.options]`; absent keys take their described defaults
/// (the lists `d`'s).
pub(super) fn read_options(ctx: &mut Ctx, t: &TableReader<'_>, d: &Options) -> Option<Options> {
    let max_missiles = t.count(ctx, "max_missiles");
    let decoys = ascending(
        ctx,
        t,
        "decoys",
        d.decoys.clone(),
        "list each decoy count once, smallest first, e.g. `decoys = [0, 2, 4, 8]`",
    );
    let fast_burn = t.flag(ctx, "fast_burn");
    let boost = t.get(ctx, "fast_burn_boost_s");
    let concentrate = t.flag(ctx, "concentrate");
    let asat = ascending(
        ctx,
        t,
        "asat",
        d.asat.clone(),
        "list each shot count once, smallest first, e.g. `asat = [0, 50]`",
    );
    t.finish(ctx);
    Some(Options {
        max_missiles: max_missiles?,
        decoys: decoys?,
        fast_burn: fast_burn?,
        fast_burn_boost_s: boost?,
        concentrate: concentrate?,
        asat: asat?,
    })
}
