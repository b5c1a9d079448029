//! The sizing study's estimate: reach tables, the constellation searches
//! and the sweeps.

use super::{Estimate, MISSILE_SAMPLE_S, PLANE_QUERY_S, TABLE_CELL_STEP_S, log2_ceil};
use crate::sizing::study::BoostTimeline;
use crate::sizing::{SbiLayerSpec, SizingSpec, Sweep, SweepKind};
use cupola_defense::budget::Deadline;

/// Bytes per reach-table cell: a margin and an earliest time, `f32` each.
pub const TABLE_CELL_BYTES: f64 = 8.0;

/// Bytes per carrier of a laid-out constellation (its phase and its orbit
/// radius, `f64` each).
pub const LAYOUT_CARRIER_BYTES: f64 = 16.0;

/// Launch-time samples a search's candidate is costed at when the study
/// has more: candidates are evaluated sequentially and stop once their side
/// of the requirement is settled (checks at 250, 500, 1,000, … samples,
/// [`crate::sizing::coverage::FIRST_CHECK`]); on the default scenario the
/// searches' candidates settle after about 1,000 samples on average, and
/// only the answer runs all of them (one full evaluation per search,
/// counted apart). `assumed` 1,000, range 250 (every candidate far from
/// the requirement) to all samples (every candidate near it).
pub const SETTLED_SAMPLES: u32 = 1_000;

/// Share of [`evaluations_per_family`]'s bound a search is costed at: the
/// bound is the worst case of the doubling and the bisection, while a
/// search that starts from the analytic count brackets its answer in a few
/// steps; the default `cupola size` (its sizing and 24 sweep points)
/// evaluated 505 constellations against a bound of 2,523. `assumed` 0.25,
/// range 0.1–1.
pub const EVALUATION_SHARE: f64 = 0.25;

/// Sweep values and inclinations costed one by one; a longer list is
/// costed from its first this many values, scaled to its length (keeps
/// `cupola check` fast on a list of a million values).
const COSTED_VALUES: usize = 1_000;

/// What a sizing run will be asked.
pub struct SizingWork<'a> {
    /// The SBI layer (after command-line overrides).
    pub layer: &'a SbiLayerSpec,
    /// The study (after `--samples`).
    pub spec: &'a SizingSpec,
    /// The boost timelines of the launch areas whose launches fly (one
    /// reach table per area and inclination; empty: tables not costed).
    pub timelines: &'a [BoostTimeline],
    /// The sweeps that will run.
    pub sweeps: &'a [Sweep],
}

/// Constellations one family's search evaluates at most: bracketing from
/// the analytic start by doubling or halving, then bisection of the
/// bracket, each at most `⌈log₂(per-plane range)⌉` steps, and both ends:
/// `2·⌈log₂(max_satellites / planes)⌉ + 2` (28 for 100,000 carriers in 24
/// planes; the sizing benchmark's search of 20,000 in 48 evaluates 10,
/// the default scenario's 18).
pub fn evaluations_per_family(max_satellites: u32, planes: u32) -> f64 {
    let max_pp = (max_satellites / planes.max(1)).max(1);
    2.0 * log2_ceil(f64::from(max_pp)) + 2.0
}

/// The estimate of one sizing run at `layer` and `spec`, without sweeps.
fn one(layer: &SbiLayerSpec, spec: &SizingSpec, timelines: &[BoostTimeline]) -> Estimate {
    let mut e = Estimate::new("sizing");
    let inclinations = layer.inclinations_rad.len() as f64;
    let mut table_cells = 0.0_f64;
    if timelines.is_empty() {
        e.detail
            .push("reach tables not costed (the launches did not fly)".into());
    }
    // A long list is costed from its first values, scaled.
    let n = layer.inclinations_rad.len();
    let scale = n as f64 / n.clamp(1, COSTED_VALUES) as f64;
    for tl in timelines {
        for &i in layer.inclinations_rad.iter().take(COSTED_VALUES) {
            let t = tl.table_size(layer, i, spec.resolution_rad);
            let cells = t.cells as f64;
            e.core_s += scale * cells * t.scan_steps as f64 * TABLE_CELL_STEP_S;
            table_cells = table_cells.max(cells);
            if e.detail.is_empty() {
                e.detail.push(format!(
                    "{} reach table{} of {:.2e} cells × {} fly-out steps",
                    n * timelines.len(),
                    if n * timelines.len() == 1 { "" } else { "s" },
                    cells,
                    t.scan_steps
                ));
            }
        }
    }
    let launches = super::distinct_launches(&spec.areas);
    // Samples of one search: its expected candidates settled early, its
    // answer in full.
    let samples = f64::from(spec.samples);
    let searched =
        |evals: f64| EVALUATION_SHARE * evals * samples.min(f64::from(SETTLED_SAMPLES)) + samples;
    let mut queries = 0.0;
    // Launch-time samples evaluated, over every search.
    let mut sampled = 0.0;
    let mut evaluations = 0.0;
    for &planes in &layer.planes {
        let evals = evaluations_per_family(spec.max_satellites, planes);
        evaluations += evals * inclinations;
        queries += searched(evals) * inclinations * launches * f64::from(planes);
        sampled += searched(evals) * inclinations;
    }
    if layer.shells.len() >= 2 {
        // The joint search: one full search for the first split, then
        // about one evaluation for each other split and refinement move,
        // each against the planes of every shell.
        let planes: u32 = layer.shells.iter().map(|s| s.planes).sum();
        let smallest = layer.shells.iter().map(|s| s.planes).min().unwrap_or(1);
        let evals = evaluations_per_family(spec.max_satellites, smallest)
            + crate::sizing::joint::splits_estimate(layer.shells.len()) as f64;
        evaluations += evals;
        queries += searched(evals) * launches * f64::from(planes);
        sampled += searched(evals);
        // Every shell has its tables against every launch.
        for tl in timelines {
            for s in &layer.shells {
                let mut at = layer.clone();
                at.altitude_m = s.altitude_m;
                let t = tl.table_size(&at, s.inclination_rad, spec.resolution_rad);
                e.core_s += t.cells as f64 * t.scan_steps as f64 * TABLE_CELL_STEP_S;
                table_cells = table_cells.max(t.cells as f64);
            }
        }
    }
    e.core_s += queries * PLANE_QUERY_S + sampled * f64::from(spec.salvo()) * MISSILE_SAMPLE_S;
    e.detail.push(format!(
        "up to {evaluations:.0} constellations × up to {} launch-time samples (about {} once settled, the answers all) × {launches:.0} distinct launch{} × their planes ({:.2e} plane queries)",
        spec.samples,
        spec.samples.min(SETTLED_SAMPLES),
        if launches == 1.0 { "" } else { "es" },
        queries
    ));
    e.memory_bytes =
        table_cells * TABLE_CELL_BYTES + f64::from(spec.max_satellites) * LAYOUT_CARRIER_BYTES;
    for d in [
        format!("[size] samples (--samples) = {}", spec.samples),
        format!("[size] salvo = {}", spec.salvo()),
        format!("[size] max_satellites = {}", spec.max_satellites),
        format!(
            "[size] resolution_deg = {}",
            spec.resolution_rad.to_degrees()
        ),
        format!(
            "[sbi] inclination_deg: {} value(s)",
            layer.inclinations_rad.len()
        ),
        format!("[sbi] planes: {} value(s)", layer.planes.len()),
        format!("[sbi.budget] deadline = {}", deadline_key(layer.deadline)),
    ] {
        e.driver(d);
    }
    if !layer.shells.is_empty() {
        e.driver(format!(
            "[[sbi.shell]]: {} shells sized jointly",
            layer.shells.len()
        ));
    }
    e
}

/// The estimate of a sizing study: one run at the scenario's settings, then
/// one per value of each sweep (the boost-time sweep's points are costed
/// on the reference timeline; the plane-count search, which runs only when
/// every given plane count fails by plane gaps, adds up to about 20
/// searches and is not counted).
pub fn sizing(w: &SizingWork<'_>) -> Estimate {
    let mut total = one(w.layer, w.spec, w.timelines);
    for sweep in w.sweeps {
        let mut part = Estimate::new("sizing");
        let n = sweep.values.len();
        for &value in sweep.values.iter().take(COSTED_VALUES) {
            let mut layer = w.layer.clone();
            // Sweep points size the single shells only (see
            // `sweep::run_sweep`).
            layer.shells.clear();
            let mut spec = w.spec.clone();
            match sweep.kind {
                SweepKind::Salvo => {
                    let total = value.round().max(1.0) as u32;
                    spec.areas = crate::raid::scaled(&w.spec.areas, total);
                }
                SweepKind::DeltaV => layer.carrier.interceptor.booster_delta_v_m_s = value,
                SweepKind::Altitude => layer.altitude_m = value,
                SweepKind::Inclination => layer.inclinations_rad = vec![value],
                SweepKind::BoostTime => {}
            }
            let p = one(&layer, &spec, w.timelines);
            part.core_s += p.core_s;
            part.memory_bytes = part.memory_bytes.max(p.memory_bytes);
        }
        let costed = n.min(COSTED_VALUES);
        if costed > 0 {
            part.core_s *= n as f64 / costed as f64;
        }
        let name = sweep_key(sweep.kind);
        part.detail.push(format!(
            "sweep {name}: {n} point{}, each a whole sizing",
            if n == 1 { "" } else { "s" }
        ));
        part.driver(format!("[size.sweep] {name}: {n} value(s)"));
        total.absorb(part);
    }
    total
}

/// The scenario key of a sweep.
fn sweep_key(kind: SweepKind) -> &'static str {
    match kind {
        SweepKind::Salvo => "salvo",
        SweepKind::BoostTime => "boost_s",
        SweepKind::DeltaV => "delta_v_km_s",
        SweepKind::Altitude => "altitude_km",
        SweepKind::Inclination => "inclination_deg",
    }
}

/// A deadline as the scenario writes it.
fn deadline_key(d: Deadline) -> String {
    match d {
        Deadline::BoostEnd => "\"boost_end\"".into(),
        Deadline::BusDeployed => "\"bus_deployed\"".into(),
        Deadline::DescendsBelow { altitude_m } => {
            format!("{{ descends_below_km = {} }}", altitude_m / 1e3)
        }
        Deadline::At { time_s } => format!("{{ time_s = {time_s} }}"),
    }
}
