//! TLE and OMM readers: every malformed input gives a located error, never a
//! panic, and valid sets read back.

use cupola_physics::orbit::omm::{OmmError, parse_omm_json};
use cupola_physics::orbit::tle::{TleError, parse_tle, parse_tles, tle_checksum};

const L1: &str = "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927";
const L2: &str = "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537";

/// Replaces columns `col..col+len` (1-based) of a line and fixes its checksum,
/// so only the intended fault remains.
fn edit(line: &str, col: usize, text: &str) -> String {
    let mut s = line.to_owned();
    s.replace_range(col - 1..col - 1 + text.len(), text);
    fix(&s)
}

fn fix(line: &str) -> String {
    let mut s = line[..68].to_owned();
    s.push(char::from(b'0' + tle_checksum(&s)));
    s
}

/// The single error of a two-line text.
fn only_error(l1: &str, l2: &str) -> TleError {
    let text = format!("{l1}\n{l2}\n");
    let mut errs = parse_tles("test.tle", &text).unwrap_err().errors;
    assert_eq!(errs.len(), 1, "{errs:?}");
    errs.remove(0)
}

fn at(e: &TleError, line: usize, column: usize) {
    assert_eq!((e.line, e.column), (line, column), "{e}");
}

#[test]
fn valid_sets_read() {
    assert_eq!(fix(L1), L1);
    assert_eq!(fix(L2), L2);
    let two = parse_tles("iss.tle", &format!("{L1}\n{L2}\n")).unwrap();
    assert_eq!(two.len(), 1);
    assert_eq!(two[0].name, None);
    let three = format!("ISS (ZARYA)\n{L1}\n{L2}\n\n0 ISS (ZARYA)\r\n{L1}\r\n{L2}\r\n");
    let v = parse_tles("iss.tle", &three).unwrap();
    assert_eq!(v.len(), 2);
    for e in &v {
        assert_eq!(e.name.as_deref(), Some("ISS (ZARYA)"));
        assert_eq!(e.catalog_number, 25544);
    }
    // Alpha-5 catalog numbers (A = 10, so A0001 is 100001).
    let a1 = edit(L1, 3, "A0001");
    let a2 = edit(L2, 3, "A0001");
    assert_eq!(parse_tle(None, &a1, &a2).unwrap().catalog_number, 100_001);
    // Day 366 of a leap year is fine.
    let d = edit(L1, 19, "08366.00000000");
    assert!(parse_tle(None, &d, L2).is_ok());
}

#[test]
fn bad_checksum_names_line_and_column_69() {
    let bad1 = format!("{}8", &L1[..68]);
    let e = only_error(&bad1, L2);
    at(&e, 1, 69);
    assert!(e.message.contains("checksum"), "{e}");
    assert_eq!(e.to_string(), format!("test.tle:1:69: {}", e.message));
    let bad2 = format!("{}0", &L2[..68]);
    at(&only_error(L1, &bad2), 2, 69);
    // A flipped digit is caught by the checksum too.
    let flipped = L2.replacen("51.6416", "51.6417", 1);
    at(&only_error(L1, &flipped), 2, 69);
}

#[test]
fn shifted_or_malformed_fields_name_their_column() {
    // Inclination shifted one column left: its field (9–16) ends in a blank.
    let shifted = fix(&L2.replacen("25544  51.6416", "25544 51.6416 ", 1));
    let e = only_error(L1, &shifted);
    at(&e, 2, 9);
    assert!(e.message.contains("inclination '51.6416 '"), "{e}");
    // Line shifted one column right from the inclination on: " 51.641"
    // would read as a number, but the separator at column 17 catches it.
    let shifted = fix(&format!("{} {}", &L2[..8], &L2[8..]));
    let e = only_error(L1, &shifted);
    at(&e, 2, 17);
    assert!(e.message.contains("column 17 must be blank"), "{e}");
    // Epoch shifted one column left onto the separator at 18.
    let shifted = fix(&L1.replacen("   08264.51782528 ", "  08264.51782528  ", 1));
    at(&only_error(&shifted, L2), 1, 18);
    // Malformed epoch day: error at the field, column 21.
    let e = only_error(&edit(L1, 21, "264.517x2528"), L2);
    at(&e, 1, 21);
    assert!(e.message.contains("epoch day"), "{e}");
    // Malformed epoch year, inclination, eccentricity, B*.
    at(&only_error(&edit(L1, 19, "0x"), L2), 1, 19);
    at(&only_error(L1, &edit(L2, 9, " 51.64?6")), 2, 9);
    at(&only_error(L1, &edit(L2, 27, "0006.03")), 2, 27);
    at(&only_error(&edit(L1, 54, "-11606x4"), L2), 1, 54);
    // Out-of-range inclination.
    let e = only_error(L1, &edit(L2, 9, "191.6416"));
    at(&e, 2, 9);
    assert!(e.message.contains("out of range"), "{e}");
    // Unknown classification.
    at(&only_error(&edit(L1, 8, "X"), L2), 1, 8);
}

#[test]
fn wrong_line_number_character() {
    let e = only_error(&edit(L1, 1, "3"), L2);
    at(&e, 1, 1);
    assert!(e.message.contains("must start with '1'"), "{e}");
    let e = only_error(L1, &edit(L2, 1, "3"));
    at(&e, 2, 1);
    assert!(e.message.contains("must start with '2'"), "{e}");
}

#[test]
fn mismatched_catalog_numbers() {
    let e = only_error(L1, &edit(L2, 3, "25545"));
    at(&e, 2, 3);
    assert!(e.message.contains("does not match"), "{e}");
}

#[test]
fn epoch_out_of_range() {
    let e = only_error(&edit(L1, 19, "08367.51782528"), L2);
    at(&e, 1, 21);
    assert!(e.message.contains("day 367"), "{e}");
    let e = only_error(&edit(L1, 19, "07366.51782528"), L2);
    at(&e, 1, 21);
    assert!(e.message.contains("2007 (1–365)"), "{e}");
    at(&only_error(&edit(L1, 19, "08000.51782528"), L2), 1, 21);
    // Two-digit years: 57–99 → 19xx, 00–56 → 20xx.
    let y57 = parse_tle(None, &edit(L1, 19, "57"), L2).unwrap();
    assert_eq!(y57.epoch.to_gregorian_utc().0, 1957);
    let y56 = parse_tle(None, &edit(L1, 19, "56"), L2).unwrap();
    assert_eq!(y56.epoch.to_gregorian_utc().0, 2056);
}

#[test]
fn truncated_and_overlong_lines() {
    let e = only_error(&L1[..60], L2);
    at(&e, 1, 61);
    assert!(e.message.contains("truncated"), "{e}");
    at(&only_error(L1, &L2[..68]), 2, 69);
    let e = only_error(L1, &format!("{L2}7"));
    at(&e, 2, 70);
    // A text that ends after line 1, a name with no set, an empty text.
    let e = parse_tles("t", &format!("{L2}\n{L1}\n")).unwrap_err();
    assert_eq!(e.errors.len(), 2, "{e}");
    assert!(parse_tles("t", "ISS\n").is_err());
    assert!(parse_tles("t", "").is_err());
    assert!(parse_tles("t", "\u{e9}\u{e9}\n").is_err());
    // Non-ASCII inside a line: no panic, located.
    let e = only_error(&L1.replacen("98067A", "98067\u{c9}", 1), L2);
    at(&e, 1, 15);
}

#[test]
fn all_faulty_sets_of_a_file_are_reported_with_file_lines() {
    let bad = format!("{}0", &L1[..68]);
    let text = format!(
        "# catalog\nGOOD\n{L1}\n{L2}\nBAD\n{bad}\n{L2}\n{L1}\n{}\n",
        edit(L2, 3, "11111")
    );
    let e = parse_tles("cat.tle", &text).unwrap_err();
    assert_eq!(e.errors.len(), 2, "{e}");
    at(&e.errors[0], 6, 69);
    at(&e.errors[1], 9, 3);
    assert!(e.to_string().starts_with("cat.tle:6:69: "), "{e}");
}

#[test]
fn miette_shows_the_line_with_a_caret() {
    let e = only_error(L1, &edit(L2, 3, "25545"));
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .render_report(&mut out, &e)
        .unwrap();
    assert!(out.contains("[test.tle:2:3]"), "{out}");
    assert!(out.contains("2 25545"), "{out}");
    assert!(out.contains("both lines of a TLE"), "{out}");
    // Non-ASCII text and an error past the end of a line render too.
    for e in [
        only_error(&L1.replacen("98067A", "98067\u{c9}", 1), L2),
        only_error(&L1[..60], L2),
    ] {
        let mut out = String::new();
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .render_report(&mut out, &e)
            .unwrap();
        assert!(out.contains(&format!("[test.tle:1:{}]", e.column)), "{out}");
    }
}

const OMM: &str = r#"[
  {"OBJECT_NAME": "ISS (ZARYA)", "OBJECT_ID": "1998-067A", "EPOCH": "2020-07-12T01:19:07.402656",
   "MEAN_MOTION": 15.49560532, "ECCENTRICITY": 0.0001771, "INCLINATION": 51.6435,
   "RA_OF_ASC_NODE": 225.4004, "ARG_OF_PERICENTER": 44.9625, "MEAN_ANOMALY": 5.1087,
   "NORAD_CAT_ID": 25544, "BSTAR": 0.0049645, "MEAN_MOTION_DOT": 0.00289036, "MEAN_MOTION_DDOT": 0},
  {"OBJECT_NAME": "SECOND", "EPOCH": "2020-07-12T01:19:07", "MEAN_MOTION": 15.5,
   "ECCENTRICITY": 0.001, "INCLINATION": 51.6, "RA_OF_ASC_NODE": 225.4,
   "ARG_OF_PERICENTER": 44.9, "MEAN_ANOMALY": 5.1, "NORAD_CAT_ID": 99999, "BSTAR": 0.0001}
]"#;

fn field_error(text: &str) -> (usize, String, String) {
    match parse_omm_json("gp.json", text).unwrap_err() {
        OmmError::Field {
            index,
            field,
            message,
            ..
        } => (index, field, message),
        other => panic!("expected a field error, got {other}"),
    }
}

#[test]
fn omm_reads_and_locates_errors() {
    assert_eq!(parse_omm_json("gp.json", OMM).unwrap().len(), 2);
    // Missing field in record 1.
    let (i, f, m) = field_error(&OMM.replace(", \"BSTAR\": 0.0001", ""));
    assert_eq!((i, f.as_str()), (1, "BSTAR"));
    assert!(m.contains("missing"), "{m}");
    // Wrong type in record 0.
    let (i, f, m) = field_error(&OMM.replace("\"INCLINATION\": 51.6435", "\"INCLINATION\": true"));
    assert_eq!((i, f.as_str()), (0, "INCLINATION"));
    assert!(m.contains("expected a number"), "{m}");
    let e = parse_omm_json(
        "gp.json",
        &OMM.replace("\"INCLINATION\": 51.6435", "\"INCLINATION\": \"high\""),
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("gp.json: record 0 (ISS (ZARYA)): field INCLINATION"),
        "{e}"
    );
    // Bad epoch, eccentricity out of range, unsupported theory.
    assert_eq!(
        field_error(&OMM.replace("2020-07-12T01:19:07\"", "2020-13-12T01:19:07\"")).1,
        "EPOCH"
    );
    assert_eq!(
        field_error(&OMM.replace("0.001,", "1.2,")).1,
        "ECCENTRICITY"
    );
    let sgp4xp = OMM.replace(
        "\"OBJECT_NAME\": \"SECOND\"",
        "\"OBJECT_NAME\": \"SECOND\", \"MEAN_ELEMENT_THEORY\": \"SGP4-XP\"",
    );
    assert_eq!(field_error(&sgp4xp).1, "MEAN_ELEMENT_THEORY");
    // Syntax error: line and column from serde_json.
    match parse_omm_json(
        "gp.json",
        &OMM.replace("\"BSTAR\": 0.0001}", "\"BSTAR\": 0.0001,}"),
    )
    .unwrap_err()
    {
        OmmError::Syntax { line, column, .. } => assert_eq!((line, column), (8, 91)),
        other => panic!("{other}"),
    }
    assert!(matches!(
        parse_omm_json("gp.json", "[1]"),
        Err(OmmError::Shape { .. })
    ));
    assert!(matches!(
        parse_omm_json("gp.json", "\"x\""),
        Err(OmmError::Shape { .. })
    ));
}

proptest::proptest! {
    /// Any single-character corruption of a valid set, ASCII or not, gives a
    /// set or a located error, never a panic.
    #[test]
    fn corrupted_sets_never_panic(pos in 0usize..140, c in proptest::char::any(), name in proptest::option::of("[ -~]{0,30}")) {
        let mut text: Vec<char> = format!("{L1}\n{L2}").chars().collect();
        let pos = pos.min(text.len() - 1);
        text[pos] = c;
        let text: String = text.into_iter().collect();
        let text = match name { Some(n) => format!("{n}\n{text}\n"), None => text };
        if let Err(errs) = parse_tles("fuzz.tle", &text) {
            for e in &errs.errors {
                proptest::prop_assert!(e.line >= 1 && e.column >= 1);
                let mut out = String::new();
                miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
                    .render_report(&mut out, e)
                    .unwrap();
            }
        }
    }

    /// Arbitrary text in either reader: no panic.
    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,300}") {
        let _ = parse_tles("fuzz.tle", &s);
        let _ = parse_omm_json("fuzz.json", &s);
    }
}
