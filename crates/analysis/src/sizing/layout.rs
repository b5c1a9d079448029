//! A constellation laid out for fast reach queries: planes, each with its
//! node and the sorted phases of its satellites, advanced by the J2 secular
//! rates of circular orbits. A launch then asks each plane for the few
//! satellites near the pad instead of propagating every satellite.

use cupola_physics::Vec3;
use cupola_physics::constellation::{Constellation, ConstellationError, Shell};
use cupola_physics::orbit::Elements;
use std::f64::consts::{PI, TAU};

/// One orbit plane.
#[derive(Clone, Debug)]
pub struct Plane {
    /// Inclination, rad.
    pub inclination_rad: f64,
    /// RAAN at t = 0, rad (cupola ECI).
    pub raan0_rad: f64,
    /// RAAN drift, rad/s.
    pub raan_rate: f64,
    /// Argument-of-latitude rate, rad/s.
    pub u_rate: f64,
    /// Arguments of latitude at t = 0, rad, sorted, in [0, 2π).
    pub phases: Vec<f64>,
    /// Index of the plane's first satellite in the layout.
    pub first: u32,
    /// Index of the plane's shell in a constellation of several shells (its
    /// reach model in a [`super::coverage::Raid`]); 0 for one shell.
    pub shell: usize,
}

/// Satellites of one or more circular shells, plane by plane.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    /// The planes.
    pub planes: Vec<Plane>,
    /// Orbit radius of each plane's shell, m (one per plane).
    pub radius_m: Vec<f64>,
}

impl Layout {
    /// The planes of a Walker shell (random plane offsets with `seed` when
    /// `random` is set, as [`Constellation::with_random_phasing`]).
    pub fn shell(shell: Shell, random: Option<u64>) -> Result<Self, ConstellationError> {
        let c = match random {
            Some(seed) => Constellation::with_random_phasing(vec![shell], seed)?,
            None => Constellation::new(vec![shell])?,
        };
        let per_plane = shell.per_plane().max(1) as usize;
        let mut layout = Layout::default();
        for chunk in c.elements.chunks(per_plane) {
            layout.push_plane(chunk);
        }
        Ok(layout)
    }

    /// Satellites each in its own plane, from their elements (circular).
    pub fn from_elements(elements: &[Elements]) -> Self {
        let mut layout = Layout::default();
        for e in elements {
            layout.push_plane(std::slice::from_ref(e));
        }
        layout
    }

    /// Add one plane from elements sharing its inclination and node.
    fn push_plane(&mut self, elements: &[Elements]) {
        let Some(first) = elements.first() else {
            return;
        };
        let rates = first.j2_rates();
        let mut phases: Vec<f64> = elements
            .iter()
            .map(|e| (e.arg_perigee_rad + e.mean_anomaly_rad).rem_euclid(TAU))
            .collect();
        phases.sort_by(f64::total_cmp);
        self.planes.push(Plane {
            inclination_rad: first.inclination_rad,
            raan0_rad: first.raan_rad,
            raan_rate: rates.raan_rad_s,
            u_rate: rates.arg_latitude_rad_s(),
            phases,
            first: self.len() as u32,
            shell: 0,
        });
        self.radius_m.push(first.semi_major_axis_m);
    }

    /// One layout of several shells' layouts, in order: the planes of
    /// `parts[k]` get shell index `k`, and satellite indices run on from
    /// one shell to the next.
    pub fn joint(parts: Vec<Layout>) -> Self {
        let mut layout = Layout::default();
        for (shell, part) in parts.into_iter().enumerate() {
            let offset = layout.len() as u32;
            for mut plane in part.planes {
                plane.first += offset;
                plane.shell = shell;
                layout.planes.push(plane);
            }
            layout.radius_m.extend(part.radius_m);
        }
        layout
    }

    /// Number of satellites.
    pub fn len(&self) -> usize {
        self.planes
            .last()
            .map_or(0, |p| p.first as usize + p.phases.len())
    }

    /// Keep exactly `n` satellites (no change when there are `n` or
    /// fewer): the surplus leaves one satellite from each of the last
    /// planes, the highest phase of each, so a constellation of a count
    /// that is not a multiple of its planes has uneven planes rather than
    /// a whole plane's worth more satellites.
    pub fn truncate(&mut self, n: usize) {
        let mut surplus = self.len().saturating_sub(n);
        let mut k = self.planes.len();
        while surplus > 0 && k > 0 {
            k -= 1;
            if self.planes[k].phases.pop().is_some() {
                surplus -= 1;
            }
            if k == 0 && surplus > 0 {
                k = self.planes.len();
            }
        }
        let mut first = 0u32;
        for p in &mut self.planes {
            p.first = first;
            first += p.phases.len() as u32;
        }
    }

    /// Whether there is no satellite.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Position and velocity (m, m/s, cupola ECI) of every satellite at
    /// time `t` (s), in index order, into `out` (cleared first).
    pub fn states(&self, t: f64, out: &mut Vec<(Vec3, Vec3)>) {
        out.clear();
        for (plane, &radius) in self.planes.iter().zip(&self.radius_m) {
            let raan = plane.raan0_rad + plane.raan_rate * t;
            let (si, ci) = plane.inclination_rad.sin_cos();
            let (so, co) = raan.sin_cos();
            let node = Vec3::new(co, so, 0.0);
            let q = Vec3::new(-ci * so, ci * co, si);
            let speed = (cupola_physics::constants::MU_EARTH / radius).sqrt();
            for &phase in &plane.phases {
                let (su, cu) = (phase + plane.u_rate * t).sin_cos();
                out.push(((node * cu + q * su) * radius, (q * cu - node * su) * speed));
            }
        }
    }
}

/// Where a pad stands relative to a plane at one instant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PadGeometry {
    /// Cross-track angle of the pad from the plane, rad (positive on the
    /// orbit normal's side).
    pub delta: f64,
    /// Argument of latitude of the pad's projection on the plane, rad.
    pub u_pad: f64,
    /// Whether the pad lies on the northbound half of the orbit.
    pub northbound: bool,
}

/// A plane's orientation at one instant, for the geometry of many pads.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlaneFrame {
    /// Orbit normal, unit vector, ECI.
    pub normal: Vec3,
    /// Ascending node, unit vector, ECI.
    pub node: Vec3,
    /// The direction 90° past the node along the orbit, unit vector, ECI.
    pub ahead: Vec3,
}

impl PlaneFrame {
    /// The pad (unit vector, ECI) relative to the plane.
    #[inline]
    pub fn pad_geometry(&self, pad: Vec3) -> PadGeometry {
        let (x, y) = (pad.dot(self.node), pad.dot(self.ahead));
        PadGeometry {
            delta: pad.dot(self.normal).clamp(-1.0, 1.0).asin(),
            u_pad: y.atan2(x),
            northbound: x > 0.0,
        }
    }
}

impl Plane {
    /// The plane's orientation at time `t` (s).
    pub fn frame(&self, t: f64) -> PlaneFrame {
        let raan = self.raan0_rad + self.raan_rate * t;
        let (si, ci) = self.inclination_rad.sin_cos();
        let (so, co) = raan.sin_cos();
        PlaneFrame {
            normal: Vec3::new(si * so, -si * co, ci),
            node: Vec3::new(co, so, 0.0),
            ahead: Vec3::new(-ci * so, ci * co, si),
        }
    }

    /// The pad (unit vector, ECI) relative to this plane at time `t` (s).
    pub fn pad_geometry(&self, pad: Vec3, t: f64) -> PadGeometry {
        self.frame(t).pad_geometry(pad)
    }

    /// Call `f(index, lead)` for every satellite whose lead over `u_pad`
    /// (rad, wrapped to (−π, π]) at time `t` (s) lies in `[lo, hi]`
    /// (rad, `hi − lo < 2π`): a binary search in the sorted phases.
    pub fn satellites_within(
        &self,
        u_pad: f64,
        t: f64,
        lo: f64,
        hi: f64,
        mut f: impl FnMut(u32, f64),
    ) {
        let n = self.phases.len();
        if n == 0 {
            return;
        }
        let shift = self.u_rate * t - u_pad;
        // Phases φ with φ + shift ∈ [lo, hi] (mod 2π).
        let start = (lo - shift).rem_euclid(TAU);
        let width = hi - lo;
        let end = start + width;
        // Within (−π, π] the lead of a phase φ of the window is
        // `lo + (φ − start)` (plus 2π past the wrap): no reduction per
        // satellite. Otherwise each lead is reduced.
        let direct = lo > -PI && hi <= PI;
        let mut visit = |a: f64, b: f64, base: f64| {
            let i0 = self.phases.partition_point(|&p| p < a);
            let i1 = self.phases.partition_point(|&p| p <= b);
            for (k, &phase) in self.phases[i0..i1].iter().enumerate() {
                let lead = if direct {
                    base + phase
                } else {
                    (phase + shift + PI).rem_euclid(TAU) - PI
                };
                f(self.first + (i0 + k) as u32, lead);
            }
        };
        if end < TAU {
            visit(start, end, lo - start);
        } else {
            visit(start, TAU, lo - start);
            visit(0.0, end - TAU, lo + (TAU - start));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cupola_physics::constellation::Shell;

    /// Truncating keeps exactly the count asked, takes one satellite from
    /// each of the last planes, and keeps indices contiguous.
    #[test]
    fn truncate_keeps_the_count() {
        let shell = Shell::walker_delta(400e3, 45f64.to_radians(), 24 * 10, 24, 1);
        for n in [240, 239, 230, 217, 216, 5, 0] {
            let mut layout = Layout::shell(shell, None).unwrap();
            layout.truncate(n);
            assert_eq!(layout.len(), n.min(240));
            let sizes: Vec<usize> = layout.planes.iter().map(|p| p.phases.len()).collect();
            let (lo, hi) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
            assert!(hi - lo <= 1, "{n}: {sizes:?}");
            let mut first = 0;
            for p in &layout.planes {
                assert_eq!(p.first, first);
                first += p.phases.len() as u32;
            }
        }
    }

    /// Joining shells keeps every plane and satellite, numbers the
    /// satellites on from one shell to the next, and tags each plane with
    /// its shell.
    #[test]
    fn joint_layout_tags_shells() {
        let a = Layout::shell(Shell::walker_delta(400e3, 1.1, 48 * 5, 48, 1), None).unwrap();
        let b = Layout::shell(Shell::walker_delta(500e3, 0.8, 24 * 3, 24, 1), None).unwrap();
        let j = Layout::joint(vec![a.clone(), Layout::default(), b.clone()]);
        assert_eq!(j.len(), a.len() + b.len());
        assert_eq!(j.planes.len(), 48 + 24);
        assert_eq!(j.radius_m.len(), j.planes.len());
        let mut first = 0;
        for (k, p) in j.planes.iter().enumerate() {
            assert_eq!(p.first, first);
            first += p.phases.len() as u32;
            assert_eq!(p.shell, if k < 48 { 0 } else { 2 });
        }
        let mut states = Vec::new();
        j.states(0.0, &mut states);
        assert_eq!(states.len(), j.len());
    }

    /// The plane query finds exactly the satellites a brute-force check of
    /// every satellite's lead finds.
    #[test]
    fn plane_query_matches_brute_force() {
        let shell = Shell::walker_delta(550e3, 53f64.to_radians(), 1_584, 72, 17);
        let layout = Layout::shell(shell, None).unwrap();
        assert_eq!(layout.len(), 1_584);
        let pad = Vec3::new(0.3, 0.5, 0.6).unit();
        for t in [0.0, 1_234.5, 86_000.0] {
            for p in &layout.planes {
                let g = p.pad_geometry(pad, t);
                let (lo, hi) = (-0.7, 0.25);
                let mut found = Vec::new();
                p.satellites_within(g.u_pad, t, lo, hi, |k, _| found.push(k));
                let brute: Vec<u32> = p
                    .phases
                    .iter()
                    .enumerate()
                    .filter(|(_, ph)| {
                        let lead = (**ph + p.u_rate * t - g.u_pad + std::f64::consts::PI)
                            .rem_euclid(TAU)
                            - std::f64::consts::PI;
                        (lo..=hi).contains(&lead)
                    })
                    .map(|(k, _)| p.first + k as u32)
                    .collect();
                found.sort();
                assert_eq!(found, brute);
            }
        }
    }
}
