//! Constellation builders: Walker delta and Walker star shells (notation
//! i: t/p/f), several shells per constellation, and random phasing for Monte
//! Carlo studies.
//!
//! Walker notation (J. G. Walker, "Satellite constellations", *Journal of the
//! British Interplanetary Society* 37, 1984, 559–572): `t` satellites in `p`
//! equally spaced planes of `s = t/p` satellites each, all at inclination `i`;
//! the phasing `f` in [0, p − 1] sets the inter-plane phase offset.
//!
//! For plane `j` (0 ≤ j < p) and slot `k` (0 ≤ k < s) the satellite has
//!
//! - RAAN Ω = Ω₀ + j·ΔΩ, with ΔΩ = 360°/p for a **delta** pattern (nodes
//!   spread over the full circle, e.g. GPS, Starlink shells) and ΔΩ = 180°/p for
//!   a **star** pattern (near-polar planes spread over half a circle, so that
//!   ascending and descending halves interleave, e.g. Iridium);
//! - argument of latitude u = k·360°/s + j·f·360°/t at t = 0.
//!
//! Orbits are circular (eccentricity exactly 0, the propagators' fast path),
//! at altitude above [`WGS84_A`], in cupola's ECI frame (RAAN measured from the
//! Greenwich meridian at the scenario epoch). Satellites are numbered shell by
//! shell, plane by plane, slot by slot.

use crate::constants::WGS84_A;
use crate::orbit::{BatchError, Elements, J2Batch, MIN_PERIGEE_ALTITUDE_M};
use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{Rng, SeedableRng};
use std::f64::consts::{PI, TAU};

/// How a shell's planes are spread in RAAN.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    /// Walker delta: plane nodes every 360°/p.
    Delta,
    /// Walker star: plane nodes every 180°/p.
    Star,
}

/// One Walker shell, `inclination: total/planes/phasing`.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Shell {
    /// Altitude of the circular orbits above [`WGS84_A`], m.
    pub altitude_m: f64,
    /// Inclination, rad, in [0, π].
    pub inclination_rad: f64,
    /// Total number of satellites t.
    pub total: u32,
    /// Number of planes p (must divide t).
    pub planes: u32,
    /// Walker phasing factor f, in [0, p − 1].
    pub phasing: u32,
    /// Delta or star.
    pub pattern: Pattern,
    /// RAAN of the first plane, rad (0 in the constructors).
    pub raan_offset_rad: f64,
}

/// What is wrong with a shell. [`ShellError::field`] names the offending
/// [`Shell`] field, so a scenario reader can point at it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ShellError {
    /// A real-valued field is NaN or infinite.
    #[error("{field} is not finite ({value})")]
    NonFinite {
        /// The field.
        field: &'static str,
        /// Its value.
        value: f64,
    },
    /// The altitude is below [`MIN_PERIGEE_ALTITUDE_M`].
    #[error("altitude {altitude_m} m is below the minimum of {min_m} m")]
    AltitudeTooLow {
        /// The altitude given, m.
        altitude_m: f64,
        /// The minimum, m.
        min_m: f64,
    },
    /// The inclination is outside [0°, 180°].
    #[error("inclination {inclination_deg}° is outside [0°, 180°]")]
    Inclination {
        /// The inclination given, degrees.
        inclination_deg: f64,
    },
    /// `total` or `planes` is zero.
    #[error("{field} must be at least 1")]
    ZeroCount {
        /// `"total"` or `"planes"`.
        field: &'static str,
    },
    /// The number of planes does not divide the total.
    #[error("total {total} is not divisible by planes {planes}")]
    PlanesDoNotDivideTotal {
        /// t.
        total: u32,
        /// p.
        planes: u32,
    },
    /// The phasing factor is not in [0, p − 1].
    #[error("phasing {phasing} is outside [0, {}] (planes − 1)", planes.saturating_sub(1))]
    Phasing {
        /// f.
        phasing: u32,
        /// p.
        planes: u32,
    },
}

impl ShellError {
    /// Name of the offending [`Shell`] field.
    pub fn field(&self) -> &'static str {
        match self {
            ShellError::NonFinite { field, .. } | ShellError::ZeroCount { field } => field,
            ShellError::AltitudeTooLow { .. } => "altitude_m",
            ShellError::Inclination { .. } => "inclination_rad",
            ShellError::PlanesDoNotDivideTotal { .. } => "planes",
            ShellError::Phasing { .. } => "phasing",
        }
    }
}

/// An invalid shell of a constellation, by index.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("shell {shell}: {source}")]
pub struct ConstellationError {
    /// Index of the shell in the list given.
    pub shell: usize,
    /// What is wrong with it.
    pub source: ShellError,
}

impl ConstellationError {
    /// Name of the offending [`Shell`] field.
    pub fn field(&self) -> &'static str {
        self.source.field()
    }
}

impl Shell {
    /// A Walker delta shell `inclination_rad: total/planes/phasing` at
    /// `altitude_m` (m above [`WGS84_A`]); not validated until used.
    pub fn walker_delta(
        altitude_m: f64,
        inclination_rad: f64,
        total: u32,
        planes: u32,
        phasing: u32,
    ) -> Self {
        Self {
            altitude_m,
            inclination_rad,
            total,
            planes,
            phasing,
            pattern: Pattern::Delta,
            raan_offset_rad: 0.0,
        }
    }

    /// A Walker star shell (planes over 180° of RAAN); see [`Shell::walker_delta`].
    pub fn walker_star(
        altitude_m: f64,
        inclination_rad: f64,
        total: u32,
        planes: u32,
        phasing: u32,
    ) -> Self {
        Self {
            pattern: Pattern::Star,
            ..Self::walker_delta(altitude_m, inclination_rad, total, planes, phasing)
        }
    }

    /// The same shell with its first plane at RAAN `raan_rad` (rad).
    pub fn with_raan_offset(self, raan_rad: f64) -> Self {
        Self {
            raan_offset_rad: raan_rad,
            ..self
        }
    }

    /// Check the shell: finite values, altitude ≥ [`MIN_PERIGEE_ALTITUDE_M`],
    /// inclination in [0, π], t ≥ 1, p ≥ 1, p divides t, f in [0, p − 1].
    pub fn validate(&self) -> Result<(), ShellError> {
        for (field, value) in [
            ("altitude_m", self.altitude_m),
            ("inclination_rad", self.inclination_rad),
            ("raan_offset_rad", self.raan_offset_rad),
        ] {
            if !value.is_finite() {
                return Err(ShellError::NonFinite { field, value });
            }
        }
        if self.altitude_m < MIN_PERIGEE_ALTITUDE_M {
            return Err(ShellError::AltitudeTooLow {
                altitude_m: self.altitude_m,
                min_m: MIN_PERIGEE_ALTITUDE_M,
            });
        }
        if !(0.0..=PI).contains(&self.inclination_rad) {
            return Err(ShellError::Inclination {
                inclination_deg: self.inclination_rad.to_degrees(),
            });
        }
        if self.total == 0 {
            return Err(ShellError::ZeroCount { field: "total" });
        }
        if self.planes == 0 {
            return Err(ShellError::ZeroCount { field: "planes" });
        }
        if !self.total.is_multiple_of(self.planes) {
            return Err(ShellError::PlanesDoNotDivideTotal {
                total: self.total,
                planes: self.planes,
            });
        }
        if self.phasing >= self.planes {
            return Err(ShellError::Phasing {
                phasing: self.phasing,
                planes: self.planes,
            });
        }
        Ok(())
    }

    /// Satellites per plane s = t/p (0 if p is 0).
    pub fn per_plane(&self) -> u32 {
        self.total.checked_div(self.planes).unwrap_or(0)
    }

    /// RAAN spacing of adjacent planes, rad: 2π/p (delta) or π/p (star).
    pub fn plane_spacing_rad(&self) -> f64 {
        let span = match self.pattern {
            Pattern::Delta => TAU,
            Pattern::Star => PI,
        };
        span / f64::from(self.planes)
    }

    /// Spacing of satellites within a plane, rad: 2π/s.
    pub fn in_plane_spacing_rad(&self) -> f64 {
        TAU / f64::from(self.per_plane())
    }

    /// Phase offset between adjacent planes, rad: f·2π/t.
    pub fn phase_offset_rad(&self) -> f64 {
        f64::from(self.phasing) * TAU / f64::from(self.total)
    }

    /// Two-body orbital period of the shell, s.
    pub fn period_s(&self) -> f64 {
        let a = WGS84_A + self.altitude_m;
        TAU * (a * a * a / crate::constants::MU_EARTH).sqrt()
    }

    /// The shell's elements with Walker phasing, plane by plane.
    pub fn elements(&self) -> Result<Vec<Elements>, ShellError> {
        self.validate()?;
        let mut out = Vec::with_capacity(self.total as usize);
        for j in 0..self.planes {
            let jf = f64::from(j);
            self.push_plane(
                &mut out,
                self.raan_offset_rad + jf * self.plane_spacing_rad(),
                jf * self.phase_offset_rad(),
            );
        }
        Ok(out)
    }

    /// Push the `s` satellites of one plane at RAAN `raan` with the first at
    /// argument of latitude `phase` (rad). The shell is valid, so are these
    /// elements (the same as [`Elements::circular`] would give).
    fn push_plane(&self, out: &mut Vec<Elements>, raan: f64, phase: f64) {
        for k in 0..self.per_plane() {
            let u = f64::from(k) * self.in_plane_spacing_rad() + phase;
            out.push(Elements {
                semi_major_axis_m: WGS84_A + self.altitude_m,
                eccentricity: 0.0,
                inclination_rad: self.inclination_rad,
                raan_rad: raan.rem_euclid(TAU),
                arg_perigee_rad: 0.0,
                mean_anomaly_rad: u.rem_euclid(TAU),
            });
        }
    }

    /// The shell's elements with random phasing drawn from `rng`; see
    /// [`Constellation::with_random_phasing`].
    fn random_elements(&self, rng: &mut Xoshiro256PlusPlus) -> Result<Vec<Elements>, ShellError> {
        self.validate()?;
        let mut out = Vec::with_capacity(self.total as usize);
        let raan0 = self.raan_offset_rad + unit_f64(rng) * self.plane_spacing_rad();
        for j in 0..self.planes {
            let raan = raan0 + f64::from(j) * self.plane_spacing_rad();
            let phase = unit_f64(rng) * self.in_plane_spacing_rad();
            self.push_plane(&mut out, raan, phase);
        }
        Ok(out)
    }
}

/// A uniform draw in [0, 1): the top 53 bits of the next `u64`, times 2⁻⁵³.
fn unit_f64(rng: &mut Xoshiro256PlusPlus) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Summary numbers of one shell.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct ShellSummary {
    /// Altitude above [`WGS84_A`], m.
    pub altitude_m: f64,
    /// Inclination, rad.
    pub inclination_rad: f64,
    /// Delta or star.
    pub pattern: Pattern,
    /// Satellites in the shell.
    pub count: usize,
    /// Planes.
    pub planes: u32,
    /// Satellites per plane.
    pub per_plane: u32,
    /// Walker phasing factor (not used under random phasing).
    pub phasing: u32,
    /// Two-body period, s.
    pub period_s: f64,
}

/// Satellites of one or more Walker shells, as mean elements at t = 0 (ECI).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Constellation {
    /// The shells, as given.
    pub shells: Vec<Shell>,
    /// Elements of every satellite, shell by shell, plane by plane.
    pub elements: Vec<Elements>,
    /// Index into `shells` of each satellite.
    pub shell_of: Vec<usize>,
    /// Plane index (within its shell) of each satellite.
    pub plane_of: Vec<u32>,
}

impl Constellation {
    /// A constellation of Walker-phased shells; the first invalid shell is
    /// reported by index with the offending field.
    pub fn new(shells: Vec<Shell>) -> Result<Self, ConstellationError> {
        Self::build(shells, |_, shell| shell.elements())
    }

    /// A constellation of the same shells with random phasing for Monte Carlo,
    /// deterministic in `seed` (pass a per-trial seed).
    ///
    /// What is randomised, per shell `n` (0-based), from its own stream
    /// (a Xoshiro256++ generator seeded with `seed` by `seed_from_u64`, then
    /// advanced by `long_jump` n times, so adding a shell never changes the
    /// draws of the others), in this order:
    ///
    /// 1. one RAAN offset, uniform in [0, ΔΩ) (ΔΩ the plane spacing), added to
    ///    every plane: the whole shell turns about the polar axis;
    /// 2. for each plane in order, one phase, uniform in [0, 360°/s): the
    ///    argument of latitude of the plane's first satellite, replacing the
    ///    Walker term j·f·360°/t.
    ///
    /// Kept as built: altitude, inclination, the plane spacing and the even
    /// spacing of satellites within each plane. Uniform draws are the top 53
    /// bits of `next_u64` times 2⁻⁵³.
    pub fn with_random_phasing(shells: Vec<Shell>, seed: u64) -> Result<Self, ConstellationError> {
        let base = Xoshiro256PlusPlus::seed_from_u64(seed);
        Self::build(shells, |n, shell| {
            let mut rng = base.clone();
            for _ in 0..n {
                rng.long_jump();
            }
            shell.random_elements(&mut rng)
        })
    }

    fn build(
        shells: Vec<Shell>,
        mut make: impl FnMut(usize, &Shell) -> Result<Vec<Elements>, ShellError>,
    ) -> Result<Self, ConstellationError> {
        let mut c = Constellation {
            shells: Vec::new(),
            elements: Vec::new(),
            shell_of: Vec::new(),
            plane_of: Vec::new(),
        };
        for (n, shell) in shells.iter().enumerate() {
            let els = make(n, shell).map_err(|source| ConstellationError { shell: n, source })?;
            let per_plane = shell.per_plane().max(1);
            c.plane_of
                .extend((0..els.len()).map(|k| (k / per_plane as usize) as u32));
            c.shell_of.extend(std::iter::repeat_n(n, els.len()));
            c.elements.extend(els);
        }
        c.shells = shells;
        Ok(c)
    }

    /// Total number of satellites.
    pub fn len(&self) -> usize {
        self.elements.len()
    }

    /// Whether there is no satellite.
    pub fn is_empty(&self) -> bool {
        self.elements.is_empty()
    }

    /// Number of satellites in shell `n` (0 if there is no such shell).
    pub fn count_in_shell(&self, n: usize) -> usize {
        self.shell_of.iter().filter(|&&s| s == n).count()
    }

    /// Summary numbers of each shell.
    pub fn summary(&self) -> Vec<ShellSummary> {
        self.shells
            .iter()
            .enumerate()
            .map(|(n, s)| ShellSummary {
                altitude_m: s.altitude_m,
                inclination_rad: s.inclination_rad,
                pattern: s.pattern,
                count: self.count_in_shell(n),
                planes: s.planes,
                per_plane: s.per_plane(),
                phasing: s.phasing,
                period_s: s.period_s(),
            })
            .collect()
    }

    /// A J2 batch propagator of all the satellites, in the same order.
    pub fn j2_batch(&self) -> Result<J2Batch, BatchError> {
        J2Batch::new(&self.elements)
    }
}

#[cfg(test)]
mod tests;
