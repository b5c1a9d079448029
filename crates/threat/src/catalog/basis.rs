//! The basis of every number of every catalog missile: what the cited
//! source says, and where cupola flies another value, that it does and why.
//! `docs/assumptions.md` records the audit behind these lines.

use cupola_physics::basis::{Basis, Datum};

use crate::missile::Missile;

/// PyTraj, the open trajectory code the Minuteman III figures come from:
/// its C model (`init_mmiii_booster`) and its Python flyout model
/// (`vehicles.py`, "Minuteman III").
const PYTRAJ: &str = "L. M. Arthur, PyTraj / pytrajlib (MIT Laboratory for Nuclear Security and \
     Policy, 2024–2025), Minuteman III booster";

/// The basis of one stage's figures.
struct StageBasis {
    gross: Basis,
    propellant: Basis,
    isp: Basis,
    burn: Basis,
    exit_area: Basis,
}

/// The basis of one catalog entry's figures.
struct EntryBasis {
    stages: &'static [StageBasis],
    payload: Basis,
    diameter: Basis,
    drag: Basis,
    rise: Basis,
    bus: Basis,
    rv_mass: Basis,
    rv_beta: Basis,
    rv_count: Basis,
}

/// Minuteman III stage masses, as PyTraj tabulates them.
const MM3_MASSES: Basis = Basis::cited(
    "PyTraj (Arthur, 2024), Minuteman III: 23,230/20,780, 7,270/6,240 and 3,710/3,306 kg gross/propellant",
);

/// Stage 1 of the Minuteman III: PyTraj flies a constant 267 s; cupola
/// flies 287 s in vacuum with the back-pressure of a 0.68 m² nozzle.
const MM3_S1_ISP: Basis = Basis::cited_range(
    "PyTraj (Arthur, 2024–2025): 267 s at sea level, flown constant in its C model; pytrajlib's \
     vehicles.py derives its 0.68 m² nozzle from 267 s at sea level and 287 s in vacuum. cupola \
     flies 287 s in vacuum less the back-pressure of that nozzle (267 s at sea level), so that \
     thrust rises with altitude as a real motor's does",
    267.0,
    287.0,
    "PyTraj's constant sea-level value to the vacuum value it implies",
);

/// The nozzle exit area of the Minuteman III first stage.
const MM3_S1_EXIT: Basis = Basis::cited(
    "pytrajlib vehicles.py (Arthur, 2025), Minuteman III: nozzle area 0.68 m², derived there from \
     267 s at sea level and 287 s in vacuum",
);

/// Upper-stage Isp of the Minuteman III (vacuum in practice).
const MM3_UPPER_ISP: Basis = Basis::cited(
    "PyTraj (Arthur, 2024), Minuteman III: 287 s (stage 2) and 285 s (stage 3), flown constant",
);

/// No back-pressure loss: an upper stage ignites above the atmosphere.
const UPPER_NO_EXIT: Basis = Basis::assumed(
    0.0,
    0.3,
    "an upper stage fires above most of the atmosphere, where back-pressure is negligible",
);

/// The 60 s burns of the generic solid ICBM.
const SOLID_BURN: Basis = Basis::cited_range(
    "cupola changes PyTraj's Minuteman III burns (61, 66 and 61 s, 188 s in all) to 60 s each, \
     so that the boost lasts 180 s as APS 2003 models solid ICBMs (about 170–180 s; Rev. Mod. \
     Phys. 76, S1, 2004)",
    55.0,
    66.0,
    "APS 2003's 170–180 s solid boost split in three, to PyTraj's longest stage burn",
);

const SOLID_STAGES: [StageBasis; 3] = [
    StageBasis {
        gross: MM3_MASSES,
        propellant: MM3_MASSES,
        isp: MM3_S1_ISP,
        burn: SOLID_BURN,
        exit_area: MM3_S1_EXIT,
    },
    StageBasis {
        gross: MM3_MASSES,
        propellant: MM3_MASSES,
        isp: MM3_UPPER_ISP,
        burn: SOLID_BURN,
        exit_area: UPPER_NO_EXIT,
    },
    StageBasis {
        gross: MM3_MASSES,
        propellant: MM3_MASSES,
        isp: MM3_UPPER_ISP,
        burn: SOLID_BURN,
        exit_area: UPPER_NO_EXIT,
    },
];

/// The fast-burn burns: a cupola construction.
const FAST_BURN: Basis = Basis::assumed(
    25.0,
    45.0,
    "cupola construction: 40, 40 and 30 s put the Minuteman III stages in the 100–120 s \
     fast-burn boost of APS 2003 and NRC 2012",
);

const FAST_STAGES: [StageBasis; 3] = [
    StageBasis {
        gross: MM3_MASSES,
        propellant: MM3_MASSES,
        isp: MM3_S1_ISP,
        burn: FAST_BURN,
        exit_area: MM3_S1_EXIT,
    },
    StageBasis {
        gross: MM3_MASSES,
        propellant: MM3_MASSES,
        isp: MM3_UPPER_ISP,
        burn: FAST_BURN,
        exit_area: UPPER_NO_EXIT,
    },
    StageBasis {
        gross: MM3_MASSES,
        propellant: MM3_MASSES,
        isp: MM3_UPPER_ISP,
        burn: FAST_BURN,
        exit_area: UPPER_NO_EXIT,
    },
];

/// The IRBM's stages: the Minuteman III upper stages with PyTraj's burns.
const IRBM_STAGES: [StageBasis; 2] = [
    StageBasis {
        gross: MM3_MASSES,
        propellant: MM3_MASSES,
        isp: MM3_UPPER_ISP,
        burn: Basis::cited("PyTraj (Arthur, 2024), Minuteman III stages 2 and 3: 66 and 61 s"),
        exit_area: Basis::assumed(
            0.0,
            0.5,
            "no back-pressure loss modelled for an upper stage fired from the ground; its Isp \
             at sea level would be some 5–10% lower",
        ),
    },
    StageBasis {
        gross: MM3_MASSES,
        propellant: MM3_MASSES,
        isp: MM3_UPPER_ISP,
        burn: Basis::cited("PyTraj (Arthur, 2024), Minuteman III stages 2 and 3: 66 and 61 s"),
        exit_area: UPPER_NO_EXIT,
    },
];

/// Trident II figures as pytrajlib's flyout model tabulates them.
const D5: &str = "pytrajlib vehicles.py (Arthur, 2025), \"D5\"";

/// The D5 first stage: the commented values of pytrajlib.
const D5_S1_MASSES: Basis = Basis::cited(
    "pytrajlib vehicles.py (Arthur, 2025), \"D5\": 39,241/33,355 kg, the values written there in \
     a comment beside the 20,000/20,000 kg the model flies (no structure at all, which cannot \
     be); cupola flies the commented values",
);

const D5_STAGES: [StageBasis; 3] = [
    StageBasis {
        gross: D5_S1_MASSES,
        propellant: D5_S1_MASSES,
        isp: Basis::cited(
            "pytrajlib vehicles.py (Arthur, 2025), \"D5\": 281 s for every stage, flown constant \
             (cupola likewise: no nozzle back-pressure)",
        ),
        burn: Basis::cited(D5),
        exit_area: Basis::assumed(
            0.0,
            0.7,
            "pytrajlib reuses the Minuteman III's 0.68 m², derived from that missile's Isp; \
             cupola models no back-pressure loss, as the constant 281 s implies",
        ),
    },
    StageBasis {
        gross: Basis::cited(D5),
        propellant: Basis::cited(D5),
        isp: Basis::cited(D5),
        burn: Basis::cited(D5),
        exit_area: UPPER_NO_EXIT,
    },
    StageBasis {
        gross: Basis::cited(D5),
        propellant: Basis::cited(D5),
        isp: Basis::cited(D5),
        burn: Basis::cited(D5),
        exit_area: UPPER_NO_EXIT,
    },
];

/// The liquid ICBM's stages: a cupola construction after ODISIM's fractions.
const LIQUID_STAGES: [StageBasis; 2] = [
    StageBasis {
        gross: Basis::assumed(140_000.0, 180_000.0, LIQUID_MASSES),
        propellant: Basis::assumed(128_000.0, 165_000.0, LIQUID_MASSES),
        isp: LIQUID_ISP,
        burn: LIQUID_BURN,
        exit_area: Basis::assumed(
            0.0,
            3.0,
            "no back-pressure loss modelled: the vacuum Isp is flown from the ground, some 10% \
             optimistic at lift-off",
        ),
    },
    StageBasis {
        gross: Basis::assumed(30_000.0, 45_000.0, LIQUID_MASSES),
        propellant: Basis::assumed(27_000.0, 40_000.0, LIQUID_MASSES),
        isp: LIQUID_ISP,
        burn: LIQUID_BURN,
        exit_area: UPPER_NO_EXIT,
    },
];

const LIQUID_MASSES: &str = "cupola construction: 200 t at lift-off split by the propellant and \
     structure fractions of the SS-18-like model of the SDI-era ODISIM simulator (73.2%/6.8%, \
     16.3%/1.7%); SS-18 / DF-5 class missiles weigh about 180–210 t";

const LIQUID_ISP: Basis = Basis::assumed(
    290.0,
    330.0,
    "storable propellants (nitrogen tetroxide and UDMH): about 300 s for a first stage, 320 s for \
     a vacuum-optimised second stage",
);

const LIQUID_BURN: Basis = Basis::assumed(
    100.0,
    180.0,
    "cupola construction: 115 and 155 s (ODISIM's model burns 107.5 and 174.5 s) for a 270 s \
     boost, inside APS 2003's 240–300 s for liquid ICBMs",
);

/// Minuteman III β: 2,000 lb/ft² in pytrajlib.
const MK12_BETA: Basis = Basis::cited_range(
    "pytrajlib vehicles.py (Arthur, 2025): β = 2,000 lb/ft² (≈ 9,770 kg/m²) for the Minuteman III \
     and D5 RVs",
    5_000.0,
    15_000.0,
    "the 50–150 kN/m² open sources give for modern RVs",
);

const VERTICAL_RISE: Basis = Basis::cited_range(
    "PyTraj (Arthur, 2024): thrust vertical for the first 5 s",
    4.0,
    10.0,
    "clearing the launch site; heavier missiles rise longer",
);

const DRAG_GENERIC: Basis = Basis::assumed(
    0.8,
    1.2,
    "the generic drag curve stands for any slender body; shapes differ",
);

const BUS_300: Basis = Basis::assumed(
    100.0,
    600.0,
    "the post-boost bus deploys its RVs over minutes; no open source times it",
);

const RV_300: Basis = Basis::assumed(
    250.0,
    400.0,
    "cupola's split of the payload into RVs; PyTraj's C model flies one 400 kg ballistic RV",
);

/// The catalog entries' bases, by name.
fn entry(name: &str) -> Option<EntryBasis> {
    let mm3_payload = Basis::cited_range(
        "pytrajlib vehicles.py (Arthur, 2025), Minuteman III: 900 kg payload (\"one W78 + bus\")",
        600.0,
        1_150.0,
        "one RV and a bus to three RVs",
    );
    let mm3_diameter = Basis::cited(PYTRAJ);
    Some(match name {
        "solid-icbm" => EntryBasis {
            stages: &SOLID_STAGES,
            payload: mm3_payload,
            diameter: mm3_diameter,
            drag: DRAG_GENERIC,
            rise: VERTICAL_RISE,
            bus: BUS_300,
            rv_mass: RV_300,
            rv_beta: MK12_BETA,
            rv_count: Basis::assumed(
                1.0,
                3.0,
                "the Minuteman III could carry three RVs; deployed ones carry one today",
            ),
        },
        "fast-solid-icbm" => EntryBasis {
            stages: &FAST_STAGES,
            payload: mm3_payload,
            diameter: mm3_diameter,
            drag: DRAG_GENERIC,
            rise: Basis::assumed(3.0, 6.0, "a faster-burning missile clears its pad sooner"),
            bus: BUS_300,
            rv_mass: RV_300,
            rv_beta: MK12_BETA,
            rv_count: Basis::assumed(1.0, 3.0, "as the solid ICBM whose stages it burns"),
        },
        "liquid-icbm" => EntryBasis {
            stages: &LIQUID_STAGES,
            payload: Basis::assumed(
                4_000.0,
                8_800.0,
                "a heavy ICBM's throw weight: the SS-18 class is credited with up to 8.8 t",
            ),
            diameter: Basis::assumed(2.8, 3.4, "SS-18 / DF-5 class bodies are about 3 m across"),
            drag: Basis::assumed(1.0, 1.5, "a blunter, heavier body than the solid missiles"),
            rise: Basis::assumed(6.0, 12.0, "a 200 t liquid missile rises slowly off its pad"),
            bus: Basis::assumed(300.0, 900.0, "a bus releasing eight or more RVs"),
            rv_mass: Basis::assumed(300.0, 500.0, "a heavy ICBM's RVs"),
            rv_beta: MK12_BETA,
            rv_count: Basis::assumed(1.0, 10.0, "single-warhead to SS-18 MIRV loads"),
        },
        "slbm" => EntryBasis {
            stages: &D5_STAGES,
            payload: Basis::cited_range(
                "pytrajlib vehicles.py (Arthur, 2025), \"D5\": 1,000 kg; cupola carries 1,500 kg \
                 for four RVs and their bus",
                1_000.0,
                2_800.0,
                "pytrajlib's payload to the D5's published throw weight",
            ),
            diameter: Basis::cited(D5),
            drag: DRAG_GENERIC,
            rise: VERTICAL_RISE,
            bus: BUS_300,
            rv_mass: RV_300,
            rv_beta: MK12_BETA,
            rv_count: Basis::assumed(1.0, 8.0, "Trident II loads vary from one to eight RVs"),
        },
        "irbm" => EntryBasis {
            stages: &IRBM_STAGES,
            payload: Basis::assumed(500.0, 1_000.0, "one RV with a light bus"),
            diameter: Basis::cited(
                "PyTraj (Arthur, 2024) gives 1.7 m for the whole Minuteman III; 1.3 m for its \
                 upper stages is cupola's reading of the stage geometry",
            ),
            drag: DRAG_GENERIC,
            rise: VERTICAL_RISE,
            bus: Basis::SETTING,
            rv_mass: Basis::assumed(300.0, 700.0, "a single heavier RV"),
            rv_beta: MK12_BETA,
            rv_count: Basis::SETTING,
        },
        _ => return None,
    })
}

/// Every number of the catalog missile `m` with its basis, keyed as the
/// scenario keys of an inline `[[missile]]` (`stage 2 burn_time_s`);
/// `None` for a missile that is not in the catalog.
pub fn basis(m: &Missile) -> Option<Vec<Datum>> {
    let e = entry(&m.name)?;
    let mut out = Vec::new();
    for (i, (s, b)) in m.stages.iter().zip(e.stages).enumerate() {
        let k = |key: &str| format!("stage {} {key}", i + 1);
        out.push(Datum::new(
            k("gross_mass_kg"),
            s.gross_mass_kg,
            "kg",
            b.gross,
        ));
        out.push(Datum::new(
            k("propellant_mass_kg"),
            s.propellant_mass_kg,
            "kg",
            b.propellant,
        ));
        out.push(Datum::new(k("isp_vac_s"), s.isp_vac_s, "s", b.isp));
        out.push(Datum::new(k("burn_time_s"), s.burn_time_s, "s", b.burn));
        out.push(Datum::new(
            k("nozzle_exit_area_m2"),
            s.nozzle_exit_area_m2,
            "m²",
            b.exit_area,
        ));
    }
    out.extend([
        Datum::new("payload_mass_kg", m.payload_mass_kg, "kg", e.payload),
        Datum::new("diameter_m", m.diameter_m, "m", e.diameter),
        Datum::new("drag_factor", m.drag_factor, "", e.drag),
        Datum::new("vertical_rise_s", m.vertical_rise_s, "s", e.rise),
        Datum::new("bus_deploy_s", m.bus_deploy_s, "s", e.bus),
        Datum::new("rv.mass_kg", m.rv.mass_kg, "kg", e.rv_mass),
        Datum::new(
            "rv.ballistic_coefficient_kg_m2",
            m.rv.ballistic_coefficient_kg_m2,
            "kg/m²",
            e.rv_beta,
        ),
        Datum::new("rv_count", f64::from(m.rv_count), "", e.rv_count),
    ]);
    let at = format!("catalog `{}`", m.name);
    Some(out.into_iter().map(|d| d.at(at.clone())).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::all;

    /// Every catalog missile has a basis for each of its numbers, each
    /// cited or assumed with a range and a reason, and every value lies in
    /// its range.
    #[test]
    fn every_catalog_number_has_a_complete_basis() {
        for m in all() {
            let list = basis(&m).unwrap_or_else(|| panic!("{} has no basis", m.name));
            assert_eq!(list.len(), 5 * m.stages.len() + 8, "{}", m.name);
            let e = entry(&m.name).expect("listed");
            assert_eq!(e.stages.len(), m.stages.len(), "{}", m.name);
            for d in &list {
                assert!(d.basis.is_complete(), "{} {}", m.name, d.key);
                if let Some(u) = d.basis.uncertainty {
                    let v = d.value;
                    let inside = u.low <= v && v <= u.high;
                    assert!(
                        inside,
                        "{} {}: {v} outside {}–{}",
                        m.name, d.key, u.low, u.high
                    );
                }
            }
        }
    }

    /// The solid ICBM's citation says that cupola flies 60 s burns where
    /// PyTraj flies 61, 66 and 61 s.
    #[test]
    fn solid_icbm_burns_say_they_differ_from_the_source() {
        let m = crate::catalog::solid_icbm();
        let list = basis(&m).expect("catalog");
        let burn = list
            .iter()
            .find(|d| d.key == "stage 2 burn_time_s")
            .expect("listed");
        assert_eq!(burn.value, 60.0);
        match burn.basis.source {
            cupola_physics::basis::Source::Cited(c) => {
                assert!(c.contains("61, 66 and 61 s") && c.contains("60 s"), "{c}");
            }
            other => panic!("{other:?}"),
        }
    }
}
