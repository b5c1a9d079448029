use super::*;

fn no_integers(_: &str) -> bool {
    false
}

fn parse(
    sets: &[&str],
    lhs: Option<u32>,
    ranges: &[&str],
) -> Result<(Design, Vec<Override>), String> {
    let sets: Vec<String> = sets.iter().map(|s| (*s).to_owned()).collect();
    let ranges: Vec<String> = ranges.iter().map(|s| (*s).to_owned()).collect();
    Design::parse(&sets, lhs, &ranges, 7, &|k: &str| k.ends_with("count"))
}

fn values(d: &Design, i: u64) -> Vec<String> {
    d.point(i).into_iter().map(|s| s.set.value).collect()
}

#[test]
fn values_split_at_top_level_commas_only() {
    assert_eq!(split_values("1, 2,3"), ["1", "2", "3"]);
    assert_eq!(split_values("[1, 2],[3, 4]"), ["[1, 2]", "[3, 4]"]);
    assert_eq!(
        split_values(r#""a,b", 'c,d', "e\",f""#),
        [r#""a,b""#, "'c,d'", r#""e\",f""#]
    );
    assert_eq!(split_values("{ x = 1, y = 2 }"), ["{ x = 1, y = 2 }"]);
    assert_eq!(split_values("5"), ["5"]);
}

#[test]
fn the_grid_is_in_nested_loop_order_the_last_set_fastest() {
    let (d, fixed) = parse(&["a.x=1,2", "b.kind=p,q,r", "c.y=9"], None, &[]).unwrap();
    assert_eq!(d.points(), 6);
    assert_eq!(fixed, vec![Override::parse("c.y=9").unwrap()]);
    assert_eq!(d.inputs(), vec![("a.x", true), ("b.kind", false)]);
    let all: Vec<Vec<String>> = (0..6).map(|i| values(&d, i)).collect();
    let expect = [
        ["1", "p"],
        ["1", "q"],
        ["1", "r"],
        ["2", "p"],
        ["2", "q"],
        ["2", "r"],
    ];
    assert_eq!(all, expect.map(|r| r.map(String::from).to_vec()).to_vec());
    let p = d.point(4);
    assert_eq!(p[0].input, Input::Number(2.0));
    assert_eq!(p[1].input, Input::Text("q".into()));
    assert_eq!(p[1].set.path, "b.kind");
}

#[test]
fn numbers_in_toml_spellings_make_a_number_column() {
    let (d, _) = parse(&["a=1_000,2.5e3,-inf"], None, &[]).unwrap();
    assert_eq!(d.inputs(), vec![("a", true)]);
    let n: Vec<Input> = (0..3).map(|i| d.point(i)[0].input.clone()).collect();
    assert_eq!(
        n,
        vec![
            Input::Number(1000.0),
            Input::Number(2500.0),
            Input::Number(f64::NEG_INFINITY)
        ]
    );
    // A value that is not a number makes the whole column text.
    let (d, _) = parse(&["a=1,infinity"], None, &[]).unwrap();
    assert_eq!(d.inputs(), vec![("a", false)]);
}

#[test]
fn the_hypercube_is_deterministic_and_stratified() {
    let ranges = ["a.x=100:200", "b.count=1:4"];
    let (d, _) = parse(&[], Some(8), &ranges).unwrap();
    let (again, _) = parse(&[], Some(8), &ranges).unwrap();
    assert_eq!(d, again);
    let pts: Vec<Vec<Setting>> = (0..8).map(|i| d.point(i)).collect();
    assert_eq!(pts, (0..8).map(|i| again.point(i)).collect::<Vec<_>>());
    // One point per stratum of 12.5 in the first dimension.
    let mut strata: Vec<usize> = pts
        .iter()
        .map(|p| match p[0].input {
            Input::Number(v) => ((v - 100.0) / 12.5) as usize,
            Input::Text(_) => usize::MAX,
        })
        .collect();
    strata.sort_unstable();
    assert_eq!(strata, (0..8).collect::<Vec<_>>());
    // The integer key takes each of 1..=4 twice, written as an integer.
    let mut counts: Vec<String> = pts.iter().map(|p| p[1].set.value.clone()).collect();
    counts.sort();
    assert_eq!(counts, ["1", "1", "2", "2", "3", "3", "4", "4"]);
    // Another seed, other points.
    let (other, _) =
        Design::parse(&[], Some(8), &ranges.map(String::from), 8, &no_integers).unwrap();
    assert_ne!(values(&other, 0), values(&d, 0));
}

#[test]
fn a_grid_with_a_hypercube_takes_every_cube_point_at_every_grid_point() {
    let (d, _) = parse(&["a=1,2,3"], Some(4), &["b=0:1"]).unwrap();
    let (cube, _) = parse(&[], Some(4), &["b=0:1"]).unwrap();
    assert_eq!(d.points(), 12);
    assert_eq!(d.inputs(), vec![("a", true), ("b", true)]);
    for i in 0..12 {
        let p = values(&d, i);
        assert_eq!(p[0], ["1", "2", "3"][(i / 4) as usize]);
        assert_eq!(p[1], values(&cube, i % 4)[0]);
    }
}

#[test]
fn bad_flags_are_errors_naming_the_flag() {
    for (sets, lhs, ranges, want) in [
        (&["a"][..], None, &[][..], "--set: "),
        (
            &["a=1,,2"][..],
            None,
            &[][..],
            "--set a=1,,2: an empty value",
        ),
        (
            &["a=1,2", "a=3"][..],
            None,
            &[][..],
            "--set a=3: the key a is set twice",
        ),
        (
            &["a=1,2"][..],
            Some(3),
            &["a=0:1"][..],
            "--range a=0:1: the key a is set twice",
        ),
        (
            &[][..],
            None,
            &["a=0:1"][..],
            "--range a=0:1: a range is drawn by a Latin hypercube",
        ),
        (&[][..], Some(3), &[][..], "--lhs 3: give the keys"),
        (&[][..], Some(0), &["a=0:1"][..], "--lhs 0"),
        (
            &[][..],
            Some(3),
            &["a=1"][..],
            "--range a=1: expected KEY.PATH=LOW:HIGH",
        ),
        (
            &[][..],
            Some(3),
            &["a=x:2"][..],
            "--range a=x:2: `x` is not a finite number",
        ),
        (
            &[][..],
            Some(3),
            &["a=1:inf"][..],
            "`inf` is not a finite number",
        ),
        (
            &[][..],
            Some(3),
            &["a=3:1"][..],
            "--range a=3:1: the low end must be below",
        ),
        (
            &[][..],
            Some(3),
            &["n.count=0.5:4"][..],
            "n.count is a whole number",
        ),
        (
            &[][..],
            Some(3),
            &["n.count=-1:4"][..],
            "n.count is a count",
        ),
    ] {
        let e = parse(sets, lhs, ranges).unwrap_err();
        assert!(e.contains(want), "{sets:?} {lhs:?} {ranges:?}: {e}");
    }
}

#[test]
fn designs_over_the_bound_are_refused_naming_the_flags() {
    let many = |n: usize| (0..n).map(|v| v.to_string()).collect::<Vec<_>>().join(",");
    let (a, b) = (format!("a={}", many(400)), format!("b={}", many(250)));
    let (d, _) = parse(&[&a, &b], None, &[]).unwrap();
    assert_eq!(d.points(), MAX_POINTS);
    let e = parse(&[&a, &b], Some(2), &["c=0:1"]).unwrap_err();
    assert!(
        e.contains("--set a (400 values) × --set b (250 values) × --lhs 2: more than 100000"),
        "{e}"
    );
    let c = format!("c={}", many(1000));
    let e = parse(
        &[&c, &c.replace("c=", "d="), &c.replace("c=", "e=")],
        None,
        &[],
    )
    .unwrap_err();
    assert!(e.contains("more than 100000 points"), "{e}");
    let e = parse(&[], Some(100_001), &["c=0:1"]).unwrap_err();
    assert!(e.contains("--lhs 100001: more than"), "{e}");
}
