//! Orbits and constellations against closed forms, published examples and
//! numerical integration of the equations of motion.

use cupola_physics::Vec3;
use cupola_physics::constants::{MU_EARTH, WGS84_A};
use cupola_physics::constellation::Shell;
use cupola_physics::gravity;
use cupola_physics::integrator::{Settings, integrate};
use cupola_physics::orbit::{
    Elements, J2Batch, State, StateBuffer, sun_synchronous_inclination_rad,
};
use std::f64::consts::{PI, TAU};

/// Integrate `dr/dt = v, dv/dt = accel(r)` from `s` over `dt` seconds
/// (Dormand–Prince 5(4), rtol 1e-13, atol 1e-6 m and m/s).
fn integrate_state(s: State, dt: f64, accel: fn(Vec3) -> Vec3) -> State {
    let y0 = [
        s.position.x,
        s.position.y,
        s.position.z,
        s.velocity.x,
        s.velocity.y,
        s.velocity.z,
    ];
    let mut f = |_t: f64, y: &[f64; 6]| {
        let a = accel(Vec3::new(y[0], y[1], y[2]));
        [y[3], y[4], y[5], a.x, a.y, a.z]
    };
    let settings = Settings::new(1e-13, 1e-6);
    let out = integrate(&mut f, 0.0, y0, dt, &settings, &[], None).expect("integrates");
    let y = out.y;
    State {
        position: Vec3::new(y[0], y[1], y[2]),
        velocity: Vec3::new(y[3], y[4], y[5]),
    }
}

/// Period of a 500 km circular orbit. Closed form T = 2π√(a³/μ) with
/// a = 6,378.137 + 500 = 6,878.137 km and μ = 398,600.4418 km³/s² gives
/// 5,676.98 s (Vallado 2013, eq. 2-83). Tolerance 0.01% (the issue's). Then the
/// same period from dynamics: the numerically integrated point-mass orbit and
/// the closed-form Kepler propagation both return to the start after T.
#[test]
fn period_of_500_km_circular_orbit() {
    let el = Elements::circular(500e3, 0.9, 0.4, 0.0).unwrap();
    assert!(
        (el.period_s() / 5_676.98 - 1.0).abs() < 1e-4,
        "{}",
        el.period_s()
    );
    let s0 = el.to_state();
    // Kepler propagation: exact to rounding.
    let kep = el.propagate_two_body(el.period_s());
    assert!((kep.position - s0.position).norm() < 1e-6);
    // Integration: the integrator's tolerance allows ~1 m over a revolution;
    // a period wrong by 0.01% (0.57 s) would miss by 4.3 km.
    let num = integrate_state(s0, el.period_s(), gravity::point_mass);
    assert!(
        (num.position - s0.position).norm() < 1.0,
        "{}",
        (num.position - s0.position).norm()
    );
    assert!((num.velocity - s0.velocity).norm() < 1e-3);
}

/// Nodal regression of a sun-synchronous orbit. The J2 secular rate
/// Ω̇ = −(3/2) n J2 (R/p)² cos i (Vallado 2013, eq. 9-41) must equal the Sun's
/// mean motion, 360°/365.2422 d = 0.9856°/day (Vallado 2013, §9.6, Example
/// 9-8 gives i ≈ 98.19° near 700 km). Tolerance 0.5% (the issue's).
#[test]
fn sun_synchronous_nodal_regression() {
    let el = Elements::circular(700e3, 98.19f64.to_radians(), 0.0, 0.0).unwrap();
    let rate_deg_day = el.j2_rates().raan_rad_s.to_degrees() * 86_400.0;
    assert!(
        (rate_deg_day / 0.9856 - 1.0).abs() < 0.005,
        "{rate_deg_day} °/day"
    );
    let i = sun_synchronous_inclination_rad(WGS84_A + 700e3, 0.0).unwrap();
    assert!((i.to_degrees() - 98.19).abs() < 0.01, "{}", i.to_degrees());
    // The batch propagator turns the node by the same rate.
    let batch = J2Batch::new(&[el]).unwrap();
    let mut buf = StateBuffer::default();
    batch.propagate_into(86_400.0, &mut buf);
    let s = buf.state(0).unwrap();
    let h = s.position.cross(s.velocity);
    let raan = h.x.atan2(-h.y);
    assert!((raan.to_degrees() / rate_deg_day - 1.0).abs() < 1e-9);
}

/// Orbit average of the osculating (a, i, Ω) over one revolution starting
/// from `s`, sampled at 256 points; returns the state after the revolution.
fn orbit_average(s: State, period: f64) -> ((f64, f64, f64), State) {
    let n = 256;
    let dt = period / f64::from(n);
    let mut st = s;
    let (mut a, mut inc, mut raan) = (0.0, 0.0, 0.0);
    let ref_raan = Elements::from_state(s).unwrap().raan_rad;
    for _ in 0..n {
        let el = Elements::from_state(st).unwrap();
        a += el.semi_major_axis_m;
        inc += el.inclination_rad;
        raan += ref_raan + ((el.raan_rad - ref_raan + PI).rem_euclid(TAU) - PI);
        st = integrate_state(st, dt, gravity::j2);
    }
    let k = f64::from(n);
    ((a / k, inc / k, raan / k), st)
}

/// The J2 secular nodal rate against the numerically integrated J2 force
/// field (Vallado 2013, eq. 8-30) over five days of a 700 km sun-synchronous
/// orbit: the orbit-averaged node moves at the rate the formula gives for the
/// orbit-averaged a and i. Averaging removes the short-period terms; what
/// remains is O(J2²) ≈ 0.1%, so the tolerance is 0.5%.
#[test]
fn j2_nodal_rate_matches_integrated_j2_field() {
    let el = Elements::circular(700e3, 98.19f64.to_radians(), 0.0, 0.0).unwrap();
    let period = el.period_s();
    let ((a0, i0, raan0), s1) = orbit_average(el.to_state(), period);
    let days = 5.0;
    let revs = (days * 86_400.0 / period).floor();
    let s_late = integrate_state(s1, (revs - 1.0) * period, gravity::j2);
    let ((_, _, raan1), _) = orbit_average(s_late, period);
    let measured = (raan1 - raan0) / (revs * period);
    let mean = Elements::new(a0, 0.0, i0, 0.0, 0.0, 0.0).unwrap();
    let predicted = mean.j2_rates().raan_rad_s;
    assert!(
        (measured / predicted - 1.0).abs() < 0.005,
        "measured {} predicted {} °/day",
        measured.to_degrees() * 86_400.0,
        predicted.to_degrees() * 86_400.0
    );
}

/// Vallado 2013, Example 2-5 (RV2COE): r = (6,524.834, 6,862.875, 6,448.296)
/// km, v = (4.901327, 5.533756, −1.976341) km/s give p = 11,067.790 km,
/// a = 36,127.343 km, e = 0.832853, i = 87.870°, Ω = 227.89°, ω = 53.38°,
/// ν = 92.335°. Tolerances: the printed digits for the angles and e; 1e-6
/// relative for p and a (the exact values for the printed inputs, h²/μ =
/// 11,067.798 km and −μ/2ξ = 36,127.338 km, differ from the book's by
/// 7e-7 and 2e-7, the rounding of its 7-digit inputs). Then back to the state (COE2RV,
/// Vallado Example 2-6 runs the other way) to 1 mm and 1 µm/s.
#[test]
fn vallado_example_2_5_rv2coe_and_back() {
    let s = State {
        position: Vec3::new(6_524.834e3, 6_862.875e3, 6_448.296e3),
        velocity: Vec3::new(4.901_327e3, 5.533_756e3, -1.976_341e3),
    };
    let el = Elements::from_state(s).unwrap();
    assert!((el.semi_latus_rectum_m() / 11_067.790e3 - 1.0).abs() < 1e-6);
    assert!((el.semi_major_axis_m / 36_127.343e3 - 1.0).abs() < 1e-6);
    assert!((el.eccentricity - 0.832_853).abs() < 1e-6);
    assert!((el.inclination_rad.to_degrees() - 87.870).abs() < 1e-3);
    assert!((el.raan_rad.to_degrees() - 227.89).abs() < 1e-2);
    assert!((el.arg_perigee_rad.to_degrees() - 53.38).abs() < 1e-2);
    let e = el.eccentricity;
    let big_e = cupola_physics::orbit::solve_kepler(el.mean_anomaly_rad, e).unwrap();
    let nu = ((1.0 - e * e).sqrt() * big_e.sin()).atan2(big_e.cos() - e);
    assert!((nu.to_degrees() - 92.335).abs() < 1e-3);
    let back = el.to_state();
    assert!((back.position - s.position).norm() < 1e-3);
    assert!((back.velocity - s.velocity).norm() < 1e-6);
    // Energy check: v²/2 − μ/r = −μ/2a.
    let en = 0.5 * s.velocity.norm2() - MU_EARTH / s.position.norm();
    assert!((en / (-MU_EARTH / (2.0 * el.semi_major_axis_m)) - 1.0).abs() < 1e-12);
}

/// Walker 1984 (JBIS 37, 559–572), the 55°: 24/3/1 example: planes 120°
/// apart in RAAN, 8 satellites 45° apart in each, adjacent planes offset by
/// f·360°/t = 15°. Exact up to rounding.
#[test]
fn walker_24_3_1_pattern() {
    let els = Shell::walker_delta(20_200e3, 55f64.to_radians(), 24, 3, 1)
        .elements()
        .unwrap();
    let u = |e: &Elements| (e.arg_perigee_rad + e.mean_anomaly_rad).to_degrees();
    for j in 0..3 {
        for k in 0..8 {
            let e = &els[j * 8 + k];
            assert!((e.raan_rad.to_degrees() - 120.0 * j as f64).abs() < 1e-9);
            let want = (45.0 * k as f64 + 15.0 * j as f64).rem_euclid(360.0);
            assert!((u(e) - want).abs() < 1e-9, "plane {j} slot {k}: {}", u(e));
        }
    }
}
