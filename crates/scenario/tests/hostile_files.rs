//! Files that are not what a scenario expects: devices, FIFOs, huge or
//! foreign files, catalogs of stale or impossible orbits, names that carry
//! terminal escapes, and files with very many problems.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use cupola_scenario::{
    MAX_CATALOG_BYTES, ProblemKind, ScenarioError, load, parse, parse_with_base,
};

const LAUNCH: &str = "[[launch]]\nmissile = \"solid-icbm\"\nsite = { lat_deg = 41.0, lon_deg = 100.0 }\n\
                      aim = { lat_deg = 47.0, lon_deg = -101.6 }\n";

/// A scenario whose one constellation reads `key = "file"`.
fn with_catalog(key: &str, file: &str, epoch: &str) -> String {
    format!(
        "[scenario]\nname = \"x\"\nepoch = \"{epoch}\"\n[[constellation]]\nname = \"c\"\n\
         {key} = \"{file}\"\n{LAUNCH}"
    )
}

/// Runs `f` on another thread; fails instead of hanging past 60 s.
fn bounded<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("finished instead of blocking")
}

/// The miette rendering of an error, without colour.
fn render(err: &ScenarioError) -> String {
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .with_width(200)
        .render_report(&mut out, err)
        .expect("rendering to a String cannot fail");
    out
}

/// Modulo-10 TLE checksum of the first 68 columns.
fn checksum(line: &str) -> u32 {
    line.bytes()
        .take(68)
        .map(|b| match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'-' => 1,
            _ => 0,
        })
        .sum::<u32>()
        % 10
}

/// A TLE line with its checksum put right.
fn fixed(line: &str) -> String {
    format!("{}{}", &line[..68], checksum(line))
}

/// The ISS element set of 2008-09-20 (CelesTrak's format example).
const ISS: [&str; 2] = [
    "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927",
    "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537",
];

#[test]
fn devices_are_refused_at_once_as_scenarios_and_catalogs() {
    for dev in ["/dev/zero", "/dev/urandom"] {
        let err = bounded(move || load(Path::new(dev))).expect_err("a device");
        let ScenarioError::Io { source, .. } = &err else {
            panic!("{err:?}")
        };
        assert!(source.to_string().contains("character device"), "{source}");
        for key in ["tle_file", "omm_file"] {
            let text = with_catalog(key, dev, "2026-01-01T00:00:00 UTC");
            let err = bounded(move || parse_with_base("s.toml", &text, None)).expect_err("device");
            let p = &err.problems()[0];
            assert_eq!(p.kind(), ProblemKind::File);
            assert!(
                p.message()
                    .contains("a character device, not a regular file"),
                "{p}"
            );
        }
    }
}

#[test]
fn fifos_are_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let ok = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs")
        .success();
    assert!(ok, "mkfifo");
    let f = fifo.clone();
    let err = bounded(move || load(&f)).expect_err("a FIFO");
    assert!(
        err.to_string().contains("cannot read scenario file"),
        "{err}"
    );
    let ScenarioError::Io { source, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(source.to_string().contains("FIFO"), "{source}");
    let text = with_catalog("tle_file", "pipe", "2026-01-01T00:00:00 UTC");
    let base = dir.path().to_owned();
    let err = bounded(move || parse_with_base("s.toml", &text, Some(&base))).expect_err("FIFO");
    assert!(err.problems()[0].message().contains("FIFO"), "{err:?}");
}

#[test]
fn oversized_files_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    // Sparse files: their size is set, nothing is written to disk.
    let big = dir.path().join("big.tle");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(600 << 20)
        .unwrap();
    let text = with_catalog("tle_file", "big.tle", "2026-01-01T00:00:00 UTC");
    let err = parse_with_base("s.toml", &text, Some(dir.path())).expect_err("600 MB");
    let msg = err.problems()[0].message();
    assert!(
        msg.contains(&format!(
            "over the limit of {} MiB",
            MAX_CATALOG_BYTES >> 20
        )),
        "{msg}"
    );
    let scenario = dir.path().join("big.toml");
    std::fs::File::create(&scenario)
        .unwrap()
        .set_len(17 << 20)
        .unwrap();
    let ScenarioError::Io { source, .. } = load(&scenario).expect_err("17 MiB") else {
        panic!("an I/O error")
    };
    assert!(
        source.to_string().contains("over the limit of 16 MiB"),
        "{source}"
    );
}

#[test]
fn a_file_that_is_not_a_catalog_is_never_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let passwd =
        "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n";
    std::fs::write(dir.path().join("passwd"), passwd).unwrap();
    let text = with_catalog("tle_file", "passwd", "2026-01-01T00:00:00 UTC");
    let err = parse_with_base("s.toml", &text, Some(dir.path())).expect_err("not a TLE file");
    assert_eq!(err.problems().len(), 1, "{err:?}");
    assert!(err.problems()[0].message().contains("is not a TLE file"));
    let out = render(&err);
    assert!(!out.contains("root") && !out.contains("daemon"), "{out}");
    // The same file as OMM JSON: located, not shown.
    let text = with_catalog("omm_file", "passwd", "2026-01-01T00:00:00 UTC");
    let err = parse_with_base("s.toml", &text, Some(dir.path())).expect_err("not JSON");
    let out = render(&err);
    assert!(out.contains("passwd:1:"), "{out}");
    assert!(!out.contains("root") && !out.contains("daemon"), "{out}");
    // A catalog with one foreign line among TLE lines: the TLE lines are
    // shown, the foreign line is located but masked.
    let tle = format!(
        "{}\n{}\nsecret: hunter2 {}\n",
        ISS[0],
        ISS[1],
        "x".repeat(30)
    );
    std::fs::write(dir.path().join("mixed.tle"), tle).unwrap();
    let text = with_catalog("tle_file", "mixed.tle", "2008-09-20T00:00:00 UTC");
    let err = parse_with_base("s.toml", &text, Some(dir.path())).expect_err("a bad line");
    let p = &err.problems()[0];
    assert_eq!((p.line(), p.column()), (3, 1), "{p}");
    let out = render(&err);
    assert!(!out.contains("hunter2") && !out.contains("secret"), "{out}");
    assert!(out.contains("not catalog text"), "{out}");
}

#[test]
fn catalog_epochs_far_from_the_scenario_are_refused_or_warned() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("iss.tle"),
        format!("{}\n{}\n", ISS[0], ISS[1]),
    )
    .unwrap();
    // A 2008 element set in a scenario of 2199: refused.
    let text = with_catalog("tle_file", "iss.tle", "2199-01-01T00:00:00 UTC");
    let err = parse_with_base("s.toml", &text, Some(dir.path())).expect_err("191 years");
    let p = &err.problems()[0];
    assert!(p.message().contains("days from the scenario epoch"), "{p}");
    assert_eq!(p.line(), 6, "at the `tle_file` key");
    // Sixty days away: accepted, with a warning at the key.
    let text = with_catalog("tle_file", "iss.tle", "2008-11-19T00:00:00 UTC");
    let s = parse_with_base("s.toml", &text, Some(dir.path())).expect("60 days");
    assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
    assert!(s.warnings[0].starts_with("s.toml:6:"), "{}", s.warnings[0]);
    assert!(
        s.warnings[0].contains("more than 30 days"),
        "{}",
        s.warnings[0]
    );
    // Within a day: no warning.
    let text = with_catalog("tle_file", "iss.tle", "2008-09-21T00:00:00 UTC");
    let s = parse_with_base("s.toml", &text, Some(dir.path())).expect("fresh");
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    // An OMM record of the year 0.
    let omm = r#"[{"OBJECT_NAME": "CBERS 2", "OBJECT_ID": "2003-049A", "EPOCH": "0000-01-01T00:00:00",
        "MEAN_MOTION": 14.3547808, "ECCENTRICITY": 0.0000884, "INCLINATION": 98.4283,
        "RA_OF_ASC_NODE": 247.6961, "ARG_OF_PERICENTER": 88.1964, "MEAN_ANOMALY": 271.9322,
        "NORAD_CAT_ID": 28057, "BSTAR": 0.00003594, "MEAN_MOTION_DOT": 0.0000006, "MEAN_MOTION_DDOT": 0}]"#;
    std::fs::write(dir.path().join("old.json"), omm).unwrap();
    let text = with_catalog("omm_file", "old.json", "2026-01-01T00:00:00 UTC");
    let err = parse_with_base("s.toml", &text, Some(dir.path())).expect_err("year 0");
    assert!(
        err.problems()
            .iter()
            .any(|p| p.message().contains("days from the scenario epoch")),
        "{err:?}"
    );
}

#[test]
fn an_orbit_inside_the_earth_is_refused_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let line2 = fixed(&ISS[1].replacen("0006703", "9999999", 1));
    std::fs::write(
        dir.path().join("low.tle"),
        format!("DEEP\n{}\n{line2}\n", ISS[0]),
    )
    .unwrap();
    let text = with_catalog("tle_file", "low.tle", "2008-09-20T00:00:00 UTC");
    let err = parse_with_base("s.toml", &text, Some(dir.path())).expect_err("inside the Earth");
    assert!(
        err.problems()
            .iter()
            .any(|p| p.message().contains("perigee at")
                && p.message().contains("DEEP")
                && p.message().contains("below 100 km")),
        "{err:?}"
    );
}

#[test]
fn a_62_mb_catalog_of_bad_lines_is_located_in_linear_time() {
    // About 900,000 bad lines. Locating each problem by scanning from the
    // top of the file took minutes; with the line index the work per
    // problem is bounded, and only twenty are built.
    let dir = tempfile::tempdir().unwrap();
    let line = format!("1 {} BAD\n", "X".repeat(60));
    let n = (62 << 20) / line.len();
    std::fs::write(dir.path().join("bad.tle"), line.repeat(n)).unwrap();
    let text = with_catalog("tle_file", "bad.tle", "2026-01-01T00:00:00 UTC");
    let start = std::time::Instant::now();
    let err = parse_with_base("s.toml", &text, Some(dir.path())).expect_err("bad lines");
    eprintln!("{n} bad lines rejected in {:?}", start.elapsed());
    let ps = err.problems();
    assert_eq!(ps.len(), 21, "{ps:#?}");
    assert_eq!(ps[19].line(), 20);
    assert!(
        ps[20].message().contains(&format!("{} more", n - 20)),
        "{}",
        ps[20]
    );
}

#[test]
fn many_bad_launches_are_located_in_linear_time() {
    let mut text = String::from("[scenario]\nname = \"many\"\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "[[launch]]\nmissile = \"solid-icbm\"\nsite = [41.0, 100.0]\nbogus_{i} = 1\n"
        ));
    }
    let err = parse("many.toml", &text).expect_err("20,000 bad launches");
    let last = err.problems().last().unwrap();
    assert_eq!(last.line(), 2 + 4 * 20_000, "{last}");
}

#[test]
fn control_characters_in_names_are_not_printed() {
    let text = format!(
        "[scenario]\nname = \"x\"\n[[constellation]]\nname = \"a\\u001b[2J\"\n\
         tle_file = \"x.tle\"\n[[constellation]]\nname = \"a\\u001b[2J\"\ntle_file = \"x.tle\"\n{LAUNCH}"
    );
    let err = parse("esc.toml", &text).expect_err("duplicate names");
    for p in err.problems() {
        assert!(!p.message().contains('\u{1b}'), "{p:?}");
        assert!(!p.help_text().unwrap_or("").contains('\u{1b}'), "{p:?}");
    }
    assert!(
        err.problems().iter().any(|p| p.message().contains("a[2J")),
        "{err:?}"
    );
    // A raw escape in the file is invalid TOML; its snippet is masked.
    let err = parse("raw.toml", "[scenario]\nname = \"\u{1b}[2J\"\n").expect_err("raw");
    assert!(!render(&err).contains('\u{1b}'));
}
