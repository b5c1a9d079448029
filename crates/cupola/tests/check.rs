//! `cupola check` means what it says: a scenario that checks runs, and one
//! that a study of `cupola run` would reject fails the check with the
//! study's own message, located in the file (or naming the key).
//!
//! The corpus is every scenario under `scenarios/` (the examples, the
//! literature and its variants); the rejected scenarios are the small
//! files of `tests/rejected/`, one per precondition a study has.

use cupola::design::parse_overrides;
use cupola::{Error, Model, Override, load, study};
use std::path::{Path, PathBuf};

/// The repository's root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `.toml` files of `dir`, sorted.
fn tomls(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    v.sort();
    v
}

/// Every scenario of the corpus.
fn corpus() -> Vec<PathBuf> {
    let s = root().join("scenarios");
    let mut v = tomls(&s);
    v.extend(tomls(&s.join("literature")));
    v.extend(tomls(&s.join("literature/variants")));
    v
}

/// `cupola check FILE`, with `sets`: the model built, then every
/// precondition of the studies.
fn check(file: &Path, sets: &[Override]) -> Result<(), Error> {
    let model = Model::new(load(Some(file), sets)?)?;
    study::check::check(&model).map(|_| ())
}

/// `cupola run FILE`, with `sets`.
fn run(file: &Path, sets: &[Override]) -> Result<(), Error> {
    let model = Model::new(load(Some(file), sets)?)?;
    study::run::run(&model).map(|_| ())
}

/// Overrides that make `file`'s run quick: few engagement trials and
/// sizing samples, for the tables it has.
fn quick(file: &Path) -> Vec<Override> {
    let s = load(Some(file), &[]).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut sets = Vec::new();
    if s.engage.is_some() {
        sets.push("engage.trials=100".to_owned());
    }
    if s.size.is_some() {
        sets.push("size.samples=10".to_owned());
    }
    parse_overrides(&sets).expect("valid overrides")
}

#[test]
fn every_scenario_of_the_corpus_checks_and_runs() {
    let files = corpus();
    assert!(files.len() >= 20, "{files:?}");
    for f in files {
        let checked = check(&f, &[]);
        let ran = run(&f, &quick(&f));
        assert!(checked.is_ok(), "{}: check: {:?}", f.display(), checked);
        assert_eq!(
            checked.is_ok(),
            ran.is_ok(),
            "{}: check {checked:?}, run {ran:?}",
            f.display()
        );
    }
}

/// A rejected scenario of `tests/rejected/`, what its error says, and where
/// it points: `line:column` of the file, or none for an error that names a
/// key or setting instead.
struct Rejected {
    file: &'static str,
    says: &'static str,
    at: Option<(usize, usize)>,
}

const REJECTED: &[Rejected] = &[
    // The SBI layer's deadline against the flown launch.
    Rejected {
        file: "deadline-after-impact",
        says: "the deadline 99999 s after lift-off falls after the missile's impact: the launch \
               `ICBM to North Dakota` lands 1924 s after lift-off",
        at: Some((16, 12)),
    },
    Rejected {
        file: "deadline-above-apogee",
        says: "the launch `ICBM to North Dakota` never climbs above 5000 km (its apogee is 1063 \
               km), so it never descends below it",
        at: Some((16, 12)),
    },
    // A launch the missile cannot fly: located at its [[launch]] table.
    Rejected {
        file: "aim-out-of-reach",
        says: "the aim point is 10000 km away, beyond this missile's reach",
        at: Some((4, 1)),
    },
    // The launch report from a sensor layer that never sees the launch.
    Rejected {
        file: "sensors-never-report",
        says: "the sensor layer never reports the launch `ICBM to North Dakota`, so the SBI layer \
               never hears of it",
        at: Some((31, 13)),
    },
    // A reach table over its size limit.
    Rejected {
        file: "reach-table-too-large",
        says: "sizing: a reach table of 8039014 cells is over the limit of 4000000",
        at: None,
    },
    // A study over the work budget, naming its settings.
    Rejected {
        file: "sizing-over-budget",
        says: "the sizing study is estimated at 15.3 h of computation (budget 30 min); driven by \
               [size] samples (--samples) = 1000000, [size] salvo = 1000",
        at: None,
    },
    // A coverage study over its work bound, and a constellation named but
    // absent: the parser refuses both, so the check and the run fail alike.
    Rejected {
        file: "coverage-over-bound",
        says: "[coverage] would test 3.6e12 satellite-point-sample triples",
        at: Some((20, 1)),
    },
    Rejected {
        file: "constellation-absent",
        says: "[coverage] names the unknown constellation `meo`",
        at: Some((19, 17)),
    },
];

/// Where `e` points in `file`, `line:column`, when it is located.
fn location(e: &Error, file: &str) -> Option<(usize, usize)> {
    if let Error::Scenario(s) = e {
        let p = s.problems().first()?;
        assert!(p.file().ends_with(file), "{p}");
        return Some((p.line(), p.column()));
    }
    // A launch's flight names where the launch is defined.
    let text = e.to_string();
    let (_, after) = text.split_once(&format!("{file}:"))?;
    let mut parts = after.split(|c: char| !c.is_ascii_digit());
    let line = parts.next()?.parse().ok()?;
    let column = parts.next()?.parse().ok()?;
    Some((line, column))
}

#[test]
fn each_rejected_scenario_fails_check_as_its_study_does() {
    let dir = root().join("crates/cupola/tests/rejected");
    let on_disk: Vec<String> = tomls(&dir)
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let mut listed: Vec<String> = REJECTED.iter().map(|r| r.file.to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "every fixture has its case");
    for r in REJECTED {
        let f = dir.join(format!("{}.toml", r.file));
        let file = format!("{}.toml", r.file);
        let Err(checked) = check(&f, &[]) else {
            panic!("{file}: check passes")
        };
        let Err(ran) = run(&f, &[]) else {
            panic!("{file}: run passes")
        };
        assert_eq!(checked.to_string(), ran.to_string(), "{file}");
        let text = checked.to_string();
        let said = match &checked {
            Error::Scenario(e) => e.problems().iter().map(|p| p.message()).collect(),
            _ => text.clone(),
        };
        assert!(said.contains(r.says), "{file}: {text}");
        assert_eq!(location(&checked, &file), r.at, "{file}: {text}");
        assert!(checked.is_input(), "{file}: {text}");
    }
}

#[test]
fn the_deadline_is_checked_against_the_launches_the_layer_faces() {
    let dir = root().join("crates/cupola/tests/rejected");
    let text = std::fs::read_to_string(dir.join("deadline-after-impact.toml")).unwrap();
    let model = |text: &str| {
        let s = cupola_scenario::parse("deadline.toml", text)
            .unwrap_or_else(|e| panic!("{:?}", e.problems()));
        Model::new(s)
    };
    // 1,900 s is before the impact at 1,924 s.
    assert!(model(&text.replace("99999.0", "1900.0")).is_ok());
    // Without [size] the layer faces the first launch: a lofted second
    // launch is still flying at 2,300 s (it lands at 2,410 s), the first
    // has landed.
    let lofted = "[[launch]]\nname = \"lofted\"\nmissile = \"solid-icbm\"\n\
                  site = { lat_deg = 41.0, lon_deg = 100.0, alt_km = 1.0 }\n\
                  aim = { lat_deg = 47.35, lon_deg = -101.75 }\nprofile = \"lofted\"\n\
                  apogee_km = 2000.0\n\n[sbi]";
    let two = text.replace("99999.0", "2300.0").replace("[sbi]", lofted);
    let Err(Error::Scenario(e)) = model(&two) else {
        panic!("the first launch has landed by 2300 s")
    };
    let p = &e.problems()[0];
    assert!(p.message().contains("`ICBM to North Dakota` lands"), "{p}");
    assert_eq!((p.line(), p.column()), (24, 12), "{p}");
    // With [size] on the lofted launch, that is the one it faces.
    let sized = format!("{two}\n[size]\nlaunch = \"lofted\"\nsamples = 10\n");
    let m = model(&sized).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        m.scenario().size.as_ref().map(|z| z.areas[0].launch),
        Some(1)
    );
    // Until an [engage] boost layer faces the first launch too.
    let engaged = format!(
        "{sized}\n[engage]\nlaunch = \"ICBM to North Dakota\"\n\n[engage.boost]\ncarriers = 100\n"
    );
    let Err(Error::Scenario(e)) = model(&engaged) else {
        panic!("the engagement's launch has landed by 2300 s")
    };
    assert!(
        e.problems()[0]
            .message()
            .contains("`ICBM to North Dakota` lands")
    );
}
