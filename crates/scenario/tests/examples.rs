//! The example scenarios in `scenarios/` and the embedded default.

use std::path::PathBuf;

use cupola_analysis::cost::{
    Category, Learning, OrbitKeeping, SolarActivity, UnitCost, life_cycle, presets,
};
use cupola_analysis::engage::{
    Allocation, Asset, Assignment, BoostLayerSpec, Doctrine, EngageSpec, MidcourseSite,
    TerminalBattery, TerminalKind,
};
use cupola_analysis::raid::LaunchArea;
use cupola_analysis::sizing::{
    AsatSpec, Detection, Phasing, SbiLayerSpec, SizingSpec, Sweep, SweepKind,
};
use cupola_analysis::stability::{Arsenal, Caps, StabilitySpec, presets};
use cupola_defense::budget::Deadline;
use cupola_defense::interceptor::{Carrier, Interceptor};
use cupola_physics::constants::G0;
use cupola_physics::constellation::{Constellation, Pattern, Shell};
use cupola_physics::frames::Geodetic;
use cupola_physics::gravity::GravityModel;
use cupola_physics::orbit::sgp4_model::Satellite;
use cupola_scenario::{
    ConstellationSource, CoverageSpec, DEFAULT_SCENARIO_TOML, DetectSpec, Scenario, SensorKind,
    default_epoch, default_scenario, load, parse, parse_with_base,
};
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
        count >= 8,
        "expected at least 8 example scenarios, found {count}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_default_scenario_has_the_documented_values() {
    let s = default_scenario();
    assert_eq!(
        s.name,
        "Default: a national layer against four launch areas"
    );
    assert_eq!(s.seed, 1);
    assert_eq!(s.flight, FlightOptions::default());
    assert_eq!(s.flight.gravity, GravityModel::J2);
    assert!(s.missiles.is_empty());
    assert_eq!(s.source_name, "scenarios/default.toml");
    assert_eq!(s.hash.len(), 16);
    assert!(s.hash.chars().all(|c| c.is_ascii_hexdigit()));

    // Four launches, one per area, at about 39°N, 41°N, 55°N and 33°N.
    assert_eq!(s.launches.len(), 4);
    let lats: Vec<f64> = s
        .launches
        .iter()
        .map(|l| l.site.lat.to_degrees().round())
        .collect();
    assert_eq!(lats, [39.0, 41.0, 55.0, 33.0]);
    for l in &s.launches {
        assert_eq!(l.missile.name, "solid-icbm");
        assert_eq!(l.profile, Profile::MinimumEnergy);
        assert_eq!(l.time_s, 0.0);
        // Aim points in North America.
        assert!(l.aim.lon.to_degrees() < -60.0 && l.aim.lat.to_degrees() > 25.0);
    }
    let l = &s.launches[1];
    assert!(close(l.site.lat, 41.0_f64.to_radians()));
    assert!(close(l.site.lon, 100.0_f64.to_radians()));
    assert!(close(l.site.alt, 1_000.0));
    assert!(close(l.aim.alt, 0.0));
    let d = distance_km(l.site, l.aim);
    assert!((d - 10_000.0).abs() <= 50.0, "{d} km");
    // Both studies face the same four areas: 3 + 3 + 3 + 1 missiles.
    let size = s.size.as_ref().expect("default has [size]");
    let engage = s.engage.as_ref().expect("default has [engage]");
    assert_eq!(size.areas, engage.areas);
    let salvos: Vec<(usize, u32)> = size.areas.iter().map(|a| (a.launch, a.salvo)).collect();
    assert_eq!(salvos, [(0, 3), (1, 3), (2, 3), (3, 1)]);
    assert_eq!(size.salvo(), 10);
    assert!(close(size.areas[0].width_m, 200e3) && close(size.areas[0].depth_m, 100e3));
    // Each retaliating arsenal fires from its own area.
    let arsenals: Vec<(&str, u32, Vec<&str>)> = s
        .stability
        .as_ref()
        .expect("default has [stability]")
        .arsenals
        .iter()
        .map(|a| {
            (
                a.name.as_str(),
                a.warheads,
                a.areas.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        arsenals,
        [
            ("small regional arsenal", 20, vec!["39N area"]),
            ("China-sized force", 600, vec!["41N area"]),
            ("Russia-sized force", 1550, vec!["55N area"]),
        ]
    );
    // The sensor layer: GEO infrared and LEO tracking, a detection step, no
    // coverage study (kept out so that the default run stays quick).
    assert_eq!(s.epoch, default_epoch());
    let names: Vec<&str> = s.constellations.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["geo-ir", "leo-tracking"]);
    assert_eq!(s.constellations[0].satellite_count(), 4);
    assert_eq!(s.constellations[1].satellite_count(), 96);
    assert_eq!(s.sensors.len(), 2);
    assert_eq!(s.sensors[0].kind.kind_name(), "infrared");
    assert_eq!(s.sensors[0].kind.constellation(), Some("geo-ir"));
    assert_eq!(s.sensors[1].kind.kind_name(), "tracking");
    assert_eq!(s.coverage, None);
    assert_eq!(s.detect, Some(DetectSpec { step_s: 1.0 }));
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

#[test]
fn sensor_layer_example() {
    let s = example("sensor-layer.toml");
    assert_eq!(s.epoch, default_epoch());
    assert_eq!(s.constellations.len(), 2);
    let ConstellationSource::Walker {
        shells,
        random_phasing_seed,
    } = &s.constellations[0].source
    else {
        panic!("geo-ir is a Walker shell")
    };
    assert_eq!(*random_phasing_seed, None);
    assert_eq!(
        shells[..],
        [Shell::walker_delta(35_786e3, 0.0, 4, 1, 0)],
        "GEO altitude in m above WGS84_A"
    );
    let ConstellationSource::Walker { shells, .. } = &s.constellations[1].source else {
        panic!("leo-tracking is a Walker shell")
    };
    assert_eq!(
        shells[0],
        Shell::walker_delta(1_000e3, 55f64.to_radians(), 96, 8, 1)
    );

    assert_eq!(s.sensors.len(), 3);
    assert_eq!(s.sensors[0].name, "geo early warning");
    assert_eq!(
        s.sensors[0].kind,
        SensorKind::Infrared {
            constellation: "geo-ir".into(),
            burnthrough_altitude_m: 12e3,
            reporting_latency_s: 20.0,
            max_range_m: f64::INFINITY,
        }
    );
    let SensorKind::Tracking {
        constellation,
        grazing_altitude_m,
        max_range_m,
        sees_cold_bodies,
        angle_error_rad,
        min_sensors,
        burnthrough_altitude_m,
        smoothing_time_s,
    } = &s.sensors[1].kind
    else {
        panic!("a tracking layer")
    };
    assert_eq!(constellation, "leo-tracking");
    assert_eq!(*grazing_altitude_m, 0.0);
    assert_eq!(*max_range_m, 5e6);
    assert!(*sees_cold_bodies);
    assert!(close(*angle_error_rad, 20e-6));
    assert_eq!(*min_sensors, 2);
    assert_eq!(*burnthrough_altitude_m, 12e3);
    assert_eq!(*smoothing_time_s, 10.0);
    let SensorKind::Radar(r) = &s.sensors[2].kind else {
        panic!("a radar")
    };
    assert_eq!(r.name, "alaska radar");
    assert!(close(r.site.lat, 64.29f64.to_radians()));
    assert!(close(r.site.alt, 200.0));
    assert_eq!(r.max_range_m, 4.8e6);
    assert!(close(r.elevation_mask_rad, 3f64.to_radians()));
    assert!(close(r.boresight_azimuth_rad, 330f64.to_radians()));
    assert!(close(r.half_width_rad, 120f64.to_radians()));
    assert_eq!(r.range_error_m, 10.0);
    assert!(close(r.angle_error_rad, 1e-3));
    // Clone and equality are written by hand for the radar.
    assert_eq!(s.sensors[2].clone(), s.sensors[2]);
    assert_ne!(s.sensors[2], s.sensors[0]);

    let c = s.coverage.as_ref().expect("[coverage]");
    assert_eq!(c.constellation.as_deref(), Some("leo-tracking"));
    assert!(close(c.min_elevation_rad, 10f64.to_radians()));
    assert_eq!(
        (c.min_satellites, c.duration_s, c.step_s),
        (2, 86_400.0, 60.0)
    );
    assert!(close(c.latitude_step_rad, 5f64.to_radians()));
    assert_eq!(s.detect, Some(DetectSpec { step_s: 1.0 }));

    // Serializable, with the sensor kind as a tag as in the file.
    let json = serde_json::to_value(&s).expect("serializes");
    assert_eq!(json["sensors"][2]["kind"]["kind"], "radar");
    assert_eq!(json["sensors"][2]["kind"]["max_range_m"], 4.8e6);
    assert_eq!(json["epoch"], "2026-01-01T00:00:00 UTC");
}

#[test]
fn walker_shells_example() {
    let s = example("walker-shells.toml");
    let ConstellationSource::Walker {
        shells,
        random_phasing_seed,
    } = &s.constellations[0].source
    else {
        panic!("Walker shells")
    };
    assert_eq!(*random_phasing_seed, None);
    assert_eq!(shells.len(), 2);
    assert_eq!(shells[1].pattern, Pattern::Star);
    assert!(close(shells[1].raan_offset_rad, 15f64.to_radians()));
    assert_eq!(
        (shells[1].total, shells[1].planes, shells[1].phasing),
        (66, 6, 2)
    );
    let built = Constellation::new(shells.clone()).expect("valid shells");
    assert_eq!(built.len(), 360 + 66);
    assert_eq!(s.constellations[0].satellite_count(), 426);

    let ConstellationSource::Walker {
        shells,
        random_phasing_seed,
    } = &s.constellations[1].source
    else {
        panic!("Walker shells")
    };
    assert_eq!(*random_phasing_seed, Some(7));
    assert_eq!(shells[0].phasing, 0, "phasing defaults to 0");
    assert_eq!(
        shells[0].pattern,
        Pattern::Delta,
        "pattern defaults to delta"
    );
    let random = Constellation::with_random_phasing(shells.clone(), 7).expect("valid");
    assert_eq!(random.len(), 360);

    // No `constellation`: all of them together.
    assert_eq!(
        s.coverage,
        Some(CoverageSpec {
            constellation: None,
            min_elevation_rad: 10f64.to_radians(),
            min_satellites: 1,
            duration_s: 21_600.0,
            step_s: 120.0,
            latitude_step_rad: 10f64.to_radians(),
        })
    );
}

#[test]
fn heo_example() {
    let s = example("heo.toml");
    let ConstellationSource::Orbits(orbits) = &s.constellations[0].source else {
        panic!("explicit orbits")
    };
    assert_eq!(orbits.len(), 2);
    for el in orbits {
        // Altitudes above the WGS84 equatorial radius, as Elements counts them.
        assert!((el.perigee_altitude_m() - 600e3).abs() < 1e-6);
        assert!((el.apogee_altitude_m() - 39_700e3).abs() < 1e-6);
        assert!(close(el.inclination_rad, 63.4f64.to_radians()));
        assert!(close(el.arg_perigee_rad, 270f64.to_radians()));
        // A Molniya orbit: about half a sidereal day.
        let hours = el.period_s() / 3600.0;
        assert!((hours - 11.96).abs() < 0.05, "{hours} h");
    }
    assert!(close(orbits[0].mean_anomaly_rad, std::f64::consts::PI));
    assert!(close(orbits[1].raan_rad, std::f64::consts::PI));
    assert_eq!(s.detect, Some(DetectSpec { step_s: 2.0 }));
    let SensorKind::Infrared {
        burnthrough_altitude_m,
        reporting_latency_s,
        max_range_m,
        ..
    } = s.sensors[0].kind
    else {
        panic!("infrared")
    };
    assert_eq!(
        (burnthrough_altitude_m, reporting_latency_s, max_range_m),
        (12e3, 20.0, f64::INFINITY),
        "the infrared defaults"
    );
}

#[test]
fn tle_catalog_example() {
    let s = example("tle-catalog.toml");
    assert_eq!(s.epoch.to_string(), "2006-06-26T00:00:00 UTC");
    let ConstellationSource::Catalog { path, elements } = &s.constellations[0].source else {
        panic!("a catalog")
    };
    let expected = scenarios_dir().join("catalog.tle");
    assert_eq!(path, &expected.display().to_string());
    let names: Vec<&str> = elements.iter().filter_map(|e| e.name.as_deref()).collect();
    assert_eq!(
        names,
        [
            "MOLNIYA 2-14",
            "CBERS 2",
            "NAVSTAR 53 (USA 175)",
            "ITALSAT 2"
        ]
    );
    assert_eq!(elements[1].catalog_number, 28057);
    assert!(elements.iter().all(|e| Satellite::from_elements(e).is_ok()));
    assert_eq!(s.constellations[0].satellite_count(), 4);
}

#[test]
fn without_a_directory_catalogs_are_read_from_the_current_directory() {
    // Cargo runs integration tests in the package directory.
    let text = "[scenario]\nname = \"x\"\nepoch = \"2006-06-26T00:00:00 UTC\"\n\
                [[constellation]]\nname = \"c\"\n\
                tle_file = \"../../scenarios/catalog.tle\"\n[[launch]]\nmissile = \"solid-icbm\"\n\
                site = { lat_deg = 41.0, lon_deg = 100.0 }\naim = { lat_deg = 47.0, lon_deg = -101.6 }\n";
    let s =
        parse_with_base("stdin.toml", text, None).unwrap_or_else(|e| panic!("{:?}", e.problems()));
    assert_eq!(s.constellations[0].satellite_count(), 4);
    let ConstellationSource::Catalog { path, .. } = &s.constellations[0].source else {
        panic!("a catalog")
    };
    assert_eq!(path, "../../scenarios/catalog.tle");
}

#[test]
fn omm_catalogs_are_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let omm = r#"[{"OBJECT_NAME": "CBERS 2", "OBJECT_ID": "2003-049A", "EPOCH": "2006-06-26T18:52:03.359712",
        "MEAN_MOTION": 14.3547808, "ECCENTRICITY": 0.0000884, "INCLINATION": 98.4283,
        "RA_OF_ASC_NODE": 247.6961, "ARG_OF_PERICENTER": 88.1964, "MEAN_ANOMALY": 271.9322,
        "NORAD_CAT_ID": 28057, "BSTAR": 0.00003594, "MEAN_MOTION_DOT": 0.0000006, "MEAN_MOTION_DDOT": 0}]"#;
    std::fs::write(dir.path().join("sats.json"), omm).expect("write");
    let scenario = dir.path().join("omm.toml");
    std::fs::write(
        &scenario,
        "[scenario]\nname = \"x\"\nepoch = \"2006-06-26T00:00:00 UTC\"\n\
         [[constellation]]\nname = \"c\"\nomm_file = \"sats.json\"\n\
         [[launch]]\nmissile = \"solid-icbm\"\nsite = { lat_deg = 41.0, lon_deg = 100.0 }\n\
         aim = { lat_deg = 47.0, lon_deg = -101.6 }\n",
    )
    .expect("write");
    let s = load(&scenario).unwrap_or_else(|e| panic!("{:?}", e.problems()));
    let ConstellationSource::Catalog { elements, .. } = &s.constellations[0].source else {
        panic!("a catalog")
    };
    assert_eq!(elements.len(), 1);
    assert_eq!(elements[0].catalog_number, 28057);
}

#[test]
fn sensor_and_study_defaults() {
    let text = r#"
[scenario]
name = "defaults"
[[constellation]]
name = "leo"
shell = [{ altitude_km = 1000, inclination_deg = 55, satellites = 96, planes = 8 }]
[[sensor]]
name = "ir"
kind = "infrared"
constellation = "leo"
[[sensor]]
name = "trk"
kind = "tracking"
constellation = "leo"
[[sensor]]
name = "radar"
kind = "radar"
site.lat_deg = 64.3
site.lon_deg = -149.2
max_range_km = 3000
[[launch]]
missile = "solid-icbm"
site = { lat_deg = 41.0, lon_deg = 100.0 }
aim = { lat_deg = 47.0, lon_deg = -101.6 }
[coverage]
[detect]
"#;
    let s = parse("defaults.toml", text).unwrap_or_else(|e| panic!("{:?}", e.problems()));
    assert_eq!(s.epoch, default_epoch());
    assert_eq!(
        s.sensors[1].kind,
        SensorKind::Tracking {
            constellation: "leo".into(),
            grazing_altitude_m: 0.0,
            max_range_m: f64::INFINITY,
            sees_cold_bodies: true,
            angle_error_rad: 20e-6,
            min_sensors: 2,
            burnthrough_altitude_m: 12e3,
            smoothing_time_s: 10.0,
        }
    );
    let SensorKind::Radar(r) = &s.sensors[2].kind else {
        panic!("radar")
    };
    assert!(close(r.elevation_mask_rad, 5f64.to_radians()));
    assert_eq!(r.boresight_azimuth_rad, 0.0);
    assert!(close(r.half_width_rad, std::f64::consts::PI));
    assert_eq!((r.range_error_m, r.angle_error_rad), (10.0, 1e-3));
    assert_eq!(r.site, Geodetic::from_degrees(64.3, -149.2, 0.0));
    assert_eq!(
        s.coverage,
        Some(CoverageSpec {
            constellation: None,
            min_elevation_rad: 10f64.to_radians(),
            min_satellites: 1,
            duration_s: 86_400.0,
            step_s: 60.0,
            latitude_step_rad: 5f64.to_radians(),
        })
    );
    assert_eq!(s.detect, Some(DetectSpec { step_s: 1.0 }));
}

/// The generic interceptor of the `[sbi.interceptor]` defaults (APS 2003,
/// ch. 10), in SI units.
fn generic_interceptor() -> Interceptor {
    Interceptor {
        booster_delta_v_m_s: 4_000.0,
        booster_stages: 1,
        booster_isp_s: 285.0,
        structure_fraction: 0.15,
        acceleration_m_s2: 10.0 * G0,
        kill_vehicle_mass_kg: 42.0,
        divert_delta_v_m_s: 1_000.0,
        end_game_s: 10.0,
        divert_isp_s: 290.0,
        unpredicted_fraction: 0.1,
    }
}

#[test]
fn sbi_example() {
    let s = example("sbi.toml");
    let layer = s.sbi.as_ref().expect("[sbi]");
    assert_eq!(
        *layer,
        SbiLayerSpec {
            carrier: Carrier {
                interceptor: generic_interceptor(),
                interceptors: 3,
                bus_mass_kg: 300.0,
                max_payload_kg: 2_000.0,
            },
            detection: Detection::Latency { seconds: 30.0 },
            decision_s: 30.0,
            deadline: Deadline::BoostEnd,
            altitude_m: 500e3,
            inclinations_rad: vec![45f64.to_radians(), 55f64.to_radians()],
            planes: vec![24],
            phasing: Phasing::Walker,
            shells: Vec::new(),
        }
    );
    assert!(layer.carrier.validate().is_ok());
    // Δv / a: 4,000 m/s at 10 g is a 40.8 s burn.
    assert!((layer.carrier.interceptor.burn_time_s() - 40.79).abs() < 0.01);

    let size = s.size.as_ref().expect("[size]");
    let expected_sweeps = vec![
        Sweep {
            kind: SweepKind::Salvo,
            values: vec![1.0, 2.0, 5.0, 10.0, 15.0, 20.0],
        },
        Sweep {
            kind: SweepKind::BoostTime,
            values: vec![100.0, 150.0, 200.0, 250.0, 300.0],
        },
        Sweep {
            kind: SweepKind::DeltaV,
            values: vec![2_000.0, 3_000.0, 4_000.0, 5_000.0, 6_000.0],
        },
        Sweep {
            kind: SweepKind::Altitude,
            values: vec![300e3, 500e3, 800e3, 1_200e3],
        },
        Sweep {
            kind: SweepKind::Inclination,
            values: [30.0, 45.0, 55.0, 70.0, 90.0].map(f64::to_radians).to_vec(),
        },
    ];
    assert_eq!(
        *size,
        SizingSpec {
            areas: vec![LaunchArea::at("ICBM to North Dakota", 0, 10)],
            shots: 1,
            confidence: 0.95,
            samples: 10_000,
            span_s: 86_400.0,
            max_satellites: 100_000,
            resolution_rad: 0.2f64.to_radians(),
            sweeps: expected_sweeps,
        }
    );
    assert_eq!(
        s.asat,
        Some(AsatSpec {
            targets: "leo-tracking".into(),
            within_s: 600.0,
        })
    );
    // Serializable, with the enums tagged.
    let json = serde_json::to_value(&s).expect("serializes");
    assert_eq!(json["sbi"]["deadline"]["kind"], "boost_end");
    assert_eq!(json["size"]["sweeps"][2]["kind"], "delta_v");
}

/// A minimal SBI scenario: `[sbi]` with its three required keys, empty
/// `[size]`, every other key at its default.
const MINIMAL_SBI: &str = r#"
[scenario]
name = "sbi defaults"
[[launch]]
missile = "solid-icbm"
site = { lat_deg = 41.0, lon_deg = 100.0, alt_km = 1.0 }
aim = { lat_deg = 47.35, lon_deg = -101.75 }
[[launch]]
name = "second"
missile = "solid-icbm"
site = { lat_deg = 41.0, lon_deg = 100.0, alt_km = 1.0 }
aim = { lat_deg = 47.35, lon_deg = -101.75 }
[sbi]
altitude_km = 500
inclination_deg = 55
planes = [12, 24]
"#;

#[test]
fn sbi_and_size_defaults() {
    let text = format!("{MINIMAL_SBI}[size]\n");
    let s = parse("sbi.toml", &text).unwrap_or_else(|e| panic!("{:?}", e.problems()));
    assert_eq!(
        s.sbi,
        Some(SbiLayerSpec {
            carrier: Carrier {
                interceptor: generic_interceptor(),
                interceptors: 1,
                bus_mass_kg: 300.0,
                max_payload_kg: 2_000.0,
            },
            detection: Detection::Latency { seconds: 30.0 },
            decision_s: 30.0,
            deadline: Deadline::BoostEnd,
            altitude_m: 500e3,
            inclinations_rad: vec![55f64.to_radians()],
            planes: vec![12, 24],
            phasing: Phasing::Walker,
            shells: Vec::new(),
        })
    );
    assert_eq!(
        s.size,
        Some(SizingSpec {
            areas: vec![LaunchArea::at("launch 1", 0, 10)],
            shots: 1,
            confidence: 0.95,
            samples: 10_000,
            span_s: 86_400.0,
            max_satellites: 100_000,
            resolution_rad: 0.2f64.to_radians(),
            sweeps: Vec::new(),
        })
    );
    assert_eq!(s.asat, None);
    // Without the tables, nothing.
    let none = example("lofted.toml");
    assert_eq!((none.sbi, none.size, none.asat), (None, None, None));
}

#[test]
fn sbi_budget_forms() {
    let with = |budget: &str| {
        let text = format!("{MINIMAL_SBI}[sbi.budget]\n{budget}\n");
        parse("sbi.toml", &text).unwrap_or_else(|e| {
            let list: Vec<String> = e.problems().iter().map(ToString::to_string).collect();
            panic!("{budget}: {}", list.join("\n"))
        })
    };
    let layer = |s: Scenario| s.sbi.expect("[sbi]");
    let l = layer(with("deadline = \"bus_deployed\"\ndecision_s = 0"));
    assert_eq!(l.deadline, Deadline::BusDeployed);
    assert_eq!(l.decision_s, 0.0);
    let l = layer(with("deadline = { descends_below_km = 100.0 }"));
    assert_eq!(l.deadline, Deadline::DescendsBelow { altitude_m: 100e3 });
    let l = layer(with("deadline = { time_s = 250 }\ndetection_s = 12.5"));
    assert_eq!(l.deadline, Deadline::At { time_s: 250.0 });
    assert_eq!(l.detection, Detection::Latency { seconds: 12.5 });
    // The sensor layer reports; the deadline is a sub-table.
    let text = r#"
[scenario]
name = "sbi with sensors"
[[constellation]]
name = "geo"
shell = [{ altitude_km = 35786, inclination_deg = 0, satellites = 4, planes = 1 }]
[[sensor]]
name = "ir"
kind = "infrared"
constellation = "geo"
[[launch]]
missile = "solid-icbm"
site = { lat_deg = 41.0, lon_deg = 100.0, alt_km = 1.0 }
aim = { lat_deg = 47.35, lon_deg = -101.75 }
[sbi]
altitude_km = 500
inclination_deg = 55
planes = 1
phasing = "random"
[sbi.interceptor]
delta_v_km_s = 6.0
stages = 2
[sbi.budget]
detection = "sensors"
[sbi.budget.deadline]
time_s = 200
"#;
    let l = layer(parse("sensors.toml", text).unwrap_or_else(|e| panic!("{:?}", e.problems())));
    assert_eq!(l.phasing, Phasing::Random);
    assert_eq!(l.carrier.interceptor.booster_stages, 2);
    assert_eq!(l.carrier.interceptor.booster_delta_v_m_s, 6_000.0);
    assert_eq!(l.detection, Detection::SensorLayer);
    assert_eq!(l.deadline, Deadline::At { time_s: 200.0 });
}

#[test]
fn size_names_its_launch() {
    let text = format!(
        "{MINIMAL_SBI}[size]\nlaunch = \"second\"\n[size.sweep]\nboost_s = [120.5, 90]\nsalvo = [3]\n"
    );
    let s = parse("sbi.toml", &text).unwrap_or_else(|e| panic!("{:?}", e.problems()));
    let size = s.size.expect("[size]");
    assert_eq!(size.areas[0].launch, 1);
    assert_eq!(s.launches[size.areas[0].launch].name, "second");
    assert_eq!(size.areas[0].name, "second");
    // Sweeps in file order, values in the order given.
    assert_eq!(
        size.sweeps,
        [
            Sweep {
                kind: SweepKind::BoostTime,
                values: vec![120.5, 90.0],
            },
            Sweep {
                kind: SweepKind::Salvo,
                values: vec![3.0],
            },
        ]
    );
}

/// A point given in degrees and km, as the scenario reader converts it.
fn point(lat_deg: f64, lon_deg: f64, alt_km: f64) -> Geodetic {
    Geodetic::from_degrees(lat_deg, lon_deg, alt_km * 1e3)
}

#[test]
fn layered_example() {
    let s = example("layered.toml");
    assert!(s.sbi.is_some(), "the boost layer needs [sbi]");
    let names: Vec<&str> = s.sensors.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["geo early warning", "leo tracking", "ground radar"]);
    let engage = s.engage.as_ref().expect("[engage]");
    let aim = point(47.35, -101.75, 0.0);
    let expected = EngageSpec {
        areas: vec![LaunchArea::at("ICBM to North Dakota", 0, 10)],
        decoys_per_rv: 0,
        trials: 10_000,
        detection_jitter_s: 0.0,
        assignment: Assignment::Greedy,
        allocation: Allocation::Doctrine,
        boost: Some(BoostLayerSpec {
            carriers: 7_800,
            pk: 0.8,
            shots: 1,
            pool: 2_048,
        }),
        midcourse: vec![
            // GMD: 40 + 4 = 44 interceptors, pk 12/21.
            MidcourseSite {
                name: "Fort Greely".into(),
                site: point(63.95, -145.7, 0.4),
                inventory: 40,
                pk: 0.571,
                flyout_speed_m_s: 7_000.0,
                doctrine: Doctrine::Barrage { shots: 2 },
                assess_s: 60.0,
                kill_assessment: 0.9,
                decision_s: 30.0,
                discrimination: 0.0,
                reserve: 0.0,
                sensor: "leo tracking".into(),
            },
            MidcourseSite {
                name: "Vandenberg".into(),
                site: point(34.7, -120.6, 0.0),
                inventory: 4,
                pk: 0.571,
                flyout_speed_m_s: 7_000.0,
                doctrine: Doctrine::ShootLookShoot { shots: 1 },
                assess_s: 60.0,
                kill_assessment: 0.9,
                decision_s: 30.0,
                discrimination: 0.0,
                reserve: 0.0,
                sensor: "leo tracking".into(),
            },
        ],
        terminal: vec![
            TerminalBattery {
                name: "THAAD-like battery".into(),
                site: aim,
                kind: TerminalKind::UpperTier,
                footprint_m: 200e3,
                min_altitude_m: 40e3,
                max_altitude_m: 150e3,
                inventory: 48,
                pk: 0.8,
                doctrine: Doctrine::Barrage { shots: 2 },
                assess_s: 10.0,
                kill_assessment: 0.9,
                sensor: "ground radar".into(),
            },
            TerminalBattery {
                name: "Iron-Dome-like battery".into(),
                site: aim,
                kind: TerminalKind::ShortRange {
                    max_threat_range_m: 70e3,
                },
                footprint_m: 15e3,
                min_altitude_m: 500.0,
                max_altitude_m: 10e3,
                inventory: 20,
                pk: 0.9,
                doctrine: Doctrine::Barrage { shots: 2 },
                assess_s: 10.0,
                kill_assessment: 0.9,
                sensor: "ground radar".into(),
            },
        ],
        assets: vec![Asset {
            name: "central North Dakota".into(),
            site: aim,
            value: 1.0,
            radius_m: 50e3,
        }],
        salvo_sweep: vec![1, 2, 5, 10, 20],
        asat_shots: 0,
    };
    assert_eq!(*engage, expected);
    let gmd: u32 = engage.midcourse.iter().map(|m| m.inventory).sum();
    assert_eq!(gmd, 44);
    assert!((engage.midcourse[0].pk - 12.0 / 21.0).abs() < 1e-3);
    // The short-range battery never engages the 10,000 km ICBM: a warning,
    // located at its threat range, and nothing else.
    assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
    let w = &s.warnings[0];
    assert!(w.contains("layered.toml:"), "{w}");
    assert!(
        w.contains("`Iron-Dome-like battery` engages threats of at most 70 km range"),
        "{w}"
    );
    assert!(
        w.contains("the reference launch `ICBM to North Dakota` flies 10000 km: it never engages"),
        "{w}"
    );
    let line = include_str!("../../../scenarios/layered.toml")
        .lines()
        .position(|l| l.trim_start().starts_with("max_threat_range_km"))
        .expect("the threat range is written")
        + 1;
    assert!(
        w.starts_with(&format!("{}:{line}:25: ", s.source_name)),
        "{w}"
    );
    // Serializable, with the enums tagged.
    let json = serde_json::to_value(&s).expect("serializes");
    assert_eq!(
        json["engage"]["midcourse"][1]["doctrine"]["kind"],
        "shoot_look_shoot"
    );
    assert_eq!(json["engage"]["terminal"][1]["kind"]["kind"], "short_range");
    assert_eq!(json["engage"]["assignment"], "greedy");
}

/// A minimal engagement: a radar, and one layer of each kind with only
/// its required keys.
const MINIMAL_ENGAGE: &str = r#"
[scenario]
name = "engage defaults"
[[launch]]
name = "ICBM to North Dakota"
missile = "solid-icbm"
site = { lat_deg = 41.0, lon_deg = 100.0, alt_km = 1.0 }
aim = { lat_deg = 47.35, lon_deg = -101.75 }
[[sensor]]
name = "radar"
kind = "radar"
site = { lat_deg = 47.6, lon_deg = -101.5 }
max_range_km = 2000.0
"#;

#[test]
fn engage_defaults() {
    let parse_ok = |text: &str| {
        parse("engage.toml", text).unwrap_or_else(|e| {
            let list: Vec<String> = e.problems().iter().map(ToString::to_string).collect();
            panic!("{}", list.join("\n"))
        })
    };
    // An empty [engage]: every default, no layers.
    let s = parse_ok(&format!("{MINIMAL_ENGAGE}[engage]\n"));
    assert_eq!(
        s.engage,
        Some(EngageSpec {
            areas: vec![LaunchArea::at("ICBM to North Dakota", 0, 10)],
            decoys_per_rv: 0,
            trials: 10_000,
            detection_jitter_s: 0.0,
            assignment: Assignment::Greedy,
            allocation: Allocation::Doctrine,
            boost: None,
            midcourse: Vec::new(),
            terminal: Vec::new(),
            assets: Vec::new(),
            salvo_sweep: Vec::new(),
            asat_shots: 0,
        })
    );
    assert!(s.warnings.is_empty());

    // One layer of each kind with its required keys only.
    let text = format!(
        "{MINIMAL_ENGAGE}[engage]
salvo = 3
area_width_km = 200
window_s = 60
decoys_per_rv = 4
trials = 500
detection_jitter_s = 5
assignment = \"exact\"
salvo_sweep = [5]
[[engage.midcourse]]
name = \"gbi\"
site = {{ lat_deg = 63.95, lon_deg = -145.7 }}
inventory = 10
pk = 0.5
sensor = \"radar\"
doctrine = \"shoot_look_shoot\"
[[engage.terminal]]
name = \"upper\"
site = {{ lat_deg = 47.35, lon_deg = -101.75 }}
inventory = 8
pk = 0.7
sensor = \"radar\"
[[engage.asset]]
name = \"aim\"
site = {{ lat_deg = 47.35, lon_deg = -101.75 }}
"
    );
    let s = parse_ok(&text);
    let e = s.engage.expect("[engage]");
    assert_eq!(
        (e.salvo(), e.decoys_per_rv, e.trials, e.assignment),
        (3, 4, 500, Assignment::Exact)
    );
    assert_eq!(e.areas[0].width_m, 200e3);
    assert_eq!((e.areas[0].window_s, e.detection_jitter_s), (60.0, 5.0));
    assert_eq!(e.salvo_sweep, [5]);
    assert_eq!(
        e.midcourse,
        [MidcourseSite {
            name: "gbi".into(),
            site: point(63.95, -145.7, 0.0),
            inventory: 10,
            pk: 0.5,
            flyout_speed_m_s: 7_000.0,
            doctrine: Doctrine::ShootLookShoot { shots: 1 },
            assess_s: 60.0,
            kill_assessment: 0.9,
            decision_s: 30.0,
            discrimination: 0.0,
            reserve: 0.0,
            sensor: "radar".into(),
        }]
    );
    assert_eq!(
        e.terminal,
        [TerminalBattery {
            name: "upper".into(),
            site: point(47.35, -101.75, 0.0),
            kind: TerminalKind::UpperTier,
            footprint_m: 200e3,
            min_altitude_m: 40e3,
            max_altitude_m: 150e3,
            inventory: 8,
            pk: 0.7,
            doctrine: Doctrine::Barrage { shots: 2 },
            assess_s: 10.0,
            kill_assessment: 0.9,
            sensor: "radar".into(),
        }]
    );
    assert_eq!(
        e.assets,
        [Asset {
            name: "aim".into(),
            site: point(47.35, -101.75, 0.0),
            value: 1.0,
            radius_m: 50e3,
        }]
    );
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);

    // The boost layer's defaults, with [sbi].
    let text = format!(
        "{MINIMAL_ENGAGE}[sbi]\naltitude_km = 400\ninclination_deg = 55\nplanes = 24\n\
         [engage]\n[engage.boost]\ncarriers = 1000\n"
    );
    let boost = parse_ok(&text).engage.and_then(|e| e.boost);
    assert_eq!(
        boost,
        Some(BoostLayerSpec {
            carriers: 1_000,
            pk: 0.8,
            shots: 1,
            pool: 2_048,
        })
    );

    // Without [engage], nothing, and no warnings.
    for name in ["sbi.toml", "sensor-layer.toml", "lofted.toml"] {
        let s = example(name);
        assert_eq!(s.engage, None, "{name}");
        assert!(s.warnings.is_empty(), "{name}: {:?}", s.warnings);
    }
}

/// A short-range battery warns when the reference launch flies beyond its
/// threat range, and not when it does not; an empty layer warns too.
#[test]
fn layers_that_can_never_engage_are_warnings() {
    let battery = |kind: &str, inventory: u32| {
        format!(
            "[engage]\n[[engage.terminal]]\nname = \"point defense\"\n\
             site = {{ lat_deg = 47.35, lon_deg = -101.75 }}\n{kind}\
             inventory = {inventory}\npk = 0.9\nsensor = \"radar\"\n"
        )
    };
    let short = "kind = \"short_range\"\nmax_threat_range_km = 70.0\n";
    // Against the 10,000 km ICBM.
    let text = format!("{MINIMAL_ENGAGE}{}", battery(short, 20));
    let s = parse("icbm.toml", &text).unwrap_or_else(|e| panic!("{:?}", e.problems()));
    assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
    let line = text
        .lines()
        .position(|l| l.starts_with("max_threat_range_km"))
        .expect("written")
        + 1;
    assert_eq!(
        s.warnings[0],
        format!(
            "icbm.toml:{line}:23: [[engage.terminal]] `point defense` engages threats of at \
             most 70 km range, but the reference launch `ICBM to North Dakota` flies 10000 km: \
             it never engages"
        )
    );
    // Against a 50 km shot (a second launch named as the reference): no
    // warning.
    let close = MINIMAL_ENGAGE.replace(
        "[[sensor]]",
        "[[launch]]\nname = \"short shot\"\nmissile = \"solid-icbm\"\n\
         site = { lat_deg = 47.35, lon_deg = -102.4 }\naim = { lat_deg = 47.35, lon_deg = -101.75 }\n\
         [[sensor]]",
    );
    let text = format!("{close}{}", battery(short, 20))
        .replace("[engage]\n", "[engage]\nlaunch = \"short shot\"\n");
    let s = parse("short.toml", &text).unwrap_or_else(|e| panic!("{:?}", e.problems()));
    assert_eq!(s.engage.as_ref().map(|e| e.areas[0].launch), Some(1));
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    // An upper-tier battery with no interceptors.
    let text = format!("{MINIMAL_ENGAGE}{}", battery("", 0));
    let s = parse("empty.toml", &text).unwrap_or_else(|e| panic!("{:?}", e.problems()));
    assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
    assert!(
        s.warnings[0].ends_with(
            "[[engage.terminal]] `point defense` has no interceptors (`inventory = 0`): it \
             never engages"
        ),
        "{:?}",
        s.warnings
    );
    // Warnings are not errors: a scenario with problems reports only those.
    let text = format!("{MINIMAL_ENGAGE}{}", battery("", 0)).replace("pk = 0.9", "pk = 9");
    let e = parse("bad.toml", &text).expect_err("pk 9 is refused");
    assert_eq!(e.problems().len(), 1, "{:?}", e.problems());
}

/// `scenarios/layered.toml` shows every `[stability]` key at its default,
/// with two of the three arsenal presets.
#[test]
fn stability_example() {
    let s = example("layered.toml");
    let stability = s.stability.expect("[stability]");
    let presets = presets();
    assert_eq!(presets.len(), 3);
    assert_eq!(
        stability,
        StabilitySpec {
            arsenals: vec![
                Arsenal {
                    name: "China-sized force".into(),
                    warheads: 600,
                    source: "SIPRI Yearbook 2025: about 600 Chinese warheads".into(),
                    areas: Vec::new(),
                },
                presets[2].clone(),
            ],
            ..StabilitySpec::default()
        }
    );
    assert_eq!(stability.arsenals[1].warheads, 1_550);
    assert_eq!(stability.caps.midcourse, Some(100));
    assert_eq!(stability.midcourse_musd, 125.0);
    assert_eq!(stability.terminal_musd, 10.2);
    assert_eq!(stability.sbi_musd, None);
    let json = serde_json::to_value(&stability).expect("serializes");
    assert_eq!(json["race"]["defense"]["goal"], 0.5);
}

#[test]
fn stability_defaults_and_overrides() {
    let parse_ok = |text: &str| {
        parse("stability.toml", text).unwrap_or_else(|e| {
            let list: Vec<String> = e.problems().iter().map(ToString::to_string).collect();
            panic!("{}", list.join("\n"))
        })
    };
    // An empty [stability]: every default, the three presets.
    let s = parse_ok(&format!("{MINIMAL_ENGAGE}[engage]\n[stability]\n"));
    assert_eq!(s.stability, Some(StabilitySpec::default()));
    assert_eq!(s.stability.map(|z| z.arsenals), Some(presets()));

    // Every key changed from its default.
    let text = format!(
        "{MINIMAL_ENGAGE}[engage]
[stability]
trials = 200
sbi_musd = 90
midcourse_musd = 80.5
terminal_musd = 14.5
exchange_missiles = 3
carriers = [0, 500]
[stability.attacker]
missile_musd = 40
rv_musd = 4
decoy_musd = 0
fast_burn_musd = 20
asat_musd = 12
[stability.options]
max_missiles = 30
decoys = [0, 10]
fast_burn = false
fast_burn_boost_s = 90
concentrate = false
asat = [0]
[stability.race]
rounds = 4
defense_goal = 0
offense_goal = 1.5
defense_budget_musd = 1000
offense_budget_musd = 200
max_carriers = 250
max_interceptors = 50
max_terminal = 30
[stability.caps]
midcourse = 0
sbi = 2000
[[stability.arsenal]]
name = \"small\"
warheads = 10
source = \"an assumption\"
"
    );
    let z = parse_ok(&text).stability.expect("[stability]");
    assert_eq!((z.trials, z.exchange_missiles), (200, 3));
    assert_eq!(
        (z.sbi_musd, z.midcourse_musd, z.terminal_musd),
        (Some(90.0), 80.5, 14.5)
    );
    assert_eq!(z.carriers, [0, 500]);
    assert_eq!(
        (
            z.attacker.missile_musd,
            z.attacker.rv_musd,
            z.attacker.decoy_musd,
            z.attacker.fast_burn_musd,
            z.attacker.asat_musd
        ),
        (40.0, 4.0, 0.0, 20.0, 12.0)
    );
    let o = &z.options;
    assert_eq!(
        (o.max_missiles, o.fast_burn, o.concentrate),
        (30, false, false)
    );
    assert_eq!(
        (o.decoys.as_slice(), o.asat.as_slice()),
        (&[0, 10][..], &[0][..])
    );
    assert_eq!(o.fast_burn_boost_s, 90.0);
    let r = &z.race;
    assert_eq!(r.rounds, 4);
    assert_eq!((r.defense.goal, r.offense_goal), (0.0, 1.5));
    assert_eq!(
        (r.defense_budget_musd, r.offense_budget_musd),
        (1_000.0, 200.0)
    );
    assert_eq!(
        (
            r.defense.max_carriers,
            r.defense.max_interceptors,
            r.defense.max_terminal
        ),
        (250, 50, 30)
    );
    assert_eq!(
        z.caps,
        Caps {
            midcourse: Some(0),
            sbi: Some(2_000),
        }
    );
    assert_eq!(
        z.arsenals,
        [Arsenal {
            name: "small".into(),
            warheads: 10,
            source: "an assumption".into(),
            areas: Vec::new(),
        }]
    );

    // Without [stability], nothing.
    for name in ["sbi.toml", "sensor-layer.toml", "lofted.toml"] {
        assert_eq!(example(name).stability, None, "{name}");
    }
}

/// The inline scenario `[cost]` tests start from: one launch and `cost`.
fn with_cost(cost: &str) -> Scenario {
    let text = format!(
        "[scenario]\nname = \"cost\"\n\n[[launch]]\nmissile = \"solid-icbm\"\n\
         site = {{ lat_deg = 41.0, lon_deg = 100.0 }}\naim = {{ lat_deg = 47.35, lon_deg = -101.75 }}\n\n{cost}"
    );
    parse("cost.toml", &text).unwrap_or_else(|e| {
        let list: Vec<String> = e.problems().iter().map(ToString::to_string).collect();
        panic!("{e}\n{}", list.join("\n"))
    })
}

#[test]
fn cost_example() {
    let s = example("cost.toml");
    let spec = s.cost.expect("[cost]");
    assert_eq!(
        (spec.base_year, spec.dollars_year, spec.horizon_years),
        (2026, 2026, 20)
    );
    assert!(spec.inflation.is_empty());
    let names: Vec<&str> = spec.elements.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["SBI", "tracking layer", "battle management"]);
    // The preset's element comes first, unchanged.
    assert_eq!(
        spec.elements[0],
        presets::cbo_2026_space_layer().elements[0]
    );
    let tracking = &spec.elements[1];
    assert_eq!(tracking.layer, "sensors");
    assert_eq!(tracking.count, 96);
    assert_eq!(tracking.unit, UnitCost::Average { musd: 47.0 });
    assert_eq!(tracking.life_years, Some(5.0));
    assert_eq!((tracking.development_years, tracking.deploy_year), (3, 2));
    let bm = &spec.elements[2];
    assert_eq!(
        bm.unit,
        UnitCost::FirstUnit {
            musd: 1500.0,
            learning: Learning::Crawford { slope: 0.9 }
        }
    );
    assert_eq!(bm.life_years, None);
    assert_eq!(tracking.production_per_year, Some(48));
    assert_eq!(
        tracking.orbit,
        Some(OrbitKeeping {
            altitude_m: 1_000e3,
            ballistic_kg_m2: 100.0,
            isp_s: 220.0
        })
    );
    assert_eq!(
        spec.solar,
        SolarActivity {
            f107_sfu: 140.0,
            ap: 15.0
        }
    );
    // Costed: the SBI line is the preset's $723.4 billion in this model;
    // the layers are reported in file order.
    let r = life_cycle(&spec).expect("costs");
    let layers: Vec<&str> = r.by_layer.iter().map(|l| l.0.as_str()).collect();
    assert_eq!(layers, ["space", "sensors", "battle management"]);
    let preset = life_cycle(&presets::cbo_2026_space_layer())
        .expect("costs")
        .total_musd;
    assert!(close(r.by_layer[0].1, preset));
    // Battle management: 1,500 + 1,350 of procurement, 5,000 of
    // development, 20 × 500 of operations.
    assert!(close(
        r.by_layer[2].1,
        1_500.0 + 1_350.0 + 5_000.0 + 10_000.0
    ));
    // Tracking: 48 a year, so cohorts of 48 in years 2 and 3, each
    // replaced every 5 years: 384 in all.
    let t = r.element("tracking layer").expect("tracking");
    assert_eq!(t.units_procured, 4 * 96);
    let years: Vec<usize> = (0..20).filter(|&y| t.by_year[y].bought > 0).collect();
    assert_eq!(years, [2, 3, 7, 8, 12, 13, 17, 18]);
    assert!(close(t.operations_musd, 18.0 * 300.0));
    // Sensors: 2,000 + 384 × 47 + 384 × 700 kg × $500/kg + 18 × 300; the
    // propellant at 1,000 km is a few grams (within 1e-6).
    let sensors = 2_000.0 + 18_048.0 + 134.4 + 5_400.0;
    assert!((r.by_layer[1].1 / sensors - 1.0).abs() < 1e-6);
    assert!((r.total_musd / (preset + sensors + 17_850.0) - 1.0).abs() < 1e-6);
}

/// The station-keeping and rate keys of an element, and the preset's SBIs
/// at the scenario's [sbi] altitude.
#[test]
fn cost_rates_and_orbits() {
    let s = with_cost(
        "[cost]
solar_flux_sfu = 250.0
ap_index = 45.0
[[cost.element]]
name = \"x\"
\
         layer = \"space\"
count = 10
unit_cost_musd = 2.0
mass_kg = 500.0
\
         launch_usd_per_kg = 1000.0
life_years = 5.0
production_per_year = 4
\
         launch_kg_per_year = 4000.0
altitude_km = 350.0
station_keeping_isp_s = 300.0
",
    );
    let spec = s.cost.expect("[cost]");
    assert_eq!(
        spec.solar,
        SolarActivity {
            f107_sfu: 250.0,
            ap: 45.0
        }
    );
    let e = &spec.elements[0];
    assert_eq!(
        (e.production_per_year, e.launch_kg_per_year),
        (Some(4), Some(4000.0))
    );
    let orbit = e.orbit.expect("an orbit");
    assert_eq!(
        (orbit.altitude_m, orbit.ballistic_kg_m2, orbit.isp_s),
        (350e3, 100.0, 300.0)
    );
    let r = life_cycle(&spec).expect("costs");
    let x = &r.by_element[0];
    // 4 a year by production (the launch capacity lifts 5 of ~765 kg,
    // 265 kg of it propellant against the drag of a high solar maximum):
    // 4, 4, 2, then each cohort again 5 years on.
    assert_eq!(x.units_per_year, Some(4));
    let bought: Vec<u64> = x.by_year.iter().map(|y| y.bought).collect();
    assert_eq!(&bought[..8], [4, 4, 2, 0, 0, 4, 4, 2]);

    // A preset's SBIs take the [sbi] altitude; the default preset is at
    // 400 km, this one at 300 km, and costs more launch.
    let mut text = std::fs::read_to_string(scenarios_dir().join("sbi.toml")).expect("sbi.toml");
    text.push_str("\n[cost]\npreset = \"cbo-2026\"\n");
    let s = parse(
        "sbi.toml",
        &text.replace("altitude_km = 500.0", "altitude_km = 300.0"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let spec = s.cost.expect("[cost]");
    let layer = s.sbi.expect("[sbi]");
    let orbit = spec.elements[0].orbit.expect("an orbit");
    assert_eq!(orbit.altitude_m, layer.altitude_m);
    let low = life_cycle(&spec).expect("costs").category(Category::Launch);
    let default = life_cycle(&presets::cbo_2026_space_layer())
        .expect("costs")
        .category(Category::Launch);
    assert!(low > default, "{low} vs {default}");
}

#[test]
fn cost_defaults_and_inflation() {
    // No preset: 2026 dollars, 20 years, a unit that lasts the horizon.
    let s = with_cost(
        "[cost]\n[[cost.element]]\nname = \"x\"\nlayer = \"space\"\ncount = 10\nunit_cost_musd = 2.0\n",
    );
    let spec = s.cost.expect("[cost]");
    assert_eq!(
        (spec.base_year, spec.dollars_year, spec.horizon_years),
        (2026, 2026, 20)
    );
    let e = &spec.elements[0];
    assert_eq!(e.life_years, None);
    assert_eq!(
        (e.mass_kg, e.launch_usd_per_kg, e.ops_musd_per_year),
        (0.0, 0.0, 0.0)
    );
    assert_eq!((e.development_musd, e.deploy_year), (0.0, 0));
    assert!(close(life_cycle(&spec).expect("costs").total_musd, 20.0));

    // The boost-2004 preset brings its years; an inflation table converts
    // 2025 dollars to 2026 dollars.
    let s = with_cost(
        "[cost]\npreset = \"boost-2004\"\nbase_year = 2026\n\n[cost.inflation]\n\
         years = [2020, 2025, 2026]\nindex = [0.85, 0.97, 1.0]\n",
    );
    let spec = s.cost.expect("[cost]");
    assert_eq!((spec.base_year, spec.dollars_year), (2026, 2025));
    assert_eq!(
        spec.inflation,
        vec![(2020, 0.85), (2025, 0.97), (2026, 1.0)]
    );
    let in_2026 = life_cycle(&spec).expect("costs").total_musd;
    let in_2025 = life_cycle(&presets::boost_phase_2004_style())
        .expect("costs")
        .total_musd;
    assert!(close(in_2026, in_2025 / 0.97));

    // A Wright curve from the first unit.
    let s = with_cost(
        "[cost]\nhorizon_years = 10\n[[cost.element]]\nname = \"x\"\nlayer = \"l\"\ncount = 8\n\
         first_unit_musd = 10.0\nlearning = \"wright\"\nlearning_slope = 0.8\n",
    );
    let spec = s.cost.expect("[cost]");
    assert_eq!(spec.horizon_years, 10);
    // The average of 8 units at 80% is 0.512 of the first.
    assert!(close(
        life_cycle(&spec).expect("costs").total_musd,
        8.0 * 10.0 * 0.512
    ));
    // A scenario without [cost] has none.
    assert!(default_scenario().cost.is_none());
}

/// What the reader accepts, the domain types accept too: the engagement
/// spec of every example passes `EngageSpec::validate`.
#[test]
fn every_example_engagement_passes_its_own_validation() {
    let mut checked = 0;
    for entry in std::fs::read_dir(scenarios_dir()).expect("scenarios directory") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        let name = path.file_name().and_then(|n| n.to_str()).expect("name");
        if let Some(spec) = &example(name).engage {
            spec.validate().unwrap_or_else(|e| panic!("{name}: {e}"));
            checked += 1;
        }
    }
    assert!(checked >= 1, "no example has an [engage] table");
}

/// `[[area]]` tables that no study reads are accepted with a warning at
/// the first of them.
#[test]
fn unused_areas_are_a_warning() {
    let text = "[scenario]\nname = \"unused areas\"\n[[launch]]\nname = \"ICBM\"\n\
                missile = \"solid-icbm\"\nsite = { lat_deg = 41.0, lon_deg = 100.0 }\n\
                aim = { lat_deg = 47.35, lon_deg = -101.75 }\n[[area]]\nname = \"north\"\n\
                launch = \"ICBM\"\n";
    let s = parse("areas.toml", text).unwrap_or_else(|e| panic!("{:?}", e.problems()));
    assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
    assert!(
        s.warnings[0].starts_with("areas.toml:8:3: the [[area]] tables are not used"),
        "{:?}",
        s.warnings
    );
}
