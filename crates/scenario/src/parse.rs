//! The top of a scenario file: `[scenario]`, `[physics]`, and the walk that
//! hands `[[missile]]`, `[[launch]]`, `[[constellation]]`, `[[sensor]]`,
//! `[coverage]`, `[detect]`, `[sbi]`, `[size]`, `[asat]`, `[engage]` and
//! `[stability]` to their readers (after `[sources]`, whose citations they
//! take).

use std::path::Path;

use cupola_physics::gravity::GravityModel;
use cupola_threat::FlightOptions;
use hifitime::Epoch;
use toml_edit::Document;

use crate::area::{Raid, read_areas};
use crate::constellation::read_constellations;
use crate::context::{Ctx, closest, one_of};
use crate::cost::read_cost;
use crate::engage::{EngageInputs, read_engage, sensor_names};
use crate::epoch::read_epoch;
use crate::key::{KeyDescriptor, KeyKind};
use crate::launch::read_launches;
use crate::missile::read_missiles;
use crate::problem::{ProblemKind, ScenarioError};
use crate::published::{Defined, read_published};
use crate::reader::{Field, TableReader};
use crate::sbi::{declares, launch_names, read_asat, read_sbi, read_size};
use crate::sensor::read_sensors;
use crate::sources::read_sources;
use crate::stability::read_stability;
use crate::study::{read_coverage, read_detect};
use crate::{Anchors, Scenario, fnv1a_hex};

/// Where the catalog files a scenario names are read from.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Files<'a> {
    /// Nowhere: [`crate::parse`] reads no files.
    None,
    /// Relative to this directory, or to the current directory when `None`.
    Base(Option<&'a Path>),
}

/// Top-level tables.
pub(crate) const ROOT_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::table("scenario")
        .optional()
        .example("[scenario]")
        .doc("name, description and seed"),
    KeyDescriptor::table("physics")
        .optional()
        .example("[physics]")
        .doc("gravity model, Earth rotation, drag"),
    KeyDescriptor::tables("missile")
        .optional()
        .example("[[missile]]")
        .doc("inline missile definitions"),
    KeyDescriptor::tables("launch")
        .optional()
        .example("[[launch]]")
        .doc("the launches to simulate"),
    KeyDescriptor::tables("area")
        .optional()
        .example("[[area]]")
        .doc("the launch areas of the raid that sizing and engagement face (a national laydown)"),
    KeyDescriptor::tables("constellation")
        .optional()
        .example("[[constellation]]")
        .doc("satellites in orbit: Walker shells, explicit orbits or a TLE/OMM catalog"),
    KeyDescriptor::tables("sensor")
        .optional()
        .example("[[sensor]]")
        .doc("infrared, tracking-layer and radar sensors"),
    KeyDescriptor::table("coverage")
        .optional()
        .example("[coverage]")
        .doc("settings of the constellation coverage study"),
    KeyDescriptor::table("detect")
        .optional()
        .example("[detect]")
        .doc("settings of the detection study"),
    KeyDescriptor::table("sbi")
        .optional()
        .example("[sbi]")
        .doc("the space-based interceptor layer"),
    KeyDescriptor::table("size")
        .optional()
        .example("[size]")
        .doc("settings of the sizing study (needs [sbi])"),
    KeyDescriptor::table("asat")
        .optional()
        .example("[asat]")
        .doc("the anti-satellite reach of the SBI layer (needs [sbi])"),
    KeyDescriptor::table("engage")
        .optional()
        .example("[engage]")
        .doc("the layered engagement study: boost, midcourse and terminal layers"),
    KeyDescriptor::table("stability")
        .optional()
        .example("[stability]")
        .doc("the stability study: attacker costs, arms race, retaliation (needs [engage])"),
    KeyDescriptor::table("cost")
        .optional()
        .example("[cost]")
        .doc("the life-cycle cost study: a preset and the elements costed"),
    KeyDescriptor::tables("published")
        .optional()
        .example("[[published]]")
        .doc("figures a published study reports, for `cupola reproduce` to compare with cupola's"),
    KeyDescriptor::table("sources")
        .optional()
        .example("[sources]")
        .doc("where the values the file sets come from: a key path mapped to its source"),
];

/// Keys of `[scenario]`.
pub(crate) const SCENARIO_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::text("name")
        .rule("not empty")
        .example("name = \"my study\"")
        .doc("a short title for reports"),
    KeyDescriptor::text("description")
        .or_text("")
        .example("description = \"what this studies\"")
        .doc("free text")
        .setting(),
    KeyDescriptor::integer("seed")
        .or_integer(1)
        .rule("≥ 0")
        .example("seed = 1")
        .doc("master random seed, a non-negative integer, default 1")
        .more("Monte Carlo streams derive from it")
        .setting(),
    KeyDescriptor::new("epoch", KeyKind::Other("string (or TOML date-time)"))
        .or_text(crate::DEFAULT_EPOCH)
        .rule("a date in the years 1900–2200")
        .example("epoch = \"2026-01-01T00:00:00 UTC\"")
        .doc("simulation time zero, default 2026-01-01T00:00:00 UTC")
        .setting(),
];

/// The `[scenario]` values.
struct Header {
    name: String,
    description: String,
    seed: u64,
    epoch: Epoch,
}

/// Keys of `[physics]`.
pub(crate) const PHYSICS_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::text("gravity")
        .or_text("j2")
        .rule("`\"j2\"`, `\"point_mass\"`")
        .example("gravity = \"j2\"")
        .doc("gravity field: point mass plus the J2 oblateness term, or point mass only")
        .setting(),
    KeyDescriptor::boolean("rotating_earth")
        .or_bool(true)
        .example("rotating_earth = true")
        .doc("whether the Earth rotates under the flight")
        .setting(),
    KeyDescriptor::boolean("drag")
        .or_bool(true)
        .example("drag = true")
        .doc("whether the US 1976 standard atmosphere drags on missile and RV")
        .setting(),
];

/// Gravity models accepted by `gravity`.
const GRAVITY: [&str; 2] = ["j2", "point_mass"];

/// Parse and check a whole scenario, reading catalog files from `files`;
/// see [`crate::parse`] and [`crate::parse_with_base`].
pub(crate) fn parse(
    source_name: &str,
    text: &str,
    files: Files<'_>,
) -> Result<Scenario, ScenarioError> {
    let mut ctx = Ctx::new(source_name, text);
    let doc = match Document::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let span = e.span().unwrap_or(text.len()..text.len());
            let message = e.message().trim_end().to_owned();
            let p = ctx
                .at(ProblemKind::Syntax, span, format!("invalid TOML: {message}"))
                .with_help("fix the TOML syntax; strings need double quotes, tables are written [name], arrays of tables [[name]]");
            ctx.push(p);
            return Err(invalid(source_name, ctx));
        }
    };
    let root = TableReader::new(doc.as_table(), 0..0, "the top level of the file", ROOT_KEYS);
    // The file's sources first: the key readers take them as they read.
    read_sources(&mut ctx, &root, doc.as_table());
    let catalog = cupola_threat::catalog::all();
    let catalog_names: Vec<String> = catalog.iter().map(|m| m.name.clone()).collect();

    // [scenario]
    let mut anchor = 0..0;
    let header = match root.table(&mut ctx, "scenario", "[scenario]", SCENARIO_KEYS) {
        Field::Given(t) => {
            anchor = t.span.clone();
            read_header(&mut ctx, &t.value)
        }
        Field::Absent => {
            ctx.report(
                ProblemKind::MissingKey,
                0..0,
                "the file has no [scenario] table",
                "start the file with\n[scenario]\nname = \"my study\"",
            );
            None
        }
        Field::Invalid => None,
    };

    // [physics]
    let flight = match root.table(&mut ctx, "physics", "[physics]", PHYSICS_KEYS) {
        Field::Given(t) => read_physics(&mut ctx, &t.value),
        Field::Absent => Some(FlightOptions::default()),
        Field::Invalid => None,
    };

    let declared = read_missiles(&mut ctx, &root, &catalog_names);
    let launches = read_launches(&mut ctx, &root, &declared, &catalog, &anchor);
    let epoch = header.as_ref().map(|h| h.epoch);
    let constellations = read_constellations(&mut ctx, &root, files, epoch);
    // Every name declared, once, even of a constellation with problems (so
    // that a sensor naming it gets no second complaint).
    let mut constellation_names: Vec<&str> = Vec::new();
    for c in &constellations {
        if !c.name.trim().is_empty() && !constellation_names.contains(&c.name.as_str()) {
            constellation_names.push(&c.name);
        }
    }
    let sensors = read_sensors(&mut ctx, &root, &constellation_names);
    let satellite_counts: Vec<(&str, usize)> = constellations
        .iter()
        .filter_map(|c| {
            c.spec
                .as_ref()
                .map(|s| (c.name.as_str(), s.satellite_count()))
        })
        .collect();
    let coverage = read_coverage(&mut ctx, &root, &constellation_names, &satellite_counts);
    let detect = read_detect(&mut ctx, &root);
    let sbi = read_sbi(&mut ctx, &root, declares(&root, "sensor"));
    let has_sbi = root.entry("sbi").is_some();
    let launch_names = launch_names(&root);
    let areas = read_areas(&mut ctx, &root, &launch_names);
    let raid = Raid {
        launches: &launch_names,
        areas: areas.as_deref(),
        declared: root.entry("area").is_some(),
    };
    if raid.declared && root.entry("size").is_none() && root.entry("engage").is_none() {
        let span = root.key_span("area");
        ctx.warn(
            &span,
            "the [[area]] tables are not used: only [size] and [engage] (and the stability \
             study through [engage]) take their raid from them",
        );
    }
    let size = read_size(&mut ctx, &root, has_sbi, &raid);
    let asat = read_asat(&mut ctx, &root, has_sbi, &constellation_names);
    let engage = read_engage(
        &mut ctx,
        &root,
        &EngageInputs {
            has_sbi,
            raid: &raid,
            launches: &launches,
            sensors: &sensors,
            sensor_names: &sensor_names(&root),
        },
    );
    // `None` when an [[area]] was invalid (already reported): the arsenals'
    // areas are then not checked against them.
    let area_names: Option<Vec<String>> = areas
        .as_ref()
        .map(|v| v.iter().map(|a| a.name.clone()).collect());
    let stability = read_stability(
        &mut ctx,
        &root,
        root.entry("engage").is_some(),
        area_names.as_deref(),
    );
    let sbi_altitude_m = sbi
        .as_ref()
        .and_then(|s| s.as_ref())
        .map(|l| l.spec.altitude_m);
    let cost = read_cost(&mut ctx, &root, sbi_altitude_m);
    let published = read_published(
        &mut ctx,
        &root,
        &Defined {
            sizing: has_sbi && root.entry("size").is_some(),
            cost: root.entry("cost").is_some(),
            engagement: root.entry("engage").is_some(),
        },
    );
    root.finish(&mut ctx);

    if ctx.has_problems() {
        return Err(invalid(source_name, ctx));
    }
    let (
        Some(header),
        Some(flight),
        Some(coverage),
        Some(detect),
        Some(sbi),
        Some(size),
        Some(asat),
        Some(engage),
        Some(cost),
    ) = (
        header, flight, coverage, detect, sbi, size, asat, engage, cost,
    )
    else {
        // Every path that yields `None` records a problem; stay safe anyway.
        return Err(invalid(source_name, ctx));
    };
    let (Some(stability), Some(published)) = (stability, published) else {
        return Err(invalid(source_name, ctx));
    };
    let missiles = declared.into_iter().filter_map(|d| d.missile).collect();
    // Where the checks made when the scenario's model flies its launches
    // report.
    let anchors = Anchors {
        sbi_deadline: sbi.as_ref().map(|s| ctx.anchor(&s.deadline_span)),
        sbi_detection: sbi
            .as_ref()
            .and_then(|s| s.detection_span.as_ref())
            .map(|span| ctx.anchor(span)),
    };
    let warnings = ctx.take_warnings();
    let used = ctx.take_used();
    Ok(Scenario {
        name: header.name,
        description: header.description,
        seed: header.seed,
        epoch: header.epoch,
        flight,
        missiles,
        launches,
        constellations: constellations.into_iter().filter_map(|c| c.spec).collect(),
        sensors,
        coverage,
        detect,
        sbi: sbi.map(|s| s.spec),
        anchors,
        size,
        asat,
        engage,
        stability,
        cost,
        published,
        warnings,
        used,
        source_name: source_name.to_owned(),
        hash: fnv1a_hex(text),
    })
}

fn invalid(source_name: &str, ctx: Ctx) -> ScenarioError {
    ScenarioError::Invalid {
        file: source_name.to_owned(),
        problems: ctx.into_problems(),
    }
}

fn read_header(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Header> {
    let name = t.req_string(ctx, "name").and_then(|n| {
        if n.value.trim().is_empty() {
            ctx.report(
                ProblemKind::InvalidValue,
                n.span,
                "the scenario `name` must not be empty",
                "give a short title, e.g. `name = \"one solid ICBM over 10,000 km\"`",
            );
            None
        } else {
            Some(n.value)
        }
    });
    let description = t.text(ctx, "description").given();
    let seed = t.int(ctx, "seed").given();
    let epoch = read_epoch(ctx, t);
    t.finish(ctx);
    Some(Header {
        name: name?,
        description: description?.value,
        seed: seed?.value,
        epoch: epoch?,
    })
}

fn read_physics(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<FlightOptions> {
    let defaults = FlightOptions::default();
    let gravity = t.string(ctx, "gravity").given().map_or_else(
        || Some(defaults.gravity),
        |g| match g.value.as_str() {
            "j2" => Some(GravityModel::J2),
            "point_mass" => Some(GravityModel::PointMass),
            other => {
                let help = match closest(other, GRAVITY) {
                    Some(best) => format!(
                        "did you mean \"{best}\"? The models are {}",
                        one_of(&GRAVITY)
                    ),
                    None => format!("the gravity models are {}", one_of(&GRAVITY)),
                };
                ctx.report(
                    ProblemKind::InvalidValue,
                    g.span,
                    format!("unknown gravity model \"{other}\""),
                    help,
                )
                .relabel("unknown model");
                None
            }
        },
    );
    let rotating_earth = t.flag(ctx, "rotating_earth");
    let drag = t.flag(ctx, "drag");
    t.finish(ctx);
    Some(FlightOptions {
        gravity: gravity?,
        rotating_earth: rotating_earth?,
        drag: drag?,
        ..defaults
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::KeyDefault;

    /// The described defaults of `[physics]` are [`FlightOptions::default`].
    #[test]
    fn described_physics_defaults_are_the_flight_defaults() {
        let d = FlightOptions::default();
        let default = |key: &str| {
            PHYSICS_KEYS
                .iter()
                .find(|k| k.name == key)
                .map(|k| k.default)
        };
        assert_eq!(
            default("rotating_earth"),
            Some(KeyDefault::Bool(d.rotating_earth))
        );
        assert_eq!(default("drag"), Some(KeyDefault::Bool(d.drag)));
        assert_eq!(d.gravity, GravityModel::J2);
        assert_eq!(default("gravity"), Some(KeyDefault::Text("j2")));
    }
}
