//! A raid's launch areas: each a launch (missile, pad, aim point,
//! profile) copied `salvo` times over an area of the Earth and a window of
//! time. Sizing and engagement place the copies with [`area_pads`].
//!
//! A copy is the reference launch moved rigidly over the Earth: turned
//! north or south about the east axis at the reference pad, then east or
//! west about the Earth's axis. Its trajectory keeps its shape relative to
//! its pad, which holds to first order for the spreads of a launch area
//! (hundreds of kilometres); the Earth's oblateness and the rotation of the
//! Earth under a moved launch are the terms left out.

use cupola_physics::Vec3;
use cupola_physics::constants::R_EARTH_MEAN;

/// One launch area of a raid.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct LaunchArea {
    /// Name, for reports.
    pub name: String,
    /// Index of its launch in the scenario's launches.
    pub launch: usize,
    /// Missiles launched from it, ≥ 1.
    pub salvo: u32,
    /// East–west width of the area, m, ≥ 0 (pads spread evenly).
    pub width_m: f64,
    /// North–south depth of the area, m, ≥ 0.
    pub depth_m: f64,
    /// Launches spread evenly over this window, s, ≥ 0.
    pub window_s: f64,
}

impl LaunchArea {
    /// `salvo` copies of launch `launch` from its own pad, all at once.
    pub fn at(name: impl Into<String>, launch: usize, salvo: u32) -> Self {
        Self {
            name: name.into(),
            launch,
            salvo,
            width_m: 0.0,
            depth_m: 0.0,
            window_s: 0.0,
        }
    }
}

/// Missiles of a raid from `areas`, in all.
pub fn total_salvo(areas: &[LaunchArea]) -> u32 {
    areas.iter().map(|a| a.salvo).fold(0, u32::saturating_add)
}

/// `areas` with `total` missiles shared among them in proportion to their
/// salvos (largest remainder; ties to the earlier area), so a salvo sweep
/// or an attacker's posture keeps the laydown's shape. The areas keep their
/// order; one left with no missile has a salvo of 0 (studies skip it); one
/// area takes the whole of `total`.
pub fn scaled(areas: &[LaunchArea], total: u32) -> Vec<LaunchArea> {
    // Areas that all launch nothing share alike.
    let none = areas.iter().all(|a| a.salvo == 0);
    let weight = |a: &LaunchArea| u64::from(if none { 1 } else { a.salvo });
    let given = areas.iter().map(weight).sum::<u64>().max(1);
    let t = u64::from(total);
    let mut shares: Vec<(u64, u64, usize)> = areas
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let exact = t * weight(a);
            (exact / given, exact % given, i)
        })
        .collect();
    let mut left = t - shares.iter().map(|s| s.0).sum::<u64>();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| shares[b].1.cmp(&shares[a].1).then(a.cmp(&b)));
    for i in order {
        if left == 0 {
            break;
        }
        shares[i].0 += 1;
        left -= 1;
    }
    areas
        .iter()
        .zip(&shares)
        .map(|(a, s)| LaunchArea {
            salvo: u32::try_from(s.0).unwrap_or(u32::MAX),
            ..a.clone()
        })
        .collect()
}

/// One copy of an area's launch: where its pad is and when it launches.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PadCopy {
    /// Pad direction, unit vector, Earth-fixed (ECEF).
    pub pad_ecef: Vec3,
    /// Launch time after the raid's start, s.
    pub offset_s: f64,
    /// Turn about the Earth's axis from the reference pad, rad (east > 0).
    pub dlon_rad: f64,
    /// Turn about the reference pad's east axis, rad (north > 0).
    pub dlat_rad: f64,
    /// The reference pad's east axis (unit, ECEF).
    east: Vec3,
}

/// `v` turned by `angle` (rad) about unit axis `k` (Rodrigues' formula).
fn turn(v: Vec3, k: Vec3, angle: f64) -> Vec3 {
    let (s, c) = angle.sin_cos();
    v * c + k.cross(v) * s + k * (k.dot(v) * (1.0 - c))
}

impl PadCopy {
    /// A vector of the reference launch (ECEF at lift-off, or the flight's
    /// inertial frame, whose axes are the Earth's at lift-off) carried to
    /// this copy.
    pub fn apply(&self, v: Vec3) -> Vec3 {
        let v = if self.dlat_rad == 0.0 {
            v
        } else {
            turn(v, self.east, -self.dlat_rad)
        };
        let (s, c) = self.dlon_rad.sin_cos();
        Vec3::new(c * v.x - s * v.y, s * v.x + c * v.y, v.z)
    }
}

/// Golden-ratio step of the lattice that spreads pads in depth.
const GOLDEN: f64 = 0.618_033_988_749_894_9;

/// The copies of a launch from `pad` (unit vector, ECEF): `salvo` pads
/// spread evenly east–west over `width_m` (m) along the pad's parallel,
/// north–south over `depth_m` (m) (evenly when the width is 0, else on a
/// golden-ratio lattice, so the pads fill the rectangle), and their
/// launches evenly over `window_s` (s).
pub fn area_pads(salvo: u32, width_m: f64, depth_m: f64, window_s: f64, pad: Vec3) -> Vec<PadCopy> {
    let n = salvo.max(1);
    let lat = pad.z.clamp(-1.0, 1.0).asin();
    let east = Vec3::new(-pad.y, pad.x, 0.0);
    let east = if east.norm() > 0.0 {
        east.unit()
    } else {
        Vec3::new(0.0, 1.0, 0.0)
    };
    (0..n)
        .map(|k| {
            let x = if n > 1 {
                f64::from(k) / f64::from(n - 1) - 0.5
            } else {
                0.0
            };
            let y = if n == 1 || depth_m == 0.0 {
                0.0
            } else if width_m == 0.0 {
                x
            } else {
                ((f64::from(k) + 0.5) * GOLDEN).fract() - 0.5
            };
            let dlon_rad = width_m * x / (R_EARTH_MEAN * lat.cos().max(1e-6));
            let dlat_rad = depth_m * y / R_EARTH_MEAN;
            let mut copy = PadCopy {
                pad_ecef: pad,
                offset_s: window_s * (x + 0.5),
                dlon_rad,
                dlat_rad,
                east,
            };
            copy.pad_ecef = copy.apply(pad);
            copy
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use cupola_physics::frames::Geodetic;

    /// Without depth the copies turn about the Earth's axis only; with it
    /// they keep their east–west spacing and span the depth in latitude;
    /// every turn keeps lengths.
    #[test]
    fn pads_span_the_area() {
        let pad = Geodetic::from_degrees(41.0, 100.0, 0.0).to_ecef().unit();
        let flat = area_pads(5, 200e3, 0.0, 60.0, pad);
        assert!(flat.iter().all(|c| (c.pad_ecef.z - pad.z).abs() < 1e-12));
        assert_eq!(flat[4].offset_s, 60.0);
        let deep = area_pads(9, 0.0, 400e3, 0.0, pad);
        let lats: Vec<f64> = deep
            .iter()
            .map(|c| c.pad_ecef.z.asin().to_degrees())
            .collect();
        let span = lats[8] - lats[0];
        assert!(
            (span - 400e3 / R_EARTH_MEAN * 180.0 / std::f64::consts::PI).abs() < 1e-9,
            "{span}"
        );
        assert!(deep.iter().all(|c| (c.pad_ecef.norm() - 1.0).abs() < 1e-12));
        let both = area_pads(20, 300e3, 300e3, 0.0, pad);
        let (lo, hi) = both.iter().fold((f64::MAX, f64::MIN), |(a, b), c| {
            (a.min(c.pad_ecef.z), b.max(c.pad_ecef.z))
        });
        assert!(hi - lo > 0.8 * 300e3 / R_EARTH_MEAN * (41f64).to_radians().cos());
        // A vector turned with a copy keeps its length and its angle to
        // the pad.
        let v = Vec3::new(1e6, -2e6, 3e6);
        for c in &both {
            let w = c.apply(v);
            assert!((w.norm() - v.norm()).abs() < 1e-6);
            assert!((w.dot(c.pad_ecef) - v.dot(pad)).abs() < 1e-3);
        }
    }

    /// A scaled laydown keeps its total and its proportions.
    #[test]
    fn scaling_keeps_the_shape() {
        let area = |salvo| LaunchArea {
            name: format!("a{salvo}"),
            launch: 0,
            salvo,
            width_m: 0.0,
            depth_m: 0.0,
            window_s: 0.0,
        };
        let areas = [area(10), area(5), area(5)];
        let s: Vec<u32> = scaled(&areas, 40).iter().map(|a| a.salvo).collect();
        assert_eq!(s, [20, 10, 10]);
        let s: Vec<u32> = scaled(&areas, 3).iter().map(|a| a.salvo).collect();
        assert_eq!(s, [1, 1, 1]);
        let s: Vec<u32> = scaled(&areas, 1).iter().map(|a| a.salvo).collect();
        assert_eq!(s, [1, 0, 0]);
        for n in 0..50 {
            assert_eq!(total_salvo(&scaled(&areas, n)), n);
        }
        // Areas that all launch nothing share alike, and keep the total.
        let empty = [area(0), area(0)];
        let s: Vec<u32> = scaled(&empty, 5).iter().map(|a| a.salvo).collect();
        assert_eq!(s, [3, 2]);
    }
}
