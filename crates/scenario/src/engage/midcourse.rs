//! `[[engage.midcourse]]`: ground-based midcourse interceptor sites, cued
//! by a tracking layer or a ground radar.

use cupola_analysis::engage::MidcourseSite;

use super::layer::{
    Cueing, DOCTRINE_KEY, INVENTORY_HINT, KILL_ASSESSMENT_KEY, MAX_INVENTORY, Named, PK_HINT,
    SHOTS_KEY, read_doctrine, read_inventory, read_name, read_site,
};
use crate::context::Ctx;
use crate::key::{Bound, KeyDescriptor};
use crate::reader::TableReader;

/// Keys of a `[[engage.midcourse]]` table.
pub(crate) const MIDCOURSE_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::text("name")
        .rule("not empty, unique among **all** midcourse sites and terminal batteries")
        .example("name = \"Fort Greely\"")
        .doc("a label for reports, unique among the midcourse sites and terminal batteries"),
    KeyDescriptor::table("site")
        .rule("as a launch `site`: `lat_deg`, `lon_deg`, `alt_km`")
        .example("site = { lat_deg = 63.95, lon_deg = -145.7, alt_km = 0.4 }")
        .doc("where the interceptors are launched from"),
    KeyDescriptor::integer("inventory")
        .closed(0.0, MAX_INVENTORY)
        .example("inventory = 40")
        .doc("interceptors at the site, in [0, 1000000]")
        .more("0 is a warning")
        .hint(INVENTORY_HINT),
    KeyDescriptor::number("pk")
        .closed(0.0, 1.0)
        .plausible(0.3, 0.95)
        .example("pk = 0.571")
        .doc("single-shot kill probability, in [0, 1]")
        .hint(PK_HINT)
        .uncertainty(
            0.3,
            0.8,
            "the Ground-based Midcourse Defense hit 12 targets in 21 intercept tests (0.57); the \
             tests were scripted, so a real engagement may do worse, and a newer kill vehicle \
             better",
        ),
    KeyDescriptor::number("flyout_speed_km_s")
        .unit("km/s")
        .or_number(7.0)
        .range(Bound::Exclusive(0.0), Bound::Inclusive(12.0))
        .plausible(3.0, 9.0)
        .example("flyout_speed_km_s = 7.0")
        .doc("average speed from launch to intercept")
        .hint(
            "the interceptor's average speed from launch to intercept in km/s, above 0 and at \
             most 12; a ground-based midcourse interceptor averages about 7",
        )
        .assumed(
            6.0,
            8.0,
            "a three-stage ground-based interceptor burns out at 7–8 km/s and averages less over its \
             fly-out; 6 for a two-stage one",
        ),
    DOCTRINE_KEY,
    SHOTS_KEY,
    KeyDescriptor::number("assess_s")
        .unit("s")
        .or_number(60.0)
        .non_negative()
        .plausible(0.0, 600.0)
        .example("assess_s = 60.0")
        .doc("intercept to the kill assessment that may cue another shot")
        .hint(
            "the seconds from an intercept to the kill assessment that may cue another shot, 0 \
             or more, e.g. 60",
        )
        .assumed(
            30.0,
            120.0,
            "no open figure; the debris of an intercept must separate from any surviving RV in \
             the sensor's view: tens of seconds to two minutes",
        ),
    KILL_ASSESSMENT_KEY,
    KeyDescriptor::number("decision_s")
        .unit("s")
        .or_number(30.0)
        .non_negative()
        .plausible(0.0, 600.0)
        .example("decision_s = 30.0")
        .doc("cueing track to the first launch")
        .hint(
            "the seconds from the cueing track to the first interceptor launch, 0 or more, e.g. 30",
        )
        .assumed(
            10.0,
            120.0,
            "no open figure; automated fire control commits in seconds, a human release with a \
             discrimination look takes up to two minutes",
        ),
    KeyDescriptor::number("discrimination")
        .or_number(0.0)
        .closed(0.0, 1.0)
        .example("discrimination = 0.0")
        .doc(
            "probability that the site's sensors recognise a decoy as a decoy; the battle manager \
             fuses the sites': one draw per decoy per trial against the highest of them, and a \
             recognised decoy is engaged by no site",
        )
        .hint(
            "the probability that the site recognises a decoy as a decoy, from 0 (decoys are \
             engaged like warheads) to 1 (never fooled)",
        )
        .assumed(
            0.0,
            0.9,
            "no decoy is recognised by default, the attacker's best case",
        ),
    KeyDescriptor::number("reserve")
        .or_number(0.0)
        .range(Bound::Inclusive(0.0), Bound::Exclusive(1.0))
        .example("reserve = 0.0")
        .doc("fraction of the inventory held back for later waves")
        .hint(
            "the fraction of the inventory held back for later waves, from 0 up to (not \
             including) 1",
        )
        .setting(),
    KeyDescriptor::text("sensor")
        .rule("a tracking or radar `[[sensor]]`")
        .example("sensor = \"leo tracking\"")
        .doc("the [[sensor]] whose track cues the site: a tracking layer or a ground radar"),
];

/// Read one `[[engage.midcourse]]` table.
pub(super) fn read_midcourse(
    ctx: &mut Ctx,
    t: &mut TableReader<'_>,
    cueing: &Cueing<'_>,
) -> Named<MidcourseSite> {
    let name = read_name(ctx, t, "midcourse");
    let value = read_site_keys(ctx, t, cueing, name.as_ref().map(|n| n.value.clone()));
    t.finish(ctx);
    Named { name, value }
}

/// The keys of a midcourse site after its `name`.
fn read_site_keys(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    cueing: &Cueing<'_>,
    name: Option<String>,
) -> Option<MidcourseSite> {
    let site = read_site(ctx, t);
    let inventory = read_inventory(ctx, t);
    let pk = t.get(ctx, "pk");
    let speed = t.get(ctx, "flyout_speed_km_s");
    let doctrine = read_doctrine(ctx, t);
    let assess = t.get(ctx, "assess_s");
    let kill_assessment = t.get(ctx, "kill_assessment");
    let decision = t.get(ctx, "decision_s");
    let discrimination = t.get(ctx, "discrimination");
    let reserve = t.get(ctx, "reserve");
    let sensor = cueing.read(ctx, t, "a midcourse site");
    Some(MidcourseSite {
        name: name?,
        site: site?,
        inventory: inventory?,
        pk: pk?,
        flyout_speed_m_s: speed? * 1e3,
        doctrine: doctrine?,
        assess_s: assess?,
        kill_assessment: kill_assessment?,
        decision_s: decision?,
        discrimination: discrimination?,
        reserve: reserve?,
        sensor: sensor?,
    })
}
