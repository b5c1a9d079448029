//! Malformed scenarios: each fixture in `tests/malformed/` must be rejected
//! with a located problem of the right kind, at the right line and column.

use std::path::PathBuf;

use cupola_scenario::{Problem, ProblemKind, ScenarioError, parse};

fn fixture(name: &str) -> (String, String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/malformed")
        .join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (format!("{name}.toml"), text)
}

fn problems(name: &str) -> Vec<Problem> {
    let (file, text) = fixture(name);
    match parse(&file, &text) {
        Ok(_) => panic!("{name}: parsed, but should have been rejected"),
        Err(e) => {
            assert!(!e.problems().is_empty(), "{name}: no problems listed");
            e.problems().to_vec()
        }
    }
}

/// One fixture: its first problem's kind, a fragment of its message, its
/// line and column, and optionally a fragment of its help.
struct Case {
    file: &'static str,
    kind: ProblemKind,
    message: &'static str,
    line: usize,
    column: usize,
    help: Option<&'static str>,
}

const fn case(
    file: &'static str,
    kind: ProblemKind,
    message: &'static str,
    line: usize,
    column: usize,
    help: Option<&'static str>,
) -> Case {
    Case {
        file,
        kind,
        message,
        line,
        column,
        help,
    }
}

use ProblemKind::*;

const CASES: &[Case] = &[
    case("syntax-error", Syntax, "invalid TOML", 5, 22, None),
    case(
        "unknown-key",
        UnknownKey,
        "unknown key `burn_time`",
        11,
        3,
        Some("did you mean `burn_time_s`?"),
    ),
    case(
        "unknown-table",
        UnknownKey,
        "unknown table `physic`",
        4,
        2,
        Some("did you mean `physics`?"),
    ),
    case(
        "key-under-wrong-header",
        UnknownKey,
        "unknown key `profile` in the aim point",
        12,
        1,
        Some("above the `[launch.aim]` header"),
    ),
    case(
        "missing-key",
        MissingKey,
        "missing the required key `aim`",
        4,
        1,
        Some("aim = {"),
    ),
    case(
        "missing-scenario",
        MissingKey,
        "no [scenario] table",
        1,
        1,
        None,
    ),
    case(
        "wrong-type",
        WrongType,
        "`payload_mass_kg` must be a number, got a string",
        5,
        19,
        Some("payload_mass_kg = 1000.0"),
    ),
    case(
        "float-for-integer",
        WrongType,
        "`rv_count` must be an integer, got the float 2.5",
        7,
        12,
        None,
    ),
    case(
        "seed-float",
        WrongType,
        "`seed` must be an integer",
        3,
        8,
        None,
    ),
    case(
        "missile-single-brackets",
        WrongType,
        "`missile` must be an array of tables",
        4,
        2,
        Some("double brackets"),
    ),
    case(
        "negative-mass",
        InvalidValue,
        "`gross_mass_kg` must be greater than zero, got -23000 kg",
        8,
        19,
        None,
    ),
    case(
        "propellant-heavier",
        InvalidValue,
        "gross mass (23000 kg)",
        9,
        24,
        Some("below 23000 kg"),
    ),
    case(
        "zero-burn-time",
        InvalidValue,
        "`burn_time_s` must be greater than zero, got 0 s",
        11,
        17,
        None,
    ),
    case(
        "latitude-95",
        InvalidValue,
        "latitude must be in [-90, 90] degrees, got 95",
        5,
        20,
        Some("south is negative"),
    ),
    case(
        "longitude-200",
        InvalidValue,
        "longitude must be in [-180, 180] degrees, got 200",
        6,
        35,
        Some("written -160"),
    ),
    case(
        "target-on-launch-point",
        InvalidValue,
        "3.4 km from the launch site",
        7,
        7,
        None,
    ),
    case(
        "unknown-missile",
        UnknownMissile,
        "unknown missile `solid-icmb`",
        4,
        11,
        Some("did you mean `solid-icbm`?"),
    ),
    case(
        "lofted-without-apogee",
        MissingKey,
        "a lofted profile needs `apogee_km`",
        7,
        11,
        None,
    ),
    case(
        "apogee-with-minimum-energy",
        Conflict,
        "`apogee_km` does not apply to the minimum_energy profile",
        7,
        1,
        None,
    ),
    case(
        "apogee-too-high",
        InvalidValue,
        "`apogee_km` must be in (0, 10000] km, got 20000",
        8,
        13,
        None,
    ),
    case("depressed-both", Conflict, "not both", 9, 1, None),
    case(
        "thrust-to-weight",
        InvalidValue,
        "thrust-to-weight ratio at lift-off is 0.82",
        7,
        3,
        None,
    ),
    case(
        "rv-heavier-than-payload",
        InvalidValue,
        "weighs more than the payload (1000 kg)",
        13,
        13,
        None,
    ),
    case(
        "nan-value",
        InvalidValue,
        "`diameter_m` must be a finite number, got NaN",
        6,
        14,
        None,
    ),
    case(
        "inf-value",
        InvalidValue,
        "`time_s` must be a finite number, got inf",
        7,
        10,
        None,
    ),
    case("no-launch", MissingKey, "no [[launch]]", 1, 1, None),
    case(
        "empty-stage-list",
        MissingKey,
        "`stageless` has no stages",
        4,
        1,
        Some("[[missile.stage]]"),
    ),
    case(
        "empty-inline-stage-array",
        MissingKey,
        "empty stage list",
        8,
        1,
        None,
    ),
    case(
        "duplicate-missile",
        DuplicateName,
        "already defined on line 4",
        17,
        8,
        None,
    ),
    case(
        "catalog-name-clash",
        DuplicateName,
        "`solid-icbm` is already a catalog missile",
        4,
        8,
        Some("my-solid-icbm"),
    ),
    case(
        "gravity-typo",
        InvalidValue,
        "unknown gravity model",
        5,
        11,
        Some("did you mean \"j2\"?"),
    ),
    case(
        "multiple-errors",
        InvalidValue,
        "scenario `name` must not be empty",
        2,
        8,
        None,
    ),
];

#[test]
fn every_malformed_fixture_is_rejected_where_expected() {
    let mut failures = Vec::new();
    for c in CASES {
        let ps = problems(c.file);
        let p = &ps[0];
        let help = p.help_text().unwrap_or("");
        let ok = p.kind() == c.kind
            && p.message().contains(c.message)
            && p.line() == c.line
            && p.column() == c.column
            && c.help.is_none_or(|h| help.contains(h));
        if !ok {
            failures.push(format!(
                "{}: expected {:?} at {}:{} containing {:?} (help {:?}),\n    got {:?}: {p} (help {help:?})",
                c.file, c.kind, c.line, c.column, c.message, c.help, p.kind()
            ));
        }
        // Display is `file:line:column: message`.
        assert_eq!(
            p.to_string(),
            format!(
                "{}.toml:{}:{}: {}",
                c.file,
                p.line(),
                p.column(),
                p.message()
            )
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn there_are_enough_fixtures_and_all_are_covered() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/malformed");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixture directory")
        .filter_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? == "toml").then(|| p.file_stem()?.to_str().map(str::to_owned))?
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| c.file.to_owned()).collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "every fixture needs a case, and every case a fixture"
    );
    assert!(CASES.len() >= 18);
}

#[test]
fn multiple_errors_are_all_reported_in_file_order() {
    let ps = problems("multiple-errors");
    let got: Vec<(ProblemKind, usize, usize)> = ps
        .iter()
        .map(|p| (p.kind(), p.line(), p.column()))
        .collect();
    assert_eq!(
        got,
        vec![
            (InvalidValue, 2, 8),  // empty name
            (InvalidValue, 3, 8),  // negative seed
            (InvalidValue, 7, 20), // latitude -91
            (InvalidValue, 7, 53), // altitude 150 km
            (InvalidValue, 9, 11), // profile "depresed"
        ],
        "{ps:#?}"
    );
    assert!(
        ps[4]
            .help_text()
            .unwrap_or("")
            .contains("did you mean \"depressed\"?")
    );
}

#[test]
fn a_misspelled_key_is_reported_once_not_also_as_missing() {
    let ps = problems("unknown-key");
    assert_eq!(ps.len(), 1, "{ps:#?}");
}

#[test]
fn the_rendered_report_shows_file_location_and_caret() {
    let (file, text) = fixture("latitude-95");
    let err = parse(&file, &text).expect_err("latitude 95 is rejected");
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .with_width(120)
        .render_report(&mut out, &err)
        .expect("rendering to a String cannot fail");
    assert!(out.contains("latitude-95.toml:5:20"), "{out}");
    assert!(out.contains("lat_deg = 95.0"), "{out}");
    assert!(
        out.contains("▲") || out.contains("^") || out.contains("┬"),
        "{out}"
    );
    assert!(out.contains("south is negative"), "{out}");
    assert!(out.contains("cupola::scenario::invalid_value"), "{out}");
}

#[test]
fn a_missing_file_is_an_error_naming_the_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nowhere.toml");
    let err = cupola_scenario::load(&path).expect_err("no such file");
    assert!(matches!(err, ScenarioError::Io { .. }));
    assert!(err.problems().is_empty());
    assert!(err.to_string().contains("nowhere.toml"), "{err}");
}

#[test]
fn load_names_problems_by_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, "[scenario]\nname = \"x\"\ncolour = 1\n").expect("write");
    let err = cupola_scenario::load(&path).expect_err("bad file");
    let unknown = err
        .problems()
        .iter()
        .find(|p| p.kind() == UnknownKey)
        .expect("`colour` is unknown");
    assert_eq!(unknown.file(), path.display().to_string());
    assert_eq!(
        unknown.to_string(),
        format!("{}:3:1: unknown key `colour` in [scenario]", path.display())
    );
}
