use super::*;
use crate::fixtures::{default_trajectory, sbi};
use cupola_physics::constants::WGS84_A;

/// Forward Clohessy–Wiltshire propagation from the origin with velocity
/// `w` (Hill frame) for time `t` (Vallado §6.8, eq. 6-66 with zero initial
/// position).
fn cw_forward(w: [f64; 3], n: f64, t: f64) -> [f64; 3] {
    let (s, c) = (n * t).sin_cos();
    [
        s / n * w[0] + 2.0 / n * (1.0 - c) * w[1],
        -2.0 / n * (1.0 - c) * w[0] + (4.0 * s - 3.0 * n * t) / n * w[1],
        s / n * w[2],
    ]
}

/// The impulse inverts the forward solution.
#[test]
fn cw_impulse_inverts_the_forward_solution() {
    let n = (MU / 6_878e3f64.powi(3)).sqrt();
    for (rho, t) in [
        ([-300e3, 400e3, 120e3], 150.0),
        ([10e3, -800e3, -50e3], 240.0),
        ([1e3, 1e3, 1e3], 5.0),
    ] {
        let w = cw_impulse(rho, n, t).unwrap();
        let back = cw_forward(w, n, t);
        for k in 0..3 {
            assert!((back[k] - rho[k]).abs() < 1e-6 * 1e6, "{back:?} vs {rho:?}");
        }
    }
    assert!(cw_impulse([1.0, 0.0, 0.0], n, 0.0).is_none());
}
const MU: f64 = cupola_physics::constants::MU_EARTH;

/// Without gravity (n → 0) the need is the straight-line closed form
/// Δv(τ − Δv/2a) = d; a target beyond a full burn gets a margin below zero.
#[test]
fn closed_form_without_gravity_is_the_straight_line() {
    let (a, tau, d) = (100.0, 120.0, 300e3);
    let (dv, _) = closed_form_delta_v([0.0, 0.0, d], tau, a, 1e-9);
    assert!((dv * (tau - dv / (2.0 * a)) / d - 1.0).abs() < 1e-6, "{dv}");
    let (far, _) = closed_form_delta_v([0.0, 0.0, 1e9], tau, a, 1e-9);
    assert!(margin(&sbi(), tau, far) < 0.0);
    // A short fly-out is capped at what the booster can burn in it.
    assert_eq!(margin(&sbi(), 10.0, 0.0), 1_000.0);
}

/// `earliest` finds the first crossing, and a feasible window far narrower
/// than its scan step.
#[test]
fn earliest_finds_narrow_windows() {
    let s = earliest(|t| t - 37.25, 0.0, 100.0, 4.0);
    assert!((s.tau_s.unwrap() - 37.25).abs() < 2e-3);
    // Positive only within ±0.2 s of 50.9, samples every 4 s.
    let narrow = |t: f64| 0.04 - (t - 50.9).powi(2);
    let s = earliest(narrow, 0.0, 100.0, 4.0);
    assert!((s.tau_s.unwrap() - 50.7).abs() < 2e-3, "{s:?}");
    let never = earliest(|t| -1.0 - (t - 50.0).powi(2), 0.0, 100.0, 4.0);
    assert_eq!(never.tau_s, None);
    assert!((never.best_margin + 1.0).abs() < 1e-5);
}

/// The reach table of the generic interceptor at 500 km, 55°, fired 60 s
/// after lift-off, against the default trajectory, with intercepts by
/// `after_boost_s` after the boost ends less the end game.
fn table(res_deg: f64, after_boost_s: f64) -> (TargetTrack, ReachTable) {
    let tr = default_trajectory();
    let fire = 60.0;
    let by = tr.boost_end_s + after_boost_s - sbi().end_game_s;
    let track = TargetTrack::from_trajectory(&tr, by, 1.0);
    let t = ReachTable::build(
        &track,
        &sbi(),
        TableGeometry {
            orbit_radius_m: WGS84_A + 500e3,
            inclination_rad: 55f64.to_radians(),
            fire_s: fire,
            intercept_by_s: by,
            resolution_rad: res_deg.to_radians(),
        },
    )
    .unwrap();
    (track, t)
}

/// The table covers its reach: every feasible cell lies inside, with
/// infeasible cells all along its border.
#[test]
fn table_border_is_out_of_reach() {
    let (_, t) = table(0.5, 0.0);
    assert!(t.feasible_cells() > 10, "{}", t.feasible_cells());
    let dmax = t.max_cross_track_rad();
    let (lo, hi) = t.lead_range_rad();
    let res = t.geometry().resolution_rad;
    for (d, du, _, m) in t.cells_iter() {
        let border = d <= -dmax + res / 2.0
            || d >= dmax - res / 2.0
            || du <= lo + res / 2.0
            || du >= hi - res / 2.0;
        if border {
            assert!(m < 0.0, "feasible border cell at δ {d}, Δu {du}");
        }
    }
}

/// The closed-form and the integrated fly-out agree on the earliest
/// intercept to within 2% of the fly-out time over the table's feasible
/// cells (every one of a sample across the region, up to its edge). The
/// integrated model's earliest time is bracketed at ±2% of the closed
/// form's: infeasible 2% earlier, feasible 2% later.
#[test]
fn integrated_and_closed_form_reach_agree() {
    // Two envelopes: intercept by the end of boost, and up to 120 s later
    // (a longer fly-out, where the gravity gradient matters more).
    let mut worst: f64 = 0.0;
    for (after, stride) in [(0.0, 1), (120.0, 13)] {
        worst = worst.max(agreement(after, stride));
    }
    eprintln!("worst difference {:.3}%", worst * 100.0);
}

/// Largest relative difference of the earliest fly-out time over every
/// `stride`-th feasible cell, asserting it stays below 2%.
fn agreement(after_boost_s: f64, stride: usize) -> f64 {
    let (track, t) = table(0.25, after_boost_s);
    let g = *t.geometry();
    let i = sbi();
    let n = (MU / g.orbit_radius_m.powi(3)).sqrt();
    let pad = track.position(0.0).unit();
    let mut checked = 0;
    let mut worst: f64 = 0.0;
    for (k, (d, du, north, m)) in t.cells_iter().enumerate() {
        if m < 0.0 || k % stride != 0 {
            continue;
        }
        let (node, ahead) = table::plane_through(pad, d, g.inclination_rad, north).unwrap();
        let (s, c) = du.sin_cos();
        let orbit = CircularOrbit {
            radius: g.orbit_radius_m,
            mean_motion: n,
            p: node * c + ahead * s,
            q: ahead * c - node * s,
        };
        let window = g.intercept_by_s - g.fire_s;
        let closed = earliest(
            |tau| closed_form_margin(&i, &orbit, g.fire_s, tau, track.position(g.fire_s + tau)),
            0.0,
            window,
            1.0,
        );
        let Some(tau_c) = closed.tau_s else { continue };
        let (r0, v0) = orbit.state(g.fire_s);
        let m_int = |tau: f64| {
            let target = track.position(g.fire_s + tau);
            integrated_delta_v(r0, v0, target, tau, i.acceleration_m_s2)
                .map_or(f64::NEG_INFINITY, |f| margin(&i, tau, f.delta_v_m_s))
        };
        let tau_i = bisect(&m_int, 0.9 * tau_c, (1.1 * tau_c).min(window + 1.0));
        let rel = (tau_i - tau_c).abs() / tau_c;
        worst = worst.max(rel);
        assert!(
            rel < 0.02,
            "δ {d}, Δu {du}: closed {tau_c} s, integrated {tau_i} s"
        );
        checked += 1;
    }
    assert!(checked >= 20, "{checked}");
    worst
}

/// More Δv reaches from more places.
#[test]
fn reach_grows_with_delta_v() {
    let tr = default_trajectory();
    let by = tr.boost_end_s - 10.0;
    let track = TargetTrack::from_trajectory(&tr, by, 1.0);
    let count = |dv: f64| {
        let i = Interceptor {
            booster_delta_v_m_s: dv,
            ..sbi()
        };
        ReachTable::build(
            &track,
            &i,
            TableGeometry {
                orbit_radius_m: WGS84_A + 500e3,
                inclination_rad: 55f64.to_radians(),
                fire_s: 60.0,
                intercept_by_s: by,
                resolution_rad: 0.5f64.to_radians(),
            },
        )
        .unwrap()
        .feasible_cells()
    };
    let (a, b, c) = (count(2_000.0), count(4_000.0), count(6_000.0));
    assert!(a < b && b < c, "{a} {b} {c}");
}

/// An interceptor that can barely accelerate reaches nothing: with
/// a = 1e−100 g the burn of Δv takes 4e101 s, and the closed-form need
/// √(2ad) (about 1e−44 m/s) exceeds what it burns in the window (a·τ,
/// about 1e−97 m/s) — both far below f32's resolution, where the margin
/// once rounded to −0 and counted as feasible in every cell.
#[test]
fn an_interceptor_without_acceleration_reaches_no_cell() {
    let tr = default_trajectory();
    let by = tr.boost_end_s - 10.0;
    let track = TargetTrack::from_trajectory(&tr, by, 1.0);
    let feeble = Interceptor {
        acceleration_m_s2: 1e-100 * cupola_physics::constants::G0,
        ..sbi()
    };
    let t = ReachTable::build(
        &track,
        &feeble,
        TableGeometry {
            orbit_radius_m: WGS84_A + 500e3,
            inclination_rad: 55f64.to_radians(),
            fire_s: 60.0,
            intercept_by_s: by,
            resolution_rad: 0.5f64.to_radians(),
        },
    )
    .unwrap();
    assert_eq!(t.feasible_cells(), 0);
    assert!(t.cells_iter().all(|(.., m)| m < 0.0));
}

/// The table accepts the inclinations the scenario accepts, [0.1°, 179.9°]
/// converted to radians as the scenario converts them (0.1° once failed a
/// `sin(i) <= sin(0.1°)` test that `cupola check` did not know of), and
/// refuses those closer to the equator.
#[test]
fn table_accepts_inclinations_down_to_a_tenth_of_a_degree() {
    let tr = default_trajectory();
    let by = tr.boost_end_s - 10.0;
    let track = TargetTrack::from_trajectory(&tr, by, 1.0);
    let build = |deg: f64| {
        ReachTable::build(
            &track,
            &sbi(),
            TableGeometry {
                orbit_radius_m: WGS84_A + 500e3,
                inclination_rad: deg.to_radians(),
                fire_s: 60.0,
                intercept_by_s: by,
                resolution_rad: 1f64.to_radians(),
            },
        )
    };
    for deg in [MIN_OFF_EQUATOR_DEG, 180.0 - MIN_OFF_EQUATOR_DEG] {
        assert!(build(deg).is_ok(), "{deg}°");
    }
    for deg in [0.0, 0.09, 179.91, 180.0, f64::NAN] {
        assert!(
            matches!(build(deg), Err(ReachTableError::Equatorial { .. })),
            "{deg}°"
        );
    }
}

/// The missile's thrust velocity over its boost is at least what the
/// vector identity `∫(a − g) dt = Δv − ∫g dt` gives (the magnitude of an
/// integral is at most the integral of the magnitude), not far above it (the
/// thrust turns by tens of degrees, not more), and a coast adds nothing.
#[test]
fn thrust_delta_v_of_the_boost() {
    let tr = default_trajectory();
    let end = tr.boost_end_s;
    let track = TargetTrack::from_trajectory(&tr, end + 200.0, 1.0);
    let boost = track.thrust_delta_v(0.0, end);
    let (_, v0) = tr.state_eci(0.0).unwrap();
    let (_, v1) = tr.state_eci(end).unwrap();
    let mut g = Vec3::ZERO;
    for k in 0..(end as usize) {
        g += cupola_physics::gravity::j2(track.position(k as f64 + 0.5));
    }
    let lower = (v1 - v0 - g).norm();
    assert!(
        boost >= 0.98 * lower && boost < 1.3 * lower,
        "{boost} vs {lower}"
    );
    assert!(track.thrust_delta_v(end + 20.0, end + 200.0) < 5.0);
}

/// The divert is used: with none, every cell against a boosting missile
/// misses (its unpredicted motion is never zero); less divert, fewer cells;
/// a fully predicted missile needs none.
#[test]
fn divert_limits_the_reach() {
    let tr = default_trajectory();
    let by = tr.boost_end_s - sbi().end_game_s;
    let track = TargetTrack::from_trajectory(&tr, tr.boost_end_s, 1.0);
    let count = |i: Interceptor| {
        ReachTable::build(
            &track,
            &i,
            TableGeometry {
                orbit_radius_m: WGS84_A + 500e3,
                inclination_rad: 55f64.to_radians(),
                fire_s: 60.0,
                intercept_by_s: by,
                resolution_rad: 0.5f64.to_radians(),
            },
        )
        .unwrap()
        .feasible_cells()
    };
    let with = |divert: f64, fraction: f64| {
        count(Interceptor {
            divert_delta_v_m_s: divert,
            unpredicted_fraction: fraction,
            ..sbi()
        })
    };
    // From firing to boost end the missile's thrust adds about 5.4 km/s:
    // 10% of it unpredicted needs up to 1.5 × 540 = 810 m/s of divert.
    let (none, some, full) = (with(0.0, 0.1), with(800.0, 0.1), with(1_000.0, 0.1));
    assert_eq!(none, 0);
    assert!(0 < some && some < full, "{none} {some} {full}");
    // The cells lost are the ones counted short of divert.
    let short = ReachTable::build(
        &track,
        &Interceptor {
            divert_delta_v_m_s: 0.0,
            ..sbi()
        },
        TableGeometry {
            orbit_radius_m: WGS84_A + 500e3,
            inclination_rad: 55f64.to_radians(),
            fire_s: 60.0,
            intercept_by_s: by,
            resolution_rad: 0.5f64.to_radians(),
        },
    )
    .unwrap()
    .divert_short_cells();
    assert_eq!(short, with(1_000.0, 0.0));
    assert_eq!(with(0.0, 0.0), with(1_000.0, 0.0));
    assert!(with(1_000.0, 0.0) >= full);
}

/// A track ending between two samples still interpolates on its grid: the
/// last step is a whole step, so the missile is where the trajectory says
/// up to the end (Hermite error at 1 s: well under a metre).
#[test]
fn track_ends_on_its_grid() {
    let tr = default_trajectory();
    let end = tr.boost_end_s - 10.3;
    let track = TargetTrack::from_trajectory(&tr, end, 1.0);
    assert!(track.end_s() >= end);
    for t in [end - 0.6, end - 0.2, end] {
        let (p, _) = tr.state_eci(t).unwrap();
        let miss = (track.position(t) - p).norm();
        assert!(miss < 1.0, "{t}: {miss} m");
    }
}

/// [`ReachTable::size`] gives the grid [`ReachTable::build`] allocates:
/// the same cell count, and a scan of ⌈window / 4 s⌉ + 1 fly-out times.
#[test]
fn size_is_the_grid_built() {
    for (res, after) in [(0.5, 0.0), (1.0, 60.0), (2.0, 300.0)] {
        let (track, t) = table(res, after);
        let g = *t.geometry();
        let s = ReachTable::size(&track, &sbi(), &g);
        assert_eq!(s.cells, t.cells());
        assert_eq!(s.cells, 2 * s.n_delta * s.n_du);
        let window = g.intercept_by_s - g.fire_s;
        assert_eq!(s.scan_steps, (window / 4.0).ceil() as usize + 1);
    }
}

/// A row of the table answers exactly as the interpolated margin at every
/// lead, and nothing outside its lead range is in reach: checked on a
/// dense grid of angles off the table's nodes, both halves of the orbit.
#[test]
fn rows_answer_as_the_margin() {
    let (_, t) = table(0.5, 0.0);
    let res = t.geometry().resolution_rad;
    let dmax = t.max_cross_track_rad();
    let (lo, hi) = t.lead_range_rad();
    let (mut inside, mut rows) = (0, 0);
    for northbound in [false, true] {
        let mut d = -dmax - 0.3 * res;
        while d < dmax + res {
            let row = t.row(d, northbound);
            rows += usize::from(row.is_some());
            let mut du = lo - 0.7 * res;
            while du < hi + res {
                let want = t.in_reach(d, du, northbound);
                inside += usize::from(want);
                match row {
                    Some(r) => {
                        assert_eq!(r.in_reach(du), want, "δ {d}, Δu {du}, {northbound}");
                        let (a, b) = r.lead_range();
                        assert!(!want || (a..=b).contains(&du), "δ {d}, Δu {du}");
                    }
                    None => assert!(!want, "no row at δ {d} but Δu {du} in reach"),
                }
                du += 0.137 * res;
            }
            d += 0.29 * res;
        }
    }
    assert!(inside > 200 && rows > 10, "{inside} in reach, {rows} rows");
}
