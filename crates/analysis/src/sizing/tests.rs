use super::*;
use crate::trajectory::TrajectoryStudy;
use cupola_defense::budget::Deadline;
use cupola_defense::interceptor::{Carrier, Interceptor};
use cupola_physics::frames::Geodetic;
use cupola_threat::{FlightOptions, Profile};

/// The default scenario's launch: the catalog solid ICBM over 10,000 km.
pub(crate) fn default_launch() -> TrajectoryStudy {
    TrajectoryStudy {
        name: "default".into(),
        missile: cupola_threat::catalog::solid_icbm(),
        site: Geodetic::from_degrees(41.0, 100.0, 1_000.0),
        aim: Geodetic::from_degrees(47.35, -101.75, 0.0),
        profile: Profile::MinimumEnergy,
        launch_time_s: 0.0,
        options: FlightOptions::default(),
        sample_step_s: 10.0,
    }
}

/// A generic layer: 4 km/s two-stage 10 g interceptors, one per carrier,
/// 500 km 55°.
pub(crate) fn layer() -> SbiLayerSpec {
    SbiLayerSpec {
        carrier: Carrier {
            interceptor: Interceptor {
                booster_delta_v_m_s: 4_000.0,
                booster_stages: 2,
                booster_isp_s: 285.0,
                structure_fraction: 0.15,
                acceleration_m_s2: 98.0665,
                kill_vehicle_mass_kg: 60.0,
                divert_delta_v_m_s: 1_000.0,
                end_game_s: 10.0,
            },
            interceptors: 1,
            bus_mass_kg: 300.0,
            max_payload_kg: 2_000.0,
        },
        detection: Detection::Latency { seconds: 30.0 },
        decision_s: 30.0,
        deadline: Deadline::BoostEnd,
        altitude_m: 500e3,
        inclinations_rad: vec![55f64.to_radians()],
        planes: vec![24],
        phasing: Phasing::Walker,
    }
}

pub(crate) fn spec(salvo: u32, samples: u32) -> SizingSpec {
    SizingSpec {
        launch: 0,
        salvo,
        area_width_m: 0.0,
        window_s: 0.0,
        shots: 1,
        confidence: 0.95,
        samples,
        span_s: 86_400.0,
        max_satellites: 100_000,
        resolution_rad: 0.2f64.to_radians(),
        sweeps: Vec::new(),
    }
}

fn input(salvo: u32, samples: u32) -> SizingInput {
    SizingInput {
        layer: layer(),
        spec: spec(salvo, samples),
        launch: default_launch(),
        detection_s: 30.0,
        seed: 1,
    }
}

/// The search finds a constellation that meets the requirement while the
/// next smaller one of its family fails; more missiles need more
/// satellites.
#[test]
fn smallest_constellation_is_minimal() {
    let mut one = input(1, 1_000);
    one.layer.planes = vec![48];
    let r = size(&one).unwrap();
    let best = r.best.clone().expect("a constellation meets it");
    assert!(best.stats.p_success() >= 0.95);
    let fam = &r.families[0];
    let below = fam
        .tried
        .iter()
        .find(|t| t.total == best.total - 48)
        .expect("the next smaller size was tried");
    assert!(below.p_success < 0.95, "{below:?}");
    let mut three = one.clone();
    three.spec.salvo = 3;
    let r3 = size(&three).unwrap();
    let b3 = r3.best.unwrap();
    assert!(b3.total > best.total, "{} vs {}", b3.total, best.total);
}

/// Same seed, same answer on one thread and on two.
#[test]
fn deterministic_across_thread_counts() {
    let run = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| size(&input(3, 600)).unwrap())
    };
    assert_eq!(run(1), run(2));
}

/// Sweeps move the answer the way the physics says: a bigger salvo or a
/// shorter boost needs more satellites; a faster interceptor fewer.
#[test]
fn sweeps_move_the_right_way() {
    let mut i = input(1, 500);
    i.layer.planes = vec![48];
    let reference = i.launch.solve().unwrap().trajectory;
    let totals = |kind, values: &[f64]| -> Vec<u32> {
        sweep::run_sweep(
            &i,
            &reference,
            &Sweep {
                kind,
                values: values.to_vec(),
            },
        )
        .points
        .iter()
        .map(|p| {
            p.outcome
                .as_ref()
                .unwrap()
                .best
                .as_ref()
                .map_or(u32::MAX, |b| b.total)
        })
        .collect()
    };
    let salvo = totals(SweepKind::Salvo, &[1.0, 3.0]);
    assert!(salvo[0] < salvo[1], "{salvo:?}");
    let dv = totals(SweepKind::DeltaV, &[3_000.0, 6_000.0]);
    assert!(dv[0] > dv[1], "{dv:?}");
    let boost = totals(SweepKind::BoostTime, &[130.0, 200.0]);
    assert!(boost[0] > boost[1], "{boost:?}");
}
