//! End-to-end tests of the `cupola` binary: exit codes, outputs, errors.

use std::process::Output;

#[path = "support/bin.rs"]
mod support;
use support::{cupola, repo_root, stderr, stdout};

#[test]
fn run_default_prints_a_summary() {
    let o = cupola(&["run"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    for want in [
        "solid-icbm",
        "minimum-energy",
        "boost ends",
        "apogee",
        "impact",
        "miss",
    ] {
        assert!(s.contains(want), "summary lacks {want:?}:\n{s}");
    }
}

#[test]
fn run_json_has_provenance_and_timeline() {
    let o = cupola(&["run", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["provenance"]["tool_version"], env!("CARGO_PKG_VERSION"));
    assert!(
        v["provenance"]["scenario_hash"]
            .as_str()
            .is_some_and(|h| !h.is_empty())
    );
    let t = &v["trajectories"][0];
    assert!(t["summary"]["miss_m"].as_f64().is_some_and(|m| m < 1_000.0));
    assert_eq!(
        t["timeline"]
            .as_array()
            .and_then(|a| a.last())
            .map(|e| e["kind"].clone()),
        Some("impact".into())
    );
    // The run lists the assumptions it used, each marked.
    let a = v["assumptions"].as_array().expect("an assumptions list");
    let decision = a
        .iter()
        .find(|r| r["key"] == "sbi.budget.decision_s")
        .expect("the SBI decision time");
    assert_eq!(decision["basis"], "assumed");
    assert_eq!(decision["value"].as_f64(), Some(30.0));
    assert!(
        a.iter()
            .all(|r| ["cited", "assumed", "input"].contains(&r["basis"].as_str().unwrap_or("")))
    );
}

#[test]
fn run_out_writes_tables_plots_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("results");
    let o = cupola(&["run", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().any(|n| n == "results.json"), "{names:?}");
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("<svg") && html.contains("impact"));
    assert!(html.contains("<h2>Assumptions</h2>") && html.contains("sbi.budget.decision_s"));
    let assumptions = std::fs::read_to_string(out.join("assumptions.csv")).unwrap();
    assert!(assumptions.starts_with("key,at,value,unit,low,high,basis,source,reason\n"));
    let csv = names
        .iter()
        .find(|n| n.starts_with("trajectory-") && n.ends_with(".csv"))
        .expect("trajectory csv");
    let svg = names
        .iter()
        .find(|n| n.starts_with("trajectory-") && n.ends_with(".svg"))
        .expect("svg plot");
    assert!(
        names.iter().any(|n| n.starts_with("timeline-")),
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n.contains(".tmp")), "{names:?}");
    let text = std::fs::read_to_string(out.join(csv)).unwrap();
    assert!(
        text.starts_with("time_s,altitude_km,downrange_km"),
        "{}",
        &text[..80]
    );
    assert!(text.lines().count() > 100);
    let plot = std::fs::read_to_string(out.join(svg)).unwrap();
    assert!(plot.contains("<svg") && plot.contains("altitude (km)"));
}

#[test]
fn every_example_scenario_checks_clean() {
    for entry in std::fs::read_dir(repo_root().join("scenarios")).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "toml") {
            let o = cupola(&["check", p.to_str().unwrap()]);
            assert_eq!(o.status.code(), Some(0), "{}: {}", p.display(), stderr(&o));
            assert!(stdout(&o).contains("ok"));
        }
    }
}

#[test]
fn malformed_scenarios_exit_2_with_located_errors_and_write_nothing() {
    let dir = repo_root().join("crates/scenario/tests/malformed");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        n += 1;
        let o = cupola(&["check", p.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{}", p.display());
        let err = stderr(&o);
        let file = p.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            err.contains(&file),
            "{file}: error does not name the file:\n{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        // `run --out` on the same file writes nothing.
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let o = cupola(&["run", p.to_str().unwrap(), "--out", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2));
        assert!(!out.exists(), "{file}: output directory created");
    }
    assert!(n >= 15, "only {n} malformed scenarios");
}

#[test]
fn missing_file_is_bad_input() {
    let o = cupola(&["check", "no/such/scenario.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/scenario.toml"));
}

#[test]
fn trajectory_from_flags() {
    let o = cupola(&[
        "trajectory",
        "--missile",
        "irbm",
        "--site",
        "30,60",
        "--aim",
        "40,85",
        "--profile",
        "lofted",
        "--apogee-km",
        "1200",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("lofted to 1200 km apogee"));
}

#[test]
fn bad_flags_name_the_flag_and_exit_2() {
    let cases: [&[&str]; 9] = [
        &[
            "trajectory",
            "--missile",
            "solid-icbm",
            "--site",
            "95,0",
            "--aim",
            "40,10",
        ],
        &[
            "trajectory",
            "--missile",
            "solid-icbm",
            "--site",
            "41,100",
            "--aim",
            "forty,10",
        ],
        &[
            "trajectory",
            "--missile",
            "no-such",
            "--site",
            "41,100",
            "--aim",
            "40,10",
        ],
        &[
            "trajectory",
            "--missile",
            "solid-icbm",
            "--site",
            "41,100",
            "--aim",
            "41,100",
        ],
        &[
            "trajectory",
            "--missile",
            "solid-icbm",
            "--site",
            "41,100",
            "--aim",
            "40,10",
            "--profile",
            "lofted",
        ],
        &["trajectory", "--step-s", "-1"],
        &["trajectory", "--step-s", "1e-300"],
        // `--set` where no scenario is read is refused, not ignored.
        &["missiles", "--set", "seed=2"],
        &[
            "trajectory",
            "--missile",
            "solid-icbm",
            "--site",
            "41,100",
            "--aim",
            "40,10",
            "--set",
            "seed=2",
        ],
    ];
    let flags = [
        "--site",
        "--aim",
        "--missile",
        "--aim",
        "--apogee-km",
        "--step-s",
        "--step-s",
        "--set seed=2",
        "--set seed=2",
    ];
    for (args, flag) in cases.iter().zip(flags) {
        let o = cupola(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(flag), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn out_of_range_aim_is_bad_input() {
    let o = cupola(&[
        "trajectory",
        "--missile",
        "irbm",
        "--site",
        "30,60",
        "--aim",
        "40,-100",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("beyond"), "{}", stderr(&o));
}

#[test]
fn unwritable_out_dir_is_an_error_and_leaves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a-file");
    std::fs::write(&file, b"x").unwrap();
    let o = cupola(&["run", "--out", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--out"));
    assert_eq!(std::fs::read(&file).unwrap(), b"x");
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
}

#[test]
fn launches_with_clashing_names_get_their_own_files() {
    let tmp = tempfile::tempdir().unwrap();
    let scenario = tmp.path().join("clash.toml");
    let launch = |name: &str| {
        format!(
            "[[launch]]\nname = \"{name}\"\nmissile = \"irbm\"\nsite = {{ lat_deg = 30.0, lon_deg = 60.0 }}\naim = {{ lat_deg = 35.0, lon_deg = 65.0 }}\n"
        )
    };
    let text = format!(
        "[scenario]\nname = \"clash\"\n{}{}{}",
        launch("a"),
        launch("a 3"),
        launch("a")
    );
    std::fs::write(&scenario, text).unwrap();
    let out = tmp.path().join("out");
    let o = cupola(&[
        "run",
        scenario.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csvs = std::fs::read_dir(&out)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("trajectory-")
        })
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".csv")
        })
        .count();
    assert_eq!(csvs, 3);
}

#[test]
fn default_run_includes_the_sensor_layer() {
    let o = cupola(&["run"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("Constellation \""), "{s}");
    assert!(s.contains("Detection of"), "{s}");
    assert!(s.contains("launch reported"), "{s}");
}

#[test]
fn constellation_study_writes_coverage_table_and_plots() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c");
    let o = cupola(&[
        "constellation",
        "scenarios/sensor-layer.toml",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Coverage of"));
    let csv = std::fs::read_to_string(out.join("coverage.csv")).unwrap();
    assert!(
        csv.starts_with("lat_deg,fraction_covered,mean_in_view"),
        "{csv}"
    );
    assert!(out.join("coverage.svg").exists() && out.join("report.html").exists());
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("results.json")).unwrap()).unwrap();
    let bands = v["coverage"]["bands"].as_array().unwrap();
    assert_eq!(bands.len(), 36);
}

#[test]
fn detect_study_reports_detection_and_track() {
    let o = cupola(&["detect", "scenarios/sensor-layer.toml", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = &v["detections"][0]["detection"];
    assert!(d["first_detection"][0].as_f64().is_some(), "{d}");
    assert!(d["samples"].as_array().is_some_and(|s| s.len() > 100));
    // Every sensor's reporting latency is among the assumptions used.
    let latency = v["assumptions"]
        .as_array()
        .expect("assumptions")
        .iter()
        .filter(|r| r["key"] == "sensor.reporting_latency_s")
        .count();
    assert_eq!(latency, 3);
}

#[test]
fn studies_without_their_inputs_are_bad_input() {
    let o = cupola(&["constellation", "scenarios/lofted.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("[[constellation]]"), "{}", stderr(&o));
    let o = cupola(&["detect", "scenarios/lofted.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("[[sensor]]"), "{}", stderr(&o));
    let o = cupola(&["size", "scenarios/lofted.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("[sbi]"), "{}", stderr(&o));
}

#[test]
fn default_run_includes_a_sizing_summary() {
    let o = cupola(&["run"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    for want in [
        "Boost-phase sizing: raid of 10 from 4 launch areas at once",
        "Timeline against 55N area",
        "55N area (3 missiles): ",
        "numeric: reach table",
        "analytic: inclination-corrected + Poisson",
        "analytic: uniform sphere + Poisson",
        "analytic: mean value",
        "Mass in orbit",
        "Carriers in reach of a missile",
        "Against satellites (leo-tracking)",
    ] {
        assert!(s.contains(want), "summary lacks {want:?}:\n{s}");
    }
    assert!(!s.contains("Sweep of"), "run skips the sweeps");
}

#[test]
fn size_study_writes_sweeps_and_plots() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("size");
    let o = cupola(&[
        "size",
        "--sweep",
        "salvo",
        "--samples",
        "300",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Sweep of missiles in the salvo"),
        "{}",
        stdout(&o)
    );
    for f in [
        "sizing.csv",
        "sizing-families.csv",
        "sizing.svg",
        "sweep-salvo.csv",
        "sweep-salvo.svg",
        "asat.csv",
        "in-reach.csv",
        "report.html",
    ] {
        assert!(out.join(f).exists(), "{f} missing");
    }
    let csv = std::fs::read_to_string(out.join("sweep-salvo.csv")).unwrap();
    assert!(
        csv.starts_with("salvo,inclination_deg,planes,numeric_carriers"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 7, "{csv}");
    let o = cupola(&["size", "--samples", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--samples"), "{}", stderr(&o));
    let o = cupola(&["size", "--json", "--no-sweeps", "--samples", "200"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        v["sizing"]["result"]["families"][0]["areas"][0]["analytic"]["fraction_uniform"]
            .as_f64()
            .is_some()
    );
}

#[test]
fn check_prints_warnings_of_layers_that_never_engage() {
    let o = cupola(&["check", "scenarios/layered.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("warning:") && e.contains("never engages"), "{e}");
}

#[test]
fn default_run_includes_an_engagement_summary() {
    let o = cupola(&["run"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    for want in [
        "Layered engagement: 10 missiles, 30 re-entry vehicles",
        "Probability that nothing arrives",
        "space-based interceptors",
        "Fort Greely",
        "THAAD-like battery",
    ] {
        assert!(s.contains(want), "summary lacks {want:?}:\n{s}");
    }
    assert!(!s.contains("Leak curve"), "run skips the leak curve");
}

#[test]
fn engage_study_writes_the_leak_curve() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("engage");
    let o = cupola(&["engage", "--trials", "500", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Leak curve"), "{}", stdout(&o));
    for f in [
        "engagement-leakers.csv",
        "engagement-layers.csv",
        "leak-curve.csv",
        "leak-curve.parquet",
        "engagement-leakers.parquet",
        "leak-curve.svg",
        "layer-kills.svg",
        "report.html",
    ] {
        assert!(out.join(f).exists(), "{f} missing");
    }
    let csv = std::fs::read_to_string(out.join("leak-curve.csv")).unwrap();
    assert_eq!(csv.lines().count(), 7, "{csv}");
    let o = cupola(&["engage", "--trials", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--trials"), "{}", stderr(&o));
    let a = cupola(&["engage", "--json", "--no-sweep", "--trials", "300"]);
    let v: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(v["provenance"]["trials"], 300);
    let b = cupola(&["engage", "--json", "--no-sweep", "--trials", "300"]);
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    let strip = |o: &Output| {
        let mut v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["provenance"] = serde_json::Value::Null;
        v
    };
    assert_eq!(strip(&a), strip(&b), "same seed, same answer");
    let o = cupola(&["engage", "scenarios/lofted.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("[engage]"), "{}", stderr(&o));
}

#[test]
fn cost_study_reports_the_cbo_preset_and_what_175_billion_buys() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cost");
    let o = cupola(&["cost", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    for want in [
        "Life-cycle cost",
        "$723.4B",
        "The announced $175 billion buys",
        "Fielding of SBI: at most 1840 bought and launched a year",
        "full strength at the end of 2030",
        "Station keeping of SBI: at 400 km",
    ] {
        assert!(s.contains(want), "summary lacks {want:?}:\n{s}");
    }
    for f in [
        "cost-by-year.csv",
        "cost-by-year.parquet",
        "cost-by-year.svg",
        "units-by-year.svg",
        "cost-by-element.csv",
    ] {
        assert!(out.join(f).exists(), "{f} missing");
    }
    // The ramp: 1,840 SBIs a year for four years, then 440.
    let csv = std::fs::read_to_string(out.join("cost-by-year.csv")).unwrap();
    assert!(
        csv.lines().next().unwrap().contains("sbi_in_service"),
        "{csv}"
    );
    assert!(
        s.contains("2029  $42.5B  $0.0B               1840            7360"),
        "{s}"
    );
    let o = cupola(&["cost", "scenarios/cost.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("$766.8B"), "{}", stdout(&o));
}

#[test]
fn stability_study_writes_race_and_retaliation() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("stability");
    let o = cupola(&[
        "stability",
        "scenarios/single-pad.toml",
        "--trials",
        "100",
        "--rounds",
        "2",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    // The single-pad defense still holds its goal against 5 more
    // missiles: it buys nothing.
    assert!(
        s.contains("Cost exchange: adding 5 missile(s) costs the attacker $340M; the defense still holds its goal"),
        "{s}"
    );
    assert!(s.contains("spends nothing: 0 to 1"), "{s}");
    for want in [
        "Attacker's cheapest counter",
        "Cost exchange",
        "Cost-exchange ratio of added missiles by attack size",
        "Arms race from the scenario's defense",
        "China-sized force",
        "Russia-sized force",
    ] {
        assert!(s.contains(want), "summary lacks {want:?}:\n{s}");
    }
    for f in [
        "arms-race.csv",
        "arms-race.svg",
        "retaliation.csv",
        "retaliation.parquet",
        "retaliation.svg",
    ] {
        assert!(out.join(f).exists(), "{f} missing");
    }
    let o = cupola(&["stability", "--trials", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--trials"), "{}", stderr(&o));
}

/// The defense's search has no step any more (its answer is exact to the
/// unit): a scenario that still sets one is refused, with the key located.
#[test]
fn a_search_step_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("steps.toml");
    let text = format!(
        "{}\n[stability.race]\ncarrier_step = 250\n",
        include_str!("../../../scenarios/default.toml")
    );
    std::fs::write(&file, text).unwrap();
    let o = cupola(&["check", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let e = stderr(&o);
    assert!(e.contains("unknown key `carrier_step`"), "{e}");
    assert!(e.contains("max_carriers"), "{e}");
}

#[test]
fn default_run_ends_with_an_assessment() {
    let o = cupola(&["run"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    let a = s.rfind("Assessment").expect("an assessment");
    for want in [
        "Coverage:",
        "Leaks:",
        "Cost:",
        "Cost exchange:",
        "Attacker's cheapest counter:",
    ] {
        assert!(
            s[a..].contains(want),
            "assessment lacks {want:?}:\n{}",
            &s[a..]
        );
    }
}
