//! `[[sbi.shell]]`: the shells of one SBI constellation sized together
//! (two to four, each with its own inclination, plane count and altitude);
//! the sizing study then reports, beside each single shell of `[sbi]`, the
//! fewest carriers of all the shells at once.

use cupola_analysis::sizing::ShellSpec;
use cupola_analysis::sizing::joint::MAX_SHELLS;

use crate::context::Ctx;
use crate::key::KeyDescriptor;
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};
use crate::sbi::{
    ALTITUDE_HELP, INCLINATION_HELP, INCLINATION_RANGE_DEG, MAX_ALTITUDE_KM, MIN_ALTITUDE_KM,
};

/// Keys of an `[[sbi.shell]]` table.
pub(crate) const SHELL_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::number("inclination_deg")
        .unit("degrees")
        .closed(INCLINATION_RANGE_DEG.0, INCLINATION_RANGE_DEG.1)
        .example("inclination_deg = 65.0")
        .doc("the shell's inclination, degrees, in [0.1, 179.9]")
        .hint(INCLINATION_HELP),
    KeyDescriptor::integer("planes")
        .closed(1.0, 10_000.0)
        .example("planes = 48")
        .doc("the shell's orbital planes, in [1, 10000]")
        .hint("the number of orbital planes of the shell, at least 1"),
    KeyDescriptor::number("altitude_km")
        .unit("km")
        .optional()
        .shown_default("the `[sbi]` `altitude_km`")
        .closed(MIN_ALTITUDE_KM, MAX_ALTITUDE_KM)
        .plausible(200.0, 1_500.0)
        .example("altitude_km = 500.0")
        .doc("the shell's altitude above the WGS84 equatorial radius, km, in [100, 40000]")
        .hint(ALTITUDE_HELP),
];

/// Read `[[sbi.shell]]` of the `[sbi]` table `t` whose altitude is
/// `altitude_m` (m; the default of a shell's): `Some(empty)` when there
/// are none, `None` when one is invalid or there are not two to
/// [`MAX_SHELLS`].
pub(crate) fn read_shells(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    altitude_m: Option<f64>,
) -> Option<Vec<ShellSpec>> {
    let list = match t.tables(
        ctx,
        "shell",
        |i| format!("[[sbi.shell]] #{}", i + 1),
        SHELL_KEYS,
    ) {
        Field::Given(list) => list.value,
        Field::Absent => return Some(Vec::new()),
        Field::Invalid => return None,
    };
    if !(2..=MAX_SHELLS).contains(&list.len()) {
        ctx.report(
            ProblemKind::InvalidValue,
            t.key_span("shell"),
            format!(
                "[[sbi.shell]] must list 2 to {MAX_SHELLS} shells sized together, got {}",
                list.len()
            ),
            "give two to four shells (each with inclination_deg and planes) to size one \
             constellation of them all; a single shell is [sbi]'s own inclination_deg and planes",
        )
        .relabel(format!("not 2 to {MAX_SHELLS} shells"));
        return None;
    }
    let mut shells = Vec::new();
    for r in list {
        let inclination = r.get(ctx, "inclination_deg");
        let planes = r.count(ctx, "planes");
        let altitude = match r.num(ctx, "altitude_km") {
            Field::Given(km) => Some(km.value * 1e3),
            Field::Absent => altitude_m,
            Field::Invalid => None,
        };
        r.finish(ctx);
        shells.push((|| {
            Some(ShellSpec {
                altitude_m: altitude?,
                inclination_rad: inclination?.to_radians(),
                planes: planes?,
            })
        })());
    }
    shells.into_iter().collect()
}
