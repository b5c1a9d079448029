//! `cargo run --release -p cupola-benches --bin raid-scaling`: the
//! log-log plot of each study's cost against the size of the raid, from
//! the raid-scale benchmarks' last criterion run.
//!
//! It reads every benchmark whose id ends in `missiles_<N>` under
//! criterion's output directory (`target/criterion`, or
//! `$CARGO_TARGET_DIR/criterion`), as in `engage_raid/missiles_100`, one
//! series per group (and id prefix, as in `engage_raid/plan_missiles_100`)
//! with at least two raid sizes, takes each one's median, divides by its
//! element throughput when it declares one (trials, say), and writes
//! `docs/raid-scaling.svg` — each study's cost relative to its smallest
//! raid, beside a line of linear growth (whole studies whose work depends
//! on their answer are listed, not drawn: [`TABLE_ONLY`]) — and prints the medians as a
//! Markdown table for docs/performance.md. Run it after `cargo bench -p
//! cupola-benches` (its `sizing`, `engage` and `stability` benches).

use cupola_report::{LinePlot, LogLogPlot};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Series listed in the table but not drawn: whole studies whose work
/// depends on their answer more than on the raid (a 1,000-missile sizing
/// that no constellation up to the limit can serve stops at its first
/// candidates; a race against 100 missiles in which the defense has no
/// answer stops after two postures), so their points are not a scaling.
/// Their units of work are drawn instead (`sizing_raid_coverage`: one
/// coverage evaluation; `stability_posture`: one posture's evaluation).
const TABLE_ONLY: [&str; 2] = ["sizing_raid", "stability_raid"];

/// One benchmark's figure.
struct Point {
    /// Missiles in the raid.
    missiles: u64,
    /// Median per iteration, or per element when a throughput is declared, s.
    median_s: f64,
    /// The 95% interval of the median, s (same basis).
    interval_s: (f64, f64),
    /// What the time is per ("iteration", or the throughput's elements).
    per: String,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace().join("target"), PathBuf::from);
    let root = target.join("criterion");
    let groups = raid_groups(&root)?;
    if groups.is_empty() {
        return Err(format!(
            "no benchmarks of several raid sizes (ids ending in missiles_<N>) under {}: run `cargo bench -p cupola-benches` first",
            root.display()
        ));
    }
    let mut plot = LinePlot::new(
        "Cost against raid size (relative to the smallest raid)",
        "missiles in the raid",
        "cost relative to the smallest raid",
    );
    let mut smallest = u64::MAX;
    let mut largest = 0;
    println!("| study | missiles | median | 95% interval | per |");
    println!("|---|---|---|---|---|");
    for (study, points) in &groups {
        let base = points[0].median_s;
        for p in points {
            println!(
                "| {study} | {} | {} | [{}, {}] | {} |",
                p.missiles,
                seconds(p.median_s),
                seconds(p.interval_s.0),
                seconds(p.interval_s.1),
                p.per
            );
            smallest = smallest.min(p.missiles);
            largest = largest.max(p.missiles);
        }
        if TABLE_ONLY.contains(&study.as_str()) {
            continue;
        }
        let slope = slope(points);
        plot = plot.with_series(
            format!("{study} (slope {slope:.2})"),
            points
                .iter()
                .map(|p| (p.missiles as f64, p.median_s / base))
                .collect(),
        );
    }
    let linear = [smallest, largest]
        .iter()
        .map(|&n| (n as f64, n as f64 / smallest as f64))
        .collect();
    plot = plot.with_series("linear growth (slope 1)", linear);
    let svg = LogLogPlot(plot).render_svg().map_err(|e| e.to_string())?;
    let out = workspace().join("docs").join("raid-scaling.svg");
    std::fs::write(&out, svg).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("\nwrote {}", out.display());
    Ok(())
}

/// The workspace root (this package's parent directory).
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The least-squares slope of log cost against log raid size: 1 is
/// linear growth, 2 quadratic.
fn slope(points: &[Point]) -> f64 {
    let xy: Vec<(f64, f64)> = points
        .iter()
        .map(|p| ((p.missiles as f64).ln(), p.median_s.ln()))
        .collect();
    let n = xy.len() as f64;
    let (mx, my) = (
        xy.iter().map(|p| p.0).sum::<f64>() / n,
        xy.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let sxx: f64 = xy.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = xy.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    if sxx > 0.0 { sxy / sxx } else { f64::NAN }
}

/// A duration in the unit that reads best.
fn seconds(s: f64) -> String {
    if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 1e-3 {
        format!("{:.2} ms", s * 1e3)
    } else {
        format!("{:.2} µs", s * 1e6)
    }
}

/// Every benchmark whose id ends in `missiles_<N>`, by series (the group,
/// and what comes before `missiles_` in the id when anything does, as in
/// `engage_raid plan`), sorted by raid size.
fn raid_groups(root: &Path) -> Result<BTreeMap<String, Vec<Point>>, String> {
    let mut groups: BTreeMap<String, Vec<Point>> = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(root) else {
        return Ok(groups);
    };
    for entry in entries.flatten() {
        if entry.file_name() == "report" || !entry.path().is_dir() {
            continue;
        }
        let mut points = Vec::new();
        collect(&entry.path(), &mut points)?;
        for (series, p) in points {
            groups.entry(series).or_default().push(p);
        }
    }
    for points in groups.values_mut() {
        points.sort_by_key(|p| p.missiles);
    }
    groups.retain(|_, points| points.len() >= 2);
    Ok(groups)
}

/// The raid benchmarks under `dir` with their series (criterion nests a
/// benchmark id's parts as directories, each benchmark's last run in
/// `new/`).
fn collect(dir: &Path, out: &mut Vec<(String, Point)>) -> Result<(), String> {
    let new = dir.join("new");
    if new.join("estimates.json").is_file() {
        if let Some(found) = point(&new)? {
            out.push(found);
        }
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        if entry.path().is_dir() && entry.file_name() != "report" {
            collect(&entry.path(), out)?;
        }
    }
    Ok(())
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// One benchmark's series and median (criterion records nanoseconds per
/// iteration), or `None` when its id does not end in `missiles_<N>`.
fn point(new: &Path) -> Result<Option<(String, Point)>, String> {
    let benchmark = read_json(&new.join("benchmark.json"))?;
    let group = benchmark["group_id"].as_str().unwrap_or_default();
    let id = benchmark["full_id"].as_str().unwrap_or_default();
    let last = id.rsplit('/').next().unwrap_or_default();
    let Some((prefix, n)) = last.rsplit_once("missiles_") else {
        return Ok(None);
    };
    let Ok(missiles) = n.parse::<u64>() else {
        return Ok(None);
    };
    let prefix = prefix.trim_end_matches('_');
    let series = if prefix.is_empty() {
        group.to_owned()
    } else {
        format!("{group} {prefix}")
    };
    let estimates = read_json(&new.join("estimates.json"))?;
    let (per, elements) = match benchmark["throughput"]["Elements"].as_u64() {
        Some(n) if n > 0 => ("element of its throughput".to_owned(), n as f64),
        _ => ("iteration".to_owned(), 1.0),
    };
    let median = &estimates["median"];
    let ns = |v: &Value| v.as_f64().map(|x| x * 1e-9 / elements);
    let missing = || format!("{id}: no median in {}", new.display());
    Ok(Some((
        series,
        Point {
            missiles,
            median_s: ns(&median["point_estimate"]).ok_or_else(missing)?,
            interval_s: (
                ns(&median["confidence_interval"]["lower_bound"]).ok_or_else(missing)?,
                ns(&median["confidence_interval"]["upper_bound"]).ok_or_else(missing)?,
            ),
            per,
        },
    )))
}
