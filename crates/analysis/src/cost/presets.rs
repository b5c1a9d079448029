//! Cost presets with cited inputs, and the published figures to compare
//! them with. The model computes every total from the inputs: no published
//! total is an input.
//!
//! Sources:
//!
//! - **CBO 2026**: Congressional Budget Office, *Potential Costs of a
//!   National Missile Defense System* (May 2026,
//!   <https://www.cbo.gov/publication/62422>), a notional system consistent
//!   with the executive order "The Iron Dome for America", all in 2026
//!   dollars: $1.191 trillion over 20 years in total; acquiring 7,800
//!   space-based interceptors (SBIs) $723 billion, plus $1 billion a year
//!   to operate them ($20 billion over 20 years), a $743 billion SBI
//!   subtotal; assumptions: $22 million average per SBI, a 5-year life,
//!   $500 per kg to orbit (as reported, e.g. by OSINTsights and Military
//!   Times, May 2026). The SBI mass is not in the material we have.
//! - **CBO 2025**: CBO, letter to Senators Fischer and King, *Effects of
//!   Lower Launch Costs on Previous Estimates for Space-Based, Boost-Phase
//!   Missile Defense* (May 5, 2025): lower launch prices alone cut the
//!   20-year cost of the SBI constellations of CBO's *Alternatives for
//!   Boost-Phase Missile Defense* (July 2004) and the National Research
//!   Council's *Making Sense of Ballistic Missile Defense* (2012) by 30 to
//!   40 percent, from $264 billion to $161 billion for the lowest-cost
//!   alternative and from $831 billion to $542 billion for the highest (2025
//!   dollars); press reports of the letter give 1,300 and 2,000 interceptors
//!   for the two (Global Defense / C4ISRNET, May 2025).
//! - **SDA Tranche 1 Tracking Layer** (awards of 18 July 2022, as reported
//!   by Via Satellite and SpaceNews): 28 infrared tracking satellites for
//!   about $1.3 billion ($700 million to L3Harris, $617 million to Northrop
//!   Grumman), about $47 million each in 2022 dollars, in 1,000 km orbits:
//!   the unit cost of the tracking layer of the architecture preset. CBO
//!   2026 counts sensors and battle management in its whole-system total,
//!   but their costs are not in the material we have: every other input of
//!   those two elements is an assumption, each with its range.

mod basis;
mod set;

pub use basis::{architecture_basis, boost_2004_basis, cbo_2026_basis};
pub use set::set_input;

use super::orbit::{OrbitKeeping, SBI_ALTITUDE_M, SBI_BALLISTIC_KG_M2, SBI_ISP_S, SolarActivity};
use super::{CostSpec, Element, Learning, UnitCost, learning};

/// The $175 billion announced for the shield (the White House, May 2025),
/// millions of dollars.
pub const ANNOUNCED_BUDGET_MUSD: f64 = 175_000.0;

/// SBIs in CBO's notional space layer (CBO 2026).
pub const CBO_2026_SBI_COUNT: u32 = 7_800;

/// Average cost of an SBI, millions of 2026 dollars (CBO 2026).
pub const CBO_2026_SBI_UNIT_MUSD: f64 = 22.0;

/// Service life of an SBI, years (CBO 2026).
pub const CBO_2026_SBI_LIFE_YEARS: f64 = 5.0;

/// Launch price, 2026 dollars per kg (CBO 2026: "lower than typical launch
/// costs today", thought achievable with heavy-lift rockets such as
/// Starship).
pub const CBO_2026_LAUNCH_USD_PER_KG: f64 = 500.0;

/// Operating the SBIs, millions of 2026 dollars a year (CBO 2026).
pub const CBO_2026_SBI_OPS_MUSD_PER_YEAR: f64 = 1_000.0;

/// **Assumption**, not a CBO figure: the mass launched per SBI, kg. CBO's
/// inputs give 7,800 × 4 sets × $22 million = $686.4 billion of
/// procurement; its $723 billion acquisition leaves $36.6 billion for
/// launch and everything else, which would be about 2,350 kg per SBI at
/// $500/kg if it were all launch. We take 1,000 kg (a boost-phase
/// interceptor with its share of a carrier, of the order of the ~1.25 t per
/// interceptor implied by APS 2003, see [`BOOST_2004_SBI_MASS_KG`], less
/// margin), giving $15.6 billion of launch; the remaining $21 billion of
/// CBO's acquisition is what CBO counts that this model does not
/// (development and integration of the SBI, carriers or dispensers, the
/// ground segment, heavier SBIs) — we cannot tell which from the
/// published summary.
pub const CBO_2026_SBI_MASS_KG: f64 = 1_000.0;

/// CBO 2026's published 20-year total for the whole notional system
/// (all layers), millions of 2026 dollars. For comparison only.
pub const CBO_2026_TOTAL_MUSD: f64 = 1_191_000.0;

/// CBO 2026's cost of acquiring 7,800 SBIs over 20 years, millions of 2026
/// dollars. For comparison only.
pub const CBO_2026_SBI_ACQUISITION_MUSD: f64 = 723_000.0;

/// CBO 2026's SBI subtotal (acquisition and 20 years of operations),
/// millions of 2026 dollars. For comparison only.
pub const CBO_2026_SBI_SUBTOTAL_MUSD: f64 = 743_000.0;

/// CBO 2025's lowest and highest 20-year SBI constellation costs at
/// today's launch prices, millions of 2025 dollars. For comparison only.
pub const CBO_2025_RANGE_MUSD: (f64, f64) = (161_000.0, 542_000.0);

/// SBIs of the 2004-style preset: the lowest-cost alternative of the CBO
/// 2025 letter, as reported (1,300).
pub const BOOST_2004_SBI_COUNT: u32 = 1_300;

/// **Assumption**: the learning slope of the 2004-style preset, 85%
/// Wright (a common slope for aerospace production; no source gives one
/// for SBIs).
pub const BOOST_2004_LEARNING_SLOPE: f64 = 0.85;

/// **Assumption**: the mass launched per SBI in the 2004-style preset,
/// kg: APS 2003 (*Report of the APS Study Group on Boost-Phase Intercept
/// Systems for National Missile Defense*) found at least 1,600
/// interceptors weighing about 2,000 metric tons in all (as reported by
/// T. Hitchens, Space News, 21 July 2003), about 1,250 kg each.
pub const BOOST_2004_SBI_MASS_KG: f64 = 1_250.0;

/// **Assumption**: the launch price of the 2004-style preset, 2025 dollars
/// per kg: a Falcon 9 at $62 million for 22,800 kg to LEO, $2,720/kg (NASA
/// figures quoted by W. Whitman Cobb, The Conversation, March 2019), i.e.
/// today's price rather than CBO 2026's hoped-for $500.
pub const BOOST_2004_LAUNCH_USD_PER_KG: f64 = 2_720.0;

/// **Assumption**: development of the 2004-style SBI, millions of 2025
/// dollars, spread over [`BOOST_2004_DEVELOPMENT_YEARS`] (uncited; of the
/// order of a major defense development program).
pub const BOOST_2004_DEVELOPMENT_MUSD: f64 = 15_000.0;

/// **Assumption**: years of development of the 2004-style SBI; the
/// constellation is fielded when it ends.
pub const BOOST_2004_DEVELOPMENT_YEARS: u32 = 5;

/// **Assumption**: SBIs the production line delivers a year, for both
/// presets. Neither CBO study published here gives a rate. The largest
/// satellite line on record builds Starlink satellites at 70 a week,
/// 3,640 a year (SpaceX, August 2025, as reported by PCMag); an SBI
/// carries a rocket and is unlikely to be built faster. 2,000 a year is
/// above the 1,560 a year that replacing 7,800 SBIs of 5-year life needs.
/// Range 1,000 to 3,640.
pub const SBI_PRODUCTION_PER_YEAR: u32 = 2_000;

/// **Assumption**: mass to orbit a year for the SBI layer's launches, kg,
/// for both presets: 2,000 t, about twenty flights a year of a
/// Starship-class heavy lifter at ~100 t each (the kind of rocket CBO 2026
/// says its $500/kg presumes). Range 1,000 t to 10,000 t.
pub const SBI_LAUNCH_KG_PER_YEAR: f64 = 2.0e6;

/// The SBI orbit of the presets: [`SBI_ALTITUDE_M`] (replaced by the
/// scenario's `[sbi]` altitude when there is one), with the assumed
/// ballistic coefficient and thruster of [`super::orbit`].
fn sbi_orbit() -> OrbitKeeping {
    OrbitKeeping {
        altitude_m: SBI_ALTITUDE_M,
        ballistic_kg_m2: SBI_BALLISTIC_KG_M2,
        isp_s: SBI_ISP_S,
    }
}

/// CBO's notional space layer (CBO 2026): 7,800 SBIs at a $22 million
/// average, a 5-year life, $500/kg launch, $1 billion a year to operate
/// (from year 0), 20 years, 2026 dollars, no development line. Our
/// assumptions: the SBI mass, [`CBO_2026_SBI_MASS_KG`] = 1,000 kg; the
/// rates, [`SBI_PRODUCTION_PER_YEAR`] and [`SBI_LAUNCH_KG_PER_YEAR`]; the
/// orbit, 400 km held by a 220 s thruster against the drag of moderate
/// solar activity ([`super::orbit`]). At 400 km an SBI makes up about 36
/// m/s a year, 87 kg of propellant over 5 years, so 1,840 SBIs a year
/// fit the launch capacity: the layer fills in its fifth year (1,840 a
/// year for four years, then 440), and each cohort is replaced five years
/// after it was fielded. All 31,200 SBIs of CBO's 4 sets are still bought
/// within the 20 years; the model gives $686.4 billion of procurement,
/// $17.0 billion of launch and $20 billion of operations, $723.4 billion
/// in all, against CBO's $743 billion SBI subtotal (the difference is
/// explained at [`CBO_2026_SBI_MASS_KG`]).
pub fn cbo_2026_space_layer() -> CostSpec {
    CostSpec {
        base_year: 2026,
        dollars_year: 2026,
        horizon_years: 20,
        inflation: Vec::new(),
        elements: vec![Element {
            mass_kg: CBO_2026_SBI_MASS_KG,
            launch_usd_per_kg: CBO_2026_LAUNCH_USD_PER_KG,
            life_years: Some(CBO_2026_SBI_LIFE_YEARS),
            ops_musd_per_year: CBO_2026_SBI_OPS_MUSD_PER_YEAR,
            production_per_year: Some(SBI_PRODUCTION_PER_YEAR),
            launch_kg_per_year: Some(SBI_LAUNCH_KG_PER_YEAR),
            orbit: Some(sbi_orbit()),
            ..Element::new("SBI", "space", CBO_2026_SBI_COUNT, CBO_2026_SBI_UNIT_MUSD)
        }],
        solar: SolarActivity::default(),
    }
}

/// A boost-phase SBI layer in the style of CBO 2004 / NRC 2012, at today's
/// launch prices, 20 years in 2025 dollars. Inputs, each cited or marked
/// as an assumption:
///
/// - 1,300 SBIs in orbit ([`BOOST_2004_SBI_COUNT`], the lowest-cost
///   alternative of the CBO 2025 letter, as reported);
/// - a 5-year life (CBO 2026's);
/// - a first-unit cost on an 85% Wright curve
///   ([`BOOST_2004_LEARNING_SLOPE`], assumption) chosen so that the
///   curve's average over CBO 2026's 31,200 SBIs is CBO 2026's $22
///   million: the two presets share one production line, and the smaller
///   buy pays more per unit (2026 dollars taken as 2025 dollars, about 3%
///   apart);
/// - 1,250 kg per SBI ([`BOOST_2004_SBI_MASS_KG`], from APS 2003);
/// - $2,720/kg launch ([`BOOST_2004_LAUNCH_USD_PER_KG`], a Falcon 9);
/// - $15 billion of development over 5 years, the constellation fielded
///   in year 5 ([`BOOST_2004_DEVELOPMENT_MUSD`], assumption), so 3 sets
///   (3,900 SBIs) over the remaining 15 years;
/// - operations at CBO 2026's rate per SBI ($1 billion a year for 7,800),
///   about $167 million a year;
/// - the rates and orbit of the CBO 2026 preset (assumptions): at 400 km
///   with 1,250 kg SBIs the launch capacity lifts about 1,470 a year, so
///   the 1,300 are fielded in the deploy year, as before, with about 108
///   kg of propellant each.
///
/// The CBO 2025 letter's range for such constellations is $161 billion to
/// $542 billion ([`CBO_2025_RANGE_MUSD`]); this preset is not tuned to it.
pub fn boost_phase_2004_style() -> CostSpec {
    let learning = Learning::Wright {
        slope: BOOST_2004_LEARNING_SLOPE,
    };
    let cbo_units = u64::from(CBO_2026_SBI_COUNT) * 4;
    let first_unit = CBO_2026_SBI_UNIT_MUSD / learning::average_musd(1.0, learning, cbo_units);
    let ops = CBO_2026_SBI_OPS_MUSD_PER_YEAR * f64::from(BOOST_2004_SBI_COUNT)
        / f64::from(CBO_2026_SBI_COUNT);
    CostSpec {
        base_year: 2025,
        dollars_year: 2025,
        horizon_years: 20,
        inflation: Vec::new(),
        elements: vec![Element {
            unit: UnitCost::FirstUnit {
                musd: first_unit,
                learning,
            },
            development_musd: BOOST_2004_DEVELOPMENT_MUSD,
            development_years: BOOST_2004_DEVELOPMENT_YEARS,
            mass_kg: BOOST_2004_SBI_MASS_KG,
            launch_usd_per_kg: BOOST_2004_LAUNCH_USD_PER_KG,
            life_years: Some(CBO_2026_SBI_LIFE_YEARS),
            ops_musd_per_year: ops,
            deploy_year: BOOST_2004_DEVELOPMENT_YEARS,
            production_per_year: Some(SBI_PRODUCTION_PER_YEAR),
            launch_kg_per_year: Some(SBI_LAUNCH_KG_PER_YEAR),
            orbit: Some(sbi_orbit()),
            ..Element::new("SBI", "boost", BOOST_2004_SBI_COUNT, 0.0)
        }],
        solar: SolarActivity::default(),
    }
}

/// Satellites of the architecture preset's tracking layer: the default
/// scenario's low-orbit tracking layer (Walker 96/8/1 at 1,000 km).
/// **Assumption**.
pub const TRACKING_COUNT: u32 = 96;

/// Average cost of a tracking satellite, millions of dollars: the SDA
/// Tranche 1 Tracking Layer's awards (18 July 2022), $1,317 million for
/// 28 satellites, about $47 million each in 2022 dollars, taken as 2026
/// dollars (a low estimate).
pub const TRACKING_UNIT_MUSD: f64 = 47.0;

/// **Assumption**: development of the tracking layer, millions of
/// dollars, over [`TRACKING_DEVELOPMENT_YEARS`].
pub const TRACKING_DEVELOPMENT_MUSD: f64 = 2_000.0;

/// **Assumption**: years of development of the tracking layer; it is
/// fielded from [`TRACKING_DEPLOY_YEAR`].
pub const TRACKING_DEVELOPMENT_YEARS: u32 = 3;

/// **Assumption**: the year fielding of the tracking layer starts.
pub const TRACKING_DEPLOY_YEAR: u32 = 2;

/// **Assumption**: mass launched per tracking satellite, kg ("twice the
/// size" of a Transport Layer satellite).
pub const TRACKING_MASS_KG: f64 = 700.0;

/// **Assumption**: service life of a tracking satellite, years (as CBO's
/// SBIs).
pub const TRACKING_LIFE_YEARS: f64 = 5.0;

/// **Assumption**: operating the tracking layer, millions of dollars a
/// year.
pub const TRACKING_OPS_MUSD_PER_YEAR: f64 = 300.0;

/// **Assumption**: tracking satellites built a year (half the layer).
pub const TRACKING_PRODUCTION_PER_YEAR: u32 = 48;

/// The tracking layer's orbit, m: 1,000 km, where drag is negligible.
pub const TRACKING_ALTITUDE_M: f64 = 1.0e6;

/// **Assumption**: battle-management operations centres.
pub const BM_COUNT: u32 = 2;

/// **Assumption**: the first operations centre with its software,
/// millions of dollars; the second follows a Crawford curve of slope
/// [`BM_LEARNING_SLOPE`].
pub const BM_FIRST_UNIT_MUSD: f64 = 1_500.0;

/// **Assumption**: the battle-management learning slope (the second
/// centre costs 90% of the first).
pub const BM_LEARNING_SLOPE: f64 = 0.9;

/// **Assumption**: development of command, control and battle
/// management, millions of dollars, over [`BM_DEVELOPMENT_YEARS`].
pub const BM_DEVELOPMENT_MUSD: f64 = 5_000.0;

/// **Assumption**: years of battle-management development.
pub const BM_DEVELOPMENT_YEARS: u32 = 5;

/// **Assumption**: operating battle management, millions of dollars a
/// year.
pub const BM_OPS_MUSD_PER_YEAR: f64 = 500.0;

/// The tracking layer of the architecture preset: [`TRACKING_COUNT`]
/// satellites at the SDA Tranche 1 unit cost, CBO 2026's launch price,
/// the rest assumed (the constants above).
pub fn tracking_layer() -> Element {
    Element {
        development_musd: TRACKING_DEVELOPMENT_MUSD,
        development_years: TRACKING_DEVELOPMENT_YEARS,
        mass_kg: TRACKING_MASS_KG,
        launch_usd_per_kg: CBO_2026_LAUNCH_USD_PER_KG,
        life_years: Some(TRACKING_LIFE_YEARS),
        ops_musd_per_year: TRACKING_OPS_MUSD_PER_YEAR,
        deploy_year: TRACKING_DEPLOY_YEAR,
        production_per_year: Some(TRACKING_PRODUCTION_PER_YEAR),
        orbit: Some(OrbitKeeping {
            altitude_m: TRACKING_ALTITUDE_M,
            ballistic_kg_m2: SBI_BALLISTIC_KG_M2,
            isp_s: SBI_ISP_S,
        }),
        ..Element::new(
            "tracking layer",
            "sensors",
            TRACKING_COUNT,
            TRACKING_UNIT_MUSD,
        )
    }
}

/// Command, control and battle management of the architecture preset:
/// [`BM_COUNT`] ground centres bought once on a Crawford curve and
/// operated for the horizon (every input assumed).
pub fn battle_management() -> Element {
    Element {
        unit: UnitCost::FirstUnit {
            musd: BM_FIRST_UNIT_MUSD,
            learning: Learning::Crawford {
                slope: BM_LEARNING_SLOPE,
            },
        },
        development_musd: BM_DEVELOPMENT_MUSD,
        development_years: BM_DEVELOPMENT_YEARS,
        ops_musd_per_year: BM_OPS_MUSD_PER_YEAR,
        ..Element::new("battle management", "battle management", BM_COUNT, 0.0)
    }
}

/// CBO's notional space layer ([`cbo_2026_space_layer`]) with a
/// missile-tracking sensor layer ([`tracking_layer`]) and battle
/// management ([`battle_management`]): the sensor and battle-management
/// elements CBO 2026 counts in its whole-system total but whose costs are
/// not in the material we have, each input cited or assumed with its
/// range ([`architecture_basis`]). The surface layers are not in it.
pub fn cbo_2026_architecture() -> CostSpec {
    let mut spec = cbo_2026_space_layer();
    spec.elements.push(tracking_layer());
    spec.elements.push(battle_management());
    spec
}
