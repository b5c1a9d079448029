use super::*;
use crate::engage::study::{EngageArea, EngageInput};
use crate::engage::{
    Allocation, Assignment, BoostLayerSpec, Doctrine, EngageSpec, MidcourseSite, TerminalBattery,
    TerminalKind,
};
use crate::sizing::tests::{default_launch, layer};
use cupola_physics::frames::Geodetic;

/// A small engagement: the default launch against 2,000 SBI carriers (45°,
/// 24 planes, 400 km) and 10 midcourse interceptors at Fort Greely
/// (p = 0.571, shoot-look-shoot).
pub(super) fn evaluator(trials: u32) -> Evaluator {
    build(trials, Vec::new())
}

/// The same engagement with a THAAD-like battery of 2 interceptors at the
/// aim point (pk 0.8, one shot per RV, 200 km footprint, 40–150 km).
pub(super) fn evaluator_with_terminal(trials: u32) -> Evaluator {
    let aim = default_launch().aim;
    build(
        trials,
        vec![TerminalBattery {
            name: "THAAD-like battery".into(),
            site: aim,
            kind: TerminalKind::UpperTier,
            footprint_m: 200e3,
            min_altitude_m: 40e3,
            max_altitude_m: 150e3,
            inventory: 2,
            pk: 0.8,
            doctrine: Doctrine::Barrage { shots: 1 },
            assess_s: 10.0,
            kill_assessment: 1.0,
            sensor: "tracking".into(),
        }],
    )
}

fn build(trials: u32, terminal: Vec<TerminalBattery>) -> Evaluator {
    let n_terminal = terminal.len();
    let launch = default_launch();
    let tr = launch.solve().unwrap().trajectory;
    let mut sbi = layer();
    sbi.altitude_m = 400e3;
    sbi.inclinations_rad = vec![45f64.to_radians()];
    let spec = EngageSpec {
        areas: vec![crate::raid::LaunchArea {
            width_m: 200e3,
            ..crate::raid::LaunchArea::at("default", 0, 1)
        }],
        decoys_per_rv: 0,
        trials,
        detection_jitter_s: 0.0,
        assignment: Assignment::Greedy,
        allocation: Allocation::Doctrine,
        boost: Some(BoostLayerSpec {
            carriers: 2_000,
            pk: 0.8,
            shots: 1,
            pool: 128,
        }),
        midcourse: vec![MidcourseSite {
            name: "Fort Greely".into(),
            site: Geodetic::from_degrees(63.95, -145.7, 400.0),
            inventory: 10,
            pk: 12.0 / 21.0,
            flyout_speed_m_s: 7_000.0,
            doctrine: Doctrine::ShootLookShoot { shots: 1 },
            assess_s: 60.0,
            kill_assessment: 1.0,
            decision_s: 30.0,
            discrimination: 0.0,
            reserve: 0.0,
            sensor: "tracking".into(),
        }],
        terminal,
        assets: Vec::new(),
        salvo_sweep: Vec::new(),
        asat_shots: 0,
    };
    let input = EngageInput {
        spec,
        areas: vec![EngageArea {
            rvs: 3,
            midcourse_cue_s: vec![Some(39.0)],
            terminal_cue_s: vec![Some(39.0); n_terminal],
            detection_s: 38.0,
        }],
        sbi: Some(sbi),
        seed: 1,
    };
    Evaluator::new(input, vec![launch], vec![tr], Some(120.0), trials).unwrap()
}

pub(super) fn options() -> Options {
    Options {
        max_missiles: 4,
        decoys: vec![0, 2],
        fast_burn: true,
        fast_burn_boost_s: 120.0,
        concentrate: true,
        asat: vec![0, 20],
    }
}

/// The attacker's best response equals an exhaustive search over the same
/// options (4 missile counts × 2 decoy loads × fast burn or not ×
/// concentrated or not × 0 or 20 ASAT shots), for several targets and
/// budgets, while evaluating fewer postures.
#[test]
fn best_response_matches_exhaustive_search() {
    let mut e = evaluator(300);
    let c = AttackerCosts::default();
    let d = e.baseline_defense();
    for (target, budget) in [
        (0.5, 1e9),
        (1.5, 1e9),
        (3.0, 1e9),
        (1.5, 400.0),
        (50.0, 1e9),
    ] {
        let before = e.evaluations;
        let fast = best_response(&mut e, &options(), &c, d, target, budget).unwrap();
        let used = e.evaluations - before;
        let mut full = evaluator(300);
        let slow = exhaustive_response(&mut full, &options(), &c, d, target, budget).unwrap();
        assert_eq!(fast, slow, "target {target}, budget {budget}");
        assert!(used <= full.evaluations);
    }
}

/// Posture costs are linear in each count.
#[test]
fn posture_cost_arithmetic() {
    let c = AttackerCosts::default();
    let p = Posture {
        missiles: 10,
        decoys_per_rv: 2,
        fast_burn: true,
        concentrated: false,
        asat_shots: 5,
    };
    let want = 10.0 * (50.0 + 3.0 * (5.0 + 2.0 * 0.5) + 25.0) + 5.0 * 10.0;
    assert!((p.cost_musd(&c, 3) - want).abs() < 1e-9);
    let twice = Posture {
        missiles: 20,
        asat_shots: 0,
        ..p
    };
    let once = Posture { asat_shots: 0, ..p };
    assert!((twice.cost_musd(&c, 3) - 2.0 * once.cost_musd(&c, 3)).abs() < 1e-9);
}

/// More SBIs let less of a strike through; the ABM-Treaty-style cap (100
/// interceptors, one site) does not reduce a 10-interceptor site; a 500
/// carrier cap lets more through than 4,000 uncapped carriers.
#[test]
fn retaliation_fraction_falls_with_defense_and_rises_under_caps() {
    let mut e = evaluator(200);
    let arsenals = vec![Arsenal {
        name: "test".into(),
        warheads: 12,
        source: "test".into(),
        areas: Vec::new(),
    }];
    let r = retaliation(&mut e, &arsenals, &[0, 1_000, 4_000], 0, Caps::default()).unwrap();
    assert!(
        r[0].fraction >= r[1].fraction && r[1].fraction >= r[2].fraction,
        "{r:?}"
    );
    let capped = retaliation(
        &mut e,
        &arsenals,
        &[4_000],
        0,
        Caps {
            midcourse: None,
            sbi: Some(500),
        },
    )
    .unwrap();
    assert_eq!(capped[0].carriers, 500);
    assert!(capped[0].fraction > r[2].fraction);
    assert_eq!(presets()[2].warheads, 1_550);
}

/// The arms race starts from the scenario's defense (its 2,000 carriers,
/// 10 midcourse and 2 terminal interceptors): every round's defense is
/// that posture plus what was bought so far, spending is the cost of the
/// purchases and never falls, a purchase holds the goal against the attack
/// it answered, and the race stops when neither side moves.
#[test]
fn arms_race_starts_from_the_scenario_posture() {
    let mut e = evaluator_with_terminal(200);
    let base = e.baseline_defense();
    assert_eq!(base.carriers, 2_000);
    let race = Race {
        rounds: 4,
        defense: DefenseSearch {
            goal: 0.5,
            max_carriers: 8_000,
            max_interceptors: 40,
            max_terminal: 40,
        },
        offense_goal: 2.0,
        defense_budget_musd: 200_000.0,
        offense_budget_musd: 2_000.0,
    };
    let dc = DefenseCosts {
        sbi_musd: 90.0,
        midcourse_musd: 125.0,
        terminal_musd: 10.2,
    };
    let start = Posture {
        missiles: 2,
        decoys_per_rv: 0,
        fast_burn: false,
        concentrated: false,
        asat_shots: 0,
    };
    let r = arms_race(
        &mut e,
        start,
        &race,
        &options(),
        &dc,
        &AttackerCosts::default(),
    )
    .unwrap();
    assert!(!r.rounds.is_empty() && r.rounds.len() <= 4);
    let mut d = base;
    let mut spent = 0.0;
    let mut attack = start;
    for x in &r.rounds {
        d = x.bought.apply(d);
        spent += x.bought.total_musd();
        assert_eq!(x.defense, d, "round {}", x.round);
        assert!((x.defense_spent_musd - spent).abs() < 1e-6);
        if !x.bought.is_empty() {
            assert!(e.arrivals(attack, d).unwrap() <= race.defense.goal);
        }
        attack = x.posture;
    }
    for w in r.rounds.windows(2) {
        assert!(w[1].defense_spent_musd >= w[0].defense_spent_musd);
    }
    if r.converged {
        let [.., a, b] = r.rounds.as_slice() else {
            panic!("a settled race plays at least two rounds: {r:?}");
        };
        assert_eq!((a.defense, a.posture), (b.defense, b.posture));
    }
}
