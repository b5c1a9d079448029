use super::plan::{Plan, PlanArea, PlanInput};
use super::run::monte_carlo;
use super::*;
use crate::sizing::tests::default_launch;
use cupola_physics::frames::Geodetic;
use cupola_threat::Trajectory;

mod battle;

pub(super) fn trajectory() -> Trajectory {
    default_launch().solve().unwrap().trajectory
}

/// One midcourse site at Fort Greely, Alaska (cued 300 s after lift-off),
/// with the given inventory, kill probability and doctrine.
pub(super) fn site(inventory: u32, pk: f64, doctrine: Doctrine, assess_s: f64) -> MidcourseSite {
    MidcourseSite {
        name: "Fort Greely".into(),
        site: Geodetic::from_degrees(63.95, -145.7, 400.0),
        inventory,
        pk,
        flyout_speed_m_s: 7_000.0,
        doctrine,
        assess_s,
        kill_assessment: 1.0,
        decision_s: 30.0,
        discrimination: 0.0,
        reserve: 0.0,
        sensor: "tracking".into(),
    }
}

pub(super) fn spec(salvo: u32, trials: u32, midcourse: Vec<MidcourseSite>) -> EngageSpec {
    EngageSpec {
        areas: vec![crate::raid::LaunchArea::at("test", 0, salvo)],
        decoys_per_rv: 0,
        trials,
        detection_jitter_s: 0.0,
        assignment: Assignment::Greedy,
        allocation: Allocation::Doctrine,
        boost: None,
        midcourse,
        terminal: Vec::new(),
        assets: Vec::new(),
        salvo_sweep: Vec::new(),
        asat_shots: 0,
    }
}

pub(super) fn plan_of(spec: &EngageSpec, tr: &Trajectory, rvs: u32) -> Plan {
    let cues = vec![Some(300.0); spec.midcourse.len()];
    let terminal = vec![Some(300.0); spec.terminal.len()];
    one_area(spec, tr, rvs, &cues, &terminal, None, None)
}

/// The plan of `spec` with one launch area: the spec's salvo of copies of
/// `tr`, cued as given, with the boost layer `sbi` reporting at 30 s.
pub(super) fn one_area(
    spec: &EngageSpec,
    tr: &Trajectory,
    rvs: u32,
    midcourse_cue_s: &[Option<f64>],
    terminal_cue_s: &[Option<f64>],
    sbi: Option<&crate::sizing::SbiLayerSpec>,
    table: Option<std::sync::Arc<cupola_defense::reach::ReachTable>>,
) -> Plan {
    Plan::build(&PlanInput {
        spec,
        areas: &[PlanArea {
            area: &spec.areas[0],
            trajectory: tr,
            rvs,
            midcourse_cue_s,
            terminal_cue_s,
            detection_s: 30.0,
            table,
        }],
        sbi,
        seed: if sbi.is_some() { 3 } else { 1 },
    })
    .unwrap()
}

/// Independent shots: with p = 12/21 (the GMD intercept-test record, 12
/// hits in 21 tests), a barrage of n shots kills with 1 − (1 − p)ⁿ =
/// 0.571, 0.816, 0.921, 0.966 for n = 1–4; the Monte Carlo of one re-entry
/// vehicle agrees within 2σ (20,000 trials).
#[test]
fn independent_shots_match_the_closed_form() {
    let tr = trajectory();
    let p: f64 = 12.0 / 21.0;
    for (n, want) in [(1, 0.571), (2, 0.816), (3, 0.921), (4, 0.966)] {
        let closed: f64 = 1.0 - (1.0 - p).powi(n as i32);
        assert!((closed - want).abs() < 5e-4, "{n}: {closed}");
        let s = spec(
            1,
            20_000,
            vec![site(10, p, Doctrine::Barrage { shots: n }, 60.0)],
        );
        let r = monte_carlo(&s, &plan_of(&s, &tr, 1), s.trials, 7, &|_| {});
        let sigma = (closed * (1.0 - closed) / 20_000.0).sqrt();
        eprintln!(
            "{n} shots: Monte Carlo {:.4}, closed form {closed:.4}, σ {sigma:.4}",
            r.p_no_leak
        );
        assert!(
            (r.p_no_leak - closed).abs() < 2.0 * sigma,
            "{n} shots: Monte Carlo {} vs {closed} (σ {sigma:.4})",
            r.p_no_leak
        );
        assert!((r.layers[0].rounds - f64::from(n)).abs() < 1e-12);
    }
}

/// Shoot-look-shoot beats a barrage of the same inventory when the
/// timeline allows a kill assessment: three interceptors against two
/// re-entry vehicles (p = 12/21) give P(both killed) = p² + 2p²(1 − p) =
/// 0.606. A barrage of two with marginal-return allocation splits the
/// three rounds 2–1: 0.816 × 0.571 = 0.466; under the doctrine allocation
/// a barrage of two engages one vehicle only (the third round cannot pay
/// for a second salvo), so something always leaks. When the assessment does
/// not fit before re-entry, shoot-look-shoot falls back to a barrage of
/// twice its shots, trial for trial.
#[test]
fn shoot_look_shoot_beats_barrage_when_time_allows() {
    let tr = trajectory();
    let p: f64 = 12.0 / 21.0;
    let run = |d, assess, allocation| {
        let mut s = spec(1, 20_000, vec![site(3, p, d, assess)]);
        s.allocation = allocation;
        monte_carlo(&s, &plan_of(&s, &tr, 2), s.trials, 3, &|_| {})
    };
    let sls = run(
        Doctrine::ShootLookShoot { shots: 1 },
        60.0,
        Allocation::Doctrine,
    );
    let spread = run(
        Doctrine::Barrage { shots: 2 },
        60.0,
        Allocation::MarginalReturn,
    );
    let barrage = run(Doctrine::Barrage { shots: 2 }, 60.0, Allocation::Doctrine);
    let sigma = (0.25f64 / 20_000.0).sqrt();
    assert!(
        (sls.p_no_leak - (p * p + 2.0 * p * p * (1.0 - p))).abs() < 3.0 * sigma,
        "{}",
        sls.p_no_leak
    );
    assert!(
        (spread.p_no_leak - (1.0 - (1.0 - p).powi(2)) * p).abs() < 3.0 * sigma,
        "{}",
        spread.p_no_leak
    );
    assert_eq!(barrage.p_no_leak, 0.0);
    assert_eq!(
        (barrage.layers[0].engaged, barrage.layers[0].rounds),
        (1.0, 2.0)
    );
    assert!(sls.p_no_leak > spread.p_no_leak + 0.1);
    // No time to look: the same as a barrage of two, draw for draw.
    let late = run(
        Doctrine::ShootLookShoot { shots: 1 },
        5_000.0,
        Allocation::Doctrine,
    );
    assert_eq!(late, barrage);
}

/// Same seed, same answer: on one and two threads, and run after run.
#[test]
fn deterministic_across_threads_and_runs() {
    let tr = trajectory();
    let mut s = spec(
        4,
        3_000,
        vec![site(6, 0.6, Doctrine::ShootLookShoot { shots: 1 }, 60.0)],
    );
    s.decoys_per_rv = 2;
    s.detection_jitter_s = 30.0;
    s.midcourse[0].discrimination = 0.5;
    let plan = plan_of(&s, &tr, 3);
    let run = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| monte_carlo(&s, &plan, s.trials, 11, &|_| {}))
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(2));
    assert!(one.layers[0].decoy_kills > 0.0);
}

/// The probability of a leak does not fall as the salvo grows (common
/// random numbers; tolerance two standard errors of the difference).
#[test]
fn leak_probability_is_non_decreasing_in_salvo_size() {
    let tr = trajectory();
    let mut last: Option<(f64, f64)> = None;
    for n in 1..=10 {
        let s = spec(
            n,
            4_000,
            vec![site(8, 0.7, Doctrine::ShootLookShoot { shots: 1 }, 60.0)],
        );
        let r = monte_carlo(&s, &plan_of(&s, &tr, 1), s.trials, 5, &|_| {});
        let leak = 1.0 - r.p_no_leak;
        if let Some((prev, se)) = last {
            assert!(leak >= prev - 2.0 * se, "salvo {n}: {leak} after {prev}");
        }
        last = Some((leak, (2.0 * 0.25 / 4_000f64).sqrt()));
    }
    assert!(
        last.unwrap().0 > 0.9,
        "ten missiles against eight interceptors leak"
    );
}

/// Exact assignment (Hungarian on shot slots) and greedy (maximum marginal
/// return) agree where greedy is optimal: one site, identical kill
/// probabilities, four interceptors against three re-entry vehicles
/// under marginal-return allocation (P(no leak) = 0.816 × 0.571² for the
/// best split 2-1-1).
#[test]
fn exact_and_greedy_agree_where_greedy_is_optimal() {
    let tr = trajectory();
    let p: f64 = 12.0 / 21.0;
    let mut s = spec(
        1,
        20_000,
        vec![site(4, p, Doctrine::Barrage { shots: 2 }, 60.0)],
    );
    s.allocation = Allocation::MarginalReturn;
    let greedy = monte_carlo(&s, &plan_of(&s, &tr, 3), s.trials, 9, &|_| {});
    s.assignment = Assignment::Exact;
    let exact = monte_carlo(&s, &plan_of(&s, &tr, 3), s.trials, 9, &|_| {});
    let want = (1.0 - (1.0 - p).powi(2)) * p * p;
    let sigma = (want * (1.0 - want) / 20_000.0).sqrt();
    for r in [&greedy, &exact] {
        assert!(
            (r.p_no_leak - want).abs() < 3.0 * sigma,
            "{} vs {want}",
            r.p_no_leak
        );
        assert!((r.layers[0].rounds - 4.0).abs() < 1e-12);
    }
}

/// The reserve is held back from both looks of an early wave: with two
/// interceptors, half in reserve, and two waves of one re-entry vehicle,
/// shoot-look-shoot that (almost) never kills spends one round per wave (a second
/// look in the first wave would eat the second wave's reserve).
#[test]
fn reserve_holds_through_second_looks() {
    let tr = trajectory();
    let mut s = spec(
        2,
        50,
        vec![site(2, 1e-12, Doctrine::ShootLookShoot { shots: 1 }, 60.0)],
    );
    s.areas[0].window_s = 60.0;
    s.midcourse[0].reserve = 0.5;
    let r = monte_carlo(&s, &plan_of(&s, &tr, 1), s.trials, 1, &|_| {});
    assert!(
        (r.layers[0].engaged - 2.0).abs() < 1e-12,
        "{:?}",
        r.layers[0]
    );
    assert!((r.layers[0].rounds - 2.0).abs() < 1e-12);
}
