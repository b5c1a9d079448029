//! The evaluator's sequential answers against its full runs: a question
//! settled from part of a posture's trials has the full run's answer, the
//! trials resume where they stopped, and nothing depends on the threads.

use super::tests::{evaluator, evaluator_with_terminal, options};
use super::*;

/// Postures of the small engagement: 1 to 4 missiles, 0 or 2 decoys per
/// RV, fast burn or not, concentrated or not.
fn postures() -> Vec<Posture> {
    let mut v = Vec::new();
    for missiles in 1..=4 {
        for decoys_per_rv in [0, 2] {
            for fast_burn in [false, true] {
                for concentrated in [false, true] {
                    v.push(Posture {
                        missiles,
                        decoys_per_rv,
                        fast_burn,
                        concentrated,
                        asat_shots: 0,
                    });
                }
            }
        }
    }
    v
}

/// Defenses: the scenario's, more interceptors, fewer carriers.
fn defenses(e: &Evaluator) -> Vec<DefenseSize> {
    let base = e.baseline_defense();
    vec![
        base,
        DefenseSize {
            extra_midcourse: 10,
            ..base
        },
        DefenseSize {
            carriers: 500,
            ..base
        },
    ]
}

/// Every question the searches ask (at most a goal, at least a target),
/// answered from as few trials as settle it, equals the comparison of the
/// full run's mean: exactly when only certain bounds may stop the trials
/// (`z` infinite), and at the default four standard errors on these 32
/// postures × 3 defenses × 6 thresholds too. Asking first does not change
/// the full run's mean once it is asked for (the trials resume), and the
/// sequential answers take fewer trials.
#[test]
fn sequential_answers_equal_the_full_runs() {
    let trials = 300;
    let mut full = evaluator(trials);
    for z in [f64::INFINITY, SEQUENTIAL_Z] {
        let mut e = evaluator(trials);
        e.z = z;
        let mut asked = 0u64;
        for d in defenses(&e) {
            for p in postures() {
                let a = full.arrivals(p, d).unwrap();
                for g in [0.1, 0.5, 1.0, 2.0, 3.0, 6.0] {
                    assert_eq!(
                        e.holds(p, d, g).unwrap(),
                        a <= g,
                        "{p:?} {d:?} ≤ {g} (z {z})"
                    );
                    assert_eq!(
                        e.reaches(p, d, g).unwrap(),
                        a >= g,
                        "{p:?} {d:?} ≥ {g} (z {z})"
                    );
                }
                asked += u64::from(trials);
            }
        }
        assert!(e.trials_run < asked, "z {z}: {} of {asked}", e.trials_run);
        for d in defenses(&e) {
            for p in postures() {
                assert_eq!(
                    e.arrivals(p, d).unwrap().to_bits(),
                    full.arrivals(p, d).unwrap().to_bits()
                );
            }
        }
    }
}

/// A mean to a precision stops at the first check point where its 95%
/// half-width is reached (from the minimum trials on), or runs every
/// trial; with no precision asked it is the full run's mean.
#[test]
fn arrivals_to_a_precision() {
    let mut e = evaluator(1_000);
    let d = e.baseline_defense();
    let p = Posture {
        missiles: 4,
        decoys_per_rv: 2,
        fast_burn: false,
        concentrated: false,
        asat_shots: 0,
    };
    let (_, w, n) = e.arrivals_within(p, d, &[], 1e9).unwrap();
    assert_eq!(n, MIN_PRECISION_TRIALS);
    assert!(w > 0.0);
    let (mean, w, n) = e.arrivals_within(p, d, &[], 0.1).unwrap();
    assert!(w <= 0.1 || n == 1_000, "{w} after {n}");
    assert!(n % CHECK_TRIALS == 0 || n == 1_000, "{n}");
    let full = e.arrivals(p, d).unwrap();
    assert!(
        (mean - full).abs() <= w + 0.1,
        "{mean} ± {w} against {full}"
    );
    let (again, w, n) = e.arrivals_within(p, d, &[], 0.0).unwrap();
    assert_eq!((again.to_bits(), n), (full.to_bits(), 1_000));
    assert!(w > 0.0);
}

/// The arms race, its answers and the trials it runs are the same on one
/// thread and on two.
#[test]
fn arms_race_is_the_same_on_any_thread_count() {
    let race = Race {
        rounds: 3,
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
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let mut e = evaluator_with_terminal(200);
            let r = arms_race(
                &mut e,
                start,
                &race,
                &options(),
                &dc,
                &AttackerCosts::default(),
            )
            .unwrap();
            (format!("{r:?}"), e.evaluations, e.trials_run)
        })
    };
    assert_eq!(run(1), run(2));
}
