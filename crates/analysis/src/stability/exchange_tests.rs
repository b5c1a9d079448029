//! The defense's cheapest answer against exhaustive search: on synthetic
//! monotone arrivals functions (cheap, so every point of the grid can be
//! evaluated) and on a small engagement.

use super::tests::evaluator_with_terminal;
use super::*;
use std::convert::Infallible;

/// The cheapest addition by evaluating every point of the grid `0..=max`
/// of each kind: the least cost in whole dollars, ties to the fewest units
/// of the first kind, then the second, and so on.
fn exhaustive(
    mut arrivals: impl FnMut(&[u32]) -> f64,
    resources: &[Resource],
    goal: f64,
) -> Option<(u128, Vec<u32>)> {
    let units: Vec<u128> = resources
        .iter()
        .map(|r| (r.unit_musd * 1e6).round() as u128)
        .collect();
    let mut best: Option<(u128, Vec<u32>)> = None;
    let mut x = vec![0u32; resources.len()];
    loop {
        if arrivals(&x) <= goal {
            let cost = x.iter().zip(&units).map(|(&v, &u)| u128::from(v) * u).sum();
            let here = (cost, x.clone());
            if best.as_ref().is_none_or(|b| here < *b) {
                best = Some(here);
            }
        }
        // Next grid point (odometer).
        let mut k = 0;
        loop {
            if k == x.len() {
                return best;
            }
            if x[k] < resources[k].max {
                x[k] += 1;
                break;
            }
            x[k] = 0;
            k += 1;
        }
    }
}

/// The searched answer in the exhaustive search's terms.
fn searched(
    arrivals: impl FnMut(&[u32]) -> f64,
    resources: &[Resource],
    goal: f64,
) -> (Option<(u128, Vec<u32>)>, usize) {
    let mut f = arrivals;
    let (a, n) = cheapest(
        |x: &[u32]| Ok::<f64, Infallible>(f(x)),
        resources,
        goal,
        1_000_000,
    )
    .unwrap();
    let r = match a {
        Answer::Holds => Some((0, vec![0; resources.len()])),
        Answer::Buy(b) => Some(((b.cost_musd * 1e6).round() as u128, b.counts)),
        Answer::OutOfReach => None,
    };
    (r, n)
}

/// A small deterministic generator (64-bit LCG, Knuth's constants).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A monotone arrivals model of `n` kinds: warheads surviving layers whose
/// kill probability grows with each count (product of per-kind survival
/// factors), plus a stair-step term that makes plateaus and ties.
fn synthetic(rng: &mut Lcg, n: usize) -> impl Fn(&[u32]) -> f64 + use<> {
    let warheads = 2.0 + 10.0 * rng.next();
    let rates: Vec<f64> = (0..n).map(|_| 0.02 + 0.3 * rng.next()).collect();
    let stairs: Vec<u32> = (0..n).map(|_| 1 + (rng.next() * 6.0) as u32).collect();
    let weight = rng.next();
    move |x: &[u32]| {
        let smooth: f64 = x
            .iter()
            .zip(&rates)
            .map(|(&v, r)| (-r * f64::from(v)).exp())
            .product();
        let steps: u32 = x.iter().zip(&stairs).map(|(&v, s)| v / s).sum();
        warheads * smooth + weight * f64::from(6u32.saturating_sub(steps))
    }
}

/// On 60 random monotone models of three kinds with unit costs that make
/// ties likely (multiples of $0.5M), the search finds exactly the
/// exhaustive search's cheapest addition (or none), whatever order the
/// kinds are given in.
#[test]
fn cheapest_addition_matches_exhaustive_search_on_synthetic_models() {
    let mut rng = Lcg(7);
    let mut mixes = 0;
    for case in 0..60 {
        let f = synthetic(&mut rng, 3);
        let unit = |r: &mut Lcg| 0.5 * (1.0 + (r.next() * 12.0).floor());
        let maxes = [12, 15, 20];
        let goal = 0.3 + 2.0 * rng.next();
        let resources: Vec<Resource> = maxes
            .iter()
            .map(|&max| Resource {
                unit_musd: unit(&mut rng),
                max,
            })
            .collect();
        let want = exhaustive(&f, &resources, goal);
        if want
            .as_ref()
            .is_some_and(|w| w.1.iter().filter(|&&v| v > 0).count() > 1)
        {
            mixes += 1;
        }
        let (got, _) = searched(&f, &resources, goal);
        assert_eq!(got, want, "case {case}");
        // The kinds given in reverse order: the same least cost.
        let reversed: Vec<Resource> = resources.iter().rev().copied().collect();
        let (back, _) = searched(|x: &[u32]| f(&[x[2], x[1], x[0]]), &reversed, goal);
        assert_eq!(
            back.map(|(c, _)| c),
            want.as_ref().map(|(c, _)| *c),
            "case {case} reversed"
        );
    }
    // The models exercise mixed answers, not only single kinds.
    assert!(mixes >= 10, "{mixes} mixed answers");
}

/// The search evaluates far fewer points than the grid holds, and stops
/// with an error past its evaluation limit.
#[test]
fn cheapest_addition_is_bounded() {
    let mut rng = Lcg(11);
    let f = synthetic(&mut rng, 3);
    let resources = [
        Resource {
            unit_musd: 125.0,
            max: 200,
        },
        Resource {
            unit_musd: 10.2,
            max: 480,
        },
        Resource {
            unit_musd: 90.0,
            max: 40_000,
        },
    ];
    let (got, n) = searched(&f, &resources, 0.5);
    assert!(got.is_some());
    assert!(n < 2_000, "{n} evaluations");
    let r = cheapest(|x: &[u32]| Ok::<f64, Infallible>(f(x)), &resources, 0.5, 5);
    assert!(matches!(r, Err(AnswerError::Budget(5))), "{r:?}");
}

/// A small engagement (see `evaluator_with_terminal`) attacked by 3
/// missiles with 2 decoys per RV, landing 0.69 warheads: for goals from
/// 0.2 to 0.6 the defense's answer among carriers, midcourse and terminal
/// interceptors (up to 6 of each added) is the cheapest point of the full
/// grid of 7 × 7 × 7 engagements (or none when the grid has none), and a
/// fresh evaluator gives the same answer. (Six carriers more on 2,000
/// change nothing here; the two interceptor kinds carry the answers, alone
/// or mixed.)
#[test]
fn defense_answer_matches_exhaustive_search_on_an_engagement() {
    let mut e = evaluator_with_terminal(200);
    let base = e.baseline_defense();
    let p = Posture {
        missiles: 3,
        decoys_per_rv: 2,
        fast_burn: false,
        concentrated: false,
        asat_shots: 0,
    };
    let dc = DefenseCosts {
        sbi_musd: 4.0,
        midcourse_musd: 20.0,
        terminal_musd: 25.0,
    };
    // In the search's order: midcourse, terminal, carriers.
    let resources = [dc.midcourse_musd, dc.terminal_musd, dc.sbi_musd]
        .map(|unit_musd| Resource { unit_musd, max: 6 });
    let mut kinds = std::collections::BTreeSet::new();
    for goal in [0.2, 0.25, 0.3, 0.4, 0.5, 0.6] {
        assert!(e.arrivals(p, base).unwrap() > goal);
        let search = DefenseSearch {
            goal,
            max_carriers: base.carriers + 6,
            max_interceptors: 6,
            max_terminal: 6,
        };
        let (reply, _) = answer(&mut e, p, base, &search, &dc).unwrap();
        let want = exhaustive(
            |x| {
                e.arrivals(
                    p,
                    DefenseSize {
                        carriers: base.carriers + x[2],
                        extra_midcourse: x[0],
                        extra_terminal: x[1],
                    },
                )
                .unwrap()
            },
            &resources,
            goal,
        );
        match (reply, &want) {
            (Reply::Buy(b), Some((cost, counts))) => {
                assert_eq!(
                    &vec![b.midcourse, b.terminal, b.carriers],
                    counts,
                    "goal {goal}"
                );
                assert!((b.total_musd() * 1e6 - *cost as f64).abs() < 1.0);
                kinds.insert((b.midcourse > 0, b.terminal > 0));
            }
            (Reply::OutOfReach, None) => {}
            (r, w) => panic!("goal {goal}: search {r:?}, exhaustive {w:?}"),
        }
        let mut fresh = evaluator_with_terminal(200);
        let (again, _) = answer(&mut fresh, p, base, &search, &dc).unwrap();
        assert_eq!(again, reply, "goal {goal}");
    }
    assert!(kinds.len() >= 2, "{kinds:?}");
}
