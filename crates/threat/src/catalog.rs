//! Generic missiles from the open literature (filled in below).
use crate::missile::{Missile, ReentryVehicle, Stage};

/// A generic three-stage solid-propellant ICBM.
pub fn solid_icbm() -> Missile {
    Missile {
        name: "solid-icbm".into(),
        description: "generic three-stage solid ICBM, Minuteman III class".into(),
        sources: vec!["placeholder".into()],
        stages: vec![
            Stage { gross_mass_kg: 23_230.0, propellant_mass_kg: 20_780.0, isp_vac_s: 286.0, burn_time_s: 60.0, nozzle_exit_area_m2: 0.0 },
            Stage { gross_mass_kg: 7_270.0, propellant_mass_kg: 6_240.0, isp_vac_s: 300.0, burn_time_s: 60.0, nozzle_exit_area_m2: 0.0 },
            Stage { gross_mass_kg: 3_710.0, propellant_mass_kg: 3_306.0, isp_vac_s: 285.0, burn_time_s: 60.0, nozzle_exit_area_m2: 0.0 },
        ],
        payload_mass_kg: 1_000.0,
        diameter_m: 1.67,
        drag_factor: 1.0,
        vertical_rise_s: 10.0,
        bus_deploy_s: 300.0,
        rv: ReentryVehicle { mass_kg: 300.0, ballistic_coefficient_kg_m2: 10_000.0 },
        rv_count: 3,
    }
}

/// Every catalog missile.
pub fn all() -> Vec<Missile> {
    vec![solid_icbm()]
}
