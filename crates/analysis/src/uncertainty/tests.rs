use super::*;

#[test]
fn every_stratum_of_every_dimension_holds_one_point() {
    let n = 37;
    let p = latin_hypercube(n, 5, 9);
    assert_eq!(p.len(), n);
    for d in 0..5 {
        let mut seen = vec![false; n];
        for x in &p {
            assert!((0.0..1.0).contains(&x[d]));
            let s = (x[d] * n as f64).floor() as usize;
            assert!(!seen[s], "stratum {s} of dimension {d} twice");
            seen[s] = true;
        }
    }
}

#[test]
fn the_design_depends_on_its_seed_alone() {
    let a = latin_hypercube(16, 3, 1);
    assert_eq!(a, latin_hypercube(16, 3, 1));
    assert_ne!(a, latin_hypercube(16, 3, 2));
    // A dimension does not depend on how many others there are.
    let wide = latin_hypercube(16, 6, 1);
    for (x, y) in a.iter().zip(&wide) {
        assert_eq!(x[..], y[..3]);
    }
}

#[test]
fn quantiles_interpolate_between_order_statistics() {
    let v = [5.0, 1.0, 4.0, 2.0, 3.0];
    assert_eq!(quantile(&v, 0.5), Some(3.0));
    assert_eq!(quantile(&v, 0.0), Some(1.0));
    assert_eq!(quantile(&v, 1.0), Some(5.0));
    // h = 4 · 0.05 = 0.2: 1 + 0.2 · (2 − 1).
    assert!((quantile(&v, 0.05).unwrap() - 1.2).abs() < 1e-12);
    assert_eq!(quantile(&[], 0.5), None);
    // Values beyond the search count as +∞.
    let w = [1.0, 2.0, f64::INFINITY, f64::INFINITY];
    assert_eq!(quantile(&w, 0.5), Some(f64::INFINITY));
    assert_eq!(quantile(&w, 0.2), Some(1.6));
    assert_eq!(quantile(&w, 0.95), Some(f64::INFINITY));
    let b = Band::of(&(0..101).map(f64::from).collect::<Vec<_>>()).unwrap();
    assert_eq!((b.p05, b.median, b.p95, b.points), (5.0, 50.0, 95.0, 101));
}

#[test]
fn ties_share_their_mean_rank() {
    assert_eq!(ranks(&[3.0, 1.0, 3.0, 2.0]), vec![3.5, 1.0, 3.5, 2.0]);
}

#[test]
fn a_monotone_figure_has_rank_correlation_one() {
    let x: Vec<f64> = latin_hypercube(50, 1, 4).iter().map(|p| p[0]).collect();
    let up: Vec<f64> = x.iter().map(|v| (5.0 * v).exp()).collect();
    let down: Vec<f64> = x.iter().map(|v| -v * v * v).collect();
    assert!((spearman(&x, &up) - 1.0).abs() < 1e-12);
    assert!((spearman(&x, &down) + 1.0).abs() < 1e-12);
    assert_eq!(spearman(&x, &vec![2.0; 50]), 0.0);
}

/// y = 3·x₁ + x₂ + 0·x₃ with independent uniform inputs: the correlation
/// of y with xᵢ is aᵢ/√(Σaⱼ²) (equal variances), 3/√10 = 0.949 and
/// 1/√10 = 0.316, and 0 for x₃. Spearman's coefficients are
/// 12·E[xᵢ·F(y)] − 3 with F the trapezoidal distribution of y, integrated
/// exactly: 257/270 = 0.952 and 3/10. The estimates' sampling error at
/// this size is about 1/√n = 0.007 (the design does not control the
/// inputs' chance correlation): they lie within 0.02 (3σ), and x₃ inside
/// the null band.
#[test]
fn a_linear_model_gives_its_closed_form_correlations() {
    let n = 20_000;
    let p = latin_hypercube(n, 3, 11);
    let col = |d: usize| p.iter().map(|x| x[d]).collect::<Vec<f64>>();
    let y: Vec<f64> = p.iter().map(|x| 3.0 * x[0] + x[1]).collect();
    let (r1, r2, r3) = (
        pearson(&col(0), &y),
        pearson(&col(1), &y),
        spearman(&col(2), &y),
    );
    assert!((r1 - 3.0 / 10f64.sqrt()).abs() < 0.02, "{r1}");
    assert!((r2 - 1.0 / 10f64.sqrt()).abs() < 0.02, "{r2}");
    assert!((spearman(&col(0), &y) - 257.0 / 270.0).abs() < 0.02);
    assert!((spearman(&col(1), &y) - 0.3).abs() < 0.02);
    assert!(r3.abs() < null_band(n), "{r3} {}", null_band(n));
}

#[test]
fn the_tornado_puts_the_largest_swing_first() {
    let s = [
        Swing {
            at_low: Some(9.0),
            at_high: Some(11.0),
        },
        Swing {
            at_low: Some(4.0),
            at_high: Some(12.0),
        },
        Swing {
            at_low: Some(10.0),
            at_high: None,
        },
    ];
    assert_eq!(s[1].reach(Some(10.0)), 6.0);
    assert_eq!(s[1].width(Some(10.0)), 8.0);
    assert_eq!(tornado_order(&s, Some(10.0)), vec![2, 1, 0]);
    // Two rows each missing one end: the larger finite departure first.
    let t = [
        Swing {
            at_low: Some(9.0),
            at_high: None,
        },
        Swing {
            at_low: Some(5.0),
            at_high: None,
        },
    ];
    assert_eq!(tornado_order(&t, Some(10.0)), vec![1, 0]);
}

#[test]
fn a_figure_without_a_value_at_nominal_counts_as_beyond_the_search() {
    let s = [
        // No answer at either end: no effect.
        Swing {
            at_low: None,
            at_high: None,
        },
        // An answer at one end: an infinite effect.
        Swing {
            at_low: Some(9_000.0),
            at_high: None,
        },
        // Answers at both ends, the lower further below +∞.
        Swing {
            at_low: Some(5_000.0),
            at_high: Some(7_000.0),
        },
        // An answer at one end, lower than row 1's.
        Swing {
            at_low: None,
            at_high: Some(6_000.0),
        },
    ];
    assert_eq!(s[0].reach(None), 0.0);
    assert_eq!(s[1].reach(None), f64::INFINITY);
    assert_eq!(tornado_order(&s, None), vec![2, 3, 1, 0]);
    // With a value at nominal, an end without one departs infinitely and
    // two ends without one beat one.
    assert_eq!(s[0].reach(Some(8_000.0)), f64::INFINITY);
    assert_eq!(tornado_order(&s, Some(8_000.0)), vec![0, 3, 1, 2]);
}

#[test]
fn integer_assumptions_give_each_value_an_equal_share_of_the_strata() {
    // 3, 4 and 5 over a 300-point design: 100 points each.
    let n = 300;
    let mut counts = [0; 3];
    for p in latin_hypercube(n, 1, 7) {
        let v = scale_integer(p[0], 3.0, 5.0);
        assert_eq!(v.fract(), 0.0);
        counts[(v - 3.0) as usize] += 1;
    }
    assert_eq!(counts, [100, 100, 100]);
    assert_eq!(scale_integer(1.0, 3.0, 5.0), 5.0);
    assert_eq!(scale_integer(0.0, 3.0, 5.0), 3.0);
}
