use super::*;

fn columns() -> Vec<Field> {
    vec![
        Field::number("sbi.altitude_km"),
        Field::text("sbi.kind"),
        Field::number("p_no_leak"),
        Field::text("error"),
    ]
}

fn design(seed: u64) -> serde_json::Value {
    serde_json::json!({ "scenario": "default", "seed": seed, "keys": ["sbi.altitude_km"] })
}

fn row(point: u32, altitude: f64) -> Record {
    Record {
        point,
        data: vec![
            Datum::Number(Some(altitude)),
            Datum::Text(Some("carrier".into())),
            Datum::Number(Some(1.0 / 3.0)),
            Datum::Text(None),
        ],
    }
}

#[test]
fn rows_read_back_exactly_and_finished_points_are_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sweep");
    let d = Dataset::create(&dir, 4, columns(), design(1)).unwrap();
    assert!(d.finished().unwrap().is_empty());
    let refused = Record {
        point: 3,
        data: vec![
            Datum::Number(Some(-0.0)),
            Datum::Text(Some("ünïcode, \"quoted\"".into())),
            Datum::Number(Some(f64::NAN)),
            Datum::Text(Some("sbi.altitude_km: out of range".into())),
        ],
    };
    d.write(&row(1, 500.0)).unwrap();
    d.write(&refused).unwrap();
    assert_eq!(d.finished().unwrap(), BTreeSet::from([1, 3]));
    let back = Dataset::open(&dir).unwrap();
    assert_eq!(back.points(), 4);
    assert_eq!(back.columns(), columns().as_slice());
    assert_eq!(back.design(), &design(1));
    let all = back.read_all().unwrap();
    assert_eq!(all[0], row(1, 500.0));
    // NaN is written as null; -0.0 keeps its sign.
    assert_eq!(all[1].data[2], Datum::Number(None));
    assert_eq!(all[1].data[1], refused.data[1]);
    assert!(matches!(all[1].data[0], Datum::Number(Some(z)) if z == 0.0 && z.is_sign_negative()));
}

#[test]
fn the_same_row_gives_the_same_bytes_anywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let a = Dataset::create(&tmp.path().join("a"), 2, columns(), design(1)).unwrap();
    let b = Dataset::create(&tmp.path().join("b"), 2, columns(), design(1)).unwrap();
    let pa = a.write(&row(0, 700.0)).unwrap();
    let pb = b.write(&row(0, 700.0)).unwrap();
    let bytes = fs::read(&pa).unwrap();
    assert_eq!(bytes, fs::read(&pb).unwrap());
    assert_eq!(bytes, a.encode(&row(0, 700.0)).unwrap());
    assert_ne!(bytes, a.encode(&row(0, 700.5)).unwrap());
    // Written again, the part is replaced by the same bytes.
    a.write(&row(0, 700.0)).unwrap();
    assert_eq!(bytes, fs::read(&pa).unwrap());
    // Nothing of the machine or the time: only the parquet writer's name.
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains(DEFAULT_CREATED_BY));
    assert!(text.starts_with("PAR1") && text.ends_with("PAR1"));
}

#[test]
fn another_design_is_refused_naming_what_differs() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sweep");
    Dataset::create(&dir, 4, columns(), design(1)).unwrap();
    // The same design opens again.
    Dataset::create(&dir, 4, columns(), design(1)).unwrap();
    let e = Dataset::create(&dir, 4, columns(), design(2))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("another design") && e.contains("seed 1 there, 2 here"),
        "{e}"
    );
    let e = Dataset::create(&dir, 5, columns(), design(1))
        .unwrap_err()
        .to_string();
    assert!(e.contains("4 points there, 5 here"), "{e}");
    let e = Dataset::create(&dir, 4, columns()[..2].to_vec(), design(1))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("columns sbi.altitude_km, sbi.kind, p_no_leak, error there"),
        "{e}"
    );
}

#[test]
fn a_directory_of_other_files_is_not_made_a_dataset() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("results");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("notes.txt"), "mine").unwrap();
    let e = Dataset::create(&dir, 4, columns(), design(1))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("notes.txt") && e.contains("not a dataset"),
        "{e}"
    );
    assert!(!dir.join(DATASET_MANIFEST).exists());
    let e = Dataset::open(&dir).unwrap_err().to_string();
    assert!(e.contains("not a dataset"), "{e}");
}

#[test]
fn stray_files_and_temporaries() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sweep");
    let d = Dataset::create(&dir, 4, columns(), design(1)).unwrap();
    d.write(&row(2, 600.0)).unwrap();
    // A killed writer's temporary is not a finished point, and goes.
    let temp = dir.join(".part-000001.parquet.99-0.tmp");
    fs::write(&temp, b"PAR1 torn").unwrap();
    assert_eq!(d.finished().unwrap(), BTreeSet::from([2]));
    d.remove_temporaries().unwrap();
    assert!(!temp.exists());
    assert!(dir.join(part_name(2)).exists());
    // A part beyond the design, or a file a reader would take for data.
    fs::write(dir.join(part_name(9)), b"x").unwrap();
    let e = d.finished().unwrap_err().to_string();
    assert!(e.contains("point 9 is beyond the design's 4 points"), "{e}");
    fs::remove_file(dir.join(part_name(9))).unwrap();
    fs::write(dir.join("part-1.parquet"), b"x").unwrap();
    let e = d.finished().unwrap_err().to_string();
    assert!(e.contains("`part-1.parquet` is not a part"), "{e}");
}

#[test]
fn a_damaged_part_is_an_error_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sweep");
    let d = Dataset::create(&dir, 4, columns(), design(1)).unwrap();
    fs::write(dir.join(part_name(0)), b"not parquet").unwrap();
    let e = d.read(0).unwrap_err().to_string();
    assert!(e.contains("part-000000.parquet"), "{e}");
    // A part of another dataset's columns.
    let other = Dataset::create(
        &tmp.path().join("o"),
        4,
        vec![Field::number("x")],
        design(1),
    )
    .unwrap();
    let p = other
        .write(&Record {
            point: 1,
            data: vec![Datum::Number(Some(1.0))],
        })
        .unwrap();
    fs::copy(p, dir.join(part_name(1))).unwrap();
    let e = d.read(1).unwrap_err().to_string();
    assert!(
        e.contains("column `x` where `sbi.altitude_km` belongs"),
        "{e}"
    );
}

#[test]
fn a_row_that_does_not_fit_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let d = Dataset::create(&tmp.path().join("s"), 4, columns(), design(1)).unwrap();
    let e = d.write(&row(4, 1.0)).unwrap_err().to_string();
    assert!(e.contains("beyond the design's 4 points"), "{e}");
    let mut short = row(0, 1.0);
    short.data.pop();
    let e = d.write(&short).unwrap_err().to_string();
    assert!(e.contains("3 values for 4 columns"), "{e}");
    let mut wrong = row(0, 1.0);
    wrong.data[1] = Datum::Number(Some(2.0));
    let e = d.write(&wrong).unwrap_err().to_string();
    assert!(e.contains("`sbi.kind` is not of its kind"), "{e}");
    assert!(d.finished().unwrap().is_empty());
}

#[test]
fn column_names_are_unique_and_points_bounded() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    let e = Dataset::create(&dir, 4, vec![Field::number("point")], design(1))
        .unwrap_err()
        .to_string();
    assert!(e.contains("two columns are named `point`"), "{e}");
    let e = Dataset::create(
        &dir,
        4,
        vec![Field::number("a"), Field::text("a")],
        design(1),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("two columns are named `a`"), "{e}");
    let e = Dataset::create(&dir, MAX_DATASET_POINTS + 1, columns(), design(1))
        .unwrap_err()
        .to_string();
    assert!(e.contains("at most 1000000"), "{e}");
}

#[test]
fn part_names_sort_in_point_order() {
    assert_eq!(part_name(12), "part-000012.parquet");
    assert_eq!(part_point("part-000012.parquet"), Some(12));
    assert_eq!(part_point("part-12.parquet"), None);
    assert_eq!(part_point("part-0000012.parquet"), None);
    assert_eq!(part_point("part-00001x.parquet"), None);
    let mut names: Vec<String> = [999_999, 10, 2, 100_000].map(part_name).to_vec();
    names.sort();
    assert_eq!(names, [2, 10, 100_000, 999_999].map(part_name).to_vec());
}
