//! Generic missiles from the open literature.
//!
//! Each entry is a generic model at the level of the open literature, not a
//! description of any real missile's performance; its sources are listed in
//! [`Missile::sources`]. Stage figures marked "cupola construction" are
//! built from the cited ones where no open table exists, and say how.

use crate::missile::{Missile, ReentryVehicle, Stage};

mod basis;

pub use basis::basis;

/// β of a Minuteman III-class re-entry vehicle: 2,000 lb/ft² ≈ 9,770 kg/m²
/// (≈ 96 kN/m²), the value an open Python missile-flyout model uses for
/// Minuteman and Trident RVs; within the 50–150 kN/m² range the open
/// literature gives for modern RVs.
const BETA_MK12_KG_M2: f64 = 9_770.0;

/// Sea-level-to-vacuum thrust difference of the Minuteman III first stage
/// expressed as a nozzle exit area, m²: Isp 267 s at sea level and 287 s in
/// vacuum at 340.7 kg/s give Δ = p₀·Aₑ/(ṁ g₀) = 20 s ⇒ Aₑ ≈ 0.68 m².
const MM3_STAGE1_EXIT_AREA_M2: f64 = 0.68;

fn stage(gross: f64, propellant: f64, isp_vac: f64, burn: f64, exit_area: f64) -> Stage {
    Stage {
        gross_mass_kg: gross,
        propellant_mass_kg: propellant,
        isp_vac_s: isp_vac,
        burn_time_s: burn,
        nozzle_exit_area_m2: exit_area,
    }
}

/// Shared source line for the Minuteman III stage table: what PyTraj
/// tabulates, and what cupola flies instead (audited in
/// `docs/assumptions.md`).
const SRC_MM3: &str = "Minuteman III stage masses (23,230/20,780, 7,270/6,240 and 3,710/3,306 kg \
     gross/propellant), burns (61, 66 and 61 s), Isp (267, 287 and 285 s, each flown constant) and \
     1.7 m diameter as tabulated in L. M. Arthur, PyTraj (MIT Laboratory for Nuclear Security and \
     Policy, 2024); the 0.68 m² first-stage nozzle, derived there from 267 s at sea level and 287 s \
     in vacuum, from its successor pytrajlib (vehicles.py, 2025). cupola flies stage 1 at 287 s in \
     vacuum less that nozzle's back-pressure (267 s at sea level), not PyTraj's constant 267 s";

/// A generic three-stage solid-propellant ICBM of the Minuteman III class:
/// the Minuteman III stage masses and Isp with each burn set to 60 s, so
/// the boost lasts 180 s at full burn, as APS 2003 models solid ICBMs
/// (about 170–180 s; the Minuteman III burns sum to 188 s).
pub fn solid_icbm() -> Missile {
    Missile {
        name: "solid-icbm".into(),
        description: "generic three-stage solid ICBM, Minuteman III class".into(),
        sources: vec![
            SRC_MM3.into(),
            "Burns: cupola flies 60, 60 and 60 s, not PyTraj's 61, 66 and 61 s, so that the boost \
             lasts 180 s as the APS Study Group on Boost-Phase Intercept models solid ICBMs \
             (Rev. Mod. Phys. 76, S1, 2004: about 170-180 s)"
                .into(),
            "RV ballistic coefficient 2,000 lb/ft² (≈ 96 kN/m²), as pytrajlib (vehicles.py, 2025) uses for Minuteman III RVs".into(),
        ],
        stages: vec![
            stage(23_230.0, 20_780.0, 287.0, 60.0, MM3_STAGE1_EXIT_AREA_M2),
            stage(7_270.0, 6_240.0, 287.0, 60.0, 0.0),
            stage(3_710.0, 3_306.0, 285.0, 60.0, 0.0),
        ],
        payload_mass_kg: 900.0,
        diameter_m: 1.7,
        drag_factor: 1.0,
        vertical_rise_s: 5.0,
        bus_deploy_s: 300.0,
        rv: ReentryVehicle {
            mass_kg: 300.0,
            ballistic_coefficient_kg_m2: BETA_MK12_KG_M2,
        },
        rv_count: 3,
    }
}

/// A generic two-stage liquid-propellant heavy ICBM (SS-18 / DF-5 class):
/// boost about 250–280 s (APS 2003: liquid ICBMs ≈ 240–300 s; NRC 2012:
/// "about four minutes").
pub fn liquid_icbm() -> Missile {
    Missile {
        name: "liquid-icbm".into(),
        description: "generic two-stage liquid heavy ICBM, SS-18 / DF-5 class".into(),
        sources: vec![
            "Mass fractions after the SS-18-like model of the SDI-era ODISIM simulator (stage 1: \
             73.2% propellant, 6.8% structure; stage 2: 16.3% and 1.7%; burns 107.5 s and 174.5 s); \
             cupola construction: 200 t at lift-off, burns 115 s and 155 s, storable-propellant \
             Isp 300 s and 320 s vacuum"
                .into(),
            "Boost durations: APS Study Group, Rev. Mod. Phys. 76, S1 (2004); NRC, Making Sense of \
             Ballistic Missile Defense (2012)"
                .into(),
        ],
        stages: vec![
            stage(160_000.0, 146_400.0, 300.0, 115.0, 0.0),
            stage(36_600.0, 32_600.0, 320.0, 155.0, 0.0),
        ],
        payload_mass_kg: 6_000.0,
        diameter_m: 3.0,
        drag_factor: 1.3,
        vertical_rise_s: 8.0,
        bus_deploy_s: 600.0,
        rv: ReentryVehicle {
            mass_kg: 400.0,
            ballistic_coefficient_kg_m2: BETA_MK12_KG_M2,
        },
        rv_count: 8,
    }
}

/// A hypothetical fast-burn three-stage solid ICBM, boost about 100–120 s
/// (the fast-burn threat of APS 2003 and NRC 2012): cupola construction,
/// the Minuteman III stages with burns shortened to 40, 40 and 30 s.
pub fn fast_solid_icbm() -> Missile {
    Missile {
        name: "fast-solid-icbm".into(),
        description: "hypothetical fast-burn solid ICBM (Minuteman III stages burnt in 110 s)".into(),
        sources: vec![
            SRC_MM3.into(),
            "Fast-burn boosters (100–120 s): APS Study Group, Rev. Mod. Phys. 76, S1 (2004); NRC (2012); \
             burn times 40/40/30 s are a cupola construction"
                .into(),
        ],
        stages: vec![
            stage(23_230.0, 20_780.0, 287.0, 40.0, MM3_STAGE1_EXIT_AREA_M2),
            stage(7_270.0, 6_240.0, 287.0, 40.0, 0.0),
            stage(3_710.0, 3_306.0, 285.0, 30.0, 0.0),
        ],
        payload_mass_kg: 900.0,
        diameter_m: 1.7,
        drag_factor: 1.0,
        vertical_rise_s: 4.0,
        bus_deploy_s: 300.0,
        rv: ReentryVehicle {
            mass_kg: 300.0,
            ballistic_coefficient_kg_m2: BETA_MK12_KG_M2,
        },
        rv_count: 3,
    }
}

/// A generic three-stage solid SLBM of the Trident II (D5) class, launched
/// from the sea surface (the underwater phase is not modelled).
pub fn slbm() -> Missile {
    Missile {
        name: "slbm".into(),
        description: "generic three-stage solid SLBM, Trident II class".into(),
        sources: vec![
            "Trident II stage masses 39,241/33,355, 11,866/10,320 and 2,191/1,970 kg, burns 63/64/43 s, \
             Isp 281 s (flown constant), 2.11 m, as tabulated in L. M. Arthur, pytrajlib (vehicles.py, \
             \"D5\", 2025); its first-stage masses are the values written there in a comment (the \
             model itself flies 20,000/20,000 kg, a stage without structure); launch mass 58.5 t \
             (public reporting); payload 1,500 kg for four RVs is a cupola choice (pytrajlib: 1,000 kg)"
                .into(),
        ],
        stages: vec![
            stage(39_241.0, 33_355.0, 281.0, 63.0, 0.0),
            stage(11_866.0, 10_320.0, 281.0, 64.0, 0.0),
            stage(2_191.0, 1_970.0, 281.0, 43.0, 0.0),
        ],
        payload_mass_kg: 1_500.0,
        diameter_m: 2.11,
        drag_factor: 1.0,
        vertical_rise_s: 5.0,
        bus_deploy_s: 300.0,
        rv: ReentryVehicle {
            mass_kg: 300.0,
            ballistic_coefficient_kg_m2: BETA_MK12_KG_M2,
        },
        rv_count: 4,
    }
}

/// A generic two-stage solid IRBM: cupola construction from the Minuteman
/// III second and third stages (the Minuteman programme itself proposed
/// IRBMs by mixing its stages), range about 3,000–4,500 km.
pub fn irbm() -> Missile {
    Missile {
        name: "irbm".into(),
        description: "generic two-stage solid IRBM (Minuteman III upper stages)".into(),
        sources: vec![
            SRC_MM3.into(),
            "IRBMs from Minuteman stages: Minuteman I fact sheet (mix-and-match proposals); the pairing \
             is a cupola construction"
                .into(),
        ],
        stages: vec![stage(7_270.0, 6_240.0, 287.0, 66.0, 0.0), stage(3_710.0, 3_306.0, 285.0, 61.0, 0.0)],
        payload_mass_kg: 700.0,
        diameter_m: 1.3,
        drag_factor: 1.0,
        vertical_rise_s: 5.0,
        bus_deploy_s: 0.0,
        rv: ReentryVehicle {
            mass_kg: 500.0,
            ballistic_coefficient_kg_m2: BETA_MK12_KG_M2,
        },
        rv_count: 1,
    }
}

/// Every catalog missile.
pub fn all() -> Vec<Missile> {
    vec![
        solid_icbm(),
        liquid_icbm(),
        fast_solid_icbm(),
        slbm(),
        irbm(),
    ]
}

/// The catalog missile of a name.
pub fn by_name(name: &str) -> Option<Missile> {
    all().into_iter().find(|m| m.name == name)
}
