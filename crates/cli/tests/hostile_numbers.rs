//! Hostile numbers in scenarios `cupola check` accepts: the cases once
//! found to panic or fail unlocated, and a property test that mutates the
//! numbers of the example scenarios and requires every accepted mutation
//! to run its studies (`cupola run`) to an answer (exit 0) or a located
//! refusal (exit 2), never a panic (101) or an internal error (1).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use proptest::prelude::*;

fn cupola(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cupola"))
        .args(args)
        .output()
        .expect("the cupola binary runs")
}

fn example(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../scenarios")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

fn write(dir: &tempfile::TempDir, text: &str) -> PathBuf {
    let path = dir.path().join("hostile.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `inline-missile.toml` with the first `key = …` line's value replaced.
fn inline_with(key: &str, value: &str) -> String {
    let text = example("inline-missile.toml");
    let mut done = false;
    text.lines()
        .map(|l| {
            let t = l.trim_start();
            if !done && t.starts_with(&format!("{key} = ")) {
                done = true;
                let indent = &l[..l.len() - t.len()];
                format!("{indent}{key} = {value}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The values that once passed `check` and then panicked in the drag
/// lookup or broke the integrator are refused at their key, exit 2.
#[test]
fn once_fatal_missile_values_are_refused_at_their_key() {
    let dir = tempfile::tempdir().unwrap();
    for (key, value) in [
        ("diameter_m", "1e308"),
        ("isp_vac_s", "1e120"),
        ("drag_factor", "1e308"),
        ("burn_time_s", "4.6e212"),
        ("burn_time_s", "5e-324"),
        ("ballistic_coefficient_kg_m2", "5e-324"),
    ] {
        let path = write(&dir, &inline_with(key, value));
        let o = cupola(&["check", path.to_str().unwrap()]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{key} = {value}: {err}");
        assert!(err.contains(&format!("`{key}` must be in [")), "{err}");
        assert!(err.contains("hostile.toml:"), "{err}");
    }
}

/// The numbers of an example scenario: byte ranges of every value written
/// `key = number` (integers and decimals, outside comments and strings).
fn numbers(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let code = line.split('#').next().unwrap_or("");
        if let Some(eq) = code.find(" = ") {
            let start = eq + 3;
            let value = code[start..].trim_end();
            if !value.is_empty() && value.parse::<f64>().is_ok() {
                out.push(offset + start..offset + start + value.len());
            }
        }
        offset += line.len();
    }
    out
}

/// Replacement values: huge, tiny, subnormal, zero, negative, and scalings
/// of the value written.
fn hostile(original: f64, pick: u8) -> String {
    match pick % 10 {
        0 => "1e308".into(),
        1 => "5e-324".into(),
        2 => "1e-100".into(),
        3 => "0".into(),
        4 => "-1".into(),
        5 => format!("{:?}", original * 1e6),
        6 => format!("{:?}", original * 1e-6),
        7 => format!("{:?}", original * 3.0),
        8 => format!("{:?}", original / 3.0),
        _ => "1e120".into(),
    }
}

/// Examples whose studies run in well under a second: launches of every
/// profile and an inline missile, and HEO orbits with an infrared sensor
/// layer detecting a launch.
const EXAMPLES: [&str; 4] = [
    "inline-missile.toml",
    "lofted.toml",
    "depressed-slbm.toml",
    "heo.toml",
];

/// Longest a mutated run may take before it is stopped, s: the budget of
/// this test. Bounding work is the job of the check-time work estimate;
/// this test is about how a run ends, so a run stopped here is not judged.
const RUN_BUDGET_S: u64 = 60;

/// `cupola run FILE`, or `None` when it outlives [`RUN_BUDGET_S`].
fn run_within_budget(file: &str) -> Option<Output> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cupola"))
        .args(["run", file])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the cupola binary runs");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait on cupola").is_some() {
            return Some(child.wait_with_output().expect("cupola's output"));
        }
        if start.elapsed() > Duration::from_secs(RUN_BUDGET_S) {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Every mutation `check` accepts runs to an answer or a located
    /// refusal.
    #[test]
    fn accepted_mutations_run_or_refuse_cleanly(
        which in 0usize..EXAMPLES.len(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
    ) {
        let mut text = example(EXAMPLES[which]);
        for (index, pick) in edits {
            let spots = numbers(&text);
            let spot = spots[index.index(spots.len())].clone();
            let original: f64 = text[spot.clone()].parse().unwrap();
            text.replace_range(spot, &hostile(original, pick));
        }
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, &text);
        let file = path.to_str().unwrap();
        let checked = cupola(&["check", file]);
        let code = checked.status.code();
        prop_assert!(code == Some(0) || code == Some(2), "check {:?}: {}\n{}", code, stderr(&checked), text);
        if code == Some(0)
            && let Some(ran) = run_within_budget(file)
        {
            let code = ran.status.code();
            prop_assert!(
                code == Some(0) || code == Some(2),
                "run exit {:?}: {}\n{}",
                code,
                stderr(&ran),
                text
            );
        }
    }
}
