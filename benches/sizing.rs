//! Sizing benchmarks: a full sizing study (10-missile salvo, constellations
//! up to 20,000 carriers, 10,000 launch-time samples per candidate), the
//! joint search of the default's two shells against its four launch areas,
//! the reach table a study starts from, and the coverage kernel's cost
//! against constellation size and sample count.

use criterion::{Criterion, criterion_group, criterion_main};
use cupola_analysis::sizing::coverage::{ReachModel, Sampling, coverage};
use cupola_analysis::sizing::search::Family;
use cupola_analysis::sizing::study::{BoostTimeline, raid};
use cupola_analysis::sizing::{AreaLaunch, Phasing, SizingInput, size_against};
use cupola_defense::reach::{ReachTable, TableGeometry};
use cupola_physics::constants::WGS84_A;
use std::hint::black_box;
use std::sync::Arc;

/// The single-pad example's SBI layer and salvo, sized up to 20,000
/// carriers with 10,000 samples per candidate, pads spread over 200 km and
/// launches over 30 s (so that no two missiles share a geometry), one
/// family (45°, 48 planes), a fixed 38 s detection.
fn input() -> SizingInput {
    let s = cupola_benches::single_pad();
    let mut layer = s.sbi.clone().expect("single-pad has [sbi]");
    layer.inclinations_rad = vec![45f64.to_radians()];
    layer.planes = vec![48];
    layer.phasing = Phasing::Walker;
    let mut spec = s.size.clone().expect("single-pad has [size]");
    spec.max_satellites = 20_000;
    spec.samples = 10_000;
    spec.areas[0].window_s = 30.0;
    SizingInput {
        layer,
        areas: vec![AreaLaunch {
            launch: cupola_benches::launch_study(&s, spec.areas[0].launch),
            detection_s: 38.0,
        }],
        spec,
        seed: s.seed,
    }
}

/// The default scenario's national layer sized as one constellation of its
/// two shells (65° × 48 planes and 45° × 24 planes at 400 km) against its
/// four launch areas (10 missiles), 4,000 samples per candidate, a fixed
/// 38 s detection; the single shells of `[sbi]` are left out so the bench
/// times the joint search alone.
fn joint_input() -> SizingInput {
    let s = cupola_scenario::default_scenario();
    let mut layer = s.sbi.clone().expect("the default has [sbi]");
    layer.inclinations_rad.clear();
    let spec = s.size.clone().expect("the default has [size]");
    SizingInput {
        layer,
        areas: spec
            .areas
            .iter()
            .map(|a| AreaLaunch {
                launch: cupola_benches::launch_study(&s, a.launch),
                detection_s: 38.0,
            })
            .collect(),
        spec,
        seed: s.seed,
    }
}

fn benches(c: &mut Criterion) {
    let joint = joint_input();
    let flown = joint.fly().expect("the default's launches fly");
    let r = size_against(&joint, &flown).expect("sizes");
    let j = r.joint.as_ref().expect("two shells");
    eprintln!(
        "joint: {} splits, {} constellations evaluated, smallest {:?}",
        j.splits,
        j.tried.len(),
        j.best.as_ref().map(|b| b.total)
    );
    c.bench_function("sizing/joint_two_shells_national_laydown_4k_samples", |b| {
        b.iter(|| size_against(black_box(&joint), &flown).expect("sizes"))
    });

    let input = input();
    let traj = input.fly().expect("single-pad targets");
    let r = size_against(&input, &traj).expect("sizes");
    eprintln!(
        "full study: {} constellations evaluated, smallest {:?}",
        r.evaluations,
        r.best.as_ref().map(|b| b.total)
    );
    c.bench_function("sizing/full_study_10_missiles_20k_max_10k_samples", |b| {
        b.iter(|| size_against(black_box(&input), &traj).expect("sizes"))
    });

    let layer = &input.layer;
    let timeline = BoostTimeline::new(layer, input.areas[0].detection_s, &traj[0]).expect("fits");
    let track = &timeline.track;
    let geometry = TableGeometry {
        orbit_radius_m: WGS84_A + layer.altitude_m,
        inclination_rad: 45f64.to_radians(),
        fire_s: timeline.fire_s,
        intercept_by_s: timeline.intercept_by_s,
        resolution_rad: input.spec.resolution_rad,
    };
    c.bench_function("sizing/reach_table_0.2deg", |b| {
        b.iter(|| ReachTable::build(track, &layer.carrier.interceptor, geometry).expect("builds"))
    });

    let table = ReachTable::build(track, &layer.carrier.interceptor, geometry).expect("builds");
    let raid = raid(
        &input.spec,
        &[traj[0].site.to_ecef().unit()],
        vec![vec![ReachModel::Table(Arc::new(table))]],
    );
    let family = Family {
        altitude_m: layer.altitude_m,
        inclination_rad: 45f64.to_radians(),
        planes: 48,
        phasing: Phasing::Walker,
        seed: 1,
    };
    for total in [2_400u32, 4_800, 9_600, 19_200] {
        let layout = family.layout(total / 48).expect("builds");
        let sampling = Sampling {
            samples: 10_000,
            span_s: 86_400.0,
            seed: 1,
        };
        c.bench_function(
            &format!("sizing/coverage_{total}_carriers_10k_samples"),
            |b| b.iter(|| coverage(black_box(&layout), &raid, &sampling, 1, 1)),
        );
    }
    let layout = family.layout(200).expect("builds");
    for samples in [1_000u32, 100_000] {
        let sampling = Sampling {
            samples,
            span_s: 86_400.0,
            seed: 1,
        };
        c.bench_function(
            &format!("sizing/coverage_9600_carriers_{samples}_samples"),
            |b| b.iter(|| coverage(black_box(&layout), &raid, &sampling, 1, 1)),
        );
    }
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(group);
