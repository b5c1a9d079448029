use super::*;
use crate::sizing::spec::ShellSpec;
use crate::trajectory::TrajectoryStudy;
use cupola_defense::budget::Deadline;
use cupola_defense::interceptor::{Carrier, Interceptor};
use cupola_physics::frames::Geodetic;
use cupola_threat::{FlightOptions, Profile};
use std::sync::Arc;

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
        defined_at: None,
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
                kill_vehicle_mass_kg: 42.0,
                divert_delta_v_m_s: 1_000.0,
                end_game_s: 10.0,
                divert_isp_s: 290.0,
                unpredicted_fraction: 0.1,
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
        shells: Vec::new(),
    }
}

pub(crate) fn spec(salvo: u32, samples: u32) -> SizingSpec {
    SizingSpec {
        areas: vec![crate::raid::LaunchArea::at("test", 0, salvo)],
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
        areas: vec![AreaLaunch {
            launch: default_launch(),
            detection_s: 30.0,
        }],
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
    three.spec.areas[0].salvo = 3;
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
    let reference = i.fly().unwrap();
    let totals = |kind, values: &[f64]| -> Vec<u32> {
        sweep::run_sweep(
            &i,
            &reference,
            &Sweep {
                kind,
                values: values.to_vec(),
            },
            &|_| {},
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

/// The analytic models sit at each point's own altitude: the ground reach
/// comes from the fly-out kinematics down to the missile, so it shrinks as
/// the orbit rises and the counts grow, to infinity where even the
/// farthest fly-out cannot come down to the missile; the numeric answer
/// fails there too.
#[test]
fn analytic_counts_change_with_altitude() {
    let i = input(1, 200);
    let reference = i.fly().unwrap();
    let sw = sweep::run_sweep(
        &i,
        &reference,
        &Sweep {
            kind: SweepKind::Altitude,
            values: vec![300e3, 500e3, 800e3, 1_200e3],
        },
        &|_| {},
    );
    let fams: Vec<_> = sw
        .points
        .iter()
        .map(|p| p.outcome.as_ref().unwrap().answer_family().unwrap().clone())
        .collect();
    for (f, p) in fams.iter().zip(&sw.points) {
        assert_eq!(f.analytic().altitude_m, p.value);
    }
    let rho: Vec<f64> = fams.iter().map(|f| f.analytic().ground_reach_m).collect();
    let counts: Vec<f64> = fams
        .iter()
        .map(|f| f.analytic().inclined_poisson_total)
        .collect();
    assert!(
        rho.windows(2).all(|w| w[0] > w[1] || w[1] == 0.0),
        "{rho:?}"
    );
    assert!(rho[0] > 1.2 * rho[1], "{rho:?}");
    assert!(
        counts
            .windows(2)
            .all(|w| w[0] < w[1] || w[0].is_infinite() && w[1].is_infinite()),
        "{counts:?}"
    );
    assert_eq!(rho[3], 0.0, "{rho:?}");
    assert!(counts[3].is_infinite());
    let top = &sw.points[3].outcome.as_ref().unwrap();
    assert!(top.best.is_none());
    assert!(matches!(
        top.families[0].why_none,
        Some(planes::NoAnswer::NoFeasibleCell { .. })
    ));
}

/// With two inclinations each family reports its own reach table (the one
/// built for its inclination), its own inclination factor, and the answer
/// it found; the answer's family is the one holding the best.
#[test]
fn each_family_reports_its_own_table() {
    let mut two = input(1, 300);
    two.layer.inclinations_rad = vec![45f64.to_radians(), 70f64.to_radians()];
    let trajectory = two.fly().unwrap();
    let r = size_against(&two, &trajectory).unwrap();
    let at = |deg: f64| {
        r.families
            .iter()
            .find(|f| (f.family.inclination_rad.to_degrees() - deg).abs() < 1e-9)
            .unwrap()
    };
    let timeline = study::BoostTimeline::new(&two.layer, 30.0, &trajectory[0]).unwrap();
    let lat = trajectory[0].site.to_ecef().unit().z.asin();
    for f in &r.families {
        let t = timeline
            .table(
                &two.layer,
                f.family.inclination_rad,
                two.spec.resolution_rad,
            )
            .unwrap();
        assert_eq!(f.table().cells, t.cells());
        assert_eq!(f.table().feasible_cells, t.feasible_cells());
        assert_eq!(
            f.analytic().inclination_factor,
            crate::absentee::inclination_factor(lat, f.family.inclination_rad)
        );
    }
    assert_ne!(at(45.0).table(), at(70.0).table());
    assert_ne!(at(45.0).analytic(), at(70.0).analytic());
    let answer = r.answer_family().unwrap();
    assert_eq!(answer.best, r.best);
    assert!(r.best.is_some());
}

/// The divert is used: a kill vehicle without divert cannot absorb any of
/// the boosting missile's unpredicted motion, so no reach cell is feasible
/// (the cells it loses are counted short of divert), there is no answer,
/// and the reason names the timeline; the analytic reach, limited the same
/// way, is zero. The interceptor is lighter by the divert propellant.
#[test]
fn no_divert_shrinks_the_reach_to_nothing() {
    let with = input(1, 200);
    let mut without = with.clone();
    without.layer.carrier.interceptor.divert_delta_v_m_s = 0.0;
    let a = size(&with).unwrap();
    let b = size(&without).unwrap();
    let (fa, fb) = (&a.families[0], &b.families[0]);
    assert!(fa.table().feasible_cells > 0);
    assert_eq!(fb.table().feasible_cells, 0);
    assert!(fb.table().divert_short_cells >= fa.table().feasible_cells);
    assert!(b.best.is_none() && a.best.is_some());
    assert!(matches!(
        fb.why_none,
        Some(planes::NoAnswer::NoFeasibleCell { divert_short_cells, .. }) if divert_short_cells > 0
    ));
    assert_eq!(fb.analytic().ground_reach_m, 0.0);
    assert!(b.interceptor_mass_kg < a.interceptor_mass_kg);
    assert!((a.kill_vehicle_mass_kg / b.kill_vehicle_mass_kg - 1.4214).abs() < 1e-3);
}

/// Polar shells of too few planes leave gaps no per-plane count closes
/// (six planes at 300 km are 30° of node apart); the plane-count search finds the
/// smallest count that meets the requirement, and one plane fewer cannot,
/// even at the largest constellation allowed.
#[test]
fn plane_count_search_makes_polar_shells_feasible() {
    let mut polar = input(1, 400);
    polar.layer.inclinations_rad = vec![90f64.to_radians()];
    polar.layer.planes = vec![6];
    polar.layer.altitude_m = 300e3;
    polar.spec.max_satellites = 20_000;
    let trajectory = polar.fly().unwrap();
    let r = size_against(&polar, &trajectory).unwrap();
    let Some(planes::NoAnswer::PlaneGaps {
        more_planes: Some(planes),
        ..
    }) = r.families[0].why_none
    else {
        panic!("{:?}", r.families[0].why_none)
    };
    assert!(planes > 6 && planes <= planes::MAX_PLANES, "{planes}");
    let found = r
        .families
        .iter()
        .find(|f| f.planes_searched && f.family.planes == planes)
        .expect("searched");
    let best = found
        .best
        .as_ref()
        .expect("the searched plane count meets it");
    assert!(r.best.as_ref().unwrap().total <= best.total);
    // One plane fewer has no constellation meeting it up to the limit.
    let below = found
        .plane_search
        .iter()
        .find(|t| t.planes == planes - 1)
        .map_or(if planes - 1 == 6 { None } else { Some(1) }, |t| t.carriers);
    assert_eq!(below, None, "{:?}", found.plane_search);
}

/// The launch of `default_launch` moved to a pad at `lat`, `lon` (degrees)
/// and aimed at `aim` (degrees).
fn launch_from(lat: f64, lon: f64, aim: (f64, f64)) -> AreaLaunch {
    AreaLaunch {
        launch: TrajectoryStudy {
            site: Geodetic::from_degrees(lat, lon, 0.0),
            aim: Geodetic::from_degrees(aim.0, aim.1, 0.0),
            ..default_launch()
        },
        detection_s: 30.0,
    }
}

/// A national laydown: one missile from each of four areas at about 39°N,
/// 41°N, 55°N and 33°N, at 400 km, 48 planes.
fn laydown(samples: u32, inclinations_deg: &[f64]) -> SizingInput {
    let mut i = input(1, samples);
    i.layer.altitude_m = 400e3;
    i.layer.planes = vec![48];
    i.layer.inclinations_rad = inclinations_deg.iter().map(|d| d.to_radians()).collect();
    i.spec.areas = ["39N", "41N", "55N", "33N"]
        .iter()
        .enumerate()
        .map(|(k, n)| crate::raid::LaunchArea::at(*n, k, 1))
        .collect();
    i.areas = vec![
        launch_from(39.0, 125.7, (47.6, -122.3)),
        launch_from(41.0, 100.0, (47.35, -101.75)),
        launch_from(55.0, 90.0, (47.35, -101.75)),
        launch_from(33.0, 53.0, (44.8, -68.8)),
    ];
    i
}

/// Four launch areas sized at once, with one shell and with two
/// inclinations: a 55° shell cannot reach the 55°N area in boost (no
/// feasible reach cell; it is the binding area and the reason is given),
/// a 65° shell covers all four and reports each area's coverage; the
/// two-inclination search finds the 65° answer, the same as the one-shell
/// run; and serving all areas at once takes at least as many carriers as
/// the hardest area alone (within one plane's step).
#[test]
fn a_national_laydown_is_sized_at_once() {
    let two = size(&laydown(400, &[55.0, 65.0])).unwrap();
    assert_eq!(two.salvo, 4);
    assert_eq!(two.reach.len(), 4);
    let f55 = &two.families[0];
    assert_eq!(f55.areas.len(), 4);
    assert_eq!(f55.areas[f55.binding].area, "55N");
    assert_eq!(f55.areas[2].table.feasible_cells, 0);
    assert!(f55.areas[1].table.feasible_cells > 0);
    assert!(matches!(
        f55.why_none,
        Some(planes::NoAnswer::NoFeasibleCell { .. })
    ));
    let best = two.best.clone().expect("the 65° shell covers the laydown");
    assert!((best.family.inclination_rad.to_degrees() - 65.0).abs() < 1e-9);
    let per_area = &best.stats.areas;
    assert_eq!(per_area.len(), 4);
    assert!(per_area.iter().all(|a| a.missiles == 1));
    // Every area meets its shot at least as often as the whole raid.
    for a in per_area {
        assert!(a.p_in_reach(best.stats.samples) >= best.stats.p_success());
        assert!(a.mean_in_reach(best.stats.samples) > 0.0);
    }
    // The area that binds in practice has its shots in reach least often.
    let h = best.stats.hardest_area().expect("every area launches");
    assert!(
        per_area
            .iter()
            .all(|a| a.all_in_reach >= per_area[h].all_in_reach)
    );
    // The per-area counts add up to the raid's.
    let total: u64 = per_area.iter().map(|a| a.in_reach_total).sum();
    assert_eq!(total, best.stats.in_reach_total);

    let one = size(&laydown(400, &[65.0])).unwrap();
    assert_eq!(one.best.as_ref().map(|b| b.total), Some(best.total));

    let alone = |k: usize| {
        let mut i = laydown(400, &[65.0]);
        i.spec.areas = vec![i.spec.areas[k].clone()];
        i.areas = vec![i.areas[k].clone()];
        size(&i).unwrap().best.map_or(u32::MAX, |b| b.total)
    };
    let hardest = (0..4).map(alone).max().unwrap();
    assert!(best.total + 48 >= hardest, "{} vs {hardest}", best.total);
}

/// A 65° shell of 48 planes and a 45° shell of `planes` planes, at 400 km.
fn shells_65_45(planes: u32) -> Vec<ShellSpec> {
    vec![
        ShellSpec {
            altitude_m: 400e3,
            inclination_rad: 65f64.to_radians(),
            planes: 48,
        },
        ShellSpec {
            altitude_m: 400e3,
            inclination_rad: 45f64.to_radians(),
            planes,
        },
    ]
}

/// One constellation of a 65° and a 45° shell sized jointly against the
/// four-area laydown: its answer is never larger than either shell alone
/// at the same plane count (each is a split the search tries), it names
/// each shell's carriers, which add up to its total, and it meets the
/// requirement with per-area coverage; the 45° shell cannot reach the
/// 55°N area, so the joint answer keeps carriers in the 65° shell.
#[test]
fn two_shells_are_sized_jointly() {
    let mut i = laydown(400, &[65.0, 45.0]);
    i.layer.shells = shells_65_45(48);
    let r = size(&i).unwrap();
    let j = r.joint.as_ref().expect("two shells are sized jointly");
    assert_eq!(j.shells.len(), 2);
    assert_eq!(j.shells[1].areas[2].table.feasible_cells, 0, "45° vs 55°N");
    let b = j.best.as_ref().expect("the joint constellation meets it");
    assert!(b.stats.p_success() >= 0.95);
    assert_eq!(b.carriers.iter().sum::<u32>(), b.total);
    assert!(b.carriers[0] > 0, "{:?}", b.carriers);
    assert_eq!(b.stats.areas.len(), 4);
    // Every area meets its shots at least as often as the whole raid.
    for a in &b.stats.areas {
        assert_eq!(a.missiles, 1);
        assert!(a.p_in_reach(b.stats.samples) >= b.stats.p_success());
    }
    for f in r.families.iter().filter(|f| f.family.planes == 48) {
        if let Some(single) = &f.best {
            assert!(b.total <= single.total, "{} vs {}", b.total, single.total);
        }
    }
    assert_eq!(r.fewest_carriers().map(|(n, _)| n), Some(b.total));
    // Evaluations are counted once each, and a smaller split of the same
    // search failed (the answer is the smallest of its split that meets).
    assert_eq!(
        r.evaluations,
        r.families.iter().map(|f| f.tried.len()).sum::<usize>() + j.evaluated
    );
}

/// A shell whose reach model never reaches adds nothing: the joint
/// coverage equals the first shell's alone, count for count.
#[test]
fn a_shell_out_of_reach_adds_nothing() {
    let i = laydown(300, &[65.0]);
    let flown = i.fly().unwrap();
    let pads: Vec<cupola_physics::Vec3> = flown.iter().map(|t| t.site.to_ecef().unit()).collect();
    let table = |k: usize| {
        let tl = study::BoostTimeline::new(&i.layer, 30.0, &flown[k]).unwrap();
        coverage::ReachModel::Table(std::sync::Arc::new(
            tl.table(&i.layer, 65f64.to_radians(), i.spec.resolution_rad)
                .unwrap(),
        ))
    };
    let never = coverage::ReachModel::Cap { angle_rad: -1.0 };
    let one: Vec<Vec<coverage::ReachModel>> = (0..4).map(|k| vec![table(k)]).collect();
    let two: Vec<Vec<coverage::ReachModel>> =
        (0..4).map(|k| vec![table(k), never.clone()]).collect();
    let family = search::Family {
        altitude_m: 400e3,
        inclination_rad: 65f64.to_radians(),
        planes: 48,
        phasing: Phasing::Walker,
        seed: 1,
    };
    let other = search::Family {
        inclination_rad: 45f64.to_radians(),
        ..family
    };
    let sampling = coverage::Sampling {
        samples: 300,
        span_s: 86_400.0,
        seed: 1,
    };
    let alone = coverage::coverage(
        &family.layout(200).unwrap(),
        &study::raid(&i.spec, &pads, one),
        &sampling,
        1,
        1,
    );
    let joint = layout::Layout::joint(vec![
        family.layout(200).unwrap(),
        other.layout(100).unwrap(),
    ]);
    let both = coverage::coverage(&joint, &study::raid(&i.spec, &pads, two), &sampling, 1, 1);
    assert_eq!(both.carriers, 48 * 300);
    assert_eq!(both.all_assigned, alone.all_assigned);
    assert_eq!(both.in_reach_total, alone.in_reach_total);
    assert_eq!(both.histogram, alone.histogram);
}

/// The joint search stays within `max_satellites` and still finds an
/// answer just under it (a regression: the doubling used to stop at a
/// nominal total whose whole satellites per plane overshot the limit, and
/// gave up); with a limit below one satellite in every plane it says so.
#[test]
fn joint_search_respects_the_limit() {
    let mut i = laydown(300, &[]);
    i.layer.shells = shells_65_45(24);
    let free = size(&i).unwrap();
    let answer = free.joint.as_ref().unwrap().best.as_ref().unwrap().total;
    i.spec.max_satellites = answer + 30;
    let tight = size(&i).unwrap();
    let j = tight.joint.as_ref().unwrap();
    let b = j.best.as_ref().expect("an answer under the limit exists");
    assert!(b.total <= answer + 30, "{} vs {}", b.total, answer + 30);
    assert!(j.tried.iter().all(|t| t.total <= answer + 30));
    i.spec.max_satellites = 20;
    let none = size(&i).unwrap();
    assert!(matches!(
        none.joint.unwrap().why_none,
        Some(planes::NoAnswer::BelowPlanes {
            max_satellites: 20,
            smallest: 24
        })
    ));
}

/// A raid of 5 missiles over 500 km and a 30 s window, its reach table
/// at 55° and a 48-plane shell, for the query and sequential-evaluation
/// tests.
fn spread_raid() -> (
    coverage::Raid,
    search::Family,
    Arc<cupola_defense::reach::ReachTable>,
) {
    let i = input(5, 100);
    let mut spec = i.spec.clone();
    spec.areas[0].width_m = 500e3;
    spec.areas[0].window_s = 30.0;
    let traj = i.fly().unwrap();
    let timeline = study::BoostTimeline::new(&i.layer, 30.0, &traj[0]).unwrap();
    let table = Arc::new(
        timeline
            .table(&i.layer, 55f64.to_radians(), spec.resolution_rad)
            .unwrap(),
    );
    let pads = [traj[0].site.to_ecef().unit()];
    let raid = study::raid(
        &spec,
        &pads,
        vec![vec![coverage::ReachModel::Table(Arc::clone(&table))]],
    );
    let family = search::Family {
        altitude_m: 500e3,
        inclination_rad: 55f64.to_radians(),
        planes: 48,
        phasing: Phasing::Walker,
        seed: 1,
    };
    (raid, family, table)
}

/// The prepared reach query finds exactly the carriers a brute-force check
/// of every satellite finds (the reach table at every satellite's lead, and
/// for the cap model the angle between ground point and pad): dismissing
/// planes by the cross-track sine, testing only a row's lead range and
/// answering leads by cell class change nothing.
#[test]
fn reach_query_matches_brute_force() {
    use cupola_physics::Vec3;
    use cupola_physics::constants::OMEGA_EARTH;
    use std::f64::consts::{PI, TAU};
    let (table_raid, family, table) = spread_raid();
    let angle = 0.2;
    let cap_raid = coverage::Raid {
        missiles: table_raid.missiles.clone(),
        models: vec![vec![coverage::ReachModel::Cap { angle_rad: angle }]],
    };
    let layout = family.layout(60).unwrap();
    let sampling = coverage::Sampling {
        samples: 150,
        span_s: 86_400.0,
        seed: 3,
    };
    let mut states = Vec::new();
    for (cap, raid) in [(false, &table_raid), (true, &cap_raid)] {
        let prepared = coverage::PreparedRaid::new(raid);
        let mut scratch = coverage::ReachScratch::default();
        let mut out = Vec::new();
        let mut found = 0;
        for k in 0..sampling.samples {
            let t = sampling.time(k);
            prepared.in_reach_at(&layout, t, &mut scratch, &mut out);
            for (list, m) in out.iter().zip(&raid.missiles) {
                let tl = t + m.offset_s;
                let (s, c) = (OMEGA_EARTH * tl).sin_cos();
                let p = m.pad_ecef;
                let pad = Vec3::new(c * p.x - s * p.y, s * p.x + c * p.y, p.z);
                layout.states(tl, &mut states);
                let mut brute: Vec<u32> = Vec::new();
                for plane in &layout.planes {
                    let g = plane.pad_geometry(pad, tl);
                    for (n, &phase) in plane.phases.iter().enumerate() {
                        let id = plane.first + n as u32;
                        let ok = if cap {
                            states[id as usize].0.unit().dot(pad) >= angle.cos()
                        } else {
                            let lead =
                                (phase + plane.u_rate * tl - g.u_pad + PI).rem_euclid(TAU) - PI;
                            table.in_reach(g.delta, lead, g.northbound)
                        };
                        if ok {
                            brute.push(id);
                        }
                    }
                }
                let mut got = list.clone();
                got.sort_unstable();
                assert_eq!(got, brute, "sample {k}, cap {cap}");
                found += got.len();
            }
        }
        assert!(found > 100, "cap {cap}: {found} carriers in reach in all");
    }
}

/// A candidate's sequential evaluation takes the side of the requirement
/// its evaluation on every sample takes, stops early for those far from it,
/// and gives the same statistics on one thread and on two.
#[test]
fn sequential_evaluation_settles_as_the_full_one() {
    let (raid, family, _) = spread_raid();
    let sampling = coverage::Sampling {
        samples: 2_000,
        span_s: 86_400.0,
        seed: 1,
    };
    let pool = |n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    };
    let req = search::Requirement {
        shots: 1,
        confidence: 0.95,
        capacity: 1,
    };
    let answer = search::smallest(family, &raid, &sampling, &req, 100_000, 2_000.0)
        .unwrap()
        .best
        .expect("an answer")
        .per_plane;
    assert!(answer >= 8, "{answer}");
    let (mut early, mut sides) = (0, [0, 0]);
    for pp in [
        answer * 4,
        answer * 2,
        answer * 5 / 4,
        answer,
        answer * 4 / 5,
        answer / 2,
        answer / 4,
    ] {
        let layout = family.layout(pp).unwrap();
        let full = coverage::coverage(&layout, &raid, &sampling, 1, 1);
        let seq =
            |n| pool(n).install(|| coverage::coverage_until(&layout, &raid, &sampling, 1, 1, 0.95));
        let one = seq(1);
        assert_eq!(one, seq(2), "{pp} per plane");
        let meets = full.p_success() >= 0.95;
        assert_eq!(one.p_success() >= 0.95, meets, "{pp}: {one:?} vs {full:?}");
        sides[usize::from(meets)] += 1;
        early += usize::from(one.samples < sampling.samples);
        if one.samples == sampling.samples {
            assert_eq!(one, full);
        }
    }
    assert!(sides[0] >= 2 && sides[1] >= 2, "{sides:?}");
    assert!(early >= 3, "{early} stopped early");
}
