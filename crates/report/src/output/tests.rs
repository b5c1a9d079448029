use super::*;
use std::fs;

/// All entries of `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn writes_all_files_and_leaves_no_temporaries() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("run").join("out");
    let set = OutputSet::new()
        .with_file("summary.csv", "a,b\n1,2\n")
        .with_file("plot.svg", b"<svg></svg>".to_vec())
        .with_file("result.json", "{}");
    let paths = set.write_to(&dir).unwrap();
    assert_eq!(
        paths,
        vec![
            dir.join("summary.csv"),
            dir.join("plot.svg"),
            dir.join("result.json")
        ]
    );
    assert_eq!(
        listing(&dir),
        vec![".cupola-run", "plot.svg", "result.json", "summary.csv"]
    );
    // Nothing but the directory is left beside it: no lock, no staging.
    assert_eq!(listing(&tmp.path().join("run")), vec!["out"]);
    assert_eq!(
        fs::read_to_string(dir.join(MANIFEST_NAME)).unwrap(),
        "cupola output set\n8\tsummary.csv\n11\tplot.svg\n2\tresult.json\n"
    );
    assert_eq!(
        fs::read_to_string(dir.join("summary.csv")).unwrap(),
        "a,b\n1,2\n"
    );
    assert_eq!(fs::read(dir.join("plot.svg")).unwrap(), b"<svg></svg>");
}

#[test]
fn a_second_run_replaces_the_first_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    let mut set = OutputSet::new();
    set.add("a.txt", "first")
        .add("a.txt", "old contents, longer");
    set.add("shared.txt", "old");
    assert_eq!(set.len(), 2);
    assert_eq!(set.get("a.txt"), Some(&b"old contents, longer"[..]));
    set.write_to(&dir).unwrap();
    OutputSet::new()
        .with_file("b.txt", "new")
        .with_file("shared.txt", "new")
        .write_to(&dir)
        .unwrap();
    // The earlier run's `a.txt` is gone: the sets are not mixed.
    assert_eq!(listing(&dir), vec![".cupola-run", "b.txt", "shared.txt"]);
    assert_eq!(fs::read_to_string(dir.join("shared.txt")).unwrap(), "new");
    assert_eq!(listing(tmp.path()), vec!["out"]);
}

#[test]
fn empty_set_writes_only_the_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("empty");
    assert!(OutputSet::new().write_to(&dir).unwrap().is_empty());
    assert_eq!(listing(&dir), vec![".cupola-run"]);
}

#[test]
fn an_empty_directory_is_used() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    fs::create_dir(&dir).unwrap();
    OutputSet::new().with_file("a", "1").write_to(&dir).unwrap();
    assert_eq!(listing(&dir), vec![".cupola-run", "a"]);
}

#[test]
fn a_directory_of_other_files_is_refused_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("mine");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("notes.txt"), "keep me").unwrap();
    let err = OutputSet::new()
        .with_file("notes.txt", "x")
        .write_to(&dir)
        .unwrap_err();
    assert!(matches!(err, ReportError::ForeignDirectory { .. }), "{err}");
    assert!(err.to_string().contains("mine") && err.to_string().contains(".cupola-run"));
    assert_eq!(listing(&dir), vec!["notes.txt"]);
    assert_eq!(
        fs::read_to_string(dir.join("notes.txt")).unwrap(),
        "keep me"
    );
    assert_eq!(listing(tmp.path()), vec!["mine"]);
}

#[test]
fn paths_without_a_name_of_their_own_are_refused() {
    let err = OutputSet::new().write_to(Path::new("/")).unwrap_err();
    assert!(matches!(err, ReportError::OutDirectory { .. }), "{err}");
}

#[test]
fn a_held_lock_refuses_a_second_writer_and_names_the_lock() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    let lock = OutputLock::acquire(&dir).unwrap();
    assert_eq!(lock.path(), tmp.path().join(".out.cupola-lock"));
    let err = OutputSet::new()
        .with_file("a", "1")
        .write_to(&dir)
        .unwrap_err();
    assert!(matches!(err, ReportError::Locked { .. }), "{err}");
    assert!(err.to_string().contains(".out.cupola-lock"), "{err}");
    assert!(!dir.exists());
    drop(lock);
    assert!(listing(tmp.path()).is_empty(), "the lock file is removed");
    OutputSet::new().with_file("a", "1").write_to(&dir).unwrap();
    assert_eq!(listing(tmp.path()), vec!["out"]);
}

#[test]
fn staging_directories_of_killed_runs_are_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    let stale = tmp.path().join(".out.cupola-staging-99999-0");
    fs::create_dir(&stale).unwrap();
    fs::write(stale.join("results.json"), "half").unwrap();
    // A lock file left by a killed run does not lock.
    fs::write(tmp.path().join(".out.cupola-lock"), "").unwrap();
    // Another directory's staging is not touched.
    let other = tmp.path().join(".other.cupola-staging-99999-0");
    fs::create_dir(&other).unwrap();
    OutputSet::new().with_file("a", "1").write_to(&dir).unwrap();
    assert_eq!(
        listing(tmp.path()),
        vec![".other.cupola-staging-99999-0", "out"]
    );
}

#[test]
fn rejects_unsafe_names_before_writing_anything() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    for bad in [
        "../x",
        "..",
        ".",
        "",
        "/etc/passwd",
        "sub/file.csv",
        "a\\b",
        "c:x",
        "a\nb",
        MANIFEST_NAME,
    ] {
        let set = OutputSet::new()
            .with_file("good.csv", "1")
            .with_file(bad, "x");
        let err = set.write_to(&dir).unwrap_err();
        assert!(
            matches!(err, ReportError::InvalidName { .. }),
            "{bad:?}: {err}"
        );
        assert!(
            err.to_string().contains("invalid output file name"),
            "{err}"
        );
    }
    assert!(!dir.exists());
    assert!(OutputSet::check_name("run-1.summary.csv").is_ok());
    assert!(OutputSet::check_name(".hidden").is_ok());
    let msg = OutputSet::check_name("../x").unwrap_err().to_string();
    assert!(msg.contains("\"../x\"") && msg.contains(".."), "{msg}");
}

#[test]
fn target_dir_that_is_a_file_fails_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let blocker = tmp.path().join("out");
    fs::write(&blocker, "I am a file").unwrap();
    let set = OutputSet::new()
        .with_file("a.csv", "1")
        .with_file("b.csv", "2");
    let err = set.write_to(&blocker).unwrap_err();
    assert!(matches!(err, ReportError::OutDirectory { .. }), "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains("a file with that name exists") && msg.contains("out"),
        "{msg}"
    );
    let err = set.write_to(&blocker.join("nested")).unwrap_err();
    assert!(matches!(err, ReportError::CreateDir { .. }), "{err}");
    assert_eq!(listing(tmp.path()), vec!["out"]);
    assert_eq!(fs::read_to_string(&blocker).unwrap(), "I am a file");
}

#[test]
fn a_failing_file_leaves_the_earlier_run_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    let first = OutputSet::new().with_file("a.csv", "old");
    first.write_to(&dir).unwrap();
    // A name too long for any common file system makes its file fail.
    let set = OutputSet::new()
        .with_file("a.csv", "new")
        .with_file("n".repeat(300), "2");
    let err = set.write_to(&dir).unwrap_err();
    assert!(matches!(err, ReportError::Write { .. }), "{err}");
    assert!(err.to_string().contains("nnnn"), "{err}");
    assert_eq!(listing(&dir), vec![".cupola-run", "a.csv"]);
    assert_eq!(fs::read_to_string(dir.join("a.csv")).unwrap(), "old");
    assert_eq!(listing(tmp.path()), vec!["out"]);
}

#[test]
fn directories_created_by_a_failed_write_are_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("x").join("y").join("out");
    let long = "n".repeat(300);
    let set = OutputSet::new()
        .with_file("a.csv", "1")
        .with_file(long, "2");
    let err = set.write_to(&dir).unwrap_err();
    assert!(matches!(err, ReportError::Write { .. }), "{err}");
    assert!(listing(tmp.path()).is_empty());
}

#[test]
fn concurrent_writers_never_mix_their_sets() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    let outcomes: Vec<Result<(), String>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let dir = &dir;
                s.spawn(move || {
                    let body = format!("writer {i}\n").repeat(1000);
                    OutputSet::new()
                        .with_file(format!("only-{i}.txt"), "x")
                        .with_file("shared.txt", body)
                        .write_to(dir)
                        .map(|_| ())
                        .map_err(|e| match e {
                            ReportError::Locked { .. } => "locked".to_owned(),
                            other => panic!("writer {i}: {other}"),
                        })
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(outcomes.iter().any(Result::is_ok));
    // Exactly one writer's set: its own file and its shared text.
    let names = listing(&dir);
    assert_eq!(names.len(), 3, "{names:?}");
    let own = names.iter().find(|n| n.starts_with("only-")).unwrap();
    let i: usize = own["only-".len()..own.len() - 4].parse().unwrap();
    let text = fs::read_to_string(dir.join("shared.txt")).unwrap();
    assert_eq!(text, format!("writer {i}\n").repeat(1000));
    assert_eq!(listing(tmp.path()), vec!["out"]);
}
