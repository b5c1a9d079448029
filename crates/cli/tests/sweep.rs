//! `cupola sweep` end to end: the dataset of a grid, refused points as
//! rows, figures equal to the study commands', a sweep killed midway and
//! resumed to the same bytes, resumes into another sweep refused, bad flags
//! named, the hand-over to the Python package on Ray.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use cupola_report::{Dataset, Datum};

#[path = "support/bin.rs"]
mod support;
use support::{cupola, repo_root, stderr, stdout};

/// The terminal layer's altitude band (one band of four, min 120 km over
/// max 100 km, is refused by the scenario) × three SBI altitudes: 12 points.
const GRID: [&str; 6] = [
    "--set",
    "engage.terminal[0].min_altitude_km=40,120",
    "--set",
    "engage.terminal[0].max_altitude_km=100,150",
    "--set",
    "sbi.altitude_km=400,500,600",
];

fn sweep(out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["sweep", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    cupola(&args)
}

/// Every file of `dir` by name, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn number(d: &Datum) -> Option<f64> {
    match d {
        Datum::Number(v) => *v,
        Datum::Text(_) => panic!("a number column"),
    }
}

fn text(d: &Datum) -> Option<&str> {
    match d {
        Datum::Text(t) => t.as_deref(),
        Datum::Number(_) => panic!("a text column"),
    }
}

#[test]
fn a_twelve_point_sweep_is_one_dataset_with_its_refused_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("band");
    let mut args = vec!["--study", "cost"];
    args.extend(GRID);
    let o = sweep(&out, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(
        s.contains(
            "sweep of 12 points (cost figures): 12 computed, 0 already done (skipped), 3 refused"
        ),
        "{s}"
    );
    assert!(s.contains(&format!("dataset: {}", out.display())), "{s}");
    let names: Vec<String> = files(&out).into_keys().collect();
    let mut want = vec!["_cupola_dataset.json".to_owned()];
    want.extend((0..12).map(cupola_report::part_name));
    assert_eq!(names, want);

    let d = Dataset::open(&out).unwrap();
    let columns: Vec<&str> = d.columns().iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        columns,
        [
            "engage.terminal[0].min_altitude_km",
            "engage.terminal[0].max_altitude_km",
            "sbi.altitude_km",
            "cost_busd",
            "cost_busd_lo",
            "cost_busd_hi",
            "status",
            "error"
        ]
    );
    let rows = d.read_all().unwrap();
    assert_eq!(rows.len(), 12);
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r.point as usize, i);
        // Nested-loop order: the last --set fastest.
        let min = [40.0, 120.0][i / 6];
        let max = [100.0, 150.0][(i / 3) % 2];
        let alt = [400.0, 500.0, 600.0][i % 3];
        assert_eq!(
            [&r.data[0], &r.data[1], &r.data[2]].map(number),
            [Some(min), Some(max), Some(alt)]
        );
        if min > max {
            assert_eq!(text(&r.data[6]), Some("refused"));
            let e = text(&r.data[7]).unwrap();
            assert!(e.contains("must be above `min_altitude_km`"), "{e}");
            assert_eq!(number(&r.data[3]), None);
        } else {
            assert_eq!(text(&r.data[6]), Some("ok"));
            assert_eq!(text(&r.data[7]), None);
            assert!(number(&r.data[3]).is_some_and(|c| c > 100.0));
            // Not a Monte Carlo figure: no interval.
            assert_eq!((number(&r.data[4]), number(&r.data[5])), (None, None));
        }
    }

    // Point 10 (min 120, max 150, 500 km) is `cupola cost` at its settings.
    let o = cupola(&[
        "cost",
        "--json",
        "--set",
        "engage.terminal[0].min_altitude_km=120",
        "--set",
        "engage.terminal[0].max_altitude_km=150",
        "--set",
        "sbi.altitude_km=500",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let total = v["cost"]["result"]["total_musd"].as_f64().unwrap();
    assert_eq!(number(&rows[10].data[3]), Some(total / 1000.0));

    // Run again: everything is there.
    let before = files(&out);
    let o = sweep(&out, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("0 computed, 12 already done (skipped), 3 refused"),
        "{}",
        stdout(&o)
    );
    assert_eq!(files(&out), before);
}

#[test]
fn engagement_and_sizing_figures_equal_the_study_commands() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("pk");
    let o = sweep(
        &out,
        &[
            "--study",
            "engage",
            "--set",
            "engage.terminal[0].pk=0.6,0.9",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let row = Dataset::open(&out).unwrap().read(1).unwrap();
    let o = cupola(&["engage", "--json", "--set", "engage.terminal[0].pk=0.9"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let r = &v["engagement"]["result"];
    let f = |k: &str| r[k].as_f64().unwrap();
    let (m, h) = (f("mean_leakers"), f("mean_leakers_half_width"));
    let want = [
        Some(f("p_no_leak")),
        r["p_no_leak_interval"][0].as_f64(),
        r["p_no_leak_interval"][1].as_f64(),
        Some(m),
        Some((m - h).max(0.0)),
        Some(m + h),
    ];
    let got: Vec<Option<f64>> = row.data[1..7].iter().map(number).collect();
    assert_eq!(got, want);

    // A one-point sweep (a plain --set, no axis) is `cupola size` there.
    let out = tmp.path().join("size");
    let o = sweep(&out, &["--study", "size", "--set", "sbi.altitude_km=450"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let row = Dataset::open(&out).unwrap().read(0).unwrap();
    let o = cupola(&[
        "size",
        "--no-sweeps",
        "--json",
        "--set",
        "sbi.altitude_km=450",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let r = &v["sizing"]["result"];
    let fewest = [
        r["best"]["total"].as_f64(),
        r["joint"]["best"]["total"].as_f64(),
    ]
    .into_iter()
    .flatten()
    .reduce(f64::min);
    assert!(fewest.is_some(), "{r}");
    assert_eq!(number(&row.data[0]), fewest);
}

#[test]
fn a_sweep_killed_midway_resumes_to_the_same_files() {
    let tmp = tempfile::tempdir().unwrap();
    let args = [
        "--study",
        "engage",
        "--set",
        "engage.terminal[0].pk=0.5,0.6,0.7,0.8,0.9,0.95",
    ];
    let whole = tmp.path().join("whole");
    let o = sweep(&whole, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // One thread, killed once two points are on disk.
    let killed = tmp.path().join("killed");
    let mut child = Command::new(env!("CARGO_BIN_EXE_cupola"))
        .arg("sweep")
        .arg("--out")
        .arg(&killed)
        .args(args)
        .env("RAYON_NUM_THREADS", "1")
        .current_dir(repo_root())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let parts = |dir: &PathBuf| {
        std::fs::read_dir(dir).map_or(0, |r| {
            r.flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with("part-"))
                .count()
        })
    };
    let start = Instant::now();
    while parts(&killed) < 2 {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no parts written"
        );
        assert!(child.try_wait().unwrap().is_none(), "the sweep ended early");
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let left = parts(&killed);
    assert!((2..6).contains(&left), "{left} parts after the kill");

    let o = sweep(&killed, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&format!("{} computed, {left} already done", 6 - left)),
        "{}",
        stdout(&o)
    );
    // The same files, byte for byte (and no temporary left over).
    assert_eq!(files(&killed), files(&whole));
}

#[test]
fn resuming_into_another_sweep_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("s");
    let o = sweep(
        &out,
        &["--study", "cost", "--set", "sbi.altitude_km=400,500"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let before = files(&out);
    for (args, want) in [
        (
            &["--study", "cost", "--set", "sbi.altitude_km=400,600"][..],
            "grid",
        ),
        (
            &["--study", "engage", "--set", "sbi.altitude_km=400,500"][..],
            "study \"cost\" there, \"engage\" here",
        ),
        (
            &[
                "--study",
                "cost",
                "--set",
                "sbi.altitude_km=400,500",
                "--set",
                "engage.terminal[0].pk=0.7",
            ][..],
            "scenario_fnv1a",
        ),
    ] {
        let o = sweep(&out, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let e = stderr(&o);
        assert!(
            e.contains("another design") && e.contains(want),
            "{args:?}: {e}"
        );
        assert_eq!(files(&out), before);
    }
    // Nor is a directory of other files made a dataset.
    let other = tmp.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "mine").unwrap();
    let o = sweep(
        &other,
        &["--study", "cost", "--set", "sbi.altitude_km=400,500"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a dataset"), "{}", stderr(&o));
}

#[test]
fn bad_flags_are_errors_naming_the_flag() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("s");
    for (args, want) in [
        (
            &["--set", "sbi.altitude_km=400,,500"][..],
            "--set sbi.altitude_km=400,,500: an empty value",
        ),
        (
            &["--set", "sbi.altitud_km=400,500"][..],
            "--set sbi.altitud_km=400,500: at sbi.altitud_km=400",
        ),
        (
            &["--set", "sbi.altitude_km=400,-3"][..],
            "--set sbi.altitude_km=400,-3: at sbi.altitude_km=-3",
        ),
        (
            &["--range", "sbi.altitude_km=300:700"][..],
            "--range sbi.altitude_km=300:700: a range is drawn by a Latin hypercube",
        ),
        (
            &["--lhs", "4", "--range", "sbi.altitude_km=700:300"][..],
            "--range sbi.altitude_km=700:300: the low end must be below the high end",
        ),
        (
            &["--lhs", "4", "--range", "sbi.altitude_km=abc:300"][..],
            "--range sbi.altitude_km=abc:300: `abc` is not a finite number",
        ),
        (
            &["--lhs", "4", "--range", "sbi.altitude_km=300:99999"][..],
            "--range sbi.altitude_km=300:99999: at sbi.altitude_km=99999",
        ),
        (
            &["--lhs", "200000", "--range", "sbi.altitude_km=300:700"][..],
            "--lhs 200000: more than 100000 points",
        ),
        (&["--address", "10.0.0.1:6379"][..], "--address"),
        (&["--study", "nope"][..], "--study"),
    ] {
        let mut all = vec!["--study", "cost"];
        all.extend_from_slice(args);
        let o = sweep(&out, &all);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(want), "{args:?}: {}", stderr(&o));
        assert!(!out.exists(), "{args:?} wrote {}", out.display());
    }
    // --out is required.
    let o = cupola(&["sweep", "--set", "sbi.altitude_km=400,500"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--out"), "{}", stderr(&o));
}

#[test]
fn check_honours_set() {
    let o = cupola(&[
        "check",
        "scenarios/default.toml",
        "--set",
        "sbi.altitude_km=-3",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("altitude_km"), "{}", stderr(&o));
    let o = cupola(&[
        "check",
        "scenarios/default.toml",
        "--set",
        "sbi.altitude_km=450",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn the_ray_backend_hands_the_flags_to_the_python_package() {
    use std::os::unix::fs::PermissionsExt as _;
    let tmp = tempfile::tempdir().unwrap();
    let argv = tmp.path().join("argv");
    // A stand-in interpreter: the probe (`-c …`) says whether the package
    // is there; the run records its arguments, one a line.
    let fake = |name: &str, probe: i32| {
        let path = tmp.path().join(name);
        std::fs::write(
            &path,
            format!(
                "#!/bin/sh\nif [ \"$1\" = \"-c\" ]; then exit {probe}; fi\n\
                 for a in \"$@\"; do printf '%s\\n' \"$a\"; done > '{}'\n",
                argv.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    };
    let run = |python: &Path| {
        Command::new(env!("CARGO_BIN_EXE_cupola"))
            .args([
                "--budget-scale",
                "2",
                "sweep",
                "scenarios/default.toml",
                "--out",
                "results/ray",
                "--study",
                "size",
                "--set",
                "sbi.altitude_km=400,500",
                "--lhs",
                "8",
                "--range",
                "sbi.budget.decision_s=30:90",
                "--set",
                "engage.terminal[0].pk=0.7",
                "--backend",
                "ray",
                "--address",
                "127.0.0.1:6379",
            ])
            .env("CUPOLA_PYTHON", python)
            .current_dir(repo_root())
            .output()
            .unwrap()
    };
    let o = run(&fake("absent", 3));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("has no module cupola.sweep (the Python package is not installed)"),
        "{}",
        stderr(&o)
    );
    assert!(!argv.exists());
    let o = run(&tmp.path().join("no-such-python"));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot run"), "{}", stderr(&o));

    let o = run(&fake("present", 0));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got = std::fs::read_to_string(&argv).unwrap();
    let want = [
        "-m",
        "cupola.sweep",
        "scenarios/default.toml",
        "--out",
        "results/ray",
        "--study",
        "size",
        "--set",
        "sbi.altitude_km=400,500",
        "--set",
        "engage.terminal[0].pk=0.7",
        "--lhs",
        "8",
        "--range",
        "sbi.budget.decision_s=30:90",
        "--address",
        "127.0.0.1:6379",
        "--budget-scale",
        "2",
    ];
    assert_eq!(got.lines().collect::<Vec<_>>(), want);
    assert!(!repo_root().join("results/ray").exists());
}
