//! Engagement benchmarks: layered Monte Carlo trials per second on the
//! default scenario (10 solid ICBMs with 3 re-entry vehicles and 2 decoys
//! each, a 7,800-carrier SBI layer, the 44 GMD interceptors, a THAAD-like
//! battery), once the plan (windows, reach table, boost pool) is built; and
//! how the cost grows with the salvo.
//!
//! `engage_raid/missiles_N` measures one trial of an N-missile raid from the
//! same area (its per-trial cost, for a log-log plot against N read from
//! `target/criterion/engage_raid/missiles_N/new/estimates.json`), and
//! `engage_raid/plan_missiles_N` building its plan once.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use cupola_analysis::engage::plan::Plan;
use cupola_analysis::engage::run::monte_carlo;
use cupola_analysis::engage::study::plan;
use std::hint::black_box;

/// Trials per measured batch.
const TRIALS: u32 = 20_000;

/// Raid sizes of `engage_raid`, missiles.
const RAIDS: [u32; 3] = [10, 100, 1_000];

fn benches(c: &mut Criterion) {
    let (input, _, traj) = cupola_benches::default_engagement();
    let spec = input.spec.clone();
    let mut group = c.benchmark_group("engage");
    group.throughput(Throughput::Elements(u64::from(TRIALS)));
    for salvo in [1u32, 5, 10, 20, 40] {
        let p: Plan = plan(&input, std::slice::from_ref(&traj), salvo).expect("plans");
        group.bench_function(format!("trials_salvo_{salvo}"), |b| {
            b.iter(|| monte_carlo(black_box(&spec), &p, TRIALS, 1, &|_| {}))
        });
    }
    group.finish();
    c.bench_function("engage/plan_salvo_10", |b| {
        b.iter(|| plan(black_box(&input), std::slice::from_ref(&traj), 10).expect("plans"))
    });

    // Cost per trial against the raid's size: batches of trials sized to
    // take a similar time, reported per trial (one element).
    let mut raid = c.benchmark_group("engage_raid");
    for missiles in RAIDS {
        let p: Plan = plan(&input, std::slice::from_ref(&traj), missiles).expect("plans");
        let batch = (200_000 / missiles).max(20);
        raid.bench_function(format!("missiles_{missiles}"), |b| {
            b.iter_custom(|iters| {
                let start = std::time::Instant::now();
                for _ in 0..iters {
                    black_box(monte_carlo(black_box(&spec), &p, batch, 1, &|_| {}));
                }
                start.elapsed() / batch
            })
        });
    }
    for missiles in RAIDS {
        raid.bench_function(format!("plan_missiles_{missiles}"), |b| {
            b.iter(|| {
                plan(black_box(&input), std::slice::from_ref(&traj), missiles).expect("plans")
            })
        });
    }
    raid.finish();
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(group);
