use super::*;

/// A 2 × 2 grid of the terminal layer's altitude band, the cost recorded:
/// point 2 (min 120 km, max 100 km) is a band the scenario refuses.
fn band(sets: &[&str]) -> SweepPlan {
    let options = SweepOptions {
        sets: sets.iter().map(|s| (*s).to_owned()).collect(),
        study: SweepStudy::Cost,
        ..SweepOptions::default()
    };
    SweepPlan::new(Base::load(None, &[]).unwrap(), &options).unwrap()
}

const MIN: &str = "engage.terminal[0].min_altitude_km=40,120";
const MAX: &str = "engage.terminal[0].max_altitude_km=100,150";

#[test]
fn rows_follow_the_design_and_a_refused_point_keeps_its_error() {
    let plan = band(&[MIN, MAX]);
    assert_eq!(plan.points(), 4);
    let names: Vec<String> = plan.columns().into_iter().map(|c| c.name).collect();
    assert_eq!(
        names,
        [
            "engage.terminal[0].min_altitude_km",
            "engage.terminal[0].max_altitude_km",
            "cost_busd",
            "cost_busd_lo",
            "cost_busd_hi",
            "status",
            "error"
        ]
    );
    let rows: Vec<Row> = (0..4).map(|p| evaluate(&plan, p).unwrap()).collect();
    assert_eq!(
        rows[2].inputs,
        vec![
            (
                "engage.terminal[0].min_altitude_km".into(),
                Input::Number(120.0)
            ),
            (
                "engage.terminal[0].max_altitude_km".into(),
                Input::Number(100.0)
            ),
        ]
    );
    let error = rows[2].error.as_deref().unwrap();
    assert!(error.contains("must be above `min_altitude_km`"), "{error}");
    assert_eq!(
        rows[2].figures,
        vec![("cost_busd".into(), Value::default())]
    );
    let record = rows[2].record();
    assert_eq!(record.data[5], Datum::Text(Some("refused".into())));
    for p in [0, 1, 3] {
        let row = &rows[p];
        assert_eq!(row.error, None);
        assert!(row.figures[0].1.value.is_some_and(|v| v > 0.0));
        assert_eq!(row.record().data[5], Datum::Text(Some("ok".into())));
    }
    // A point is a function of its settings: evaluated again, the same row.
    assert_eq!(evaluate(&plan, 1).unwrap(), rows[1]);
    let e = evaluate(&plan, 4).unwrap_err().first_line();
    assert!(e.contains("the sweep has 4 points"), "{e}");
}

#[test]
fn a_run_writes_every_point_and_a_rerun_only_the_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("band");
    let plan = band(&[MIN, MAX]);
    let first = run(&plan, &dir, &|_| {}).unwrap();
    assert_eq!(
        (first.points, first.computed, first.skipped, first.refused),
        (4, 4, 0, 1)
    );
    assert_eq!(
        Opened::new(&plan, &dir).unwrap().finished(),
        &BTreeSet::from([0, 1, 2, 3])
    );
    let part = dir.join(cupola_report::part_name(3));
    let bytes = std::fs::read(&part).unwrap();
    std::fs::remove_file(&part).unwrap();
    let again = run(&plan, &dir, &|_| {}).unwrap();
    assert_eq!((again.computed, again.skipped, again.refused), (1, 3, 1));
    assert_eq!(std::fs::read(&part).unwrap(), bytes);
    // A row written by hand (as a cluster driver does) is the same part.
    Opened::new(&plan, &dir)
        .unwrap()
        .write(&evaluate(&plan, 3).unwrap())
        .unwrap();
    assert_eq!(std::fs::read(&part).unwrap(), bytes);
}

#[test]
fn another_sweep_in_the_directory_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("band");
    let plan = band(&[MIN, MAX]);
    drop(Opened::new(&plan, &dir).unwrap());
    let other = band(&[MIN, "engage.terminal[0].max_altitude_km=100,160"]);
    let e = run(&other, &dir, &|_| {}).unwrap_err().first_line();
    assert!(e.contains("another design") && e.contains("grid"), "{e}");
    // Nor may a row of another sweep be written into it.
    let opened = Opened::new(&plan, &dir).unwrap();
    let e = opened
        .write(&evaluate(&band(&[MIN]), 0).unwrap())
        .unwrap_err()
        .first_line();
    assert!(e.contains("other columns than the dataset"), "{e}");
    assert!(opened.finished().is_empty());
}

#[test]
fn a_value_refused_alone_is_an_error_naming_its_flag() {
    let options = |sets: &[&str], ranges: &[&str]| SweepOptions {
        sets: sets.iter().map(|s| (*s).to_owned()).collect(),
        lhs: (!ranges.is_empty()).then_some(4),
        ranges: ranges.iter().map(|s| (*s).to_owned()).collect(),
        study: SweepStudy::Cost,
        ..SweepOptions::default()
    };
    for (sets, ranges, want) in [
        (
            &["sbi.altitude_km=400,-5"][..],
            &[][..],
            "--set sbi.altitude_km=400,-5: at sbi.altitude_km=-5:",
        ),
        (
            &["sbi.altitud_km=400,500"][..],
            &[][..],
            "--set sbi.altitud_km=400,500: at sbi.altitud_km=400:",
        ),
        (
            &[][..],
            &["engage.terminal[0].pk=0.5:1.5"][..],
            "--range engage.terminal[0].pk=0.5:1.5: at engage.terminal[0].pk=1.5:",
        ),
    ] {
        let e = SweepPlan::new(Base::load(None, &[]).unwrap(), &options(sets, ranges))
            .err()
            .unwrap();
        assert!(
            e.is_input() && e.first_line().contains(want),
            "{}",
            e.first_line()
        );
    }
}

#[test]
fn integer_keys_are_drawn_as_integers() {
    let options = SweepOptions {
        lhs: Some(5),
        ranges: vec!["engage.terminal[0].inventory=10:60".into()],
        study: SweepStudy::Cost,
        ..SweepOptions::default()
    };
    let plan = SweepPlan::new(Base::load(None, &[]).unwrap(), &options).unwrap();
    for p in 0..5 {
        let row = evaluate(&plan, p).unwrap();
        assert_eq!(row.error, None, "{row:?}");
        match row.inputs[0].1 {
            Input::Number(v) => assert!(v.fract() == 0.0 && (10.0..=60.0).contains(&v)),
            Input::Text(_) => panic!("a number"),
        }
    }
}
