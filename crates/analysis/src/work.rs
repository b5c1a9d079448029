//! Work and memory estimates of the studies, computed before they run, and
//! the budget a front end refuses them over.
//!
//! Each study has one estimate function ([`sizing`], [`engagement`],
//! [`stability`], [`detection`], [`coverage`]) that counts what the study
//! will do — reach-table cells × scan steps, constellations evaluated ×
//! launch-time samples × missiles × planes, trials × objects, satellites ×
//! time steps — and the largest buffers it will hold, with the same
//! arithmetic as the code that allocates them (the tests check the counts
//! against the real allocations). Counts become reference-core seconds
//! through unit costs measured on the 2-core development machine
//! (`docs/performance.md`); they are estimates, good to about a factor of
//! 3 (`assumed`: other machines, other scenarios), meant to tell a run of
//! seconds from one of hours before it starts.

mod detection;
mod engage;
mod sizing;
#[cfg(test)]
mod tests;

pub use detection::{ASSUMED_FLIGHT_S, coverage, detection, detection_samples};
pub use engage::{EngageWork, engagement, exact_problem, objects, stability};
pub use sizing::{SizingWork, sizing};

use std::fmt::Write as _;

/// Reference-core seconds of one reach-table cell × fly-out scan step (a
/// closed-form Δv margin, a divert lookup and the scan's bookkeeping):
/// the default `cupola size --set size.samples=1`, whose work is almost
/// all its reach tables (the main study's and its 24 sweep points'), took
/// 8.5 CPU seconds where the cells × steps counted at the earlier unit
/// cost of 2.1e-7 came to 41 s, i.e. 4.4e-8 core-s (cells that find an
/// early intercept stop sooner, cells out of a plane's reach cost
/// nothing); `assumed` 5e-8, range 2e-8–2e-7.
pub const TABLE_CELL_STEP_S: f64 = 5.0e-8;

/// Reference-core seconds of one coverage query of a launch against one
/// orbital plane (where the pad is relative to the plane — one dot product
/// dismisses a plane out of reach — then the plane's satellites in the
/// feasible leads), beside [`MISSILE_SAMPLE_S`]: fitted with it to the
/// default `cupola size` (10 launches from four areas, planes' geometry
/// shared: 4.5 CPU seconds of evaluations, its 13.0 less the 8.5 of its
/// tables, for 736,000 samples) and `scenarios/sbi.toml`'s (one launch:
/// 9.5 CPU seconds for 2.45 million samples); `assumed` 1e-8, range
/// 5e-9–1e-7 (larger constellations put more satellites in each plane's
/// window).
pub const PLANE_QUERY_S: f64 = 1.0e-8;

/// Reference-core seconds per missile per launch-time sample of a coverage
/// evaluation: listing the missile's carriers in reach and assigning its
/// shots, fitted with [`PLANE_QUERY_S`] (above); `assumed` 3.5e-7, range
/// 1e-7–1e-6 (more carriers in reach, more to list and assign).
pub const MISSILE_SAMPLE_S: f64 = 3.5e-7;

/// Reference-core seconds per object per engagement trial (objects as
/// deployed by the whole raid, before the boost layer): a trial's cost
/// grows linearly with the raid (docs/performance.md, "Engagement"):
/// 3.5e6 instructions a trial at 1,000 missiles (9,000 objects) and
/// 3.5e5 at 100, about 390 an object, counted by callgrind, at the
/// 0.133 ns an instruction that `engage/trials_salvo_10` ran at on the
/// reference machine (44.4 k instructions a trial, 338 k trials/s on 2
/// threads); `assumed` good to a factor of 2 from 9 to 10⁵ objects (at 10
/// missiles the boost layer leaves fewer objects: 2.8e-8 an object).
pub const TRIAL_OBJECT_S: f64 = 5.3e-8;

/// Reference-core seconds per inner step of the Hungarian method (`k²·l`
/// steps for a `k × l` problem, `k ≤ l`): `assumed` 1e-9, range 5e-10–3e-9
/// (a compare and an add on a row of `f64`).
pub const HUNGARIAN_STEP_S: f64 = 1.0e-9;

/// Reference-core seconds per satellite × time step × sensor of a detection
/// timeline (a J2 position and the sensor's visibility test): `assumed`
/// 5e-8, range 2e-8–1e-7 (J2 propagation alone is 1.1e-8 per
/// satellite-epoch, docs/performance.md "Orbits").
pub const DETECT_SAT_STEP_S: f64 = 5.0e-8;

/// Reference-core seconds per satellite × ground point × time sample of the
/// coverage study: 0.3 s wall on 2 threads for 96 × 1,654 × 1,441
/// (docs/performance.md "Coverage"), i.e. 2.6e-9 core-s; `assumed` range
/// 2e-9–5e-9.
pub const COVERAGE_TRIPLE_S: f64 = 2.6e-9;

/// What one study is estimated to cost.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Estimate {
    /// The study, as its command names it (`"sizing"`, `"engagement"`, …).
    pub study: String,
    /// Computation, reference-core seconds (wall time is about this divided
    /// by the cores used).
    pub core_s: f64,
    /// Peak of the study's largest buffers, bytes.
    pub memory_bytes: f64,
    /// The counts behind the figures, in words.
    pub detail: Vec<String>,
    /// The scenario keys and command-line flags that drive the estimate,
    /// with their values (`"[size] samples (--samples) = 10000"`).
    pub drivers: Vec<String>,
}

impl Estimate {
    /// An estimate of nothing yet, for `study`.
    pub fn new(study: &str) -> Self {
        Self {
            study: study.to_string(),
            core_s: 0.0,
            memory_bytes: 0.0,
            detail: Vec::new(),
            drivers: Vec::new(),
        }
    }

    /// Add `other`'s cost, details and drivers (drivers once each); the
    /// memory is the larger of the two (the parts run one after another).
    pub fn absorb(&mut self, other: Estimate) {
        self.core_s += other.core_s;
        self.memory_bytes = self.memory_bytes.max(other.memory_bytes);
        self.detail.extend(other.detail);
        for d in other.drivers {
            self.driver(d);
        }
    }

    /// Name a driver, once.
    pub fn driver(&mut self, d: impl Into<String>) {
        let d = d.into();
        if !self.drivers.contains(&d) {
            self.drivers.push(d);
        }
    }

    /// Why the estimate is over `budget`, in words (None: within it).
    pub fn over(&self, budget: &Budget) -> Option<String> {
        let time = self.core_s > budget.core_s;
        let memory = self.memory_bytes > budget.memory_bytes;
        if !time && !memory {
            return None;
        }
        let mut s = format!("the {} study is estimated at ", self.study);
        if time {
            let _ = write!(
                s,
                "{} of computation (budget {})",
                duration(self.core_s),
                duration(budget.core_s)
            );
        }
        if memory {
            let _ = write!(
                s,
                "{}{} of memory (budget {})",
                if time { " and " } else { "" },
                bytes(self.memory_bytes),
                bytes(budget.memory_bytes)
            );
        }
        let _ = write!(s, "; driven by {}", self.drivers.join(", "));
        for d in &self.detail {
            let _ = write!(s, "\n  {d}");
        }
        Some(s)
    }

    /// One line: the study, its time and memory.
    pub fn summary(&self) -> String {
        format!(
            "{}: about {} of computation, {} of memory",
            self.study,
            duration(self.core_s),
            bytes(self.memory_bytes)
        )
    }
}

/// Largest estimated cost a front end runs without being told to.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Budget {
    /// Computation, reference-core seconds.
    pub core_s: f64,
    /// Memory, bytes.
    pub memory_bytes: f64,
}

impl Budget {
    /// The default budget: 1,800 reference-core seconds (15 minutes of
    /// wall time on 2 cores; the default scenario's whole `cupola size`,
    /// the longest of the shipped runs, is estimated at a few hundred) and
    /// 2 GiB of memory. Both `assumed`: what an analyst waits for at a
    /// terminal, and what a laptop spares (range 1–8 GiB).
    pub const DEFAULT: Budget = Budget {
        core_s: 1_800.0,
        memory_bytes: 2.0 * 1024.0 * 1024.0 * 1024.0,
    };

    /// The default budget times `scale` (> 0; infinity lifts it).
    pub fn scaled(scale: f64) -> Budget {
        Budget {
            core_s: Self::DEFAULT.core_s * scale,
            memory_bytes: Self::DEFAULT.memory_bytes * scale,
        }
    }
}

/// `s` seconds in words: "0.4 s", "12 s", "3 min 20 s", "5.2 h".
pub fn duration(s: f64) -> String {
    if !s.is_finite() {
        "an unbounded time".into()
    } else if s < 10.0 {
        format!("{s:.1} s")
    } else if s < 600.0 {
        format!("{:.0} s", s)
    } else if s < 36_000.0 {
        format!("{:.0} min", s / 60.0)
    } else if s < 86_400.0 * 100.0 {
        format!("{:.1} h", s / 3600.0)
    } else {
        format!("{:.1e} h", s / 3600.0)
    }
}

/// `b` bytes in words: "12 kB", "3.4 MB", "6.6 GB" (decimal units).
pub fn bytes(b: f64) -> String {
    if !b.is_finite() {
        "unbounded".into()
    } else if b < 1e6 {
        format!("{:.0} kB", b / 1e3)
    } else if b < 1e9 {
        format!("{:.1} MB", b / 1e6)
    } else if b < 1e13 {
        format!("{:.1} GB", b / 1e9)
    } else {
        format!("{:.1e} GB", b / 1e9)
    }
}

/// Distinct launch geometries of a raid from `areas`: missiles of an area
/// with no width, depth or window share one pad and one time, hence one
/// coverage query; otherwise each missile is its own.
pub fn distinct_launches(areas: &[crate::raid::LaunchArea]) -> f64 {
    areas
        .iter()
        .map(|a| {
            if a.width_m == 0.0 && a.depth_m == 0.0 && a.window_s == 0.0 {
                1.0
            } else {
                f64::from(a.salvo.max(1))
            }
        })
        .sum()
}

/// `⌈log₂ n⌉` for `n ≥ 1`, as a count.
fn log2_ceil(n: f64) -> f64 {
    n.max(1.0).log2().ceil()
}
