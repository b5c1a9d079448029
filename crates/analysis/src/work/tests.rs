use super::*;
use crate::detection::DetectionStudy;
use crate::sizing::study::{BoostTimeline, size_against};
use crate::sizing::tests::{default_launch, layer, spec};
use crate::sizing::{AreaLaunch, SizingInput, Sweep, SweepKind};
use cupola_defense::budget::Deadline;

/// The reference trajectory of the sizing tests and its boost timeline
/// for `layer`.
fn timeline(l: &crate::sizing::SbiLayerSpec) -> (cupola_threat::Trajectory, BoostTimeline) {
    let tr = default_launch().solve().unwrap().trajectory;
    let tl = BoostTimeline::new(l, 30.0, &tr).unwrap();
    (tr, tl)
}

/// The estimate counts the cells the reach tables really allocate, and its
/// memory holds them: for the boost-end and the descent deadlines (the
/// second scans the flight to re-entry, the slow case).
#[test]
fn sizing_counts_the_cells_the_table_allocates() {
    for deadline in [
        Deadline::BoostEnd,
        Deadline::DescendsBelow { altitude_m: 100e3 },
    ] {
        let mut l = layer();
        l.deadline = deadline;
        let (_, tl) = timeline(&l);
        let i = l.inclinations_rad[0];
        let res = 2f64.to_radians();
        let size = tl.table_size(&l, i, res);
        let table = tl.table(&l, i, res).unwrap();
        assert_eq!(size.cells, table.cells());
        let mut s = spec(10, 100);
        s.resolution_rad = res;
        let e = sizing(&SizingWork {
            layer: &l,
            spec: &s,
            timelines: std::slice::from_ref(&tl),
            sweeps: &[],
        });
        assert!(e.memory_bytes >= table.cells() as f64 * sizing::TABLE_CELL_BYTES);
        assert!(
            e.detail[0].contains(&format!("{:.2e} cells", table.cells() as f64)),
            "{:?}",
            e.detail
        );
    }
    // The descent deadline costs far more: a longer window, more cells.
    let cost = |d| {
        let mut l = layer();
        l.deadline = d;
        let (_, tl) = timeline(&l);
        sizing(&SizingWork {
            layer: &l,
            spec: &spec(10, 100),
            timelines: std::slice::from_ref(&tl),
            sweeps: &[],
        })
        .core_s
    };
    let (boost, descent) = (
        cost(Deadline::BoostEnd),
        cost(Deadline::DescendsBelow { altitude_m: 100e3 }),
    );
    assert!(descent > 100.0 * boost, "{boost} {descent}");
}

/// The search evaluates no more constellations than the estimate counts
/// (the estimate is the bracketing and bisection's bound).
#[test]
fn evaluations_bound_the_search() {
    let l = layer();
    let (tr, _) = timeline(&l);
    let s = spec(3, 200);
    let input = SizingInput {
        layer: l.clone(),
        spec: s.clone(),
        areas: vec![AreaLaunch {
            launch: default_launch(),
            detection_s: 30.0,
        }],
        seed: 1,
    };
    let r = size_against(&input, std::slice::from_ref(&tr)).unwrap();
    let bound = sizing::evaluations_per_family(s.max_satellites, l.planes[0]);
    assert!(r.evaluations as f64 <= bound, "{} > {bound}", r.evaluations);
    assert!(r.evaluations >= 2, "{}", r.evaluations);
}

/// Sweeps add one sizing per value; a long sweep is costed from its first
/// values, scaled (linear in its length).
#[test]
fn sweeps_scale_with_their_length() {
    let l = layer();
    let (_, tl) = timeline(&l);
    let s = spec(3, 1_000);
    let at = |n: usize| {
        sizing(&SizingWork {
            layer: &l,
            spec: &s,
            timelines: std::slice::from_ref(&tl),
            sweeps: &[Sweep {
                kind: SweepKind::DeltaV,
                values: vec![4_000.0; n],
            }],
        })
    };
    let base = at(0).core_s;
    let (one, many) = (at(1).core_s - base, at(1_000_000).core_s - base);
    assert!((one - base).abs() < 1e-9 * base, "{one} {base}");
    assert!((many / one - 1e6).abs() < 1.0, "{many} {one}");
    let e = at(1_000_000);
    assert!(
        e.drivers
            .iter()
            .any(|d| d == "[size.sweep] delta_v_km_s: 1000000 value(s)"),
        "{:?}",
        e.drivers
    );
    assert!(e.over(&Budget::DEFAULT).is_some());
}

/// The detection estimate takes as many samples as the timeline does.
#[test]
fn detection_samples_are_the_timelines() {
    let launch = default_launch();
    let sol = launch.solve().unwrap();
    let flight = sol.trajectory.flight_time_s().unwrap();
    for step in [1.0, 7.5, 60.0] {
        let r = DetectionStudy {
            launch: &launch,
            flown: &sol,
            sensors: &[],
            step_s: step,
        }
        .run();
        assert_eq!(
            detection_samples(flight, step),
            r.detection.samples.len() as f64,
            "step {step}"
        );
    }
    // 200,000 satellites every 10 ms: far over the budget.
    let e = detection(&[ASSUMED_FLIGHT_S], 0.01, 200_000);
    assert!(e.over(&Budget::DEFAULT).is_some());
    assert!(e.over(&Budget::scaled(f64::INFINITY)).is_none());
}

/// The refusal names the drivers, the estimate and the budget.
#[test]
fn refusal_names_drivers_estimate_and_budget() {
    let mut e = Estimate::new("sizing");
    e.core_s = 7_200.0;
    e.memory_bytes = 3e9;
    e.driver("[size] samples (--samples) = 1000000");
    e.driver("[size] samples (--samples) = 1000000");
    assert_eq!(e.drivers.len(), 1);
    let why = e.over(&Budget::DEFAULT).unwrap();
    assert!(
        why.contains("120 min of computation (budget 30 min)"),
        "{why}"
    );
    assert!(why.contains("3.0 GB of memory (budget 2.1 GB)"), "{why}");
    assert!(
        why.contains("[size] samples (--samples) = 1000000"),
        "{why}"
    );
    assert!(e.over(&Budget::scaled(4.0)).is_none());
    let mut small = Estimate::new("sizing");
    small.core_s = 1.0;
    small.absorb(e.clone());
    assert_eq!(small.core_s, 7_201.0);
    assert_eq!(small.memory_bytes, 3e9);
}

#[test]
fn durations_and_sizes_read_well() {
    assert_eq!(duration(0.31), "0.3 s");
    assert_eq!(duration(42.0), "42 s");
    assert_eq!(duration(1_800.0), "30 min");
    assert_eq!(duration(7.2e5), "200.0 h");
    assert_eq!(duration(f64::INFINITY), "an unbounded time");
    assert_eq!(bytes(2_000.0), "2 kB");
    assert_eq!(bytes(6.6e9), "6.6 GB");
}
