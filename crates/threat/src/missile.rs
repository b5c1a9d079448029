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
    /// A value that must be zero or positive is negative.
    #[error("{field} must not be negative, got {value}")]
    Negative {
        /// The offending field.
        field: String,
        /// Its value.
        value: f64,
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

fn positive(field: String, value: f64) -> Result<(), MissileError> {
    if value > 0.0 && value.is_finite() {
        Ok(())
    } else {
        Err(MissileError::NotPositive { field, value })
    }
}

fn non_negative(field: String, value: f64) -> Result<(), MissileError> {
    if value >= 0.0 && value.is_finite() {
        Ok(())
    } else {
        Err(MissileError::Negative { field, value })
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
            positive(format!("stage {n} gross_mass_kg"), s.gross_mass_kg)?;
            positive(
                format!("stage {n} propellant_mass_kg"),
                s.propellant_mass_kg,
            )?;
            positive(format!("stage {n} isp_vac_s"), s.isp_vac_s)?;
            positive(format!("stage {n} burn_time_s"), s.burn_time_s)?;
            non_negative(
                format!("stage {n} nozzle_exit_area_m2"),
                s.nozzle_exit_area_m2,
            )?;
            if s.propellant_mass_kg >= s.gross_mass_kg {
                return Err(MissileError::PropellantHeavierThanStage {
                    stage: n,
                    propellant_kg: s.propellant_mass_kg,
                    gross_kg: s.gross_mass_kg,
                });
            }
        }
        positive("payload_mass_kg".into(), self.payload_mass_kg)?;
        positive("diameter_m".into(), self.diameter_m)?;
        non_negative("drag_factor".into(), self.drag_factor)?;
        positive("vertical_rise_s".into(), self.vertical_rise_s)?;
        non_negative("bus_deploy_s".into(), self.bus_deploy_s)?;
        positive("rv mass_kg".into(), self.rv.mass_kg)?;
        positive(
            "rv ballistic_coefficient_kg_m2".into(),
            self.rv.ballistic_coefficient_kg_m2,
        )?;
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
    if mach <= 0.0 {
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
            Err(MissileError::NotPositive { .. })
        ));
        let mut m = crate::catalog::solid_icbm();
        m.payload_mass_kg = 1e7;
        assert!(matches!(m.validate(), Err(MissileError::CannotLiftOff(_))));
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
