//! `[[engage.midcourse]]`: ground-based midcourse interceptor sites, cued
//! by a tracking layer or a ground radar.

use cupola_analysis::engage::MidcourseSite;

use super::layer::{
    Cueing, KILL_ASSESSMENT_KEY, Named, probability, read_doctrine, read_inventory,
    read_kill_assessment, read_name, read_pk, read_site,
};
use crate::context::Ctx;
use crate::key::{KeyDescriptor, KeyKind};
use crate::missile::{non_negative, within};
use crate::reader::TableReader;

/// Keys of a `[[engage.midcourse]]` table.
pub(crate) const MIDCOURSE_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::new("name", KeyKind::Other("")).example("name = \"Fort Greely\"").doc("a label for reports, unique among the midcourse sites and terminal batteries"),
    KeyDescriptor::new("site", KeyKind::Other("")).example("site = { lat_deg = 63.95, lon_deg = -145.7, alt_km = 0.4 }").doc("where the interceptors are launched from"),
    KeyDescriptor::new("inventory", KeyKind::Other("")).example("inventory = 40").doc("interceptors at the site, in [0, 1000000]"),
    KeyDescriptor::new("pk", KeyKind::Other("")).example("pk = 0.571").doc("single-shot kill probability, in [0, 1]"),
    KeyDescriptor::new("flyout_speed_km_s", KeyKind::Other("")).example("flyout_speed_km_s = 7.0").doc("average fly-out speed of an interceptor, km/s, in (0, 12], default 7"),
    KeyDescriptor::new("doctrine", KeyKind::Other("")).example("doctrine = \"barrage\"").doc("\"barrage\" (default) or \"shoot_look_shoot\""),
    KeyDescriptor::new("shots", KeyKind::Other("")).example("shots = 2").doc("interceptors per object (per look), in [1, 20], default 2 (barrage) or 1 (shoot_look_shoot)"),
    KeyDescriptor::new("assess_s", KeyKind::Other("")).example("assess_s = 60.0").doc("intercept to kill assessment, s, ≥ 0, default 60"),
    KILL_ASSESSMENT_KEY,
    KeyDescriptor::new("decision_s", KeyKind::Other("")).example("decision_s = 30.0").doc("cueing track to the first launch, s, ≥ 0, default 30"),
    KeyDescriptor::new("discrimination", KeyKind::Other("")).example("discrimination = 0.0").doc("probability of recognising a decoy as a decoy, in [0, 1], default 0"),
    KeyDescriptor::new("reserve", KeyKind::Other("")).example("reserve = 0.0").doc("fraction of the inventory held back for later waves, in [0, 1), default 0"),
    KeyDescriptor::new("sensor", KeyKind::Other("")).example("sensor = \"leo tracking\"").doc("the [[sensor]] whose track cues the site: a tracking layer or a ground radar"),
];

/// Fastest average fly-out speed, km/s.
const MAX_FLYOUT_KM_S: f64 = 12.0;

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
    let pk = read_pk(ctx, t);
    let speed_in = t.opt_number(ctx, "flyout_speed_km_s", 7.0);
    let speed = within(
        ctx,
        speed_in,
        "flyout_speed_km_s",
        |v| v > 0.0 && v <= MAX_FLYOUT_KM_S,
        "(0, 12]",
        "km/s",
        "the interceptor's average speed from launch to intercept in km/s, above 0 and at \
         most 12; a ground-based midcourse interceptor averages about 7",
    );
    let doctrine = read_doctrine(ctx, t);
    let assess_in = t.opt_number(ctx, "assess_s", 60.0);
    let assess = non_negative(
        ctx,
        assess_in,
        "assess_s",
        "s",
        "the seconds from an intercept to the kill assessment that may cue another shot, 0 \
         or more, e.g. 60",
    );
    let kill_assessment = read_kill_assessment(ctx, t);
    let decision_in = t.opt_number(ctx, "decision_s", 30.0);
    let decision = non_negative(
        ctx,
        decision_in,
        "decision_s",
        "s",
        "the seconds from the cueing track to the first interceptor launch, 0 or more, e.g. 30",
    );
    let discrimination_in = t.opt_number(ctx, "discrimination", 0.0);
    let discrimination = probability(
        ctx,
        discrimination_in,
        "discrimination",
        "the probability that the site recognises a decoy as a decoy, from 0 (decoys are \
         engaged like warheads) to 1 (never fooled)",
    );
    let reserve_in = t.opt_number(ctx, "reserve", 0.0);
    let reserve = within(
        ctx,
        reserve_in,
        "reserve",
        |v| (0.0..1.0).contains(&v),
        "[0, 1)",
        "",
        "the fraction of the inventory held back for later waves, from 0 up to (not \
         including) 1",
    );
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
