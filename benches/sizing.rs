//! Sizing benchmarks: a full sizing study (10-missile salvo, constellations
//! up to 20,000 carriers, 10,000 launch-time samples per candidate), the
//! joint search of the default's two shells against its four launch areas,
//! the reach table a study starts from, the coverage kernel's cost against
//! constellation size and sample count, the cost of a sizing against the
//! size of the raid (`sizing_raid/missiles_N`), and the coverage count
//! beside its NumPy peer (`sizing_peer`, `benches/peer/coverage_numpy.py`).

use criterion::{Criterion, criterion_group, criterion_main};
use cupola_analysis::sizing::coverage::{ReachModel, Sampling, coverage};
use cupola_analysis::sizing::search::Family;
use cupola_analysis::sizing::study::{BoostTimeline, raid};
use cupola_analysis::sizing::{Phasing, SbiLayerSpec, SizingInput, size_against};
use cupola_defense::reach::{ReachTable, TableGeometry};
use cupola_physics::constants::R_EARTH_MEAN;
use cupola_physics::constants::WGS84_A;
use std::hint::black_box;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The single-pad example's SBI layer and salvo, sized up to 20,000
/// carriers with 10,000 samples per candidate, pads spread over 200 km and
/// launches over 30 s (so that no two missiles share a geometry), one
/// family (45°, 48 planes), the launch reported when its sensor layer
/// reports it.
fn input() -> SizingInput {
    let s = cupola_benches::single_pad();
    let model = cupola_benches::model(s.clone());
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
        areas: vec![cupola_benches::area_launch(&model, spec.areas[0].launch)],
        spec,
        seed: s.seed,
    }
}

/// The default scenario's national layer sized as one constellation of its
/// two shells (65° × 48 planes and 45° × 24 planes at 400 km) against its
/// four launch areas (10 missiles), 4,000 samples per candidate, each
/// launch reported when its sensor layer reports it; the single shells of
/// `[sbi]` are left out so the bench times the joint search alone.
fn joint_input() -> SizingInput {
    let s = cupola_scenario::default_scenario();
    let model = cupola_benches::model(s.clone());
    let mut layer = s.sbi.clone().expect("the default has [sbi]");
    layer.inclinations_rad.clear();
    let spec = s.size.clone().expect("the default has [size]");
    SizingInput {
        layer,
        areas: spec
            .areas
            .iter()
            .map(|a| cupola_benches::area_launch(&model, a.launch))
            .collect(),
        spec,
        seed: s.seed,
    }
}

/// The raid-scale case: the single-pad example's SBI layer moved
/// to 300 km (its two inclinations × two plane counts searched) against
/// `salvo` missiles from one area 500 km wide, 4,000 launch-time samples
/// per candidate, the launch reported when its sensor layer reports it.
fn raid_input(salvo: u32) -> SizingInput {
    let s = cupola_benches::single_pad();
    let model = cupola_benches::model(s.clone());
    let mut layer = s.sbi.clone().expect("single-pad has [sbi]");
    layer.altitude_m = 300e3;
    let mut spec = s.size.clone().expect("single-pad has [size]");
    spec.areas[0].salvo = salvo;
    spec.areas[0].width_m = 500e3;
    spec.samples = 4_000;
    SizingInput {
        layer,
        areas: vec![cupola_benches::area_launch(&model, spec.areas[0].launch)],
        spec,
        seed: s.seed,
    }
}

/// Sizing cost against raid size: 10, 100 and 1,000 missiles
/// (`sizing_raid/missiles_N`, the raid size last for plots).
fn raid_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("sizing_raid");
    group.sample_size(10);
    for salvo in [10u32, 100, 1_000] {
        let input = raid_input(salvo);
        let flown = input.fly().expect("single-pad targets");
        let r = size_against(&input, &flown).expect("sizes");
        eprintln!(
            "raid of {salvo}: {} constellations evaluated, smallest {:?}",
            r.evaluations,
            r.best.as_ref().map(|b| b.total)
        );
        if salvo >= 1_000 {
            group.measurement_time(Duration::from_secs(60));
        }
        group.bench_function(format!("missiles_{salvo}"), |b| {
            b.iter(|| size_against(black_box(&input), &flown).expect("sizes"))
        });
    }
    group.finish();

    // One coverage evaluation against the raid (the sizing's unit of work):
    // the 45° × 48-plane shell at 300 km with 19,200 carriers, 4,000
    // launch times, one shot per missile, the assignment included.
    let mut group = c.benchmark_group("sizing_raid_coverage");
    group.sample_size(10);
    for salvo in [10u32, 100, 1_000] {
        let input = raid_input(salvo);
        let flown = input.fly().expect("single-pad targets");
        let layer = &input.layer;
        let timeline =
            BoostTimeline::new(layer, input.areas[0].detection_s, &flown[0]).expect("fits");
        let table = timeline
            .table(layer, 45f64.to_radians(), input.spec.resolution_rad)
            .expect("builds");
        let raid = raid(
            &input.spec,
            &[flown[0].site.to_ecef().unit()],
            vec![vec![ReachModel::Table(Arc::new(table))]],
        );
        let family = walker_45_by_48(layer);
        let layout = family.layout(400).expect("builds");
        let sampling = Sampling {
            samples: 4_000,
            span_s: 86_400.0,
            seed: input.seed,
        };
        group.bench_function(format!("missiles_{salvo}"), |b| {
            b.iter(|| coverage(black_box(&layout), &raid, &sampling, 1, 1))
        });
    }
    group.finish();
}

/// The coverage count beside its NumPy peer: a Walker shell of 9,600
/// carriers (400 km, 45°, 48 planes) against 100 missiles from one area
/// 500 km wide at 41°N, 1,000 launch times, counting per missile the
/// satellites whose ground point is within 1,000 km of the pad at lift-off
/// (the `Cap` reach model, no shot assignment). cupola asks each plane for
/// the satellites near the pad; the peer (`benches/peer/coverage_numpy.py`)
/// tests every satellite against every pad with NumPy. Both counts are
/// printed with the peer's time and the ratio; the peer is skipped, with a
/// message, when python3 or NumPy is missing.
fn peer_benches(c: &mut Criterion) {
    let s = cupola_benches::single_pad();
    let spec = s.size.clone().expect("single-pad has [size]");
    let pad = s.launches[spec.areas[0].launch].site.to_ecef().unit();
    let angle_rad = 1_000e3 / R_EARTH_MEAN;
    let mut spec = spec;
    spec.areas[0].salvo = 100;
    spec.areas[0].width_m = 500e3;
    let raid = raid(&spec, &[pad], vec![vec![ReachModel::Cap { angle_rad }]]);
    let (planes, per_plane) = (48u32, 200u32);
    let family = Family {
        altitude_m: 400e3,
        inclination_rad: 45f64.to_radians(),
        planes,
        phasing: Phasing::Walker,
        seed: 1,
    };
    let layout = family.layout(per_plane).expect("builds");
    let sampling = Sampling {
        samples: 1_000,
        span_s: 86_400.0,
        seed: 1,
    };
    let ours = coverage(&layout, &raid, &sampling, 0, 1);
    let mut group = c.benchmark_group("sizing_peer");
    group.sample_size(10);
    group.bench_function(
        "cupola_count_100_missiles_9600_carriers_1000_samples",
        |b| b.iter(|| coverage(black_box(&layout), &raid, &sampling, 0, 1)),
    );
    group.finish();
    let numpy = Command::new("python3")
        .args(["-c", "import numpy"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !numpy {
        eprintln!(
            "sizing_peer: python3 with NumPy not found; the NumPy peer is skipped (pip install numpy)"
        );
        return;
    }
    let input = serde_json::json!({
        "shell": {
            "altitude_m": family.altitude_m,
            "inclination_rad": family.inclination_rad,
            "total": planes * per_plane,
            "planes": planes,
            "phasing": 1,
        },
        "pads_ecef": raid.missiles.iter().map(|m| [m.pad_ecef.x, m.pad_ecef.y, m.pad_ecef.z]).collect::<Vec<_>>(),
        "offsets_s": raid.missiles.iter().map(|m| m.offset_s).collect::<Vec<_>>(),
        "times_s": (0..sampling.samples).map(|k| sampling.time(k)).collect::<Vec<_>>(),
        "cap_rad": angle_rad,
    });
    let dir = std::env::temp_dir().join(format!("cupola-peer-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let path = dir.join("input.json");
    std::fs::write(&path, input.to_string()).expect("writes the peer's input");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/peer/coverage_numpy.py");
    let mut times = Vec::new();
    let mut peer_total = None;
    for _ in 0..3 {
        let out = Command::new("python3")
            .arg(script)
            .arg("--input")
            .arg(&path)
            .output()
            .expect("runs python3");
        if !out.status.success() {
            eprintln!(
                "sizing_peer: the NumPy peer failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            return;
        }
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("the peer's JSON");
        times.push(v["seconds"].as_f64().expect("seconds"));
        peer_total = v["in_reach_total"].as_u64();
    }
    let _ = std::fs::remove_dir_all(&dir);
    times.sort_by(f64::total_cmp);
    let peer_s = times[1];
    // cupola's count timed the same way, median of 5, for the ratio.
    let mut ours_times: Vec<f64> = (0..5)
        .map(|_| {
            let t0 = Instant::now();
            black_box(coverage(black_box(&layout), &raid, &sampling, 0, 1));
            t0.elapsed().as_secs_f64()
        })
        .collect();
    ours_times.sort_by(f64::total_cmp);
    let ours_s = ours_times[2];
    eprintln!(
        "sizing_peer: satellites in reach over samples and missiles: cupola {}, NumPy {:?}",
        ours.in_reach_total, peer_total
    );
    eprintln!(
        "sizing_peer: NumPy peer {peer_s:.3} s (median of 3), cupola {ours_s:.4} s (median of 5): cupola {:.0}x faster",
        peer_s / ours_s
    );
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
    let family = walker_45_by_48(layer);
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
    targets = benches, raid_benches, peer_benches
}
criterion_main!(group);

/// The single-pad example's SBI family the coverage benches lay out: a
/// Walker shell at the layer's altitude, 45°, 48 planes.
fn walker_45_by_48(layer: &SbiLayerSpec) -> Family {
    Family {
        altitude_m: layer.altitude_m,
        inclination_rad: 45f64.to_radians(),
        planes: 48,
        phasing: Phasing::Walker,
        seed: 1,
    }
}
