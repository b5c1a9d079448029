//! Multi-stage missile models: stages, payload, drag and steering constants.

use cupola_physics::constants::G0;

/// One rocket stage with constant thrust over its burn.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Stage {
    /// Gross mass at ignition (structure plus propellant), kg.
    pub gross_mass_kg: f64,
    /// Propellant mass, kg.
    pub propellant_mass_kg: f64,
    /// Vacuum specific impulse, s.
    pub isp_vac_s: f64,
    /// Burn time, s.
    pub burn_time_s: f64,
    /// Nozzle exit area, m²: thrust is reduced by ambient pressure × this
    /// area inside the atmosphere (zero ignores the back-pressure loss).
    pub nozzle_exit_area_m2: f64,
}

impl Stage {
    /// Propellant mass flow, kg/s.
    pub fn mass_flow(&self) -> f64 {
        self.propellant_mass_kg / self.burn_time_s
    }

    /// Vacuum thrust, N.
    pub fn vacuum_thrust(&self) -> f64 {
        self.mass_flow() * self.isp_vac_s * G0
    }

    /// Structural (burnt-out) mass, kg.
    pub fn dry_mass(&self) -> f64 {
        self.gross_mass_kg - self.propellant_mass_kg
    }
}

/// A re-entry vehicle, described by its mass and ballistic coefficient.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReentryVehicle {
    /// Mass, kg.
    pub mass_kg: f64,
    /// Ballistic coefficient β = m / (C_D·A), kg/m².
    pub ballistic_coefficient_kg_m2: f64,
}

/// A multi-stage ballistic missile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Missile {
    /// Short identifier, e.g. `solid-icbm`.
    pub name: String,
    /// One-line description.
    pub description: String,
    /// Open-literature sources of the parameters.
    pub sources: Vec<String>,
    /// Stages, first to last.
    pub stages: Vec<Stage>,
    /// Payload (post-boost bus, re-entry vehicles, shroud) carried through
    /// the boost, kg.
    pub payload_mass_kg: f64,
    /// Body diameter for the drag reference area, m.
    pub diameter_m: f64,
    /// Multiplier on the generic drag-coefficient curve, dimensionless.
    pub drag_factor: f64,
    /// Duration of the vertical rise after lift-off, s; the pitch-over
    /// follows it.
    pub vertical_rise_s: f64,
    /// Time the post-boost bus spends releasing re-entry vehicles after the
    /// boost ends, s (zero for a single-warhead missile without a bus).
    pub bus_deploy_s: f64,
    /// The re-entry vehicle whose flight is followed to impact.
    pub rv: ReentryVehicle,
    /// Number of re-entry vehicles carried.
    pub rv_count: u32,
}

/// A physically impossible missile parameter.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum MissileError {
    /// A missile needs at least one stage.
    #[error("missile `{0}` has no stages")]
    NoStages(String),
    /// A value that must be positive is not.
    #[error("{field} must be positive and finite, got {value}")]
    NotPositive {
        /// The offending field, e.g. `stage 2 burn_time_s`.
        field: String,
        /// Its value.
        value: f64,
    },
    /// A value outside its plausible range (see [`Plausible`]).
    #[error("{field} must be in [{lo}, {hi}], got {value}")]
    Implausible {
        /// The offending field.
        field: String,
        /// Its value.
        value: f64,
        /// Smallest value accepted.
        lo: f64,
        /// Largest value accepted.
        hi: f64,
    },
    /// A stage accelerates harder than any missile flown.
    #[error(
        "stage {stage}: thrust-to-weight ratio at ignition is {thrust_to_weight:.1}, above the {MAX_IGNITION_THRUST_TO_WEIGHT} of the most violent missile flown"
    )]
    TooViolent {
        /// Stage number, from 1.
        stage: usize,
        /// Vacuum thrust over weight at its ignition, dimensionless.
        thrust_to_weight: f64,
    },
    /// The propellant of a stage is not lighter than the stage.
    #[error(
        "stage {stage}: propellant ({propellant_kg} kg) must be lighter than the stage's gross mass ({gross_kg} kg)"
    )]
    PropellantHeavierThanStage {
        /// Stage number, from 1.
        stage: usize,
        /// Propellant mass, kg.
        propellant_kg: f64,
        /// Gross mass, kg.
        gross_kg: f64,
    },
    /// The first stage cannot lift the missile.
    #[error(
        "thrust-to-weight ratio at lift-off is {0:.2}; it must exceed 1 for the missile to rise"
    )]
    CannotLiftOff(f64),
}

/// A closed range `[lo, hi]` of plausible values of one missile parameter,
/// in the parameter's unit, with why it stops there. A value outside it is
/// refused: far beyond any rocket built, the flight integration loses its
/// meaning (Mach numbers overflow to NaN, step sizes underflow) before it
/// loses its accuracy.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plausible {
    /// Smallest value accepted.
    pub lo: f64,
    /// Largest value accepted.
    pub hi: f64,
    /// Why the range stops there (the basis of both ends).
    pub basis: &'static str,
}

impl Plausible {
    /// Whether `v` lies in the range (never for NaN).
    pub fn contains(&self, v: f64) -> bool {
        v >= self.lo && v <= self.hi
    }
}

/// Stage gross mass at ignition, kg.
pub const GROSS_MASS_KG: Plausible = Plausible {
    lo: 1.0,
    hi: 3.0e6,
    basis: "the heaviest stage flown, Saturn V's S-IC, weighed about 2.3 million kg at \
            ignition; assumed bounds 1 kg (below any rocket stage) to 3,000 t",
};
/// Stage vacuum specific impulse, s.
pub const ISP_VAC_S: Plausible = Plausible {
    lo: 100.0,
    hi: 500.0,
    basis: "chemical rockets: solids about 250-300 s, storable liquids 300-340 s, the best \
            hydrogen-oxygen engines about 465 s (Sutton, Rocket Propulsion Elements); assumed \
            bounds 100 s (below any rocket motor in vacuum) to 500 s",
};
/// Stage burn time, s.
pub const BURN_TIME_S: Plausible = Plausible {
    lo: 1.0,
    hi: 1_000.0,
    basis: "ICBM stages burn about 50-200 s (APS 2003), long upper stages under \
            1,000 s; assumed bounds 1-1000 s (a burn under a second is an explosion, not a boost)",
};
/// Nozzle exit area of a stage, m².
pub const NOZZLE_EXIT_AREA_M2: Plausible = Plausible {
    lo: 0.0,
    hi: 100.0,
    basis: "the five F-1 nozzles of Saturn V's first stage had about 50 m² of exit area \
            together; assumed upper bound 100 m², 0 ignores the back-pressure loss",
};
/// Payload carried through the boost, kg.
pub const PAYLOAD_MASS_KG: Plausible = Plausible {
    lo: 1.0,
    hi: 1.0e6,
    basis: "ICBM payloads are about 500-9,000 kg (APS 2003); assumed bounds \
            1 kg to 1,000 t",
};
/// Body diameter, m.
pub const DIAMETER_M: Plausible = Plausible {
    lo: 0.05,
    hi: 15.0,
    basis: "ballistic missiles are about 0.5-3 m across and the widest rockets flown about \
            10 m (Saturn V); assumed bounds 0.05-15 m",
};
/// Multiplier on the generic drag curve, dimensionless.
pub const DRAG_FACTOR: Plausible = Plausible {
    lo: 0.0,
    hi: 5.0,
    basis: "1 for the solid-missile curve, about 1.3 for blunter liquid missiles (see \
            drag_coefficient); assumed upper bound 5, 0 turns drag off",
};
/// Vertical rise before the pitch-over, s.
pub const VERTICAL_RISE_S: Plausible = Plausible {
    lo: 0.1,
    hi: 60.0,
    basis: "missiles pitch over a few seconds to about 15 s after lift-off; assumed bounds \
            0.1-60 s",
};
/// Post-boost bus deployment time, s.
pub const BUS_DEPLOY_S: Plausible = Plausible {
    lo: 0.0,
    hi: 3_600.0,
    basis: "post-boost vehicles release their re-entry vehicles over a few hundred seconds \
            (APS 2003); assumed upper bound one hour",
};
/// Re-entry vehicle mass, kg.
pub const RV_MASS_KG: Plausible = Plausible {
    lo: 1.0,
    hi: 20_000.0,
    basis: "re-entry vehicles weigh about 100-4,000 kg; assumed bounds 1-20,000 kg",
};
/// Re-entry vehicle ballistic coefficient, kg/m².
pub const BALLISTIC_COEFFICIENT_KG_M2: Plausible = Plausible {
    lo: 50.0,
    hi: 100_000.0,
    basis: "modern re-entry vehicles are about 5,000-25,000 kg/m², light decoys a few \
            hundred; assumed bounds 50-100,000 kg/m²",
};
/// Largest vacuum thrust-to-weight ratio of a stage at its ignition,
/// dimensionless: the Sprint interceptor's roughly 100 g is the highest
/// acceleration of any missile flown (Bell Laboratories, *ABM Research and
/// Development at Bell Laboratories, Project History*, 1975); assumed
/// bound.
pub const MAX_IGNITION_THRUST_TO_WEIGHT: f64 = 100.0;

fn plausible(field: String, value: f64, range: Plausible) -> Result<(), MissileError> {
    if range.contains(value) {
        Ok(())
    } else {
        Err(MissileError::Implausible {
            field,
            value,
            lo: range.lo,
            hi: range.hi,
        })
    }
}

impl Missile {
    /// Check every parameter for physical sense.
    pub fn validate(&self) -> Result<(), MissileError> {
        if self.stages.is_empty() {
            return Err(MissileError::NoStages(self.name.clone()));
        }
        for (i, s) in self.stages.iter().enumerate() {
            let n = i + 1;
            plausible(
                format!("stage {n} gross_mass_kg"),
                s.gross_mass_kg,
                GROSS_MASS_KG,
            )?;
            if s.propellant_mass_kg.is_nan() || s.propellant_mass_kg <= 0.0 {
                return Err(MissileError::NotPositive {
                    field: format!("stage {n} propellant_mass_kg"),
                    value: s.propellant_mass_kg,
                });
            }
            plausible(format!("stage {n} isp_vac_s"), s.isp_vac_s, ISP_VAC_S)?;
            plausible(format!("stage {n} burn_time_s"), s.burn_time_s, BURN_TIME_S)?;
            plausible(
                format!("stage {n} nozzle_exit_area_m2"),
                s.nozzle_exit_area_m2,
                NOZZLE_EXIT_AREA_M2,
            )?;
            if s.propellant_mass_kg >= s.gross_mass_kg {
                return Err(MissileError::PropellantHeavierThanStage {
                    stage: n,
                    propellant_kg: s.propellant_mass_kg,
                    gross_kg: s.gross_mass_kg,
                });
            }
        }
        plausible(
            "payload_mass_kg".into(),
            self.payload_mass_kg,
            PAYLOAD_MASS_KG,
        )?;
        plausible("diameter_m".into(), self.diameter_m, DIAMETER_M)?;
        plausible("drag_factor".into(), self.drag_factor, DRAG_FACTOR)?;
        plausible(
            "vertical_rise_s".into(),
            self.vertical_rise_s,
            VERTICAL_RISE_S,
        )?;
        plausible("bus_deploy_s".into(), self.bus_deploy_s, BUS_DEPLOY_S)?;
        plausible("rv mass_kg".into(), self.rv.mass_kg, RV_MASS_KG)?;
        plausible(
            "rv ballistic_coefficient_kg_m2".into(),
            self.rv.ballistic_coefficient_kg_m2,
            BALLISTIC_COEFFICIENT_KG_M2,
        )?;
        for k in 0..self.stages.len() {
            let tw = self.ignition_thrust_to_weight(k);
            if tw > MAX_IGNITION_THRUST_TO_WEIGHT {
                return Err(MissileError::TooViolent {
                    stage: k + 1,
                    thrust_to_weight: tw,
                });
            }
        }
        let tw = self.liftoff_thrust_to_weight();
        if tw <= 1.0 {
            return Err(MissileError::CannotLiftOff(tw));
        }
        Ok(())
    }

    /// Lift-off mass, kg.
    pub fn liftoff_mass(&self) -> f64 {
        self.payload_mass_kg + self.stages.iter().map(|s| s.gross_mass_kg).sum::<f64>()
    }

    /// Vacuum thrust-to-weight ratio at lift-off, dimensionless.
    pub fn liftoff_thrust_to_weight(&self) -> f64 {
        match self.stages.first() {
            Some(s) => s.vacuum_thrust() / (self.liftoff_mass() * G0),
            None => 0.0,
        }
    }

    /// Vacuum thrust-to-weight ratio of stage `k` (from 0) at its ignition,
    /// dimensionless.
    pub fn ignition_thrust_to_weight(&self, k: usize) -> f64 {
        self.stages[k].vacuum_thrust() / (self.mass_at_ignition(k) * G0)
    }

    /// Total burn time of all stages, s.
    pub fn total_burn_time(&self) -> f64 {
        self.stages.iter().map(|s| s.burn_time_s).sum()
    }

    /// Ideal (Tsiolkovsky) velocity change of all stages in vacuum without
    /// gravity or drag, m/s.
    pub fn ideal_delta_v(&self) -> f64 {
        let mut above = self.payload_mass_kg;
        let mut dv = 0.0;
        for s in self.stages.iter().rev() {
            let m0 = above + s.gross_mass_kg;
            let m1 = m0 - s.propellant_mass_kg;
            dv += s.isp_vac_s * G0 * (m0 / m1).ln();
            above = m0;
        }
        dv
    }

    /// Mass at ignition of stage `k` (from 0), kg.
    pub fn mass_at_ignition(&self, k: usize) -> f64 {
        self.payload_mass_kg
            + self.stages[k..]
                .iter()
                .map(|s| s.gross_mass_kg)
                .sum::<f64>()
    }

    /// Drag reference area, m².
    pub fn reference_area(&self) -> f64 {
        std::f64::consts::PI * 0.25 * self.diameter_m * self.diameter_m
    }
}

/// Drag coefficient of a large solid-propellant missile body against Mach
/// number (zero angle of attack), dimensionless: the table an open Python
/// missile-flyout model uses for Minuteman- and Trident-class boosters, whose
/// shape follows the V-2 curve of Sutton, *Rocket Propulsion Elements*: about 0.10
/// subsonic, a transonic peak of 0.36 near Mach 1.2, falling to 0.10 by
/// Mach 6. Scaled per missile by [`Missile::drag_factor`] (about 1.3 gives
/// the blunter liquid-missile curve of the same codes).
pub fn drag_coefficient(mach: f64) -> f64 {
    const TABLE: [(f64, f64); 21] = [
        (0.0, 0.1007),
        (0.5, 0.1099),
        (0.7, 0.1286),
        (0.8, 0.1486),
        (0.9, 0.1825),
        (1.0, 0.2402),
        (1.05, 0.2814),
        (1.1, 0.3229),
        (1.15, 0.3535),
        (1.2, 0.3618),
        (1.4, 0.3358),
        (1.6, 0.3117),
        (1.8, 0.2891),
        (2.0, 0.2682),
        (2.5, 0.2226),
        (3.0, 0.1859),
        (3.5, 0.1571),
        (4.0, 0.1354),
        (4.5, 0.1198),
        (5.5, 0.1035),
        (6.0, 0.1010),
    ];
    // NaN (an overflowed speed) takes the subsonic value rather than
    // indexing before the table's start.
    if mach.is_nan() || mach <= 0.0 {
        return TABLE[0].1;
    }
    let i = TABLE.partition_point(|&(m, _)| m < mach);
    if i >= TABLE.len() {
        return TABLE[TABLE.len() - 1].1;
    }
    let (m0, c0) = TABLE[i - 1];
    let (m1, c1) = TABLE[i];
    c0 + (c1 - c0) * (mach - m0) / (m1 - m0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_missiles_are_valid() {
        for m in crate::catalog::all() {
            m.validate().unwrap_or_else(|e| panic!("{}: {e}", m.name));
            assert!(!m.sources.is_empty());
        }
    }

    #[test]
    fn validation_catches_impossible_values() {
        let mut m = crate::catalog::solid_icbm();
        m.stages[1].propellant_mass_kg = m.stages[1].gross_mass_kg * 1.1;
        assert!(matches!(
            m.validate(),
            Err(MissileError::PropellantHeavierThanStage { stage: 2, .. })
        ));
        let mut m = crate::catalog::solid_icbm();
        m.stages[0].burn_time_s = 0.0;
        assert!(matches!(
            m.validate(),
            Err(MissileError::Implausible { .. })
        ));
        let mut m = crate::catalog::solid_icbm();
        m.payload_mass_kg = 5e5;
        assert!(matches!(m.validate(), Err(MissileError::CannotLiftOff(_))));
    }

    #[test]
    fn implausible_values_are_refused_at_their_field() {
        // The values that once passed and then panicked or broke the
        // integrator: each is now named by validate().
        type Edit = fn(&mut Missile);
        let cases: [(&str, Edit); 5] = [
            ("diameter_m", |m| m.diameter_m = 1e308),
            ("drag_factor", |m| m.drag_factor = 1e308),
            ("stage 1 isp_vac_s", |m| m.stages[0].isp_vac_s = 1e120),
            ("stage 1 burn_time_s", |m| m.stages[0].burn_time_s = 4.6e212),
            ("rv ballistic_coefficient_kg_m2", |m| {
                m.rv.ballistic_coefficient_kg_m2 = 5e-324
            }),
        ];
        for (field, set) in cases {
            let mut m = crate::catalog::solid_icbm();
            set(&mut m);
            match m.validate() {
                Err(MissileError::Implausible { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
        // A 5e-324 s burn is refused by its range before its thrust
        // overflows.
        let mut m = crate::catalog::solid_icbm();
        m.stages[0].burn_time_s = 5e-324;
        assert!(matches!(
            m.validate(),
            Err(MissileError::Implausible { .. })
        ));
        // A one-second burn of the whole first stage accelerates at over
        // 100 g.
        let mut m = crate::catalog::solid_icbm();
        m.stages[0].burn_time_s = 1.0;
        assert!(matches!(
            m.validate(),
            Err(MissileError::TooViolent { stage: 1, .. })
        ));
    }

    #[test]
    fn drag_coefficient_of_nan_mach_is_finite() {
        // An overflowed speed gives a NaN Mach number; the lookup must not
        // index before the table.
        assert_eq!(drag_coefficient(f64::NAN), drag_coefficient(0.0));
        assert_eq!(drag_coefficient(f64::INFINITY), drag_coefficient(6.0));
    }

    #[test]
    fn drag_curve_is_continuous() {
        let mut prev = drag_coefficient(0.0);
        for k in 1..2_000 {
            let c = drag_coefficient(k as f64 * 0.01);
            assert!((c - prev).abs() < 0.01);
            prev = c;
        }
    }
}
