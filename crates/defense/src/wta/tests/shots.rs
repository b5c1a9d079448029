//! The boost layer's shot assignment against an independent max-flow.

use super::super::{ShotMatching, ShotProblem};
use super::Rng;

/// Largest flow through source → missile (`want[j]`) → carrier (1 per
/// pair in reach) → sink (`capacity`, 0 when blocked), by breadth-first
/// augmenting paths (Edmonds & Karp 1972) on a dense residual matrix.
fn max_flow(reach: &[Vec<u32>], carriers: usize, want: &[u32], cap: &[u32]) -> u32 {
    let n = reach.len();
    let (src, sink) = (n + carriers, n + carriers + 1);
    let size = n + carriers + 2;
    let mut r = vec![vec![0i64; size]; size];
    for (j, list) in reach.iter().enumerate() {
        r[src][j] = i64::from(want[j]);
        for &c in list {
            r[j][n + c as usize] = 1;
        }
    }
    for (c, &k) in cap.iter().enumerate() {
        r[n + c][sink] = i64::from(k);
    }
    let mut flow = 0;
    loop {
        let mut prev = vec![usize::MAX; size];
        prev[src] = src;
        let mut queue = std::collections::VecDeque::from([src]);
        while let Some(u) = queue.pop_front() {
            for v in 0..size {
                if prev[v] == usize::MAX && r[u][v] > 0 {
                    prev[v] = u;
                    queue.push_back(v);
                }
            }
        }
        if prev[sink] == usize::MAX {
            return flow;
        }
        let mut v = sink;
        while v != src {
            let u = prev[v];
            r[u][v] -= 1;
            r[v][u] += 1;
            v = u;
        }
        flow += 1;
    }
}

/// On random small raids, the counts are the order's greedy: each missile
/// in turn takes one more shot exactly when a flow serving the counts so
/// far plus that shot exists (the definition of the gammoid's greedy).
#[test]
fn shot_matching_is_the_greedy_of_the_order() {
    let mut rng = Rng(41);
    let mut m = ShotMatching::new();
    for case in 0..400 {
        let n = rng.range(1, 7);
        let carriers = rng.range(1, 6);
        let shots = rng.range(1, 3) as u32;
        let capacity = rng.range(1, 3) as u32;
        let reach: Vec<Vec<u32>> = (0..n)
            .map(|_| (0..carriers as u32).filter(|_| rng.chance(0.45)).collect())
            .collect();
        let blocked: Vec<bool> = (0..carriers).map(|_| rng.chance(0.15)).collect();
        let mut order: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            order.swap(i, rng.range(0, i));
        }
        let mut starts = vec![0u32];
        let mut lists = Vec::new();
        for l in &reach {
            lists.extend_from_slice(l);
            starts.push(lists.len() as u32);
        }
        let p = ShotProblem {
            starts: &starts,
            lists: &lists,
            carriers,
            shots,
            capacity,
            blocked: Some(&blocked),
            most: None,
        };
        m.assign(&p, &order);
        let got: Vec<u32> = (0..n).map(|j| m.shots(j)).collect();
        // Told the rank (the total of any order), the search stops there
        // with the same counts.
        let rank = m.total();
        m.assign(
            &ShotProblem {
                most: Some(rank),
                ..p
            },
            &order,
        );
        assert_eq!((0..n).map(|j| m.shots(j)).collect::<Vec<_>>(), got);
        let cap: Vec<u32> = blocked
            .iter()
            .map(|&b| if b { 0 } else { capacity })
            .collect();
        let mut want = vec![0u32; n];
        for &j in &order {
            while want[j] < shots {
                want[j] += 1;
                let total: u32 = want.iter().sum();
                if max_flow(&reach, carriers, &want, &cap) < total {
                    want[j] -= 1;
                    break;
                }
            }
        }
        let got: Vec<u32> = (0..n).map(|j| m.shots(j)).collect();
        assert_eq!(
            got, want,
            "case {case}: {reach:?}, blocked {blocked:?}, order {order:?}"
        );
    }
}

/// A missile left out of the order gets nothing; no shots or no capacity
/// assign nothing; a larger problem after a smaller one reuses the scratch.
#[test]
fn shot_matching_edge_cases() {
    let mut m = ShotMatching::new();
    // Missile 0 in reach of carriers 0 and 1, missile 1 of carrier 0 only.
    let p = ShotProblem {
        starts: &[0, 2, 3],
        lists: &[0, 1, 0],
        carriers: 2,
        shots: 1,
        capacity: 1,
        blocked: None,
        most: None,
    };
    m.assign(&p, &[0, 1]);
    assert_eq!(
        (m.shots(0), m.shots(1), m.total()),
        (1, 1, 2),
        "maximum, not maximal"
    );
    m.assign(&p, &[1]);
    assert_eq!((m.shots(0), m.shots(1)), (0, 1));
    m.assign(&ShotProblem { shots: 0, ..p }, &[0, 1]);
    assert_eq!((m.shots(0), m.shots(1)), (0, 0));
    m.assign(
        &ShotProblem {
            shots: 2,
            capacity: 0,
            ..p
        },
        &[0, 1],
    );
    assert_eq!((m.shots(0), m.shots(1)), (0, 0));
    let blocked = [false, true];
    m.assign(
        &ShotProblem {
            shots: 2,
            blocked: Some(&blocked),
            ..p
        },
        &[0, 1],
    );
    assert_eq!((m.shots(0), m.shots(1)), (1, 0), "carrier 1 blocked");
    m.assign(&ShotProblem { most: Some(1), ..p }, &[0, 1]);
    assert_eq!(
        (m.shots(0), m.shots(1)),
        (1, 0),
        "stopped at the bound given"
    );
    assert_eq!(m.shots(7), 0);
    m.assign(
        &ShotProblem {
            starts: &[0],
            lists: &[],
            carriers: 0,
            ..p
        },
        &[],
    );
}
