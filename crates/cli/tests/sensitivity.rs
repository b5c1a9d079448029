//! End-to-end tests of `cupola sensitivity`, `cupola uncertainty` and the
//! global `--set`: on a small, fast scenario (one launch, a fixed report
//! time, a coarse sizing, a short engagement).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// One ICBM against a single-shell SBI layer and a boost-phase engagement.
const SMALL: &str = r#"
[scenario]
name = "small"
seed = 3

[[launch]]
name = "ICBM"
missile = "solid-icbm"
site = { lat_deg = 41.0, lon_deg = 100.0, alt_km = 1.0 }
aim = { lat_deg = 47.35, lon_deg = -101.75 }

[sbi]
altitude_km = 400.0
inclination_deg = 55.0
planes = 24
  [sbi.interceptor]
  delta_v_km_s = 4.0
  acceleration_g = 10.0
  [sbi.budget]
  detection_s = 30.0
  decision_s = 30.0

[size]
salvo = 1
samples = 100
resolution_deg = 1.0

[engage]
salvo = 1
trials = 200
  [engage.boost]
  carriers = 2000
  pk = 0.8
"#;

fn small(dir: &Path) -> PathBuf {
    let p = dir.join("small.toml");
    std::fs::write(&p, SMALL).unwrap();
    p
}

fn cupola(args: &[&str], threads: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cupola"));
    c.args(args);
    if let Some(t) = threads {
        c.env("RAYON_NUM_THREADS", t);
    }
    c.output().expect("the cupola binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn sensitivity_names_what_matters_and_writes_a_tornado_per_figure() {
    let tmp = tempfile::tempdir().unwrap();
    let file = small(tmp.path());
    let out = tmp.path().join("out");
    let o = cupola(
        &[
            "sensitivity",
            file.to_str().unwrap(),
            "--keys",
            "sbi.budget.decision_s,engage.boost.pk,sbi.interceptor.divert_isp_s",
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("Each of 3 assumptions"), "{s}");
    // Decision time moves the constellation size, from a smaller one at
    // 10 s to none within the search at 60 s.
    let sizing = s.split("SBI carriers needed").nth(1).unwrap();
    let first = sizing.lines().nth(1).unwrap();
    assert!(first.contains("1. sbi.budget.decision_s"), "{s}");
    assert!(first.contains("none at 60"), "{s}");
    // The kill probability does not change the sizing, but does change
    // the leaks.
    assert!(
        !sizing
            .split("P(no leak)")
            .next()
            .unwrap()
            .contains("engage.boost.pk")
    );
    let leaks = s.split("P(no leak)").nth(1).unwrap();
    assert!(leaks.contains("engage.boost.pk"), "{s}");
    for f in [
        "tornado-sbi-carriers.svg",
        "tornado-p-no-leak.svg",
        "tornado-mean-leakers.svg",
        "sensitivity.csv",
        "report.html",
        "results.json",
    ] {
        assert!(out.join(f).exists(), "{f} missing");
    }
    // Monte Carlo figures carry their intervals in the table.
    let csv = std::fs::read_to_string(out.join("sensitivity.csv")).unwrap();
    let row = csv
        .lines()
        .find(|l| l.starts_with("P(no leak)") && l.contains("engage.boost.pk"))
        .unwrap();
    let cells: Vec<&str> = row.split(',').collect();
    assert_eq!(cells.len(), 18, "{row}");
    let (v, lo, hi): (f64, f64, f64) = (
        cells[12].parse().unwrap(),
        cells[13].parse().unwrap(),
        cells[14].parse().unwrap(),
    );
    assert!(lo <= v && v <= hi && lo < hi, "{row}");
}

fn uncertainty(file: &Path, extra: &[&str], threads: &str) -> Output {
    let mut args = vec![
        "uncertainty",
        file.to_str().unwrap(),
        "--samples",
        "10",
        "--keys",
        "sbi.budget.decision_s,engage.boost.pk",
        "--json",
    ];
    args.extend_from_slice(extra);
    cupola(&args, Some(threads))
}

/// The JSON result without the count of points this run computed (which
/// is the one thing a resumed run says differently).
fn result(o: &Output) -> serde_json::Value {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    let mut v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["uncertainty"]
        .as_object_mut()
        .unwrap()
        .remove("computed")
        .unwrap();
    v
}

#[test]
fn uncertainty_is_identical_on_one_and_two_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let file = small(tmp.path());
    let one = result(&uncertainty(&file, &[], "1"));
    let two = result(&uncertainty(&file, &[], "2"));
    assert_eq!(one, two);
    let f = &one["uncertainty"]["figures"];
    let p = f
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "p_no_leak")
        .unwrap();
    let b = &p["band"];
    let (lo, med, hi) = (
        b["p05"].as_f64().unwrap(),
        b["median"].as_f64().unwrap(),
        b["p95"].as_f64().unwrap(),
    );
    assert!(lo <= med && med <= hi && lo < hi, "{p}");
    // A higher kill probability and a shorter decision both help.
    let rho = p["rank_correlations"].as_array().unwrap();
    assert!(rho[0].as_f64().unwrap() < 0.0, "{p}");
    assert!(rho[1].as_f64().unwrap() > 0.0, "{p}");
}

#[test]
fn a_killed_run_resumes_to_the_uninterrupted_result() {
    let tmp = tempfile::tempdir().unwrap();
    let file = small(tmp.path());
    let whole = result(&uncertainty(&file, &[], "2"));
    let store = tmp.path().join("store");
    let mut child = Command::new(env!("CARGO_BIN_EXE_cupola"))
        .args([
            "uncertainty",
            file.to_str().unwrap(),
            "--samples",
            "10",
            "--keys",
            "sbi.budget.decision_s,engage.boost.pk",
            "--json",
            "--resume",
            store.to_str().unwrap(),
        ])
        .env("RAYON_NUM_THREADS", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it (SIGKILL) once a few points are on disk.
    let points = store.join("points.jsonl");
    let start = Instant::now();
    loop {
        let n = std::fs::read_to_string(&points)
            .map(|t| t.lines().count())
            .unwrap_or(0);
        if n >= 3 || start.elapsed() > Duration::from_secs(300) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "the run finished before it was killed");
    let kept = std::fs::read_to_string(&points).unwrap().lines().count();
    assert!((3..18).contains(&kept), "{kept} points kept");
    // Resumed with the scenario named by a relative path (the killed run
    // had its absolute path): the same design.
    let resumed = Command::new(env!("CARGO_BIN_EXE_cupola"))
        .current_dir(tmp.path())
        .args([
            "uncertainty",
            "small.toml",
            "--samples",
            "10",
            "--keys",
            "sbi.budget.decision_s,engage.boost.pk",
            "--json",
            "--resume",
            store.to_str().unwrap(),
        ])
        .env("RAYON_NUM_THREADS", "2")
        .output()
        .unwrap();
    let computed = serde_json::from_slice::<serde_json::Value>(&resumed.stdout).unwrap()
        ["uncertainty"]["computed"]
        .as_u64()
        .unwrap();
    assert!(computed < 10, "{computed} points recomputed");
    // The same result, but for the scenario's name as given.
    let unnamed = |mut v: serde_json::Value| {
        v["provenance"]
            .as_object_mut()
            .unwrap()
            .remove("scenario")
            .unwrap();
        v
    };
    assert_eq!(unnamed(result(&resumed)), unnamed(whole));
    // A store of another design is refused.
    let o = cupola(
        &[
            "uncertainty",
            file.to_str().unwrap(),
            "--samples",
            "11",
            "--resume",
            store.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("another design"), "{}", stderr(&o));
}

#[test]
fn a_point_store_in_the_output_directory_is_refused_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let file = small(tmp.path());
    let dir = tmp.path().join("d");
    for (store, out) in [
        (dir.clone(), dir.clone()),
        (dir.join("store"), dir.clone()),
        (tmp.path().join("d/../d"), dir.clone()),
    ] {
        let o = cupola(
            &[
                "uncertainty",
                file.to_str().unwrap(),
                "--resume",
                store.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
            None,
        );
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("cannot be the output directory"),
            "{}",
            stderr(&o)
        );
        assert!(!dir.exists(), "nothing is created before the refusal");
    }
    // A store that cannot be created is an I/O failure (exit 1), not bad
    // input.
    let o = cupola(
        &[
            "uncertainty",
            file.to_str().unwrap(),
            "--resume",
            file.join("store").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("--resume"), "{}", stderr(&o));
}

#[test]
fn set_overrides_a_key_for_any_command_and_names_a_bad_one() {
    let tmp = tempfile::tempdir().unwrap();
    let file = small(tmp.path());
    let f = file.to_str().unwrap();
    let base = cupola(&["size", f, "--json"], None);
    let later = cupola(
        &["size", f, "--json", "--set", "sbi.budget.decision_s=45"],
        None,
    );
    assert_eq!(later.status.code(), Some(0), "{}", stderr(&later));
    let total = |o: &Output| {
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["sizing"]["result"]["best"]["total"].as_u64()
    };
    assert_ne!(total(&base), total(&later));
    let bad = cupola(&["check", f, "--set", "engage.boost.pk=1.5"], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("engage.boost.pk=1.5"),
        "{}",
        stderr(&bad)
    );
    let path = cupola(&["run", f, "--set", "engage.terminal[0].pk=0.5"], None);
    assert_eq!(path.status.code(), Some(2));
    assert!(
        stderr(&path).contains("no `terminal` tables"),
        "{}",
        stderr(&path)
    );
}

/// A cost preset's unit cost and a catalog missile's burn time are varied
/// like keys: the unit cost moves the 20-year cost, and both designs are
/// the same on one and two threads; `--set` sets a registry value for any
/// command and names one the scenario does not use.
#[test]
fn registry_values_are_varied_and_set() {
    let tmp = tempfile::tempdir().unwrap();
    let file = small(tmp.path());
    let f = file.to_str().unwrap();
    let keys = "preset.cbo-2026.unit_cost_musd,catalog.solid-icbm.stage[0].burn_time_s";
    let run = |threads: &str| {
        let o = cupola(&["sensitivity", f, "--keys", keys, "--json"], Some(threads));
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()["sensitivity"].clone()
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    let cost = one["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "cost_busd")
        .unwrap();
    let nominal = cost["nominal"]["value"].as_f64().unwrap();
    let top = &cost["effects"][0];
    assert_eq!(
        one["assumptions"][top["assumption"].as_u64().unwrap() as usize]["path"],
        "preset.cbo-2026.unit_cost_musd"
    );
    let (low, high) = (
        top["at_low"]["value"].as_f64().unwrap(),
        top["at_high"]["value"].as_f64().unwrap(),
    );
    assert!(low < nominal && nominal < high, "{cost}");
    let u = |threads: &str| {
        let o = cupola(
            &["uncertainty", f, "--samples", "6", "--keys", keys, "--json"],
            Some(threads),
        );
        result(&o)
    };
    assert_eq!(u("1"), u("2"));
    let total = |extra: &[&str]| {
        let mut args = vec!["cost", f, "--json"];
        args.extend_from_slice(extra);
        let o = cupola(&args, None);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["cost"]["result"]["total_musd"].as_f64().unwrap()
    };
    assert!(total(&["--set", "preset.cbo-2026.unit_cost_musd=30"]) > total(&[]));
    let bad = cupola(&["cost", f, "--set", "catalog.slbm.drag_factor=1"], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("launches no catalog missile `slbm`"),
        "{}",
        stderr(&bad)
    );
}

/// An output directory that holds the point store, or lies inside it, is
/// refused before any point is computed (`--out` replaces its directory
/// whole), and the store is left as it was.
#[test]
fn an_output_directory_around_the_point_store_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = small(dir.path());
    let f = f.to_str().expect("utf-8");
    let out = dir.path().join("out");
    let store = out.join("store");
    for (store, out) in [(&store, &out), (&out, &store)] {
        let o = cupola(
            &[
                "uncertainty",
                f,
                "--samples",
                "2",
                "--resume",
                store.to_str().expect("utf-8"),
                "--out",
                out.to_str().expect("utf-8"),
            ],
            None,
        );
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("separate directories"),
            "{}",
            stderr(&o)
        );
        // Nothing computed: the store was never opened.
        assert!(!store.exists() && !out.exists());
    }
}
