//! Tests of the life-cycle cost model: textbook learning curves, the
//! replacement rule, linearity, inflation and the presets.

use proptest::prelude::*;

use super::presets::*;
use super::*;

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs().max(1.0)
}

fn spec(elements: Vec<Element>) -> CostSpec {
    CostSpec {
        base_year: 2026,
        dollars_year: 2026,
        horizon_years: 20,
        inflation: Vec::new(),
        elements,
        solar: SolarActivity::default(),
    }
}

fn run(s: &CostSpec) -> CostResult {
    life_cycle(s).unwrap_or_else(|e| panic!("{e}"))
}

/// Textbook values: at 80% the cumulative average (Wright) and the unit
/// cost (Crawford) at 2, 4, 8 units are 0.8, 0.64, 0.512 of T₁; at 90%,
/// 0.9, 0.81, 0.729.
#[test]
fn textbook_learning_curves() {
    for (slope, expected) in [(0.8, [0.8, 0.64, 0.512]), (0.9, [0.9, 0.81, 0.729])] {
        for (n, want) in [2_u64, 4, 8].into_iter().zip(expected) {
            let wright = average_musd(1.0, Learning::Wright { slope }, n);
            assert!(
                close(wright, want, 1e-12),
                "Wright {slope} at {n}: {wright}"
            );
            let crawford = learning_total_musd(1.0, Learning::Crawford { slope }, n - 1, 1);
            assert!(
                close(crawford, want, 1e-12),
                "Crawford {slope} unit {n}: {crawford}"
            );
        }
    }
}

/// The Euler–Maclaurin tail of Crawford's sum agrees with the sum.
#[test]
fn crawford_tail_matches_the_sum() {
    let learning = Learning::Crawford { slope: 0.85 };
    let b = learning.exponent();
    for (from, units) in [(0_u64, 30_000_u64), (9_990, 50), (20_000, 1), (20_000, 7)] {
        let exact: f64 = (from + 1..=from + units).map(|i| (i as f64).powf(b)).sum();
        let got = learning_total_musd(1.0, learning, from, units);
        assert!(close(got, exact, 1e-12), "{from}+{units}: {got} vs {exact}");
    }
    // A slope of 0.5 (b = −1) takes the logarithmic integral.
    let half = Learning::Crawford { slope: 0.5 };
    let exact: f64 = (1..=20_000_u64).map(|i| 1.0 / i as f64).sum();
    assert!(close(
        learning_total_musd(1.0, half, 0, 20_000),
        exact,
        1e-12
    ));
}

/// CBO's SBI layer: every figure follows from the inputs. The launch
/// capacity lifts 1,840 SBIs of 1,086.8 kg (87 kg of propellant at 400 km)
/// a year, so the layer fills in its fifth year and each cohort is
/// replaced five years later; all 31,200 SBIs are still bought.
#[test]
fn cbo_2026_preset_figures() {
    let s = cbo_2026_space_layer();
    let r = run(&s);
    let sbi = r.element("SBI").cloned().expect("SBI");
    assert_eq!(sbi.units_procured, 31_200);
    assert_eq!(sbi.units_per_year, Some(1_840));
    assert_eq!(sbi.full_strength_year, Some(2030));
    let bought: Vec<u64> = sbi.by_year.iter().map(|y| y.bought).collect();
    let ramp = [1_840, 1_840, 1_840, 1_840, 440];
    for (y, b) in bought.iter().enumerate() {
        assert_eq!(*b, ramp[y % 5], "year {y}");
    }
    let k = sbi.keeping.expect("an orbit");
    assert!((86.0..88.0).contains(&k.propellant_kg), "{k:?}");
    assert!(close(sbi.procurement_musd, 686_400.0, 1e-12));
    let launch = 31_200.0 * sbi.launch_mass_kg * 500.0 / 1e6;
    assert!(close(sbi.launch_musd, launch, 1e-12));
    assert!((16_900.0..17_000.0).contains(&launch), "{launch}");
    assert!(close(sbi.operations_musd, 20_000.0, 1e-12));
    assert!(close(
        sbi.replacement_musd,
        3.0 / 4.0 * (sbi.procurement_musd + sbi.launch_musd),
        1e-12
    ));
    assert!(
        (723_300.0..723_400.0).contains(&r.total_musd),
        "{}",
        r.total_musd
    );
    assert_eq!(r.dollars_year, 2026);
    for y in &r.by_year {
        assert!(close(y.operations_musd, 1_000.0, 1e-12));
    }
    // The gap to CBO's acquisition and the mass it would imply.
    let gap = CBO_2026_SBI_ACQUISITION_MUSD - sbi.procurement_musd;
    assert!(close(gap, 36_600.0, 1e-12));
    let implied_kg = gap * 1e6 / (31_200.0 * CBO_2026_LAUNCH_USD_PER_KG);
    assert!((2_340.0..2_350.0).contains(&implied_kg), "{implied_kg}");
}

/// The altitude is not free: at 300 km the CBO layer's SBIs carry about
/// 1,000 kg of propellant each (1.5 km/s over 5 years), at 500 km about
/// 13 kg. Without rate limits the low layer costs more; with the preset's
/// launch capacity it cannot even be kept at full strength (999 SBIs a
/// year lifted, 1,560 needed), while the high one fills.
#[test]
fn a_low_orbit_costs_more_to_keep_up() {
    let at = |km: f64, limits: bool| {
        let mut s = cbo_2026_space_layer().with_sbi_altitude(km * 1e3);
        if !limits {
            s.elements[0].production_per_year = None;
            s.elements[0].launch_kg_per_year = None;
        }
        run(&s).element("SBI").cloned().expect("SBI")
    };
    let (low, high) = (at(300.0, false), at(500.0, false));
    assert!(
        low.launch_musd > 1.9 * high.launch_musd,
        "{} vs {}",
        low.launch_musd,
        high.launch_musd
    );
    assert!(low.total_musd > high.total_musd + 15_000.0);
    assert_eq!(low.units_procured, high.units_procured);
    let (low, high) = (at(300.0, true), at(500.0, true));
    assert_eq!(low.full_strength_year, None);
    assert_eq!(high.full_strength_year, Some(2029));
    assert!(low.by_year.iter().all(|y| y.in_service < 7_800));
    // The marginal SBI follows (its rates lifted, so that a unit the
    // rates cannot field does not look free): 4 × (22 + 2,000 kg × $500)
    // = $92.0M at 300 km against 4 × (22 + 1,012.5 kg × $500) = $90.0M
    // at 500 km.
    let marginal = |km: f64| {
        let s = cbo_2026_space_layer().with_sbi_altitude(km * 1e3);
        marginal_unit_musd(&s, "SBI").unwrap_or_else(|e| panic!("{e}"))
    };
    assert!(
        (91.9..92.1).contains(&marginal(300.0)),
        "{}",
        marginal(300.0)
    );
    assert!(
        (90.0..90.1).contains(&marginal(500.0)),
        "{}",
        marginal(500.0)
    );
}

/// A budget the rates cannot spend: at 300 km the launch capacity lifts
/// 999 SBIs a year, so no layer above 999 × 5 = 4,995 SBIs of 5-year life
/// is ever at full strength, whatever the money.
#[test]
fn the_rates_cap_what_a_budget_buys() {
    let s = cbo_2026_space_layer().with_sbi_altitude(300e3);
    let a = affordable_units(1e6, &s, "SBI", OpsScaling::PerUnit).unwrap_or_else(|e| panic!("{e}"));
    assert!(a.rate_limited);
    assert!((4_000..=4_995).contains(&a.units), "{a:?}");
    assert!(a.full_strength_year.is_some());
    assert!(a.cost_musd < 1e6);
    // At 400 km the $175 billion, not the rates, sets the count.
    let a = affordable_units(
        ANNOUNCED_BUDGET_MUSD,
        &cbo_2026_space_layer(),
        "SBI",
        OpsScaling::PerUnit,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(!a.rate_limited);
}

/// What $175 billion buys at CBO's unit costs.
#[test]
fn what_175_billion_buys_under_cbo() {
    let s = cbo_2026_space_layer();
    let fixed = affordable_units(ANNOUNCED_BUDGET_MUSD, &s, "SBI", OpsScaling::Fixed)
        .unwrap_or_else(|e| panic!("{e}"));
    // (175,000 − 20,000) / (4 × (22 + 1.0868 × 0.5)) = 1,718.8.
    assert_eq!(fixed.units, 1_718);
    assert!(fixed.cost_musd <= ANNOUNCED_BUDGET_MUSD);
    let per_unit = affordable_units(ANNOUNCED_BUDGET_MUSD, &s, "SBI", OpsScaling::PerUnit)
        .unwrap_or_else(|e| panic!("{e}"));
    // 175,000 / (4 × 22.5434 + 20 × 1,000 / 7,800) = 1,887.2.
    assert_eq!(per_unit.units, 1_887);
    assert_eq!(per_unit.units_procured, 4 * 1_887);
    // 1,887 is more than the 1,840 a year launch lifts: full in 2027.
    assert_eq!(per_unit.full_strength_year, Some(2027));
}

/// The 2004-style preset: learning gives the small buy a higher average,
/// and the budget search is exact at its boundary.
#[test]
fn boost_2004_preset() {
    let s = boost_phase_2004_style();
    let r = run(&s);
    let sbi = r.element("SBI").cloned().expect("SBI");
    assert_eq!(sbi.units_procured, 3_900);
    assert_eq!(sbi.full_strength_year, Some(2030));
    let average = sbi.procurement_musd / 3_900.0;
    assert!(average > CBO_2026_SBI_UNIT_MUSD, "{average}");
    assert!(close(sbi.development_musd, 15_000.0, 1e-12));
    // Nothing is bought before deployment in year 5.
    assert!(r.by_year[..5].iter().all(|y| y.procurement_musd == 0.0));
    let a = affordable_units(ANNOUNCED_BUDGET_MUSD, &s, "SBI", OpsScaling::PerUnit)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut more = s.clone();
    more.elements[0].count = a.units + 1;
    more.elements[0].ops_musd_per_year *= f64::from(a.units + 1) / 1_300.0;
    assert!(a.cost_musd <= ANNOUNCED_BUDGET_MUSD);
    assert!(run(&more).total_musd > ANNOUNCED_BUDGET_MUSD);
    // The figures docs/validation.md quotes: $171.6 billion over 20 years
    // (CBO 2025: $161 to $542 billion), and what $175 billion buys.
    assert!(
        (171_000.0..172_000.0).contains(&r.total_musd),
        "{}",
        r.total_musd
    );
    assert_eq!(a.units, 1_335);
}

#[test]
fn breakdowns_add_up() {
    let mut s = cbo_2026_space_layer();
    s.elements.push(Element {
        development_musd: 10_000.0,
        development_years: 4,
        life_years: Some(7.0),
        mass_kg: 500.0,
        launch_usd_per_kg: 500.0,
        ops_musd_per_year: 300.0,
        deploy_year: 3,
        ..Element::new("tracking layer", "sensors", 100, 40.0)
    });
    s.elements.push(Element {
        ops_musd_per_year: 500.0,
        ..Element::new("C2BMC", "battle management", 1, 2_000.0)
    });
    let r = run(&s);
    let sum_years: f64 = r.by_year.iter().map(YearCost::total_musd).sum();
    let sum_layers: f64 = r.by_layer.iter().map(|l| l.1).sum();
    let sum_categories: f64 = r.by_category.iter().map(|c| c.1).sum();
    for sum in [sum_years, sum_layers, sum_categories] {
        assert!(close(sum, r.total_musd, 1e-12), "{sum} vs {}", r.total_musd);
    }
    let names: Vec<&str> = r.by_layer.iter().map(|l| l.0.as_str()).collect();
    assert_eq!(names, ["space", "sensors", "battle management"]);
    // 17 years of a 7-year life: ⌈17/7⌉ = 3 sets, in years 3, 10, 17.
    let tracking = r
        .element("tracking layer")
        .cloned()
        .expect("tracking layer");
    assert_eq!(tracking.units_procured, 300);
    let years: Vec<usize> = (0..20)
        .filter(|&y| tracking.by_year[y].bought > 0)
        .collect();
    assert_eq!(years, [3, 10, 17]);
    assert!(close(tracking.development_musd, 10_000.0, 1e-12));
    assert!(close(r.by_year[0].development_musd, 2_500.0, 1e-12));
    let sbi_in_17: f64 = {
        let sbi = r.element("SBI").expect("SBI");
        let f = sbi.by_year[17];
        assert_eq!(f.bought, f.replacements);
        f.bought as f64 * (22.0 + sbi.launch_mass_kg * 500.0 / 1e6)
    };
    assert!(close(
        r.by_year[17].replacement_musd,
        4_000.0 + 25.0 + sbi_in_17,
        1e-12
    ));
    assert!(close(tracking.operations_musd, 17.0 * 300.0, 1e-12));
    assert_eq!(r.units_procured[2], ("C2BMC".to_owned(), 1));
}

#[test]
fn inflation_converts_to_base_year_dollars() {
    let mut s = spec(vec![Element::new("x", "l", 10, 1.0)]);
    s.dollars_year = 2020;
    assert!(matches!(
        life_cycle(&s),
        Err(CostError::NoInflationTable { .. })
    ));
    s.inflation = vec![(2020, 0.8), (2026, 1.0)];
    let r = run(&s);
    assert!(close(r.total_musd, 12.5, 1e-12), "{}", r.total_musd);
    s.dollars_year = 2019;
    assert!(matches!(
        life_cycle(&s),
        Err(CostError::OutsideInflationTable { year: 2019, .. })
    ));
}

#[test]
fn bad_inputs_are_errors() {
    let base = Element::new("x", "l", 10, 1.0);
    let cases = [
        Element {
            life_years: Some(0.0),
            ..base.clone()
        },
        Element {
            unit: UnitCost::FirstUnit {
                musd: 1.0,
                learning: Learning::Wright { slope: 1.2 },
            },
            ..base.clone()
        },
        Element {
            unit: UnitCost::FirstUnit {
                musd: 1.0,
                learning: Learning::Crawford { slope: 0.0 },
            },
            ..base.clone()
        },
        Element {
            ops_musd_per_year: -1.0,
            ..base.clone()
        },
        Element {
            deploy_year: 20,
            ..base.clone()
        },
        Element {
            development_musd: 5.0,
            development_years: 0,
            ..base.clone()
        },
        Element {
            life_years: Some(1e-6),
            ..base.clone()
        },
    ];
    for e in cases {
        let got = life_cycle(&spec(vec![e.clone()]));
        assert!(
            matches!(got, Err(CostError::Element { .. })),
            "{e:?}: {got:?}"
        );
    }
    assert!(matches!(
        life_cycle(&spec(vec![base.clone(), base.clone()])),
        Err(CostError::DuplicateName(_))
    ));
    let mut long = spec(vec![]);
    long.horizon_years = 101;
    assert!(matches!(life_cycle(&long), Err(CostError::Horizon(101))));
    let s = spec(vec![base]);
    assert!(matches!(
        affordable_units(1.0, &s, "y", OpsScaling::Fixed),
        Err(CostError::UnknownElement(_))
    ));
    assert!(matches!(
        affordable_units(-1.0, &s, "x", OpsScaling::Fixed),
        Err(CostError::Budget(_))
    ));
}

/// Fixed costs alone over the budget buy nothing.
#[test]
fn a_budget_below_the_fixed_costs_buys_nothing() {
    let s = spec(vec![Element {
        development_musd: 100.0,
        ..Element::new("x", "l", 10, 1.0)
    }]);
    let a = affordable_units(50.0, &s, "x", OpsScaling::Fixed).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a.units, 0);
    assert!(a.cost_musd > 50.0);
}

fn learning_strategy() -> impl Strategy<Value = Learning> {
    prop_oneof![
        Just(Learning::None),
        (0.5..=1.0_f64).prop_map(|slope| Learning::Wright { slope }),
        (0.5..=1.0_f64).prop_map(|slope| Learning::Crawford { slope }),
    ]
}

proptest! {
    /// Without learning, cost is linear in count.
    #[test]
    fn cost_is_linear_in_count_without_learning(
        count in 1_u32..5_000,
        k in 2_u32..6,
        unit in 0.1..100.0_f64,
        mass in 0.0..3_000.0_f64,
        life in 1.0..30.0_f64,
    ) {
        let one = |n: u32| {
            let mut s = spec(vec![Element {
                mass_kg: mass,
                launch_usd_per_kg: 500.0,
                life_years: Some(life),
                ..Element::new("x", "l", n, unit)
            }]);
            s.horizon_years = 20;
            run(&s).total_musd
        };
        prop_assert!(close(one(count * k), f64::from(k) * one(count), 1e-9));
    }

    /// Without rate limits: count × ⌈horizon/life⌉ units. With a
    /// production limit the same units are bought when the rate can
    /// sustain them (rate × life ≥ count), and never more than the rate a
    /// year.
    #[test]
    fn replacements_follow_the_life(
        count in 0_u32..10_000,
        life in 0.5..40.0_f64,
        horizon in 1_u32..100,
        rate in 1_u32..20_000,
    ) {
        let mut s = spec(vec![Element { life_years: Some(life), ..Element::new("x", "l", count, 1.0) }]);
        s.horizon_years = horizon;
        let sets = (f64::from(horizon) / life - 1e-9).ceil().max(1.0) as u64;
        prop_assert_eq!(run(&s).units_procured[0].1, u64::from(count) * sets);
        s.elements[0].production_per_year = Some(rate);
        let r = run(&s);
        let e = &r.by_element[0];
        prop_assert!(e.by_year.iter().all(|y| y.bought <= u64::from(rate)));
        prop_assert!(e.by_year.iter().all(|y| y.in_service <= u64::from(count)));
        prop_assert!(e.units_procured <= u64::from(count) * sets);
    }

    /// A slope of 1 is no learning, in either theory.
    #[test]
    fn slope_one_is_no_learning(
        t1 in 0.1..100.0_f64,
        from in 0_u64..50_000,
        units in 0_u64..50_000,
    ) {
        let none = learning_total_musd(t1, Learning::None, from, units);
        for l in [Learning::Wright { slope: 1.0 }, Learning::Crawford { slope: 1.0 }] {
            prop_assert!(close(learning_total_musd(t1, l, from, units), none, 1e-12));
        }
        prop_assert!(close(none, t1 * units as f64, 1e-12));
    }

    /// Batches add up: learning continues across buys.
    #[test]
    fn batches_continue_the_count(
        l in learning_strategy(),
        a in 0_u64..20_000,
        b in 0_u64..20_000,
    ) {
        let whole = learning_total_musd(1.0, l, 0, a + b);
        let split = learning_total_musd(1.0, l, 0, a) + learning_total_musd(1.0, l, a, b);
        prop_assert!(close(whole, split, 1e-9), "{} vs {}", whole, split);
    }

    /// More units never cost less, so the budget search is sound.
    #[test]
    fn cost_never_falls_with_count(
        l in learning_strategy(),
        n in 1_u64..100_000,
    ) {
        let a = learning_total_musd(1.0, l, 0, n);
        let b = learning_total_musd(1.0, l, 0, n + 1);
        prop_assert!(b >= a);
    }
}
