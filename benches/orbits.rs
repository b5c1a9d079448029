//! Orbit propagation benchmarks: the analytic J2-secular batch propagator
//! (serial and on a 2-thread rayon pool) against the `sgp4` crate, in the same
//! run, on 10,000 LEO satellites × 300 epochs (one minute apart), positions
//! and velocities. Throughput is in satellite-epochs per second.
//!
//! The satellites: altitudes 500–1,300 km, inclinations 30–98°, nodes and
//! phases spread over the circle. `j2_circular` propagates them as exactly
//! circular orbits (the constellation builders' case, the circular fast path);
//! `j2_near_circular` and `sgp4_crate` propagate the same orbits with
//! e = 0.001 (the near-circular path, with a fixed-step Kepler solve). The
//! issue's target: ≥ 20 M satellite-epochs/s per core for J2 (the `sgp4`
//! crate: ≈ 3 M/s).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use cupola_physics::orbit::{Elements, J2Batch, StateBuffer};
use std::hint::black_box;

const SATS: usize = 10_000;
const EPOCHS: usize = 300;
const STEP_S: f64 = 60.0;
const ECC: f64 = 0.001;

/// Deterministic synthetic LEO satellites: (altitude m, inclination rad,
/// RAAN rad, argument of latitude rad).
fn orbits() -> Vec<(f64, f64, f64, f64)> {
    (0..SATS)
        .map(|k| {
            let f = k as f64;
            let alt = 500e3 + (f * 0.618_034).fract() * 800e3;
            let inc = (30.0 + (f * 0.414_214).fract() * 68.0).to_radians();
            let raan = (f * 0.732_051).fract() * std::f64::consts::TAU;
            let u = (f * 0.236_068).fract() * std::f64::consts::TAU;
            (alt, inc, raan, u)
        })
        .collect()
}

fn circular() -> Vec<Elements> {
    orbits()
        .into_iter()
        .map(|(h, i, o, u)| Elements::circular(h, i, o, u).expect("valid orbit"))
        .collect()
}

fn near_circular() -> Vec<Elements> {
    orbits()
        .into_iter()
        .map(|(h, i, o, u)| {
            let a = cupola_physics::constants::WGS84_A + h;
            Elements::new(a, ECC, i, o, 0.0, u).expect("valid orbit")
        })
        .collect()
}

/// The same orbits as `sgp4` constants (WGS84 geopotential, no drag, epoch
/// 2026.0). Kozai mean motion from the same semi-major axis, rad/min.
fn sgp4_constants() -> Vec<sgp4::Constants> {
    near_circular()
        .iter()
        .map(|el| {
            let n_rad_min = el.mean_motion_rad_s() * 60.0;
            let orbit = sgp4::Orbit::from_kozai_elements(
                &sgp4::WGS84,
                el.inclination_rad,
                el.raan_rad,
                el.eccentricity,
                el.arg_perigee_rad,
                el.mean_anomaly_rad,
                n_rad_min,
            )
            .expect("valid sgp4 elements");
            sgp4::Constants::new(
                sgp4::WGS84,
                sgp4::iau_epoch_to_sidereal_time,
                26.0,
                0.0,
                orbit,
            )
            .expect("valid sgp4 constants")
        })
        .collect()
}

fn j2_run(batch: &J2Batch, buf: &mut StateBuffer, parallel: bool) {
    for e in 0..EPOCHS {
        let t = e as f64 * STEP_S;
        if parallel {
            batch.par_propagate_into(t, buf);
        } else {
            batch.propagate_into(t, buf);
        }
        black_box(&*buf);
    }
}

fn sgp4_run(constants: &[sgp4::Constants], buf: &mut StateBuffer) {
    for e in 0..EPOCHS {
        let minutes = sgp4::MinutesSinceEpoch(e as f64 * STEP_S / 60.0);
        for (k, c) in constants.iter().enumerate() {
            let p = c.propagate(minutes).expect("propagates");
            buf.x[k] = p.position[0] * 1e3;
            buf.y[k] = p.position[1] * 1e3;
            buf.z[k] = p.position[2] * 1e3;
            buf.vx[k] = p.velocity[0] * 1e3;
            buf.vy[k] = p.velocity[1] * 1e3;
            buf.vz[k] = p.velocity[2] * 1e3;
        }
        black_box(&*buf);
    }
}

fn benches(c: &mut Criterion) {
    let circ = J2Batch::new(&circular()).expect("valid batch");
    let near = J2Batch::new(&near_circular()).expect("valid batch");
    let constants = sgp4_constants();
    let two = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("thread pool");
    let mut buf = StateBuffer::with_len(SATS);

    let mut g = c.benchmark_group("orbits/10k_sats_x_300_epochs");
    g.throughput(Throughput::Elements((SATS * EPOCHS) as u64));
    g.sample_size(10);
    g.bench_function(BenchmarkId::new("j2_circular", "serial"), |b| {
        b.iter(|| j2_run(&circ, &mut buf, false))
    });
    g.bench_function(BenchmarkId::new("j2_circular", "2_threads"), |b| {
        b.iter(|| two.install(|| j2_run(&circ, &mut buf, true)))
    });
    g.bench_function(BenchmarkId::new("j2_near_circular", "serial"), |b| {
        b.iter(|| j2_run(&near, &mut buf, false))
    });
    g.bench_function(BenchmarkId::new("j2_near_circular", "2_threads"), |b| {
        b.iter(|| two.install(|| j2_run(&near, &mut buf, true)))
    });
    g.bench_function(BenchmarkId::new("sgp4_crate", "serial"), |b| {
        b.iter(|| sgp4_run(&constants, &mut buf))
    });
    g.finish();
}

criterion_group!(group, benches);
criterion_main!(group);
