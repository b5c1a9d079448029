//! The basis of every input of the cost presets: the CBO 2026 figures as
//! cited, cupola's own choices as assumptions with their ranges. Listed by
//! `cupola assumptions` when a scenario uses a preset.

use cupola_physics::basis::{Basis, Datum};

use super::super::orbit::{SBI_ALTITUDE_M, SBI_BALLISTIC_KG_M2, SBI_ISP_S, SolarActivity};
use super::{
    BM_COUNT, BM_DEVELOPMENT_MUSD, BM_DEVELOPMENT_YEARS, BM_FIRST_UNIT_MUSD, BM_LEARNING_SLOPE,
    BM_OPS_MUSD_PER_YEAR, BOOST_2004_DEVELOPMENT_MUSD, BOOST_2004_DEVELOPMENT_YEARS,
    BOOST_2004_LAUNCH_USD_PER_KG, BOOST_2004_LEARNING_SLOPE, BOOST_2004_SBI_COUNT,
    BOOST_2004_SBI_MASS_KG, CBO_2026_LAUNCH_USD_PER_KG, CBO_2026_SBI_COUNT,
    CBO_2026_SBI_LIFE_YEARS, CBO_2026_SBI_MASS_KG, CBO_2026_SBI_OPS_MUSD_PER_YEAR,
    CBO_2026_SBI_UNIT_MUSD, SBI_LAUNCH_KG_PER_YEAR, SBI_PRODUCTION_PER_YEAR, TRACKING_ALTITUDE_M,
    TRACKING_COUNT, TRACKING_DEPLOY_YEAR, TRACKING_DEVELOPMENT_MUSD, TRACKING_DEVELOPMENT_YEARS,
    TRACKING_LIFE_YEARS, TRACKING_MASS_KG, TRACKING_OPS_MUSD_PER_YEAR,
    TRACKING_PRODUCTION_PER_YEAR, TRACKING_UNIT_MUSD,
};

/// The CBO 2026 report, as the presets cite it.
const CBO_2026: &str = "CBO, Potential Costs of a National Missile Defense System (May 2026), \
     space-based layer, 2026 dollars";

/// Inputs shared by both presets: the rates and the orbit kept.
fn shared(at: &str) -> Vec<Datum> {
    let solar = SolarActivity::default();
    vec![
        Datum::new(
            "production_per_year",
            f64::from(SBI_PRODUCTION_PER_YEAR),
            "SBIs/year",
            Basis::assumed(
                1_000.0,
                3_640.0,
                "no CBO rate; above the 1,560 a year that replacing 7,800 SBIs of 5-year life \
                 needs, below the 3,640 a year of the largest satellite line on record \
                 (Starlink, SpaceX, August 2025)",
            ),
        ),
        Datum::new(
            "launch_kg_per_year",
            SBI_LAUNCH_KG_PER_YEAR,
            "kg/year",
            Basis::assumed(
                1.0e6,
                1.0e7,
                "about twenty flights a year of a Starship-class lifter at ~100 t (the rocket \
                 CBO 2026's $500/kg presumes); 10 to 100 flights",
            ),
        ),
        Datum::new(
            "altitude_km",
            SBI_ALTITUDE_M / 1e3,
            "km",
            Basis::assumed(
                300.0,
                1_000.0,
                "CBO 2026 gives no altitude; the default scenario's 400 km, replaced by the \
                 [sbi] altitude when there is one; boost-phase studies use 300–1,000 km",
            ),
        ),
        Datum::new(
            "ballistic_coefficient_kg_m2",
            SBI_BALLISTIC_KG_M2,
            "kg/m²",
            Basis::assumed(
                30.0,
                200.0,
                "a tonne with 4–5 m² of frontal area; 30 with large arrays face-on, 200 for a \
                 compact body",
            ),
        ),
        Datum::new(
            "station_keeping_isp_s",
            SBI_ISP_S,
            "s",
            Basis::assumed(
                220.0,
                1_500.0,
                "hydrazine monopropellant (Sutton & Biblarz, Rocket Propulsion Elements: \
                 200–235 s) to a Hall-effect thruster",
            ),
        ),
        Datum::new(
            "solar_flux_sfu",
            solar.f107_sfu,
            "sfu",
            Basis::cited_range(
                "ECSS-E-ST-10-04C: moderate long-term solar activity",
                65.0,
                250.0,
                "solar minimum to a high maximum",
            ),
        ),
        Datum::new(
            "ap_index",
            solar.ap,
            "",
            Basis::cited_range(
                "ECSS-E-ST-10-04C: moderate long-term geomagnetic activity",
                0.0,
                45.0,
                "quiet to a high long-term level",
            ),
        ),
    ]
    .into_iter()
    .map(|d| d.at(at))
    .collect()
}

/// CBO 2026's launch price, under `key`: the price every CBO 2026-based
/// preset lifts its satellites at, $/kg.
fn cbo_2026_launch_price(key: String) -> Datum {
    Datum::new(
        key,
        CBO_2026_LAUNCH_USD_PER_KG,
        "$/kg",
        Basis::cited_range(
            CBO_2026,
            500.0,
            2_720.0,
            "CBO's hoped-for heavy-lift price to today's Falcon 9 ($62M for 22,800 kg, NASA \
             figures quoted by W. Whitman Cobb, The Conversation, March 2019)",
        ),
    )
}

/// The inputs of [`super::cbo_2026_space_layer`], each with its basis.
pub fn cbo_2026_basis() -> Vec<Datum> {
    let at = "preset `cbo-2026`";
    let mut out: Vec<Datum> = vec![
        Datum::new(
            "count",
            f64::from(CBO_2026_SBI_COUNT),
            "SBIs",
            Basis::cited(CBO_2026),
        ),
        Datum::new(
            "unit_cost_musd",
            CBO_2026_SBI_UNIT_MUSD,
            "$M",
            Basis::cited_range(
                CBO_2026,
                11.0,
                44.0,
                "CBO's average over 31,200 SBIs; half to twice it spans the learning and \
                 technology risk of a first-of-a-kind weapon bought by the thousand",
            ),
        ),
        Datum::new(
            "life_years",
            CBO_2026_SBI_LIFE_YEARS,
            "years",
            Basis::cited_range(
                CBO_2026,
                3.0,
                10.0,
                "drag and propellant at 400 km to a bus built for longer life",
            ),
        ),
        cbo_2026_launch_price("launch_usd_per_kg".into()),
        Datum::new(
            "ops_musd_per_year",
            CBO_2026_SBI_OPS_MUSD_PER_YEAR,
            "$M/year",
            Basis::cited(CBO_2026),
        ),
        Datum::new(
            "mass_kg",
            CBO_2026_SBI_MASS_KG,
            "kg",
            Basis::assumed(
                600.0,
                2_350.0,
                "not in CBO's summary; 2,350 kg if all of CBO's acquisition beyond procurement \
                 were launch, about 1,250 kg per interceptor in APS 2003, less for a lighter \
                 kill vehicle",
            ),
        ),
    ]
    .into_iter()
    .map(|d| d.at(at))
    .collect();
    out.extend(shared(at));
    out
}

/// The inputs of [`super::boost_phase_2004_style`], each with its basis.
pub fn boost_2004_basis() -> Vec<Datum> {
    let at = "preset `boost-2004`";
    let mut out: Vec<Datum> = vec![
        Datum::new(
            "count",
            f64::from(BOOST_2004_SBI_COUNT),
            "SBIs",
            Basis::cited_range(
                "CBO letter to Senators Fischer and King (5 May 2025), lowest-cost alternative, \
                 1,300 interceptors as reported by C4ISRNET (May 2025)",
                1_300.0,
                2_000.0,
                "the letter's lowest- and highest-cost alternatives",
            ),
        ),
        Datum::new(
            "learning_slope",
            BOOST_2004_LEARNING_SLOPE,
            "",
            Basis::assumed(
                0.8,
                0.95,
                "no source gives one for SBIs; 80–95% spans aerospace production lines",
            ),
        ),
        Datum::new(
            "mass_kg",
            BOOST_2004_SBI_MASS_KG,
            "kg",
            Basis::cited_range(
                "APS 2003 boost-phase study: at least 1,600 interceptors of about 2,000 t in all \
                 (as reported by T. Hitchens, Space News, 21 July 2003)",
                600.0,
                2_000.0,
                "lighter kill vehicles to the heavier interceptors of APS 2003's faster cases",
            ),
        ),
        Datum::new(
            "launch_usd_per_kg",
            BOOST_2004_LAUNCH_USD_PER_KG,
            "$/kg",
            Basis::cited_range(
                "Falcon 9: $62M for 22,800 kg to LEO (NASA figures quoted by W. Whitman Cobb, \
                 The Conversation, March 2019)",
                500.0,
                2_720.0,
                "CBO 2026's hoped-for heavy-lift price to today's",
            ),
        ),
        Datum::new(
            "development_musd",
            BOOST_2004_DEVELOPMENT_MUSD,
            "$M",
            Basis::assumed(
                5_000.0,
                30_000.0,
                "of the order of a major defense development; the Next Generation Interceptor's \
                 up-front cost was $13.1 billion (CAPE, as reported by Arms Control Today, June \
                 2021)",
            ),
        ),
        Datum::new(
            "development_years",
            f64::from(BOOST_2004_DEVELOPMENT_YEARS),
            "years",
            Basis::assumed(
                3.0,
                10.0,
                "a crash programme to the decade major defense developments take",
            ),
        ),
        Datum::new(
            "life_years",
            CBO_2026_SBI_LIFE_YEARS,
            "years",
            Basis::cited_range(
                CBO_2026,
                3.0,
                10.0,
                "drag and propellant at 400 km to a bus built for longer life",
            ),
        ),
    ]
    .into_iter()
    .map(|d| d.at(at))
    .collect();
    out.extend(shared(at));
    out
}

/// The SDA Tranche 1 Tracking Layer awards, as the tracking layer cites
/// them.
const SDA_T1: &str = "SDA Tranche 1 Tracking Layer awards of 18 July 2022 ($700 million to \
     L3Harris and $617 million to Northrop Grumman, 14 satellites each, 28 in all, as reported \
     by Via Satellite and SpaceNews): about $47 million a satellite in 2022 dollars, taken as \
     2026 dollars";

/// Where the tracking layer's altitude comes from.
const SDA_ORBIT: &str = "SDA Tranche 0 Flight 1 (2 April 2023, as reported by NASASpaceflight): \
     the first tracking satellites flew in a 1,000 km orbit inclined 80 degrees";

/// The inputs of [`super::tracking_layer`] and [`super::battle_management`],
/// keyed `tracking_layer.KEY` and `battle_management.KEY`, at `at`.
fn sensors_and_battle_management(at: &str) -> Vec<Datum> {
    let t = |k: &str| format!("tracking_layer.{k}");
    let b = |k: &str| format!("battle_management.{k}");
    vec![
        Datum::new(
            t("count"),
            f64::from(TRACKING_COUNT),
            "satellites",
            Basis::assumed(
                28.0,
                200.0,
                "the default scenario's tracking layer, Walker 96/8/1 at 1,000 km; from SDA's 28 \
                 Tranche 1 satellites to a layer covering every latitude twice over",
            ),
        ),
        Datum::new(
            t("unit_cost_musd"),
            TRACKING_UNIT_MUSD,
            "$M",
            Basis::cited_range(
                SDA_T1,
                40.0,
                100.0,
                "learning on a longer buy to a larger satellite (\"twice the size\" of a \
                 Transport Layer one) with a more capable sensor; 2022 dollars are about 15% \
                 below 2026's",
            ),
        ),
        Datum::new(
            t("development_musd"),
            TRACKING_DEVELOPMENT_MUSD,
            "$M",
            Basis::assumed(
                1_000.0,
                5_000.0,
                "no open figure for a missile-tracking layer's development; a new sensor \
                 payload and ground processing, of the order of a major space programme's",
            ),
        ),
        Datum::new(
            t("development_years"),
            f64::from(TRACKING_DEVELOPMENT_YEARS),
            "years",
            Basis::assumed(
                2.0,
                5.0,
                "SDA's two-year tranches to a conventional five-year development",
            ),
        ),
        Datum::new(
            t("deploy_year"),
            f64::from(TRACKING_DEPLOY_YEAR),
            "year",
            Basis::assumed(
                1.0,
                5.0,
                "fielding from the third year, as SDA's tranches follow their awards in about \
                 two years; up to the end of a five-year development",
            ),
        ),
        Datum::new(
            t("mass_kg"),
            TRACKING_MASS_KG,
            "kg",
            Basis::assumed(
                400.0,
                1_500.0,
                "no published mass; \"twice the size\" of a Transport Layer satellite (a few \
                 hundred kg) to a large infrared satellite",
            ),
        ),
        cbo_2026_launch_price(t("launch_usd_per_kg")),
        Datum::new(
            t("life_years"),
            TRACKING_LIFE_YEARS,
            "years",
            Basis::assumed(
                3.0,
                10.0,
                "as CBO's SBIs (5 years); SDA plans tranches every two years, a longer-lived \
                 bus would last ten",
            ),
        ),
        Datum::new(
            t("ops_musd_per_year"),
            TRACKING_OPS_MUSD_PER_YEAR,
            "$M/year",
            Basis::assumed(
                100.0,
                600.0,
                "no open figure; ground stations, data processing and crews for about a hundred \
                 satellites, a third of CBO's $1 billion a year for 7,800 SBIs",
            ),
        ),
        Datum::new(
            t("production_per_year"),
            f64::from(TRACKING_PRODUCTION_PER_YEAR),
            "satellites/year",
            Basis::assumed(
                28.0,
                96.0,
                "half the layer a year; SDA's 28-satellite tranche to the whole layer in a year",
            ),
        ),
        Datum::new(
            t("altitude_km"),
            TRACKING_ALTITUDE_M / 1e3,
            "km",
            Basis::cited_range(
                SDA_ORBIT,
                750.0,
                1_200.0,
                "the tracking layer's orbit, where drag is negligible; SDA's layers fly at about \
                 1,000 km",
            ),
        ),
        Datum::new(
            b("count"),
            f64::from(BM_COUNT),
            "centres",
            Basis::assumed(
                1.0,
                4.0,
                "a primary and a backup operations centre; one to four sites",
            ),
        ),
        Datum::new(
            b("first_unit_musd"),
            BM_FIRST_UNIT_MUSD,
            "$M",
            Basis::assumed(
                500.0,
                3_000.0,
                "no open unit cost of a battle-management centre; CBO 2026 counts command, \
                 control and battle management in its total but the figure is not in the \
                 material we have; a hardened centre with its software and communications",
            ),
        ),
        Datum::new(
            b("learning_slope"),
            BM_LEARNING_SLOPE,
            "",
            Basis::assumed(
                0.8,
                1.0,
                "Crawford unit theory: the second centre reuses the first's design and software; \
                 none to a steep curve",
            ),
        ),
        Datum::new(
            b("development_musd"),
            BM_DEVELOPMENT_MUSD,
            "$M",
            Basis::assumed(
                2_000.0,
                10_000.0,
                "software and integration of every layer's fire control; of the order of a \
                 major command-and-control development",
            ),
        ),
        Datum::new(
            b("development_years"),
            f64::from(BM_DEVELOPMENT_YEARS),
            "years",
            Basis::assumed(3.0, 8.0, "a major software development takes years"),
        ),
        Datum::new(
            b("ops_musd_per_year"),
            BM_OPS_MUSD_PER_YEAR,
            "$M/year",
            Basis::assumed(
                200.0,
                1_000.0,
                "crews around the clock at two centres, software upkeep and communications; no \
                 open figure",
            ),
        ),
    ]
    .into_iter()
    .map(|d| d.at(at))
    .collect()
}

/// The inputs of [`super::cbo_2026_architecture`]: the CBO 2026 SBI
/// layer's, then the tracking layer's and battle management's, each with
/// its basis.
pub fn architecture_basis() -> Vec<Datum> {
    let at = "preset `cbo-2026-architecture`";
    let mut out: Vec<Datum> = cbo_2026_basis().into_iter().map(|d| d.at(at)).collect();
    out.extend(sensors_and_battle_management(at));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every preset input is cited or assumed with a range and a reason.
    #[test]
    fn every_preset_input_has_a_complete_basis() {
        let all: Vec<Datum> = cbo_2026_basis()
            .into_iter()
            .chain(boost_2004_basis())
            .chain(architecture_basis())
            .collect();
        // The sensors' and battle management's unit costs are among them.
        for key in [
            "tracking_layer.unit_cost_musd",
            "battle_management.first_unit_musd",
        ] {
            let d = all.iter().find(|d| d.key == key).expect(key);
            assert!(d.basis.uncertainty.is_some(), "{key}");
        }
        for d in all {
            assert!(d.basis.is_claim(), "{} {}", d.at, d.key);
            assert!(d.basis.is_complete(), "{} {}", d.at, d.key);
            if let Some(u) = d.basis.uncertainty {
                assert!(
                    u.low <= d.value && d.value <= u.high,
                    "{} {}: {} outside {}–{}",
                    d.at,
                    d.key,
                    d.value,
                    u.low,
                    u.high
                );
            }
        }
    }

    /// The listed values are the presets' own.
    #[test]
    fn listed_values_are_the_presets() {
        let spec = super::super::cbo_2026_space_layer();
        let e = &spec.elements[0];
        let list = cbo_2026_basis();
        let v = |k: &str| list.iter().find(|d| d.key == k).map(|d| d.value);
        assert_eq!(v("count"), Some(f64::from(e.count)));
        assert_eq!(v("mass_kg"), Some(e.mass_kg));
        assert_eq!(v("launch_usd_per_kg"), Some(e.launch_usd_per_kg));
        assert_eq!(v("life_years"), e.life_years);
        assert_eq!(v("ops_musd_per_year"), Some(e.ops_musd_per_year));
        let b = super::super::boost_phase_2004_style();
        let list = boost_2004_basis();
        let v = |k: &str| list.iter().find(|d| d.key == k).map(|d| d.value);
        assert_eq!(v("count"), Some(f64::from(b.elements[0].count)));
        assert_eq!(v("mass_kg"), Some(b.elements[0].mass_kg));
        assert_eq!(v("development_musd"), Some(b.elements[0].development_musd));
    }
}
