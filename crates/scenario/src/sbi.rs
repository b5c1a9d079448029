//! The space-based interceptor layer, `[sbi]` with its `[sbi.interceptor]`
//! and `[sbi.budget]`, and the studies that use it: `[size]` for
//! `cupola size` (in `sbi/size.rs`) and `[asat]` for the layer's
//! anti-satellite reach (in `sbi/asat.rs`). The time budget and its
//! deadline are read in `sbi/budget.rs`.
//!
//! The tables are read into the settings types of
//! [`cupola_analysis::sizing`] and the interceptor and carrier of
//! [`cupola_defense::interceptor`], in SI units; the carrier is checked with
//! [`Carrier::validate`], each of its problems located on the key that
//! causes it.

mod asat;
mod budget;
mod size;

use cupola_analysis::sizing::{Phasing, SbiLayerSpec};
use cupola_defense::interceptor::{Carrier, Interceptor, InterceptorError};
use cupola_physics::constants::G0;
use cupola_physics::orbit::MIN_PERIGEE_ALTITUDE_M;
use toml_edit::{Item, Table, Value};

use crate::context::{Ctx, Span, Spanned, closest, one_of};
use crate::missile::{non_negative, positive, within};
use crate::problem::ProblemKind;
use crate::reader::{Field, KeyDoc, TableReader};

pub(crate) use asat::read_asat;
pub(crate) use budget::check_deadline;
pub(crate) use size::{launch_names, read_size};

/// Keys of `[sbi]`.
pub(crate) const SBI_KEYS: &[KeyDoc] = &[
    KeyDoc {
        name: "altitude_km",
        example: "altitude_km = 500.0",
        doc: "altitude of the circular orbits above the WGS84 equatorial radius, km, in [100, 40000]",
    },
    KeyDoc {
        name: "inclination_deg",
        example: "inclination_deg = 55.0",
        doc: "inclination, degrees, in [0.1, 179.9]; an array of them is searched",
    },
    KeyDoc {
        name: "planes",
        example: "planes = 24",
        doc: "orbital planes, in [1, 10000]; an array of counts is searched",
    },
    KeyDoc {
        name: "phasing",
        example: "phasing = \"walker\"",
        doc: "spread within the planes: \"walker\" (default) or \"random\"",
    },
    KeyDoc {
        name: "interceptors_per_carrier",
        example: "interceptors_per_carrier = 1",
        doc: "interceptors each carrier satellite holds, in [1, 10000], default 1",
    },
    KeyDoc {
        name: "bus_mass_kg",
        example: "bus_mass_kg = 300.0",
        doc: "mass of the carrier bus without interceptors, kg, ≥ 0, default 300",
    },
    KeyDoc {
        name: "max_payload_kg",
        example: "max_payload_kg = 2000.0",
        doc: "largest total mass of interceptors a carrier holds, kg, > 0, default 2000",
    },
    KeyDoc {
        name: "interceptor",
        example: "[sbi.interceptor]",
        doc: "the interceptor: booster and kill vehicle",
    },
    KeyDoc {
        name: "budget",
        example: "[sbi.budget]",
        doc: "the time budget: detection, decision and the deadline",
    },
];

/// Keys of `[sbi.interceptor]`.
pub(crate) const INTERCEPTOR_KEYS: &[KeyDoc] = &[
    KeyDoc {
        name: "delta_v_km_s",
        example: "delta_v_km_s = 4.0",
        doc: "velocity change the booster gives the kill vehicle, km/s, > 0, default 4",
    },
    KeyDoc {
        name: "stages",
        example: "stages = 1",
        doc: "booster stages, each giving an equal share of the Δv, in [1, 4], default 1",
    },
    KeyDoc {
        name: "isp_s",
        example: "isp_s = 285.0",
        doc: "booster specific impulse, s, > 0, default 285",
    },
    KeyDoc {
        name: "structure_fraction",
        example: "structure_fraction = 0.15",
        doc: "booster structure / (structure + propellant), in [0, 1), default 0.15",
    },
    KeyDoc {
        name: "acceleration_g",
        example: "acceleration_g = 10.0",
        doc: "average booster acceleration, in standard g (9.80665 m/s²), > 0, default 10",
    },
    KeyDoc {
        name: "kill_vehicle_mass_kg",
        example: "kill_vehicle_mass_kg = 60.0",
        doc: "kill vehicle mass, kg, > 0, default 60",
    },
    KeyDoc {
        name: "divert_delta_v_km_s",
        example: "divert_delta_v_km_s = 1.0",
        doc: "divert velocity of the kill vehicle for the end game, km/s, ≥ 0, default 1",
    },
    KeyDoc {
        name: "end_game_s",
        example: "end_game_s = 10.0",
        doc: "duration of the end game (homing), s, ≥ 0, default 10",
    },
];

/// Lowest altitude of an SBI orbit, km: the orbit crate's minimum perigee
/// altitude ([`MIN_PERIGEE_ALTITUDE_M`]).
pub(crate) const MIN_ALTITUDE_KM: f64 = MIN_PERIGEE_ALTITUDE_M / 1e3;

/// Highest altitude of an SBI orbit, km.
pub(crate) const MAX_ALTITUDE_KM: f64 = 40_000.0;

/// Allowed SBI inclinations, degrees (0.1 to 179.9: an equatorial or
/// exactly polar-retrograde orbit has no well-defined node to phase from).
pub(crate) const INCLINATION_RANGE_DEG: (f64, f64) = (0.1, 179.9);

/// Most planes of an SBI layer.
const MAX_PLANES: u64 = 10_000;

/// Most interceptors on one carrier.
const MAX_INTERCEPTORS: u64 = 10_000;

/// Most booster stages of an interceptor (as
/// [`Interceptor::validate`] allows).
const MAX_STAGES: u64 = 4;

/// Phasings accepted by `phasing`.
const PHASINGS: [&str; 2] = ["walker", "random"];

/// Help for an SBI orbit altitude.
pub(crate) const ALTITUDE_HELP: &str = "the altitude of the circular orbits in km above the \
     WGS84 equatorial radius, from 100 (the Kármán line; lower orbits decay within days) to \
     40000: a few hundred km is usual for space-based interceptors";

/// Help for an SBI orbit inclination.
pub(crate) const INCLINATION_HELP: &str = "the inclination of the orbits in degrees, from 0.1 \
     to 179.9: it should exceed the launch latitude for the carriers to pass over it";

/// The generic space-based interceptor of the open literature, the
/// defaults of `[sbi.interceptor]`: a single-stage 4 km/s booster (Isp
/// 285 s, structure fraction 0.15, 10 g average acceleration) flying a 60 kg kill vehicle
/// with 1 km/s of divert and a 10 s end game — the generic space-based
/// interceptor class of the APS boost-phase study (Barton et al., *Report
/// of the APS Study Group on Boost-Phase Intercept Systems for National
/// Missile Defense*, APS 2003, ch. 10).
pub(crate) fn generic_interceptor() -> Interceptor {
    Interceptor {
        booster_delta_v_m_s: 4_000.0,
        booster_stages: 1,
        booster_isp_s: 285.0,
        structure_fraction: 0.15,
        acceleration_m_s2: 10.0 * G0,
        kill_vehicle_mass_kg: 60.0,
        divert_delta_v_m_s: 1_000.0,
        end_game_s: 10.0,
    }
}

/// A read `[sbi]` layer, with the span its deadline is reported at when
/// the deadline is checked against the reference launch.
pub(crate) struct SbiRead {
    /// The layer, in SI units.
    pub spec: SbiLayerSpec,
    /// Where `deadline` is written (the `[sbi.budget]` or `[sbi]` header
    /// when it is not).
    pub deadline_span: Span,
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

/// An SBI orbit altitude, km → m.
pub(crate) fn altitude_m(ctx: &mut Ctx, s: Spanned<f64>, key: &str) -> Option<f64> {
    within(
        ctx,
        Some(s),
        key,
        |v| (MIN_ALTITUDE_KM..=MAX_ALTITUDE_KM).contains(&v),
        &format!("[{MIN_ALTITUDE_KM}, {MAX_ALTITUDE_KM}]"),
        "km",
        ALTITUDE_HELP,
    )
    .map(|km| km * 1e3)
}

/// An SBI orbit inclination, degrees → rad.
pub(crate) fn inclination_rad(ctx: &mut Ctx, s: Spanned<f64>, key: &str) -> Option<f64> {
    let (lo, hi) = INCLINATION_RANGE_DEG;
    within(
        ctx,
        Some(s),
        key,
        |v| (lo..=hi).contains(&v),
        &format!("[{lo}, {hi}]"),
        "degrees",
        INCLINATION_HELP,
    )
    .map(f64::to_radians)
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
    let altitude = t
        .req_number(ctx, "altitude_km")
        .and_then(|s| altitude_m(ctx, s, "altitude_km"));
    let inclinations_in = t.numbers(ctx, "inclination_deg", true);
    let inclinations = t
        .require(ctx, "inclination_deg", inclinations_in)
        .and_then(|list| every(list.value, |s| inclination_rad(ctx, s, "inclination_deg")));
    let planes_in = t.integers(ctx, "planes", true);
    let planes = t.require(ctx, "planes", planes_in).and_then(|list| {
        every(list.value, |s| {
            count_within(
                ctx,
                Some(s),
                "planes",
                (1, MAX_PLANES),
                "the number of orbital planes, at least 1; give an array, e.g. \
                     `planes = [12, 24, 36]`, to search several",
            )
        })
    });
    let phasing = read_phasing(ctx, &t);

    // The carrier and its interceptor.
    let empty = Table::new();
    let interceptor_t = match t.table(ctx, "interceptor", "[sbi.interceptor]", INTERCEPTOR_KEYS) {
        Field::Given(r) => Some(r.value),
        Field::Absent => Some(TableReader::new(
            &empty,
            t.span.clone(),
            "[sbi.interceptor]",
            INTERCEPTOR_KEYS,
        )),
        Field::Invalid => None,
    };
    let interceptor = interceptor_t
        .as_ref()
        .and_then(|r| read_interceptor(ctx, r));
    let count = t.unsigned(ctx, "interceptors_per_carrier").or(1, &t.span);
    let interceptors = count_within(
        ctx,
        count,
        "interceptors_per_carrier",
        (1, MAX_INTERCEPTORS),
        "the number of interceptors each carrier satellite holds, at least 1",
    );
    let bus_in = t.opt_number(ctx, "bus_mass_kg", 300.0);
    let bus = non_negative(
        ctx,
        bus_in,
        "bus_mass_kg",
        "kg",
        "the mass of the carrier bus (power, sensors, housing) without its interceptors, in kg, \
         0 or more",
    );
    let payload_in = t.opt_number(ctx, "max_payload_kg", 2_000.0);
    let payload = positive(
        ctx,
        payload_in,
        "max_payload_kg",
        "kg",
        "the largest total mass of interceptors a carrier can hold, in kg",
    );
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
            let r = TableReader::new(&empty, t.span.clone(), "[sbi.budget]", budget::BUDGET_KEYS);
            budget::read_budget(ctx, &r, has_sensors)
        }
        Field::Invalid => None,
    };
    t.finish(ctx);
    let budget = budget?;
    Some(Some(SbiRead {
        spec: SbiLayerSpec {
            carrier: carrier?,
            detection: budget.detection,
            decision_s: budget.decision_s,
            deadline: budget.deadline.value,
            altitude_m: altitude?,
            inclinations_rad: inclinations?,
            planes: planes?,
            phasing: phasing?,
        },
        deadline_span: budget.deadline.span,
    }))
}

/// `phasing`: "walker" (default) or "random".
fn read_phasing(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Phasing> {
    let s = t.string(ctx, "phasing").or("walker".to_owned(), &t.span)?;
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

/// Read `[sbi.interceptor]` (`r` reads an empty table when it is absent):
/// each key checked on its own; the rocket equation is checked with the
/// carrier.
fn read_interceptor(ctx: &mut Ctx, r: &TableReader<'_>) -> Option<Interceptor> {
    let d = generic_interceptor();
    let dv_in = r.opt_number(ctx, "delta_v_km_s", d.booster_delta_v_m_s / 1e3);
    let dv = positive(
        ctx,
        dv_in,
        "delta_v_km_s",
        "km/s",
        "the velocity change the booster gives the kill vehicle in km/s, e.g. 4 (APS 2003's \
         generic space-based interceptor)",
    );
    let stages_in = r
        .unsigned(ctx, "stages")
        .or(u64::from(d.booster_stages), &r.span);
    let stages = count_within(
        ctx,
        stages_in,
        "stages",
        (1, MAX_STAGES),
        "the booster's stages, from 1 to 4, each giving an equal share of the Δv with the same \
         Isp and structure fraction; more stages reach a higher Δv",
    );
    let isp_in = r.opt_number(ctx, "isp_s", d.booster_isp_s);
    let isp = positive(
        ctx,
        isp_in,
        "isp_s",
        "s",
        "the booster's specific impulse in seconds, e.g. 285 for a solid motor",
    );
    let eps_in = r.opt_number(ctx, "structure_fraction", d.structure_fraction);
    let eps = within(
        ctx,
        eps_in,
        "structure_fraction",
        |v| (0.0..1.0).contains(&v),
        "[0, 1)",
        "",
        "the booster's structure over structure plus propellant, at least 0 and below 1, \
         e.g. 0.15",
    );
    let accel_in = r.opt_number(ctx, "acceleration_g", d.acceleration_m_s2 / G0);
    let accel = positive(
        ctx,
        accel_in,
        "acceleration_g",
        "g",
        "the booster's average acceleration in standard g (9.80665 m/s²), e.g. 10: the burn \
         lasts Δv / a, which needs a > 0",
    );
    let kv_in = r.opt_number(ctx, "kill_vehicle_mass_kg", d.kill_vehicle_mass_kg);
    let kv = positive(
        ctx,
        kv_in,
        "kill_vehicle_mass_kg",
        "kg",
        "the mass of the kill vehicle in kg, e.g. 60",
    );
    let divert_in = r.opt_number(ctx, "divert_delta_v_km_s", d.divert_delta_v_m_s / 1e3);
    let divert = non_negative(
        ctx,
        divert_in,
        "divert_delta_v_km_s",
        "km/s",
        "the kill vehicle's divert velocity for the end game in km/s, 0 or more, e.g. 1",
    );
    let end_in = r.opt_number(ctx, "end_game_s", d.end_game_s);
    let end_game = non_negative(
        ctx,
        end_in,
        "end_game_s",
        "s",
        "the duration of the end game (the kill vehicle homing on its own) in seconds, 0 or \
         more, e.g. 10",
    );
    r.finish(ctx);
    Some(Interceptor {
        booster_delta_v_m_s: dv? * 1e3,
        booster_stages: stages?,
        booster_isp_s: isp?,
        structure_fraction: eps?,
        acceleration_m_s2: accel? * G0,
        kill_vehicle_mass_kg: kv?,
        divert_delta_v_m_s: divert? * 1e3,
        end_game_s: end_game?,
    })
}

/// Where the first of `keys` written in `r` is, else `r`'s header.
fn first_written(r: &TableReader<'_>, keys: &[&str]) -> Span {
    keys.iter()
        .find(|k| r.entry(k).is_some())
        .map_or_else(|| r.span.clone(), |k| r.value_span(k))
}

/// Check the carrier with [`Carrier::validate`], reporting its problem on
/// the key that causes it: `sbi` reads `[sbi]`, `icpt` `[sbi.interceptor]`.
fn check_carrier(
    ctx: &mut Ctx,
    carrier: &Carrier,
    sbi: &TableReader<'_>,
    icpt: &TableReader<'_>,
) -> bool {
    let Err(e) = carrier.validate() else {
        return true;
    };
    match e {
        InterceptorError::Unreachable {
            delta_v_m_s,
            isp_s,
            structure_fraction,
            mass_ratio,
            max_fraction,
        } => {
            // The most n stages of structure fraction ε give: n·Isp·g₀·ln(1/ε).
            let n = carrier.interceptor.booster_stages;
            let max_km_s = f64::from(n) * isp_s * G0 * (1.0 / structure_fraction).ln() / 1e3;
            let stages = if n == 1 {
                "a single-stage booster".to_owned()
            } else {
                format!("a {n}-stage booster")
            };
            let more = if u64::from(n) < MAX_STAGES {
                ", add `stages`"
            } else {
                ""
            };
            ctx.report(
                ProblemKind::InvalidValue,
                first_written(icpt, &["delta_v_km_s", "structure_fraction", "isp_s", "stages"]),
                format!(
                    "{stages} with Isp {isp_s} s and structure fraction {structure_fraction} cannot \
                     give {} km/s: each stage needs a mass ratio of {mass_ratio:.2}, which only a \
                     structure fraction below {max_fraction:.3} allows",
                    delta_v_m_s / 1e3
                ),
                format!(
                    "lower `delta_v_km_s` below {max_km_s:.2} km/s, lower `structure_fraction` below \
                     {max_fraction:.3}{more} or raise `isp_s`"
                ),
            )
            .relabel("beyond the rocket equation");
        }
        InterceptorError::Overloaded {
            interceptors,
            each_kg,
            total_kg,
            max_kg,
        } => {
            let fits = (max_kg / each_kg).floor();
            let help = if fits >= 1.0 {
                format!(
                    "carry at most {fits:.0} per carrier, or raise `max_payload_kg` to at least \
                     {:.0} kg",
                    total_kg.ceil()
                )
            } else {
                format!(
                    "one interceptor alone is heavier than the carrier holds: raise \
                     `max_payload_kg` to at least {:.0} kg, or lighten the interceptor (a smaller \
                     `kill_vehicle_mass_kg` or `delta_v_km_s`)",
                    each_kg.ceil()
                )
            };
            ctx.report(
                ProblemKind::InvalidValue,
                first_written(sbi, &["interceptors_per_carrier", "max_payload_kg"]),
                format!(
                    "{interceptors} interceptors of {each_kg:.1} kg each weigh {total_kg:.1} kg, \
                     more than the carrier's `max_payload_kg` of {max_kg} kg"
                ),
                help,
            )
            .relabel("too heavy for the carrier");
        }
        InterceptorError::NotPositive { field, .. }
        | InterceptorError::OutOfRange { field, .. } => {
            // Each key has been checked on its own; stay located anyway.
            let (r, key) = match field {
                "booster_delta_v_m_s" => (icpt, "delta_v_km_s"),
                "booster_stages" => (icpt, "stages"),
                "booster_isp_s" => (icpt, "isp_s"),
                "acceleration_m_s2" => (icpt, "acceleration_g"),
                "kill_vehicle_mass_kg" => (icpt, "kill_vehicle_mass_kg"),
                "divert_delta_v_m_s" => (icpt, "divert_delta_v_km_s"),
                "end_game_s" => (icpt, "end_game_s"),
                "structure_fraction" => (icpt, "structure_fraction"),
                "interceptors" => (sbi, "interceptors_per_carrier"),
                "bus_mass_kg" => (sbi, "bus_mass_kg"),
                _ => (sbi, "max_payload_kg"),
            };
            ctx.report(
                ProblemKind::InvalidValue,
                first_written(r, &[key]),
                format!("`{key}` is invalid: {e}"),
                format!("see `{}`", r.what),
            );
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generic interceptor is valid and about 573 kg at launch: three
    /// fit the default 2,000 kg carrier, four do not.
    #[test]
    fn generic_interceptor_masses() {
        let i = generic_interceptor();
        assert!(i.validate().is_ok());
        let m = i.mass_kg().expect("reachable");
        assert!((m - 573.0).abs() < 1.0, "{m} kg");
        assert!(3.0 * m < 2_000.0 && 4.0 * m > 2_000.0);
        assert!((i.burn_time_s() - 4_000.0 / (10.0 * G0)).abs() < 1e-12);
    }

    /// Every sub-table of `[sbi]` is documented, and every reader key has
    /// a unit suffix or is dimensionless.
    #[test]
    fn keys_are_documented() {
        for key in ["interceptor", "budget"] {
            assert!(SBI_KEYS.iter().any(|k| k.name == key), "{key}");
        }
        for k in SBI_KEYS.iter().chain(INTERCEPTOR_KEYS) {
            assert!(k.example.contains(k.name), "{}", k.name);
        }
    }
}
