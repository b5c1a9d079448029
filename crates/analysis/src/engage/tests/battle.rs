//! The battle manager against closed forms: random choice among objects it
//! cannot tell apart, the two allocations, per-site shot caps, altitude
//! bands, kill assessment, and the boost layer's agreement with the sizing
//! study.

use super::{one_area, plan_of, site, spec, trajectory};
use crate::engage::plan::{
    AreaPlan, BOOST_TABLE_RESOLUTION_RAD, BoostPool, Plan, PlanArea, PlanInput, PlannedAsset,
    PlannedMissile,
};
use crate::engage::run::monte_carlo;
use crate::engage::*;
use crate::raid::area_pads;
use crate::sizing::coverage::{Raid, RaidMissile, ReachModel, Sampling, coverage};
use crate::sizing::search::Family;
use crate::sizing::study::BoostTimeline;
use crate::sizing::tests::layer;
use cupola_physics::frames::Geodetic;
use cupola_threat::Trajectory;
use std::sync::Arc;

/// An upper-tier battery at the aim point of `tr` with a 400 km footprint,
/// a 40–150 km band, perfect kill assessment, cued by "radar".
fn battery(tr: &Trajectory, inventory: u32, pk: f64, doctrine: Doctrine) -> TerminalBattery {
    TerminalBattery {
        name: "upper".into(),
        site: tr.impact().unwrap(),
        kind: TerminalKind::UpperTier,
        footprint_m: 400e3,
        min_altitude_m: 40e3,
        max_altitude_m: 150e3,
        inventory,
        pk,
        doctrine,
        assess_s: 10.0,
        kill_assessment: 1.0,
        sensor: "radar".into(),
    }
}

/// Mean leakers agree with `want` within 3 standard errors.
fn assert_mean(r: &EngageResult, want: f64, what: &str) {
    let se = r.mean_leakers_half_width / 1.959_964;
    eprintln!(
        "{what}: mean leakers {:.4} ± {:.4}, closed form {want:.4}",
        r.mean_leakers, r.mean_leakers_half_width
    );
    assert!(
        (r.mean_leakers - want).abs() < 3.0 * se + 1e-12,
        "{what}: {} vs {want} (se {se})",
        r.mean_leakers
    );
}

/// Three re-entry vehicles with three undiscriminated decoys each (N = 12
/// objects) against 5 interceptors of pk 0.8, a barrage of k = 2. The
/// battle manager cannot tell the objects apart, so it engages a random
/// subset: under the doctrine allocation m = ⌊5/2⌋ = 2 objects with two
/// rounds each, and each vehicle leaks with 1 − (m/N)(1 − (1 − p)^k), so
/// E[leakers] = 3 (1 − (2/12)·0.96) = 2.52; under marginal return the 5
/// rounds go one to each of 5 objects, E = 3 (1 − (5/12)·0.8) = 2.0.
/// Engaging in list order (a vehicle, then its decoys) would give 2.04 and
/// 1.4.
#[test]
fn undiscriminated_decoys_are_a_random_subset() {
    let tr = trajectory();
    let p = 0.8;
    let (rvs, n_obj, rounds, k): (f64, f64, f64, f64) = (3.0, 12.0, 5.0, 2.0);
    for allocation in [Allocation::Doctrine, Allocation::MarginalReturn] {
        for assignment in [Assignment::Greedy, Assignment::Exact] {
            let mut s = spec(
                1,
                20_000,
                vec![site(5, p, Doctrine::Barrage { shots: 2 }, 60.0)],
            );
            s.decoys_per_rv = 3;
            s.allocation = allocation;
            s.assignment = assignment;
            let r = monte_carlo(&s, &plan_of(&s, &tr, 3), s.trials, 21, &|_| {});
            let want = match allocation {
                Allocation::Doctrine => {
                    let m = (rounds / k).floor();
                    rvs * (1.0 - m / n_obj * (1.0 - (1.0 - p).powf(k)))
                }
                Allocation::MarginalReturn => rvs * (1.0 - rounds / n_obj * p),
            };
            assert_mean(&r, want, &format!("{allocation:?}, {assignment:?}"));
            let fired = match allocation {
                Allocation::Doctrine => (rounds / k).floor() * k,
                Allocation::MarginalReturn => rounds,
            };
            assert!((r.layers[0].rounds - fired).abs() < 1e-12);
        }
    }
}

/// A barrage of k fires k at every engaged object, never fewer: 44
/// interceptors, a barrage of 4, 30 objects: 11 objects engaged with 4
/// each; marginal return gives 30 objects one each and 14 a second.
#[test]
fn a_barrage_is_not_a_cap() {
    let tr = trajectory();
    let mut s = spec(
        1,
        200,
        vec![site(44, 0.5, Doctrine::Barrage { shots: 4 }, 60.0)],
    );
    s.decoys_per_rv = 9;
    let r = monte_carlo(&s, &plan_of(&s, &tr, 3), s.trials, 2, &|_| {});
    assert_eq!((r.layers[0].engaged, r.layers[0].rounds), (11.0, 44.0));
    s.allocation = Allocation::MarginalReturn;
    let r = monte_carlo(&s, &plan_of(&s, &tr, 3), s.trials, 2, &|_| {});
    assert_eq!((r.layers[0].engaged, r.layers[0].rounds), (30.0, 44.0));
}

/// Caps are per site: an empty barrage site beside a shoot-look-shoot site
/// changes nothing, draw for draw (the old battle manager took the largest
/// cap of any site and made the shoot-look-shoot site fire a barrage: 0.648
/// → 0.503 in this case). Two vehicles, 3 interceptors of pk 0.6,
/// shoot-look-shoot: P(both killed) = p² + 2p²(1 − p) = 0.648.
#[test]
fn an_empty_site_changes_nothing() {
    let tr = trajectory();
    let p: f64 = 0.6;
    let want = p * p + 2.0 * p * p * (1.0 - p);
    let sls = site(3, p, Doctrine::ShootLookShoot { shots: 1 }, 60.0);
    let mut empty = site(0, 0.9, Doctrine::Barrage { shots: 2 }, 60.0);
    empty.name = "empty".into();
    for allocation in [Allocation::Doctrine, Allocation::MarginalReturn] {
        let mut alone = None;
        for sites in [vec![sls.clone()], vec![sls.clone(), empty.clone()]] {
            let mut s = spec(1, 20_000, sites);
            s.allocation = allocation;
            s.detection_jitter_s = 30.0;
            let r = monte_carlo(&s, &plan_of(&s, &tr, 2), s.trials, 4, &|_| {});
            let key = (
                r.p_no_leak,
                r.leaker_distribution.clone(),
                r.layers[0].clone(),
            );
            assert_eq!(alone.get_or_insert(key.clone()), &key, "{allocation:?}");
            let sigma = (want * (1.0 - want) / 20_000.0).sqrt();
            eprintln!(
                "{allocation:?}, {} sites: P(no leak) {:.4}, closed form {want:.4}",
                r.layers.len(),
                r.p_no_leak
            );
            assert!(
                (r.p_no_leak - want).abs() < 3.0 * sigma,
                "{allocation:?}, {} sites: {} vs {want}",
                r.layers.len(),
                r.p_no_leak
            );
            if let Some(e) = r.layers.get(1) {
                assert_eq!((e.engaged, e.rounds), (0.0, 0.0));
            }
        }
    }
}

/// Shoot-look-shoot with an imperfect kill assessment, right with
/// probability q: one vehicle, one shot per look, plenty of interceptors.
/// A survivor is shot again only when seen as one: P(kill) = p + (1 − p)qp;
/// a kill seen as a survivor draws a wasted round: E[rounds] = 1 + (1 −
/// p)q + p(1 − q).
#[test]
fn kill_assessment_matches_its_closed_form() {
    let tr = trajectory();
    let p: f64 = 0.6;
    for q in [1.0, 0.8, 0.5, 0.0] {
        let mut m = site(10, p, Doctrine::ShootLookShoot { shots: 1 }, 60.0);
        m.kill_assessment = q;
        let s = spec(1, 40_000, vec![m]);
        let r = monte_carlo(&s, &plan_of(&s, &tr, 1), s.trials, 8, &|_| {});
        let want = p + (1.0 - p) * q * p;
        let sigma = (want * (1.0 - want) / 40_000.0).sqrt();
        eprintln!(
            "q {q}: P(kill) {:.4} (closed form {want:.4}), rounds {:.4}",
            r.p_no_leak, r.layers[0].rounds
        );
        assert!(
            (r.p_no_leak - want).abs() < 3.0 * sigma,
            "q {q}: {} vs {want}",
            r.p_no_leak
        );
        let rounds = 1.0 + (1.0 - p) * q + p * (1.0 - q);
        assert!(
            (r.layers[0].rounds - rounds).abs() < 0.02,
            "q {q}: {} rounds vs {rounds}",
            r.layers[0].rounds
        );
    }
}

/// A terminal battery engages only what enters its altitude band: one
/// whose band lies above the apogee (1,063 km here) never engages, one
/// spanning the re-entry does.
#[test]
fn a_band_above_the_apogee_never_engages() {
    let tr = trajectory();
    let banded = |min_km: f64, max_km: f64| TerminalBattery {
        min_altitude_m: min_km * 1e3,
        max_altitude_m: max_km * 1e3,
        ..battery(&tr, 10, 0.9, Doctrine::Barrage { shots: 2 })
    };
    for (band, engages) in [((1_200.0, 1_500.0), false), ((40.0, 150.0), true)] {
        let mut s = spec(1, 2_000, Vec::new());
        s.terminal = vec![banded(band.0, band.1)];
        let plan = one_area(&s, &tr, 1, &[], &[Some(300.0)], None, None);
        assert_eq!(plan.batteries[0].band[0].is_some(), engages, "{band:?}");
        let r = monte_carlo(&s, &plan, s.trials, 5, &|_| {});
        if engages {
            let want = 1.0 - 0.1f64.powi(2);
            assert!((r.p_no_leak - want).abs() < 0.01, "{}", r.p_no_leak);
        } else {
            assert_eq!(r.p_no_leak, 0.0);
            assert_eq!(r.layers[0].rounds, 0.0);
        }
    }
}

/// The boost layer assigns shots as the sizing study counts coverage (a
/// maximum assignment): with pk = 1 the engagement's probability that
/// every missile of a 10-missile salvo is shot equals the sizing study's
/// probability of success for the same constellation, within their
/// combined 3σ sampling error.
#[test]
fn boost_layer_agrees_with_sizing() {
    let tr = trajectory();
    let mut sbi = layer();
    sbi.altitude_m = 500e3;
    sbi.inclinations_rad = vec![45f64.to_radians()];
    sbi.planes = vec![24];
    let detection_s = 30.0;
    let carriers = 30_000;
    let mut s = spec(10, 6_000, Vec::new());
    s.boost = Some(BoostLayerSpec {
        carriers,
        pk: 1.0,
        shots: 1,
        pool: 2_048,
    });
    let timeline = BoostTimeline::new(&sbi, detection_s, &tr).unwrap();
    let table = Arc::new(
        timeline
            .table(&sbi, sbi.inclinations_rad[0], BOOST_TABLE_RESOLUTION_RAD)
            .unwrap(),
    );
    let plan = one_area(&s, &tr, 1, &[], &[], Some(&sbi), Some(Arc::clone(&table)));
    let r = monte_carlo(&s, &plan, s.trials, 3, &|_| {});
    let (engage_p, _) = r.p_boost_all_shot.unwrap();
    // With pk = 1 and no other layer, nothing arrives exactly when every
    // missile was shot.
    assert_eq!(r.p_no_leak, engage_p);
    // The sizing study's count for the same constellation, on its own
    // launch-time sample.
    let family = Family {
        altitude_m: sbi.altitude_m,
        inclination_rad: sbi.inclinations_rad[0],
        planes: 24,
        phasing: sbi.phasing,
        seed: 3,
    };
    let layout = family.layout(carriers.div_ceil(24)).unwrap();
    let pad = tr.site.to_ecef().unit();
    let raid = Raid {
        missiles: area_pads(10, 0.0, 0.0, 0.0, pad)
            .iter()
            .map(|c| RaidMissile {
                pad_ecef: c.pad_ecef,
                offset_s: c.offset_s,
                model: 0,
            })
            .collect(),
        models: vec![vec![ReachModel::Table(table)]],
    };
    let sampling = Sampling {
        samples: 4_096,
        span_s: 86_400.0,
        seed: 99,
    };
    let sizing = coverage(&layout, &raid, &sampling, 1, sbi.carrier.interceptors);
    let q = sizing.p_success();
    // Errors: the engagement's trials, its pool of launch times, the
    // sizing's samples.
    let var =
        engage_p * (1.0 - engage_p) * (1.0 / 6_000.0 + 1.0 / 2_048.0) + q * (1.0 - q) / 4_096.0;
    eprintln!(
        "P(every missile shot): engagement {engage_p:.4}, sizing {q:.4}, σ {:.4}",
        var.sqrt()
    );
    assert!(
        q > 0.2 && q < 0.98,
        "a constellation that discriminates: {q}"
    );
    assert!(
        (engage_p - q).abs() < 3.0 * var.sqrt(),
        "engagement {engage_p} vs sizing {q}"
    );
}

/// Where a boost-phase kill leaves the warheads: later kills land them
/// nearer the aim point; a kill at the end of boost lands them within a
/// few tens of kilometres of it (the vacuum arc without the guidance's
/// corrections for drag and J2); one at the interceptors' launch, near the
/// launch area.
#[test]
fn shortfall_moves_toward_the_aim_point() {
    let tr = trajectory();
    let sbi = layer();
    let mut s = spec(3, 100, Vec::new());
    s.areas[0].width_m = 200e3;
    s.boost = Some(BoostLayerSpec {
        carriers: 2_000,
        pk: 0.8,
        shots: 1,
        pool: 64,
    });
    let plan = one_area(&s, &tr, 1, &[], &[], Some(&sbi), None);
    let curve = &plan.areas[0].shortfall;
    assert!(curve.len() > 5, "{curve:?}");
    for w in curve.windows(2) {
        assert!(w[1].short_of_aim_m < w[0].short_of_aim_m, "{w:?}");
    }
    let at_end = tr.ballistic_impact(tr.boost_end_s).unwrap().0;
    let aim = tr.impact().unwrap();
    let miss = cupola_physics::frames::ground_distance(at_end.to_ecef(), aim.to_ecef());
    assert!(miss < 100e3, "vacuum arc from boost end misses by {miss} m");
    let site = Geodetic {
        alt: 0.0,
        ..tr.site
    };
    let first = curve[0].impact;
    assert!(
        cupola_physics::frames::ground_distance(first.to_ecef(), site.to_ecef())
            < cupola_physics::frames::ground_distance(first.to_ecef(), aim.to_ecef())
    );
    // Each missile of the spread raid lands its own point, as far short.
    let short: Vec<f64> = plan
        .missiles
        .iter()
        .map(|m| m.shortfall.unwrap().short_of_aim_m)
        .collect();
    assert!((short[0] - short[2]).abs() < 1.0, "{short:?}");
    let last = curve.last().unwrap();
    assert!((short[1] - last.short_of_aim_m).abs() < 1.0);
    assert!(
        plan.missiles[0].shortfall.unwrap().impact.lon
            < plan.missiles[2].shortfall.unwrap().impact.lon
    );
}

/// Same seed, same answer with every layer and both allocations: boost
/// (random order among missiles, ASAT shots), midcourse with decoys and
/// imperfect kill assessment, a terminal battery; on one and two threads.
#[test]
fn every_layer_is_deterministic_across_threads() {
    let tr = trajectory();
    let sbi = layer();
    for allocation in [Allocation::Doctrine, Allocation::MarginalReturn] {
        let mut m = site(12, 0.6, Doctrine::ShootLookShoot { shots: 1 }, 60.0);
        m.kill_assessment = 0.8;
        m.discrimination = 0.3;
        let mut s = spec(4, 2_000, vec![m]);
        s.allocation = allocation;
        s.decoys_per_rv = 2;
        s.detection_jitter_s = 20.0;
        s.asat_shots = 3;
        s.areas[0].width_m = 300e3;
        s.boost = Some(BoostLayerSpec {
            carriers: 20_000,
            pk: 0.7,
            shots: 1,
            pool: 64,
        });
        s.terminal = vec![TerminalBattery {
            assess_s: 5.0,
            kill_assessment: 0.9,
            ..battery(&tr, 6, 0.8, Doctrine::ShootLookShoot { shots: 1 })
        }];
        let plan = one_area(&s, &tr, 3, &[Some(300.0)], &[Some(300.0)], Some(&sbi), None);
        let run = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| monte_carlo(&s, &plan, s.trials, 17, &|_| {}))
        };
        let one = run(1);
        assert_eq!(one, run(2));
        assert!(
            one.layers.iter().all(|l| l.rounds > 0.0),
            "{:?}",
            one.layers
        );
        assert_ne!(one, monte_carlo(&s, &plan, s.trials, 18, &|_| {}));
    }
}

/// The boost layer finds a maximum assignment, not a maximal one: missile
/// A in reach of carriers 0 and 1, missile B of carrier 0 only, one
/// interceptor each. Taking carrier 0 for A (the first carrier of the first
/// missile) strands B; the maximum assignment gives A carrier 1 and B
/// carrier 0 in every trial, whatever order the missiles are drawn in.
#[test]
fn boost_assignment_is_maximum_on_a_constructed_case() {
    let missile = |area| PlannedMissile {
        area,
        offset_s: 0.0,
        rvs: 1,
        shortfall: None,
        asset: 0,
    };
    let missiles = vec![missile(0), missile(0)];
    let plan = Plan {
        waves: Plan::waves_of(&missiles),
        missiles,
        assets: vec![PlannedAsset {
            name: "aim".into(),
            value: 1.0,
        }],
        areas: vec![AreaPlan {
            name: "area".into(),
            shortfall: Vec::new(),
        }],
        sites: Vec::new(),
        batteries: Vec::new(),
        boost: Some(BoostPool::new(1, 1, 2, &[vec![vec![0, 1], vec![0]]])),
    };
    let mut s = spec(2, 1_000, Vec::new());
    s.boost = Some(BoostLayerSpec {
        carriers: 2,
        pk: 1.0,
        shots: 1,
        pool: 1,
    });
    let r = monte_carlo(&s, &plan, s.trials, 1, &|_| {});
    assert_eq!(r.p_boost_all_shot.unwrap().0, 1.0);
    assert_eq!(r.p_no_leak, 1.0);
    assert_eq!(r.layers[0].rounds, 2.0);
}

/// Two launch areas: the midcourse site's sensor tracks the first area's
/// launch but never the second's, so the first area's vehicles meet the
/// site and the second's all arrive; the terminal battery sees only the
/// second. Per-area cues and bands are kept apart.
#[test]
fn areas_keep_their_own_cues() {
    let tr = trajectory();
    let m = site(100, 1.0, Doctrine::Barrage { shots: 1 }, 60.0);
    let mut s = spec(1, 500, vec![m]);
    s.terminal = vec![battery(&tr, 100, 0.5, Doctrine::Barrage { shots: 1 })];
    let area = |name: &str, salvo| crate::raid::LaunchArea {
        name: name.into(),
        launch: 0,
        salvo,
        width_m: 100e3,
        depth_m: 100e3,
        window_s: 0.0,
    };
    let (a, b) = (area("tracked", 2), area("untracked", 3));
    let plan = Plan::build(&PlanInput {
        spec: &s,
        areas: &[
            PlanArea {
                area: &a,
                trajectory: &tr,
                rvs: 1,
                midcourse_cue_s: &[Some(300.0)],
                terminal_cue_s: &[None],
                detection_s: 30.0,
                table: None,
            },
            PlanArea {
                area: &b,
                trajectory: &tr,
                rvs: 2,
                midcourse_cue_s: &[None],
                terminal_cue_s: &[Some(300.0)],
                detection_s: 30.0,
                table: None,
            },
        ],
        sbi: None,
        seed: 1,
    })
    .unwrap();
    assert_eq!(plan.missiles.len(), 5);
    assert_eq!(plan.rvs(), 2 + 6);
    assert_eq!(plan.assets.len(), 2, "one aim point per area");
    let r = monte_carlo(&s, &plan, s.trials, 6, &|_| {});
    // The site kills both of the first area's vehicles (pk 1) and none of
    // the second's; the battery engages only the second's six.
    assert_eq!((r.layers[0].engaged, r.layers[0].rv_kills), (2.0, 2.0));
    assert_eq!(r.layers[1].engaged, 6.0);
    assert!((r.mean_leakers - 3.0).abs() < 0.2, "{}", r.mean_leakers);
    assert_eq!(r.arrivals[0].2, 0.0);
}

/// The boost pool's lists of carriers in reach take no more memory than
/// the engagement estimate counts for them (the estimate takes every
/// carrier within the cap of ground reach Δv · window, an upper estimate),
/// and not grossly more (within a factor of 50).
#[test]
fn pool_memory_is_within_the_estimate() {
    let tr = trajectory();
    let mut sbi = layer();
    sbi.altitude_m = 500e3;
    sbi.inclinations_rad = vec![45f64.to_radians()];
    sbi.planes = vec![24];
    let mut s = spec(10, 100, Vec::new());
    s.areas[0].width_m = 200e3;
    s.boost = Some(BoostLayerSpec {
        carriers: 30_000,
        pk: 1.0,
        shots: 1,
        pool: 256,
    });
    let timeline = BoostTimeline::new(&sbi, 30.0, &tr).unwrap();
    let plan = one_area(&s, &tr, 1, &[], &[], Some(&sbi), None);
    let pool = plan.boost.as_ref().unwrap();
    let actual = 4.0 * (pool.starts.len() + pool.lists.len()) as f64;
    let e = crate::work::engagement(&crate::work::EngageWork {
        spec: &s,
        rvs: 1,
        layer: Some(&sbi),
        timeline: Some(&timeline),
        sweep: false,
        threads: 1,
    });
    assert!(e.memory_bytes >= actual, "{} < {actual}", e.memory_bytes);
    assert!(
        e.memory_bytes <= 50.0 * actual,
        "{} vs {actual}",
        e.memory_bytes
    );
}
