//! `[sbi.interceptor]` and the carrier keys of `[sbi]`: the interceptor
//! (booster and kill vehicle) each key checked on its own, then the carrier
//! checked with [`Carrier::validate`] (the rocket equation, the payload
//! limit), its problem located on the key that causes it.

use cupola_defense::interceptor::{Carrier, Interceptor, InterceptorError};
use cupola_physics::constants::G0;

use crate::context::{Ctx, Span};
use crate::key::{Bound, KeyDescriptor};
use crate::problem::ProblemKind;
use crate::reader::TableReader;

/// The source of the generic interceptor's numbers. The values are those
/// cupola has carried as the chapter's; they were not re-checked against
/// the report's text (docs/assumptions.md, "Open items"), and the citation
/// says so.
const APS_2003: &str = "APS 2003 (Barton et al., boost-phase intercept study), ch. 10: the \
     generic space-based interceptor, as cupola carries it (page not re-checked against the \
     report's text)";

/// Keys of `[sbi.interceptor]`; the defaults are the generic interceptor
/// of APS 2003 (checked against `generic_interceptor` in the tests).
pub(crate) const INTERCEPTOR_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::number("delta_v_km_s")
        .unit("km/s")
        .or_number(4.0)
        .positive()
        .rule("reachable (below)")
        .plausible(2.0, 7.0)
        .example("delta_v_km_s = 4.0")
        .doc("velocity change the booster gives the kill vehicle")
        .hint(
            "the velocity change the booster gives the kill vehicle in km/s, e.g. 4 (APS 2003's \
             generic space-based interceptor)",
        )
        .cited(APS_2003)
        .uncertainty(2.0, 6.0, "a lighter, slower SBI to the fastest a two-stage solid reaches at 10 g; the interceptor's mass grows exponentially with it"),
    KeyDescriptor::integer("stages")
        .or_integer(1)
        .closed(1.0, MAX_STAGES as f64)
        .example("stages = 1")
        .doc(
            "booster stages, each giving an equal share of the Δv with the same Isp and structure \
             fraction",
        )
        .hint(
            "the booster's stages, from 1 to 4, each giving an equal share of the Δv with the same \
             Isp and structure fraction; more stages reach a higher Δv",
        )
        .cited(APS_2003)
        .uncertainty(1.0, 2.0, "one stage suffices for 4 km/s at a heavier mass; two stages save mass at the same Δv"),
    KeyDescriptor::number("isp_s")
        .unit("s")
        .or_number(285.0)
        .positive()
        .plausible(200.0, 460.0)
        .example("isp_s = 285.0")
        .doc("booster specific impulse")
        .hint("the booster's specific impulse in seconds, e.g. 285 for a solid motor")
        .cited(APS_2003)
        .uncertainty(250.0, 300.0, "solid-propellant motors, from a tactical motor to a high-energy upper stage"),
    KeyDescriptor::number("structure_fraction")
        .or_number(0.15)
        .range(Bound::Inclusive(0.0), Bound::Exclusive(1.0))
        .plausible(0.05, 0.3)
        .example("structure_fraction = 0.15")
        .doc("booster structure / (structure + propellant)")
        .hint(
            "the booster's structure over structure plus propellant, at least 0 and below 1, \
             e.g. 0.15",
        )
        .cited(APS_2003)
        .uncertainty(0.1, 0.25, "a composite case at the edge of practice to a conventional small motor"),
    KeyDescriptor::number("acceleration_g")
        .unit("g")
        .or_number(10.0)
        .positive()
        .plausible(1.0, 50.0)
        .example("acceleration_g = 10.0")
        .doc(
            "average booster acceleration in standard g (g₀ = 9.80665 m/s²); the burn lasts \
             Δv / a",
        )
        .hint(
            "the booster's average acceleration in standard g (9.80665 m/s²), e.g. 10: the burn \
             lasts Δv / a, which needs a > 0",
        )
        .cited(APS_2003)
        .uncertainty(5.0, 20.0, "a gentler, lighter booster to a faster fly-out with a heavier structure"),
    KeyDescriptor::number("kill_vehicle_dry_mass_kg")
        .unit("kg")
        .or_number(42.0)
        .positive()
        .plausible(5.0, 200.0)
        .example("kill_vehicle_dry_mass_kg = 42.0")
        .doc(
            "kill vehicle mass without its divert propellant (59.7 kg loaded with the default \
             divert: APS 2003's 60 kg class); it replaces `kill_vehicle_mass_kg`, which meant the \
             loaded mass and is now refused as an unknown key so that an old file does not \
             silently gain 42% of kill-vehicle mass",
        )
        .hint("the mass of the kill vehicle without its divert propellant in kg, e.g. 42")
        .cited(
            "APS 2003, ch. 10: a 60 kg kill vehicle, as cupola carries it (page not re-checked \
             against the report's text), split by the rocket equation at the divert Isp",
        )
        .uncertainty(
            30.0,
            60.0,
            "a lighter seeker and divert package to APS 2003's whole 60 kg kill vehicle",
        ),
    KeyDescriptor::number("divert_delta_v_km_s")
        .unit("km/s")
        .or_number(1.0)
        .non_negative()
        .plausible(0.2, 3.0)
        .example("divert_delta_v_km_s = 1.0")
        .doc("divert velocity of the kill vehicle for the end game")
        .hint("the kill vehicle's divert velocity for the end game in km/s, 0 or more, e.g. 1")
        .cited(APS_2003)
        .uncertainty(0.5, 2.0, "a target flying as predicted to one that accelerates and steers through the end game"),
    KeyDescriptor::number("end_game_s")
        .unit("s")
        .or_number(10.0)
        .non_negative()
        .plausible(2.0, 60.0)
        .example("end_game_s = 10.0")
        .doc("duration of the end game (homing)")
        .hint(
            "the duration of the end game (the kill vehicle homing on its own) in seconds, 0 or \
             more, e.g. 10",
        )
        .assumed(
            5.0,
            20.0,
            "no open source measures an SBI's end game (10 s is the figure cupola carries as \
             APS 2003's, ch. 10, not re-checked against the report's text); from a seeker \
             acquiring the bright plume close in to a longer homing against a dim or steering \
             target",
        ),
    KeyDescriptor::number("divert_isp_s")
        .unit("s")
        .or_number(290.0)
        .positive()
        .plausible(200.0, 340.0)
        .example("divert_isp_s = 290.0")
        .doc("specific impulse of the divert thrusters")
        .hint("the specific impulse of the kill vehicle's divert thrusters in seconds, e.g. 290")
        .assumed(220.0, 320.0, "hydrazine to storable bipropellant"),
    KeyDescriptor::number("unpredicted_fraction")
        .or_number(0.1)
        .closed(0.0, 1.0)
        .plausible(0.0, 0.5)
        .example("unpredicted_fraction = 0.1")
        .doc(
            "share of the boosting missile's thrust acceleration the fire control cannot predict \
             (thrust dispersion, steering, manoeuvre)",
        )
        .hint(
            "the share of the boosting missile's thrust acceleration the fire control cannot \
             predict, from 0 (a perfectly predicted path) to 1, e.g. 0.1",
        )
        .assumed(
            0.03,
            0.3,
            "a few per cent of thrust dispersion plus the steering an attacker can vary",
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
/// ch. 10), as cupola carries it: the page was not re-checked against the
/// report's text, and the end game is assumed. The 60 kg are split by the rocket equation at a divert Isp of
/// 290 s (assumed, 220–320 s): 42 kg dry, 17.7 kg of propellant. 10% of
/// the missile's thrust acceleration is taken as unpredicted (assumed,
/// 0.03–0.3: a few per cent of thrust dispersion plus the steering an
/// attacker can vary).
#[cfg(test)]
fn generic_interceptor() -> Interceptor {
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
/// each key checked on its own, absent keys taking their described
/// defaults (the generic interceptor); the rocket equation is checked with
/// the carrier.
pub(super) fn read_interceptor(ctx: &mut Ctx, r: &TableReader<'_>) -> Option<Interceptor> {
    let dv = r.get(ctx, "delta_v_km_s");
    let stages = r.count(ctx, "stages");
    let isp = r.get(ctx, "isp_s");
    let eps = r.get(ctx, "structure_fraction");
    let accel = r.get(ctx, "acceleration_g");
    let kv = r.get(ctx, "kill_vehicle_dry_mass_kg");
    let divert = r.get(ctx, "divert_delta_v_km_s");
    let end_game = r.get(ctx, "end_game_s");
    let isp_div = r.get(ctx, "divert_isp_s");
    let unpredicted = r.get(ctx, "unpredicted_fraction");
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

    /// The described defaults of `[sbi.interceptor]` are the generic
    /// interceptor.
    #[test]
    fn described_defaults_are_the_generic_interceptor() {
        use crate::key::KeyDefault;
        let i = generic_interceptor();
        let d = |key: &str| match INTERCEPTOR_KEYS
            .iter()
            .find(|k| k.name == key)
            .map(|k| k.default)
        {
            Some(KeyDefault::Number(v)) => v,
            #[allow(clippy::cast_precision_loss)]
            Some(KeyDefault::Integer(v)) => v as f64,
            other => panic!("{key}: {other:?}"),
        };
        assert_eq!(d("delta_v_km_s") * 1e3, i.booster_delta_v_m_s);
        assert_eq!(d("stages"), f64::from(i.booster_stages));
        assert_eq!(d("isp_s"), i.booster_isp_s);
        assert_eq!(d("structure_fraction"), i.structure_fraction);
        assert_eq!(d("acceleration_g") * G0, i.acceleration_m_s2);
        assert_eq!(d("kill_vehicle_dry_mass_kg"), i.kill_vehicle_mass_kg);
        assert_eq!(d("divert_delta_v_km_s") * 1e3, i.divert_delta_v_m_s);
        assert_eq!(d("end_game_s"), i.end_game_s);
        assert_eq!(d("divert_isp_s"), i.divert_isp_s);
        assert_eq!(d("unpredicted_fraction"), i.unpredicted_fraction);
    }
}
