use super::*;
use crate::constants::WGS84_A;
use crate::constellation::{Constellation, Shell};
use crate::frames::Geodetic;
use crate::frames::ecef_to_geodetic;
use crate::orbit::Elements;

const R: f64 = WGS84_A;

#[test]
fn line_of_sight_across_and_around_the_earth() {
    let a = Vec3::new(R + 500e3, 0.0, 0.0);
    // Opposite side: blocked.
    assert!(!line_of_sight(a, -a, 0.0));
    // Nearby satellite: clear, both ways.
    let b = Vec3::new(R + 500e3, 800e3, 100e3);
    assert!(line_of_sight(a, b, 0.0) && line_of_sight(b, a, 0.0));
    // Radially outward: the closest point is the lower end, clear.
    assert!(line_of_sight(a, a * 3.0, 0.0));
    // A point to itself.
    assert!(line_of_sight(a, a, 0.0));
    // GEO to GEO 90° apart passes far above the Earth.
    let g = 42_164e3;
    assert!(line_of_sight(
        Vec3::new(g, 0.0, 0.0),
        Vec3::new(0.0, g, 0.0),
        100e3
    ));
}

#[test]
fn grazing_altitude_decides_a_low_pass() {
    // A chord in the equatorial plane whose closest point is 50 km above the
    // ellipsoid.
    let d = R + 50e3;
    let a = Vec3::new(-3_000e3, d, 0.0);
    let b = Vec3::new(3_000e3, d, 0.0);
    assert!(line_of_sight(a, b, 0.0));
    assert!(line_of_sight(a, b, 49e3));
    assert!(!line_of_sight(a, b, 51e3));
    assert!(!line_of_sight(a, b, IR_GRAZING_ALTITUDE_M));
    let limb = EarthLimb::with_grazing_altitude(IR_GRAZING_ALTITUDE_M);
    assert!((limb.grazing_altitude_m() - 100e3).abs() < 1e-6);
    assert!(!limb.clear(a, b));
    assert_eq!(EarthLimb::default(), EarthLimb::geometric());
    // An end below the surface sees nothing; NaN sees nothing.
    assert!(!line_of_sight(
        Vec3::new(R - 10.0, 0.0, 0.0),
        Vec3::new(R + 1e6, 0.0, 0.0),
        0.0
    ));
    assert!(!line_of_sight(Vec3::new(f64::NAN, 0.0, 0.0), b, 0.0));
    assert!((range_m(a, b) - 6_000e3).abs() < 1e-6);
}

#[test]
fn elevation_uses_the_ellipsoid_normal() {
    // A point 1,000 km up the geodetic normal at 45° N is at the zenith.
    let site = Geodetic::from_degrees(45.0, 10.0, 0.0);
    let above = Geodetic::from_degrees(45.0, 10.0, 1_000e3).to_ecef();
    assert!((elevation_rad(site, above).to_degrees() - 90.0).abs() < 1e-9);
    // Along the geocentric radial instead it is 0.19° off the zenith.
    let s = site.to_ecef();
    let radial = s + s.unit() * 1_000e3;
    let off = 90.0 - elevation_rad(site, radial).to_degrees();
    assert!(off > 0.15 && off < 0.2, "{off}");
}

#[test]
fn elevation_on_the_equator_matches_the_spherical_formula() {
    // At the equator the ellipsoid normal is radial: tan el = (cos θ − ρ)/sin θ,
    // ρ = R/r, θ the central angle.
    let site = GroundSite::new(Geodetic::from_degrees(0.0, 0.0, 0.0));
    let r = WGS84_A + 550e3;
    for th_deg in [1.0f64, 5.0, 10.0, 20.0] {
        let th = th_deg.to_radians();
        let target = Vec3::new(r * th.cos(), r * th.sin(), 0.0);
        let want = (th.cos() - WGS84_A / r).atan2(th.sin());
        let look = site.look(target);
        assert!((look.elevation_rad - want).abs() < 1e-12);
        assert!((site.elevation_rad(target) - want).abs() < 1e-12);
        assert!((look.azimuth_rad.to_degrees() - 90.0).abs() < 1e-9);
        assert!(site.above_mask(target, (want - 1e-9).sin()));
        assert!(!site.above_mask(target, (want + 1e-9).sin()));
    }
    assert!(!site.above_mask(site.ecef, -1.0));
}

#[test]
fn count_in_view_matches_brute_force() {
    let c = Constellation::new(vec![Shell::walker_delta(
        20_200e3,
        55f64.to_radians(),
        24,
        6,
        1,
    )])
    .unwrap();
    let batch = c.j2_batch().unwrap();
    let site = GroundSite::new(Geodetic::from_degrees(38.9, -77.0, 0.0));
    let mut buf = PositionBuffer::default();
    for k in 0..24 {
        let t = f64::from(k) * 3_600.0;
        let n = count_in_view_at(&batch, t, &site, 10f64.to_radians(), &mut buf);
        let brute = (0..24)
            .filter(|&i| {
                let p = batch.ecef_position_of(i, t).unwrap();
                site.elevation_rad(p) >= 10f64.to_radians()
            })
            .count();
        assert_eq!(n, brute, "t {t}");
        // A 24-satellite GPS-like constellation shows 4–12 above 10°.
        assert!((3..=12).contains(&n), "t {t}: {n}");
    }
}

/// Rise/set times by dense sampling of one satellite, step `h` (s).
fn dense_reference(vis: impl Fn(f64) -> bool, t0: f64, t1: f64, h: f64) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    let mut open = vis(t0).then_some(t0);
    let n = ((t1 - t0) / h).ceil() as usize;
    for j in 1..=n {
        let t = (t0 + j as f64 * h).min(t1);
        match (open, vis(t)) {
            (None, true) => open = Some(t - 0.5 * h),
            (Some(s), false) => {
                out.push((s, t - 0.5 * h));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(s) = open {
        out.push((s, t1));
    }
    out
}

#[test]
fn ground_access_windows_match_dense_sampling() {
    let el = Elements::circular(550e3, 53f64.to_radians(), 0.3, 1.0).unwrap();
    let batch = J2Batch::new(&[el]).unwrap();
    let site = GroundSite::new(Geodetic::from_degrees(40.0, -5.0, 0.0));
    let mask = 10f64.to_radians();
    let opts = AccessOptions::new(0.0, 86_400.0, 30.0);
    let wins = ground_access_windows(&batch, &site, mask, &opts).unwrap();
    let h = 0.05;
    let reference = dense_reference(
        |t| site.elevation_rad(batch.ecef_position_of(0, t).unwrap()) >= mask,
        0.0,
        86_400.0,
        h,
    );
    assert!(wins.len() >= 3, "{wins:?}");
    assert_eq!(wins.len(), reference.len());
    for (w, (s, e)) in wins.iter().zip(&reference) {
        assert!(
            (w.start_s - s).abs() <= 0.5 * h + opts.tolerance_s,
            "{w:?} vs {s}"
        );
        assert!(
            (w.end_s - e).abs() <= 0.5 * h + opts.tolerance_s,
            "{w:?} vs {e}"
        );
        assert!(w.duration_s() > 0.0 && w.duration_s() < 900.0);
        // At the reported rise the elevation is the mask, to the tolerance.
        let el_rise = site.elevation_rad(batch.ecef_position_of(0, w.start_s).unwrap());
        assert!((el_rise - mask).abs() < 1e-5, "{}", el_rise.to_degrees());
    }
    // A range limit shortens or removes windows.
    let near = AccessOptions {
        max_range_m: 1_200e3,
        ..opts
    };
    let short = ground_access_windows(&batch, &site, mask, &near).unwrap();
    let total = |w: &[AccessWindow]| w.iter().map(AccessWindow::duration_s).sum::<f64>();
    assert!(total(&short) < total(&wins));
}

#[test]
fn moving_target_windows_match_dense_sampling() {
    // A target climbing from the ground at 40° N, 30° E to 400 km over an
    // hour, seen by an IR sensor that needs a 100 km grazing altitude.
    let target = |t: f64| {
        Geodetic::from_degrees(40.0, 30.0 + t / 3_600.0, 400e3 * (t / 3_600.0).min(1.0)).to_ecef()
    };
    let els: Vec<Elements> = (0..4)
        .map(|k| Elements::circular(1_100e3, 1.2, f64::from(k) * 1.5, f64::from(k)).unwrap())
        .collect();
    let batch = J2Batch::new(&els).unwrap();
    let limb = EarthLimb::with_grazing_altitude(IR_GRAZING_ALTITUDE_M);
    let opts = AccessOptions::new(0.0, 21_600.0, 20.0);
    let wins = target_access_windows(&batch, target, limb, &opts).unwrap();
    assert!(!wins.is_empty());
    let h = 0.05;
    for k in 0..els.len() {
        let reference = dense_reference(
            |t| limb.clear(batch.ecef_position_of(k, t).unwrap(), target(t)),
            0.0,
            21_600.0,
            h,
        );
        let mine: Vec<_> = wins.iter().filter(|w| w.satellite == k).collect();
        assert_eq!(mine.len(), reference.len(), "sat {k}");
        for (w, (s, e)) in mine.iter().zip(&reference) {
            assert!((w.start_s - s).abs() <= 0.5 * h + opts.tolerance_s);
            assert!((w.end_s - e).abs() <= 0.5 * h + opts.tolerance_s);
        }
    }
    // Sorted by satellite then start.
    assert!(
        wins.windows(2)
            .all(|p| (p[0].satellite, p[0].start_s) < (p[1].satellite, p[1].start_s))
    );
    // The target starts on the ground, below the grazing sphere: nothing sees it at t = 0.
    assert!(ecef_to_geodetic(target(0.0)).alt.abs() < 1e-3);
    assert!(wins.iter().all(|w| w.start_s > 0.0));
}

#[test]
fn general_predicate_and_bad_options() {
    let el = Elements::circular(700e3, 1.0, 0.0, 0.0).unwrap();
    let batch = J2Batch::new(&[el]).unwrap();
    // Always visible: one window covering the interval.
    let all = access_windows(&batch, &AccessOptions::new(10.0, 100.0, 7.0), |_, _| true).unwrap();
    assert_eq!(
        all,
        vec![AccessWindow {
            satellite: 0,
            start_s: 10.0,
            end_s: 100.0
        }]
    );
    // Northern hemisphere only: windows of half a period.
    let north = access_windows(&batch, &AccessOptions::new(0.0, 20_000.0, 10.0), |_, p| {
        p.z > 0.0
    })
    .unwrap();
    let half = 0.5 * el.period_s();
    assert!(
        north[1..north.len() - 1]
            .iter()
            .all(|w| (w.duration_s() - half).abs() < 1.0)
    );
    let site = GroundSite::new(Geodetic::from_degrees(0.0, 0.0, 0.0));
    let bad = [
        (AccessOptions::new(10.0, 0.0, 1.0), "end_s"),
        (AccessOptions::new(0.0, f64::NAN, 1.0), "end_s"),
        (AccessOptions::new(0.0, 10.0, 0.0), "step_s"),
        (AccessOptions::new(0.0, 1e12, 1e-3), "step_s"),
        (
            AccessOptions {
                tolerance_s: -1.0,
                ..AccessOptions::new(0.0, 10.0, 1.0)
            },
            "tolerance_s",
        ),
        (
            AccessOptions {
                max_range_m: f64::NAN,
                ..AccessOptions::new(0.0, 10.0, 1.0)
            },
            "max_range_m",
        ),
    ];
    for (o, field) in bad {
        assert_eq!(
            ground_access_windows(&batch, &site, 0.1, &o)
                .unwrap_err()
                .field(),
            field
        );
    }
    let ok = AccessOptions::new(0.0, 10.0, 1.0);
    assert_eq!(
        ground_access_windows(&batch, &site, f64::NAN, &ok)
            .unwrap_err()
            .field(),
        "min_elevation_rad"
    );
    // An empty interval is fine.
    assert!(ground_access_windows(&batch, &site, 0.1, &AccessOptions::new(5.0, 5.0, 1.0)).is_ok());
}

/// A point on the ground at any latitude sees a satellite above its horizon
/// and not one below it (the ellipsoid, not a mean sphere, is the limb).
#[test]
fn ground_points_see_above_their_horizon_at_every_latitude() {
    for lat in [-89.0, -60.0, -30.0, 0.0, 30.0, 45.0, 60.0, 89.0] {
        let g = Geodetic::from_degrees(lat, 20.0, 0.0);
        let site = GroundSite::new(g);
        let p = site.ecef;
        let up_sat = p + site.up * 1_000e3 + site.north * 300e3;
        assert!(line_of_sight(p, up_sat, 0.0), "lat {lat}: overhead blocked");
        assert!(line_of_sight(up_sat, p, 0.0));
        let low = p + site.up * -50e3 + site.north * 2_000e3;
        assert!(!line_of_sight(p, low, 0.0), "lat {lat}: below horizon seen");
    }
}
