//! The space-based interceptor layer, `[sbi]` with its `[sbi.interceptor]`
//! and `[sbi.budget]`, and the studies that use it: `[size]` for
//! `cupola size` (in `sbi/size.rs`) and `[asat]` for the layer's
//! anti-satellite reach (in `sbi/asat.rs`). The interceptor and its
//! carrier are read in `sbi/carrier.rs`, the time budget and its deadline
//! in `sbi/budget.rs`.
//!
//! The tables are read into the settings types of
//! [`cupola_analysis::sizing`] and the interceptor and carrier of
//! [`cupola_defense::interceptor`], in SI units; the carrier is checked with
//! [`Carrier::validate`](cupola_defense::interceptor::Carrier::validate),
//! each of its problems located on the key that causes it.

pub(crate) mod asat;
pub(crate) mod budget;
pub(crate) mod carrier;
pub(crate) mod shell;
pub(crate) mod size;

use cupola_analysis::sizing::{Phasing, SbiLayerSpec};
use cupola_defense::interceptor::Carrier;
use cupola_physics::orbit::MIN_PERIGEE_ALTITUDE_M;
use toml_edit::{Item, Table, Value};

use crate::context::{Ctx, Span, Spanned, closest, one_of};
use crate::key::{KeyDescriptor, KeyKind};
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};
use carrier::{INTERCEPTOR_KEYS, check_carrier, read_interceptor};

pub(crate) use asat::read_asat;
pub(crate) use size::{MAX_SALVO, SALVO_HELP, launch_names, read_size, resolve_launch};

/// Keys of `[sbi]`.
pub(crate) const SBI_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::number("altitude_km")
        .unit("km")
        .closed(MIN_ALTITUDE_KM, MAX_ALTITUDE_KM)
        .plausible(200.0, 1_500.0)
        .example("altitude_km = 500.0")
        .doc("altitude of the circular orbits above the WGS84 equatorial radius, km, in [100, 40000]")
        .more("100 km is the orbit crate's lowest perigee")
        .hint(ALTITUDE_HELP),
    KeyDescriptor::new("inclination_deg", KeyKind::Numbers)
        .unit("degrees")
        .closed(INCLINATION_RANGE_DEG.0, INCLINATION_RANGE_DEG.1)
        .example("inclination_deg = 55.0")
        .doc("inclination, degrees, in [0.1, 179.9]; an array of them is searched")
        .hint(INCLINATION_HELP),
    KeyDescriptor::new("planes", KeyKind::Integers)
        .closed(1.0, 10_000.0)
        .example("planes = 24")
        .doc("orbital planes, in [1, 10000]; an array of counts is searched")
        .more(
            "when none of them meets the requirement at an inclination because of plane gaps, \
             the plane count is searched upward from the largest (doubling, then bisection, up \
             to 1,024 planes) and every count found to meet it is reported as a searched family",
        )
        .hint(
            "the number of orbital planes, at least 1; give an array, e.g. \
             `planes = [12, 24, 36]`, to search several",
        ),
    KeyDescriptor::text("phasing")
        .or_text("walker")
        .rule("`\"walker\"`, `\"random\"`")
        .example("phasing = \"walker\"")
        .doc(
            "spread within the planes: Walker delta (phasing factor 1), or each plane offset at \
             random from the scenario seed",
        )
        .setting(),
    KeyDescriptor::integer("interceptors_per_carrier")
        .or_integer(1)
        .closed(1.0, 10_000.0)
        .rule("total mass ≤ `max_payload_kg`")
        .example("interceptors_per_carrier = 1")
        .doc("interceptors each carrier holds")
        .hint("the number of interceptors each carrier satellite holds, at least 1")
        .setting(),
    KeyDescriptor::number("bus_mass_kg")
        .unit("kg")
        .or_number(300.0)
        .non_negative()
        .plausible(0.0, 2_000.0)
        .example("bus_mass_kg = 300.0")
        .doc("carrier bus (power, sensors, housing) without interceptors")
        .hint(
            "the mass of the carrier bus (power, sensors, housing) without its interceptors, in \
             kg, 0 or more",
        )
        .assumed(
            100.0,
            1_000.0,
            "no SBI carrier is public; a small-satellite bus for one interceptor (100 kg) to a \
             large one for several (1 t)",
        ),
    KeyDescriptor::number("max_payload_kg")
        .unit("kg")
        .or_number(2_000.0)
        .positive()
        .plausible(100.0, 20_000.0)
        .example("max_payload_kg = 2000.0")
        .doc("largest total interceptor mass a carrier holds")
        .hint("the largest total mass of interceptors a carrier can hold, in kg")
        .assumed(
            500.0,
            5_000.0,
            "no SBI carrier is public; a small bus to a heavy carrier filling a large share of a \
             launch",
        ),
    KeyDescriptor::tables("shell")
        .optional()
        .example("[[sbi.shell]]")
        .doc(
            "two to four shells of one constellation sized together, beside the single shells \
             of `inclination_deg` and `planes`",
        ),
    KeyDescriptor::table("interceptor")
        .optional()
        .example("[sbi.interceptor]")
        .doc("the interceptor: booster and kill vehicle"),
    KeyDescriptor::table("budget")
        .optional()
        .example("[sbi.budget]")
        .doc("the time budget: detection, decision and the deadline"),
];

/// Lowest altitude of an SBI orbit, km: the orbit crate's minimum perigee
/// altitude ([`MIN_PERIGEE_ALTITUDE_M`]).
pub(crate) const MIN_ALTITUDE_KM: f64 = MIN_PERIGEE_ALTITUDE_M / 1e3;

/// Highest altitude of an SBI orbit, km.
pub(crate) const MAX_ALTITUDE_KM: f64 = 40_000.0;

/// Allowed SBI inclinations, degrees (0.1 to 179.9: an equatorial or
/// exactly polar-retrograde orbit has no well-defined node to phase from);
/// the reach table accepts the same range.
pub(crate) const INCLINATION_RANGE_DEG: (f64, f64) = (
    cupola_defense::reach::MIN_OFF_EQUATOR_DEG,
    180.0 - cupola_defense::reach::MIN_OFF_EQUATOR_DEG,
);

/// Phasings accepted by `phasing`.
const PHASINGS: [&str; 2] = ["walker", "random"];

/// Help for an SBI orbit altitude.
pub(crate) const ALTITUDE_HELP: &str = "the altitude of the circular orbits in km above the \
     WGS84 equatorial radius, from 100 (the Kármán line; lower orbits decay within days) to \
     40000: a few hundred km is usual for space-based interceptors";

/// Help for an SBI orbit inclination.
pub(crate) const INCLINATION_HELP: &str = "the inclination of the orbits in degrees, from 0.1 \
     to 179.9: it should exceed the launch latitude for the carriers to pass over it";

/// A read `[sbi]` layer, with the span its deadline is reported at when
/// the deadline is checked against the reference launch.
pub(crate) struct SbiRead {
    /// The layer, in SI units.
    pub spec: SbiLayerSpec,
    /// Where `deadline` is written (the `[sbi.budget]` or `[sbi]` header
    /// when it is not).
    pub deadline_span: Span,
    /// Where `detection = "sensors"` is written, when it is.
    pub detection_span: Option<Span>,
}

/// Whether the file writes a non-empty `key` (a table or array of tables).
pub(crate) fn declares(root: &TableReader<'_>, key: &str) -> bool {
    match root.entry(key).map(|(_, item)| item) {
        Some(Item::ArrayOfTables(a)) => !a.is_empty(),
        Some(Item::Value(Value::Array(a))) => !a.is_empty(),
        Some(_) => true,
        None => false,
    }
}

/// Report that the study table `t` (`[size]`, `[asat]`) needs `[sbi]`,
/// which the file does not have.
pub(crate) fn needs_sbi(ctx: &mut Ctx, t: &TableReader<'_>, study: &str) {
    ctx.report(
        ProblemKind::MissingKey,
        t.span.clone(),
        format!(
            "{} needs an [sbi] table: {study} uses the space-based interceptor layer it describes",
            t.what
        ),
        "add the layer, e.g.\n[sbi]\naltitude_km = 500.0\ninclination_deg = 55.0\nplanes = 24",
    )
    .relabel("needs [sbi]");
}

/// Check that an integer lies in `[lo, hi]`.
pub(crate) fn count_within(
    ctx: &mut Ctx,
    s: Option<Spanned<u64>>,
    key: &str,
    (lo, hi): (u64, u64),
    help: &str,
) -> Option<u32> {
    let s = s?;
    if (lo..=hi).contains(&s.value) {
        return u32::try_from(s.value).ok();
    }
    ctx.report(
        ProblemKind::InvalidValue,
        s.span,
        format!("`{key}` must be in [{lo}, {hi}], got {}", s.value),
        help,
    )
    .relabel(format!("outside [{lo}, {hi}]"));
    None
}

/// Apply `check` to every element, reporting each problem; `None` when any
/// failed.
pub(crate) fn every<T, U>(items: Vec<T>, check: impl FnMut(T) -> Option<U>) -> Option<Vec<U>> {
    let checked: Vec<Option<U>> = items.into_iter().map(check).collect();
    checked.into_iter().collect()
}

/// Read `[sbi]`: `Some(None)` when absent, `None` when invalid.
/// `has_sensors`: whether the scenario declares a `[[sensor]]`, which
/// `detection = "sensors"` needs.
pub(crate) fn read_sbi(
    ctx: &mut Ctx,
    root: &TableReader<'_>,
    has_sensors: bool,
) -> Option<Option<SbiRead>> {
    let t = match root.table(ctx, "sbi", "[sbi]", SBI_KEYS) {
        Field::Given(t) => t.value,
        Field::Absent => return Some(None),
        Field::Invalid => return None,
    };
    let altitude = t.get(ctx, "altitude_km").map(|km| km * 1e3);
    let inclinations = t
        .num_list(ctx, "inclination_deg")
        .given()
        .map(|l| l.value.into_iter().map(f64::to_radians).collect());
    let planes = t.count_list(ctx, "planes").given().map(|l| l.value);
    let phasing = read_phasing(ctx, &t);
    let shells = shell::read_shells(ctx, &t, altitude);

    // The carrier and its interceptor.
    let empty = Table::new();
    let interceptor_t = match t.table(ctx, "interceptor", "[sbi.interceptor]", INTERCEPTOR_KEYS) {
        Field::Given(r) => Some(r.value),
        Field::Absent => {
            Some(t.absent_child(&empty, "interceptor", "[sbi.interceptor]", INTERCEPTOR_KEYS))
        }
        Field::Invalid => None,
    };
    let interceptor = interceptor_t
        .as_ref()
        .and_then(|r| read_interceptor(ctx, r));
    let interceptors = t.count(ctx, "interceptors_per_carrier");
    let bus = t.get(ctx, "bus_mass_kg");
    let payload = t.get(ctx, "max_payload_kg");
    let carrier = match (interceptor, interceptors, bus, payload, &interceptor_t) {
        (
            Some(interceptor),
            Some(interceptors),
            Some(bus_mass_kg),
            Some(max_payload_kg),
            Some(r),
        ) => {
            let carrier = Carrier {
                interceptor,
                interceptors,
                bus_mass_kg,
                max_payload_kg,
            };
            check_carrier(ctx, &carrier, &t, r).then_some(carrier)
        }
        _ => None,
    };

    // The time budget.
    let budget = match t.table(ctx, "budget", "[sbi.budget]", budget::BUDGET_KEYS) {
        Field::Given(r) => budget::read_budget(ctx, &r.value, has_sensors),
        Field::Absent => {
            let r = t.absent_child(&empty, "budget", "[sbi.budget]", budget::BUDGET_KEYS);
            budget::read_budget(ctx, &r, has_sensors)
        }
        Field::Invalid => None,
    };
    t.finish(ctx);
    let budget = budget?;
    Some(Some(SbiRead {
        spec: SbiLayerSpec {
            carrier: carrier?,
            detection: budget.detection.0,
            decision_s: budget.decision_s,
            deadline: budget.deadline.value,
            altitude_m: altitude?,
            inclinations_rad: inclinations?,
            planes: planes?,
            phasing: phasing?,
            shells: shells?,
        },
        deadline_span: budget.deadline.span,
        detection_span: budget.detection.1,
    }))
}

/// `phasing`: "walker" (default) or "random".
fn read_phasing(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Phasing> {
    let s = t.text(ctx, "phasing").given()?;
    match s.value.as_str() {
        "walker" => Some(Phasing::Walker),
        "random" => Some(Phasing::Random),
        other => {
            let help = match closest(other, PHASINGS) {
                Some(best) => format!(
                    "did you mean \"{best}\"? The phasings are {}",
                    one_of(&PHASINGS)
                ),
                None => format!(
                    "the phasings are {}: a Walker delta pattern (phasing factor 1), or each \
                     plane offset at random from the scenario seed",
                    one_of(&PHASINGS)
                ),
            };
            ctx.report(
                ProblemKind::InvalidValue,
                s.span,
                format!("unknown SBI phasing \"{other}\""),
                help,
            )
            .relabel("unknown phasing");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every sub-table of `[sbi]` is documented, and every key's example
    /// writes it.
    #[test]
    fn keys_are_documented() {
        for key in ["interceptor", "budget", "shell"] {
            assert!(SBI_KEYS.iter().any(|k| k.name == key), "{key}");
        }
        for k in SBI_KEYS.iter().chain(INTERCEPTOR_KEYS) {
            assert!(k.example.contains(k.name), "{}", k.name);
        }
    }
}
