//! Space-based interceptors: the kill vehicle, the booster that flies it
//! out, the carrier satellite that holds them, and the masses the rocket
//! equation gives.
//!
//! Generic model at the level of the open literature (APS 2003, ch. 5 and
//! 10; NRC 2012, app. E): a single-stage booster of a given velocity change,
//! specific impulse and structure fraction carries a kill vehicle with its
//! own divert velocity; a carrier satellite holds one or more interceptors.

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
    /// Kill vehicle mass, kg.
    pub kill_vehicle_mass_kg: f64,
    /// Divert velocity of the kill vehicle for the end game, m/s.
    pub divert_delta_v_m_s: f64,
    /// Duration of the end game (homing), s.
    pub end_game_s: f64,
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

    /// Launch mass of the whole interceptor, kg, from the rocket equation
    /// with structure fraction ε: with R the stage mass ratio, each stage
    /// multiplies the mass above it by `R·(1 − ε)/(1 − ε·R)`, so n stages
    /// give `m₀ = m·[R(1 − ε)/(1 − εR)]ⁿ` for a kill vehicle of mass m;
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
        Ok(self.kill_vehicle_mass_kg * growth.powi(self.booster_stages.max(1) as i32))
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
        let m_kv = i.kill_vehicle_mass_kg;
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
        // About 572 kg each: four are 2,288 kg, over the 2,000 kg limit.
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
