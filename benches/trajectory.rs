//! Trajectory benchmarks: one full 10,000 km solid-ICBM flight with drag on
//! the rotating J2 Earth (targeting excluded), and the targeting solve.

use criterion::{Criterion, criterion_group, criterion_main};
use cupola_physics::frames::Geodetic;
use cupola_threat::{FlightOptions, Profile, flight::fly, solve};
use std::hint::black_box;

/// The default scenario's launch and aim points, 10,000 km apart by
/// cupola's range measure (geocentric great circle on the 6,371 km sphere).
fn points() -> (Geodetic, Geodetic) {
    (
        Geodetic::from_degrees(41.0, 100.0, 1_000.0),
        Geodetic::from_degrees(47.35, -101.75, 0.0),
    )
}

fn benches(c: &mut Criterion) {
    let m = cupola_threat::catalog::solid_icbm();
    let (site, aim) = points();
    let opts = FlightOptions::default();
    let sol = solve(&m, site, aim, Profile::MinimumEnergy, opts).expect("default case targets");
    c.bench_function("trajectory/solid_icbm_10000km_fly", |b| {
        b.iter(|| fly(black_box(&m), site, &sol.plan, aim.alt, opts).expect("flies"))
    });
    c.bench_function("trajectory/solid_icbm_10000km_targeting", |b| {
        b.iter(|| solve(black_box(&m), site, aim, Profile::MinimumEnergy, opts).expect("targets"))
    });
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(30);
    targets = benches
}
criterion_main!(group);
