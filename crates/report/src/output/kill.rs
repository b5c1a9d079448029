//! A run stopped dead at every step of writing leaves the old complete set
//! or the new one: each step is tried in a child process that aborts there
//! (`abort` runs no destructors and no cleanup, like `kill -9`).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

use super::OutputSet;
use super::stage::write_staged;

/// Environment of the child: the step to abort at, and the directory.
const STEP_VAR: &str = "CUPOLA_REPORT_ABORT_AT_STEP";
const DIR_VAR: &str = "CUPOLA_REPORT_ABORT_DIR";

fn old_set() -> OutputSet {
    OutputSet::new()
        .with_file("results.json", "{\"run\": \"old\"}")
        .with_file("old-only.csv", "a\n1\n")
        .with_file("report.html", "<p>old</p>")
}

fn new_set() -> OutputSet {
    OutputSet::new()
        .with_file("results.json", "{\"run\": \"new\", \"longer\": true}")
        .with_file("new-only.csv", "b\n2\n")
        .with_file("report.html", "<p>new</p>")
}

/// Every file of `dir` with its contents; `None` when `dir` is absent.
fn snapshot(dir: &Path) -> Option<BTreeMap<String, Vec<u8>>> {
    let entries = fs::read_dir(dir).ok()?;
    Some(
        entries
            .map(|e| {
                let e = e.unwrap();
                assert!(e.file_type().unwrap().is_file(), "{e:?} is not a file");
                (
                    e.file_name().to_string_lossy().into_owned(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect(),
    )
}

/// What a normal write of `set` leaves in a directory.
fn written(set: &OutputSet) -> BTreeMap<String, Vec<u8>> {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    set.write_to(&dir).unwrap();
    snapshot(&dir).unwrap()
}

#[test]
#[ignore = "child process of `killed_at_every_step_leaves_the_old_or_the_new_set`"]
fn child_writes_the_new_set_and_aborts() {
    let k: usize = std::env::var(STEP_VAR).unwrap().parse().unwrap();
    let dir = std::env::var(DIR_VAR).unwrap();
    let mut count = 0;
    write_staged(&new_set(), Path::new(&dir), &mut |_| {
        if count == k {
            std::process::abort();
        }
        count += 1;
    })
    .unwrap();
}

/// Runs the child writing the new set over `dir`, aborting at step `k`;
/// true if it aborted (false if it finished).
fn run_child(dir: &Path, k: usize) -> bool {
    let status = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "output::kill::child_writes_the_new_set_and_aborts",
            "--ignored",
            "--test-threads=1",
        ])
        .env(STEP_VAR, k.to_string())
        .env(DIR_VAR, dir)
        .output()
        .unwrap()
        .status;
    !status.success()
}

/// Steps of writing `new_set` over an earlier run, counted in process.
fn steps_over_an_earlier_run() -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    old_set().write_to(&dir).unwrap();
    let mut steps = Vec::new();
    write_staged(&new_set(), &dir, &mut |s| steps.push(s.to_owned())).unwrap();
    steps
}

#[test]
fn killed_at_every_step_leaves_the_old_or_the_new_set() {
    let old = written(&old_set());
    let new = written(&new_set());
    let steps = steps_over_an_earlier_run();
    assert!(steps.len() >= 8, "{steps:?}");
    let mut seen_new_at = None;
    for k in 0..=steps.len() {
        for earlier in [true, false] {
            let tmp = tempfile::tempdir().unwrap();
            let dir = tmp.path().join("out");
            if earlier {
                old_set().write_to(&dir).unwrap();
            }
            let aborted = run_child(&dir, k);
            if earlier {
                assert_eq!(aborted, k < steps.len(), "step {k}");
            }
            let after = snapshot(&dir);
            let is_new = after.as_ref() == Some(&new);
            let is_old = if earlier {
                after.as_ref() == Some(&old)
            } else {
                after.is_none()
            };
            let at = steps.get(k).map_or("the end", String::as_str);
            assert!(
                is_new || is_old,
                "killed before step {k} ({at}), earlier run: {earlier}: {after:?}"
            );
            if earlier {
                if is_new {
                    seen_new_at.get_or_insert(k);
                } else {
                    assert!(seen_new_at.is_none(), "old again after new, step {k}");
                }
            }
            // The next run cleans up whatever the killed one left.
            let third = OutputSet::new().with_file("third.txt", "3");
            third.write_to(&dir).unwrap();
            assert_eq!(snapshot(&dir), Some(written(&third)));
            let beside: Vec<_> = fs::read_dir(tmp.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            assert_eq!(beside, vec!["out"], "step {k} ({at})");
        }
    }
    // The swap happens at one step: old before it, new after it.
    let swap = seen_new_at.expect("the new set appears before the end");
    assert!(
        steps[swap - 1].contains("exchange") || steps[swap - 1].contains("into place"),
        "{steps:?}"
    );
}
