//! Space-based interceptors: the kill vehicle, the booster that flies it
//! out, the carrier satellite that holds them, and the masses the rocket
//! equation gives.
//!
//! Generic model at the level of the open literature (APS 2003, ch. 5 and
//! 10; NRC 2012, app. E): a single-stage booster of a given velocity change,
//! specific impulse and structure fraction carries a kill vehicle with its
//! own divert velocity; a carrier satellite holds one or more interceptors.
//!
//! The divert is used: the end game must absorb the part of the boosting
//! missile's motion the fire control could not predict when it fired
//! ([`Interceptor::divert_needed_m_s`]), and the kill vehicle carries the
//! propellant for it ([`Interceptor::kill_vehicle_loaded_mass_kg`]).

use cupola_physics::constants::G0;

/// A space-based interceptor: booster plus kill vehicle.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Interceptor {
    /// Velocity change the booster gives the kill vehicle, m/s.
    pub booster_delta_v_m_s: f64,
    /// Booster stages, ≥ 1, each giving an equal share of the Δv with the
    /// same Isp and structure fraction.
    pub booster_stages: u32,
    /// Booster specific impulse, s.
    pub booster_isp_s: f64,
    /// Booster structure fraction: structure / (structure + propellant),
    /// dimensionless in [0, 1).
    pub structure_fraction: f64,
    /// Average booster acceleration, m/s².
    pub acceleration_m_s2: f64,
    /// Kill vehicle mass without its divert propellant (seeker, structure,
    /// thrusters), kg.
    pub kill_vehicle_mass_kg: f64,
    /// Divert velocity of the kill vehicle for the end game, m/s.
    pub divert_delta_v_m_s: f64,
    /// Duration of the end game (homing), s.
    pub end_game_s: f64,
    /// Specific impulse of the kill vehicle's divert thrusters, s.
    pub divert_isp_s: f64,
    /// Fraction of the boosting missile's thrust acceleration the fire
    /// control cannot predict (thrust dispersion, steering, deliberate
    /// manoeuvre), dimensionless, in [0, 1].
    pub unpredicted_fraction: f64,
}

/// Effective navigation ratio N′ of the kill vehicle's proportional
/// navigation: 3, the usual design value (Zarchan, *Tactical and Strategic
/// Missile Guidance*, 6th ed., AIAA 2012, ch. 2).
pub const NAVIGATION_RATIO: f64 = 3.0;

/// Velocity a proportional-navigation kill vehicle spends against a target
/// manoeuvre, per unit of the target's own velocity change:
/// `N′/(N′ − 1)` (1.5 for N′ = 3). Closed form of Zarchan (ch. 2): against
/// a step manoeuvre n_T held for the flight time t_F the commanded
/// acceleration is `n_c = N′/(N′ − 2)·n_T·[1 − (1 − t/t_F)^(N′−2)]`, whose
/// integral over t_F is `N′/(N′ − 1)·n_T·t_F`.
pub fn pn_divert_factor() -> f64 {
    NAVIGATION_RATIO / (NAVIGATION_RATIO - 1.0)
}

/// A satellite carrying interceptors.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Carrier {
    /// The interceptor it carries.
    pub interceptor: Interceptor,
    /// Interceptors per carrier.
    pub interceptors: u32,
    /// Mass of the carrier bus (power, sensors, housing) without
    /// interceptors, kg.
    pub bus_mass_kg: f64,
    /// Largest total mass of interceptors the bus can hold, kg.
    pub max_payload_kg: f64,
}

/// An impossible interceptor or carrier.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum InterceptorError {
    /// A value that must be positive is not.
    #[error("{field} must be positive and finite, got {value}")]
    NotPositive {
        /// The field.
        field: &'static str,
        /// Its value.
        value: f64,
    },
    /// A value outside its range.
    #[error("{field} must be in {range}, got {value}")]
    OutOfRange {
        /// The field.
        field: &'static str,
        /// Its value.
        value: f64,
        /// The allowed range, as text.
        range: &'static str,
    },
    /// The rocket equation has no solution: the structure alone is too heavy
    /// for the velocity change.
    #[error(
        "a booster of structure fraction {structure_fraction} and Isp {isp_s} s cannot give {delta_v_m_s} m/s: \
         the stage mass ratio {mass_ratio:.2} needs a structure fraction below {max_fraction:.3} (or more stages)"
    )]
    Unreachable {
        /// Requested velocity change, m/s.
        delta_v_m_s: f64,
        /// Specific impulse, s.
        isp_s: f64,
        /// Structure fraction.
        structure_fraction: f64,
        /// Mass ratio the velocity change needs.
        mass_ratio: f64,
        /// Largest structure fraction that could reach it.
        max_fraction: f64,
    },
    /// More interceptors than the carrier can hold.
    #[error(
        "{interceptors} interceptors of {each_kg:.0} kg weigh {total_kg:.0} kg, more than the carrier's {max_kg:.0} kg"
    )]
    Overloaded {
        /// Interceptors per carrier.
        interceptors: u32,
        /// Mass of one, kg.
        each_kg: f64,
        /// Their total, kg.
        total_kg: f64,
        /// The carrier's limit, kg.
        max_kg: f64,
    },
}

fn positive(field: &'static str, value: f64) -> Result<(), InterceptorError> {
    if value > 0.0 && value.is_finite() {
        Ok(())
    } else {
        Err(InterceptorError::NotPositive { field, value })
    }
}

impl Interceptor {
    /// Check every parameter.
    pub fn validate(&self) -> Result<(), InterceptorError> {
        positive("booster_delta_v_m_s", self.booster_delta_v_m_s)?;
        if !(1..=4).contains(&self.booster_stages) {
            return Err(InterceptorError::OutOfRange {
                field: "booster_stages",
                value: f64::from(self.booster_stages),
                range: "1 to 4",
            });
        }
        positive("booster_isp_s", self.booster_isp_s)?;
        positive("acceleration_m_s2", self.acceleration_m_s2)?;
        positive("kill_vehicle_mass_kg", self.kill_vehicle_mass_kg)?;
        if !(self.divert_delta_v_m_s >= 0.0 && self.divert_delta_v_m_s.is_finite()) {
            return Err(InterceptorError::OutOfRange {
                field: "divert_delta_v_m_s",
                value: self.divert_delta_v_m_s,
                range: "[0, ∞)",
            });
        }
        if !(self.end_game_s >= 0.0 && self.end_game_s.is_finite()) {
            return Err(InterceptorError::OutOfRange {
                field: "end_game_s",
                value: self.end_game_s,
                range: "[0, ∞)",
            });
        }
        positive("divert_isp_s", self.divert_isp_s)?;
        if !(0.0..=1.0).contains(&self.unpredicted_fraction) {
            return Err(InterceptorError::OutOfRange {
                field: "unpredicted_fraction",
                value: self.unpredicted_fraction,
                range: "[0, 1]",
            });
        }
        if !(0.0..1.0).contains(&self.structure_fraction) {
            return Err(InterceptorError::OutOfRange {
                field: "structure_fraction",
                value: self.structure_fraction,
                range: "[0, 1)",
            });
        }
        self.mass_kg().map(|_| ())
    }

    /// Mass ratio of each booster stage (ignition over burnout mass),
    /// dimensionless: `exp(Δv / (n·Isp·g₀))` for n stages.
    pub fn mass_ratio(&self) -> f64 {
        (self.booster_delta_v_m_s
            / (f64::from(self.booster_stages.max(1)) * self.booster_isp_s * G0))
            .exp()
    }

    /// Mass of the kill vehicle with its divert propellant, kg: the rocket
    /// equation on the kill vehicle, `m_dry·exp(Δv_divert / (Isp·g₀))`, with
    /// `kill_vehicle_mass_kg` the mass without divert propellant (seeker,
    /// structure, thrusters).
    pub fn kill_vehicle_loaded_mass_kg(&self) -> f64 {
        self.kill_vehicle_mass_kg * (self.divert_delta_v_m_s / (self.divert_isp_s * G0)).exp()
    }

    /// Divert (m/s) the end game needs against a boosting missile whose
    /// thrust changed its velocity by `target_thrust_dv_m_s` (m/s, the
    /// integral of its thrust acceleration's magnitude) between the
    /// interceptor's firing and the kill: the unpredicted share of that
    /// velocity change, in the worst direction (across the line of sight),
    /// times the proportional-navigation cost [`pn_divert_factor`]. For a
    /// constant unpredicted acceleration a_u over a time to go t_go it is
    /// `N′/(N′ − 1)·a_u·t_go`: the Δv form of the `a_u·t_go²/2` position
    /// error the fire control leaves (APS 2003 study, Barton et al., Rev.
    /// Mod. Phys. 76, S1 (2004), the kill-vehicle chapter on divert against
    /// a boosting missile's unpredictable acceleration).
    pub fn divert_needed_m_s(&self, target_thrust_dv_m_s: f64) -> f64 {
        pn_divert_factor() * self.unpredicted_fraction * target_thrust_dv_m_s.max(0.0)
    }

    /// Launch mass of the whole interceptor, kg, from the rocket equation
    /// with structure fraction ε: with R the stage mass ratio, each stage
    /// multiplies the mass above it by `R·(1 − ε)/(1 − ε·R)`, so n stages
    /// give `m₀ = m·[R(1 − ε)/(1 − εR)]ⁿ` for a kill vehicle of mass m
    /// (with its divert propellant, [`Interceptor::kill_vehicle_loaded_mass_kg`]);
    /// impossible when `ε·R ≥ 1`.
    pub fn mass_kg(&self) -> Result<f64, InterceptorError> {
        let r = self.mass_ratio();
        let e = self.structure_fraction;
        if e * r >= 1.0 {
            return Err(InterceptorError::Unreachable {
                delta_v_m_s: self.booster_delta_v_m_s,
                isp_s: self.booster_isp_s,
                structure_fraction: e,
                mass_ratio: r,
                max_fraction: 1.0 / r,
            });
        }
        let growth = r * (1.0 - e) / (1.0 - e * r);
        Ok(self.kill_vehicle_loaded_mass_kg() * growth.powi(self.booster_stages.max(1) as i32))
    }

    /// Booster burn time, s: `Δv / a`.
    pub fn burn_time_s(&self) -> f64 {
        self.booster_delta_v_m_s / self.acceleration_m_s2
    }
}

impl Carrier {
    /// Check the carrier and its interceptor.
    pub fn validate(&self) -> Result<(), InterceptorError> {
        self.interceptor.validate()?;
        if self.interceptors == 0 {
            return Err(InterceptorError::OutOfRange {
                field: "interceptors",
                value: 0.0,
                range: "1 or more",
            });
        }
        if !(self.bus_mass_kg >= 0.0 && self.bus_mass_kg.is_finite()) {
            return Err(InterceptorError::OutOfRange {
                field: "bus_mass_kg",
                value: self.bus_mass_kg,
                range: "[0, ∞)",
            });
        }
        positive("max_payload_kg", self.max_payload_kg)?;
        let each = self.interceptor.mass_kg()?;
        let total = each * f64::from(self.interceptors);
        if total > self.max_payload_kg {
            return Err(InterceptorError::Overloaded {
                interceptors: self.interceptors,
                each_kg: each,
                total_kg: total,
                max_kg: self.max_payload_kg,
            });
        }
        Ok(())
    }

    /// Mass of the loaded carrier in orbit, kg.
    pub fn mass_kg(&self) -> Result<f64, InterceptorError> {
        Ok(self.bus_mass_kg + self.interceptor.mass_kg()? * f64::from(self.interceptors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::sbi;

    /// Rocket equation, closed form: Δv = Isp·g₀·ln R; with no structure the
    /// launch mass is m·R, and with structure fraction ε it is m·R(1−ε)/(1−εR)
    /// (Sutton, *Rocket Propulsion Elements*, §4.1). Checked against the
    /// definition: propellant over structure-plus-propellant equals ε' with
    /// structure = ε/(1−ε) × propellant, and the burnout mass ratio is R.
    #[test]
    fn rocket_equation_masses() {
        let i = sbi();
        let r = i.mass_ratio();
        assert!((i.booster_isp_s * G0 * r.ln() - 4_000.0).abs() < 1e-9);
        let m0 = i.mass_kg().unwrap();
        let m_kv = i.kill_vehicle_loaded_mass_kg();
        // Booster = propellant + structure, structure = ε (propellant + structure).
        let booster = m0 - m_kv;
        let structure = i.structure_fraction * booster;
        let propellant = booster - structure;
        assert!((m0 / (m0 - propellant) - r).abs() < 1e-9, "burnout ratio");
        let no_structure = Interceptor {
            structure_fraction: 0.0,
            ..sbi()
        };
        assert!((no_structure.mass_kg().unwrap() - m_kv * r).abs() < 1e-9);
        // Two stages without structure: the same total mass ratio (the
        // rocket equation is additive in Δv).
        let two = Interceptor {
            booster_stages: 2,
            ..no_structure.clone()
        };
        assert!((two.mass_kg().unwrap() - m_kv * r).abs() < 1e-9);
        // With structure, staging makes a hard Δv possible and lighter.
        let fast = |n| Interceptor {
            booster_delta_v_m_s: 6_000.0,
            booster_stages: n,
            ..sbi()
        };
        assert!(fast(1).mass_kg().is_err());
        assert!(fast(2).mass_kg().unwrap() > fast(3).mass_kg().unwrap());
        assert!((i.burn_time_s() - 40.0).abs() < 1e-12);
    }

    /// The divert counts in the mass (rocket equation on the kill vehicle):
    /// 1 km/s at Isp 290 s multiplies the dry mass by exp(1000/(290·g₀)) =
    /// 1.4214 (closed form); without divert the kill vehicle is its dry mass
    /// and the interceptor lighter by the same factor.
    #[test]
    fn divert_propellant_counts_in_the_mass() {
        let i = sbi();
        let loaded = i.kill_vehicle_loaded_mass_kg();
        assert!(
            (loaded / i.kill_vehicle_mass_kg - 1.4214).abs() < 1e-4,
            "{loaded}"
        );
        let none = Interceptor {
            divert_delta_v_m_s: 0.0,
            ..sbi()
        };
        assert_eq!(
            none.kill_vehicle_loaded_mass_kg(),
            none.kill_vehicle_mass_kg
        );
        let ratio = i.mass_kg().unwrap() / none.mass_kg().unwrap();
        assert!((ratio - loaded / i.kill_vehicle_mass_kg).abs() < 1e-12);
    }

    /// The divert needed against an unpredicted acceleration a_u held over
    /// t_go is N′/(N′ − 1)·a_u·t_go (Zarchan's closed form, N′ = 3): 10% of
    /// a 50 m/s² missile over 100 s is 1.5 × 5 × 100 = 750 m/s; nothing is
    /// needed against a fully predicted missile.
    #[test]
    fn divert_needed_closed_form() {
        let i = sbi();
        assert!((pn_divert_factor() - 1.5).abs() < 1e-15);
        let dv = 50.0 * 100.0;
        assert!((i.divert_needed_m_s(dv) - 750.0).abs() < 1e-9);
        let predicted = Interceptor {
            unpredicted_fraction: 0.0,
            ..sbi()
        };
        assert_eq!(predicted.divert_needed_m_s(dv), 0.0);
        for bad in [
            Interceptor {
                unpredicted_fraction: 1.5,
                ..sbi()
            },
            Interceptor {
                divert_isp_s: 0.0,
                ..sbi()
            },
        ] {
            assert!(bad.validate().is_err(), "{bad:?}");
        }
    }

    /// Impossible designs are errors, not panics or nonsense masses.
    #[test]
    fn bad_interceptors_are_errors() {
        let too_fast = Interceptor {
            booster_delta_v_m_s: 9_000.0,
            ..sbi()
        };
        assert!(matches!(
            too_fast.validate(),
            Err(InterceptorError::Unreachable { .. })
        ));
        for bad in [
            Interceptor {
                booster_delta_v_m_s: 0.0,
                ..sbi()
            },
            Interceptor {
                booster_delta_v_m_s: -1.0,
                ..sbi()
            },
            Interceptor {
                acceleration_m_s2: 0.0,
                ..sbi()
            },
            Interceptor {
                booster_isp_s: f64::NAN,
                ..sbi()
            },
            Interceptor {
                end_game_s: -1.0,
                ..sbi()
            },
            Interceptor {
                structure_fraction: 1.0,
                ..sbi()
            },
        ] {
            assert!(bad.validate().is_err(), "{bad:?}");
        }
        let c = Carrier {
            interceptor: sbi(),
            interceptors: 4,
            bus_mass_kg: 300.0,
            max_payload_kg: 2_000.0,
        };
        let each = sbi().mass_kg().unwrap();
        // About 570 kg each: four are 2,280 kg, over the 2,000 kg limit.
        match c.validate() {
            Err(InterceptorError::Overloaded { total_kg, .. }) => {
                assert!((total_kg - 4.0 * each).abs() < 1e-9)
            }
            other => panic!("expected an overload, got {other:?}"),
        }
        let three = Carrier {
            interceptors: 3,
            ..c.clone()
        };
        assert!(three.validate().is_ok());
        let heavy = Carrier {
            interceptors: 100,
            ..c.clone()
        };
        assert!(matches!(
            heavy.validate(),
            Err(InterceptorError::Overloaded { .. })
        ));
        assert!((three.mass_kg().unwrap() - (300.0 + 3.0 * each)).abs() < 1e-9);
    }
}
