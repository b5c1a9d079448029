//! `[sbi.interceptor]` and the carrier keys of `[sbi]`: the interceptor
//! (booster and kill vehicle) each key checked on its own, then the carrier
//! checked with [`Carrier::validate`] (the rocket equation, the payload
//! limit), its problem located on the key that causes it.

use cupola_defense::interceptor::{Carrier, Interceptor, InterceptorError};
use cupola_physics::constants::G0;

use super::count_within;
use crate::context::{Ctx, Span};
use crate::key::{KeyDescriptor, KeyKind};
use crate::missile::{non_negative, positive, within};
use crate::problem::ProblemKind;
use crate::reader::TableReader;

/// Keys of `[sbi.interceptor]`.
pub(crate) const INTERCEPTOR_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::new("delta_v_km_s", KeyKind::Other(""))
        .example("delta_v_km_s = 4.0")
        .doc("velocity change the booster gives the kill vehicle, km/s, > 0, default 4"),
    KeyDescriptor::new("stages", KeyKind::Other(""))
        .example("stages = 1")
        .doc("booster stages, each giving an equal share of the Δv, in [1, 4], default 1"),
    KeyDescriptor::new("isp_s", KeyKind::Other(""))
        .example("isp_s = 285.0")
        .doc("booster specific impulse, s, > 0, default 285"),
    KeyDescriptor::new("structure_fraction", KeyKind::Other(""))
        .example("structure_fraction = 0.15")
        .doc("booster structure / (structure + propellant), in [0, 1), default 0.15"),
    KeyDescriptor::new("acceleration_g", KeyKind::Other(""))
        .example("acceleration_g = 10.0")
        .doc("average booster acceleration, in standard g (9.80665 m/s²), > 0, default 10"),
    KeyDescriptor::new("kill_vehicle_dry_mass_kg", KeyKind::Other(""))
        .example("kill_vehicle_dry_mass_kg = 42.0")
        .doc(
            "kill vehicle mass without its divert propellant, kg, > 0, default 42 (59.7 kg \
              loaded with 1 km/s of divert at Isp 290 s: APS 2003's 60 kg class)",
        ),
    KeyDescriptor::new("divert_delta_v_km_s", KeyKind::Other(""))
        .example("divert_delta_v_km_s = 1.0")
        .doc("divert velocity of the kill vehicle for the end game, km/s, ≥ 0, default 1"),
    KeyDescriptor::new("end_game_s", KeyKind::Other(""))
        .example("end_game_s = 10.0")
        .doc("duration of the end game (homing), s, ≥ 0, default 10"),
    KeyDescriptor::new("divert_isp_s", KeyKind::Other(""))
        .example("divert_isp_s = 290.0")
        .doc(
            "specific impulse of the kill vehicle's divert thrusters, s, > 0, default 290 \
              (assumed; 220 hydrazine to 320 storable bipropellant)",
        ),
    KeyDescriptor::new("unpredicted_fraction", KeyKind::Other(""))
        .example("unpredicted_fraction = 0.1")
        .doc(
            "share of the boosting missile's thrust acceleration the fire control cannot predict \
              (thrust dispersion, steering, manoeuvre), which the divert must absorb, in [0, 1], \
              default 0.1 (assumed; 0.03–0.3)",
        ),
];

/// Most booster stages of an interceptor (as
/// [`Interceptor::validate`] allows).
const MAX_STAGES: u64 = 4;

/// The generic space-based interceptor of the open literature, the
/// defaults of `[sbi.interceptor]`: a single-stage 4 km/s booster (Isp
/// 285 s, structure fraction 0.15, 10 g average acceleration) flying a
/// kill vehicle of 60 kg with the propellant for 1 km/s of divert and a
/// 10 s end game — the generic space-based interceptor class of the APS
/// boost-phase study (Barton et al., *Report of the APS Study Group on
/// Boost-Phase Intercept Systems for National Missile Defense*, APS 2003,
/// ch. 10). The 60 kg are split by the rocket equation at a divert Isp of
/// 290 s (assumed, 220–320 s): 42 kg dry, 17.7 kg of propellant. 10% of
/// the missile's thrust acceleration is taken as unpredicted (assumed,
/// 0.03–0.3: a few per cent of thrust dispersion plus the steering an
/// attacker can vary).
pub(crate) fn generic_interceptor() -> Interceptor {
    Interceptor {
        booster_delta_v_m_s: 4_000.0,
        booster_stages: 1,
        booster_isp_s: 285.0,
        structure_fraction: 0.15,
        acceleration_m_s2: 10.0 * G0,
        kill_vehicle_mass_kg: 42.0,
        divert_delta_v_m_s: 1_000.0,
        end_game_s: 10.0,
        divert_isp_s: 290.0,
        unpredicted_fraction: 0.1,
    }
}

/// Read `[sbi.interceptor]` (`r` reads an empty table when it is absent):
/// each key checked on its own; the rocket equation is checked with the
/// carrier.
pub(super) fn read_interceptor(ctx: &mut Ctx, r: &TableReader<'_>) -> Option<Interceptor> {
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
    let kv_in = r.opt_number(ctx, "kill_vehicle_dry_mass_kg", d.kill_vehicle_mass_kg);
    let kv = positive(
        ctx,
        kv_in,
        "kill_vehicle_dry_mass_kg",
        "kg",
        "the mass of the kill vehicle without its divert propellant in kg, e.g. 42",
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
    let isp_div_in = r.opt_number(ctx, "divert_isp_s", d.divert_isp_s);
    let isp_div = positive(
        ctx,
        isp_div_in,
        "divert_isp_s",
        "s",
        "the specific impulse of the kill vehicle's divert thrusters in seconds, e.g. 290",
    );
    let unpredicted_in = r.opt_number(ctx, "unpredicted_fraction", d.unpredicted_fraction);
    let unpredicted = within(
        ctx,
        unpredicted_in,
        "unpredicted_fraction",
        |v| (0.0..=1.0).contains(&v),
        "[0, 1]",
        "",
        "the share of the boosting missile's thrust acceleration the fire control cannot \
         predict, from 0 (a perfectly predicted path) to 1, e.g. 0.1",
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
        divert_isp_s: isp_div?,
        unpredicted_fraction: unpredicted?,
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
pub(super) fn check_carrier(
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
                     `kill_vehicle_dry_mass_kg` or `delta_v_km_s`)",
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
                "kill_vehicle_mass_kg" => (icpt, "kill_vehicle_dry_mass_kg"),
                "divert_delta_v_m_s" => (icpt, "divert_delta_v_km_s"),
                "end_game_s" => (icpt, "end_game_s"),
                "divert_isp_s" => (icpt, "divert_isp_s"),
                "unpredicted_fraction" => (icpt, "unpredicted_fraction"),
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

    /// The generic interceptor is valid and about 570 kg at launch: three
    /// fit the default 2,000 kg carrier, four do not.
    #[test]
    fn generic_interceptor_masses() {
        let i = generic_interceptor();
        assert!(i.validate().is_ok());
        let m = i.mass_kg().expect("reachable");
        assert!((m - 570.0).abs() < 1.0, "{m} kg");
        assert!(3.0 * m < 2_000.0 && 4.0 * m > 2_000.0);
        assert!((i.burn_time_s() - 4_000.0 / (10.0 * G0)).abs() < 1e-12);
    }
}
