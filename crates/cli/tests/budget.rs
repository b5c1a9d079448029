//! The work and memory budget end to end: `cupola check` prints each
//! study's estimate, and scenarios or flags that would run for hours or
//! exhaust memory are refused before any work, with exit 2, the keys or
//! flags that drive the estimate, the estimate and the budget.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cupola(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cupola"))
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("the cupola binary runs")
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A shipped scenario with `edit` applied to its text, written to a
/// temporary directory (kept alive by the returned guard).
fn fixture(scenario: &str, edit: impl Fn(String) -> String) -> (tempfile::TempDir, String) {
    let src = std::fs::read_to_string(repo_root().join("scenarios").join(scenario)).unwrap();
    let edited = edit(src.clone());
    assert_ne!(edited, src, "the edit changed nothing");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(scenario);
    std::fs::write(&path, edited).unwrap();
    let p = path.to_string_lossy().into_owned();
    (dir, p)
}

/// Replace the line starting with `key` (after indentation) by `line`.
fn set(src: &str, key: &str, line: &str) -> String {
    let mut done = false;
    let out: Vec<String> = src
        .lines()
        .map(|l| {
            if !done && l.trim_start().starts_with(key) {
                done = true;
                line.to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(done, "no line starts with {key}");
    out.join("\n") + "\n"
}

/// Assert `o` is a refusal over the budget naming every one of `keys`.
fn refused(o: &Output, keys: &[&str]) {
    let err = text(&o.stderr);
    assert_eq!(
        o.status.code(),
        Some(2),
        "stdout {}\nstderr {err}",
        text(&o.stdout)
    );
    assert!(err.contains("(budget "), "{err}");
    assert!(err.contains("--budget-scale"), "{err}");
    for k in keys {
        assert!(err.contains(k), "{k} not named in: {err}");
    }
}

#[test]
fn check_prints_the_estimates_of_each_study() {
    let o = cupola(&["check", "scenarios/default.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    for study in ["sizing", "engagement", "stability", "detection"] {
        assert!(
            out.contains(&format!("  {study}: about ")),
            "{study} missing: {out}"
        );
    }
    assert!(
        out.contains("of computation") && out.contains("of memory"),
        "{out}"
    );
}

/// A `descends_below_km` deadline makes every reach-table cell scan the
/// whole flight to re-entry (2 tables of 3.1 million cells × 452 fly-out
/// steps: minutes at 50 samples); `check` refuses it at the default
/// budget, naming the deadline and the table's resolution, and a scaled
/// budget admits it.
#[test]
fn deadline_at_descent_is_refused_at_check() {
    let (_d, f) = fixture("sbi.toml", |s| {
        let s = set(
            &s,
            "deadline =",
            "  deadline = { descends_below_km = 100.0 }",
        );
        set(&s, "samples =", "samples = 50")
    });
    let o = cupola(&["check", &f]);
    refused(
        &o,
        &[
            "[sbi.budget] deadline = { descends_below_km = 100 }",
            "[size] resolution_deg = 0.2",
            "2 reach tables of 3.09e6 cells × 452 fly-out steps",
        ],
    );
    let o = cupola(&["--budget-scale", "inf", "check", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
}

/// A sweep of 10⁶ values: refused, naming the sweep.
#[test]
fn a_million_sweep_values_are_refused_at_check() {
    let values = vec!["4.0"; 1_000_000].join(",");
    let (_d, f) = fixture("sbi.toml", |s| {
        set(
            &s,
            "delta_v_km_s = [",
            &format!("  delta_v_km_s = [{values}]"),
        )
    });
    let o = cupola(&["check", &f]);
    refused(&o, &["[size.sweep] delta_v_km_s: 1000000 value(s)"]);
}

/// A search over 10⁶ inclinations: refused, naming the key.
#[test]
fn a_million_searched_inclinations_are_refused_at_check() {
    let values = vec!["55.0"; 1_000_000].join(",");
    let (_d, f) = fixture("sbi.toml", |s| {
        set(
            &s,
            "inclination_deg = [45",
            &format!("inclination_deg = [{values}]"),
        )
    });
    let o = cupola(&["check", &f]);
    refused(&o, &["[sbi] inclination_deg: 1000000 value(s)"]);
}

/// `planes = [1, 2, …, 1000]`: a thousand searches of up to 1,000 planes
/// each; refused, naming the key.
#[test]
fn a_thousand_plane_counts_are_refused_at_check() {
    let values: Vec<String> = (1..=1000).map(|k| k.to_string()).collect();
    let (_d, f) = fixture("sbi.toml", |s| {
        set(
            &s,
            "planes = 24",
            &format!("planes = [{}]", values.join(",")),
        )
    });
    let o = cupola(&["check", &f]);
    refused(&o, &["[sbi] planes: 1000 value(s)"]);
}

/// A leak curve over every salvo from 1 to 1,000 at 100,000 trials each
/// (1.5e11 object-trials; a trial's cost is linear in the raid, so the
/// scenario's 10,000 trials a salvo, about 13 core-minutes, now pass):
/// refused, naming the keys.
#[test]
fn a_salvo_sweep_of_a_thousand_is_refused_at_check() {
    let values: Vec<String> = (1..=1000).map(|k| k.to_string()).collect();
    let (_d, f) = fixture("layered.toml", |s| {
        let s = set(
            &s,
            "salvo_sweep =",
            &format!("salvo_sweep = [{}]", values.join(",")),
        );
        set(&s, "trials =", "trials = 100000")
    });
    let o = cupola(&["check", &f]);
    refused(
        &o,
        &["[engage] salvo_sweep: 1000 value(s)", "[engage] trials"],
    );
}

/// Detection of 200,000 satellites (the scenario maximum) every 0.01 s: refused, naming the step
/// and the satellites watched.
#[test]
fn detection_of_200000_satellites_at_10_ms_is_refused_at_check() {
    let (_d, f) = fixture("layered.toml", |s| {
        let s = set(&s, "satellites = 96", "  satellites = 199992");
        s + "\n[detect]\nstep_s = 0.01\n"
    });
    let o = cupola(&["check", &f]);
    refused(&o, &["[detect] step_s = 0.01", "satellites watched"]);
}

/// A million launch-time samples against a raid of 901 missiles (each of
/// the default's first three areas at 300) with the sweeps: every search
/// at 10⁶ samples, estimated at about 13 hours; refused before the search
/// starts, naming the flag. A million samples against the default's 10
/// missiles without the sweeps (about 30 s: candidates settle after a few
/// thousand samples, the answers run them all) is within a budget ten
/// times larger — and not silent: with `--progress` standard error shows
/// the study, the time elapsed and the time left while standard output
/// stays empty (the run is stopped once that is seen).
#[test]
fn a_million_samples_are_refused_or_show_progress() {
    use std::io::Read;
    let o = cupola(&[
        "--set",
        "area[0].salvo=300",
        "--set",
        "area[1].salvo=300",
        "--set",
        "area[2].salvo=300",
        "size",
        "--samples",
        "1000000",
    ]);
    refused(&o, &["--samples) = 1000000", "[size] salvo = 901"]);

    let mut child = Command::new(env!("CARGO_BIN_EXE_cupola"))
        .args([
            "--progress",
            "--budget-scale",
            "10",
            "size",
            "--no-sweeps",
            "--samples",
            "1000000",
        ])
        .current_dir(repo_root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 256];
        while let Ok(n) = err.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(240);
    while !text(&seen).contains(" left") && std::time::Instant::now() < deadline {
        if let Ok(b) = rx.recv_timeout(std::time::Duration::from_millis(200)) {
            seen.extend(b);
        }
    }
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    let err = text(&seen);
    assert!(err.contains("sizing: ") && err.contains(" left"), "{err}");
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
}

/// `--trials 1000000 --rounds 100` (the documented maxima): refused
/// before the race starts, naming both flags.
#[test]
fn a_million_trials_and_a_hundred_rounds_are_refused_before_stability() {
    let o = cupola(&["stability", "--trials", "1000000", "--rounds", "100"]);
    refused(&o, &["(--trials) = 1000000", "(--rounds) = 100"]);
}

/// 1,000 missiles of 100 re-entry vehicles with 100 decoys each under the
/// exact assignment: a rounds × 10.1 million targets problem per look,
/// gigabytes; refused at check on its memory, naming the keys.
#[test]
fn an_exact_assignment_of_ten_million_objects_is_refused_at_check() {
    let (_d, f) = fixture("layered.toml", |s| {
        let s = set(&s, "salvo = 10 ", "salvo = 1000");
        let s = set(&s, "decoys_per_rv =", "decoys_per_rv = 100");
        let s = set(&s, "assignment =", "assignment = \"exact\"");
        let s = set(&s, "missile = \"solid-icbm\"", "missile = \"mirv\"");
        s + r#"
[[missile]]
name = "mirv"
payload_mass_kg = 1000.0
diameter_m = 1.8
rv_count = 100

  [[missile.stage]]
  gross_mass_kg = 30000.0
  propellant_mass_kg = 27000.0
  isp_vac_s = 280.0
  burn_time_s = 60.0

  # 310 s: the missile reaches the aim point, 10,000 km away, as the
  # model's flight of the launch requires.
  [[missile.stage]]
  gross_mass_kg = 9000.0
  propellant_mass_kg = 8000.0
  isp_vac_s = 310.0
  burn_time_s = 60.0

  [missile.rv]
  mass_kg = 5.0
  ballistic_coefficient_kg_m2 = 8000.0
"#
    });
    let o = cupola(&["check", &f]);
    refused(
        &o,
        &[
            "of memory (budget",
            "[engage] salvo = 1000",
            "missile rv_count = 100",
            "[engage] decoys_per_rv = 100",
            "[engage] assignment = \"exact\"",
        ],
    );
}

/// A boost layer of a million carriers with a pool of a million launch
/// geometries: lists of carriers in reach for every geometry, gigabytes;
/// refused at check on its memory, naming both keys.
#[test]
fn a_million_carriers_in_a_million_geometries_are_refused_at_check() {
    let (_d, f) = fixture("layered.toml", |s| {
        let s = set(&s, "carriers = 7800", "  carriers = 1000000");
        set(&s, "pool = 2048", "  pool = 1000000")
    });
    let o = cupola(&["check", &f]);
    refused(
        &o,
        &[
            "of memory (budget",
            "[engage.boost] carriers = 1000000",
            "[engage.boost] pool = 1000000",
        ],
    );
}

#[test]
fn bad_budget_scale_is_bad_input() {
    for bad in ["0", "NaN"] {
        let o = cupola(&["--budget-scale", bad, "check", "scenarios/default.toml"]);
        assert_eq!(o.status.code(), Some(2), "{bad}: {}", text(&o.stderr));
        assert!(
            text(&o.stderr).contains("--budget-scale"),
            "{}",
            text(&o.stderr)
        );
    }
}
