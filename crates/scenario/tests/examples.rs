//! The example scenarios in `scenarios/` and the embedded default.

use std::path::PathBuf;

use cupola_physics::frames::Geodetic;
use cupola_physics::gravity::GravityModel;
use cupola_scenario::{DEFAULT_SCENARIO_TOML, Scenario, default_scenario, load, parse};
use cupola_threat::{FlightOptions, Profile};

fn scenarios_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")
}

fn example(name: &str) -> Scenario {
    let path = scenarios_dir().join(name);
    load(&path).unwrap_or_else(|e| {
        let list: Vec<String> = e.problems().iter().map(ToString::to_string).collect();
        panic!("{}: {e}\n{}", path.display(), list.join("\n"))
    })
}

/// Great-circle distance on a 6371 km sphere, km.
fn distance_km(a: Geodetic, b: Geodetic) -> f64 {
    let h = ((b.lat - a.lat) / 2.0).sin().powi(2)
        + a.lat.cos() * b.lat.cos() * ((b.lon - a.lon) / 2.0).sin().powi(2);
    2.0 * h.sqrt().asin() * 6371.0
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn every_example_scenario_parses() {
    let mut failures = Vec::new();
    let mut count = 0;
    for entry in std::fs::read_dir(scenarios_dir()).expect("scenarios/ exists") {
        let path = entry.expect("directory entry").path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        count += 1;
        if let Err(e) = load(&path) {
            failures.push(format!("{e}"));
            failures.extend(e.problems().iter().map(ToString::to_string));
        }
    }
    assert!(
        count >= 4,
        "expected at least 4 example scenarios, found {count}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_default_scenario_has_the_documented_values() {
    let s = default_scenario();
    assert_eq!(s.name, "Default: one solid ICBM over 10,000 km");
    assert_eq!(s.seed, 1);
    assert_eq!(s.flight, FlightOptions::default());
    assert_eq!(s.flight.gravity, GravityModel::J2);
    assert!(s.missiles.is_empty());
    assert_eq!(s.source_name, "scenarios/default.toml");
    assert_eq!(s.hash.len(), 16);
    assert!(s.hash.chars().all(|c| c.is_ascii_hexdigit()));

    assert_eq!(s.launches.len(), 1);
    let l = &s.launches[0];
    assert_eq!(l.missile.name, "solid-icbm");
    assert_eq!(l.profile, Profile::MinimumEnergy);
    assert_eq!(l.time_s, 0.0);
    assert!(close(l.site.lat, 41.0_f64.to_radians()));
    assert!(close(l.site.lon, 100.0_f64.to_radians()));
    assert!(close(l.site.alt, 1_000.0));
    assert!(close(l.aim.alt, 0.0));
    // The aim point is in North America, 10,000 ± 50 km away.
    assert!(l.aim.lon.to_degrees() < -60.0 && l.aim.lat.to_degrees() > 25.0);
    let d = distance_km(l.site, l.aim);
    assert!((d - 10_000.0).abs() <= 50.0, "{d} km");
    // The catalog entry is used as is.
    let catalog = cupola_threat::catalog::all();
    let solid = catalog
        .iter()
        .find(|m| m.name == "solid-icbm")
        .expect("catalog has solid-icbm");
    assert_eq!(&l.missile, solid);
}

#[test]
fn the_hash_identifies_the_text() {
    let a = parse("a.toml", DEFAULT_SCENARIO_TOML).expect("default parses");
    let b = parse("b.toml", DEFAULT_SCENARIO_TOML).expect("default parses");
    assert_eq!(
        a.hash, b.hash,
        "the name of the file does not change the hash"
    );
    let edited = format!("{DEFAULT_SCENARIO_TOML}\n# a comment\n");
    let c = parse("a.toml", &edited).expect("still parses");
    assert_ne!(a.hash, c.hash);
    assert_eq!(a.hash, default_scenario().hash);
}

#[test]
fn lofted_example() {
    let s = example("lofted.toml");
    assert_eq!(s.seed, 7);
    assert_eq!(s.launches[0].profile, Profile::Lofted { apogee_m: 4.0e6 });
    assert_eq!(s.launches[0].name, "lofted test");
}

#[test]
fn depressed_slbm_example() {
    let s = example("depressed-slbm.toml");
    let l = &s.launches[0];
    assert_eq!(l.missile.name, "slbm");
    assert_eq!(
        l.profile,
        Profile::DepressedTime {
            flight_time_s: 600.0
        }
    );
}

#[test]
fn inline_missile_example() {
    let s = example("inline-missile.toml");
    assert_eq!(s.seed, 42);
    assert_eq!(s.missiles.len(), 1);
    let m = &s.missiles[0];
    assert_eq!(m.name, "demo-irbm");
    assert_eq!(m.stages.len(), 2);
    assert_eq!(
        m.stages[0].gross_mass_kg, 10_000.0,
        "an integer is read as a number"
    );
    assert_eq!(m.stages[1].nozzle_exit_area_m2, 0.0);
    assert_eq!(m.rv.mass_kg, 500.0);
    assert_eq!(m.rv_count, 1);
    assert_eq!(m.drag_factor, 1.0);
    assert!(m.validate().is_ok());
    assert_eq!(s.launches.len(), 2);
    assert_eq!(s.launches[0].name, "launch 1");
    assert_eq!(s.launches[0].missile, *m);
    assert_eq!(s.launches[1].name, "second salvo");
    assert_eq!(s.launches[1].time_s, 120.0);
}

#[test]
fn defaults_fill_optional_keys() {
    let text = r#"
[scenario]
name = "minimal"

[physics]
gravity = "point_mass"
drag = false

[[missile]]
name = "m"
payload_mass_kg = 1000
diameter_m = 2
[[missile.stage]]
gross_mass_kg = 20000
propellant_mass_kg = 18000
isp_vac_s = 280
burn_time_s = 60
[missile.rv]
mass_kg = 400
ballistic_coefficient_kg_m2 = 5000

[[launch]]
missile = "m"
site.lat_deg = 0
site.lon_deg = 0
aim = { lat_deg = 0, lon_deg = 10 }
profile = "depressed"
apogee_km = 300
"#;
    let s = parse("minimal.toml", text).unwrap_or_else(|e| panic!("{:?}", e.problems()));
    assert_eq!(s.description, "");
    assert_eq!(s.seed, 1);
    assert_eq!(s.flight.gravity, GravityModel::PointMass);
    assert!(s.flight.rotating_earth);
    assert!(!s.flight.drag);
    let m = &s.missiles[0];
    assert_eq!(m.description, "");
    assert!(m.sources.is_empty());
    assert_eq!(
        (m.drag_factor, m.vertical_rise_s, m.bus_deploy_s, m.rv_count),
        (1.0, 6.0, 0.0, 1)
    );
    assert_eq!(m.stages[0].nozzle_exit_area_m2, 0.0);
    let l = &s.launches[0];
    assert_eq!(l.site, Geodetic::from_degrees(0.0, 0.0, 0.0));
    assert_eq!(
        l.profile,
        Profile::Depressed {
            apogee_m: 300_000.0
        }
    );
    assert_eq!(l.time_s, 0.0);
}
