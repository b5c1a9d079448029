//! The binary against hostile inputs and outputs: devices as scenarios,
//! thousands of problems, escapes in names, and `--out` directories that are
//! files, foreign, locked, or hold an earlier run.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cupola(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cupola"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .output()
        .expect("the cupola binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn dev_zero_as_scenario_is_refused_at_once() {
    let o = cupola(&["check", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("character device"), "{}", stderr(&o));
}

#[test]
fn thousands_of_problems_are_capped_with_a_count() {
    let tmp = tempfile::tempdir().unwrap();
    let mut text = String::from("[scenario]\nname = \"many\"\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "[[launch]]\nmissile = \"solid-icbm\"\nsite = [41.0, 100.0]\naim = [47.5, -101.0]\nbogus_{i} = 1\n"
        ));
    }
    let file = tmp.path().join("many.toml");
    std::fs::write(&file, text).unwrap();
    let o = cupola(&["check", s(&file)]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let shown = err.matches("cupola::scenario::").count();
    assert!((1..=50).contains(&shown), "{shown} problems shown");
    assert!(
        err.contains("… and "),
        "{}",
        &err[err.len().saturating_sub(400)..]
    );
    assert!(
        err.contains("more problems, not shown"),
        "{}",
        &err[err.len().saturating_sub(400)..]
    );
}

#[test]
fn escapes_in_names_do_not_reach_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("esc.toml");
    std::fs::write(
        &file,
        "[scenario]\nname = \"esc\\u001b]0;pwned\\u0007\"\n[[launch]]\n\
         name = \"red\\u001b[31m\\u009b2J\"\nmissile = \"solid-icbm\"\n\
         site = { lat_deg = 41.0, lon_deg = 100.0, alt_km = 1.0 }\n\
         aim = { lat_deg = 47.35, lon_deg = -101.75 }\n",
    )
    .unwrap();
    for args in [vec!["check", s(&file)], vec!["trajectory", s(&file)]] {
        let o = cupola(&args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains("esc"), "{out}");
        assert!(
            !out.contains(['\u{1b}', '\u{7}', '\u{9b}']),
            "{args:?}: {out:?}"
        );
    }
}

/// Runs `cupola trajectory --out DIR` (the default scenario).
fn trajectory_out(dir: &Path) -> Output {
    cupola(&["trajectory", "--out", s(dir)])
}

#[test]
fn an_existing_file_as_out_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let o = trajectory_out(&file);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("--out") && err.contains("a file with that name exists"),
        "{err}"
    );
    assert!(!err.contains("File exists"), "{err}");
    assert_eq!(names(tmp.path()), vec!["a-file"]);
}

#[test]
fn a_second_run_replaces_the_first_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = cupola(&["constellation", "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        names(&out).iter().any(|n| n.starts_with("coverage")),
        "{:?}",
        names(&out)
    );
    let o = trajectory_out(&out);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let after = names(&out);
    assert!(
        after.iter().all(|n| !n.starts_with("coverage")),
        "{after:?}"
    );
    assert!(after.contains(&".cupola-run".to_owned()), "{after:?}");
    // The manifest lists exactly the files there.
    let manifest = std::fs::read_to_string(out.join(".cupola-run")).unwrap();
    let mut listed: Vec<&str> = manifest
        .lines()
        .skip(1)
        .map(|l| l.split('\t').nth(1).unwrap())
        .collect();
    listed.push(".cupola-run");
    listed.sort_unstable();
    assert_eq!(listed, after);
    assert_eq!(names(tmp.path()), vec!["out"]);
}

#[test]
fn a_directory_of_other_files_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("home");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("thesis.tex"), "mine").unwrap();
    let o = trajectory_out(&out);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not written by cupola"),
        "{}",
        stderr(&o)
    );
    assert_eq!(names(&out), vec!["thesis.tex"]);
}

#[test]
fn a_locked_out_directory_is_refused_naming_the_lock() {
    let tmp = tempfile::tempdir().unwrap();
    let out: PathBuf = tmp.path().join("out");
    let lock = cupola_report::OutputLock::acquire(&out).unwrap();
    let o = trajectory_out(&out);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("another run is writing") && err.contains(".out.cupola-lock"),
        "{err}"
    );
    assert!(!out.exists());
    drop(lock);
    // Stale staging left by a killed run is removed by the next one.
    std::fs::create_dir(tmp.path().join(".out.cupola-staging-1-0")).unwrap();
    let o = trajectory_out(&out);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(names(tmp.path()), vec!["out"]);
}

/// Every file of `dir` is in its manifest with its size, and nothing else.
fn matches_manifest(dir: &Path) -> bool {
    let Ok(manifest) = std::fs::read_to_string(dir.join(".cupola-run")) else {
        return false;
    };
    let mut listed: Vec<(String, u64)> = manifest
        .lines()
        .skip(1)
        .map(|l| {
            let (bytes, name) = l.split_once('\t').unwrap();
            (name.to_owned(), bytes.parse().unwrap())
        })
        .collect();
    listed.push((".cupola-run".into(), manifest.len() as u64));
    listed.sort();
    let mut present: Vec<(String, u64)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            (name, e.metadata().unwrap().len())
        })
        .collect();
    present.sort();
    listed == present
}

#[test]
fn two_runs_on_one_out_never_mix() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let bin = env!("CARGO_BIN_EXE_cupola");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for _ in 0..3 {
        // Two different runs: the default trajectory and the coverage study.
        let children: Vec<_> = [["trajectory", "--out"], ["constellation", "--out"]]
            .iter()
            .map(|args| {
                Command::new(bin)
                    .args(args)
                    .arg(&out)
                    .current_dir(&root)
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let mut ok = 0;
        for c in children {
            let o = c.wait_with_output().unwrap();
            match o.status.code() {
                Some(0) => ok += 1,
                Some(2) => assert!(
                    stderr(&o).contains("another run is writing"),
                    "{}",
                    stderr(&o)
                ),
                other => panic!("{other:?}: {}", stderr(&o)),
            }
        }
        assert!(ok >= 1);
        assert!(matches_manifest(&out), "{:?}", names(&out));
        let all = names(&out);
        let coverage = all.iter().any(|n| n.starts_with("coverage"));
        let trajectory = all.iter().any(|n| n.starts_with("trajectory-"));
        assert!(coverage != trajectory, "one run's files only: {all:?}");
        assert_eq!(names(tmp.path()), vec!["out"]);
    }
}
