use super::*;

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
        vec!["plot.svg", "result.json", "summary.csv"]
    );
    assert_eq!(
        fs::read_to_string(dir.join("summary.csv")).unwrap(),
        "a,b\n1,2\n"
    );
    assert_eq!(fs::read(dir.join("plot.svg")).unwrap(), b"<svg></svg>");
}

#[test]
fn replaces_existing_files() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("a.txt"), "old contents, longer").unwrap();
    let mut set = OutputSet::new();
    set.add("a.txt", "first").add("a.txt", "new");
    assert_eq!(set.len(), 1);
    assert_eq!(set.get("a.txt"), Some(&b"new"[..]));
    set.write_to(tmp.path()).unwrap();
    assert_eq!(fs::read_to_string(tmp.path().join("a.txt")).unwrap(), "new");
    assert_eq!(listing(tmp.path()), vec!["a.txt"]);
}

#[test]
fn empty_set_just_creates_the_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("empty");
    assert!(OutputSet::new().write_to(&dir).unwrap().is_empty());
    assert!(dir.is_dir());
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
    for dir in [blocker.clone(), blocker.join("nested")] {
        let err = set.write_to(&dir).unwrap_err();
        assert!(matches!(err, ReportError::CreateDir { .. }), "{err}");
        assert!(
            err.to_string().contains(&dir.display().to_string()),
            "{err}"
        );
    }
    assert_eq!(listing(tmp.path()), vec!["out"]);
    assert_eq!(fs::read_to_string(&blocker).unwrap(), "I am a file");
}

#[test]
fn failing_file_leaves_nothing_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new").join("out");
    // Create the directory with a sub-directory in the way of "b.csv".
    fs::create_dir_all(dir.join("b.csv")).unwrap();
    let set = OutputSet::new()
        .with_file("a.csv", "1")
        .with_file("b.csv", "2")
        .with_file("c.csv", "3");
    let err = set.write_to(&dir).unwrap_err();
    assert!(
        matches!(err, ReportError::TargetIsDirectory { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("b.csv"), "{err}");
    // Nothing was renamed into place and no temporaries remain.
    assert_eq!(listing(&dir), vec!["b.csv"]);
}

#[test]
fn directories_created_by_a_failed_write_are_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("x").join("y");
    // A name too long for any common file system makes the temporary fail.
    let long = "n".repeat(300);
    let set = OutputSet::new()
        .with_file("a.csv", "1")
        .with_file(long, "2");
    let err = set.write_to(&dir).unwrap_err();
    assert!(matches!(err, ReportError::Write { .. }), "{err}");
    assert!(err.to_string().contains("nnnn"), "{err}");
    assert!(listing(tmp.path()).is_empty());
}

#[test]
fn concurrent_writers_do_not_collide() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_owned();
    std::thread::scope(|s| {
        for i in 0..8 {
            let dir = &dir;
            s.spawn(move || {
                let body = format!("writer {i}\n").repeat(1000);
                OutputSet::new()
                    .with_file("shared.txt", body)
                    .write_to(dir)
                    .unwrap();
            });
        }
    });
    assert_eq!(listing(&dir), vec!["shared.txt"]);
    let text = fs::read_to_string(dir.join("shared.txt")).unwrap();
    let first = text.lines().next().unwrap().to_owned();
    assert!(text.lines().all(|l| l == first) && text.lines().count() == 1000);
}
