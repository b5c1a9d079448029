use super::*;

fn deg(x: f64) -> f64 {
    x.to_radians()
}

/// Difference of two angles wrapped to (−π, π], rad.
fn wrap(a: f64) -> f64 {
    let r = a.rem_euclid(TAU);
    if r > PI { r - TAU } else { r }
}

#[test]
fn walker_24_3_1_is_the_standard_pattern() {
    // Walker 55°: 24/3/1 (the GPS-like example of Walker 1984): RAAN spacing
    // 120°, 8 satellites per plane 45° apart, inter-plane phase 1·360/24 = 15°.
    let shell = Shell::walker_delta(20_200e3, deg(55.0), 24, 3, 1);
    assert_eq!(shell.per_plane(), 8);
    assert!((shell.plane_spacing_rad() - deg(120.0)).abs() < 1e-15);
    assert!((shell.in_plane_spacing_rad() - deg(45.0)).abs() < 1e-15);
    assert!((shell.phase_offset_rad() - deg(15.0)).abs() < 1e-15);
    let els = shell.elements().unwrap();
    assert_eq!(els.len(), 24);
    for (n, el) in els.iter().enumerate() {
        let (j, k) = ((n / 8) as f64, (n % 8) as f64);
        assert!(wrap(el.raan_rad - deg(120.0 * j)).abs() < 1e-12, "sat {n}");
        let u = el.arg_perigee_rad + el.mean_anomaly_rad;
        assert!(wrap(u - deg(45.0 * k + 15.0 * j)).abs() < 1e-12, "sat {n}");
        assert!(el.is_circular());
        assert_eq!(el.inclination_rad, deg(55.0));
        let same = Elements::circular(
            20_200e3,
            deg(55.0),
            deg(120.0 * j),
            deg(45.0 * k + 15.0 * j),
        );
        let same = same.unwrap();
        assert_eq!(el.semi_major_axis_m, same.semi_major_axis_m);
        assert!(wrap(el.mean_anomaly_rad - same.mean_anomaly_rad).abs() < 1e-12);
    }
}

#[test]
fn walker_star_spreads_planes_over_half_a_circle() {
    // Iridium-like 86.4°: 66/6/2, planes 30° apart.
    let shell = Shell::walker_star(780e3, deg(86.4), 66, 6, 2).with_raan_offset(deg(10.0));
    let els = shell.elements().unwrap();
    assert_eq!(els.len(), 66);
    for j in 0..6 {
        let el = els[j * 11];
        assert!(wrap(el.raan_rad - deg(10.0 + 30.0 * j as f64)).abs() < 1e-12);
        assert!(wrap(el.mean_anomaly_rad - deg(j as f64 * 2.0 * 360.0 / 66.0)).abs() < 1e-12);
    }
}

#[test]
fn bad_shells_name_the_field_and_the_shell() {
    let good = Shell::walker_delta(550e3, deg(53.0), 24, 3, 1);
    let cases: [(Shell, &str); 9] = [
        (Shell { total: 25, ..good }, "planes"),
        (Shell { phasing: 3, ..good }, "phasing"),
        (
            Shell {
                altitude_m: 99e3,
                ..good
            },
            "altitude_m",
        ),
        (Shell { total: 0, ..good }, "total"),
        (Shell { planes: 0, ..good }, "planes"),
        (
            Shell {
                inclination_rad: deg(180.5),
                ..good
            },
            "inclination_rad",
        ),
        (
            Shell {
                inclination_rad: -0.01,
                ..good
            },
            "inclination_rad",
        ),
        (
            Shell {
                altitude_m: f64::NAN,
                ..good
            },
            "altitude_m",
        ),
        (
            Shell {
                raan_offset_rad: f64::INFINITY,
                ..good
            },
            "raan_offset_rad",
        ),
    ];
    for (bad, field) in cases {
        assert_eq!(bad.validate().unwrap_err().field(), field, "{bad:?}");
        let err = Constellation::new(vec![good, bad]).unwrap_err();
        assert_eq!(err.shell, 1);
        assert_eq!(err.field(), field);
        assert!(err.to_string().starts_with("shell 1: "));
        let err = Constellation::with_random_phasing(vec![bad], 7).unwrap_err();
        assert_eq!((err.shell, err.field()), (0, field));
    }
    assert_eq!(
        Shell { total: 25, ..good }
            .validate()
            .unwrap_err()
            .to_string(),
        "total 25 is not divisible by planes 3"
    );
    assert_eq!(
        Shell { phasing: 3, ..good }
            .validate()
            .unwrap_err()
            .to_string(),
        "phasing 3 is outside [0, 2] (planes − 1)"
    );
    // The edges are accepted.
    assert!(
        Shell {
            altitude_m: 100e3,
            inclination_rad: PI,
            phasing: 2,
            ..good
        }
        .validate()
        .is_ok()
    );
    assert!(
        Shell {
            inclination_rad: 0.0,
            phasing: 0,
            ..good
        }
        .validate()
        .is_ok()
    );
}

#[test]
fn several_shells_with_summary() {
    let shells = vec![
        Shell::walker_delta(550e3, deg(53.0), 1584, 72, 17),
        Shell::walker_delta(570e3, deg(70.0), 720, 36, 5),
        Shell::walker_star(560e3, deg(97.6), 348, 6, 1),
    ];
    let c = Constellation::new(shells).unwrap();
    assert_eq!(c.len(), 1584 + 720 + 348);
    assert_eq!(c.shell_of.len(), c.len());
    assert_eq!(c.shell_of[1583], 0);
    assert_eq!(c.shell_of[1584], 1);
    assert_eq!(c.plane_of[1584 + 19], 0);
    assert_eq!(c.plane_of[1584 + 20], 1);
    assert_eq!(c.count_in_shell(2), 348);
    assert_eq!(c.count_in_shell(3), 0);
    let s = c.summary();
    assert_eq!(s.len(), 3);
    assert_eq!((s[0].count, s[0].planes, s[0].per_plane), (1584, 72, 22));
    // 550 km: 2π√(a³/μ), a = 6,928.137 km → 5,738.9 s.
    assert!((s[0].period_s - 5_738.9).abs() < 0.1, "{}", s[0].period_s);
    assert!((s[0].period_s - c.elements[0].period_s()).abs() < 1e-9);
    let batch = c.j2_batch().unwrap();
    assert_eq!(batch.circular_count(), c.len());
}

#[test]
fn random_phasing_is_seeded_per_shell() {
    let a = Shell::walker_delta(550e3, deg(53.0), 60, 6, 1);
    let b = Shell::walker_star(800e3, deg(88.0), 40, 4, 0);
    let one = Constellation::with_random_phasing(vec![a, b], 42).unwrap();
    let again = Constellation::with_random_phasing(vec![a, b], 42).unwrap();
    assert_eq!(one, again);
    let other = Constellation::with_random_phasing(vec![a, b], 43).unwrap();
    assert_ne!(one.elements, other.elements);
    // Shell 1 draws the same whether or not shell 0 changes size.
    let a2 = Shell {
        total: 120,
        planes: 12,
        ..a
    };
    let moved = Constellation::with_random_phasing(vec![a2, b], 42).unwrap();
    assert_eq!(&one.elements[60..], &moved.elements[120..]);
    // Only the shell's RAAN offset and each plane's phase are random.
    let walker = Constellation::new(vec![a]).unwrap();
    let first_raan = one.elements[0].raan_rad;
    assert!(first_raan < a.plane_spacing_rad());
    for j in 0..6 {
        let plane = &one.elements[j * 10..j * 10 + 10];
        let spacing = wrap(plane[0].raan_rad - first_raan - j as f64 * a.plane_spacing_rad());
        assert!(spacing.abs() < 1e-12);
        assert!(plane[0].mean_anomaly_rad < a.in_plane_spacing_rad());
        for k in 1..10 {
            let d = wrap(plane[k].mean_anomaly_rad - plane[k - 1].mean_anomaly_rad);
            assert!((d - a.in_plane_spacing_rad()).abs() < 1e-12);
            assert_eq!(plane[k].raan_rad, plane[0].raan_rad);
        }
        assert_eq!(
            plane[0].semi_major_axis_m,
            walker.elements[0].semi_major_axis_m
        );
    }
}

#[test]
fn pattern_deserializes_from_snake_case() {
    assert_eq!(pattern_from_str("star"), Pattern::Star);
    assert_eq!(pattern_from_str("delta"), Pattern::Delta);
}

/// A `Pattern` through serde's string deserializer (no format crate needed).
fn pattern_from_str(v: &str) -> Pattern {
    use serde::Deserialize;
    use serde::de::IntoDeserializer;
    let d: serde::de::value::StrDeserializer<'_, serde::de::value::Error> = v.into_deserializer();
    Pattern::deserialize(d).unwrap()
}
