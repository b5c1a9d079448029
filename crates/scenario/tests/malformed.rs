//! Malformed scenarios: each fixture in `tests/malformed/` must be rejected
//! with a located problem of the right kind, at the right line and column.

use std::path::PathBuf;

use cupola_scenario::{Problem, ProblemKind, ScenarioError, parse, parse_with_base};

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/malformed")
}

fn fixture(name: &str) -> (String, String) {
    let path = fixture_dir().join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (format!("{name}.toml"), text)
}

/// The problems of a fixture, named `<name>.toml`; catalog files it names
/// are read from the fixture directory.
fn problems(name: &str) -> Vec<Problem> {
    let (file, text) = fixture(name);
    match parse_with_base(&file, &text, Some(&fixture_dir())) {
        Ok(_) => panic!("{name}: parsed, but should have been rejected"),
        Err(e) => {
            assert!(!e.problems().is_empty(), "{name}: no problems listed");
            e.problems().to_vec()
        }
    }
}

/// One fixture: its first problem's kind, a fragment of its message, its
/// line and column, and optionally a fragment of its help. The problem is in
/// the fixture itself, or, when `in_file` is given, in the file (a TLE
/// catalog) whose name ends with it.
struct Case {
    file: &'static str,
    kind: ProblemKind,
    message: &'static str,
    line: usize,
    column: usize,
    help: Option<&'static str>,
    in_file: Option<&'static str>,
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
        in_file: None,
    }
}

/// A case whose problem is located in another file, named `…in_file`.
const fn case_in(
    file: &'static str,
    in_file: &'static str,
    kind: ProblemKind,
    message: &'static str,
    line: usize,
    column: usize,
    help: Option<&'static str>,
) -> Case {
    Case {
        in_file: Some(in_file),
        ..case(file, kind, message, line, column, help)
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
        "missile-diameter-implausible",
        InvalidValue,
        "`diameter_m` must be in [0.05, 15] m, got 1e308",
        6,
        14,
        Some("Saturn V"),
    ),
    case(
        "missile-beta-implausible",
        InvalidValue,
        "`ballistic_coefficient_kg_m2` must be in [50, 100000] kg/m², got 5e-324",
        14,
        33,
        Some("plausible range"),
    ),
    case(
        "missile-stage-too-violent",
        InvalidValue,
        "stage 1 of [[missile]] `my-icbm` accelerates at",
        7,
        3,
        Some("lengthen its burn_time_s"),
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
    // Epoch.
    case(
        "bad-epoch",
        InvalidValue,
        "cannot read the epoch \"the first of January\"",
        3,
        9,
        Some("2026-01-01T00:00:00 UTC"),
    ),
    // Constellations: Walker shells.
    case(
        "walker-not-divisible",
        InvalidValue,
        "`satellites` = 10 is not divisible by `planes` = 3",
        9,
        16,
        Some("use 9 or 12 satellites, or a number of planes that divides 10 (e.g. 2 or 5)"),
    ),
    case(
        "walker-phasing-out-of-range",
        InvalidValue,
        "`phasing` must be in [0, 7] (planes - 1), got 8",
        11,
        13,
        None,
    ),
    case(
        "walker-altitude-50",
        InvalidValue,
        "`altitude_km` must be at least 100 km, got 50 km",
        7,
        17,
        Some("Kármán line"),
    ),
    case(
        "walker-inclination-200",
        InvalidValue,
        "`inclination_deg` must be in [0, 180] degrees, got 200",
        8,
        21,
        None,
    ),
    case(
        "walker-pattern-typo",
        InvalidValue,
        "unknown Walker pattern \"stra\"",
        11,
        13,
        Some("did you mean \"star\"?"),
    ),
    // Constellations: orbits, sources, names.
    case(
        "orbit-apogee-below-perigee",
        InvalidValue,
        "the apogee (600 km) is below the perigee (39700 km)",
        8,
        15,
        Some("swap them"),
    ),
    case(
        "constellation-mixed-sources",
        Conflict,
        "[[constellation.shell]] cannot be combined with `tle_file` (line 6)",
        7,
        19,
        None,
    ),
    case(
        "constellation-no-source",
        MissingKey,
        "[[constellation]] `empty` has no satellites",
        4,
        1,
        Some("tle_file"),
    ),
    case(
        "random-seed-with-orbits",
        Conflict,
        "`random_phasing_seed` applies to Walker shells only",
        6,
        1,
        None,
    ),
    case(
        "duplicate-constellation",
        DuplicateName,
        "a constellation named `leo` is already defined on line 5",
        13,
        8,
        None,
    ),
    // Catalog files.
    case(
        "tle-file-missing",
        File,
        "cannot read the `tle_file`",
        6,
        12,
        Some("relative path is taken from the scenario file's directory"),
    ),
    case_in(
        "tle-bad-checksum",
        "bad-checksum.tle",
        Catalog,
        "checksum mismatch: column 69 says 1, the line sums to 0",
        6,
        69,
        Some("it is the `tle_file` of [[constellation]] `catalog` (tle-bad-checksum.toml:7)"),
    ),
    // Sensors.
    case(
        "sensor-unknown-constellation",
        UnknownName,
        "[[sensor]] `tracking` names the unknown constellation `leo-trackng`",
        15,
        17,
        Some("did you mean `leo-tracking`?"),
    ),
    case(
        "sensor-radar-key-on-infrared",
        Conflict,
        "`elevation_mask_deg` applies to kind = \"radar\" sensors only, not to this \"infrared\" sensor",
        16,
        1,
        None,
    ),
    case(
        "sensor-min-sensors-1",
        InvalidValue,
        "`min_sensors` must be at least 2, got 1",
        16,
        15,
        None,
    ),
    case(
        "sensor-kind-typo",
        InvalidValue,
        "unknown sensor kind \"rader\"",
        6,
        8,
        Some("did you mean \"radar\"?"),
    ),
    case(
        "radar-without-range",
        MissingKey,
        "[[sensor]] `radar` is missing the required key `max_range_km`",
        4,
        1,
        None,
    ),
    case(
        "duplicate-sensor",
        DuplicateName,
        "a sensor named `radar` is already defined on line 5",
        11,
        8,
        None,
    ),
    // Studies.
    case(
        "coverage-too-many-steps",
        InvalidValue,
        "2592000 s in steps of 1 s is 2592000 steps, more than the 1000000 allowed",
        19,
        10,
        Some("raise `step_s` to at least 3 s"),
    ),
    case(
        "coverage-unknown-constellation",
        UnknownName,
        "[coverage] names the unknown constellation `interceptor`",
        18,
        17,
        Some("did you mean `interceptors`?"),
    ),
    case(
        "detect-step-too-long",
        InvalidValue,
        "`step_s` must be in [0.01, 60] s, got 120",
        10,
        10,
        None,
    ),
    case(
        "detect-step-too-fine",
        InvalidValue,
        "`step_s` must be in [0.01, 60] s",
        10,
        10,
        None,
    ),
    case(
        "too-many-satellites",
        InvalidValue,
        "brings the scenario to 250000 satellites, more than the 200000",
        13,
        8,
        Some("split the study into several scenarios, or use fewer satellites"),
    ),
    case(
        "coverage-too-costly",
        InvalidValue,
        "more than the 5e10 a study may take",
        17,
        1,
        Some("raise `step_s` or `latitude_step_deg`, or shorten `duration_s`"),
    ),
    // The SBI layer: orbits.
    case(
        "sbi-altitude-too-low",
        InvalidValue,
        "`altitude_km` must be in [100, 40000] km, got 50",
        11,
        15,
        Some("Kármán line"),
    ),
    case(
        "sbi-inclination-in-array",
        InvalidValue,
        "`inclination_deg` must be in [0.1, 179.9] degrees, got 0",
        12,
        32,
        None,
    ),
    case(
        "sbi-planes-float",
        WrongType,
        "`planes` must hold integers, got the float 24.5",
        13,
        15,
        None,
    ),
    case(
        "sbi-missing-planes",
        MissingKey,
        "[sbi] is missing the required key `planes`",
        10,
        1,
        Some("planes = 24"),
    ),
    // Shells sized jointly.
    case(
        "sbi-one-shell",
        InvalidValue,
        "[[sbi.shell]] must list 2 to 4 shells sized together, got 1",
        14,
        7,
        Some("a single shell is [sbi]'s own inclination_deg and planes"),
    ),
    case(
        "sbi-shell-missing-planes",
        MissingKey,
        "[[sbi.shell]] #2 is missing the required key `planes`",
        17,
        1,
        None,
    ),
    case(
        "sbi-shell-too-low",
        InvalidValue,
        "`altitude_km` must be in [100, 40000] km, got 50",
        20,
        15,
        None,
    ),
    // The SBI layer: interceptor and carrier.
    case(
        "sbi-zero-delta-v",
        InvalidValue,
        "`delta_v_km_s` must be greater than zero, got 0 km/s",
        16,
        16,
        None,
    ),
    case(
        "sbi-negative-delta-v",
        InvalidValue,
        "`delta_v_km_s` must be greater than zero, got -4 km/s",
        16,
        16,
        None,
    ),
    case(
        "sbi-zero-acceleration",
        InvalidValue,
        "`acceleration_g` must be greater than zero, got 0 g",
        17,
        20,
        Some("the burn lasts Δv / a"),
    ),
    case(
        "sbi-structure-fraction-1",
        InvalidValue,
        "`structure_fraction` must be in [0, 1), got 1",
        16,
        22,
        None,
    ),
    case(
        "sbi-unpredicted-fraction-above-1",
        InvalidValue,
        "`unpredicted_fraction` must be in [0, 1], got 1.5",
        16,
        24,
        None,
    ),
    case(
        "sbi-zero-divert-isp",
        InvalidValue,
        "`divert_isp_s` must be greater than zero, got 0 s",
        16,
        16,
        None,
    ),
    case(
        "sbi-unreachable-delta-v",
        InvalidValue,
        "cannot give 6 km/s: each stage needs a mass ratio of 8.56",
        16,
        16,
        Some("lower `delta_v_km_s` below 5.30 km/s"),
    ),
    case(
        "sbi-overloaded-carrier",
        InvalidValue,
        "4 interceptors of 570.0 kg each weigh 2279.9 kg, more than the carrier's `max_payload_kg` of 2000 kg",
        14,
        28,
        Some("carry at most 3 per carrier"),
    ),
    case(
        "sbi-old-kill-vehicle-mass",
        UnknownKey,
        "unknown key `kill_vehicle_mass_kg` in [sbi.interceptor]",
        16,
        1,
        Some("did you mean `kill_vehicle_dry_mass_kg`?"),
    ),
    case(
        "sbi-interceptor-unknown-key",
        UnknownKey,
        "unknown key `delta_v` in [sbi.interceptor]",
        16,
        1,
        Some("did you mean `delta_v_km_s`?"),
    ),
    // The SBI layer: time budget.
    case(
        "sbi-negative-delay",
        InvalidValue,
        "`decision_s` must not be negative, got -5 s",
        17,
        14,
        None,
    ),
    case(
        "sbi-detection-both",
        Conflict,
        "`detection_s` and `detection` cannot both be given",
        17,
        1,
        None,
    ),
    case(
        "sbi-sensors-without-sensor",
        MissingKey,
        "`detection = \"sensors\"` needs the scenario's sensors, but it defines no [[sensor]]",
        16,
        13,
        Some("detection_s = 30.0"),
    ),
    case(
        "sbi-deadline-typo",
        InvalidValue,
        "unknown deadline \"boost_ned\"",
        16,
        12,
        Some("did you mean \"boost_end\"?"),
    ),
    case(
        "sbi-deadline-negative-altitude",
        InvalidValue,
        "`descends_below_km` must be greater than zero, got -5 km",
        16,
        34,
        None,
    ),
    // Studies of the SBI layer.
    case(
        "size-without-sbi",
        MissingKey,
        "[size] needs an [sbi] table",
        10,
        1,
        Some("[sbi]\naltitude_km = 500.0"),
    ),
    case(
        "asat-without-sbi",
        MissingKey,
        "[asat] needs an [sbi] table",
        14,
        1,
        None,
    ),
    case(
        "size-unknown-launch",
        UnknownName,
        "[size] names the unknown launch `ICBM to North Dakta`",
        16,
        10,
        Some("did you mean `ICBM to North Dakota`?"),
    ),
    case(
        "size-bad-confidence",
        InvalidValue,
        "`confidence` must be in (0, 1), got 1",
        17,
        14,
        None,
    ),
    case(
        "size-bad-sweep-value",
        InvalidValue,
        "`delta_v_km_s` must be in (0, 12] km/s, got 0",
        18,
        22,
        None,
    ),
    case(
        "size-empty-sweep",
        InvalidValue,
        "`salvo` must not be an empty array",
        18,
        11,
        None,
    ),
    case(
        "size-salvo-sweep-float",
        WrongType,
        "`salvo` must hold integers, got the float 2.5",
        17,
        13,
        None,
    ),
    case(
        "asat-unknown-constellation",
        UnknownName,
        "[asat] names the unknown constellation `leo-trackng`",
        20,
        11,
        Some("did you mean `leo-tracking`?"),
    ),
    case(
        "asat-within-too-long",
        InvalidValue,
        "`within_min` must be in (0, 45] minutes, got 90",
        21,
        14,
        None,
    ),
    // The engagement study and its layers.
    case(
        "engage-negative-inventory",
        InvalidValue,
        "`inventory` must not be negative, got -4",
        21,
        13,
        Some("e.g. `inventory = 40`"),
    ),
    case(
        "engage-inventory-float",
        WrongType,
        "`inventory` must be an integer, got the float 40.5",
        21,
        13,
        None,
    ),
    case(
        "engage-pk-above-1",
        InvalidValue,
        "`pk` must be in [0, 1], got 1.2",
        22,
        6,
        Some("single-shot kill probability"),
    ),
    case(
        "engage-pk-negative",
        InvalidValue,
        "`pk` must be in [0, 1], got -0.1",
        22,
        6,
        None,
    ),
    case(
        "engage-reserve-1",
        InvalidValue,
        "`reserve` must be in [0, 1), got 1",
        24,
        11,
        None,
    ),
    case(
        "engage-unknown-sensor",
        UnknownName,
        "[[engage.midcourse]] `Fort Greely` names the unknown sensor `ground radr`",
        23,
        10,
        Some("did you mean `ground radar`?"),
    ),
    case(
        "engage-missing-sensor",
        MissingKey,
        "[[engage.midcourse]] `Fort Greely` is missing the required key `sensor`",
        18,
        1,
        Some("a tracking layer or a ground radar"),
    ),
    case(
        "engage-infrared-cue",
        InvalidValue,
        "sensor \"geo early warning\" is an infrared early-warning sensor: it sees only the \
         boost plume and cannot cue a midcourse site; name a tracking layer or a ground radar",
        41,
        10,
        Some("the sensors that can cue it are `leo tracking` or `ground radar`"),
    ),
    case(
        "engage-infrared-cue-terminal",
        InvalidValue,
        "cannot cue a terminal battery",
        41,
        10,
        None,
    ),
    case(
        "engage-altitude-band",
        InvalidValue,
        "`max_altitude_km` (40 km) must be above `min_altitude_km` (40 km)",
        22,
        19,
        None,
    ),
    case(
        "engage-duplicate-layer",
        DuplicateName,
        "a defense layer named `Fort Greely` is already defined on line 19",
        26,
        8,
        Some("[[engage.midcourse]] and [[engage.terminal]]"),
    ),
    case(
        "engage-threat-range-on-upper-tier",
        Conflict,
        "`max_threat_range_km` applies to kind = \"short_range\" batteries only, not to this \
         upper_tier battery",
        22,
        1,
        Some("set `kind = \"short_range\"`"),
    ),
    case(
        "engage-short-range-without-range",
        MissingKey,
        "a short_range battery needs `max_threat_range_km`",
        21,
        8,
        Some("`max_threat_range_km = 70.0`"),
    ),
    case(
        "engage-boost-without-sbi",
        MissingKey,
        "[engage.boost] needs an [sbi] table",
        18,
        1,
        Some("[sbi]\naltitude_km = 500.0"),
    ),
    case(
        "engage-unknown-launch",
        UnknownName,
        "[engage] names the unknown launch `ICBM to North Dakta`",
        17,
        10,
        Some("did you mean `ICBM to North Dakota`?"),
    ),
    case(
        "engage-sweep-not-ascending",
        InvalidValue,
        "`salvo_sweep` must be strictly ascending, but 5 follows 5",
        17,
        25,
        None,
    ),
    case(
        "engage-bad-doctrine",
        InvalidValue,
        "unknown shot doctrine \"shoot-look-shoot\"",
        24,
        12,
        Some("did you mean \"shoot_look_shoot\"?"),
    ),
    case(
        "engage-bad-assignment",
        InvalidValue,
        "unknown weapon-target assignment \"hungarian\"",
        17,
        14,
        Some("`greedy` or `exact`"),
    ),
    case(
        "engage-bad-allocation",
        InvalidValue,
        "unknown allocation \"spread\"",
        17,
        14,
        Some("`doctrine` or `marginal_return`"),
    ),
    case(
        "engage-kill-assessment-above-1",
        InvalidValue,
        "`kill_assessment` must be in [0, 1], got 1.5",
        23,
        19,
        Some("tells a kill from a survivor"),
    ),
    case(
        "engage-key-typo",
        UnknownKey,
        "unknown key `flyout_speed_km` in [[engage.midcourse]] `Fort Greely`",
        24,
        1,
        Some("did you mean `flyout_speed_km_s`?"),
    ),
    case(
        "engage-midcourse-single-brackets",
        WrongType,
        "`midcourse` must be an array of tables, got a table",
        18,
        9,
        Some("[[engage.midcourse]]"),
    ),
    // The stability study.
    case(
        "stability-without-engage",
        MissingKey,
        "[stability] needs an [engage] table",
        16,
        1,
        Some("[engage]\nsalvo = 10"),
    ),
    case(
        "stability-negative-attacker-cost",
        InvalidValue,
        "`rv_musd` must not be negative, got -5 $M",
        24,
        13,
        Some("one re-entry vehicle with its warhead"),
    ),
    case(
        "stability-zero-budget",
        InvalidValue,
        "`defense_budget_musd` must be greater than zero, got 0 $M",
        22,
        25,
        Some("added each round"),
    ),
    case(
        "stability-terminal-cost-zero",
        InvalidValue,
        "`terminal_musd` must be greater than zero, got 0 $M",
        21,
        17,
        Some("50 THAAD interceptors"),
    ),
    case(
        "stability-zero-trials",
        InvalidValue,
        "`trials` must be in [1, 1000000], got 0",
        20,
        10,
        None,
    ),
    case(
        "stability-goals-crossed",
        InvalidValue,
        "`offense_goal` must be above `defense_goal` = 1 (on line 22), got 0.5",
        23,
        18,
        Some("raise `offense_goal` or lower `defense_goal`"),
    ),
    case(
        "stability-carriers-not-ascending",
        InvalidValue,
        "`carriers` must be strictly ascending, but 1000 follows 7800",
        20,
        22,
        Some("`carriers = [0, 1000, 7800, 20000]`"),
    ),
    case(
        "stability-empty-decoys",
        InvalidValue,
        "`decoys` must not be an empty array",
        22,
        12,
        Some("`decoys = [0, 2, 4, 8]`"),
    ),
    case(
        "stability-key-typo",
        UnknownKey,
        "unknown key `trails` in [stability]",
        20,
        1,
        Some("did you mean `trials`?"),
    ),
    case(
        "stability-duplicate-arsenal",
        DuplicateName,
        "a retaliating arsenal named `China-sized force` is already defined on line 22",
        27,
        10,
        Some("[[stability.arsenal]]"),
    ),
    case(
        "stability-arsenal-no-source",
        MissingKey,
        "[[stability.arsenal]] `China-sized force` is missing the required key `source`",
        21,
        3,
        Some("source = \"SIPRI Yearbook 2025\""),
    ),
    case(
        "stability-max-out-of-range",
        InvalidValue,
        "`max_carriers` must be in [0, 1000000], got 2000000",
        22,
        18,
        Some("it has no step"),
    ),
    case(
        "stability-negative-cap",
        InvalidValue,
        "`midcourse` must not be negative, got -100",
        22,
        15,
        None,
    ),
    case(
        "stability-fast-burn-zero",
        InvalidValue,
        "`fast_burn_boost_s` must be in [60, 1000] s, got 0",
        22,
        23,
        None,
    ),
    case(
        "stability-fast-burn-too-short",
        InvalidValue,
        "`fast_burn_boost_s` must be in [60, 1000] s, got 2.5",
        22,
        23,
        Some("dense"),
    ),
    // The life-cycle cost study.
    case(
        "cost-negative-unit-cost",
        InvalidValue,
        "`unit_cost_musd` must not be negative, got -40 million dollars",
        15,
        18,
        Some("millions of dollars"),
    ),
    case(
        "cost-negative-first-unit",
        InvalidValue,
        "`first_unit_musd` must not be negative, got -40 million dollars",
        15,
        19,
        None,
    ),
    case(
        "cost-negative-development",
        InvalidValue,
        "`development_musd` must not be negative, got -1000 million dollars",
        16,
        20,
        None,
    ),
    case(
        "cost-negative-ops",
        InvalidValue,
        "`ops_musd_per_year` must not be negative, got -300 million dollars",
        16,
        21,
        None,
    ),
    case(
        "cost-negative-launch-price",
        InvalidValue,
        "`launch_usd_per_kg` must not be negative, got -500 dollars per kg",
        17,
        21,
        Some("dollars per kg to orbit"),
    ),
    case(
        "cost-negative-mass",
        InvalidValue,
        "`mass_kg` must not be negative, got -500 kg",
        16,
        11,
        None,
    ),
    case(
        "cost-life-zero",
        InvalidValue,
        "a life of zero",
        16,
        14,
        Some("leave the key out"),
    ),
    case(
        "cost-slope-zero",
        InvalidValue,
        "`learning_slope` must be in (0, 1], got 0",
        17,
        18,
        Some("cost multiplier per doubling"),
    ),
    case(
        "cost-slope-negative",
        InvalidValue,
        "`learning_slope` must be in (0, 1], got -0.8",
        17,
        18,
        None,
    ),
    case(
        "cost-slope-above-1",
        InvalidValue,
        "`learning_slope` must be in (0, 1], got 1.2",
        17,
        18,
        Some("a slope above 1"),
    ),
    case(
        "cost-slope-without-learning",
        Conflict,
        "`learning_slope` is given without a learning curve",
        16,
        1,
        Some("`learning = \"wright\"`"),
    ),
    case(
        "cost-learning-without-slope",
        MissingKey,
        "`learning = \"crawford\"` needs `learning_slope`",
        16,
        12,
        Some("`learning_slope = 0.85`"),
    ),
    case(
        "cost-unknown-learning",
        InvalidValue,
        "unknown learning theory \"wrigth\"",
        16,
        12,
        Some("did you mean \"wright\"?"),
    ),
    case(
        "cost-both-unit-costs",
        Conflict,
        "give either `unit_cost_musd` or `first_unit_musd`, not both",
        16,
        1,
        None,
    ),
    case(
        "cost-no-unit-cost",
        MissingKey,
        "[[cost.element]] `tracking layer` has no unit cost",
        11,
        1,
        Some("`unit_cost_musd = 22.0`"),
    ),
    case(
        "cost-unknown-preset",
        InvalidValue,
        "unknown cost preset \"cbo-2025\"",
        10,
        10,
        Some("did you mean \"cbo-2026\"?"),
    ),
    case(
        "cost-empty",
        MissingKey,
        "[cost] has no preset and no element to cost",
        9,
        1,
        Some("`preset = \"cbo-2026\"`"),
    ),
    case(
        "cost-inflation-lengths",
        InvalidValue,
        "[cost.inflation] has 3 `years` but 2 `index` values",
        16,
        9,
        Some("one index per year"),
    ),
    case(
        "cost-inflation-not-ascending",
        InvalidValue,
        "the inflation `years` must be strictly ascending, but 2025 follows 2026",
        14,
        22,
        None,
    ),
    case(
        "cost-inflation-zero-index",
        InvalidValue,
        "every inflation `index` must be greater than zero, got 0",
        15,
        10,
        None,
    ),
    case(
        "cost-dollars-year-outside-table",
        InvalidValue,
        "`dollars_year` 2004 is outside the inflation table, which covers 2020 to 2026",
        11,
        16,
        Some("add 2004 to [cost.inflation]"),
    ),
    case(
        "cost-no-inflation-table",
        MissingKey,
        "inputs in 2020 dollars need an inflation table to give results in 2026 dollars",
        11,
        16,
        Some("[cost.inflation]"),
    ),
    case(
        "cost-preset-dollars-year",
        Conflict,
        "the preset's inputs are in 2025 dollars, so `dollars_year` must be 2025, got 2026",
        11,
        16,
        Some("remove `dollars_year`"),
    ),
    case(
        "cost-duplicate-element",
        DuplicateName,
        "an element named `SBI` is already defined by the preset",
        13,
        8,
        Some("its own name"),
    ),
    case(
        "cost-deploy-after-horizon",
        InvalidValue,
        "`deploy_year` must be in [0, 19], got 20",
        17,
        15,
        Some("before the horizon ends"),
    ),
    case(
        "cost-production-zero",
        InvalidValue,
        "`production_per_year` must be in [1, 10000000], got 0",
        17,
        23,
        Some("the units the production line delivers a year"),
    ),
    case(
        "cost-launch-capacity-zero",
        InvalidValue,
        "`launch_kg_per_year` must be greater than zero, got 0 kg",
        17,
        22,
        Some("leave the key out for no limit"),
    ),
    case(
        "cost-launch-lifts-nothing",
        InvalidValue,
        "the launch capacity of 500 kg a year lifts no unit of 700 kg",
        10,
        17,
        Some("rate limits"),
    ),
    case(
        "cost-keeping-without-altitude",
        Conflict,
        "`ballistic_coefficient_kg_m2` is given without `altitude_km`",
        17,
        1,
        Some("add `altitude_km = 400.0`"),
    ),
    case(
        "cost-orbit-below-floor",
        InvalidValue,
        "`altitude_km` must be in (180, 40000] km, got 150",
        17,
        15,
        Some("above 180 km"),
    ),
    case(
        "cost-solar-flux-out-of-range",
        InvalidValue,
        "`solar_flux_sfu` must be in [50, 400] sfu, got 20",
        10,
        18,
        Some("solar flux units"),
    ),
    case(
        "cost-key-typo",
        UnknownKey,
        "unknown key `unit_cost` in [[cost.element]] `tracking layer`",
        15,
        1,
        Some("did you mean `unit_cost_musd`?"),
    ),
    case(
        "area-conflicts-with-size-salvo",
        Conflict,
        "`salvo` in [size] conflicts with the [[area]] tables",
        21,
        1,
        Some("describe the raid in the [[area]] tables"),
    ),
    case(
        "area-unknown-launch",
        UnknownName,
        "[[area]] `north` names the unknown launch `ICMB`",
        12,
        10,
        Some("did you mean `ICBM`?"),
    ),
    case(
        "area-duplicate-name",
        DuplicateName,
        "a launch area named `north` is already defined on line 11",
        15,
        8,
        Some("give every [[area]] its own name"),
    ),
    case(
        "stability-arsenal-unknown-area",
        UnknownName,
        "`areas` of [[stability.arsenal]] `small` names the unknown launch area `nort`",
        22,
        11,
        Some("name [[area]] tables: `north`"),
    ),
    case(
        "cost-element-single-brackets",
        WrongType,
        "`element` must be an array of tables, got a table",
        11,
        7,
        Some("[[cost.element]]"),
    ),
    case(
        "published-unknown-figure",
        InvalidValue,
        "unknown figure \"sbi_cost_usd\" in [[published]] #1",
        13,
        10,
        Some("did you mean \"sbi_cost_busd\"? The figures are `sbi_carriers`"),
    ),
    case(
        "published-figure-without-study",
        MissingKey,
        "figure \"sbi_carriers\" needs [sbi] and [size] tables",
        13,
        10,
        Some("add [sbi] and [size] tables"),
    ),
    case(
        "published-value-outside-range",
        InvalidValue,
        "lies outside its published range 161–542",
        14,
        9,
        Some("low ≤ value ≤ high"),
    ),
    case(
        "published-one-end",
        MissingKey,
        "gives `high` without `low`",
        15,
        8,
        Some("needs both ends"),
    ),
    case(
        "published-below-bound",
        InvalidValue,
        "lies outside its published range of at least 200",
        14,
        9,
        Some("low ≤ value ≤ high"),
    ),
    case(
        "published-empty-source",
        InvalidValue,
        "the `source` of [[published]] #1 must not be empty",
        15,
        10,
        None,
    ),
    case(
        "published-zero-tolerance",
        InvalidValue,
        "`tolerance`",
        16,
        13,
        Some("a fraction above 0"),
    ),
    case(
        "published-missing-value",
        MissingKey,
        "[[published]] #1 is missing the required key `value`",
        12,
        1,
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
        // Display is `file:line:column: message`, the file being the
        // fixture or the catalog file the problem is in.
        let file = match c.in_file {
            None => format!("{}.toml", c.file),
            Some(other) => {
                assert!(p.file().ends_with(other), "{}: {p}", c.file);
                p.file().to_owned()
            }
        };
        assert_eq!(
            p.to_string(),
            format!("{file}:{}:{}: {}", p.line(), p.column(), p.message())
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
    assert!(CASES.len() >= 50);
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
fn sbi_problems_do_not_cascade() {
    for name in [
        "sbi-zero-delta-v",
        "sbi-zero-acceleration",
        "sbi-unreachable-delta-v",
        "sbi-overloaded-carrier",
        "sbi-missing-planes",
        "sbi-detection-both",
        "size-without-sbi",
        "size-bad-sweep-value",
        "asat-unknown-constellation",
    ] {
        let ps = problems(name);
        assert_eq!(ps.len(), 1, "{name}: {ps:#?}");
    }
}

#[test]
fn engage_problems_do_not_cascade() {
    let engage: Vec<&str> = CASES
        .iter()
        .map(|c| c.file)
        .filter(|f| f.starts_with("engage-"))
        .collect();
    assert!(engage.len() >= 13, "{engage:?}");
    for name in engage {
        let ps = problems(name);
        assert_eq!(ps.len(), 1, "{name}: {ps:#?}");
    }
}

#[test]
fn stability_problems_do_not_cascade() {
    let stability: Vec<&str> = CASES
        .iter()
        .map(|c| c.file)
        .filter(|f| f.starts_with("stability-"))
        .collect();
    assert!(stability.len() >= 8, "{stability:?}");
    for name in stability {
        let ps = problems(name);
        assert_eq!(ps.len(), 1, "{name}: {ps:#?}");
    }
}

#[test]
fn cost_problems_do_not_cascade() {
    let cost: Vec<&str> = CASES
        .iter()
        .map(|c| c.file)
        .filter(|f| f.starts_with("cost-"))
        .collect();
    assert!(cost.len() >= 20, "{cost:?}");
    for name in cost {
        let ps = problems(name);
        assert_eq!(ps.len(), 1, "{name}: {ps:#?}");
    }
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

#[test]
fn a_tle_problem_is_shown_in_the_tle_file() {
    let ps = problems("tle-bad-checksum");
    assert_eq!(ps.len(), 1, "{ps:#?}");
    let p = &ps[0];
    assert!(
        p.file().ends_with("tests/malformed/bad-checksum.tle"),
        "{p}"
    );
    assert_eq!((p.line(), p.column()), (6, 69));
    let (file, text) = fixture("tle-bad-checksum");
    let err = parse_with_base(&file, &text, Some(&fixture_dir())).expect_err("bad checksum");
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .with_width(200)
        .render_report(&mut out, &err)
        .expect("rendering to a String cannot fail");
    assert!(out.contains("bad-checksum.tle:6:69"), "{out}");
    // The snippet is the TLE line, not the scenario.
    assert!(
        out.contains("2 28057  98.4283 247.6961 0000884  88.1964 271.9322 14.35478080140551"),
        "{out}"
    );
    assert!(out.contains("cupola::scenario::catalog"), "{out}");
}

#[test]
fn a_missing_catalog_names_the_resolved_path() {
    let ps = problems("tle-file-missing");
    assert_eq!(ps.len(), 1, "{ps:#?}");
    let resolved = fixture_dir().join("no-such-catalog.tle");
    let shown = resolved.display().to_string();
    assert!(ps[0].message().contains(&shown), "{}", ps[0]);
    assert!(ps[0].label().contains(&shown), "{}", ps[0].label());
}

#[test]
fn parse_reads_no_files() {
    let (file, text) = fixture("tle-bad-checksum");
    let err = parse(&file, &text).expect_err("parse cannot read the catalog");
    let p = &err.problems()[0];
    assert_eq!(p.kind(), File);
    assert_eq!((p.line(), p.column()), (7, 12));
    assert!(p.message().contains("without file access"), "{p}");
    assert!(p.help_text().unwrap_or("").contains("load"));
}

#[test]
fn every_problem_of_a_shell_is_reported() {
    let text = r#"
[scenario]
name = "x"
[[constellation]]
name = "a"
[[constellation.shell]]
altitude_km = 50
inclination_deg = 200
satellites = 10
planes = 3
phasing = 5
[[launch]]
missile = "solid-icbm"
site = { lat_deg = 41.0, lon_deg = 100.0 }
aim = { lat_deg = 47.0, lon_deg = -101.6 }
"#;
    let err = parse("shell.toml", text).expect_err("four mistakes");
    let got: Vec<(usize, usize)> = err
        .problems()
        .iter()
        .map(|p| (p.line(), p.column()))
        .collect();
    assert_eq!(got, vec![(7, 15), (8, 19), (9, 14), (11, 11)], "{err:?}");
}

#[test]
fn a_missing_count_does_not_hide_the_other_keys() {
    let text = r#"
[scenario]
name = "x"
[[constellation]]
name = "a"
[[constellation.shell]]
altitude_km = 50
inclination_deg = 55
planes = 3
phasing = 7
[[launch]]
missile = "solid-icbm"
site = { lat_deg = 41.0, lon_deg = 100.0 }
aim = { lat_deg = 47.0, lon_deg = -101.6 }
"#;
    let err = parse("shell.toml", text).expect_err("two mistakes");
    let got: Vec<(ProblemKind, usize)> = err
        .problems()
        .iter()
        .map(|p| (p.kind(), p.line()))
        .collect();
    // Missing `satellites` at the shell header, the altitude, the phasing.
    assert_eq!(
        got,
        vec![(MissingKey, 6), (InvalidValue, 7), (InvalidValue, 10)],
        "{err:?}"
    );
}

#[test]
fn keys_of_another_kind_are_named_for_every_kind() {
    let text = r#"
[scenario]
name = "x"
[[constellation]]
name = "geo"
tle_file = "x.tle"
[[sensor]]
name = "r"
kind = "radar"
site = { lat_deg = 64.3, lon_deg = -149.2 }
max_range_km = 4800.0
constellation = "geo"
min_sensors = 3
[[sensor]]
name = "t"
kind = "tracking"
constellation = "geo"
elevation_mask_deg = 5
half_width_deg = 60
[[launch]]
missile = "solid-icbm"
site = { lat_deg = 41.0, lon_deg = 100.0 }
aim = { lat_deg = 47.0, lon_deg = -101.6 }
"#;
    let err = parse("kinds.toml", text).expect_err("four keys of other kinds");
    let conflicts: Vec<(usize, &str)> = err
        .problems()
        .iter()
        .filter(|p| p.kind() == Conflict)
        .map(|p| (p.line(), p.message()))
        .collect();
    assert_eq!(conflicts.len(), 4, "{conflicts:#?}");
    assert!(
        conflicts[0]
            .1
            .contains("kind = \"infrared\" and \"tracking\" sensors only")
    );
    assert!(
        conflicts[1]
            .1
            .contains("`min_sensors` applies to kind = \"tracking\" sensors only")
    );
    assert!(conflicts[2].1.contains(
        "`elevation_mask_deg` applies to kind = \"radar\" sensors only, not to this \"tracking\""
    ));
    assert!(
        conflicts[3]
            .1
            .contains("`half_width_deg` applies to kind = \"radar\"")
    );
    // The catalog could not be read by `parse`; no unknown-name problem
    // follows for the sensors that name it.
    assert!(err.problems().iter().all(|p| p.kind() != UnknownName));
}

#[test]
fn a_sensor_without_constellations_is_told_how_to_add_one() {
    let text = r#"
[scenario]
name = "x"
[[sensor]]
name = "ir"
kind = "infrared"
constellation = "geo"
[[launch]]
missile = "solid-icbm"
site = { lat_deg = 41.0, lon_deg = 100.0 }
aim = { lat_deg = 47.0, lon_deg = -101.6 }
"#;
    let err = parse("none.toml", text).expect_err("no constellation");
    let p = &err.problems()[0];
    assert_eq!(p.kind(), UnknownName);
    assert!(
        p.help_text()
            .unwrap_or("")
            .contains("[[constellation]]\nname = \"geo\"")
    );
}

#[test]
fn a_catalog_with_many_bad_sets_lists_twenty() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = "1 28057U 03049A   06177.78615833  .00000060  00000-0  35940-4 0  1836\n\
                2 28057  98.4283 247.6961 0000884  88.1964 271.9322 14.35478080140550\n";
    let bad = good.replace("140550", "140551");
    std::fs::write(dir.path().join("many.tle"), bad.repeat(25)).expect("write");
    let text = "[scenario]\nname = \"x\"\n[[constellation]]\nname = \"c\"\ntle_file = \"many.tle\"\n\
                [[launch]]\nmissile = \"solid-icbm\"\nsite = { lat_deg = 41.0, lon_deg = 100.0 }\n\
                aim = { lat_deg = 47.0, lon_deg = -101.6 }\n";
    let err = parse_with_base("many.toml", text, Some(dir.path())).expect_err("25 bad sets");
    let ps = err.problems();
    assert_eq!(ps.len(), 21, "{ps:#?}");
    assert!(ps[..20].iter().all(|p| p.file().ends_with("many.tle")));
    assert_eq!(ps[19].line(), 40);
    assert_eq!(ps[20].file(), "many.toml");
    assert!(
        ps[20].message().contains("5 more bad element sets"),
        "{}",
        ps[20]
    );
}

#[test]
fn omm_problems_are_located_in_the_json_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("bad.json"),
        "[\n  {\"OBJECT_NAME\": \"X\",\n  }\n]\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("empty.json"), "[]").expect("write");
    let text = "[scenario]\nname = \"x\"\n\
                [[constellation]]\nname = \"a\"\nomm_file = \"bad.json\"\n\
                [[constellation]]\nname = \"b\"\nomm_file = \"empty.json\"\n\
                [[launch]]\nmissile = \"solid-icbm\"\nsite = { lat_deg = 41.0, lon_deg = 100.0 }\n\
                aim = { lat_deg = 47.0, lon_deg = -101.6 }\n";
    let err = parse_with_base("omm.toml", text, Some(dir.path())).expect_err("bad JSON");
    let ps = err.problems();
    assert_eq!(ps.len(), 2, "{ps:#?}");
    assert!(ps[0].file().ends_with("bad.json"), "{}", ps[0]);
    assert_eq!(ps[0].line(), 3);
    assert!(ps[0].message().starts_with("invalid JSON"), "{}", ps[0]);
    assert_eq!((ps[1].file(), ps[1].line()), ("omm.toml", 8));
    assert!(ps[1].message().contains("no element sets"), "{}", ps[1]);
}

#[test]
fn an_out_of_range_epoch_is_refused() {
    let text = "[scenario]\nname = \"x\"\nepoch = \"JD 1e300 UTC\"\n\
                [[launch]]\nmissile = \"solid-icbm\"\nsite = { lat_deg = 41.0, lon_deg = 100.0 }\n\
                aim = { lat_deg = 47.0, lon_deg = -101.6 }\n";
    let err = parse("e.toml", text).expect_err("year 3 million");
    assert!(
        err.problems()[0]
            .message()
            .contains("outside the years 1900 to 2200"),
        "{err:?}"
    );
    let text = text.replace("\"JD 1e300 UTC\"", "2026-01-01T00:00:00");
    let err = parse("e.toml", &text).expect_err("no offset");
    assert!(
        err.problems()[0].message().contains("UTC offset"),
        "{err:?}"
    );
}
