//! `[asat]`: the anti-satellite reach of the SBI layer — which satellites
//! of a scenario constellation its interceptors could reach, and within
//! what fly-out time.

use cupola_analysis::sizing::AsatSpec;

use super::needs_sbi;
use crate::constellation::resolve_constellation;
use crate::context::Ctx;
use crate::key::{Bound, KeyDescriptor};
use crate::reader::{Field, TableReader};

/// Keys of `[asat]`.
pub(crate) const ASAT_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::text("targets")
        .rule("a `[[constellation]]` name")
        .example("targets = \"leo-tracking\"")
        .doc("the [[constellation]] whose satellites are the targets"),
    KeyDescriptor::number("within_min")
        .unit("minutes")
        .range(Bound::Exclusive(0.0), Bound::Inclusive(45.0))
        .example("within_min = 10.0")
        .doc("fly-out time allowed, minutes, in (0, 45]")
        .hint(
            "the fly-out time allowed in minutes, above 0 and at most 45 (half an orbit at low \
             altitude), e.g. 10",
        ),
];

/// Read `[asat]`: `Some(None)` when absent, `None` when invalid.
/// `has_sbi`: whether the file has an `[sbi]` table; `constellations`: the
/// names `targets` may use.
pub(crate) fn read_asat(
    ctx: &mut Ctx,
    root: &TableReader<'_>,
    has_sbi: bool,
    constellations: &[&str],
) -> Option<Option<AsatSpec>> {
    let t = match root.table(ctx, "asat", "[asat]", ASAT_KEYS) {
        Field::Given(t) => t.value,
        Field::Absent => return Some(None),
        Field::Invalid => return None,
    };
    if !has_sbi {
        needs_sbi(ctx, &t, "the anti-satellite study");
    }
    let targets = t
        .req_string(ctx, "targets")
        .and_then(|c| resolve_constellation(ctx, c, constellations, "[asat]"));
    let minutes = t.get(ctx, "within_min");
    t.finish(ctx);
    Some(Some(AsatSpec {
        targets: targets?,
        within_s: minutes? * 60.0,
    }))
}
