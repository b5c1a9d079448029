//! Catalog missiles on the rotating J2 Earth with drag: targeting accuracy
//! and the boost durations of the open literature.

use cupola_physics::frames::{Geodetic, ground_distance};
use cupola_threat::targeting::max_range;
use cupola_threat::{EventKind, FlightOptions, Missile, Profile, solve};

/// Launch point used throughout: inland Asia, 1 km above the ellipsoid.
fn site() -> Geodetic {
    Geodetic::from_degrees(41.0, 100.0, 1_000.0)
}

/// The point `range_m` away from `from` along initial azimuth `az_deg`, on
/// the 6,371 km sphere of geocentric directions (spherical trigonometry).
fn destination(from: Geodetic, az_deg: f64, range_m: f64) -> Geodetic {
    let d = range_m / cupola_physics::constants::R_EARTH_MEAN;
    let a = az_deg.to_radians();
    // Work with the geocentric latitude so ground_distance sees `range_m`.
    let e2 = cupola_physics::constants::WGS84_E2;
    let r = from.to_ecef();
    let lat1 = r.z.atan2(r.x.hypot(r.y));
    let lat2 = (lat1.sin() * d.cos() + lat1.cos() * d.sin() * a.cos()).asin();
    let lon2 = from.lon + (a.sin() * d.sin() * lat1.cos()).atan2(d.cos() - lat1.sin() * lat2.sin());
    Geodetic {
        lat: (lat2.tan() / (1.0 - e2)).atan(),
        lon: lon2,
        alt: 0.0,
    }
}

fn icbms() -> Vec<Missile> {
    ["solid-icbm", "liquid-icbm", "fast-solid-icbm"]
        .iter()
        .map(|n| {
            cupola_threat::catalog::all()
                .into_iter()
                .find(|m| &m.name == n)
                .unwrap_or_else(|| panic!("catalog lacks {n}"))
        })
        .collect()
}

/// Every catalog ICBM hits aim points from 1,000 km to its maximum range
/// within 1 km, every 1,000 km and at 99% of the maximum, on bearings east,
/// west and north-east, with J2, drag and the Earth's rotation. The maximum
/// range along a bearing is the targeting's own reach (`max_range`).
#[test]
fn icbms_hit_aim_points_from_1000_km_to_max_range() {
    let opts = FlightOptions::default();
    for m in icbms() {
        for az in [30.0f64, 90.0, 270.0] {
            let (rmax, _) = max_range(&m, site(), az.to_radians(), opts).unwrap();
            let mut ranges: Vec<f64> = (1..=20)
                .map(|k| k as f64 * 1_000e3)
                .filter(|r| *r < rmax)
                .collect();
            ranges.push(0.99 * rmax);
            for r in ranges {
                let aim = destination(site(), az, r);
                let d = ground_distance(site().to_ecef(), aim.to_ecef());
                assert!((d - r).abs() < 1.0, "destination helper: {d} vs {r}");
                let sol = solve(&m, site(), aim, Profile::MinimumEnergy, opts)
                    .unwrap_or_else(|e| panic!("{} az {az} range {:.0} km: {e}", m.name, r / 1e3));
                // The aim iteration stops below 5 m; `solve` accepts up to
                // 1 km, so check the tighter figure.
                assert!(
                    sol.miss_m < 50.0,
                    "{} az {az} range {:.0} km: miss {:.0} m",
                    m.name,
                    r / 1e3,
                    sol.miss_m
                );
            }
        }
    }
}

/// The solid ICBM reaches at least 10,000 km on a minimum-energy profile,
/// with its boost ending in 170–185 s (solid ICBMs burn ≈ 170–180 s: APS
/// 2003, Table 5.1 / NRC 2012); the liquid ICBM's boost lasts 240–300 s; the
/// fast-burn solid's 100–120 s.
#[test]
fn boost_durations_match_the_literature() {
    let opts = FlightOptions::default();
    let cat = icbms();
    let solid = &cat[0];
    let aim = destination(site(), 20.0, 10_000e3);
    let sol = solve(solid, site(), aim, Profile::MinimumEnergy, opts).unwrap();
    assert!(sol.miss_m < 50.0);
    let boost = sol
        .trajectory
        .event(EventKind::BoostEnd)
        .unwrap()
        .state
        .time_s;
    assert!((170.0..=185.0).contains(&boost), "solid boost {boost}");
    let liquid = &cat[1];
    let sol = solve(liquid, site(), aim, Profile::MinimumEnergy, opts).unwrap();
    let boost = sol.trajectory.boost_end_s;
    assert!((240.0..=300.0).contains(&boost), "liquid boost {boost}");
    let fast = &cat[2];
    let sol = solve(fast, site(), aim, Profile::MinimumEnergy, opts).unwrap();
    let boost = sol.trajectory.boost_end_s;
    assert!((100.0..=120.0).contains(&boost), "fast-burn boost {boost}");
}

/// Lofted and depressed trajectories reach the same aim point with the
/// requested apogee (height above the ellipsoid, within 50 m) or flight time
/// (within 0.1 s), judged on the flown trajectory.
#[test]
fn lofted_and_depressed_profiles() {
    let opts = FlightOptions::default();
    let m = &icbms()[0];
    let aim = destination(site(), 60.0, 6_000e3);
    let me = solve(m, site(), aim, Profile::MinimumEnergy, opts).unwrap();
    let me_apogee = me.trajectory.apogee_altitude_m();
    let lofted = solve(
        m,
        site(),
        aim,
        Profile::Lofted {
            apogee_m: 2.0 * me_apogee,
        },
        opts,
    )
    .unwrap();
    assert!(lofted.miss_m < 50.0);
    let a = lofted.trajectory.apogee_altitude_m();
    assert!(
        (a - 2.0 * me_apogee).abs() <= 50.0,
        "lofted apogee {a} vs {}",
        2.0 * me_apogee
    );
    let depressed = solve(
        m,
        site(),
        aim,
        Profile::Depressed {
            apogee_m: 0.6 * me_apogee,
        },
        opts,
    )
    .unwrap();
    assert!(depressed.miss_m < 50.0);
    let a = depressed.trajectory.apogee_altitude_m();
    assert!(
        (a - 0.6 * me_apogee).abs() <= 50.0,
        "depressed apogee {a} vs {}",
        0.6 * me_apogee
    );
    let t_me = me.trajectory.flight_time_s().unwrap();
    let fast = solve(
        m,
        site(),
        aim,
        Profile::DepressedTime {
            flight_time_s: 0.85 * t_me,
        },
        opts,
    )
    .unwrap();
    assert!(fast.miss_m < 50.0);
    let t = fast.trajectory.flight_time_s().unwrap();
    assert!((t - 0.85 * t_me).abs() <= 0.1, "{t} vs {}", 0.85 * t_me);
    // Asking for a lofted apogee below the minimum-energy one is refused.
    assert!(
        solve(
            m,
            site(),
            aim,
            Profile::Lofted {
                apogee_m: 0.5 * me_apogee
            },
            opts
        )
        .is_err()
    );
}

/// An aim point beyond the missile's reach is a clear error, not a panic.
#[test]
fn out_of_range_is_an_error() {
    let m = &icbms()[2];
    let aim = destination(site(), 0.0, 19_000e3);
    let err = solve(
        m,
        site(),
        aim,
        Profile::MinimumEnergy,
        FlightOptions::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("beyond"), "{err}");
}

/// Every flight's timeline has its re-entry through 100 km, also when the
/// boost ends below 100 km (a short IRBM shot), and the events come in
/// time order ending with the impact.
#[test]
fn timelines_are_complete_and_ordered() {
    let opts = FlightOptions::default();
    let irbm = cupola_threat::catalog::by_name("irbm").unwrap();
    let site = Geodetic::from_degrees(30.0, 60.0, 0.0);
    for km in [700e3, 1_500e3, 3_000e3] {
        let sol = solve(
            &irbm,
            site,
            destination(site, 40.0, km),
            Profile::MinimumEnergy,
            opts,
        )
        .unwrap();
        let tl = &sol.trajectory.timeline;
        assert!(
            tl.iter().any(|e| e.kind == EventKind::Reentry),
            "{km}: no re-entry"
        );
        assert!(
            tl.windows(2)
                .all(|w| w[0].state.time_s <= w[1].state.time_s)
        );
        assert_eq!(tl.last().map(|e| e.kind), Some(EventKind::Impact));
    }
}
