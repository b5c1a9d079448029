//! Access windows: the intervals when each satellite of a [`J2Batch`] sees a
//! ground site or a moving target.
//!
//! Visibility is sampled on a uniform grid (all satellites propagated at once
//! per sample, ECEF); each change between samples is then located by
//! bisection on that satellite alone to within the tolerance. A window shorter
//! than the step can fall between two samples and be missed: choose the step
//! below the shortest pass of interest (a LEO pass over a 10° mask lasts a few
//! minutes; 10–30 s is a safe step).

use super::{EarthLimb, GroundSite};
use crate::Vec3;
use crate::orbit::{J2Batch, PositionBuffer};

/// Most samples per satellite an access computation accepts.
pub const MAX_SAMPLES: f64 = 1.0e8;

/// Time grid and limits of an access computation.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AccessOptions {
    /// Start of the interval, s from the epoch.
    pub start_s: f64,
    /// End of the interval, s from the epoch (≥ start).
    pub end_s: f64,
    /// Sampling step, s (> 0).
    pub step_s: f64,
    /// Bisection tolerance on rise and set times, s (> 0): each reported time
    /// is within half of it of the true crossing.
    pub tolerance_s: f64,
    /// Maximum range for visibility, m (`f64::INFINITY` for none).
    pub max_range_m: f64,
}

impl AccessOptions {
    /// Options over [`start_s`, `end_s`] (s) with a step of `step_s` (s), a
    /// tolerance of 1 ms and no range limit.
    pub fn new(start_s: f64, end_s: f64, step_s: f64) -> Self {
        Self {
            start_s,
            end_s,
            step_s,
            tolerance_s: 1e-3,
            max_range_m: f64::INFINITY,
        }
    }

    fn validate(&self) -> Result<usize, GeometryError> {
        if !(self.start_s.is_finite() && self.end_s.is_finite() && self.end_s >= self.start_s) {
            return Err(GeometryError::Interval {
                start_s: self.start_s,
                end_s: self.end_s,
            });
        }
        if !(self.step_s.is_finite() && self.step_s > 0.0) {
            return Err(GeometryError::Step {
                step_s: self.step_s,
            });
        }
        if !(self.tolerance_s.is_finite() && self.tolerance_s > 0.0) {
            return Err(GeometryError::Tolerance {
                tolerance_s: self.tolerance_s,
            });
        }
        if self.max_range_m.is_nan() || self.max_range_m <= 0.0 {
            return Err(GeometryError::MaxRange {
                max_range_m: self.max_range_m,
            });
        }
        let intervals = ((self.end_s - self.start_s) / self.step_s).ceil();
        if intervals + 1.0 > MAX_SAMPLES {
            return Err(GeometryError::TooManySamples {
                samples: intervals + 1.0,
            });
        }
        Ok(intervals as usize + 1)
    }
}

/// Invalid access options; [`GeometryError::field`] names the field.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GeometryError {
    /// Start or end not finite, or end before start.
    #[error("interval [{start_s}, {end_s}] s is not a finite, ordered interval")]
    Interval {
        /// Start, s.
        start_s: f64,
        /// End, s.
        end_s: f64,
    },
    /// Step not finite and positive.
    #[error("step {step_s} s must be finite and positive")]
    Step {
        /// The step, s.
        step_s: f64,
    },
    /// Tolerance not finite and positive.
    #[error("tolerance {tolerance_s} s must be finite and positive")]
    Tolerance {
        /// The tolerance, s.
        tolerance_s: f64,
    },
    /// Maximum range NaN or not positive.
    #[error("maximum range {max_range_m} m must be positive")]
    MaxRange {
        /// The range, m.
        max_range_m: f64,
    },
    /// More than [`MAX_SAMPLES`] samples.
    #[error("{samples} samples exceed the limit of {MAX_SAMPLES}; use a larger step")]
    TooManySamples {
        /// Samples the options ask for.
        samples: f64,
    },
    /// A non-finite elevation mask or grazing altitude.
    #[error("{field} is not finite ({value})")]
    NonFinite {
        /// The parameter.
        field: &'static str,
        /// Its value.
        value: f64,
    },
}

impl GeometryError {
    /// Name of the offending field of [`AccessOptions`] (or parameter).
    pub fn field(&self) -> &'static str {
        match self {
            GeometryError::Interval { .. } => "end_s",
            GeometryError::Step { .. } | GeometryError::TooManySamples { .. } => "step_s",
            GeometryError::Tolerance { .. } => "tolerance_s",
            GeometryError::MaxRange { .. } => "max_range_m",
            GeometryError::NonFinite { field, .. } => field,
        }
    }
}

/// One interval during which a satellite sees the target.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct AccessWindow {
    /// Index of the satellite in the batch.
    pub satellite: usize,
    /// Rise time, s from the epoch (the interval start if already visible).
    pub start_s: f64,
    /// Set time, s from the epoch (the interval end if still visible).
    pub end_s: f64,
}

impl AccessWindow {
    /// Length of the window, s.
    pub fn duration_s(&self) -> f64 {
        self.end_s - self.start_s
    }
}

/// Access windows of every satellite of `batch` for a general visibility test
/// `visible(t_s, satellite_ecef_m)`. Windows are sorted by satellite, then
/// start time. The range limit of `opts` is not applied here (the predicate
/// sees only the satellite); the ground and target variants apply it.
pub fn access_windows(
    batch: &J2Batch,
    opts: &AccessOptions,
    visible: impl Fn(f64, Vec3) -> bool,
) -> Result<Vec<AccessWindow>, GeometryError> {
    windows(batch, opts, |t| t, |&t, sat| visible(t, sat))
}

/// Access windows of every satellite of `batch` over a ground `site`: the
/// satellite is at or above `min_elevation_rad` (rad, from the ellipsoid
/// normal) and within `opts.max_range_m`.
pub fn ground_access_windows(
    batch: &J2Batch,
    site: &GroundSite,
    min_elevation_rad: f64,
    opts: &AccessOptions,
) -> Result<Vec<AccessWindow>, GeometryError> {
    if !min_elevation_rad.is_finite() {
        return Err(GeometryError::NonFinite {
            field: "min_elevation_rad",
            value: min_elevation_rad,
        });
    }
    let sin_mask = min_elevation_rad.sin();
    let max_r2 = opts.max_range_m * opts.max_range_m;
    windows(
        batch,
        opts,
        |_| (),
        |_, sat| site.above_mask(sat, sin_mask) && (sat - site.ecef).norm2() <= max_r2,
    )
}

/// Access windows of every satellite of `batch` to a moving target whose ECEF
/// position (m) at time t (s) is `target_ecef(t)`: line of sight clears `limb`
/// and the range is within `opts.max_range_m`. The target is evaluated once
/// per sample and bisection step.
pub fn target_access_windows(
    batch: &J2Batch,
    target_ecef: impl Fn(f64) -> Vec3,
    limb: EarthLimb,
    opts: &AccessOptions,
) -> Result<Vec<AccessWindow>, GeometryError> {
    if !limb.grazing_altitude_m.is_finite() {
        return Err(GeometryError::NonFinite {
            field: "grazing_altitude_m",
            value: limb.grazing_altitude_m,
        });
    }
    let max_r2 = opts.max_range_m * opts.max_range_m;
    windows(batch, opts, target_ecef, |&target, sat| {
        limb.clear(sat, target) && (sat - target).norm2() <= max_r2
    })
}

/// The sampling and bisection engine: `at(t)` is evaluated once per time and
/// shared by the `visible(context, satellite_ecef)` tests at that time.
fn windows<C>(
    batch: &J2Batch,
    opts: &AccessOptions,
    at: impl Fn(f64) -> C,
    visible: impl Fn(&C, Vec3) -> bool,
) -> Result<Vec<AccessWindow>, GeometryError> {
    let samples = opts.validate()?;
    let n = batch.len();
    let mut out = Vec::new();
    let mut open: Vec<Option<f64>> = vec![None; n];
    let mut buf = PositionBuffer::with_len(n);
    let sat_visible = |k: usize, t: f64| {
        batch
            .ecef_position_of(k, t)
            .is_some_and(|p| visible(&at(t), p))
    };
    let mut t_prev = opts.start_s;
    for j in 0..samples {
        let t = if j + 1 == samples {
            opts.end_s
        } else {
            opts.start_s + j as f64 * opts.step_s
        };
        batch.propagate_ecef_positions_into(t, &mut buf);
        let ctx = at(t);
        for (k, slot) in open.iter_mut().enumerate() {
            let p = Vec3::new(buf.x[k], buf.y[k], buf.z[k]);
            let now = visible(&ctx, p);
            match (*slot, now) {
                (None, true) => {
                    *slot = Some(if j == 0 {
                        t
                    } else {
                        crossing(t_prev, t, false, opts.tolerance_s, |x| sat_visible(k, x))
                    });
                }
                (Some(start), false) => {
                    let end = crossing(t_prev, t, true, opts.tolerance_s, |x| sat_visible(k, x));
                    out.push(AccessWindow {
                        satellite: k,
                        start_s: start,
                        end_s: end,
                    });
                    *slot = None;
                }
                _ => {}
            }
        }
        t_prev = t;
    }
    for (k, slot) in open.iter().enumerate() {
        if let Some(start) = *slot {
            out.push(AccessWindow {
                satellite: k,
                start_s: start,
                end_s: opts.end_s,
            });
        }
    }
    out.sort_by(|a, b| {
        a.satellite
            .cmp(&b.satellite)
            .then(a.start_s.total_cmp(&b.start_s))
    });
    Ok(out)
}

/// The time in (lo, hi) where `f` changes from `at_lo` to its opposite, by
/// bisection to `tol` (s); returns the midpoint of the final bracket.
fn crossing(mut lo: f64, mut hi: f64, at_lo: bool, tol: f64, f: impl Fn(f64) -> bool) -> f64 {
    while hi - lo > tol {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if f(mid) == at_lo {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}
