//! The Hungarian method against enumeration of every partial matching.

use super::*;

/// Best total weight over all partial matchings, by enumeration.
fn best_matching(rows: usize, cols: usize, weight: &[f64]) -> f64 {
    fn go(r: usize, rows: usize, cols: usize, weight: &[f64], used: &mut [bool]) -> f64 {
        if r == rows {
            return 0.0;
        }
        let mut best = go(r + 1, rows, cols, weight, used);
        for c in 0..cols {
            if !used[c] {
                used[c] = true;
                best = best.max(weight[r * cols + c] + go(r + 1, rows, cols, weight, used));
                used[c] = false;
            }
        }
        best
    }
    go(0, rows, cols, weight, &mut vec![false; cols])
}

#[test]
fn hungarian_equals_brute_force_on_random_matrices() {
    let mut rng = Rng(0x5EED_0001);
    let mut hungarian = Hungarian::new();
    let mut out = Vec::new();
    let (mut rectangular, mut with_zeros) = (0, 0);
    let instances = 3000;
    for _ in 0..instances {
        let rows = rng.range(1, 6);
        let cols = rng.range(1, 6);
        // A third of the instances have small integer weights, so ties and
        // degenerate potentials are common; a quarter of the entries are 0.
        let integer = rng.chance(1.0 / 3.0);
        let weight: Vec<f64> = (0..rows * cols)
            .map(|_| {
                if rng.chance(0.25) {
                    0.0
                } else if integer {
                    rng.range(1, 4) as f64
                } else {
                    10.0 * rng.unit()
                }
            })
            .collect();
        rectangular += usize::from(rows != cols);
        with_zeros += usize::from(weight.contains(&0.0));

        let total = hungarian.solve(rows, cols, &weight, &mut out);
        let exact = best_matching(rows, cols, &weight);
        assert!(
            (total - exact).abs() <= 1e-9,
            "{rows}×{cols} {weight:?}: hungarian {total} vs brute force {exact}"
        );
        assert_eq!(out.len(), rows);
        let mut taken = vec![false; cols];
        let mut sum = 0.0;
        for (r, &c) in out.iter().enumerate() {
            if c != usize::MAX {
                assert!(c < cols && !taken[c], "column {c} reused or out of range");
                taken[c] = true;
                assert!(weight[r * cols + c] > 0.0, "assigned through a zero edge");
                sum += weight[r * cols + c];
            }
        }
        assert_eq!(sum, total);
    }
    assert!(rectangular > instances / 2 && with_zeros > instances / 2);
}

#[test]
fn hungarian_handles_empty_and_degenerate_matrices() {
    let mut h = Hungarian::new();
    let mut out = vec![7; 3];
    assert_eq!(h.solve(0, 4, &[], &mut out), 0.0);
    assert!(out.is_empty());
    assert_eq!(h.solve(3, 0, &[], &mut out), 0.0);
    assert_eq!(out, [usize::MAX; 3]);
    assert_eq!(h.solve(2, 3, &[0.0; 6], &mut out), 0.0);
    assert_eq!(out, [usize::MAX; 2]);
    // Negative, NaN and infinite entries are no edge.
    let w = [-1.0, f64::NAN, 2.0, f64::INFINITY];
    assert_eq!(h.solve(2, 2, &w, &mut out), 2.0);
    assert_eq!(out, [usize::MAX, 0]);
    // Tall matrix: the best column for each row conflicts.
    let w = [5.0, 1.0, 4.0, 0.0, 3.0, 3.0];
    assert_eq!(h.solve(3, 2, &w, &mut out), 8.0);
    assert_eq!(out, [0, usize::MAX, 1]);
}
